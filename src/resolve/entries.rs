//! Raw front matter → [`Entry`]: required fields, kinds, slugs, facets,
//! decisions and dates are checked here; names stay names until `relations`.

use super::dates::parse_date;
use super::model::{Decision, Entry, Part, Prose, Source, Status};
use crate::config::SiteConfig;
use crate::diag::{suggest, Code, Diagnostic, Diagnostics};
use crate::load::raw::{RawEntry, RawSource};
use crate::load::Document;
use crate::markdown::links::is_unsafe_url;
use crate::slug::{is_reserved, is_valid, shorten, slugify, MAX_SLUG};

/// Reports a problem at `needle` inside top-level `key` of a document.
pub(super) fn report(document: &Document, code: Code, key: &str, needle: &str, message: String) -> Diagnostic {
    let found =
        (!needle.is_empty()).then(|| document.value_offset(key, needle)).filter(|&o| o != document.key_offset(key));
    // Underline what is pointed at: the value when it was found, else the key.
    let (offset, width) = match found {
        Some(offset) => (offset, needle.chars().count()),
        None => (document.key_offset(key), key.chars().count()),
    };
    Diagnostic::new(code, document.source.path.clone(), message).at_offset(
        &document.source.index,
        &document.source.text,
        offset,
        width,
    )
}

/// [`report_link`] for an edge to `target`: at the name that made it.
pub(super) fn report_edge(
    document: &Document,
    kb: &super::model::KnowledgeBase,
    code: Code,
    relation: &str,
    target: super::model::EntryId,
    message: String,
) -> Diagnostic {
    let written = super::link_position::written_name(document, kb, relation, target);
    report_link(document, code, relation, written.unwrap_or(&kb.entries[target].slug), message)
}

/// A diagnostic about the name `name` written under `links:` → `relation:`
/// (or about the relation key itself when `name` is empty), pointing at it.
pub(super) fn report_link(document: &Document, code: Code, relation: &str, name: &str, message: String) -> Diagnostic {
    report_link_nth(document, code, relation, name, 0, message)
}

/// [`report_link`] at the `nth` (0-based) time `name` is written there.
pub(super) fn report_link_nth(
    document: &Document,
    code: Code,
    relation: &str,
    name: &str,
    nth: usize,
    message: String,
) -> Diagnostic {
    match super::link_position::find(document, relation, name, nth) {
        Some((offset, width)) => Diagnostic::new(code, document.source.path.clone(), message).at_offset(
            &document.source.index,
            &document.source.text,
            offset,
            width,
        ),
        None => report(document, code, "links", if name.is_empty() { relation } else { name }, message),
    }
}

/// The slug of a document: `slug:` when set (must be canonical), else the
/// slugified file name.
pub(crate) fn slug_of(document: &Document, explicit: Option<&str>, diagnostics: &mut Diagnostics) -> String {
    let slug = match explicit {
        Some(explicit) if !is_valid(explicit) => {
            let fixed = slugify(explicit);
            let message = format!("slug `{explicit}` is not lower-case ASCII letters, digits and single dashes");
            let d = report(document, Code::InvalidSlug, "slug", explicit, message);
            diagnostics.push(d.suggest(format!("use `{fixed}`")));
            fixed
        }
        Some(explicit) => explicit.to_owned(),
        None => slugify(document.source.stem()),
    };
    // Positioned at `slug:` when there is one, else at the top of the file.
    if slug.is_empty() {
        let message = match explicit {
            Some(explicit) => format!("cannot make a slug from `{explicit}`"),
            None => format!("cannot make a slug from the file name `{}`", document.source.stem()),
        };
        let d = report(document, Code::InvalidSlug, "slug", "", message);
        diagnostics.push(d.suggest("rename the file with letters or digits, or set `slug:`"));
        return "untitled".to_owned();
    }
    if slug.len() > MAX_SLUG {
        let shorter = shorten(&slug, 60);
        let shown: String = slug.chars().take(40).collect();
        let message =
            format!("slug `{shown}…` is {} characters long; file names allow at most {MAX_SLUG} here", slug.len());
        let d = report(document, Code::SlugTooLong, "slug", "", message);
        diagnostics.push(d.suggest(format!("set a shorter `slug:`, e.g. `slug: {shorter}`")));
        // Even when the rule is relaxed, never ask the file system for a
        // name it cannot hold.
        return shorten(&slug, MAX_SLUG);
    }
    if is_reserved(&slug) {
        let message = format!("slug `{slug}` is reserved for a generated page or a device name");
        let d = report(document, Code::InvalidSlug, "slug", "", message);
        diagnostics.push(d.suggest(format!("rename the file or set `slug: {slug}-entry`")));
        // Even when the rule is relaxed, never write `con.html` or over `index.html`.
        return format!("{slug}-entry");
    }
    slug
}

/// Builds an entry from its front matter. `raw` is `None` when the front
/// matter could not be parsed (already reported): the entry then exists
/// only so links to it do not cascade into more errors.
pub(crate) fn build(
    document_index: usize,
    document: &Document,
    raw: Option<&RawEntry>,
    config: &SiteConfig,
    diagnostics: &mut Diagnostics,
) -> Entry {
    let empty = RawEntry::default();
    let parsed = raw.is_some();
    let raw = raw.unwrap_or(&empty);
    let slug = slug_of(document, raw.slug.as_deref(), diagnostics);
    let mut require = |field: &str, value: &Option<String>| -> String {
        match value.as_deref().map(str::trim) {
            Some(v) if !v.is_empty() => v.to_owned(),
            _ => {
                if parsed {
                    let message = format!("`{field}` is required");
                    // At the key when it is there with no value, else at the opening `---`.
                    let written = document.keys.iter().any(|k| k.name == field);
                    let width = if written { field.chars().count() } else { 3 };
                    let d = Diagnostic::new(Code::MissingField, document.source.path.clone(), message).at_offset(
                        &document.source.index,
                        &document.source.text,
                        document.key_offset(field),
                        width,
                    );
                    diagnostics.push(d.suggest(format!("add `{field}:` to the front matter")));
                }
                String::new()
            }
        }
    };
    let title = require("title", &raw.title);
    let summary = if config.summary_from_body && is_blank(&raw.summary) {
        summary_from_body(document, parsed, diagnostics)
    } else {
        require("summary", &raw.summary)
    };
    let title = if title.is_empty() { document.source.stem().to_owned() } else { title };
    let kind = kind_of(document, raw.kind.as_deref(), config, parsed, diagnostics);
    let status = status_of(raw.status.as_deref(), config);
    let owners = match clean_list(raw.owners.as_deref()) {
        owners if owners.is_empty() => config.default_owners(&kind).to_vec(),
        owners => owners,
    };
    Entry {
        slug,
        title,
        abbr: raw.abbr.as_deref().map(str::trim).filter(|a| !a.is_empty()).map(str::to_owned),
        aliases: clean_list(raw.aliases.as_deref()),
        kind,
        summary: collapse_whitespace(&summary),
        tags: tags_of(raw.tags.as_deref()),
        facets: facets_of(document, raw, config, diagnostics),
        responsibilities: clean_list(raw.responsibilities.as_deref()),
        skills: clean_list(raw.skills.as_deref()),
        decisions: decisions_of(document, raw, diagnostics),
        sources: sources_of(document, raw.sources.as_deref(), diagnostics),
        updated: date_of(document, raw.updated.as_deref(), diagnostics),
        draft: raw.draft.unwrap_or(false) || (config.approved_only && status == Status::Proposed),
        status,
        superseded_by: None,
        deprecated_on: date_field(document, "deprecated_on", raw.deprecated_on.as_deref(), diagnostics),
        deprecation_note: raw.deprecation_note.as_deref().map(collapse_whitespace).filter(|n| !n.is_empty()),
        owners,
        reviewed: date_field(document, "reviewed", raw.reviewed.as_deref(), diagnostics),
        document: document_index,
        prose: prose_of(document),
        relations: Vec::new(),
        mentioned_in: Vec::new(),
        headings: Vec::new(),
        comparisons: Vec::new(),
        moved_from: moved_from_of(document, raw.moved_from.as_deref(), diagnostics),
    }
}

/// What rendering reads of a document.
pub(crate) fn prose_of(document: &Document) -> Prose {
    Prose { content_path: document.source.content_path.clone(), body: document.parsed.clone() }
}

/// The old slugs of `moved_from:` that can be URLs: canonical and not
/// reserved for a generated page; others are reported and left out.
fn moved_from_of(document: &Document, slugs: Option<&[String]>, diagnostics: &mut Diagnostics) -> Vec<String> {
    let mut kept = Vec::new();
    for slug in slugs.unwrap_or_default().iter().map(|s| s.trim()) {
        if !is_valid(slug) || is_reserved(slug) {
            let fixed = slugify(slug);
            let message = if is_reserved(slug) {
                format!("`moved_from: {slug}` names a slug reserved for a generated page")
            } else {
                format!("`moved_from: {slug}` is not a slug (lower-case ASCII letters, digits and single dashes)")
            };
            let d = report(document, Code::InvalidSlug, "moved_from", slug, message);
            let hint = if fixed.is_empty() || is_reserved(&fixed) {
                "write the old URL's slug: `old-slug` for old-slug.html".to_owned()
            } else {
                format!("use `{fixed}`")
            };
            diagnostics.push(d.suggest(hint));
        } else if !kept.iter().any(|k| k == slug) {
            kept.push(slug.to_owned());
        }
    }
    kept
}

fn is_blank(value: &Option<String>) -> bool {
    value.as_deref().is_none_or(|v| v.trim().is_empty())
}

/// Lenient reading (`summary_from_body = true`): the first real paragraph of
/// the body stands in for a missing `summary`, with a warning.
fn summary_from_body(document: &Document, parsed: bool, diagnostics: &mut Diagnostics) -> String {
    let found = crate::markdown::summary::from_body(document.body_text());
    if parsed {
        let message = match &found {
            Some(_) => "no `summary`: the first paragraph of the body is used",
            None => "no `summary`, and no paragraph in the body to take one from",
        };
        let d = Diagnostic::new(Code::SummaryFromBody, document.source.path.clone(), message).at_offset(
            &document.source.index,
            &document.source.text,
            0,
            3,
        );
        diagnostics.push(d.suggest("add `summary:` with one or two plain sentences"));
    }
    found.unwrap_or_default()
}

fn kind_of(
    document: &Document,
    kind: Option<&str>,
    config: &SiteConfig,
    parsed: bool,
    diagnostics: &mut Diagnostics,
) -> String {
    let Some(kind) = kind.map(str::trim).filter(|k| !k.is_empty()) else {
        if let Some(default) = &config.default_kind {
            return default.clone();
        }
        if parsed {
            let kinds: Vec<&str> = config.kinds.iter().map(|k| k.key.as_str()).collect();
            let d = Diagnostic::new(Code::MissingField, document.source.path.clone(), "`kind` is required").at_offset(
                &document.source.index,
                &document.source.text,
                0,
                3,
            );
            diagnostics.push(d.suggest(format!("add `kind:` with one of: {}", kinds.join(", "))));
        }
        return String::new();
    };
    if config.kind(kind).is_none() {
        let hint = suggest::closest(kind, config.kinds.iter().map(|k| k.key.as_str()));
        let declared: Vec<&str> = config.kinds.iter().map(|k| k.key.as_str()).collect();
        let hint = match hint {
            Some(h) => format!("did you mean `{h}`?"),
            None => format!("declared kinds: {}; or declare it in site.toml [kinds]", declared.join(", ")),
        };
        let message = format!("unknown kind `{kind}`");
        diagnostics.push(report(document, Code::UnknownKind, "kind", kind, message).suggest(hint));
    }
    kind.to_owned()
}

fn facets_of(
    document: &Document,
    raw: &RawEntry,
    config: &SiteConfig,
    diagnostics: &mut Diagnostics,
) -> std::collections::BTreeMap<String, String> {
    let mut facets = std::collections::BTreeMap::new();
    for (key, value) in raw.facets.iter().flatten() {
        if !config.facets.iter().any(|f| &f.key == key) {
            let hint = suggest::closest(key, config.facets.iter().map(|f| f.key.as_str()));
            let message = format!("unknown facet `{key}`");
            let d = report(document, Code::UnknownFacet, "facets", key, message);
            diagnostics.push(d.maybe_suggest(hint.map(|h| format!("did you mean `{h}`?"))));
            continue;
        }
        let value = collapse_whitespace(value);
        if !value.is_empty() {
            facets.insert(key.clone(), value);
        }
    }
    facets
}

fn decisions_of(document: &Document, raw: &RawEntry, diagnostics: &mut Diagnostics) -> Vec<Decision> {
    let mut decisions = Vec::new();
    for item in raw.decisions.iter().flatten() {
        let decision = collapse_whitespace(&item.decision);
        match Part::parse(&item.part) {
            Some(part) if !decision.is_empty() => decisions.push(Decision { decision, part }),
            Some(_) => {
                let message = "a decision needs its text in `decision:`".to_owned();
                diagnostics.push(report(document, Code::InvalidDecision, "decisions", "", message));
            }
            None => {
                let message = format!("unknown part `{}` in a decision", item.part);
                let d = report(document, Code::InvalidDecision, "decisions", &item.part, message);
                diagnostics.push(d.suggest("use `decides`, `consulted` or `informed`"));
            }
        }
    }
    decisions
}

pub(crate) fn date_of(document: &Document, updated: Option<&str>, diagnostics: &mut Diagnostics) -> Option<String> {
    date_field(document, "updated", updated, diagnostics)
}

/// A `YYYY-MM-DD` value of top-level `key`, reported when it is not one.
fn date_field(document: &Document, key: &str, value: Option<&str>, diagnostics: &mut Diagnostics) -> Option<String> {
    let value = value?.trim();
    if parse_date(value).is_some() {
        return Some(value.to_owned());
    }
    let message = format!("`{key}: {value}` is not a date");
    let d = report(document, Code::InvalidDate, key, value, message);
    diagnostics.push(d.suggest("write it as YYYY-MM-DD, e.g. 2026-11-23"));
    None
}

/// The status the front matter gives (the loader has checked the word),
/// else the site's default.
fn status_of(raw: Option<&str>, config: &SiteConfig) -> Status {
    raw.and_then(Status::parse).unwrap_or(config.default_status)
}

/// Sources with trimmed text; empty titles are dropped, and so are URLs that
/// would run script (`javascript:`, `vbscript:`, `data:`), with a warning.
pub(crate) fn sources_of(document: &Document, raw: Option<&[RawSource]>, diagnostics: &mut Diagnostics) -> Vec<Source> {
    let trim = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    let mut sources = Vec::new();
    for source in raw.unwrap_or_default().iter().filter(|s| !s.title.trim().is_empty()) {
        let mut url = trim(&source.url);
        if let Some(unsafe_url) = url.take_if(|u| is_unsafe_url(u)) {
            let shown: String = unsafe_url.chars().take(60).collect();
            let message = format!("unsafe source URL `{shown}` removed");
            let d = report(document, Code::UnsafeUrl, "sources", &unsafe_url, message);
            diagnostics.push(d.suggest("sources may not use javascript:, vbscript: or data: URLs"));
        }
        sources.push(Source { title: collapse_whitespace(&source.title), url, publisher: trim(&source.publisher) });
    }
    sources
}

/// Tags lower-cased, sorted and deduplicated.
pub(crate) fn tags_of(raw: Option<&[String]>) -> Vec<String> {
    let mut tags: Vec<String> =
        raw.unwrap_or_default().iter().map(|t| t.trim().to_lowercase()).filter(|t| !slugify(t).is_empty()).collect();
    tags.sort();
    tags.dedup();
    tags
}

fn clean_list(raw: Option<&[String]>) -> Vec<String> {
    raw.unwrap_or_default().iter().map(|s| collapse_whitespace(s)).filter(|s| !s.is_empty()).collect()
}

/// Folds runs of whitespace (YAML block scalars keep newlines) into spaces.
pub(crate) fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
