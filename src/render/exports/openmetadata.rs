//! `glossary.openmetadata.csv`: the glossary in OpenMetadata's glossary
//! import format, to import into an existing glossary named like the site.
//! One row per published entry: `name` is the slug (stable, and free of the
//! dots that separate a fully qualified name), `displayName` the title,
//! `synonyms` the abbreviation and aliases, `relatedTerms` the relations
//! (`broader:`/`narrower:` as site.toml maps them to SKOS, plain for
//! related ones), `references` the page and the sources, `owner` and
//! `reviewers` from `owners`, `glossaryStatus` from `status`.

use super::owners::{self, Owner};
use super::page_url;
use super::skos::{Links, Property};
use crate::config::SiteConfig;
use crate::render::urls;
use crate::resolve::{Entry, EntryId, KnowledgeBase, Status};
use std::collections::BTreeMap;

/// The header row; `*` marks the required column, as OpenMetadata writes it.
pub const HEADER: [&str; 14] = [
    "parent",
    "name*",
    "displayName",
    "description",
    "synonyms",
    "relatedTerms",
    "references",
    "tags",
    "reviewers",
    "owner",
    "glossaryStatus",
    "color",
    "iconURL",
    "extension",
];

/// The file as bytes (UTF-8, CRLF line ends, RFC 4180 quoting).
pub(super) fn render(kb: &KnowledgeBase, config: &SiteConfig, published: &[EntryId], links: &Links) -> Vec<u8> {
    let glossary = glossary_name(config);
    let mut related: BTreeMap<EntryId, Vec<String>> = BTreeMap::new();
    for &(from, property, to) in links {
        let fqn = format!("{glossary}.{}", kb.entries[to].slug);
        let value = match property {
            Property::Broader => format!("broader:{fqn}"),
            Property::Narrower => format!("narrower:{fqn}"),
            Property::Related => fqn,
        };
        related.entry(from).or_default().push(value);
    }
    let mut out = String::new();
    push_row(&mut out, &HEADER.map(str::to_owned));
    for &id in published {
        let entry = &kb.entries[id];
        let mut synonyms: Vec<&str> = entry.abbr.iter().map(String::as_str).collect();
        synonyms.extend(entry.aliases.iter().map(String::as_str));
        let (users, _) = owners::split(&entry.owners);
        push_row(
            &mut out,
            &[
                String::new(),
                entry.slug.clone(),
                entry.title.clone(),
                description(kb, &glossary, entry),
                synonyms.join(";"),
                related.get(&id).map(|r| r.join(";")).unwrap_or_default(),
                references(config, entry),
                String::new(),
                users.join(";"),
                owner_column(&entry.owners),
                status(entry.status).to_owned(),
                String::new(),
                String::new(),
                String::new(),
            ],
        );
    }
    out.into_bytes()
}

/// The glossary the rows go into: the site title, dots left out (they
/// would split the fully qualified names).
pub fn glossary_name(config: &SiteConfig) -> String {
    let name = config.title.replace('.', "");
    if name.trim().is_empty() {
        "Glossary".to_owned()
    } else {
        name.trim().to_owned()
    }
}

/// OpenMetadata's statuses: a proposal is a draft there.
pub fn status(status: Status) -> &'static str {
    match status {
        Status::Proposed => "Draft",
        Status::Approved => "Approved",
        Status::Deprecated => "Deprecated",
    }
}

/// `type;name` pairs, `;`-separated: `team;data-office;user;jane`.
fn owner_column(list: &[String]) -> String {
    let mut parts = Vec::new();
    for owner in list {
        let (kind, name) = match owners::classify(owner) {
            Owner::User(name) => ("user", name),
            Owner::Group(name) => ("team", name),
        };
        if !name.is_empty() {
            parts.push(format!("{kind};{name}"));
        }
    }
    parts.join(";")
}

/// `name;url` pairs: the page first, then each source with an address.
fn references(config: &SiteConfig, entry: &Entry) -> String {
    let mut parts = vec![format!("{};{}", strip(&entry.title), page_url(config, &urls::entry(&entry.slug)))];
    for source in &entry.sources {
        if let Some(url) = &source.url {
            parts.push(format!("{};{url}", strip(&source.title)));
        }
    }
    parts.join(";")
}

/// A reference name cannot hold the `;` that separates pairs.
fn strip(text: &str) -> String {
    text.replace(';', ",")
}

/// The summary, and for a deprecated entry what replaces it (as Markdown).
fn description(kb: &KnowledgeBase, glossary: &str, entry: &Entry) -> String {
    let mut text = entry.summary.clone();
    if entry.status == Status::Deprecated {
        text.push_str("\n\n**Deprecated**");
        if let Some(next) = entry.superseded_by.filter(|&n| kb.is_published(n)) {
            let next = &kb.entries[next];
            text.push_str(&format!(": use {} (`{glossary}.{}`) instead", next.title, next.slug));
        }
        text.push('.');
        if let Some(note) = &entry.deprecation_note {
            text.push(' ');
            text.push_str(note);
        }
    }
    text
}

fn push_row(out: &mut String, fields: &[String]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_owners_as_typed_pairs() {
        let owners = ["@acme/data-office".to_owned(), "@jane".to_owned(), "Data Office".to_owned()];
        assert_eq!(owner_column(&owners), "team;data-office;user;jane;team;Data Office");
    }

    #[test]
    fn maps_statuses() {
        assert_eq!(status(Status::Proposed), "Draft");
        assert_eq!(status(Status::Deprecated), "Deprecated");
    }
}
