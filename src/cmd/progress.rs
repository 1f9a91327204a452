//! Output for people: a spinner on stderr for builds that take longer than
//! a second, shown only when stdout and stderr are terminals (never in CI
//! logs or pipes), and colour helpers for the summary lines.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long a build runs before the spinner appears.
const DELAY: Duration = Duration::from_secs(1);
const FRAMES: [char; 4] = ['|', '/', '-', '\\'];

/// A spinner that appears after [`DELAY`] and is erased by [`Progress::finish`].
pub(crate) struct Progress {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts the timer; `label` is what the spinner says ("building").
    pub(crate) fn start(label: &'static str, quiet: bool) -> Self {
        let stop = Arc::new(AtomicBool::new(false));
        let enabled = !quiet && std::io::stdout().is_terminal() && std::io::stderr().is_terminal();
        let thread = enabled.then(|| {
            let stop = Arc::clone(&stop);
            std::thread::spawn(move || spin(label, &stop))
        });
        Progress { stop, thread }
    }

    /// Stops and erases the spinner.
    pub(crate) fn finish(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn spin(label: &str, stop: &AtomicBool) {
    let start = Instant::now();
    let mut shown = false;
    let mut frame = 0;
    while !stop.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(100));
        let elapsed = start.elapsed();
        if elapsed < DELAY {
            continue;
        }
        shown = true;
        frame = (frame + 1) % FRAMES.len();
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{} {label}… {:.0} s", FRAMES[frame], elapsed.as_secs_f64());
        let _ = err.flush();
    }
    if shown {
        let _ = write!(std::io::stderr().lock(), "\r\x1b[2K");
    }
}

/// Whether stdout gets colour: only on a terminal, never with `NO_COLOR`.
pub(crate) fn stdout_color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}

/// `text` in bold green when `color`.
pub(crate) fn green(text: &str, color: bool) -> String {
    if color {
        format!("\x1b[1;32m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

/// `text` in bold red when `color`.
pub(crate) fn red(text: &str, color: bool) -> String {
    if color {
        format!("\x1b[1;31m{text}\x1b[0m")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_only_when_asked() {
        assert_eq!(green("built", false), "built");
        assert_eq!(green("built", true), "\x1b[1;32mbuilt\x1b[0m");
        assert_eq!(red("failed", true), "\x1b[1;31mfailed\x1b[0m");
    }

    #[test]
    fn a_disabled_spinner_finishes_at_once() {
        Progress::start("building", true).finish();
    }
}
