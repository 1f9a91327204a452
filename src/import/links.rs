//! Markdown links → rolebook links: relative `x.md` links, site-absolute
//! `/section/slug/` URLs, Zola's `@/path.md` and Hugo's `{{< ref "x" >}}` /
//! `{{< relref >}}` all become `[text](slug.md#fragment)`. A site-absolute
//! link to a page outside the glossary keeps its URL (made absolute with the
//! source's base URL); a link to a left-out page (a section index) keeps
//! only its text.

use super::body::Edit;
use super::convert::Ctx;
use super::report::Report;
use crate::markdown::links::{is_unsafe_url, markdown_options};
use pulldown_cmark::{Event, LinkType, Parser, Tag};

/// What a link destination points at.
enum Target {
    /// An entry, with an optional `#fragment`.
    Entry(usize, Option<String>),
    /// A `.md` link nothing answers to: a wanted page, kept as written.
    Missing,
    /// A page the import left out (a section index): its text stays.
    LeftOut,
    /// A site path outside the glossary: kept, made absolute when the
    /// source's base URL is known.
    Outside(String),
    /// External, a file, or a same-page anchor: left alone.
    Other,
}

/// Edits for every inline Markdown link that points at another note.
pub fn markdown_links(body: &str, ctx: &Ctx<'_>, report: &mut Report) -> Vec<Edit> {
    let mut edits = Vec::new();
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        let Event::Start(Tag::Link { link_type: LinkType::Inline, dest_url, .. }) = event else { continue };
        let source = &body[range.clone()];
        let Some(split) = source.rfind("](") else { continue };
        let text = &source[1..split];
        let name = match target(&dest_url, ctx, report) {
            Target::Entry(id, fragment) => {
                report.links_resolved += 1;
                let fragment = fragment.map(|f| format!("#{f}")).unwrap_or_default();
                format!("{}.md{fragment}", ctx.index.slugs[id])
            }
            Target::Missing => {
                report.broken_links.push(format!("{}: {dest_url}", ctx.path()));
                continue;
            }
            Target::LeftOut => {
                report.links_to_left_out += 1;
                edits.push(Edit::new(range, text.to_owned()));
                continue;
            }
            Target::Outside(path) => {
                report.links_outside += 1;
                match &report.base_url {
                    Some(base) => format!("{}{}", base.trim_end_matches('/'), path.replace(['<', '>', ' ', ')'], "")),
                    None => continue,
                }
            }
            Target::Other => continue,
        };
        edits.push(Edit::new(range, format!("[{text}]({name})")));
    }
    edits
}

fn target(dest: &str, ctx: &Ctx<'_>, report: &mut Report) -> Target {
    let dest = dest.trim();
    if dest.is_empty() || dest.starts_with('#') || dest.starts_with("//") || has_scheme(dest) || is_unsafe_url(dest) {
        return Target::Other;
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment.to_owned()).filter(|f| !f.is_empty())),
        None => (dest, None),
    };
    let path = decode(path.split('?').next().unwrap_or(path));
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or("").to_owned();
    let extension = last.rsplit_once('.').map(|(_, e)| e.to_lowercase());
    let found = if let Some(content) = path.strip_prefix("@/") {
        ctx.index.by_path(content)
    } else if extension.as_deref() == Some("md") {
        let joined = join(&ctx.folder(), &path);
        ctx.index.by_path(&joined).or_else(|| ctx.resolve(last.trim_end_matches(".md"), report))
    } else if matches!(extension.as_deref(), None | Some("html" | "htm")) {
        let absolute = path.starts_with('/');
        let by_name = || if absolute { None } else { ctx.resolve(&last, report) };
        ctx.index.by_url(&path).or_else(by_name)
    } else {
        return Target::Other;
    };
    let left_out = || {
        let key = path.strip_prefix("@/").unwrap_or(&path);
        ctx.left_out.by_path(&join(&ctx.folder(), key)).or_else(|| ctx.left_out.by_url(key)).is_some()
    };
    match found {
        Some(id) => Target::Entry(id, fragment),
        None if left_out() => Target::LeftOut,
        None if extension.as_deref() == Some("md") || path.starts_with("@/") => Target::Missing,
        None if dest.starts_with('/') && !last.is_empty() => Target::Outside(dest.to_owned()),
        None => Target::Other,
    }
}

fn has_scheme(dest: &str) -> bool {
    let Some(colon) = dest.find(':') else { return false };
    let scheme = &dest[..colon];
    !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `a/b` + `../c.md` → `a/c.md`.
pub fn join(folder: &str, path: &str) -> String {
    if path.starts_with('/') {
        return path.trim_start_matches('/').to_owned();
    }
    let mut parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            part => parts.push(part),
        }
    }
    parts.join("/")
}

/// Percent-decoding for link paths (`Data%20Mesh.md`).
pub(crate) use crate::markdown::links::percent_decode as decode;

/// A Hugo `ref`/`relref` shortcode at `range` → a link destination (inside
/// `[text](…)`) or a wikilink.
pub fn ref_link(
    body: &str,
    range: std::ops::Range<usize>,
    argument: Option<&str>,
    ctx: &Ctx<'_>,
    report: &mut Report,
) -> String {
    let argument = argument.unwrap_or("");
    let (path, fragment) = argument.split_once('#').map_or((argument, None), |(p, f)| (p, Some(f)));
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or(path);
    let stem = last.strip_suffix(".md").unwrap_or(last);
    let found_id = ctx
        .index
        .by_path(path)
        .or_else(|| ctx.index.by_path(&join(&ctx.folder(), path)))
        .or_else(|| ctx.index.by_url(path))
        .or_else(|| ctx.resolve(stem, report));
    let in_link = body[..range.start].ends_with("](") || body[..range.start].ends_with("]( ");
    let fragment = fragment.map(|f| format!("#{f}")).unwrap_or_default();
    match found_id {
        Some(id) => {
            report.links_resolved += 1;
            let slug = &ctx.index.slugs[id];
            if in_link {
                format!("{slug}.md{fragment}")
            } else {
                format!("[[{slug}{fragment}]]")
            }
        }
        // A path to another part of the site (`/docs/handbook`): its URL.
        None if in_link && path.contains('/') => {
            report.links_outside += 1;
            let url = format!("/{}/", path.trim_matches('/').trim_end_matches(".md").trim_end_matches("/_index"));
            match &report.base_url {
                Some(base) => format!("{}{}", base.trim_end_matches('/'), url.replace([' ', '<', '>', ')'], "")),
                None => url.replace([' ', '<', '>', ')'], ""),
            }
        }
        None => {
            report.broken_links.push(format!("{}: {argument}", ctx.path()));
            if in_link {
                format!("<{stem}.md>")
            } else {
                format!("[[{stem}]]")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_relative_paths() {
        assert_eq!(join("roles/data", "../concepts/x.md"), "roles/concepts/x.md");
        assert_eq!(join("", "./x.md"), "x.md");
        assert_eq!(join("a", "/b/c.md"), "b/c.md");
    }

    #[test]
    fn decodes_percent_escapes() {
        assert_eq!(decode("Data%20Mesh.md"), "Data Mesh.md");
        assert_eq!(decode("100%"), "100%");
    }
}
