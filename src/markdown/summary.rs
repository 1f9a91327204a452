//! The first real paragraph of a Markdown body, trimmed to one or two
//! sentences: the summary an imported entry (or a lenient site) falls back on.
//!
//! "Real" means prose: images and badges, call-outs and block quotes, HTML,
//! headings, tables, code and Obsidian comments are skipped.

use crate::markdown::links::markdown_options;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// Longest summary kept, in characters, before it is cut at a word.
const MAX_CHARS: usize = 280;

/// A first sentence shorter than this gets the second one too.
const SHORT_SENTENCE: usize = 90;

/// The summary taken from `body`, or `None` when it has no prose paragraph.
pub fn from_body(body: &str) -> Option<String> {
    from_body_with(body, true)
}

/// Like [`from_body`], but quotes never count (for bodies whose call-outs
/// are already converted into quotes).
pub fn from_prose(body: &str) -> Option<String> {
    from_body_with(body, false)
}

fn from_body_with(body: &str, quotes: bool) -> Option<String> {
    let body = strip_comments(body);
    let quoted = || if quotes { first_paragraph(&body, true) } else { None };
    first_paragraph(&body, false).or_else(quoted).map(|p| trim_sentences(&p))
}

/// Removes Obsidian `%% … %%` comments, code or not (only used for finding
/// prose, never for rewriting a body).
fn strip_comments(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(start) = rest.find("%%") {
        out.push_str(&rest[..start]);
        match rest[start + 2..].find("%%") {
            Some(end) => rest = &rest[start + 2 + end + 2..],
            None => return out,
        }
    }
    out.push_str(rest);
    out
}

/// The plain text of the first top-level paragraph with prose in it; with
/// `quotes`, paragraphs of block quotes count too, except call-out titles.
fn first_paragraph(body: &str, quotes: bool) -> Option<String> {
    let mut depth = 0usize; // containers: lists, tables, footnotes (and quotes)
    let mut quote = 0usize;
    let mut in_paragraph = false;
    let mut first = false;
    let mut own_text = false;
    let mut in_link = 0usize;
    let mut skip = false;
    let mut in_image = 0usize;
    let mut text = String::new();
    for event in Parser::new_ext(body, markdown_options()) {
        match event {
            Event::Start(Tag::BlockQuote(_)) if quotes => quote += 1,
            Event::End(TagEnd::BlockQuote(_)) if quotes => quote = quote.saturating_sub(1),
            Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::Table(_) | Tag::FootnoteDefinition(_)) => depth += 1,
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Table | TagEnd::FootnoteDefinition) => {
                depth = depth.saturating_sub(1);
            }
            Event::Start(Tag::Paragraph) if depth == 0 => {
                in_paragraph = true;
                first = true;
                own_text = false;
                skip = false;
                text.clear();
            }
            // A call-out title, once converted, is a quote starting in bold.
            Event::Start(Tag::Strong) if in_paragraph && first && quote > 0 => skip = true,
            Event::End(TagEnd::Paragraph) if in_paragraph => {
                in_paragraph = false;
                let clean = collapse(&text);
                // A paragraph that is only links ("See [[X]]" aside) is navigation.
                if !skip && own_text && is_prose(&clean) {
                    return Some(clean);
                }
            }
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::InlineHtml(_) if in_paragraph && collapse(&text).is_empty() => skip = true,
            Event::Start(Tag::Link { .. }) => in_link += 1,
            Event::End(TagEnd::Link) => in_link = in_link.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if in_paragraph && in_image == 0 => {
                first = false;
                own_text |= in_link == 0 && t.chars().any(char::is_alphanumeric);
                text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak if in_paragraph => text.push(' '),
            _ => {}
        }
    }
    None
}

/// Prose has a letter, is not a bare URL, a tag line or a call-out marker.
fn is_prose(text: &str) -> bool {
    if !text.chars().any(char::is_alphabetic) || text.starts_with("[!") {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let all_tags = words.iter().all(|w| w.starts_with('#') && w.len() > 1);
    let bare_url = words.len() == 1 && (text.starts_with("http://") || text.starts_with("https://"));
    !all_tags && !bare_url
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first sentence, plus the second when the first is short; cut at a
/// word past [`MAX_CHARS`].
fn trim_sentences(text: &str) -> String {
    let ends = sentence_ends(text);
    let cut = match ends.as_slice() {
        [first, second, ..] if *first < SHORT_SENTENCE => *second,
        [first, ..] => *first,
        [] => text.len(),
    };
    let chosen = text[..cut].trim();
    if chosen.chars().count() <= MAX_CHARS {
        return chosen.to_owned();
    }
    let mut out = String::new();
    for word in chosen.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > MAX_CHARS {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.trim_end_matches([',', ';', ':']).to_owned() + "…"
}

/// Byte offsets just past each sentence end: `.`, `!` or `?` followed by a
/// space and a capital or digit, not after a common abbreviation.
fn sentence_ends(text: &str) -> Vec<usize> {
    const ABBREVIATIONS: &[&str] = &["e.g.", "i.e.", "etc.", "vs.", "cf.", "approx.", "incl.", "Mr.", "Dr."];
    let mut ends = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(at, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let next_is_space = chars.get(i + 1).is_some_and(|&(_, n)| n == ' ');
        let then_capital = chars.get(i + 2).is_some_and(|&(_, n)| n.is_uppercase() || n.is_ascii_digit());
        let end = at + c.len_utf8();
        let word_start = text[..end].rfind(' ').map_or(0, |s| s + 1);
        let abbreviation = ABBREVIATIONS.iter().any(|a| text[word_start..end].eq_ignore_ascii_case(a));
        if next_is_space && then_capital && !abbreviation {
            ends.push(end);
        }
    }
    if !text.ends_with(['.', '!', '?']) || ends.last() != Some(&text.len()) {
        ends.push(text.len());
    }
    ends
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_badges_headings_callouts_comments_and_html() {
        let body = "# Title\n\n[![badge](b.svg)](x) ![[logo.png|100]]\n\n> [!info] Note\n> quoted\n\n%% hidden %%\n\n<span>html</span> first\n\nThe real thing. It continues here.\n";
        assert_eq!(from_body(body).as_deref(), Some("The real thing. It continues here."));
    }

    #[test]
    fn keeps_one_long_sentence_or_two_short_ones() {
        let long =
            "A long first sentence that goes on and on about data platforms and the people who build them. Second.";
        assert_eq!(
            trim_sentences(long),
            "A long first sentence that goes on and on about data platforms and the people who build them."
        );
        assert_eq!(trim_sentences("Short one. Then another. And a third."), "Short one. Then another.");
        assert_eq!(trim_sentences("Use e.g. Spark here. Next."), "Use e.g. Spark here. Next.");
    }

    #[test]
    fn cuts_very_long_sentences_at_a_word() {
        let text = "word ".repeat(100);
        let summary = trim_sentences(text.trim());
        assert!(summary.ends_with('…') && summary.chars().count() <= MAX_CHARS + 1, "{summary}");
    }

    #[test]
    fn falls_back_on_a_quote_but_not_on_a_callout() {
        assert_eq!(from_body("> A quoted definition.\n> - Someone\n").as_deref(), Some("A quoted definition."));
        assert_eq!(from_body("> [!faq]- Title\n> text\n"), None);
        assert_eq!(from_body("> **FAQ: Title**\n>\n> [[x|X]]: a summary\n").as_deref(), Some("X: a summary"));
    }

    #[test]
    fn finds_nothing_in_a_body_without_prose() {
        assert_eq!(from_body("## Only a heading\n\n- a list\n\n```\ncode\n```\n"), None);
        assert_eq!(from_body("https://example.com\n"), None);
        assert_eq!(from_body("[[What does a Data Engineer do|What does a Data Engineer do?]]\n"), None);
    }

    #[test]
    fn joins_hard_breaks_and_link_text() {
        let body = "[DuckDB](https://duckdb.org/) is an in-process  \nSQL OLAP [[Database|database]].";
        assert_eq!(from_body(body).as_deref(), Some("DuckDB is an in-process SQL OLAP database."));
    }
}
