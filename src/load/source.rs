//! A content file as read from disk: its path, text and line index.

use crate::diag::LineIndex;

/// One Markdown file of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the site root, `/`-separated (`content/data-mesh.md`).
    pub path: String,
    /// Path relative to `content/` (`data-mesh.md`); used for `repo_edit_url`.
    pub content_path: String,
    /// The text, with any UTF-8 byte-order mark removed.
    pub text: String,
    /// Line starts of `text`.
    pub index: LineIndex,
}

impl SourceFile {
    /// Builds a source file, dropping a leading byte-order mark.
    pub fn new(path: String, content_path: String, text: String) -> Self {
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        };
        let index = LineIndex::new(&text);
        SourceFile { path, content_path, text, index }
    }

    /// The file name without its extension.
    pub fn stem(&self) -> &str {
        let name = self.content_path.rsplit('/').next().unwrap_or(&self.content_path);
        name.rsplit_once('.').map_or(name, |(stem, _)| stem)
    }

    /// The folder inside `content/` (`compare` for `compare/x.md`, empty at top level).
    pub fn folder(&self) -> &str {
        self.content_path.rsplit_once('/').map_or("", |(dir, _)| dir)
    }
}
