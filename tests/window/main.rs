#![allow(clippy::unwrap_used)] // tests: a panic is a failed test
//! The window driven through egui_kittest: one test binary for every window test.

#[path = "../common/mod.rs"]
mod common;
#[path = "../support/stand_in.rs"]
mod stand_in;

mod a11y;
mod account;
mod harness;
mod plans;
mod window;
mod workspace;
// Needs a software renderer and system fonts (`.ci/run` installs them).
#[cfg(feature = "snapshots")]
mod snapshots;
