//! Turtle text → tokens. Escapes are undone here (strings, IRIs, local
//! names), so the parser sees values. A bad token is an error at its
//! offset; the lexer has then moved past it, so the caller can go on.

use super::chars::{is_bad_in_iri, is_base, is_base_u, is_local_escape, is_name};

/// One token and where it starts (a byte offset).
pub(super) type Spanned<'a> = (usize, Token<'a>);

#[derive(Debug, PartialEq)]
pub(super) enum Token<'a> {
    /// `<…>`, escapes undone, not yet resolved against the base.
    Iri(String),
    /// `prefix:local`; the local name is empty in `prefix:` (`PNAME_NS`).
    Prefixed { prefix: &'a str, local: String },
    /// `_:label`, the label.
    Blank(&'a str),
    /// `@word`: `@prefix`, `@base` or a language tag, without the `@`.
    At(&'a str),
    /// A quoted string in any of its four forms, escapes undone.
    String(String),
    /// A number as written, and its XSD type (`integer`, `decimal`, `double`).
    Number(&'a str, &'static str),
    /// A bare word: `a`, `true`, `false`, `PREFIX`, `BASE` (or a mistake).
    Word(&'a str),
    /// One of `. ; , [ ] ( )`.
    Punct(u8),
    /// `^^`.
    Carets,
    /// The end of the text.
    End,
}

/// A token that could not be read, at a byte offset.
#[derive(Debug)]
pub(super) struct LexError {
    pub(super) offset: usize,
    pub(super) message: String,
}

pub(super) struct Lexer<'a> {
    text: &'a str,
    pos: usize,
}

type Lexed<T> = Result<T, LexError>;

impl<'a> Lexer<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        let pos = if text.starts_with('\u{FEFF}') { '\u{FEFF}'.len_utf8() } else { 0 };
        Lexer { text, pos }
    }

    fn peek_char(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn peek_at(&self, ahead: usize) -> Option<u8> {
        self.text.as_bytes().get(self.pos + ahead).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek_char()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn fail<T>(&self, offset: usize, message: impl Into<String>) -> Lexed<T> {
        Err(LexError { offset, message: message.into() })
    }

    fn skip_space(&mut self) {
        while let Some(&b) = self.text.as_bytes().get(self.pos) {
            match b {
                b' ' | b'\t' | b'\r' | b'\n' => self.pos += 1,
                b'#' => {
                    let rest = &self.text.as_bytes()[self.pos..];
                    self.pos += memchr::memchr2(b'\n', b'\r', rest).unwrap_or(rest.len());
                }
                _ => break,
            }
        }
    }

    /// The next token; after an error the lexer stands past the bad text.
    pub(super) fn next_token(&mut self) -> Lexed<Spanned<'a>> {
        self.skip_space();
        let start = self.pos;
        let Some(c) = self.peek_char() else { return Ok((start, Token::End)) };
        let token = match c {
            '<' => self.iri()?,
            '"' | '\'' => self.string(c)?,
            '_' if self.peek_at(1) == Some(b':') => self.blank()?,
            '@' => self.at()?,
            '^' if self.peek_at(1) == Some(b'^') => {
                self.pos += 2;
                Token::Carets
            }
            '+' | '-' | '0'..='9' => self.number()?,
            '.' if self.peek_at(1).is_some_and(|b| b.is_ascii_digit()) => self.number()?,
            '.' | ';' | ',' | '[' | ']' | '(' | ')' => {
                self.pos += 1;
                Token::Punct(c as u8)
            }
            ':' => self.prefixed(start)?,
            c if is_base(c) => self.word()?,
            c => {
                self.pos += c.len_utf8();
                return self.fail(start, format!("unexpected {c:?}"));
            }
        };
        Ok((start, token))
    }

    /// `<…>`. A space, line end or the end of the text before `>` means it
    /// was never closed; the lexer then stops there.
    fn iri(&mut self) -> Lexed<Token<'a>> {
        let start = self.pos;
        self.pos += 1;
        let mut iri = String::new();
        let mut bad = None;
        loop {
            let here = self.pos;
            match self.peek_char() {
                None | Some(' ' | '\t' | '\r' | '\n') => return self.fail(start, "IRI not closed with '>'"),
                Some('>') => {
                    self.pos += 1;
                    break;
                }
                Some('\\') => {
                    self.pos += 1;
                    match self.escape(false) {
                        Ok(c) if is_bad_in_iri(c) => bad = bad.or(Some((here, format!("{c:?} in an IRI")))),
                        Ok(c) => iri.push(c),
                        Err(e) => bad = bad.or(Some((e.offset, e.message))),
                    }
                }
                Some(c) => {
                    self.pos += c.len_utf8();
                    if is_bad_in_iri(c) {
                        bad = bad.or(Some((here, format!("{c:?} in an IRI"))));
                    }
                    iri.push(c);
                }
            }
        }
        match bad {
            Some((offset, message)) => self.fail(offset, message),
            None => Ok(Token::Iri(iri)),
        }
    }

    /// After a `\`: `\uXXXX`, `\UXXXXXXXX`, and in strings (not IRIs) the
    /// `ECHAR`s `\t \b \n \r \f \" \' \\`.
    fn escape(&mut self, in_string: bool) -> Lexed<char> {
        let at = self.pos - 1;
        let digits = match self.bump() {
            Some('u') => 4,
            Some('U') => 8,
            Some(c) if in_string => {
                return match c {
                    't' => Ok('\t'),
                    'b' => Ok('\u{8}'),
                    'n' => Ok('\n'),
                    'r' => Ok('\r'),
                    'f' => Ok('\u{C}'),
                    '"' | '\'' | '\\' => Ok(c),
                    _ => self.fail(at, format!("unknown escape \\{c}")),
                };
            }
            Some(c) => return self.fail(at, format!("unknown escape \\{c}")),
            None => return self.fail(at, "a '\\' at the end"),
        };
        let hex = self.text.get(self.pos..self.pos + digits).filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
        let Some(hex) = hex else { return self.fail(at, format!("\\u or \\U needs {digits} hex digits")) };
        self.pos += digits;
        let code = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
        code.map_or_else(|| self.fail(at, format!("\\{hex} is not a character")), Ok)
    }

    /// `"…"`, `'…'`, `"""…"""` or `'''…'''`. A bad escape does not stop the
    /// string: it is read to its end, so the next token starts after it.
    fn string(&mut self, quote: char) -> Lexed<Token<'a>> {
        let start = self.pos;
        let q = quote as u8;
        let long = self.peek_at(1) == Some(q) && self.peek_at(2) == Some(q);
        self.pos += if long { 3 } else { 1 };
        let mut value = String::new();
        let mut bad: Option<LexError> = None;
        loop {
            let here = self.pos;
            match self.peek_char() {
                None => return self.fail(start, "string not closed"),
                Some(c) if c == quote && (!long || (self.peek_at(1) == Some(q) && self.peek_at(2) == Some(q))) => {
                    self.pos += if long { 3 } else { 1 };
                    break;
                }
                Some('\n' | '\r') if !long => {
                    return self.fail(here, "line end in a string (use \"\"\" for several lines)")
                }
                Some('\\') => {
                    self.pos += 1;
                    match self.escape(true) {
                        Ok(c) => value.push(c),
                        Err(e) => bad = bad.or(Some(e)),
                    }
                }
                Some(c) => {
                    self.pos += c.len_utf8();
                    value.push(c);
                }
            }
        }
        match bad {
            Some(e) => Err(e),
            None => Ok(Token::String(value)),
        }
    }

    /// `_:label`: a name character or digit, then name characters and dots,
    /// not ending with a dot.
    fn blank(&mut self) -> Lexed<Token<'a>> {
        let start = self.pos + 2;
        self.pos = start;
        match self.peek_char() {
            Some(c) if is_base_u(c) || c.is_ascii_digit() => self.pos += c.len_utf8(),
            _ => return self.fail(start - 2, "a blank node label after '_:'"),
        }
        self.name_tail();
        Ok(Token::Blank(&self.text[start..self.pos]))
    }

    /// Name characters and dots, then back to the last character that is
    /// not a dot (a name never ends with one: that dot ends the statement).
    fn name_tail(&mut self) {
        let mut end = self.pos;
        while let Some(c) = self.peek_char().filter(|&c| is_name(c) || c == '.') {
            self.pos += c.len_utf8();
            if c != '.' {
                end = self.pos;
            }
        }
        self.pos = end;
    }

    /// `@prefix`, `@base` or a language tag `@en-GB`.
    fn at(&mut self) -> Lexed<Token<'a>> {
        let start = self.pos + 1;
        self.pos = start;
        let letters = |s: &Self| s.text.as_bytes()[s.pos..].iter().take_while(|b| b.is_ascii_alphabetic()).count();
        let first = letters(self);
        if first == 0 {
            return self.fail(start - 1, "a language tag or 'prefix' or 'base' after '@'");
        }
        self.pos += first;
        while self.peek_at(0) == Some(b'-') && self.peek_at(1).is_some_and(|b| b.is_ascii_alphanumeric()) {
            self.pos += 1;
            self.pos += self.text.as_bytes()[self.pos..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
        }
        Ok(Token::At(&self.text[start..self.pos]))
    }

    /// `INTEGER`, `DECIMAL` or `DOUBLE`, with an optional sign.
    fn number(&mut self) -> Lexed<Token<'a>> {
        let start = self.pos;
        if matches!(self.peek_at(0), Some(b'+' | b'-')) {
            self.pos += 1;
        }
        let digits = |s: &mut Self| {
            let n = s.text.as_bytes()[s.pos..].iter().take_while(|b| b.is_ascii_digit()).count();
            s.pos += n;
            n
        };
        let whole = digits(self);
        let mut kind = "integer";
        let dot_digit = self.peek_at(1).is_some_and(|b| b.is_ascii_digit());
        let dot_exponent = whole > 0 && self.exponent_at(1);
        if self.peek_at(0) == Some(b'.') && (dot_digit || dot_exponent) {
            self.pos += 1;
            digits(self);
            kind = "decimal";
        } else if whole == 0 {
            self.pos = start + 1;
            return self.fail(start, "a number after the sign");
        }
        if self.exponent_at(0) {
            self.pos += 1;
            if matches!(self.peek_at(0), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            digits(self);
            kind = "double";
        }
        Ok(Token::Number(&self.text[start..self.pos], kind))
    }

    /// Whether an exponent (`e`, optional sign, digits) starts `ahead` bytes on.
    fn exponent_at(&self, ahead: usize) -> bool {
        let is_e = matches!(self.peek_at(ahead), Some(b'e' | b'E'));
        let sign = usize::from(matches!(self.peek_at(ahead + 1), Some(b'+' | b'-')));
        is_e && self.peek_at(ahead + 1 + sign).is_some_and(|b| b.is_ascii_digit())
    }

    /// A word: a prefix if a colon follows, else a keyword.
    fn word(&mut self) -> Lexed<Token<'a>> {
        let start = self.pos;
        self.pos += self.peek_char().map_or(0, char::len_utf8);
        self.name_tail();
        if self.peek_at(0) == Some(b':') {
            return self.prefixed(start);
        }
        Ok(Token::Word(&self.text[start..self.pos]))
    }

    /// From the colon of `prefix:local` (the prefix is `start..colon`): the
    /// local name, `%XX` kept as written, `\` escapes undone.
    fn prefixed(&mut self, start: usize) -> Lexed<Token<'a>> {
        let prefix = &self.text[start..self.pos];
        self.pos += 1;
        let mut local = String::new();
        let (mut end, mut kept) = (self.pos, 0);
        let mut first = true;
        while let Some(c) = self.peek_char() {
            let allowed = if first { is_base_u(c) || c.is_ascii_digit() } else { is_name(c) || c == '.' };
            let here = self.pos;
            match c {
                '%' => {
                    let hex = self.text.get(here + 1..here + 3).filter(|h| h.bytes().all(|b| b.is_ascii_hexdigit()));
                    let Some(hex) = hex else {
                        self.pos += 1;
                        return self.fail(here, "'%' needs two hex digits in a local name");
                    };
                    local.push('%');
                    local.push_str(hex);
                    self.pos += 3;
                }
                '\\' => {
                    self.pos += 1;
                    match self.bump() {
                        Some(e) if is_local_escape(e) => local.push(e),
                        _ => return self.fail(here, "unknown escape in a local name"),
                    }
                }
                ':' => {
                    local.push(c);
                    self.pos += 1;
                }
                _ if allowed => {
                    local.push(c);
                    self.pos += c.len_utf8();
                }
                _ => break,
            }
            first = false;
            if c != '.' {
                (end, kept) = (self.pos, local.len());
            }
        }
        self.pos = end;
        local.truncate(kept);
        Ok(Token::Prefixed { prefix, local })
    }
}
