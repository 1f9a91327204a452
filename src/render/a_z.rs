//! The A–Z index: every published entry under its first letter (accents
//! folded; digits and symbols under `#`), with a letter bar that links the
//! letters present and shows the others greyed out.
//!
//! Up to [`PAGE_SIZE`] entries it is one page, `a-z.html`, with a section
//! per letter. Beyond that no page may hold them all: `a-z.html` becomes the
//! letter bar with a count per letter, and each letter gets its own pages
//! (`a-z/a.html`, `a-z/a/2.html`, …, `a-z/other.html` for `#`).

use super::lists::{page_path, pager, Pager, PAGE_SIZE};
use super::views::{EntryLink, Views};
use crate::resolve::EntryId;
use serde::Serialize;

/// A letter of the bar.
#[derive(Debug, PartialEq, Serialize)]
pub struct Letter {
    /// `A`–`Z` or `#`.
    pub letter: char,
    /// Anchor of its section (`letter-a`, `letter-other`).
    pub anchor: String,
    /// Whether any entry starts with it.
    pub present: bool,
    /// Site-relative URL of its first page when letters have pages of
    /// their own; else the bar links to the section anchor.
    pub url: Option<String>,
    /// Whether this page shows this letter.
    pub current: bool,
}

/// The entries under one letter.
#[derive(Debug, PartialEq, Serialize)]
pub struct LetterGroup<'a> {
    /// `A`–`Z` or `#`.
    pub letter: char,
    /// Anchor of the section.
    pub anchor: String,
    /// Entries A–Z.
    pub entries: Vec<EntryLink<'a>>,
}

/// How many entries a letter has, on the overview of a long index.
#[derive(Debug, PartialEq, Serialize)]
pub struct LetterCount {
    /// `A`–`Z` or `#`.
    pub letter: char,
    /// Site-relative URL of its first page.
    pub url: String,
    /// Entries under it.
    pub count: usize,
}

/// Everything an A–Z page shows.
#[derive(Debug, PartialEq, Serialize)]
pub struct AzPage<'a> {
    /// Heading.
    pub title: String,
    /// The letter bar, A–Z then `#`.
    pub letters: Vec<Letter>,
    /// Sections shown on this page, in bar order.
    pub groups: Vec<LetterGroup<'a>>,
    /// Per-letter counts (only on the overview of a long index).
    pub overview: Vec<LetterCount>,
    /// Whether this is a letter's page (for the breadcrumbs).
    pub letter_page: bool,
    /// Navigation between one letter's pages.
    pub pager: Option<Pager>,
}

/// The letter an entry title files under.
pub fn initial(title: &str) -> char {
    let folded = deunicode::deunicode(title.trim_start());
    match folded.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => c.to_ascii_uppercase(),
        _ => '#',
    }
}

fn anchor(letter: char) -> String {
    if letter == '#' {
        "letter-other".into()
    } else {
        format!("letter-{}", letter.to_ascii_lowercase())
    }
}

/// The first page of a letter's list.
fn letter_path(letter: char) -> String {
    if letter == '#' {
        "a-z/other.html".into()
    } else {
        format!("a-z/{}.html", letter.to_ascii_lowercase())
    }
}

/// Builds the A–Z pages, (output path, page), from the published entries
/// in `sorted` (A–Z) order.
pub fn pages<'a>(views: &Views<'a>, sorted: &[EntryId]) -> Vec<(String, AzPage<'a>)> {
    let kb = views.kb;
    let bar: Vec<char> = ('A'..='Z').chain(std::iter::once('#')).collect();
    let mut buckets: Vec<Vec<EntryId>> = vec![Vec::new(); bar.len()];
    for &id in sorted {
        let letter = initial(&kb.entries[id].title);
        let slot = bar.iter().position(|&c| c == letter).unwrap_or(bar.len() - 1);
        buckets[slot].push(id);
    }
    let paged = sorted.len() > PAGE_SIZE;
    let letters = |current: Option<char>| -> Vec<Letter> {
        bar.iter()
            .zip(&buckets)
            .map(|(&c, b)| Letter {
                letter: c,
                anchor: anchor(c),
                present: !b.is_empty(),
                url: paged.then(|| letter_path(c)),
                current: current == Some(c),
            })
            .collect()
    };
    let group = |c: char, ids: &[EntryId]| LetterGroup {
        letter: c,
        anchor: anchor(c),
        entries: ids.iter().map(|&id| views.entry_link(id)).collect(),
    };
    let title = "All entries A–Z".to_owned();
    if !paged {
        let groups = bar.iter().zip(&buckets).filter(|(_, b)| !b.is_empty()).map(|(&c, b)| group(c, b)).collect();
        let page =
            AzPage { title, letters: letters(None), groups, overview: Vec::new(), letter_page: false, pager: None };
        return vec![("a-z.html".into(), page)];
    }
    let overview = bar
        .iter()
        .zip(&buckets)
        .filter(|(_, b)| !b.is_empty())
        .map(|(&c, b)| LetterCount { letter: c, url: letter_path(c), count: b.len() })
        .collect();
    let mut out = vec![(
        "a-z.html".to_owned(),
        AzPage { title, letters: letters(None), groups: Vec::new(), overview, letter_page: false, pager: None },
    )];
    for (&c, ids) in bar.iter().zip(&buckets).filter(|(_, b)| !b.is_empty()) {
        let first = letter_path(c);
        let count = ids.len().div_ceil(PAGE_SIZE);
        for (index, chunk) in ids.chunks(PAGE_SIZE).enumerate() {
            let number = index + 1;
            let title = if count > 1 { format!("{c} (page {number} of {count})") } else { c.to_string() };
            let page = AzPage {
                title,
                letters: letters(Some(c)),
                groups: vec![group(c, chunk)],
                overview: Vec::new(),
                letter_page: true,
                pager: (count > 1).then(|| pager(&first, number, count)),
            };
            out.push((page_path(&first, number), page));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_pages_have_their_own_folder() {
        assert_eq!(letter_path('A'), "a-z/a.html");
        assert_eq!(letter_path('#'), "a-z/other.html");
        assert_eq!(page_path(&letter_path('B'), 2), "a-z/b/2.html");
    }

    #[test]
    fn files_titles_under_their_folded_initial() {
        assert_eq!(initial("Über role"), 'U');
        assert_eq!(initial("data mesh"), 'D');
        assert_eq!(initial("3-tier"), '#');
        assert_eq!(initial(""), '#');
    }
}
