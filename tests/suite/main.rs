//! The integration test binary: runs the real `rolebook` binary on small
//! fixture sites copied into temporary folders.

#![allow(unreachable_pub)]

mod assets;
mod build;
mod check;
mod cli;
mod compare_data;
mod determinism;
mod diff;
mod exports;
mod hostile;
mod import;
mod init;
mod new;
mod paging;
mod render;
mod review;
mod schema;
mod serve;
mod util;
