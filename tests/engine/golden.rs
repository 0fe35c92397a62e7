//! The JSON of every sample and fixture, byte for byte, against `tests/golden/estimates.txt`:
//! a refactoring must not change a number, a warning or a key. After a deliberate change
//! to what the engine prints, `UPDATE_GOLDEN=1 cargo test --test engine golden` rewrites
//! the file; read its diff before committing it.

use std::path::Path;

use crate::common;

/// The command lines: every bundled sample and fixture list, with the flags that reach
/// each part of the engine (log and cycle, API channels and budget, Workspace, plans).
fn cases() -> Vec<Vec<String>> {
    let mut cases: Vec<Vec<&str>> = vec![
        vec!["estimate", "sample-data/contacts.csv"],
        vec![
            "estimate",
            "sample-data/contacts.csv",
            "--revealed",
            "sample-data/reveal-log.csv",
            "--renewal-date",
            "2026-12-15",
        ],
        vec![
            "estimate",
            "sample-data/contacts.csv",
            "--channel",
            "api-bulk",
            "--company",
            "--contact-signals",
            "--budget",
            "2000",
            "--only-missing",
        ],
        vec![
            "estimate",
            "sample-data/contacts.csv",
            "--channel",
            "workspace",
            "--ai-data",
            "Summary@0.8",
            "--signal",
            "Hiring@0.3",
            "--csv-export",
            "all",
        ],
        vec![
            "estimate",
            "sample-data/contacts.csv",
            "--channel",
            "recommendations",
            "--group-by",
            "Country",
        ],
        vec![
            "estimate",
            "sample-data/event-leads.csv",
            "--channel",
            "platform",
        ],
        vec!["estimate", "--spec", "sample-data/workspace-plan.toml"],
        vec![
            "estimate",
            "--plan",
            "tests/fixtures/plan-v1.enrichplan.json",
        ],
        vec!["estimate", "tests/fixtures/contacts.xlsx"],
        vec!["estimate", "tests/fixtures/scripts.csv"],
        vec![
            "compare",
            "tests/fixtures/plan-v1.enrichplan.json",
            "tests/fixtures/plan-v1.enrichplan.json",
        ],
    ];
    let mut owned: Vec<Vec<String>> = Vec::new();
    for set in [
        "tests/fixtures/layouts",
        "tests/fixtures/layouts-2",
        "tests/fixtures/layouts-3",
    ] {
        let mut files: Vec<String> = std::fs::read_dir(common::repo(set))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".csv") || n.ends_with(".tsv"))
            .collect();
        files.sort();
        for f in files {
            owned.push(vec!["estimate".into(), format!("{set}/{f}")]);
        }
    }
    for c in cases.drain(..) {
        owned.push(c.into_iter().map(String::from).collect());
    }
    for c in &mut owned {
        c.extend(["--format", "json"].map(String::from));
        if c[0] == "estimate" {
            c.extend(["--today", "2026-11-26"].map(String::from));
        }
    }
    owned
}

fn run_in_repo(args: &[String]) -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_enrichplan"))
        .args(args)
        .current_dir(common::repo(""))
        .output()
        .unwrap();
    format!(
        "exit {}\n{}{}",
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

#[test]
fn the_json_of_every_sample_and_fixture_is_unchanged() {
    let mut text = String::new();
    for args in cases() {
        text.push_str(&format!("### {}\n", args.join(" ")));
        text.push_str(&run_in_repo(&args));
        if !text.ends_with('\n') {
            text.push('\n');
        }
    }
    let golden = common::repo("tests/golden/estimates.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
        std::fs::write(&golden, &text).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&golden).unwrap_or_default();
    if want != text {
        let first = want
            .lines()
            .zip(text.lines())
            .enumerate()
            .find(|(_, (a, b))| a != b)
            .map(|(i, (a, b))| format!("line {}:\n  golden: {a}\n  now:    {b}", i + 1))
            .unwrap_or_else(|| "one is longer".into());
        panic!(
            "the JSON differs from {} ({first}); UPDATE_GOLDEN=1 rewrites it after a deliberate change",
            Path::new("tests/golden/estimates.txt").display()
        );
    }
}
