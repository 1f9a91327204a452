//! Two knowledge bases → what changed between them: entries added,
//! removed or renamed, relations added or removed, titles, kinds,
//! summaries and facets changed, comparisons added or removed, and the
//! diagnostics that are new.

use crate::config::SiteConfig;
use crate::diag::{Diagnostic, Severity};
use crate::load::Document;
use crate::resolve::{Entry, KnowledgeBase};
use serde::Serialize;
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

/// An entry as the report names it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct EntryRef {
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Kind label.
    pub kind: String,
    /// File, relative to the site.
    pub path: String,
}

/// An entry whose slug changed (same title or same body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rename {
    /// Before.
    pub from: EntryRef,
    /// After.
    pub to: EntryRef,
    /// Whether the entry lists its old slug in `moved_from:`, so the old
    /// URL redirects (else the report suggests it).
    pub redirected: bool,
}

/// A typed relation between two entries.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct RelationRef {
    /// Source slug.
    pub from: String,
    /// Source title.
    pub from_title: String,
    /// Relation key.
    pub relation: String,
    /// Relation label.
    pub label: String,
    /// Target slug.
    pub to: String,
    /// Target title.
    pub to_title: String,
}

/// A field that changed: old and new value (`None`: absent).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldChange {
    /// `title`, `kind`, `summary` or `facets.<key>`.
    pub field: String,
    /// Human label.
    pub label: String,
    /// Before.
    pub old: Option<String>,
    /// After.
    pub new: Option<String>,
}

/// The field changes of one entry present on both sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EntryChange {
    /// The entry (after).
    pub entry: EntryRef,
    /// What changed.
    pub changes: Vec<FieldChange>,
}

/// An entry whose lifecycle status changed ("proposed → approved").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusChange {
    /// The entry (after).
    pub entry: EntryRef,
    /// Status before.
    pub old: &'static str,
    /// Status after.
    pub new: &'static str,
}

/// A diagnostic as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct DiagnosticRef {
    /// `error` or `warning`.
    pub severity: Severity,
    /// Code.
    pub code: String,
    /// File.
    pub file: String,
    /// Line, if known.
    pub line: Option<usize>,
    /// Message.
    pub message: String,
}

/// What a change does to the knowledge base.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct KbDiff {
    /// The git ref compared with.
    pub base: String,
    /// New entries.
    pub added: Vec<EntryRef>,
    /// Deleted entries.
    pub removed: Vec<EntryRef>,
    /// Entries with a new slug.
    pub renamed: Vec<Rename>,
    /// Entries whose status changed, reported first.
    pub status_changes: Vec<StatusChange>,
    /// Relations that are new.
    pub relations_added: Vec<RelationRef>,
    /// Relations that are gone.
    pub relations_removed: Vec<RelationRef>,
    /// Entries whose title, kind, summary or facets changed.
    pub changed: Vec<EntryChange>,
    /// Comparison pages that are new (slugs).
    pub comparisons_added: Vec<String>,
    /// Comparison pages that are gone (slugs).
    pub comparisons_removed: Vec<String>,
    /// Diagnostics that the base did not have.
    pub new_diagnostics: Vec<DiagnosticRef>,
    /// How many of the base's diagnostics are gone.
    pub fixed_diagnostics: usize,
}

impl KbDiff {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.renamed.is_empty()
            && self.status_changes.is_empty()
            && self.relations_added.is_empty()
            && self.relations_removed.is_empty()
            && self.changed.is_empty()
            && self.comparisons_added.is_empty()
            && self.comparisons_removed.is_empty()
            && self.new_diagnostics.is_empty()
            && self.fixed_diagnostics == 0
    }
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
                old: before.status.as_str(),
                new: entry.status.as_str(),
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
