//! The compare picker's data: a small names file for the menus and the
//! roles' details in blocks, so picking roles never loads every role.

use crate::util::TestSite;
use rolebook::render::compare_data::BLOCK;

/// The `good` fixture (two roles, Product Manager and Product Owner) and
/// `n` more roles, `Role 000` on, which sort after them.
fn site_with_roles(n: usize) -> TestSite {
    let site = TestSite::fixture("good");
    for i in 0..n {
        let text = format!(
            "---\ntitle: Role {i:03}\nkind: role\nsummary: Summary of role {i:03}.\n\
             responsibilities: [Duty {i:03}]\nsources:\n  - {{ title: S, url: \"https://example.com/{i}\" }}\n---\nText.\n"
        );
        site.write(&format!("content/role-{i:03}.md"), &text);
    }
    site
}

fn details_files(site: &TestSite) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.path("public/assets/compare"))
        .map(|dir| dir.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn roles_past_one_block_fill_several_details_files_and_the_names_file_has_no_details() {
    let site = site_with_roles(2 * BLOCK);
    let run = site.run(&["build", "--quiet"]);
    assert_eq!(run.code, 0, "{run:?}");
    // 2 + 2 * BLOCK roles: two full blocks and one of two.
    assert_eq!(details_files(&site), ["c-0.js", "c-1.js", "c-2.js"]);
    let names = site.read("public/assets/compare-data.js");
    assert!(names.starts_with(r#"window.ROLEBOOK_COMPARE={"facets":[["focus","Primary focus"]"#));
    assert!(names.contains(&format!("\"block\":{BLOCK},")), "{names}");
    assert!(names
        .contains("[\"manager\",\"Product Manager\",\"PM\"],[\"owner\",\"Product Owner\",\"PO\"],[0,\"Role 000\"]"));
    for detail in ["summary", "Summary of role", "responsibilities", "Duty 000", "Orders the backlog", ".html"] {
        assert!(!names.contains(detail), "the names file holds {detail:?}");
    }
    // Role i is in file i / BLOCK, at i % BLOCK: Role 000 is role 2.
    let first = site.read("public/assets/compare/c-0.js");
    assert!(first.starts_with(
        "(window.ROLEBOOK_ROLES=window.ROLEBOOK_ROLES||{})[0]=[{\"kind\":\"Role\",\"url\":\"manager.html\""
    ));
    assert_eq!(first.matches("\"summary\":").count(), BLOCK);
    let last_of_first = BLOCK - 3;
    assert!(first.contains(&format!("Duty {last_of_first:03}")) && !first.contains(&format!("Duty {:03}", BLOCK - 2)));
    let last = site.read("public/assets/compare/c-2.js");
    assert!(last.starts_with("(window.ROLEBOOK_ROLES=window.ROLEBOOK_ROLES||{})[2]=[{"), "{last}");
    assert_eq!(last.matches("\"summary\":").count(), 2, "{last}");
    let last_role = 2 * BLOCK - 1;
    assert!(last.contains(&format!("\"url\":\"role-{last_role:03}.html\"")), "{last}");
}

#[test]
fn fewer_roles_leave_no_stale_details_file() {
    let site = site_with_roles(BLOCK);
    assert_eq!(site.run(&["build", "--quiet"]).code, 0);
    assert_eq!(details_files(&site), ["c-0.js", "c-1.js"]);
    for i in BLOCK - 2..BLOCK {
        std::fs::remove_file(site.path(&format!("content/role-{i:03}.md"))).unwrap_or_else(|e| panic!("{e}"));
    }
    assert_eq!(site.run(&["build", "--quiet"]).code, 0);
    assert_eq!(details_files(&site), ["c-0.js"]);
}

#[test]
fn a_site_without_roles_has_names_but_no_details() {
    let site = TestSite::empty();
    site.write("site.toml", "title = \"No roles\"\n[kinds.concept]\nlabel = \"Concept\"\n");
    site.write(
        "content/backlog.md",
        "---\ntitle: Backlog\nkind: concept\nsummary: Work to do.\nsources: [{ title: S }]\n---\nText.\n",
    );
    let run = site.run(&["build", "--quiet"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(site.read("public/assets/compare-data.js").contains("\"roles\":[]"));
    assert!(details_files(&site).is_empty());
}
