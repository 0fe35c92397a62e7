//! The `enrichplan` binary: the CLI, or the window when no command is given.

use std::process::ExitCode;

fn main() -> ExitCode {
    match enrichplan::cli::run(std::env::args_os()) {
        enrichplan::cli::Action::Exit(code) => code,
        #[cfg(feature = "gui")]
        enrichplan::cli::Action::Window(files) => enrichplan::app::run(files),
        #[cfg(not(feature = "gui"))]
        enrichplan::cli::Action::Window(_) => {
            eprintln!(
                "enrichplan: this build has no window (built without the `gui` feature); use `enrichplan estimate`"
            );
            ExitCode::from(2)
        }
    }
}
