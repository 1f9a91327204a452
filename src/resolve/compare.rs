//! Comparison pages: hand-written ones (`compare: [...]`) and one generated
//! for every `contrasts_with` pair that has no hand-written page.

use super::entries::{collapse_whitespace, date_of, report, slug_of, sources_of, tags_of};
use super::model::{Comparison, Edge, EntryId, KnowledgeBase};
use super::relations::broken_link;
use crate::config::SiteConfig;
use crate::diag::{suggest, Code, Diagnostics};
use crate::load::raw::RawComparison;
use crate::load::Document;
use crate::slug::{shorten, MAX_FILE_NAME};
use std::collections::BTreeSet;

/// The relation whose pairs get generated comparison pages.
pub(crate) const CONTRAST_RELATION: &str = "contrasts_with";

/// Builds a hand-written comparison from its front matter.
pub(crate) fn hand_written(
    document_index: usize,
    document: &Document,
    raw: &RawComparison,
    kb: &KnowledgeBase,
    config: &SiteConfig,
    diagnostics: &mut Diagnostics,
) -> Comparison {
    let slug = slug_of(document, raw.slug.as_deref(), diagnostics);
    let mut entries: Vec<EntryId> = Vec::new();
    for name in raw.compare.iter().flatten() {
        match kb.lookup(name) {
            Some(id) if entries.contains(&id) => {
                let message = format!("`{name}` is compared with itself");
                diagnostics.push(report(document, Code::DuplicateLink, "compare", name, message));
            }
            Some(id) => entries.push(id),
            None => diagnostics.push(broken_link(document, "compare", name, kb)),
        }
    }
    let count = raw.compare.as_ref().map_or(0, Vec::len);
    if !(2..=4).contains(&count) {
        let message = format!("a comparison needs 2 to 4 entries, this one names {count}");
        diagnostics.push(report(document, Code::CompareArity, "compare", "", message));
    }
    let titles: Vec<&str> = entries.iter().map(|&id| kb.entries[id].title.as_str()).collect();
    Comparison {
        slug,
        title: raw
            .title
            .as_deref()
            .map(collapse_whitespace)
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| titles.join(" vs ")),
        summary: raw.summary.as_deref().map(collapse_whitespace).unwrap_or_else(|| default_summary(&titles)),
        facets: facets_of(document, raw.facets.as_deref(), config, diagnostics),
        tags: tags_of(raw.tags.as_deref()),
        sources: sources_of(document, raw.sources.as_deref(), diagnostics),
        updated: date_of(document, raw.updated.as_deref(), diagnostics),
        draft: raw.draft.unwrap_or(false) || entries.iter().any(|&id| kb.entries[id].draft),
        entries,
        document: Some(document_index),
        prose: Some(super::entries::prose_of(document)),
    }
}

fn facets_of(
    document: &Document,
    keys: Option<&[String]>,
    config: &SiteConfig,
    diagnostics: &mut Diagnostics,
) -> Vec<String> {
    let declared = || config.facets.iter().map(|f| f.key.clone()).collect();
    let Some(keys) = keys else { return declared() };
    let mut facets = Vec::new();
    for key in keys {
        if config.facets.iter().any(|f| &f.key == key) {
            facets.push(key.clone());
        } else {
            let hint = suggest::closest(key, config.facets.iter().map(|f| f.key.as_str()));
            let d = report(document, Code::UnknownFacet, "facets", key, format!("unknown facet `{key}`"));
            diagnostics.push(d.maybe_suggest(hint.map(|h| format!("did you mean `{h}`?"))));
        }
    }
    facets
}

fn default_summary(titles: &[&str]) -> String {
    match titles {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => {
            format!("How {} and {last} differ in focus, responsibilities and decisions.", init.join(", "))
        }
    }
}

/// Generated comparisons whose file name (`<slug>.html`) would be longer
/// than a file system holds: reported at the first entry's file, and cut
/// (even when the rule is relaxed, build never asks for such a name).
pub(crate) fn check_generated_names(
    generated: &mut [Comparison],
    kb: &KnowledgeBase,
    documents: &[Document],
    diagnostics: &mut Diagnostics,
) {
    let max = MAX_FILE_NAME - ".html".len();
    for comparison in generated.iter_mut().filter(|c| c.slug.len() > max) {
        let [a, b] = comparison.entries[..] else { continue };
        let (x, y) = (&kb.entries[a], &kb.entries[b]);
        let longer = if x.slug.len() >= y.slug.len() { x } else { y };
        let message = format!(
            "the comparison page of `{}` and `{}` would need a file name of {} characters; file systems allow {MAX_FILE_NAME}",
            x.title,
            y.title,
            comparison.slug.len() + ".html".len()
        );
        let d = report(&documents[longer.document], Code::SlugTooLong, "slug", "", message);
        let hint = format!("give `{}` a shorter `slug:`, e.g. `slug: {}`", longer.title, shorten(&longer.slug, 60));
        diagnostics.push(d.suggest(hint));
        comparison.slug = shorten(&comparison.slug, max);
    }
}

/// One generated comparison per unordered `contrasts_with` pair without a
/// hand-written page of exactly that pair.
pub(crate) fn generated(
    kb: &KnowledgeBase,
    edges: &[Edge],
    config: &SiteConfig,
    existing: &[Comparison],
) -> Vec<Comparison> {
    let Some((relation, _)) = config.relation(CONTRAST_RELATION) else { return Vec::new() };
    let covered: BTreeSet<Vec<EntryId>> = existing
        .iter()
        .map(|c| {
            let mut ids = c.entries.clone();
            ids.sort_unstable();
            ids
        })
        .collect();
    let taken: BTreeSet<&str> = existing.iter().map(|c| c.slug.as_str()).collect();
    let pairs: BTreeSet<(EntryId, EntryId)> =
        edges.iter().filter(|e| e.relation == relation).map(|e| (e.from.min(e.to), e.from.max(e.to))).collect();
    pairs
        .into_iter()
        .filter(|&(a, b)| !covered.contains(&vec![a, b]))
        .map(|(a, b)| {
            let (x, y) = (&kb.entries[a], &kb.entries[b]);
            let mut slug = format!("{}-vs-{}", x.slug, y.slug);
            if taken.contains(slug.as_str()) {
                slug.push_str("-generated");
            }
            Comparison {
                slug,
                title: format!("{} vs {}", x.title, y.title),
                summary: default_summary(&[&x.title, &y.title]),
                entries: vec![a, b],
                facets: config.facets.iter().map(|f| f.key.clone()).collect(),
                tags: Vec::new(),
                sources: Vec::new(),
                updated: None,
                document: None,
                prose: None,
                draft: x.draft || y.draft,
            }
        })
        .collect()
}
