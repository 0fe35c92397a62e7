//! The command line (cli.md): raw flags are turned once into validated settings, then the
//! same engine as the window runs. Exit codes: 0 success, 2 bad arguments, 3 bad input,
//! 4 the account could not be read.
//!
//! By layer: `args` (the clap definitions), `lower` (flags turned into validated
//! settings), `estimate` (the estimate command), `tools` (the other commands); this file
//! dispatches and maps errors to exit codes. `account` is the live account (its command and
//! what `estimate --account` takes from it).

mod account;
mod args;
mod estimate;
mod lower;
mod tools;

pub use args::{AccountAction, AccountArgs, Cli, EstimateArgs, Format, Tool};

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use self::estimate::*;
use self::tools::*;
use crate::error::Error;

/// What `main` should do after parsing.
pub enum Action {
    /// Open the window on these files.
    Window(Vec<PathBuf>),
    Exit(ExitCode),
}

/// Run a command-line invocation; window commands are handed back to `main`.
pub fn run(args: impl IntoIterator<Item = std::ffi::OsString>) -> Action {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return Action::Exit(ExitCode::from(if e.use_stderr() { 2 } else { 0 }));
        }
    };
    let result = match cli.command {
        None => return open_files(cli.files),
        Some(Tool::Open { files }) => return Action::Window(files),
        Some(Tool::Estimate(a)) => run_estimate(&a),
        Some(Tool::Account(a)) => self::account::run_account(&a),
        Some(Tool::Pricebooks { format }) => run_pricebooks(format),
        Some(Tool::Reconcile {
            usage,
            plan,
            from,
            to,
            format,
        }) => run_reconcile(&usage, &plan, from.as_deref(), to.as_deref(), format),
        Some(Tool::Calibrate {
            files,
            save_assumptions,
            format,
        }) => run_calibrate(&files, save_assumptions.as_deref(), format),
        Some(Tool::Compare {
            plans,
            format,
            report_out,
        }) => run_compare(&plans, format, report_out.as_deref()),
        Some(Tool::Completions { shell }) => print_completions(shell),
        Some(Tool::Manpages { dir }) => write_manpages(&dir),
    };
    match result {
        Ok(()) => Action::Exit(ExitCode::SUCCESS),
        Err(e) => {
            eprintln!("enrichplan: error: {e}");
            Action::Exit(ExitCode::from(exit_code(&e)))
        }
    }
}

/// `enrichplan FILE…`: the window on those files, unless the first word is a mistyped
/// command (no such file and no file extension), which is an argument error like any other.
pub(super) fn open_files(files: Vec<PathBuf>) -> Action {
    if let Some(first) = files.first()
        && !first.exists()
        && first.extension().is_none()
        && first.components().count() == 1
    {
        let word = first.to_string_lossy();
        let known: Vec<String> = <Cli as clap::CommandFactory>::command()
            .get_subcommands()
            .filter(|c| !c.is_hide_set())
            .map(|c| c.get_name().to_string())
            .collect();
        eprintln!(
            "enrichplan: error: `{word}` is neither a command nor a file; the commands are {} (see enrichplan --help)",
            known.join(", ")
        );
        return Action::Exit(ExitCode::from(2));
    }
    Action::Window(files)
}

pub fn exit_code(e: &Error) -> u8 {
    match e {
        Error::Setting(_) => 2,
        Error::Input { .. } | Error::Io { .. } | Error::Cancelled => 3,
        Error::Account(_) => 4,
        // cli.md: 5 an internal error (not the user's arguments, not their file).
        Error::Internal(_) => 5,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// cli.md's exit codes, one per kind of failure: 2 bad arguments, 3 unreadable or
    /// invalid input, 4 the account, 5 an internal error.
    #[test]
    fn each_kind_of_failure_has_its_exit_code() {
        assert_eq!(exit_code(&Error::Setting("x".into())), 2);
        assert_eq!(exit_code(&crate::error::Invalid::new("x").into()), 2);
        assert_eq!(exit_code(&Error::input("f.csv", Some(3), "x")), 3);
        let io = Error::io("f.csv", std::io::Error::from(std::io::ErrorKind::NotFound));
        assert_eq!(exit_code(&io), 3);
        assert_eq!(
            exit_code(&crate::error::Invalid::new("x").in_file("f.csv", None)),
            3
        );
        assert_eq!(exit_code(&Error::Account("x".into())), 4);
        assert_eq!(exit_code(&Error::Internal("x".into())), 5);
    }
}
