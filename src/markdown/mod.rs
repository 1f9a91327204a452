//! The Markdown body model, a leaf that every stage may use: `load` parses
//! each body once into a [`ParsedBody`], `resolve` reads its links and
//! headings, `render` fills its template, `import` shares the dialect.
//! Nothing here knows about entries, sites or output.

pub mod body;
pub mod links;
pub mod nesting;
pub mod notes;
pub mod raw_html;
pub mod summary;
pub mod terms;

pub use body::{ParsedBody, Piece};
pub use links::Heading;
pub use notes::{Note, NoteKind};
