//! Diagnostics on stderr, as the command line and `serve` show them.

use super::{count, emit, Diagnostic};
use std::io::IsTerminal;

/// Whether stderr gets colour: only on a terminal, never with `NO_COLOR`.
pub fn use_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// Prints diagnostics to stderr in the human format, then a count line.
pub fn print_human(diagnostics: &[Diagnostic]) {
    let color = use_color();
    eprint!("{}", emit::render(diagnostics, emit::Format::Human, color));
    let (errors, warnings) = count(diagnostics);
    if errors + warnings > 0 {
        eprintln!("{errors} error(s), {warnings} warning(s)");
    }
}
