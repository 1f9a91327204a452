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
            let row = rows
                .entry(normalize(&decision.decision))
                .or_insert_with(|| MatrixRow { decision: &decision.decision, parts: vec![""; columns.len()] });
            row.parts[column] = decision.part.as_str();
        }
    }
    MatrixPage {
        left_out: with_decisions.len() - columns.len(),
        columns: columns.iter().map(|&id| views.entry_link(id)).collect(),
        rows: rows.into_values().collect(),
    }
}
