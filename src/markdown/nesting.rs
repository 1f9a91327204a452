//! A depth limit for rendered Markdown. CommonMark lets `>`, `-` and
//! emphasis nest without bound, and every HTML tree builder downstream (the
//! sanitizer's, the browser's) pays for depth on each element: 10 000 nested
//! lists cost seconds, 100 000 unclosed `<span>`s half a minute. Elements
//! deeper than [`MAX_DEPTH`] are flattened: their text stays, in the deepest
//! element kept. Raw HTML that would open more than [`MAX_RAW_DEPTH`]
//! elements is shown as text instead.

use pulldown_cmark::Event;

/// The deepest element nesting a body renders with.
pub const MAX_DEPTH: usize = 64;

/// Drops the start and end events of elements nested deeper than [`MAX_DEPTH`].
pub fn cap<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut cap = Cap::default();
    events.filter(|event| cap.keep(event)).collect()
}

/// The depth limit applied one event at a time (see [`cap`]).
#[derive(Debug, Default)]
pub struct Cap {
    /// For each open element, whether its start was kept.
    kept: Vec<bool>,
    depth: usize,
}

impl Cap {
    /// Whether an event stays: false for the start and end of an element
    /// deeper than [`MAX_DEPTH`].
    pub fn keep(&mut self, event: &Event<'_>) -> bool {
        match event {
            Event::Start(_) => {
                let keep = self.depth < MAX_DEPTH;
                self.kept.push(keep);
                self.depth += usize::from(keep);
                keep
            }
            Event::End(_) => {
                let keep = self.kept.pop().unwrap_or(true);
                self.depth -= usize::from(keep && self.depth > 0);
                keep
            }
            _ => true,
        }
    }
}

/// The most raw-HTML elements a body may leave open at once.
pub const MAX_RAW_DEPTH: usize = 256;

/// Elements that never hold content, so never stay open.
const VOID: &[&str] =
    &["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"];

/// Counts the raw-HTML elements a body leaves open, as an upper bound of
/// the depth they add (a closing tag counts as closing one, whatever it is).
#[derive(Debug, Default)]
pub struct RawDepth {
    open: usize,
}

impl RawDepth {
    /// Whether a raw HTML piece may pass as HTML: false when it would leave
    /// more than [`MAX_RAW_DEPTH`] elements open (it is then shown as text).
    pub fn admit(&mut self, html: &str) -> bool {
        let (opens, closes) = count_tags(html);
        let after = (self.open + opens).saturating_sub(closes);
        if after > MAX_RAW_DEPTH && opens > 0 {
            return false;
        }
        self.open = after;
        true
    }
}

/// Opening (non-void, not self-closing) and closing tags in a piece of HTML.
fn count_tags(html: &str) -> (usize, usize) {
    let (mut opens, mut closes) = (0, 0);
    for (index, _) in html.match_indices('<') {
        let rest = &html[index + 1..];
        if rest.starts_with('/') {
            closes += 1;
            continue;
        }
        let name_len = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
        if name_len == 0 {
            continue;
        }
        let name = rest[..name_len].to_ascii_lowercase();
        let self_closing = rest.find('>').is_some_and(|end| rest[..end].ends_with('/'));
        if !self_closing && !VOID.contains(&name.as_str()) {
            opens += 1;
        }
    }
    (opens, closes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use pulldown_cmark::{html, Parser};

    fn render(markdown: &str) -> String {
        let mut out = String::new();
        html::push_html(&mut out, cap(Parser::new(markdown)).into_iter());
        out
    }

    #[test]
    fn shallow_markdown_is_unchanged() {
        let markdown = "> - a\n>   - *b*\n";
        let mut plain = String::new();
        html::push_html(&mut plain, Parser::new(markdown));
        assert_eq!(render(markdown), plain);
    }

    #[test]
    fn deep_nesting_is_flattened_but_keeps_its_text() {
        let html = render(&format!("{} deep\n", ">".repeat(10_000)));
        assert_eq!(html.matches("<blockquote>").count(), MAX_DEPTH);
        assert_eq!(html.matches("</blockquote>").count(), MAX_DEPTH);
        assert!(html.contains("deep"));
        let html = render(&format!("{}x\n", "- ".repeat(10_000)));
        assert_eq!(html.matches("<ul>").count(), html.matches("</ul>").count());
        assert!(html.matches("<ul>").count() <= MAX_DEPTH);
    }

    #[test]
    fn raw_html_may_open_only_so_many_elements() {
        let mut depth = RawDepth::default();
        assert!(depth.admit("<div class=\"a\"><br><img src=x/><b>"));
        assert_eq!(depth.open, 2);
        assert!(depth.admit("</b></div><!-- c -->"));
        assert_eq!(depth.open, 0);
        for _ in 0..MAX_RAW_DEPTH {
            assert!(depth.admit("<span>"));
        }
        assert!(!depth.admit("<span>"), "one more would pass the limit");
        assert!(depth.admit("</span>"), "closing is always fine");
        assert!(depth.admit("<i>"));
    }
}
