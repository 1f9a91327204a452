//! `changes.xml`: the changes of `changes.html` as an Atom 1.0 feed, so
//! readers can follow the glossary. Links are absolute under an absolute
//! `base_url`, else relative to the feed (which sits beside the pages).
//! Ids are tag URIs made of commit and path: the same change keeps its id
//! in every build.

use super::changes_page::{Targets, PATH};
use super::views::Views;
use crate::output::OutputFile;
use std::fmt::Write;

/// Output path of the feed.
pub const FEED_PATH: &str = "changes.xml";

/// The feed, or `None` when there are no changes.
pub fn file(views: &Views<'_>) -> Option<OutputFile> {
    let newest = views.changes.first()?;
    let base = base(&views.config.base_url);
    let title = &views.config.title;
    let feed_id = match base.is_empty() {
        true => format!("tag:rolebook,2026:{}/changes", crate::slug::slugify(title)),
        false => format!("{base}{FEED_PATH}"),
    };
    let mut xml =
        String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
    let _ = writeln!(xml, "<id>{}</id>", text(&feed_id));
    let _ = writeln!(xml, "<title>{}: recent changes</title>", text(title));
    let _ = writeln!(xml, "<updated>{}</updated>", text(&newest.date));
    let _ = writeln!(xml, "<author><name>{}</name></author>", text(title));
    let _ = writeln!(
        xml,
        "<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        text(&format!("{base}{FEED_PATH}"))
    );
    let _ = writeln!(xml, "<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>", text(&format!("{base}{PATH}")));
    let targets = Targets::of(views);
    for change in views.changes {
        let url = targets.url(change).unwrap_or_else(|| PATH.to_owned());
        xml.push_str("<entry>\n");
        let _ = writeln!(xml, "<id>tag:rolebook,2026:change:{}/{}</id>", change.commit, tag_path(&change.path));
        let _ = writeln!(xml, "<title>{}</title>", text(&format!("{}: {}", change.title, change.what)));
        let _ = writeln!(xml, "<updated>{}</updated>", text(&change.date));
        let _ = writeln!(xml, "<link href=\"{}\"/>", text(&format!("{base}{url}")));
        let _ = writeln!(xml, "<summary>{}</summary>", text(&change.what));
        xml.push_str("</entry>\n");
    }
    xml.push_str("</feed>\n");
    Some(OutputFile { path: FEED_PATH.into(), bytes: xml.into_bytes() })
}

/// `https://…/` for an absolute base URL, else empty (relative links).
fn base(base_url: &str) -> String {
    let lower = base_url.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        format!("{}/", base_url.trim_end_matches('/'))
    } else {
        String::new()
    }
}

/// Escaped XML text without the control characters XML 1.0 forbids.
fn text(value: &str) -> String {
    let clean: String = value.chars().filter(|&c| !c.is_control() || matches!(c, '\t' | '\n')).collect();
    super::markdown::escape(&clean)
}

/// A path as a tag URI's specific part: unreserved characters and `/`
/// kept, everything else percent-encoded.
fn tag_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(byte as char),
            _ => {
                let _ = write!(out, "%{byte:02X}");
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_absolute_only_under_an_absolute_base() {
        assert_eq!(base("https://wiki.example.com/roles"), "https://wiki.example.com/roles/");
        assert_eq!(base("/"), "");
        assert_eq!(base("/roles/"), "");
    }

    #[test]
    fn ids_and_text_are_safe() {
        assert_eq!(tag_path("content/Über uns.md"), "content/%C3%9Cber%20uns.md");
        assert_eq!(text("a & <b>\u{1}"), "a &amp; &lt;b&gt;");
    }
}
