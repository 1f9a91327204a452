//! The integration test binary: runs the real `rolebook` binary on small
//! fixture sites copied into temporary folders.

#![allow(unreachable_pub)]

mod build;
mod catalog_exports;
mod check;
mod cli;
mod compare_data;
mod determinism;
mod diff;
mod exports;
mod governance;
mod hostile;
mod import;
mod import_table;
mod init;
mod new;
mod paging;
mod render;
mod review;
mod schema;
mod serve;
mod util;
