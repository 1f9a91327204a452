//! The decision matrix (`matrix.html`): every decision named in the entries'
//! `decisions` as a row, the entries taking part as columns, each cell the
//! entry's part (decides / consulted / informed).
//!
//! The table grows with rows × columns, so it keeps at most [`MAX_COLUMNS`]
//! columns (the entries with the most decisions) and says how many it left out.

use super::views::{EntryLink, Views};
use crate::resolve::EntryId;
use serde::Serialize;
use std::collections::BTreeMap;

/// Most entries shown as columns.
pub const MAX_COLUMNS: usize = 40;

/// One decision across the columns.
#[derive(Debug, PartialEq, Serialize)]
pub struct MatrixRow<'a> {
    /// The decision, as first worded (A–Z by its normalized form).
    pub decision: &'a str,
    /// One part per column, `""` when the entry takes no part.
    pub parts: Vec<&'static str>,
    /// The same parts grouped by part, for the one-card-per-decision phone
    /// layout: who decides, who is consulted, who is informed.
    pub groups: Vec<PartGroup>,
}

/// The columns taking one part in a decision.
#[derive(Debug, PartialEq, Serialize)]
pub struct PartGroup {
    /// `decides`, `consulted` or `informed`.
    pub part: &'static str,
    /// Column numbers, left to right.
    pub columns: Vec<usize>,
}

/// The parts in the order a card lists them.
const PART_ORDER: [&str; 3] = ["decides", "consulted", "informed"];

/// Groups one row's parts by part (unknown parts last, in column order).
fn groups(parts: &[&'static str]) -> Vec<PartGroup> {
    let rank = |part: &str| PART_ORDER.iter().position(|p| *p == part).unwrap_or(PART_ORDER.len());
    let mut out: Vec<PartGroup> = Vec::new();
    let mut taken: Vec<(usize, &'static str, usize)> =
        parts.iter().enumerate().filter(|(_, p)| !p.is_empty()).map(|(c, p)| (rank(p), *p, c)).collect();
    taken.sort_unstable();
    for (_, part, column) in taken {
        match out.last_mut() {
            Some(group) if group.part == part => group.columns.push(column),
            _ => out.push(PartGroup { part, columns: vec![column] }),
        }
    }
    out
}

/// Everything `matrix.html` shows.
#[derive(Debug, PartialEq, Serialize)]
pub struct MatrixPage<'a> {
    /// The columns, A–Z.
    pub columns: Vec<EntryLink<'a>>,
    /// The rows.
    pub rows: Vec<MatrixRow<'a>>,
    /// Entries with decisions that did not fit.
    pub left_out: usize,
}

fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").trim_end_matches('.').to_lowercase()
}

/// Builds the matrix from the published entries in `sorted` (A–Z) order.
pub fn page<'a>(views: &Views<'a>, sorted: &[EntryId]) -> MatrixPage<'a> {
    let kb = views.kb;
    let entries = &kb.entries;
    let with_decisions: Vec<EntryId> = sorted.iter().copied().filter(|&id| !entries[id].decisions.is_empty()).collect();
    let mut columns = with_decisions.clone();
    if columns.len() > MAX_COLUMNS {
        // Keep the entries with the most decisions, then restore A–Z order.
        let mut ranked: Vec<(usize, EntryId)> =
            columns.iter().enumerate().map(|(position, &id)| (position, id)).collect();
        ranked.sort_by_key(|&(position, id)| (std::cmp::Reverse(entries[id].decisions.len()), position));
        ranked.truncate(MAX_COLUMNS);
        ranked.sort_unstable();
        columns = ranked.into_iter().map(|(_, id)| id).collect();
    }
    let mut rows: BTreeMap<String, MatrixRow<'a>> = BTreeMap::new();
    for (column, &id) in columns.iter().enumerate() {
        for decision in &entries[id].decisions {
            let row = rows.entry(normalize(&decision.decision)).or_insert_with(|| MatrixRow {
                decision: &decision.decision,
                parts: vec![""; columns.len()],
                groups: Vec::new(),
            });
            row.parts[column] = decision.part.as_str();
        }
    }
    let mut rows: Vec<MatrixRow<'a>> = rows.into_values().collect();
    for row in &mut rows {
        row.groups = groups(&row.parts);
    }
    MatrixPage {
        left_out: with_decisions.len() - columns.len(),
        columns: columns.iter().map(|&id| views.entry_link(id)).collect(),
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_list_deciders_first_then_consulted_then_informed() {
        let got = groups(&["informed", "", "decides", "consulted", "decides"]);
        let want = vec![
            PartGroup { part: "decides", columns: vec![2, 4] },
            PartGroup { part: "consulted", columns: vec![3] },
            PartGroup { part: "informed", columns: vec![0] },
        ];
        assert_eq!(got, want);
        assert!(groups(&["", ""]).is_empty());
    }
}
