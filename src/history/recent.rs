//! The recent changes: the last commits touching `content/` (one
//! `git log`), the old and new text of each changed file (one
//! `git cat-file --batch`), and per file a [`KbDiff`](super::KbDiff) summed up in a line.

use super::log::{Commit, FileChange};
use super::snapshot::{self, Snapshot};
use super::{compare, describe, git};
use crate::config::SiteConfig;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// At most this many rows: the page is for "what changed lately", and a
/// commit that adds thousands of files must not cost thousands of reads.
pub const MAX_ROWS: usize = 100;

/// One file's change in one commit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Commit hash.
    pub commit: String,
    /// Committer date, strict ISO 8601.
    pub date: String,
    /// `YYYY-MM-DD`.
    pub day: String,
    /// Path relative to the site (after the change; before, when deleted).
    pub path: String,
    /// Slug (after).
    pub slug: String,
    /// Title (after).
    pub title: String,
    /// Whether it is a comparison page.
    pub comparison: bool,
    /// Whether the file is gone.
    pub removed: bool,
    /// What changed, in one line.
    pub what: String,
}

/// Today's title of an entry named in an old version (`None`: unknown).
pub type TitleOf<'t> = dyn Fn(&str) -> Option<String> + 't;

/// The changes of the last `config.changes_limit` commits touching
/// `root/content`, newest first, at most [`MAX_ROWS`]; empty without git.
/// Relation targets are named by `title_of` where it knows them.
pub fn recent(root: &Path, config: &SiteConfig, title_of: &TitleOf<'_>) -> Vec<Change> {
    let mut commits = super::log::read(root, config.changes_limit);
    // A shallow clone's oldest commit is no change: it is where history stops.
    if commits.iter().any(|c| c.parentless) && super::log::is_shallow(root) {
        commits.retain(|c| !c.parentless);
    }
    let files: Vec<(&Commit, &FileChange)> = commits
        .iter()
        .flat_map(|c| c.files.iter().filter(|f| is_content(f)).map(move |f| (c, f)))
        .take(MAX_ROWS)
        .collect();
    let mut oids: Vec<&str> =
        files.iter().flat_map(|(_, f)| [f.old_blob.as_deref(), f.new_blob.as_deref()]).flatten().collect();
    oids.sort_unstable();
    oids.dedup();
    let Ok(blobs) = git::cat_blobs(root, oids.iter().copied()) else { return Vec::new() };
    let texts: BTreeMap<&str, String> =
        oids.iter().zip(blobs).map(|(oid, bytes)| (*oid, String::from_utf8_lossy(&bytes).into_owned())).collect();
    // `Some(None)`: no file on this side; `None`: a file the build could
    // not read either (broken front matter), so nothing to say about it.
    let read = |path: Option<&String>, blob: Option<&String>| -> Option<Option<(String, Snapshot)>> {
        let (Some(path), Some(blob)) = (path, blob) else { return Some(None) };
        Some(Some((path.clone(), snapshot::read(path, texts.get(blob.as_str())?, config)?)))
    };
    files
        .into_iter()
        .filter_map(|(commit, file)| {
            let old = read(file.old_path.as_ref(), file.old_blob.as_ref())?;
            let new = read(file.new_path.as_ref(), file.new_blob.as_ref())?;
            row(commit, old.as_ref(), new.as_ref(), config, title_of)
        })
        .collect()
}

fn version(side: Option<&(String, Snapshot)>) -> compare::Version<'_> {
    side.map(|(path, s)| (path.as_str(), s))
}

/// A Markdown file the build reads: under `content/`, nothing hidden.
fn is_content(file: &FileChange) -> bool {
    let path = file.new_path.as_ref().or(file.old_path.as_ref());
    path.and_then(|p| p.strip_prefix("content/"))
        .is_some_and(|p| p.ends_with(".md") && p.split('/').all(|part| !part.starts_with('.')))
}

fn row(
    commit: &Commit,
    old: Option<&(String, Snapshot)>,
    new: Option<&(String, Snapshot)>,
    config: &SiteConfig,
    title_of: &TitleOf<'_>,
) -> Option<Change> {
    let after = new.or(old)?;
    // Drafts are not published, nor is their history.
    if after.1.draft {
        return None;
    }
    let mut diff = compare::compare(&commit.hash, version(old), version(new), config);
    for relation in diff.relations_added.iter_mut().chain(&mut diff.relations_removed) {
        if let Some(title) = title_of(&relation.to_title) {
            relation.to_title = title;
        }
    }
    let text_edited = old.zip(new).is_none_or(|(a, b)| a.1.body != b.1.body);
    let what =
        describe::line(&diff).unwrap_or_else(|| if text_edited { "Text edited" } else { "Details edited" }.to_owned());
    Some(Change {
        commit: commit.hash.clone(),
        date: commit.date.clone(),
        day: commit.date.chars().take(10).collect(),
        path: after.0.clone(),
        slug: after.1.slug.clone(),
        title: after.1.title.clone(),
        comparison: after.1.comparison,
        removed: new.is_none(),
        what,
    })
}
