//! `rolebook import` (issue 7): Obsidian, Hugo and Zola fixtures become
//! sites whose links resolve, the source stays byte-for-byte the same, and
//! what needs a person is reported.

use crate::util::{snapshot, Run, TestSite};
use std::path::Path;

/// The diagnostic codes `check --format json` printed.
fn codes(run: &Run) -> Vec<String> {
    let list: serde_json::Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    list.as_array().into_iter().flatten().filter_map(|d| d["code"].as_str().map(str::to_owned)).collect()
}

fn messages(run: &Run, code: &str) -> Vec<String> {
    let list: serde_json::Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    list.as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["code"] == code)
        .filter_map(|d| d["message"].as_str().map(str::to_owned))
        .collect()
}

#[test]
fn imports_an_obsidian_vault_without_touching_it() {
    let site = TestSite::fixture("import-obsidian");
    let before = snapshot(&site.path("vault"));
    let run = site.run(&["import", "vault", "--into", "out"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(snapshot(&site.path("vault")), before, "the source changed");
    assert!(run.stdout.contains("format: obsidian"), "{}", run.stdout);
    assert!(run.stdout.contains("`IaC`: Concepts/Software Engineering/Infrastructure as Code.md, Tools/Terraform.md"));
    assert!(run.stdout.contains("Index.md: `index` is reserved by rolebook → `index-entry`"), "{}", run.stdout);
    assert!(run.stdout.contains("Tools/Terraform.md: Assets/terraform_logo.png"), "{}", run.stdout);

    let claim = site.read("out/content/concepts/software-engineering/claim-check-pattern.md");
    assert!(claim.contains("A[[Message with data]]-->|1.| B((Producer))"), "Mermaid was touched");
    assert!(claim.contains("%%{init:"), "a comment-like line inside code was dropped");
    assert!(!claim.contains("wiki footer"), "the Obsidian comment stayed");
    let faq = site.read("out/content/faq/faq.md");
    assert!(faq.contains("> **FAQ: What is Data Engineering?**"), "{faq}");
    assert!(faq.contains("[[what-is-data-engineering|What is data engineering?]]: Data Engineering: "), "{faq}");
    let map = site.read("out/content/guides/cloud-services-map.md");
    assert!(map.contains("**[[amazon-redshift\\|Amazon Redshift]]**") || map.contains("[[amazon-redshift\\|"), "{map}");
    let terraform = site.read("out/content/tools/terraform.md");
    assert!(terraform.contains("# needs a person: also claimed by another note, so left out: IaC"), "{terraform}");
    assert!(!terraform.contains("- IaC"), "{terraform}");
    assert!(site.path("out/content/tools/data-analytics/cube-js.md").is_file());
    let template = site.read("out/content/templates/concept-template.md");
    assert!(template.contains("draft: true") && template.contains("{{title}}"), "{template}");
    let queue = site.read("out/content/concepts/data-processing/queue.md");
    assert!(queue.contains("- Message Queue") && !queue.contains("\n# Queue\n"), "{queue}");
    assert!(site.read("out/site.toml").contains("summary_from_body = true"));
}

#[test]
fn an_imported_vault_reports_links_to_missing_notes_and_builds_when_they_are_warnings() {
    let site = TestSite::fixture("import-obsidian");
    assert_eq!(site.run(&["import", "vault", "--into", "out"]).code, 0);
    let check = site.run(&["check", "--root", "out", "--format", "json"]);
    assert_eq!(check.code, 1, "links to notes outside the subset are errors");
    let found = codes(&check);
    assert!(!found.contains(&"ambiguous-name".to_owned()), "{found:?}");
    let broken = messages(&check, "broken-link");
    assert!(broken.contains(&"no entry named `Data Warehouse`".to_owned()), "{broken:?}");
    assert!(
        !broken.iter().any(|m| m.contains("Terraform") || m.contains("Redshift") || m.contains("Queue")),
        "{broken:?}"
    );
    let build = site.run(&["build", "--root", "out"]);
    assert_eq!(build.code, 1, "{build:?}");
    let toml = site.read("out/site.toml");
    site.write("out/site.toml", &format!("{toml}\n[rules]\nbroken-link = \"warn\"\nbroken-asset = \"warn\"\n"));
    let build = site.run(&["build", "--root", "out"]);
    assert_eq!(build.code, 0, "{build:?}");
    assert!(build.stdout.contains("built 14 entries"), "{}", build.stdout);
    let index = site.read("out/public/index-entry.html");
    assert!(!index.contains("<iframe"), "raw HTML is not inert");
    assert!(site.path("out/public/cube-js.html").is_file());
    assert!(!site.path("out/public/concept-template.html").exists(), "a publish: false note was published");
}

#[test]
fn imports_a_hugo_site_with_every_internal_link_resolved() {
    let site = TestSite::fixture("import-hugo");
    let before = snapshot(site.root());
    let run = site.run(&["import", site.root().to_str().unwrap_or("."), "--into", "out"]);
    assert_eq!(run.code, 2, "into inside the source must be refused: {run:?}");
    assert!(run.stderr.contains("inside the source"), "{}", run.stderr);
    assert_eq!(snapshot(site.root()), before);
    let out = TestSite::empty();
    let run = out.run(&["import", site.root().to_str().unwrap_or("."), "--into", "site"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(snapshot(site.root()), before, "the source changed");
    assert!(run.stdout.contains("format: hugo"), "{}", run.stdout);
    assert!(run.stdout.contains("`youtube` in roles/data-product-owner.md"), "{}", run.stdout);
    assert!(run.stdout.contains("roles/data-product-owner.md: /old/dpo/"), "{}", run.stdout);
    let owner = out.read("site/content/roles/data-product-owner.md");
    assert!(owner.contains("[product manager](data-product-manager.md)"), "{owner}");
    assert!(owner.contains("[data product](data-product.md#ownership)"), "{owner}");
    assert!(owner.contains("{{< ref \"nowhere\" >}} [x](/nowhere/)"), "code was touched: {owner}");
    let check = out.run(&["check", "--root", "site", "--format", "json"]);
    assert_eq!(check.code, 0, "{check:?}");
    assert!(!codes(&check).iter().any(|c| c == "broken-link" || c == "broken-anchor"), "{}", check.stdout);
    assert_eq!(out.run(&["build", "--root", "site"]).code, 0);
}

#[test]
fn imports_a_zola_site_with_every_internal_link_resolved() {
    let site = TestSite::fixture("import-zola");
    let before = snapshot(site.root());
    let out = TestSite::empty();
    let run = out.run(&["import", site.root().to_str().unwrap_or("."), "--into", "site"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(snapshot(site.root()), before, "the source changed");
    assert!(run.stdout.contains("format: zola"), "{}", run.stdout);
    assert!(run.stdout.contains("`note` in roles/data-steward.md"), "{}", run.stdout);
    let steward = out.read("site/content/roles/data-steward.md");
    assert!(steward.contains("[owner](data-owner.md#duties)") && steward.contains("- quality"), "{steward}");
    let check = out.run(&["check", "--root", "site", "--format", "json"]);
    assert_eq!(check.code, 0, "{check:?}");
    assert!(!codes(&check).iter().any(|c| c == "broken-link" || c == "broken-anchor"), "{}", check.stdout);
}

#[test]
fn refuses_a_folder_it_did_not_write_and_reimports_into_its_own() {
    let site = TestSite::fixture("import-zola");
    site.write("mine/notes.txt", "keep me");
    let run = site.run(&["import", "content", "--from", "markdown", "--into", "mine"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("not empty"), "{}", run.stderr);
    assert_eq!(site.read("mine/notes.txt"), "keep me");
    let out = TestSite::empty();
    let source = site.path("content");
    let source = source.to_str().unwrap_or(".");
    assert_eq!(out.run(&["import", source, "--from", "markdown", "--into", "x"]).code, 0);
    assert_eq!(
        out.run(&["import", source, "--from", "markdown", "--into", "x"]).code,
        0,
        "re-import into our own folder"
    );
    assert!(out.path("x/content/roles/data-steward.md").is_file());
}

/// The whole Data Engineering Wiki, when this machine has it (CI does not).
#[test]
fn imports_the_full_data_engineering_wiki_when_present() {
    let vault = Path::new("/work/shared/corpora/data-engineering-wiki/vault");
    if !vault.is_dir() {
        eprintln!("skipped: {} is not here", vault.display());
        return;
    }
    let before = snapshot(vault);
    let out = TestSite::empty();
    let run = out.run(&["import", vault.to_str().unwrap_or("."), "--into", "wiki"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(snapshot(vault), before, "the source changed");
    assert!(run.stdout.contains("185 notes read, 185 entries written (14 drafts)"), "{}", run.stdout);
    assert!(run.stdout.contains("links to notes that do not exist (kept as [[links]]: `check` reports them): 16"));
    assert!(run.stdout.contains("`IaC`: Concepts/Software Engineering/Infrastructure as Code.md, Tools/Terraform.md"));
    let check = out.run(&["check", "--root", "wiki", "--format", "json"]);
    let found = codes(&check);
    assert_eq!(found.iter().filter(|c| *c == "broken-link").count(), 16, "{found:?}");
    assert!(!found.contains(&"ambiguous-name".to_owned()), "{found:?}");
    let toml = out.read("wiki/site.toml");
    out.write("wiki/site.toml", &format!("{toml}\n[rules]\nbroken-link = \"warn\"\nbroken-asset = \"warn\"\n"));
    let build = out.run(&["build", "--root", "wiki"]);
    assert_eq!(build.code, 0, "{build:?}");
    assert!(build.stdout.contains("built 171 entries"), "{}", build.stdout);
}

#[test]
fn summary_from_body_turns_a_missing_summary_into_a_warning() {
    let site = TestSite::fixture("good");
    site.write(
        "content/no-summary.md",
        "---\ntitle: No Summary\nkind: concept\n---\n\n![badge](https://img.example/b.svg)\n\nThe first real paragraph. Then more.\n",
    );
    let strict = site.run(&["check", "--format", "json"]);
    assert!(messages(&strict, "missing-field").iter().any(|m| m.contains("summary")), "{}", strict.stdout);
    let toml = site.read("site.toml");
    site.write("site.toml", &format!("summary_from_body = true\n{toml}"));
    let lenient = site.run(&["check", "--format", "json"]);
    assert!(messages(&lenient, "missing-field").is_empty(), "{}", lenient.stdout);
    assert_eq!(messages(&lenient, "summary-from-body").len(), 1, "{}", lenient.stdout);
    assert_eq!(site.run(&["build"]).code, 0);
    assert!(site.read("public/no-summary.html").contains("The first real paragraph. Then more."));
}
