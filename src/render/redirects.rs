//! Redirect pages at the old URLs of entries (`moved_from:`): a refresh to
//! the entry's page, its canonical link and a visible link, with no script
//! or inline style, so a strict Content-Security-Policy lets it work. The
//! pages are listed nowhere: not in the sitemap, search or lists.

use super::markdown::escape;
use super::urls;
use crate::config::SiteConfig;
use crate::output::OutputFile;
use crate::resolve::KnowledgeBase;

/// What precedes the target in a redirect page's refresh tag.
const REFRESH: &str = "<meta http-equiv=\"refresh\" content=\"0; url=";

/// One page per old slug of a published entry.
pub fn files(kb: &KnowledgeBase, config: &SiteConfig) -> Vec<OutputFile> {
    kb.redirects()
        .into_iter()
        .map(|(old, id)| {
            let entry = &kb.entries[id];
            let target = urls::entry(&entry.slug);
            let page = page(config, &entry.title, &target);
            OutputFile { path: urls::entry(old), bytes: page.into_bytes() }
        })
        .collect()
}

/// A redirect page from a page at the site root to `target`.
fn page(config: &SiteConfig, title: &str, target: &str) -> String {
    let canonical = super::exports::page_url(config, target);
    let (title, target, canonical) = (escape(title), escape(target), escape(&canonical));
    let language = escape(&config.language);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">\n\
         {REFRESH}{target}\">\n<link rel=\"canonical\" href=\"{canonical}\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Moved: {title}</title>\n</head>\n<body>\n\
         <p>This page has moved to <a href=\"{target}\">{title}</a>.</p>\n</body>\n</html>\n"
    )
}

/// The target of a redirect page written by [`files`] (for `serve`, which
/// answers its URL with a redirect), or `None` for any other page.
pub fn target_of(page: &[u8]) -> Option<&str> {
    let text = std::str::from_utf8(page.get(..600.min(page.len()))?).ok()?;
    let start = text.find(REFRESH)? + REFRESH.len();
    let end = start + text[start..].find('"')?;
    let target = &text[start..end];
    // Only slugs are ever written here: anything else is not ours.
    let slug = target.strip_suffix(urls::ENTRY_SUFFIX)?;
    crate::slug::is_valid(slug).then_some(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_page_without_script_that_serve_reads_back() {
        let mut config = SiteConfig { language: "en".into(), ..SiteConfig::default() };
        let text = page(&config, "Data <Owner>", "data-owner.html");
        assert!(text.contains("<meta http-equiv=\"refresh\" content=\"0; url=data-owner.html\">"), "{text}");
        assert!(text.contains("<link rel=\"canonical\" href=\"data-owner.html\">"));
        assert!(text.contains("<a href=\"data-owner.html\">Data &lt;Owner&gt;</a>"));
        assert!(!text.contains("<script") && !text.contains("style"));
        assert_eq!(target_of(text.as_bytes()), Some("data-owner.html"));
        assert_eq!(target_of(b"<html>other</html>"), None);
        config.base_url = "https://wiki.example/roles".into();
        let text = page(&config, "T", "t.html");
        assert!(text.contains("href=\"https://wiki.example/roles/t.html\""), "{text}");
    }
}
