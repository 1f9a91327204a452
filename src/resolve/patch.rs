//! For `serve`: an edit of one entry's front matter that keeps every name
//! (slug, title, abbreviation, aliases), the kind and the draft flag
//! changes only that entry's own fields and, when its typed links changed,
//! the relation groups at both ends of the links it added or removed. The
//! knowledge base is then patched in place instead of resolved again, which
//! keeps such an edit on a 10 000-entry site under 50 ms.
//!
//! Anything else (a name, a `contrasts_with` link, which generates
//! comparison pages, the body, a diagnostic from building the entry or its
//! links) answers `None`, and the caller resolves everything. The tests in
//! `src/serve/rebuild.rs` check that a patched knowledge base renders the
//! same files and diagnostics as a full build.

use super::compare::CONTRAST_RELATION;
use super::model::{Edge, Entry, EntryId, KnowledgeBase};
use super::{entries, relations};
use crate::config::SiteConfig;
use crate::diag::Diagnostics;
use crate::load::raw::RawEntry;
use crate::load::{Document, FrontMatter};
use std::collections::BTreeSet;

/// What [`entry_edit`] changed.
#[derive(Debug)]
pub struct Patched {
    /// The edited entry.
    pub id: EntryId,
    /// Every entry it changed, as it was before, by id.
    pub before: Vec<(EntryId, Entry)>,
    /// The edges before, when they changed (then the relation rules need
    /// checking again).
    pub edges: Option<Vec<Edge>>,
}

impl Patched {
    /// Puts `kb` back as it was before the edit.
    pub fn undo(self, kb: &mut KnowledgeBase) {
        for (id, entry) in self.before {
            kb.entries[id] = entry;
        }
        if let Some(edges) = self.edges {
            kb.edges = edges;
        }
    }
}

/// Applies the edit of `documents[index]` (which was `before` when `kb` was
/// resolved) to `kb`. `None`, with `kb` untouched, when the edit may change
/// more than [`Patched`] tells, or when building the entry or its links
/// reports anything.
pub fn entry_edit(
    kb: &mut KnowledgeBase,
    documents: &[Document],
    config: &SiteConfig,
    index: usize,
    before: &Document,
) -> Option<Patched> {
    let document = documents.get(index)?;
    let (Some(FrontMatter::Entry(old)), Some(FrontMatter::Entry(new))) = (&before.front, &document.front) else {
        return None;
    };
    if document.body_text() != before.body_text() || names(old) != names(new) {
        return None;
    }
    let id = kb.entries.iter().position(|e| e.document == index)?;
    let mut local = Diagnostics::new();
    let built = entries::build(index, document, Some(new), config, &mut local);
    let edges = if old.links == new.links { None } else { Some(changed_edges(kb, documents, config, id, before)?) };
    if !local.is_empty() || !same_names(&built, &kb.entries[id]) {
        return None;
    }
    let mut touched = BTreeSet::from([id]);
    if let Some((removed, added)) = &edges {
        touched.extend(removed.iter().chain(added).flat_map(|e| [e.from, e.to]));
    }
    let saved: Vec<(EntryId, Entry)> = touched.iter().map(|&t| (t, kb.entries[t].clone())).collect();
    show(&mut kb.entries[id], built);
    let edges_before = edges.as_ref().map(|_| kb.edges.clone());
    if let Some((removed, added)) = &edges {
        kb.edges.retain(|e| !removed.contains(e));
        kb.edges.extend(added);
        kb.edges.sort_unstable();
        kb.edges.dedup();
        relations::regroup(&mut kb.entries, &kb.edges, config, &touched);
    }
    Some(Patched { id, before: saved, edges: edges_before })
}

/// The edges that go away and those that come with the edit of entry
/// `id`'s links; `None` when a link reports a problem or a contrast (a
/// comparison page) changes.
fn changed_edges(
    kb: &KnowledgeBase,
    documents: &[Document],
    config: &SiteConfig,
    id: EntryId,
    before: &Document,
) -> Option<(BTreeSet<Edge>, BTreeSet<Edge>)> {
    let mut ignored = Diagnostics::new();
    let old = declared(kb, before, config, id, &mut ignored);
    let mut local = Diagnostics::new();
    let new = declared(kb, documents.get(kb.entries[id].document)?, config, id, &mut local);
    let contrast = config.relations.iter().position(|r| r.key == CONTRAST_RELATION);
    let differ: Vec<&Edge> = old.symmetric_difference(&new).collect();
    if !local.is_empty() || differ.iter().any(|e| Some(e.relation) == contrast) {
        return None;
    }
    // An edge can also be declared from its other end (under the inverse
    // key): it stays while that entry declares it.
    let mut removed: BTreeSet<Edge> = old.difference(&new).copied().collect();
    let others: BTreeSet<EntryId> = removed.iter().map(|e| if e.from == id { e.to } else { e.from }).collect();
    for other in others {
        let document = documents.get(kb.entries[other].document)?;
        for edge in declared(kb, document, config, other, &mut ignored) {
            removed.remove(&edge);
        }
    }
    let added = new.difference(&old).copied().collect();
    Some((removed, added))
}

/// The edges entry `id` declares in `document`'s `links:`.
fn declared(
    kb: &KnowledgeBase,
    document: &Document,
    config: &SiteConfig,
    id: EntryId,
    diagnostics: &mut Diagnostics,
) -> BTreeSet<Edge> {
    match &document.front {
        Some(FrontMatter::Entry(raw)) => match &raw.links {
            Some(links) => relations::edges_of(id, links, document, kb, config, diagnostics).into_iter().collect(),
            None => BTreeSet::new(),
        },
        _ => BTreeSet::new(),
    }
}

/// Whether a rebuilt entry keeps what names and places it.
fn same_names(built: &Entry, entry: &Entry) -> bool {
    built.slug == entry.slug
        && built.title == entry.title
        && built.abbr == entry.abbr
        && built.aliases == entry.aliases
        && built.kind == entry.kind
        && built.draft == entry.draft
}

/// Copies the fields an entry shows from its rebuilt self.
fn show(entry: &mut Entry, built: Entry) {
    entry.summary = built.summary;
    entry.tags = built.tags;
    entry.facets = built.facets;
    entry.responsibilities = built.responsibilities;
    entry.skills = built.skills;
    entry.decisions = built.decisions;
    entry.sources = built.sources;
    entry.updated = built.updated;
}

/// The raw fields that names come from (all but what an entry shows and
/// its links); a field added to [`RawEntry`] later counts as a name until
/// it is listed here.
fn names(raw: &RawEntry) -> RawEntry {
    RawEntry {
        summary: None,
        tags: None,
        links: None,
        facets: None,
        responsibilities: None,
        skills: None,
        decisions: None,
        sources: None,
        updated: None,
        ..raw.clone()
    }
}
