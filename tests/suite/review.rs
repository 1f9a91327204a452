//! The `check` warnings a pull-request reviewer wants: a stale `updated`,
//! two entries with the same summary, a relation to a draft entry.

use crate::util::TestSite;

fn warnings(site: &TestSite) -> Vec<String> {
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 0, "{run:?}");
    let list: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    list.as_array()
        .unwrap()
        .iter()
        .map(|d| format!("{} {} {}", d["code"].as_str().unwrap(), d["file"].as_str().unwrap(), d["line"]))
        .collect()
}

#[test]
fn warns_when_updated_is_older_than_the_threshold() {
    let site = TestSite::fixture("good");
    site.edit("site.toml", "title = \"Fixture Roles\"", "title = \"Fixture Roles\"\nstale_after_days = 30");
    site.edit("content/owner.md", "updated: 2026-11-01", "updated: 2001-01-01");
    let list = warnings(&site);
    assert!(list.contains(&"stale content/owner.md 23".to_owned()), "{list:?}");
    assert_eq!(list.iter().filter(|w| w.starts_with("stale")).count(), 1, "{list:?}");
    assert_eq!(site.run(&["check", "--deny-warnings"]).code, 1);
}

#[test]
fn warns_about_two_entries_with_the_same_summary() {
    let site = TestSite::fixture("good");
    site.edit(
        "content/manager.md",
        "Decides which problems are worth solving.",
        "Orders the backlog & accepts the work.",
    );
    let list = warnings(&site);
    let duplicates: Vec<&String> = list.iter().filter(|w| w.starts_with("duplicate-summary")).collect();
    assert_eq!(duplicates, ["duplicate-summary content/owner.md 6"], "{list:?}");
}

#[test]
fn warns_about_a_relation_to_a_draft() {
    let site = TestSite::fixture("good");
    site.edit("content/backlog.md", "kind: concept", "kind: concept\ndraft: true");
    let list = warnings(&site);
    let drafts: Vec<&String> = list.iter().filter(|w| w.starts_with("link-to-draft")).collect();
    // The typed link (at `Backlog` under `accountable_for:`) and the two body links to the draft.
    let expected =
        ["link-to-draft content/owner.md 10", "link-to-draft content/owner.md 26", "link-to-draft content/owner.md 30"];
    assert_eq!(drafts, expected, "{list:?}");
}
