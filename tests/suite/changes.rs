//! `changes.html` and `changes.xml` from a git history: new entry, summary
//! edit, relation added, rename; and neither (nor a link to them) without git.

use crate::util::TestSite;
use std::process::Command;

fn git(site: &TestSite, args: &[&str], date: &str) {
    let output = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"])
        .args(args)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_AUTHOR_DATE", date)
        .current_dir(site.root())
        .output()
        .expect("run git");
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
}

fn commit(site: &TestSite, message: &str, date: &str) {
    git(site, &["add", "-A"], date);
    git(site, &["commit", "-q", "-m", message], date);
}

/// The fixture, then four commits on four days.
fn repository() -> TestSite {
    let site = TestSite::fixture("good");
    git(&site, &["init", "-q"], "2026-01-01T09:00:00Z");
    commit(&site, "first", "2026-01-01T09:00:00Z");
    site.write(
        "content/steward.md",
        "---\ntitle: Data Steward\nkind: role\nsummary: Keeps definitions straight.\n\
         facets: { focus: Definitions, horizon: Always }\nsources: [{ title: S }]\n---\nBody.\n",
    );
    commit(&site, "new entry", "2026-01-02T09:00:00Z");
    site.edit("content/owner.md", "summary: Orders the backlog & accepts the work.", "summary: Orders the backlog.");
    commit(&site, "summary", "2026-01-03T09:00:00Z");
    site.edit("content/steward.md", "summary: Keeps", "links:\n  works_with: [owner]\nsummary: Keeps");
    commit(&site, "relation", "2026-01-04T09:00:00Z");
    git(&site, &["mv", "content/backlog.md", "content/product-backlog.md"], "2026-01-05T09:00:00Z");
    site.edit("content/owner.md", "backlog.md#ordering", "product-backlog.md#ordering");
    commit(&site, "rename", "2026-01-05T09:00:00Z");
    site
}

/// Lines of the page's list items, as text.
fn rows(html: &str) -> Vec<String> {
    html.split("<li>")
        .skip(1)
        .filter(|li| li.contains("class=\"muted\">· "))
        .map(|li| {
            let end = li.find("</li>").unwrap_or(li.len());
            let mut text = String::new();
            let mut tag = false;
            for c in li[..end].chars() {
                match c {
                    '<' => tag = true,
                    '>' => tag = false,
                    _ if !tag => text.push(c),
                    _ => {}
                }
            }
            text
        })
        .collect()
}

#[test]
fn the_page_lists_each_change_newest_first() {
    let site = repository();
    let run = site.run(&["build", "--quiet"]);
    assert_eq!(run.code, 0, "{run:?}");
    let html = site.read("public/changes.html");
    let rows = rows(&html);
    // Newest first; in one commit, in path order.
    let wanted = [
        "BacklogRenamed from backlog",
        "Product OwnerText edited",
        "Data StewardRelation added: works with Product Owner",
        "Product OwnerSummary changed",
        "Data StewardNew role",
    ];
    let rows: Vec<String> = [&rows[1], &rows[0]].into_iter().chain(&rows[2..]).cloned().collect();
    for (row, want) in rows.iter().zip(wanted) {
        assert!(row.starts_with(want), "{row:?} should start with {want:?}\nall: {rows:#?}");
    }
    // The first commit adds every fixture file.
    assert!(rows[5..].iter().all(|r| r.contains("New ")), "{rows:#?}");
    assert!(html.contains("<time datetime=\"2026-01-05\">"), "days are commit dates");
    assert!(html.contains("<a href=\"product-backlog.html\">Backlog</a>"));
    // Every page links the page and the feed.
    let index = site.read("public/index.html");
    assert!(index.contains("href=\"changes.html\""));
    assert!(index.contains("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"changes.xml\""));
}

#[test]
fn a_status_change_is_listed_with_its_steps() {
    let site = repository();
    site.edit("content/owner.md", "title: Product Owner", "title: Product Owner\nstatus: proposed");
    commit(&site, "propose", "2026-01-06T09:00:00Z");
    site.edit("content/owner.md", "status: proposed", "status: approved");
    commit(&site, "approve", "2026-01-07T09:00:00Z");
    let run = site.run(&["build", "--quiet"]);
    assert_eq!(run.code, 0, "{run:?}");
    let rows = rows(&site.read("public/changes.html"));
    assert!(rows[0].starts_with("Product OwnerStatus: proposed → approved"), "{rows:#?}");
    assert!(rows[1].starts_with("Product OwnerStatus: approved → proposed"), "{rows:#?}");
}

#[test]
fn the_feed_is_atom_with_stable_ids_and_relative_links() {
    let site = repository();
    assert_eq!(site.run(&["build", "--quiet"]).code, 0);
    let xml = site.read("public/changes.xml");
    well_formed(&xml);
    assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
    for required in [
        "<id>",
        "<title>",
        "<updated>2026-01-05T09:00:00Z</updated>",
        "<author><name>",
        "rel=\"self\"",
        "rel=\"alternate\"",
    ] {
        assert!(xml.contains(required), "the feed lacks {required}");
    }
    let entries: Vec<&str> = xml.split("<entry>").skip(1).collect();
    assert!(entries.len() >= 5);
    assert!(entries[1].contains("<title>Backlog: Renamed from backlog</title>"), "{}", entries[1]);
    assert!(entries[1].contains("<link href=\"product-backlog.html\"/>"));
    assert!(entries[2].contains("<summary>Relation added: works with Product Owner</summary>"), "{}", entries[2]);
    let ids: Vec<&str> = entries.iter().filter_map(|e| e.split("<id>").nth(1)?.split("</id>").next()).collect();
    assert!(ids.iter().all(|id| id.starts_with("tag:rolebook,2026:change:")), "{ids:?}");
    let unique: std::collections::BTreeSet<&&str> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "ids are unique");
    // Ids and bytes are the same in the next build.
    assert_eq!(site.run(&["build", "--quiet"]).code, 0);
    assert_eq!(site.read("public/changes.xml"), xml);
}

#[test]
fn an_absolute_base_url_makes_absolute_links_and_limit_zero_turns_it_off() {
    let site = repository();
    site.edit("site.toml", "title = ", "base_url = \"https://wiki.example.com/roles/\"\ntitle = ");
    assert_eq!(site.run(&["build", "--quiet"]).code, 0);
    let xml = site.read("public/changes.xml");
    assert!(xml.contains("<id>https://wiki.example.com/roles/changes.xml</id>"));
    assert!(xml.contains("<link href=\"https://wiki.example.com/roles/product-backlog.html\"/>"));
    site.write("site.toml", &format!("{}\n[changes]\nlimit = 0\n", site.read("site.toml")));
    assert_eq!(site.run(&["build", "--quiet"]).code, 0);
    assert!(!site.path("public/changes.html").exists());
    assert!(!site.path("public/changes.xml").exists());
}

#[test]
fn a_file_whose_front_matter_broke_is_neither_removed_nor_new() {
    let site = repository();
    site.edit("content/owner.md", "title: Product Owner", "title: \"Product Owner\" broken");
    commit(&site, "break", "2026-01-06T09:00:00Z");
    site.edit("content/owner.md", "title: \"Product Owner\" broken", "title: Product Owner");
    commit(&site, "mend", "2026-01-07T09:00:00Z");
    assert_eq!(site.run(&["build", "--quiet"]).code, 0);
    let rows = rows(&site.read("public/changes.html"));
    // The two commits add no row: the rename commit's are still the newest.
    assert!(rows[0].starts_with("Product OwnerText edited"), "{rows:#?}");
    assert!(rows[1].starts_with("BacklogRenamed from backlog"), "{rows:#?}");
    assert!(rows.iter().all(|r| !r.contains("removed")), "{rows:#?}");
}

#[test]
fn a_shallow_clone_lists_no_change_for_its_oldest_commit() {
    let site = repository();
    let clone = TestSite::empty();
    let from = format!("file://{}", site.root().display());
    let target = clone.path("site");
    let target = target.to_str().expect("a UTF-8 path");
    git(&site, &["clone", "-q", "--depth", "2", &from, target], "2026-01-05T09:00:00Z");
    let run = clone.run(&["build", "--quiet", "--root", "site"]);
    assert_eq!(run.code, 0, "{run:?}");
    let rows = rows(&clone.read("site/public/changes.html"));
    // The newest commit only: the one before it seems to add every file.
    assert_eq!(rows.len(), 2, "{rows:#?}");
    assert!(rows.iter().all(|r| !r.contains("New ")), "{rows:#?}");
}

#[test]
fn without_git_there_is_no_page_and_no_link() {
    let site = TestSite::fixture("good");
    let run = site.run(&["build", "--quiet"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!site.path("public/changes.html").exists());
    assert!(!site.path("public/changes.xml").exists());
    assert!(!site.read("public/index.html").contains("changes."));
}

/// Tags balance, attributes are quoted, and text holds no bare `<` or `&`.
fn well_formed(xml: &str) {
    let body = xml.split_once("?>").map_or(xml, |(_, rest)| rest);
    let mut open: Vec<&str> = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find('<') {
        let text = &rest[..start];
        assert!(!text.contains('>'), "bare > in {text:?}");
        for (at, _) in text.match_indices('&') {
            let entity = &text[at..text[at..].find(';').map_or(text.len(), |e| at + e + 1)];
            assert!(["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].contains(&entity), "bad entity {entity:?}");
        }
        let end = rest[start..].find('>').expect("an unclosed tag") + start;
        let tag = &rest[start + 1..end];
        assert!(tag.matches('"').count() % 2 == 0, "unbalanced quotes in <{tag}>");
        let name = tag.trim_start_matches('/').split([' ', '/']).next().unwrap_or("");
        if tag.starts_with('/') {
            assert_eq!(open.pop(), Some(name), "</{name}> closes the wrong element");
        } else if !tag.ends_with('/') {
            open.push(name);
        }
        rest = &rest[end + 1..];
    }
    assert!(open.is_empty(), "unclosed: {open:?}");
    assert!(rest.trim().is_empty());
}
