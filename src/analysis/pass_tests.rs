//! The analysis on small lists and logs written by hand (pricing.md §1–§2): contacts and
//! their flags, the tally, every warning the pass gives, the reveal log's matching and
//! cycle; and the per-table views of an analysis built by hand.

use super::*;
use crate::cycle::CycleLength;
use crate::input::reader::ReadOptions;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn mapping(pairs: &[(&str, &str)]) -> Mapping {
    let mut m = Mapping::default();
    for (role, col) in pairs {
        let role = Role::from_key(role).unwrap();
        let mut cols = m.columns(role).to_vec();
        cols.push(col.to_string());
        m.set(role, cols);
    }
    m
}

/// A list (and optionally a log) as CSV text, analysed with the given roles.
struct Case {
    dir: tempfile::TempDir,
}

impl Case {
    fn new() -> Self {
        Case {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn table(&self, name: &str, text: &str) -> ContactTable {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        let opts = ReadOptions {
            delimiter: Some(b','),
            ..Default::default()
        };
        crate::engine::load_log(&p, &opts, &Progress::new())
            .unwrap()
            .table
    }

    fn list(&self, text: &str, roles: &[(&str, &str)]) -> Analysis {
        let t = self.table("list.csv", text);
        analyze(
            &t,
            &mapping(roles),
            None,
            &Cycle::default(),
            d(2026, 11, 26),
            &Progress::new(),
        )
        .unwrap()
    }

    fn with_log(
        &self,
        list: &str,
        roles: &[(&str, &str)],
        log: &str,
        log_roles: &[(&str, &str)],
        cycle: Cycle,
    ) -> Result<Analysis> {
        let t = self.table("list.csv", list);
        let l = self.table("log.csv", log);
        let lm = mapping(log_roles);
        analyze(
            &t,
            &mapping(roles),
            Some(RevealLog {
                table: &l,
                mapping: &lm,
            }),
            &cycle,
            d(2026, 11, 26),
            &Progress::new(),
        )
    }
}

const NCE: &[(&str, &str)] = &[
    ("full_name", "Name"),
    ("company_name", "Company"),
    ("email", "Email"),
    ("phone", "Phone"),
];

fn has(a: &Analysis, text: &str) -> bool {
    a.warnings.iter().any(|w| w.contains(text))
}

/// Contacts in file order of their first rows; a contact's flags from any of its rows; the
/// tally's five counts and companies.
#[test]
fn contacts_flags_and_the_tally() {
    let a = Case::new().list(
        "Name,Company,Email,Phone\n\
         Ann Lee,Acme,ann@acme.com,\n\
         Bob Ray,Beta,,\n\
         ,,,\n\
         Ann Lee,Acme,,+1 555 0100\n\
         Cy Dee,acme,cy@acme.com,\n",
        NCE,
    );
    // Rows: Ann (email), Bob (name + company), empty (unmatchable), Ann again by name and
    // company (a duplicate, with a phone), Cy at Acme (company case-folded: one company).
    assert_eq!(a.row_contact, [0, 1, NONE, 0, 2]);
    assert_eq!(a.contact_rep, [0, 1, 4]);
    assert_eq!(
        a.contact_flags,
        [flags::HAS_EMAIL | flags::HAS_PHONE, 0, flags::HAS_EMAIL]
    );
    assert_eq!(a.tally.rows, 5);
    assert_eq!(a.tally.unmatchable_rows, 1);
    assert_eq!(a.tally.duplicate_rows, 1);
    assert_eq!(a.tally.companies, 2);
    let mut contacts = [0u64; 16];
    contacts[(flags::HAS_EMAIL | flags::HAS_PHONE) as usize] = 1;
    contacts[0] = 1;
    contacts[flags::HAS_EMAIL as usize] = 1;
    assert_eq!(a.tally.contacts, contacts);
    assert_eq!(a.table_rows.len(), 1);
    assert_eq!(a.table_rows[0], 0..5);
    assert!(a.log.is_none());
    assert!(a.is_representative(0) && !a.is_representative(3) && !a.is_representative(2));
    assert!(a.join_of(3).is_some() && a.join_of(0).is_none());
}

#[test]
fn same_name_people_with_their_own_emails_are_held_apart_and_said_so() {
    let a = Case::new().list(
        "Name,Company,Email,Phone\n\
         Jane Doe,Acme,jane@a.com,\n\
         Jane Doe,Acme,jane@b.com,\n\
         Jane Doe,Acme,,\n",
        NCE,
    );
    // Two strong groups share the name; the third row's cluster matches both: its own
    // contact (rule 3).
    assert_eq!(a.row_contact, [0, 1, 2]);
    assert!(
        has(
            &a,
            "share a full name and company with another contact that has its own email or LinkedIn URL"
        ),
        "{:?}",
        a.warnings
    );
    assert!(
        has(
            &a,
            "1 contact without an email or LinkedIn URL matches the name of several contacts"
        ),
        "{:?}",
        a.warnings
    );
}

#[test]
fn a_phone_on_three_contacts_rows_is_warned() {
    let a = Case::new().list(
        "Name,Company,Email,Phone\n\
         A One,Acme,a@acme.com,+1 555 0100\n\
         B Two,Acme,b@acme.com,+1 555 0100\n\
         C Three,Acme,c@acme.com,+1 (555) 0100\n\
         D Four,Acme,d@acme.com,+1 555 0199\n",
        NCE,
    );
    assert!(
        has(
            &a,
            "1 phone number is on the rows of 3 or more different contacts"
        ),
        "{:?}",
        a.warnings
    );
    assert!(has(&a, "affecting 3 contacts"), "{:?}", a.warnings);
    // Two contacts sharing a number is no switchboard.
    let a = Case::new().list(
        "Name,Company,Email,Phone\nA One,Acme,a@acme.com,+1 555 0100\nB Two,Acme,b@acme.com,+1 555 0100\n",
        NCE,
    );
    assert!(!has(&a, "phone number"), "{:?}", a.warnings);
}

#[test]
fn cells_the_pass_reads_with_a_warning() {
    let a = Case::new().list(
        "Name,Company,Email,Phone\n\
         A One,Acme,a@acme.com; a2@acme.com,4.47712E+11\n\
         B Two,Acme,b@acme.com,+1 555 0100\n\
         C Three,Acme,<c@acme.com>,1E+12\n",
        NCE,
    );
    assert!(
        has(
            &a,
            "2 phone cells look like numbers Excel rewrote in scientific notation, like 4.47712E+11 (first on line 2)"
        ),
        "{:?}",
        a.warnings
    );
    assert!(
        has(&a, "2 email cells were read as a list of addresses"),
        "{:?}",
        a.warnings
    );
    // Scientific phones still count as phones.
    assert_eq!(a.contact_flags[0] & flags::HAS_PHONE, flags::HAS_PHONE);
    let a = Case::new().list("Name,Company,Email,Phone\nA One,Acme,a@acme.com,12\n", NCE);
    assert!(a.warnings.is_empty(), "{:?}", a.warnings);
}

#[test]
fn a_list_nobody_can_match_is_always_explained() {
    // Identifying columns mapped, but no row has a usable one.
    let a = Case::new().list(
        "Name,Email\nAnn,n/a\nBob,-\n",
        &[("full_name", "Name"), ("email", "Email")],
    );
    assert_eq!(a.tally.unmatchable_rows, 2);
    assert!(
        has(
            &a,
            "none of the 2 rows can be matched: no row has a valid email"
        ),
        "{:?}",
        a.warnings
    );
    // Nothing identifying mapped at all: said before any row is read.
    let a = Case::new().list(
        "Name,Phone\nAnn,1\n",
        &[("full_name", "Name"), ("phone", "Phone")],
    );
    assert!(
        has(
            &a,
            "no email, LinkedIn URL, company name or domain column is mapped: every row is unmatchable"
        ),
        "{:?}",
        a.warnings
    );
    assert!(!has(&a, "none of the"), "{:?}", a.warnings);
    // A column that does not exist is an error naming the columns there are.
    let c = Case::new();
    let t = c.table("list.csv", "Name,Email\nAnn,a@b.com\n");
    let e = analyze(
        &t,
        &mapping(&[("email", "Mail")]),
        None,
        &Cycle::default(),
        d(2026, 11, 26),
        &Progress::new(),
    )
    .unwrap_err();
    assert!(
        e.to_string()
            .ends_with("the email column `Mail` does not exist; the columns are: Name, Email"),
        "{e}"
    );
}

const LIST: &str = "Name,Company,Email,Phone\n\
                    Ann Lee,Acme,ann@acme.com,\n\
                    Bob Ray,Beta,,\n\
                    Cy Dee,Gamma,cy@gamma.com,\n";

/// Entries by email reveal what they hold; an entry with no strong identifier matches the
/// one contact holding its name; an entry of another email does not take a name from a
/// contact that has its own (held apart, and what it would save is kept); an entry
/// matching nothing is counted. No date column: every entry in the cycle, said so.
#[test]
fn log_entries_meet_contacts_by_the_rules_of_section_2() {
    let log = "Email,Phone,Name,Company\n\
               ann@acme.com,+1 555 0100,,\n\
               ,+1 555 0101,Bob Ray,Beta\n\
               cy@other.com,,Cy Dee,Gamma\n\
               zed@nowhere.com,,,\n";
    let roles: &[(&str, &str)] = &[
        ("email", "Email"),
        ("phone", "Phone"),
        ("full_name", "Name"),
        ("company_name", "Company"),
    ];
    let a = Case::new()
        .with_log(LIST, NCE, log, roles, Cycle::default())
        .unwrap();
    let f = &a.contact_flags;
    // Ann: her entry holds her email and a phone.
    assert_eq!(f[0], flags::HAS_EMAIL | flags::REV_EMAIL | flags::REV_PHONE);
    // Bob: matched by name alone; the entry has a phone, no email.
    assert_eq!(f[1], flags::REV_PHONE);
    // Cy: held apart (his own email, the entry another): nothing revealed.
    assert_eq!(f[2], flags::HAS_EMAIL);
    let s = a.log.as_ref().unwrap();
    assert_eq!(s.entries, 4);
    assert_eq!(s.in_cycle, 4);
    assert_eq!(s.undated, 4);
    assert_eq!(s.matched_entries, 2);
    assert_eq!(s.held_apart, 1);
    // Were Cy's entry his, it would reveal his email: one contact moves from HAS_EMAIL to
    // HAS_EMAIL | REV_EMAIL.
    let alt = s.held_apart_contacts.unwrap();
    assert_eq!(alt[flags::HAS_EMAIL as usize], 0);
    assert_eq!(alt[(flags::HAS_EMAIL | flags::REV_EMAIL) as usize], 1);
    assert_eq!(
        alt[(flags::HAS_EMAIL | flags::REV_EMAIL | flags::REV_PHONE) as usize],
        1
    );
    assert_eq!(alt[flags::REV_PHONE as usize], 1);
    for w in [
        "reveal log log.csv: no date column; every entry was assumed to be in the current billing cycle",
        "reveal log log.csv: 1 entry shares a full name with a contact of the list but not counted",
        "reveal log log.csv: 2 entries do not match any contact of the list (of 4)",
    ] {
        assert!(has(&a, w), "{w}: {:?}", a.warnings);
    }
}

/// Renewal 2026-12-01, monthly: the cycle is 2026-11-01 to 2026-11-30; today 2026-11-26.
#[test]
fn the_cycle_decides_which_entries_count() {
    let log = "Email,Phone,Date\n\
               ann@acme.com,,2026-11-01\n\
               cy@gamma.com,,2026-10-31\n\
               cy@gamma.com,+1 555,\n\
               ann@acme.com,+1 555,2026-11-27\n";
    let roles: &[(&str, &str)] = &[("email", "Email"), ("phone", "Phone"), ("date", "Date")];
    let cycle = Cycle {
        renewal: Some(d(2026, 12, 1)),
        length: CycleLength::Monthly,
    };
    let a = Case::new().with_log(LIST, NCE, log, roles, cycle).unwrap();
    let s = a.log.as_ref().unwrap();
    assert_eq!(
        (
            s.entries,
            s.in_cycle,
            s.outside_cycle,
            s.undated,
            s.after_today
        ),
        (4, 3, 1, 1, 1)
    );
    // Ann: both her entries in the cycle (the phone from the later one); Cy: his dated
    // entry is outside, the undated one counts (with its phone).
    assert_eq!(
        a.contact_flags[0],
        flags::HAS_EMAIL | flags::REV_EMAIL | flags::REV_PHONE
    );
    assert_eq!(
        a.contact_flags[2],
        flags::HAS_EMAIL | flags::REV_EMAIL | flags::REV_PHONE
    );
    for w in [
        "reveal log log.csv: 1 entry without a date: counted as in the current billing cycle",
        "reveal log log.csv: 1 entry outside the current billing cycle: no longer counted",
        "reveal log log.csv: 1 entry dated after today (2026-11-26)",
    ] {
        assert!(has(&a, w), "{w}: {:?}", a.warnings);
    }
    // Without a renewal date every entry counts, and that is said.
    let a = Case::new()
        .with_log(LIST, NCE, log, roles, Cycle::default())
        .unwrap();
    assert_eq!(a.log.as_ref().unwrap().in_cycle, 4);
    assert!(
        has(
            &a,
            "reveal log log.csv: no renewal date given; every entry was assumed"
        ),
        "{:?}",
        a.warnings
    );
    assert!(!has(&a, "without a date"), "{:?}", a.warnings);
}

/// Several date columns: per entry, the first in file order with a value (the mapping's
/// order does not matter).
#[test]
fn the_first_date_column_with_a_value() {
    let log = "Email,Revealed,Exported\n\
               ann@acme.com,,2026-11-10\n\
               cy@gamma.com,2026-10-01,2026-11-10\n";
    let roles: &[(&str, &str)] = &[
        ("email", "Email"),
        ("date", "Exported"),
        ("date", "Revealed"),
    ];
    let cycle = Cycle {
        renewal: Some(d(2026, 12, 1)),
        length: CycleLength::Monthly,
    };
    let a = Case::new().with_log(LIST, NCE, log, roles, cycle).unwrap();
    let s = a.log.as_ref().unwrap();
    // Ann's entry takes Exported (Revealed is empty): in; Cy's takes Revealed: out.
    assert_eq!((s.in_cycle, s.outside_cycle, s.undated), (1, 1, 0));
    assert_eq!(a.contact_flags[0] & flags::REV_EMAIL, flags::REV_EMAIL);
    assert_eq!(a.contact_flags[2] & flags::REV_EMAIL, 0);
}

#[test]
fn dates_that_cannot_be_read_are_errors_with_their_line() {
    let roles: &[(&str, &str)] = &[("email", "Email"), ("date", "Date")];
    let e = Case::new()
        .with_log(
            LIST,
            NCE,
            "Email,Date\nann@acme.com,2026-11-01\ncy@gamma.com,soon\n",
            roles,
            Cycle::default(),
        )
        .unwrap_err();
    match e {
        Error::Input { line, message, .. } => {
            assert_eq!(line, Some(3));
            assert!(
                message.starts_with("reveal date `soon` is not a date"),
                "{message}"
            );
        }
        e => panic!("{e:?}"),
    }
    // Day first on one line (13/04), month first on another (04/13): which is it?
    let e = Case::new()
        .with_log(
            LIST,
            NCE,
            "Email,Date\nann@acme.com,13/04/2026\ncy@gamma.com,04/13/2026\n",
            roles,
            Cycle::default(),
        )
        .unwrap_err();
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
    let a = Case::new()
        .with_log(
            LIST,
            NCE,
            "Email,Date\nann@acme.com,03/04/2026\n",
            roles,
            Cycle::default(),
        )
        .unwrap();
    assert!(
        has(
            &a,
            "reveal log log.csv: every date like 03/04/2026 reads both day-first and month-first"
        ),
        "{:?}",
        a.warnings
    );
}

/// The analysis of 8 rows in two tables built by hand (rows 0–3 and 4–7):
///
/// | row | 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 |
/// |---|---|---|---|---|---|---|---|---|
/// | contact | 0 | 1 | 0 | — | 2 | 3 | 0 | 1 |
/// | company | 0 | 1 | 0 | — | 0 | 1 | 0 | 1 |
fn two_tables() -> Analysis {
    Analysis {
        row_contact: vec![0, 1, 0, NONE, 2, 3, 0, 1],
        contact_rep: vec![0, 1, 4, 5],
        contact_flags: vec![flags::HAS_EMAIL, 0, flags::REV_EMAIL, flags::HAS_PHONE],
        row_company: vec![0, 1, 0, NONE, 0, 1, 0, 1],
        company_first_row: vec![0, 1],
        table_rows: vec![0..4, 4..8],
        ..Default::default()
    }
}

#[test]
fn each_tables_own_tally() {
    let a = two_tables();
    let t = a.table_tallies();
    assert_eq!(t.len(), 2);
    // Table 1: 4 rows, row 3 unmatchable, row 2 a duplicate, contacts 0 and 1, companies
    // 0 and 1.
    let mut c = [0u64; 16];
    c[flags::HAS_EMAIL as usize] = 1;
    c[0] = 1;
    assert_eq!(
        t[0],
        Tally {
            rows: 4,
            unmatchable_rows: 1,
            duplicate_rows: 1,
            contacts: c,
            companies: 2,
        }
    );
    // Table 2: rows 6 and 7 are duplicates of contacts first seen in table 1; contacts 2
    // and 3; companies 0 and 1 again (each table counts its own).
    let mut c = [0u64; 16];
    c[flags::REV_EMAIL as usize] = 1;
    c[flags::HAS_PHONE as usize] = 1;
    assert_eq!(
        t[1],
        Tally {
            rows: 4,
            unmatchable_rows: 0,
            duplicate_rows: 2,
            contacts: c,
            companies: 2,
        }
    );
    // A part of a table.
    let part = a.tally_of(2..5);
    assert_eq!(
        (
            part.rows,
            part.unmatchable_rows,
            part.duplicate_rows,
            part.companies
        ),
        (3, 1, 1, 1)
    );
}

#[test]
fn contacts_shared_between_tables() {
    // Contacts 0 and 1 are first seen in table 0 and again in table 1.
    let a = two_tables();
    assert_eq!(
        a.shared_contacts(),
        [
            SharedGroup {
                flags: 0,
                tables: vec![0, 1],
                contacts: 1
            },
            SharedGroup {
                flags: flags::HAS_EMAIL,
                tables: vec![0, 1],
                contacts: 1
            },
        ]
    );
    // Three tables: a contact twice in the second and once in the third lists each table
    // once; a contact first seen in the last table is shared with nobody.
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
    // One table: nothing is shared.
    let one = Analysis {
        table_rows: std::iter::once(0..8).collect(),
        ..two_tables()
    };
    assert!(one.shared_contacts().is_empty());
}

#[test]
fn scientific_notation_as_excel_writes_it() {
    for yes in [
        "4.47712E+11",
        "4.47712e11",
        "+4.47712E+11",
        "4,47712E+11",
        "1E12",
        " 1e+12 ",
    ] {
        assert!(is_scientific(yes), "{yes}");
    }
    for no in [
        "", "E+12", "1E", "1E+", ".5E+3", "4.4E+1a", "12-34E+5", "x1E+5", "1E+-5", "+44 20",
    ] {
        assert!(!is_scientific(no), "{no}");
    }
}
