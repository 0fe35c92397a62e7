//! Subscription tiers as data (`assets/tiers.toml`): the channels each allows (managers.md)
//! and its published API rate limits; the time an API run takes under the limits in force
//! (the connected account's, else the tier's), and warnings for a channel the tier does not
//! allow. Pure: no file, no network.

use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::RateLimits;
use crate::pricing::{Channel, Settings, StatusCounts};

const TIERS_TOML: &str = include_str!("../../assets/tiers.toml");

/// One tier of the shipped table.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    pub name: String,
    /// The account's `plan.category` words that mean this tier (lower case).
    pub categories: Vec<String>,
    pub api: bool,
    pub csv_enrichment: bool,
    pub csv_export: bool,
    pub bulk_show_cap: Option<u64>,
    pub per_minute: Option<u64>,
    pub per_hour: Option<u64>,
    pub per_day: Option<u64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    default_for_api: String,
    tier: Vec<Tier>,
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    toml::from_str(TIERS_TOML).expect("assets/tiers.toml is checked by the tests")
});

impl Tier {
    /// Every tier, cheapest first.
    pub fn all() -> &'static [Tier] {
        &TABLE.tier
    }

    /// A tier by its name, any case (`--tier pro`).
    pub fn by_name(name: &str) -> Option<Tier> {
        let n = name.trim();
        Self::all()
            .iter()
            .find(|t| t.name.eq_ignore_ascii_case(n))
            .cloned()
    }

    /// The tier an account's `plan.category` means, or None for a word not in the table.
    pub fn of_category(category: &str) -> Option<Tier> {
        let c = category.trim().to_ascii_lowercase();
        Self::all()
            .iter()
            .find(|t| t.categories.contains(&c))
            .cloned()
    }

    /// The tier whose limits time an API run when neither an account nor a tier is known.
    pub fn default_for_api() -> Tier {
        Self::by_name(&TABLE.default_for_api).expect("default_for_api names a tier (tested)")
    }

    pub fn limits(&self) -> Limits {
        Limits {
            per_minute: self.per_minute,
            per_hour: self.per_hour,
            per_day: self.per_day,
        }
    }
}

/// What an estimate knows of the plan it runs on: the tier (from `--tier` or the account's
/// category) and the account's own rate limits when connected.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlanTier {
    pub tier: Option<Tier>,
    /// The connected account's windows and when they were read.
    pub live: Option<(RateLimits, String)>,
}

/// Requests allowed per minute, hour and day (None: no such window).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Limits {
    pub per_minute: Option<u64>,
    pub per_hour: Option<u64>,
    pub per_day: Option<u64>,
}

impl Limits {
    pub fn of_account(r: &RateLimits) -> Limits {
        Limits {
            per_minute: r.minute.map(|w| w.limit),
            per_hour: r.hourly.map(|w| w.limit),
            per_day: r.daily.map(|w| w.limit),
        }
    }

    /// "50/min, 150/h, 1,500/day".
    pub fn text(&self) -> String {
        let parts: Vec<String> = [
            (self.per_minute, "min"),
            (self.per_hour, "h"),
            (self.per_day, "day"),
        ]
        .iter()
        .filter_map(|(v, unit)| v.map(|v| format!("{}/{unit}", crate::text::int(v))))
        .collect();
        if parts.is_empty() {
            "no limits given".into()
        } else {
            parts.join(", ")
        }
    }

    /// Minutes from the first request to the last, sending as fast as the windows allow
    /// and starting with every window fresh: whole days of the daily limit, then whole
    /// hours of the hourly one, then the minutes of the rest (the last minute counted
    /// whole). A window is never worth more than the smaller ones allow (50/min caps an
    /// hour at 3,000). None when a limit is 0 (never) or none is given (unknown).
    pub fn minutes_for(&self, requests: u64) -> Option<u64> {
        if requests == 0 {
            return Some(0);
        }
        if [self.per_minute, self.per_hour, self.per_day]
            .iter()
            .all(Option::is_none)
            || [self.per_minute, self.per_hour, self.per_day].contains(&Some(0))
        {
            return None;
        }
        let minute = self.per_minute.unwrap_or(u64::MAX);
        let hour = self
            .per_hour
            .unwrap_or(u64::MAX)
            .min(minute.saturating_mul(60));
        let day = self
            .per_day
            .unwrap_or(u64::MAX)
            .min(hour.saturating_mul(24));
        let mut rest = requests;
        let mut minutes = 0u64;
        for (cap, length) in [(day, 1440u64), (hour, 60)] {
            let full = (rest - 1) / cap;
            minutes += full * length;
            rest -= full * cap;
        }
        Some(minutes + rest.div_ceil(minute))
    }
}

/// API requests a run makes: one per billable contact (api-single), one per batch
/// (api-bulk); none on other channels.
pub fn requests(channel: Channel, billable: u64, batch: u32) -> u64 {
    match channel {
        Channel::ApiSingle => billable,
        Channel::ApiBulk => billable.div_ceil(batch.max(1) as u64),
        _ => 0,
    }
}

/// JSON `time_to_run` (cli.md, API channels only): the requests, the time in days (and
/// hours) under the limits, and which limits, in words.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimeToRun {
    pub requests: u64,
    /// None when a limit is 0 or no limit is known.
    #[serde(serialize_with = "clean_opt")]
    pub days: Option<f64>,
    pub limits: String,
    #[serde(serialize_with = "clean_opt")]
    pub hours: Option<f64>,
    pub per_minute: Option<u64>,
    pub per_hour: Option<u64>,
    pub per_day: Option<u64>,
    /// `account` (the connected account's windows), `tier` (--tier or the account's
    /// category, from the shipped table) or `default` (the shipped default tier).
    pub source: &'static str,
}

fn clean_opt<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.serialize_f64(crate::pricing::clean(*v)),
        None => s.serialize_none(),
    }
}

impl TimeToRun {
    /// "1 day 3 min", "5 h 10 min", "6 min".
    pub fn duration_text(&self) -> String {
        match self.days {
            None => "cannot be timed under these limits".into(),
            Some(d) => duration_words((d * 1440.0).round() as u64),
        }
    }
}

/// Minutes as days, hours and minutes in words.
pub fn duration_words(minutes: u64) -> String {
    if minutes == 0 {
        return "no time".into();
    }
    let (d, h, m) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
    let mut parts = Vec::new();
    if d > 0 {
        parts.push(crate::text::count(d, "day", "days"));
    }
    if h > 0 {
        parts.push(format!("{h} h"));
    }
    if m > 0 {
        parts.push(format!("{m} min"));
    }
    parts.join(" ")
}

/// The time to run of an API estimate (None on other channels) and warnings about it
/// (more requests than the account has left today).
pub fn time_to_run(
    plan: &PlanTier,
    settings: &Settings,
    billable: u64,
    book: &crate::pricebook::PriceBook,
) -> Option<(TimeToRun, Vec<String>)> {
    if !settings.channel.is_api() {
        return None;
    }
    let batch = crate::pricing::batch_size(settings, &book.prices);
    let n = requests(settings.channel, billable, batch);
    let mut warnings = Vec::new();
    let (limits, label, source) = match (&plan.live, &plan.tier) {
        (Some((live, as_of)), tier) => {
            let l = Limits::of_account(live);
            if let Some(d) = live.daily
                && n > d.remaining
            {
                let resets = d
                    .resets_at
                    .map(|r| format!(", resets {}", r.format("%Y-%m-%d %H:%M UTC")))
                    .unwrap_or_default();
                warnings.push(format!(
                    "the run needs {} API requests and the account has {} left in today's window (as of {as_of}{resets}): the time to run counts from fresh windows",
                    crate::text::int(n),
                    crate::text::int(d.remaining)
                ));
            }
            let who = tier
                .as_ref()
                .map(|t| format!(" ({})", t.name))
                .unwrap_or_default();
            (l, format!("the account's{who}: {}", l.text()), "account")
        }
        (None, Some(t)) => (
            t.limits(),
            format!("{} (shipped table): {}", t.name, t.limits().text()),
            "tier",
        ),
        (None, None) => {
            let t = Tier::default_for_api();
            (
                t.limits(),
                format!(
                    "{} (shipped table; --tier or --account for your plan's): {}",
                    t.name,
                    t.limits().text()
                ),
                "default",
            )
        }
    };
    let minutes = limits.minutes_for(n);
    if minutes.is_none() && n > 0 {
        warnings.push(format!(
            "the API limits in force ({}) allow no requests: the run cannot be timed",
            limits.text()
        ));
    }
    Some((
        TimeToRun {
            requests: n,
            days: minutes.map(|m| m as f64 / 1440.0),
            limits: label,
            hours: minutes.map(|m| m as f64 / 60.0),
            per_minute: limits.per_minute,
            per_hour: limits.per_hour,
            per_day: limits.per_day,
            source,
        },
        warnings,
    ))
}

/// Warnings for a channel (or a Workspace action) the tier does not allow, each naming the
/// cheapest tier that does (managers.md), and the bulk Show cap on the platform channels.
pub fn channel_warnings(tier: &Tier, s: &Settings, counts: &StatusCounts) -> Vec<String> {
    let cheapest = |allows: fn(&Tier) -> bool| {
        Tier::all()
            .iter()
            .find(|t| allows(t))
            .map(|t| format!("; the cheapest tier that allows it is {}", t.name))
            .unwrap_or_default()
    };
    let mut w = Vec::new();
    match s.channel {
        Channel::CsvEnrichment if !tier.csv_enrichment => w.push(format!(
            "CSV Enrichment is not on the {} tier{}",
            tier.name,
            cheapest(|t| t.csv_enrichment)
        )),
        Channel::ApiSingle | Channel::ApiBulk if !tier.api => w.push(format!(
            "API access is not on the {} tier{}",
            tier.name,
            cheapest(|t| t.api)
        )),
        Channel::Workspace if !tier.csv_export && !s.workspace.csv_exports.is_empty() => {
            w.push(format!(
                "CSV export is not on the {} tier{}",
                tier.name,
                cheapest(|t| t.csv_export)
            ))
        }
        Channel::Platform | Channel::Recommendations => {
            if let Some(cap) = tier.bulk_show_cap
                && counts.billable > cap
            {
                w.push(format!(
                    "on the {} tier a bulk Show reveals at most {} contacts per action: the {} billable contacts take {} Show actions",
                    tier.name,
                    crate::text::int(cap),
                    crate::text::int(counts.billable),
                    crate::text::int(counts.billable.div_ceil(cap))
                ));
            }
        }
        _ => {}
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_the_published_limits() {
        let names: Vec<&str> = Tier::all().iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["Free", "Starter", "Pro", "Premium", "Scale"]);
        let l = |n: &str| Tier::by_name(n).unwrap().limits();
        let lim = |m, h, d| Limits {
            per_minute: Some(m),
            per_hour: h,
            per_day: Some(d),
        };
        assert_eq!(l("free"), lim(40, None, 100));
        assert_eq!(l("Starter"), lim(40, None, 100));
        assert_eq!(l("PRO"), lim(50, Some(150), 1500));
        assert_eq!(l("premium"), lim(300, Some(1800), 18000));
        assert_eq!(l("scale"), lim(300, Some(5000), 50000));
        assert_eq!(Tier::of_category("professional").unwrap().name, "Pro");
        assert_eq!(Tier::of_category(" Free ").unwrap().name, "Free");
        assert!(Tier::of_category("enterprise-custom").is_none());
        assert_eq!(Tier::default_for_api().name, "Premium");
        assert!(!Tier::by_name("free").unwrap().api);
        assert!(Tier::all().iter().filter(|t| t.csv_enrichment).count() == 1);
    }

    /// managers.md, "Tiers", rule by rule: CSV enrichment and CSV export on Scale only, API
    /// access on every tier but Free, bulk Show capped at Free 25, Pro 50, Premium 150 and
    /// Scale 5,000 contacts per action.
    #[test]
    fn managers_md_tier_rules() {
        let t = |n: &str| Tier::by_name(n).unwrap();
        for tier in Tier::all() {
            let scale = tier.name == "Scale";
            assert_eq!(tier.csv_enrichment, scale, "{}: CSV enrichment", tier.name);
            assert_eq!(tier.csv_export, scale, "{}: CSV export", tier.name);
            assert_eq!(tier.api, tier.name != "Free", "{}: API", tier.name);
        }
        assert_eq!(t("free").bulk_show_cap, Some(25));
        assert_eq!(t("pro").bulk_show_cap, Some(50));
        assert_eq!(t("premium").bulk_show_cap, Some(150));
        assert_eq!(t("scale").bulk_show_cap, Some(5000));
        // Cheapest first: the cheapest tier that allows a channel is the first that does.
        let names: Vec<&str> = Tier::all().iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["Free", "Starter", "Pro", "Premium", "Scale"]);
    }

    /// A Workspace plan with a CSV export below Scale is warned with Scale as the answer;
    /// without an export it is not. A bulk Show of exactly the cap is one action and no
    /// warning; one more contact takes two actions (151 on Premium: ceil(151 / 150) = 2).
    #[test]
    fn workspace_exports_and_the_show_cap_at_its_edge() {
        let book = crate::pricebook::default_book();
        let mut s = Settings::defaults(&book);
        let premium = Tier::by_name("premium").unwrap();
        let counts = |billable| StatusCounts {
            billable,
            ..Default::default()
        };
        s.channel = Channel::Workspace;
        assert!(channel_warnings(&premium, &s, &counts(10)).is_empty());
        s.workspace.csv_exports = vec![crate::pricing::ExportRows::All];
        assert_eq!(
            channel_warnings(&premium, &s, &counts(10)),
            ["CSV export is not on the Premium tier; the cheapest tier that allows it is Scale"]
        );
        assert!(channel_warnings(&Tier::by_name("scale").unwrap(), &s, &counts(10)).is_empty());
        s.channel = Channel::Recommendations;
        assert!(channel_warnings(&premium, &s, &counts(150)).is_empty());
        assert_eq!(
            channel_warnings(&premium, &s, &counts(151)),
            [
                "on the Premium tier a bulk Show reveals at most 150 contacts per action: the 151 billable contacts take 2 Show actions"
            ]
        );
        // Starter has no published cap: no warning however many.
        assert!(channel_warnings(&Tier::by_name("starter").unwrap(), &s, &counts(9999)).is_empty());
    }

    #[test]
    fn minutes_under_each_window_worked_by_hand() {
        let pro = Tier::by_name("pro").unwrap().limits();
        // 1,632 requests on Pro: 1,500 on day one (10 hours at 150/h), then 132 the next
        // day: 2 full minutes of 50 and a third.
        assert_eq!(pro.minutes_for(1632), Some(1440 + 3));
        // 150 fit one hour: 3 minutes at 50/min.
        assert_eq!(pro.minutes_for(150), Some(3));
        // 151: the hour is used up, the 151st goes in the next hour.
        assert_eq!(pro.minutes_for(151), Some(61));
        assert_eq!(pro.minutes_for(1), Some(1));
        assert_eq!(pro.minutes_for(0), Some(0));
        let premium = Tier::by_name("premium").unwrap().limits();
        assert_eq!(premium.minutes_for(1632), Some(6));
        assert_eq!(premium.minutes_for(18_001), Some(1441));
        // Free: no hourly window; 40/min and 100/day.
        let free = Tier::by_name("free").unwrap().limits();
        assert_eq!(free.minutes_for(100), Some(3));
        assert_eq!(free.minutes_for(250), Some(2 * 1440 + 2));
        // A minute window smaller than the hour's: 10/min caps an hour at 600.
        let tight = Limits {
            per_minute: Some(10),
            per_hour: Some(5000),
            per_day: None,
        };
        assert_eq!(tight.minutes_for(601), Some(61));
        assert_eq!(Limits::default().minutes_for(5), None);
        let none = Limits {
            per_day: Some(0),
            ..pro
        };
        assert_eq!(none.minutes_for(5), None);
        assert_eq!(duration_words(1443), "1 day 3 min");
        assert_eq!(duration_words(2 * 1440 + 61), "2 days 1 h 1 min");
        assert_eq!(duration_words(6), "6 min");
    }

    #[test]
    fn requests_per_channel() {
        assert_eq!(requests(Channel::ApiSingle, 1632, 100), 1632);
        assert_eq!(requests(Channel::ApiBulk, 1632, 100), 17);
        assert_eq!(requests(Channel::ApiBulk, 1600, 100), 16);
        assert_eq!(requests(Channel::ApiBulk, 0, 100), 0);
        assert_eq!(requests(Channel::CsvEnrichment, 1632, 100), 0);
    }

    #[test]
    fn channel_warnings_name_the_cheapest_tier_that_allows_it() {
        let book = crate::pricebook::default_book();
        let mut s = Settings::defaults(&book);
        let counts = StatusCounts {
            billable: 120,
            ..Default::default()
        };
        let pro = Tier::by_name("pro").unwrap();
        let w = channel_warnings(&pro, &s, &counts);
        assert_eq!(
            w,
            ["CSV Enrichment is not on the Pro tier; the cheapest tier that allows it is Scale"]
        );
        assert!(channel_warnings(&Tier::by_name("scale").unwrap(), &s, &counts).is_empty());
        s.channel = Channel::ApiBulk;
        assert!(channel_warnings(&pro, &s, &counts).is_empty());
        let w = channel_warnings(&Tier::by_name("free").unwrap(), &s, &counts);
        assert_eq!(
            w,
            ["API access is not on the Free tier; the cheapest tier that allows it is Starter"]
        );
        s.channel = Channel::Platform;
        let w = channel_warnings(&pro, &s, &counts);
        assert_eq!(
            w,
            [
                "on the Pro tier a bulk Show reveals at most 50 contacts per action: the 120 billable contacts take 3 Show actions"
            ]
        );
    }
}
