//! What an import must fit so that the site it writes loads without an
//! error: the loader's field lengths and list sizes (`field-too-long`) and
//! site.toml's bounds on kinds and relations (`invalid-config`). A table
//! row that does not fit loses what does not (or stays out), reported row
//! by row; a note's over-long title or summary is shortened at a word and
//! its over-long names dropped, each listed for a person. Never cut
//! silently.

use super::fields::Meta;
use super::report::Report;
use super::table::{kind_decl, kind_of, relation_key, Problem, Record};
use super::write::KindDecl;
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
pub(super) fn fit_table(kept: &mut BTreeMap<String, Record>, default_kind: &str, problems: &mut Vec<Problem>) {
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
        if kind != default_kind && (!kinds.contains(&kind) || !declared_fits(&kind, &kind_decl(record, &kind))) {
            dropped.push(format!("the kind `{}` (too many kinds, or too long)", short(&kind)));
            record.kind = None;
        }
        record.links.retain(|key, _| {
            let relation = relation_key(key);
            let label = crate::config::humanize(&relation);
            // site.toml names the way back after the label: "Works with (from)".
            let back = format!("{label} (from)");
            let names = [key, &relation, &label, &back];
            let keep = relations.contains(&relation) && names.iter().all(|t| !too_long(t, "links"));
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

/// A note's fields made to fit; what changed goes to `report` under `path`.
pub(super) fn fit_note(path: &str, meta: &mut Meta, report: &mut Report) {
    let mut said: Vec<String> = Vec::new();
    if too_long(&meta.title, "title") {
        let title = shorten(&meta.title, max_chars("title"));
        report.title_changes.push(format!("{path}: a title of {} characters → `{title}`", meta.title.chars().count()));
        meta.title = title;
    }
    if let Some(summary) = meta.summary.as_mut().filter(|s| too_long(s, "summary")) {
        said.push(format!("the summary shortened from {} characters", summary.chars().count()));
        *summary = shorten(summary, max_chars("summary"));
    }
    if meta.abbr.as_deref().is_some_and(|a| too_long(a, "abbr")) {
        meta.abbr = None;
        said.push("the abbreviation (too long) left out".into());
    }
    let mut dropped = Vec::new();
    fit_list("aliases", &mut meta.aliases, &mut dropped);
    fit_list("tags", &mut meta.tags, &mut dropped);
    said.extend(dropped.into_iter().map(|d| format!("{d} left out")));
    if !said.is_empty() {
        report.notes_for_people.push(format!("{path}: {}", said.join("; ")));
    }
}

/// Notes' kinds past what site.toml takes (the 63 most used beside the
/// default kind, each key and label at most a name long) become the
/// default kind, said once.
pub(super) fn fit_kinds(metas: &mut [Meta], default_kind: &str, decl: fn(&Meta) -> KindDecl, report: &mut Report) {
    let mut uses: BTreeMap<&str, usize> = BTreeMap::new();
    for meta in metas.iter().filter(|m| m.kind != default_kind) {
        *uses.entry(meta.kind.as_str()).or_default() += 1;
    }

    let mut ranked: Vec<(&str, usize)> = uses.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let kept: BTreeSet<String> = ranked.iter().take(MAX_DECLARED - 1).map(|(kind, _)| (*kind).to_owned()).collect();
    let mut moved: BTreeSet<String> = BTreeSet::new();
    for meta in metas.iter_mut().filter(|m| m.kind != default_kind) {
        if !kept.contains(&meta.kind) || !declared_fits(&meta.kind, &decl(meta)) {
            moved.insert(short(&meta.kind));
            meta.kind = default_kind.to_owned();
            meta.kind_label = None;
        }
    }
    if !moved.is_empty() {
        let names: Vec<String> = moved.iter().map(|k| format!("`{k}`")).collect();
        report.notes_for_people.push(format!(
            "{} kind(s) past the {MAX_DECLARED} site.toml takes, or too long, became `{default_kind}`: {}",
            moved.len(),
            names.join(", ")
        ));
    }
}

/// `text` cut at a word to at most `max` characters, `…` included.
fn shorten(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut chars = 0;
    for word in text.split_whitespace() {
        let more = word.chars().count() + usize::from(chars > 0);
        if chars + more + 1 > max {
            break;
        }
        if chars > 0 {
            out.push(' ');
        }
        out.push_str(word);
        chars += more;
    }
    if out.is_empty() {
        out = text.chars().take(max - 1).collect();
    }
    out + "…"
}

/// Whether site.toml takes a kind so declared (key, label and plural).
fn declared_fits(kind: &str, decl: &KindDecl) -> bool {
    [kind, &decl.label, &decl.plural].iter().all(|text| !too_long(text, "kind"))
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
        fit_table(&mut kept, "term", &mut problems);
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
    fn a_note_is_shortened_at_a_word_and_said() {
        let mut meta = Meta {
            title: "word ".repeat(60),
            summary: Some("x".repeat(2_500)),
            aliases: vec!["a".repeat(201), "fine".into()],
            tags: (0..201).map(|i| format!("t{i}")).collect(),
            ..Meta::default()
        };
        let mut report = Report::default();
        fit_note("n.md", &mut meta, &mut report);
        assert!(meta.title.ends_with("word…") && meta.title.chars().count() <= 200, "{}", meta.title);
        assert_eq!(meta.summary.as_ref().map(|s| s.chars().count()), Some(2_000));
        assert_eq!((meta.aliases.len(), meta.tags.len()), (1, 200));
        assert!(report.title_changes[0].starts_with("n.md: a title of 300 characters → `word word"));
        assert_eq!(
            report.notes_for_people,
            ["n.md: the summary shortened from 2500 characters; 1 `aliases` item(s) too long left out; \
              1 `tags` items past the 200 that fit left out"]
        );
    }

    #[test]
    fn kinds_past_the_bound_become_the_default() {
        let mut metas: Vec<Meta> = (0..70).map(|n| Meta { kind: format!("k{n:02}"), ..Meta::default() }).collect();
        metas.push(Meta { kind: "k69".into(), ..Meta::default() });
        metas.push(Meta { kind: "x".repeat(201), ..Meta::default() });
        let mut report = Report::default();
        let decl = |m: &Meta| KindDecl { label: m.kind.clone(), plural: m.kind.clone() };
        fit_kinds(&mut metas, "entry", decl, &mut report);
        let kinds: BTreeSet<&str> = metas.iter().map(|m| m.kind.as_str()).collect();
        assert_eq!(kinds.len(), MAX_DECLARED, "{kinds:?}");
        assert!(kinds.contains("k69") && kinds.contains("entry") && !kinds.contains("k63"), "the most used stay");
        assert!(report.notes_for_people[0].starts_with("8 kind(s) past the 64"), "{:?}", report.notes_for_people);
    }

    #[test]
    fn long_titles_and_summaries_keep_the_record_out() {
        assert!(unfit(&record("row 2", "Fine")).is_none());
        // Found by import_table: a relation whose label fits but whose way
        // back ("… (from)") does not.
        let mut kept = BTreeMap::from([("a".to_owned(), record("row 5", "A"))]);
        kept.get_mut("a").map(|r| r.links.insert("r".repeat(195), vec!["A".into()]));
        let mut problems = Vec::new();
        fit_table(&mut kept, "term", &mut problems);
        assert!(kept["a"].links.is_empty() && problems.len() == 1, "{problems:?}");
        let long = record("row 3", &"t".repeat(201));
        assert!(unfit(&long).is_some_and(|m| m.contains("the title is 201 characters long; at most 200 fit")));
        let mut wordy = record("row 4", "Wordy");
        wordy.summary = Some("w".repeat(2_001));
        assert!(unfit(&wordy).is_some_and(|m| m.starts_with("`Wordy`: the summary is 2001")));
    }
}
