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
/// chain runs in a circle (then the entry where it closes). Bounded by the
/// number of entries, so a circle ends it.
pub fn last_successor(kb: &KnowledgeBase, id: EntryId) -> (EntryId, bool) {
    let mut at = id;
    for _ in 0..=kb.entries.len() {
        match kb.entries[at].superseded_by {
            Some(next) => at = next,
            None => return (at, false),
        }
    }
    (at, true)
}

/// [`last_successor`] of every entry at once, in time linear in the
/// number of entries (each chain is walked once).
fn ends(kb: &KnowledgeBase) -> Vec<(EntryId, bool)> {
    let count = kb.entries.len();
    let mut ends: Vec<Option<(EntryId, bool)>> = vec![None; count];
    let mut on_path = vec![false; count];
    for start in 0..count {
        let mut path = Vec::new();
        let mut at = start;
        let found = loop {
            if let Some(found) = ends[at] {
                break found;
            }
            if on_path[at] {
                break (at, true);
            }
            on_path[at] = true;
            path.push(at);
            match kb.entries[at].superseded_by {
                Some(next) => at = next,
                None => break (at, false),
            }
        };
        for id in path {
            ends[id] = Some(found);
            on_path[id] = false;
        }
    }
    ends.into_iter().enumerate().map(|(id, end)| end.unwrap_or((id, false))).collect()
}

/// The lifecycle checks on front matter: successor chains and cycles,
/// typed links to deprecated entries, reviews overdue.
pub(crate) fn check(kb: &KnowledgeBase, documents: &[Document], config: &SiteConfig, diagnostics: &mut Diagnostics) {
    // Both report only about successors or deprecated entries: most sites
    // have none, and looking every typed link up costs milliseconds that
    // `serve` pays after each front matter edit.
    if kb.entries.iter().any(|e| e.superseded_by.is_some()) {
        chains(kb, documents, diagnostics);
    }
    if kb.entries.iter().any(|e| e.status == Status::Deprecated) {
        typed_links_to_deprecated(kb, documents, diagnostics);
    }
    if let Some(limit) = config.review_every_days {
        overdue(kb, documents, limit, today(), diagnostics);
    }
}

fn chains(kb: &KnowledgeBase, documents: &[Document], diagnostics: &mut Diagnostics) {
    let ends = ends(kb);
    let mut circles: std::collections::BTreeMap<EntryId, std::collections::BTreeSet<EntryId>> = Default::default();
    let mut reported = std::collections::BTreeSet::new();
    for (id, entry) in kb.entries.iter().enumerate() {
        let Some(next) = entry.superseded_by.filter(|&n| n != id) else { continue };
        let document = &documents[entry.document];
        let name = successor_name(document).unwrap_or("");
        let (last, circle) = ends[id];
        if circle {
            // Reported once per circle, at its entry with the smallest id;
            // entries whose chain only runs into it are not members.
            // Every entry of one circle has the same `last`: its members are found once.
            let members = circles.entry(last).or_insert_with(|| circle_members(kb, last));
            if members.contains(&id) && reported.insert(last) {
                let first = *members.iter().min().unwrap_or(&id);
                let first_entry = &kb.entries[first];
                let mut titles = vec![first_entry.title.as_str()];
                let mut at = first_entry.superseded_by.unwrap_or(first);
                while at != first && titles.len() <= members.len() {
                    titles.push(kb.entries[at].title.as_str());
                    at = kb.entries[at].superseded_by.unwrap_or(first);
                }
                let message =
                    format!("`superseded_by` runs in a circle: {} → {}", titles.join(" → "), first_entry.title);
                let first_document = &documents[first_entry.document];
                let first_name = successor_name(first_document).unwrap_or("");
                let d = report(first_document, Code::SupersededCycle, "superseded_by", first_name, message);
                diagnostics
                    .push(d.suggest("the newest entry of the circle is the live one: remove its `superseded_by`"));
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

/// The entries of the circle that `member` is on.
fn circle_members(kb: &KnowledgeBase, member: EntryId) -> std::collections::BTreeSet<EntryId> {
    let mut members = std::collections::BTreeSet::from([member]);
    let mut at = kb.entries[member].superseded_by;
    while let Some(next) = at.filter(|n| members.insert(*n)) {
        at = kb.entries[next].superseded_by;
    }
    members
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
