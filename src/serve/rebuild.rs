//! One pipeline run for `serve` and what it produced. [`Session`] keeps the
//! last good build (`good`), so a change re-reads only the changed files
//! (`pending`, through `load::change`: edited, added, deleted or renamed
//! Markdown files), brings the knowledge base up to date the cheapest way
//! that gives what a full build gives (`follow`, [`Resolving`]: bodies
//! patched after a prose edit, one entry patched after an edit that
//! keeps its names, the entries of files that came, went or moved patched
//! in, else everything resolved with the full build's own
//! functions and compared, entries matched by slug) and re-renders only the
//! pages the change affects (`affected`; list pages by their data's
//! fingerprints). A full build and a patch render and finish their
//! diagnostics through the same functions. The search index and exports
//! follow in a second step, after open tabs were told to reload.

use super::follow::{next_step, Before, Parts3, Resolved, Step};
use super::good::{Good, Patch};
use super::pending::Pending;
use crate::diag::{self, Code, Diagnostic, Diagnostics};
use crate::load::{self, Parts};
use crate::output::OutputFile;
use crate::render::{self, GitDates, Input, Selection, Theme};
use crate::site_files::{CopyFile, SiteFiles};
use rayon::prelude::*;

use std::collections::BTreeSet;
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

/// What `serve` keeps between rebuilds.
pub struct Session {
    root: PathBuf,
    drafts: bool,
    parts: Option<Parts>,
    theme: Option<Theme>,
    good: Option<Good>,
    /// What changed since the last good build.
    pending: Pending,
    last: Resolving,
    /// The map's layouts, kept from one rendering to the next.
    layouts: render::role_graph::Layouts,
}

impl Session {
    /// Loads and renders the whole site. Fails only when it cannot be
    /// served at all (no site.toml, unreadable folder).
    pub fn start(root: &Path, drafts: bool) -> crate::Result<(Session, Rebuild)> {
        Session::begin(root, drafts, false)
    }

    /// [`Session::start`], but on a site without files of its own (content
    /// assets, `static/`) the search index, link previews, exports and
    /// sitemap are left to the first [`Session::refresh_assets`]: the
    /// pages (with the theme's files) can be served a few hundred
    /// milliseconds sooner on a large site. With site files they come at
    /// once, as a clash between one of them and a generated file must fail
    /// the first build.
    pub fn start_pages_first(root: &Path, drafts: bool) -> crate::Result<(Session, Rebuild)> {
        Session::begin(root, drafts, true)
    }

    fn begin(root: &Path, drafts: bool, pages_first: bool) -> crate::Result<(Session, Rebuild)> {
        let mut session = Session {
            root: root.to_path_buf(),
            drafts,
            parts: None,
            theme: None,
            good: None,
            pending: Pending::default(),
            last: Resolving::Everything,
            layouts: render::role_graph::Layouts::default(),
        };
        let start = Instant::now();
        session.parts = Some(load::load_parts(root)?);
        let first = session.full(start, pages_first);
        Ok((session, first))
    }

    /// Applies a batch of changed source paths (absolute): content files
    /// edited, added, deleted or renamed are read one by one (see
    /// `load::change`); anything else (site.toml, the theme, a folder)
    /// reloads everything.
    pub fn update(&mut self, paths: &BTreeSet<PathBuf>) -> Rebuild {
        let start = Instant::now();
        match self.reread(paths) {
            Ok(true) => self.incremental(start),
            Ok(false) => match load::load_parts(&self.root) {
                Ok(parts) => {
                    self.parts = Some(parts);
                    self.good = None;
                    self.theme = None;
                    self.full(start, false)
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

    /// Reads changed files into the loaded parts; false when a full load
    /// is needed.
    fn reread(&mut self, paths: &BTreeSet<PathBuf>) -> crate::Result<bool> {
        let Some(parts) = self.parts.as_mut() else { return Ok(false) };
        if self.good.is_none() || self.theme.is_none() {
            return Ok(false);
        }
        self.pending.read(parts, paths)
    }

    /// Renders everything; with `pages_first` (and no site files) the
    /// generated files but the theme's are left to [`Session::refresh_assets`].
    fn full(&mut self, start: Instant, pages_first: bool) -> Rebuild {
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
        let input = Input::of(&kb, &parts.loaded.config, theme, &dates).with_layouts(&self.layouts);
        // Every page, and the list pages' fingerprints from the same data.
        let every = Selection::Only {
            entries: (0..kb.entries.len()).collect(),
            comparisons: (0..kb.comparisons.len()).collect(),
            lists: render::Lists::AllFingerprinted,
        };
        let mut pages = render::render_pages(&input, &every, &mut sink);
        let page_paths: Vec<&str> = pages.files.iter().map(|f| f.path.as_str()).collect();
        // Without site files no generated file can clash with one (see `collisions`).
        let defer = pages_first && kb.files.assets.is_empty() && kb.files.statics.is_empty();
        let assets = match defer {
            true => theme_files(theme),
            false => render::render_assets(&input, &page_paths),
        };
        let made = page_paths.iter().copied().chain(assets.iter().map(|f| f.path.as_str()));
        collisions(&kb.files, made, &mut sink);
        let diagnostics = match finish(sink, parts) {
            Ok(diagnostics) => diagnostics,
            Err(diagnostics) => return Rebuild::failed(diagnostics, title, start),
        };
        let good = Good {
            lists: pages.list_fingerprints.take().unwrap_or_default(),
            page_paths: page_paths.iter().map(|p| (*p).to_owned()).collect(),
            asset_paths: assets.iter().map(|f| f.path.clone()).collect(),
            assets_stale: defer,
            kb,
            comparison_documents,
            diagnostics: found,
        };
        self.good = Some(good);
        self.pending = Pending::default();
        let rendered = pages.stats.pages;
        let mut files = pages.files;
        files.extend(assets);
        files.extend(read_copies(&render::site_files::copies(&self.root, &parts.loaded.files)));
        Rebuild { files: Some(Update::All(files)), rendered, diagnostics, title, elapsed: start.elapsed() }
    }

    /// Resolves again and re-renders what the pending changes affect.
    fn incremental(&mut self, start: Instant) -> Rebuild {
        let (Some(parts), Some(theme), Some(good)) = (self.parts.as_ref(), self.theme.as_ref(), self.good.as_mut())
        else {
            return Rebuild::empty(start);
        };
        let title = parts.loaded.config.title.clone();
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
            };
        self.last = how;
        let dates = GitDates::new();
        let input = Input::of(&kb, &parts.loaded.config, theme, &dates).with_layouts(&self.layouts);
        let mut sink = found.with(parts);
        let pages = render::render_pages(&input, &selection, &mut sink);
        let patch = Patch { kb, diagnostics: found, comparison_documents, lists: pages.list_fingerprints, moves };
        let removed = good.take(patch, lists);
        // A page that came may take a site file's path.
        collisions(&good.kb.files, good.page_paths.iter().chain(&good.asset_paths).map(String::as_str), &mut sink);
        let diagnostics = match finish(sink, parts) {
            Ok(diagnostics) => diagnostics,
            Err(diagnostics) => {
                // A template error or a collision: nothing to compare the next edit with.
                self.good = None;
                return Rebuild::failed(diagnostics, title, start);
            }
        };
        self.pending = Pending::default();
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
        let input = Input::of(&good.kb, &parts.loaded.config, theme, &dates);
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
        Rebuild::failed(Vec::new(), String::new(), start)
    }

    fn failed(diagnostics: Vec<Diagnostic>, title: String, start: Instant) -> Rebuild {
        Rebuild { files: None, rendered: 0, diagnostics, title, elapsed: start.elapsed() }
    }
}

/// The diagnostics with the site's levels applied, as a full build and a
/// patch both finish them: `Err` when there are errors.
fn finish(sink: Diagnostics, parts: &Parts) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let diagnostics = sink.finish(&parts.loaded.config.rules);
    match diag::count(&diagnostics).0 {
        0 => Ok(diagnostics),
        _ => Err(diagnostics),
    }
}

/// `output-collision` errors for site files whose path a generated file
/// (`made`) takes, as the build reports them.
fn collisions<'a>(files: &SiteFiles, made: impl Iterator<Item = &'a str>, sink: &mut Diagnostics) {
    if files.assets.is_empty() && files.statics.is_empty() {
        return;
    }
    let mut made: Vec<String> = made.map(str::to_owned).collect();
    made.sort_unstable();
    render::site_files::collisions(files, &made, sink);
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

/// The theme's static files, as [`render::render_assets`] gives them.
fn theme_files(theme: &Theme) -> Vec<OutputFile> {
    let mut files: Vec<OutputFile> =
        theme.statics.iter().map(|(path, bytes)| OutputFile { path: path.clone(), bytes: bytes.clone() }).collect();
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

fn failed(sink: Diagnostics, parts: &Parts, title: String, start: Instant) -> Rebuild {
    Rebuild::failed(sink.finish(&parts.loaded.config.rules), title, start)
}

#[cfg(test)]
mod tests;
