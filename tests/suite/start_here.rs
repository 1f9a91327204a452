//! Issue 20.4: a "Start here" block on the home page, configured with
//! `[[start_here]]` in site.toml; names that find nothing are reported in
//! site.toml at their line.

use crate::util::TestSite;
use serde_json::Value;
use std::path::Path;

/// The block's `<nav>` element in `index.html`, and where it starts.
fn block(html: &str) -> Option<(usize, &str)> {
    let start = html.find("<nav class=\"start-here\"")?;
    let end = start + html[start..].find("</nav>")?;
    Some((start, &html[start..end]))
}

/// Appends `items` to site.toml; returns the number of lines before them.
fn with_start_here(site: &TestSite, items: &str) -> usize {
    let toml = site.read("site.toml");
    let toml = toml.trim_end();
    site.write("site.toml", &format!("{toml}\n{items}"));
    toml.lines().count()
}

#[test]
fn the_bundled_site_starts_with_the_guide_dpm_vs_dpo_and_the_matrix() {
    let site = TestSite::empty();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = site.path("public");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_rolebook"))
        .args(["build", "--quiet", "--root"])
        .arg(repo)
        .arg("--output")
        .arg(&out)
        .output()
        .expect("run");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let html = site.read("public/index.html");
    let (at, nav) = block(&html).expect("no Start here block");
    let hrefs: Vec<&str> = nav.split("<a href=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
    assert_eq!(hrefs, ["which-role-do-you-need.html", "compare/dpm-vs-dpo.html", "matrix.html"]);
    assert!(nav.contains(">Start here</h2>"), "{nav}");
    assert_eq!(nav.matches("<p>").count(), 3, "one reason per item: {nav}");
    // It comes before the count line and every list of the index.
    assert!(at < html.find("class=\"index-grid\"").expect("grid"), "the block is below the lists");
    assert!(at < html.find("entries, ").expect("count line"));
}

#[test]
fn items_resolve_by_slug_title_and_page_in_site_toml_order() {
    let site = TestSite::fixture("good");
    with_start_here(
        &site,
        "[[start_here]]\npage = \"a-z\"\nreason = \"Every name at once.\"\n\n\
         [[start_here]]\nentry = \"Product Owner\"\nreason = \"Owns the backlog <day to day>.\"\n\n\
         [[start_here]]\ncomparison = \"owner-vs-manager\"\nreason = \"The two roles side by side.\"\n",
    );
    let build = site.run(&["build"]);
    assert_eq!(build.code, 0, "{build:?}");
    let html = site.read("public/index.html");
    let (_, nav) = block(&html).expect("block");
    let hrefs: Vec<&str> = nav.split("<a href=\"").skip(1).filter_map(|s| s.split('"').next()).collect();
    assert_eq!(hrefs, ["a-z.html", "owner.html", "compare/owner-vs-manager.html"]);
    assert!(nav.contains("Owns the backlog &lt;day to day&gt;."), "reasons are escaped: {nav}");
    assert!(nav.contains("<span class=\"start-here-label\">Role</span>"), "{nav}");
    assert!(nav.contains("<span class=\"start-here-label\">Comparison</span>"), "{nav}");
}

#[test]
fn no_block_without_start_here() {
    let site = TestSite::fixture("good");
    assert_eq!(site.run(&["build"]).code, 0);
    assert!(block(&site.read("public/index.html")).is_none());
}

/// Diagnostics about site.toml as `code:line:column message`.
fn site_toml_diagnostics(site: &TestSite) -> Vec<String> {
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{run:?}");
    let list: Value = serde_json::from_str(&run.stdout).expect("json");
    list.as_array()
        .expect("array")
        .iter()
        .filter(|d| d["file"] == "site.toml")
        .map(|d| format!("{}:{}:{} {}", d["code"].as_str().unwrap_or(""), d["line"], d["column"], d["message"]))
        .collect()
}

#[test]
fn unknown_names_are_broken_links_in_site_toml_with_a_suggestion() {
    let site = TestSite::fixture("good");
    let before = with_start_here(
        &site,
        "[[start_here]]\nentry = \"Prodct Owner\"\nreason = \"x\"\n\n\
         [[start_here]]\ncomparison = \"owner-vs-mngr\"\nreason = \"y\"\n",
    );
    let found = site_toml_diagnostics(&site);
    let at = |line: usize, column: usize| format!("broken-link:{}:{column} ", before + line);
    assert!(found.iter().any(|d| d.starts_with(&at(2, 9)) && d.contains("`Prodct Owner`")), "{found:?}");
    assert!(found.iter().any(|d| d.starts_with(&at(6, 14)) && d.contains("`owner-vs-mngr`")), "{found:?}");
    let human = site.run(&["check"]);
    assert!(human.stderr.contains("help: did you mean `owner` (Product Owner)?"), "{}", human.stderr);
    assert!(human.stderr.contains("help: did you mean `owner-vs-manager`?"), "{}", human.stderr);
    assert!(human.stderr.contains("^^^^^^^^^^^^^^\n"), "the caret spans \"Prodct Owner\": {}", human.stderr);
}

#[test]
fn unknown_pages_and_items_with_two_targets_are_config_errors() {
    let site = TestSite::fixture("good");
    let before = with_start_here(
        &site,
        "[[start_here]]\npage = \"matrixx\"\nreason = \"z\"\n\n\
         [[start_here]]\nentry = \"owner\"\npage = \"map\"\nreason = \"two\"\n",
    );
    let found = site_toml_diagnostics(&site);
    let at = |line: usize, column: &str| format!("invalid-config:{}:{column}", before + line);
    assert!(found.iter().any(|d| d.starts_with(&at(2, "8 ")) && d.contains("`matrixx`")), "{found:?}");
    assert!(found.iter().any(|d| d.starts_with(&at(5, "")) && d.contains("one of entry")), "{found:?}");
    assert_eq!(found.len(), 2, "a broken site.toml is reported alone: {found:?}");
}
