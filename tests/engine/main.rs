#![allow(clippy::unwrap_used)] // tests: a panic is a failed test
//! The engine and the command line, as users and scripts meet them: one test binary (each
//! binary links polars; one instead of ten saves CI disk and link time).

#[path = "../common/mod.rs"]
mod common;
#[path = "../support/gen.rs"]
mod generator;
#[path = "../support/reference.rs"]
mod reference;
#[path = "../support/stand_in.rs"]
mod stand_in;

mod account;
mod architecture;
mod cli;
mod corpus;
mod differential;
mod fuzz_regressions;
mod golden;
mod html;
mod identity_rules;
mod layouts;
mod plans;
mod roles;
mod rules;
mod seed_table;
mod streaming;
mod workbook;
mod workspace;
mod workspace_hand;
