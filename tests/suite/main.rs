//! The integration test binary: runs the real `rolebook` binary on small
//! fixture sites copied into temporary folders.

#![allow(unreachable_pub)]

mod build;
mod check;
mod cli;
mod determinism;
mod hostile;
mod util;
