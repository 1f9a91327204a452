//! Byte offsets to 1-based line and column, computed only when reported.

use serde::Serialize;

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
}

/// The byte offset at which each line of a text starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`; `\r\n` and `\n` both end a line.
    pub fn new(text: &str) -> Self {
        // Counted first (memchr is cheap) so the vector is allocated once:
        // every content file is indexed as it is read.
        let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
        let mut starts = Vec::with_capacity(lines + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// The line and column of byte `offset` (clamped into the text).
    pub fn location(&self, text: &str, offset: usize) -> Location {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = text[start..offset].chars().count() + 1;
        Location { line, column }
    }

    /// The byte offset of the start of 1-based `line`, if it exists.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        line.checked_sub(1).and_then(|i| self.starts.get(i).copied())
    }

    /// The text of 1-based `line` without its line ending.
    pub fn line_text<'t>(&self, text: &'t str, line: usize) -> Option<&'t str> {
        let start = self.line_start(line)?;
        let end = self.starts.get(line).map_or(text.len(), |&e| e);
        text.get(start..end).map(|l| l.trim_end_matches(['\n', '\r']))
    }

    /// Number of lines.
    pub fn lines(&self) -> usize {
        self.starts.len()
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_offsets_to_lines_and_character_columns() {
        let text = "ab\r\nçd\nx";
        let index = LineIndex::new(text);
        assert_eq!(index.location(text, 0), Location { line: 1, column: 1 });
        assert_eq!(index.location(text, 4), Location { line: 2, column: 1 });
        assert_eq!(index.location(text, 6), Location { line: 2, column: 2 });
        assert_eq!(index.location(text, 99), Location { line: 3, column: 2 });
        assert_eq!(index.line_text(text, 1), Some("ab"));
        assert_eq!(index.line_text(text, 3), Some("x"));
        assert_eq!(index.line_text(text, 4), None);
    }
}
