//! Site-wide warnings a reviewer wants: orphans, one-sided contrasts, roles
//! without facets, entries without sources, stale dates, copied summaries.

use super::dates::{parse_date, today};
use super::entries::{report, report_edge};
use super::model::KnowledgeBase;
use crate::config::SiteConfig;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::load::Document;
use foldhash::HashMap;
use rayon::prelude::*;
use std::collections::BTreeSet;

/// The site-wide checks that need bodies resolved.
pub(crate) fn bodies(kb: &KnowledgeBase, documents: &[Document], diagnostics: &mut Diagnostics) {
    orphans(kb, documents, diagnostics);
}

/// The site-wide checks on front matter alone.
pub(crate) fn front(kb: &KnowledgeBase, documents: &[Document], config: &SiteConfig, diagnostics: &mut Diagnostics) {
    one_sided(kb, documents, config, diagnostics);
    completeness(kb, documents, config, diagnostics);
    duplicate_summaries(kb, documents, diagnostics);
    typed_links_to_drafts(kb, documents, config, diagnostics);
}

fn at_start(document: &Document, code: Code, message: String) -> Diagnostic {
    Diagnostic::new(code, document.source.path.clone(), message).at_offset(
        &document.source.index,
        &document.source.text,
        0,
        3,
    )
}

// Reverse links make every relation and mention visible from both ends, so
// an entry is an orphan only when no relation, mention or comparison
// involves it: then no page but the lists leads to it.
pub(crate) fn orphans(kb: &KnowledgeBase, documents: &[Document], diagnostics: &mut Diagnostics) {
    let mut linked = vec![false; kb.entries.len()];
    for edge in &kb.edges {
        linked[edge.from] = true;
        linked[edge.to] = true;
    }
    for (id, entry) in kb.entries.iter().enumerate() {
        for &from in &entry.mentioned_in {
            linked[from] = true;
            linked[id] = true;
        }
    }
    for comparison in &kb.comparisons {
        for &id in &comparison.entries {
            linked[id] = true;
        }
    }
    for entry in kb.entries.iter().zip(&linked).filter(|(e, &l)| !l && !e.draft).map(|(e, _)| e) {
        let message = format!("nothing links to `{}`", entry.title);
        let d = at_start(&documents[entry.document], Code::Orphan, message);
        diagnostics.push(d.suggest("link it from a related entry, in `links:` or with [[…]] in a body"));
    }
}

fn one_sided(kb: &KnowledgeBase, documents: &[Document], config: &SiteConfig, diagnostics: &mut Diagnostics) {
    let mutual = |relation: usize| config.relations[relation].require_mutual;
    let declared: BTreeSet<(usize, usize, usize)> =
        kb.edges.iter().filter(|e| mutual(e.relation)).map(|e| (e.relation, e.from, e.to)).collect();
    for &(relation, from, to) in &declared {
        let def = &config.relations[relation];
        if declared.contains(&(relation, to, from)) {
            continue;
        }
        let (a, b) = (&kb.entries[from], &kb.entries[to]);
        let message =
            format!("`{}` lists `{}` under `{}`, but `{}` does not list it back", a.title, b.slug, def.key, b.title);
        let d = report_edge(&documents[a.document], kb, Code::ContrastNotMutual, &def.key, to, message);
        let path = &documents[b.document].source.path;
        diagnostics.push(d.suggest(format!("add `{}: [{}]` to {path}", def.key, a.slug)));
    }
}

fn completeness(kb: &KnowledgeBase, documents: &[Document], config: &SiteConfig, diagnostics: &mut Diagnostics) {
    let today = today();
    for entry in &kb.entries {
        let document = &documents[entry.document];
        if document.front.is_none() {
            continue;
        }
        let is_role = config.kind(&entry.kind).is_some_and(|k| k.role);
        let missing: Vec<&str> =
            config.facets.iter().filter(|f| !entry.facets.contains_key(&f.key)).map(|f| f.key.as_str()).collect();
        if is_role && !missing.is_empty() {
            let message = format!("role `{}` has no {} facet(s)", entry.title, missing.join(", "));
            let d = report(document, Code::MissingFacets, "facets", "", message);
            diagnostics.push(d.suggest("fill every facet so comparison pages have no gaps"));
        }
        if entry.sources.is_empty() {
            let message = format!("`{}` cites no sources", entry.title);
            diagnostics
                .push(at_start(document, Code::MissingSources, message).suggest("add `sources:` with title and url"));
        }
        stale(entry.updated.as_deref(), today, config, document, diagnostics);
    }
}

fn stale(updated: Option<&str>, today: i64, config: &SiteConfig, document: &Document, diagnostics: &mut Diagnostics) {
    let (Some(limit), Some(date)) = (config.stale_after_days, updated.and_then(parse_date)) else { return };
    let age = today - date;
    if age > i64::from(limit) {
        let message = format!("last updated {age} days ago (site.toml stale_after_days = {limit})");
        let d = report(document, Code::Stale, "updated", updated.unwrap_or(""), message);
        diagnostics.push(d.suggest("review the entry and bump `updated`"));
    }
}

fn duplicate_summaries(kb: &KnowledgeBase, documents: &[Document], diagnostics: &mut Diagnostics) {
    let keys: Vec<String> = kb.entries.par_iter().map(|e| e.summary.to_lowercase()).collect();
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity_and_hasher(keys.len(), Default::default());
    for (id, (entry, key)) in kb.entries.iter().zip(&keys).enumerate() {
        if entry.summary.is_empty() {
            continue;
        }
        match seen.get(key.as_str()) {
            Some(&first) => {
                let other = &documents[kb.entries[first].document].source.path;
                let message = format!("the same summary as {other}");
                let document = &documents[entry.document];
                let d = report(document, Code::DuplicateSummary, "summary", "", message);
                diagnostics.push(d.suggest("say what is specific to this entry"));
            }
            None => {
                seen.insert(key, id);
            }
        }
    }
}

fn typed_links_to_drafts(
    kb: &KnowledgeBase,
    documents: &[Document],
    config: &SiteConfig,
    diagnostics: &mut Diagnostics,
) {
    for edge in &kb.edges {
        let (from, to) = (&kb.entries[edge.from], &kb.entries[edge.to]);
        if from.draft == to.draft {
            continue;
        }
        let (published, draft) = if from.draft { (to, from) } else { (from, to) };
        let key = &config.relations[edge.relation].key;
        let what = match draft.status {
            crate::config::Status::Proposed if config.approved_only => "proposed entry (left out: approved only)",
            _ => "draft",
        };
        let message = format!("`{key}` relates `{}` to the {what} `{}`", published.title, draft.slug);
        let target = if from.draft { edge.from } else { edge.to };
        let document = &documents[published.document];
        let d = report_edge(document, kb, Code::LinkToDraft, key, target, message);
        diagnostics.push(d.suggest("publish the draft, or remove the relation until it is ready"));
    }
}
