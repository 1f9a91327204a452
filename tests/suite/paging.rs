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

#[test]
fn kind_and_tag_lists_are_paged_and_the_index_is_capped() {
    let site = bulk_site(1001);
    let run = site.run(&["build", "--quiet"]);
    assert_eq!(run.code, 0, "{run:?}");
    let first = site.read("public/tags/bulk.html");
    assert_eq!(first.matches("data-slug=\"bulk-").count(), 500, "a tag page holds one page of entries");
    assert!(first.contains(r#"<a rel="next" href="../tags/bulk/2.html">"#), "{first}");
    let last = site.read("public/tags/bulk/3.html");
    assert_eq!(last.matches("data-slug=\"bulk-").count(), 1);
    assert!(last.contains(r#"href="../../tags/bulk.html">1</a>"#), "pages deeper in the tree link back up");
    assert!(last.contains("page 3 of 3"));
    assert!(site.path("public/kinds/concept/3.html").is_file());
    let index = site.read("public/index.html");
    assert!(index.matches("data-slug=\"bulk-").count() <= 100, "the index must not list every entry");
    assert!(index.contains("All 1002 concepts"), "the index links to the full kind list");
}
