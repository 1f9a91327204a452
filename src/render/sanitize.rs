//! The raw-HTML policy for Markdown bodies. Unless site.toml sets
//! `trust_html = true`, a rendered body goes through an ammonia allow-list:
//! formatting tags and their harmless attributes stay; `<script>`, `<style>`,
//! `<iframe>`, forms, event handlers (`on*`), `style` beyond table alignment,
//! and URLs with schemes such as `javascript:`, `vbscript:` or `data:` go.
//!
//! The whole body is sanitized at once, after Markdown rendering, because
//! pulldown-cmark hands raw HTML over in pieces (`<b>` and `</b>` are
//! separate events). The allow-list therefore also keeps everything rolebook
//! itself generates: entry links (`a.xref` with `data-slug`), heading ids,
//! table alignment, footnotes, task-list checkboxes and code-block classes.
//!
//! Bodies without raw HTML skip it (issue 8): their HTML is all generated,
//! escaped and checked while parsing (`markdown::body`, called by `load`), and the sanitizer would
//! only re-serialize it (`text-align:left` for `text-align: left`, `<br>`
//! for `<br />`).

use crate::markdown::links::is_unsafe_url;
use ammonia::Builder;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Attributes kept on specific tags, beyond ammonia's defaults.
const EXTRA_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["class", "title", "id", "data-slug", "data-title", "data-kind", "data-summary"]),
    ("span", &["class"]),
    ("code", &["class"]),
    ("pre", &["class"]),
    ("div", &["class", "id"]),
    ("sup", &["class", "id"]),
    ("li", &["class", "id"]),
    ("section", &["class"]),
    ("ol", &["class"]),
    ("h1", &["id"]),
    ("h2", &["id"]),
    ("h3", &["id"]),
    ("h4", &["id"]),
    ("h5", &["id"]),
    ("h6", &["id"]),
    ("th", &["style"]),
    ("td", &["style"]),
    ("input", &["type", "checked", "disabled"]),
];

static POLICY: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut builder = Builder::default();
    builder
        .add_tags(crate::markdown::raw_html::EXTRA_TAGS.iter().copied())
        .link_rel(None)
        .filter_style_properties(HashSet::from(["text-align"]))
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            // Only the read-only checkbox of a task list.
            ("input", "type") => (value == "checkbox").then(|| value.into()),
            // ammonia lets through URLs it cannot parse (as relative ones), such
            // as `javascript\x0b:x`; drop anything whose scheme, read without
            // whitespace and control characters, would run script.
            (_, "href" | "src" | "cite") if is_unsafe_url(value) => None,
            _ => Some(value.into()),
        });
    for (tag, attributes) in EXTRA_ATTRIBUTES {
        builder.add_tag_attributes(*tag, attributes.iter().copied());
    }
    builder
});

/// Sanitizes rendered body HTML with the allow-list described above.
pub fn clean(html: &str) -> String {
    POLICY.clean(html).to_string()
}

/// A body as the page shows it: sanitized unless the site trusts raw HTML.
pub fn body(html: String, trust_html: bool) -> String {
    if trust_html {
        html
    } else {
        clean(&html)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_scripts_frames_and_event_handlers_but_keeps_formatting() {
        let html = clean(
            "<p><b onclick=\"x()\">bold</b> <span>kept</span><script>alert(1)</script>\
             <iframe src=\"https://evil.example\"></iframe><img src=x onerror=alert(1)></p>",
        );
        assert_eq!(html, "<p><b>bold</b> <span>kept</span><img src=\"x\"></p>");
    }

    #[test]
    fn drops_script_and_data_urls() {
        let html = clean(
            "<a href=\"javascript:alert(1)\">a</a><a href=\" data:text/html,x\">b</a><a href=\"VBSCRIPT:x\">c</a>",
        );
        assert_eq!(html, "<a>a</a><a>b</a><a>c</a>");
        assert_eq!(clean("<a href=\"../x.html#y\">ok</a>"), "<a href=\"../x.html#y\">ok</a>");
    }

    #[test]
    fn issue_6_drops_script_urls_with_control_characters_in_the_scheme() {
        // Found by the `links` fuzz target: ammonia kept this as a relative URL.
        assert_eq!(clean("<a href=\"javascript\u{b}\u{b}:y\">z</a>"), "<a>z</a>");
        assert_eq!(clean("<img src=\"da\u{1}ta:image/png,x\">"), "<img>");
    }

    #[test]
    fn keeps_what_rolebook_generates() {
        let generated = "<h2 id=\"intro\">Intro</h2>\n\
            <p><a class=\"xref\" href=\"owner.html\" data-slug=\"owner\" title=\"Owner\">PO</a> \
            <span class=\"unresolved-link\">x</span></p>\n\
            <table><thead><tr><th style=\"text-align: left\">a</th></tr></thead></table>\n\
            <ul><li><input disabled=\"\" type=\"checkbox\" checked=\"\">\ndone</li></ul>\n\
            <pre><code class=\"language-rust\">fn x() {}</code></pre>\n";
        let cleaned = clean(generated);
        for kept in [
            "<h2 id=\"intro\">",
            "<a class=\"xref\" href=\"owner.html\" data-slug=\"owner\" title=\"Owner\">",
            "<span class=\"unresolved-link\">",
            "<th style=\"text-align:left\">",
            "<input disabled=\"\" type=\"checkbox\" checked=\"\">",
            "<code class=\"language-rust\">",
        ] {
            assert!(cleaned.contains(kept), "lost {kept}: {cleaned}");
        }
    }

    #[test]
    fn drops_other_styles_and_inputs() {
        assert_eq!(clean("<td style=\"color: red; text-align: right\">x</td>"), "x");
        assert_eq!(
            clean("<table><tr><td style=\"position:fixed;text-align:right\">x</td></tr></table>"),
            "<table><tbody><tr><td style=\"text-align:right\">x</td></tr></tbody></table>"
        );
        assert_eq!(clean("<input type=\"text\" value=\"x\">"), "<input>");
    }

    #[test]
    fn trusted_html_passes_through() {
        assert_eq!(body("<script>x</script>".into(), true), "<script>x</script>");
        assert_eq!(body("<script>x</script>".into(), false), "");
    }

    #[test]
    fn markdown_footnotes_tables_and_task_lists_survive() {
        let kb = crate::resolve::KnowledgeBase::default();
        let context = crate::render::markdown::LinkContext {
            kb: &kb,
            root: "",
            current: None,
            trust_html: false,
            content_path: "",
        };
        let body = "## Head {#custom}\n\nFoot[^1].\n\n[^1]: note\n\n| a |\n|-:|\n| 1 |\n\n- [x] done\n";
        // Bodies with raw HTML go through the sanitizer whole: what Markdown
        // generates must survive it.
        let html = clean(&crate::render::markdown::render(body, &context));
        for kept in [
            "<h2 id=\"custom\">Head</h2>",
            "<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup>",
            "<div class=\"footnote-definition\" id=\"1\"><sup class=\"footnote-definition-label\">1</sup>",
            "<td style=\"text-align:right\">1</td>",
            "<input disabled=\"\" type=\"checkbox\" checked=\"\">",
        ] {
            assert!(html.contains(kept), "lost {kept}: {html}");
        }
    }
}
