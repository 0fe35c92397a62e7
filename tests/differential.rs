//! The engine against an independent, row-by-row implementation of pricing.md §1–4
//! (tests/support/reference.rs: csv crate, no polars, written from the spec alone), on
//! thousands of generated hostile lists and reveal logs.

mod common;
#[path = "support/gen.rs"]
mod generator;
#[path = "support/reference.rs"]
mod reference;

use enrichplan::cycle::{Cycle, CycleLength};
use enrichplan::pricebook::RateRange;
use enrichplan::pricing::{ApiExtras, Assumptions, Channel, Item, Selection, Settings};
use enrichplan::rows::row_status;
use generator::{Rng, gen_case};
use reference::{RefOptions, RefPrices, reference_estimate};

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
        let (email, phone) = match rng.below(3) {
            0 => (true, false),
            1 => (false, true),
            _ => (true, true),
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
            workspace: Default::default(),
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
        assert!(
            close(got.estimate.total.expected, want.total),
            "case {case_no}: total"
        );
        // The per-row report adds up to the same total.
        let per_row: f64 = enrichplan::rows::row_credits(&run.analysis, &settings, book)
            .iter()
            .sum();
        assert!(
            close(per_row, want.total),
            "case {case_no}: row credits {per_row} vs {}",
            want.total
        );
    }
    assert!(
        billable_seen > cases,
        "the generator must exercise billable rows"
    );
}
