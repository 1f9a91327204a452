//! Two resolved knowledge bases → a [`KbDiff`]: entries added, removed or
//! renamed, relations added or removed, titles, kinds, summaries and facets
//! changed, comparisons added or removed, and the diagnostics that are new.

use crate::config::SiteConfig;
use crate::diag::Diagnostic;
use crate::history::{DiagnosticRef, EntryChange, EntryRef, FieldChange, KbDiff, RelationRef, Rename, StatusChange};
use crate::load::Document;
use crate::resolve::{Entry, KnowledgeBase};
use std::collections::{BTreeMap, BTreeSet};

/// One side of the comparison: a resolved site and its diagnostics.
pub(crate) struct Side<'a> {
    /// The resolved knowledge base.
    pub(crate) kb: &'a KnowledgeBase,
    /// Its documents (for paths and bodies).
    pub(crate) documents: &'a [Document],
    /// Its settings.
    pub(crate) config: &'a SiteConfig,
    /// Its diagnostics, levels applied.
    pub(crate) diagnostics: &'a [Diagnostic],
}

fn entry_ref(side: &Side<'_>, entry: &Entry) -> EntryRef {
    EntryRef {
        slug: entry.slug.clone(),
        title: entry.title.clone(),
        kind: side.config.kind(&entry.kind).map_or_else(|| entry.kind.clone(), |k| k.label.clone()),
        path: side.documents[entry.document].source.path.clone(),
    }
}

/// Compares the base (`old`) with the working tree (`new`).
pub(crate) fn compare(base: &str, old: &Side<'_>, new: &Side<'_>) -> KbDiff {
    let old_slugs: BTreeSet<&str> = old.kb.entries.iter().map(|e| e.slug.as_str()).collect();
    let new_slugs: BTreeSet<&str> = new.kb.entries.iter().map(|e| e.slug.as_str()).collect();
    let gone: Vec<&Entry> = old.kb.entries.iter().filter(|e| !new_slugs.contains(e.slug.as_str())).collect();
    let mut fresh: Vec<&Entry> = new.kb.entries.iter().filter(|e| !old_slugs.contains(e.slug.as_str())).collect();
    let mut diff = KbDiff { base: base.to_owned(), ..KbDiff::default() };
    // old slug → new slug, so renamed entries keep their relations.
    let mut renames: BTreeMap<String, String> = BTreeMap::new();
    for entry in gone {
        match fresh.iter().position(|f| same_entry(old, entry, new, f)) {
            Some(index) => {
                let to = fresh.remove(index);
                renames.insert(entry.slug.clone(), to.slug.clone());
                let redirected = to.moved_from.contains(&entry.slug);
                diff.renamed.push(Rename { from: entry_ref(old, entry), to: entry_ref(new, to), redirected });
            }
            None => diff.removed.push(entry_ref(old, entry)),
        }
    }
    diff.added = fresh.iter().map(|e| entry_ref(new, e)).collect();
    relations(&mut diff, old, new, &renames);
    diff.changed = changes(old, new, &renames);
    diff.status_changes = status_changes(old, new, &renames);
    comparisons(&mut diff, old, new);
    diagnostics(&mut diff, old, new);
    diff
}

/// A rename: same title (case-insensitive) or the same non-empty body.
fn same_entry(old: &Side<'_>, a: &Entry, new: &Side<'_>, b: &Entry) -> bool {
    let body = |side: &Side<'_>, e: &Entry| side.documents[e.document].body_text().trim().to_owned();
    a.title.to_lowercase() == b.title.to_lowercase() || {
        let (x, y) = (body(old, a), body(new, b));
        !x.is_empty() && x == y
    }
}

/// Edges as (from, key, to) slugs; symmetric ones in one direction only.
fn edge_set(side: &Side<'_>, renames: &BTreeMap<String, String>) -> BTreeMap<(String, String, String), RelationRef> {
    let slug = |id: usize| {
        let s = &side.kb.entries[id].slug;
        renames.get(s).cloned().unwrap_or_else(|| s.clone())
    };
    let mut set = BTreeMap::new();
    for edge in &side.kb.edges {
        let def = &side.config.relations[edge.relation];
        let (mut from, mut to) = (edge.from, edge.to);
        if def.symmetric && slug(to) < slug(from) {
            std::mem::swap(&mut from, &mut to);
        }
        let relation = RelationRef {
            from: slug(from),
            from_title: side.kb.entries[from].title.clone(),
            relation: def.key.clone(),
            label: def.label.clone(),
            to: slug(to),
            to_title: side.kb.entries[to].title.clone(),
        };
        set.insert((relation.from.clone(), relation.relation.clone(), relation.to.clone()), relation);
    }
    set
}

fn relations(diff: &mut KbDiff, old: &Side<'_>, new: &Side<'_>, renames: &BTreeMap<String, String>) {
    let before = edge_set(old, renames);
    let after = edge_set(new, &BTreeMap::new());
    diff.relations_added = after.iter().filter(|(k, _)| !before.contains_key(*k)).map(|(_, r)| r.clone()).collect();
    diff.relations_removed = before.iter().filter(|(k, _)| !after.contains_key(*k)).map(|(_, r)| r.clone()).collect();
}

fn changes(old: &Side<'_>, new: &Side<'_>, renames: &BTreeMap<String, String>) -> Vec<EntryChange> {
    let by_slug: BTreeMap<String, &Entry> =
        old.kb.entries.iter().map(|e| (renames.get(&e.slug).cloned().unwrap_or_else(|| e.slug.clone()), e)).collect();
    let mut list = Vec::new();
    for entry in &new.kb.entries {
        let Some(before) = by_slug.get(&entry.slug) else { continue };
        let mut changes = Vec::new();
        let mut field = |field: &str, label: &str, a: Option<&str>, b: Option<&str>| {
            if a != b {
                let (old, new) = (a.map(str::to_owned), b.map(str::to_owned));
                changes.push(FieldChange { field: field.into(), label: label.into(), old, new });
            }
        };
        field("title", "Title", Some(&before.title), Some(&entry.title));
        field("kind", "Kind", Some(&before.kind), Some(&entry.kind));
        field("summary", "Summary", Some(&before.summary), Some(&entry.summary));
        let owners = |e: &Entry| Some(e.owners.join(", ")).filter(|o| !o.is_empty());
        field("owners", "Owners", owners(before).as_deref(), owners(entry).as_deref());
        let keys: BTreeSet<&String> = before.facets.keys().chain(entry.facets.keys()).collect();
        for key in keys {
            let label = new.config.facets.iter().find(|f| &f.key == key).map_or(key.as_str(), |f| f.label.as_str());
            let (a, b) = (before.facets.get(key).map(String::as_str), entry.facets.get(key).map(String::as_str));
            field(&format!("facets.{key}"), label, a, b);
        }
        if !changes.is_empty() {
            list.push(EntryChange { entry: entry_ref(new, entry), changes });
        }
    }
    list
}

fn status_changes(old: &Side<'_>, new: &Side<'_>, renames: &BTreeMap<String, String>) -> Vec<StatusChange> {
    let by_slug: BTreeMap<&str, &Entry> =
        old.kb.entries.iter().map(|e| (renames.get(&e.slug).map_or(e.slug.as_str(), String::as_str), e)).collect();
    new.kb
        .entries
        .iter()
        .filter_map(|entry| {
            let before = by_slug.get(entry.slug.as_str())?;
            (before.status != entry.status).then(|| StatusChange {
                entry: entry_ref(new, entry),
                old: before.status.as_str().to_owned(),
                new: entry.status.as_str().to_owned(),
            })
        })
        .collect()
}

fn comparisons(diff: &mut KbDiff, old: &Side<'_>, new: &Side<'_>) {
    let slugs = |side: &Side<'_>| -> BTreeSet<String> { side.kb.comparisons.iter().map(|c| c.slug.clone()).collect() };
    let (before, after) = (slugs(old), slugs(new));
    diff.comparisons_added = after.difference(&before).cloned().collect();
    diff.comparisons_removed = before.difference(&after).cloned().collect();
}

/// Diagnostics are matched by code, file and message: lines move when a
/// file is edited, but the same problem keeps its message.
fn diagnostics(diff: &mut KbDiff, old: &Side<'_>, new: &Side<'_>) {
    let key = |d: &Diagnostic| (d.code, d.file.clone(), d.message.clone());
    let before: BTreeSet<_> = old.diagnostics.iter().map(key).collect();
    let after: BTreeSet<_> = new.diagnostics.iter().map(key).collect();
    diff.new_diagnostics = new
        .diagnostics
        .iter()
        .filter(|d| !before.contains(&key(d)))
        .map(|d| DiagnosticRef {
            severity: d.severity,
            code: d.code.as_str().to_owned(),
            file: d.file.clone(),
            line: d.location.map(|l| l.line),
            message: d.message.clone(),
        })
        .collect();
    diff.fixed_diagnostics = before.difference(&after).count();
}
