//! The last good build `serve` keeps: what the next edit is compared with,
//! and the paths it serves, kept up to date patch after patch.

use super::affected::PageMoves;
use super::follow::Parts3;
use crate::render::list_pages::Fingerprints;
use crate::resolve::KnowledgeBase;
use std::collections::BTreeSet;

/// The last good build.
pub(super) struct Good {
    pub(super) kb: KnowledgeBase,
    /// Documents of hand-written comparisons: kept while no edit changes
    /// names or links.
    pub(super) comparison_documents: Vec<usize>,
    /// What resolving gave, in parts so that an edit redoes only its part:
    /// names and links (`resolve::resolve_structure`), the relation rules,
    /// the site-wide checks on front matter, and the bodies.
    pub(super) diagnostics: Parts3,
    /// The served list pages' fingerprints (their paths are the keys).
    pub(super) lists: Fingerprints,
    pub(super) page_paths: BTreeSet<String>,
    pub(super) asset_paths: BTreeSet<String>,
    /// The search index and exports lag behind the pages.
    pub(super) assets_stale: bool,
}

/// What a patch brings to the last good build.
pub(super) struct Patch {
    pub(super) kb: KnowledgeBase,
    pub(super) diagnostics: Parts3,
    /// `Some` when resolved anew.
    pub(super) comparison_documents: Option<Vec<usize>>,
    /// The list pages' fingerprints when list pages were looked at.
    pub(super) lists: Option<Fingerprints>,
    /// Entry and comparison pages that came or went.
    pub(super) moves: PageMoves,
}

impl Good {
    /// Takes a patch in; `lists` are the fingerprints the patch was
    /// rendered against. Returns the served paths that no longer exist.
    pub(super) fn take(&mut self, patch: Patch, lists: Fingerprints) -> BTreeSet<String> {
        let Patch { kb, diagnostics, comparison_documents, lists: now, moves } = patch;
        let mut removed = BTreeSet::new();
        self.lists = match now {
            Some(now) => {
                removed.extend(lists.keys().filter(|path| !now.contains_key(*path)).cloned());
                self.page_paths.extend(now.keys().cloned());
                now
            }
            None => lists,
        };
        removed.extend(moves.removed);
        for path in &removed {
            self.page_paths.remove(path);
        }
        self.page_paths.extend(moves.added);
        // Freeing a 10 000-entry knowledge base takes milliseconds the
        // browser need not wait for.
        let old = std::mem::replace(&mut self.kb, kb);
        drop(std::thread::Builder::new().name("rolebook-free".into()).spawn(move || drop(old)));
        self.diagnostics = diagnostics;
        if let Some(comparison_documents) = comparison_documents {
            self.comparison_documents = comparison_documents;
        }
        self.assets_stale = true;
        removed
    }
}
