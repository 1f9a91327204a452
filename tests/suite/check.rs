//! `rolebook check` on broken variants of the fixture site.

use crate::util::TestSite;

fn json(site: &TestSite, extra: &[&str]) -> (i32, Vec<serde_json::Value>) {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    let run = site.run(&args);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout));
    (run.code, value.as_array().cloned().unwrap_or_default())
}

fn codes(list: &[serde_json::Value]) -> Vec<String> {
    list.iter().map(|d| d["code"].as_str().unwrap_or_default().to_owned()).collect()
}

#[test]
fn the_good_site_is_clean() {
    let site = TestSite::fixture("good");
    let (code, list) = json(&site, &["--deny-warnings"]);
    assert_eq!((code, list.len()), (0, 0), "{list:#?}");
}

#[test]
fn a_misspelt_link_names_file_line_and_the_right_slug() {
    let site = TestSite::fixture("good");
    site.edit("content/owner.md", "contrasts_with: [manager]", "contrasts_with: [manger]");
    let (code, list) = json(&site, &[]);
    assert_eq!(code, 1);
    let d = list.iter().find(|d| d["code"] == "broken-link").expect("broken-link");
    assert_eq!(d["file"], "content/owner.md");
    assert_eq!(d["line"], 9);
    assert_eq!(d["column"], 20);
    assert_eq!(d["suggestion"], "did you mean `manager`?");
    let human = site.run(&["check"]);
    assert_eq!(human.code, 1);
    assert!(human.stderr.contains("content/owner.md:9:20"), "{}", human.stderr);
    let build = site.run(&["build"]);
    assert_eq!(build.code, 1);
    assert!(build.stderr.contains("did you mean `manager`?"));
}

#[test]
fn a_broken_body_link_is_reported_at_its_line() {
    let site = TestSite::fixture("good");
    site.edit("content/manager.md", "see [[PO]]", "see [[Prodcut Owner]]");
    let (_, list) = json(&site, &[]);
    let d = list.iter().find(|d| d["code"] == "broken-link").expect("broken-link");
    assert_eq!((d["file"].as_str(), d["line"].as_u64()), (Some("content/manager.md"), Some(21)));
    assert_eq!(d["suggestion"], "did you mean `owner` (Product Owner)?");
}

#[test]
fn duplicate_slugs_name_both_files() {
    let site = TestSite::fixture("good");
    site.write("content/more/owner.md", "---\ntitle: Other\nkind: role\nsummary: x\n---\n");
    let (code, list) = json(&site, &[]);
    assert_eq!(code, 1);
    let d = list.iter().find(|d| d["code"] == "duplicate-slug").expect("duplicate-slug");
    let message = d["message"].as_str().unwrap();
    assert!(message.contains("content/owner.md") && message.contains("content/more/owner.md"), "{message}");
}

#[test]
fn an_ambiguous_alias_names_both_files() {
    let site = TestSite::fixture("good");
    site.edit("content/manager.md", "abbr: PM", "abbr: PM\naliases: [backlog owner]");
    let (code, list) = json(&site, &[]);
    assert_eq!(code, 1);
    let d = list.iter().find(|d| d["code"] == "ambiguous-name").expect("ambiguous-name");
    let message = d["message"].as_str().unwrap();
    assert!(message.contains("content/owner.md") && message.contains("content/manager.md"), "{message}");
    assert_eq!(d["line"], 4);
}

#[test]
fn malformed_yaml_reports_its_line_and_every_other_problem() {
    let site = TestSite::fixture("good");
    site.edit("content/backlog.md", "summary: The ordered list of work for a team.", "summary: [unclosed");
    site.edit("content/manager.md", "kind: role", "kind: rol");
    let (code, list) = json(&site, &[]);
    assert_eq!(code, 1);
    let yaml = list.iter().find(|d| d["code"] == "invalid-yaml").expect("invalid-yaml");
    assert_eq!(yaml["file"], "content/backlog.md");
    assert!(yaml["line"].as_u64().unwrap() >= 4, "{yaml}");
    let kind = list.iter().find(|d| d["code"] == "unknown-kind").expect("all problems in one run");
    assert_eq!(kind["suggestion"], "did you mean `role`?");
    assert!(!codes(&list).contains(&"broken-link".to_owned()), "a file with bad YAML must not cascade: {list:#?}");
}

#[test]
fn unknown_keys_are_warnings_with_suggestions() {
    let site = TestSite::fixture("good");
    site.edit("content/backlog.md", "tags: [delivery]", "tag: [delivery]");
    let (code, list) = json(&site, &[]);
    assert_eq!(code, 0);
    assert_eq!(list[0]["severity"], "warning");
    assert_eq!(list[0]["suggestion"], "did you mean `tags`?");
    let (code, _) = json(&site, &["--deny-warnings"]);
    assert_eq!(code, 1);
}

#[test]
fn rules_in_site_toml_relevel_codes() {
    let site = TestSite::fixture("good");
    site.edit("content/backlog.md", "tags: [delivery]", "tag: [delivery]");
    let toml = site.read("site.toml");
    site.write("site.toml", &format!("{toml}\n[rules]\nunknown-field = \"error\"\n"));
    assert_eq!(json(&site, &[]).0, 1);
    site.write("site.toml", &format!("{toml}\n[rules]\nunknown-field = \"allow\"\n"));
    assert_eq!(json(&site, &["--deny-warnings"]), (0, vec![]));
}

#[test]
fn relation_rules_and_mutual_contrasts_are_checked() {
    let site = TestSite::fixture("good");
    site.edit("content/manager.md", "contrasts_with: [owner]", "accountable_for: [owner]");
    let (_, list) = json(&site, &[]);
    let found = codes(&list);
    assert!(found.contains(&"relation-kind".to_owned()), "{list:#?}");
    assert!(found.contains(&"contrast-not-mutual".to_owned()), "{list:#?}");
}

#[test]
fn github_format_prints_workflow_annotations() {
    let site = TestSite::fixture("good");
    site.edit("content/owner.md", "contrasts_with: [manager]", "contrasts_with: [manger]");
    let run = site.run(&["check", "--format", "github"]);
    assert_eq!(run.code, 1);
    let line = run.stdout.lines().find(|l| l.starts_with("::error")).expect("an error annotation");
    assert!(line.starts_with("::error file=content/owner.md,line=9,col=20,title=broken-link::"), "{}", run.stdout);
    assert!(run.stdout.contains("::warning file=content/manager.md,line=8"), "{}", run.stdout);
}

#[test]
fn hostile_files_are_reported_not_crashed_on() {
    let site = TestSite::fixture("good");
    site.write("content/empty.md", "");
    site.write("content/unclosed.md", "---\ntitle: x\n");
    site.write("content/tabs.md", "---\ntitle: x\n\tkind: role\n---\n");
    std::fs::write(site.path("content/latin1.md"), b"---\ntitle: caf\xe9\n---\n").unwrap();
    site.write("content/bomb.md", "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f]\n---\n");
    site.write(
        "content/deep.md",
        &format!("---\ntitle: Deep\nkind: concept\nsummary: x\n---\n{}x\n", ">".repeat(10_000)),
    );
    let (code, list) = json(&site, &[]);
    assert_eq!(code, 1);
    let found = codes(&list);
    for expected in ["missing-front-matter", "unclosed-front-matter", "invalid-yaml", "invalid-utf8"] {
        assert!(found.contains(&expected.to_owned()), "{expected} missing: {found:?}");
    }
}
