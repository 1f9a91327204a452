//! The integration test binary: runs the real `rolebook` binary on small
//! fixture sites copied into temporary folders.

mod build;
mod check;
mod cli;
mod util;
