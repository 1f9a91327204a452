//! Watching the site's sources: `content/`, `themes/` and `static/`
//! (recursively) and `site.toml`. Events are debounced, so an editor's burst (write a temp
//! file, rename it over the original) arrives as one batch and causes one
//! rebuild. Hidden files, editor temp files and everything else in the site
//! folder (the output, `.git`, `target/`) are ignored.

use super::Signal;
use crate::error::{Error, Result};
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, DebouncedEvent, Debouncer, RecommendedCache};
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// Quiet time after the last event before a batch is delivered.
const DEBOUNCE: Duration = Duration::from_millis(75);

/// A running watcher; dropping it stops watching.
pub(crate) struct Watch {
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    root: PathBuf,
    watched: Vec<&'static str>,
}

/// Starts watching the site at `root` (an absolute, canonical path);
/// batches are sent to `signals`.
pub(crate) fn start(root: &Path, signals: Sender<Signal>) -> Result<Watch> {
    let handler = move |result: DebounceEventResult| {
        let _ = signals.send(Signal::Files(result));
    };
    let debouncer = new_debouncer(DEBOUNCE, None, handler).map_err(|e| watch_error(root, e))?;
    let mut watch = Watch { debouncer, root: root.to_path_buf(), watched: Vec::new() };
    watch.debouncer.watch(root, RecursiveMode::NonRecursive).map_err(|e| watch_error(root, e))?;
    watch.add_folders()?;
    Ok(watch)
}

fn watch_error(path: &Path, error: notify_debouncer_full::notify::Error) -> Error {
    Error::io("watch", path, std::io::Error::other(error.to_string()))
}

impl Watch {
    /// The source paths a batch touches (none: nothing to rebuild). Also
    /// starts watching `content/` or `themes/` when one was created after
    /// the server started.
    pub(crate) fn relevant(&mut self, events: &[DebouncedEvent]) -> BTreeSet<PathBuf> {
        let relevant: BTreeSet<PathBuf> = events
            .iter()
            .filter(|event| !matches!(event.kind, EventKind::Access(_)))
            .flat_map(|event| event.paths.iter())
            .filter(|path| is_source(&self.root, path))
            .cloned()
            .collect();
        if !relevant.is_empty() {
            if let Err(error) = self.add_folders() {
                crate::term::errln!("warning: {}", crate::term::escape(&error.to_string()));
            }
        }
        relevant
    }

    fn add_folders(&mut self) -> Result<()> {
        for folder in ["content", "themes", crate::site_files::STATIC_DIR] {
            let path = self.root.join(folder);
            if !self.watched.contains(&folder) && path.is_dir() {
                self.debouncer.watch(&path, RecursiveMode::Recursive).map_err(|e| watch_error(&path, e))?;
                self.watched.push(folder);
            }
        }
        Ok(())
    }
}

/// Whether a changed path is one the build reads: `site.toml`, or a file or
/// folder under `content/` or `themes/` that is neither hidden nor an
/// editor's temporary file.
pub(crate) fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else { return false };
    let parts: Vec<String> = relative
        .components()
        .map(|c| match c {
            Component::Normal(name) => name.to_string_lossy().into_owned(),
            _ => String::from(".."),
        })
        .collect();
    match parts.first().map(String::as_str) {
        Some("site.toml") => parts.len() == 1,
        Some("content" | "themes") => parts.iter().all(|part| !is_hidden_or_temporary(part)),
        // Hidden files are published from static/ (`.well-known/`).
        Some("static") => parts.iter().skip(1).all(|part| !is_hidden_or_temporary(part.trim_start_matches('.'))),
        _ => false,
    }
}

fn is_hidden_or_temporary(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name == "4913"
        || [".swp", ".swx", ".tmp", ".bak", ".part", ".crdownload"].iter().any(|suffix| name.ends_with(suffix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn watches_only_the_sources() {
        let root = Path::new("/site");
        for path in [
            "/site/site.toml",
            "/site/content/a.md",
            "/site/content/compare",
            "/site/themes/x/style.css",
            "/site/content/img/chart.png",
            "/site/static/.well-known/security.txt",
        ] {
            assert!(is_source(root, Path::new(path)), "{path}");
        }
        for path in [
            "/site/public/index.html",
            "/site/.git/index",
            "/site/README.md",
            "/site/content/.a.md.swp",
            "/site/content/a.md~",
            "/site/content/4913",
            "/site/content/.hidden/a.md",
            "/site/content/#a.md#",
            "/site/content/a.md.tmp",
            "/other/content/a.md",
            "/site/site.toml/x",
            "/site/static/.well-known/x.swp",
        ] {
            assert!(!is_source(root, Path::new(path)), "{path}");
        }
    }
}
