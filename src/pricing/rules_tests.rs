//! The settings, their validation and the small types of pricing pinned rule by rule
//! (pricing.md §1, §3, §4; workspace.md; cli.md's breakdown keys). Prices are read from the
//! default price book (`assets/pricebooks/lusha-help-2026.toml`), never written here.

use super::*;
use crate::pricebook::{RateRange, default_book};
use crate::tally::flags;

fn book() -> PriceBook {
    default_book()
}

/// A Workspace AI Data column that fills every row (workspace.md: an omitted fill rate is 1).
fn ai_column(name: &str) -> AiDataColumn {
    AiDataColumn {
        name: name.into(),
        fill: RateRange::exact(1.0),
    }
}

fn signals_column(name: &str, hit: f64) -> SignalsColumn {
    SignalsColumn {
        name: name.into(),
        hit: RateRange::exact(hit),
    }
}

/// Each paid Workspace action of workspace.md, alone, named.
fn each_paid_action_alone() -> Vec<(&'static str, WorkspaceActions)> {
    vec![
        (
            "AI Data column",
            WorkspaceActions {
                ai_data: vec![ai_column("ICP fit")],
                ..Default::default()
            },
        ),
        (
            "Signals column",
            WorkspaceActions {
                signals: vec![signals_column("Job change", 0.1)],
                ..Default::default()
            },
        ),
        (
            "CSV export",
            WorkspaceActions {
                csv_exports: vec![ExportRows::Rows(10)],
                ..Default::default()
            },
        ),
        (
            "one CRM push",
            WorkspaceActions {
                crm_exports: 1,
                ..Default::default()
            },
        ),
        (
            "one AI chat prompt",
            WorkspaceActions {
                ai_chat_prompts: 1,
                ..Default::default()
            },
        ),
    ]
}

fn free_columns_only() -> Vec<(&'static str, WorkspaceActions)> {
    vec![
        (
            "a Lusha Data column",
            WorkspaceActions {
                lusha_columns: vec!["Job Title".into()],
                ..Default::default()
            },
        ),
        (
            "a CRM column",
            WorkspaceActions {
                crm_columns: vec!["Owner".into()],
                ..Default::default()
            },
        ),
    ]
}

/// Every channel's one-line rule is its own (the window shows the one of the chosen channel).
#[test]
fn each_channel_has_its_own_rule_line() {
    let rules: std::collections::HashSet<_> = Channel::ALL.iter().map(|c| c.rule()).collect();
    assert_eq!(rules.len(), Channel::ALL.len());
    // The platform's line says why both points are charged (pricing.md §4, `platform`).
    assert!(Channel::Platform.rule().contains("email and phone"));
}

/// pricing.md §4: the API channels are `api-single` and `api-bulk`, and only they.
#[test]
fn only_api_single_and_api_bulk_are_api_channels() {
    for c in Channel::ALL {
        let want = c.key() == "api-single" || c.key() == "api-bulk";
        assert_eq!(c.is_api(), want, "{c:?}");
    }
}

/// pricing.md §3: each of the three rates must lie within its own range; the message names it.
#[test]
fn assumptions_are_refused_when_any_rate_leaves_its_range() {
    assert_eq!(Assumptions::exact(0.5).validate(), Ok(()));
    assert_eq!(Assumptions::from_book(&book()).validate(), Ok(()));
    let outside = RateRange {
        low: 0.2,
        expected: 0.9,
        high: 0.5,
    };
    for (name, set) in [
        (
            "match rate",
            (|a: &mut Assumptions, r| a.match_rate = r) as fn(&mut _, _),
        ),
        ("email rate", |a, r| a.email_rate = r),
        ("phone rate", |a, r| a.phone_rate = r),
    ] {
        let mut a = Assumptions::exact(0.5);
        set(&mut a, outside);
        let err = a.validate().expect_err(name);
        assert!(err.0.contains(name), "{name}: {}", err.0);
    }
}

/// workspace.md: `csv_exports = ["all"]` is the whole table; a count is at most the table.
#[test]
fn an_export_is_the_whole_table_or_its_own_rows_up_to_the_table() {
    assert_eq!(ExportRows::All.of(40), 40);
    assert_eq!(ExportRows::Rows(30).of(40), 30);
    assert_eq!(ExportRows::Rows(50).of(40), 40);
    assert_eq!(ExportRows::Rows(0).of(40), 0);
    assert_eq!(ExportRows::All.of(0), 0);
}

/// pricing.md §4 (`workspace`): AI Data, Signals, CSV and CRM exports and AI chat cost
/// credits; Lusha Data and CRM columns are free, so they alone are not a paid action.
#[test]
fn has_paid_is_true_for_each_paid_action_alone() {
    for (what, w) in each_paid_action_alone() {
        assert!(w.has_paid(), "{what}");
        assert!(!w.is_empty(), "{what}");
    }
    assert!(!WorkspaceActions::default().has_paid());
    for (what, w) in free_columns_only() {
        assert!(!w.has_paid(), "{what}");
    }
}

/// Empty: no paid action and no free column either (a plan with a free column shows it).
#[test]
fn is_empty_only_without_any_action_or_column() {
    assert!(WorkspaceActions::default().is_empty());
    for (what, w) in free_columns_only() {
        assert!(!w.is_empty(), "{what}");
    }
    let both = WorkspaceActions {
        lusha_columns: vec!["Job Title".into()],
        crm_columns: vec!["Owner".into()],
        ..Default::default()
    };
    assert!(!both.is_empty());
}

/// workspace.md: every AI Data fill rate and Signals hit rate is a rate (§3); the message
/// names the column.
#[test]
fn workspace_rates_are_validated_and_name_their_column() {
    let ok = WorkspaceActions {
        ai_data: vec![ai_column("ICP fit")],
        signals: vec![signals_column("Job change", 0.1)],
        ..Default::default()
    };
    assert_eq!(ok.validate(), Ok(()));
    let mut bad_fill = ok.clone();
    bad_fill.ai_data.push(AiDataColumn {
        name: "Summary".into(),
        fill: RateRange::exact(1.5),
    });
    let err = bad_fill.validate().expect_err("fill 1.5");
    assert!(err.0.contains("`Summary`"), "{}", err.0);
    let mut bad_hit = ok.clone();
    bad_hit.signals.push(signals_column("Funding", -0.1));
    let err = bad_hit.validate().expect_err("hit -0.1");
    assert!(err.0.contains("`Funding`"), "{}", err.0);
}

/// Settings::validate refuses bad rates, wherever they are, naming them.
#[test]
fn settings_refuse_a_rate_outside_its_range() {
    let b = book();
    assert_eq!(Settings::defaults(&b).validate(&b), Ok(()));
    let mut s = Settings::defaults(&b);
    s.assumptions.phone_rate = RateRange::exact(1.2);
    assert!(s.validate(&b).expect_err("phone").0.contains("phone rate"));
    let mut s = Settings::defaults(&b);
    s.channel = Channel::Workspace;
    s.workspace.ai_data.push(AiDataColumn {
        name: "Summary".into(),
        fill: RateRange::exact(-0.5),
    });
    assert!(s.validate(&b).expect_err("fill").0.contains("`Summary`"));
}

/// pricing.md §4 (`api-bulk`): b in 1..=100, the book's maximum batch.
#[test]
fn settings_take_a_batch_size_from_one_to_the_books_maximum() {
    let b = book();
    let max = b.prices.api_bulk_max_batch; // 100 in the book: "Bulk API request (up to 100 …)"
    for (size, ok) in [(1, true), (max, true), (0, false), (max + 1, false)] {
        let mut s = Settings::defaults(&b);
        s.channel = Channel::ApiBulk;
        s.batch_size = Some(size);
        assert_eq!(s.validate(&b).is_ok(), ok, "batch {size}");
        if !ok {
            assert!(s.validate(&b).unwrap_err().0.contains("batch size"));
        }
    }
}

/// Something must be revealed: email, phone, or both; revealing nothing is for the
/// Workspace channel with a paid Workspace action (an AI-Data-only table, workspace.md).
#[test]
fn settings_need_something_to_reveal_or_a_paid_workspace_action() {
    let b = book();
    let with = |channel, email, phone, workspace: WorkspaceActions| {
        let mut s = Settings::defaults(&b);
        s.channel = channel;
        s.selection = Selection { email, phone };
        s.workspace = workspace;
        s.validate(&b)
    };
    let none = WorkspaceActions::default;
    for channel in Channel::ALL {
        assert_eq!(
            with(channel, true, true, none()),
            Ok(()),
            "{channel:?} both"
        );
        assert_eq!(
            with(channel, true, false, none()),
            Ok(()),
            "{channel:?} email"
        );
        assert_eq!(
            with(channel, false, true, none()),
            Ok(()),
            "{channel:?} phone"
        );
        let err = with(channel, false, false, none()).expect_err("nothing");
        assert!(err.0.contains("nothing to reveal"), "{}", err.0);
    }
    for (what, w) in each_paid_action_alone() {
        assert_eq!(
            with(Channel::Workspace, false, false, w.clone()),
            Ok(()),
            "{what}"
        );
        // Elsewhere the Workspace actions are ignored (with a warning): nothing is left.
        for channel in Channel::ALL
            .into_iter()
            .filter(|c| *c != Channel::Workspace)
        {
            assert!(
                with(channel, false, false, w.clone()).is_err(),
                "{what} on {channel:?}"
            );
        }
    }
    for (what, w) in free_columns_only() {
        assert!(with(Channel::Workspace, false, false, w).is_err(), "{what}");
    }
}

/// Counts up to MAX_COUNT are plausible, one more is not; the message names the count.
#[test]
fn settings_refuse_counts_beyond_the_largest_plausible_one() {
    let b = book();
    type Set = fn(&mut WorkspaceActions, u64);
    let fields: [(&str, Set); 3] = [
        ("CRM exports", |w, n| w.crm_exports = n),
        ("AI chat prompts", |w, n| w.ai_chat_prompts = n),
        ("CSV export rows", |w, n| {
            w.csv_exports = vec![ExportRows::All, ExportRows::Rows(n)]
        }),
    ];
    for (what, set) in fields {
        for (n, ok) in [(1, true), (MAX_COUNT, true), (MAX_COUNT + 1, false)] {
            let mut s = Settings::defaults(&b);
            s.channel = Channel::Workspace;
            set(&mut s.workspace, n);
            let got = s.validate(&b);
            assert_eq!(got.is_ok(), ok, "{what} = {n}");
            if let Err(e) = got {
                assert!(e.0.contains(what), "{}", e.0);
            }
        }
    }
}

fn settings(channel: Channel, email: bool, phone: bool, only_missing: bool) -> Settings {
    let mut s = Settings::defaults(&book());
    s.channel = channel;
    s.selection = Selection { email, phone };
    s.only_missing = only_missing;
    s
}

/// pricing.md §4: need_p = 1 when phone is requested and not yet revealed; asking for the
/// phone alone never asks for the email.
#[test]
fn a_phone_only_selection_needs_the_phone_alone() {
    let s = settings(Channel::CsvEnrichment, false, true, false);
    let phone_only = ContactNeed::Billable {
        email: false,
        phone: true,
    };
    assert_eq!(contact_need(0, &s), phone_only);
    assert_eq!(contact_need(flags::REV_EMAIL, &s), phone_only);
    assert_eq!(
        contact_need(flags::REV_PHONE, &s),
        ContactNeed::AlreadyRevealed
    );
    let s = settings(Channel::CsvEnrichment, true, false, false);
    assert_eq!(
        contact_need(flags::REV_PHONE, &s),
        ContactNeed::Billable {
            email: true,
            phone: false
        }
    );
}

/// pricing.md §4, "only what the file lacks": need_e = 0 where a row has an email, need_p
/// = 0 where a row has a phone; nothing left is `nothing_needed`.
#[test]
fn only_what_the_file_lacks_drops_each_point_the_file_has() {
    let s = settings(Channel::CsvEnrichment, true, true, true);
    let need = |email, phone| ContactNeed::Billable { email, phone };
    assert_eq!(contact_need(0, &s), need(true, true));
    assert_eq!(contact_need(flags::HAS_EMAIL, &s), need(false, true));
    assert_eq!(contact_need(flags::HAS_PHONE, &s), need(true, false));
    assert_eq!(
        contact_need(flags::HAS_EMAIL | flags::HAS_PHONE, &s),
        ContactNeed::NothingNeeded
    );
    // A revealed phone and an email in the file: nothing left.
    assert_eq!(
        contact_need(flags::HAS_EMAIL | flags::REV_PHONE, &s),
        ContactNeed::NothingNeeded
    );
}

/// pricing.md §1: the five statuses, from the tally's rows, unmatchable and duplicate rows
/// and its contacts by flags, add up to the rows.
#[test]
fn status_counts_take_each_status_from_the_tally() {
    // Email and phone requested, only what the file lacks:
    // 3 contacts revealed in full        -> already_revealed 3
    // 4 contacts with both in the file   -> nothing_needed 4
    // 5 contacts with nothing            -> billable, need email and phone
    // 6 contacts with an email in file   -> billable, need phone
    // rows = 2 unmatchable + 1 duplicate + 3 + 4 + 5 + 6 = 21.
    let mut t = Tally {
        rows: 21,
        unmatchable_rows: 2,
        duplicate_rows: 1,
        ..Default::default()
    };
    t.contacts[(flags::REV_EMAIL | flags::REV_PHONE) as usize] = 3;
    t.contacts[(flags::HAS_EMAIL | flags::HAS_PHONE) as usize] = 4;
    t.contacts[0] = 5;
    t.contacts[flags::HAS_EMAIL as usize] = 6;
    let c = status_counts(&t, &settings(Channel::CsvEnrichment, true, true, true));
    assert_eq!(
        c,
        StatusCounts {
            rows: 21,
            unmatchable: 2,
            duplicate: 1,
            already_revealed: 3,
            nothing_needed: 4,
            billable: 5 + 6,
            need_email: 5,
            need_phone: 5 + 6,
        }
    );
    assert_eq!(
        c.unmatchable + c.duplicate + c.already_revealed + c.nothing_needed + c.billable,
        c.rows
    );
}

/// cli.md's `breakdown` keys, in its order.
const BREAKDOWN_KEYS: [&str; 12] = [
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

/// Item keys are cli.md's breakdown keys (and the items' JSON names); labels and rules are
/// one per item.
#[test]
fn item_keys_are_the_json_breakdown_keys_and_labels_are_distinct() {
    let keys: Vec<&str> = Item::ALL.iter().map(|i| i.key()).collect();
    assert_eq!(keys, BREAKDOWN_KEYS);
    for i in Item::ALL {
        assert_eq!(
            serde_json::to_string(&i).unwrap(),
            format!("\"{}\"", i.key())
        );
    }
    let p = book().prices;
    let labels: std::collections::HashSet<_> = Item::ALL.iter().map(|i| i.label()).collect();
    let rules: std::collections::HashSet<_> = Item::ALL.iter().map(|i| i.rule(&p)).collect();
    assert_eq!(labels.len(), Item::ALL.len());
    assert_eq!(rules.len(), Item::ALL.len());
    assert!(labels.iter().all(|l| !l.is_empty()));
}

/// Each item's rule quotes the book's price: "1 credit" for one, "N credits" otherwise.
#[test]
fn item_rules_quote_the_books_prices_in_words() {
    let mut p = book().prices;
    // The default book: email = 1, phone = 5 (help article: "Reveal email address | 1
    // credit", "Reveal phone number | 5 credits").
    assert_eq!((p.email, p.phone), (1.0, 5.0));
    assert_eq!(Item::Email.rule(&p), "1 credit per email revealed");
    assert_eq!(Item::Phone.rule(&p), "5 credits per phone revealed");
    p.email = 0.5;
    assert_eq!(Item::Email.rule(&p), "0.5 credits per email revealed");
    // The block rules name the block's size from the book (25 rows, 5 prompts).
    let p = book().prices;
    assert!(
        Item::CsvExport
            .rule(&p)
            .contains(&format!("per {} rows", p.csv_export_block_rows))
    );
    assert!(
        Item::AiChat
            .rule(&p)
            .contains(&format!("per {} prompts", p.ai_chat_block_prompts))
    );
}

#[test]
fn credits_exact_is_the_same_value_at_every_end() {
    assert_eq!(
        Credits::exact(2.5),
        Credits {
            expected: 2.5,
            low: 2.5,
            high: 2.5
        }
    );
}

/// Totals are sums of the items at each end (pricing.md §4, "Totals").
#[test]
fn credits_add_at_each_end() {
    let mut a = Credits {
        expected: 2.0,
        low: 1.0,
        high: 3.0,
    };
    a.add(Credits {
        expected: 20.0,
        low: 10.0,
        high: 30.0,
    });
    assert_eq!(
        a,
        Credits {
            expected: 22.0,
            low: 11.0,
            high: 33.0
        }
    );
}

#[test]
fn credits_are_zero_only_when_every_end_is() {
    assert!(Credits::default().is_zero());
    for (expected, low, high) in [(1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.0, 0.0, 1.0)] {
        let c = Credits {
            expected,
            low,
            high,
        };
        assert!(!c.is_zero(), "{c:?}");
    }
}

#[test]
fn estimate_item_finds_its_own_item_and_zero_for_one_absent() {
    let e = Estimate {
        counts: StatusCounts::default(),
        items: vec![
            (Item::Email, Credits::exact(3.0)),
            (Item::Phone, Credits::exact(7.0)),
        ],
        total: Credits::exact(10.0),
        warnings: vec![],
    };
    assert_eq!(e.item(Item::Email), Credits::exact(3.0));
    assert_eq!(e.item(Item::Phone), Credits::exact(7.0));
    assert_eq!(e.item(Item::AiChat), Credits::default());
}

/// pricing.md §4 (`recommendations`): match is taken as 1; every other channel uses the
/// match rate at the scenario's end; email and phone rates always at that end.
#[test]
fn rates_take_match_as_one_on_recommendations_only() {
    let a = Assumptions {
        match_rate: RateRange {
            low: 0.5,
            expected: 0.6,
            high: 0.7,
        },
        email_rate: RateRange {
            low: 0.1,
            expected: 0.2,
            high: 0.3,
        },
        phone_rate: RateRange {
            low: 0.01,
            expected: 0.02,
            high: 0.03,
        },
    };
    type Pick = fn(&RateRange) -> f64;
    let ends: [Pick; 3] = [|r| r.low, |r| r.expected, |r| r.high];
    for c in Channel::ALL {
        for pick in ends {
            let r = Rates::of(&a, c, pick);
            let matched = if c == Channel::Recommendations {
                1.0
            } else {
                pick(&a.match_rate)
            };
            assert_eq!(r.matched, matched, "{c:?}");
            assert_eq!(
                (r.email, r.phone),
                (pick(&a.email_rate), pick(&a.phone_rate))
            );
        }
    }
}

/// A book whose bulk block costs 2 credits: a request of 26 contacts, all found, is two
/// blocks of 25 (ceil(26 / 25) = 2), 2 · 2 = 4 credits, above the minimum of 1.
#[test]
fn bulk_blocks_are_charged_at_the_block_price() {
    assert_eq!(expected_request_fee(26, 1.0, 1.0, 2.0, 25), 4.0);
    // None found: the minimum.
    assert_eq!(expected_request_fee(26, 0.0, 1.0, 2.0, 25), 1.0);
    // No contact, no request.
    assert_eq!(expected_request_fee(0, 0.5, 1.0, 2.0, 25), 0.0);
}

/// With blocks of one result at 1 credit and no minimum (the alternative book's free miss),
/// a request's fee is its number of results: E[X] = n · p for X ~ Binomial(n, p), to full
/// precision at every rate, tiny ones included (the sum's terms are taken in log space
/// with ln p and ln(1 − p) each exact on its side of 1/2).
#[test]
fn a_request_without_minimum_costs_its_expected_results() {
    for n in [1u32, 2, 7, 26, 100] {
        for p in [
            1e-12, 3e-10, 7.7e-9, 0.05, 0.3, 0.45, 0.5, 0.55, 0.7, 0.99, 0.999999,
        ] {
            let want = n as f64 * p;
            let got = expected_request_fee(n, p, 0.0, 1.0, 1);
            assert!(
                ((got - want) / want).abs() < 1e-10,
                "n {n} p {p}: {got} vs {want}"
            );
        }
    }
}
