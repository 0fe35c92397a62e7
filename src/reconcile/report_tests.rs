//! managers.md's plan vs actual on small Usage Reports written by hand: which columns
//! count, which rows are users, the months of the period, the Total row's check, and each
//! item's verdict at its edges.

use super::*;
use crate::report::Breakdown;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Two months of five credit columns each, a user, a group's summary row, the API row and
/// the Total row (which adds up: Nov 1 + 0 … as the user rows give).
const REPORT: &str = "\
,,,Nov 2026,,,,,Dec 2026,,,,,
User Group Name,User Email,Role,Phone reveals,Email reveals,API Search credits,API Company Enrichment credits,Total credits,Phone reveals,Email reveals,API Search credits,API Company Enrichment credits,Total credits,Grand Total
G1,a@x.com,User,1,2,0,0,7,10,20,0,0,70,77
G1,,,1,2,0,0,7,10,20,0,0,70,77
API credits,,,0,0,3,4,7,0,0,30,40,70,77
Total,,,1,2,3,4,14,10,20,30,40,140,154
";

struct File(tempfile::TempDir);

impl File {
    fn new(text: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("usage.csv"), text).unwrap();
        File(dir)
    }
    fn path(&self) -> std::path::PathBuf {
        self.0.path().join("usage.csv")
    }
    fn read(&self, from: NaiveDate, to: NaiveDate) -> (Vec<UserUsage>, Vec<String>, Vec<String>) {
        read_usage(&self.path(), from, to).unwrap()
    }
}

fn user(
    u: &str,
    g: &str,
    phone: f64,
    email: f64,
    search: f64,
    company: f64,
    credits: f64,
) -> UserUsage {
    UserUsage {
        user: u.into(),
        group: g.into(),
        email_reveals: email,
        phone_reveals: phone,
        api_search_credits: search,
        api_company_credits: company,
        credits,
    }
}

#[test]
fn kinds_of_credit_columns() {
    assert_eq!(Kind::of("Phone reveals"), Some(Kind::PhoneReveals));
    assert_eq!(Kind::of("EMAIL reveals"), Some(Kind::EmailReveals));
    assert_eq!(Kind::of("E-mail reveals"), Some(Kind::EmailReveals));
    assert_eq!(
        Kind::of("API Company Enrichment credits"),
        Some(Kind::ApiCompany)
    );
    assert_eq!(Kind::of("API Search credits"), Some(Kind::ApiSearch));
    assert_eq!(Kind::of("Search"), Some(Kind::ApiSearch));
    assert_eq!(Kind::of("API"), Some(Kind::ApiSearch));
    assert_eq!(Kind::of("Total credits"), Some(Kind::TotalCredits));
    assert_eq!(Kind::of("Credits"), Some(Kind::TotalCredits));
    assert_eq!(Kind::of("Total"), Some(Kind::TotalCredits));
    assert_eq!(Kind::of("Role"), None);
}

#[test]
fn the_period_takes_the_months_it_overlaps() {
    let f = File::new(REPORT);
    let (users, months, warnings) = f.read(d(2026, 11, 1), d(2026, 11, 30));
    assert_eq!(months, ["2026-11"]);
    assert_eq!(
        users,
        [
            user("a@x.com", "G1", 1.0, 2.0, 0.0, 0.0, 7.0),
            user("API credits", "", 0.0, 0.0, 3.0, 4.0, 7.0)
        ],
        "the group's summary row (no email) is no user"
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    // One day of a month is enough: the last of November, the first of December.
    let (users, months, _) = f.read(d(2026, 11, 30), d(2026, 12, 1));
    assert_eq!(months, ["2026-11", "2026-12"]);
    assert_eq!(users[0], user("a@x.com", "G1", 11.0, 22.0, 0.0, 0.0, 77.0));
    assert_eq!(
        users[1],
        user("API credits", "", 0.0, 0.0, 33.0, 44.0, 77.0)
    );
    let (users, months, _) = f.read(d(2026, 12, 1), d(2027, 1, 31));
    assert_eq!(months, ["2026-12"]);
    assert_eq!(users[0].phone_reveals, 10.0);
    let (users, months, _) = f.read(d(2026, 10, 1), d(2026, 10, 31));
    assert!(months.is_empty());
    assert_eq!(users[0], user("a@x.com", "G1", 0.0, 0.0, 0.0, 0.0, 0.0));
}

#[test]
fn the_total_row_checks_the_user_rows() {
    // Nov's phone total says 5 where the user rows give 1.
    let f = File::new(&REPORT.replace("Total,,,1,2,", "Total,,,5,2,"));
    let (_, _, warnings) = f.read(d(2026, 11, 1), d(2026, 11, 30));
    assert_eq!(
        warnings,
        ["the report's Total row says 5 for `Phone reveals` (2026-11), its user rows add up to 1"]
    );
    // A report without a Total row cannot be checked, and says so.
    let f = File::new(&REPORT.replace("Total,,,1,2,3,4,14,10,20,30,40,140,154\n", ""));
    let (_, _, warnings) = f.read(d(2026, 11, 1), d(2026, 11, 30));
    assert_eq!(
        warnings,
        ["the report has no Total row to check the user rows against"]
    );
    // "Grand total" is a Total row too (never a user), and numbers may have separators.
    let text = REPORT
        .replace("Total,,,", "grand total,,,")
        .replace("G1,a@x.com,User,1,2,", "G1,a@x.com,User,\"1,000\",2,")
        .replace("grand total,,,1,", "grand total,,,\"1,000\",");
    let (users, _, warnings) = File::new(&text).read(d(2026, 11, 1), d(2026, 11, 30));
    assert_eq!(users.len(), 2);
    assert_eq!(users[0].phone_reveals, 1000.0);
    assert!(warnings.is_empty(), "{warnings:?}");
}

/// Without a month row, each column's month is in its own header; a column after a
/// total column with no month of its own is not a monthly column.
#[test]
fn months_written_in_each_columns_own_header() {
    let text = "\u{feff}User Email,Phone reveals (Nov 2026),Email reveals - Dec 2026,Phones Total,Email reveals\n\
                a@x.com,1,2,3,4\nTotal,1,2,3,4\n";
    let f = File::new(text);
    let (users, months, warnings) = f.read(d(2026, 11, 1), d(2026, 12, 31));
    assert_eq!(months, ["2026-11", "2026-12"]);
    assert_eq!(users, [user("a@x.com", "", 1.0, 2.0, 0.0, 0.0, 0.0)]);
    assert!(warnings.is_empty(), "{warnings:?}");
    // The month row's heading carries on to the right (a merged cell exports once) but
    // stops at a total column.
    let text = ",Nov 2026,,,\nUser Email,Phone reveals,Email reveals,Credits Total,Phone reveals\na@x.com,1,2,3,4\nTotal,1,2,3,4\n";
    let (users, months, _) = File::new(text).read(d(2026, 11, 1), d(2026, 11, 30));
    assert_eq!(months, ["2026-11"]);
    assert_eq!(users, [user("a@x.com", "", 1.0, 2.0, 0.0, 0.0, 0.0)]);
}

#[test]
fn not_a_usage_report_is_refused_with_why() {
    let f = File::new("Name,Email\nJane,a@x.com\n");
    let e = read_usage(&f.path(), d(2026, 11, 1), d(2026, 11, 30)).unwrap_err();
    match e {
        Error::Input { line, message, .. } => {
            assert_eq!(line, None);
            assert!(
                message.starts_with("not a Usage Report: no header row with `User Email`"),
                "{message}"
            );
        }
        e => panic!("{e:?}"),
    }
    let f = File::new("title\nUser Email,Role,Notes\na@x.com,User,x\n");
    let e = read_usage(&f.path(), d(2026, 11, 1), d(2026, 11, 30)).unwrap_err();
    match e {
        Error::Input { line, message, .. } => {
            assert_eq!(line, Some(2), "the header row's line");
            assert!(
                message.starts_with("no monthly credit columns found"),
                "{message}"
            );
        }
        e => panic!("{e:?}"),
    }
    let gone = f.0.path().join("gone.csv");
    assert!(matches!(
        read_usage(&gone, d(2026, 11, 1), d(2026, 11, 30)),
        Err(Error::Io { .. })
    ));
}

fn c(low: f64, expected: f64, high: f64) -> Credits {
    Credits {
        low,
        expected,
        high,
    }
}

/// November of [`REPORT`]: email reveals 2, phone reveals 1, API search 3, company 4,
/// total 14; email and phone are charged at the book's prices.
#[test]
fn each_item_beside_the_plan() {
    let book = crate::pricebook::default_book();
    let (pe, pp) = (book.prices.email, book.prices.phone);
    let zero = c(0.0, 0.0, 0.0);
    let result = crate::plan::SavedResult {
        computed: chrono::Utc::now(),
        rows: 0,
        unmatchable_rows: 0,
        duplicate_rows: 0,
        already_revealed_rows: 0,
        nothing_needed_rows: 0,
        billable_contacts: 0,
        credits: c(10.0, 12.0, 20.0),
        breakdown: Breakdown {
            // Actual 2 × pe is exactly the low end: within.
            email: c(2.0 * pe, 3.0 * pe, 4.0 * pe),
            // Actual 1 × pp is above a high of pp − 0.5.
            phone: c(0.25 * pp, 0.5 * pp, pp - 0.5),
            // API search is request fees + contact Signals: {1.5 + 2.5, 2 + 3, 2.5 + 3.5}
            // = {4, 5, 6}; actual 3 is below.
            request_fees: c(1.5, 2.0, 2.5),
            contact_signals: c(2.5, 3.0, 3.5),
            // Company is company info + company Signals: {0.5 + 1.5, 1 + 2, 1.5 + 2.5} =
            // {2, 3, 4}; actual 4 is the high end: within.
            company: c(0.5, 1.0, 1.5),
            company_signals: c(1.5, 2.0, 2.5),
            ai_data: zero,
            signals: zero,
            csv_export: zero,
            crm_export: zero,
            ai_chat: zero,
            blurred_rows: zero,
        },
        budget_status: None,
        warnings: Vec::new(),
    };
    let f = File::new(REPORT);
    let r = reconcile(&f.path(), &result, &book, d(2026, 11, 1), d(2026, 11, 30)).unwrap();
    let got: Vec<(&str, f64, Credits, &str, f64)> = r
        .items
        .iter()
        .map(|i| (i.item, i.actual, i.planned, i.verdict, i.difference))
        .collect();
    assert_eq!(
        got,
        [
            (
                "email",
                2.0 * pe,
                c(2.0 * pe, 3.0 * pe, 4.0 * pe),
                "within",
                -pe
            ),
            (
                "phone",
                pp,
                c(0.25 * pp, 0.5 * pp, pp - 0.5),
                "above",
                0.5 * pp
            ),
            ("api_search", 3.0, c(4.0, 5.0, 6.0), "below", -2.0),
            ("company", 4.0, c(2.0, 3.0, 4.0), "within", 1.0),
            ("total", 14.0, c(10.0, 12.0, 20.0), "within", 2.0),
        ]
    );
    assert_eq!((r.from, r.to), (d(2026, 11, 1), d(2026, 11, 30)));
    assert_eq!(r.months, ["2026-11"]);
    assert_eq!(r.users.len(), 2);
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
    // A period the report does not reach: every actual is 0, and a warning says why.
    let r = reconcile(&f.path(), &result, &book, d(2026, 10, 1), d(2026, 10, 31)).unwrap();
    assert!(r.items.iter().all(|i| i.actual == 0.0));
    assert_eq!(
        r.warnings,
        [
            "no month of the report falls in 2026-10-01 to 2026-10-31: nothing was spent in the period as far as it shows"
        ]
    );
    // Just past an end by more than rounding: above and below.
    assert_eq!(check("x", 4.000001, c(1.0, 2.0, 4.0)).verdict, "above");
    assert_eq!(check("x", 0.999999, c(1.0, 2.0, 4.0)).verdict, "below");
    assert_eq!(check("x", 4.0 + 1e-12, c(1.0, 2.0, 4.0)).verdict, "within");
}
