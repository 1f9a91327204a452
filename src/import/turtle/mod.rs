//! A Turtle 1.1 reader (W3C Recommendation, 2014): text → triples of
//! owned terms, and every syntax error with its line and column.
//!
//! It reads what `import --from skos` needs and what the grammar allows:
//! `@prefix`/`@base` and `PREFIX`/`BASE`, IRIs resolved against the base,
//! prefixed names, `a`, the four string forms with their escapes, language
//! tags and datatypes, numbers and booleans, blank nodes (`_:x`, `[ … ]`),
//! collections, and `;`/`,` lists. After an error it skips to the end of the
//! statement (the next `.`) and reads on, so one pass reports every problem.
//! Nesting of `[ … ]` and `( … )` is capped, so no input runs deep.

mod chars;
#[cfg(test)]
mod differential;
mod iri;
mod lex;
mod parse;
#[cfg(test)]
mod tests;

use std::fmt;
use std::rc::Rc;

/// `rdf:type`, what `a` stands for.
pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
/// The namespace of `rdf:first`, `rdf:rest`, `rdf:nil` and `rdf:langString`.
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
/// The namespace of the datatypes of numbers, booleans and plain strings.
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// A node of the graph. IRIs are shared: a subject or predicate repeated
/// by `;` and `,` costs one pointer per triple, not a copy.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Term {
    /// An absolute IRI.
    Iri(Rc<str>),
    /// A blank node, numbered in order of first mention; `_:x` written twice
    /// is one node, every `[ … ]` and list cell a new one.
    Blank(usize),
    /// A literal.
    Literal(Literal),
}

/// A literal: its value (escapes undone; numbers as written), and either a
/// language tag (datatype `rdf:langString`) or a datatype IRI.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Literal {
    /// The lexical value.
    pub value: String,
    /// The language tag in lower case (`en-gb`), if any.
    pub language: Option<String>,
    /// The datatype IRI (`xsd:string` when none is written).
    pub datatype: Rc<str>,
}

/// One statement of the graph. The subject is an IRI or a blank node.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Triple {
    /// What the triple is about.
    pub subject: Term,
    /// The predicate IRI.
    pub predicate: Rc<str>,
    /// The value.
    pub object: Term,
}

/// A syntax error: 1-based line and column (in characters), and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// The line, counting from 1.
    pub line: usize,
    /// The column in characters, counting from 1.
    pub column: usize,
    /// What was expected or found.
    pub message: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}: {}", self.line, self.column, self.message)
    }
}

/// What a document says: the triples of its well-formed statements, in
/// order, and an error for each statement that is not.
#[derive(Debug, Default)]
pub struct Parsed {
    /// The triples read.
    pub triples: Vec<Triple>,
    /// The errors, in the order of the text.
    pub errors: Vec<SyntaxError>,
}

/// Reads a Turtle document. Never panics; a statement with an error adds
/// the triples read before the error and nothing after it. Memory stays
/// linear in the text: prefixed names and relative IRIs may grow it (each
/// copies its namespace or base), so reading stops with an error once they
/// have added 64 times the text's size.
pub fn parse(text: &str) -> Parsed {
    parse::Parser::new(text).run()
}

/// Byte offsets → line and column. Errors come in the order of the text,
/// so the walk goes forward only and costs one pass over the text in all.
struct Locator<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    column: usize,
}

impl<'a> Locator<'a> {
    fn new(text: &'a str) -> Self {
        Locator { text, offset: 0, line: 1, column: 1 }
    }

    fn locate(&mut self, offset: usize) -> (usize, usize) {
        if offset < self.offset {
            *self = Locator::new(self.text);
        }
        let end = offset.min(self.text.len());
        let Some(span) = self.text.get(self.offset..end) else { return (self.line, self.column) };
        for c in span.chars() {
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
        self.offset = end;
        (self.line, self.column)
    }
}
