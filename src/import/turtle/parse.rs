//! Tokens → triples, by recursive descent over the Turtle grammar with one
//! token of lookahead. An error ends the statement: the parser records it
//! and skips to the next `.`.

use super::lex::{Lexer, Spanned, Token};
use super::{iri, Literal, Locator, Parsed, SyntaxError, Term, Triple, RDF, RDF_TYPE, XSD};
use std::collections::HashMap;
use std::rc::Rc;

/// How deep `[ … ]` and `( … )` may nest: real vocabularies use two or
/// three levels; the cap keeps the recursion's stack small on any input.
const MAX_DEPTH: usize = 64;

/// How many bytes per byte of text prefixes and the base may add (see
/// [`super::parse`]); plus a fixed allowance for small texts.
const GROWTH: usize = 64;
const ALLOWANCE: usize = 1 << 20;

/// A syntax error at a byte offset, before it is given a line.
struct Fail {
    offset: usize,
    message: String,
}

type Step<T> = Result<T, Fail>;

fn fail<T>(offset: usize, message: impl Into<String>) -> Step<T> {
    Err(Fail { offset, message: message.into() })
}

pub(super) struct Parser<'a> {
    lexer: Lexer<'a>,
    peeked: Option<Spanned<'a>>,
    prefixes: HashMap<&'a str, Rc<str>>,
    base: Option<Rc<str>>,
    /// Bytes that prefix expansion and base resolution added, and the cap.
    grown: usize,
    budget: usize,
    /// One copy of each fixed IRI (`rdf:first`, `xsd:integer`…).
    fixed: HashMap<String, Rc<str>>,
    blanks: HashMap<&'a str, usize>,
    next_blank: usize,
    depth: usize,
    out: Parsed,
    locator: Locator<'a>,
}

impl<'a> Parser<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Parser {
            lexer: Lexer::new(text),
            peeked: None,
            prefixes: HashMap::new(),
            base: None,
            grown: 0,
            budget: text.len().saturating_mul(GROWTH).saturating_add(ALLOWANCE),
            fixed: HashMap::new(),
            blanks: HashMap::new(),
            next_blank: 0,
            depth: 0,
            out: Parsed::default(),
            locator: Locator::new(text),
        }
    }

    pub(super) fn run(mut self) -> Parsed {
        loop {
            match self.statement() {
                Ok(true) => {}
                Ok(false) => break,
                Err(Fail { offset, message }) => {
                    let (line, column) = self.locator.locate(offset);
                    self.out.errors.push(SyntaxError { line, column, message });
                    self.depth = 0;
                    if self.grown > self.budget {
                        break;
                    }
                    self.skip_statement();
                }
            }
        }
        self.out
    }

    /// Past the next `.` (or to the end), ignoring what cannot be read.
    fn skip_statement(&mut self) {
        loop {
            let token = match self.peeked.take() {
                Some(token) => token,
                None => match self.lexer.next_token() {
                    Ok(token) => token,
                    Err(_) => continue,
                },
            };
            if matches!(token.1, Token::Punct(b'.') | Token::End) {
                return;
            }
        }
    }

    fn peek(&mut self) -> Step<&Spanned<'a>> {
        if self.peeked.is_none() {
            let token = self.lexer.next_token().map_err(|e| Fail { offset: e.offset, message: e.message })?;
            self.peeked = Some(token);
        }
        Ok(self.peeked.get_or_insert((0, Token::End)))
    }

    fn next(&mut self) -> Step<Spanned<'a>> {
        self.peek()?;
        Ok(self.peeked.take().unwrap_or((0, Token::End)))
    }

    fn peek_is(&mut self, punct: u8) -> Step<bool> {
        Ok(self.peek()?.1 == Token::Punct(punct))
    }

    fn expect(&mut self, punct: u8, what: &str) -> Step<()> {
        let (offset, token) = self.next()?;
        if token == Token::Punct(punct) {
            return Ok(());
        }
        fail(offset, format!("expected {what}, found {}", describe(&token)))
    }

    /// One directive or one statement of triples; `false` at the end.
    fn statement(&mut self) -> Step<bool> {
        let (offset, token) = self.next()?;
        match token {
            Token::End => return Ok(false),
            Token::At("prefix") => {
                self.prefix()?;
                self.expect(b'.', "'.' after @prefix")?;
            }
            Token::At("base") => {
                self.base()?;
                self.expect(b'.', "'.' after @base")?;
            }
            Token::Word(w) if w.eq_ignore_ascii_case("prefix") => self.prefix()?,
            Token::Word(w) if w.eq_ignore_ascii_case("base") => self.base()?,
            // `[ p o ] .` may stand alone; `[] p o .` may not.
            Token::Punct(b'[') if !self.peek_is(b']')? => {
                let subject = self.property_list(offset)?;
                if !self.peek_is(b'.')? {
                    self.predicate_objects(&subject)?;
                }
                self.expect(b'.', "'.' at the end of the statement")?;
            }
            token => {
                let subject = self.subject(offset, token)?;
                self.predicate_objects(&subject)?;
                self.expect(b'.', "'.' at the end of the statement")?;
            }
        }
        Ok(true)
    }

    fn prefix(&mut self) -> Step<()> {
        let (offset, token) = self.next()?;
        let Token::Prefixed { prefix, local } = token else {
            return fail(offset, format!("expected a prefix like 'ex:', found {}", describe(&token)));
        };
        if !local.is_empty() {
            return fail(offset, format!("expected a prefix like 'ex:', found '{prefix}:{local}'"));
        }
        let (offset, token) = self.next()?;
        let Token::Iri(written) = token else {
            return fail(offset, format!("expected the prefix's <IRI>, found {}", describe(&token)));
        };
        let iri = self.resolve(offset, &written)?;
        self.prefixes.insert(prefix, iri);
        Ok(())
    }

    fn base(&mut self) -> Step<()> {
        let (offset, token) = self.next()?;
        let Token::Iri(written) = token else {
            return fail(offset, format!("expected the base <IRI>, found {}", describe(&token)));
        };
        self.base = Some(self.resolve(offset, &written)?);
        Ok(())
    }

    /// Counts bytes that did not come from the text; fails past the budget.
    fn grow(&mut self, offset: usize, bytes: usize) -> Step<()> {
        self.grown = self.grown.saturating_add(bytes);
        if self.grown > self.budget {
            return fail(offset, "prefixes and the base expand to more than 64 times the text: reading stops");
        }
        Ok(())
    }

    /// An IRI as written, resolved against the base.
    fn resolve(&mut self, offset: usize, written: &str) -> Step<Rc<str>> {
        match self.base.clone() {
            Some(base) => {
                self.grow(offset, base.len())?;
                Ok(iri::resolve(&base, written).into())
            }
            None if iri::is_absolute(written) => Ok(written.into()),
            None => fail(offset, format!("relative IRI <{written}> without a base")),
        }
    }

    /// The IRI of `<…>` or `prefix:local`, if the token is one.
    fn iri_of(&mut self, offset: usize, token: &Token<'a>) -> Step<Option<Rc<str>>> {
        match token {
            Token::Iri(written) => self.resolve(offset, written).map(Some),
            Token::Prefixed { prefix, local } => {
                let Some(namespace) = self.prefixes.get(prefix).cloned() else {
                    return fail(offset, format!("undefined prefix '{prefix}:'"));
                };
                if local.is_empty() {
                    return Ok(Some(namespace));
                }
                self.grow(offset, namespace.len())?;
                Ok(Some(format!("{namespace}{local}").into()))
            }
            _ => Ok(None),
        }
    }

    /// A fixed IRI, namespace and name, shared by every triple that uses it.
    fn fixed(&mut self, namespace: &str, name: &str) -> Rc<str> {
        let iri = format!("{namespace}{name}");
        self.fixed.entry(iri).or_insert_with_key(|iri| iri.as_str().into()).clone()
    }

    fn blank(&mut self, label: &'a str) -> Term {
        let next = self.next_blank;
        let id = *self.blanks.entry(label).or_insert(next);
        if id == next {
            self.next_blank += 1;
        }
        Term::Blank(id)
    }

    fn fresh(&mut self) -> Term {
        self.next_blank += 1;
        Term::Blank(self.next_blank - 1)
    }

    fn emit(&mut self, subject: &Term, predicate: &Rc<str>, object: Term) {
        self.out.triples.push(Triple { subject: subject.clone(), predicate: predicate.clone(), object });
    }

    fn subject(&mut self, offset: usize, token: Token<'a>) -> Step<Term> {
        if let Some(iri) = self.iri_of(offset, &token)? {
            return Ok(Term::Iri(iri));
        }
        match token {
            Token::Blank(label) => Ok(self.blank(label)),
            Token::Punct(b'(') => self.collection(offset),
            Token::Punct(b'[') => self.property_list(offset),
            token => fail(offset, format!("expected a subject, found {}", describe(&token))),
        }
    }

    /// `verb objects (; verb objects)*`, a trailing `;` allowed.
    fn predicate_objects(&mut self, subject: &Term) -> Step<()> {
        loop {
            let (offset, token) = self.next()?;
            let predicate = match token {
                Token::Word("a") => self.fixed(RDF_TYPE, ""),
                token => match self.iri_of(offset, &token)? {
                    Some(iri) => iri,
                    None => return fail(offset, format!("expected a predicate, found {}", describe(&token))),
                },
            };
            loop {
                let object = self.object()?;
                self.emit(subject, &predicate, object);
                if !self.peek_is(b',')? {
                    break;
                }
                self.next()?;
            }
            let mut more = false;
            while self.peek_is(b';')? {
                self.next()?;
                more = true;
            }
            if !more || matches!(self.peek()?.1, Token::Punct(b'.' | b']') | Token::End) {
                return Ok(());
            }
        }
    }

    fn object(&mut self) -> Step<Term> {
        let (offset, token) = self.next()?;
        if let Some(iri) = self.iri_of(offset, &token)? {
            return Ok(Term::Iri(iri));
        }
        match token {
            Token::Blank(label) => Ok(self.blank(label)),
            Token::Punct(b'[') => self.property_list(offset),
            Token::Punct(b'(') => self.collection(offset),
            Token::String(value) => self.literal(value).map(Term::Literal),
            Token::Number(value, kind) => Ok(self.typed(value, kind)),
            Token::Word(word @ ("true" | "false")) => Ok(self.typed(word, "boolean")),
            token => fail(offset, format!("expected an object, found {}", describe(&token))),
        }
    }

    /// A number or boolean: its text and XSD type.
    fn typed(&mut self, value: &str, kind: &str) -> Term {
        Term::Literal(Literal { value: value.to_owned(), language: None, datatype: self.fixed(XSD, kind) })
    }

    /// After a string: `@lang`, `^^datatype` or nothing.
    fn literal(&mut self, value: String) -> Step<Literal> {
        let (offset, token) = self.peek()?;
        let (offset, tag, carets) = match token {
            Token::At(tag) => (*offset, Some(*tag), false),
            token => (*offset, None, *token == Token::Carets),
        };
        if let Some(tag) = tag {
            self.next()?;
            // Tags compare without case (BCP 47); lower case is the usual form.
            let language = Some(tag.to_ascii_lowercase());
            return Ok(Literal { value, language, datatype: self.fixed(RDF, "langString") });
        }
        if !carets {
            return Ok(Literal { value, language: None, datatype: self.fixed(XSD, "string") });
        }
        self.next()?;
        let (at, token) = self.next()?;
        match self.iri_of(at, &token)? {
            Some(datatype) => Ok(Literal { value, language: None, datatype }),
            None => fail(offset, format!("expected a datatype IRI after '^^', found {}", describe(&token))),
        }
    }

    fn enter(&mut self, offset: usize) -> Step<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return fail(offset, format!("'[' and '(' nested more than {MAX_DEPTH} deep"));
        }
        Ok(())
    }

    /// After `[`: `]` alone is a fresh node; else the node's properties.
    fn property_list(&mut self, offset: usize) -> Step<Term> {
        let node = self.fresh();
        if self.peek_is(b']')? {
            self.next()?;
            return Ok(node);
        }
        self.enter(offset)?;
        self.predicate_objects(&node)?;
        self.expect(b']', "']'")?;
        self.depth -= 1;
        Ok(node)
    }

    /// After `(`: the items as an `rdf:first`/`rdf:rest` chain; `()` is `rdf:nil`.
    fn collection(&mut self, offset: usize) -> Step<Term> {
        self.enter(offset)?;
        let nil = Term::Iri(self.fixed(RDF, "nil"));
        let (first, rest) = (self.fixed(RDF, "first"), self.fixed(RDF, "rest"));
        let mut head = None;
        let mut last: Option<Term> = None;
        while !self.peek_is(b')')? {
            if matches!(self.peek()?.1, Token::End | Token::Punct(b'.')) {
                let (at, token) = self.next()?;
                return fail(at, format!("expected ')', found {}", describe(&token)));
            }
            let item = self.object()?;
            let cell = self.fresh();
            match &last {
                Some(previous) => self.emit(previous, &rest, cell.clone()),
                None => head = Some(cell.clone()),
            }
            self.emit(&cell, &first, item);
            last = Some(cell);
        }
        self.next()?;
        if let Some(previous) = &last {
            self.emit(previous, &rest, nil.clone());
        }
        self.depth -= 1;
        Ok(head.unwrap_or(nil))
    }
}

/// A token as an error message names it.
fn describe(token: &Token<'_>) -> String {
    match token {
        Token::Iri(iri) => format!("<{iri}>"),
        Token::Prefixed { prefix, local } => format!("'{prefix}:{local}'"),
        Token::Blank(label) => format!("'_:{label}'"),
        Token::At(word) => format!("'@{word}'"),
        Token::String(_) => "a string".to_owned(),
        Token::Number(number, _) => format!("the number {number}"),
        Token::Word(word) => format!("'{word}'"),
        Token::Punct(p) => format!("'{}'", char::from(*p)),
        Token::Carets => "'^^'".to_owned(),
        Token::End => "the end of the text".to_owned(),
    }
}
