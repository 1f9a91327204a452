//! File names and `slug:` values that try to escape the output folder,
//! collide on case-insensitive or normalizing file systems, or name devices.

use crate::util::TestSite;
use serde_json::Value;

fn entry(title: &str, extra: &str) -> String {
    format!("---\ntitle: {title}\nkind: concept\nsummary: About {title}.\n{extra}---\nBody.\n")
}

/// (code, message) of every error.
fn errors(site: &TestSite) -> Vec<(String, String)> {
    let run = site.run(&["check", "--format", "json"]);
    let list: Vec<Value> = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run:?}"));
    list.iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| (d["code"].as_str().unwrap_or("").to_owned(), d["message"].as_str().unwrap_or("").to_owned()))
        .collect()
}

#[test]
fn colliding_and_reserved_file_names_are_errors_before_any_write() {
    let site = TestSite::fixture("good");
    site.write("content/Data.md", &entry("Data One", ""));
    site.write("content/data.md", &entry("Data Two", ""));
    site.write("content/caf\u{e9}.md", &entry("Cafe One", ""));
    site.write("content/cafe\u{301}.md", &entry("Cafe Two", ""));
    site.write("content/con.md", &entry("Console", ""));
    site.write("content/%2e%2e.md", &entry("Percent", ""));
    site.write("content/   .md", &entry("Spaces", ""));
    let found = errors(&site);
    let has = |code: &str, part: &str| found.iter().any(|(c, m)| c == code && m.contains(part));
    assert!(has("duplicate-slug", "`data`") && has("duplicate-slug", "`cafe`"), "{found:#?}");
    assert!(has("invalid-slug", "`con` is reserved"), "{found:#?}");
    assert!(has("invalid-slug", "file name `   `"), "{found:#?}");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1);
    assert!(!site.path("public").exists(), "nothing is written");
}

#[test]
fn slugs_with_separators_dots_nul_or_url_syntax_are_refused() {
    let site = TestSite::fixture("good");
    let slugs = ["a/b", "a\\\\b", "..", "x\\u0000y", "q?#f", "../../etc/x", "%2e%2e", "CON", " ", "index", "assets"];
    for (i, slug) in slugs.iter().enumerate() {
        site.write(&format!("content/s{i}.md"), &entry(&format!("Slug {i}"), &format!("slug: \"{slug}\"\n")));
    }
    let found = errors(&site);
    for slug in ["a/b", "a\\b", "..", "q?#f", "../../etc/x", "%2e%2e", "CON", "index", "assets"] {
        assert!(
            found.iter().any(|(c, m)| c == "invalid-slug" && m.contains(&format!("`{slug}`"))),
            "{slug}: {found:#?}"
        );
    }
    // A NUL written as a YAML escape is removed like any control character.
    assert!(!found.iter().any(|(_, m)| m.contains('\0')), "{found:#?}");
    assert_eq!(site.run(&["build"]).code, 1);
    assert!(!site.path("public").exists() && !site.root().join("etc").exists());
}
