//! Entries and configuration too large to be an honest glossary entry: a
//! clear `file-too-large` error, read no further than the limit, instead of
//! a check that takes gigabytes (a million links once took 970 MB, a
//! 50 MB line 410 MB, 100,000 headings 140 MB).

use crate::util::TestSite;
use serde_json::Value;

fn check_json(site: &TestSite) -> (i32, Vec<Value>) {
    let run = site.run(&["check", "--format", "json"]);
    let list: Vec<Value> = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run:?}"));
    (run.code, list)
}

#[test]
fn a_content_file_over_the_limit_is_an_error_and_nothing_is_built() {
    let site = TestSite::fixture("good");
    let front = "---\ntitle: Huge\nkind: concept\nsummary: Too big.\n---\n";
    site.write("content/links.md", &format!("{front}{}", "[[Backlog]] ".repeat(20_000)));
    site.write("content/line.md", &format!("{front}{}", "word ".repeat(100_000)));
    site.write("content/heads.md", &format!("{front}{}", "## h\n".repeat(50_000)));
    let (code, list) = check_json(&site);
    assert_eq!(code, 1);
    let too_large: Vec<(&str, &str)> = list
        .iter()
        .filter(|d| d["code"] == "file-too-large")
        .map(|d| (d["file"].as_str().unwrap_or(""), d["message"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(
        too_large,
        [
            ("content/heads.md", "the file holds 245 KB; at most 200 KB are read"),
            ("content/line.md", "the file holds 489 KB; at most 200 KB are read"),
            ("content/links.md", "the file holds 235 KB; at most 200 KB are read"),
        ],
        "{list:#?}"
    );
    assert!(list
        .iter()
        .all(|d| d["code"] != "missing-field" && d["code"] != "orphan" || d["file"] != "content/line.md"));
    let build = site.run(&["build"]);
    assert_eq!(build.code, 1);
    assert!(!site.path("public").exists());
}

#[test]
fn an_entry_just_under_the_limit_with_many_links_and_headings_builds() {
    let site = TestSite::fixture("good");
    let front = "---\ntitle: Big\nkind: concept\nsummary: Big but allowed.\n---\n";
    let body = format!("{}{}", "## Part\n\n".repeat(5_000), "[[Backlog]] ".repeat(10_000));
    assert!(body.len() < 200 * 1024);
    site.write("content/big.md", &format!("{front}{body}"));
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read("public/big.html");
    assert_eq!(page.matches("href=\"backlog.html\"").count(), 10_000);
    assert!(page.contains("id=\"part-4999\""));
}

#[test]
fn a_huge_site_toml_is_refused_before_content_is_read() {
    let site = TestSite::fixture("good");
    let mut config = site.read("site.toml");
    for i in 0..40_000 {
        config.push_str(&format!("[kinds.k{i}]\nlabel = \"Kind {i}\"\n"));
    }
    site.write("site.toml", &config);
    let (code, list) = check_json(&site);
    assert_eq!(code, 1);
    assert_eq!(list.len(), 1, "{list:#?}");
    assert_eq!(list[0]["code"], "file-too-large");
    assert_eq!(list[0]["file"], "site.toml");
}

#[test]
fn thousands_of_kinds_or_a_huge_title_in_a_small_site_toml_are_config_errors() {
    // Every page lists the kinds and every kind has a page: 2,000 kinds
    // once made a 229 MB site.
    let site = TestSite::fixture("good");
    let mut config =
        site.read("site.toml").replace("title = \"Fixture Roles\"", &format!("title = \"{}\"", "T".repeat(100_000)));
    for i in 0..2_000 {
        config.push_str(&format!("[kinds.k{i}]\nlabel = \"Kind {i}\"\n"));
    }
    site.write("site.toml", &config);
    let (code, list) = check_json(&site);
    assert_eq!(code, 1);
    let messages: Vec<&str> = list.iter().filter_map(|d| d["message"].as_str()).collect();
    assert_eq!(
        messages,
        [
            "`title` in site.toml has 100000 characters; at most 200 fit",
            "site.toml declares 2002 kinds; at most 64 fit"
        ],
        "{list:#?}"
    );
    assert_eq!(site.run(&["build"]).code, 1);
    assert!(!site.path("public").exists());
}

#[test]
fn thousands_of_tags_and_aliases_and_colliding_abbreviations_stay_bounded() {
    let site = TestSite::fixture("good");
    let tags: Vec<String> = (0..5_000).map(|i| format!("t{i}")).collect();
    site.write(
        "content/tags.md",
        &format!(
            "---\ntitle: Tags\nkind: concept\nsummary: Many.\ntags: [{}]\naliases: [{}]\n---\n",
            tags.join(", "),
            tags.join(", ")
        ),
    );
    for i in 0..150 {
        site.write(
            &format!("content/e{i}.md"),
            &format!("---\ntitle: Entry {i}\nabbr: PO\naliases: [Shared, Backlog]\nkind: concept\nsummary: Entry {i}.\n---\nSee [[PO]] and [[Shared]].\n"),
        );
    }
    let (code, list) = check_json(&site);
    assert_eq!(code, 1);
    let count = |code: &str| list.iter().filter(|d| d["code"] == code).count();
    assert_eq!(count("field-too-long"), 2, "tags and aliases: one error each");
    // One per entry and shared name or ambiguous link: linear, never one per pair.
    let ambiguous = count("ambiguous-name");
    assert!((150..=150 * 4).contains(&ambiguous), "{ambiguous}");
    assert!(list.len() < 2_000, "{} diagnostics", list.len());
}
