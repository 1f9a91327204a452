//! Data of the list pages: the index (the first entries of each kind,
//! A–Z), the paged lists of each kind, of each tag and of the comparisons,
//! and the tag overview. No page embeds every entry of a big site: lists
//! are cut into pages of [`PAGE_SIZE`] entries, so the total output stays
//! linear in the number of entries.

use super::urls;
use super::views::{EntryLink, Views};
use crate::resolve::EntryId;
use serde::Serialize;
use std::collections::BTreeMap;

/// Entries (or comparisons) per list page.
pub const PAGE_SIZE: usize = 500;

/// Entries of each kind, and comparisons, shown on the index page; the rest
/// are on the paged lists it links to.
pub const INDEX_LIMIT: usize = 100;

/// Entries of one kind.
#[derive(Debug, PartialEq, Serialize)]
pub struct KindGroup<'a> {
    /// Kind key.
    pub key: &'a str,
    /// Plural label.
    pub label: &'a str,
    /// Kind page URL.
    pub url: String,
    /// The first [`INDEX_LIMIT`] entries A–Z.
    pub entries: Vec<EntryLink<'a>>,
    /// How many entries of this kind are published.
    pub count: usize,
    /// Whether `entries` leaves some out (the kind page has them all).
    pub more: bool,
}

/// A comparison in a list.
#[derive(Debug, PartialEq, Serialize)]
pub struct ComparisonLink<'a> {
    /// Title.
    pub title: &'a str,
    /// Summary.
    pub summary: std::borrow::Cow<'a, str>,
    /// URL.
    pub url: String,
}

/// Everything `index.html` shows.
#[derive(Debug, PartialEq, Serialize)]
pub struct IndexPage<'a> {
    /// Entries by kind.
    pub groups: Vec<KindGroup<'a>>,
    /// The first [`INDEX_LIMIT`] comparison pages.
    pub comparisons: Vec<ComparisonLink<'a>>,
    /// How many comparison pages are published.
    pub comparison_count: usize,
    /// The paged list of every comparison, when `comparisons` leaves some out.
    pub comparisons_url: Option<String>,
    /// Number of published entries.
    pub count: usize,
    /// The "Start here" block (site.toml `[[start_here]]`).
    pub start_here: Vec<super::start_here::Featured<'a>>,
}

/// A numbered link in a pager.
#[derive(Debug, PartialEq, Serialize)]
pub struct PageLink {
    /// 1-based page number.
    pub number: usize,
    /// Site-relative URL.
    pub url: String,
    /// Whether this is the page being shown.
    pub current: bool,
    /// Whether page numbers were skipped before this one.
    pub gap_before: bool,
}

/// Navigation between the pages of one list.
#[derive(Debug, PartialEq, Serialize)]
pub struct Pager {
    /// 1-based number of this page.
    pub page: usize,
    /// Number of pages.
    pub pages: usize,
    /// Previous page URL.
    pub prev: Option<String>,
    /// Next page URL.
    pub next: Option<String>,
    /// First, last and nearby pages (a bounded number, however long the list).
    pub links: Vec<PageLink>,
}

/// A tag with how many entries carry it.
#[derive(Debug, PartialEq, Serialize)]
pub struct TagCount {
    /// Tag.
    pub title: String,
    /// URL.
    pub url: String,
    /// Entries tagged.
    pub count: usize,
}

/// Everything `list.html` shows.
#[derive(Debug, PartialEq, Serialize)]
pub struct ListPage<'a> {
    /// Heading.
    pub title: String,
    /// What the list is.
    pub intro: String,
    /// Entries A–Z (empty on the tag overview).
    pub entries: Vec<EntryLink<'a>>,
    /// Tags (only on the tag overview).
    pub tags: Vec<TagCount>,
    /// Comparisons (only on the comparison list).
    pub comparisons: Vec<ComparisonLink<'a>>,
    /// Links to the other pages of this list; `None` when it fits on one.
    pub pager: Option<Pager>,
}

/// Published entry ids sorted by title (case-insensitive), then slug;
/// deprecated entries after the live ones, so lists lead with what to use.
pub fn alphabetical(views: &Views<'_>) -> Vec<EntryId> {
    let entries = &views.kb.entries;
    let mut ids: Vec<EntryId> = (0..entries.len()).filter(|&id| views.kb.is_published(id)).collect();
    ids.sort_by_cached_key(|&id| sort_key(&entries[id]));
    ids
}

/// Where an entry goes in [`alphabetical`] order.
pub fn sort_key(entry: &crate::resolve::Entry) -> (bool, String, String) {
    let deprecated = entry.status == crate::resolve::Status::Deprecated;
    (deprecated, entry.title.to_lowercase(), entry.slug.clone())
}

/// The index page: per kind its count and first entries, then the first
/// comparisons.
pub fn index<'a>(views: &Views<'a>, sorted: &[EntryId]) -> IndexPage<'a> {
    let kb = views.kb;
    let groups = views
        .config
        .kinds
        .iter()
        .map(|kind| {
            let ids: Vec<EntryId> = sorted.iter().copied().filter(|&id| kb.entries[id].kind == kind.key).collect();
            KindGroup {
                key: &kind.key,
                label: &kind.plural,
                url: urls::kind(&kind.key),
                entries: ids.iter().take(INDEX_LIMIT).map(|&id| views.entry_link(id)).collect(),
                count: ids.len(),
                more: ids.len() > INDEX_LIMIT,
            }
        })
        .filter(|g| g.count > 0)
        .collect();
    let published = published_comparisons(views);
    IndexPage {
        groups,
        comparisons: published.iter().take(INDEX_LIMIT).map(|&c| comparison_link(views, c)).collect(),
        comparison_count: published.len(),
        comparisons_url: (published.len() > INDEX_LIMIT).then(|| COMPARISONS_PATH.to_owned()),
        count: sorted.len(),
        start_here: super::start_here::items(views),
    }
}

/// Where the list of every comparison starts.
pub const COMPARISONS_PATH: &str = "compare/index.html";

fn published_comparisons(views: &Views<'_>) -> Vec<usize> {
    let kb = views.kb;
    (0..kb.comparisons.len()).filter(|&c| kb.include_drafts || !kb.comparisons[c].draft).collect()
}

fn comparison_link<'a>(views: &Views<'a>, index: usize) -> ComparisonLink<'a> {
    let c = &views.kb.comparisons[index];
    ComparisonLink { title: &c.title, summary: super::compare_page::summary(views, c), url: urls::comparison(&c.slug) }
}

/// The paged list of every comparison, only when the index cannot show them
/// all: (output path, page).
pub fn comparisons<'a>(views: &Views<'a>) -> Vec<(String, ListPage<'a>)> {
    let published = published_comparisons(views);
    if published.len() <= INDEX_LIMIT {
        return Vec::new();
    }
    let intro = format!("All {} comparison pages, A–Z by slug.", published.len());
    paged(COMPARISONS_PATH, "Comparisons", &intro, &published, |page, ids| ListPage {
        comparisons: ids.iter().map(|&c| comparison_link(views, c)).collect(),
        ..page
    })
}

/// Output path of page `number` (1-based) of the list whose first page is
/// `first`: `kinds/role.html`, then `kinds/role/2.html`, … (a folder, so no
/// slug can collide with a page number).
pub fn page_path(first: &str, number: usize) -> String {
    if number <= 1 {
        return first.to_owned();
    }
    let stem = first.strip_suffix(".html").unwrap_or(first);
    format!("{stem}/{number}.html")
}

/// Cuts `items` into pages of [`PAGE_SIZE`]; `fill` puts one page's items
/// into the (otherwise empty) page it is given.
fn paged<'a, T>(
    first: &str,
    title: &str,
    intro: &str,
    items: &[T],
    fill: impl Fn(ListPage<'a>, &[T]) -> ListPage<'a>,
) -> Vec<(String, ListPage<'a>)> {
    let pages = items.len().div_ceil(PAGE_SIZE).max(1);
    (1..=pages)
        .map(|number| {
            let start = (number - 1) * PAGE_SIZE;
            let chunk = &items[start.min(items.len())..(start + PAGE_SIZE).min(items.len())];
            let title = if number == 1 { title.to_owned() } else { format!("{title} (page {number} of {pages})") };
            let empty = ListPage {
                title,
                intro: intro.to_owned(),
                entries: Vec::new(),
                tags: Vec::new(),
                comparisons: Vec::new(),
                pager: (pages > 1).then(|| pager(first, number, pages)),
            };
            (page_path(first, number), fill(empty, chunk))
        })
        .collect()
}

/// The pager of page `number`: first, last, and two either side.
pub fn pager(first: &str, number: usize, pages: usize) -> Pager {
    let mut links = Vec::new();
    let mut last_shown = 0;
    for n in 1..=pages {
        if n == 1 || n == pages || n.abs_diff(number) <= 2 {
            links.push(PageLink {
                number: n,
                url: page_path(first, n),
                current: n == number,
                gap_before: n > last_shown + 1,
            });
            last_shown = n;
        }
    }
    Pager {
        page: number,
        pages,
        prev: (number > 1).then(|| page_path(first, number - 1)),
        next: (number < pages).then(|| page_path(first, number + 1)),
        links,
    }
}

/// The paged list of each declared kind whose first page's path `keep`
/// accepts (all of them but in `serve`'s rebuilds): (output path, page).
pub fn kinds<'a>(views: &Views<'a>, sorted: &[EntryId], keep: impl Fn(&str) -> bool) -> Vec<(String, ListPage<'a>)> {
    let kb = views.kb;
    let mut pages = Vec::new();
    for kind in views.config.kinds.iter().filter(|kind| keep(&urls::kind(&kind.key))) {
        let ids: Vec<EntryId> = sorted.iter().copied().filter(|&id| kb.entries[id].kind == kind.key).collect();
        let intro = format!("Every {} in the knowledge base, A–Z.", kind.label.to_lowercase());
        pages.extend(paged(&urls::kind(&kind.key), &kind.plural, &intro, &ids, |page, ids| ListPage {
            entries: ids.iter().map(|&id| views.entry_link(id)).collect(),
            ..page
        }));
    }
    pages
}

/// The paged list of each tag whose first page's path `keep` accepts (all
/// of them but in `serve`'s rebuilds), plus the overview: (output path, page).
pub fn tags<'a>(views: &Views<'a>, sorted: &[EntryId], keep: impl Fn(&str) -> bool) -> Vec<(String, ListPage<'a>)> {
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
        let title = format!("Tagged “{name}”");
        let intro = format!("{} entries carry this tag.", ids.len());
        if keep(&path) {
            pages.extend(paged(&path, &title, &intro, &ids, |page, ids| ListPage {
                entries: ids.iter().map(|&id| views.entry_link(id)).collect(),
                ..page
            }));
        }
        counts.push(TagCount { title: name, url: path, count: ids.len() });
    }
    let overview = ListPage {
        title: "Tags".into(),
        intro: "Every tag, with how many entries carry it.".into(),
        entries: Vec::new(),
        tags: counts,
        comparisons: Vec::new(),
        pager: None,
    };
    pages.push(("tags/index.html".into(), overview));
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_pages_live_in_a_folder_named_after_the_first() {
        assert_eq!(page_path("kinds/role.html", 1), "kinds/role.html");
        assert_eq!(page_path("kinds/role.html", 2), "kinds/role/2.html");
        assert_eq!(page_path("compare/index.html", 3), "compare/index/3.html");
    }

    #[test]
    fn pages_split_at_page_size_with_a_bounded_pager() {
        let items: Vec<usize> = (0..PAGE_SIZE * 20 + 1).collect();
        let pages = paged("tags/x.html", "X", "", &items, |page, chunk| ListPage {
            tags: vec![TagCount { title: String::new(), url: String::new(), count: chunk.len() }],
            ..page
        });
        assert_eq!(pages.len(), 21);
        assert_eq!(pages[0].1.tags[0].count, PAGE_SIZE);
        assert_eq!(pages[20].1.tags[0].count, 1);
        assert_eq!(pages[20].0, "tags/x/21.html");
        let middle = pages[10].1.pager.as_ref().unwrap();
        let numbers: Vec<usize> = middle.links.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 9, 10, 11, 12, 13, 21]);
        assert!(middle.links[1].gap_before && !middle.links[2].gap_before);
        assert_eq!(middle.prev.as_deref(), Some("tags/x/10.html"));
        assert_eq!(middle.next.as_deref(), Some("tags/x/12.html"));
    }

    #[test]
    fn a_short_list_has_one_page_and_no_pager() {
        let pages = paged("kinds/role.html", "Roles", "", &[1, 2, 3], |page, _| page);
        assert_eq!(pages.len(), 1);
        assert!(pages[0].1.pager.is_none());
    }
}
