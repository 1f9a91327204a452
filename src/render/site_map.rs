//! The whole-site map (`map.html`): entries grouped by kind. At the top an
//! SVG of the kinds themselves (circle area by entry count, lines weighted by
//! how many typed links join two kinds); below, per kind, each entry with its
//! typed neighbours.
//!
//! Cost is linear in entries + edges (never entries²); lists stop at
//! [`PER_KIND`] entries per kind with a link to the kind's full page.

use super::markdown::escape;
use super::urls;
use super::views::{EntryLink, RelationView, Views};
use crate::resolve::EntryId;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

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
    /// The kinds overview drawing (trusted SVG built here).
    pub svg: String,
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
    MapPage { svg: overview_svg(&present, &labels, &counts, &between), links, kinds }
}

/// Kinds on a circle, lines between them.
fn overview_svg(
    present: &[usize],
    labels: &[&str],
    counts: &[usize],
    between: &BTreeMap<(usize, usize), usize>,
) -> String {
    let (width, height, radius) = (640.0_f64, 360.0_f64, 120.0_f64);
    let total = counts.iter().sum::<usize>().max(1) as f64;
    let place = |i: usize| -> (f64, f64) {
        if present.len() == 1 {
            return (width / 2.0, height / 2.0);
        }
        let angle = -std::f64::consts::FRAC_PI_2 + std::f64::consts::TAU * i as f64 / present.len() as f64;
        (width / 2.0 + radius * 1.6 * angle.cos(), height / 2.0 + radius * angle.sin())
    };
    let position = |k: usize| present.iter().position(|&p| p == k).map(place);
    let mut out = format!(
        "<svg class=\"kind-map\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" \
         aria-labelledby=\"kind-map-title\"><title id=\"kind-map-title\">Kinds of entry and how many links join them</title>"
    );
    for (&(a, b), &n) in between.iter().filter(|((a, b), _)| a != b) {
        if let (Some((x1, y1)), Some((x2, y2))) = (position(a), position(b)) {
            let stroke = 1.0 + (n as f64).ln_1p() * 1.5;
            let _ = write!(
                out,
                "<line class=\"km-edge\" x1=\"{x1:.0}\" y1=\"{y1:.0}\" x2=\"{x2:.0}\" y2=\"{y2:.0}\" stroke-width=\"{stroke:.1}\"/>\
                 <text class=\"km-count\" x=\"{:.0}\" y=\"{:.0}\">{n}</text>",
                (x1 + x2) / 2.0,
                (y1 + y2) / 2.0 - 4.0
            );
        }
    }
    for (i, &k) in present.iter().enumerate() {
        let (x, y) = place(i);
        let r = 18.0 + 42.0 * (counts[k] as f64 / total).sqrt();
        let within = between.get(&(k, k)).map_or(String::new(), |n| format!(" · {n} inside"));
        let _ = write!(
            out,
            "<circle class=\"km-node\" cx=\"{x:.0}\" cy=\"{y:.0}\" r=\"{r:.0}\"/>\
             <text class=\"km-number\" x=\"{x:.0}\" y=\"{:.0}\">{}</text>\
             <text class=\"km-label\" x=\"{x:.0}\" y=\"{:.0}\">{}{}</text>",
            y + 6.0,
            counts[k],
            y + r + 18.0,
            escape(labels[k]),
            within
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_kinds_and_weighted_lines() {
        let mut between = BTreeMap::new();
        between.insert((0, 1), 5);
        between.insert((0, 0), 2);
        let svg = overview_svg(&[0, 1], &["Roles", "Concepts"], &[3, 4], &between);
        assert_eq!(svg.matches("<circle").count(), 2);
        assert_eq!(svg.matches("<line").count(), 1);
        assert!(svg.contains(">Roles · 2 inside</text>"), "{svg}");
        assert!(!svg.contains("style="));
    }
}
