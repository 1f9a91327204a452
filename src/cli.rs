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
    /// Write a new entry from its kind's archetype.
    New(NewArgs),
    /// Create a new site that builds at once.
    Init(InitArgs),
    /// Print the JSON Schema of front matter, for editors.
    Schema(SchemaArgs),
    /// Summarize what changed in the knowledge base since a git ref.
    Diff(DiffArgs),
    /// Convert an Obsidian vault, Hugo or Zola site, or Markdown folder into a new site.
    Import(ImportArgs),
    /// Write CODEOWNERS from the entries' owners, so PRs request their review.
    Codeowners(CodeownersArgs),
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
    /// Leave out entries with `status: proposed` (as site.toml `approved_only = true`).
    #[arg(long)]
    pub approved_only: bool,
    /// Print only errors.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print how long each stage took (to stderr).
    #[arg(long)]
    pub timings: bool,
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
    /// Check the site as `build --approved-only` publishes it.
    #[arg(long)]
    pub approved_only: bool,
    /// Also fail when the committed CODEOWNERS file differs from `rolebook codeowners`.
    #[arg(long)]
    pub codeowners: bool,
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

/// Arguments of `new`.
#[derive(Debug, Clone, clap::Args)]
pub struct NewArgs {
    /// Title of the entry; the file name is its slug.
    pub title: String,
    /// Kind of the entry (a key of the kinds table in site.toml) [default: site.toml default_kind].
    #[arg(long, short)]
    pub kind: Option<String>,
    /// Abbreviation.
    #[arg(long)]
    pub abbr: Option<String>,
    /// Site folder (holds site.toml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
}

/// Arguments of `init`.
#[derive(Debug, Clone, clap::Args)]
pub struct InitArgs {
    /// Folder for the new site (created if missing).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// Also copy the default theme into themes/default/ to customize it.
    #[arg(long)]
    pub theme: bool,
}

/// Arguments of `codeowners`.
#[derive(Debug, Clone, clap::Args)]
pub struct CodeownersArgs {
    /// Site folder (holds site.toml and content/).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// File to write [default: the committed CODEOWNERS, else .github/CODEOWNERS in the repository].
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Print the file instead of writing it.
    #[arg(long)]
    pub stdout: bool,
}

/// Arguments of `schema`.
#[derive(Debug, Clone, clap::Args)]
pub struct SchemaArgs {
    /// Site folder (holds site.toml).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Write to this file instead of stdout.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

/// Arguments of `diff`.
#[derive(Debug, Clone, clap::Args)]
pub struct DiffArgs {
    /// The git ref to compare the working tree with, e.g. `origin/main`.
    pub git_ref: String,
    /// Site folder (holds site.toml and content/; inside a git repository).
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = DiffFormat::Markdown)]
    pub format: DiffFormat,
}

/// `diff --format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Markdown, ready for a pull-request comment.
    Markdown,
    /// JSON, for tools.
    Json,
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
    /// Folder for the new site [default: ./SOURCE-rolebook].
    #[arg(long)]
    pub into: Option<PathBuf>,
    /// Where kinds come from: `auto` (a category-like field such as `category`
    /// or `page-type`, else the top folder when there are few, else
    /// --default-kind), `folder`, `tag`, or a front-matter field name.
    #[arg(long, default_value = "auto", value_name = "auto|folder|tag|FIELD")]
    pub kind_from: String,
    /// Kind of entries the rule gives none.
    #[arg(long, default_value = "entry", value_name = "KIND")]
    pub default_kind: String,
    /// The source site's address: site-absolute links to pages outside the
    /// glossary are made absolute with it [default: Hugo's `baseURL`, Zola's `base_url`].
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// `--from csv|skos`: write the files (the default is a dry run).
    #[arg(long, conflicts_with = "dry_run")]
    pub write: bool,
    /// `--from csv|skos`: only print what would be written (the default).
    #[arg(long)]
    pub dry_run: bool,
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
    /// Documentation with KumaScript macros (MDN-style `{{Glossary("x")}}`).
    Mdn,
    /// A folder of Markdown files.
    Markdown,
    /// A CSV file of terms (columns by name; dry run unless --write).
    Csv,
    /// A SKOS vocabulary in Turtle (dry run unless --write).
    Skos,
}
