//! "Last updated" from git history, for entries without an `updated` date in
//! their front matter: one `git log` pass over `content/`, mapped path → date
//! of the newest commit that touched the file (issue 4).
//!
//! Skipped silently when `git` is missing or the site is not in a repository.
//! The result depends only on the repository's history, so two builds of the
//! same commit stay byte-identical.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Stdio};

/// Content path (relative to `content/`, `/`-separated) → `YYYY-MM-DD`.
pub type GitDates = BTreeMap<String, String>;

/// Runs `git log` in `root` and maps every file under `content/` to the date
/// of its newest commit. Empty when git is unavailable or `root` is not in a
/// work tree.
pub fn collect(root: &Path) -> GitDates {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args([
            "-c",
            "core.quotepath=off",
            "log",
            "--format=%x00%cI",
            "--name-only",
            "--relative",
            "--no-renames",
            "--",
            "content",
        ])
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output();
    match output {
        Ok(out) if out.status.success() => parse(&String::from_utf8_lossy(&out.stdout)),
        _ => GitDates::new(),
    }
}

/// Parses `git log --format=%x00%cI --name-only` output (newest first): the
/// first date seen for a path is its newest.
pub fn parse(log: &str) -> GitDates {
    let mut dates = GitDates::new();
    let mut current: Option<&str> = None;
    for line in log.lines() {
        if let Some(stamp) = line.strip_prefix('\0') {
            current = stamp.get(..10).filter(|d| is_date(d));
            continue;
        }
        let (Some(date), Some(path)) = (current, line.trim().strip_prefix("content/")) else { continue };
        if !path.is_empty() {
            dates.entry(path.to_owned()).or_insert_with(|| date.to_owned());
        }
    }
    dates
}

fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_newest_date_of_each_file() {
        let log = "\u{0}2026-03-02T10:00:00+01:00\n\ncontent/a.md\ncontent/compare/x.md\n\
                   \u{0}2025-01-01T09:00:00Z\n\ncontent/a.md\ncontent/b.md\nREADME.md\n";
        let dates = parse(log);
        assert_eq!(dates.get("a.md").map(String::as_str), Some("2026-03-02"));
        assert_eq!(dates.get("compare/x.md").map(String::as_str), Some("2026-03-02"));
        assert_eq!(dates.get("b.md").map(String::as_str), Some("2025-01-01"));
        assert_eq!(dates.len(), 3, "files outside content/ are ignored");
    }

    #[test]
    fn ignores_garbage_dates() {
        assert!(parse("\u{0}not-a-date\ncontent/a.md\n").is_empty());
    }

    #[test]
    fn gives_nothing_outside_a_repository() {
        let dir = std::env::temp_dir().join("rolebook-no-git-here-surely");
        assert!(collect(&dir).is_empty());
    }
}
