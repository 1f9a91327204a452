//! The data-catalog exports (issue 19): `glossary.datahub.yml` read back
//! with a YAML parser and `glossary.openmetadata.csv` with the `csv` crate,
//! both checked against `graph.json` of the same build of the bundled
//! knowledge base (every entry and relation present), and against the
//! governance fixture for owners and statuses.

use crate::util::TestSite;
use serde_json::Value as Json;
use serde_yaml::Value as Yaml;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The bundled knowledge base built into a temporary folder.
fn bundled() -> TestSite {
    let site = TestSite::empty();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = site.path("public");
    let run = site.run(&["build", "--root", &root.to_string_lossy(), "--output", &out.to_string_lossy()]);
    assert_eq!(run.code, 0, "{run:?}");
    site
}

fn governance() -> TestSite {
    let site = TestSite::fixture("governance");
    assert_eq!(site.run(&["build"]).code, 0);
    site
}

fn graph(site: &TestSite) -> Json {
    serde_json::from_str(&site.read("public/graph.json")).expect("graph.json parses")
}

/// DataHub terms by `rolebook_slug`, each with its path and the paths it
/// relates to.
struct Term {
    path: String,
    yaml: Yaml,
    related: BTreeSet<String>,
}

fn datahub_terms(site: &TestSite) -> BTreeMap<String, Term> {
    let text = site.read("public/glossary.datahub.yml");
    let doc: Yaml = serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("the YAML does not parse: {e}\n{text}"));
    assert_eq!(doc["version"].as_str(), Some("1"));
    assert_eq!(doc["source"].as_str(), Some("DataHub"));
    assert!(doc["owners"].is_mapping(), "DataHub requires the glossary's owners");
    // Only the keys the format defines (DataHub rejects others).
    let allowed = [
        "id",
        "name",
        "description",
        "term_source",
        "source_ref",
        "source_url",
        "owners",
        "inherits",
        "contains",
        "values",
        "related_terms",
        "custom_properties",
        "knowledge_links",
        "domain",
    ];
    let mut terms = BTreeMap::new();
    for node in doc["nodes"].as_sequence().expect("nodes") {
        let node_name = node["name"].as_str().expect("a node name");
        for term in node["terms"].as_sequence().expect("terms") {
            for key in term.as_mapping().expect("a term").keys() {
                assert!(allowed.contains(&key.as_str().unwrap_or("")), "unknown term key {key:?}");
            }
            let slug = term["custom_properties"]["rolebook_slug"].as_str().expect("a slug").to_owned();
            let mut related = BTreeSet::new();
            for key in ["inherits", "contains", "related_terms"] {
                for path in term[key].as_sequence().into_iter().flatten() {
                    related.insert(path.as_str().expect("a path").to_owned());
                }
            }
            let path = format!("{node_name}.{}", term["name"].as_str().expect("a term name"));
            terms.insert(slug, Term { path, yaml: term.clone(), related });
        }
    }
    terms
}

/// An entry's owners from graph.json as catalogs split them: people
/// (`@handle`) and groups (`@org/team` → `team`, free text as written).
fn owners_of(entry: &Json) -> (Vec<String>, Vec<String>) {
    let (mut users, mut groups) = (Vec::new(), Vec::new());
    for owner in entry["owners"].as_array().expect("owners").iter().filter_map(Json::as_str) {
        match owner.strip_prefix('@') {
            Some(handle) => match handle.rsplit_once('/') {
                Some((_, team)) => groups.push(team.to_owned()),
                None => users.push(handle.to_owned()),
            },
            None => groups.push(owner.to_owned()),
        }
    }
    (users, groups)
}

fn openmetadata_rows(site: &TestSite) -> (Vec<String>, BTreeMap<String, Vec<String>>) {
    let text = site.read("public/glossary.openmetadata.csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers().expect("a header").iter().map(str::to_owned).collect();
    let rows = reader
        .records()
        .map(|r| r.expect("a row").iter().map(str::to_owned).collect::<Vec<String>>())
        .map(|row| (row[1].clone(), row))
        .collect();
    (headers, rows)
}

#[test]
fn datahub_glossary_holds_every_entry_and_relation_of_the_bundled_site() {
    let site = bundled();
    let graph = graph(&site);
    let terms = datahub_terms(&site);
    let entries = graph["entries"].as_array().expect("entries");
    assert!(entries.len() > 20, "the bundled site has its entries");
    assert_eq!(terms.len(), entries.len(), "one term per entry");
    for entry in entries {
        let slug = entry["slug"].as_str().unwrap();
        let term = terms.get(slug).unwrap_or_else(|| panic!("no term for {slug}"));
        assert_eq!(term.yaml["description"].as_str(), entry["summary"].as_str(), "{slug}");
        assert!(term.yaml["source_url"].as_str().unwrap().ends_with(&format!("{slug}.html")));
        let listed = |key: &str| -> Vec<String> {
            let list = term.yaml["owners"][key].as_sequence().cloned().unwrap_or_default();
            list.iter().filter_map(|o| o.as_str().map(str::to_owned)).collect()
        };
        let (users, groups) = owners_of(entry);
        assert!(!groups.is_empty(), "{slug}: the bundled site names owners for every entry");
        assert_eq!((listed("users"), listed("groups")), (users, groups), "{slug}: owners");
        let page = site.read(&format!("public/{slug}.html"));
        assert!(page.contains("<p class=\"owners meta-line\">Ask: @wiki/"), "{slug}: the page names no owner");
    }
    let mut checked = 0;
    for edge in graph["edges"].as_array().expect("edges") {
        let (from, to) = (edge["from"].as_str().unwrap(), edge["to"].as_str().unwrap());
        if from == to {
            continue;
        }
        let target = &terms[to].path;
        assert!(terms[from].related.contains(target), "{from} does not name {target} ({edge})");
        assert!(terms[to].related.contains(&terms[from].path), "{to} does not name {from} back");
        checked += 1;
    }
    assert!(checked > 20, "the bundled site has relations");
    // Every path a term names is a term in the file.
    let paths: BTreeSet<&String> = terms.values().map(|t| &t.path).collect();
    for term in terms.values() {
        for path in &term.related {
            assert!(paths.contains(path), "{} names the unknown term {path}", term.path);
        }
    }
}

#[test]
fn openmetadata_csv_holds_every_entry_and_relation_of_the_bundled_site() {
    let site = bundled();
    let graph = graph(&site);
    let (headers, rows) = openmetadata_rows(&site);
    assert_eq!(
        headers,
        [
            "parent",
            "name*",
            "displayName",
            "description",
            "synonyms",
            "relatedTerms",
            "references",
            "tags",
            "reviewers",
            "owner",
            "glossaryStatus",
            "color",
            "iconURL",
            "extension"
        ]
    );
    let glossary = graph["title"].as_str().unwrap().replace('.', "");
    let entries = graph["entries"].as_array().unwrap();
    assert_eq!(rows.len(), entries.len());
    for entry in entries {
        let slug = entry["slug"].as_str().unwrap();
        let row = &rows[slug];
        assert_eq!(row[2], entry["title"].as_str().unwrap());
        assert_eq!(row[3], entry["summary"].as_str().unwrap());
        let synonyms: Vec<&str> = row[4].split(';').filter(|s| !s.is_empty()).collect();
        let mut expected: Vec<&str> = entry["abbr"].as_str().into_iter().collect();
        expected.extend(entry["aliases"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()));
        assert_eq!(synonyms, expected, "{slug}");
        assert!(row[6].starts_with(&format!("{};", entry["title"].as_str().unwrap())), "{slug}: {}", row[6]);
        assert!(["Draft", "Approved", "Deprecated"].contains(&row[10].as_str()), "{slug}: {}", row[10]);
        let (users, groups) = owners_of(entry);
        let expected: Vec<String> =
            users.iter().map(|u| format!("user;{u}")).chain(groups.iter().map(|g| format!("team;{g}"))).collect();
        assert_eq!(row[9], expected.join(";"), "{slug}: owner");
    }
    for edge in graph["edges"].as_array().unwrap() {
        let (from, to) = (edge["from"].as_str().unwrap(), edge["to"].as_str().unwrap());
        if from == to {
            continue;
        }
        let fqn = format!("{glossary}.{to}");
        let named = rows[from][5].split(';').any(|t| t.rsplit(':').next() == Some(fqn.as_str()) || t == fqn);
        assert!(named, "{from} does not relate to {fqn}: {}", rows[from][5]);
    }
}

#[test]
fn both_exports_carry_owners_and_statuses() {
    let site = governance();
    let terms = datahub_terms(&site);
    let owners = |slug: &str, key: &str| -> Vec<String> {
        let list = terms[slug].yaml["owners"][key].as_sequence().cloned().unwrap_or_default();
        list.iter().map(|v| v.as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(owners("data-steward", "users"), ["jane"]);
    assert_eq!(owners("data-steward", "groups"), ["Data Office"]);
    assert_eq!(owners("data-owner", "groups"), ["data-office"]);
    // The kind's default from site.toml.
    assert_eq!(owners("records-keeper", "groups"), ["people-ops"]);
    let custodian = &terms["data-custodian"].yaml;
    assert_eq!(custodian["custom_properties"]["status"].as_str(), Some("deprecated"));
    assert_eq!(custodian["custom_properties"]["superseded_by"].as_str(), Some("Roles.Data Owner"));
    assert_eq!(terms["data-custodian"].path, "Roles.Data Custodian");
    let (_, rows) = openmetadata_rows(&site);
    assert_eq!(rows["data-steward"][8], "jane", "reviewers");
    assert_eq!(rows["data-steward"][9], "user;jane;team;Data Office", "owner");
    assert_eq!(rows["data-steward"][10], "Draft");
    assert_eq!(rows["data-custodian"][10], "Deprecated");
    assert!(rows["data-custodian"][3].contains("use Data Owner (`Governed Glossary.data-owner`) instead"));
    assert_eq!(rows["data-product"][9], "team;glossary", "the site-wide default owner");
    // --approved-only leaves the proposed entry out of both.
    assert_eq!(site.run(&["build", "--approved-only"]).code, 0);
    assert!(!datahub_terms(&site).contains_key("data-steward"));
    assert!(!openmetadata_rows(&site).1.contains_key("data-steward"));
}
