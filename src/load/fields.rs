//! The front-matter fields, as tables: each row names a field, the shape
//! its value must have, an example in the user's words, the longest text
//! it may hold and where the value goes. Reading checks every field of a
//! [`Node`] tree on its own, so one wrong field never hides another, and
//! every problem is worded by the table ("`tags` must be a list, like
//! `tags: [a, b]`"). A new field is one row here (and one field in
//! [`super::raw`]); the JSON schema ([`crate::schema`]) reads the same rows.

use super::front_matter::Key;
use super::raw::{OneOrMany, RawComparison, RawDecision, RawEntry, RawSource};
use super::source::SourceFile;
use super::yaml::Node;
use crate::diag::{suggest, Code, Diagnostic, Diagnostics};
use std::collections::BTreeMap;

/// What a field's value must look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One piece of text (a number or true/false is taken as text).
    Text,
    /// A slug: text; `resolve` checks its form.
    Slug,
    /// A `YYYY-MM-DD` date: text; `resolve` checks the date.
    Date,
    /// `true` or `false`.
    Flag,
    /// One of a few fixed words (any letter case), stored in lower case.
    Choice(&'static [&'static str]),
    /// A list of texts.
    Texts,
    /// A list of slugs: texts; `resolve` checks their form.
    Slugs,
    /// A map from relation key to one entry name or a list of them.
    Names,
    /// A map from key to text.
    TextMap,
    /// A list of `{ decision, part }`.
    Decisions,
    /// A list of `{ title, url, publisher }`.
    Sources,
}

/// A checked value, ready to be stored.
#[derive(Debug)]
pub enum Value {
    /// [`Shape::Text`], [`Shape::Slug`], [`Shape::Date`].
    Text(String),
    /// [`Shape::Flag`].
    Flag(bool),
    /// [`Shape::Texts`], [`Shape::Slugs`].
    Texts(Vec<String>),
    /// [`Shape::Names`].
    Names(BTreeMap<String, OneOrMany>),
    /// [`Shape::TextMap`].
    TextMap(BTreeMap<String, String>),
    /// [`Shape::Decisions`].
    Decisions(Vec<RawDecision>),
    /// [`Shape::Sources`].
    Sources(Vec<RawSource>),
}

/// One row of a field table.
#[derive(Debug)]
pub struct Field<T> {
    /// The key as written.
    pub name: &'static str,
    /// What its value must look like.
    pub shape: Shape,
    /// An example, shown in messages ("like `tags: [a, b]`").
    pub example: &'static str,
    /// The description in the JSON schema.
    pub about: &'static str,
    /// The longest text, in characters (of each item, for lists).
    pub max_chars: usize,
    /// Stores a checked value (of this row's shape) into the struct.
    pub set: fn(&mut T, Value),
}

/// Most items in any list of a front matter.
pub const MAX_ITEMS: usize = 200;

/// A name: title, alias, abbreviation, link target, tag.
const NAME: usize = 200;
/// A summary or a facet: a few sentences.
const PROSE: usize = 2_000;

macro_rules! row {
    ($name:literal, $shape:ident $(($words:expr))?, $max:expr, $example:literal, $about:literal, |$t:ident, $v:ident| $set:expr) => {
        Field {
            name: $name,
            shape: Shape::$shape $(($words))?,
            example: $example,
            about: $about,
            max_chars: $max,
            set: |$t, $v| $set,
        }
    };
}

/// An entry's fields.
pub static ENTRY_FIELDS: &[Field<RawEntry>] = &[
    row!("title", Text, NAME, "title: Data Product Owner", "Display title.", |e, v| e.title = v.text()),
    row!("slug", Slug, 1_000, "slug: data-product-owner", "URL identifier overriding the file name.", |e, v| e.slug =
        v.text()),
    row!("abbr", Text, NAME, "abbr: DPO", "Abbreviation; [[ABBR]] links resolve to this entry.", |e, v| e.abbr =
        v.text()),
    row!("aliases", Texts, NAME, "aliases: [Product owner]", "More names that resolve to this entry.", |e, v| e
        .aliases =
        v.texts()),
    row!("kind", Text, NAME, "kind: role", "A kind declared in site.toml.", |e, v| e.kind = v.text()),
    row!("summary", Text, PROSE, "summary: One or two plain sentences.", "One or two plain sentences.", |e, v| e
        .summary =
        v.text()),
    row!("tags", Texts, NAME, "tags: [a, b]", "Free tags.", |e, v| e.tags = v.texts()),
    row!("links", Names, NAME, "links: { works_with: [data-product-manager] }", "Typed relations.", |e, v| e.links =
        v.names()),
    row!("facets", TextMap, PROSE, "facets: { focus: The how and the when }", "Comparable attributes.", |e, v| e
        .facets =
        v.text_map()),
    row!("responsibilities", Texts, PROSE, "responsibilities: [Orders the backlog]", "What the role does.", |e, v| e
        .responsibilities =
        v.texts()),
    row!("skills", Texts, PROSE, "skills: [Backlog refinement]", "What the role needs to be good at.", |e, v| e
        .skills =
        v.texts()),
    row!(
        "decisions",
        Decisions,
        PROSE,
        "decisions: [{ decision: Order of the backlog, part: decides }]",
        "Decisions this role takes part in.",
        |e, v| e.decisions = v.decisions()
    ),
    row!(
        "sources",
        Sources,
        PROSE,
        "sources: [{ title: Article, url: \"https://…\" }]",
        "Articles this draws on.",
        |e, v| e.sources = v.sources()
    ),
    row!("updated", Date, NAME, "updated: 2026-11-23", "YYYY-MM-DD", |e, v| e.updated = v.text()),
    row!("draft", Flag, NAME, "draft: true", "Left out of builds unless --drafts.", |e, v| e.draft = v.flag()),
    row!(
        "moved_from",
        Slugs,
        1_000,
        "moved_from: [old-slug]",
        "Slugs this entry had before: each old URL gets a redirect page to it.",
        |e, v| e.moved_from = v.texts()
    ),
    row!(
        "status",
        Choice(STATUSES),
        NAME,
        "status: approved",
        "Lifecycle: proposed, approved or deprecated (default: site.toml default_status).",
        |e, v| e.status = v.text()
    ),
    row!(
        "superseded_by",
        Text,
        NAME,
        "superseded_by: data-product-owner",
        "The entry that replaces this deprecated one, by name.",
        |e, v| e.superseded_by = v.text()
    ),
    row!("deprecated_on", Date, NAME, "deprecated_on: 2026-11-23", "YYYY-MM-DD it was deprecated.", |e, v| e
        .deprecated_on =
        v.text()),
    row!(
        "deprecation_note",
        Text,
        PROSE,
        "deprecation_note: Merged into the owner role.",
        "Why it was deprecated, shown on its page.",
        |e, v| e.deprecation_note = v.text()
    ),
    row!(
        "owners",
        Texts,
        NAME,
        "owners: [\"@acme/data-office\"]",
        "Teams or people to ask: @handle, @org/team or free text.",
        |e, v| e.owners = v.texts()
    ),
    row!("reviewed", Date, NAME, "reviewed: 2026-11-23", "YYYY-MM-DD of the last review by its owners.", |e, v| e
        .reviewed =
        v.text()),
];

/// The words `status` takes.
pub const STATUSES: &[&str] = &["proposed", "approved", "deprecated"];

/// A comparison page's fields.
pub static COMPARISON_FIELDS: &[Field<RawComparison>] = &[
    row!("title", Text, NAME, "title: Owner vs Manager", "Display title.", |c, v| c.title = v.text()),
    row!("slug", Slug, 1_000, "slug: owner-vs-manager", "URL identifier overriding the file name.", |c, v| c.slug =
        v.text()),
    row!("compare", Texts, NAME, "compare: [owner, manager]", "The 2 to 4 entries compared, by name.", |c, v| c
        .compare =
        v.texts()),
    row!("facets", Texts, NAME, "facets: [focus]", "Facets to show; default: all declared.", |c, v| c.facets =
        v.texts()),
    row!("summary", Text, PROSE, "summary: One plain sentence.", "One plain sentence.", |c, v| c.summary = v.text()),
    row!("tags", Texts, NAME, "tags: [a, b]", "Free tags.", |c, v| c.tags = v.texts()),
    row!(
        "sources",
        Sources,
        PROSE,
        "sources: [{ title: Article, url: \"https://…\" }]",
        "Articles this draws on.",
        |c, v| c.sources = v.sources()
    ),
    row!("updated", Date, NAME, "updated: 2026-11-23", "YYYY-MM-DD", |c, v| c.updated = v.text()),
    row!("draft", Flag, NAME, "draft: true", "Left out of builds unless --drafts.", |c, v| c.draft = v.flag()),
];

/// The fields of one decision.
pub static DECISION_FIELDS: &[Field<RawDecision>] = &[
    row!(
        "decision",
        Text,
        PROSE,
        "decision: Order of the backlog",
        "The decision, worded the same across roles.",
        |d, v| d.decision = v.text().unwrap_or_default()
    ),
    row!("part", Text, NAME, "part: decides", "decides, consulted or informed.", |d, v| d.part =
        v.text().unwrap_or_default()),
];

/// The fields of one source.
pub static SOURCE_FIELDS: &[Field<RawSource>] = &[
    row!("title", Text, PROSE, "title: Article title", "Article title.", |s, v| s.title = v.text().unwrap_or_default()),
    row!("url", Text, 4_000, "url: \"https://…\"", "Where it is.", |s, v| s.url = v.text()),
    row!("publisher", Text, NAME, "publisher: Publisher", "Who published it.", |s, v| s.publisher = v.text()),
];

/// Every top-level key of either table: the keys whose values are read.
pub fn known_keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> =
        ENTRY_FIELDS.iter().map(|f| f.name).chain(COMPARISON_FIELDS.iter().map(|f| f.name)).collect();
    keys.push("compare");
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// The names of a table's fields, in order.
pub fn names<T>(table: &[Field<T>]) -> Vec<&'static str> {
    table.iter().map(|f| f.name).collect()
}

impl Value {
    fn text(self) -> Option<String> {
        match self {
            Value::Text(text) => Some(text),
            _ => None,
        }
    }

    fn flag(self) -> Option<bool> {
        match self {
            Value::Flag(flag) => Some(flag),
            _ => None,
        }
    }

    fn texts(self) -> Option<Vec<String>> {
        match self {
            Value::Texts(texts) => Some(texts),
            _ => None,
        }
    }

    fn names(self) -> Option<BTreeMap<String, OneOrMany>> {
        match self {
            Value::Names(names) => Some(names),
            _ => None,
        }
    }

    fn text_map(self) -> Option<BTreeMap<String, String>> {
        match self {
            Value::TextMap(map) => Some(map),
            _ => None,
        }
    }

    fn decisions(self) -> Option<Vec<RawDecision>> {
        match self {
            Value::Decisions(list) => Some(list),
            _ => None,
        }
    }

    fn sources(self) -> Option<Vec<RawSource>> {
        match self {
            Value::Sources(list) => Some(list),
            _ => None,
        }
    }
}

/// Where a top-level key and its value are in the file, to point at them.
pub struct Spots<'a> {
    file: &'a SourceFile,
    keys: &'a [Key],
    /// Byte offset where the YAML block ends.
    end: usize,
}

impl<'a> Spots<'a> {
    /// Spots for a file whose YAML block ends at byte `end`.
    pub fn new(file: &'a SourceFile, keys: &'a [Key], end: usize) -> Self {
        Spots { file, keys, end }
    }

    /// The byte range of top-level `key` with its value (empty at the block
    /// end when the key is not written at column 0).
    fn range(&self, key: &str) -> (usize, usize) {
        let Some(position) = self.keys.iter().position(|k| k.name == key) else { return (self.end, self.end) };
        let start = self.keys[position].offset;
        (start, self.keys.get(position + 1).map_or(self.end, |k| k.offset))
    }

    /// The offset of the value of `key`: the first non-blank after its colon.
    fn value(&self, key: &str) -> usize {
        let (start, end) = self.range(key);
        let text = self.file.text.get(start..end).unwrap_or("");
        let Some(colon) = text.find(':') else { return start };
        let after = &text[colon + 1..];
        let blank = after.len() - after.trim_start().len();
        if colon + 1 + blank >= text.len() {
            start
        } else {
            start + colon + 1 + blank
        }
    }

    /// The offset of `needle` in the value of `key`, else of the value.
    fn find(&self, key: &str, needle: &str) -> usize {
        let at = self.value(key);
        let (_, end) = self.range(key);
        match self.file.text.get(at..end).and_then(|t| t.find(needle)) {
            Some(i) if !needle.is_empty() => at + i,
            _ => at,
        }
    }

    fn report(&self, code: Code, offset: usize, width: usize, message: String) -> Diagnostic {
        Diagnostic::new(code, self.file.path.clone(), message).at_offset(
            &self.file.index,
            &self.file.text,
            offset,
            width,
        )
    }
}

/// Reads a top-level map through `table`: every key is checked on its own;
/// a value of the wrong shape is reported and left unset.
pub fn read<T: Default>(table: &[Field<T>], map: &[(String, Node)], spots: &Spots<'_>, out: &mut Diagnostics) -> T {
    let mut value = T::default();
    for (key, node) in map {
        let Some(field) = table.iter().find(|f| f.name == key) else { continue };
        let mut check = Check {
            name: field.name,
            within: None,
            item: None,
            example: field.example,
            max: field.max_chars,
            spots,
            out,
        };
        if let Some(checked) = check.value(field.shape, node) {
            (field.set)(&mut value, checked);
        }
    }
    value
}

/// Checks one top-level field's value.
struct Check<'s, 'a> {
    /// The field named in messages.
    name: &'static str,
    /// The top-level field holding it, when it is a key of a list item.
    within: Option<&'static str>,
    /// The key being read inside a map field (`focus` in `facets`).
    item: Option<String>,
    example: &'static str,
    max: usize,
    spots: &'s Spots<'a>,
    out: &'s mut Diagnostics,
}

impl Check<'_, '_> {
    /// The top-level key, where positions are looked for.
    fn key(&self) -> &'static str {
        self.within.unwrap_or(self.name)
    }

    /// How messages name the field: `` `title` `` or `` `title` in `sources` ``.
    fn subject(&self) -> String {
        match (&self.item, self.within) {
            (Some(item), _) => format!("`{item}` under `{}`", self.name),
            (None, Some(within)) => format!("`{}` in `{within}`", self.name),
            (None, None) => format!("`{}`", self.name),
        }
    }

    fn value(&mut self, shape: Shape, node: &Node) -> Option<Value> {
        if *node == Node::Null {
            return None;
        }
        match shape {
            Shape::Text | Shape::Slug | Shape::Date => self.text(node, "text").map(Value::Text),
            Shape::Flag => match node {
                Node::Bool(flag) => Some(Value::Flag(*flag)),
                _ => self.wrong("true or false"),
            },
            Shape::Choice(words) => self.choice(node, words).map(Value::Text),
            Shape::Texts | Shape::Slugs => self.texts(node).map(Value::Texts),
            Shape::Names => self.names(node).map(Value::Names),
            Shape::TextMap => self.text_map(node).map(Value::TextMap),
            Shape::Decisions => {
                let items = self.records(node, DECISION_FIELDS, &["decision", "part"])?;
                Some(Value::Decisions(items))
            }
            Shape::Sources => Some(Value::Sources(self.records(node, SOURCE_FIELDS, &["title"])?)),
        }
    }

    /// "`tags` must be a list, like `tags: [a, b]`", at the value.
    fn wrong<V>(&mut self, what: &str) -> Option<V> {
        let message = format!("{} must be {what}, like `{}`", self.subject(), self.example);
        let d = self.spots.report(Code::InvalidField, self.spots.value(self.key()), 1, message);
        self.out.push(d);
        None
    }

    /// A scalar as text, within the field's length.
    fn text(&mut self, node: &Node, what: &str) -> Option<String> {
        match node.scalar() {
            Some(text) => self.bounded(text),
            None => self.wrong(what),
        }
    }

    /// One of `words`, in any letter case: "`status` must be proposed,
    /// approved or deprecated, like `status: approved`".
    fn choice(&mut self, node: &Node, words: &[&'static str]) -> Option<String> {
        let listed = match words {
            [] => String::new(),
            [one] => (*one).to_owned(),
            [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
        };
        let Some(text) = node.scalar() else { return self.wrong(&listed) };
        if let Some(word) = words.iter().find(|w| w.eq_ignore_ascii_case(text.trim())) {
            return Some((*word).to_owned());
        }
        let width = text.chars().count().max(1);
        let message = format!("{} must be {listed}, like `{}`", self.subject(), self.example);
        let d = self.spots.report(Code::InvalidField, self.spots.value(self.key()), width, message);
        let hint = suggest::closest(&text, words.iter().copied()).map(|s| format!("did you mean `{s}`?"));
        self.out.push(d.maybe_suggest(hint));
        None
    }

    fn bounded(&mut self, text: String) -> Option<String> {
        let chars = text.chars().count();
        if chars <= self.max {
            return Some(text);
        }
        let message = format!("{} is {chars} characters long; at most {} fit", self.subject(), self.max);
        let shown: String = text.chars().take(20).collect();
        let d = self.spots.report(Code::FieldTooLong, self.spots.find(self.key(), &shown), 1, message);
        self.out.push(d.suggest("shorten it; put long text in the body"));
        // Cut rather than dropped, so a required field is not also "missing".
        Some(text.chars().take(self.max).collect())
    }

    fn list<'n>(&mut self, node: &'n Node) -> Option<&'n [Node]> {
        let Node::List(items) = node else { return self.wrong("a list") };
        if items.len() > MAX_ITEMS {
            let message = format!("{} has {} items; at most {MAX_ITEMS} fit", self.subject(), items.len());
            let d = self.spots.report(Code::FieldTooLong, self.spots.value(self.key()), 1, message);
            self.out.push(d.suggest("split the entry, or keep the list to what matters"));
            return Some(&items[..MAX_ITEMS]);
        }
        Some(items)
    }

    fn texts(&mut self, node: &Node) -> Option<Vec<String>> {
        let items = self.list(node)?;
        let mut texts = Vec::with_capacity(items.len());
        for item in items {
            match item {
                Node::Null => self.null_item(),
                Node::List(_) | Node::Map(_) => {
                    let message = format!("each item of {} must be text, like `{}`", self.subject(), self.example);
                    let d = self.spots.report(Code::InvalidField, self.spots.value(self.key()), 1, message);
                    self.out.push(d);
                }
                scalar => texts.extend(scalar.scalar().and_then(|t| self.bounded(t))),
            }
        }
        Some(texts)
    }

    /// An empty item (`null`, `~` or a bare `-`) is reported, never taken
    /// as the name "null".
    fn null_item(&mut self) {
        let offset = ["null", "Null", "NULL", "~"]
            .iter()
            .map(|n| self.spots.find(self.key(), n))
            .find(|&at| at != self.spots.value(self.key()))
            .unwrap_or_else(|| self.spots.value(self.key()));
        let message = format!("{} has an empty item (null)", self.subject());
        let d = self.spots.report(Code::InvalidField, offset, 1, message);
        self.out.push(d.suggest("write the value, or remove the item"));
    }

    fn map<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n [(String, Node)]> {
        match node {
            Node::Map(entries) => Some(entries),
            _ => self.wrong(what),
        }
    }

    fn names(&mut self, node: &Node) -> Option<BTreeMap<String, OneOrMany>> {
        let entries = self.map(node, "a map from relation to entry names")?;
        let mut names = BTreeMap::new();
        for (key, value) in entries {
            self.item = Some(key.clone());
            let value = match value {
                Node::Null => continue,
                Node::List(_) => OneOrMany::Many(self.texts(value)?),
                Node::Map(_) => {
                    let message = format!("{} must be an entry name or a list of them", self.subject());
                    let d = self.spots.report(Code::InvalidField, self.spots.find(self.key(), key), key.len(), message);
                    self.out.push(d.suggest(format!("like `{}`", self.example)));
                    continue;
                }
                scalar => match scalar.scalar().and_then(|t| self.bounded(t)) {
                    Some(name) => OneOrMany::One(name),
                    None => continue,
                },
            };
            names.insert(key.clone(), value);
        }
        self.item = None;
        Some(names)
    }

    fn text_map(&mut self, node: &Node) -> Option<BTreeMap<String, String>> {
        let entries = self.map(node, "a map of names to text")?;
        let mut map = BTreeMap::new();
        for (key, value) in entries {
            self.item = Some(key.clone());
            match value {
                Node::Null => {}
                Node::List(_) | Node::Map(_) => {
                    let message = format!("{} must be text", self.subject());
                    let d = self.spots.report(Code::InvalidField, self.spots.find(self.key(), key), key.len(), message);
                    self.out.push(d.suggest(format!("like `{}`", self.example)));
                }
                scalar => {
                    if let Some(text) = scalar.scalar().and_then(|t| self.bounded(t)) {
                        map.insert(key.clone(), text);
                    }
                }
            }
        }
        self.item = None;
        Some(map)
    }

    /// A list of small maps read through their own table; an item missing
    /// a `required` key is reported and left out.
    fn records<T: Default>(&mut self, node: &Node, table: &[Field<T>], required: &[&str]) -> Option<Vec<T>> {
        let items = self.list(node)?;
        let mut records = Vec::with_capacity(items.len());
        for item in items {
            let Node::Map(entries) = item else {
                let message = format!("each item of {} must be a map, like `{}`", self.subject(), self.example);
                let d = self.spots.report(Code::InvalidField, self.spots.value(self.key()), 1, message);
                self.out.push(d);
                continue;
            };
            if let Some(record) = self.record(entries, table, required) {
                records.push(record);
            }
        }
        Some(records)
    }

    fn record<T: Default>(&mut self, entries: &[(String, Node)], table: &[Field<T>], required: &[&str]) -> Option<T> {
        let mut record = T::default();
        let mut complete = true;
        for (key, value) in entries {
            let Some(field) = table.iter().find(|f| f.name == key) else {
                let hint = suggest::closest(key, table.iter().map(|f| f.name)).map(|s| format!("did you mean `{s}`?"));
                let message = format!("unknown key `{key}` in {}", self.subject());
                let d = self.spots.report(Code::UnknownField, self.spots.find(self.key(), key), key.len(), message);
                self.out.push(d.maybe_suggest(hint));
                continue;
            };
            let mut inner = Check {
                name: field.name,
                within: Some(self.key()),
                item: None,
                example: field.example,
                max: field.max_chars,
                spots: self.spots,
                out: &mut *self.out,
            };
            match inner.value(field.shape, value) {
                Some(checked) => (field.set)(&mut record, checked),
                None => complete = false,
            }
        }
        for name in required.iter().filter(|&&name| !entries.iter().any(|(k, v)| k == name && *v != Node::Null)) {
            let message = format!("an item of {} has no `{name}`", self.subject());
            let d = self.spots.report(Code::InvalidField, self.spots.value(self.key()), 1, message);
            self.out.push(d.suggest(format!("like `{}`", self.example)));
            complete = false;
        }
        complete.then_some(record)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::front_matter::{split, top_level_keys};
    use crate::load::yaml;

    /// Reads `yaml` as an entry's front matter: the entry and each
    /// diagnostic as (line, column, message).
    fn entry(yaml: &str) -> (RawEntry, Vec<(usize, usize, String)>) {
        let file = SourceFile::new("content/x.md".into(), "x.md".into(), format!("---\n{yaml}---\n"));
        let mut diagnostics = Diagnostics::new();
        let block = split(&file, &mut diagnostics).expect("fences");
        let keys = top_level_keys(&file.text, block);
        let Ok(Node::Map(map)) = yaml::parse(&file.text[block.yaml.0..block.yaml.1], 1 << 20, &known_keys()) else {
            panic!("not a map")
        };
        let raw = read(ENTRY_FIELDS, &map, &Spots::new(&file, &keys, block.yaml.1), &mut diagnostics);
        let list = diagnostics.finish(&Default::default());
        (
            raw,
            list.into_iter()
                .map(|d| (d.location.map_or(0, |l| l.line), d.location.map_or(0, |l| l.column), d.message))
                .collect(),
        )
    }

    #[test]
    fn every_wrong_field_is_reported_and_the_others_are_read() {
        let (raw, found) = entry("title: T\ntags: \"a, b\"\ndraft: maybe\naliases: [A, ~]\nsummary: [x]\n");
        assert_eq!(raw.title.as_deref(), Some("T"));
        assert_eq!(raw.aliases, Some(vec!["A".to_owned()]));
        assert_eq!((raw.tags, raw.draft, raw.summary), (None, None, None));
        let messages: Vec<&str> = found.iter().map(|(.., m)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`tags` must be a list, like `tags: [a, b]`",
                "`draft` must be true or false, like `draft: true`",
                "`aliases` has an empty item (null)",
                "`summary` must be text, like `summary: One or two plain sentences.`",
            ]
        );
        assert_eq!((found[2].0, found[2].1), (5, 14));
    }

    #[test]
    fn numbers_and_booleans_are_text_where_text_is_wanted() {
        let (raw, found) = entry("title: 2024\nabbr: true\ntags: [1, x]\nlinks: {works_with: 7}\n");
        assert!(found.is_empty(), "{found:?}");
        assert_eq!((raw.title.as_deref(), raw.abbr.as_deref()), (Some("2024"), Some("true")));
        assert_eq!(raw.tags, Some(vec!["1".to_owned(), "x".to_owned()]));
        assert_eq!(raw.links.and_then(|l| l.get("works_with").cloned()), Some(OneOrMany::One("7".into())));
    }

    #[test]
    fn records_need_their_keys_and_warn_about_unknown_ones() {
        let (raw, found) =
            entry("decisions:\n  - { decision: D, part: decides }\n  - { part: informed }\nsources:\n  - { title: A, link: x }\n");
        assert_eq!(raw.decisions.map(|d| d.len()), Some(1));
        assert_eq!(raw.sources.map(|s| s[0].title.clone()), Some("A".to_owned()));
        let messages: Vec<&str> = found.iter().map(|(.., m)| m.as_str()).collect();
        assert_eq!(messages, ["an item of `decisions` has no `decision`", "unknown key `link` in `sources`"]);
    }

    #[test]
    fn a_choice_takes_its_words_in_any_case_and_names_them_otherwise() {
        let (raw, found) = entry("status: Deprecated\n");
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(raw.status.as_deref(), Some("deprecated"));
        let (raw, found) = entry("title: T\nstatus: retired\nowners: [a, ~]\nreviewed: [2026-01-01]\n");
        assert_eq!(raw.status, None);
        let messages: Vec<&str> = found.iter().map(|(.., m)| m.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`status` must be proposed, approved or deprecated, like `status: approved`",
                "`owners` has an empty item (null)",
                "`reviewed` must be text, like `reviewed: 2026-11-23`",
            ]
        );
        assert_eq!((found[0].0, found[0].1), (3, 9));
    }

    #[test]
    fn too_long_text_is_cut_with_an_error() {
        let (raw, found) = entry(&format!("title: {}\n", "x".repeat(300)));
        assert_eq!(raw.title.map(|t| t.len()), Some(NAME));
        assert_eq!(found[0].2, "`title` is 300 characters long; at most 200 fit");
    }
}
