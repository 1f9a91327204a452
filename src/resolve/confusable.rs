//! `confusable-name`: two entries whose titles look the same but are not,
//! because one uses look-alike letters from another script (a Cyrillic
//! `а` in "Dаta Owner"). A reader cannot tell them apart; a link by title
//! silently picks one. A small hand-made table of the common Cyrillic and
//! Greek look-alikes of Latin letters is enough to catch what is typed or
//! pasted by accident, or sent on purpose.

use super::entries::report;
use super::model::KnowledgeBase;
use crate::diag::{Code, Diagnostics};
use crate::load::Document;
use std::collections::BTreeMap;

/// Look-alike → the Latin letter it passes for.
const LOOK_ALIKES: &[(char, char)] = &[
    // Cyrillic lower case
    ('а', 'a'),
    ('е', 'e'),
    ('ё', 'ë'),
    ('һ', 'h'),
    ('і', 'i'),
    ('ї', 'ï'),
    ('ј', 'j'),
    ('ӏ', 'l'),
    ('о', 'o'),
    ('р', 'p'),
    ('ԛ', 'q'),
    ('ѕ', 's'),
    ('с', 'c'),
    ('у', 'y'),
    ('ԝ', 'w'),
    ('х', 'x'),
    ('ԁ', 'd'),
    // Cyrillic upper case
    ('А', 'A'),
    ('В', 'B'),
    ('Е', 'E'),
    ('Н', 'H'),
    ('І', 'I'),
    ('Ј', 'J'),
    ('К', 'K'),
    ('М', 'M'),
    ('О', 'O'),
    ('Р', 'P'),
    ('Ѕ', 'S'),
    ('Т', 'T'),
    ('С', 'C'),
    ('У', 'Y'),
    ('Х', 'X'),
    ('Ԁ', 'D'),
    ('Ԛ', 'Q'),
    ('Ԝ', 'W'),
    // Greek lower case
    ('α', 'a'),
    ('ο', 'o'),
    ('ρ', 'p'),
    ('ν', 'v'),
    ('ι', 'i'),
    ('κ', 'k'),
    ('υ', 'u'),
    ('ϲ', 'c'),
    ('ϳ', 'j'),
    // Greek upper case
    ('Α', 'A'),
    ('Β', 'B'),
    ('Ε', 'E'),
    ('Ζ', 'Z'),
    ('Η', 'H'),
    ('Ι', 'I'),
    ('Κ', 'K'),
    ('Μ', 'M'),
    ('Ν', 'N'),
    ('Ο', 'O'),
    ('Ρ', 'P'),
    ('Τ', 'T'),
    ('Υ', 'Y'),
    ('Χ', 'X'),
    ('Ϲ', 'C'),
];

/// What `c` looks like: its Latin look-alike, or itself.
fn looks_like(c: char) -> Option<char> {
    LOOK_ALIKES.iter().find(|(from, _)| *from == c).map(|&(_, to)| to)
}

/// A title as it looks: look-alikes replaced, case folded.
fn skeleton(title: &str) -> String {
    if title.is_ascii() {
        return title.to_ascii_lowercase();
    }
    title
        .chars()
        .map(|c| if c.is_ascii() { c } else { looks_like(c).unwrap_or(c) })
        .flat_map(char::to_lowercase)
        .collect()
}

/// How many look-alike letters a title uses.
fn disguise(title: &str) -> usize {
    title.chars().filter(|&c| looks_like(c).is_some()).count()
}

/// Warns about each entry whose title only looks like another's.
pub(crate) fn check(kb: &KnowledgeBase, documents: &[Document], diagnostics: &mut Diagnostics) {
    // Two ASCII titles with one skeleton differ in case only, which is
    // skipped below: a site of ASCII titles has nothing to report, and
    // `serve` runs this after every front-matter edit.
    if kb.entries.iter().all(|e| e.title.is_ascii()) {
        return;
    }
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (id, entry) in kb.entries.iter().enumerate() {
        groups.entry(skeleton(&entry.title)).or_default().push(id);
    }
    for ids in groups.into_values().filter(|ids| ids.len() > 1) {
        // The plainest title is the one the others imitate.
        let mut ids = ids;
        ids.sort_by_key(|&id| (disguise(&kb.entries[id].title), kb.entries[id].slug.clone()));
        let original = &kb.entries[ids[0]];
        for &id in &ids[1..] {
            let entry = &kb.entries[id];
            // Same letters in another case are `ambiguous-name`, not this.
            if entry.title.to_lowercase() == original.title.to_lowercase() {
                continue;
            }
            let other = &documents[original.document].source.path;
            let letters = differences(&entry.title, &original.title);
            let message = format!(
                "title `{}` looks the same as `{}` ({other}) but is spelt with {letters}",
                entry.title, original.title
            );
            let document = &documents[entry.document];
            let d = report(document, Code::ConfusableName, "title", &entry.title, message);
            diagnostics.push(d.suggest("retype the title in one script, or make the two titles differ visibly"));
        }
    }
}

/// The look-alike letters of `title` where `original` has plain ones.
fn differences(title: &str, original: &str) -> String {
    let mut found: Vec<String> = Vec::new();
    for (c, o) in title.chars().zip(original.chars()) {
        if c != o && looks_like(c).is_some() {
            let text = format!("`{c}` (U+{:04X}, {}) for `{o}`", u32::from(c), script(c));
            if !found.contains(&text) {
                found.push(text);
            }
        }
    }
    if found.is_empty() {
        "look-alike letters".to_owned()
    } else {
        found.join(", ")
    }
}

fn script(c: char) -> &'static str {
    match u32::from(c) {
        0x0370..=0x03FF => "Greek",
        0x0400..=0x052F => "Cyrillic",
        _ => "another script",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_alikes_share_a_skeleton_and_other_letters_do_not() {
        assert_eq!(skeleton("Dаta Owner"), skeleton("Data Owner"));
        assert_eq!(skeleton("ΟΡΕΝ"), skeleton("open"));
        assert_ne!(skeleton("Data Owner"), skeleton("Data Owners"));
        assert_ne!(skeleton("Дата"), skeleton("Data"));
        assert_eq!(differences("Dаta Owner", "Data Owner"), "`а` (U+0430, Cyrillic) for `a`");
    }
}
