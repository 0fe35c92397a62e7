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
    pub const ALL: [CycleLength; 2] = [CycleLength::Monthly, CycleLength::Annual];

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

/// Which comes first in a date written `03/04/2026`: the day or the month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// Day first: 03/04/2026 is 3 April (most of the world).
    Dmy,
    /// Month first: 03/04/2026 is 4 March (the US).
    Mdy,
}

impl DateOrder {
    pub const ALL: [DateOrder; 2] = [DateOrder::Dmy, DateOrder::Mdy];

    pub fn key(self) -> &'static str {
        match self {
            DateOrder::Dmy => "dmy",
            DateOrder::Mdy => "mdy",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DateOrder::Dmy => "day first (DD/MM/YYYY)",
            DateOrder::Mdy => "month first (MM/DD/YYYY)",
        }
    }
}

/// What a column of dates says about its order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OrderEvidence {
    /// No date written with `/` and a four-digit year: nothing to decide.
    NotNeeded,
    /// A day above 12 in one place settles it (the line of the first such date).
    Settled(DateOrder, usize),
    /// Every such date reads both ways (both parts 12 or less).
    Ambiguous,
    /// Both orders occur: the index of one date of each.
    Mixed { dmy: usize, mdy: usize },
}

/// The `a/b/yyyy` parts of a date (time after it ignored), when it is written so.
fn slash_parts(raw: &str) -> Option<(u32, u32, i32)> {
    let s = raw.trim();
    let date_part = s.split(['T', ' ']).next().unwrap_or(s);
    let parts: Vec<&str> = date_part.split('/').collect();
    if parts.len() == 3 && parts[2].len() == 4 && parts[0].len() <= 2 && parts[1].len() <= 2 {
        Some((
            parts[0].parse().ok()?,
            parts[1].parse().ok()?,
            parts[2].parse().ok()?,
        ))
    } else {
        None
    }
}

/// Decide the order of a column from all of its values: any date whose first part is a
/// day above 12 says day first, any whose second part is says month first.
pub fn column_date_order<'a>(values: impl Iterator<Item = &'a str>) -> OrderEvidence {
    let (mut dmy, mut mdy, mut any) = (None, None, false);
    for (i, v) in values.enumerate() {
        if let Some((a, b, _)) = slash_parts(v) {
            any = true;
            if a > 12 && b <= 12 && dmy.is_none() {
                dmy = Some(i);
            }
            if b > 12 && a <= 12 && mdy.is_none() {
                mdy = Some(i);
            }
        }
    }
    match (dmy, mdy) {
        (Some(d), Some(m)) => OrderEvidence::Mixed { dmy: d, mdy: m },
        (Some(d), None) => OrderEvidence::Settled(DateOrder::Dmy, d),
        (None, Some(m)) => OrderEvidence::Settled(DateOrder::Mdy, m),
        (None, None) if any => OrderEvidence::Ambiguous,
        _ => OrderEvidence::NotNeeded,
    }
}

/// Dates as exports write them: ISO (with or without a time), `YYYY/MM/DD`, `DD.MM.YYYY`,
/// and `D/M/YYYY` or `M/D/YYYY` in the given order.
pub fn parse_date_in(raw: &str, order: DateOrder) -> Option<NaiveDate> {
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
    let (a, b, y) = slash_parts(s)?;
    match order {
        DateOrder::Dmy => NaiveDate::from_ymd_opt(y, b, a),
        DateOrder::Mdy => NaiveDate::from_ymd_opt(y, a, b),
    }
}

/// [`parse_date_in`] with the order a single value settles (a part above 12), else month
/// first.
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    let order = match slash_parts(raw) {
        Some((a, _, _)) if a > 12 => DateOrder::Dmy,
        _ => DateOrder::Mdy,
    };
    parse_date_in(raw, order)
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
        assert_eq!(
            parse_date_in("03/04/2026", DateOrder::Dmy),
            Some(d("2026-04-03"))
        );
        assert_eq!(
            parse_date_in("03/04/2026 10:00", DateOrder::Mdy),
            Some(d("2026-03-04"))
        );
        assert_eq!(parse_date_in("25/11/2026", DateOrder::Mdy), None);
    }

    #[test]
    fn the_whole_column_decides_the_order() {
        let ev = |v: &[&str]| column_date_order(v.iter().copied());
        assert_eq!(ev(&["2026-11-02", ""]), OrderEvidence::NotNeeded);
        assert_eq!(ev(&["03/04/2026", "05/06/2026"]), OrderEvidence::Ambiguous);
        assert_eq!(
            ev(&["03/04/2026", "25/11/2026"]),
            OrderEvidence::Settled(DateOrder::Dmy, 1)
        );
        assert_eq!(
            ev(&["11/25/2026", "03/04/2026"]),
            OrderEvidence::Settled(DateOrder::Mdy, 0)
        );
        assert_eq!(
            ev(&["25/11/2026", "11/25/2026"]),
            OrderEvidence::Mixed { dmy: 0, mdy: 1 }
        );
    }

    /// A part of exactly 12 can still be a month, so it settles nothing: only a part above
    /// 12 is a day. A lone `12/05/2026` is read month first (the default), `13/05/2026` day
    /// first; in a column, 12 on either side leaves it ambiguous, 13 settles it.
    #[test]
    fn twelve_is_still_a_month() {
        assert_eq!(parse_date("12/05/2026"), Some(d("2026-12-05")));
        assert_eq!(parse_date("13/05/2026"), Some(d("2026-05-13")));
        let ev = |v: &[&str]| column_date_order(v.iter().copied());
        assert_eq!(ev(&["12/05/2026"]), OrderEvidence::Ambiguous);
        assert_eq!(ev(&["05/12/2026"]), OrderEvidence::Ambiguous);
        assert_eq!(
            ev(&["12/12/2026", "13/12/2026"]),
            OrderEvidence::Settled(DateOrder::Dmy, 1)
        );
        assert_eq!(
            ev(&["12/12/2026", "12/13/2026"]),
            OrderEvidence::Settled(DateOrder::Mdy, 1)
        );
    }

    /// Only `a/b/yyyy` (one or two digits, then two, then a four-digit year; a time after
    /// it ignored) is a date whose order needs deciding: two-digit years, three-digit
    /// parts and four parts are not, so a column of them needs nothing decided.
    #[test]
    fn only_day_month_year_with_four_digits_needs_an_order() {
        let ev = |v: &[&str]| column_date_order(v.iter().copied());
        for not_slashed in [
            "03/04/26",
            "003/04/2026",
            "03/004/2026",
            "1/2/3/2026",
            "03/2026",
        ] {
            assert_eq!(
                ev(&[not_slashed]),
                OrderEvidence::NotNeeded,
                "{not_slashed}"
            );
        }
        assert_eq!(ev(&["3/4/2026"]), OrderEvidence::Ambiguous);
        assert_eq!(
            ev(&["25/11/2026 10:00"]),
            OrderEvidence::Settled(DateOrder::Dmy, 0)
        );
        assert_eq!(
            ev(&["11/25/2026T10:00"]),
            OrderEvidence::Settled(DateOrder::Mdy, 0)
        );
    }

    /// The names the command line takes (cli.md `--cycle monthly|annual`; `--date-order dmy|mdy`)
    /// and the labels that say which part comes first.
    #[test]
    fn keys_are_the_command_lines_names() {
        assert_eq!(
            CycleLength::ALL.map(CycleLength::key),
            ["monthly", "annual"]
        );
        assert_eq!(DateOrder::ALL.map(DateOrder::key), ["dmy", "mdy"]);
        assert_eq!(DateOrder::Dmy.label(), "day first (DD/MM/YYYY)");
        assert_eq!(DateOrder::Mdy.label(), "month first (MM/DD/YYYY)");
    }
}
