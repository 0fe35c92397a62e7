//! Inputs the fuzzer (fuzz/, `read_and_detect`) found crashing; each must now give a clear
//! error or a table, never a panic.

use std::path::PathBuf;

use enrichplan::input::reader::{ReadOptions, read_table};
use enrichplan::progress::Progress;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(name)
}

#[test]
fn corrupt_ole_workbook_is_an_error_not_a_panic() {
    // A .xls-like OLE header whose sector table panics inside the workbook parser.
    let p = fixture("calamine-cfb-panic.bin");
    let err = read_table(&p, &ReadOptions::default(), &Progress::new()).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("calamine-cfb-panic.bin"), "{msg}");
    assert!(msg.contains("workbook"), "{msg}");
}

/// Every leaf of a saved plan (a list plan on api-bulk with a budget, and a Workspace
/// list plan) replaced, one or three at a time, by a hostile value: the plan is refused
/// with an error naming the file, or it loads and prices (estimate, budget status, fit to
/// budget) without a panic. The structure-aware twin of the `plans_and_specs` fuzz target,
/// run in CI.
#[test]
fn hostile_plan_fields_are_refused_or_priced_never_a_panic() {
    use crate::generator::Rng;
    use enrichplan::plan::Plan;
    use serde_json::Value;

    let dir = tempfile::tempdir().unwrap();
    let list = crate::common::repo("sample-data/contacts.csv");
    let list = list.to_str().unwrap();
    let mut plans = Vec::new();
    for (name, extra) in [
        (
            "bulk",
            &["--channel", "api-bulk", "--company", "--budget", "900"][..],
        ),
        (
            "ws",
            &[
                "--channel",
                "workspace",
                "--ai-data",
                "ICP@0.8",
                "--csv-export",
                "all",
                "--budget",
                "50",
            ][..],
        ),
    ] {
        let p = dir.path().join(format!("{name}.enrichplan.json"));
        let mut args = vec![
            "estimate",
            list,
            "--save-plan",
            p.to_str().unwrap(),
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        crate::common::json(&args);
        let v: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
        plans.push(v);
    }
    fn leaves(v: &Value, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        match v {
            Value::Object(m) => {
                for (k, c) in m {
                    path.push(k.clone());
                    leaves(c, path, out);
                    path.pop();
                }
            }
            Value::Array(a) => {
                for (i, c) in a.iter().enumerate() {
                    path.push(i.to_string());
                    leaves(c, path, out);
                    path.pop();
                }
                out.push(path.clone());
            }
            _ => out.push(path.clone()),
        }
    }
    /// The value at `path`, if an earlier change left it there.
    fn at<'a>(v: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
        path.iter().try_fold(v, |v, k| match v {
            Value::Array(a) => a.get_mut(k.parse::<usize>().ok()?),
            Value::Object(m) => m.get_mut(k),
            _ => None,
        })
    }
    let hostile = [
        serde_json::json!(0),
        serde_json::json!(-1),
        serde_json::json!(1.5),
        serde_json::json!(-1e308),
        serde_json::json!(1e308),
        serde_json::json!(4294967296u64),
        serde_json::json!(""),
        serde_json::json!("x"),
        serde_json::json!(null),
        serde_json::json!(true),
        serde_json::json!([]),
        serde_json::json!({}),
        serde_json::json!(0.0000001),
    ];
    let path = std::path::Path::new("hostile.enrichplan.json");
    let book = enrichplan::pricebook::default_book();
    let mut rng = Rng::new(7);
    let (mut refused, mut priced) = (0, 0);
    for good in &plans {
        let mut paths = Vec::new();
        leaves(good, &mut Vec::new(), &mut paths);
        for _ in 0..1500 {
            let mut v = good.clone();
            for _ in 0..=(rng.below(2) * 2) {
                let p = &paths[rng.below(paths.len() as u64) as usize];
                if let Some(slot) = at(&mut v, p) {
                    *slot = hostile[rng.below(hostile.len() as u64) as usize].clone();
                }
            }
            match Plan::from_json(&v.to_string(), path) {
                Err(e) => {
                    assert!(e.to_string().contains("hostile.enrichplan.json"), "{e}");
                    refused += 1;
                }
                Ok(plan) => {
                    let (b, _) = plan.book();
                    let mut tally = enrichplan::analysis::Tally {
                        rows: 500,
                        companies: 40,
                        ..Default::default()
                    };
                    tally.contacts.iter_mut().for_each(|c| *c = 25);
                    let e = enrichplan::pricing::price(&tally, &plan.settings, &b);
                    assert!(e.total.low <= e.total.high + 1e-6, "{v}");
                    let _ =
                        enrichplan::pricing::budget_status(&e.total, plan.budget.unwrap_or(0.0));
                    let _ = &book;
                    priced += 1;
                }
            }
        }
    }
    assert!(
        refused > 100 && priced > 100,
        "both kinds occur: {refused} refused, {priced} priced"
    );
}
