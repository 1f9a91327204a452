//! One pipeline run for `serve` and what it produced. [`Session`] keeps the
//! last good build, so an edit to one entry re-reads that file, brings the
//! knowledge base up to date the cheapest way that gives what a full build
//! gives ([`Resolving`]: bodies completed again after a prose edit, one
//! entry patched after an edit that keeps its names, else everything
//! resolved)
//! and re-renders only the pages the edit affects (`affected`;
//! list pages by their data's fingerprints). The search index and exports
//! follow in a second step, after open tabs were told to reload.

use super::follow::{next_step, Before, Parts3, Resolved, Step};
use crate::diag::{self, Code, Diagnostic, Diagnostics};
use crate::load::{self, Parts};
use crate::output::OutputFile;
use crate::render::list_pages::Fingerprints;
use crate::render::{self, GitDates, Input, Selection, Theme};
use crate::resolve::KnowledgeBase;
use crate::site_files::CopyFile;
use rayon::prelude::*;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

pub use super::follow::Resolving;

/// New files for the served site.
#[derive(Debug)]
pub enum Update {
    /// The whole site.
    All(Vec<OutputFile>),
    /// These files added or replaced, those paths removed, the rest kept.
    Patch {
        /// Added or replaced files.
        files: Vec<OutputFile>,
        /// Paths that no longer exist.
        removed: BTreeSet<String>,
    },
}

/// What one pipeline run produced.
#[derive(Debug)]
pub struct Rebuild {
    /// The new files; `None` when an error (content or fatal) means the
    /// result must not replace the last good build.
    pub files: Option<Update>,
    /// HTML pages rendered by this run.
    pub rendered: usize,
    /// Every diagnostic, levels applied, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// The site title, for the terminal banner.
    pub title: String,
    /// Wall time of the run.
    pub elapsed: Duration,
}

/// The last good build: what the next edit is compared with.
struct Good {
    kb: KnowledgeBase,
    /// Documents of hand-written comparisons: kept while no edit changes
    /// names or links.
    comparison_documents: Vec<usize>,
    /// What resolving gave, in parts so that an edit redoes only its part:
    /// names and links ([`resolve::resolve_structure`]), the relation
    /// rules, the site-wide checks on front matter, and the bodies.
    diagnostics: Parts3,
    /// The served list pages' fingerprints (their paths are the keys).
    lists: Fingerprints,
    page_paths: BTreeSet<String>,
    asset_paths: BTreeSet<String>,
    /// The search index and exports lag behind the pages.
    assets_stale: bool,
}

/// What `serve` keeps between rebuilds.
pub struct Session {
    root: PathBuf,
    drafts: bool,
    parts: Option<Parts>,
    theme: Option<Theme>,
    good: Option<Good>,
    /// Documents edited since the last good build, as they were then.
    pending: BTreeMap<usize, load::Document>,
    last: Resolving,
}

impl Session {
    /// Loads and renders the whole site. Fails only when it cannot be
    /// served at all (no site.toml, unreadable folder).
    pub fn start(root: &Path, drafts: bool) -> crate::Result<(Session, Rebuild)> {
        let mut session = Session {
            root: root.to_path_buf(),
            drafts,
            parts: None,
            theme: None,
            good: None,
            pending: BTreeMap::new(),
            last: Resolving::Everything,
        };
        let start = Instant::now();
        session.parts = Some(load::load_parts(root)?);
        let first = session.full(start);
        Ok((session, first))
    }

    /// Applies a batch of changed source paths (absolute): edits of known
    /// content files are re-read one by one; anything else (site.toml, the
    /// theme, created, deleted or renamed files) reloads everything.
    pub fn update(&mut self, paths: &BTreeSet<PathBuf>) -> Rebuild {
        let start = Instant::now();
        match self.reload(paths) {
            Ok(true) => self.incremental(start),
            Ok(false) => match load::load_parts(&self.root) {
                Ok(parts) => {
                    self.parts = Some(parts);
                    self.good = None;
                    self.theme = None;
                    self.full(start)
                }
                Err(error) => self.fatal(start, &error),
            },
            Err(error) => self.fatal(start, &error),
        }
    }

    /// How the last update resolved (what made it cheap or not).
    pub fn last_resolving(&self) -> Resolving {
        self.last
    }

    /// Re-reads edited documents in place; false when a full load is needed.
    fn reload(&mut self, paths: &BTreeSet<PathBuf>) -> crate::Result<bool> {
        let Some(parts) = self.parts.as_mut() else { return Ok(false) };
        if self.good.is_none() || self.theme.is_none() {
            return Ok(false);
        }
        for path in paths {
            let Some((index, before)) = load::reload_document(parts, path)? else { return Ok(false) };
            self.pending.entry(index).or_insert(before);
        }
        Ok(true)
    }

    /// Renders everything.
    fn full(&mut self, start: Instant) -> Rebuild {
        self.last = Resolving::Everything;
        let Some(parts) = self.parts.as_ref() else { return Rebuild::empty(start) };
        let title = parts.loaded.config.title.clone();
        let (kb, comparison_documents, found) = Parts3::resolve(parts, self.drafts);
        let mut sink = found.with(parts);
        if self.theme.is_none() {
            match render::theme::load(&self.root, &parts.loaded.config.theme) {
                Ok(theme) => self.theme = Some(theme),
                Err(error) => sink.push(Diagnostic::new(Code::Template, "", error.to_string())),
            }
        }
        let Some(theme) = self.theme.as_ref() else { return failed(sink, parts, title, start) };
        theme.skipped.iter().for_each(|d| sink.push(d.clone()));
        let dates = GitDates::new();
        let input = Input { kb: &kb, config: &parts.loaded.config, theme, git_dates: &dates, changes: &[] };
        let pages = render::render_pages(&input, &Selection::All, &mut sink);
        let page_paths: Vec<&str> = pages.files.iter().map(|f| f.path.as_str()).collect();
        let assets = render::render_assets(&input, &page_paths);
        let mut made: Vec<String> = page_paths.iter().map(|p| (*p).to_owned()).collect();
        made.extend(assets.iter().map(|f| f.path.clone()));
        made.sort();
        render::site_files::collisions(&kb.files, &made, &mut sink);
        let diagnostics = sink.finish(&parts.loaded.config.rules);
        if diag::count(&diagnostics).0 > 0 {
            return Rebuild { files: None, rendered: 0, diagnostics, title, elapsed: start.elapsed() };
        }
        let good = Good {
            lists: render::list_fingerprints(&input),
            page_paths: page_paths.iter().map(|p| (*p).to_owned()).collect(),
            asset_paths: assets.iter().map(|f| f.path.clone()).collect(),
            assets_stale: false,
            kb,
            comparison_documents,
            diagnostics: found,
        };
        self.good = Some(good);
        self.pending.clear();
        let rendered = pages.stats.pages;
        let mut files = pages.files;
        files.extend(assets);
        files.extend(read_copies(&render::site_files::copies(&self.root, &parts.loaded.files)));
        Rebuild { files: Some(Update::All(files)), rendered, diagnostics, title, elapsed: start.elapsed() }
    }

    /// Resolves again and re-renders what the pending edits affect.
    fn incremental(&mut self, start: Instant) -> Rebuild {
        let (Some(parts), Some(theme), Some(good)) = (self.parts.as_ref(), self.theme.as_ref(), self.good.as_mut())
        else {
            return Rebuild::empty(start);
        };
        let title = parts.loaded.config.title.clone();
        let rules = &parts.loaded.config.rules;
        let lists = std::mem::take(&mut good.lists);
        let before = Before {
            kb: &mut good.kb,
            found: &good.diagnostics,
            comparison_documents: &good.comparison_documents,
            lists: &lists,
        };
        let Resolved { how, kb, selection, found, comparison_documents, moves } =
            match next_step(parts, before, &self.pending, self.drafts) {
                Step::Resolved(resolved) => *resolved,
                Step::Failed(sink) => {
                    good.lists = lists;
                    return failed(sink, parts, title, start);
                }
                Step::Everything => {
                    self.good = None;
                    return self.full(start);
                }
            };
        self.last = how;
        let mut sink = found.with(parts);
        let dates = GitDates::new();
        let input = Input { kb: &kb, config: &parts.loaded.config, theme, git_dates: &dates, changes: &[] };
        let pages = render::render_pages(&input, &selection, &mut sink);
        let diagnostics = sink.finish(rules);
        if diag::count(&diagnostics).0 > 0 {
            // A template error: nothing to compare the next edit with.
            self.good = None;
            return Rebuild { files: None, rendered: 0, diagnostics, title, elapsed: start.elapsed() };
        }
        let mut removed = BTreeSet::new();
        good.lists = match pages.list_fingerprints {
            Some(now) => {
                removed.extend(lists.keys().filter(|path| !now.contains_key(*path)).cloned());
                for path in &removed {
                    good.page_paths.remove(path);
                }
                good.page_paths.extend(now.keys().cloned());
                now
            }
            None => lists,
        };
        for path in &moves.removed {
            good.page_paths.remove(path);
        }
        good.page_paths.extend(moves.added);
        removed.extend(moves.removed);
        good.kb = kb;
        good.diagnostics = found;
        if let Some(comparison_documents) = comparison_documents {
            good.comparison_documents = comparison_documents;
        }
        good.assets_stale = true;
        self.pending.clear();
        let rendered = pages.stats.pages;
        let files = Some(Update::Patch { files: pages.files, removed });
        Rebuild { files, rendered, diagnostics, title, elapsed: start.elapsed() }
    }

    /// Brings the search index, the picker data and the exports up to date
    /// after an incremental rebuild; `None` when they already are.
    pub fn refresh_assets(&mut self) -> Option<(Update, Duration)> {
        let start = Instant::now();
        let (Some(parts), Some(theme), Some(good)) = (self.parts.as_ref(), self.theme.as_ref(), self.good.as_mut())
        else {
            return None;
        };
        if !good.assets_stale {
            return None;
        }
        let dates = GitDates::new();
        let input = Input { kb: &good.kb, config: &parts.loaded.config, theme, git_dates: &dates, changes: &[] };
        let page_paths: Vec<&str> = good.page_paths.iter().map(String::as_str).collect();
        let assets = render::render_assets(&input, &page_paths);
        let paths: BTreeSet<String> = assets.iter().map(|f| f.path.clone()).collect();
        let removed = good.asset_paths.difference(&paths).cloned().collect();
        good.asset_paths = paths;
        good.assets_stale = false;
        Some((Update::Patch { files: assets, removed }, start.elapsed()))
    }

    fn fatal(&mut self, start: Instant, error: &crate::Error) -> Rebuild {
        self.good = None;
        self.parts = None;
        Rebuild {
            files: None,
            rendered: 0,
            diagnostics: vec![Diagnostic::new(Code::InvalidConfig, "", error.to_string())],
            title: String::new(),
            elapsed: start.elapsed(),
        }
    }
}

impl Rebuild {
    fn empty(start: Instant) -> Rebuild {
        Rebuild { files: None, rendered: 0, diagnostics: Vec::new(), title: String::new(), elapsed: start.elapsed() }
    }
}

/// The assets and static files, read into memory: `serve` writes nothing.
/// A file that went away meanwhile is left out; its removal brings
/// another rebuild.
fn read_copies(copies: &[CopyFile]) -> Vec<OutputFile> {
    let read = |copy: &CopyFile| {
        // As in the walk: never through a symbolic link put there since.
        let plain = std::fs::symlink_metadata(&copy.source).is_ok_and(|m| m.file_type().is_file());
        let bytes = if plain { std::fs::read(&copy.source).ok()? } else { return None };
        Some(OutputFile { path: copy.path.clone(), bytes })
    };
    copies.par_iter().filter_map(read).collect()
}

fn failed(sink: Diagnostics, parts: &Parts, title: String, start: Instant) -> Rebuild {
    let diagnostics = sink.finish(&parts.loaded.config.rules);
    Rebuild { files: None, rendered: 0, diagnostics, title, elapsed: start.elapsed() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

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
            let result = self.session.update(&BTreeSet::from([path]));
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
        let retitled =
            live.edit("content/owner.md", |t| t.replace("title: Product Owner", "title: Product Owner Role"));
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
    fn a_new_file_renders_everything() {
        let site = copy_site(Path::new(FIXTURE));
        let mut live = Live::start(site.path());
        let path = live.root.join("content/roadmap.md");
        std::fs::write(&path, "---\ntitle: Roadmap\nkind: concept\nsummary: Where we go.\nsources: [{ title: X }]\n---\nOwned by [[owner]].\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let result = live.session.update(&BTreeSet::from([path]));
        live.diagnostics = result.diagnostics.clone();
        assert_eq!(result.rendered, pages(&full_build(&live.root).0));
        apply(&mut live.served, result.files.unwrap_or_else(|| panic!("{:?}", result.diagnostics)));
        live.assert_matches_full_build("new file");
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
}
