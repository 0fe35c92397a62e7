//! The `enrichplan` binary: the CLI, or the window when no command is given.

use std::process::ExitCode;

fn main() -> ExitCode {
    match enrichplan::cli::run(std::env::args_os()) {
        enrichplan::cli::Action::Exit(code) => code,
        enrichplan::cli::Action::Window(files) => enrichplan::app::run(files),
    }
}
