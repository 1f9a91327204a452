//! Issue 16 (reading, round two) in the generated pages: generated
//! comparisons of concepts say only what they can, the map draws a graph,
//! the matrix has its phone cards, body tables scroll in their own box.

use crate::util::TestSite;

/// The `good` fixture plus a concept often confused with its backlog.
fn with_concepts() -> TestSite {
    let site = TestSite::fixture("good");
    site.write(
        "content/roadmap.md",
        "---\ntitle: Roadmap\nkind: concept\nsummary: The plan for the coming quarters.\nlinks:\n  contrasts_with: [backlog]\n---\n\
         | Stage | Question | Who leads | Who helps |\n|---|---|---|---|\n| Plan | Why? | The manager | The owner |\n",
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    site
}

#[test]
fn a_generated_comparison_of_concepts_has_no_empty_parts() {
    let site = with_concepts();
    let page = site.read("public/compare/backlog-vs-roadmap.html");
    assert!(page.contains("The ordered list of work for a team."), "the summaries side by side: {page}");
    assert!(!page.contains("<span class=\"muted\">—</span>"), "no row of dashes: {page}");
    assert!(!page.contains("Primary focus"), "no facet nobody fills: {page}");
    assert!(!page.contains("Responsibilities"), "no empty heading: {page}");
    assert!(!page.contains("no hand-written comparison"), "no build note: {page}");
    assert!(!page.contains("compare picker"), "concepts are not in the picker: {page}");
    assert!(
        page.contains(
            "<a href=\"../backlog.html\">Backlog</a> is often confused with <a href=\"../roadmap.html\">Roadmap</a>."
        ),
        "{page}"
    );
    let index = site.read("public/index.html");
    assert!(index.contains("Backlog and Roadmap are easily confused:"), "a sentence on the home page: {index}");
}

#[test]
fn body_tables_scroll_in_their_own_named_box() {
    let site = with_concepts();
    let page = site.read("public/roadmap.html");
    assert!(
        page.contains("<div class=\"table-wrap\" role=\"region\" aria-label=\"Table 1\" tabindex=\"0\"><table>"),
        "{page}"
    );
}

#[test]
fn the_map_draws_a_graph_whose_nodes_are_links() {
    let site = with_concepts();
    let map = site.read("public/map.html");
    assert!(map.contains("<svg class=\"role-graph\""), "{map}");
    assert!(map.contains("<a class=\"xref\" href=\"owner.html\""), "{map}");
    assert!(map.contains("<details><summary>"), "the lists are collapsed: {map}");
}

#[test]
fn the_matrix_has_a_card_per_decision_and_a_role_filter() {
    let site = with_concepts();
    let matrix = site.read("public/matrix.html");
    let rows = matrix.matches("<th scope=\"row\">").count();
    assert!(rows > 0);
    assert_eq!(matrix.matches("<li><h2>").count(), rows, "{matrix}");
    assert!(matrix.contains("<input type=\"checkbox\" value=\"owner\" checked>"), "{matrix}");
}
