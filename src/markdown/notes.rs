//! What the one parse of a body noticed and changed for safety, for
//! `resolve` to report: the page shows less than the source says.

/// One thing a body parse removed, at a byte range of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Where in the body (byte range, relative to the body's start).
    pub range: std::ops::Range<usize>,
    /// What was removed.
    pub kind: NoteKind,
}

/// What a [`Note`] is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteKind {
    /// A raw HTML element the allow-list drops (unless the site trusts raw
    /// HTML). `closed`: whole, with its content; else only its opening
    /// tag, which would have swallowed the rest of the page.
    RawHtml {
        /// The element name, lower-case.
        name: String,
        /// Whether its closing tag followed in the same block.
        closed: bool,
    },
    /// An image whose URL would run script (`javascript:` …): its `src`
    /// is left empty.
    UnsafeImage {
        /// The URL as written.
        dest: String,
    },
}
