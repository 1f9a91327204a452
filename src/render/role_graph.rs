//! The pictures on the map page (issue 16): per kind, a graph of its entries
//! joined by their typed links, laid out at build time so the page needs no
//! script and two builds draw the same picture.
//!
//! The layout is force-directed (Fruchterman–Reingold): linked entries pull
//! together, all entries push apart, for a fixed number of rounds from a
//! fixed start (entries A–Z on a circle), so it is deterministic. Each round
//! costs nodes², so a graph keeps the [`MAX_NODES`] best-linked entries.

use super::markdown::escape;
use super::views::Views;
use crate::resolve::EntryId;
use serde::Serialize;
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// Most entries drawn in one graph.
pub const MAX_NODES: usize = 50;
/// Above this many entries the drawing is made larger (class `large`), so
/// labels keep their size and the box scrolls instead.
const LARGE: usize = 24;
/// Drawing size in SVG units (the page scrolls it on narrow screens rather
/// than shrinking the labels).
const WIDTH: f64 = 960.0;
const HEIGHT: f64 = 620.0;
const MARGIN: f64 = 70.0;
const ROUNDS: usize = 300;
/// Edge styles the theme defines (`ge-0` …); relations beyond share them.
const STYLES: usize = 9;

/// One kind's graph.
#[derive(Debug, PartialEq, Serialize)]
pub struct Graph<'a> {
    /// Kind key.
    pub key: &'a str,
    /// Plural label.
    pub label: &'a str,
    /// The drawing (trusted SVG built here).
    pub svg: String,
    /// Entries drawn.
    pub shown: usize,
    /// Entries of the kind.
    pub total: usize,
    /// The edge styles used, with their relation labels.
    pub legend: Vec<LegendItem<'a>>,
}

/// What one edge style means.
#[derive(Debug, PartialEq, Serialize)]
pub struct LegendItem<'a> {
    /// CSS class of the style.
    pub class: String,
    /// Relation label.
    pub label: &'a str,
}

/// A graph per kind that has links among its own entries; role kinds first.
pub fn graphs<'a>(views: &Views<'a>, sorted: &[EntryId]) -> Vec<Graph<'a>> {
    let mut kinds: Vec<&crate::config::KindDef> = views.config.kinds.iter().collect();
    kinds.sort_by_key(|k| !k.role);
    kinds
        .into_iter()
        .filter_map(|kind| {
            let members: Vec<EntryId> =
                sorted.iter().copied().filter(|&id| views.kb.entries[id].kind == kind.key).collect();
            graph(views, &members).map(|(svg, shown, legend)| Graph {
                key: &kind.key,
                label: &kind.plural,
                svg,
                shown,
                total: members.len(),
                legend,
            })
        })
        .collect()
}

/// Edges among `members` as (from, to, relation) positions, one per pair and relation.
fn edges_among(views: &Views<'_>, members: &[EntryId]) -> Vec<(usize, usize, usize)> {
    let kb = views.kb;
    let position = |id: EntryId| members.binary_search(&id).ok();
    let mut found = BTreeSet::new();
    for edge in &kb.edges {
        if let (Some(a), Some(b)) = (position(edge.from), position(edge.to)) {
            let symmetric = views.config.relations.get(edge.relation).is_some_and(|r| r.symmetric);
            let (a, b) = if symmetric { (a.min(b), a.max(b)) } else { (a, b) };
            if a != b {
                found.insert((a, b, edge.relation));
            }
        }
    }
    found.into_iter().collect()
}

type Drawn<'a> = (String, usize, Vec<LegendItem<'a>>);

fn graph<'a>(views: &Views<'a>, members: &[EntryId]) -> Option<Drawn<'a>> {
    let mut members = members.to_vec();
    members.sort_unstable();
    let edges = edges_among(views, &members);
    let mut degree = vec![0usize; members.len()];
    for &(a, b, _) in &edges {
        degree[a] += 1;
        degree[b] += 1;
    }
    // The best-linked entries, then by entry order; unlinked ones are left to the lists.
    let mut kept: Vec<usize> = (0..members.len()).filter(|&i| degree[i] > 0).collect();
    kept.sort_by_key(|&i| (std::cmp::Reverse(degree[i]), members[i]));
    kept.truncate(MAX_NODES);
    kept.sort_unstable();
    if kept.len() < 2 {
        return None;
    }
    let index = |i: usize| kept.binary_search(&i).ok();
    let edges: Vec<(usize, usize, usize)> =
        edges.iter().filter_map(|&(a, b, r)| Some((index(a)?, index(b)?, r))).collect();
    let pairs: Vec<(usize, usize)> = edges.iter().map(|&(a, b, _)| (a, b)).collect();
    let size = size(kept.len());
    let at = layout(views.layouts, kept.len(), &pairs, size);
    let ids: Vec<EntryId> = kept.iter().map(|&i| members[i]).collect();
    let mut used: Vec<usize> = edges.iter().map(|e| e.2).collect();
    used.sort_unstable();
    used.dedup();
    let legend = used
        .iter()
        .filter_map(|&r| {
            let relation = views.config.relations.get(r)?;
            Some(LegendItem { class: format!("ge-{}", r % STYLES), label: &relation.label })
        })
        .collect();
    Some((svg(views, &ids, &at, &edges, size), ids.len(), legend))
}

/// The drawing's size for `n` entries.
fn size(n: usize) -> (f64, f64) {
    if n > LARGE {
        (WIDTH * 1.6, HEIGHT * 1.6)
    } else {
        (WIDTH, HEIGHT)
    }
}

/// A layout's input: nodes, edges, size.
type LayoutInput = (usize, Vec<(usize, usize)>, (f64, f64));

/// Layouts computed lately: (input, positions).
type Drawings = Vec<(LayoutInput, Vec<(f64, f64)>)>;

/// Layouts computed lately, for a caller that draws the map again and
/// again (`serve`, after edits that leave most graphs as they were: the
/// layout is most of the map's cost). It is a pure function of its input,
/// so a remembered layout is the one it would compute. Enough are kept for
/// one graph per kind.
#[derive(Debug, Default)]
pub struct Layouts(std::sync::Mutex<Drawings>);

/// Most layouts kept in [`Layouts`].
const KEPT: usize = 16;

/// [`compute_layout`], remembered in `memo` when there is one.
fn layout(memo: Option<&Layouts>, n: usize, edges: &[(usize, usize)], size: (f64, f64)) -> Vec<(f64, f64)> {
    let Some(Layouts(memo)) = memo else { return compute_layout(n, edges, size) };
    let same = |((m, e, s), _): &&(LayoutInput, Vec<(f64, f64)>)| *m == n && *s == size && e == edges;
    // A poisoned lock only loses the memo.
    if let Ok(recent) = memo.lock() {
        if let Some((_, at)) = recent.iter().find(same) {
            return at.clone();
        }
    }
    let at = compute_layout(n, edges, size);
    if let Ok(mut recent) = memo.lock() {
        if recent.len() >= KEPT {
            recent.remove(0);
        }
        recent.push(((n, edges.to_vec(), size), at.clone()));
    }
    at
}

/// Positions for `n` nodes joined by `edges`, inside the drawing's margins.
fn compute_layout(n: usize, edges: &[(usize, usize)], (width, height): (f64, f64)) -> Vec<(f64, f64)> {
    let (cx, cy) = (width / 2.0, height / 2.0);
    let radius = (height / 2.0 - MARGIN).max(1.0);
    let mut at: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let angle = std::f64::consts::TAU * i as f64 / n as f64;
            (cx + radius * angle.cos() * width / height, cy + radius * angle.sin())
        })
        .collect();
    let k = ((width - 2.0 * MARGIN) * (height - 2.0 * MARGIN) / n as f64).sqrt() * 0.8;
    for round in 0..ROUNDS {
        let heat = width / 8.0 * (1.0 - round as f64 / ROUNDS as f64) + 1.0;
        let mut push = vec![(0.0f64, 0.0f64); n];
        for i in 0..n {
            for j in i + 1..n {
                let (dx, dy) = (at[i].0 - at[j].0, at[i].1 - at[j].1);
                let d = (dx * dx + dy * dy).sqrt().max(0.5);
                let f = k * k / d;
                push[i] = (push[i].0 + dx / d * f, push[i].1 + dy / d * f);
                push[j] = (push[j].0 - dx / d * f, push[j].1 - dy / d * f);
            }
        }
        for &(a, b) in edges {
            let (dx, dy) = (at[a].0 - at[b].0, at[a].1 - at[b].1);
            let d = (dx * dx + dy * dy).sqrt().max(0.5);
            let f = d * d / k;
            push[a] = (push[a].0 - dx / d * f, push[a].1 - dy / d * f);
            push[b] = (push[b].0 + dx / d * f, push[b].1 + dy / d * f);
        }
        for (p, d) in at.iter_mut().zip(&push) {
            // A pull to the middle keeps loosely linked groups on the page.
            let (gx, gy) = (d.0 + (cx - p.0) * 0.02 * k / 10.0, d.1 + (cy - p.1) * 0.02 * k / 10.0);
            let len = (gx * gx + gy * gy).sqrt().max(1e-9);
            let step = len.min(heat);
            p.0 = (p.0 + gx / len * step).clamp(MARGIN, width - MARGIN);
            p.1 = (p.1 + gy / len * step).clamp(MARGIN / 2.0, height - MARGIN / 2.0);
        }
    }
    fit(&mut at, (width, height));
    at
}

/// Stretches the positions to fill the drawing inside its margins.
fn fit(at: &mut [(f64, f64)], (width, height): (f64, f64)) {
    let span = |pick: fn(&(f64, f64)) -> f64| {
        let low = at.iter().map(pick).fold(f64::INFINITY, f64::min);
        let high = at.iter().map(pick).fold(f64::NEG_INFINITY, f64::max);
        (low, (high - low).max(1.0))
    };
    let ((x0, w), (y0, h)) = (span(|p| p.0), span(|p| p.1));
    for p in at.iter_mut() {
        p.0 = 1.4 * MARGIN + (p.0 - x0) / w * (width - 2.8 * MARGIN);
        p.1 = MARGIN / 2.0 + (p.1 - y0) / h * (height - 1.5 * MARGIN);
    }
}

/// A label short enough not to cover its neighbours.
fn label(title: &str, abbr: Option<&str>) -> String {
    if let Some(abbr) = abbr {
        return abbr.to_owned();
    }
    if title.chars().count() <= 22 {
        return title.to_owned();
    }
    let cut: String = title.chars().take(20).collect();
    format!("{}…", cut.trim_end())
}

fn svg(
    views: &Views<'_>,
    ids: &[EntryId],
    at: &[(f64, f64)],
    edges: &[(usize, usize, usize)],
    (width, height): (f64, f64),
) -> String {
    let kb = views.kb;
    let mut out = String::with_capacity(ids.len() * 400 + edges.len() * 200);
    let large = if width > WIDTH { " large" } else { "" };
    let _ = write!(
        out,
        "<svg class=\"role-graph{large}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    for &(a, b, r) in edges {
        let name = views.config.relations.get(r).map_or("", |rel| rel.label.as_str());
        let _ = write!(
            out,
            "<line class=\"ge ge-{}\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"><title>{}: {} → {}</title></line>",
            r % STYLES,
            at[a].0,
            at[a].1,
            at[b].0,
            at[b].1,
            escape(name),
            escape(&kb.entries[ids[a]].title),
            escape(&kb.entries[ids[b]].title),
        );
    }
    for (i, &id) in ids.iter().enumerate() {
        let link = views.entry_link(id);
        let (x, y) = at[i];
        let _ = write!(
            out,
            "<a class=\"xref\" href=\"{}\" data-slug=\"{}\">\
             <circle class=\"gn\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"8\"/><text class=\"gt\" x=\"{x:.1}\" y=\"{:.1}\">{}</text></a>",
            escape(&link.url),
            escape(link.slug),
            y + 24.0,
            escape(&label(link.title, link.abbr)),
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_is_deterministic_and_inside_the_drawing() {
        let edges = [(0, 1), (1, 2), (2, 0), (3, 4)];
        let first = layout(None, 6, &edges, size(6));
        assert_eq!(first, layout(None, 6, &edges, size(6)));
        let memo = Layouts::default();
        assert_eq!(first, layout(Some(&memo), 6, &edges, size(6)), "computed into the memo");
        assert_eq!(first, layout(Some(&memo), 6, &edges, size(6)), "taken from the memo");
        for &(x, y) in &first {
            assert!((MARGIN..=WIDTH - MARGIN).contains(&x) && (0.0..=HEIGHT).contains(&y), "{x},{y}");
        }
        let far = |a: usize, b: usize| ((first[a].0 - first[b].0).powi(2) + (first[a].1 - first[b].1).powi(2)).sqrt();
        assert!(far(0, 1) < far(0, 5), "linked entries sit closer than unlinked ones");
    }

    #[test]
    fn labels_prefer_the_abbreviation_and_stay_short() {
        assert_eq!(label("Data Product Owner", Some("DPO")), "DPO");
        assert_eq!(label("A very long title for a concept entry", None), "A very long title fo…");
    }
}
