//! For `serve`: edits that changed prose only (no front matter) patch the
//! body facts of a completed knowledge base in place, giving what
//! [`super::complete_in_place`] would give without checking every body of
//! the site again: the edited bodies are checked, their "Mentioned in"
//! reverse links moved, and when an edited entry's headings changed, the
//! bodies that link to it (their anchors) and the comparisons' are checked
//! again. Orphans and unused assets, which any body can decide, are found
//! again for the whole site (both are a pass over what is already known).
//! The tests in `src/serve/rebuild/tests.rs` check that the result serves
//! the same files and diagnostics as a full build.

use super::model::{EntryId, KnowledgeBase};
use super::{assets, bodies, checks, BodyFacts};
use crate::diag::{Code, Diagnostics};
use crate::load::Document;
use crate::markdown::ParsedBody;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// What [`prose_edit`] changed.
#[derive(Debug, Default)]
pub struct ProsePatched {
    /// The body facts before the edit of every entry whose facts may have
    /// changed (the edited ones and those they mention, or mentioned).
    pub before: BTreeMap<EntryId, BodyFacts>,
    /// The edited entries' bodies before, to undo.
    entry_bodies: Vec<(EntryId, Arc<ParsedBody>)>,
    /// The edited comparisons' bodies before (by index), to undo.
    comparison_bodies: Vec<(usize, Arc<ParsedBody>)>,
}

impl ProsePatched {
    /// Puts `kb` back as it was before the edit.
    pub fn undo(self, kb: &mut KnowledgeBase) {
        for (id, facts) in self.before {
            kb.entries[id].headings = facts.headings;
            kb.entries[id].mentioned_in = facts.mentioned_in;
        }
        for (id, body) in self.entry_bodies {
            kb.entries[id].prose.body = body;
        }
        for (index, body) in self.comparison_bodies {
            if let Some(prose) = kb.comparisons[index].prose.as_mut() {
                prose.body = body;
            }
        }
    }
}

/// Applies prose-only edits of the `edited` documents to `kb`, completed
/// from the documents before the edit with `found` as its body
/// diagnostics. Returns what changed and the body diagnostics now.
pub fn prose_edit(
    kb: &mut KnowledgeBase,
    comparison_documents: &[usize],
    documents: &[Document],
    edited: &BTreeSet<usize>,
    found: &Diagnostics,
) -> (ProsePatched, Diagnostics) {
    let mut patched = ProsePatched::default();
    let sources: BTreeSet<EntryId> =
        (0..kb.entries.len()).filter(|&id| edited.contains(&kb.entries[id].document)).collect();
    for &id in &sources {
        let entry = &mut kb.entries[id];
        let Some(document) = documents.get(entry.document) else { continue };
        let facts = BodyFacts { headings: entry.headings.clone(), mentioned_in: entry.mentioned_in.clone() };
        patched.before.insert(id, facts);
        entry.headings = document.parsed.headings.clone();
        patched.entry_bodies.push((id, std::mem::replace(&mut entry.prose.body, document.parsed.clone())));
    }
    for (index, comparison) in kb.comparisons.iter_mut().enumerate() {
        let (Some(d), Some(prose)) = (comparison.document, comparison.prose.as_mut()) else { continue };
        if let Some(document) = documents.get(d).filter(|_| edited.contains(&d)) {
            patched.comparison_bodies.push((index, std::mem::replace(&mut prose.body, document.parsed.clone())));
        }
    }
    let owners = owners(kb, comparison_documents, edited, &sources, &patched.before);
    let (mentions, rechecked) = bodies::recheck_with_mentions(kb, documents, &owners);
    move_mentions(kb, &sources, &mentions, &mut patched.before);
    let files: BTreeSet<&str> =
        owners.iter().filter_map(|&(_, d)| documents.get(d)).map(|d| d.source.path.as_str()).collect();
    // Orphans and unused assets are found again below, site-wide.
    let again = |code: Code| code == Code::Orphan || code == Code::UnusedAsset;
    let mut diagnostics = Diagnostics::new();
    for kept in found.iter().filter(|d| !files.contains(d.file.as_str()) && !again(d.code)) {
        diagnostics.push(kept.clone());
    }
    diagnostics.extend(rechecked);
    checks::bodies(kb, documents, &mut diagnostics);
    assets::unused(&kb.files, documents, &mut diagnostics);
    (patched, diagnostics)
}

/// The bodies whose diagnostics the edit can change, in the order a full
/// build checks them: the edited ones, and where an edited entry's
/// headings changed, those linking to it and the comparisons.
fn owners(
    kb: &KnowledgeBase,
    comparison_documents: &[usize],
    edited: &BTreeSet<usize>,
    sources: &BTreeSet<EntryId>,
    before: &BTreeMap<EntryId, BodyFacts>,
) -> Vec<(Option<EntryId>, usize)> {
    let mut entries: BTreeSet<EntryId> = sources.clone();
    let mut all_comparisons = false;
    for (&id, facts) in before {
        if facts.headings != kb.entries[id].headings {
            entries.extend(kb.entries[id].mentioned_in.iter().copied());
            all_comparisons = true;
        }
    }
    let mut owners: Vec<(Option<EntryId>, usize)> =
        entries.iter().map(|&id| (Some(id), kb.entries[id].document)).collect();
    owners.extend(comparison_documents.iter().filter(|d| all_comparisons || edited.contains(d)).map(|&d| (None, d)));
    owners
}

/// Moves the "Mentioned in" links of the `sources` (the edited entries) to
/// the entries they mention now (`mentions`, from every rechecked body),
/// keeping each changed list's facts before in `before`.
fn move_mentions(
    kb: &mut KnowledgeBase,
    sources: &BTreeSet<EntryId>,
    mentions: &[(EntryId, EntryId)],
    before: &mut BTreeMap<EntryId, BodyFacts>,
) {
    let now: Vec<(EntryId, EntryId)> = mentions.iter().copied().filter(|(from, _)| sources.contains(from)).collect();
    let mut touched: BTreeSet<EntryId> = now.iter().map(|&(_, to)| to).collect();
    if !sources.is_empty() {
        let was = |id: EntryId| kb.entries[id].mentioned_in.iter().any(|m| sources.contains(m));
        touched.extend((0..kb.entries.len()).filter(|&id| was(id)));
    }
    for &id in &touched {
        let entry = &mut kb.entries[id];
        before.entry(id).or_insert_with(|| BodyFacts {
            headings: entry.headings.clone(),
            mentioned_in: entry.mentioned_in.clone(),
        });
        entry.mentioned_in.retain(|m| !sources.contains(m));
    }
    for &(from, to) in &now {
        kb.entries[to].mentioned_in.push(from);
    }
    // In title order, as `bodies::resolve` sorts them (see `TitleOrder`).
    for &id in &touched {
        let mut list = std::mem::take(&mut kb.entries[id].mentioned_in);
        list.sort_by_cached_key(|&m| (kb.entries[m].title.to_lowercase(), m));
        kb.entries[id].mentioned_in = list;
    }
}
