//! The last commits that touched `content/`, with the files each changed
//! and their blob ids before and after: one `git log --raw` process.

use std::path::Path;
use std::process::{Command, Stdio};

/// The all-zero blob id git prints for "no file on this side".
const NO_BLOB: &str = "0000000000000000000000000000000000000000";

/// One commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// Full hash.
    pub hash: String,
    /// Committer date, strict ISO 8601 (`2026-03-02T10:00:00+01:00`).
    pub date: String,
    /// Whether git shows it without parents: the first commit, or the
    /// oldest one a shallow clone has (whose diff is then everything).
    pub parentless: bool,
    /// The content files it changed, in git's order.
    pub files: Vec<FileChange>,
}

/// One file a commit changed. Paths are relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChange {
    /// Path before (`None`: added).
    pub old_path: Option<String>,
    /// Path after (`None`: deleted).
    pub new_path: Option<String>,
    /// Blob before.
    pub old_blob: Option<String>,
    /// Blob after.
    pub new_blob: Option<String>,
}

/// Whether the repository at `root` is a shallow clone (CI checkouts often
/// are): its oldest commit then seems to add every file.
pub fn is_shallow(root: &Path) -> bool {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "--is-shallow-repository"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output();
    output.is_ok_and(|out| out.status.success() && out.stdout.starts_with(b"true"))
}

/// The newest `limit` commits touching `root/content`, newest first; empty
/// without git, outside a repository or when `limit` is 0.
pub fn read(root: &Path, limit: usize) -> Vec<Commit> {
    if limit == 0 {
        return Vec::new();
    }
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["-c", "core.quotepath=off", "log", "-n", &limit.to_string()])
        .args(["--format=%x1e%H%x00%cI%x00%P%x00", "--raw", "-M", "--no-abbrev", "--relative", "-z", "--", "content"])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output();
    match output {
        Ok(out) if out.status.success() => parse(&String::from_utf8_lossy(&out.stdout)),
        _ => Vec::new(),
    }
}

/// Parses `--format=%x1e%H%x00%cI%x00%P%x00 --raw -z` output: a record
/// separator, hash, date and parents, then `:<modes> <old> <new> <status>\0<path>\0[<path>\0]`
/// per file (two paths for renames and copies).
pub fn parse(log: &str) -> Vec<Commit> {
    let mut commits = Vec::new();
    for record in log.split('\u{1e}').filter(|r| !r.is_empty()) {
        let mut tokens = record.split('\0').map(|t| t.trim_start_matches('\n'));
        let (Some(hash), Some(date), Some(parents)) = (tokens.next(), tokens.next(), tokens.next()) else { continue };
        if hash.len() < 40 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) || date.len() < 10 {
            continue;
        }
        let mut files = Vec::new();
        while let Some(token) = tokens.next() {
            let Some(meta) = token.strip_prefix(':') else { continue };
            let fields: Vec<&str> = meta.split(' ').collect();
            let [_, _, old, new, status] = fields[..] else { continue };
            let first = tokens.next().map(str::to_owned);
            let second = if status.starts_with(['R', 'C']) { tokens.next().map(str::to_owned) } else { None };
            let blob = |id: &str| (id != NO_BLOB).then(|| id.to_owned());
            let (old_blob, new_blob) = (blob(old), blob(new));
            let (old_path, new_path) = match (status.chars().next(), second) {
                (Some('A'), _) => (None, first),
                (Some('D'), _) => (first, None),
                (Some('R'), Some(to)) => (first, Some(to)),
                (Some('C'), Some(to)) => (None, Some(to)),
                _ => (first.clone(), first),
            };
            let old_blob = old_blob.filter(|_| old_path.is_some());
            files.push(FileChange { old_path, new_path, old_blob, new_blob });
        }
        let parentless = parents.trim().is_empty();
        commits.push(Commit { hash: hash.to_owned(), date: date.to_owned(), parentless, files });
    }
    commits
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "1111111111111111111111111111111111111111";
    const B: &str = "2222222222222222222222222222222222222222";
    const H: &str = "abcdefabcdefabcdefabcdefabcdefabcdefabcd";

    #[test]
    fn parses_adds_edits_renames_and_deletes() {
        let log = format!(
            "\u{1e}{H}\u{0}2026-03-02T10:00:00+01:00\u{0}{A}\u{0}\u{0}\n\
             :100644 100644 {A} {B} M\u{0}content/a.md\u{0}\
             :100644 100644 {A} {B} R090\u{0}content/old.md\u{0}content/new.md\u{0}\
             :000000 100644 {NO_BLOB} {B} A\u{0}content/c.md\u{0}\
             :100644 000000 {A} {NO_BLOB} D\u{0}content/d.md\u{0}"
        );
        let commits = parse(&log);
        assert_eq!(commits.len(), 1);
        let files = &commits[0].files;
        assert_eq!(commits[0].date, "2026-03-02T10:00:00+01:00");
        assert_eq!(files.len(), 4);
        assert!(!commits[0].parentless);
        assert_eq!(files[0].old_path.as_deref(), Some("content/a.md"));
        assert_eq!(files[0].new_blob.as_deref(), Some(B));
        assert_eq!(
            (files[1].old_path.as_deref(), files[1].new_path.as_deref()),
            (Some("content/old.md"), Some("content/new.md"))
        );
        assert_eq!((files[2].old_path.as_deref(), files[2].old_blob.as_deref()), (None, None));
        assert_eq!((files[3].new_path.as_deref(), files[3].new_blob.as_deref()), (None, None));
    }

    #[test]
    fn skips_garbage() {
        assert!(parse("\u{1e}nothex\u{0}2026\u{0}").is_empty());
        assert!(parse("").is_empty());
        let commits = parse(&format!("\u{1e}{H}\u{0}2026-01-01T00:00:00Z\u{0}\u{0}\u{0}\n:100644 M\u{0}x\u{0}"));
        assert!(commits[0].files.is_empty(), "a short meta line is no file");
        assert!(commits[0].parentless);
    }

    #[test]
    fn gives_nothing_outside_a_repository_or_at_limit_zero() {
        let dir = std::env::temp_dir().join("rolebook-no-git-here-surely");
        assert!(read(&dir, 30).is_empty());
        assert!(read(Path::new(env!("CARGO_MANIFEST_DIR")), 0).is_empty());
    }
}
