//! The files under `static/`: copied verbatim to the output root, hidden
//! ones included (`.well-known/`), symlinks and other special
//! items reported as skipped (a link is listed, never followed).

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
        let relative = item.path().strip_prefix(&folder).unwrap_or(item.path());
        if let Some(what) = special_kind(item.file_type()) {
            diagnostics.push(skipped(STATIC_DIR, relative, what));
        }
        // A linked file stays listed (never copied), so that a body
        // referring to it is told why it is missing.
        let symlink = item.file_type().is_symlink();
        if !item.file_type().is_file() && !symlink {
            continue;
        }
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

/// What a walked item is when it is neither a file nor a folder: a
/// symlink (never followed, so a link out of the site is never read), a
/// FIFO (reading one would block), a socket or a device.
pub(super) fn special_kind(file_type: std::fs::FileType) -> Option<&'static str> {
    if file_type.is_symlink() {
        return Some("a symbolic link");
    }
    if file_type.is_file() || file_type.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if file_type.is_socket() {
            return Some("a socket");
        }
    }
    Some("a device or other special file")
}

/// The `skipped-file` warning for a special item under `folder`.
pub(super) fn skipped(folder: &str, relative: &Path, what: &str) -> Diagnostic {
    let shown = format!("{folder}/{}", relative.to_string_lossy());
    Diagnostic::new(Code::SkippedFile, shown, format!("skipped: {what} is never read or copied"))
        .suggest(format!("put the file itself in {folder}/, or remove it"))
}

/// The problem with a file whose name holds `c`, which no output path may.
pub(super) fn unpublishable(site_path: &str, c: char) -> Diagnostic {
    let shown = if c == '\0' { "NUL".to_owned() } else { format!("`{c}`") };
    Diagnostic::new(Code::InvalidSlug, site_path, format!("the file name contains {shown}, so it is not published"))
        .suggest("rename the file without `\\` or `:`")
}
