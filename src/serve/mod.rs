//! `rolebook serve`: the dev loop wrapped around the pure pipeline.
//!
//! 1. build once in memory ([`rebuild`]) and publish it as a `state` snapshot;
//! 2. answer HTTP on loopback from the snapshot (`server`, `http`);
//! 3. watch the sources (`watch`); each debounced batch reruns the
//!    pipeline; a good result swaps in (unchanged files are shared), a bad one
//!    keeps the last good build and adds an error `overlay` to pages;
//! 4. tell open tabs to reload over server-sent events (`reload`).
//!
//! Nothing is written to disk, so stopping (Ctrl-C) leaves nothing behind.

mod affected;
mod connections;
mod deadline;
mod follow;
mod good;
mod host;
mod http;
mod overlay;
mod pending;
pub mod rebuild;
mod reload;
mod server;
mod state;
mod watch;

use crate::diag::{self, Diagnostic};
use crate::error::{Error, Result};
use crate::term::{errln, escape, outln};
use notify_debouncer_full::DebounceEventResult;
use rebuild::Rebuild;
use server::Shared;
use state::{Change, Site};
use std::collections::BTreeSet;
use std::net::{SocketAddr, TcpListener};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

/// How to serve.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site folder.
    pub root: PathBuf,
    /// Address to listen on (loopback unless asked otherwise).
    pub bind: String,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Include drafts.
    pub drafts: bool,
    /// Open the site in a browser once it is up.
    pub open: bool,
}

/// What wakes the main loop.
#[derive(Debug)]
pub(crate) enum Signal {
    /// A debounced batch of file events.
    Files(DebounceEventResult),
    /// Ctrl-C.
    Stop,
}

/// Builds, serves and rebuilds until Ctrl-C. Fails only when the site
/// cannot be served at all (no site.toml, port taken, …); content errors,
/// at start or later, are shown in the pages and the terminal.
pub fn run(options: &Options) -> Result<()> {
    let root = options.root.canonicalize().map_err(|e| Error::io("open", &options.root, e))?;
    let (signals, receiver) = mpsc::channel();
    let mut watch = watch::start(&root, signals.clone())?;
    let (mut pipeline, first) = rebuild::Session::start_pages_first(&root, options.drafts)?;
    let site = Site::new(session());
    let title = first.title.clone();
    let mut shown = report(&first, None);
    site.apply(first, 1);
    let listener = bind(&options.bind, options.port)?;
    let url = url_of(&listener, &options.bind)?;
    let loopback = is_loopback(&listener);
    let address = listener.local_addr().map_err(|e| Error::io("listen on", &options.bind, e))?;
    let hosts = host::HostCheck::for_address(address);
    let shared = Arc::new(Shared { site, hub: reload::Hub::default(), hosts });
    let accepting = Arc::clone(&shared);
    std::thread::Builder::new()
        .name("rolebook-accept".into())
        .spawn(move || server::accept(listener, accepting))
        .map_err(|e| Error::io("start the server on", &url, e))?;
    if ctrlc::set_handler(move || drop(signals.send(Signal::Stop))).is_err() {
        errln!("warning: cannot catch Ctrl-C; stopping will end the process at once");
    }
    outln!("serving {} at {url} (Ctrl-C to stop)", escape(&title));
    if !loopback {
        errln!("warning: listening on {}: anyone who can reach this address can read the site", options.bind);
    }
    if options.open {
        open_browser(&url);
    }
    // The search index and exports of the first build, once pages are served.
    if let Some((update, _)) = pipeline.refresh_assets() {
        shared.site.apply_quietly(update);
    }
    watch_loop(&mut pipeline, &mut watch, &receiver, &shared, &mut shown);
    outln!("stopped");
    Ok(())
}

fn watch_loop(
    session: &mut rebuild::Session,
    watch: &mut watch::Watch,
    receiver: &Receiver<Signal>,
    shared: &Shared,
    shown: &mut Vec<Diagnostic>,
) {
    let mut generation = 1;
    while let Ok(first) = receiver.recv() {
        let mut paths = BTreeSet::new();
        // Batches that arrived meanwhile (e.g. during a long rebuild) share one rebuild.
        for next in std::iter::once(first).chain(receiver.try_iter()) {
            match next {
                Signal::Stop => return,
                Signal::Files(batch) => paths.extend(changed(watch, &batch)),
            }
        }
        if paths.is_empty() {
            continue;
        }
        generation += 1;
        let result = session.update(&paths);
        let (elapsed, rendered) = (result.elapsed, result.rendered);
        *shown = report(&result, Some(shown));
        let failed = result.files.is_none();
        let (change, reload) = shared.site.apply(result, generation);
        if reload {
            shared.hub.reload(&shared.site.snapshot().token);
        }
        if !failed {
            outln!("rebuilt in {} ms: {}", elapsed.as_millis(), describe(change, rendered));
        }
        // The search index and exports follow; pages do not show them.
        if let Some((update, elapsed)) = session.refresh_assets() {
            let change = shared.site.apply_quietly(update);
            outln!(
                "search index and exports updated in {} ms ({} file(s) changed)",
                elapsed.as_millis(),
                change.others
            );
        }
    }
}

fn changed(watch: &mut watch::Watch, batch: &DebounceEventResult) -> BTreeSet<PathBuf> {
    match batch {
        Ok(events) => watch.relevant(events),
        Err(errors) => {
            for error in errors {
                errln!("warning: watching files: {}", escape(&error.to_string()));
            }
            BTreeSet::new()
        }
    }
}

/// Prints a run's diagnostics when they differ from the ones shown last,
/// and a line when it failed. Returns what is now shown.
fn report(result: &Rebuild, shown: Option<&[Diagnostic]>) -> Vec<Diagnostic> {
    if shown != Some(result.diagnostics.as_slice()) {
        crate::diag::print::print_human(&result.diagnostics);
    }
    if result.files.is_none() {
        let (errors, _) = diag::count(&result.diagnostics);
        let kept = if shown.is_some() { "still serving the last good build" } else { "serving an error page" };
        errln!("build failed in {} ms with {errors} error(s); {kept} until they are fixed", result.elapsed.as_millis());
    }
    result.diagnostics.clone()
}

fn describe(change: Change, rendered: usize) -> String {
    let mut text = format!("re-rendered {rendered} of {} pages, {} changed", change.total_pages, change.pages);
    if change.others > 0 {
        text.push_str(&format!(", {} other file(s)", change.others));
    }
    text
}

fn bind(address: &str, port: u16) -> Result<TcpListener> {
    TcpListener::bind((address, port)).map_err(|e| {
        let hint = if e.kind() == std::io::ErrorKind::AddrInUse { " (pass --port 0 to pick a free port)" } else { "" };
        Error::io("listen on", format!("{address}:{port}{hint}"), e)
    })
}

fn url_of(listener: &TcpListener, bind: &str) -> Result<String> {
    let address = listener.local_addr().map_err(|e| Error::io("listen on", bind, e))?;
    Ok(match address {
        SocketAddr::V4(v4) => format!("http://{}:{}/", v4.ip(), v4.port()),
        SocketAddr::V6(v6) => format!("http://[{}]:{}/", v6.ip(), v6.port()),
    })
}

fn is_loopback(listener: &TcpListener) -> bool {
    listener.local_addr().is_ok_and(|a| a.ip().is_loopback())
}

/// Distinguishes this run from earlier ones in the pages' reload tokens.
fn session() -> String {
    let nanos = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    format!("{:x}", nanos ^ u128::from(std::process::id()))
}

/// Opens `url` with the platform's opener when there is one; never fails.
fn open_browser(url: &str) {
    let mut command = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("cmd");
        c.args(["/C", "start", ""]);
        c
    } else if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else {
        std::process::Command::new("xdg-open")
    };
    let spawned = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match spawned {
        Ok(mut child) => drop(std::thread::spawn(move || child.wait())),
        Err(_) => errln!("note: could not open a browser; visit {url}"),
    }
}
