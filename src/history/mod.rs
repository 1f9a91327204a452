//! The site's history in git, read as input (a load-level module: it may
//! use `load` to read old versions of files, and no later stage).
//!
//! - [`model`]: what a change does to the knowledge base ([`KbDiff`]), the
//!   model `rolebook diff` reports and the changes page summarises;
//! - [`git`]: the `git` CLI: a site as it was at a ref, the recent commits;
//! - [`log`]: the last commits touching `content/` and the files each changed;
//! - [`snapshot`]: one version of one content file, as the changes page
//!   compares it;
//! - [`compare`]: two versions of one file → a [`KbDiff`] about it;
//! - [`describe`]: such a [`KbDiff`] → one line ("Summary changed");
//! - [`mod@recent`]: all of it → the [`Change`] rows of `changes.html` and
//!   `changes.xml`.
//!
//! Everything here is skipped silently without git, outside a repository,
//! or with `[changes] limit = 0`; dates come from commits, never the clock.

pub mod compare;
pub mod describe;
pub mod git;
pub mod log;
pub mod model;
pub mod recent;
pub mod snapshot;

pub use model::{DiagnosticRef, EntryChange, EntryRef, FieldChange, KbDiff, RelationRef, Rename, StatusChange};
pub use recent::{recent, Change};
