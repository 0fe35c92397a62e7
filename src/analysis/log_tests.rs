//! The reveal log (pricing.md §2) worked by hand: which entries meet which contacts, which
//! count in the cycle, what they reveal, and what the estimate says about them; and the
//! pass taken run by run.

use chrono::NaiveDate;

use super::test_support::{contacts, day, mapping, table};
use super::*;

/// Renewal 2026-12-10, monthly: the cycle is 2026-11-10 to 2026-12-09, both included.
/// The list analysed with the log, in the cycle and on the day of these tests.
fn with_log(list: &ContactTable, m: &Mapping, log: &ContactTable, lm: &Mapping) -> Analysis {
    analyze(
        list,
        m,
        Some(RevealLog {
            table: log,
            mapping: lm,
        }),
        &cycle(),
        today(),
        &Progress::new(),
    )
    .unwrap()
}

fn cycle() -> Cycle {
    Cycle {
        renewal: Some(day(2026, 12, 10)),
        ..Default::default()
    }
}

const TODAY: (i32, u32, u32) = (2026, 12, 1);

fn today() -> NaiveDate {
    day(TODAY.0, TODAY.1, TODAY.2)
}

/// The list of the log tests (full name, company, email), contacts in row order:
/// 0 Ann Lee, Acme, ann@acme.com   c0          1 Bob Ray, Beta, —   c1 (no strong id)
/// 2 Cat Sun, Gamma, cat@gamma.io  c2          3 Dan Vo, Delta, —   c3 (no strong id)
/// 4 Eve Wu, Eps, eve@eps.io       c4          5 Eve Wu, Eps, eve2@eps.io   c5
/// 6 Gus Yo, Chi, gus@chi.io       c6          7 Bob Ray, Beta, —   joins c1
/// 8 Fay Xi, Phi, fay@phi.io       c7
fn log_list() -> (ContactTable, Mapping) {
    let list = table(
        "list.csv",
        &[
            (
                "Full name",
                &[
                    "Ann Lee", "Bob Ray", "Cat Sun", "Dan Vo", "Eve Wu", "Eve Wu", "Gus Yo",
                    "Bob Ray", "Fay Xi",
                ],
            ),
            (
                "Company",
                &[
                    "Acme", "Beta", "Gamma", "Delta", "Eps", "Eps", "Chi", "Beta", "Phi",
                ],
            ),
            (
                "Email",
                &[
                    "ann@acme.com",
                    "",
                    "cat@gamma.io",
                    "",
                    "eve@eps.io",
                    "eve2@eps.io",
                    "gus@chi.io",
                    "",
                    "fay@phi.io",
                ],
            ),
        ],
    );
    let m = mapping(&[
        (Role::FullName, &["Full name"]),
        (Role::CompanyName, &["Company"]),
        (Role::Email, &["Email"]),
    ]);
    (list, m)
}

/// Entries (name, company, email, phone, date), against the list of [`log_list`]:
/// e0 Ann Lee, Acme, ANN@acme.com, —, 11-10   email and name meet c0 only: c0 +email
/// e1 Bob Ray, Beta, —, +1 555 0101, 12-01   no strong id; its name meets c1 alone (rows
///                                           1 and 7): c1 +phone; dated today: not after
/// e2 Cat Sun, Gamma, cat.sun@other.io, —, 11-15   its name meets c2 only, but both carry
///                                           their own email: held apart (c2 would get +email)
/// e3 Dan Vo, Delta, dan@delta.io, 555 0102, 09-01   meets c3 (no strong id) by name:
///                                           matched, but outside the cycle: nothing
/// e4 Eve Wu, Eps, eve3@eps.io, —, 11-20     its name meets c4 and c5, both with emails:
///                                           held apart, nothing to save
/// e5 —, —, fay@phi.io, 555 0103, undated    c7 +email +phone (undated counts)
/// e6 —, —, zed@nowhere.io, —, 12-05         meets nobody; after today
/// e7 —, —, gus@chi.io, —, 12-10             meets c6, but the renewal day is outside;
///                                           after today
/// e8 Gus Yo, Chi, —, 555 0104, 11-11        no strong id: its name meets c6: c6 +phone
/// e9 Eve Wu, Eps, "eve@eps.io; eve2@eps.io", —, 11-21   both emails: c4 and c5 +email,
///                                           the shared name holds nothing apart
/// Entries 10: in the cycle 8 (all but e3, e7), outside 2, undated 1, after today 2 (e6,
/// e7), matched 7 (all but e2, e4, e6), held apart 2 (e2, e4).
/// Flags (rev email 1, rev phone 2, has email 4): c0 5, c1 2, c2 4, c3 0, c4 5, c5 5,
/// c6 6, c7 7; were e2 the same person, c2 would be 5.
#[test]
fn log_entries_meet_contacts_by_the_rules_of_section_2() {
    let (list, m) = log_list();
    let log = table(
        "log.csv",
        &[
            (
                "Name",
                &[
                    "Ann Lee", "Bob Ray", "Cat Sun", "Dan Vo", "Eve Wu", "", "", "", "Gus Yo",
                    "Eve Wu",
                ],
            ),
            (
                "Company",
                &[
                    "Acme", "Beta", "Gamma", "Delta", "Eps", "", "", "", "Chi", "Eps",
                ],
            ),
            (
                "Email",
                &[
                    "ANN@acme.com",
                    "",
                    "cat.sun@other.io",
                    "dan@delta.io",
                    "eve3@eps.io",
                    "fay@phi.io",
                    "zed@nowhere.io",
                    "gus@chi.io",
                    "",
                    "eve@eps.io; eve2@eps.io",
                ],
            ),
            (
                "Phone",
                &[
                    "",
                    "+1 555 0101",
                    "",
                    "555 0102",
                    "",
                    "555 0103",
                    "",
                    "",
                    "555 0104",
                    "",
                ],
            ),
            (
                "Date",
                &[
                    "2026-11-10",
                    "2026-12-01",
                    "2026-11-15",
                    "2026-09-01",
                    "2026-11-20",
                    "",
                    "2026-12-05",
                    "2026-12-10",
                    "2026-11-11",
                    "2026-11-21",
                ],
            ),
        ],
    );
    let lm = mapping(&[
        (Role::FullName, &["Name"]),
        (Role::CompanyName, &["Company"]),
        (Role::Email, &["Email"]),
        (Role::Phone, &["Phone"]),
        (Role::Date, &["Date"]),
    ]);
    let a = with_log(&list, &m, &log, &lm);
    assert_eq!(a.contact_rep, vec![0, 1, 2, 3, 4, 5, 6, 8]);
    assert_eq!(a.contact_flags, vec![5, 2, 4, 0, 5, 5, 6, 7]);
    assert_eq!(
        a.tally.contacts,
        contacts(&[(0, 1), (2, 1), (4, 1), (5, 3), (6, 1), (7, 1)])
    );
    assert_eq!(
        a.log,
        Some(LogSummary {
            entries: 10,
            in_cycle: 8,
            outside_cycle: 2,
            undated: 1,
            matched_entries: 7,
            after_today: 2,
            held_apart: 2,
            held_apart_contacts: Some(contacts(&[(0, 1), (2, 1), (5, 4), (6, 1), (7, 1)])),
        })
    );
    let log_warnings: Vec<&String> = a
        .warnings
        .iter()
        .filter(|w| w.starts_with("reveal log"))
        .collect();
    assert_eq!(
        log_warnings,
        vec![
            "reveal log log.csv: 1 entry without a date: counted as in the current billing cycle",
            "reveal log log.csv: 2 entries outside the current billing cycle: no longer counted",
            "reveal log log.csv: 2 entries dated after today (2026-12-01)",
            "reveal log log.csv: 2 entries share a full name with a contact of the list but not counted: both carry other emails or LinkedIn URLs, so they were taken as different people",
            "reveal log log.csv: 3 entries do not match any contact of the list (of 10)",
        ]
    );
}

/// A log with nothing to say: one entry, dated in the cycle before today, meeting its
/// contact by email: no warning, nothing held apart (and no alternative tally).
#[test]
fn a_plain_log_earns_no_warning() {
    let (list, m) = log_list();
    let log = table(
        "log.csv",
        &[("Email", &["gus@chi.io"]), ("Date", &["2026-11-30"])],
    );
    let lm = mapping(&[(Role::Email, &["Email"]), (Role::Date, &["Date"])]);
    let a = with_log(&list, &m, &log, &lm);
    assert_eq!(
        a.log,
        Some(LogSummary {
            entries: 1,
            in_cycle: 1,
            matched_entries: 1,
            ..Default::default()
        })
    );
    assert_eq!(a.contact_flags[6], 4 | 1, "gus: has and revealed email");
    let said: Vec<&String> = a
        .warnings
        .iter()
        .filter(|w| w.starts_with("reveal log"))
        .collect();
    assert!(said.is_empty(), "{said:?}");
}

/// An entry that carries the email of every contact sharing its name meets them all by
/// email: nothing is held apart. e: Eve Wu, Eps, "eve@eps.io; eve2@eps.io", 11-21 — its
/// name meets c4 and c5, its emails both: c4 and c5 +email (4 + 1 = 5), matched, held
/// apart 0.
#[test]
fn an_entry_with_the_email_of_each_namesake_holds_nothing_apart() {
    let (list, m) = log_list();
    let log = table(
        "log.csv",
        &[
            ("Name", &["Eve Wu"]),
            ("Company", &["Eps"]),
            ("Email", &["eve@eps.io; eve2@eps.io"]),
            ("Date", &["2026-11-21"]),
        ],
    );
    let lm = mapping(&[
        (Role::FullName, &["Name"]),
        (Role::CompanyName, &["Company"]),
        (Role::Email, &["Email"]),
        (Role::Date, &["Date"]),
    ]);
    let a = with_log(&list, &m, &log, &lm);
    let s = a.log.unwrap();
    assert_eq!((s.matched_entries, s.held_apart), (1, 0));
    assert_eq!(s.held_apart_contacts, None);
    assert_eq!((a.contact_flags[4], a.contact_flags[5]), (5, 5));
}

/// With several date columns, an entry's date is its first non-empty date cell in file
/// order, whatever order the mapping lists them in. Columns Date, Email, Revealed on; the
/// mapping says Revealed on, then Date:
/// e0 11-20 | ann@ | 09-01   → Date: in the cycle, c0 +email
/// e1 —     | cat@ | 11-21   → Revealed on (Date empty): in, c2 +email
/// e2 09-02 | gus@ | 11-22   → Date: outside, c6 nothing
#[test]
fn the_first_date_in_file_order_dates_an_entry() {
    let (list, m) = log_list();
    let log = table(
        "log.csv",
        &[
            ("Date", &["2026-11-20", "", "2026-09-02"]),
            ("Email", &["ann@acme.com", "cat@gamma.io", "gus@chi.io"]),
            ("Revealed on", &["2026-09-01", "2026-11-21", "2026-11-22"]),
        ],
    );
    let lm = mapping(&[
        (Role::Email, &["Email"]),
        (Role::Date, &["Revealed on", "Date"]),
    ]);
    let a = with_log(&list, &m, &log, &lm);
    let s = a.log.unwrap();
    assert_eq!((s.in_cycle, s.outside_cycle, s.undated), (2, 1, 0));
    assert_eq!(a.contact_flags[0], 5);
    assert_eq!(a.contact_flags[2], 5);
    assert_eq!(a.contact_flags[6], 4);
}

/// The pass run by run (a list streamed from its file): rows count on from run to run,
/// a run before any table is begun is ignored, and Excel's phone notation is counted over
/// every run with the line of the first.
/// Runs of one list (email, phone): [a@, 4.4E+11 (line 2); b@] then [c@, 1E+12 (line 9)].
#[test]
fn a_pass_takes_a_list_run_by_run() {
    let head = table(
        "list.csv",
        &[
            ("Email", &["a@x.io", "b@x.io"]),
            ("Phone", &["4.4E+11", ""]),
        ],
    );
    let rest = table("list.csv", &[("Email", &["c@x.io"]), ("Phone", &["1E+12"])]);
    let m = mapping(&[(Role::Email, &["Email"]), (Role::Phone, &["Phone"])]);
    let mut pass = Pass::new(1, 3);
    pass.check(&head, &m).unwrap();
    pass.rows_of(&head.df, &[2, 3], &|_| true).unwrap();
    assert_eq!(pass.rows(), 0, "no table begun: nothing read");
    pass.begin(&head, &m);
    pass.rows_of(&head.df, &[2, 3], &|_| true).unwrap();
    assert_eq!(pass.rows(), 2);
    pass.rows_of(&rest.df, &[9], &|_| true).unwrap();
    assert_eq!(pass.rows(), 3);
    let a = pass.finish(None, &Cycle::default(), today()).unwrap();
    assert_eq!(a.table_rows, vec![0..3]);
    assert_eq!(a.contact_rep, vec![0, 1, 2]);
    assert_eq!(
        a.warnings,
        vec![
            "2 phone cells look like numbers Excel rewrote in scientific notation, like 4.47712E+11 (first on line 2): digits were lost; they still count as phones, but export the column as text to keep them"
        ]
    );
}

/// The progress of the pass: 5 % as it starts, 90 % when every row is read, in between in
/// proportion to the rows read in every list: 100 of 200 rows is 5 + 8500 / 200 = 5 + 42
/// (rounded down) = 47, whether all in the first list or 60 in earlier lists and 40 in
/// this one; 1 of 3 is 5 + 85 / 3 = 5 + 28 = 33. No rows at all is 5, not a division by 0.
#[test]
fn the_pass_reports_its_progress_in_percent() {
    assert_eq!(pass_percent(0, 0, 200), 5);
    assert_eq!(pass_percent(0, 100, 200), 47);
    assert_eq!(pass_percent(60, 40, 200), 47);
    assert_eq!(pass_percent(100, 100, 200), 90);
    assert_eq!(pass_percent(0, 1, 3), 33);
    assert_eq!(pass_percent(0, 0, 0), 5);
}

/// The row limit (row numbers are 32-bit, one kept for "no contact") is on the rows of
/// every run together: two runs of 2¹⁶ rows are 2¹⁷ rows, far below it.
#[test]
fn runs_add_up_under_the_row_limit() {
    let n = 1 << 16;
    let cells = vec![""; n];
    let t = table("big.csv", &[("Email", &cells)]);
    let m = mapping(&[(Role::Email, &["Email"])]);
    let mut pass = Pass::new(1, 2 * n);
    pass.begin(&t, &m);
    pass.rows_of(&t.df, &t.lines, &|_| true).unwrap();
    pass.rows_of(&t.df, &t.lines, &|_| true).unwrap();
    assert_eq!(pass.rows(), 2 * n);
}
