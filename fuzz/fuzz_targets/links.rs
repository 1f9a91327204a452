//! Body link scanning and classification, and Markdown rendering against an
//! empty knowledge base, with raw HTML trusted or sanitized.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolebook::render::markdown::{render, LinkContext};
use rolebook::resolve::body_links::{classify, scan};
use rolebook::resolve::KnowledgeBase;
use pulldown_cmark::LinkType;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else { return };
    let Ok(body) = std::str::from_utf8(rest) else { return };
    let _ = classify(LinkType::Inline, body);
    let _ = classify(LinkType::WikiLink { has_pothole: true }, body);
    let (links, _headings) = scan(body);
    for link in &links {
        assert!(body.get(link.range.clone()).is_some(), "link range outside the body");
        let link_type = if link.wiki { LinkType::WikiLink { has_pothole: false } } else { LinkType::Inline };
        let _ = classify(link_type, &link.dest);
    }
    let kb = KnowledgeBase::default();
    let context = LinkContext { kb: &kb, root: "../", current: None, trust_html: flags & 1 == 1, kinds: &[] };
    let html = render(body, &context);
    if flags & 1 == 0 {
        let lower = html.to_ascii_lowercase();
        assert!(!lower.contains("<script"), "script survived sanitizing: {html}");
        for attribute in ["href=\"javascript:", "src=\"javascript:", "href=\"data:", " onerror=", " onclick="] {
            assert!(!lower.contains(attribute), "{attribute} survived: {html}");
        }
    }
});
