//! One note's body, source syntax → rolebook Markdown: comments dropped,
//! call-outs, wikilinks, embeds, Markdown links and shortcodes rewritten,
//! a leading `# Title` that repeats the title removed. Code is untouched.

use super::body::{apply, Layout};
use super::index::Index;
use super::report::Report;
use super::source::Note;
use super::{links, obsidian, Format};
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

/// The body with Obsidian comments dropped (summaries are read from this).
pub fn without_comments(note: &Note, format: Format, report: &mut Report) -> String {
    match format {
        Format::Obsidian | Format::Markdown => obsidian::strip_comments(&note.body, &note.path, report),
        Format::Hugo | Format::Zola => note.body.clone(),
    }
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
        Format::Hugo | Format::Zola => edits.extend(links::shortcodes(&body, &layout, ctx, report)),
    }
    (apply(&body, edits), tags)
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
    fn drops_a_heading_that_repeats_the_title() {
        assert_eq!(drop_title_heading("\n# Queue\n\nA queue is…\n", "queue"), "A queue is…\n");
        assert_eq!(drop_title_heading("# Other\n\ntext", "Queue"), "# Other\n\ntext");
    }
}
