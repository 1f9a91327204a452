//! Renders finished diagnostics as text for people, JSON for tools, or
//! GitHub workflow commands for pull-request annotations.

use super::{Diagnostic, Severity};
use serde::Serialize;
use std::fmt::Write as _;

/// Output format of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// Snippets with carets, for terminals and logs.
    #[default]
    Human,
    /// A JSON array with one object per diagnostic.
    Json,
    /// `::error file=…,line=…,col=…::message` lines.
    Github,
}

/// Renders diagnostics in a format; `color` only affects [`Format::Human`].
pub fn render(diagnostics: &[Diagnostic], format: Format, color: bool) -> String {
    match format {
        Format::Human => diagnostics.iter().map(|d| human(d, color)).collect(),
        Format::Json => json(diagnostics),
        Format::Github => diagnostics.iter().map(github).collect(),
    }
}

/// One diagnostic in the rustc-like human format.
pub fn human(d: &Diagnostic, color: bool) -> String {
    let paint = |code: &str, text: &str| {
        if color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    };
    let (word, tint) = match d.severity {
        Severity::Error => ("error", "1;31"),
        Severity::Warning => ("warning", "1;33"),
    };
    let mut out = String::new();
    let head = format!("{word}[{}]", d.code);
    let _ = writeln!(out, "{}: {}", paint(tint, &head), paint("1", &d.message));
    if !d.file.is_empty() {
        let place = match d.location {
            Some(l) => format!("{}:{}:{}", d.file, l.line, l.column),
            None => d.file.clone(),
        };
        let _ = writeln!(out, "  {} {place}", paint("1;34", "-->"));
    }
    if let (Some(location), Some(snippet)) = (d.location, &d.snippet) {
        let number = location.line.to_string();
        let pad = " ".repeat(number.len());
        let bar = paint("1;34", "|");
        let line: String = snippet.chars().take(200).collect();
        let caret_pad = " ".repeat(location.column.saturating_sub(1).min(200));
        let carets = "^".repeat(d.width.min(200usize.saturating_sub(location.column)).max(1));
        let _ = writeln!(out, "  {pad} {bar}");
        let _ = writeln!(out, "  {} {bar} {line}", paint("1;34", &number));
        let _ = writeln!(out, "  {pad} {bar} {caret_pad}{}", paint(tint, &carets));
    }
    if let Some(suggestion) = &d.suggestion {
        let _ = writeln!(out, "  = {}: {suggestion}", paint("1", "help"));
    }
    out.push('\n');
    out
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    code: &'a str,
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
    suggestion: Option<&'a str>,
}

fn json(diagnostics: &[Diagnostic]) -> String {
    let items: Vec<JsonDiagnostic<'_>> = diagnostics
        .iter()
        .map(|d| JsonDiagnostic {
            severity: d.severity,
            code: d.code.as_str(),
            file: &d.file,
            line: d.location.map(|l| l.line),
            column: d.location.map(|l| l.column),
            message: &d.message,
            suggestion: d.suggestion.as_deref(),
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_owned());
    text.push('\n');
    text
}

fn github(d: &Diagnostic) -> String {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut properties = Vec::new();
    if !d.file.is_empty() {
        properties.push(format!("file={}", escape_property(&d.file)));
    }
    if let Some(l) = d.location {
        properties.push(format!("line={},col={}", l.line, l.column));
    }
    properties.push(format!("title={}", escape_property(d.code.as_str())));
    let mut message = d.message.clone();
    if let Some(s) = &d.suggestion {
        message.push_str(" (");
        message.push_str(s);
        message.push(')');
    }
    format!("::{command} {}::{}\n", properties.join(","), escape_data(&message))
}

// Workflow-command escaping, as documented for GitHub Actions toolkit.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Code, Location};

    fn sample() -> Diagnostic {
        Diagnostic::new(Code::BrokenLink, "content/a.md", "no entry named `x`")
            .at(Location { line: 3, column: 7 }, Some("links: [x]".into()), 1)
            .suggest("did you mean `y`?")
    }

    #[test]
    fn human_output_points_at_the_column() {
        let text = human(&sample(), false);
        assert!(text.contains("error[broken-link]: no entry named `x`"));
        assert!(text.contains("--> content/a.md:3:7"));
        assert!(text.contains("      ^"), "{text}");
        assert!(text.contains("help: did you mean `y`?"));
    }

    #[test]
    fn github_output_is_a_workflow_command() {
        let text = github(&sample());
        assert_eq!(
            text,
            "::error file=content/a.md,line=3,col=7,title=broken-link::no entry named `x` (did you mean `y`?)\n"
        );
    }

    #[test]
    fn json_output_parses() {
        let text = json(&[sample()]);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value[0]["code"], "broken-link");
        assert_eq!(value[0]["line"], 3);
    }
}
