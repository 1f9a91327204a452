//! `rolebook import FILE --from csv|skos`: a dry run by default (what would
//! be written, and every record's problem with its row), files only with
//! `--write`.

use super::Outcome;
use crate::cli::{FromArg, ImportArgs};
use crate::error::{Error, Result};
use crate::import::{csv_table, skos_table, table};
use crate::term::{out, outln};
use std::path::PathBuf;

pub(super) fn run(args: &ImportArgs) -> Result<Outcome> {
    let source = &args.source;
    let text = std::fs::read_to_string(source).map_err(|e| Error::io("read", source, e))?;
    let (records, problems) = match args.from {
        Some(FromArg::Skos) => skos_table::read(&text),
        _ => csv_table::read(&text),
    };
    let stem = source.file_stem().and_then(|s| s.to_str()).unwrap_or("glossary");
    let into = args.into.clone().unwrap_or_else(|| PathBuf::from(format!("{stem}-rolebook")));
    let title = crate::config::humanize(stem);
    let default_kind = crate::slug::slugify(&args.default_kind).replace('-', "_");
    let default_kind = if default_kind.is_empty() { "entry".to_owned() } else { default_kind };
    let plan = table::plan(&title, &source.display().to_string(), &default_kind, records, problems);
    if args.write {
        plan.write(&into, source)?;
    }
    // Titles and names come from the source: shown, never obeyed.
    out!("{}", crate::term::escape_with(&plan.render(&into, args.write), true));
    if args.write {
        let root = into.display();
        outln!("next: rolebook build --root {root}   (then open {})", into.join("public/index.html").display());
        outln!("      rolebook check --root {root}   (what still needs a person)");
    }
    // Problems are listed, not fatal: the rows that had none are imported.
    Ok(Outcome::Success)
}
