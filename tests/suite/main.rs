//! The integration test binary: runs the real `rolebook` binary on small
//! fixture sites copied into temporary folders.

#![allow(unreachable_pub)]

mod build;
mod check;
mod cli;
mod compare_data;
mod determinism;
mod diff;
mod exports;
mod hostile;
mod import;
mod import_real;
mod init;
mod new;
mod newcomer;
mod paging;
mod render;
mod review;
mod schema;
mod serve;
mod util;
