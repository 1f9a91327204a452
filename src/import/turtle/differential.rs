//! The reader against oxttl (a dev-dependency): both must read the same
//! graph from tricky documents, the SKOS fixtures and the real vocabulary
//! in `../shared`. Blank nodes are compared by what surrounds them, since
//! the two parsers name them differently.

use super::tests::show;
use super::*;
use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

/// A triple as three strings; a blank node is `_:` and a label.
type Row = [String; 3];

fn ours(text: &str) -> Vec<Row> {
    let parsed = parse(text);
    assert!(parsed.errors.is_empty(), "ours: {:?}\n{text}", parsed.errors);
    parsed.triples.iter().map(|t| [show(&t.subject), format!("<{}>", t.predicate), show(&t.object)]).collect()
}

fn theirs(text: &str) -> Vec<Row> {
    let parsed: Result<Vec<oxrdf::Triple>, _> = oxttl::TurtleParser::new().for_slice(text.as_bytes()).collect();
    let triples = parsed.unwrap_or_else(|e| panic!("oxttl: {e}\n{text}"));
    let mut blanks: HashMap<String, usize> = HashMap::new();
    let mut term = |term: oxrdf::Term| match term {
        oxrdf::Term::NamedNode(n) => Term::Iri(n.into_string().into()),
        oxrdf::Term::BlankNode(b) => {
            let next = blanks.len();
            Term::Blank(*blanks.entry(b.into_string()).or_insert(next))
        }
        oxrdf::Term::Literal(l) => {
            let (value, datatype, language) = l.destruct();
            let plain = if language.is_some() { "langString" } else { "string" };
            let namespace = if language.is_some() { RDF } else { XSD };
            let datatype = datatype.map_or_else(|| format!("{namespace}{plain}"), oxrdf::NamedNode::into_string).into();
            Term::Literal(Literal { value, language, datatype })
        }
    };
    triples
        .into_iter()
        .map(|t| {
            let subject = term(t.subject.into());
            [show(&subject), format!("<{}>", t.predicate.as_str()), show(&term(t.object))]
        })
        .collect()
}

fn hash(value: impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// Blank labels replaced by a name made from the node's neighbourhood, a
/// few rounds deep (colour refinement); then sorted. Isomorphic graphs give
/// equal results.
fn canonical(rows: Vec<Row>) -> Vec<Row> {
    let is_blank = |s: &str| s.starts_with("_:");
    let mut names: BTreeMap<String, u64> = BTreeMap::new();
    for row in &rows {
        for term in [&row[0], &row[2]] {
            if is_blank(term) {
                names.insert(term.clone(), 0);
            }
        }
    }
    let show = |term: &str, names: &BTreeMap<String, u64>| match names.get(term) {
        Some(name) => format!("_:{name:x}"),
        None => term.to_owned(),
    };
    for _ in 0..6 {
        let mut around: HashMap<&str, Vec<(bool, &str, String)>> = HashMap::new();
        for [s, p, o] in &rows {
            if is_blank(s) {
                around.entry(s).or_default().push((true, p, show(o, &names)));
            }
            if is_blank(o) {
                around.entry(o).or_default().push((false, p, show(s, &names)));
            }
        }
        let next: BTreeMap<String, u64> = names
            .keys()
            .map(|b| {
                let mut edges = around.remove(b.as_str()).unwrap_or_default();
                edges.sort();
                (b.clone(), hash((names[b], edges)))
            })
            .collect();
        names = next;
    }
    let mut out: Vec<Row> = rows.iter().map(|[s, p, o]| [show(s, &names), p.clone(), show(o, &names)]).collect();
    out.sort();
    out
}

fn same_graph(text: &str) {
    let (a, b) = (canonical(ours(text)), canonical(theirs(text)));
    assert_eq!(a.len(), b.len(), "{text}\nours {a:#?}\ntheirs {b:#?}");
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y, "{text}");
    }
}

const TRICKY: &[&str] = &[
    "@prefix : <http://e/> . :s :p :o .",
    "PREFIX : <http://e/>\nprefix x: <http://x/>\nBASE <http://b/a/b/>\n<s> :p x:, <../c>, <#f>, <?q>, <//h/p>, <> .",
    "@base <http://b/x/y> . @prefix r: <rel#> . r:a <p> <./q/../r> .\n@base <z/> . <s> <p> r:b .",
    "@prefix : <http://e/> . :a.b :c\\.d :%41x\\~y:z .\n:s :p :0a , :_b , :a-b·c .",
    "@prefix e.x: <http://e/> . e.x:s e.x:p e.x:o.",
    "<http://e/s> <http://e/p> \"a\\tb\\u00E9\\U0001F600\\\"\\'\\\\\" , 'x\"y' , \"\"\"l1\n\"l2\" \"\"\" , '''q''q''' .",
    "<http://e/s> <http://e/p> \"\"\"\"\"\" , \"\" , \"x\"@en-GB , \"y\"@DE , \"1\"^^<http://www.w3.org/2001/XMLSchema#int> .",
    "<http://e/s> <http://e/p> 1, -2, +3, 4.5, -.5, 6e7, 8.E-9, 1.0e+1, true, false .",
    "<http://e/s> <http://e/p> 1.\n<http://e/s> <http://e/q> 2 .",
    "@prefix : <http://e/> . _:a :p _:b . _:b :p _:a . :s :p [ :q [ :r 1 ] ; :t [] ] . [ :q 2 ] . [] :q 3 .",
    "@prefix : <http://e/> . :s :p ( 1 ( :a [ :b 2 ] ) () \"x\" ) . ( :x ) :p () . () :p :o .",
    "@prefix : <http://e/> . :s :p :a ; ; :q :b , :c ; . :t :p [ :q :e ; ] .",
    "# only a comment\n@prefix : <http://e/> . # c\n:s #c\n :p \"#x\" ;#x\n:q <http://e/#frag> .#end",
    "<http://e/s> <http://e/\\u00e9> <urn:isbn:1> .",
    "@prefix : <http://e/> . :s a :C ; :p \"é\"@fr-CA-x-y .",
    "@base <p:é//b/a/> . <s> <p:p> <../t> .\n@base <p:é/x> . <../y> <p:q> <./ö> .",
];

#[test]
fn tricky_documents_read_as_oxttl_reads_them() {
    for text in TRICKY {
        same_graph(text);
    }
}

#[test]
fn the_skos_fixture_reads_as_oxttl_reads_it() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import-table/terms.ttl");
    same_graph(&std::fs::read_to_string(path).expect("the fixture"));
}

/// The AGLDWG data-roles vocabulary from `../shared`; skipped when it is
/// not beside the checkout unless `CI` is set.
#[test]
fn the_real_vocabulary_reads_as_oxttl_reads_it() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/agldwg-data-roles/_vocabulary.ttl");
    let Ok(text) = std::fs::read_to_string(&path) else {
        let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0");
        assert!(!ci, "CI is set but {} is missing", path.display());
        return;
    };
    assert!(ours(&text).len() > 200);
    same_graph(&text);
}

/// Documents oxttl refuses; the reader must refuse them too.
const BAD: &[&str] = &[
    "<http://e/s> <http://e/p> \"\"\"a\"\"\"\" .",
    "[] .",
    "<s> <http://e/p> 1 .",
    "@prefix : <http://e/> . :s :p :o",
    "@prefix : <http://e/> . :s :p ( .",
    "@prefix : <http://e/> . :s :p :a, .",
    "@prefix : <http://e/> . :s :p \"x\"^^\"y\" .",
    "@prefix : <http://e/> . :s :p \"\\uD800\" .",
    "@prefix : <http://e/> . :s :p <http://e/\\u0020> .",
    "@prefix : <http://e/> . :s :p :a. .",
    "@prefix : <http://e/> . :s :p _:a. .",
    "@prefix : <http://e/> . \"x\" :p :o .",
    "@prefix : <http://e/> . :s \"x\" :o .",
    "@prefix : <http://e/> . :s :p - .",
];

#[test]
fn what_oxttl_refuses_is_refused() {
    for text in BAD {
        let theirs = oxttl::TurtleParser::new().for_slice(text.as_bytes()).any(|t| t.is_err());
        assert!(theirs, "oxttl reads {text}");
        assert!(!parse(text).errors.is_empty(), "ours reads {text}");
    }
}

#[test]
fn canonical_names_tell_graphs_apart() {
    let a = canonical(ours("_:a <http://e/p> _:b . _:b <http://e/p> 1 ."));
    let b = canonical(ours("_:a <http://e/p> _:b . _:a <http://e/p> 1 ."));
    assert_ne!(a, b);
}
