//! `rolebook import`: an existing glossary (Obsidian vault, Hugo or Zola
//! site, MDN-style docs, folder of Markdown) → a new rolebook site that
//! builds at once, the source untouched.
//!
//! 1. [`detect`] the format (unless given);
//! 2. [`source`]: read every note, front matter into a generic map;
//! 3. [`pages`]: leave out what is not an entry (indexes, templates…);
//! 4. [`kinds`]: choose where kinds come from; [`fields`]: map front matter
//!    to rolebook fields (any capitalization, `Title (ABBR)`);
//! 5. [`index`]: safe unique slugs and titles, filtered aliases and
//!    abbreviations, lookups;
//! 6. [`summary`]: a summary from the first paragraph where none is given;
//! 7. [`convert`]: rewrite bodies ([`obsidian`] syntax, [`shortcodes`],
//!    [`kumascript`] macros, [`links`]); [`assets`]: copy the files they use;
//! 8. [`mod@write`]: site.toml, `content/`, and the [`report`].
//!
//! A spreadsheet or SKOS vocabulary (`--from csv|skos`) takes another road:
//! [`csv_table`] or [`skos_table`] read records, [`table`] plans the files
//! (a dry run unless asked to write them).

pub mod assets;
pub mod body;
pub mod convert;
pub mod csv_table;
pub mod detect;
pub mod fields;
pub mod index;
pub mod kinds;
pub mod kumascript;
pub mod limits;
pub mod links;
pub mod obsidian;
pub mod pages;
pub mod report;
pub mod shortcodes;
pub mod skos_table;
pub mod source;
pub mod table;
pub mod turtle;
pub mod words;
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
    /// Documentation written for a platform with KumaScript-style macros
    /// (MDN): folder-per-entry `index.md`, `slug:`, `{{Glossary("x")}}`.
    Mdn,
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
            Format::Mdn => "mdn",
            Format::Markdown => "markdown",
        }
    }
}

/// Where an entry's kind comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KindRule {
    /// Chosen from the source by [`kinds::choose`].
    Detect,
    /// A category-like field when a note has it, else (when `folders`) the
    /// top folder, else the default kind: what [`KindRule::Detect`] becomes.
    Auto {
        /// The category-like front-matter field.
        field: Option<String>,
        /// Whether top folders name kinds.
        folders: bool,
    },
    /// The top folder (`Concepts/…` → `concept`).
    Folder,
    /// The first tag.
    Tag,
    /// A front-matter field.
    Field(String),
}

impl KindRule {
    /// `auto`, `folder`, `tag`, or any other word as a field name.
    pub fn parse(text: &str) -> KindRule {
        match text {
            "auto" => KindRule::Detect,
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
    /// The source site's address, for links outside the glossary
    /// [default: the generator's `baseURL` / `base_url`].
    pub base_url: Option<String>,
}

/// How site.toml declares a note's kind: its own labels, else the key's.
fn kind_decl(meta: &fields::Meta) -> KindDecl {
    let (label, plural) =
        meta.kind_label.clone().unwrap_or_else(|| (crate::config::humanize(&meta.kind), plural(&meta.kind)));
    KindDecl { label, plural }
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
    let left_out = leave_out(&mut sources.notes, format, &mut report);
    report.base_url = options.base_url.clone().or_else(|| base_url(&source, format));
    let rule = match &options.kind_rule {
        KindRule::Detect => {
            let (rule, why) = kinds::choose(&sources.notes);
            report.kind_rule = why;
            rule
        }
        rule => {
            report.kind_rule = "--kind-from".to_owned();
            rule.clone()
        }
    };
    let default_kind = slugify(&options.default_kind);
    let default_kind = if default_kind.is_empty() { "entry".to_owned() } else { default_kind };
    let mut writer = Writer::default();
    let content_root = root.strip_prefix(&source).map(|r| r.to_string_lossy().replace('\\', "/")).unwrap_or_default();
    let job = Job { format, rule: &rule, default_kind: &default_kind, content_root, source: &source };
    let kinds = convert_all(&sources, &left_out, &job, &mut writer, &mut report);
    let title = site_title(&source, &root, format);
    writer.file("site.toml", write::site_toml(&title, &default_kind, &kinds, &source.display().to_string()));
    writer.file(write::REPORT_FILE, report.render(true));
    std::fs::create_dir_all(&into).map_err(|e| Error::io("create folder", &into, e))?;
    writer.write(&into)?;
    Ok(Imported { into, report })
}

/// Takes the pages that are not entries out of `notes` and returns them.
fn leave_out(notes: &mut Vec<source::Note>, format: Format, report: &mut Report) -> Vec<source::Note> {
    let has_prose = |note: &source::Note| {
        let body = convert::prepared(note, format, &mut Report::default());
        note.field("summary").or_else(|| note.field("description")).is_some()
            || summary::from_body(&convert::prose(&body, format)).is_some()
    };
    let reasons: Vec<Option<&str>> = notes.iter().map(|n| pages::why_not_entry(n, notes, has_prose)).collect();
    let mut kept = Vec::new();
    let mut left = Vec::new();
    for (note, reason) in std::mem::take(notes).into_iter().zip(reasons) {
        match reason {
            Some(reason) => {
                report.left_out.push(format!("{}: {reason}", note.path));
                left.push(note);
            }
            None => kept.push(note),
        }
    }
    *notes = kept;
    left
}

/// The source site's address from its generator's configuration.
fn base_url(source: &Path, format: Format) -> Option<String> {
    let (files, key): (&[&str], &str) = match format {
        Format::Hugo => (&["hugo.toml", "config.toml"], "baseURL"),
        Format::Zola => (&["config.toml", "zola.toml"], "base_url"),
        _ => return None,
    };
    files.iter().find_map(|file| {
        let text = std::fs::read_to_string(source.join(file)).ok()?;
        let table = text.parse::<toml::Table>().ok()?;
        let url = table.iter().find(|(k, _)| k.eq_ignore_ascii_case(key))?.1.as_str()?.trim().to_owned();
        (url.starts_with("http://") || url.starts_with("https://")).then_some(url)
    })
}

/// What converting the notes needs besides the notes themselves.
struct Job<'a> {
    format: Format,
    rule: &'a KindRule,
    default_kind: &'a str,
    /// The content folder relative to the source root (`content` or ``).
    content_root: String,
    /// The source root, to copy files from.
    source: &'a Path,
}

/// Maps, indexes, converts and queues every note; returns the kinds used.
fn convert_all(
    sources: &source::Sources,
    left_out: &[source::Note],
    job: &Job<'_>,
    writer: &mut Writer,
    report: &mut Report,
) -> BTreeMap<String, KindDecl> {
    let (format, notes) = (job.format, &sources.notes);
    report.notes = notes.len() + left_out.len();
    let mut metas: Vec<fields::Meta> =
        notes.iter().map(|n| fields::read(n, format, job.rule, job.default_kind, report)).collect();
    for (note, meta) in notes.iter().zip(&mut metas) {
        limits::fit_note(&note.path, meta, report);
    }
    limits::fit_kinds(&mut metas, job.default_kind, kind_decl, report);
    let index = index::Index::build(notes, &mut metas, report);
    let left_index = left_out_index(left_out, format);
    let bodies: Vec<String> = notes.iter().map(|n| convert::prepared(n, format, report)).collect();
    let ctx = |id: usize, summaries| convert::Ctx {
        format,
        notes,
        index: &index,
        summaries,
        files: &sources.files,
        left_out: &left_index,
        id,
    };
    let summaries = first_summaries(&metas, &bodies, format, |id, first, scratch| {
        let ctx = convert::Ctx {
            format,
            notes,
            index: &index,
            summaries: first,
            files: &sources.files,
            left_out: &left_index,
            id,
        };
        convert::body(&bodies[id], &metas[id].title, &ctx, scratch).0
    });
    let mut kinds = BTreeMap::new();
    let default_kind = job.default_kind;
    kinds.insert(
        default_kind.to_owned(),
        KindDecl { label: crate::config::humanize(default_kind), plural: plural(default_kind) },
    );
    let mut assets = assets::Assets::default();
    for (id, (note, meta)) in notes.iter().zip(&metas).enumerate() {
        let (body, inline_tags) = convert::body(&bodies[id], &meta.title, &ctx(id, &summaries), report);
        let folders = folders_of(note);
        let source_path =
            if job.content_root.is_empty() { note.path.clone() } else { format!("{}/{}", job.content_root, note.path) };
        let place = assets::Place {
            source_path: &source_path,
            content_root: &job.content_root,
            entry_folder: &folders.join("/"),
        };
        let body = assets.rewrite(&body, place, &sources.files, report);
        // Taken again from the rewritten body, where links and block ids
        // are settled, so no source markup reaches the summary.
        let summary = meta
            .summary
            .clone()
            .or_else(|| summary::from_body(&convert::prose(&body, format)).or_else(|| summaries[id].clone()));
        let mut tags = meta.tags.clone();
        tags.extend(inline_tags);
        tags.sort();
        tags.dedup();
        count_entry(note, meta, &summary, &mut kinds, report);
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
        writer.entry(&folders, &index.slugs[id], &front, &index.withheld[id], &body);
        report.written += 1;
    }
    for (from, to) in &assets.placed {
        writer.copy(&format!("content/{to}"), job.source.join(from));
    }
    report.files_copied = assets.placed.len();
    kinds
}

/// Each note's summary: its own, else its first paragraph; a note that only
/// transcludes another takes it from the rewritten body (`rewrite`), which
/// shows the other's summary: a second look.
fn first_summaries(
    metas: &[fields::Meta],
    bodies: &[String],
    format: Format,
    rewrite: impl Fn(usize, &[Option<String>], &mut Report) -> String,
) -> Vec<Option<String>> {
    let first: Vec<Option<String>> = metas
        .iter()
        .zip(bodies)
        .map(|(meta, body)| meta.summary.clone().or_else(|| summary::from_body(&convert::prose(body, format))))
        .collect();
    let mut scratch = Report::default();
    (0..metas.len())
        .map(|id| {
            first[id]
                .clone()
                .or_else(|| summary::from_prose(&convert::prose(&rewrite(id, &first, &mut scratch), format)))
        })
        .collect()
}

/// Counts an entry in the report and declares its kind.
fn count_entry(
    note: &source::Note,
    meta: &fields::Meta,
    summary: &Option<String>,
    kinds: &mut BTreeMap<String, KindDecl>,
    report: &mut Report,
) {
    if meta.summary.is_none() {
        match summary {
            Some(_) => report.summaries_derived += 1,
            None => report.no_summary.push(note.path.clone()),
        }
    }
    kinds.entry(meta.kind.clone()).or_insert_with(|| kind_decl(meta));
    *report.kinds.entry(meta.kind.clone()).or_insert(0) += 1;
    report.drafts += usize::from(meta.draft);
}

/// Lookups for the pages left out, so links to them can keep their text.
fn left_out_index(left_out: &[source::Note], format: Format) -> index::Index {
    let mut scratch = Report::default();
    let rule = KindRule::Tag;
    let mut metas: Vec<fields::Meta> =
        left_out.iter().map(|n| fields::read(n, format, &rule, "entry", &mut scratch)).collect();
    index::Index::build(left_out, &mut metas, &mut scratch)
}

fn plural(key: &str) -> String {
    words::plural(&crate::config::humanize(key))
}

/// The note's folders as slugs, without leading language and content-root
/// folders (`compare/` is rolebook's, so renamed).
fn folders_of(note: &source::Note) -> Vec<String> {
    let mut folders: Vec<String> =
        note.folders().into_iter().skip_while(|f| kinds::is_generic_folder(f)).map(slugify).collect();
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
