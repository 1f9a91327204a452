//! Issue 14 §1 and §2 together: images the imported notes use are copied
//! with them and shown from the built pages; images the source lacks leave
//! a site that builds at once, with `broken-asset` warnings that site.toml
//! says how to make strict.

use crate::util::{Run, TestSite};
use std::path::Path;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name).display().to_string()
}

fn import(site: &TestSite, source: &str) {
    let run = site.run(&["import", source, "--into", "out"]);
    assert_eq!(run.code, 0, "{run:?}");
}

/// `(file, message)` of each diagnostic of `code` that `check` printed.
fn found(run: &Run, code: &str) -> Vec<(String, String, String)> {
    let list: serde_json::Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
    list.as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["code"] == code)
        .map(|d| (text(&d["file"]), text(&d["message"]), text(&d["severity"])))
        .collect()
}

/// Every `src` of an `<img>` in the page.
/// The `src` of every image in a page's content (not the theme's logo).
fn image_sources(html: &str) -> Vec<String> {
    html.split("<img ")
        .skip(1)
        .filter(|tag| !tag.starts_with("class=\"logo\""))
        .filter_map(|tag| tag.split("src=\"").nth(1)?.split('"').next().map(str::to_owned))
        .collect()
}

#[test]
fn an_import_whose_images_are_missing_builds_and_reports_them_as_warnings() {
    let site = TestSite::fixture("import-obsidian");
    import(&site, "vault");
    let check = site.run(&["check", "--root", "out", "--format", "json"]);
    let missing = found(&check, "broken-asset");
    assert!(
        missing.iter().any(|(file, message, level)| file == "content/tools/terraform.md"
            && message.contains("terraform_logo.png")
            && level == "warning"),
        "{missing:?}"
    );
    let build = site.run(&["build", "--root", "out"]);
    assert_eq!(build.code, 0, "{build:?}");
    let toml = site.read("out/site.toml");
    assert!(toml.contains("broken-asset = \"warn\""), "{toml}");
    assert!(toml.contains("Images the notes use that were not in the source"), "{toml}");
    assert!(site.read("out/import-report.txt").contains("broken-asset = \"warn\""));
    // The comment's way back to strict works.
    site.write("out/site.toml", &toml.replace("broken-asset = \"warn\"", "broken-asset = \"error\""));
    let strict = site.run(&["build", "--root", "out"]);
    assert_eq!(strict.code, 1, "{strict:?}");
    assert!(strict.stderr.contains("error[broken-asset]"), "{}", strict.stderr);
}

#[test]
fn images_an_obsidian_vault_embeds_are_copied_and_shown() {
    let site = TestSite::empty();
    let png: &[u8] = b"\x89PNG\r\n\x1a\n-a-chart-";
    site.write(
        "vault/Concepts/Data Mesh.md",
        "---\naliases: [DM]\n---\nData Mesh spreads data ownership across domains.\n\n![[mesh diagram.png]]\n\n\
         ![The flow](../Assets/flow.png)\n",
    );
    std::fs::create_dir_all(site.path("vault/Assets")).expect("folder");
    std::fs::write(site.path("vault/Assets/mesh diagram.png"), png).expect("image");
    std::fs::write(site.path("vault/Assets/flow.png"), png).expect("image");
    site.write("vault/.obsidian/app.json", "{}");
    import(&site, "vault");
    let build = site.run(&["build", "--root", "out"]);
    assert_eq!(build.code, 0, "{build:?}");
    assert!(!build.stderr.contains("broken-asset"), "{}", build.stderr);
    let page = site.read("out/public/data-mesh.html");
    let sources = image_sources(&page);
    assert_eq!(sources.len(), 2, "{page}");
    for src in &sources {
        assert!(!src.contains("..") && !src.starts_with('/'), "{src}");
        let decoded = src.replace("%20", " ");
        let copied =
            std::fs::read(site.path(&format!("out/public/{decoded}"))).unwrap_or_else(|e| panic!("{src}: {e}"));
        assert_eq!(copied, png, "{src}");
    }
}

#[test]
fn images_of_an_imported_hugo_glossary_are_published_beside_their_pages() {
    let site = TestSite::empty();
    import(&site, &fixture("import-hugo-glossary"));
    let build = site.run(&["build", "--root", "out"]);
    assert_eq!(build.code, 0, "{build:?}");
    let page = site.read("out/public/continuous-delivery.html");
    let sources = image_sources(&page);
    assert_eq!(sources, ["glossary/continuous-delivery/pipeline.png"], "{page}");
    let original =
        std::fs::read(format!("{}/content/glossary/continuous-delivery/pipeline.png", fixture("import-hugo-glossary")));
    assert_eq!(std::fs::read(site.path("out/public/glossary/continuous-delivery/pipeline.png")).ok(), original.ok());
    let iac = site.read("out/public/infrastructure-as-code.html");
    assert!(iac.contains("href=\"images/team-topology.png\""), "{iac}");
    assert!(site.path("out/public/images/team-topology.png").is_file());
}
