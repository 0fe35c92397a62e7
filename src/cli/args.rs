//! The command line's definitions (clap): commands, flags and their help.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::cycle::CycleLength;
use crate::pricing::Channel;

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
