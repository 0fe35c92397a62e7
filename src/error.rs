//! One error type for the library. Every variant that comes from a file names the file and,
//! where there is one, the line, so the window and the CLI can tell the user what to fix.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input itself is wrong: a CSV, a price book, a plan, a spec.
    #[error("{}{}: {message}", path.display(), line.map(|l| format!(": line {l}")).unwrap_or_default())]
    Input {
        path: PathBuf,
        line: Option<u64>,
        message: String,
    },
    /// The file could not be opened or read at all.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A setting given by the user is out of range or unknown (CLI exit code 2).
    #[error("{0}")]
    Setting(String),
    /// The user cancelled a long-running job.
    #[error("cancelled")]
    Cancelled,
    /// An engine failure that is not the user's fault.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    pub fn input(path: impl Into<PathBuf>, line: Option<u64>, message: impl Into<String>) -> Self {
        Error::Input {
            path: path.into(),
            line,
            message: message.into(),
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// True for mistakes in settings (exit 2), false for bad input files (exit 3).
    pub fn is_setting(&self) -> bool {
        matches!(self, Error::Setting(_))
    }
}

impl From<polars::error::PolarsError> for Error {
    fn from(e: polars::error::PolarsError) -> Self {
        Error::Internal(e.to_string())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
