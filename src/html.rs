//! Self-contained HTML pages (issue 29): an estimate, and a comparison of plans, for the
//! people who approve the spend to read, forward and print.
//!
//! One file each, made of text only: no script, no external font, image, stylesheet or URL
//! (an inline `<style>`, and charts drawn here as inline SVG), so a page opens offline in
//! any browser or mail client. Every chart has a table with the same numbers beside it, for
//! readers whose mail client drops SVG. Printed (to paper or PDF) the page has no
//! background, and tables and charts are never cut across pages; the layout is 180 mm wide
//! at most, so it fits A4 and US Letter alike with the margins of `@page`.
//!
//! Every value that comes from outside this file — file, column, plan, table and price
//! book names, rules, warnings, segment values — goes through [`escape`], attributes
//! included. No contact data: counts, credits, column headers and settings only, as in
//! plans; the one exception is the values of the `--group-by` column the user chose to
//! split the estimate by, which are the segments' names.
//!
//! Numbers are whole credits as everywhere else: items with [`pricing::shown_items`], so
//! the items of each column add up to its total, and thousands separators from
//! [`crate::text`].

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use crate::engine::Outcome;
use crate::error::Result;
use crate::plan::{self, Plan};
use crate::pricebook::PriceBook;
use crate::pricing::{self, BudgetStatus, Channel, Credits, Item, Shown};
use crate::report::{self, JsonReport};
// Whole credits with thousands separators and a true minus sign; credits that may have a
// fraction ("2,500", "2,500.50"): the library's one formatter of each.
use crate::text::{self, credits as credits_text, int_signed as int};

/// Text made safe to put in HTML, between tags or in a quoted attribute: `&`, `<`, `>`,
/// `"` and `'` become character references, and control characters (which HTML does not
/// allow in a document, except tab and line breaks) become U+FFFD.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The page of an estimate (a list, or a Workspace spec), made now. `title` is the plan's
/// name or the file's, as the other reports take it.
pub fn estimate_page(
    json: &JsonReport,
    outcome: &Outcome,
    book: &PriceBook,
    title: &str,
) -> String {
    estimate_page_at(json, outcome, book, title, now())
}

/// [`estimate_page`] made at `made` (the date the page shows), so that a test or a
/// reproducible build gets the same bytes every time.
pub fn estimate_page_at(
    json: &JsonReport,
    outcome: &Outcome,
    book: &PriceBook,
    title: &str,
    made: DateTime<FixedOffset>,
) -> String {
    let e = &outcome.estimate;
    let mut s = head(&format!("Credit estimate — {title}"));
    let (exp, low, high) = pricing::shown(&e.total);

    // The heading and what the estimate is of.
    let _ = writeln!(
        s,
        "<header>\n<p class=\"kicker\">Credit estimate · Lusha enrichment</p>\n<h1>{}</h1>",
        escape(title)
    );
    let channel = Channel::from_key(&json.channel).unwrap_or_default();
    let per_table = json.source.is_none() && json.tables.is_some();
    let mut meta: Vec<(&str, String)> = vec![("Prepared", escape(&made_text(&made)))];
    match (&json.source, &json.tables) {
        (Some(src), _) => meta.push((
            "Contact list",
            format!(
                "{} <span class=\"muted\">({}, {})</span>",
                escape(&src.path),
                escape(&src.encoding),
                escape(&delimiter_word(&src.delimiter))
            ),
        )),
        (None, Some(tables)) => meta.push((
            "Workspace plan",
            escape(&text::count(tables.len() as u64, "table", "tables")),
        )),
        (None, None) => {}
    }
    meta.push((
        "Channel",
        format!(
            "{} <span class=\"muted\">— {}</span>",
            escape(channel.label()),
            escape(channel.rule())
        ),
    ));
    meta.push((
        "Reveal",
        escape(&if json.reveal.is_empty() {
            "nothing".to_string()
        } else if per_table {
            "each table's own (see Tables)".to_string()
        } else {
            let mut r = json.reveal.join(" + ");
            if json.only_missing {
                r.push_str(", only what the file lacks");
            }
            r
        }),
    ));
    meta.push((
        "Price book",
        format!(
            "{} <span class=\"muted\">— {}, effective {}</span>",
            escape(&book.id),
            escape(&book.name),
            escape(&book.effective_date.to_string())
        ),
    ));
    meta_list(&mut s, &meta);
    s.push_str("</header>\n");

    // The headline: total, range, money; budget beside it.
    s.push_str("<section class=\"summary\" aria-label=\"Summary\">\n<div class=\"headline\">\n");
    let _ = writeln!(
        s,
        "<p class=\"total\"><span class=\"figure\" id=\"credits-expected\">{}</span> <span class=\"unit\">credits expected</span></p>",
        int(exp)
    );
    let _ = writeln!(
        s,
        "<p class=\"range\">Range <b id=\"credits-low\">{}</b> to <b id=\"credits-high\">{}</b> credits, at the low and high assumptions</p>",
        int(low),
        int(high)
    );
    if let Some(m) = &json.money {
        let cur = m.currency.as_deref();
        let _ = writeln!(
            s,
            "<p class=\"money\" id=\"money\">About <b>{}</b> ({} to {}) at {} per credit</p>",
            escape(&money(m.expected, cur)),
            escape(&text::money(m.low)),
            escape(&text::money(m.high)),
            escape(&price_text(m.price_per_credit, cur)),
        );
    }
    let _ = writeln!(
        s,
        "<p class=\"facts\"><b>{}</b> billable contacts of <b>{}</b> rows</p>\n</div>",
        text::int(json.billable_contacts),
        text::int(json.rows)
    );
    budget_card(&mut s, outcome);
    s.push_str("</section>\n");
    time_to_run(&mut s, json, channel);

    // The breakdown and its chart.
    s.push_str("<section id=\"breakdown\" class=\"keep\">\n<h2>Credits by item</h2>\n");
    let items: Vec<&(Item, Credits)> = e.items.iter().filter(|(_, c)| !c.is_zero()).collect();
    if items.is_empty() {
        s.push_str("<p>Nothing planned here costs credits.</p>\n");
    } else {
        let credits: Vec<Credits> = items.iter().map(|(_, c)| *c).collect();
        let (shown, total) = pricing::shown_items(&credits, &e.total);
        s.push_str(
            "<table class=\"breakdown\">\n<thead><tr><th>Item</th><th>Vendor rule</th><th class=\"num\">Low</th><th class=\"num\">Expected</th><th class=\"num\">High</th></tr></thead>\n<tbody>\n",
        );
        for ((item, _), (x, l, h)) in items.iter().zip(&shown) {
            let _ = writeln!(
                s,
                "<tr data-item=\"{}\"><td>{}</td><td class=\"rule\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                escape(item.key()),
                escape(item.label()),
                escape(&item.rule(&book.prices)),
                int(*l),
                int(*x),
                int(*h)
            );
        }
        let _ = writeln!(
            s,
            "</tbody>\n<tfoot><tr data-item=\"total\"><td>Total</td><td></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr></tfoot>\n</table>",
            int(total.1),
            int(total.0),
            int(total.2)
        );
        let bars: Vec<Bar> = items
            .iter()
            .zip(&shown)
            .map(|((item, _), &(x, l, h))| Bar::new(item.label(), (x, l, h), true))
            .collect();
        figure(
            &mut s,
            "chart-items",
            "Expected credits by item; the whisker spans the low to high estimate.",
            &hbar_chart("Expected credits by item", &bars, 170.0),
        );
    }
    s.push_str("</section>\n");

    funnel(&mut s, json);
    segments(&mut s, json);
    tables(&mut s, json);
    assumptions(&mut s, json, book);
    mapping(&mut s, json);
    warnings(&mut s, e.warnings.iter().map(|w| (None, w.as_str())));
    foot(&mut s, &made);
    s
}

/// On the API channels: the requests the run makes, how long they take under the rate
/// limits in force (days and hours) and which limits (JSON `time_to_run`).
fn time_to_run(s: &mut String, json: &JsonReport, channel: Channel) {
    let Some(t) = &json.time_to_run else { return };
    let per = match channel {
        Channel::ApiSingle => "one per billable contact",
        Channel::ApiBulk => "one per batch of contacts",
        _ => "API requests",
    };
    s.push_str("<section id=\"time-to-run\" class=\"keep\">\n<h2>Time to run</h2>\n");
    let took = match (t.days, t.hours) {
        (Some(d), Some(h)) => format!(
            "take about <b id=\"time-to-run-duration\">{}</b> <span class=\"muted\">({} days, {} hours)</span>",
            escape(&t.duration_text()),
            escape(&decimals(d, 2)),
            escape(&decimals(h, 2))
        ),
        _ => format!(
            "<b id=\"time-to-run-duration\">{}</b>",
            escape(&t.duration_text())
        ),
    };
    let _ = writeln!(
        s,
        "<p><b id=\"time-to-run-requests\">{}</b> API {} <span class=\"muted\">({per})</span> {took}, sending as fast as the limits allow.</p>",
        text::int(t.requests),
        if t.requests == 1 {
            "request"
        } else {
            "requests"
        },
    );
    let window = |v: Option<u64>| match v {
        Some(v) => format!("{} requests", text::int(v)),
        None => "no limit given".into(),
    };
    meta_list(
        s,
        &[
            ("Limits", escape(&t.limits)),
            ("Per minute", escape(&window(t.per_minute))),
            ("Per hour", escape(&window(t.per_hour))),
            ("Per day", escape(&window(t.per_day))),
        ],
    );
    s.push_str("</section>\n");
}

/// `v` with `places` decimals and thousands separators, trailing zeros kept: 1.5 → "1.50".
fn decimals(v: f64, places: usize) -> String {
    let t = format!("{v:.places$}");
    match t.split_once('.') {
        Some((i, f)) => format!("{}.{f}", text::int(i.parse().unwrap_or(0))),
        None => text::int(t.parse().unwrap_or(0)),
    }
}

/// The page of a comparison of saved plans, as `enrichplan compare` takes them (each
/// plan's file and the plan read from it), made now. A plan without a saved result is an
/// error, as for `compare`.
pub fn compare_page(plans: &[(PathBuf, Plan)]) -> Result<String> {
    compare_page_at(plans, now())
}

/// [`compare_page`] made at `made`.
///
/// The difference column sets each plan against the **first** one, the baseline: the order
/// is the user's (`compare current.json proposed.json` reads "proposed against current"),
/// and a baseline chosen by the numbers (the cheapest) would move whenever a plan changes,
/// and would compare the cheapest with itself. The cheapest plan is marked in its heading
/// instead. With two plans there is one difference column; with more, one per later plan.
pub fn compare_page_at(plans: &[(PathBuf, Plan)], made: DateTime<FixedOffset>) -> Result<String> {
    let c = plan::compare(plans)?;
    let results: Vec<&plan::SavedResult> = plans
        .iter()
        .filter_map(|(_, p)| p.result.as_ref())
        .collect();
    let names: Vec<&str> = c.plans.iter().map(|p| p.name.as_str()).collect();
    let title = match names.as_slice() {
        [] => "Plan comparison".to_string(),
        [a] => a.to_string(),
        [a, b] => format!("{a} vs {b}"),
        _ => format!("{} plans", names.len()),
    };
    let mut s = head(&format!("Plan comparison — {title}"));
    let _ = writeln!(
        s,
        "<header>\n<p class=\"kicker\">Plan comparison · Lusha enrichment</p>\n<h1>{}</h1>",
        escape(&title)
    );
    let mut meta: Vec<(&str, String)> = vec![("Prepared", escape(&made_text(&made)))];
    if let Some(first) = c.plans.first() {
        meta.push((
            "Baseline",
            format!(
                "{} <span class=\"muted\">— the first plan; differences are each plan minus it</span>",
                escape(&first.name)
            ),
        ));
    }
    meta_list(&mut s, &meta);
    s.push_str("</header>\n");
    if c.plans.is_empty() {
        s.push_str("<p>No plans to compare.</p>\n");
        foot(&mut s, &made);
        return Ok(s);
    }

    // Whole credits per plan: totals as shown, and items that add up to them.
    let live: Vec<Item> = Item::ALL
        .into_iter()
        .filter(|i| c.plans.iter().any(|p| !p.breakdown.get(*i).is_zero()))
        .collect();
    let totals: Vec<Shown> = c.plans.iter().map(|p| pricing::shown(&p.credits)).collect();
    let items: Vec<Vec<Shown>> = c
        .plans
        .iter()
        .map(|p| {
            let credits: Vec<Credits> = live.iter().map(|i| p.breakdown.get(*i)).collect();
            pricing::shown_items(&credits, &p.credits).0
        })
        .collect();

    // The headline: the cheapest plan, and each plan against the baseline.
    s.push_str("<section class=\"summary\" aria-label=\"Summary\">\n<div class=\"headline\">\n");
    let base = totals[0].0;
    if let Some(k) = (0..c.plans.len()).find(|&i| c.plans[i].cheapest) {
        let ties = c.plans.iter().filter(|p| p.cheapest).count();
        let _ = writeln!(
            s,
            "<p class=\"label\">{}</p>\n<p class=\"total\"><span class=\"figure\" id=\"cheapest-expected\">{}</span> <span class=\"unit\">credits expected</span></p>\n<p class=\"range\"><b>{}</b>{}</p>",
            if ties > 1 {
                "Cheapest plans"
            } else {
                "Cheapest plan"
            },
            int(totals[k].0),
            escape(&c.plans[k].name),
            if ties > 1 {
                escape(&format!(" and {} more at the same total", ties - 1))
            } else {
                String::new()
            }
        );
    }
    // Each later plan against the baseline: a line with two plans, a list with more.
    let shown_first = (0..c.plans.len()).find(|&i| c.plans[i].cheapest);
    let against: Vec<String> = (1..c.plans.len())
        .map(|i| {
            let d = totals[i].0 - base;
            let how = match d.cmp(&0) {
                std::cmp::Ordering::Less => format!("{} credits fewer than", int(-d)),
                std::cmp::Ordering::Greater => format!("{} credits more than", int(d)),
                std::cmp::Ordering::Equal => "the same credits as".to_string(),
            };
            let who = if c.plans.len() == 2 && shown_first == Some(i) {
                String::new()
            } else {
                format!("<b>{}</b>: ", escape(&c.plans[i].name))
            };
            let change = if d == 0 {
                String::new()
            } else {
                format!(" ({})", escape(&percent_change(totals[i].0, base)))
            };
            format!(
                "{who}{} the baseline, <b>{}</b>{change}.",
                escape(&how),
                escape(&c.plans[0].name)
            )
        })
        .collect();
    match against.as_slice() {
        [] => {}
        [one] => {
            let _ = writeln!(s, "<p class=\"against\">{one}</p>");
        }
        many => {
            s.push_str("<ul class=\"against\">\n");
            for line in many {
                let _ = writeln!(s, "<li>{line}</li>");
            }
            s.push_str("</ul>\n");
        }
    }
    s.push_str("</div>\n</section>\n");

    // The table: one column per plan, then the differences.
    let n = c.plans.len();
    let diffs = n.saturating_sub(1);
    s.push_str("<section id=\"plans\" class=\"keep\">\n<h2>Plans side by side</h2>\n<table class=\"compare\">\n<thead><tr><th></th>");
    for (i, p) in c.plans.iter().enumerate() {
        let mut tags = String::new();
        if i == 0 {
            tags.push_str(" <span class=\"tag\">baseline</span>");
        }
        if p.cheapest {
            tags.push_str(" <span class=\"tag best\">cheapest</span>");
        }
        let _ = write!(
            s,
            "<th class=\"num plan\" data-plan=\"{i}\"><span class=\"swatch\" style=\"background:{}\"></span>{}{tags}</th>",
            PLAN_COLORS[i % PLAN_COLORS.len()],
            escape(&p.name)
        );
    }
    for p in c.plans.iter().skip(1) {
        let head = if n == 2 {
            "Difference".to_string()
        } else {
            format!("Δ {}", p.name)
        };
        let _ = write!(s, "<th class=\"num diff\">{}</th>", escape(&head));
    }
    s.push_str("</tr></thead>\n<tbody>\n");
    // Text rows: the difference column says whether they differ.
    let text_row = |s: &mut String, label: &str, values: Vec<String>| {
        let _ = write!(s, "<tr><th scope=\"row\">{}</th>", escape(label));
        for v in &values {
            let _ = write!(s, "<td class=\"num\">{}</td>", escape(v));
        }
        for v in values.iter().skip(1) {
            let same = v == &values[0];
            let _ = write!(
                s,
                "<td class=\"num diff muted\">{}</td>",
                if same { "same" } else { "differs" }
            );
        }
        s.push_str("</tr>\n");
    };
    text_row(
        &mut s,
        "List",
        plans.iter().map(|(_, p)| list_name(p)).collect(),
    );
    text_row(
        &mut s,
        "Channel",
        plans
            .iter()
            .map(|(_, p)| p.settings.channel.label().to_string())
            .collect(),
    );
    text_row(
        &mut s,
        "Price book",
        c.plans.iter().map(|p| p.pricebook.clone()).collect(),
    );
    text_row(
        &mut s,
        "Estimated on",
        results
            .iter()
            .map(|r| r.computed.format("%Y-%m-%d").to_string())
            .collect(),
    );
    // Number rows: the difference column is each plan minus the first.
    let num_row = |s: &mut String, label: &str, class: &str, values: &[i64]| {
        let _ = write!(
            s,
            "<tr class=\"{class}\"><th scope=\"row\">{}</th>",
            escape(label)
        );
        for v in values {
            let _ = write!(s, "<td class=\"num\">{}</td>", int(*v));
        }
        for v in values.iter().skip(1) {
            let _ = write!(s, "<td class=\"num diff\">{}</td>", signed(v - values[0]));
        }
        s.push_str("</tr>\n");
    };
    let counts = |f: fn(&plan::SavedResult) -> u64| -> Vec<i64> {
        results
            .iter()
            .map(|r| i64::try_from(f(r)).unwrap_or(i64::MAX))
            .collect()
    };
    num_row(&mut s, "Rows", "", &counts(|r| r.rows));
    num_row(
        &mut s,
        "Billable contacts",
        "",
        &counts(|r| r.billable_contacts),
    );
    let col = |k: usize| -> Vec<i64> {
        totals
            .iter()
            .map(|t| match k {
                0 => t.0,
                1 => t.1,
                _ => t.2,
            })
            .collect()
    };
    num_row(&mut s, "Expected credits", "key", &col(0));
    num_row(&mut s, "Low", "", &col(1));
    num_row(&mut s, "High", "", &col(2));
    if !live.is_empty() {
        let _ = writeln!(
            s,
            "<tr class=\"group\"><th scope=\"rowgroup\" colspan=\"{}\">Expected credits by item</th></tr>",
            1 + n + diffs
        );
    }
    for (k, item) in live.iter().enumerate() {
        let v: Vec<i64> = items.iter().map(|row| row[k].0).collect();
        num_row(&mut s, item.label(), "item", &v);
    }
    // Budget: remaining and status per plan.
    if c.plans.iter().any(|p| p.budget.is_some()) {
        let _ = write!(s, "<tr><th scope=\"row\">Budget</th>");
        for p in &c.plans {
            match (p.budget, p.budget_status) {
                (Some(b), status) => {
                    let label = status
                        .and_then(status_of_key)
                        .map(|st| {
                            format!(
                                "<br><span class=\"status {}\">{}</span>",
                                st.key(),
                                escape(st.label())
                            )
                        })
                        .unwrap_or_default();
                    let _ = write!(
                        s,
                        "<td class=\"num\">{} remaining{label}</td>",
                        escape(&credits_text(b))
                    );
                }
                (None, _) => s.push_str("<td class=\"num muted\">none set</td>"),
            }
        }
        for p in c.plans.iter().skip(1) {
            let same = p.budget_status == c.plans[0].budget_status;
            let _ = write!(
                s,
                "<td class=\"num diff muted\">{}</td>",
                if same { "same" } else { "differs" }
            );
        }
        s.push_str("</tr>\n");
    }
    // Money, when a plan has a price per credit.
    if c.plans.iter().any(|p| p.money.is_some()) {
        let _ = write!(s, "<tr><th scope=\"row\">Money (expected)</th>");
        for p in &c.plans {
            match p.money {
                Some(m) => {
                    let _ = write!(
                        s,
                        "<td class=\"num\">{}</td>",
                        escape(&money(m, p.currency.as_deref()))
                    );
                }
                None => s.push_str("<td class=\"num muted\">no price</td>"),
            }
        }
        for p in c.plans.iter().skip(1) {
            let first = &c.plans[0];
            let d = match (p.money, first.money) {
                (Some(a), Some(b)) if p.currency == first.currency => {
                    let d = a - b;
                    let sign = if text::money(d.abs()) == "0.00" {
                        ""
                    } else if d > 0.0 {
                        "+"
                    } else {
                        "−"
                    };
                    format!("{sign}{}", money(d.abs(), p.currency.as_deref()))
                }
                _ => "—".to_string(),
            };
            let _ = write!(s, "<td class=\"num diff\">{}</td>", escape(&d));
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n");
    if diffs > 0 {
        s.push_str("<p class=\"note\">Credits are whole credits as shown; each plan's items add up to its expected total. A difference is the plan's figure minus the baseline's.</p>\n");
    }
    s.push_str("</section>\n");

    // One grouped chart: the total and every item, a bar per plan.
    s.push_str("<section id=\"chart\" class=\"keep\">\n<h2>Credits by item</h2>\n");
    let mut groups: Vec<(String, Vec<Shown>)> = vec![("Total".to_string(), totals.clone())];
    for (k, item) in live.iter().enumerate() {
        groups.push((
            item.label().to_string(),
            items.iter().map(|row| row[k]).collect(),
        ));
    }
    let mut legend = String::new();
    legend.push_str("<p class=\"legend\">");
    for (i, p) in c.plans.iter().enumerate() {
        let _ = write!(
            legend,
            "<span class=\"key\"><span class=\"swatch\" style=\"background:{}\"></span>{}</span>",
            PLAN_COLORS[i % PLAN_COLORS.len()],
            escape(&p.name)
        );
    }
    legend.push_str("</p>\n");
    figure(
        &mut s,
        "chart-compare",
        "Expected credits per plan; the whisker spans the low to high estimate.",
        &(legend + &grouped_chart(&names, &groups)),
    );
    s.push_str("</section>\n");

    // Notes and warnings, per plan.
    if c.plans.iter().any(|p| !p.notes.trim().is_empty()) {
        s.push_str("<section id=\"notes\" class=\"keep\">\n<h2>Notes</h2>\n<dl class=\"notes\">\n");
        for p in c.plans.iter().filter(|p| !p.notes.trim().is_empty()) {
            let _ = writeln!(
                s,
                "<dt>{}</dt><dd>{}</dd>",
                escape(&p.name),
                escape(p.notes.trim())
            );
        }
        s.push_str("</dl>\n</section>\n");
    }
    // Each warning once, with the plans it belongs to ("all plans" when every one has it).
    let mut notes: Vec<(Vec<&str>, String)> = Vec::new();
    for ((_, p), r) in plans.iter().zip(&results) {
        let book = p.book().1;
        for w in book.iter().chain(&r.warnings) {
            match notes.iter_mut().find(|(_, x)| x == w) {
                Some((names, _)) => names.push(p.name.as_str()),
                None => notes.push((vec![p.name.as_str()], w.clone())),
            }
        }
    }
    let notes: Vec<(String, String)> = notes
        .into_iter()
        .map(|(names, w)| {
            let who = if names.len() == plans.len() && plans.len() > 1 {
                "All plans".to_string()
            } else {
                names.join(", ")
            };
            (who, w)
        })
        .collect();
    warnings(
        &mut s,
        notes.iter().map(|(p, w)| (Some(p.as_str()), w.as_str())),
    );
    foot(&mut s, &made);
    Ok(s)
}

// ---------------------------------------------------------------------------------------
// Sections of the estimate page.

/// The budget: status, remaining credits and the fit-to-budget cut.
fn budget_card(s: &mut String, outcome: &Outcome) {
    let Some(b) = &outcome.budget else {
        s.push_str("<div class=\"budget none\"><p class=\"label\">Budget</p><p>No budget was set for this estimate.</p></div>\n");
        return;
    };
    let _ = writeln!(
        s,
        "<div class=\"budget {key}\" id=\"budget\" data-status=\"{key}\">\n<p class=\"label\">Budget</p>\n<p><span class=\"status {key}\">{}</span></p>\n<p><b>{}</b> credits remaining</p>\n<p class=\"muted\">{}</p>",
        escape(b.status.label()),
        escape(&credits_text(b.remaining)),
        escape(status_rule(b.status)),
        key = b.status.key(),
    );
    match b.fit.as_ref() {
        Some(fit) if fit.kept < fit.billable => {
            let (fe, _, fh) = pricing::shown(&fit.estimate.total);
            let _ = writeln!(
                s,
                "<p class=\"fit\" id=\"fit\">Fit to budget: keep the first <b>{}</b> of {} billable contacts ({} credits expected, {} at the high estimate).</p>",
                text::int(fit.kept),
                text::int(fit.billable),
                int(fe),
                int(fh)
            );
        }
        Some(fit) => {
            let _ = writeln!(
                s,
                "<p class=\"fit\" id=\"fit\">Fit to budget: all {} billable contacts fit, even at the high estimate.</p>",
                text::int(fit.billable)
            );
        }
        None => {}
    }
    s.push_str("</div>\n");
}

/// What a budget status means (pricing.md §5), for the figures at hand.
fn status_rule(status: BudgetStatus) -> &'static str {
    match status {
        BudgetStatus::Fits => "Even the high estimate fits.",
        BudgetStatus::AtRisk => "The expected credits fit; the high estimate does not.",
        BudgetStatus::Over => "The expected credits are more than the budget.",
    }
}

/// From rows to billable contacts: each stage, what it takes away, what is left.
fn funnel(s: &mut String, json: &JsonReport) {
    s.push_str("<section id=\"funnel\" class=\"keep\">\n<h2>From rows to billable contacts</h2>\n");
    let rows = json.rows;
    let stages: [(&str, &str, &str, u64); 4] = [
        (
            "unmatchable",
            "Unmatchable",
            "no email, LinkedIn URL, or name with a company or domain: free",
            json.unmatchable_rows,
        ),
        (
            "duplicates",
            "Duplicates",
            "the same contact as an earlier row: charged once",
            json.duplicate_rows,
        ),
        (
            "already-revealed",
            "Already revealed",
            "revealed earlier in this billing cycle: not charged again",
            json.already_revealed_rows,
        ),
        (
            "nothing-needed",
            "Nothing needed",
            "the file already holds what is asked for",
            json.nothing_needed_rows,
        ),
    ];
    s.push_str("<table class=\"funnel\">\n<thead><tr><th>Stage</th><th class=\"num\">Rows</th><th class=\"num\">Left</th><th class=\"bar-cell\"><span class=\"sr\">Share of rows</span></th></tr></thead>\n<tbody>\n");
    let _ = writeln!(
        s,
        "<tr data-stage=\"rows\"><td>All rows</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"bar-cell\">{}</td></tr>",
        text::int(rows),
        text::int(rows),
        spark(rows, 0, rows, false)
    );
    let mut left = rows;
    for (key, label, why, n) in stages {
        let before = left;
        left = left.saturating_sub(n);
        let _ = writeln!(
            s,
            "<tr data-stage=\"{key}\"><td>{}<br><span class=\"why\">{}</span></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"bar-cell\">{}</td></tr>",
            escape(label),
            escape(why),
            if n == 0 {
                "0".to_string()
            } else {
                format!("−{}", text::int(n))
            },
            text::int(left),
            spark(left, before - left, rows, false)
        );
    }
    let share = if rows == 0 {
        String::new()
    } else {
        format!(
            " <span class=\"why\">{:.1}% of rows</span>",
            json.billable_contacts as f64 * 100.0 / rows as f64
        )
    };
    let _ = writeln!(
        s,
        "</tbody>\n<tfoot><tr data-stage=\"billable\"><td>Billable contacts{share}</td><td class=\"num\"></td><td class=\"num\">{}</td><td class=\"bar-cell\">{}</td></tr></tfoot>\n</table>\n</section>",
        text::int(json.billable_contacts),
        spark(json.billable_contacts, 0, rows, true)
    );
}

/// How many segments the chart and table show; the rest are added up in one row.
const SEGMENTS_SHOWN: usize = 12;

/// `--group-by`: the largest segments, a chart and a table.
fn segments(s: &mut String, json: &JsonReport) {
    let (Some(col), Some(groups)) = (&json.group_by, &json.groups) else {
        return;
    };
    if groups.is_empty() {
        return;
    }
    // Whole credits that add up to the total expected credits (the groups' credits do).
    let credits: Vec<Credits> = groups
        .iter()
        .map(|g| Credits::exact(g.credits.expected))
        .collect();
    let total = Credits::exact(json.credits.expected);
    let (shown, _) = pricing::shown_items(&credits, &total);
    let shown: Vec<i64> = shown.iter().map(|x| x.0).collect();
    let keep = if groups.len() > SEGMENTS_SHOWN + 1 {
        SEGMENTS_SHOWN
    } else {
        groups.len()
    };
    let name = |v: &str| {
        if v.is_empty() {
            "(empty)".to_string()
        } else {
            v.to_string()
        }
    };
    let mut rows: Vec<(String, u64, u64, i64, bool)> = groups[..keep]
        .iter()
        .zip(&shown)
        .map(|(g, c)| (name(&g.value), g.rows, g.billable_contacts, *c, false))
        .collect();
    if keep < groups.len() {
        let rest = &groups[keep..];
        rows.push((
            format!("{} other values", rest.len()),
            rest.iter().map(|g| g.rows).sum(),
            rest.iter().map(|g| g.billable_contacts).sum(),
            shown[keep..].iter().sum(),
            true,
        ));
    }
    let _ = writeln!(
        s,
        "<section id=\"segments\">\n<div class=\"keep\">\n<h2>By {}</h2>",
        escape(col)
    );
    if keep < groups.len() {
        let _ = writeln!(
            s,
            "<p class=\"note\">The {keep} largest of {} values; the others are added up in the last row. The JSON report lists every value.</p>",
            groups.len()
        );
    }
    // The chart shows the values by name; the others' sum would dwarf them.
    let bars: Vec<Bar> = rows
        .iter()
        .filter(|r| !r.4)
        .map(|(v, _, _, c, _)| Bar::new(v, (*c, *c, *c), false))
        .collect();
    figure(
        s,
        "chart-segments",
        &if keep < groups.len() {
            format!("Expected credits of the {keep} largest values of {col}.")
        } else {
            format!("Expected credits by {col}.")
        },
        &hbar_chart(&format!("Expected credits by {col}"), &bars, 190.0),
    );
    s.push_str("</div>\n");
    let all: i64 = shown.iter().sum();
    let _ = writeln!(
        s,
        "<table class=\"segments\">\n<thead><tr><th>{}</th><th class=\"num\">Rows</th><th class=\"num\">Billable</th><th class=\"num\">Expected credits</th><th class=\"num\">Share</th></tr></thead>\n<tbody>",
        escape(col)
    );
    for (v, r, b, c, other) in &rows {
        let share = if all > 0 {
            format!("{:.1}%", *c as f64 * 100.0 / all as f64)
        } else {
            "—".into()
        };
        let _ = writeln!(
            s,
            "<tr{}><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            if *other { " class=\"other\"" } else { "" },
            escape(v),
            text::int(*r),
            text::int(*b),
            int(*c),
            escape(&share)
        );
    }
    let _ = writeln!(
        s,
        "</tbody>\n<tfoot><tr><td>Total</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\"></td></tr></tfoot>\n</table>\n</section>",
        text::int(groups.iter().map(|g| g.rows).sum()),
        text::int(groups.iter().map(|g| g.billable_contacts).sum()),
        int(all)
    );
}

/// A Workspace spec's tables: each one's rows, contacts, credits and what it plans.
fn tables(s: &mut String, json: &JsonReport) {
    let Some(tables) = json
        .tables
        .as_deref()
        .filter(|t| t.len() > 1 || json.source.is_none())
    else {
        return;
    };
    s.push_str("<section id=\"tables\">\n<h2>Tables</h2>\n<table class=\"tables\">\n<thead><tr><th>Table</th><th class=\"num\">Rows</th><th class=\"num\">Billable</th><th class=\"num\">Low</th><th class=\"num\">Expected</th><th class=\"num\">High</th></tr></thead>\n<tbody>\n");
    for t in tables {
        let (x, l, h) = pricing::shown(&t.credits);
        let from = match &t.source {
            Some(p) => format!("from {p}"),
            None => "a row count".to_string(),
        };
        let plan: Vec<String> = report::table_plan_lines(t)
            .iter()
            .map(|l| escape(l))
            .collect();
        let _ = writeln!(
            s,
            "<tr><td><b>{}</b> <span class=\"muted\">{}</span><br><span class=\"why\">{}</span></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            escape(&t.name),
            escape(&from),
            plan.join("<br>"),
            text::int(t.rows),
            text::int(t.billable_contacts),
            int(l),
            int(x),
            int(h)
        );
    }
    s.push_str("</tbody>\n</table>\n<p class=\"note\">A contact in several tables is charged for each reveal once; AI Data, Signals and exports count every row of each table.</p>\n</section>\n");
}

/// The rates the estimate assumes, their ranges and where they came from.
fn assumptions(s: &mut String, json: &JsonReport, book: &PriceBook) {
    s.push_str("<section id=\"assumptions\" class=\"keep\">\n<h2>Assumptions</h2>\n");
    if json.source.is_none() && json.tables.is_some() {
        s.push_str("<p>Each table is priced with its own rates, listed under Tables.</p>\n");
    } else if json.reveal.is_empty() {
        s.push_str("<p>Nothing is revealed, so no match, email or phone rate applies.</p>\n");
    } else {
        let a = &json.assumptions;
        let d = &book.assumptions;
        let mut rows = vec![(
            "Match rate",
            "billable contacts the vendor finds",
            a.match_rate,
            d.match_rate,
        )];
        if json.reveal.contains(&"email") {
            rows.push((
                "Email rate",
                "matched contacts with an email",
                a.email_rate,
                d.email_rate,
            ));
        }
        if json.reveal.contains(&"phone") {
            rows.push((
                "Phone rate",
                "matched contacts with a phone",
                a.phone_rate,
                d.phone_rate,
            ));
        }
        s.push_str("<table class=\"assumptions\">\n<thead><tr><th>Rate</th><th class=\"num\">Low</th><th class=\"num\">Expected</th><th class=\"num\">High</th><th>Source</th></tr></thead>\n<tbody>\n");
        for (name, what, r, default) in rows {
            let source = if r == default {
                format!("price book default ({})", book.id)
            } else {
                "set for this estimate".to_string()
            };
            let _ = writeln!(
                s,
                "<tr><td>{}<br><span class=\"why\">{}</span></td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                escape(name),
                escape(what),
                escape(&pct(r.low)),
                escape(&pct(r.expected)),
                escape(&pct(r.high)),
                escape(&source)
            );
        }
        s.push_str("</tbody>\n</table>\n");
        s.push_str("<p class=\"note\">Low and high credits take every rate at its low or its high end together. Rates set for an estimate come from the user or from a past enrichment measured with <code>enrichplan calibrate</code> (a 90% interval).</p>\n");
    }
    let _ = writeln!(
        s,
        "<p class=\"note\">Price book <b>{}</b>: {}, effective {}. Source: {}.</p>\n</section>",
        escape(&book.id),
        escape(&book.name),
        escape(&book.effective_date.to_string()),
        escape(book.source.trim_end_matches('.'))
    );
}

/// The columns used for each role: headers only, never a cell.
fn mapping(s: &mut String, json: &JsonReport) {
    type Roles = std::collections::BTreeMap<String, Vec<String>>;
    let mut maps: Vec<(Option<&str>, &Roles)> = Vec::new();
    if !json.mapping.is_empty() {
        maps.push((None, &json.mapping));
    } else if let Some(tables) = &json.tables {
        for t in tables {
            if let Some(m) = t.mapping.as_ref().filter(|m| !m.is_empty()) {
                maps.push((Some(t.name.as_str()), m));
            }
        }
    }
    if maps.is_empty() {
        return;
    }
    s.push_str("<section id=\"mapping\" class=\"keep\">\n<h2>Columns used</h2>\n");
    for (table, m) in maps {
        if let Some(t) = table {
            let _ = writeln!(s, "<h3>Table {}</h3>", escape(t));
        }
        s.push_str("<table class=\"mapping\">\n<thead><tr><th>Role</th><th>Columns</th></tr></thead>\n<tbody>\n");
        // In the roles' own order, then any key this build does not know.
        let mut keys: Vec<&String> = m.keys().collect();
        let order = |k: &str| {
            crate::input::roles::Role::LIST
                .iter()
                .position(|r| r.key() == k)
                .unwrap_or(usize::MAX)
        };
        keys.sort_by_key(|k| order(k));
        for k in keys {
            let label = crate::input::roles::Role::from_key(k)
                .map(|r| r.label().to_string())
                .unwrap_or_else(|| k.clone());
            let cols: Vec<String> = m[k]
                .iter()
                .map(|c| format!("<span class=\"col\">{}</span>", escape(c)))
                .collect();
            let _ = writeln!(
                s,
                "<tr data-role=\"{}\"><td>{}</td><td>{}</td></tr>",
                escape(k),
                escape(&label),
                cols.join(" ")
            );
        }
        s.push_str("</tbody>\n</table>\n");
    }
    s.push_str("<p class=\"note\">Column headers only: this report holds no contact data.</p>\n</section>\n");
}

/// Warnings, each with the plan it belongs to (on a comparison).
fn warnings<'a>(s: &mut String, list: impl Iterator<Item = (Option<&'a str>, &'a str)>) {
    let list: Vec<_> = list.collect();
    s.push_str("<section id=\"warnings\">\n<h2>Warnings</h2>\n");
    if list.is_empty() {
        s.push_str("<p class=\"muted\">None.</p>\n");
    } else {
        s.push_str("<ul class=\"warnings\">\n");
        for (plan, w) in list {
            match plan {
                Some(p) => {
                    let _ = writeln!(s, "<li><b>{}</b>: {}</li>", escape(p), escape(w));
                }
                None => {
                    let _ = writeln!(s, "<li>{}</li>", escape(w));
                }
            }
        }
        s.push_str("</ul>\n");
    }
    s.push_str("</section>\n");
}

// ---------------------------------------------------------------------------------------
// The page around the sections.

const STYLE: &str = r#"
:root{--ink:#18212d;--muted:#5d6877;--rule:#d8dde4;--soft:#f3f5f8;--accent:#1d4f91;--bar:#2f6db5;--fits:#1e7b3a;--at_risk:#9a6200;--over:#b42318}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:#e8ecf1;color:var(--ink);font:14px/1.5 "Noto Sans","Segoe UI","Helvetica Neue",Helvetica,Arial,"Liberation Sans",sans-serif}
.sheet{max-width:860px;margin:28px auto;padding:44px 52px 32px;background:#fff;border-radius:3px;box-shadow:0 1px 4px rgba(16,24,40,.14)}
.kicker{margin:0 0 6px;font-size:11px;font-weight:700;letter-spacing:.09em;text-transform:uppercase;color:var(--accent)}
h1{margin:0;font-size:26px;line-height:1.25;overflow-wrap:anywhere}
h2{margin:30px 0 10px;padding-bottom:5px;border-bottom:2px solid var(--ink);font-size:16px;break-after:avoid;page-break-after:avoid}
h3{margin:16px 0 6px;font-size:14px}
p{margin:4px 0}
.muted{color:var(--muted)}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:3px 16px;margin:14px 0 0;font-size:13px}
.meta dt{color:var(--muted)}
.meta dd{margin:0;overflow-wrap:anywhere}
.summary{display:flex;gap:18px;margin-top:24px;align-items:stretch;break-inside:avoid;page-break-inside:avoid}
.headline{flex:1;display:flex;flex-direction:column;justify-content:center;padding:16px 20px;background:var(--soft);border-left:4px solid var(--accent)}
.total{margin:0}
.figure{font-size:40px;font-weight:700;line-height:1.15;font-variant-numeric:tabular-nums}
.unit{font-size:17px;font-weight:600;color:var(--muted)}
.range{font-size:14px}
.money{font-size:14px}
.facts{margin-top:8px;font-size:13px;color:var(--muted)}
.budget{flex:0 0 260px;padding:14px 18px;border:1px solid var(--rule);border-top:4px solid var(--muted);font-size:13px}
.budget.fits{border-top-color:var(--fits)}
.budget.at_risk{border-top-color:var(--at_risk)}
.budget.over{border-top-color:var(--over)}
.label{margin:0 0 6px;font-size:11px;font-weight:700;letter-spacing:.09em;text-transform:uppercase;color:var(--muted)}
.status{display:inline-block;padding:1px 10px;border-radius:10px;font-size:12px;font-weight:700;color:#fff;background:var(--muted)}
.status.fits{background:var(--fits)}
.status.at_risk{background:var(--at_risk)}
.status.over{background:var(--over)}
.fit{margin-top:8px}
ul.against{margin:6px 0 0;padding-left:18px;font-size:13.5px}
p.against{margin-top:6px;font-size:13.5px}
ul.against li{margin:2px 0}
tr.group th{padding-top:12px;font-size:11.5px;font-weight:600;color:var(--muted);border-bottom:1px solid var(--rule)}
table{width:100%;border-collapse:collapse;font-size:13px;font-variant-numeric:tabular-nums;break-inside:avoid;page-break-inside:avoid}
th,td{padding:6px 8px;text-align:left;vertical-align:top;border-bottom:1px solid var(--rule)}
thead th{font-size:11.5px;font-weight:600;color:var(--muted);border-bottom:1.5px solid var(--ink)}
tbody th{font-weight:600}
tfoot td{font-weight:700;border-top:1.5px solid var(--ink);border-bottom:0}
.num{text-align:right;white-space:nowrap}
td.rule,.why{font-size:12px;color:var(--muted);font-weight:400}
tr.key td,tr.key th{font-weight:700;background:var(--soft)}
tr.item th{font-weight:400;padding-left:20px}
tr.other td{color:var(--muted);font-style:italic}
th.diff,td.diff{border-left:1px solid var(--rule)}
th.plan{vertical-align:bottom}
.tag{display:inline-block;margin-left:4px;padding:0 6px;border:1px solid var(--rule);border-radius:8px;font-size:10.5px;font-weight:600;color:var(--muted)}
.tag.best{border-color:var(--fits);color:var(--fits)}
.swatch{display:inline-block;width:10px;height:10px;margin-right:6px;border-radius:2px;vertical-align:baseline}
.legend{margin:0 0 4px;font-size:12.5px}
.legend .key{margin-right:18px;white-space:nowrap}
.bar-cell{width:34%;vertical-align:middle}
svg.spark{display:block;width:100%;height:10px}
.col{display:inline-block;margin:0 4px 2px 0;padding:0 6px;background:var(--soft);border:1px solid var(--rule);border-radius:3px;font-size:12px}
figure{margin:14px 0 6px;break-inside:avoid;page-break-inside:avoid}
figcaption{margin-bottom:4px;font-size:12px;color:var(--muted)}
svg.chart{display:block;width:100%;height:auto}
svg text{font-family:inherit;font-size:12px;fill:#3a4452}
svg .value{fill:var(--ink);font-weight:600}
.note{margin-top:8px;font-size:12px;color:var(--muted)}
code{font-size:12px}
.keep{break-inside:avoid;page-break-inside:avoid}
table.compare tbody th{white-space:nowrap}
th.plan{white-space:normal}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
ul.warnings{margin:0;padding-left:20px;font-size:13px}
ul.warnings li{margin:3px 0}
dl.notes dt{font-weight:700}
dl.notes dd{margin:0 0 8px;white-space:pre-wrap}
footer{margin-top:32px;padding-top:10px;border-top:1px solid var(--rule);font-size:11.5px;color:var(--muted)}
@page{size:auto;margin:16mm 15mm}
@media print{body{background:#fff;font-size:10pt}th,td{padding:4px 6px}.sheet{max-width:none;margin:0;padding:0;border-radius:0;box-shadow:none}h2{margin-top:22px}thead{display:table-header-group}tr{break-inside:avoid;page-break-inside:avoid}}
@media (max-width:640px){.sheet{margin:0;padding:20px}.summary{flex-direction:column}.budget{flex:none}}
"#;

/// The document's start up to the sheet's first element.
fn head(title: &str) -> String {
    // `size: auto` prints on the paper chosen (A4 or Letter); the sheet is at most 180 mm
    // wide in print (A4's 210 mm less the margins; Letter is wider), so it fits either.
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"enrichplan {}\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main class=\"sheet\">\n",
        env!("CARGO_PKG_VERSION"),
        escape(title)
    )
}

/// The date line, what the figures are, and the document's end.
fn foot(s: &mut String, made: &DateTime<FixedOffset>) {
    let _ = writeln!(
        s,
        "<footer>\n<p>Prepared with enrichplan on {}. Credits are estimates from the assumptions above; the vendor bills what is actually revealed. This report holds no contact data.</p>\n</footer>\n</main>\n</body>\n</html>",
        escape(&made_text(made))
    );
}

fn meta_list(s: &mut String, meta: &[(&str, String)]) {
    s.push_str("<dl class=\"meta\">\n");
    for (k, v) in meta {
        let _ = writeln!(s, "<dt>{}</dt><dd>{v}</dd>", escape(k));
    }
    s.push_str("</dl>\n");
}

fn figure(s: &mut String, id: &str, caption: &str, svg: &str) {
    let _ = writeln!(
        s,
        "<figure id=\"{}\">\n<figcaption>{}</figcaption>\n{svg}</figure>",
        escape(id),
        escape(caption)
    );
}

// ---------------------------------------------------------------------------------------
// Charts: inline SVG, drawn from whole credits.

/// Plan colours of the comparison (dark enough to print, apart for colour-blind readers).
const PLAN_COLORS: [&str; 6] = [
    "#2f6db5", "#d9822b", "#2e8b57", "#7b4fb8", "#c23b5a", "#00838f",
];

const CHART_W: f64 = 680.0;
/// Room right of the plot for the figures at the end of the longest bar.
const VALUE_W: f64 = 130.0;

/// One bar: a label, whole credits (expected, low, high), and whether to draw the range.
struct Bar {
    label: String,
    shown: Shown,
    whisker: bool,
}

impl Bar {
    fn new(label: &str, shown: Shown, whisker: bool) -> Self {
        Bar {
            label: label.to_string(),
            shown,
            whisker,
        }
    }
}

/// A horizontal bar chart: labels on the left (cut to fit, whole in a tooltip), a bar
/// per row to its expected value, a whisker from low to high, the figures on the right.
fn hbar_chart(title: &str, bars: &[Bar], label_w: f64) -> String {
    let (row_h, top, axis_h) = (28.0, 6.0, 24.0);
    let plot_w = CHART_W - label_w - VALUE_W;
    let max = bars
        .iter()
        .map(|b| b.shown.0.max(b.shown.2))
        .max()
        .unwrap_or(0);
    let (axis_max, step) = nice_axis(max);
    let x = |v: i64| label_w + plot_w * (v.max(0) as f64) / axis_max as f64;
    let plot_h = row_h * bars.len() as f64;
    let h = top + plot_h + axis_h;
    let mut s = svg_open(title, h);
    grid(&mut s, &x, axis_max, step, top, plot_h);
    for (i, b) in bars.iter().enumerate() {
        let y = top + row_h * i as f64;
        let mid = y + row_h / 2.0;
        let (e, l, hi) = b.shown;
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" dominant-baseline=\"central\">{}<title>{}</title></text>",
            label_w - 10.0,
            mid,
            escape(&fit_label(&b.label, label_w - 14.0)),
            escape(&b.label)
        );
        let _ = writeln!(
            s,
            "<rect class=\"bar\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"14\" fill=\"#2f6db5\"/>",
            label_w,
            mid - 7.0,
            x(e) - label_w
        );
        if b.whisker && hi > l {
            whisker(&mut s, x(l), x(hi), mid, "#18212d");
        }
        let value = if b.whisker && (l != e || hi != e) {
            format!(
                "<tspan class=\"value\">{}</tspan> ({}–{})",
                int(e),
                int(l),
                int(hi)
            )
        } else {
            format!("<tspan class=\"value\">{}</tspan>", int(e))
        };
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" dominant-baseline=\"central\">{value}</text>",
            x(if b.whisker { hi.max(e) } else { e }) + 8.0,
            mid
        );
    }
    s.push_str("</svg>\n");
    s
}

/// Groups of bars, one bar per plan in the plan's colour, a whisker from low to high and
/// the expected value at the bar's end.
fn grouped_chart(plans: &[&str], groups: &[(String, Vec<Shown>)]) -> String {
    let n = plans.len().max(1) as f64;
    let (bar_h, gap, group_gap, top, axis_h, label_w) = (12.0, 3.0, 14.0, 6.0, 24.0, 170.0);
    let value_w = 80.0;
    let plot_w = CHART_W - label_w - value_w;
    let group_h = n * bar_h + (n - 1.0) * gap;
    let max = groups
        .iter()
        .flat_map(|(_, v)| v.iter().map(|t| t.0.max(t.2)))
        .max()
        .unwrap_or(0);
    let (axis_max, step) = nice_axis(max);
    let x = |v: i64| label_w + plot_w * (v.max(0) as f64) / axis_max as f64;
    let plot_h = groups.len() as f64 * (group_h + group_gap);
    let h = top + plot_h + axis_h;
    let mut s = svg_open("Expected credits by item and plan", h);
    grid(&mut s, &x, axis_max, step, top, plot_h);
    for (g, (label, values)) in groups.iter().enumerate() {
        let y0 = top + group_gap / 2.0 + g as f64 * (group_h + group_gap);
        let _ = writeln!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" dominant-baseline=\"central\"{}>{}<title>{}</title></text>",
            label_w - 10.0,
            y0 + group_h / 2.0,
            if g == 0 { " font-weight=\"700\"" } else { "" },
            escape(&fit_label(label, label_w - 14.0)),
            escape(label)
        );
        for (i, &(e, l, hi)) in values.iter().enumerate() {
            let y = y0 + i as f64 * (bar_h + gap);
            let color = PLAN_COLORS[i % PLAN_COLORS.len()];
            let name = plans.get(i).copied().unwrap_or("");
            let _ = writeln!(
                s,
                "<rect class=\"bar\" x=\"{label_w:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{bar_h:.1}\" fill=\"{color}\"><title>{}: {} ({}–{})</title></rect>",
                x(e) - label_w,
                escape(name),
                int(e),
                int(l),
                int(hi)
            );
            if hi > l {
                whisker(&mut s, x(l), x(hi), y + bar_h / 2.0, "#18212d");
            }
            let _ = writeln!(
                s,
                "<text class=\"value\" x=\"{:.1}\" y=\"{:.1}\" dominant-baseline=\"central\" font-size=\"11\">{}</text>",
                x(hi.max(e)) + 6.0,
                y + bar_h / 2.0,
                int(e)
            );
        }
    }
    s.push_str("</svg>\n");
    s
}

fn svg_open(title: &str, h: f64) -> String {
    // No `xmlns`: inline SVG in HTML needs none (and it would be a URL in the page).
    format!(
        "<svg class=\"chart\" viewBox=\"0 0 {CHART_W:.0} {h:.0}\" width=\"{CHART_W:.0}\" height=\"{h:.0}\" role=\"img\" aria-label=\"{}\">\n<title>{}</title>\n",
        escape(title),
        escape(title)
    )
}

/// Vertical grid lines and their labels at every `step` up to `axis_max`.
fn grid(s: &mut String, x: &dyn Fn(i64) -> f64, axis_max: i64, step: i64, top: f64, plot_h: f64) {
    let mut v = 0;
    while v <= axis_max {
        let gx = x(v);
        let _ = writeln!(
            s,
            "<line x1=\"{gx:.1}\" y1=\"{top:.1}\" x2=\"{gx:.1}\" y2=\"{:.1}\" stroke=\"{}\" stroke-width=\"1\"/>",
            top + plot_h,
            if v == 0 { "#8a94a3" } else { "#e3e7ec" }
        );
        let _ = writeln!(
            s,
            "<text x=\"{gx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"11\">{}</text>",
            top + plot_h + 16.0,
            int(v)
        );
        v += step;
    }
}

/// A low–high whisker: a line with end caps.
fn whisker(s: &mut String, x1: f64, x2: f64, y: f64, color: &str) {
    let _ = writeln!(
        s,
        "<path class=\"whisker\" d=\"M{x1:.1} {y:.1}H{x2:.1}M{x1:.1} {:.1}V{:.1}M{x2:.1} {:.1}V{:.1}\" stroke=\"{color}\" stroke-width=\"1.5\" fill=\"none\"/>",
        y - 5.0,
        y + 5.0,
        y - 5.0,
        y + 5.0
    );
}

/// A funnel row's bar: what is left (blue, or green for the billable), then what this
/// stage took away (pale red), on the scale of all rows.
fn spark(left: u64, removed: u64, rows: u64, billable: bool) -> String {
    let w = |n: u64| {
        if rows == 0 {
            0.0
        } else {
            200.0 * n as f64 / rows as f64
        }
    };
    let mut s = String::from(
        "<svg class=\"spark\" viewBox=\"0 0 200 10\" preserveAspectRatio=\"none\" aria-hidden=\"true\"><rect x=\"0\" y=\"0\" width=\"200\" height=\"10\" fill=\"#eef1f5\"/>",
    );
    let _ = write!(
        s,
        "<rect x=\"0\" y=\"0\" width=\"{:.2}\" height=\"10\" fill=\"{}\"/>",
        w(left),
        if billable { "#1e7b3a" } else { "#2f6db5" }
    );
    if removed > 0 {
        let _ = write!(
            s,
            "<rect x=\"{:.2}\" y=\"0\" width=\"{:.2}\" height=\"10\" fill=\"#e9a29a\"/>",
            w(left),
            w(removed)
        );
    }
    s.push_str("</svg>");
    s
}

/// The axis' end and step: a round step (1, 2 or 5 × 10ⁿ) giving four to six intervals.
fn nice_axis(max: i64) -> (i64, i64) {
    if max <= 0 {
        return (1, 1);
    }
    let raw = max as f64 / 4.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * mag)
        .find(|s| max as f64 / s <= 5.0)
        .unwrap_or(10.0 * mag)
        .max(1.0)
        .round() as i64;
    let end = (max + step - 1) / step * step;
    (end, step)
}

/// `label` cut with an ellipsis to about `width` pixels of 12 px text.
fn fit_label(label: &str, width: f64) -> String {
    let max = (width / 6.8).floor().max(4.0) as usize;
    if label.chars().count() <= max {
        label.to_string()
    } else {
        label.chars().take(max - 1).chain(['…']).collect()
    }
}

// ---------------------------------------------------------------------------------------
// Words and numbers.

fn now() -> DateTime<FixedOffset> {
    chrono::Local::now().fixed_offset()
}

/// "2026-03-02 14:05 (UTC+01:00)".
fn made_text(made: &DateTime<FixedOffset>) -> String {
    made.format("%Y-%m-%d %H:%M (UTC%:z)").to_string()
}

/// A difference: "+1,234", "−56", "0".
fn signed(v: i64) -> String {
    if v > 0 {
        format!("+{}", int(v))
    } else {
        int(v)
    }
}

/// "+35%" of `v` against `base` ("no change", or "—" against 0).
fn percent_change(v: i64, base: i64) -> String {
    if v == base {
        "no change".into()
    } else if base == 0 {
        "—".into()
    } else {
        let p = (v - base) as f64 / base as f64 * 100.0;
        let t = if p.abs() < 10.0 {
            format!("{:.1}", p.abs())
        } else {
            format!("{:.0}", p.abs())
        };
        format!("{}{t}%", if p > 0.0 { "+" } else { "−" })
    }
}

/// A share as a percentage: 0.7 → "70%", 0.755 → "75.5%", 0.8383 → "83.8%".
fn pct(v: f64) -> String {
    let p = v * 100.0;
    if (p - p.round()).abs() < 0.05 {
        format!("{:.0}%", p.round())
    } else {
        format!("{p:.1}%")
    }
}

/// "USD 1,234.50", or the amount alone without a currency.
fn money(v: f64, currency: Option<&str>) -> String {
    match currency {
        Some(c) => format!("{c} {}", text::money(v)),
        None => text::money(v),
    }
}

/// A price per credit with the digits it was given ("USD 0.125"), at least two.
fn price_text(p: f64, currency: Option<&str>) -> String {
    let mut t = format!("{p:.6}");
    while t.ends_with('0') && t.len() - t.find('.').unwrap_or(t.len()) > 3 {
        t.pop();
    }
    match currency {
        Some(c) => format!("{c} {t}"),
        None => t,
    }
}

/// How the list's cells were separated, from the JSON's delimiter ("," or a name):
/// "comma delimited", "tab delimited", "one column".
fn delimiter_word(d: &str) -> String {
    let word = match d {
        "," => "comma",
        ";" => "semicolon",
        "\t" | "tab" => "tab",
        "|" => "pipe",
        ":" => "colon",
        " " | "space" => "space",
        other if other.starts_with("none") => return "one column".into(),
        other => return format!("{other} delimited"),
    };
    format!("{word} delimited")
}

/// The list a plan was made from (its file name), its spec, or "—".
fn list_name(p: &Plan) -> String {
    let file = |path: &Path| {
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string())
    };
    match (&p.source, &p.spec) {
        (Some(s), _) => file(&s.file.path),
        (None, Some(s)) => format!("{} (Workspace)", file(&s.file.path)),
        (None, None) => "—".into(),
    }
}

fn status_of_key(k: &str) -> Option<BudgetStatus> {
    [BudgetStatus::Fits, BudgetStatus::AtRisk, BudgetStatus::Over]
        .into_iter()
        .find(|s| s.key() == k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_quotes_and_controls() {
        assert_eq!(
            escape(r#"<script>alert('x')</script> & "q""#),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("a\u{0}b\u{85}c\td"), "a\u{FFFD}b\u{FFFD}c\td");
        assert_eq!(escape("Zoë 日本"), "Zoë 日本");
    }

    #[test]
    fn axes_are_round() {
        assert_eq!(nice_axis(0), (1, 1));
        assert_eq!(nice_axis(3), (3, 1));
        assert_eq!(nice_axis(5556), (6000, 2000));
        assert_eq!(nice_axis(4274), (5000, 1000));
        assert_eq!(nice_axis(100), (100, 20));
        for max in [1, 7, 19, 250, 999, 12_345, 9_999_999] {
            let (end, step) = nice_axis(max);
            assert!(end >= max && end / step <= 6 && end % step == 0, "{max}");
        }
    }

    #[test]
    fn numbers_read_as_elsewhere() {
        assert_eq!(int(1_234_567), "1,234,567");
        assert_eq!(int(-1_234), "−1,234");
        assert_eq!(signed(12), "+12");
        assert_eq!(signed(0), "0");
        assert_eq!(pct(0.7), "70%");
        assert_eq!(pct(0.755), "75.5%");
        assert_eq!(percent_change(135, 100), "+35%");
        assert_eq!(percent_change(95, 100), "−5.0%");
        assert_eq!(credits_text(2500.0), "2,500");
        assert_eq!(credits_text(2500.5), "2,500.50");
        assert_eq!(price_text(0.12, Some("USD")), "USD 0.12");
        assert_eq!(price_text(0.125, None), "0.125");
        assert_eq!(fit_label("Short", 100.0), "Short");
        assert_eq!(fit_label(&"x".repeat(40), 68.0).chars().count(), 10);
    }

    #[test]
    fn a_chart_escapes_its_labels_and_draws_every_bar() {
        let bars = [
            Bar::new("<b>&", (10, 5, 20), true),
            Bar::new("Phones", (30, 30, 30), true),
        ];
        let svg = hbar_chart("t\"", &bars, 170.0);
        assert!(svg.contains("&lt;b&gt;&amp;") && !svg.contains("<b>"));
        assert!(svg.contains("aria-label=\"t&quot;\""));
        assert_eq!(svg.matches("<rect class=\"bar\"").count(), 2);
        // A bar without a range has no whisker.
        assert_eq!(svg.matches("class=\"whisker\"").count(), 1);
    }
}
