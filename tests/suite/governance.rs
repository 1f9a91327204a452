//! Governance through pull requests (issue 19): statuses and successors,
//! owners and reviews, CODEOWNERS, and status changes in `diff`, on the
//! `governance` fixture (one proposed, two deprecated entries).

use crate::util::TestSite;
use std::process::Command;

fn built(extra: &[&str]) -> TestSite {
    let site = TestSite::fixture("governance");
    let mut args = vec!["build"];
    args.extend(extra);
    let run = site.run(&args);
    assert_eq!(run.code, 0, "{run:?}");
    site
}

/// The JSON a search script assigns (`window.X=…;` or `(X=…)` forms).
fn script_json(script: &str) -> serde_json::Value {
    let start = script.find("]=").map(|i| i + 2).or_else(|| script.find('=').map(|i| i + 1)).expect("assignment");
    let json = script[start..].trim_end().trim_end_matches(';');
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {script}"))
}

/// The lines of `check` output that start a diagnostic with `code`.
fn reported(stderr: &str, code: &str) -> Vec<String> {
    let lines: Vec<&str> = stderr.lines().collect();
    let start = format!("[{code}]");
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.contains(&start))
        .map(|(i, l)| format!("{l} {}", lines.get(i + 1).copied().unwrap_or("").trim()))
        .collect()
}

#[test]
fn pages_show_status_successor_owners_and_review() {
    let site = built(&[]);
    let custodian = site.read("public/data-custodian.html");
    assert!(custodian.contains("status-badge status-deprecated\">Deprecated<"), "no badge");
    assert!(custodian.contains("Deprecated since <time datetime=\"2026-10-01\">"), "no date");
    assert!(custodian.contains("Use <a class=\"xref successor\" href=\"data-owner.html\""), "no successor link");
    assert!(custodian.contains("Merged into the Data Owner role"), "no note");
    // Owners default to the kind's line in site.toml.
    assert!(custodian.contains("Ask: @acme/people-ops ·"), "no default owner");
    let steward = site.read("public/data-steward.html");
    assert!(steward.contains("status-banner status-proposed"), "no proposed banner");
    assert!(steward.contains("Ask: @jane, Data Office · Last reviewed"));
    assert!(steward.contains("Last reviewed <time datetime=\"2026-11-20\">"));
    let owner = site.read("public/data-owner.html");
    assert!(!owner.contains("status-banner"), "an approved entry has no banner");
    // Its relation list badges the proposed neighbour; previews say so too.
    let previews =
        site.read(&format!("public/assets/previews/p-{}.js", rolebook::render::previews::bucket("data-steward")));
    assert!(previews.contains("\"data-steward\":[\"Role · proposed\","), "no status in the preview: {previews}");
    assert!(owner.contains("<span class=\"status-badge status-proposed\">proposed</span>"));
    // A body link to a deprecated entry is marked.
    assert!(site.read("public/data-steward.html").contains("class=\"xref deprecated\""));
}

#[test]
fn lists_and_search_put_deprecated_entries_last() {
    let site = built(&[]);
    let roles = site.read("public/kinds/role.html");
    let at = |title: &str| roles.find(&format!(">{title}</a>")).unwrap_or_else(|| panic!("{title} not listed"));
    // A–Z would put Data Custodian first; live entries come before it.
    assert!(at("Data Owner") < at("Data Custodian"));
    assert!(at("Data Steward") < at("Data Custodian"));
    assert!(at("Data Custodian") < at("Records Keeper"));
    // Search: the index names the deprecated records (ranked last), and
    // result rows carry the status of proposed and deprecated entries.
    let index = script_json(&site.read("public/assets/search-index.js"));
    let rows = script_json(&site.read("public/assets/search/s-0.js"));
    let rows = rows.as_array().expect("result rows");
    let status_of = |i: usize| rows[i].get(5).and_then(|s| s.as_str()).unwrap_or("approved");
    let title_of = |i: usize| rows[i][0].as_str().unwrap_or("");
    let deprecated: Vec<usize> = (0..rows.len()).filter(|&i| status_of(i) == "deprecated").collect();
    let listed: Vec<usize> =
        index["dep"].as_array().expect("dep").iter().filter_map(|v| v.as_u64()).map(|v| v as usize).collect();
    assert_eq!(listed, deprecated, "{index}");
    let mut names: Vec<&str> = deprecated.iter().map(|&i| title_of(i)).collect();
    names.sort_unstable();
    assert_eq!(names, ["Data Custodian", "Records Keeper"]);
    assert!((0..rows.len()).any(|i| title_of(i) == "Data Steward" && status_of(i) == "proposed"));
    let picker = site.read("public/assets/compare-data.js");
    assert!(picker.contains("[0,\"Data Custodian\",\"\",\"deprecated\"]"), "{picker}");
}

#[test]
fn check_reports_links_to_deprecated_entries_chains_and_overdue_reviews() {
    let site = TestSite::fixture("governance");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "warnings only: {run:?}");
    let deprecated = reported(&run.stderr, "link-to-deprecated");
    assert_eq!(deprecated.len(), 2, "{}", run.stderr);
    assert!(deprecated
        .iter()
        .any(|l| l.contains("`owned_by` links to `Data Custodian`") && l.contains("data-product.md")));
    assert!(deprecated.iter().any(|l| l.contains("`Records Keeper` is deprecated") && l.contains("data-steward.md")));
    assert!(run.stderr.contains("help: link to its successor `data-owner` instead"), "{}", run.stderr);
    // The successor may name what it replaces; a deprecated entry may link anywhere.
    assert!(!deprecated.iter().any(|l| l.contains("data-owner.md") || l.contains("data-custodian.md")));
    let chain = reported(&run.stderr, "superseded-chain");
    assert_eq!(chain.len(), 1, "{}", run.stderr);
    assert!(chain[0].contains("last in the chain: `Data Owner`") && chain[0].contains("records-keeper.md"));
    assert!(run.stderr.contains("help: write `superseded_by: data-owner`"));
    // Overdue: Data Product (2000-01-01); not Data Custodian, which is deprecated.
    let overdue = reported(&run.stderr, "review-overdue");
    assert_eq!(overdue.len(), 1, "{}", run.stderr);
    assert!(overdue[0].contains("`Data Product` was last reviewed") && overdue[0].contains("data-product.md:8"));
    assert!(run.stderr.contains("ask @acme/glossary to review it"), "{}", run.stderr);
}

#[test]
fn check_reports_cycles_unknown_successors_and_statuses() {
    let site = TestSite::fixture("governance");
    site.edit(
        "content/data-owner.md",
        "kind: role\n",
        "kind: role\nstatus: deprecated\nsuperseded_by: records-keeper\n",
    );
    site.edit(
        "content/data-product.md",
        "kind: concept\n",
        "kind: concept\nstatus: retired\nsuperseded_by: Data Stewart\n",
    );
    site.edit("content/data-steward.md", "status: proposed\n", "status: proposed\nsuperseded_by: data-product\n");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    let cycle = reported(&run.stderr, "superseded-cycle");
    assert_eq!(cycle.len(), 1, "one report per cycle: {}", run.stderr);
    assert!(cycle[0].contains("runs in a circle"), "{cycle:?}");
    let status = reported(&run.stderr, "invalid-field");
    assert!(
        status[0].contains("`status` must be proposed, approved or deprecated, like `status: approved`"),
        "{status:?}"
    );
    assert!(run.stderr.contains("no entry named `Data Stewart`"), "{}", run.stderr);
    assert!(reported(&run.stderr, "superseded-not-deprecated")[0].contains("data-steward.md"));
}

#[test]
fn approved_only_leaves_proposed_entries_out() {
    let site = built(&["--approved-only"]);
    assert!(!site.path("public/data-steward.html").exists(), "the proposed entry was built");
    let owner = site.read("public/data-owner.html");
    assert!(!owner.contains("data-steward.html"), "a link to the proposed entry remains");
    assert!(!site.read("public/assets/search-index.js").contains("Data Steward"));
    assert!(!site.read("public/kinds/role.html").contains("Data Steward"));
    // check says what the published site loses.
    let run = site.run(&["check", "--approved-only"]);
    assert!(run.stderr.contains("to the proposed entry (left out: approved only) `data-steward`"), "{}", run.stderr);
    // site.toml can make it the default.
    site.edit("site.toml", "default_status = \"approved\"\n", "default_status = \"approved\"\napproved_only = true\n");
    assert_eq!(site.run(&["build"]).code, 0);
    assert!(!site.path("public/data-steward.html").exists());
}

#[test]
fn a_default_status_of_proposed_applies_to_entries_without_one() {
    let site = TestSite::fixture("governance");
    site.edit("site.toml", "default_status = \"approved\"", "default_status = \"proposed\"");
    assert_eq!(site.run(&["build"]).code, 0);
    assert!(site.read("public/data-product.html").contains("status-banner status-proposed"));
    assert!(!site.read("public/data-custodian.html").contains("status-banner status-proposed"));
}

fn git(site: &TestSite, args: &[&str]) {
    let output = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(site.root())
        .output()
        .expect("run git");
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn codeowners_lists_every_entry_file_and_check_fails_when_it_is_stale() {
    let site = TestSite::fixture("governance");
    git(&site, &["init", "-q"]);
    let run = site.run(&["codeowners"]);
    assert_eq!(run.code, 0, "{run:?}");
    let text = site.read(".github/CODEOWNERS");
    assert!(text.starts_with("# Generated by `rolebook codeowners`"), "{text}");
    let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty() && !l.starts_with("# Generated")).collect();
    let expected = [
        "/content/data-custodian.md @acme/people-ops",
        "/content/data-owner.md @acme/data-office",
        "/content/data-product.md @acme/glossary",
        "/content/data-steward.md @jane",
        "/content/records-keeper.md @acme/people-ops",
    ];
    let entry_lines: Vec<&str> = lines.iter().copied().filter(|l| l.starts_with('/')).collect();
    assert_eq!(entry_lines, expected, "{text}");
    assert_eq!(site.run(&["check", "--codeowners"]).code, 0);
    // Owners change in front matter: the committed file is out of date.
    site.edit("content/data-owner.md", "owners: [\"@acme/data-office\"]", "owners: [\"@acme/finance\"]");
    let run = site.run(&["check", "--codeowners"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stderr.contains("codeowners-outdated"), "{}", run.stderr);
    assert!(run.stderr.contains("/content/data-owner.md @acme/finance"), "{}", run.stderr);
    assert_eq!(site.run(&["codeowners"]).code, 0);
    assert_eq!(site.run(&["check", "--codeowners"]).code, 0);
    assert!(site.read(".github/CODEOWNERS").contains("/content/data-owner.md @acme/finance\n"));
}

#[test]
fn codeowners_paths_start_at_the_repository_root() {
    let site = TestSite::empty();
    git(&site, &["init", "-q"]);
    let from = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/governance");
    for file in ["site.toml", "content/data-owner.md", "content/data-steward.md"] {
        site.write(&format!("docs/glossary/{file}"), &std::fs::read_to_string(from.join(file)).unwrap());
    }
    let run = site.run(&["codeowners", "--root", "docs/glossary", "--stdout"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("\n/docs/glossary/content/data-owner.md @acme/data-office\n"), "{}", run.stdout);
    assert!(run.stdout.contains("\n/docs/glossary/content/data-steward.md @jane\n"), "{}", run.stdout);
    let run = site.run(&["check", "--root", "docs/glossary", "--codeowners"]);
    assert!(run.stderr.contains("no CODEOWNERS file"), "{}", run.stderr);
}

#[test]
fn diff_reports_status_changes_first() {
    let site = TestSite::fixture("governance");
    git(&site, &["init", "-q"]);
    git(&site, &["add", "-A"]);
    git(&site, &["commit", "-q", "-m", "first"]);
    site.edit("content/data-steward.md", "status: proposed\n", "status: approved\n");
    site.edit("content/data-owner.md", "owners: [\"@acme/data-office\"]", "owners: [\"@acme/finance\"]");
    let run = site.run(&["diff", "HEAD"]);
    assert_eq!(run.code, 0, "{run:?}");
    let status = run.stdout.find("#### Status changes").expect("a status section");
    assert!(run.stdout.contains("- **Data Steward**: proposed → approved"), "{}", run.stdout);
    let first_other = run.stdout.find("#### ").unwrap();
    assert_eq!(status, first_other, "status changes come first: {}", run.stdout);
    assert!(run.stdout.contains("@acme/finance"), "owner changes are listed: {}", run.stdout);
    let json = site.run(&["diff", "HEAD", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["status_changes"][0]["entry"]["slug"], "data-steward");
    assert_eq!(value["status_changes"][0]["new"], "approved");
}

#[test]
fn graph_json_carries_the_lifecycle() {
    let site = built(&[]);
    let graph: serde_json::Value = serde_json::from_str(&site.read("public/graph.json")).unwrap();
    let entry = |slug: &str| graph["entries"].as_array().unwrap().iter().find(|e| e["slug"] == slug).unwrap().clone();
    let custodian = entry("data-custodian");
    assert_eq!(custodian["status"], "deprecated");
    assert_eq!(custodian["superseded_by"], "data-owner");
    assert_eq!(custodian["owners"], serde_json::json!(["@acme/people-ops"]));
    assert_eq!(entry("data-steward")["reviewed"], "2026-11-20");
}

#[test]
fn comparison_tables_badge_deprecated_entries() {
    let site = TestSite::fixture("governance");
    site.write(
        "content/compare/custodian-vs-owner.md",
        "---\ntitle: Custodian vs Owner\ncompare: [Data Custodian, Data Owner]\nsummary: The old role and the new.\n---\n",
    );
    assert_eq!(site.run(&["build"]).code, 0);
    let page = site.read("public/compare/custodian-vs-owner.html");
    assert!(page.contains("</a> <span class=\"status-badge status-deprecated\">deprecated</span></th>"), "{page}");
}
