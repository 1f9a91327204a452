//! `placeholder`: text left for an author to replace. `rolebook new` writes
//! `TODO:` stubs and an `https://example.com/` source on purpose; a page
//! published with them looks finished to `check` unless someone points at
//! each one. Found by reading lines: YAML comments and Markdown code
//! (fenced blocks, backtick spans) are not text a reader sees, so they are
//! skipped.

use super::front_matter::{Key, Split};
use super::source::SourceFile;
use crate::diag::{Code, Diagnostic, Diagnostics};

/// Words that mark text as unfinished, matched as whole upper-case words.
const WORDS: &[&str] = &["TODO", "TBD", "FIXME"];

/// Host names reserved for examples (RFC 2606), with their subdomains.
const EXAMPLE_HOSTS: &[&str] = &["example.com", "example.org", "example.net"];

/// Reports every placeholder in a file's front matter and body.
pub(crate) fn check(file: &SourceFile, split: Split, keys: &[Key], diagnostics: &mut Diagnostics) {
    let text = &file.text;
    if !might_hold_one(text.as_bytes()) {
        return;
    }
    let mut found = Vec::new();
    let mut offset = split.yaml.0;
    for line in text[split.yaml.0..split.yaml.1].split_inclusive('\n') {
        scan(&line[..yaml_content_end(line)], offset, &mut found);
        offset += line.len();
    }
    for (start, end) in body_text_ranges(text, split.body) {
        scan(&text[start..end], start, &mut found);
    }
    found.sort_by_key(|h| h.offset);
    for hit in found {
        let place = keys.iter().take_while(|k| k.offset <= hit.offset && hit.offset < split.yaml.1).last();
        let place = place.map_or_else(|| "the body".to_owned(), |k| format!("`{}`", k.name));
        let (message, hint) = match hit.kind {
            Kind::Word => (
                format!("placeholder text `{}` in {place}", hit.token),
                "write what the entry should say here, then remove the marker",
            ),
            Kind::Url => (
                format!("placeholder address `{}` in {place}", hit.token),
                "example.com, .org and .net are reserved for examples: link the real page",
            ),
        };
        let width = hit.token.chars().count();
        diagnostics.push(
            Diagnostic::new(Code::Placeholder, &file.path, message)
                .at_offset(&file.index, text, hit.offset, width)
                .suggest(hint),
        );
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Url,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Hit {
    offset: usize,
    token: String,
    kind: Kind,
}

/// A searcher per needle, built once: building one per line scanned cost
/// more than the searching.
struct Finders {
    words: Vec<memchr::memmem::Finder<'static>>,
    scheme: memchr::memmem::Finder<'static>,
}

fn finders() -> &'static Finders {
    use memchr::memmem::Finder;
    static FINDERS: std::sync::OnceLock<Finders> = std::sync::OnceLock::new();
    FINDERS.get_or_init(|| Finders {
        words: WORDS.iter().map(|w| Finder::new(w.as_bytes())).collect(),
        scheme: Finder::new(b"://"),
    })
}

/// A quick test that spares the line-by-line scan in almost every file.
fn might_hold_one(bytes: &[u8]) -> bool {
    let f = finders();
    let has = |finder: &memchr::memmem::Finder<'_>| finder.find(bytes).is_some();
    f.words.iter().any(has) || lorem_anywhere(bytes) || example_host_anywhere(bytes)
}

/// Whether "lorem" appears in any mix of cases (`LoReM`), as the full scan
/// finds it. Looked for from its rarest letter, so most files have few
/// places to compare.
fn lorem_anywhere(bytes: &[u8]) -> bool {
    memchr::memchr2_iter(b'm', b'M', bytes).any(|at| at >= 4 && bytes[at - 4..at].eq_ignore_ascii_case(b"lore"))
}

/// Whether any `://` in the text is followed by an example host, in any
/// case (`https://EXAMPLE.com/`), as the full scan would find it.
fn example_host_anywhere(bytes: &[u8]) -> bool {
    finders().scheme.find_iter(bytes).any(|at| {
        let host = &bytes[at + 3..];
        let host = &host[..host
            .iter()
            .position(|b| matches!(b, b'/' | b'?' | b'#' | b':') || b.is_ascii_whitespace())
            .unwrap_or(host.len())];
        let host = host.rsplit(|&b| b == b'@').next().unwrap_or(host);
        host.windows(8).any(|w| w.eq_ignore_ascii_case(b"example."))
    })
}

/// Where the YAML content of a line ends: at a `#` comment outside quotes
/// (YAML starts a comment at `#` after white space or at the line start).
fn yaml_content_end(line: &str) -> usize {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for (index, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '#' && previous.is_whitespace() => return index,
            None => {}
        }
        previous = c;
    }
    line.len()
}

/// Byte ranges of the body outside fenced code blocks and backtick spans.
fn body_text_ranges(text: &str, body: usize) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut fence: Option<(char, usize)> = None;
    let mut offset = body;
    for line in text.get(body..).unwrap_or("").split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start_matches(' ');
        let marker = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'));
        let run = marker.map_or(0, |m| trimmed.chars().take_while(|&c| c == m).count());
        match (fence, marker) {
            (None, Some(m)) if run >= 3 && line.len() - trimmed.len() < 4 => {
                fence = Some((m, run));
                continue;
            }
            (Some((m, n)), Some(c)) if c == m && run >= n && trimmed[run..].trim().is_empty() => {
                fence = None;
                continue;
            }
            (Some(_), _) => continue,
            _ => {}
        }
        outside_code_spans(line, start, &mut ranges);
    }
    ranges
}

/// Splits a line at backtick code spans, keeping what lies outside them.
fn outside_code_spans(line: &str, start: usize, ranges: &mut Vec<(usize, usize)>) {
    let bytes = line.as_bytes();
    let mut from = 0;
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] != b'`' {
            at += 1;
            continue;
        }
        let run = bytes[at..].iter().take_while(|&&b| b == b'`').count();
        let closing = find_run(&bytes[at + run..], run).map(|i| at + run + i);
        match closing {
            Some(close) => {
                ranges.push((start + from, start + at));
                at = close + run;
                from = at;
            }
            None => at += run,
        }
    }
    ranges.push((start + from, start + bytes.len()));
}

/// The offset of a run of exactly `run` backticks in `bytes`.
fn find_run(bytes: &[u8], run: usize) -> Option<usize> {
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'`' {
            let length = bytes[at..].iter().take_while(|&&b| b == b'`').count();
            if length == run {
                return Some(at);
            }
            at += length;
        } else {
            at += 1;
        }
    }
    None
}

/// Every placeholder in `segment`, which starts at byte `base` of the file.
fn scan(segment: &str, base: usize, found: &mut Vec<Hit>) {
    for (word, finder) in WORDS.iter().zip(&finders().words) {
        for at in finder.find_iter(segment.as_bytes()) {
            if is_boundary(segment, at, at + word.len()) {
                found.push(Hit { offset: base + at, token: (*word).to_owned(), kind: Kind::Word });
            }
        }
    }
    lorem_ipsum(segment, base, found);
    example_urls(segment, base, found);
}

/// Whether `segment[start..end]` stands alone as a word.
fn is_boundary(segment: &str, start: usize, end: usize) -> bool {
    let word_char = |c: char| c.is_alphanumeric() || c == '_';
    let before = segment[..start].chars().next_back().is_none_or(|c| !word_char(c));
    let after = segment[end..].chars().next().is_none_or(|c| !word_char(c));
    before && after
}

/// "lorem ipsum" in any case, with any white space between the words.
fn lorem_ipsum(segment: &str, base: usize, found: &mut Vec<Hit>) {
    let bytes = segment.as_bytes();
    // Compared in place, ignoring ASCII case: a lower-cased copy of every
    // line scanned cost an allocation each.
    let at_word = |at: usize, word: &[u8]| bytes.get(at..at + word.len()).is_some_and(|b| b.eq_ignore_ascii_case(word));
    for at in memchr::memchr2_iter(b'l', b'L', bytes) {
        if !at_word(at, b"lorem") {
            continue;
        }
        let rest = &segment[at + "lorem".len()..];
        let gap = rest.len() - rest.trim_start().len();
        let ipsum = at + "lorem".len() + gap;
        if gap > 0 && at_word(ipsum, b"ipsum") {
            let end = ipsum + "ipsum".len();
            if is_boundary(segment, at, end) {
                found.push(Hit { offset: base + at, token: segment[at..end].to_owned(), kind: Kind::Word });
            }
        }
    }
}

/// URLs whose host is reserved for examples, from the scheme to the end.
fn example_urls(segment: &str, base: usize, found: &mut Vec<Hit>) {
    let bytes = segment.as_bytes();
    for separator in finders().scheme.find_iter(bytes) {
        let scheme = bytes[..separator]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'.' | b'-'))
            .count();
        if scheme == 0 {
            continue;
        }
        let start = separator - scheme;
        let rest = &segment[separator + 3..];
        let length = rest.find(|c: char| c.is_whitespace() || "\"'<>()[]{}`|".contains(c)).unwrap_or(rest.len());
        let url = rest[..length].trim_end_matches(['.', ',', ';', ':', '!', '?']);
        let authority = url.split(['/', '?', '#']).next().unwrap_or("");
        let host = authority.rsplit('@').next().unwrap_or("");
        let host = host.split(':').next().unwrap_or("").to_ascii_lowercase();
        let host = host.trim_end_matches('.');
        if EXAMPLE_HOSTS.iter().any(|e| host == *e || host.strip_suffix(e).is_some_and(|s| s.ends_with('.'))) {
            let end = separator + 3 + url.len();
            found.push(Hit { offset: base + start, token: segment[start..end].to_owned(), kind: Kind::Url });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(segment: &str) -> Vec<(usize, String)> {
        let mut found = Vec::new();
        scan(segment, 0, &mut found);
        found.into_iter().map(|h| (h.offset, h.token)).collect()
    }

    #[test]
    fn the_quick_test_lets_example_hosts_through_in_any_case() {
        for text in ["see https://EXAMPLE.COM/", "<https://docs.Example.org>", "ftp://u@example.net:21/x"] {
            assert!(might_hold_one(text.as_bytes()), "{text}");
        }
        assert!(!might_hold_one(b"https://example-site.com/ and an example. Nothing else"));
    }

    #[test]
    fn the_quick_test_lets_lorem_through_in_any_case() {
        for text in ["LoReM ipsum", "x lOrEm IpSuM", "lorem", "LOREM"] {
            assert!(might_hold_one(text.as_bytes()), "{text}");
        }
        assert!(!might_hold_one(b"more rem, a poem, Mlore"));
    }

    #[test]
    fn finds_whole_marker_words_only() {
        assert_eq!(hits("summary: \"TODO: x\""), [(10, "TODO".to_owned())]);
        assert!(hits("TODOS and MYTODO and todo").is_empty());
        assert_eq!(hits("TBD, FIXME").len(), 2);
        assert_eq!(hits("x Lorem  Ipsum dolor"), [(2, "Lorem  Ipsum".to_owned())]);
        assert!(hits("loremipsum").is_empty());
        assert_eq!(hits("LOREM\tipSUM; lorem ipsumx; Lorem"), [(0, "LOREM\tipSUM".to_owned())]);
    }

    #[test]
    fn finds_example_hosts_with_the_whole_url() {
        assert_eq!(hits("url: \"https://example.com/\""), [(6, "https://example.com/".to_owned())]);
        assert_eq!(hits("see <http://www.example.org/a?b>."), [(5, "http://www.example.org/a?b".to_owned())]);
        assert_eq!(hits("[x](https://EXAMPLE.net:8080/p)."), [(4, "https://EXAMPLE.net:8080/p".to_owned())]);
        assert!(hits("https://example.community/ https://notexample.com/ https://example.com.evil.io/").is_empty());
    }

    #[test]
    fn skips_yaml_comments_but_not_quoted_hashes() {
        assert_eq!(&"a: b # TODO"[..yaml_content_end("a: b # TODO")], "a: b ");
        assert_eq!(yaml_content_end("a: \"b # TODO\""), "a: \"b # TODO\"".len());
        assert_eq!(yaml_content_end("a: b#c"), "a: b#c".len());
    }

    #[test]
    fn skips_code_in_the_body() {
        let text = "---\n---\nTODO a `TODO` b\n```\nTODO\n```\n~~~~\n```\nTODO\n~~~~\nend TBD\n";
        let ranges = body_text_ranges(text, 8);
        let seen: String = ranges.iter().map(|&(s, e)| &text[s..e]).collect();
        assert_eq!(seen, "TODO a  b\nend TBD\n");
    }
}
