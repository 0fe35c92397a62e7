//! The identity rules the first tests leave open, each worked by hand: the row report's
//! words for a join, a key's layout (its table hash, its entry, its part), the email
//! cells read as lists that each scan reports, the progress a scan reports, the API
//! extras' companies (pricing.md §4: by domain, else company name, among identifiable
//! rows) and shared phone numbers across several phone columns.

use std::cell::RefCell;
use std::hash::{BuildHasher, Hash};

use super::*;

fn frame(cols: &[(&str, Vec<String>)]) -> DataFrame {
    let columns: Vec<Column> = cols
        .iter()
        .map(|(n, v)| Column::new((*n).into(), v.clone()))
        .collect();
    DataFrame::new_infer_height(columns).unwrap()
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn mapping(roles: &[(Role, &[&str])]) -> Mapping {
    let mut m = Mapping::default();
    for (r, cols) in roles {
        m.set(*r, cols.iter().map(|c| c.to_string()).collect());
    }
    m
}

/// pricing.md §1: the row report names what joined a duplicate — the identifier kind in
/// words.
#[test]
fn each_kind_is_named_in_the_row_reports_words() {
    assert_eq!(IdKind::Linkedin.label(), "LinkedIn URL");
    assert_eq!(IdKind::Email.label(), "email");
    assert_eq!(IdKind::NameCompany.label(), "full name and company");
    assert_eq!(IdKind::NameDomain.label(), "full name and company domain");
}

/// A key's first half is its hash in the table, as it is: [`KeyHasher`] gives back the
/// one `u64` a key writes, and a [`KeyMap`] hashes a key to it.
#[test]
fn a_keys_table_hash_is_its_first_half() {
    for text in [
        "em:a@b.co",
        "li:linkedin.com/in/a",
        "nc:a\u{1f}b",
        "acme.com",
    ] {
        let k = Key::of(text);
        let mut h = KeyHasher::default();
        k.hash(&mut h);
        assert_eq!(h.finish(), k.0, "{text}");
        let build = BuildHasherDefault::<KeyHasher>::default();
        assert_eq!(build.hash_one(k), k.0, "{text}");
    }
    // Two keys, two table hashes (nothing collapses them to one bucket).
    let build = BuildHasherDefault::<KeyHasher>::default();
    assert_ne!(
        build.hash_one(Key::of("em:a@b.co")),
        build.hash_one(Key::of("em:b@b.co"))
    );
}

/// An entry keeps the whole 128-bit key, high word first (so that entries sort by the
/// key's first half, then its second), and a key's part is its first byte: no bit of the
/// key is lost (the module's collision bound counts on all 128, less the kind's 2).
#[test]
fn an_entry_holds_all_of_its_key_and_its_part_is_the_first_byte() {
    let k = Key(0x0123_4567_89ab_cdef, 0xfedc_ba98_7654_3211);
    assert_eq!(
        k.words(),
        [0x0123_4567, 0x89ab_cdef, 0xfedc_ba98, 0x7654_3211]
    );
    assert_eq!(key_kind(&k.words()), IdKind::Email, "low bits 01");
    assert_eq!(k.part(), 0x01);
    assert_eq!(Key(0xab00_0000_0000_0000, 0).part(), 0xab);
    assert_eq!(Key(u64::MAX, 0).part(), PARTS - 1);
}

/// The email cells read as lists (a display name, `mailto:`, several addresses): each
/// scan returns those of its own table, the grouping keeps the sum. Tables scanned into
/// one grouping in turn — A (3 rows, 2 lists), C (2 rows, 1 list), then B (two batches
/// and 5 rows, one batch per core, 3 lists: one in each batch) — return 2, 1 and 3; the
/// grouping holds 2 + 1 + 3 = 6.
///
/// Progress: `tick` hears the rows of the table done after each batch — 3 for A, 2 for C
/// (one batch each), and BATCH, 2·BATCH, 2·BATCH + 5 for B.
#[test]
fn each_scan_returns_its_own_list_cells_and_ticks_its_rows_done() {
    let m = mapping(&[(Role::Email, &["em"])]);
    let a = frame(&[(
        "em",
        strings(&["Ann Lee <ann@x.io>", "bo@x.io", "mailto:cy@x.io"]),
    )]);
    let c = frame(&[("em", strings(&["dee@x.io, dee@y.io", "ed@x.io"]))]);
    let n = 2 * BATCH + 5;
    let big: Vec<String> = (0..n)
        .map(|r| {
            if r == 0 || r == BATCH || r == n - 1 {
                format!("p{r}@x.io; q{r}@x.io")
            } else {
                format!("p{r}@x.io")
            }
        })
        .collect();
    let b = frame(&[("em", big)]);
    let mut g = Grouping::default();
    let ticks = RefCell::new(Vec::new());
    let tick = |done: usize| {
        ticks.borrow_mut().push(done);
        true
    };
    assert_eq!(scan(&a, &m, &mut g, &tick).unwrap(), 2, "A");
    assert_eq!(ticks.take(), vec![3]);
    assert_eq!(scan(&c, &m, &mut g, &tick).unwrap(), 1, "C");
    assert_eq!(ticks.take(), vec![2]);
    assert_eq!(scan(&b, &m, &mut g, &tick).unwrap(), 3, "B");
    assert_eq!(ticks.take(), vec![BATCH, 2 * BATCH, n]);
    assert_eq!(g.list_cells, 6);
    assert_eq!(g.rows(), 3 + 2 + n);
    // Rows are numbered on across the tables: B's row 0 is row 5; its two addresses are
    // one contact, B's row 1 another.
    assert_eq!(g.root(5), Some(5));
    assert_eq!(g.rows_with(&Key::of("em:q0@x.io")), vec![5]);
    assert_eq!(g.root(6), Some(6));
}

/// pricing.md §4, API extras: companies are unique by normalised domain, else normalised
/// company name, among identifiable rows, numbered by their first row; rows are numbered
/// on across scans.
///
/// Scan 1 (name, company, domain, email):
/// 0 Al Bo, Acme, acme.com        — company acme.com: #0, first row 0
/// 1 Cy Do, Beta Ltd, —           — company "beta ltd": #1, first row 1
/// 2 —, Gamma, gamma.io           — no name, no email: unmatchable, no company
/// Scan 2 (rows 3–5):
/// 3 Ed Fu, ACME, https://www.acme.com/ — the domain first: acme.com, #0 again
/// 4 —, Gamma, —, g@gamma.io      — identifiable by its email; "gamma": #2, first row 4
///   (row 2's gamma.io never counted: row 2 is unmatchable)
/// 5 Hi Jo, gamma, —              — "gamma": #2
#[test]
fn companies_are_numbered_by_their_first_identifiable_row() {
    let m = mapping(&[
        (Role::FullName, &["name"]),
        (Role::CompanyName, &["company"]),
        (Role::CompanyDomain, &["domain"]),
        (Role::Email, &["email"]),
    ]);
    let one = frame(&[
        ("name", strings(&["Al Bo", "Cy Do", ""])),
        ("company", strings(&["Acme", "Beta  Ltd", "Gamma"])),
        ("domain", strings(&["acme.com", "", "gamma.io"])),
        ("email", strings(&["", "", ""])),
    ]);
    let two = frame(&[
        ("name", strings(&["Ed Fu", "", "Hi Jo"])),
        ("company", strings(&["ACME", "Gamma", "gamma"])),
        ("domain", strings(&["https://www.acme.com/", "", ""])),
        ("email", strings(&["", "g@gamma.io", ""])),
    ]);
    let mut g = Grouping::default();
    scan(&one, &m, &mut g, &|_| true).unwrap();
    scan(&two, &m, &mut g, &|_| true).unwrap();
    assert_eq!(g.company_first_row, vec![0, 1, 4]);
    assert_eq!(g.row_company, vec![0, 1, u32::MAX, 0, 2, 2]);
    assert_eq!(g.root(2), None);
}

/// A row's phones come from every phone column (pricing.md §1: any phone cell with a
/// digit), so a second number on a row can be the shared one; a number on exactly as many
/// contacts as asked is shared. Rows (email, phone 1, phone 2), each its own contact:
/// 0 a@, 555 0100, 555 0199   1 b@, —, 5550199   2 c@, (555) 0199, —   3 d@, 555-0100, —
/// 5550199 is on rows 0, 1, 2: three contacts, shared at 3; 5550100 on rows 0 and 3: two
/// contacts, shared only at 2. At 3: one number, contacts {0, 1, 2}; at 2: two numbers,
/// contacts {0, 1, 2, 3}; at 4: none.
#[test]
fn a_second_phone_column_is_read_and_a_number_on_exactly_enough_contacts_is_shared() {
    let df = frame(&[
        ("email", strings(&["a@x.io", "b@x.io", "c@x.io", "d@x.io"])),
        ("p1", strings(&["555 0100", "", "(555) 0199", "555-0100"])),
        ("p2", strings(&["555 0199", "5550199", "", ""])),
    ]);
    let m = mapping(&[(Role::Email, &["email"]), (Role::Phone, &["p1", "p2"])]);
    let mut g = Grouping::default();
    scan(&df, &m, &mut g, &|_| true).unwrap();
    let roots: Vec<u32> = (0..4).map(|r| g.root(r).unwrap()).collect();
    assert_eq!(roots, vec![0, 1, 2, 3]);
    let at = |g: &mut Grouping, min| g.shared_phones(min, &|r| roots[r as usize]);
    let s = |numbers, contacts| SharedPhones { numbers, contacts };
    assert_eq!(at(&mut g, 3), s(1, 3));
    assert_eq!(at(&mut g, 2), s(2, 4));
    assert_eq!(at(&mut g, 4), s(0, 0));
}

/// After settling, every strong key still finds its row, however many keys share its
/// part (one of 256, by the key's first byte): 600 emails on 600 rows put two or more keys
/// in most parts, and each email's row is its own. A name on two rows keeps both.
#[test]
fn every_key_keeps_its_rows_however_many_share_its_part() {
    let n = 600;
    let emails: Vec<String> = (0..n).map(|r| format!("p{r}@x.io")).collect();
    let names: Vec<String> = (0..n)
        .map(|r| {
            if r < 2 {
                "Al Bo".to_string()
            } else {
                String::new()
            }
        })
        .collect();
    let companies: Vec<String> = (0..n)
        .map(|r| {
            if r < 2 {
                "Acme".to_string()
            } else {
                String::new()
            }
        })
        .collect();
    let df = frame(&[("em", emails), ("name", names), ("co", companies)]);
    let m = mapping(&[
        (Role::Email, &["em"]),
        (Role::FullName, &["name"]),
        (Role::CompanyName, &["co"]),
    ]);
    let mut g = Grouping::default();
    scan(&df, &m, &mut g, &|_| true).unwrap();
    for r in 0..n {
        let key = Key::of(&format!("em:p{r}@x.io"));
        assert_eq!(g.rows_with(&key), vec![r as u32], "row {r}");
    }
    let mut both = g.rows_with(&Key::of(&format!("nc:al bo{SEP}acme")));
    both.sort_unstable();
    assert_eq!(both, vec![0, 1]);
}
