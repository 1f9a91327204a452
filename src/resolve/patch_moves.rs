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
use super::model::{Edge, Entry, EntryId, KnowledgeBase};
use super::names::{keys_of, Claim};
use super::title_order::TitleOrder;
use super::{comparison_documents, entries, patch_bodies, relations};
use crate::config::SiteConfig;
use crate::diag::{Code, Diagnostics};
use crate::load::{Document, FrontMatter};
use crate::slug::{name_key, slugify};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// A knowledge base after files came, went or moved.
#[derive(Debug)]
pub struct Moved {
    /// The patched knowledge base.
    pub kb: KnowledgeBase,
    /// Documents holding hand-written comparisons, as indices now.
    pub comparison_documents: Vec<usize>,
    /// The body diagnostics now.
    pub bodies: Diagnostics,
}

/// The knowledge base `old` (resolved from the documents before, with
/// `found` as its body diagnostics and `old_comparisons` as its comparison
/// documents) brought up to date with `documents`, where the files at the
/// content paths `changed` were added, deleted, renamed or edited. `None`
/// when the change may reach further than this patch follows (see the
/// module doc).
pub fn files_moved(
    old: &KnowledgeBase,
    documents: &[Document],
    config: &SiteConfig,
    changed: &BTreeSet<String>,
    found: &Diagnostics,
) -> Option<Moved> {
    let plan = Plan::new(old, documents, config, changed)?;
    let relink = relinked(documents, changed, &plan.touched)?;
    let mut kb = plan.renumbered(old);
    let edges_touched = plan.edges(old, &mut kb, documents, config)?;
    let order = TitleOrder::of(&kb.entries);
    relations::regroup(&mut kb.entries, &kb.edges, config, &order, &edges_touched);
    let comparisons = comparison_documents(documents).iter().map(|&(d, _)| d).collect::<Vec<usize>>();
    // Bodies to check again: the new ones, those whose links name a name
    // that came or went, and those with diagnostics whose hints name the
    // closest entry (which may be a new one).
    let mut edited: BTreeSet<usize> = plan.came.iter().map(|c| c.document).collect();
    edited.extend(relink);
    let gone_files: BTreeSet<String> = plan.gone_files(old);
    let hinted: BTreeSet<&str> = found
        .iter()
        .filter(|d| !matches!(d.code, Code::Orphan | Code::UnusedAsset | Code::RawHtmlRemoved | Code::UnsafeUrl))
        .map(|d| d.file.as_str())
        .collect();
    if !hinted.is_empty() {
        edited.extend(documents.iter().enumerate().filter(|(_, d)| hinted.contains(d.source.path.as_str())).map(|(i, _)| i));
    }
    let mut kept = found.clone();
    kept.retain(|d| !gone_files.contains(&d.file));
    let (_, bodies) = patch_bodies::prose_edit(&mut kb, &comparisons, documents, &edited, &kept);
    Some(Moved { kb, comparison_documents: comparisons, bodies })
}

/// An entry built from a changed file.
struct Came {
    entry: Entry,
    document: usize,
}

/// What the change does to the entries, found before anything is copied.
struct Plan<'d> {
    /// Old ids of the entries of changed files.
    gone: BTreeSet<EntryId>,
    /// The entries of the changed files now, by slug.
    came: Vec<Came>,
    /// The typed links of the new entries.
    came_links: Vec<Option<&'d BTreeMap<String, crate::load::raw::OneOrMany>>>,
    /// The names whose entry (by slug) changes.
    touched: Touched,
    /// New document index of every old one (`None`: gone).
    documents: Vec<Option<usize>>,
}

impl<'d> Plan<'d> {
    fn new(
        old: &KnowledgeBase,
        documents: &'d [Document],
        config: &SiteConfig,
        changed: &BTreeSet<String>,
    ) -> Option<Plan<'d>> {
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
        let mut came_links = Vec::new();
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
            came_links.push(links);
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
        order.sort_by(|&a, &b| came[a].entry.slug.cmp(&came[b].entry.slug).then(came[a].document.cmp(&came[b].document)));
        let mut sorted = Vec::with_capacity(came.len());
        let mut sorted_links = Vec::with_capacity(came.len());
        let mut came: Vec<Option<Came>> = came.into_iter().map(Some).collect();
        for i in order {
            sorted.extend(came[i].take());
            sorted_links.push(came_links[i]);
        }
        Some(Plan { gone, came: sorted, came_links: sorted_links, touched, documents })
    }

    /// The body diagnostics' file names of the gone entries.
    fn gone_files(&self, old: &KnowledgeBase) -> BTreeSet<String> {
        self.gone.iter().map(|&g| format!("{}/{}", crate::load::CONTENT_DIR, old.entries[g].prose.content_path)).collect()
    }

    /// `old` with the gone entries out and the new ones in, every id and
    /// document index renumbered; the new entries know their names, not
    /// yet their relations or mentions; edges touching a gone entry are
    /// dropped (see [`Plan::edges`]).
    fn renumbered(&self, old: &KnowledgeBase) -> KnowledgeBase {
        // Merge kept (in old order, which stays sorted) and came (sorted).
        let mut to_new: Vec<Option<EntryId>> = vec![None; old.entries.len()];
        let mut slots: Vec<Slot> = Vec::with_capacity(old.entries.len() + self.came.len());
        let mut came = self.came.iter().enumerate().peekable();
        for (id, entry) in old.entries.iter().enumerate() {
            if self.gone.contains(&id) {
                continue;
            }
            let document = self.documents[entry.document].unwrap_or(entry.document);
            while let Some((c, next)) = came.peek() {
                if (next.entry.slug.as_str(), next.document) < (entry.slug.as_str(), document) {
                    slots.push(Slot::Came(*c));
                    came.next();
                } else {
                    break;
                }
            }
            to_new[id] = Some(slots.len());
            slots.push(Slot::Kept(id));
        }
        slots.extend(came.map(|(c, _)| Slot::Came(c)));
        // A gone entry whose slug came back is the same entry to the others.
        let mut came_ids = vec![0; self.came.len()];
        for (new, slot) in slots.iter().enumerate() {
            if let Slot::Came(c) = slot {
                came_ids[*c] = new;
            }
        }
        for &g in &self.gone {
            to_new[g] = self.came.iter().position(|c| c.entry.slug == old.entries[g].slug).map(|c| came_ids[c]);
        }
        let map = |id: &EntryId| to_new[*id];
        let remap = |list: &[EntryId]| -> Vec<EntryId> { list.iter().filter_map(map).collect() };
        let entries: Vec<Entry> = slots
            .par_iter()
            .map(|slot| match *slot {
                Slot::Kept(id) => {
                    let mut entry = old.entries[id].clone();
                    entry.document = self.documents[entry.document].unwrap_or(entry.document);
                    renumber(&mut entry, &remap, &map);
                    entry
                }
                Slot::Came(c) => {
                    let mut entry = self.came[c].entry.clone();
                    // The same slug as a gone entry: its mentions and headings
                    // (which the body check compares) carry over.
                    if let Some(&g) = self.gone.iter().find(|&&g| old.entries[g].slug == entry.slug) {
                        entry.mentioned_in = remap(&old.entries[g].mentioned_in);
                        entry.headings = old.entries[g].headings.clone();
                    } else {
                        entry.headings = entry.prose.body.headings.clone();
                    }
                    entry
                }
            })
            .collect();
        let mut comparisons = old.comparisons.clone();
        for comparison in &mut comparisons {
            comparison.entries = remap(&comparison.entries);
            comparison.document = comparison.document.map(|d| self.documents[d].unwrap_or(d));
        }
        let mut edges: Vec<Edge> = old
            .edges
            .iter()
            .filter(|e| !self.gone.contains(&e.from) && !self.gone.contains(&e.to))
            .filter_map(|e| Some(Edge { from: map(&e.from)?, relation: e.relation, to: map(&e.to)? }))
            .collect();
        edges.sort_unstable();
        let mut names: foldhash::HashMap<String, EntryId> = old
            .names
            .iter()
            .filter(|(_, id)| !self.gone.contains(id))
            .filter_map(|(key, id)| Some((key.clone(), map(id)?)))
            .collect();
        let mut slugs: foldhash::HashMap<String, EntryId> = old
            .slugs
            .iter()
            .filter(|(_, id)| !self.gone.contains(id))
            .filter_map(|(slug, id)| Some((slug.clone(), map(id)?)))
            .collect();
        for (c, came) in self.came.iter().enumerate() {
            names.extend(self.touched.came_keys[c].iter().map(|k| (k.clone(), came_ids[c])));
            slugs.insert(came.entry.slug.clone(), came_ids[c]);
        }
        KnowledgeBase {
            entries,
            comparisons,
            edges,
            names,
            slugs,
            include_drafts: old.include_drafts,
            trust_html: old.trust_html,
            files: old.files.clone(),
        }
    }

    /// The edges of the new entries and of the old neighbours of the gone
    /// ones, declared again; the ids whose relation groups change. `None`
    /// when a link reports a problem.
    fn edges(
        &self,
        old: &KnowledgeBase,
        kb: &mut KnowledgeBase,
        documents: &[Document],
        config: &SiteConfig,
    ) -> Option<BTreeSet<EntryId>> {
        let by_slug = |slug: &str| kb.slugs.get(slug).copied();
        let came_ids: Vec<EntryId> = self.came.iter().filter_map(|c| by_slug(&c.entry.slug)).collect();
        let mut neighbours: BTreeSet<EntryId> = BTreeSet::new();
        for edge in old.edges.iter().filter(|e| self.gone.contains(&e.from) || self.gone.contains(&e.to)) {
            for end in [edge.from, edge.to].into_iter().filter(|e| !self.gone.contains(e)) {
                neighbours.extend(by_slug(&old.entries[end].slug));
            }
        }
        let mut declared = Vec::new();
        let mut local = Diagnostics::new();
        for (&id, links) in came_ids.iter().zip(&self.came_links) {
            if let Some(links) = links {
                declared.extend(relations::edges_of(id, links, &documents[kb.entries[id].document], kb, config, &mut local));
            }
        }
        for &id in neighbours.iter().filter(|id| !came_ids.contains(id)) {
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
        let mut touched: BTreeSet<EntryId> = came_ids.iter().copied().chain(neighbours).collect();
        touched.extend(declared.iter().flat_map(|e| [e.from, e.to]));
        kb.edges.extend(declared);
        kb.edges.sort_unstable();
        kb.edges.dedup();
        Some(touched)
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

/// Every id an entry holds, renumbered (ids of gone entries dropped).
fn renumber(
    entry: &mut Entry,
    remap: &impl Fn(&[EntryId]) -> Vec<EntryId>,
    map: &impl Fn(&EntryId) -> Option<EntryId>,
) {
    for group in &mut entry.relations {
        group.entries = remap(&group.entries);
    }
    entry.relations.retain(|g| !g.entries.is_empty());
    entry.mentioned_in = remap(&entry.mentioned_in);
    entry.superseded_by = entry.superseded_by.as_ref().and_then(map);
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
        let slugs: BTreeSet<String> =
            gone_slugs.symmetric_difference(&came_slugs).map(|s| (*s).to_owned()).collect();
        let mut touched = Touched { keys, slugs, starts: [false; 128], any: false, came_keys };
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
            let body = document.parsed.links.iter().any(|link| match link.destination() {
                crate::markdown::links::LinkDest::Entry { name, .. } => touched.hit(name),
                _ => false,
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
}
