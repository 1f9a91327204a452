//! Typed template data: what each template receives. Built from the
//! knowledge base; templates never see raw front matter.

use super::git_dates::GitDates;
use super::urls;
use crate::config::SiteConfig;
use crate::resolve::{EntryId, KnowledgeBase, Source};
use serde::Serialize;

/// Site-wide data every page gets as `site`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteView<'a> {
    /// Site title.
    pub title: &'a str,
    /// Site description.
    pub description: &'a str,
    /// `lang` attribute.
    pub language: &'a str,
    /// Emit `noindex`.
    pub noindex: bool,
    /// Kinds with their list pages.
    pub kinds: Vec<KindLink<'a>>,
    /// rolebook version, for the generator meta tag.
    pub generator: &'static str,
    /// Whether `changes.html` and `changes.xml` exist.
    pub changes: bool,
}

/// A kind and its list page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindLink<'a> {
    /// Key.
    pub key: &'a str,
    /// Singular label.
    pub label: &'a str,
    /// Plural label.
    pub plural: &'a str,
    /// Site-relative URL of its page.
    pub url: String,
}

/// A link to an entry with what previews and lists show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntryLink<'a> {
    /// Slug.
    pub slug: &'a str,
    /// Title.
    pub title: &'a str,
    /// Abbreviation.
    pub abbr: Option<&'a str>,
    /// Kind label.
    pub kind: &'a str,
    /// Summary.
    pub summary: &'a str,
    /// Site-relative URL.
    pub url: String,
    /// `proposed`, `approved` or `deprecated`, for badges.
    pub status: &'static str,
}

/// A link with a label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    /// Text.
    pub title: String,
    /// Site-relative URL.
    pub url: String,
}

/// A labelled facet value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FacetView<'a> {
    /// Label.
    pub label: &'a str,
    /// Value.
    pub value: &'a str,
}

/// Related entries under one label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RelationView<'a> {
    /// Label ("Works with", "Owned by").
    pub label: &'a str,
    /// The entries.
    pub entries: Vec<EntryLink<'a>>,
}

/// A decision with the role's part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DecisionView<'a> {
    /// The decision.
    pub decision: &'a str,
    /// `decides`, `consulted`, `informed`.
    pub part: &'static str,
}

/// Builds links and views against one knowledge base and config.
#[derive(Debug, Clone, Copy)]
pub struct Views<'a> {
    /// The resolved site.
    pub kb: &'a KnowledgeBase,
    /// The settings.
    pub config: &'a SiteConfig,
    /// Dates from git history, for entries without `updated`.
    pub git_dates: &'a GitDates,
    /// Recent changes from git history, newest first.
    pub changes: &'a [crate::history::Change],
    /// Map layouts remembered across renderings, when the caller keeps them.
    pub layouts: Option<&'a super::role_graph::Layouts>,
}

impl<'a> Views<'a> {
    /// Site-wide data.
    pub fn site(&self) -> SiteView<'a> {
        let config = self.config;
        SiteView {
            title: &config.title,
            description: &config.description,
            language: &config.language,
            noindex: config.noindex,
            kinds: config
                .kinds
                .iter()
                .map(|k| KindLink { key: &k.key, label: &k.label, plural: &k.plural, url: urls::kind(&k.key) })
                .collect(),
            generator: concat!("rolebook ", env!("CARGO_PKG_VERSION")),
            changes: !self.changes.is_empty(),
        }
    }

    /// A link to an entry.
    pub fn entry_link(&self, id: EntryId) -> EntryLink<'a> {
        let entry = &self.kb.entries[id];
        EntryLink {
            slug: &entry.slug,
            title: &entry.title,
            abbr: entry.abbr.as_deref(),
            kind: self.kind_label(&entry.kind),
            summary: &entry.summary,
            url: urls::entry(&entry.slug),
            status: entry.status.as_str(),
        }
    }

    /// Links to the published entries among `ids`.
    pub fn entry_links(&self, ids: &[EntryId]) -> Vec<EntryLink<'a>> {
        ids.iter().filter(|&&id| self.kb.is_published(id)).map(|&id| self.entry_link(id)).collect()
    }

    /// The singular label of a kind key.
    pub fn kind_label(&self, key: &str) -> &'a str {
        self.config.kind(key).map_or("Entry", |k| k.label.as_str())
    }

    /// Label of a facet key.
    pub fn facet_label(&self, key: &str) -> &'a str {
        self.config.facets.iter().find(|f| f.key == key).map_or("", |f| f.label.as_str())
    }

    /// The relation groups of an entry, without unpublished entries.
    pub fn relations(&self, id: EntryId) -> Vec<RelationView<'a>> {
        self.kb.entries[id]
            .relations
            .iter()
            .map(|g| RelationView { label: &g.label, entries: self.entry_links(&g.entries) })
            .filter(|g| !g.entries.is_empty())
            .collect()
    }

    /// Facets in declared order.
    pub fn facets(&self, id: EntryId) -> Vec<FacetView<'a>> {
        let entry = &self.kb.entries[id];
        self.config
            .facets
            .iter()
            .filter_map(|f| entry.facets.get(&f.key).map(|v| FacetView { label: &f.label, value: v }))
            .collect()
    }
}

/// Sources as template data (already plain).
pub fn sources(sources: &[Source]) -> &[Source] {
    sources
}
