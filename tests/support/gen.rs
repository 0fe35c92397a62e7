//! Seeded, dependency-free generator (besides `csv` for quoting, `chrono` for dates and
//! `unicode-normalization` for decomposed text) of hostile-but-valid contact lists and reveal
//! logs for differential tests. Everything is drawn from the seed: the same seed gives the
//! same case.
//!
//! Lists use (a selection of, in some file order) the columns `LIST_HEADER` and are built
//! from a small per-case pool of people so that the same person shows up written differently
//! (case, canonical composition, white space incl. NBSP / tabs /
//! ideographic space, percent-encoded or upper-case LinkedIn URLs, m./uk./www. hosts, trailing
//! slashes, /details, ?query, #fragment, schemes, URL schemes inside the query or fragment),
//! with transitive chains (a row carrying A's email and B's LinkedIn), invalid emails, email
//! cells as CRM and mail exports write them (display names, `mailto:`, lists split by `,` `;`
//! or spaces, quoted lists, invalid candidates beside valid ones, a second address that is
//! the only link to another row), non-person / look-alike LinkedIn URLs, messy domains,
//! only-first-name rows, rows of empty cells, phone cells with and without digits, non-ASCII
//! names (incl. `İ` and final-sigma Greek), and values with commas, quotes and newlines.
//! Logs use the vendor-export-like columns `LOG_HEADER` with dates around the cycle edges,
//! written ISO or DD/MM/YYYY or MM/DD/YYYY for the whole column (settled by a day above 12,
//! ambiguous, or, rarely, both orders: a log the engine must refuse). All CSV is written with
//! `csv::Writer` (RFC 4180 quoting) with a random delimiter (`,` `;` tab `|`) that the engine
//! has to sniff; some files use CRLF, some start with a UTF-8 BOM and some contain completely
//! blank lines between records (which are not rows).
//!
//! The edges of pricing.md §1 / §2 as revised:
//! - every role sometimes given TWICE (`SECOND_COLUMNS`: two first / last / full name, company,
//!   website, LinkedIn and a third email column), the first (in file order) sometimes empty
//!   or unusable (blank name, `n/a` or social-host website, invalid email, non-person
//!   LinkedIn URL) so that the second is used, or holding another value so that it wins;
//!   columns sometimes in a shuffled file order and the mapping listing them in any order;
//! - same-name people at one company with different emails and profiles (`add_twins`:
//!   several "David Smith" at IBM), and rows of those names with no email or profile
//!   (clusters matching one or several strong groups);
//! - names, companies, addresses and raw LinkedIn slugs written in NFD (fully or partly
//!   decomposed, incl. Hangul) beside NFC;
//! - websites on social or profile hosts (linkedin.com/company/x, facebook.com/x,
//!   sub.github.com …) and look-alikes that are domains (box.com, acme.github.io);
//! - email lists split at the full-width `，` `；` `、` (and U+037E, a `;` once in NFC);
//! - logs with two email columns, Phone 1 / Phone 2 (the first short, empty or without a
//!   digit) and a second company-domain column;
//! - rates near 0 and 1 (`gen_rate_range`: 0, 1e-9, 0.0003, 0.9994, 0.99941, 1 − 1e-9, 1).
#![allow(dead_code)]

use chrono::{Datelike, Days, Months, NaiveDate};
use unicode_normalization::UnicodeNormalization;

/// Email cells read as lists of addresses (pricing.md §1, the paragraph under `em:`). When
/// false, every email cell the generator writes reads the same as a list and as one address
/// (one token: no separators, `mailto:`, quotes, brackets or `<…>`).
pub const EMAIL_LISTS: bool = true;

/// Email candidates with quotes, parentheses or brackets inside a leading `mailto:`
/// (`mailto:(a@b.example)`, `Mailto:[a@b.example]`): pricing.md §1 removes both the
/// `mailto:` and the surrounding brackets. (The engine kept the brackets until this found it.)
pub const MAILTO_THEN_BRACKETS: bool = true;

/// Names and companies written in forms that are equal under Unicode case folding but not
/// under lower-casing (pricing.md §1 case-folds `nc:` / `nd:`): `STRASSE` for `Straße`
/// (what upper-casing writes), a final `σ` for `ς`. (The engine lower-cased until this found it.)
pub const CASE_FOLD_FORMS: bool = true;

/// Lists of a single column (a list of LinkedIn URLs, of emails): the header holds no
/// delimiter at all. (The engine's sniffer took the `:` of `https://` or `mailto:` for the
/// delimiter and the header line for a preamble until this found it.)
pub const ONE_COLUMN_LISTS: bool = true;

/// The delimiters a list or log is written with (the engine sniffs them).
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// How a log's Date column is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateFormat {
    Iso,
    DayFirst,
    MonthFirst,
}

/// What a DD/MM or MM/DD column holds besides its own dates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateColumn {
    /// the dates as generated (a day above 12 may or may not occur)
    Natural,
    /// one more entry whose day is above 12: the order is settled
    Settled,
    /// every day at most 12: every date reads both ways (month first)
    Ambiguous,
    /// a day above 12 in each order: the log is refused
    Mixed,
}

pub const LIST_HEADER: [&str; 18] = [
    "First Name",
    "Last Name",
    "Full Name",
    "Company",
    "Website",
    "Email",
    "Work Email",
    "Phone",
    "Mobile",
    "LinkedIn",
    "Notes",
    // second columns of a role (`SECOND_COLUMNS`), in a case only when drawn
    "Given Name",
    "Surname",
    "Name",
    "Organization",
    "Company Domain",
    "LinkedIn Profile",
    "Other Email",
];

/// The role of each `LIST_HEADER` column (None: not mapped).
pub const LIST_ROLES: [Option<&str>; 18] = [
    Some("first_name"),
    Some("last_name"),
    Some("full_name"),
    Some("company_name"),
    Some("company_domain"),
    Some("email"),
    Some("email"),
    Some("phone"),
    Some("phone"),
    Some("linkedin_url"),
    None,
    Some("first_name"),
    Some("last_name"),
    Some("full_name"),
    Some("company_name"),
    Some("company_domain"),
    Some("linkedin_url"),
    Some("email"),
];

/// (first column, second column) of a role given twice in a list.
pub const SECOND_COLUMNS: [(usize, usize); 7] = [
    (0, 11),
    (1, 12),
    (2, 13),
    (3, 14),
    (4, 15),
    (9, 16),
    (5, 17),
];

const NOTES_COL: usize = 10;

pub const LOG_HEADER: [&str; 11] = [
    "Date",
    "First Name",
    "Last Name",
    "Work Email",
    "Phone 1",
    "LinkedIn URL",
    "Company Name",
    "Company Domain",
    // second columns, in a case only when drawn
    "Direct Email",
    "Phone 2",
    "Company Website",
];

/// The role of each `LOG_HEADER` column.
pub const LOG_ROLES: [&str; 11] = [
    "date",
    "first_name",
    "last_name",
    "email",
    "phone",
    "linkedin_url",
    "company_name",
    "company_domain",
    "email",
    "phone",
    "company_domain",
];

/// splitmix64.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in 0..n (0 when n == 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    /// Panics on an empty slice.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len() as u64) as usize]
    }
}

pub struct GenCase {
    pub list_csv: String,
    pub list_mapping: Vec<(String, String)>,
    pub log_csv: Option<String>,
    pub log_mapping: Vec<(String, String)>,
    pub renewal_date: Option<NaiveDate>,
    pub annual: bool,
    pub list_delimiter: u8,
    pub log_delimiter: u8,
    pub log_dates: (DateFormat, DateColumn),
    /// How the files are written to disk: "utf-8", "utf-16le" or "utf-16be" (with a BOM).
    pub list_encoding: &'static str,
    pub log_encoding: &'static str,
}

fn pick_encoding(rng: &mut Rng) -> &'static str {
    match rng.below(50) {
        0 => "utf-16le",
        1 => "utf-16be",
        _ => "utf-8",
    }
}

/// The bytes of a generated file in its encoding (UTF-16 with a byte order mark).
pub fn encode(text: &str, encoding: &str) -> Vec<u8> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let units = std::iter::once(0xfeff_u16).chain(text.encode_utf16());
    match encoding {
        "utf-16le" => units.flat_map(u16::to_le_bytes).collect(),
        "utf-16be" => units.flat_map(u16::to_be_bytes).collect(),
        _ => text.as_bytes().to_vec(),
    }
}

// ---------------------------------------------------------------------------------------
// pools
// ---------------------------------------------------------------------------------------

const FIRST: &[&str] = &[
    "Ann",
    "Bob",
    "José",
    "Zoë",
    "Łukasz",
    "İlkay",
    "Søren",
    "Mary Ann",
    "Jean-Luc",
    "Đorđe",
    "Åsa",
    "Χρήστος",
    "Siobhán",
    "Émile",
    "Ann",
    "David",
    "민준",
];
const LAST: &[&str] = &[
    "Lee",
    "García",
    "Müller",
    "O'Brien",
    "Ng",
    "Straße",
    "ΟΔΥΣΣΕΥΣ",
    "van der Berg",
    "Łęcki",
    "Smith, Jr.",
    "\"Doc\" Brown",
    "Nguyễn",
    "Lee",
    "Smith",
    "김",
];
const COMPANIES: &[(&str, &str)] = &[
    ("Acme, Inc.", "acme.com"),
    ("\"Best\" Widgets", "best-widgets.io"),
    ("Globex", "globex.co.uk"),
    ("Initech", "initech.net"),
    ("Société Générale", "societe.fr"),
    ("Straße GmbH", "strasse.de"),
    ("ΑΛΦΑ ΑΕ", "alfa.gr"),
    ("acme.com", "acme.com"),
    ("IBM", "ibm.com"),
    // look-alikes of social hosts that are domains: box.com is not x.com, a github.io page
    // is not github.com
    ("Box", "box.com"),
    ("Acme Pages", "acme.github.io"),
];
const SPACES: &[&str] = &[" ", "  ", "\t", "\u{a0}", " \u{3000}", "   "];
const PADS: &[&str] = &["", "", "", " ", "  ", "\t", "\u{a0}", "\u{2003}"];
const NOTES: &[&str] = &[
    "",
    "",
    "call back, maybe",
    "said \"no\"",
    "line1\nline2",
    "see linkedin.com/in/fake-person",
    "a@b.com",
    "\u{1F600} emoji",
    "=SUM(A1:A2)",
    "n/a",
];
const RENEWALS: &[(i32, u32, u32)] = &[
    (2027, 3, 31),
    (2028, 2, 29),
    (2027, 1, 31),
    (2026, 12, 31),
    (2027, 6, 15),
    (2028, 3, 30),
    (2027, 5, 31),
    (2027, 3, 1),
    (2029, 2, 28),
    (2028, 3, 31),
    // small days: cycle edges whose dates read both ways as DD/MM and MM/DD
    (2027, 4, 10),
    (2026, 12, 5),
    (2027, 8, 1),
    (2028, 1, 12),
    (2027, 11, 2),
];

#[derive(Clone)]
struct Person {
    first: String,
    last: String,
    company: usize,
    email: String,
    alt_email: Option<String>,
    slug: String,
    phone: String,
}

fn ascii_part(s: &str) -> String {
    let out: String = s
        .chars()
        .filter_map(|c| {
            if c.is_ascii_alphanumeric() {
                Some(c.to_ascii_lowercase())
            } else if c == ' ' || c == '-' {
                Some('-')
            } else {
                None
            }
        })
        .collect();
    if out.is_empty() { "x".to_string() } else { out }
}

fn new_person(rng: &mut Rng, idx: usize) -> Person {
    let first = rng.pick(FIRST).to_string();
    let last = rng.pick(LAST).to_string();
    let company = rng.below(COMPANIES.len() as u64) as usize;
    let domain = COMPANIES[company].1;
    let (f, l) = (ascii_part(&first), ascii_part(&last));
    let local = match rng.below(4) {
        0 => format!("{f}.{l}"),
        1 => format!("{}{l}", &f[..1]),
        2 => f.clone(),
        _ => first.to_lowercase().replace(' ', "."), // non-ASCII local part
    };
    let email = format!("{local}@{domain}");
    let alt_email = rng
        .chance(0.3)
        .then(|| format!("{f}{}@gmail.com", rng.below(100)));
    let slug = if rng.chance(0.3) {
        // unicode slug: meaningful percent-encoding
        format!("{}-{}", first.to_lowercase(), last.to_lowercase())
            .replace([' ', ',', '"', '\''], "")
    } else {
        format!("{f}-{l}-{:x}", 0x1000 + idx * 37 + rng.below(5) as usize)
    };
    let phone = format!("+1 555 01{:02}", rng.below(100));
    Person {
        first,
        last,
        company,
        email,
        alt_email,
        slug,
        phone,
    }
}

/// A person with `base`'s first name, last name and company but an email, profile and phone
/// of their own (many people share a name at a large employer: pricing.md §1 rule 4).
fn twin_of(rng: &mut Rng, base: &Person, tag: usize) -> Person {
    let (local, domain) = base
        .email
        .split_once('@')
        .unwrap_or((base.email.as_str(), "x.example"));
    Person {
        first: base.first.clone(),
        last: base.last.clone(),
        company: base.company,
        email: format!("{local}{tag}@{domain}"),
        alt_email: rng
            .chance(0.2)
            .then(|| format!("{}.twin{tag}@gmail.com", ascii_part(&base.first))),
        slug: format!("{}-{tag}", base.slug),
        phone: format!("+1 555 02{:02}", rng.below(100)),
    }
}

/// Two or three people of one name at one company, each with their own email and profile:
/// "David Smith" at IBM, or a namesake of someone in the pool.
fn add_twins(rng: &mut Rng, pool: &mut Vec<Person>) {
    let base = if pool.is_empty() || rng.chance(0.5) {
        let mut p = new_person(rng, 900);
        p.first = "David".to_string();
        p.last = "Smith".to_string();
        p.company = COMPANIES
            .iter()
            .position(|(name, _)| *name == "IBM")
            .expect("IBM is in COMPANIES");
        p.email = "david.smith@ibm.com".to_string();
        p.slug = "david-smith-ibm".to_string();
        p
    } else {
        rng.pick(pool).clone()
    };
    let n = 2 + rng.below(2) as usize;
    let first_tag = 2 + pool.len();
    for t in 0..n {
        let twin = twin_of(rng, &base, first_tag + t);
        pool.push(twin);
    }
    if rng.chance(0.5) {
        pool.push(base);
    }
}

// ---------------------------------------------------------------------------------------
// rendering
// ---------------------------------------------------------------------------------------

fn pad(rng: &mut Rng, s: &str) -> String {
    let a = *rng.pick(PADS);
    let b = *rng.pick(PADS);
    format!("{a}{s}{b}")
}

fn recase(rng: &mut Rng, s: &str) -> String {
    match rng.below(6) {
        // upper-casing `ß` writes `SS`: the same name only under case folding
        0 if !CASE_FOLD_FORMS && s.contains('ß') => s.to_string(),
        0 => s.to_uppercase(),
        1 => s.to_lowercase(),
        // a final sigma typed as `σ`
        2 if CASE_FOLD_FORMS => s.to_lowercase().replace('ς', "σ"),
        _ => s.to_string(),
    }
}

/// The same text in another canonically equivalent form (pricing.md §1 puts every cell in
/// NFC): fully decomposed (NFD, as some macOS exports write it), or decomposed character by
/// character at random (partly composed). Text without decomposable characters is unchanged.
fn decompose(rng: &mut Rng, s: &str) -> String {
    if rng.chance(0.5) {
        return s.nfd().collect();
    }
    let mut out = String::new();
    for c in s.chars() {
        if rng.chance(0.5) {
            out.extend(c.nfd());
        } else {
            out.push(c);
        }
    }
    out
}

/// `s`, decomposed with probability `p`.
fn maybe_nfd(rng: &mut Rng, s: &str, p: f64) -> String {
    if rng.chance(p) {
        decompose(rng, s)
    } else {
        s.to_string()
    }
}

/// Same text for normalisation purposes (case, canonical composition, outer and inner white
/// space).
fn messy_text(rng: &mut Rng, s: &str) -> String {
    let s = recase(rng, s);
    let s = maybe_nfd(rng, &s, 0.25);
    let mut out = String::new();
    for (i, word) in s.split(' ').enumerate() {
        if i > 0 {
            let sep: &&str = if rng.chance(0.3) {
                rng.pick(SPACES)
            } else {
                &" "
            };
            out.push_str(sep);
        }
        out.push_str(word);
    }
    pad(rng, &out)
}

fn render_email(rng: &mut Rng, e: &str) -> String {
    if rng.chance(0.15) {
        let (local, domain) = e.split_once('@').unwrap_or((e, "x.com"));
        let bad = match rng.below(12) {
            0 => format!("{local}@@{domain}"),
            1 => format!("{local}@x@{domain}"),
            // read as a list, `x@domain` is a valid second candidate; `@domain` never is
            2 if EMAIL_LISTS => format!("{local} x@{domain}"),
            2 => format!("{local} @{domain}"),
            3 => format!("{local}@{}", domain.replace('.', "")),
            4 => format!("{local}@.com"),
            5 => format!("{local}@{domain}."),
            6 => format!("@{domain}"),
            7 => "n/a".to_string(),
            8 => "-".to_string(),
            9 => format!("{local}\u{a0}@{domain}x"),
            10 => format!("{local}@."),
            _ => format!("{local}{domain}"),
        };
        return pad(rng, &bad);
    }
    let e = match rng.below(4) {
        0 => e.to_uppercase(),
        1 => {
            let (l, d) = e.split_once('@').unwrap_or((e, ""));
            format!("{}@{}", recase(rng, l), d.to_uppercase())
        }
        _ => e.to_string(),
    };
    let e = maybe_nfd(rng, &e, 0.2);
    pad(rng, &e)
}

/// Candidates that are never a valid address, whatever surrounds them.
const NOT_ADDRESSES: &[&str] = &[
    "n/a",
    "-",
    "x@@y.example",
    "bob@localhost",
    "@x.example",
    "nobody",
    "a@.example",
    "info@",
    "(none)",
    "a@b@c.example",
];

/// An address as it may be cased in a cell (pricing.md §1 lower-cases it).
fn recase_address(rng: &mut Rng, e: &str) -> String {
    let e = match rng.below(4) {
        0 => e.to_uppercase(),
        1 => {
            let (l, d) = e.split_once('@').unwrap_or((e, ""));
            format!("{}@{}", recase(rng, l), d.to_uppercase())
        }
        _ => e.to_string(),
    };
    maybe_nfd(rng, &e, 0.15)
}

fn shuffle<T>(rng: &mut Rng, xs: &mut [T]) {
    for i in (1..xs.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        xs.swap(i, j);
    }
}

/// An email cell for the address `e`: usually `render_email`; with `EMAIL_LISTS`, sometimes
/// a cell as CRM and mail exports write it (pricing.md §1: a cell is read as a list of
/// addresses), holding `e`, maybe some of `others` (second addresses: links to other rows)
/// and invalid candidates, in one of the forms the paragraph names.
fn email_cell(rng: &mut Rng, e: &str, others: &[&str], name: &str) -> String {
    if !EMAIL_LISTS || !rng.chance(0.35) {
        return render_email(rng, e);
    }
    let mut items: Vec<String> = vec![recase_address(rng, e)];
    for o in others {
        if rng.chance(0.6) {
            items.push(recase_address(rng, o));
        }
    }
    if rng.chance(0.4) {
        items.push(rng.pick(NOT_ADDRESSES).to_string());
    }
    if rng.chance(0.1) {
        // the same address twice in one cell
        items.push(e.to_string());
    }
    shuffle(rng, &mut items);
    let name = name.replace(['<', '>'], "");
    let cell = match rng.below(5) {
        0 => {
            // display-name form, each pair's content a candidate
            let sep = *rng.pick(&[", ", "; ", ",", " "]);
            let mut parts: Vec<String> = items
                .iter()
                .map(|a| {
                    let inner = match rng.below(10) {
                        0 => format!("mailto:{a}"),
                        1 => format!(" {a} "),
                        2 => format!("MAILTO:{a}"),
                        3 => format!("\"{a}\""),
                        // a pair's content is one candidate: white space makes it invalid
                        4 => format!("{a} (work)"),
                        5 => format!("mailto:{a}?subject=Hi"),
                        _ => a.clone(),
                    };
                    let display = if rng.chance(0.7) { name.as_str() } else { "" };
                    format!("{display} <{inner}>").trim_start().to_string()
                })
                .collect();
            if rng.chance(0.15) {
                // text outside the pairs is not a candidate, even an address
                parts.insert(
                    0,
                    rng.pick(&["x9@outside.example", "fax: 555 0100"])
                        .to_string(),
                );
            }
            parts.join(sep)
        }
        1 | 2 => {
            // a list split at `,` `;` and white space, each candidate maybe wrapped
            let sep = *rng.pick(&[
                ", ",
                ",",
                ";",
                "; ",
                " ",
                " ; ",
                "\n",
                "\t",
                " , ",
                "\u{a0}",
                "\u{3000}",
                ",\u{2003}",
                // the full-width separators of CJK sheets
                "\u{ff0c}",
                "\u{ff1b}",
                "\u{3001}",
                "\u{3001} ",
                "\u{ff0c}\u{3000}",
                // GREEK QUESTION MARK: `;` once the cell is in NFC
                "\u{37e}",
            ]);
            items
                .iter()
                .map(|a| match rng.below(13) {
                    0 => format!("mailto:{a}"),
                    1 => format!("MAILTO:{a}"),
                    2 => format!("\"{a}\""),
                    3 => format!("({a})"),
                    4 => format!("[{a}]"),
                    // a `mailto:` inside the wrapping, and a wrapping inside the `mailto:`
                    5 => format!("\"mailto:{a}\""),
                    6 => format!("(mailto:{a})"),
                    7 if MAILTO_THEN_BRACKETS => format!("Mailto:[{a}]"),
                    7 => format!("Mailto:{a}"),
                    _ => a.clone(),
                })
                .collect::<Vec<_>>()
                .join(sep)
        }
        3 => {
            // the whole list in quotes, parentheses or brackets
            let sep = *rng.pick(&[", ", "; ", " "]);
            let (open, close) = *rng.pick(&[("\"", "\""), ("(", ")"), ("[", "]")]);
            format!("{open}{}{close}", items.join(sep))
        }
        _ => {
            // a name and the address with no brackets: the name's words are no addresses
            let m = rng.pick(&["mailto:", "", ""]).to_string();
            format!("{name} {m}{}", items.join(" "))
        }
    };
    pad(rng, &cell)
}

fn percent_encode_some(rng: &mut Rng, s: &str, p: f64) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if !c.is_ascii() || rng.chance(p) {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                if rng.chance(0.5) {
                    out.push_str(&format!("%{b:02X}"));
                } else {
                    out.push_str(&format!("%{b:02x}"));
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn render_linkedin(rng: &mut Rng, slug: &str) -> String {
    let scheme = *rng.pick(&[
        "", "https://", "http://", "HTTPS://", "https://", "https://",
    ]);
    let host = *rng.pick(&[
        "www.linkedin.com",
        "linkedin.com",
        "m.linkedin.com",
        "uk.linkedin.com",
        "WWW.LINKEDIN.COM",
        "de.LinkedIn.com",
        "www.linkedin.com",
    ]);
    let mut path = if rng.chance(0.1) { "/IN/" } else { "/in/" }.to_string();
    if rng.chance(0.05) {
        path = "%2Fin%2F".to_string();
    }
    let slug = match rng.below(7) {
        0 => slug.to_uppercase(),
        1 => percent_encode_some(rng, slug, 0.3),
        2 if !slug.is_ascii() => percent_encode_some(rng, slug, 0.0),
        // a raw (not percent-encoded) slug in NFD: the cell's NFC gives the same slug.
        // (A percent-encoded NFD slug is never written: whether the decoded text is put in
        // NFC again is not settled by pricing.md.)
        3 => decompose(rng, slug),
        _ => slug.to_string(),
    };
    let suffix = *rng.pick(&[
        "",
        "",
        "/",
        "//",
        "/details/experience/",
        "?trk=public_profile",
        "#about",
        "/?originalSubdomain=uk",
        "/recent-activity/all/",
        "?a=1#b/c",
        // a URL scheme inside the query or fragment is not the URL's scheme
        "?ref=https://y.example",
        "?u=https://www.linkedin.com/in/someone-else",
        "/?trk=http%3A%2F%2Fx.example%2Fin%2Fz",
        "#https://y.example/in/z",
        "%3Fref=https://y.example",
        "/details/?back=https://x.example",
    ]);
    pad(rng, &format!("{scheme}{host}{path}{slug}{suffix}"))
}

fn bad_linkedin(rng: &mut Rng, slug: &str) -> String {
    let s = match rng.below(17) {
        0 => "https://www.linkedin.com/company/acme-inc/".to_string(),
        1 => format!("https://www.linkedin.com/sales/lead/ACwAA{slug},NAME_SEARCH"),
        2 => format!("linkedin.com/pub/{slug}"),
        3 => format!("https://linkedin.com.evil.com/in/{slug}"),
        4 => format!("a.b.linkedin.com/in/{slug}"),
        5 => format!(".linkedin.com/in/{slug}"),
        6 => format!("evillinkedin.com/in/{slug}"),
        7 => "https://www.linkedin.com/in/".to_string(),
        8 => format!("https://www.linkedin.com/in//{slug}"),
        9 => "https://www.linkedin.com/school/mit/".to_string(),
        10 => "n/a".to_string(),
        11 => format!("linkedin.com:443/in/{slug}"),
        12 => format!("www.linkedin.com/feed/?in/{slug}"),
        13 => slug.to_string(),
        // a person URL only inside the query
        14 => format!("https://evil.example/?u=https://linkedin.com/in/{slug}"),
        15 => format!("www.linkedin.com/feed/?u=https://www.linkedin.com/in/{slug}"),
        _ => format!("https://www.linkedin.com/company/x#https://linkedin.com/in/{slug}"),
    };
    pad(rng, &s)
}

/// Websites on a social or profile host (pricing.md §1: no domain), for a company `x`.
fn social_website(rng: &mut Rng, x: &str) -> String {
    let x = ascii_part(x);
    match rng.below(18) {
        0 => format!("https://www.linkedin.com/company/{x}"),
        1 => format!("linkedin.com/company/{x}/about/"),
        2 => format!("https://www.linkedin.com/in/{x}-ceo"),
        3 => format!("facebook.com/{x}"),
        4 => format!("https://m.facebook.com/{x}"),
        5 => "sub.github.com".to_string(),
        6 => format!("https://github.com/{x}"),
        7 => format!("x.com/{x}"),
        8 => format!("https://twitter.com/{x}"),
        9 => format!("www.instagram.com/{x}/"),
        10 => format!("https://fb.com/{x}"),
        11 => format!("www.youtube.com/@{x}"),
        12 => format!("tiktok.com/@{x}"),
        13 => format!("https://www.crunchbase.com/organization/{x}"),
        14 => format!("https://www.xing.com/pages/{x}"),
        15 => "https://media.licdn.com/dms/image/logo.png".to_string(),
        16 => format!("HTTPS://WWW.LINKEDIN.COM/company/{x}"),
        _ => format!("de.linkedin.com/company/{x}"),
    }
}

/// A website cell that gives no domain: no dot, or a social host.
fn no_domain(rng: &mut Rng, company: &str) -> String {
    if rng.chance(0.5) {
        let bad = *rng.pick(&[
            "n/a",
            "-",
            "none",
            "localhost",
            "www.",
            "http://intranet/x",
            "",
        ]);
        pad(rng, bad)
    } else {
        let s = social_website(rng, company);
        pad(rng, &s)
    }
}

fn render_domain(rng: &mut Rng, d: &str) -> String {
    if rng.chance(0.2) {
        return no_domain(rng, d.split('.').next().unwrap_or(d));
    }
    let s = match rng.below(11) {
        8 => format!("{d}/?ref=https://x.example"),
        9 => format!("https://{d}/go?u=http://y.example/z"),
        10 => format!("www.{d}#https://z.example"),
        0 => format!("www.{d}"),
        1 => format!("https://www.{d}/about"),
        2 => format!("http://{}", d.to_uppercase()),
        3 => format!("{d}?utm_source=x"),
        4 => format!("{d}#contact"),
        5 => format!("WWW.{}/", d.to_uppercase()),
        _ => d.to_string(),
    };
    pad(rng, &s)
}

fn render_phone(rng: &mut Rng, p: &str) -> String {
    match rng.below(8) {
        0 => "n/a".to_string(),
        1 => "-".to_string(),
        2 => "  ".to_string(),
        3 => "ext".to_string(),
        4 => "(555) 010".to_string(),
        _ => pad(rng, p),
    }
}

// ---------------------------------------------------------------------------------------
// rows
// ---------------------------------------------------------------------------------------

fn names(rng: &mut Rng, p: &Person, row: &mut [String]) {
    let full = format!("{} {}", p.first, p.last);
    match rng.below(7) {
        0 | 1 => {
            row[0] = messy_text(rng, &p.first);
            row[1] = messy_text(rng, &p.last);
        }
        2 => row[2] = messy_text(rng, &full),
        3 => {
            // first + last win over a (different) full name
            row[0] = messy_text(rng, &p.first);
            row[1] = messy_text(rng, &p.last);
            row[2] = messy_text(rng, "Someone Else");
        }
        4 => {
            // only one of first / last: the full name is used
            row[0] = messy_text(rng, &p.first);
            row[2] = messy_text(rng, &full);
        }
        5 => row[0] = messy_text(rng, &p.first), // only a first name: no name
        _ => {}
    }
}

const LIST_WIDTH: usize = LIST_HEADER.len();
const LOG_WIDTH: usize = LOG_HEADER.len();

/// A cell of the role of list column `col` (a first column of `SECOND_COLUMNS`) that gives
/// no usable value (pricing.md §1): a blank name or company (rarely `-`, which IS a name),
/// a website that is no domain (`n/a`, a social host), an invalid email, a LinkedIn URL that
/// is no person URL.
fn unusable(rng: &mut Rng, col: usize, p: &Person) -> String {
    match col {
        0..=3 => {
            if rng.chance(0.08) {
                "-".to_string()
            } else {
                rng.pick(&["", " ", "\u{a0}", "\t", "\u{3000}", "  "])
                    .to_string()
            }
        }
        4 => no_domain(rng, COMPANIES[p.company].0),
        9 => {
            if rng.chance(0.3) {
                String::new()
            } else {
                bad_linkedin(rng, &p.slug)
            }
        }
        _ => {
            if rng.chance(0.3) {
                String::new()
            } else {
                let bad = *rng.pick(NOT_ADDRESSES);
                pad(rng, bad)
            }
        }
    }
}

/// A cell of `p` for the role of list column `col` (a first column of `SECOND_COLUMNS`).
fn render_role(rng: &mut Rng, col: usize, p: &Person) -> String {
    let (company, domain) = COMPANIES[p.company];
    match col {
        0 => messy_text(rng, &p.first),
        1 => messy_text(rng, &p.last),
        2 => messy_text(rng, &format!("{} {}", p.first, p.last)),
        3 => messy_text(rng, company),
        4 => render_domain(rng, domain),
        9 => render_linkedin(rng, &p.slug),
        _ => {
            let e = match &p.alt_email {
                Some(a) if rng.chance(0.5) => a.clone(),
                _ => p.email.clone(),
            };
            let display = format!("{} {}", p.first, p.last);
            email_cell(rng, &e, &[], &display)
        }
    }
}

/// The second columns of a row (those in `inc`): empty, the same person's value written
/// again, the value moved there with the first column made unusable (the second is used),
/// another person's value (the first, when usable, wins; for email and LinkedIn both
/// count), both unusable, or an exact copy. `strong` false: no valid email or LinkedIn
/// person URL is written (a name-only row).
fn second_columns(
    rng: &mut Rng,
    p: &Person,
    pool: &[Person],
    inc: &[bool],
    strong: bool,
    row: &mut [String],
) {
    for &(first, second) in &SECOND_COLUMNS {
        if !inc[second] {
            continue;
        }
        if !strong && (first == 5 || first == 9) {
            if rng.chance(0.3) {
                row[second] = unusable(rng, first, p);
            }
            continue;
        }
        match rng.below(9) {
            0..=2 => {}
            3 => row[second] = render_role(rng, first, p),
            4 | 5 => {
                row[second] = render_role(rng, first, p);
                row[first] = unusable(rng, first, p);
            }
            6 => {
                let other = rng.pick(pool).clone();
                row[second] = render_role(rng, first, &other);
            }
            7 => {
                row[first] = unusable(rng, first, p);
                row[second] = unusable(rng, first, p);
            }
            _ => row[second] = row[first].clone(),
        }
    }
}

fn person_row(rng: &mut Rng, p: &Person, pool: &[Person], inc: &[bool]) -> Vec<String> {
    let mut row = vec![String::new(); LIST_WIDTH];
    names(rng, p, &mut row);
    let (company, domain) = COMPANIES[p.company];
    if rng.chance(0.6) {
        row[3] = messy_text(rng, company);
    }
    if rng.chance(0.5) {
        row[4] = render_domain(rng, domain);
    }
    let display = format!("{} {}", p.first, p.last);
    let alt: Vec<&str> = p.alt_email.iter().map(String::as_str).collect();
    if rng.chance(0.55) {
        row[5] = email_cell(rng, &p.email, &alt, &display);
    }
    if rng.chance(0.3) {
        let e = match &p.alt_email {
            Some(a) if rng.chance(0.5) => a.clone(),
            _ => p.email.clone(),
        };
        row[6] = email_cell(rng, &e, &[], &display);
    }
    if rng.chance(0.2) {
        // a short first phone without a digit, the number in the second
        row[7] = rng.pick(&["", "-", "n/a", "ext", "+", " "]).to_string();
        row[8] = pad(rng, &p.phone);
    } else {
        if rng.chance(0.4) {
            row[7] = render_phone(rng, &p.phone);
        }
        if rng.chance(0.3) {
            row[8] = render_phone(rng, &p.phone);
        }
    }
    if rng.chance(0.5) {
        row[9] = if rng.chance(0.12) {
            bad_linkedin(rng, &p.slug)
        } else {
            render_linkedin(rng, &p.slug)
        };
    }
    row[NOTES_COL] = rng.pick(NOTES).to_string();
    second_columns(rng, p, pool, inc, true, &mut row);
    row
}

/// A row with a name and a company or website but no email and no LinkedIn person URL: a
/// cluster row (pricing.md §1 rule 2), matching one, several or no strong groups.
fn name_only_row(rng: &mut Rng, p: &Person, pool: &[Person], inc: &[bool]) -> Vec<String> {
    let mut row = vec![String::new(); LIST_WIDTH];
    let full = format!("{} {}", p.first, p.last);
    if rng.chance(0.6) {
        row[0] = messy_text(rng, &p.first);
        row[1] = messy_text(rng, &p.last);
    } else {
        row[2] = messy_text(rng, &full);
    }
    let (company, domain) = COMPANIES[p.company];
    match rng.below(3) {
        0 => row[3] = messy_text(rng, company),
        1 => row[4] = render_domain(rng, domain),
        _ => {
            row[3] = messy_text(rng, company);
            row[4] = render_domain(rng, domain);
        }
    }
    if rng.chance(0.3) {
        row[7] = render_phone(rng, &p.phone);
    }
    if rng.chance(0.2) {
        // an invalid address or a non-person URL: still no strong identifier
        let bad = *rng.pick(NOT_ADDRESSES);
        row[5] = pad(rng, bad);
    }
    if rng.chance(0.1) {
        row[9] = bad_linkedin(rng, &p.slug);
    }
    row[NOTES_COL] = rng.pick(NOTES).to_string();
    second_columns(rng, p, pool, inc, false, &mut row);
    row
}

fn list_row(rng: &mut Rng, pool: &[Person], inc: &[bool]) -> Vec<String> {
    let roll = rng.below(100);
    if roll < 5 {
        // a row of empty (or blank) cells
        let blank = rng.chance(0.5);
        return (0..LIST_WIDTH)
            .map(|_| {
                if blank {
                    rng.pick(PADS).to_string()
                } else {
                    String::new()
                }
            })
            .collect();
    }
    if roll < 10 {
        // garbage: nothing identifies it
        let mut row = vec![String::new(); LIST_WIDTH];
        let p = rng.pick(pool).clone();
        row[0] = messy_text(rng, &p.first);
        row[3] = rng.pick(COMPANIES).0.to_string();
        row[4] = rng.pick(&["n/a", "-", ""]).to_string();
        row[5] = rng
            .pick(&["a@@b.com", "no email", "@acme.com", "x@acme.", "x@.com"])
            .to_string();
        row[7] = rng.pick(&["n/a", "555 0100", ""]).to_string();
        row[9] = bad_linkedin(rng, &p.slug);
        // the second columns cannot help: a first name alone is no name
        row[14] = rng.pick(COMPANIES).0.to_string();
        row[15] = no_domain(rng, "acme");
        row[16] = bad_linkedin(rng, &p.slug);
        row[17] = rng.pick(NOT_ADDRESSES).to_string();
        return row;
    }
    if roll < 18 {
        let p = rng.pick(pool).clone();
        return name_only_row(rng, &p, pool, inc);
    }
    let a = rng.pick(pool).clone();
    let mut row = person_row(rng, &a, pool, inc);
    if roll < 32 {
        // chain: carry another person's identifier too
        let b = rng.pick(pool).clone();
        match rng.below(4) {
            0 => row[9] = render_linkedin(rng, &b.slug),
            1 => row[6] = render_email(rng, &b.email),
            // the chain runs through a second address of the row's own email cell
            2 if EMAIL_LISTS => {
                let display = format!("{} {}", a.first, a.last);
                row[5] = email_cell(rng, &a.email, &[b.email.as_str()], &display);
            }
            2 => row[6] = render_email(rng, &b.email),
            _ => {
                row[0].clear();
                row[1].clear();
                row[11].clear();
                row[12].clear();
                row[2] = messy_text(rng, &format!("{} {}", b.first, b.last));
                row[3] = messy_text(rng, COMPANIES[b.company].0);
            }
        }
    }
    row
}

/// A reveal-log entry with every `LOG_HEADER` column (those not in `inc` stay empty).
fn log_row(rng: &mut Rng, pool: &[Person], date: String, inc: &[bool]) -> Vec<String> {
    let p = if rng.chance(0.9) {
        rng.pick(pool).clone()
    } else {
        new_person(rng, 999)
    };
    let mut row = vec![String::new(); LOG_WIDTH];
    row[0] = date;
    if rng.chance(0.5) {
        row[1] = messy_text(rng, &p.first);
        row[2] = messy_text(rng, &p.last);
    } else if rng.chance(0.2) {
        row[1] = messy_text(rng, &p.first);
    }
    let display = format!("{} {}", p.first, p.last);
    let r = rng.below(10);
    if r < 7 {
        let e = match &p.alt_email {
            Some(a) if rng.chance(0.3) => a.clone(),
            _ => p.email.clone(),
        };
        row[3] = email_cell(rng, &e, &[], &display);
    } else if r < 8 {
        // the address the vendor revealed, not the list's: a strong identifier of the
        // entry's own that matches nothing (the name rule of §2 then needs a contact
        // without one)
        row[3] = format!("{}{}@else.example", ascii_part(&p.first), rng.below(1000));
    }
    let r = rng.below(10);
    if r < 5 {
        row[4] = pad(rng, &p.phone);
    } else if r < 7 {
        row[4] = rng.pick(&["n/a", "-", " "]).to_string();
    }
    if rng.chance(0.4) {
        row[5] = if rng.chance(0.1) {
            bad_linkedin(rng, &p.slug)
        } else {
            render_linkedin(rng, &p.slug)
        };
    }
    let (company, domain) = COMPANIES[p.company];
    if rng.chance(0.4) {
        row[6] = messy_text(rng, company);
    }
    if rng.chance(0.4) {
        row[7] = render_domain(rng, domain);
    }
    if inc[8] {
        // Direct Email: a second address column
        match rng.below(4) {
            0 | 1 => {}
            2 => {
                row[8] = email_cell(rng, &p.email, &[], &display);
                if rng.chance(0.6) {
                    row[3] = rng.pick(&["", "n/a", "-", "x@@y.example"]).to_string();
                }
            }
            _ => {
                let e = p.alt_email.clone().unwrap_or_else(|| p.email.clone());
                row[8] = email_cell(rng, &e, &[], &display);
            }
        }
    }
    if inc[9] {
        // Phone 2: the first short, empty or without a digit
        match rng.below(6) {
            0 => {}
            1 | 2 => {
                row[4] = rng
                    .pick(&["", "-", "n/a", "x", "+", " ", "ext."])
                    .to_string();
                row[9] = pad(rng, &p.phone);
            }
            3 => {
                // short, but with a digit: a phone (§2 "at least one digit")
                row[4] = rng.pick(&["12", "0", " 1 "]).to_string();
            }
            4 => row[9] = pad(rng, &p.phone),
            _ => {
                row[4].clear();
                row[9] = rng.pick(&["n/a", "-", ""]).to_string();
            }
        }
    }
    if inc[10] {
        // Company Website: a second domain column
        match rng.below(4) {
            0 => {}
            1 => {
                row[7] = no_domain(rng, company);
                row[10] = render_domain(rng, domain);
            }
            2 => {
                let other = rng.pick(COMPANIES).1;
                row[10] = render_domain(rng, other);
            }
            _ => row[10] = row[7].clone(),
        }
    }
    row
}

fn log_date(rng: &mut Rng, renewal: Option<NaiveDate>, annual: bool) -> Option<NaiveDate> {
    let Some(r) = renewal else {
        if rng.chance(0.2) {
            return None;
        }
        let base = NaiveDate::from_ymd_opt(2026, 6, 1).expect("valid date");
        return Some(base + Days::new(rng.below(1200)));
    };
    let start = r
        .checked_sub_months(Months::new(if annual { 12 } else { 1 }))
        .expect("renewal far from chrono limits");
    match rng.below(11) {
        0 => Some(start),
        1 => Some(start - Days::new(1)),
        2 => Some(start + Days::new(1)),
        3 => Some(r - Days::new(1)),
        4 => Some(r),
        5 => Some(r + Days::new(1)),
        6 => Some(r - Days::new(800)),
        7 => Some(r + Days::new(400)),
        8 => Some(start + Days::new(rng.below(28))),
        9 => Some(r - Days::new(31)),
        _ => None,
    }
}

fn format_date(d: NaiveDate, f: DateFormat) -> String {
    d.format(match f {
        DateFormat::Iso => "%Y-%m-%d",
        DateFormat::DayFirst => "%d/%m/%Y",
        DateFormat::MonthFirst => "%m/%d/%Y",
    })
    .to_string()
}

/// The same month with a day of at most 12 (so that DD/MM and MM/DD both read it).
fn small_day(d: NaiveDate) -> NaiveDate {
    if d.day() <= 12 {
        d
    } else {
        d.with_day((d.day() - 1) % 12 + 1)
            .expect("day 1..=12 exists")
    }
}

/// A date near `around` whose day is above 12.
fn big_day(rng: &mut Rng, around: NaiveDate) -> NaiveDate {
    around
        .with_day(13 + rng.below(16) as u32)
        .expect("days 13..=28 exist")
}

fn write_csv(rng: &mut Rng, header: &[&str], rows: &[Vec<String>], delimiter: u8) -> String {
    let crlf = rng.chance(0.2);
    let bom = rng.chance(0.1);
    let blank_lines = rng.chance(0.1);
    let eol = if crlf { "\r\n" } else { "\n" };
    let one = |fields: &[&str]| -> String {
        let mut w = csv::WriterBuilder::new()
            .terminator(if crlf {
                csv::Terminator::CRLF
            } else {
                csv::Terminator::Any(b'\n')
            })
            .delimiter(delimiter)
            .from_writer(Vec::new());
        w.write_record(fields).expect("csv write");
        String::from_utf8(w.into_inner().expect("csv flush")).expect("utf-8")
    };
    let mut out = if bom {
        "\u{feff}".to_string()
    } else {
        String::new()
    };
    out.push_str(&one(header));
    for row in rows {
        if blank_lines && rng.chance(0.15) {
            out.push_str(eol);
        }
        let fields: Vec<&str> = row.iter().map(String::as_str).collect();
        out.push_str(&one(&fields));
    }
    out
}

fn pairs(xs: &[(&str, &str)]) -> Vec<(String, String)> {
    xs.iter()
        .map(|&(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// Rates a case is drawn with besides the 0.05 grid: exactly 0 and 1, and values so near
/// them that a binomial expectation computed carelessly loses them.
pub const EDGE_RATES: [f64; 10] = [
    0.0,
    1e-9,
    0.0003,
    0.05,
    0.5,
    0.95,
    0.9994,
    0.99941,
    1.0 - 1e-9,
    1.0,
];

/// A (low, expected, high) rate range, low ≤ expected ≤ high in 0..=1: mostly
/// low < expected < high on a 0.05 grid, sometimes one exact rate, sometimes ends drawn
/// from `EDGE_RATES` (near 0 and 1).
pub fn gen_rate_range(rng: &mut Rng) -> [f64; 3] {
    let roll = rng.below(100);
    if roll < 12 {
        let v = *rng.pick(&[0.0, 0.25, 0.5, 0.7, 1.0]);
        return [v, v, v];
    }
    if roll < 22 {
        let v = *rng.pick(&EDGE_RATES);
        return [v, v, v];
    }
    if roll < 40 {
        let mut ends = [0.0f64; 3];
        for e in &mut ends {
            *e = *rng.pick(&EDGE_RATES);
        }
        ends.sort_by(f64::total_cmp);
        return ends;
    }
    let mut ends = [0u64; 3];
    loop {
        for e in &mut ends {
            *e = rng.below(21);
        }
        ends.sort_unstable();
        if ends[0] < ends[1] && ends[1] < ends[2] {
            break;
        }
    }
    ends.map(|e| e as f64 / 20.0)
}

/// One random case with up to `max_rows` list rows (possibly 0).
pub fn gen_case(rng: &mut Rng, max_rows: usize) -> GenCase {
    // small pool so that duplicates are frequent, but not only duplicates
    let pool_size = 1 + rng.below(3 + max_rows as u64 / 4) as usize;
    let mut pool: Vec<Person> = (0..pool_size).map(|i| new_person(rng, i)).collect();
    if rng.chance(0.4) {
        add_twins(rng, &mut pool);
    }
    let n_rows = rng.below(max_rows as u64 + 1) as usize;
    gen_case_from(rng, max_rows, &pool, n_rows)
}

/// A long list (150 to 360 rows) of mostly different people, so that api-bulk batches of up
/// to 100 contacts and more than one block of results per batch happen.
pub fn gen_big_case(rng: &mut Rng) -> GenCase {
    let pool_size = 150 + rng.below(150) as usize;
    let mut pool: Vec<Person> = (0..pool_size)
        .map(|i| {
            let mut p = new_person(rng, i);
            // a local part of its own: people rarely share an address
            p.email = p.email.replacen('@', &format!("{i}@"), 1);
            p
        })
        .collect();
    for _ in 0..rng.below(4) {
        add_twins(rng, &mut pool);
    }
    let n_rows = pool.len() + rng.below(60) as usize;
    gen_case_from(rng, 40, &pool, n_rows)
}

fn gen_case_from(rng: &mut Rng, max_rows: usize, pool: &[Person], n_rows: usize) -> GenCase {
    let pool = pool.to_vec();
    // which second columns the list has (every role sometimes given twice)
    let mut inc = [false; LIST_WIDTH];
    for c in inc.iter_mut().take(NOTES_COL + 1) {
        *c = true;
    }
    if rng.chance(0.45) {
        for &(_, second) in &SECOND_COLUMNS {
            inc[second] = rng.chance(0.6);
        }
    }
    let mut rows: Vec<Vec<String>> = (0..n_rows).map(|_| list_row(rng, &pool, &inc)).collect();
    let list_delimiter = *rng.pick(&DELIMITERS);
    let mut cols: Vec<usize> = (0..LIST_WIDTH).filter(|&c| inc[c]).collect();
    // Some lists have only one to three of the columns (a list of LinkedIn URLs, of emails,
    // names and companies): the delimiter is sniffed from few (or no) delimiters per line.
    if rng.chance(0.12) {
        let k = if ONE_COLUMN_LISTS {
            1 + rng.below(3) as usize
        } else {
            2 + rng.below(2) as usize
        };
        let mapped: Vec<usize> = cols
            .iter()
            .copied()
            .filter(|&c| LIST_ROLES[c].is_some())
            .collect();
        let mut keep: Vec<usize> = Vec::new();
        while keep.len() < k {
            // mostly identifying columns; Notes (never mapped) now and then
            let c = if rng.chance(0.9) {
                *rng.pick(&mapped)
            } else {
                NOTES_COL
            };
            if !keep.contains(&c) {
                keep.push(c);
            }
        }
        keep.sort_unstable();
        cols = keep;
    }
    // the file order of the columns is not always the usual one: a role's second column may
    // come first (the first usable column in FILE order is used)
    if rng.chance(0.25) {
        shuffle(rng, &mut cols);
    }
    let header: Vec<&str> = cols.iter().map(|&c| LIST_HEADER[c]).collect();
    for r in &mut rows {
        *r = cols.iter().map(|&c| std::mem::take(&mut r[c])).collect();
    }
    let list_csv = write_csv(rng, &header, &rows, list_delimiter);

    // the mapping: every mapped column the list has, listed in any order (a role's columns
    // are read in file order whatever order the mapping gives)
    let mut by_column: Vec<usize> = cols
        .iter()
        .copied()
        .filter(|&c| LIST_ROLES[c].is_some())
        .collect();
    by_column.sort_unstable();
    let mut list_mapping: Vec<(&str, &str)> = by_column
        .iter()
        .map(|&c| (LIST_ROLES[c].expect("mapped"), LIST_HEADER[c]))
        .collect();
    match rng.below(5) {
        0 => shuffle(rng, &mut list_mapping),
        1 => list_mapping.reverse(),
        _ => {}
    }
    if rng.chance(0.1) {
        // no full_name column mapped
        list_mapping.retain(|(role, _)| *role != "full_name");
    }

    let renewal_date = if rng.chance(0.15) {
        None
    } else {
        let &(y, m, d) = rng.pick(RENEWALS);
        NaiveDate::from_ymd_opt(y, m, d)
    };
    let annual = rng.chance(0.25);

    // the log's columns: the vendor-export-like eight, sometimes a second email column,
    // Phone 2 and a second company-domain column
    let mut log_inc = [true; LOG_WIDTH];
    log_inc[8] = rng.chance(0.35);
    log_inc[9] = rng.chance(0.4);
    log_inc[10] = rng.chance(0.2);
    let mut log_cols: Vec<usize> = [0, 1, 2, 3, 8, 4, 9, 5, 6, 7, 10]
        .into_iter()
        .filter(|&c| log_inc[c])
        .collect();
    if rng.chance(0.15) {
        shuffle(rng, &mut log_cols);
    }
    let mut log_mapping: Vec<(&str, &str)> = (0..LOG_WIDTH)
        .filter(|&c| log_inc[c])
        .map(|c| (LOG_ROLES[c], LOG_HEADER[c]))
        .collect();
    if rng.chance(0.3) {
        shuffle(rng, &mut log_mapping);
    }
    if rng.chance(0.08) {
        // no date column mapped: every entry counts as in the cycle
        log_mapping.retain(|(role, _)| *role != "date");
    }
    let log_mapping = pairs(&log_mapping);
    let log_delimiter = *rng.pick(&DELIMITERS);
    let format = match rng.below(4) {
        0 | 1 => DateFormat::Iso,
        2 => DateFormat::DayFirst,
        _ => DateFormat::MonthFirst,
    };
    let column = if format == DateFormat::Iso {
        DateColumn::Natural
    } else {
        match rng.below(20) {
            0..=8 => DateColumn::Natural,
            9..=13 => DateColumn::Settled,
            14..=18 => DateColumn::Ambiguous,
            _ => DateColumn::Mixed,
        }
    };
    let log_csv = rng.chance(0.7).then(|| {
        let n = rng.below(max_rows as u64 / 2 + 3) as usize;
        let mut dates: Vec<Option<NaiveDate>> = (0..n)
            .map(|_| log_date(rng, renewal_date, annual))
            .collect();
        if column == DateColumn::Ambiguous {
            for d in dates.iter_mut().flatten() {
                *d = small_day(*d);
            }
        }
        let mut written: Vec<String> = dates
            .iter()
            .map(|d| {
                d.map(|d| {
                    let s = format_date(d, format);
                    // a date cell is trimmed like every other cell
                    if rng.chance(0.05) {
                        format!(" {s} ")
                    } else {
                        s
                    }
                })
                .unwrap_or_default()
            })
            .collect();
        let around = renewal_date.unwrap_or(NaiveDate::from_ymd_opt(2027, 3, 1).expect("date"));
        if matches!(column, DateColumn::Settled | DateColumn::Mixed) {
            let at = rng.below(written.len() as u64 + 1) as usize;
            written.insert(at, format_date(big_day(rng, around), format));
        }
        if column == DateColumn::Mixed {
            let other = if format == DateFormat::DayFirst {
                DateFormat::MonthFirst
            } else {
                DateFormat::DayFirst
            };
            let at = rng.below(written.len() as u64 + 1) as usize;
            written.insert(at, format_date(big_day(rng, around), other));
        }
        let entries: Vec<Vec<String>> = written
            .into_iter()
            .map(|date| {
                let mut e = log_row(rng, &pool, date, &log_inc);
                log_cols
                    .iter()
                    .map(|&c| std::mem::take(&mut e[c]))
                    .collect()
            })
            .collect();
        let header: Vec<&str> = log_cols.iter().map(|&c| LOG_HEADER[c]).collect();
        write_csv(rng, &header, &entries, log_delimiter)
    });

    GenCase {
        list_csv,
        list_mapping: pairs(&list_mapping),
        log_csv,
        log_mapping,
        renewal_date,
        annual,
        list_delimiter,
        log_delimiter,
        log_dates: (format, column),
        list_encoding: pick_encoding(rng),
        log_encoding: pick_encoding(rng),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_parseable() {
        for seed in 0..200 {
            let a = gen_case(&mut Rng::new(seed), 30);
            let b = gen_case(&mut Rng::new(seed), 30);
            assert_eq!(a.list_csv, b.list_csv);
            assert_eq!(a.log_csv, b.log_csv);
            for (text, delimiter) in std::iter::once((&a.list_csv, a.list_delimiter))
                .chain(a.log_csv.as_ref().map(|l| (l, a.log_delimiter)))
            {
                let mut r = csv::ReaderBuilder::new()
                    .delimiter(delimiter)
                    .from_reader(text.as_bytes());
                let width = r.headers().expect("header").len();
                for rec in r.records() {
                    assert_eq!(rec.expect("record").len(), width, "seed {seed}");
                }
            }
        }
    }

    #[test]
    fn big_cases_and_rates_are_deterministic() {
        for seed in 0..4 {
            let a = gen_big_case(&mut Rng::new(seed));
            let b = gen_big_case(&mut Rng::new(seed));
            assert_eq!(a.list_csv, b.list_csv);
            assert_eq!(a.list_mapping, b.list_mapping);
            assert_eq!(a.log_csv, b.log_csv);
            assert_eq!(a.log_mapping, b.log_mapping);
        }
        let (mut r1, mut r2) = (Rng::new(9), Rng::new(9));
        for _ in 0..500 {
            assert_eq!(gen_rate_range(&mut r1), gen_rate_range(&mut r2));
        }
    }

    #[test]
    fn rng_ranges() {
        let mut r = Rng::new(7);
        for _ in 0..1000 {
            assert!(r.below(3) < 3);
        }
        assert_eq!(r.below(0), 0);
        let hits = (0..10_000).filter(|_| r.chance(0.25)).count();
        assert!((2000..3000).contains(&hits));
    }
}
