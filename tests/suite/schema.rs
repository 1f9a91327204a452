//! `rolebook schema`: a draft 2020-12 schema that accepts every entry of
//! the bundled knowledge base and rejects wrong types, validated with a
//! real JSON-Schema validator (boon).

use crate::util::TestSite;
use rolebook::load::fields::{names, ENTRY_FIELDS};
use serde_json::Value;
use std::path::Path;

/// The schema the binary prints for the site at `root`, compiled.
struct Validator {
    schemas: boon::Schemas,
    index: boon::SchemaIndex,
    raw: Value,
}

impl Validator {
    fn for_site(root: &Path) -> Self {
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_rolebook"))
            .args(["schema", "--root"])
            .arg(root)
            .output()
            .unwrap();
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        let raw: Value = serde_json::from_slice(&run.stdout).unwrap();
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        compiler.add_resource("rolebook.schema.json", raw.clone()).unwrap();
        let index = compiler.compile("rolebook.schema.json", &mut schemas).unwrap();
        Validator { schemas, index, raw }
    }

    fn errors(&self, front_matter: &Value) -> Option<String> {
        self.schemas.validate(front_matter, self.index).err().map(|e| format!("{e:#}"))
    }
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// YAML front matter of a Markdown file → JSON value.
fn front_matter(text: &str) -> Value {
    let text = text.strip_prefix("---\n").expect("front matter");
    let yaml = &text[..text.find("\n---").expect("closing fence")];
    serde_yaml::from_str(yaml).unwrap()
}

fn markdown_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for item in std::fs::read_dir(dir).unwrap().flatten() {
        let path = item.path();
        if path.is_dir() {
            files.extend(markdown_files(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    files
}

#[test]
fn is_draft_2020_12_and_lists_the_sites_vocabulary() {
    let validator = Validator::for_site(repo());
    let schema = &validator.raw;
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    let entry = &schema["$defs"]["entry"]["properties"];
    assert_eq!(entry["kind"]["enum"], serde_json::json!(["role", "concept", "guide"]));
    for key in ["works_with", "accountable_for", "owned_by", "specialized_by"] {
        assert!(entry["links"]["properties"][key].is_object(), "relation key {key} missing");
    }
    assert!(entry["facets"]["properties"]["decision_authority"].is_object());
    let part = &schema["$defs"]["decision"]["properties"]["part"]["enum"];
    assert_eq!(*part, serde_json::json!(["decides", "consulted", "informed"]));
}

#[test]
fn accepts_every_entry_and_comparison_in_the_repository() {
    let validator = Validator::for_site(repo());
    let files = markdown_files(&repo().join("content"));
    assert!(files.len() > 20, "{files:?}");
    for file in files {
        let value = front_matter(&std::fs::read_to_string(&file).unwrap());
        if let Some(errors) = validator.errors(&value) {
            panic!("{} does not validate:\n{errors}", file.display());
        }
    }
}

/// The errors the loader reports for front matter `value`.
fn loader_errors(value: &Value) -> Vec<String> {
    let yaml = serde_yaml::to_string(value).unwrap();
    let mut diagnostics = rolebook::diag::Diagnostics::new();
    rolebook::load::parse_document("content/x.md".into(), "x.md".into(), format!("---\n{yaml}---\n"), &mut diagnostics);
    let list = diagnostics.finish(&Default::default());
    list.iter().filter(|d| d.severity == rolebook::diag::Severity::Error).map(|d| d.message.clone()).collect()
}

/// One valid value for every entry field; the loader must accept it too.
fn full_entry() -> Value {
    front_matter(
        "---\ntitle: Data Steward\nslug: data-steward\nabbr: DS\naliases: [Steward]\nkind: role\n\
         summary: Keeps data definitions straight.\ntags: [governance]\nlinks:\n  works_with: data-owner\n  \
         owned_by: [data-product]\nfacets:\n  focus: Definitions\nresponsibilities: [Curates terms]\n\
         skills: [Patience]\ndecisions:\n  - { decision: Term definitions, part: decides }\n\
         sources:\n  - { title: A, url: \"https://example.com\", publisher: B }\nupdated: 2026-01-31\ndraft: false\n\
         status: deprecated\nsuperseded_by: data-owner\ndeprecated_on: 2026-02-01\ndeprecation_note: Merged.\n\
         owners: [\"@acme/data-office\"]\nreviewed: 2026-01-15\nmoved_from: [data-custodian]\n---\n",
    )
}

#[test]
fn the_schema_and_the_loader_agree_on_every_field() {
    let validator = Validator::for_site(repo());
    let entry = full_entry();
    let keys: Vec<&str> = entry.as_object().unwrap().keys().map(String::as_str).collect();
    let mut expected = names(ENTRY_FIELDS);
    expected.sort_unstable();
    let mut keys = keys;
    keys.sort_unstable();
    assert_eq!(keys, expected, "add the new field to full_entry()");
    assert_eq!(validator.errors(&entry), None);
    assert_eq!(loader_errors(&entry), Vec::<String>::new());
    for key in names(ENTRY_FIELDS) {
        let mut wrong = entry.clone();
        let value = &wrong[key];
        wrong[key] = if value.is_array() || value.is_object() && key != "links" && key != "facets" {
            serde_json::json!(3)
        } else if value.is_object() {
            serde_json::json!(["x"])
        } else {
            serde_json::json!({ "x": 1 })
        };
        assert!(validator.errors(&wrong).is_some(), "the schema accepts a wrong-typed `{key}`");
        let errors = loader_errors(&wrong);
        assert!(errors.iter().any(|e| e.contains(&format!("`{key}`"))), "the loader accepts a wrong-typed `{key}`");
    }
}

#[test]
fn rejects_wrong_types_unknown_kinds_relations_and_parts() {
    let validator = Validator::for_site(repo());
    let owner = front_matter(&std::fs::read_to_string(repo().join("content/data-product-owner.md")).unwrap());
    for (key, value) in [
        ("tags", serde_json::json!("delivery")),
        ("draft", serde_json::json!("yes")),
        ("kind", serde_json::json!("roel")),
        ("links", serde_json::json!({ "wroks_with": ["data-owner"] })),
        ("decisions", serde_json::json!([{ "decision": "x", "part": "owns" }])),
        ("updated", serde_json::json!("23.11.2026")),
        ("sumary", serde_json::json!("typo")),
    ] {
        let mut entry = owner.clone();
        entry[key] = value;
        assert!(validator.errors(&entry).is_some(), "accepted a bad `{key}`");
    }
}

#[test]
fn validates_the_scaffold_of_init_and_the_file_it_writes() {
    let site = TestSite::empty();
    assert_eq!(site.run(&["init"]).code, 0);
    let validator = Validator::for_site(site.root());
    let written: Value = serde_json::from_str(&site.read("rolebook.schema.json")).unwrap();
    assert_eq!(written, validator.raw, "init writes what `schema` prints");
    for file in markdown_files(&site.path("content")) {
        let value = front_matter(&std::fs::read_to_string(&file).unwrap());
        assert_eq!(validator.errors(&value), None, "{}", file.display());
    }
}
