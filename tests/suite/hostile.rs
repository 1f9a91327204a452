//! Issue 6: hostile and broken input. Broken files get exact diagnostics in
//! one run; slugs and paths never lead outside the output folder. No script
//! the author did not allow reaches a page (`scripts`); pathological content
//! finishes (`cost`).

mod cost;
pub mod scripts;

use crate::util::{snapshot, TestSite};
use scripts::assert_no_payload_runs;
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
    ("wrong-type.md", b"---\ntitle: Types\nkind: concept\nsummary: x\ntags: 3\n---\n", "invalid-field", 5, 7),
    ("wrong-bool.md", b"---\ntitle: Flag\nkind: concept\nsummary: x\ndraft: maybe\n---\n", "invalid-field", 5, 8),
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
    assert_eq!(message("content/wrong-type.md", "invalid-field"), "`tags` must be a list, like `tags: [a, b]`");
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
