//! Issue 15 (text that must never be lost or smuggled) and issue 14 §3
//! (every problem at once, in the user's words): front matter checked field
//! by field, bounded expansion, file names a file system can hold, skipped
//! files, raw HTML that would swallow a page, control characters, unsafe
//! image URLs.

use crate::util::TestSite;
use serde_json::Value;

fn check_json(site: &TestSite) -> (i32, Vec<Value>) {
    let run = site.run(&["check", "--format", "json"]);
    let value: Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run:?}"));
    (run.code, value.as_array().cloned().unwrap_or_default())
}

/// (code, line, column, message) of every diagnostic in `file`.
fn in_file(list: &[Value], file: &str) -> Vec<(String, u64, u64, String)> {
    list.iter()
        .filter(|d| d["file"] == file)
        .map(|d| {
            (
                d["code"].as_str().unwrap_or_default().to_owned(),
                d["line"].as_u64().unwrap_or(0),
                d["column"].as_u64().unwrap_or(0),
                d["message"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

#[test]
fn issue_14_six_problems_in_one_front_matter_are_six_diagnostics() {
    let site = TestSite::fixture("good");
    site.write(
        "content/six.md",
        "---\ntitle: Six\nkind: Role\nsumary: x\ntags: \"a, b\"\nupdated: 2024-13-45\nlinks: {work_with: [owner]}\n---\nBody.\n",
    );
    let (code, list) = check_json(&site);
    assert_eq!(code, 1);
    let found: Vec<(String, u64, u64, String)> =
        in_file(&list, "content/six.md").into_iter().filter(|(code, ..)| code != "orphan").collect();
    let codes: Vec<(&str, u64, u64)> = found.iter().map(|(c, l, col, _)| (c.as_str(), *l, *col)).collect();
    assert_eq!(
        codes,
        [
            ("missing-field", 1, 1),
            ("missing-sources", 1, 1),
            ("unknown-kind", 3, 7),
            ("unknown-field", 4, 1),
            ("invalid-field", 5, 7),
            ("invalid-date", 6, 10),
            ("unknown-relation", 7, 9),
        ],
        "{found:#?}"
    );
    let message = |code: &str| found.iter().find(|d| d.0 == code).map(|d| d.3.clone()).unwrap_or_default();
    assert_eq!(message("invalid-field"), "`tags` must be a list, like `tags: [a, b]`");
    assert_eq!(message("missing-field"), "`summary` is required");
    for (.., text) in &found {
        for internal in ["OneOrMany", "RawEntry", "untagged", "struct ", "enum "] {
            assert!(!text.contains(internal), "internal name in {text:?}");
        }
    }
}

#[test]
fn issue_14_wrong_shapes_are_worded_for_the_user_and_nulls_in_lists_are_reported() {
    let site = TestSite::fixture("good");
    site.write(
        "content/shapes.md",
        "---\ntitle: Shapes\nkind: concept\nsummary: x\naliases: [Alpha, null]\nlinks:\n  works_with: [owner, ~]\n\
         draft: maybe\nfacets: [focus]\nsources:\n  - { url: \"https://example.com\" }\n---\n",
    );
    let (_, list) = check_json(&site);
    let found = in_file(&list, "content/shapes.md");
    let errors: Vec<(&str, u64, u64, &str)> = found
        .iter()
        .filter(|(code, ..)| code == "invalid-field")
        .map(|(c, l, col, m)| (c.as_str(), *l, *col, m.as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            ("invalid-field", 5, 18, "`aliases` has an empty item (null)"),
            ("invalid-field", 7, 23, "`works_with` under `links` has an empty item (null)"),
            ("invalid-field", 8, 8, "`draft` must be true or false, like `draft: true`"),
            (
                "invalid-field",
                9,
                9,
                "`facets` must be a map of names to text, like `facets: { focus: The how and the when }`"
            ),
            ("invalid-field", 11, 3, "an item of `sources` has no `title`"),
        ],
        "{found:#?}"
    );
    // The good parts still count: the alias resolves, the link is made.
    assert!(!found.iter().any(|(code, ..)| code == "broken-link"), "{found:#?}");
    let build = site.run(&["build"]);
    assert_ne!(build.code, 0);
    site.edit("content/shapes.md", ", null]", "]");
    site.edit("content/shapes.md", ", ~]", "]");
    site.edit("content/shapes.md", "draft: maybe\n", "");
    site.edit("content/shapes.md", "facets: [focus]\n", "");
    site.edit("content/shapes.md", "{ url:", "{ title: Example, url:");
    let (_, list) = check_json(&site);
    let names: Vec<&str> = list.iter().filter_map(|d| d["code"].as_str()).collect();
    assert!(!names.iter().any(|n| n.starts_with("invalid")), "{list:#?}");
    assert!(!in_file(&list, "content/shapes.md").iter().any(|d| d.3.contains("null")));
}

/// The attack of issue 15: a 100 KB anchored summary repeated by `*s`.
fn summary_bomb(aliases: usize) -> String {
    let big = "x".repeat(100_000);
    let mut text = format!("---\ntitle: Bomb\nkind: concept\nsummary: &s \"{big}\"\n");
    text.push_str("aliases: [");
    text.push_str(&vec!["*s"; aliases].join(", "));
    text.push_str("]\n---\nBody.\n");
    text
}

#[test]
fn issue_15_an_alias_bomb_is_refused_with_its_position() {
    let site = TestSite::fixture("good");
    site.write("content/bomb.md", &summary_bomb(1_000));
    let (code, list) = check_json(&site);
    assert_eq!(code, 1);
    let found = in_file(&list, "content/bomb.md");
    let found: Vec<_> = found.into_iter().filter(|d| d.0 != "orphan").collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!((found[0].0.as_str(), found[0].1, found[0].2), ("front-matter-too-large", 5, 1));
    assert!(found[0].3.contains("KB"), "{found:?}");
}

#[test]
fn issue_15_per_field_sizes_are_bounded_with_a_clear_error() {
    let site = TestSite::fixture("good");
    let long = "word ".repeat(1_000);
    let tags: Vec<String> = (0..300).map(|i| format!("t{i}")).collect();
    site.write(
        "content/long.md",
        &format!(
            "---\ntitle: Long\nkind: concept\nsummary: {long}\nfacets:\n  focus: {long}\ntags: [{}]\n---\n",
            tags.join(", ")
        ),
    );
    let (_, list) = check_json(&site);
    let found = in_file(&list, "content/long.md");
    let too_long: Vec<(u64, &str)> =
        found.iter().filter(|d| d.0 == "field-too-long").map(|d| (d.1, d.3.as_str())).collect();
    assert_eq!(
        too_long,
        [
            (4, "`summary` is 4999 characters long; at most 2000 fit"),
            (6, "`focus` under `facets` is 4999 characters long; at most 2000 fit"),
            (7, "`tags` has 300 items; at most 200 fit"),
        ],
        "{found:#?}"
    );
}

fn concept(title: &str, extra: &str) -> String {
    format!("---\ntitle: {title}\nkind: concept\nsummary: About {title}.\n{extra}---\nBody.\n")
}

#[test]
fn issue_15_slugs_longer_than_a_file_system_allows_are_check_errors() {
    let site = TestSite::fixture("good");
    let long_slug = format!("slug: {}\n", "a".repeat(300));
    site.write("content/long-slug.md", &concept("Long slug", &long_slug));
    let name = format!("{}.md", "b".repeat(249));
    site.write(&format!("content/{name}"), &concept("Long file", ""));
    let (c, d) = ("c".repeat(150), "d".repeat(150));
    site.write("content/c.md", &concept("C", &format!("slug: {c}\nlinks: {{contrasts_with: [D]}}\n")));
    site.write("content/d.md", &concept("D", &format!("slug: {d}\nlinks: {{contrasts_with: [C]}}\n")));
    let (code, list) = check_json(&site);
    assert_eq!(code, 1);
    let too_long: Vec<(&str, &str)> = list
        .iter()
        .filter(|d| d["code"] == "slug-too-long")
        .map(|d| (d["file"].as_str().unwrap_or_default(), d["suggestion"].as_str().unwrap_or_default()))
        .collect();
    assert_eq!(too_long.len(), 3, "{too_long:#?}");
    assert!(too_long.iter().any(|(file, _)| *file == "content/long-slug.md"), "{too_long:#?}");
    assert!(too_long.iter().any(|(file, _)| *file == format!("content/{name}")), "{too_long:#?}");
    assert!(too_long.iter().any(|(file, hint)| *file == "content/c.md" && hint.contains("shorter `slug:`")));
    assert!(too_long.iter().all(|(_, hint)| hint.contains("slug: ")), "{too_long:#?}");
    // Relaxed, the build still never asks for a name the file system refuses.
    let toml = site.read("site.toml");
    site.write("site.toml", &format!("{toml}\n[rules]\nslug-too-long = \"warn\"\norphan = \"allow\"\n"));
    let build = site.run(&["build"]);
    assert!(!build.stderr.contains("os error"), "{build:?}");
    assert_eq!(build.code, 0, "{build:?}");
}

#[test]
fn issue_15_symlinks_fifos_and_sockets_in_content_are_skipped_with_a_warning() {
    let site = TestSite::fixture("good");
    let outside = TestSite::empty();
    outside.write("secret.md", &concept("Secret", ""));
    std::os::unix::fs::symlink(outside.path("secret.md"), site.path("content/secret.md")).expect("symlink");
    std::os::unix::fs::symlink(outside.root(), site.path("content/elsewhere")).expect("symlink");
    let fifo = std::process::Command::new("mkfifo").arg(site.path("content/pipe.md")).status().expect("mkfifo");
    assert!(fifo.success());
    let _socket = std::os::unix::net::UnixListener::bind(site.path("content/socket.md")).expect("socket");
    let (_, list) = check_json(&site);
    let skipped: Vec<(&str, &str)> = list
        .iter()
        .filter(|d| d["code"] == "skipped-file")
        .map(|d| (d["file"].as_str().unwrap_or_default(), d["message"].as_str().unwrap_or_default()))
        .collect();
    assert_eq!(
        skipped,
        [
            ("content/elsewhere", "skipped: a symbolic link is never read or copied"),
            ("content/pipe.md", "skipped: a named pipe (FIFO) is never read or copied"),
            ("content/secret.md", "skipped: a symbolic link is never read or copied"),
            ("content/socket.md", "skipped: a socket is never read or copied"),
        ]
    );
    assert!(list.iter().filter(|d| d["code"] == "skipped-file").all(|d| d["severity"] == "warning"));
}

const SWALLOWING: &[&str] =
    &["style", "script", "template", "textarea", "title", "iframe", "noscript", "xmp", "plaintext", "noembed"];

#[test]
fn issue_15_an_unclosed_raw_text_element_never_swallows_the_page() {
    let site = TestSite::fixture("good");
    for tag in SWALLOWING {
        let body = format!("Before <{tag}> inline KEEP-A.\n\nAfter KEEP-B.\n\n## Heading\n\nLast KEEP-C.\n");
        site.write(
            &format!("content/t-{tag}.md"),
            &format!("{}{body}", concept(&format!("T {tag}"), "").replace("Body.\n", "")),
        );
    }
    let (_, list) = check_json(&site);
    for tag in SWALLOWING {
        let found = in_file(&list, &format!("content/t-{tag}.md"));
        let removed: Vec<_> = found.iter().filter(|d| d.0 == "raw-html-removed").collect();
        assert_eq!(removed.len(), 1, "{tag}: {found:#?}");
        assert_eq!((removed[0].1, removed[0].2), (6, 8), "{tag}");
        assert_eq!(removed[0].3, format!("unclosed `<{tag}>` removed; the text after it is kept"));
    }
    let build = site.run(&["build"]);
    assert_eq!(build.code, 0, "{build:?}");
    for tag in SWALLOWING {
        let page = site.read(&format!("public/t-{tag}.html"));
        for kept in ["<p>Before  inline KEEP-A.</p>", "<p>After KEEP-B.</p>", "Last KEEP-C."] {
            assert!(page.contains(kept), "{tag}: lost {kept}");
        }
        assert!(!page.contains(&format!("&lt;{tag}")), "{tag}: shown as escaped markup");
        assert!(page.contains("id=\"heading\""), "{tag}: the heading became text");
    }
}

#[test]
fn issue_15_closed_elements_are_reported_and_trusted_sites_keep_them() {
    let site = TestSite::fixture("good");
    site.write(
        "content/closed.md",
        &concept("Closed", "").replace(
            "Body.\n",
            "A <style>p{}</style> B <form>in form</form>.\n\n<script>\nalert(1)\n</script>\n\nKEEP-closed\n",
        ),
    );
    let (_, list) = check_json(&site);
    let removed: Vec<(u64, u64, String)> = in_file(&list, "content/closed.md")
        .into_iter()
        .filter(|d| d.0 == "raw-html-removed")
        .map(|d| (d.1, d.2, d.3))
        .collect();
    assert_eq!(
        removed,
        [
            (6, 3, "raw `<style>` element removed with its content".to_owned()),
            (6, 24, "raw `<form>` tag removed (its text is kept)".to_owned()),
            (8, 1, "raw `<script>` element removed with its content".to_owned()),
        ]
    );
    assert_eq!(site.run(&["build"]).code, 0);
    let page = site.read("public/closed.html");
    assert!(page.contains("KEEP-closed") && page.contains("in form") && !page.contains("alert(1)"));
    site.write("content/open.md", &concept("Open", "").replace("Body.\n", "Open <style> here\n"));
    site.edit("site.toml", "title = \"Fixture Roles\"", "title = \"Fixture Roles\"\ntrust_html = true");
    let (_, list) = check_json(&site);
    assert!(!list.iter().any(|d| d["code"] == "raw-html-removed"), "{list:#?}");
    assert_eq!(site.run(&["build"]).code, 0);
    assert!(site.read("public/open.html").contains("Open <style> here"));
}

#[test]
fn issue_15_script_image_urls_get_the_unsafe_url_warning_links_get() {
    let site = TestSite::fixture("good");
    site.write(
        "content/images.md",
        &concept("Images", "").replace("Body.\n", "![x](javascript:alert(1)) and [y](javascript:alert(2))\n"),
    );
    let (_, list) = check_json(&site);
    let unsafe_urls: Vec<(u64, u64, String)> = in_file(&list, "content/images.md")
        .into_iter()
        .filter(|d| d.0 == "unsafe-url")
        .map(|d| (d.1, d.2, d.3))
        .collect();
    assert_eq!(
        unsafe_urls,
        [
            (6, 1, "unsafe image URL `javascript:alert(1)` removed".to_owned()),
            (6, 31, "unsafe link `javascript:alert(2)` removed".to_owned()),
        ]
    );
}

#[test]
fn issue_15_control_characters_and_noncharacters_reach_no_output() {
    let site = TestSite::fixture("good");
    let bad = ["\u{1b}", "\u{7}", "\u{7f}", "\u{85}", "\u{9b}", "\u{fffe}", "\u{ffff}", "\u{10ffff}", "\u{0}"];
    let all: String = bad.concat();
    site.write(
        "content/controls.md",
        &format!(
            "---\ntitle: Con{all}trols\nkind: concept\nsummary: Sum{all}mary.\ntags: [t{all}ag]\n\
             links: {{works_with: [owner]}}\n---\nBody{all} text with [[Owner]].\n"
        ),
    );
    let (_, list) = check_json(&site);
    let found = in_file(&list, "content/controls.md");
    let controls: Vec<(u64, u64)> = found.iter().filter(|d| d.0 == "control-character").map(|d| (d.1, d.2)).collect();
    assert_eq!(controls.len(), 21, "{found:#?}");
    assert_eq!(controls.iter().find(|at| at.0 != 0), Some(&(2, 11)));
    assert!(found.iter().any(|d| d.3 == "16 more control characters removed from this file"), "{found:#?}");
    assert!(list.iter().filter(|d| d["code"] == "control-character").all(|d| d["severity"] == "warning"));
    assert_eq!(site.run(&["build"]).code, 0);
    let mut checked = 0;
    for (path, bytes) in crate::util::snapshot(&site.path("public")) {
        let text = String::from_utf8_lossy(&bytes);
        let banned = text.chars().find(|&c| {
            let code = u32::from(c);
            (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                || (0xFDD0..=0xFDEF).contains(&code)
                || code & 0xFFFE == 0xFFFE
        });
        assert_eq!(banned, None, "{path}");
        checked += usize::from(text.contains("Controls"));
    }
    assert!(checked >= 5, "the entry reached only {checked} files");
    let csv = site.read("public/glossary.csv");
    assert!(csv.contains("Controls") && csv.contains("Summary."));
}
