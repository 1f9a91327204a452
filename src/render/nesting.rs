//! A depth limit for rendered Markdown. CommonMark lets `>`, `-` and
//! emphasis nest without bound, and every HTML tree builder downstream (the
//! sanitizer's, the browser's) pays for depth on each element: 10 000 nested
//! lists cost seconds. Elements deeper than [`MAX_DEPTH`] are flattened:
//! their text stays, in the deepest element kept.

use pulldown_cmark::Event;

/// The deepest element nesting a body renders with.
pub const MAX_DEPTH: usize = 64;

/// Drops the start and end events of elements nested deeper than [`MAX_DEPTH`].
pub fn cap<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut kept: Vec<bool> = Vec::new();
    let mut depth = 0;
    events
        .filter(|event| match event {
            Event::Start(_) => {
                let keep = depth < MAX_DEPTH;
                kept.push(keep);
                depth += usize::from(keep);
                keep
            }
            Event::End(_) => {
                let keep = kept.pop().unwrap_or(true);
                depth -= usize::from(keep && depth > 0);
                keep
            }
            _ => true,
        })
        .collect()
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
}
