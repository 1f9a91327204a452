//! Staging folders left behind by a build that was killed (`kill -9`, a
//! power cut): `.public.tmp-PID` and `.public.old-PID` beside the output.
//! The next build, holding the output lock, removes those whose process is
//! gone; a folder of a live process is left alone.

use std::path::Path;

/// Removes `.NAME.tmp-PID` / `.NAME.old-PID` in `parent` whose process is
/// gone; returns how many. Failures are ignored: a leftover is untidy, not
/// wrong, and must not fail the build.
pub(super) fn remove(parent: &Path, name: &str) -> usize {
    let Ok(items) = std::fs::read_dir(parent) else { return 0 };
    let mut names: Vec<String> = items.flatten().filter_map(|i| i.file_name().into_string().ok()).collect();
    names.sort();
    let mut removed = 0;
    for item in names {
        let Some(pid) = staging_pid(&item, name) else { continue };
        if pid == std::process::id() || is_alive(pid) {
            continue;
        }
        let path = parent.join(&item);
        let gone = match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(&path).is_ok(),
            Ok(_) => std::fs::remove_file(&path).is_ok(),
            Err(_) => false,
        };
        removed += usize::from(gone);
    }
    removed
}

/// The PID in `.NAME.tmp-PID` or `.NAME.old-PID`.
fn staging_pid(item: &str, name: &str) -> Option<u32> {
    let rest = item.strip_prefix('.')?.strip_prefix(name)?;
    let digits = rest.strip_prefix(".tmp-").or_else(|| rest.strip_prefix(".old-"))?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

/// Whether a process with this id exists (owned by anyone).
#[cfg(unix)]
fn is_alive(pid: u32) -> bool {
    // 0 and negative ids would address process groups.
    let Ok(pid) = libc::pid_t::try_from(pid) else { return false };
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 only checks that the process exists; nothing is sent.
    let result = unsafe { libc::kill(pid, 0) };
    result == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

/// Without a cheap check, every process counts as alive: nothing is removed.
#[cfg(not(unix))]
fn is_alive(_pid: u32) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_pid_only_from_staging_names_of_this_output() {
        assert_eq!(staging_pid(".public.tmp-42", "public"), Some(42));
        assert_eq!(staging_pid(".public.old-7", "public"), Some(7));
        assert_eq!(staging_pid(".public.tmp-", "public"), None);
        assert_eq!(staging_pid(".public.tmp-4x", "public"), None);
        assert_eq!(staging_pid(".site.tmp-42", "public"), None);
        assert_eq!(staging_pid(".public.lock", "public"), None);
    }

    #[cfg(unix)]
    #[test]
    fn removes_folders_of_dead_processes_only() {
        let dir = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let alive = std::process::id();
        for folder in [format!(".public.tmp-{dead}"), format!(".public.old-{dead}"), format!(".public.tmp-{alive}")] {
            std::fs::create_dir_all(dir.path().join(folder).join("a")).unwrap();
        }
        std::fs::create_dir(dir.path().join("public")).unwrap();
        assert_eq!(remove(dir.path(), "public"), 2);
        let mut left: Vec<String> =
            std::fs::read_dir(dir.path()).unwrap().map(|i| i.unwrap().file_name().into_string().unwrap()).collect();
        left.sort();
        assert_eq!(left, vec![format!(".public.tmp-{alive}"), "public".to_owned()]);
    }
}
