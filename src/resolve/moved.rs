//! `moved_from:` slugs: an old URL can redirect to one entry only, and
//! never while an entry lives there.

use super::entries::report;
use super::model::KnowledgeBase;
use crate::diag::{Code, Diagnostics};
use crate::load::Document;
use std::collections::BTreeMap;

/// `moved-from-conflict` errors: an old slug that is an entry's slug now,
/// or that an earlier entry (by slug) already moved from.
pub(crate) fn check(kb: &KnowledgeBase, documents: &[Document], diagnostics: &mut Diagnostics) {
    let mut claimed: BTreeMap<&str, usize> = BTreeMap::new();
    for (id, entry) in kb.entries.iter().enumerate() {
        let Some(document) = documents.get(entry.document) else { continue };
        for old in &entry.moved_from {
            let (message, hint) = if let Some(&live) = kb.slugs.get(old) {
                let other = &kb.entries[live];
                if live == id {
                    (format!("`{old}` is this entry's own slug"), "remove it from `moved_from`".to_owned())
                } else {
                    let path = documents.get(other.document).map_or("", |d| d.source.path.as_str());
                    (
                        format!("`{old}` is the slug of `{}` ({path}): its page cannot redirect", other.title),
                        "remove it from `moved_from`, or rename the other entry".to_owned(),
                    )
                }
            } else if let Some(&first) = claimed.get(old.as_str()) {
                let other = &kb.entries[first];
                let path = documents.get(other.document).map_or("", |d| d.source.path.as_str());
                (
                    format!("`{old}` is in the `moved_from` of `{}` ({path}) too", other.title),
                    "an old URL redirects to one entry: keep it in one `moved_from`".to_owned(),
                )
            } else {
                claimed.insert(old, id);
                continue;
            };
            diagnostics.push(report(document, Code::MovedFromConflict, "moved_from", old, message).suggest(hint));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diag::Code;

    fn codes(files: &[(&str, &str)]) -> Vec<(Code, String, usize)> {
        let mut diagnostics = crate::diag::Diagnostics::new();
        let documents: Vec<crate::load::Document> = files
            .iter()
            .map(|(name, text)| {
                crate::load::parse_document(
                    format!("content/{name}"),
                    (*name).to_owned(),
                    (*text).to_owned(),
                    &mut diagnostics,
                )
            })
            .collect();
        let loaded = crate::load::Loaded {
            root: Default::default(),
            config: crate::config::parse("[kinds]\nrole = \"Role\"\n", &mut diagnostics),
            documents,
            files: Default::default(),
        };
        let kb = crate::resolve::resolve(&loaded, false, &mut diagnostics);
        assert_eq!(
            kb.redirects().into_iter().map(|(s, id)| (s.to_owned(), id)).collect::<Vec<_>>(),
            [("old-a".to_owned(), 0)]
        );
        let found = diagnostics.finish(&Default::default());
        found
            .iter()
            .filter(|d| matches!(d.code, Code::MovedFromConflict | Code::InvalidSlug))
            .map(|d| (d.code, d.file.clone(), d.location.map_or(0, |l| l.line)))
            .collect()
    }

    #[test]
    fn reports_old_slugs_that_are_live_or_claimed_twice() {
        let entry = |moved: &str| format!("---\ntitle: T\nkind: role\nsummary: S.\nmoved_from: [{moved}]\n---\n");
        let found = codes(&[("a.md", &entry("old-a, b")), ("b.md", &entry("old-a, Bad Slug, b"))]);
        assert_eq!(
            found,
            [
                (Code::MovedFromConflict, "content/a.md".to_owned(), 5),
                (Code::MovedFromConflict, "content/b.md".to_owned(), 5),
                (Code::InvalidSlug, "content/b.md".to_owned(), 5),
                (Code::MovedFromConflict, "content/b.md".to_owned(), 5),
            ]
        );
    }
}
