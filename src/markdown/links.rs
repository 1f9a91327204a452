//! Links and headings inside entry bodies: the Markdown dialect, how a link
//! destination is classified, and heading anchors. Shared by the one parse
//! of a body (`markdown::body`, called by `load`), `resolve` (which checks links) and `render`
//! (which rewrites them), so all read a body the same way.

use crate::slug::slugify;
use pulldown_cmark::{HeadingLevel, LinkType, Options};
use serde::Serialize;
use std::collections::HashMap;

/// The Markdown dialect: CommonMark plus GFM tables, footnotes,
/// strikethrough, task lists, heading ids and `[[wikilinks]]`.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_WIKILINKS
}

/// What a link in a body points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkDest<'a> {
    /// Another entry, by name (wikilink) or file stem (`x.md`).
    Entry {
        /// The name as written.
        name: &'a str,
        /// `#heading`, without the `#`.
        fragment: Option<&'a str>,
    },
    /// `#heading` on the same page.
    SamePage(&'a str),
    /// `http:`, `mailto:`, other pages and files: left as written.
    Other,
    /// `javascript:`, `vbscript:` or `data:`: neutralized.
    Unsafe,
}

/// Classifies a link destination.
pub fn classify(link_type: LinkType, dest: &str) -> LinkDest<'_> {
    if matches!(link_type, LinkType::WikiLink { .. }) {
        let (name, fragment) = split_fragment(dest);
        // Inside a GFM table `[[a\|b]]` escapes the pipe; the parser leaves the
        // backslash on the target.
        let name = name.trim().trim_end_matches('\\').trim_end();
        return match (name.is_empty(), fragment) {
            (true, Some(fragment)) => LinkDest::SamePage(fragment),
            _ => LinkDest::Entry { name, fragment },
        };
    }
    if is_unsafe_url(dest) {
        return LinkDest::Unsafe;
    }
    if let Some(fragment) = dest.strip_prefix('#') {
        return LinkDest::SamePage(fragment);
    }
    if has_scheme(dest) || dest.starts_with("//") {
        return LinkDest::Other;
    }
    let (path, fragment) = split_fragment(dest);
    let path = path.split('?').next().unwrap_or(path);
    match path.rsplit('/').next().and_then(|file| strip_md(file)) {
        Some(stem) if !stem.is_empty() => LinkDest::Entry { name: stem, fragment },
        _ => LinkDest::Other,
    }
}

/// The path of a relative reference to a file (`img/x.png` in
/// `img/x.png?v=2#top`): no scheme, not site-absolute, not only a
/// fragment. Whether a file is there is for `resolve` to say.
pub fn relative_path(dest: &str) -> Option<&str> {
    if has_scheme(dest) || dest.starts_with(['/', '\\', '#', '?']) || is_unsafe_url(dest) {
        return None;
    }
    let end = dest.find(['?', '#']).unwrap_or(dest.len());
    let path = dest[..end].trim();
    (!path.is_empty()).then_some(path)
}

/// Percent-encodes everything in a path but unreserved characters and `/`.
pub fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes in a link path (`Data%20Mesh.md`); an invalid
/// escape stays as written, and so does text that does not decode to UTF-8.
pub fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        let hex = |i: usize| bytes.get(i).and_then(|b| char::from(*b).to_digit(16));
        match (bytes[at], hex(at + 1), hex(at + 2)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                at += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                at += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

fn strip_md(file: &str) -> Option<&str> {
    let cut = file.len().checked_sub(3)?;
    file.get(cut..).filter(|ext| ext.eq_ignore_ascii_case(".md")).and_then(|_| file.get(..cut))
}

fn split_fragment(dest: &str) -> (&str, Option<&str>) {
    match dest.split_once('#') {
        Some((name, fragment)) => (name, Some(fragment)),
        None => (dest, None),
    }
}

fn has_scheme(dest: &str) -> bool {
    let Some(colon) = dest.find(':') else { return false };
    let scheme = &dest[..colon];
    !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Whether a URL would run script or smuggle content when followed. Browsers
/// ignore whitespace and control characters inside the scheme, so do we.
pub fn is_unsafe_url(url: &str) -> bool {
    let scheme: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take_while(|&c| c != ':')
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    url.contains(':') && matches!(scheme.as_str(), "javascript" | "vbscript" | "data")
}

/// A link found in a body, with its byte range in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundLink {
    /// Byte range of the whole link in the body.
    pub range: std::ops::Range<usize>,
    /// The destination as written.
    pub dest: String,
    /// The title (`[x](y "title")`), usually empty.
    pub title: String,
    /// Whether it was a `[[wikilink]]`.
    pub wiki: bool,
}

impl FoundLink {
    /// Where it points, as [`classify`] reads it.
    pub fn destination(&self) -> LinkDest<'_> {
        let link_type = if self.wiki { LinkType::WikiLink { has_pothole: false } } else { LinkType::Inline };
        classify(link_type, &self.dest)
    }
}

/// A heading in an entry body, with its anchor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// 1–6.
    pub level: u8,
    /// Plain text.
    pub text: String,
    /// The `id` attribute.
    pub anchor: String,
}

/// Heading level as a number.
pub fn level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Hands out unique heading anchors within one page.
#[derive(Debug, Default)]
pub struct Anchors {
    used: HashMap<String, usize>,
}

impl Anchors {
    /// The anchor for a heading: its explicit `{#id}`, else its slug, with
    /// `-1`, `-2`… appended on repeats.
    pub fn claim(&mut self, explicit: Option<&str>, text: &str) -> String {
        let base = match explicit {
            Some(id) if !id.is_empty() => id.to_owned(),
            _ => {
                let slug = slugify(text);
                if slug.is_empty() {
                    "section".to_owned()
                } else {
                    slug
                }
            }
        };
        let count = self.used.entry(base.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            base
        } else {
            format!("{base}-{}", *count - 1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_wikilinks_markdown_links_and_urls() {
        let wiki = LinkType::WikiLink { has_pothole: false };
        assert_eq!(
            classify(wiki, "Data Mesh#Principles"),
            LinkDest::Entry { name: "Data Mesh", fragment: Some("Principles") }
        );
        assert_eq!(classify(wiki, "#Top"), LinkDest::SamePage("Top"));
        assert_eq!(classify(wiki, "Data Mesh\\"), LinkDest::Entry { name: "Data Mesh", fragment: None });
        assert_eq!(
            classify(LinkType::Inline, "../x/data-mesh.md#a"),
            LinkDest::Entry { name: "data-mesh", fragment: Some("a") }
        );
        assert_eq!(classify(LinkType::Inline, "https://example.com/a.md"), LinkDest::Other);
        assert_eq!(classify(LinkType::Inline, "image.png"), LinkDest::Other);
        assert_eq!(classify(LinkType::Inline, " JaVa\tScript:alert(1)"), LinkDest::Unsafe);
        assert_eq!(classify(LinkType::Inline, "data:text/html,x"), LinkDest::Unsafe);
    }

    #[test]
    fn finds_relative_file_paths() {
        assert_eq!(relative_path("img/x.png?v=2#top"), Some("img/x.png"));
        assert_eq!(relative_path("../x.svg"), Some("../x.svg"));
        for other in ["https://a.example/x.png", "/x.png", "//cdn/x.png", "#top", "", "javascript:x", "mailto:a@b"] {
            assert_eq!(relative_path(other), None, "{other}");
        }
        assert_eq!(percent_decode("a%20b%zz%"), "a b%zz%");
        assert_eq!(percent_decode("100%"), "100%");
    }
}
