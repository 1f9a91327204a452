//! What one edit costs in `serve`: starts a serve session on a copy of a
//! site, then edits entries the way an author does (a sentence in the body,
//! a new link, the summary, the tags, a typed link, a new alias) and times
//! each rebuild
//! until the browser could
//! be told to reload, with the number of pages re-rendered, and then the
//! search-index refresh that follows.
//!
//! `cargo run --release --example serve_edit -- SITE_ROOT [EDITS] [--other]`
//!
//! With `--other`, the edits are the rarer ones that leave the fast paths:
//! a new kind, a new `contrasts_with` pair, an entry turned into a draft.

use rolebook::serve::rebuild::{Rebuild, Session};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The allocator the `rolebook` binary uses, so the figures match it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let source = PathBuf::from(args.next().ok_or("usage: serve_edit SITE_ROOT [EDITS]")?);
    let edits: usize = args.next().map_or(Ok(9), |n| n.parse())?;
    let other = args.next().is_some_and(|a| a == "--other");
    let copy = tempfile::tempdir()?;
    copy_site(&source, copy.path())?;
    let root = copy.path().canonicalize()?;
    let start = Instant::now();
    let (mut session, first) = Session::start(&root, false)?;
    println!("start: {} pages in {:.0} ms", first.rendered, ms(start));
    let mut files = markdown_files(&root.join("content"))?;
    files.sort();
    let step = (files.len() / edits.max(1)).max(1);
    let of_kind = |kind: &str| -> Vec<PathBuf> {
        let line = format!("\nkind: {kind}\n");
        files.iter().filter(|f| other && std::fs::read_to_string(f).is_ok_and(|t| t.contains(&line))).cloned().collect()
    };
    let (roles, guides) = (of_kind("role"), of_kind("guide"));
    let mut rows: Vec<(&str, f64, usize, String, f64)> = Vec::new();
    for (n, path) in files.iter().step_by(step).take(edits).enumerate() {
        // A kind edit turns a guide into a concept (guides are only ever
        // `see_also` targets, so no relation rule breaks); contrasts are
        // between roles.
        let path = match (other, n % 3) {
            (true, 0) => guides.get(n * 7).unwrap_or(path),
            (true, 1) => roles.get(n * 7).unwrap_or(path),
            _ => path,
        };
        let text = std::fs::read_to_string(path)?;
        let (kind, edited) = if other {
            other_edit(n, &text, &roles)
        } else {
            match n % 6 {
                0 => ("body sentence", text.replacen("\n\n", "\n\nAn edited sentence.\n\n", 1)),
                3 => ("tags", text.replacen("tags: [", "tags: [edited, ", 1)),
                5 if text.contains("\naliases: [") => {
                    ("alias", text.replacen("\naliases: [", &format!("\naliases: [\"Edited alias {n}\", "), 1))
                }
                5 => ("alias", text.replacen("\nkind: ", &format!("\naliases: [\"Edited alias {n}\"]\nkind: "), 1)),
                4 => {
                    let target = stem(&files[(n * 7919) % files.len()]);
                    match text.contains("  see_also: [") {
                        true => ("typed link", text.replacen("  see_also: [", &format!("  see_also: [{target}, "), 1)),
                        false => {
                            ("typed link", text.replacen("links:\n", &format!("links:\n  see_also: [{target}]\n"), 1))
                        }
                    }
                }
                1 => ("new body link", format!("{text}\n\nSee [[{}]].\n", stem(&files[(n * 7919) % files.len()]))),
                _ if text.contains("summary: \"") => {
                    ("summary", text.replacen("summary: \"", "summary: \"Edited. ", 1))
                }
                _ => ("summary", text.replacen("summary: ", "summary: Edited. ", 1)),
            }
        };
        std::fs::write(path, edited)?;
        let t = Instant::now();
        let result = session.update(&BTreeSet::from([path.clone()]));
        let pages_ms = ms(t);
        check(&result, path)?;
        let t = Instant::now();
        drop(session.refresh_assets());
        let how = format!("{:?}", session.last_resolving());
        rows.push((kind, pages_ms, result.rendered, how, ms(t)));
    }
    println!("| edit | pages ready (ms) | pages re-rendered | resolved | search index + exports after (ms) |");
    println!("|---|---:|---:|---|---:|");
    for (kind, pages_ms, rendered, how, assets_ms) in &rows {
        println!("| {kind} | {pages_ms:.1} | {rendered} | {how} | {assets_ms:.0} |");
    }
    let mut times: Vec<f64> = rows.iter().map(|r| r.1).collect();
    times.sort_by(f64::total_cmp);
    if let Some(median) = times.get(times.len() / 2) {
        println!("median time to pages ready: {median:.1} ms over {} edits", times.len());
    }
    Ok(())
}

/// An edit off the fast paths: kind, contrast or draft.
fn other_edit(n: usize, text: &str, roles: &[PathBuf]) -> (&'static str, String) {
    match n % 3 {
        0 => ("kind", text.replacen("\nkind: guide", "\nkind: concept", 1)),
        1 if text.contains("\n  contrasts_with: [") => {
            let target = stem(&roles[(n * 7919) % roles.len().max(1)]);
            ("contrast", text.replacen("\n  contrasts_with: [", &format!("\n  contrasts_with: [{target}, "), 1))
        }
        1 => ("contrast (no role: summary)", text.replacen("summary: \"", "summary: \"Edited. ", 1)),
        _ => ("draft", text.replacen("\nkind: ", "\ndraft: true\nkind: ", 1)),
    }
}

fn check(result: &Rebuild, path: &Path) -> Result<(), Box<dyn std::error::Error>> {
    if result.files.is_none() {
        let error = result.diagnostics.iter().find(|d| d.severity == rolebook::diag::Severity::Error);
        return Err(format!("editing {} failed: {error:?}", path.display()).into());
    }
    Ok(())
}

fn stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

fn markdown_files(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for item in std::fs::read_dir(folder)? {
        let path = item?.path();
        if path.extension().is_some_and(|e| e == "md") {
            files.push(path);
        }
    }
    Ok(files)
}

fn copy_site(source: &Path, target: &Path) -> std::io::Result<()> {
    for item in walkdir::WalkDir::new(source) {
        let item = item?;
        let relative = item.path().strip_prefix(source).unwrap_or(item.path());
        let first = relative.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned());
        if !matches!(first.as_deref(), Some("content" | "themes" | "site.toml")) {
            continue;
        }
        if item.file_type().is_dir() {
            std::fs::create_dir_all(target.join(relative))?;
        } else {
            std::fs::copy(item.path(), target.join(relative))?;
        }
    }
    Ok(())
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}
