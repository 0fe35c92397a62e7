//! Independent reference implementation of `shared/spec/pricing.md` §1–§4 and the Workspace
//! items of `shared/spec/workspace.md` (low, expected and high), written from the specs alone
//! for differential testing. Uses only std, `csv`, `chrono`, `toml` (for the price books,
//! which it reads itself into its own structs) and `unicode-normalization` (NFC). It never
//! looks at the engine's types or code.
//!
//! Interpretations (where the specs are not explicit):
//! - CSV: UTF-8, a delimiter given by the caller (the generator knows what it wrote; the
//!   engine has to sniff it), first line = header, RFC 4180 quoting, ragged rows allowed
//!   (missing cells are empty). A completely empty line is skipped (not a row); a line of
//!   empty cells is a row. A leading UTF-8 BOM is stripped. Mapping headers are matched
//!   exactly (falling back to a trimmed comparison); unknown headers / roles are ignored.
//! - NFC (§1 revised): every data cell of the list and of the log is put in Unicode NFC
//!   (`unicode-normalization`) right after reading, before any other rule; header names are
//!   not (they are matched as written). So `Jose\u{301}` = `José`, decomposed Hangul = the
//!   syllables, and U+037E GREEK QUESTION MARK is a `;` (an address separator). NFC applies
//!   to the cell text only: what percent-decoding a LinkedIn URL yields is not normalised
//!   again (`jose%CC%81` and `jos%C3%A9` are different slugs; the generator writes neither).
//! - Columns of a role (§1 revised): a role's columns are taken in FILE order (the header's
//!   order), whatever order the mapping lists them in. Every `email` and every
//!   `linkedin_url` column gives its own identifiers. The single-valued roles use the FIRST
//!   column in file order whose cell gives a USABLE value, per row:
//!   first_name / last_name / full_name / company_name: not empty once `str::trim`med
//!   (a cell `-` is a usable name); company_domain: a domain by the §1 rule (`n/a`, `-`, a
//!   value without a dot, a social host all fall through to the next column); phone: a cell
//!   holding an ASCII digit (so "has a phone" = any phone column holds a digit); a log's
//!   date: not empty once trimmed (a non-empty cell that is no date panics; the generator
//!   never writes one).
//! - lower-case = `str::to_lowercase`; case-fold = `case_fold` (full Unicode folding);
//!   white space = `char::is_whitespace`; collapse = `split_whitespace().join(" ")`.
//! - Name: first + " " + last when both have a usable column, else the first usable
//!   full_name column, then collapsed and case-folded (§1 says "case-folded" for names and
//!   company names, "lower-cased" for emails, LinkedIn URLs and domains): Unicode full case
//!   folding, so `Straße` = `STRASSE`, `…ς` = `…σ` = `…Σ`, `ﬁ` = `fi`. `nc:` needs a usable
//!   company name, `nd:` a usable domain.
//! - Email cell (§1 `em:`, "a cell is read as a list of addresses"): when the cell holds
//!   `<…>` pairs (a `<` and the next `>` after it), the candidates are the pairs' contents
//!   and nothing else; otherwise the cell is split at `,` `;`, white space and the
//!   full-width `，` (U+FF0C) `；` (U+FF1B) `、` (U+3001) (empty pieces dropped). From each
//!   candidate a leading `mailto:` (any case) and surrounding quotes (`"` `'`), parentheses
//!   and brackets (`(` `)` `[` `]`) are removed, repeatedly and in any order. Every valid
//!   candidate gives an `em:`; the row has an email when one is valid.
//! - Email valid: trimmed, lower-cased; exactly one `@`, no white space, non-empty local
//!   part, and the domain part has a `.` at a char position other than first and last.
//! - LinkedIn: trim -> percent-decode (valid `%XX` only, bytes -> UTF-8 lossy; invalid `%`
//!   sequences kept) -> lower-case -> drop a leading scheme (`[a-z][a-z0-9+.-]*://` at the
//!   very start only: a `://` inside the query or fragment is part of the query or fragment,
//!   which is dropped next) -> cut at first `?` or `#` -> split host/path at first `/`. Host
//!   must be exactly `linkedin.com` or `<label>.linkedin.com` with a non-empty label without
//!   dots. Path must start with `/in/`, slug = text up to the next `/`, must be non-empty.
//! - Domain: trim -> lower-case -> drop a leading scheme (as for LinkedIn) -> cut at first
//!   `/`, `?`, `#` -> drop one leading `www.` -> no `.` left => no domain. Social / profile
//!   hosts (§1 revised, `SOCIAL_HOSTS`): when what is left, without a `:<digits>` port, IS
//!   one of linkedin.com, licdn.com, facebook.com, fb.com, instagram.com, x.com,
//!   twitter.com, xing.com, github.com, crunchbase.com, youtube.com, tiktok.com or ENDS WITH
//!   `.` + one of them, it is no domain (`dropbox.com`, `github.io`, `linkedin.com.evil.io`
//!   are domains). A port is otherwise kept as part of a domain (the spec does not remove
//!   one; the generator writes none).
//! - Same contact (§1 revised, rules 1–4), `same_contacts`: `li:` / `em:` are strong; rows
//!   sharing one are a strong group (connected components over strong identifiers only).
//!   Rows with no strong identifier but an `nc:` / `nd:` form clusters (components over
//!   shared `nc:` / `nd:` among those rows only). For each cluster, the set of strong groups
//!   having a row that holds one of the cluster's name identifiers (any of its rows' nc:/nd:)
//!   is computed against the strong groups alone (a cluster joining a group does not make
//!   the group "hold" more names for other clusters; clusters never share a name identifier
//!   anyway); with exactly one group the cluster joins it, otherwise (none, two or more) it
//!   is a contact of its own. Strong groups are never joined to each other by names. The
//!   representative is the contact's first row in file order (which may be a cluster row
//!   before the group's rows); every other row of the contact is a duplicate.
//! - Phone: a row/entry "has a phone" when one of its phone columns holds an ASCII digit
//!   (the first usable phone column exists).
//! - Log entries (§2 revised), `Contacts::entry_matches`: identifiers as §1 (NFC, file order,
//!   first usable column). An entry matches every contact holding one of its strong
//!   identifiers. Its name identifiers: H = every contact holding ANY of the entry's `nc:` /
//!   `nd:` (through any of the contact's rows, strong rows and joined cluster rows alike;
//!   contacts already matched by a strong identifier are NOT removed from H first). When
//!   |H| = 1 the entry also matches that contact, except when the entry has a strong
//!   identifier (a valid email or LinkedIn person URL) and the contact has one too. Entries
//!   never merge contacts. Email is revealed for every matched contact when the in-cycle
//!   entry has a valid email in any email column; phone when any phone column holds a digit;
//!   several entries add up. Date role: first non-empty date column in file order.
//!   `YYYY-MM-DD`, or `NN/NN/YYYY` read in the order the whole column decides (the
//!   reveal-log date rules): a first number above 12 somewhere settles day first, a second
//!   number above 12 settles month first, both in one column is refused, neither (every
//!   date reads both ways) is month first. An unparseable date panics (the generator never
//!   writes one).
//! - Cycle: start = renewal - 1 month (annual: 12 months), chrono clamping to month end;
//!   in cycle iff start <= date < renewal; no date or no renewal => in cycle.
//! - Requested points: `platform` => email+phone regardless of selection; every other
//!   channel => the selection. `already_revealed` / `nothing_needed` are only possible when
//!   at least one point is requested (with nothing requested a representative is `billable`
//!   with need_e = need_p = 0; it still pays per-contact fees such as blurred rows).
//! - "only what the file lacks": ignored on `platform`; elsewhere need_e = 0 when any row of
//!   the contact (its strong rows and joined cluster rows, duplicates included) has a valid
//!   email, need_p = 0 when any row has a phone.
//! - Rates: low / expected / high estimates use the low / expected / high end of every rate
//!   (match, email, phone, AI Data fill, Signals hit). match = 1 on `recommendations`.
//! - request_fees: api-single = billable * ((1-m)*min + m*max(min, api_result)); api-bulk =
//!   billable contacts in file order, consecutive batches of `batch_size` (absent: the book's
//!   api_bulk_max_batch, 100), exact binomial expectation of max(min, ceil(X/block_size)*block)
//!   per batch. The pmf is computed in log space (ln k! as sums of ln i, ln p / ln q through
//!   `ln_1p` of the small one; p = 0 and 1 exact point masses) and summed as non-negative
//!   terms, so m near 0 or 1 (1e-9, 0.99941, 1 − 1e-9) is exact to ~1e-15. Other channels: 0.
//! - company / company_signals / contact_signals only on api-single / api-bulk and only when
//!   the option is on. Company key = the row's usable normalised domain, else its normalised
//!   company name (one shared key space: domain "acme.com" and a name "acme.com" are the same
//!   company); a row whose only domain is a social host therefore counts by its company name
//!   (and a row with neither counts no company). Unique keys counted over all identifiable
//!   (non-unmatchable) rows, duplicates included.
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
//!   On every other channel the five items are 0 (the actions are ignored). Unknown channel
//!   => panic.
//! - total = sum of the twelve items, for each of low, expected and high.
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

use chrono::{Months, NaiveDate};
use unicode_normalization::UnicodeNormalization;

// ---------------------------------------------------------------------------------------
// Price books (read from the TOML files themselves)
// ---------------------------------------------------------------------------------------

#[derive(Clone, Debug)]
pub struct RefPrices {
    pub email: f64,
    pub phone: f64,
    pub api_result: f64,
    pub api_request_min: f64,
    pub api_bulk_block: f64,
    pub api_bulk_block_size: u32,
    /// Contacts per bulk request at most (the default batch size).
    pub api_bulk_max_batch: u32,
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

/// A price book as the reference reads it: `id`, `[prices]` and the default rates.
#[derive(Clone, Debug)]
pub struct RefBook {
    pub id: String,
    pub prices: RefPrices,
    /// (low, expected, high) of match_rate, email_rate, phone_rate, signal_hit_rate.
    pub match_rate: [f64; 3],
    pub email_rate: [f64; 3],
    pub phone_rate: [f64; 3],
    pub signal_hit_rate: [f64; 3],
}

fn toml_num(t: &toml::Table, key: &str) -> f64 {
    match t.get(key) {
        Some(toml::Value::Integer(i)) => *i as f64,
        Some(toml::Value::Float(f)) => *f,
        other => panic!("reference: price book key {key:?} is not a number: {other:?}"),
    }
}

fn toml_count(t: &toml::Table, key: &str) -> u32 {
    match t.get(key) {
        Some(toml::Value::Integer(i)) => u32::try_from(*i).expect("reference: count fits u32"),
        other => panic!("reference: price book key {key:?} is not a whole number: {other:?}"),
    }
}

fn toml_table<'a>(t: &'a toml::Table, key: &str) -> &'a toml::Table {
    match t.get(key) {
        Some(toml::Value::Table(x)) => x,
        other => panic!("reference: price book has no table {key:?}: {other:?}"),
    }
}

fn toml_range(t: &toml::Table, key: &str) -> [f64; 3] {
    let r = toml_table(t, key);
    [
        toml_num(r, "low"),
        toml_num(r, "expected"),
        toml_num(r, "high"),
    ]
}

impl RefBook {
    pub fn from_toml(text: &str) -> RefBook {
        let doc: toml::Table = text.parse().expect("reference: price book is not TOML");
        let id = match doc.get("id") {
            Some(toml::Value::String(s)) => s.clone(),
            other => panic!("reference: price book id: {other:?}"),
        };
        let p = toml_table(&doc, "prices");
        let prices = RefPrices {
            email: toml_num(p, "email"),
            phone: toml_num(p, "phone"),
            api_result: toml_num(p, "api_result"),
            api_request_min: toml_num(p, "api_request_min"),
            api_bulk_block: toml_num(p, "api_bulk_block"),
            api_bulk_block_size: toml_count(p, "api_bulk_block_size"),
            api_bulk_max_batch: toml_count(p, "api_bulk_max_batch"),
            api_company: toml_num(p, "api_company"),
            company_signal: toml_num(p, "company_signal"),
            contact_signal: toml_num(p, "contact_signal"),
            blurred_row: toml_num(p, "blurred_row"),
            ai_cell: toml_num(p, "ai_cell"),
            signal: toml_num(p, "signal"),
            csv_export_block: toml_num(p, "csv_export_block"),
            csv_export_block_rows: toml_count(p, "csv_export_block_rows"),
            crm_export: toml_num(p, "crm_export"),
            ai_chat_block: toml_num(p, "ai_chat_block"),
            ai_chat_block_prompts: toml_count(p, "ai_chat_block_prompts"),
        };
        let a = toml_table(&doc, "assumptions");
        RefBook {
            id,
            prices,
            match_rate: toml_range(a, "match_rate"),
            email_rate: toml_range(a, "email_rate"),
            phone_rate: toml_range(a, "phone_rate"),
            signal_hit_rate: toml_range(a, "signal_hit_rate"),
        }
    }

    pub fn load(path: &Path) -> RefBook {
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("reference: cannot read {}: {e}", path.display()));
        RefBook::from_toml(&text)
    }
}

/// Every `*.toml` price book of a folder (the shipped ones: `assets/pricebooks`), with its
/// text, sorted by file name.
pub fn load_books(dir: &Path) -> Vec<(String, RefBook)> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("reference: cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("reference: dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("reference: read price book");
            let book = RefBook::from_toml(&text);
            (text, book)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Options and results
// ---------------------------------------------------------------------------------------

/// (low, expected, high) with low = expected = high = `v`.
pub fn exact(v: f64) -> [f64; 3] {
    [v, v, v]
}

#[derive(Clone, Debug)]
pub struct RefOptions {
    /// "csv-enrichment" | "platform" | "api-single" | "api-bulk" | "recommendations" | "workspace"
    pub channel: String,
    pub reveal_email: bool,
    pub reveal_phone: bool,
    pub only_missing: bool,
    /// (low, expected, high).
    pub match_rate: [f64; 3],
    pub email_rate: [f64; 3],
    pub phone_rate: [f64; 3],
    /// api-bulk batch size; None = the book's default (api_bulk_max_batch).
    pub batch_size: Option<usize>,
    pub company: bool,
    pub company_signals: bool,
    pub contact_signals: bool,
    pub renewal_date: Option<NaiveDate>,
    pub annual: bool,
    /// Workspace only: (low, expected, high) fill rate of each AI Data column.
    pub fills: Vec<[f64; 3]>,
    /// Workspace only: (low, expected, high) hit rate of each Signals column.
    pub hits: Vec<[f64; 3]>,
    /// Workspace only: rows of each planned CSV export; None = the whole table.
    pub csv_exports: Vec<Option<u64>>,
    /// Workspace only: planned pushes to a CRM.
    pub crm_exports: u64,
    /// Workspace only: AI chat prompts planned this cycle.
    pub ai_chat_prompts: u64,
    /// The field delimiter of the list and of the log text.
    pub list_delimiter: u8,
    pub log_delimiter: u8,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct RefCredits {
    pub low: f64,
    pub expected: f64,
    pub high: f64,
}

#[derive(Clone, Debug)]
pub struct RefResult {
    /// One per data row, in file order:
    /// "unmatchable" | "duplicate" | "already_revealed" | "nothing_needed" | "billable".
    pub statuses: Vec<String>,
    /// Keys exactly: email, phone, request_fees, company, company_signals, contact_signals,
    /// blurred_rows, ai_data, signals, csv_export, crm_export, ai_chat.
    pub credits: BTreeMap<String, RefCredits>,
    pub total: RefCredits,
}

// ---------------------------------------------------------------------------------------
// CSV and mapping
// ---------------------------------------------------------------------------------------

struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
}

fn parse_csv(text: &str, delimiter: u8) -> Table {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .expect("reference: cannot read CSV header")
        .iter()
        .map(str::to_string)
        .collect();
    // pricing.md §1: "Before any rule below, every cell is put in Unicode NFC".
    let rows = rdr
        .records()
        .map(|r| {
            r.expect("reference: malformed CSV record")
                .iter()
                .map(nfc)
                .collect()
        })
        .collect();
    Table { headers, rows }
}

/// Unicode Normalization Form C of a cell.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Column indices per role, in FILE order (the header's order), whatever order the mapping
/// lists them in; a column mapped twice to one role counts once.
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
    for slot in [
        &mut cols.first_name,
        &mut cols.last_name,
        &mut cols.full_name,
        &mut cols.company_name,
        &mut cols.company_domain,
        &mut cols.email,
        &mut cols.phone,
        &mut cols.linkedin_url,
        &mut cols.date,
    ] {
        slot.sort_unstable();
        slot.dedup();
    }
    cols
}

fn cell(row: &[String], idx: usize) -> &str {
    row.get(idx).map(String::as_str).unwrap_or("")
}

/// The first column in file order whose trimmed value is non-empty; returns it trimmed.
/// The usable value of a name, company name or date column (pricing.md §1).
fn first_nonempty<'a>(row: &'a [String], cols: &[usize]) -> Option<&'a str> {
    cols.iter()
        .map(|&c| cell(row, c).trim())
        .find(|v| !v.is_empty())
}

/// The first domain column in file order whose cell is a domain by the §1 rule (`n/a`, `-`,
/// a social or profile host fall through to the next column), normalised.
fn first_domain(row: &[String], cols: &[usize]) -> Option<String> {
    cols.iter().find_map(|&c| norm_domain(cell(row, c)))
}

/// The first phone column in file order whose cell holds a digit, trimmed.
fn first_phone<'a>(row: &'a [String], cols: &[usize]) -> Option<&'a str> {
    cols.iter()
        .map(|&c| cell(row, c).trim())
        .find(|v| has_digit(v))
}

// ---------------------------------------------------------------------------------------
// Normalisation (§1)
// ---------------------------------------------------------------------------------------

/// Unicode full case folding (CaseFolding.txt, status C and F): lower-casing, then the
/// characters whose folding is not their lower case. The table covers Latin, Greek and the
/// Latin ligatures (every character the generator writes); nothing else is generated.
pub fn case_fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.to_lowercase().chars() {
        match c {
            'ß' => out.push_str("ss"),
            'ς' => out.push('σ'),
            'ſ' => out.push('s'),
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            'ﬅ' | 'ﬆ' => out.push_str("st"),
            'ŉ' => out.push_str("\u{2bc}n"),
            'ϐ' => out.push('β'),
            'ϑ' => out.push('θ'),
            'ϕ' => out.push('φ'),
            'ϖ' => out.push('π'),
            'ϰ' => out.push('κ'),
            'ϱ' => out.push('ρ'),
            'ϵ' => out.push('ε'),
            '\u{345}' => out.push('ι'),
            'ẛ' => out.push('ṡ'),
            _ => out.push(c),
        }
    }
    out
}

/// A name or company name for `nc:` / `nd:`: trimmed, inner white space collapsed,
/// case-folded (pricing.md §1).
fn collapse_lower(s: &str) -> String {
    case_fold(&s.split_whitespace().collect::<Vec<_>>().join(" "))
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

/// Drops a URL scheme at the very start (`https://`, `ftp+x://`): a letter, then letters,
/// digits, `+`, `-` or `.`, then `://`. A `://` anywhere else is not a scheme.
fn drop_scheme(s: &str) -> &str {
    let Some(i) = s.find("://") else { return s };
    let scheme = &s[..i];
    let mut chars = scheme.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if ok { &s[i + 3..] } else { s }
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

/// Lower-cased trimmed email when valid, else None (one address).
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

/// The contents of the cell's `<…>` pairs: each `<` with the next `>` after it.
fn angle_pairs(cell: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = cell;
    while let Some(i) = rest.find('<') {
        let after = &rest[i + 1..];
        let Some(j) = after.find('>') else { break };
        out.push(&after[..j]);
        rest = &after[j + 1..];
    }
    out
}

/// One candidate without a leading `mailto:` and surrounding quotes, parentheses, brackets.
fn clean_candidate(c: &str) -> &str {
    let mut c = c;
    loop {
        let before = c;
        c = c.trim();
        if c.get(..7)
            .is_some_and(|p| p.eq_ignore_ascii_case("mailto:"))
        {
            c = &c[7..];
        }
        c = c.trim_matches(|ch: char| matches!(ch, '"' | '\'' | '(' | ')' | '[' | ']'));
        if c == before {
            return c;
        }
    }
}

/// Where an email cell without `<…>` pairs is split (pricing.md §1 `em:`): `,` `;`, white
/// space (`char::is_whitespace`: NBSP, ideographic space … included) and the full-width
/// `，` (U+FF0C) `；` (U+FF1B) `、` (U+3001) of CJK sheets. (A Greek question mark U+037E is
/// a `;` once the cell is in NFC.)
fn is_address_separator(c: char) -> bool {
    matches!(c, ',' | ';' | '\u{ff0c}' | '\u{ff1b}' | '\u{3001}') || c.is_whitespace()
}

/// The address candidates of an email cell (pricing.md §1, `em:`).
pub fn email_candidates(cell: &str) -> Vec<&str> {
    let pairs = angle_pairs(cell);
    let raw: Vec<&str> = if pairs.is_empty() {
        cell.split(is_address_separator)
            .filter(|s| !s.is_empty())
            .collect()
    } else {
        pairs
    };
    raw.into_iter().map(clean_candidate).collect()
}

/// Every valid address of an email cell, normalised, in cell order.
pub fn cell_emails(cell: &str) -> Vec<String> {
    email_candidates(cell)
        .into_iter()
        .filter_map(norm_email)
        .collect()
}

/// Hosts of social and profile sites: their host, or a subdomain of it, is no domain
/// (pricing.md §1 `nd:`).
pub const SOCIAL_HOSTS: [&str; 12] = [
    "linkedin.com",
    "licdn.com",
    "facebook.com",
    "fb.com",
    "instagram.com",
    "x.com",
    "twitter.com",
    "xing.com",
    "github.com",
    "crunchbase.com",
    "youtube.com",
    "tiktok.com",
];

/// `host` (lower-cased, without `www.`) is a social or profile site or a subdomain of one.
/// A `:port` suffix (digits) is not part of the host.
pub fn is_social_host(host: &str) -> bool {
    let host = match host.rsplit_once(':') {
        Some((h, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => h,
        _ => host,
    };
    SOCIAL_HOSTS.iter().any(|s| {
        host == *s
            || host
                .strip_suffix(s)
                .is_some_and(|front| front.ends_with('.'))
    })
}

/// The company domain of a cell (pricing.md §1 `nd:`): trimmed, lower-cased, scheme, path,
/// query and fragment removed, one leading `www.` removed; None without a dot, or when it
/// is the host of a social or profile site.
pub fn norm_domain(raw: &str) -> Option<String> {
    let lower = raw.trim().to_lowercase();
    let s = drop_scheme(&lower);
    let s = match s.find(['/', '?', '#']) {
        Some(i) => &s[..i],
        None => s,
    };
    let s = s.strip_prefix("www.").unwrap_or(s);
    if s.contains('.') && !is_social_host(s) {
        Some(s.to_string())
    } else {
        None
    }
}

fn has_digit(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_digit())
}

// ---------------------------------------------------------------------------------------
// Reveal-log dates
// ---------------------------------------------------------------------------------------

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

/// `NN/NN/YYYY` as its three numbers.
fn slash_parts(s: &str) -> Option<(u32, u32, i32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[2] != b'/' || b[5] != b'/' {
        return None;
    }
    let all_digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(all_digits(0..2) && all_digits(3..5) && all_digits(6..10)) {
        return None;
    }
    Some((
        s[0..2].parse().ok()?,
        s[3..5].parse().ok()?,
        s[6..10].parse().ok()?,
    ))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefDateOrder {
    DayFirst,
    MonthFirst,
}

/// The order of a reveal log's date column, decided by the whole column: `Err` (both
/// orders settled, with one value of each) when the column is refused.
pub fn column_date_order<'a>(
    values: impl Iterator<Item = &'a str>,
) -> Result<RefDateOrder, (String, String)> {
    let (mut day_first, mut month_first) = (None, None);
    for v in values {
        if let Some((a, b, _)) = slash_parts(v) {
            if a > 12 && day_first.is_none() {
                day_first = Some(v.to_string());
            }
            if b > 12 && month_first.is_none() {
                month_first = Some(v.to_string());
            }
        }
    }
    match (day_first, month_first) {
        (Some(d), Some(m)) => Err((d, m)),
        (Some(_), None) => Ok(RefDateOrder::DayFirst),
        _ => Ok(RefDateOrder::MonthFirst),
    }
}

fn parse_log_date(s: &str, order: RefDateOrder) -> NaiveDate {
    if let Some(d) = parse_iso_date(s) {
        return d;
    }
    let (a, b, y) =
        slash_parts(s).unwrap_or_else(|| panic!("reference: unsupported log date {s:?}"));
    let (day, month) = match order {
        RefDateOrder::DayFirst => (a, b),
        RefDateOrder::MonthFirst => (b, a),
    };
    NaiveDate::from_ymd_opt(y, month, day)
        .unwrap_or_else(|| panic!("reference: {s:?} is not a date read {order:?}"))
}

/// How the reference reads a log's dates: the column's order, or `Err` with the two values
/// that make the log refused (a column with both orders).
pub fn reference_log_order(
    log_csv: &str,
    delimiter: u8,
    mapping: &[(&str, &str)],
) -> Result<RefDateOrder, (String, String)> {
    let table = parse_csv(log_csv, delimiter);
    let cols = resolve_columns(&table.headers, mapping);
    column_date_order(
        table
            .rows
            .iter()
            .filter_map(|r| first_nonempty(r, &cols.date)),
    )
}

// ---------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------

struct RowInfo {
    /// `li:` and `em:` identifiers (pricing.md §1 rule 1: the strong ones).
    strong: Vec<String>,
    /// `nc:` and `nd:` identifiers.
    names: Vec<String>,
    has_email: bool,
    has_phone: bool,
    company_key: Option<String>,
    date: Option<NaiveDate>,
}

impl RowInfo {
    /// Not unmatchable: the row has at least one identifier.
    fn identifiable(&self) -> bool {
        !self.strong.is_empty() || !self.names.is_empty()
    }
}

fn row_info(row: &[String], cols: &Columns, order: RefDateOrder) -> RowInfo {
    let mut strong = Vec::new();
    for &c in &cols.linkedin_url {
        if let Some(li) = norm_linkedin(cell(row, c)) {
            strong.push(format!("li:{li}"));
        }
    }
    let mut has_email = false;
    for &c in &cols.email {
        for e in cell_emails(cell(row, c)) {
            has_email = true;
            strong.push(format!("em:{e}"));
        }
    }
    let first = first_nonempty(row, &cols.first_name);
    let last = first_nonempty(row, &cols.last_name);
    let name = match (first, last) {
        (Some(f), Some(l)) => Some(collapse_lower(&format!("{f} {l}"))),
        _ => first_nonempty(row, &cols.full_name).map(collapse_lower),
    };
    let company = first_nonempty(row, &cols.company_name).map(collapse_lower);
    let domain = first_domain(row, &cols.company_domain);
    let mut names = Vec::new();
    if let Some(name) = &name {
        // length-prefixed so that the pair encoding is unambiguous
        if let Some(company) = &company {
            names.push(format!("nc:{}|{name}|{company}", name.len()));
        }
        if let Some(domain) = &domain {
            names.push(format!("nd:{}|{name}|{domain}", name.len()));
        }
    }
    let has_phone = first_phone(row, &cols.phone).is_some();
    let date = first_nonempty(row, &cols.date).map(|d| parse_log_date(d, order));
    RowInfo {
        strong,
        names,
        has_email,
        has_phone,
        // a social host is no domain: such a row's company is its company name
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

/// ln(k!) for k = 0..=n, as running sums of ln(i) (exact to a few ulps for the batch sizes
/// of §4; no gamma-function approximation needed).
fn ln_factorials(n: usize) -> Vec<f64> {
    let mut out = Vec::with_capacity(n + 1);
    let mut acc = 0.0f64;
    out.push(0.0);
    for i in 1..=n {
        acc += (i as f64).ln();
        out.push(acc);
    }
    out
}

/// P(Binomial(n, p) = k) for k = 0..=n, numerically stable for p near 0 and near 1: each
/// term is exp(ln C(n, k) + k·ln p + (n−k)·ln q) with q = 1 − p, where the logarithm of
/// whichever of p, q is close to 1 is taken as ln_1p of the other (which is computed
/// exactly: for p ≥ 0.5, 1 − p is exact in binary floating point). p = 0 and p = 1 are point
/// masses. Every term is non-negative, so the fee sums below do not cancel.
pub fn binomial_pmf(n: usize, p: f64) -> Vec<f64> {
    assert!((0.0..=1.0).contains(&p), "binomial_pmf: p = {p}");
    let mut pmf = vec![0.0; n + 1];
    if p == 0.0 {
        pmf[0] = 1.0;
        return pmf;
    }
    if p == 1.0 {
        pmf[n] = 1.0;
        return pmf;
    }
    let (ln_p, ln_q) = if p < 0.5 {
        (p.ln(), (-p).ln_1p())
    } else {
        let q = 1.0 - p; // exact (Sterbenz)
        ((-q).ln_1p(), q.ln())
    };
    let lf = ln_factorials(n);
    for (k, slot) in pmf.iter_mut().enumerate() {
        let ln_c = lf[n] - lf[k] - lf[n - k];
        *slot = (ln_c + k as f64 * ln_p + (n - k) as f64 * ln_q).exp();
    }
    pmf
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

/// The contacts of a list (pricing.md §1 "same contact", rules 1–4) and what the reveal log
/// needs to match entries against them (§2).
struct Contacts {
    /// Per row: the first row (file order) of its contact; an unmatchable row is its own.
    rep: Vec<usize>,
    /// Strong identifier -> the contact (representative row) holding it.
    strong_owner: HashMap<String, usize>,
    /// Name identifier -> every contact holding it (through any of its rows).
    name_holders: HashMap<String, BTreeSet<usize>>,
    /// Per representative row: the contact has a strong identifier.
    has_strong: Vec<bool>,
}

fn same_contacts(rows: &[RowInfo]) -> Contacts {
    let n = rows.len();
    // rule 1: strong groups, connected components over shared li: / em:
    let mut strong_dsu: Vec<usize> = (0..n).collect();
    let mut first_with: HashMap<&str, usize> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        for id in &r.strong {
            match first_with.get(id.as_str()) {
                Some(&j) => union(&mut strong_dsu, i, j),
                None => {
                    first_with.insert(id.as_str(), i);
                }
            }
        }
    }
    // rule 2: clusters, components over shared nc: / nd: among rows with no strong id
    let mut cluster_dsu: Vec<usize> = (0..n).collect();
    let mut first_with: HashMap<&str, usize> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        if !r.strong.is_empty() {
            continue;
        }
        for id in &r.names {
            match first_with.get(id.as_str()) {
                Some(&j) => union(&mut cluster_dsu, i, j),
                None => {
                    first_with.insert(id.as_str(), i);
                }
            }
        }
    }
    // name identifier -> the strong groups (roots) whose rows hold it
    let mut groups_holding: HashMap<&str, BTreeSet<usize>> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        if r.strong.is_empty() {
            continue;
        }
        let g = find(&mut strong_dsu, i);
        for id in &r.names {
            groups_holding.entry(id.as_str()).or_default().insert(g);
        }
    }
    // rule 3: per cluster, the strong groups holding one of its name identifiers
    let mut cluster_groups: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for (i, r) in rows.iter().enumerate() {
        if !r.strong.is_empty() || r.names.is_empty() {
            continue;
        }
        let c = find(&mut cluster_dsu, i);
        let set = cluster_groups.entry(c).or_default();
        for id in &r.names {
            if let Some(gs) = groups_holding.get(id.as_str()) {
                set.extend(gs.iter().copied());
            }
        }
    }
    // the contacts: strong groups, clusters, and a cluster joined to its one strong group
    // (rule 4: two strong groups are never joined, a cluster joins at most one group)
    let mut dsu: Vec<usize> = (0..n).collect();
    for (i, r) in rows.iter().enumerate() {
        if !r.strong.is_empty() {
            let g = find(&mut strong_dsu, i);
            union(&mut dsu, i, g);
        } else if !r.names.is_empty() {
            let c = find(&mut cluster_dsu, i);
            union(&mut dsu, i, c);
        }
    }
    for (&c, groups) in &cluster_groups {
        if groups.len() == 1 {
            let g = *groups.iter().next().expect("one group");
            union(&mut dsu, c, g);
        }
    }
    // the root of a component is its smallest row: the representative
    let rep: Vec<usize> = (0..n).map(|i| find(&mut dsu, i)).collect();
    let mut strong_owner = HashMap::new();
    let mut name_holders: HashMap<String, BTreeSet<usize>> = HashMap::new();
    let mut has_strong = vec![false; n];
    for (i, r) in rows.iter().enumerate() {
        for id in &r.strong {
            strong_owner.insert(id.clone(), rep[i]);
            has_strong[rep[i]] = true;
        }
        for id in &r.names {
            name_holders.entry(id.clone()).or_default().insert(rep[i]);
        }
    }
    Contacts {
        rep,
        strong_owner,
        name_holders,
        has_strong,
    }
}

impl Contacts {
    /// The contacts (representative rows) a reveal-log entry matches (pricing.md §2): every
    /// contact it shares a strong identifier with; beyond those, the one contact holding the
    /// entry's name identifiers when exactly one contact holds any of them (counted over all
    /// of the entry's `nc:` / `nd:` together) and, when the entry has a strong identifier
    /// itself, that contact has none.
    fn entry_matches(&self, entry: &RowInfo) -> BTreeSet<usize> {
        let mut out: BTreeSet<usize> = entry
            .strong
            .iter()
            .filter_map(|id| self.strong_owner.get(id).copied())
            .collect();
        let holders: BTreeSet<usize> = entry
            .names
            .iter()
            .filter_map(|id| self.name_holders.get(id))
            .flatten()
            .copied()
            .collect();
        if holders.len() == 1 {
            let c = *holders.iter().next().expect("one holder");
            if entry.strong.is_empty() || !self.has_strong[c] {
                out.insert(c);
            }
        }
        out
    }
}

/// Number of data rows of a list, as §1 counts them (what the Workspace items count).
pub fn reference_rows(list_csv: &str, delimiter: u8) -> usize {
    parse_csv(list_csv, delimiter).rows.len()
}

pub const ITEM_KEYS: [&str; 12] = [
    "email",
    "phone",
    "request_fees",
    "company",
    "company_signals",
    "contact_signals",
    "blurred_rows",
    "ai_data",
    "signals",
    "csv_export",
    "crm_export",
    "ai_chat",
];

/// The Workspace channel's own items for a one-table spec of `rows` rows, at one end
/// (0 low, 1 expected, 2 high) of the fill and hit rates:
/// (ai_data, signals, csv_export, crm_export, ai_chat).
fn workspace_items(rows: usize, end: usize, opts: &RefOptions, prices: &RefPrices) -> [f64; 5] {
    let rows_f = rows as f64;
    let ai_data = rows_f * opts.fills.iter().map(|f| f[end]).sum::<f64>() * prices.ai_cell;
    let signals = rows_f * opts.hits.iter().map(|h| h[end]).sum::<f64>() * prices.signal;
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
    [ai_data, signals, csv_export, crm_export, ai_chat]
}

/// list_csv / log_csv: UTF-8, delimited by `opts.list_delimiter` / `opts.log_delimiter`,
/// first line is the header, RFC 4180 quoting.
/// mapping: (role, header) pairs; roles: first_name, last_name, full_name, company_name,
/// company_domain, email, phone, linkedin_url, and for the log also "date" (ISO
/// YYYY-MM-DD, NN/NN/YYYY in the order the column decides, or empty). A role may appear
/// several times (several columns), in any order: the file's column order decides. Panics
/// on a log the spec refuses (see `reference_log_order`).
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
    for (what, r) in [
        ("match_rate", opts.match_rate),
        ("email_rate", opts.email_rate),
        ("phone_rate", opts.phone_rate),
    ]
    .into_iter()
    .chain(opts.fills.iter().map(|f| ("fill", *f)))
    .chain(opts.hits.iter().map(|h| ("hit", *h)))
    {
        assert!(
            0.0 <= r[0] && r[0] <= r[1] && r[1] <= r[2] && r[2] <= 1.0,
            "reference: {what} {r:?} is not a range"
        );
    }
    let is_api = channel == "api-single" || channel == "api-bulk";
    let platform = channel == "platform";

    // §1 rows and contacts
    let list = parse_csv(list_csv, opts.list_delimiter);
    let cols = resolve_columns(&list.headers, list_mapping);
    let rows: Vec<RowInfo> = list
        .rows
        .iter()
        .map(|r| row_info(r, &cols, RefDateOrder::MonthFirst))
        .collect();
    let n = rows.len();
    let contacts = same_contacts(&rows);
    let rep = &contacts.rep;
    let matchable = |i: usize| rows[i].identifiable();

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
        let order = reference_log_order(log_csv, opts.log_delimiter, log_mapping)
            .unwrap_or_else(|(a, b)| panic!("reference: the log is refused: {a} and {b}"));
        let table = parse_csv(log_csv, opts.log_delimiter);
        let lcols = resolve_columns(&table.headers, log_mapping);
        for entry in table.rows.iter().map(|r| row_info(r, &lcols, order)) {
            if !in_cycle(entry.date, opts.renewal_date, opts.annual) {
                continue;
            }
            for c in contacts.entry_matches(&entry) {
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

    let nb = billable.len();
    let need_e = billable.iter().filter(|(ne, _)| *ne).count() as f64;
    let need_p = billable.iter().filter(|(_, np)| *np).count() as f64;
    let unique_companies = rows
        .iter()
        .filter(|r| r.identifiable())
        .filter_map(|r| r.company_key.as_deref())
        .collect::<HashSet<&str>>()
        .len() as f64;

    // §4 credits at one end of every rate (0 low, 1 expected, 2 high)
    let at = |end: usize| -> [f64; 12] {
        let m = if channel == "recommendations" {
            1.0
        } else {
            opts.match_rate[end]
        };
        let email = need_e * m * opts.email_rate[end] * prices.email;
        let phone = need_p * m * opts.phone_rate[end] * prices.phone;
        let request_fees = match channel {
            "api-single" => {
                let per = (1.0 - m) * prices.api_request_min
                    + m * prices.api_request_min.max(prices.api_result);
                nb as f64 * per
            }
            "api-bulk" => {
                let b = opts
                    .batch_size
                    .unwrap_or(prices.api_bulk_max_batch as usize);
                assert!((1..=100).contains(&b), "reference: batch size {b}");
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
            workspace_items(n, end, opts, prices)
        } else {
            [0.0; 5]
        };
        [
            email,
            phone,
            request_fees,
            company,
            company_signals,
            contact_signals,
            blurred_rows,
            ws[0],
            ws[1],
            ws[2],
            ws[3],
            ws[4],
        ]
    };
    let (lo, ex, hi) = (at(0), at(1), at(2));
    let credits: BTreeMap<String, RefCredits> = ITEM_KEYS
        .iter()
        .enumerate()
        .map(|(i, k)| {
            (
                k.to_string(),
                RefCredits {
                    low: lo[i],
                    expected: ex[i],
                    high: hi[i],
                },
            )
        })
        .collect();
    let total = RefCredits {
        low: lo.iter().sum(),
        expected: ex.iter().sum(),
        high: hi.iter().sum(),
    };
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
            api_bulk_max_batch: 100,
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
            match_rate: exact(1.0),
            email_rate: exact(1.0),
            phone_rate: exact(1.0),
            batch_size: Some(100),
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
            list_delimiter: b',',
            log_delimiter: b',',
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
        // a scheme is only at the start: a `://` in the query or fragment is dropped with it
        ok("linkedin.com/in/x?u=https://y", "linkedin.com/in/x");
        ok(
            "https://www.linkedin.com/in/x?ref=https://y.example/in/z",
            "linkedin.com/in/x",
        );
        ok("linkedin.com/in/x#https://y", "linkedin.com/in/x");
        ok("linkedin.com/in/x?u=https%3A%2F%2Fy", "linkedin.com/in/x");
        ok("linkedin.com/in/x/https://y", "linkedin.com/in/x");
        no("https://evil.example/?u=https://linkedin.com/in/x");
        no("www.linkedin.com/feed/?u=https://www.linkedin.com/in/x");
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
        assert_eq!(
            norm_domain("acme.com/?ref=https://x.example").as_deref(),
            Some("acme.com")
        );
        assert_eq!(
            norm_domain("acme.com#https://x").as_deref(),
            Some("acme.com")
        );
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
        assert!(close(r.credits["email"].expected, 3.0));
        assert!(close(r.total.expected, 3.0));
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
        assert!(close(r.credits["email"].expected, 2.0)); // B, D
        assert!(close(r.credits["phone"].expected, 15.0)); // A, C, D
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
        assert!(close(r.total.expected, 0.0));
        // platform: both points whatever the selection, only_missing ignored
        o.channel = "platform".to_string();
        let r = run(&o);
        assert_eq!(st(&r), ["billable"; 4]);
        assert!(close(r.credits["email"].expected, 2.0));
        assert!(close(r.credits["phone"].expected, 15.0));
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
        o.match_rate = exact(0.6);
        o.email_rate = exact(0.5);
        o.batch_size = Some(4);
        o.company = true;
        o.company_signals = true;
        o.contact_signals = true;
        let r = reference_estimate(&list, MAP, None, &o, &pr);
        let nb = r.statuses.iter().filter(|s| *s == "billable").count();
        assert_eq!(nb, 14);
        let fee = 3.0 * bulk_batch_fee(4, 0.6, &pr) + bulk_batch_fee(2, 0.6, &pr);
        assert!(close(r.credits["request_fees"].expected, fee));
        assert!(close(r.credits["email"].expected, 14.0 * 0.6 * 0.5));
        assert!(close(r.credits["company"].expected, 2.0 * 0.6)); // acme.com, initech
        assert!(close(r.credits["company_signals"].expected, 2.0 * 0.6));
        assert!(close(r.credits["contact_signals"].expected, 14.0 * 0.6));
        let sum: f64 = r.credits.values().map(|c| c.expected).sum();
        assert!(close(r.total.expected, sum));

        o.channel = "api-single".to_string();
        pr.api_result = 3.0;
        let r = reference_estimate(&list, MAP, None, &o, &pr);
        assert!(close(
            r.credits["request_fees"].expected,
            14.0 * (0.4 * 1.0 + 0.6 * 3.0)
        ));

        o.channel = "csv-enrichment".to_string();
        let r = reference_estimate(&list, MAP, None, &o, &pr);
        assert!(close(r.credits["company"].expected, 0.0));
        assert!(close(r.credits["request_fees"].expected, 0.0));

        o.channel = "recommendations".to_string();
        o.reveal_phone = true;
        o.phone_rate = exact(0.5);
        let r = reference_estimate(&list, MAP, None, &o, &pr);
        assert!(close(r.credits["blurred_rows"].expected, 14.0));
        assert!(close(r.credits["email"].expected, 14.0 * 0.5));
        assert!(close(r.credits["phone"].expected, 14.0 * 0.5 * 5.0));
        assert!(close(r.credits["contact_signals"].expected, 0.0));
    }

    #[test]
    fn nothing_requested_is_billable() {
        let list = format!("{HEAD},,,,,a@x.com,,,,\n");
        let mut o = opts("recommendations");
        o.reveal_email = false;
        o.only_missing = true;
        let r = reference_estimate(&list, MAP, None, &o, &prices());
        assert_eq!(st(&r), ["billable"]);
        assert!(close(r.total.expected, 1.0));
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
        assert_eq!(reference_rows(&list, b','), 4);
        let pr = workspace_prices();
        let mut o = opts("workspace");
        o.match_rate = exact(0.5);
        o.fills = vec![exact(0.3), exact(1.0)];
        o.hits = vec![exact(0.25), exact(0.1)];
        o.csv_exports = vec![None, Some(3), Some(0), Some(1)];
        o.crm_exports = 2;
        o.ai_chat_prompts = 11;
        let r = reference_estimate(&list, MAP, None, &o, &pr);
        assert_eq!(st(&r), ["billable", "duplicate", "unmatchable", "billable"]);
        assert_eq!(r.credits.len(), 12);
        // reveals: 2 billable · match 0.5 · email_rate 1 · 1
        assert!(close(r.credits["email"].expected, 1.0));
        // 4 rows (duplicate and unmatchable included) · (0.3 + 1) · 2, no match factor
        assert!(close(r.credits["ai_data"].expected, 10.4));
        // 4 rows · (0.25 + 0.1) · 3
        assert!(close(r.credits["signals"].expected, 4.2));
        // ceil(4/3) + ceil(3/3) + ceil(0/3) + ceil(1/3) = 2 + 1 + 0 + 1 blocks · 1.5
        assert!(close(r.credits["csv_export"].expected, 6.0));
        assert!(close(r.credits["crm_export"].expected, 8.0));
        // ceil(11/5) = 3 blocks · 2.5
        assert!(close(r.credits["ai_chat"].expected, 7.5));
        assert!(close(r.total.expected, 1.0 + 10.4 + 4.2 + 6.0 + 8.0 + 7.5));
        let sum: f64 = r.credits.values().map(|c| c.expected).sum();
        assert!(close(r.total.expected, sum));

        // other channels ignore the Workspace actions
        o.channel = "csv-enrichment".to_string();
        let r = reference_estimate(&list, MAP, None, &o, &pr);
        for k in ["ai_data", "signals", "csv_export", "crm_export", "ai_chat"] {
            assert!(close(r.credits[k].expected, 0.0), "{k}");
        }
        assert!(close(r.total.expected, 1.0));
    }

    #[test]
    fn workspace_with_nothing_to_reveal_and_edges() {
        let list = workspace_list();
        let pr = workspace_prices();
        let mut o = opts("workspace");
        o.reveal_email = false;
        o.reveal_phone = false;
        o.only_missing = true;
        o.fills = vec![exact(0.5)];
        o.ai_chat_prompts = 5; // exactly one block
        let r = reference_estimate(&list, MAP, None, &o, &pr);
        // nothing requested: representatives are billable, reveals cost nothing
        assert_eq!(st(&r), ["billable", "duplicate", "unmatchable", "billable"]);
        assert!(close(r.credits["email"].expected, 0.0));
        assert!(close(r.credits["phone"].expected, 0.0));
        assert!(close(r.credits["ai_data"].expected, 4.0)); // 4 · 0.5 · 2
        assert!(close(r.credits["ai_chat"].expected, 2.5));
        assert!(close(r.total.expected, 6.5));
        o.ai_chat_prompts = 6; // two blocks
        let r = reference_estimate(&list, MAP, None, &o, &pr);
        assert!(close(r.credits["ai_chat"].expected, 5.0));

        // an empty table: row-based items are 0, pushes and chat still cost
        let empty = HEAD.to_string();
        assert_eq!(reference_rows(&empty, b','), 0);
        o.hits = vec![exact(0.25)];
        o.csv_exports = vec![None, Some(0)];
        o.crm_exports = 1;
        o.ai_chat_prompts = 1;
        let r = reference_estimate(&empty, MAP, None, &o, &pr);
        assert!(r.statuses.is_empty());
        assert!(close(r.credits["ai_data"].expected, 0.0));
        assert!(close(r.credits["signals"].expected, 0.0));
        assert!(close(r.credits["csv_export"].expected, 0.0));
        assert!(close(r.credits["crm_export"].expected, 4.0));
        assert!(close(r.credits["ai_chat"].expected, 2.5));
        assert!(close(r.total.expected, 6.5));
    }

    #[test]
    #[should_panic(expected = "CSV export")]
    fn workspace_export_larger_than_the_table_is_refused() {
        let mut o = opts("workspace");
        o.csv_exports = vec![Some(5)];
        reference_estimate(&workspace_list(), MAP, None, &o, &workspace_prices());
    }

    #[test]
    fn email_cells_are_lists_of_addresses() {
        let e = |c: &str| cell_emails(c);
        assert_eq!(e("Cara Lee <Cara@Lee.example>"), ["cara@lee.example"]);
        assert_eq!(e("mailto:ben@x.example"), ["ben@x.example"]);
        assert_eq!(e("MailTo:ben@x.example"), ["ben@x.example"]);
        assert_eq!(
            e("a@x.example; b@y.example"),
            ["a@x.example", "b@y.example"]
        );
        assert_eq!(
            e("a@x.example;b@y.example,c@z.example"),
            ["a@x.example", "b@y.example", "c@z.example"]
        );
        assert_eq!(
            e("\"d@w.example, e@w.example\""),
            ["d@w.example", "e@w.example"]
        );
        assert_eq!(
            e("(a@x.example) [b@y.example]"),
            ["a@x.example", "b@y.example"]
        );
        assert_eq!(e("n/a; a@@x.example, ok@x.example"), ["ok@x.example"]);
        assert_eq!(e("a b@x.example"), ["b@x.example"]);
        assert_eq!(e("Cara Lee cara@lee.example"), ["cara@lee.example"]);
        // pairs: only their contents count, each content one candidate
        assert_eq!(
            e("A <a@x.example>, B <mailto:b@y.example>"),
            ["a@x.example", "b@y.example"]
        );
        assert_eq!(e("out@x.example <in@y.example>"), ["in@y.example"]);
        assert_eq!(e("< in@y.example >"), ["in@y.example"]);
        assert!(e("<a@x.example b@y.example>").is_empty());
        assert!(e("<n/a>").is_empty());
        assert!(e("").is_empty());
        assert!(e(" ; , ").is_empty());
        // the old single-address invalid forms stay invalid
        for bad in [
            "a@@b.com",
            "a@b@c.com",
            "a@localhost",
            "@x.com",
            "n/a",
            "-",
            "a\u{a0}@x.comx",
        ] {
            assert!(e(bad).is_empty(), "{bad}");
        }

        // a duplicate found through a second address, and only_missing reading any valid one
        let csv = format!(
            "{HEAD}\
             ,,,,,\"a@x.example; b@y.example\",,,,\n\
             ,,,,,,mailto:B@y.example,,,\n\
             ,,,,,\"n/a, x@@y\",,,,linkedin.com/in/q\n"
        );
        let mut o = opts("csv-enrichment");
        let r = reference_estimate(&csv, MAP, None, &o, &prices());
        assert_eq!(st(&r), ["billable", "duplicate", "billable"]);
        o.only_missing = true;
        let r = reference_estimate(&csv, MAP, None, &o, &prices());
        assert_eq!(st(&r), ["nothing_needed", "duplicate", "billable"]);
    }

    #[test]
    fn names_and_companies_are_case_folded() {
        assert_eq!(case_fold("Straße"), "strasse");
        assert_eq!(case_fold("STRASSE"), "strasse");
        assert_eq!(case_fold("ΟΔΥΣΣΕΥΣ"), case_fold("οδυσσευσ"));
        assert_eq!(case_fold("οδυσσευς"), "οδυσσευσ");
        assert_eq!(case_fold("ﬁrma"), "firma");
        assert_eq!(case_fold("İlkay"), "i\u{307}lkay");
        let csv = format!(
            "{HEAD}\
             Ann,Straße,,Straße GmbH,,,,,,\n\
             ANN,STRASSE,,STRASSE GMBH,,,,,,\n"
        );
        let r = reference_estimate(&csv, MAP, None, &opts("csv-enrichment"), &prices());
        assert_eq!(st(&r), ["billable", "duplicate"]);
    }

    #[test]
    fn log_date_order_is_decided_by_the_column() {
        let order = |dates: &[&str]| column_date_order(dates.iter().copied());
        assert_eq!(order(&["03/04/2026"]), Ok(RefDateOrder::MonthFirst));
        assert_eq!(
            order(&["03/04/2026", "25/03/2026"]),
            Ok(RefDateOrder::DayFirst)
        );
        assert_eq!(
            order(&["03/25/2026", "03/04/2026"]),
            Ok(RefDateOrder::MonthFirst)
        );
        assert_eq!(order(&[]), Ok(RefDateOrder::MonthFirst));
        assert_eq!(
            order(&["25/03/2026", "03/25/2026"]),
            Err(("25/03/2026".to_string(), "03/25/2026".to_string()))
        );
        // the cli.md example: renewal 2026-04-10, 03/04/2026 is 4 March (month first) unless
        // 25/03/2026 elsewhere in the column settles day first (3 April, in the cycle)
        let list = format!("{HEAD},,,,,dana@acme.example,,,,\n");
        let mut o = opts("csv-enrichment");
        o.renewal_date = Some(d("2026-04-10"));
        let ambiguous = format!("{LOG_HEAD}03/04/2026,,,dana@acme.example,,,,\n");
        let settled = format!("{ambiguous}25/03/2026,,,nobody@x.example,,,,\n");
        let r = reference_estimate(
            &list,
            MAP,
            Some((ambiguous.as_str(), LOG_MAP)),
            &o,
            &prices(),
        );
        assert_eq!(st(&r), ["billable"]);
        let r = reference_estimate(&list, MAP, Some((settled.as_str(), LOG_MAP)), &o, &prices());
        assert_eq!(st(&r), ["already_revealed"]);
        let semi = settled.replace(',', ";");
        o.log_delimiter = b';';
        let r = reference_estimate(&list, MAP, Some((semi.as_str(), LOG_MAP)), &o, &prices());
        assert_eq!(st(&r), ["already_revealed"]);
    }

    #[test]
    fn shipped_price_books_are_read_from_their_files() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/pricebooks");
        let books = load_books(&dir);
        let ids: Vec<&str> = books.iter().map(|(_, b)| b.id.as_str()).collect();
        assert_eq!(ids, ["lusha-alt-2025", "lusha-help-2026"]);
        let help = &books[1].1;
        // the help article's numbers (seed/lusha-credit-costs.txt)
        assert_eq!(help.prices.email, 1.0);
        assert_eq!(help.prices.phone, 5.0);
        assert_eq!(help.prices.api_request_min, 1.0);
        assert_eq!(help.prices.api_bulk_block_size, 25);
        assert_eq!(help.prices.csv_export_block_rows, 25);
        assert_eq!(help.prices.ai_chat_block_prompts, 5);
        let alt = &books[0].1;
        assert_eq!(alt.prices.phone, 1.0);
        assert_eq!(alt.prices.api_request_min, 0.0);
        for (_, b) in &books {
            for r in [b.match_rate, b.email_rate, b.phone_rate, b.signal_hit_rate] {
                assert!(r[0] <= r[1] && r[1] <= r[2], "{}: {r:?}", b.id);
            }
        }
    }

    #[test]
    fn low_and_high_use_every_end() {
        let mut list = HEAD.to_string();
        for i in 0..30 {
            list.push_str(&format!(",,,,acme{}.com,p{i}@x.com,,555 {i},,\n", i % 4));
        }
        let mut o = opts("api-bulk");
        o.reveal_phone = true;
        o.match_rate = [0.2, 0.5, 0.9];
        o.email_rate = [0.1, 0.6, 0.7];
        o.phone_rate = [0.0, 0.3, 1.0];
        o.batch_size = Some(7);
        o.company = true;
        o.contact_signals = true;
        let pr = prices();
        let r = reference_estimate(&list, MAP, None, &o, &pr);
        let c = |k: &str| r.credits[k];
        assert!(close(c("email").low, 30.0 * 0.2 * 0.1));
        assert!(close(c("email").high, 30.0 * 0.9 * 0.7));
        assert!(close(c("phone").low, 0.0));
        assert!(close(c("phone").high, 30.0 * 0.9 * 5.0));
        assert!(close(c("company").low, 4.0 * 0.2));
        assert!(close(c("contact_signals").high, 30.0 * 0.9));
        let fee = |m: f64| 4.0 * bulk_batch_fee(7, m, &pr) + bulk_batch_fee(2, m, &pr);
        assert!(close(c("request_fees").low, fee(0.2)));
        assert!(close(c("request_fees").high, fee(0.9)));
        for end in [
            |x: &RefCredits| x.low,
            |x: &RefCredits| x.expected,
            |x: &RefCredits| x.high,
        ] {
            let sum: f64 = r.credits.values().map(end).sum();
            assert!(close(end(&r.total), sum));
        }
        // recommendations: match is 1 at every end
        o.channel = "recommendations".to_string();
        let r = reference_estimate(&list, MAP, None, &o, &pr);
        assert!(close(r.credits["email"].low, 30.0 * 0.1));
        assert!(close(r.credits["blurred_rows"].low, 30.0));
        // workspace fill / hit ranges
        o.channel = "workspace".to_string();
        o.fills = vec![[0.5, 0.8, 1.0]];
        o.hits = vec![[0.1, 0.2, 0.35], exact(0.5)];
        let r = reference_estimate(&list, MAP, None, &o, &pr);
        assert!(close(r.credits["ai_data"].low, 15.0));
        assert!(close(r.credits["ai_data"].high, 30.0));
        assert!(close(r.credits["signals"].low, 30.0 * 0.6));
        assert!(close(r.credits["signals"].high, 30.0 * 0.85));
    }

    // -----------------------------------------------------------------------------------
    // pricing.md §1 / §2 as revised: scenarios with hand-derived statuses
    // -----------------------------------------------------------------------------------

    /// api-bulk fee of one request, default book (min 1, 1 credit per block of 25):
    /// fee(X) = max(1, ceil(X / 25)), X ~ Binomial(n, m).
    #[test]
    fn bulk_fee_is_stable_near_0_and_1() {
        let pr = prices();
        let fee = |n: usize, m: f64| bulk_batch_fee(n, m, &pr);
        let near = |a: f64, b: f64, tol: f64| (a - b).abs() <= tol;
        for m in [0.0, 1e-9, 0.5, 1.0 - 1e-9, 1.0] {
            // n = 1: fee(0) = max(1, 0) = 1 and fee(1) = max(1, 1) = 1, so E = 1 at any m
            assert!(near(fee(1, m), 1.0, 1e-12), "n=1 m={m}: {}", fee(1, m));
            // n = 25: X ≤ 25 gives ceil(X/25) ≤ 1, so fee = 1 always, E = 1
            assert!(near(fee(25, m), 1.0, 1e-12), "n=25 m={m}: {}", fee(25, m));
        }
        // n = 26: fee = 2 only when X = 26 (probability m^26), else 1: E = 1 + m^26
        assert!(near(fee(26, 0.0), 1.0, 1e-12)); // 1 + 0
        assert!(near(fee(26, 1e-9), 1.0, 1e-12)); // 1 + 1e-234
        // 1 + 2^-26 = 1 + 1/67108864 = 1.0000000149011612
        assert!(near(fee(26, 0.5), 1.0 + 1.0 / 67_108_864.0, 1e-14));
        // (1 - 1e-9)^26 = 1 - 26e-9 + C(26,2)·1e-18 - … = 1 - 2.6e-8 + 3.25e-16:
        // E = 1.999999974000000325
        assert!(near(fee(26, 1.0 - 1e-9), 1.999_999_974_000_000_3, 1e-13));
        assert!(near(fee(26, 1.0), 2.0, 1e-12)); // X = 26 surely
        // n = 100: blocks 1 (X ≤ 25), 2 (26..=50), 3 (51..=75), 4 (76..=100), min 1:
        // E = 1 + P(X ≥ 26) + P(X ≥ 51) + P(X ≥ 76)
        assert!(near(fee(100, 0.0), 1.0, 1e-12)); // X = 0
        // P(X ≥ 26) ≤ C(100,26)·1e-234 < 1e-200
        assert!(near(fee(100, 1e-9), 1.0, 1e-12));
        // m = 1/2, by symmetry P(X ≥ 51) = (1 − P(X=50))/2, P(X ≥ 76) = P(X ≤ 24):
        // E = 1 + (1 − P(X ≤ 25)) + (1 − P(X=50))/2 + P(X ≤ 24)
        //   = 2.5 − P(X=50)/2 − P(X=25), P(X=k) = C(100,k) / 2^100,
        // C(100,50) = 100891344545564193334812497256, C(100,25) = 242519269720337121015504,
        // 2^100 = 1267650600228229401496703205376: E = 2.46020518999244 (to 15 digits)
        let two100 = 1_267_650_600_228_229_401_496_703_205_376u128 as f64;
        let c50 = 100_891_344_545_564_193_334_812_497_256u128 as f64;
        let c25 = 242_519_269_720_337_121_015_504u128 as f64;
        let want = 2.5 - c50 / two100 / 2.0 - c25 / two100;
        assert!(near(want, 2.460_205_189_992_44, 1e-13));
        assert!(near(fee(100, 0.5), want, 1e-12), "{}", fee(100, 0.5));
        // m = 1 − 1e-9: E = 4 − P(X ≤ 75) − P(X ≤ 50) − P(X ≤ 25), and
        // P(X ≤ 75) ≈ C(100,25)·(1e-9)^25 ≈ 2.4e-202
        assert!(near(fee(100, 1.0 - 1e-9), 4.0, 1e-12));
        assert!(near(fee(100, 1.0), 4.0, 1e-12)); // X = 100
        // m = 0.99941 (q = 5.9e-4): P(X ≤ 75) ≈ C(100,25)·q^25 ≈ 5e-58, so E = 4 − 5e-58
        assert!(near(fee(100, 0.99941), 4.0, 1e-12), "{}", fee(100, 0.99941));
        // 100 billable contacts at m = 0.99941 on api-bulk: one request, ≈ 4 credits
        let mut list = HEAD.to_string();
        for i in 0..100 {
            list.push_str(&format!(",,,,,c{i}@x.example,,,,\n"));
        }
        let mut o = opts("api-bulk");
        o.reveal_email = true;
        o.email_rate = exact(0.0);
        o.match_rate = exact(0.99941);
        let r = reference_estimate(&list, MAP, None, &o, &pr);
        assert!(near(r.credits["request_fees"].expected, 4.0, 1e-9));
        // the pmf sums to 1 and agrees with exact (u128) coefficients in the middle
        for (n, p) in [(100, 0.3), (100, 0.99941), (26, 1e-9), (73, 0.5)] {
            let pmf = binomial_pmf(n, p);
            assert!(near(pmf.iter().sum::<f64>(), 1.0, 1e-12), "{n} {p}");
            let mut c = vec![1u128];
            for i in 1..=n {
                let mut next = vec![1u128; i + 1];
                for k in 1..i {
                    next[k] = c[k - 1] + c[k];
                }
                c = next;
            }
            for k in 0..=n {
                let exact_k = c[k] as f64 * p.powi(k as i32) * (1.0 - p).powi((n - k) as i32);
                assert!(
                    (pmf[k] - exact_k).abs() <= 1e-12 * exact_k.max(1e-300) + 1e-300,
                    "n={n} p={p} k={k}: {} vs {exact_k}",
                    pmf[k]
                );
            }
        }
    }

    /// Scenario 1. Same name at the same company, different emails / profiles: rule 1 gives
    /// two strong groups and rule 4 never joins them through the shared nc: / nd:.
    #[test]
    fn scenario_same_name_different_emails_stay_apart() {
        let csv = format!(
            "{HEAD}\
             David,Smith,,IBM,ibm.com,d1@ibm.com,,,,\n\
             David,Smith,,IBM,ibm.com,d2@ibm.com,,,,\n\
             ,,David Smith,IBM,ibm.com,,,,,linkedin.com/in/ds-3\n\
             ,,David Smith,IBM,ibm.com,,,,,linkedin.com/in/ds-4\n"
        );
        let r = reference_estimate(&csv, MAP, None, &opts("csv-enrichment"), &prices());
        // four strong groups {0} {1} {2} {3}: four contacts
        assert_eq!(st(&r), ["billable"; 4]);
    }

    /// Scenario 2. A row without email / profile joins the one strong group holding its name
    /// identifier (rule 3), before or after the group's rows; the contact's first row in file
    /// order represents it.
    #[test]
    fn scenario_name_only_row_joins_the_single_strong_group() {
        // group {0} holds nc:david smith|ibm; cluster {1} holds it too → joins: row 1 duplicate
        let csv = format!(
            "{HEAD}\
             David,Smith,,IBM,,d1@ibm.com,,,,\n\
             David,Smith,,IBM,ibm.com,,,,,\n"
        );
        let r = reference_estimate(&csv, MAP, None, &opts("csv-enrichment"), &prices());
        assert_eq!(st(&r), ["billable", "duplicate"]);
        // the name-only row first: it represents the contact, the row with the email is the
        // duplicate
        let csv = format!(
            "{HEAD}\
             David,Smith,,IBM,ibm.com,,,,,\n\
             David,Smith,,IBM,,d1@ibm.com,,,,\n"
        );
        let r = reference_estimate(&csv, MAP, None, &opts("csv-enrichment"), &prices());
        assert_eq!(st(&r), ["billable", "duplicate"]);
        // a cluster chained through nc and nd ({0: nc}, {1: nc, nd}, {2: nd} is one cluster)
        // joins the one group holding its nd (row 3)
        let csv = format!(
            "{HEAD}\
             David,Smith,,IBM,,,,,,\n\
             David,Smith,,IBM,ibm.com,,,,,\n\
             David,Smith,,,ibm.com,,,,,\n\
             David,Smith,,,ibm.com,d1@ibm.com,,,,\n"
        );
        let r = reference_estimate(&csv, MAP, None, &opts("csv-enrichment"), &prices());
        assert_eq!(st(&r), ["billable", "duplicate", "duplicate", "duplicate"]);
        // with a second group holding the cluster's nc (row 4), the cluster matches two groups
        // and is a contact of its own; rows 3 and 4 stay apart (rule 4)
        let csv = format!("{csv}David,Smith,,IBM,,d2@ibm.com,,,,\n");
        let r = reference_estimate(&csv, MAP, None, &opts("csv-enrichment"), &prices());
        assert_eq!(
            st(&r),
            ["billable", "duplicate", "duplicate", "billable", "billable"]
        );
        // only_missing reads the joined rows: the phone of the name-only row counts for the
        // contact of the email row
        let csv = format!(
            "{HEAD}\
             Ann,Lee,,Acme,,a@x.com,,,,\n\
             Ann,Lee,,Acme,,,,+1 555 0100,,\n"
        );
        let mut o = opts("csv-enrichment");
        o.reveal_email = false;
        o.reveal_phone = true;
        o.only_missing = true;
        let r = reference_estimate(&csv, MAP, None, &o, &prices());
        assert_eq!(st(&r), ["nothing_needed", "duplicate"]);
    }

    /// Scenario 3. A name-only row whose name identifiers are held by two strong groups is a
    /// contact of its own (rule 3), also when nc: and nd: point at different groups.
    #[test]
    fn scenario_name_only_row_matching_two_groups_stays_apart() {
        let csv = format!(
            "{HEAD}\
             David,Smith,,IBM,,d1@ibm.com,,,,\n\
             David,Smith,,IBM,,d2@ibm.com,,,,\n\
             David,Smith,,IBM,,,,,,\n"
        );
        let r = reference_estimate(&csv, MAP, None, &opts("csv-enrichment"), &prices());
        // groups {0} {1} both hold nc:david smith|ibm; cluster {2} matches both: own contact
        assert_eq!(st(&r), ["billable", "billable", "billable"]);
        // group {0} holds nc only, group {1} holds nd only; cluster {2, 3} (sharing nc) holds
        // both: two groups → own contact, row 3 is row 2's duplicate
        let csv = format!(
            "{HEAD}\
             David,Smith,,IBM,,d1@ibm.com,,,,\n\
             David,Smith,,,ibm.com,,,,,linkedin.com/in/ds2\n\
             David,Smith,,IBM,ibm.com,,,,,\n\
             ,,david  SMITH,ibm,,,,,,\n"
        );
        let r = reference_estimate(&csv, MAP, None, &opts("csv-enrichment"), &prices());
        assert_eq!(st(&r), ["billable", "billable", "billable", "duplicate"]);
    }

    /// Scenario 4. Every cell is put in NFC first: decomposed accents (macOS exports) equal
    /// the precomposed name, company and address; NFC also turns U+037E (Greek question mark)
    /// into `;`.
    #[test]
    fn scenario_nfd_equals_nfc() {
        assert_eq!(nfc("Jose\u{301}"), "José");
        assert_eq!(nfc("\u{1100}\u{1175}\u{11b7}"), "김");
        let csv = format!(
            "{HEAD}\
             Jose\u{301},Garci\u{301}a,,Socie\u{301}te\u{301} Ge\u{301}ne\u{301}rale,,,,,,\n\
             José,García,,Société Générale,,,,,,\n\
             ,,JOSE\u{301} GARCI\u{301}A,SOCIÉTÉ GÉNÉRALE,,,,,,\n\
             ,,,,,jose\u{301}@x.example,,,,\n\
             ,,,,,JOSÉ@x.example,,,,\n\
             ,,\u{1100}\u{1175}\u{11b7} \u{1106}\u{1175}\u{11ab},Acme,,,,,,\n\
             ,,김 민,Acme,,,,,,\n"
        );
        let r = reference_estimate(&csv, MAP, None, &opts("csv-enrichment"), &prices());
        // rows 0-2: one cluster (nc josé garcía|société générale); 3-4: em:josé@x.example;
        // 5-6: nc 김 민|acme
        assert_eq!(
            st(&r),
            [
                "billable",
                "duplicate",
                "duplicate",
                "billable",
                "duplicate",
                "billable",
                "duplicate"
            ]
        );
    }

    /// Scenario 5. The host of a social or profile site is no domain: no nd:, and the API
    /// company key falls back to the company name.
    #[test]
    fn scenario_social_host_website_gives_no_domain() {
        for (raw, want) in [
            ("https://www.linkedin.com/company/acme", None),
            ("facebook.com/acme", None),
            ("sub.github.com", None),
            ("WWW.X.COM/acme", None),
            ("m.facebook.com", None),
            ("business.linkedin.com:443/x", None),
            ("https://media.licdn.com/x.png", None),
            ("fb.com", None),
            ("instagram.com/acme", None),
            ("twitter.com/acme", None),
            ("xing.com/companies/acme", None),
            ("crunchbase.com/organization/acme", None),
            ("youtube.com/@acme", None),
            ("tiktok.com/@acme", None),
            // look-alikes are domains: the host must be the site or a subdomain of it
            ("dropbox.com", Some("dropbox.com")),
            ("github.io", Some("github.io")),
            ("linkedin.com.evil.io/x", Some("linkedin.com.evil.io")),
            ("notfacebook.com", Some("notfacebook.com")),
            ("x.com.au", Some("x.com.au")),
        ] {
            assert_eq!(norm_domain(raw).as_deref(), want, "{raw}");
        }
        let csv = format!(
            "{HEAD}\
             Ann,Lee,,,https://www.linkedin.com/company/acme,,,,,\n\
             Ann,Lee,,,facebook.com/acme,,,,,\n\
             Ann,Lee,,,sub.github.com,,,,,\n\
             Ann,Lee,,,dropbox.com,,,,,\n\
             Ann,Lee,,,WWW.DROPBOX.COM/about,,,,,\n"
        );
        let r = reference_estimate(&csv, MAP, None, &opts("csv-enrichment"), &prices());
        // rows 0-2: a name but no company and no domain → no identifier
        assert_eq!(
            st(&r),
            [
                "unmatchable",
                "unmatchable",
                "unmatchable",
                "billable",
                "duplicate"
            ]
        );
        // company key: row 0 "acme" (social website → name), row 1 "acme.com", row 2 "acme"
        // (name, case-folded), row 3 "acme.com" (the name "ACME.COM" folds to the same key as
        // the domain): 2 companies
        let csv = format!(
            "{HEAD}\
             Ann,Lee,,Acme,linkedin.com/company/acme,,,,,\n\
             Bob,Ray,,Acme,acme.com,,,,,\n\
             Cy,Ng,,ACME,https://facebook.com/acme,,,,,\n\
             Di,Ox,,ACME.COM,x.com,,,,,\n"
        );
        let mut o = opts("api-single");
        o.company = true;
        let r = reference_estimate(&csv, MAP, None, &o, &prices());
        assert_eq!(st(&r), ["billable"; 4]);
        assert!(close(r.credits["company"].expected, 2.0));
    }

    const MAP2: &[(&str, &str)] = &[
        // listed out of file order on purpose: the file order decides
        ("company_domain", "Website 2"),
        ("full_name", "Full 2"),
        ("phone", "Phone 2"),
        ("full_name", "Full"),
        ("company_domain", "Website"),
        ("phone", "Phone"),
        ("email", "Email"),
        ("company_name", "Company 2"),
        ("company_name", "Company"),
    ];
    const HEAD2: &str = "Full,Company,Website,Email,Phone,Website 2,Full 2,Phone 2,Company 2\n";

    /// Scenario 6. Single-valued roles take the first column in FILE order that gives a
    /// usable value: a name / company not empty once trimmed, a domain that is a domain by
    /// §1 (`n/a`, a social host fall through), a phone with a digit.
    #[test]
    fn scenario_first_usable_column_in_file_order() {
        let csv = format!(
            "{HEAD2}\
             Ann Lee,,n/a,,-,acme.com,,,\n\
             Ann Lee,,acme.com,,,other.com,,,\n\
             \u{a0},,https://facebook.com/acme,,,ACME.com,Ann Lee,,\n\
             Bob Ray,,acme.com,,ext,,Ann Lee,+1 555,\n\
             ,,,,,www.acme.com/about,Bob Ray,,\n\
             Cy Ng,  ,,,,,,,Globex\n\
             Cy Ng,globex,n/a,,,,,,Initech\n"
        );
        // row 0: Website n/a → Website 2: nd ann lee|acme.com
        // row 1: Website acme.com (Website 2 not read): same nd → duplicate of 0
        // row 2: Full blank → Full 2 "Ann Lee"; Website social → Website 2 acme.com: duplicate
        // row 3: Full "Bob Ray" (Full 2 not read): nd bob ray|acme.com, new contact
        // row 4: Full 2 "Bob Ray", Website 2 acme.com: duplicate of 3
        // row 5: Company blank → Company 2 globex: nc cy ng|globex
        // row 6: Company "globex" (Company 2 not read): duplicate of 5
        let r = reference_estimate(&csv, MAP2, None, &opts("csv-enrichment"), &prices());
        assert_eq!(
            st(&r),
            [
                "billable",
                "duplicate",
                "duplicate",
                "billable",
                "duplicate",
                "billable",
                "duplicate"
            ]
        );
        // phones: contact {3, 4} has one (Phone "ext" has no digit → Phone 2 "+1 555");
        // contacts {0, 1, 2} ("-") and {5, 6} have none
        let mut o = opts("csv-enrichment");
        o.reveal_email = false;
        o.reveal_phone = true;
        o.only_missing = true;
        let r = reference_estimate(&csv, MAP2, None, &o, &prices());
        assert_eq!(
            st(&r),
            [
                "billable",
                "duplicate",
                "duplicate",
                "nothing_needed",
                "duplicate",
                "billable",
                "duplicate"
            ]
        );
    }

    const LOG_MAP2: &[(&str, &str)] = &[
        ("date", "Date"),
        ("first_name", "First Name"),
        ("last_name", "Last Name"),
        ("email", "Work Email"),
        ("email", "Direct Email"),
        ("phone", "Phone 2"),
        ("phone", "Phone 1"),
        ("company_name", "Company Name"),
        ("company_domain", "Company Domain"),
    ];
    const LOG_HEAD2: &str = "Date,First Name,Last Name,Work Email,Direct Email,Phone 1,Phone 2,Company Name,Company Domain\n";

    /// Scenario 7. §2: an entry matches the contacts it shares a strong identifier with; by
    /// its name identifiers only the one contact holding them, and when the entry has a
    /// strong identifier, only a contact without one.
    #[test]
    fn scenario_log_name_rule() {
        let list = format!(
            "{HEAD}\
             Ann,Lee,,Acme,,a@x.com,,,,\n\
             Bob,Ray,,Initech,,,,,,\n\
             Cy,Ng,,Globex,,c1@x.com,,,,\n\
             Cy,Ng,,Globex,,c2@x.com,,,,\n\
             Eve,Fox,,,fox.io,,,,,\n\
             Eve,Fox,,Fox,,,,,,\n"
        );
        // contacts: {0} strong, {1} name-only, {2} {3} strong (same nc), {4} nd only,
        // {5} nc only (rows 4 and 5 share no identifier)
        let log = format!(
            "{LOG_HEAD2}\
             ,Ann,Lee,other@x.com,,,,Acme,\n\
             ,Ann,Lee,,,,555 0100,Acme,\n\
             ,Bob,Ray,bob@else.example,,,,Initech,\n\
             ,Cy,Ng,cy@else.example,,1,,Globex,\n\
             ,Cy,Ng,,,2,,Globex,\n\
             ,Eve,Fox,eve@x.example,,3,,Fox,fox.io\n"
        );
        // e0: strong id (not in the list), name held by {0} only, but {0} has a strong id →
        //     no match
        // e1: no strong id, name held by {0} only → matches {0}: phone (Phone 2) revealed
        // e2: strong id, name held by {1} only, {1} has none → matches {1}: email revealed
        // e3, e4: name held by {2} and {3} → no match
        // e5: nc held by {5}, nd held by {4}: two contacts → no match
        let mut o = opts("csv-enrichment");
        let run = |o: &RefOptions, log: &str| {
            reference_estimate(&list, MAP, Some((log, LOG_MAP2)), o, &prices())
        };
        let r = run(&o, &log);
        assert_eq!(
            st(&r),
            [
                "billable",
                "already_revealed",
                "billable",
                "billable",
                "billable",
                "billable"
            ]
        );
        o.reveal_email = false;
        o.reveal_phone = true;
        let r = run(&o, &log);
        assert_eq!(
            st(&r),
            [
                "already_revealed",
                "billable",
                "billable",
                "billable",
                "billable",
                "billable"
            ]
        );
        // an entry sharing the strong id matches whatever its name: e6 reveals {0}'s email;
        // e7 (no strong id, only the nd held by {4} alone) reveals {4}'s phone
        let log = format!(
            "{log},Zed,Zed,A@X.COM,,,,,\n\
             ,Eve,Fox,,,,+44 1,,www.fox.io\n"
        );
        // phone only: {0} by e1, {4} by e7
        let r = run(&o, &log);
        assert_eq!(
            st(&r),
            [
                "already_revealed",
                "billable",
                "billable",
                "billable",
                "already_revealed",
                "billable"
            ]
        );
        // email and phone: {0} has both (e6, e1); {1} only the email (e2), {4} only the phone
        o.reveal_email = true;
        let r = run(&o, &log);
        assert_eq!(
            st(&r),
            [
                "already_revealed",
                "billable",
                "billable",
                "billable",
                "billable",
                "billable"
            ]
        );
        // need_e: {2} {3} {4} {5} → 4 · 1; need_p: {1} {2} {3} {5} → 4 · 5
        assert!(close(r.credits["email"].expected, 4.0));
        assert!(close(r.credits["phone"].expected, 20.0));
    }

    /// Scenario 8. Email cells split at the full-width `，` `；` `、` too.
    #[test]
    fn scenario_full_width_separators() {
        assert_eq!(
            cell_emails("a@x.com，b@y.com；c@z.com、d@w.com"),
            ["a@x.com", "b@y.com", "c@z.com", "d@w.com"]
        );
        assert_eq!(
            cell_emails("a@x.com\u{3000}b@y.com"),
            ["a@x.com", "b@y.com"]
        );
        // U+037E is `;` only after NFC (the rule runs on the NFC cell)
        assert!(cell_emails("d@w.com\u{37e}e@v.com").is_empty());
        assert_eq!(
            cell_emails(&nfc("d@w.com\u{37e}e@v.com")),
            ["d@w.com", "e@v.com"]
        );
        let csv = format!(
            "{HEAD}\
             ,,,,,\"a@x.com，b@y.com\",,,,\n\
             ,,,,,b@y.com；c@z.com,,,,\n\
             ,,,,,c@z.com、 d@w.com,,,,\n\
             ,,,,,d@w.com\u{37e}e@v.com,,,,\n\
             ,,,,,e@v.com,,,,\n\
             ,,,,,f@u.com,,,,\n"
        );
        // 0-1 share b, 1-2 share c, 2-3 share d, 3-4 share e: one contact; row 5 its own
        let r = reference_estimate(&csv, MAP, None, &opts("csv-enrichment"), &prices());
        assert_eq!(
            st(&r),
            [
                "billable",
                "duplicate",
                "duplicate",
                "duplicate",
                "duplicate",
                "billable"
            ]
        );
    }

    /// Scenario 9. A log with two email columns and Phone 1 / Phone 2.
    #[test]
    fn scenario_multi_column_log() {
        let list = format!(
            "{HEAD}\
             ,,,,,a@x.com,,,,\n\
             ,,,,,b@x.com,,,,\n\
             ,,,,,c@x.com,,,,\n\
             ,,,,,d@x.com,,,,\n"
        );
        let log = format!(
            "{LOG_HEAD2}\
             ,,,n/a,a@x.com,-,+1 555 0100,,\n\
             ,,,b@x.com,,,,,\n\
             ,,,bad@,c@x.com,12,,,\n\
             ,,,d@x.com,,x,n/a,,\n"
        );
        // e0: second email column matches {0}: email; Phone 1 "-" → Phone 2: phone
        // e1: email only; e2: email (second column), Phone 1 "12" has digits: phone
        // e3: email; no phone cell has a digit
        let mut o = opts("csv-enrichment");
        o.reveal_phone = true;
        let r = reference_estimate(&list, MAP, Some((log.as_str(), LOG_MAP2)), &o, &prices());
        assert_eq!(
            st(&r),
            [
                "already_revealed",
                "billable",
                "already_revealed",
                "billable"
            ]
        );
        assert!(close(r.credits["email"].expected, 0.0));
        assert!(close(r.credits["phone"].expected, 10.0));
    }

    /// The generator (tests/support/gen.rs) reaches the edges of §1 / §2 as revised, as the
    /// reference reads its cases; and the reference runs every generated case without a
    /// panic (a log with both date orders aside, which the spec refuses).
    #[test]
    fn generated_cases_reach_the_revised_edges() {
        use crate::generator::{Rng, gen_case, gen_rate_range};
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        let mut hit = |k: &'static str| *seen.entry(k).or_default() += 1;
        for seed in 0..600u64 {
            let g = gen_case(&mut Rng::new(0xed9e_0000 + seed), 40);
            let map: Vec<(&str, &str)> = g
                .list_mapping
                .iter()
                .map(|(r, c)| (r.as_str(), c.as_str()))
                .collect();
            let raw = {
                let text = g.list_csv.strip_prefix('\u{feff}').unwrap_or(&g.list_csv);
                let mut r = csv::ReaderBuilder::new()
                    .delimiter(g.list_delimiter)
                    .flexible(true)
                    .from_reader(text.as_bytes());
                r.records()
                    .map(|x| x.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
                    .collect::<Vec<_>>()
            };
            let table = parse_csv(&g.list_csv, g.list_delimiter);
            let cols = resolve_columns(&table.headers, &map);
            let rows: Vec<RowInfo> = table
                .rows
                .iter()
                .map(|r| row_info(r, &cols, RefDateOrder::MonthFirst))
                .collect();
            let c = same_contacts(&rows);
            for (i, r) in rows.iter().enumerate() {
                if r.strong.is_empty() && !r.names.is_empty() {
                    if c.has_strong[c.rep[i]] {
                        hit("cluster joined a strong group");
                    } else {
                        let groups: BTreeSet<usize> = r
                            .names
                            .iter()
                            .flat_map(|n| c.name_holders[n].iter().copied())
                            .filter(|&k| c.has_strong[k])
                            .collect();
                        if groups.len() >= 2 {
                            hit("cluster matched several strong groups");
                        }
                    }
                }
            }
            for holders in c.name_holders.values() {
                if holders.iter().filter(|&&k| c.has_strong[k]).count() >= 2 {
                    hit("one name, several strong contacts");
                }
            }
            for (i, row) in raw.iter().enumerate() {
                let cell = |k: usize| row.get(k).map(String::as_str).unwrap_or("");
                if row.iter().any(|x| nfc(x) != *x) {
                    hit("NFD cell");
                }
                if cols.company_domain.len() >= 2 {
                    let first = cell(cols.company_domain[0]);
                    if norm_domain(first).is_none()
                        && first_domain(&table.rows[i], &cols.company_domain).is_some()
                    {
                        hit("domain from a later column");
                    }
                }
                for role in [&cols.first_name, &cols.full_name, &cols.company_name] {
                    if role.len() >= 2
                        && cell(role[0]).trim().is_empty()
                        && first_nonempty(row, role).is_some()
                    {
                        hit("name or company from a later column");
                    }
                }
                for &k in &cols.company_domain {
                    let v = cell(k).to_lowercase();
                    if SOCIAL_HOSTS.iter().any(|h| v.contains(h)) && norm_domain(&v).is_none() {
                        hit("social website");
                    }
                }
                for &k in &cols.email {
                    if cell(k).contains(['\u{ff0c}', '\u{ff1b}', '\u{3001}']) {
                        hit("full-width separator");
                    }
                }
            }
            let order_differs = ["first_name", "company_domain", "email", "linkedin_url"]
                .iter()
                .any(|role| {
                    let in_map: Vec<usize> = map
                        .iter()
                        .filter(|(r, _)| r == role)
                        .filter_map(|(_, h)| table.headers.iter().position(|x| x == h))
                        .collect();
                    in_map.len() >= 2 && in_map.windows(2).any(|w| w[0] > w[1])
                });
            if order_differs {
                hit("mapping lists a role's columns out of file order");
            }
            if let Some(log) = &g.log_csv {
                let lmap: Vec<(&str, &str)> = g
                    .log_mapping
                    .iter()
                    .map(|(r, c)| (r.as_str(), c.as_str()))
                    .collect();
                let Ok(order) = reference_log_order(log, g.log_delimiter, &lmap) else {
                    continue;
                };
                let lt = parse_csv(log, g.log_delimiter);
                let lc = resolve_columns(&lt.headers, &lmap);
                if lc.email.len() >= 2 {
                    hit("log with two email columns");
                }
                for r in &lt.rows {
                    if lc.phone.len() >= 2
                        && !has_digit(cell(r, lc.phone[0]))
                        && has_digit(cell(r, lc.phone[1]))
                    {
                        hit("log phone from the second column");
                    }
                    let e = row_info(r, &lc, order);
                    let holders: BTreeSet<usize> = e
                        .names
                        .iter()
                        .filter_map(|n| c.name_holders.get(n))
                        .flatten()
                        .copied()
                        .collect();
                    let by_strong = e.strong.iter().any(|s| c.strong_owner.contains_key(s));
                    match (holders.len(), e.strong.is_empty()) {
                        (0, _) => {}
                        (1, true) => hit("log entry matched by name"),
                        (1, false) => {
                            let k = *holders.iter().next().unwrap();
                            if c.has_strong[k] {
                                if !by_strong {
                                    hit("log name refused: both carry strong ids");
                                }
                            } else {
                                hit("log entry with a strong id matched by name");
                            }
                        }
                        _ => hit("log name held by several contacts"),
                    }
                }
            }
            // the whole estimate runs
            let mut o = opts("api-bulk");
            o.list_delimiter = g.list_delimiter;
            o.log_delimiter = g.log_delimiter;
            o.renewal_date = g.renewal_date;
            o.annual = g.annual;
            let log = g.log_csv.as_deref();
            let lmap: Vec<(&str, &str)> = g
                .log_mapping
                .iter()
                .map(|(r, c)| (r.as_str(), c.as_str()))
                .collect();
            let refused =
                log.is_some_and(|l| reference_log_order(l, g.log_delimiter, &lmap).is_err());
            if !refused {
                let r = reference_estimate(
                    &g.list_csv,
                    &map,
                    log.map(|l| (l, lmap.as_slice())),
                    &o,
                    &prices(),
                );
                assert_eq!(r.statuses.len(), table.rows.len());
            }
        }
        let mut rng = Rng::new(5);
        let rates: Vec<[f64; 3]> = (0..3000).map(|_| gen_rate_range(&mut rng)).collect();
        for r in &rates {
            assert!(
                0.0 <= r[0] && r[0] <= r[1] && r[1] <= r[2] && r[2] <= 1.0,
                "{r:?}"
            );
        }
        for v in [0.0, 1e-9, 0.0003, 0.9994, 0.99941, 1.0 - 1e-9, 1.0] {
            assert!(rates.iter().any(|r| r.contains(&v)), "rate {v} never drawn");
        }
        eprintln!("{seen:#?}");
        for k in [
            "cluster joined a strong group",
            "cluster matched several strong groups",
            "one name, several strong contacts",
            "NFD cell",
            "domain from a later column",
            "name or company from a later column",
            "social website",
            "full-width separator",
            "mapping lists a role's columns out of file order",
            "log with two email columns",
            "log phone from the second column",
            "log entry matched by name",
            "log entry with a strong id matched by name",
            "log name refused: both carry strong ids",
            "log name held by several contacts",
        ] {
            assert!(seen.get(k).copied().unwrap_or(0) >= 5, "{k}: {seen:#?}");
        }
    }
}
