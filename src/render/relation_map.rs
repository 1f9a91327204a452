//! The relationship map on each entry page: an inline SVG, drawn at build
//! time (no JavaScript library), of the entry's typed neighbours grouped by
//! relation, as a small tree: the entry on the left, one bracket per relation
//! on the right with its neighbours as linked pills.
//!
//! The same links are listed in text under "Related", so the drawing is
//! hidden from assistive technology and its links are left out of the tab
//! order. Colours come from CSS (the CSP forbids style attributes); the pills
//! have no class of their own and all connectors are one path, since every
//! entry page carries a map (issue 18: bytes).

use super::markdown::escape;
use super::views::RelationView;
use std::fmt::Write as _;

/// Drawing width in SVG units; it scales to the column, and is narrow so
/// its text stays legible on a 360 px phone.
const WIDTH: u32 = 360;
/// Width of the entry's own pill.
const CENTER_WIDTH: u32 = 122;
/// Where the neighbour pills start.
const PILL_X: u32 = 168;
/// Pill height and the row pitch.
const PILL: u32 = 24;
const ROW: u32 = 30;
/// Height of a relation label row.
const LABEL: u32 = 20;
/// Gap between groups.
const GAP: u32 = 10;
/// Most neighbours drawn per relation; the rest become "+N more".
pub const PER_GROUP: usize = 6;

/// One drawn group: label, neighbour rows (title, url) and hidden count.
struct Group<'a> {
    label: &'a str,
    nodes: Vec<(&'a str, String)>,
    more: usize,
}

/// The SVG for an entry titled `title`, or `None` when it has no neighbours.
/// URLs in `relations` are site-relative; `root` leads back to the site root.
pub fn svg(title: &str, relations: &[RelationView<'_>], root: &str) -> Option<String> {
    let groups: Vec<Group<'_>> = relations
        .iter()
        .map(|g| Group {
            label: g.label,
            nodes: g.entries.iter().take(PER_GROUP).map(|e| (e.title, format!("{root}{}", e.url))).collect(),
            more: g.entries.len().saturating_sub(PER_GROUP),
        })
        .filter(|g| !g.nodes.is_empty())
        .collect();
    if groups.is_empty() {
        return None;
    }
    let heights: Vec<u32> = groups.iter().map(group_height).collect();
    let height = heights.iter().sum::<u32>() + GAP * (groups.len() as u32 - 1) + 4;
    let center_y = height / 2;
    let mut out = String::with_capacity(512 + groups.len() * 600);
    let _ = write!(
        out,
        "<svg class=\"relation-map\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" \
         role=\"group\" aria-label=\"Relationship map\">"
    );
    // Connectors first, as one path, so the pills are drawn over them.
    out.push_str("<path class=\"rm-edge\" d=\"");
    let mut y = 2;
    for (group, h) in groups.iter().zip(&heights) {
        connectors(&mut out, group, y, center_y);
        y += h + GAP;
    }
    out.push_str("\"/>");
    let mut y = 2;
    for (group, h) in groups.iter().zip(&heights) {
        draw_group(&mut out, group, y);
        y += h + GAP;
    }
    let lines = wrap(title, 15);
    let box_height = 14 + 16 * lines.len() as u32;
    let _ = write!(
        out,
        "<rect class=\"rm-center\" x=\"1\" y=\"{}\" width=\"{CENTER_WIDTH}\" height=\"{box_height}\" rx=\"8\"/>",
        center_y - box_height / 2,
    );
    let first_line = center_y + 4 - 8 * (lines.len() as u32 - 1);
    for (i, line) in lines.iter().enumerate() {
        text(&mut out, "rm-center-text", 10, first_line + 16 * i as u32, line, 17);
    }
    out.push_str("</svg>");
    Some(out)
}

fn group_height(group: &Group<'_>) -> u32 {
    LABEL + ROW * group.nodes.len() as u32 + if group.more > 0 { 18 } else { 0 }
}

/// The bracket from the entry to a group and the stub to each of its pills.
fn connectors(out: &mut String, group: &Group<'_>, top: u32, center_y: u32) {
    let first_mid = top + LABEL + PILL / 2;
    let last_mid = first_mid + ROW * (group.nodes.len() as u32 - 1);
    let mid = (first_mid + last_mid) / 2;
    let bracket = PILL_X - 14;
    let _ = write!(
        out,
        "M{} {center_y}C{} {center_y} {} {mid} {bracket} {mid}M{bracket} {first_mid}V{last_mid}",
        CENTER_WIDTH + 1,
        CENTER_WIDTH + 30,
        bracket - 30
    );
    for row in 0..group.nodes.len() as u32 {
        let _ = write!(out, "M{bracket} {}H{PILL_X}", first_mid + ROW * row);
    }
}

fn draw_group(out: &mut String, group: &Group<'_>, top: u32) {
    text(out, "rm-label", PILL_X, top + 14, &group.label.to_uppercase(), 30);
    for (row, (title, url)) in group.nodes.iter().enumerate() {
        let y = top + LABEL + ROW * row as u32;
        let _ = write!(
            out,
            "<a href=\"{}\"><rect x=\"{PILL_X}\" y=\"{y}\" width=\"{}\" height=\"{PILL}\" rx=\"12\"/>",
            escape(url),
            WIDTH - PILL_X - 2,
        );
        text(out, "", PILL_X + 10, y + 16, title, 26);
        out.push_str("</a>");
    }
    if group.more > 0 {
        let y = top + LABEL + ROW * group.nodes.len() as u32 + 10;
        text(out, "rm-more", PILL_X + 12, y, &format!("+{} more (listed below)", group.more), 40);
    }
}

/// Up to two lines of at most `width` characters, broken between words.
fn wrap(title: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = vec![String::new()];
    for word in title.split_whitespace() {
        let last = lines.len() - 1;
        if lines[last].is_empty() || lines[last].chars().count() + 1 + word.chars().count() <= width || last == 1 {
            if !lines[last].is_empty() {
                lines[last].push(' ');
            }
            lines[last].push_str(word);
        } else {
            lines.push(word.to_owned());
        }
    }
    lines
}

/// A `<text>` element (with `class` unless empty), shortened to `max`
/// characters with its full text as a tooltip.
fn text(out: &mut String, class: &str, x: u32, y: u32, content: &str, max: usize) {
    if class.is_empty() {
        let _ = write!(out, "<text x=\"{x}\" y=\"{y}\">");
    } else {
        let _ = write!(out, "<text class=\"{class}\" x=\"{x}\" y=\"{y}\">");
    }
    if content.chars().count() > max {
        let short: String = content.chars().take(max - 1).collect();
        let _ = write!(out, "<title>{}</title>{}…", escape(content), escape(short.trim_end()));
    } else {
        out.push_str(&escape(content));
    }
    out.push_str("</text>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::views::EntryLink;

    fn link(title: &'static str) -> EntryLink<'static> {
        EntryLink {
            slug: "s",
            title,
            abbr: None,
            kind: "Role",
            summary: "",
            url: format!("{title}.html"),
            status: "approved",
        }
    }

    #[test]
    fn draws_nothing_without_neighbours() {
        assert_eq!(svg("Alone", &[], ""), None);
    }

    #[test]
    fn draws_each_group_with_linked_pills_and_escapes_titles() {
        let groups = vec![RelationView { label: "Works with", entries: vec![link("A<b>"), link("C")] }];
        let out = svg("Me & you", &groups, "../").unwrap_or_default();
        assert!(out.starts_with("<svg class=\"relation-map\""), "{out}");
        assert!(out.contains("WORKS WITH") && out.contains("Me &amp; you") && out.contains("A&lt;b&gt;"), "{out}");
        assert!(out.contains("href=\"../C.html\""), "{out}");
        assert!(!out.contains("style="), "the CSP forbids style attributes");
    }

    #[test]
    fn wraps_long_titles_onto_two_lines() {
        assert_eq!(wrap("Data Product Owner", 15), vec!["Data Product", "Owner"]);
        assert_eq!(wrap("A", 15), vec!["A"]);
        assert_eq!(wrap("One two three four five six seven", 9).len(), 2);
    }

    #[test]
    fn caps_large_groups() {
        let many: Vec<EntryLink<'static>> = (0..20).map(|_| link("X")).collect();
        let out = svg("Hub", &[RelationView { label: "Uses", entries: many }], "").unwrap_or_default();
        assert_eq!(out.matches("<a ").count(), PER_GROUP);
        assert!(out.contains("+14 more"));
    }
}
