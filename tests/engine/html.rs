//! The HTML pages of an estimate and of a comparison (issue 29): parsed with a browser's
//! parser (html5ever, through `scraper`), checked for structure, for being self-contained
//! (no script, no URL, nothing fetched), for escaping every value, and for showing the
//! numbers of `--format json`; then rendered by a real browser.
//!
//! The browser test ([`pages_render_in_chromium`]) runs headless Chromium from the
//! distribution's packages (`apt-get install chromium`; `.ci/run` installs it), renders the
//! sample's estimate and a two-plan comparison to PNG, checks they are not blank and match
//! `tests/fixtures/html/*.png` within a small tolerance. Without Chromium it fails saying
//! to install it, unless `ENRICHPLAN_SKIP_BROWSER=1` is set, which skips it.
//! `UPDATE_SNAPSHOTS=1` rewrites the reference images (look at them before committing).
//! The README's screenshots come from `cargo test --test engine html::readme_screenshots
//! -- --ignored`.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, TimeZone};
use enrichplan::cycle::Cycle;
use enrichplan::engine::{self, AnalysisInput, Outcome};
use enrichplan::html;
use enrichplan::input::reader::ReadOptions;
use enrichplan::input::roles::Role;
use enrichplan::plan::{Money, Plan, SavedResult};
use enrichplan::pricebook::{self, PriceBook};
use enrichplan::pricing::{self, Credits, Item, Settings};
use enrichplan::progress::Progress;
use enrichplan::report::{self, JsonReport};
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use crate::common::{json, repo, run};

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// The date every page made here shows.
fn made() -> DateTime<FixedOffset> {
    FixedOffset::east_opt(0)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 26, 9, 30, 0)
        .unwrap()
}

/// The sample list's estimate as the CLI makes it (budget 2,500, split by Country), from
/// the library, with the list named by its path relative to the repository (the tests run
/// there), so that the page is the same on every machine.
fn sample(money: Option<f64>) -> (JsonReport, Outcome, PriceBook) {
    let path = Path::new("sample-data/contacts.csv");
    assert!(path.exists(), "the tests run in the repository's folder");
    let book = pricebook::default_book();
    let list = engine::load_list(path, &ReadOptions::default(), &Progress::new()).unwrap();
    let mapping = list.detection.mapping.clone();
    let a = engine::analyze(
        &AnalysisInput {
            list: &list.table,
            mapping: &mapping,
            log: None,
            cycle: Cycle::default(),
            today: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        },
        &Progress::new(),
    )
    .unwrap();
    let settings = Settings::defaults(&book);
    let outcome = engine::estimate(&a, &settings, &book, Some(2500.0));
    let mut json = report::json_report(
        &outcome,
        &settings,
        &book,
        mapping.to_json_map(&Role::LIST),
        Some(&list.table),
    );
    json.groups =
        Some(enrichplan::segments::group_by(&a, &list.table, "Country", &settings, &book).unwrap());
    json.group_by = Some("Country".into());
    json.set_money(&Money {
        price_per_credit: money,
        currency: Some("USD".into()),
    });
    (json, outcome, book)
}

fn sample_page() -> String {
    let (json, outcome, book) = sample(Some(0.12));
    html::estimate_page_at(&json, &outcome, &book, "Q1 outreach list", made())
}

/// Two plans of the sample saved by the binary in `dir` (the list copied beside them), as
/// `compare` loads them; their saved dates are set to [`made`] so pages are the same.
fn two_plans(dir: &Path, names: [&str; 2]) -> Vec<(PathBuf, Plan)> {
    let list = dir.join("contacts.csv");
    std::fs::copy(repo("sample-data/contacts.csv"), &list).unwrap();
    let runs: [&[&str]; 2] = [
        &[
            "--budget",
            "2500",
            "--price-per-credit",
            "0.12",
            "--currency",
            "USD",
        ],
        &[
            "--channel",
            "api-bulk",
            "--reveal",
            "email",
            "--budget",
            "2500",
            "--price-per-credit",
            "0.12",
            "--currency",
            "USD",
        ],
    ];
    let mut plans = Vec::new();
    for (i, (name, extra)) in names.iter().zip(runs).enumerate() {
        let path = dir.join(format!("plan{i}.enrichplan.json"));
        let mut args = vec![
            "estimate",
            s(&list),
            "--format",
            "json",
            "--name",
            name,
            "--save-plan",
            s(&path),
        ];
        args.extend(extra);
        json(&args);
        let mut plan = Plan::load(&path).unwrap();
        if let Some(r) = plan.result.as_mut() {
            r.computed = made().with_timezone(&chrono::Utc);
        }
        plans.push((path, plan));
    }
    plans
}

// ---------------------------------------------------------------------------------------
// Reading pages.

fn parse(page: &str) -> Html {
    let doc = Html::parse_document(page);
    assert!(doc.errors.is_empty(), "HTML parse errors: {:?}", doc.errors);
    doc
}

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap()
}

/// The text of an element, white space collapsed.
fn text(e: ElementRef<'_>) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn texts(doc: &Html, css: &str) -> Vec<String> {
    doc.select(&sel(css)).map(text).collect()
}

fn one(doc: &Html, css: &str) -> String {
    let v = texts(doc, css);
    assert_eq!(v.len(), 1, "{css}: {v:?}");
    v[0].clone()
}

/// "1,234", "−56", "+7" as a number.
fn number(t: &str) -> i64 {
    let t = t.trim().replace(',', "").replace('−', "-").replace('+', "");
    t.parse()
        .unwrap_or_else(|_| panic!("`{t}` is not a whole number"))
}

/// The numeric cells of a table row.
fn cells(row: ElementRef<'_>) -> Vec<String> {
    row.select(&sel("td")).map(text).collect()
}

fn credits(v: &Value) -> Credits {
    Credits {
        expected: v["expected"].as_f64().unwrap(),
        low: v["low"].as_f64().unwrap(),
        high: v["high"].as_f64().unwrap(),
    }
}

/// Nothing in the page is fetched or run: no script, no element that loads anything, no
/// URL in an attribute or a style, no event handler; links only to `#` anchors.
fn assert_self_contained(doc: &Html) {
    for e in doc.root_element().descendent_elements() {
        let el = e.value();
        let name = el.name();
        assert!(
            ![
                "script",
                "link",
                "img",
                "iframe",
                "object",
                "embed",
                "base",
                "video",
                "audio",
                "source",
                "image",
                "use",
                "foreignobject",
                "form",
                "input",
            ]
            .contains(&name.to_ascii_lowercase().as_str()),
            "a <{name}> element"
        );
        for (attr, value) in el.attrs() {
            let a = attr.to_ascii_lowercase();
            assert!(!a.starts_with("on"), "an event handler `{attr}`");
            assert!(
                a != "src" && a != "srcset" && a != "action",
                "<{name} {attr}>"
            );
            if a == "href" || a.ends_with(":href") {
                assert!(value.starts_with('#'), "<{name} {attr}={value:?}>");
            }
            let v = value.to_ascii_lowercase();
            assert!(
                !v.contains("url(") && !v.contains("javascript:") && !v.contains("://"),
                "<{name} {attr}={value:?}>"
            );
        }
        if name == "meta" {
            assert!(el.attr("http-equiv").is_none(), "a <meta http-equiv>");
        }
    }
    assert_eq!(doc.select(&sel("style")).count(), 1, "one stylesheet");
    assert_eq!(doc.select(&sel("head > style")).count(), 1, "in the head");
}

/// The same on the bytes, for a page whose values hold nothing URL-like: no scheme, no
/// `src=`, no import or `url(` in the stylesheet, every `href` an anchor.
fn assert_no_url_text(page: &str) {
    let lower = page.to_ascii_lowercase();
    for bad in [
        "http://",
        "https://",
        "ftp://",
        "file://",
        "src=",
        "<script",
        "@import",
        "url(",
        "javascript:",
        "@font-face",
        "xmlns",
    ] {
        assert!(!lower.contains(bad), "the page holds `{bad}`");
    }
    for (i, _) in lower.match_indices("href=") {
        assert!(
            lower[i + 5..].starts_with("\"#"),
            "a link to {}",
            &page[i..i + 40]
        );
    }
}

// ---------------------------------------------------------------------------------------
// Structure.

/// One document with its title, the summary, the breakdown rows (items, then the total),
/// the funnel, the segments, the charts as SVG, the assumptions, mapping and warnings.
#[test]
fn estimate_page_structure() {
    let page = sample_page();
    let doc = parse(&page);
    assert!(page.starts_with("<!DOCTYPE html>"));
    for tag in ["html", "head", "body", "main", "header", "footer"] {
        assert_eq!(doc.select(&sel(tag)).count(), 1, "<{tag}>");
    }
    assert_eq!(
        one(&doc, "head > title"),
        "Credit estimate — Q1 outreach list"
    );
    assert_eq!(one(&doc, "h1"), "Q1 outreach list");
    assert_eq!(
        doc.select(&sel("meta[charset]"))
            .next()
            .unwrap()
            .attr("charset"),
        Some("utf-8")
    );
    // The breakdown: Emails and Phones, then the total.
    let items: Vec<&str> = doc
        .select(&sel("table.breakdown tbody tr"))
        .map(|r| r.attr("data-item").unwrap())
        .collect();
    assert_eq!(items, ["email", "phone"]);
    assert_eq!(doc.select(&sel("table.breakdown tfoot tr")).count(), 1);
    // The charts: items with one whisker per item, segments, and the funnel's bars.
    assert_eq!(doc.select(&sel("#chart-items svg rect.bar")).count(), 2);
    assert_eq!(doc.select(&sel("#chart-items svg path.whisker")).count(), 2);
    assert_eq!(doc.select(&sel("#chart-segments svg rect.bar")).count(), 12);
    assert_eq!(doc.select(&sel("table.funnel svg")).count(), 6);
    for svg in doc.select(&sel("svg.chart")) {
        assert!(svg.attr("viewBox").is_some() && svg.attr("role") == Some("img"));
    }
    // The funnel's stages in order.
    let stages: Vec<&str> = doc
        .select(&sel("table.funnel tr[data-stage]"))
        .map(|r| r.attr("data-stage").unwrap())
        .collect();
    assert_eq!(
        stages,
        [
            "rows",
            "unmatchable",
            "duplicates",
            "already-revealed",
            "nothing-needed",
            "billable"
        ]
    );
    for id in [
        "breakdown",
        "funnel",
        "segments",
        "assumptions",
        "mapping",
        "warnings",
    ] {
        assert_eq!(
            doc.select(&sel(&format!("section#{id}"))).count(),
            1,
            "{id}"
        );
    }
    assert_eq!(
        one(&doc, "#budget .status"),
        "Over budget",
        "the sample is over a 2,500 budget"
    );
    // The date it was made, as given.
    assert!(one(&doc, "footer").contains("2026-11-26 09:30 (UTC+00:00)"));
    assert!(one(&doc, ".meta").contains("2026-11-26 09:30"));
    assert_self_contained(&doc);
    assert_no_url_text(&page);
}

/// Money at a price per credit: the JSON's amounts, in the currency, beside the credits;
/// without a price there is no money line.
#[test]
fn money_is_shown_when_there_is_a_price() {
    let (json, outcome, book) = sample(Some(0.12));
    let m = json.money.as_ref().unwrap();
    assert!((m.expected - json.credits.expected * 0.12).abs() < 1e-9);
    let doc = parse(&html::estimate_page_at(&json, &outcome, &book, "t", made()));
    let line = one(&doc, "#money");
    for v in [m.expected, m.low, m.high] {
        let shown = enrichplan::text::money(v);
        assert!(line.contains(&shown), "{line} lacks {shown}");
    }
    assert!(line.contains("USD 0.12 per credit"), "{line}");
    assert!(
        line.contains(&format!(
            "About USD {}",
            enrichplan::text::money(m.expected)
        )),
        "{line}"
    );
    // The JSON carries it too, as an addition.
    let v = serde_json::to_value(&json).unwrap();
    assert_eq!(v["money"]["currency"], "USD");
    let (json, outcome, book) = sample(None);
    assert!(json.money.is_none());
    assert!(serde_json::to_value(&json).unwrap().get("money").is_none());
    let doc = parse(&html::estimate_page_at(&json, &outcome, &book, "t", made()));
    assert!(texts(&doc, "#money").is_empty());
}

// ---------------------------------------------------------------------------------------
// The numbers are the JSON's.

/// `estimate --format json --report-out page.html` through the binary: every figure on
/// the page is the JSON's (whole credits as the other reports round them), the items add
/// up to the total in every column, and the funnel's stages add up to the rows.
#[test]
fn numbers_equal_the_json() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    let list = repo("sample-data/contacts.csv");
    let j = json(&[
        "estimate",
        s(&list),
        "--format",
        "json",
        "--budget",
        "2500",
        "--group-by",
        "Country",
        "--report-out",
        s(&out),
    ]);
    let page = std::fs::read_to_string(&out).unwrap();
    let doc = parse(&page);
    assert_self_contained(&doc);
    assert_no_url_text(&page);

    // The headline.
    let total = credits(&j["credits"]);
    let (exp, low, high) = pricing::shown(&total);
    assert_eq!(number(&one(&doc, "#credits-expected")), exp);
    assert_eq!(number(&one(&doc, "#credits-low")), low);
    assert_eq!(number(&one(&doc, "#credits-high")), high);

    // The breakdown: the JSON's non-zero items, whole credits by pricing::shown_items.
    let items: Vec<(Item, Credits)> = Item::ALL
        .into_iter()
        .map(|i| (i, credits(&j["breakdown"][i.key()])))
        .filter(|(_, c)| !c.is_zero())
        .collect();
    let (shown, t) = pricing::shown_items(&items.iter().map(|x| x.1).collect::<Vec<_>>(), &total);
    assert_eq!(t, (exp, low, high));
    let rows: Vec<ElementRef> = doc.select(&sel("table.breakdown tbody tr")).collect();
    assert_eq!(rows.len(), items.len());
    let mut sums = [0i64; 3];
    for ((row, (item, _)), (e, l, h)) in rows.iter().zip(&items).zip(&shown) {
        assert_eq!(row.attr("data-item"), Some(item.key()));
        let c = cells(*row);
        assert_eq!(c[0], item.label());
        let (pl, pe, ph) = (number(&c[2]), number(&c[3]), number(&c[4]));
        assert_eq!((pe, pl, ph), (*e, *l, *h), "{}", item.key());
        sums[0] += pl;
        sums[1] += pe;
        sums[2] += ph;
    }
    let foot = cells(doc.select(&sel("table.breakdown tfoot tr")).next().unwrap());
    let foot: Vec<i64> = foot[2..].iter().map(|t| number(t)).collect();
    assert_eq!(foot, [low, exp, high]);
    assert_eq!(
        sums.to_vec(),
        foot,
        "the items add up to the total in every column"
    );

    // The funnel: the five statuses of the JSON, and what is left after each.
    let stage = |k: &str| -> Vec<String> {
        cells(
            doc.select(&sel(&format!("table.funnel tr[data-stage=\"{k}\"]")))
                .next()
                .unwrap(),
        )
    };
    let n = |k: &str| j[k].as_i64().unwrap();
    assert_eq!(number(&stage("rows")[1]), n("rows"));
    let mut left = n("rows");
    for (k, key) in [
        ("unmatchable", "unmatchable_rows"),
        ("duplicates", "duplicate_rows"),
        ("already-revealed", "already_revealed_rows"),
        ("nothing-needed", "nothing_needed_rows"),
    ] {
        let c = stage(k);
        assert_eq!(-number(&c[1]), n(key), "{k}");
        left -= n(key);
        assert_eq!(number(&c[2]), left, "{k}");
    }
    assert_eq!(number(&stage("billable")[2]), n("billable_contacts"));
    assert_eq!(
        left,
        n("billable_contacts"),
        "the statuses add up to the rows"
    );

    // Budget and fit to budget.
    let b = &j["budget"];
    let card = doc.select(&sel("#budget")).next().unwrap();
    assert_eq!(card.attr("data-status"), b["status"].as_str());
    assert!(text(card).contains(&format!(
        "{} credits remaining",
        enrichplan::text::int(b["remaining"].as_f64().unwrap() as u64)
    )));
    let fit = one(&doc, "#fit");
    let (fe, _, fh) = pricing::shown(&credits(&b["fit_credits"]));
    for part in [
        format!("keep the first {} of", b["fit_contacts"]),
        format!(
            "{} billable contacts",
            enrichplan::text::int(b["billable_contacts"].as_u64().unwrap())
        ),
        format!("{} credits expected", enrichplan::text::int(fe as u64)),
        format!("{} at the high estimate", enrichplan::text::int(fh as u64)),
    ] {
        assert!(fit.contains(&part), "{fit} lacks {part}");
    }

    // Segments: the largest values with the JSON's rows, billable and credits, the rest
    // added up, and the whole adding up to the total expected credits.
    let groups = j["groups"].as_array().unwrap();
    let seg: Vec<Vec<String>> = doc
        .select(&sel("table.segments tbody tr"))
        .map(cells)
        .collect();
    assert_eq!(seg.len(), 13, "12 values and the others");
    for (row, g) in seg[..12].iter().zip(groups) {
        let value = g["value"].as_str().unwrap();
        assert_eq!(row[0], if value.is_empty() { "(empty)" } else { value });
        assert_eq!(number(&row[1]), g["rows"].as_i64().unwrap());
        assert_eq!(number(&row[2]), g["billable_contacts"].as_i64().unwrap());
        let c = g["credits"]["expected"].as_f64().unwrap();
        assert!((number(&row[3]) as f64 - c).abs() < 1.0, "{value}: {c}");
    }
    assert_eq!(seg[12][0], format!("{} other values", groups.len() - 12));
    let rest: i64 = groups[12..]
        .iter()
        .map(|g| g["rows"].as_i64().unwrap())
        .sum();
    assert_eq!(number(&seg[12][1]), rest);
    let seg_sum: i64 = seg.iter().map(|r| number(&r[3])).sum();
    assert_eq!(seg_sum, exp, "the segments add up to the expected total");

    // Assumptions: the JSON's rates.
    let rates: Vec<Vec<String>> = doc
        .select(&sel("table.assumptions tbody tr"))
        .map(cells)
        .collect();
    for (row, key) in rates.iter().zip(["match_rate", "email_rate", "phone_rate"]) {
        let r = &j["assumptions"][key];
        for (cell, end) in row[1..4].iter().zip(["low", "expected", "high"]) {
            let pct: f64 = cell.trim_end_matches('%').parse().unwrap();
            assert!(
                (pct - r[end].as_f64().unwrap() * 100.0).abs() < 0.051,
                "{key} {end}"
            );
        }
        assert!(row[4].contains("price book default"), "{row:?}");
    }

    // The mapping: the JSON's roles and columns, headers only.
    let mapping = j["mapping"].as_object().unwrap();
    let shown: Vec<(String, Vec<String>)> = doc
        .select(&sel("table.mapping tbody tr"))
        .map(|r| {
            (
                r.attr("data-role").unwrap().to_string(),
                r.select(&sel(".col")).map(text).collect(),
            )
        })
        .collect();
    assert_eq!(shown.len(), mapping.len());
    for (role, cols) in shown {
        let want: Vec<String> = mapping[&role]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c.as_str().unwrap().to_string())
            .collect();
        assert_eq!(cols, want, "{role}");
    }

    // Price book, channel, warnings.
    assert!(one(&doc, ".meta").contains(j["pricebook"].as_str().unwrap()));
    let warnings = texts(&doc, "ul.warnings li");
    let want: Vec<String> = j["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| {
            w.as_str()
                .unwrap()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    assert_eq!(warnings, want);

    // No cell of the list is on the page (its emails, names and phones), only headers.
    let csv = std::fs::read_to_string(&list).unwrap();
    let body = text(doc.select(&sel("body")).next().unwrap());
    for line in csv.lines().skip(1).take(50) {
        for cell in line
            .split(',')
            .filter(|c| c.contains('@') || c.contains("linkedin.com/in/"))
        {
            assert!(
                !body.contains(cell.trim_matches('"')),
                "a cell on the page: {cell}"
            );
        }
    }
}

/// A Workspace spec's page: a row per table, the total's items adding up, self-contained.
#[test]
fn workspace_spec_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("ws.htm");
    let j = json(&[
        "estimate",
        "--spec",
        s(&repo("sample-data/workspace-plan.toml")),
        "--format",
        "json",
        "--report-out",
        s(&out),
    ]);
    let page = std::fs::read_to_string(&out).unwrap();
    let doc = parse(&page);
    assert_self_contained(&doc);
    let tables = j["tables"].as_array().unwrap();
    let rows: Vec<Vec<String>> = doc
        .select(&sel("table.tables tbody tr"))
        .map(cells)
        .collect();
    assert_eq!(rows.len(), tables.len());
    for (row, t) in rows.iter().zip(tables) {
        assert!(row[0].starts_with(t["name"].as_str().unwrap()), "{row:?}");
        assert_eq!(number(&row[1]), t["rows"].as_i64().unwrap());
        assert_eq!(number(&row[4]), pricing::shown(&credits(&t["credits"])).0);
    }
    let total = pricing::shown(&credits(&j["credits"]));
    assert_eq!(number(&one(&doc, "#credits-expected")), total.0);
    let sum: i64 = doc
        .select(&sel("table.breakdown tbody tr"))
        .map(|r| number(&cells(r)[3]))
        .sum();
    assert_eq!(sum, total.0);
    assert_eq!(one(&doc, ".meta dt:nth-of-type(2)"), "Workspace plan");
}

/// `.html`, `.htm` and upper case pick the page; an unknown extension's message lists it.
/// On an API channel the page says how long the run takes, as `time_to_run` in the JSON:
/// the requests, the duration in days and hours, and the limits; on others it says nothing.
#[test]
fn time_to_run_is_on_the_page_on_api_channels() {
    let dir = tempfile::tempdir().unwrap();
    let list = repo("sample-data/contacts.csv");
    for (channel, tier) in [("api-bulk", None), ("api-single", Some("pro"))] {
        let out = dir.path().join(format!("{channel}.html"));
        let mut args = vec![
            "estimate",
            s(&list),
            "--format",
            "json",
            "--channel",
            channel,
            "--report-out",
            s(&out),
        ];
        if let Some(t) = tier {
            args.extend(["--tier", t]);
        }
        let j = json(&args);
        let t = &j["time_to_run"];
        assert!(t.is_object(), "{j}");
        let page = std::fs::read_to_string(&out).unwrap();
        let doc = parse(&page);
        assert_self_contained(&doc);
        assert_eq!(
            number(&one(&doc, "#time-to-run-requests")),
            t["requests"].as_i64().unwrap()
        );
        let section = one(&doc, "#time-to-run");
        let days = t["days"].as_f64().unwrap();
        let hours = t["hours"].as_f64().unwrap();
        let minutes = (days * 1440.0).round() as u64;
        let duration = enrichplan::account::tiers::duration_words(minutes);
        assert_eq!(one(&doc, "#time-to-run-duration"), duration);
        assert!(
            section.contains(&format!("({days:.2} days, {hours:.2} hours)")),
            "{section}"
        );
        let window =
            |k: &str| format!("{} requests", enrichplan::text::int(t[k].as_u64().unwrap()));
        assert_eq!(
            texts(&doc, "#time-to-run dd"),
            [
                t["limits"].as_str().unwrap().to_string(),
                window("per_minute"),
                window("per_hour"),
                window("per_day")
            ]
        );
        if tier.is_some() {
            assert!(section.contains("Pro (shipped table)"), "{section}");
        }
    }
    let out = dir.path().join("csv.html");
    let j = json(&[
        "estimate",
        s(&list),
        "--format",
        "json",
        "--report-out",
        s(&out),
    ]);
    assert!(j["time_to_run"].is_null(), "{j}");
    let doc = parse(&std::fs::read_to_string(&out).unwrap());
    assert!(texts(&doc, "#time-to-run").is_empty());
}

#[test]
fn the_report_extension_picks_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let list = repo("sample-data/contacts.csv");
    for name in ["a.html", "b.htm", "C.HTML"] {
        let out = dir.path().join(name);
        json(&[
            "estimate",
            s(&list),
            "--format",
            "json",
            "--report-out",
            s(&out),
        ]);
        let page = std::fs::read_to_string(&out).unwrap();
        assert!(page.starts_with("<!DOCTYPE html>"), "{name}");
    }
    let out = run(&[
        "estimate",
        s(&list),
        "--report-out",
        s(&dir.path().join("r.pdf")),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(".html"));
}

// ---------------------------------------------------------------------------------------
// Escaping.

const SCRIPT: &str = "<script>alert(1)</script>";
const PLAN: &str = "A & B \"quoted\" <i>'x'</i>";

/// A list whose file, columns and cells hold markup, and a plan name with `&` and quotes:
/// every one renders as its own text, and no element comes from them.
#[test]
fn every_value_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("q<&>\"'");
    std::fs::create_dir(&sub).unwrap();
    let list = sub.join("list <b>&amp; \"x\".csv");
    let region = "Region <img src=x onerror=alert(2)>";
    let value = "<svg onload=alert(3)>&nbsp;\"'";
    std::fs::write(
        &list,
        format!(
            "First Name,Last Name,Company,{SCRIPT},\"{region}\"\n\
             Ada,Lovelace,Acme,ada@acme.com,\"{}\"\n\
             Alan,Turing,Acme,alan@acme.com,North\n",
            value.replace('"', "\"\"")
        ),
    )
    .unwrap();
    let out = dir.path().join("page.html");
    let map = format!("email={SCRIPT}");
    json(&[
        "estimate",
        s(&list),
        "--format",
        "json",
        "--map",
        &map,
        "--name",
        PLAN,
        "--group-by",
        region,
        "--report-out",
        s(&out),
    ]);
    let page = std::fs::read_to_string(&out).unwrap();
    let doc = parse(&page);
    assert_self_contained(&doc);
    // No element made of a value: one svg per chart and funnel row, none from a cell.
    assert_eq!(doc.select(&sel("script")).count(), 0);
    assert_eq!(doc.select(&sel("img")).count(), 0);
    assert_eq!(doc.select(&sel("i")).count(), 0);
    assert_eq!(doc.select(&sel("svg[onload]")).count(), 0);
    // Each value is its own text.
    assert_eq!(one(&doc, "h1"), PLAN);
    assert_eq!(
        one(&doc, "head > title"),
        format!("Credit estimate — {PLAN}")
    );
    let source = doc
        .select(&sel(".meta dd"))
        .map(text)
        .find(|t| t.contains("list "))
        .unwrap();
    assert!(source.starts_with(&list.display().to_string()), "{source}");
    let cols: Vec<String> = texts(&doc, "tr[data-role=\"email\"] .col");
    assert_eq!(cols, [SCRIPT]);
    assert_eq!(one(&doc, "#segments h2"), format!("By {region}"));
    let values: Vec<String> = doc
        .select(&sel("table.segments tbody tr"))
        .map(|r| cells(r)[0].clone())
        .collect();
    assert!(values.contains(&value.to_string()), "{values:?}");
    // The chart's labels are text too (cut to fit, the whole value in the tooltip).
    let labels = texts(&doc, "#chart-segments svg text title");
    assert!(labels.contains(&value.to_string()), "{labels:?}");

    // A comparison with that name and markup in the notes.
    let plans_dir = tempfile::tempdir().unwrap();
    let mut plans = two_plans(plans_dir.path(), [PLAN, SCRIPT]);
    plans[0].1.notes = "<b>bold</b> & \"notes\"".into();
    let page = html::compare_page_at(&plans, made()).unwrap();
    let doc = parse(&page);
    assert_self_contained(&doc);
    assert_eq!(doc.select(&sel("script")).count(), 0);
    assert_eq!(
        doc.select(&sel("b"))
            .map(text)
            .filter(|t| t == "bold")
            .count(),
        0
    );
    let heads = texts(&doc, "th.plan");
    assert!(
        heads[0].starts_with(PLAN) && heads[1].starts_with(SCRIPT),
        "{heads:?}"
    );
    assert_eq!(one(&doc, "h1"), format!("{PLAN} vs {SCRIPT}"));
    assert_eq!(one(&doc, "dl.notes dd"), "<b>bold</b> & \"notes\"");
}

// ---------------------------------------------------------------------------------------
// Comparison.

/// Two plans saved by the binary: both columns, the difference (the second minus the
/// first) of the figures `compare --format json` gives, the cheapest marked, one grouped
/// chart with a bar per plan and item, self-contained.
#[test]
fn compare_page_shows_both_plans_and_the_difference() {
    let dir = tempfile::tempdir().unwrap();
    let plans = two_plans(dir.path(), ["CSV, email and phone", "API bulk, email only"]);
    let c = json(&[
        "compare",
        s(&plans[0].0),
        s(&plans[1].0),
        "--format",
        "json",
    ]);
    let page = html::compare_page_at(&plans, made()).unwrap();
    let doc = parse(&page);
    assert_self_contained(&doc);
    assert_no_url_text(&page);
    assert_eq!(
        one(&doc, "head > title"),
        "Plan comparison — CSV, email and phone vs API bulk, email only"
    );
    let heads = texts(&doc, "thead th.plan");
    assert_eq!(heads.len(), 2);
    assert!(heads[0].starts_with("CSV, email and phone") && heads[0].contains("baseline"));
    assert!(heads[1].starts_with("API bulk, email only"));
    assert_eq!(texts(&doc, "thead th.diff"), ["Difference"]);
    let row = |label: &str| -> Vec<String> {
        doc.select(&sel("table.compare tbody tr"))
            .find(|r| r.select(&sel("th")).next().map(text).as_deref() == Some(label))
            .map(cells)
            .unwrap_or_else(|| panic!("no row {label}"))
    };
    let cj = c["plans"].as_array().unwrap();
    let totals: Vec<(i64, i64, i64)> = cj
        .iter()
        .map(|p| pricing::shown(&credits(&p["credits"])))
        .collect();
    for (label, pick) in [("Expected credits", 0usize), ("Low", 1), ("High", 2)] {
        let r = row(label);
        let v: Vec<i64> = r.iter().map(|t| number(t)).collect();
        let want: Vec<i64> = totals.iter().map(|t| [t.0, t.1, t.2][pick]).collect();
        assert_eq!(v[..2], want[..], "{label}");
        assert_eq!(v[2], want[1] - want[0], "{label}: the difference");
    }
    // Rows and billable, from the plans' saved results.
    let saved: Vec<&SavedResult> = plans
        .iter()
        .map(|(_, p)| p.result.as_ref().unwrap())
        .collect();
    for (label, want) in [
        ("Rows", [saved[0].rows, saved[1].rows]),
        (
            "Billable contacts",
            [saved[0].billable_contacts, saved[1].billable_contacts],
        ),
    ] {
        let v: Vec<i64> = row(label).iter().map(|t| number(t)).collect();
        let (a, b) = (want[0] as i64, want[1] as i64);
        assert_eq!(v, [a, b, b - a], "{label}");
    }
    assert_eq!(
        row("Channel")[..2],
        ["CSV Enrichment", "API, bulk requests"]
    );
    assert_eq!(row("Channel")[2], "differs");
    assert_eq!(row("List"), ["contacts.csv", "contacts.csv", "same"]);
    // Each plan's items add up to its expected total.
    let items: Vec<Vec<i64>> = doc
        .select(&sel("table.compare tr.item"))
        .map(|r| cells(r).iter().map(|t| number(t)).collect())
        .collect();
    for p in 0..2 {
        assert_eq!(
            items.iter().map(|r| r[p]).sum::<i64>(),
            totals[p].0,
            "plan {p}"
        );
    }
    // The cheapest, as compare marks it.
    let cheapest = cj.iter().position(|p| p["cheapest"] == true).unwrap();
    assert!(heads[cheapest].contains("cheapest"), "{heads:?}");
    assert_eq!(heads.iter().filter(|h| h.contains("cheapest")).count(), 1);
    // Money: both plans have a price per credit.
    let money = row("Money (expected)");
    assert!(
        money[0].starts_with("USD ") && money[1].starts_with("USD "),
        "{money:?}"
    );
    // One grouped chart: the total and each item, a bar per plan.
    let groups = 1 + items.len();
    assert_eq!(doc.select(&sel("svg.chart")).count(), 1);
    assert_eq!(
        doc.select(&sel("#chart-compare rect.bar")).count(),
        2 * groups
    );
}

/// Plans without a saved result are refused, as `compare` refuses them.
#[test]
fn compare_page_needs_saved_results() {
    let dir = tempfile::tempdir().unwrap();
    let mut plans = two_plans(dir.path(), ["a", "b"]);
    plans[1].1.result = None;
    let e = html::compare_page_at(&plans, made()).unwrap_err();
    assert!(e.to_string().contains("no saved result"), "{e}");
}

// ---------------------------------------------------------------------------------------
// In a real browser.

/// Chromium from the distribution, or `None`.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    for name in ["chromium", "chromium-browser"] {
        for dir in std::env::split_paths(&path) {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// The browser, or why the test does not run: skipped with `ENRICHPLAN_SKIP_BROWSER=1`,
/// failed without Chromium otherwise.
fn browser() -> Option<PathBuf> {
    if std::env::var("ENRICHPLAN_SKIP_BROWSER").as_deref() == Ok("1") {
        eprintln!("ENRICHPLAN_SKIP_BROWSER=1: the HTML pages are not rendered in a browser");
        return None;
    }
    match chromium() {
        Some(p) => Some(p),
        None => panic!(
            "Chromium is needed to render the HTML reports: install it (Debian: \
             `apt-get install chromium fonts-noto-core`; `.ci/run` does), or set \
             ENRICHPLAN_SKIP_BROWSER=1 to skip this test"
        ),
    }
}

/// `page` rendered by headless Chromium to a PNG of `size`, offline, in a fresh profile.
fn screenshot(browser: &Path, page: &Path, png: &Path, size: (u32, u32)) {
    let profile = tempfile::tempdir().unwrap();
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--run-all-compositor-stages-before-draw",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("--window-size={},{}", size.0, size.1))
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("Chromium starts");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut e, &mut err);
            }
            assert!(
                status.success() && png.is_file(),
                "Chromium failed ({status}) on {}: {err}",
                page.display()
            );
            return;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("Chromium took more than 2 minutes on {}", page.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Not blank: many colours, text-dark pixels, and the bars' blue (the SVG drew).
fn assert_not_blank(png: &Path, colors: &[[u8; 3]]) {
    let img = image::open(png).unwrap().to_rgb8();
    let n = (img.width() * img.height()) as usize;
    let distinct: std::collections::HashSet<[u8; 3]> = img.pixels().map(|p| p.0).collect();
    assert!(
        distinct.len() > 200,
        "{}: {} colours",
        png.display(),
        distinct.len()
    );
    let dark = img
        .pixels()
        .filter(|p| p.0.iter().all(|&c| c < 100))
        .count();
    assert!(
        dark * 200 > n,
        "{}: {dark} dark pixels of {n}",
        png.display()
    );
    for want in colors {
        let near = img
            .pixels()
            .filter(|p| p.0.iter().zip(want).all(|(&a, &b)| a.abs_diff(b) <= 6))
            .count();
        assert!(near > 500, "{}: {near} pixels of {want:?}", png.display());
    }
}

/// `actual` against the reference image: the same size, and at most 1% of the pixels
/// differing by more than 40 in a channel (font rasterisation varies a little between
/// Chromium versions). `UPDATE_SNAPSHOTS=1` writes the reference instead.
fn assert_matches_reference(actual: &Path, name: &str) {
    let reference = repo("tests/fixtures/html").join(name);
    if std::env::var("UPDATE_SNAPSHOTS").as_deref() == Ok("1") {
        std::fs::create_dir_all(reference.parent().unwrap()).unwrap();
        std::fs::copy(actual, &reference).unwrap();
        eprintln!("wrote {}", reference.display());
        return;
    }
    assert!(
        reference.is_file(),
        "no reference image {}: run with UPDATE_SNAPSHOTS=1 and look at it",
        reference.display()
    );
    let a = image::open(actual).unwrap().to_rgb8();
    let b = image::open(&reference).unwrap().to_rgb8();
    let keep = || {
        let kept = std::env::temp_dir().join(format!("enrichplan-actual-{name}"));
        let _ = std::fs::copy(actual, &kept);
        kept
    };
    assert_eq!(
        a.dimensions(),
        b.dimensions(),
        "{name}: size differs from the reference (the page is at {})",
        keep().display()
    );
    let differ = a
        .pixels()
        .zip(b.pixels())
        .filter(|(p, q)| p.0.iter().zip(q.0).any(|(&x, y)| x.abs_diff(y) > 40))
        .count();
    let n = (a.width() * a.height()) as usize;
    assert!(
        differ * 100 <= n,
        "{name}: {differ} of {n} pixels differ from {} (the page is at {}; UPDATE_SNAPSHOTS=1 \
         rewrites the reference after a deliberate change)",
        reference.display(),
        keep().display()
    );
}

/// The sample's estimate and a two-plan comparison, rendered by headless Chromium: not
/// blank, and as the reference images within a small tolerance.
#[test]
fn pages_render_in_chromium() {
    let Some(browser) = browser() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("estimate.html");
    std::fs::write(&page, sample_page()).unwrap();
    let png = dir.path().join("estimate.png");
    screenshot(&browser, &page, &png, (1200, 1600));
    // The bars' blue, the funnel's green, the over-budget red.
    assert_not_blank(
        &png,
        &[[0x2f, 0x6d, 0xb5], [0x1e, 0x7b, 0x3a], [0xb4, 0x23, 0x18]],
    );
    assert_matches_reference(&png, "estimate.png");

    let plans = two_plans(
        dir.path(),
        ["Current: CSV enrichment", "Proposed: API, email only"],
    );
    let page = dir.path().join("compare.html");
    std::fs::write(&page, html::compare_page_at(&plans, made()).unwrap()).unwrap();
    let png = dir.path().join("compare.png");
    screenshot(&browser, &page, &png, (1200, 1660));
    // The two plans' colours.
    assert_not_blank(&png, &[[0x2f, 0x6d, 0xb5], [0xd9, 0x82, 0x2b]]);
    assert_matches_reference(&png, "compare.png");
}

/// The README's screenshots, `assets/report-estimate.png` and `assets/report-compare.png`
/// (1200 px wide): `cargo test --test engine html::readme_screenshots -- --ignored`.
#[test]
#[ignore = "a tool, not a test: rewrites assets/report-*.png (the README's screenshots) in headless Chromium; run it by hand when the page changes"]
fn readme_screenshots() {
    let browser = chromium().expect("Chromium is installed");
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("estimate.html");
    std::fs::write(&page, sample_page()).unwrap();
    screenshot(
        &browser,
        &page,
        &repo("assets/report-estimate.png"),
        (1200, 1225),
    );
    let plans = two_plans(
        dir.path(),
        ["Current: CSV enrichment", "Proposed: API, email only"],
    );
    let page = dir.path().join("compare.html");
    std::fs::write(&page, html::compare_page_at(&plans, made()).unwrap()).unwrap();
    screenshot(
        &browser,
        &page,
        &repo("assets/report-compare.png"),
        (1200, 1660),
    );
}
