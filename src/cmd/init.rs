//! `rolebook init [DIR]`: a new site that builds at once: site.toml with
//! the standard kinds, relations and facets, example entries and a
//! comparison (from `src/scaffold/`), the front-matter schema wired up for
//! VS Code, and with `--theme` a copy of the default theme to customize.

use super::Outcome;
use crate::cli::InitArgs;
use crate::config::{self, CONFIG_FILE};
use crate::diag::Diagnostics;
use crate::error::{Error, Result};
use crate::resolve::dates::{format_date, today};
use crate::term::outln;
use std::path::Path;

/// Where `init` writes the schema, relative to the site root.
pub(super) const SCHEMA_FILE: &str = "rolebook.schema.json";

/// The scaffold: path → text; `{{ date }}` becomes today's date.
const SCAFFOLD: &[(&str, &str)] = &[
    (CONFIG_FILE, include_str!("../scaffold/site.toml")),
    ("content/product-owner.md", include_str!("../scaffold/content/product-owner.md")),
    ("content/product-manager.md", include_str!("../scaffold/content/product-manager.md")),
    ("content/product-backlog.md", include_str!("../scaffold/content/product-backlog.md")),
    ("content/product-roadmap.md", include_str!("../scaffold/content/product-roadmap.md")),
    ("content/compare/po-vs-pm.md", include_str!("../scaffold/content/compare/po-vs-pm.md")),
];

/// VS Code settings mapping the schema to the content files (see README:
/// the YAML extension does not yet read front matter inside Markdown).
const VSCODE_SETTINGS: &str =
    "{\n  \"yaml.schemas\": {\n    \"./rolebook.schema.json\": [\"content/**/*.md\"]\n  }\n}\n";

/// Creates a site in `dir`; returns the files written, relative to `dir`.
/// Refuses when `dir` already holds a site.toml or a content/ folder.
pub fn init(dir: &Path, theme: bool) -> Result<Vec<String>> {
    for existing in [CONFIG_FILE, crate::load::CONTENT_DIR] {
        if dir.join(existing).exists() {
            let message = format!("{} already has {existing}; nothing was written", dir.display());
            return Err(Error::Usage(message));
        }
    }
    let date = format_date(today());
    let mut files: Vec<(String, Vec<u8>)> =
        SCAFFOLD.iter().map(|(p, t)| ((*p).to_owned(), t.replace("{{ date }}", &date).into_bytes())).collect();
    let config = config::parse(SCAFFOLD[0].1, &mut Diagnostics::new());
    files.push((SCHEMA_FILE.to_owned(), crate::schema::to_text(&config).into_bytes()));
    for (path, bytes) in [(".vscode/settings.json", VSCODE_SETTINGS), (".gitignore", "/public/\n/.public.*\n")] {
        if !dir.join(path).exists() {
            files.push((path.to_owned(), bytes.as_bytes().to_vec()));
        }
    }
    if theme {
        let theme_files = crate::render::theme::default_files();
        files.extend(theme_files.into_iter().map(|(p, b)| (format!("themes/default/{p}"), b.to_vec())));
    }
    for (relative, bytes) in &files {
        write_new(&dir.join(relative), bytes)?;
    }
    Ok(files.into_iter().map(|(p, _)| p).collect())
}

pub(super) fn run(args: &InitArgs) -> Result<Outcome> {
    let files = init(&args.dir, args.theme)?;
    let entries = files.iter().filter(|f| f.starts_with("content/") && !f.starts_with("content/compare/")).count();
    let shown = args.dir.display();
    let entries = super::build::counted(entries, "example entry", "example entries");
    outln!("created a site in {shown}: site.toml, {entries}, 1 comparison, {SCHEMA_FILE}");
    if args.theme {
        outln!("copied the default theme into {}", args.dir.join("themes/default").display());
    }
    let here = args.dir == Path::new(".");
    let root = if here { String::new() } else { format!(" --root {shown}") };
    let public = args.dir.join("public").join("index.html");
    let content = args.dir.join("content");
    let public = if here { public.strip_prefix(".").unwrap_or(&public) } else { &public };
    let content = if here { content.strip_prefix(".").unwrap_or(&content) } else { &content };
    outln!("next: edit the entries in {}/, then", content.display());
    outln!("      rolebook build{root}   (then open {})", public.display());
    Ok(Outcome::Success)
}

fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("create folder", parent, e))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::io("create", path, e))?;
    std::io::Write::write_all(&mut file, bytes).map_err(|e| Error::io("write", path, e))
}
