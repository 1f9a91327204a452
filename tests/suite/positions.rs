//! Issue 14.3: diagnostics about typed links point at the relation's own
//! line and underline exactly the name (or key) they are about.

use crate::util::{Run, TestSite};
use serde_json::Value;

/// (line, column, message) of each diagnostic with `code` in `file`.
fn at(run: &Run, code: &str, file: &str) -> Vec<(u64, u64, String)> {
    let list: Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run:?}"));
    list.as_array()
        .expect("array")
        .iter()
        .filter(|d| d["code"] == code && d["file"] == file)
        .map(|d| (d["line"].as_u64().unwrap_or(0), d["column"].as_u64().unwrap_or(0), d["message"].to_string()))
        .collect()
}

const STEWARD: &str = "---\ntitle: Data Steward\nkind: role\nsummary: Keeps definitions straight.\nlinks:\n  \
    works_with: [Product Owner, owner-ish]\n  contrasts_with:\n    - Product Manager\n    - Product Owner\n  \
    wrks_with: [owner]\n---\nBody.\n";

#[test]
fn contrast_not_mutual_points_at_the_name_under_contrasts_with() {
    let site = TestSite::fixture("good");
    site.write("content/steward.md", STEWARD);
    let run = site.run(&["check", "--format", "json"]);
    let found = at(&run, "contrast-not-mutual", "content/steward.md");
    // Line 9 is `    - Product Owner` under contrasts_with, not the works_with line.
    let lines: Vec<(u64, u64)> = found.iter().map(|(l, c, _)| (*l, *c)).collect();
    assert_eq!(lines, [(8, 7), (9, 7)], "{found:?}");
    let human = site.run(&["check"]);
    let block = "  9 |     - Product Owner\n    |       ^^^^^^^^^^^^^\n";
    assert!(human.stderr.contains(block), "{}", human.stderr);
}

#[test]
fn broken_and_unknown_links_underline_the_whole_token() {
    let site = TestSite::fixture("good");
    site.write("content/steward.md", STEWARD);
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(
        at(&run, "broken-link", "content/steward.md").iter().map(|(l, c, _)| (*l, *c)).collect::<Vec<_>>(),
        [(6, 31)]
    );
    assert_eq!(
        at(&run, "unknown-relation", "content/steward.md").iter().map(|(l, c, _)| (*l, *c)).collect::<Vec<_>>(),
        [(10, 3)]
    );
    let human = site.run(&["check"]);
    assert!(
        human.stderr.contains(
            "  6 |   works_with: [Product Owner, owner-ish]\n    |                               ^^^^^^^^^\n"
        ),
        "{}",
        human.stderr
    );
    assert!(human.stderr.contains(" 10 |   wrks_with: [owner]\n     |   ^^^^^^^^^\n"), "{}", human.stderr);
}

#[test]
fn a_name_inside_a_longer_one_is_not_taken_for_it() {
    let site = TestSite::fixture("good");
    site.write(
        "content/steward.md",
        "---\ntitle: Data Steward\nkind: role\nsummary: Keeps definitions straight.\nlinks:\n  \
         contrasts_with: [owner-and-more, owner]\n---\nBody.\n",
    );
    let run = site.run(&["check", "--format", "json"]);
    let found = at(&run, "contrast-not-mutual", "content/steward.md");
    assert_eq!(found.iter().map(|(l, c, _)| (*l, *c)).collect::<Vec<_>>(), [(6, 36)], "{found:?}");
}

#[test]
fn a_name_listed_twice_is_reported_where_it_repeats() {
    let site = TestSite::fixture("good");
    site.write(
        "content/steward.md",
        "---\ntitle: Data Steward\nkind: role\nsummary: Keeps definitions straight.\nlinks:\n  \
         works_with: [owner, manager, owner]\n---\nBody.\n",
    );
    let run = site.run(&["check", "--format", "json"]);
    let found = at(&run, "duplicate-link", "content/steward.md");
    // `  works_with: [owner, manager, ` is 31 characters: the second `owner` is at 32.
    assert_eq!(found.iter().map(|(l, c, _)| (*l, *c)).collect::<Vec<_>>(), [(6, 32)], "{found:?}");
}

#[test]
fn a_required_key_without_a_value_is_underlined_whole() {
    let site = TestSite::fixture("good");
    site.write("content/empty-summary.md", "---\ntitle: Empty\nkind: concept\nsummary:\n---\nBody.\n");
    let run = site.run(&["check"]);
    assert!(run.stderr.contains("  4 | summary:\n    | ^^^^^^^\n"), "{}", run.stderr);
}
