//! For `serve`: an edit of one entry's front matter that keeps its slug
//! changes only that entry's own fields (kind and draft flag included) and,
//! when its typed links changed, the relation groups at both ends of the
//! links it added or removed. A new title, abbreviation or alias on a site without
//! name or link problems also re-sorts the lists that show the entry and
//! retitles its generated comparisons, as long as no link anywhere names
//! one of the names that came or went. The knowledge base is then patched
//! in place instead of resolved again, which keeps such an edit on a
//! 10 000-entry site under 50 ms.
//!
//! Anything else (a `contrasts_with` link, which generates comparison
//! pages, the body, a diagnostic from building the entry or its links, a
//! draft flag on an entry in a comparison, a new name together with a new
//! kind or draft flag) answers `None`, and the caller resolves everything. The tests in
//! `src/serve/rebuild.rs` check that a patched knowledge base renders the
//! same files and diagnostics as a full build.

use super::compare::CONTRAST_RELATION;
use super::model::{Comparison, Edge, Entry, EntryId, KnowledgeBase};
use super::names::{keys_of, Claim};
use super::title_order::TitleOrder;
use super::{comparison_documents, comparisons, entries, relations};
use crate::config::SiteConfig;
use crate::diag::Diagnostics;
use crate::load::raw::RawEntry;
use crate::load::{Document, FrontMatter};
use crate::slug::name_key;
use rayon::prelude::*;
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
    /// The name index before, when a name changed.
    pub names: Option<foldhash::HashMap<String, EntryId>>,
    /// The comparisons before, when one was retitled.
    pub comparisons: Option<Vec<Comparison>>,
    /// The entry's kind changed: the relation rules need checking again.
    pub kind_changed: bool,
    /// Its draft flag changed: body links to it need checking again.
    pub draft_changed: bool,
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
        if let Some(names) = self.names {
            kb.names = names;
        }
        if let Some(comparisons) = self.comparisons {
            kb.comparisons = comparisons;
        }
    }
}

/// Applies the edit of `documents[index]` (which was `before` when `kb` was
/// resolved) to `kb`. `None`, with `kb` untouched, when the edit may change
/// more than [`Patched`] tells, or when building the entry or its links
/// reports anything. Names may change only when `clean`: the last
/// resolve reported nothing about names, links or comparisons.
pub fn entry_edit(
    kb: &mut KnowledgeBase,
    documents: &[Document],
    config: &SiteConfig,
    index: usize,
    before: &Document,
    clean: bool,
) -> Option<Patched> {
    let document = documents.get(index)?;
    let (Some(FrontMatter::Entry(old)), Some(FrontMatter::Entry(new))) = (&before.front, &document.front) else {
        return None;
    };
    let renamed = names(old) != names(new);
    if document.body_text() != before.body_text() || place(old) != place(new) {
        return None;
    }
    if renamed && (!clean || old.links != new.links) {
        return None;
    }
    let id = kb.entries.iter().position(|e| e.document == index)?;
    let mut local = Diagnostics::new();
    let built = entries::build(index, document, Some(new), config, &mut local);
    let (a, b) = (&built, &kb.entries[id]);
    let (kind_changed, draft_changed) = (a.kind != b.kind, a.draft != b.draft);
    if !local.is_empty() || a.slug != b.slug {
        return None;
    }
    if renamed {
        return match kind_changed || draft_changed {
            true => None,
            false => rename(kb, documents, config, id, built),
        };
    }
    // Comparisons are drafts when one of their entries is.
    if draft_changed && !b.comparisons.is_empty() {
        return None;
    }
    if !same_names(&built, &kb.entries[id]) {
        return None;
    }
    let edges = if old.links == new.links { None } else { Some(changed_edges(kb, documents, config, id, before)?) };
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
        let order = TitleOrder::of(&kb.entries);
        relations::regroup(&mut kb.entries, &kb.edges, config, &order, &touched);
    }
    Some(Patched {
        id,
        before: saved,
        edges: edges_before,
        names: None,
        comparisons: None,
        kind_changed,
        draft_changed,
    })
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

/// Whether a rebuilt entry keeps what names it.
fn same_names(built: &Entry, entry: &Entry) -> bool {
    built.slug == entry.slug && built.title == entry.title && built.abbr == entry.abbr && built.aliases == entry.aliases
}

/// Copies the fields an entry shows from its rebuilt self.
fn show(entry: &mut Entry, built: Entry) {
    entry.kind = built.kind;
    entry.draft = built.draft;
    entry.summary = built.summary;
    entry.tags = built.tags;
    entry.facets = built.facets;
    entry.responsibilities = built.responsibilities;
    entry.skills = built.skills;
    entry.decisions = built.decisions;
    entry.sources = built.sources;
    entry.updated = built.updated;
}

/// The raw fields that place an entry (its slug, and any field added to
/// [`RawEntry`] later until it is listed here or in [`names`]).
fn place(raw: &RawEntry) -> RawEntry {
    RawEntry { title: None, abbr: None, aliases: None, ..names(raw) }
}

/// The raw fields that names come from (all but what an entry shows and
/// its links); a field added to [`RawEntry`] later counts as a name until
/// it is listed here.
fn names(raw: &RawEntry) -> RawEntry {
    RawEntry {
        kind: None,
        draft: None,
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

/// A new title, abbreviation or alias for entry `id` (rebuilt as `built`,
/// with the same links): the name index, the entry, the lists sorted by
/// title that hold it, and generated comparison titles. `None` when a name
/// that came or went is claimed elsewhere or named by any link.
fn rename(
    kb: &mut KnowledgeBase,
    documents: &[Document],
    config: &SiteConfig,
    id: EntryId,
    built: Entry,
) -> Option<Patched> {
    let keys = |entry: &Entry| -> BTreeSet<String> {
        let claim = Claim {
            slug: &entry.slug,
            title: Some(&entry.title),
            abbr: entry.abbr.as_deref(),
            aliases: &entry.aliases,
            document: &documents[entry.document],
        };
        keys_of(&claim).into_iter().map(|(key, _, _)| key).collect()
    };
    let (old_keys, new_keys) = (keys(&kb.entries[id]), keys(&built));
    let moved: BTreeSet<&String> = old_keys.symmetric_difference(&new_keys).collect();
    let taken = new_keys.iter().any(|k| kb.names.get(k).is_some_and(|&owner| owner != id));
    if taken || documents.par_iter().any(|d| names_any(d, &moved)) {
        return None;
    }
    let mut names = kb.names.clone();
    names.retain(|_, owner| *owner != id);
    names.extend(new_keys.into_iter().map(|key| (key, id)));
    // Lists sorted by title that hold the entry: its neighbours' relation
    // groups and the "Mentioned in" lists it is in.
    let mut touched: BTreeSet<EntryId> =
        kb.edges.iter().filter(|e| e.from == id || e.to == id).flat_map(|e| [e.from, e.to]).collect();
    touched.insert(id);
    touched.extend((0..kb.entries.len()).filter(|&t| kb.entries[t].mentioned_in.contains(&id)));
    let saved: Vec<(EntryId, Entry)> = touched.iter().map(|&t| (t, kb.entries[t].clone())).collect();
    let old_names = std::mem::replace(&mut kb.names, names);
    let entry = &mut kb.entries[id];
    entry.title = built.title.clone();
    entry.abbr = built.abbr.clone();
    entry.aliases = built.aliases.clone();
    show(entry, built);
    let order = TitleOrder::of(&kb.entries);
    relations::regroup(&mut kb.entries, &kb.edges, config, &order, &touched);
    for &t in &touched {
        order.sort(&mut kb.entries[t].mentioned_in);
    }
    let mut local = Diagnostics::new();
    let retitled = comparisons(kb, documents, &comparison_documents(documents), config, &mut local);
    let same_pages = retitled.len() == kb.comparisons.len()
        && retitled
            .iter()
            .zip(&kb.comparisons)
            .all(|(a, b)| (&a.slug, &a.entries, a.draft) == (&b.slug, &b.entries, b.draft));
    let patched = Patched {
        id,
        before: saved,
        edges: None,
        names: Some(old_names),
        comparisons: None,
        kind_changed: false,
        draft_changed: false,
    };
    if !local.is_empty() || !same_pages {
        patched.undo(kb);
        return None;
    }
    let old_comparisons = (retitled != kb.comparisons).then(|| std::mem::replace(&mut kb.comparisons, retitled));
    Some(Patched { comparisons: old_comparisons, ..patched })
}

/// Whether a link in `document` (typed, in the body, or a comparison's
/// list) names one of `keys`.
fn names_any(document: &Document, keys: &BTreeSet<&String>) -> bool {
    let starts = Starts::of(keys);
    let hit = |name: &str| {
        let last = name.rsplit_once('/').map_or(name, |(_, last)| last);
        (starts.may_name(name) && keys.contains(&name_key(name)))
            || (starts.may_name(last) && keys.contains(&name_key(last)))
    };
    let typed = match &document.front {
        Some(FrontMatter::Entry(raw)) => {
            raw.links.iter().flat_map(|l| l.values()).any(|t| t.names().iter().any(|n| hit(n)))
                || raw.superseded_by.as_deref().is_some_and(hit)
        }
        Some(FrontMatter::Comparison(raw)) => raw.compare.iter().flatten().any(|n| hit(n)),
        None => false,
    };
    typed
        || document.parsed.links.iter().any(|link| match link.destination() {
            crate::markdown::links::LinkDest::Entry { name, .. } => hit(name),
            _ => false,
        })
}

/// The first letters of some name keys: a cheap test that spares most
/// links the key they would be looked up by (every body link of the site
/// is tested after a new title, abbreviation or alias).
struct Starts {
    /// Lower-case ASCII first bytes of the keys.
    ascii: [bool; 128],
    /// A key is empty or starts beyond ASCII: no name can be ruled out.
    any: bool,
}

impl Starts {
    fn of(keys: &BTreeSet<&String>) -> Starts {
        let mut starts = Starts { ascii: [false; 128], any: false };
        for key in keys {
            match key.bytes().next() {
                Some(byte) if byte.is_ascii() => starts.ascii[usize::from(byte)] = true,
                _ => starts.any = true,
            }
        }
        starts
    }

    /// False only when `name`'s key (see `name_key`: lower-case, spaces
    /// collapsed) cannot be one of the keys: it is ASCII, and its first
    /// letter lower-cased starts none of them.
    fn may_name(&self, name: &str) -> bool {
        if self.any || !name.is_ascii() {
            return true;
        }
        match name.trim_start().bytes().next() {
            Some(byte) => self.ascii[usize::from(byte.to_ascii_lowercase())],
            None => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_rule_out_only_names_whose_key_cannot_match() {
        let (owner, po) = ("backlog owner".to_owned(), "po".to_owned());
        let keys = BTreeSet::from([&owner, &po]);
        let starts = Starts::of(&keys);
        for name in ["Backlog Owner", "  backlog   owner", "PO", "pizza"] {
            assert!(starts.may_name(name), "{name}");
        }
        for name in ["Manager", "  scrum", "x/backlog owner"] {
            assert!(!starts.may_name(name), "{name}");
        }
        assert!(starts.may_name("Ünder"), "not ASCII: not ruled out");
        let wide = "über".to_owned();
        assert!(Starts::of(&BTreeSet::from([&wide])).may_name("Manager"));
        // Whatever `may_name` rules out has a key outside the set.
        for name in ["Manager", "  scrum", "x/backlog owner"] {
            assert!(!keys.contains(&name_key(name)));
        }
    }
}
