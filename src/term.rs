//! Text for terminals and pipes: what a command prints must never be able
//! to drive the terminal, and must never panic when the reader is gone.
//!
//! - [`escape`]: titles, paths and link targets come from files anyone can
//!   send in a pull request. An ESC in a title could set the window title or
//!   clear the screen, a carriage return or line separator could forge a line
//!   of output; control characters are printed as `\u{1b}` instead.
//! - `outln!` and friends: `rolebook check | head -1`
//!   closes the pipe after one line; `print!` would then panic (exit 101).
//!   These write and ignore the error: the reader has gone, so nothing more
//!   can be told to it.

use std::borrow::Cow;
use std::io::Write;

/// `text` with every control character written as `\u{…}`: C0 (tab
/// included, newline only when `keep_newlines`), DEL, C1, and the line and
/// paragraph separators and bidirectional controls that make a terminal or
/// log viewer show something other than what is there.
pub fn escape_with(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    let needs = |c: char| is_unsafe(c) && !(keep_newlines && c == '\n');
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`escape_with`] for one-line text: newlines are escaped too.
pub fn escape(text: &str) -> Cow<'_, str> {
    escape_with(text, false)
}

/// Whether a terminal or log viewer could act on `c` instead of showing it.
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Writes to stdout; a closed pipe or full disk ends the output quietly.
pub fn write_out(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// Writes to stderr; a closed pipe ends the output quietly.
pub fn write_err(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// `print!` that never panics.
macro_rules! out {
    ($($arg:tt)*) => { $crate::term::write_out(&format!($($arg)*)) };
}

/// `println!` that never panics.
macro_rules! outln {
    ($($arg:tt)*) => { $crate::term::write_out(&format!("{}\n", format_args!($($arg)*))) };
}

/// `eprint!` that never panics.
macro_rules! err {
    ($($arg:tt)*) => { $crate::term::write_err(&format!($($arg)*)) };
}

/// `eprintln!` that never panics.
macro_rules! errln {
    ($($arg:tt)*) => { $crate::term::write_err(&format!("{}\n", format_args!($($arg)*))) };
}

pub(crate) use {err, errln, out, outln};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_keeps_everything_else() {
        assert_eq!(escape("Data \u{1b}]0;pwned\u{7}Owner"), "Data \\u{1b}]0;pwned\\u{7}Owner");
        assert_eq!(escape("a\rb\nc\u{85}d\u{2028}e\u{202e}f"), "a\\u{d}b\\u{a}c\\u{85}d\\u{2028}e\\u{202e}f");
        assert_eq!(escape_with("a\nb\u{1b}", true), "a\nb\\u{1b}");
        assert!(matches!(escape("Dаta Owner — ok"), Cow::Borrowed(_)));
    }
}
