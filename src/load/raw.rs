//! Front matter as written, once each field has the right shape
//! ([`super::fields`] fills these). Nothing is interpreted here: names stay
//! names until `resolve` turns them into entry ids.

use std::collections::BTreeMap;

/// Front matter of an entry (a role, concept, guide…).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawEntry {
    /// Display title.
    pub title: Option<String>,
    /// Explicit slug, overriding the file name.
    pub slug: Option<String>,
    /// Abbreviation (`DPO`).
    pub abbr: Option<String>,
    /// More names that resolve to this entry.
    pub aliases: Option<Vec<String>>,
    /// A kind declared in site.toml.
    pub kind: Option<String>,
    /// One or two plain sentences.
    pub summary: Option<String>,
    /// Free tags.
    pub tags: Option<Vec<String>>,
    /// Relation key → target names.
    pub links: Option<BTreeMap<String, OneOrMany>>,
    /// Facet key → value.
    pub facets: Option<BTreeMap<String, String>>,
    /// What the role does.
    pub responsibilities: Option<Vec<String>>,
    /// What the role needs to be good at.
    pub skills: Option<Vec<String>>,
    /// Decisions this role takes part in.
    pub decisions: Option<Vec<RawDecision>>,
    /// Articles the entry draws on.
    pub sources: Option<Vec<RawSource>>,
    /// `YYYY-MM-DD`.
    pub updated: Option<String>,
    /// Left out of builds unless `--drafts`.
    pub draft: Option<bool>,
    /// Slugs the entry had before: each old URL redirects to it.
    pub moved_from: Option<Vec<String>>,
    /// `proposed`, `approved` or `deprecated`.
    pub status: Option<String>,
    /// The entry that replaces a deprecated one.
    pub superseded_by: Option<String>,
    /// `YYYY-MM-DD` the entry was deprecated.
    pub deprecated_on: Option<String>,
    /// Why it was deprecated, shown on its page.
    pub deprecation_note: Option<String>,
    /// Teams or people to ask (`@handle`, `@org/team` or free text).
    pub owners: Option<Vec<String>>,
    /// `YYYY-MM-DD` of the last review by its owners.
    pub reviewed: Option<String>,
}

/// Front matter of a comparison page (`compare:` present).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawComparison {
    /// Display title.
    pub title: Option<String>,
    /// Explicit slug, overriding the file name.
    pub slug: Option<String>,
    /// 2–4 entry names.
    pub compare: Option<Vec<String>>,
    /// Facet keys to show; default all declared.
    pub facets: Option<Vec<String>>,
    /// One plain sentence.
    pub summary: Option<String>,
    /// Free tags.
    pub tags: Option<Vec<String>>,
    /// Articles the page draws on.
    pub sources: Option<Vec<RawSource>>,
    /// `YYYY-MM-DD`.
    pub updated: Option<String>,
    /// Left out of builds unless `--drafts`.
    pub draft: Option<bool>,
}

/// One name or a list of names.
#[derive(Debug, Clone, PartialEq)]
pub enum OneOrMany {
    /// `works_with: data-product-owner`
    One(String),
    /// `works_with: [a, b]`
    Many(Vec<String>),
}

impl OneOrMany {
    /// The names, in order.
    pub fn names(&self) -> &[String] {
        match self {
            OneOrMany::One(name) => std::slice::from_ref(name),
            OneOrMany::Many(names) => names,
        }
    }
}

/// `{ decision: …, part: decides }`
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawDecision {
    /// The decision, worded the same across roles.
    pub decision: String,
    /// `decides`, `consulted` or `informed`.
    pub part: String,
}

/// `{ title: …, url: …, publisher: … }`
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RawSource {
    /// Article title.
    pub title: String,
    /// Where it is.
    pub url: Option<String>,
    /// Who published it.
    pub publisher: Option<String>,
}
