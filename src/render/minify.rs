//! Whitespace and comments out of the theme's CSS and JavaScript, as they
//! are copied: every page load fetches them, and the theme's budget (60 KB
//! of CSS + JS) is for code, not indentation. Only what cannot change
//! meaning goes: each line's leading and trailing blanks, empty lines,
//! CSS comments, and JavaScript lines that are a `//` comment. Line
//! breaks stay (JavaScript's automatic semicolons depend on them). A file
//! where a line could continue a string (a backtick in JavaScript, a line
//! ending in `\`) or that is not UTF-8 is copied as it is.

/// The CSS without comments or blank space around its lines.
pub fn css(bytes: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let text = strip_css_comments(text)?;
    lines(&text, |_| false)
}

/// The JavaScript without `//` comment lines or blank space around lines.
pub fn js(bytes: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(bytes).ok()?;
    // No template literal, so no line can be inside a string (a backtick
    // in a comment line is prose).
    if text.lines().any(|line| line.contains('`') && !line.trim_start().starts_with("//")) {
        return None;
    }
    lines(text, |line| line.starts_with("//"))
}

/// Each line trimmed, blank and `drop` lines left out; `None` when a line
/// ends in a backslash (a string may continue on the next line).
fn lines(text: &str, drop: impl Fn(&str) -> bool) -> Option<Vec<u8>> {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = line.trim();
        if line.ends_with('\\') {
            return None;
        }
        if line.is_empty() || drop(line) {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    Some(out.into_bytes())
}

/// `/* … */` comments removed, strings kept as they are; `None` when a
/// comment or string is not closed.
fn strip_css_comments(text: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(['/', '"', '\'']) {
        let (before, from) = rest.split_at(at);
        out.push_str(before);
        if let Some(comment) = from.strip_prefix("/*") {
            rest = &comment[comment.find("*/")? + 2..];
            continue;
        }
        let quote = from.chars().next()?;
        if quote == '/' {
            out.push('/');
            rest = &from[1..];
            continue;
        }
        let end = string_end(&from[1..], quote)? + 1;
        out.push_str(&from[..end]);
        rest = &from[end..];
    }
    out.push_str(rest);
    Some(out)
}

/// The length of a string's body through its closing `quote`.
fn string_end(body: &str, quote: char) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            c if c == quote => return Some(i + 1),
            '\n' => return None,
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {

    fn text(bytes: Option<Vec<u8>>) -> Option<String> {
        bytes.map(|b| String::from_utf8(b).expect("utf-8"))
    }

    #[test]
    fn css_loses_comments_and_indentation_but_not_strings() {
        let css = "/* head */\n.a {\n  content: \"/* kept */\";\n}\n\n.b::after { content: ' x'; } /* tail */\n";
        assert_eq!(
            text(super::css(css.as_bytes())).as_deref(),
            Some(".a {\ncontent: \"/* kept */\";\n}\n.b::after { content: ' x'; }\n")
        );
    }

    #[test]
    fn css_with_an_open_comment_or_string_is_left_alone() {
        assert_eq!(super::css(b"a { color: red } /* open"), None);
        assert_eq!(super::css(b"a::after { content: \"open }\n"), None);
        assert_eq!(super::css(b"a::after { content: \"x\\\n y\" }\n"), None);
    }

    #[test]
    fn js_keeps_line_breaks_and_drops_comment_lines() {
        let js = "(function () {\n  // why\n  var a = 1 // trailing stays\n  return a\n})();\n";
        assert_eq!(
            text(super::js(js.as_bytes())).as_deref(),
            Some("(function () {\nvar a = 1 // trailing stays\nreturn a\n})();\n")
        );
    }

    #[test]
    fn js_that_might_continue_a_string_is_left_alone() {
        assert_eq!(super::js(b"var s = `a\n  b`;\n"), None);
        assert!(super::js(b"  // says `x`\nvar s = 1;\n").is_some());
        assert_eq!(super::js(b"var s = 'a\\\n  b';\n"), None);
        assert_eq!(super::js(&[0xff, b'\n']), None);
    }
}
