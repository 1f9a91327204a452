//! The exports every build writes: graph.json, glossary.csv, glossary.ttl,
//! parsed with real parsers (the `csv` crate, oxttl for Turtle), and
//! glossary.ttl read by rolebook's own Turtle reader as oxttl reads it.

use crate::util::TestSite;
use oxrdf::{Term, Triple};
use rolebook::import::turtle;
use std::collections::{BTreeMap, BTreeSet};

const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";

/// The fixture plus an entry with every character CSV and Turtle must
/// escape, a `part_of` relation (→ skos:broader) and a draft.
fn site() -> TestSite {
    let site = TestSite::fixture("good");
    let mut config = site.read("site.toml");
    config.push_str("\n[relations.part_of]\ninverse = \"has_part\"\n");
    site.write("site.toml", &config);
    site.write(
        "content/tricky.md",
        "---\ntitle: 'Owner, \"the\" one'\nkind: concept\nabbr: O\\T\naliases: [\"semi; colon\", 'line \"two\"']\n\
         summary: \"A summary with, commas; a \\\"quote\\\" and a \\\\ backslash.\"\nlinks:\n  part_of: [Backlog]\n---\nx\n",
    );
    site.write("content/hidden.md", "---\ntitle: Hidden\nkind: concept\nsummary: Not yet.\ndraft: true\n---\n");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    site
}

#[test]
fn csv_glossary_parses_and_holds_every_published_entry() {
    let site = site();
    let text = site.read("public/glossary.csv");
    assert!(text.contains("\r\n"), "RFC 4180 wants CRLF");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(headers, ["term", "abbreviation", "aliases", "kind", "summary", "url"]);
    let rows: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
    let terms: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(terms, ["Backlog", "Product Manager", "Product Owner", "Owner, \"the\" one"]);
    let owner = &rows[2];
    assert_eq!(owner[1..], ["PO", "Backlog owner", "Role", "Orders the backlog & accepts the work.", "owner.html"]);
    let tricky = &rows[3];
    assert_eq!(tricky[2], "semi; colon; line \"two\"");
    assert_eq!(tricky[4], "A summary with, commas; a \"quote\" and a \\ backslash.");
}

fn turtle(site: &TestSite) -> Vec<Triple> {
    let text = site.read("public/glossary.ttl");
    oxttl::TurtleParser::new().for_slice(text.as_bytes()).collect::<Result<Vec<_>, _>>().unwrap_or_else(|e| {
        panic!("glossary.ttl does not parse: {e}\n{text}");
    })
}

fn literal(term: &Term) -> String {
    match term {
        Term::Literal(literal) => literal.value().to_owned(),
        other => panic!("not a literal: {other}"),
    }
}

#[test]
fn skos_turtle_parses_and_holds_every_published_entry() {
    let site = site();
    let triples = turtle(&site);
    let about = |subject_label: &str, property: &str| -> Vec<String> {
        let subject = triples
            .iter()
            .find(|t| t.predicate.as_str() == format!("{SKOS}prefLabel") && literal(&t.object) == subject_label)
            .map(|t| t.subject.clone())
            .unwrap_or_else(|| panic!("no concept labelled {subject_label}"));
        let mut values: Vec<String> = triples
            .iter()
            .filter(|t| t.subject == subject && t.predicate.as_str() == format!("{SKOS}{property}"))
            .map(|t| match &t.object {
                Term::Literal(l) => l.value().to_owned(),
                Term::NamedNode(n) => n.as_str().rsplit(':').next().unwrap_or_default().to_owned(),
                other => other.to_string(),
            })
            .collect();
        values.sort();
        values
    };
    let concepts: BTreeSet<String> = triples
        .iter()
        .filter(|t| t.object.to_string() == format!("<{SKOS}Concept>"))
        .map(|t| t.subject.to_string())
        .collect();
    assert_eq!(concepts.len(), 4, "{concepts:?}");
    assert_eq!(about("Product Owner", "altLabel"), ["Backlog owner", "PO"]);
    assert_eq!(about("Product Owner", "definition"), ["Orders the backlog & accepts the work."]);
    assert_eq!(about("Product Owner", "related"), ["backlog", "manager"], "contrasts_with, accountable_for");
    assert_eq!(about("Product Manager", "related"), ["owner"]);
    assert_eq!(about("Owner, \"the\" one", "altLabel"), ["O\\T", "line \"two\"", "semi; colon"]);
    assert_eq!(about("Owner, \"the\" one", "broader"), ["backlog"], "part_of maps to broader");
    assert_eq!(about("Backlog", "narrower"), ["tricky"]);
    assert!(!site.read("public/glossary.ttl").contains("Hidden"), "drafts are not exported");
}

/// A term as a plain string: `<iri>`, or a literal's value, language and datatype.
fn ox_term(term: &Term) -> String {
    match term {
        Term::Literal(l) => {
            let datatype = if l.language().is_some() { String::new() } else { l.datatype().as_str().to_owned() };
            format!("{:?} {} {datatype}", l.value(), l.language().unwrap_or_default())
        }
        other => other.to_string(),
    }
}

fn own_term(term: &turtle::Term) -> String {
    match term {
        turtle::Term::Iri(iri) => format!("<{iri}>"),
        turtle::Term::Blank(n) => format!("_:{n}"),
        turtle::Term::Literal(l) => {
            let datatype: &str = if l.language.is_some() { "" } else { &l.datatype };
            format!("{:?} {} {datatype}", l.value, l.language.as_deref().unwrap_or_default())
        }
    }
}

#[test]
fn skos_turtle_reads_the_same_with_rolebooks_own_reader() {
    let site = site();
    let mut theirs: Vec<[String; 3]> =
        turtle(&site).iter().map(|t| [t.subject.to_string(), t.predicate.to_string(), ox_term(&t.object)]).collect();
    let parsed = turtle::parse(&site.read("public/glossary.ttl"));
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let mut ours: Vec<[String; 3]> = parsed
        .triples
        .iter()
        .map(|t| [own_term(&t.subject), format!("<{}>", t.predicate), own_term(&t.object)])
        .collect();
    theirs.sort();
    ours.sort();
    assert!(ours.len() > 20, "{ours:?}");
    assert_eq!(ours, theirs);
}

#[test]
fn skos_concepts_use_page_urls_when_base_url_is_absolute() {
    let site = site();
    site.edit(
        "site.toml",
        "title = \"Fixture Roles\"",
        "title = \"Fixture Roles\"\nbase_url = \"https://wiki.example.com/roles\"",
    );
    assert_eq!(site.run(&["build"]).code, 0);
    let subjects: BTreeSet<String> = turtle(&site).iter().map(|t| t.subject.to_string()).collect();
    assert!(subjects.contains("<https://wiki.example.com/roles/owner.html>"), "{subjects:?}");
    assert!(site.read("public/glossary.csv").contains(",https://wiki.example.com/roles/owner.html\r\n"));
}

#[test]
fn graph_json_holds_entries_facets_and_typed_edges() {
    let site = site();
    let graph: serde_json::Value = serde_json::from_str(&site.read("public/graph.json")).unwrap();
    let slugs: Vec<&str> = graph["entries"].as_array().unwrap().iter().map(|e| e["slug"].as_str().unwrap()).collect();
    assert_eq!(slugs, ["backlog", "manager", "owner", "tricky"]);
    let owner = &graph["entries"][2];
    assert_eq!(owner["abbr"], "PO");
    assert_eq!(owner["facets"]["focus"], "Execution");
    assert_eq!(owner["url"], "owner.html");
    let edges: BTreeMap<(String, String), String> = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| ((e["from"].to_string(), e["to"].to_string()), e["relation"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(edges.get(&("\"owner\"".into(), "\"backlog\"".into())).map(String::as_str), Some("accountable_for"));
    assert_eq!(edges.get(&("\"owner\"".into(), "\"manager\"".into())).map(String::as_str), Some("reports_to"));
    assert_eq!(edges.get(&("\"tricky\"".into(), "\"backlog\"".into())).map(String::as_str), Some("part_of"));
    assert_eq!(graph["comparisons"][0]["entries"], serde_json::json!(["owner", "manager"]));
}
