//! `rolebook schema`: the JSON Schema of front matter for this site's
//! site.toml, on stdout or into a file.

use super::Outcome;
use crate::cli::SchemaArgs;
use crate::config::{self, CONFIG_FILE};
use crate::diag::Diagnostics;
use crate::error::{Error, Result};
use crate::schema;
use crate::term::out;
use std::path::Path;

/// The schema text for the site at `root` (site.toml problems are left to
/// `check`; whatever parsed is used).
pub(super) fn schema_text(root: &Path) -> Result<String> {
    let path = root.join(CONFIG_FILE);
    if !path.is_file() {
        return Err(Error::NoSite(root.to_path_buf()));
    }
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io("read", &path, e))?;
    let config = config::parse(&text, &mut Diagnostics::new());
    Ok(schema::to_text(&config))
}

pub(super) fn run(args: &SchemaArgs) -> Result<Outcome> {
    let text = schema_text(&args.root)?;
    match &args.output {
        Some(path) => std::fs::write(path, text).map_err(|e| Error::io("write", path, e))?,
        None => out!("{text}"),
    }
    Ok(Outcome::Success)
}
