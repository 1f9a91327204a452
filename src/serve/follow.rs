//! How `serve` brings the last good knowledge base up to date with the
//! pending changes, the cheapest way that gives what a full build gives
//! ([`Resolving`]): the body facts patched after prose edits, one entry
//! patched after an edit of its front matter, the entries of files that
//! came, went or moved patched in, else everything resolved and the two
//! knowledge bases compared. Each answers with the pages to render.

use super::affected::{self, Edited, PageMoves};
use super::pending::Pending;
use crate::diag::{Code, Diagnostics};
use crate::load::{self, Parts};
use crate::render::list_pages::Fingerprints;
use crate::render::Selection;
use crate::resolve::{self, KnowledgeBase};
use std::collections::{BTreeMap, BTreeSet};

/// The diagnostics of the three steps of resolving (kept with the last good build).
#[derive(Clone, Default)]
pub(super) struct Parts3 {
    pub(super) structure: Diagnostics,
    pub(super) rules: Diagnostics,
    pub(super) checks: Diagnostics,
    pub(super) bodies: Diagnostics,
}

impl Parts3 {
    /// Resolves everything, keeping each step's diagnostics apart.
    pub(super) fn resolve(parts: &Parts, drafts: bool) -> (KnowledgeBase, Vec<usize>, Parts3) {
        let loaded = &parts.loaded;
        let mut found = Parts3::default();
        let front = resolve::resolve_structure(loaded, drafts, &mut found.structure);
        resolve::check_links(&front.kb, &loaded.documents, &loaded.config, &mut found.rules);
        resolve::check_front(&front.kb, &loaded.documents, &loaded.config, &mut found.checks);
        let comparison_documents = front.comparison_documents.clone();
        let kb = resolve::complete(front, &loaded.documents, &mut found.bodies);
        (kb, comparison_documents, found)
    }

    /// Everything found, with the loader's diagnostics.
    pub(super) fn with(&self, parts: &Parts) -> Diagnostics {
        let mut sink = parts.diagnostics();
        for step in [&self.structure, &self.rules, &self.checks, &self.bodies] {
            sink.extend(step.clone());
        }
        sink
    }

    /// Whether [`Parts3::with`] would hold errors once the site's rules
    /// apply (without copying every diagnostic: a large site may carry
    /// thousands of warnings).
    pub(super) fn has_errors(&self, parts: &Parts) -> bool {
        let rules = &parts.loaded.config.rules;
        let steps = [&self.structure, &self.rules, &self.checks, &self.bodies];
        parts.site_diagnostics.has_errors(rules)
            || parts.document_diagnostics.iter().any(|d| d.has_errors(rules))
            || steps.iter().any(|d| d.has_errors(rules))
    }

    /// Whether a step that an entry edit does not run again reported on
    /// `file`: its positions would move with an edit of that file.
    fn mention(&self, file: &str) -> bool {
        self.structure.iter().any(|d| d.file == file)
    }

    /// Whether the body checks reported on `file` (orphan warnings aside:
    /// they stand at the file's start and are found again whenever an edit
    /// can change them): an entry edit then checks its body again, as the
    /// positions move with the front matter.
    fn mention_in_bodies(&self, file: &str) -> bool {
        self.bodies.iter().any(|d| d.file == file && d.code != Code::Orphan)
    }
}

/// How the last update brought the knowledge base up to date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolving {
    /// Resolved and rendered everything.
    Everything,
    /// Resolved everything, rendered what the edit affects.
    Resolved,
    /// Patched the body facts (prose-only edits): the edited bodies, and
    /// those whose anchors point at headings that changed.
    Bodies,
    /// Patched the edited entry (and the relation groups its links
    /// change): its names stayed.
    OneEntry,
    /// Patched the entries of files that came, went or moved (and what
    /// their names and links reach).
    Files,
}

/// How the knowledge base follows the pending edits.
pub(super) enum Step<'l> {
    /// Resolving reported errors: these, with the loader's diagnostics.
    Failed(Diagnostics),
    /// Resolved, with the pages to render.
    Resolved(Box<Resolved<'l>>),
}

/// A knowledge base after an edit, and what to render of it.
pub(super) struct Resolved<'l> {
    pub(super) how: Resolving,
    pub(super) kb: KnowledgeBase,
    pub(super) selection: Selection<'l>,
    pub(super) found: Parts3,
    /// `Some` when resolved anew.
    pub(super) comparison_documents: Option<Vec<usize>>,
    /// Entry and comparison pages that came or went.
    pub(super) moves: PageMoves,
}

/// The last good build's facts that an edit is applied to.
pub(super) struct Before<'g, 'l> {
    /// Taken by a cheap step, put back when it fails.
    pub(super) kb: &'g mut KnowledgeBase,
    pub(super) found: &'g Parts3,
    pub(super) comparison_documents: &'g [usize],
    /// The served list pages' fingerprints.
    pub(super) lists: &'l Fingerprints,
}

/// Brings the last good knowledge base up to date with the pending edits,
/// the cheapest way that gives what a full build gives: completing the
/// bodies again after prose edits, patching one entry after an edit that
/// keeps its names, patching the entries of files that came, went or
/// moved, else resolving everything and comparing.
pub(super) fn next_step<'l>(parts: &Parts, mut before: Before<'_, 'l>, pending: &Pending, drafts: bool) -> Step<'l> {
    let documents = &parts.loaded.documents;
    let Some(moved) = &pending.moved else {
        return after_edits(parts, before, &pending.edits, drafts);
    };
    if let Some(step) = after_files_moved(parts, &mut before, moved) {
        return step;
    }
    let changed: BTreeSet<usize> =
        documents.iter().enumerate().filter(|(_, d)| moved.contains(&d.source.content_path)).map(|(i, _)| i).collect();
    let edited = Edited { documents: &changed, front_matter: true };
    resolve_all(parts, &mut before, &edited, drafts)
}

/// Files came, went or moved on a site whose names and links resolved
/// cleanly: the last knowledge base patched (see [`resolve::files_moved`]),
/// the checks on front matter run again. `None` when the patch does not
/// follow the change.
fn after_files_moved<'l>(parts: &Parts, before: &mut Before<'_, 'l>, moved: &BTreeSet<String>) -> Option<Step<'l>> {
    let (documents, config) = (&parts.loaded.documents, &parts.loaded.config);
    if !before.found.structure.is_empty() {
        return None;
    }
    let mut kb = std::mem::take(before.kb);
    let Some(patched) = resolve::files_moved(&mut kb, documents, config, moved, &before.found.bodies) else {
        *before.kb = kb;
        return None;
    };
    let mut found = Parts3 { bodies: patched.bodies.clone(), ..Parts3::default() };
    resolve::check_links(&kb, documents, config, &mut found.rules);
    resolve::check_front(&kb, documents, config, &mut found.checks);
    if found.has_errors(parts) {
        patched.undo(&mut kb);
        *before.kb = kb;
        return Some(Step::Failed(found.with(parts)));
    }
    let (selection, moves) = affected::after_files_moved(&kb, documents, &patched, before.lists);
    let comparison_documents = Some(patched.comparison_documents);
    let how = Resolving::Files;
    Some(Step::Resolved(Box::new(Resolved { how, kb, selection, found, comparison_documents, moves })))
}

/// [`next_step`] when every pending change is an edit of a known file.
fn after_edits<'l>(
    parts: &Parts,
    mut before: Before<'_, 'l>,
    pending: &BTreeMap<usize, load::Document>,
    drafts: bool,
) -> Step<'l> {
    let documents = &parts.loaded.documents;
    let front_edited = |d: usize, old: &load::Document| {
        documents.get(d).is_none_or(|doc| doc.front_matter_text() != old.front_matter_text())
    };
    // Lenient summaries come from bodies: any edit may change front facts.
    let lenient = parts.loaded.config.summary_from_body;
    if !lenient && !pending.iter().any(|(&d, old)| front_edited(d, old)) {
        return after_prose(parts, before, pending);
    }
    if let (false, [(&d, old)]) = (lenient, pending.iter().collect::<Vec<_>>().as_slice()) {
        if let Some(step) = after_entry_edit(parts, &mut before, d, old) {
            return step;
        }
    }
    let changed: BTreeSet<usize> = pending.keys().copied().collect();
    let front_matter = pending.iter().any(|(&d, old)| front_edited(d, old));
    resolve_all(parts, &mut before, &Edited { documents: &changed, front_matter }, drafts)
}

/// Resolves the whole site, as a full build does, and compares the result
/// with the last good build to tell what to render.
fn resolve_all<'l>(parts: &Parts, before: &mut Before<'_, 'l>, edited: &Edited<'_>, drafts: bool) -> Step<'l> {
    let (kb, comparison_documents, found) = Parts3::resolve(parts, drafts);
    if found.has_errors(parts) {
        return Step::Failed(found.with(parts));
    }
    let (selection, moves) = affected::affected(before.kb, &kb, &parts.loaded.documents, edited, before.lists);
    let comparison_documents = Some(comparison_documents);
    let how = Resolving::Resolved;
    Step::Resolved(Box::new(Resolved { how, kb, selection, found, comparison_documents, moves }))
}

/// Prose-only edits leave what front matter resolved to as it was: the
/// body facts of the last knowledge base are patched (the edited bodies,
/// and the bodies whose anchors point at headings that changed).
fn after_prose<'l>(parts: &Parts, before: Before<'_, 'l>, pending: &BTreeMap<usize, load::Document>) -> Step<'l> {
    let documents = &parts.loaded.documents;
    let mut kb = std::mem::take(before.kb);
    let edited: BTreeSet<usize> = pending.keys().copied().collect();
    let was = &before.found;
    let (patched, bodies) = resolve::prose_edit(&mut kb, before.comparison_documents, documents, &edited, &was.bodies);
    let found =
        Parts3 { structure: was.structure.clone(), rules: was.rules.clone(), checks: was.checks.clone(), bodies };
    if found.has_errors(parts) {
        patched.undo(&mut kb);
        *before.kb = kb;
        return Step::Failed(found.with(parts));
    }
    let selection = affected::after_prose_edit(&patched.before, &kb, documents, &edited);
    let how = Resolving::Bodies;
    let moves = PageMoves::default();
    Step::Resolved(Box::new(Resolved { how, kb, selection, found, comparison_documents: None, moves }))
}

/// An edit of one entry that keeps every name: that entry (and the
/// relation groups its links change) patched, the checks run again.
/// `None` when the edit may change more (see [`resolve::entry_edit`]) or
/// when a diagnostic about the file could move with it.
fn after_entry_edit<'l>(
    parts: &Parts,
    before: &mut Before<'_, 'l>,
    d: usize,
    old: &load::Document,
) -> Option<Step<'l>> {
    let (documents, config) = (&parts.loaded.documents, &parts.loaded.config);
    if before.found.mention(&old.source.path) {
        return None;
    }
    let mut kb = std::mem::take(before.kb);
    // What the allow-list removed from bodies never depends on names.
    let about_names = |d: &crate::diag::Diagnostic| !matches!(d.code, Code::RawHtmlRemoved | Code::UnsafeUrl);
    let clean = before.found.structure.is_empty() && !before.found.bodies.iter().any(about_names);
    let Some(patched) = resolve::entry_edit(&mut kb, documents, config, d, old, clean) else {
        *before.kb = kb;
        return None;
    };
    let mut found = Parts3 { checks: Diagnostics::new(), ..before.found.clone() };
    if patched.edges.is_some() || patched.kind_changed {
        found.rules = Diagnostics::new();
        resolve::check_links(&kb, documents, config, &mut found.rules);
    }
    // Body links to a draft are reported: check those again; and a body
    // with diagnostics of its own, whose positions moved with the edit.
    if patched.draft_changed || before.found.mention_in_bodies(&old.source.path) {
        let comparisons = before.comparison_documents;
        resolve::recheck_draft_links(&kb, patched.id, comparisons, documents, &mut found.bodies);
    }
    // Orphans are found with the bodies, but edges and drafts decide them too.
    if patched.draft_changed || patched.edges.is_some() {
        resolve::recheck_orphans(&kb, documents, &mut found.bodies);
    }
    resolve::check_front(&kb, documents, config, &mut found.checks);
    if found.has_errors(parts) {
        patched.undo(&mut kb);
        *before.kb = kb;
        return Some(Step::Failed(found.with(parts)));
    }
    let selection = affected::after_entry_edit(&kb, documents, &patched, before.lists);
    // Its page comes or goes with its draft flag.
    let mut moves = PageMoves::default();
    if let Some((id, was)) = patched.before.iter().find(|(t, _)| *t == patched.id) {
        moves.entry(&kb.entries[*id].slug, kb.include_drafts || !was.draft, kb.is_published(*id));
    }
    Some(Step::Resolved(Box::new(Resolved {
        how: Resolving::OneEntry,
        kb,
        selection,
        found,
        comparison_documents: None,
        moves,
    })))
}
