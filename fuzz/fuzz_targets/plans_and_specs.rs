//! Any text a user might open as a plan or a Workspace spec: parsing and validation must
//! refuse it clearly or accept it, and an accepted one must price without panicking.
#![no_main]

use std::path::Path;

use enrichplan::analysis::Tally;
use enrichplan::plan::Plan;
use enrichplan::pricing;
use enrichplan::workspace::Spec;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // A tally with some of everything, so every item is priced.
    let mut tally = Tally {
        rows: 1_000,
        unmatchable_rows: 10,
        duplicate_rows: 20,
        companies: 300,
        ..Default::default()
    };
    for (i, c) in tally.contacts.iter_mut().enumerate() {
        *c = 30 + i as u64;
    }
    if let Ok(plan) = Plan::from_json(text, Path::new("fuzz.enrichplan.json")) {
        let (book, _) = plan.book();
        let e = pricing::price(&tally, &plan.settings, &book);
        assert!(e.total.low <= e.total.expected + 1e-6 && e.total.expected <= e.total.high + 1e-6);
        if let Some(b) = plan.budget {
            let _ = pricing::budget_status(&e.total, b);
        }
    }
    if let Ok((spec, book)) = Spec::parse(text, Path::new("fuzz.toml"), None) {
        for t in &spec.tables {
            let s = t.settings();
            let _ = pricing::price(&tally, &s, &book);
        }
    }
});
