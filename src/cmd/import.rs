//! `rolebook import`: converts an existing glossary into a new site and
//! prints the report (the full one is also written beside site.toml).

use super::Outcome;
use crate::cli::{FromArg, ImportArgs};
use crate::error::Result;
use crate::import::{self, Format, KindRule, Options};

pub(super) fn run(args: &ImportArgs) -> Result<Outcome> {
    if matches!(args.from, Some(FromArg::Csv | FromArg::Skos)) {
        return super::import_table::run(args);
    }
    let from = args.from.and_then(|f| match f {
        FromArg::Obsidian => Some(Format::Obsidian),
        FromArg::Hugo => Some(Format::Hugo),
        FromArg::Zola => Some(Format::Zola),
        FromArg::Markdown => Some(Format::Markdown),
        FromArg::Csv | FromArg::Skos => None,
    });
    let options = Options {
        source: args.source.clone(),
        from,
        into: args.into.clone(),
        kind_rule: KindRule::parse(&args.kind_from),
        default_kind: args.default_kind.clone(),
    };
    let imported = import::import(&options)?;
    print!("{}", imported.report.render(false));
    let root = imported.into.display();
    println!("\nimported into {root} (full report: {root}/{})", import::write::REPORT_FILE);
    println!("next: rolebook check --root {root}");
    Ok(Outcome::Success)
}
