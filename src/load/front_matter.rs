//! Finds the `---` block at the top of a file and parses it as YAML: first
//! into a generic tree ([`super::yaml`], under a size budget), then field by
//! field ([`super::fields`]), so every problem is reported in one run.
//!
//! With [`super::yaml`], the only module that touches serde_yaml (upstream
//! deprecated it). YAML error positions are shifted by the block's first
//! line so reports show the real `file:line`.

use super::fields::{self, Spots, COMPARISON_FIELDS, ENTRY_FIELDS};
use super::raw::{RawComparison, RawEntry};
use super::source::SourceFile;
use super::yaml::{self, Node};
use crate::diag::{suggest, Code, Diagnostic, Diagnostics, Location};

/// Where the front matter and body sit in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    /// Byte range of the YAML text, between the fences.
    pub yaml: (usize, usize),
    /// Byte offset where the Markdown body starts.
    pub body: usize,
}

/// A top-level key as written, with its byte offset in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// The key text.
    pub name: String,
    /// Byte offset of the key in the file.
    pub offset: usize,
}

/// Parsed front matter.
#[derive(Debug, Clone, PartialEq)]
pub enum FrontMatter {
    /// An entry.
    Entry(Box<RawEntry>),
    /// A comparison page.
    Comparison(Box<RawComparison>),
}

/// Splits `text` at its `---` fences. `None` (with a diagnostic) when the
/// file has no front matter or the block is never closed.
pub fn split(file: &SourceFile, diagnostics: &mut Diagnostics) -> Option<Split> {
    let text = &file.text;
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if !is_fence(&text[..first_end]) {
        let message = if text.trim().is_empty() {
            "the file is empty; an entry needs front matter between `---` lines"
        } else {
            "no front matter: the file must start with a `---` line"
        };
        diagnostics.push(
            Diagnostic::new(Code::MissingFrontMatter, &file.path, message)
                .at_offset(&file.index, text, 0, 3)
                .suggest("start the file with `---`, then `title:`, `kind:` and `summary:`, then `---`"),
        );
        return None;
    }
    let mut offset = first_end;
    while offset < text.len() {
        let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i + 1);
        if is_fence(&text[offset..end]) {
            return Some(Split { yaml: (first_end, offset), body: end });
        }
        offset = end;
    }
    diagnostics.push(
        Diagnostic::new(Code::UnclosedFrontMatter, &file.path, "the front matter opened here is never closed")
            .at_offset(&file.index, text, 0, 3)
            .suggest("add a line with `---` after the last front-matter key"),
    );
    None
}

fn is_fence(line: &str) -> bool {
    line.trim_end_matches(['\n', '\r', ' ', '\t']) == "---"
}

/// The top-level keys of a YAML block, found by reading lines: a key starts
/// at column 0. Used for unknown-key warnings and to point diagnostics at
/// the line that holds a value.
pub fn top_level_keys(text: &str, split: Split) -> Vec<Key> {
    let mut keys = Vec::new();
    let mut offset = split.yaml.0;
    for line in text[split.yaml.0..split.yaml.1].split_inclusive('\n') {
        if let Some(name) = key_of_line(line) {
            keys.push(Key { name, offset });
        }
        offset += line.len();
    }
    keys
}

fn key_of_line(line: &str) -> Option<String> {
    let first = line.chars().next()?;
    if first.is_whitespace() || matches!(first, '#' | '-' | '{' | '[' | '}' | ']') {
        return None;
    }
    let colon = line.find(':')?;
    let key = line[..colon].trim().trim_matches(['"', '\'']);
    (!key.is_empty()).then(|| key.to_owned())
}

/// Parses the YAML block into an entry or a comparison. Unknown keys are
/// warnings with a suggestion; syntax errors end reading the block, while a
/// field of the wrong shape is reported and left out, the others read.
pub fn parse(file: &SourceFile, split: Split, keys: &[Key], diagnostics: &mut Diagnostics) -> Option<FrontMatter> {
    let yaml = &file.text[split.yaml.0..split.yaml.1];
    // Built once: collected and sorted for every file it was 0.5 % of a
    // 10k-entry build's CPU.
    static KNOWN: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let known = KNOWN.get_or_init(fields::known_keys);
    let node = match yaml::parse(yaml, yaml::budget_for(yaml.len()), known) {
        Ok(node) => node,
        Err(failure) if failure.error.to_string().contains(yaml::TOO_LARGE) => {
            diagnostics.push(too_large(file, split, keys, &failure));
            return None;
        }
        Err(failure) => {
            diagnostics.push(yaml_diagnostic(file, split, keys, &failure.error));
            return None;
        }
    };
    let map = match node {
        Node::Map(mut map) => {
            // Raw controls are gone since `load::controls`; what is left can
            // only come from a YAML escape, which needs a backslash.
            if yaml.contains('\\') {
                strip_escaped_controls(file, keys, &mut map, diagnostics);
            }
            map
        }
        Node::Null => Vec::new(),
        _ => {
            diagnostics.push(
                Diagnostic::new(Code::InvalidYaml, &file.path, "front matter must be `key: value` lines")
                    .at_offset(&file.index, &file.text, split.yaml.0, 1)
                    .suggest("start with `title: …` on its own line"),
            );
            return None;
        }
    };
    let is_comparison = map.iter().any(|(key, _)| key == "compare");
    let spots = Spots::new(file, keys, split.yaml.1);
    if is_comparison {
        warn_unknown_keys(file, keys, &fields::names(COMPARISON_FIELDS), diagnostics);
        let raw: RawComparison = fields::read(COMPARISON_FIELDS, &map, &spots, diagnostics);
        Some(FrontMatter::Comparison(Box::new(raw)))
    } else {
        warn_unknown_keys(file, keys, &fields::names(ENTRY_FIELDS), diagnostics);
        let raw: RawEntry = fields::read(ENTRY_FIELDS, &map, &spots, diagnostics);
        Some(FrontMatter::Entry(Box::new(raw)))
    }
}

fn warn_unknown_keys(file: &SourceFile, keys: &[Key], allowed: &[&str], diagnostics: &mut Diagnostics) {
    for key in keys.iter().filter(|k| !allowed.contains(&k.name.as_str())) {
        let hint = suggest::closest(&key.name, allowed.iter().copied()).map(|s| format!("did you mean `{s}`?"));
        diagnostics.push(
            Diagnostic::new(Code::UnknownField, &file.path, format!("unknown front-matter key `{}`", key.name))
                .at_offset(&file.index, &file.text, key.offset, key.name.chars().count())
                .maybe_suggest(hint),
        );
    }
}

fn yaml_diagnostic(file: &SourceFile, split: Split, keys: &[Key], error: &serde_yaml::Error) -> Diagnostic {
    let first_line = file.index.location(&file.text, split.yaml.0).line;
    let full = error.to_string();
    // serde_yaml writes positions relative to the block (" at line L column C");
    // we report file positions ourselves, so they leave the message.
    let (text, marks) = strip_marks(&full);
    let diagnostic = Diagnostic::new(Code::InvalidYaml, &file.path, format!("invalid front matter: {text}"));
    if let Some(second) = duplicate_key(&text).and_then(|name| keys.iter().filter(|k| k.name == name).nth(1)) {
        return diagnostic
            .at_offset(&file.index, &file.text, second.offset, second.name.chars().count())
            .suggest(format!("`{}` is set twice; keep one", second.name));
    }
    // An unclosed quote is reported where it opens, not at the end of the block.
    let mark = match (text.contains("while scanning a quoted scalar"), marks.last()) {
        (true, Some(&opening)) => Some(opening),
        _ => error.location().map(|m| (m.line(), m.column())),
    };
    let Some((mark_line, mark_column)) = mark else {
        return diagnostic.at_offset(&file.index, &file.text, split.yaml.0, 1);
    };
    let line = (first_line + mark_line.saturating_sub(1)).min(file.index.lines());
    let location = Location { line, column: mark_column.max(1) };
    let snippet = file.index.line_text(&file.text, line).map(|l| l.chars().take(crate::diag::SNIPPET_CHARS).collect());
    let hint = yaml_hint(&text, &file.text, line, &file.index).or_else(|| {
        text.contains("while scanning a quoted scalar").then(|| "close the quote that starts here".to_owned())
    });
    diagnostic.at(location, snippet, 1).maybe_suggest(hint)
}

/// Control characters written as YAML escapes, removed like those in the
/// text (`load::controls`), one warning per top-level key that had some.
fn strip_escaped_controls(file: &SourceFile, keys: &[Key], map: &mut [(String, Node)], diagnostics: &mut Diagnostics) {
    for (name, value) in map.iter_mut() {
        let removed = value.strip_invisible();
        if removed == 0 {
            continue;
        }
        let message = format!("`{name}` writes {removed} invisible control character(s) as escapes; removed");
        let mut d = Diagnostic::new(Code::ControlCharacter, &file.path, message)
            .suggest("delete the `\\e`, `\\x..` or `\\u....` escapes; they can rewrite a terminal or break pages");
        if let Some(key) = keys.iter().find(|k| &k.name == name) {
            d = d.at_offset(&file.index, &file.text, key.offset, key.name.chars().count());
        }
        diagnostics.push(d);
    }
}

/// A front matter whose anchors and aliases expand past its budget: at the
/// key whose value did, else where serde_yaml stopped.
fn too_large(file: &SourceFile, split: Split, keys: &[Key], failure: &yaml::Failure) -> Diagnostic {
    let message = format!(
        "the front matter expands to more than {} KB (through `*alias` repetitions or very long values)",
        yaml::budget_for(split.yaml.1 - split.yaml.0) / 1024
    );
    let diagnostic = Diagnostic::new(Code::FrontMatterTooLarge, &file.path, message)
        .suggest("write the values out instead of repeating `*alias`es; put long text in the body");
    if let Some(key) = failure.key.as_ref().and_then(|name| keys.iter().find(|k| &k.name == name)) {
        return diagnostic.at_offset(&file.index, &file.text, key.offset, key.name.chars().count());
    }
    let Some(mark) = failure.error.location() else {
        return diagnostic.at_offset(&file.index, &file.text, split.yaml.0, 1);
    };
    let first_line = file.index.location(&file.text, split.yaml.0).line;
    let line = (first_line + mark.line().saturating_sub(1)).min(file.index.lines());
    let start = file.index.line_start(line).unwrap_or(split.yaml.0);
    let column = file.text[start..].char_indices().nth(mark.column().saturating_sub(1));
    diagnostic.at_offset(&file.index, &file.text, column.map_or(start, |(i, _)| start + i), 1)
}

/// Removes every " at line L column C" from a serde_yaml message and returns
/// the positions, in order.
fn strip_marks(message: &str) -> (String, Vec<(usize, usize)>) {
    let mut text = String::with_capacity(message.len());
    let mut marks = Vec::new();
    let mut rest = message;
    while let Some(at) = rest.find(" at line ") {
        text.push_str(&rest[..at]);
        let after = &rest[at + " at line ".len()..];
        match number(after).and_then(|(line, tail)| {
            let (column, tail) = number(tail.strip_prefix(" column ")?)?;
            Some((line, column, tail))
        }) {
            Some((line, column, tail)) => {
                marks.push((line, column));
                rest = tail;
            }
            None => {
                text.push_str(" at line ");
                rest = after;
            }
        }
    }
    text.push_str(rest);
    (text, marks)
}

/// A leading decimal number and what follows it.
fn number(text: &str) -> Option<(usize, &str)> {
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    text[..digits].parse::<usize>().ok().map(|n| (n, &text[digits..]))
}

/// The key named by serde's "duplicate field `x`" message.
fn duplicate_key(message: &str) -> Option<&str> {
    let start = message.find("duplicate field `")? + "duplicate field `".len();
    let end = start + message[start..].find('`')?;
    Some(&message[start..end])
}

fn yaml_hint(message: &str, text: &str, line: usize, index: &crate::diag::LineIndex) -> Option<String> {
    if message.contains("recursion limit exceeded") {
        return Some("the front matter nests too deeply; front matter holds plain lists and maps".into());
    }
    if message.contains("repetition limit exceeded") {
        return Some("too many `*alias` repetitions; write the values out".into());
    }
    let content = index.line_text(text, line)?;
    if content.contains('\t') {
        return Some("YAML does not allow tabs for indentation; use spaces".into());
    }
    let value = content.split_once(": ").map(|(_, v)| v.trim())?;
    if value.contains(": ") && !value.starts_with(['"', '\'']) {
        return Some("a value containing `: ` must be quoted".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("content/x.md".into(), "x.md".into(), text.into())
    }

    fn parse_text(text: &str) -> (Option<FrontMatter>, Vec<Diagnostic>) {
        let file = file(text);
        let mut diagnostics = Diagnostics::new();
        let parsed = split(&file, &mut diagnostics).and_then(|s| {
            let keys = top_level_keys(&file.text, s);
            parse(&file, s, &keys, &mut diagnostics)
        });
        (parsed, diagnostics.finish(&Default::default()))
    }

    #[test]
    fn splits_with_bom_and_crlf() {
        let (parsed, diagnostics) = parse_text("\u{feff}---\r\ntitle: A\r\nkind: role\r\n---\r\nbody\r\n");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let Some(FrontMatter::Entry(entry)) = parsed else { panic!("not an entry") };
        assert_eq!(entry.title.as_deref(), Some("A"));
    }

    #[test]
    fn reports_yaml_errors_at_the_file_line() {
        let (_, diagnostics) = parse_text("---\ntitle: A\nkind: [role\nsummary: x\n---\n");
        assert_eq!(diagnostics[0].code, Code::InvalidYaml);
        assert!(diagnostics[0].location.unwrap().line >= 3, "{:?}", diagnostics[0]);
    }

    #[test]
    fn reports_wrong_types_at_the_value() {
        let (_, diagnostics) = parse_text("---\ntitle: A\ntags: 3\n---\n");
        assert_eq!(diagnostics[0].code, Code::InvalidField);
        assert_eq!(diagnostics[0].location, Some(Location { line: 3, column: 7 }));
        assert_eq!(diagnostics[0].message, "`tags` must be a list, like `tags: [a, b]`");
    }

    #[test]
    fn warns_about_unknown_keys_with_a_suggestion() {
        let (_, diagnostics) = parse_text("---\ntitle: A\nsumary: x\n---\n");
        assert_eq!(diagnostics[0].code, Code::UnknownField);
        assert_eq!(diagnostics[0].suggestion.as_deref(), Some("did you mean `summary`?"));
        assert_eq!(diagnostics[0].location.unwrap().line, 3);
    }

    #[test]
    fn reports_missing_and_unclosed_fences() {
        assert_eq!(parse_text("title: A\n").1[0].code, Code::MissingFrontMatter);
        assert_eq!(parse_text("").1[0].code, Code::MissingFrontMatter);
        assert_eq!(parse_text("---\ntitle: A\n").1[0].code, Code::UnclosedFrontMatter);
    }

    #[test]
    fn reports_duplicate_keys() {
        let (_, diagnostics) = parse_text("---\ntitle: A\ntitle: B\n---\n");
        assert_eq!(diagnostics[0].code, Code::InvalidYaml);
        assert!(diagnostics[0].message.contains("duplicate"), "{}", diagnostics[0].message);
    }

    #[test]
    fn issue_6_points_duplicate_keys_and_unclosed_quotes_at_the_cause() {
        let (_, diagnostics) = parse_text("---\ntitle: A\nkind: role\ntitle: B\n---\n");
        assert_eq!(diagnostics[0].location, Some(Location { line: 4, column: 1 }));
        assert_eq!(diagnostics[0].suggestion.as_deref(), Some("`title` is set twice; keep one"));
        let (_, diagnostics) = parse_text("---\ntitle: \"Open\nkind: role\n---\n");
        assert_eq!(diagnostics[0].location, Some(Location { line: 2, column: 8 }));
        assert!(!diagnostics[0].message.contains(" at line "), "{}", diagnostics[0].message);
        assert_eq!(diagnostics[0].suggestion.as_deref(), Some("close the quote that starts here"));
    }

    #[test]
    fn issue_6_strips_every_position_from_yaml_messages() {
        let (text, marks) = strip_marks("x at line 4 column 1, while y at line 1 column 8");
        assert_eq!((text.as_str(), marks), ("x, while y", vec![(4, 1), (1, 8)]));
        assert_eq!(strip_marks("odd at line x").0, "odd at line x");
    }

    #[test]
    fn treats_empty_front_matter_as_empty() {
        let (parsed, diagnostics) = parse_text("---\n---\nbody");
        assert!(diagnostics.is_empty());
        assert!(matches!(parsed, Some(FrontMatter::Entry(_))));
    }
}
