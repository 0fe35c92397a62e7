//! The window driven through egui_kittest: one test binary for every window test.

#[path = "../common/mod.rs"]
mod common;

mod plans;
mod window;
mod workspace;
