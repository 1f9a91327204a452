//! Files added, deleted and renamed while serving: only the pages that show
//! them are rendered, and the result is a full build's, byte for byte.

use super::*;

const SPRINT: &str = "---\ntitle: Sprint\nkind: concept\nsummary: A fixed stretch of work.\ntags: [delivery, cadence]\n\
    links:\n  works_with: [Backlog]\nsources: [{ title: S }]\n---\nThe [[PO]] plans it with the [[owner|owner]].\n\n## Review\n\nAt the end.\n";
const SCRUM_MASTER: &str = "---\ntitle: Scrum Master\nkind: role\nsummary: Keeps the team's process going.\n\
    tags: [agile]\nlinks:\n  contrasts_with: [owner]\n  reports_to: [manager]\nfacets:\n  focus: Process\n\
    sources: [{ title: S }]\n---\nRuns every [[Sprint#Review]].\n";

impl Live {
    fn write(&self, file: &str, text: &str) {
        let path = self.root.join(file);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{file}: {e}"));
    }

    fn create(&mut self, file: &str, text: &str) -> Option<usize> {
        self.write(file, text);
        self.update(&[file])
    }

    fn delete(&mut self, file: &str) -> Option<usize> {
        std::fs::remove_file(self.root.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        self.update(&[file])
    }

    fn rename(&mut self, from: &str, to: &str) -> Option<usize> {
        if let Some(folder) = self.root.join(to).parent() {
            std::fs::create_dir_all(folder).unwrap_or_else(|e| panic!("{e}"));
        }
        std::fs::rename(self.root.join(from), self.root.join(to)).unwrap_or_else(|e| panic!("{from}: {e}"));
        self.update(&[from, to])
    }

    /// The update rendered some pages, not all, without resolving from scratch.
    fn assert_patched(&self, rendered: Option<usize>, what: &str) {
        let total = pages(&self.served);
        assert!(
            rendered.is_some_and(|n| n > 0 && n < total),
            "{what}: {rendered:?} of {total}: {:?}",
            self.diagnostics
        );
        let how = self.session.last_resolving();
        assert!(matches!(how, Resolving::Resolved | Resolving::Files), "{what}: {how:?}");
        self.assert_matches_full_build(what);
    }
}

#[test]
fn added_deleted_and_renamed_entries_match_a_full_build() {
    let site = copy_site(Path::new(FIXTURE));
    let mut live = Live::start(site.path());
    let added = live.create("content/sprint.md", SPRINT);
    assert!(live.served.contains_key("sprint.html") && live.served.contains_key("tags/cadence.html"));
    live.assert_patched(added, "a concept added, linking out, with a new tag");
    // A role with a generated comparison, a relation and a body link to the concept.
    let added = live.create("content/scrum-master.md", SCRUM_MASTER);
    assert!(
        live.served.keys().any(|p| p.starts_with("compare/") && p.contains("scrum-master")),
        "{:?}",
        live.served.keys()
    );
    live.assert_patched(added, "a role added, in a comparison");
    // Linked to by the role: its link follows it to the new slug.
    let renamed = live.rename("content/sprint.md", "content/iteration.md");
    assert!(!live.served.contains_key("sprint.html") && live.served.contains_key("iteration.html"));
    live.assert_patched(renamed, "a linked concept renamed");
    // Into a folder: the slug stays, the document's place changes.
    let moved = live.rename("content/scrum-master.md", "content/roles/scrum-master.md");
    live.assert_patched(moved, "a role moved into a folder");
    // Deleting what a body links to is an error; fixing the link brings
    // the site back, the deletion included.
    assert_eq!(live.delete("content/iteration.md"), None);
    assert!(live.diagnostics.iter().any(|d| d.code == Code::BrokenLink), "{:?}", live.diagnostics);
    let fixed =
        live.edit("content/roles/scrum-master.md", |t| t.replace("Runs every [[Sprint#Review]].", "Runs sprints."));
    assert!(!live.served.contains_key("iteration.html"));
    live.assert_patched(fixed, "a deletion applied once a link was fixed");
    let deleted = live.delete("content/roles/scrum-master.md");
    assert!(!live.served.keys().any(|p| p.contains("scrum-master")), "{:?}", live.served.keys());
    live.assert_patched(deleted, "a role in a comparison deleted");
    let deleted = live.delete("content/backlog.md");
    assert_eq!(deleted, None, "owner links to the backlog");
    live.create(
        "content/backlog.md",
        &std::fs::read_to_string(Path::new(FIXTURE).join("content/backlog.md")).unwrap_or_default(),
    );
    live.assert_matches_full_build("deleted and created again");
}

#[test]
fn drafts_comparisons_and_batches_of_files_match_a_full_build() {
    let site = copy_site(Path::new(FIXTURE));
    let mut live = Live::start(site.path());
    let draft = SPRINT.replace("kind: concept", "kind: concept\ndraft: true");
    let added = live.create("content/sprint.md", &draft);
    assert!(!live.served.contains_key("sprint.html"));
    assert_eq!(live.session.last_resolving(), Resolving::Files);
    assert!(added.is_some(), "{:?}", live.diagnostics);
    live.assert_matches_full_build("a draft added");
    live.edit("content/sprint.md", |t| t.replace("draft: true", "draft: false"));
    assert!(live.served.contains_key("sprint.html"));
    live.assert_matches_full_build("the draft published");
    // Renamed as a draft: neither page is served.
    live.edit("content/sprint.md", |t| t.replace("draft: false", "draft: true"));
    let renamed = live.rename("content/sprint.md", "content/sprint-draft.md");
    assert!(renamed.is_some() && !live.served.keys().any(|p| p.starts_with("sprint")), "{:?}", live.diagnostics);
    live.assert_matches_full_build("a draft renamed");
    live.rename("content/sprint-draft.md", "content/sprint.md");
    live.edit("content/sprint.md", |t| t.replace("draft: true", "draft: false"));
    live.assert_matches_full_build("published again");
    // A hand-written comparison of the new concept, and an edit, in one batch.
    live.write(
        "content/compare/sprint-vs-backlog.md",
        "---\ntitle: Sprint vs Backlog\ncompare: [sprint, backlog]\nsummary: Time against work.\n\
         sources: [{ title: S }]\n---\nA [[Sprint]] takes from the [[Backlog]].\n",
    );
    let text = std::fs::read_to_string(live.root.join("content/manager.md")).unwrap_or_default();
    live.write("content/manager.md", &format!("{text}\nPlans each [[Sprint]].\n"));
    let batch = live.update(&["content/compare/sprint-vs-backlog.md", "content/manager.md"]);
    assert!(live.served.contains_key("compare/sprint-vs-backlog.html"), "{:?}", live.served.keys());
    live.assert_patched(batch, "a comparison added with an edit");
    let deleted = live.delete("content/compare/sprint-vs-backlog.md");
    assert!(!live.served.contains_key("compare/sprint-vs-backlog.html"));
    live.assert_patched(deleted, "a comparison deleted");
    // A file that came and went before the batch arrived changes nothing.
    let rendered = live.update(&["content/gone.md"]);
    assert_eq!(rendered, Some(0));
    live.assert_matches_full_build("a file that came and went");
    // A folder is loaded again whole.
    live.write("content/more/a.md", &SPRINT.replace("Sprint", "Retro").replace("[delivery, cadence]", "[x]"));
    live.write("content/more/b.md", &SPRINT.replace("Sprint", "Planning").replace("[delivery, cadence]", "[x]"));
    assert!(live.update(&["content/more"]).is_some(), "{:?}", live.diagnostics);
    assert_eq!(live.session.last_resolving(), Resolving::Everything);
    live.assert_matches_full_build("a folder added");
}

const RETRO: &str = "---\ntitle: Retro\nkind: concept\nsummary: A look back.\ntags: [cadence, zeal]\n\
    sources: [{ title: S }]\n---\nAfter each [[Sprint]].\n\n## Actions\n\nWhat to change.\n";

#[test]
fn files_that_come_go_and_move_are_patched_as_a_full_build_resolves_them() {
    let site = copy_site(Path::new(FIXTURE));
    let config = site.path().join("site.toml");
    let text = std::fs::read_to_string(&config).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&config, format!("{text}\n[rules]\nbroken-link = \"warn\"\n")).unwrap_or_else(|e| panic!("{e}"));
    let mut live = Live::start(site.path());
    let broken = |live: &Live| live.diagnostics.iter().filter(|d| d.code == Code::BrokenLink).count();
    // A body names entries that do not exist yet.
    live.edit("content/manager.md", |t| format!("{t}\nPlans each [[Sprint]] and every [[Retro#Actions]].\n"));
    assert_eq!(broken(&live), 2, "{:?}", live.diagnostics);
    let patched = |live: &Live, rendered: Option<usize>, what: &str| {
        assert_eq!(live.session.last_resolving(), Resolving::Files, "{what}: {:?}", live.diagnostics);
        live.assert_patched(rendered, what);
    };
    // Linking out (typed and in its body), named by the manager's body,
    // with a new tag and the first entry under its letter.
    let added = live.create("content/sprint.md", SPRINT);
    assert_eq!(broken(&live), 1, "{:?}", live.diagnostics);
    assert!(live.served.contains_key("tags/cadence.html"));
    patched(&live, added, "an entry added that a body names");
    // Its heading is what the manager's anchor points at.
    let added = live.create("content/retro.md", RETRO);
    assert_eq!(broken(&live), 0, "{:?}", live.diagnostics);
    patched(&live, added, "an entry added with the heading a link points at");
    // A new slug: the links that name its title follow it.
    let renamed = live.rename("content/sprint.md", "content/iteration.md");
    assert!(!live.served.contains_key("sprint.html") && live.served.contains_key("iteration.html"));
    patched(&live, renamed, "an entry renamed, its title kept");
    // The same slug in a folder: only its place changes.
    let moved = live.rename("content/retro.md", "content/rituals/retro.md");
    patched(&live, moved, "an entry moved into a folder");
    // What links to a deleted entry is reported where it links.
    let deleted = live.delete("content/rituals/retro.md");
    assert_eq!(broken(&live), 1, "{:?}", live.diagnostics);
    assert!(!live.served.contains_key("tags/zeal.html"));
    patched(&live, deleted, "an entry deleted that a body links to");
    let deleted = live.delete("content/iteration.md");
    assert_eq!(broken(&live), 2, "{:?}", live.diagnostics);
    patched(&live, deleted, "an entry deleted that two bodies link to");
    // A draft: no page, and the links to it are reported as such.
    let draft = SPRINT.replace("kind: concept", "kind: concept\ndraft: true");
    let added = live.create("content/sprint.md", &draft);
    assert!(!live.served.contains_key("sprint.html"));
    assert!(live.diagnostics.iter().any(|d| d.code == Code::LinkToDraft), "{:?}", live.diagnostics);
    patched(&live, added, "a draft added that a body names");
    // An edit and a move in one batch.
    let text = std::fs::read_to_string(live.root.join("content/backlog.md")).unwrap_or_default();
    live.write("content/backlog.md", &text.replace("tags: [delivery]", "tags: [delivery, zeal]"));
    std::fs::rename(live.root.join("content/sprint.md"), live.root.join("content/sprints.md"))
        .unwrap_or_else(|e| panic!("{e}"));
    let batch = live.update(&["content/backlog.md", "content/sprint.md", "content/sprints.md"]);
    patched(&live, batch, "an edit and a rename in one batch");
    // Typed links to a deleted entry: resolved anew.
    let deleted = live.delete("content/backlog.md");
    assert_eq!(live.session.last_resolving(), Resolving::Resolved);
    assert!(live.diagnostics.iter().any(|d| d.code == Code::BrokenLink && d.file == "content/owner.md"));
    live.assert_patched(deleted, "an entry deleted that a typed link names");
}

#[test]
fn a_patch_that_breaks_a_link_is_undone_and_applied_with_the_fix() {
    let site = copy_site(Path::new(FIXTURE));
    let mut live = Live::start(site.path());
    live.create("content/sprint.md", SPRINT);
    live.create("content/retro.md", RETRO);
    assert_eq!(live.session.last_resolving(), Resolving::Files);
    live.assert_matches_full_build("two entries added");
    // The retro's body links to the sprint: deleting it is an error.
    assert_eq!(live.delete("content/sprint.md"), None);
    assert!(live.diagnostics.iter().any(|d| d.code == Code::BrokenLink), "{:?}", live.diagnostics);
    let fixed = live.edit("content/retro.md", |t| t.replace("After each [[Sprint]].", "After each sprint."));
    assert_eq!(live.session.last_resolving(), Resolving::Files);
    live.assert_patched(fixed, "a deletion applied with the fix of the link");
    assert!(!live.served.contains_key("sprint.html"));
    // Renamed to a slug a link names: the link resolves again.
    live.edit("content/retro.md", |t| t.replace("After each sprint.", "After each [[Iteration]]."));
    assert_eq!(live.create("content/iteration.md", &SPRINT.replace("Sprint", "Iteration")).map(|_| ()), Some(()));
    assert_eq!(live.session.last_resolving(), Resolving::Files);
    live.assert_matches_full_build("a link mended by an entry that came");
}
