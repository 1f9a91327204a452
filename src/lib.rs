//! rolebook: a static site generator for role glossaries.
//!
//! The build is a pipeline of plain functions over plain data:
//!
//! 1. [`load`]: site.toml and `content/**/*.md` → documents (front matter parsed);
//! 2. [`resolve`]: documents → a [`resolve::KnowledgeBase`] with every link,
//!    reverse link and comparison resolved, and every problem as a diagnostic;
//! 3. [`render`]: knowledge base + theme → in-memory output files;
//! 4. [`mod@write`]: output files → the output folder, replaced atomically.
//!
//! Stages push problems into a [`diag::Diagnostics`] sink and keep going, so
//! one run reports everything; only I/O and usage problems are [`Error`]s.
//!
//! Each stage imports only earlier ones. What several stages share lives in
//! leaf modules that import no stage: [`markdown`] (the body model that
//! `load` parses once and later stages read), [`slug`], [`output`] (the
//! files `render` hands to `write`), [`site_files`] (the assets and static
//! files `load` finds and `write` copies), [`diag`], [`config`] and
//! [`invisible`].

pub mod cli;
pub mod cmd;
pub mod config;
pub mod diag;
pub mod error;
pub mod history;
pub mod import;
pub mod invisible;
pub mod load;
pub mod markdown;
pub mod output;
pub mod render;
pub mod resolve;
pub mod schema;
pub mod serve;
pub mod site_files;
pub mod slug;
pub mod term;
pub mod usage;
pub mod write;

pub use error::{Error, Result};
