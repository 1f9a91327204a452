//! What an import did: counts of what was mapped, lists of what could not
//! be, and of what needs a person. Rendered as plain text for the terminal
//! and for `import-report.txt` in the new site.

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Items shown per list on the terminal; the file has them all.
const SHOWN: usize = 12;

/// The import report. Lists hold one line per item, sorted when rendered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// `obsidian`, `hugo`, `zola` or `markdown`, and why.
    pub format: String,
    /// Notes read.
    pub notes: usize,
    /// Entries written.
    pub written: usize,
    /// Of which drafts (`draft: true` or `publish: false`).
    pub drafts: usize,
    /// Kind key → number of entries.
    pub kinds: BTreeMap<String, usize>,
    /// Summaries taken from the first paragraph.
    pub summaries_derived: usize,
    /// Links rewritten to entries.
    pub links_resolved: usize,
    /// Same-page heading links.
    pub links_same_page: usize,
    /// Transclusions turned into a link plus the target's summary.
    pub transclusions: usize,
    /// Call-outs turned into quotes with a bold first line.
    pub callouts: usize,
    /// Obsidian comments dropped.
    pub comments: usize,
    /// Aliases kept.
    pub aliases_kept: usize,
    /// Tags kept (sum over entries).
    pub tags_kept: usize,
    /// `file: target` for links to notes that do not exist.
    pub broken_links: Vec<String>,
    /// `alias: files` claimed by more than one note (left out of all).
    pub ambiguous_aliases: Vec<String>,
    /// Aliases that name another note (left out).
    pub alias_conflicts: Vec<String>,
    /// Path-like aliases (old locations, URLs), dropped.
    pub path_aliases: Vec<String>,
    /// Link targets more than one note answers to.
    pub ambiguous_links: Vec<String>,
    /// Slugs changed because of a collision or a reserved name.
    pub slug_changes: Vec<String>,
    /// Titles changed because two notes had the same one.
    pub title_changes: Vec<String>,
    /// Embedded images not found in the source.
    pub missing_images: Vec<String>,
    /// Embedded images found in the source (not copied).
    pub images: Vec<String>,
    /// Shortcode name → files using it.
    pub shortcodes: BTreeMap<String, Vec<String>>,
    /// Unknown front-matter key → files using it.
    pub unknown_fields: BTreeMap<String, Vec<String>>,
    /// Notes left without a summary.
    pub no_summary: Vec<String>,
    /// Front matter that could not be read (`file:line:col: message`).
    pub yaml_errors: Vec<String>,
    /// Files skipped, and why.
    pub skipped: Vec<String>,
    /// Other things worth a look (unclosed comments, block references…).
    pub notes_for_people: Vec<String>,
}

impl Report {
    /// Whether anything needs a person.
    pub fn needs_a_person(&self) -> usize {
        self.broken_links.len()
            + self.ambiguous_aliases.len()
            + self.alias_conflicts.len()
            + self.ambiguous_links.len()
            + self.slug_changes.len()
            + self.title_changes.len()
            + self.missing_images.len()
            + self.shortcodes.len()
            + self.no_summary.len()
            + self.yaml_errors.len()
            + self.notes_for_people.len()
    }

    /// The report as text; `all` lists every item, else long lists are cut.
    pub fn render(&self, all: bool) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "format: {}", self.format);
        let _ = writeln!(out, "\nMapped");
        let _ = writeln!(out, "  {} notes read, {} entries written ({} drafts)", self.notes, self.written, self.drafts);
        let kinds: Vec<String> = self.kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
        let _ = writeln!(out, "  kinds: {}", kinds.join(", "));
        let _ = writeln!(out, "  {} summaries taken from the first paragraph", self.summaries_derived);
        let _ = writeln!(
            out,
            "  {} links to entries rewritten, {} same-page links, {} transclusions",
            self.links_resolved, self.links_same_page, self.transclusions
        );
        let _ = writeln!(
            out,
            "  {} call-outs, {} comments dropped, {} aliases and {} tags kept",
            self.callouts, self.comments, self.aliases_kept, self.tags_kept
        );
        let _ = writeln!(out, "\nNot mapped");
        list(&mut out, "path-like aliases dropped (old locations or URLs)", &self.path_aliases, all);
        map_list(&mut out, "front-matter fields left out", &self.unknown_fields, all);
        list(&mut out, "images found but not copied (rolebook does not publish content images)", &self.images, all);
        list(&mut out, "files skipped", &self.skipped, all);
        let _ = writeln!(out, "\nNeeds a person ({})", self.needs_a_person());
        list(
            &mut out,
            "links to notes that do not exist (kept as [[links]]: `check` reports them)",
            &self.broken_links,
            all,
        );
        list(&mut out, "aliases claimed by several notes (left out of all of them)", &self.ambiguous_aliases, all);
        list(&mut out, "aliases naming another note (left out)", &self.alias_conflicts, all);
        list(&mut out, "link targets several notes answer to (first one used)", &self.ambiguous_links, all);
        list(&mut out, "slugs changed", &self.slug_changes, all);
        list(&mut out, "titles changed", &self.title_changes, all);
        list(&mut out, "embedded images missing from the source", &self.missing_images, all);
        map_list(&mut out, "unknown shortcodes (left as text)", &self.shortcodes, all);
        list(&mut out, "notes without a summary", &self.no_summary, all);
        list(&mut out, "front matter that could not be read (title from the file name)", &self.yaml_errors, all);
        list(&mut out, "other", &self.notes_for_people, all);
        out
    }
}

fn list(out: &mut String, title: &str, items: &[String], all: bool) {
    if items.is_empty() {
        return;
    }
    let mut items: Vec<&String> = items.iter().collect();
    items.sort();
    let _ = writeln!(out, "  {title}: {}", items.len());
    let shown = if all { items.len() } else { SHOWN.min(items.len()) };
    for item in &items[..shown] {
        let _ = writeln!(out, "    - {item}");
    }
    if shown < items.len() {
        let _ = writeln!(out, "    … and {} more (see import-report.txt)", items.len() - shown);
    }
}

fn map_list(out: &mut String, title: &str, map: &BTreeMap<String, Vec<String>>, all: bool) {
    let items: Vec<String> = map
        .iter()
        .map(|(key, files)| {
            let mut files = files.clone();
            files.sort();
            files.dedup();
            let shown: Vec<&str> = files.iter().take(3).map(String::as_str).collect();
            let more = if files.len() > 3 { format!(", … {} files", files.len()) } else { String::new() };
            format!("`{key}` in {}{more}", shown.join(", "))
        })
        .collect();
    list(out, title, &items, all);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_counts_and_cuts_long_lists() {
        let report = Report {
            format: "obsidian".into(),
            broken_links: (0..20).map(|i| format!("a.md: T{i:02}")).collect(),
            ..Report::default()
        };
        let short = report.render(false);
        assert!(short.contains("… and 8 more"), "{short}");
        assert!(short.contains("Needs a person (20)"), "{short}");
        assert!(report.render(true).contains("a.md: T19"));
    }
}
