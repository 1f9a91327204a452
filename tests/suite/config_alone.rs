//! Issue 14.3: a broken site.toml is reported alone: content is not
//! checked against a half-read config.

use crate::util::TestSite;
use serde_json::Value;

fn files(stdout: &str) -> Vec<String> {
    let list: Value = serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    list.as_array().expect("array").iter().map(|d| format!("{} {}", d["file"], d["code"])).collect()
}

#[test]
fn a_syntax_error_in_site_toml_is_the_only_problem_reported() {
    let site = TestSite::fixture("good");
    let toml = site.read("site.toml");
    site.write("site.toml", &toml.replacen("[kinds.role]", "[kinds.role", 1));
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(files(&run.stdout), ["\"site.toml\" \"invalid-config\""], "{}", run.stdout);
    let human = site.run(&["check"]);
    assert!(human.stderr.contains("content was not checked: fix site.toml first"), "{}", human.stderr);
    let build = site.run(&["build"]);
    assert_eq!(build.code, 1);
    assert!(!build.stderr.contains("content/"), "{}", build.stderr);
}

#[test]
fn a_wrong_value_in_site_toml_is_reported_alone_too() {
    let site = TestSite::fixture("good");
    let toml = site.read("site.toml");
    site.write("site.toml", &format!("{toml}\n[relations.broken]\ninverse = 3\n"));
    let run = site.run(&["check", "--format", "json"]);
    let found = files(&run.stdout);
    assert!(!found.is_empty() && found.iter().all(|f| f.starts_with("\"site.toml\"")), "{found:?}");
    let fine = TestSite::fixture("good");
    let run = fine.run(&["check"]);
    assert!(!run.stderr.contains("content was not checked"), "{}", run.stderr);
}
