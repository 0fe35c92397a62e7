//! The live account (issue 26) against a stand-in server on 127.0.0.1: the documented
//! answer, a free account, every error status, a slow answer, malformed and invalid JSON,
//! an answer too large. The server records every request: each test checks that it saw
//! exactly `GET /v3/account/usage` with the `api_key` header and no body (or nothing at
//! all when nothing should call out), and every output and file written is searched for
//! the key. The key comes from LUSHA_API_KEY; the OS credential store is never touched
//! (DBUS_SESSION_BUS_ADDRESS points nowhere in every run).

use std::io::Write;
use std::time::{Duration, Instant};

use crate::stand_in::{Reply, StandIn, reply};

use crate::common::{repo, shared};

const KEY: &str = "tk-7f3a9c1e5b-SECRET";

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
    took: Duration,
}

/// Run the binary in the repository with the key in LUSHA_API_KEY (or none), no base or
/// timeout from the environment, and no reachable credential store.
fn run_with(args: &[&str], key: Option<&str>, env: &[(&str, &str)], stdin: &str) -> Out {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_enrichplan"));
    c.args(args)
        .current_dir(repo(""))
        .env_remove("LUSHA_API_KEY")
        .env_remove("ENRICHPLAN_API_BASE")
        .env_remove("ENRICHPLAN_ACCOUNT_TIMEOUT_MS")
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=/nonexistent/enrichplan-test-bus",
        )
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    if let Some(k) = key {
        c.env("LUSHA_API_KEY", k);
    }
    for (k, v) in env {
        c.env(k, v);
    }
    let t0 = Instant::now();
    let mut child = c.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let o = Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        took: t0.elapsed(),
    };
    assert!(
        !o.stdout.contains(KEY) && !o.stderr.contains(KEY),
        "the key is in the output of {args:?}:\n{}\n{}",
        o.stdout,
        o.stderr
    );
    assert!(!o.stderr.contains("panicked"), "{}", o.stderr);
    o
}

fn run(args: &[&str]) -> Out {
    run_with(args, Some(KEY), &[], "")
}

fn reference(name: &str) -> Vec<u8> {
    std::fs::read(shared().join("reference/account-usage").join(name)).unwrap()
}

fn error_body(which: &str) -> Vec<u8> {
    let v: serde_json::Value = serde_json::from_slice(&reference("errors.json")).unwrap();
    serde_json::to_vec(&v[which]).unwrap()
}

fn json(o: &Out) -> serde_json::Value {
    assert_eq!(o.code, 0, "{}", o.stderr);
    serde_json::from_str(&o.stdout).unwrap()
}

/// Every file under `dir` must be free of the key.
fn no_key_in_files(dir: &std::path::Path) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        let bytes = std::fs::read(&p).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(KEY),
            "the key is in {}",
            p.display()
        );
    }
}

#[test]
fn account_prints_the_documented_answer_as_cli_md_says() {
    let server = StandIn::new(vec![reply(200, reference("ok.json"))]);
    let o = run(&["account", "--format", "json", "--api-base", &server.base]);
    let v = json(&o);
    server.saw_exactly_the_usage_call(KEY);
    // The top-level keys of cli.md, in its order.
    let keys: Vec<&str> = o
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("  \""))
        .filter_map(|l| l.split_once('"').map(|(k, _)| k))
        .collect();
    assert_eq!(keys, ["credits", "plan", "rate_limits", "pricing", "as_of"]);
    assert_eq!(v.as_object().unwrap().len(), 5);
    assert_eq!(
        v["credits"],
        serde_json::json!({"total": 10000, "used": 1500, "remaining": 8500})
    );
    assert_eq!(v["plan"]["category"], "professional");
    assert_eq!(v["plan"]["renewal_type"], "annual");
    assert_eq!(v["plan"]["end_date"], "2027-01-01T00:00:00Z");
    assert_eq!(
        v["rate_limits"]["minute"],
        serde_json::json!({"limit": 50, "used": 2, "remaining": 48, "resets_at": "2026-03-30T12:01:00Z"})
    );
    assert_eq!(v["rate_limits"]["daily"]["limit"], 5000);
    assert_eq!(v["pricing"]["revealPhone"]["credits"], 5);
    assert_eq!(v["pricing"]["revealEmail"]["per_quantity"], 1);
    assert!(
        chrono::DateTime::parse_from_rfc3339(v["as_of"].as_str().unwrap()).is_ok(),
        "{}",
        v["as_of"]
    );

    // The table for people.
    let server = StandIn::new(vec![reply(200, reference("ok.json"))]);
    let o = run(&["account", "--api-base", &server.base]);
    assert_eq!(o.code, 0, "{}", o.stderr);
    server.saw_exactly_the_usage_call(KEY);
    for want in [
        "8,500 of 10,000 left",
        "professional (annual)",
        "renews 2027-01-01",
        "Tier:        Pro",
        "per minute  48 of 50 left",
        "revealPhone",
    ] {
        assert!(o.stdout.contains(want), "{want}\n{}", o.stdout);
    }
    // The account's phone price beside a book that prices it otherwise: a warning.
    let server = StandIn::new(vec![reply(200, reference("ok.json"))]);
    let o = run(&[
        "account",
        "--api-base",
        &server.base,
        "--pricebook",
        "lusha-alt-2025",
    ]);
    assert!(
        o.stdout.contains("the account prices revealPhone at 5 credits, the price book lusha-alt-2025 prices phone at 1 credit"),
        "{}",
        o.stdout
    );
}

#[test]
fn estimate_with_the_account_uses_its_budget_renewal_date_and_cycle() {
    let dir = tempfile::tempdir().unwrap();
    let d = |n: &str| dir.path().join(n).display().to_string();
    let server = StandIn::new(vec![reply(200, reference("ok.json"))]);
    let base = server.base.clone();
    let (plan, md, html, rows, js) = (
        d("p.enrichplan.json"),
        d("r.md"),
        d("r.html"),
        d("rows.csv"),
        d("r.json"),
    );
    let mut args = vec![
        "estimate",
        "sample-data/contacts.csv",
        "--revealed",
        "sample-data/reveal-log.csv",
        "--today",
        "2026-12-04",
        "--channel",
        "api-bulk",
        "--format",
        "json",
    ];
    let with_account = [
        "--account",
        "--api-base",
        &base,
        "--save-plan",
        &plan,
        "--rows-out",
        &rows,
    ];
    let mut a = args.clone();
    a.extend(with_account);
    let v = json(&run(&a));
    server.saw_exactly_the_usage_call(KEY);
    assert_eq!(v["budget"]["remaining"], 8500.0);
    assert!(
        v["warnings"][0]
            .as_str()
            .unwrap()
            .starts_with("from the live account (as of "),
        "{}",
        v["warnings"]
    );
    // The same numbers as the account's given by hand: budget, renewal date, annual cycle.
    let mut by_hand = args.clone();
    by_hand.extend([
        "--budget",
        "8500",
        "--renewal-date",
        "2027-01-01",
        "--cycle",
        "annual",
        "--tier",
        "pro",
    ]);
    let h = json(&run(&by_hand));
    for k in [
        "rows",
        "already_revealed_rows",
        "billable_contacts",
        "credits",
        "breakdown",
        "budget",
    ] {
        assert_eq!(v[k], h[k], "{k}");
    }
    // The annual cycle counts the log's autumn entries; a monthly one would not.
    args.extend(["--renewal-date", "2027-01-01"]);
    let monthly = json(&run(&args));
    assert!(
        v["already_revealed_rows"].as_u64().unwrap()
            > monthly["already_revealed_rows"].as_u64().unwrap()
    );
    // Time to run under the account's own limits.
    let t = &v["time_to_run"];
    assert_eq!(t["source"], "account");
    assert_eq!(
        (&t["per_minute"], &t["per_hour"], &t["per_day"]),
        (
            &serde_json::json!(50),
            &serde_json::json!(500),
            &serde_json::json!(5000)
        )
    );
    let billable = v["billable_contacts"].as_u64().unwrap();
    assert_eq!(t["requests"].as_u64().unwrap(), billable.div_ceil(100));
    assert!(
        t["limits"]
            .as_str()
            .unwrap()
            .contains("the account's (Pro)")
    );
    // The saved plan holds the account's budget and cycle, and never the key.
    let p: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&plan).unwrap()).unwrap();
    assert_eq!(p["budget"], 8500.0);
    assert_eq!(p["cycle"]["renewal"], "2027-01-01");
    assert_eq!(p["cycle"]["length"], "annual");
    // Reports too.
    for out in [&md, &html, &js] {
        let server = StandIn::new(vec![reply(200, reference("ok.json"))]);
        let o = run(&[
            "estimate",
            "sample-data/contacts.csv",
            "--channel",
            "api-single",
            "--account",
            "--api-base",
            &server.base,
            "--report-out",
            out,
        ]);
        assert_eq!(o.code, 0, "{}", o.stderr);
        server.saw_exactly_the_usage_call(KEY);
        assert!(o.stdout.contains("Time to run: "), "{}", o.stdout);
    }
    assert!(
        std::fs::read_to_string(&md)
            .unwrap()
            .contains("Time to run: ")
    );
    no_key_in_files(dir.path());

    // Each flag still wins over the account's.
    let server = StandIn::new(vec![reply(200, reference("ok.json"))]);
    let v = json(&run(&[
        "estimate",
        "sample-data/contacts.csv",
        "--account",
        "--api-base",
        &server.base,
        "--budget",
        "100",
        "--format",
        "json",
    ]));
    assert_eq!(v["budget"]["remaining"], 100.0);
    assert_eq!(v["budget"]["status"], "over");
    // The account's tier (Pro) warns that CSV Enrichment is Scale's.
    assert!(
        v["warnings"].as_array().unwrap().iter().any(|w| w
            .as_str()
            .unwrap()
            .contains("CSV Enrichment is not on the Pro tier")),
        "{}",
        v["warnings"]
    );
    assert!(v.get("time_to_run").is_none(), "API channels only");
}

#[test]
fn a_free_account_has_no_cycle_and_its_own_limits() {
    let server = StandIn::new(vec![reply(200, reference("free.json"))]);
    let v = json(&run(&[
        "estimate",
        "sample-data/contacts.csv",
        "--channel",
        "api-single",
        "--account",
        "--api-base",
        &server.base,
        "--format",
        "json",
    ]));
    server.saw_exactly_the_usage_call(KEY);
    assert_eq!(v["budget"]["remaining"], 38.0);
    let warnings: Vec<&str> = v["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("the account is free") && w.contains("no billing cycle")),
        "{warnings:?}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("API access is not on the Free tier")),
        "{warnings:?}"
    );
    // 1,600-odd requests, 97 left today: said; timed at 40/min and 100/day (no hourly).
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("97 left in today's window")),
        "{warnings:?}"
    );
    let t = &v["time_to_run"];
    assert_eq!(t["per_hour"], serde_json::Value::Null);
    let n = t["requests"].as_u64().unwrap();
    assert_eq!(n, v["billable_contacts"].as_u64().unwrap());
    let days = t["days"].as_f64().unwrap();
    assert!(days >= (n / 100) as f64, "{days} days for {n} requests");
}

#[test]
fn every_error_status_has_its_own_message_and_exit_4() {
    let mut too_many = reply(429, error_body("429"));
    too_many.headers = vec![
        ("x-rate-limit-daily", "5000".into()),
        ("x-daily-requests-left", "4000".into()),
        ("x-rate-limit-minute", "5".into()),
        ("x-minute-requests-left", "0".into()),
    ];
    let mut day_gone = reply(429, error_body("429"));
    day_gone.headers = vec![
        ("x-rate-limit-daily", "100".into()),
        ("x-daily-requests-left", "0".into()),
    ];
    // A vendor message that repeats the key: it is shown without it.
    let echo = format!(r#"{{"statusCode": 403, "message": "key {KEY} is not active"}}"#);
    let cases: Vec<(Reply, &[&str])> = vec![
        (
            reply(401, error_body("401")),
            &["401", "refused", "account login"],
        ),
        (
            reply(403, error_body("403_inactive")),
            &["403", "Your account is not active"],
        ),
        (
            reply(403, error_body("403_v3")),
            &["403", "V3 API access is not enabled"],
        ),
        (reply(403, echo), &["403", "[the API key] is not active"]),
        (
            too_many,
            &["429", "try again in a minute", "per-minute limit 5, 0 left"],
        ),
        (day_gone, &["429", "try again tomorrow"]),
        (reply(500, error_body("500")), &["server failed (500)"]),
        (reply(503, "down"), &["server failed (503)"]),
        (reply(302, ""), &["unexpected answer (HTTP 302)"]),
        (reply(404, "{}"), &["unexpected answer (HTTP 404)"]),
    ];
    let mut messages = Vec::new();
    for (r, says) in cases {
        let server = StandIn::new(vec![r]);
        let o = run(&["account", "--api-base", &server.base]);
        server.saw_exactly_the_usage_call(KEY);
        assert_eq!(o.code, 4, "{says:?}: {}", o.stderr);
        assert!(o.stdout.is_empty());
        for s in says {
            assert!(o.stderr.contains(s), "{s} in {}", o.stderr);
        }
        assert!(
            o.stderr
                .starts_with("enrichplan: error: the account could not be read: ")
        );
        messages.push(o.stderr);
    }
    // estimate --account fails the same way, before reading the list.
    let server = StandIn::new(vec![reply(401, error_body("401"))]);
    let o = run(&[
        "estimate",
        "sample-data/contacts.csv",
        "--account",
        "--api-base",
        &server.base,
    ]);
    assert_eq!(o.code, 4, "{}", o.stderr);
    assert_eq!(o.stderr, messages[0]);
}

#[test]
fn a_slow_answer_times_out_and_bad_answers_are_refused() {
    let mut slow = reply(200, reference("ok.json"));
    slow.delay = Duration::from_secs(3);
    let server = StandIn::new(vec![slow]);
    let o = run_with(
        &["account", "--api-base", &server.base],
        Some(KEY),
        &[("ENRICHPLAN_ACCOUNT_TIMEOUT_MS", "1000")],
        "",
    );
    assert_eq!(o.code, 4, "{}", o.stderr);
    assert!(o.stderr.contains("no answer within 1 s"), "{}", o.stderr);
    assert!(o.took < Duration::from_millis(2800), "{:?}", o.took);
    server.saw_exactly_the_usage_call(KEY);

    let ok = String::from_utf8(reference("ok.json")).unwrap();
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            b"<html>Gateway</html>".to_vec(),
            "not the account usage JSON (not JSON",
        ),
        (b"{\"credits\": ".to_vec(), "not the account usage JSON"),
        (
            format!(r#"{{"credits": "{KEY}"}}"#).into_bytes(),
            "not the account usage JSON",
        ),
        (
            ok.replacen("\"remaining\": 8500", "\"remaining\": 12000", 1)
                .into_bytes(),
            "credits.remaining = 12,000 above credits.total = 10,000",
        ),
        (
            ok.replacen("\"used\": 1500", "\"used\": -1", 1)
                .into_bytes(),
            "credits.used = -1",
        ),
        (
            ok.replacen("2027-01-01T00:00:00.000Z", "someday", 1)
                .into_bytes(),
            "plan.endDate = `someday`",
        ),
        (vec![b' '; 2 << 20], "larger than 1.0 MB"),
    ];
    for (body, says) in cases {
        let server = StandIn::new(vec![reply(200, body)]);
        let o = run(&["account", "--format", "json", "--api-base", &server.base]);
        assert_eq!(o.code, 4, "{says}: {}", o.stderr);
        assert!(o.stdout.is_empty(), "nothing used: {}", o.stdout);
        assert!(o.stderr.contains(says), "{says} in {}", o.stderr);
        server.saw_exactly_the_usage_call(KEY);
    }
}

#[test]
fn the_account_prices_replace_the_books_with_pricebook_account() {
    let ok = String::from_utf8(reference("ok.json")).unwrap();
    let priced = ok.replacen(
        r#""revealPhone": { "credits": 5, "perQuantity": 1 }"#,
        r#""revealPhone": { "credits": 6, "perQuantity": 2 }, "enrichCompany": { "credits": 2, "perQuantity": 1 }"#,
        1,
    );
    assert_ne!(ok, priced);
    let server = StandIn::new(vec![reply(200, priced.clone())]);
    let v = json(&run(&[
        "estimate",
        "sample-data/contacts.csv",
        "--pricebook",
        "account",
        "--api-base",
        &server.base,
        "--format",
        "json",
        "--reveal",
        "phone",
        "--match-rate",
        "1",
        "--phone-rate",
        "1",
    ]));
    server.saw_exactly_the_usage_call(KEY);
    assert_eq!(v["pricebook"], "account");
    assert!(
        v["pricebook_name"]
            .as_str()
            .unwrap()
            .contains("live account"),
        "{}",
        v["pricebook_name"]
    );
    // 3 credits a phone (6 per 2).
    let billable = v["billable_contacts"].as_f64().unwrap();
    assert_eq!(v["breakdown"]["phone"]["expected"], billable * 3.0);
    // No budget or cycle without --account.
    assert!(v.get("budget").is_none());
    let warnings = v["warnings"].to_string();
    assert!(warnings.contains("enrichCompany") && warnings.contains("not compared"));
    assert!(
        !warnings.contains("--pricebook account prices with"),
        "{warnings}"
    );

    // With the shipped book: the difference is a warning naming the action and both prices.
    let server = StandIn::new(vec![reply(200, priced)]);
    let v = json(&run(&[
        "estimate",
        "sample-data/contacts.csv",
        "--account",
        "--api-base",
        &server.base,
        "--format",
        "json",
    ]));
    assert_eq!(v["pricebook"], "lusha-help-2026");
    let warnings = v["warnings"].to_string();
    assert!(
        warnings.contains("the account prices revealPhone at 3 credits, the price book lusha-help-2026 prices phone at 5 credits"),
        "{warnings}"
    );
}

#[test]
fn nothing_calls_out_unless_asked_and_only_over_https() {
    // A key and a base in the environment, but no --account: no request.
    let server = StandIn::new(vec![reply(200, reference("ok.json"))]);
    let o = run_with(
        &[
            "estimate",
            "sample-data/contacts.csv",
            "--channel",
            "api-bulk",
            "--tier",
            "pro",
            "--format",
            "json",
        ],
        Some(KEY),
        &[("ENRICHPLAN_API_BASE", &server.base)],
        "",
    );
    let v = json(&o);
    assert_eq!(v["time_to_run"]["source"], "tier");
    assert!(
        v["time_to_run"]["limits"]
            .as_str()
            .unwrap()
            .starts_with("Pro (shipped table)")
    );
    // ENRICHPLAN_API_BASE is used when asked.
    let o = run_with(
        &["account"],
        Some(KEY),
        &[("ENRICHPLAN_API_BASE", &server.base)],
        "",
    );
    assert_eq!(o.code, 0, "{}", o.stderr);
    server.saw_exactly_the_usage_call(KEY);

    // Argument errors (exit 2) before any request.
    let server = StandIn::new(vec![reply(200, reference("ok.json"))]);
    for (args, says) in [
        (
            vec!["account", "--api-base", "http://example.com"],
            "only over https",
        ),
        (
            vec!["account", "--api-base", "ftp://127.0.0.1"],
            "is not https",
        ),
        (
            vec![
                "estimate",
                "sample-data/contacts.csv",
                "--api-base",
                server.base.as_str(),
            ],
            "only with --account",
        ),
        (
            vec![
                "estimate",
                "sample-data/contacts.csv",
                "--account",
                "--api-base",
                server.base.as_str(),
                "--tier",
                "gold",
            ],
            "--tier gold: use one of free, starter, pro, premium, scale",
        ),
        (
            vec![
                "estimate",
                "sample-data/contacts.csv",
                "--account",
                "--api-base",
                server.base.as_str(),
                "--match-rate",
                "7",
            ],
            "--match-rate",
        ),
    ] {
        let o = run(&args);
        assert_eq!(o.code, 2, "{args:?}: {}", o.stderr);
        assert!(o.stderr.contains(says), "{says} in {}", o.stderr);
    }
    assert!(server.seen().is_empty(), "{:#?}", server.seen());

    // No key anywhere (and no credential store reachable): exit 4, nothing sent.
    let o = run_with(&["account", "--api-base", &server.base], None, &[], "");
    assert_eq!(o.code, 4, "{}", o.stderr);
    assert!(
        o.stderr.contains("no API key") && o.stderr.contains("LUSHA_API_KEY"),
        "{}",
        o.stderr
    );
    assert!(server.seen().is_empty());
}

/// `account login` reads the key from standard input when it is not a terminal; with no
/// credential store reachable (as here: no session bus) it says so, exit 4, and never
/// shows the key. The store itself is tested against keyring-core's in-memory mock store
/// (src/account/key.rs): a test never writes to a real OS store.
#[cfg(target_os = "linux")]
#[test]
fn login_without_a_reachable_store_says_so() {
    for action in ["login", "logout"] {
        let o = run_with(&["account", action], None, &[], &format!("{KEY}\n"));
        assert_eq!(o.code, 4, "{action}: {}", o.stderr);
        assert!(
            o.stderr.contains("the OS credential store failed"),
            "{action}: {}",
            o.stderr
        );
    }
    // An empty key is refused before the store is opened.
    let o = run_with(&["account", "login"], None, &[], "\n");
    assert_eq!(o.code, 2, "{}", o.stderr);
    assert!(o.stderr.contains("the key is empty"), "{}", o.stderr);
}
