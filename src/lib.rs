//! enrichplan: what enriching a contact list with Lusha will cost, before a credit is spent.
//!
//! A pure library (no UI types): reading lists and detecting columns ([`input`]), who is
//! who ([`identity`], [`analysis`]), prices as data ([`pricebook`]), the pricing function
//! ([`pricing`]), budgets, reports. The window ([`app`]) and the CLI ([`cli`]) are thin
//! faces over [`engine`].

pub mod account;
pub mod analysis;
#[cfg(feature = "gui")]
pub mod app;
pub mod budget;
pub mod calibrate;
pub mod cli;
pub mod cycle;
pub mod engine;
pub mod error;
pub mod fsutil;
pub mod html;
pub mod identity;
pub mod input;
pub mod normalize;
pub mod plan;
pub mod pricebook;
pub mod pricing;
pub mod progress;
pub mod reconcile;
pub mod report;
pub mod rows;
pub mod run;
pub mod segments;
pub mod subscription;
pub mod tally;
pub mod text;
pub mod workspace;

pub use error::{Error, Result};
