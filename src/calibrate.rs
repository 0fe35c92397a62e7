//! Calibrated assumptions (managers.md): the match, email and phone rates measured on a
//! past enrichment. A billable contact of the uploaded list is *matched* when a row of the
//! result shares an identifier with it and holds a valid email or a phone; among the
//! matched, the email rate is the share with a valid email, the phone rate the share with
//! a phone. Low and high are the 90 % Wilson score interval of each proportion.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::analysis::flags;
use crate::cycle::Cycle;
use crate::engine::{self, AnalysisInput};
use crate::error::{Error, Result};
use crate::input::reader::ReadOptions;
use crate::pricebook::RateRange;
use crate::pricing::{Assumptions, ContactNeed, Settings, contact_need};
use crate::progress::Progress;

/// z of a two-sided 90 % interval.
const Z90: f64 = 1.644_853_626_951_472_2;

/// What a calibration counted; counts of several calibrations add up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Counts {
    /// Billable contacts of the uploaded list.
    pub contacts: u64,
    /// Of them, found in the result with a valid email or a phone.
    pub matched: u64,
    /// Of the matched, with a valid email.
    pub emails: u64,
    /// Of the matched, with a phone.
    pub phones: u64,
}

impl std::ops::Add for Counts {
    type Output = Counts;

    fn add(self, o: Counts) -> Counts {
        Counts {
            contacts: self.contacts + o.contacts,
            matched: self.matched + o.matched,
            emails: self.emails + o.emails,
            phones: self.phones + o.phones,
        }
    }
}

impl Counts {
    /// The three rates with their 90 % Wilson intervals.
    pub fn assumptions(&self) -> Assumptions {
        Assumptions {
            match_rate: wilson(self.matched, self.contacts),
            email_rate: wilson(self.emails, self.matched),
            phone_rate: wilson(self.phones, self.matched),
        }
    }
}

/// The proportion `k / n` as expected, with the 90 % Wilson score interval as low and high.
/// With no observation nothing is known: 0, with the range 0 to 1.
pub fn wilson(k: u64, n: u64) -> RateRange {
    if n == 0 {
        return RateRange {
            low: 0.0,
            expected: 0.0,
            high: 1.0,
        };
    }
    let (k, n) = (k.min(n) as f64, n as f64);
    let p = k / n;
    let z2 = Z90 * Z90;
    let denom = 1.0 + z2 / n;
    let center = (p + z2 / (2.0 * n)) / denom;
    let half = Z90 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    RateRange {
        low: (center - half).clamp(0.0, p),
        expected: p,
        high: (center + half).clamp(p, 1.0),
    }
}

/// Calibrate on one uploaded list and what came back.
pub fn calibrate(
    uploaded: &Path,
    result: &Path,
    settings: &Settings,
    progress: &Progress,
) -> Result<Counts> {
    let list = engine::load_list(uploaded, &ReadOptions::default(), progress)?;
    let back = engine::load_log(result, &ReadOptions::default(), progress)?;
    // The result is matched like a reveal log with every entry counted (no date, no cycle).
    let mut back_mapping = back.detection.mapping.clone();
    back_mapping.set(crate::input::roles::Role::Date, Vec::new());
    let a = engine::analyze(
        &AnalysisInput {
            list: &list.table,
            mapping: &list.detection.mapping,
            log: Some((&back.table, &back_mapping)),
            cycle: Cycle::default(),
            today: chrono::Local::now().date_naive(),
        },
        progress,
    )?;
    let mut c = Counts::default();
    for &f in &a.contact_flags {
        let uploaded_alone = f & !(flags::REV_EMAIL | flags::REV_PHONE);
        if !matches!(
            contact_need(uploaded_alone, settings),
            ContactNeed::Billable { .. }
        ) {
            continue;
        }
        c.contacts += 1;
        let (email, phone) = (f & flags::REV_EMAIL != 0, f & flags::REV_PHONE != 0);
        if email || phone {
            c.matched += 1;
            c.emails += email as u64;
            c.phones += phone as u64;
        }
    }
    if c.contacts == 0 {
        return Err(Error::input(
            uploaded,
            None,
            "no billable contact to calibrate on (no row has an email, a LinkedIn person URL, or a name with a company)",
        ));
    }
    Ok(c)
}

/// A saved calibration (`--save-assumptions`): the counts and the rates they give.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedAssumptions {
    pub sample: Counts,
    pub match_rate: RateRange,
    pub email_rate: RateRange,
    pub phone_rate: RateRange,
}

impl SavedAssumptions {
    pub fn of(c: Counts) -> Self {
        let a = c.assumptions();
        SavedAssumptions {
            sample: c,
            match_rate: a.match_rate,
            email_rate: a.email_rate,
            phone_rate: a.phone_rate,
        }
    }

    pub fn to_toml(&self) -> Result<String> {
        let body = toml::to_string(self).map_err(|e| Error::Internal(e.to_string()))?;
        Ok(format!(
            "# enrichplan calibrated assumptions: {} billable contacts, {} matched.\n# Rates are the measured shares; low and high the 90 % Wilson interval.\n{body}",
            self.sample.contacts, self.sample.matched
        ))
    }

    /// Read a saved calibration; the counts decide (the rates are recomputed from them, so a
    /// hand-edited rate cannot disagree with its sample).
    pub fn load(path: &Path) -> Result<Counts> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let s: SavedAssumptions = toml::from_str(&text).map_err(|e| {
            let line = e
                .span()
                .map(|sp| text[..sp.start.min(text.len())].matches('\n').count() as u64 + 1);
            Error::input(
                path,
                line,
                format!("assumptions file: {}", e.message().trim()),
            )
        })?;
        let c = s.sample;
        if c.matched > c.contacts || c.emails > c.matched || c.phones > c.matched {
            return Err(Error::input(
                path,
                None,
                "assumptions file: the sample's counts do not fit (matched ≤ contacts, emails and phones ≤ matched)",
            ));
        }
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wilson_interval_worked_example() {
        // 6 of 10 at 90 %: p = 0.6, z = 1.6449, z² = 2.7055; centre = (0.6 + 0.13528) /
        // 1.27055 = 0.57871; half = 1.6449 · √(0.024 + 0.0067639) / 1.27055 = 0.22707.
        let r = wilson(6, 10);
        assert_eq!(r.expected, 0.6);
        assert!((r.low - 0.35164).abs() < 1e-4, "{r:?}");
        assert!((r.high - 0.80578).abs() < 1e-4, "{r:?}");
        let r = wilson(0, 5);
        assert_eq!((r.low, r.expected), (0.0, 0.0));
        assert!(r.high > 0.3 && r.high < 0.4, "{r:?}");
        let r = wilson(5, 5);
        assert_eq!((r.expected, r.high), (1.0, 1.0));
        assert_eq!(wilson(0, 0).high, 1.0);
        // A bigger sample, a narrower range.
        let (small, big) = (wilson(6, 10), wilson(600, 1000));
        assert!(big.high - big.low < small.high - small.low);
    }

    #[test]
    fn counts_add_up_and_give_the_rates() {
        let c = Counts {
            contacts: 10,
            matched: 6,
            emails: 4,
            phones: 3,
        } + Counts {
            contacts: 10,
            matched: 4,
            emails: 4,
            phones: 1,
        };
        assert_eq!(
            c,
            Counts {
                contacts: 20,
                matched: 10,
                emails: 8,
                phones: 4
            }
        );
        let a = c.assumptions();
        assert_eq!(
            (
                a.match_rate.expected,
                a.email_rate.expected,
                a.phone_rate.expected
            ),
            (0.5, 0.8, 0.4)
        );
    }
}

#[cfg(test)]
mod file_tests;
