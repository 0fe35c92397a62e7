//! Plans (plans.md): round trip, a committed version-1 fixture, no personal data, refusals
//! of bad plan files, moved sources, compare JSON, reports.

use crate::common;

use std::path::Path;

use crate::common::{json, repo, run};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// A copy of the sample list and log in a temporary folder, so plans can sit beside them.
fn workdir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        repo("sample-data/contacts.csv"),
        dir.path().join("contacts.csv"),
    )
    .unwrap();
    std::fs::copy(
        repo("sample-data/reveal-log.csv"),
        dir.path().join("log.csv"),
    )
    .unwrap();
    dir
}

const SETTINGS: [&str; 14] = [
    "--channel",
    "api-bulk",
    "--company",
    "--reveal",
    "email",
    "--match-rate",
    "0.6",
    "--renewal-date",
    "2026-12-15",
    "--today",
    "2026-11-26",
    "--budget",
    "1500",
    "--only-missing",
];

#[test]
fn round_trip_same_numbers_same_settings() {
    let dir = workdir();
    let list = dir.path().join("contacts.csv");
    let log = dir.path().join("log.csv");
    let plan = dir.path().join("q1.enrichplan.json");
    let mut args = vec![
        "estimate",
        s(&list),
        "--revealed",
        s(&log),
        "--format",
        "json",
        "--save-plan",
        s(&plan),
    ];
    args.extend(SETTINGS);
    let first = json(&args);
    let again = json(&[
        "estimate",
        "--plan",
        s(&plan),
        "--format",
        "json",
        "--today",
        "2026-11-26",
    ]);
    for k in [
        "rows",
        "unmatchable_rows",
        "duplicate_rows",
        "already_revealed_rows",
        "nothing_needed_rows",
        "billable_contacts",
        "credits",
        "breakdown",
        "budget",
        "mapping",
        "channel",
        "assumptions",
        "reveal",
        "only_missing",
    ] {
        assert_eq!(first[k], again[k], "{k}");
    }
    // Paths beside the plan are saved relative to it, so the folder can move.
    let text = std::fs::read_to_string(&plan).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["source"]["file"]["path"], "contacts.csv");
    assert_eq!(v["format_version"], 1);
    // The list and the log are fingerprinted (hashed beside the read).
    for (key, file) in [("source", &list), ("reveal_log", &log)] {
        let f = enrichplan::plan::Fingerprint::of(file).unwrap();
        assert_eq!(v[key]["file"]["sha256"], f.sha256.as_str(), "{key}");
        assert_eq!(v[key]["file"]["size"], f.size, "{key}");
    }
    let moved = tempfile::tempdir().unwrap();
    for f in ["contacts.csv", "log.csv", "q1.enrichplan.json"] {
        std::fs::rename(dir.path().join(f), moved.path().join(f)).unwrap();
    }
    let after = json(&[
        "estimate",
        "--plan",
        s(&moved.path().join("q1.enrichplan.json")),
        "--format",
        "json",
        "--today",
        "2026-11-26",
    ]);
    assert_eq!(first["credits"], after["credits"]);
}

#[test]
fn the_committed_version_1_plan_keeps_opening() {
    let p = repo("tests/fixtures/plan-v1.enrichplan.json");
    let plan = enrichplan::plan::Plan::load(&p).unwrap();
    assert_eq!(plan.format_version, 1);
    assert_eq!(plan.name, "Q1 EMEA list, API bulk");
    assert_eq!(plan.settings.channel, enrichplan::pricing::Channel::ApiBulk);
    assert_eq!(plan.money.currency.as_deref(), Some("EUR"));
    let saved = plan.result.clone().unwrap();
    // Re-running it on the unchanged sample gives its saved result (a regression guard:
    // if the engine's rules change on purpose, re-save the fixture and say why).
    let v = json(&[
        "estimate",
        "--plan",
        s(&p),
        "--format",
        "json",
        "--today",
        "2026-11-26",
    ]);
    assert_eq!(v["rows"], saved.rows);
    assert_eq!(v["billable_contacts"], saved.billable_contacts);
    assert!((v["credits"]["expected"].as_f64().unwrap() - saved.credits.expected).abs() < 1e-6);
}

#[test]
fn saved_plans_hold_no_personal_data() {
    let dir = workdir();
    let plan = dir.path().join("p.enrichplan.json");
    let list = dir.path().join("contacts.csv");
    let log = dir.path().join("log.csv");
    json(&[
        "estimate",
        s(&list),
        "--revealed",
        s(&log),
        "--format",
        "json",
        "--save-plan",
        s(&plan),
        "--budget",
        "100",
    ]);
    let text = std::fs::read_to_string(&plan).unwrap().to_lowercase();
    // Every email, phone, name and URL cell of the list must be absent from the plan.
    let mut rdr = csv::Reader::from_path(&list).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let mut checked = 0;
    for rec in rdr.records() {
        let rec = rec.unwrap();
        for (h, v) in headers.iter().zip(rec.iter()) {
            let v = v.trim().to_lowercase();
            let personal = matches!(
                h,
                "First Name"
                    | "Last Name"
                    | "Email"
                    | "Work Email"
                    | "Phone"
                    | "Mobile"
                    | "LinkedIn URL"
            );
            // Short values ("Ann", "Lee") occur inside ordinary words; longer ones must not.
            if personal && v.chars().count() >= 6 {
                assert!(!text.contains(&v), "{h} value {v} found in the plan");
                checked += 1;
            }
        }
    }
    assert!(checked > 1000);
    assert!(!text.contains('@'), "no email address at all");
    assert!(!text.contains("linkedin.com/in/"));
}

#[test]
fn a_newer_format_is_refused_naming_both_versions() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(repo("tests/fixtures/plan-v1.enrichplan.json"))
        .unwrap()
        .replacen("\"format_version\": 1", "\"format_version\": 7", 1);
    let p = common::write(dir.path(), "new.enrichplan.json", &text);
    let out = run(&["estimate", "--plan", s(&p)]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("version 7") && err.contains("version 1"),
        "{err}"
    );
}

#[test]
fn a_truncated_plan_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(repo("tests/fixtures/plan-v1.enrichplan.json")).unwrap();
    let p = common::write(dir.path(), "cut.enrichplan.json", &text[..text.len() / 2]);
    let out = run(&["estimate", "--plan", s(&p)]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cut.enrichplan.json: line") && err.contains("truncated or corrupt"),
        "{err}"
    );
    let out = run(&[
        "compare",
        s(&p),
        s(&repo("tests/fixtures/plan-v1.enrichplan.json")),
    ]);
    assert_eq!(out.status.code(), Some(3));
}

#[test]
fn a_missing_source_is_a_clear_error_and_a_missing_price_book_falls_back() {
    let dir = workdir();
    let plan = dir.path().join("p.enrichplan.json");
    json(&[
        "estimate",
        s(&dir.path().join("contacts.csv")),
        "--format",
        "json",
        "--save-plan",
        s(&plan),
    ]);
    // An unknown price book id: the plan's own copy of the prices is used, with a warning.
    let text = std::fs::read_to_string(&plan)
        .unwrap()
        .replace("\"id\": \"lusha-help-2026\"", "\"id\": \"retired-2024\"");
    std::fs::write(&plan, &text).unwrap();
    let v = json(&["estimate", "--plan", s(&plan), "--format", "json"]);
    assert_eq!(
        v["pricebook"], "retired-2024",
        "the plan's own copy of the prices is used"
    );
    assert!(v["warnings"].to_string().contains("retired-2024"));
    std::fs::remove_file(dir.path().join("contacts.csv")).unwrap();
    let out = run(&["estimate", "--plan", s(&plan)]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("missing") && err.contains("contacts.csv") && err.contains("saved result"),
        "{err}"
    );
}

#[test]
fn a_changed_source_is_noticed() {
    let dir = workdir();
    let plan = dir.path().join("p.enrichplan.json");
    let list = dir.path().join("contacts.csv");
    json(&[
        "estimate",
        s(&list),
        "--format",
        "json",
        "--save-plan",
        s(&plan),
    ]);
    let mut text = std::fs::read_to_string(&list).unwrap();
    text.push_str("New,Person,NewCo,newco.example,,new@newco.example,,,,,,\n");
    std::fs::write(&list, text).unwrap();
    let v = json(&["estimate", "--plan", s(&plan), "--format", "json"]);
    assert_eq!(v["rows"], 2001);
    assert!(
        v["warnings"]
            .to_string()
            .contains("changed since the plan was saved")
    );
}

#[test]
fn compare_json_marks_the_cheapest() {
    let dir = workdir();
    let list = dir.path().join("contacts.csv");
    let a = dir.path().join("a.enrichplan.json");
    let b = dir.path().join("b.enrichplan.json");
    let va = json(&[
        "estimate",
        s(&list),
        "--format",
        "json",
        "--save-plan",
        s(&a),
        "--name",
        "Both points",
    ]);
    let vb = json(&[
        "estimate",
        s(&list),
        "--format",
        "json",
        "--save-plan",
        s(&b),
        "--name",
        "Email only",
        "--reveal",
        "email",
    ]);
    let c = json(&["compare", s(&a), s(&b), "--format", "json"]);
    let plans = c["plans"].as_array().unwrap();
    assert_eq!(plans.len(), 2);
    assert_eq!(plans[0]["name"], "Both points");
    assert_eq!(plans[0]["credits"], va["credits"]);
    assert_eq!(plans[1]["breakdown"], vb["breakdown"]);
    assert_eq!(plans[1]["cheapest"], true);
    assert_eq!(plans[0]["cheapest"], false);
    let out = run(&["compare", s(&a), s(&b)]);
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("Email only *"), "{table}");
}

#[test]
fn reports_in_markdown_csv_and_json() {
    let dir = workdir();
    let list = dir.path().join("contacts.csv");
    for ext in ["md", "csv", "json"] {
        let out = dir.path().join(format!("report.{ext}"));
        json(&[
            "estimate",
            s(&list),
            "--format",
            "json",
            "--budget",
            "2000",
            "--report-out",
            s(&out),
        ]);
        let text = std::fs::read_to_string(&out).unwrap();
        match ext {
            "md" => assert!(
                text.contains("| **Total** |")
                    && text.contains("Billable contacts")
                    && text.contains("lusha-help-2026"),
                "{text}"
            ),
            "csv" => assert!(text.starts_with("item,rule,low,expected,high")),
            _ => assert!(
                serde_json::from_str::<serde_json::Value>(&text).unwrap()["credits"].is_object()
            ),
        }
    }
    // The window's plain-text report is one of the shared formats too.
    let txt = dir.path().join("r.txt");
    json(&[
        "estimate",
        s(&list),
        "--format",
        "json",
        "--report-out",
        s(&txt),
    ]);
    assert!(
        std::fs::read_to_string(&txt)
            .unwrap()
            .contains("Total credits")
    );
    let out = run(&[
        "estimate",
        s(&list),
        "--report-out",
        s(&dir.path().join("r.pdf")),
    ]);
    assert_eq!(out.status.code(), Some(2));
}

/// A saved plan, damaged one field at a time as a hand edit or a broken sync would: every
/// one is refused with exit 3 naming the plan and the field, never a panic.
#[test]
fn damaged_plans_are_refused_naming_the_field() {
    let dir = workdir();
    let list = dir.path().join("contacts.csv");
    let plan = dir.path().join("good.enrichplan.json");
    json(&[
        "estimate",
        s(&list),
        "--channel",
        "api-bulk",
        "--format",
        "json",
        "--save-plan",
        s(&plan),
    ]);
    let good: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&plan).unwrap()).unwrap();
    type Edit = fn(&mut serde_json::Value);
    let cases: [(&str, Edit, &str); 10] = [
        (
            "block size 0 in a book that is not shipped",
            |v| {
                v["pricebook"]["id"] = "custom-2027".into();
                v["pricebook"]["book"]["id"] = "custom-2027".into();
                v["pricebook"]["book"]["prices"]["api_bulk_block_size"] = 0.into();
            },
            "`api_bulk_block_size` must be at least 1",
        ),
        (
            "max batch 0",
            |v| {
                v["pricebook"]["id"] = "custom-2027".into();
                v["pricebook"]["book"]["id"] = "custom-2027".into();
                v["pricebook"]["book"]["prices"]["api_bulk_max_batch"] = 0.into();
            },
            "`api_bulk_max_batch` must be at least 1",
        ),
        (
            "negative price",
            |v| v["pricebook"]["book"]["prices"]["email"] = (-1.0).into(),
            "`email` = -1",
        ),
        (
            "rate above 1",
            |v| v["settings"]["assumptions"]["match_rate"]["high"] = 1.5.into(),
            "settings: match rate: high = 1.5 is not between 0 and 1",
        ),
        (
            "expected above high",
            |v| v["settings"]["assumptions"]["email_rate"]["expected"] = 0.95.into(),
            "settings: email rate: expected 0.95 is outside its range",
        ),
        (
            "batch size 0",
            |v| v["settings"]["batch_size"] = 0.into(),
            "settings: batch size 0 is outside 1..=100",
        ),
        (
            "nothing to reveal",
            |v| {
                v["settings"]["selection"]["email"] = false.into();
                v["settings"]["selection"]["phone"] = false.into();
            },
            "settings: nothing to reveal",
        ),
        (
            "negative budget",
            |v| v["budget"] = (-5.0).into(),
            "budget: -5 is not a number of credits",
        ),
        (
            "unknown channel",
            |v| v["settings"]["channel"] = "carrier-pigeon".into(),
            "carrier-pigeon",
        ),
        (
            "fill rate above 1",
            |v| {
                v["settings"]["channel"] = "workspace".into();
                v["settings"]["workspace"]["ai_data"] = serde_json::json!([{"name": "ICP", "fill": {"low": 0.5, "expected": 2.0, "high": 2.0}}]);
            },
            "AI Data column `ICP` fill rate",
        ),
    ];
    for (what, edit, message) in cases {
        let mut v = good.clone();
        edit(&mut v);
        let bad = dir.path().join("bad.enrichplan.json");
        std::fs::write(&bad, serde_json::to_string_pretty(&v).unwrap()).unwrap();
        for args in [
            vec!["estimate", "--plan", s(&bad)],
            vec!["compare", s(&bad), s(&plan)],
        ] {
            let out = run(&args);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(3), "{what} {args:?}: {err}");
            assert!(err.contains("bad.enrichplan.json"), "{what}: {err}");
            assert!(err.contains(message), "{what}: {err}");
            assert!(!err.contains("panicked"), "{what}: {err}");
        }
    }
}

/// A plan saves a run's `Request` and loads it back unchanged (issue 27): the request a
/// saved plan gives, run and saved again, gives a plan whose request is the same — every
/// read option, role, setting, the book, cycle, budget, money, name and notes.
#[test]
fn a_plan_saves_and_loads_its_request() {
    use enrichplan::run::{self, Request};
    let dir = workdir();
    let list = dir.path().join("contacts.csv");
    let log = dir.path().join("log.csv");
    let plan = dir.path().join("q1.enrichplan.json");
    let mut args = vec![
        "estimate",
        s(&list),
        "--revealed",
        s(&log),
        "--date-order",
        "dmy",
        "--map",
        "company_name=Company",
        "--price-per-credit",
        "0.04",
        "--save-plan",
        s(&plan),
    ];
    args.extend(SETTINGS);
    let out = run(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    let loaded = enrichplan::plan::Plan::load(&plan).unwrap();
    let req: Request = Request::of_plan(&plan, &loaded, today).unwrap();
    assert_eq!(req.budget, Some(1500.0));
    assert_eq!(req.money.price_per_credit, Some(0.04));
    assert_eq!(
        req.log.as_ref().unwrap().read.date_order.map(|o| o.key()),
        Some("dmy")
    );
    // Run it and save it again under another name: the same request comes back.
    let again = dir.path().join("q1-again.enrichplan.json");
    let mut req2 = req.clone();
    req2.outputs.save_plan = Some(again.clone());
    let ran = run::execute(&req2, &enrichplan::progress::Progress::new()).unwrap();
    run::write_outputs(&req2, &ran).unwrap();
    let back = Request::of_plan(
        &again,
        &enrichplan::plan::Plan::load(&again).unwrap(),
        today,
    )
    .unwrap();
    assert!(back.same_plan(&req), "{back:#?}\n!=\n{req:#?}");
    // And a change in any part is a different plan.
    let mut other = req.clone();
    other.log.as_mut().unwrap().read.date_order = None;
    assert!(!other.same_plan(&req));
    let mut other = req.clone();
    other.notes = "x".into();
    assert!(!other.same_plan(&req));
}

/// Compare marks the cheapest among plans of the same list (issue 28): a plan of a smaller
/// list is not "cheaper" than the plans of another. Two plans of the sample (email only is
/// cheaper than email and phone) and one of its first 20 rows: the email-only plan is
/// marked, the other two are not (the small list's plan has nothing to be cheaper than).
#[test]
fn the_cheapest_is_marked_among_the_plans_of_the_same_list() {
    let dir = workdir();
    let list = dir.path().join("contacts.csv");
    let small = dir.path().join("small.csv");
    let text = std::fs::read_to_string(&list).unwrap();
    let head: Vec<&str> = text.lines().take(21).collect();
    std::fs::write(&small, head.join("\n") + "\n").unwrap();
    let save = |list: &Path, name: &str, reveal: &str| {
        let plan = dir.path().join(format!("{name}.enrichplan.json"));
        let out = run(&[
            "estimate",
            s(list),
            "--reveal",
            reveal,
            "--save-plan",
            s(&plan),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        plan
    };
    let a = save(&list, "email", "email");
    let b = save(&list, "both", "email,phone");
    let c = save(&small, "small", "email,phone");
    let v = json(&["compare", s(&a), s(&b), s(&c), "--format", "json"]);
    let cheapest: Vec<bool> = v["plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["cheapest"].as_bool().unwrap())
        .collect();
    assert_eq!(cheapest, [true, false, false], "{v}");
    let table = run(&["compare", s(&a), s(&b), s(&c)]);
    let table = String::from_utf8_lossy(&table.stdout);
    assert!(
        table.contains("cheapest expected total of the plans of the same list"),
        "{table}"
    );
    // The same list alone: the cheapest of all, as before.
    let v = json(&["compare", s(&a), s(&b), "--format", "json"]);
    assert_eq!(v["plans"][0]["cheapest"], true);
    assert_eq!(v["plans"][1]["cheapest"], false);
}
