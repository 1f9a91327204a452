//! The `rolebook` command: parse arguments, run the command, exit 0/1/2.

use clap::Parser;
use std::process::ExitCode;

/// glibc malloc slows down as a large build holds hundreds of thousands of
/// small strings at once; mimalloc spends about a quarter less CPU on the
/// same build (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = rolebook::cli::Cli::parse();
    match rolebook::cmd::run(cli) {
        Ok(outcome) => ExitCode::from(outcome.exit_code()),
        Err(error) => {
            // A closed stderr must not turn a reported error into a panic.
            rolebook::term::write_err(&format!("error: {}\n", rolebook::term::escape(&error.to_string())));
            ExitCode::from(2)
        }
    }
}
