//! Reports of an estimate: the JSON of cli.md (fixed keys for scripts), a table for people,
//! a CSV breakdown, the per-row report and the trimmed upload list.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::analysis::Analysis;
use crate::engine::Outcome;
use crate::error::Result;
use crate::input::reader::ContactTable;
use crate::pricebook::PriceBook;
use crate::pricing::{self, Credits, Item, Settings};
use crate::rows;

/// The breakdown in cli.md's key order.
#[derive(Clone, Debug, Serialize, serde::Deserialize, PartialEq)]
pub struct Breakdown {
    pub email: Credits,
    pub phone: Credits,
    pub request_fees: Credits,
    pub company: Credits,
    pub company_signals: Credits,
    pub contact_signals: Credits,
    pub ai_data: Credits,
    pub signals: Credits,
    pub csv_export: Credits,
    pub crm_export: Credits,
    pub ai_chat: Credits,
    pub blurred_rows: Credits,
}

impl Breakdown {
    pub fn of(e: &pricing::Estimate) -> Self {
        Breakdown {
            email: e.item(Item::Email),
            phone: e.item(Item::Phone),
            request_fees: e.item(Item::RequestFees),
            company: e.item(Item::Company),
            company_signals: e.item(Item::CompanySignals),
            contact_signals: e.item(Item::ContactSignals),
            ai_data: e.item(Item::AiData),
            signals: e.item(Item::Signals),
            csv_export: e.item(Item::CsvExport),
            crm_export: e.item(Item::CrmExport),
            ai_chat: e.item(Item::AiChat),
            blurred_rows: e.item(Item::BlurredRows),
        }
    }
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct BudgetJson {
    pub remaining: f64,
    pub status: &'static str,
    /// Billable contacts kept by fit-to-budget, and of how many (a list only: a Workspace
    /// spec of several tables is not cut).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fit_contacts: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub billable_contacts: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fit_credits: Option<Credits>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct AssumptionsJson {
    pub match_rate: crate::pricebook::RateRange,
    pub email_rate: crate::pricebook::RateRange,
    pub phone_rate: crate::pricebook::RateRange,
}

/// cli.md's `--format json` object. Keys up to `warnings` are fixed; the rest are additions.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct JsonReport {
    pub pricebook: String,
    pub channel: String,
    pub mapping: BTreeMap<String, Vec<String>>,
    pub rows: u64,
    pub unmatchable_rows: u64,
    pub duplicate_rows: u64,
    pub already_revealed_rows: u64,
    pub nothing_needed_rows: u64,
    pub billable_contacts: u64,
    pub credits: Credits,
    pub breakdown: Breakdown,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<BudgetJson>,
    /// API channels only (cli.md): requests and the time they take under the rate limits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_to_run: Option<crate::account::tiers::TimeToRun>,
    pub warnings: Vec<String>,
    pub pricebook_name: String,
    pub reveal: Vec<&'static str>,
    pub only_missing: bool,
    pub assumptions: AssumptionsJson,
    pub needs: NeedsJson,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceJson>,
    /// Workspace tables (a spec, or a list on the workspace channel as one table).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tables: Option<Vec<TableJson>>,
    /// With `--group-by`: the column and the estimate per value (cli.md, managers.md).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group_by: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub groups: Option<Vec<crate::segments::Group>>,
    /// The credits in money, when a price per credit is given (`--price-per-credit`, a
    /// plan's `money`, the window's "Show money"); set with [`JsonReport::set_money`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub money: Option<MoneyJson>,
}

/// A price per credit and its currency, as a plan saves them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct Money {
    /// Price of one credit, in `currency`.
    pub price_per_credit: Option<f64>,
    pub currency: Option<String>,
}

/// The total credits in money at a price per credit: `credits × price_per_credit` for each
/// of expected, low and high (the window's headline computes the same).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct MoneyJson {
    pub price_per_credit: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(serialize_with = "write_clean")]
    pub expected: f64,
    #[serde(serialize_with = "write_clean")]
    pub low: f64,
    #[serde(serialize_with = "write_clean")]
    pub high: f64,
}

fn write_clean<S: serde::Serializer>(v: &f64, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64(pricing::clean(*v))
}

impl MoneyJson {
    /// The money of `total` at `m`'s price, or `None` when `m` has no price per credit.
    pub fn of(m: &Money, total: &Credits) -> Option<Self> {
        let p = m.price_per_credit?;
        let at = |c: f64| crate::subscription::money(c, p);
        Some(MoneyJson {
            price_per_credit: p,
            currency: m
                .currency
                .as_ref()
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty()),
            expected: at(total.expected),
            low: at(total.low),
            high: at(total.high),
        })
    }
}

impl JsonReport {
    /// Show the total in money at `m`'s price per credit (nothing without a price).
    pub fn set_money(&mut self, m: &Money) {
        self.money = MoneyJson::of(m, &self.credits);
    }
}

/// One Workspace table of the JSON report (workspace.md): its own counts and credits.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct TableJson {
    pub name: String,
    /// The table's contact list, or null for a row count.
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mapping: Option<BTreeMap<String, Vec<String>>>,
    pub rows: u64,
    pub unmatchable_rows: u64,
    pub duplicate_rows: u64,
    pub already_revealed_rows: u64,
    pub nothing_needed_rows: u64,
    pub billable_contacts: u64,
    pub credits: Credits,
    pub breakdown: Breakdown,
    /// What the table reveals and the rates it is priced with.
    pub reveal: Vec<&'static str>,
    pub assumptions: AssumptionsJson,
    pub ai_data: Vec<pricing::AiDataColumn>,
    pub signals: Vec<pricing::SignalsColumn>,
    pub csv_exports: Vec<pricing::ExportRows>,
    pub crm_exports: u64,
    /// Free columns planned on the table (listed, never charged).
    pub lusha_columns: Vec<String>,
    pub crm_columns: Vec<String>,
}

impl TableJson {
    pub fn of(
        name: &str,
        source: Option<&std::path::Path>,
        mapping: Option<&crate::input::roles::Mapping>,
        settings: &Settings,
        e: &pricing::Estimate,
    ) -> Self {
        let c = &e.counts;
        let actions = &settings.workspace;
        TableJson {
            name: name.to_string(),
            source: source.map(|p| p.display().to_string()),
            mapping: mapping.map(|m| m.to_json_map(&crate::input::roles::Role::LIST)),
            rows: c.rows,
            unmatchable_rows: c.unmatchable,
            duplicate_rows: c.duplicate,
            already_revealed_rows: c.already_revealed,
            nothing_needed_rows: c.nothing_needed,
            billable_contacts: c.billable,
            credits: e.total,
            breakdown: Breakdown::of(e),
            reveal: reveal_keys(settings),
            assumptions: AssumptionsJson::of(settings),
            ai_data: actions.ai_data.clone(),
            signals: actions.signals.clone(),
            csv_exports: actions.csv_exports.clone(),
            crm_exports: actions.crm_exports,
            lusha_columns: actions.lusha_columns.clone(),
            crm_columns: actions.crm_columns.clone(),
        }
    }
}

impl AssumptionsJson {
    pub fn of(s: &Settings) -> Self {
        AssumptionsJson {
            match_rate: s.assumptions.match_rate,
            email_rate: s.assumptions.email_rate,
            phone_rate: s.assumptions.phone_rate,
        }
    }
}

/// The data points requested, as cli.md names them.
fn reveal_keys(s: &Settings) -> Vec<&'static str> {
    let sel = s.requested();
    let mut reveal = Vec::new();
    if sel.email {
        reveal.push("email");
    }
    if sel.phone {
        reveal.push("phone");
    }
    reveal
}

/// "90%", or "90% (80–100%)" when the rate has a range.
fn rate_text(r: &crate::pricebook::RateRange) -> String {
    let pct = |v: f64| format!("{}%", num(v * 100.0));
    if r.low == r.high {
        pct(r.expected)
    } else {
        format!("{} ({}–{})", pct(r.expected), pct(r.low), pct(r.high))
    }
}

/// What a Workspace table plans, in words, one line each (for the table and Markdown).
pub(crate) fn table_plan_lines(t: &TableJson) -> Vec<String> {
    let mut v = Vec::new();
    let a = &t.assumptions;
    v.push(if t.reveal.is_empty() {
        "Reveal: nothing".to_string()
    } else {
        let mut rates = vec![format!("match {}", rate_text(&a.match_rate))];
        if t.reveal.contains(&"email") {
            rates.push(format!("email {}", rate_text(&a.email_rate)));
        }
        if t.reveal.contains(&"phone") {
            rates.push(format!("phone {}", rate_text(&a.phone_rate)));
        }
        format!("Reveal: {} — {}", t.reveal.join(" + "), rates.join(", "))
    });
    let cols = |v: Vec<String>| v.join(", ");
    if !t.ai_data.is_empty() {
        v.push(format!(
            "AI Data (fill): {}",
            cols(
                t.ai_data
                    .iter()
                    .map(|c| format!("{} {}", c.name, rate_text(&c.fill)))
                    .collect()
            )
        ));
    }
    if !t.signals.is_empty() {
        v.push(format!(
            "Signals (hit): {}",
            cols(
                t.signals
                    .iter()
                    .map(|c| format!("{} {}", c.name, rate_text(&c.hit)))
                    .collect()
            )
        ));
    }
    if !t.csv_exports.is_empty() || t.crm_exports > 0 {
        let exports: Vec<String> = t
            .csv_exports
            .iter()
            .map(|e| match e {
                pricing::ExportRows::All => "whole table".to_string(),
                pricing::ExportRows::Rows(n) => format!("{n} rows"),
            })
            .collect();
        let mut parts = Vec::new();
        if !exports.is_empty() {
            parts.push(format!("CSV {}", exports.join(", ")));
        }
        if t.crm_exports > 0 {
            parts.push(crate::text::count(t.crm_exports, "CRM push", "CRM pushes"));
        }
        v.push(format!("Exports: {}", parts.join("; ")));
    }
    if !t.lusha_columns.is_empty() || !t.crm_columns.is_empty() {
        let mut parts = Vec::new();
        if !t.lusha_columns.is_empty() {
            parts.push(format!("Lusha Data: {}", t.lusha_columns.join(", ")));
        }
        if !t.crm_columns.is_empty() {
            parts.push(format!("CRM: {}", t.crm_columns.join(", ")));
        }
        v.push(format!("Free columns (0 credits): {}", parts.join("; ")));
    }
    v
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct NeedsJson {
    pub email: u64,
    pub phone: u64,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct SourceJson {
    pub path: String,
    pub encoding: String,
    pub delimiter: String,
}

pub fn json_report(
    outcome: &Outcome,
    settings: &Settings,
    book: &PriceBook,
    mapping: BTreeMap<String, Vec<String>>,
    source: Option<&ContactTable>,
) -> JsonReport {
    let e = &outcome.estimate;
    let c = &e.counts;
    let reveal = reveal_keys(settings);
    JsonReport {
        pricebook: book.id.clone(),
        channel: settings.channel.key().to_string(),
        mapping,
        rows: c.rows,
        unmatchable_rows: c.unmatchable,
        duplicate_rows: c.duplicate,
        already_revealed_rows: c.already_revealed,
        nothing_needed_rows: c.nothing_needed,
        billable_contacts: c.billable,
        credits: e.total,
        breakdown: Breakdown::of(e),
        budget: outcome.budget.as_ref().map(|b| BudgetJson {
            remaining: b.remaining,
            status: b.status.key(),
            fit_contacts: b.fit.as_ref().map(|f| f.kept),
            billable_contacts: b.fit.as_ref().map(|f| f.billable),
            fit_credits: b.fit.as_ref().map(|f| f.estimate.total),
        }),
        time_to_run: None,
        warnings: e.warnings.clone(),
        pricebook_name: book.name.clone(),
        reveal,
        only_missing: settings.effective_only_missing(),
        assumptions: AssumptionsJson::of(settings),
        needs: NeedsJson {
            email: c.need_email,
            phone: c.need_phone,
        },
        source: source.map(|t| SourceJson {
            path: t.path.display().to_string(),
            encoding: t.encoding.to_string(),
            delimiter: crate::input::reader::delimiter_name(t.delimiter),
        }),
        tables: None,
        group_by: None,
        groups: None,
        money: None,
    }
}

/// The JSON of a Workspace spec (workspace.md): the fixed keys over all tables, an empty
/// top-level `mapping`, and `tables` with each table's own counts, credits and breakdown.
pub fn spec_json_report(
    spec: &crate::workspace::Spec,
    sources: &[crate::engine::SourcedTable],
    run: &crate::engine::SpecOutcome,
    book: &PriceBook,
) -> JsonReport {
    let settings = spec.summary_settings(book);
    let mut json = json_report(&run.outcome, &settings, book, BTreeMap::new(), None);
    let mut sources = sources.iter();
    json.tables = Some(
        spec.tables
            .iter()
            .zip(&run.tables)
            .map(|(t, e)| match &t.source {
                crate::workspace::TableSource::List { path, .. } => TableJson::of(
                    &t.name,
                    Some(path),
                    sources.next().map(|s| &s.mapping),
                    &t.settings(),
                    e,
                ),
                crate::workspace::TableSource::Rows(_) => {
                    TableJson::of(&t.name, None, None, &t.settings(), e)
                }
            })
            .collect(),
    );
    json
}

/// Credits for people: thousands separators, two decimals when not whole.
fn num(v: f64) -> String {
    crate::text::credits(v)
}

/// A whole number for people, with thousands separators.
fn n(v: impl Into<i128>) -> String {
    let v: i128 = v.into();
    crate::text::int_signed(v.clamp(i64::MIN as i128, i64::MAX as i128) as i64)
}

/// A plain-text report for people.
pub fn table_report(r: &JsonReport, outcome: &Outcome, book: &PriceBook, title: &str) -> String {
    let mut s = String::new();
    let e = &outcome.estimate;
    let _ = writeln!(s, "enrichplan estimate — {title}");
    let _ = writeln!(s, "Price book: {} ({})", book.id, book.name);
    let ch = crate::pricing::Channel::from_key(&r.channel).unwrap_or_default();
    let _ = writeln!(s, "Channel:    {} — {}", ch.label(), ch.rule());
    let tables = r
        .tables
        .as_deref()
        .filter(|v| v.len() > 1 || r.source.is_none())
        .unwrap_or(&[]);
    let a = &r.assumptions;
    if !tables.is_empty() {
        let _ = writeln!(s, "Rates:      each table's own, below");
    } else {
        let _ = writeln!(
            s,
            "Rates:      {}match {:.0}% ({:.0}–{:.0}%), email {:.0}% ({:.0}–{:.0}%), phone {:.0}% ({:.0}–{:.0}%)",
            if tables.is_empty() {
                ""
            } else {
                "(defaults; each table has its own) "
            },
            a.match_rate.expected * 100.0,
            a.match_rate.low * 100.0,
            a.match_rate.high * 100.0,
            a.email_rate.expected * 100.0,
            a.email_rate.low * 100.0,
            a.email_rate.high * 100.0,
            a.phone_rate.expected * 100.0,
            a.phone_rate.low * 100.0,
            a.phone_rate.high * 100.0,
        );
    }
    for t in tables {
        let _ = writeln!(s);
        let from = match &t.source {
            Some(p) => format!("from {p}"),
            None => format!("{} rows", n(t.rows)),
        };
        let _ = writeln!(s, "Table `{}` ({from})", t.name);
        for line in table_plan_lines(t) {
            let _ = writeln!(s, "  {line}");
        }
        rows_line(
            &mut s,
            t.rows,
            [
                t.unmatchable_rows,
                t.duplicate_rows,
                t.already_revealed_rows,
                t.nothing_needed_rows,
                t.billable_contacts,
            ],
        );
        items_block(
            &mut s,
            Item::ALL.iter().map(|i| (*i, t.breakdown.get(*i))),
            &t.credits,
            "Table credits",
        );
    }
    let _ = writeln!(s);
    if !tables.is_empty() {
        let _ = writeln!(
            s,
            "All {}",
            crate::text::count(tables.len() as u64, "table", "tables")
        );
    }
    rows_line(
        &mut s,
        r.rows,
        [
            r.unmatchable_rows,
            r.duplicate_rows,
            r.already_revealed_rows,
            r.nothing_needed_rows,
            r.billable_contacts,
        ],
    );
    items_block(&mut s, e.items.iter().copied(), &e.total, "Total credits");
    if let Some(b) = &outcome.budget {
        let _ = writeln!(s);
        let _ = writeln!(s, "Budget {}: {}", num(b.remaining), b.status.label());
        if let Some(fit) = b.fit.as_ref().filter(|f| f.kept < f.billable) {
            let (fe, _, fh) = pricing::shown(&fit.estimate.total);
            let _ = writeln!(
                s,
                "Fit to budget: keep the first {} of {} billable contacts (expected {}, high {})",
                n(fit.kept),
                n(fit.billable),
                n(fe),
                n(fh)
            );
        }
    }
    if let Some(t) = &r.time_to_run {
        let _ = writeln!(s);
        let _ = writeln!(s, "{}", time_to_run_line(t));
    }
    groups_block(&mut s, r, false);
    if !e.warnings.is_empty() {
        let _ = writeln!(s);
        let _ = writeln!(s, "Warnings:");
        for w in &e.warnings {
            let _ = writeln!(s, "  - {w}");
        }
    }
    s
}

/// "Time to run: 17 API requests, about 6 min under Premium (…): 300/min, …".
fn time_to_run_line(t: &crate::account::tiers::TimeToRun) -> String {
    format!(
        "Time to run: {}, {} under {}",
        crate::text::count(t.requests, "API request", "API requests"),
        t.duration_text(),
        t.limits
    )
}

/// The groups of `--group-by` as lines for people: value, rows, billable, credits.
fn groups_block(s: &mut String, r: &JsonReport, markdown: bool) {
    let (Some(col), Some(groups)) = (&r.group_by, &r.groups) else {
        return;
    };
    if groups.is_empty() {
        return;
    }
    let shown = |v: &str| {
        if v.is_empty() {
            "(empty)".to_string()
        } else {
            v.to_string()
        }
    };
    let _ = writeln!(s);
    if markdown {
        let _ = writeln!(s, "## By {col}\n");
        let _ = writeln!(s, "| {col} | Rows | Billable | Expected credits |");
        let _ = writeln!(s, "|---|---:|---:|---:|");
        for g in groups {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} |",
                shown(&g.value).replace('|', "\\|"),
                n(g.rows),
                n(g.billable_contacts),
                crate::text::money(g.credits.expected)
            );
        }
    } else {
        let _ = writeln!(s, "By {col}:");
        let w = groups
            .iter()
            .map(|g| shown(&g.value).chars().count())
            .max()
            .unwrap_or(0)
            .min(40);
        for g in groups {
            let _ = writeln!(
                s,
                "  {:<w$}  {:>8} rows  {:>8} billable  {:>12} credits",
                shown(&g.value),
                n(g.rows),
                n(g.billable_contacts),
                crate::text::money(g.credits.expected)
            );
        }
    }
}

/// "Rows N: unmatchable … · billable …" and a blank line.
fn rows_line(s: &mut String, rows: u64, [u, d, a, n, b]: [u64; 5]) {
    let i = crate::text::int;
    let _ = writeln!(
        s,
        "Rows {}: unmatchable {} · duplicates {} · already revealed {} · nothing needed {} · billable {}",
        i(rows),
        i(u),
        i(d),
        i(a),
        i(n),
        i(b)
    );
    let _ = writeln!(s);
}

/// The items that cost something, low / expected / high, and the total line.
fn items_block(
    s: &mut String,
    items: impl Iterator<Item = (Item, Credits)>,
    total: &Credits,
    total_label: &str,
) {
    let items: Vec<(Item, Credits)> = items.filter(|(_, c)| !c.is_zero()).collect();
    if items.is_empty() {
        let _ = writeln!(s, "Nothing planned here costs credits.");
        return;
    }
    let _ = writeln!(
        s,
        "{:<24} {:>12} {:>12} {:>12}",
        "Item", "Low", "Expected", "High"
    );
    // Whole credits that add up to the total in every column (pricing::shown_items).
    let credits: Vec<Credits> = items.iter().map(|(_, c)| *c).collect();
    let (shown, (exp, low, high)) = pricing::shown_items(&credits, total);
    for ((item, _), (e, l, h)) in items.iter().zip(shown) {
        let _ = writeln!(
            s,
            "{:<24} {:>12} {:>12} {:>12}",
            item.label(),
            n(l),
            n(e),
            n(h)
        );
    }
    let _ = writeln!(s, "{}", "-".repeat(63));
    let _ = writeln!(
        s,
        "{total_label:<24} {:>12} {:>12} {:>12}",
        n(low),
        n(exp),
        n(high)
    );
}

/// The breakdown as CSV: item, rule, low, expected, high, and a total line.
pub fn csv_report(outcome: &Outcome, book: &PriceBook) -> Result<Vec<u8>> {
    let e = &outcome.estimate;
    let mut rows = vec![vec![
        "item".to_string(),
        "rule".into(),
        "low".into(),
        "expected".into(),
        "high".into(),
    ]];
    for (item, c) in &e.items {
        rows.push(vec![
            item.key().to_string(),
            item.rule(&book.prices),
            c.low.to_string(),
            c.expected.to_string(),
            c.high.to_string(),
        ]);
    }
    rows.push(vec![
        "total".into(),
        format!("price book {}", book.id),
        e.total.low.to_string(),
        e.total.expected.to_string(),
        e.total.high.to_string(),
    ]);
    crate::fsutil::csv_bytes(rows)
}

/// The per-row report: row, line, contact id, status, reason, expected credits.
pub fn rows_report(
    a: &Analysis,
    t: &ContactTable,
    s: &Settings,
    book: &PriceBook,
) -> Result<Vec<u8>> {
    let credits = rows::row_credits(a, s, book);
    let header = ["row", "line", "contact_id", "status", "reason", "credits"];
    let body = (0..t.rows()).map(|r| {
        vec![
            (r + 1).to_string(),
            t.lines.get(r).map(u64::to_string).unwrap_or_default(),
            rows::contact_id(a, r),
            rows::row_status(a, r, s).key().to_string(),
            rows::row_reason(a, r, s, &t.lines),
            credits[r].to_string(),
        ]
    });
    crate::fsutil::csv_bytes(
        std::iter::once(header.iter().map(|h| h.to_string()).collect()).chain(body),
    )
}

/// The billable rows in their original columns (or only `keep` when cut to a budget). An
/// email cell read as a list of addresses (pricing.md §1) is written as its first valid
/// address, the one the upload is matched on.
pub fn trimmed_list(t: &ContactTable, keep: &[u32], email_columns: &[String]) -> Result<Vec<u8>> {
    let cols: Vec<_> = t
        .headers
        .iter()
        .map(|h| {
            t.df.column(h)
                .and_then(|c| c.str().cloned())
                .map(|c| (c, email_columns.contains(h)))
        })
        .collect::<std::result::Result<_, _>>()?;
    let body = keep.iter().map(|&r| {
        cols.iter()
            .map(|(c, email)| {
                let v = c.get(r as usize).unwrap_or("");
                if *email && crate::normalize::is_email_list(v) {
                    match crate::normalize::email_addresses(v).into_iter().next() {
                        Some(first) => first,
                        None => v.to_string(),
                    }
                } else {
                    v.to_string()
                }
            })
            .collect::<Vec<String>>()
    });
    crate::fsutil::csv_bytes(std::iter::once(t.headers.clone()).chain(body))
}

/// A Markdown report of an estimate: date, price book, assumptions, breakdown with ranges,
/// the row funnel and warnings.
pub fn markdown_report(r: &JsonReport, outcome: &Outcome, book: &PriceBook, title: &str) -> String {
    let mut s = String::new();
    let e = &outcome.estimate;
    let (exp, low, high) = pricing::shown(&e.total);
    let _ = writeln!(s, "# Enrichment estimate — {title}\n");
    let _ = writeln!(
        s,
        "- Date: {}",
        chrono::Local::now().format("%Y-%m-%d %H:%M")
    );
    let _ = writeln!(
        s,
        "- Price book: `{}` — {} (effective {})",
        book.id, book.name, book.effective_date
    );
    let ch = crate::pricing::Channel::from_key(&r.channel).unwrap_or_default();
    let _ = writeln!(s, "- Channel: {} — {}", ch.label(), ch.rule());
    let _ = writeln!(
        s,
        "- Reveal: {}{}",
        if r.reveal.is_empty() {
            "nothing".to_string()
        } else if r.source.is_none() {
            "per table, below".to_string()
        } else {
            r.reveal.join(" + ")
        },
        if r.only_missing {
            " (only what the file lacks)"
        } else {
            ""
        }
    );
    let a = &r.assumptions;
    let per_table = r.source.is_none() && r.tables.is_some();
    for (name, x) in [
        ("Match rate", a.match_rate),
        ("Email rate", a.email_rate),
        ("Phone rate", a.phone_rate),
    ]
    .into_iter()
    .filter(|_| !per_table)
    {
        let _ = writeln!(
            s,
            "- {name}: {:.0}% (low {:.0}%, high {:.0}%)",
            x.expected * 100.0,
            x.low * 100.0,
            x.high * 100.0
        );
    }
    let _ = writeln!(
        s,
        "\n## Credits\n\n**{}** expected (low {}, high {})\n",
        n(exp),
        n(low),
        n(high)
    );
    if let Some(b) = &outcome.budget {
        let _ = write!(s, "Budget {}: **{}**", num(b.remaining), b.status.label());
        if let Some(fit) = b.fit.as_ref().filter(|f| f.kept < f.billable) {
            let _ = write!(
                s,
                "; fit to budget keeps the first {} of {} billable contacts (counted at the high estimate)",
                n(fit.kept),
                n(fit.billable)
            );
        }
        let _ = writeln!(s, "\n");
    }
    if let Some(t) = &r.time_to_run {
        let _ = writeln!(s, "{}\n", time_to_run_line(t));
    }
    let _ = writeln!(
        s,
        "| Item | Rule | Low | Expected | High |\n|---|---|---:|---:|---:|"
    );
    let items: Vec<&(Item, Credits)> = e.items.iter().filter(|(_, c)| !c.is_zero()).collect();
    let credits: Vec<Credits> = items.iter().map(|(_, c)| *c).collect();
    let (shown, _) = pricing::shown_items(&credits, &e.total);
    for ((item, _), (x, l, h)) in items.iter().zip(shown) {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |",
            item.label(),
            item.rule(&book.prices),
            n(l),
            n(x),
            n(h)
        );
    }
    let _ = writeln!(s, "| **Total** | | {} | {} | {} |", n(low), n(exp), n(high));
    for t in r.tables.iter().flatten().filter(|_| r.source.is_none()) {
        let (exp, low, high) = pricing::shown(&t.credits);
        let from = match &t.source {
            Some(p) => format!("from `{p}`"),
            None => format!("{} rows", n(t.rows)),
        };
        let _ = writeln!(
            s,
            "\n### Table {} ({from})\n\n**{}** credits expected (low {}, high {}); {} rows: {} unmatchable, {} duplicates, {} already revealed, {} billable\n",
            t.name,
            n(exp),
            n(low),
            n(high),
            n(t.rows),
            n(t.unmatchable_rows),
            n(t.duplicate_rows),
            n(t.already_revealed_rows),
            n(t.billable_contacts)
        );
        for line in table_plan_lines(t) {
            let _ = writeln!(s, "- {line}");
        }
        let _ = writeln!(
            s,
            "\n| Item | Low | Expected | High |\n|---|---:|---:|---:|"
        );
        for i in Item::ALL {
            let c = t.breakdown.get(i);
            if !c.is_zero() {
                let _ = writeln!(
                    s,
                    "| {} | {} | {} | {} |",
                    i.label(),
                    num(c.low),
                    num(c.expected),
                    num(c.high)
                );
            }
        }
    }
    let _ = writeln!(s, "\n## Rows\n");
    let _ = writeln!(s, "| Stage | Rows |\n|---|---:|");
    let c = &e.counts;
    for (label, count) in [
        ("All rows", c.rows),
        ("Unmatchable", c.unmatchable),
        ("Duplicates", c.duplicate),
        ("Already revealed this cycle", c.already_revealed),
        ("Nothing needed", c.nothing_needed),
        ("Billable contacts", c.billable),
    ] {
        let _ = writeln!(s, "| {label} | {} |", n(count));
    }
    groups_block(&mut s, r, true);
    if !e.warnings.is_empty() {
        let _ = writeln!(s, "\n## Warnings\n");
        for w in &e.warnings {
            let _ = writeln!(s, "- {w}");
        }
    }
    s
}

impl Breakdown {
    /// One item of the breakdown.
    pub fn get(&self, i: Item) -> Credits {
        match i {
            Item::Email => self.email,
            Item::Phone => self.phone,
            Item::RequestFees => self.request_fees,
            Item::Company => self.company,
            Item::CompanySignals => self.company_signals,
            Item::ContactSignals => self.contact_signals,
            Item::AiData => self.ai_data,
            Item::Signals => self.signals,
            Item::CsvExport => self.csv_export,
            Item::CrmExport => self.crm_export,
            Item::AiChat => self.ai_chat,
            Item::BlurredRows => self.blurred_rows,
        }
    }
}
