//! The command line (cli.md): raw flags are turned once into validated settings, then the
//! same engine as the window runs. Exit codes: 0 success, 2 bad arguments, 3 bad input.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::cycle::{Cycle, CycleLength};
use crate::engine::{self, AnalysisInput};
use crate::error::{Error, Result};
use crate::input::reader::{ReadOptions, parse_delimiter};
use crate::input::roles::{Mapping, Role};
use crate::pricebook::{self, PriceBook, RateRange};
use crate::pricing::{
    AiDataColumn, ApiExtras, Assumptions, Channel, ExportRows, Selection, Settings, SignalsColumn,
    WorkspaceActions,
};
use crate::progress::Progress;
use crate::report;

#[derive(Parser, Debug)]
#[command(
    name = "enrichplan",
    version,
    about = "Plan what enriching a contact list with Lusha will cost, before a credit is spent.",
    long_about = "With no command, with FILE… (a contact list, a workbook, a saved plan or a Workspace spec) or with `open FILE…` the desktop window opens. The commands below never open a window.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Open the window on these files (as `open FILE…` does; what a file manager runs).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Open the desktop window (on FILE, if given).
    Open { files: Vec<PathBuf> },
    /// Estimate the credits a contact list (or a Workspace spec) will cost.
    Estimate(Box<EstimateArgs>),
    /// Compare saved plans side by side.
    Compare {
        #[arg(required = true, num_args = 1..)]
        plans: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Measure the match, email and phone rates on a past enrichment: the list as it was
    /// uploaded and what came back (pairs of files; several pairs add up).
    Calibrate {
        /// UPLOADED RESULT [UPLOADED RESULT …]
        #[arg(required = true, num_args = 2.., value_name = "UPLOADED RESULT")]
        files: Vec<PathBuf>,
        /// Write the rates (and their sample) for `estimate --assumptions`.
        #[arg(long = "save-assumptions", value_name = "FILE.toml")]
        save_assumptions: Option<PathBuf>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Set a plan beside what was really spent: the vendor's Usage Report, summed by kind
    /// over the plan's billing cycle (or --from/--to).
    Reconcile {
        /// The Usage Report CSV (Analytics → Usage report).
        usage: PathBuf,
        #[arg(long, value_name = "PLAN.json")]
        plan: PathBuf,
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// List the shipped price books.
    Pricebooks {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Print a shell completion script (e.g. `enrichplan completions bash > ~/.local/share/bash-completion/completions/enrichplan`).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write the manual pages (roff) into DIR, generated from these definitions (for packagers).
    #[command(hide = true)]
    Manpages { dir: PathBuf },
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

/// The engine's own enums as flag values, by their keys (no mirror enum to keep in step).
macro_rules! value_enum_by_key {
    ($($t:ty),+) => {$(
        impl ValueEnum for $t {
            fn value_variants<'a>() -> &'a [Self] {
                &<$t>::ALL
            }
            fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
                Some(clap::builder::PossibleValue::new(self.key()))
            }
        }
    )+};
}

value_enum_by_key!(Channel, CycleLength, crate::cycle::DateOrder);

#[derive(Args, Debug)]
pub struct EstimateArgs {
    /// The contact list (CSV or a workbook).
    #[arg(required_unless_present_any = ["plan", "spec"], conflicts_with_all = ["plan", "spec"])]
    pub input: Option<PathBuf>,
    /// A Workspace table spec (TOML): tables, their rows or contact lists, the paid actions.
    #[arg(long, value_name = "FILE.toml", conflicts_with = "plan")]
    pub spec: Option<PathBuf>,
    /// Re-run a saved plan (its list, mapping, settings and price book).
    #[arg(long, value_name = "PLAN.json")]
    pub plan: Option<PathBuf>,
    /// Save this plan (list fingerprint, mapping, settings, prices, result; no contact data).
    #[arg(long, value_name = "FILE.json")]
    pub save_plan: Option<PathBuf>,
    /// The plan's name (default: the list's file name).
    #[arg(long)]
    pub name: Option<String>,
    /// Price of one credit, for money figures in plans and reports.
    #[arg(long, value_name = "X")]
    pub price_per_credit: Option<f64>,
    #[arg(long, value_name = "CODE")]
    pub currency: Option<String>,
    /// The channel (default csv-enrichment).
    #[arg(long, value_enum)]
    pub channel: Option<Channel>,
    /// Data points requested: email,phone (default), email, phone, or none (Workspace only).
    #[arg(long)]
    pub reveal: Option<String>,
    #[arg(long, value_name = "X")]
    pub match_rate: Option<f64>,
    #[arg(long, value_name = "X")]
    pub email_rate: Option<f64>,
    #[arg(long, value_name = "X")]
    pub phone_rate: Option<f64>,
    #[arg(long, value_name = "LOW:HIGH")]
    pub match_range: Option<String>,
    #[arg(long, value_name = "LOW:HIGH")]
    pub email_range: Option<String>,
    #[arg(long, value_name = "LOW:HIGH")]
    pub phone_range: Option<String>,
    /// api-bulk batch size, 1..=100.
    #[arg(long, value_name = "N")]
    pub batch_size: Option<u32>,
    /// API extra: company info per unique company.
    #[arg(long)]
    pub company: bool,
    #[arg(long)]
    pub company_signals: bool,
    #[arg(long)]
    pub contact_signals: bool,
    /// Request only what the file lacks.
    #[arg(long)]
    pub only_missing: bool,
    /// Reveal log: contacts already revealed (e.g. the vendor's contact export).
    #[arg(long, value_name = "LOG.csv")]
    pub revealed: Option<PathBuf>,
    /// Override a detected role of the reveal log's columns (ROLE=COLUMN).
    #[arg(long = "log-map", value_name = "ROLE=COLUMN")]
    pub log_map: Vec<String>,
    /// The reveal log's delimiter (default: sniffed).
    #[arg(long = "log-delimiter", value_name = "C")]
    pub log_delimiter: Option<String>,
    /// The reveal log's encoding (default: detected).
    #[arg(long = "log-encoding", value_name = "NAME")]
    pub log_encoding: Option<String>,
    /// The reveal log's sheet, when it is a workbook (default: the first).
    #[arg(long = "log-sheet", value_name = "NAME")]
    pub log_sheet: Option<String>,
    /// How the reveal log's dates like 03/04/2026 read: dmy (day first) or mdy (month
    /// first). Default: decided by the column (a day above 12 settles it); asked for when
    /// every date reads both ways.
    #[arg(long = "date-order", value_enum)]
    pub date_order: Option<crate::cycle::DateOrder>,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub renewal_date: Option<String>,
    #[arg(long, value_enum, default_value_t = CycleLength::Monthly)]
    pub cycle: CycleLength,
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// Remaining credits.
    #[arg(long, value_name = "N")]
    pub budget: Option<f64>,
    /// Rates measured by `enrichplan calibrate --save-assumptions` (repeatable: the samples
    /// add up); explicit rate flags still win.
    #[arg(long = "assumptions", value_name = "FILE.toml")]
    pub assumptions: Vec<PathBuf>,
    /// The estimate per value of this column as well as in total (JSON `groups`).
    #[arg(long = "group-by", value_name = "COLUMN")]
    pub group_by: Option<String>,
    /// Fit-to-budget keeps the contacts with the highest values of this column first (file
    /// order breaks ties; cells that are not numbers come last).
    #[arg(long, value_name = "COLUMN")]
    pub priority: Option<String>,
    /// Override a detected role (ROLE=COLUMN, repeatable).
    #[arg(long = "map", value_name = "ROLE=COLUMN")]
    pub map: Vec<String>,
    /// Read the column mapping from a file (headers only; the form --save-mapping writes
    /// and the window remembers); --map still overrides it.
    #[arg(long = "mapping", value_name = "FILE.toml")]
    pub mapping: Option<PathBuf>,
    /// Write the mapping in force to a file, for --mapping on the next list of this kind.
    #[arg(long = "save-mapping", value_name = "FILE.toml")]
    pub save_mapping: Option<PathBuf>,
    #[arg(long, value_name = "C")]
    pub delimiter: Option<String>,
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// The sheet of an Excel or OpenDocument workbook (default: the first).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// A shipped price book id or a FILE.toml (default: the newest shipped).
    #[arg(long, value_name = "ID|FILE.toml")]
    pub pricebook: Option<String>,
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write the report here: .md (Markdown), .csv (breakdown), .json (as --format json) or .txt.
    #[arg(long, value_name = "FILE")]
    pub report_out: Option<PathBuf>,
    /// Write the per-row report here.
    #[arg(long, value_name = "FILE.csv")]
    pub rows_out: Option<PathBuf>,
    /// Write the billable rows (cut to --budget) here.
    #[arg(long, value_name = "FILE.csv")]
    pub trimmed_out: Option<PathBuf>,
    /// Workspace: an AI Data column, with its fill rate (default 1), repeatable.
    #[arg(long = "ai-data", value_name = "NAME[@FILL]")]
    pub ai_data: Vec<String>,
    /// Workspace: a Signals column, with its hit rate (default: the price book's), repeatable.
    #[arg(long = "signal", value_name = "NAME[@HIT]")]
    pub signal: Vec<String>,
    /// Workspace: a CSV export of ROWS rows, or `all` for the whole table; repeatable.
    #[arg(long = "csv-export", value_name = "ROWS|all")]
    pub csv_export: Vec<String>,
    /// Workspace: planned pushes to a CRM.
    #[arg(long, value_name = "N")]
    pub crm_exports: Option<u64>,
    /// Workspace: AI chat prompts planned this cycle.
    #[arg(long, value_name = "N")]
    pub ai_chat_prompts: Option<u64>,
}

fn setting(msg: impl Into<String>) -> Error {
    Error::Setting(msg.into())
}

fn parse_range(flag: &str, s: &str) -> Result<(f64, f64)> {
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
fn rate(
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
fn parse_reveal(text: &str) -> Result<Selection> {
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
fn named_rate(flag: &str, arg: &str, default: RateRange) -> Result<(String, RateRange)> {
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
fn workspace_actions(a: &EstimateArgs, book: &PriceBook) -> Result<WorkspaceActions> {
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

fn parse_date_arg(flag: &str, s: &str) -> Result<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| setting(format!("{flag} {s}: give a date as YYYY-MM-DD")))
}

fn parse_maps(flag: &str, maps: &[String]) -> Result<Vec<(Role, String)>> {
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
struct EstimatePlan {
    book: PriceBook,
    settings: Settings,
    read: ReadOptions,
    /// How to read the reveal log (its own delimiter, encoding, sheet, date order).
    log_read: ReadOptions,
    overrides: Vec<(Role, String)>,
    log_overrides: Vec<(Role, String)>,
    cycle: Cycle,
    today: chrono::NaiveDate,
    budget: Option<f64>,
}

fn validate(a: &EstimateArgs) -> Result<EstimatePlan> {
    let book = match &a.pricebook {
        Some(p) => pricebook::resolve(p)?,
        None => pricebook::default_book(),
    };
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

/// What to estimate, from flags or from a saved plan.
struct Job {
    input: PathBuf,
    read: ReadOptions,
    /// An explicit mapping (from a plan), else detect and apply `overrides`.
    mapping: Option<Mapping>,
    /// A mapping file (`--mapping`), used instead of detection; `overrides` still apply.
    mapping_file: Option<(PathBuf, crate::input::mapping_file::SavedMapping)>,
    overrides: Vec<(Role, String)>,
    log: Option<(PathBuf, ReadOptions, Option<Mapping>)>,
    log_overrides: Vec<(Role, String)>,
    settings: Settings,
    book: PriceBook,
    cycle: Cycle,
    today: chrono::NaiveDate,
    budget: Option<f64>,
    money: crate::plan::Money,
    name: String,
    notes: String,
    created: Option<chrono::DateTime<chrono::Utc>>,
    warnings: Vec<String>,
}

/// How to read the reveal log: its own delimiter, encoding, sheet and date order.
fn log_read_of(a: &EstimateArgs) -> Result<ReadOptions> {
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

fn job_from_args(a: &EstimateArgs, input: &Path) -> Result<Job> {
    let plan = validate(a)?;
    Ok(Job {
        input: input.to_path_buf(),
        read: plan.read,
        mapping: None,
        mapping_file: match &a.mapping {
            Some(p) => Some((
                p.clone(),
                crate::input::mapping_file::SavedMapping::read(p)?,
            )),
            None => None,
        },
        overrides: plan.overrides,
        log: a.revealed.clone().map(|p| (p, plan.log_read, None)),
        log_overrides: plan.log_overrides,
        settings: plan.settings,
        book: plan.book,
        cycle: plan.cycle,
        today: plan.today,
        budget: plan.budget,
        money: crate::plan::Money {
            price_per_credit: a.price_per_credit,
            currency: a.currency.clone(),
        },
        name: a.name.clone().unwrap_or_else(|| {
            input
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "plan".into())
        }),
        notes: String::new(),
        created: None,
        warnings: Vec::new(),
    })
}

fn job_from_plan(a: &EstimateArgs, path: &Path, p: crate::plan::Plan) -> Result<Job> {
    if a.mapping.is_some() {
        return Err(setting(
            "--mapping: a plan keeps its own column mapping; give the list instead of --plan to map it from a file",
        ));
    }
    let src = p.source.as_ref().ok_or_else(|| {
        Error::input(
            path,
            None,
            "the plan has no contact list (a Workspace-only plan)",
        )
    })?;
    let input = crate::plan::Plan::resolve(path, &src.file.path);
    let mut warnings = Vec::new();
    match crate::plan::Plan::source_state(path, src) {
        crate::plan::SourceState::Missing => {
            let saved = saved_result_text(&p);
            return Err(Error::input(
                path,
                None,
                format!(
                    "the plan's contact list {} is missing: it was moved or deleted{saved}; put it back or save the plan again with the new file",
                    input.display()
                ),
            ));
        }
        crate::plan::SourceState::Changed => warnings.push(format!(
            "the contact list {} changed since the plan was saved; the numbers are for the file as it is now",
            input.display()
        )),
        crate::plan::SourceState::Same => {}
    }
    let (book, note) = p.book();
    warnings.extend(note);
    let today = today_of(a)?;
    let log = match &p.reveal_log {
        Some(l) => {
            let lp = crate::plan::Plan::resolve(path, &l.file.path);
            if !lp.exists() {
                return Err(Error::input(
                    path,
                    None,
                    format!(
                        "the plan's reveal log {} is missing: it was moved or deleted",
                        lp.display()
                    ),
                ));
            }
            Some((
                lp,
                crate::plan::Plan::read_options(l),
                Some(l.mapping.clone()),
            ))
        }
        None => None,
    };
    Ok(Job {
        input,
        read: crate::plan::Plan::read_options(src),
        mapping: Some(src.mapping.clone()),
        mapping_file: None,
        overrides: Vec::new(),
        log,
        log_overrides: Vec::new(),
        settings: p.settings.clone(),
        book,
        cycle: p.cycle,
        today,
        budget: p.budget,
        money: p.money.clone(),
        name: p.name.clone(),
        notes: p.notes.clone(),
        created: Some(p.created),
        warnings,
    })
}

/// Flags that describe a list and have no meaning for a spec (its tables carry their own).
fn list_only_flags(a: &EstimateArgs) -> Vec<&'static str> {
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

/// `estimate --spec FILE.toml` (or `--plan` of a plan made from a spec): every table of a
/// Workspace spec, and the total.
/// " (its saved result: N credits expected, L–H)", or nothing.
fn saved_result_text(p: &crate::plan::Plan) -> String {
    p.result
        .as_ref()
        .map(|r| {
            let (e, l, h) = crate::pricing::shown(&r.credits);
            format!(" (its saved result: {e} credits expected, {l}–{h})")
        })
        .unwrap_or_default()
}

fn run_spec(
    a: &EstimateArgs,
    spec_path: &Path,
    plan: Option<(&Path, &crate::plan::Plan)>,
) -> Result<()> {
    let mut warnings = Vec::new();
    let (flag_book, budget, cycle, log_file, name) = match plan {
        None => {
            let bad = list_only_flags(a);
            if !bad.is_empty() {
                return Err(setting(format!(
                    "--spec: {} only for a contact list; in a spec each [[table]] sets its own (reveal, rates, map, ai_data_columns, signals_columns, csv_exports, crm_exports; ai_chat_prompts at the top)",
                    bad.join(", ")
                )));
            }
            if let Some(b) = a.budget
                && !(b.is_finite() && b >= 0.0)
            {
                return Err(setting(format!(
                    "--budget {b}: give the remaining credits, 0 or more"
                )));
            }
            let log_read = log_read_of(a)?;
            let log = a.revealed.clone().map(|p| (p, log_read, None));
            let name = a.name.clone().unwrap_or_else(|| {
                spec_path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "Workspace plan".into())
            });
            let book = a.pricebook.as_deref().map(pricebook::resolve).transpose()?;
            (book, a.budget, cycle_of(a)?, log, name)
        }
        Some((plan_path, p)) => {
            let (book, note) = p.book();
            warnings.extend(note);
            if let Some(sr) = &p.spec {
                let changed = std::iter::once(&sr.file)
                    .chain(&sr.sources)
                    .filter(|f| {
                        let now = crate::plan::Fingerprint::of(&crate::plan::Plan::resolve(
                            plan_path, &f.path,
                        ));
                        now.map_or(true, |n| n.sha256 != f.sha256)
                    })
                    .map(|f| f.path.display().to_string())
                    .collect::<Vec<_>>();
                if !changed.is_empty() {
                    warnings.push(format!(
                        "changed since the plan was saved: {}; the numbers are for the files as they are now",
                        changed.join(", ")
                    ));
                }
            }
            let log = p.reveal_log.as_ref().map(|l| {
                (
                    crate::plan::Plan::resolve(plan_path, &l.file.path),
                    crate::plan::Plan::read_options(l),
                    Some(l.mapping.clone()),
                )
            });
            (Some(book), p.budget, p.cycle, log, p.name.clone())
        }
    };
    let (spec, book) = crate::workspace::Spec::load(spec_path, flag_book.as_ref())?;
    if plan.is_none()
        && let (Some(named), Some(flag)) = (&spec.pricebook, &a.pricebook)
        && named != flag
    {
        warnings.push(format!(
            "the spec names price book `{named}`; --pricebook {flag} was used instead"
        ));
    }
    let today = today_of(a)?;
    let progress = Progress::new();
    let sources = engine::load_spec_sources(&spec, spec_path, &progress)?;
    let log = match &log_file {
        Some((p, opts, saved)) => {
            let l = engine::load_log(p, opts, &progress)?;
            let m = match saved {
                Some(m) => m.clone(),
                None => {
                    let mut m = l.detection.mapping.clone();
                    m.apply_overrides(&parse_maps("--log-map", &a.log_map)?, &l.table.headers)
                        .map_err(setting)?;
                    m
                }
            };
            Some((l.table, m))
        }
        None => None,
    };
    let sa = engine::analyze_spec(
        &sources,
        log.as_ref().map(|(t, m)| (t, m)),
        cycle,
        today,
        &progress,
    )?;
    let mut run = engine::estimate_spec(&spec, &sa, &book, budget, spec_path)?;
    if let Some((t, _)) = &log {
        warnings.extend(t.warnings.iter().map(|w| format!("reveal log: {w}")));
    }
    warnings.append(&mut run.outcome.estimate.warnings);
    run.outcome.estimate.warnings = warnings;
    let mut inputs: Vec<&Path> = vec![spec_path];
    inputs.extend(spec.sources());
    inputs.extend(log_file.as_ref().map(|(p, _, _)| p.as_path()));
    if let Some(out) = &a.save_plan {
        crate::fsutil::ensure_not_input(out, &inputs)?;
        let mut plan = crate::plan::Plan::of_spec(crate::plan::SpecPlanInputs {
            name: name.clone(),
            spec_path,
            spec: &spec,
            log: match (&log_file, &log) {
                (Some((p, opts, _)), Some((_, m))) => Some((p.as_path(), opts, m)),
                _ => None,
            },
            cycle,
            budget,
            book: &book,
            outcome: &run.outcome,
        })?;
        plan.save(out)?;
    }
    inputs.extend(a.plan.as_deref());
    let json = report::spec_json_report(&spec, &sources, &run, &book);
    let title = spec_path.display().to_string();
    if let Some(out) = &a.report_out {
        crate::fsutil::ensure_not_input(out, &inputs)?;
        let bytes = report::render_report(out, &json, &run.outcome, &book, &title)?;
        crate::fsutil::write_atomic(out, &bytes)?;
    }
    print_report(a.format, &json, &run.outcome, &book, &title)
}

fn print_report(
    format: Format,
    json: &report::JsonReport,
    outcome: &engine::Outcome,
    book: &PriceBook,
    title: &str,
) -> Result<()> {
    let bytes = match format {
        Format::Json => json_text(json)?.into_bytes(),
        Format::Csv => report::csv_report(outcome, book)?,
        Format::Table => report::table_report(json, outcome, book, title).into_bytes(),
    };
    emit(&bytes)
}

fn json_text(v: &impl serde::Serialize) -> Result<String> {
    serde_json::to_string_pretty(v)
        .map(|t| t + "\n")
        .map_err(|e| Error::Internal(e.to_string()))
}

/// Write to stdout. A reader that stops early (`| head`) is not an error: the rest is
/// dropped quietly (println! would panic on the broken pipe).
fn emit(bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io("stdout", e)),
        _ => Ok(()),
    }
}

fn cycle_of(a: &EstimateArgs) -> Result<Cycle> {
    Ok(Cycle {
        renewal: a
            .renewal_date
            .as_deref()
            .map(|s| parse_date_arg("--renewal-date", s))
            .transpose()?,
        length: a.cycle,
    })
}

fn today_of(a: &EstimateArgs) -> Result<chrono::NaiveDate> {
    match &a.today {
        Some(s) => parse_date_arg("--today", s),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

fn run_estimate(a: &EstimateArgs) -> Result<()> {
    if let Some(spec) = &a.spec {
        return run_spec(a, spec, None);
    }
    // The plan is read once: it holds a spec or a list.
    let plan = match &a.plan {
        Some(pp) => Some((pp, crate::plan::Plan::load(pp)?)),
        None => None,
    };
    if let Some((plan_path, p)) = &plan
        && let Some(sr) = &p.spec
    {
        let spec_path = crate::plan::Plan::resolve(plan_path, &sr.file.path);
        if !spec_path.exists() {
            return Err(Error::input(
                plan_path,
                None,
                format!(
                    "the plan's Workspace spec {} is missing: it was moved or deleted{}; put it back or save the plan again",
                    spec_path.display(),
                    saved_result_text(p)
                ),
            ));
        }
        for f in &sr.sources {
            let src = crate::plan::Plan::resolve(plan_path, &f.path);
            if !src.exists() {
                return Err(Error::input(
                    plan_path,
                    None,
                    format!(
                        "the contact list {} of the plan's Workspace spec is missing: it was moved or deleted{}; put it back or save the plan again",
                        src.display(),
                        saved_result_text(p)
                    ),
                ));
            }
        }
        return run_spec(a, &spec_path, Some((plan_path, p)));
    }
    if let Some(i) = &a.input
        && crate::workspace::is_spec_path(i)
    {
        return Err(setting(format!(
            "{} looks like a Workspace spec: give it as `enrichplan estimate --spec {}`",
            i.display(),
            i.display()
        )));
    }
    let job = match (plan, &a.input) {
        (Some((pp, p)), _) => job_from_plan(a, pp, p)?,
        (None, Some(i)) => job_from_args(a, i)?,
        (None, None) => return Err(setting("estimate: give a contact list or --plan PLAN.json")),
    };
    let progress = Progress::new();
    // ENRICHPLAN_TIMINGS=1 prints how long each stage took (for benchmarks).
    let timings = std::env::var_os("ENRICHPLAN_TIMINGS").is_some();
    let t0 = std::time::Instant::now();
    let mapping_of = |list: &engine::LoadedList| -> Result<Mapping> {
        match &job.mapping {
            Some(m) => Ok(m.clone()),
            None => {
                let mut m = match &job.mapping_file {
                    Some((path, saved)) => saved.apply_to(&list.table.headers, path)?,
                    None => list.detection.mapping.clone(),
                };
                m.apply_overrides(&job.overrides, &list.table.headers)
                    .map_err(setting)?;
                Ok(m)
            }
        }
    };
    let log_of = || -> Result<Option<(crate::input::reader::ContactTable, Mapping)>> {
        let Some((p, opts, saved)) = &job.log else {
            return Ok(None);
        };
        let l = engine::load_log(p, opts, &progress)?;
        let m = match saved {
            Some(m) => m.clone(),
            None => {
                let mut m = l.detection.mapping.clone();
                m.apply_overrides(&job.log_overrides, &l.table.headers)
                    .map_err(setting)?;
                m
            }
        };
        Ok(Some((l.table, m)))
    };
    // Without an output that reads every cell after the analysis, the list is read and
    // analysed in one pass that never holds all its rows (the same numbers: the same
    // pass); the one column `--group-by` or a priority reads is kept whole beside it.
    let needs_cells = a.rows_out.is_some() || a.trimmed_out.is_some();
    let one_column: Vec<String> = a
        .group_by
        .iter()
        .chain(job.settings.priority.iter())
        .cloned()
        .collect();
    // A saved plan records the bytes analysed, as the window's does: the list and the log
    // are hashed beside their read.
    let hashed: Vec<&Path> = match &a.save_plan {
        Some(_) => std::iter::once(job.input.as_path())
            .chain(job.log.as_ref().map(|(p, _, _)| p.as_path()))
            .collect(),
        None => Vec::new(),
    };
    let read = || -> Result<_> {
        Ok(if needs_cells {
            let list = engine::load_list(&job.input, &job.read, &progress)?;
            let t_read = t0.elapsed();
            let mapping = mapping_of(&list)?;
            let log = log_of()?;
            let analysis = engine::analyze(
                &AnalysisInput {
                    list: &list.table,
                    mapping: &mapping,
                    log: log.as_ref().map(|(t, m)| (t, m)),
                    cycle: job.cycle,
                    today: job.today,
                },
                &progress,
            )?;
            (list, mapping, log, analysis, None, t_read)
        } else {
            let s = engine::load_and_analyze(
                &job.input,
                &job.read,
                &mapping_of,
                &log_of,
                job.cycle,
                job.today,
                &one_column,
                &progress,
            )?;
            // The kept columns as a table of the list's headers (a column not kept is said
            // missing by `--group-by`'s and the priority's own messages).
            let cells = crate::input::reader::ContactTable {
                df: s.cells,
                lines: Vec::new(),
                ..s.list.table.clone()
            };
            (
                s.list,
                s.mapping,
                s.log,
                s.analysis,
                Some(cells),
                t0.elapsed(),
            )
        })
    };
    let ((list, mapping, log, analysis, cells, t_read), files) =
        crate::plan::read_beside(&hashed, &progress, read)?;
    // The cells `--group-by` and the priority read: the whole list, or the kept columns.
    let cells = cells.as_ref().unwrap_or(&list.table);
    let t_analyze = t0.elapsed();
    // A list on the Workspace channel is a one-table spec (workspace.md).
    let one_table = (job.settings.channel == Channel::Workspace)
        .then(|| crate::workspace::TableSpec::of_list(&job.input, &job.settings));
    if let Some(t) = &one_table {
        t.check_exports(analysis.tally.rows, &job.input)?;
    }
    let priority = engine::priority(cells, &job.settings)?;
    let groups = match &a.group_by {
        Some(c) => Some(crate::segments::group_by(
            &analysis,
            cells,
            c,
            &job.settings,
            &job.book,
        )?),
        None => None,
    };
    let mut outcome = engine::estimate_with(
        &analysis,
        &crate::budget::FitMemo::default(),
        &job.settings,
        &job.book,
        job.budget,
        priority.as_ref(),
    );
    if timings && needs_cells {
        eprintln!(
            "timings: read {:.3}s, analyse {:.3}s, price {:.6}s",
            t_read.as_secs_f64(),
            (t_analyze - t_read).as_secs_f64(),
            (t0.elapsed() - t_analyze).as_secs_f64()
        );
    } else if timings {
        eprintln!(
            "timings: read and analyse (one pass) {:.3}s, price {:.6}s",
            t_analyze.as_secs_f64(),
            (t0.elapsed() - t_analyze).as_secs_f64()
        );
    }
    let mut warnings = job.warnings.clone();
    if let Some((path, saved)) = &job.mapping_file
        && !saved.fits(&list.table.headers)
    {
        warnings.push(format!(
            "column mapping {}: made for a list with other columns; every column it names is here, so it was used",
            path.display()
        ));
    }
    warnings.extend(list.table.warnings.iter().cloned());
    if let Some((t, _)) = &log {
        warnings.extend(t.warnings.iter().map(|w| format!("reveal log: {w}")));
    }
    warnings.append(&mut outcome.estimate.warnings);
    outcome.estimate.warnings = warnings;

    let inputs: Vec<&Path> = std::iter::once(job.input.as_path())
        .chain(job.log.as_ref().map(|(p, _, _)| p.as_path()))
        .chain(a.plan.as_deref())
        .collect();
    if let Some(out) = &a.rows_out {
        crate::fsutil::ensure_not_input(out, &inputs)?;
        let bytes = report::rows_report(&analysis, &list.table, &job.settings, &job.book)?;
        crate::fsutil::write_atomic(out, &bytes)?;
    }
    if let Some(out) = &a.trimmed_out {
        crate::fsutil::ensure_not_input(out, &inputs)?;
        let keep = engine::trimmed_rows(&analysis, &job.settings, &outcome);
        let bytes = report::trimmed_list(&list.table, &keep, mapping.columns(Role::Email))?;
        crate::fsutil::write_atomic(out, &bytes)?;
    }
    if let Some(out) = &a.save_mapping {
        crate::fsutil::ensure_not_input(out, &inputs)?;
        crate::input::mapping_file::SavedMapping::new(&list.table.headers, &mapping).write(out)?;
    }
    if let Some(out) = &a.save_plan {
        let inputs_no_plan: Vec<&Path> = std::iter::once(job.input.as_path())
            .chain(job.log.as_ref().map(|(p, _, _)| p.as_path()))
            .collect();
        crate::fsutil::ensure_not_input(out, &inputs_no_plan)?;
        let mut files = files.into_iter();
        let Some(list_file) = files.next() else {
            return Err(setting("the list was not hashed (an internal error)"));
        };
        let mut plan = crate::plan::Plan::of_run(crate::plan::PlanInputs {
            name: job.name.clone(),
            notes: job.notes.clone(),
            created: job.created,
            list: (list_file, &job.read, &mapping),
            log: match (&job.log, &log, files.next()) {
                (Some((_, opts, _)), Some((_, m)), Some(f)) => Some((f, opts, m)),
                _ => None,
            },
            settings: &job.settings,
            cycle: job.cycle,
            budget: job.budget,
            money: job.money.clone(),
            book: &job.book,
            outcome: &outcome,
        });
        plan.save(out)?;
    }

    let mut json = report::json_report(
        &outcome,
        &job.settings,
        &job.book,
        mapping.to_json_map(&Role::LIST),
        Some(&list.table),
    );
    json.groups = groups;
    json.group_by = a
        .group_by
        .as_ref()
        .and_then(|c| crate::segments::group_column(&list.table, c).ok());
    if let Some(table) = &one_table {
        let e = crate::pricing::price(&analysis.tally, &table.settings(), &job.book);
        json.tables = Some(vec![report::TableJson::of(
            &table.name,
            Some(&job.input),
            Some(&mapping),
            &table.settings(),
            &e,
        )]);
    }
    if let Some(out) = &a.report_out {
        crate::fsutil::ensure_not_input(out, &inputs)?;
        let bytes = report::render_report(out, &json, &outcome, &job.book, &job.name)?;
        crate::fsutil::write_atomic(out, &bytes)?;
    }
    print_report(
        a.format,
        &json,
        &outcome,
        &job.book,
        &job.input.display().to_string(),
    )
}

fn run_compare(paths: &[PathBuf], format: Format) -> Result<()> {
    let plans = paths
        .iter()
        .map(|p| crate::plan::Plan::load(p).map(|plan| (p.clone(), plan)))
        .collect::<Result<Vec<_>>>()?;
    let c = crate::plan::compare(&plans)?;
    match format {
        Format::Json => emit(json_text(&c)?.as_bytes()),
        _ => emit(crate::plan::compare_table(&c).as_bytes()),
    }
}

fn run_pricebooks(format: Format) -> Result<()> {
    let books = pricebook::shipped();
    let text = match format {
        Format::Json => json_text(&books)?,
        _ => {
            use std::fmt::Write as _;
            let mut s = String::new();
            for (i, b) in books.iter().enumerate() {
                let default = if i == 0 { "  (default)" } else { "" };
                let _ = writeln!(
                    s,
                    "{}  {}  effective {}{default}",
                    b.id, b.name, b.effective_date
                );
                let _ = writeln!(s, "    source: {}", b.source);
                let _ = writeln!(
                    s,
                    "    email {} · phone {} · API minimum {} per request",
                    b.prices.email, b.prices.phone, b.prices.api_request_min
                );
            }
            s
        }
    };
    emit(text.as_bytes())
}

/// What `main` should do after parsing.
pub enum Action {
    /// Open the window on these files.
    Window(Vec<PathBuf>),
    Exit(ExitCode),
}

/// Run a command-line invocation; window commands are handed back to `main`.
pub fn run(args: impl IntoIterator<Item = std::ffi::OsString>) -> Action {
    let cli = match Cli::try_parse_from(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return Action::Exit(ExitCode::from(if e.use_stderr() { 2 } else { 0 }));
        }
    };
    let result = match cli.command {
        None => return open_files(cli.files),
        Some(Command::Open { files }) => return Action::Window(files),
        Some(Command::Estimate(a)) => run_estimate(&a),
        Some(Command::Pricebooks { format }) => run_pricebooks(format),
        Some(Command::Reconcile {
            usage,
            plan,
            from,
            to,
            format,
        }) => run_reconcile(&usage, &plan, from.as_deref(), to.as_deref(), format),
        Some(Command::Calibrate {
            files,
            save_assumptions,
            format,
        }) => run_calibrate(&files, save_assumptions.as_deref(), format),
        Some(Command::Compare { plans, format }) => run_compare(&plans, format),
        Some(Command::Completions { shell }) => print_completions(shell),
        Some(Command::Manpages { dir }) => write_manpages(&dir),
    };
    match result {
        Ok(()) => Action::Exit(ExitCode::SUCCESS),
        Err(e) => {
            eprintln!("enrichplan: error: {e}");
            Action::Exit(ExitCode::from(exit_code(&e)))
        }
    }
}

/// `enrichplan FILE…`: the window on those files, unless the first word is a mistyped
/// command (no such file and no file extension), which is an argument error like any other.
fn open_files(files: Vec<PathBuf>) -> Action {
    if let Some(first) = files.first()
        && !first.exists()
        && first.extension().is_none()
        && first.components().count() == 1
    {
        let word = first.to_string_lossy();
        let known: Vec<String> = <Cli as clap::CommandFactory>::command()
            .get_subcommands()
            .filter(|c| !c.is_hide_set())
            .map(|c| c.get_name().to_string())
            .collect();
        eprintln!(
            "enrichplan: error: `{word}` is neither a command nor a file; the commands are {} (see enrichplan --help)",
            known.join(", ")
        );
        return Action::Exit(ExitCode::from(2));
    }
    Action::Window(files)
}

fn print_completions(shell: clap_complete::Shell) -> Result<()> {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    // Into memory first: clap_complete panics when its writer fails (a closed pipe).
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "enrichplan", &mut buf);
    use std::io::Write;
    match std::io::stdout().lock().write_all(&buf) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(setting(format!("could not write the completions: {e}")))
        }
        _ => Ok(()),
    }
}

/// `enrichplan.1` and one page per command (`enrichplan-estimate.1` …) in `dir`.
fn write_manpages(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let cmd = <Cli as clap::CommandFactory>::command();
    let mut pages = vec![("enrichplan".to_string(), cmd.clone())];
    for sub in cmd.get_subcommands().filter(|c| !c.is_hide_set()) {
        let name = format!("enrichplan-{}", sub.get_name());
        pages.push((name.clone(), sub.clone().name(name)));
    }
    for (name, page) in pages {
        let mut buf = Vec::new();
        clap_mangen::Man::new(page)
            .render(&mut buf)
            .map_err(|e| setting(format!("could not render the manual page {name}: {e}")))?;
        crate::fsutil::write_atomic(&dir.join(format!("{name}.1")), &buf)?;
    }
    Ok(())
}

fn run_reconcile(
    usage: &Path,
    plan_path: &Path,
    from: Option<&str>,
    to: Option<&str>,
    format: Format,
) -> Result<()> {
    let plan = crate::plan::Plan::load(plan_path)?;
    let (book, _) = plan.book();
    let cycle_from = plan.cycle.start();
    let cycle_to = plan.cycle.renewal.and_then(|r| r.pred_opt());
    let from = match from {
        Some(f) => parse_date_arg("--from", f)?,
        None => cycle_from.unwrap_or(chrono::NaiveDate::MIN),
    };
    let to = match to {
        Some(t) => parse_date_arg("--to", t)?,
        None => cycle_to.unwrap_or(chrono::NaiveDate::MAX),
    };
    if from > to {
        return Err(setting(format!("--from {from} is after --to {to}")));
    }
    let result = plan.result.as_ref().ok_or_else(|| {
        Error::input(
            plan_path,
            None,
            "the plan has no saved result; re-run and save it first",
        )
    })?;
    let r = crate::reconcile::reconcile(usage, result, &book, from, to)?;
    match format {
        Format::Json => {
            let v = serde_json::json!({
                "plan": plan.name,
                "from": (from != chrono::NaiveDate::MIN).then(|| from.to_string()),
                "to": (to != chrono::NaiveDate::MAX).then(|| to.to_string()),
                "months": r.months,
                "items": r.items,
                "users": r.users,
                "warnings": r.warnings,
            });
            let text =
                serde_json::to_string_pretty(&v).map_err(|e| Error::Internal(e.to_string()))?;
            emit(format!("{text}\n").as_bytes())
        }
        _ => {
            let mut s = format!(
                "Plan vs actual — {} ({})\n",
                plan.name,
                if r.months.is_empty() {
                    "no month in the period".to_string()
                } else {
                    r.months.join(", ")
                }
            );
            s.push_str(&format!(
                "{:<11} {:>10} {:>10} {:>10} {:>10}  {}\n",
                "Item", "Actual", "Low", "Expected", "High", "Verdict"
            ));
            for i in &r.items {
                s.push_str(&format!(
                    "{:<11} {:>10} {:>10} {:>10} {:>10}  {} ({:+.0})\n",
                    i.item,
                    crate::text::money(i.actual),
                    crate::text::money(i.planned.low),
                    crate::text::money(i.planned.expected),
                    crate::text::money(i.planned.high),
                    i.verdict,
                    i.difference
                ));
            }
            s.push_str("\nBy user:\n");
            for u in &r.users {
                s.push_str(&format!(
                    "  {:<32} {:>10} credits\n",
                    u.user,
                    crate::text::money(u.credits)
                ));
            }
            if !r.warnings.is_empty() {
                s.push_str("\nWarnings:\n");
                for w in &r.warnings {
                    s.push_str(&format!("  - {w}\n"));
                }
            }
            emit(s.as_bytes())
        }
    }
}

fn run_calibrate(files: &[PathBuf], save: Option<&Path>, format: Format) -> Result<()> {
    if !files.len().is_multiple_of(2) {
        return Err(setting(
            "calibrate: give the files in pairs: UPLOADED RESULT [UPLOADED RESULT …]",
        ));
    }
    let progress = Progress::new();
    let settings = Settings::defaults(&pricebook::default_book());
    let mut counts = crate::calibrate::Counts::default();
    for pair in files.chunks(2) {
        counts = counts + (crate::calibrate::calibrate(&pair[0], &pair[1], &settings, &progress)?);
    }
    let a = counts.assumptions();
    if let Some(out) = save {
        let inputs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
        crate::fsutil::ensure_not_input(out, &inputs)?;
        let text = crate::calibrate::SavedAssumptions::of(counts).to_toml()?;
        crate::fsutil::write_atomic(out, text.as_bytes())?;
    }
    let range =
        |r: &RateRange| serde_json::json!({"expected": r.expected, "low": r.low, "high": r.high});
    match format {
        Format::Json => {
            let v = serde_json::json!({
                "contacts": counts.contacts,
                "matched": counts.matched,
                "emails": counts.emails,
                "phones": counts.phones,
                "rates": {
                    "match": range(&a.match_rate),
                    "email": range(&a.email_rate),
                    "phone": range(&a.phone_rate),
                },
            });
            emit(
                format!(
                    "{}\n",
                    serde_json::to_string_pretty(&v).map_err(|e| Error::Internal(e.to_string()))?
                )
                .as_bytes(),
            )
        }
        _ => {
            let pct = |x: f64| format!("{:.1}%", x * 100.0);
            let line = |name: &str, r: &RateRange, k: u64, n: u64| {
                format!(
                    "{name:<11} {:>7}  (90% range {} to {}; {k} of {n})\n",
                    pct(r.expected),
                    pct(r.low),
                    pct(r.high)
                )
            };
            let mut s = format!(
                "Calibration on {} billable contacts: {} matched\n",
                counts.contacts, counts.matched
            );
            s.push_str(&line(
                "Match rate",
                &a.match_rate,
                counts.matched,
                counts.contacts,
            ));
            s.push_str(&line(
                "Email rate",
                &a.email_rate,
                counts.emails,
                counts.matched,
            ));
            s.push_str(&line(
                "Phone rate",
                &a.phone_rate,
                counts.phones,
                counts.matched,
            ));
            if let Some(out) = save {
                s.push_str(&format!(
                    "Saved to {} (use it with: enrichplan estimate LIST --assumptions {})\n",
                    out.display(),
                    out.display()
                ));
            }
            emit(s.as_bytes())
        }
    }
}

pub fn exit_code(e: &Error) -> u8 {
    match e {
        Error::Setting(_) => 2,
        Error::Input { .. } | Error::Io { .. } | Error::Cancelled => 3,
        Error::Internal(_) => 3,
    }
}
