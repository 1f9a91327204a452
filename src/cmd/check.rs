//! `rolebook check`: load → resolve → render without writing, then every
//! diagnostic at once in the chosen format.

use super::{print_human, Outcome};
use crate::cli::{CheckArgs, FormatArg};
use crate::diag::{self, emit, Diagnostic, Diagnostics};
use crate::error::Result;
use crate::term::{errln, out};
use crate::{load, render, resolve};
use std::path::Path;

/// Every diagnostic of the site at `root`, levels applied, sorted.
pub fn check(root: &Path, drafts: bool, approved_only: bool) -> Result<Vec<Diagnostic>> {
    let mut diagnostics = Diagnostics::new();
    let mut loaded = load::load(root, &mut diagnostics)?;
    loaded.config.approved_only |= approved_only;
    let kb = resolve::resolve(&loaded, drafts, &mut diagnostics);
    let theme = render::theme::load(root, &loaded.config.theme)?;
    theme.skipped.iter().for_each(|d| diagnostics.push(d.clone()));
    let dates = render::git_dates::GitDates::new();
    let input = render::Input::of(&kb, &loaded.config, &theme, &dates);
    render::render_for_diagnostics(&input, &mut diagnostics);
    Ok(diagnostics.finish(&loaded.config.rules))
}

pub(super) fn run(args: &CheckArgs) -> Result<Outcome> {
    let mut diagnostics = check(&args.root, args.drafts, args.approved_only)?;
    if args.codeowners {
        diagnostics.extend(super::codeowners::check_committed(&args.root)?);
    }
    match args.format {
        FormatArg::Human => {
            print_human(&diagnostics);
            if diagnostics.is_empty() {
                errln!("no problems found");
            }
        }
        FormatArg::Json => out!("{}", emit::render(&diagnostics, emit::Format::Json, false)),
        FormatArg::Github => out!("{}", emit::render(&diagnostics, emit::Format::Github, false)),
    }
    let (errors, warnings) = diag::count(&diagnostics);
    let failed = errors > 0 || (args.deny_warnings && warnings > 0);
    Ok(if failed { Outcome::ContentErrors } else { Outcome::Success })
}
