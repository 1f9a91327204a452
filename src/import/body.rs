//! Rewriting a body by byte ranges: where code, tables and HTML sit (so
//! code is never touched), and applying a list of non-overlapping edits.

use crate::markdown::links::markdown_options;
use pulldown_cmark::{Event, Parser, Tag};
use std::ops::Range;

/// Replace `range` of the body with `text` (an empty range inserts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Byte range in the body.
    pub range: Range<usize>,
    /// Replacement.
    pub text: String,
}

impl Edit {
    /// An edit.
    pub fn new(range: Range<usize>, text: impl Into<String>) -> Edit {
        Edit { range, text: text.into() }
    }
}

/// Applies edits in order of position; an edit overlapping an earlier one
/// is skipped, so nothing is ever garbled.
pub fn apply(text: &str, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in edits {
        if edit.range.start < at || edit.range.end > text.len() || !text.is_char_boundary(edit.range.start) {
            continue;
        }
        out.push_str(&text[at..edit.range.start]);
        out.push_str(&edit.text);
        at = edit.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Where the blocks that need care are, as byte ranges.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// Fenced and indented code blocks, inline code spans.
    pub code: Vec<Range<usize>>,
    /// GFM tables.
    pub tables: Vec<Range<usize>>,
    /// HTML blocks.
    pub html: Vec<Range<usize>>,
}

impl Layout {
    /// Reads the layout of a body.
    pub fn of(body: &str) -> Layout {
        let mut layout = Layout::default();
        for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
            match event {
                Event::Start(Tag::CodeBlock(_)) | Event::Code(_) => layout.code.push(range),
                Event::Start(Tag::Table(_)) => layout.tables.push(range),
                Event::Start(Tag::HtmlBlock) => layout.html.push(range),
                _ => {}
            }
        }
        layout
    }

    /// Whether `at` is inside code.
    pub fn in_code(&self, at: usize) -> bool {
        self.code.iter().any(|r| r.contains(&at))
    }

    /// Whether `at` is inside a table.
    pub fn in_table(&self, at: usize) -> bool {
        self.tables.iter().any(|r| r.contains(&at))
    }

    /// Whether `at` is inside an HTML block.
    pub fn in_html(&self, at: usize) -> bool {
        self.html.iter().any(|r| r.contains(&at))
    }
}

/// Lines of `text` with their byte offsets (line text without `\n`).
pub fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |at, line| {
        let start = *at;
        *at += line.len();
        Some((start, line.trim_end_matches(['\n', '\r'])))
    })
}

/// Escapes text so Markdown shows it as written.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_edits_in_order_and_skips_overlaps() {
        let edits =
            vec![Edit::new(6..11, "there"), Edit::new(0..5, "Hi"), Edit::new(8..9, "X"), Edit::new(11..11, "!")];
        assert_eq!(apply("hello world", edits), "Hi there!");
    }

    #[test]
    fn finds_code_tables_and_html() {
        let body = "text `code` here\n\n```mermaid\nA[[x]]\n```\n\n| a |\n| - |\n| b |\n\n<div>\nx\n</div>\n";
        let layout = Layout::of(body);
        assert!(layout.in_code(body.find("code").unwrap_or(0)));
        assert!(layout.in_code(body.find("A[[x]]").unwrap_or(0)));
        assert!(!layout.in_code(0));
        assert!(layout.in_table(body.find("| b").unwrap_or(0)));
        assert!(layout.in_html(body.find("<div>").unwrap_or(0)));
    }
}
