//! Each piece of the grammar, error recovery, and the limits.

use super::*;

/// A term the way N-Triples writes it (blank nodes as `_:bN`).
pub(super) fn show(term: &Term) -> String {
    match term {
        Term::Iri(iri) => format!("<{iri}>"),
        Term::Blank(n) => format!("_:b{n}"),
        Term::Literal(Literal { value, language: Some(tag), .. }) => format!("{value:?}@{tag}"),
        Term::Literal(Literal { value, datatype, .. }) if **datatype == *format!("{XSD}string") => format!("{value:?}"),
        Term::Literal(Literal { value, datatype, .. }) => format!("{value:?}^^<{datatype}>"),
    }
}

/// The triples of a document that must parse, one line each.
fn lines(text: &str) -> Vec<String> {
    let parsed = parse(text);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    lines_of(&parsed.triples)
}

/// The one object of a one-triple document.
fn object(text: &str) -> String {
    let found = lines(&format!("@prefix : <http://e/> .\n@prefix xsd: <{XSD}> .\n:s :p {text} ."));
    assert_eq!(found.len(), 1, "{found:?}");
    found[0].trim_start_matches("<http://e/s> <http://e/p> ").to_owned()
}

fn errors(text: &str) -> Vec<String> {
    parse(text).errors.iter().map(ToString::to_string).collect()
}

#[test]
fn prefixes_and_bases_both_ways() {
    let text = "@prefix ex: <http://e/> .\nPREFIX b: <http://b/>\nprefix : <http://d/>\n\
                @base <http://base/dir/> .\n<s> ex:p b:o .\nBASE <sub/>\n<s> : <../up> .\n";
    assert_eq!(
        lines(text),
        ["<http://base/dir/s> <http://e/p> <http://b/o>", "<http://base/dir/sub/s> <http://d/> <http://base/dir/up>"]
    );
}

#[test]
fn prefixes_can_be_redefined_and_are_resolved_against_the_base() {
    let text = "@base <http://h/a/> .\n@prefix p: <x/> .\np:s p:p p:o .\n@prefix p: <http://other/> .\np:s p:p p:o .";
    assert_eq!(
        lines(text),
        ["<http://h/a/x/s> <http://h/a/x/p> <http://h/a/x/o>", "<http://other/s> <http://other/p> <http://other/o>"]
    );
}

#[test]
fn iri_escapes() {
    assert_eq!(object("<http://e/\\u00E9t\\U0001F600>"), "<http://e/ét😀>");
    assert_eq!(errors("<http://e/\\u0020> <http://e/p> 1 .").len(), 1);
    assert_eq!(errors("<http://e/\\n> <http://e/p> 1 .").len(), 1);
}

#[test]
fn local_names() {
    assert_eq!(object(":a.b"), "<http://e/a.b>");
    assert_eq!(object(":a\\.b\\~c\\-d"), "<http://e/a.b~c-d>");
    assert_eq!(object(":%20x:y"), "<http://e/%20x:y>");
    assert_eq!(object(":0-9_·x"), "<http://e/0-9_·x>");
    assert_eq!(object(":"), "<http://e/>");
    assert_eq!(object(":end\\."), "<http://e/end.>");
    assert_eq!(lines("@prefix e.x: <http://e/> . e.x:s e.x:p e.x:o."), ["<http://e/s> <http://e/p> <http://e/o>"]);
    assert_eq!(errors("@prefix : <http://e/> . :s :p :a%2 .").len(), 1);
    assert_eq!(errors("@prefix : <http://e/> . :s :p :a\\q .").len(), 1);
}

#[test]
fn the_keyword_a() {
    assert_eq!(lines("<http://e/s> a <http://e/C> ."), [format!("<http://e/s> <{RDF_TYPE}> <http://e/C>")]);
    assert_eq!(errors("<http://e/s> <http://e/p> a .").len(), 1);
}

#[test]
fn strings_in_four_forms() {
    assert_eq!(object("\"a 'b'\""), "\"a 'b'\"");
    assert_eq!(object("'a \"b\"'"), "\"a \\\"b\\\"\"");
    assert_eq!(object("\"\"\"one\n\"two\" \"\"three\"\"\""), "\"one\\n\\\"two\\\" \\\"\\\"three\"");
    assert_eq!(object("'''x''y'''"), "\"x''y\"");
    assert_eq!(object("\"\""), "\"\"");
    assert_eq!(object("\"\"\"\"\"\""), "\"\"");
}

#[test]
fn string_escapes() {
    assert_eq!(object(r#""\t\b\n\r\f\"\'\\""#), format!("{:?}", "\t\u{8}\n\r\u{c}\"'\\"));
    assert_eq!(object(r#""\u00e9\U0001F600""#), "\"é😀\"");
    assert_eq!(errors(r#"<http://e/s> <http://e/p> "\q" ."#).len(), 1);
    assert_eq!(errors(r#"<http://e/s> <http://e/p> "\uD800" ."#).len(), 1);
    assert_eq!(errors(r#"<http://e/s> <http://e/p> "\u12" ."#).len(), 1);
}

#[test]
fn language_tags_and_datatypes() {
    assert_eq!(object("\"x\"@en-GB"), "\"x\"@en-gb");
    assert_eq!(object("\"1\"^^xsd:int"), format!("\"1\"^^<{XSD}int>"));
    assert_eq!(object("\"1\"^^<http://t/>"), "\"1\"^^<http://t/>");
    assert_eq!(errors("<http://e/s> <http://e/p> \"x\"^^\"y\" .").len(), 1);
}

#[test]
fn numbers_and_booleans() {
    let typed = |value: &str, kind: &str| format!("{value:?}^^<{XSD}{kind}>");
    assert_eq!(object("42"), typed("42", "integer"));
    assert_eq!(object("-7"), typed("-7", "integer"));
    assert_eq!(object("+1.5"), typed("+1.5", "decimal"));
    assert_eq!(object(".5"), typed(".5", "decimal"));
    assert_eq!(object("1e9"), typed("1e9", "double"));
    assert_eq!(object("1.E-3"), typed("1.E-3", "double"));
    assert_eq!(object("true"), typed("true", "boolean"));
    assert_eq!(object("false"), typed("false", "boolean"));
    assert_eq!(lines("<http://e/s> <http://e/p> 1."), [format!("<http://e/s> <http://e/p> {}", typed("1", "integer"))]);
    assert_eq!(errors("<http://e/s> <http://e/p> - .").len(), 1);
}

#[test]
fn blank_nodes() {
    let text = "@prefix : <http://e/> .\n_:x :p _:y .\n_:y :p _:x .\n:s :p [ :q 1 ; :r [] ] .\n[ :q 2 ] .\n[] :q 3 .";
    let found = lines(text);
    assert_eq!(found[..2], ["_:b0 <http://e/p> _:b1", "_:b1 <http://e/p> _:b0"]);
    assert!(found.contains(&"_:b2 <http://e/r> _:b3".to_owned()), "{found:?}");
    assert!(found.contains(&"<http://e/s> <http://e/p> _:b2".to_owned()), "{found:?}");
    assert_eq!(found.len(), 7);
    assert_eq!(errors("[] .").len(), 1);
}

#[test]
fn collections() {
    let found = lines("@prefix : <http://e/> .\n:s :p ( 1 :a ( ) ) .\n( :x ) :p () .");
    let first = format!("<{RDF}first>");
    let rest = format!("<{RDF}rest>");
    let nil = format!("<{RDF}nil>");
    assert_eq!(
        found,
        [
            format!("_:b0 {first} \"1\"^^<{XSD}integer>"),
            format!("_:b0 {rest} _:b1"),
            format!("_:b1 {first} <http://e/a>"),
            format!("_:b1 {rest} _:b2"),
            format!("_:b2 {first} {nil}"),
            format!("_:b2 {rest} {nil}"),
            "<http://e/s> <http://e/p> _:b0".to_owned(),
            format!("_:b3 {first} <http://e/x>"),
            format!("_:b3 {rest} {nil}"),
            format!("_:b3 <http://e/p> {nil}"),
        ]
    );
}

#[test]
fn lists_with_semicolons_and_commas() {
    let found = lines("@prefix : <http://e/> .\n:s :p :a, :b ; :q :c ;; ; :r :d ; .\n:t :p [ :q :e ; ] .");
    assert_eq!(found.len(), 6, "{found:?}");
    assert_eq!(errors("@prefix : <http://e/> .\n:s :p :a , .").len(), 1);
    assert_eq!(errors("@prefix : <http://e/> .\n:s ; :p :a .").len(), 1);
}

#[test]
fn comments_and_whitespace() {
    let text = "# head\n@prefix : <http://e/> . # after\n:s # in\n :p \"#not\" ;#x\n\t:q <http://e/#frag> .#end";
    assert_eq!(lines(text), ["<http://e/s> <http://e/p> \"#not\"", "<http://e/s> <http://e/q> <http://e/#frag>"]);
    assert!(lines("\u{FEFF}").is_empty());
    assert!(lines("").is_empty());
}

#[test]
fn errors_name_line_and_column_and_reading_goes_on() {
    let text = "@prefix : <http://e/> .\n:a :p :b .\n:c :p \"open\n:d :p :e .\n:f :p nope:x .\n:g :p :h .\n:i :p é .\n";
    let parsed = parse(text);
    let found: Vec<String> = parsed.errors.iter().map(ToString::to_string).collect();
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(found[0].starts_with("line 3, column 12: line end in a string"), "{found:?}");
    assert!(found[1].starts_with("line 5, column 7: undefined prefix 'nope:'"), "{found:?}");
    assert!(found[2].starts_with("line 7, column 7:"), "{found:?}");
    let subjects: Vec<String> = parsed.triples.iter().map(|t| show(&t.subject)).collect();
    assert_eq!(subjects, ["<http://e/a>", "<http://e/g>"]);
}

#[test]
fn a_missing_dot_costs_only_the_statement_it_runs_into() {
    let parsed = parse("@prefix : <http://e/> .\n:a :p :b\n:c :p :d .\n:e :p :f .");
    assert_eq!(parsed.errors.len(), 1);
    assert_eq!((parsed.errors[0].line, parsed.errors[0].column), (3, 1));
    assert_eq!(parsed.triples.len(), 2, "{:?}", parsed.triples);
}

#[test]
fn relative_iris_need_a_base() {
    assert_eq!(errors("<a> <http://e/p> <http://e/o> .").len(), 1);
    assert_eq!(errors("@prefix : <rel/> .").len(), 1);
}

#[test]
fn directives_need_their_parts() {
    for text in [
        "@prefix ex <http://e/> .",
        "@prefix ex: .",
        "@prefix ex:a <http://e/> .",
        "@base \"x\" .",
        "@prefix : <http://e/>",
    ] {
        assert_eq!(errors(text).len(), 1, "{text}");
    }
    assert_eq!(errors("@unknown <http://e/> .").len(), 1);
}

#[test]
fn unclosed_things_at_the_end() {
    for text in
        ["<http://e/s> <http://e/p> \"\"\"never", "<http://e/s", "<http://e/s> <http://e/p> ( 1 2", "[ <http://e/p> 1"]
    {
        assert_eq!(errors(text).len(), 1, "{text}");
    }
}

#[test]
fn nesting_is_capped() {
    let deep = format!("<http://e/s> <http://e/p> {}1{} .", "(".repeat(10_000), ")".repeat(10_000));
    let found = errors(&deep);
    assert_eq!(found.len(), 1);
    assert!(found[0].contains("nested"), "{found:?}");
    let fine = format!("<http://e/s> <http://e/p> {}1 {} .", "[ <http://e/p> ".repeat(60), "]".repeat(60));
    assert!(errors(&fine).is_empty());
}

#[test]
fn many_errors_on_one_line_stay_linear() {
    let text = "x . ".repeat(100_000);
    let parsed = parse(&text);
    assert_eq!(parsed.errors.len(), 100_000);
    assert_eq!(parsed.errors[99_999].column, 4 * 99_999 + 1);
}

/// A triple as N-Triples, literals always with their datatype or tag.
fn n_triple(t: &Triple) -> String {
    let term = |term: &Term| match term {
        Term::Literal(Literal { value, language, datatype }) => {
            let quoted = value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n").replace('\r', "\\r");
            match language {
                Some(tag) => format!("\"{quoted}\"@{tag}"),
                None => format!("\"{quoted}\"^^<{datatype}>"),
            }
        }
        other => show(other),
    };
    format!("{} <{}> {} .\n", term(&t.subject), t.predicate, term(&t.object))
}

/// Random texts from grammar pieces: no panic, errors in text order, and
/// what was read, written as N-Triples, reads back to the same triples
/// (blank nodes are numbered by first mention in both).
#[test]
fn random_texts_read_without_panic_and_round_trip() {
    // `|` separates the pieces.
    let pieces: Vec<&str> = concat!(
        "<|>|<http://e/x>|\"|'|\"\"\"|\\|\\u00e9|@|@en|^^|:|p:|_:|[|]|(|)|.|;|,|#|\n|é|1|e|a|-|%| |",
        "@prefix p: <http://p/> .|BASE <http://b/>|<http://e/s> <http://e/p> |p:a p:b |\"x\" |[ a 1 ] | . "
    )
    .split('|')
    .collect();
    let mut read = 0;
    let mut seed: u32 = 1;
    for _ in 0..5000 {
        let mut text = String::new();
        for _ in 0..16 {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            text.push_str(pieces[(seed >> 16) as usize % pieces.len()]);
        }
        let parsed = parse(&text);
        let places: Vec<(usize, usize)> = parsed.errors.iter().map(|e| (e.line, e.column)).collect();
        assert!(places.windows(2).all(|w| w[0] <= w[1]), "{text:?}: {places:?}");
        let written: String = parsed.triples.iter().map(n_triple).collect();
        read += parsed.triples.len();
        let again = parse(&written);
        assert!(again.errors.is_empty(), "{text:?}: {:?}", again.errors);
        assert_eq!(renumbered(&again.triples), renumbered(&parsed.triples), "{text:?}");
    }
    assert!(read > 300, "only {read} triples: the pieces rarely make a statement");
}

/// Blank nodes numbered by first mention in the list.
fn renumbered(triples: &[Triple]) -> Vec<String> {
    let mut seen: Vec<usize> = Vec::new();
    let mut term = |term: &Term| match term {
        Term::Blank(n) => {
            let at = seen.iter().position(|m| m == n).unwrap_or_else(|| {
                seen.push(*n);
                seen.len() - 1
            });
            show(&Term::Blank(at))
        }
        other => show(other),
    };
    triples.iter().map(|t| format!("{} <{}> {}", term(&t.subject), t.predicate, term(&t.object))).collect()
}

fn lines_of(triples: &[Triple]) -> Vec<String> {
    triples.iter().map(|t| format!("{} <{}> {}", show(&t.subject), t.predicate, show(&t.object))).collect()
}

#[test]
fn a_repeated_subject_and_predicate_are_shared_not_copied() {
    let text = format!("<http://e/{}> <http://e/p> {}1 .", "s".repeat(100_000), "1, ".repeat(10_000));
    let parsed = parse(&text);
    assert_eq!(parsed.triples.len(), 10_001);
    let (first, last) = (&parsed.triples[0], &parsed.triples[10_000]);
    let (Term::Iri(a), Term::Iri(b)) = (&first.subject, &last.subject) else { panic!("{first:?}") };
    assert!(std::rc::Rc::ptr_eq(a, b) && std::rc::Rc::ptr_eq(&first.predicate, &last.predicate));
}

#[test]
fn prefix_expansion_past_the_budget_stops_reading() {
    let namespace = "n".repeat(100_000);
    let objects = "p:a, ".repeat(2_000);
    let text = format!(
        "@prefix p: <http://e/{namespace}> .\n<http://e/s> <http://e/p> {objects}p:a .\n<http://e/s> <http://e/p> 1 ."
    );
    let parsed = parse(&text);
    assert_eq!(parsed.errors.len(), 1, "{:?}", parsed.errors);
    assert!(parsed.errors[0].message.contains("64 times"), "{:?}", parsed.errors);
    assert!(parsed.triples.len() < 100, "{}", parsed.triples.len());
    let fine =
        format!("@prefix p: <http://e/{namespace}> .\n<http://e/s> <http://e/p> {} .", "p:a, ".repeat(20) + "p:a");
    assert!(parse(&fine).errors.is_empty());
}
