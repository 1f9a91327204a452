//! Diagnostics on stderr, as the command line and `serve` show them.

use super::{count, emit, Code, Diagnostic, Severity};
use crate::term::{err, errln};
use std::collections::BTreeMap;
use std::io::IsTerminal;

/// Whether stderr gets colour: only on a terminal, never with `NO_COLOR`.
pub fn use_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// Prints diagnostics to stderr in the human format, then a count line.
pub fn print_human(diagnostics: &[Diagnostic]) {
    let color = use_color();
    err!("{}", emit::render(diagnostics, emit::Format::Human, color));
    print_totals(diagnostics);
}

/// [`print_human`] for a site that may have thousands of problems: the
/// first `limit` diagnostics (errors first) in full, then how many of each
/// code are left, so a build log stays readable; `check` lists them all.
pub fn print_human_capped(diagnostics: &[Diagnostic], limit: usize) {
    if diagnostics.len() <= limit {
        return print_human(diagnostics);
    }
    let color = use_color();
    let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error);
    let warnings = diagnostics.iter().filter(|d| d.severity != Severity::Error);
    let ordered: Vec<&Diagnostic> = errors.chain(warnings).collect();
    let (shown, rest) = ordered.split_at(limit);
    let text: String = shown.iter().map(|d| emit::human(d, color)).collect();
    err!("{text}");
    let mut by_code: BTreeMap<(Severity, Code), usize> = BTreeMap::new();
    for d in rest {
        *by_code.entry((d.severity, d.code)).or_default() += 1;
    }
    let mut counts: Vec<((Severity, Code), usize)> = by_code.into_iter().collect();
    // Errors first, then the commonest codes.
    counts.sort_by(|((sa, ca), na), ((sb, cb), nb)| sa.cmp(sb).then(nb.cmp(na)).then(ca.cmp(cb)));
    errln!("… and {} more:", rest.len());
    for ((severity, code), n) in counts {
        let word = if severity == Severity::Error { "error" } else { "warning" };
        errln!("  {n} × {code} ({word})");
    }
    errln!("run `rolebook check` for the list");
    print_totals(diagnostics);
}

/// The count line, and why nothing else was checked when site.toml is broken.
fn print_totals(diagnostics: &[Diagnostic]) {
    let (errors, warnings) = count(diagnostics);
    if errors + warnings > 0 {
        errln!("{errors} error(s), {warnings} warning(s)");
    }
    if let Some(config) = broken_config(diagnostics) {
        errln!("content was not checked: fix {config} first");
    }
}

/// The settings file, when it could not be read: `load` then leaves the
/// content alone, so its problems are the only ones reported.
fn broken_config(diagnostics: &[Diagnostic]) -> Option<&str> {
    let d = diagnostics.iter().find(|d| d.code == Code::InvalidConfig && d.severity == Severity::Error)?;
    Some(d.file.as_str()).filter(|f| !f.is_empty())
}
