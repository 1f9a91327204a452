//! The name index: slug, title, abbr and aliases → entry. Two entries
//! claiming one name is an error that names both files.

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::load::Document;
use crate::slug::{name_key, slugify};
use foldhash::HashMap;
use rayon::prelude::*;

/// What an entry offers to be found by.
#[derive(Debug, Clone)]
pub(crate) struct Claim<'a> {
    /// The entry's slug.
    pub slug: &'a str,
    /// Title, if any.
    pub title: Option<&'a str>,
    /// Abbreviation, if any.
    pub abbr: Option<&'a str>,
    /// Aliases.
    pub aliases: &'a [String],
    /// The document, for positions.
    pub document: &'a Document,
}

/// Builds slug and name maps. The first claimant (in slug order) keeps a
/// contested name; the later one gets the diagnostic.
pub(crate) fn index(
    claims: &[Claim<'_>],
    diagnostics: &mut Diagnostics,
) -> (HashMap<String, usize>, HashMap<String, usize>) {
    // Name keys are independent: made in parallel, claimed in order.
    let keys: Vec<Vec<(String, &'static str, &str)>> = claims.par_iter().map(keys_of).collect();
    let mut slugs: HashMap<String, usize> = HashMap::with_capacity_and_hasher(claims.len(), Default::default());
    let mut owners: HashMap<String, (usize, &'static str)> =
        HashMap::with_capacity_and_hasher(claims.len() * 3, Default::default());
    for (id, (claim, keys)) in claims.iter().zip(keys).enumerate() {
        for (key, field, name) in keys {
            match owners.get(&key) {
                Some(&(owner, _)) if owner == id => {}
                Some(&(owner, owner_field)) => {
                    diagnostics.push(collision(claim, &claims[owner], name, field, owner_field));
                }
                None => {
                    owners.insert(key, (id, field));
                }
            }
        }
        slugs.entry(claim.slug.to_owned()).or_insert(id);
    }
    let names = owners.into_iter().map(|(key, (id, _))| (key, id)).collect();
    (slugs, names)
}

/// The non-empty name keys a claim offers, with the field and the name.
pub(super) fn keys_of<'a>(claim: &Claim<'a>) -> Vec<(String, &'static str, &'a str)> {
    let names = std::iter::once((claim.slug, "slug"))
        .chain(claim.title.map(|t| (t, "title")))
        .chain(claim.abbr.map(|a| (a, "abbr")))
        .chain(claim.aliases.iter().map(|a| (a.as_str(), "aliases")));
    names.map(|(name, field)| (name_key(name), field, name)).filter(|(key, _, _)| !key.is_empty()).collect()
}

fn collision(claim: &Claim<'_>, owner: &Claim<'_>, name: &str, field: &str, owner_field: &str) -> Diagnostic {
    let document = claim.document;
    let here = &document.source.path;
    let there = &owner.document.source.path;
    let (code, message) = if field == "slug" && owner_field == "slug" {
        let mut message = format!("slug `{name}` is used by both {there} and {here}");
        if differ_only_in_case_or_normalization(&document.source, &owner.document.source) {
            message.push_str(
                "; their file names differ only in case or Unicode normalization, so they would collide on \
                 case-insensitive or normalizing file systems (macOS, Windows)",
            );
        }
        (Code::DuplicateSlug, message)
    } else {
        (Code::AmbiguousName, format!("`{name}` names two entries: {there} ({owner_field}) and {here} ({field})"))
    };
    let offset = if field == "slug" { document.key_offset("slug") } else { document.value_offset(field, name) };
    let hint = if field == "slug" {
        "rename one of the files, or set a different `slug:`".to_owned()
    } else {
        format!("remove `{name}` from one entry, or make it more specific (e.g. `{}`)", slugify(name))
    };
    Diagnostic::new(code, here.clone(), message)
        .at_offset(&document.source.index, &document.source.text, offset, name.chars().count())
        .suggest(hint)
}

/// Whether two files' paths are different strings that name one file on
/// macOS and Windows (same after Unicode NFC and lower-casing).
fn differ_only_in_case_or_normalization(a: &crate::load::SourceFile, b: &crate::load::SourceFile) -> bool {
    use unicode_normalization::UnicodeNormalization;
    let key = |path: &str| path.nfc().collect::<String>().to_lowercase();
    a.content_path != b.content_path && key(&a.content_path) == key(&b.content_path)
}
