//! `rolebook import`: an existing glossary (Obsidian vault, Hugo or Zola
//! site, folder of Markdown) → a new rolebook site, the source untouched.
//!
//! 1. [`detect`] the format (unless given);
//! 2. [`source`]: read every note, front matter into a generic map;
//! 3. [`fields`]: map front matter to rolebook fields (any capitalization);
//! 4. [`index`]: safe unique slugs and titles, filtered aliases, lookups;
//! 5. [`summary`](crate::markdown::summary): a summary from the first paragraph where none is given;
//! 6. [`convert`]: rewrite bodies ([`obsidian`] syntax, [`links`]);
//! 7. [`mod@write`]: site.toml, `content/`, and the [`report`].

pub mod body;
pub mod convert;
pub mod csv_table;
pub mod detect;
pub mod fields;
pub mod index;
pub mod links;
pub mod obsidian;
pub mod report;
pub mod skos_table;
pub mod source;
pub mod table;

pub mod write;

use crate::error::{Error, Result};
use crate::markdown::summary;
use crate::slug::slugify;
use report::Report;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use write::{Front, KindDecl, Writer};

/// The tool a source was written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// An Obsidian vault: `[[wikilinks]]`, embeds, call-outs, comments.
    Obsidian,
    /// A Hugo site: `content/`, shortcodes, `ref`/`relref`.
    Hugo,
    /// A Zola site: `content/`, `@/` links, `+++` TOML front matter.
    Zola,
    /// A plain folder of Markdown files.
    Markdown,
}

impl Format {
    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Obsidian => "obsidian",
            Format::Hugo => "hugo",
            Format::Zola => "zola",
            Format::Markdown => "markdown",
        }
    }
}

/// Where an entry's kind comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KindRule {
    /// The top folder (`Concepts/…` → `concept`).
    Folder,
    /// The first tag.
    Tag,
    /// A front-matter field.
    Field(String),
}

impl KindRule {
    /// `folder`, `tag`, or any other word as a field name.
    pub fn parse(text: &str) -> KindRule {
        match text {
            "folder" => KindRule::Folder,
            "tag" | "tags" => KindRule::Tag,
            field => KindRule::Field(field.to_owned()),
        }
    }
}

/// What to import, from where, into where.
#[derive(Debug, Clone)]
pub struct Options {
    /// The source folder.
    pub source: PathBuf,
    /// The format, or `None` to detect it.
    pub from: Option<Format>,
    /// The new site's folder, or `None` for `./<source-name>-rolebook`.
    pub into: Option<PathBuf>,
    /// Where kinds come from.
    pub kind_rule: KindRule,
    /// The kind of entries the rule gives none.
    pub default_kind: String,
}

/// A finished import.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The new site's folder.
    pub into: PathBuf,
    /// What happened.
    pub report: Report,
}

/// Imports `options.source` into a new site. Fatal only for I/O problems
/// and an unsafe target folder; everything else goes to the report.
pub fn import(options: &Options) -> Result<Imported> {
    let source = options.source.canonicalize().map_err(|e| Error::io("read source folder", &options.source, e))?;
    if !source.is_dir() {
        let error = std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a folder");
        return Err(Error::io("read source folder", &options.source, error));
    }
    let into = options.into.clone().unwrap_or_else(|| PathBuf::from(format!("{}-rolebook", source_name(&source))));
    write::prepare(&into, &source)?;
    let (format, why) = match options.from {
        Some(format) => (format, "given with --from".to_owned()),
        None => detect::detect(&source),
    };
    let mut report = Report { format: format!("{} ({why})", format.as_str()), ..Report::default() };
    let root = source::content_root(&source, format);
    let mut sources = source::read(&source, &root, &mut report)?;
    skip_home_pages(&mut sources.notes, format, &mut report);
    let default_kind = slugify(&options.default_kind);
    let default_kind = if default_kind.is_empty() { "entry".to_owned() } else { default_kind };
    let mut writer = Writer::default();
    let kinds = convert_all(&sources, format, &options.kind_rule, &default_kind, &mut writer, &mut report);
    let title = site_title(&source, &root, format);
    writer.file("site.toml", write::site_toml(&title, &default_kind, &kinds, &source.display().to_string()));
    writer.file(write::REPORT_FILE, report.render(true));
    std::fs::create_dir_all(&into).map_err(|e| Error::io("create folder", &into, e))?;
    writer.write(&into)?;
    Ok(Imported { into, report })
}

/// Hugo's and Zola's home page (`content/_index.md`) is not an entry.
fn skip_home_pages(notes: &mut Vec<source::Note>, format: Format, report: &mut Report) {
    if matches!(format, Format::Hugo | Format::Zola) {
        notes.retain(|n| {
            let home = n.path == "_index.md";
            if home {
                report.skipped.push(format!("{}: the home page", n.path));
            }
            !home
        });
    }
}

/// Maps, indexes, converts and queues every note; returns the kinds used.
fn convert_all(
    sources: &source::Sources,
    format: Format,
    rule: &KindRule,
    default_kind: &str,
    writer: &mut Writer,
    report: &mut Report,
) -> BTreeMap<String, KindDecl> {
    let notes = &sources.notes;
    report.notes = notes.len();
    let mut metas: Vec<fields::Meta> =
        notes.iter().map(|n| fields::read(n, format, rule, default_kind, report)).collect();
    let index = index::Index::build(notes, &mut metas, report);
    let bodies: Vec<String> = notes.iter().map(|n| convert::without_comments(n, format, report)).collect();
    let first: Vec<Option<String>> = metas
        .iter()
        .zip(&bodies)
        .map(|(meta, body)| meta.summary.clone().or_else(|| summary::from_body(body)))
        .collect();
    // A note that only transcludes another takes its summary from the
    // rewritten body, which shows the other's summary: a second look.
    let mut scratch = Report::default();
    let summaries: Vec<Option<String>> = (0..notes.len())
        .map(|id| {
            first[id].clone().or_else(|| {
                let ctx = convert::Ctx { format, notes, index: &index, summaries: &first, files: &sources.files, id };
                summary::from_prose(&convert::body(&bodies[id], &metas[id].title, &ctx, &mut scratch).0)
            })
        })
        .collect();
    let mut kinds = BTreeMap::new();
    kinds.insert(
        default_kind.to_owned(),
        KindDecl { label: crate::config::humanize(default_kind), plural: plural(default_kind) },
    );
    for (id, (note, meta)) in notes.iter().zip(&metas).enumerate() {
        let ctx = convert::Ctx { format, notes, index: &index, summaries: &summaries, files: &sources.files, id };
        let (body, inline_tags) = convert::body(&bodies[id], &meta.title, &ctx, report);
        let summary = summaries[id].clone();
        let mut tags = meta.tags.clone();
        tags.extend(inline_tags);
        tags.sort();
        tags.dedup();
        if meta.summary.is_none() {
            match &summary {
                Some(_) => report.summaries_derived += 1,
                None => report.no_summary.push(note.path.clone()),
            }
        }
        let (label, plural_label) =
            meta.kind_label.clone().unwrap_or_else(|| (crate::config::humanize(&meta.kind), plural(&meta.kind)));
        kinds.entry(meta.kind.clone()).or_insert(KindDecl { label, plural: plural_label });
        *report.kinds.entry(meta.kind.clone()).or_insert(0) += 1;
        report.drafts += usize::from(meta.draft);
        report.aliases_kept += index.aliases[id].len();
        report.tags_kept += tags.len();
        let front = Front {
            title: index.titles[id].clone(),
            abbr: meta.abbr.clone(),
            aliases: index.aliases[id].clone(),
            kind: meta.kind.clone(),
            summary,
            tags,
            updated: meta.updated.clone(),
            draft: meta.draft,
        };
        writer.entry(&folders_of(note), &index.slugs[id], &front, &index.withheld[id], &body);
        report.written += 1;
    }
    kinds
}

fn plural(key: &str) -> String {
    let label = crate::config::humanize(key);
    match label.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'i', 'o', 'u']) => format!("{stem}ies"),
        _ => format!("{label}s"),
    }
}

/// The note's folders as slugs (`compare/` is rolebook's, so renamed).
fn folders_of(note: &source::Note) -> Vec<String> {
    let mut folders: Vec<String> = note.folders().iter().map(|f| slugify(f)).collect();
    if matches!(note.stem.as_str(), "index" | "_index") {
        folders.pop();
    }
    if folders.first().is_some_and(|f| f == "compare") {
        folders[0] = "compare-entries".to_owned();
    }
    folders.retain(|f| !f.is_empty());
    folders
}

/// The folder's name, or its parent's when it is a generic one (`vault`).
fn source_name(source: &Path) -> String {
    let name = |p: &Path| p.file_name().and_then(|n| n.to_str()).map(str::to_owned);
    let own = name(source).unwrap_or_else(|| "glossary".into());
    let generic = ["vault", "content", "docs", "site", "src", "wiki"].contains(&own.to_lowercase().as_str());
    match source.parent().and_then(name) {
        Some(parent) if generic => parent,
        _ => own,
    }
}

/// The site title: the generator's `title`, else the folder's name.
fn site_title(source: &Path, root: &Path, format: Format) -> String {
    let configs = ["config.toml", "hugo.toml", "zola.toml"];
    if matches!(format, Format::Hugo | Format::Zola) && root != source {
        for config in configs {
            let text = std::fs::read_to_string(source.join(config)).unwrap_or_default();
            if let Some(title) =
                text.parse::<toml::Table>().ok().and_then(|t| t.get("title")?.as_str().map(str::to_owned))
            {
                return title;
            }
        }
    }
    crate::config::humanize(&source_name(source))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_sites_after_their_folder() {
        assert_eq!(source_name(Path::new("/x/data-engineering-wiki/vault")), "data-engineering-wiki");
        assert_eq!(source_name(Path::new("/x/glossary")), "glossary");
        assert_eq!(plural("category"), "Categorys".replace("ys", "ies"));
        assert_eq!(plural("entry"), "Entries");
        assert_eq!(plural("day"), "Days");
    }
}
