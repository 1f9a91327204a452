//! The whole-site map (`map.html`): at the top, per kind, a graph of its
//! entries and their typed links (see `role_graph`); below, per kind, each
//! entry with its typed neighbours, the text alternative.
//!
//! Cost is linear in entries + edges (never entries²); lists stop at
//! [`PER_KIND`] entries per kind with a link to the kind's full page.

use super::role_graph::{self, Graph};
use super::urls;
use super::views::{EntryLink, RelationView, Views};
use crate::resolve::EntryId;
use serde::Serialize;
use std::collections::BTreeMap;

/// Most entries listed per kind.
pub const PER_KIND: usize = 200;

/// An entry with its neighbours.
#[derive(Debug, PartialEq, Serialize)]
pub struct MapEntry<'a> {
    /// The entry.
    pub entry: EntryLink<'a>,
    /// Its relation groups.
    pub relations: Vec<RelationView<'a>>,
}

/// One kind's block.
#[derive(Debug, PartialEq, Serialize)]
pub struct MapKind<'a> {
    /// Kind key.
    pub key: &'a str,
    /// Plural label.
    pub label: &'a str,
    /// Kind page URL.
    pub url: String,
    /// Entries of the kind.
    pub count: usize,
    /// The first [`PER_KIND`] entries, A–Z.
    pub entries: Vec<MapEntry<'a>>,
}

/// Everything `map.html` shows.
#[derive(Debug, PartialEq, Serialize)]
pub struct MapPage<'a> {
    /// Per kind, the picture of its entries and their typed links.
    pub graphs: Vec<Graph<'a>>,
    /// Text version of the drawing: "Roles – Concepts: 12 links".
    pub links: Vec<String>,
    /// Kinds with entries.
    pub kinds: Vec<MapKind<'a>>,
}

/// Builds the map page from the published entries in `sorted` (A–Z) order.
pub fn page<'a>(views: &Views<'a>, sorted: &[EntryId]) -> MapPage<'a> {
    let kb = views.kb;
    let config = views.config;
    let kind_of = |id: EntryId| config.kinds.iter().position(|k| k.key == kb.entries[id].kind);
    let mut counts = vec![0usize; config.kinds.len()];
    let mut members: Vec<Vec<EntryId>> = vec![Vec::new(); config.kinds.len()];
    for &id in sorted {
        if let Some(k) = kind_of(id) {
            counts[k] += 1;
            if members[k].len() < PER_KIND {
                members[k].push(id);
            }
        }
    }
    let mut between: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for edge in kb.edges.iter().filter(|e| kb.is_published(e.from) && kb.is_published(e.to)) {
        if let (Some(a), Some(b)) = (kind_of(edge.from), kind_of(edge.to)) {
            *between.entry((a.min(b), a.max(b))).or_insert(0) += 1;
        }
    }
    let present: Vec<usize> = (0..counts.len()).filter(|&k| counts[k] > 0).collect();
    let labels: Vec<&str> = config.kinds.iter().map(|k| k.plural.as_str()).collect();
    let links = between
        .iter()
        .map(|(&(a, b), n)| {
            let s = if *n == 1 { "" } else { "s" };
            if a == b {
                format!("Within {}: {n} link{s}", labels[a])
            } else {
                format!("{} – {}: {n} link{s}", labels[a], labels[b])
            }
        })
        .collect();
    let kinds = present
        .iter()
        .map(|&k| MapKind {
            key: &config.kinds[k].key,
            label: labels[k],
            url: urls::kind(&config.kinds[k].key),
            count: counts[k],
            entries: members[k]
                .iter()
                .map(|&id| MapEntry { entry: views.entry_link(id), relations: views.relations(id) })
                .collect(),
        })
        .collect();
    MapPage { graphs: role_graph::graphs(views, sorted), links, kinds }
}
