//! `rolebook diff <git-ref>`: what a change does to the knowledge base,
//! compared with a git ref: the site at the ref is read with the `git` CLI
//! into a temporary folder, both sides are loaded and resolved, and the
//! difference is printed as Markdown (for a pull-request comment) or JSON.

mod compare;
mod markdown;

pub use crate::history::{
    DiagnosticRef, EntryChange, EntryRef, FieldChange, KbDiff, RelationRef, Rename, StatusChange,
};

use super::Outcome;
use crate::cli::{DiffArgs, DiffFormat};
use crate::config::CONFIG_FILE;
use crate::diag::{Diagnostic, Diagnostics};
use crate::error::Result;
use crate::load::{self, Loaded};
use crate::resolve::{self, KnowledgeBase};
use crate::term::out;
use std::path::Path;

/// Compares the site at `root` (working tree) with the same site at `git_ref`.
pub fn diff(root: &Path, git_ref: &str) -> Result<KbDiff> {
    let base = crate::history::git::checkout_site(root, git_ref)?;
    let new = analyse(root)?;
    let old = if base.path().join(CONFIG_FILE).is_file() { analyse(base.path())? } else { empty(base.path()) };
    Ok(compare::compare(git_ref, &side(&old), &side(&new)))
}

type Analysed = (Loaded, KnowledgeBase, Vec<Diagnostic>);

fn side(analysed: &Analysed) -> compare::Side<'_> {
    let (loaded, kb, diagnostics) = analysed;
    compare::Side { kb, documents: &loaded.documents, config: &loaded.config, diagnostics }
}

/// Rendered text of a diff in the chosen format.
pub(super) fn format(diff: &KbDiff, format: DiffFormat) -> String {
    match format {
        DiffFormat::Markdown => markdown::render(diff),
        DiffFormat::Json => {
            let mut text = serde_json::to_string_pretty(diff).unwrap_or_default();
            text.push('\n');
            text
        }
    }
}

pub(in crate::cmd) fn run(args: &DiffArgs) -> Result<Outcome> {
    let diff = diff(&args.root, &args.git_ref)?;
    // Titles and paths come from the content: shown, never obeyed.
    out!("{}", crate::term::escape_with(&format(&diff, args.format), true));
    Ok(Outcome::Success)
}

/// Load + resolve (drafts included, as a reviewer wants to see them).
fn analyse(root: &Path) -> Result<Analysed> {
    let mut diagnostics = Diagnostics::new();
    let loaded = load::load(root, &mut diagnostics)?;
    let kb = resolve::resolve(&loaded, true, &mut diagnostics);
    let diagnostics = diagnostics.finish(&loaded.config.rules);
    Ok((loaded, kb, diagnostics))
}

/// The base had no site: everything is new.
fn empty(root: &Path) -> Analysed {
    let loaded = Loaded {
        root: root.to_path_buf(),
        config: Default::default(),
        documents: Vec::new(),
        files: Default::default(),
    };
    (loaded, KnowledgeBase::default(), Vec::new())
}
