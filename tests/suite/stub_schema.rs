//! Issue 20.2: what `rolebook new` and `rolebook init` write validates
//! against what `rolebook schema` prints, and the schema and the loader
//! agree on a `null` (a key with nothing after it).

use crate::util::{Run, TestSite};
use serde_json::Value;
use std::path::Path;

fn compile(schema: Value) -> (boon::Schemas, boon::SchemaIndex) {
    let mut schemas = boon::Schemas::new();
    let mut compiler = boon::Compiler::new();
    compiler.add_resource("rolebook.schema.json", schema).expect("add schema");
    let index = compiler.compile("rolebook.schema.json", &mut schemas).expect("compile schema");
    (schemas, index)
}

/// The schema `rolebook schema` prints for `site`, compiled.
fn validator(site: &TestSite, root: &str) -> impl Fn(&Value) -> Option<String> {
    let run = site.run(&["schema", "--root", root]);
    assert_eq!(run.code, 0, "{run:?}");
    let (schemas, index) = compile(serde_json::from_str(&run.stdout).expect("schema JSON"));
    move |value| schemas.validate(value, index).err().map(|e| format!("{e:#}"))
}

/// The front matter of a Markdown text as JSON, read the way YAML reads it.
fn front_matter(text: &str) -> Value {
    let text = text.strip_prefix("---\n").expect("front matter");
    let yaml = &text[..text.find("\n---").expect("closing fence")];
    serde_yaml::from_str(yaml).expect("YAML")
}

fn kinds_of(site: &TestSite, root: &str) -> Vec<String> {
    let run = site.run(&["schema", "--root", root]);
    let schema: Value = serde_json::from_str(&run.stdout).expect("schema JSON");
    let kinds = schema["$defs"]["entry"]["properties"]["kind"]["enum"].as_array().expect("kind enum").clone();
    kinds.iter().filter_map(Value::as_str).map(str::to_owned).collect()
}

/// `new` once per kind of the site under `root`; every stub validates.
fn every_kind_validates(site: &TestSite, root: &str) -> usize {
    let valid = validator(site, root);
    let kinds = kinds_of(site, root);
    assert!(!kinds.is_empty(), "no kinds in {root}");
    for kind in &kinds {
        let title = format!("Stub Of Kind {kind}");
        let run: Run = site.run(&["new", &title, "--kind", kind, "--root", root]);
        assert_eq!(run.code, 0, "{run:?}");
        let path = run.stdout.trim().to_owned();
        let text = std::fs::read_to_string(site.root().join(&path)).expect("stub");
        assert!(text.contains("links: {}"), "{text}");
        let value = front_matter(&text);
        assert!(value["links"].is_object(), "links is not a map in\n{text}");
        if let Some(errors) = valid(&value) {
            panic!("`new --kind {kind}` in {root} does not validate:\n{errors}\n{text}");
        }
    }
    kinds.len()
}

#[test]
fn every_archetype_of_the_bundled_site_validates() {
    let site = TestSite::empty();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    site.write("bundled/site.toml", &std::fs::read_to_string(repo.join("site.toml")).expect("site.toml"));
    assert_eq!(every_kind_validates(&site, "bundled"), 3);
}

#[test]
fn every_archetype_and_file_of_an_init_site_validates() {
    let site = TestSite::empty();
    assert_eq!(site.run(&["init", "fresh"]).code, 0);
    let valid = validator(&site, "fresh");
    let mut files = Vec::new();
    for item in walk(&site.path("fresh/content")) {
        files.push(item.clone());
        let value = front_matter(&std::fs::read_to_string(&item).expect("read"));
        assert_eq!(valid(&value), None, "{}", item.display());
    }
    assert!(files.len() >= 5, "{files:?}");
    assert!(every_kind_validates(&site, "fresh") >= 2);
}

#[test]
fn every_archetype_of_every_fixture_site_validates() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut checked = 0;
    for item in std::fs::read_dir(&fixtures).expect("fixtures").flatten() {
        let Some(name) = item.file_name().to_str().map(str::to_owned) else { continue };
        if !item.path().join("site.toml").is_file() {
            continue;
        }
        let site = TestSite::fixture(&name);
        // A fixture made to break site.toml has no kinds to stub.
        if kinds_of(&site, ".").is_empty() {
            continue;
        }
        // Stubs go into a copy holding only site.toml: titles may clash with the fixture's.
        site.write("stubs/site.toml", &site.read("site.toml"));
        checked += every_kind_validates(&site, "stubs");
    }
    assert!(checked >= 2, "only {checked} kinds checked");
}

#[test]
fn the_schema_and_the_loader_agree_on_null() {
    let site = TestSite::fixture("good");
    let valid = validator(&site, ".");
    let optional = ["slug", "abbr", "aliases", "tags", "links", "facets", "responsibilities", "skills", "decisions"];
    let more = ["sources", "updated", "draft"];
    for key in optional.iter().chain(&more) {
        let text = format!("---\ntitle: Null {key}\nkind: role\nsummary: Has a null {key}.\n{key}:\n---\nBody.\n");
        site.write("content/null-field.md", &text);
        assert_eq!(valid(&front_matter(&text)), None, "the schema refuses `{key}: null`");
        let run = site.run(&["check", "--format", "json"]);
        let list: Value = serde_json::from_str(&run.stdout).expect("json");
        let errors: Vec<&Value> = list
            .as_array()
            .expect("array")
            .iter()
            .filter(|d| d["file"] == "content/null-field.md" && d["severity"] == "error")
            .collect();
        assert!(errors.is_empty(), "the loader refuses `{key}: null`: {errors:?}");
    }
    for key in ["title", "summary"] {
        let mut text = "---\ntitle: Required\nkind: role\nsummary: Has one.\n---\nBody.\n".to_owned();
        text = text.replace(&format!("{key}: "), &format!("{key}:\n# was: "));
        site.write("content/null-field.md", &text);
        assert!(valid(&front_matter(&text)).is_some(), "the schema accepts `{key}: null`\n{text}");
        let run = site.run(&["check", "--format", "json"]);
        assert!(run.stdout.contains("\"missing-field\""), "the loader accepts `{key}: null`: {}", run.stdout);
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for item in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = item.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    out.sort();
    out
}
