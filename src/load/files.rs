//! The files under `static/`: copied verbatim to the output root, hidden
//! ones included (`.well-known/`), symlinks listed but never followed.

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::error::{Error, Result};
use crate::site_files::{SiteFile, STATIC_DIR};
use std::path::Path;

/// Every file under `root/static/`, sorted by path.
pub(super) fn statics(root: &Path, diagnostics: &mut Diagnostics) -> Result<Vec<SiteFile>> {
    let folder = root.join(STATIC_DIR);
    if !folder.is_dir() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    for item in walkdir::WalkDir::new(&folder).sort_by_file_name().follow_links(false) {
        let item = item.map_err(|e| {
            let path = e.path().map_or_else(|| folder.clone(), Path::to_path_buf);
            Error::io("read folder", path, e.into())
        })?;
        let symlink = item.file_type().is_symlink();
        if !item.file_type().is_file() && !symlink {
            continue;
        }
        let relative = item.path().strip_prefix(&folder).unwrap_or(item.path());
        let parts: Option<Vec<&str>> = relative.components().map(|c| c.as_os_str().to_str()).collect();
        match parts {
            Some(parts) => files.push(SiteFile { path: parts.join("/"), symlink }),
            None => diagnostics.push(Diagnostic::new(
                Code::InvalidSlug,
                format!("{STATIC_DIR}/{}", relative.to_string_lossy()),
                "the file name is not valid UTF-8; rename it",
            )),
        }
    }
    files.sort();
    Ok(files)
}
