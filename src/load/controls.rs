//! Characters no page, feed or export should carry: C0 and C1 control
//! characters (tab and line breaks aside), DEL, and Unicode noncharacters
//! (U+FDD0–U+FDEF and the last two code points of every plane). They are
//! removed from a file's text as it is read, so they reach no HTML, JSON,
//! CSV or Turtle output, and each is reported (`control-character`).

use crate::diag::{Code, Diagnostic, Diagnostics, LineIndex};
use crate::invisible::is_removed;

/// Most `control-character` diagnostics for one file; the rest are counted.
const MAX_REPORTED: usize = 20;

/// Whether `bytes` (UTF-8) has a byte that can start or be a removed
/// character: an ASCII control other than tab and line breaks, DEL, the lead
/// byte of C1 controls (0xC2), of U+FDD0–U+FFFF (0xEF) or of the other
/// planes (0xF0 and up). Most files have none, and a byte loop is several
/// times cheaper than decoding every character.
fn may_hold_removed(bytes: &[u8]) -> bool {
    let suspect = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7f || b == 0xc2 || b >= 0xef;
    // A block at a time, without stopping at the first hit inside a block:
    // the compiler then tests many bytes per instruction (a byte-by-byte
    // `any` was 1 % of a build).
    bytes.chunks(64).any(|block| block.iter().fold(false, |found, &b| found | suspect(b)))
}

/// `text` without removed characters, each reported at its position in
/// `path` (positions in the text as read).
pub(crate) fn strip(path: &str, text: String, diagnostics: &mut Diagnostics) -> String {
    if !may_hold_removed(text.as_bytes()) || !text.chars().any(is_removed) {
        return text;
    }
    let index = LineIndex::new(&text);
    let mut kept = String::with_capacity(text.len());
    let mut found = 0;
    for (offset, c) in text.char_indices() {
        if !is_removed(c) {
            kept.push(c);
            continue;
        }
        found += 1;
        if found <= MAX_REPORTED {
            let message = format!("invisible control character U+{:04X} removed", u32::from(c));
            let mut d = Diagnostic::new(Code::ControlCharacter, path, message)
                .at_offset(&index, &text, offset, 1)
                .suggest("delete it; it may have come with text pasted from another program");
            // The snippet is printed: it must not carry what it reports.
            d.snippet = d.snippet.map(|line| line.chars().filter(|&c| !is_removed(c)).collect());
            diagnostics.push(d);
        }
    }
    if found > MAX_REPORTED {
        let message = format!("{} more control characters removed from this file", found - MAX_REPORTED);
        diagnostics.push(Diagnostic::new(Code::ControlCharacter, path, message));
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_and_reports_each_at_its_position() {
        let mut diagnostics = Diagnostics::new();
        let text = strip("content/x.md", "a\u{1b}[2Jb\nc\u{ffff}\r\n".into(), &mut diagnostics);
        assert_eq!(text, "a[2Jb\nc\r\n");
        let list = diagnostics.finish(&Default::default());
        let at: Vec<(usize, usize)> = list.iter().map(|d| d.location.map_or((0, 0), |l| (l.line, l.column))).collect();
        assert_eq!(at, [(1, 2), (2, 2)]);
        assert_eq!(list[0].message, "invisible control character U+001B removed");
    }

    #[test]
    fn the_byte_test_lets_no_removed_character_through() {
        let mut buffer = [0; 4];
        for c in (0..=0x10ffff).filter_map(char::from_u32).filter(|&c| is_removed(c)) {
            assert!(may_hold_removed(c.encode_utf8(&mut buffer).as_bytes()), "{:04X}", u32::from(c));
        }
        assert!(!may_hold_removed("Plain text – with é, ’ and\ttabs\r\n".as_bytes()));
    }

    #[test]
    fn counts_what_it_does_not_list() {
        let mut diagnostics = Diagnostics::new();
        strip("content/x.md", "\u{7}".repeat(25), &mut diagnostics);
        let list = diagnostics.finish(&Default::default());
        assert_eq!(list.len(), MAX_REPORTED + 1);
        assert!(list.iter().any(|d| d.message == "5 more control characters removed from this file"));
    }
}
