//! Helpers shared by the integration tests: run the engine on CSV text.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use enrichplan::analysis::Analysis;
use enrichplan::cycle::Cycle;
use enrichplan::engine::{self, AnalysisInput, Outcome};
use enrichplan::input::reader::{ContactTable, ReadOptions};
use enrichplan::input::roles::{Mapping, Role};
use enrichplan::pricebook::{self, PriceBook};
use enrichplan::pricing::Settings;
use enrichplan::progress::Progress;

/// `../shared`, beside the repository (CI has it too).
pub fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

pub fn book() -> PriceBook {
    pricebook::default_book()
}

pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

pub fn mapping(pairs: &[(&str, &str)]) -> Mapping {
    let mut m = Mapping::default();
    for (role, col) in pairs {
        let role = Role::from_key(role).unwrap_or_else(|| panic!("role {role}"));
        let mut cols = m.columns(role).to_vec();
        cols.push(col.to_string());
        m.set(role, cols);
    }
    m
}

pub fn load(path: &Path) -> ContactTable {
    let opts = ReadOptions {
        delimiter: Some(b','),
        encoding: None,
        sheet: None,
        date_order: None,
    };
    engine::load_list(path, &opts, &Progress::new())
        .unwrap()
        .table
}

/// Analyse a list (and optional log) given as CSV text with explicit mappings.
pub struct Run {
    pub list: ContactTable,
    pub analysis: Analysis,
    _dir: tempfile::TempDir,
}

pub fn analyze(
    list_csv: &str,
    list_map: &[(&str, &str)],
    log: Option<(&str, &[(&str, &str)])>,
    cycle: Cycle,
) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let list = load(&write(dir.path(), "list.csv", list_csv));
    let lm = mapping(list_map);
    let log_table = log.map(|(text, m)| (load(&write(dir.path(), "log.csv", text)), mapping(m)));
    let analysis = engine::analyze(
        &AnalysisInput {
            list: &list,
            mapping: &lm,
            log: log_table.as_ref().map(|(t, m)| (t, m)),
            cycle,
            today: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        },
        &Progress::new(),
    )
    .unwrap();
    Run {
        list,
        analysis,
        _dir: dir,
    }
}

pub fn estimate(run: &Run, s: &Settings) -> Outcome {
    engine::estimate(&run.analysis, s, &book(), None)
}

/// A path inside the repository.
pub fn repo(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(p)
}

/// Run the `enrichplan` binary.
pub fn run(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_enrichplan"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Run the binary, expect success, parse its stdout as JSON.
pub fn json(args: &[&str]) -> serde_json::Value {
    let out = run(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}
