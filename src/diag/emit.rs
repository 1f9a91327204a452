//! Renders finished diagnostics as text for people, JSON for tools, or
//! GitHub workflow commands for pull-request annotations.

use super::{Diagnostic, Severity};
use crate::term::escape;
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
    // Titles, paths and names come from content anyone can send: escaped,
    // they cannot drive the terminal or forge a line (see `term`).
    let _ = writeln!(out, "{}: {}", paint(tint, &head), paint("1", &escape(&d.message)));
    if !d.file.is_empty() {
        let file = escape(&d.file);
        let place = match d.location {
            Some(l) => format!("{file}:{}:{}", l.line, l.column),
            None => file.into_owned(),
        };
        let _ = writeln!(out, "  {} {place}", paint("1;34", "-->"));
    }
    if let (Some(location), Some(snippet)) = (d.location, &d.snippet) {
        let number = location.line.to_string();
        let pad = " ".repeat(number.len());
        let bar = paint("1;34", "|");
        let (line, caret_column, caret_width) = snippet_line(snippet, location.column, d.width);
        let caret_pad = " ".repeat(caret_column);
        let carets = "^".repeat(caret_width);
        let _ = writeln!(out, "  {pad} {bar}");
        let _ = writeln!(out, "  {} {bar} {line}", paint("1;34", &number));
        let _ = writeln!(out, "  {pad} {bar} {caret_pad}{}", paint(tint, &carets));
    }
    if let Some(suggestion) = &d.suggestion {
        let _ = writeln!(out, "  = {}: {}", paint("1", "help"), escape(suggestion));
    }
    out.push('\n');
    out
}

/// How many characters of a source line the snippet shows.
const SHOWN: usize = 200;

/// A source line as shown (escaped, cut at [`SHOWN`] characters), and where
/// the carets go under it: the 0-based column and width of the text that
/// `column` (1-based) and `width` point at once escapes have widened it.
fn snippet_line(snippet: &str, column: usize, width: usize) -> (String, usize, usize) {
    let chars: Vec<char> = snippet.chars().collect();
    let start = column.saturating_sub(1).min(chars.len());
    let end = (start + width.max(1)).min(chars.len());
    let shown = |part: &[char]| escape(&part.iter().collect::<String>()).chars().count();
    let caret_column = shown(&chars[..start]);
    let caret_width = shown(&chars[start..end]).max(1);
    let line: String = escape(snippet).chars().take(SHOWN).collect();
    let caret_column = caret_column.min(SHOWN);
    (line, caret_column, caret_width.min(SHOWN.saturating_sub(caret_column)).max(1))
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
    json_escape_controls(&text)
}

/// serde_json leaves C1 controls and line separators raw inside strings
/// (JSON allows them); written as `\uXXXX` they mean the same to a parser
/// and nothing to a terminal that shows the output.
fn json_escape_controls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c != '\n' && crate::term::is_unsafe(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out
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
    format!("::{command} {}::{}\n", properties.join(","), escape(&escape_data(&message)))
}

// Workflow-command escaping, as documented for GitHub Actions toolkit.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape(&escape_data(text)).replace(':', "%3A").replace(',', "%2C")
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
    fn escapes_what_a_terminal_would_obey_in_every_format() {
        let d = Diagnostic::new(Code::BrokenLink, "content/\u{1b}[2J.md", "no entry named `a\u{85}b\u{1b}]0;x\u{7}`");
        let human = human(&d, false);
        assert!(human.contains("no entry named `a\\u{85}b\\u{1b}]0;x\\u{7}`"), "{human}");
        assert!(human.contains("--> content/\\u{1b}[2J.md"), "{human}");
        let text = json(std::slice::from_ref(&d));
        assert!(!text.chars().any(|c| c != '\n' && crate::term::is_unsafe(c)), "{text:?}");
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value[0]["message"], d.message, "the same text once parsed");
        assert!(!github(&d).chars().any(|c| c != '\n' && crate::term::is_unsafe(c)));
    }

    #[test]
    fn json_output_parses() {
        let text = json(&[sample()]);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value[0]["code"], "broken-link");
        assert_eq!(value[0]["line"], 3);
    }
}
