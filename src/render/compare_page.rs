//! The data of a comparison page: facets side by side, responsibilities
//! split into shared and distinct, decisions per role, relations between
//! the compared entries, then the prose.

use super::entry_page::{edit_url, tag_links};
use super::markdown::{self, LinkContext};
use super::views::{EntryLink, Link, Views};
use crate::resolve::{Comparison, EntryId, Heading, Source};
use serde::Serialize;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// One facet across the compared entries.
#[derive(Debug, Serialize)]
pub struct FacetRow<'a> {
    /// Facet label.
    pub label: &'a str,
    /// One value per compared entry ("" when missing).
    pub values: Vec<&'a str>,
}

/// Responsibilities only one entry lists.
#[derive(Debug, Serialize)]
pub struct Distinct<'a> {
    /// The entry.
    pub entry: EntryLink<'a>,
    /// Its own responsibilities.
    pub items: Vec<&'a str>,
}

/// One decision across the compared entries.
#[derive(Debug, Serialize)]
pub struct DecisionRow {
    /// The decision.
    pub decision: String,
    /// One part per compared entry ("" when it has none).
    pub parts: Vec<&'static str>,
}

/// A typed relation between two compared entries.
#[derive(Debug, Serialize)]
pub struct Between<'a> {
    /// Source entry.
    pub from: EntryLink<'a>,
    /// The relation as the verb of a sentence ("works with", "is part of").
    pub verb: String,
    /// Target entry.
    pub to: EntryLink<'a>,
}

/// Everything `compare.html` shows.
#[derive(Debug, Serialize)]
pub struct ComparePage<'a> {
    /// Title.
    pub title: &'a str,
    /// Summary.
    pub summary: Cow<'a, str>,
    /// The compared entries.
    pub entries: Vec<EntryLink<'a>>,
    /// Facets side by side.
    pub facets: Vec<FacetRow<'a>>,
    /// Responsibilities all compared entries list.
    pub shared: Vec<&'a str>,
    /// Responsibilities per entry that the others do not list.
    pub distinct: Vec<Distinct<'a>>,
    /// Decisions with each entry's part.
    pub decisions: Vec<DecisionRow>,
    /// Relations among the compared entries.
    pub between: Vec<Between<'a>>,
    /// Rendered prose (empty for generated pages).
    pub body: String,
    /// The prose's headings (levels 2–3), for the table of contents.
    pub toc: Vec<&'a Heading>,
    /// Sources.
    pub sources: &'a [Source],
    /// Tags.
    pub tags: Vec<Link>,
    /// `YYYY-MM-DD`.
    pub updated: Option<&'a str>,
    /// Edit link.
    pub edit_url: Option<String>,
    /// Every compared entry is a role, so the compare picker can show them.
    pub pickable: bool,
}

/// Whether the compared entries have anything to set side by side beyond
/// their summaries (facets, responsibilities, decisions).
fn has_details(views: &Views<'_>, comparison: &Comparison) -> bool {
    comparison.entries.iter().any(|&id| {
        let e = &views.kb.entries[id];
        comparison.facets.iter().any(|f| e.facets.contains_key(f))
            || !e.responsibilities.is_empty()
            || !e.decisions.is_empty()
    })
}

/// The comparison's summary; a generated page of entries without details
/// (concepts, say) does not promise a comparison of focus and decisions.
pub fn summary<'a>(views: &Views<'a>, comparison: &'a Comparison) -> Cow<'a, str> {
    if comparison.document.is_some() || has_details(views, comparison) {
        return Cow::Borrowed(&comparison.summary);
    }
    let titles: Vec<&str> = comparison.entries.iter().map(|&id| views.kb.entries[id].title.as_str()).collect();
    let names = match titles.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => titles.concat(),
    };
    Cow::Owned(format!("{names} are easily confused: what each one is, side by side, and how they relate."))
}

/// Builds the page data of one comparison.
pub fn build<'a>(views: &Views<'a>, comparison: &'a Comparison, root: &str) -> ComparePage<'a> {
    let kb = views.kb;
    let ids = &comparison.entries;
    let prose = comparison.prose.as_ref();
    let context = LinkContext {
        kb,
        root,
        current: None,
        trust_html: views.config.trust_html,
        content_path: prose.map_or("", |p| p.content_path.as_str()),
    };
    let (shared, distinct) = split_responsibilities(views, ids);
    ComparePage {
        title: &comparison.title,
        summary: summary(views, comparison),
        entries: ids.iter().map(|&id| views.entry_link(id)).collect(),
        // A facet no compared entry fills would be a row of dashes.
        facets: comparison
            .facets
            .iter()
            .map(|key| FacetRow {
                label: views.facet_label(key),
                values: ids.iter().map(|&id| kb.entries[id].facets.get(key).map_or("", String::as_str)).collect(),
            })
            .filter(|row| row.values.iter().any(|v| !v.is_empty()))
            .collect(),
        shared,
        distinct,
        decisions: decision_rows(views, ids),
        between: between(views, ids),
        body: prose.map(|p| markdown::render_parsed(&p.body, &context)).unwrap_or_default(),
        toc: prose.map(|p| p.body.headings.iter().filter(|h| (2..=3).contains(&h.level)).collect()).unwrap_or_default(),
        sources: &comparison.sources,
        tags: tag_links(&comparison.tags),
        updated: comparison
            .updated
            .as_deref()
            .or_else(|| prose.and_then(|p| views.git_dates.get(&p.content_path)).map(String::as_str)),
        edit_url: prose.and_then(|p| edit_url(views, &p.content_path)),
        pickable: ids.iter().all(|&id| views.config.kind(&kb.entries[id].kind).is_some_and(|k| k.role)),
    }
}

fn normalize(text: &str) -> String {
    text.trim().trim_end_matches('.').to_lowercase()
}

fn split_responsibilities<'a>(views: &Views<'a>, ids: &[EntryId]) -> (Vec<&'a str>, Vec<Distinct<'a>>) {
    let entries = &views.kb.entries;
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for &id in ids {
        let mut own: Vec<String> = entries[id].responsibilities.iter().map(|r| normalize(r)).collect();
        own.sort();
        own.dedup();
        for key in own {
            *counts.entry(key).or_insert(0) += 1;
        }
    }
    let is_shared = |r: &str| counts.get(&normalize(r)).is_some_and(|&n| n == ids.len());
    let mut shared: Vec<&str> = Vec::new();
    let mut distinct = Vec::new();
    for &id in ids {
        let mut items = Vec::new();
        for r in &entries[id].responsibilities {
            if !is_shared(r) {
                items.push(r.as_str());
            } else if !shared.iter().any(|s| normalize(s) == normalize(r)) {
                shared.push(r.as_str());
            }
        }
        if !items.is_empty() {
            distinct.push(Distinct { entry: views.entry_link(id), items });
        }
    }
    (shared, distinct)
}

fn decision_rows(views: &Views<'_>, ids: &[EntryId]) -> Vec<DecisionRow> {
    let mut rows: BTreeMap<String, (String, Vec<&'static str>)> = BTreeMap::new();
    for (column, &id) in ids.iter().enumerate() {
        for d in &views.kb.entries[id].decisions {
            let row = rows.entry(normalize(&d.decision)).or_insert_with(|| (d.decision.clone(), vec![""; ids.len()]));
            row.1[column] = d.part.as_str();
        }
    }
    rows.into_values().map(|(decision, parts)| DecisionRow { decision, parts }).collect()
}

/// A relation label as the verb between two names: "Works with" reads as
/// one, "Part of" and "Often confused with" need an "is", and "See also"
/// becomes "is related to".
fn verb(label: &str) -> String {
    let lower = label.trim().to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or("");
    if first == "see" || lower.is_empty() {
        "is related to".to_owned()
    } else if first.ends_with('s') && first.len() > 2 {
        lower
    } else {
        format!("is {lower}")
    }
}

fn between<'a>(views: &Views<'a>, ids: &[EntryId]) -> Vec<Between<'a>> {
    let kb = views.kb;
    let mut found = Vec::new();
    for &id in ids {
        for group in &kb.entries[id].relations {
            for &other in group.entries.iter().filter(|o| ids.contains(o)) {
                let symmetric_dupe = !group.incoming && views.config.relations[group.relation].symmetric && other < id;
                if !group.incoming && !symmetric_dupe {
                    found.push(Between {
                        from: views.entry_link(id),
                        verb: verb(&group.label),
                        to: views.entry_link(other),
                    });
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::verb;

    #[test]
    fn relation_labels_read_as_verbs() {
        assert_eq!(verb("Works with"), "works with");
        assert_eq!(verb("Reports to"), "reports to");
        assert_eq!(verb("Often confused with"), "is often confused with");
        assert_eq!(verb("Part of"), "is part of");
        assert_eq!(verb("Owned by"), "is owned by");
        assert_eq!(verb("See also"), "is related to");
        assert_eq!(verb("Has part"), "has part");
    }
}
