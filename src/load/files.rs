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
            Some(parts) => {
                let path = parts.join("/");
                match crate::site_files::unpublishable(&path) {
                    None => files.push(SiteFile { path, symlink }),
                    Some(c) => diagnostics.push(unpublishable(&format!("{STATIC_DIR}/{path}"), c)),
                }
            }
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

/// The problem with a file whose name holds `c`, which no output path may.
pub(super) fn unpublishable(site_path: &str, c: char) -> Diagnostic {
    let shown = if c == '\0' { "NUL".to_owned() } else { format!("`{c}`") };
    Diagnostic::new(Code::InvalidSlug, site_path, format!("the file name contains {shown}, so it is not published"))
        .suggest("rename the file without `\\` or `:`")
}
