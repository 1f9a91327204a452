//! Exports for other tools, written by every build beside the pages:
//! `graph.json` (entries, typed relations, facets), `glossary.csv` (for
//! business-glossary and data-catalog imports) and `glossary.ttl` (a SKOS
//! vocabulary); and for data catalogs, when site.toml's `[exports]` turns
//! them on, `glossary.datahub.yml` (DataHub's business-glossary file) and
//! `glossary.openmetadata.csv` (OpenMetadata's glossary import). Only
//! published entries appear; the output is deterministic.

mod csv;
mod datahub;
mod graph;
pub mod openmetadata;
mod owners;
mod skos;

use crate::config::SiteConfig;
use crate::output::OutputFile;
use crate::resolve::{EntryId, KnowledgeBase};

/// Output path of the knowledge-graph JSON.
pub const GRAPH: &str = "graph.json";
/// Output path of the CSV glossary.
pub const CSV: &str = "glossary.csv";
/// Output path of the SKOS Turtle vocabulary.
pub const TURTLE: &str = "glossary.ttl";
/// Output path of the DataHub business glossary.
pub const DATAHUB: &str = "glossary.datahub.yml";
/// Output path of the OpenMetadata glossary CSV.
pub const OPENMETADATA: &str = "glossary.openmetadata.csv";

/// Every export file of the site.
pub fn render(kb: &KnowledgeBase, config: &SiteConfig) -> Vec<OutputFile> {
    let published = published(kb);
    // Independent files: written side by side. Turtle, DataHub and
    // OpenMetadata map relations to SKOS the same way: one set for all.
    let ((graph, csv), links) = rayon::join(
        || rayon::join(|| graph::render(kb, config, &published), || csv::render(kb, config, &published)),
        || skos::links(kb, config),
    );
    let wanted = config.exports;
    let (turtle, (datahub, openmetadata)) = rayon::join(
        || skos::render(kb, config, &published, &links),
        || {
            rayon::join(
                || wanted.datahub.then(|| datahub::render(kb, config, &published, &links)),
                || wanted.openmetadata.then(|| openmetadata::render(kb, config, &published, &links)),
            )
        },
    );
    let mut files = vec![
        OutputFile { path: GRAPH.into(), bytes: graph },
        OutputFile { path: CSV.into(), bytes: csv },
        OutputFile { path: TURTLE.into(), bytes: turtle },
    ];
    files.extend(datahub.map(|bytes| OutputFile { path: DATAHUB.into(), bytes }));
    files.extend(openmetadata.map(|bytes| OutputFile { path: OPENMETADATA.into(), bytes }));
    files
}

/// Published entries, in slug order (the order of `kb.entries`).
fn published(kb: &KnowledgeBase) -> Vec<EntryId> {
    (0..kb.entries.len()).filter(|&id| kb.is_published(id)).collect()
}

/// The base URL when it is absolute (`https://…/`, with a trailing slash).
pub(crate) fn absolute_base(config: &SiteConfig) -> Option<String> {
    let base = config.base_url.trim();
    let scheme_ok = base.starts_with("https://") || base.starts_with("http://");
    if !scheme_ok || base.len() <= "https://".len() {
        return None;
    }
    Some(if base.ends_with('/') { base.to_owned() } else { format!("{base}/") })
}

/// The URL of a site page: relative to the site root, or absolute when
/// `base_url` is.
pub(crate) fn page_url(config: &SiteConfig, path: &str) -> String {
    match absolute_base(config) {
        Some(base) => format!("{base}{path}"),
        None => path.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_urls_are_relative_unless_the_base_is_absolute() {
        let mut config = SiteConfig::default();
        assert_eq!(page_url(&config, "a.html"), "a.html");
        config.base_url = "https://wiki.example.com/roles".into();
        assert_eq!(page_url(&config, "a.html"), "https://wiki.example.com/roles/a.html");
        config.base_url = "/roles/".into();
        assert_eq!(page_url(&config, "a.html"), "a.html");
    }

    fn paths(config: &SiteConfig) -> Vec<String> {
        let kb = KnowledgeBase::default();
        render(&kb, config).into_iter().map(|f| f.path).collect()
    }

    #[test]
    fn catalog_exports_are_written_only_when_turned_on() {
        let mut config = SiteConfig::default();
        assert_eq!(paths(&config), [GRAPH, CSV, TURTLE]);
        config.exports.datahub = true;
        assert_eq!(paths(&config), [GRAPH, CSV, TURTLE, DATAHUB]);
        config.exports.openmetadata = true;
        assert_eq!(paths(&config), [GRAPH, CSV, TURTLE, DATAHUB, OPENMETADATA]);
    }
}
