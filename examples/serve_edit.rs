//! What one edit costs in `serve`: starts a serve session on a copy of a
//! site, then edits entries the way an author does (a sentence in the body,
//! a new link, the summary, the tags, a typed link, a new alias) and times
//! each rebuild
//! until the browser could
//! be told to reload, with the number of pages re-rendered, and then the
//! search-index refresh that follows.
//!
//! `cargo run --release --example serve_edit -- SITE_ROOT [EDITS] [--other|--add|--delete|--rename]`
//!
//! With `--other`, the edits are the rarer ones that leave the fast paths:
//! a new kind, a new `contrasts_with` pair, an entry turned into a draft.
//! `--add` creates new entries (each linking to entries across the site in
//! its body and with a typed link, with tags), `--delete` deletes such
//! entries (added first, untimed), `--rename` alternately renames such an
//! entry (a new slug) and moves an entry of the site into a folder (the
//! same slug, so links to it still resolve). Every mode ends with the
//! median and 95th percentile of the time to pages ready.

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
    let mode = args.next().unwrap_or_default();
    let other = mode == "--other";
    let copy = tempfile::tempdir()?;
    copy_site(&source, copy.path())?;
    let root = copy.path().canonicalize()?;
    let start = Instant::now();
    let (mut session, first) = Session::start(&root, false)?;
    println!("start: {} pages in {:.0} ms", first.rendered, ms(start));
    let mut files = markdown_files(&root.join("content"))?;
    files.sort();
    if let Some(moves) = Moves::of(&mode) {
        let rows = moves.run(&mut session, &root, &files, edits)?;
        print_rows(&rows);
        return Ok(());
    }
    let step = (files.len() / edits.max(1)).max(1);
    let of_kind = |kind: &str| -> Vec<PathBuf> {
        let line = format!("\nkind: {kind}\n");
        files.iter().filter(|f| other && std::fs::read_to_string(f).is_ok_and(|t| t.contains(&line))).cloned().collect()
    };
    let (roles, guides) = (of_kind("role"), of_kind("guide"));
    let mut rows: Vec<Row<'_>> = Vec::new();
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
        let (t, cpu) = (Instant::now(), cpu_ms());
        let result = session.update(&BTreeSet::from([path.clone()]));
        let (pages_ms, cpu) = (ms(t), cpu_ms() - cpu);
        check(&result, path)?;
        let t = Instant::now();
        drop(session.refresh_assets());
        let how = format!("{:?}", session.last_resolving());
        rows.push((kind, pages_ms, result.rendered, how, ms(t), cpu));
    }
    print_rows(&rows);
    Ok(())
}

/// One timed edit: its kind, ms to pages ready, pages re-rendered, how it
/// resolved, ms for the search index and exports after, and the CPU time
/// of the update (all threads).
type Row<'a> = (&'a str, f64, usize, String, f64, f64);

fn print_rows(rows: &[Row<'_>]) {
    println!("| edit | pages ready (ms) | CPU, all threads (ms) | pages re-rendered | resolved | search index + exports after (ms) |");
    println!("|---|---:|---:|---:|---|---:|");
    for (kind, pages_ms, rendered, how, assets_ms, cpu_ms) in rows {
        println!("| {kind} | {pages_ms:.1} | {cpu_ms:.1} | {rendered} | {how} | {assets_ms:.0} |");
    }
    let mut times: Vec<f64> = rows.iter().map(|r| r.1).collect();
    times.sort_by(f64::total_cmp);
    // Nearest rank: the smallest time at least this share of edits took.
    let rank = |share: f64| times.get(((share * times.len() as f64).ceil() as usize).max(1) - 1).copied();
    if let (Some(p50), Some(p95), Some(max)) = (rank(0.5), rank(0.95), times.last()) {
        println!("time to pages ready over {} edits: p50 {p50:.1} ms, p95 {p95:.1} ms, max {max:.1} ms", times.len());
    }
    let mut cpu: Vec<f64> = rows.iter().map(|r| r.5).collect();
    cpu.sort_by(f64::total_cmp);
    if let Some(median) = cpu.get(cpu.len() / 2) {
        println!("median CPU time per update (all threads): {median:.1} ms");
    }
}

/// CPU time used so far by the process's live threads (Linux; 0 elsewhere):
/// unlike wall time, the machine's other load does not inflate it.
fn cpu_ms() -> f64 {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else { return 0.0 };
    let nanos: u64 = tasks
        .filter_map(Result::ok)
        .filter_map(|task| std::fs::read_to_string(task.path().join("schedstat")).ok())
        .filter_map(|stat| stat.split_whitespace().next().and_then(|n| n.parse::<u64>().ok()))
        .sum();
    nanos as f64 / 1e6
}

/// Files that come and go.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Moves {
    Add,
    Delete,
    Rename,
}

impl Moves {
    fn of(mode: &str) -> Option<Moves> {
        match mode {
            "--add" => Some(Moves::Add),
            "--delete" => Some(Moves::Delete),
            "--rename" => Some(Moves::Rename),
            _ => None,
        }
    }

    fn run(
        self,
        session: &mut Session,
        root: &Path,
        files: &[PathBuf],
        count: usize,
    ) -> Result<Vec<Row<'static>>, Box<dyn std::error::Error>> {
        let content = root.join("content");
        let added: Vec<PathBuf> = (0..count).map(|n| content.join(format!("bench-added-{n:03}.md"))).collect();
        let mut rows = Vec::new();
        if self != Moves::Add {
            // The entries to delete or rename, added in one untimed batch.
            for (n, path) in added.iter().enumerate() {
                std::fs::write(path, new_entry(n, files))?;
            }
            check(&session.update(&added.iter().cloned().collect()), root)?;
            drop(session.refresh_assets());
        }
        let step = (files.len() / count.max(1)).max(1);
        for (n, path) in added.iter().enumerate() {
            let (kind, changed) = match self {
                Moves::Add => {
                    std::fs::write(path, new_entry(n, files))?;
                    ("add", vec![path.clone()])
                }
                Moves::Delete => {
                    std::fs::remove_file(path)?;
                    ("delete", vec![path.clone()])
                }
                Moves::Rename if n % 2 == 0 => {
                    let to = content.join(format!("bench-renamed-{n:03}.md"));
                    std::fs::rename(path, &to)?;
                    ("rename (new slug)", vec![path.clone(), to])
                }
                Moves::Rename => {
                    let from = &files[(n * step) % files.len()];
                    let to = content.join("moved").join(from.file_name().ok_or("no file name")?);
                    std::fs::create_dir_all(content.join("moved"))?;
                    std::fs::rename(from, &to)?;
                    ("move to a folder (same slug)", vec![from.clone(), to])
                }
            };
            let (t, cpu) = (Instant::now(), cpu_ms());
            let result = session.update(&changed.into_iter().collect());
            let (pages_ms, cpu) = (ms(t), cpu_ms() - cpu);
            check(&result, path)?;
            let t = Instant::now();
            drop(session.refresh_assets());
            rows.push((kind, pages_ms, result.rendered, format!("{:?}", session.last_resolving()), ms(t), cpu));
        }
        Ok(rows)
    }
}

/// A new concept linking to three entries spread over the site (two in
/// its body, one typed), with tags.
fn new_entry(n: usize, files: &[PathBuf]) -> String {
    let pick = |k: usize| stem(&files[(n * 7919 + k * 104_729) % files.len()]);
    format!(
        "---\ntitle: \"Bench added {n:03}\"\nkind: concept\nsummary: \"A concept added while serving.\"\n\
         tags: [delivery, bench-added]\nlinks:\n  see_also: [{}]\n\
         sources:\n  - {{ title: \"Notes\", url: \"https://library.bench-glossary.org/bench\" }}\n---\n\
         Added next to [[{}]] and [[{}]].\n\n## Details\n\nMore text.\n",
        pick(0),
        pick(1),
        pick(2)
    )
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
