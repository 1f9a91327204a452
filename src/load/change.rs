//! Bringing loaded [`Parts`] up to date with one changed content file, the
//! way a fresh [`load_parts`](super::load_parts) would have read it: an
//! edited file is read again in place, a new one is read and put where the
//! walk would have put it, a deleted one is taken out. Anything a single
//! file cannot tell (a folder, a link, a file the walk would skip or report)
//! answers `None`, and the caller loads everything again.

use super::{read_document, relative_string, Document, Parts, CONTENT_DIR};
use crate::diag::Diagnostics;
use crate::error::Result;
use std::path::Path;

/// What one changed path did to the loaded documents.
#[derive(Debug)]
pub enum Change {
    /// Document `index` was read again; `before` is what it replaced.
    Edited {
        /// Its index in `loaded.documents`.
        index: usize,
        /// The document as it was.
        before: Box<Document>,
    },
    /// A new document, now at this index (later ones moved up by one).
    Added(usize),
    /// A document was deleted (later ones moved down by one).
    Removed(Box<Document>),
    /// Nothing the build reads: a file that came and went.
    Nothing,
}

impl Change {
    /// Whether the set of documents changed (so their indices did).
    pub fn moves_documents(&self) -> bool {
        matches!(self, Change::Added(_) | Change::Removed(_))
    }
}

/// Applies the change of the file at `path` (absolute, under the site's
/// `content/`) to `parts`; `None` when only a full load tells the truth.
pub fn apply(parts: &mut Parts, path: &Path) -> Result<Option<Change>> {
    let content = parts.loaded.root.join(CONTENT_DIR);
    let Some(relative) = path.strip_prefix(&content).ok().and_then(relative_string) else { return Ok(None) };
    if !walked(&relative) || reported(parts, &relative) {
        return Ok(None);
    }
    let known = parts.loaded.documents.binary_search_by(|d| walk_order(&d.source.content_path, &relative));
    let metadata = std::fs::symlink_metadata(path);
    // As in the walk: the file read must be the regular file seen here.
    let id = metadata.as_ref().ok().and_then(super::open::FileId::of);
    let is_file = metadata.as_ref().is_ok_and(|m| m.file_type().is_file());
    let gone = metadata.as_ref().is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound);
    match (known, is_file, gone) {
        (Ok(index), true, _) => {
            let mut local = Diagnostics::new();
            let Some(document) = read_document(path, &relative, id, &mut local)? else { return Ok(None) };
            parts.document_diagnostics[index] = local;
            let before = Box::new(std::mem::replace(&mut parts.loaded.documents[index], document));
            Ok(Some(Change::Edited { index, before }))
        }
        (Ok(index), false, true) => {
            parts.document_diagnostics.remove(index);
            Ok(Some(Change::Removed(Box::new(parts.loaded.documents.remove(index)))))
        }
        (Err(index), true, _) => {
            let mut local = Diagnostics::new();
            let Some(document) = read_document(path, &relative, id, &mut local)? else { return Ok(None) };
            parts.loaded.documents.insert(index, document);
            parts.document_diagnostics.insert(index, local);
            Ok(Some(Change::Added(index)))
        }
        (Err(_), false, true) => Ok(Some(Change::Nothing)),
        // A folder, a symbolic link, a FIFO, an unreadable entry.
        _ => Ok(None),
    }
}

/// Whether the walk reads a file at `relative`: Markdown, and neither it
/// nor a folder above it hidden.
fn walked(relative: &str) -> bool {
    let markdown =
        Path::new(relative).extension().and_then(|e| e.to_str()).is_some_and(|e| e.eq_ignore_ascii_case("md"));
    markdown && relative.split('/').all(|part| !part.is_empty() && !part.starts_with('.'))
}

/// Whether the walk reported something about the file (a link, a name
/// that is not UTF-8, bytes that are not): only a full load tells whether
/// that still holds.
fn reported(parts: &Parts, relative: &str) -> bool {
    let shown = format!("{CONTENT_DIR}/{relative}");
    parts.site_diagnostics.iter().any(|d| d.file == shown)
}

/// The walk's order: folder by folder, names sorted within each.
fn walk_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.split('/').cmp(b.split('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_as_the_walk_does() {
        let mut paths = vec!["b.md", "a/x.md", "a-b.md", "a/b/c.md", "a.md"];
        paths.sort_by(|a, b| walk_order(a, b));
        assert_eq!(paths, ["a/b/c.md", "a/x.md", "a-b.md", "a.md", "b.md"]);
    }

    #[test]
    fn reads_only_what_the_walk_reads() {
        assert!(walked("a.md") && walked("roles/b.MD"));
        assert!(!walked(".a.md") && !walked("x/.hidden/a.md") && !walked("a.txt"));
    }
}
