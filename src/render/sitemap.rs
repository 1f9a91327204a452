//! `sitemap.xml`, listing every page under the absolute `base_url`.
//!
//! A sitemap must hold absolute URLs. When `base_url` is not an absolute
//! http(s) URL (the default `/`, or a site meant for file://) there is no
//! honest way to write one, so none is emitted.

use super::markdown::escape;
use crate::output::OutputFile;

/// The sitemap for the given output paths, or `None` when `base_url` is not
/// absolute. `404.html` is left out; paths are listed in the order given.
pub fn file(base_url: &str, pages: &[&str]) -> Option<OutputFile> {
    let lower = base_url.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return None;
    }
    let base = base_url.trim_end_matches('/');
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in pages.iter().filter(|p| **p != "404.html") {
        let path = if *page == "index.html" { "" } else { page };
        xml.push_str("<url><loc>");
        xml.push_str(&escape(&format!("{base}/{path}")));
        xml.push_str("</loc></url>\n");
    }
    xml.push_str("</urlset>\n");
    Some(OutputFile { path: "sitemap.xml".into(), bytes: xml.into_bytes() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_nothing_for_a_relative_base_url() {
        assert!(file("/", &["index.html"]).is_none());
        assert!(file("wiki/", &["index.html"]).is_none());
    }

    #[test]
    fn lists_absolute_urls_without_the_404_page() {
        let file = file("https://wiki.example.com/roles/", &["index.html", "a&b.html", "404.html"]);
        let xml = String::from_utf8(file.map(|f| f.bytes).unwrap_or_default()).unwrap_or_default();
        assert!(xml.contains("<loc>https://wiki.example.com/roles/</loc>"), "{xml}");
        assert!(xml.contains("<loc>https://wiki.example.com/roles/a&amp;b.html</loc>"), "{xml}");
        assert!(!xml.contains("404"));
    }
}
