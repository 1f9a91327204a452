//! Characters no page, feed or export should carry: C0 and C1 control
//! characters (tab and line breaks aside), DEL, and Unicode noncharacters
//! (U+FDD0–U+FDEF and the last two code points of every plane). A leaf, so
//! that `load` (content files) and `config` (site.toml) remove the same set.

/// Whether `c` is removed from content and configuration.
pub fn is_removed(c: char) -> bool {
    let code = u32::from(c);
    match c {
        '\t' | '\n' | '\r' => false,
        _ if c.is_control() => true,
        _ => (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_controls_del_and_noncharacters_but_keeps_whitespace() {
        for c in ['\u{0}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}', '\u{fdd0}', '\u{fffe}', '\u{ffff}', '\u{10ffff}'] {
            assert!(is_removed(c), "{:04X}", u32::from(c));
        }
        for c in ['\t', '\n', '\r', ' ', 'é', '\u{a0}', '\u{fffd}', '\u{feff}', '\u{200b}'] {
            assert!(!is_removed(c), "{:04X}", u32::from(c));
        }
    }
}
