//! Site-relative paths of every page, and the `../` prefix that turns them
//! into relative links, so the output works from any sub-path and file://.

/// What follows the slug in an entry page's path (writers that append to
/// a buffer use it instead of [`entry`]).
pub const ENTRY_SUFFIX: &str = ".html";

/// Output path of an entry page.
pub fn entry(slug: &str) -> String {
    // Called for every link on every page: plain pushes, not `format!`.
    join(&["", slug, ENTRY_SUFFIX])
}

/// Output path of a comparison page.
pub fn comparison(slug: &str) -> String {
    join(&["compare/", slug, ".html"])
}

fn join(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        out.push_str(part);
    }
    out
}

/// Output path of a kind's page.
pub fn kind(key: &str) -> String {
    format!("kinds/{}.html", crate::slug::slugify(key))
}

/// Output path of a tag's page (a tag called `index` must not replace the
/// tag overview at `tags/index.html`).
pub fn tag(tag: &str) -> String {
    match crate::slug::slugify(tag) {
        slug if slug == "index" => "tags/index-tag.html".to_owned(),
        slug => format!("tags/{slug}.html"),
    }
}

/// The prefix from a page at `path` back to the site root (`""`, `"../"`, …).
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_the_root_prefix_from_depth() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("compare/a-vs-b.html"), "../");
        assert_eq!(tag("Data Mesh"), "tags/data-mesh.html");
        assert_eq!(tag("Index"), "tags/index-tag.html");
    }
}
