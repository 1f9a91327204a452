//! The integration test binary: runs the real `rolebook` binary on small
//! fixture sites copied into temporary folders.

#![allow(unreachable_pub)]

mod assets;
mod build;
mod build_summary;
mod catalog_exports;
mod changes;
mod check;
mod cli;
mod compare_data;
mod config_alone;
mod confusable;
mod determinism;
mod diff;
mod exports;
mod governance;
mod hostile;
mod hostile_ops;
mod hostile_round3;
mod hostile_text;
mod import;
mod import_assets;
mod import_pipes;
mod import_real;
mod import_table;
mod init;
mod new;
mod newcomer;
mod paging;
mod pipes;
mod placeholder;
mod positions;
mod reading;
mod render;
mod review;
mod schema;
mod serve;
mod serve_moves;
mod start_here;
mod stub_schema;
mod terminal_escapes;
mod util;
