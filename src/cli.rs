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
    /// Serve the site locally, rebuild on save and reload open pages.
    Serve(ServeArgs),
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

/// Arguments of `serve`.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Site folder (holds site.toml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Port to listen on; 0 picks a free one.
    #[arg(long, short, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on; anything but loopback exposes the site to the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Open the site in the default browser.
    #[arg(long)]
    pub open: bool,
    /// Include entries marked `draft: true`.
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
