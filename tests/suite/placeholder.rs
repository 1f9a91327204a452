//! Issue 20.3: `placeholder` warnings for TODO/TBD/FIXME/lorem ipsum and
//! example.com/.org addresses, one per occurrence at its line and column;
//! `[rules]` can make them errors.

use crate::util::{Run, TestSite};
use serde_json::Value;

/// (line, column, message) of every `placeholder` in `file`.
fn placeholders(run: &Run, file: &str) -> Vec<(u64, u64, String)> {
    let list: Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run:?}"));
    let mut found: Vec<(u64, u64, String)> = list
        .as_array()
        .expect("array")
        .iter()
        .filter(|d| d["code"] == "placeholder" && d["file"] == file)
        .map(|d| {
            let number = |k: &str| d[k].as_u64().expect("position");
            (number("line"), number("column"), d["message"].as_str().expect("message").to_owned())
        })
        .collect();
    found.sort();
    found
}

#[test]
fn a_fresh_stub_reports_each_todo_and_example_address_where_it_is() {
    let site = TestSite::fixture("good");
    assert_eq!(site.run(&["new", "Data Steward", "--kind", "role"]).code, 0);
    let text = site.read("content/data-steward.md");
    // Every TODO and example.com the stub wrote, found by hand (1-based).
    let mut expected = Vec::new();
    for (number, line) in text.lines().enumerate() {
        for (needle, what) in [("TODO", "text `TODO`"), ("https://example.com/", "address `https://example.com/`")] {
            if let Some(at) = line.find(needle) {
                expected.push((number as u64 + 1, at as u64 + 1, what));
            }
        }
    }
    assert!(expected.len() >= 5, "{text}");
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 0, "placeholders are warnings by default: {run:?}");
    let found = placeholders(&run, "content/data-steward.md");
    let positions: Vec<(u64, u64)> = found.iter().map(|(l, c, _)| (*l, *c)).collect();
    let wanted: Vec<(u64, u64)> = expected.iter().map(|(l, c, _)| (*l, *c)).collect();
    assert_eq!(positions, wanted, "{found:?}\n{text}");
    for ((_, _, message), (_, _, what)) in found.iter().zip(&expected) {
        assert!(message.contains(what), "{message} / {what}");
    }
    let summary = text.lines().position(|l| l.starts_with("summary:")).expect("summary") as u64 + 1;
    assert!(found.iter().any(|(l, _, m)| *l == summary && m.contains("`summary`")), "{found:?}");
}

#[test]
fn rules_can_make_placeholders_errors_with_carets_as_wide_as_the_token() {
    let site = TestSite::fixture("good");
    site.write(
        "content/draft-role.md",
        "---\ntitle: Draft Role\nkind: concept\nsummary: Lorem ipsum dolor sit amet.\n\
         sources:\n  - { title: Real, url: \"http://www.example.org/x\" }\n---\nFIXME and TBD.\n",
    );
    let human = site.run(&["check"]);
    assert_eq!(human.code, 0, "{human:?}");
    assert!(
        human.stderr.contains("warning[placeholder]: placeholder text `Lorem ipsum` in `summary`"),
        "{}",
        human.stderr
    );
    assert!(
        human.stderr.contains("  4 | summary: Lorem ipsum dolor sit amet.\n    |          ^^^^^^^^^^^\n"),
        "{}",
        human.stderr
    );
    let url = "http://www.example.org/x";
    assert!(human.stderr.contains(&format!("|{}{}\n", " ".repeat(26), "^".repeat(url.len()))), "{}", human.stderr);
    let toml = site.read("site.toml");
    let toml = if toml.contains("[rules]") {
        toml.replace("[rules]", "[rules]\nplaceholder = \"error\"")
    } else {
        format!("{toml}\n[rules]\nplaceholder = \"error\"\n")
    };
    site.write("site.toml", &toml);
    let strict = site.run(&["check", "--format", "json"]);
    assert_eq!(strict.code, 1, "{strict:?}");
    let found = placeholders(&strict, "content/draft-role.md");
    let positions: Vec<(u64, u64)> = found.iter().map(|(l, c, _)| (*l, *c)).collect();
    assert_eq!(positions, [(4, 10), (6, 26), (8, 1), (8, 11)], "{found:?}");
    assert!(strict.stdout.contains("\"severity\": \"error\""), "{}", strict.stdout);
    assert_eq!(site.run(&["build"]).code, 1, "an error placeholder fails the build");
}

#[test]
fn comments_code_and_ordinary_words_are_not_placeholders() {
    let site = TestSite::fixture("good");
    site.write(
        "content/clean.md",
        "---\ntitle: Clean\nkind: concept  # TODO: decide the kind\nsummary: \"Writes todo lists; no markers here\"\n\
         sources:\n  - { title: Real, url: \"https://example.community/x\" }\n---\n\
         A `TODO` in code, MYTODO, TODOS.\n\n```\nFIXME https://example.com/\n```\n",
    );
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(placeholders(&run, "content/clean.md"), [], "{}", run.stdout);
}
