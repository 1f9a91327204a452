//! Site-generator shortcodes → Markdown. Hugo `{{< name … >}}` /
//! `{{% name … %}}` (closed by `{{< /name >}}`) and Zola `{{ name(…) }}` /
//! `{% name(…) %} … {% end %}`: `ref`/`relref` become links, `figure` an
//! image, `highlight` a fenced block, notices and details quotes, video and
//! gist embeds links; a paired shortcode nobody knows keeps its content, a
//! single one is kept as inline code. Every one is counted in the report,
//! and no raw `{{` is left.

use super::body::{escape_markdown, Edit, Layout};
use super::convert::Ctx;
use super::report::Report;
use super::Format;
use std::ops::Range;

/// One shortcode tag in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// Byte range of the tag.
    pub range: Range<usize>,
    /// Name (`figure`); `end` closes any Zola block.
    pub name: String,
    /// Positional arguments, unquoted.
    pub positional: Vec<String>,
    /// `key=value` arguments, unquoted.
    pub named: Vec<(String, String)>,
    /// A closing tag (`{{< /notice >}}`, `{% end %}`).
    pub closing: bool,
    /// Hugo's escaped form `{{</* x */>}}`, shown literally.
    pub escaped: bool,
}

impl Tag {
    fn arg(&self, key: &str, position: usize) -> Option<&str> {
        self.named.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v.as_str()).or_else(|| {
            self.positional.get(position).map(String::as_str).filter(|_| self.named.is_empty() || position == 0)
        })
    }

    /// The tag without its braces, as inline code.
    fn as_code(&self, body: &str) -> String {
        let text = &body[self.range.clone()];
        let inner = text.trim_start_matches(['{', '<', '%']).trim_end_matches(['}', '>', '%']);
        let inner = inner.trim().trim_start_matches("/*").trim_end_matches("*/").trim();
        format!("`{}`", inner.replace('`', "'").replace('\n', " "))
    }
}

/// Every shortcode tag outside code, in order.
pub fn find(body: &str, layout: &Layout, format: Format) -> Vec<Tag> {
    let mut tags = Vec::new();
    let mut from = 0;
    while let Some(open) = [body[from..].find("{{"), body[from..].find("{%")].into_iter().flatten().min() {
        let open = from + open;
        from = open + 2;
        if layout.in_code(open) {
            continue;
        }
        if let Some(tag) = parse(body, open, format) {
            from = tag.range.end;
            tags.push(tag);
        }
    }
    tags
}

fn parse(body: &str, at: usize, format: Format) -> Option<Tag> {
    let text = &body[at..];
    let (close, inner_start) = match format {
        Format::Hugo if text.starts_with("{{<") => (">}}", 3),
        Format::Hugo if text.starts_with("{{%") => ("%}}", 3),
        Format::Zola if text.starts_with("{{") => ("}}", 2),
        Format::Zola if text.starts_with("{%") => ("%}", 2),
        _ => return None,
    };
    let end = text[inner_start..].find(close)? + inner_start;
    let mut inner = text[inner_start..end].trim();
    let escaped = inner.starts_with("/*");
    if escaped {
        inner = inner.trim_start_matches("/*").trim_end_matches("*/").trim();
    }
    let closing = inner.starts_with('/') || (format == Format::Zola && inner == "end");
    let inner = inner.trim_start_matches('/').trim_end_matches('/').trim();
    let name_end = inner.find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))).unwrap_or(inner.len());
    let name = &inner[..name_end];
    let rest = inner[name_end..].trim();
    if name.is_empty() || format == Format::Zola && name != "end" && !rest.starts_with('(') {
        return None;
    }
    let rest = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')).unwrap_or(rest);
    let (positional, named) = arguments(rest);
    Some(Tag { range: at..at + end + close.len(), name: name.to_owned(), positional, named, closing, escaped })
}

/// `a "b c" key="v", k2=3` → positional `[a, b c]`, named `[(key, v), (k2, 3)]`.
fn arguments(text: &str) -> (Vec<String>, Vec<(String, String)>) {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    let mut quoted = false;
    for c in text.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => word.push(c),
            None if matches!(c, '"' | '\'' | '`') => {
                quote = Some(c);
                quoted = true;
            }
            None if c.is_whitespace() || c == ',' => {
                if !word.is_empty() || quoted {
                    words.push(std::mem::take(&mut word));
                }
                quoted = false;
            }
            None => word.push(c),
        }
    }
    if !word.is_empty() || quoted {
        words.push(word);
    }
    let mut positional = Vec::new();
    let mut named = Vec::new();
    for word in words {
        match word.split_once('=') {
            Some((key, value)) if !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_') => {
                named.push((key.to_owned(), value.to_owned()));
            }
            _ => positional.push(word),
        }
    }
    (positional, named)
}

/// Opening tags paired with their closing tag, and lone tags.
fn pair(tags: &[Tag]) -> Vec<(usize, Option<usize>)> {
    let mut closes: Vec<Option<usize>> = vec![None; tags.len()];
    let mut closed = vec![false; tags.len()];
    let mut open: Vec<usize> = Vec::new();
    for (i, tag) in tags.iter().enumerate() {
        if !tag.closing || tag.escaped {
            open.push(i);
            continue;
        }
        let matching = open.iter().rposition(|&o| tag.name == "end" || tags[o].name == tag.name);
        if let Some(at) = matching {
            let o = open[at];
            open.truncate(at);
            closes[o] = Some(i);
            closed[i] = true;
        }
    }
    (0..tags.len()).filter(|&i| !tags[i].closing || tags[i].escaped || !closed[i]).map(|i| (i, closes[i])).collect()
}

/// Shortcodes that show a note, quoted with a bold label.
const NOTICES: &[&str] = &[
    "notice",
    "hint",
    "alert",
    "callout",
    "admonition",
    "note",
    "tip",
    "info",
    "warning",
    "caution",
    "important",
    "danger",
    "details",
    "expand",
    "quote",
];

/// Edits that turn every shortcode of a body into Markdown.
pub fn edits(body: &str, layout: &Layout, ctx: &Ctx<'_>, report: &mut Report) -> Vec<Edit> {
    let tags = find(body, layout, ctx.format);
    let mut edits = Vec::new();
    for (open, close) in pair(&tags) {
        let tag = &tags[open];
        let name = tag.name.to_lowercase();
        match close.map(|c| &tags[c]) {
            Some(end) => {
                let how = paired(body, tag, end, &name, &mut edits);
                report.count_macro(how, &tag.name);
            }
            None if tag.closing && !tag.escaped => {
                edits.push(Edit::new(tag.range.clone(), ""));
                report.count_macro("dropped", &tag.name);
            }
            None => {
                let (text, how) = single(body, tag, &name, ctx, report);
                if how == "kept as inline code" {
                    report.shortcodes.entry(tag.name.clone()).or_default().push(ctx.path().to_owned());
                }
                report.count_macro(how, &tag.name);
                edits.push(Edit::new(tag.range.clone(), text));
            }
        }
    }
    edits
}

fn paired(body: &str, tag: &Tag, end: &Tag, name: &str, edits: &mut Vec<Edit>) -> &'static str {
    let inner = tag.range.end..end.range.start;
    if matches!(name, "comment") {
        edits.push(Edit::new(tag.range.start..end.range.end, ""));
        return "dropped";
    }
    if matches!(name, "highlight" | "code") {
        let language = tag.arg("lang", 0).unwrap_or("");
        let lead = if body[inner.clone()].starts_with('\n') { "" } else { "\n" };
        let tail = if body[inner].ends_with('\n') { "" } else { "\n" };
        edits.push(Edit::new(tag.range.clone(), format!("```{language}{lead}")));
        edits.push(Edit::new(end.range.clone(), format!("{tail}```")));
        return "converted";
    }
    if NOTICES.contains(&name) {
        let kind = if matches!(name, "notice" | "hint" | "alert" | "callout" | "admonition") {
            tag.arg("type", 0).unwrap_or(name)
        } else {
            name
        };
        let title = tag.arg("title", 1).or_else(|| tag.arg("summary", 0).filter(|_| name == "details"));
        let label = match title {
            Some(title) if name == "details" || name == "expand" => escape_markdown(title),
            Some(title) => format!("{}: {}", crate::config::humanize(kind), escape_markdown(title)),
            None => crate::config::humanize(kind),
        };
        let same_line = !body[inner.clone()].starts_with('\n');
        let after_label = if same_line { " " } else { "" };
        edits.push(Edit::new(tag.range.clone(), format!("> **{label}**{after_label}")));
        for (at, _) in body[inner.clone()].match_indices('\n') {
            let line = inner.start + at + 1;
            if line < end.range.start {
                edits.push(Edit::new(line..line, "> "));
            }
        }
        edits.push(Edit::new(end.range.clone(), ""));
        return "converted";
    }
    // A wrapper nobody knows: its content stays, its tags go; a tab's name
    // becomes a small heading (never a summary).
    let label = tag.arg("name", 0).or_else(|| tag.arg("title", 0)).filter(|_| matches!(name, "tab" | "tabs"));
    edits.push(Edit::new(
        tag.range.clone(),
        label.map(|l| format!("#### {}\n", escape_markdown(l))).unwrap_or_default(),
    ));
    edits.push(Edit::new(end.range.clone(), ""));
    "unwrapped (content kept)"
}

fn single(body: &str, tag: &Tag, name: &str, ctx: &Ctx<'_>, report: &mut Report) -> (String, &'static str) {
    if tag.escaped {
        return (tag.as_code(body), "converted");
    }
    let first = tag.arg("id", 0).unwrap_or("");
    let link = |text: &str, url: String| (format!("[{text}]({url})"), "converted");
    match name {
        "ref" | "relref" if ctx.format == Format::Hugo => {
            (super::links::ref_link(body, tag.range.clone(), tag.arg("path", 0), ctx, report), "converted")
        }
        "figure" | "img" | "image" => match tag.arg("src", 0) {
            Some(src) => {
                let alt = tag.arg("alt", 9).or_else(|| tag.arg("caption", 9)).or_else(|| tag.arg("title", 9));
                let title = tag.arg("caption", 9).map(|c| format!(" \"{}\"", c.replace('"', "'"))).unwrap_or_default();
                (
                    format!("![{}](<{}>{title})", escape_markdown(alt.unwrap_or("")), src.replace(['<', '>'], "")),
                    "converted",
                )
            }
            None => (String::new(), "dropped"),
        },
        "youtube" if !first.is_empty() => link("Video", format!("https://www.youtube.com/watch?v={}", url_part(first))),
        "vimeo" if !first.is_empty() => link("Video", format!("https://vimeo.com/{}", url_part(first))),
        "gist" if tag.positional.len() >= 2 => {
            let (user, id) = (url_part(&tag.positional[0]), url_part(&tag.positional[1]));
            link("Gist", format!("https://gist.github.com/{user}/{id}"))
        }
        "tweet" | "x" if tag.arg("user", 0).is_some() && tag.arg("id", 1).is_some() => {
            let (user, id) = (url_part(tag.arg("user", 0).unwrap_or("")), url_part(tag.arg("id", 1).unwrap_or("")));
            link("Post", format!("https://x.com/{user}/status/{id}"))
        }
        _ if tag.arg("term_id", 99).or_else(|| tag.arg("term", 99)).is_some() => {
            (term_link(tag, ctx, report), "converted")
        }
        "param" | "toc" | "readfile" | "comment" => (String::new(), "dropped"),
        _ => (tag.as_code(body), "kept as inline code"),
    }
}

/// A glossary shortcode (`glossary_tooltip text="pods" term_id="pod"`,
/// `glossary_definition term_id="pod"`) → a wikilink to the term.
fn term_link(tag: &Tag, ctx: &Ctx<'_>, report: &mut Report) -> String {
    let term = tag.arg("term_id", 99).or_else(|| tag.arg("term", 99)).unwrap_or("");
    let text = tag.arg("text", 99).unwrap_or(term).replace('|', "\\|").replace(['[', ']'], "");
    match ctx.resolve(term, report).or_else(|| ctx.resolve(&term.replace(['-', '_'], " "), report)) {
        Some(id) => {
            report.links_resolved += 1;
            format!("[[{}|{text}]]", ctx.index.slugs[id])
        }
        None => {
            report.broken_links.push(format!("{}: {term}", ctx.path()));
            format!("[[{}|{text}]]", term.replace(['[', ']', '|', '#'], ""))
        }
    }
}

fn url_part(text: &str) -> String {
    text.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')).collect()
}

/// The body as plain prose for finding a summary: every tag removed (a
/// `comment` block with its content).
pub fn plain(body: &str, format: Format) -> String {
    let layout = Layout::of(body);
    let tags = find(body, &layout, format);
    let mut edits = Vec::new();
    for (open, close) in pair(&tags) {
        let tag = &tags[open];
        match close.map(|c| &tags[c]) {
            Some(end) if tag.name.eq_ignore_ascii_case("comment") => {
                edits.push(Edit::new(tag.range.start..end.range.end, ""));
            }
            Some(end) => {
                edits.push(Edit::new(tag.range.clone(), ""));
                edits.push(Edit::new(end.range.clone(), ""));
            }
            None => {
                let term = tag.arg("term_id", 99).or_else(|| tag.arg("term", 99));
                let text = tag.arg("text", 99).or(term).unwrap_or("");
                edits.push(Edit::new(tag.range.clone(), text));
            }
        }
    }
    super::body::apply(body, edits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(body: &str, format: Format) -> Vec<Tag> {
        find(body, &Layout::of(body), format)
    }

    #[test]
    fn parses_hugo_and_zola_tags() {
        let found = tags("{{< figure src=\"a b.png\" alt='x' >}} {{% notice tip %}}t{{% /notice %}}", Format::Hugo);
        assert_eq!(found[0].name, "figure");
        assert_eq!(found[0].named, [("src".into(), "a b.png".into()), ("alt".into(), "x".into())]);
        assert_eq!(found[1].positional, ["tip"]);
        assert!(found[2].closing && found[2].name == "notice");
        let zola = tags("{{ gallery(n=2) }} {% note(kind=\"x\") %}t{% end %} {{title}}", Format::Zola);
        assert_eq!(zola.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["gallery", "note", "end"]);
        assert!(tags("`{{< x >}}`", Format::Hugo).is_empty());
        assert!(tags("{{< ref x >}}", Format::Obsidian).is_empty());
    }

    #[test]
    fn pairs_tags_and_leaves_lone_ones() {
        let body = "{{< a >}}{{< b >}}x{{< /b >}}{{< /a >}}{{< c >}}{{< /zzz >}}";
        let found = tags(body, Format::Hugo);
        assert_eq!(pair(&found), [(0, Some(3)), (1, Some(2)), (4, None), (5, None)]);
    }

    #[test]
    fn survives_broken_and_odd_tags() {
        for text in
            ["{{<", "{{< >}}", "{{< / >}}", "{{% é ü %}}", "{{</* x */>}}", "{{< a \"b >}}", "{% end %}", "{{ x( }}"]
        {
            for format in [Format::Hugo, Format::Zola] {
                let _ = plain(text, format);
                let tags = find(text, &Layout::of(text), format);
                let _ = pair(&tags);
            }
        }
        let escaped = tags("{{</* figure src=\"x\" */>}}", Format::Hugo);
        assert!(escaped[0].escaped && escaped[0].as_code("{{</* figure src=\"x\" */>}}") == "`figure src=\"x\"`");
    }

    #[test]
    fn plain_text_drops_every_tag() {
        let body = "{{< youtube x >}}\n\nA {{< b >}}bold{{< /b >}} word.{{< comment >}}no{{< /comment >}}\n";
        assert_eq!(plain(body, Format::Hugo), "\n\nA bold word.\n");
        let tooltip = "Runs {{< glossary_tooltip text=\"containers\" term_id=\"container\" >}} on a node.";
        assert_eq!(plain(tooltip, Format::Hugo), "Runs containers on a node.");
    }
}
