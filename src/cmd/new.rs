//! `rolebook new "Title" --kind KIND`: writes `content/<slug>.md` from the
//! kind's archetype (`themes/<theme>/archetypes/<kind>.md`, or a built-in
//! one that stubs every field of the kind), with `updated` set to today.
//! Never overwrites a file.

use super::Outcome;
use crate::cli::NewArgs;
use crate::config::{self, KindDef, SiteConfig, CONFIG_FILE};
use crate::diag::Diagnostics;
use crate::error::{Error, Result};
use crate::load::CONTENT_DIR;
use crate::resolve::dates::{format_date, today};
use crate::slug::{is_reserved, slugify};
use crate::term::outln;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Writes a new entry into the site at `root` and returns its path.
pub fn new_entry(root: &Path, title: &str, kind: Option<&str>, abbr: Option<&str>) -> Result<PathBuf> {
    let config = read_config(root)?;
    let kind = pick_kind(&config, kind)?;
    let slug = slugify(title);
    if slug.is_empty() || is_reserved(&slug) {
        return Err(Error::Usage(format!("cannot make a file name from the title {title:?}; choose another title")));
    }
    let relative = format!("{CONTENT_DIR}/{slug}.md");
    let path = root.join(&relative);
    let archetype = root.join("themes").join(&config.theme).join("archetypes").join(format!("{}.md", kind.key));
    let text = if archetype.is_file() {
        let template = std::fs::read_to_string(&archetype).map_err(|e| Error::io("read", &archetype, e))?;
        fill_archetype(&template, title, &kind.key, abbr, &slug)
    } else {
        built_in(&config, kind, title, abbr)
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("create folder", parent, e))?;
    }
    // create_new: refuse to overwrite, even if the file appeared meanwhile.
    let file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path);
    let mut file = match file {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(Error::Usage(format!("{relative} already exists; nothing was written")));
        }
        Err(e) => return Err(Error::io("create", &path, e)),
    };
    std::io::Write::write_all(&mut file, text.as_bytes()).map_err(|e| Error::io("write", &path, e))?;
    Ok(path)
}

pub(super) fn run(args: &NewArgs) -> Result<Outcome> {
    let path = new_entry(&args.root, &args.title, args.kind.as_deref(), args.abbr.as_deref())?;
    let shown = if args.root == Path::new(".") { path.strip_prefix(".").unwrap_or(&path) } else { &path };
    outln!("{}", shown.display());
    Ok(Outcome::Success)
}

fn read_config(root: &Path) -> Result<SiteConfig> {
    let path = root.join(CONFIG_FILE);
    if !path.is_file() {
        return Err(Error::NoSite(root.to_path_buf()));
    }
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io("read", &path, e))?;
    Ok(config::parse(&text, &mut Diagnostics::new()))
}

fn pick_kind<'a>(config: &'a SiteConfig, kind: Option<&str>) -> Result<&'a KindDef> {
    let declared: Vec<&str> = config.kinds.iter().map(|k| k.key.as_str()).collect();
    let Some(key) = kind.or(config.default_kind.as_deref()) else {
        return Err(Error::Usage(format!("say which kind with --kind: one of {}", declared.join(", "))));
    };
    config.kind(key).ok_or_else(|| {
        let hint = crate::diag::suggest::closest(key, declared.iter().copied());
        let hint = hint.map(|h| format!("did you mean `{h}`? ")).unwrap_or_default();
        Error::Usage(format!("unknown kind `{key}`; {hint}site.toml declares: {}", declared.join(", ")))
    })
}

/// A YAML double-quoted scalar (JSON strings are valid YAML).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".into())
}

/// Replaces `{{ title }}`, `{{ abbr }}`, `{{ kind }}`, `{{ slug }}` (as
/// quoted YAML strings) and `{{ date }}` (today, `YYYY-MM-DD`).
fn fill_archetype(template: &str, title: &str, kind: &str, abbr: Option<&str>, slug: &str) -> String {
    let values = [
        ("title", quoted(title)),
        ("abbr", quoted(abbr.unwrap_or(""))),
        ("kind", quoted(kind)),
        ("slug", quoted(slug)),
        ("date", format_date(today())),
    ];
    let mut text = template.to_owned();
    for (name, value) in &values {
        text = text.replace(&format!("{{{{ {name} }}}}"), value).replace(&format!("{{{{{name}}}}}"), value);
    }
    text
}

/// The built-in archetype: every field of the kind, with `TODO` text where
/// the author has to write something, so the stub passes `check` with an
/// `orphan` warning until something links to it and a `placeholder` warning
/// at each `TODO` and example address left to replace.
fn built_in(config: &SiteConfig, kind: &KindDef, title: &str, abbr: Option<&str>) -> String {
    let mut out = String::from("---\n");
    let _ = writeln!(out, "title: {}", quoted(title));
    match abbr {
        Some(abbr) => {
            let _ = writeln!(out, "abbr: {}", quoted(abbr));
        }
        None => out.push_str("# abbr: XY                  # optional; [[XY]] then links here\n"),
    }
    out.push_str("aliases: []                  # more names that resolve here\n");
    let _ = writeln!(out, "kind: {}", kind.key);
    let summary = format!("TODO: what a {title} is, in one or two plain sentences.");
    let _ = writeln!(out, "summary: {}", quoted(&summary));
    out.push_str("tags: []\n");
    links_stub(&mut out, config, &kind.key);
    if kind.role {
        role_stub(&mut out, config, title);
    }
    out.push_str("sources:\n  - { title: \"TODO: an article this entry draws on\", url: \"https://example.com/\" }\n");
    let _ = writeln!(out, "updated: {}", format_date(today()));
    let label = kind.label.to_lowercase();
    let _ = write!(out, "---\nTODO: describe this {label}. Link related entries with `[[Their Title]]`.\n");
    out
}

/// `links: {}` with every relation key this kind may use in comments below
/// it: an empty map, not the `null` a bare `links:` would be, so the stub
/// validates against `rolebook schema` as written.
fn links_stub(out: &mut String, config: &SiteConfig, kind: &str) {
    out.push_str("links: {}                    # replace {} with lines below, uncommented; targets by slug, title, abbr or alias\n");
    for relation in &config.relations {
        if relation.from.is_empty() || relation.from.iter().any(|k| k == kind) {
            let _ = writeln!(out, "  # {}: []{}", relation.key, pad_comment(&relation.key, &relation.label));
        }
        if let Some(inverse) = &relation.inverse {
            if relation.to.is_empty() || relation.to.iter().any(|k| k == kind) {
                let _ = writeln!(out, "  # {inverse}: []{}", pad_comment(inverse, &relation.inverse_label));
            }
        }
    }
}

fn pad_comment(key: &str, label: &str) -> String {
    format!("{}# {label}", " ".repeat(24usize.saturating_sub(key.len()).max(1)))
}

fn role_stub(out: &mut String, config: &SiteConfig, title: &str) {
    if !config.facets.is_empty() {
        out.push_str("facets:\n");
        for facet in &config.facets {
            let _ = writeln!(out, "  {}: {}", facet.key, quoted(&format!("TODO: {}", facet.label.to_lowercase())));
        }
    }
    let _ = writeln!(out, "responsibilities:\n  - {}", quoted(&format!("TODO: what a {title} does")));
    let _ = writeln!(out, "skills:\n  - {}", quoted(&format!("TODO: what a {title} needs to be good at")));
    out.push_str(
        "decisions: []                # - { decision: \"…\", part: decides }  (decides | consulted | informed)\n",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_archetype_placeholders_with_quoted_values() {
        let text =
            fill_archetype("title: {{ title }}\nkind: {{kind}}\nupdated: {{ date }}\n", "A \"B\"", "role", None, "a-b");
        assert!(text.starts_with("title: \"A \\\"B\\\"\"\nkind: \"role\"\nupdated: 2"), "{text}");
    }
}
