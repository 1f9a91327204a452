//! Stage 4: output files → the output folder. Everything is written into a
//! temporary sibling folder first and swapped in at the end, so a failed
//! build leaves the previous output as it was. Nothing is ever written or
//! deleted outside the output folder.

use crate::error::{Error, Result};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

/// A file of the rendered site, by its `/`-separated path inside the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative path, e.g. `compare/dpm-vs-dpo.html`.
    pub path: String,
    /// Contents.
    pub bytes: Vec<u8>,
}

/// Marks a folder as rolebook output, so only such folders are replaced.
pub const MARKER: &str = ".rolebook-output";

/// Refuses output folders whose replacement would destroy the site or
/// something that is not ours: the root, content/, an ancestor of the
/// root, a file, or a non-empty folder rolebook did not write.
pub fn check_output(root: &Path, output: &Path) -> Result<PathBuf> {
    let refuse = |reason: &str| Error::UnsafeOutput { path: output.to_path_buf(), reason: reason.to_owned() };
    let root = root.canonicalize().map_err(|e| Error::io("open", root, e))?;
    let output = absolute(output)?;
    if output.parent().is_none() || output.file_name().is_none() {
        return Err(refuse("it is a file-system root"));
    }
    if root.starts_with(&output) {
        return Err(refuse("it is the site folder or contains it"));
    }
    for protected in ["content", "themes", "site.toml"] {
        if output.starts_with(root.join(protected)) {
            return Err(refuse(&format!("it is inside the site's {protected}")));
        }
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        if home.canonicalize().is_ok_and(|h| h == output) {
            return Err(refuse("it is the home folder"));
        }
    }
    if output.exists() {
        if !output.is_dir() {
            return Err(refuse("it is a file"));
        }
        let mut items = std::fs::read_dir(&output).map_err(|e| Error::io("read folder", &output, e))?;
        if items.next().is_some() && !output.join(MARKER).is_file() {
            return Err(refuse(&format!("it is a non-empty folder that rolebook did not write (no {MARKER} file)")));
        }
    }
    Ok(output)
}

/// Makes a path absolute without requiring it to exist (its parent must).
fn absolute(path: &Path) -> Result<PathBuf> {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().map_err(|e| Error::io("read the current folder", path, e))?.join(path)
    };
    let mut clean = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                clean.pop();
            }
            Component::CurDir => {}
            other => clean.push(other),
        }
    }
    match (clean.parent(), clean.file_name()) {
        (Some(parent), Some(name)) if parent.exists() => {
            let parent = parent.canonicalize().map_err(|e| Error::io("open", parent, e))?;
            Ok(parent.join(name))
        }
        _ => Ok(clean),
    }
}

/// Writes `files` into `output` atomically (see the module doc).
pub fn write(output: &Path, files: &[OutputFile]) -> Result<()> {
    for file in files {
        if !is_safe_relative(&file.path) {
            return Err(Error::UnsafeOutput {
                path: PathBuf::from(&file.path),
                reason: "not a plain relative path".into(),
            });
        }
    }
    let parent = output.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io("create folder", parent, e))?;
    let name = output.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let staging = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    remove_if_exists(&staging)?;
    if let Err(error) = fill(&staging, files) {
        let _ = std::fs::remove_dir_all(&staging);
        return Err(error);
    }
    swap(&staging, output, &parent.join(format!(".{name}.old-{}", std::process::id())))
}

fn fill(staging: &Path, files: &[OutputFile]) -> Result<()> {
    std::fs::create_dir_all(staging).map_err(|e| Error::io("create folder", staging, e))?;
    let folders: BTreeSet<&str> = files.iter().filter_map(|f| f.path.rsplit_once('/').map(|(d, _)| d)).collect();
    for folder in folders {
        let path = staging.join(folder);
        std::fs::create_dir_all(&path).map_err(|e| Error::io("create folder", &path, e))?;
    }
    let marker = staging.join(MARKER);
    std::fs::write(&marker, b"This folder is written by rolebook build and replaced on every build.\n")
        .map_err(|e| Error::io("write", &marker, e))?;
    files.par_iter().try_for_each(|file| {
        let path = staging.join(&file.path);
        std::fs::write(&path, &file.bytes).map_err(|e| Error::io("write", &path, e))
    })
}

fn swap(staging: &Path, output: &Path, old: &Path) -> Result<()> {
    if !output.exists() {
        return std::fs::rename(staging, output).map_err(|e| Error::io("move the new output to", output, e));
    }
    remove_if_exists(old)?;
    std::fs::rename(output, old).map_err(|e| Error::io("move the previous output aside", output, e))?;
    if let Err(error) = std::fs::rename(staging, output) {
        let _ = std::fs::rename(old, output);
        let _ = std::fs::remove_dir_all(staging);
        return Err(Error::io("move the new output to", output, error));
    }
    std::fs::remove_dir_all(old).map_err(|e| Error::io("remove the previous output", old, e))
}

fn remove_if_exists(path: &Path) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(path).map_err(|e| Error::io("remove", path, e)),
        Ok(_) => std::fs::remove_file(path).map_err(|e| Error::io("remove", path, e)),
        Err(_) => Ok(()),
    }
}

/// A `/`-separated path of plain names: no root, no `..`, no empty parts.
pub fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && path
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != ".." && !part.contains(['\\', ':', '\0']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_only_plain_relative_paths() {
        assert!(is_safe_relative("compare/a-vs-b.html"));
        assert!(!is_safe_relative("../x"));
        assert!(!is_safe_relative("/etc/passwd"));
        assert!(!is_safe_relative("a//b"));
        assert!(!is_safe_relative("c:\\x"));
    }

    #[test]
    fn replaces_the_output_and_refuses_foreign_folders() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir(root.join("content")).unwrap();
        let output = root.join("public");
        let files = vec![OutputFile { path: "a/b.html".into(), bytes: b"x".to_vec() }];
        let checked = check_output(root, &output).unwrap();
        write(&checked, &files).unwrap();
        assert_eq!(std::fs::read(output.join("a/b.html")).unwrap(), b"x");
        write(&checked, &[OutputFile { path: "c.html".into(), bytes: b"y".to_vec() }]).unwrap();
        assert!(!output.join("a/b.html").exists());
        assert!(check_output(root, root).is_err());
        assert!(check_output(root, &root.join("content")).is_err());
        std::fs::create_dir(root.join("src")).unwrap();
        std::fs::write(root.join("src/main.rs"), "").unwrap();
        assert!(check_output(root, &root.join("src")).is_err());
        assert!(check_output(root, Path::new("/")).is_err());
    }
}
