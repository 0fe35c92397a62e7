//! The live account (issue 26): the vendor's one usage call — credits left in the billing
//! cycle, the plan and its renewal, the API rate limits and the account's own prices — read
//! into a checked [`Snapshot`], and what an estimate takes from it.
//!
//! - [`client`]: the one request, `GET {base}/v3/account/usage` with the `api_key` header,
//!   its timeout, size cap and one clear message per failure;
//! - [`key`]: where the key comes from (`LUSHA_API_KEY`, else the OS credential store);
//! - [`prices`]: the account's prices against the price book in force (action names to
//!   price-book keys as data), and a price book of the account's own prices;
//! - [`tiers`]: subscription tiers as data (rate limits, channels each allows), the time an
//!   API run takes under the limits, and warnings for a channel the tier does not allow.
//!
//! Nothing here runs unless asked: no call is made until the user runs `account`,
//! `estimate --account` / `--pricebook account`, or connects in the window. The key is
//! never part of a snapshot, a message, a report or a file.

pub mod client;
pub mod key;
pub mod prices;
pub mod tiers;

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::cycle::{Cycle, CycleLength};
use crate::text;

/// Why the account could not be read. No text here contains the key: every text that
/// comes from outside (the vendor's message, a parser's) is scrubbed of it by the client.
#[derive(Clone, Debug, PartialEq)]
pub enum AccountError {
    /// No key in `LUSHA_API_KEY` and none stored (or the store could not be read).
    NoKey(String),
    /// `--api-base` / `ENRICHPLAN_API_BASE` is not an address this may call.
    BadBase(String),
    /// 401.
    InvalidKey,
    /// 403: the vendor's reason (an inactive account, V3 not enabled).
    Forbidden(String),
    /// 429, and when to try again.
    TooManyRequests(String),
    /// 5xx.
    Server(u16),
    /// Any other status.
    Unexpected(u16),
    /// No answer within the timeout (seconds).
    Timeout(f64),
    /// The host could not be reached (name, connection, TLS).
    Network(String),
    /// An answer larger than the cap (bytes).
    TooLarge(u64),
    /// Not the JSON of the usage answer.
    Malformed(String),
    /// The JSON's values fail a check (negative, remaining above total, a bad date).
    Invalid(String),
    /// The OS credential store failed (login, logout).
    Store(String),
}

impl std::fmt::Display for AccountError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const WHY: &str = "the account could not be read";
        match self {
            AccountError::NoKey(why) => write!(
                f,
                "{WHY}: no API key{why}; set LUSHA_API_KEY or run `enrichplan account login`"
            ),
            AccountError::BadBase(m) => write!(f, "{m}"),
            AccountError::InvalidKey => write!(
                f,
                "{WHY}: the API key was refused (401, invalid key); check it, then set LUSHA_API_KEY or run `enrichplan account login` again"
            ),
            AccountError::Forbidden(m) => write!(
                f,
                "{WHY}: access refused (403: {m}); the account may be inactive or have API v3 off: ask the account's admin or the vendor's support"
            ),
            AccountError::TooManyRequests(when) => {
                write!(f, "{WHY}: too many requests (429); {when}")
            }
            AccountError::Server(code) => write!(
                f,
                "{WHY}: the vendor's server failed ({code}); try again in a few minutes"
            ),
            AccountError::Unexpected(code) => write!(
                f,
                "{WHY}: unexpected answer (HTTP {code}); check --api-base / ENRICHPLAN_API_BASE"
            ),
            AccountError::Timeout(secs) => write!(
                f,
                "{WHY}: no answer within {} s; check the connection and try again",
                crate::text::int(secs.round() as u64)
            ),
            AccountError::Network(m) => write!(f, "{WHY}: {m}; check the connection and try again"),
            AccountError::TooLarge(cap) => write!(
                f,
                "{WHY}: the answer is larger than {} and was not read",
                crate::text::bytes(*cap)
            ),
            AccountError::Malformed(m) => write!(
                f,
                "{WHY}: the answer is not the account usage JSON ({m}); nothing was used"
            ),
            AccountError::Invalid(m) => write!(f, "{WHY}: the answer {m}; nothing was used"),
            AccountError::Store(m) => write!(f, "the OS credential store failed: {m}"),
        }
    }
}

impl From<AccountError> for crate::Error {
    fn from(e: AccountError) -> Self {
        match e {
            AccountError::BadBase(m) => crate::Error::Setting(m),
            other => crate::Error::Account(other.to_string()),
        }
    }
}

/// Credits of the current billing cycle.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Balance {
    #[serde(serialize_with = "whole_or_not")]
    pub total: f64,
    #[serde(serialize_with = "whole_or_not")]
    pub used: f64,
    #[serde(serialize_with = "whole_or_not")]
    pub remaining: f64,
}

/// A whole number of credits written as an integer (10000, not 10000.0).
fn whole_or_not<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(crate::pricing::clean(*v))
    }
}

/// The subscription: its category (the vendor's word, e.g. `professional`), how it renews
/// and the current cycle's dates (no end date: a free account, no renewal).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanInfo {
    pub category: String,
    pub renewal_type: String,
    pub start_date: Option<DateTime<Utc>>,
    pub end_date: Option<DateTime<Utc>>,
}

impl PlanInfo {
    /// The cycle's length, for `monthly` and `annual` (any case); None for another word.
    pub fn cycle_length(&self) -> Option<CycleLength> {
        match self.renewal_type.trim().to_ascii_lowercase().as_str() {
            "monthly" | "month" => Some(CycleLength::Monthly),
            "annual" | "annually" | "yearly" | "year" => Some(CycleLength::Annual),
            _ => None,
        }
    }

    /// The next renewal date (the end date's day, UTC).
    pub fn renewal(&self) -> Option<NaiveDate> {
        self.end_date.map(|d| d.date_naive())
    }
}

/// One rate-limit window: requests allowed, used, left, and when it resets.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Window {
    pub limit: u64,
    pub used: u64,
    pub remaining: u64,
    pub resets_at: Option<DateTime<Utc>>,
}

/// The API rate limits; a window the plan does not have is absent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RateLimits {
    pub daily: Option<Window>,
    pub hourly: Option<Window>,
    pub minute: Option<Window>,
}

/// The account's price of an action: `credits` per `per_quantity` units.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActionPrice {
    #[serde(serialize_with = "whole_or_not")]
    pub credits: f64,
    #[serde(serialize_with = "whole_or_not")]
    pub per_quantity: f64,
}

impl ActionPrice {
    /// Credits per unit.
    pub fn unit(&self) -> f64 {
        self.credits / self.per_quantity
    }
}

/// The account as the vendor answered, checked; `as_of` is when it was read. This is also
/// `enrichplan account --format json` (cli.md) and what the window caches: no key in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub credits: Balance,
    pub plan: PlanInfo,
    pub rate_limits: RateLimits,
    pub pricing: BTreeMap<String, ActionPrice>,
    pub as_of: DateTime<Utc>,
}

// The vendor's JSON, as documented (camelCase), before the checks.
#[derive(Deserialize)]
struct RawUsage {
    credits: RawBalance,
    #[serde(rename = "rateLimits", default)]
    rate_limits: RawLimits,
    plan: RawPlan,
    #[serde(default)]
    pricing: BTreeMap<String, RawPrice>,
}

#[derive(Deserialize)]
struct RawBalance {
    total: f64,
    used: f64,
    remaining: f64,
}

#[derive(Deserialize, Default)]
struct RawLimits {
    daily: Option<RawWindow>,
    hourly: Option<RawWindow>,
    minute: Option<RawWindow>,
}

#[derive(Deserialize)]
struct RawWindow {
    limit: f64,
    used: f64,
    remaining: f64,
    #[serde(rename = "resetsAt")]
    resets_at: Option<String>,
}

#[derive(Deserialize)]
struct RawPlan {
    category: String,
    #[serde(rename = "renewalType")]
    renewal_type: String,
    #[serde(rename = "startDate")]
    start_date: Option<String>,
    #[serde(rename = "endDate")]
    end_date: Option<String>,
}

#[derive(Deserialize)]
struct RawPrice {
    credits: f64,
    #[serde(rename = "perQuantity")]
    per_quantity: f64,
}

/// The longest text taken from the answer (a category, a renewal type, an action name).
pub const MAX_TEXT: usize = 100;

/// A text of the vendor's answer, checked as error texts are: trimmed, at most
/// [`MAX_TEXT`] characters and no control characters; the message names the field, never
/// the text (which could be anything). The client scrubs the key from what passes.
fn vendor_text(what: &str, s: &str) -> Result<String, AccountError> {
    let t = s.trim();
    if t.chars().any(char::is_control) {
        return Err(AccountError::Invalid(format!(
            "has control characters in {what}"
        )));
    }
    if t.chars().count() > MAX_TEXT {
        return Err(AccountError::Invalid(format!(
            "has a {what} longer than {MAX_TEXT} characters"
        )));
    }
    Ok(t.to_string())
}

/// A count that must be a number ≥ 0.
fn amount(what: &str, v: f64) -> Result<f64, AccountError> {
    if v.is_finite() && v >= 0.0 {
        Ok(v)
    } else {
        Err(AccountError::Invalid(format!(
            "has {what} = {v}: it cannot be negative"
        )))
    }
}

/// A request count: a whole number ≥ 0.
fn requests(what: &str, v: f64) -> Result<u64, AccountError> {
    let v = amount(what, v)?;
    if v.fract() != 0.0 || v > 1e15 {
        return Err(AccountError::Invalid(format!(
            "has {what} = {v}: a number of requests is a whole number"
        )));
    }
    Ok(v as u64)
}

/// An ISO 8601 date-time (`2027-01-01T00:00:00.000Z`) or a plain date (midnight UTC).
fn date_time(what: &str, s: &str) -> Result<DateTime<Utc>, AccountError> {
    let t = s.trim();
    if let Ok(d) = DateTime::parse_from_rfc3339(t) {
        return Ok(d.with_timezone(&Utc));
    }
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d")
        && let Some(dt) = d.and_hms_opt(0, 0, 0)
    {
        return Ok(dt.and_utc());
    }
    let shown: String = t
        .chars()
        .take(40)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    Err(AccountError::Invalid(format!(
        "has {what} = `{shown}`: not a date (YYYY-MM-DDThh:mm:ssZ)"
    )))
}

fn window(name: &str, w: Option<RawWindow>) -> Result<Option<Window>, AccountError> {
    let Some(w) = w else { return Ok(None) };
    let key = |k: &str| format!("rateLimits.{name}.{k}");
    let limit = requests(&key("limit"), w.limit)?;
    let used = requests(&key("used"), w.used)?;
    let remaining = requests(&key("remaining"), w.remaining)?;
    if remaining > limit {
        return Err(AccountError::Invalid(format!(
            "has {} = {remaining} above {} = {limit}",
            key("remaining"),
            key("limit")
        )));
    }
    let resets_at = w
        .resets_at
        .as_deref()
        .map(|s| date_time(&key("resetsAt"), s))
        .transpose()?;
    Ok(Some(Window {
        limit,
        used,
        remaining,
        resets_at,
    }))
}

impl Snapshot {
    /// The vendor's 200 answer, checked: counts ≥ 0, remaining ≤ total, used ≤ total, a
    /// window's remaining ≤ its limit, dates that parse and a start before the end, prices
    /// ≥ 0 per a quantity > 0. Any failure is an error and nothing of the answer is used.
    pub fn from_vendor_json(body: &[u8], as_of: DateTime<Utc>) -> Result<Snapshot, AccountError> {
        let raw: RawUsage = serde_json::from_slice(body).map_err(|e| {
            AccountError::Malformed(match e.classify() {
                serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                    format!("not JSON: line {}, column {}", e.line(), e.column())
                }
                _ => e.to_string(),
            })
        })?;
        let c = &raw.credits;
        let credits = Balance {
            total: amount("credits.total", c.total)?,
            used: amount("credits.used", c.used)?,
            remaining: amount("credits.remaining", c.remaining)?,
        };
        for (what, v) in [
            ("credits.remaining", credits.remaining),
            ("credits.used", credits.used),
        ] {
            if v > credits.total + 1e-9 {
                return Err(AccountError::Invalid(format!(
                    "has {what} = {} above credits.total = {}",
                    text::credits(v),
                    text::credits(credits.total)
                )));
            }
        }
        // The cycle's credits are used or left, nothing else: a balance that does not add
        // up is not one to plan a budget on.
        if (credits.used + credits.remaining - credits.total).abs() > 1e-6 * credits.total.max(1.0)
        {
            return Err(AccountError::Invalid(format!(
                "has credits.used = {} and credits.remaining = {}, which do not add up to credits.total = {}",
                text::credits(credits.used),
                text::credits(credits.remaining),
                text::credits(credits.total)
            )));
        }
        let category = vendor_text("plan.category", &raw.plan.category)?;
        let renewal_type = vendor_text("plan.renewalType", &raw.plan.renewal_type)?;
        if category.is_empty() {
            return Err(AccountError::Invalid("has an empty plan.category".into()));
        }
        let start_date = raw
            .plan
            .start_date
            .as_deref()
            .map(|s| date_time("plan.startDate", s))
            .transpose()?;
        let end_date = raw
            .plan
            .end_date
            .as_deref()
            .map(|s| date_time("plan.endDate", s))
            .transpose()?;
        if let (Some(s), Some(e)) = (start_date, end_date)
            && s > e
        {
            return Err(AccountError::Invalid(format!(
                "has plan.startDate {} after plan.endDate {}",
                s.date_naive(),
                e.date_naive()
            )));
        }
        let mut pricing = BTreeMap::new();
        for (action, p) in raw.pricing {
            let action = vendor_text("a pricing action name", &action)?;
            if action.is_empty() {
                return Err(AccountError::Invalid(
                    "has a pricing action with an empty name".into(),
                ));
            }
            let credits = amount(&format!("pricing.{action}.credits"), p.credits)?;
            if !(p.per_quantity.is_finite() && p.per_quantity > 0.0) {
                return Err(AccountError::Invalid(format!(
                    "has pricing.{action}.perQuantity = {}: it must be above 0",
                    p.per_quantity
                )));
            }
            pricing.insert(
                action,
                ActionPrice {
                    credits,
                    per_quantity: p.per_quantity,
                },
            );
        }
        let l = raw.rate_limits;
        Ok(Snapshot {
            credits,
            plan: PlanInfo {
                category,
                renewal_type,
                start_date,
                end_date,
            },
            rate_limits: RateLimits {
                daily: window("daily", l.daily)?,
                hourly: window("hourly", l.hourly)?,
                minute: window("minute", l.minute)?,
            },
            pricing,
            as_of,
        })
    }

    /// "2026-12-04 12:03 UTC".
    pub fn as_of_text(&self) -> String {
        self.as_of.format("%Y-%m-%d %H:%M UTC").to_string()
    }

    /// A free account: no end date, so no renewal cycle.
    pub fn is_free(&self) -> bool {
        self.plan.end_date.is_none()
    }
}

/// What the user gave by flag (each wins over the account's).
#[derive(Clone, Debug, Default)]
pub struct Given {
    pub budget: Option<f64>,
    pub renewal: Option<NaiveDate>,
    pub length: Option<CycleLength>,
    pub tier: Option<tiers::Tier>,
}

/// What an estimate takes from the account: the budget (credits left), the billing cycle
/// (end date and renewal type), the tier (category), and notes saying so.
#[derive(Clone, Debug)]
pub struct Applied {
    pub budget: Option<f64>,
    pub cycle: Cycle,
    pub tier: Option<tiers::Tier>,
    pub notes: Vec<String>,
}

/// `estimate --account`: the account's numbers where no flag gave one.
pub fn apply(s: &Snapshot, given: &Given) -> Applied {
    let mut taken = Vec::new();
    let mut notes = Vec::new();
    let budget = match given.budget {
        Some(b) => Some(b),
        None => {
            taken.push(format!(
                "budget {} credits left",
                text::credits(s.credits.remaining)
            ));
            Some(s.credits.remaining)
        }
    };
    let renewal = match given.renewal {
        Some(r) => Some(r),
        None => match s.plan.renewal() {
            Some(r) => {
                taken.push(format!("renewal date {r}"));
                Some(r)
            }
            None => {
                notes.push(
                    "the account is free: it has no renewal date, so there is no billing cycle (every reveal-log entry counts as in the cycle; --renewal-date sets one)"
                        .to_string(),
                );
                None
            }
        },
    };
    let length = match given.length {
        Some(l) => l,
        None => match s.plan.cycle_length() {
            Some(l) if !s.is_free() => {
                taken.push(format!("{} cycle", l.key()));
                l
            }
            Some(l) => l,
            None => {
                notes.push(format!(
                    "the account's renewal type `{}` is neither monthly nor annual: the cycle is taken as monthly (--cycle sets it)",
                    s.plan.renewal_type
                ));
                CycleLength::Monthly
            }
        },
    };
    let tier = match &given.tier {
        Some(t) => Some(t.clone()),
        None => match tiers::Tier::of_category(&s.plan.category) {
            Some(t) => {
                taken.push(format!("tier {} (`{}`)", t.name, s.plan.category));
                Some(t)
            }
            None => {
                notes.push(format!(
                    "the account's plan `{}` is none of the known tiers ({}): no warnings by tier (--tier sets one)",
                    s.plan.category,
                    tiers::Tier::all()
                        .iter()
                        .map(|t| t.name.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                None
            }
        },
    };
    if !taken.is_empty() {
        notes.insert(
            0,
            format!(
                "from the live account (as of {}): {}",
                s.as_of_text(),
                taken.join(", ")
            ),
        );
    }
    Applied {
        budget,
        cycle: Cycle { renewal, length },
        tier,
        notes,
    }
}

/// `enrichplan account` for people.
pub fn table_text(s: &Snapshot, book: &crate::pricebook::PriceBook) -> String {
    let mut t = String::new();
    let m = text::credits;
    let _ = writeln!(t, "Lusha account, as of {}", s.as_of_text());
    let _ = writeln!(
        t,
        "Credits:     {} of {} left this cycle ({} used)",
        m(s.credits.remaining),
        m(s.credits.total),
        m(s.credits.used)
    );
    let p = &s.plan;
    let dates = match (p.start_date, p.end_date) {
        (_, None) => "free: no renewal".to_string(),
        (Some(a), Some(b)) => format!(
            "cycle {} to {}, renews {}",
            a.date_naive(),
            b.date_naive(),
            b.date_naive()
        ),
        (None, Some(b)) => format!("renews {}", b.date_naive()),
    };
    let _ = writeln!(
        t,
        "Plan:        {} ({}), {}",
        p.category, p.renewal_type, dates
    );
    match tiers::Tier::of_category(&p.category) {
        Some(tier) => {
            let _ = writeln!(t, "Tier:        {}", tier.name);
        }
        None => {
            let _ = writeln!(t, "Tier:        not one of the known tiers");
        }
    }
    let _ = writeln!(t, "API rate limits (requests):");
    let l = &s.rate_limits;
    let mut any = false;
    for (name, w) in [
        ("per minute", l.minute),
        ("per hour", l.hourly),
        ("per day", l.daily),
    ] {
        if let Some(w) = w {
            any = true;
            let resets = w
                .resets_at
                .map(|r| format!(", resets {}", r.format("%Y-%m-%d %H:%M UTC")))
                .unwrap_or_default();
            let _ = writeln!(
                t,
                "  {name:<11} {} of {} left{resets}",
                crate::text::int(w.remaining),
                crate::text::int(w.limit)
            );
        }
    }
    if !any {
        let _ = writeln!(t, "  none given");
    }
    let _ = writeln!(t, "Prices (the account's; price book {}):", book.id);
    if s.pricing.is_empty() {
        let _ = writeln!(t, "  none given");
    }
    let w = s.pricing.keys().map(|k| k.len()).max().unwrap_or(0);
    for line in prices::lines(s, book) {
        let (action, price) = (&line.action, &line.price);
        let per = if price.per_quantity == 1.0 {
            String::new()
        } else {
            format!(" per {}", m(price.per_quantity))
        };
        let book_side = match line.against {
            prices::Against::Differs { key, book } => {
                format!("price book {key}: {} — differs", m(book))
            }
            prices::Against::Same { key, book } => format!("price book {key}: {}", m(book)),
            prices::Against::UnknownKey(key) => format!("price book key {key} unknown"),
            prices::Against::Unmapped => "not mapped to a price-book key".to_string(),
        };
        let price_text = format!(
            "{} {}{per}",
            m(price.credits),
            if price.credits == 1.0 {
                "credit"
            } else {
                "credits"
            },
        );
        let _ = writeln!(t, "  {action:<w$}  {price_text:<12} ({book_side})");
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-12-04T12:03:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    const OK: &str = r#"{
      "credits": { "total": 10000, "used": 1500, "remaining": 8500 },
      "rateLimits": {
        "daily":  { "limit": 5000, "used": 120, "remaining": 4880, "resetsAt": "2026-03-31T00:00:00.000Z" },
        "hourly": { "limit": 500,  "used": 20,  "remaining": 480,  "resetsAt": "2026-03-30T13:00:00.000Z" },
        "minute": { "limit": 50,   "used": 2,   "remaining": 48,   "resetsAt": "2026-03-30T12:01:00.000Z" }
      },
      "plan": { "category": "professional", "renewalType": "annual",
                "startDate": "2026-01-01T00:00:00.000Z", "endDate": "2027-01-01T00:00:00.000Z" },
      "pricing": { "revealEmail": { "credits": 1, "perQuantity": 1 },
                   "revealPhone": { "credits": 5, "perQuantity": 1 } }
    }"#;

    #[test]
    fn the_documented_answer_reads() {
        let s = Snapshot::from_vendor_json(OK.as_bytes(), now()).unwrap();
        assert_eq!(s.credits.remaining, 8500.0);
        assert_eq!(s.plan.renewal(), NaiveDate::from_ymd_opt(2027, 1, 1));
        assert_eq!(s.plan.cycle_length(), Some(CycleLength::Annual));
        assert_eq!(s.rate_limits.minute.unwrap().limit, 50);
        assert_eq!(s.pricing["revealPhone"].unit(), 5.0);
        let v = serde_json::to_value(&s).unwrap();
        assert_eq!(v["credits"]["total"], 10000);
        assert_eq!(v["plan"]["renewal_type"], "annual");
        assert_eq!(v["rate_limits"]["hourly"]["remaining"], 480);
        assert_eq!(v["pricing"]["revealEmail"]["per_quantity"], 1);
        assert_eq!(v["as_of"], "2026-12-04T12:03:00Z");
    }

    #[test]
    fn bad_values_are_refused_with_what_was_wrong() {
        let cases = [
            (r#""used": 1500"#, r#""used": -3"#, "credits.used = -3"),
            (
                r#""remaining": 8500"#,
                r#""remaining": 12000"#,
                "credits.remaining = 12,000 above credits.total = 10,000",
            ),
            (
                r#""used": 1500"#,
                r#""used": 1000"#,
                "credits.used = 1,000 and credits.remaining = 8,500, which do not add up to credits.total = 10,000",
            ),
            (
                r#""category": "professional""#,
                r#""category": "pro\u0007fessional""#,
                "control characters in plan.category",
            ),
            (
                r#""renewalType": "annual""#,
                r#""renewalType": "annual\nx""#,
                "control characters in plan.renewalType",
            ),
            (
                r#""revealEmail""#,
                r#""reveal\u001b[31mEmail""#,
                "control characters in a pricing action name",
            ),
            (
                r#""endDate": "2027-01-01T00:00:00.000Z""#,
                r#""endDate": "next year""#,
                "plan.endDate = `next year`",
            ),
            (
                r#""startDate": "2026-01-01T00:00:00.000Z""#,
                r#""startDate": "2028-01-01T00:00:00.000Z""#,
                "after plan.endDate",
            ),
            (
                r#""remaining": 48,"#,
                r#""remaining": 51,"#,
                "rateLimits.minute.remaining = 51 above rateLimits.minute.limit = 50",
            ),
            (
                r#""limit": 500,"#,
                r#""limit": 2.5,"#,
                "rateLimits.hourly.limit = 2.5",
            ),
            (
                r#""resetsAt": "2026-03-31T00:00:00.000Z""#,
                r#""resetsAt": "soon""#,
                "rateLimits.daily.resetsAt",
            ),
            (
                r#""credits": 5, "perQuantity": 1"#,
                r#""credits": 5, "perQuantity": 0"#,
                "pricing.revealPhone.perQuantity = 0",
            ),
        ];
        for (from, to, says) in cases {
            assert!(OK.contains(from), "{from}");
            let text = OK.replacen(from, to, 1);
            let e = Snapshot::from_vendor_json(text.as_bytes(), now()).unwrap_err();
            let msg = e.to_string();
            assert!(matches!(e, AccountError::Invalid(_)), "{msg}");
            assert!(msg.contains(says), "{says} in {msg}");
            assert!(msg.contains("nothing was used"), "{msg}");
        }
        // A text too long is refused without being repeated.
        let long = "x".repeat(MAX_TEXT + 1);
        let text = OK.replacen("professional", &long, 1);
        let msg = Snapshot::from_vendor_json(text.as_bytes(), now())
            .unwrap_err()
            .to_string();
        assert!(
            msg.contains("plan.category longer than 100 characters") && !msg.contains(&long),
            "{msg}"
        );
        for bad in ["", "{", "[1,2]", "<html>oops</html>", r#"{"credits": {}}"#] {
            let e = Snapshot::from_vendor_json(bad.as_bytes(), now()).unwrap_err();
            assert!(matches!(e, AccountError::Malformed(_)), "{bad}: {e}");
        }
    }

    #[test]
    fn a_free_account_has_no_cycle_and_says_so() {
        let free = r#"{
          "credits": { "total": 50, "used": 12, "remaining": 38 },
          "rateLimits": { "daily": { "limit": 100, "used": 3, "remaining": 97, "resetsAt": "2026-12-05T00:00:00.000Z" },
                          "minute": { "limit": 40, "used": 1, "remaining": 39, "resetsAt": "2026-12-04T12:01:00.000Z" } },
          "plan": { "category": "free", "renewalType": "monthly", "startDate": "2026-11-20T00:00:00.000Z", "endDate": null },
          "pricing": { "revealEmail": { "credits": 1, "perQuantity": 1 } }
        }"#;
        let s = Snapshot::from_vendor_json(free.as_bytes(), now()).unwrap();
        assert!(s.is_free() && s.rate_limits.hourly.is_none());
        let a = apply(&s, &Given::default());
        assert_eq!(a.budget, Some(38.0));
        assert_eq!(a.cycle.renewal, None);
        assert_eq!(a.tier.as_ref().map(|t| t.name.as_str()), Some("Free"));
        assert!(
            a.notes
                .iter()
                .any(|n| n.contains("free") && n.contains("no billing cycle"))
        );
    }

    #[test]
    fn flags_win_over_the_account() {
        let s = Snapshot::from_vendor_json(OK.as_bytes(), now()).unwrap();
        let a = apply(&s, &Given::default());
        assert_eq!(a.budget, Some(8500.0));
        assert_eq!(a.cycle.renewal, NaiveDate::from_ymd_opt(2027, 1, 1));
        assert_eq!(a.cycle.length, CycleLength::Annual);
        assert_eq!(a.tier.as_ref().map(|t| t.name.as_str()), Some("Pro"));
        assert!(a.notes[0].starts_with("from the live account (as of 2026-12-04 12:03 UTC)"));
        let given = Given {
            budget: Some(100.0),
            renewal: NaiveDate::from_ymd_opt(2026, 12, 15),
            length: Some(CycleLength::Monthly),
            tier: tiers::Tier::by_name("scale"),
        };
        let a = apply(&s, &given);
        assert_eq!(a.budget, Some(100.0));
        assert_eq!(a.cycle.renewal, NaiveDate::from_ymd_opt(2026, 12, 15));
        assert_eq!(a.cycle.length, CycleLength::Monthly);
        assert_eq!(a.tier.unwrap().name, "Scale");
        assert!(a.notes.is_empty(), "{:?}", a.notes);
    }
}
