//! Link-preview data, shared by every page: a cross-reference carries only
//! its `href` (`<slug>.html`; list pages still add `data-slug`, which the
//! script prefers), and the script loads its target's kind, title and summary
//! from `assets/previews/p-N.js`, where N is [`bucket`] of the slug. Each
//! summary is written once per site instead of once per page that links to
//! it (it was a quarter of every entry page's bytes, issue 18). The files
//! assign a global, so they load with a `<script>` element and work from
//! file://, like the search index.
//!
//! The bucket depends on the slug alone, never on the number or order of
//! entries, so adding or renaming one entry changes no page's markup.

use super::search_index::js_part_file;
use super::views::Views;
use crate::config::Status;
use crate::output::OutputFile;
use crate::resolve::EntryId;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// Number of preview files: about 20 entries each at 10 000 entries (4 KB
/// loaded for the first preview of a bucket), 100 at 50 000.
pub const BUCKETS: u32 = 512;

/// The preview file of `slug`: 32-bit FNV-1a over its UTF-16 code units,
/// which the script computes the same way from the attribute value.
pub fn bucket(slug: &str) -> u32 {
    let hash = slug.encode_utf16().fold(0x811c_9dc5_u32, |h, unit| (h ^ u32::from(unit)).wrapping_mul(0x0100_0193));
    hash % BUCKETS
}

/// Builds the preview files of the published entries (`sorted`); buckets
/// no entry falls into are not written.
pub fn files(views: &Views<'_>, sorted: &[EntryId]) -> Vec<OutputFile> {
    let mut buckets: BTreeMap<u32, BTreeMap<&str, [Cow<'_, str>; 3]>> = BTreeMap::new();
    for &id in sorted {
        let e = &views.kb.entries[id];
        // A proposed or deprecated entry says so in its preview.
        let kind = match e.status {
            Status::Approved => Cow::Borrowed(views.kind_label(&e.kind)),
            status => Cow::Owned(format!("{} · {}", views.kind_label(&e.kind), status.as_str())),
        };
        let preview = [kind, Cow::Borrowed(e.title.as_str()), Cow::Borrowed(e.summary.as_str())];
        buckets.entry(bucket(&e.slug)).or_default().insert(&e.slug, preview);
    }
    buckets
        .iter()
        .map(|(&n, previews)| js_part_file("assets/previews/p", "ROLEBOOK_PREVIEWS", n as usize, previews))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_fnv1a_over_utf16_units() {
        // Values the script's loop gives (Math.imul, >>> 0, % 512).
        assert_eq!(bucket(""), 0x811c_9dc5 % BUCKETS);
        assert_eq!(bucket("a"), 0xe40c_292c % BUCKETS);
        assert_eq!(bucket("foobar"), 0xbf9c_f968 % BUCKETS);
    }

    #[test]
    fn buckets_spread_similar_slugs() {
        let used: std::collections::HashSet<u32> = (0..2000).map(|n| bucket(&format!("role-{n}"))).collect();
        assert!(used.len() > 450, "{} buckets used", used.len());
    }
}
