//! Data for the "Compare any roles" page (`compare.html`): every published
//! entry of a role kind with its facets, responsibilities and decisions, as
//! `assets/compare-data.js` (a script assigning a global, so it also works
//! from file://), plus the page's own template data.

use super::lists::{COMPARISONS_PATH, INDEX_LIMIT};
use super::search_index::js_file;
use super::urls;
use super::views::Views;
use crate::resolve::EntryId;
use crate::write::OutputFile;
use serde::Serialize;
use std::collections::BTreeMap;

/// One role as the picker shows it.
#[derive(Debug, PartialEq, Serialize)]
struct RoleData<'a> {
    slug: &'a str,
    title: &'a str,
    abbr: Option<&'a str>,
    kind: &'a str,
    url: String,
    summary: &'a str,
    facets: &'a BTreeMap<String, String>,
    responsibilities: &'a [String],
    decisions: Vec<[&'a str; 2]>,
}

/// The whole file.
#[derive(Debug, PartialEq, Serialize)]
struct CompareData<'a> {
    /// Declared facets in display order: `[key, label]`.
    facets: Vec<[&'a str; 2]>,
    roles: Vec<RoleData<'a>>,
}

/// A hand-written or generated comparison, linked from the picker page.
#[derive(Debug, PartialEq, Serialize)]
pub struct ComparisonLink<'a> {
    /// Title.
    pub title: &'a str,
    /// Site-relative URL.
    pub url: String,
}

/// What `picker.html` shows without JavaScript.
#[derive(Debug, PartialEq, Serialize)]
pub struct PickerPage<'a> {
    /// Number of roles that can be picked.
    pub roles: usize,
    /// The first [`INDEX_LIMIT`] comparison pages (a site can have
    /// thousands: the page must not list them all).
    pub comparisons: Vec<ComparisonLink<'a>>,
    /// How many comparison pages there are.
    pub comparisons_total: usize,
    /// The paged list of all of them, when there are more than shown.
    pub comparisons_url: Option<String>,
}

/// Published role entries, in `sorted` (A–Z) order.
fn roles(views: &Views<'_>, sorted: &[EntryId]) -> Vec<EntryId> {
    let config = views.config;
    sorted.iter().copied().filter(|&id| config.kind(&views.kb.entries[id].kind).is_some_and(|k| k.role)).collect()
}

/// `assets/compare-data.js`.
pub fn file(views: &Views<'_>, sorted: &[EntryId]) -> OutputFile {
    let kb = views.kb;
    let data = CompareData {
        facets: views.config.facets.iter().map(|f| [f.key.as_str(), f.label.as_str()]).collect(),
        roles: roles(views, sorted)
            .into_iter()
            .map(|id| {
                let e = &kb.entries[id];
                RoleData {
                    slug: &e.slug,
                    title: &e.title,
                    abbr: e.abbr.as_deref(),
                    kind: views.kind_label(&e.kind),
                    url: urls::entry(&e.slug),
                    summary: &e.summary,
                    facets: &e.facets,
                    responsibilities: &e.responsibilities,
                    decisions: e.decisions.iter().map(|d| [d.decision.as_str(), d.part.as_str()]).collect(),
                }
            })
            .collect(),
    };
    js_file("assets/compare-data.js", "window.ROLEBOOK_COMPARE=", &data)
}

/// The picker page's data.
pub fn page<'a>(views: &Views<'a>, sorted: &[EntryId]) -> PickerPage<'a> {
    let kb = views.kb;
    let published: Vec<_> = kb.comparisons.iter().filter(|c| kb.include_drafts || !c.draft).collect();
    PickerPage {
        roles: roles(views, sorted).len(),
        comparisons: published
            .iter()
            .take(INDEX_LIMIT)
            .map(|c| ComparisonLink { title: &c.title, url: urls::comparison(&c.slug) })
            .collect(),
        comparisons_total: published.len(),
        comparisons_url: (published.len() > INDEX_LIMIT).then(|| COMPARISONS_PATH.to_owned()),
    }
}
