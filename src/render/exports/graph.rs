//! `graph.json`: the knowledge graph for tools: the site's vocabulary
//! (kinds, relations, facets), entries with their fields and page URL, and
//! every typed relation between published entries as an edge.

use super::page_url;
use crate::config::SiteConfig;
use crate::render::urls;
use crate::resolve::{EntryId, KnowledgeBase};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct Graph<'a> {
    title: &'a str,
    generator: String,
    kinds: Vec<Kind<'a>>,
    relations: Vec<Relation<'a>>,
    facets: Vec<Facet<'a>>,
    entries: Vec<Node<'a>>,
    edges: Vec<GraphEdge<'a>>,
    comparisons: Vec<Comparison<'a>>,
}

#[derive(Serialize)]
struct Kind<'a> {
    key: &'a str,
    label: &'a str,
    plural: &'a str,
    role: bool,
}

#[derive(Serialize)]
struct Relation<'a> {
    key: &'a str,
    label: &'a str,
    symmetric: bool,
    inverse: Option<&'a str>,
    inverse_label: &'a str,
}

#[derive(Serialize)]
struct Facet<'a> {
    key: &'a str,
    label: &'a str,
}

#[derive(Serialize)]
struct Node<'a> {
    slug: &'a str,
    title: &'a str,
    abbr: Option<&'a str>,
    aliases: &'a [String],
    kind: &'a str,
    summary: &'a str,
    tags: &'a [String],
    facets: &'a BTreeMap<String, String>,
    updated: Option<&'a str>,
    url: String,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    superseded_by: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    owners: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    reviewed: Option<&'a str>,
}

#[derive(Serialize)]
struct GraphEdge<'a> {
    from: &'a str,
    relation: &'a str,
    to: &'a str,
}

#[derive(Serialize)]
struct Comparison<'a> {
    slug: &'a str,
    title: &'a str,
    entries: Vec<&'a str>,
    url: String,
}

/// The graph as compact JSON (pretty-printing doubled its size; any JSON
/// viewer indents it again).
pub(super) fn render(kb: &KnowledgeBase, config: &SiteConfig, published: &[EntryId]) -> Vec<u8> {
    let graph = Graph {
        title: &config.title,
        generator: format!("rolebook {}", env!("CARGO_PKG_VERSION")),
        kinds: config
            .kinds
            .iter()
            .map(|k| Kind { key: &k.key, label: &k.label, plural: &k.plural, role: k.role })
            .collect(),
        relations: config
            .relations
            .iter()
            .map(|r| Relation {
                key: &r.key,
                label: &r.label,
                symmetric: r.symmetric,
                inverse: r.inverse.as_deref(),
                inverse_label: &r.inverse_label,
            })
            .collect(),
        facets: config.facets.iter().map(|f| Facet { key: &f.key, label: &f.label }).collect(),
        entries: published.iter().map(|&id| node(kb, config, id)).collect(),
        edges: edges(kb, config),
        comparisons: comparisons(kb, config),
    };
    let mut bytes = serde_json::to_vec(&graph).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn node<'a>(kb: &'a KnowledgeBase, config: &SiteConfig, id: EntryId) -> Node<'a> {
    let e = &kb.entries[id];
    Node {
        slug: &e.slug,
        title: &e.title,
        abbr: e.abbr.as_deref(),
        aliases: &e.aliases,
        kind: &e.kind,
        summary: &e.summary,
        tags: &e.tags,
        facets: &e.facets,
        updated: e.updated.as_deref(),
        url: page_url(config, &urls::entry(&e.slug)),
        status: e.status.as_str(),
        superseded_by: e.superseded_by.filter(|&s| kb.is_published(s)).map(|s| kb.entries[s].slug.as_str()),
        owners: &e.owners,
        reviewed: e.reviewed.as_deref(),
    }
}

fn edges<'a>(kb: &'a KnowledgeBase, config: &'a SiteConfig) -> Vec<GraphEdge<'a>> {
    kb.edges
        .iter()
        .filter(|e| kb.is_published(e.from) && kb.is_published(e.to))
        .map(|e| GraphEdge {
            from: &kb.entries[e.from].slug,
            relation: &config.relations[e.relation].key,
            to: &kb.entries[e.to].slug,
        })
        .collect()
}

fn comparisons<'a>(kb: &'a KnowledgeBase, config: &SiteConfig) -> Vec<Comparison<'a>> {
    kb.comparisons
        .iter()
        .filter(|c| kb.include_drafts || !c.draft)
        .map(|c| Comparison {
            slug: &c.slug,
            title: &c.title,
            entries: c.entries.iter().map(|&id| kb.entries[id].slug.as_str()).collect(),
            url: page_url(config, &urls::comparison(&c.slug)),
        })
        .collect()
}
