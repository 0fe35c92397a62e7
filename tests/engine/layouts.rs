//! Role detection and row counts on the layout test set (`tests/fixtures/layouts/`): real
//! export layouts of CRMs and sales tools, and hand-made sheets, each with the roles it
//! must get, the columns that must not get a role, and its number of contacts. The table
//! (`expected.toml`) was written from the tools' layouts, not from the detector.

use std::collections::BTreeMap;
use std::path::Path;

use enrichplan::engine;
use enrichplan::input::reader::ReadOptions;
use enrichplan::input::roles::Role;
use enrichplan::progress::Progress;
use serde::Deserialize;

use crate::common;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    layout: Vec<Layout>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Layout {
    file: String,
    source: String,
    rows: usize,
    roles: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    forbidden: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    unmapped_ok: bool,
}

fn role(key: &str) -> Role {
    Role::from_key(key).unwrap_or_else(|| panic!("expected.toml names no role `{key}`"))
}

/// Every way one layout's detection differs from its expectations.
fn check(dir: &Path, l: &Layout) -> Vec<String> {
    let mut bad = Vec::new();
    let path = dir.join(&l.file);
    let list = match engine::load_list(&path, &ReadOptions::default(), &Progress::new()) {
        Ok(list) => list,
        Err(e) => return vec![format!("{}: does not load: {e}", l.file)],
    };
    if list.table.rows() != l.rows {
        bad.push(format!(
            "{}: {} rows read, {} expected",
            l.file,
            list.table.rows(),
            l.rows
        ));
    }
    let m = &list.detection.mapping;
    for r in Role::LIST {
        let got = m.columns(r);
        match l.roles.get(r.key()) {
            Some(want) if got != want.as_slice() => bad.push(format!(
                "{}: {} is {got:?}, expected {want:?}",
                l.file,
                r.key()
            )),
            None if !got.is_empty() && !l.unmapped_ok => bad.push(format!(
                "{}: {} is {got:?}, expected nothing",
                l.file,
                r.key()
            )),
            _ => {}
        }
    }
    for (key, cols) in &l.forbidden {
        let got = m.columns(role(key));
        for c in cols {
            if got.contains(c) {
                bad.push(format!("{}: `{c}` must not be {key}", l.file));
            }
        }
    }
    bad
}

/// The first set, and a second written later without sight of the first or of the
/// detector, to check the rules on layouts they were not tuned on.
const SETS: [&str; 2] = ["tests/fixtures/layouts", "tests/fixtures/layouts-2"];

#[test]
fn every_layout_maps_its_identity_columns_and_counts_its_rows() {
    for set in SETS {
        check_set(set);
    }
}

fn check_set(set: &str) {
    let dir = common::repo(set);
    let text = std::fs::read_to_string(dir.join("expected.toml")).unwrap();
    let expected: Expected = toml::from_str(&text).unwrap();
    assert!(
        expected.layout.len() >= 12,
        "the set has at least twelve layouts"
    );
    let mut bad = Vec::new();
    for l in &expected.layout {
        assert!(!l.source.is_empty());
        for key in l.roles.keys().chain(l.forbidden.keys()) {
            role(key);
        }
        bad.extend(check(&dir, l));
    }
    assert!(
        bad.is_empty(),
        "{} problems:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn every_file_in_the_set_has_expectations() {
    for set in SETS {
        let dir = common::repo(set);
        let text = std::fs::read_to_string(dir.join("expected.toml")).unwrap();
        let expected: Expected = toml::from_str(&text).unwrap();
        files_listed(&dir, &expected);
    }
}

fn files_listed(dir: &Path, expected: &Expected) {
    for e in std::fs::read_dir(dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().to_string();
        if name.ends_with(".csv") || name.ends_with(".tsv") {
            assert!(
                expected.layout.iter().any(|l| l.file == name),
                "{name} has no [[layout]] in expected.toml"
            );
        }
    }
}
