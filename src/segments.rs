//! Segments (managers.md, cli.md `--group-by`): the estimate per value of a column. A row's
//! credits are its per-row credits (`rows::row_credits`), so the groups add up to the total
//! expected credits, per-request and per-block fees included. A polars group-by over the
//! per-row frame.

use polars::prelude::*;
use serde::Serialize;

use crate::analysis::Analysis;
use crate::error::{Error, Result};
use crate::input::reader::ContactTable;
use crate::input::roles::find_header;
use crate::pricebook::PriceBook;
use crate::pricing::Settings;
use crate::rows::{RowStatus, row_credits, row_status};

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupCredits {
    pub expected: f64,
}

/// One value of the column and its rows (cli.md's `groups` entry).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Group {
    pub value: String,
    pub rows: u64,
    pub unmatchable_rows: u64,
    pub duplicate_rows: u64,
    pub already_revealed_rows: u64,
    pub nothing_needed_rows: u64,
    pub billable_contacts: u64,
    pub credits: GroupCredits,
}

/// The column of `table` named `column` (as `--map` matches names); a missing one is a bad
/// flag naming the columns.
pub fn group_column(table: &ContactTable, column: &str) -> Result<String> {
    find_header(&table.headers, column).ok_or_else(|| {
        Error::Setting(format!(
            "--group-by {column}: no column named `{column}`; the columns are: {}",
            table.headers.join(", ")
        ))
    })
}

/// The groups of `column`, largest expected credits first (ties: by value); a cell is its
/// value trimmed, an empty cell the value "".
pub fn group_by(
    a: &Analysis,
    table: &ContactTable,
    column: &str,
    s: &Settings,
    book: &PriceBook,
) -> Result<Vec<Group>> {
    let column = group_column(table, column)?;
    let n = a.row_contact.len();
    let credits = row_credits(a, s, book);
    let statuses: Vec<&'static str> = (0..n).map(|r| row_status(a, r, s).key()).collect();
    let values = table.df.column(&column)?.str()?.clone();
    let frame = DataFrame::new(
        n,
        vec![
            Column::new("value".into(), values.into_series()),
            Column::new("status".into(), statuses),
            Column::new("credits".into(), credits),
        ],
    )?;
    let count = |st: RowStatus| {
        col("status")
            .eq(lit(st.key()))
            .cast(DataType::UInt64)
            .sum()
            .alias(st.key())
    };
    let out = frame
        .lazy()
        .with_column(
            col("value")
                .fill_null(lit(""))
                .str()
                .strip_chars(lit(NULL))
                .alias("value"),
        )
        .group_by([col("value")])
        .agg([
            len().cast(DataType::UInt64).alias("rows"),
            count(RowStatus::Unmatchable),
            count(RowStatus::Duplicate),
            count(RowStatus::AlreadyRevealed),
            count(RowStatus::NothingNeeded),
            count(RowStatus::Billable),
            col("credits").sum().alias("credits"),
        ])
        .collect()?;
    let get_u = |name: &str| -> Result<Vec<u64>> {
        Ok(out.column(name)?.u64()?.into_no_null_iter().collect())
    };
    let value: Vec<String> = out
        .column("value")?
        .str()?
        .iter()
        .map(|v| v.unwrap_or("").to_string())
        .collect();
    let (rows, unm, dup, rev, nothing, bill) = (
        get_u("rows")?,
        get_u(RowStatus::Unmatchable.key())?,
        get_u(RowStatus::Duplicate.key())?,
        get_u(RowStatus::AlreadyRevealed.key())?,
        get_u(RowStatus::NothingNeeded.key())?,
        get_u(RowStatus::Billable.key())?,
    );
    let cr: Vec<f64> = out
        .column("credits")?
        .f64()?
        .iter()
        .map(|v| v.unwrap_or(0.0))
        .collect();
    let mut groups: Vec<Group> = (0..out.height())
        .map(|i| Group {
            value: value[i].clone(),
            rows: rows[i],
            unmatchable_rows: unm[i],
            duplicate_rows: dup[i],
            already_revealed_rows: rev[i],
            nothing_needed_rows: nothing[i],
            billable_contacts: bill[i],
            credits: GroupCredits { expected: cr[i] },
        })
        .collect();
    groups.sort_by(|a, b| {
        b.credits
            .expected
            .total_cmp(&a.credits.expected)
            .then_with(|| a.value.cmp(&b.value))
    });
    Ok(groups)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{AnalysisInput, analyze, load_list};
    use crate::progress::Progress;

    /// The sample split by `country` (named in another case): the column found by its
    /// header, one group per value, rows and credits adding up to the list's estimate.
    #[test]
    fn groups_add_up_to_the_list_and_name_their_column() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/contacts.csv");
        let p = Progress::new();
        let list = load_list(&path, &Default::default(), &p).unwrap();
        let a = analyze(
            &AnalysisInput {
                list: &list.table,
                mapping: &list.detection.mapping,
                log: None,
                cycle: Default::default(),
                today: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            },
            &p,
        )
        .unwrap();
        let book = crate::pricebook::shipped().remove(0);
        let s = Settings::defaults(&book);
        assert_eq!(group_column(&list.table, "country").unwrap(), "Country");
        assert!(group_column(&list.table, "Nope").is_err());
        let groups = group_by(&a, &list.table, "country", &s, &book).unwrap();
        let values: std::collections::HashSet<&str> = list
            .table
            .df
            .column("Country")
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .map(|v| v.unwrap_or("").trim())
            .collect();
        assert_eq!(groups.len(), values.len());
        let rows: u64 = groups.iter().map(|g| g.rows).sum();
        assert_eq!(rows, list.table.rows() as u64);
        let billable: u64 = groups.iter().map(|g| g.billable_contacts).sum();
        let e = crate::pricing::price(&a.tally, &s, &book);
        assert_eq!(billable, e.counts.billable);
        let expected: f64 = groups.iter().map(|g| g.credits.expected).sum();
        assert!(
            (expected - e.total.expected).abs() < 1e-6,
            "{expected} vs {}",
            e.total.expected
        );
    }
}
