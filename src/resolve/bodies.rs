//! Body links: every `[[wikilink]]` and `[text](x.md)` resolved against the
//! name index, anchors checked against the target's headings, and the
//! "Mentioned in" reverse links collected.

use super::model::{EntryId, Heading, KnowledgeBase, Status};
use super::relations::closest_entry;
use super::title_order::TitleOrder;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::load::Document;
use crate::markdown::links::{FoundLink, LinkDest};
use crate::markdown::{raw_html, Note, NoteKind};
use crate::slug::slugify;
use rayon::prelude::*;

/// Most link diagnostics reported for one file; the rest are counted in one
/// summary, so a body with 100 000 broken links costs no more than 100.
const MAX_LINK_DIAGNOSTICS: usize = 100;

/// Link diagnostics of one file, built only while under the limit.
struct Budget<'d> {
    diagnostics: &'d mut Diagnostics,
    left: usize,
    dropped: std::collections::BTreeMap<Code, usize>,
}

impl<'d> Budget<'d> {
    fn new(diagnostics: &'d mut Diagnostics) -> Self {
        Budget { diagnostics, left: MAX_LINK_DIAGNOSTICS, dropped: Default::default() }
    }

    fn push(&mut self, code: Code, make: impl FnOnce() -> Diagnostic) {
        if self.left == 0 {
            *self.dropped.entry(code).or_insert(0) += 1;
        } else {
            self.left -= 1;
            self.diagnostics.push(make());
        }
    }

    /// Reports how many were left out, one summary per code (so `[rules]`
    /// levels apply to it as to the ones listed).
    fn finish(self, path: &str) {
        for (code, count) in self.dropped {
            let message = format!("{count} more `{code}` problems in this file are not listed");
            self.diagnostics
                .push(Diagnostic::new(code, path, message).suggest("fix the ones listed, then check again"));
        }
    }
}

/// A link to an entry found in some body, kept until every heading is known.
struct PendingAnchor<'a> {
    document: usize,
    offset: usize,
    target: EntryId,
    fragment: &'a str,
}

/// What checking one body found.
#[derive(Default)]
struct Checked<'a> {
    mentions: Vec<(EntryId, EntryId)>,
    pending: Vec<PendingAnchor<'a>>,
    diagnostics: Diagnostics,
}

/// Resolves the bodies of all entries and of the given comparison documents.
/// Fills `headings` and `mentioned_in`; returns nothing else.
pub(crate) fn resolve(
    kb: &mut KnowledgeBase,
    documents: &[Document],
    comparison_docs: &[usize],
    diagnostics: &mut Diagnostics,
) {
    let mut owners: Vec<(Option<EntryId>, usize)> =
        kb.entries.iter().enumerate().map(|(id, e)| (Some(id), e.document)).collect();
    owners.extend(comparison_docs.iter().map(|&d| (None, d)));
    let checked = check_bodies(kb, documents, &owners);
    let mut mentions: Vec<(EntryId, EntryId)> = Vec::new();
    let mut pending = Vec::new();
    for one in checked {
        mentions.extend(one.mentions);
        pending.extend(one.pending);
        diagnostics.extend(one.diagnostics);
    }
    kb.entries.par_iter_mut().for_each(|entry| {
        let document = &documents[entry.document];
        entry.headings = document.parsed.headings.clone();
        entry.prose.body = document.parsed.clone();
    });
    for comparison in &mut kb.comparisons {
        if let (Some(d), Some(prose)) = (comparison.document, comparison.prose.as_mut()) {
            prose.body = documents[d].parsed.clone();
        }
    }
    check_anchors(kb, documents, &pending, diagnostics);
    mentions.par_sort_unstable();
    mentions.dedup();
    for (from, to) in mentions {
        kb.entries[to].mentioned_in.push(from);
    }
    let order = TitleOrder::of(&kb.entries);
    kb.entries.par_iter_mut().for_each(|entry| order.sort(&mut entry.mentioned_in));
}

/// Checks the links of each owner's body (an entry's, or with `None` a
/// comparison's). Bodies are independent: checked in parallel, each with
/// its own diagnostics, merged back in order.
fn check_bodies<'d>(
    kb: &KnowledgeBase,
    documents: &'d [Document],
    owners: &[(Option<EntryId>, usize)],
) -> Vec<Checked<'d>> {
    owners
        .par_iter()
        .filter(|(_, document)| *document < documents.len())
        .map(|&(owner, document)| {
            let doc = &documents[document];
            let mut checked = Checked::default();
            let mut budget = Budget::new(&mut checked.diagnostics);
            for link in &doc.parsed.links {
                check_link(kb, owner, document, doc, link, &mut checked.mentions, &mut checked.pending, &mut budget);
            }
            super::assets::check_body(&kb.files, doc, &mut |make| budget.push(Code::BrokenAsset, make));
            for note in &doc.parsed.notes {
                report_note(doc, note, kb.trust_html, &mut budget);
            }
            budget.finish(&doc.source.path);
            checked
        })
        .collect()
}

/// The link and anchor diagnostics of the given owners' bodies alone, on a
/// knowledge base whose headings are known (for `serve`, after an edit that
/// can change only what these bodies report).
pub(crate) fn recheck(kb: &KnowledgeBase, documents: &[Document], owners: &[(Option<EntryId>, usize)]) -> Diagnostics {
    recheck_with_mentions(kb, documents, owners).1
}

/// [`recheck`], with the (from, to) mentions these bodies make, sorted and
/// without repeats.
pub(crate) fn recheck_with_mentions(
    kb: &KnowledgeBase,
    documents: &[Document],
    owners: &[(Option<EntryId>, usize)],
) -> (Vec<(EntryId, EntryId)>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let mut pending = Vec::new();
    let mut mentions = Vec::new();
    for one in check_bodies(kb, documents, owners) {
        mentions.extend(one.mentions);
        pending.extend(one.pending);
        diagnostics.extend(one.diagnostics);
    }
    check_anchors(kb, documents, &pending, &mut diagnostics);
    mentions.sort_unstable();
    mentions.dedup();
    (mentions, diagnostics)
}

#[allow(clippy::too_many_arguments)]
fn check_link<'a>(
    kb: &KnowledgeBase,
    owner: Option<EntryId>,
    document: usize,
    doc: &Document,
    link: &'a FoundLink,
    mentions: &mut Vec<(EntryId, EntryId)>,
    pending: &mut Vec<PendingAnchor<'a>>,
    diagnostics: &mut Budget<'_>,
) {
    let offset = doc.body + link.range.start;
    let at = |d: Diagnostic, width: usize| d.at_offset(&doc.source.index, &doc.source.text, offset, width);
    let width = link.range.len().min(200);
    match link.destination() {
        LinkDest::Entry { name, fragment } => {
            let Some(target) = kb.lookup(name) else {
                diagnostics.push(Code::BrokenLink, || {
                    let d =
                        Diagnostic::new(Code::BrokenLink, doc.source.path.clone(), format!("no entry named `{name}`"));
                    at(d, width).maybe_suggest(closest_entry(name, kb))
                });
                return;
            };
            let published_here = owner.is_none_or(|o| !kb.entries[o].draft);
            if published_here && !kb.is_published(target) {
                diagnostics.push(Code::LinkToDraft, || {
                    let what = match kb.entries[target].status {
                        Status::Proposed => "not published (a draft, or proposed on an approved-only site)",
                        _ => "a draft",
                    };
                    let message = format!("`{name}` is {what}: the link is shown as plain text");
                    at(Diagnostic::new(Code::LinkToDraft, doc.source.path.clone(), message), width)
                });
            }
            if super::lifecycle::warns_about(kb, owner, target) {
                diagnostics.push(Code::LinkToDeprecated, || {
                    let message = format!("`{name}` is deprecated");
                    let d = Diagnostic::new(Code::LinkToDeprecated, doc.source.path.clone(), message);
                    at(d, width).suggest(super::lifecycle::successor_hint(kb, target))
                });
            }
            if let Some(from) = owner.filter(|&o| o != target) {
                mentions.push((from, target));
            }
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                pending.push(PendingAnchor { document, offset, target, fragment });
            }
        }
        LinkDest::SamePage(fragment) => {
            if let Some(target) = owner.filter(|_| !fragment.is_empty()) {
                pending.push(PendingAnchor { document, offset, target, fragment });
            }
        }
        LinkDest::Unsafe => {
            diagnostics.push(Code::UnsafeUrl, || {
                let message = format!("unsafe link `{}` removed", link.dest.chars().take(60).collect::<String>());
                let d = Diagnostic::new(Code::UnsafeUrl, doc.source.path.clone(), message);
                at(d, width).suggest("links may not use javascript:, vbscript: or data: URLs")
            });
        }
        LinkDest::Other => {}
    }
}

/// What the page shows less of than the body says: raw HTML the
/// allow-list drops (unless the site trusts raw HTML), script image URLs.
fn report_note(doc: &Document, note: &Note, trust_html: bool, diagnostics: &mut Budget<'_>) {
    let offset = doc.body + note.range.start;
    let width = note.range.len().clamp(1, 200);
    let at = |d: Diagnostic| d.at_offset(&doc.source.index, &doc.source.text, offset, width);
    match &note.kind {
        NoteKind::RawHtml { .. } if trust_html => {}
        NoteKind::RawHtml { name, closed } => diagnostics.push(Code::RawHtmlRemoved, || {
            let (message, hint) = match (closed, raw_html::swallows(name)) {
                (false, _) => (
                    format!("unclosed `<{name}>` removed; the text after it is kept"),
                    format!("close it with `</{name}>`, or write the text without it"),
                ),
                (true, true) => (
                    format!("raw `<{name}>` element removed with its content"),
                    "raw HTML is limited to an allow-list; set `trust_html = true` in site.toml to keep it".to_owned(),
                ),
                (true, false) => (
                    format!("raw `<{name}>` tag removed (its text is kept)"),
                    "raw HTML is limited to an allow-list; set `trust_html = true` in site.toml to keep it".to_owned(),
                ),
            };
            at(Diagnostic::new(Code::RawHtmlRemoved, doc.source.path.clone(), message)).suggest(hint)
        }),
        NoteKind::UnsafeImage { dest } => diagnostics.push(Code::UnsafeUrl, || {
            let message = format!("unsafe image URL `{}` removed", dest.chars().take(60).collect::<String>());
            let d = Diagnostic::new(Code::UnsafeUrl, doc.source.path.clone(), message);
            at(d).suggest("images may not use javascript:, vbscript: or data: URLs")
        }),
    }
}

/// The anchor a `#fragment` refers to on an entry, if it has that heading.
pub fn find_anchor<'h>(headings: &'h [Heading], fragment: &str) -> Option<&'h str> {
    let wanted = slugify(fragment);
    headings
        .iter()
        .find(|h| h.anchor == fragment || h.anchor == wanted || h.text.eq_ignore_ascii_case(fragment))
        .map(|h| h.anchor.as_str())
}

fn check_anchors(
    kb: &KnowledgeBase,
    documents: &[Document],
    pending: &[PendingAnchor<'_>],
    diagnostics: &mut Diagnostics,
) {
    for group in pending.chunk_by(|a, b| a.document == b.document) {
        let path = &documents[group[0].document].source.path;
        let mut budget = Budget::new(diagnostics);
        for link in group {
            check_anchor(kb, documents, link, &mut budget);
        }
        budget.finish(path);
    }
}

fn check_anchor(kb: &KnowledgeBase, documents: &[Document], link: &PendingAnchor<'_>, diagnostics: &mut Budget<'_>) {
    let target = &kb.entries[link.target];
    if find_anchor(&target.headings, link.fragment).is_some() {
        return;
    }
    diagnostics.push(Code::BrokenAnchor, || {
        let doc = &documents[link.document];
        let message = format!("`{}` has no heading `{}`", target.title, link.fragment);
        let names: Vec<&str> = target.headings.iter().map(|h| h.text.as_str()).collect();
        let hint = crate::diag::suggest::closest(link.fragment, names.iter().copied())
            .map(|h| format!("did you mean `#{h}`?"))
            .unwrap_or_else(|| {
                format!("headings there: {}", if names.is_empty() { "none".into() } else { names.join(", ") })
            });
        let d = Diagnostic::new(Code::BrokenAnchor, doc.source.path.clone(), message).at_offset(
            &doc.source.index,
            &doc.source.text,
            link.offset,
            link.fragment.len() + 2,
        );
        d.suggest(hint)
    });
}
