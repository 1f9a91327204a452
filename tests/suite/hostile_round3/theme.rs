//! Themes arrive through pull requests like content: a template that
//! includes files outside the theme, or loops without end.

use crate::util::TestSite;

fn with_theme(template: &str, text: &str) -> TestSite {
    let site = TestSite::fixture("good");
    let config = site.read("site.toml");
    site.write("site.toml", &format!("theme = \"evil\"\n{config}"));
    site.write(&format!("themes/evil/templates/{template}"), text);
    site
}

#[test]
fn a_template_cannot_include_files_outside_the_theme() {
    for include in ["{% include \"/etc/passwd\" %}", "{% include \"../../site.toml\" %}"] {
        let site = with_theme("404.html", &format!("<!doctype html>{include}"));
        let run = site.run(&["build"]);
        assert_eq!(run.code, 2, "{run:?}");
        assert!(run.stderr.contains("Unknown template"), "{}", run.stderr);
        assert!(!site.path("public").exists());
    }
}

#[test]
fn a_runaway_loop_in_a_theme_stops_at_the_page_limit() {
    // Tera caps `range()` at 100,000 items, not the product of two loops.
    let chunk = "x".repeat(64 * 1024);
    let site = with_theme(
        "404.html",
        &format!(
            "{{% for i in range(end=100000) %}}{{% for j in range(end=100000) %}}{chunk}{{% endfor %}}{{% endfor %}}"
        ),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("rendering 404.html with 404.html wrote more than 64 MB"), "{}", run.stderr);
    assert!(!site.path("public").exists());
}
