//! `rolebook import`: converts an existing glossary into a new site and
//! prints the report (the full one is also written beside site.toml).

use super::Outcome;
use crate::cli::{FromArg, ImportArgs};
use crate::error::Result;
use crate::import::{self, Format, KindRule, Options};
use crate::term::{out, outln};

pub(super) fn run(args: &ImportArgs) -> Result<Outcome> {
    if matches!(args.from, Some(FromArg::Csv | FromArg::Skos)) {
        return super::import_table::run(args);
    }
    let from = args.from.and_then(|f| match f {
        FromArg::Obsidian => Some(Format::Obsidian),
        FromArg::Hugo => Some(Format::Hugo),
        FromArg::Zola => Some(Format::Zola),
        FromArg::Mdn => Some(Format::Mdn),
        FromArg::Markdown => Some(Format::Markdown),
        FromArg::Csv | FromArg::Skos => None,
    });
    let options = Options {
        source: args.source.clone(),
        from,
        into: args.into.clone(),
        kind_rule: KindRule::parse(&args.kind_from),
        default_kind: args.default_kind.clone(),
        base_url: args.base_url.clone(),
    };
    let imported = import::import(&options)?;
    // Note titles and file names come from the source: shown, never obeyed.
    out!("{}", crate::term::escape_with(&imported.report.render(false), true));
    let root = imported.into.display();
    outln!("\nimported into {root} (full report: {root}/{})", import::write::REPORT_FILE);
    outln!("next: rolebook build --root {root}   (then open {})", imported.into.join("public/index.html").display());
    outln!("      rolebook check --root {root}   (what still needs a person)");
    Ok(Outcome::Success)
}
