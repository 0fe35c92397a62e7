//! Price books: every credit price and default assumption, as data.
//!
//! Prices change between vendor pricing versions, so none is written in code: the shipped
//! books live in `assets/pricebooks/*.toml` (embedded at build time so the binary runs from
//! any folder) and a user can load their own.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Invalid, Result};

/// The shipped price books, embedded so that the binary needs no asset folder.
const SHIPPED: &[(&str, &str)] = &[
    (
        "lusha-help-2026.toml",
        include_str!("../assets/pricebooks/lusha-help-2026.toml"),
    ),
    (
        "lusha-alt-2025.toml",
        include_str!("../assets/pricebooks/lusha-alt-2025.toml"),
    ),
];

/// Credit prices, named as in pricing.md §4.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Prices {
    pub email: f64,
    pub phone: f64,
    pub api_result: f64,
    pub api_request_min: f64,
    pub api_bulk_block: f64,
    pub api_bulk_block_size: u32,
    pub api_bulk_max_batch: u32,
    pub api_company: f64,
    pub company_signal: f64,
    pub contact_signal: f64,
    pub ai_cell: f64,
    pub signal: f64,
    pub csv_export_block: f64,
    pub csv_export_block_rows: u32,
    pub crm_export: f64,
    pub ai_chat_block: f64,
    pub ai_chat_block_prompts: u32,
    pub blurred_row: f64,
}

/// A rate with its low and high ends (pricing.md §3).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateRange {
    pub low: f64,
    pub expected: f64,
    pub high: f64,
}

impl RateRange {
    pub const fn exact(v: f64) -> Self {
        RateRange {
            low: v,
            expected: v,
            high: v,
        }
    }

    /// A rate as cli.md and workspace.md read it: a rate alone has low = high = the rate; a
    /// range alone takes the default's expected value clamped into it; neither gives the
    /// default. The result is validated; `what` names it in the message.
    pub fn resolve(
        what: &str,
        rate: Option<f64>,
        range: Option<(f64, f64)>,
        default: RateRange,
    ) -> std::result::Result<RateRange, Invalid> {
        let share = |v: f64| {
            if (0.0..=1.0).contains(&v) {
                Ok(v)
            } else {
                let shown = if v.is_finite() && v.abs() < 1e6 {
                    v.to_string()
                } else {
                    format!("{v:e}")
                };
                Err(Invalid(format!(
                    "{what} = {shown}: a rate must be between 0 and 1"
                )))
            }
        };
        let r = match (rate, range) {
            (None, None) => default,
            (Some(x), None) => RateRange::exact(share(x)?),
            (x, Some((low, high))) => {
                let (low, high) = (share(low)?, share(high)?);
                if let Some(x) = x {
                    share(x)?;
                }
                if low > high {
                    return Err(Invalid(format!(
                        "{what}: the range {low}..{high} has low above high"
                    )));
                }
                RateRange {
                    low,
                    expected: x.unwrap_or_else(|| default.expected.clamp(low, high)),
                    high,
                }
            }
        };
        r.validate(what)?;
        Ok(r)
    }

    /// A rate must be a share, and lie inside its own range.
    pub fn validate(&self, what: &str) -> std::result::Result<(), Invalid> {
        for (end, v) in [
            ("low", self.low),
            ("expected", self.expected),
            ("high", self.high),
        ] {
            if !(0.0..=1.0).contains(&v) {
                return Err(Invalid(format!(
                    "{what}: {end} = {v} is not between 0 and 1"
                )));
            }
        }
        if !(self.low <= self.expected && self.expected <= self.high) {
            return Err(Invalid(format!(
                "{what}: expected {} is outside its range {}..{}",
                self.expected, self.low, self.high
            )));
        }
        Ok(())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DefaultAssumptions {
    pub match_rate: RateRange,
    pub email_rate: RateRange,
    pub phone_rate: RateRange,
    /// Share of rows where a Workspace Signals column finds a signal (workspace.md), for
    /// columns planned without their own hit rate. Books (and plans' saved copies of them)
    /// written before it existed take the newest shipped book's value.
    #[serde(default = "default_signal_hit_rate")]
    pub signal_hit_rate: RateRange,
}

fn default_signal_hit_rate() -> RateRange {
    // The shipped books all carry the key (tested), so this never recurses.
    default_book().assumptions.signal_hit_rate
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceBook {
    pub id: String,
    pub name: String,
    pub effective_date: chrono::NaiveDate,
    pub source: String,
    pub prices: Prices,
    pub assumptions: DefaultAssumptions,
}

impl PriceBook {
    /// Parse and validate a price book; `origin` names the file in error messages.
    pub fn from_toml(text: &str, origin: &Path) -> Result<Self> {
        let book: PriceBook = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_of(text, s.start));
            Error::input(origin, line, format!("price book: {}", e.message().trim()))
        })?;
        if key_line(text, "signal_hit_rate").is_none() {
            return Err(Error::input(
                origin,
                None,
                "price book: [assumptions.signal_hit_rate] is missing (low, expected and high shares of rows where a Workspace Signals column finds a signal)",
            ));
        }
        book.validate(text, origin)?;
        Ok(book)
    }

    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::from_toml(&text, path)
    }

    fn validate(&self, text: &str, origin: &Path) -> Result<()> {
        self.check().map_err(|(key, m)| {
            Error::input(origin, key_line(text, key), format!("price book: {m}"))
        })
    }

    /// Every price a number ≥ 0, every block size ≥ 1, every rate valid, an id: the first
    /// problem as (key, message). Also checks the copies of books saved in plans.
    pub fn check(&self) -> std::result::Result<(), (&'static str, String)> {
        let p = &self.prices;
        let money = [
            ("email", p.email),
            ("phone", p.phone),
            ("api_result", p.api_result),
            ("api_request_min", p.api_request_min),
            ("api_bulk_block", p.api_bulk_block),
            ("api_company", p.api_company),
            ("company_signal", p.company_signal),
            ("contact_signal", p.contact_signal),
            ("ai_cell", p.ai_cell),
            ("signal", p.signal),
            ("csv_export_block", p.csv_export_block),
            ("crm_export", p.crm_export),
            ("ai_chat_block", p.ai_chat_block),
            ("blurred_row", p.blurred_row),
        ];
        for (key, v) in money {
            if !v.is_finite() || v < 0.0 {
                return Err((
                    key,
                    format!("`{key}` = {v}: a price must be a number of credits ≥ 0"),
                ));
            }
        }
        let sizes = [
            ("api_bulk_block_size", p.api_bulk_block_size),
            ("api_bulk_max_batch", p.api_bulk_max_batch),
            ("csv_export_block_rows", p.csv_export_block_rows),
            ("ai_chat_block_prompts", p.ai_chat_block_prompts),
        ];
        for (key, v) in sizes {
            if v == 0 {
                return Err((key, format!("`{key}` must be at least 1")));
            }
        }
        let a = &self.assumptions;
        for (key, r) in [
            ("match_rate", a.match_rate),
            ("email_rate", a.email_rate),
            ("phone_rate", a.phone_rate),
            ("signal_hit_rate", a.signal_hit_rate),
        ] {
            r.validate(key).map_err(|m| (key, m.0))?;
        }
        if self.id.trim().is_empty() {
            return Err(("id", "`id` is empty".to_string()));
        }
        Ok(())
    }
}

/// 1-based line of a byte offset.
fn line_of(text: &str, offset: usize) -> u64 {
    text[..offset.min(text.len())]
        .bytes()
        .filter(|&b| b == b'\n')
        .count() as u64
        + 1
}

/// Line where `key` is assigned or opens a table, for messages about a valid-syntax value.
fn key_line(text: &str, key: &str) -> Option<u64> {
    text.lines()
        .position(|l| {
            let t = l.trim_start();
            (t.starts_with(key) && t[key.len()..].trim_start().starts_with('='))
                || t.trim_end() == format!("[assumptions.{key}]")
        })
        .map(|i| i as u64 + 1)
}

/// The price books compiled into the binary, newest first.
pub fn shipped() -> Vec<PriceBook> {
    let mut books: Vec<PriceBook> = SHIPPED
        .iter()
        .map(|(name, text)| {
            PriceBook::from_toml(text, &PathBuf::from("assets/pricebooks").join(name))
                .expect("shipped price books are validated by tests")
        })
        .collect();
    books.sort_by_key(|b| std::cmp::Reverse(b.effective_date));
    books
}

/// The newest shipped price book: the default.
pub fn default_book() -> PriceBook {
    shipped().remove(0)
}

/// True when `id` names a shipped price book.
pub fn is_shipped(id: &str) -> bool {
    shipped().iter().any(|b| b.id == id)
}

/// `--pricebook ID|FILE.toml`: a shipped id, or a path to a TOML file.
pub fn resolve(arg: &str) -> Result<PriceBook> {
    if let Some(b) = shipped().into_iter().find(|b| b.id == arg) {
        return Ok(b);
    }
    let path = Path::new(arg);
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
        || path.exists()
    {
        return PriceBook::load(path);
    }
    let ids: Vec<String> = shipped().into_iter().map(|b| b.id).collect();
    Err(Error::Setting(format!(
        "unknown price book `{arg}`: use one of {} or a path to a .toml file",
        ids.join(", ")
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn help_text() -> &'static str {
        SHIPPED[0].1
    }

    #[test]
    fn shipped_books_load_and_newest_is_the_help_article() {
        let books = shipped();
        assert_eq!(books.len(), 2);
        assert_eq!(default_book().id, "lusha-help-2026");
        assert!(books.iter().any(|b| b.id == "lusha-alt-2025"));
    }

    #[test]
    fn the_variant_book_carries_the_other_side_of_each_conflict() {
        let help = resolve("lusha-help-2026").unwrap();
        let alt = resolve("lusha-alt-2025").unwrap();
        assert_eq!(help.prices.phone, 5.0);
        assert_eq!(alt.prices.phone, 1.0);
        assert_eq!(help.prices.api_request_min, 1.0);
        assert_eq!(alt.prices.api_request_min, 0.0);
    }

    #[test]
    fn unknown_key_names_key_and_line() {
        let text = help_text().replace("blurred_row = 1", "blurred_row = 1\nblured_rows = 2");
        let err = PriceBook::from_toml(&text, Path::new("x.toml")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("blured_rows"), "{msg}");
        let line = text
            .lines()
            .position(|l| l.starts_with("blured_rows"))
            .unwrap()
            + 1;
        assert!(msg.contains(&format!("line {line}")), "{msg}");
    }

    #[test]
    fn missing_key_is_named() {
        let text: String = help_text()
            .lines()
            .filter(|l| !l.starts_with("phone ="))
            .collect::<Vec<_>>()
            .join("\n");
        let msg = PriceBook::from_toml(&text, Path::new("x.toml"))
            .unwrap_err()
            .to_string();
        assert!(msg.contains("phone"), "{msg}");
        assert!(msg.contains("x.toml: line"), "{msg}");
    }

    #[test]
    fn negative_price_names_key_and_line() {
        let text = help_text().replace("crm_export = 1 ", "crm_export = -2 ");
        let msg = PriceBook::from_toml(&text, Path::new("x.toml"))
            .unwrap_err()
            .to_string();
        let line = text
            .lines()
            .position(|l| l.starts_with("crm_export"))
            .unwrap()
            + 1;
        assert!(msg.contains("crm_export"), "{msg}");
        assert!(msg.contains(&format!("line {line}")), "{msg}");
    }

    #[test]
    fn assumption_outside_its_range_is_refused() {
        let text = help_text().replacen("expected = 0.7", "expected = 0.95", 1);
        let msg = PriceBook::from_toml(&text, Path::new("x.toml"))
            .unwrap_err()
            .to_string();
        assert!(msg.contains("match_rate"), "{msg}");
    }

    #[test]
    fn every_shipped_book_has_its_own_signal_hit_rate() {
        for (name, text) in SHIPPED {
            assert!(
                text.contains("[assumptions.signal_hit_rate]"),
                "{name} lacks the Signals hit rate"
            );
        }
        let b = default_book();
        b.assumptions.signal_hit_rate.validate("hit").unwrap();
    }

    #[test]
    fn a_book_file_must_give_the_signal_hit_rate_but_a_saved_copy_may_lack_it() {
        let text = help_text();
        let cut = text.find("[assumptions.signal_hit_rate]").unwrap();
        let msg = PriceBook::from_toml(&text[..cut], Path::new("old.toml"))
            .unwrap_err()
            .to_string();
        assert!(msg.contains("signal_hit_rate"), "{msg}");
        // A plan's saved copy of a book from before the key existed still reads.
        let mut v = serde_json::to_value(default_book()).unwrap();
        v["assumptions"]
            .as_object_mut()
            .unwrap()
            .remove("signal_hit_rate");
        let old: PriceBook = serde_json::from_value(v).unwrap();
        assert_eq!(
            old.assumptions.signal_hit_rate,
            default_book().assumptions.signal_hit_rate
        );
    }

    #[test]
    fn unknown_id_lists_the_shipped_ones() {
        let msg = resolve("nope").unwrap_err().to_string();
        assert!(msg.contains("lusha-help-2026"), "{msg}");
    }
}
