//! `rolebook build`: load → resolve → render → write; nothing is written
//! when any error diagnostic exists.

use super::{print_human_capped, Outcome};
use crate::cli::BuildArgs;
use crate::diag::{self, Diagnostic, Diagnostics};
use crate::error::Result;
use crate::render::{self, RenderStats};
use crate::term::{errln, outln};
use crate::{load, resolve, write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How many diagnostics `build` prints in full; the rest are counted by code.
const BUILD_SHOWN: usize = 20;

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Page counts.
    pub stats: RenderStats,
    /// The output folder.
    pub output: PathBuf,
    /// Every diagnostic, levels applied, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the output was replaced (false when there were errors).
    pub written: bool,
    /// Wall time.
    pub elapsed: Duration,
    /// Each stage, in order, with its wall and CPU time and the peak memory so far.
    pub timings: Vec<StageTiming>,
    /// The site as loaded and resolved, handed back so that a process about
    /// to exit can skip freeing it (hundreds of thousands of allocations on
    /// a large site); dropping it is fine too.
    pub leftovers: Leftovers,
}

/// One stage of a build, as `--timings` prints it.
#[derive(Debug, Clone, Copy)]
pub struct StageTiming {
    /// What the stage does.
    pub stage: &'static str,
    /// Wall time.
    pub wall: Duration,
    /// User + system CPU time of the whole process (all threads) during the
    /// stage, where the system tells: on a busy machine this moves far less
    /// than wall time, so it is the figure to compare.
    pub cpu: Option<Duration>,
    /// Peak resident memory so far, in KiB, where the system tells.
    pub peak_kib: Option<u64>,
}

/// What a build read and resolved; see [`BuildReport::leftovers`].
#[derive(Debug)]
pub struct Leftovers {
    /// The loaded site.
    pub loaded: load::Loaded,
    /// The knowledge base.
    pub kb: resolve::KnowledgeBase,
}

/// Builds the site at `root` into `output` (default `root/public`);
/// `approved_only` leaves proposed entries out whatever site.toml says.
pub fn build(root: &Path, output: Option<&Path>, drafts: bool, approved_only: bool) -> Result<BuildReport> {
    let start = Instant::now();
    let output = output.map_or_else(|| root.join("public"), Path::to_path_buf);
    let output = write::check_output(root, &output)?;
    let mut timings = Vec::new();
    let mut lap = Instant::now();
    let mut cpu_lap = crate::usage::cpu_time();
    let mut time = |stage: &'static str| {
        let cpu_now = crate::usage::cpu_time();
        let cpu = cpu_now.zip(cpu_lap).map(|(now, before)| now.saturating_sub(before));
        timings.push(StageTiming { stage, wall: lap.elapsed(), cpu, peak_kib: crate::usage::peak_memory_kib() });
        lap = Instant::now();
        cpu_lap = cpu_now;
    };
    let mut diagnostics = Diagnostics::new();
    let mut loaded = load::load(root, &mut diagnostics)?;
    loaded.config.approved_only |= approved_only;
    time("load (read, split, parse YAML and Markdown)");
    let kb = resolve::resolve(&loaded, drafts, &mut diagnostics);
    // Freed before rendering starts, on every core: rendering then reuses
    // the memory (freed while pages rendered, it raised the peak by a
    // tenth and cost a page fault per 4 KB of it).
    loaded.take_sources().free();
    time("resolve");
    let theme = render::theme::load(root, &loaded.config.theme)?;
    theme.skipped.iter().for_each(|d| diagnostics.push(d.clone()));
    let title_of = |name: &str| kb.lookup(name).map(|id| kb.entries[id].title.clone());
    // Two git processes that wait on the disk: side by side.
    let (dates, changes) =
        rayon::join(|| render::git_dates::collect(root), || crate::history::recent(root, &loaded.config, &title_of));
    time("theme and git history");
    let input = render::Input::of(&kb, &loaded.config, &theme, &dates).with_changes(&changes);
    let rules = &loaded.config.rules;
    let clean_so_far = !diagnostics.has_errors(rules);
    // Pages go to disk as they are rendered; the staging folder is only
    // swapped in when the whole build is free of errors.
    let (stats, staging) = if clean_so_far {
        let staging = write::Staging::begin(&output)?;
        let stats = render::render_streamed(&input, &mut diagnostics, &|files| staging.add_all(&files))?;
        // Assets and static files last: a generated file of the same path
        // stays (and the collision is an error, so nothing is swapped in).
        staging.copy_all(&render::site_files::copies(root, &kb.files))?;
        (stats, Some(staging))
    } else {
        // Still render, for the template errors, but keep nothing.
        (render::render_for_diagnostics(&input, &mut diagnostics), None)
    };
    time("render and write");
    let diagnostics = diagnostics.finish(rules);
    let (errors, _) = diag::count(&diagnostics);
    if let Some(staging) = staging.filter(|_| errors == 0) {
        staging.commit()?;
    }
    time("swap in, remove the previous output");
    let leftovers = Leftovers { loaded, kb };
    Ok(BuildReport { stats, output, diagnostics, written: errors == 0, elapsed: start.elapsed(), timings, leftovers })
}

pub(super) fn run(args: &BuildArgs) -> Result<Outcome> {
    let progress = super::progress::Progress::start("building", args.quiet);
    let report = build(&args.root, args.output.as_deref(), args.drafts, args.approved_only);
    progress.finish();
    let report = report?;
    // The process ends right after this: let the system reclaim the site.
    std::mem::forget(report.leftovers);
    if args.timings {
        for timing in &report.timings {
            errln!("{}", timing_line(timing));
        }
    }
    let shown: Vec<Diagnostic> = if args.quiet {
        report.diagnostics.iter().filter(|d| d.severity == diag::Severity::Error).cloned().collect()
    } else {
        report.diagnostics.clone()
    };
    print_human_capped(&shown, BUILD_SHOWN);
    if !report.written {
        let failed = super::progress::red("build failed", super::use_color());
        errln!("{failed}: nothing was written; {} is unchanged", report.output.display());
        return Ok(Outcome::ContentErrors);
    }
    if !args.quiet {
        let s = report.stats;
        outln!(
            "{} {}, {}, {} in {:.2} s → {}",
            super::progress::green("built", super::progress::stdout_color()),
            counted(s.entries, "entry", "entries"),
            counted(s.comparisons, "comparison", "comparisons"),
            counted(s.pages, "page", "pages"),
            report.elapsed.as_secs_f64(),
            report.output.display()
        );
    }
    Ok(Outcome::Success)
}

/// `1 entry`, `3 entries`.
pub(super) fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `  1234.5 ms  load  (CPU 2100.0 ms, peak memory so far 208 MiB)`.
fn timing_line(timing: &StageTiming) -> String {
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mut notes = Vec::new();
    if let Some(cpu) = timing.cpu {
        notes.push(format!("CPU {:.1} ms", ms(cpu)));
    }
    if let Some(kib) = timing.peak_kib {
        notes.push(format!("peak memory so far {} MiB", kib / 1024));
    }
    let notes = if notes.is_empty() { String::new() } else { format!("  ({})", notes.join(", ")) };
    format!("{:>8.1} ms  {}{notes}", ms(timing.wall), timing.stage)
}
