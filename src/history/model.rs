//! What a change does to the knowledge base, as plain data: entries added,
//! removed or renamed, relations added or removed, titles, kinds,
//! summaries and facets changed, comparisons added or removed, and the
//! diagnostics that are new. `rolebook diff` fills it from two resolved
//! sites; the changes page from the files each recent commit touched.

use crate::diag::Severity;
use serde::Serialize;

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
    pub old: String,
    /// Status after.
    pub new: String,
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
