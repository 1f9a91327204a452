//! Issue 6: hostile and broken input. Broken files get exact diagnostics in
//! one run; slugs and paths never lead outside the output folder; no script
//! the author did not allow reaches a page; pathological content finishes.

use crate::util::{snapshot, TestSite};
use serde_json::Value;
use std::path::Path;

fn check_json(site: &TestSite) -> (i32, Vec<Value>) {
    let run = site.run(&["check", "--format", "json"]);
    let value: Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run:?}"));
    (run.code, value.as_array().cloned().unwrap_or_default())
}

/// The diagnostic with `code` in `file`, failing with the whole list otherwise.
fn find<'a>(list: &'a [Value], file: &str, code: &str) -> &'a Value {
    list.iter()
        .find(|d| d["file"] == file && d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {file}: {list:#?}"))
}

fn at(d: &Value) -> (u64, u64) {
    (d["line"].as_u64().unwrap_or(0), d["column"].as_u64().unwrap_or(0))
}

/// One broken file each: (name, bytes, code, line, column).
const BROKEN: &[(&str, &[u8], &str, u64, u64)] = &[
    ("tabs.md", b"---\ntitle: Tabs\nkind: concept\nsummary: x\ntags:\n\t- a\n---\n", "invalid-yaml", 6, 1),
    ("unclosed-quote.md", b"---\ntitle: \"Unclosed\nkind: concept\nsummary: x\n---\n", "invalid-yaml", 2, 8),
    ("duplicate-key.md", b"---\ntitle: Dup\nkind: concept\nsummary: x\ntitle: Again\n---\n", "invalid-yaml", 5, 1),
    (
        "no-closing.md",
        b"---\ntitle: Open\nkind: concept\nsummary: x\n\nNo closing fence.\n",
        "unclosed-front-matter",
        1,
        1,
    ),
    ("empty.md", b"", "missing-front-matter", 1, 1),
    ("no-front-matter.md", b"Just text.\n", "missing-front-matter", 1, 1),
    ("latin1.md", b"---\ntitle: Caf\xe9\nkind: concept\nsummary: x\n---\n", "invalid-utf8", 2, 11),
    ("wrong-type.md", b"---\ntitle: Types\nkind: concept\nsummary: x\ntags: 3\n---\n", "invalid-yaml", 5, 7),
    ("wrong-bool.md", b"---\ntitle: Flag\nkind: concept\nsummary: x\ndraft: maybe\n---\n", "invalid-yaml", 5, 8),
    ("unknown-kind.md", b"---\ntitle: Kind\nkind: rol\nsummary: x\n---\n", "unknown-kind", 3, 7),
    (
        "unknown-relation.md",
        b"---\ntitle: Rel\nkind: concept\nsummary: x\nlinks:\n  workswith: [owner]\n---\n",
        "unknown-relation",
        6,
        3,
    ),
    ("bad-date.md", b"---\ntitle: Date\nkind: concept\nsummary: x\nupdated: 2024-02-30\n---\n", "invalid-date", 5, 10),
    (
        "word-date.md",
        b"---\ntitle: Word\nkind: concept\nsummary: x\nupdated: last tuesday\n---\n",
        "invalid-date",
        5,
        10,
    ),
    ("compare/bad-date.md", b"---\ncompare: [owner, manager]\nupdated: 31/12/2024\n---\n", "invalid-date", 3, 10),
];

fn write_bytes(site: &TestSite, relative: &str, bytes: &[u8]) {
    let path = site.path(relative);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, bytes).expect("write");
}

#[test]
fn issue_6_every_broken_file_is_reported_with_file_line_and_column_in_one_run() {
    let site = TestSite::fixture("good");
    std::fs::remove_file(site.path("content/compare/owner-vs-manager.md")).expect("rm");
    for (name, bytes, ..) in BROKEN {
        write_bytes(&site, &format!("content/{name}"), bytes);
    }
    let (code, list) = check_json(&site);
    assert_eq!(code, 1);
    for &(name, _, expected, line, column) in BROKEN {
        let d = find(&list, &format!("content/{name}"), expected);
        assert_eq!(at(d), (line, column), "{name}: {d:#}");
        assert!(!d["message"].as_str().unwrap_or_default().contains(" at line "), "{d:#}");
    }
    let message = |name: &str, code: &str| find(&list, name, code)["message"].as_str().unwrap_or_default().to_owned();
    assert!(message("content/duplicate-key.md", "invalid-yaml").contains("duplicate field `title`"));
    assert!(message("content/wrong-type.md", "invalid-yaml").contains("expected a sequence"));
    assert!(message("content/empty.md", "missing-front-matter").contains("empty"));
    let suggestion =
        |name: &str, code: &str| find(&list, name, code)["suggestion"].as_str().unwrap_or_default().to_owned();
    assert_eq!(suggestion("content/unknown-kind.md", "unknown-kind"), "did you mean `role`?");
    assert_eq!(suggestion("content/unknown-relation.md", "unknown-relation"), "did you mean `works_with`?");
    assert!(suggestion("content/tabs.md", "invalid-yaml").contains("tabs"));
}

#[test]
fn issue_6_a_failed_build_of_a_broken_corpus_keeps_the_previous_output() {
    let site = TestSite::fixture("good");
    assert_eq!(site.run(&["build"]).code, 0);
    let before = snapshot(&site.path("public"));
    for (name, bytes, ..) in BROKEN {
        write_bytes(&site, &format!("content/{name}"), bytes);
    }
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("nothing was written"), "{}", run.stderr);
    assert_eq!(snapshot(&site.path("public")), before);
}

/// A site under `<tmp>/site`, so `../..` from its output is `<tmp>` itself.
fn nested_site(rules: &str) -> TestSite {
    let site = TestSite::empty();
    let config = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/good/site.toml"))
        .expect("fixture site.toml");
    site.write("site/site.toml", &format!("{config}\n[rules]\n{rules}\n"));
    site
}

fn entry(title: &str, extra: &str) -> String {
    format!("---\ntitle: {title}\nkind: concept\nsummary: About {title}.\n{extra}---\nText.\n")
}

#[test]
fn issue_6_slugs_and_file_names_never_write_outside_the_output_folder() {
    let site = nested_site("invalid-slug = \"warn\"\nduplicate-slug = \"warn\"\norphan = \"allow\"");
    site.write("site/content/up.md", &entry("Up", "slug: ../../x\n"));
    site.write("site/content/absolute.md", &entry("Absolute", "slug: /tmp/rolebook-escape\n"));
    site.write("site/content/windows.md", &entry("Windows", "slug: 'C:\\Windows\\evil'\n"));
    site.write("site/content/CON.md", &entry("Console", ""));
    site.write("site/content/nul.md", &entry("Nul device", ""));
    site.write("site/content/index.md", &entry("Home page", ""));
    site.write("site/content/compare/up.md", "---\nslug: ../../../y\ncompare: [up, absolute]\n---\n");
    site.write("site/content/tagged.md", &entry("Tagged", "tags: [\"!!!\", \"../../z\", index, \"\"]\n"));
    site.write("site/content/\" onmouseover=\"alert(1).md", &entry("Quoted file name", ""));
    let run = site.run(&["build", "--root", "site"]);
    assert_eq!(run.code, 0, "{run:?}");
    let top: Vec<String> =
        std::fs::read_dir(site.root()).expect("ls").flatten().map(|e| e.file_name().to_string_lossy().into()).collect();
    assert_eq!(top, ["site"], "something was written next to the site");
    assert!(!Path::new("/tmp/rolebook-escape.html").exists());
    let mut outside: Vec<String> = std::fs::read_dir(site.path("site"))
        .expect("ls")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into())
        .collect();
    outside.sort();
    assert_eq!(outside, ["content", "public", "site.toml"]);
    let files: Vec<String> = snapshot(&site.path("site/public")).into_iter().map(|(p, _)| p).collect();
    for expected in [
        "x.html",
        "tmp-rolebook-escape.html",
        "c-windows-evil.html",
        "con-entry.html",
        "nul-entry.html",
        "index-entry.html",
        "index.html",
        "compare/y.html",
        "tags/z.html",
        "tags/index-tag.html",
        "tags/index.html",
    ] {
        assert!(files.iter().any(|f| f == expected), "missing {expected} in {files:?}");
    }
    for file in &files {
        let stem = file.rsplit('/').next().unwrap_or(file);
        assert!(!stem.starts_with('.') || stem == ".rolebook-output", "hidden output file {file}");
        assert!(!matches!(stem, "con.html" | "nul.html" | "tags/.html"), "{file}");
    }
    assert_no_payload_runs(&site.path("site/public"));
    let quoted = std::fs::read_to_string(site.path("site/public/onmouseover-alert-1.html")).expect("quoted");
    assert!(quoted.contains("edit/&quot; onmouseover=&quot;alert(1).md"), "the edit URL is escaped");
    let index = std::fs::read_to_string(site.path("site/public/index.html")).expect("index");
    assert!(index.contains("Home page"), "the entry called index must not replace the home page");
    let tags = std::fs::read_to_string(site.path("site/public/tags/index.html")).expect("tags");
    assert!(tags.contains("index-tag.html"), "the tag overview must survive a tag called index: {tags}");
}

#[test]
fn issue_6_names_differing_only_in_case_or_normalization_collide() {
    let site = TestSite::fixture("good");
    site.write("content/Data-Mesh.md", &entry("Data Mesh", ""));
    site.write("content/data-mesh.md", &entry("Data mesh principles", ""));
    site.write("content/Caf\u{e9}.md", &entry("Cafe one", ""));
    site.write("content/Cafe\u{301}.md", &entry("Cafe two", ""));
    let (code, list) = check_json(&site);
    assert_eq!(code, 1);
    let collisions: Vec<&Value> = list.iter().filter(|d| d["code"] == "duplicate-slug").collect();
    assert_eq!(collisions.len(), 2, "{list:#?}");
    for d in collisions {
        let message = d["message"].as_str().unwrap_or_default();
        assert!(message.contains("case-insensitive or normalizing file systems"), "{message}");
    }
    let case = find(&list, "content/data-mesh.md", "duplicate-slug");
    assert!(case["message"].as_str().unwrap_or_default().contains("content/Data-Mesh.md"));
    assert_eq!(site.run(&["build"]).code, 1, "a collision must stop the build");
}

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
                assert!(!matches!(tag.as_str(), "iframe" | "object" | "embed" | "form" | "base"), "{path}: <{tag}>");
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
    site.edit("content/backlog.md", "A list.", "A list. <kbd onclick=\"go()\">K</kbd>");
    assert_eq!(site.run(&["build"]).code, 0);
    let page = site.read("public/backlog.html");
    assert!(page.contains("<script>alert(\"x\")</script>"), "trusted HTML is the site's choice");
    assert!(page.contains("<kbd onclick=\"go()\">K</kbd>"));
}

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
            ("content/block.md", "invalid front matter: tags[0]: invalid type: sequence, expected a string", (6, 5)),
            ("content/bomb.md", "invalid front matter: aliases[0]: invalid type: sequence, expected a string", (13, 5)),
            ("content/deep-map.md", "invalid front matter: recursion limit exceeded", (5, 516)),
            ("content/flow.md", "invalid front matter: facets: invalid type: sequence, expected a map", (5, 9)),
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
        ("long-line", format!("{}{}\n", front("Long line"), "word [[Backlog]] ".repeat(5_000_000 / 17))),
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
    assert_eq!(count("long-line", "href=\"backlog.html\""), 5_000_000 / 17);
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

#[cfg(unix)]
#[test]
fn issue_6_symlinks_out_of_the_content_folder_are_never_read() {
    let site = TestSite::fixture("good");
    let secret = TestSite::empty();
    secret.write("secret.md", "---\ntitle: Secret\nkind: concept\nsummary: Do not publish.\n---\nSECRET-TEXT\n");
    std::os::unix::fs::symlink(secret.path("secret.md"), site.path("content/secret.md")).expect("symlink");
    std::os::unix::fs::symlink(secret.root(), site.path("content/elsewhere")).expect("symlink");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    for (path, bytes) in snapshot(&site.path("public")) {
        assert!(!String::from_utf8_lossy(&bytes).contains("SECRET-TEXT"), "{path} published a linked file");
        assert!(!path.contains("secret"), "{path}");
    }
}
