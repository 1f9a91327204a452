//! Obsidian syntax → rolebook Markdown: `%% comments %%` dropped,
//! `> [!type] Title` call-outs turned into quotes with a bold first line,
//! `[[wikilinks]]` resolved to entry slugs, `![[embeds]]` turned into images
//! or into a link plus the target's summary. Code is never touched.

use super::body::{apply, escape_markdown, lines, Edit, Layout};
use super::convert::Ctx;
use super::report::Report;
use crate::slug::slugify;

/// Image extensions an `![[embed]]` shows inline.
const IMAGES: &[&str] = &["png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "avif"];

/// Drops `%% … %%` comments outside code. An unclosed one is kept and
/// reported (Obsidian would hide the rest of the note).
pub fn strip_comments(body: &str, path: &str, report: &mut Report) -> String {
    let layout = Layout::of(body);
    let marks: Vec<usize> = body.match_indices("%%").map(|(at, _)| at).filter(|&at| !layout.in_code(at)).collect();
    let mut edits = Vec::new();
    for pair in marks.chunks(2) {
        match pair {
            [start, end] => {
                edits.push(Edit::new(*start..end + 2, ""));
                report.comments += 1;
            }
            [start] => report.notes_for_people.push(format!("{path}: unclosed `%%` comment at byte {start} (kept)")),
            _ => {}
        }
    }
    apply(body, edits)
}

/// Call-out and wikilink edits for a body whose comments are gone.
pub fn edits(body: &str, layout: &Layout, ctx: &Ctx<'_>, report: &mut Report) -> Vec<Edit> {
    let mut edits = callouts(body, layout, report);
    for (start, line) in lines(body) {
        if layout.in_code(start) {
            continue;
        }
        edits.extend(wikilinks(start, line, layout, ctx, report));
        edits.extend(block_id(start, line));
    }
    edits
}

/// Call-out edits alone: Obsidian's `> [!info] Title` is also GitHub's
/// alert syntax (`> [!NOTE]`), which Hugo and MDN pages use.
pub fn callouts(body: &str, layout: &Layout, report: &mut Report) -> Vec<Edit> {
    let mut edits = Vec::new();
    let all: Vec<(usize, &str)> = lines(body).collect();
    for (n, &(start, line)) in all.iter().enumerate() {
        if layout.in_code(start) {
            continue;
        }
        let continues = all.get(n + 1).is_some_and(|(_, next)| next.trim_start().starts_with('>'));
        if let Some(callout) = callout(start, line, continues) {
            report.callouts += 1;
            edits.extend(callout);
        }
    }
    edits
}

/// `> [!faq]- ### Title` → `> **FAQ: Title**` (two edits, so links inside
/// the title are rewritten on their own).
fn callout(start: usize, line: &str, continues: bool) -> Option<Vec<Edit>> {
    let prefix_len = line.len() - line.trim_start_matches([' ', '>']).len();
    let prefix = &line[..prefix_len];
    if !prefix.contains('>') {
        return None;
    }
    let rest = &line[prefix_len..];
    let inner = rest.strip_prefix("[!")?;
    let close = inner.find(']')?;
    let kind = &inner[..close];
    if kind.is_empty() || !kind.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '_') {
        return None;
    }
    let after = inner[close + 1..].trim_start_matches(['+', '-']);
    let title = after.trim_start().trim_start_matches('#').trim();
    let marker_start = start + prefix_len;
    let title_start = start + line.len() - after.trim_start().trim_start_matches('#').trim_start().len();
    let title_end = title_start + title.len();
    let label = label(kind);
    let quote = prefix.trim_end();
    let tail = if continues { format!("\n{quote}") } else { String::new() };
    if title.is_empty() {
        return Some(vec![Edit::new(marker_start..start + line.len(), format!("**{label}**{tail}"))]);
    }
    Some(vec![
        Edit::new(marker_start..title_start, format!("**{label}: ")),
        Edit::new(title_end..title_end, format!("**{tail}")),
    ])
}

fn label(kind: &str) -> String {
    match kind.to_lowercase().as_str() {
        "faq" => "FAQ".into(),
        "tldr" => "TL;DR".into(),
        lower => crate::config::humanize(lower),
    }
}

/// Every `[[…]]` and `![[…]]` on one line.
fn wikilinks(start: usize, line: &str, layout: &Layout, ctx: &Ctx<'_>, report: &mut Report) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut from = 0;
    while let Some(open) = line[from..].find("[[").map(|i| from + i) {
        let Some(close) = line[open + 2..].find("]]").map(|i| open + 2 + i) else { break };
        from = close + 2;
        let at = start + open;
        if layout.in_code(at) || line[..open].ends_with('\\') {
            continue;
        }
        let embed = line[..open].ends_with('!');
        let begin = if embed { at - 1 } else { at };
        let original = &line[begin - start..close + 2];
        let link = Wikilink::parse(&line[open + 2..close]);
        let in_table = layout.in_table(at);
        let text = if embed {
            embed_text(&link, original, in_table, ctx, report)
        } else {
            link_text(&link, original, in_table, ctx, report)
        };
        if text != original {
            edits.push(Edit::new(begin..start + close + 2, text));
        }
    }
    edits
}

/// The parts of `[[target#fragment|display]]`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Wikilink<'a> {
    name: &'a str,
    fragment: Option<&'a str>,
    display: Option<&'a str>,
}

impl<'a> Wikilink<'a> {
    fn parse(inner: &'a str) -> Wikilink<'a> {
        let (target, display) = match inner.find('|') {
            Some(bar) => (inner[..bar].strip_suffix('\\').unwrap_or(&inner[..bar]), Some(inner[bar + 1..].trim())),
            None => (inner, None),
        };
        let (name, fragment) = match target.split_once('#') {
            Some((name, fragment)) => (name.trim(), Some(fragment.trim())),
            None => (target.trim(), None),
        };
        Wikilink { name, fragment, display: display.filter(|d| !d.is_empty()) }
    }

    /// The target's file name, without folders.
    fn shown_name(&self) -> &'a str {
        self.name.rsplit('/').next().unwrap_or(self.name)
    }

    /// What Obsidian shows when the link has no display text.
    fn shown(&self) -> String {
        let name = self.name.rsplit('/').next().unwrap_or(self.name);
        match self.fragment.filter(|f| !f.starts_with('^')) {
            Some(fragment) if name.is_empty() => fragment.to_owned(),
            Some(fragment) => format!("{name} > {fragment}"),
            None => name.to_owned(),
        }
    }
}

fn link_text(link: &Wikilink<'_>, original: &str, in_table: bool, ctx: &Ctx<'_>, report: &mut Report) -> String {
    let display = link.display.map_or_else(|| link.shown(), str::to_owned);
    if link.name.is_empty() {
        let Some(fragment) = link.fragment.filter(|f| !f.is_empty()) else { return original.to_owned() };
        report.links_same_page += 1;
        return format!("[{}](#{})", escape_markdown(&display), slugify(fragment));
    }
    match ctx.resolve(link.name, report) {
        Some(id) => {
            report.links_resolved += 1;
            let bar = if in_table { "\\|" } else { "|" };
            format!("[[{}{}{bar}{}]]", ctx.index.slugs[id], fragment_of(link, ctx, report), display.replace('|', "\\|"))
        }
        None if ctx.is_left_out(link.name) => {
            report.links_to_left_out += 1;
            escape_markdown(&display)
        }
        None => {
            report.broken_links.push(format!("{}: {}", ctx.path(), link.name));
            original.to_owned()
        }
    }
}

fn fragment_of(link: &Wikilink<'_>, ctx: &Ctx<'_>, report: &mut Report) -> String {
    match link.fragment.filter(|f| !f.is_empty()) {
        Some(block) if block.starts_with('^') => {
            report.notes_for_people.push(format!("{}: block reference `#{block}` dropped", ctx.path()));
            String::new()
        }
        Some(fragment) => format!("#{}", slugify(&plain_heading(fragment))),
        None => String::new(),
    }
}

fn embed_text(link: &Wikilink<'_>, original: &str, in_table: bool, ctx: &Ctx<'_>, report: &mut Report) -> String {
    let extension = link.name.rsplit_once('.').map(|(_, e)| e.to_lowercase());
    match extension.as_deref() {
        Some("md") | None => {}
        Some(ext) => return file_embed(link, IMAGES.contains(&ext), ctx),
    }
    let Some(id) = ctx.resolve(link.name, report) else {
        if ctx.is_left_out(link.name) {
            report.links_to_left_out += 1;
            return escape_markdown(link.display.unwrap_or_else(|| link.shown_name()));
        }
        report.broken_links.push(format!("{}: {} (transclusion)", ctx.path(), link.name));
        return original[1..].to_owned();
    };
    report.transclusions += 1;
    report.links_resolved += 1;
    let display = link.display.map_or_else(|| ctx.index.titles[id].clone(), str::to_owned);
    let bar = if in_table { "\\|" } else { "|" };
    let block = link.fragment.and_then(|f| f.strip_prefix('^'));
    let fragment = if block.is_some() { String::new() } else { fragment_of(link, ctx, report) };
    let link_text = format!("[[{}{fragment}{bar}{}]]", ctx.index.slugs[id], display.replace('|', "\\|"));
    let shown = match block {
        Some(block) => block_text(&ctx.notes[id].body, block),
        None => ctx.summaries[id].clone().filter(|_| link.fragment.is_none()),
    };
    match shown {
        Some(text) => format!("{link_text}: {}", escape_markdown(&text)),
        None => link_text,
    }
}

/// The plain text of the block marked `^id` in a body (the paragraph or
/// item whose last line ends with it).
fn block_text(body: &str, id: &str) -> Option<String> {
    let marker = format!("^{id}");
    let lines: Vec<&str> = body.lines().collect();
    let end = lines.iter().position(|l| l.trim_end().ends_with(&marker))?;
    let start = lines[..end].iter().rposition(|l| l.trim().is_empty()).map_or(0, |i| i + 1);
    let mut text = lines[start..=end].join("\n");
    if let Some(cut) = text.rfind(&marker) {
        text.truncate(cut);
    }
    crate::markdown::summary::from_body(&text)
}

/// A block id `^abc` closing a line (Obsidian hides it).
fn block_id(start: usize, line: &str) -> Option<Edit> {
    let trimmed = line.trim_end();
    let caret = trimmed.rfind('^')?;
    let id = &trimmed[caret + 1..];
    let before = &trimmed[..caret];
    let valid = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    (valid && (before.is_empty() || before.ends_with(' ')))
        .then(|| Edit::new(start + before.trim_end().len()..start + trimmed.len(), ""))
}

/// Heading text as shown: `[SQL Variants](http://…)` → `SQL Variants`.
fn plain_heading(fragment: &str) -> String {
    let mut out = String::new();
    let mut rest = fragment;
    while let Some(at) = rest.find("](") {
        out.push_str(&rest[..at]);
        rest = rest[at + 2..].split_once(')').map_or("", |(_, after)| after);
    }
    out.push_str(rest);
    out.replace(['[', ']'], "")
}

/// `![[Assets/logo.png|100]]` → `![logo](<Assets/logo.png>)`.
fn file_embed(link: &Wikilink<'_>, image: bool, ctx: &Ctx<'_>) -> String {
    let found = ctx.file(link.name);
    let path = found.unwrap_or(link.name);
    let file_name = link.name.rsplit('/').next().unwrap_or(link.name);
    let is_size = |d: &str| d.split('x').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    let alt = link
        .display
        .filter(|d| !is_size(d))
        .unwrap_or_else(|| file_name.rsplit_once('.').map_or(file_name, |(s, _)| s));
    // Found or not, the file is reported when it is copied (see `assets`).
    let bang = if image { "!" } else { "" };
    format!("{bang}[{}](<{}>)", escape_markdown(alt), path.replace(['<', '>'], ""))
}

/// Obsidian `#tags` in prose (not headings, code, HTML or URLs).
pub fn inline_tags(body: &str, layout: &Layout) -> Vec<String> {
    let mut tags = Vec::new();
    for (start, line) in lines(body) {
        if layout.in_code(start) || layout.in_html(start) {
            continue;
        }
        let bytes = line.as_bytes();
        for (i, _) in line.match_indices('#') {
            let after_space = i == 0 || bytes[i - 1].is_ascii_whitespace();
            let tag: String =
                line[i + 1..].chars().take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '/')).collect();
            let tag = tag.trim_end_matches('/');
            if after_space && !tag.is_empty() && !tag.chars().all(|c| c.is_ascii_digit()) && !layout.in_code(start + i)
            {
                tags.push(tag.to_lowercase());
            }
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_comments_but_not_in_code() {
        let mut report = Report::default();
        let body = "a %% hidden\nstill %% b\n\n```mermaid\n%%{init: {}}%%\n```\n";
        assert_eq!(strip_comments(body, "x.md", &mut report), "a  b\n\n```mermaid\n%%{init: {}}%%\n```\n");
        assert_eq!(report.comments, 1);
    }

    #[test]
    fn parses_wikilink_parts_with_escaped_pipes() {
        let link = Wikilink::parse("Amazon Web Services\\|Amazon Web Services (AWS)");
        assert_eq!(link.name, "Amazon Web Services");
        assert_eq!(link.display, Some("Amazon Web Services (AWS)"));
        let link = Wikilink::parse("Skills#Junior Data Engineer");
        assert_eq!(link.fragment, Some("Junior Data Engineer"));
        assert_eq!(link.shown(), "Skills > Junior Data Engineer");
        assert_eq!(Wikilink::parse("#Top").shown(), "Top");
    }

    #[test]
    fn reads_headings_that_hold_links_as_shown() {
        assert_eq!(plain_heading("[SQL Variants](http://x.y/db/)"), "SQL Variants");
        assert_eq!(plain_heading("Plain"), "Plain");
    }

    #[test]
    fn finds_and_hides_block_ids() {
        let body = "Intro.\n\nData engineering is building systems. ^344bc8\n\nMore.";
        assert_eq!(block_text(body, "344bc8").as_deref(), Some("Data engineering is building systems."));
        let line = "Data engineering is building systems. ^344bc8";
        assert_eq!(block_id(0, line), Some(Edit::new(37..line.len(), "")));
        assert_eq!(block_id(0, "x^2"), None);
    }

    #[test]
    fn turns_callouts_into_bold_first_lines() {
        let body = "> [!faq]- ### What is it?\n> ![[x]]\n\n> [!info]\n";
        let edits: Vec<Edit> = lines(body).filter_map(|(s, l)| callout(s, l, l.contains("faq"))).flatten().collect();
        assert_eq!(apply(body, edits), "> **FAQ: What is it?**\n>\n> ![[x]]\n\n> **Info**\n");
    }

    #[test]
    fn finds_inline_tags_but_not_headings_or_colors() {
        let body = "# Heading\n\nSee #placeholder/description and #seedling, not a#b.\n\n<div style=\"color: #EEE\">\n</div>\n";
        assert_eq!(inline_tags(body, &Layout::of(body)), ["placeholder/description", "seedling"]);
    }
}
