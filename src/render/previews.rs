//! Keeps link-preview data small: every cross-reference carries its target's
//! title, kind and summary in `data-*` attributes (so previews need no
//! download and work from file://), but only the first link to a target on a
//! page needs them; the script finds later ones by `data-slug`. This keeps
//! heavily linked entry pages inside their 40 KB budget (issue 4).

use std::collections::BTreeSet;

/// What follows `data-slug="…"` on a cross-reference, as templates and the
/// Markdown renderer write it.
const PREVIEW_ATTRS: [&str; 3] = [" data-title=\"", " data-kind=\"", " data-summary=\""];

/// Drops the preview attributes from every link to a slug already seen on
/// the page. Attribute values are escaped, so they hold no `"`.
pub fn dedupe(html: &str) -> String {
    const SLUG: &str = "data-slug=\"";
    let mut out = String::with_capacity(html.len());
    let mut seen: BTreeSet<&str> = BTreeSet::new();
    let mut rest = html;
    while let Some(at) = rest.find(SLUG) {
        let value_start = at + SLUG.len();
        let Some(len) = rest[value_start..].find('"') else { break };
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
        let out = dedupe(&html);
        assert_eq!(out, format!(r#"{link}{other}<a class="xref" href="a.html" data-slug="a">x</a>"#));
    }

    #[test]
    fn leaves_links_without_preview_data_alone() {
        let html =
            r#"<a data-slug="a" data-title="A" data-kind="K" data-summary="S"></a><a data-slug="a" title="x"></a>"#;
        assert_eq!(dedupe(html), html);
        assert_eq!(dedupe("data-slug=\"broken"), "data-slug=\"broken");
    }
}
