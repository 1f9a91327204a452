//! The resolved knowledge base: entries with ids instead of names, typed
//! edges, reverse links and comparisons. Immutable once `resolve` returns.

pub use crate::config::Status;
pub use crate::markdown::Heading;
use crate::markdown::ParsedBody;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Index of an entry in [`KnowledgeBase::entries`].
pub type EntryId = usize;

/// A decision and the part a role plays in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// The decision, as worded by the author.
    pub decision: String,
    /// The role's part.
    pub part: Part,
}

/// The part a role plays in a decision (RACI-like, without the A).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Part {
    /// Takes the decision.
    Decides,
    /// Is asked before.
    Consulted,
    /// Is told after.
    Informed,
}

impl Part {
    /// Parses `decides`, `consulted` or `informed`.
    pub fn parse(text: &str) -> Option<Part> {
        match text.trim().to_lowercase().as_str() {
            "decides" | "decide" => Some(Part::Decides),
            "consulted" | "consult" => Some(Part::Consulted),
            "informed" | "inform" => Some(Part::Informed),
            _ => None,
        }
    }

    /// Lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Part::Decides => "decides",
            Part::Consulted => "consulted",
            Part::Informed => "informed",
        }
    }
}

/// A cited article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// Title.
    pub title: String,
    /// Address, if given.
    pub url: Option<String>,
    /// Publisher, if given.
    pub publisher: Option<String>,
}

/// The prose of a page, as load parsed it: what rendering reads of a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prose {
    /// The file's path inside `content/`, for edit links and git dates.
    pub content_path: String,
    /// The body, parsed once and shared with the loaded document.
    pub body: Arc<ParsedBody>,
}

/// A labelled list of related entries, as shown on an entry page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationGroup {
    /// Index of the relation in the config.
    pub relation: usize,
    /// True when this is the reverse side of a directed relation.
    pub incoming: bool,
    /// Display label.
    pub label: String,
    /// Related entries, sorted by title.
    pub entries: Vec<EntryId>,
}

/// One resolved entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// URL identifier.
    pub slug: String,
    /// Display title.
    pub title: String,
    /// Abbreviation.
    pub abbr: Option<String>,
    /// Extra names.
    pub aliases: Vec<String>,
    /// Kind key.
    pub kind: String,
    /// Plain-text summary.
    pub summary: String,
    /// Tags, sorted and deduplicated.
    pub tags: Vec<String>,
    /// Facet key → value.
    pub facets: BTreeMap<String, String>,
    /// What the role does.
    pub responsibilities: Vec<String>,
    /// What the role needs.
    pub skills: Vec<String>,
    /// Decisions taken part in.
    pub decisions: Vec<Decision>,
    /// Cited articles.
    pub sources: Vec<Source>,
    /// `YYYY-MM-DD`.
    pub updated: Option<String>,
    /// Left out unless drafts are built (and, with `approved_only`,
    /// proposed entries too).
    pub draft: bool,
    /// Lifecycle status.
    pub status: Status,
    /// The entry that replaces this one.
    pub superseded_by: Option<EntryId>,
    /// `YYYY-MM-DD` it was deprecated.
    pub deprecated_on: Option<String>,
    /// Why it was deprecated.
    pub deprecation_note: Option<String>,
    /// Who to ask: its own `owners`, else the site's default for its kind.
    pub owners: Vec<String>,
    /// `YYYY-MM-DD` of the last review.
    pub reviewed: Option<String>,
    /// Index of the document it came from.
    pub document: usize,
    /// Its body (completed again with the headings after a prose edit).
    pub prose: Prose,
    /// Typed relations in both directions, grouped by label.
    pub relations: Vec<RelationGroup>,
    /// Entries whose body links here.
    pub mentioned_in: Vec<EntryId>,
    /// Body headings.
    pub headings: Vec<Heading>,
    /// Indexes of the comparisons that include this entry.
    pub comparisons: Vec<usize>,
    /// Slugs it had before (valid ones): redirect pages lead here.
    pub moved_from: Vec<String>,
}

/// A typed link between two entries, normalized to the relation's direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Edge {
    /// Source entry.
    pub from: EntryId,
    /// Relation index in the config.
    pub relation: usize,
    /// Target entry.
    pub to: EntryId,
}

/// A comparison page, hand-written or generated from `contrasts_with`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// URL identifier (without the `compare/` folder).
    pub slug: String,
    /// Display title.
    pub title: String,
    /// Plain-text summary.
    pub summary: String,
    /// The compared entries, 2 to 4.
    pub entries: Vec<EntryId>,
    /// Facet keys to show, in display order.
    pub facets: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Cited articles.
    pub sources: Vec<Source>,
    /// `YYYY-MM-DD`.
    pub updated: Option<String>,
    /// The document with the prose; `None` for generated pages.
    pub document: Option<usize>,
    /// The document's body; `None` for generated pages.
    pub prose: Option<Prose>,
    /// Left out unless drafts are built.
    pub draft: bool,
}

/// The resolved site.
#[derive(Debug, Clone, Default)]
pub struct KnowledgeBase {
    /// Entries sorted by slug.
    pub entries: Vec<Entry>,
    /// Comparisons sorted by slug.
    pub comparisons: Vec<Comparison>,
    /// Every typed edge, sorted.
    pub edges: Vec<Edge>,
    /// Name key (slug, title, abbr, alias) → entry.
    pub names: foldhash::HashMap<String, EntryId>,
    /// Slug → entry.
    pub slugs: foldhash::HashMap<String, EntryId>,
    /// Whether draft entries are part of the output.
    pub include_drafts: bool,
    /// Whether raw HTML in bodies is kept as written (site.toml
    /// `trust_html`): then the allow-list removes nothing to report.
    pub trust_html: bool,
    /// Assets and static files, for body references to files.
    pub files: crate::site_files::SiteFiles,
}

/// One "Start here" item of the home page, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartHere {
    /// What it points to.
    pub target: FeaturedRef,
    /// Its index in site.toml's `[[start_here]]` list (for the reason).
    pub item: usize,
}

/// What a "Start here" item of the home page points to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FeaturedRef {
    /// An entry.
    Entry(EntryId),
    /// A comparison, by index into [`KnowledgeBase::comparisons`].
    Comparison(usize),
    /// A built-in page, by key (`matrix`, `compare`, …).
    Page(String),
}

impl KnowledgeBase {
    /// Finds an entry by slug, title, abbr or alias (case-insensitive), by
    /// the slug a name would produce, or, for a path-like name such as
    /// `Tools/Databases/Redshift`, by its last part.
    pub fn lookup(&self, name: &str) -> Option<EntryId> {
        let find = |name: &str| {
            let key = crate::slug::name_key(name);
            self.names.get(&key).or_else(|| self.slugs.get(&crate::slug::slugify(name))).copied()
        };
        find(name).or_else(|| name.rsplit_once('/').and_then(|(_, last)| find(last)))
    }

    /// Whether an entry is part of the output.
    pub fn is_published(&self, id: EntryId) -> bool {
        self.include_drafts || !self.entries[id].draft
    }

    /// Old slug → the published entry that moved from it, for the redirect
    /// pages: a slug some entry has now, or one claimed by an earlier
    /// entry, gives no redirect (`check` reports it).
    pub fn redirects(&self) -> std::collections::BTreeMap<&str, EntryId> {
        let mut redirects = std::collections::BTreeMap::new();
        for (id, entry) in self.entries.iter().enumerate() {
            for old in &entry.moved_from {
                if !self.slugs.contains_key(old) && !redirects.contains_key(old.as_str()) {
                    redirects.insert(old.as_str(), id);
                }
            }
        }
        redirects.retain(|_, id| self.is_published(*id));
        redirects
    }
}
