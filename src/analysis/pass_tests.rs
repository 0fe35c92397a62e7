//! The reveal log's dates at their edges (pricing.md §2): a date that is not one, both
//! orders in one column, a column that reads both ways, no renewal date; and contacts
//! shared across three lists.

use super::test_support::{day, mapping, table};
use super::*;

fn with_log(log: ContactTable, cycle: Cycle) -> Result<Analysis> {
    let list = table(
        "list.csv",
        &[
            ("Name", &["Ann Lee", "Cy Dee"]),
            ("Company", &["Acme", "Gamma"]),
            ("Email", &["ann@acme.com", "cy@gamma.com"]),
        ],
    );
    let lm = mapping(&[
        (Role::FullName, &["Name"]),
        (Role::CompanyName, &["Company"]),
        (Role::Email, &["Email"]),
    ]);
    let logm = mapping(&[(Role::Email, &["Email"]), (Role::Date, &["Date"])]);
    analyze(
        &list,
        &lm,
        Some(RevealLog {
            table: &log,
            mapping: &logm,
        }),
        &cycle,
        day(2026, 11, 26),
        &Progress::new(),
    )
}

fn log(dates: &[&str]) -> ContactTable {
    let emails = ["ann@acme.com", "cy@gamma.com"];
    table(
        "log.csv",
        &[("Email", &emails[..dates.len()]), ("Date", dates)],
    )
}

#[test]
fn dates_that_cannot_be_read_are_errors_with_their_line() {
    let e = with_log(log(&["2026-11-01", "soon"]), Cycle::default()).unwrap_err();
    match e {
        Error::Input { line, message, .. } => {
            assert_eq!(line, Some(3), "the second entry's line");
            assert!(
                message.starts_with("reveal date `soon` is not a date"),
                "{message}"
            );
        }
        e => panic!("{e:?}"),
    }
    // Day first on one line (13/04), month first on the next (04/13): which is it?
    let e = with_log(log(&["13/04/2026", "04/13/2026"]), Cycle::default()).unwrap_err();
    match e {
        Error::Input { line, message, .. } => {
            assert_eq!(line, Some(2), "the first of the two lines");
            assert!(
                message.starts_with("the reveal dates are written both day first (line 2: `13/04/2026`) and month first (line 3: `04/13/2026`)"),
                "{message}"
            );
        }
        e => panic!("{e:?}"),
    }
    // Every date reads both ways: month first, with a warning asking to choose.
    let a = with_log(log(&["03/04/2026"]), Cycle::default()).unwrap();
    assert!(
        a.warnings.iter().any(|w| w.starts_with(
            "reveal log log.csv: every date like 03/04/2026 reads both day-first and month-first"
        )),
        "{:?}",
        a.warnings
    );
}

/// Dated entries and no renewal date: every entry counts, and that is said (once, not as
/// "without a date").
#[test]
fn no_renewal_date_counts_every_entry_and_says_so() {
    let a = with_log(log(&["2026-01-01", "2026-11-01"]), Cycle::default()).unwrap();
    let s = a.log.as_ref().unwrap();
    assert_eq!((s.in_cycle, s.outside_cycle, s.undated), (2, 0, 0));
    let said: Vec<&String> = a
        .warnings
        .iter()
        .filter(|w| w.starts_with("reveal log"))
        .collect();
    assert_eq!(
        said,
        [
            "reveal log log.csv: no renewal date given; every entry was assumed to be in the current billing cycle"
        ]
    );
}

/// Three lists: a contact first seen in the first, twice in the second and once in the
/// third lists each list once; a contact first seen in the last is shared with nobody.
#[test]
fn a_contact_in_three_lists_names_each_once() {
    let a = Analysis {
        row_contact: vec![0, 0, 0, 1, 0],
        contact_rep: vec![0, 3],
        contact_flags: vec![flags::HAS_EMAIL, 0],
        table_rows: vec![0..1, 1..3, 3..5],
        ..Default::default()
    };
    assert_eq!(
        a.shared_contacts(),
        [SharedGroup {
            flags: flags::HAS_EMAIL,
            tables: vec![0, 1, 2],
            contacts: 1
        }]
    );
}
