//! The diagnostics model every stage shares.
//!
//! Stages never stop at the first problem: they push [`Diagnostic`]s into a
//! [`Diagnostics`] sink and keep going, so one run reports everything. Each
//! diagnostic carries a stable [`Code`] that site.toml `[rules]` can re-level.

mod code;
pub mod emit;
pub mod print;
mod span;
pub mod suggest;

pub use code::Code;
pub use span::{LineIndex, Location};

use serde::Serialize;
use std::collections::BTreeMap;

/// How serious a diagnostic is, after site.toml `[rules]` have been applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Fails `build` and `check`.
    Error,
    /// Reported; fails `check --deny-warnings`.
    Warning,
}

/// How much of a source line a diagnostic keeps for its snippet.
pub const SNIPPET_CHARS: usize = 240;

/// One problem found in the site, with where it is and what might fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable identifier, e.g. `broken-link`.
    pub code: Code,
    /// Path relative to the site root, `/`-separated (empty for site-wide problems).
    pub file: String,
    /// 1-based line and column; `None` when the problem has no position.
    pub location: Option<Location>,
    /// What is wrong.
    pub message: String,
    /// What might fix it ("did you mean …").
    pub suggestion: Option<String>,
    /// The offending source line, for the human renderer's snippet.
    pub snippet: Option<String>,
    /// Length in characters of the offending text on that line (for carets).
    pub width: usize,
}

impl Diagnostic {
    /// A diagnostic at the code's default severity.
    pub fn new(code: Code, file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: code.default_severity(),
            code,
            file: file.into(),
            location: None,
            message: message.into(),
            suggestion: None,
            snippet: None,
            width: 1,
        }
    }

    /// Attaches a position and the source line it points into.
    pub fn at(mut self, location: Location, snippet: Option<String>, width: usize) -> Self {
        self.location = Some(location);
        self.snippet = snippet;
        self.width = width.max(1);
        self
    }

    /// Attaches a position using a file's line index and a byte offset into it.
    pub fn at_offset(self, index: &LineIndex, text: &str, offset: usize, width: usize) -> Self {
        let location = index.location(text, offset);
        // Only the start of the line is ever shown; a 5 MB line must not be
        // copied into every diagnostic on it.
        let snippet = index.line_text(text, location.line).map(|l| l.chars().take(SNIPPET_CHARS).collect());
        self.at(location, snippet, width)
    }

    /// Adds a suggestion.
    pub fn suggest(mut self, suggestion: impl Into<String>) -> Self {
        self.suggestion = Some(suggestion.into());
        self
    }

    /// Adds a suggestion when there is one.
    pub fn maybe_suggest(mut self, suggestion: Option<String>) -> Self {
        self.suggestion = suggestion;
        self
    }
}

/// Per-code severity overrides from site.toml `[rules]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Report as an error.
    Error,
    /// Report as a warning.
    Warn,
    /// Do not report.
    Allow,
}

/// The sink all stages push into.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty sink.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Moves every diagnostic of `other` into this sink.
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Applies `[rules]` levels, drops allowed codes and sorts by file and position,
    /// so the report is stable whatever order the stages ran in.
    pub fn finish(mut self, rules: &BTreeMap<Code, Level>) -> Vec<Diagnostic> {
        self.items.retain_mut(|d| match severity(d, rules) {
            Some(severity) => {
                d.severity = severity;
                true
            }
            None => false,
        });
        self.items
            .sort_by(|a, b| (&a.file, a.location, a.code, &a.message).cmp(&(&b.file, b.location, b.code, &b.message)));
        self.items.dedup();
        self.items
    }

    /// Keeps only the diagnostics `keep` accepts.
    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.items.retain(keep);
    }

    /// The diagnostics recorded so far, in order.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Whether any diagnostic is an error once `[rules]` levels apply: what
    /// [`Diagnostics::finish`] would count, without copying or sorting.
    pub fn has_errors(&self, rules: &BTreeMap<Code, Level>) -> bool {
        self.items.iter().any(|d| severity(d, rules) == Some(Severity::Error))
    }
}

/// A diagnostic's severity under `[rules]`; `None` when its code is allowed.
fn severity(diagnostic: &Diagnostic, rules: &BTreeMap<Code, Level>) -> Option<Severity> {
    match rules.get(&diagnostic.code) {
        Some(Level::Allow) => None,
        Some(Level::Error) => Some(Severity::Error),
        Some(Level::Warn) => Some(Severity::Warning),
        None => Some(diagnostic.severity),
    }
}

/// Counts of a finished diagnostic list.
pub fn count(diagnostics: &[Diagnostic]) -> (usize, usize) {
    let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
    (errors, diagnostics.len() - errors)
}
