//! Times each pipeline stage in-process: load, resolve, theme, render and
//! write, then load+resolve+render again several times (what a `serve`
//! rebuild costs when it redoes everything).
//!
//! `cargo run --release --example pipeline -- SITE_ROOT [OUTPUT] [REPEATS]`

use rolebook::diag::Diagnostics;
use rolebook::{load, render, resolve, write};
use std::path::PathBuf;
use std::time::Instant;

/// The allocator the `rolebook` binary uses, so the figures match it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().ok_or("usage: pipeline SITE_ROOT [OUTPUT] [REPEATS]")?);
    let output = args.next().map_or_else(|| std::env::temp_dir().join("rolebook-pipeline-out"), PathBuf::from);
    let repeats: usize = args.next().map_or(Ok(5), |r| r.parse())?;

    let total = Instant::now();
    let mut diagnostics = Diagnostics::new();
    let t = Instant::now();
    let loaded = load::load(&root, &mut diagnostics)?;
    let load_ms = ms(t);
    let t = Instant::now();
    let kb = resolve::resolve(&loaded, false, &mut diagnostics);
    let resolve_ms = ms(t);
    let t = Instant::now();
    let theme = render::theme::load(&root, &loaded.config.theme)?;
    let theme_ms = ms(t);
    let t = Instant::now();
    let (files, stats) = render::render(&kb, &loaded.config, &theme, &mut diagnostics);
    let render_ms = ms(t);
    let t = Instant::now();
    let output = write::check_output(&root, &output)?;
    write::write(&output, &files)?;
    let write_ms = ms(t);
    let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
    println!(
        "{} documents, {} pages, {:.1} MiB: load {load_ms:.0} ms, resolve {resolve_ms:.0} ms, theme {theme_ms:.0} ms, \
         render {render_ms:.0} ms, write {write_ms:.0} ms, total {:.0} ms",
        loaded.documents.len(),
        stats.pages,
        bytes as f64 / 1048576.0,
        ms(total)
    );

    let mut runs = Vec::with_capacity(repeats);
    for _ in 0..repeats {
        let t = Instant::now();
        let mut diagnostics = Diagnostics::new();
        let loaded = load::load(&root, &mut diagnostics)?;
        let kb = resolve::resolve(&loaded, false, &mut diagnostics);
        let (files, _) = render::render(&kb, &loaded.config, &theme, &mut diagnostics);
        std::hint::black_box(files);
        runs.push(ms(t));
    }
    runs.sort_by(f64::total_cmp);
    if let Some(median) = runs.get(runs.len() / 2) {
        println!("load+resolve+render in-process, median of {repeats}: {median:.0} ms (all: {runs:.0?})");
    }
    Ok(())
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}
