//! The Turtle reader of `import --from skos`: any text reads without a
//! panic, errors come in the order of the text with positions inside it,
//! and what was read, written back as N-Triples, reads again to the same
//! triples. The SKOS import runs over the same text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolebook::import::turtle::{parse, Term, Triple};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let parsed = parse(text);
    let lines = text.split('\n').count();
    let mut last = (1, 1);
    for error in &parsed.errors {
        assert!(error.line >= 1 && error.line <= lines && error.column >= 1, "{error}");
        assert!((error.line, error.column) >= last, "errors out of order: {:?}", parsed.errors);
        last = (error.line, error.column);
    }
    for triple in &parsed.triples {
        assert!(!matches!(triple.subject, Term::Literal(_)), "a literal subject: {triple:?}");
    }
    let written: String = parsed.triples.iter().map(n_triple).collect();
    let again = parse(&written);
    assert!(again.errors.is_empty(), "{:?}\n{written}", again.errors);
    assert_eq!(numbered(&again.triples), numbered(&parsed.triples), "{written}");
    let _ = rolebook::import::skos_table::read(text);
});

fn n_triple(triple: &Triple) -> String {
    format!("{} <{}> {} .\n", term(&triple.subject), triple.predicate, term(&triple.object))
}

fn term(term: &Term) -> String {
    match term {
        Term::Iri(iri) => format!("<{iri}>"),
        Term::Blank(n) => format!("_:b{n}"),
        Term::Literal(literal) => {
            let mut out = String::from("\"");
            for c in literal.value.chars() {
                match c {
                    '"' => out.push_str("\\\""),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    c => out.push(c),
                }
            }
            out.push('"');
            match &literal.language {
                Some(tag) => format!("{out}@{tag}"),
                None => format!("{out}^^<{}>", literal.datatype),
            }
        }
    }
}

/// Blank nodes renumbered in order of first mention, so the two readings
/// compare whatever numbers each gave.
fn numbered(triples: &[Triple]) -> Vec<Triple> {
    let mut seen: Vec<usize> = Vec::new();
    let mut renumber = |term: &Term| match term {
        Term::Blank(n) => Term::Blank(seen.iter().position(|m| m == n).unwrap_or_else(|| {
            seen.push(*n);
            seen.len() - 1
        })),
        other => other.clone(),
    };
    triples
        .iter()
        .map(|t| Triple { subject: renumber(&t.subject), predicate: t.predicate.clone(), object: renumber(&t.object) })
        .collect()
}
