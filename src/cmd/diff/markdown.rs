//! A [`KbDiff`] as Markdown ready to post as a pull-request comment.
//! Author text is escaped so a title cannot inject links, HTML or
//! formatting into the comment.

use crate::diag::Severity;
use crate::history::{EntryRef, KbDiff, RelationRef};
use std::collections::BTreeMap;
use std::fmt::Write;

/// The report.
pub(crate) fn render(diff: &KbDiff) -> String {
    let mut out = format!("### Knowledge-base changes against `{}`\n\n", diff.base.replace('`', "'"));
    if diff.is_empty() {
        out.push_str("No changes to entries, relations, comparisons or diagnostics.\n");
        return out;
    }
    let _ = writeln!(out, "{}\n", headline(diff));
    list(
        &mut out,
        "Status changes",
        diff.status_changes.iter().map(|c| format!("**{}**: {} → {}", escape(&c.entry.title), c.old, c.new)),
    );
    list(&mut out, "Added entries", diff.added.iter().map(entry_line));
    list(&mut out, "Removed entries", diff.removed.iter().map(|e| removed_line(e, diff)));
    list(
        &mut out,
        "Renamed entries",
        diff.renamed.iter().map(|r| {
            let line = format!("{} → {}", entry_line(&r.from), entry_line(&r.to));
            if r.redirected {
                return line;
            }
            // Slugs and paths are plain; the path is quoted for Markdown.
            let path = r.to.path.replace('`', "'");
            format!("{line} — add `moved_from: [{}]` to `{path}` so the old URL redirects", r.from.slug)
        }),
    );
    list(&mut out, "Relations added", diff.relations_added.iter().map(relation_line));
    let grouped = removed_by_target(diff).into_iter().filter(|(_, n)| *n > 1);
    let grouped = grouped.map(|(title, n)| format!("removes {n} links to **{}**", escape(title)));
    list(&mut out, "Relations removed", grouped.chain(diff.relations_removed.iter().map(relation_line)));
    changed(&mut out, diff);
    list(&mut out, "Comparisons added", diff.comparisons_added.iter().map(|s| format!("`{s}`")));
    list(&mut out, "Comparisons removed", diff.comparisons_removed.iter().map(|s| format!("`{s}`")));
    list(
        &mut out,
        "New diagnostics",
        diff.new_diagnostics.iter().map(|d| {
            let level = if d.severity == Severity::Error { "error" } else { "warning" };
            let line = d.line.map(|l| format!(":{l}")).unwrap_or_default();
            format!("**{level}** `{}` `{}{line}`: {}", d.code, d.file, escape(&d.message))
        }),
    );
    if diff.fixed_diagnostics > 0 {
        let _ = writeln!(out, "Fixes {} diagnostic(s) the base had.\n", diff.fixed_diagnostics);
    }
    out
}

fn headline(diff: &KbDiff) -> String {
    let mut parts = Vec::new();
    let mut count = |n: usize, what: &str| {
        if n > 0 {
            parts.push(format!("{n} {what}"));
        }
    };
    count(diff.added.len(), "added");
    count(diff.removed.len(), "removed");
    count(diff.renamed.len(), "renamed");
    count(diff.status_changes.len(), "status change(s)");
    count(diff.changed.len(), "changed");
    count(diff.relations_added.len(), "relation(s) added");
    count(diff.relations_removed.len(), "relation(s) removed");
    count(diff.new_diagnostics.len(), "new diagnostic(s)");
    if parts.is_empty() {
        parts.push("comparisons or diagnostics changed".into());
    }
    format!("**{}**", parts.join(" · "))
}

fn list(out: &mut String, heading: &str, lines: impl Iterator<Item = String>) {
    let lines: Vec<String> = lines.collect();
    if lines.is_empty() {
        return;
    }
    let _ = writeln!(out, "#### {heading}\n");
    for line in lines {
        let _ = writeln!(out, "- {line}");
    }
    out.push('\n');
}

fn entry_line(entry: &EntryRef) -> String {
    format!("**{}** ({}, `{}`)", escape(&entry.title), escape(&entry.kind), entry.path)
}

/// A removed entry, with how many relations go with it.
fn removed_line(entry: &EntryRef, diff: &KbDiff) -> String {
    let links = diff.relations_removed.iter().filter(|r| r.from == entry.slug || r.to == entry.slug).count();
    match links {
        0 => entry_line(entry),
        1 => format!("{}: removes 1 link to {}", entry_line(entry), escape(&entry.title)),
        n => format!("{}: removes {n} links to {}", entry_line(entry), escape(&entry.title)),
    }
}

fn relation_line(relation: &RelationRef) -> String {
    format!("{} → *{}* → {}", escape(&relation.from_title), escape(&relation.label), escape(&relation.to_title))
}

fn changed(out: &mut String, diff: &KbDiff) {
    if diff.changed.is_empty() {
        return;
    }
    out.push_str("#### Changed entries\n\n");
    for change in &diff.changed {
        let _ = writeln!(out, "- **{}**", escape(&change.entry.title));
        for field in &change.changes {
            let value = |v: &Option<String>| v.as_deref().map_or("(none)".to_owned(), |v| format!("“{}”", escape(v)));
            let _ = writeln!(out, "  - {}: {} → {}", escape(&field.label), value(&field.old), value(&field.new));
        }
    }
    out.push('\n');
}

/// Escapes Markdown and HTML in author text.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// How many removed relations touch each entry (either end: relations show
/// on both pages), most first: "removes 3 links to Domain Owner".
fn removed_by_target(diff: &KbDiff) -> Vec<(&str, usize)> {
    let mut map: BTreeMap<&str, usize> = BTreeMap::new();
    for relation in &diff.relations_removed {
        *map.entry(relation.from_title.as_str()).or_insert(0) += 1;
        *map.entry(relation.to_title.as_str()).or_insert(0) += 1;
    }
    let mut list: Vec<(&str, usize)> = map.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown_and_html_in_titles() {
        assert_eq!(escape("<b>[x](y)</b> *a*"), "&lt;b&gt;\\[x\\](y)&lt;/b&gt; \\*a\\*");
    }

    #[test]
    fn says_so_when_nothing_changed() {
        let diff = KbDiff { base: "main".into(), ..KbDiff::default() };
        assert!(render(&diff).contains("No changes"));
    }
}
