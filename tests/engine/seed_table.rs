//! One test per row of the vendor's credit table (../shared/seed/lusha-credit-costs.txt)
//! and per rule in its prose, each named after the row or rule it covers. Prices come from
//! the default price book (the help article); the expected numbers are the seed's own.

use crate::common;

use enrichplan::analysis::Tally;
use enrichplan::cycle::{Cycle, CycleLength};
use enrichplan::pricing::{self, ApiExtras, Assumptions, Channel, Item, Selection, Settings};
use enrichplan::rows::{RowStatus, row_status};

const LIST: &str = "\
First Name,Last Name,Company,Website,Email,Phone,LinkedIn
Dana,Levi,Example IO,example.io,dana@example.io,,https://www.linkedin.com/in/dana-levi
Omar,Haddad,Haddad Labs,haddad.example,omar@haddad.example,+972 3 555,
Mia,Schulz,Schulz GmbH,schulz.example,,,
";

fn list_map() -> Vec<(&'static str, &'static str)> {
    vec![
        ("first_name", "First Name"),
        ("last_name", "Last Name"),
        ("company_name", "Company"),
        ("company_domain", "Website"),
        ("email", "Email"),
        ("phone", "Phone"),
        ("linkedin_url", "LinkedIn"),
    ]
}

/// The one-contact list: Dana only.
fn one() -> common::Run {
    let text: String = LIST.lines().take(2).map(|l| format!("{l}\n")).collect();
    common::analyze(&text, &list_map(), None, Cycle::default())
}

fn three() -> common::Run {
    common::analyze(LIST, &list_map(), None, Cycle::default())
}

/// Settings with every rate at 1, so the estimate is exact (pricing.md §3).
fn exact(channel: Channel, email: bool, phone: bool) -> Settings {
    let mut s = Settings::defaults(&common::book());
    s.channel = channel;
    s.selection = Selection { email, phone };
    s.assumptions = Assumptions::exact(1.0);
    s
}

fn with_rates(mut s: Settings, m: f64, e: f64, p: f64) -> Settings {
    s.assumptions.match_rate = enrichplan::pricebook::RateRange::exact(m);
    s.assumptions.email_rate = enrichplan::pricebook::RateRange::exact(e);
    s.assumptions.phone_rate = enrichplan::pricebook::RateRange::exact(p);
    s
}

fn total(run: &common::Run, s: &Settings) -> f64 {
    common::estimate(run, s).estimate.total.expected
}

fn item(run: &common::Run, s: &Settings, i: Item) -> f64 {
    common::estimate(run, s).estimate.item(i).expected
}

/// `enrichplan estimate --spec` on a spec written into a temporary folder (with `files`
/// beside it), as JSON: the Workspace rows go through the CLI, not only the pricing function.
fn spec_json(spec: &str, files: &[(&str, &str)], extra: &[&str]) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        common::write(dir.path(), name, text);
    }
    let path = common::write(dir.path(), "spec.toml", spec);
    let path = path.display().to_string();
    let mut args = vec!["estimate", "--spec", path.as_str(), "--format", "json"];
    args.extend_from_slice(extra);
    common::json(&args)
}

fn expected(v: &serde_json::Value, item: &str) -> f64 {
    v["breakdown"][item]["expected"].as_f64().unwrap()
}

// ---- Platform & Extension ----

#[test]
fn row_01_platform_reveal_email_address_1_credit() {
    // Only an email is available for the contact: Reveal charges just that point.
    let s = with_rates(exact(Channel::Platform, true, false), 1.0, 1.0, 0.0);
    assert_eq!(total(&one(), &s), 1.0);
}

#[test]
fn row_02_platform_reveal_phone_number_5_credits() {
    let s = with_rates(exact(Channel::Platform, false, true), 1.0, 0.0, 1.0);
    assert_eq!(total(&one(), &s), 5.0);
}

#[test]
fn row_03_platform_reveal_email_and_phone_together_up_to_6_credits() {
    assert_eq!(total(&one(), &exact(Channel::Platform, true, true)), 6.0);
    // "Up to": with data not always found it is less, never more.
    let partial = with_rates(exact(Channel::Platform, true, true), 1.0, 1.0, 0.5);
    let t = total(&one(), &partial);
    assert!(t < 6.0 && t > 1.0, "{t}");
}

#[test]
fn row_04_platform_reviewing_an_already_revealed_contact_0_credits() {
    let log = "Date,Work Email,Phone 1\n2026-11-20,dana@example.io,+1 555 0101\n";
    let run = common::analyze(
        &LIST
            .lines()
            .take(2)
            .map(|l| format!("{l}\n"))
            .collect::<String>(),
        &list_map(),
        Some((
            log,
            &[
                ("date", "Date"),
                ("email", "Work Email"),
                ("phone", "Phone 1"),
            ],
        )),
        Cycle {
            renewal: chrono::NaiveDate::from_ymd_opt(2026, 12, 15),
            length: CycleLength::Monthly,
        },
    );
    let s = exact(Channel::Platform, true, true);
    assert_eq!(total(&run, &s), 0.0);
    assert_eq!(row_status(&run.analysis, 0, &s), RowStatus::AlreadyRevealed);
}

#[test]
fn row_05_platform_search_filter_or_view_company_info_0_credits() {
    let mut s = exact(Channel::Platform, true, true);
    s.extras = ApiExtras {
        company: true,
        company_signals: false,
        contact_signals: false,
    };
    let e = common::estimate(&three(), &s).estimate;
    assert_eq!(e.item(Item::Company).expected, 0.0);
    assert!(e.warnings.iter().any(|w| w.contains("API channels only")));
}

// ---- API ----

#[test]
fn row_06_api_reveal_email_per_contact_1_credit() {
    let s = exact(Channel::ApiSingle, true, false);
    assert_eq!(item(&one(), &s, Item::Email), 1.0);
}

#[test]
fn row_07_api_reveal_phone_number_per_contact_5_credits() {
    let s = exact(Channel::ApiSingle, false, true);
    assert_eq!(item(&one(), &s, Item::Phone), 5.0);
}

#[test]
fn row_08_api_reveal_company_info_full_profile_1_credit() {
    let mut s = exact(Channel::ApiSingle, true, false);
    s.extras.company = true;
    // Three rows name three different companies.
    assert_eq!(item(&three(), &s, Item::Company), 3.0);
}

#[test]
fn row_09_api_single_request_1_credit_per_result_returned() {
    let s = exact(Channel::ApiSingle, true, true);
    assert_eq!(item(&three(), &s, Item::RequestFees), 3.0);
}

#[test]
fn row_10_api_bulk_request_1_credit_per_1_to_25_results() {
    let mut s = exact(Channel::ApiBulk, true, false);
    let book = common::book();
    let fees = |n: u64, s: &Settings| {
        pricing::price(&Tally::of_rows(n), s, &book)
            .item(Item::RequestFees)
            .expected
    };
    assert_eq!(fees(1, &s), 1.0);
    assert_eq!(fees(25, &s), 1.0);
    assert_eq!(fees(40, &s), 2.0, "the article's 40-result example");
    assert_eq!(fees(100, &s), 4.0, "up to 100 contacts per request");
    assert_eq!(fees(101, &s), 5.0, "101 contacts need a second request");
    s.batch_size = Some(10);
    assert_eq!(fees(40, &s), 4.0, "four requests of 10 results");
}

#[test]
fn row_11_api_request_with_no_results_returned_1_credit_minimum() {
    let s = with_rates(exact(Channel::ApiSingle, true, true), 0.0, 1.0, 1.0);
    assert_eq!(item(&three(), &s, Item::RequestFees), 3.0);
    assert_eq!(total(&three(), &s), 3.0, "no results: only the minimums");
    let b = with_rates(exact(Channel::ApiBulk, true, true), 0.0, 1.0, 1.0);
    assert_eq!(
        item(&three(), &b, Item::RequestFees),
        1.0,
        "one bulk request"
    );
}

#[test]
fn row_12_api_signals_company_signals_1_credit_per_company() {
    let mut s = exact(Channel::ApiBulk, true, false);
    s.extras.company_signals = true;
    assert_eq!(item(&three(), &s, Item::CompanySignals), 3.0);
}

#[test]
fn row_13_api_signals_contacts_signals_1_credit_per_contact() {
    let mut s = exact(Channel::ApiSingle, true, false);
    s.extras.contact_signals = true;
    assert_eq!(item(&three(), &s, Item::ContactSignals), 3.0);
}

// ---- Workspace (through `enrichplan estimate --spec`) ----

#[test]
fn row_14_workspace_contact_or_company_reveal_same_as_platform_rate() {
    assert_eq!(total(&one(), &exact(Channel::Workspace, true, true)), 6.0);
    assert_eq!(total(&one(), &exact(Channel::Workspace, true, false)), 1.0);
    assert_eq!(total(&one(), &exact(Channel::Workspace, false, true)), 5.0);
    for (reveal, credits) in [
        ("\"email\", \"phone\"", 6.0),
        ("\"email\"", 1.0),
        ("\"phone\"", 5.0),
    ] {
        let v = spec_json(
            &format!(
                "[[table]]\nname = \"T\"\nrows = 1\nreveal = [{reveal}]\nmatch_rate = 1\nemail_rate = 1\nphone_rate = 1\n"
            ),
            &[],
            &[],
        );
        assert_eq!(v["credits"]["expected"], credits, "{reveal}");
    }
}

#[test]
fn row_15_workspace_ai_chat_prompts_1_credit_per_5_prompts() {
    for (prompts, credits) in [(1, 1.0), (5, 1.0), (6, 2.0), (12, 3.0)] {
        let v = spec_json(
            &format!("ai_chat_prompts = {prompts}\n[[table]]\nname = \"T\"\nrows = 0\n"),
            &[],
            &[],
        );
        assert_eq!(expected(&v, "ai_chat"), credits, "{prompts} prompts");
        assert_eq!(v["credits"]["expected"], credits);
        assert_eq!(v["tables"][0]["breakdown"]["ai_chat"]["expected"], 0.0);
    }
}

#[test]
fn row_16_workspace_ai_data_enrichment_1_credit_per_cell_enriched() {
    let v = spec_json(
        "[[table]]\nname = \"T\"\nrows = 10\nai_data_columns = [{ name = \"A\" }, { name = \"B\", fill_rate = 1.0 }, { name = \"C\", fill_rate = 0.5 }]\n",
        &[],
        &[],
    );
    assert_eq!(expected(&v, "ai_data"), 25.0, "10 rows × (1 + 1 + 0.5)");
    assert_eq!(v["credits"]["expected"], 25.0);
}

#[test]
fn row_17_workspace_signals_enrichment_signal_found_1_credit_per_signal() {
    let v = spec_json(
        "[[table]]\nname = \"T\"\nrows = 100\nsignals_columns = [{ name = \"Job change\", hit_rate = 0.1 }, { name = \"Funding\", hit_rate = 0.25 }]\n",
        &[],
        &[],
    );
    assert_eq!(expected(&v, "signals"), 35.0, "100 × (0.1 + 0.25)");
}

#[test]
fn row_18_workspace_signals_enrichment_no_signal_found_0_credits() {
    let v = spec_json(
        "[[table]]\nname = \"T\"\nrows = 100\nsignals_columns = [{ name = \"Job change\", hit_rate = 0.0 }]\n",
        &[],
        &[],
    );
    assert_eq!(expected(&v, "signals"), 0.0);
    assert_eq!(v["credits"]["high"], 0.0);
}

#[test]
fn row_19_workspace_csv_export_1_credit_per_25_rows() {
    let v = spec_json(
        "[[table]]\nname = \"T\"\nrows = 1200\ncsv_exports = [1200, 300, 26, 1, \"all\"]\n",
        &[],
        &[],
    );
    assert_eq!(expected(&v, "csv_export"), 48.0 + 12.0 + 2.0 + 1.0 + 48.0);
}

#[test]
fn row_20_workspace_crm_export_1_credit_per_export() {
    let v = spec_json(
        "[[table]]\nname = \"T\"\nrows = 10\ncrm_exports = 2\n",
        &[],
        &[],
    );
    assert_eq!(expected(&v, "crm_export"), 2.0);
}

/// Free columns are read, kept (the report lists them) and cost nothing: the same table
/// without them costs the same, so a parser that priced or dropped them fails here.
fn free_columns(key: &str) {
    let base = "[[table]]\nname = \"T\"\nrows = 10\nreveal = [\"email\"]\nmatch_rate = 1\nemail_rate = 1\nai_data_columns = [{ name = \"ICP\" }]\n";
    let with = spec_json(
        &format!("{base}{key} = [\"Job Title\", \"Seniority\"]\n"),
        &[],
        &[],
    );
    let without = spec_json(base, &[], &[]);
    assert_eq!(with["credits"], without["credits"]);
    assert_eq!(with["breakdown"], without["breakdown"]);
    assert_eq!(with["credits"]["expected"], 20.0, "10 emails + 10 AI cells");
    assert_eq!(
        with["tables"][0][key],
        serde_json::json!(["Job Title", "Seniority"]),
        "the {key} are listed with the table"
    );
}

#[test]
fn row_21_workspace_lusha_data_columns_0_credits() {
    free_columns("lusha_columns");
}

#[test]
fn row_22_workspace_crm_columns_live_field_values_0_credits() {
    free_columns("crm_columns");
}

// ---- CSV Enrichment ----

#[test]
fn row_23_csv_enrichment_successfully_enriched_contact_same_as_platform_rate() {
    let s = exact(Channel::CsvEnrichment, true, true);
    assert_eq!(total(&one(), &s), 6.0);
    assert_eq!(
        total(&one(), &s),
        total(&one(), &exact(Channel::Platform, true, true))
    );
}

#[test]
fn row_24_csv_enrichment_unmatched_row_no_data_found_0_credits() {
    let s = with_rates(exact(Channel::CsvEnrichment, true, true), 0.0, 1.0, 1.0);
    assert_eq!(total(&three(), &s), 0.0);
}

// ---- Recommendations List ----

#[test]
fn row_25_recommendations_reveal_a_blurred_row_1_credit_per_row() {
    let s = exact(Channel::Recommendations, true, false);
    assert_eq!(item(&three(), &s, Item::BlurredRows), 3.0);
}

#[test]
fn row_26_recommendations_show_contact_email_1_credit() {
    let s = exact(Channel::Recommendations, true, false);
    assert_eq!(item(&one(), &s, Item::Email), 1.0);
    assert_eq!(total(&one(), &s), 2.0, "blurred row + email");
}

#[test]
fn row_27_recommendations_show_contact_phone_number_5_credits() {
    let s = exact(Channel::Recommendations, false, true);
    assert_eq!(item(&one(), &s, Item::Phone), 5.0);
}

#[test]
fn row_28_recommendations_browsing_filtering_viewing_the_list_0_credits() {
    let s = exact(Channel::Recommendations, true, true);
    let empty = common::analyze(
        "First Name,Email\n",
        &[("email", "Email")],
        None,
        Cycle::default(),
    );
    assert_eq!(total(&empty, &s), 0.0);
    // Match rate is irrelevant here (the vendor's own rows), and nothing else is charged.
    let e = common::estimate(&empty, &s).estimate;
    assert!(e.items.iter().all(|(_, c)| c.is_zero()));
    // On a list with rows, what is charged is the rows revealed and the points shown, and
    // nothing for browsing: every other item is zero and the total is exactly their sum,
    // whatever the match rate says.
    let s = with_rates(s, 0.1, 1.0, 1.0);
    let e = common::estimate(&three(), &s).estimate;
    let paid = [Item::BlurredRows, Item::Email, Item::Phone];
    for (i, c) in &e.items {
        if !paid.contains(i) {
            assert!(c.is_zero(), "{i:?} is charged while browsing");
        }
    }
    let sum: f64 = paid.iter().map(|i| item(&three(), &s, *i)).sum();
    assert_eq!(e.total.expected, sum);
    assert_eq!(
        sum,
        3.0 * (1.0 + 1.0 + 5.0),
        "3 rows, each revealed with email and phone"
    );
}

// ---- Rules in the prose ----

#[test]
fn rule_reviewing_is_free_within_the_billing_cycle() {
    let log = "Date,Work Email\n2026-11-20,dana@example.io\n2026-10-01,omar@haddad.example\n";
    let run = common::analyze(
        LIST,
        &list_map(),
        Some((log, &[("date", "Date"), ("email", "Work Email")])),
        Cycle {
            renewal: chrono::NaiveDate::from_ymd_opt(2026, 12, 15),
            length: CycleLength::Monthly,
        },
    );
    let s = exact(Channel::CsvEnrichment, true, false);
    assert_eq!(row_status(&run.analysis, 0, &s), RowStatus::AlreadyRevealed);
    assert_eq!(
        row_status(&run.analysis, 1, &s),
        RowStatus::Billable,
        "revealed last cycle"
    );
    assert_eq!(total(&run, &s), 2.0);
}

#[test]
fn rule_cycle_resets_on_the_renewal_date() {
    let renewal = chrono::NaiveDate::from_ymd_opt(2026, 12, 15);
    let s = exact(Channel::CsvEnrichment, true, false);
    let at = |date: &str| {
        let log = format!("Date,Work Email\n{date},dana@example.io\n");
        let run = common::analyze(
            LIST,
            &list_map(),
            Some((&log, &[("date", "Date"), ("email", "Work Email")])),
            Cycle {
                renewal,
                length: CycleLength::Monthly,
            },
        );
        row_status(&run.analysis, 0, &s)
    };
    assert_eq!(at("2026-12-14"), RowStatus::AlreadyRevealed);
    assert_eq!(at("2026-11-15"), RowStatus::AlreadyRevealed);
    assert_eq!(at("2026-11-14"), RowStatus::Billable);
    assert_eq!(at("2026-12-15"), RowStatus::Billable);
}

#[test]
fn rule_minimum_1_credit_per_api_request() {
    let book = common::book();
    let s = with_rates(exact(Channel::ApiBulk, true, false), 0.0, 1.0, 1.0);
    let e = pricing::price(&Tally::of_rows(250), &s, &book);
    assert_eq!(
        e.item(Item::RequestFees).expected,
        3.0,
        "three empty bulk requests"
    );
}

#[test]
fn rule_bulk_pricing_1_credit_covers_up_to_25_results_plus_data_points() {
    // "A 40-result bulk call costs 2 credits for the results, plus data point costs on top."
    let book = common::book();
    let s = exact(Channel::ApiBulk, true, false);
    let e = pricing::price(&Tally::of_rows(40), &s, &book);
    assert_eq!(e.item(Item::RequestFees).expected, 2.0);
    assert_eq!(e.total.expected, 42.0);
}

#[test]
fn rule_bulk_expectation_is_exact_binomial() {
    // 30 contacts, match 0.5: fee = 1 if X <= 25 else 2, so E = 1 + P(X > 25).
    let p_over: f64 = (26..=30u64)
        .map(|x| {
            let c = (1..=x).fold(1.0, |acc, k| acc * (30 - x + k) as f64 / k as f64);
            c * 0.5f64.powi(30)
        })
        .sum();
    let fee = pricing::expected_request_fee(30, 0.5, 1.0, 1.0, 25);
    assert!((fee - (1.0 + p_over)).abs() < 1e-12, "{fee}");
}

#[test]
fn rule_company_info_free_on_platform_but_1_credit_via_api() {
    let mut s = exact(Channel::Platform, true, true);
    s.extras.company = true;
    assert_eq!(item(&three(), &s, Item::Company), 0.0);
    s.channel = Channel::ApiSingle;
    assert_eq!(item(&three(), &s, Item::Company), 3.0);
}

#[test]
fn rule_ai_data_charges_per_cell_not_per_row() {
    // "a row with 3 AI Data columns costs 3 credits to enrich, not 1"
    let v = spec_json(
        "[[table]]\nname = \"T\"\nrows = 1\nai_data_columns = [{ name = \"A\" }, { name = \"B\" }, { name = \"C\" }]\n",
        &[],
        &[],
    );
    assert_eq!(expected(&v, "ai_data"), 3.0);
}

#[test]
fn rule_signals_charge_only_when_found_and_per_table() {
    // The same 50 contacts in two sourced tables: reveals once, Signals in each table.
    let list: String = std::iter::once("Email\n".to_string())
        .chain((0..50).map(|i| format!("p{i}@example.com\n")))
        .collect();
    let table = |name: &str, file: &str| {
        format!(
            "[[table]]\nname = \"{name}\"\nsource = \"{file}\"\nreveal = [\"email\"]\nmatch_rate = 1\nemail_rate = 1\nsignals_columns = [{{ name = \"Job change\", hit_rate = 0.2 }}]\n"
        )
    };
    let one = spec_json(&table("A", "a.csv"), &[("a.csv", &list)], &[]);
    let two = spec_json(
        &format!("{}{}", table("A", "a.csv"), table("B", "b.csv")),
        &[("a.csv", &list), ("b.csv", &list)],
        &[],
    );
    assert_eq!(expected(&one, "signals"), 10.0, "50 × 0.2");
    assert_eq!(
        expected(&two, "signals"),
        20.0,
        "the same contacts in two tables are charged in each"
    );
    assert_eq!(
        expected(&two, "email"),
        50.0,
        "a data point is charged once"
    );
    assert_eq!(two["tables"][1]["duplicate_rows"], 50);
}

#[test]
fn rule_csv_export_is_charged_even_for_revealed_rows() {
    // Every contact of the table was revealed this cycle (a reveal log without dates):
    // no reveal credits, and the export of its 50 rows still costs 2 blocks.
    let list: String = std::iter::once("Email,Phone\n".to_string())
        .chain((0..50).map(|i| format!("p{i}@example.com,\n")))
        .collect();
    let log: String = std::iter::once("Email,Phone\n".to_string())
        .chain((0..50).map(|i| format!("p{i}@example.com,+1 555 01{i:02}\n")))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let log_path = common::write(dir.path(), "log.csv", &log);
    let v = spec_json(
        "[[table]]\nname = \"T\"\nsource = \"list.csv\"\nreveal = [\"email\", \"phone\"]\ncsv_exports = [\"all\"]\n",
        &[("list.csv", &list)],
        &["--revealed", &log_path.display().to_string()],
    );
    assert_eq!(v["already_revealed_rows"], 50);
    assert_eq!(expected(&v, "email") + expected(&v, "phone"), 0.0);
    assert_eq!(expected(&v, "csv_export"), 2.0);
    assert_eq!(v["credits"]["expected"], 2.0);
}

#[test]
fn rule_unmatched_csv_rows_are_free() {
    let list = "First Name,Email\nAnn,\nBob,not-an-email\n";
    let run = common::analyze(
        list,
        &[("first_name", "First Name"), ("email", "Email")],
        None,
        Cycle::default(),
    );
    let s = exact(Channel::CsvEnrichment, true, true);
    assert_eq!(total(&run, &s), 0.0);
    assert_eq!(row_status(&run.analysis, 0, &s), RowStatus::Unmatchable);
}

#[test]
fn rule_a_data_point_is_charged_once_duplicates_are_free() {
    let list = format!("{LIST}Dana,Levi,Example IO,example.io,DANA@example.io,,\n");
    let run = common::analyze(&list, &list_map(), None, Cycle::default());
    let s = exact(Channel::CsvEnrichment, true, true);
    assert_eq!(row_status(&run.analysis, 3, &s), RowStatus::Duplicate);
    assert_eq!(total(&run, &s), total(&three(), &s));
}

#[test]
fn rule_the_variant_price_book_charges_the_other_side_of_each_conflict() {
    let alt = enrichplan::pricebook::resolve("lusha-alt-2025").unwrap();
    let s = with_rates(exact(Channel::ApiSingle, false, true), 0.0, 1.0, 1.0);
    let e = pricing::price(&Tally::of_rows(4), &s, &alt);
    assert_eq!(
        e.total.expected, 0.0,
        "a call with no result is free in the API FAQ"
    );
    let s = exact(Channel::CsvEnrichment, false, true);
    assert_eq!(
        pricing::price(&Tally::of_rows(4), &s, &alt).total.expected,
        4.0,
        "phone 1 credit"
    );
}

#[test]
fn low_expected_high_are_ordered_and_budget_status_follows() {
    let s = Settings::defaults(&common::book());
    let run = three();
    let o = enrichplan::engine::estimate(&run.analysis, &s, &common::book(), Some(1000.0));
    let t = o.estimate.total;
    assert!(t.low <= t.expected && t.expected <= t.high);
    assert_eq!(o.budget.unwrap().status, pricing::BudgetStatus::Fits);
    assert_eq!(
        pricing::budget_status(&t, t.expected),
        pricing::BudgetStatus::AtRisk
    );
    assert_eq!(
        pricing::budget_status(&t, t.expected - 0.01),
        pricing::BudgetStatus::Over
    );
    assert_eq!(
        pricing::budget_status(&t, t.high),
        pricing::BudgetStatus::Fits
    );
}

#[test]
fn fit_to_budget_keeps_the_largest_prefix_whose_high_fits() {
    let s = exact(Channel::CsvEnrichment, true, true);
    let run = three();
    // Each billable contact costs exactly 6 at rates 1.
    let o = enrichplan::engine::estimate(&run.analysis, &s, &common::book(), Some(13.0));
    let b = o.budget.unwrap();
    assert_eq!(b.status, pricing::BudgetStatus::Over);
    assert_eq!(b.fit.as_ref().unwrap().kept, 2);
    assert_eq!(b.fit.as_ref().unwrap().rows(), vec![0, 1]);
    assert_eq!(b.fit.as_ref().unwrap().estimate.total.high, 12.0);
}

#[test]
fn only_what_the_file_lacks_and_nothing_needed() {
    let mut s = exact(Channel::CsvEnrichment, true, true);
    s.only_missing = true;
    let run = three();
    // Dana has an email (needs phone), Omar has both (nothing needed), Mia needs both.
    assert_eq!(row_status(&run.analysis, 1, &s), RowStatus::NothingNeeded);
    assert_eq!(total(&run, &s), 5.0 + 6.0);
    s.channel = Channel::Platform;
    let e = common::estimate(&run, &s).estimate;
    assert_eq!(e.total.expected, 18.0, "ignored on platform");
    assert!(e.warnings.iter().any(|w| w.contains("ignored on platform")));
}
