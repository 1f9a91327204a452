//! `rolebook init`: a new site that builds and checks clean at once.

use crate::util::TestSite;

#[test]
fn a_new_site_builds_and_checks_clean() {
    let site = TestSite::empty();
    let run = site.run(&["init", "wiki"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("4 example entries"), "{}", run.stdout);
    let check = site.run(&["check", "--root", "wiki", "--deny-warnings"]);
    assert_eq!(check.code, 0, "{check:?}");
    let build = site.run(&["build", "--root", "wiki"]);
    assert_eq!(build.code, 0, "{build:?}");
    for page in ["index.html", "product-owner.html", "compare/po-vs-pm.html", "glossary.csv", "assets/style.css"] {
        assert!(site.path("wiki/public").join(page).is_file(), "missing {page}");
    }
    assert!(!site.path("wiki/themes").exists(), "no theme copy without --theme");
    let settings: serde_json::Value = serde_json::from_str(&site.read("wiki/.vscode/settings.json")).unwrap();
    assert_eq!(settings["yaml.schemas"]["./rolebook.schema.json"][0], "content/**/*.md");
    assert!(site.read("wiki/site.toml").contains("[relations.part_of]"));
}

#[test]
fn refuses_a_folder_that_already_has_a_site() {
    let site = TestSite::fixture("good");
    let before = site.read("site.toml");
    let run = site.run(&["init"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("already has site.toml"), "{}", run.stderr);
    assert_eq!(site.read("site.toml"), before);
}

#[test]
fn theme_copies_the_default_theme_for_customization() {
    let site = TestSite::empty();
    assert_eq!(site.run(&["init", "--theme"]).code, 0);
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for file in ["templates/base.html", "templates/entry.html", "static/style.css"] {
        let copied = std::fs::read(site.path("themes/default").join(file)).unwrap();
        assert_eq!(copied, std::fs::read(repo.join("themes/default").join(file)).unwrap(), "{file}");
    }
    site.edit("themes/default/templates/base.html", "<body", "<body data-custom=\"yes\"");
    assert_eq!(site.run(&["build"]).code, 0);
    assert!(site.read("public/index.html").contains("data-custom=\"yes\""));
}
