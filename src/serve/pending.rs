//! What changed in the sources since the last good build, read into the
//! loaded parts one file at a time (`load::change`): edits of known files,
//! which keep every document's index, or files that came or went, after
//! which the last build's indices no longer hold and only paths do.

use crate::error::Result;
use crate::load::change::{self, Change};
use crate::load::{Document, Parts};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// The changes since the last good build.
#[derive(Debug, Default)]
pub(super) struct Pending {
    /// Known files edited: document index → the document as it was.
    /// Empty once files came or went.
    pub(super) edits: BTreeMap<usize, Document>,
    /// Once files were added, deleted or renamed: the content paths (below
    /// `content/`) of every file changed since the last good build.
    pub(super) moved: Option<BTreeSet<String>>,
}

impl Pending {
    /// Reads the changed `paths` into `parts`; false when only a full
    /// load tells the truth (then `parts` is half updated: load again).
    pub(super) fn read(&mut self, parts: &mut Parts, paths: &BTreeSet<PathBuf>) -> Result<bool> {
        for path in paths {
            let Some(change) = change::apply(parts, path)? else { return Ok(false) };
            let path = match change {
                Change::Nothing => continue,
                Change::Edited { index, before } if self.moved.is_none() => {
                    self.edits.entry(index).or_insert(*before);
                    continue;
                }
                Change::Edited { before, .. } | Change::Removed(before) => before.source.content_path,
                Change::Added(index) => parts.loaded.documents[index].source.content_path.clone(),
            };
            let edited = std::mem::take(&mut self.edits).into_values().map(|d| d.source.content_path);
            self.moved.get_or_insert_with(BTreeSet::new).extend(edited.chain([path]));
        }
        Ok(true)
    }
}
