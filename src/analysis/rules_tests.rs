//! The expensive pass worked by hand (pricing.md §1–§2): statuses and contacts of a list,
//! its warnings, several lists read as one, the reveal log's matching and counting, and
//! the pass taken run by run.

use super::test_support::{NO, contacts, day, mapping, table};
use super::*;
use crate::identity::{IdKind, Join};

/// Statuses, contacts, flags, companies and joins of one list (pricing.md §1), and the
/// warnings it earns. Rows (full name, company, email, phone):
/// 0 Ann Lee, Acme, ann@acme.com, +1 555 0100      contact 0
/// 1 Ann Lee, Acme, —, —                           joins 0 by name and company (rule 3)
/// 2 Cat Sun, Gamma, cat@gamma.io, 1-555-0100      contact 1
/// 3 —, —, —, 555 0199                             unmatchable (a phone is no identifier)
/// 4 Eve Wu, Eps, eve@eps.io, —                    contact 2
/// 5 Eve Wu, Eps, eve2@eps.io, —                   contact 3: a name never joins two
///                                                 people with their own emails (rule 4)
/// 6 Eve Wu, Eps, —, —                             meets 2 and 3: a contact of its own, 4
/// 7 Fay Xi, Phi, Fay <FAY@phi.io>, 15550100        contact 5 (a list cell)
/// 8 —, —, fay@phi.io, 4.47712E+11                 joins 5 by email; Excel's notation
/// 9 Dan Vo, —, —, —                               a name alone: unmatchable
///
/// Flags (has email 4, has phone 8): 0 → 12, 1 → 12, 2 → 4, 3 → 4, 4 → 0, 5 → 12.
/// Tally: 10 rows, 2 unmatchable, 2 duplicates; contacts 3 × 12, 2 × 4, 1 × 0; companies
/// acme, gamma, eps, phi (row 8 names none) = 4.
/// 15550100 is on rows 0, 2, 7: three contacts, shared.
#[test]
fn one_lists_statuses_contacts_flags_and_warnings() {
    let list = table(
        "list.csv",
        &[
            (
                "Full name",
                &[
                    "Ann Lee", "Ann Lee", "Cat Sun", "", "Eve Wu", "Eve Wu", "Eve Wu", "Fay Xi",
                    "", "Dan Vo",
                ],
            ),
            (
                "Company",
                &[
                    "Acme", "Acme", "Gamma", "", "Eps", "Eps", "Eps", "Phi", "", "",
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
                    "",
                    "Fay <FAY@phi.io>",
                    "fay@phi.io",
                    "",
                ],
            ),
            (
                "Phone",
                &[
                    "+1 555 0100",
                    "",
                    "1-555-0100",
                    "555 0199",
                    "",
                    "",
                    "",
                    "15550100",
                    "4.47712E+11",
                    "",
                ],
            ),
        ],
    );
    let m = mapping(&[
        (Role::FullName, &["Full name"]),
        (Role::CompanyName, &["Company"]),
        (Role::Email, &["Email"]),
        (Role::Phone, &["Phone"]),
    ]);
    let a = analyze(
        &list,
        &m,
        None,
        &Cycle::default(),
        day(2026, 12, 1),
        &Progress::new(),
    )
    .unwrap();
    assert_eq!(a.row_contact, vec![0, 0, 1, NO, 2, 3, 4, 5, 5, NO]);
    assert_eq!(a.contact_rep, vec![0, 2, 4, 5, 6, 7]);
    assert_eq!(a.contact_flags, vec![12, 12, 4, 4, 0, 12]);
    let want = Tally {
        rows: 10,
        unmatchable_rows: 2,
        duplicate_rows: 2,
        contacts: contacts(&[(12, 3), (4, 2), (0, 1)]),
        companies: 4,
    };
    assert_eq!(a.tally, want);
    assert_eq!(a.tally_of(0..10), want);
    assert_eq!(a.table_tallies(), vec![want]);
    assert_eq!(a.table_rows, vec![0..10]);
    assert!(a.shared_contacts().is_empty(), "one list shares nothing");
    assert_eq!(a.company_first_row, vec![0, 2, 4, 7]);
    assert_eq!(a.row_company, vec![0, 0, 1, NO, 2, 2, 2, 3, NO, NO]);
    let j = |kind, row| Some(Join { kind, row });
    let joins: Vec<Option<Join>> = (0..10).map(|r| a.join_of(r)).collect();
    assert_eq!(
        joins,
        vec![
            None,
            j(IdKind::NameCompany, 0),
            None,
            None,
            None,
            None,
            None,
            None,
            j(IdKind::Email, 7),
            None
        ]
    );
    let reps: Vec<bool> = (0..10).map(|r| a.is_representative(r)).collect();
    assert_eq!(
        reps,
        vec![
            true, false, true, false, true, true, true, true, false, false
        ]
    );
    assert_eq!(
        a.warnings,
        vec![
            "1 phone cell looks like numbers Excel rewrote in scientific notation, like 4.47712E+11 (first on line 10): digits were lost; they still count as phones, but export the column as text to keep them",
            "1 email cell was read as a list of addresses (a display name, mailto:, quotes or several addresses): every address counts as the contact's, and the trimmed upload file keeps the first",
            "2 rows share a full name and company with another contact that has its own email or LinkedIn URL: counted as different people (a name never joins two people who carry their own)",
            "1 contact without an email or LinkedIn URL matches the name of several contacts: each counted as a contact of its own",
            "1 phone number is on the rows of 3 or more different contacts (a switchboard or company line?), affecting 3 contacts: it may not be each person's own phone, and \"only what the file lacks\" takes it as one",
        ]
    );
    assert!(a.log.is_none());
}

/// A list with nothing to warn about earns no warning: no count of 0 is ever said.
#[test]
fn a_plain_list_earns_no_warning() {
    let list = table(
        "list.csv",
        &[
            ("Full name", &["Ann Lee", "Bob Ray", "Cat Sun"]),
            ("Company", &["Acme", "Beta", "Gamma"]),
            ("Email", &["ann@acme.com", "bob@beta.io", "cat@gamma.io"]),
            ("Phone", &["+1 555 0100", "+1 555 0101", "+1 555 0102"]),
        ],
    );
    let m = mapping(&[
        (Role::FullName, &["Full name"]),
        (Role::CompanyName, &["Company"]),
        (Role::Email, &["Email"]),
        (Role::Phone, &["Phone"]),
    ]);
    let a = analyze(
        &list,
        &m,
        None,
        &Cycle::default(),
        day(2026, 12, 1),
        &Progress::new(),
    )
    .unwrap();
    assert_eq!(a.warnings, Vec::<String>::new());
    assert_eq!(a.tally.contacts, contacts(&[(12, 3)]));
}

/// Several lists read as one (a Workspace spec's tables): contacts across them, each
/// list's tally, the contacts shared between lists, and warnings naming their file.
/// Columns email, domain, phone; rows numbered on from list to list:
/// one.csv   0 a@, acme.com   1 b@, acme.com, 555 1   2 —, gamma.io   3 e@, beta.io, 555 2
/// two.csv   4 b@, beta.io   5 "c@, c2@", acme.com (a list cell)   6 a@, beta.io   7 c@
///           8 e@   9 a@
/// three.csv 10 a@   11 d@, delta.io
/// four.csv  12 n/a   13 — (an email column mapped, nothing matchable)
/// five.csv  14 a phone only, no identifying column mapped
/// six.csv   no rows
/// Contacts: a (row 0, flags 4), b (1, 4 + 8 = 12), e (3, 12), c (5, 4), d (11, 4).
/// Tallies: one — 4 rows, 1 unmatchable, contacts a, b, e, companies acme, beta (gamma's
/// row is unmatchable); two — 6 rows, 5 duplicates (4, 6, 7, 8, 9), contact c, companies
/// beta, acme; three — 2 rows, 1 duplicate, contact d, company delta; four — 2
/// unmatchable; five — 1 unmatchable; six — nothing. All: 15 rows, 4 unmatchable, 6
/// duplicates, companies acme, beta, delta.
/// Shared: a in one, two and three; b and e in one and two; c and d in their own list
/// only.
#[test]
fn several_lists_read_as_one() {
    let one = table(
        "one.csv",
        &[
            ("Email", &["a@x.io", "b@x.io", "", "e@x.io"]),
            ("Website", &["acme.com", "acme.com", "gamma.io", "beta.io"]),
            ("Phone", &["", "555 1", "", "555 2"]),
        ],
    );
    let two = table(
        "two.csv",
        &[
            (
                "Email",
                &[
                    "b@x.io",
                    "c@x.io, c2@x.io",
                    "a@x.io",
                    "c@x.io",
                    "e@x.io",
                    "a@x.io",
                ],
            ),
            ("Website", &["beta.io", "acme.com", "beta.io", "", "", ""]),
            ("Phone", &["", "", "", "", "", ""]),
        ],
    );
    let three = table(
        "three.csv",
        &[
            ("Email", &["a@x.io", "d@x.io"]),
            ("Website", &["", "delta.io"]),
            ("Phone", &["", ""]),
        ],
    );
    let four = table("four.csv", &[("Email", &["n/a", ""])]);
    let five = table("five.csv", &[("Phone", &["555 3"])]);
    let six = table("six.csv", &[("Email", &[])]);
    let m = mapping(&[
        (Role::Email, &["Email"]),
        (Role::CompanyDomain, &["Website"]),
        (Role::Phone, &["Phone"]),
    ]);
    let email_only = mapping(&[(Role::Email, &["Email"])]);
    let phone_only = mapping(&[(Role::Phone, &["Phone"])]);
    let all = [
        (&one, &m),
        (&two, &m),
        (&three, &m),
        (&four, &email_only),
        (&five, &phone_only),
        (&six, &email_only),
    ];
    let a = analyze_tables(
        &all,
        None,
        &Cycle::default(),
        day(2026, 12, 1),
        &Progress::new(),
    )
    .unwrap();
    assert_eq!(
        a.table_rows,
        vec![0..4, 4..10, 10..12, 12..14, 14..15, 15..15]
    );
    assert_eq!(
        a.row_contact,
        vec![0, 1, NO, 2, 1, 3, 0, 3, 2, 0, 0, 4, NO, NO, NO]
    );
    assert_eq!(a.contact_rep, vec![0, 1, 3, 5, 11]);
    assert_eq!(a.contact_flags, vec![4, 12, 12, 4, 4]);
    let t = |rows, unmatchable_rows, duplicate_rows, c: &[(usize, u64)], companies| Tally {
        rows,
        unmatchable_rows,
        duplicate_rows,
        contacts: contacts(c),
        companies,
    };
    let tallies = vec![
        t(4, 1, 0, &[(4, 1), (12, 2)], 2),
        t(6, 0, 5, &[(4, 1)], 2),
        t(2, 0, 1, &[(4, 1)], 1),
        t(2, 2, 0, &[], 0),
        t(1, 1, 0, &[], 0),
        t(0, 0, 0, &[], 0),
    ];
    assert_eq!(a.table_tallies(), tallies);
    assert_eq!(a.tally_of(4..10), tallies[1]);
    assert_eq!(a.tally, t(15, 4, 6, &[(4, 3), (12, 2)], 3));
    let g = |flags, tables: &[usize], contacts| SharedGroup {
        flags,
        tables: tables.to_vec(),
        contacts,
    };
    assert_eq!(
        a.shared_contacts(),
        vec![g(4, &[0, 1, 2], 1), g(12, &[0, 1], 2)]
    );
    assert_eq!(
        a.warnings,
        vec![
            "five.csv: no email, LinkedIn URL, company name or domain column is mapped: every row is unmatchable".to_string(),
            "two.csv: 1 email cell was read as a list of addresses (a display name, mailto:, quotes or several addresses): every address counts as the contact's, and the trimmed upload file keeps the first".to_string(),
            "four.csv: none of the 2 rows can be matched: no row has a valid email, a LinkedIn person URL, or a full name with a company name or domain; check the column roles (or the sheet)".to_string(),
        ]
    );
    // Two lists share too: a, b and e are in both one and two.
    let a = analyze_tables(
        &all[..2],
        None,
        &Cycle::default(),
        day(2026, 12, 1),
        &Progress::new(),
    )
    .unwrap();
    assert_eq!(
        a.shared_contacts(),
        vec![g(4, &[0, 1], 1), g(12, &[0, 1], 2)]
    );
}

/// A column the mapping names must exist (an error naming the file, the role, the column
/// and the columns there are); the check holds for the reveal log too.
#[test]
fn a_mapped_column_that_does_not_exist_is_an_error() {
    let list = table("list.csv", &[("Email", &["a@x.io"]), ("Name", &["Al Bo"])]);
    let wrong = mapping(&[(Role::Email, &["Emial"])]);
    let today = day(2026, 12, 1);
    let err = analyze(
        &list,
        &wrong,
        None,
        &Cycle::default(),
        today,
        &Progress::new(),
    )
    .unwrap_err();
    match err {
        Error::Setting(msg) => assert_eq!(
            msg,
            "list.csv: the email column `Emial` does not exist; the columns are: Email, Name"
        ),
        other => panic!("{other:?}"),
    }
    let right = mapping(&[(Role::Email, &["Email"])]);
    let log = table("log.csv", &[("Email", &["a@x.io"])]);
    let err = analyze(
        &list,
        &right,
        Some(RevealLog {
            table: &log,
            mapping: &wrong,
        }),
        &Cycle::default(),
        today,
        &Progress::new(),
    )
    .unwrap_err();
    assert!(
        matches!(&err, Error::Setting(m) if m.starts_with("log.csv: the email column `Emial`")),
        "{err:?}"
    );
}

/// Excel's scientific notation: a mantissa that starts with a digit, of digits and one
/// kind of separator, then E and whole digits.
#[test]
fn scientific_notation_needs_a_digit_first_and_an_exponent() {
    assert!(is_scientific("1e12"));
    assert!(is_scientific("4.47712E11"));
    assert!(!is_scientific(".5E+3"), "no digit first");
    assert!(!is_scientific("4a4E+11"), "a letter in the mantissa");
    assert!(!is_scientific("1E+"), "no exponent");
    assert!(!is_scientific("1E+1x"), "a letter in the exponent");
}
