//! Markdown → HTML: the one place that renders bodies. The body was parsed
//! once, at load (`markdown::body`, called by `load`), into an HTML template; this fills in its
//! links: entry links become relative URLs with the data the hover preview
//! needs, links to missing or draft entries plain text, script URLs inert.
//! Bodies with raw HTML are then sanitized (see `sanitize`) unless the site
//! trusts it; bodies without are safe by construction and skip the sanitizer.

use crate::markdown::links::{FoundLink, LinkDest};
use crate::markdown::{ParsedBody, Piece};
use crate::resolve::{find_anchor, EntryId, KnowledgeBase};

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
    /// Path inside `content/` of the body's file (`roles/a.md`): relative
    /// image and file references are resolved from its folder.
    pub content_path: &'a str,
}

/// What an opened link turned into, so its end tag matches.
enum Opened {
    Anchor,
    Span,
}

/// Renders a Markdown text to HTML, for tests: pages use [`render_parsed`]
/// with the one parse made at load.
#[cfg(test)]
pub(crate) fn render(body: &str, context: &LinkContext<'_>) -> String {
    render_parsed(&crate::markdown::body::parse(body), context)
}

/// Renders a parsed body to HTML.
pub fn render_parsed(parsed: &ParsedBody, context: &LinkContext<'_>) -> String {
    let mut html = String::with_capacity(parsed.html_len() + parsed.links.len() * 160);
    let mut opened: Vec<Opened> = Vec::new();
    for piece in parsed.pieces() {
        match piece {
            Piece::Html(text) => html.push_str(text),
            Piece::LinkStart(link) => opened.push(open_link(&mut html, link, context)),
            Piece::LinkEnd => html.push_str(match opened.pop() {
                Some(Opened::Span) => "</span>",
                _ => "</a>",
            }),
            Piece::Raw(raw) if context.trust_html => html.push_str(raw),
            Piece::Raw(raw) => push_body_text(&mut html, raw),
            Piece::Trusted(raw) if context.trust_html => html.push_str(raw),
            Piece::Trusted(_) => {}
            Piece::ImageSrc(image) => push_file_url(&mut html, &image.dest, true, context),
        }
    }
    let html = if parsed.needs_sanitizer && !context.trust_html { super::sanitize::clean(&html) } else { html };
    super::table_box::wrap_tables(html)
}

fn open_link(out: &mut String, link: &FoundLink, context: &LinkContext<'_>) -> Opened {
    match link.destination() {
        LinkDest::Entry { name, fragment } => entry_link(out, name, fragment, context),
        LinkDest::SamePage(fragment) => {
            let anchor = context
                .current
                .and_then(|id| find_anchor(&context.kb.entries[id].headings, fragment))
                .unwrap_or(fragment);
            out.push_str("<a href=\"#");
            push_attribute(out, anchor);
            out.push_str("\">");
            Opened::Anchor
        }
        LinkDest::Unsafe => {
            out.push_str("<span class=\"unsafe-link\">");
            Opened::Span
        }
        LinkDest::Other => {
            out.push_str("<a href=\"");
            push_file_url(out, &link.dest, false, context);
            if !link.title.is_empty() {
                out.push_str("\" title=\"");
                push_attribute(out, &link.title);
            }
            out.push_str("\">");
            Opened::Anchor
        }
    }
}

fn entry_link(out: &mut String, name: &str, fragment: Option<&str>, context: &LinkContext<'_>) -> Opened {
    let kb = context.kb;
    let Some(id) = kb.lookup(name).filter(|&id| kb.is_published(id)) else {
        out.push_str("<span class=\"unresolved-link\">");
        return Opened::Span;
    };
    let entry = &kb.entries[id];
    let deprecated = entry.status == crate::resolve::Status::Deprecated;
    out.push_str(if deprecated { "<a class=\"xref deprecated\" href=\"" } else { "<a class=\"xref\" href=\"" });
    push_attribute(out, context.root);
    push_attribute(out, &entry.slug);
    out.push_str(super::urls::ENTRY_SUFFIX);
    if let Some(fragment) = fragment {
        out.push('#');
        push_attribute(out, find_anchor(&entry.headings, fragment).unwrap_or(fragment));
    }
    // The hover/focus preview loads title, kind and summary by the slug,
    // which the script reads from the file name (`render::previews`): each
    // summary is written once per site, and no slug twice per link.
    out.push_str("\">");
    Opened::Anchor
}

/// Writes a link or image URL: a published file's URL from this page
/// (pages are flat, so the output path below the root does), anything else
/// as written.
fn push_file_url(out: &mut String, dest: &str, image: bool, context: &LinkContext<'_>) {
    // Most links are URLs: only a relative path needs the document's folder.
    let relative = crate::markdown::links::relative_path(dest).is_some();
    let document = || format!("{}/{}", crate::site_files::CONTENT_DIR, context.content_path);
    match relative.then(|| crate::resolve::assets::output_url(&context.kb.files, &document(), dest, image)).flatten() {
        Some(url) => {
            push_attribute(out, context.root);
            push_attribute(out, &url);
        }
        None => push_attribute(out, dest),
    }
}

/// Writes text as HTML body text, as the Markdown writer does (`&`, `<`, `>`).
fn push_body_text(out: &mut String, text: &str) {
    push_escaped(out, text, false);
}

/// Writes a double-quoted attribute value. `'` stays as it is, as the
/// sanitizer writes it, so a page is the same whichever path its body took.
fn push_attribute(out: &mut String, text: &str) {
    push_escaped(out, text, true);
}

fn push_escaped(out: &mut String, text: &str, quotes: bool) {
    push_entities(out, text, |byte| match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' if quotes => Some("&quot;"),
        _ => None,
    });
}

/// Escapes text for HTML text and double-quoted attributes.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_entities(&mut out, text, |byte| match byte {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    });
    out
}

/// Writes `text` with the ASCII bytes that `entity` names replaced. A byte
/// loop: decoding characters to find them costs more than the rest of
/// writing a link.
fn push_entities(out: &mut String, text: &str, entity: impl Fn(u8) -> Option<&'static str>) {
    let mut done = 0;
    for (at, byte) in text.bytes().enumerate() {
        if let Some(entity) = entity(byte) {
            // `at` is an ASCII byte, so a character boundary.
            out.push_str(&text[done..at]);
            out.push_str(entity);
            done = at + 1;
        }
    }
    out.push_str(&text[done..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render_plain(body: &str, trust_html: bool) -> String {
        let kb = KnowledgeBase::default();
        render(body, &LinkContext { kb: &kb, root: "", current: None, trust_html, content_path: "" })
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

    /// Start tags as (name, attributes), for checks on the output.
    fn attributes(html: &str) -> Vec<(String, String)> {
        let mut found = Vec::new();
        for tag in html.split('<').skip(1).filter_map(|t| t.split_once('>').map(|(inside, _)| inside)) {
            let mut rest = tag.split_once(' ').map_or("", |(_, r)| r);
            while let Some((name, after)) = rest.split_once("=\"") {
                let (value, after) = after.split_once('"').unwrap_or((after, ""));
                found.push((name.trim().to_owned(), value.to_owned()));
                rest = after;
            }
        }
        found
    }

    #[test]
    fn bodies_without_raw_html_skip_the_sanitizer_and_stay_safe() {
        let body = "# T {onclick=alert(1) .c}\n\n[x](javascript:alert(2)) <javascript:alert(3)> \
                    [y]( JaVa\tScript:alert(4)) ![i](data:text/html;base64,PHNjcmlwdD4=) \
                    ![j](javascript:alert(5)) [[#T]] [[Missing]] `<script>` \\<script>\n\n\
                    | a |\n|:-|\n| b |\n\n- [x] done\n";
        let parsed = crate::markdown::body::parse(body);
        assert!(!parsed.needs_sanitizer, "this test is about the path without the sanitizer");
        let html = render(
            body,
            &LinkContext {
                kb: &KnowledgeBase::default(),
                root: "",
                current: None,
                trust_html: false,
                content_path: "",
            },
        );
        assert!(!html.contains("<script") && !html.contains("<h1 id=\"t\" "), "{html}");
        for (name, value) in attributes(&html) {
            assert!(
                !name.starts_with("on") && name != "style" || value.starts_with("text-align"),
                "{name}={value}: {html}"
            );
            let scheme = value.to_ascii_lowercase().replace(|c: char| c.is_whitespace() || c.is_control(), "");
            assert!(
                !["javascript:", "vbscript:", "data:"].iter().any(|s| scheme.starts_with(s)),
                "{name}={value}: {html}"
            );
        }
        assert!(
            html.contains("<h1 id=\"t\">T</h1>") && html.contains("<span class=\"unsafe-link\">x</span>"),
            "{html}"
        );
        assert!(html.contains("<img src=\"\" alt=\"i\" />"), "{html}");
    }

    #[test]
    fn raw_html_past_the_depth_limit_is_text_unless_trusted() {
        let body = format!("{}x\n", "<i>".repeat(crate::markdown::nesting::MAX_RAW_DEPTH + 1));
        assert!(render_plain(&body, false).contains("&lt;i&gt;x"));
        assert!(render_plain(&body, true).ends_with("<i><i>x</p>\n"));
    }

    #[test]
    fn escapes_around_multibyte_characters() {
        assert_eq!(
            escape("Über <a href=\"x\">'&'</a> ü"),
            "Über &lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt; ü"
        );
        let mut out = String::new();
        push_attribute(&mut out, "é\"'<>&ß");
        assert_eq!(out, "é&quot;'&lt;&gt;&amp;ß");
        push_body_text(&mut out, "\"");
        assert_eq!(out, "é&quot;'&lt;&gt;&amp;ß\"");
    }

    #[test]
    fn gives_headings_unique_ids() {
        let html = render_plain("## A b\n\n## A b\n", false);
        assert!(html.contains("<h2 id=\"a-b\">") && html.contains("<h2 id=\"a-b-1\">"), "{html}");
    }
}
