//! The desktop window (eframe/egui): a thin face over [`crate::engine`].

use std::path::PathBuf;
use std::process::ExitCode;

pub fn run(_files: Vec<PathBuf>) -> ExitCode {
    eprintln!("the window is not built yet");
    ExitCode::from(1)
}
