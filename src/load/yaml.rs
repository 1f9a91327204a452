//! YAML text → a generic tree ([`Node`]), read under a budget.
//!
//! Front matter is first read into this tree and only then checked field by
//! field ([`super::fields`]), so one mistyped field never hides another.
//! The budget bounds what anchors and aliases may expand to: every node and
//! every byte of text spends from it while the tree is built, so an alias
//! bomb stops after at most the budget's bytes, never after expanding.
//! Values of keys nobody reads are skipped without expanding at all.

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::cell::Cell;

/// A YAML value as written, scalars resolved the YAML 1.2 way.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// `null`, `~` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as text.
    Number(String),
    /// A string.
    Text(String),
    /// A sequence.
    List(Vec<Node>),
    /// A mapping, keys as text, in written order.
    Map(Vec<(String, Node)>),
}

impl Node {
    /// The text of a scalar (numbers and booleans as written out); `None`
    /// for null, lists and maps.
    pub fn scalar(&self) -> Option<String> {
        match self {
            Node::Text(text) | Node::Number(text) => Some(text.clone()),
            Node::Bool(flag) => Some(flag.to_string()),
            Node::Null | Node::List(_) | Node::Map(_) => None,
        }
    }
}

impl Node {
    /// Removes control characters and noncharacters (see
    /// [`crate::invisible`]) from every string and key, returning how many
    /// went. The file's text was cleaned as it was read, but YAML escapes
    /// (`"\e"`, `"\x07"`, `"\u0085"`) write them anew.
    pub fn strip_invisible(&mut self) -> usize {
        match self {
            Node::Text(text) => strip_text(text),
            Node::List(items) => items.iter_mut().map(Node::strip_invisible).sum(),
            Node::Map(entries) => {
                entries.iter_mut().map(|(key, value)| strip_text(key) + value.strip_invisible()).sum()
            }
            Node::Null | Node::Bool(_) | Node::Number(_) => 0,
        }
    }
}

fn strip_text(text: &mut String) -> usize {
    if !text.chars().any(crate::invisible::is_removed) {
        return 0;
    }
    let before = text.chars().count();
    text.retain(|c| !crate::invisible::is_removed(c));
    before - text.chars().count()
}

/// The message of the error a spent budget ends reading with.
pub const TOO_LARGE: &str = "the front matter expands to more than its size limit";

/// What one node costs besides its text: a list of a million tiny aliases
/// is as bounded as one huge string.
pub(super) const NODE_COST: usize = 16;

/// The budget for a front-matter block of `len` bytes: four times its size,
/// at least 64 KiB (small files may repeat a little), at most 1 MiB.
pub fn budget_for(len: usize) -> usize {
    len.saturating_mul(4).clamp(64 * 1024, 1024 * 1024)
}

/// Why a block could not be read.
#[derive(Debug)]
pub struct Failure {
    /// serde_yaml's error, with its position; a spent budget is the error
    /// whose message contains [`TOO_LARGE`].
    pub error: serde_yaml::Error,
    /// The top-level key whose value was being read, if any: an alias
    /// replays its anchor's events, so the error's own position may be the
    /// anchor's rather than where it was repeated.
    pub key: Option<String>,
}

/// Reads `yaml` into a tree. At the top level, only the values of keys in
/// `read` are built; any other key's value is skipped unexpanded.
pub fn parse(yaml: &str, budget: usize, read: &[&str]) -> Result<Node, Failure> {
    match super::flat_yaml::parse(yaml, budget, read) {
        Some(node) => Ok(node),
        None => parse_slow(yaml, budget, read),
    }
}

/// [`parse`] with serde_yaml, whatever the block holds.
pub(super) fn parse_slow(yaml: &str, budget: usize, read: &[&str]) -> Result<Node, Failure> {
    let budget = Cell::new(budget);
    let reading = std::cell::RefCell::new(None);
    let seed = NodeSeed { budget: &budget, top: Some(read), reading: &reading };
    seed.deserialize(serde_yaml::Deserializer::from_str(yaml)).map_err(|error| Failure { error, key: reading.take() })
}

#[derive(Clone, Copy)]
struct NodeSeed<'b> {
    budget: &'b Cell<usize>,
    reading: &'b std::cell::RefCell<Option<String>>,
    /// At the top level: the keys whose values are built.
    top: Option<&'b [&'b str]>,
}

impl NodeSeed<'_> {
    fn spend<E: de::Error>(&self, bytes: usize) -> Result<(), E> {
        let cost = bytes.saturating_add(NODE_COST);
        match self.budget.get().checked_sub(cost) {
            Some(left) => {
                self.budget.set(left);
                Ok(())
            }
            None => Err(E::custom(TOO_LARGE)),
        }
    }

    fn nested(self) -> Self {
        NodeSeed { top: None, ..self }
    }
}

impl<'de> DeserializeSeed<'de> for NodeSeed<'_> {
    type Value = Node;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NodeSeed<'_> {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a YAML value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        self.spend(0)?;
        Ok(Node::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        self.visit_unit()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Node, E> {
        self.spend(0)?;
        Ok(Node::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Node, E> {
        self.spend(20)?;
        Ok(Node::Number(value.to_string()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Node, E> {
        self.spend(20)?;
        Ok(Node::Number(value.to_string()))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Node, E> {
        self.spend(40)?;
        Ok(Node::Number(value.to_string()))
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Node, E> {
        self.spend(40)?;
        Ok(Node::Number(value.to_string()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Node, E> {
        self.spend(24)?;
        Ok(Node::Number(value.to_string()))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Node, E> {
        // Spent before copying: an alias of a huge string is refused unread.
        self.spend(value.len())?;
        Ok(Node::Text(value.to_owned()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        self.spend(0)?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self.nested())? {
            items.push(item);
        }
        Ok(Node::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        self.spend(0)?;
        let mut entries: Vec<(String, Node)> = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        while let Some(key) = map.next_key_seed(self.nested())? {
            let Some(key) = key.scalar().or_else(|| (key == Node::Null).then(|| "null".to_owned())) else {
                return Err(de::Error::custom("a key must be a plain word, not a list or a map"));
            };
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!("duplicate field `{key}`")));
            }
            let Some(read) = self.top else {
                entries.push((key, map.next_value_seed(self)?));
                continue;
            };
            if !read.contains(&key.as_str()) {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            self.reading.replace(Some(key.clone()));
            let value = map.next_value_seed(self.nested())?;
            self.reading.replace(None);
            entries.push((key, value));
        }
        Ok(Node::Map(entries))
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Node, A::Error> {
        // A value with a custom tag (`!thing x`): the tag means nothing here.
        let (_, variant): (IgnoredAny, _) = data.variant()?;
        de::VariantAccess::newtype_variant_seed(variant, self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(yaml: &str) -> Result<Node, String> {
        parse(yaml, 64 * 1024, &["a", "b", "c"]).map_err(|e| e.error.to_string())
    }

    #[test]
    fn reads_scalars_lists_and_maps_in_order() {
        let node = read("a: [x, 3, true, null, ~]\nb: {z: 1.5, y: two}\nc:\n").unwrap();
        let expected = Node::Map(vec![
            (
                "a".into(),
                Node::List(vec![
                    Node::Text("x".into()),
                    Node::Number("3".into()),
                    Node::Bool(true),
                    Node::Null,
                    Node::Null,
                ]),
            ),
            (
                "b".into(),
                Node::Map(vec![("z".into(), Node::Number("1.5".into())), ("y".into(), Node::Text("two".into()))]),
            ),
            ("c".into(), Node::Null),
        ]);
        assert_eq!(node, expected);
    }

    #[test]
    fn strips_controls_written_as_escapes_from_keys_and_values() {
        let mut node =
            read("a: \"x\\e]0;t\\ay\\u0085\\U0010FFFF\"\nb: [\"\\x00\", ok]\nc: {\"k\\x1b\": \"v\\uFFFE\"}\n").unwrap();
        assert_eq!(node.strip_invisible(), 7);
        let expected = Node::Map(vec![
            ("a".into(), Node::Text("x]0;ty".into())),
            ("b".into(), Node::List(vec![Node::Text(String::new()), Node::Text("ok".into())])),
            ("c".into(), Node::Map(vec![("k".into(), Node::Text("v".into()))])),
        ]);
        assert_eq!(node, expected);
    }

    #[test]
    fn refuses_an_alias_bomb_within_the_budget() {
        let big = "x".repeat(10_000);
        let yaml = format!("a: &s \"{big}\"\nb: [{}]\n", vec!["*s"; 1_000].join(", "));
        let error = read(&yaml).unwrap_err();
        assert!(error.contains(TOO_LARGE), "{error}");
        let nested = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n\
                      c: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n";
        let failure = parse(nested, 3_000, &["a", "b", "c"]).map(|_| ()).unwrap_err();
        assert!(failure.error.to_string().contains(TOO_LARGE));
        assert_eq!(failure.key.as_deref(), Some("c"));
    }

    #[test]
    fn skips_keys_nobody_reads_without_expanding_them() {
        let yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\nq: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nz: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n";
        let Node::Map(entries) = read(yaml).unwrap() else { panic!("not a map") };
        assert_eq!(entries.len(), 1);
    }

    #[test]
    fn reports_duplicate_keys_and_keeps_tagged_values() {
        assert!(read("a: 1\na: 2\n").unwrap_err().contains("duplicate field `a`"));
        assert_eq!(read("a: !thing x\n").unwrap(), Node::Map(vec![("a".into(), Node::Text("x".into()))]));
        let huge = read("a: 999999999999999999999999999999999999\nb: .nan\n").unwrap();
        assert!(matches!(huge, Node::Map(ref m) if m.len() == 2), "{huge:?}");
    }

    #[test]
    fn sizes_the_budget_by_the_block() {
        assert_eq!(budget_for(10), 64 * 1024);
        assert_eq!(budget_for(100_000), 400_000);
        assert_eq!(budget_for(10_000_000), 1024 * 1024);
    }
}
