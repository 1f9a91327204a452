//! Markdown → HTML: the one place that renders bodies. Heading anchors match
//! the ones `resolve` recorded; entry links become relative URLs with the
//! data the hover preview needs; raw HTML is sanitized (see `sanitize`)
//! unless the site trusts it; script URLs are dropped.

use crate::resolve::body_links::{classify, markdown_options, Anchors, LinkDest};
use crate::resolve::{find_anchor, EntryId, KnowledgeBase};
use pulldown_cmark::{CowStr, Event, LinkType, Parser, Tag, TagEnd};
use std::fmt::Write as _;

/// What link rewriting needs to know about the page being rendered.
#[derive(Debug, Clone, Copy)]
pub struct LinkContext<'a> {
    /// The resolved site.
    pub kb: &'a KnowledgeBase,
    /// Prefix back to the site root.
    pub root: &'a str,
    /// The entry whose body this is, for `#fragment` links.
    pub current: Option<EntryId>,
    /// Pass raw HTML through instead of sanitizing it.
    pub trust_html: bool,
    /// Declared kinds, for the kind label in link previews.
    pub kinds: &'a [crate::config::KindDef],
}

/// What an opened link turned into, so its end tag matches.
enum Opened {
    Anchor,
    Span,
}

/// Renders a body to HTML.
pub fn render(body: &str, context: &LinkContext<'_>) -> String {
    let mut events: Vec<Event<'_>> = super::nesting::cap(Parser::new_ext(body, markdown_options()));
    assign_heading_ids(&mut events);
    let mut opened: Vec<Opened> = Vec::new();
    let mut raw_depth = super::nesting::RawDepth::default();
    let mut out = Vec::with_capacity(events.len());
    for event in events {
        out.push(match event {
            Event::Start(Tag::Link { link_type, dest_url, title, .. }) => {
                let (html, kind) = open_link(link_type, &dest_url, &title, context);
                opened.push(kind);
                Event::Html(html.into())
            }
            Event::End(TagEnd::Link) => match opened.pop() {
                Some(Opened::Span) => Event::Html("</span>".into()),
                _ => Event::Html("</a>".into()),
            },
            Event::Start(Tag::Image { link_type, dest_url, title, id })
                if crate::resolve::body_links::is_unsafe_url(&dest_url) =>
            {
                Event::Start(Tag::Image { link_type, dest_url: "".into(), title, id })
            }
            Event::Html(html) | Event::InlineHtml(html) if !context.trust_html && !raw_depth.admit(&html) => {
                Event::Text(html)
            }
            other => other,
        });
    }
    let mut html = String::with_capacity(body.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    super::sanitize::body(html, context.trust_html)
}

fn assign_heading_ids(events: &mut [Event<'_>]) {
    let mut anchors = Anchors::default();
    let mut index = 0;
    while index < events.len() {
        if let Event::Start(Tag::Heading { .. }) = &events[index] {
            let mut text = String::new();
            let mut end = index + 1;
            while end < events.len() && !matches!(events[end], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[end] {
                    text.push_str(t);
                }
                end += 1;
            }
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[index] {
                let anchor = anchors.claim(id.as_deref(), &text);
                *id = Some(CowStr::from(anchor));
            }
            index = end;
        }
        index += 1;
    }
}

fn open_link(link_type: LinkType, dest: &str, title: &str, context: &LinkContext<'_>) -> (String, Opened) {
    match classify(link_type, dest) {
        LinkDest::Entry { name, fragment } => entry_link(name, fragment, context),
        LinkDest::SamePage(fragment) => {
            let anchor = context
                .current
                .and_then(|id| find_anchor(&context.kb.entries[id].headings, fragment))
                .unwrap_or(fragment);
            (format!("<a href=\"#{}\">", escape(anchor)), Opened::Anchor)
        }
        LinkDest::Unsafe => ("<span class=\"unsafe-link\">".to_owned(), Opened::Span),
        LinkDest::Other => {
            let mut html = format!("<a href=\"{}\"", escape(dest));
            if !title.is_empty() {
                let _ = write!(html, " title=\"{}\"", escape(title));
            }
            html.push('>');
            (html, Opened::Anchor)
        }
    }
}

fn entry_link(name: &str, fragment: Option<&str>, context: &LinkContext<'_>) -> (String, Opened) {
    let kb = context.kb;
    let Some(id) = kb.lookup(name).filter(|&id| kb.is_published(id)) else {
        return ("<span class=\"unresolved-link\">".to_owned(), Opened::Span);
    };
    let entry = &kb.entries[id];
    let anchor = fragment.map(|f| find_anchor(&entry.headings, f).unwrap_or(f));
    let mut href = format!("{}{}", context.root, super::urls::entry(&entry.slug));
    if let Some(anchor) = anchor {
        href.push('#');
        href.push_str(anchor);
    }
    // The hover/focus preview reads title, kind and summary from here, so
    // previews need no download and work from file:// (issue 4).
    let kind = context.kinds.iter().find(|k| k.key == entry.kind).map_or(entry.kind.as_str(), |k| k.label.as_str());
    let html = format!(
        "<a class=\"xref\" href=\"{}\" data-slug=\"{}\" data-title=\"{}\" data-kind=\"{}\" data-summary=\"{}\">",
        escape(&href),
        escape(&entry.slug),
        escape(&entry.title),
        escape(kind),
        escape(&entry.summary)
    );
    (html, Opened::Anchor)
}

/// Escapes text for HTML text and double-quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_plain(body: &str, trust_html: bool) -> String {
        let kb = KnowledgeBase::default();
        render(body, &LinkContext { kb: &kb, root: "", current: None, trust_html, kinds: &[] })
    }

    #[test]
    fn sanitizes_raw_html_unless_trusted() {
        assert_eq!(render_plain("<script>alert(1)</script>", false), "");
        assert_eq!(render_plain("a <b onclick=x>b</b>", false), "<p>a <b>b</b></p>\n");
        assert!(render_plain("<b>x</b>", true).contains("<b>x</b>"));
    }

    #[test]
    fn drops_script_urls() {
        let html = render_plain("[x](javascript:alert(1)) ![i](javascript:alert(2))", false);
        assert!(!html.contains("javascript:"), "{html}");
    }

    #[test]
    fn gives_headings_unique_ids() {
        let html = render_plain("## A b\n\n## A b\n", false);
        assert!(html.contains("<h2 id=\"a-b\">") && html.contains("<h2 id=\"a-b-1\">"), "{html}");
    }
}
