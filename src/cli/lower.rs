//! Flags turned once into validated settings (cli.md): rates, reveals, Workspace actions,
//! the cycle and the mapping overrides; a bad value is an argument error (exit 2).

use super::args::*;
use crate::cycle::Cycle;
use crate::error::{Error, Result};
use crate::input::reader::{ReadOptions, parse_delimiter};
use crate::input::roles::Role;
use crate::pricebook::{self, PriceBook, RateRange};
use crate::pricing::{
    AiDataColumn, ApiExtras, Assumptions, Channel, ExportRows, Selection, Settings, SignalsColumn,
    WorkspaceActions,
};

pub(super) fn setting(msg: impl std::fmt::Display) -> Error {
    Error::Setting(msg.to_string())
}

pub(super) fn parse_range(flag: &str, s: &str) -> Result<(f64, f64)> {
    let (a, b) = s
        .split_once(':')
        .ok_or_else(|| setting(format!("{flag} {s}: give LOW:HIGH, e.g. 0.5:0.8")))?;
    let p = |v: &str| {
        v.trim()
            .parse::<f64>()
            .map_err(|_| setting(format!("{flag} {s}: `{v}` is not a number")))
    };
    Ok((p(a)?, p(b)?))
}

/// cli.md: a rate alone has low = high = rate; a range alone takes the book's rate clamped
/// into it; neither: the book's defaults. A rate outside its range is an error.
pub(super) fn rate(
    name: &str,
    rate: Option<f64>,
    range: Option<&str>,
    default: RateRange,
) -> Result<RateRange> {
    let range = range
        .map(|r| parse_range(&format!("--{name}-range"), r))
        .transpose()?;
    RateRange::resolve(&format!("--{name}-rate"), rate, range, default).map_err(setting)
}

/// `--reveal`: `email`, `phone`, `email,phone`; `none` (or empty) reveals nothing.
pub(super) fn parse_reveal(text: &str) -> Result<Selection> {
    let mut selection = Selection {
        email: false,
        phone: false,
    };
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part {
            "email" => selection.email = true,
            "phone" => selection.phone = true,
            "none" => {}
            other => {
                return Err(setting(format!(
                    "--reveal {text}: unknown data point `{other}` (use email, phone, email,phone or none)"
                )));
            }
        }
    }
    Ok(selection)
}

/// `NAME@RATE` → the name and the exact rate, or the name alone (`default`).
pub(super) fn named_rate(flag: &str, arg: &str, default: RateRange) -> Result<(String, RateRange)> {
    let (name, rate) = match arg.rsplit_once('@') {
        Some((name, rate)) => {
            let r = rate.trim().parse::<f64>().map_err(|_| {
                setting(format!(
                    "{flag} {arg}: `{rate}` is not a rate between 0 and 1 (give NAME or NAME@RATE)"
                ))
            })?;
            (name, RateRange::exact(r))
        }
        None => (arg, default),
    };
    let name = name.trim();
    if name.is_empty() {
        return Err(setting(format!("{flag} {arg}: give the column's name")));
    }
    rate.validate(&format!("{flag} {arg}")).map_err(setting)?;
    Ok((name.to_string(), rate))
}

/// The Workspace options of a list on the workspace channel (workspace.md).
pub(super) fn workspace_actions(a: &EstimateArgs, book: &PriceBook) -> Result<WorkspaceActions> {
    let ai_data = a
        .ai_data
        .iter()
        .map(|s| {
            named_rate("--ai-data", s, RateRange::exact(1.0))
                .map(|(name, fill)| AiDataColumn { name, fill })
        })
        .collect::<Result<Vec<_>>>()?;
    let signals = a
        .signal
        .iter()
        .map(|s| {
            named_rate("--signal", s, book.assumptions.signal_hit_rate)
                .map(|(name, hit)| SignalsColumn { name, hit })
        })
        .collect::<Result<Vec<_>>>()?;
    let csv_exports = a
        .csv_export
        .iter()
        .map(|s| {
            let t = s.trim();
            if t.eq_ignore_ascii_case("all") {
                Ok(ExportRows::All)
            } else {
                t.parse::<u64>().map(ExportRows::Rows).map_err(|_| {
                    setting(format!(
                        "--csv-export {s}: give the rows in the export (0 or more) or `all`"
                    ))
                })
            }
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(WorkspaceActions {
        ai_data,
        signals,
        csv_exports,
        crm_exports: a.crm_exports.unwrap_or(0),
        ai_chat_prompts: a.ai_chat_prompts.unwrap_or(0),
        lusha_columns: Vec::new(),
        crm_columns: Vec::new(),
    })
}

pub(super) fn parse_date_arg(flag: &str, s: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| setting(format!("{flag} {s}: give a date as YYYY-MM-DD")))
}

pub(super) fn parse_maps(flag: &str, maps: &[String]) -> Result<Vec<(Role, String)>> {
    maps.iter()
        .map(|m| {
            let (role, col) = m
                .split_once('=')
                .ok_or_else(|| setting(format!("{flag} {m}: give ROLE=COLUMN")))?;
            let role = Role::from_key(role.trim()).ok_or_else(|| {
                let keys: Vec<&str> = Role::ALL.iter().map(|r| r.key()).collect();
                setting(format!(
                    "{flag} {m}: unknown role `{role}`; roles: {}",
                    keys.join(", ")
                ))
            })?;
            Ok((role, col.to_string()))
        })
        .collect()
}

/// `estimate`'s flags, validated.
pub(super) struct EstimatePlan {
    pub(super) book: PriceBook,
    pub(super) settings: Settings,
    pub(super) read: ReadOptions,
    /// How to read the reveal log (its own delimiter, encoding, sheet, date order).
    pub(super) log_read: ReadOptions,
    pub(super) overrides: Vec<(Role, String)>,
    pub(super) log_overrides: Vec<(Role, String)>,
    pub(super) cycle: Cycle,
    pub(super) today: chrono::NaiveDate,
    pub(super) budget: Option<f64>,
}

/// `estimate`'s flags, validated; `live` is the account read for `--account` or
/// `--pricebook account` (see `super::account::live_account`).
pub(super) fn validate(
    a: &EstimateArgs,
    live: Option<&crate::account::Snapshot>,
) -> Result<EstimatePlan> {
    let book = super::account::book_of(a.pricebook.as_deref(), live)?
        .unwrap_or_else(pricebook::default_book);
    let channel: Channel = a.channel.unwrap_or(Channel::CsvEnrichment);
    let workspace = workspace_actions(a, &book)?;
    let selection = parse_reveal(a.reveal.as_deref().unwrap_or("email,phone"))?;
    if !selection.email && !selection.phone {
        if channel != Channel::Workspace {
            return Err(setting(
                "--reveal: choose email, phone or both (nothing to reveal is for the workspace channel, with a paid Workspace action)",
            ));
        }
        if !workspace.has_paid() {
            return Err(setting(
                "--reveal none: nothing would be priced; add a Workspace action (--ai-data, --signal, --csv-export, --crm-exports, --ai-chat-prompts) or reveal email or phone",
            ));
        }
    }
    let calibrated = if a.assumptions.is_empty() {
        None
    } else {
        let mut c = crate::calibrate::Counts::default();
        for f in &a.assumptions {
            c = c + crate::calibrate::SavedAssumptions::load(f)?;
        }
        Some(c.assumptions())
    };
    let from_book = crate::pricing::Assumptions::from_book(&book);
    let d = calibrated.as_ref().unwrap_or(&from_book);
    let assumptions = Assumptions {
        match_rate: rate(
            "match",
            a.match_rate,
            a.match_range.as_deref(),
            d.match_rate,
        )?,
        email_rate: rate(
            "email",
            a.email_rate,
            a.email_range.as_deref(),
            d.email_rate,
        )?,
        phone_rate: rate(
            "phone",
            a.phone_rate,
            a.phone_range.as_deref(),
            d.phone_rate,
        )?,
    };
    let max = book.prices.api_bulk_max_batch;
    if let Some(b) = a.batch_size
        && !(1..=max).contains(&b)
    {
        return Err(setting(format!("--batch-size {b}: must be 1..={max}")));
    }
    if let Some(b) = a.budget
        && !(b.is_finite() && b >= 0.0)
    {
        return Err(setting(format!(
            "--budget {b}: give the remaining credits, 0 or more"
        )));
    }
    let settings = Settings {
        channel,
        selection,
        only_missing: a.only_missing,
        assumptions,
        batch_size: a.batch_size,
        extras: ApiExtras {
            company: a.company,
            company_signals: a.company_signals,
            contact_signals: a.contact_signals,
        },
        workspace,
        priority: a.priority.clone(),
    };
    let read = ReadOptions {
        delimiter: a
            .delimiter
            .as_deref()
            .map(parse_delimiter)
            .transpose()
            .map_err(setting)?,
        encoding: a.encoding.clone(),
        sheet: a.sheet.clone(),
        date_order: None,
    };
    let log_read = log_read_of(a)?;
    let cycle = cycle_of(a)?;
    let today = today_of(a)?;
    Ok(EstimatePlan {
        book,
        settings,
        read,
        log_read,
        overrides: parse_maps("--map", &a.map)?,
        log_overrides: parse_maps("--log-map", &a.log_map)?,
        cycle,
        today,
        budget: a.budget,
    })
}

/// How to read the reveal log: its own delimiter, encoding, sheet and date order.
pub(super) fn log_read_of(a: &EstimateArgs) -> Result<ReadOptions> {
    let log_read = ReadOptions {
        delimiter: a
            .log_delimiter
            .as_deref()
            .map(|d| parse_delimiter(d).map_err(|m| format!("--log-delimiter: {m}")))
            .transpose()
            .map_err(setting)?,
        encoding: a.log_encoding.clone(),
        sheet: a.log_sheet.clone(),
        date_order: a.date_order,
    };
    if a.revealed.is_none() && (log_read != ReadOptions::default() || !a.log_map.is_empty()) {
        return Err(setting(
            "--log-map, --log-delimiter, --log-encoding, --log-sheet and --date-order describe the reveal log: give it with --revealed LOG.csv",
        ));
    }
    Ok(log_read)
}

/// Flags that describe a list and have no meaning for a spec (its tables carry their own).
pub(super) fn list_only_flags(a: &EstimateArgs) -> Vec<&'static str> {
    let given = [
        (
            "--channel",
            a.channel.is_some_and(|c| c != Channel::Workspace),
        ),
        ("--reveal", a.reveal.is_some()),
        ("--match-rate", a.match_rate.is_some()),
        ("--email-rate", a.email_rate.is_some()),
        ("--phone-rate", a.phone_rate.is_some()),
        ("--match-range", a.match_range.is_some()),
        ("--email-range", a.email_range.is_some()),
        ("--phone-range", a.phone_range.is_some()),
        ("--batch-size", a.batch_size.is_some()),
        ("--company", a.company),
        ("--company-signals", a.company_signals),
        ("--contact-signals", a.contact_signals),
        ("--only-missing", a.only_missing),
        ("--map", !a.map.is_empty()),
        ("--delimiter", a.delimiter.is_some()),
        ("--encoding", a.encoding.is_some()),
        ("--sheet", a.sheet.is_some()),
        ("--rows-out", a.rows_out.is_some()),
        ("--trimmed-out", a.trimmed_out.is_some()),
        ("--priority", a.priority.is_some()),
        ("--group-by", a.group_by.is_some()),
        ("--ai-data", !a.ai_data.is_empty()),
        ("--signal", !a.signal.is_empty()),
        ("--csv-export", !a.csv_export.is_empty()),
        ("--crm-exports", a.crm_exports.is_some()),
        ("--ai-chat-prompts", a.ai_chat_prompts.is_some()),
    ];
    given.iter().filter(|(_, g)| *g).map(|(f, _)| *f).collect()
}

pub(super) fn cycle_of(a: &EstimateArgs) -> Result<Cycle> {
    Ok(Cycle {
        renewal: a
            .renewal_date
            .as_deref()
            .map(|s| parse_date_arg("--renewal-date", s))
            .transpose()?,
        length: a.cycle.unwrap_or_default(),
    })
}

pub(super) fn today_of(a: &EstimateArgs) -> Result<chrono::NaiveDate> {
    match &a.today {
        Some(s) => parse_date_arg("--today", s),
        None => Ok(chrono::Local::now().date_naive()),
    }
}
