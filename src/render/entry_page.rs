//! The data of an entry page.

use super::markdown::{self, LinkContext};
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
    /// Whether the body opens with the summary's words (a summary taken
    /// from the first paragraph): the page then shows them once.
    pub summary_in_body: bool,
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
    /// Edit link, when site.toml has `repo_edit_url`.
    pub edit_url: Option<String>,
    /// Marked draft.
    pub draft: bool,
    /// Lifecycle: status, successor, owners, review.
    pub lifecycle: Lifecycle<'a>,
}

/// What an entry page says about the entry's lifecycle and who owns it.
#[derive(Debug, Serialize)]
pub struct Lifecycle<'a> {
    /// `proposed`, `approved` or `deprecated`.
    pub status: &'static str,
    /// `Proposed`, `Approved` or `Deprecated`.
    pub label: &'static str,
    /// The published entry that replaces this one.
    pub successor: Option<EntryLink<'a>>,
    /// `YYYY-MM-DD` it was deprecated.
    pub deprecated_on: Option<&'a str>,
    /// Why it was deprecated.
    pub note: Option<&'a str>,
    /// Who to ask.
    pub owners: &'a [String],
    /// `YYYY-MM-DD` of the last review.
    pub reviewed: Option<&'a str>,
}

fn lifecycle<'a>(views: &Views<'a>, id: EntryId) -> Lifecycle<'a> {
    let entry = &views.kb.entries[id];
    let (last, circle) = crate::resolve::lifecycle::last_successor(views.kb, id);
    let successor = (!circle && last != id && views.kb.is_published(last)).then(|| views.entry_link(last));
    Lifecycle {
        status: entry.status.as_str(),
        label: entry.status.label(),
        successor,
        deprecated_on: entry.deprecated_on.as_deref(),
        note: entry.deprecation_note.as_deref(),
        owners: &entry.owners,
        reviewed: entry.reviewed.as_deref(),
    }
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
        content_path: &entry.prose.content_path,
    };
    let body = markdown::render_parsed(&entry.prose.body, &context);
    EntryPage {
        slug: &entry.slug,
        title: &entry.title,
        abbr: entry.abbr.as_deref(),
        aliases: &entry.aliases,
        kind: views.kind_label(&entry.kind),
        kind_url: urls::kind(&entry.kind),
        summary: &entry.summary,
        summary_in_body: opens_with(&body, &entry.summary),
        body,
        toc: entry.headings.iter().filter(|h| (2..=3).contains(&h.level)).collect(),
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
        lifecycle: lifecycle(views, id),
    }
}

/// Whether the first paragraph with text of a rendered body starts with
/// `summary` (compared as plain text, whitespace collapsed).
fn opens_with(body_html: &str, summary: &str) -> bool {
    let wanted = plain_words(summary.trim_end_matches('…'));
    if wanted.is_empty() {
        return false;
    }
    let mut rest = body_html;
    while let Some(start) = rest.find("<p>").or_else(|| rest.find("<p ")) {
        let after = &rest[start..];
        let Some(end) = after.find("</p>") else { return false };
        // Compared as the paragraph's plain words are made, not after
        // collecting them all (that was 2 % of a 10k build).
        let text = strip_tags(&after[..end]);
        let mut plain = plain_chars(&text).peekable();
        if plain.peek().is_some() {
            return wanted.chars().all(|c| plain.next() == Some(c));
        }
        rest = &after[end..];
    }
    false
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    if !out.contains('&') {
        // No entity to turn back: skip three copies.
        return out;
    }
    out.replace("&nbsp;", " ").replace("&#160;", " ").replace("&amp;", "&")
}

/// Letters and digits only, lower-cased: typography (non-breaking spaces,
/// curly quotes, dashes) and markup never make two texts differ.
fn plain_words(text: &str) -> String {
    plain_chars(text).collect()
}

/// The characters of [`plain_words`], one at a time.
fn plain_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn knows_when_the_body_opens_with_the_summary() {
        let body = "<p><img src=\"a.png\" alt=\"\"></p>\n<p>A <a href=\"x.html\">data</a> steward keeps &amp; fixes. More.</p>";
        assert!(opens_with(body, "A data steward keeps & fixes."));
        assert!(opens_with(body, "A data steward keeps & fixes. More."));
        assert!(!opens_with(body, "Something else."));
        assert!(!opens_with("<h2>x</h2>", "x"));
        assert!(!opens_with(body, ""));
        let typeset = "<p>DuckDB is an&nbsp;in-process<br>\nSQL&nbsp;OLAP system, it’s fast.</p>";
        assert!(opens_with(typeset, "DuckDB is an in-process SQL OLAP system, it's fast."));
    }

    #[test]
    fn a_longer_summary_or_other_entities_do_not_match() {
        assert!(!opens_with("<p>Short.</p>", "Short and more."));
        assert!(!opens_with("<p>a &lt;b&gt; c</p>", "a b c"), "other entities keep their letters");
        assert!(opens_with("<p>a &lt;b&gt; c</p>", "a ltbgt c"));
        assert!(opens_with("<p></p><p>Ab</p>", "a"));
    }
}
