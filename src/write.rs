//! Stage 4: output files → the output folder. Everything is written into a
//! temporary sibling folder first and swapped in at the end, so a failed
//! build leaves the previous output as it was. Nothing is ever written or
//! deleted outside the output folder.
//!
//! Only changed files are rewritten: a file whose bytes equal the previous
//! output's is hard-linked into the staging folder instead of written. That
//! keeps the swap atomic while a rebuild creates (and later frees) inodes
//! only for changed pages, which on file systems with a slow inode
//! allocator is most of the cost of writing a large site.
//!
//! Builds into one output take turns (`lock`); a build first clears
//! staging folders of builds that were killed (`stale`); the swap is
//! atomic where the system allows (`swap`).

mod lock;
mod stale;
mod swap;

use crate::error::{Error, Result};
use crate::site_files::CopyFile;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

pub use crate::output::OutputFile;

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

/// What [`write_changed`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    /// Files written because they are new or changed.
    pub written: usize,
    /// Files identical to the previous output, kept without rewriting.
    pub unchanged: usize,
}

/// Writes `files` into `output` atomically (see the module doc).
pub fn write(output: &Path, files: &[OutputFile]) -> Result<()> {
    write_changed(output, files).map(|_| ())
}

/// Like [`write()`], and tells how many files were actually rewritten.
pub fn write_changed(output: &Path, files: &[OutputFile]) -> Result<WriteStats> {
    let staging = Staging::begin(output)?;
    staging.add_all(files)?;
    staging.commit()
}

/// An output being written: files go into a staging folder beside the
/// output as they come (so a large build never holds every page in
/// memory); [`Staging::commit`] swaps it in. Dropped without a commit, the
/// staging folder is removed and the previous output stays as it was.
#[derive(Debug)]
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    old: PathBuf,
    previous: Option<PathBuf>,
    /// Paths added so far: the first file of a path wins, as two writers of
    /// one path would otherwise race (resolve has reported the clash).
    added: Mutex<HashSet<String>>,
    folders: Mutex<HashSet<String>>,
    written: AtomicUsize,
    unchanged: AtomicUsize,
    committed: bool,
    /// Held from the start to the end, so builds into one output take turns.
    _lock: lock::OutputLock,
}

impl Staging {
    /// Creates the staging folder for `output` (checked by [`check_output`]),
    /// once no other build is writing it (waiting up to five minutes).
    pub fn begin(output: &Path) -> Result<Staging> {
        let parent = output.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| Error::io("create folder", parent, e))?;
        let lock = lock::OutputLock::acquire(output, lock::WAIT)?;
        let name = output.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        stale::remove(parent, &name);
        let staging = parent.join(format!(".{name}.tmp-{}", std::process::id()));
        remove_if_exists(&staging)?;
        std::fs::create_dir_all(&staging).map_err(|e| Error::io("create folder", &staging, e))?;
        let marker = staging.join(MARKER);
        std::fs::write(&marker, b"This folder is written by rolebook build and replaced on every build.\n")
            .map_err(|e| Error::io("write", &marker, e))?;
        Ok(Staging {
            output: output.to_path_buf(),
            old: parent.join(format!(".{name}.old-{}", std::process::id())),
            previous: output.is_dir().then(|| output.to_path_buf()),
            staging,
            added: Mutex::default(),
            folders: Mutex::default(),
            written: AtomicUsize::new(0),
            unchanged: AtomicUsize::new(0),
            committed: false,
            _lock: lock,
        })
    }

    /// Adds files, in parallel; a path added before is skipped.
    pub fn add_all(&self, files: &[OutputFile]) -> Result<()> {
        for file in files {
            if !is_safe_relative(&file.path) {
                return Err(Error::UnsafeOutput {
                    path: PathBuf::from(&file.path),
                    reason: "not a plain relative path".into(),
                });
            }
        }
        let fresh: Vec<&OutputFile> = {
            let mut added = self.added.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            files.iter().filter(|f| added.insert(f.path.clone())).collect()
        };
        fresh.par_iter().try_for_each(|file| self.add(file))
    }

    /// Adds copies of source files (assets, static files), in parallel,
    /// streamed by the file system rather than read into memory. A path
    /// added before (a generated file: the collision is reported) is
    /// skipped, and so is the output marker.
    pub fn copy_all(&self, files: &[CopyFile]) -> Result<()> {
        if let Some(file) = files.iter().find(|f| !is_safe_relative(&f.path)) {
            let reason = "not a plain relative path".to_owned();
            return Err(Error::UnsafeOutput { path: PathBuf::from(&file.path), reason });
        }
        let fresh: Vec<&CopyFile> = {
            let mut added = self.added.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            files.iter().filter(|f| f.path != MARKER && added.insert(f.path.clone())).collect()
        };
        fresh.par_iter().try_for_each(|file| self.copy(file))
    }

    fn copy(&self, file: &CopyFile) -> Result<()> {
        self.folder_of(&file.path)?;
        let path = self.staging.join(&file.path);
        let source = std::fs::metadata(&file.source).map_err(|e| Error::io("read", &file.source, e))?;
        if self.previous.as_ref().is_some_and(|old| link_if_same_copy(&old.join(&file.path), &path, &source)) {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        std::fs::copy(&file.source, &path).map_err(|e| Error::io("copy", &file.source, e))?;
        // The source's time on the copy lets the next build recognize it
        // unchanged without reading it.
        if let Ok(modified) = source.modified() {
            // Opened for reading: a read-only source gives a read-only copy,
            // and its owner may still set the times.
            let _ = std::fs::File::open(&path).and_then(|f| f.set_modified(modified));
        }
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Creates the folder of an output path once.
    fn folder_of(&self, path: &str) -> Result<()> {
        if let Some((folder, _)) = path.rsplit_once('/') {
            // Created under the lock: no file is written before its folder exists.
            let mut folders = self.folders.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if !folders.contains(folder) {
                let path = self.staging.join(folder);
                std::fs::create_dir_all(&path).map_err(|e| Error::io("create folder", &path, e))?;
                folders.insert(folder.to_owned());
            }
        }
        Ok(())
    }

    fn add(&self, file: &OutputFile) -> Result<()> {
        self.folder_of(&file.path)?;
        let path = self.staging.join(&file.path);
        if self.previous.as_ref().is_some_and(|old| link_if_unchanged(&old.join(&file.path), &path, &file.bytes)) {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        std::fs::write(&path, &file.bytes).map_err(|e| Error::io("write", &path, e))?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Swaps the staging folder in for the output.
    pub fn commit(mut self) -> Result<WriteStats> {
        swap::swap(&self.staging, &self.output, &self.old)?;
        self.committed = true;
        Ok(WriteStats {
            written: self.written.load(Ordering::Relaxed),
            unchanged: self.unchanged.load(Ordering::Relaxed),
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// Hard-links `old` to `new` when `old` is a regular file holding exactly
/// `bytes`. False (and nothing done) otherwise, or when linking fails.
fn link_if_unchanged(old: &Path, new: &Path, bytes: &[u8]) -> bool {
    let same_size =
        std::fs::symlink_metadata(old).is_ok_and(|m| m.file_type().is_file() && m.len() == bytes.len() as u64);
    same_size && std::fs::read(old).is_ok_and(|b| b == bytes) && std::fs::hard_link(old, new).is_ok()
}

/// Hard-links `old` to `new` when `old` is a regular file copied from a
/// source with `source`'s size and modification time.
fn link_if_same_copy(old: &Path, new: &Path, source: &std::fs::Metadata) -> bool {
    let same = std::fs::symlink_metadata(old).is_ok_and(|m| {
        m.file_type().is_file() && m.len() == source.len() && m.modified().ok() == source.modified().ok()
    });
    same && std::fs::hard_link(old, new).is_ok()
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

    #[test]
    fn rewrites_only_changed_files() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let file = |path: &str, text: &str| OutputFile { path: path.into(), bytes: text.as_bytes().to_vec() };
        let first = write_changed(&output, &[file("a.html", "a"), file("d/b.html", "b")]).unwrap();
        assert_eq!(first, WriteStats { written: 2, unchanged: 0 });
        let second =
            write_changed(&output, &[file("a.html", "a"), file("d/b.html", "B"), file("c.html", "c")]).unwrap();
        assert_eq!(second, WriteStats { written: 2, unchanged: 1 });
        assert_eq!(std::fs::read_to_string(output.join("d/b.html")).unwrap(), "B");
        assert_eq!(std::fs::read_to_string(output.join("a.html")).unwrap(), "a");
        let third = write_changed(&output, &[file("c.html", "c")]).unwrap();
        assert_eq!(third, WriteStats { written: 0, unchanged: 1 });
        assert!(!output.join("a.html").exists(), "files no longer produced are removed");
        let mut leftovers: Vec<_> =
            std::fs::read_dir(dir.path()).unwrap().map(|i| i.unwrap().file_name().into_string().unwrap()).collect();
        leftovers.sort();
        assert_eq!(leftovers, ["public"], "no staging or old folder or lock file is left behind");
    }

    #[test]
    fn copies_files_and_keeps_unchanged_copies_without_rewriting() {
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("chart.png");
        std::fs::write(&source, b"png").unwrap();
        let output = dir.path().join("public");
        let copies = [CopyFile { path: "img/chart.png".into(), source: source.clone() }];
        let write_once = || {
            let staging = Staging::begin(&output).unwrap();
            staging.add_all(&[OutputFile { path: "a.html".into(), bytes: b"a".to_vec() }]).unwrap();
            let marker = CopyFile { path: MARKER.into(), source: source.clone() };
            let clash = CopyFile { path: "a.html".into(), source: source.clone() };
            staging.copy_all(&[copies[0].clone(), marker, clash]).unwrap();
            staging.commit().unwrap()
        };
        assert_eq!(write_once(), WriteStats { written: 2, unchanged: 0 });
        assert_eq!(std::fs::read(output.join("img/chart.png")).unwrap(), b"png");
        assert_eq!(std::fs::read(output.join("a.html")).unwrap(), b"a", "a generated file wins");
        assert!(std::fs::read_to_string(output.join(MARKER)).unwrap().contains("rolebook"));
        assert_eq!(write_once(), WriteStats { written: 0, unchanged: 2 });
        std::fs::write(&source, b"png2").unwrap();
        assert_eq!(write_once().written, 1);
        assert_eq!(std::fs::read(output.join("img/chart.png")).unwrap(), b"png2");
        // A read-only source gives a read-only copy that is still recognized.
        let locked = dir.path().join("locked.pdf");
        std::fs::write(&locked, b"pdf").unwrap();
        let mut permissions = std::fs::metadata(&locked).unwrap().permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&locked, permissions).unwrap();
        let copy_locked = || {
            let staging = Staging::begin(&output).unwrap();
            staging.copy_all(&[CopyFile { path: "locked.pdf".into(), source: locked.clone() }]).unwrap();
            staging.commit().unwrap()
        };
        assert_eq!(copy_locked().written, 1);
        assert_eq!(copy_locked(), WriteStats { written: 0, unchanged: 1 });
        let unsafe_copy = [CopyFile { path: "../x".into(), source }];
        assert!(Staging::begin(&output).unwrap().copy_all(&unsafe_copy).is_err());
    }

    #[test]
    fn a_staging_dropped_without_commit_leaves_the_output_and_no_trace() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let file = |path: &str, text: &str| OutputFile { path: path.into(), bytes: text.as_bytes().to_vec() };
        write(&output, &[file("a.html", "a")]).unwrap();
        let staging = Staging::begin(&output).unwrap();
        staging.add_all(&[file("a.html", "changed"), file("d/b.html", "b")]).unwrap();
        drop(staging);
        assert_eq!(std::fs::read_to_string(output.join("a.html")).unwrap(), "a");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "the staging folder is gone");
        let staging = Staging::begin(&output).unwrap();
        staging.add_all(&[file("x.html", "first")]).unwrap();
        staging.add_all(&[file("x.html", "second")]).unwrap();
        staging.commit().unwrap();
        assert_eq!(std::fs::read_to_string(output.join("x.html")).unwrap(), "first", "the first file of a path wins");
        assert!(!output.join("a.html").exists());
    }
}
