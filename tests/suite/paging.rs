//! Big sites: list pages are paged and the index shows only the first
//! entries of each kind, so no page embeds every entry.

use crate::util::TestSite;

/// A site of `n` concepts, each tagged `bulk` and linking to the next.
fn bulk_site(n: usize) -> TestSite {
    let site = TestSite::fixture("good");
    for i in 0..n {
        let text = format!(
            "---\ntitle: Bulk {i:04}\nkind: concept\nsummary: Bulk entry number {i}.\ntags: [bulk]\n\
             sources:\n  - {{ title: S, url: \"https://example.com/{i}\" }}\n---\nSee [[bulk-{:04}]].\n",
            (i + 1) % n
        );
        site.write(&format!("content/bulk-{i:04}.md"), &text);
    }
    site
}

/// Links to bulk entry pages (`…bulk-0001.html"`) in a page.
fn bulk_links(html: &str) -> usize {
    html.split("bulk-").skip(1).filter(|rest| rest.get(4..10) == Some(".html\"")).count()
}

#[test]
fn kind_and_tag_lists_are_paged_and_the_index_is_capped() {
    let site = bulk_site(1001);
    let run = site.run(&["build", "--quiet"]);
    assert_eq!(run.code, 0, "{run:?}");
    let first = site.read("public/tags/bulk.html");
    assert_eq!(bulk_links(&first), 500, "a tag page holds one page of entries");
    assert!(first.contains(r#"<a rel="next" href="../tags/bulk/2.html">"#), "{first}");
    let last = site.read("public/tags/bulk/3.html");
    assert_eq!(bulk_links(&last), 1);
    assert!(last.contains(r#"href="../../tags/bulk.html">1</a>"#), "pages deeper in the tree link back up");
    assert!(last.contains("page 3 of 3"));
    assert!(site.path("public/kinds/concept/3.html").is_file());
    let index = site.read("public/index.html");
    assert!(bulk_links(&index) <= 100, "the index must not list every entry");
    assert!(index.contains("All 1002 concepts"), "the index links to the full kind list");
    // A–Z: past one page, every letter gets pages of its own.
    let az = site.read("public/a-z.html");
    assert_eq!(bulk_links(&az), 0, "the A–Z overview must not list every entry");
    assert!(az.contains(r#"<a href="a-z/b.html">B</a> <span class="muted">1002 entries</span>"#), "{az}");
    let b = site.read("public/a-z/b.html");
    assert_eq!(bulk_links(&b), 499, "Backlog is first under B");
    assert!(b.contains(r#"<span aria-current="page">B</span>"#) && b.contains(r#"href="../a-z/b/2.html""#), "{b}");
    let b3 = site.read("public/a-z/b/3.html");
    assert_eq!(bulk_links(&b3), 2, "1001 bulk entries: 499 + 500 + 2");
    assert!(b3.contains(r#"href="../../bulk-1000.html""#), "{b3}");
}

#[test]
fn the_compare_picker_lists_the_first_comparisons_and_links_to_all() {
    let site = TestSite::fixture("good");
    for i in 0..120 {
        let text = format!(
            "---\ntitle: Pair {i:03}\nslug: pair-{i:03}\ncompare: [owner, manager]\nsummary: Pair {i}.\n---\nText.\n"
        );
        site.write(&format!("content/compare/pair-{i:03}.md"), &text);
    }
    let run = site.run(&["build", "--quiet"]);
    assert_eq!(run.code, 0, "{run:?}");
    let picker = site.read("public/compare.html");
    assert_eq!(picker.matches(r#"<li><a href="compare/"#).count(), 100, "{picker}");
    assert!(picker.contains(r#"<a href="compare/index.html">All 121 comparisons</a>"#), "{picker}");
    assert!(site.path("public/compare/index.html").is_file());
}
