//! Plan vs actual (managers.md): the vendor's Usage Report read as it is exported (two
//! header rows, month above kind; user rows, per-group summary rows, an "API credits" row,
//! a Total row), the actual credits by kind summed over the plan's billing cycle, and set
//! beside the plan's low / expected / high per item.

use std::path::Path;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::pricebook::PriceBook;
use crate::pricing::Credits;

/// What a credit column of the report counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    PhoneReveals,
    EmailReveals,
    ApiSearch,
    ApiCompany,
    TotalCredits,
}

impl Kind {
    fn of(header: &str) -> Option<Kind> {
        let h = header.to_lowercase();
        if h.contains("phone") {
            Some(Kind::PhoneReveals)
        } else if h.contains("email") || h.contains("e-mail") {
            Some(Kind::EmailReveals)
        } else if h.contains("company") {
            Some(Kind::ApiCompany)
        } else if h.contains("search") || h.contains("api") {
            Some(Kind::ApiSearch)
        } else if h.contains("credit") || h.contains("total") {
            Some(Kind::TotalCredits)
        } else {
            None
        }
    }
}

/// One user's (or the API key's) actual usage in the period.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct UserUsage {
    pub user: String,
    pub group: String,
    pub email_reveals: f64,
    pub phone_reveals: f64,
    pub api_search_credits: f64,
    pub api_company_credits: f64,
    pub credits: f64,
}

/// A planned item beside what was spent.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemCheck {
    pub item: &'static str,
    pub actual: f64,
    pub planned: Credits,
    /// `within`, `above` (actual > high) or `below` (actual < low).
    pub verdict: &'static str,
    /// Actual minus expected.
    pub difference: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reconciliation {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub months: Vec<String>,
    pub items: Vec<ItemCheck>,
    pub users: Vec<UserUsage>,
    pub warnings: Vec<String>,
}

/// A month heading: `Nov 2026`, `November 2026`, `2026-11`, `11/2026`, `Nov-2026`,
/// `Nov 26`. A year is 1900 or later (chrono reads `Nov-2026` under `%b %Y` as the year
/// −2026).
fn parse_month(s: &str) -> Option<NaiveDate> {
    let t = s.trim();
    ["%b %Y", "%B %Y", "%Y-%m", "%m/%Y", "%b-%Y", "%b %y"]
        .into_iter()
        .filter_map(|fmt| NaiveDate::parse_from_str(&format!("1 {t}"), &format!("%d {fmt}")).ok())
        .find(|d| d.year() >= 1900)
}

struct Col {
    month: NaiveDate,
    kind: Kind,
}

/// Read a Usage Report and sum the user rows' usage over the months that overlap
/// `from..=to`; a mismatch with the report's own Total row is a warning.
pub fn read_usage(
    path: &Path,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<(Vec<UserUsage>, Vec<String>, Vec<String>)> {
    let text = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = String::from_utf8_lossy(&text);
    let text = text.trim_start_matches('\u{feff}');
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let rows: Vec<Vec<String>> = rdr
        .records()
        .map(|r| {
            r.map(|r| r.iter().map(|c| c.trim().to_string()).collect())
                .map_err(|e| {
                    Error::input(
                        path,
                        e.position().map(|p| p.line()),
                        format!("cannot read the usage report: {e}"),
                    )
                })
        })
        .collect::<Result<_>>()?;
    let Some(kinds_at) = rows
        .iter()
        .position(|r| r.iter().any(|c| c.eq_ignore_ascii_case("User Email")))
    else {
        return Err(Error::input(
            path,
            None,
            "not a Usage Report: no header row with `User Email` (export it from Analytics → Usage report)",
        ));
    };
    let kinds = &rows[kinds_at];
    let months_row = if kinds_at > 0 {
        Some(&rows[kinds_at - 1])
    } else {
        None
    };
    let find = |name: &str| kinds.iter().position(|c| c.eq_ignore_ascii_case(name));
    let email_col = find("User Email").expect("found above");
    let group_col = find("User Group Name");
    // Each credit column's month: its own heading, or the kind row's text, or the last
    // month heading to its left (a merged cell exports once).
    let mut cols: Vec<(usize, Col)> = Vec::new();
    let mut current: Option<NaiveDate> = None;
    for (j, k) in kinds.iter().enumerate() {
        let above = months_row
            .and_then(|m| m.get(j))
            .map(String::as_str)
            .unwrap_or("");
        if let Some(m) = parse_month(above) {
            current = Some(m);
        }
        let total_col = k.to_lowercase().ends_with("total");
        if j <= email_col || total_col {
            if total_col {
                current = None;
            }
            continue;
        }
        let own = k
            .split([' ', '(', ')', '-'])
            .collect::<Vec<_>>()
            .windows(2)
            .find_map(|w| parse_month(&w.join(" ")));
        let month = own.or(current);
        if let (Some(month), Some(kind)) = (month, Kind::of(k)) {
            cols.push((j, Col { month, kind }));
        }
    }
    if cols.is_empty() {
        return Err(Error::input(
            path,
            Some(kinds_at as u64 + 1),
            "no monthly credit columns found (a month above each of Phone reveals, Email reveals, API Search credits, API Company Enrichment credits, Total credits)",
        ));
    }
    let in_period = |m: NaiveDate| {
        let end = m
            .checked_add_months(chrono::Months::new(1))
            .and_then(|d| d.pred_opt())
            .unwrap_or(m);
        m <= to && end >= from
    };
    let mut months: Vec<String> = cols
        .iter()
        .filter(|(_, c)| in_period(c.month))
        .map(|(_, c)| format!("{}-{:02}", c.month.year(), c.month.month()))
        .collect();
    months.dedup();
    let num = |s: &str| s.replace([',', ' '], "").parse::<f64>().unwrap_or(0.0);
    let first = |r: &[String]| r.first().map(String::as_str).unwrap_or("").to_string();
    let is_total = |r: &[String]| {
        let f = first(r);
        f.eq_ignore_ascii_case("total") || f.eq_ignore_ascii_case("grand total")
    };
    let is_api = |r: &[String]| first(r).eq_ignore_ascii_case("API credits");
    // A user's row has an email; the API key's row is named; a group's summary row (no
    // email) and a blank line are neither. The Total row is none of them, even when its
    // "Total" stands in the email column.
    let is_user = |r: &[String]| {
        !is_total(r)
            && (is_api(r)
                || !r
                    .get(email_col)
                    .map(String::as_str)
                    .unwrap_or("")
                    .is_empty())
    };
    let mut users = Vec::new();
    let total_row = rows[kinds_at + 1..].iter().find(|r| is_total(r));
    for r in rows[kinds_at + 1..].iter().filter(|r| is_user(r)) {
        let email = r.get(email_col).map(String::as_str).unwrap_or("");
        let is_api = is_api(r);
        let mut u = UserUsage {
            user: if is_api {
                "API credits".into()
            } else {
                email.to_string()
            },
            group: group_col
                .and_then(|g| r.get(g))
                .filter(|_| !is_api)
                .cloned()
                .unwrap_or_default(),
            ..Default::default()
        };
        for (j, c) in cols.iter().filter(|(_, c)| in_period(c.month)) {
            let v = num(r.get(*j).map(String::as_str).unwrap_or(""));
            match c.kind {
                Kind::PhoneReveals => u.phone_reveals += v,
                Kind::EmailReveals => u.email_reveals += v,
                Kind::ApiSearch => u.api_search_credits += v,
                Kind::ApiCompany => u.api_company_credits += v,
                Kind::TotalCredits => u.credits += v,
            }
        }
        users.push(u);
    }
    let mut warnings = Vec::new();
    if let Some(t) = total_row {
        for (j, c) in &cols {
            let want = num(t.get(*j).map(String::as_str).unwrap_or(""));
            let got: f64 = rows[kinds_at + 1..]
                .iter()
                .filter(|r| is_user(r))
                .map(|r| num(r.get(*j).map(String::as_str).unwrap_or("")))
                .sum();
            if (want - got).abs() > 1e-6 {
                warnings.push(format!(
                    "the report's Total row says {want} for `{}` ({}-{:02}), its user rows add up to {got}",
                    kinds[*j],
                    c.month.year(),
                    c.month.month()
                ));
            }
        }
    } else {
        warnings.push("the report has no Total row to check the user rows against".into());
    }
    Ok((users, months, warnings))
}

fn check(item: &'static str, actual: f64, planned: Credits) -> ItemCheck {
    let eps = 1e-9;
    ItemCheck {
        item,
        actual,
        planned,
        verdict: if actual > planned.high + eps {
            "above"
        } else if actual < planned.low - eps {
            "below"
        } else {
            "within"
        },
        difference: actual - planned.expected,
    }
}

/// The plan's items beside the actual credits of the period: email and phone reveals at
/// the plan's prices, API search and company credits as reported, and the total.
pub fn reconcile(
    usage: &Path,
    result: &crate::plan::SavedResult,
    book: &PriceBook,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Reconciliation> {
    let (users, months, mut warnings) = read_usage(usage, from, to)?;
    let sum = |f: fn(&UserUsage) -> f64| users.iter().map(f).sum::<f64>();
    let p = &book.prices;
    let b = &result.breakdown;
    let api_fees = Credits {
        low: b.request_fees.low + b.contact_signals.low,
        expected: b.request_fees.expected + b.contact_signals.expected,
        high: b.request_fees.high + b.contact_signals.high,
    };
    let company = Credits {
        low: b.company.low + b.company_signals.low,
        expected: b.company.expected + b.company_signals.expected,
        high: b.company.high + b.company_signals.high,
    };
    let items = vec![
        check("email", sum(|u| u.email_reveals) * p.email, b.email),
        check("phone", sum(|u| u.phone_reveals) * p.phone, b.phone),
        check("api_search", sum(|u| u.api_search_credits), api_fees),
        check("company", sum(|u| u.api_company_credits), company),
        check("total", sum(|u| u.credits), result.credits),
    ];
    if months.is_empty() {
        warnings.push(format!(
            "no month of the report falls in {from} to {to}: nothing was spent in the period as far as it shows"
        ));
    }
    Ok(Reconciliation {
        from,
        to,
        months,
        items,
        users,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_headings() {
        let d = |y, m| NaiveDate::from_ymd_opt(y, m, 1);
        assert_eq!(parse_month("Nov 2026"), d(2026, 11));
        assert_eq!(parse_month("November 2026"), d(2026, 11));
        assert_eq!(parse_month("2026-11"), d(2026, 11));
        assert_eq!(parse_month("11/2026"), d(2026, 11));
        assert_eq!(parse_month("Phone reveals"), None);
        assert_eq!(parse_month(" Nov-2026 "), d(2026, 11));
        assert_eq!(parse_month("Nov 26"), d(2026, 11));
    }
}

#[cfg(test)]
mod report_tests;
