//! Workbooks: each sheet becomes a table like a CSV, and the sheet with the contacts is
//! chosen when the user names none.

use std::path::Path;

use polars::prelude::*;

use super::{ContactTable, ReadOptions, unique_headers};
use crate::error::{Error, Result};

/// A workbook sheet becomes a table like a CSV: header on the first row with two or more
/// values, rows keep their sheet row numbers as lines.
pub(super) fn read_workbook(path: &Path, opts: &ReadOptions, bytes: u64) -> Result<ContactTable> {
    let sheets = crate::input::workbook::read_sheets(path)?;
    // Each sheet profiled once: its rows for the picker, its score for the choice.
    let scores: Vec<(u32, usize)> = sheets.iter().map(|s| sheet_score(&s.rows)).collect();
    let listing: Vec<(String, usize)> = sheets
        .iter()
        .zip(&scores)
        .map(|(s, sc)| (s.name.clone(), sc.1))
        .collect();
    let (sheet, rows, choice) = match opts.sheet.as_deref() {
        Some(name) => match sheets.into_iter().find(|s| s.name == name) {
            Some(s) => (s.name, s.rows, None),
            None => {
                return Err(Error::Setting(format!(
                    "{}: no sheet named `{name}`; the sheets are: {}",
                    path.display(),
                    listing
                        .iter()
                        .map(|(n, _)| n.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
        },
        None => choose_sheet(sheets, &scores),
    };
    let mut table = sheet_table(path, opts, bytes, &sheet, &rows)?;
    if let Some(w) = choice {
        table.warnings.insert(0, w);
    }
    table.sheet = Some(sheet);
    table.sheets = listing;
    Ok(table)
}

/// How much a sheet looks like a contact list: identity columns its header and cells name
/// (role detection on a sample), then its rows.
fn sheet_score(rows: &[Vec<String>]) -> (u32, usize) {
    use crate::input::roles::{ContentProfile, Role, detect};
    let non_empty = |r: &Vec<String>| r.iter().filter(|c| !c.trim().is_empty()).count();
    let Some(h) = rows.iter().position(|r| non_empty(r) >= 2) else {
        return (0, 0);
    };
    let headers = &rows[h];
    let data: Vec<&Vec<String>> = rows[h + 1..].iter().filter(|r| non_empty(r) > 0).collect();
    let profiles: Vec<ContentProfile> = (0..headers.len())
        .map(|i| {
            ContentProfile::of(
                data.iter()
                    .take(200)
                    .map(|r| r.get(i).map(String::as_str).unwrap_or("")),
            )
        })
        .collect();
    let d = detect(headers, &profiles, &Role::LIST);
    let weight = |r: Role| match r {
        Role::Email | Role::LinkedinUrl => 3,
        Role::CompanyName | Role::CompanyDomain | Role::FullName => 2,
        _ => 1,
    };
    let score = Role::LIST
        .iter()
        .filter(|r| !d.mapping.columns(**r).is_empty())
        .map(|r| weight(*r))
        .sum::<u32>();
    (score, data.len())
}

/// With no sheet chosen, the sheet that is a contact list: the most identity columns, then
/// the most rows; visible sheets before hidden ones; ties to the first. With more than one
/// sheet the choice is said, naming the others and `--sheet`.
fn choose_sheet(
    sheets: Vec<crate::input::workbook::SheetRows>,
    scores: &[(u32, usize)],
) -> (String, Vec<Vec<String>>, Option<String>) {
    if sheets.len() == 1 {
        let s = sheets.into_iter().next().expect("one sheet");
        return (s.name, s.rows, None);
    }
    let best = (0..sheets.len())
        .max_by(|&a, &b| {
            // A sheet with identity columns and rows first, then the surest header.
            let key = |i: usize| {
                let (score, rows) = scores[i];
                (sheets[i].visible, score > 0 && rows > 0, score, rows)
            };
            key(a).cmp(&key(b)).then(b.cmp(&a))
        })
        .expect("at least two sheets");
    let others: Vec<String> = sheets
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != best)
        .map(|(i, s)| {
            format!(
                "`{}` ({}{})",
                s.name,
                crate::text::count(scores[i].1 as u64, "row", "rows"),
                if s.visible { "" } else { ", hidden" }
            )
        })
        .collect();
    let tie = (0..sheets.len()).any(|i| {
        i != best && sheets[i].visible == sheets[best].visible && scores[i] == scores[best]
    });
    let s = sheets.into_iter().nth(best).expect("best is an index");
    let mut w = format!(
        "{} sheets: took `{}` ({}), the one that looks most like a contact list; also {}",
        others.len() + 1,
        s.name,
        crate::text::count(scores[best].1 as u64, "row", "rows"),
        others.join(", ")
    );
    w.push_str(if tie {
        "; two sheets look alike: choose the sheet (--sheet NAME, or Sheet under Source)"
    } else {
        "; another one with --sheet NAME (or Sheet under Source)"
    });
    (s.name, s.rows, Some(w))
}

fn sheet_table(
    path: &Path,
    opts: &ReadOptions,
    bytes: u64,
    sheet: &str,
    rows: &[Vec<String>],
) -> Result<ContactTable> {
    let non_empty = |r: &Vec<String>| r.iter().filter(|c| !c.trim().is_empty()).count();
    let Some(h) = rows
        .iter()
        .position(|r| non_empty(r) >= 2)
        .or_else(|| rows.iter().position(|r| non_empty(r) >= 1))
    else {
        return Err(Error::input(
            path,
            None,
            format!("sheet `{sheet}` is empty"),
        ));
    };
    let (headers, mut warnings) = unique_headers(&rows[h]);
    if h > 0 {
        warnings.push(format!(
            "{} above the header on sheet `{sheet}` skipped",
            crate::text::count(h as u64, "row", "rows")
        ));
    }
    let width = headers.len();
    let mut cols: Vec<StringChunkedBuilder> = headers
        .iter()
        .map(|n| StringChunkedBuilder::new(n.as_str().into(), rows.len()))
        .collect();
    let mut lines = Vec::new();
    for (i, r) in rows.iter().enumerate().skip(h + 1) {
        if non_empty(r) == 0 {
            continue;
        }
        for (j, b) in cols.iter_mut().enumerate() {
            b.append_value(r.get(j).map(String::as_str).unwrap_or(""));
        }
        lines.push(i as u64 + 1);
    }
    let _ = width;
    if lines.is_empty() {
        warnings.push("the sheet has a header row but no data rows".to_string());
    }
    let n = lines.len();
    let df = DataFrame::new(
        n,
        cols.into_iter().map(|b| b.finish().into_column()).collect(),
    )?;
    Ok(ContactTable {
        path: path.to_path_buf(),
        headers,
        df,
        lines,
        delimiter: b',',
        encoding: "xlsx",
        bytes,
        warnings,
        date_order: opts.date_order,
        sheet: None,
        sheets: Vec::new(),
    })
}
