//! The billing cycle (pricing.md §2): which reveal-log dates still count as "this cycle".

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CycleLength {
    #[default]
    Monthly,
    Annual,
}

impl CycleLength {
    pub fn key(self) -> &'static str {
        match self {
            CycleLength::Monthly => "monthly",
            CycleLength::Annual => "annual",
        }
    }

    fn months(self) -> u32 {
        match self {
            CycleLength::Monthly => 1,
            CycleLength::Annual => 12,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cycle {
    /// The next renewal date R; None means every dated entry counts.
    pub renewal: Option<NaiveDate>,
    pub length: CycleLength,
}

impl Cycle {
    /// R minus one cycle, clamped to the month's last day (2027-03-31 → 2027-02-28).
    pub fn start(&self) -> Option<NaiveDate> {
        self.renewal
            .and_then(|r| r.checked_sub_months(Months::new(self.length.months())))
    }

    /// Whether a log entry's date falls in the cycle; undated entries count (and the
    /// caller reports that it assumed so).
    pub fn contains(&self, date: Option<NaiveDate>) -> bool {
        match (date, self.renewal, self.start()) {
            (Some(d), Some(r), Some(s)) => s <= d && d < r,
            _ => true,
        }
    }
}

/// Dates as exports write them: ISO (with or without a time), `YYYY/MM/DD`, `DD.MM.YYYY`,
/// and `M/D/YYYY` or `D/M/YYYY` when the day makes it unambiguous (else US order).
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    let date_part = s.split(['T', ' ']).next().unwrap_or(s);
    for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%Y.%m.%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(date_part, fmt) {
            return Some(d);
        }
    }
    let parts: Vec<&str> = date_part.split('/').collect();
    if parts.len() == 3 && parts[2].len() == 4 {
        let a: u32 = parts[0].parse().ok()?;
        let b: u32 = parts[1].parse().ok()?;
        let y: i32 = parts[2].parse().ok()?;
        return if a > 12 {
            NaiveDate::from_ymd_opt(y, b, a)
        } else {
            NaiveDate::from_ymd_opt(y, a, b)
        };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn monthly_start_clamps_to_month_end() {
        let c = Cycle {
            renewal: Some(d("2027-03-31")),
            length: CycleLength::Monthly,
        };
        assert_eq!(c.start(), Some(d("2027-02-28")));
    }

    #[test]
    fn annual_is_twelve_months() {
        let c = Cycle {
            renewal: Some(d("2028-02-29")),
            length: CycleLength::Annual,
        };
        assert_eq!(c.start(), Some(d("2027-02-28")));
    }

    #[test]
    fn cycle_resets_on_the_renewal_date() {
        let c = Cycle {
            renewal: Some(d("2026-12-15")),
            length: CycleLength::Monthly,
        };
        assert!(c.contains(Some(d("2026-11-15"))), "start is included");
        assert!(
            c.contains(Some(d("2026-12-14"))),
            "the day before R is included"
        );
        assert!(
            !c.contains(Some(d("2026-12-15"))),
            "R itself starts a new cycle"
        );
        assert!(!c.contains(Some(d("2026-11-14"))), "before the start");
        assert!(c.contains(None), "undated entries are assumed in the cycle");
        let open = Cycle::default();
        assert!(open.contains(Some(d("2001-01-01"))));
    }

    #[test]
    fn date_formats() {
        assert_eq!(parse_date("2026-11-02"), Some(d("2026-11-02")));
        assert_eq!(parse_date("2026-11-02T10:00:00Z"), Some(d("2026-11-02")));
        assert_eq!(parse_date("2026-11-02 09:12"), Some(d("2026-11-02")));
        assert_eq!(parse_date("02.11.2026"), Some(d("2026-11-02")));
        assert_eq!(parse_date("11/2/2026"), Some(d("2026-11-02")));
        assert_eq!(parse_date("25/11/2026"), Some(d("2026-11-25")));
        assert_eq!(parse_date("yesterday"), None);
    }
}
