//! The one parse of a body (links, headings, template) and link classification, and Markdown rendering against an
//! empty knowledge base, with raw HTML trusted or sanitized.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pulldown_cmark::LinkType;
use rolebook::markdown::links::classify;
use rolebook::render::markdown::{render_parsed, LinkContext};
use rolebook::resolve::KnowledgeBase;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else { return };
    let Ok(body) = std::str::from_utf8(rest) else { return };
    let _ = classify(LinkType::Inline, body);
    let _ = classify(LinkType::WikiLink { has_pothole: true }, body);
    let parsed = rolebook::markdown::body::parse(body);
    for link in &parsed.links {
        assert!(body.get(link.range.clone()).is_some(), "link range outside the body");
        let link_type = if link.wiki { LinkType::WikiLink { has_pothole: false } } else { LinkType::Inline };
        let _ = classify(link_type, &link.dest);
    }
    let kb = KnowledgeBase::default();
    let context =
        LinkContext { kb: &kb, root: "../", current: None, trust_html: flags & 1 == 1, content_path: "fuzz.md" };
    let html = render_parsed(&parsed, &context);
    if flags & 1 == 0 {
        for (tag, attributes) in tags(&html) {
            assert_ne!(tag, "script", "script survived sanitizing: {html}");
            for (name, value) in attributes {
                assert!(!name.starts_with("on"), "<{tag} {name}> survived: {html}");
                if !matches!(name.as_str(), "href" | "src" | "cite" | "action" | "formaction" | "poster") {
                    continue;
                }
                let scheme: String = value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
                let scheme = scheme.to_ascii_lowercase();
                for bad in ["javascript:", "vbscript:", "data:"] {
                    assert!(!scheme.starts_with(bad), "<{tag} {name}={value:?}> survived: {html}");
                }
            }
        }
    }
});

/// Start tags of serialized HTML as (name, attributes). After sanitizing,
/// every literal `<` opens a tag (text `<` is escaped) and every attribute
/// value is double-quoted.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let name_end = rest.find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/').unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = &rest[name_end..];
        let mut attributes = Vec::new();
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
            if rest.is_empty() || rest.starts_with('>') {
                break;
            }
            let end = rest.find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '=').unwrap_or(rest.len());
            let attribute = rest[..end].to_ascii_lowercase();
            rest = &rest[end..];
            let mut value = String::new();
            if let Some(after) = rest.strip_prefix("=\"") {
                let close = after.find('"').unwrap_or(after.len());
                value = after[..close].replace("&amp;", "&");
                rest = after.get(close + 1..).unwrap_or("");
            } else if end == 0 {
                rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
            }
            attributes.push((attribute, value));
        }
        found.push((name, attributes));
    }
    found
}
