//! The character classes of the Turtle 1.1 grammar (`PN_CHARS_BASE` and
//! friends), and the characters an IRI may not hold.

/// `PN_CHARS_BASE`: letters, most of Unicode outside punctuation.
pub(super) fn is_base(c: char) -> bool {
    matches!(c,
        'A'..='Z' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{2FF}'
        | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}' | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}'
        | '\u{2C00}'..='\u{2FEF}' | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

/// `PN_CHARS_U`: a base character or `_`.
pub(super) fn is_base_u(c: char) -> bool {
    c == '_' || is_base(c)
}

/// `PN_CHARS`: what may follow the first character of a name.
pub(super) fn is_name(c: char) -> bool {
    is_base_u(c) || matches!(c, '-' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// The characters a `\` may escape in a local name (`PN_LOCAL_ESC`).
pub(super) fn is_local_escape(c: char) -> bool {
    "_~.-!$&'()*+,;=/?#@%".contains(c)
}

/// Characters `IRIREF` excludes, written or escaped.
pub(super) fn is_bad_in_iri(c: char) -> bool {
    c <= ' ' || "<>\"{}|^`\\".contains(c)
}
