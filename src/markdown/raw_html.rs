//! What the raw-HTML allow-list (`render::sanitize`) will drop from a body,
//! known while parsing, so `resolve` can report it (`raw-html-removed`) and
//! so an element that would swallow the rest of the page never gets the
//! chance.
//!
//! HTML parsers read the content of some elements as plain text up to their
//! closing tag (`<style>`, `<script>`, `<textarea>`, `<title>`, `<iframe>`,
//! `<noscript>`, `<xmp>`, `<noembed>`, `<noframes>`), keep `<template>`
//! content apart, and read everything after `<plaintext>` as text. One such
//! tag left open in a paragraph would make the sanitizer delete, or show as
//! escaped markup, the whole rest of the body. So an opening tag of these
//! whose closing tag does not follow in the same Markdown block is cut out
//! of the HTML (it is kept only where the site trusts raw HTML): the text
//! after it stays text.
//!
//! Every other opening tag the allow-list drops is cut out the same way,
//! closed or not: the sanitizer would drop the tag and keep its text, except
//! that it drops SVG and MathML content whole, and with it any element named
//! like one (`<text>`, `<mtext>`, `<desc>`, `<set>`…), which once opened in a
//! paragraph holds the rest of the page; and `<math><mtext><table>` never
//! returns to HTML however it is closed.

use std::collections::HashSet;
use std::sync::LazyLock;

/// Tags the allow-list keeps beyond ammonia's defaults (the sanitizer adds
/// them too).
pub const EXTRA_TAGS: &[&str] = &["input", "section"];

/// Elements whose content the HTML parser does not read as markup.
const SWALLOWING: &[&str] = &[
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "script",
    "style",
    "template",
    "textarea",
    "title",
    "xmp",
];

/// Elements that start an HTML block running to their closing tag, however
/// many blank lines come first (CommonMark's HTML block start condition 1).
const TO_CLOSING_TAG: &[&str] = &["pre", "script", "style", "textarea"];

static KEPT: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    let mut tags = ammonia::Builder::default().clone_tags();
    tags.extend(EXTRA_TAGS.iter().copied());
    tags
});

/// Whether the allow-list keeps elements named `name` (lower-case).
pub fn is_kept(name: &str) -> bool {
    KEPT.contains(name)
}

/// Whether `name` (lower-case) reads its content as text.
pub fn swallows(name: &str) -> bool {
    SWALLOWING.contains(&name)
}

/// One tag in a piece of raw HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// Byte range of the whole tag in the piece.
    pub range: std::ops::Range<usize>,
    /// The element name, lower-case.
    pub name: String,
    /// `</name>`.
    pub closing: bool,
}

/// The tags of a piece of raw HTML, in order (comments, declarations and
/// processing instructions are skipped; a tag not closed by `>` runs to the
/// end of the piece).
pub fn tags(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(lt) = memchr::memchr(b'<', &bytes[at..]).map(|i| at + i) {
        if bytes[lt..].starts_with(b"<!--") {
            at = memchr::memmem::find(&bytes[lt + 4..], b"-->").map_or(bytes.len(), |i| lt + 4 + i + 3);
            continue;
        }
        let closing = bytes.get(lt + 1) == Some(&b'/');
        let name_start = lt + 1 + usize::from(closing);
        let name_len = bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            at = lt + 1;
            continue;
        }
        let end = tag_end(bytes, name_start + name_len);
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        found.push(Tag { range: lt..end, name, closing });
        at = end;
    }
    found
}

/// The end of a tag whose name ends at `from`: after its `>`, outside quotes.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    for (index, &byte) in bytes.iter().enumerate().skip(from) {
        match (quote, byte) {
            (None, b'"' | b'\'') => quote = Some(byte),
            (Some(q), _) if q == byte => quote = None,
            (None, b'>') => return index + 1,
            _ => {}
        }
    }
    bytes.len()
}

/// Whether an opening `<name` tag ending at byte `after` of `source` is
/// closed before its Markdown block ends: before the next blank line, or
/// anywhere later for a block that runs to its closing tag.
pub fn is_closed_in_block(source: &str, after: usize, name: &str, html_block: bool) -> bool {
    if name == "plaintext" {
        return false;
    }
    let rest = source.get(after..).unwrap_or("");
    let block = if html_block && TO_CLOSING_TAG.contains(&name) { rest } else { &rest[..block_end(rest)] };
    let closing = format!("</{name}");
    block.as_bytes().windows(closing.len()).any(|w| w.eq_ignore_ascii_case(closing.as_bytes()))
}

/// The byte offset of the first blank line in `text` (or its end).
fn block_end(text: &str) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if offset > 0 && line.trim().is_empty() {
            return offset;
        }
        offset += line.len();
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_tags_but_not_comments_or_text() {
        let found = tags("a <b class=\"x>y\">c</B><!-- <i> --> 1 < 2 <style");
        let names: Vec<(&str, bool)> = found.iter().map(|t| (t.name.as_str(), t.closing)).collect();
        assert_eq!(names, [("b", false), ("b", true), ("style", false)]);
        assert_eq!(found[0].range, 2..17);
        assert_eq!(found[2].range.end, "a <b class=\"x>y\">c</B><!-- <i> --> 1 < 2 <style".len());
    }

    #[test]
    fn tells_kept_and_swallowing_elements() {
        assert!(is_kept("b") && is_kept("input") && !is_kept("script") && !is_kept("form"));
        assert!(swallows("style") && swallows("textarea") && !swallows("b"));
    }

    #[test]
    fn a_closing_tag_counts_only_in_the_same_block() {
        let source = "x <style> y </STYLE> z\n\nmore";
        assert!(is_closed_in_block(source, 9, "style", false));
        let source = "x <style> y\n\nz </style>";
        assert!(!is_closed_in_block(source, 9, "style", false));
        assert!(is_closed_in_block(source, 9, "style", true));
        assert!(!is_closed_in_block("<plaintext></plaintext>", 11, "plaintext", true));
    }
}
