//! Where a name under `links:` is written, so a diagnostic about one
//! relation points at that relation's line and underlines just the name.
//!
//! Front matter is only read as lines here: the relation key is found
//! inside the `links:` block (block or flow style), and the name inside
//! that key's value, as a whole token: `data-owner` is not found inside
//! `chief-data-owner`.

use super::model::{EntryId, KnowledgeBase};
use crate::load::{Document, FrontMatter};

/// The name as written under `links:` → `key:` that resolves to `target`.
pub(crate) fn written_name<'d>(
    document: &'d Document,
    kb: &KnowledgeBase,
    key: &str,
    target: EntryId,
) -> Option<&'d str> {
    let Some(FrontMatter::Entry(raw)) = &document.front else { return None };
    let names = raw.links.as_ref()?.get(key)?;
    names.names().iter().find(|n| kb.lookup(n) == Some(target)).map(String::as_str)
}

/// Byte offset and width in characters of `name` as written under
/// `links:` → `key:` for the `nth` (0-based) time, or for the first time
/// when it is not written that often (a name listed twice is reported
/// where it repeats); of `key` itself when `name` is empty.
pub(crate) fn find(document: &Document, key: &str, name: &str, nth: usize) -> Option<(usize, usize)> {
    let (block_start, block_end) = links_block(document)?;
    let text = &document.source.text;
    let block = &text[block_start..block_end];
    // Skip `links` itself: a relation may not be called that, but a name may contain it.
    let after_links = block.find(':').map_or(0, |i| i + 1);
    let key_at = after_links
        + find_token(&block[after_links..], key, |rest| {
            rest.trim_start_matches(['"', '\'']).trim_start().starts_with(':')
        })?;
    if name.is_empty() {
        return Some((block_start + key_at, key.chars().count()));
    }
    let value_start = key_at + key.len();
    let value_end = value_start + value_length(&block[value_start..], indent_of(block, key_at));
    let value = &block[value_start..value_end];
    let first = find_token(value, name, |_| true)?;
    let mut at = first;
    for _ in 0..nth {
        let from = at + name.len();
        match find_token(&value[from..], name, |_| true) {
            Some(next) => at = from + next,
            None => return Some((block_start + value_start + first, name.chars().count())),
        }
    }
    Some((block_start + value_start + at, name.chars().count()))
}

/// The byte range of the `links:` key and its value.
fn links_block(document: &Document) -> Option<(usize, usize)> {
    let position = document.keys.iter().position(|k| k.name == "links")?;
    let start = document.keys[position].offset;
    let end = document.keys.get(position + 1).map_or(document.body, |k| k.offset);
    (start < end && end <= document.source.text.len()).then_some((start, end))
}

/// Columns of white space before byte `at` on its line.
fn indent_of(text: &str, at: usize) -> usize {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..at];
    if line.trim().is_empty() {
        line.len()
    } else {
        // A key inside a flow mapping (`links: {a: [x]}`): its value ends with the line.
        usize::MAX
    }
}

/// How far a key's value reaches: to the next line indented no deeper than
/// the key that is not a list item of it (`- x` may sit at the key's own
/// indentation), or to the end of the line for a key in a flow mapping.
fn value_length(rest: &str, indent: usize) -> usize {
    let first_line = rest.find('\n').map_or(rest.len(), |i| i + 1);
    if indent == usize::MAX {
        return first_line;
    }
    let mut at = first_line;
    for line in rest[first_line..].split_inclusive('\n') {
        let content = line.trim_start_matches(' ');
        let depth = line.len() - content.len();
        let blank = content.trim().is_empty() || content.starts_with('#');
        if !blank && (depth < indent || depth == indent && !content.starts_with('-')) {
            break;
        }
        at += line.len();
    }
    at
}

/// The first occurrence of `token` in `text` that stands alone (not part of
/// a longer name) and whose remainder satisfies `then`.
fn find_token(text: &str, token: &str, then: impl Fn(&str) -> bool) -> Option<usize> {
    if token.is_empty() {
        return None;
    }
    let name_char = |c: char| c.is_alphanumeric() || matches!(c, '-' | '_');
    let mut from = 0;
    while let Some(i) = text[from..].find(token) {
        let at = from + i;
        let end = at + token.len();
        let before = text[..at].chars().next_back().is_none_or(|c| !name_char(c));
        let after = text[end..].chars().next().is_none_or(|c| !name_char(c));
        if before && after && then(&text[end..]) {
            return Some(at);
        }
        from = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;

    fn document(text: &str) -> Document {
        crate::load::parse_document("content/a.md".into(), "a.md".into(), text.into(), &mut Diagnostics::new())
    }

    fn at(text: &str, key: &str, name: &str) -> Option<(String, usize)> {
        let document = document(text);
        find(&document, key, name, 0).map(|(offset, width)| (text[offset..].chars().take(width).collect(), offset))
    }

    #[test]
    fn finds_the_name_under_its_own_relation() {
        let text = "---\ntitle: A\nlinks:\n  works_with: [data-owner]\n  contrasts_with:\n  - chief-data-owner\n  - data-owner\nsummary: s\n---\n";
        let (found, offset) = at(text, "contrasts_with", "data-owner").expect("found");
        assert_eq!(found, "data-owner");
        assert_eq!(offset, text.rfind("data-owner").expect("second"));
        assert_eq!(at(text, "contrasts_with", "").expect("key").0, "contrasts_with");
        assert_eq!(at(text, "see_also", "data-owner"), None);
    }

    #[test]
    fn reads_flow_mappings_and_quoted_names() {
        let text = "---\nlinks: {works_with: [Data Owner], contrasts_with: [\"Data Owner\"]}\n---\n";
        let (found, offset) = at(text, "contrasts_with", "Data Owner").expect("found");
        assert_eq!(found, "Data Owner");
        assert_eq!(offset, text.rfind("Data Owner").expect("second"));
    }

    #[test]
    fn finds_a_repeated_name_where_it_repeats() {
        let text = "---\nlinks:\n  works_with: [owner, Owner Two, owner]\n---\n";
        let document = document(text);
        assert_eq!(find(&document, "works_with", "owner", 1).map(|f| f.0), text.rfind("owner"));
        assert_eq!(find(&document, "works_with", "owner", 5).map(|f| f.0), text.find("owner"));
    }

    #[test]
    fn stops_at_the_next_relation() {
        let text = "---\nlinks:\n  contrasts_with: [x]\n  works_with:\n    - data-owner\n---\n";
        assert_eq!(at(text, "contrasts_with", "data-owner"), None);
        assert_eq!(at(text, "works_with", "data-owner").map(|f| f.0), Some("data-owner".to_owned()));
    }
}
