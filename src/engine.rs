//! The one entry point the window and the CLI share: load a list (and a log), analyse it,
//! price it. A number the window shows is the number the CLI prints because both call this.

use std::path::Path;

use chrono::NaiveDate;

use crate::analysis::{self, Analysis, RevealLog};
use crate::budget::{self, Fit};
use crate::cycle::Cycle;
use crate::error::Result;
use crate::input::reader::{self, ContactTable, ReadOptions};
use crate::input::roles::{self, Detection, Mapping, Role};
use crate::pricebook::PriceBook;
use crate::pricing::{self, BudgetStatus, Estimate, Settings};
use crate::progress::Progress;

/// Rows sampled for detecting roles from contents.
const PROFILE_SAMPLE: usize = 2000;

/// A loaded list with its proposed mapping.
#[derive(Clone, Debug)]
pub struct LoadedList {
    pub table: ContactTable,
    pub detection: Detection,
}

pub fn load_list(path: &Path, opts: &ReadOptions, progress: &Progress) -> Result<LoadedList> {
    let table = reader::read_table(path, opts, progress)?;
    let detection = roles::detect(&table.headers, &table.profiles(PROFILE_SAMPLE), &Role::LIST);
    Ok(LoadedList { table, detection })
}

/// A reveal log: roles detected like a list's, plus its date column.
pub fn load_log(path: &Path, opts: &ReadOptions, progress: &Progress) -> Result<LoadedList> {
    let table = reader::read_table(path, opts, progress)?;
    let detection = roles::detect(&table.headers, &table.profiles(PROFILE_SAMPLE), &Role::ALL);
    Ok(LoadedList { table, detection })
}

/// The list-side inputs of an analysis.
pub struct AnalysisInput<'a> {
    pub list: &'a ContactTable,
    pub mapping: &'a Mapping,
    pub log: Option<(&'a ContactTable, &'a Mapping)>,
    pub cycle: Cycle,
    pub today: NaiveDate,
}

pub fn analyze(input: &AnalysisInput<'_>, progress: &Progress) -> Result<Analysis> {
    let mut a = analysis::analyze(
        input.list,
        input.mapping,
        input
            .log
            .map(|(table, mapping)| RevealLog { table, mapping }),
        &input.cycle,
        input.today,
        progress,
    )?;
    if let Some(r) = input.cycle.renewal {
        if r <= input.today {
            a.warnings.push(format!(
                "the renewal date {r} is not after today ({}): is it the next renewal?",
                input.today
            ));
        } else if input.cycle.start().is_some_and(|s| s > input.today) {
            a.warnings.push(format!(
                "the billing cycle ending {r} has not started yet (today is {})",
                input.today
            ));
        }
    }
    Ok(a)
}

/// An estimate with everything a report shows.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub estimate: Estimate,
    pub budget: Option<BudgetOutcome>,
}

#[derive(Clone, Debug)]
pub struct BudgetOutcome {
    pub remaining: f64,
    pub status: BudgetStatus,
    pub fit: Fit,
}

/// Price an analysis; with a budget, also its status and the fit-to-budget cut.
pub fn estimate(a: &Analysis, s: &Settings, book: &PriceBook, budget: Option<f64>) -> Outcome {
    let mut estimate = pricing::price(&a.tally, s, book);
    let mut warnings = a.warnings.clone();
    warnings.append(&mut estimate.warnings);
    estimate.warnings = warnings;
    let budget = budget.map(|remaining| BudgetOutcome {
        remaining,
        status: pricing::budget_status(&estimate.total, remaining),
        fit: budget::fit_to_budget(a, s, book, remaining),
    });
    Outcome { estimate, budget }
}

/// The rows of the trimmed upload list: the billable rows, or the fit-to-budget cut when a
/// budget is set.
pub fn trimmed_rows(a: &Analysis, s: &Settings, o: &Outcome) -> Vec<u32> {
    match &o.budget {
        Some(b) => b.fit.rows.clone(),
        None => (0..a.row_contact.len())
            .filter(|&r| crate::rows::row_status(a, r, s) == crate::rows::RowStatus::Billable)
            .map(|r| r as u32)
            .collect(),
    }
}
