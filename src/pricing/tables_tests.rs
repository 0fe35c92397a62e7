//! A Workspace spec of several tables priced (workspace.md: a data point is charged once
//! per contact, whichever table reveals it; AI chat is account-wide) and the budget status
//! (pricing.md §5) and the whole credits shown, against hand arithmetic.

use super::*;
use crate::pricebook::{RateRange, default_book};
use crate::tally::flags;

/// The default book (`assets/pricebooks/lusha-help-2026.toml`: email 1, phone 5, AI chat
/// 1 credit per 5 prompts) at three times its prices: email 3, phone 15, AI chat 3 per 5
/// prompts; no price at 1, so a price multiplied cannot pass for one divided.
fn dear_book() -> PriceBook {
    let mut b = default_book();
    let p = &mut b.prices;
    assert_eq!(
        (p.email, p.phone, p.ai_chat_block, p.ai_chat_block_prompts),
        (1.0, 5.0, 1.0, 5),
        "the book this file's arithmetic assumes"
    );
    p.email *= 3.0;
    p.phone *= 3.0;
    p.ai_chat_block *= 3.0;
    b
}

/// A Workspace table revealing `email` / `phone` at match 0.5, email 0.4, phone 0.2.
fn table(email: bool, phone: bool) -> Settings {
    let mut s = Settings::defaults(&default_book());
    s.channel = Channel::Workspace;
    s.selection = Selection { email, phone };
    s.assumptions = Assumptions {
        match_rate: RateRange::exact(0.5),
        email_rate: RateRange::exact(0.4),
        phone_rate: RateRange::exact(0.2),
    };
    s
}

fn tally(rows: u64, unmatchable: u64, duplicate: u64, contacts: &[(u8, u64)]) -> Tally {
    let mut t = Tally {
        rows,
        unmatchable_rows: unmatchable,
        duplicate_rows: duplicate,
        ..Default::default()
    };
    for &(f, n) in contacts {
        t.contacts[f as usize] += n;
    }
    assert_eq!(
        t.contact_count() + unmatchable + duplicate,
        rows,
        "a consistent tally"
    );
    t
}

fn group(flags: u8, tables: &[usize], contacts: u64) -> SharedGroup {
    SharedGroup {
        flags,
        tables: tables.to_vec(),
        contacts,
    }
}

fn close(got: f64, want: f64, what: &str) {
    assert!((got - want).abs() < 1e-9, "{what}: {got} vs {want}");
}

/// Four tables, A email only, B phone only (only what the file lacks), C both, D email
/// only, and the contacts they share (flags, tables, contacts):
/// - G1 (none, A C, 3): A did not reveal the phone, C pays it: C +3 phones.
/// - G2 (none, B C, 4): B did not reveal the email: C +4 emails.
/// - G3 (none, A B C, 5): B pays the phone A did not reveal; C has nothing left: B +5.
/// - G4 (phone revealed, A C, 6): the phone is already revealed: free in C.
/// - G5 (none, B D, 2): D pays the email B did not reveal: D +2 emails.
///
/// A: 18 rows = 1 unmatchable + 1 duplicate + 2 already revealed + 8 (G1, G3) + 6 (G4);
///    14 emails: 14 · 0.5 · 0.4 · 3 = 8.4.
/// B: 15 rows = 5 duplicates (G3) + 3 with a phone in the file (nothing needed) + 7 (G2,
///    G5 and one more); 7 phones: 7 · 0.5 · 0.2 · 15 = 10.5; with G3's 5: 12 phones, 18.
/// C: 28 rows = 18 duplicates (G1 to G4) + 10; 10 emails 6, 10 phones 15; with G2's 4
///    emails (2.4) and G1's 3 phones (4.5): 14 emails 8.4, 13 phones 19.5.
/// D: 7 rows = 2 duplicates (G5) + 5; 5 emails 3; with G5's 2 (1.2): 7 emails, 4.2.
/// AI chat, account-wide: 12 prompts, ceil(12 / 5) = 3 blocks · 3 = 9.
/// Total: emails 8.4 + 8.4 + 4.2 = 21, phones 18 + 19.5 = 37.5, AI chat 9: 67.5.
#[test]
fn a_shared_contact_pays_in_a_later_table_only_what_no_earlier_one_revealed() {
    let b = dear_book();
    let ta = tally(
        18,
        1,
        1,
        &[(flags::REV_EMAIL, 2), (0, 8), (flags::REV_PHONE, 6)],
    );
    let tb = tally(15, 0, 5, &[(flags::HAS_PHONE, 3), (0, 7)]);
    let tc = tally(28, 0, 18, &[(0, 10)]);
    let td = tally(7, 0, 2, &[(0, 5)]);
    let (sa, mut sb, sc, mut sd) = (
        table(true, false),
        table(false, true),
        table(true, true),
        table(true, false),
    );
    sb.only_missing = true;
    // The same ignored setting in two tables: one warning in the total.
    sd.batch_size = Some(50);
    sb.batch_size = Some(50);
    let shared = [
        group(0, &[0, 2], 3),
        group(0, &[1, 2], 4),
        group(0, &[0, 1, 2], 5),
        group(flags::REV_PHONE, &[0, 2], 6),
        group(0, &[1, 3], 2),
    ];
    let tables = [
        ("A", &ta, &sa),
        ("B", &tb, &sb),
        ("C", &tc, &sc),
        ("D", &td, &sd),
    ];
    let got = price_tables(&tables, &shared, 12, &b);

    // Each table: its data points (expected = low = high, exact rates), its needs.
    let want = [
        // (emails, phones, need_email, need_phone)
        (8.4, 0.0, 14, 0),
        (0.0, 18.0, 0, 12),
        (8.4, 19.5, 14, 13),
        (4.2, 0.0, 7, 0),
    ];
    for (k, (e, (email, phone, need_e, need_p))) in got.tables.iter().zip(want).enumerate() {
        let what = tables[k].0;
        for (end, v) in [
            ("expected", e.item(Item::Email).expected),
            ("low", e.item(Item::Email).low),
            ("high", e.item(Item::Email).high),
        ] {
            close(v, email, &format!("{what} email {end}"));
        }
        close(
            e.item(Item::Phone).expected,
            phone,
            &format!("{what} phone"),
        );
        close(
            e.item(Item::Phone).high,
            phone,
            &format!("{what} phone high"),
        );
        close(e.total.expected, email + phone, &format!("{what} total"));
        close(e.total.low, email + phone, &format!("{what} total low"));
        close(
            e.item(Item::AiChat).expected,
            0.0,
            &format!("{what} AI chat"),
        );
        assert_eq!(
            (e.counts.need_email, e.counts.need_phone),
            (need_e, need_p),
            "{what}"
        );
    }

    // The warnings say which table pays for what first seen elsewhere.
    let extra = |w: &&String| w.contains("first seen in an earlier table");
    let warned: Vec<Vec<&String>> = got
        .tables
        .iter()
        .map(|e| e.warnings.iter().filter(extra).collect())
        .collect();
    assert!(warned[0].is_empty(), "{:?}", warned[0]);
    assert_eq!(
        warned[1],
        [
            "table `B`: 5 contacts first seen in an earlier table that does not reveal their phones: charged here"
        ]
    );
    // C: G2's 4 contacts pay an email, G1's 3 a phone: 7 contacts (not the larger of 4
    // and 3).
    assert_eq!(
        warned[2],
        [
            "table `C`: 7 contacts first seen in an earlier table that does not reveal their emails and phones: charged here"
        ]
    );
    assert_eq!(
        warned[3],
        [
            "table `D`: 2 contacts first seen in an earlier table that does not reveal their emails: charged here"
        ]
    );

    // The total: the tables' sums and the account's AI chat.
    let t = &got.total;
    close(t.item(Item::Email).expected, 21.0, "total emails");
    close(t.item(Item::Phone).expected, 37.5, "total phones");
    close(t.item(Item::AiChat).expected, 9.0, "total AI chat");
    close(t.item(Item::AiChat).low, 9.0, "total AI chat low");
    for i in Item::ALL {
        if ![Item::Email, Item::Phone, Item::AiChat].contains(&i) {
            assert!(t.item(i).is_zero(), "{i:?}");
        }
    }
    close(t.total.expected, 67.5, "total");
    close(t.total.low, 67.5, "total low");
    close(t.total.high, 67.5, "total high");
    // Rows 18 + 15 + 28 + 7; duplicates 1 + 5 + 18 + 2; billable 14 + 7 + 10 + 5.
    assert_eq!(
        t.counts,
        StatusCounts {
            rows: 68,
            unmatchable: 1,
            duplicate: 26,
            already_revealed: 2,
            nothing_needed: 3,
            billable: 36,
            need_email: 14 + 14 + 7,
            need_phone: 12 + 13,
        }
    );
    // Each warning once: B's and D's batch size warning is one.
    let batch: Vec<_> = t
        .warnings
        .iter()
        .filter(|w| w.contains("batch size"))
        .collect();
    assert_eq!(batch.len(), 1, "{:?}", t.warnings);
    assert_eq!(t.warnings.len(), 4, "{:?}", t.warnings);
}

/// Tables sharing no contact are priced each on its own, and the total adds them up.
#[test]
fn tables_without_shared_contacts_add_up() {
    let b = dear_book();
    let t = tally(10, 0, 0, &[(0, 10)]);
    let (se, sp) = (table(true, false), table(false, true));
    let got = price_tables(&[("E", &t, &se), ("P", &t, &sp)], &[], 0, &b);
    // E: 10 · 0.5 · 0.4 · 3 = 6; P: 10 · 0.5 · 0.2 · 15 = 15.
    close(got.tables[0].total.expected, 6.0, "E");
    close(got.tables[1].total.expected, 15.0, "P");
    close(got.total.total.expected, 21.0, "total");
    assert!(got.total.warnings.is_empty(), "{:?}", got.total.warnings);
    assert!(got.tables.iter().all(|e| e.warnings.is_empty()));
}

/// pricing.md §5: "fits" when high ≤ B, "at risk" when expected ≤ B < high, "over" when
/// expected > B; each comparison allows 1e-9 credits of rounding.
#[test]
fn budget_status_compares_high_then_expected_with_rounding_slack() {
    let c = Credits {
        expected: 100.0,
        low: 80.0,
        high: 120.0,
    };
    for (remaining, want) in [
        (1000.0, BudgetStatus::Fits),
        (120.0, BudgetStatus::Fits),
        (120.0 - 1e-10, BudgetStatus::Fits),
        (119.0, BudgetStatus::AtRisk),
        (100.0, BudgetStatus::AtRisk),
        (100.0 - 1e-10, BudgetStatus::AtRisk),
        (99.0, BudgetStatus::Over),
        (0.0, BudgetStatus::Over),
    ] {
        assert_eq!(budget_status(&c, remaining), want, "{remaining}");
    }
    // Float sums: 0.1 + 0.2 credits against 0.3 remaining fit.
    assert_eq!(
        budget_status(&Credits::exact(0.1 + 0.2), 0.3),
        BudgetStatus::Fits
    );
    // Nothing to pay fits any budget, none included.
    assert_eq!(budget_status(&Credits::default(), 0.0), BudgetStatus::Fits);
}

/// cli.md: `"status": "fits|at_risk|over"`; the labels are distinct.
#[test]
fn budget_status_keys_are_the_json_ones() {
    let all = [BudgetStatus::Fits, BudgetStatus::AtRisk, BudgetStatus::Over];
    let keys: Vec<_> = all.iter().map(|s| s.key()).collect();
    assert_eq!(keys, ["fits", "at_risk", "over"]);
    for s in all {
        assert_eq!(
            serde_json::to_string(&s).unwrap(),
            format!("\"{}\"", s.key())
        );
    }
    let labels: std::collections::HashSet<_> = all.iter().map(|s| s.label()).collect();
    assert_eq!(labels.len(), all.len());
    assert!(labels.iter().all(|l| !l.is_empty()));
}

/// Whole credits shown add up to the shown total (issue 24) even when float noise puts the
/// total's floor below the items' floors: two items 1 − 7e-7 are whole credits (within
/// 1e-6 of 1), their sum 2 − 1.4e-6 is not, so low shows floor = 1 while the items floor
/// to 1 + 1. The credit too many comes off the last item in order that has one (a zero
/// item stays 0): low 1 + 0 + 0. Expected and high (round and ceil: 2) keep 1 + 1 + 0.
#[test]
fn shown_items_give_back_a_credit_the_total_does_not_have() {
    let near_one = Credits::exact(1.0 - 7e-7);
    let total = Credits::exact(2.0 * (1.0 - 7e-7));
    let (rows, t) = shown_items(&[near_one, near_one, Credits::default()], &total);
    assert_eq!(t, (2, 1, 2));
    assert_eq!(rows, vec![(1, 1, 1), (1, 0, 1), (0, 0, 0)]);
}
