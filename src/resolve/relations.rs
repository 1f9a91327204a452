//! Typed front-matter links → edges, checked against the relation rules of
//! site.toml; then every entry's relation groups in both directions.

use super::entries::{report, report_link, report_link_nth};
use super::model::{Edge, Entry, EntryId, KnowledgeBase, RelationGroup};
use super::title_order::TitleOrder;
use crate::config::SiteConfig;
use crate::diag::{suggest, Code, Diagnostics};
use crate::load::raw::OneOrMany;
use crate::load::Document;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Resolves one entry's `links:` into edges (normalized to the relation's
/// own direction when the author wrote the inverse key).
pub(crate) fn edges_of(
    id: EntryId,
    links: &BTreeMap<String, OneOrMany>,
    document: &Document,
    kb: &KnowledgeBase,
    config: &SiteConfig,
    diagnostics: &mut Diagnostics,
) -> Vec<Edge> {
    let mut edges = Vec::new();
    for (key, targets) in links {
        let Some((relation, inverse)) = config.relation(key) else {
            let hint = suggest::closest(key, config.relation_keys());
            let hint = hint
                .map(|h| format!("did you mean `{h}`?"))
                .unwrap_or_else(|| format!("declared relations: {}", config.relation_keys().join(", ")));
            let message = format!("unknown relation `{key}`");
            diagnostics.push(report_link(document, Code::UnknownRelation, key, "", message).suggest(hint));
            continue;
        };
        let mut seen = BTreeSet::new();
        for (index, name) in targets.names().iter().enumerate() {
            let Some(target) = resolve_target(id, key, name, document, kb, diagnostics) else { continue };
            if !seen.insert(target) {
                let message = format!("`{name}` is listed twice under `{key}`");
                // Point at this writing of the name, not an earlier one.
                let nth = targets.names()[..index].iter().filter(|n| *n == name).count();
                diagnostics.push(report_link_nth(document, Code::DuplicateLink, key, name, nth, message));
                continue;
            }
            let (from, to) = if inverse { (target, id) } else { (id, target) };
            edges.push(Edge { from, relation, to });
        }
    }
    edges
}

fn resolve_target(
    id: EntryId,
    key: &str,
    name: &str,
    document: &Document,
    kb: &KnowledgeBase,
    diagnostics: &mut Diagnostics,
) -> Option<EntryId> {
    let Some(target) = kb.lookup(name) else {
        let message = format!("no entry named `{name}`");
        let d = report_link(document, Code::BrokenLink, key, name, message);
        diagnostics.push(d.maybe_suggest(closest_entry(name, kb)));
        return None;
    };
    if target == id {
        let message = format!("`{key}` links the entry to itself");
        diagnostics.push(report_link(document, Code::SelfLink, key, name, message));
        return None;
    }
    Some(target)
}

/// A `broken-link` diagnostic with the closest slug, title, abbr or alias.
pub(crate) fn broken_link(document: &Document, key: &str, name: &str, kb: &KnowledgeBase) -> crate::diag::Diagnostic {
    let message = format!("no entry named `{name}`");
    let d = report(document, Code::BrokenLink, key, name, message);
    d.maybe_suggest(closest_entry(name, kb))
}

/// "did you mean `slug`?" for the entry whose slug or name is nearest.
pub(crate) fn closest_entry(name: &str, kb: &KnowledgeBase) -> Option<String> {
    let candidates = kb.entries.iter().flat_map(|e| {
        let names = std::iter::once(e.slug.as_str()).chain(std::iter::once(e.title.as_str()));
        names.chain(e.abbr.as_deref()).chain(e.aliases.iter().map(String::as_str))
    });
    let best = suggest::closest(name, candidates)?;
    let id = kb.lookup(best)?;
    let slug = &kb.entries[id].slug;
    Some(if best == slug { format!("did you mean `{slug}`?") } else { format!("did you mean `{slug}` ({best})?") })
}

/// Checks `from`/`to` kinds and `max` for every edge.
pub(crate) fn check_rules(
    edges: &[Edge],
    entries: &[Entry],
    documents: &[Document],
    config: &SiteConfig,
    diagnostics: &mut Diagnostics,
) {
    let mut counts: foldhash::HashMap<(EntryId, usize), usize> = foldhash::HashMap::default();
    for edge in edges {
        let relation = &config.relations[edge.relation];
        let (from, to) = (&entries[edge.from], &entries[edge.to]);
        let document = &documents[from.document];
        let allowed = |kinds: &[String], kind: &str| kinds.is_empty() || kinds.iter().any(|k| k == kind);
        if !allowed(&relation.from, &from.kind) || !allowed(&relation.to, &to.kind) {
            let message = format!(
                "`{}` goes from {} to {}, but this links a {} to a {} (`{}`)",
                relation.key,
                kinds_text(&relation.from),
                kinds_text(&relation.to),
                from.kind,
                to.kind,
                to.slug
            );
            diagnostics.push(report_link(document, Code::RelationKind, &relation.key, "", message));
        }
        let count = counts.entry((edge.from, edge.relation)).or_insert(0);
        *count += 1;
        if relation.max.is_some_and(|max| *count == max + 1) {
            let max = relation.max.unwrap_or(0);
            let message = format!("`{}` allows at most {max} target(s) per entry", relation.key);
            diagnostics.push(report_link(document, Code::RelationMax, &relation.key, "", message));
        }
    }
}

fn kinds_text(kinds: &[String]) -> String {
    if kinds.is_empty() {
        "any kind".to_owned()
    } else {
        kinds.join("/")
    }
}

/// Fills every entry's relation groups: outgoing under the relation's label,
/// incoming under the inverse label (or the same label when symmetric).
pub(crate) fn group(entries: &mut [Entry], edges: &[Edge], config: &SiteConfig) {
    let order = TitleOrder::of(entries);
    group_where(entries, edges, config, &order, |_| true);
}

/// [`group`] again for the entries in `ids` only (their edges changed).
pub(crate) fn regroup(
    entries: &mut [Entry],
    edges: &[Edge],
    config: &SiteConfig,
    order: &TitleOrder,
    ids: &BTreeSet<EntryId>,
) {
    for &id in ids {
        entries[id].relations.clear();
    }
    group_where(entries, edges, config, order, |id| ids.contains(&id));
}

fn group_where(
    entries: &mut [Entry],
    edges: &[Edge],
    config: &SiteConfig,
    order: &TitleOrder,
    keep: impl Fn(EntryId) -> bool,
) {
    // (entry, relation, incoming, other), sorted: one run per group, in the
    // order the page lists them. A flat sort beats a map of sets per entry.
    let mut flat: Vec<(EntryId, usize, bool, EntryId)> = Vec::with_capacity(edges.len() * 2);
    for edge in edges {
        let symmetric = config.relations[edge.relation].symmetric;
        if keep(edge.from) {
            flat.push((edge.from, edge.relation, false, edge.to));
        }
        if keep(edge.to) {
            flat.push((edge.to, edge.relation, !symmetric, edge.from));
        }
    }
    flat.par_sort_unstable();
    flat.dedup();
    for run in flat.chunk_by(|a, b| (a.0, a.1, a.2) == (b.0, b.1, b.2)) {
        let (id, relation, incoming, _) = run[0];
        let def = &config.relations[relation];
        let label = if incoming { def.inverse_label.clone() } else { def.label.clone() };
        let mut ids: Vec<EntryId> = run.iter().map(|&(_, _, _, other)| other).collect();
        order.sort(&mut ids);
        entries[id].relations.push(RelationGroup { relation, incoming, label, entries: ids });
    }
}
