//! A patched build serves what a full build serves, byte for byte, edit
//! after edit.

use super::*;
use std::collections::BTreeMap;
use std::path::Path;

mod moves;

type Served = BTreeMap<String, Vec<u8>>;

/// A copy of a site: the `good` fixture or the repository's own.
fn copy_site(source: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("temp dir: {e}"));
    for item in walkdir::WalkDir::new(source).into_iter().filter_map(Result::ok) {
        let relative = item.path().strip_prefix(source).unwrap_or(item.path());
        let first = relative.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned());
        if !matches!(first.as_deref(), Some("content" | "themes" | "site.toml")) {
            continue;
        }
        let target = dir.path().join(relative);
        if item.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap_or_else(|e| panic!("{e}"));
        } else {
            std::fs::copy(item.path(), &target).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    dir
}

fn apply(served: &mut Served, update: Update) {
    match update {
        Update::All(files) => *served = files.into_iter().map(|f| (f.path, f.bytes)).collect(),
        Update::Patch { files, removed } => {
            served.extend(files.into_iter().map(|f| (f.path, f.bytes)));
            served.retain(|path, _| !removed.contains(path));
        }
    }
}

fn full_build(root: &Path) -> (Served, Vec<Diagnostic>) {
    let (_, first) = Session::start(root, false).unwrap_or_else(|e| panic!("start: {e}"));
    let mut served = Served::new();
    apply(&mut served, first.files.unwrap_or_else(|| panic!("errors: {:?}", first.diagnostics)));
    (served, first.diagnostics)
}

struct Live {
    session: Session,
    served: Served,
    diagnostics: Vec<Diagnostic>,
    root: PathBuf,
}

impl Live {
    fn start(root: &Path) -> Live {
        let root = root.canonicalize().unwrap_or_else(|e| panic!("{e}"));
        let (session, first) = Session::start(&root, false).unwrap_or_else(|e| panic!("start: {e}"));
        let mut served = Served::new();
        apply(&mut served, first.files.unwrap_or_else(|| panic!("errors: {:?}", first.diagnostics)));
        Live { session, served, diagnostics: first.diagnostics, root }
    }

    /// Edits one file and returns how many pages the update rendered
    /// (`None` when it failed).
    fn edit(&mut self, file: &str, change: impl Fn(&str) -> String) -> Option<usize> {
        let path = self.root.join(file);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        let changed = change(&text);
        assert_ne!(text, changed, "the edit of {file} changed nothing");
        std::fs::write(&path, changed).unwrap_or_else(|e| panic!("{e}"));
        self.update(&[file])
    }

    /// Tells the session that `files` (below the site root) changed, as
    /// one batch, and applies the result; the pages rendered, or `None`.
    fn update(&mut self, files: &[&str]) -> Option<usize> {
        let paths = files.iter().map(|file| self.root.join(file)).collect();
        let result = self.session.update(&paths);
        self.diagnostics = result.diagnostics;
        let files = result.files?;
        apply(&mut self.served, files);
        if let Some((assets, _)) = self.session.refresh_assets() {
            apply(&mut self.served, assets);
        }
        Some(result.rendered)
    }

    /// The served files equal a fresh full build's.
    fn assert_matches_full_build(&self, what: &str) {
        let (full, diagnostics) = full_build(&self.root);
        assert_eq!(self.diagnostics, diagnostics, "{what}: different diagnostics");
        let paths = |s: &Served| s.keys().cloned().collect::<Vec<_>>();
        assert_eq!(paths(&self.served), paths(&full), "{what}: different files");
        for (path, bytes) in &full {
            assert!(self.served[path] == *bytes, "{what}: {path} differs from a full build");
        }
    }
}

fn pages(served: &Served) -> usize {
    served.keys().filter(|p| p.ends_with(".html")).count()
}

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/good");

#[test]
fn pages_first_serves_a_full_build_once_the_assets_follow() {
    let site = copy_site(Path::new(FIXTURE));
    let root = site.path().canonicalize().unwrap_or_else(|e| panic!("{e}"));
    let (mut session, first) = Session::start_pages_first(&root, false).unwrap_or_else(|e| panic!("start: {e}"));
    let mut served = Served::new();
    apply(&mut served, first.files.unwrap_or_else(|| panic!("errors: {:?}", first.diagnostics)));
    let (full, diagnostics) = full_build(&root);
    assert_eq!(first.diagnostics, diagnostics);
    assert!(full.keys().any(|p| !served.contains_key(p)), "some generated files wait");
    assert!(served.keys().all(|p| full[p] == served[p]), "what is served at once is the full build's");
    let (assets, _) = session.refresh_assets().unwrap_or_else(|| panic!("the assets follow"));
    apply(&mut served, assets);
    assert!(served == full, "then everything is");
    // A site with files of its own gets everything at once.
    std::fs::create_dir_all(root.join("static")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(root.join("static/robots.txt"), "User-agent: *\n").unwrap_or_else(|e| panic!("{e}"));
    let (mut session, first) = Session::start_pages_first(&root, false).unwrap_or_else(|e| panic!("start: {e}"));
    let mut served = Served::new();
    apply(&mut served, first.files.unwrap_or_else(|| panic!("errors: {:?}", first.diagnostics)));
    assert!(served == full_build(&root).0);
    assert!(session.refresh_assets().is_none());
}

#[test]
fn a_body_edit_re_renders_the_entry_only() {
    let site = copy_site(Path::new(FIXTURE));
    let mut live = Live::start(site.path());
    let rendered = live.edit("content/owner.md", |t| t.replace("every week.", "every week, with the team."));
    // owner.html: its comparison page shows its front matter, not its prose.
    assert_eq!(rendered, Some(1));
    live.assert_matches_full_build("body edit");
}

#[test]
fn a_summary_edit_re_renders_the_neighbours_and_the_lists() {
    let site = copy_site(Path::new(FIXTURE));
    let mut live = Live::start(site.path());
    let total = pages(&live.served);
    let rendered = live.edit("content/backlog.md", |t| t.replacen("summary: ", "summary: Edited. ", 1));
    let rendered = rendered.unwrap_or(0);
    assert!(rendered > 2 && rendered < total, "{rendered} of {total}");
    live.assert_matches_full_build("summary edit");
}

#[test]
fn lifecycle_edits_re_render_what_shows_them() {
    let site = copy_site(Path::new(FIXTURE));
    let mut live = Live::start(site.path());
    type Edit = fn(&str) -> String;
    let edits: [(&str, Edit); 3] = [
        ("deprecated", |t| t.replace("kind: role\n", "kind: role\nstatus: deprecated\nsuperseded_by: manager\n")),
        ("owners", |t| t.replace("kind: role\n", "kind: role\nowners: [\"@acme/po\"]\nreviewed: 2026-01-01\n")),
        ("proposed", |t| t.replace("status: deprecated\nsuperseded_by: manager\n", "status: proposed\n")),
    ];
    for (what, edit) in edits {
        assert!(live.edit("content/owner.md", edit).is_some(), "{what}: {:?}", live.diagnostics);
        live.assert_matches_full_build(what);
    }
}

#[test]
fn a_retitled_successor_re_renders_the_pages_that_name_it() {
    let site = copy_site(Path::new(FIXTURE));
    let mut live = Live::start(site.path());
    // The backlog neither links to the manager nor is linked from it.
    let deprecate =
        |t: &str| t.replace("kind: concept\n", "kind: concept\nstatus: deprecated\nsuperseded_by: manager\n");
    assert!(live.edit("content/backlog.md", deprecate).is_some(), "{:?}", live.diagnostics);
    live.assert_matches_full_build("deprecated");
    let retitle =
        |t: &str| t.replace("title: Product Manager\n", "title: Chief Product Manager\naliases: [Product Manager]\n");
    assert!(live.edit("content/manager.md", retitle).is_some(), "{:?}", live.diagnostics);
    live.assert_matches_full_build("successor retitled");
}

#[test]
fn edits_that_keep_the_names_patch_the_entry_and_match_a_full_build() {
    let site = copy_site(Path::new(FIXTURE));
    let mut live = Live::start(site.path());
    type Edit = fn(&str) -> String;
    let shown: [(&str, Edit); 8] = [
        ("summary", |t| t.replace("Orders the backlog & accepts", "Orders the backlog and accepts")),
        ("summary on more lines", |t| t.replace("summary: Orders", "summary: >-\n  Orders\n ")),
        ("facet", |t| t.replace("focus: Execution", "focus: Delivery")),
        ("decision", |t| t.replace("  - { decision: Which problem goes on the roadmap, part: consulted }\n", "")),
        ("stale date", |t| t.replace("updated: 2026-11-01", "updated: 2019-01-01")),
        ("no sources", |t| {
            t.replace("sources:\n  - { title: \"Owners and managers\", publisher: Example, url: \"https://handbook.rolebook.test/owners-and-managers\" }\n", "")
        }),
        ("tags", |t| t.replace("tags: [delivery, agile]", "tags: [agile]")),
        ("copied summary", |t| {
            let start = t.find("summary:").unwrap_or(0);
            let end = t[start..].find("\ntags:").map_or(start, |i| start + i);
            format!("{}summary: The ordered list of work for a team.{}", &t[..start], &t[end..])
        }),
    ];
    for (what, edit) in shown {
        assert!(live.edit("content/owner.md", edit).is_some(), "{what}: {:?}", live.diagnostics);
        assert_eq!(live.session.last_resolving(), Resolving::OneEntry, "{what}");
        live.assert_matches_full_build(what);
    }
    assert!(live.diagnostics.iter().any(|d| d.code == Code::DuplicateSummary), "{:?}", live.diagnostics);
    // A missing summary is an error: nothing is patched, and fixing it
    // brings the site back.
    assert_eq!(live.edit("content/owner.md", |t| t.replace("summary: The ordered", "summary_: The ordered")), None);
    live.edit("content/owner.md", |t| t.replace("summary_: The ordered", "summary: Ordered"));
    live.assert_matches_full_build("summary restored");
    // Typed links keep the names: patched, with both ends' relations.
    type Linking = (&'static str, &'static str, Edit);
    let links: [Linking; 5] = [
        ("new relation", "content/manager.md", |t| t.replace("links:\n", "links:\n  works_with: [Backlog]\n")),
        ("inverse key", "content/manager.md", |t| t.replace("links:\n", "links:\n  manages: [owner]\n")),
        // manager still declares the edge from its end: it stays.
        ("relation declared at both ends", "content/owner.md", |t| t.replace("  reports_to: [PM]\n", "")),
        ("relation gone", "content/manager.md", |t| t.replace("  manages: [owner]\n", "")),
        ("relation rule broken", "content/owner.md", |t| {
            t.replace("links:\n", "links:\n  reports_to: [manager, Backlog]\n")
        }),
    ];
    for (what, file, edit) in links {
        let result = live.edit(file, edit);
        if what == "relation rule broken" {
            assert_eq!(result, None, "{what}: {:?}", live.diagnostics);
            // Back to the last good text: nothing to patch.
            live.edit(file, |t| t.replace("  reports_to: [manager, Backlog]\n", ""));
        } else {
            assert_eq!(live.session.last_resolving(), Resolving::OneEntry, "{what}");
        }
        live.assert_matches_full_build(what);
    }
    // New names are patched too when no link names them; a contrast
    // adds a comparison page: resolved anew.
    let renamed = live.edit("content/owner.md", |t| t.replace("[Backlog owner]", "[Backlog owner, Team owner]"));
    assert!(renamed.is_some(), "{:?}", live.diagnostics);
    assert_eq!(live.session.last_resolving(), Resolving::OneEntry);
    live.assert_matches_full_build("alias");
    let total = pages(&live.served);
    let retitled = live.edit("content/owner.md", |t| t.replace("title: Product Owner", "title: Product Owner Role"));
    assert!(retitled.is_some_and(|n| n < total), "{retitled:?} of {total}: {:?}", live.diagnostics);
    assert_eq!(live.session.last_resolving(), Resolving::OneEntry);
    live.assert_matches_full_build("title");
    let total = pages(&live.served);
    let contrasted = live.edit("content/backlog.md", |t| {
        t.replace("tags: [delivery]", "tags: [delivery]\nlinks:\n  contrasts_with: [owner]")
    });
    assert!(contrasted.is_some_and(|n| n < total), "{contrasted:?} of {total}: {:?}", live.diagnostics);
    assert_eq!(live.session.last_resolving(), Resolving::Resolved);
    assert_eq!(pages(&live.served), total + 1, "a generated comparison page");
    live.assert_matches_full_build("contrast");
    live.edit("content/backlog.md", |t| t.replace("\nlinks:\n  contrasts_with: [owner]", ""));
    assert_eq!(pages(&live.served), total, "the generated comparison page is gone");
    live.assert_matches_full_build("contrast gone");
}

/// The `good` fixture with one more concept, `Sprint`, whose body is `body`.
fn fixture_with_sprint(body: &str) -> tempfile::TempDir {
    let site = copy_site(Path::new(FIXTURE));
    let front = "title: Sprint\nkind: concept\nsummary: A fixed stretch of work.\n\
                 sources:\n  - { title: \"S\", url: \"https://example.com/s\" }";
    let text = format!("---\n{front}\n---\n{body}\n");
    std::fs::write(site.path().join("content/sprint.md"), text).unwrap_or_else(|e| panic!("{e}"));
    site
}

#[test]
fn kind_and_draft_edits_patch_the_entry_and_match_a_full_build() {
    let site = fixture_with_sprint("See [[Backlog]].");
    let mut live = Live::start(site.path());
    let total = pages(&live.served);
    // A concept that no relation rule constrains becomes a role.
    let kind = live.edit("content/sprint.md", |t| t.replace("kind: concept", "kind: role"));
    assert!(kind.is_some_and(|n| n < total), "{kind:?} of {total}: {:?}", live.diagnostics);
    assert_eq!(live.session.last_resolving(), Resolving::OneEntry);
    live.assert_matches_full_build("kind");
    // A kind that breaks a relation rule is an error, and fixing it
    // brings the site back.
    assert_eq!(live.edit("content/backlog.md", |t| t.replace("kind: concept", "kind: role")), None);
    assert!(live.diagnostics.iter().any(|d| d.code == Code::RelationKind), "{:?}", live.diagnostics);
    live.edit("content/backlog.md", |t| t.replace("kind: role", "kind: concept"));
    live.assert_matches_full_build("kind back");
    // A draft's page goes, links to it turn to text, and it comes back.
    let drafted = live.edit("content/backlog.md", |t| t.replace("kind: concept", "kind: concept\ndraft: true"));
    assert!(drafted.is_some_and(|n| n < total), "{drafted:?} of {total}: {:?}", live.diagnostics);
    assert_eq!(live.session.last_resolving(), Resolving::OneEntry);
    assert!(!live.served.contains_key("backlog.html"));
    assert!(live.diagnostics.iter().any(|d| d.code == Code::LinkToDraft), "{:?}", live.diagnostics);
    live.assert_matches_full_build("draft");
    live.edit("content/backlog.md", |t| t.replace("draft: true", "draft: false"));
    assert_eq!(live.session.last_resolving(), Resolving::OneEntry);
    assert!(live.served.contains_key("backlog.html"));
    live.assert_matches_full_build("published");
    // An entry in a comparison: the comparison turns draft too, so
    // everything is resolved again, but only what shows them renders.
    let compared = "compare/owner-vs-manager.html";
    assert!(live.served.contains_key(compared));
    let drafted = live.edit("content/owner.md", |t| t.replace("kind: role", "kind: role\ndraft: true"));
    assert!(drafted.is_some_and(|n| n < total), "{drafted:?} of {total}: {:?}", live.diagnostics);
    assert_eq!(live.session.last_resolving(), Resolving::Resolved);
    assert!(!live.served.contains_key(compared) && !live.served.contains_key("owner.html"));
    live.assert_matches_full_build("draft in a comparison");
    live.edit("content/owner.md", |t| t.replace("kind: role\ndraft: true", "kind: role"));
    assert_eq!(live.session.last_resolving(), Resolving::Resolved);
    assert!(live.served.contains_key(compared));
    live.assert_matches_full_build("comparison published again");
}

#[test]
fn an_orphan_linked_or_drafted_by_a_patch_is_reported_as_in_a_full_build() {
    let site = fixture_with_sprint("Work in a box of time.");
    let mut live = Live::start(site.path());
    let orphans = |live: &Live| live.diagnostics.iter().filter(|d| d.code == Code::Orphan).count();
    assert_eq!(orphans(&live), 1, "{:?}", live.diagnostics);
    live.edit("content/backlog.md", |t| {
        t.replace("tags: [delivery]", "tags: [delivery]\nlinks:\n  works_with: [sprint]")
    });
    assert_eq!(live.session.last_resolving(), Resolving::OneEntry);
    assert_eq!(orphans(&live), 0, "{:?}", live.diagnostics);
    live.assert_matches_full_build("orphan linked");
    live.edit("content/backlog.md", |t| t.replace("\nlinks:\n  works_with: [sprint]", ""));
    assert_eq!(orphans(&live), 1);
    live.assert_matches_full_build("orphan again");
    live.edit("content/sprint.md", |t| t.replace("kind: concept", "kind: concept\ndraft: true"));
    assert_eq!(live.session.last_resolving(), Resolving::OneEntry);
    assert_eq!(orphans(&live), 0, "a draft is no orphan");
    live.assert_matches_full_build("orphan drafted");
}

#[test]
fn prose_edits_move_mentions_anchors_and_orphans_as_a_full_build_finds_them() {
    let site = fixture_with_sprint("Work in a box of time.\n\n## Length\n\nTwo weeks.");
    let mut live = Live::start(site.path());
    let count = |live: &Live, code: Code| live.diagnostics.iter().filter(|d| d.code == code).count();
    assert_eq!(count(&live, Code::Orphan), 1, "{:?}", live.diagnostics);
    live.edit("content/backlog.md", |t| format!("{t}\nSee [[Sprint#Length]].\n"));
    assert_eq!(live.session.last_resolving(), Resolving::Bodies);
    assert_eq!(count(&live, Code::Orphan), 0, "a mention ends the orphan");
    live.assert_matches_full_build("mention of an orphan");
    // The heading the link points at renamed: the link's page reports it.
    live.edit("content/sprint.md", |t| t.replace("## Length", "## Duration"));
    assert_eq!(live.session.last_resolving(), Resolving::Bodies);
    assert_eq!(count(&live, Code::BrokenAnchor), 1, "{:?}", live.diagnostics);
    live.assert_matches_full_build("anchor broken by a heading edit");
    live.edit("content/sprint.md", |t| t.replace("## Duration", "## Length"));
    assert_eq!(count(&live, Code::BrokenAnchor), 0);
    live.assert_matches_full_build("anchor mended");
    // The link moves to another entry: an orphan again.
    live.edit("content/backlog.md", |t| t.replace("See [[Sprint#Length]].", "See [[Owner]] and [[Manager]]."));
    assert_eq!(count(&live, Code::Orphan), 1);
    live.assert_matches_full_build("mention moved");
    // Two bodies in one batch, one linking to the other's new heading.
    for (file, text) in
        [("content/sprint.md", "\n## Review\n\nAt the end.\n"), ("content/owner.md", "\n[[Sprint#Review]]\n")]
    {
        let path = live.root.join(file);
        let old = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&path, format!("{old}{text}")).unwrap_or_else(|e| panic!("{e}"));
    }
    assert!(live.update(&["content/sprint.md", "content/owner.md"]).is_some());
    assert_eq!(live.session.last_resolving(), Resolving::Bodies);
    assert_eq!(count(&live, Code::BrokenAnchor) + count(&live, Code::Orphan), 0, "{:?}", live.diagnostics);
    live.assert_matches_full_build("two bodies at once");
}

#[test]
fn a_new_name_re_renders_the_pages_whose_links_it_resolves() {
    let site = copy_site(Path::new(FIXTURE));
    let config = site.path().join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&config, format!("{text}\n[rules]\nbroken-link = \"warn\"\n")).unwrap_or_else(|e| panic!("{e}"));
    let mut live = Live::start(site.path());
    live.edit("content/backlog.md", |t| format!("{t}\nSee [[Scrum owner]].\n"));
    assert_eq!(live.session.last_resolving(), Resolving::Bodies);
    assert!(live.diagnostics.iter().any(|d| d.code == Code::BrokenLink), "{:?}", live.diagnostics);
    live.edit("content/owner.md", |t| t.replace("[Backlog owner]", "[Backlog owner, Scrum owner]"));
    assert_eq!(live.session.last_resolving(), Resolving::Resolved);
    live.assert_matches_full_build("alias resolving a link");
}

#[test]
fn link_heading_tag_and_relation_edits_match_a_full_build() {
    let site = copy_site(Path::new(FIXTURE));
    let mut live = Live::start(site.path());
    live.edit("content/manager.md", |t| format!("{t}\n\nSee also [[Backlog#Ordering]].\n"));
    live.assert_matches_full_build("new body link");
    live.edit("content/compare/owner-vs-manager.md", |t| format!("{t}\n\nMore on [[Backlog#Ordering]].\n"));
    live.assert_matches_full_build("comparison prose");
    live.edit("content/manager.md", |t| t.replace("\n\nSee also [[Backlog#Ordering]].\n", "\n"));
    live.assert_matches_full_build("new body link");
    live.edit("content/backlog.md", |t| t.replace("## Ordering", "## Ordering rules"));
    live.assert_matches_full_build("renamed heading");
    live.edit("content/owner.md", |t| t.replace("tags: [delivery, agile]", "tags: [delivery, scrum]"));
    live.assert_matches_full_build("tag change");
    live.edit("content/owner.md", |t| t.replace("  reports_to: [PM]\n", ""));
    live.assert_matches_full_build("removed relation");
}

#[test]
fn edits_after_a_failed_rebuild_are_all_applied() {
    let site = copy_site(Path::new(FIXTURE));
    let mut live = Live::start(site.path());
    assert_eq!(live.edit("content/owner.md", |t| format!("{t}\n[[Nobody Here]]\n")), None);
    live.edit("content/owner.md", |t| {
        t.replace("\n[[Nobody Here]]\n", "\n").replacen("summary: ", "summary: New. ", 1)
    });
    live.assert_matches_full_build("fixed after an error");
    // The same with prose alone, which keeps the resolved front matter.
    assert_eq!(live.edit("content/manager.md", |t| format!("{t}\n[[Nobody Either]]\n")), None);
    live.edit("content/manager.md", |t| t.replace("\n[[Nobody Either]]\n", "\nSee [[Backlog]].\n"));
    live.assert_matches_full_build("prose fixed after an error");
}

#[test]
fn role_edits_move_the_compare_details_between_blocks_and_drop_stale_ones() {
    use crate::render::compare_data::BLOCK;
    let site = copy_site(Path::new(FIXTURE));
    // With the fixture's two roles: one role past the first block.
    for i in 0..BLOCK - 1 {
        let text = format!(
            "---\ntitle: Role {i:03}\nkind: role\nsummary: Role number {i}.\nsources: [{{ title: S }}]\n---\nText.\n"
        );
        std::fs::write(site.path().join(format!("content/role-{i:03}.md")), text).unwrap_or_else(|e| panic!("{e}"));
    }
    let mut live = Live::start(site.path());
    let details = |live: &Live| live.served.keys().filter(|p| p.starts_with("assets/compare/")).count();
    assert_eq!(details(&live), 2);
    // First in A–Z order: every role after it moves one place.
    live.edit("content/role-010.md", |t| t.replace("title: Role 010", "title: Aardvark Role"));
    live.assert_matches_full_build("a role retitled to sort first");
    live.edit("content/role-000.md", |t| t.replace("kind: role", "kind: concept"));
    // Patched, not rebuilt whole: the asset refresh removes the file.
    assert_ne!(live.session.last_resolving(), Resolving::Everything);
    assert_eq!(details(&live), 1, "{:?}", live.served.keys().filter(|p| p.starts_with("assets/compare")));
    live.assert_matches_full_build("one role fewer");
    live.edit("content/role-000.md", |t| t.replace("kind: concept", "kind: role"));
    assert_eq!(details(&live), 2);
    live.assert_matches_full_build("the role back");
}

#[test]
fn edits_of_the_bundled_knowledge_base_match_a_full_build() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = copy_site(repo);
    let mut live = Live::start(site.path());
    let mut files: Vec<String> = std::fs::read_dir(site.path().join("content"))
        .unwrap_or_else(|e| panic!("{e}"))
        .filter_map(Result::ok)
        .map(|e| format!("content/{}", e.file_name().to_string_lossy()))
        .filter(|f| f.ends_with(".md"))
        .collect();
    files.sort();
    for (n, file) in files.iter().enumerate().step_by(5) {
        let other = files[(n + 7) % files.len()].trim_start_matches("content/").trim_end_matches(".md").to_owned();
        live.edit(file, |t| format!("{t}\n\nCompare [[{other}]].\n"));
        live.assert_matches_full_build(&format!("link added to {file}"));
        live.edit(file, |t| t.replacen("summary: >-\n  ", "summary: >-\n  Edited. ", 1));
        live.assert_matches_full_build(&format!("summary of {file}"));
        live.edit(file, |t| t.replacen("\n## ", "\n## Renamed ", 1));
        live.assert_matches_full_build(&format!("heading of {file}"));
        let linked = format!("\n  see_also: [{other}, ");
        let text = std::fs::read_to_string(site.path().join(file)).unwrap_or_else(|e| panic!("{e}"));
        if text.contains("\n  see_also: [") {
            live.edit(file, |t| t.replacen("\n  see_also: [", &linked, 1));
            live.assert_matches_full_build(&format!("typed link added to {file}"));
            live.edit(file, |t| t.replacen(&linked, "\n  see_also: [", 1));
            live.assert_matches_full_build(&format!("typed link removed from {file}"));
        }
        live.edit(file, |t| t.replacen("\nkind: ", "\ndraft: true\nkind: ", 1));
        live.assert_matches_full_build(&format!("{file} turned draft"));
        live.edit(file, |t| t.replacen("\ndraft: true\n", "\n", 1));
        live.assert_matches_full_build(&format!("{file} published again"));
    }
}

#[test]
fn one_entry_edits_rebuild_only_the_list_pages_that_read_what_changed() {
    let site = copy_site(Path::new(FIXTURE));
    let mut live = Live::start(site.path());
    let lists = |live: &Live| live.served.keys().filter(|p| p.starts_with("tags/")).count();
    let tags_before = lists(&live);
    type Edit = fn(&str) -> String;
    let edits: [(&str, Edit); 7] = [
        ("a tag added", |t| t.replace("tags: [delivery, agile]", "tags: [delivery, agile, brand-new]")),
        ("a tag removed", |t| t.replace("tags: [delivery, agile, brand-new]", "tags: [agile]")),
        ("a title that moves it first A–Z", |t| t.replace("title: Product Owner", "title: Aardvark Owner")),
        ("a responsibility", |t| t.replace("  - Talks to stakeholders\n", "")),
        ("no decisions", |t| {
            t.replace("decisions:\n  - { decision: Order of the backlog, part: decides }\n", "decisions:\n")
        }),
        ("a typed link", |t| t.replace("  reports_to: [PM]\n", "")),
        ("sources only", |t| t.replace("publisher: Example", "publisher: Another")),
    ];
    for (what, edit) in edits {
        let rendered = live.edit("content/owner.md", edit);
        assert!(rendered.is_some(), "{what}: {:?}", live.diagnostics);
        assert_eq!(live.session.last_resolving(), Resolving::OneEntry, "{what}");
        live.assert_matches_full_build(what);
        if what == "a tag added" {
            assert_eq!(lists(&live), tags_before + 1, "{what}: a page for the new tag");
        }
        if what == "sources only" {
            // Its page and its comparison's: no list page reads sources.
            assert_eq!(rendered, Some(2), "{what}");
        }
    }
    assert_eq!(lists(&live), tags_before, "the new tag's page went with it");
}

#[test]
fn summary_edits_far_down_the_lists_match_a_full_build() {
    use crate::render::site_map::PER_KIND;
    let site = copy_site(Path::new(FIXTURE));
    // A chain of concepts past the index's and the map's first entries of
    // the kind: Backlog, then Term 000, Term 001, …
    let count = PER_KIND + 20;
    for i in 0..count {
        let next = (i + 1) % count;
        let text = format!(
            "---\ntitle: Term {i:03}\nkind: concept\nsummary: Term number {i}.\ntags: [terms]\n\
             links:\n  works_with: [term-{next:03}]\nsources: [{{ title: S }}]\n---\nText.\n"
        );
        std::fs::write(site.path().join(format!("content/term-{i:03}.md")), text).unwrap_or_else(|e| panic!("{e}"));
    }
    let mut live = Live::start(site.path());
    // Around the index's cut (Backlog is first), the map's cut (a
    // neighbour inside it), and past both.
    for i in [98, 99, PER_KIND - 2, PER_KIND - 1, PER_KIND + 5, count - 3] {
        let file = format!("content/term-{i:03}.md");
        live.edit(&file, |t| t.replace("summary: Term", "summary: Edited term"));
        assert_eq!(live.session.last_resolving(), Resolving::OneEntry, "{file}: {:?}", live.diagnostics);
        live.assert_matches_full_build(&format!("summary of {file}"));
        let abbr = format!("kind: concept\nabbr: T{i}");
        live.edit(&file, |t| t.replace("kind: concept", &abbr));
        live.assert_matches_full_build(&format!("abbreviation of {file}"));
    }
}

/// An orphan whose body has a warning of its own: a summary edit checks
/// that body again (its positions moved), and the orphan warning, found
/// with the bodies, must stay.
#[test]
fn an_orphan_with_a_body_warning_stays_an_orphan_after_a_summary_edit() {
    let site = fixture_with_sprint("Work in a box of time. <marquee>old</marquee>");
    let mut live = Live::start(site.path());
    let orphans = |live: &Live| live.diagnostics.iter().filter(|d| d.code == Code::Orphan).count();
    assert_eq!(orphans(&live), 1, "{:?}", live.diagnostics);
    assert!(live.diagnostics.iter().any(|d| d.code == Code::RawHtmlRemoved), "{:?}", live.diagnostics);
    live.edit("content/sprint.md", |t| t.replace("A fixed stretch of work.", "A fixed stretch of team work."));
    assert_eq!(live.session.last_resolving(), Resolving::OneEntry);
    assert_eq!(orphans(&live), 1, "{:?}", live.diagnostics);
    live.assert_matches_full_build("orphan with a body warning");
}
