//! Files a site publishes as they are: assets under `content/` (images,
//! PDFs… beside the entries that use them) and everything under `static/`.
//! A leaf module of plain data: `load` finds them, `resolve` checks what
//! bodies reference, `render` plans the copies, `write` makes them.

use std::path::PathBuf;

/// The folder at the site root whose files are copied to the output root.
pub const STATIC_DIR: &str = "static";

/// The folder of a site's entries and their assets.
pub const CONTENT_DIR: &str = "content";

/// A file found under `content/` or `static/`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SiteFile {
    /// Path below its folder, `/`-separated (`img/org-chart.png`).
    pub path: String,
    /// A symbolic link: reported when referenced, never copied.
    pub symlink: bool,
}

/// Every asset and static file of a site, each list sorted by path.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteFiles {
    /// Non-Markdown files under `content/`.
    pub assets: Vec<SiteFile>,
    /// Files under `static/`.
    pub statics: Vec<SiteFile>,
}

impl SiteFiles {
    /// Whether `path` (below `content/`) is an asset that is copied.
    pub fn has_asset(&self, path: &str) -> bool {
        find(&self.assets, path).is_some_and(|f| !f.symlink)
    }

    /// Whether `path` (below `static/`) is a static file that is copied.
    pub fn has_static(&self, path: &str) -> bool {
        find(&self.statics, path).is_some_and(|f| !f.symlink)
    }

    /// The asset at `path`, copied or not.
    pub fn asset(&self, path: &str) -> Option<&SiteFile> {
        find(&self.assets, path)
    }

    /// The static file at `path`, copied or not.
    pub fn static_file(&self, path: &str) -> Option<&SiteFile> {
        find(&self.statics, path)
    }
}

/// Why a file name cannot be an output path (`\\`, `:` or NUL in it: not
/// portable, and refused by the write stage), or `None` when it can.
pub fn unpublishable(path: &str) -> Option<char> {
    path.chars().find(|c| matches!(c, '\\' | ':' | '\0'))
}

fn find<'f>(files: &'f [SiteFile], path: &str) -> Option<&'f SiteFile> {
    files.binary_search_by(|f| f.path.as_str().cmp(path)).ok().map(|i| &files[i])
}

/// A file the output gets as a copy of a source file, not rendered bytes:
/// copied by the write stage without holding it in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopyFile {
    /// `/`-separated path inside the output.
    pub path: String,
    /// The file to copy (absolute, or relative to the working folder).
    pub source: PathBuf,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_files_but_copies_no_symlink() {
        let file = |path: &str, symlink| SiteFile { path: path.into(), symlink };
        let files = SiteFiles { assets: vec![file("a.png", false), file("b.png", true)], statics: vec![] };
        assert!(files.has_asset("a.png"));
        assert!(!files.has_asset("b.png") && files.asset("b.png").is_some());
        assert!(!files.has_asset("c.png") && !files.has_static("a.png"));
        assert_eq!(unpublishable("img/a:b.png"), Some(':'));
        assert_eq!(unpublishable("img/a b.png"), None);
    }
}
