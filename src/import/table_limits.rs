//! What a planned table import must fit so that the site it writes loads
//! without an error: the loader's field lengths and list sizes
//! (`field-too-long`) and site.toml's bounds on kinds and relations
//! (`invalid-config`). What does not fit is left out and reported, row by
//! row, never cut silently.

use super::table::{kind_of, relation_key, Problem, Record};
use crate::load::fields::{ENTRY_FIELDS, MAX_ITEMS};
use std::collections::{BTreeMap, BTreeSet};

/// Most kinds and relations site.toml may declare (each).
const MAX_DECLARED: usize = 64;

/// The longest value the loader takes for `field`, in characters.
fn max_chars(field: &str) -> usize {
    ENTRY_FIELDS.iter().find(|f| f.name == field).map_or(usize::MAX, |f| f.max_chars)
}

fn too_long(text: &str, field: &str) -> bool {
    text.chars().count() > max_chars(field)
}

/// Why a record's title or summary keeps it out, if either is too long.
pub(super) fn unfit(record: &Record) -> Option<String> {
    let summary = record.summary.as_deref().unwrap_or("");
    let (field, chars) = match () {
        () if too_long(&record.title, "title") => ("title", record.title.chars().count()),
        () if too_long(summary, "summary") => ("summary", summary.chars().count()),
        () => return None,
    };
    let short: String = record.title.chars().take(40).collect();
    Some(format!("`{short}`: the {field} is {chars} characters long; at most {} fit: left out", max_chars(field)))
}

/// Names too long for their field, lists past the loader's bound, and kinds
/// or relations past site.toml's, taken out of `kept` and reported.
pub(super) fn fit(kept: &mut BTreeMap<String, Record>, default_kind: &str, problems: &mut Vec<Problem>) {
    let kinds = allowed(kept.values().map(|r| kind_of(r, default_kind)).filter(|k| k != default_kind), 1);
    let relations = allowed(kept.values().flat_map(|r| r.links.keys().map(|k| relation_key(k))), 0);
    for record in kept.values_mut() {
        let mut dropped: Vec<String> = Vec::new();
        if record.abbr.as_deref().is_some_and(|a| too_long(a, "abbr")) {
            record.abbr = None;
            dropped.push("the abbreviation (too long)".into());
        }
        for (field, list) in
            [("aliases", &mut record.aliases), ("tags", &mut record.tags), ("owners", &mut record.owners)]
        {
            fit_list(field, list, &mut dropped);
        }
        let kind = kind_of(record, default_kind);
        if kind != default_kind && (!kinds.contains(&kind) || too_long(&kind, "kind")) {
            dropped.push(format!("the kind `{}` (too many kinds, or too long)", short(&kind)));
            record.kind = None;
        }
        record.links.retain(|key, _| {
            let keep = relations.contains(&relation_key(key)) && !too_long(key, "links");
            if !keep {
                dropped.push(format!("the relation `{}` (too many relations, or too long)", short(key)));
            }
            keep
        });
        for targets in record.links.values_mut() {
            fit_list("links", targets, &mut dropped);
        }
        if !dropped.is_empty() {
            problems.push(Problem::new(&record.place, format!("left out: {}", dropped.join("; "))));
        }
    }
}

/// The first distinct names, in order, that fit beside `taken` others.
fn allowed(names: impl Iterator<Item = String>, taken: usize) -> BTreeSet<String> {
    let mut seen: Vec<String> = Vec::new();
    for name in names {
        if seen.len() + taken < MAX_DECLARED && !seen.contains(&name) {
            seen.push(name);
        }
    }
    seen.into_iter().collect()
}

/// Items too long for `field`, and those past the list bound, taken out.
fn fit_list(field: &str, list: &mut Vec<String>, dropped: &mut Vec<String>) {
    let before = list.len();
    list.retain(|item| !too_long(item, field));
    if list.len() < before {
        dropped.push(format!("{} `{field}` item(s) too long", before - list.len()));
    }
    if list.len() > MAX_ITEMS {
        dropped.push(format!("{} `{field}` items past the {MAX_ITEMS} that fit", list.len() - MAX_ITEMS));
        list.truncate(MAX_ITEMS);
    }
}

fn short(name: &str) -> String {
    name.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(place: &str, title: &str) -> Record {
        Record { place: place.into(), title: title.into(), summary: Some("S.".into()), ..Record::default() }
    }

    #[test]
    fn what_does_not_fit_is_left_out_and_said() {
        let mut kept: BTreeMap<String, Record> = BTreeMap::new();
        for n in 0..70 {
            let mut r = record(&format!("row {n}"), &format!("T{n}"));
            r.kind = Some(format!("kind {n}"));
            r.links.insert(format!("rel {n}"), vec!["T1".into()]);
            kept.insert(format!("t{n:02}"), r);
        }
        let first = kept.get_mut("t00").map(|r| {
            r.abbr = Some("A".repeat(300));
            r.tags = (0..250).map(|i| format!("tag{i}")).collect();
            r.aliases = vec!["x".repeat(201), "ok".into()];
        });
        assert!(first.is_some());
        let mut problems = Vec::new();
        fit(&mut kept, "term", &mut problems);
        let kinds: BTreeSet<String> = kept.values().map(|r| kind_of(r, "term")).collect();
        assert_eq!(kinds.len(), MAX_DECLARED, "{kinds:?}");
        let relations: BTreeSet<String> = kept.values().flat_map(|r| r.links.keys().cloned()).collect();
        assert_eq!(relations.len(), MAX_DECLARED);
        let t0 = &kept["t00"];
        assert!(t0.abbr.is_none() && t0.tags.len() == MAX_ITEMS && t0.aliases == ["ok"]);
        let said: Vec<String> = problems.iter().map(|p| format!("{}: {}", p.place, p.message)).collect();
        assert!(said[0]
            .starts_with("row 0: left out: the abbreviation (too long); 1 `aliases` item(s) too long; 50 `tags`"));
        assert_eq!(said.len(), 1 + 7, "{said:#?}");
    }

    #[test]
    fn long_titles_and_summaries_keep_the_record_out() {
        assert!(unfit(&record("row 2", "Fine")).is_none());
        let long = record("row 3", &"t".repeat(201));
        assert!(unfit(&long).is_some_and(|m| m.contains("the title is 201 characters long; at most 200 fit")));
        let mut wordy = record("row 4", "Wordy");
        wordy.summary = Some("w".repeat(2_001));
        assert!(unfit(&wordy).is_some_and(|m| m.starts_with("`Wordy`: the summary is 2001")));
    }
}
