//! site.toml → [`SiteConfig`]: the kinds, relations, facets and rules a site
//! declares. Problems become diagnostics with the line in site.toml.

mod controls;
mod limits;
mod start_here;

pub use start_here::{Featured, Target as FeaturedTarget, PAGES as FEATURABLE_PAGES};

use crate::diag::{suggest, Code, Diagnostic, Diagnostics, Level, LineIndex};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The settings file every site has at its root.
pub const CONFIG_FILE: &str = "site.toml";

/// A declared kind of entry (`role`, `concept`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindDef {
    /// Key used in front matter.
    pub key: String,
    /// Singular label.
    pub label: String,
    /// Plural label for lists.
    pub plural: String,
    /// Entries of this kind describe roles: expected to fill facets, comparable.
    pub role: bool,
}

/// A declared relation (`works_with`, `accountable_for`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationDef {
    /// Key used under `links:`.
    pub key: String,
    /// Label on the source entry.
    pub label: String,
    /// Shown on both sides under the same label.
    pub symmetric: bool,
    /// Key of the inverse relation, which authors may also write.
    pub inverse: Option<String>,
    /// Label on the target entry.
    pub inverse_label: String,
    /// Kinds allowed at the source (empty: any).
    pub from: Vec<String>,
    /// Kinds allowed at the target (empty: any).
    pub to: Vec<String>,
    /// Most targets one entry may have.
    pub max: Option<usize>,
    /// Both sides are expected to declare it (`contrast-not-mutual`).
    pub require_mutual: bool,
    /// How the SKOS export maps it (`skos = "related" | "broader" | "narrower"`).
    pub skos: Skos,
}

/// The SKOS property a relation becomes in the Turtle export, seen from
/// the entry that declares it; the target gets the opposite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skos {
    /// `skos:related` on both sides.
    Related,
    /// The source is narrower: `source skos:broader target`.
    Broader,
    /// The source is broader: `source skos:narrower target`.
    Narrower,
}

impl Skos {
    /// Parses `related`, `broader` or `narrower`.
    pub fn parse(text: &str) -> Option<Skos> {
        match text {
            "related" => Some(Skos::Related),
            "broader" => Some(Skos::Broader),
            "narrower" => Some(Skos::Narrower),
            _ => None,
        }
    }

    /// The default for a relation: `part_of` and `specializes` point to a
    /// broader concept, everything else (symmetric ones included) is related.
    pub fn default_for(key: &str) -> Skos {
        match key {
            "part_of" | "specializes" => Skos::Broader,
            _ => Skos::Related,
        }
    }
}

/// Where an entry is in its lifecycle (front matter `status:`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Suggested, not yet agreed: built with a banner.
    Proposed,
    /// Agreed and in use.
    #[default]
    Approved,
    /// No longer to be used; points to its successor.
    Deprecated,
}

impl Status {
    /// Every status, in lifecycle order.
    pub const ALL: [Status; 3] = [Status::Proposed, Status::Approved, Status::Deprecated];

    /// Parses `proposed`, `approved` or `deprecated` (any case).
    pub fn parse(text: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str().eq_ignore_ascii_case(text.trim()))
    }

    /// Lower-case name, as written in front matter.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Proposed => "proposed",
            Status::Approved => "approved",
            Status::Deprecated => "deprecated",
        }
    }

    /// Capitalized name, for badges and reports.
    pub fn label(self) -> &'static str {
        match self {
            Status::Proposed => "Proposed",
            Status::Approved => "Approved",
            Status::Deprecated => "Deprecated",
        }
    }
}

/// A declared facet, in display order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetDef {
    /// Key used under `facets:`.
    pub key: String,
    /// Label in tables.
    pub label: String,
}

/// Everything site.toml says, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteConfig {
    /// Site title.
    pub title: String,
    /// One-line description for meta tags.
    pub description: String,
    /// Base URL; links are relative regardless, this only feeds sitemap and meta.
    pub base_url: String,
    /// Theme folder name under `themes/`.
    pub theme: String,
    /// `lang` attribute.
    pub language: String,
    /// `{path}` is replaced with the entry's path relative to `content/`.
    pub repo_edit_url: Option<String>,
    /// Emit `noindex` meta.
    pub noindex: bool,
    /// Pass raw HTML in Markdown through instead of sanitizing it.
    pub trust_html: bool,
    /// Warn when `updated` is older than this many days.
    pub stale_after_days: Option<u32>,
    /// Kind used when an entry has none.
    pub default_kind: Option<String>,
    /// An entry without `summary` takes its first paragraph (a warning,
    /// not an error): lenient reading for imported sites.
    pub summary_from_body: bool,
    /// Status of entries that set none.
    pub default_status: Status,
    /// Publish approved and deprecated entries only (`--approved-only`).
    pub approved_only: bool,
    /// Warn when `reviewed` is older than this many days.
    pub review_every_days: Option<u32>,
    /// Kind key → owners of entries of that kind that name none.
    pub owners: BTreeMap<String, Vec<String>>,
    /// Declared kinds, in declaration order.
    pub kinds: Vec<KindDef>,
    /// Declared relations, in declaration order.
    pub relations: Vec<RelationDef>,
    /// Declared facets, in display order.
    pub facets: Vec<FacetDef>,
    /// Per-code levels.
    pub rules: BTreeMap<crate::diag::Code, Level>,
    /// The home page's "Start here" items (`[[start_here]]`), in order.
    pub start_here: Vec<Featured>,
    /// How many recent commits `changes.html` and `changes.xml` cover
    /// (`[changes] limit`; 0: no changes page).
    pub changes_limit: usize,
    /// Which optional exports a build writes (`[exports]`).
    pub exports: Exports,
}

/// The optional exports: the data-catalog files are off unless
/// `[exports]` turns them on, since most sites feed no catalog and they
/// were a twelfth of a large build's bytes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exports {
    /// `glossary.datahub.yml`.
    #[serde(default)]
    pub datahub: bool,
    /// `glossary.openmetadata.csv`.
    #[serde(default)]
    pub openmetadata: bool,
}

/// Commits the changes page covers unless `[changes] limit` says otherwise.
pub const CHANGES_LIMIT: usize = 30;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    description: Option<String>,
    base_url: Option<String>,
    theme: Option<String>,
    language: Option<String>,
    repo_edit_url: Option<String>,
    #[serde(default)]
    noindex: bool,
    #[serde(default)]
    trust_html: bool,
    stale_after_days: Option<u32>,
    default_kind: Option<String>,
    #[serde(default)]
    summary_from_body: bool,
    default_status: Option<String>,
    #[serde(default)]
    approved_only: bool,
    review_every_days: Option<u32>,
    #[serde(default)]
    owners: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    kinds: toml::Table,
    #[serde(default)]
    relations: toml::Table,
    facets: Option<RawFacets>,
    #[serde(default)]
    rules: BTreeMap<String, Level>,
    #[serde(default)]
    start_here: Vec<toml::Spanned<start_here::RawFeatured>>,
    changes: Option<RawChanges>,
    #[serde(default)]
    exports: Exports,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChanges {
    limit: Option<usize>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawKind {
    Label(String),
    Full(RawKindTable),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKindTable {
    label: Option<String>,
    plural: Option<String>,
    #[serde(default)]
    role: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRelation {
    label: Option<String>,
    #[serde(default)]
    symmetric: bool,
    inverse: Option<String>,
    inverse_label: Option<String>,
    #[serde(default)]
    from: Vec<String>,
    #[serde(default)]
    to: Vec<String>,
    max: Option<usize>,
    require_mutual: Option<bool>,
    skos: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFacets {
    #[serde(default)]
    order: Vec<String>,
    #[serde(default)]
    labels: BTreeMap<String, String>,
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "Glossary".into(),
            description: String::new(),
            base_url: "/".into(),
            theme: "default".into(),
            language: "en".into(),
            repo_edit_url: None,
            noindex: false,
            trust_html: false,
            stale_after_days: None,
            default_kind: None,
            summary_from_body: false,
            default_status: Status::Approved,
            approved_only: false,
            review_every_days: None,
            owners: BTreeMap::new(),
            kinds: Vec::new(),
            relations: Vec::new(),
            facets: Vec::new(),
            rules: BTreeMap::new(),
            start_here: Vec::new(),
            changes_limit: CHANGES_LIMIT,
            exports: Exports::default(),
        }
    }
}

impl SiteConfig {
    /// Looks up a kind by key.
    pub fn kind(&self, key: &str) -> Option<&KindDef> {
        self.kinds.iter().find(|k| k.key == key)
    }

    /// Looks up a relation by its key or by its inverse key; the flag says
    /// whether the inverse was named.
    pub fn relation(&self, key: &str) -> Option<(usize, bool)> {
        self.relations.iter().enumerate().find_map(|(i, r)| {
            if r.key == key {
                Some((i, false))
            } else if r.inverse.as_deref() == Some(key) {
                Some((i, true))
            } else {
                None
            }
        })
    }

    /// The owners of an entry of `kind` that names none: the kind's
    /// `[owners]` line, else `[owners] default`.
    pub fn default_owners(&self, kind: &str) -> &[String] {
        self.owners.get(kind).or_else(|| self.owners.get("default")).map_or(&[], Vec::as_slice)
    }

    /// Every key an author may write under `links:`.
    pub fn relation_keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = self.relations.iter().map(|r| r.key.as_str()).collect();
        keys.extend(self.relations.iter().filter_map(|r| r.inverse.as_deref()));
        keys
    }
}

/// The TOML tree of `text` without control characters (see `controls`),
/// read into the raw configuration.
fn read_raw(text: &str, diagnostics: &mut Diagnostics) -> Result<RawConfig, toml::de::Error> {
    let mut table = toml::de::DeTable::parse(text)?;
    controls::strip(text, table.get_mut(), diagnostics);
    RawConfig::deserialize(toml::de::Deserializer::from(table))
}

/// An `invalid-config` problem underlining the first place `needle`
/// appears in site.toml (its start when it does not appear).
fn config_problem(index: &LineIndex, text: &str, message: String, needle: &str) -> Diagnostic {
    let offset = text.find(needle).unwrap_or(0);
    Diagnostic::new(Code::InvalidConfig, CONFIG_FILE, message).at_offset(index, text, offset, needle.chars().count())
}

/// Parses site.toml text. Errors become diagnostics; a usable config is
/// always returned so the rest of the pipeline can still report.
pub fn parse(text: &str, diagnostics: &mut Diagnostics) -> SiteConfig {
    let index = LineIndex::new(text);
    let raw: RawConfig = match read_raw(text, diagnostics) {
        Ok(raw) => raw,
        Err(error) => {
            let span = error.span().unwrap_or(0..0);
            // Underline what the parser points at, up to the end of its line.
            let width = text.get(span.clone()).map_or(1, |s| s.lines().next().unwrap_or("").chars().count());
            let message = error.message().to_owned();
            diagnostics.push(
                Diagnostic::new(Code::InvalidConfig, CONFIG_FILE, format!("site.toml: {message}"))
                    .at_offset(&index, text, span.start, width),
            );
            return SiteConfig::default();
        }
    };
    let mut report = |message: String, needle: &str| diagnostics.push(config_problem(&index, text, message, needle));
    let kinds = parse_kinds(raw.kinds, &mut report);
    let relations = parse_relations(raw.relations, &kinds, &mut report);
    let facets = parse_facets(raw.facets);
    let rules = parse_rules(raw.rules, &mut report);
    let defaults = SiteConfig::default();
    // Checked here so that nothing outside themes/ is ever opened, and no
    // `javascript:` or other scheme reaches a page through the 404 links.
    let theme = raw.theme.filter(|name| {
        let plain = is_theme_name(name);
        if !plain {
            report(format!("theme `{name}` must be the name of a folder under themes/ (no `/`, `..` or absolute path); using the default theme"), "theme");
        }
        plain
    });
    let base_url = raw.base_url.filter(|url| {
        let fine = is_base_url(url);
        if !fine {
            report(format!("base_url `{url}` must start with http://, https:// or /; using \"/\""), "base_url");
        }
        fine
    });
    let default_kind = raw.default_kind;
    if let Some(kind) = &default_kind {
        if !kinds.iter().any(|k| &k.key == kind) {
            report(format!("default_kind `{kind}` is not a declared kind"), "default_kind");
        }
    }
    let default_status = match raw.default_status.as_deref() {
        None => Status::default(),
        Some(text) => Status::parse(text).unwrap_or_else(|| {
            report(format!("default_status `{text}` is not proposed, approved or deprecated"), "default_status");
            Status::default()
        }),
    };
    for kind in raw.owners.keys().filter(|k| *k != "default" && !kinds.iter().any(|d| &d.key == *k)) {
        report(format!("[owners] names unknown kind `{kind}` (use a kind key, or `default`)"), kind);
    }
    let start_here = start_here::parse(raw.start_here, text, diagnostics);
    let config = SiteConfig {
        title: raw.title.unwrap_or(defaults.title),
        description: raw.description.unwrap_or_default(),
        base_url: base_url.unwrap_or(defaults.base_url),
        theme: theme.unwrap_or(defaults.theme),
        language: raw.language.unwrap_or(defaults.language),
        repo_edit_url: raw.repo_edit_url,
        noindex: raw.noindex,
        trust_html: raw.trust_html,
        stale_after_days: raw.stale_after_days,
        default_kind,
        summary_from_body: raw.summary_from_body,
        default_status,
        approved_only: raw.approved_only,
        review_every_days: raw.review_every_days,
        owners: raw.owners,
        kinds,
        relations,
        facets,
        rules,
        start_here,
        changes_limit: raw.changes.and_then(|c| c.limit).unwrap_or(CHANGES_LIMIT),
        exports: raw.exports,
    };
    limits::check(&config, &mut |message, needle| diagnostics.push(config_problem(&index, text, message, needle)));
    config
}

/// Whether `name` is a plain folder name under `themes/`: no separators,
/// no `..`, nothing hidden, nothing absolute.
pub fn is_theme_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.chars().any(|c| matches!(c, '/' | '\\' | ':' | '\0') || c.is_control())
}

/// An absolute http(s) URL with a host, or a path from the site's root
/// (`/`, `/roles/`; not `//host`), with nothing that needs escaping.
fn is_base_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let host_and_path = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    let shape_ok = match host_and_path {
        Some(rest) => !rest.is_empty() && !rest.starts_with(['/', '?', '#']),
        None => url.starts_with('/') && !url.starts_with("//"),
    };
    shape_ok
        && !url.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`'))
}

fn parse_kinds(table: toml::Table, report: &mut impl FnMut(String, &str)) -> Vec<KindDef> {
    let mut kinds = Vec::new();
    for (key, value) in table {
        let raw = match RawKind::deserialize(value) {
            Ok(raw) => raw,
            Err(e) => {
                report(format!("kind `{key}`: {}", e.message()), &key);
                continue;
            }
        };
        let (label, plural, role) = match raw {
            RawKind::Label(label) => (label, None, false),
            RawKind::Full(t) => (t.label.unwrap_or_else(|| humanize(&key)), t.plural, t.role),
        };
        let plural = plural.unwrap_or_else(|| format!("{label}s"));
        // Each kind has a page at kinds/<slug>.html: the slug must exist and be its own.
        let page = crate::slug::slugify(&key);
        if page.is_empty() || kinds.iter().any(|k: &KindDef| crate::slug::slugify(&k.key) == page) {
            report(
                format!(
                    "kind `{key}` needs letters or digits that no other kind's key has (its page is kinds/{page}.html)"
                ),
                &key,
            );
            continue;
        }
        // A kind named "role" is a role kind unless declared otherwise.
        let role = role || key == "role";
        kinds.push(KindDef { key, label, plural, role });
    }
    kinds
}

fn parse_relations(table: toml::Table, kinds: &[KindDef], report: &mut impl FnMut(String, &str)) -> Vec<RelationDef> {
    let mut relations: Vec<RelationDef> = Vec::new();
    for (key, value) in table {
        let raw = match RawRelation::deserialize(value) {
            Ok(raw) => raw,
            Err(e) => {
                report(format!("relation `{key}`: {}", e.message()), &key);
                continue;
            }
        };
        for kind in raw.from.iter().chain(&raw.to) {
            if !kinds.iter().any(|k| &k.key == kind) {
                let hint = suggest::closest(kind, kinds.iter().map(|k| k.key.as_str()));
                let hint = hint.map(|h| format!("; did you mean `{h}`?")).unwrap_or_default();
                report(format!("relation `{key}` names unknown kind `{kind}`{hint}"), &key);
            }
        }
        if raw.symmetric && raw.inverse.is_some() {
            report(format!("relation `{key}` cannot be both symmetric and have an inverse"), &key);
        }
        let skos = match raw.skos.as_deref() {
            None => Skos::default_for(&key),
            Some(text) => Skos::parse(text).unwrap_or_else(|| {
                report(format!("relation `{key}`: skos = \"{text}\" is not related, broader or narrower"), &key);
                Skos::default_for(&key)
            }),
        };
        let inverse_label = raw
            .inverse_label
            .or_else(|| raw.inverse.as_deref().map(humanize))
            .or_else(|| raw.symmetric.then(|| raw.label.clone().unwrap_or_else(|| humanize(&key))))
            .unwrap_or_else(|| format!("{} (from)", raw.label.clone().unwrap_or_else(|| humanize(&key))));
        relations.push(RelationDef {
            label: raw.label.unwrap_or_else(|| humanize(&key)),
            require_mutual: raw.require_mutual.unwrap_or(key == "contrasts_with"),
            key,
            symmetric: raw.symmetric,
            inverse: raw.inverse,
            inverse_label,
            from: raw.from,
            to: raw.to,
            max: raw.max,
            skos,
        });
    }
    check_relation_keys(&relations, report);
    relations
}

fn check_relation_keys(relations: &[RelationDef], report: &mut impl FnMut(String, &str)) {
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for relation in relations {
        for name in std::iter::once(relation.key.as_str()).chain(relation.inverse.as_deref()) {
            if let Some(other) = seen.insert(name, &relation.key) {
                report(format!("relation key `{name}` is declared by both `{other}` and `{}`", relation.key), name);
            }
        }
    }
}

fn parse_facets(raw: Option<RawFacets>) -> Vec<FacetDef> {
    let Some(raw) = raw else { return Vec::new() };
    let mut keys = raw.order.clone();
    for key in raw.labels.keys() {
        if !keys.contains(key) {
            keys.push(key.clone());
        }
    }
    keys.into_iter()
        .map(|key| FacetDef { label: raw.labels.get(&key).cloned().unwrap_or_else(|| humanize(&key)), key })
        .collect()
}

fn parse_rules(
    raw: BTreeMap<String, Level>,
    report: &mut impl FnMut(String, &str),
) -> BTreeMap<crate::diag::Code, Level> {
    let mut rules = BTreeMap::new();
    for (name, level) in raw {
        match Code::parse(&name) {
            Some(code) => {
                rules.insert(code, level);
            }
            None => {
                let hint = suggest::closest(&name, Code::ALL.iter().map(|c| c.as_str()));
                let hint = hint.map(|h| format!("; did you mean `{h}`?")).unwrap_or_default();
                report(format!("[rules] names unknown diagnostic code `{name}`{hint}"), &name);
            }
        }
    }
    rules
}

/// `works_with` → `Works with`.
pub fn humanize(key: &str) -> String {
    let text = key.replace(['_', '-'], " ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_themes_outside_themes_and_base_urls_of_other_schemes() {
        for (line, key) in [
            ("theme = \"../../x\"", "theme"),
            ("theme = \"/etc\"", "theme"),
            ("theme = \"a/b\"", "theme"),
            ("theme = \"..\"", "theme"),
            ("theme = \"\"", "theme"),
            ("base_url = \"javascript:alert(1)\"", "base_url"),
            ("base_url = \"//evil.example/\"", "base_url"),
            ("base_url = \"data:text/html,x\"", "base_url"),
            ("base_url = \"https://\"", "base_url"),
            ("base_url = \"/a\\\"onload=x\"", "base_url"),
            ("base_url = \"roles/\"", "base_url"),
        ] {
            let mut diagnostics = Diagnostics::new();
            let config = parse(line, &mut diagnostics);
            let found: Vec<_> = diagnostics.iter().map(|d| (d.code, d.message.clone())).collect();
            assert!(found.iter().any(|(c, m)| *c == Code::InvalidConfig && m.contains(key)), "{line}: {found:?}");
            assert_eq!((config.theme.as_str(), config.base_url.as_str()), ("default", "/"), "{line}");
        }
        for line in ["theme = \"my-theme\"\nbase_url = \"https://wiki.example.com/roles/\"", "base_url = \"/roles/\""] {
            let mut diagnostics = Diagnostics::new();
            parse(line, &mut diagnostics);
            assert!(diagnostics.is_empty(), "{line}");
        }
    }

    #[test]
    fn reads_kinds_relations_and_facets_in_declaration_order() {
        let text = r#"
title = "T"
[kinds]
role = "Role"
concept = { label = "Concept", plural = "Concepts" }
[relations.works_with]
symmetric = true
[relations.accountable_for]
label = "Accountable for"
inverse = "owned_by"
from = ["role"]
to = ["concept"]
max = 1
[facets]
order = ["focus", "horizon"]
[facets.labels]
focus = "Primary focus"
[rules]
orphan = "allow"
"#;
        let mut diagnostics = Diagnostics::new();
        let config = parse(text, &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(config.kinds[0].key, "role");
        assert!(config.kinds[0].role);
        assert_eq!(config.kinds[1].plural, "Concepts");
        assert_eq!(config.relations[0].label, "Works with");
        assert_eq!(config.relations[1].inverse_label, "Owned by");
        assert_eq!(config.relation("owned_by"), Some((1, true)));
        assert_eq!(config.facets[0].label, "Primary focus");
        assert_eq!(config.facets[1].label, "Horizon");
        assert_eq!(config.rules.get(&Code::Orphan), Some(&Level::Allow));
    }

    #[test]
    fn maps_relations_to_skos_with_defaults_and_overrides() {
        let text = "[relations.part_of]\ninverse = \"has_part\"\n[relations.works_with]\nsymmetric = true\n\
                    [relations.reports_to]\nskos = \"broader\"\n[relations.bad]\nskos = \"wider\"\n";
        let mut diagnostics = Diagnostics::new();
        let config = parse(text, &mut diagnostics);
        let skos: Vec<Skos> = config.relations.iter().map(|r| r.skos).collect();
        assert_eq!(skos, [Skos::Broader, Skos::Related, Skos::Broader, Skos::Related]);
        let list = diagnostics.finish(&BTreeMap::new());
        assert!(list[0].message.contains("\"wider\""), "{list:?}");
    }

    #[test]
    fn reports_a_syntax_error_with_its_line() {
        let mut diagnostics = Diagnostics::new();
        parse("title = \"x\"\n[kinds\n", &mut diagnostics);
        let list = diagnostics.finish(&BTreeMap::new());
        assert_eq!(list[0].code, Code::InvalidConfig);
        assert_eq!(list[0].location.map(|l| l.line), Some(2));
    }

    #[test]
    fn reports_unknown_rule_codes_with_a_suggestion() {
        let mut diagnostics = Diagnostics::new();
        parse("[rules]\norphans = \"allow\"\n", &mut diagnostics);
        let list = diagnostics.finish(&BTreeMap::new());
        assert!(list[0].message.contains("did you mean `orphan`"), "{:?}", list[0]);
    }

    #[test]
    fn issue_6_rejects_kinds_whose_page_would_be_nameless_or_shared() {
        let mut diagnostics = Diagnostics::new();
        let config = parse("[kinds]\nrole = \"Role\"\n\"!!!\" = \"Bang\"\nRole = \"Again\"\n", &mut diagnostics);
        let keys: Vec<&str> = config.kinds.iter().map(|k| k.key.as_str()).collect();
        assert_eq!(keys, ["role"]);
        let found = diagnostics.finish(&BTreeMap::new());
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|d| d.code == Code::InvalidConfig && d.message.contains("kinds/")));
    }
}
