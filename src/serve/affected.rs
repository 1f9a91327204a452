//! Which pages an edit affects, so `serve` re-renders only those: the
//! edited entries, every page that shows one of them (its neighbours'
//! relation lists, the bodies that link to it, its "Mentioned in" targets,
//! its comparisons), and list pages only when front matter changed (then
//! only those whose data differs, see `render::list_pages`).
//!
//! [`affected`] compares the knowledge base before and after an edit. Edits
//! that add or remove an entry (or change a slug) change what entry ids
//! mean; for those it answers `None` and the caller renders everything.
//! Pages that come or go with a draft flag or a comparison are told by
//! [`page_moves`]. A new title, abbreviation or alias also re-renders every page
//! with a body link that now resolves differently. [`after_prose_edit`] and
//! [`after_entry_edit`] are the cheaper answers when no front matter
//! changed, or only one entry's own fields and links. The tests in
//! `src/serve/rebuild.rs` check, edit after edit, that rendering the answer
//! serves the same files and diagnostics as a full build.

use crate::load::Document;
use crate::markdown::links::LinkDest;
use crate::render::list_pages::Fingerprints;
use crate::render::urls;
use crate::render::{Lists, Selection};
use crate::resolve::{BodyFacts, Comparison, Entry, EntryId, KnowledgeBase, Patched};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// The pages to re-render after the documents in `edits` (index → its
/// front matter before the edit) changed, going from `old_kb` to `new_kb`
/// (resolved from `documents`), given the served list pages'
/// fingerprints; `None` when everything must be.
pub(crate) fn affected<'a>(
    old_kb: &KnowledgeBase,
    new_kb: &KnowledgeBase,
    documents: &[Document],
    edits: &BTreeMap<usize, String>,
    lists: &'a Fingerprints,
) -> Option<Selection<'a>> {
    if edits.keys().any(|&d| d >= documents.len()) {
        return None;
    }
    let front_matter_edited = edits.iter().any(|(&d, before)| documents[d].front_matter_text() != before);
    if !same_entries(old_kb, new_kb) {
        return None;
    }
    // New names can change what any body link resolves to.
    let renamed = front_matter_edited && old_kb.names != new_kb.names;
    let mut changed: BTreeSet<usize> = edits.keys().copied().collect();
    if renamed {
        changed.extend(relinked(old_kb, new_kb, documents));
    }
    let count = new_kb.entries.len();
    let cards: BTreeSet<EntryId> =
        (0..count).filter(|&id| card_changed(&old_kb.entries[id], &new_kb.entries[id])).collect();
    let differs: BTreeSet<EntryId> =
        (0..count).into_par_iter().filter(|&id| entry_differs(old_kb, new_kb, id)).collect();
    let mut entries: BTreeSet<EntryId> =
        (0..count).filter(|&id| differs.contains(&id) || changed.contains(&new_kb.entries[id].document)).collect();
    if !cards.is_empty() {
        for kb in [old_kb, new_kb] {
            entries.extend(showing(kb, &cards));
        }
    }
    let mut comparisons = BTreeSet::new();
    let old_comparisons: BTreeMap<&str, &Comparison> =
        old_kb.comparisons.iter().map(|c| (c.slug.as_str(), c)).collect();
    let new_slugs: BTreeSet<&str> = new_kb.comparisons.iter().map(|c| c.slug.as_str()).collect();
    for gone in old_kb.comparisons.iter().filter(|c| !new_slugs.contains(c.slug.as_str())) {
        // Entry pages list their comparisons by title.
        entries.extend(gone.entries.iter().copied());
    }
    for (index, after) in new_kb.comparisons.iter().enumerate() {
        let before = old_comparisons.get(after.slug.as_str()).copied();
        let same = before == Some(after);
        let edited = after.document.is_some_and(|d| changed.contains(&d));
        let member_changed = after
            .entries
            .iter()
            .any(|&id| cards.contains(&id) || changed.contains(&new_kb.entries[id].document) || differs.contains(&id));
        let shows_card = !cards.is_empty() && mentions(new_kb, documents, after.document).any(|id| cards.contains(&id));
        if !same || edited || member_changed || shows_card {
            comparisons.insert(index);
        }
        if !same {
            entries.extend(before.iter().flat_map(|b| b.entries.iter()).chain(&after.entries).copied());
        }
    }
    let lists = if !cards.is_empty() || front_matter_edited || old_kb.comparisons != new_kb.comparisons {
        Lists::Changed(lists)
    } else {
        Lists::None
    };
    entries.retain(|&id| new_kb.is_published(id));
    Some(Selection::Only { entries, comparisons, lists })
}

/// Whether entry `id` differs between the builds. Its comparisons are
/// compared by slug: their indices shift when a comparison comes or goes.
fn entry_differs(old: &KnowledgeBase, new: &KnowledgeBase, id: EntryId) -> bool {
    let (a, b) = (&old.entries[id], &new.entries[id]);
    if a.comparisons == b.comparisons {
        return a != b;
    }
    let slugs = |kb: &KnowledgeBase, e: &Entry| -> Vec<String> {
        e.comparisons.iter().filter_map(|&i| kb.comparisons.get(i)).map(|c| c.slug.clone()).collect()
    };
    if slugs(old, a) != slugs(new, b) {
        return true;
    }
    let mut renumbered = a.clone();
    renumbered.comparisons.clone_from(&b.comparisons);
    renumbered != *b
}

/// Whether both builds have the same entries with the same slugs, so
/// entry ids and their page paths mean the same in both.
fn same_entries(a: &KnowledgeBase, b: &KnowledgeBase) -> bool {
    a.include_drafts == b.include_drafts
        && a.entries.len() == b.entries.len()
        && a.entries.iter().zip(&b.entries).all(|(x, y)| x.slug == y.slug && x.document == y.document)
}

/// Entry and comparison pages that come or go with an edit.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct PageMoves {
    /// Paths of pages published now and not before.
    pub added: BTreeSet<String>,
    /// Paths of pages published before and not now.
    pub removed: BTreeSet<String>,
}

impl PageMoves {
    /// Notes the page of the entry with `slug` when it was published
    /// (`before`) and is not (`now`), or the other way round.
    pub(crate) fn entry(&mut self, slug: &str, before: bool, now: bool) {
        match (before, now) {
            (false, true) => self.added.insert(urls::entry(slug)),
            (true, false) => self.removed.insert(urls::entry(slug)),
            _ => false,
        };
    }
}

/// The entry and comparison pages published in one of `old` and `new`
/// only (both with the same entries, see [`affected`]).
pub(crate) fn page_moves(old: &KnowledgeBase, new: &KnowledgeBase) -> PageMoves {
    let mut moves = PageMoves::default();
    for (id, entry) in new.entries.iter().enumerate().filter(|&(id, _)| id < old.entries.len()) {
        moves.entry(&entry.slug, old.is_published(id), new.is_published(id));
    }
    let published = |kb: &KnowledgeBase| -> BTreeSet<String> {
        let shown = kb.comparisons.iter().filter(|c| kb.include_drafts || !c.draft);
        shown.map(|c| urls::comparison(&c.slug)).collect()
    };
    let (before, after) = (published(old), published(new));
    moves.added.extend(after.difference(&before).cloned());
    moves.removed.extend(before.difference(&after).cloned());
    moves
}

/// The documents with a body link that resolves differently in `new`.
fn relinked(old: &KnowledgeBase, new: &KnowledgeBase, documents: &[Document]) -> Vec<usize> {
    let differs = |document: &Document| {
        document.parsed.links.iter().any(|link| match link.destination() {
            LinkDest::Entry { name, .. } => old.lookup(name) != new.lookup(name),
            _ => false,
        })
    };
    documents.par_iter().enumerate().filter(|(_, d)| differs(d)).map(|(index, _)| index).collect()
}

/// Whether what other pages show of an entry changed: its link text and
/// preview (title, abbreviation, kind, summary), whether it is linked at
/// all (a draft is plain text), or the headings their `#fragment` links
/// point at.
fn card_changed(a: &Entry, b: &Entry) -> bool {
    a.title != b.title
        || a.abbr != b.abbr
        || a.kind != b.kind
        || a.summary != b.summary
        || a.draft != b.draft
        || a.status != b.status
        || a.superseded_by != b.superseded_by
        || a.headings != b.headings
}

/// The entries a hand-written comparison's prose links to.
fn mentions<'a>(
    kb: &'a KnowledgeBase,
    documents: &'a [Document],
    document: Option<usize>,
) -> impl Iterator<Item = EntryId> + 'a {
    let links = document.and_then(|d| documents.get(d)).map_or(&[][..], |d| d.parsed.links.as_slice());
    links.iter().filter_map(move |link| match link.destination() {
        LinkDest::Entry { name, .. } => kb.lookup(name),
        _ => None,
    })
}

/// Entries whose pages show one of `cards`: their relation lists (which
/// hold both directions), the entries that mention them, and the entries
/// they mention (whose "Mentioned in" lists show them).
fn showing(kb: &KnowledgeBase, cards: &BTreeSet<EntryId>) -> BTreeSet<EntryId> {
    let mut pages = BTreeSet::new();
    for (id, entry) in kb.entries.iter().enumerate() {
        if entry.mentioned_in.iter().any(|m| cards.contains(m)) {
            pages.insert(id);
        }
    }
    for &card in cards {
        let entry = &kb.entries[card];
        pages.extend(entry.relations.iter().flat_map(|g| g.entries.iter().copied()));
        pages.extend(entry.mentioned_in.iter().copied());
    }
    pages
}

/// The pages to re-render after edits that changed prose only (no front
/// matter), given each entry's body facts `before` and the knowledge base
/// completed again: the edited pages, the entries whose "Mentioned in" list
/// changed, and the pages whose links point at headings that changed.
pub(crate) fn after_prose_edit(
    before: &[BodyFacts],
    kb: &KnowledgeBase,
    documents: &[Document],
    edited: &BTreeSet<usize>,
) -> Selection<'static> {
    let mut entries = BTreeSet::new();
    let mut anchors = BTreeSet::new();
    for (id, (old, entry)) in before.iter().zip(&kb.entries).enumerate() {
        if edited.contains(&entry.document) || old.mentioned_in != entry.mentioned_in {
            entries.insert(id);
        }
        if old.headings != entry.headings {
            anchors.insert(id);
            entries.extend(old.mentioned_in.iter().chain(&entry.mentioned_in).copied());
        }
    }
    let comparisons = kb
        .comparisons
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.document.is_some_and(|d| edited.contains(&d))
                || (!anchors.is_empty() && mentions(kb, documents, c.document).any(|id| anchors.contains(&id)))
        })
        .map(|(index, _)| index)
        .collect();
    entries.retain(|&id| kb.is_published(id));
    Selection::Only { entries, comparisons, lists: Lists::None }
}

/// The pages to re-render after `resolve::entry_edit` patched the
/// knowledge base: what [`affected`] answers for such an edit, without a
/// second knowledge base to compare.
pub(crate) fn after_entry_edit<'a>(
    kb: &KnowledgeBase,
    documents: &[Document],
    patched: &Patched,
    lists: &'a Fingerprints,
) -> Selection<'a> {
    let id = patched.id;
    let changed: BTreeSet<EntryId> =
        patched.before.iter().filter(|(t, was)| *t == id || kb.entries[*t] != *was).map(|(t, _)| *t).collect();
    let mut entries = changed.clone();
    let was = patched.before.iter().find(|(t, _)| *t == id).map(|(_, was)| was);
    let card = was.is_some_and(|was| card_changed(was, &kb.entries[id]));
    if card {
        let cards = BTreeSet::from([id]);
        entries.extend(showing(kb, &cards));
        // Its relation lists before the edit showed it too.
        entries.extend(was.iter().flat_map(|w| w.relations.iter().flat_map(|g| g.entries.iter().copied())));
    }
    let retitled =
        |index: usize| patched.comparisons.as_ref().is_some_and(|old| old.get(index) != kb.comparisons.get(index));
    let comparisons: BTreeSet<usize> = kb
        .comparisons
        .iter()
        .enumerate()
        .filter(|&(index, c)| {
            retitled(index)
                || c.entries.iter().any(|m| changed.contains(m))
                || (card && mentions(kb, documents, c.document).any(|m| m == id))
        })
        .map(|(index, _)| index)
        .collect();
    // Entry pages list their comparisons by title.
    entries
        .extend(comparisons.iter().filter(|&&i| retitled(i)).flat_map(|&i| kb.comparisons[i].entries.iter().copied()));
    entries.retain(|&id| kb.is_published(id));
    Selection::Only { entries, comparisons, lists: Lists::Changed(lists) }
}
