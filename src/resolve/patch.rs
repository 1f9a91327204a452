//! For `serve`: an edit that changes only what one entry *shows* (summary,
//! tags, facets, responsibilities, skills, decisions, sources, date) leaves
//! every name, edge, relation group and comparison as it was. The knowledge
//! base is then patched in place instead of resolved again, which is what
//! keeps such an edit on a 10 000-entry site under 50 ms.
//!
//! Anything else (a name, a link, the kind, draft, the body, a diagnostic
//! on the document before or after) answers `None`, and the caller resolves
//! everything. The tests in `src/serve/rebuild.rs` check that a patched
//! knowledge base renders the same files and diagnostics as a full build.

use super::entries;
use super::model::{Entry, EntryId, KnowledgeBase};
use crate::config::SiteConfig;
use crate::diag::Diagnostics;
use crate::load::raw::RawEntry;
use crate::load::{Document, FrontMatter};

/// Replaces the shown fields of the entry built from `documents[index]`,
/// which was `before` when `kb` was resolved. Returns the entry's id and
/// the entry as it was, or `None` (with `kb` untouched) when the edit may
/// change more than that entry's own fields, or when building the entry
/// reports anything.
pub fn display_edit(
    kb: &mut KnowledgeBase,
    documents: &[Document],
    config: &SiteConfig,
    index: usize,
    before: &Document,
) -> Option<(EntryId, Entry)> {
    let document = documents.get(index)?;
    let (Some(FrontMatter::Entry(old)), Some(FrontMatter::Entry(new))) = (&before.front, &document.front) else {
        return None;
    };
    if document.body_text() != before.body_text() || structure(old) != structure(new) {
        return None;
    }
    let id = kb.entries.iter().position(|e| e.document == index)?;
    let mut local = Diagnostics::new();
    let built = entries::build(index, document, Some(new), config, &mut local);
    let entry = &mut kb.entries[id];
    let same_names = built.slug == entry.slug
        && built.title == entry.title
        && built.abbr == entry.abbr
        && built.aliases == entry.aliases
        && built.kind == entry.kind
        && built.draft == entry.draft;
    if !local.is_empty() || !same_names {
        return None;
    }
    let was = entry.clone();
    entry.summary = built.summary;
    entry.tags = built.tags;
    entry.facets = built.facets;
    entry.responsibilities = built.responsibilities;
    entry.skills = built.skills;
    entry.decisions = built.decisions;
    entry.sources = built.sources;
    entry.updated = built.updated;
    Some((id, was))
}

/// The raw fields that names, edges and comparisons are resolved from.
fn structure(raw: &RawEntry) -> RawEntry {
    RawEntry {
        summary: None,
        tags: None,
        facets: None,
        responsibilities: None,
        skills: None,
        decisions: None,
        sources: None,
        updated: None,
        ..raw.clone()
    }
}
