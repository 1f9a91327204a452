//! Source front matter → rolebook fields, whatever the key's capitalization:
//! title, aliases, tags, draft, summary, kind and updated. Keys nobody maps
//! are collected for the report.

use super::report::Report;
use super::source::Note;
use super::{kinds, words, Format, KindRule};
use crate::invisible::is_removed;
use crate::slug::slugify;
use serde_json::Value;

/// Front-matter keys the import understands, per format (lower case).
const MAPPED: &[&str] = &[
    "title",
    "aliases",
    "alias",
    "tags",
    "tag",
    "draft",
    "publish",
    "summary",
    "description",
    "short_description",
    "aka",
    "updated",
    "lastmod",
    "slug",
    "kind",
    "abbr",
];

/// Keys that only steer the source generator's URLs (mapped to lookups).
const URL_KEYS: &[&str] = &["url", "path"];

/// What a note says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// Display title.
    pub title: String,
    /// Aliases as written (path-like ones included; filtered later).
    pub aliases: Vec<String>,
    /// Tags, lower case, without `#`.
    pub tags: Vec<String>,
    /// `draft: true` or `publish: false`.
    pub draft: bool,
    /// `summary` or `description`, when present.
    pub summary: Option<String>,
    /// Kind key.
    pub kind: String,
    /// Kind label and plural when the kind came from a folder.
    pub kind_label: Option<(String, String)>,
    /// `YYYY-MM-DD` from `updated` or `lastmod`.
    pub updated: Option<String>,
    /// `abbr`, when present.
    pub abbr: Option<String>,
    /// An explicit slug (`slug:`), already slugified.
    pub slug: Option<String>,
    /// A URL the source generator served the note at (`url:`, `path:`).
    pub url: Option<String>,
}

/// Reads the rolebook fields of a note.
pub fn read(note: &Note, format: Format, rule: &KindRule, default_kind: &str, report: &mut Report) -> Meta {
    let written = text(note.field("title")).unwrap_or_else(|| default_title(note, format));
    let explicit_abbr = text(note.field("abbr"));
    let (title, abbr) = match (explicit_abbr, title_abbr(&written)) {
        (None, Some((bare, abbr))) => {
            report.abbreviations.push(format!("{}: `{written}` → title `{bare}`, abbr `{abbr}`", note.path));
            (bare, Some(abbr))
        }
        (explicit, _) => (written, explicit),
    };
    let mut tags = strings(note.field("tags"));
    tags.extend(strings(note.field("tag")));
    if let Some(Value::Object(taxonomies)) = note.field("taxonomies") {
        tags.extend(strings(taxonomies.get("tags")));
    }
    let tags: Vec<String> =
        tags.iter().map(|t| t.trim().trim_start_matches('#').to_lowercase()).filter(|t| !t.is_empty()).collect();
    let draft = note.field("draft").and_then(Value::as_bool).unwrap_or(false)
        || note.field("publish").and_then(Value::as_bool) == Some(false);
    let (kind, kind_label) = kind_of(note, rule, &tags, default_kind);
    let mut aliases = strings(note.field("aliases"));
    aliases.extend(strings(note.field("alias")));
    aliases.extend(strings(note.field("aka")));
    let updated = text(note.field("updated")).or_else(|| text(note.field("lastmod"))).and_then(|d| date(&d));
    report_unknown(note, format, rule, report);
    // A path-like slug (`Glossary/Browsing_context`) is where the source
    // served the page: the entry keeps its last part.
    let slug = text(note.field("slug"));
    Meta {
        title,
        aliases,
        tags,
        draft,
        summary: ["summary", "description", "short_description"].iter().find_map(|k| text(note.field(k))),
        kind,
        kind_label,
        updated,
        abbr,
        slug: slug.as_deref().map(|s| slugify(s.rsplit('/').next().unwrap_or(s))).filter(|s| !s.is_empty()),
        url: URL_KEYS.iter().find_map(|k| text(note.field(k))).or_else(|| slug.filter(|s| s.contains('/'))),
    }
}

/// `Continuous Delivery (CD)` → (`Continuous Delivery`, `CD`): a title
/// ending in a parenthesized abbreviation (no spaces, two capitals or more).
pub fn title_abbr(title: &str) -> Option<(String, String)> {
    let inner = title.trim_end().strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let (bare, abbr) = (inner[..open].trim(), &inner[open + 1..]);
    let capitals = abbr.chars().filter(char::is_ascii_uppercase).count();
    let shaped = abbr.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '&' | '-' | '.' | '+'));
    let looks = (2..=12).contains(&abbr.len()) && capitals >= 2 && shaped;
    (looks && !bare.is_empty()).then(|| (bare.to_owned(), abbr.to_owned()))
}

/// The title when front matter has none: the file name, or the folder's
/// name for Hugo page bundles and section pages (`index.md`, `_index.md`).
fn default_title(note: &Note, format: Format) -> String {
    let bundle =
        matches!(format, Format::Hugo | Format::Zola | Format::Mdn) && matches!(note.stem.as_str(), "index" | "_index");
    let mut title = match note.folders().last() {
        Some(folder) if bundle => (*folder).to_owned(),
        _ => note.stem.clone(),
    };
    title.retain(|c| !is_removed(c));
    // A file named only with spaces or tabs still needs a title.
    match title.trim() {
        "" => "Untitled".to_owned(),
        trimmed => trimmed.to_owned(),
    }
}

fn kind_of(note: &Note, rule: &KindRule, tags: &[String], default: &str) -> (String, Option<(String, String)>) {
    let folder = || kinds::kind_folder(note).map(str::to_owned);
    let from = match rule {
        KindRule::Folder => folder(),
        KindRule::Tag => tags.first().cloned(),
        KindRule::Field(field) => kinds::category_value(note, field),
        KindRule::Auto { field, folders } => field
            .as_deref()
            .and_then(|f| kinds::category_value(note, f))
            .or_else(|| if *folders { folder() } else { None }),
        KindRule::Detect => None,
    };
    match from.filter(|k| !slugify(k).is_empty()) {
        Some(value) => labelled(&value),
        None => (default.to_owned(), None),
    }
}

/// A kind key with its label and plural from a folder name or a category
/// value: `Concepts` → `concept` (Concept, Concepts).
fn labelled(value: &str) -> (String, Option<(String, String)>) {
    let one = words::singular(value);
    let label = crate::config::humanize(&one);
    let plural = if one == value { words::plural(&label) } else { crate::config::humanize(value) };
    (slugify(&one), Some((label, plural)))
}

fn report_unknown(note: &Note, format: Format, rule: &KindRule, report: &mut Report) {
    for key in note.front.keys() {
        let lower = key.to_lowercase();
        let kind_field = match rule {
            KindRule::Field(f) | KindRule::Auto { field: Some(f), .. } => f.eq_ignore_ascii_case(key),
            _ => false,
        };
        let taxonomies = lower == "taxonomies" && format == Format::Zola;
        if MAPPED.contains(&lower.as_str()) || URL_KEYS.contains(&lower.as_str()) || kind_field || taxonomies {
            continue;
        }
        report.unknown_fields.entry(key.clone()).or_default().push(note.path.clone());
    }
}

/// A scalar as text; empty strings count as absent.
fn text(value: Option<&Value>) -> Option<String> {
    let text = match value? {
        // What the site's loader would strip (controls, noncharacters) goes
        // now, so that names are compared as the built site compares them.
        Value::String(s) => s.chars().filter(|&c| !is_removed(c)).collect::<String>().trim().to_owned(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    (!text.is_empty()).then_some(text)
}

/// A list of strings, a single string, or nothing (null and empty are fine).
fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(|v| text(Some(v))).collect(),
        Some(other) => text(Some(other)).into_iter().collect(),
        None => Vec::new(),
    }
}

/// `2024-05-01T10:00:00Z` → `2024-05-01`, when it is a date.
fn date(text: &str) -> Option<String> {
    let day = text.get(..10)?;
    crate::resolve::dates::parse_date(day).is_some().then(|| day.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(path: &str, front: &str) -> Note {
        super::super::source::parse(path.into(), &format!("---\n{front}---\nBody\n"), &mut Report::default())
    }

    #[test]
    fn reads_fields_whatever_their_capitalization() {
        let mut report = Report::default();
        let n = note(
            "Tools/Data Stores/S3.md",
            "Aliases: [Simple Storage]\nTags: [Seedling]\npublish: false\ncssclasses: [x]\n",
        );
        let meta = read(&n, Format::Obsidian, &KindRule::Folder, "entry", &mut report);
        assert_eq!(meta.title, "S3");
        assert_eq!(meta.aliases, ["Simple Storage"]);
        assert_eq!(meta.tags, ["seedling"]);
        assert!(meta.draft);
        assert_eq!(meta.kind, "tool");
        assert_eq!(meta.kind_label, Some(("Tool".into(), "Tools".into())));
        assert_eq!(report.unknown_fields.keys().collect::<Vec<_>>(), ["cssclasses"]);
    }

    #[test]
    fn accepts_null_aliases_and_picks_kinds_by_rule() {
        let mut report = Report::default();
        let n = note("Root.md", "aliases:\ntags: [concepts/core]\ntype: Role\n");
        let meta = read(&n, Format::Obsidian, &KindRule::Folder, "note", &mut report);
        assert!(meta.aliases.is_empty());
        assert_eq!(meta.kind, "note");
        assert_eq!(read(&n, Format::Obsidian, &KindRule::Tag, "note", &mut report).kind, "concepts-core");
        assert_eq!(read(&n, Format::Obsidian, &KindRule::Field("type".into()), "note", &mut report).kind, "role");
    }

    /// Found by the `import_notes` fuzz target: a control character in a
    /// file name made a title the built site reads without it, so it
    /// clashed with another note's title that the import thought distinct.
    #[test]
    fn names_lose_what_the_site_would_strip_and_bundles_take_their_folder() {
        let mut report = Report::default();
        let n = note("glossary/inde\u{4}x.md", "aliases: [\"A\\u0007B\"]\nabbr: \"\\u0085IX\"\n");
        let meta = read(&n, Format::Markdown, &KindRule::Folder, "e", &mut report);
        assert_eq!((meta.title.as_str(), meta.abbr.as_deref()), ("index", Some("IX")));
        assert_eq!(meta.aliases, ["AB"]);
        let blank = note("glossary/\t\t.md", "");
        assert_eq!(read(&blank, Format::Markdown, &KindRule::Folder, "e", &mut report).title, "Untitled");
        let bundle = note("glossary/browser/index.md", "slug: Glossary/Browser\n");
        assert_eq!(read(&bundle, Format::Mdn, &KindRule::Folder, "e", &mut report).title, "browser");
    }

    #[test]
    fn takes_abbreviations_from_titles() {
        assert_eq!(title_abbr("Continuous Delivery (CD)"), Some(("Continuous Delivery".into(), "CD".into())));
        assert_eq!(title_abbr("Infrastructure as Code (IaC)"), Some(("Infrastructure as Code".into(), "IaC".into())));
        assert_eq!(title_abbr("Queue (data structure)"), None);
        assert_eq!(title_abbr("Release (v2)"), None);
        assert_eq!(title_abbr("(CD)"), None);
        let mut report = Report::default();
        let meta =
            read(&note("cd.md", "title: Continuous Delivery (CD)\n"), Format::Hugo, &KindRule::Tag, "e", &mut report);
        assert_eq!((meta.title.as_str(), meta.abbr.as_deref()), ("Continuous Delivery", Some("CD")));
        assert_eq!(report.abbreviations.len(), 1);
    }

    #[test]
    fn names_page_bundles_after_their_folder() {
        let n = note("roles/data-steward/index.md", "date: 2024-01-01T10:00:00Z\nlastmod: 2024-02-03T00:00:00Z\n");
        let meta = read(&n, Format::Hugo, &KindRule::Folder, "entry", &mut Report::default());
        assert_eq!(meta.title, "data-steward");
        assert_eq!(meta.updated.as_deref(), Some("2024-02-03"));
    }
}
