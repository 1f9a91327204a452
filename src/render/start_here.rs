//! The home page's "Start here" block: each item site.toml features, as a
//! link with what it is and why to open it.

use super::urls;
use super::views::Views;
use crate::config::FEATURABLE_PAGES;
use crate::resolve::FeaturedRef;
use serde::Serialize;

/// One item of the block.
#[derive(Debug, PartialEq, Serialize)]
pub struct Featured<'a> {
    /// Link text.
    pub title: &'a str,
    /// What it is: a kind label, "Comparison" or "Page".
    pub label: &'a str,
    /// Why to open it.
    pub reason: &'a str,
    /// Site-relative URL.
    pub url: String,
}

/// The block's items, in site.toml order.
pub fn items<'a>(views: &Views<'a>) -> Vec<Featured<'a>> {
    let kb = views.kb;
    crate::resolve::start_here(kb, views.config)
        .into_iter()
        .filter_map(|item| {
            let reason = views.config.start_here.get(item.item).map_or("", |f| f.reason.as_str());
            Some(match &item.target {
                FeaturedRef::Entry(id) => {
                    let entry = kb.entries.get(*id)?;
                    let label = views.kind_label(&entry.kind);
                    Featured { title: &entry.title, label, reason, url: urls::entry(&entry.slug) }
                }
                FeaturedRef::Comparison(index) => {
                    let c = kb.comparisons.get(*index)?;
                    Featured { title: &c.title, label: "Comparison", reason, url: urls::comparison(&c.slug) }
                }
                FeaturedRef::Page(key) => {
                    let &(_, path, title) = FEATURABLE_PAGES.iter().find(|(k, _, _)| k == key)?;
                    Featured { title, label: "Page", reason, url: path.to_owned() }
                }
            })
        })
        .collect()
}
