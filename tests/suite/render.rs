//! The default theme's generated pages and data files (issue 4): page-weight
//! budgets on the bundled site, the search index, the compare data, the
//! decision matrix, A–Z, map, sitemap and the CSP.

use crate::util::{snapshot, TestSite};
use std::path::Path;

/// The repository's own site (site.toml + content/) in a temporary folder.
fn bundled() -> TestSite {
    let site = TestSite::empty();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    site.write("site.toml", &std::fs::read_to_string(repo.join("site.toml")).expect("site.toml"));
    for (path, bytes) in snapshot(&repo.join("content")) {
        site.write(&format!("content/{path}"), &String::from_utf8(bytes).expect("utf-8 content"));
    }
    site
}

fn built(site: &TestSite) -> Vec<(String, Vec<u8>)> {
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    snapshot(&site.path("public"))
}

#[test]
fn bundled_site_stays_within_the_page_weight_budgets() {
    let site = bundled();
    let files = built(&site);
    let entries: Vec<&(String, Vec<u8>)> = files
        .iter()
        .filter(|(p, _)| p.ends_with(".html") && !p.contains('/'))
        .filter(|(p, _)| {
            !["index.html", "404.html", "a-z.html", "map.html", "matrix.html", "compare.html"].contains(&p.as_str())
        })
        .collect();
    assert!(entries.len() >= 20, "expected the bundled entries, got {}", entries.len());
    let (largest, bytes) = entries.iter().max_by_key(|(_, b)| b.len()).map(|(p, b)| (p, b.len())).expect("pages");
    assert!(bytes < 40 * 1024, "largest entry page {largest} is {bytes} bytes; budget 40 KB");
    let theme: usize = files
        .iter()
        // Search shards, link previews and compare part files are content data, not theme.
        .filter(|(p, _)| {
            p.starts_with("assets/")
                && !p.contains("/search")
                && !p.contains("/compare/")
                && !p.contains("/previews/")
                && !p.ends_with("-data.js")
        })
        .filter(|(p, _)| p.ends_with(".css") || p.ends_with(".js"))
        .map(|(_, b)| b.len())
        .sum();
    assert!(theme > 10_000, "theme CSS + JS suspiciously small: {theme}");
    assert!(theme < 60 * 1024, "theme CSS + JS is {theme} bytes; budget 60 KB");
}

#[test]
fn builds_are_byte_identical() {
    let site = bundled();
    let first = built(&site);
    let second = built(&site);
    assert_eq!(first.len(), second.len());
    for (a, b) in first.iter().zip(&second) {
        assert!(a == b, "{} differs between two builds", a.0);
    }
}

#[test]
fn emits_the_generated_pages_and_data_scripts() {
    let site = TestSite::fixture("good");
    let files = built(&site);
    for path in
        ["a-z.html", "map.html", "matrix.html", "compare.html", "assets/search-index.js", "assets/compare-data.js"]
    {
        assert!(files.iter().any(|(p, _)| p == path), "missing {path}");
    }
    assert!(files.iter().any(|(p, _)| p.starts_with("assets/search/t-")), "no word shard");
    assert!(files.iter().any(|(p, _)| p == "assets/search/s-0.js"), "no summary block");
    assert!(!files.iter().any(|(p, _)| p == "sitemap.xml"), "no sitemap without an absolute base_url");
    let index = site.read("public/assets/search-index.js");
    assert!(index.starts_with("window.ROLEBOOK_SEARCH={"), "{index}");
    assert!(index.contains("\"owner\""), "the words of names: {index}");
    let results = site.read("public/assets/search/s-0.js");
    assert!(results.contains("\"Product Owner\""), "{results}");
    let compare = site.read("public/assets/compare-data.js");
    assert!(compare.starts_with("window.ROLEBOOK_COMPARE={"), "{compare}");
    assert!(!compare.contains("\"Backlog\""), "only roles can be compared: {compare}");
}

#[test]
fn every_page_carries_a_csp_that_forbids_inline_script() {
    let site = TestSite::fixture("good");
    for (path, bytes) in built(&site).iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        assert!(
            html.contains(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'self';"
            ),
            "{path}"
        );
        assert!(!html.contains("<script>"), "{path} has an inline script");
        assert!(!html.contains(" style=\""), "{path} has a style attribute the CSP would block");
        assert!(!html.contains("src=\"http") && !html.contains("href=\"//"), "{path} loads something external");
    }
}

#[test]
fn cross_links_name_their_preview_by_slug() {
    let site = TestSite::fixture("good");
    built(&site);
    let owner = site.read("public/owner.html");
    assert!(owner.contains("<a class=\"xref\" href=\"manager.html\">"), "{owner}");
    assert!(!owner.contains("data-summary"), "summaries live in the shared preview files");
    let bucket = rolebook::render::previews::bucket("manager");
    let previews = site.read(&format!("public/assets/previews/p-{bucket}.js"));
    assert!(
        previews.contains(&format!("(window.ROLEBOOK_PREVIEWS=window.ROLEBOOK_PREVIEWS||{{}})[{bucket}]={{")),
        "{previews}"
    );
    assert!(previews.contains("\"manager\":[\"Role\",\"Product Manager\",\""), "{previews}");
    // Related is one list, drawn as a map by CSS: no second copy as SVG.
    assert!(owner.contains("<div class=\"relation-map\" data-center=\"Product Owner\">"), "{owner}");
    assert!(!owner.contains("<svg"), "{owner}");
}

#[test]
fn matrix_lists_decisions_by_role() {
    let site = TestSite::fixture("good");
    built(&site);
    let matrix = site.read("public/matrix.html");
    assert!(matrix.contains("<caption id=\"matrix-caption\">"), "{matrix}");
    assert!(matrix.contains("<th scope=\"row\">Order of the backlog</th>"), "{matrix}");
    assert!(matrix.contains("part-decides") && matrix.contains("part-informed"), "{matrix}");
}

#[test]
fn sitemap_only_with_an_absolute_base_url() {
    let site = TestSite::fixture("good");
    let config = site.read("site.toml");
    let line = config.lines().find(|l| l.starts_with("base_url")).map(str::to_owned);
    match line {
        Some(line) => site.edit("site.toml", &line, "base_url = \"https://wiki.example.com/roles/\""),
        None => site.write("site.toml", &format!("base_url = \"https://wiki.example.com/roles/\"\n{config}")),
    }
    built(&site);
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains("<loc>https://wiki.example.com/roles/owner.html</loc>"), "{sitemap}");
    assert!(sitemap.contains("<loc>https://wiki.example.com/roles/</loc>"), "{sitemap}");
    assert!(!sitemap.contains("404"), "{sitemap}");
}

#[test]
fn last_updated_falls_back_to_git_history() {
    let site = TestSite::fixture("good");
    let git = |args: &[&str]| {
        std::process::Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"])
            .args(args)
            .current_dir(site.root())
            .env("GIT_COMMITTER_DATE", "2021-02-03T04:05:06Z")
            .env("GIT_AUTHOR_DATE", "2021-02-03T04:05:06Z")
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false)
    };
    if !git(&["init", "-q"]) {
        eprintln!("git unavailable; skipping");
        return;
    }
    let backlog = site.read("content/backlog.md");
    if let Some(line) = backlog.lines().find(|l| l.starts_with("updated:")) {
        site.edit("content/backlog.md", &format!("{line}\n"), "");
    }
    assert!(git(&["add", "-A"]) && git(&["commit", "-qm", "x"]));
    built(&site);
    let page = site.read("public/backlog.html");
    assert!(page.contains("<time datetime=\"2021-02-03\">"), "{page}");
}
