//! A [`KbDiff`] about one file → the one line the changes page shows
//! ("New role", "Summary changed; relation added: works with DPO", …).

use super::model::{KbDiff, RelationRef};

/// The line; `None` when the diff is empty (only the body changed).
pub fn line(diff: &KbDiff) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(diff.status_changes.iter().map(|c| format!("Status: {} → {}", c.old, c.new)));
    parts.extend(diff.added.iter().map(|e| format!("New {}", e.kind.to_lowercase())));
    parts.extend(diff.comparisons_added.iter().map(|_| "New comparison".to_owned()));
    parts.extend(diff.removed.iter().map(|e| format!("{} removed", e.kind)));
    parts.extend(diff.comparisons_removed.iter().map(|_| "Comparison removed".to_owned()));
    parts.extend(diff.renamed.iter().map(|r| format!("Renamed from {}", r.from.slug)));
    for change in diff.changed.iter().flat_map(|c| &c.changes) {
        parts.push(match (change.field.as_str(), &change.old, &change.new) {
            ("title" | "kind", Some(old), Some(new)) => format!("{}: {old} → {new}", change.label),
            ("reviewed", _, Some(new)) => format!("Reviewed on {new}"),
            (_, None, Some(_)) => format!("{} added", change.label),
            (_, Some(_), None) => format!("{} removed", change.label),
            _ => format!("{} changed", change.label),
        });
    }
    relations(&mut parts, "added", &diff.relations_added);
    relations(&mut parts, "removed", &diff.relations_removed);
    let mut line = parts.join("; ");
    // Capital first letter, whatever came first.
    if let Some(first) = line.chars().next() {
        line.replace_range(..first.len_utf8(), &first.to_uppercase().to_string());
    }
    (!line.is_empty()).then_some(line)
}

fn relations(parts: &mut Vec<String>, verb: &str, relations: &[RelationRef]) {
    let named: Vec<String> = relations.iter().map(|r| format!("{} {}", r.label.to_lowercase(), r.to_title)).collect();
    match named.len() {
        0 => {}
        1 => parts.push(format!("relation {verb}: {}", named[0])),
        n => parts.push(format!("{n} relations {verb}: {}", named.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::model::{EntryChange, EntryRef, FieldChange};

    fn entry() -> EntryRef {
        EntryRef { slug: "dpo".into(), title: "DPO".into(), kind: "Role".into(), path: "content/dpo.md".into() }
    }

    #[test]
    fn names_each_kind_of_change() {
        let added = KbDiff { added: vec![entry()], ..KbDiff::default() };
        assert_eq!(line(&added).as_deref(), Some("New role"));
        let summary = FieldChange {
            field: "summary".into(),
            label: "Summary".into(),
            old: Some("a".into()),
            new: Some("b".into()),
        };
        let relation = RelationRef {
            from: "dpo".into(),
            from_title: "DPO".into(),
            relation: "works_with".into(),
            label: "Works with".into(),
            to: "cdo".into(),
            to_title: "CDO".into(),
        };
        let edited = KbDiff {
            changed: vec![EntryChange { entry: entry(), changes: vec![summary] }],
            relations_added: vec![relation],
            ..KbDiff::default()
        };
        assert_eq!(line(&edited).as_deref(), Some("Summary changed; relation added: works with CDO"));
        assert_eq!(line(&KbDiff::default()), None);
    }
}
