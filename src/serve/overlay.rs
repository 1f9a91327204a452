//! What `serve` adds to served HTML: the live-reload script (an external
//! file, so a Content-Security-Policy without inline script still allows
//! it) and, while the latest rebuild has errors, an overlay listing them.
//! Every piece of diagnostic text is HTML-escaped.

use crate::diag::{self, Diagnostic, Severity};
use crate::render::markdown::escape;
use std::fmt::Write as _;

/// URL prefix of everything `serve` itself answers.
pub(crate) const PREFIX: &str = "/__rolebook/";

/// The live-reload script, served at `/__rolebook/live.js`.
pub(crate) const LIVE_JS: &str = include_str!("live.js");

/// The overlay's style sheet, served at `/__rolebook/overlay.css`.
pub(crate) const OVERLAY_CSS: &str = include_str!("overlay.css");

/// Inserts the script (and the overlay when `errors` is non-empty) before
/// the last `</body>`, or at the end when there is none.
pub(crate) fn inject(html: &[u8], token: &str, errors: &[Diagnostic]) -> Vec<u8> {
    let mut addition = format!("<script src=\"{PREFIX}live.js?v={}\" defer></script>\n", escape(token));
    if !errors.is_empty() {
        addition.push_str(&overlay(errors));
    }
    let at = find_body_end(html).unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + addition.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(addition.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_body_end(html: &[u8]) -> Option<usize> {
    html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
}

/// The overlay markup for a failed rebuild.
pub(crate) fn overlay(diagnostics: &[Diagnostic]) -> String {
    let (errors, warnings) = diag::count(diagnostics);
    let mut html = format!("<link rel=\"stylesheet\" href=\"{PREFIX}overlay.css\">\n");
    html.push_str("<aside id=\"rolebook-overlay\" role=\"alert\" aria-live=\"assertive\">\n<header><h2>");
    let _ = write!(html, "Build failed: {errors} error(s), {warnings} warning(s)");
    html.push_str("</h2><span>Showing the last good build; save a fix to reload.</span>");
    html.push_str("<button type=\"button\" data-rolebook-hide>Hide</button></header>\n<ol>\n");
    for diagnostic in diagnostics {
        item(&mut html, diagnostic);
    }
    html.push_str("</ol>\n</aside>\n");
    html
}

fn item(html: &mut String, d: &Diagnostic) {
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let place = match d.location {
        Some(l) if !d.file.is_empty() => format!("{}:{}:{}", d.file, l.line, l.column),
        _ => d.file.clone(),
    };
    let _ = write!(html, "<li><span class=\"level-{level}\">{level}[{}]</span>", escape(d.code.as_str()));
    if !place.is_empty() {
        let _ = write!(html, " <span class=\"where\">{}</span>", escape(&place));
    }
    let _ = write!(html, "<p>{}</p>", escape(&d.message));
    if let Some(snippet) = &d.snippet {
        let line: String = snippet.chars().take(200).collect();
        let _ = write!(html, "<pre>{}</pre>", escape(&line));
    }
    if let Some(suggestion) = &d.suggestion {
        let _ = write!(html, "<p class=\"help\">help: {}</p>", escape(suggestion));
    }
    html.push_str("</li>\n");
}

/// A stand-in page for when no build has succeeded yet.
pub(crate) fn placeholder(title: &str) -> Vec<u8> {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>{0}</title></head>\n<body>\n\
         <h1>{0}</h1>\n<p>The site has not built yet; fix the errors below and save.</p>\n</body>\n</html>\n",
        escape(title)
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Code, Location};

    fn broken() -> Diagnostic {
        Diagnostic::new(Code::BrokenLink, "content/a.md", "no entry named `<script>x</script>`")
            .at(Location { line: 3, column: 7 }, Some("links: [\"<b>\"]".into()), 1)
            .suggest("did you mean `O'Neil & co`?")
    }

    #[test]
    fn injects_the_script_before_the_closing_body() {
        let html = inject(b"<html><body><p>x</p></BODY></html>", "t-1", &[]);
        let text = String::from_utf8(html).unwrap();
        assert_eq!(
            text,
            "<html><body><p>x</p><script src=\"/__rolebook/live.js?v=t-1\" defer></script>\n</BODY></html>"
        );
        assert!(!text.contains("rolebook-overlay"));
    }

    #[test]
    fn lists_every_diagnostic_escaped() {
        let text = String::from_utf8(inject(b"<p>no body</p>", "t", &[broken()])).unwrap();
        assert!(text.starts_with("<p>no body</p><script"));
        assert!(text.contains("Build failed: 1 error(s), 0 warning(s)"));
        assert!(text.contains("content/a.md:3:7"));
        assert!(text.contains("no entry named `&lt;script&gt;x&lt;/script&gt;`"));
        assert!(text.contains("help: did you mean `O&#39;Neil &amp; co`?"));
        assert!(text.contains("<pre>links: [&quot;&lt;b&gt;&quot;]</pre>"));
        assert!(!text.contains("<script>x"));
    }
}
