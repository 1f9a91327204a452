//! Stage 2, raw → typed graph: every cross-reference check lives here.
//!
//! 1. front matter → entries (slugs, kinds, facets, dates checked);
//! 2. the name index (slug, title, abbr, alias), collisions reported;
//! 3. typed `links:` → edges, checked against the relation rules;
//! 4. comparisons, hand-written and generated;
//! 5. reverse-link groups per entry, the site-wide warnings on front matter
//!    (`moved_from:` slugs too);
//! 6. body links resolved, anchors checked, image and file references
//!    checked against the site's files ([`assets`]), "Mentioned in"
//!    collected, then the warnings that need them (orphans, unused assets).
//!
//! Steps 1–5 ([`resolve_front`]) read no body, so `serve` reuses their
//! result after an edit that changed only prose and patches step 6's
//! ([`prose_edit`]).

pub mod assets;
mod bodies;

mod checks;
mod compare;
mod confusable;
pub mod dates;
mod entries;
pub mod lifecycle;
mod link_position;
pub mod model;
mod moved;
mod names;
mod patch;
mod patch_bodies;
mod patch_moves;
mod relations;
mod start_here;
mod title_order;

pub use bodies::find_anchor;
pub use model::{
    Comparison, Decision, Edge, Entry, EntryId, FeaturedRef, Heading, KnowledgeBase, Part, Prose, RelationGroup,
    Source, StartHere, Status,
};
pub use patch::{entry_edit, Patched};
pub use patch_bodies::{prose_edit, ProsePatched};
pub use patch_moves::{files_moved, Moved};

use crate::config::SiteConfig;
use crate::diag::{Code, Diagnostics};
use crate::load::{Document, FrontMatter, Loaded};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Resolves a loaded site into a knowledge base. Never fails: problems are
/// diagnostics, and the knowledge base holds whatever could be resolved.
pub fn resolve(loaded: &Loaded, include_drafts: bool, diagnostics: &mut Diagnostics) -> KnowledgeBase {
    let front = resolve_front(loaded, include_drafts, diagnostics);
    complete(front, &loaded.documents, diagnostics)
}

/// What resolving front matter and file names gives: the knowledge base
/// without anything read from bodies (headings, "Mentioned in"). An edit
/// that leaves every front matter as it was leaves this as it was, so
/// `serve` keeps it and only runs [`complete`] again.
#[derive(Debug, Clone, Default)]
pub struct Front {
    /// Entries, names, typed edges grouped both ways, comparisons.
    pub kb: KnowledgeBase,
    /// Documents holding hand-written comparisons.
    pub comparison_documents: Vec<usize>,
}

/// Steps 1–3, 5 and 6 of the module doc: everything but the bodies, with
/// the site-wide checks that need no body.
pub fn resolve_front(loaded: &Loaded, include_drafts: bool, diagnostics: &mut Diagnostics) -> Front {
    let front = resolve_structure(loaded, include_drafts, diagnostics);
    check_links(&front.kb, &loaded.documents, &loaded.config, diagnostics);
    check_front(&front.kb, &loaded.documents, &loaded.config, diagnostics);
    front
}

/// [`resolve_front`] without the checks of typed links against the
/// relation rules ([`check_links`]) and the site-wide checks
/// ([`check_front`]), which `serve` runs again alone after an edit
/// [`entry_edit`] could patch.
pub fn resolve_structure(loaded: &Loaded, include_drafts: bool, diagnostics: &mut Diagnostics) -> Front {
    let config = &loaded.config;
    let documents = &loaded.documents;
    let (entries, links, comparison_docs) = build_entries(documents, config, diagnostics);
    let claims: Vec<names::Claim<'_>> = entries
        .iter()
        .map(|e| names::Claim {
            slug: &e.slug,
            title: Some(e.title.as_str()),
            abbr: e.abbr.as_deref(),
            aliases: &e.aliases,
            document: &documents[e.document],
        })
        .collect();
    let (slugs, names) = names::index(&claims, diagnostics);
    let files = loaded.files.clone();
    let trust_html = config.trust_html;
    let mut kb = KnowledgeBase { entries, slugs, names, include_drafts, trust_html, files, ..KnowledgeBase::default() };
    lifecycle::successors(&mut kb, documents, diagnostics);
    kb.edges = typed_edges(&kb, &links, documents, config, diagnostics);
    kb.comparisons = comparisons(&kb, documents, &comparison_docs, config, diagnostics);
    relations::group(&mut kb.entries, &kb.edges, config);
    for (index, comparison) in kb.comparisons.iter().enumerate() {
        for &id in &comparison.entries {
            kb.entries[id].comparisons.push(index);
        }
    }
    Front { kb, comparison_documents: comparison_docs.iter().map(|&(i, _)| i).collect() }
}

/// The relation rules (kinds at both ends, most targets) for every edge.
pub fn check_links(kb: &KnowledgeBase, documents: &[Document], config: &SiteConfig, diagnostics: &mut Diagnostics) {
    relations::check_rules(&kb.edges, &kb.entries, documents, config, diagnostics);
}

/// The site-wide warnings on front matter: one-sided contrasts, missing
/// facets and sources, stale dates, copied summaries, links to drafts.
pub fn check_front(kb: &KnowledgeBase, documents: &[Document], config: &SiteConfig, diagnostics: &mut Diagnostics) {
    checks::front(kb, documents, config, diagnostics);
    lifecycle::check(kb, documents, config, diagnostics);
    moved::check(kb, documents, diagnostics);
    confusable::check(kb, documents, diagnostics);
    start_here::resolve(kb, config, diagnostics);
}

/// The home page's "Start here" items (site.toml `[[start_here]]`) whose
/// targets exist and are published, in order; [`check_front`] reports the rest.
pub fn start_here(kb: &KnowledgeBase, config: &SiteConfig) -> Vec<StartHere> {
    start_here::resolve(kb, config, &mut Diagnostics::new())
}

/// Step 6: body links resolved, anchors checked, "Mentioned in" collected,
/// then the checks that need them.
pub fn complete(front: Front, documents: &[Document], diagnostics: &mut Diagnostics) -> KnowledgeBase {
    let mut kb = front.kb;
    complete_in_place(&mut kb, &front.comparison_documents, documents, diagnostics);
    kb
}

/// [`complete`] on a knowledge base that holds no body facts (as
/// [`resolve_front`] gives it).
pub fn complete_in_place(
    kb: &mut KnowledgeBase,
    comparison_documents: &[usize],
    documents: &[Document],
    diagnostics: &mut Diagnostics,
) {
    bodies::resolve(kb, documents, comparison_documents, diagnostics);
    checks::bodies(kb, documents, diagnostics);
    assets::unused(&kb.files, documents, diagnostics);
}

/// After entry `id`'s draft flag changed (and nothing else that bodies
/// read): the body link diagnostics of the bodies that can report it
/// (those linking to it, its own, the comparisons') found again, in place
/// of theirs in `diagnostics`. Cheaper than [`complete_in_place`], which
/// would give the same.
pub fn recheck_draft_links(
    kb: &KnowledgeBase,
    id: EntryId,
    comparison_documents: &[usize],
    documents: &[Document],
    diagnostics: &mut Diagnostics,
) {
    let Some(entry) = kb.entries.get(id) else { return };
    let mut owners: Vec<(Option<EntryId>, usize)> = vec![(Some(id), entry.document)];
    owners.extend(entry.mentioned_in.iter().map(|&m| (Some(m), kb.entries[m].document)));
    owners.extend(comparison_documents.iter().map(|&d| (None, d)));
    let files: std::collections::BTreeSet<&str> =
        owners.iter().filter_map(|&(_, d)| documents.get(d)).map(|d| d.source.path.as_str()).collect();
    // Orphan warnings are found with the bodies but not by `recheck`: they
    // stay (at a file's start, no edit moves them; `recheck_orphans` redoes them).
    diagnostics.retain(|d| d.code == crate::diag::Code::Orphan || !files.contains(d.file.as_str()));
    diagnostics.extend(bodies::recheck(kb, documents, &owners));
}

/// The orphan warnings found again, in place of those in `diagnostics`
/// (for `serve`, after a patch changed edges or a draft flag).
pub fn recheck_orphans(kb: &KnowledgeBase, documents: &[Document], diagnostics: &mut Diagnostics) {
    diagnostics.retain(|d| d.code != crate::diag::Code::Orphan);
    checks::orphans(kb, documents, diagnostics);
}

/// What [`complete`] adds to an entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyFacts {
    /// Its headings.
    pub headings: Vec<Heading>,
    /// The entries whose bodies link to it.
    pub mentioned_in: Vec<EntryId>,
}

type RawLinks<'a> = Option<&'a BTreeMap<String, crate::load::raw::OneOrMany>>;
type ComparisonDocs<'a> = Vec<(usize, &'a crate::load::raw::RawComparison)>;

fn build_entries<'a>(
    documents: &'a [Document],
    config: &SiteConfig,
    diagnostics: &mut Diagnostics,
) -> (Vec<Entry>, Vec<RawLinks<'a>>, ComparisonDocs<'a>) {
    // Documents are independent: build them in parallel, each with its own
    // diagnostics, merged back in document order.
    let results: Vec<(Option<(Entry, RawLinks<'a>)>, Diagnostics)> = documents
        .par_iter()
        .enumerate()
        .map(|(index, document)| {
            let mut local = Diagnostics::new();
            let built = match &document.front {
                Some(FrontMatter::Comparison(_)) => None,
                Some(FrontMatter::Entry(raw)) => {
                    Some((entries::build(index, document, Some(raw), config, &mut local), raw.links.as_ref()))
                }
                None => Some((entries::build(index, document, None, config, &mut local), None)),
            };
            (built, local)
        })
        .collect();
    let mut built: Vec<(Entry, RawLinks<'a>)> = Vec::with_capacity(results.len());
    for (entry, local) in results {
        diagnostics.extend(local);
        built.extend(entry);
    }
    let comparison_docs = comparison_documents(documents);
    // Slug order makes ids, and so every list built from them, deterministic.
    built.par_sort_by(|(a, _), (b, _)| a.slug.cmp(&b.slug).then(a.document.cmp(&b.document)));
    let (entries, links) = built.into_iter().unzip();
    (entries, links, comparison_docs)
}

/// The documents holding hand-written comparisons, with their front matter.
fn comparison_documents(documents: &[Document]) -> ComparisonDocs<'_> {
    documents
        .iter()
        .enumerate()
        .filter_map(|(index, document)| match &document.front {
            Some(FrontMatter::Comparison(raw)) => Some((index, raw.as_ref())),
            _ => None,
        })
        .collect()
}

fn typed_edges(
    kb: &KnowledgeBase,
    links: &[RawLinks<'_>],
    documents: &[Document],
    config: &SiteConfig,
    diagnostics: &mut Diagnostics,
) -> Vec<Edge> {
    let found: Vec<(Vec<Edge>, Diagnostics)> = links
        .par_iter()
        .enumerate()
        .map(|(id, links)| {
            let mut local = Diagnostics::new();
            let edges = match links {
                Some(links) => {
                    let document = &documents[kb.entries[id].document];
                    relations::edges_of(id, links, document, kb, config, &mut local)
                }
                None => Vec::new(),
            };
            (edges, local)
        })
        .collect();
    let mut edges = Vec::new();
    for (found, local) in found {
        edges.extend(found);
        diagnostics.extend(local);
    }
    edges.sort_unstable();
    edges.dedup();
    edges
}

fn comparisons(
    kb: &KnowledgeBase,
    documents: &[Document],
    comparison_docs: &[(usize, &crate::load::raw::RawComparison)],
    config: &SiteConfig,
    diagnostics: &mut Diagnostics,
) -> Vec<Comparison> {
    let mut list: Vec<Comparison> = comparison_docs
        .iter()
        .map(|&(index, raw)| compare::hand_written(index, &documents[index], raw, kb, config, diagnostics))
        .collect();
    list.sort_by(|a, b| a.slug.cmp(&b.slug).then(a.document.cmp(&b.document)));
    for pair in list.windows(2) {
        if pair[0].slug == pair[1].slug {
            let (first, second) = (pair[0].document.unwrap_or(0), pair[1].document.unwrap_or(0));
            let message = format!(
                "comparison slug `{}` is used by both {} and {}",
                pair[0].slug, documents[first].source.path, documents[second].source.path
            );
            diagnostics.push(crate::diag::Diagnostic::new(
                Code::DuplicateSlug,
                documents[second].source.path.clone(),
                message,
            ));
        }
    }
    warn_duplicate_sets(&list, documents, diagnostics);
    let mut generated = compare::generated(kb, &kb.edges, config, &list);
    compare::check_generated_names(&mut generated, kb, documents, diagnostics);
    list.extend(generated);
    list.sort_by(|a, b| a.slug.cmp(&b.slug).then(a.document.cmp(&b.document)));
    list
}

fn warn_duplicate_sets(list: &[Comparison], documents: &[Document], diagnostics: &mut Diagnostics) {
    let mut seen: BTreeMap<Vec<EntryId>, usize> = BTreeMap::new();
    for comparison in list {
        let mut set = comparison.entries.clone();
        set.sort_unstable();
        let Some(document) = comparison.document else { continue };
        if let Some(&first) = seen.get(&set) {
            let message = format!("compares the same entries as {}", documents[first].source.path);
            diagnostics.push(crate::diag::Diagnostic::new(
                Code::DuplicateComparison,
                documents[document].source.path.clone(),
                message,
            ));
        } else {
            seen.insert(set, document);
        }
    }
}
