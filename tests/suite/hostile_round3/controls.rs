//! Control characters and noncharacters in every field an entry has, and in
//! site.toml (raw C1 characters and `\u` escapes), reach no output file.
//! `tests/browser/controls.test.js` runs the Nu HTML checker on the same
//! fixture.

use crate::util::{snapshot, TestSite};
use serde_json::Value;

fn banned(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        let code = u32::from(c);
        (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
            || (0xFDD0..=0xFDEF).contains(&code)
            || code & 0xFFFE == 0xFFFE
    })
}

#[test]
fn every_output_file_of_the_controls_fixture_is_clean_and_parses() {
    let site = TestSite::fixture("controls");
    let run = site.run(&["check", "--format", "json"]);
    let list: Vec<Value> = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run:?}"));
    let config: Vec<u64> = list
        .iter()
        .filter(|d| d["file"] == "site.toml" && d["code"] == "control-character")
        .map(|d| d["line"].as_u64().unwrap_or(0))
        .collect();
    assert_eq!(config, [1, 2, 6, 7, 15, 21], "{list:#?}");
    assert!(list.iter().all(|d| d["severity"] != "error"), "{list:#?}");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut reached = 0;
    for (path, bytes) in snapshot(&site.path("public")) {
        let text = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(banned(&text), None, "{path}");
        if path.ends_with(".json") {
            serde_json::from_str::<Value>(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        }
        reached += usize::from(text.contains("Controls"));
    }
    assert!(reached >= 8, "the entry reached only {reached} files");
    assert!(site.read("public/index.html").contains("<title>Controls  site</title>"));
    let page = site.read("public/controls.html");
    for text in ["Heading", "Column", "cell", "code", "link text", "wiki text", "Facet", "Alias", "Responsibility"] {
        assert!(page.contains(text), "{text} is missing from the page");
    }
    assert!(site.read("public/glossary.ttl").contains("\"Controls\""));
}
