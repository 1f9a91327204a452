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

pub use build::{build, BuildReport, StageTiming};
pub use check::check;
pub use codeowners::{check_committed, generate as codeowners};
pub use diff::{diff, DiagnosticRef, EntryChange, EntryRef, FieldChange, KbDiff, RelationRef, Rename, StatusChange};
pub use init::init;
pub use new::new_entry;

use crate::cli::{Cli, Command};
pub use crate::diag::print::{print_human, print_human_capped, use_color};
use crate::error::Result;
use std::path::{Path, PathBuf};

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
    let here = std::env::current_dir().unwrap_or_default();
    let site = |root: PathBuf| site_root(&here, root);
    match cli.command {
        Command::Build(mut args) => {
            args.root = site(args.root);
            build::run(&args)
        }
        Command::Check(mut args) => {
            args.root = site(args.root);
            check::run(&args)
        }
        Command::Serve(mut args) => {
            args.root = site(args.root);
            serve::run(&args)
        }
        Command::New(mut args) => {
            args.root = site(args.root);
            new::run(&args)
        }
        Command::Init(args) => init::run(&args),
        Command::Schema(mut args) => {
            args.root = site(args.root);
            schema::run(&args)
        }
        Command::Diff(mut args) => {
            args.root = site(args.root);
            diff::run(&args)
        }
        Command::Import(args) => import::run(&args),
        Command::Codeowners(args) => codeowners::run(&args),
    }
}

/// The site folder: `root` as given, except that the default `.` without a
/// site.toml means the nearest folder above `here` that has one, as git
/// finds its repository (written `..`, `../..`, so paths stay relative).
fn site_root(here: &Path, root: PathBuf) -> PathBuf {
    if root != Path::new(".") || here.join("site.toml").is_file() {
        return root;
    }
    let mut up = PathBuf::new();
    for folder in here.ancestors().skip(1) {
        up.push("..");
        if folder.join("site.toml").is_file() {
            return up;
        }
    }
    root
}

#[cfg(test)]
mod root_tests {
    use super::*;

    #[test]
    fn finds_site_toml_upward_only_for_the_default_root() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let deep = dir.path().join("content/roles");
        std::fs::create_dir_all(&deep).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(site_root(&deep, PathBuf::from(".")), PathBuf::from("."), "no site.toml anywhere");
        std::fs::write(dir.path().join("site.toml"), "").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(site_root(&deep, PathBuf::from(".")), PathBuf::from("../.."));
        assert_eq!(site_root(dir.path(), PathBuf::from(".")), PathBuf::from("."));
        assert_eq!(site_root(&deep, PathBuf::from("elsewhere")), PathBuf::from("elsewhere"));
    }
}
