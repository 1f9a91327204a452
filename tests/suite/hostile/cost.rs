//! Bounded cost: alias bombs, 10 000-level nesting, 5 MB lines and 10 000
//! links finish with a clear error or a correct page.

use super::{at, check_json, find};
use crate::util::TestSite;
use serde_json::Value;

fn front(title: &str) -> String {
    format!("---\ntitle: {title}\nkind: concept\nsummary: About {title}.\nsources: [{{title: x}}]\n---\n")
}

/// A billion-laughs alias chain (10 levels of 10), under `key`.
fn alias_bomb(title: &str, key: &str) -> String {
    let mut bomb = format!("---\ntitle: {title}\nkind: concept\nsummary: x\nfacets: {{focus: &a0 lol}}\n");
    for i in 1..=9 {
        bomb.push_str(&format!("a{i}: &a{i} [{}]\n", vec![format!("*a{}", i - 1); 10].join(", ")));
    }
    bomb.push_str(&format!("{key}: *a9\n---\n"));
    bomb
}

#[test]
fn issue_6_yaml_bombs_and_deep_yaml_end_in_a_clear_error() {
    let site = TestSite::fixture("good");
    let deep = |key: &str, open: &str, close: &str| {
        format!(
            "---\ntitle: Deep\nkind: concept\nsummary: x\n{key}: {}x{}\n---\n",
            open.repeat(10_000),
            close.repeat(10_000)
        )
    };
    site.write("content/bomb.md", &alias_bomb("Bomb", "aliases"));
    site.write("content/flow.md", &deep("facets", "[", "]"));
    site.write("content/deep-map.md", &deep("links", "{a: ", "}"));
    site.write(
        "content/block.md",
        &format!("---\ntitle: Block\nkind: concept\nsummary: x\ntags:\n  {}x\n---\n", "- ".repeat(10_000)),
    );
    let (code, list) = check_json(&site);
    assert_eq!(code, 1);
    let errors: Vec<(&str, &str, (u64, u64))> = list
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| (d["file"].as_str().unwrap_or_default(), d["message"].as_str().unwrap_or_default(), at(d)))
        .collect();
    assert_eq!(
        errors,
        [
            ("content/block.md", "invalid front matter: recursion limit exceeded", (6, 257)),
            (
                "content/bomb.md",
                "the front matter expands to more than 64 KB (through `*alias` repetitions or very long values)",
                (15, 1)
            ),
            ("content/deep-map.md", "invalid front matter: recursion limit exceeded", (5, 516)),
            ("content/flow.md", "invalid front matter: recursion limit exceeded", (5, 136)),
        ]
    );
    let hint = find(&list, "content/deep-map.md", "invalid-yaml")["suggestion"].as_str().unwrap_or_default().to_owned();
    assert!(hint.contains("nests too deeply"), "{hint}");
}

#[test]
fn issue_6_an_alias_bomb_under_an_unknown_key_is_never_expanded() {
    let site = TestSite::fixture("good");
    site.write("content/bomb.md", &alias_bomb("Bomb", "extra"));
    let (_, list) = check_json(&site);
    assert!(list.iter().all(|d| d["severity"] != "error"), "{list:#?}");
    assert_eq!(find(&list, "content/bomb.md", "unknown-field")["line"], 6);
}

#[test]
fn issue_6_deep_markdown_long_lines_and_many_links_render_correct_pages() {
    let site = TestSite::fixture("good");
    let pages = [
        ("quotes", format!("{}{} deep\n", front("Quotes"), ">".repeat(10_000))),
        ("lists", format!("{}{}deep\n", front("Lists"), "- ".repeat(10_000))),
        ("brackets", format!("{}{}deep{}\n", front("Brackets"), "[".repeat(10_000), "]".repeat(10_000))),
        ("open-brackets", format!("{}{}deep\n", front("Open brackets"), "[".repeat(10_000))),
        ("long-line", format!("{}{}\n", front("Long line"), "word [[Backlog]] ".repeat(190_000 / 17))),
        (
            "many-links",
            format!("{}{}\n", front("Many links"), "[[Backlog]] [x](https://example.com/x)\n".repeat(5_000)),
        ),
    ];
    for (name, text) in &pages {
        site.write(&format!("content/{name}.md"), text);
    }
    site.edit(
        "content/backlog.md",
        "Highest value first.",
        "Highest value first. [[Quotes]] [[Lists]] [[Open brackets]]",
    );
    site.write("content/deep.md", &front("Deep"));
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let count = |page: &str, needle: &str| site.read(&format!("public/{page}.html")).matches(needle).count();
    assert_eq!(count("quotes", "<blockquote>"), 64, "nesting is capped, not dropped");
    assert_eq!(count("quotes", "\ndeep</blockquote>"), 1, "the text stays in the deepest quote kept");
    assert!(count("lists", "<ul>") <= 64 && count("lists", "deep") >= 1);
    assert_eq!(count("brackets", "href=\"deep.html\""), 1, "the innermost [[deep]] is a link");
    assert_eq!(count("open-brackets", "deep"), 1);
    assert_eq!(count("long-line", "href=\"backlog.html\""), 190_000 / 17);
    assert_eq!(count("many-links", "href=\"backlog.html\""), 5_000);
    assert_eq!(count("many-links", "href=\"https://example.com/x\""), 5_000);
    assert_eq!(count("backlog", "many-links.html"), 1, "one mention, however many links");
}

#[test]
fn issue_6_ten_thousand_broken_links_report_a_bounded_list() {
    let site = TestSite::fixture("good");
    site.write("content/broken.md", &format!("{}{}\n", front("Broken"), "[[Nowhere]] ".repeat(10_000)));
    let (_, list) = check_json(&site);
    let broken: Vec<&Value> = list.iter().filter(|d| d["code"] == "broken-link").collect();
    assert_eq!(broken.len(), 101, "100 listed and one summary");
    assert!(broken.iter().any(|d| d["message"] == "9900 more `broken-link` problems in this file are not listed"));
    let first = broken.iter().find(|d| d["line"].is_u64()).expect("a located one");
    assert_eq!(at(first), (7, 1));
}

#[test]
fn issue_6_deep_raw_html_is_capped_and_shown_as_text() {
    let site = TestSite::fixture("good");
    site.write("content/spans.md", &format!("{}{}deep\n", front("Spans"), "<span>".repeat(20_000)));
    site.write("content/divs.md", &format!("{}{}deep\n", front("Divs"), "<div>".repeat(20_000)));
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let spans = site.read("public/spans.html");
    assert_eq!(spans.matches("<span>").count(), 256, "only so many raw elements stay open");
    assert_eq!(spans.matches("&lt;span&gt;").count(), 20_000 - 256, "the rest is shown as text");
    let divs = site.read("public/divs.html");
    assert_eq!(divs.matches("&lt;div&gt;").count(), 20_000, "one HTML block that opens too much is text");
}
