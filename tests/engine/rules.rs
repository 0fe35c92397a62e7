//! Rules no other test pinned (issue 30), each worked out by hand from the specs — the
//! arithmetic in the comments — and run through the command line as scripts meet them
//! (or the library where the rule is a function): plan vs actual (managers.md), the row
//! report (cli.md `--rows-out`, pricing.md §1), the billing cycle's warnings (pricing.md
//! §2, cli.md `--today`), a range given without its rate (cli.md), the batch size ignored
//! off api-bulk (pricing.md §4, cli.md), and whole credits as shown (pricing.md §4
//! "Totals", issue 24's largest remainder).
//!
//! The default price book's numbers used in the comments (email 1, phone 5, api_result 1,
//! api_request_min 1, api_bulk_block 1 per 25 results; match 0.55 / 0.7 / 0.85, email
//! 0.6 / 0.75 / 0.9, phone 0.3 / 0.45 / 0.6) are checked by `the_book_the_arithmetic_uses`.

use std::path::Path;

use enrichplan::pricing::{Credits, shown, shown_items};
use serde_json::Value;

use crate::common::{self, json, run};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn close(got: &Value, want: f64, what: &str) {
    let g = got
        .as_f64()
        .unwrap_or_else(|| panic!("{what}: not a number: {got}"));
    assert!((g - want).abs() < 1e-9, "{what}: {g}, want {want}");
}

/// low / expected / high of a JSON credits object.
fn ends(v: &Value, what: &str, (low, expected, high): (f64, f64, f64)) {
    close(&v["low"], low, &format!("{what}.low"));
    close(&v["expected"], expected, &format!("{what}.expected"));
    close(&v["high"], high, &format!("{what}.high"));
}

fn warnings(v: &Value) -> Vec<String> {
    v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap().to_string())
        .collect()
}

fn has_warning(v: &Value, part: &str) -> bool {
    warnings(v).iter().any(|w| w.contains(part))
}

/// A list of `n` distinct work emails (`a0@x.io` …), one column.
fn emails(dir: &Path, name: &str, n: usize) -> std::path::PathBuf {
    let mut text = String::from("Email\n");
    for i in 0..n {
        text.push_str(&format!("a{i}@x.io\n"));
    }
    common::write(dir, name, &text)
}

#[test]
fn the_book_the_arithmetic_uses() {
    let b = common::book();
    let (p, a) = (&b.prices, &b.assumptions);
    assert_eq!((p.email, p.phone), (1.0, 5.0));
    assert_eq!(
        (p.api_result, p.api_request_min, p.api_bulk_block),
        (1.0, 1.0, 1.0)
    );
    assert_eq!((p.api_bulk_block_size, p.api_bulk_max_batch), (25, 100));
    let r = |x: enrichplan::pricebook::RateRange| (x.low, x.expected, x.high);
    assert_eq!(r(a.match_rate), (0.55, 0.7, 0.85));
    assert_eq!(r(a.email_rate), (0.6, 0.75, 0.9));
    assert_eq!(r(a.phone_rate), (0.3, 0.45, 0.6));
}

// ------------------------------------------------------------ 1. plan vs actual

/// The Usage Report of the test: no month row above the kinds, each credit column names
/// its own month in its own header ("Phone reveals (Nov 2026)"); two users of one group, the
/// group's summary row (no email: never counted), the API key's row, the Total row (equal
/// to the user rows, so no warning).
///
/// | user      | Oct phone | Oct email | Oct total | Nov phone | Nov email | Nov API search | Nov API company | Nov total |
/// |-----------|-----------|-----------|-----------|-----------|-----------|----------------|-----------------|-----------|
/// | ann       | 100       | 100       | 600       | 2         | 3         | 0              | 0               | 13        |
/// | bob       | 0         | 2         | 2         | 1         | 2         | 0              | 0               | 7         |
/// | API key   | 0         | 0         | 0         | 0         | 0         | 3              | 1               | 4         |
const USAGE: &str = "\
User Group Name,User Email,Role,Phone reveals (Oct 2026),Email reveals (Oct 2026),Total credits (Oct 2026),Phone reveals (Nov 2026),Email reveals (Nov 2026),API Search credits (Nov 2026),API Company Enrichment credits (Nov 2026),Total credits (Nov 2026),Grand Total
Team A,ann@x.io,User,100,100,600,2,3,0,0,13,613
Team A,bob@x.io,Manager,0,2,2,1,2,0,0,7,9
Team A,,,100,102,602,3,5,0,0,20,622
API credits,,,0,0,0,0,0,3,1,4,4
Total,,,100,102,602,3,5,3,1,24,626
";

fn item<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["item"] == name)
        .unwrap_or_else(|| panic!("no item {name} in {v}"))
}

fn verdict(v: &Value, name: &str, want: &str, actual: f64, expected: f64) {
    let i = item(v, name);
    assert_eq!(i["verdict"], want, "{name}: {i}");
    close(&i["actual"], actual, &format!("{name}.actual"));
    close(
        &i["difference"],
        actual - expected,
        &format!("{name}.difference"),
    );
}

/// The plan: 10 contacts with an email, CSV Enrichment, email and phone, match 0.8 in
/// 0.5..1, email and phone rates 1; renewal 2026-12-01, so its cycle is 2026-11-01 to
/// 2026-11-30. Planned (pricing.md §4):
/// - email = 10 · match · 1 · 1 credit: low 10 · 0.5 = 5, expected 8, high 10;
/// - phone = 10 · match · 1 · 5 credits: low 25, expected 40, high 50;
/// - no API fees, no company items: 0 / 0 / 0; total 30 / 48 / 60.
///
/// November (the plan's cycle; October is outside it and must not count):
/// - email: 3 + 2 = 5 reveals · 1 = 5 credits: on the low end 5, **within** (ends
///   included), 5 − 8 = −3;
/// - phone: 2 + 1 = 3 reveals · 5 = 15 credits < low 25: **below**, 15 − 40 = −25;
/// - API search 3 > high 0: **above**, +3; API company 1 > 0: **above**, +1;
/// - total: 13 + 7 + 4 = 24 < 30: **below**, 24 − 48 = −24.
///
/// October alone (`--from 2026-10-01 --to 2026-10-31`): email 100 + 2 = 102 > 10 and
/// phone 100 · 5 = 500 > 50 **above**; API search 0 on the plan's 0 / 0 / 0: **within**
/// (both ends); total 600 + 2 + 0 = 602 > 60 **above**.
#[test]
fn reconcile_verdicts_per_item_and_amounts_per_user() {
    let dir = tempfile::tempdir().unwrap();
    let list = emails(dir.path(), "ten.csv", 10);
    let plan = dir.path().join("p.enrichplan.json");
    let v = json(&[
        "estimate",
        s(&list),
        "--map",
        "email=Email",
        "--match-rate",
        "0.8",
        "--match-range",
        "0.5:1",
        "--email-rate",
        "1",
        "--phone-rate",
        "1",
        "--renewal-date",
        "2026-12-01",
        "--today",
        "2026-11-20",
        "--save-plan",
        s(&plan),
        "--format",
        "json",
    ]);
    let p = &common::book().prices;
    ends(&v["breakdown"]["email"], "plan email", (5.0, 8.0, 10.0));
    ends(
        &v["breakdown"]["phone"],
        "plan phone",
        (5.0 * p.phone, 8.0 * p.phone, 10.0 * p.phone),
    );
    ends(&v["credits"], "plan total", (30.0, 48.0, 60.0));
    let usage = common::write(dir.path(), "usage.csv", USAGE);

    let v = json(&[
        "reconcile",
        s(&usage),
        "--plan",
        s(&plan),
        "--format",
        "json",
    ]);
    assert_eq!(v["from"], "2026-11-01");
    assert_eq!(v["to"], "2026-11-30");
    assert_eq!(v["months"], serde_json::json!(["2026-11"]));
    verdict(&v, "email", "within", 5.0 * p.email, 8.0);
    verdict(&v, "phone", "below", 3.0 * p.phone, 40.0);
    verdict(&v, "api_search", "above", 3.0, 0.0);
    verdict(&v, "company", "above", 1.0, 0.0);
    verdict(&v, "total", "below", 24.0, 48.0);
    ends(
        &item(&v, "phone")["planned"],
        "phone planned",
        (25.0, 40.0, 50.0),
    );
    // Per user: the November columns of each user row, the API key as "API credits";
    // never the group's summary row or the Total row.
    let users = v["users"].as_array().unwrap();
    let got: Vec<(String, String, f64, f64, f64, f64, f64)> = users
        .iter()
        .map(|u| {
            (
                u["user"].as_str().unwrap().to_string(),
                u["group"].as_str().unwrap().to_string(),
                u["phone_reveals"].as_f64().unwrap(),
                u["email_reveals"].as_f64().unwrap(),
                u["api_search_credits"].as_f64().unwrap(),
                u["api_company_credits"].as_f64().unwrap(),
                u["credits"].as_f64().unwrap(),
            )
        })
        .collect();
    let row =
        |u: &str, g: &str, ph, em, se, co, cr| (u.to_string(), g.to_string(), ph, em, se, co, cr);
    assert_eq!(
        got,
        vec![
            row("ann@x.io", "Team A", 2.0, 3.0, 0.0, 0.0, 13.0),
            row("bob@x.io", "Team A", 1.0, 2.0, 0.0, 0.0, 7.0),
            row("API credits", "", 0.0, 0.0, 3.0, 1.0, 4.0),
        ]
    );
    assert_eq!(v["warnings"], serde_json::json!([]), "the Total row agrees");

    // October alone.
    let v = json(&[
        "reconcile",
        s(&usage),
        "--plan",
        s(&plan),
        "--from",
        "2026-10-01",
        "--to",
        "2026-10-31",
        "--format",
        "json",
    ]);
    assert_eq!(v["months"], serde_json::json!(["2026-10"]));
    verdict(&v, "email", "above", 102.0 * p.email, 8.0);
    verdict(&v, "phone", "above", 100.0 * p.phone, 40.0);
    verdict(&v, "api_search", "within", 0.0, 0.0);
    verdict(&v, "company", "within", 0.0, 0.0);
    verdict(&v, "total", "above", 602.0, 48.0);
    let credits: Vec<f64> = v["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["credits"].as_f64().unwrap())
        .collect();
    assert_eq!(credits, [600.0, 2.0, 0.0]);

    // The table for people says the same: the month, each verdict with its difference.
    let out = run(&["reconcile", s(&usage), "--plan", s(&plan)]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("(2026-11)"), "{text}");
    for (name, verdict) in [
        ("email", "within (-3)"),
        ("phone", "below (-25)"),
        ("api_search", "above (+3)"),
        ("company", "above (+1)"),
        ("total", "below (-24)"),
    ] {
        assert!(
            text.lines()
                .any(|l| l.starts_with(name) && l.ends_with(verdict)),
            "{name} {verdict}: {text}"
        );
    }
    assert!(
        text.lines()
            .any(|l| l.contains("ann@x.io") && l.contains("13.00"))
    );
}

// ------------------------------------------------------------ 2. the row report

const ROWS_LIST: &str = "\
First Name,Last Name,Company,Email,Phone
Ann,Lee,Acme,ann@acme.io,
,,,,555-1234
Bo,Ng,Beta,bo@beta.io,
Ann,Lee,Acme,ANN@acme.io,
Cy,Do,Gamma,cy@gamma.io,
Di,Eh,Delta,di@delta.io,+1 555 0199
";

/// Bo's email and phone were revealed on 2026-11-10, inside the cycle 2026-11-01 to
/// 2026-11-30 (renewal 2026-12-01).
const ROWS_LOG: &str = "Date,Email,Phone\n2026-11-10,bo@beta.io,+1 555 0100\n";

/// (row, line, contact id, status, reason, credits) of a `--rows-out` file.
type RowOut = (u64, u64, String, String, String, f64);

fn rows_out(args: &[&str]) -> (Value, Vec<RowOut>) {
    let dir = tempfile::tempdir().unwrap();
    let list = common::write(dir.path(), "list.csv", ROWS_LIST);
    let log = common::write(dir.path(), "log.csv", ROWS_LOG);
    let rows = dir.path().join("rows.csv");
    let mut all = vec![
        "estimate",
        s(&list),
        "--revealed",
        s(&log),
        "--renewal-date",
        "2026-12-01",
        "--today",
        "2026-11-20",
        "--rows-out",
        s(&rows),
        "--format",
        "json",
    ];
    all.extend_from_slice(args);
    let v = json(&all);
    let mut r = csv::Reader::from_path(&rows).unwrap();
    assert_eq!(
        r.headers().unwrap(),
        vec!["row", "line", "contact_id", "status", "reason", "credits"]
    );
    let recs = r
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            (
                rec[0].parse().unwrap(),
                rec[1].parse().unwrap(),
                rec[2].to_string(),
                rec[3].to_string(),
                rec[4].to_string(),
                rec[5].parse().unwrap(),
            )
        })
        .collect();
    (v, recs)
}

fn row_out(row: u64, contact: &str, status: &str, reason: &str, credits: f64) -> RowOut {
    (
        row,
        row + 1, // the header is line 1
        contact.to_string(),
        status.to_string(),
        reason.to_string(),
        credits,
    )
}

const UNMATCHABLE: &str =
    "no LinkedIn person URL, no valid email, and no full name with a company name or domain";

fn same_rows(got: &[RowOut], want: &[RowOut]) {
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        assert_eq!(
            (&g.0, &g.1, &g.2, &g.3, &g.4),
            (&w.0, &w.1, &w.2, &w.3, &w.4)
        );
        assert!(
            (g.5 - w.5).abs() < 1e-9,
            "row {}: credits {} vs {}",
            g.0,
            g.5,
            w.5
        );
    }
}

/// pricing.md §1 and cli.md `--rows-out` on six rows, match 0.5, email 1, phone 0.5 (exact
/// rates), CSV Enrichment, email and phone:
/// - row 1 Ann (ann@acme.io): contact 1 in file order, C000001, billable, needs both:
///   0.5 · 1 · 1 + 0.5 · 0.5 · 5 = 0.5 + 1.25 = 1.75 credits;
/// - row 2: a phone alone is no identifier (§1 `li:` `em:` `nc:` `nd:`): unmatchable, no
///   contact id, 0;
/// - row 3 Bo: contact 2, C000002; the log revealed his email and phone in the cycle:
///   already revealed, 0;
/// - row 4: ANN@acme.io lower-cases to row 1's email (strong, rule 1): a duplicate of
///   C000001, joined by the email, 0;
/// - rows 5 and 6: contacts 3 and 4, billable, 1.75 each.
///
/// Counts 6 = 1 unmatchable + 1 duplicate + 1 already revealed + 3 billable; the rows'
/// credits 3 · 1.75 = 5.25 = the estimate (email 3 · 0.5 = 1.5, phone 3 · 1.25 = 3.75).
///
/// With `--only-missing` (§4): every row of Ann, Cy and Di has a valid email, so need_e = 0;
/// Di also has a phone: nothing left (`nothing_needed`, 0); Ann and Cy need the phone:
/// 0.5 · 0.5 · 5 = 1.25 each, 2.5 in all. Bo stays already revealed (that status comes
/// first).
///
/// On api-single (§4) every billable contact is one request, whose expected fee is
/// (1 − 0.5) · 1 + 0.5 · max(1, 1) = 1 credit, on its row: 2.75 each, 8.25 in all; no
/// request for Bo, the duplicate or the unmatchable row.
#[test]
fn the_row_report_gives_each_row_its_reason_contact_and_credits() {
    let rates = [
        "--match-rate",
        "0.5",
        "--email-rate",
        "1",
        "--phone-rate",
        "0.5",
    ];
    let (v, recs) = rows_out(&rates);
    let both = "needs email and phone";
    same_rows(
        &recs,
        &[
            row_out(1, "C000001", "billable", both, 1.75),
            row_out(2, "", "unmatchable", UNMATCHABLE, 0.0),
            row_out(
                3,
                "C000002",
                "already_revealed",
                "every requested data point was already revealed this billing cycle",
                0.0,
            ),
            row_out(
                4,
                "C000001",
                "duplicate",
                "same email as row 1 (line 2); charged once",
                0.0,
            ),
            row_out(5, "C000003", "billable", both, 1.75),
            row_out(6, "C000004", "billable", both, 1.75),
        ],
    );
    let counts: Vec<u64> = [
        "rows",
        "unmatchable_rows",
        "duplicate_rows",
        "already_revealed_rows",
        "nothing_needed_rows",
        "billable_contacts",
    ]
    .iter()
    .map(|k| v[k].as_u64().unwrap())
    .collect();
    assert_eq!(counts, [6, 1, 1, 1, 0, 3]);
    ends(&v["credits"], "total", (5.25, 5.25, 5.25));
    let sum: f64 = recs.iter().map(|r| r.5).sum();
    assert!((sum - 5.25).abs() < 1e-9, "{sum}");

    let mut only = rates.to_vec();
    only.push("--only-missing");
    let (v, recs) = rows_out(&only);
    let phone = "needs phone";
    same_rows(
        &recs,
        &[
            row_out(1, "C000001", "billable", phone, 1.25),
            row_out(2, "", "unmatchable", UNMATCHABLE, 0.0),
            row_out(
                3,
                "C000002",
                "already_revealed",
                "every requested data point was already revealed this billing cycle",
                0.0,
            ),
            row_out(
                4,
                "C000001",
                "duplicate",
                "same email as row 1 (line 2); charged once",
                0.0,
            ),
            row_out(5, "C000003", "billable", phone, 1.25),
            row_out(
                6,
                "C000004",
                "nothing_needed",
                "the file already has every requested data point (only what the file lacks)",
                0.0,
            ),
        ],
    );
    assert_eq!(v["nothing_needed_rows"], 1);
    ends(&v["credits"], "only missing", (2.5, 2.5, 2.5));

    let mut api = rates.to_vec();
    api.extend(["--channel", "api-single"]);
    let (v, recs) = rows_out(&api);
    let credits: Vec<f64> = recs.iter().map(|r| r.5).collect();
    assert_eq!(credits, [2.75, 0.0, 0.0, 0.0, 2.75, 2.75]);
    ends(&v["credits"], "api-single", (8.25, 8.25, 8.25));
    ends(&v["breakdown"]["request_fees"], "fees", (3.0, 3.0, 3.0));
}

// ------------------------------------------------------------ 3. the billing cycle's warnings

/// Three contacts (ann, bo, cy), email only, every rate 1: each billable contact costs
/// exactly 1 credit (pricing.md §4), so the credits count the contacts not revealed.
fn cycle_run(log: &str, args: &[&str]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let list = common::write(
        dir.path(),
        "list.csv",
        "Email\nann@x.io\nbo@x.io\ncy@x.io\n",
    );
    let log = common::write(dir.path(), "log.csv", log);
    let mut all = vec![
        "estimate",
        s(&list),
        "--revealed",
        s(&log),
        "--reveal",
        "email",
        "--match-rate",
        "1",
        "--email-rate",
        "1",
        "--format",
        "json",
    ];
    all.extend_from_slice(args);
    json(&all)
}

const ASSUMED: &str = "every entry was assumed to be in the current billing cycle";

/// pricing.md §2: "Entries with no date, or when no R is given, count as in the cycle, and
/// the report says that it assumed so."
/// - a log with no date column: ann's entry counts (1 revealed, 2 credits) and the report
///   says every entry was assumed in the cycle;
/// - dates but no renewal date: ann's entry of 2020 still counts (2 credits), assumed so;
/// - renewal 2026-12-01 (cycle 2026-11-01 to 2026-11-30): ann undated — counted, said so
///   for 1 entry; bo 2026-10-31, the day before the start — outside, not counted, said so;
///   cy 2026-11-01, the first day — inside. Revealed ann and cy: 1 credit (bo);
/// - every entry dated inside: no such warning at all.
#[test]
fn entries_assumed_in_the_cycle_are_said_so() {
    let v = cycle_run(
        "Email\nann@x.io\n",
        &["--renewal-date", "2026-12-01", "--today", "2026-11-20"],
    );
    assert_eq!(v["already_revealed_rows"], 1);
    close(&v["credits"]["expected"], 2.0, "no date column");
    assert!(
        has_warning(
            &v,
            &format!("reveal log log.csv: no date column; {ASSUMED}")
        ),
        "{:?}",
        warnings(&v)
    );

    let v = cycle_run(
        "Date,Email\n2020-01-05,ann@x.io\n",
        &["--today", "2026-11-20"],
    );
    assert_eq!(v["already_revealed_rows"], 1);
    close(&v["credits"]["expected"], 2.0, "no renewal date");
    assert!(
        has_warning(
            &v,
            &format!("reveal log log.csv: no renewal date given; {ASSUMED}")
        ),
        "{:?}",
        warnings(&v)
    );

    let v = cycle_run(
        "Date,Email\n,ann@x.io\n2026-10-31,bo@x.io\n2026-11-01,cy@x.io\n",
        &["--renewal-date", "2026-12-01", "--today", "2026-11-20"],
    );
    assert_eq!(v["already_revealed_rows"], 2);
    close(&v["credits"]["expected"], 1.0, "one undated, one outside");
    let w = warnings(&v);
    assert!(
        w.iter().any(|w| w
            == "reveal log log.csv: 1 entry without a date: counted as in the current billing cycle"),
        "{w:?}"
    );
    assert!(
        w.iter().any(|w| w
            == "reveal log log.csv: 1 entry outside the current billing cycle: no longer counted"),
        "{w:?}"
    );
    assert!(!w.iter().any(|w| w.contains(ASSUMED)), "{w:?}");

    let v = cycle_run(
        "Date,Email\n2026-11-30,ann@x.io\n2026-11-01,bo@x.io\n",
        &["--renewal-date", "2026-12-01", "--today", "2026-11-30"],
    );
    close(&v["credits"]["expected"], 1.0, "both inside");
    let w = warnings(&v);
    assert!(
        !w.iter().any(|w| w.contains("assumed")
            || w.contains("without a date")
            || w.contains("outside")),
        "{w:?}"
    );
}

/// cli.md: `--today` "only sets "now" for messages, e.g. a warning for log entries dated
/// after it or a renewal date already past; it changes no credits".
/// - renewal 2026-12-01, entries ann 2026-11-21 and bo 2026-11-20, both in the cycle:
///   with today 2026-11-20, ann's is after today (1 entry), bo's is today (not after);
///   with today 2026-11-25 neither is. Credits 1 (cy) both times.
/// - renewal 2026-11-20 with today 2026-11-20: the cycle ran to 2026-11-19, so the date is
///   not the next renewal: a warning; with today 2026-11-19, none.
/// - renewal 2027-01-15 (cycle from 2026-12-15): today 2026-12-14 is before the cycle it
///   describes: a warning; today 2026-12-15, its first day: none. ann's entry of
///   2026-12-20 is in that cycle either way: 2 credits both times.
#[test]
fn today_changes_messages_never_credits() {
    let log = "Date,Email\n2026-11-21,ann@x.io\n2026-11-20,bo@x.io\n";
    let at = |today: &str| cycle_run(log, &["--renewal-date", "2026-12-01", "--today", today]);
    let v = at("2026-11-20");
    let w = warnings(&v);
    assert!(
        w.iter()
            .any(|w| w == "reveal log log.csv: 1 entry dated after today (2026-11-20)"),
        "{w:?}"
    );
    close(&v["credits"]["expected"], 1.0, "today 2026-11-20");
    let v = at("2026-11-25");
    assert!(!has_warning(&v, "after today"), "{:?}", warnings(&v));
    close(&v["credits"]["expected"], 1.0, "today 2026-11-25");

    let past =
        "the renewal date 2026-11-20 is not after today (2026-11-20): is it the next renewal?";
    let log = "Date,Email\n2026-11-02,ann@x.io\n";
    let v = cycle_run(
        log,
        &["--renewal-date", "2026-11-20", "--today", "2026-11-20"],
    );
    assert!(warnings(&v).iter().any(|w| w == past), "{:?}", warnings(&v));
    let v = cycle_run(
        log,
        &["--renewal-date", "2026-11-20", "--today", "2026-11-19"],
    );
    assert!(!has_warning(&v, "is not after today"), "{:?}", warnings(&v));

    let log = "Date,Email\n2026-12-20,ann@x.io\n";
    let early = "the billing cycle ending 2027-01-15 has not started yet (today is 2026-12-14)";
    let v = cycle_run(
        log,
        &["--renewal-date", "2027-01-15", "--today", "2026-12-14"],
    );
    assert!(
        warnings(&v).iter().any(|w| w == early),
        "{:?}",
        warnings(&v)
    );
    close(&v["credits"]["expected"], 2.0, "before the cycle");
    let v = cycle_run(
        log,
        &["--renewal-date", "2027-01-15", "--today", "2026-12-15"],
    );
    assert!(!has_warning(&v, "has not started"), "{:?}", warnings(&v));
    close(&v["credits"]["expected"], 2.0, "in the cycle");
}

// ------------------------------------------------------------ 4. a range without its rate

/// cli.md: "a rate given without its range has low = high = the rate; a range without its
/// rate takes the price book's default rate clamped into the range; … a rate outside its
/// range is exit 2". Ten contacts, email only, email rate 1: email credits = 10 · match ·
/// 1 · 1 at each end.
/// - `--match-range 0.2:0.5`: the book's 0.7 clamped to 0.5: low 2, expected 5, high 5;
/// - `--match-range 0.8:0.9`: clamped up to 0.8: 8 / 8 / 9;
/// - `--match-range 0.6:0.9`: 0.7 is inside: 6 / 7 / 9;
/// - `--match-rate 0.6`: 6 / 6 / 6; neither: the book's 0.55 / 0.7 / 0.85: 5.5 / 7 / 8.5;
/// - `--match-rate 0.5 --match-range 0.1:0.5`: on the range's end, fine: 1 / 5 / 5.
///
/// The email rate alike (match 1): `--email-range 0.9:1` takes 0.75 up to 0.9: 9 / 9 / 10.
/// The phone rate (phone only, match 1): `--phone-range 0.1:0.2` takes 0.45 down to 0.2:
/// 10 · 0.2 · 5 = 10 expected, low 10 · 0.1 · 5 = 5, high 10.
#[test]
fn a_range_without_its_rate_takes_the_book_rate_clamped() {
    let dir = tempfile::tempdir().unwrap();
    let list = emails(dir.path(), "ten.csv", 10);
    let est = |args: &[&str]| {
        let mut all = vec!["estimate", s(&list), "--format", "json"];
        all.extend_from_slice(args);
        json(&all)
    };
    let email_only = ["--reveal", "email", "--email-rate", "1"];
    for (range, want) in [
        (vec!["--match-range", "0.2:0.5"], (2.0, 5.0, 5.0)),
        (vec!["--match-range", "0.8:0.9"], (8.0, 8.0, 9.0)),
        (vec!["--match-range", "0.6:0.9"], (6.0, 7.0, 9.0)),
        (vec!["--match-rate", "0.6"], (6.0, 6.0, 6.0)),
        (vec![], (5.5, 7.0, 8.5)),
        (
            vec!["--match-rate", "0.5", "--match-range", "0.1:0.5"],
            (1.0, 5.0, 5.0),
        ),
    ] {
        let mut args = email_only.to_vec();
        args.extend(range.iter().copied());
        let v = est(&args);
        ends(&v["credits"], &format!("{range:?}"), want);
    }
    let v = est(&[
        "--reveal",
        "email",
        "--match-rate",
        "1",
        "--email-range",
        "0.9:1",
    ]);
    ends(&v["credits"], "email range", (9.0, 9.0, 10.0));
    let p = &common::book().prices;
    let v = est(&[
        "--reveal",
        "phone",
        "--match-rate",
        "1",
        "--phone-range",
        "0.1:0.2",
    ]);
    ends(
        &v["credits"],
        "phone range",
        (
            10.0 * 0.1 * p.phone,
            10.0 * 0.2 * p.phone,
            10.0 * 0.2 * p.phone,
        ),
    );

    // A rate outside its range, on either side, and a range upside down: exit 2, named.
    for (args, named) in [
        (
            vec!["--match-rate", "0.9", "--match-range", "0.1:0.5"],
            "--match-rate",
        ),
        (
            vec!["--email-rate", "0.05", "--email-range", "0.1:0.5"],
            "--email-rate",
        ),
        (vec!["--phone-range", "0.6:0.5"], "phone"),
    ] {
        let mut all = vec!["estimate", s(&list)];
        all.extend(args.iter().copied());
        let out = run(&all);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(named), "{args:?}: {err}");
    }
}

// ------------------------------------------------------------ 5. batch size off api-bulk

/// cli.md `--batch-size N`: "api-bulk batch size, 1..=100 (elsewhere ignored with a
/// warning)". Thirty contacts, email only, every rate 1 (X = the batch's size):
/// - csv-enrichment: 30 emails = 30 credits with or without `--batch-size 10`, and with it
///   a warning naming the channel;
/// - api-single: 30 + 30 requests of 1 credit = 60, with or without it; warned;
/// - api-bulk, batch 10: three batches of X = 10, each max(1, ceil(10 / 25) · 1) = 1:
///   fees 3, 33 in all; the default 100: one batch of 30, ceil(30 / 25) = 2: fees 2, 32.
///   No warning either way.
#[test]
fn a_batch_size_off_api_bulk_is_ignored_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let list = emails(dir.path(), "thirty.csv", 30);
    let est = |channel: &str, batch: Option<&str>| {
        let mut all = vec![
            "estimate",
            s(&list),
            "--channel",
            channel,
            "--reveal",
            "email",
            "--match-rate",
            "1",
            "--email-rate",
            "1",
            "--format",
            "json",
        ];
        if let Some(b) = batch {
            all.extend(["--batch-size", b]);
        }
        json(&all)
    };
    for (channel, total) in [("csv-enrichment", 30.0), ("api-single", 60.0)] {
        let with = est(channel, Some("10"));
        let without = est(channel, None);
        close(&with["credits"]["expected"], total, channel);
        assert_eq!(with["credits"], without["credits"], "{channel}");
        let warning = format!("batch size applies to api-bulk only; ignored on {channel}");
        assert!(
            warnings(&with).contains(&warning),
            "{channel}: {:?}",
            warnings(&with)
        );
        assert!(!has_warning(&without, "batch size"), "{channel}");
    }
    let with = est("api-bulk", Some("10"));
    ends(
        &with["breakdown"]["request_fees"],
        "bulk 10",
        (3.0, 3.0, 3.0),
    );
    close(&with["credits"]["expected"], 33.0, "bulk 10");
    assert!(!has_warning(&with, "batch size"), "{:?}", warnings(&with));
    let default = est("api-bulk", None);
    ends(
        &default["breakdown"]["request_fees"],
        "bulk 100",
        (2.0, 2.0, 2.0),
    );
    close(&default["credits"]["expected"], 32.0, "bulk 100");
}

// ------------------------------------------------------------ 6. whole credits as shown

fn c(low: f64, expected: f64, high: f64) -> Credits {
    Credits {
        expected,
        low,
        high,
    }
}

/// pricing.md §4: "the UI shows expected rounded to the nearest credit, low rounded down,
/// high rounded up". A tie (.5) is not nearer to either side; the window rounds it up (half
/// away from zero, never to even: 2.5 is 3, not 2). A sum a hair off a whole credit
/// (2.9999999997, 3.0000000001) is that credit: rounding down 2.9999999997 to 2 would show
/// a credit less than the items sum to; a real fraction (2.999, 3.001) is not.
#[test]
fn whole_credits_as_shown() {
    // (low, expected, high) → (expected, low, high) shown
    for (credits, want) in [
        (c(0.0, 0.0, 0.0), (0, 0, 0)),
        (c(0.5, 0.5, 0.5), (1, 0, 1)),
        (c(1.5, 1.5, 1.5), (2, 1, 2)),
        (c(2.5, 2.5, 2.5), (3, 2, 3)),
        (c(2.4, 2.49, 2.6), (2, 2, 3)),
        (c(2.999, 2.51, 3.001), (3, 2, 4)),
        (c(2.9999999997, 2.9999999997, 3.0000000001), (3, 3, 3)),
        (c(7.0, 7.0, 7.0), (7, 7, 7)),
        (c(1234.5, 1234.5, 1234.5), (1235, 1234, 1235)),
    ] {
        assert_eq!(shown(&credits), want, "{credits:?}");
    }
}

/// Issue 24: the items shown add up to the total shown. The total is rounded once (as
/// above); each item is rounded down and the credits left go one each to the items with
/// the largest fractions, ties to the earlier item.
/// - expected 1.5 + 1.5 + 1.0 = 4.0: floors 1 + 1 + 1 = 3, one left, the .5s tie: the
///   first gets it: 2 + 1 + 1. low 0.5 · 3 = 1.5, floored 1: 1 + 0 + 0. high 0.2 · 3 =
///   0.6, up to 1: 1 + 0 + 0.
/// - expected 0.3 + 0.45 + 0.25 = 1.0: floors 0, the one credit to the largest fraction,
///   .45: 0 + 1 + 0. low the same values: floor(1.0) = 1, again to .45. high 0.7 + 0.9 +
///   0.4 = 2.0: ceil 2, to .9 then .7: 1 + 1 + 0.
/// - expected 2.5 + 2.5 = 5.0, shown 5: floors 2 + 2, one left, tie: 3 + 2 (each item
///   alone would show 3: 6 against 5 — the rule that makes them add up).
/// - a zero item stays 0 even when the others tie: 0 + 0.5 + 0.5 = 1: 0 + 1 + 0.
#[test]
fn shown_items_add_up_by_largest_remainder() {
    type Case = (Vec<Credits>, Vec<(i64, i64, i64)>, (i64, i64, i64));
    let cases: Vec<Case> = vec![
        (
            vec![c(0.5, 1.5, 0.2), c(0.5, 1.5, 0.2), c(0.5, 1.0, 0.2)],
            vec![(2, 1, 1), (1, 0, 0), (1, 0, 0)],
            (4, 1, 1),
        ),
        (
            vec![c(0.3, 0.3, 0.7), c(0.45, 0.45, 0.9), c(0.25, 0.25, 0.4)],
            vec![(0, 0, 1), (1, 1, 1), (0, 0, 0)],
            (1, 1, 2),
        ),
        (
            vec![c(2.5, 2.5, 2.5), c(2.5, 2.5, 2.5)],
            vec![(3, 3, 3), (2, 2, 2)],
            (5, 5, 5),
        ),
        (
            vec![c(0.0, 0.0, 0.0), c(0.5, 0.5, 0.5), c(0.5, 0.5, 0.5)],
            vec![(0, 0, 0), (1, 1, 1), (0, 0, 0)],
            (1, 1, 1),
        ),
    ];
    for (items, want_items, want_total) in cases {
        let sum = |f: fn(&Credits) -> f64| items.iter().map(f).sum::<f64>();
        let total = c(sum(|c| c.low), sum(|c| c.expected), sum(|c| c.high));
        let (rows, t) = shown_items(&items, &total);
        assert_eq!(t, want_total, "{items:?}");
        assert_eq!(t, shown(&total));
        assert_eq!(rows, want_items, "{items:?}");
        // The columns add up to the total shown.
        let add = |f: fn(&(i64, i64, i64)) -> i64| rows.iter().map(f).sum::<i64>();
        assert_eq!((add(|r| r.0), add(|r| r.1), add(|r| r.2)), t);
    }
}
