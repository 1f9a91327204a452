//! One version of one content file, read the way `load` reads it, with
//! what the changes page compares: slug, title, kind, summary, facets and
//! the relations written under `links:`.

use crate::config::{SiteConfig, Status};
use crate::diag::Diagnostics;
use crate::load::{front_matter, FrontMatter, SourceFile};
use crate::slug::slugify;
use std::collections::{BTreeMap, BTreeSet};

/// What the changes page compares of a file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// Slug (explicit or from the file name).
    pub slug: String,
    /// Title (the file name when missing).
    pub title: String,
    /// Kind key (the site's default kind when missing); empty for comparisons.
    pub kind: String,
    /// Whether it is a comparison page.
    pub comparison: bool,
    /// Summary.
    pub summary: String,
    /// Facet key → value.
    pub facets: BTreeMap<String, String>,
    /// (relation key, target name) as written.
    pub links: BTreeSet<(String, String)>,
    /// Responsibilities, skills, decisions and the review date, each as text
    /// (label, text), for "Responsibilities changed".
    pub lists: Vec<(&'static str, String)>,
    /// Lifecycle status (the site's default when unset).
    pub status: Status,
    /// Owners, as written, comma-separated.
    pub owners: String,
    /// Left out of builds.
    pub draft: bool,
    /// The Markdown body, trimmed (to tell a text edit from other edits).
    pub body: String,
}

/// Reads `text` (the file at `path`, relative to the site); `None` when its
/// front matter cannot be read (then neither can the build's).
pub fn read(path: &str, text: &str, config: &SiteConfig) -> Option<Snapshot> {
    let content_path = path.strip_prefix("content/").unwrap_or(path);
    let file = SourceFile::new(path.to_owned(), content_path.to_owned(), text.to_owned());
    // The build reports problems; an old version's are history.
    let mut ignored = Diagnostics::new();
    let split = front_matter::split(&file, &mut ignored)?;
    let keys = front_matter::top_level_keys(&file.text, split);
    let slug = |explicit: Option<&String>| explicit.map_or_else(|| slugify(file.stem()), |s| slugify(s));
    let title = |title: Option<&String>| title.cloned().unwrap_or_else(|| file.stem().to_owned());
    let body = file.text.get(split.body..).unwrap_or("").trim().to_owned();
    let snapshot = match front_matter::parse(&file, split, &keys, &mut ignored)? {
        FrontMatter::Entry(raw) => {
            let status = raw.status.as_deref().and_then(Status::parse).unwrap_or(config.default_status);
            Snapshot {
                slug: slug(raw.slug.as_ref()),
                title: title(raw.title.as_ref()),
                kind: raw.kind.clone().or_else(|| config.default_kind.clone()).unwrap_or_default(),
                comparison: false,
                summary: raw.summary.clone().unwrap_or_default(),
                facets: raw.facets.clone().unwrap_or_default(),
                links: raw
                    .links
                    .iter()
                    .flatten()
                    .flat_map(|(key, names)| names.names().iter().map(move |name| (key.clone(), name.clone())))
                    .collect(),
                lists: vec![
                    ("Responsibilities", raw.responsibilities.iter().flatten().cloned().collect::<Vec<_>>().join("\n")),
                    ("Skills", raw.skills.iter().flatten().cloned().collect::<Vec<_>>().join("\n")),
                    (
                        "Decisions",
                        raw.decisions
                            .iter()
                            .flatten()
                            .map(|d| format!("{}: {}", d.decision, d.part))
                            .collect::<Vec<_>>()
                            .join("\n"),
                    ),
                    ("Reviewed", raw.reviewed.clone().unwrap_or_default()),
                ],
                status,
                owners: raw.owners.iter().flatten().cloned().collect::<Vec<_>>().join(", "),
                // As `resolve` decides: proposed entries are drafts on an approved-only site.
                draft: raw.draft.unwrap_or(false) || (config.approved_only && status == Status::Proposed),
                body,
            }
        }
        FrontMatter::Comparison(raw) => Snapshot {
            slug: slug(raw.slug.as_ref()),
            title: title(raw.title.as_ref()),
            comparison: true,
            summary: raw.summary.clone().unwrap_or_default(),
            draft: raw.draft.unwrap_or(false),
            body,
            ..Snapshot::default()
        },
    };
    Some(snapshot)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_an_entry_and_a_comparison() {
        let config = SiteConfig::default();
        let text = "---\ntitle: Data Owner\nkind: role\nsummary: Owns data.\nlinks:\n  works_with: [a, b]\n---\nBody\n";
        let entry = read("content/roles/data-owner.md", text, &config).expect("an entry");
        assert_eq!(
            (entry.slug.as_str(), entry.title.as_str(), entry.kind.as_str()),
            ("data-owner", "Data Owner", "role")
        );
        assert_eq!(entry.links.len(), 2);
        assert!(entry.links.contains(&("works_with".to_owned(), "b".to_owned())));
        let text = "---\ntitle: A vs B\ncompare: [a, b]\n---\n";
        let comparison = read("content/compare/a-vs-b.md", text, &config).expect("a comparison");
        assert!(comparison.comparison);
        assert_eq!(comparison.slug, "a-vs-b");
    }

    #[test]
    fn unreadable_front_matter_is_none() {
        assert_eq!(read("content/x.md", "no front matter", &SiteConfig::default()), None);
        assert_eq!(read("content/x.md", "---\n: [\n---\n", &SiteConfig::default()), None);
    }
}
