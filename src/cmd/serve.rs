//! `rolebook serve`: build in memory, serve on loopback, rebuild on save
//! and reload open tabs; see [`crate::serve`].

use super::Outcome;
use crate::cli::ServeArgs;
use crate::error::Result;
use crate::serve::{self, Options};

pub(super) fn run(args: &ServeArgs) -> Result<Outcome> {
    let options = Options {
        root: args.root.clone(),
        bind: args.bind.clone(),
        port: args.port,
        drafts: args.drafts,
        open: args.open,
    };
    serve::run(&options)?;
    Ok(Outcome::Success)
}
