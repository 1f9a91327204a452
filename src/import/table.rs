//! Tabular imports (`--from csv`, `--from skos`): records read from a
//! spreadsheet or a SKOS vocabulary → a plan of the files a new site gets,
//! with every record's problem and where it is. Nothing is written here:
//! `import` prints the plan (a dry run) unless asked to write it.
//!
//! A record that cannot make an entry that builds (no title, no summary, a
//! title another record has) is left out; a link to a name no record has,
//! an unknown status or a link to itself is dropped from the record. So
//! the written site builds at once, and the problems say what was lost.

use super::limits;
use super::words::plural;
use super::write::{self, KindDecl, Writer};
use crate::error::Result;
use crate::slug::{name_key, slugify};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// One term as a source gives it, names not yet resolved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    /// Where it is, for problems: `row 4`, `concept 2 <iri>`.
    pub place: String,
    /// An identifier links may use (a SKOS concept's IRI).
    pub id: Option<String>,
    /// Display title.
    pub title: String,
    /// Explicit slug.
    pub slug: Option<String>,
    /// Abbreviation.
    pub abbr: Option<String>,
    /// More names.
    pub aliases: Vec<String>,
    /// Kind, as written (a key or a label).
    pub kind: Option<String>,
    /// Definition.
    pub summary: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Owners.
    pub owners: Vec<String>,
    /// Status, as written.
    pub status: Option<String>,
    /// Relation key → target names (or ids).
    pub links: BTreeMap<String, Vec<String>>,
}

/// A problem with one record (or the source as a whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// `row 4`, `concept 2 <iri>`, or `header`.
    pub place: String,
    /// What is wrong and what happened to it.
    pub message: String,
}

impl Problem {
    /// A problem at `place`.
    pub fn new(place: impl Into<String>, message: impl Into<String>) -> Self {
        Problem { place: place.into(), message: message.into() }
    }
}

/// What an import would write.
#[derive(Debug, Default)]
pub struct Plan {
    /// Relative path → text: `site.toml` and one file per entry.
    pub files: BTreeMap<String, String>,
    /// Every problem, in source order.
    pub problems: Vec<Problem>,
    /// Entries planned.
    pub entries: usize,
    /// Entry file → what it holds, for the dry run.
    pub described: BTreeMap<String, String>,
    /// Records read.
    pub records: usize,
}

/// Front matter of an imported entry.
#[derive(Debug, Serialize)]
struct Front<'a> {
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    abbr: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    aliases: &'a [String],
    kind: &'a str,
    summary: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'static str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    owners: &'a [String],
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    links: BTreeMap<String, Vec<String>>,
}

/// Plans a site titled `title` from `records`; `problems` are the reader's.
pub fn plan(title: &str, source: &str, default_kind: &str, records: Vec<Record>, problems: Vec<Problem>) -> Plan {
    let mut plan = Plan { problems, records: records.len(), ..Plan::default() };
    let mut kept = keep_buildable(records, &mut plan.problems);
    limits::fit_table(&mut kept, default_kind, &mut plan.problems);
    drop_shared_names(&mut kept, &mut plan.problems);
    let names = name_index(&kept);
    let mut kinds: BTreeMap<String, KindDecl> = BTreeMap::new();
    let mut relations: BTreeSet<String> = BTreeSet::new();
    for (slug, record) in &kept {
        let kind = kind_of(record, default_kind);
        kinds.entry(kind.clone()).or_insert_with(|| kind_decl(record, &kind));
        let status = record.status.as_deref().and_then(|s| status_of(s, record, &mut plan.problems));
        let links = links_of(slug, record, &names, &mut plan.problems);
        relations.extend(links.keys().cloned());
        let front = Front {
            title: &record.title,
            abbr: record.abbr.as_deref(),
            aliases: &record.aliases,
            kind: &kind,
            summary: record.summary.as_deref().unwrap_or(""),
            tags: &record.tags,
            status,
            owners: &record.owners,
            links,
        };
        let yaml = serde_yaml::to_string(&front).unwrap_or_default();
        let path = format!("content/{slug}.md");
        let mut about = format!("{}: {kind}", record.title);
        if let Some(status) = status {
            let _ = write!(about, ", {status}");
        }
        let count: usize = front.links.values().map(Vec::len).sum();
        if count > 0 {
            let _ = write!(about, ", {}", counted(count, "link"));
        }
        plan.described.insert(path.clone(), about);
        plan.files.insert(path, format!("---\n{yaml}---\n"));
        plan.entries += 1;
    }
    kinds.entry(default_kind.to_owned()).or_insert_with(|| KindDecl {
        label: crate::config::humanize(default_kind),
        plural: plural(&crate::config::humanize(default_kind)),
    });
    plan.files.insert("site.toml".into(), site_toml(title, source, default_kind, &kinds, &relations));
    let kinds: Vec<&str> = kinds.keys().map(String::as_str).collect();
    let relations: Vec<&str> = relations.iter().map(String::as_str).collect();
    let about = format!(
        "kinds: {}; relations: {}",
        kinds.join(", "),
        if relations.is_empty() { "none".into() } else { relations.join(", ") }
    );
    plan.described.insert("site.toml".into(), about);
    plan.problems.sort_by_key(|p| order_of(&p.place));
    plan
}

/// `1 link`, `2 links`, `3 entries`.
fn counted(n: usize, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {}", plural(one))
    }
}

/// Source order of a problem's place: the header first, then by number.
fn order_of(place: &str) -> (usize, usize) {
    let number = place.split(' ').nth(1).and_then(|n| n.parse().ok()).unwrap_or(0);
    (usize::from(place != "header"), number)
}

/// The records that can make an entry, by slug; the others reported.
fn keep_buildable(records: Vec<Record>, problems: &mut Vec<Problem>) -> BTreeMap<String, Record> {
    let mut kept: BTreeMap<String, Record> = BTreeMap::new();
    let mut titles: BTreeMap<String, String> = BTreeMap::new();
    for mut record in records {
        strip_invisible(&mut record);
        record.title = collapse(&record.title);
        if record.title.is_empty() {
            problems.push(Problem::new(&record.place, "no title: left out"));
            continue;
        }
        record.summary = record.summary.as_deref().map(collapse).filter(|s| !s.is_empty());
        if record.summary.is_none() {
            let message = format!("`{}` has no summary (definition): left out", record.title);
            problems.push(Problem::new(&record.place, message));
            continue;
        }
        if let Some(message) = limits::unfit(&record) {
            problems.push(Problem::new(&record.place, message));
            continue;
        }
        let slug =
            record.slug.as_deref().map(slugify).filter(|s| !s.is_empty()).unwrap_or_else(|| slugify(&record.title));
        if slug.is_empty() || crate::slug::is_reserved(&slug) {
            problems
                .push(Problem::new(&record.place, format!("`{}` makes no usable file name: left out", record.title)));
            continue;
        }
        let key = name_key(&record.title);
        // A title is a name like a slug: one record's title may not be another's slug.
        let taken = titles.get(&key).or_else(|| titles.get(&slug));
        let taken = taken.or_else(|| kept.get(&slug).or_else(|| kept.get(&key)).map(|r| &r.place));
        if let Some(first) = taken {
            let message = format!("`{}` is also the title or file name of {first}: left out", record.title);
            problems.push(Problem::new(&record.place, message));
            continue;
        }
        titles.insert(key, record.place.clone());
        kept.insert(slug, record);
    }
    kept
}

/// What the site's loader would strip from every text (controls,
/// noncharacters) taken out first, so names are compared as the built site
/// compares them.
fn strip_invisible(record: &mut Record) {
    let clean = |text: &mut String| text.retain(|c| !crate::invisible::is_removed(c));
    let Record { place: _, id, title, slug, abbr, aliases, kind, summary, tags, owners, status, links } = record;
    for text in [title].into_iter().chain(id).chain(slug).chain(abbr).chain(kind).chain(summary).chain(status) {
        clean(text);
    }
    aliases.iter_mut().chain(tags.iter_mut()).chain(owners.iter_mut()).for_each(clean);
    let cleaned = std::mem::take(links).into_iter().map(|(mut key, mut targets)| {
        clean(&mut key);
        targets.iter_mut().for_each(clean);
        (key, targets)
    });
    for (key, targets) in cleaned {
        links.entry(key).or_default().extend(targets);
    }
}

/// Abbreviations and aliases that another record also answers to (by its
/// title, slug, abbreviation or an alias) taken out of every record that
/// does not own them as title or slug, and reported: the built site
/// rejects a name two entries claim.
fn drop_shared_names(kept: &mut BTreeMap<String, Record>, problems: &mut Vec<Problem>) {
    let mut claims: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (slug, record) in kept.iter() {
        let names = [&record.title, slug].into_iter().chain(&record.abbr).chain(&record.aliases);
        for name in names {
            claims.entry(name_key(name)).or_default().insert(slug.clone());
        }
    }
    let shared = |key: &str| claims.get(key).is_some_and(|owners| owners.len() > 1);
    for (slug, record) in kept.iter_mut() {
        let own = [name_key(&record.title), name_key(slug)];
        let drop = |name: &String| {
            let key = name_key(name);
            !own.contains(&key) && shared(&key)
        };
        let mut dropped: Vec<String> = record.abbr.take_if(|abbr| drop(abbr)).into_iter().collect();
        dropped.extend(record.aliases.iter().filter(|alias| drop(alias)).cloned());
        record.aliases.retain(|alias| !drop(alias));
        if !dropped.is_empty() {
            let names: Vec<String> = dropped.iter().map(|name| format!("`{name}`")).collect();
            let message = format!("{} also named by another entry: left out", names.join(", "));
            problems.push(Problem::new(&record.place, message));
        }
    }
}

/// Every name (title, abbreviation, alias, slug, id) → slug; a name two
/// records claim resolves to neither.
fn name_index(kept: &BTreeMap<String, Record>) -> BTreeMap<String, Option<String>> {
    let mut names: BTreeMap<String, Option<String>> = BTreeMap::new();
    for (slug, record) in kept {
        let mut own: BTreeSet<String> = BTreeSet::from([name_key(&record.title), name_key(slug)]);
        own.extend(record.abbr.iter().chain(&record.aliases).map(|n| name_key(n)));
        own.extend(record.id.iter().cloned());
        for name in own {
            names.entry(name).and_modify(|s| *s = None).or_insert_with(|| Some(slug.clone()));
        }
    }
    names
}

fn links_of(
    slug: &str,
    record: &Record,
    names: &BTreeMap<String, Option<String>>,
    problems: &mut Vec<Problem>,
) -> BTreeMap<String, Vec<String>> {
    let mut links: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key, targets) in &record.links {
        let relation = relation_key(key);
        if relation.is_empty() {
            continue;
        }
        for target in targets.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
            let found = names.get(target).or_else(|| names.get(&name_key(target))).cloned().flatten();
            match found {
                Some(found) if found == slug => {
                    problems.push(Problem::new(&record.place, format!("`{key}` names the entry itself: dropped")));
                }
                Some(found) => {
                    let list = links.entry(relation.clone()).or_default();
                    if !list.contains(&found) {
                        list.push(found);
                    }
                }
                None => {
                    let message = format!("`{key}` names `{target}`, which no imported entry is (or two are): dropped");
                    problems.push(Problem::new(&record.place, message));
                }
            }
        }
    }
    links
}

/// A relation key from a column or property name: `Works with` → `works_with`.
pub fn relation_key(name: &str) -> String {
    slugify(name).replace('-', "_")
}

/// How site.toml declares `kind`, named after the record's own spelling.
pub(super) fn kind_decl(record: &Record, kind: &str) -> KindDecl {
    let label = record.kind.as_deref().filter(|k| !k.trim().is_empty()).unwrap_or(kind);
    let label = crate::config::humanize(label.trim());
    KindDecl { plural: plural(&label), label }
}

pub(super) fn kind_of(record: &Record, default_kind: &str) -> String {
    let kind = record.kind.as_deref().map(|k| slugify(k).replace('-', "_")).unwrap_or_default();
    if kind.is_empty() {
        default_kind.to_owned()
    } else {
        kind
    }
}

/// rolebook's statuses, and OpenMetadata's names for them.
fn status_of(text: &str, record: &Record, problems: &mut Vec<Problem>) -> Option<&'static str> {
    let status = match text.trim().to_lowercase().as_str() {
        "" => return None,
        "proposed" | "draft" | "in review" => "proposed",
        "approved" => "approved",
        "deprecated" => "deprecated",
        other => {
            let message = format!("unknown status `{other}`: not written (use proposed, approved or deprecated)");
            problems.push(Problem::new(&record.place, message));
            return None;
        }
    };
    Some(status)
}

fn site_toml(
    title: &str,
    source: &str,
    default_kind: &str,
    kinds: &BTreeMap<String, KindDecl>,
    relations: &BTreeSet<String>,
) -> String {
    let mut out = write::site_toml(title, default_kind, kinds, source);
    for key in relations {
        let label = crate::config::humanize(key);
        let _ = write!(out, "\n[relations.{key}]\nlabel = {}\n", quote(&label));
        match key.as_str() {
            "related" | "works_with" | "see_also" | "contrasts_with" => out.push_str("symmetric = true\n"),
            "broader" => out.push_str("skos = \"broader\"\n"),
            "narrower" => out.push_str("skos = \"narrower\"\n"),
            _ => {}
        }
    }
    // write::site_toml's [rules] already allow missing sources.
    out
}

/// A TOML basic string (JSON's escapes are TOML's; DEL is escaped too).
fn quote(text: &str) -> String {
    serde_json::Value::from(text).to_string().replace('\u{7f}', "\\u007F")
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Splits a cell holding several values: `a; b | c`.
pub fn values(cell: &str) -> Vec<String> {
    cell.split([';', '|']).map(collapse).filter(|v| !v.is_empty()).collect()
}

impl Plan {
    /// What a dry run prints: the problems, then the files.
    pub fn render(&self, into: &Path, written: bool) -> String {
        let mut out = String::new();
        let (records, entries) = (counted(self.records, "record"), counted(self.entries, "entry"));
        let _ = writeln!(out, "{records} read, {entries} planned");
        if !self.problems.is_empty() {
            let _ = writeln!(out, "\n{}:", counted(self.problems.len(), "problem"));
            for problem in &self.problems {
                let _ = writeln!(out, "  {}: {}", problem.place, problem.message);
            }
        }
        let verb = if written { "wrote" } else { "would write" };
        let _ = writeln!(out, "\n{verb}:");
        for path in self.files.keys() {
            let about = self.described.get(path).map(|a| format!("  ({a})")).unwrap_or_default();
            let _ = writeln!(out, "  {}{about}", into.join(path).display());
        }
        if !written {
            out.push_str("\ndry run: nothing was written; add --write to write these files\n");
        }
        out
    }

    /// Writes the files into `into` (empty, or written by an earlier import).
    pub fn write(&self, into: &Path, source: &Path) -> Result<usize> {
        write::prepare(into, &write::absolute(source))?;
        std::fs::create_dir_all(into).map_err(|e| crate::error::Error::io("create folder", into, e))?;
        let mut writer = Writer::default();
        for (path, text) in &self.files {
            writer.file(path, text.clone());
        }
        writer.write(into)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(place: &str, title: &str, summary: Option<&str>) -> Record {
        Record { place: place.into(), title: title.into(), summary: summary.map(str::to_owned), ..Record::default() }
    }

    #[test]
    fn leaves_out_what_would_not_build_and_says_where() {
        let mut linked = record("row 2", "Data Owner", Some("Answers for data."));
        linked.links.insert("works with".into(), vec!["DS".into(), "Nobody".into()]);
        let mut steward = record("row 3", "Data Steward", Some("Keeps definitions."));
        steward.abbr = Some("DS".into());
        steward.status = Some("Draft".into());
        let records = vec![linked, steward, record("row 4", "", Some("x")), record("row 5", "Data owner", Some("y"))];
        let plan = plan("T", "x.csv", "term", records, Vec::new());
        assert_eq!(plan.entries, 2);
        let places: Vec<&str> = plan.problems.iter().map(|p| p.place.as_str()).collect();
        assert_eq!(places, ["row 2", "row 4", "row 5"], "{:?}", plan.problems);
        let owner = &plan.files["content/data-owner.md"];
        assert!(owner.contains("works_with:\n  - data-steward"), "{owner}");
        assert!(plan.files["content/data-steward.md"].contains("status: proposed"));
        assert!(plan.files["site.toml"].contains("[relations.works_with]\nlabel = \"Works with\"\nsymmetric = true"));
    }

    /// Found by the `import_table` fuzz target: two rows with one
    /// abbreviation wrote a site that failed with `ambiguous-name`.
    #[test]
    fn names_two_rows_claim_are_left_out_of_both() {
        let mut owner = record("row 2", "Data Owner", Some("Answers for data."));
        owner.abbr = Some("DO".into());
        owner.aliases = vec!["Steward".into(), "Keeper".into()];
        let mut officer = record("row 3", "Data Officer", Some("Signs off."));
        officer.abbr = Some("do".into());
        let mut steward = record("row 4", "Steward", Some("Keeps definitions."));
        steward.links.insert("works with".into(), vec!["DO".into(), "Data Officer".into()]);
        let plan = plan("T", "x.csv", "term", vec![owner, officer, steward], Vec::new());
        assert_eq!(plan.entries, 3);
        let owner = &plan.files["content/data-owner.md"];
        assert!(!owner.contains("DO") && !owner.contains("- Steward") && owner.contains("- Keeper"), "{owner}");
        assert!(!plan.files["content/data-officer.md"].contains("abbr"));
        let messages: Vec<String> = plan.problems.iter().map(|p| format!("{}: {}", p.place, p.message)).collect();
        assert!(
            messages.contains(&"row 2: `DO`, `Steward` also named by another entry: left out".to_owned()),
            "{messages:?}"
        );
        assert!(messages.contains(&"row 3: `do` also named by another entry: left out".to_owned()), "{messages:?}");
        assert!(plan.files["content/steward.md"].contains("works_with:\n  - data-officer\n"));
    }

    #[test]
    fn titles_are_compared_without_what_the_loader_strips() {
        let records =
            vec![record("row 2", "Data O\u{15}wner", Some("One.")), record("row 3", "Data Owner", Some("Two."))];
        let plan = plan("T", "x.csv", "term", records, Vec::new());
        assert_eq!(plan.entries, 1, "{:?}", plan.problems);
        assert!(plan.files["content/data-owner.md"].contains("title: Data Owner\n"));
    }

    #[test]
    fn a_title_that_is_another_rows_slug_is_left_out() {
        let mut first = record("row 2", "Owner of data", Some("One."));
        first.slug = Some("owner".into());
        let mut second = record("row 3", "Owner", Some("Two."));
        second.slug = Some("owner-2".into());
        let plan = plan("T", "x.csv", "term", vec![first, second], Vec::new());
        assert_eq!(plan.entries, 1, "{:?}", plan.problems);
        assert_eq!(plan.problems[0].place, "row 3");
    }
}
