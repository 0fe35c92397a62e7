//! The `enrichplan` binary as scripts use it: fixed JSON keys, numbers equal to the
//! library's, exit codes, outputs.

use crate::common;

use crate::common::{json, repo, run};

use enrichplan::pricing::Settings;

const FIXED_KEYS: [&str; 13] = [
    "pricebook",
    "channel",
    "mapping",
    "rows",
    "unmatchable_rows",
    "duplicate_rows",
    "already_revealed_rows",
    "nothing_needed_rows",
    "billable_contacts",
    "credits",
    "breakdown",
    "warnings",
    "budget",
];

const ITEMS: [&str; 12] = [
    "email",
    "phone",
    "request_fees",
    "company",
    "company_signals",
    "contact_signals",
    "ai_data",
    "signals",
    "csv_export",
    "crm_export",
    "ai_chat",
    "blurred_rows",
];

fn sample() -> String {
    repo("sample-data/contacts.csv").display().to_string()
}

#[test]
fn json_has_the_fixed_keys_and_counts_add_up() {
    let v = json(&[
        "estimate",
        &sample(),
        "--format",
        "json",
        "--budget",
        "3000",
    ]);
    for k in FIXED_KEYS {
        assert!(v.get(k).is_some(), "missing key {k}");
    }
    for item in ITEMS {
        for end in ["expected", "low", "high"] {
            assert!(v["breakdown"][item][end].is_number(), "{item}.{end}");
        }
    }
    let n = |k: &str| v[k].as_u64().unwrap();
    assert_eq!(
        n("unmatchable_rows")
            + n("duplicate_rows")
            + n("already_revealed_rows")
            + n("nothing_needed_rows")
            + n("billable_contacts"),
        n("rows")
    );
    assert_eq!(n("rows"), 2000);
    assert!(["fits", "at_risk", "over"].contains(&v["budget"]["status"].as_str().unwrap()));
    assert_eq!(v["pricebook"], "lusha-help-2026");
    assert_eq!(v["channel"], "csv-enrichment");
}

#[test]
fn cli_numbers_equal_the_library_for_the_same_plan() {
    let log = repo("sample-data/reveal-log.csv");
    let v = json(&[
        "estimate",
        &sample(),
        "--format",
        "json",
        "--channel",
        "api-bulk",
        "--company",
        "--revealed",
        log.to_str().unwrap(),
        "--renewal-date",
        "2026-12-15",
        "--today",
        "2026-11-26",
        "--match-rate",
        "0.6",
        "--match-range",
        "0.5:0.8",
    ]);
    // The same plan through the library.
    let p = enrichplan::progress::Progress::new();
    let opts = enrichplan::input::reader::ReadOptions::default();
    let list = enrichplan::engine::load_list(&repo("sample-data/contacts.csv"), &opts, &p).unwrap();
    let logl = enrichplan::engine::load_log(&log, &opts, &p).unwrap();
    let a = enrichplan::engine::analyze(
        &enrichplan::engine::AnalysisInput {
            list: &list.table,
            mapping: &list.detection.mapping,
            log: Some((&logl.table, &logl.detection.mapping)),
            cycle: enrichplan::cycle::Cycle {
                renewal: chrono::NaiveDate::from_ymd_opt(2026, 12, 15),
                length: enrichplan::cycle::CycleLength::Monthly,
            },
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        },
        &p,
    )
    .unwrap();
    let book = common::book();
    let mut s = Settings::defaults(&book);
    s.channel = enrichplan::pricing::Channel::ApiBulk;
    s.extras.company = true;
    s.assumptions.match_rate = enrichplan::pricebook::RateRange {
        low: 0.5,
        expected: 0.6,
        high: 0.8,
    };
    let e = enrichplan::engine::estimate(&a, &s, &book, None).estimate;
    // The JSON writes credits to 1e-9 (pricing::clean): the same number without float noise.
    let clean = enrichplan::pricing::clean;
    assert_eq!(
        v["credits"]["expected"].as_f64().unwrap(),
        clean(e.total.expected)
    );
    assert_eq!(v["credits"]["low"].as_f64().unwrap(), clean(e.total.low));
    assert_eq!(v["credits"]["high"].as_f64().unwrap(), clean(e.total.high));
    assert_eq!(
        v["already_revealed_rows"].as_u64().unwrap(),
        e.counts.already_revealed
    );
    assert!(
        e.counts.already_revealed > 0,
        "the sample log overlaps the list"
    );
    assert_eq!(
        v["breakdown"]["company"]["expected"].as_f64().unwrap(),
        e.item(enrichplan::pricing::Item::Company).expected
    );
}

#[test]
fn reference_headers_map_as_their_readme_says() {
    let dir = common::shared().join("reference/headers");
    let v = json(&[
        "estimate",
        dir.join("lusha-contact-export.csv").to_str().unwrap(),
        "--format",
        "json",
    ]);
    let m = &v["mapping"];
    assert_eq!(m["first_name"], serde_json::json!(["First Name"]));
    assert_eq!(m["last_name"], serde_json::json!(["Last Name"]));
    assert_eq!(
        m["email"],
        serde_json::json!([
            "Work Email",
            "Direct Email",
            "Additional Email 1",
            "Additional Email 2"
        ])
    );
    assert_eq!(m["phone"], serde_json::json!(["Phone 1", "Phone 2"]));
    assert_eq!(m["linkedin_url"], serde_json::json!(["LinkedIn URL"]));
    assert_eq!(m["company_name"], serde_json::json!(["Company Name"]));
    assert_eq!(m["company_domain"], serde_json::json!(["Company Domain"]));

    let v = json(&[
        "estimate",
        dir.join("salesforce-contacts-report.csv").to_str().unwrap(),
        "--format",
        "json",
    ]);
    let m = &v["mapping"];
    assert_eq!(m["first_name"], serde_json::json!(["First Name"]));
    assert_eq!(m["last_name"], serde_json::json!(["Last Name"]));
    assert_eq!(m["email"], serde_json::json!(["Email"]));
    assert_eq!(m["phone"], serde_json::json!(["Phone", "Mobile"]));
    assert_eq!(m["company_name"], serde_json::json!(["Account Name"]));
    assert_eq!(v["rows"], 2);

    let v = json(&[
        "estimate",
        dir.join("hubspot-contacts-export.csv").to_str().unwrap(),
        "--format",
        "json",
    ]);
    let m = &v["mapping"];
    assert_eq!(m["first_name"], serde_json::json!(["First Name"]));
    assert_eq!(m["last_name"], serde_json::json!(["Last Name"]));
    assert_eq!(m["email"], serde_json::json!(["Email"]));
    assert_eq!(m["phone"], serde_json::json!(["Phone Number"]));
    assert_eq!(m["company_name"], serde_json::json!(["Company Name"]));
}

#[test]
fn the_vendor_export_works_as_a_reveal_log_with_no_mapping() {
    let dir = common::shared().join("reference/headers");
    let export = dir.join("lusha-contact-export.csv");
    let v = json(&[
        "estimate",
        export.to_str().unwrap(),
        "--revealed",
        export.to_str().unwrap(),
        "--renewal-date",
        "2026-12-01",
        "--today",
        "2026-11-26",
        "--format",
        "json",
    ]);
    // Both entries (2026-11-02 and 2026-11-05) fall in the cycle 2026-11-01..2026-11-30.
    // Dana has email and phone revealed; Omar only an email, so he still needs a phone.
    assert_eq!(v["already_revealed_rows"], 1);
    assert_eq!(v["billable_contacts"], 1);
    assert_eq!(v["breakdown"]["email"]["expected"], 0.0);
}

#[test]
fn map_overrides_replace_detected_columns() {
    let v = json(&[
        "estimate",
        &sample(),
        "--format",
        "json",
        "--map",
        "email=Work Email",
        "--map",
        "phone=Mobile",
        "--map",
        "phone=Phone",
    ]);
    assert_eq!(v["mapping"]["email"], serde_json::json!(["Work Email"]));
    assert_eq!(
        v["mapping"]["phone"],
        serde_json::json!(["Mobile", "Phone"])
    );
}

#[test]
fn exit_2_for_bad_arguments() {
    for args in [
        vec!["estimate", "x.csv", "--channel", "fax"],
        vec![
            "estimate",
            "x.csv",
            "--match-rate",
            "0.9",
            "--match-range",
            "0.1:0.5",
        ],
        vec!["estimate", "x.csv", "--batch-size", "101"],
        vec!["estimate", "x.csv", "--reveal", "address"],
        vec!["estimate", "x.csv", "--renewal-date", "31/12/2026"],
        vec!["estimate", "x.csv", "--pricebook", "nope"],
        vec!["frobnicate"],
    ] {
        let out = run(&args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    }
    let out = run(&["estimate", &sample(), "--map", "email=Nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Nope"));
}

#[test]
fn exit_3_for_bad_input_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let png = common::write(dir.path(), "photo.csv", "\u{89}PNG");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();
    let empty = common::write(dir.path(), "empty.csv", "");
    let missing = dir.path().join("missing.csv");
    for p in [&png, &empty, &missing] {
        let out = run(&["estimate", p.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(3), "{p:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(p.file_name().unwrap().to_str().unwrap()),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    // A bad date in the reveal log names the log's line.
    let log = common::write(
        dir.path(),
        "log.csv",
        "Date,Work Email\n2026-11-01,a@b.co\nsoon,c@d.co\n",
    );
    let out = run(&["estimate", &sample(), "--revealed", log.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("log.csv: line 3") && err.contains("soon"),
        "{err}"
    );
}

#[test]
fn rows_out_and_trimmed_out() {
    let dir = tempfile::tempdir().unwrap();
    let rows = dir.path().join("rows.csv");
    let trimmed = dir.path().join("trimmed.csv");
    let v = json(&[
        "estimate",
        &sample(),
        "--format",
        "json",
        "--budget",
        "1000",
        "--rows-out",
        rows.to_str().unwrap(),
        "--trimmed-out",
        trimmed.to_str().unwrap(),
    ]);
    let mut r = csv::Reader::from_path(&rows).unwrap();
    assert_eq!(
        r.headers().unwrap(),
        vec!["row", "line", "contact_id", "status", "reason", "credits"]
    );
    let recs: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(recs.len(), 2000);
    let billable = recs.iter().filter(|r| &r[3] == "billable").count() as u64;
    assert_eq!(billable, v["billable_contacts"].as_u64().unwrap());
    let sum: f64 = recs.iter().map(|r| r[5].parse::<f64>().unwrap()).sum();
    let expected = v["credits"]["expected"].as_f64().unwrap();
    assert!((sum - expected).abs() < 1e-6, "{sum} vs {expected}");

    let mut t = csv::Reader::from_path(&trimmed).unwrap();
    let kept = t.records().count() as u64;
    assert_eq!(kept, v["budget"]["fit_contacts"].as_u64().unwrap());
    assert!(kept > 0 && kept < billable, "cut to the budget");
    assert!(v["budget"]["fit_credits"]["high"].as_f64().unwrap() <= 1000.0);
}

#[test]
fn trimmed_out_neutralises_formula_cells_and_never_overwrites_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let list = common::write(
        dir.path(),
        "list.csv",
        "Name,Company,Email,Phone\n=HYPERLINK(\"x\"),@Acme,a@x.com,+1 555 0100\nBob,-Beta,b@y.com,-\nCy,+A1,c@z.com,+44 (20) 7946-0958\n",
    );
    let out = dir.path().join("trimmed.csv");
    let res = run(&[
        "estimate",
        list.to_str().unwrap(),
        "--trimmed-out",
        out.to_str().unwrap(),
    ]);
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    let mut r = csv::Reader::from_path(&out).unwrap();
    let recs: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(&recs[0][0], "'=HYPERLINK(\"x\")");
    assert_eq!(&recs[0][1], "'@Acme");
    assert_eq!(&recs[1][1], "'-Beta");
    assert_eq!(&recs[2][1], "'+A1");
    // Phone numbers and a lone dash are data: kept exactly.
    assert_eq!(&recs[0][3], "+1 555 0100");
    assert_eq!(&recs[1][3], "-");
    assert_eq!(&recs[2][3], "+44 (20) 7946-0958");
    let before = std::fs::read(&list).unwrap();
    let res = run(&[
        "estimate",
        list.to_str().unwrap(),
        "--trimmed-out",
        list.to_str().unwrap(),
    ]);
    assert_eq!(res.status.code(), Some(2));
    assert_eq!(
        std::fs::read(&list).unwrap(),
        before,
        "the input is untouched"
    );
}

#[test]
fn pricebooks_lists_both_and_loads_a_user_file() {
    let out = run(&["pricebooks"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("lusha-help-2026") && text.contains("lusha-alt-2025"));
    let dir = tempfile::tempdir().unwrap();
    let mine = std::fs::read_to_string(repo("assets/pricebooks/lusha-help-2026.toml"))
        .unwrap()
        .replace("id = \"lusha-help-2026\"", "id = \"mine\"")
        .replace("email = 1 ", "email = 2 ");
    let p = common::write(dir.path(), "mine.toml", &mine);
    let v = json(&[
        "estimate",
        &sample(),
        "--format",
        "json",
        "--pricebook",
        p.to_str().unwrap(),
        "--reveal",
        "email",
    ]);
    assert_eq!(v["pricebook"], "mine");
    let base = json(&[
        "estimate",
        &sample(),
        "--format",
        "json",
        "--reveal",
        "email",
    ]);
    let (a, b) = (
        v["credits"]["expected"].as_f64().unwrap(),
        base["credits"]["expected"].as_f64().unwrap(),
    );
    assert!((a - 2.0 * b).abs() < 1e-6);
    let bad = common::write(
        dir.path(),
        "bad.toml",
        &mine.replace("phone = 5 ", "phone = -5 "),
    );
    let out = run(&["estimate", &sample(), "--pricebook", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("phone"));
}

#[test]
fn table_and_csv_formats() {
    let out = run(&["estimate", &sample()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Total credits") && text.contains("lusha-help-2026"),
        "{text}"
    );
    let out = run(&["estimate", &sample(), "--format", "csv"]);
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    assert_eq!(
        r.headers().unwrap(),
        vec!["item", "rule", "low", "expected", "high"]
    );
    assert_eq!(r.records().count(), 13);
}

/// Reveal-log dates like 03/04/2026: the whole column decides the order, an ambiguous
/// column is read month first with a warning naming the choice, the user's choice wins, a
/// column with both orders is refused naming both lines.
#[test]
fn reveal_log_date_order() {
    let dir = tempfile::tempdir().unwrap();
    let list = crate::common::write(
        dir.path(),
        "list.csv",
        "Name,Email\nDana Levi,dana@acme.example\nOmar Haddad,omar@beta.example\n",
    );
    let log = |name: &str, body: &str| crate::common::write(dir.path(), name, body);
    // Renewal 2026-04-10: the cycle is 2026-03-10 ..= 2026-04-09. 3 April is in it, 4 March not.
    let ambiguous = log(
        "ambiguous.csv",
        "Date,Email\n03/04/2026,dana@acme.example\n",
    );
    let settled = log(
        "settled.csv",
        "Date,Email\n03/04/2026,dana@acme.example\n25/03/2026,nobody@x.example\n",
    );
    let mixed = log(
        "mixed.csv",
        "Date,Email\n25/03/2026,dana@acme.example\n03/25/2026,omar@beta.example\n",
    );
    let semicolon = log(
        "semicolon.csv",
        "Date;Email\n03/04/2026;dana@acme.example\n",
    );
    let est = |log: &std::path::Path, extra: &[&str]| {
        let l = list.display().to_string();
        let g = log.display().to_string();
        let mut args = vec![
            "estimate",
            &l,
            "--revealed",
            &g,
            "--renewal-date",
            "2026-04-10",
            "--reveal",
            "email",
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        crate::common::run(&args)
    };
    let revealed = |out: &std::process::Output| {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (
            v["already_revealed_rows"].as_u64().unwrap(),
            v["warnings"].to_string(),
        )
    };
    let (n, w) = revealed(&est(&ambiguous, &[]));
    assert_eq!(n, 0, "month first: 4 March, before the cycle");
    assert!(
        w.contains("reads both day-first and month-first") && w.contains("--date-order dmy"),
        "{w}"
    );
    let (n, w) = revealed(&est(&ambiguous, &["--date-order", "dmy"]));
    assert_eq!(n, 1, "day first: 3 April, in the cycle");
    assert!(!w.contains("reads both"), "{w}");
    let (n, w) = revealed(&est(&settled, &[]));
    assert_eq!(n, 1, "25/03 settles day first for the whole column");
    assert!(!w.contains("reads both"), "{w}");
    let out = est(&mixed, &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.contains("mixed.csv")
            && err.contains("line 2: `25/03/2026`")
            && err.contains("line 3: `03/25/2026`"),
        "{err}"
    );
    let out = est(&settled, &["--date-order", "mdy"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{err}");
    assert!(
        err.contains("`25/03/2026` is not a date read month first") && err.contains("line 3"),
        "{err}"
    );
    // The log's own reading options.
    let (n, _) = revealed(&est(
        &semicolon,
        &["--log-delimiter", ";", "--date-order", "dmy"],
    ));
    assert_eq!(n, 1);
    let out = crate::common::run(&[
        "estimate",
        &list.display().to_string(),
        "--date-order",
        "dmy",
    ]);
    assert_eq!(out.status.code(), Some(2), "a log option without a log");
}

/// Fit-to-budget agrees with the estimate: at "keep everything" its credits are the
/// estimate's, company extras, duplicates and already revealed rows included.
#[test]
fn fit_to_budget_keeping_everything_is_the_estimate() {
    let list = common::repo("sample-data/contacts.csv")
        .display()
        .to_string();
    let log = common::repo("sample-data/reveal-log.csv")
        .display()
        .to_string();
    for channel in ["api-bulk", "api-single", "csv-enrichment", "workspace"] {
        let mut args = vec![
            "estimate",
            &list,
            "--revealed",
            &log,
            "--renewal-date",
            "2026-12-15",
            "--channel",
            channel,
            "--budget",
            "1000000000",
            "--format",
            "json",
        ];
        if channel.starts_with("api") {
            args.extend(["--company", "--company-signals", "--contact-signals"]);
        }
        if channel == "workspace" {
            args.extend(["--ai-data", "ICP@0.9", "--csv-export", "all"]);
        }
        let v = common::json(&args);
        assert_eq!(
            v["budget"]["fit_contacts"], v["billable_contacts"],
            "{channel}"
        );
        for end in ["low", "expected", "high"] {
            let fit = v["budget"]["fit_credits"][end].as_f64().unwrap();
            let all = v["credits"][end].as_f64().unwrap();
            assert!(
                (fit - all).abs() < 1e-6,
                "{channel} {end}: fit {fit} vs estimate {all}"
            );
        }
    }
}

/// `--priority COLUMN`: the cut keeps the highest values first, file order breaks ties,
/// cells that are not numbers come last; a column the list lacks is a bad flag.
#[test]
fn fit_to_budget_follows_the_priority_column() {
    let dir = tempfile::tempdir().unwrap();
    let list = common::write(
        dir.path(),
        "list.csv",
        "Name,Email,Score\nAda,ada@a.example,3\nBo,bo@b.example,n/a\nCy,cy@c.example,12\nDi,di@d.example,12\nEd,ed@e.example,1\n",
    );
    let trimmed = dir.path().join("trimmed.csv");
    let run_with = |extra: &[&str]| {
        let (l, t) = (list.display().to_string(), trimmed.display().to_string());
        let mut args = vec![
            "estimate",
            &l,
            "--reveal",
            "email",
            "--match-rate",
            "1",
            "--email-rate",
            "1",
            "--budget",
            "2",
            "--trimmed-out",
            &t,
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        let v = common::json(&args);
        let names: Vec<String> = csv::Reader::from_path(&trimmed)
            .unwrap()
            .records()
            .map(|r| r.unwrap()[0].to_string())
            .collect();
        (v, names)
    };
    // One credit per email at exact rates: two contacts fit a budget of 2.
    let (_, names) = run_with(&[]);
    assert_eq!(names, ["Ada", "Bo"], "file order");
    let (v, names) = run_with(&["--priority", "Score"]);
    assert_eq!(names, ["Cy", "Di"], "the two 12s, in file order");
    assert!(
        v["warnings"]
            .to_string()
            .contains("priority column `Score`: 1 cell is not a number")
    );
    let out = common::run(&[
        "estimate",
        &list.display().to_string(),
        "--budget",
        "2",
        "--priority",
        "Rank",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no column named `Rank`"));
}

/// Email cells as exports write them (pricing.md §1): display names, mailto:, quotes and
/// several addresses; every valid address is an identifier, duplicates are found through a
/// second address, the reveal log matches through one, the warning counts the cells and
/// the trimmed file keeps the first address.
#[test]
fn email_cells_with_display_names_and_several_addresses() {
    let dir = tempfile::tempdir().unwrap();
    let list = common::write(
        dir.path(),
        "list.csv",
        "Name,Contact\n\
         Cara Lee,Cara Lee <cara@lee.example>\n\
         Ben Obi,mailto:ben@lagos.example\n\
         Ana Fox,ana@fox.example; ana.r@gmail.example\n\
         Dan Wu,\"\"\"dan@wu.example, d.wu@wu.example\"\"\"\n\
         Ana R,ana.r@gmail.example\n\
         Eve Bad,\"not-an-address, eve@\"\n\
         Fay Ng,\"(fay@ng.example) <bad>, fay2@ng.example\"\n",
    );
    let log = common::write(
        dir.path(),
        "log.csv",
        "Date,Email\n2026-11-20,d.wu@wu.example\n",
    );
    let trimmed = dir.path().join("trimmed.csv");
    let (l, g, t) = (
        list.display().to_string(),
        log.display().to_string(),
        trimmed.display().to_string(),
    );
    let v = common::json(&[
        "estimate",
        &l,
        "--reveal",
        "email",
        "--revealed",
        &g,
        "--renewal-date",
        "2026-12-15",
        "--trimmed-out",
        &t,
        "--format",
        "json",
    ]);
    // Detected from its cells under a header that says nothing.
    assert_eq!(v["mapping"]["email"], serde_json::json!(["Contact"]));
    assert_eq!(v["rows"], 7);
    // Eve has no valid address; Fay's `<bad>` pair is the only candidate (invalid).
    assert_eq!(v["unmatchable_rows"], 2, "{v}");
    // Ana R shares ana.r@ with Ana Fox's second address.
    assert_eq!(v["duplicate_rows"], 1);
    // Dan is revealed through his second address.
    assert_eq!(v["already_revealed_rows"], 1);
    assert_eq!(v["billable_contacts"], 3);
    let w = v["warnings"].to_string();
    // Cara, Ben, Ana and Dan: lists with an address (Eve and Fay give none).
    assert!(
        w.contains("4 email cells were read as a list of addresses"),
        "{w}"
    );
    let cells: Vec<String> = csv::Reader::from_path(&trimmed)
        .unwrap()
        .records()
        .map(|r| r.unwrap()[1].to_string())
        .collect();
    assert_eq!(
        cells,
        ["cara@lee.example", "ben@lagos.example", "ana@fox.example"]
    );
}

/// `--group-by COLUMN` (cli.md, managers.md): the groups' rows and statuses add up to the
/// list's, and their credits to the total expected credits, on every channel (per-request
/// and per-block fees, company extras and Workspace actions included); largest first; an
/// empty cell is the value "".
#[test]
fn groups_add_up_to_the_total_on_every_channel() {
    let list = common::repo("sample-data/contacts.csv")
        .display()
        .to_string();
    let log = common::repo("sample-data/reveal-log.csv")
        .display()
        .to_string();
    let runs: [&[&str]; 7] = [
        &["--channel", "csv-enrichment"],
        &["--channel", "platform"],
        &["--channel", "api-single", "--company", "--contact-signals"],
        &[
            "--channel",
            "api-bulk",
            "--batch-size",
            "7",
            "--company",
            "--company-signals",
        ],
        &[
            "--channel",
            "workspace",
            "--ai-data",
            "ICP@0.7",
            "--signal",
            "Hiring",
            "--csv-export",
            "all",
            "--crm-exports",
            "2",
        ],
        &["--channel", "recommendations", "--reveal", "email"],
        &[
            "--channel",
            "csv-enrichment",
            "--only-missing",
            "--revealed",
            &log,
            "--renewal-date",
            "2026-12-15",
        ],
    ];
    for extra in runs {
        let mut args = vec![
            "estimate",
            &list,
            "--group-by",
            "Country",
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        let v = common::json(&args);
        let groups = v["groups"].as_array().expect("groups");
        assert!(groups.len() > 5, "{extra:?}");
        let sum = |k: &str| groups.iter().map(|g| g[k].as_u64().unwrap()).sum::<u64>();
        for k in [
            "rows",
            "unmatchable_rows",
            "duplicate_rows",
            "already_revealed_rows",
            "nothing_needed_rows",
            "billable_contacts",
        ] {
            assert_eq!(sum(k), v[k].as_u64().unwrap(), "{extra:?} {k}");
        }
        let credits: f64 = groups
            .iter()
            .map(|g| g["credits"]["expected"].as_f64().unwrap())
            .sum();
        let total = v["credits"]["expected"].as_f64().unwrap();
        assert!(
            (credits - total).abs() < 1e-6 * total.max(1.0),
            "{extra:?}: {credits} vs {total}"
        );
        let c: Vec<f64> = groups
            .iter()
            .map(|g| g["credits"]["expected"].as_f64().unwrap())
            .collect();
        assert!(
            c.windows(2).all(|w| w[0] >= w[1]),
            "largest first: {extra:?}"
        );
        assert!(
            groups.iter().any(|g| g["value"] == ""),
            "the empty cell is a group"
        );
    }
    let out = common::run(&["estimate", &list, "--group-by", "Region"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no column named `Region`"));
    // In the reports too.
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("r.md");
    let out = common::run(&[
        "estimate",
        &list,
        "--group-by",
        "country",
        "--report-out",
        md.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(
        text.contains("## By Country") && text.contains("| (empty) |"),
        "{text}"
    );
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(table.contains("By Country:"), "{table}");
}

/// `enrichplan calibrate` (managers.md) on the sample pair, counted by hand: 10 billable
/// contacts uploaded (a duplicate and an unmatchable row aside), 6 came back with data, 4
/// of them with an email, 3 with a phone; low and high are the 90 % Wilson interval.
#[test]
fn calibrate_measures_the_rates_and_estimate_uses_them() {
    let up = common::repo("sample-data/calibration/uploaded.csv")
        .display()
        .to_string();
    let back = common::repo("sample-data/calibration/result.csv")
        .display()
        .to_string();
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("rates.toml");
    let v = common::json(&[
        "calibrate",
        &up,
        &back,
        "--format",
        "json",
        "--save-assumptions",
        saved.to_str().unwrap(),
    ]);
    assert_eq!(
        (v["contacts"].as_u64(), v["matched"].as_u64()),
        (Some(10), Some(6))
    );
    assert_eq!(
        (v["emails"].as_u64(), v["phones"].as_u64()),
        (Some(4), Some(3))
    );
    let r = |k: &str, end: &str| v["rates"][k][end].as_f64().unwrap();
    assert_eq!(r("match", "expected"), 0.6);
    assert!((r("email", "expected") - 4.0 / 6.0).abs() < 1e-12);
    assert_eq!(r("phone", "expected"), 0.5);
    // Wilson, z = 1.6449: 6 of 10 → 0.3516 .. 0.8058 (worked out in calibrate.rs's test).
    assert!(
        (r("match", "low") - 0.35164).abs() < 1e-4 && (r("match", "high") - 0.80578).abs() < 1e-4
    );
    // estimate --assumptions: the measured rates in the estimate; an explicit flag wins.
    let list = common::repo("sample-data/contacts.csv")
        .display()
        .to_string();
    let e = common::json(&[
        "estimate",
        &list,
        "--assumptions",
        saved.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(
        e["assumptions"]["match_rate"]["expected"], 0.6,
        "{}",
        e["assumptions"]
    );
    assert!((e["assumptions"]["match_rate"]["low"].as_f64().unwrap() - 0.35164).abs() < 1e-4);
    let e = common::json(&[
        "estimate",
        &list,
        "--assumptions",
        saved.to_str().unwrap(),
        "--match-rate",
        "0.9",
        "--format",
        "json",
    ]);
    assert_eq!(e["assumptions"]["match_rate"]["expected"], 0.9);
    // Two calibrations add up: the same sample twice is twice the counts, a narrower range.
    let v2 = common::json(&["calibrate", &up, &back, &up, &back, "--format", "json"]);
    assert_eq!(v2["contacts"], 20);
    assert_eq!(v2["rates"]["match"]["expected"], 0.6);
    assert!(v2["rates"]["match"]["low"].as_f64().unwrap() > r("match", "low"));
    // Bad input: an odd number of files, a damaged assumptions file.
    assert_eq!(
        common::run(&["calibrate", &up, &back, &up]).status.code(),
        Some(2)
    );
    let bad = common::write(
        dir.path(),
        "bad.toml",
        "[sample]\ncontacts = 3\nmatched = 5\nemails = 0\nphones = 0\n[match_rate]\nlow=0\nexpected=0\nhigh=0\n[email_rate]\nlow=0\nexpected=0\nhigh=0\n[phone_rate]\nlow=0\nexpected=0\nhigh=0\n",
    );
    let out = common::run(&["estimate", &list, "--assumptions", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.toml"));
}

/// `enrichplan reconcile` (managers.md) on the sample Usage Report, totals by hand: in
/// November the three users revealed 135 phones and 690 emails (675 + 690 credits at 5
/// and 1), the API key spent 120 search and 30 company credits; 1,515 credits in all.
#[test]
fn reconcile_sets_the_plan_beside_the_usage_report() {
    let dir = tempfile::tempdir().unwrap();
    let list = common::repo("sample-data/contacts.csv")
        .display()
        .to_string();
    let usage = common::repo("sample-data/usage-report.csv")
        .display()
        .to_string();
    let plan = dir.path().join("p.enrichplan.json");
    common::json(&[
        "estimate",
        &list,
        "--renewal-date",
        "2026-12-15",
        "--save-plan",
        plan.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let p = plan.to_str().unwrap();
    let v = common::json(&[
        "reconcile",
        &usage,
        "--plan",
        p,
        "--from",
        "2026-11-01",
        "--to",
        "2026-11-30",
        "--format",
        "json",
    ]);
    assert_eq!(v["months"], serde_json::json!(["2026-11"]));
    let item = |k: &str| {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["item"] == k)
            .unwrap()
            .clone()
    };
    assert_eq!(item("email")["actual"], 690.0);
    assert_eq!(item("phone")["actual"], 675.0);
    assert_eq!(item("api_search")["actual"], 120.0);
    assert_eq!(item("company")["actual"], 30.0);
    assert_eq!(item("total")["actual"], 1515.0);
    // The plan expects no API credits: above its high of 0.
    assert_eq!(item("api_search")["verdict"], "above");
    let e = item("email");
    let expected = e["planned"]["expected"].as_f64().unwrap();
    assert!((e["difference"].as_f64().unwrap() - (690.0 - expected)).abs() < 1e-9);
    // Users: the three and the API key, never the group or Total rows.
    let users: Vec<&str> = v["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["user"].as_str().unwrap())
        .collect();
    assert_eq!(
        users,
        [
            "mia.schulz@example.com",
            "sam.rep@example.com",
            "jo.park@example.com",
            "API credits"
        ]
    );
    assert_eq!(v["warnings"], serde_json::json!([]));
    // The plan's own cycle (2026-11-15 to 2026-12-14) takes both months.
    let v = common::json(&["reconcile", &usage, "--plan", p, "--format", "json"]);
    assert_eq!(v["months"], serde_json::json!(["2026-11", "2026-12"]));
    // A Total row that disagrees with its user rows is a warning.
    let text = std::fs::read_to_string(common::repo("sample-data/usage-report.csv")).unwrap();
    let bad = common::write(
        dir.path(),
        "bad.csv",
        &text.replace("Total,,,,,,,,,135,", "Total,,,,,,,,,136,"),
    );
    let v = common::json(&[
        "reconcile",
        bad.to_str().unwrap(),
        "--plan",
        p,
        "--format",
        "json",
    ]);
    assert!(
        v["warnings"].to_string().contains("Total row says 136"),
        "{}",
        v["warnings"]
    );
    // Not a usage report: a clear refusal.
    let out = common::run(&["reconcile", &list, "--plan", p]);
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a Usage Report"));
}

#[test]
fn a_file_alone_opens_the_window_and_a_mistyped_command_is_refused() {
    use enrichplan::cli::{Action, run as cli_run};
    let args = |v: &[&str]| {
        std::iter::once("enrichplan".into())
            .chain(v.iter().map(std::ffi::OsString::from))
            .collect::<Vec<std::ffi::OsString>>()
    };
    // What a file manager runs: `enrichplan %F`.
    let sample = sample();
    match cli_run(args(&[&sample, "plan.enrichplan.json"])) {
        Action::Window(files) => assert_eq!(
            files,
            vec![
                std::path::PathBuf::from(&sample),
                "plan.enrichplan.json".into()
            ]
        ),
        Action::Exit(_) => panic!("a file alone must open the window"),
    }
    assert!(matches!(cli_run(args(&[])), Action::Window(f) if f.is_empty()));
    assert!(matches!(cli_run(args(&["open", &sample])), Action::Window(f) if f.len() == 1));
    // A missing file with an extension still opens the window (which says it is missing);
    // a bare word that is no file is a mistyped command.
    assert!(matches!(cli_run(args(&["gone.csv"])), Action::Window(_)));
    let out = run(&["estimat", &sample]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("`estimat` is neither a command nor a file"),
        "{err}"
    );
    assert!(err.contains("estimate, compare"), "{err}");
}

#[test]
fn version_completions_and_manual_pages() {
    let out = run(&["--version"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("enrichplan {}", env!("CARGO_PKG_VERSION"))
    );
    for (shell, marker) in [
        ("bash", "complete -F _enrichplan"),
        ("zsh", "#compdef enrichplan"),
        ("fish", "complete -c enrichplan"),
    ] {
        let out = run(&["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(marker), "{shell}: {text:.200}");
        // Every command and a flag of estimate are completed.
        for word in ["estimate", "compare", "reconcile", "reveal"] {
            assert!(text.contains(word), "{shell} completes {word}");
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let out = run(&["manpages", dir.path().to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let main = std::fs::read_to_string(dir.path().join("enrichplan.1")).unwrap();
    assert!(main.contains(".TH enrichplan 1"), "{main:.300}");
    let estimate = std::fs::read_to_string(dir.path().join("enrichplan-estimate.1")).unwrap();
    for flag in ["\\-\\-reveal", "\\-\\-spec", "\\-\\-budget"] {
        assert!(estimate.contains(flag), "estimate's page documents {flag}");
    }
    assert!(
        !dir.path().join("enrichplan-manpages.1").exists(),
        "hidden command left out"
    );
}

/// `--save-mapping` writes the mapping in force (headers only), `--mapping` reads it back
/// for the next list with the same columns in another order, `--map` still overrides it;
/// a list without one of its columns is an error naming the column and the file.
#[test]
fn a_mapping_file_is_written_and_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let list = common::write(
        dir.path(),
        "a.csv",
        "Kto,Firma X,Adres\nAnn Lee,Acme,ann@acme.example\nBo Cy,Beta,bo@beta.example\n",
    );
    let saved = dir.path().join("m.toml");
    let s = |p: &std::path::Path| p.to_str().unwrap().to_string();
    let v = common::json(&[
        "estimate",
        &s(&list),
        "--map",
        "full_name=Kto",
        "--map",
        "company_name=Firma X",
        "--map",
        "email=Adres",
        "--save-mapping",
        &s(&saved),
        "--format",
        "json",
    ]);
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(text.contains("full_name = [\"Kto\"]"), "{text}");
    assert!(!text.contains("ann@"), "no cell values: {text}");
    // The same columns in another order, another file: the saved roles apply.
    let other = common::write(
        dir.path(),
        "b.csv",
        "Adres,Kto,Firma X\ncy@gamma.example,Cy Do,Gamma\n",
    );
    let w = common::json(&[
        "estimate",
        &s(&other),
        "--mapping",
        &s(&saved),
        "--format",
        "json",
    ]);
    assert_eq!(w["mapping"], v["mapping"]);
    assert_eq!(w["billable_contacts"], 1);
    // --map on top of it.
    let w = common::json(&[
        "estimate",
        &s(&other),
        "--mapping",
        &s(&saved),
        "--map",
        "email=-",
        "--format",
        "json",
    ]);
    assert!(w["mapping"].get("email").is_none(), "{}", w["mapping"]);
    // A list without a column it names.
    let third = common::write(dir.path(), "c.csv", "Kto,Adres\nCy Do,cy@gamma.example\n");
    let out = common::run(&["estimate", &s(&third), "--mapping", &s(&saved)]);
    assert_eq!(out.status.code(), Some(3), "unreadable or invalid input");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("m.toml")
            && err.contains("the company_name column `Firma X` is not in the list"),
        "{err}"
    );
}

/// Issue 27: every argument of every command has a description, every `estimate` option
/// sits under one of its headings, and `estimate --help` shows the headings and examples.
/// A new flag without a help (or an `estimate` flag without a heading) fails here.
#[test]
fn every_argument_has_help_and_estimate_options_have_headings() {
    use clap::CommandFactory;

    const HEADINGS: [&str; 7] = [
        "Input",
        "What to reveal",
        "Assumptions",
        "Budget and cycle",
        "Account",
        "Workspace",
        "Output",
    ];
    fn walk(
        cmd: &clap::Command,
        path: &str,
        problems: &mut Vec<String>,
        headings: &mut Vec<String>,
    ) {
        for arg in cmd.get_arguments() {
            // clap's own -h/--help and -V/--version.
            if matches!(
                arg.get_action(),
                clap::ArgAction::Help
                    | clap::ArgAction::HelpShort
                    | clap::ArgAction::HelpLong
                    | clap::ArgAction::Version
            ) {
                continue;
            }
            let name = arg
                .get_long()
                .map(|l| format!("--{l}"))
                .unwrap_or_else(|| arg.get_id().to_string());
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            if help.trim().is_empty() {
                problems.push(format!("{path} {name}: no help"));
            }
            if path == "enrichplan estimate" && !arg.is_positional() {
                match arg.get_help_heading() {
                    Some(h) => headings.push(h.to_string()),
                    None => problems.push(format!("{path} {name}: no help heading")),
                }
            }
        }
        for sub in cmd.get_subcommands() {
            let sub_path = format!("{path} {}", sub.get_name());
            if path == "enrichplan" && sub.get_name() != "help" && sub.get_about().is_none() {
                problems.push(format!("{sub_path}: no about"));
            }
            walk(sub, &sub_path, problems, headings);
        }
    }
    let mut cli = enrichplan::cli::Cli::command();
    cli.build();
    let (mut problems, mut headings) = (Vec::new(), Vec::new());
    walk(&cli, "enrichplan", &mut problems, &mut headings);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // Only the known headings (a misspelt one would make a section of its own), each used.
    headings.dedup();
    assert_eq!(headings, HEADINGS, "estimate's headings, in order");

    for flag in ["-h", "--help"] {
        let out = run(&["estimate", flag]);
        assert!(out.status.success(), "estimate {flag}");
        let text = String::from_utf8_lossy(&out.stdout);
        for h in HEADINGS {
            assert!(
                text.contains(&format!("\n{h}:\n")),
                "estimate {flag}: heading {h}\n{text}"
            );
        }
        assert!(
            text.contains("Examples:") && text.contains("    enrichplan estimate contacts.csv\n"),
            "estimate {flag}: examples\n{text}"
        );
        assert!(
            !text.contains("default: the first"),
            "the best sheet is chosen, not the first\n{text}"
        );
    }
    let out = run(&["--help"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && text.contains("Examples:") && text.contains("enrichplan estimate "),
        "{text}"
    );
}

/// `compare --report-out FILE.html` writes the comparison page (a self-contained page with
/// both plans); .json the comparison's JSON; another extension is an argument error.
#[test]
fn compare_writes_its_report() {
    let dir = tempfile::tempdir().unwrap();
    let s = |p: &std::path::Path| p.to_str().unwrap().to_string();
    let (a, b) = (
        dir.path().join("a.enrichplan.json"),
        dir.path().join("b.enrichplan.json"),
    );
    let list = repo("sample-data/contacts.csv");
    for (plan, channel, name) in [
        (&a, "csv-enrichment", "Plan <A>"),
        (&b, "api-bulk", "Plan & B"),
    ] {
        let out = common::run(&[
            "estimate",
            &s(&list),
            "--channel",
            channel,
            "--name",
            name,
            "--save-plan",
            &s(plan),
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let page = dir.path().join("c.html");
    let out = common::run(&["compare", &s(&a), &s(&b), "--report-out", &s(&page)]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(
        html.contains("Plan &lt;A&gt;") && html.contains("Plan &amp; B"),
        "escaped names"
    );
    assert!(
        !html.contains("<script") && !html.contains("http"),
        "self-contained"
    );
    let json = dir.path().join("c.json");
    let out = common::run(&["compare", &s(&a), &s(&b), "--report-out", &s(&json)]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let stdout = common::json(&["compare", &s(&a), &s(&b), "--format", "json"]);
    assert_eq!(v, stdout);
    let out = common::run(&[
        "compare",
        &s(&a),
        &s(&b),
        "--report-out",
        &s(&dir.path().join("c.pdf")),
    ]);
    assert_eq!(out.status.code(), Some(2));
}

/// `compare`'s table shows whole credits whose items add up to each plan's total, in the
/// expected, low and high columns alike (issue 24's rule, in every face).
#[test]
fn compare_items_add_up_to_each_total() {
    let dir = tempfile::tempdir().unwrap();
    let s = |p: &std::path::Path| p.to_str().unwrap().to_string();
    let list = repo("sample-data/contacts.csv");
    let plans: Vec<std::path::PathBuf> = ["csv-enrichment", "api-bulk", "api-single"]
        .iter()
        .map(|ch| {
            let p = dir.path().join(format!("{ch}.enrichplan.json"));
            let out = common::run(&[
                "estimate",
                &s(&list),
                "--channel",
                ch,
                "--company",
                "--save-plan",
                &s(&p),
            ]);
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            p
        })
        .collect();
    let args: Vec<String> = std::iter::once("compare".to_string())
        .chain(plans.iter().map(|p| s(p)))
        .collect();
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = common::run(&argv);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    // "880 (553–1,283)": (expected, low, high) per plan on each line.
    let triples = |line: &str| -> Vec<[i64; 3]> {
        let n = |t: &str| t.replace(',', "").parse::<i64>().unwrap();
        line.split(')')
            .filter_map(|cell| {
                let (e, range) = cell.trim().rsplit_once(" (")?;
                let (l, h) = range.split_once('–')?;
                let e = e.rsplit(' ').next()?;
                Some([n(e), n(l), n(h)])
            })
            .collect()
    };
    let lines: Vec<&str> = text.lines().collect();
    let total_at = lines
        .iter()
        .position(|l| l.starts_with("Total credits"))
        .unwrap();
    let totals = triples(lines[total_at]);
    assert_eq!(totals.len(), 3, "{text}");
    let mut sums = [[0i64; 3]; 3];
    let mut item_lines = 0;
    for l in &lines[2..total_at] {
        let t = triples(l);
        assert_eq!(t.len(), 3, "{l}");
        item_lines += 1;
        for (plan, v) in t.iter().enumerate() {
            for k in 0..3 {
                sums[plan][k] += v[k];
            }
        }
    }
    assert!(item_lines >= 3, "{text}");
    for plan in 0..3 {
        assert_eq!(sums[plan], totals[plan], "plan {plan}:\n{text}");
    }
}
