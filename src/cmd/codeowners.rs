//! `rolebook codeowners`: writes CODEOWNERS from the entries' owners, and
//! the `check --codeowners` test that the committed file is up to date.

use super::Outcome;
use crate::cli::CodeownersArgs;
use crate::diag::{Code, Diagnostic, Diagnostics, LineIndex};
use crate::error::{Error, Result};
use crate::render::codeowners;
use crate::{load, resolve};
use std::path::{Path, PathBuf};

/// Where GitHub and GitLab look for the file, in the order they do.
const PLACES: [&str; 4] = [".github/CODEOWNERS", ".gitlab/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"];

/// The CODEOWNERS text for the site at `root`.
pub fn generate(root: &Path) -> Result<String> {
    let mut diagnostics = Diagnostics::new();
    let loaded = load::load(root, &mut diagnostics)?;
    let kb = resolve::resolve(&loaded, true, &mut diagnostics);
    Ok(codeowners::text(&kb, &content_prefix(root)))
}

/// The repository holding `root`: the nearest folder up with `.git`.
fn repository(root: &Path) -> Option<PathBuf> {
    let root = std::fs::canonicalize(root).ok()?;
    root.ancestors().find(|dir| dir.join(".git").exists()).map(Path::to_path_buf)
}

/// `content/` as seen from the repository root (the site root when it is
/// in no repository), with `/` separators.
fn content_prefix(root: &Path) -> String {
    let inside = repository(root)
        .zip(std::fs::canonicalize(root).ok())
        .and_then(|(repo, root)| root.strip_prefix(&repo).ok().map(Path::to_path_buf))
        .unwrap_or_default();
    let mut prefix: String = inside.components().map(|c| format!("{}/", c.as_os_str().to_string_lossy())).collect();
    prefix.push_str(load::CONTENT_DIR);
    prefix.push('/');
    prefix
}

/// The committed file: the first of the usual places, from the repository
/// root (or the site root), that exists.
fn committed(root: &Path) -> Option<PathBuf> {
    let base = repository(root).unwrap_or_else(|| root.to_path_buf());
    PLACES.iter().map(|p| base.join(p)).find(|p| p.is_file())
}

/// A `codeowners-outdated` error when the committed file is missing or
/// differs from what `rolebook codeowners` would write.
pub fn check_committed(root: &Path) -> Result<Vec<Diagnostic>> {
    let expected = generate(root)?;
    let hint = "run `rolebook codeowners` and commit the file";
    let Some(path) = committed(root) else {
        let message = "no CODEOWNERS file (looked in .github/, .gitlab/, the root and docs/)";
        return Ok(vec![Diagnostic::new(Code::CodeownersOutdated, "CODEOWNERS", message).suggest(hint)]);
    };
    let found = std::fs::read_to_string(&path).map_err(|e| Error::io("read", &path, e))?;
    if found.replace("\r\n", "\n") == expected {
        return Ok(Vec::new());
    }
    let shown = path.display().to_string();
    let line = found.lines().zip(expected.lines()).position(|(a, b)| a != b);
    let line = line.unwrap_or_else(|| found.lines().count().min(expected.lines().count())) + 1;
    let message = match expected.lines().nth(line - 1) {
        Some(wanted) => format!("CODEOWNERS is out of date: line {line} should be `{wanted}`"),
        None => format!("CODEOWNERS is out of date: it has lines from line {line} on that no entry gives"),
    };
    let index = LineIndex::new(&found);
    let offset = found.lines().take(line - 1).map(|l| l.len() + 1).sum::<usize>().min(found.len());
    let d = Diagnostic::new(Code::CodeownersOutdated, shown, message).at_offset(&index, &found, offset, 1);
    Ok(vec![d.suggest(hint)])
}

pub(super) fn run(args: &CodeownersArgs) -> Result<Outcome> {
    let text = generate(&args.root)?;
    if args.stdout {
        print!("{text}");
        return Ok(Outcome::Success);
    }
    let path = match &args.output {
        Some(path) => path.clone(),
        None => committed(&args.root)
            .unwrap_or_else(|| repository(&args.root).unwrap_or_else(|| args.root.clone()).join(".github/CODEOWNERS")),
    };
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("create", parent, e))?;
    }
    std::fs::write(&path, &text).map_err(|e| Error::io("write", &path, e))?;
    let lines = text.lines().filter(|l| l.starts_with('/')).count();
    eprintln!("wrote {} ({lines} entry files with owners to request)", path.display());
    Ok(Outcome::Success)
}
