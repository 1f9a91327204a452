//! Fatal errors: conditions that stop a run before or outside the content
//! (I/O, a missing site, an unsafe output folder). Content problems are
//! diagnostics, never these. Every variant names the path it is about.

use std::path::PathBuf;

/// A fatal error; the CLI maps it to exit code 2.
#[derive(Debug)]
pub enum Error {
    /// Reading or writing a file or folder failed.
    Io {
        /// What was being done ("read", "create folder", …).
        action: &'static str,
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The root has no site.toml.
    NoSite(PathBuf),
    /// The output folder is somewhere rolebook must not replace.
    UnsafeOutput {
        /// The folder asked for.
        path: PathBuf,
        /// Why it was refused.
        reason: String,
    },
    /// A theme template could not be loaded.
    Theme(String),
    /// Another build held the output folder's lock for longer than a build waits.
    Busy {
        /// The output folder.
        output: PathBuf,
        /// The lock file beside it.
        lock: PathBuf,
        /// How long this build waited.
        waited: std::time::Duration,
    },
    /// The command cannot do what was asked (a file exists, an unknown kind,
    /// a git ref that does not resolve); the message says why.
    Usage(String),
}

impl Error {
    /// Wraps an I/O error with what was being done and where.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { action, path: path.into(), source }
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Io { action, path, source } => write!(f, "cannot {action} {}: {source}", path.display()),
            Error::NoSite(root) => write!(
                f,
                "{} has no site.toml; run rolebook in a site folder, pass --root DIR, or create one with `rolebook init`",
                root.display()
            ),
            Error::UnsafeOutput { path, reason } => {
                write!(f, "refusing to write the output to {}: {reason}", path.display())
            }
            Error::Theme(message) => write!(f, "theme error: {message}"),
            Error::Busy { output, lock, waited } => {
                let name = output.file_name().map_or_else(|| output.display().to_string(), |n| n.to_string_lossy().into());
                write!(
                    f,
                    "another build is writing {name}/ ({}); gave up after {} s waiting for the lock {}",
                    output.display(),
                    waited.as_secs(),
                    lock.display()
                )
            }
            Error::Usage(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// Result of an operation that can fail fatally.
pub type Result<T> = std::result::Result<T, Error>;
