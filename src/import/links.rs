//! Markdown links and site-generator shortcodes → rolebook links:
//! relative `x.md` links, site-absolute `/section/slug/` URLs, Zola's
//! `@/path.md` and Hugo's `{{< ref "x" >}}` / `{{< relref >}}` all become
//! `[text](slug.md#fragment)`. Other shortcodes stay as text and are listed.

use super::body::{Edit, Layout};
use super::convert::Ctx;
use super::report::Report;
use super::Format;
use crate::markdown::links::{is_unsafe_url, markdown_options};
use pulldown_cmark::{Event, LinkType, Parser, Tag};

/// What a link destination points at.
enum Target {
    /// An entry, with an optional `#fragment`.
    Entry(usize, Option<String>),
    /// Looks internal but nothing answers to it; the name `check` will show.
    Missing(String),
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
            Target::Missing(name) => {
                report.broken_links.push(format!("{}: {dest_url}", ctx.path()));
                if dest_url.to_lowercase().ends_with(".md") {
                    continue;
                }
                format!("<{}.md>", name.replace(['<', '>'], ""))
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
    match found {
        Some(id) => Target::Entry(id, fragment),
        None if last.is_empty() => Target::Other,
        None => Target::Missing(last.rsplit_once('.').map_or(last.clone(), |(s, _)| s.to_owned())),
    }
}

fn has_scheme(dest: &str) -> bool {
    let Some(colon) = dest.find(':') else { return false };
    let scheme = &dest[..colon];
    !scheme.is_empty() && scheme.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `a/b` + `../c.md` → `a/c.md`.
fn join(folder: &str, path: &str) -> String {
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
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

/// Hugo `{{< name … >}}` / `{{% name … %}}` and Zola `{{ name(…) }}` /
/// `{% name(…) %}`: `ref` and `relref` become links, the rest are listed.
pub fn shortcodes(body: &str, layout: &Layout, ctx: &Ctx<'_>, report: &mut Report) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut from = 0;
    while let Some(open) = [body[from..].find("{{"), body[from..].find("{%")].into_iter().flatten().min() {
        let open = from + open;
        from = open + 2;
        if layout.in_code(open) {
            continue;
        }
        let Some(found) = Shortcode::parse(&body[open..], ctx.format) else { continue };
        from = open + found.len;
        if matches!(found.name, "ref" | "relref") && ctx.format == Format::Hugo {
            edits.push(ref_edit(body, open, &found, ctx, report));
        } else if found.name != "end" {
            report.shortcodes.entry(found.name.to_owned()).or_default().push(ctx.path().to_owned());
        }
    }
    edits
}

struct Shortcode<'a> {
    name: &'a str,
    argument: Option<&'a str>,
    len: usize,
}

impl<'a> Shortcode<'a> {
    fn parse(text: &'a str, format: Format) -> Option<Shortcode<'a>> {
        let (close, inner_start) = match format {
            Format::Hugo if text.starts_with("{{<") => (">}}", 3),
            Format::Hugo if text.starts_with("{{%") => ("%}}", 3),
            Format::Zola if text.starts_with("{{") => ("}}", 2),
            Format::Zola if text.starts_with("{%") => ("%}", 2),
            _ => return None,
        };
        let end = text[inner_start..].find(close)? + inner_start;
        let inner = text[inner_start..end].trim();
        if inner.starts_with("/*") || inner.contains('\n') && format == Format::Zola && !inner.contains('(') {
            return None;
        }
        let inner = inner.trim_start_matches('/').trim_start();
        let name_end =
            inner.find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))).unwrap_or(inner.len());
        let name = &inner[..name_end];
        if name.is_empty()
            || (format == Format::Zola && name != "end" && !inner[name_end..].trim_start().starts_with('('))
        {
            return None;
        }
        let argument =
            inner[name_end..].split(['"', '\'']).nth(1).or_else(|| inner[name_end..].split_whitespace().next());
        Some(Shortcode { name, argument, len: end + close.len() })
    }
}

fn ref_edit(body: &str, open: usize, found: &Shortcode<'_>, ctx: &Ctx<'_>, report: &mut Report) -> Edit {
    let range = open..open + found.len;
    let argument = found.argument.unwrap_or("");
    let (path, fragment) = argument.split_once('#').map_or((argument, None), |(p, f)| (p, Some(f)));
    let last = path.trim_end_matches('/').rsplit('/').next().unwrap_or(path);
    let stem = last.strip_suffix(".md").unwrap_or(last);
    let found_id = ctx
        .index
        .by_path(path)
        .or_else(|| ctx.index.by_path(&join(&ctx.folder(), path)))
        .or_else(|| ctx.index.by_url(path))
        .or_else(|| ctx.resolve(stem, report));
    let in_link = body[..open].ends_with("](") || body[..open].ends_with("]( ");
    let fragment = fragment.map(|f| format!("#{f}")).unwrap_or_default();
    match found_id {
        Some(id) => {
            report.links_resolved += 1;
            let slug = &ctx.index.slugs[id];
            Edit::new(range, if in_link { format!("{slug}.md{fragment}") } else { format!("[[{slug}{fragment}]]") })
        }
        None => {
            report.broken_links.push(format!("{}: {argument}", ctx.path()));
            Edit::new(range, if in_link { format!("<{stem}.md>") } else { format!("[[{stem}]]") })
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

    #[test]
    fn parses_hugo_and_zola_shortcodes() {
        let hugo =
            Shortcode::parse("{{< ref \"roles/x.md#a\" >}} tail", Format::Hugo).map(|s| (s.name, s.argument, s.len));
        assert_eq!(hugo, Some(("ref", Some("roles/x.md#a"), 26)));
        let youtube = Shortcode::parse("{{% youtube abc %}}", Format::Hugo).map(|s| (s.name, s.argument));
        assert_eq!(youtube, Some(("youtube", Some("abc"))));
        let zola = Shortcode::parse("{{ gallery(n=2) }}", Format::Zola).map(|s| s.name);
        assert_eq!(zola, Some("gallery"));
        assert!(Shortcode::parse("{{title}}", Format::Zola).is_none());
        assert!(Shortcode::parse("{{< ref x >}}", Format::Obsidian).is_none());
    }
}
