//! Who is the same person (pricing.md §1-§2, revised), worked by hand on small lists: the
//! four grouping rules, the reveal log's name rule, the row report's join reasons, and
//! the warnings that say what was kept apart. Every expected number is derived in the
//! comments from the spec, not read off the engine.

use chrono::NaiveDate;
use enrichplan::cycle::{Cycle, CycleLength};
use enrichplan::pricebook::RateRange;
use enrichplan::pricing::{Assumptions, Settings};

use crate::common;

/// Every rate 1 (the estimate is exact), email and phone requested, CSV Enrichment.
fn exact(book: &enrichplan::pricebook::PriceBook) -> Settings {
    let mut s = Settings::defaults(book);
    s.assumptions = Assumptions {
        match_rate: RateRange::exact(1.0),
        email_rate: RateRange::exact(1.0),
        phone_rate: RateRange::exact(1.0),
    };
    s
}

const LIST: &str = "\
First Name,Last Name,Company,Email,Phone
David,Smith,IBM,d1@ibm.com,
David,Smith,IBM,d2@ibm.com,
David,Smith,IBM,d3@ibm.com,
Dana,Levi,Acme,,
Dana,Levi,Acme,dana@acme.com,
Ann,Bo,Beta,ann.bo@beta.io,
";

const LIST_MAP: &[(&str, &str)] = &[
    ("first_name", "First Name"),
    ("last_name", "Last Name"),
    ("company_name", "Company"),
    ("email", "Email"),
    ("phone", "Phone"),
];

/// The list alone. Rule 1: rows 0, 1, 2 have their own emails: three strong groups.
/// Rule 4: their shared name (nc: david smith + ibm) never joins them. Rule 2-3: row 3 has
/// no strong identifier; its cluster {3} holds nc: dana levi + acme, which exactly one
/// strong group (row 4) holds: it joins it, and row 3, first in file order, represents the
/// contact; row 4 is the duplicate. Row 5 is alone. So 6 rows: 1 duplicate, 5 contacts.
/// Exact credits: 5 contacts · (email + phone).
#[test]
fn same_name_people_with_their_own_emails_stay_apart() {
    let book = common::book();
    let run = common::analyze(LIST, LIST_MAP, None, Cycle::default());
    let e = common::estimate(&run, &exact(&book)).estimate;
    assert_eq!(e.counts.rows, 6);
    assert_eq!(e.counts.duplicate, 1);
    assert_eq!(e.counts.unmatchable, 0);
    assert_eq!(e.counts.billable, 5);
    let p = &book.prices;
    assert!((e.total.expected - 5.0 * (p.email + p.phone)).abs() < 1e-9);
    // The duplicate is row 4 (0-based), joined through the name it shares with row 3.
    let a = &run.analysis;
    assert_eq!(a.row_contact[3], a.row_contact[4]);
    assert!(a.is_representative(3) && !a.is_representative(4));
    let s = exact(&book);
    let reason = enrichplan::rows::row_reason(a, 4, &s, &run.list.lines);
    assert_eq!(
        reason,
        "same full name and company as row 4 (line 5); charged once"
    );
    // Rows 0-2 share a name with another contact carrying its own email: 3 rows.
    assert!(
        e.warnings
            .iter()
            .any(|w| w.starts_with("3 rows share a full name and company with another contact")),
        "{:?}",
        e.warnings
    );
}

/// The reveal log (§2), renewal 2026-12-01 monthly: cycle 2026-11-01..=2026-11-30, every
/// entry in it. Contacts: C0 d1@ (row 0), C1 d2@ (row 1), C2 d3@ (row 2), C3 Dana (rows
/// 3-4, with dana@), C4 Ann (row 5, ann.bo@).
/// - entry 0: dave@ibm.com (matches no row) + David Smith @ IBM, held by C0, C1 and C2:
///   several contacts, no match; it has a strong identifier and so do they: held apart.
/// - entry 1: no email, Dana Levi @ Acme, a phone in `Phone 2` only: C3 alone holds the
///   name and the entry has no strong identifier: matches C3, phone revealed.
/// - entry 2: ann@beta.io + Ann Bo @ Beta: C4 alone holds the name but both carry their
///   own emails: not counted (held apart; if the same person, C4's email is revealed).
/// - entry 3: d2@ibm.com with a phone: matches C1 by email: email and phone revealed.
///
/// Statuses: C1 already revealed; C3 billable for its email only; C0, C2, C4 billable for
/// both; 1 duplicate. Exact credits: 4 emails + 3 phones. Held apart: entries 0 and 2; the
/// credits they would save as the same people: C4's email, 1 · price.email.
#[test]
fn the_reveal_log_matches_by_name_only_under_the_same_rule() {
    let book = common::book();
    let log = "\
Date,Full Name,Company,Email,Phone 1,Phone 2
2026-11-20,David Smith,IBM,dave@ibm.com,,
2026-11-20,Dana Levi,Acme,,,+1 555 0100
2026-11-20,Ann Bo,Beta,ann@beta.io,,
2026-11-21,,,d2@ibm.com,123,
";
    let log_map: &[(&str, &str)] = &[
        ("date", "Date"),
        ("full_name", "Full Name"),
        ("company_name", "Company"),
        ("email", "Email"),
        ("phone", "Phone 1"),
        ("phone", "Phone 2"),
    ];
    let cycle = Cycle {
        renewal: NaiveDate::from_ymd_opt(2026, 12, 1),
        length: CycleLength::Monthly,
    };
    let run = common::analyze(LIST, LIST_MAP, Some((log, log_map)), cycle);
    let e = common::estimate(&run, &exact(&book)).estimate;
    let c = &e.counts;
    assert_eq!(
        (
            c.rows,
            c.duplicate,
            c.already_revealed,
            c.nothing_needed,
            c.billable
        ),
        (6, 1, 1, 0, 4)
    );
    assert_eq!((c.need_email, c.need_phone), (4, 3));
    let p = &book.prices;
    assert!((e.total.expected - (4.0 * p.email + 3.0 * p.phone)).abs() < 1e-9);
    let log = run.analysis.log.as_ref().unwrap();
    assert_eq!(log.matched_entries, 2);
    assert_eq!(log.held_apart, 2);
    let w = |prefix: &str| e.warnings.iter().any(|w| w.contains(prefix));
    assert!(
        w("2 entries share a full name with a contact of the list but not counted"),
        "{:?}",
        e.warnings
    );
    let saved = format!("would be {:.1} credits lower", p.email);
    assert!(w(&saved), "{saved}: {:?}", e.warnings);
}

/// The row report through the command line: every duplicate says which identifier joined
/// it and to which row, and costs 0. Rows: 0 a@x.io; 1 the same person's LinkedIn URL
/// with a@x.io in a second email column; 2 that LinkedIn URL alone: joined to row 1 by the
/// LinkedIn URL (row 1 is not the contact's first row, row 0 is).
#[test]
fn the_row_report_names_what_joined_each_duplicate() {
    let dir = tempfile::tempdir().unwrap();
    let list = common::write(
        dir.path(),
        "list.csv",
        "Email,Work Email,LinkedIn\n\
         a@x.io,,\n\
         ,A@X.io,https://www.linkedin.com/in/ann-x/\n\
         ,,linkedin.com/in/Ann-X\n",
    );
    let rows = dir.path().join("rows.csv");
    let out = common::run(&[
        "estimate",
        list.to_str().unwrap(),
        "--map",
        "email=Email",
        "--map",
        "email=Work Email",
        "--map",
        "linkedin_url=LinkedIn",
        "--rows-out",
        rows.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut r = csv::Reader::from_path(&rows).unwrap();
    let headers = r.headers().unwrap().clone();
    let recs: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (status, reason, credits) = (col("status"), col("reason"), col("credits"));
    assert_eq!(&recs[0][status], "billable");
    assert_eq!(&recs[1][status], "duplicate");
    assert_eq!(
        &recs[1][reason],
        "same email as row 1 (line 2); charged once"
    );
    assert_eq!(&recs[2][status], "duplicate");
    assert_eq!(
        &recs[2][reason],
        "same LinkedIn URL as row 2 (line 3), of the contact first on row 1 (line 2); charged once"
    );
    for rec in &recs[1..] {
        assert_eq!(rec[credits].parse::<f64>().unwrap(), 0.0);
    }
}

/// A log with two date columns: per entry the first in file order whose cell is not empty
/// (§1's first usable column). Cycle 2026-11-01..=2026-11-30 (renewal 2026-12-01).
/// Entry 0: `Date` empty, `Revealed` 2026-10-02 — outside, not counted. Entry 1: `Date`
/// 2026-11-03 — inside: its contact's email is revealed. List: a@x.io, b@x.io; email only,
/// every rate 1: one email to pay (a@x.io), b@x.io already revealed.
#[test]
fn the_first_usable_date_column_decides_the_cycle() {
    let book = common::book();
    let list = "Email\na@x.io\nb@x.io\n";
    let log = "Email,Date,Revealed\na@x.io,,2026-10-02\nb@x.io,2026-11-03,2026-09-01\n";
    let log_map: &[(&str, &str)] = &[("email", "Email"), ("date", "Revealed"), ("date", "Date")];
    let cycle = Cycle {
        renewal: NaiveDate::from_ymd_opt(2026, 12, 1),
        length: CycleLength::Monthly,
    };
    let run = common::analyze(list, &[("email", "Email")], Some((log, log_map)), cycle);
    let mut s = exact(&book);
    s.selection = enrichplan::pricing::Selection {
        email: true,
        phone: false,
    };
    let e = common::estimate(&run, &s).estimate;
    assert_eq!((e.counts.billable, e.counts.already_revealed), (1, 1));
    let log = run.analysis.log.as_ref().unwrap();
    assert_eq!((log.in_cycle, log.outside_cycle), (1, 1));
}
