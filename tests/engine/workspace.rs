//! Workspace specs end to end: the bundled sample spec, the spec file round trip, a list on
//! the Workspace channel equal to its one-table spec, plans made from specs, refusals.
//! (Hand-computed specs written from the spec alone are in `workspace_hand.rs`.)

use crate::common;

use std::path::Path;

use crate::common::{json, repo, run};
use enrichplan::workspace::{Spec, TableSource};

fn sample_spec() -> String {
    repo("sample-data/workspace-plan.toml")
        .display()
        .to_string()
}

fn f(v: &serde_json::Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

const COUNTS: [&str; 6] = [
    "rows",
    "unmatchable_rows",
    "duplicate_rows",
    "already_revealed_rows",
    "nothing_needed_rows",
    "billable_contacts",
];

#[test]
fn the_sample_spec_prints_the_fixed_keys_and_tables_that_add_up() {
    let v = json(&["estimate", "--spec", &sample_spec(), "--format", "json"]);
    for k in [
        "pricebook",
        "channel",
        "mapping",
        "rows",
        "credits",
        "breakdown",
        "warnings",
        "tables",
    ] {
        assert!(v.get(k).is_some(), "missing {k}");
    }
    assert_eq!(v["channel"], "workspace");
    assert_eq!(v["mapping"], serde_json::json!({}));
    let tables = v["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 2);
    assert_eq!(tables[0]["name"], "CRM prospects");
    assert!(
        tables[0]["source"]
            .as_str()
            .unwrap()
            .ends_with("contacts.csv")
    );
    assert!(
        tables[0]["mapping"]["email"].is_array(),
        "sourced tables show their mapping"
    );
    for k in COUNTS {
        let sum: f64 = tables.iter().map(|t| f(&t[k])).sum();
        assert_eq!(sum, f(&v[k]), "{k}");
    }
    // The tables share contacts: the booth scans repeat 200 people of the CRM list.
    assert!(f(&tables[1]["duplicate_rows"]) >= 190.0);
    for end in ["low", "expected", "high"] {
        let tables_sum: f64 = tables.iter().map(|t| f(&t["credits"][end])).sum();
        let chat = f(&v["breakdown"]["ai_chat"][end]);
        assert!(chat > 0.0);
        assert!(
            (tables_sum + chat - f(&v["credits"][end])).abs() < 1e-6,
            "{end}: {tables_sum} + {chat} vs {}",
            v["credits"][end]
        );
        for t in tables {
            assert_eq!(f(&t["breakdown"]["ai_chat"][end]), 0.0);
        }
    }
    // Every row of each table gets its AI Data cells, matched or not.
    let rows0 = f(&tables[0]["rows"]);
    assert_eq!(
        f(&tables[0]["breakdown"]["ai_data"]["expected"]),
        rows0 * (1.0 + 0.9)
    );
}

#[test]
fn the_table_report_has_one_block_per_table_and_the_total() {
    let out = run(&["estimate", "--spec", &sample_spec()]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let crm = text
        .find("Table `CRM prospects`")
        .expect("first table block");
    let booth = text
        .find("Table `Booth scans`")
        .expect("second table block");
    let all = text.find("All 2 tables").expect("the total block");
    assert!(crm < booth && booth < all, "{text}");
    assert_eq!(text.matches("Table credits").count(), 2);
    assert_eq!(text.matches("Total credits").count(), 1);
}

#[test]
fn a_spec_reads_back_the_same_after_saving() {
    let (spec, book) = Spec::load(&repo("sample-data/workspace-plan.toml"), None).unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Saved elsewhere, the sources stay where they are (absolute paths).
    let out = dir.path().join("copy.toml");
    spec.save(&out).unwrap();
    let (again, _) = Spec::load(&out, Some(&book)).unwrap();
    assert_eq!(again, spec);
    // Saved beside its sources, they are written relative to it.
    let text = spec
        .to_toml(&repo("sample-data/workspace-plan.toml"))
        .unwrap();
    assert!(text.contains("source = \"contacts.csv\""), "{text}");
    let (spec_again, _) = Spec::parse(&text, &repo("sample-data/x.toml"), Some(&book)).unwrap();
    assert_eq!(spec_again, spec);
    match &spec.tables[0].source {
        TableSource::List { path, .. } => assert!(path.ends_with("contacts.csv")),
        other => panic!("{other:?}"),
    }
}

/// The same list, actions and rates as a one-table spec and as a list on the Workspace
/// channel give the same numbers: both run the same pricing of the same tally.
#[test]
fn a_list_on_the_workspace_channel_is_its_one_table_spec() {
    let dir = tempfile::tempdir().unwrap();
    let list = repo("sample-data/contacts.csv");
    let spec = common::write(
        dir.path(),
        "one.toml",
        &format!(
            "ai_chat_prompts = 7\n[[table]]\nname = \"contacts\"\nsource = {:?}\nreveal = [\"email\"]\nai_data_columns = [{{ name = \"ICP\" }}, {{ name = \"Sum\", fill_rate = 0.5 }}]\nsignals_columns = [{{ name = \"Job\", hit_rate = 0.25 }}, {{ name = \"Hiring\" }}]\ncsv_exports = [\"all\", 10]\ncrm_exports = 2\n",
            list.display().to_string()
        ),
    );
    let by_spec = json(&[
        "estimate",
        "--spec",
        &spec.display().to_string(),
        "--format",
        "json",
    ]);
    let by_list = json(&[
        "estimate",
        &list.display().to_string(),
        "--channel",
        "workspace",
        "--reveal",
        "email",
        "--ai-data",
        "ICP",
        "--ai-data",
        "Sum@0.5",
        "--signal",
        "Job@0.25",
        "--signal",
        "Hiring",
        "--csv-export",
        "all",
        "--csv-export",
        "10",
        "--crm-exports",
        "2",
        "--ai-chat-prompts",
        "7",
        "--format",
        "json",
    ]);
    assert_eq!(by_spec["credits"], by_list["credits"]);
    assert_eq!(by_spec["breakdown"], by_list["breakdown"]);
    for k in COUNTS {
        assert_eq!(by_spec[k], by_list[k], "{k}");
    }
    let t = &by_list["tables"];
    assert_eq!(t.as_array().unwrap().len(), 1);
    assert_eq!(t[0]["name"], "contacts");
    assert_eq!(t[0]["credits"], by_spec["tables"][0]["credits"]);
    assert!(
        f(&by_list["breakdown"]["signals"]["low"]) < f(&by_list["breakdown"]["signals"]["high"])
    );
}

#[test]
fn nothing_to_reveal_is_allowed_only_with_a_paid_workspace_action() {
    let list = repo("sample-data/contacts.csv").display().to_string();
    let bare = run(&[
        "estimate",
        &list,
        "--channel",
        "workspace",
        "--reveal",
        "none",
    ]);
    assert_eq!(bare.status.code(), Some(2));
    let other = run(&["estimate", &list, "--reveal", "none", "--ai-data", "ICP"]);
    assert_eq!(other.status.code(), Some(2), "only the workspace channel");
    let v = json(&[
        "estimate",
        &list,
        "--channel",
        "workspace",
        "--reveal",
        "none",
        "--ai-data",
        "ICP",
        "--format",
        "json",
    ]);
    assert_eq!(f(&v["breakdown"]["email"]["high"]), 0.0);
    assert_eq!(f(&v["breakdown"]["phone"]["high"]), 0.0);
    assert_eq!(
        f(&v["credits"]["expected"]),
        f(&v["rows"]),
        "one cell per row"
    );
    assert_eq!(
        f(&v["already_revealed_rows"]),
        0.0,
        "no log: nothing is revealed"
    );
}

#[test]
fn workspace_actions_on_another_channel_are_ignored_with_a_warning() {
    let list = repo("sample-data/contacts.csv").display().to_string();
    let plain = json(&["estimate", &list, "--format", "json"]);
    let with = json(&["estimate", &list, "--ai-data", "ICP", "--format", "json"]);
    assert_eq!(plain["credits"], with["credits"]);
    let w = with["warnings"].as_array().unwrap();
    assert!(
        w.iter()
            .any(|w| w.as_str().unwrap().contains("workspace channel only")),
        "{w:?}"
    );
}

#[test]
fn a_plan_of_a_spec_reruns_and_compares_beside_a_list_plan() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["workspace-plan.toml", "contacts.csv", "event-leads.csv"] {
        std::fs::copy(repo("sample-data").join(f), dir.path().join(f)).unwrap();
    }
    let d = |n: &str| dir.path().join(n).display().to_string();
    let first = json(&[
        "estimate",
        "--spec",
        &d("workspace-plan.toml"),
        "--save-plan",
        &d("ws.enrichplan.json"),
        "--format",
        "json",
    ]);
    let text = std::fs::read_to_string(d("ws.enrichplan.json")).unwrap();
    assert!(text.contains("\"spec\""), "the plan refers to its spec");
    assert!(!text.contains('@'), "no email address in a plan");
    let again = json(&[
        "estimate",
        "--plan",
        &d("ws.enrichplan.json"),
        "--format",
        "json",
    ]);
    assert_eq!(first["credits"], again["credits"]);
    assert_eq!(first["tables"], again["tables"]);
    json(&[
        "estimate",
        &d("contacts.csv"),
        "--save-plan",
        &d("list.enrichplan.json"),
        "--format",
        "json",
    ]);
    let c = json(&[
        "compare",
        &d("ws.enrichplan.json"),
        &d("list.enrichplan.json"),
        "--format",
        "json",
    ]);
    let plans = c["plans"].as_array().unwrap();
    assert_eq!(plans.len(), 2);
    assert_eq!(plans[0]["channel"], "workspace");
    assert_eq!(plans[0]["credits"], first["credits"]);
    // The spec moved away: the plan says so and names the file.
    std::fs::remove_file(d("workspace-plan.toml")).unwrap();
    let gone = run(&["estimate", "--plan", &d("ws.enrichplan.json")]);
    assert_eq!(gone.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&gone.stderr).contains("workspace-plan.toml"));
}

#[test]
fn list_flags_with_a_spec_are_refused_naming_them() {
    let out = run(&["estimate", "--spec", &sample_spec(), "--match-rate", "0.5"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--match-rate"));
}

#[test]
fn a_reveal_log_applies_across_the_spec_tables() {
    let dir = tempfile::tempdir().unwrap();
    common::write(dir.path(), "a.csv", "Email\nann@x.example\nbob@x.example\n");
    common::write(dir.path(), "b.csv", "Email\nBOB@x.example\ncy@x.example\n");
    let log = common::write(dir.path(), "log.csv", "Email\ncy@x.example\n");
    let spec = common::write(
        dir.path(),
        "s.toml",
        "[[table]]\nname = \"A\"\nsource = \"a.csv\"\nreveal = [\"email\"]\nmatch_rate = 1\nemail_rate = 1\n[[table]]\nname = \"B\"\nsource = \"b.csv\"\nreveal = [\"email\"]\nmatch_rate = 1\nemail_rate = 1\n",
    );
    let v = json(&[
        "estimate",
        "--spec",
        &spec.display().to_string(),
        "--revealed",
        &log.display().to_string(),
        "--format",
        "json",
    ]);
    // A: ann, bob billable. B: bob is A's duplicate, cy was revealed this cycle.
    assert_eq!(v["tables"][0]["billable_contacts"], 2);
    assert_eq!(v["tables"][1]["duplicate_rows"], 1);
    assert_eq!(v["tables"][1]["already_revealed_rows"], 1);
    assert_eq!(f(&v["credits"]["expected"]), 2.0);
}

#[test]
fn an_empty_source_is_explained_not_a_silent_zero() {
    let dir = tempfile::tempdir().unwrap();
    common::write(dir.path(), "empty.csv", "Email,Name\n");
    let spec = common::write(
        dir.path(),
        "s.toml",
        "[[table]]\nname = \"Empty\"\nsource = \"empty.csv\"\nreveal = [\"email\"]\n",
    );
    let v = json(&[
        "estimate",
        "--spec",
        &spec.display().to_string(),
        "--format",
        "json",
    ]);
    assert_eq!(v["rows"], 0);
    let w = v["warnings"].to_string();
    assert!(w.contains("Empty") && w.contains("no data rows"), "{w}");
}

#[test]
fn spec_errors_name_the_line_of_an_unknown_key() {
    let dir = tempfile::tempdir().unwrap();
    let spec = common::write(
        dir.path(),
        "typo.toml",
        "[[table]]\nname = \"T\"\nrows = 5\nai_data_colums = [{ name = \"X\" }]\n",
    );
    let out = run(&["estimate", "--spec", &spec.display().to_string()]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("typo.toml: line 4"), "{err}");
    assert!(err.contains("ai_data_colums"), "{err}");
    assert!(err.contains("table `T`"), "{err}");
    assert!(!err.contains("panicked"));
    assert!(Path::new(&spec).exists());
}

/// A data point is charged once per contact, in the first table that reveals it: a later
/// table asking for a point an earlier table did not reveal pays for it there, though its
/// rows stay duplicates.
#[test]
fn a_later_table_pays_for_the_points_an_earlier_table_did_not_reveal() {
    let dir = tempfile::tempdir().unwrap();
    common::write(
        dir.path(),
        "a.csv",
        "Email\nann@x.example\nbob@x.example\ncy@x.example\n",
    );
    common::write(
        dir.path(),
        "b.csv",
        "Email\nBOB@x.example\ncy@x.example\ndee@x.example\n",
    );
    let exact = "match_rate = 1\nemail_rate = 1\nphone_rate = 1\n";
    let table = |name: &str, file: &str, reveal: &str| {
        format!("[[table]]\nname = \"{name}\"\nsource = \"{file}\"\nreveal = [{reveal}]\n{exact}")
    };
    let run_spec = |text: String| {
        let p = common::write(dir.path(), "s.toml", &text);
        json(&[
            "estimate",
            "--spec",
            &p.display().to_string(),
            "--format",
            "json",
        ])
    };
    // A reveals nothing (AI Data only); B reveals emails: bob and cy are paid in B.
    let v = run_spec(format!(
        "{}ai_data_columns = [{{ name = \"ICP\" }}]\n{}",
        table("A", "a.csv", ""),
        table("B", "b.csv", "\"email\"")
    ));
    assert_eq!(
        v["tables"][1]["duplicate_rows"], 2,
        "bob and cy were seen in A"
    );
    assert_eq!(
        f(&v["tables"][1]["breakdown"]["email"]["expected"]),
        3.0,
        "bob, cy, dee"
    );
    assert_eq!(f(&v["tables"][0]["breakdown"]["email"]["expected"]), 0.0);
    assert_eq!(
        f(&v["credits"]["expected"]),
        3.0 + 3.0,
        "3 AI cells + 3 emails"
    );
    assert!(
        v["warnings"].to_string().contains("table `B`"),
        "{}",
        v["warnings"]
    );
    // A reveals emails, B emails and phones: B pays the shared contacts' phones only.
    let v = run_spec(format!(
        "{}{}",
        table("A", "a.csv", "\"email\""),
        table("B", "b.csv", "\"email\", \"phone\"")
    ));
    assert_eq!(f(&v["tables"][0]["breakdown"]["email"]["expected"]), 3.0);
    assert_eq!(
        f(&v["tables"][1]["breakdown"]["email"]["expected"]),
        1.0,
        "dee only"
    );
    assert_eq!(
        f(&v["tables"][1]["breakdown"]["phone"]["expected"]),
        3.0 * 5.0,
        "bob, cy, dee"
    );
    // Both reveal the same: the shared contacts cost nothing more in B.
    let v = run_spec(format!(
        "{}{}",
        table("A", "a.csv", "\"email\""),
        table("B", "b.csv", "\"email\"")
    ));
    assert_eq!(
        f(&v["credits"]["expected"]),
        4.0,
        "ann, bob, cy, dee once each"
    );
}

/// Specs a reviewer tried: each refused with exit 3 and a message in the user's words.
#[test]
fn hostile_specs_are_refused_in_plain_words() {
    let dir = tempfile::tempdir().unwrap();
    common::write(dir.path(), "l.csv", "Email\na@x.example\n");
    let cases: [(&str, &str, &[&str], &[&str]); 7] = [
        (
            "huge.toml",
            "[[table]]\nname = \"T\"\nrows = 1000000000000000000\n",
            &["plausible", "`rows`", "table `T`"],
            &[],
        ),
        (
            "twice.toml",
            "[[table]]\nname = \"T\"\nrows = 1\n[[table]]\nname = \"t\"\nrows = 2\n",
            &["two tables are named", "line 4"],
            &[],
        ),
        (
            "map-on-rows.toml",
            "[[table]]\nname = \"T\"\nrows = 1\nmap = { email = \"E\" }\n",
            &["`map`", "row count"],
            &[],
        ),
        (
            "float-export.toml",
            "[[table]]\nname = \"T\"\nrows = 10\ncsv_exports = [1.5]\n",
            &["whole number of rows or \"all\""],
            &["RawExport", "untagged"],
        ),
        (
            "float-rows.toml",
            "[[table]]\nname = \"T\"\nrows = 100.0\n",
            &["whole number", "`rows`"],
            &["i64"],
        ),
        (
            "single-brackets.toml",
            "[table]\nname = \"T\"\nrows = 1\n",
            &["[[table]]"],
            &[],
        ),
        (
            "column.toml",
            "[[table]]\nname = \"T\"\nrows = 1\nai_data_columns = [\"ICP\"]\n",
            &["AI Data column like"],
            &["RawAiColumn"],
        ),
    ];
    for (file, text, want, never) in cases {
        let p = common::write(dir.path(), file, text);
        let out = run(&["estimate", "--spec", &p.display().to_string()]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{file}: {err}");
        assert!(err.contains(file), "{file}: {err}");
        for w in want {
            assert!(err.contains(w), "{file}: `{w}` not in {err}");
        }
        for n in never {
            assert!(!err.contains(n), "{file}: `{n}` in {err}");
        }
    }
}

#[test]
fn a_spec_as_input_or_with_another_channel_is_a_bad_argument() {
    let out = run(&["estimate", &sample_spec()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--spec"));
    let out = run(&[
        "estimate",
        "--spec",
        &sample_spec(),
        "--channel",
        "api-bulk",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--channel"));
    // The workspace channel is what a spec is: allowed.
    json(&[
        "estimate",
        "--spec",
        &sample_spec(),
        "--channel",
        "workspace",
        "--format",
        "json",
    ]);
}

#[test]
fn a_one_table_spec_reports_its_own_rates_and_a_budget_without_a_cut() {
    let dir = tempfile::tempdir().unwrap();
    let p = common::write(
        dir.path(),
        "one.toml",
        "[[table]]\nname = \"T\"\nrows = 100\nreveal = [\"Email\"]\nmatch_rate = 0.5\nai_data_columns = [{ name = \"ICP\", fill_range = [0.5, 0.8] }]\n",
    );
    let p = p.display().to_string();
    let v = json(&[
        "estimate", "--spec", &p, "--format", "json", "--budget", "10",
    ]);
    assert_eq!(f(&v["assumptions"]["match_rate"]["expected"]), 0.5);
    assert_eq!(
        f(&v["tables"][0]["assumptions"]["match_rate"]["expected"]),
        0.5
    );
    assert_eq!(v["tables"][0]["reveal"], serde_json::json!(["email"]));
    assert_eq!(v["budget"]["status"], "over");
    assert!(
        v["budget"].get("fit_contacts").is_none(),
        "a spec is not cut to fit"
    );
    let out = run(&["estimate", "--spec", &p]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("match 50%"), "{text}");
    assert!(text.contains("ICP 80% (50%–80%)"), "{text}");
}

#[test]
fn a_spec_plan_whose_list_is_gone_names_the_plan_and_its_saved_result() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["workspace-plan.toml", "contacts.csv", "event-leads.csv"] {
        std::fs::copy(repo("sample-data").join(f), dir.path().join(f)).unwrap();
    }
    let d = |n: &str| dir.path().join(n).display().to_string();
    json(&[
        "estimate",
        "--spec",
        &d("workspace-plan.toml"),
        "--save-plan",
        &d("ws.enrichplan.json"),
        "--format",
        "json",
    ]);
    std::fs::remove_file(d("event-leads.csv")).unwrap();
    let out = run(&["estimate", "--plan", &d("ws.enrichplan.json")]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ws.enrichplan.json"), "{err}");
    assert!(err.contains("event-leads.csv"), "{err}");
    assert!(err.contains("saved result"), "{err}");
}

/// Every Workspace price is read from the book: a book with other prices (none of them 1)
/// scales each item by its own price, and a spec can name the book by a path beside it.
#[test]
fn workspace_items_follow_the_price_book() {
    let dir = tempfile::tempdir().unwrap();
    let help = std::fs::read_to_string(repo("assets/pricebooks/lusha-help-2026.toml")).unwrap();
    let book: String = help
        .lines()
        .map(|l| {
            let key = l.split('=').next().unwrap_or("").trim();
            let value = match key {
                "id" => Some("\"custom-prices\""),
                "ai_cell" => Some("2"),
                "signal" => Some("3"),
                "csv_export_block" => Some("4"),
                "crm_export" => Some("5"),
                "ai_chat_block" => Some("7"),
                _ => None,
            };
            match value {
                Some(v) => format!("{key} = {v}\n"),
                None => format!("{l}\n"),
            }
        })
        .collect();
    common::write(dir.path(), "custom.toml", &book);
    let spec = common::write(
        dir.path(),
        "s.toml",
        "pricebook = \"custom.toml\"\nai_chat_prompts = 6\n[[table]]\nname = \"T\"\nrows = 50\nai_data_columns = [{ name = \"A\" }]\nsignals_columns = [{ name = \"S\", hit_rate = 0.5 }]\ncsv_exports = [\"all\"]\ncrm_exports = 2\n",
    );
    let v = json(&[
        "estimate",
        "--spec",
        &spec.display().to_string(),
        "--format",
        "json",
    ]);
    assert_eq!(v["pricebook"], "custom-prices");
    let e = |item: &str| f(&v["breakdown"][item]["expected"]);
    assert_eq!(e("ai_data"), 50.0 * 2.0, "50 cells at 2");
    assert_eq!(e("signals"), 50.0 * 0.5 * 3.0, "25 signals at 3");
    assert_eq!(e("csv_export"), 2.0 * 4.0, "2 blocks of 25 rows at 4");
    assert_eq!(e("crm_export"), 2.0 * 5.0);
    assert_eq!(e("ai_chat"), 2.0 * 7.0, "6 prompts: 2 blocks of 5 at 7");
}

/// The tables' whole credits and the account-wide AI chat add up to the total shown, in
/// every column (the chat is whole credits: ceil(prompts / 5) blocks).
#[test]
fn the_tables_whole_credits_add_up_to_the_total() {
    use enrichplan::pricing::{Item, shown};
    let spec_path = common::repo("sample-data/workspace-plan.toml");
    let p = enrichplan::progress::Progress::new();
    let (spec, _) = enrichplan::workspace::Spec::load(&spec_path, None).unwrap();
    let book = common::book();
    let sources = enrichplan::engine::load_spec_sources(&spec, &spec_path, &p).unwrap();
    let sa = enrichplan::engine::analyze_spec(
        &sources,
        None,
        enrichplan::cycle::Cycle::default(),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        &p,
    )
    .unwrap();
    let run = enrichplan::engine::estimate_spec(&spec, &sa, &book, None, &spec_path).unwrap();
    let tables = run.shown_tables();
    assert_eq!(tables.len(), run.tables.len());
    let chat = run.outcome.estimate.item(Item::AiChat);
    assert_eq!(chat.expected, chat.expected.round());
    let (e, l, h) = shown(&run.outcome.estimate.total);
    let c = chat.expected as i64;
    assert_eq!(tables.iter().map(|t| t.0).sum::<i64>() + c, e);
    assert_eq!(tables.iter().map(|t| t.1).sum::<i64>() + chat.low as i64, l);
    assert_eq!(
        tables.iter().map(|t| t.2).sum::<i64>() + chat.high as i64,
        h
    );
}

/// managers.md: CSV export is on the Scale tier only. A Workspace spec whose tables export
/// CSV gets, with a tier that lacks it, a warning per such table naming the cheapest tier
/// that allows it; on Scale, none.
#[test]
fn a_spec_warns_of_what_the_tier_does_not_allow_table_by_table() {
    let spec = sample_spec();
    let warnings = |tier: &str| -> Vec<String> {
        let v = json(&[
            "estimate", "--spec", &spec, "--tier", tier, "--format", "json",
        ]);
        v["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap().to_string())
            .filter(|w| w.contains("tier"))
            .collect()
    };
    let free = warnings("free");
    for table in ["CRM prospects", "Booth scans"] {
        assert!(
            free.contains(&format!(
                "table `{table}`: CSV export is not on the Free tier; the cheapest tier that allows it is Scale"
            )),
            "{free:?}"
        );
    }
    assert_eq!(warnings("scale"), Vec::<String>::new());
}
