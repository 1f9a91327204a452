//! The site being served: an immutable [`Snapshot`] behind an `Arc`,
//! replaced whole after each rebuild, so a request always sees one
//! consistent build however many rebuilds happen while it is answered.

use super::rebuild::{Rebuild, Update};
use crate::diag::{self, Diagnostic};
use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

/// Output path → bytes. Unchanged files keep their `Arc` across rebuilds.
pub(crate) type Files = BTreeMap<String, Arc<[u8]>>;

/// One consistent view of the site.
#[derive(Debug, Default)]
pub(crate) struct Snapshot {
    /// Files of the last good build (empty before the first one).
    pub(crate) files: Arc<Files>,
    /// Diagnostics of the latest run when it had errors, else empty: while
    /// this is non-empty, pages carry the error overlay.
    pub(crate) errors: Vec<Diagnostic>,
    /// Changes whenever what a page shows changes; pages carry it, so a tab
    /// that missed a reload event notices when it reconnects.
    pub(crate) token: String,
}

/// What changed between two builds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Change {
    /// HTML pages added, changed or removed.
    pub(crate) pages: usize,
    /// Other files added, changed or removed.
    pub(crate) others: usize,
    /// HTML pages in the new build.
    pub(crate) total_pages: usize,
}

impl Change {
    /// Whether anything at all differs.
    pub(crate) fn any(self) -> bool {
        self.pages + self.others > 0
    }
}

/// The shared, swappable current snapshot.
#[derive(Debug)]
pub(crate) struct Site {
    current: RwLock<Arc<Snapshot>>,
    session: String,
}

impl Site {
    /// An empty site; `session` distinguishes this server run from earlier
    /// ones, so tabs reload after a restart.
    pub(crate) fn new(session: String) -> Self {
        let token = format!("{session}-0");
        Site { current: RwLock::new(Arc::new(Snapshot { token, ..Snapshot::default() })), session }
    }

    /// The current snapshot (a cheap `Arc` clone).
    pub(crate) fn snapshot(&self) -> Arc<Snapshot> {
        match self.current.read() {
            Ok(guard) => Arc::clone(&guard),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Applies a rebuild: a good one replaces the files (sharing unchanged
    /// ones with the previous build), a failed one only sets the errors.
    /// Returns what changed and whether open pages must reload.
    pub(crate) fn apply(&self, rebuild: Rebuild, generation: u64) -> (Change, bool) {
        let errors: Vec<Diagnostic> =
            if diag::count(&rebuild.diagnostics).0 > 0 { rebuild.diagnostics } else { Vec::new() };
        self.swap(rebuild.files, errors, generation)
    }

    /// Applies files that pages do not show (the search index, exports): the
    /// snapshot changes, but open pages need not reload.
    pub(crate) fn apply_quietly(&self, update: Update) -> Change {
        let old = self.snapshot();
        let (files, change) = merge(&old.files, update);
        if change.any() {
            let next =
                Arc::new(Snapshot { files: Arc::new(files), errors: old.errors.clone(), token: old.token.clone() });
            self.replace(next);
        }
        change
    }

    fn swap(&self, update: Option<Update>, errors: Vec<Diagnostic>, generation: u64) -> (Change, bool) {
        let old = self.snapshot();
        let (files, change) = match update {
            Some(update) => {
                let (files, change) = merge(&old.files, update);
                (Arc::new(files), change)
            }
            None => (Arc::clone(&old.files), Change::default()),
        };
        let reload = change.any() || errors != old.errors;
        if reload {
            let token = format!("{}-{generation}", self.session);
            self.replace(Arc::new(Snapshot { files, errors, token }));
        }
        (change, reload)
    }

    fn replace(&self, next: Arc<Snapshot>) {
        match self.current.write() {
            Ok(mut guard) => *guard = next,
            Err(poisoned) => *poisoned.into_inner() = next,
        }
    }
}

/// Builds the new file map, reusing the old bytes where equal, and counts
/// the differences.
fn merge(old: &Files, update: Update) -> (Files, Change) {
    let mut change = Change::default();
    let mut count = |path: &str| {
        if path.ends_with(".html") {
            change.pages += 1;
        } else {
            change.others += 1;
        }
    };
    let (new, mut files, removed) = match update {
        Update::All(new) => (new, Files::new(), None),
        Update::Patch { files, removed } => (files, old.clone(), Some(removed)),
    };
    for file in new {
        let bytes = match old.get(&file.path) {
            Some(previous) if **previous == *file.bytes => Arc::clone(previous),
            _ => {
                count(&file.path);
                Arc::from(file.bytes)
            }
        };
        files.insert(file.path, bytes);
    }
    match removed {
        Some(removed) => {
            for path in removed {
                if files.remove(&path).is_some() {
                    count(&path);
                }
            }
        }
        None => {
            for path in old.keys().filter(|path| !files.contains_key(*path)) {
                count(path);
            }
        }
    }
    change.total_pages = files.keys().filter(|path| path.ends_with(".html")).count();
    (files, change)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Code;
    use crate::output::OutputFile;
    use std::time::Duration;

    fn good(files: &[(&str, &str)]) -> Rebuild {
        let files = files.iter().map(|(p, b)| OutputFile { path: (*p).into(), bytes: b.as_bytes().to_vec() }).collect();
        let files = Some(Update::All(files));
        Rebuild { files, rendered: 0, diagnostics: Vec::new(), title: String::new(), elapsed: Duration::ZERO }
    }

    #[test]
    fn counts_changed_added_and_removed_pages() {
        let site = Site::new("s".into());
        let (change, reload) = site.apply(good(&[("a.html", "1"), ("b.html", "2"), ("x.css", "c")]), 1);
        assert_eq!((change.pages, change.others, reload), (2, 1, true));
        let (change, _) = site.apply(good(&[("a.html", "1"), ("b.html", "3"), ("c.html", "4")]), 2);
        assert_eq!((change.pages, change.others, change.total_pages), (2, 1, 3));
        assert_eq!(site.snapshot().token, "s-2");
    }

    #[test]
    fn an_identical_rebuild_does_not_reload() {
        let site = Site::new("s".into());
        site.apply(good(&[("a.html", "1")]), 1);
        let (change, reload) = site.apply(good(&[("a.html", "1")]), 2);
        assert!(!change.any() && !reload);
        assert_eq!(site.snapshot().token, "s-1");
    }

    #[test]
    fn a_failed_rebuild_keeps_the_files_and_sets_the_errors() {
        let site = Site::new("s".into());
        site.apply(good(&[("a.html", "1")]), 1);
        let failed = Rebuild {
            files: None,
            rendered: 0,
            diagnostics: vec![Diagnostic::new(Code::BrokenLink, "content/a.md", "no entry")],
            title: String::new(),
            elapsed: Duration::ZERO,
        };
        let (_, reload) = site.apply(failed, 2);
        let snapshot = site.snapshot();
        assert!(reload);
        assert_eq!(snapshot.errors.len(), 1);
        assert_eq!(&*snapshot.files["a.html"], b"1");
        let (_, reload) = site.apply(good(&[("a.html", "1")]), 3);
        assert!(reload && site.snapshot().errors.is_empty());
    }
}
