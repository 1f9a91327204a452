//! One note's body, source syntax → rolebook Markdown: comments dropped,
//! call-outs, wikilinks, embeds, Markdown links, shortcodes and macros rewritten,
//! a leading `# Title` that repeats the title removed. Code is untouched.

use super::body::{apply, Layout};
use super::index::Index;
use super::report::Report;
use super::source::Note;
use super::{kumascript, links, obsidian, shortcodes, Format};
use crate::slug::name_key;

/// What rewriting one body needs to know about the whole source.
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    /// Source format.
    pub format: Format,
    /// All notes.
    pub notes: &'a [Note],
    /// Slugs, titles, lookups.
    pub index: &'a Index,
    /// The summary each note will have, for transclusions.
    pub summaries: &'a [Option<String>],
    /// Non-Markdown files of the source, relative to its root.
    pub files: &'a [String],
    /// Pages left out (section indexes…): links to them keep their text.
    pub left_out: &'a Index,
    /// The note being rewritten.
    pub id: usize,
}

impl Ctx<'_> {
    /// The current note's path, for the report.
    pub fn path(&self) -> &str {
        &self.notes[self.id].path
    }

    /// The current note's folder, `/`-separated.
    pub fn folder(&self) -> String {
        self.notes[self.id].folders().join("/")
    }

    /// Resolves a name the way the source tool would.
    pub fn resolve(&self, name: &str, report: &mut Report) -> Option<usize> {
        self.index.by_name(name, self.path(), report)
    }

    /// Whether a name points at a page the import left out.
    pub fn is_left_out(&self, name: &str) -> bool {
        self.left_out.by_name(name, self.path(), &mut Report::default()).is_some()
    }

    /// A source file by path or by file name, case-insensitively.
    pub fn file(&self, name: &str) -> Option<&str> {
        let key = name_key(name.trim_start_matches('/'));
        let suffix = format!("/{key}");
        let matches = |f: &&String| {
            let file = name_key(f);
            file == key || file.ends_with(&suffix)
        };
        self.files.iter().find(matches).map(String::as_str)
    }
}

/// The body with Obsidian and HTML comments dropped (summaries are read
/// from this).
pub fn prepared(note: &Note, format: Format, report: &mut Report) -> String {
    let body = match format {
        Format::Obsidian | Format::Markdown => obsidian::strip_comments(&note.body, &note.path, report),
        Format::Hugo | Format::Zola | Format::Mdn => note.body.clone(),
    };
    strip_html_comments(&body, report)
}

/// A prepared body as prose: macros and shortcodes reduced to their text,
/// for finding a summary.
pub fn prose(body: &str, format: Format) -> String {
    match format {
        Format::Mdn => kumascript::plain(body),
        Format::Hugo | Format::Zola => shortcodes::plain(body, format),
        Format::Obsidian | Format::Markdown => without_block_ids(body),
    }
}

/// Obsidian's `^block-id` at the end of a line is not text.
fn without_block_ids(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    for line in body.split_inclusive('\n') {
        let (text, end) = line.split_at(line.trim_end().len());
        let cut = text.rfind(" ^").filter(|&at| {
            let id = &text[at + 2..];
            !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
        out.push_str(cut.map_or(text, |at| &text[..at]));
        out.push_str(end);
    }
    out
}

/// Drops `<!-- … -->` outside code (an unclosed one runs to the end, as
/// in HTML).
fn strip_html_comments(body: &str, report: &mut Report) -> String {
    if !body.contains("<!--") {
        return body.to_owned();
    }
    let layout = Layout::of(body);
    let mut edits = Vec::new();
    let mut from = 0;
    while let Some(start) = body[from..].find("<!--").map(|i| from + i) {
        if layout.in_code(start) {
            from = start + 4;
            continue;
        }
        let end = body[start + 4..].find("-->").map_or(body.len(), |i| start + 4 + i + 3);
        edits.push(super::body::Edit::new(start..end, ""));
        report.html_comments += 1;
        from = end;
    }
    apply(body, edits)
}

/// Rewrites a body (comments already dropped); returns it with the inline
/// tags found in it.
pub fn body(body: &str, title: &str, ctx: &Ctx<'_>, report: &mut Report) -> (String, Vec<String>) {
    let body = drop_title_heading(body, title);
    let layout = Layout::of(&body);
    let mut edits = links::markdown_links(&body, ctx, report);
    let mut tags = Vec::new();
    match ctx.format {
        Format::Obsidian | Format::Markdown => {
            edits.extend(obsidian::edits(&body, &layout, ctx, report));
            if ctx.format == Format::Obsidian {
                tags = obsidian::inline_tags(&body, &layout);
            }
        }
        Format::Hugo | Format::Zola => {
            edits.extend(shortcodes::edits(&body, &layout, ctx, report));
            edits.extend(obsidian::callouts(&body, &layout, report));
        }
        Format::Mdn => {
            edits.extend(kumascript::edits(&body, &layout, ctx, report));
            edits.extend(obsidian::callouts(&body, &layout, report));
        }
    }
    (tidy(&apply(&body, edits)), tags)
}

/// At most one blank line in a row outside fenced code (dropped macros and
/// comments leave gaps).
fn tidy(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut blanks = 0;
    let mut fence: Option<String> = None;
    for line in body.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let marker: String = trimmed.chars().take_while(|c| *c == '`' || *c == '~').collect();
        match &fence {
            Some(open) if trimmed.trim_end() == open.as_str() => fence = None,
            None if marker.len() >= 3 => fence = Some(marker),
            _ => {}
        }
        if fence.is_none() && line.trim().is_empty() {
            blanks += 1;
            if blanks > 1 {
                continue;
            }
        } else {
            blanks = 0;
        }
        out.push_str(line);
    }
    let start = out.len() - out.trim_start_matches(['\n', '\r']).len();
    out[start..].to_owned()
}

/// Drops a first `# Heading` that only repeats the title (the entry page
/// shows the title already).
fn drop_title_heading(body: &str, title: &str) -> String {
    let start = body.len() - body.trim_start().len();
    let first = body[start..].lines().next().unwrap_or("");
    let heading = first.strip_prefix("# ").map(str::trim);
    match heading {
        Some(text) if name_key(text) == name_key(title) => {
            let rest = &body[start + first.len()..];
            rest.trim_start_matches(['\r', '\n']).to_owned()
        }
        _ => body.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_prose_without_block_ids() {
        assert_eq!(
            without_block_ids("Data engineering moves data. ^344bc8\nx^2 stays\n"),
            "Data engineering moves data.\nx^2 stays\n"
        );
    }

    #[test]
    fn keeps_one_blank_line_outside_code() {
        assert_eq!(tidy("\n\na\n\n\n\nb\n```\n\n\n```\n"), "a\n\nb\n```\n\n\n```\n");
    }

    #[test]
    fn drops_a_heading_that_repeats_the_title() {
        assert_eq!(drop_title_heading("\n# Queue\n\nA queue is…\n", "queue"), "A queue is…\n");
        assert_eq!(drop_title_heading("# Other\n\ntext", "Queue"), "# Other\n\ntext");
    }
}
