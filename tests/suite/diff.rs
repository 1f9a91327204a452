//! `rolebook diff <git-ref>` in a git fixture repository: exactly the
//! entries, relations, fields and diagnostics a commit changed.

use crate::util::TestSite;
use serde_json::{json, Value};
use std::process::Command;

fn git(site: &TestSite, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(site.root())
        .output()
        .expect("run git");
    assert!(status.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&status.stderr));
}

/// The fixture committed once, then a second commit that adds, renames
/// and edits entries.
fn repository() -> TestSite {
    let site = TestSite::fixture("good");
    git(&site, &["init", "-q"]);
    git(&site, &["add", "-A"]);
    git(&site, &["commit", "-q", "-m", "first"]);
    site.write(
        "content/steward.md",
        "---\ntitle: Data Steward\nkind: role\nsummary: Keeps definitions straight.\nlinks:\n  works_with: [owner]\n\
         facets: { focus: Definitions, horizon: Always }\nsources: [{ title: S }]\n---\nSee [[Nobody]].\n",
    );
    git(&site, &["mv", "content/backlog.md", "content/product-backlog.md"]);
    site.edit("content/owner.md", "backlog.md#ordering", "product-backlog.md#ordering");
    site.edit("content/owner.md", "summary: Orders the backlog & accepts the work.", "summary: Orders the backlog.");
    site.edit("content/owner.md", "focus: Execution", "focus: Delivery");
    site.edit("content/owner.md", "  reports_to: [PM]\n", "");
    git(&site, &["add", "-A"]);
    git(&site, &["commit", "-q", "-m", "second"]);
    site
}

fn titles(list: &Value, field: &str) -> Vec<String> {
    list.as_array().unwrap().iter().map(|v| v[field].as_str().unwrap().to_owned()).collect()
}

#[test]
fn lists_exactly_what_the_last_commit_changed() {
    let site = repository();
    let run = site.run(&["diff", "HEAD~1", "--format", "json"]);
    assert_eq!(run.code, 0, "{run:?}");
    let diff: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(titles(&diff["added"], "slug"), ["steward"]);
    assert_eq!(diff["removed"], json!([]));
    assert_eq!(diff["renamed"][0]["from"]["slug"], "backlog");
    assert_eq!(diff["renamed"][0]["to"]["slug"], "product-backlog");
    assert_eq!(diff["renamed"].as_array().unwrap().len(), 1);
    let relation =
        |r: &Value| format!("{} {} {}", r["from"].as_str().unwrap(), r["relation"], r["to"].as_str().unwrap());
    let added: Vec<String> = diff["relations_added"].as_array().unwrap().iter().map(relation).collect();
    let removed: Vec<String> = diff["relations_removed"].as_array().unwrap().iter().map(relation).collect();
    assert_eq!(added, ["owner \"works_with\" steward"]);
    assert_eq!(removed, ["owner \"reports_to\" manager"]);
    assert_eq!(titles(&diff["changed"].as_array().unwrap()[0]["changes"], "field"), ["summary", "facets.focus"]);
    assert_eq!(diff["changed"].as_array().unwrap().len(), 1);
    assert_eq!(diff["changed"][0]["entry"]["slug"], "owner");
    let codes: Vec<String> =
        diff["new_diagnostics"].as_array().unwrap().iter().map(|d| format!("{} {}", d["code"], d["file"])).collect();
    assert_eq!(codes, ["\"broken-link\" \"content/steward.md\""]);
}

#[test]
fn markdown_is_ready_for_a_pull_request_comment() {
    let site = repository();
    let run = site.run(&["diff", "HEAD~1"]);
    assert_eq!(run.code, 0, "{run:?}");
    let text = run.stdout;
    assert!(text.starts_with("### Knowledge-base changes against `HEAD~1`"), "{text}");
    for line in [
        "#### Added entries",
        "- **Data Steward** (Role, `content/steward.md`)",
        "- **Backlog** (Concept, `content/backlog.md`) → **Backlog** (Concept, `content/product-backlog.md`)",
        "- Product Owner → *Reports to* → Product Manager",
        "  - Primary focus: “Execution” → “Delivery”",
        "**error** `broken-link` `content/steward.md:10`",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
}

#[test]
fn sees_uncommitted_changes_and_reports_no_change_when_there_is_none() {
    let site = repository();
    assert!(site.run(&["diff", "HEAD"]).stdout.contains("No changes"));
    std::fs::remove_file(site.path("content/manager.md")).unwrap();
    let text = site.run(&["diff", "HEAD"]).stdout;
    assert!(text.contains("#### Removed entries"), "{text}");
    assert!(
        text.contains("**Product Manager** (Role, `content/manager.md`): removes 1 link to Product Manager"),
        "{text}"
    );
}

#[test]
fn an_unknown_ref_is_a_usage_error() {
    let site = repository();
    let run = site.run(&["diff", "no-such-branch"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("`no-such-branch` is not a commit"), "{}", run.stderr);
    assert_eq!(site.run(&["diff", "--", "--output=x"]).code, 2);
}
