//! `glossary.ttl`: the glossary as a SKOS vocabulary in Turtle. Each
//! published entry is a `skos:Concept` (prefLabel = title, altLabel = abbr
//! and aliases, definition = summary); typed relations become
//! `skos:related`, `skos:broader` or `skos:narrower` as site.toml maps them
//! (`[relations.X] skos = …`).
//!
//! Concept IRIs are the page URLs when `base_url` is absolute; otherwise
//! `urn:rolebook:<site>:<slug>`, because RDF has no relative IRIs. They are
//! written as prefixed names (`c:<slug>`) where Turtle allows, and the
//! objects of one property share a line, which halves the file.

use super::absolute_base;
use crate::config::{SiteConfig, Skos};
use crate::render::urls;
use crate::resolve::{EntryId, KnowledgeBase};
use crate::slug::slugify;
use std::collections::BTreeSet;
use std::fmt::Write;

/// SKOS properties between concepts, in output order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Property {
    Broader,
    Narrower,
    Related,
}

impl Property {
    fn name(self) -> &'static str {
        match self {
            Property::Broader => "skos:broader",
            Property::Narrower => "skos:narrower",
            Property::Related => "skos:related",
        }
    }
}

/// The vocabulary as Turtle bytes.
pub(super) fn render(kb: &KnowledgeBase, config: &SiteConfig, published: &[EntryId], links: &Links) -> Vec<u8> {
    let names = Names::new(config);
    let lang = language_tag(&config.language);
    let text = |s: &str| literal(s, lang.as_deref());
    let mut out = String::from(
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n@prefix dct: <http://purl.org/dc/terms/> .\n",
    );
    let _ = writeln!(out, "@prefix c: <{}> .\n", names.prefix);
    let _ = write!(out, "{} a skos:ConceptScheme ;\n    skos:prefLabel {}", names.scheme, text(&config.title));
    if !config.description.trim().is_empty() {
        let _ = write!(out, " ;\n    dct:description {}", text(&config.description));
    }
    out.push_str(" .\n");
    for &id in published {
        let e = &kb.entries[id];
        let _ = write!(out, "\n{} a skos:Concept ;\n    skos:inScheme {}", names.concept(&e.slug), names.scheme);
        let _ = write!(out, " ;\n    skos:prefLabel {}", text(&e.title));
        let alt: Vec<String> = e.abbr.iter().chain(&e.aliases).map(|a| text(a)).collect();
        if !alt.is_empty() {
            let _ = write!(out, " ;\n    skos:altLabel {}", alt.join(" , "));
        }
        if !e.summary.is_empty() {
            let _ = write!(out, " ;\n    skos:definition {}", text(&e.summary));
        }
        let mut last = None;
        for &(_, property, to) in links.range((id, Property::Broader, 0)..=(id, Property::Related, usize::MAX)) {
            if last == Some(property) {
                out.push_str(", ");
            } else {
                let _ = write!(out, " ;\n    {} ", property.name());
                last = Some(property);
            }
            out.push_str(&names.concept(&kb.entries[to].slug));
        }
        out.push_str(" .\n");
    }
    out.into_bytes()
}

/// SKOS statements (from, property, to), sorted: the three exports that
/// map relations to SKOS share one set, built once per build.
pub(super) type Links = BTreeSet<(EntryId, Property, EntryId)>;

/// Every SKOS statement between published concepts, both directions.
/// `related` is dropped for a pair that is also broader/narrower, since
/// SKOS declares the two disjoint.
pub(super) fn links(kb: &KnowledgeBase, config: &SiteConfig) -> Links {
    let mut set = BTreeSet::new();
    for edge in kb.edges.iter().filter(|e| kb.is_published(e.from) && kb.is_published(e.to) && e.from != e.to) {
        let (forward, backward) = match config.relations[edge.relation].skos {
            Skos::Related => (Property::Related, Property::Related),
            Skos::Broader => (Property::Broader, Property::Narrower),
            Skos::Narrower => (Property::Narrower, Property::Broader),
        };
        set.insert((edge.from, forward, edge.to));
        set.insert((edge.to, backward, edge.from));
    }
    let hierarchical: BTreeSet<(EntryId, EntryId)> =
        set.iter().filter(|(_, p, _)| *p != Property::Related).map(|&(a, _, b)| (a, b)).collect();
    set.retain(|&(a, p, b)| p != Property::Related || !hierarchical.contains(&(a, b)));
    set
}

/// How IRIs are made for this site.
struct Names {
    /// What every concept IRI starts with (the `c:` prefix), escaped.
    prefix: String,
    /// Concept IRIs add the page's `.html` (absolute base) or nothing.
    pages: bool,
    scheme: String,
}

impl Names {
    fn new(config: &SiteConfig) -> Self {
        match absolute_base(config).map(|b| escape_iri(&b)) {
            Some(base) => Names { scheme: format!("<{base}>"), prefix: base, pages: true },
            None => {
                let site = Some(slugify(&config.title)).filter(|s| !s.is_empty()).unwrap_or_else(|| "glossary".into());
                Names {
                    scheme: format!("<urn:rolebook:{site}>"),
                    prefix: format!("urn:rolebook:{site}:"),
                    pages: false,
                }
            }
        }
    }

    fn concept(&self, slug: &str) -> String {
        let local = if self.pages { urls::entry(slug) } else { slug.to_owned() };
        if is_plain_local_name(&local) {
            format!("c:{local}")
        } else {
            format!("<{}{}>", self.prefix, escape_iri(&local))
        }
    }
}

/// Whether `local` can follow `c:` as it is: ASCII letters, digits, `_`,
/// `-` and inner `.`, not starting with `-` or `.` (Turtle's PN_LOCAL).
fn is_plain_local_name(local: &str) -> bool {
    let bytes = local.as_bytes();
    let inner = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.');
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => {
            (first.is_ascii_alphanumeric() || *first == b'_') && *last != b'.' && bytes.iter().all(inner)
        }
        _ => false,
    }
}

/// Percent-encodes the characters Turtle forbids inside `<…>`. They are
/// all ASCII, so a byte loop finds them, and the text between is copied a
/// run at a time.
fn escape_iri(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for (at, byte) in text.bytes().enumerate() {
        if byte <= b' ' || matches!(byte, b'<' | b'>' | b'"' | b'{' | b'}' | b'|' | b'^' | b'`' | b'\\') {
            out.push_str(&text[done..at]);
            let _ = write!(out, "%{byte:02X}");
            done = at + 1;
        }
    }
    out.push_str(&text[done..]);
    out
}

/// A quoted Turtle string with an optional language tag.
fn literal(text: &str, lang: Option<&str>) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    out.push('"');
    // The text between escapes is copied a run at a time.
    let mut done = 0;
    for (at, c) in text.char_indices() {
        let short = match c {
            '"' => Some("\\\""),
            '\\' => Some("\\\\"),
            '\n' => Some("\\n"),
            '\r' => Some("\\r"),
            '\t' => Some("\\t"),
            c if c.is_control() => None,
            _ => continue,
        };
        out.push_str(&text[done..at]);
        match short {
            Some(short) => out.push_str(short),
            None => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
        }
        done = at + c.len_utf8();
    }
    out.push_str(&text[done..]);
    out.push('"');
    if let Some(lang) = lang {
        out.push('@');
        out.push_str(lang);
    }
    out
}

/// `language` as a BCP 47-shaped tag Turtle accepts, or `None`.
fn language_tag(language: &str) -> Option<String> {
    let mut parts = language.trim().split('-');
    let first = parts.next()?;
    let first_ok = (1..=8).contains(&first.len()) && first.chars().all(|c| c.is_ascii_alphabetic());
    let rest_ok = parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    (first_ok && rest_ok).then(|| language.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_quotes_backslashes_and_control_characters() {
        assert_eq!(literal("a \"b\" \\ c\nd\u{7}", Some("en")), "\"a \\\"b\\\" \\\\ c\\nd\\u0007\"@en");
        assert_eq!(literal("é\u{85}ü\t", None), "\"é\\u0085ü\\t\"");
    }

    #[test]
    fn writes_plain_slugs_as_prefixed_names() {
        assert!(is_plain_local_name("data-owner") && is_plain_local_name("9-to-5") && is_plain_local_name("a.html"));
        for odd in ["", "-x", ".x", "x.", "a b", "é", "a/b", "a%20"] {
            assert!(!is_plain_local_name(odd), "{odd}");
        }
    }

    #[test]
    fn accepts_only_well_formed_language_tags() {
        assert_eq!(language_tag("en-GB").as_deref(), Some("en-GB"));
        assert_eq!(language_tag("e n"), None);
        assert_eq!(language_tag(""), None);
    }

    #[test]
    fn percent_encodes_characters_iris_forbid() {
        assert_eq!(escape_iri("https://x.org/a b<c>"), "https://x.org/a%20b%3Cc%3E");
        assert_eq!(escape_iri("ü\u{1}é|"), "ü%01é%7C");
    }
}
