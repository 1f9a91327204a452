//! No script the author did not allow: front-matter payloads are escaped in
//! every output file, script URLs are neutralized, raw HTML is sanitized.

use super::check_json;
use crate::util::{snapshot, TestSite};
use serde_json::Value;
use std::path::Path;

/// Breaks out of text, attributes, JSON strings and script blocks.
const PAYLOADS: &[&str] = &[
    "</script><script>alert(1)</script>",
    "\" onmouseover=\"alert(1)",
    "' onmouseover='alert(1)",
    "x\";alert(1);//",
    "<img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "{{ site.title }}{% raw %}",
];

/// A site whose every front-matter text field carries the payloads.
fn hostile_site() -> TestSite {
    let site = TestSite::fixture("good");
    let all = PAYLOADS.join(" ");
    let quoted = |s: &str| serde_json::to_string(s).expect("json");
    let list = serde_json::to_string(PAYLOADS).expect("json");
    let body = format!(
        "{all}\n\n<a href=\"javascript:alert(1)\" onclick=\"alert(1)\">raw</a> <script>alert(1)</script>\n\
         <iframe src=\"https://evil.example\"></iframe> <b onmouseover=\"alert(1)\">b</b>\n\n\
         [a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](vbscript:msgbox) [d](data:text/html,<script>alert(1)</script>)\n\
         ![i](javascript:alert(1)) [[Backlog]]\n"
    );
    site.write(
        "content/evil.md",
        &format!(
            "---\ntitle: {title}\nabbr: {abbr}\naliases: {list}\nkind: role\nsummary: {summary}\ntags: {list}\n\
             facets: {{focus: {focus}}}\nresponsibilities: {list}\nskills: {list}\n\
             decisions: [{{decision: {decision}, part: decides}}]\n\
             sources:\n  - {{title: {title}, url: \"javascript:alert(1)\", publisher: {title}}}\n  \
             - {{title: ok, url: \" DATA:text/html,x\"}}\n\
             links: {{works_with: [owner]}}\n---\n{body}",
            title = quoted(&format!("Evil {all}")),
            abbr = quoted("\" onmouseover=\"alert(1)"),
            summary = quoted(&all),
            focus = quoted(&all),
            decision = quoted(&all),
        ),
    );
    site.write(
        "content/compare/evil-vs-owner.md",
        &format!(
            "---\ntitle: {t}\nsummary: {t}\ncompare: [evil, owner]\ntags: {list}\n\
             sources: [{{title: {t}, url: \"vbscript:x\"}}]\n---\n{body}",
            t = quoted(&format!("Compare {all}"))
        ),
    );
    site.edit(
        "site.toml",
        "repo_edit_url = \"https://git.example.com/edit/{path}\"",
        "repo_edit_url = \"javascript:alert(1)//{path}\"",
    );
    site
}

/// Every HTML start tag as (name, [(attribute, value)]), read the way a
/// browser tokenizes it; text `<` is always escaped, so only real tags match.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'<' || !bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < bytes.len() && !bytes[j].is_ascii_whitespace() && !matches!(bytes[j], b'>' | b'/') {
            j += 1;
        }
        let name = html[i + 1..j].to_ascii_lowercase();
        let mut attributes = Vec::new();
        loop {
            while j < bytes.len() && (bytes[j].is_ascii_whitespace() || bytes[j] == b'/') {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'>' {
                break;
            }
            let start = j;
            while j < bytes.len() && !bytes[j].is_ascii_whitespace() && !matches!(bytes[j], b'>' | b'=' | b'/') {
                j += 1;
            }
            let attribute = html[start..j].to_ascii_lowercase();
            let mut value = String::new();
            if bytes.get(j) == Some(&b'=') {
                j += 1;
                let quote = bytes.get(j).copied().filter(|q| matches!(q, b'"' | b'\''));
                let from = j + usize::from(quote.is_some());
                let mut end = from;
                while end < bytes.len()
                    && match quote {
                        Some(q) => bytes[end] != q,
                        None => !bytes[end].is_ascii_whitespace() && bytes[end] != b'>',
                    }
                {
                    end += 1;
                }
                value = html[from..end].to_owned();
                j = end + usize::from(quote.is_some());
            }
            attributes.push((attribute, value));
            if j == start {
                j += 1;
            }
        }
        found.push((name, attributes));
        i = j;
    }
    found
}

/// Decodes what a browser would before reading a URL's scheme: numeric
/// character references, `&colon;`, whitespace and control characters.
fn decoded_scheme(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value.replace("&colon;", ":").replace("&amp;", "&");
    while let Some(at) = rest.find("&#") {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 2..];
        let (radix, digits) = match tail.strip_prefix(['x', 'X']) {
            Some(hex) => (16, hex),
            None => (10, tail),
        };
        let end = digits.find(|c: char| !c.is_digit(radix)).unwrap_or(digits.len());
        match u32::from_str_radix(&digits[..end], radix).ok().and_then(char::from_u32) {
            Some(c) => {
                out.push(c);
                rest = digits[end..].strip_prefix(';').unwrap_or(&digits[end..]).to_owned();
            }
            None => {
                out.push_str("&#");
                rest = tail.to_owned();
            }
        }
    }
    out.push_str(&rest);
    out.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase()
}

/// Asserts no output file lets a payload run: no event-handler attribute,
/// no script URL, no script element the theme does not own, no template
/// syntax evaluated, no JSON/JS string broken out of.
pub fn assert_no_payload_runs(output: &Path) {
    let files = snapshot(output);
    assert!(files.iter().any(|(p, _)| p.ends_with(".html")), "no pages in {}", output.display());
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        if path.ends_with(".html") {
            for (tag, attributes) in tags(&text) {
                for (attribute, value) in &attributes {
                    assert!(!attribute.starts_with("on"), "{path}: <{tag} {attribute}={value:?}>");
                    if matches!(attribute.as_str(), "href" | "src" | "action" | "formaction" | "xlink:href") {
                        let scheme = decoded_scheme(value);
                        for bad in ["javascript:", "vbscript:", "data:"] {
                            assert!(!scheme.starts_with(bad), "{path}: <{tag} {attribute}={value:?}>");
                        }
                    }
                }
                assert!(!matches!(tag.as_str(), "iframe" | "object" | "embed" | "base"), "{path}: <{tag}>");
                // The theme's compare picker is a form that never submits anywhere.
                let submits = attributes.iter().any(|(a, _)| a == "action");
                assert!(tag != "form" || !submits, "{path}: <form> with an action");
            }
            for (index, _) in text.match_indices("<script") {
                let rest = &text[index..];
                let end = rest.find("</script").unwrap_or(rest.len());
                let element = &rest[..end];
                let content = element.split_once('>').map_or("", |(_, c)| c);
                assert!(!content.contains("alert(1)") || content.contains("<\\/script"), "{path}: {element}");
                assert!(!content.trim_start().starts_with("alert("), "{path}: script breakout {element}");
            }
            assert!(!text.contains("Fixture Roles{% raw %}"), "{path}: template syntax was evaluated");
        }
        if path.ends_with(".json") {
            serde_json::from_slice::<Value>(bytes).unwrap_or_else(|e| panic!("{path} is not JSON: {e}"));
        }
        if path.ends_with(".js") || path.ends_with(".json") {
            for (index, _) in text.match_indices(";alert(1);//") {
                assert!(text[..index].ends_with("\\\""), "{path}: a string was broken out of at byte {index}");
            }
        }
    }
}

#[test]
fn issue_6_front_matter_payloads_never_run_in_any_output_file() {
    let site = hostile_site();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_no_payload_runs(&site.path("public"));
    let page = site.read("public/evil.html");
    assert!(
        page.contains("&lt;&#x2F;script&gt;") || page.contains("&lt;/script&gt;"),
        "payload text must stay visible"
    );
    assert!(!page.contains("Edit this page"), "a javascript: edit URL must not become a link");
    assert!(page.contains("<span class=\"unsafe-link\">a</span>"), "{page}");
    let (_, list) = check_json(&site);
    let unsafe_urls = list.iter().filter(|d| d["code"] == "unsafe-url").count();
    assert!(unsafe_urls >= 7, "every unsafe link and source URL is reported: {list:#?}");
    let source = list
        .iter()
        .find(|d| d["code"] == "unsafe-url" && d["message"].as_str().unwrap_or_default().contains("source"))
        .expect("source url diagnostic");
    assert_eq!(source["file"], "content/compare/evil-vs-owner.md");
}

#[test]
fn issue_6_the_payload_scanner_catches_what_it_looks_for() {
    for (page, why) in [
        ("<p onmouseover=\"x\">a</p>", "event handler"),
        ("<a href=\" JaVa&#115;cript&#x3A;x\">a</a>", "script URL"),
        ("<a href='javascript:x'>a</a>", "script URL"),
        ("<script>x</script><script>alert(1)</script>", "breakout"),
        ("<iframe src=x></iframe>", "frame"),
    ] {
        let dir = tempfile::tempdir().expect("tmp");
        std::fs::write(dir.path().join("a.html"), page).expect("write");
        let caught = std::panic::catch_unwind(|| assert_no_payload_runs(dir.path())).is_err();
        assert!(caught, "missed a {why}: {page}");
    }
}

#[test]
fn issue_6_the_payload_scanner_fails_a_site_that_trusts_its_html() {
    let site = hostile_site();
    site.edit("site.toml", "title = \"Fixture Roles\"", "title = \"Fixture Roles\"\ntrust_html = true");
    assert_eq!(site.run(&["build"]).code, 0);
    let output = site.path("public");
    assert!(std::panic::catch_unwind(|| assert_no_payload_runs(&output)).is_err());
}

#[test]
fn issue_6_trusted_html_passes_raw_html_through() {
    let site = TestSite::fixture("good");
    site.edit("site.toml", "title = \"Fixture Roles\"", "title = \"Fixture Roles\"\ntrust_html = true");
    site.edit("content/backlog.md", "A list.", "A list. <script>alert(\"x\")</script> <kbd onclick=\"go()\">K</kbd>");
    assert_eq!(site.run(&["build"]).code, 0);
    let page = site.read("public/backlog.html");
    assert!(page.contains("<script>alert(\"x\")</script>"), "trusted HTML is the site's choice");
    assert!(page.contains("<kbd onclick=\"go()\">K</kbd>"));
}
