//! The knowledge base as it was at a git ref: `site.toml` and `content/`
//! read with the `git` CLI (`ls-tree` + `cat-file --batch`) into a
//! temporary folder that is removed afterwards.

use crate::error::{Error, Result};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A temporary folder, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    fn new() -> Result<Self> {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let path = std::env::temp_dir().join(format!("rolebook-diff-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&path).map_err(|e| Error::io("create folder", &path, e))?;
        Ok(TempDir(path))
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn git(root: &Path, args: &[&str]) -> Result<Vec<u8>> {
    let output = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| Error::io("run git in", root, e))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        return Err(Error::Usage(format!("git {} failed: {}", args.join(" "), stderr.trim())));
    }
    Ok(output.stdout)
}

/// Writes the site files (`site.toml`, `content/**`) of the site at `root`
/// as they are at `git_ref` into a new temporary folder.
pub fn checkout_site(root: &Path, git_ref: &str) -> Result<TempDir> {
    if git_ref.starts_with('-') || git_ref.trim().is_empty() {
        return Err(Error::Usage(format!("`{git_ref}` is not a git ref")));
    }
    let commit = git(root, &["rev-parse", "--verify", "--quiet", "--end-of-options", &format!("{git_ref}^{{commit}}")])
        .map_err(|_| Error::Usage(format!("`{git_ref}` is not a commit in the repository at {}", root.display())))?;
    let commit = String::from_utf8_lossy(&commit).trim().to_owned();
    let prefix = String::from_utf8_lossy(&git(root, &["rev-parse", "--show-prefix"])?).trim().to_owned();
    let listing = git(
        root,
        &[
            "ls-tree",
            "-r",
            "-z",
            "--full-tree",
            &commit,
            "--",
            &format!("{prefix}site.toml"),
            &format!("{prefix}content"),
        ],
    )?;
    let blobs = parse_listing(&listing, &prefix);
    let dir = TempDir::new()?;
    let contents = cat_blobs(root, blobs.iter().map(|(oid, _)| oid.as_str()))?;
    for ((_, relative), bytes) in blobs.iter().zip(contents) {
        if !is_safe(relative) {
            continue;
        }
        let path = dir.path().join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io("create folder", parent, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io("write", &path, e))?;
    }
    Ok(dir)
}

/// `<mode> blob <oid>\t<path>\0` records → (oid, path relative to the site).
fn parse_listing(listing: &[u8], prefix: &str) -> Vec<(String, String)> {
    let mut blobs = Vec::new();
    for record in listing.split(|&b| b == 0).filter(|r| !r.is_empty()) {
        let text = String::from_utf8_lossy(record);
        let Some((meta, path)) = text.split_once('\t') else { continue };
        let parts: Vec<&str> = meta.split(' ').collect();
        if parts.len() != 3 || parts[1] != "blob" || parts[0] == "120000" {
            continue; // trees, submodules and symlinks are not content
        }
        if let Some(relative) = path.strip_prefix(prefix) {
            blobs.push((parts[2].to_owned(), relative.to_owned()));
        }
    }
    blobs
}

/// Relative paths only: no `..`, no absolute paths.
fn is_safe(relative: &str) -> bool {
    !relative.starts_with('/') && relative.split('/').all(|part| !part.is_empty() && part != "..")
}

/// The contents of blobs, in order, through one `git cat-file --batch`.
pub(crate) fn cat_blobs<'a>(root: &Path, oids: impl Iterator<Item = &'a str>) -> Result<Vec<Vec<u8>>> {
    let mut child = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| Error::io("run git in", root, e))?;
    let request: String = oids.map(|oid| format!("{oid}\n")).collect();
    let mut stdin = child.stdin.take().ok_or_else(|| Error::Usage("git cat-file has no stdin".into()))?;
    let writer = std::thread::spawn(move || stdin.write_all(request.as_bytes()));
    let mut output = Vec::new();
    if let Some(mut stdout) = child.stdout.take() {
        stdout.read_to_end(&mut output).map_err(|e| Error::io("read git output in", root, e))?;
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(parse_batch(&output))
}

/// `<oid> <type> <size>\n<bytes>\n` records → the bytes of each.
fn parse_batch(mut output: &[u8]) -> Vec<Vec<u8>> {
    let mut contents = Vec::new();
    while let Some(end) = output.iter().position(|&b| b == b'\n') {
        let header = String::from_utf8_lossy(&output[..end]).into_owned();
        let size = header.rsplit(' ').next().and_then(|s| s.parse::<usize>().ok());
        let start = end + 1;
        match size {
            Some(size) if output.len() >= start + size => {
                contents.push(output[start..start + size].to_vec());
                output = output.get(start + size + 1..).unwrap_or_default();
            }
            _ => {
                contents.push(Vec::new()); // "<oid> missing"
                output = &output[start..];
            }
        }
    }
    contents
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_ls_tree_records_and_skips_symlinks_and_other_folders() {
        let listing =
            b"100644 blob aaa\tsite/content/a.md\x00120000 blob bbb\tsite/content/l.md\x00100644 blob ccc\tother.md\0";
        assert_eq!(parse_listing(listing, "site/"), [("aaa".to_owned(), "content/a.md".to_owned())]);
    }

    #[test]
    fn parses_cat_file_batch_output() {
        let output = b"aaa blob 3\nabc\nbbb blob 0\n\nccc missing\n";
        assert_eq!(parse_batch(output), [b"abc".to_vec(), Vec::new(), Vec::new()]);
    }

    #[test]
    fn refuses_paths_that_leave_the_folder() {
        assert!(is_safe("content/a.md"));
        assert!(!is_safe("content/../../x"));
        assert!(!is_safe("/etc/passwd"));
    }
}
