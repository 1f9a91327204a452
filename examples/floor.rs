//! The floor under any build made of rolebook's chosen crates: read every
//! content file, parse its front matter with serde_yaml and its body with
//! pulldown-cmark (to HTML), fill one small tera template per page and write
//! the page. No links, checks, lists, search or exports: what is left is the
//! cost of the crates and the file system alone, to set a full build against
//! (BENCHMARKS.md, "The floor").
//!
//! `cargo run --release --example floor -- SITE_ROOT [OUTPUT] [ROUNDS]`

use pulldown_cmark::{html, Parser};
use rayon::prelude::*;
use rolebook::markdown::links::markdown_options;
use rolebook::usage::cpu_time;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The allocator the `rolebook` binary uses, so the figures match it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const PAGE: &str = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{{ title }}</title>\
<link rel=\"stylesheet\" href=\"style.css\"></head><body><main><h1>{{ title }}</h1>{{ body | safe }}</main></body></html>";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let root = PathBuf::from(args.next().ok_or("usage: floor SITE_ROOT [OUTPUT] [ROUNDS]")?);
    let output = args.next().map_or_else(|| std::env::temp_dir().join("rolebook-floor-out"), PathBuf::from);
    let rounds: usize = args.next().map_or(Ok(5), |r| r.parse())?;
    let files = markdown_files(&root.join("content"));
    let mut tera = tera::Tera::default();
    tera.add_raw_template("page.html", PAGE)?;
    println!("{} files; per round: wall ms, CPU ms (user + system, all threads)", files.len());
    for round in 1..=rounds {
        let _ = std::fs::remove_dir_all(&output);
        std::fs::create_dir_all(&output)?;
        let (cpu, wall) = (cpu_time(), Instant::now());
        let bytes: usize = files.par_iter().map(|file| page(file, &tera, &output)).sum();
        let cpu = cpu_time().zip(cpu).map(|(after, before)| after.saturating_sub(before));
        let cpu = cpu.map_or_else(|| "?".to_owned(), |c| format!("{:.0}", c.as_secs_f64() * 1000.0));
        println!("round {round}: {:.0} ms wall, {cpu} ms CPU, {} MiB written", ms(wall), bytes >> 20);
    }
    Ok(())
}

/// One page: read, split, parse both halves, render, write; returns the bytes written.
fn page(file: &Path, tera: &tera::Tera, output: &Path) -> usize {
    let Ok(text) = std::fs::read_to_string(file) else { return 0 };
    let (front, body) = split(&text);
    let yaml: serde_yaml::Value = serde_yaml::from_str(front).unwrap_or(serde_yaml::Value::Null);
    let title = yaml.get("title").and_then(serde_yaml::Value::as_str).unwrap_or("untitled");
    let mut body_html = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut body_html, Parser::new_ext(body, markdown_options()));
    let mut context = tera::Context::new();
    context.insert("title", title);
    context.insert("body", &body_html);
    let Ok(page) = tera.render("page.html", &context) else { return 0 };
    let name = file.file_stem().map_or_else(|| "page".into(), |s| s.to_string_lossy().into_owned());
    match std::fs::write(output.join(format!("{name}.html")), &page) {
        Ok(()) => page.len(),
        Err(_) => 0,
    }
}

fn split(text: &str) -> (&str, &str) {
    let Some(rest) = text.strip_prefix("---\n") else { return ("", text) };
    match rest.find("\n---\n") {
        Some(end) => (&rest[..end], &rest[end + 5..]),
        None => ("", text),
    }
}

fn markdown_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.sort();
    files
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}
