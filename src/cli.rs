//! Command-line arguments (clap derive types only; no logic).

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// rolebook: build a cross-referenced knowledge base of roles from Markdown.
#[derive(Debug, Parser)]
#[command(name = "rolebook", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render the site into the output folder (replaced atomically).
    Build(BuildArgs),
    /// Report every problem in the content without writing anything.
    Check(CheckArgs),
    /// Convert an Obsidian vault, Hugo or Zola site, or Markdown folder into a new site.
    Import(ImportArgs),
}

/// Arguments of `build`.
#[derive(Debug, Clone, clap::Args)]
pub struct BuildArgs {
    /// Site folder (holds site.toml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Output folder [default: ROOT/public].
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Include entries marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Print only errors.
    #[arg(long, short)]
    pub quiet: bool,
}

/// Arguments of `check`.
#[derive(Debug, Clone, clap::Args)]
pub struct CheckArgs {
    /// Site folder (holds site.toml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Output format of the diagnostics.
    #[arg(long, value_enum, default_value_t = FormatArg::Human)]
    pub format: FormatArg,
    /// Exit 1 when there are warnings, not only errors.
    #[arg(long)]
    pub deny_warnings: bool,
    /// Check drafts as if they were published.
    #[arg(long)]
    pub drafts: bool,
}

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Snippets with carets.
    Human,
    /// A JSON array, one object per diagnostic.
    Json,
    /// GitHub Actions annotations.
    Github,
}

/// Arguments of `import`.
#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// The existing glossary (never changed).
    pub source: PathBuf,
    /// Its format [default: detected].
    #[arg(long, value_enum)]
    pub from: Option<FromArg>,
    /// Folder for the new site [default: ./<source-name>-rolebook].
    #[arg(long)]
    pub into: Option<PathBuf>,
    /// Where kinds come from: `folder`, `tag`, or a front-matter field name.
    #[arg(long, default_value = "folder", value_name = "folder|tag|FIELD")]
    pub kind_from: String,
    /// Kind of entries the rule gives none.
    #[arg(long, default_value = "entry", value_name = "KIND")]
    pub default_kind: String,
}

/// `--from` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FromArg {
    /// An Obsidian vault.
    Obsidian,
    /// A Hugo site.
    Hugo,
    /// A Zola site.
    Zola,
    /// A folder of Markdown files.
    Markdown,
}
