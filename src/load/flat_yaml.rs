//! A fast reader for the plain front matter nearly every file has: block
//! mappings and sequences of one-line values (quoted or plain strings,
//! dates, flow lists and flow maps), as a generic YAML parser would read
//! them. It answers only when it is sure: anything else (numbers, booleans,
//! escapes, anchors, tags, multi-line scalars, tabs, duplicate keys, a
//! block that would spend more than the budget…) gets `None`, and
//! [`super::yaml::parse`] reads the block with serde_yaml, which also words
//! every error. Reading front matter through serde_yaml's event loader was
//! about a tenth of a build's CPU.

use super::yaml::{Node, NODE_COST};

/// The tree serde_yaml would build from `yaml` (see [`super::yaml::parse`]:
/// at the top level, only the values of keys in `read`), or `None` when
/// the block is not one this reader is sure about.
pub(super) fn parse(yaml: &str, budget: usize, read: &[&str]) -> Option<Node> {
    if yaml.contains(unsure) {
        return None;
    }
    let lines: Vec<Line<'_>> = yaml
        .split('\n')
        .filter_map(|line| {
            let text = line.trim_start_matches(' ');
            let blank = text.is_empty() || text.starts_with('#');
            (!blank).then_some(Line { indent: line.len() - text.len(), text: text.trim_end_matches(' ') })
        })
        .collect();
    let first = lines.first()?;
    let mut reader = Reader { lines: &lines, depth: 0, at: 0, spent: 0 };
    let node = reader.map(first.indent, Some(read))?;
    (reader.at == lines.len() && reader.spent <= budget).then_some(node)
}

/// Characters that change how lines or scalars are read, or that the YAML
/// reader refuses as unprintable: left to serde_yaml.
fn unsure(c: char) -> bool {
    matches!(
        c,
        '\t' | '\r' | '\\' | '\u{80}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
    )
}

/// Collections nested deeper than this are left to serde_yaml (front
/// matter nests two or three deep).
const MAX_DEPTH: usize = 16;

/// A line that is neither blank nor only a comment.
struct Line<'a> {
    /// Spaces before the text.
    indent: usize,
    /// The text, without the trailing spaces.
    text: &'a str,
}

struct Reader<'l, 'a> {
    lines: &'l [Line<'a>],
    /// Block collections open (a deep block is left to serde_yaml, whose
    /// nesting limit words the error).
    depth: usize,
    /// The next line to read.
    at: usize,
    /// What serde_yaml's reader would have spent of the budget.
    spent: usize,
}

impl Reader<'_, '_> {
    /// A block mapping whose keys stand at `indent`; with `read`, only
    /// those keys' values are kept.
    fn map(&mut self, indent: usize, read: Option<&[&str]>) -> Option<Node> {
        self.enter()?;
        self.spent += NODE_COST;
        let mut entries: Vec<(String, Node)> = Vec::new();
        let mut keys: Vec<&str> = Vec::new();
        while let Some(line) = self.lines.get(self.at).filter(|l| l.indent == indent) {
            let (key, rest) = split_key(line.text)?;
            if keys.contains(&key) {
                return None;
            }
            keys.push(key);
            self.spent += NODE_COST + key.len();
            self.at += 1;
            let kept = read.is_none_or(|read| read.contains(&key));
            let before = self.spent;
            let value = if rest.is_empty() || rest.starts_with('#') {
                self.block_value(indent)?
            } else {
                self.spend(inline(rest)?)
            };
            if kept {
                entries.push((key.to_owned(), value));
            } else {
                // A skipped value is never built, so it spends nothing.
                self.spent = before;
            }
        }
        // A deeper line here continues a value this reader does not know.
        match self.lines.get(self.at) {
            Some(line) if line.indent > indent => None,
            _ => {
                self.depth -= 1;
                Some(Node::Map(entries))
            }
        }
    }

    /// What follows a key with nothing after its colon: a block sequence,
    /// a nested block mapping, or null.
    fn block_value(&mut self, indent: usize) -> Option<Node> {
        let Some(next) = self.lines.get(self.at) else { return Some(self.spend(Node::Null)) };
        let item = next.text == "-" || next.text.starts_with("- ");
        if item && next.indent >= indent {
            self.sequence(next.indent)
        } else if next.indent > indent {
            self.map(next.indent, None)
        } else {
            Some(self.spend(Node::Null))
        }
    }

    /// A block sequence of one-line items at `indent`.
    fn sequence(&mut self, indent: usize) -> Option<Node> {
        self.enter()?;
        self.spent += NODE_COST;
        let mut items = Vec::new();
        let item = |line: &&Line<'_>| line.indent == indent && (line.text == "-" || line.text.starts_with("- "));
        while let Some(line) = self.lines.get(self.at).filter(item) {
            let rest = line.text.strip_prefix("- ")?.trim_start_matches(' ');
            if rest.is_empty() || rest.starts_with('#') {
                return None;
            }
            items.push(self.spend(inline(rest)?));
            self.at += 1;
        }
        self.depth -= 1;
        Some(Node::List(items))
    }

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    /// Counts what serde_yaml's reader spends on a node built inline.
    fn spend(&mut self, node: Node) -> Node {
        self.spent += cost(&node);
        node
    }
}

/// What serde_yaml's reader spends on a tree (see `NodeSeed::spend`).
fn cost(node: &Node) -> usize {
    NODE_COST
        + match node {
            Node::Null | Node::Bool(_) => 0,
            // Never built here.
            Node::Number(_) => 20,
            Node::Text(text) => text.len(),
            Node::List(items) => items.iter().map(cost).sum(),
            Node::Map(entries) => entries.iter().map(|(key, value)| NODE_COST + key.len() + cost(value)).sum(),
        }
}

/// `key: rest` or `key:` (rest empty), for a key of ASCII letters, digits,
/// `_` and `-` starting with a letter.
fn split_key(text: &str) -> Option<(&str, &str)> {
    let end = text.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))?;
    let key = &text[..end];
    let after = text[end..].strip_prefix(':')?;
    if !plain_key(key) || !(after.is_empty() || after.starts_with(' ')) {
        return None;
    }
    Some((key, after.trim_start_matches(' ')))
}

fn plain_key(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_alphabetic()) && resolves_to_text(key)
}

/// A whole one-line value in block context: a quoted string, a flow
/// collection or a plain scalar, and at most a comment after it.
fn inline(text: &str) -> Option<Node> {
    if !text.starts_with(['"', '\'', '[', '{']) {
        let value = text.find(" #").map_or(text, |comment| &text[..comment]).trim_end_matches(' ');
        if value.contains(": ") || value.ends_with(':') || value.contains(['[', ']', '{', '}']) {
            return None;
        }
        return plain(value);
    }
    let mut cursor = Cursor { text, at: 0, depth: 0 };
    let node = cursor.value()?;
    let rest = &text[cursor.at..];
    let after = rest.trim_start_matches(' ');
    let ends = after.is_empty() || (after.starts_with('#') && after.len() < rest.len());
    ends.then_some(node)
}

/// A plain scalar that resolves to a string: one starting with a letter
/// (any non-ASCII character included) that is no null or boolean, or a
/// `YYYY-MM-DD` date (which no number reading accepts). Everything else may
/// be a number or null.
fn plain(value: &str) -> Option<Node> {
    let bytes = value.as_bytes();
    let text = match bytes.first()? {
        b if b.is_ascii_alphabetic() || *b >= 0x80 => resolves_to_text(value),
        b if b.is_ascii_digit() => is_date(bytes),
        _ => false,
    };
    text.then(|| Node::Text(value.to_owned()))
}

/// Not one of the words YAML reads as null or a boolean (in any case, to be
/// safe).
fn resolves_to_text(value: &str) -> bool {
    !["null", "true", "false"].iter().any(|word| value.eq_ignore_ascii_case(word))
}

fn is_date(bytes: &[u8]) -> bool {
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() })
}

/// A position in one line, for quoted strings and flow collections.
struct Cursor<'a> {
    text: &'a str,
    at: usize,
    /// Flow collections open around the position.
    depth: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.at..]
    }

    fn skip_spaces(&mut self) {
        self.at = self.text.len() - self.rest().trim_start_matches(' ').len();
    }

    /// Takes `c` if it comes next.
    fn eat(&mut self, c: char) -> bool {
        let eaten = self.rest().starts_with(c);
        if eaten {
            self.at += c.len_utf8();
        }
        eaten
    }

    fn value(&mut self) -> Option<Node> {
        match self.rest().chars().next()? {
            '"' => self.double_quoted(),
            '\'' => self.single_quoted(),
            '[' | '{' if self.depth >= MAX_DEPTH => None,
            '[' => self.nested(Self::flow_list),
            '{' => self.nested(Self::flow_map),
            _ => self.flow_plain(),
        }
    }

    fn nested(&mut self, read: fn(&mut Self) -> Option<Node>) -> Option<Node> {
        self.depth += 1;
        let node = read(self);
        self.depth -= 1;
        node
    }

    /// `"…"` without escapes (the block has no backslash at all).
    fn double_quoted(&mut self) -> Option<Node> {
        let body = &self.rest()[1..];
        let end = body.find('"')?;
        self.at += end + 2;
        Some(Node::Text(body[..end].to_owned()))
    }

    /// `'…'`, where `''` is a quote.
    fn single_quoted(&mut self) -> Option<Node> {
        let body = &self.rest()[1..];
        let mut text = String::new();
        let mut from = 0;
        loop {
            let quote = from + body[from..].find('\'')?;
            text.push_str(&body[from..quote]);
            if body[quote + 1..].starts_with('\'') {
                text.push('\'');
                from = quote + 2;
            } else {
                self.at += quote + 2;
                return Some(Node::Text(text));
            }
        }
    }

    /// A plain scalar inside a flow collection: up to `,`, `]` or `}`.
    fn flow_plain(&mut self) -> Option<Node> {
        let rest = self.rest();
        let end = rest.find([',', ']', '}'])?;
        let value = rest[..end].trim_end_matches(' ');
        if value.contains(['[', '{', '#', ':', '"', '\'']) {
            return None;
        }
        self.at += end;
        plain(value)
    }

    /// `[a, "b", …]` on one line.
    fn flow_list(&mut self) -> Option<Node> {
        self.at += 1;
        self.skip_spaces();
        let mut items = Vec::new();
        if self.eat(']') {
            return Some(Node::List(items));
        }
        loop {
            items.push(self.value()?);
            self.skip_spaces();
            if self.eat(']') {
                return Some(Node::List(items));
            }
            if !self.eat(',') {
                return None;
            }
            self.skip_spaces();
        }
    }

    /// `{key: value, …}` on one line.
    fn flow_map(&mut self) -> Option<Node> {
        self.at += 1;
        self.skip_spaces();
        let mut entries: Vec<(String, Node)> = Vec::new();
        if self.eat('}') {
            return Some(Node::Map(entries));
        }
        loop {
            let rest = self.rest();
            let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))?;
            let key = &rest[..end];
            if !plain_key(key) || !rest[end..].starts_with(": ") || entries.iter().any(|(k, _)| k == key) {
                return None;
            }
            self.at += end + 2;
            self.skip_spaces();
            let value = self.value()?;
            entries.push((key.to_owned(), value));
            self.skip_spaces();
            if self.eat('}') {
                return Some(Node::Map(entries));
            }
            if !self.eat(',') {
                return None;
            }
            self.skip_spaces();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const READ: &[&str] = &["a", "b", "c", "title", "tags", "links", "sources", "facets", "when", "list"];

    fn slow(yaml: &str) -> Option<Node> {
        super::super::yaml::parse_slow(yaml, 64 * 1024, READ).ok()
    }

    /// The fast reader either declines or agrees with serde_yaml.
    fn agrees(yaml: &str) -> Option<Node> {
        let fast = parse(yaml, 64 * 1024, READ);
        if let Some(node) = &fast {
            assert_eq!(Some(node), slow(yaml).as_ref(), "{yaml:?}");
        }
        fast
    }

    #[test]
    fn reads_the_common_shapes_as_serde_yaml_does() {
        let yaml = "title: \"A: b\"\nkind: role\ntags: [governance, retail]\nlinks:\n  see_also: [\"Tactical ledger\", platform-x]\n  uses: [\"Linked\"]\nfacets:\n  focus: \"Stop it\"\nsources:\n  - { title: \"Notes\", publisher: Example, url: \"https://x.example/a\" }\nwhen: 2022-06-03\nlist:\n- 'it''s'\n- plain words, with a comma # and a comment\n";
        assert!(agrees(yaml).is_some());
        assert!(agrees("a: x\nb:\nc: []\n").is_some());
        assert!(agrees("a: {}\nb:   y   # c\nzz: [x, {q: y}]\n").is_some(), "a skipped key is only parsed");
        assert!(agrees("# top\na:\n  # inside\n  - x\n\n  - y\nb: z\n").is_some());
        assert!(agrees("a:\n    b:\n        c: d\n    e: f\n").is_some());
        assert!(agrees("a: Ünïcode — “quoted” text\n").is_some());
    }

    #[test]
    fn agrees_on_edge_cases_it_takes() {
        let cases = [
            "a: https://x.example/a?b=c#d\n",
            "a: x #y\n",
            "a: x# y\n",
            "a: it's\n",
            "a: say \"hi\"\n",
            "a: x:y\n",
            "a: [a b, c]\n",
            "a: {b: [c, d], e: {f: g}}\n",
            "a: x,y\n",
            "a: e5\n",
            "a: inf\n",
            "a: nan\n",
            "a: Yes\n",
            "a: 2022-06-03 # c\n",
            "a: x\n\n\nb: y\n",
            "a:    \nb: y\n",
            "a: [ ]\nb: { }\n",
            "a: ['x', \"y\", 'it''s']\n",
            "a: \"\"\nb: ''\n",
            "a: \"#not a comment\"\n",
            "a:\n- x\nb:\n  - y\n  - z\n",
            "a:\n  b:\n  - x\n  c: d\n",
        ];
        for yaml in cases {
            assert!(agrees(yaml).is_some(), "{yaml:?} is declined");
        }
    }

    #[test]
    fn agrees_on_random_blocks_of_yaml_pieces() {
        // Pieces chosen to hit the reader's edges; a fixed generator, so
        // every run tests the same blocks.
        const PIECES: &[&str] = &[
            "a",
            "b",
            "c",
            "tags",
            "x",
            "Yes",
            "null",
            "true",
            "3",
            "2022-06-03",
            "é",
            ": ",
            ":",
            " #",
            "#",
            "- ",
            "-",
            "[",
            "]",
            "{",
            "}",
            ", ",
            ",",
            "'",
            "''",
            "\"",
            " ",
            "  ",
            "\n",
            "\n  ",
            "\n    ",
            "\n- ",
            "\n  - ",
            "&x ",
            "*x",
            "!t ",
            "|",
            ">-",
            "~",
            ".5",
            "0x1",
            "e5",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut taken = 0;
        for _ in 0..20_000 {
            let mut yaml = String::from(["a: ", "tags:\n  - ", "links:\n  b: ", "c: ["][next(4)]);
            for _ in 0..next(12) {
                yaml.push_str(PIECES[next(PIECES.len())]);
            }
            yaml.push('\n');
            taken += usize::from(agrees(&yaml).is_some());
        }
        assert!(taken > 1_000, "only {taken} taken");
    }

    #[test]
    fn declines_what_it_cannot_be_sure_of() {
        let unsure = [
            "a: 3\n",
            "a: true\n",
            "a: Null\n",
            "a: ~\n",
            "a: \"x\\ty\"\n",
            "a: &x y\nb: *x\n",
            "a: !tag y\n",
            "a: |\n  text\n",
            "a: >\n  text\n",
            "a: two\n  lines\n",
            "a: x\na: y\n",
            "a: {b: 1, b: 2}\n",
            "a:\n\t- x\n",
            "a: x\r\n",
            "a: b: c\n",
            "a: [x, ]\n",
            "a: [x\n",
            "a: \"x\" y\n",
            "a:\n  - b: c\n",
            "a:\n  -\n    x\n",
            "\"a\": x\n",
            "a: 2022-6-3\n",
            "a: [0x10]\n",
            "- x\n",
            "",
            "a: x\n  b: y\n",
            "  a: x\nb: y\n",
            "a: [x]y\n",
            "a: 'x\n",
            "a: x\n---\n",
            "a: x\u{9f}y\n",
            "a: \"\u{fffe}\"\n",
            "a: [[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]\n",
        ];
        for yaml in unsure {
            assert_eq!(agrees(yaml), None, "{yaml:?}");
        }
    }

    #[test]
    fn keeps_only_the_read_keys_at_the_top() {
        let Some(Node::Map(entries)) = agrees("a: x\nq: y\nb: [z]\n") else { panic!("declined") };
        let keys: Vec<&str> = entries.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["a", "b"]);
    }

    #[test]
    fn declines_a_block_over_the_budget() {
        let yaml = format!("a: [{}]\n", vec!["x"; 5_000].join(", "));
        assert!(parse(&yaml, 64 * 1024, READ).is_none());
        assert!(slow(&yaml).is_none(), "serde_yaml's reader refuses it too");
        assert!(parse(&yaml, 1 << 20, READ).is_some());
    }

    #[test]
    fn agrees_on_every_sample_of_the_generated_corpora() {
        // Front matter as benches/gen_corpus.py writes it, both shapes.
        let samples = [
            "title: \"Adaptive budget partner south\"\nkind: role\naliases: [\"Adaptive (east 4592)\"]\nsummary: \"A: b.\"\ntags: [analytics, governance]\nlinks:\n  contrasts_with: [\"Public service modeler east\"]\n  see_also: [\"Scaling\", data-feedback-manager]\nfacets:\n  focus: \"Stop\"\nresponsibilities:\n  - \"Work\"\nskills:\n  - \"Term\"\ndecisions:\n  - { decision: \"Which tools\", part: informed }\nsources:\n  - { title: \"Notes\", publisher: Example, url: \"https://library.example/a\" }\nupdated: 2022-02-01\n",
            "title: \"A vs B\"\ncompare: [a-b, c-d]\nsummary: \"How\"\ntags: [governance]\n",
        ];
        for yaml in samples {
            let all: Vec<&str> = yaml.lines().filter_map(|l| l.split_once(':').map(|(k, _)| k)).collect();
            let fast = parse(yaml, 64 * 1024, &all);
            assert!(fast.is_some(), "{yaml}");
            assert_eq!(fast, super::super::yaml::parse_slow(yaml, 64 * 1024, &all).ok());
        }
    }

    /// Every front matter under `root` (every `.md` file starting with a
    /// fence), read both ways; returns how many the fast reader took.
    fn agrees_on_files_under(root: &std::path::Path) -> (usize, usize) {
        let (mut files, mut fast) = (0, 0);
        for item in walkdir::WalkDir::new(root).into_iter().filter_map(Result::ok) {
            let path = item.path();
            if path.components().any(|c| c.as_os_str() == "target" || c.as_os_str() == "node_modules") {
                continue;
            }
            let Some(text) = path.extension().filter(|e| *e == "md").and_then(|_| std::fs::read_to_string(path).ok())
            else {
                continue;
            };
            let Some(rest) = text.strip_prefix("---\n") else { continue };
            let Some(end) = rest.find("\n---") else { continue };
            let yaml = &rest[..end + 1];
            let known = super::super::fields::known_keys();
            let quick = parse(yaml, super::super::yaml::budget_for(yaml.len()), &known);
            if let Some(node) = &quick {
                let slow = super::super::yaml::parse_slow(yaml, super::super::yaml::budget_for(yaml.len()), &known);
                assert_eq!(Some(node), slow.ok().as_ref(), "{}", path.display());
                fast += 1;
            }
            files += 1;
        }
        (files, fast)
    }

    #[test]
    fn agrees_with_serde_yaml_on_every_markdown_file_of_the_repository() {
        let (files, fast) = agrees_on_files_under(std::path::Path::new(env!("CARGO_MANIFEST_DIR")));
        assert!(files > 50 && fast > files / 3, "{fast} of {files}");
    }

    /// `ROLEBOOK_YAML_CORPUS=DIR cargo test -- --ignored flat_yaml`: the
    /// same over a generated corpus.
    #[test]
    #[ignore]
    fn agrees_with_serde_yaml_on_a_corpus() {
        let root = std::env::var("ROLEBOOK_YAML_CORPUS").expect("ROLEBOOK_YAML_CORPUS");
        let (files, fast) = agrees_on_files_under(std::path::Path::new(&root));
        println!("{fast} of {files} read fast");
        assert_eq!(fast, files);
    }
}
