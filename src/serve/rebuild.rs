//! One run of the library pipeline for `serve`: load → resolve → theme →
//! render, exactly as `build` does, but kept in memory instead of written.

use crate::diag::{self, Code, Diagnostic, Diagnostics};
use crate::write::OutputFile;
use crate::{load, render, resolve};
use std::path::Path;
use std::time::{Duration, Instant};

/// What one pipeline run produced.
#[derive(Debug)]
pub(crate) struct Rebuild {
    /// The rendered files; `None` when an error (content or fatal) means the
    /// result must not replace the last good build.
    pub(crate) files: Option<Vec<OutputFile>>,
    /// Every diagnostic, levels applied, sorted.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The site title, for the terminal banner.
    pub(crate) title: String,
    /// Wall time of the run.
    pub(crate) elapsed: Duration,
}

/// Runs the pipeline. A fatal error (unreadable file, broken theme) becomes
/// a site-wide diagnostic so the server keeps going and shows it.
pub(crate) fn rebuild(root: &Path, drafts: bool) -> crate::Result<Rebuild> {
    let start = Instant::now();
    let mut sink = Diagnostics::new();
    let loaded = load::load(root, &mut sink)?;
    let kb = resolve::resolve(&loaded, drafts, &mut sink);
    let rendered = render::theme::load(root, &loaded.config.theme)
        .map(|theme| render::render(&kb, &loaded.documents, &loaded.config, &theme, &mut sink).0);
    let files = match rendered {
        Ok(files) => Some(files),
        Err(error) => {
            sink.push(Diagnostic::new(Code::Template, "", error.to_string()));
            None
        }
    };
    let diagnostics = sink.finish(&loaded.config.rules);
    let (errors, _) = diag::count(&diagnostics);
    let files = files.filter(|_| errors == 0);
    Ok(Rebuild { files, diagnostics, title: loaded.config.title.clone(), elapsed: start.elapsed() })
}

/// Like [`rebuild`], but a fatal error is reported as a diagnostic too, for
/// rebuilds after the server is up (site.toml deleted, theme removed, …).
pub(crate) fn rebuild_or_report(root: &Path, drafts: bool) -> Rebuild {
    let start = Instant::now();
    rebuild(root, drafts).unwrap_or_else(|error| Rebuild {
        files: None,
        diagnostics: vec![Diagnostic::new(Code::InvalidConfig, "", error.to_string())],
        title: String::new(),
        elapsed: start.elapsed(),
    })
}
