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
    /// Where kinds came from, and why.
    pub kind_rule: String,
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
    /// Site-absolute links to pages outside the glossary, kept as URLs.
    pub links_outside: usize,
    /// Whether those links were made absolute with a base URL.
    pub base_url: Option<String>,
    /// Links to pages left out (section indexes…), kept as their text.
    pub links_to_left_out: usize,
    /// Images and files copied beside the entries that use them.
    pub files_copied: usize,
    /// Macros and shortcodes: what was done (`converted`, `dropped`,
    /// `kept as inline code`) → name → count.
    pub macros: BTreeMap<String, BTreeMap<String, usize>>,
    /// HTML comments dropped.
    pub html_comments: usize,
    /// `file: Title (ABBR)` whose abbreviation became `abbr`.
    pub abbreviations: Vec<String>,
    /// `ABBR: files` claimed by more than one entry (left out of all).
    pub ambiguous_abbrs: Vec<String>,
    /// `file: reason` for pages that are not entries (left out).
    pub left_out: Vec<String>,
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
    /// Embedded images found in the source (copied).
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
            + self.ambiguous_abbrs.len()
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

    /// Counts one macro or shortcode by what was done with it.
    pub fn count_macro(&mut self, how: &str, name: &str) {
        *self.macros.entry(how.to_owned()).or_default().entry(name.to_owned()).or_insert(0) += 1;
    }

    /// The report as text; `all` lists every item, else long lists are cut.
    pub fn render(&self, all: bool) -> String {
        let mut out = String::new();
        self.render_mapped(&mut out);
        self.render_not_mapped(&mut out, all);
        self.render_needs(&mut out, all);
        let _ = writeln!(out, "\nRules set in site.toml for a first build");
        let _ = writeln!(
            out,
            "  broken-link = \"warn\": wanted pages build; set it to \"error\" (or delete the line) once they exist"
        );
        let _ = writeln!(
            out,
            "  missing-sources = \"allow\": imported notes cite no sources; delete the line to be told which lack them"
        );
        let _ = writeln!(
            out,
            "  broken-asset = \"warn\": images missing from the source build; set it to \"error\" once they are added"
        );
        out
    }

    fn render_mapped(&self, out: &mut String) {
        let _ = writeln!(out, "format: {}", self.format);
        let _ = writeln!(out, "\nMapped");
        let _ = writeln!(
            out,
            "  {} read, {} written ({})",
            count(self.notes, "note"),
            count(self.written, "entry"),
            count(self.drafts, "draft")
        );
        let kinds: Vec<String> = self.kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
        let _ = writeln!(out, "  kinds: {}", kinds.join(", "));
        if !self.kind_rule.is_empty() {
            let _ = writeln!(out, "    from {}", self.kind_rule);
        }
        let _ = writeln!(out, "  {} taken from the first paragraph", count(self.summaries_derived, "summary"));
        let _ = writeln!(
            out,
            "  {} to entries rewritten, {}, {}",
            count(self.links_resolved, "link"),
            count(self.links_same_page, "same-page link"),
            count(self.transclusions, "transclusion")
        );
        let _ = writeln!(
            out,
            "  {}, {} dropped, {} and {} kept",
            count(self.callouts, "call-out"),
            count(self.comments, "comment"),
            count(self.aliases_kept, "alias"),
            count(self.tags_kept, "tag")
        );
        let outside = match &self.base_url {
            Some(base) => format!("made absolute with {base}"),
            None => "kept as site paths (give --base-url to make them absolute)".to_owned(),
        };
        let _ = writeln!(
            out,
            "  {} outside the glossary {outside}, {} to left-out pages kept as text",
            count(self.links_outside, "link"),
            count(self.links_to_left_out, "link")
        );
        let _ = writeln!(
            out,
            "  {} copied, {} dropped, {} taken from titles",
            count(self.files_copied, "image or file"),
            count(self.html_comments, "HTML comment"),
            count(self.abbreviations.len(), "abbreviation")
        );
        for (how, names) in &self.macros {
            let counts: Vec<String> = names.iter().map(|(name, n)| format!("{name} ×{n}")).collect();
            let total: usize = names.values().sum();
            let _ = writeln!(out, "  macros and shortcodes {how}: {total} ({})", counts.join(", "));
        }
    }

    fn render_not_mapped(&self, out: &mut String, all: bool) {
        let _ = writeln!(out, "\nNot mapped");
        list(out, "path-like aliases dropped (old locations or URLs)", &self.path_aliases, all);
        map_list(out, "front-matter fields left out", &self.unknown_fields, all);
        list(out, "pages that are not entries (left out)", &self.left_out, all);
        list(out, "abbreviations taken from titles (`Title (ABBR)`)", &self.abbreviations, all);
        list(out, "images and files copied beside their entries", &self.images, all);
        list(out, "files skipped", &self.skipped, all);
    }

    fn render_needs(&self, out: &mut String, all: bool) {
        let _ = writeln!(out, "\nNeeds a person ({})", self.needs_a_person());
        list(
            out,
            "wanted pages: links to notes that do not exist (kept as unresolved links; `broken-link` warns)",
            &self.broken_links,
            all,
        );
        list(out, "aliases claimed by several notes (left out of all of them)", &self.ambiguous_aliases, all);
        list(out, "abbreviations claimed by several entries (left out of all of them)", &self.ambiguous_abbrs, all);
        list(out, "aliases naming another note (left out)", &self.alias_conflicts, all);
        list(out, "link targets several notes answer to (first one used)", &self.ambiguous_links, all);
        list(out, "slugs changed", &self.slug_changes, all);
        list(out, "titles changed", &self.title_changes, all);
        list(out, "embedded images missing from the source", &self.missing_images, all);
        map_list(out, "unknown macros and shortcodes (kept as inline code)", &self.shortcodes, all);
        list(out, "notes without a summary", &self.no_summary, all);
        list(out, "front matter that could not be read (title from the file name)", &self.yaml_errors, all);
        list(out, "other", &self.notes_for_people, all);
    }
}

/// `1 note`, `2 notes`, `3 entries`, `2 images or files`.
fn count(n: usize, one: &str) -> String {
    if n == 1 {
        return format!("1 {one}");
    }
    let many = match one {
        "image or file" => "images or files".to_owned(),
        "alias" => "aliases".to_owned(),
        _ => super::words::plural(one),
    };
    format!("{n} {many}")
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
        let one = Report { notes: 1, written: 1, drafts: 1, summaries_derived: 2, ..Report::default() }.render(false);
        assert!(one.contains("1 note read, 1 entry written (1 draft)"), "{one}");
        assert!(one.contains("2 summaries taken"), "{one}");
    }
}
