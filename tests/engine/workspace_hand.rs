use crate::common;

// Workspace table specs (`estimate --spec FILE.toml`) and Workspace options on a list
// (`--channel workspace …`), checked against numbers worked out by hand from
// workspace.md and pricing.md §1, §3, §4. Prices and default rates are read from the
// shipped price book (never literals here); the comments show the arithmetic with the
// book's current numbers (email 1, phone 5, ai_cell 1, signal 1, csv_export_block 1 per
// 25 rows, crm_export 1, ai_chat_block 1 per 5 prompts; match 0.55/0.7/0.85, email
// 0.6/0.75/0.9, phone 0.3/0.45/0.6, signal hit 0.1/0.2/0.35).

use std::path::{Path, PathBuf};

use crate::common::{json, repo, run};
use serde_json::Value;

const ITEMS: [&str; 12] = [
    "email",
    "phone",
    "request_fees",
    "company",
    "company_signals",
    "contact_signals",
    "ai_data",
    "signals",
    "csv_export",
    "crm_export",
    "ai_chat",
    "blurred_rows",
];

const COUNTS: [&str; 6] = [
    "rows",
    "unmatchable_rows",
    "duplicate_rows",
    "already_revealed_rows",
    "nothing_needed_rows",
    "billable_contacts",
];

const DEFAULT_BOOK: &str = "lusha-help-2026";

// ---------------------------------------------------------------- the price book

#[derive(Clone, Copy, Debug)]
struct Rate {
    low: f64,
    exp: f64,
    high: f64,
}

struct Book {
    email: f64,
    phone: f64,
    ai_cell: f64,
    signal: f64,
    csv_block: f64,
    csv_block_rows: u64,
    crm_export: f64,
    chat_block: f64,
    chat_block_prompts: u64,
    match_rate: Rate,
    phone_rate: Rate,
    /// `[assumptions.signal_hit_rate]`: the default hit rate of a Signals column.
    hit_rate: Option<Rate>,
}

impl Book {
    fn hit(&self) -> Rate {
        self.hit_rate
            .expect("the price book has [assumptions.signal_hit_rate] (workspace.md)")
    }
}

fn get<'a>(t: &'a toml::Value, path: &[&str]) -> &'a toml::Value {
    let mut v = t;
    for k in path {
        v = v
            .get(*k)
            .unwrap_or_else(|| panic!("the price book has no {}", path.join(".")));
    }
    v
}

fn num(t: &toml::Value, path: &[&str]) -> f64 {
    let v = get(t, path);
    v.as_float()
        .or_else(|| v.as_integer().map(|i| i as f64))
        .unwrap_or_else(|| panic!("{} is not a number", path.join(".")))
}

fn int(t: &toml::Value, path: &[&str]) -> u64 {
    let v = get(t, path);
    v.as_integer()
        .map(|i| i as u64)
        .unwrap_or_else(|| panic!("{} is not an integer", path.join(".")))
}

fn rate(t: &toml::Value, name: &str) -> Rate {
    Rate {
        low: num(t, &["assumptions", name, "low"]),
        exp: num(t, &["assumptions", name, "expected"]),
        high: num(t, &["assumptions", name, "high"]),
    }
}

fn book(id: &str) -> Book {
    let path = repo(&format!("assets/pricebooks/{id}.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let t = toml::from_str::<toml::Value>(&text).unwrap();
    let p = |k: &str| num(&t, &["prices", k]);
    Book {
        email: p("email"),
        phone: p("phone"),
        ai_cell: p("ai_cell"),
        signal: p("signal"),
        csv_block: p("csv_export_block"),
        csv_block_rows: int(&t, &["prices", "csv_export_block_rows"]),
        crm_export: p("crm_export"),
        chat_block: p("ai_chat_block"),
        chat_block_prompts: int(&t, &["prices", "ai_chat_block_prompts"]),
        match_rate: rate(&t, "match_rate"),
        phone_rate: rate(&t, "phone_rate"),
        hit_rate: t
            .get("assumptions")
            .and_then(|a| a.get("signal_hit_rate"))
            .map(|_| rate(&t, "signal_hit_rate")),
    }
}

/// ceil(n / d) as a number of blocks.
fn blocks(n: u64, d: u64) -> f64 {
    n.div_ceil(d) as f64
}

// ---------------------------------------------------------------- JSON helpers

/// `[low, expected, high]` of a deterministic amount.
fn fixed(x: f64) -> [f64; 3] {
    [x, x, x]
}

fn close(got: f64, want: f64, what: &str) {
    assert!((got - want).abs() < 1e-9, "{what}: got {got}, want {want}");
}

fn f(v: &Value, what: &str) -> f64 {
    v.as_f64()
        .unwrap_or_else(|| panic!("{what} is not a number: {v}"))
}

fn ends(v: &Value, what: &str) -> [f64; 3] {
    [
        f(&v["low"], &format!("{what}.low")),
        f(&v["expected"], &format!("{what}.expected")),
        f(&v["high"], &format!("{what}.high")),
    ]
}

fn sum3(a: [f64; 3], b: [f64; 3]) -> [f64; 3] {
    [a[0] + b[0], a[1] + b[1], a[2] + b[2]]
}

fn close3(got: [f64; 3], want: [f64; 3], what: &str) {
    close(got[0], want[0], &format!("{what}.low"));
    close(got[1], want[1], &format!("{what}.expected"));
    close(got[2], want[2], &format!("{what}.high"));
}

fn ends_are(v: &Value, want: [f64; 3], what: &str) {
    close3(ends(v, what), want, what);
}

/// Every breakdown item of `v` (a report or an entry of `tables`): the listed ones as
/// given, all others 0.
fn items_are(v: &Value, want: &[(&str, [f64; 3])], ctx: &str) {
    for (k, _) in want {
        assert!(ITEMS.contains(k), "test bug: unknown item {k}");
    }
    for item in ITEMS {
        let w = want
            .iter()
            .find(|(k, _)| *k == item)
            .map(|(_, e)| *e)
            .unwrap_or([0.0; 3]);
        ends_are(&v["breakdown"][item], w, &format!("{ctx}: {item}"));
    }
}

/// Credits = the sum of the wanted items, end by end.
fn credits_are_sum(v: &Value, want: &[(&str, [f64; 3])], ctx: &str) {
    let total = want.iter().fold([0.0; 3], |acc, (_, e)| sum3(acc, *e));
    ends_are(&v["credits"], total, &format!("{ctx}: credits"));
}

fn n(v: &Value, key: &str) -> u64 {
    v[key]
        .as_u64()
        .unwrap_or_else(|| panic!("{key} is not a count: {}", v[key]))
}

/// The six counts, in the order of COUNTS.
fn counts_are(v: &Value, want: [u64; 6], ctx: &str) {
    for (k, w) in COUNTS.iter().zip(want) {
        assert_eq!(n(v, k), w, "{ctx}: {k}");
    }
}

fn tables(v: &Value) -> &[Value] {
    v["tables"].as_array().expect("a `tables` array")
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn spec_json(spec: &Path) -> Value {
    json(&["estimate", "--spec", s(spec), "--format", "json"])
}

// ---------------------------------------------------------------- 1. a rows-only table

#[test]
fn rows_table_with_ai_data_signals_exports_and_ai_chat() {
    let b = book(DEFAULT_BOOK);
    let dir = tempfile::tempdir().unwrap();
    let spec = common::write(
        dir.path(),
        "spec.toml",
        r#"ai_chat_prompts = 12

[[table]]
name = "Leads"
rows = 130
lusha_columns = ["Job Title", "Seniority"]
crm_columns = ["Owner"]
ai_data_columns = [ { name = "ICP fit" }, { name = "Summary", fill_rate = 0.6 } ]
signals_columns = [ { name = "Job change", hit_rate = 0.3 }, { name = "Funding" } ]
csv_exports = ["all", 60, 25, 1]
crm_exports = 4
"#,
    );
    let v = spec_json(&spec);

    // AI Data: 130 rows · (1 [ICP fit: no fill_rate] + 0.6 [Summary]) · 1 = 208, no ranges.
    let ai = fixed(130.0 * (1.0 + 0.6) * b.ai_cell);
    // Signals: 130 · (0.3 [Job change, no range] + the book's hit rate [Funding]) · 1
    //   low 130 · (0.3 + 0.1) = 52, expected 130 · (0.3 + 0.2) = 65,
    //   high 130 · (0.3 + 0.35) = 84.5
    let sig = [
        130.0 * (0.3 + b.hit().low) * b.signal,
        130.0 * (0.3 + b.hit().exp) * b.signal,
        130.0 * (0.3 + b.hit().high) * b.signal,
    ];
    // CSV exports: "all" = 130 rows → ceil(130/25) = 6, ceil(60/25) = 3, ceil(25/25) = 1,
    //   ceil(1/25) = 1: 11 blocks · 1 = 11
    let r = b.csv_block_rows;
    let csv = fixed((blocks(130, r) + blocks(60, r) + blocks(25, r) + blocks(1, r)) * b.csv_block);
    // CRM exports: 4 pushes · 1 = 4
    let crm = fixed(4.0 * b.crm_export);
    // AI chat: ceil(12/5) = 3 blocks · 1 = 3 (top level only)
    let chat = fixed(blocks(12, b.chat_block_prompts) * b.chat_block);
    // Lusha Data and CRM columns: 0; no reveal: email 0, phone 0.

    let top = [
        ("ai_data", ai),
        ("signals", sig),
        ("csv_export", csv),
        ("crm_export", crm),
        ("ai_chat", chat),
    ];
    items_are(&v, &top, "top");
    // Total: low 208 + 52 + 11 + 4 + 3 = 278, expected 208 + 65 + 11 + 4 + 3 = 291,
    //   high 208 + 84.5 + 11 + 4 + 3 = 310.5
    credits_are_sum(&v, &top, "top");

    assert_eq!(v["channel"], "workspace");
    assert_eq!(v["pricebook"], DEFAULT_BOOK);
    assert_eq!(
        v["mapping"],
        serde_json::json!({}),
        "top-level mapping of a spec"
    );
    assert_eq!(n(&v, "rows"), 130);
    assert_eq!(n(&v, "unmatchable_rows"), 0);
    assert_eq!(n(&v, "duplicate_rows"), 0);
    let five: u64 = COUNTS[1..].iter().map(|k| n(&v, k)).sum();
    assert_eq!(five, 130, "the five counts add up to the rows");

    let ts = tables(&v);
    assert_eq!(ts.len(), 1);
    let t = &ts[0];
    assert_eq!(t["name"], "Leads");
    assert!(
        t["source"].is_null(),
        "a rows table has no source: {}",
        t["source"]
    );
    assert_eq!(n(t, "rows"), 130);
    assert_eq!(n(t, "unmatchable_rows"), 0);
    assert_eq!(n(t, "duplicate_rows"), 0);
    // The table: the same items, ai_chat 0 (account-wide, top level only).
    let per_table = [
        ("ai_data", ai),
        ("signals", sig),
        ("csv_export", csv),
        ("crm_export", crm),
    ];
    items_are(t, &per_table, "tables[0]");
    // Table credits: 278 − 3 = 275, 291 − 3 = 288, 310.5 − 3 = 307.5
    credits_are_sum(t, &per_table, "tables[0]");
}

// ---------------------------------------------------------------- 2. ranges

#[test]
fn fill_and_hit_ranges_give_distinct_ends_and_a_bare_rate_is_its_own_range() {
    let b = book(DEFAULT_BOOK);
    let dir = tempfile::tempdir().unwrap();
    let spec = common::write(
        dir.path(),
        "spec.toml",
        r#"[[table]]
name = "Ranges"
rows = 200
reveal = ["email"]
match_rate = 0.5
match_range = [0.4, 0.6]
email_rate = 0.5
ai_data_columns = [ { name = "Fit", fill_rate = 0.5, fill_range = [0.25, 0.75] }, { name = "Summary", fill_rate = 0.8 } ]
signals_columns = [ { name = "Hiring", hit_rate = 0.2, hit_range = [0.05, 0.5] }, { name = "Funding", hit_rate = 0.1 } ]
"#,
    );
    let v = spec_json(&spec);

    // Email: 200 · match · email_rate (0.5, no range: low = high = 0.5) · 1
    //   low 200 · 0.4 · 0.5 = 40, expected 200 · 0.5 · 0.5 = 50, high 200 · 0.6 · 0.5 = 60
    let email = [
        200.0 * 0.4 * 0.5 * b.email,
        200.0 * 0.5 * 0.5 * b.email,
        200.0 * 0.6 * 0.5 * b.email,
    ];
    // AI Data: 200 · (Fit + Summary 0.8 fixed) · 1
    //   low 200 · (0.25 + 0.8) = 210, expected 200 · (0.5 + 0.8) = 260,
    //   high 200 · (0.75 + 0.8) = 310
    let ai = [
        200.0 * (0.25 + 0.8) * b.ai_cell,
        200.0 * (0.5 + 0.8) * b.ai_cell,
        200.0 * (0.75 + 0.8) * b.ai_cell,
    ];
    // Signals: 200 · (Hiring + Funding 0.1 fixed) · 1
    //   low 200 · (0.05 + 0.1) = 30, expected 200 · (0.2 + 0.1) = 60,
    //   high 200 · (0.5 + 0.1) = 120
    let sig = [
        200.0 * (0.05 + 0.1) * b.signal,
        200.0 * (0.2 + 0.1) * b.signal,
        200.0 * (0.5 + 0.1) * b.signal,
    ];
    // Phone not selected: 0 (Workspace reveals charge the selected fields only).
    let want = [("email", email), ("ai_data", ai), ("signals", sig)];
    items_are(&v, &want, "top");
    // Total: low 40 + 210 + 30 = 280, expected 50 + 260 + 60 = 370, high 60 + 310 + 120 = 490
    credits_are_sum(&v, &want, "top");
    items_are(&tables(&v)[0], &want, "tables[0]");
    // A rows table: 200 contacts, all billable for the email.
    counts_are(&tables(&v)[0], [200, 0, 0, 0, 0, 200], "tables[0]");
}

// ---------------------------------------------------------------- 3. reveals on a rows table

#[test]
fn reveal_email_and_phone_on_a_rows_table_at_rate_one() {
    let b = book(DEFAULT_BOOK);
    let dir = tempfile::tempdir().unwrap();
    let spec = common::write(
        dir.path(),
        "spec.toml",
        r#"[[table]]
name = "Reveal all"
rows = 40
reveal = ["email", "phone"]
match_rate = 1.0
email_rate = 1.0
phone_rate = 1.0
"#,
    );
    let v = spec_json(&spec);
    // Email: 40 · 1 · 1 · 1 = 40; phone: 40 · 1 · 1 · 5 = 200; exact (all rates 1).
    let want = [
        ("email", fixed(40.0 * b.email)),
        ("phone", fixed(40.0 * b.phone)),
    ];
    items_are(&v, &want, "top");
    // Total 40 + 200 = 240
    credits_are_sum(&v, &want, "top");
    // 40 contacts, no duplicates, none unmatchable, all billable.
    counts_are(&v, [40, 0, 0, 0, 0, 40], "top");
    counts_are(&tables(&v)[0], [40, 0, 0, 0, 0, 40], "tables[0]");
    items_are(&tables(&v)[0], &want, "tables[0]");
}

#[test]
fn reveal_absent_or_empty_charges_no_reveal() {
    let dir = tempfile::tempdir().unwrap();
    let spec = common::write(
        dir.path(),
        "spec.toml",
        r#"[[table]]
name = "No reveal key"
rows = 50
match_rate = 1.0
email_rate = 1.0
phone_rate = 1.0

[[table]]
name = "Empty reveal"
rows = 50
reveal = []
match_rate = 1.0
email_rate = 1.0
phone_rate = 1.0
"#,
    );
    let v = spec_json(&spec);
    // Nothing planned: every item 0, in total and in each table (not the platform
    // channel's reveal-everything, and not the command line's default of both).
    items_are(&v, &[], "top");
    ends_are(&v["credits"], [0.0; 3], "top: credits");
    assert_eq!(n(&v, "rows"), 100, "50 + 50");
    let ts = tables(&v);
    assert_eq!(ts.len(), 2);
    assert_eq!(ts[0]["name"], "No reveal key");
    assert_eq!(ts[1]["name"], "Empty reveal");
    for (i, t) in ts.iter().enumerate() {
        items_are(t, &[], &format!("tables[{i}]"));
        ends_are(&t["credits"], [0.0; 3], &format!("tables[{i}]: credits"));
        assert_eq!(n(t, "rows"), 50);
    }
}

#[test]
fn reveal_phone_with_the_book_default_rates() {
    let b = book(DEFAULT_BOOK);
    let dir = tempfile::tempdir().unwrap();
    let spec = common::write(
        dir.path(),
        "spec.toml",
        "[[table]]\nname = \"Phones\"\nrows = 100\nreveal = [\"phone\"]\n",
    );
    let v = spec_json(&spec);
    // Phone: 100 · match · phone_rate · 5, the book's ranges
    //   low 100 · 0.55 · 0.3 · 5 = 82.5, expected 100 · 0.7 · 0.45 · 5 = 157.5,
    //   high 100 · 0.85 · 0.6 · 5 = 255; email not selected: 0.
    let (m, p) = (b.match_rate, b.phone_rate);
    let phone = [
        100.0 * m.low * p.low * b.phone,
        100.0 * m.exp * p.exp * b.phone,
        100.0 * m.high * p.high * b.phone,
    ];
    let want = [("phone", phone)];
    items_are(&v, &want, "top");
    credits_are_sum(&v, &want, "top");
}

#[test]
fn the_spec_pricebook_key_picks_the_book() {
    let alt = book("lusha-alt-2025");
    let dir = tempfile::tempdir().unwrap();
    let spec = common::write(
        dir.path(),
        "spec.toml",
        r#"pricebook = "lusha-alt-2025"

[[table]]
name = "Old prices"
rows = 10
reveal = ["phone"]
match_rate = 1.0
phone_rate = 1.0
"#,
    );
    let v = spec_json(&spec);
    assert_eq!(v["pricebook"], "lusha-alt-2025");
    // Phone at the alternative book's price: 10 · 1 · 1 · 1 = 10 (not 10 · 5 = 50).
    let want = [("phone", fixed(10.0 * alt.phone))];
    items_are(&v, &want, "top");
    credits_are_sum(&v, &want, "top");
}

// ---------------------------------------------------------------- 4. sourced tables

// a.csv (explicit map: Mail → email, Profile → linkedin_url):
//   row 1 ann@acme.com + linkedin.com/in/ann-a → contact Ann, billable
//   row 2 no identifier at all                    → unmatchable
//   row 3 ANN@Acme.com (= ann@acme.com)           → duplicate of row 1 (inside the file)
//   row 4 linkedin.com/in/carl?trk=x (→ linkedin.com/in/carl) → contact Carl, billable
//   row 5 bob@beta.io                             → contact Bob, billable
//   5 rows: 1 unmatchable, 1 duplicate, 3 billable.
// b.csv (headers detected: First Name, Last Name, Company, Email, LinkedIn URL):
//   row 1 Bob Brown, Beta, bob@beta.io            → Bob again (same email as a.csv)
//   row 2 Carl Cole, Corp, https://uk.linkedin.com/in/Carl/ (→ linkedin.com/in/carl)
//                                                 → Carl again (URL written differently)
//   row 3 Eve, nothing else (first name only: no name, no identifier) → unmatchable
//   row 4 Finn Fox, Foxco (nc: finn fox + foxco)  → contact Finn
//   row 5 Dana Diaz, Delta, dana@delta.com        → contact Dana
//   5 rows: 1 unmatchable; with a.csv first, 2 duplicates and 2 billable.
fn two_sources(dir: &Path) {
    common::write(
        dir,
        "a.csv",
        "Mail,Profile,Comment\n\
         ann@acme.com,https://www.linkedin.com/in/ann-a/,first\n\
         ,,no identifier here\n\
         ANN@Acme.com,,same as the first\n\
         ,linkedin.com/in/carl?trk=x,carl by url\n\
         bob@beta.io,,bob\n",
    );
    common::write(
        dir,
        "b.csv",
        "First Name,Last Name,Company,Email,LinkedIn URL\n\
         Bob,Brown,Beta,bob@beta.io,\n\
         Carl,Cole,Corp,,https://uk.linkedin.com/in/Carl/\n\
         Eve,,,,\n\
         Finn,Fox,Foxco,,\n\
         Dana,Diaz,Delta,dana@delta.com,\n",
    );
}

const ALPHA: &str = r#"[[table]]
name = "Alpha"
source = "a.csv"
map = { email = ["Mail"], linkedin_url = ["Profile"] }
reveal = ["email"]
match_rate = 1.0
email_rate = 1.0
phone_rate = 1.0
"#;

const BETA: &str = r#"[[table]]
name = "Beta"
source = "b.csv"
reveal = ["email"]
match_rate = 1.0
email_rate = 1.0
phone_rate = 1.0
"#;

#[test]
fn two_sourced_tables_share_contacts_but_not_signals() {
    let b = book(DEFAULT_BOOK);
    let dir = tempfile::tempdir().unwrap();
    two_sources(dir.path());
    let text = format!(
        "{ALPHA}ai_data_columns = [ {{ name = \"ICP fit\" }} ]\n\
         signals_columns = [ {{ name = \"Job change\", hit_rate = 0.4 }} ]\n\
         csv_exports = [\"all\"]\n\
         crm_exports = 1\n\n\
         {BETA}ai_data_columns = [ {{ name = \"ICP fit\" }}, {{ name = \"Summary\", fill_rate = 0.5 }} ]\n\
         signals_columns = [ {{ name = \"Job change\", hit_rate = 0.4 }} ]\n\
         csv_exports = [5, 3]\n"
    );
    // The spec sits in the temporary folder; its sources are relative to it (the test
    // runs from the crate root).
    let spec = common::write(dir.path(), "spec.toml", &text);
    let v = spec_json(&spec);
    let ts = tables(&v);
    assert_eq!(ts.len(), 2);
    let (ta, tb) = (&ts[0], &ts[1]);
    assert_eq!(ta["name"], "Alpha");
    assert_eq!(tb["name"], "Beta");
    assert!(
        ta["source"].as_str().is_some_and(|p| p.contains("a.csv")),
        "{}",
        ta["source"]
    );
    assert!(
        tb["source"].as_str().is_some_and(|p| p.contains("b.csv")),
        "{}",
        tb["source"]
    );
    assert_eq!(ta["mapping"]["email"], serde_json::json!(["Mail"]));
    assert_eq!(
        ta["mapping"]["linkedin_url"],
        serde_json::json!(["Profile"])
    );
    assert_eq!(tb["mapping"]["email"], serde_json::json!(["Email"]));
    assert_eq!(
        tb["mapping"]["linkedin_url"],
        serde_json::json!(["LinkedIn URL"])
    );
    assert_eq!(v["mapping"], serde_json::json!({}));

    // Counts (see two_sources): Alpha 5 rows, 1 unmatchable, 1 duplicate, 3 billable;
    // Beta 5 rows, 1 unmatchable, 2 duplicates (Bob, Carl seen in Alpha), 2 billable.
    counts_are(ta, [5, 1, 1, 0, 0, 3], "Alpha");
    counts_are(tb, [5, 1, 2, 0, 0, 2], "Beta");
    // Top level: 10 rows, 2 unmatchable, 3 duplicates, 0, 0, 5 billable.
    counts_are(&v, [10, 2, 3, 0, 0, 5], "top");

    // Alpha: email 3 billable · 1 · 1 · 1 = 3; AI Data 5 rows (every row) · 1 column · 1 = 5;
    //   Signals 5 · 0.4 · 1 = 2; CSV "all" = 5 rows → ceil(5/25) = 1 block; CRM 1 push = 1.
    let r = b.csv_block_rows;
    let alpha = [
        ("email", fixed(3.0 * b.email)),
        ("ai_data", fixed(5.0 * b.ai_cell)),
        ("signals", fixed(5.0 * 0.4 * b.signal)),
        ("csv_export", fixed(blocks(5, r) * b.csv_block)),
        ("crm_export", fixed(b.crm_export)),
    ];
    // Beta: email 2 · 1 = 2; AI Data 5 · (1 + 0.5) = 7.5; Signals 5 · 0.4 = 2 (Bob and Carl
    //   are charged again: Signals are table-scoped); CSV ceil(5/25) + ceil(3/25) = 2; CRM 0.
    let beta = [
        ("email", fixed(2.0 * b.email)),
        ("ai_data", fixed(5.0 * (1.0 + 0.5) * b.ai_cell)),
        ("signals", fixed(5.0 * 0.4 * b.signal)),
        (
            "csv_export",
            fixed((blocks(5, r) + blocks(3, r)) * b.csv_block),
        ),
    ];
    items_are(ta, &alpha, "Alpha");
    // Alpha credits: 3 + 5 + 2 + 1 + 1 = 12
    credits_are_sum(ta, &alpha, "Alpha");
    items_are(tb, &beta, "Beta");
    // Beta credits: 2 + 7.5 + 2 + 2 = 13.5
    credits_are_sum(tb, &beta, "Beta");

    // Top: email 3 + 2 = 5, AI Data 5 + 7.5 = 12.5, Signals 2 + 2 = 4, CSV 1 + 2 = 3,
    //   CRM 1, AI chat 0 (no prompts); total 12 + 13.5 = 25.5.
    let top = [
        ("email", fixed(5.0 * b.email)),
        ("ai_data", fixed(12.5 * b.ai_cell)),
        ("signals", fixed(4.0 * b.signal)),
        (
            "csv_export",
            fixed((2.0 * blocks(5, r) + blocks(3, r)) * b.csv_block),
        ),
        ("crm_export", fixed(b.crm_export)),
    ];
    items_are(&v, &top, "top");
    credits_are_sum(&v, &top, "top");

    // The tables add up to the report: counts, every item, credits (ai_chat aside).
    for k in COUNTS {
        assert_eq!(n(ta, k) + n(tb, k), n(&v, k), "{k} adds up");
    }
    for item in ITEMS.iter().filter(|i| **i != "ai_chat") {
        let (x, y, t) = (
            ends(&ta["breakdown"][*item], item),
            ends(&tb["breakdown"][*item], item),
            ends(&v["breakdown"][*item], item),
        );
        close3(sum3(x, y), t, &format!("{item} adds up"));
    }
    let chat = ends(&v["breakdown"]["ai_chat"], "ai_chat");
    let (ca, cb, ct) = (
        ends(&ta["credits"], "Alpha"),
        ends(&tb["credits"], "Beta"),
        ends(&v["credits"], "top"),
    );
    close3(
        sum3(sum3(ca, cb), chat),
        ct,
        "tables' credits + ai_chat = total",
    );
}

#[test]
fn table_order_decides_which_table_holds_the_duplicates() {
    let b = book(DEFAULT_BOOK);
    let dir = tempfile::tempdir().unwrap();
    two_sources(dir.path());
    // Beta first this time.
    let spec = common::write(dir.path(), "spec.toml", &format!("{BETA}\n{ALPHA}"));
    let v = spec_json(&spec);
    let ts = tables(&v);
    assert_eq!(ts[0]["name"], "Beta");
    assert_eq!(ts[1]["name"], "Alpha");
    // Beta: 5 rows, Eve unmatchable, Bob Carl Finn Dana billable: [5, 1, 0, 0, 0, 4].
    counts_are(&ts[0], [5, 1, 0, 0, 0, 4], "Beta first");
    // Alpha: Ann billable; no-identifier row unmatchable; ANN@Acme.com, Carl's URL and
    // bob@beta.io duplicates (the last two of Beta's rows): [5, 1, 3, 0, 0, 1].
    counts_are(&ts[1], [5, 1, 3, 0, 0, 1], "Alpha second");
    counts_are(&v, [10, 2, 3, 0, 0, 5], "top");
    // Email: Beta 4 · 1 = 4, Alpha 1 · 1 = 1, total 5 (the same 5 contacts).
    items_are(&ts[0], &[("email", fixed(4.0 * b.email))], "Beta first");
    items_are(&ts[1], &[("email", fixed(b.email))], "Alpha second");
    items_are(&v, &[("email", fixed(5.0 * b.email))], "top");
}

// ---------------------------------------------------------------- 5. AI Data only

#[test]
fn an_ai_data_only_table_is_a_real_plan() {
    let b = book(DEFAULT_BOOK);
    let dir = tempfile::tempdir().unwrap();
    let spec = common::write(
        dir.path(),
        "spec.toml",
        r#"[[table]]
name = "Research"
rows = 10
ai_data_columns = [ { name = "Industry" }, { name = "Tech stack" }, { name = "Summary" } ]
"#,
    );
    let v = spec_json(&spec);
    // 10 rows · 3 columns · 1 = 30 cells (the vendor: 3 AI Data columns cost 3 a row).
    let want = [("ai_data", fixed(10.0 * 3.0 * b.ai_cell))];
    items_are(&v, &want, "top");
    credits_are_sum(&v, &want, "top");
    items_are(&tables(&v)[0], &want, "tables[0]");
}

// ---------------------------------------------------------------- 6. a list, Workspace channel

/// prospects.csv: 30 rows. Rows 1–14 and 16–29 are 28 distinct emails (p1..p28); row 15
/// is a first name only (unmatchable); row 30 repeats row 1's email in capitals
/// (duplicate). First + last name without a company gives no name identifier.
fn prospects(dir: &Path) -> PathBuf {
    let mut t = String::from("First Name,Last Name,Email\n");
    for i in 1..=14 {
        t += &format!("P{i},Q{i},p{i}@firm{i}.com\n");
    }
    t += "Zed,,\n";
    for i in 15..=28 {
        t += &format!("P{i},Q{i},p{i}@firm{i}.com\n");
    }
    t += "Dup,Row,P1@FIRM1.COM\n";
    common::write(dir, "prospects.csv", &t)
}

#[test]
fn a_list_on_the_workspace_channel_is_a_one_table_spec() {
    let b = book(DEFAULT_BOOK);
    let dir = tempfile::tempdir().unwrap();
    let list = prospects(dir.path());
    let v = json(&[
        "estimate",
        s(&list),
        "--channel",
        "workspace",
        "--reveal",
        "email",
        "--match-rate",
        "1",
        "--email-rate",
        "1",
        "--ai-data",
        "ICP fit",
        "--ai-data",
        "Summary@0.5",
        "--signal",
        "Job change@0.25",
        "--csv-export",
        "all",
        "--csv-export",
        "10",
        "--crm-exports",
        "2",
        "--ai-chat-prompts",
        "7",
        "--format",
        "json",
    ]);
    assert_eq!(v["channel"], "workspace");
    // 30 rows: 1 unmatchable, 1 duplicate, 28 billable.
    counts_are(&v, [30, 1, 1, 0, 0, 28], "top");
    let r = b.csv_block_rows;
    // Email: 28 · 1 · 1 · 1 = 28; phone not selected: 0.
    // AI Data: 30 rows (every row) · (1 + 0.5) · 1 = 45.
    // Signals: 30 · 0.25 · 1 = 7.5 (a bare rate: low = high = 7.5).
    // CSV: all = 30 rows → ceil(30/25) = 2, ceil(10/25) = 1: 3 blocks · 1 = 3.
    // CRM: 2 · 1 = 2. AI chat: ceil(7/5) = 2 blocks · 1 = 2.
    let per_table = [
        ("email", fixed(28.0 * b.email)),
        ("ai_data", fixed(30.0 * 1.5 * b.ai_cell)),
        ("signals", fixed(30.0 * 0.25 * b.signal)),
        (
            "csv_export",
            fixed((blocks(30, r) + blocks(10, r)) * b.csv_block),
        ),
        ("crm_export", fixed(2.0 * b.crm_export)),
    ];
    let chat = (
        "ai_chat",
        fixed(blocks(7, b.chat_block_prompts) * b.chat_block),
    );
    let mut top = per_table.to_vec();
    top.push(chat);
    items_are(&v, &top, "top");
    // Total 28 + 45 + 7.5 + 3 + 2 + 2 = 87.5
    credits_are_sum(&v, &top, "top");

    let ts = tables(&v);
    assert_eq!(ts.len(), 1, "one entry in tables");
    let t = &ts[0];
    assert!(
        t["name"].as_str().is_some_and(|x| x.contains("prospects")),
        "named after the file: {}",
        t["name"]
    );
    counts_are(t, [30, 1, 1, 0, 0, 28], "tables[0]");
    items_are(t, &per_table, "tables[0]");
    // Table credits: 87.5 − 2 = 85.5
    credits_are_sum(t, &per_table, "tables[0]");
}

#[test]
fn reveal_keeps_its_default_of_both_on_the_workspace_channel() {
    let b = book(DEFAULT_BOOK);
    let dir = tempfile::tempdir().unwrap();
    let list = prospects(dir.path());
    let v = json(&[
        "estimate",
        s(&list),
        "--channel",
        "workspace",
        "--match-rate",
        "1",
        "--email-rate",
        "1",
        "--phone-rate",
        "1",
        "--signal",
        "Funding",
        "--format",
        "json",
    ]);
    // Email 28 · 1 = 28, phone 28 · 5 = 140 (the list has no phone; only-missing is off).
    // Signals: 30 rows · the book's hit rate: 30 · 0.1 = 3, 30 · 0.2 = 6, 30 · 0.35 = 10.5.
    let want = [
        ("email", fixed(28.0 * b.email)),
        ("phone", fixed(28.0 * b.phone)),
        (
            "signals",
            [
                30.0 * b.hit().low * b.signal,
                30.0 * b.hit().exp * b.signal,
                30.0 * b.hit().high * b.signal,
            ],
        ),
    ];
    items_are(&v, &want, "top");
    credits_are_sum(&v, &want, "top");
}

// ---------------------------------------------------------------- 7. refusals

fn lines(l: &[&str]) -> String {
    l.join("\n") + "\n"
}

/// Write `text` as `file` in a fresh folder (with a valid list.csv beside it), run it:
/// exit 3, no panic, stderr names the spec file, and the message — stderr with the spec's
/// path and name taken out, so that a keyword can never be found in the file's own name —
/// holds every `must` (exact: the line, the table, the field and its value, words only the
/// right message has).
fn bad_spec(file: &str, text: &str, must: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    common::write(dir.path(), "list.csv", "Email\na@b.com\nc@d.com\n");
    let p = common::write(dir.path(), file, text);
    let out = run(&["estimate", "--spec", s(&p), "--format", "json"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{file}: stderr: {err}");
    assert!(!err.contains("panicked"), "{file}: {err}");
    assert!(err.contains(file), "{file}: the spec is not named: {err}");
    let message = err.replace(s(&p), "").replace(file, "");
    for m in must {
        assert!(message.contains(m), "{file}: {m:?} not in: {err}");
    }
}

#[test]
fn unknown_table_key_names_the_key_and_its_line() {
    bad_spec(
        "unknown-key.toml",
        &lines(&["[[table]]", "name = \"Ops list\"", "rows = 10", "rowz = 10"]),
        &["line 4", "table `Ops list`", "unknown field `rowz`"],
    );
}

#[test]
fn unknown_top_level_and_column_keys() {
    bad_spec(
        "unknown-top.toml",
        &lines(&[
            "ai_chat_promts = 3",
            "[[table]]",
            "name = \"Ops list\"",
            "rows = 10",
        ]),
        &["line 1", "unknown field `ai_chat_promts`"],
    );
    bad_spec(
        "unknown-column-key.toml",
        &lines(&[
            "[[table]]",
            "name = \"Ops list\"",
            "rows = 10",
            "ai_data_columns = [ { name = \"Fit\", fil_rate = 0.5 } ]",
        ]),
        &["line 4", "`ai_data_columns`", "unknown field `fil_rate`"],
    );
}

#[test]
fn rows_of_the_wrong_type() {
    bad_spec(
        "wrong-type.toml",
        &lines(&["[[table]]", "name = \"Ops list\"", "rows = \"ten\""]),
        &["line 3", "table `Ops list`", "`rows`", "\"ten\""],
    );
}

#[test]
fn negative_rows() {
    bad_spec(
        "negative-rows.toml",
        &lines(&["[[table]]", "name = \"Ops list\"", "rows = -5"]),
        &["line 3", "table `Ops list`", "`rows` = -5"],
    );
}

#[test]
fn negative_crm_exports() {
    bad_spec(
        "negative-crm.toml",
        &lines(&[
            "[[table]]",
            "name = \"Ops list\"",
            "rows = 10",
            "crm_exports = -1",
        ]),
        &["line 4", "table `Ops list`", "`crm_exports` = -1"],
    );
}

#[test]
fn negative_ai_chat_prompts() {
    bad_spec(
        "negative-chat.toml",
        &lines(&[
            "ai_chat_prompts = -2",
            "[[table]]",
            "name = \"Ops list\"",
            "rows = 10",
        ]),
        &["line 1", "`ai_chat_prompts` = -2"],
    );
}

#[test]
fn negative_csv_export() {
    bad_spec(
        "negative-export.toml",
        &lines(&[
            "[[table]]",
            "name = \"Ops list\"",
            "rows = 10",
            "csv_exports = [-3]",
        ]),
        &["line 4", "table `Ops list`", "`csv_exports`", "-3"],
    );
}

#[test]
fn a_csv_export_word_other_than_all() {
    bad_spec(
        "export-word.toml",
        &lines(&[
            "[[table]]",
            "name = \"Ops list\"",
            "rows = 10",
            "csv_exports = [\"some\"]",
        ]),
        &["line 4", "table `Ops list`", "`csv_exports`", "`some`"],
    );
}

#[test]
fn fill_rate_above_one() {
    bad_spec(
        "fill-rate.toml",
        &lines(&[
            "[[table]]",
            "name = \"Ops list\"",
            "rows = 10",
            "ai_data_columns = [ { name = \"Fit\", fill_rate = 1.5 } ]",
        ]),
        &["line 4", "table `Ops list`", "`Fit`", "fill_rate = 1.5"],
    );
}

#[test]
fn hit_rate_below_zero() {
    bad_spec(
        "hit-rate.toml",
        &lines(&[
            "[[table]]",
            "name = \"Ops list\"",
            "rows = 10",
            "signals_columns = [ { name = \"Job change\", hit_rate = -0.1 } ]",
        ]),
        &[
            "line 4",
            "table `Ops list`",
            "`Job change`",
            "hit_rate = -0.1",
        ],
    );
}

#[test]
fn a_rate_outside_its_own_range() {
    // pricing.md §3: a rate outside its own range is an error (exit 3 in a file).
    bad_spec(
        "fill-outside-range.toml",
        &lines(&[
            "[[table]]",
            "name = \"Ops list\"",
            "rows = 10",
            "ai_data_columns = [ { name = \"Fit\", fill_rate = 0.9, fill_range = [0.1, 0.5] } ]",
        ]),
        &[
            "line 4",
            "table `Ops list`",
            "`Fit`",
            "fill_rate",
            "0.9",
            "0.1..0.5",
        ],
    );
    bad_spec(
        "match-rate.toml",
        &lines(&[
            "[[table]]",
            "name = \"Ops list\"",
            "rows = 10",
            "reveal = [\"email\"]",
            "match_rate = 1.2",
        ]),
        &["line 5", "table `Ops list`", "match_rate = 1.2"],
    );
}

#[test]
fn both_rows_and_source() {
    bad_spec(
        "both.toml",
        &lines(&[
            "[[table]]",
            "name = \"Ops list\"",
            "rows = 10",
            "source = \"list.csv\"",
        ]),
        &["line 4", "table `Ops list`", "`rows` (line 3)", "`source`"],
    );
}

#[test]
fn neither_rows_nor_source() {
    bad_spec(
        "neither.toml",
        &lines(&[
            "[[table]]",
            "name = \"Ops list\"",
            "ai_data_columns = [ { name = \"Fit\" } ]",
        ]),
        &["line 1", "table `Ops list`", "`rows = N`", "`source = "],
    );
}

#[test]
fn a_missing_source_names_spec_table_and_file() {
    bad_spec(
        "missing-source.toml",
        &lines(&[
            "[[table]]",
            "name = \"Ops list\"",
            "source = \"nowhere.csv\"",
        ]),
        &["line 3", "table `Ops list`", "nowhere.csv"],
    );
}

#[test]
fn a_csv_export_larger_than_the_table() {
    bad_spec(
        "export-too-big.toml",
        &lines(&[
            "[[table]]",
            "name = \"Ops list\"",
            "rows = 10",
            "csv_exports = [10, 11]",
        ]),
        &[
            "line 4",
            "table `Ops list`",
            "CSV export of 11 rows",
            "10 rows",
        ],
    );
    // The same on a sourced table: list.csv has 2 rows.
    bad_spec(
        "export-too-big-source.toml",
        &lines(&[
            "[[table]]",
            "name = \"Ops list\"",
            "source = \"list.csv\"",
            "csv_exports = [3]",
        ]),
        &["table `Ops list`", "CSV export of 3 rows", "2 rows"],
    );
}

#[test]
fn a_csv_export_of_exactly_the_table_is_fine() {
    let b = book(DEFAULT_BOOK);
    let dir = tempfile::tempdir().unwrap();
    let spec = common::write(
        dir.path(),
        "spec.toml",
        &lines(&[
            "[[table]]",
            "name = \"Ops list\"",
            "rows = 10",
            "csv_exports = [10, \"all\"]",
        ]),
    );
    let v = spec_json(&spec);
    // ceil(10/25) + ceil(10/25) = 2 blocks · 1 = 2
    let r = b.csv_block_rows;
    let want = [("csv_export", fixed(2.0 * blocks(10, r) * b.csv_block))];
    items_are(&v, &want, "top");
    credits_are_sum(&v, &want, "top");
}

#[test]
fn bad_workspace_flags_and_spec_with_input_are_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let list = prospects(dir.path());
    let spec = common::write(
        dir.path(),
        "spec.toml",
        &lines(&["[[table]]", "name = \"Ops list\"", "rows = 10"]),
    );
    let l = s(&list);
    for extra in [
        ["--ai-data", "X@2"],
        ["--ai-data", "X@lots"],
        ["--signal", "Y@1.5"],
        ["--csv-export", "lots"],
        ["--crm-exports", "-1"],
        ["--crm-exports", "two"],
        ["--ai-chat-prompts", "many"],
    ] {
        let mut args = vec!["estimate", l, "--channel", "workspace"];
        args.extend(extra);
        let out = run(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {err}");
        assert!(!err.contains("panicked"), "{extra:?}: {err}");
    }
    // Both files are valid on their own; together they are a usage error.
    for args in [
        ["estimate", "--spec", s(&spec), l],
        ["estimate", l, "--spec", s(&spec)],
    ] {
        let out = run(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    // The spec alone is fine.
    let out = run(&["estimate", "--spec", s(&spec), "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
