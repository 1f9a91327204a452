//! `[[start_here]]` in site.toml: the few pages a newcomer should open
//! first, each with a one-line reason, shown at the top of the home page.
//!
//! ```toml
//! [[start_here]]
//! entry = "Which role do you need?"      # an entry, by slug, title, abbr or alias
//! reason = "Five questions that point to the role your decision needs."
//!
//! [[start_here]]
//! comparison = "dpm-vs-dpo"              # a comparison page, by slug or title
//! reason = "The two roles teams confuse most, side by side."
//!
//! [[start_here]]
//! page = "matrix"                        # matrix, compare, a-z, map or tags
//! reason = "Who decides, who is consulted, who is informed."
//! ```
//!
//! Names are only read here; `resolve` finds what they point to.

use crate::diag::{Code, Diagnostic, Diagnostics, LineIndex, Location};
use serde::Deserialize;
use toml::Spanned;

/// The built-in pages a `page =` item may name, with their output paths
/// and titles.
pub const PAGES: &[(&str, &str, &str)] = &[
    ("matrix", "matrix.html", "Decision matrix"),
    ("compare", "compare.html", "Compare roles"),
    ("a-z", "a-z.html", "A–Z"),
    ("map", "map.html", "Map"),
    ("tags", "tags/index.html", "Tags"),
];

/// What a "Start here" item points to, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// An entry name (slug, title, abbreviation or alias).
    Entry(String),
    /// A comparison page's slug or title.
    Comparison(String),
    /// One of [`PAGES`], by key.
    Page(String),
}

/// One item of the home page's "Start here" block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Featured {
    /// What it points to.
    pub target: Target,
    /// Why a newcomer should open it, in one line.
    pub reason: String,
    /// Where the target's value is in site.toml, for diagnostics.
    pub location: Location,
    /// That line of site.toml, for the diagnostic's snippet.
    pub line: String,
    /// Width of the value on that line, in characters.
    pub width: usize,
}

/// `[[start_here]]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFeatured {
    entry: Option<Spanned<String>>,
    comparison: Option<Spanned<String>>,
    page: Option<Spanned<String>>,
    #[serde(default)]
    reason: String,
}

type MakeTarget = fn(String) -> Target;

/// Checks the items: exactly one target each, a known page, a reason.
pub(super) fn parse(raw: Vec<Spanned<RawFeatured>>, text: &str, diagnostics: &mut Diagnostics) -> Vec<Featured> {
    let index = LineIndex::new(text);
    let mut report = |span: std::ops::Range<usize>, message: String, hint: &str| {
        let width = text.get(span.clone()).map_or(1, |s| s.lines().next().unwrap_or("").chars().count());
        diagnostics.push(
            Diagnostic::new(Code::InvalidConfig, super::CONFIG_FILE, message)
                .at_offset(&index, text, span.start, width)
                .suggest(hint),
        );
    };
    let mut items = Vec::new();
    for item in raw {
        let item_span = item.span();
        let item = item.into_inner();
        let mut targets: Vec<(Spanned<String>, MakeTarget)> = Vec::new();
        targets.extend(item.entry.map(|v| (v, Target::Entry as MakeTarget)));
        targets.extend(item.comparison.map(|v| (v, Target::Comparison as MakeTarget)));
        targets.extend(item.page.map(|v| (v, Target::Page as MakeTarget)));
        if targets.len() != 1 {
            let message =
                format!("a [[start_here]] item needs one of entry, comparison or page; it has {}", targets.len());
            report(item_span, message, "write one target per [[start_here]] item");
            continue;
        }
        let (value, make) = targets.remove(0);
        let span = value.span();
        let target = make(value.into_inner());
        if let Target::Page(page) = &target {
            if !PAGES.iter().any(|(key, _, _)| key == page) {
                let keys: Vec<&str> = PAGES.iter().map(|(key, _, _)| *key).collect();
                let message = format!("[[start_here]] page `{page}` is not a page rolebook writes");
                report(span, message, &format!("one of: {}", keys.join(", ")));
                continue;
            }
        }
        if item.reason.trim().is_empty() {
            report(span.clone(), "a [[start_here]] item needs a `reason`".to_owned(), "say in one line why to open it");
        }
        let location = index.location(text, span.start);
        let line = index.line_text(text, location.line).unwrap_or("").to_owned();
        let width = text.get(span).map_or(1, |s| s.chars().count());
        items.push(Featured { target, reason: item.reason.trim().to_owned(), location, line, width });
    }
    items
}
