//! Data of the list pages: the index (every entry A–Z, grouped by kind),
//! one page per kind, one per tag, and the tag overview.

use super::urls;
use super::views::{EntryLink, Views};
use crate::resolve::EntryId;
use serde::Serialize;
use std::collections::BTreeMap;

/// Entries of one kind.
#[derive(Debug, Serialize)]
pub struct KindGroup<'a> {
    /// Kind key.
    pub key: &'a str,
    /// Plural label.
    pub label: &'a str,
    /// Kind page URL.
    pub url: String,
    /// Entries A–Z.
    pub entries: Vec<EntryLink<'a>>,
}

/// A comparison in a list.
#[derive(Debug, Serialize)]
pub struct ComparisonLink<'a> {
    /// Title.
    pub title: &'a str,
    /// Summary.
    pub summary: &'a str,
    /// URL.
    pub url: String,
}

/// Everything `index.html` shows.
#[derive(Debug, Serialize)]
pub struct IndexPage<'a> {
    /// Entries by kind.
    pub groups: Vec<KindGroup<'a>>,
    /// Every comparison page.
    pub comparisons: Vec<ComparisonLink<'a>>,
    /// Number of published entries.
    pub count: usize,
}

/// A tag with how many entries carry it.
#[derive(Debug, Serialize)]
pub struct TagCount {
    /// Tag.
    pub title: String,
    /// URL.
    pub url: String,
    /// Entries tagged.
    pub count: usize,
}

/// Everything `list.html` shows.
#[derive(Debug, Serialize)]
pub struct ListPage<'a> {
    /// Heading.
    pub title: String,
    /// What the list is.
    pub intro: String,
    /// Entries A–Z (empty on the tag overview).
    pub entries: Vec<EntryLink<'a>>,
    /// Tags (only on the tag overview).
    pub tags: Vec<TagCount>,
}

/// Published entry ids sorted by title (case-insensitive), then slug.
pub fn alphabetical(views: &Views<'_>) -> Vec<EntryId> {
    let entries = &views.kb.entries;
    let mut ids: Vec<EntryId> = (0..entries.len()).filter(|&id| views.kb.is_published(id)).collect();
    ids.sort_by_cached_key(|&id| (entries[id].title.to_lowercase(), entries[id].slug.clone()));
    ids
}

/// The index page.
pub fn index<'a>(views: &Views<'a>, sorted: &[EntryId]) -> IndexPage<'a> {
    let kb = views.kb;
    let groups = views
        .config
        .kinds
        .iter()
        .map(|kind| KindGroup {
            key: &kind.key,
            label: &kind.plural,
            url: urls::kind(&kind.key),
            entries: sorted
                .iter()
                .filter(|&&id| kb.entries[id].kind == kind.key)
                .map(|&id| views.entry_link(id))
                .collect(),
        })
        .filter(|g| !g.entries.is_empty())
        .collect();
    let comparisons = kb
        .comparisons
        .iter()
        .filter(|c| kb.include_drafts || !c.draft)
        .map(|c| ComparisonLink { title: &c.title, summary: &c.summary, url: urls::comparison(&c.slug) })
        .collect();
    IndexPage { groups, comparisons, count: sorted.len() }
}

/// One page per declared kind: (output path, page).
pub fn kinds<'a>(views: &Views<'a>, sorted: &[EntryId]) -> Vec<(String, ListPage<'a>)> {
    let kb = views.kb;
    views
        .config
        .kinds
        .iter()
        .map(|kind| {
            let entries =
                sorted.iter().filter(|&&id| kb.entries[id].kind == kind.key).map(|&id| views.entry_link(id)).collect();
            let page = ListPage {
                title: kind.plural.clone(),
                intro: format!("Every {} in the knowledge base, A–Z.", kind.label.to_lowercase()),
                entries,
                tags: Vec::new(),
            };
            (urls::kind(&kind.key), page)
        })
        .collect()
}

/// One page per tag plus the overview: (output path, page).
pub fn tags<'a>(views: &Views<'a>, sorted: &[EntryId]) -> Vec<(String, ListPage<'a>)> {
    let mut by_tag: BTreeMap<String, Vec<EntryId>> = BTreeMap::new();
    for &id in sorted {
        for tag in &views.kb.entries[id].tags {
            by_tag.entry(urls::tag(tag)).or_default().push(id);
        }
    }
    let mut pages = Vec::with_capacity(by_tag.len() + 1);
    let mut counts = Vec::with_capacity(by_tag.len());
    for (path, ids) in by_tag {
        let name = views.kb.entries[ids[0]].tags.iter().find(|t| urls::tag(t) == path).cloned().unwrap_or_default();
        counts.push(TagCount { title: name.clone(), url: path.clone(), count: ids.len() });
        let page = ListPage {
            title: format!("Tagged “{name}”"),
            intro: format!("{} entries carry this tag.", ids.len()),
            entries: ids.iter().map(|&id| views.entry_link(id)).collect(),
            tags: Vec::new(),
        };
        pages.push((path, page));
    }
    let overview = ListPage {
        title: "Tags".into(),
        intro: "Every tag, with how many entries carry it.".into(),
        entries: Vec::new(),
        tags: counts,
    };
    pages.push(("tags/index.html".into(), overview));
    pages
}
