//! One build at a time per output folder: an advisory lock on a file beside
//! the output (`.public.lock` for `public/`). A second build waits for the
//! first, like cargo does for its build folder, and gives up with an error
//! after [`WAIT`]. The lock dies with its process, so a killed build never
//! leaves it held. Where the system has no `flock` the build goes unlocked.
//!
//! The holder removes the file when it is done, so nothing is left beside
//! the output. That is safe because a build that locks a file checks that
//! the file is still the one at the path; if the holder removed it
//! meanwhile, it opens the new one and tries again.

use crate::error::{Error, Result};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a build waits for another one writing the same output.
pub(super) const WAIT: Duration = Duration::from_secs(300);

/// How often a waiting build tries again.
const POLL: Duration = Duration::from_millis(50);

/// A held lock; the file is removed and the lock released when dropped.
#[derive(Debug)]
pub(super) struct OutputLock {
    held: Option<(File, PathBuf)>,
}

/// The lock file of `output`: `.NAME.lock` in the same folder.
pub(super) fn path_of(output: &Path) -> PathBuf {
    let name = output.file_name().map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    output.parent().unwrap_or(Path::new(".")).join(format!(".{name}.lock"))
}

impl OutputLock {
    /// Takes the lock of `output`, waiting at most `wait` for another holder.
    pub(super) fn acquire(output: &Path, wait: Duration) -> Result<OutputLock> {
        let path = path_of(output);
        let start = Instant::now();
        loop {
            let file = open(&path).map_err(|e| Error::io("open the lock file", &path, e))?;
            match try_lock(&file) {
                Ok(true) if is_at(&file, &path) => return Ok(OutputLock { held: Some((file, path)) }),
                // Locked a file its holder has just removed: take the new one.
                Ok(true) => {}
                Ok(false) if start.elapsed() < wait => std::thread::sleep(POLL),
                Ok(false) => return Err(Error::Busy { output: output.to_path_buf(), lock: path, waited: wait }),
                Err(Unsupported) => {
                    let _ = std::fs::remove_file(&path);
                    return Ok(OutputLock { held: None });
                }
            }
        }
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still locked; the lock goes with the file handle.
        if let Some((file, path)) = self.held.take() {
            let _ = std::fs::remove_file(&path);
            drop(file);
        }
    }
}

/// Whether `file` is the file now at `path`.
#[cfg(unix)]
fn is_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(open), Ok(now)) => open.dev() == now.dev() && open.ino() == now.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn is_at(_file: &File, _path: &Path) -> bool {
    true
}

/// The file system cannot lock (e.g. some network mounts).
struct Unsupported;

/// Opens the lock file without following a symlink planted in its place.
fn open(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC);
    }
    options.open(path)
}

#[cfg(unix)]
fn try_lock(file: &File) -> std::result::Result<bool, Unsupported> {
    use std::os::unix::io::AsRawFd;
    loop {
        // SAFETY: flock on a descriptor this `File` owns for the whole call.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
            return Ok(true);
        }
        match std::io::Error::last_os_error().raw_os_error() {
            Some(libc::EINTR) => continue,
            Some(libc::EWOULDBLOCK) => return Ok(false),
            _ => return Err(Unsupported),
        }
    }
}

#[cfg(not(unix))]
fn try_lock(_file: &File) -> std::result::Result<bool, Unsupported> {
    Err(Unsupported)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_waits_then_gives_up_and_gets_it_once_released() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let first = OutputLock::acquire(&output, Duration::ZERO).unwrap();
        let busy = OutputLock::acquire(&output, Duration::from_millis(120)).unwrap_err();
        assert!(busy.to_string().contains("another build is writing public/"), "{busy}");
        assert!(dir.path().join(".public.lock").is_file());
        drop(first);
        assert!(!dir.path().join(".public.lock").exists(), "nothing is left beside the output");
        assert!(OutputLock::acquire(&output, Duration::ZERO).is_ok());
    }

    #[test]
    fn many_threads_take_turns() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let inside = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..8 {
                scope.spawn(|| {
                    for _ in 0..20 {
                        let _lock = OutputLock::acquire(&output, WAIT).unwrap();
                        assert_eq!(inside.fetch_add(1, std::sync::atomic::Ordering::SeqCst), 0, "two holders");
                        std::thread::yield_now();
                        inside.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
                    }
                });
            }
        });
    }

    #[test]
    fn a_symlink_in_place_of_the_lock_file_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::os::unix::fs::symlink(&victim, dir.path().join(".public.lock")).unwrap();
        assert!(OutputLock::acquire(&dir.path().join("public"), Duration::ZERO).is_err());
        assert!(!victim.exists());
    }
}
