//! `price`, `request_fees`, `workspace_items` and `price_tables` against hand arithmetic
//! (pricing.md §4, workspace.md). The book is the default one at three times its prices
//! ([`dear_book`]): prices change between pricing versions, and with no price at 1 or 2 a
//! price multiplied cannot pass for one divided or added.

use super::*;
use crate::pricebook::{RateRange, default_book};

/// The default book (`assets/pricebooks/lusha-help-2026.toml`) with every price tripled:
/// email 1 → 3, phone 5 → 15, and every other credit price 1 → 3 (API result, request
/// minimum, bulk block, company, both Signals, AI Data cell, Workspace signal, CSV export
/// block, CRM export, AI chat block, blurred row). Block sizes stay: bulk 25 results,
/// batches of 100 at most, CSV 25 rows, AI chat 5 prompts.
fn dear_book() -> PriceBook {
    let mut b = default_book();
    let p = &mut b.prices;
    assert_eq!(
        (p.email, p.phone),
        (1.0, 5.0),
        "the book this file's arithmetic assumes"
    );
    for v in [
        &mut p.api_result,
        &mut p.api_request_min,
        &mut p.api_bulk_block,
        &mut p.api_company,
        &mut p.company_signal,
        &mut p.contact_signal,
        &mut p.ai_cell,
        &mut p.signal,
        &mut p.csv_export_block,
        &mut p.crm_export,
        &mut p.ai_chat_block,
        &mut p.blurred_row,
    ] {
        assert_eq!(*v, 1.0, "the book this file's arithmetic assumes");
        *v *= 3.0;
    }
    assert_eq!(
        (
            p.api_bulk_block_size,
            p.api_bulk_max_batch,
            p.csv_export_block_rows,
            p.ai_chat_block_prompts
        ),
        (25, 100, 25, 5)
    );
    p.email *= 3.0;
    p.phone *= 3.0;
    b
}

/// match 0.5, email 0.4, phone 0.2, each exact.
fn rates() -> Assumptions {
    Assumptions {
        match_rate: RateRange::exact(0.5),
        email_rate: RateRange::exact(0.4),
        phone_rate: RateRange::exact(0.2),
    }
}

fn settings(channel: Channel, email: bool, phone: bool) -> Settings {
    let mut s = Settings::defaults(&default_book());
    s.channel = channel;
    s.selection = Selection { email, phone };
    s.assumptions = rates();
    s
}

/// 13 rows: 2 unmatchable, 1 duplicate, 10 contacts with nothing known; 4 companies.
fn list() -> Tally {
    let mut t = Tally {
        rows: 13,
        unmatchable_rows: 2,
        duplicate_rows: 1,
        companies: 4,
        ..Default::default()
    };
    t.contacts[0] = 10;
    t
}

fn close(got: f64, want: f64, what: &str) {
    assert!((got - want).abs() < 1e-9, "{what}: {got} vs {want}");
}

/// Every item of `e` at its expected value, and low = high = expected (exact rates).
fn assert_items(e: &Estimate, want: &[(Item, f64)], what: &str) {
    for item in Item::ALL {
        let w = want
            .iter()
            .find(|(i, _)| *i == item)
            .map_or(0.0, |(_, v)| *v);
        let c = e.item(item);
        for (end, v) in [("expected", c.expected), ("low", c.low), ("high", c.high)] {
            close(v, w, &format!("{what}: {} {end}", item.key()));
        }
    }
    let sum: f64 = want.iter().map(|(_, v)| v).sum();
    close(e.total.expected, sum, &format!("{what}: total"));
    close(e.total.low, sum, &format!("{what}: total low"));
    close(e.total.high, sum, &format!("{what}: total high"));
}

/// csv-enrichment: data points only. email = 10 · 0.5 · 0.4 · 3 = 6; phone = 10 · 0.5 ·
/// 0.2 · 15 = 15.
#[test]
fn csv_enrichment_charges_the_data_points_of_matched_contacts() {
    let b = dear_book();
    let e = price(&list(), &settings(Channel::CsvEnrichment, true, true), &b);
    assert_eq!(e.counts.billable, 10);
    assert_items(&e, &[(Item::Email, 6.0), (Item::Phone, 15.0)], "both");
    let e = price(&list(), &settings(Channel::CsvEnrichment, true, false), &b);
    assert_items(&e, &[(Item::Email, 6.0)], "email only");
    let e = price(&list(), &settings(Channel::CsvEnrichment, false, true), &b);
    assert_items(&e, &[(Item::Phone, 15.0)], "phone only");
}

/// platform: both points whatever the selection: 6 + 15 as above.
#[test]
fn platform_charges_email_and_phone_whatever_the_selection() {
    let b = dear_book();
    for (email, phone) in [(true, true), (true, false), (false, true)] {
        let e = price(&list(), &settings(Channel::Platform, email, phone), &b);
        assert_items(
            &e,
            &[(Item::Email, 6.0), (Item::Phone, 15.0)],
            &format!("{email} {phone}"),
        );
    }
}

/// api-single with every extra: 10 requests, each (1 − 0.5) · 3 (no result: the minimum) plus
/// 0.5 · max(3, 1 · 3), that is 3, so 30; company = 4 companies · 0.5 · 3 = 6; company
/// Signals likewise 6; contact Signals = 10 · 0.5 · 3 = 15; data points 6 + 15.
#[test]
fn api_single_charges_requests_extras_and_data_points() {
    let b = dear_book();
    let mut s = settings(Channel::ApiSingle, true, true);
    s.extras = ApiExtras {
        company: true,
        company_signals: true,
        contact_signals: true,
    };
    let e = price(&list(), &s, &b);
    assert_items(
        &e,
        &[
            (Item::Email, 6.0),
            (Item::Phone, 15.0),
            (Item::RequestFees, 30.0),
            (Item::Company, 6.0),
            (Item::CompanySignals, 6.0),
            (Item::ContactSignals, 15.0),
        ],
        "api-single",
    );
    // Each extra on its own is its own item.
    s.extras = ApiExtras {
        company_signals: true,
        ..Default::default()
    };
    let e = price(&list(), &s, &b);
    assert_items(
        &e,
        &[
            (Item::Email, 6.0),
            (Item::Phone, 15.0),
            (Item::RequestFees, 30.0),
            (Item::CompanySignals, 6.0),
        ],
        "company signals alone",
    );
    // Extras elsewhere: ignored (0, with a warning).
    s.channel = Channel::CsvEnrichment;
    s.extras.company = true;
    s.extras.contact_signals = true;
    let e = price(&list(), &s, &b);
    assert_items(&e, &[(Item::Email, 6.0), (Item::Phone, 15.0)], "csv");
}

/// api-bulk: batches of b in file order, a batch of X results costs max(3, ceil(X / 25) ·
/// 3). At match 1, 230 contacts in batches of 100 are 100 + 100 + 30: 4 + 4 + 2 blocks =
/// 10 blocks, 30 credits. At match 0 every batch pays the minimum: 3 · 3 = 9.
#[test]
fn bulk_requests_are_full_batches_and_the_rest() {
    let p = dear_book().prices;
    close(
        request_fees(230, Channel::ApiBulk, 100, 1.0, &p),
        30.0,
        "230 / 100",
    );
    close(
        request_fees(230, Channel::ApiBulk, 100, 0.0, &p),
        9.0,
        "no match",
    );
    // 200 in batches of 100: no rest, no third request: 2 · 4 blocks · 3 = 24.
    close(
        request_fees(200, Channel::ApiBulk, 100, 1.0, &p),
        24.0,
        "200 / 100",
    );
    // Batches of 30: 230 = 7 · 30 + 20; each full batch 2 blocks, the rest 1: 15 blocks.
    close(
        request_fees(230, Channel::ApiBulk, 30, 1.0, &p),
        45.0,
        "230 / 30",
    );
    // api-single: one request each, 3 whatever the rate (minimum = price of one result).
    close(
        request_fees(230, Channel::ApiSingle, 100, 0.5, &p),
        690.0,
        "single",
    );
    for c in Channel::ALL.into_iter().filter(|c| !c.is_api()) {
        assert_eq!(request_fees(230, c, 100, 1.0, &p), 0.0, "{c:?}");
    }
}

/// The batch size in force: the chosen one, else the book's maximum (100).
#[test]
fn batch_size_is_the_chosen_one_or_the_books_maximum() {
    let b = dear_book();
    let mut s = settings(Channel::ApiBulk, true, true);
    assert_eq!(batch_size(&s, &b.prices), b.prices.api_bulk_max_batch);
    s.batch_size = Some(40);
    assert_eq!(batch_size(&s, &b.prices), 40);
    // Through price: 10 contacts at match 1 in batches of 4 are 4 + 4 + 2, one block each:
    // 3 requests · 3 = 9 (one batch of 10 would be 3).
    s.batch_size = Some(4);
    s.assumptions.match_rate = RateRange::exact(1.0);
    close(
        price(&list(), &s, &b).item(Item::RequestFees).expected,
        9.0,
        "b 4",
    );
    s.batch_size = None;
    close(
        price(&list(), &s, &b).item(Item::RequestFees).expected,
        3.0,
        "b 100",
    );
}

/// recommendations: match is 1. blurred rows = 10 · 3 = 30; email = 10 · 1 · 0.4 · 3 =
/// 12; phone = 10 · 1 · 0.2 · 15 = 30.
#[test]
fn recommendations_charge_blurred_rows_and_take_match_as_one() {
    let e = price(
        &list(),
        &settings(Channel::Recommendations, true, true),
        &dear_book(),
    );
    assert_items(
        &e,
        &[
            (Item::Email, 12.0),
            (Item::Phone, 30.0),
            (Item::BlurredRows, 30.0),
        ],
        "recommendations",
    );
}

/// A Workspace table of 40 rows: AI Data columns filled at 1 and 0.5, one Signals column
/// hit at 0.25, CSV exports of the whole table, 30 and 60 rows, 2 CRM pushes, 12 prompts.
fn workspace_actions() -> WorkspaceActions {
    WorkspaceActions {
        ai_data: vec![
            AiDataColumn {
                name: "ICP fit".into(),
                fill: RateRange::exact(1.0),
            },
            AiDataColumn {
                name: "Summary".into(),
                fill: RateRange::exact(0.5),
            },
        ],
        signals: vec![SignalsColumn {
            name: "Job change".into(),
            hit: RateRange::exact(0.25),
        }],
        csv_exports: vec![ExportRows::All, ExportRows::Rows(30), ExportRows::Rows(60)],
        crm_exports: 2,
        ai_chat_prompts: 12,
        lusha_columns: vec!["Job Title".into()],
        crm_columns: vec!["Owner".into()],
    }
}

/// workspace.md: ai_data = 40 · (1 + 0.5) · 3 = 180; signals = 40 · 0.25 · 3 = 30; CSV
/// exports of 40, 30 and 40 rows (60 is more than the table): 2 + 2 + 2 blocks · 3 = 18;
/// CRM 2 · 3 = 6; AI chat ceil(12 / 5) = 3 blocks · 3 = 9; Lusha and CRM columns free.
#[test]
fn workspace_items_follow_the_workspace_rules() {
    let p = dear_book().prices;
    let got = workspace_items(&workspace_actions(), 40, &p, |r| r.expected);
    for (g, w) in got.iter().zip([180.0, 30.0, 18.0, 6.0, 9.0]) {
        close(*g, w, "workspace item");
    }
    // AI chat alone: a started block is charged: 1 prompt → 3, 5 → 3, 6 → 6, 0 → 0.
    for (prompts, want) in [(0, 0.0), (1, 3.0), (5, 3.0), (6, 6.0)] {
        close(
            ai_chat_credits(prompts, &p),
            want,
            &format!("{prompts} prompts"),
        );
    }
}

/// Through price on the workspace channel, with reveals at the platform's prices for the
/// selection: email = 40 · 0.5 · 0.4 · 3 = 24, phone = 40 · 0.5 · 0.2 · 15 = 60; the
/// Workspace items as above. Elsewhere the Workspace actions cost nothing.
#[test]
fn the_workspace_channel_adds_its_actions_to_the_reveals() {
    let b = dear_book();
    let mut s = settings(Channel::Workspace, true, true);
    s.workspace = workspace_actions();
    let t = Tally::of_rows(40);
    let e = price(&t, &s, &b);
    assert_items(
        &e,
        &[
            (Item::Email, 24.0),
            (Item::Phone, 60.0),
            (Item::AiData, 180.0),
            (Item::Signals, 30.0),
            (Item::CsvExport, 18.0),
            (Item::CrmExport, 6.0),
            (Item::AiChat, 9.0),
        ],
        "workspace",
    );
    s.channel = Channel::CsvEnrichment;
    let e = price(&t, &s, &b);
    assert_items(&e, &[(Item::Email, 24.0), (Item::Phone, 60.0)], "csv");
}

/// pricing.md §3: low uses every low end, high every high end. The default book's rates
/// (match 0.55 / 0.7 / 0.85, email 0.6 / 0.75 / 0.9, phone 0.3 / 0.45 / 0.6) and prices
/// (email 1, phone 5), 10 contacts: email 3.3 / 5.25 / 7.65; phone 8.25 / 15.75 / 25.5.
#[test]
fn low_and_high_use_every_low_and_every_high_end() {
    let b = default_book();
    let s = Settings::defaults(&b);
    let e = price(&list(), &s, &b);
    let email = e.item(Item::Email);
    let phone = e.item(Item::Phone);
    close(email.low, 3.3, "email low");
    close(email.expected, 5.25, "email expected");
    close(email.high, 7.65, "email high");
    close(phone.low, 8.25, "phone low");
    close(phone.expected, 15.75, "phone expected");
    close(phone.high, 25.5, "phone high");
    close(e.total.low, 11.55, "total low");
    close(e.total.expected, 21.0, "total expected");
    close(e.total.high, 33.15, "total high");
}

/// The warning of each setting a channel ignores, exactly where it is ignored.
#[test]
fn each_ignored_setting_is_warned_on_the_channels_that_ignore_it() {
    let b = default_book();
    const EXTRAS: &str = "extras apply to the API channels only";
    const BATCH: &str = "batch size applies to api-bulk only";
    const ONLY_MISSING: &str = "\"only what the file lacks\" is ignored on platform";
    const PLATFORM: &str = "email and phone are both charged whatever the selection";
    const WORKSPACE: &str = "apply to the workspace channel only";
    type Toggle = fn(&mut Settings);
    let toggles: [(&str, Toggle); 7] = [
        ("nothing", |_| {}),
        ("extras", |s| s.extras.contact_signals = true),
        ("batch", |s| s.batch_size = Some(50)),
        ("only missing", |s| s.only_missing = true),
        ("email only", |s| s.selection.phone = false),
        ("phone only", |s| s.selection.email = false),
        ("workspace", |s| s.workspace.crm_exports = 1),
    ];
    for c in Channel::ALL {
        for (what, toggle) in toggles {
            let mut s = Settings::defaults(&b);
            s.channel = c;
            toggle(&mut s);
            let want: Vec<&str> = match what {
                "extras" if !c.is_api() => vec![EXTRAS],
                "batch" if c != Channel::ApiBulk => vec![BATCH],
                "only missing" if c == Channel::Platform => vec![ONLY_MISSING],
                "email only" | "phone only" if c == Channel::Platform => vec![PLATFORM],
                "workspace" if c != Channel::Workspace => vec![WORKSPACE],
                _ => vec![],
            };
            let w = price(&list(), &s, &b).warnings;
            assert_eq!(w.len(), want.len(), "{what} on {c:?}: {w:?}");
            for (got, want) in w.iter().zip(want) {
                assert!(got.contains(want), "{what} on {c:?}: {got}");
                if want != ONLY_MISSING && want != PLATFORM {
                    assert!(got.ends_with(c.key()), "{got}");
                }
            }
        }
    }
}
