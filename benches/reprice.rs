//! Re-pricing a big list after a settings change (issue 12: under 1 ms, fit-to-budget
//! included). Reads and analyses a list once, builds fit-to-budget's table once (timed, as
//! the window does on its worker after the analysis), then for every channel, selection,
//! "only what the file lacks" and budget it times the first estimate after the change, as
//! the window computes it on every change (`engine::estimate_with`).
//!
//! `REPRICE_LIST=/tmp/enrichplan-bench-1000000.csv cargo bench --bench reprice`
//! (without `REPRICE_LIST`, the bundled sample).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use enrichplan::cycle::Cycle;
use enrichplan::engine;
use enrichplan::input::reader::ReadOptions;
use enrichplan::pricing::{Channel, Selection, Settings};
use enrichplan::progress::Progress;
use enrichplan::{pricebook, pricing};

fn main() {
    let path = std::env::var_os("REPRICE_LIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data/contacts.csv")
        });
    // The CLI's one pass: read and analysed without holding the list.
    let a = engine::OnePass {
        path: &path,
        opts: &ReadOptions::default(),
        mapping_of: &|l| Ok(l.detection.mapping.clone()),
        log_of: &|| Ok(None),
        cycle: Cycle::default(),
        today: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date"),
        cells: &[],
    }
    .analyze(&Progress::new())
    .expect("the list reads and analyses")
    .analysis;
    println!(
        "{}: {} rows, {} contacts, {} companies",
        path.display(),
        a.row_contact.len(),
        a.contact_flags.len(),
        a.tally.companies
    );
    let t = Instant::now();
    let fits = enrichplan::budget::FitMemo::default();
    fits.get(&a, None);
    println!(
        "fit table built once per analysis: {:.1} ms",
        ms(t.elapsed())
    );

    let book = pricebook::default_book();
    let mut times = Vec::new();
    for channel in Channel::ALL {
        for (email, phone) in [(true, true), (true, false), (false, true)] {
            for only_missing in [false, true] {
                for share in [None, Some(0.1), Some(0.5), Some(0.9), Some(2.0)] {
                    let mut s = Settings::defaults(&book);
                    s.channel = channel;
                    s.selection = Selection { email, phone };
                    s.only_missing = only_missing;
                    let high = pricing::price(&a.tally, &s, &book).total.high;
                    let budget = share.map(|x| x * high);
                    let t = Instant::now();
                    let o = engine::estimate_with(&a, &fits, &s, &book, budget, None);
                    times.push(t.elapsed());
                    std::hint::black_box(o);
                }
            }
        }
    }
    times.sort();
    let pct = |q: f64| ms(times[((times.len() - 1) as f64 * q) as usize]);
    println!(
        "re-price after a settings change ({} changes, fit-to-budget in {} of them): median {:.3} ms, 90th percentile {:.3} ms, max {:.3} ms",
        times.len(),
        times.len() * 4 / 5,
        pct(0.5),
        pct(0.9),
        pct(1.0)
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
