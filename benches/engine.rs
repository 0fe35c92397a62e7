//! Criterion micro-benchmarks of the engine's stages (issue 12): normalisation, the
//! identifier pass and contacts, the tally, pricing, fit-to-budget. The input is the bundled
//! sample list repeated to 40,000 rows (deterministic; the big-file runs are
//! `benches/vs_duckdb.sh`). `cargo bench --bench engine`.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use enrichplan::analysis::Analysis;
use enrichplan::cycle::Cycle;
use enrichplan::engine::{self, AnalysisInput, LoadedList};
use enrichplan::input::reader::ReadOptions;
use enrichplan::progress::Progress;
use enrichplan::{budget, identity, normalize, pricebook, pricing};

const REPEATS: usize = 20;

/// The sample's rows `REPEATS` times (header once), written to a temporary file and loaded.
fn list() -> (tempfile::TempDir, LoadedList) {
    let sample = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data/contacts.csv"),
    )
    .expect("the bundled sample");
    let (header, body) = sample.split_once('\n').expect("a header line");
    let mut text = format!("{header}\n");
    for _ in 0..REPEATS {
        text.push_str(body);
        if !body.ends_with('\n') {
            text.push('\n');
        }
    }
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("list.csv");
    std::fs::write(&path, text).expect("write the list");
    let list = engine::load_list(&path, &ReadOptions::default(), &Progress::new())
        .expect("the repeated sample reads");
    (dir, list)
}

fn analyse(list: &LoadedList) -> Analysis {
    engine::analyze(
        &AnalysisInput {
            list: &list.table,
            mapping: &list.detection.mapping,
            log: None,
            cycle: Cycle::default(),
            today: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date"),
        },
        &Progress::new(),
    )
    .expect("the analysis")
}

fn benches(c: &mut Criterion) {
    let (_dir, list) = list();
    let book = pricebook::default_book();
    let settings = pricing::Settings::defaults(&book);

    let emails: Vec<String> = (0..10_000)
        .map(|i| format!("  Person.{i}@Example{}.COM ", i % 97))
        .collect();
    let links: Vec<String> = (0..10_000)
        .map(|i| format!("https://www.linkedin.com/in/Person-{i}/?trk=x"))
        .collect();
    type Normalise = fn(&str) -> Option<String>;
    for (name, values, f) in [
        (
            "normalise 10k emails",
            &emails,
            normalize::normalize_email as Normalise,
        ),
        (
            "normalise 10k LinkedIn URLs",
            &links,
            normalize::normalize_linkedin,
        ),
    ] {
        c.bench_function(name, |b| {
            b.iter(|| values.iter().filter_map(|v| f(v)).count())
        });
    }

    let mut g = c.benchmark_group("40k rows");
    g.sample_size(10);
    let (df, mapping) = (&list.table.df, &list.detection.mapping);
    g.bench_function("identifier keys, one thread", |b| {
        b.iter(|| identity::table_ids(df, mapping))
    });
    let ids = identity::table_ids(df, mapping).expect("the identifiers");
    g.bench_function("contacts (keys into the union-find)", |b| {
        b.iter_batched(
            || ids.clone(),
            |ids| {
                let mut g = identity::Grouping::with_capacity(df.height());
                g.add(ids);
                g
            },
            criterion::BatchSize::LargeInput,
        )
    });
    g.bench_function("analysis (identifiers, contacts, tally)", |b| {
        b.iter(|| analyse(&list))
    });
    let a = analyse(&list);
    g.bench_function("tally of all rows", |b| {
        b.iter(|| a.tally_of(0..a.row_contact.len() as u32))
    });
    g.finish();

    c.bench_function("price a tally", |b| {
        b.iter(|| pricing::price(black_box(&a.tally), &settings, &book))
    });
    let total = pricing::price(&a.tally, &settings, &book).total.high;
    c.bench_function("fit to budget (half the high estimate)", |b| {
        // The prefix table built each time (once per analysis in use).
        b.iter(|| {
            let t = std::sync::Arc::new(budget::FitTable::new(&a, None));
            budget::fit_to_budget(t, &settings, &book, total / 2.0)
        })
    });
    let table = std::sync::Arc::new(budget::FitTable::new(&a, None));
    c.bench_function("fit to budget again (prefix table built)", |b| {
        b.iter(|| budget::fit_to_budget(table.clone(), &settings, &book, total / 2.0))
    });
}

criterion_group!(engine_benches, benches);
criterion_main!(engine_benches);
