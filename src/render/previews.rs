//! Keeps link-preview data small: every cross-reference carries its target's
//! title, kind and summary in `data-*` attributes (so previews need no
//! download and work from file://), but only the first link to a target on a
//! page needs them; the script finds later ones by `data-slug`. This keeps
//! heavily linked entry pages inside their 40 KB budget (issue 4).

use std::collections::HashSet;

/// What follows `data-slug="…"` on a cross-reference, as templates and the
/// Markdown renderer write it.
const PREVIEW_ATTRS: [&str; 3] = [" data-title=\"", " data-kind=\"", " data-summary=\""];

/// Drops the preview attributes from every link to a slug already seen on
/// the page. Attribute values are escaped, so they hold no `"`. A page
/// with no repeated target is returned as it is, without a copy.
pub fn dedupe(html: String) -> String {
    let Some(first_repeat) = first_repeat(&html) else { return html };
    let finder = memchr::memmem::Finder::new(SLUG);
    let mut out = String::with_capacity(html.len());
    out.push_str(&html[..first_repeat]);
    let mut seen: HashSet<&str> = slugs(&html[..first_repeat]).collect();
    let mut rest = &html[first_repeat..];
    while let Some(at) = finder.find(rest.as_bytes()) {
        let value_start = at + SLUG.len();
        let Some(len) = memchr::memchr(b'"', &rest.as_bytes()[value_start..]) else { break };
        let slug = &rest[value_start..value_start + len];
        let after = value_start + len + 1;
        out.push_str(&rest[..after]);
        rest = &rest[after..];
        if !seen.insert(slug) {
            rest = skip_preview_attrs(rest);
        }
    }
    out.push_str(rest);
    out
}

const SLUG: &str = "data-slug=\"";

/// The slugs of every `data-slug` in `html`, in order.
fn slugs(html: &str) -> impl Iterator<Item = &str> + '_ {
    memchr::memmem::find_iter(html.as_bytes(), SLUG).filter_map(move |at| {
        let start = at + SLUG.len();
        memchr::memchr(b'"', &html.as_bytes()[start..]).map(|len| &html[start..start + len])
    })
}

/// Where the first link to an already seen slug starts, if any.
fn first_repeat(html: &str) -> Option<usize> {
    let mut seen: HashSet<&str> = HashSet::new();
    for slug in slugs(html) {
        if !seen.insert(slug) {
            // The slug's value lies inside `html`: its offset, back to the
            // start of `data-slug="`.
            let offset = slug.as_ptr() as usize - html.as_ptr() as usize;
            return Some(offset - SLUG.len());
        }
    }
    None
}

/// `rest` without the three preview attributes at its start, if all are there.
fn skip_preview_attrs(rest: &str) -> &str {
    let mut tail = rest;
    for attr in PREVIEW_ATTRS {
        let Some(value) = tail.strip_prefix(attr) else { return rest };
        let Some(end) = value.find('"') else { return rest };
        tail = &value[end + 1..];
    }
    tail
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_first_preview_of_each_target_only() {
        let link =
            r#"<a class="xref" href="a.html" data-slug="a" data-title="A" data-kind="Role" data-summary="S">x</a>"#;
        let other =
            r#"<a class="xref" href="b.html" data-slug="b" data-title="B" data-kind="Role" data-summary="T">y</a>"#;
        let html = format!("{link}{other}{link}");
        let out = dedupe(html);
        assert_eq!(out, format!(r#"{link}{other}<a class="xref" href="a.html" data-slug="a">x</a>"#));
    }

    #[test]
    fn leaves_links_without_preview_data_alone() {
        let html =
            r#"<a data-slug="a" data-title="A" data-kind="K" data-summary="S"></a><a data-slug="a" title="x"></a>"#;
        assert_eq!(dedupe(html.to_owned()), html);
        assert_eq!(dedupe("data-slug=\"broken".to_owned()), "data-slug=\"broken");
    }
}
