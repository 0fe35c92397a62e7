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
    #[error("{}: {}", path.display(), io_words(source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A setting given by the user is out of range or unknown (CLI exit code 2).
    #[error("{0}")]
    Setting(String),
    /// The live account could not be read (no key, network, 401, 403, 429, 5xx, a bad
    /// answer): CLI exit code 4. The message says which and what to do, never the key.
    #[error("{0}")]
    Account(String),
    /// The user cancelled a long-running job.
    #[error("cancelled")]
    Cancelled,
    /// An engine failure that is not the user's fault.
    #[error("internal error: {0}")]
    Internal(String),
}

/// A value out of its bounds or unreadable, found before it is known where it came from:
/// the caller says whether it was a setting (`From` makes it [`Error::Setting`], exit 2) or
/// a field of a file ([`Invalid::in_file`], exit 3 with the file and line).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Invalid(pub String);

impl Invalid {
    pub fn new(message: impl Into<String>) -> Invalid {
        Invalid(message.into())
    }

    /// The same problem, said of `what` ("settings: batch size 0 is outside 1..=100").
    pub fn within(self, what: impl std::fmt::Display) -> Invalid {
        Invalid(format!("{what}: {}", self.0))
    }

    /// The problem as one of a file's, at a line when known.
    pub fn in_file(self, path: impl Into<PathBuf>, line: Option<u64>) -> Error {
        Error::input(path, line, self.0)
    }
}

impl From<Invalid> for Error {
    fn from(i: Invalid) -> Self {
        Error::Setting(i.0)
    }
}

/// An I/O error in words, without the system's "(os error 2)".
pub fn io_words(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "no such file or folder (moved, renamed or deleted?)".into(),
        K::PermissionDenied => "permission denied".into(),
        K::IsADirectory => "this is a folder, not a file".into(),
        K::AlreadyExists => "it exists already".into(),
        K::StorageFull => "the disk is full".into(),
        K::ReadOnlyFilesystem => "the disk is read-only".into(),
        _ => {
            let t = e.to_string();
            match t.find(" (os error ") {
                Some(i) => t[..i].to_string(),
                None => t,
            }
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_read_without_the_os_code() {
        let e = Error::io(
            "list.csv",
            std::io::Error::from_raw_os_error(2), // ENOENT
        );
        assert_eq!(
            e.to_string(),
            "list.csv: no such file or folder (moved, renamed or deleted?)"
        );
        let e = Error::io("x", std::io::Error::other("odd (os error 99)"));
        assert_eq!(e.to_string(), "x: odd");
    }
}
