//! The data of an entry page.

use super::markdown::{self, LinkContext};
use super::relation_map;
use super::urls;
use super::views::{DecisionView, EntryLink, FacetView, Link, RelationView, Views};
use crate::resolve::{EntryId, Heading, Source};
use serde::Serialize;

/// Everything `entry.html` shows.
#[derive(Debug, Serialize)]
pub struct EntryPage<'a> {
    /// Slug.
    pub slug: &'a str,
    /// Title.
    pub title: &'a str,
    /// Abbreviation.
    pub abbr: Option<&'a str>,
    /// Other names.
    pub aliases: &'a [String],
    /// Kind label.
    pub kind: &'a str,
    /// Kind page URL.
    pub kind_url: String,
    /// Summary.
    pub summary: &'a str,
    /// Rendered body.
    pub body: String,
    /// Headings for the table of contents (levels 2 and 3).
    pub toc: Vec<&'a Heading>,
    /// Typed relations, both directions.
    pub relations: Vec<RelationView<'a>>,
    /// Entries whose bodies link here.
    pub mentioned_in: Vec<EntryLink<'a>>,
    /// Facets in declared order.
    pub facets: Vec<FacetView<'a>>,
    /// Responsibilities.
    pub responsibilities: &'a [String],
    /// Skills.
    pub skills: &'a [String],
    /// Decisions.
    pub decisions: Vec<DecisionView<'a>>,
    /// Sources.
    pub sources: &'a [Source],
    /// Tags with their pages.
    pub tags: Vec<Link>,
    /// Comparison pages that include this entry.
    pub comparisons: Vec<Link>,
    /// `YYYY-MM-DD`, from front matter or else git history.
    pub updated: Option<&'a str>,
    /// Relationship map (trusted SVG built by [`relation_map`]).
    pub map: Option<String>,
    /// Edit link, when site.toml has `repo_edit_url`.
    pub edit_url: Option<String>,
    /// Marked draft.
    pub draft: bool,
}

/// Builds the page data of one entry.
pub fn build<'a>(views: &Views<'a>, id: EntryId, root: &str) -> EntryPage<'a> {
    let kb = views.kb;
    let entry = &kb.entries[id];
    let relations = views.relations(id);
    let context = LinkContext {
        kb,
        root,
        current: Some(id),
        trust_html: views.config.trust_html,
        kinds: &views.config.kinds,
        content_path: &entry.prose.content_path,
    };
    EntryPage {
        slug: &entry.slug,
        title: &entry.title,
        abbr: entry.abbr.as_deref(),
        aliases: &entry.aliases,
        kind: views.kind_label(&entry.kind),
        kind_url: urls::kind(&entry.kind),
        summary: &entry.summary,
        body: markdown::render_parsed(&entry.prose.body, &context),
        toc: entry.headings.iter().filter(|h| (2..=3).contains(&h.level)).collect(),
        map: relation_map::svg(&entry.title, &relations, root),
        relations,
        mentioned_in: views.entry_links(&entry.mentioned_in),
        facets: views.facets(id),
        responsibilities: &entry.responsibilities,
        skills: &entry.skills,
        decisions: entry
            .decisions
            .iter()
            .map(|d| DecisionView { decision: &d.decision, part: d.part.as_str() })
            .collect(),
        sources: &entry.sources,
        tags: tag_links(&entry.tags),
        comparisons: entry
            .comparisons
            .iter()
            .map(|&c| &kb.comparisons[c])
            .filter(|c| kb.include_drafts || !c.draft)
            .map(|c| Link { title: c.title.clone(), url: urls::comparison(&c.slug) })
            .collect(),
        updated: entry
            .updated
            .as_deref()
            .or_else(|| views.git_dates.get(&entry.prose.content_path).map(String::as_str)),
        edit_url: edit_url(views, &entry.prose.content_path),
        draft: entry.draft,
    }
}

/// Tags as links to their pages.
pub fn tag_links(tags: &[String]) -> Vec<Link> {
    tags.iter().map(|t| Link { title: t.clone(), url: urls::tag(t) }).collect()
}

/// The "edit this page" URL for a file under content/.
pub fn edit_url(views: &Views<'_>, content_path: &str) -> Option<String> {
    let url = views.config.repo_edit_url.as_ref()?.replace("{path}", content_path);
    (!crate::markdown::links::is_unsafe_url(&url)).then_some(url)
}
