//! Two versions of one file → a [`KbDiff`] about that file alone: the same
//! model `rolebook diff` fills from two whole sites, here read from one
//! commit's change to one file (cheap: no resolving).

use super::model::{EntryChange, EntryRef, FieldChange, KbDiff, RelationRef, Rename, StatusChange};
use super::snapshot::Snapshot;
use crate::config::SiteConfig;
use crate::slug::slugify;

/// One side of a file change: its path and what it said.
pub type Version<'a> = Option<(&'a str, &'a Snapshot)>;

/// What changing `old` into `new` did, labelled with `config`.
pub fn compare(commit: &str, old: Version<'_>, new: Version<'_>, config: &SiteConfig) -> KbDiff {
    let mut diff = KbDiff { base: commit.to_owned(), ..KbDiff::default() };
    let entry_ref = |(path, s): (&str, &Snapshot)| EntryRef {
        slug: s.slug.clone(),
        title: s.title.clone(),
        kind: kind_label(s, config),
        path: path.to_owned(),
    };
    match (old, new) {
        (None, Some(new)) if new.1.comparison => diff.comparisons_added.push(new.1.slug.clone()),
        (Some(old), None) if old.1.comparison => diff.comparisons_removed.push(old.1.slug.clone()),
        (None, Some(new)) => diff.added.push(entry_ref(new)),
        (Some(old), None) => diff.removed.push(entry_ref(old)),
        (Some(old), Some(new)) => {
            if old.1.slug != new.1.slug {
                // Whether the old URL redirects matters to a review, not to the history.
                diff.renamed.push(Rename { from: entry_ref(old), to: entry_ref(new), redirected: false });
            }
            if old.1.status != new.1.status {
                let (before, after) = (old.1.status.as_str().to_owned(), new.1.status.as_str().to_owned());
                diff.status_changes.push(StatusChange { entry: entry_ref(new), old: before, new: after });
            }
            let changes = fields(old.1, new.1, config);
            if !changes.is_empty() {
                diff.changed.push(EntryChange { entry: entry_ref(new), changes });
            }
            relations(&mut diff, old.1, new.1, config);
        }
        (None, None) => {}
    }
    diff
}

fn kind_label(snapshot: &Snapshot, config: &SiteConfig) -> String {
    if snapshot.comparison {
        return "Comparison".to_owned();
    }
    config.kind(&snapshot.kind).map_or_else(|| snapshot.kind.clone(), |k| k.label.clone())
}

fn fields(old: &Snapshot, new: &Snapshot, config: &SiteConfig) -> Vec<FieldChange> {
    let mut changes = Vec::new();
    let mut field = |field: &str, label: &str, a: Option<&String>, b: Option<&String>| {
        if a != b {
            changes.push(FieldChange { field: field.into(), label: label.into(), old: a.cloned(), new: b.cloned() });
        }
    };
    field("title", "Title", Some(&old.title), Some(&new.title));
    let (a, b) = (kind_label(old, config), kind_label(new, config));
    field("kind", "Kind", Some(&a), Some(&b));
    field("summary", "Summary", Some(&old.summary), Some(&new.summary));
    let some = |text: &String| Some(text.clone()).filter(|t| !t.is_empty());
    field("owners", "Owners", some(&old.owners).as_ref(), some(&new.owners).as_ref());
    for key in old.facets.keys().chain(new.facets.keys()).collect::<std::collections::BTreeSet<_>>() {
        let label = config.facets.iter().find(|f| &f.key == key).map_or(key.as_str(), |f| f.label.as_str());
        field(&format!("facets.{key}"), label, old.facets.get(key), new.facets.get(key));
    }
    for ((label, a), (_, b)) in old.lists.iter().zip(&new.lists) {
        field(&label.to_lowercase(), label, some(a).as_ref(), some(b).as_ref());
    }
    changes
}

fn relations(diff: &mut KbDiff, old: &Snapshot, new: &Snapshot, config: &SiteConfig) {
    let relation = |(key, name): &(String, String)| RelationRef {
        from: new.slug.clone(),
        from_title: new.title.clone(),
        relation: key.clone(),
        label: config
            .relations
            .iter()
            .find(|r| &r.key == key)
            .map_or_else(|| key.replace('_', " "), |r| r.label.clone()),
        to: slugify(name),
        to_title: name.clone(),
    };
    diff.relations_added = new.links.difference(&old.links).map(relation).collect();
    diff.relations_removed = old.links.difference(&new.links).map(relation).collect();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(slug: &str, summary: &str, links: &[(&str, &str)]) -> Snapshot {
        Snapshot {
            slug: slug.into(),
            title: slug.to_uppercase(),
            kind: "role".into(),
            summary: summary.into(),
            links: links.iter().map(|(k, n)| ((*k).to_owned(), (*n).to_owned())).collect(),
            ..Snapshot::default()
        }
    }

    #[test]
    fn an_edit_gives_field_and_relation_changes() {
        let config = SiteConfig::default();
        let (a, b) =
            (snapshot("dpo", "Old.", &[("works_with", "cdo")]), snapshot("dpo", "New.", &[("reports_to", "ceo")]));
        let diff = compare("c1", Some(("content/dpo.md", &a)), Some(("content/dpo.md", &b)), &config);
        assert_eq!(diff.changed[0].changes.iter().map(|c| c.field.as_str()).collect::<Vec<_>>(), ["summary"]);
        assert_eq!(diff.relations_added[0].to, "ceo");
        assert_eq!(diff.relations_removed[0].label, "works with");
        assert!(diff.added.is_empty() && diff.renamed.is_empty());
    }

    #[test]
    fn a_status_change_is_reported_first() {
        let config = SiteConfig::default();
        let a = Snapshot { status: crate::config::Status::Proposed, ..snapshot("dpo", "S.", &[]) };
        let b = Snapshot { status: crate::config::Status::Approved, ..a.clone() };
        let diff = compare("c", Some(("content/dpo.md", &a)), Some(("content/dpo.md", &b)), &config);
        assert_eq!(
            (diff.status_changes[0].old.as_str(), diff.status_changes[0].new.as_str()),
            ("proposed", "approved")
        );
        assert_eq!(crate::history::describe::line(&diff).as_deref(), Some("Status: proposed → approved"));
    }

    #[test]
    fn adds_removes_and_renames() {
        let config = SiteConfig::default();
        let a = snapshot("dpo", "S.", &[]);
        let added = compare("c", None, Some(("content/dpo.md", &a)), &config);
        assert_eq!(added.added[0].slug, "dpo");
        let removed = compare("c", Some(("content/dpo.md", &a)), None, &config);
        assert_eq!(removed.removed[0].path, "content/dpo.md");
        let b = Snapshot { slug: "data-protection-officer".into(), ..a.clone() };
        let renamed =
            compare("c", Some(("content/dpo.md", &a)), Some(("content/data-protection-officer.md", &b)), &config);
        assert_eq!(renamed.renamed[0].from.slug, "dpo");
        assert_eq!(renamed.renamed[0].to.slug, "data-protection-officer");
        assert!(renamed.changed.is_empty());
    }
}
