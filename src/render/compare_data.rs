//! Data for the "Compare roles" page (`compare.html`), as scripts that
//! assign globals (so they load with a `<script>` element and work from
//! file://), split so the page never loads every role's details:
//! - `assets/compare-data.js`: what the picker's menus need, the declared
//!   facets, the block size and per role (A–Z) `[slug, title, abbr]` (the
//!   slug `0` when it is the title's simple slug, the abbreviation left out
//!   when there is none);
//! - `assets/compare/c-N.js`: the details (kind, URL, summary, facets,
//!   responsibilities, decisions) of roles `N * BLOCK ..` in the same order,
//!   loaded for the roles picked.
//!
//! Plus the page's own template data.

use super::lists::{COMPARISONS_PATH, INDEX_LIMIT};
use super::search_index::{js_file, js_part_file, simple_slug};
use super::urls;
use super::views::Views;
use crate::output::OutputFile;
use crate::resolve::EntryId;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;

/// Roles per details file. A role's details take about 1.2 KB of
/// JavaScript (7 143 roles of the 50 000-entry benchmark: 8.4 MB), so a
/// block is about 60 KB and a comparison of two to four roles downloads two
/// to four blocks at most; one file per 50 roles adds at most one file for
/// every 50 entry pages.
pub const BLOCK: usize = 50;

/// One role's details, as the picker's table shows them.
#[derive(Debug, PartialEq, Serialize)]
struct Details<'a> {
    kind: &'a str,
    url: String,
    summary: &'a str,
    facets: &'a BTreeMap<String, String>,
    responsibilities: &'a [String],
    decisions: Vec<[&'a str; 2]>,
}

/// One role as the menus list it.
#[derive(Debug, PartialEq)]
struct Name<'a> {
    slug: &'a str,
    title: &'a str,
    abbr: Option<&'a str>,
    /// `proposed` or `deprecated`; `None` for approved roles.
    status: Option<&'static str>,
}

/// `assets/compare-data.js`.
#[derive(Debug, PartialEq, Serialize)]
struct Names<'a> {
    /// Declared facets in display order: `[key, label]`.
    facets: Vec<[&'a str; 2]>,
    /// Roles per details file.
    block: usize,
    /// `[slug or 0, title]`, `[slug or 0, title, abbr]` or, for a role
    /// not approved, `[slug or 0, title, abbr or "", status]`; A–Z.
    roles: Vec<Value>,
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

/// `assets/compare-data.js` and the details files `assets/compare/c-N.js`.
pub fn files(views: &Views<'_>, sorted: &[EntryId]) -> Vec<OutputFile> {
    let kb = views.kb;
    let roles = roles(views, sorted);
    let facets = views.config.facets.iter().map(|f| [f.key.as_str(), f.label.as_str()]).collect();
    let names: Vec<Name<'_>> = roles
        .iter()
        .map(|&id| {
            let e = &kb.entries[id];
            let status = (e.status != crate::resolve::Status::Approved).then(|| e.status.as_str());
            Name { slug: &e.slug, title: &e.title, abbr: e.abbr.as_deref(), status }
        })
        .collect();
    let details: Vec<Details<'_>> = roles
        .iter()
        .map(|&id| {
            let e = &kb.entries[id];
            Details {
                kind: views.kind_label(&e.kind),
                url: urls::entry(&e.slug),
                summary: &e.summary,
                facets: &e.facets,
                responsibilities: &e.responsibilities,
                decisions: e.decisions.iter().map(|d| [d.decision.as_str(), d.part.as_str()]).collect(),
            }
        })
        .collect();
    let mut files = vec![names_file(facets, &names)];
    files.extend(detail_files(&details));
    files
}

/// `assets/compare-data.js`: the menus' data, no details.
fn names_file(facets: Vec<[&str; 2]>, names: &[Name<'_>]) -> OutputFile {
    let roles = names
        .iter()
        .map(|n| {
            // The script derives a slug of 0 from the title, as search does.
            let derived = simple_slug(n.title) == n.slug;
            let mut row = vec![if derived { Value::from(0) } else { Value::from(n.slug) }, Value::from(n.title)];
            row.extend(n.abbr.map(Value::from));
            if let Some(status) = n.status {
                row.truncate(2);
                row.extend([Value::from(n.abbr.unwrap_or("")), Value::from(status)]);
            }
            Value::Array(row)
        })
        .collect();
    js_file("assets/compare-data.js", "window.ROLEBOOK_COMPARE=", &Names { facets, block: BLOCK, roles })
}

/// `assets/compare/c-N.js`: the details of roles `N * BLOCK ..`.
fn detail_files(details: &[Details<'_>]) -> Vec<OutputFile> {
    details
        .chunks(BLOCK)
        .enumerate()
        .map(|(n, chunk)| js_part_file("assets/compare/c", "ROLEBOOK_ROLES", n, &chunk))
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn text(file: &OutputFile) -> String {
        String::from_utf8_lossy(&file.bytes).into_owned()
    }

    #[test]
    fn role_i_is_in_details_file_i_over_block() {
        let facets = BTreeMap::from([("focus".to_owned(), "Delivery".to_owned())]);
        let summaries: Vec<String> = (0..2 * BLOCK + 1).map(|i| format!("Summary {i}.")).collect();
        let details: Vec<Details<'_>> = summaries
            .iter()
            .map(|summary| Details {
                kind: "Role",
                url: String::new(),
                summary,
                facets: &facets,
                responsibilities: &[],
                decisions: Vec::new(),
            })
            .collect();
        let files = detail_files(&details);
        let paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
        assert_eq!(paths, ["assets/compare/c-0.js", "assets/compare/c-1.js", "assets/compare/c-2.js"]);
        let first = text(&files[0]);
        assert!(
            first.starts_with("(window.ROLEBOOK_ROLES=window.ROLEBOOK_ROLES||{})[0]=[{\"kind\":\"Role\""),
            "{first}"
        );
        assert_eq!(first.matches("\"summary\"").count(), BLOCK);
        assert!(first.contains("\"Summary 0.\"") && first.contains(&format!("\"Summary {}.\"", BLOCK - 1)));
        let second = text(&files[1]);
        assert!(second.contains(&format!("\"Summary {BLOCK}.\"")) && !second.contains("\"Summary 0.\""), "{second}");
        let last = text(&files[2]);
        assert!(last.starts_with("(window.ROLEBOOK_ROLES=window.ROLEBOOK_ROLES||{})[2]=[{"), "{last}");
        assert_eq!(last.matches("\"summary\"").count(), 1, "{last}");
        assert!(detail_files(&[]).is_empty(), "no roles, no details files");
    }

    #[test]
    fn the_names_file_holds_slugs_titles_and_abbreviations_only() {
        let names = [
            Name { slug: "data-product-owner", title: "Data Product Owner", abbr: Some("DPO"), status: None },
            Name { slug: "owner", title: "Product Owner", abbr: None, status: None },
            Name { slug: "uber-lead", title: "Über Lead", abbr: None, status: None },
        ];
        let file = names_file(vec![["focus", "Primary focus"]], &names);
        assert_eq!(file.path, "assets/compare-data.js");
        assert_eq!(
            text(&file),
            format!(
                "window.ROLEBOOK_COMPARE={{\"facets\":[[\"focus\",\"Primary focus\"]],\"block\":{BLOCK},\"roles\":\
                 [[0,\"Data Product Owner\",\"DPO\"],[\"owner\",\"Product Owner\"],[\"uber-lead\",\"Über Lead\"]]}};\n"
            )
        );
    }
}
