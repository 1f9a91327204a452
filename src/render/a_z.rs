//! The A–Z index (`a-z.html`): every published entry under its first letter
//! (accents folded; digits and symbols under `#`), with a letter bar that
//! links the letters present and shows the others greyed out.

use super::views::{EntryLink, Views};
use crate::resolve::EntryId;
use serde::Serialize;

/// A letter of the bar.
#[derive(Debug, Serialize)]
pub struct Letter {
    /// `A`–`Z` or `#`.
    pub letter: char,
    /// Anchor of its section (`letter-a`, `letter-other`).
    pub anchor: String,
    /// Whether any entry starts with it.
    pub present: bool,
}

/// The entries under one letter.
#[derive(Debug, Serialize)]
pub struct LetterGroup<'a> {
    /// `A`–`Z` or `#`.
    pub letter: char,
    /// Anchor of the section.
    pub anchor: String,
    /// Entries A–Z.
    pub entries: Vec<EntryLink<'a>>,
}

/// Everything `a-z.html` shows.
#[derive(Debug, Serialize)]
pub struct AzPage<'a> {
    /// The letter bar, A–Z then `#`.
    pub letters: Vec<Letter>,
    /// Non-empty groups, in bar order.
    pub groups: Vec<LetterGroup<'a>>,
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

/// Builds the page from the published entries in `sorted` (A–Z) order.
pub fn page<'a>(views: &Views<'a>, sorted: &[EntryId]) -> AzPage<'a> {
    let kb = views.kb;
    let bar: Vec<char> = ('A'..='Z').chain(std::iter::once('#')).collect();
    let mut buckets: Vec<Vec<EntryLink<'a>>> = vec![Vec::new(); bar.len()];
    for &id in sorted {
        let letter = initial(&kb.entries[id].title);
        let slot = bar.iter().position(|&c| c == letter).unwrap_or(bar.len() - 1);
        buckets[slot].push(views.entry_link(id));
    }
    let letters = bar
        .iter()
        .zip(&buckets)
        .map(|(&c, b)| Letter { letter: c, anchor: anchor(c), present: !b.is_empty() })
        .collect();
    let groups = bar
        .iter()
        .zip(buckets)
        .filter(|(_, b)| !b.is_empty())
        .map(|(&c, entries)| LetterGroup { letter: c, anchor: anchor(c), entries })
        .collect();
    AzPage { letters, groups }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_titles_under_their_folded_initial() {
        assert_eq!(initial("Über role"), 'U');
        assert_eq!(initial("data mesh"), 'D');
        assert_eq!(initial("3-tier"), '#');
        assert_eq!(initial(""), '#');
    }
}
