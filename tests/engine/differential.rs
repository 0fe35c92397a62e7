//! The engine against an independent, row-by-row implementation of pricing.md §1–4
//! (tests/support/reference.rs: csv crate, no polars, written from the spec alone), on
//! thousands of generated hostile lists and reveal logs.

use crate::common;
use crate::{generator, reference};

use enrichplan::cycle::{Cycle, CycleLength};
use enrichplan::pricebook::RateRange;
use enrichplan::pricing::{
    AiDataColumn, ApiExtras, Assumptions, Channel, ExportRows, Item, Selection, Settings,
    SignalsColumn, WorkspaceActions,
};
use enrichplan::rows::row_status;
use generator::{Rng, gen_case};
use reference::{RefOptions, RefPrices, reference_estimate, reference_rows};

fn ref_prices(b: &enrichplan::pricebook::PriceBook) -> RefPrices {
    let p = &b.prices;
    RefPrices {
        email: p.email,
        phone: p.phone,
        api_result: p.api_result,
        api_request_min: p.api_request_min,
        api_bulk_block: p.api_bulk_block,
        api_bulk_block_size: p.api_bulk_block_size,
        api_company: p.api_company,
        company_signal: p.company_signal,
        contact_signal: p.contact_signal,
        blurred_row: p.blurred_row,
        ai_cell: p.ai_cell,
        signal: p.signal,
        csv_export_block: p.csv_export_block,
        csv_export_block_rows: p.csv_export_block_rows,
        crm_export: p.crm_export,
        ai_chat_block: p.ai_chat_block,
        ai_chat_block_prompts: p.ai_chat_block_prompts,
    }
}

/// Random Workspace actions for a table of `rows` rows: the engine's and the reference's form.
fn gen_workspace(rng: &mut Rng, rows: usize) -> WorkspaceActions {
    let ai_data = (0..rng.below(4))
        .map(|i| AiDataColumn {
            name: format!("AI {i}"),
            fill: RateRange::exact(*rng.pick(&[0.0, 0.3, 0.5, 1.0])),
        })
        .collect();
    let signals = (0..rng.below(3))
        .map(|i| SignalsColumn {
            name: format!("Signal {i}"),
            hit: RateRange::exact(*rng.pick(&[0.0, 0.1, 0.25])),
        })
        .collect();
    let table_rows = rows as u64;
    let csv_exports = (0..rng.below(4))
        .map(|_| {
            if rng.chance(0.3) {
                ExportRows::All
            } else {
                ExportRows::Rows(rng.below(table_rows + 1))
            }
        })
        .collect();
    WorkspaceActions {
        ai_data,
        signals,
        csv_exports,
        crm_exports: rng.below(4),
        ai_chat_prompts: rng.below(13),
        // Lusha Data and CRM columns are free; left empty
        ..Default::default()
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * (1.0 + a.abs().max(b.abs()))
}

// Four seeds, so the 2,000 cases spread over the test threads.
#[test]
fn engine_matches_the_reference_seed_1() {
    differential(0x5eed_2026, 500);
}

#[test]
fn engine_matches_the_reference_seed_2() {
    differential(0x0dd_ba11, 500);
}

#[test]
fn engine_matches_the_reference_seed_3() {
    differential(0xc0ff_ee00, 500);
}

#[test]
fn engine_matches_the_reference_seed_4() {
    differential(0xfeed_f00d, 500);
}

fn differential(seed: u64, cases: usize) {
    let books = enrichplan::pricebook::shipped();
    let mut rng = Rng::new(seed);
    let mut billable_seen = 0usize;
    for case_no in 0..cases {
        let case = gen_case(&mut rng, 40);
        let book = &books[rng.below(books.len() as u64) as usize];
        let channel = *rng.pick(&Channel::ALL);
        let is_workspace = matches!(channel, Channel::Workspace);
        // The data rows of the list (what the Workspace items count); the engine's own count
        // is checked against it below, before it is asked for an estimate.
        let rows = reference_rows(&case.list_csv);
        let (email, phone) = if is_workspace && rng.below(4) == 0 {
            // an empty reveal selection is a real plan on the Workspace channel
            (false, false)
        } else {
            match rng.below(3) {
                0 => (true, false),
                1 => (false, true),
                _ => (true, true),
            }
        };
        let rate = |rng: &mut Rng| *rng.pick(&[0.0, 0.25, 0.5, 0.7, 1.0]);
        let (m, er, pr) = (rate(&mut rng), rate(&mut rng), rate(&mut rng));
        let batch = *rng.pick(&[1u32, 7, 25, 26, 100]);
        let extras = ApiExtras {
            company: rng.chance(0.5),
            company_signals: rng.chance(0.3),
            contact_signals: rng.chance(0.3),
        };
        let only_missing = rng.chance(0.3);
        let workspace = if is_workspace {
            gen_workspace(&mut rng, rows)
        } else {
            WorkspaceActions::default()
        };
        let ref_fills: Vec<f64> = workspace.ai_data.iter().map(|c| c.fill.expected).collect();
        let ref_hits: Vec<f64> = workspace.signals.iter().map(|c| c.hit.expected).collect();
        let ref_exports: Vec<Option<u64>> = workspace
            .csv_exports
            .iter()
            .map(|e| match e {
                ExportRows::All => None,
                ExportRows::Rows(n) => Some(*n),
            })
            .collect();
        let (crm_exports, ai_chat_prompts) = (workspace.crm_exports, workspace.ai_chat_prompts);
        let settings = Settings {
            channel,
            selection: Selection { email, phone },
            only_missing,
            assumptions: Assumptions {
                match_rate: RateRange::exact(m),
                email_rate: RateRange::exact(er),
                phone_rate: RateRange::exact(pr),
            },
            batch_size: Some(batch),
            extras,
            workspace,
            priority: None,
        };
        let opts = RefOptions {
            channel: channel.key().to_string(),
            reveal_email: email,
            reveal_phone: phone,
            only_missing,
            match_rate: m,
            email_rate: er,
            phone_rate: pr,
            batch_size: batch as usize,
            company: extras.company,
            company_signals: extras.company_signals,
            contact_signals: extras.contact_signals,
            renewal_date: case.renewal_date,
            annual: case.annual,
            fills: ref_fills,
            hits: ref_hits,
            csv_exports: ref_exports,
            crm_exports,
            ai_chat_prompts,
        };
        let list_map: Vec<(&str, &str)> = case
            .list_mapping
            .iter()
            .map(|(r, c)| (r.as_str(), c.as_str()))
            .collect();
        let log_map: Vec<(&str, &str)> = case
            .log_mapping
            .iter()
            .map(|(r, c)| (r.as_str(), c.as_str()))
            .collect();
        let want = reference_estimate(
            &case.list_csv,
            &list_map,
            case.log_csv.as_deref().map(|l| (l, log_map.as_slice())),
            &opts,
            &ref_prices(book),
        );
        let cycle = Cycle {
            renewal: case.renewal_date,
            length: if case.annual {
                CycleLength::Annual
            } else {
                CycleLength::Monthly
            },
        };
        let run = common::analyze(
            &case.list_csv,
            &list_map,
            case.log_csv.as_deref().map(|l| (l, log_map.as_slice())),
            cycle,
        );
        assert_eq!(
            run.list.rows(),
            rows,
            "case {case_no}: row counts differ\nlist:\n{}",
            case.list_csv
        );
        let got = enrichplan::engine::estimate(&run.analysis, &settings, book, None);
        let statuses: Vec<&str> = (0..run.list.rows())
            .map(|r| row_status(&run.analysis, r, &settings).key())
            .collect();
        assert_eq!(
            statuses, want.statuses,
            "case {case_no}: statuses differ\nlist:\n{}\nlog:\n{:?}\nsettings {settings:?}",
            case.list_csv, case.log_csv
        );
        billable_seen += statuses.iter().filter(|s| **s == "billable").count();
        for item in [
            Item::Email,
            Item::Phone,
            Item::RequestFees,
            Item::Company,
            Item::CompanySignals,
            Item::ContactSignals,
            Item::BlurredRows,
            Item::AiData,
            Item::Signals,
            Item::CsvExport,
            Item::CrmExport,
            Item::AiChat,
        ] {
            let g = got.estimate.item(item).expected;
            let w = want.credits[item.key()];
            assert!(
                close(g, w),
                "case {case_no}: {} engine {g} reference {w}\nlist:\n{}\nsettings {settings:?}",
                item.key(),
                case.list_csv
            );
        }
        assert_eq!(
            want.credits.len(),
            12,
            "the loop above compares every reference item"
        );
        assert!(
            close(got.estimate.total.expected, want.total),
            "case {case_no}: total engine {} reference {}\nsettings {settings:?}",
            got.estimate.total.expected,
            want.total
        );
        // The per-row report adds up to the same total (the engine spreads the Workspace
        // items over the rows). A list without rows has no row to carry the CRM pushes and
        // AI chat of a Workspace plan, so its (empty) report sums to 0.
        let per_row: f64 = enrichplan::rows::row_credits(&run.analysis, &settings, book)
            .iter()
            .sum();
        let want_rows = if rows == 0 { 0.0 } else { want.total };
        assert!(
            close(per_row, want_rows),
            "case {case_no}: row credits {per_row} vs {want_rows}\nsettings {settings:?}"
        );
    }
    assert!(
        billable_seen > cases,
        "the generator must exercise billable rows"
    );
}
