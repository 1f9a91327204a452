//! `changes.html`: the recent changes from git, newest first, grouped by
//! day, each a link to the entry (while it exists) and one line of what
//! changed. Only rendered when there are changes to show.

use super::urls;
use super::views::Views;
use crate::history::Change;
use serde::Serialize;
use std::collections::BTreeMap;

/// Output path of the page.
pub const PATH: &str = "changes.html";

/// One change as the page shows it.
#[derive(Debug, PartialEq, Serialize)]
pub struct ChangeRow<'a> {
    /// Title (after the change).
    pub title: &'a str,
    /// Site-relative URL of its page, if it is published now.
    pub url: Option<String>,
    /// What changed.
    pub what: &'a str,
    /// Short commit hash.
    pub commit: &'a str,
}

/// The changes of one day.
#[derive(Debug, PartialEq, Serialize)]
pub struct ChangeDay<'a> {
    /// `YYYY-MM-DD`.
    pub day: &'a str,
    /// Its changes, newest first.
    pub rows: Vec<ChangeRow<'a>>,
}

/// Everything `changes.html` shows.
#[derive(Debug, PartialEq, Serialize)]
pub struct ChangesPage<'a> {
    /// Days, newest first.
    pub days: Vec<ChangeDay<'a>>,
    /// How many changes in all.
    pub count: usize,
}

/// The page data, or `None` when there is nothing to show.
pub fn page<'a>(views: &Views<'a>) -> Option<ChangesPage<'a>> {
    if views.changes.is_empty() {
        return None;
    }
    let targets = Targets::of(views);
    let mut days: Vec<ChangeDay<'a>> = Vec::new();
    for change in views.changes {
        let row = ChangeRow {
            title: &change.title,
            url: targets.url(change),
            what: &change.what,
            commit: change.commit.get(..7).unwrap_or(&change.commit),
        };
        match days.last_mut() {
            Some(day) if day.day == change.day => day.rows.push(row),
            _ => days.push(ChangeDay { day: &change.day, rows: vec![row] }),
        }
    }
    Some(ChangesPage { days, count: views.changes.len() })
}

/// Where a change's entry or comparison lives now.
pub(super) struct Targets<'v, 'a> {
    views: &'v Views<'a>,
    comparisons: BTreeMap<&'a str, bool>,
}

impl<'v, 'a> Targets<'v, 'a> {
    /// Looks up against the site being built.
    pub(super) fn of(views: &'v Views<'a>) -> Self {
        let kb = views.kb;
        let comparisons = kb.comparisons.iter().map(|c| (c.slug.as_str(), kb.include_drafts || !c.draft)).collect();
        Targets { views, comparisons }
    }

    /// Site-relative URL of the change's page, when it is published.
    pub(super) fn url(&self, change: &Change) -> Option<String> {
        if change.removed {
            return None;
        }
        if change.comparison {
            return self.comparisons.get(change.slug.as_str()).filter(|p| **p).map(|_| urls::comparison(&change.slug));
        }
        let kb = self.views.kb;
        kb.slugs.get(&change.slug).filter(|&&id| kb.is_published(id)).map(|_| urls::entry(&change.slug))
    }
}
