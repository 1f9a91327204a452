//! Lifecycle and review: `superseded_by` resolved like a link, chains and
//! cycles of successors, links from live entries to deprecated ones, and
//! entries overdue for review by their owners.

use super::dates::{parse_date, today};
use super::entries::report;
use super::model::{EntryId, KnowledgeBase, Status};
use super::relations::broken_link;
use crate::config::SiteConfig;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::load::{Document, FrontMatter};

/// The `superseded_by` name an entry's front matter gives, if any.
fn successor_name(document: &Document) -> Option<&str> {
    match &document.front {
        Some(FrontMatter::Entry(raw)) => raw.superseded_by.as_deref().map(str::trim).filter(|n| !n.is_empty()),
        _ => None,
    }
}

/// Resolves every entry's `superseded_by` against the name index.
pub(crate) fn successors(kb: &mut KnowledgeBase, documents: &[Document], diagnostics: &mut Diagnostics) {
    for id in 0..kb.entries.len() {
        let document = &documents[kb.entries[id].document];
        let Some(name) = successor_name(document) else { continue };
        let Some(target) = kb.lookup(name) else {
            diagnostics.push(broken_link(document, "superseded_by", name, kb));
            continue;
        };
        let entry = &kb.entries[id];
        if target == id {
            let message = format!("`{}` is superseded by itself", entry.title);
            diagnostics.push(report(document, Code::SupersededCycle, "superseded_by", name, message));
            continue;
        }
        if entry.status != Status::Deprecated {
            let message = format!("`{}` names a successor but its status is `{}`", entry.title, entry.status.as_str());
            let d = report(document, Code::SupersededNotDeprecated, "superseded_by", name, message);
            diagnostics.push(d.suggest("add `status: deprecated`, or remove `superseded_by`"));
        }
        kb.entries[id].superseded_by = Some(target);
    }
}

/// The entry at the end of `id`'s chain of successors, and whether the
/// chain runs in a circle.
pub fn last_successor(kb: &KnowledgeBase, id: EntryId) -> (EntryId, bool) {
    let mut seen = vec![id];
    let mut at = id;
    while let Some(next) = kb.entries[at].superseded_by {
        if seen.contains(&next) {
            return (at, true);
        }
        seen.push(next);
        at = next;
    }
    (at, false)
}

/// The lifecycle checks on front matter: successor chains and cycles,
/// typed links to deprecated entries, reviews overdue.
pub(crate) fn check(kb: &KnowledgeBase, documents: &[Document], config: &SiteConfig, diagnostics: &mut Diagnostics) {
    chains(kb, documents, diagnostics);
    typed_links_to_deprecated(kb, documents, diagnostics);
    if let Some(limit) = config.review_every_days {
        overdue(kb, documents, limit, today(), diagnostics);
    }
}

fn chains(kb: &KnowledgeBase, documents: &[Document], diagnostics: &mut Diagnostics) {
    for (id, entry) in kb.entries.iter().enumerate() {
        let Some(next) = entry.superseded_by.filter(|&n| n != id) else { continue };
        let document = &documents[entry.document];
        let name = successor_name(document).unwrap_or("");
        let (last, circle) = last_successor(kb, id);
        if circle {
            // Reported once, at the cycle's entry with the smallest id.
            let mut members = vec![id];
            let mut at = next;
            while at != id && !members.contains(&at) {
                members.push(at);
                at = kb.entries[at].superseded_by.unwrap_or(at);
            }
            if at == id && members.iter().min() == Some(&id) {
                let titles: Vec<&str> = members.iter().map(|&m| kb.entries[m].title.as_str()).collect();
                let message = format!("`superseded_by` runs in a circle: {} → {}", titles.join(" → "), entry.title);
                let d = report(document, Code::SupersededCycle, "superseded_by", name, message);
                diagnostics.push(d.suggest("point the newest entry's successor nowhere: it should not be deprecated"));
            }
            continue;
        }
        if last != next {
            let message = format!(
                "`{}` is superseded by `{}`, which is itself superseded (last in the chain: `{}`)",
                entry.title, kb.entries[next].title, kb.entries[last].title
            );
            let d = report(document, Code::SupersededChain, "superseded_by", name, message);
            diagnostics.push(d.suggest(format!("write `superseded_by: {}`", kb.entries[last].slug)));
        } else if kb.entries[next].status == Status::Deprecated {
            let message =
                format!("`{}` is superseded by `{}`, which is deprecated too", entry.title, kb.entries[next].title);
            let d = report(document, Code::SupersededChain, "superseded_by", name, message);
            diagnostics.push(d.suggest("point `superseded_by` at a live entry"));
        }
    }
}

/// The hint of a link to deprecated entry `id`: its last successor.
pub fn successor_hint(kb: &KnowledgeBase, id: EntryId) -> String {
    match last_successor(kb, id) {
        (last, false) if last != id => format!("link to its successor `{}` instead", kb.entries[last].slug),
        _ => "remove the link, or link to the entry that replaces it".to_owned(),
    }
}

/// Whether a link from `owner` (an entry, or `None` for a comparison) to
/// `target` is a `link-to-deprecated`: the target is deprecated, and the
/// owner is neither deprecated itself nor the successor (which may well
/// say what it replaces).
pub(crate) fn warns_about(kb: &KnowledgeBase, owner: Option<EntryId>, target: EntryId) -> bool {
    if kb.entries[target].status != Status::Deprecated {
        return false;
    }
    match owner {
        None => true,
        Some(owner) => kb.entries[owner].status != Status::Deprecated && last_successor(kb, target).0 != owner,
    }
}

/// Typed links written by a live entry to a deprecated one.
fn typed_links_to_deprecated(kb: &KnowledgeBase, documents: &[Document], diagnostics: &mut Diagnostics) {
    for (id, entry) in kb.entries.iter().enumerate() {
        let document = &documents[entry.document];
        let Some(FrontMatter::Entry(raw)) = &document.front else { continue };
        for (key, targets) in raw.links.iter().flatten() {
            for name in targets.names() {
                let Some(target) = kb.lookup(name).filter(|&t| warns_about(kb, Some(id), t)) else {
                    continue;
                };
                let message = format!("`{key}` links to `{}`, which is deprecated", kb.entries[target].title);
                let d = report(document, Code::LinkToDeprecated, "links", name, message);
                diagnostics.push(d.suggest(successor_hint(kb, target)));
            }
        }
    }
}

fn overdue(kb: &KnowledgeBase, documents: &[Document], limit: u32, today: i64, diagnostics: &mut Diagnostics) {
    for entry in kb.entries.iter().filter(|e| e.status != Status::Deprecated && !e.draft) {
        let document = &documents[entry.document];
        if document.front.is_none() {
            continue;
        }
        let reviewed = entry.reviewed.as_deref();
        let d = match reviewed.and_then(parse_date) {
            Some(date) if today - date <= i64::from(limit) => continue,
            Some(date) => {
                let message = format!(
                    "`{}` was last reviewed {} days ago (site.toml review_every_days = {limit})",
                    entry.title,
                    today - date
                );
                report(document, Code::ReviewOverdue, "reviewed", reviewed.unwrap_or(""), message)
            }
            None => {
                let message =
                    format!("`{}` has never been reviewed (site.toml review_every_days = {limit})", entry.title);
                Diagnostic::new(Code::ReviewOverdue, document.source.path.clone(), message).at_offset(
                    &document.source.index,
                    &document.source.text,
                    0,
                    3,
                )
            }
        };
        let owners = if entry.owners.is_empty() { "its owners".to_owned() } else { entry.owners.join(", ") };
        diagnostics.push(d.suggest(format!("ask {owners} to review it, then set `reviewed:` to today's date")));
    }
}
