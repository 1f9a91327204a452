//! Slugs and name keys: how file names, titles and headings become the
//! lower-case ASCII identifiers used in URLs and lookups.

use unicode_normalization::UnicodeNormalization;

/// Slugs that would collide with generated pages or with reserved device
/// names on Windows file systems.
const RESERVED: &[&str] = &[
    "index", "404", "search", "map", "compare", "matrix", "tags", "kinds", "assets", "sitemap", "a-z", "con", "prn",
    "aux", "nul", "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2",
    "lpt3", "lpt0", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Turns any text into `a-z0-9-`: NFC first (macOS file names are NFD),
/// transliterate, lower-case, and collapse everything else into single dashes.
pub fn slugify(text: &str) -> String {
    if text.is_ascii() {
        // ASCII is already NFC and needs no transliteration.
        return slugify_ascii(text);
    }
    let normalized: String = text.nfc().collect();
    slugify_ascii(&deunicode::deunicode(&normalized))
}

/// [`slugify`] for text that is already ASCII (no transliteration).
pub(crate) fn slugify_ascii(ascii: &str) -> String {
    let mut slug = String::with_capacity(ascii.len());
    let mut dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !slug.is_empty() {
                slug.push('-');
            }
            dash = false;
            slug.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    slug
}

/// Whether `slug` is already in canonical form.
pub fn is_valid(slug: &str) -> bool {
    !slug.is_empty() && slugify(slug) == slug
}

/// Whether `slug` is reserved for a generated page or a device name.
pub fn is_reserved(slug: &str) -> bool {
    RESERVED.contains(&slug)
}

/// The longest slug, in bytes (slugs are ASCII). File systems hold names of
/// 255 bytes; a page adds `.html`, a generated comparison joins two slugs,
/// so 200 leaves room for both rules without surprises.
pub const MAX_SLUG: usize = 200;

/// The longest output file name a file system holds, in bytes.
pub const MAX_FILE_NAME: usize = 255;

/// `slug` cut to at most `max` bytes, at a dash where there is one in the
/// last third, never ending in a dash.
pub fn shorten(slug: &str, max: usize) -> String {
    if slug.len() <= max {
        return slug.to_owned();
    }
    let cut = &slug[..max.min(slug.len())];
    let cut = match cut.rfind('-') {
        Some(dash) if dash >= max * 2 / 3 => &cut[..dash],
        _ => cut,
    };
    cut.trim_end_matches('-').to_owned()
}

/// The key a name is looked up by: NFC, lower-case, single spaces.
pub fn name_key(name: &str) -> String {
    if name.is_ascii() {
        // ASCII is already NFC: lower-case and collapse spaces in one pass.
        let mut key = String::with_capacity(name.len());
        for word in name.split_whitespace() {
            if !key.is_empty() {
                key.push(' ');
            }
            key.extend(word.chars().map(|c| c.to_ascii_lowercase()));
        }
        return key;
    }
    let normalized: String = name.nfc().collect();
    normalized.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugifies_titles_and_file_names() {
        assert_eq!(slugify("Data Product Owner (DPO)"), "data-product-owner-dpo");
        assert_eq!(slugify("Cube.js"), "cube-js");
        assert_eq!(slugify("  Über--Rolle "), "uber-rolle");
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("日本"), "ri-ben");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn nfd_and_nfc_names_give_the_same_slug() {
        assert_eq!(slugify("Cafe\u{301}"), slugify("Caf\u{e9}"));
        assert_eq!(name_key("Cafe\u{301}  Owner"), name_key("caf\u{e9} owner"));
    }

    #[test]
    fn ascii_fast_paths_match_the_general_path() {
        assert_eq!(name_key("  Data\tProduct   OWNER "), "data product owner");
        assert_eq!(name_key("Data Product Ownér"), "data product ownér");
        assert_eq!(slugify("Cube.js -- v2"), "cube-js-v2");
    }

    #[test]
    fn shortens_at_a_dash() {
        assert_eq!(shorten("data-product-owner", 100), "data-product-owner");
        assert_eq!(shorten("data-product-owner", 15), "data-product");
        assert_eq!(shorten(&"x".repeat(300), 200), "x".repeat(200));
        assert_eq!(shorten("ab-", 2), "ab");
    }

    #[test]
    fn validates_and_reserves() {
        assert!(is_valid("data-product"));
        assert!(!is_valid("Data-Product"));
        assert!(!is_valid("a--b"));
        assert!(is_reserved("index"));
        assert!(is_reserved("con"));
    }
}
