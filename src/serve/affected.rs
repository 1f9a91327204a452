//! Which pages an edit affects, so `serve` re-renders only those: the
//! edited entries, every page that shows one of them (its neighbours'
//! relation lists, the bodies that link to it, its "Mentioned in" targets,
//! its comparisons), and list pages only when front matter changed (then
//! only those whose data differs, see `render::list_pages`).
//!
//! [`affected`] compares the knowledge base before and after an edit,
//! matching entries by slug, so it also answers when files were added,
//! deleted or renamed (entry ids then shift): an added entry shows on the
//! pages that show it now, a deleted one on those that showed it before.
//! It also tells the entry and comparison pages that came or went. A new
//! title, abbreviation or alias also re-renders every page with a body
//! link that now resolves differently. [`after_prose_edit`] and
//! [`after_entry_edit`] are the cheaper answers when no front matter
//! changed, or only one entry's own fields and links. The tests in
//! `src/serve/rebuild/tests.rs` check, edit after edit, that rendering the
//! answer serves the same files and diagnostics as a full build.

use crate::load::Document;
use crate::markdown::links::LinkDest;
use crate::render::list_pages::{Families, Family, Fingerprints, PageScope};
use crate::render::urls;
use crate::render::{Lists, Selection};
use crate::resolve::{BodyFacts, Comparison, Entry, EntryId, KnowledgeBase, Moved, Patched};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// What changed in the sources since the last good build.
pub(crate) struct Edited<'e> {
    /// Documents (indices into the new documents) that were edited or added.
    pub(crate) documents: &'e BTreeSet<usize>,
    /// Whether any front matter may differ (always when a file came or went).
    pub(crate) front_matter: bool,
}

/// The pages to re-render after the `edited` documents changed, going from
/// `old_kb` to `new_kb` (resolved from `documents`), given the served list
/// pages' fingerprints, and the entry and comparison pages that came or
/// went. Entries are matched by slug, so this holds whatever files were
/// added, deleted or renamed.
pub(crate) fn affected<'a>(
    old_kb: &KnowledgeBase,
    new_kb: &KnowledgeBase,
    documents: &[Document],
    edited: &Edited<'_>,
    lists: &'a Fingerprints,
) -> (Selection<'a>, PageMoves) {
    let ids = Ids::between(old_kb, new_kb);
    let mut changed: BTreeSet<usize> = edited.documents.iter().copied().filter(|&d| d < documents.len()).collect();
    // New names (or entries) can change what any body link resolves to.
    let renamed = edited.front_matter && (!ids.same || old_kb.names != new_kb.names);
    if renamed {
        changed.extend(relinked(old_kb, new_kb, documents, &new_kb.comparisons));
        changed.extend(renamed_mentions(old_kb, new_kb, &ids).into_iter().map(|id| new_kb.entries[id].document));
    }
    let count = new_kb.entries.len();
    let (mut new_cards, mut old_cards) = (BTreeSet::new(), BTreeSet::new());
    for id in 0..count {
        match ids.to_old[id] {
            Some(old) if !card_changed(&old_kb.entries[old], &new_kb.entries[id], |o| ids.new_of(o)) => {}
            Some(old) => {
                new_cards.insert(id);
                old_cards.insert(old);
            }
            None => {
                new_cards.insert(id);
            }
        }
    }
    old_cards.extend(ids.to_new.iter().enumerate().filter(|(_, new)| new.is_none()).map(|(old, _)| old));
    let differs: BTreeSet<EntryId> = (0..count)
        .into_par_iter()
        .filter(|&id| ids.to_old[id].is_none_or(|old| !same_entry(old_kb, new_kb, &ids, old, id)))
        .collect();
    let mut entries: BTreeSet<EntryId> =
        (0..count).filter(|&id| differs.contains(&id) || changed.contains(&new_kb.entries[id].document)).collect();
    entries.extend(showing(new_kb, &new_cards));
    entries.extend(ids.news(showing(old_kb, &old_cards)));
    let mut comparisons = BTreeSet::new();
    let old_comparisons: BTreeMap<&str, &Comparison> =
        old_kb.comparisons.iter().map(|c| (c.slug.as_str(), c)).collect();
    let new_slugs: BTreeSet<&str> = new_kb.comparisons.iter().map(|c| c.slug.as_str()).collect();
    for gone in old_kb.comparisons.iter().filter(|c| !new_slugs.contains(c.slug.as_str())) {
        // Entry pages list their comparisons by title.
        entries.extend(ids.news(gone.entries.iter().copied()));
    }
    let mut comparisons_differ = old_kb.comparisons.len() != new_kb.comparisons.len();
    for (index, after) in new_kb.comparisons.iter().enumerate() {
        let before = old_comparisons.get(after.slug.as_str()).copied();
        let same = before.is_some_and(|before| same_comparison(&ids, before, after));
        comparisons_differ |= !same;
        let edited = after.document.is_some_and(|d| changed.contains(&d));
        let member_changed = after.entries.iter().any(|&id| {
            new_cards.contains(&id) || changed.contains(&new_kb.entries[id].document) || differs.contains(&id)
        });
        let shows_card =
            !new_cards.is_empty() && mentions(new_kb, documents, after.document).any(|id| new_cards.contains(&id));
        if !same || edited || member_changed || shows_card {
            comparisons.insert(index);
        }
        if !same {
            entries.extend(ids.news(before.iter().flat_map(|b| b.entries.iter().copied())));
            entries.extend(after.entries.iter().copied());
        }
    }
    let lists = if !new_cards.is_empty() || !old_cards.is_empty() || edited.front_matter || comparisons_differ {
        Lists::Changed(lists, Families::ALL, PageScope::ALL)
    } else {
        Lists::None
    };
    entries.retain(|&id| new_kb.is_published(id));
    let moves = page_moves(old_kb, new_kb, &ids);
    (Selection::Only { entries, comparisons, lists }, moves)
}

/// Which entry of one build is which of the other: the one with the same
/// slug (the same id when both builds have the same entries).
struct Ids {
    /// Whether both builds have the same entries with the same slugs.
    same: bool,
    /// Old id → new id.
    to_new: Vec<Option<EntryId>>,
    /// New id → old id.
    to_old: Vec<Option<EntryId>>,
}

impl Ids {
    fn between(old: &KnowledgeBase, new: &KnowledgeBase) -> Ids {
        if same_entries(old, new) {
            let identity: Vec<Option<EntryId>> = (0..new.entries.len()).map(Some).collect();
            return Ids { same: true, to_new: identity.clone(), to_old: identity };
        }
        fn by_slug(kb: &KnowledgeBase) -> foldhash::HashMap<&str, EntryId> {
            kb.entries.iter().enumerate().map(|(id, e)| (e.slug.as_str(), id)).collect()
        }
        let (old_ids, new_ids) = (by_slug(old), by_slug(new));
        let to_new = old.entries.iter().map(|e| new_ids.get(e.slug.as_str()).copied()).collect();
        let to_old = new.entries.iter().map(|e| old_ids.get(e.slug.as_str()).copied()).collect();
        Ids { same: false, to_new, to_old }
    }

    /// The new id of old entry `old`, if it is still there.
    fn new_of(&self, old: EntryId) -> Option<EntryId> {
        self.to_new.get(old).copied().flatten()
    }

    /// The new ids of old entries that are still there.
    fn news<'s, I: IntoIterator<Item = EntryId>>(&'s self, old: I) -> impl Iterator<Item = EntryId> + 's
    where
        I::IntoIter: 's,
    {
        old.into_iter().filter_map(|id| self.to_new.get(id).copied().flatten())
    }

    /// Whether the old ids `old` name the entries the new ids `new` name.
    fn same_list(&self, old: &[EntryId], new: &[EntryId]) -> bool {
        old.len() == new.len() && old.iter().zip(new).all(|(&a, &b)| self.to_new.get(a).copied().flatten() == Some(b))
    }
}

/// Whether old entry `a` shows the same as new entry `b`: every field
/// equal, ids compared through `ids`, comparisons by slug (their indices
/// shift when one comes or goes), the document by its path. Spelled out
/// field by field, so that a new field cannot be forgotten here.
fn same_entry(old: &KnowledgeBase, new: &KnowledgeBase, ids: &Ids, a: EntryId, b: EntryId) -> bool {
    let (a, b) = (&old.entries[a], &new.entries[b]);
    let Entry {
        slug,
        title,
        abbr,
        aliases,
        kind,
        summary,
        tags,
        facets,
        responsibilities,
        skills,
        decisions,
        sources,
        updated,
        draft,
        document: _,
        prose,
        relations,
        mentioned_in,
        headings,
        comparisons,
        moved_from,
        status,
        superseded_by,
        deprecated_on,
        deprecation_note,
        owners,
        reviewed,
    } = a;
    let same_groups = relations.len() == b.relations.len()
        && relations.iter().zip(&b.relations).all(|(x, y)| {
            x.relation == y.relation
                && x.incoming == y.incoming
                && x.label == y.label
                && ids.same_list(&x.entries, &y.entries)
        });
    fn slugs<'k>(kb: &'k KnowledgeBase, list: &[usize]) -> Vec<&'k str> {
        list.iter().filter_map(|&i| kb.comparisons.get(i)).map(|c| c.slug.as_str()).collect()
    }
    *slug == b.slug
        && *title == b.title
        && *abbr == b.abbr
        && *aliases == b.aliases
        && *kind == b.kind
        && *summary == b.summary
        && *tags == b.tags
        && *facets == b.facets
        && *responsibilities == b.responsibilities
        && *skills == b.skills
        && *decisions == b.decisions
        && *sources == b.sources
        && *updated == b.updated
        && *draft == b.draft
        && *prose == b.prose
        && *headings == b.headings
        && same_groups
        && *moved_from == b.moved_from
        && *status == b.status
        && superseded_by.and_then(|o| ids.new_of(o)) == b.superseded_by
        && *deprecated_on == b.deprecated_on
        && *deprecation_note == b.deprecation_note
        && *owners == b.owners
        && *reviewed == b.reviewed
        && ids.same_list(mentioned_in, &b.mentioned_in)
        && (comparisons == &b.comparisons && ids.same || slugs(old, comparisons) == slugs(new, &b.comparisons))
}

/// Whether a comparison shows the same in both builds (see [`same_entry`]).
fn same_comparison(ids: &Ids, a: &Comparison, b: &Comparison) -> bool {
    let Comparison { slug, title, summary, entries, facets, tags, sources, updated, document: _, prose, draft } = a;
    *slug == b.slug
        && *title == b.title
        && *summary == b.summary
        && ids.same_list(entries, &b.entries)
        && *facets == b.facets
        && *tags == b.tags
        && *sources == b.sources
        && *updated == b.updated
        && *prose == b.prose
        && *draft == b.draft
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

/// The entry and comparison pages published in one of `old` and `new` only.
fn page_moves(old: &KnowledgeBase, new: &KnowledgeBase, ids: &Ids) -> PageMoves {
    let mut moves = PageMoves::default();
    for (id, entry) in new.entries.iter().enumerate() {
        let before = ids.to_old[id].is_some_and(|o| old.is_published(o));
        moves.entry(&entry.slug, before, new.is_published(id));
    }
    for (id, entry) in old.entries.iter().enumerate().filter(|&(id, _)| ids.to_new[id].is_none()) {
        moves.entry(&entry.slug, old.is_published(id), false);
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

/// The entries whose body has a link that may resolve to another entry
/// (by slug) in `new` than in `old`: those whose bodies link to an entry
/// that came, went or changed its names. A link changes its target only
/// when the name it uses went from one entry to another (or to none), so
/// one of the two has new names, and a body's links are its "Mentioned
/// in" lists' sources (links to itself aside: its names changed, so the
/// entry itself differs and is rendered anyway).
fn renamed_mentions(old: &KnowledgeBase, new: &KnowledgeBase, ids: &Ids) -> BTreeSet<EntryId> {
    let same_names =
        |a: &Entry, b: &Entry| a.slug == b.slug && a.title == b.title && a.abbr == b.abbr && a.aliases == b.aliases;
    let mut found = BTreeSet::new();
    for (id, entry) in new.entries.iter().enumerate() {
        let was = ids.to_old[id].map(|o| &old.entries[o]);
        if was.is_none_or(|was| !same_names(was, entry)) {
            found.extend(entry.mentioned_in.iter().copied());
            found.extend(ids.news(was.iter().flat_map(|w| w.mentioned_in.iter().copied())));
        }
    }
    for (_, gone) in old.entries.iter().enumerate().filter(|&(id, _)| ids.to_new[id].is_none()) {
        found.extend(ids.news(gone.mentioned_in.iter().copied()));
    }
    found
}

/// The documents of hand-written `comparisons` (whose links no "Mentioned
/// in" list records) with a body link that resolves to another entry (by
/// slug) in `new`.
fn relinked(
    old: &KnowledgeBase,
    new: &KnowledgeBase,
    documents: &[Document],
    comparisons: &[Comparison],
) -> Vec<usize> {
    let differs = |document: &Document| {
        document.parsed.links.iter().any(|link| match link.destination() {
            LinkDest::Entry { name, .. } => match (old.lookup(name), new.lookup(name)) {
                (Some(a), Some(b)) => old.entries[a].slug != new.entries[b].slug,
                (a, b) => a.is_some() != b.is_some(),
            },
            _ => false,
        })
    };
    let owned: Vec<usize> = comparisons.iter().filter_map(|c| c.document).filter(|&d| d < documents.len()).collect();
    owned.into_par_iter().filter(|&d| differs(&documents[d])).collect()
}

/// Whether what other pages show of an entry changed: its link text and
/// preview (title, abbreviation, kind, summary), whether it is linked at
/// all (a draft is plain text), or the headings their `#fragment` links
/// point at. `a` is from the build before, whose ids `to_new` turns into
/// `b`'s.
fn card_changed(a: &Entry, b: &Entry, to_new: impl Fn(EntryId) -> Option<EntryId>) -> bool {
    a.title != b.title
        || a.abbr != b.abbr
        || a.kind != b.kind
        || a.summary != b.summary
        || a.draft != b.draft
        || a.status != b.status
        || a.superseded_by.and_then(to_new) != b.superseded_by
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
        // A deprecated entry's page names its successor.
        let names_successor = entry.superseded_by.is_some_and(|s| cards.contains(&s));
        if names_successor || entry.mentioned_in.iter().any(|m| cards.contains(m)) {
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
/// matter), given the body facts `before` of every entry whose facts may
/// have changed (`resolve::prose_edit`) and the patched knowledge base:
/// the edited pages, the entries whose "Mentioned in" list changed, and
/// the pages whose links point at headings that changed.
pub(crate) fn after_prose_edit(
    before: &BTreeMap<EntryId, BodyFacts>,
    kb: &KnowledgeBase,
    documents: &[Document],
    edited: &BTreeSet<usize>,
) -> Selection<'static> {
    let mut entries = BTreeSet::new();
    let mut anchors = BTreeSet::new();
    for (&id, old) in before {
        let entry = &kb.entries[id];
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
    let card = was.is_some_and(|was| card_changed(was, &kb.entries[id], Some));
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
    let mut families = patched.before.iter().fold(Families::NONE, |f, (t, was)| f.union(list_families(kb, *t, was)));
    if patched.edges.is_some() {
        families = families.with(Family::Map);
    }
    if patched.comparisons.is_some() {
        families = families.union(COMPARISON_LISTS);
    }
    let lists = if families.is_empty() { Lists::None } else { Lists::Changed(lists, families, PageScope::ALL) };
    Selection::Only { entries, comparisons, lists }
}

/// The pages to re-render after `resolve::files_moved` patched the
/// knowledge base, and the entry pages that came or went: what
/// [`affected`] answers for such a change, without a second knowledge base
/// to compare. The new entries and those whose lists or bodies' links
/// changed; the pages that show a new entry's card (or one whose card
/// changed with its file); the comparisons of any of them or whose prose
/// links to such a card; the list families that read what came or went.
pub(crate) fn after_files_moved<'a>(
    kb: &KnowledgeBase,
    documents: &[Document],
    moved: &Moved,
    lists: &'a Fingerprints,
) -> (Selection<'a>, PageMoves) {
    let mut entries: BTreeSet<EntryId> = moved.regrouped.union(&moved.unmentioned).copied().collect();
    for (&id, facts) in &moved.facts {
        let entry = &kb.entries[id];
        if facts.mentioned_in != entry.mentioned_in || facts.headings != entry.headings {
            entries.insert(id);
        }
    }
    entries.extend((0..kb.entries.len()).filter(|&id| moved.rechecked.contains(&kb.entries[id].document)));
    let mut cards = BTreeSet::new();
    let mut moves = PageMoves::default();
    let published = |draft: bool| kb.include_drafts || !draft;
    // The map and the page of changes (which finds files by path) may
    // show any entry that came or went.
    let mut families = Families::NONE.with(Family::Map).with(Family::Changes);
    for (id, was) in &moved.came {
        let entry = &kb.entries[*id];
        entries.insert(*id);
        moves.entry(&entry.slug, was.as_ref().is_some_and(|w| published(w.draft)), kb.is_published(*id));
        match was {
            Some(was) => {
                if card_changed(was, entry, |_| None) {
                    cards.insert(*id);
                }
                families = families.union(list_families(kb, *id, was));
            }
            None => {
                cards.insert(*id);
                families = families.union(listing(entry, kb.is_published(*id)));
            }
        }
    }
    for gone in &moved.gone {
        moves.entry(&gone.slug, published(gone.draft), false);
        families = families.union(listing(gone, published(gone.draft)));
    }
    entries.extend(showing(kb, &cards));
    let comparisons = kb
        .comparisons
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            c.document.is_some_and(|d| moved.rechecked.contains(&d))
                || c.entries.iter().any(|m| entries.contains(m))
                || (!cards.is_empty() && mentions(kb, documents, c.document).any(|m| cards.contains(&m)))
        })
        .map(|(index, _)| index)
        .collect();
    entries.retain(|&id| kb.is_published(id));
    // Only the pages of their kinds and tags, before and after, can change.
    let was = moved.came.iter().filter_map(|(_, was)| was.as_ref()).chain(&moved.gone);
    let both: Vec<&Entry> = was.chain(moved.came.iter().map(|&(id, _)| &kb.entries[id])).collect();
    let scope = PageScope::of(both.iter().map(|e| &e.kind), both.iter().flat_map(|e| &e.tags));
    (Selection::Only { entries, comparisons, lists: Lists::Changed(lists, families, scope) }, moves)
}

/// The list families an entry that came or went is listed in: every
/// list of entries (the index, its kind, A–Z, the map, the picker's count
/// of roles, the changes), its tags', the matrix when it has decisions.
fn listing(entry: &Entry, published: bool) -> Families {
    if !published {
        return Families::NONE;
    }
    let mut families = Families::NONE
        .with(Family::Index)
        .with(Family::Kinds)
        .with(Family::Az)
        .with(Family::Map)
        .with(Family::Picker)
        .with(Family::Changes);
    if !entry.tags.is_empty() {
        families = families.with(Family::Tags);
    }
    if !entry.decisions.is_empty() {
        families = families.with(Family::Matrix);
    }
    families
}

/// The list page families that show the link (title, abbreviation, kind,
/// summary, status) of published entry `id`: every paged list of its kind,
/// tags and initial; the index and the map when it is among the first of
/// its kind there, or the map when a neighbour that is lists it among its
/// relations; the matrix when it has decisions.
fn showing_link(kb: &KnowledgeBase, id: EntryId) -> Families {
    use crate::render::{lists, site_map};
    let entry = &kb.entries[id];
    if !kb.is_published(id) {
        return Families::NONE;
    }
    let mut families = Families::NONE.with(Family::Kinds).with(Family::Az);
    if !entry.tags.is_empty() {
        families = families.with(Family::Tags);
    }
    if !entry.decisions.is_empty() {
        families = families.with(Family::Matrix);
    }
    let neighbours: BTreeSet<EntryId> = entry.relations.iter().flat_map(|g| g.entries.iter().copied()).collect();
    let mut ranked: Vec<EntryId> = vec![id];
    ranked.extend(neighbours.iter().copied().filter(|&n| kb.is_published(n)));
    let ranks = ranks_in_kind(kb, &ranked);
    if ranks[0] < lists::INDEX_LIMIT {
        families = families.with(Family::Index);
    }
    if ranks.iter().any(|&rank| rank < site_map::PER_KIND) {
        families = families.with(Family::Map);
    }
    families
}

/// The place of each of the published entries `ids` among the published
/// entries of its kind in A–Z order (`render::lists::alphabetical`).
fn ranks_in_kind(kb: &KnowledgeBase, ids: &[EntryId]) -> Vec<usize> {
    use crate::render::lists::sort_key;
    let keys: Vec<_> = ids.iter().map(|&id| sort_key(&kb.entries[id])).collect();
    let mut ranks = vec![0; ids.len()];
    for (other, entry) in kb.entries.iter().enumerate() {
        let of_kind: Vec<usize> = (0..ids.len()).filter(|&i| kb.entries[ids[i]].kind == entry.kind).collect();
        if of_kind.is_empty() || !kb.is_published(other) {
            continue;
        }
        let key = sort_key(entry);
        for i in of_kind.into_iter().filter(|&i| key < keys[i]) {
            ranks[i] += 1;
        }
    }
    ranks
}

/// The list pages that show comparisons: by title and URL, or with a
/// summary made of their entries' titles (see `compare_page::summary`).
const COMPARISON_LISTS: Families =
    Families::NONE.with(Family::Index).with(Family::Comparisons).with(Family::Picker).with(Family::Changes);

/// The list page families whose data may differ when an entry went from
/// `was` to `now` (same id), from what each one reads (`render::lists`,
/// `a_z`, `site_map`, `role_graph`, `matrix`, `compare_data`,
/// `changes_page`, `start_here`). Spelled out field by field, so that a
/// new field cannot be forgotten here; a field no list page reads adds
/// nothing.
fn list_families(kb: &KnowledgeBase, id: EntryId, was: &Entry) -> Families {
    let now = &kb.entries[id];
    let Entry {
        slug,
        title,
        abbr,
        aliases: _,
        kind,
        summary,
        tags,
        facets,
        responsibilities,
        skills: _,
        decisions,
        sources: _,
        updated: _,
        draft,
        document: _,
        prose: _,
        relations,
        mentioned_in: _,
        headings: _,
        comparisons: _,
        moved_from: _,
        status,
        superseded_by: _,
        deprecated_on: _,
        deprecation_note: _,
        owners: _,
        reviewed: _,
    } = was;
    // Its place A–Z, its kind and whether it is listed at all decide what
    // every list of entries holds.
    let moved =
        *slug != now.slug || *title != now.title || *kind != now.kind || *status != now.status || *draft != now.draft;
    if moved {
        return Families::ALL;
    }
    let mut families = Families::NONE;
    // Its link, at the same place: on the pages that list it.
    if *abbr != now.abbr || *summary != now.summary {
        families = families.union(showing_link(kb, id));
        // The map's drawings label entries by abbreviation.
        if *abbr != now.abbr {
            families = families.with(Family::Map);
        }
    }
    if *tags != now.tags {
        families = families.with(Family::Tags);
    }
    if *relations != now.relations {
        families = families.with(Family::Map);
    }
    if *decisions != now.decisions {
        families = families.with(Family::Matrix).union(COMPARISON_LISTS);
    }
    // A generated comparison's summary depends on whether its entries have details.
    if *facets != now.facets || *responsibilities != now.responsibilities {
        families = families.union(COMPARISON_LISTS);
    }
    families
}
