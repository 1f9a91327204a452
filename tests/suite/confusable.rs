//! Issue 15: two entries whose titles differ only by look-alike letters
//! from another script get a `confusable-name` warning naming both.

use crate::util::TestSite;
use serde_json::Value;

fn confusables(site: &TestSite) -> Vec<(String, u64, u64, String)> {
    let run = site.run(&["check", "--format", "json"]);
    let list: Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run:?}"));
    list.as_array()
        .expect("array")
        .iter()
        .filter(|d| d["code"] == "confusable-name")
        .map(|d| {
            let text = |k: &str| d[k].as_str().unwrap_or("").to_owned();
            (text("file"), d["line"].as_u64().unwrap_or(0), d["column"].as_u64().unwrap_or(0), text("message"))
        })
        .collect()
}

fn entry(title: &str) -> String {
    format!("---\ntitle: {title}\nkind: role\nsummary: Owns {}.\n---\nSee [[owner]].\n", title.len())
}

#[test]
fn a_cyrillic_a_in_a_title_is_reported_naming_both_entries() {
    let site = TestSite::fixture("good");
    site.write("content/data-owner.md", &entry("Data Owner"));
    site.write("content/data-owner-2.md", &entry("D\u{430}ta Owner"));
    let found = confusables(&site);
    assert_eq!(found.len(), 1, "{found:?}");
    let (file, line, column, message) = &found[0];
    assert_eq!((file.as_str(), *line, *column), ("content/data-owner-2.md", 2, 8));
    assert!(message.contains("`D\u{430}ta Owner` looks the same as `Data Owner` (content/data-owner.md)"), "{message}");
    assert!(message.contains("`\u{430}` (U+0430, Cyrillic) for `a`"), "{message}");
    let human = site.run(&["check"]);
    assert_eq!(human.code, 0, "a warning: {}", human.stderr);
    assert!(human.stderr.contains("warning[confusable-name]"), "{}", human.stderr);
}

#[test]
fn greek_capitals_count_too_and_rules_can_make_it_an_error() {
    let site = TestSite::fixture("good");
    site.write("content/ops.md", &entry("OPS Lead"));
    site.write("content/ops-greek.md", &entry("\u{39f}\u{3a1}S Lead"));
    assert_eq!(confusables(&site).len(), 1);
    let toml = site.read("site.toml");
    let toml = if toml.contains("[rules]") {
        toml.replace("[rules]", "[rules]\nconfusable-name = \"error\"")
    } else {
        format!("{toml}\n[rules]\nconfusable-name = \"error\"\n")
    };
    site.write("site.toml", &toml);
    assert_eq!(site.run(&["check"]).code, 1);
}

#[test]
fn different_words_other_scripts_and_case_alone_are_not_confusable() {
    let site = TestSite::fixture("good");
    site.write("content/a.md", &entry("Data Owner"));
    site.write("content/b.md", &entry("Data Owners"));
    site.write("content/c.md", &entry("Дата Овнер"));
    site.write("content/d.md", &entry("Café Owner"));
    assert_eq!(confusables(&site), []);
}
