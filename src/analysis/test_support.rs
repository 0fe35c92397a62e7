//! What the analysis's tests share: a list built in memory, roles, days and tallies.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::analysis::NONE;
use crate::input::reader::ContactTable;
use crate::input::roles::{Mapping, Role};
use polars::prelude::{Column, DataFrame};

/// A list in memory: each column's name and cells; its rows on lines 2, 3, … .
pub fn table(name: &str, cols: &[(&str, &[&str])]) -> ContactTable {
    let columns: Vec<Column> = cols
        .iter()
        .map(|(n, v)| {
            let v: Vec<String> = v.iter().map(|s| s.to_string()).collect();
            Column::new((*n).into(), v)
        })
        .collect();
    let df = DataFrame::new_infer_height(columns).unwrap();
    let n = df.height() as u64;
    ContactTable {
        path: PathBuf::from(name),
        headers: cols.iter().map(|(n, _)| n.to_string()).collect(),
        df,
        lines: (2..2 + n).collect(),
        delimiter: b',',
        encoding: "UTF-8",
        bytes: 0,
        warnings: Vec::new(),
        date_order: None,
        sheet: None,
        sheets: Vec::new(),
    }
}

pub fn mapping(roles: &[(Role, &[&str])]) -> Mapping {
    let mut m = Mapping::default();
    for (r, cols) in roles {
        m.set(*r, cols.iter().map(|c| c.to_string()).collect());
    }
    m
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn contacts(pairs: &[(usize, u64)]) -> [u64; 16] {
    let mut c = [0; 16];
    for (f, n) in pairs {
        c[*f] = *n;
    }
    c
}

/// The row of no contact.
pub const NO: u32 = NONE;
