//! Independent reference implementation of `shared/spec/pricing.md` §1–§4 (expected values
//! only), written from the spec alone for differential testing. Uses only std, `csv`, `chrono`.
//!
//! Interpretations (where pricing.md is not explicit):
//! - CSV: UTF-8, comma, first line = header, RFC 4180 quoting, ragged rows allowed (missing
//!   cells are empty). A completely empty line is skipped (not a row); a line of empty cells is
//!   a row. A leading UTF-8 BOM is stripped. Mapping headers are matched exactly (falling back
//!   to a trimmed comparison); unknown headers / roles are ignored.
//! - "first non-empty column": per row, the first mapped column whose `str::trim`med value is
//!   non-empty is used (first_name, last_name, full_name, company_name, company_domain, phone,
//!   date). If that value later normalises to nothing (e.g. domain `n/a`), later columns are
//!   NOT consulted. Every `email` and every `linkedin_url` column gives its own identifier.
//! - case-fold / lower-case = `str::to_lowercase`; white space = `char::is_whitespace`;
//!   collapse = `split_whitespace().join(" ")` after trimming.
//! - Name: first + " " + last when both non-empty, else the full_name column, then collapsed
//!   and lower-cased. `nc:` needs a non-empty company name, `nd:` a domain.
//! - Email valid: exactly one `@`, no white space, non-empty local part, and the domain part
//!   has at least one `.` at a char position other than first and last.
//! - LinkedIn: trim -> percent-decode (valid `%XX` only, bytes -> UTF-8 lossy; invalid `%`
//!   sequences kept) -> lower-case -> drop everything up to and including the FIRST `://`
//!   (wherever it is) -> cut at first `?` or `#` -> split host/path at first `/`. Host must be
//!   exactly `linkedin.com` or `<label>.linkedin.com` with a non-empty label without dots.
//!   Path must start with `/in/`, slug = text up to the next `/`, must be non-empty. No
//!   re-trimming after decoding.
//! - Domain: trim -> lower-case -> drop up to first `://` -> cut at first `/`, `?`, `#` ->
//!   drop one leading `www.` -> no `.` left => no domain.
//! - Phone: a row/entry "has a phone" when its first non-empty phone cell holds an ASCII digit.
//! - Log entries: identifiers as §1; an entry matches every contact it shares an identifier
//!   with (never merges them). Date role: first non-empty cell, strict `YYYY-MM-DD`; an
//!   unparseable date is treated like no date (counts as in cycle).
//! - Cycle: start = renewal - 1 month (annual: 12 months), chrono clamping to month end;
//!   in cycle iff start <= date < renewal; no date or no renewal => in cycle.
//! - Requested points: `platform` => email+phone regardless of selection; every other
//!   channel => the selection. `already_revealed` / `nothing_needed` are only possible when
//!   at least one point is requested (with nothing requested a representative is `billable`
//!   with need_e = need_p = 0; it still pays per-contact fees such as blurred rows).
//! - "only what the file lacks": ignored on `platform`; elsewhere need_e = 0 when any row of
//!   the contact (matchable rows only, duplicates included) has a valid email, need_p = 0 when
//!   any row has a phone.
//! - match = 1 on `recommendations`; otherwise `match_rate`.
//! - request_fees: api-single = billable * ((1-m)*min + m*max(min, api_result)); api-bulk =
//!   billable contacts in file order, consecutive batches of `batch_size` (clamped to
//!   1..=100), exact binomial expectation of max(min, ceil(X/block_size)*block) per batch.
//!   Other channels: 0.
//! - company / company_signals / contact_signals only on api-single / api-bulk and only when
//!   the option is on. Company key = normalised domain, else normalised company name (one
//!   shared key space: domain "acme.com" and a name "acme.com" are the same company); unique
//!   keys counted over all identifiable (non-unmatchable) rows, duplicates included.
//! - blurred_rows only on `recommendations` = billable * blurred_row.
//! - workspace: reveals = platform prices for the selected fields (same as csv-enrichment
//!   here; an empty selection is allowed and means "nothing requested", see above). The list
//!   is a one-table Workspace spec (workspace.md "Details settled"); its own items count
//!   EVERY data row of the list (rows = the number of rows of §1, unmatchable and duplicate
//!   rows included), with no match factor:
//!   `ai_data` = rows · Σ fill · price.ai_cell; `signals` = rows · Σ hit · price.signal;
//!   `csv_export` = Σ over exports ceil(exported rows / csv_export_block_rows) ·
//!   price.csv_export_block (an export is a row count, or None = the whole table; a count
//!   larger than the table panics, the engine refuses it); `crm_export` = pushes ·
//!   price.crm_export; `ai_chat` = ceil(prompts / ai_chat_block_prompts) · price.ai_chat_block.
//!   Rates are expected values. On every other channel the five items are 0 (the actions
//!   are ignored). Unknown channel => panic.
//! - total = sum of the twelve items.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::{Months, NaiveDate};

#[derive(Clone, Debug)]
pub struct RefPrices {
    pub email: f64,
    pub phone: f64,
    pub api_result: f64,
    pub api_request_min: f64,
    pub api_bulk_block: f64,
    pub api_bulk_block_size: u32,
    pub api_company: f64,
    pub company_signal: f64,
    pub contact_signal: f64,
    pub blurred_row: f64,
    /// Workspace AI Data: per cell enriched.
    pub ai_cell: f64,
    /// Workspace Signals: per signal detected.
    pub signal: f64,
    /// Workspace CSV export: per block of `csv_export_block_rows` rows.
    pub csv_export_block: f64,
    pub csv_export_block_rows: u32,
    /// Workspace CRM export: per push.
    pub crm_export: f64,
    /// Workspace AI chat: per block of `ai_chat_block_prompts` prompts.
    pub ai_chat_block: f64,
    pub ai_chat_block_prompts: u32,
}

#[derive(Clone, Debug)]
pub struct RefOptions {
    /// "csv-enrichment" | "platform" | "api-single" | "api-bulk" | "recommendations" | "workspace"
    pub channel: String,
    pub reveal_email: bool,
    pub reveal_phone: bool,
    pub only_missing: bool,
    pub match_rate: f64,
    pub email_rate: f64,
    pub phone_rate: f64,
    pub batch_size: usize,
    pub company: bool,
    pub company_signals: bool,
    pub contact_signals: bool,
    pub renewal_date: Option<NaiveDate>,
    pub annual: bool,
    /// Workspace only: expected fill rate of each AI Data column.
    pub fills: Vec<f64>,
    /// Workspace only: expected hit rate of each Signals column.
    pub hits: Vec<f64>,
    /// Workspace only: rows of each planned CSV export; None = the whole table.
    pub csv_exports: Vec<Option<u64>>,
    /// Workspace only: planned pushes to a CRM.
    pub crm_exports: u64,
    /// Workspace only: AI chat prompts planned this cycle.
    pub ai_chat_prompts: u64,
}

#[derive(Clone, Debug)]
pub struct RefResult {
    /// One per data row, in file order:
    /// "unmatchable" | "duplicate" | "already_revealed" | "nothing_needed" | "billable".
    pub statuses: Vec<String>,
    /// Keys exactly: email, phone, request_fees, company, company_signals, contact_signals,
    /// blurred_rows, ai_data, signals, csv_export, crm_export, ai_chat.
    pub credits: BTreeMap<String, f64>,
    pub total: f64,
}

// ---------------------------------------------------------------------------------------
// CSV and mapping
// ---------------------------------------------------------------------------------------

struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

fn parse_csv(text: &str) -> Table {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .expect("reference: cannot read CSV header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = rdr
        .records()
        .map(|r| {
            r.expect("reference: malformed CSV record")
                .iter()
                .map(str::to_string)
                .collect()
        })
        .collect();
    Table { headers, rows }
}

/// Column indices per role, in priority order.
#[derive(Default)]
struct Columns {
    first_name: Vec<usize>,
    last_name: Vec<usize>,
    full_name: Vec<usize>,
    company_name: Vec<usize>,
    company_domain: Vec<usize>,
    email: Vec<usize>,
    phone: Vec<usize>,
    linkedin_url: Vec<usize>,
    date: Vec<usize>,
}

fn resolve_columns(headers: &[String], mapping: &[(&str, &str)]) -> Columns {
    let mut cols = Columns::default();
    for &(role, header) in mapping {
        let idx = headers
            .iter()
            .position(|h| h == header)
            .or_else(|| headers.iter().position(|h| h.trim() == header.trim()));
        let Some(idx) = idx else { continue };
        let slot = match role {
            "first_name" => &mut cols.first_name,
            "last_name" => &mut cols.last_name,
            "full_name" => &mut cols.full_name,
            "company_name" => &mut cols.company_name,
            "company_domain" => &mut cols.company_domain,
            "email" => &mut cols.email,
            "phone" => &mut cols.phone,
            "linkedin_url" => &mut cols.linkedin_url,
            "date" => &mut cols.date,
            _ => continue,
        };
        slot.push(idx);
    }
    cols
}

fn cell(row: &[String], idx: usize) -> &str {
    row.get(idx).map(String::as_str).unwrap_or("")
}

/// First column (in priority order) whose trimmed value is non-empty; returns it trimmed.
fn first_nonempty<'a>(row: &'a [String], cols: &[usize]) -> Option<&'a str> {
    cols.iter()
        .map(|&c| cell(row, c).trim())
        .find(|v| !v.is_empty())
}

// ---------------------------------------------------------------------------------------
// Normalisation (§1)
// ---------------------------------------------------------------------------------------

fn collapse_lower(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hi = (b[i + 1] as char).to_digit(16);
            let lo = (b[i + 2] as char).to_digit(16);
            if let (Some(hi), Some(lo)) = (hi, lo) {
                out.push((hi * 16 + lo) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn drop_scheme(s: &str) -> &str {
    match s.find("://") {
        Some(i) => &s[i + 3..],
        None => s,
    }
}

/// `linkedin.com/in/<slug>` for a LinkedIn person URL, else None.
pub fn norm_linkedin(raw: &str) -> Option<String> {
    let decoded = percent_decode(raw.trim()).to_lowercase();
    let s = drop_scheme(&decoded);
    let s = match s.find(['?', '#']) {
        Some(i) => &s[..i],
        None => s,
    };
    let (host, path) = match s.find('/') {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    let host_ok = host == "linkedin.com"
        || host
            .strip_suffix(".linkedin.com")
            .is_some_and(|label| !label.is_empty() && !label.contains('.'));
    if !host_ok {
        return None;
    }
    let rest = path.strip_prefix("/in/")?;
    let slug = rest.split('/').next().unwrap_or("");
    if slug.is_empty() {
        return None;
    }
    Some(format!("linkedin.com/in/{slug}"))
}

/// Lower-cased trimmed email when valid, else None.
pub fn norm_email(raw: &str) -> Option<String> {
    let e = raw.trim().to_lowercase();
    if e.matches('@').count() != 1 || e.chars().any(char::is_whitespace) {
        return None;
    }
    let (local, domain) = e.split_once('@')?;
    if local.is_empty() {
        return None;
    }
    let chars: Vec<char> = domain.chars().collect();
    let n = chars.len();
    let dot_ok = chars
        .iter()
        .enumerate()
        .any(|(i, &c)| c == '.' && i > 0 && i + 1 < n);
    if dot_ok { Some(e) } else { None }
}

pub fn norm_domain(raw: &str) -> Option<String> {
    let lower = raw.trim().to_lowercase();
    let s = drop_scheme(&lower);
    let s = match s.find(['/', '?', '#']) {
        Some(i) => &s[..i],
        None => s,
    };
    let s = s.strip_prefix("www.").unwrap_or(s);
    if s.contains('.') {
        Some(s.to_string())
    } else {
        None
    }
}

fn has_digit(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
}

fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        if b[r.clone()].iter().all(u8::is_ascii_digit) {
            s[r].parse().ok()
        } else {
            None
        }
    };
    NaiveDate::from_ymd_opt(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
}

struct RowInfo {
    ids: Vec<String>,
    has_email: bool,
    has_phone: bool,
    company_key: Option<String>,
    date: Option<NaiveDate>,
}

fn row_info(row: &[String], cols: &Columns) -> RowInfo {
    let mut ids = Vec::new();
    for &c in &cols.linkedin_url {
        if let Some(li) = norm_linkedin(cell(row, c)) {
            ids.push(format!("li:{li}"));
        }
    }
    let mut has_email = false;
    for &c in &cols.email {
        if let Some(e) = norm_email(cell(row, c)) {
            has_email = true;
            ids.push(format!("em:{e}"));
        }
    }
    let first = first_nonempty(row, &cols.first_name);
    let last = first_nonempty(row, &cols.last_name);
    let name = match (first, last) {
        (Some(f), Some(l)) => Some(collapse_lower(&format!("{f} {l}"))),
        _ => first_nonempty(row, &cols.full_name).map(collapse_lower),
    };
    let company = first_nonempty(row, &cols.company_name).map(collapse_lower);
    let domain = first_nonempty(row, &cols.company_domain).and_then(norm_domain);
    if let Some(name) = &name {
        // length-prefixed so that the pair encoding is unambiguous
        if let Some(company) = &company {
            ids.push(format!("nc:{}|{name}|{company}", name.len()));
        }
        if let Some(domain) = &domain {
            ids.push(format!("nd:{}|{name}|{domain}", name.len()));
        }
    }
    let has_phone = first_nonempty(row, &cols.phone).is_some_and(has_digit);
    let date = first_nonempty(row, &cols.date).and_then(parse_iso_date);
    RowInfo {
        ids,
        has_email,
        has_phone,
        company_key: domain.or(company),
        date,
    }
}

// ---------------------------------------------------------------------------------------
// Cycle (§2) and binomial fees (§4)
// ---------------------------------------------------------------------------------------

pub fn cycle_start(renewal: NaiveDate, annual: bool) -> NaiveDate {
    let months = Months::new(if annual { 12 } else { 1 });
    renewal.checked_sub_months(months).unwrap_or(NaiveDate::MIN)
}

pub fn in_cycle(date: Option<NaiveDate>, renewal: Option<NaiveDate>, annual: bool) -> bool {
    match (date, renewal) {
        (Some(d), Some(r)) => cycle_start(r, annual) <= d && d < r,
        _ => true,
    }
}

/// P(Binomial(n, p) = k) for k = 0..=n, with exact (u128) binomial coefficients.
pub fn binomial_pmf(n: usize, p: f64) -> Vec<f64> {
    assert!(n <= 120, "binomial_pmf: n too large for exact coefficients");
    let mut c: Vec<u128> = vec![1];
    for i in 1..=n {
        let mut next = vec![1u128; i + 1];
        for k in 1..i {
            next[k] = c[k - 1] + c[k];
        }
        c = next;
    }
    let q = 1.0 - p;
    (0..=n)
        .map(|k| c[k] as f64 * p.powi(k as i32) * q.powi((n - k) as i32))
        .collect()
}

/// Expected fee of one bulk request of `n` contacts.
pub fn bulk_batch_fee(n: usize, m: f64, prices: &RefPrices) -> f64 {
    let block = u64::from(prices.api_bulk_block_size.max(1));
    binomial_pmf(n, m)
        .iter()
        .enumerate()
        .map(|(x, pr)| {
            let blocks = (x as u64).div_ceil(block) as f64;
            pr * prices.api_request_min.max(blocks * prices.api_bulk_block)
        })
        .sum()
}

// ---------------------------------------------------------------------------------------
// Estimate
// ---------------------------------------------------------------------------------------

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Union keeping the smaller index as root, so a root is the first row of its component.
fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        parent[hi] = lo;
    }
}

/// Number of data rows of a list, as §1 counts them (what the Workspace items count).
pub fn reference_rows(list_csv: &str) -> usize {
    parse_csv(list_csv).rows.len()
}

#[derive(Default)]
struct WorkspaceItems {
    ai_data: f64,
    signals: f64,
    csv_export: f64,
    crm_export: f64,
    ai_chat: f64,
}

/// The Workspace channel's own items for a one-table spec of `rows` rows.
fn workspace_items(rows: usize, opts: &RefOptions, prices: &RefPrices) -> WorkspaceItems {
    let rows_f = rows as f64;
    let ai_data = rows_f * opts.fills.iter().sum::<f64>() * prices.ai_cell;
    let signals = rows_f * opts.hits.iter().sum::<f64>() * prices.signal;
    let block_rows = u64::from(prices.csv_export_block_rows);
    assert!(
        block_rows > 0,
        "reference: csv_export_block_rows must be > 0"
    );
    let table_rows = rows as u64;
    let blocks: u64 = opts
        .csv_exports
        .iter()
        .map(|e| {
            let exported = e.unwrap_or(table_rows);
            assert!(
                exported <= table_rows,
                "reference: a CSV export of {exported} rows from a table of {table_rows}"
            );
            exported.div_ceil(block_rows)
        })
        .sum();
    let csv_export = blocks as f64 * prices.csv_export_block;
    let crm_export = opts.crm_exports as f64 * prices.crm_export;
    let block_prompts = u64::from(prices.ai_chat_block_prompts);
    assert!(
        block_prompts > 0,
        "reference: ai_chat_block_prompts must be > 0"
    );
    let ai_chat = opts.ai_chat_prompts.div_ceil(block_prompts) as f64 * prices.ai_chat_block;
    WorkspaceItems {
        ai_data,
        signals,
        csv_export,
        crm_export,
        ai_chat,
    }
}

/// list_csv / log_csv: UTF-8, comma-delimited, first line is the header, RFC 4180 quoting.
/// mapping: (role, header) pairs; roles: first_name, last_name, full_name, company_name,
/// company_domain, email, phone, linkedin_url, and for the log also "date" (ISO YYYY-MM-DD,
/// or empty). A role may appear several times (several columns), in priority order.
pub fn reference_estimate(
    list_csv: &str,
    list_mapping: &[(&str, &str)],
    log: Option<(&str, &[(&str, &str)])>,
    opts: &RefOptions,
    prices: &RefPrices,
) -> RefResult {
    let channel = opts.channel.as_str();
    let known = [
        "csv-enrichment",
        "platform",
        "api-single",
        "api-bulk",
        "recommendations",
        "workspace",
    ];
    assert!(
        known.contains(&channel),
        "reference: unknown channel {channel:?}"
    );
    let is_api = channel == "api-single" || channel == "api-bulk";
    let platform = channel == "platform";

    // §1 rows and contacts
    let list = parse_csv(list_csv);
    let cols = resolve_columns(&list.headers, list_mapping);
    let rows: Vec<RowInfo> = list.rows.iter().map(|r| row_info(r, &cols)).collect();
    let n = rows.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let mut owner: HashMap<&str, usize> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        for id in &r.ids {
            match owner.get(id.as_str()) {
                Some(&j) => union(&mut parent, i, j),
                None => {
                    owner.insert(id.as_str(), i);
                }
            }
        }
    }
    let rep: Vec<usize> = (0..n).map(|i| find(&mut parent, i)).collect();
    let matchable = |i: usize| !rows[i].ids.is_empty();

    // contact-level facts, indexed by representative row
    let mut file_email = vec![false; n];
    let mut file_phone = vec![false; n];
    for i in (0..n).filter(|&i| matchable(i)) {
        file_email[rep[i]] |= rows[i].has_email;
        file_phone[rep[i]] |= rows[i].has_phone;
    }

    // §2 reveal log
    let mut rev_email = vec![false; n];
    let mut rev_phone = vec![false; n];
    if let Some((log_csv, log_mapping)) = log {
        let table = parse_csv(log_csv);
        let lcols = resolve_columns(&table.headers, log_mapping);
        for entry in table.rows.iter().map(|r| row_info(r, &lcols)) {
            if !in_cycle(entry.date, opts.renewal_date, opts.annual) {
                continue;
            }
            let contacts: BTreeSet<usize> = entry
                .ids
                .iter()
                .filter_map(|id| owner.get(id.as_str()).map(|&row| rep[row]))
                .collect();
            for c in contacts {
                rev_email[c] |= entry.has_email;
                rev_phone[c] |= entry.has_phone;
            }
        }
    }

    // statuses and needs
    let (req_e, req_p) = if platform {
        (true, true)
    } else {
        (opts.reveal_email, opts.reveal_phone)
    };
    let any_requested = req_e || req_p;
    let only_missing = opts.only_missing && !platform;
    let mut statuses = Vec::with_capacity(n);
    let mut billable: Vec<(bool, bool)> = Vec::new(); // (need_e, need_p), file order
    for i in 0..n {
        let status = if !matchable(i) {
            "unmatchable"
        } else if rep[i] != i {
            "duplicate"
        } else {
            let ne = req_e && !rev_email[i];
            let np = req_p && !rev_phone[i];
            if any_requested && !ne && !np {
                "already_revealed"
            } else {
                let ne = ne && !(only_missing && file_email[i]);
                let np = np && !(only_missing && file_phone[i]);
                if any_requested && !ne && !np {
                    "nothing_needed"
                } else {
                    billable.push((ne, np));
                    "billable"
                }
            }
        };
        statuses.push(status.to_string());
    }

    // §4 credits
    let m = if channel == "recommendations" {
        1.0
    } else {
        opts.match_rate
    };
    let nb = billable.len();
    let email: f64 = billable
        .iter()
        .filter(|(ne, _)| *ne)
        .map(|_| m * opts.email_rate * prices.email)
        .sum();
    let phone: f64 = billable
        .iter()
        .filter(|(_, np)| *np)
        .map(|_| m * opts.phone_rate * prices.phone)
        .sum();

    let request_fees = match channel {
        "api-single" => {
            let per = (1.0 - m) * prices.api_request_min
                + m * prices.api_request_min.max(prices.api_result);
            nb as f64 * per
        }
        "api-bulk" => {
            let b = opts.batch_size.clamp(1, 100);
            let full = nb / b;
            let rest = nb % b;
            let mut fee = full as f64 * bulk_batch_fee(b, m, prices);
            if rest > 0 {
                fee += bulk_batch_fee(rest, m, prices);
            }
            fee
        }
        _ => 0.0,
    };

    let unique_companies = rows
        .iter()
        .filter(|r| !r.ids.is_empty())
        .filter_map(|r| r.company_key.as_deref())
        .collect::<HashSet<&str>>()
        .len() as f64;
    let company = if is_api && opts.company {
        unique_companies * m * prices.api_company
    } else {
        0.0
    };
    let company_signals = if is_api && opts.company_signals {
        unique_companies * m * prices.company_signal
    } else {
        0.0
    };
    let contact_signals = if is_api && opts.contact_signals {
        nb as f64 * m * prices.contact_signal
    } else {
        0.0
    };
    let blurred_rows = if channel == "recommendations" {
        nb as f64 * prices.blurred_row
    } else {
        0.0
    };

    // Workspace items: every data row of the table, whatever its status; no match factor.
    let ws = if channel == "workspace" {
        workspace_items(n, opts, prices)
    } else {
        WorkspaceItems::default()
    };

    let items = [
        ("email", email),
        ("phone", phone),
        ("request_fees", request_fees),
        ("company", company),
        ("company_signals", company_signals),
        ("contact_signals", contact_signals),
        ("blurred_rows", blurred_rows),
        ("ai_data", ws.ai_data),
        ("signals", ws.signals),
        ("csv_export", ws.csv_export),
        ("crm_export", ws.crm_export),
        ("ai_chat", ws.ai_chat),
    ];
    let total: f64 = items.iter().map(|&(_, v)| v).sum();
    let credits: BTreeMap<String, f64> =
        items.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
    RefResult {
        statuses,
        credits,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAP: &[(&str, &str)] = &[
        ("first_name", "First"),
        ("last_name", "Last"),
        ("full_name", "Full"),
        ("company_name", "Company"),
        ("company_domain", "Domain"),
        ("email", "Email"),
        ("email", "Email2"),
        ("phone", "Phone"),
        ("phone", "Mobile"),
        ("linkedin_url", "LinkedIn"),
    ];
    const HEAD: &str = "First,Last,Full,Company,Domain,Email,Email2,Phone,Mobile,LinkedIn\n";
    const LOG_MAP: &[(&str, &str)] = &[
        ("date", "Date"),
        ("first_name", "First Name"),
        ("last_name", "Last Name"),
        ("email", "Work Email"),
        ("phone", "Phone 1"),
        ("linkedin_url", "LinkedIn URL"),
        ("company_name", "Company Name"),
        ("company_domain", "Company Domain"),
    ];
    const LOG_HEAD: &str =
        "Date,First Name,Last Name,Work Email,Phone 1,LinkedIn URL,Company Name,Company Domain\n";

    fn prices() -> RefPrices {
        RefPrices {
            email: 1.0,
            phone: 5.0,
            api_result: 1.0,
            api_request_min: 1.0,
            api_bulk_block: 1.0,
            api_bulk_block_size: 25,
            api_company: 1.0,
            company_signal: 1.0,
            contact_signal: 1.0,
            blurred_row: 1.0,
            ai_cell: 1.0,
            signal: 1.0,
            csv_export_block: 1.0,
            csv_export_block_rows: 25,
            crm_export: 1.0,
            ai_chat_block: 1.0,
            ai_chat_block_prompts: 5,
        }
    }

    fn opts(channel: &str) -> RefOptions {
        RefOptions {
            channel: channel.to_string(),
            reveal_email: true,
            reveal_phone: false,
            only_missing: false,
            match_rate: 1.0,
            email_rate: 1.0,
            phone_rate: 1.0,
            batch_size: 100,
            company: false,
            company_signals: false,
            contact_signals: false,
            renewal_date: None,
            annual: false,
            fills: Vec::new(),
            hits: Vec::new(),
            csv_exports: Vec::new(),
            crm_exports: 0,
            ai_chat_prompts: 0,
        }
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
    }

    fn st(r: &RefResult) -> Vec<&str> {
        r.statuses.iter().map(String::as_str).collect()
    }

    #[test]
    fn linkedin_normalisation() {
        let ok = |s: &str, want: &str| assert_eq!(norm_linkedin(s).as_deref(), Some(want), "{s}");
        let no = |s: &str| assert_eq!(norm_linkedin(s), None, "{s}");
        ok(
            "  HTTPS://WWW.LinkedIn.com/in/John-Doe/details/?x=1#f ",
            "linkedin.com/in/john-doe",
        );
        ok("linkedin.com/in/john-doe", "linkedin.com/in/john-doe");
        ok(
            "http://m.linkedin.com/in/john-doe//",
            "linkedin.com/in/john-doe",
        );
        ok(
            "uk.linkedin.com/IN/John-Doe#about",
            "linkedin.com/in/john-doe",
        );
        ok("linkedin.com/in/jos%C3%A9", "linkedin.com/in/josé");
        ok("linkedin.com/in/JOS%c3%89", "linkedin.com/in/josé");
        ok("linkedin.com%2Fin%2Fx", "linkedin.com/in/x");
        ok("linkedin.com/in/a%zzb", "linkedin.com/in/a%zzb");
        ok("linkedin.com/in/a%2", "linkedin.com/in/a%2");
        ok("linkedin.com/in/a%FFb", "linkedin.com/in/a\u{fffd}b");
        ok("ftp+x://www.linkedin.com/in/a?b", "linkedin.com/in/a");
        no("a.b.linkedin.com/in/x");
        no("linkedin.com.evil.com/in/x");
        no(".linkedin.com/in/x");
        no("evillinkedin.com/in/x");
        no("linkedin.com/company/acme");
        no("https://www.linkedin.com/sales/lead/ACwAA,NAME");
        no("linkedin.com/pub/x");
        no("linkedin.com/in/");
        no("linkedin.com/in");
        no("linkedin.com/in//x");
        no("linkedin.com");
        no("");
        // literal order: the scheme is dropped at the FIRST "://", even inside a query
        no("linkedin.com/in/x?u=https://y");
    }

    #[test]
    fn email_and_domain_normalisation() {
        assert_eq!(
            norm_email(" John.Doe@Acme.COM ").as_deref(),
            Some("john.doe@acme.com")
        );
        assert_eq!(norm_email("a@b.c").as_deref(), Some("a@b.c"));
        assert_eq!(norm_email("a@.b.c").as_deref(), Some("a@.b.c"));
        assert_eq!(norm_email("a@b..").as_deref(), Some("a@b.."));
        for bad in [
            "a@@b.com",
            "a@b@c.com",
            "a b@x.com",
            "a\u{a0}b@x.com",
            "a@localhost",
            "a@.com",
            "a@com.",
            "@x.com",
            "",
            "n/a",
            "a@.",
            "a@..",
        ] {
            assert_eq!(norm_email(bad), None, "{bad}");
        }
        assert_eq!(
            norm_domain("https://www.Acme.com/about?x").as_deref(),
            Some("acme.com")
        );
        assert_eq!(norm_domain(" WWW.ACME.COM ").as_deref(), Some("acme.com"));
        assert_eq!(norm_domain("acme.com#x").as_deref(), Some("acme.com"));
        assert_eq!(norm_domain("acme.co.uk?x=1").as_deref(), Some("acme.co.uk"));
        for bad in ["n/a", "-", "www.acme", "", "http://localhost/x", "www."] {
            assert_eq!(norm_domain(bad), None, "{bad}");
        }
    }

    #[test]
    fn rows_names_and_duplicates() {
        let csv = format!(
            "{HEAD}\
             ,,,,,a@x.com,,,,\n\
             ,,,,,A@X.com ,,,,https://www.linkedin.com/in/l1\n\
             ,,,,,,,,,linkedin.com/in/L1/\n\
             ,,,,,,,,,\n\
             \n\
             Ann,,,Acme,acme.com,,,555,,\n\
             Ann,Lee,,\"Acme,  Inc.\",,,,,,\n\
             ,,\" ann   LEE \",\"acme, inc.\",,,,,,\n\
             Bob,Ray,ignored full,,https://www.bob.io/x,,,,,\n\
             ,,\"bob\u{a0}ray\",,BOB.IO,,,,,\n\
             ,,Zoë,,n/a,bad@,,,,linkedin.com/company/x\n"
        );
        let r = reference_estimate(&csv, MAP, None, &opts("csv-enrichment"), &prices());
        assert_eq!(
            st(&r),
            [
                "billable",
                "duplicate",
                "duplicate",
                "unmatchable",
                "unmatchable",
                "billable",
                "duplicate",
                "billable",
                "duplicate",
                "unmatchable",
            ]
        );
        assert!(close(r.credits["email"], 3.0));
        assert!(close(r.total, 3.0));
        assert_eq!(r.credits.len(), 12);
    }

    #[test]
    fn transitive_chain_makes_earlier_row_duplicate() {
        // r0 and r1 are unrelated until r2 joins them; r3 joins via r1's LinkedIn only.
        let csv = format!(
            "{HEAD}\
             ,,,,,e1@x.com,,,,\n\
             ,,,,,,,,,linkedin.com/in/l1\n\
             ,,,,,e2@x.com,E1@x.com,,,\n\
             ,,,,,e2@X.COM,,,,\n\
             ,,,,,,,,,www.linkedin.com/in/l1?trk=1\n\
             ,,,,,e3@x.com,,,,linkedin.com/in/l1\n"
        );
        let r = reference_estimate(&csv, MAP, None, &opts("csv-enrichment"), &prices());
        assert_eq!(
            st(&r),
            [
                "billable",
                "billable",
                "duplicate",
                "duplicate",
                "duplicate",
                "duplicate"
            ]
        );
        // now link l1 to e1 at the end: row 1 becomes a duplicate of row 0
        let csv2 = format!("{csv},,,,,e3@x.com,e2@x.com,,,\n");
        let r = reference_estimate(&csv2, MAP, None, &opts("csv-enrichment"), &prices());
        assert_eq!(
            st(&r),
            [
                "billable",
                "duplicate",
                "duplicate",
                "duplicate",
                "duplicate",
                "duplicate",
                "duplicate"
            ]
        );
    }

    #[test]
    fn cycle_bounds_and_clamping() {
        assert_eq!(cycle_start(d("2027-03-31"), false), d("2027-02-28"));
        assert_eq!(cycle_start(d("2028-03-31"), false), d("2028-02-29"));
        assert_eq!(cycle_start(d("2028-02-29"), true), d("2027-02-28"));
        assert_eq!(cycle_start(d("2027-01-15"), false), d("2026-12-15"));
        let r = Some(d("2027-03-31"));
        assert!(in_cycle(Some(d("2027-02-28")), r, false));
        assert!(!in_cycle(Some(d("2027-02-27")), r, false));
        assert!(in_cycle(Some(d("2027-03-30")), r, false));
        assert!(!in_cycle(Some(d("2027-03-31")), r, false));
        assert!(in_cycle(None, r, false));
        assert!(in_cycle(Some(d("1999-01-01")), None, false));
        assert!(in_cycle(Some(d("2026-03-31")), r, true));
        assert!(!in_cycle(Some(d("2026-03-30")), r, true));
    }

    #[test]
    fn reveal_log_and_status_order() {
        // contacts: A(row0), B(row1), C(row2), D(row3, has email+phone in the file)
        let list = format!(
            "{HEAD}\
             Ann,Lee,,Acme,,a@x.com,,,,\n\
             Bob,Ray,,,bob.io,b@x.com,,,,\n\
             ,,,,,,,,,linkedin.com/in/cee\n\
             ,,,,,d@x.com,,+1 555,,\n"
        );
        let log = format!(
            "{LOG_HEAD}\
             2027-02-28,,,a@x.com,,,,\n\
             2027-03-31,,,b@x.com,555,,,\n\
             ,,,A@x.com,n/a,https://uk.linkedin.com/in/CEE/,,\n\
             2027-03-01,Bob,Ray,,123,,,BOB.IO\n\
             2027-02-27,,,d@x.com,1,,,\n"
        );
        let mut o = opts("csv-enrichment");
        o.renewal_date = Some(d("2027-03-31"));
        o.reveal_phone = true;
        let run = |o: &RefOptions| {
            reference_estimate(&list, MAP, Some((log.as_str(), LOG_MAP)), o, &prices())
        };
        // email: A (entry 0, 2), C (entry 2 matches A and C, has valid email) revealed;
        // phone: B (entry 3 in cycle) revealed. B's entry 1 is dated R: outside.
        let r = run(&o);
        assert_eq!(st(&r), ["billable", "billable", "billable", "billable"]);
        assert!(close(r.credits["email"], 2.0)); // B, D
        assert!(close(r.credits["phone"], 15.0)); // A, C, D
        o.reveal_phone = false;
        let r = run(&o);
        assert_eq!(
            st(&r),
            [
                "already_revealed",
                "billable",
                "already_revealed",
                "billable"
            ]
        );
        o.only_missing = true;
        let r = run(&o);
        // B and D have a valid email in the file
        assert_eq!(
            st(&r),
            [
                "already_revealed",
                "nothing_needed",
                "already_revealed",
                "nothing_needed"
            ]
        );
        assert!(close(r.total, 0.0));
        // platform: both points whatever the selection, only_missing ignored
        o.channel = "platform".to_string();
        let r = run(&o);
        assert_eq!(st(&r), ["billable"; 4]);
        assert!(close(r.credits["email"], 2.0));
        assert!(close(r.credits["phone"], 15.0));
        // annual cycle: entry 4 (2027-02-27) now in cycle, entry 1 still dated R
        o.channel = "csv-enrichment".to_string();
        o.only_missing = false;
        o.annual = true;
        o.reveal_phone = true;
        let r = run(&o);
        assert_eq!(
            st(&r),
            ["billable", "billable", "billable", "already_revealed"]
        );
        // no renewal date: every entry counts, B's entry 1 reveals email+phone
        o.renewal_date = None;
        let r = run(&o);
        assert_eq!(
            st(&r),
            [
                "billable",
                "already_revealed",
                "billable",
                "already_revealed"
            ]
        );
    }

    fn brute_force_fee(n: usize, p: f64, prices: &RefPrices) -> f64 {
        let mut total = 0.0;
        for mask in 0u32..(1 << n) {
            let x = mask.count_ones() as usize;
            let prob = p.powi(x as i32) * (1.0 - p).powi((n - x) as i32);
            let block = prices.api_bulk_block_size as usize;
            let blocks = x.div_ceil(block) as f64;
            total += prob * prices.api_request_min.max(blocks * prices.api_bulk_block);
        }
        total
    }

    #[test]
    fn bulk_fee_matches_brute_force() {
        let mut pr = prices();
        pr.api_bulk_block_size = 3;
        pr.api_bulk_block = 1.5;
        pr.api_request_min = 2.0;
        for n in 0..=12 {
            for p in [0.0, 0.3, 0.77, 1.0] {
                let a = bulk_batch_fee(n, p, &pr);
                let b = brute_force_fee(n, p, &pr);
                assert!(close(a, b), "n={n} p={p}: {a} vs {b}");
            }
        }
        let s: f64 = binomial_pmf(100, 0.5).iter().sum();
        assert!(close(s, 1.0));
        let s: f64 = binomial_pmf(100, 0.999).iter().sum();
        assert!(close(s, 1.0));
        // default book, 40 results in one call: 2 blocks
        assert!(close(bulk_batch_fee(40, 1.0, &prices()), 2.0));
        assert!(close(bulk_batch_fee(40, 0.0, &prices()), 1.0));
    }

    #[test]
    fn api_channels_and_extras() {
        let mut list = HEAD.to_string();
        for i in 0..10 {
            list.push_str(&format!(",,,,,p{i}@x.com,,,,\n"));
        }
        list.push_str("Ann,Lee,,Acme,https://www.acme.com/x,,,,,\n");
        list.push_str("Bob,Ray,,Acme,ACME.COM,,,,,\n");
        list.push_str("Cy,Ng,,\" acme.com \",,,,,,\n"); // name key equals a domain key
        list.push_str("Di,Ox,,Initech,n/a,,,,,\n");
        list.push_str(",,,Umbrella,umbrella.org,,,,,\n"); // unmatchable: not counted
        let mut pr = prices();
        pr.api_bulk_block_size = 3;
        pr.api_request_min = 1.0;
        pr.api_bulk_block = 2.0;
        let mut o = opts("api-bulk");
        o.match_rate = 0.6;
        o.email_rate = 0.5;
        o.batch_size = 4;
        o.company = true;
        o.company_signals = true;
        o.contact_signals = true;
        let r = reference_estimate(&list, MAP, None, &o, &pr);
        let nb = r.statuses.iter().filter(|s| *s == "billable").count();
        assert_eq!(nb, 14);
        let fee = 3.0 * bulk_batch_fee(4, 0.6, &pr) + bulk_batch_fee(2, 0.6, &pr);
        assert!(close(r.credits["request_fees"], fee));
        assert!(close(r.credits["email"], 14.0 * 0.6 * 0.5));
        assert!(close(r.credits["company"], 2.0 * 0.6)); // acme.com, initech
        assert!(close(r.credits["company_signals"], 2.0 * 0.6));
        assert!(close(r.credits["contact_signals"], 14.0 * 0.6));
        let sum: f64 = r.credits.values().sum();
        assert!(close(r.total, sum));

        o.channel = "api-single".to_string();
        pr.api_result = 3.0;
        let r = reference_estimate(&list, MAP, None, &o, &pr);
        assert!(close(
            r.credits["request_fees"],
            14.0 * (0.4 * 1.0 + 0.6 * 3.0)
        ));

        o.channel = "csv-enrichment".to_string();
        let r = reference_estimate(&list, MAP, None, &o, &pr);
        assert!(close(r.credits["company"], 0.0));
        assert!(close(r.credits["request_fees"], 0.0));

        o.channel = "recommendations".to_string();
        o.reveal_phone = true;
        o.phone_rate = 0.5;
        let r = reference_estimate(&list, MAP, None, &o, &pr);
        assert!(close(r.credits["blurred_rows"], 14.0));
        assert!(close(r.credits["email"], 14.0 * 0.5));
        assert!(close(r.credits["phone"], 14.0 * 0.5 * 5.0));
        assert!(close(r.credits["contact_signals"], 0.0));
    }

    #[test]
    fn nothing_requested_is_billable() {
        let list = format!("{HEAD},,,,,a@x.com,,,,\n");
        let mut o = opts("recommendations");
        o.reveal_email = false;
        o.only_missing = true;
        let r = reference_estimate(&list, MAP, None, &o, &prices());
        assert_eq!(st(&r), ["billable"]);
        assert!(close(r.total, 1.0));
    }

    #[test]
    fn csv_edge_cases() {
        // quoted newline and comma, a line of one quoted empty cell, missing cells, CRLF
        let list = "First,Last,Full,Company,Domain,Email,Email2,Phone,Mobile,LinkedIn\r\n\
                    \"Ann\nMarie\",Lee,,\"Acme, \"\"Inc\"\"\",,,,,,\r\n\
                    \"\"\r\n\
                    Ann Marie,,,,,x@y.z\r\n\
                    \r\n\
                    ,,\"ann marie lee\",\"acme, \"\"inc\"\"\",,,,,,\r\n";
        let r = reference_estimate(list, MAP, None, &opts("csv-enrichment"), &prices());
        assert_eq!(st(&r), ["billable", "unmatchable", "billable", "duplicate"]);
    }

    fn workspace_prices() -> RefPrices {
        let mut pr = prices();
        pr.ai_cell = 2.0;
        pr.signal = 3.0;
        pr.csv_export_block = 1.5;
        pr.csv_export_block_rows = 3;
        pr.crm_export = 4.0;
        pr.ai_chat_block = 2.5;
        pr.ai_chat_block_prompts = 5;
        pr
    }

    /// billable, duplicate, unmatchable, (blank line: not a row), billable
    fn workspace_list() -> String {
        format!(
            "{HEAD}\
             ,,,,,a@x.com,,,,\n\
             ,,,,,A@x.com,,,,\n\
             ,,,,,,,,,\n\
             \n\
             ,,,,,b@x.com,,,,\n"
        )
    }

    #[test]
    fn workspace_items_count_every_row_without_match() {
        let list = workspace_list();
        assert_eq!(reference_rows(&list), 4);
        let pr = workspace_prices();
        let mut o = opts("workspace");
        o.match_rate = 0.5;
        o.fills = vec![0.3, 1.0];
        o.hits = vec![0.25, 0.1];
        o.csv_exports = vec![None, Some(3), Some(0), Some(1)];
        o.crm_exports = 2;
        o.ai_chat_prompts = 11;
        let r = reference_estimate(&list, MAP, None, &o, &pr);
        assert_eq!(st(&r), ["billable", "duplicate", "unmatchable", "billable"]);
        assert_eq!(r.credits.len(), 12);
        // reveals: 2 billable · match 0.5 · email_rate 1 · 1
        assert!(close(r.credits["email"], 1.0));
        // 4 rows (duplicate and unmatchable included) · (0.3 + 1) · 2, no match factor
        assert!(close(r.credits["ai_data"], 10.4));
        // 4 rows · (0.25 + 0.1) · 3
        assert!(close(r.credits["signals"], 4.2));
        // ceil(4/3) + ceil(3/3) + ceil(0/3) + ceil(1/3) = 2 + 1 + 0 + 1 blocks · 1.5
        assert!(close(r.credits["csv_export"], 6.0));
        assert!(close(r.credits["crm_export"], 8.0));
        // ceil(11/5) = 3 blocks · 2.5
        assert!(close(r.credits["ai_chat"], 7.5));
        assert!(close(r.total, 1.0 + 10.4 + 4.2 + 6.0 + 8.0 + 7.5));
        let sum: f64 = r.credits.values().sum();
        assert!(close(r.total, sum));

        // other channels ignore the Workspace actions
        o.channel = "csv-enrichment".to_string();
        let r = reference_estimate(&list, MAP, None, &o, &pr);
        for k in ["ai_data", "signals", "csv_export", "crm_export", "ai_chat"] {
            assert!(close(r.credits[k], 0.0), "{k}");
        }
        assert!(close(r.total, 1.0));
    }

    #[test]
    fn workspace_with_nothing_to_reveal_and_edges() {
        let list = workspace_list();
        let pr = workspace_prices();
        let mut o = opts("workspace");
        o.reveal_email = false;
        o.reveal_phone = false;
        o.only_missing = true;
        o.fills = vec![0.5];
        o.ai_chat_prompts = 5; // exactly one block
        let r = reference_estimate(&list, MAP, None, &o, &pr);
        // nothing requested: representatives are billable, reveals cost nothing
        assert_eq!(st(&r), ["billable", "duplicate", "unmatchable", "billable"]);
        assert!(close(r.credits["email"], 0.0));
        assert!(close(r.credits["phone"], 0.0));
        assert!(close(r.credits["ai_data"], 4.0)); // 4 · 0.5 · 2
        assert!(close(r.credits["ai_chat"], 2.5));
        assert!(close(r.total, 6.5));
        o.ai_chat_prompts = 6; // two blocks
        let r = reference_estimate(&list, MAP, None, &o, &pr);
        assert!(close(r.credits["ai_chat"], 5.0));

        // an empty table: row-based items are 0, pushes and chat still cost
        let empty = HEAD.to_string();
        assert_eq!(reference_rows(&empty), 0);
        o.hits = vec![0.25];
        o.csv_exports = vec![None, Some(0)];
        o.crm_exports = 1;
        o.ai_chat_prompts = 1;
        let r = reference_estimate(&empty, MAP, None, &o, &pr);
        assert!(r.statuses.is_empty());
        assert!(close(r.credits["ai_data"], 0.0));
        assert!(close(r.credits["signals"], 0.0));
        assert!(close(r.credits["csv_export"], 0.0));
        assert!(close(r.credits["crm_export"], 4.0));
        assert!(close(r.credits["ai_chat"], 2.5));
        assert!(close(r.total, 6.5));
    }

    #[test]
    #[should_panic(expected = "CSV export")]
    fn workspace_export_larger_than_the_table_is_refused() {
        let mut o = opts("workspace");
        o.csv_exports = vec![Some(5)];
        reference_estimate(&workspace_list(), MAP, None, &o, &workspace_prices());
    }
}
