//! Opening a site file as the walk saw it. The walk never follows a
//! symlink, but a file can be swapped for one (or for a FIFO, or a folder
//! above it for a link out of the site) between the walk and the read. So a
//! file is opened without following a final symlink and without blocking,
//! and what was opened must still be a regular file, the very one the walk
//! listed (same device and inode). site.toml gets the same open: a
//! symlinked site.toml could put `~/.aws/credentials` into a CI log.

use std::fs::File;
use std::io;
use std::path::Path;

/// A file's identity on its file system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct FileId {
    device: u64,
    inode: u64,
}

impl FileId {
    /// The identity in `metadata`, where the platform has one.
    pub(super) fn of(metadata: &std::fs::Metadata) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(FileId { device: metadata.dev(), inode: metadata.ino() })
        }
        #[cfg(not(unix))]
        {
            let _ = metadata;
            None
        }
    }
}

/// Opens `path` for reading if it is (still) a regular file, and the one
/// identified by `expected` when given; returns it with its size (from the
/// same `fstat`, so the reader can allocate once). `Ok(Err(why))` says what
/// it is instead, for a `skipped-file` diagnostic.
pub(super) fn open_regular(path: &Path, expected: Option<FileId>) -> io::Result<Result<(File, u64), &'static str>> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = match options.open(path) {
        Ok(file) => file,
        #[cfg(unix)]
        Err(error) if error.raw_os_error() == Some(libc::ELOOP) => return Ok(Err("a symbolic link")),
        Err(error) => return Err(error),
    };
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Ok(Err("not a regular file"));
    }
    if expected.is_some() && FileId::of(&metadata) != expected {
        return Ok(Err("a file replaced while the site was read"));
    }
    Ok(Ok((file, metadata.len())))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn refuses_symlinks_fifos_and_swapped_files() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b, link) = (dir.path().join("a.md"), dir.path().join("b.md"), dir.path().join("l.md"));
        std::fs::write(&a, "a").unwrap();
        std::fs::write(&b, "b").unwrap();
        std::os::unix::fs::symlink(&a, &link).unwrap();
        let id = FileId::of(&std::fs::symlink_metadata(&a).unwrap());
        assert!(matches!(open_regular(&a, id), Ok(Ok(_))));
        assert_eq!(open_regular(&link, None).unwrap().err(), Some("a symbolic link"));
        assert_eq!(open_regular(&b, id).unwrap().err(), Some("a file replaced while the site was read"));
        assert_eq!(open_regular(dir.path(), None).unwrap().err(), Some("not a regular file"));
    }
}
