//! `rolebook build` on fixture sites.

use crate::util::{snapshot, TestSite};

#[test]
fn builds_entries_comparisons_and_lists() {
    let site = TestSite::fixture("good");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("built 3 entries, 1 comparison,"), "{}", run.stdout);
    for page in ["index.html", "owner.html", "manager.html", "backlog.html", "compare/owner-vs-manager.html"] {
        assert!(site.path("public").join(page).is_file(), "missing {page}");
    }
    for page in ["kinds/role.html", "tags/delivery.html", "tags/index.html", "404.html", "assets/style.css"] {
        assert!(site.path("public").join(page).is_file(), "missing {page}");
    }
}

#[test]
fn entry_pages_show_relations_in_both_directions() {
    let site = TestSite::fixture("good");
    assert_eq!(site.run(&["build"]).code, 0);
    let owner = site.read("public/owner.html");
    assert!(owner.contains("<h3>Often confused with</h3>"), "{owner}");
    assert!(owner.contains("<h3>Accountable for</h3>"));
    assert!(owner.contains("<h3>Reports to</h3>"));
    let manager = site.read("public/manager.html");
    assert!(manager.contains("<h3>Often confused with</h3>"), "symmetric relation missing on the target");
    assert!(manager.contains("<h3>Manages</h3>"), "inverse label missing");
    let backlog = site.read("public/backlog.html");
    assert!(backlog.contains("<h3>Owned by</h3>"));
    assert!(backlog.contains("<h3>Mentioned in</h3>"));
}

#[test]
fn body_links_resolve_to_relative_urls_with_anchors() {
    let site = TestSite::fixture("good");
    assert_eq!(site.run(&["build"]).code, 0);
    let owner = site.read("public/owner.html");
    assert!(owner.contains(r#"<a class="xref" href="manager.html">"#), "{owner}");
    assert!(owner.contains(r#"href="backlog.html#ordering""#), "{owner}");
    let compare = site.read("public/compare/owner-vs-manager.html");
    assert!(compare.contains(r#"href="../owner.html""#), "comparison links must climb out of compare/");
    assert!(compare.contains(r#"href="../assets/style.css""#));
}

#[test]
fn comparison_pages_split_shared_and_distinct_responsibilities() {
    let site = TestSite::fixture("good");
    assert_eq!(site.run(&["build"]).code, 0);
    let page = site.read("public/compare/owner-vs-manager.html");
    assert!(page.contains("<h3>Shared</h3><ul><li>Talks to stakeholders</li></ul>"), "{page}");
    assert!(page.contains("<h3>Only Product Owner</h3><ul><li>Orders the backlog</li></ul>"));
    assert!(page.contains(
        "<th scope=\"row\">Primary focus</th><td data-role=\"Product Owner\">Execution</td><td data-role=\"Product Manager\">Strategy</td>"
    ));
    assert!(page.contains("<th scope=\"row\">Order of the backlog</th><td><span class=\"part part-decides\">decides</span></td><td><span class=\"part part-informed\">informed</span></td>"));
    assert!(page.contains("One person can hold both"));
}

#[test]
fn escapes_front_matter_and_raw_html() {
    let site = TestSite::fixture("good");
    site.edit("content/backlog.md", "title: Backlog", "title: \"Backlog <img src=x onerror=alert(1)>\"");
    site.edit("content/backlog.md", "A list.", "A list. <script>alert(\"x\")</script>");
    assert_eq!(site.run(&["build"]).code, 0);
    let page = site.read("public/backlog.html");
    assert!(!page.contains("<img src=x"), "front matter must be escaped");
    assert!(!page.contains("<script>alert"), "raw HTML must be sanitized");
    assert!(page.contains("<p>A list. </p>"), "the script is dropped, the text kept");
}

#[test]
fn generates_a_comparison_for_contrast_pairs_without_a_page() {
    let site = TestSite::fixture("good");
    std::fs::remove_file(site.path("content/compare/owner-vs-manager.md")).unwrap();
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    let page = site.read("public/compare/manager-vs-owner.html");
    assert!(page.contains("Product Manager vs Product Owner"));
}

#[test]
fn two_builds_are_byte_identical() {
    let site = TestSite::fixture("good");
    assert_eq!(site.run(&["build", "--output", "one"]).code, 0);
    assert_eq!(site.run(&["build", "--output", "two"]).code, 0);
    let (one, two) = (snapshot(&site.path("one")), snapshot(&site.path("two")));
    assert!(!one.is_empty());
    assert_eq!(one, two);
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = TestSite::fixture("good");
    assert_eq!(site.run(&["build"]).code, 0);
    let before = snapshot(&site.path("public"));
    site.edit("content/owner.md", "contrasts_with: [manager]", "contrasts_with: [manger]");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert_eq!(snapshot(&site.path("public")), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty(), "temporary folders left behind");
}

#[test]
fn refuses_to_replace_the_site_or_a_foreign_folder() {
    let site = TestSite::fixture("good");
    for output in [".", "content", "/"] {
        let run = site.run(&["build", "--output", output]);
        assert_eq!(run.code, 2, "--output {output}: {run:?}");
        assert!(run.stderr.contains("refusing"), "{}", run.stderr);
    }
    site.write("notes/keep.txt", "mine");
    let run = site.run(&["build", "--output", "notes"]);
    assert_eq!(run.code, 2);
    assert_eq!(site.read("notes/keep.txt"), "mine");
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = TestSite::fixture("good");
    site.write(
        "content/later.md",
        "---\ntitle: Later\nkind: concept\nsummary: Not ready.\ndraft: true\nsources: [{title: x}]\n---\nSee [[Backlog]].\n",
    );
    assert_eq!(site.run(&["build"]).code, 0);
    assert!(!site.path("public/later.html").exists());
    assert_eq!(site.run(&["build", "--drafts"]).code, 0);
    assert!(site.path("public/later.html").exists());
}

#[test]
fn builds_without_a_themes_folder_and_with_an_override() {
    let site = TestSite::fixture("good");
    site.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}{% block main %}CUSTOM 404{% endblock main %}",
    );
    assert_eq!(site.run(&["build"]).code, 0);
    assert!(site.read("public/404.html").contains("CUSTOM 404"));
    assert!(site.read("public/index.html").contains("Fixture Roles"));
}
