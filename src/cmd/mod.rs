//! One module per subcommand, each a short orchestration of the stages.

mod build;
mod check;
mod codeowners;
mod diff;
mod import;
mod import_table;
mod init;
mod new;
#[cfg(test)]
mod pipeline_tests;
mod progress;
mod schema;
mod serve;

pub use build::{build, BuildReport};
pub use check::check;
pub use codeowners::{check_committed, generate as codeowners};
pub use diff::{diff, DiagnosticRef, EntryChange, EntryRef, FieldChange, KbDiff, RelationRef, Rename, StatusChange};
pub use init::init;
pub use new::new_entry;

use crate::cli::{Cli, Command};
pub use crate::diag::print::{print_human, use_color};
use crate::error::Result;

/// How a command ended, when it did not fail fatally.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything fine.
    Success,
    /// Content errors (or warnings under `--deny-warnings`).
    ContentErrors,
}

impl Outcome {
    /// The process exit code: 0 or 1 (fatal errors are 2).
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Success => 0,
            Outcome::ContentErrors => 1,
        }
    }
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Build(args) => build::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::New(args) => new::run(&args),
        Command::Init(args) => init::run(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Diff(args) => diff::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Codeowners(args) => codeowners::run(&args),
    }
}
