//! For `serve`: content files that came, went or moved. The last knowledge
//! base is copied with the entries of the changed files taken out and
//! built again from their documents (a file renamed with the same slug is
//! the same entry at a new place), ids and document indices renumbered,
//! and only what the change can reach resolved again: the typed links of
//! the new entries and of the neighbours of the old ones, the bodies whose
//! links name a name that came or went (their "Mentioned in" lists move
//! with them), and the orphans. A full build gives the same, which the
//! tests in `src/serve/rebuild/tests/moves.rs` check file by file.
//!
//! Anything rarer answers `None`, and the caller resolves everything: a
//! comparison's file, an entry in a comparison or with a `contrasts_with`
//! link, `superseded_by` or `moved_from` on either side, a typed link or a
//! comparison anywhere naming a name that came or went, a diagnostic from
//! building a new entry or its links, a new name that another entry holds.
//! The caller keeps this to sites whose names and links resolved cleanly.

use super::compare::CONTRAST_RELATION;
use super::model::{Edge, Entry, EntryId, KnowledgeBase, RelationGroup};
use super::names::{keys_of, Claim};
use super::patch_bodies::ProsePatched;
use super::title_order::TitleOrder;
use super::{comparison_documents, entries, patch_bodies, relations, BodyFacts};
use crate::config::SiteConfig;
use crate::diag::{Code, Diagnostics};
use crate::load::{Document, FrontMatter};
use crate::slug::{name_key, slugify};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// What a patch for files that came, went or moved changed, for telling
/// the pages to render again.
#[derive(Debug, Default)]
pub struct Moved {
    /// Documents holding hand-written comparisons, as indices now.
    pub comparison_documents: Vec<usize>,
    /// The body diagnostics now.
    pub bodies: Diagnostics,
    /// The entries of the changed files (new ids), with the entry that had
    /// the same slug before, if any (its ids the old ones).
    pub came: Vec<(EntryId, Option<Entry>)>,
    /// The entries that went without another taking their slug, as they
    /// were.
    pub gone: Vec<Entry>,
    /// Entries whose relation groups were made again.
    pub regrouped: BTreeSet<EntryId>,
    /// Entries whose "Mentioned in" list lost an entry that went.
    pub unmentioned: BTreeSet<EntryId>,
    /// The body facts, after renumbering and before the bodies were
    /// checked again, of every entry whose facts may have changed.
    pub facts: BTreeMap<EntryId, BodyFacts>,
    /// The documents whose bodies were checked again.
    pub rechecked: BTreeSet<usize>,
    /// What puts the knowledge base back.
    undo: Undo,
}

/// What [`Moved::undo`] needs: the renumbering, and what it cannot
/// renumber back (ids of entries that went, edges, relation groups and
/// body facts made anew).
#[derive(Debug, Default)]
struct Undo {
    /// Old number of entries.
    count: usize,
    /// New id → the old id of a kept entry, or `None` for a new one.
    kept: Vec<Option<EntryId>>,
    /// New id of each entry that replaced one with its slug, and the old id.
    replaced: Vec<(EntryId, EntryId)>,
    /// Old ids of [`Moved::gone`].
    gone: Vec<EntryId>,
    /// New document index → old one.
    documents: Vec<Option<usize>>,
    edges: Vec<Edge>,
    /// Relation groups and mentions, by old id, of the entries whose lists
    /// lost an entry that went.
    lists: Vec<(EntryId, Vec<RelationGroup>, Vec<EntryId>)>,
    /// Relation groups, by new id, before they were made again.
    regrouped: Vec<(EntryId, Vec<RelationGroup>)>,
    /// Name and slug keys of the entries that went, and of those that came.
    names: Vec<(String, EntryId)>,
    slugs: Vec<(String, EntryId)>,
    came_names: Vec<String>,
    prose: Option<ProsePatched>,
}

impl Moved {
    /// Puts `kb` back as it was before [`files_moved`].
    pub fn undo(self, kb: &mut KnowledgeBase) {
        let Moved { came, gone, undo, .. } = self;
        if let Some(prose) = undo.prose {
            prose.undo(kb);
        }
        for (id, relations) in undo.regrouped {
            kb.entries[id].relations = relations;
        }
        let mut back: Vec<Option<EntryId>> = undo.kept.clone();
        for &(new, old) in &undo.replaced {
            back[new] = Some(old);
        }
        let map = |id: &EntryId| back[*id];
        let mut old: Vec<Option<Entry>> = vec![None; undo.count];
        for (new, mut entry) in std::mem::take(&mut kb.entries).into_iter().enumerate() {
            if let Some(o) = undo.kept[new] {
                renumber(&mut entry, &map);
                entry.document = undo.documents.get(entry.document).copied().flatten().unwrap_or(entry.document);
                old[o] = Some(entry);
            }
        }
        for (new, was) in came {
            if let Some(&(_, g)) = undo.replaced.iter().find(|(n, _)| *n == new) {
                old[g] = was;
            }
        }
        for (entry, &g) in gone.into_iter().zip(&undo.gone) {
            old[g] = Some(entry);
        }
        for (id, relations, mentioned_in) in undo.lists {
            if let Some(entry) = old[id].as_mut() {
                entry.relations = relations;
                entry.mentioned_in = mentioned_in;
            }
        }
        kb.entries = old.into_iter().flatten().collect();
        for comparison in &mut kb.comparisons {
            comparison.entries = comparison.entries.iter().filter_map(map).collect();
            comparison.document = comparison.document.map(|d| undo.documents.get(d).copied().flatten().unwrap_or(d));
        }
        kb.edges = undo.edges;
        for key in &undo.came_names {
            kb.names.remove(key);
        }
        kb.names.values_mut().for_each(|id| *id = map(id).unwrap_or(*id));
        kb.names.extend(undo.names);
        kb.slugs.retain(|_, id| undo.kept[*id].is_some());
        kb.slugs.values_mut().for_each(|id| *id = map(id).unwrap_or(*id));
        kb.slugs.extend(undo.slugs);
    }
}

/// Brings `kb` (resolved from the documents before, with `found` as its
/// body diagnostics) up to date with `documents`, where the files at the
/// content paths `changed` were added, deleted, renamed or edited.
/// `None`, with `kb` as it was, when the change may reach further than this
/// patch follows (see the module doc).
pub fn files_moved(
    kb: &mut KnowledgeBase,
    documents: &[Document],
    config: &SiteConfig,
    changed: &BTreeSet<String>,
    found: &Diagnostics,
) -> Option<Moved> {
    let plan = Plan::new(kb, documents, config, changed)?;
    let relink = relinked(documents, changed, &plan.touched)?;
    let gone_files: BTreeSet<String> = plan.gone_files(kb);
    let mut moved = plan.apply(kb);
    let Some(regrouped) = edges(kb, &moved, documents, config) else {
        moved.undo(kb);
        return None;
    };
    moved.undo.regrouped = regrouped.iter().map(|&id| (id, kb.entries[id].relations.clone())).collect();
    let order = TitleOrder::of(&kb.entries);
    relations::regroup(&mut kb.entries, &kb.edges, config, &order, &regrouped);
    moved.regrouped = regrouped;
    let comparisons = comparison_documents(documents).iter().map(|&(d, _)| d).collect::<Vec<usize>>();
    // Bodies to check again: the new ones, those whose links name a name
    // that came or went, and those with diagnostics whose hints name the
    // closest entry (which may be a new one).
    let mut edited: BTreeSet<usize> = moved.came.iter().map(|&(id, _)| kb.entries[id].document).collect();
    edited.extend(relink);
    let hinted: BTreeSet<&str> = found
        .iter()
        .filter(|d| !matches!(d.code, Code::Orphan | Code::UnusedAsset | Code::RawHtmlRemoved | Code::UnsafeUrl))
        .map(|d| d.file.as_str())
        .collect();
    if !hinted.is_empty() {
        let hinted = documents.iter().enumerate().filter(|(_, d)| hinted.contains(d.source.path.as_str()));
        edited.extend(hinted.map(|(i, _)| i));
    }
    let mut kept = found.clone();
    kept.retain(|d| !gone_files.contains(&d.file));
    let (patched, bodies) = patch_bodies::prose_edit(kb, &comparisons, documents, &edited, &kept);
    moved.facts = patched.before.clone();
    moved.undo.prose = Some(patched);
    moved.bodies = bodies;
    moved.comparison_documents = comparisons;
    moved.rechecked = edited;
    Some(moved)
}

/// The edges of the new entries and of the old neighbours of the gone
/// ones (`moved.regrouped` on entry), declared again; the ids whose
/// relation groups change. `None` when a link reports a problem.
fn edges(
    kb: &mut KnowledgeBase,
    moved: &Moved,
    documents: &[Document],
    config: &SiteConfig,
) -> Option<BTreeSet<EntryId>> {
    let came: BTreeSet<EntryId> = moved.came.iter().map(|&(id, _)| id).collect();
    let mut declared = Vec::new();
    let mut local = Diagnostics::new();
    for &id in came.iter().chain(moved.regrouped.iter().filter(|id| !came.contains(id))) {
        let document = documents.get(kb.entries[id].document)?;
        if let Some(FrontMatter::Entry(raw)) = &document.front {
            if let Some(links) = &raw.links {
                declared.extend(relations::edges_of(id, links, document, kb, config, &mut local));
            }
        }
    }
    if !local.is_empty() {
        return None;
    }
    let mut touched: BTreeSet<EntryId> = came.into_iter().chain(moved.regrouped.iter().copied()).collect();
    touched.extend(declared.iter().flat_map(|e| [e.from, e.to]));
    kb.edges.extend(declared);
    kb.edges.sort_unstable();
    kb.edges.dedup();
    Some(touched)
}

/// An entry built from a changed file.
struct Came {
    entry: Entry,
    document: usize,
}

/// What the change does to the entries, found before anything is copied.
struct Plan {
    /// Old ids of the entries of changed files.
    gone: BTreeSet<EntryId>,
    /// The entries of the changed files now, by slug.
    came: Vec<Came>,
    /// The names whose entry (by slug) changes.
    touched: Touched,
    /// New document index of every old one (`None`: gone).
    documents: Vec<Option<usize>>,
}

impl Plan {
    fn new(
        old: &KnowledgeBase,
        documents: &[Document],
        config: &SiteConfig,
        changed: &BTreeSet<String>,
    ) -> Option<Plan> {
        let is_changed = |path: &str| changed.contains(path);
        if old.comparisons.iter().any(|c| c.prose.as_ref().is_some_and(|p| is_changed(&p.content_path))) {
            return None;
        }
        let gone: BTreeSet<EntryId> =
            (0..old.entries.len()).filter(|&id| is_changed(&old.entries[id].prose.content_path)).collect();
        for &id in &gone {
            let entry = &old.entries[id];
            if !entry.comparisons.is_empty() || !entry.moved_from.is_empty() || entry.superseded_by.is_some() {
                return None;
            }
        }
        if old.entries.iter().any(|e| e.superseded_by.is_some_and(|s| gone.contains(&s))) {
            return None;
        }
        let contrast = config.relations.iter().position(|r| r.key == CONTRAST_RELATION);
        let mut came = Vec::new();
        for (index, document) in documents.iter().enumerate().filter(|(_, d)| is_changed(&d.source.content_path)) {
            let raw = match &document.front {
                Some(FrontMatter::Comparison(_)) => return None,
                Some(FrontMatter::Entry(raw)) => Some(raw.as_ref()),
                None => None,
            };
            let links = raw.and_then(|r| r.links.as_ref());
            let contrasts = |key: &String| config.relation(key).is_some_and(|(r, _)| Some(r) == contrast);
            if raw.is_some_and(|r| r.superseded_by.is_some()) || links.is_some_and(|l| l.keys().any(contrasts)) {
                return None;
            }
            let mut local = Diagnostics::new();
            let entry = entries::build(index, document, raw, config, &mut local);
            if !local.is_empty() || !entry.moved_from.is_empty() {
                return None;
            }
            came.push(Came { entry, document: index });
        }
        let touched = Touched::of(old, &gone, &came, documents)?;
        // An old slug that a new entry takes, or that a gone entry frees,
        // changes the redirect pages and `moved_from` checks.
        let slugs: BTreeSet<&str> = gone
            .iter()
            .map(|&g| old.entries[g].slug.as_str())
            .chain(came.iter().map(|c| c.entry.slug.as_str()))
            .collect();
        if old.entries.iter().any(|e| e.moved_from.iter().any(|m| slugs.contains(m.as_str()))) {
            return None;
        }
        let old_documents = old_document_count(old);
        let gone_docs: BTreeSet<usize> = gone.iter().map(|&g| old.entries[g].document).collect();
        let came_docs: BTreeSet<usize> = came.iter().map(|c| c.document).collect();
        if old_documents - gone_docs.len() + came_docs.len() != documents.len() {
            return None;
        }
        let documents = remap_documents(old_documents, &gone_docs, &came_docs);
        let mut order: Vec<usize> = (0..came.len()).collect();
        order.sort_by(|&a, &b| {
            came[a].entry.slug.cmp(&came[b].entry.slug).then(came[a].document.cmp(&came[b].document))
        });
        let mut sorted = Vec::with_capacity(came.len());
        let mut came: Vec<Option<Came>> = came.into_iter().map(Some).collect();
        for i in order {
            sorted.extend(came[i].take());
        }
        Some(Plan { gone, came: sorted, touched, documents })
    }

    /// The body diagnostics' file names of the gone entries.
    fn gone_files(&self, old: &KnowledgeBase) -> BTreeSet<String> {
        self.gone
            .iter()
            .map(|&g| format!("{}/{}", crate::load::CONTENT_DIR, old.entries[g].prose.content_path))
            .collect()
    }

    /// The gone entries out of `kb` and the new ones in, every id and
    /// document index renumbered; the new entries know their names, not
    /// yet their relations or mentions; edges touching a gone entry are
    /// dropped, and the entries at their other ends (in `regrouped`) declare
    /// theirs again (see [`edges`]).
    fn apply(self, kb: &mut KnowledgeBase) -> Moved {
        let Plan { gone, came, touched, documents } = self;
        let old_count = kb.entries.len();
        // Kept entries stay in order (document indices keep theirs); the
        // new ones (sorted) go between them.
        let mut to_new: Vec<Option<EntryId>> = vec![None; old_count];
        let mut slots: Vec<Slot> = Vec::with_capacity(old_count + came.len());
        let mut next = came.iter().enumerate().peekable();
        for (id, entry) in kb.entries.iter().enumerate() {
            if gone.contains(&id) {
                continue;
            }
            let document = documents[entry.document].unwrap_or(entry.document);
            while let Some((c, new)) = next.peek() {
                if (new.entry.slug.as_str(), new.document) >= (entry.slug.as_str(), document) {
                    break;
                }
                slots.push(Slot::Came(*c));
                next.next();
            }
            to_new[id] = Some(slots.len());
            slots.push(Slot::Kept(id));
        }
        slots.extend(next.map(|(c, _)| Slot::Came(c)));
        let mut came_ids = vec![0; came.len()];
        for (new, slot) in slots.iter().enumerate() {
            if let Slot::Came(c) = slot {
                came_ids[*c] = new;
            }
        }
        // A gone entry whose slug came back is the same entry to the others.
        let same_slug = |g: EntryId| came.iter().position(|c| c.entry.slug == kb.entries[g].slug);
        let replaced: BTreeMap<EntryId, usize> = gone.iter().filter_map(|&g| Some((g, same_slug(g)?))).collect();
        for (&g, &c) in &replaced {
            to_new[g] = Some(came_ids[c]);
        }
        let mut undo = Undo {
            count: old_count,
            kept: slots.iter().map(|s| if let Slot::Kept(id) = s { Some(*id) } else { None }).collect(),
            replaced: replaced.iter().map(|(&g, &c)| (came_ids[c], g)).collect(),
            gone: gone.iter().copied().filter(|g| !replaced.contains_key(g)).collect(),
            edges: kb.edges.clone(),
            came_names: touched.came_keys.iter().flatten().cloned().collect(),
            ..Undo::default()
        };
        let mut back_documents = vec![None; documents.iter().flatten().max().map_or(0, |m| m + 1).max(old_count)];
        for (old, new) in documents.iter().enumerate() {
            if let Some(new) = *new {
                back_documents[new] = Some(old);
            }
        }
        undo.documents = back_documents;
        let holds_gone = |e: &Entry| {
            e.mentioned_in.iter().any(|m| gone.contains(m))
                || e.relations.iter().any(|g| g.entries.iter().any(|m| gone.contains(m)))
        };
        undo.lists = (0..old_count)
            .filter(|id| !gone.contains(id) && holds_gone(&kb.entries[*id]))
            .map(|id| (id, kb.entries[id].relations.clone(), kb.entries[id].mentioned_in.clone()))
            .collect();
        undo.names = kb.names.iter().filter(|(_, id)| gone.contains(id)).map(|(k, &id)| (k.clone(), id)).collect();
        undo.slugs = kb.slugs.iter().filter(|(_, id)| gone.contains(id)).map(|(k, &id)| (k.clone(), id)).collect();
        let mut regrouped = BTreeSet::new();
        for edge in kb.edges.iter().filter(|e| gone.contains(&e.from) || gone.contains(&e.to)) {
            regrouped.extend([edge.from, edge.to].into_iter().filter(|e| !gone.contains(e)).filter_map(|e| to_new[e]));
        }
        let mut old: Vec<Option<Entry>> = std::mem::take(&mut kb.entries).into_iter().map(Some).collect();
        let mut came: Vec<Option<Came>> = came.into_iter().map(Some).collect();
        let mut was: Vec<Option<Entry>> = vec![None; came.len()];
        for (&g, &c) in &replaced {
            was[c] = old[g].take();
        }
        let gone_entries: Vec<Entry> = undo.gone.iter().filter_map(|&g| old[g].take()).collect();
        let map = |id: &EntryId| to_new[*id];
        let mut entries: Vec<Entry> = Vec::with_capacity(slots.len());
        for slot in &slots {
            match *slot {
                Slot::Kept(id) => entries.extend(old[id].take()),
                Slot::Came(c) => entries.extend(came[c].take().map(|c| c.entry)),
            }
        }
        let unmentioned: Vec<bool> = entries
            .par_iter_mut()
            .zip(slots.par_iter())
            .map(|(entry, slot)| {
                // New entries were built with their new document indices.
                if let Slot::Kept(_) = slot {
                    entry.document = documents.get(entry.document).copied().flatten().unwrap_or(entry.document);
                }
                renumber(entry, &map)
            })
            .collect();
        // Came entries were built with their new document indices: put back.
        let mut result_came = Vec::with_capacity(came_ids.len());
        for (c, &id) in came_ids.iter().enumerate() {
            let entry = &mut entries[id];
            match &was[c] {
                // Its mentions (the bodies naming it by names that stay) and
                // headings (which the body check compares) carry over.
                Some(before) => {
                    entry.mentioned_in = before.mentioned_in.iter().filter_map(map).collect();
                    entry.headings = before.headings.clone();
                }
                None => entry.headings = entry.prose.body.headings.clone(),
            }
            result_came.push((id, was[c].take()));
        }
        kb.entries = entries;
        for comparison in &mut kb.comparisons {
            comparison.entries = comparison.entries.iter().filter_map(map).collect();
            comparison.document = comparison.document.map(|d| documents.get(d).copied().flatten().unwrap_or(d));
        }
        kb.edges.retain(|e| !gone.contains(&e.from) && !gone.contains(&e.to));
        for edge in &mut kb.edges {
            (edge.from, edge.to) = (map(&edge.from).unwrap_or(edge.from), map(&edge.to).unwrap_or(edge.to));
        }
        kb.names.retain(|_, id| !gone.contains(id));
        kb.names.values_mut().for_each(|id| *id = map(id).unwrap_or(*id));
        kb.slugs.retain(|_, id| !gone.contains(id));
        kb.slugs.values_mut().for_each(|id| *id = map(id).unwrap_or(*id));
        for (c, &id) in came_ids.iter().enumerate() {
            kb.names.extend(touched.came_keys[c].iter().map(|k| (k.clone(), id)));
            kb.slugs.insert(kb.entries[id].slug.clone(), id);
        }
        let unmentioned = unmentioned.iter().enumerate().filter(|(_, &u)| u).map(|(id, _)| id).collect();
        Moved { came: result_came, gone: gone_entries, regrouped, unmentioned, undo, ..Moved::default() }
    }
}

/// An entry of the knowledge base after the change.
#[derive(Clone, Copy)]
enum Slot {
    /// The old entry with this id.
    Kept(EntryId),
    /// The new entry at this place of [`Plan::came`].
    Came(usize),
}

/// Every id an entry holds, renumbered (ids of gone entries dropped);
/// whether its "Mentioned in" list lost one.
fn renumber(entry: &mut Entry, map: &(impl Fn(&EntryId) -> Option<EntryId> + Sync)) -> bool {
    // In place: most entries keep every id, and allocating their lists
    // again would cost more than the patch saves.
    let renumber = |ids: &mut Vec<EntryId>| {
        ids.retain_mut(|id| match map(id) {
            Some(new) => {
                *id = new;
                true
            }
            None => false,
        });
    };
    for group in &mut entry.relations {
        renumber(&mut group.entries);
    }
    entry.relations.retain(|g| !g.entries.is_empty());
    let count = entry.mentioned_in.len();
    renumber(&mut entry.mentioned_in);
    entry.superseded_by = entry.superseded_by.as_ref().and_then(map);
    entry.mentioned_in.len() != count
}

/// How many documents the old knowledge base was resolved from: every
/// document is an entry or a hand-written comparison.
fn old_document_count(old: &KnowledgeBase) -> usize {
    old.entries.len() + old.comparisons.iter().filter(|c| c.document.is_some()).count()
}

/// Old document index → new one, given the old indices of the documents
/// that went and the new indices of those that came (both in walk order,
/// in which the others keep their order).
fn remap_documents(count: usize, gone: &BTreeSet<usize>, came: &BTreeSet<usize>) -> Vec<Option<usize>> {
    let mut map = vec![None; count];
    let mut new = 0;
    let mut came = came.iter().peekable();
    for (old, slot) in map.iter_mut().enumerate() {
        if gone.contains(&old) {
            continue;
        }
        while came.peek().is_some_and(|&&c| c == new) {
            new += 1;
            came.next();
        }
        *slot = Some(new);
        new += 1;
    }
    map
}

/// The names (keys, and slugs a link's name slugifies to) whose entry
/// changes with the move, and the new entries' keys.
struct Touched {
    keys: BTreeSet<String>,
    slugs: BTreeSet<String>,
    /// First bytes of `keys` and `slugs` (lower-case ASCII); `any` when
    /// one is empty or not ASCII.
    starts: [bool; 128],
    any: bool,
    /// The longest run of letters and digits of each of `keys` and
    /// `slugs`, lower-cased: a name whose key or slug is one of them holds
    /// that run (case aside). `None` when one is not ASCII or has none.
    needles: Option<Vec<String>>,
    came_keys: Vec<Vec<String>>,
}

impl Touched {
    /// `None` when a new entry's name or slug is another entry's.
    fn of(old: &KnowledgeBase, gone: &BTreeSet<EntryId>, came: &[Came], documents: &[Document]) -> Option<Touched> {
        let keys_of_entry = |entry: &Entry, document: &Document| -> Vec<String> {
            let claim = Claim {
                slug: &entry.slug,
                title: Some(&entry.title),
                abbr: entry.abbr.as_deref(),
                aliases: &entry.aliases,
                document,
            };
            let mut keys: Vec<String> = keys_of(&claim).into_iter().map(|(key, _, _)| key).collect();
            keys.sort();
            keys.dedup();
            keys
        };
        // Old owner slug and new owner slug of each key that moves.
        let mut owners: BTreeMap<String, (Option<&str>, Option<&str>)> = BTreeMap::new();
        for &g in gone {
            for (key, &owner) in old.names.iter().filter(|(_, &owner)| owner == g) {
                owners.entry(key.clone()).or_default().0 = Some(old.entries[owner].slug.as_str());
            }
        }
        let mut came_keys = Vec::with_capacity(came.len());
        let mut came_slugs = BTreeSet::new();
        for c in came {
            let keys = keys_of_entry(&c.entry, &documents[c.document]);
            for key in &keys {
                let owner = &mut owners.entry(key.clone()).or_default().1;
                if owner.is_some() {
                    return None;
                }
                *owner = Some(c.entry.slug.as_str());
                // Held by an entry that stays.
                if old.names.get(key).is_some_and(|o| !gone.contains(o)) {
                    return None;
                }
            }
            if !came_slugs.insert(c.entry.slug.as_str())
                || old.slugs.get(&c.entry.slug).is_some_and(|o| !gone.contains(o))
            {
                return None;
            }
            came_keys.push(keys);
        }
        let gone_slugs: BTreeSet<&str> = gone.iter().map(|&g| old.entries[g].slug.as_str()).collect();
        let keys: BTreeSet<String> =
            owners.into_iter().filter(|(_, (before, after))| before != after).map(|(key, _)| key).collect();
        let slugs: BTreeSet<String> = gone_slugs.symmetric_difference(&came_slugs).map(|s| (*s).to_owned()).collect();
        let needles: Option<BTreeSet<String>> = keys.iter().chain(&slugs).map(|text| needle(text)).collect();
        let needles = needles.map(|n| n.into_iter().collect());
        let mut touched = Touched { keys, slugs, starts: [false; 128], any: false, needles, came_keys };
        for text in touched.keys.iter().chain(&touched.slugs) {
            match text.bytes().next() {
                Some(byte) if byte.is_ascii() => touched.starts[usize::from(byte)] = true,
                _ => touched.any = true,
            }
        }
        Some(touched)
    }

    fn is_empty(&self) -> bool {
        self.keys.is_empty() && self.slugs.is_empty()
    }

    /// Whether no name in a body link written `dest` (a part of it, see
    /// `markdown::links::classify`) can be touched: `dest` is ASCII and
    /// holds none of the needles. A cheap test before the exact one, as
    /// every body link of the site is tested.
    fn rules_out(&self, dest: &str) -> bool {
        let Some(needles) = &self.needles else { return false };
        let mut buffer = [0u8; 160];
        let Some(lower) = buffer.get_mut(..dest.len()).filter(|_| dest.is_ascii()) else { return false };
        lower.copy_from_slice(dest.as_bytes());
        lower.make_ascii_lowercase();
        let Ok(lower) = std::str::from_utf8(lower) else { return false };
        !needles.iter().any(|needle| lower.contains(needle.as_str()))
    }

    /// Whether a link naming `name` may resolve to another entry now.
    fn hit(&self, name: &str) -> bool {
        let last = name.rsplit_once('/').map(|(_, last)| last);
        std::iter::once(name).chain(last).any(|name| self.names(name))
    }

    fn names(&self, name: &str) -> bool {
        if !self.any && name.is_ascii() {
            // The key starts with the first non-space byte, lower-cased; the
            // slug with the first letter or digit.
            let first = |skip: fn(&u8) -> bool| name.bytes().find(|b| !skip(b)).map(|b| b.to_ascii_lowercase());
            let key_start = first(u8::is_ascii_whitespace);
            let slug_start = first(|b| !b.is_ascii_alphanumeric());
            let may = |b: Option<u8>| b.is_some_and(|b| self.starts[usize::from(b)]);
            if !may(key_start) && !may(slug_start) {
                return false;
            }
        }
        self.keys.contains(&name_key(name)) || self.slugs.contains(&slugify(name))
    }
}

/// The longest run of ASCII letters and digits of `text`, lower-cased;
/// `None` when `text` is not ASCII or has none.
fn needle(text: &str) -> Option<String> {
    if !text.is_ascii() {
        return None;
    }
    let longest = text.split(|c: char| !c.is_ascii_alphanumeric()).max_by_key(|run| run.len())?;
    (!longest.is_empty()).then(|| longest.to_ascii_lowercase())
}

/// The documents (not changed ones) whose body links name a touched name;
/// `None` when a typed link, a `superseded_by` or a comparison does.
fn relinked(documents: &[Document], changed: &BTreeSet<String>, touched: &Touched) -> Option<Vec<usize>> {
    if touched.is_empty() {
        return Some(Vec::new());
    }
    let found: Vec<(usize, bool)> = documents
        .par_iter()
        .enumerate()
        .filter(|(_, d)| !changed.contains(&d.source.content_path))
        .filter_map(|(index, document)| {
            let typed = match &document.front {
                Some(FrontMatter::Entry(raw)) => {
                    raw.links.iter().flat_map(|l| l.values()).any(|t| t.names().iter().any(|n| touched.hit(n)))
                        || raw.superseded_by.as_deref().is_some_and(|n| touched.hit(n))
                }
                Some(FrontMatter::Comparison(raw)) => raw.compare.iter().flatten().any(|n| touched.hit(n)),
                None => false,
            };
            let body = document.parsed.links.iter().filter(|l| !touched.rules_out(&l.dest)).any(|link| {
                match link.destination() {
                    crate::markdown::links::LinkDest::Entry { name, .. } => touched.hit(name),
                    _ => false,
                }
            });
            (typed || body).then_some((index, typed))
        })
        .collect();
    if found.iter().any(|&(_, typed)| typed) {
        return None;
    }
    Some(found.into_iter().map(|(index, _)| index).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_keep_their_order_around_those_that_came_and_went() {
        // Old: a b c d; b went, x came between c and d: a c x d.
        let map = remap_documents(4, &BTreeSet::from([1]), &BTreeSet::from([2]));
        assert_eq!(map, [Some(0), None, Some(1), Some(3)]);
        // Renamed in place: the same count, one out, one in at the front.
        let map = remap_documents(3, &BTreeSet::from([2]), &BTreeSet::from([0]));
        assert_eq!(map, [Some(1), Some(2), None]);
    }

    #[test]
    fn needles_rule_out_only_links_that_cannot_name_a_touched_name() {
        let touched = |keys: &[&str]| {
            let keys: BTreeSet<String> = keys.iter().map(|k| (*k).to_owned()).collect();
            let needles = keys.iter().map(|k| needle(k)).collect();
            let _: &Option<Vec<String>> = &needles;
            Touched { keys, slugs: BTreeSet::new(), starts: [true; 128], any: true, needles, came_keys: Vec::new() }
        };
        let sprint = touched(&["sprint review", "sprint-review"]);
        for dest in ["Sprint  Review", "x/SPRINT review#a", "../sprint-review.md", "Über Review"] {
            assert!(!sprint.rules_out(dest), "{dest}");
        }
        for dest in ["Backlog", "sprint", "https://example.com/"] {
            assert!(sprint.rules_out(dest), "{dest}");
            assert!(!sprint.hit(dest));
        }
        assert!(!touched(&["über"]).rules_out("Backlog"), "not ASCII: nothing ruled out");
        assert!(!touched(&["?!"]).rules_out("Backlog"), "no letters: nothing ruled out");
    }
}
