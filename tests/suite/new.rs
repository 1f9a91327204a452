//! `rolebook new`: a stub from the kind's archetype that passes `check`.

use crate::util::TestSite;
use rolebook::resolve::dates::{format_date, today};

fn diagnostics_of(site: &TestSite, file: &str) -> Vec<String> {
    let run = site.run(&["check", "--format", "json"]);
    let list: serde_json::Value = serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {run:?}"));
    list.as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == file)
        .map(|d| format!("{} {}", d["severity"].as_str().unwrap(), d["code"].as_str().unwrap()))
        .collect()
}

#[test]
fn writes_a_role_stub_that_check_accepts() {
    let site = TestSite::fixture("good");
    let run = site.run(&["new", "Data Steward", "--kind", "role", "--abbr", "DS"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout.trim(), "content/data-steward.md");
    let text = site.read("content/data-steward.md");
    for line in ["title: \"Data Steward\"", "abbr: \"DS\"", "kind: role", "facets:", "  focus: ", "  horizon: "] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
    for field in ["responsibilities:", "skills:", "decisions:", "sources:", "# reports_to: []", "# manages: []"] {
        assert!(text.contains(field), "missing {field:?} in\n{text}");
    }
    assert!(text.contains(&format!("updated: {}\n", format_date(today()))), "{text}");
    assert!(!text.contains("# owned_by"), "owned_by targets concepts only, not roles");
    let found = diagnostics_of(&site, "content/data-steward.md");
    let other: Vec<&String> = found.iter().filter(|d| *d != "warning placeholder").collect();
    assert_eq!(other, ["warning orphan"], "the TODO text is reported as placeholders, nothing else");
    assert_eq!(site.run(&["check"]).code, 0);
}

#[test]
fn refuses_to_overwrite_an_existing_file() {
    let site = TestSite::fixture("good");
    let run = site.run(&["new", "Owner", "--kind", "role"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("content/owner.md already exists"), "{}", run.stderr);
    assert!(site.read("content/owner.md").contains("title: Product Owner"), "the file was changed");
}

#[test]
fn uses_the_themes_archetype_when_there_is_one() {
    let site = TestSite::fixture("good");
    site.write(
        "themes/default/archetypes/concept.md",
        "---\ntitle: {{ title }}\nkind: {{ kind }}\nsummary: From the archetype.\nupdated: {{ date }}\n---\nBody.\n",
    );
    let run = site.run(&["new", "Sprint: Goal", "--kind", "concept"]);
    assert_eq!(run.code, 0, "{run:?}");
    let text = site.read("content/sprint-goal.md");
    assert!(
        text.starts_with("---\ntitle: \"Sprint: Goal\"\nkind: \"concept\"\nsummary: From the archetype."),
        "{text}"
    );
    assert!(!text.contains("{{"), "{text}");
    assert!(!diagnostics_of(&site, "content/sprint-goal.md").iter().any(|d| d.starts_with("error")));
}

#[test]
fn an_unknown_kind_is_a_usage_error_with_a_suggestion() {
    let site = TestSite::fixture("good");
    let run = site.run(&["new", "X", "--kind", "rol"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("did you mean `role`?"), "{}", run.stderr);
    assert!(!site.path("content/x.md").exists());
}
