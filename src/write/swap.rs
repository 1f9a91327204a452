//! Putting a finished staging folder in place of the output. On Linux the
//! two folders trade places in one step (`renameat2` with
//! `RENAME_EXCHANGE`), so a reader always finds a complete output; where
//! that is not available (other systems, file systems that refuse the
//! flag) the old output is moved aside first, leaving a moment without it.

use crate::error::{Error, Result};
use std::path::Path;

/// Swaps `staging` in for `output`; `old` is where the previous output may
/// be moved on the fallback path. The previous output is removed.
pub(super) fn swap(staging: &Path, output: &Path, old: &Path) -> Result<()> {
    if std::fs::symlink_metadata(output).is_err() {
        return std::fs::rename(staging, output).map_err(|e| Error::io("move the new output to", output, e));
    }
    if exchange(staging, output).is_ok() {
        // `staging` now holds the previous output.
        return std::fs::remove_dir_all(staging).map_err(|e| Error::io("remove the previous output", staging, e));
    }
    two_renames(staging, output, old)
}

fn two_renames(staging: &Path, output: &Path, old: &Path) -> Result<()> {
    super::remove_if_exists(old)?;
    std::fs::rename(output, old).map_err(|e| Error::io("move the previous output aside", output, e))?;
    if let Err(error) = std::fs::rename(staging, output) {
        let _ = std::fs::rename(old, output);
        let _ = std::fs::remove_dir_all(staging);
        return Err(Error::io("move the new output to", output, error));
    }
    std::fs::remove_dir_all(old).map_err(|e| Error::io("remove the previous output", old, e))
}

/// Atomically exchanges two existing paths.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // Through syscall(2): the libc wrapper needs glibc 2.28 or later.
    // SAFETY: both pointers are NUL-terminated strings that outlive the call;
    // the arguments match renameat2(2).
    let result = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swaps_in_the_new_folder_and_removes_the_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let (staging, output, old) = (dir.path().join("s"), dir.path().join("o"), dir.path().join("old"));
        std::fs::create_dir_all(staging.join("d")).unwrap();
        std::fs::write(staging.join("d/new"), "new").unwrap();
        std::fs::create_dir(&output).unwrap();
        std::fs::write(output.join("prev"), "prev").unwrap();
        swap(&staging, &output, &old).unwrap();
        assert_eq!(std::fs::read_to_string(output.join("d/new")).unwrap(), "new");
        assert!(!output.join("prev").exists() && !staging.exists() && !old.exists());
    }

    #[test]
    fn the_fallback_swaps_too() {
        let dir = tempfile::tempdir().unwrap();
        let (staging, output, old) = (dir.path().join("s"), dir.path().join("o"), dir.path().join("old"));
        std::fs::create_dir(&staging).unwrap();
        std::fs::write(staging.join("new"), "new").unwrap();
        std::fs::create_dir(&output).unwrap();
        two_renames(&staging, &output, &old).unwrap();
        assert!(output.join("new").is_file() && !staging.exists() && !old.exists());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn exchange_trades_two_folders() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::create_dir(&a).unwrap();
        std::fs::write(a.join("from-a"), "").unwrap();
        std::fs::create_dir(&b).unwrap();
        exchange(&a, &b).unwrap();
        assert!(b.join("from-a").is_file() && a.is_dir() && !a.join("from-a").exists());
    }
}
