//! The command line's definitions (clap): commands, flags and their help.
//!
//! Every argument has a one-line help (the doc comment's first paragraph, shown by `-h`);
//! the paragraphs after it are the long help (`--help` and the man pages). `estimate`'s
//! options are grouped under headings (the `H_*` constants) in the order they are
//! declared here; a test (tests/engine/cli.rs) walks the definitions so that none lacks
//! help or a heading.

use std::path::PathBuf;

use clap::builder::PossibleValue;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::cycle::{CycleLength, DateOrder};
use crate::pricing::Channel;

/// The headings of `estimate --help`, in the order they are shown.
const H_INPUT: &str = "Input";
const H_REVEAL: &str = "What to reveal";
const H_ASSUMPTIONS: &str = "Assumptions";
const H_BUDGET: &str = "Budget and cycle";
const H_ACCOUNT: &str = "Account";
const H_WORKSPACE: &str = "Workspace";
const H_OUTPUT: &str = "Output";

/// Examples under the top-level help (and in `enrichplan.1`). Indented lines stay lines in
/// the man page too; they are kept under 72 columns so that it does not wrap them.
const TOP_EXAMPLES: &str = "\
Examples:
  Open the window on a contact list:
    enrichplan contacts.csv
  Estimate it here, leaving out what this billing cycle revealed:
    enrichplan estimate contacts.csv --revealed reveal-log.csv \\
      --renewal-date 2026-12-15
  The bulk API against the credits left, saved as a plan:
    enrichplan estimate contacts.csv --channel api-bulk \\
      --budget 3000 --save-plan api.json
  A Workspace plan (tables, AI Data, Signals, exports) from its spec:
    enrichplan estimate --spec workspace-plan.toml
  Saved plans side by side:
    enrichplan compare csv.json api.json
  The live account (credits left, renewal, prices, API limits):
    enrichplan account login
    enrichplan estimate contacts.csv --channel api-bulk --account
  JSON for scripts:
    enrichplan estimate contacts.csv --format json | jq .credits

Each command's options: enrichplan COMMAND --help.";

/// Examples under `estimate --help` (and in `enrichplan-estimate.1`), as narrow.
const ESTIMATE_EXAMPLES: &str = "\
Examples:
  A contact list (CSV Enrichment, email and phone):
    enrichplan estimate contacts.csv
  Leave out what this billing cycle already revealed:
    enrichplan estimate contacts.csv --revealed reveal-log.csv \\
      --renewal-date 2026-12-15
  The bulk API with 3,000 credits left; the rows that fit, to upload:
    enrichplan estimate leads.xlsx --channel api-bulk --budget 3000 \\
      --trimmed-out upload.csv
  A Workspace plan (tables, AI Data, Signals, exports) from its spec:
    enrichplan estimate --spec workspace-plan.toml --budget 20000
  Re-run a saved plan (from --save-plan) and write a report page:
    enrichplan estimate --plan q3.json --report-out q3.html
  JSON for scripts:
    enrichplan estimate contacts.csv --format json | jq .credits";

#[derive(Parser, Debug)]
#[command(
    name = "enrichplan",
    version,
    about = "Plan what enriching a contact list with Lusha will cost, before a credit is spent.",
    long_about = "Plan what enriching a contact list with Lusha will cost, before a credit is spent.\n\nWith no command, with FILE… (a contact list, a workbook, a saved plan or a Workspace spec) or with `open FILE…` the desktop window opens. The commands below never open a window.",
    after_help = TOP_EXAMPLES,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Tool>,
    /// Open the window on these files (as `open FILE…` does; what a file manager runs).
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// The subcommands (named `Tool` so that `Command` is only the window's menu commands).
#[derive(Subcommand, Debug)]
pub enum Tool {
    /// Open the desktop window (on FILE, if given).
    Open {
        /// Contact lists, workbooks, saved plans or Workspace specs to open.
        files: Vec<PathBuf>,
    },
    /// Estimate the credits a contact list (or a Workspace spec) will cost.
    Estimate(Box<EstimateArgs>),
    /// Compare saved plans side by side.
    Compare {
        /// The saved plans (from `estimate --save-plan` or the window), in the order shown.
        #[arg(required = true, num_args = 1..)]
        plans: Vec<PathBuf>,
        /// How to print: table (for people) or json (for scripts); csv prints the table.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Also write the comparison to a file: a self-contained page (.html), the JSON
        /// (.json) or the table (.txt).
        #[arg(long, value_name = "FILE.html")]
        report_out: Option<PathBuf>,
    },
    /// Measure the match, email and phone rates on a past enrichment: the list as it was
    /// uploaded and what came back (pairs of files; several pairs add up).
    Calibrate {
        /// Pairs of files: a list as it was uploaded, then the vendor's result for it.
        ///
        /// Several pairs add up to one sample.
        #[arg(required = true, num_args = 2.., value_name = "UPLOADED RESULT")]
        files: Vec<PathBuf>,
        /// Write the rates (and their sample) for `estimate --assumptions`.
        #[arg(long = "save-assumptions", value_name = "FILE.toml")]
        save_assumptions: Option<PathBuf>,
        /// How to print: table (for people) or json (for scripts); csv prints the table.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Set a plan beside what was really spent: the vendor's Usage Report, summed by kind
    /// over the plan's billing cycle (or --from/--to).
    Reconcile {
        /// The Usage Report CSV (Analytics → Usage report).
        usage: PathBuf,
        /// The saved plan to set beside the spend (from `estimate --save-plan`; it needs its
        /// result).
        #[arg(long, value_name = "PLAN.json")]
        plan: PathBuf,
        /// The first day counted (default: the start of the plan's billing cycle; without a
        /// renewal date, no limit).
        #[arg(long, value_name = "YYYY-MM-DD")]
        from: Option<String>,
        /// The last day counted (default: the day before the plan's renewal date; without
        /// one, no limit).
        #[arg(long, value_name = "YYYY-MM-DD")]
        to: Option<String>,
        /// How to print: table (for people) or json (for scripts); csv prints the table.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// The live Lusha account: credits left, plan and renewal, prices, API rate limits.
    ///
    /// One request, GET {base}/v3/account/usage, with the API key from LUSHA_API_KEY or
    /// the OS credential store (`account login`); nothing else is sent. `login` stores
    /// the key, `logout` removes it. Exit code 4 when the account cannot be read.
    Account(AccountArgs),
    /// List the shipped price books.
    Pricebooks {
        /// How to print: table (for people) or json (for scripts); csv prints the table.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Print a shell completion script (e.g. `enrichplan completions bash > ~/.local/share/bash-completion/completions/enrichplan`).
    Completions {
        /// The shell to write the completion script for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write the manual pages (roff) into DIR, generated from these definitions (for packagers).
    #[command(hide = true)]
    Manpages {
        /// The folder to write enrichplan.1 and enrichplan-COMMAND.1 into (made if missing).
        dir: PathBuf,
    },
}

/// `account`: print the live account, or store / remove the key.
#[derive(Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AccountArgs {
    #[command(subcommand)]
    pub action: Option<AccountAction>,
    /// How to print: table (for people) or json (for scripts: credits, plan, rate_limits, pricing, as_of); csv prints the table.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// The account endpoint's base URL (default https://api.lusha.com; also ENRICHPLAN_API_BASE).
    ///
    /// https only, except http://127.0.0.1 and http://localhost (with a port) for a
    /// stand-in server in tests.
    #[arg(long, value_name = "URL")]
    pub api_base: Option<String>,
    /// The price book the account's prices are set beside (default: the newest shipped).
    #[arg(long, value_name = "ID|FILE.toml")]
    pub pricebook: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum AccountAction {
    /// Store the API key in the OS credential store (typed without echo, or one line on standard input).
    ///
    /// Secret Service on Linux, the Keychain on macOS, the Credential Manager on Windows.
    /// Nothing is sent: `enrichplan account` checks the key. LUSHA_API_KEY, when set,
    /// is used instead of the stored key.
    Login,
    /// Remove the stored API key from the OS credential store.
    Logout,
}

#[derive(Copy, Clone, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A table for people.
    Table,
    /// One JSON object with fixed keys, for scripts.
    Json,
    /// The breakdown as CSV (estimate; the other commands print the table).
    Csv,
}

/// The engine's own enums as flag values, by their keys (no mirror enum to keep in step),
/// each value with its help.
macro_rules! value_enum_by_key {
    ($($t:ty => $help:expr),+ $(,)?) => {$(
        impl ValueEnum for $t {
            fn value_variants<'a>() -> &'a [Self] {
                &<$t>::ALL
            }
            fn to_possible_value(&self) -> Option<PossibleValue> {
                let help: fn($t) -> String = $help;
                Some(PossibleValue::new(self.key()).help(help(*self)))
            }
        }
    )+};
}

value_enum_by_key!(
    Channel => |c| format!("{}. {}", c.label(), c.rule()),
    CycleLength => |c| match c {
        CycleLength::Monthly => "The cycle is one calendar month.".to_string(),
        CycleLength::Annual => "The cycle is twelve calendar months.".to_string(),
    },
    DateOrder => |d| d.label().to_string(),
);

/// `estimate`'s options, declared heading by heading (clap shows the headings in the order
/// their first option appears).
#[derive(Args, Debug)]
#[command(after_help = ESTIMATE_EXAMPLES)]
pub struct EstimateArgs {
    // The list is the command's one argument (clap's Arguments, above the headings).
    /// The contact list: CSV (or other delimited text), or an Excel or OpenDocument workbook.
    ///
    /// Give a list, --spec or --plan. Its columns are mapped to roles (names, company,
    /// domain, email, phone, LinkedIn URL) from their headers and cells; see --map.
    #[arg(
        required_unless_present_any = ["plan", "spec"],
        conflicts_with_all = ["plan", "spec"]
    )]
    pub input: Option<PathBuf>,

    // ---- Input ----
    /// A Workspace table spec (TOML): tables, their rows or contact lists, the paid actions.
    ///
    /// Instead of a list. Each [[table]] sets its own reveal, rates, mapping and Workspace
    /// actions, so the flags that describe one list (--channel, --reveal, the rates, --map,
    /// --sheet, --ai-data…, --rows-out, --trimmed-out, --group-by, --priority) are refused
    /// with it; the price book, budget, reveal log, cycle and --format, --report-out,
    /// --save-plan apply.
    #[arg(long, value_name = "FILE.toml", conflicts_with = "plan", help_heading = H_INPUT)]
    pub spec: Option<PathBuf>,
    /// Re-run a saved plan: its list (or spec), mapping, settings, budget, cycle and price book.
    ///
    /// Instead of a list. The plan's own settings, name and money are used, not the flags
    /// that would set them (--mapping is refused). --today, --format, --group-by and the
    /// files to write (--report-out, --rows-out, --trimmed-out, --save-plan,
    /// --save-mapping) apply; to a spec's plan, --today, --format, --report-out and
    /// --save-plan. A list changed since the plan was saved is warned about; a missing
    /// one is an error.
    #[arg(long, value_name = "PLAN.json", help_heading = H_INPUT)]
    pub plan: Option<PathBuf>,
    /// The workbook's sheet to read (default: the one that looks most like a contact list).
    ///
    /// For Excel and OpenDocument workbooks. Without it the sheet with the most identity
    /// columns (names, company, email, LinkedIn URL…) and then the most rows is read,
    /// visible sheets before hidden ones, and a warning names the sheet taken and the
    /// others.
    #[arg(long, value_name = "NAME", help_heading = H_INPUT)]
    pub sheet: Option<String>,
    /// The list's delimiter: one character, or tab, comma, semicolon, pipe, colon (default: sniffed).
    #[arg(long, value_name = "C", help_heading = H_INPUT)]
    pub delimiter: Option<String>,
    /// The list's text encoding, e.g. utf-8, windows-1252, utf-16le (default: detected).
    ///
    /// Detected from a byte-order mark or the bytes; a file that is not UTF-8 and has no
    /// mark is read as a guess, and a warning says which encoding was used. Any WHATWG
    /// encoding label is accepted.
    #[arg(long, value_name = "NAME", help_heading = H_INPUT)]
    pub encoding: Option<String>,
    /// Override a detected role: ROLE=COLUMN (repeatable; ROLE=- drops the role).
    ///
    /// Roles: first_name, last_name, full_name, company_name, company_domain, email,
    /// phone, linkedin_url. A role given replaces its detected columns; given twice, it
    /// uses both columns. Applied after detection or --mapping.
    #[arg(long = "map", value_name = "ROLE=COLUMN", help_heading = H_INPUT)]
    pub map: Vec<String>,
    /// Read the column mapping from a file (the form --save-mapping writes); --map still overrides it.
    ///
    /// Headers and roles only, no cell values: the form the window remembers per set of
    /// headers. A column it names that the list lacks is an error. Not with --plan (a plan
    /// keeps its own mapping).
    #[arg(long = "mapping", value_name = "FILE.toml", help_heading = H_INPUT)]
    pub mapping: Option<PathBuf>,
    /// Write the mapping in force (headers and roles only) to a file, for --mapping on the next list like this one.
    #[arg(long = "save-mapping", value_name = "FILE.toml", help_heading = H_INPUT)]
    pub save_mapping: Option<PathBuf>,
    /// A reveal log: contacts already revealed, e.g. the vendor's contact export (CSV or workbook).
    ///
    /// A contact in it is not charged again for a data point an entry shows revealed (an
    /// email, a phone) when the entry is dated in the current billing cycle (see
    /// --renewal-date); undated entries count. Its columns are detected like a list's,
    /// with a date column; --log-map, --log-sheet, --log-delimiter, --log-encoding and
    /// --date-order describe it (and need it).
    #[arg(long, value_name = "LOG.csv", help_heading = H_INPUT)]
    pub revealed: Option<PathBuf>,
    /// Override a detected role of the reveal log's columns: ROLE=COLUMN (repeatable; the roles of --map, and date).
    #[arg(long = "log-map", value_name = "ROLE=COLUMN", help_heading = H_INPUT)]
    pub log_map: Vec<String>,
    /// The reveal log's delimiter, as for --delimiter (default: sniffed).
    #[arg(long = "log-delimiter", value_name = "C", help_heading = H_INPUT)]
    pub log_delimiter: Option<String>,
    /// The reveal log's text encoding, as for --encoding (default: detected).
    #[arg(long = "log-encoding", value_name = "NAME", help_heading = H_INPUT)]
    pub log_encoding: Option<String>,
    /// The reveal log's sheet, when it is a workbook (default: the one that looks most like a contact list).
    #[arg(long = "log-sheet", value_name = "NAME", help_heading = H_INPUT)]
    pub log_sheet: Option<String>,
    /// How the reveal log's dates like 03/04/2026 read: dmy (day first) or mdy (month first).
    ///
    /// Default: decided by the date column (a day above 12 settles it); when every date
    /// reads both ways they are read month first, with a warning asking for this flag.
    #[arg(long = "date-order", value_enum, help_heading = H_INPUT)]
    pub date_order: Option<DateOrder>,

    // ---- What to reveal ----
    /// How the list will be enriched, which sets what is charged (default: csv-enrichment).
    #[arg(long, value_enum, help_heading = H_REVEAL)]
    pub channel: Option<Channel>,
    /// Data points to request: email,phone (default), email, phone, or none.
    ///
    /// none is for --channel workspace with a paid Workspace action (see Workspace). On
    /// platform both are charged whatever is chosen: Reveal shows every data point.
    #[arg(long, help_heading = H_REVEAL)]
    pub reveal: Option<String>,
    /// Request only what the file lacks: no email for a contact with a valid email, no phone for one with a phone.
    ///
    /// A contact left with nothing to request costs nothing ("nothing needed"). Ignored on
    /// platform, with a warning (Reveal shows every data point).
    #[arg(long, help_heading = H_REVEAL)]
    pub only_missing: bool,
    /// api-bulk: contacts per request, 1..=100 (default 100, the price book's maximum).
    ///
    /// A request is charged per block of 25 results (the price book's block size), with a
    /// minimum per request, so smaller batches can pay more request fees. The upper bound is
    /// the price book's api_bulk_max_batch. Other channels ignore it, with a warning.
    #[arg(long, value_name = "N", help_heading = H_REVEAL)]
    pub batch_size: Option<u32>,
    /// API extra: company info, charged per unique company matched.
    ///
    /// Unique companies by domain, else by company name, among the identifiable rows, times
    /// the match rate. API channels only; elsewhere ignored with a warning.
    #[arg(long, help_heading = H_REVEAL)]
    pub company: bool,
    /// API extra: company Signals, charged per unique company matched.
    ///
    /// Counted as for --company. API channels only; elsewhere ignored with a warning.
    #[arg(long, help_heading = H_REVEAL)]
    pub company_signals: bool,
    /// API extra: contact Signals, charged per billable contact matched.
    ///
    /// API channels only; elsewhere ignored with a warning.
    #[arg(long, help_heading = H_REVEAL)]
    pub contact_signals: bool,

    // ---- Assumptions ----
    /// Share of identifiable contacts the vendor finds, 0..=1 (default: the price book's, or --assumptions).
    ///
    /// The expected rate. Without --match-range, low = high = this rate; a rate outside its
    /// range is an error. On recommendations the match is taken as 1 (the vendor's own rows).
    #[arg(long, value_name = "X", help_heading = H_ASSUMPTIONS)]
    pub match_rate: Option<f64>,
    /// The match rate's low and high ends, LOW:HIGH, each 0..=1 (e.g. 0.55:0.85).
    ///
    /// The low estimate uses every low end, the high one every high end. Without
    /// --match-rate the expected rate is the default clamped into this range.
    #[arg(long, value_name = "LOW:HIGH", help_heading = H_ASSUMPTIONS)]
    pub match_range: Option<String>,
    /// Share of matched contacts that have an email, 0..=1 (default: the price book's, or --assumptions).
    ///
    /// The expected rate. Without --email-range, low = high = this rate; a rate outside its
    /// range is an error.
    #[arg(long, value_name = "X", help_heading = H_ASSUMPTIONS)]
    pub email_rate: Option<f64>,
    /// The email rate's low and high ends, LOW:HIGH, each 0..=1 (e.g. 0.6:0.9).
    ///
    /// Without --email-rate the expected rate is the default clamped into this range.
    #[arg(long, value_name = "LOW:HIGH", help_heading = H_ASSUMPTIONS)]
    pub email_range: Option<String>,
    /// Share of matched contacts that have a phone, 0..=1 (default: the price book's, or --assumptions).
    ///
    /// The expected rate. Without --phone-range, low = high = this rate; a rate outside its
    /// range is an error.
    #[arg(long, value_name = "X", help_heading = H_ASSUMPTIONS)]
    pub phone_rate: Option<f64>,
    /// The phone rate's low and high ends, LOW:HIGH, each 0..=1 (e.g. 0.3:0.6).
    ///
    /// Without --phone-rate the expected rate is the default clamped into this range.
    #[arg(long, value_name = "LOW:HIGH", help_heading = H_ASSUMPTIONS)]
    pub phone_range: Option<String>,
    /// Rates measured by `enrichplan calibrate --save-assumptions` (repeatable: the samples
    /// add up); explicit rate flags still win.
    ///
    /// They replace the price book's default match, email and phone rates and their ranges.
    #[arg(long = "assumptions", value_name = "FILE.toml", help_heading = H_ASSUMPTIONS)]
    pub assumptions: Vec<PathBuf>,
    /// A shipped price book id, a price book FILE.toml, or `account` (default: the newest shipped).
    ///
    /// `enrichplan pricebooks` lists the shipped ones. `account` reads the live account
    /// and prices with its own prices (its actions mapped to price-book keys; every other
    /// price from the newest shipped book). Every report names the price book it used.
    #[arg(long, value_name = "ID|FILE.toml", help_heading = H_ASSUMPTIONS)]
    pub pricebook: Option<String>,

    // ---- Budget and cycle ----
    /// Credits remaining: whether the estimate fits, is at risk or is over, and how many contacts fit.
    ///
    /// Fits when the high estimate is within it, at risk when only the expected one is,
    /// over when the expected one is above it. Fit-to-budget keeps the first billable
    /// contacts (file order, or --priority) whose high estimate fits; --trimmed-out writes
    /// those rows.
    #[arg(long, value_name = "N", help_heading = H_BUDGET)]
    pub budget: Option<f64>,
    /// Fit-to-budget keeps the contacts with the highest values of this column first (file
    /// order breaks ties; cells that are not numbers come last).
    ///
    /// Only matters with --budget.
    #[arg(long, value_name = "COLUMN", help_heading = H_BUDGET)]
    pub priority: Option<String>,
    /// The next renewal date: reveal-log entries dated in the cycle before it count as revealed.
    ///
    /// The cycle starts one --cycle before this date (calendar months, clamped to the
    /// month's last day) and ends the day before it. Without it every entry of --revealed
    /// counts as in the cycle, and the report says so.
    #[arg(long, value_name = "YYYY-MM-DD", help_heading = H_BUDGET)]
    pub renewal_date: Option<String>,
    /// The billing cycle's length, counted back from --renewal-date (default: monthly, or the account's with --account).
    #[arg(long, value_enum, help_heading = H_BUDGET)]
    pub cycle: Option<CycleLength>,
    /// Today's date for messages (default: the system date); it changes no credits.
    ///
    /// It only sets "now": a warning for reveal-log entries dated after it, or for a
    /// renewal date already past.
    #[arg(long, value_name = "YYYY-MM-DD", help_heading = H_BUDGET)]
    pub today: Option<String>,

    // ---- Account ----
    /// Take the budget, renewal date, cycle and tier from the live account; each flag of its own still wins.
    ///
    /// The credits left become --budget, the plan's end date --renewal-date, its renewal
    /// type --cycle (a free account has no cycle, and a warning says so) and its category
    /// --tier. The account's prices are set beside the price book's: every difference is a
    /// warning. One request, GET {base}/v3/account/usage, with the API key from
    /// LUSHA_API_KEY or the OS credential store (`enrichplan account login`); no contact
    /// data is sent. Exit code 4 when the account cannot be read.
    #[arg(long, help_heading = H_ACCOUNT)]
    pub account: bool,
    /// The account endpoint's base URL (default https://api.lusha.com; also ENRICHPLAN_API_BASE).
    ///
    /// https only, except http://127.0.0.1 and http://localhost (with a port) for a
    /// stand-in server in tests.
    #[arg(long, value_name = "URL", help_heading = H_ACCOUNT)]
    pub api_base: Option<String>,
    /// The subscription tier: free, starter, pro, premium or scale (default: the account's with --account).
    ///
    /// A channel the tier does not allow gets a warning naming the cheapest tier that
    /// does (CSV Enrichment and CSV export: Scale only; the API: not on Free), and the
    /// time to run on the API channels uses its published rate limits (without a tier or
    /// an account: Premium's, said in the output).
    #[arg(long, value_name = "TIER", help_heading = H_ACCOUNT)]
    pub tier: Option<String>,

    // ---- Workspace ----
    /// An AI Data column, NAME or NAME@FILL (fill rate 0..=1, default 1); repeatable.
    ///
    /// Charged per cell filled: rows × fill rate × the price of an AI Data cell. These
    /// Workspace actions price a list on --channel workspace (other channels ignore them,
    /// with a warning); a --spec sets its own per table.
    #[arg(long = "ai-data", value_name = "NAME[@FILL]", help_heading = H_WORKSPACE)]
    pub ai_data: Vec<String>,
    /// A Signals column, NAME or NAME@HIT (hit rate 0..=1, default: the price book's); repeatable.
    ///
    /// Charged per signal found: rows × hit rate × the price of a signal.
    #[arg(long = "signal", value_name = "NAME[@HIT]", help_heading = H_WORKSPACE)]
    pub signal: Vec<String>,
    /// A CSV export of ROWS rows, or `all` for the whole table; repeatable.
    ///
    /// Charged per started block of rows (25 in the shipped price books), already revealed
    /// rows included.
    #[arg(long = "csv-export", value_name = "ROWS|all", help_heading = H_WORKSPACE)]
    pub csv_export: Vec<String>,
    /// Pushes to a CRM planned, each charged the price book's CRM export price.
    #[arg(long, value_name = "N", help_heading = H_WORKSPACE)]
    pub crm_exports: Option<u64>,
    /// AI chat prompts planned this cycle, charged per started block (5 prompts in the shipped price books).
    #[arg(long, value_name = "N", help_heading = H_WORKSPACE)]
    pub ai_chat_prompts: Option<u64>,

    // ---- Output ----
    /// How to print the estimate: a table for people, one JSON object for scripts, or the breakdown as CSV.
    #[arg(long, value_enum, default_value_t = Format::Table, help_heading = H_OUTPUT)]
    pub format: Format,
    /// Also write the report to FILE, by its extension: .html, .md, .csv, .json or .txt.
    ///
    /// .html is a self-contained page, .md Markdown, .csv the breakdown, .json the same
    /// object as --format json, .txt the table.
    #[arg(long, value_name = "FILE", help_heading = H_OUTPUT)]
    pub report_out: Option<PathBuf>,
    /// Write the per-row report: row, line, contact id, status, reason, credits.
    #[arg(long, value_name = "FILE.csv", help_heading = H_OUTPUT)]
    pub rows_out: Option<PathBuf>,
    /// Write the list to upload: the billable rows in their original columns, cut to fit --budget when given.
    ///
    /// Unmatchable, duplicate, already revealed and nothing-needed rows are left out; an
    /// email cell holding several addresses is written as its first valid one.
    #[arg(long, value_name = "FILE.csv", help_heading = H_OUTPUT)]
    pub trimmed_out: Option<PathBuf>,
    /// Save this plan to re-run (--plan) or compare later: list fingerprint, mapping, settings, prices, result; no contact data.
    #[arg(long, value_name = "FILE.json", help_heading = H_OUTPUT)]
    pub save_plan: Option<PathBuf>,
    /// The estimate per value of this column as well as in total (JSON `groups`).
    ///
    /// Largest credits first; an empty cell is the value "". The groups' credits add up
    /// to the total expected credits.
    #[arg(long = "group-by", value_name = "COLUMN", help_heading = H_OUTPUT)]
    pub group_by: Option<String>,
    /// The plan's name in saved plans and --report-out files (default: the list's or spec's file name, without its extension).
    #[arg(long, help_heading = H_OUTPUT)]
    pub name: Option<String>,
    /// Price of one credit, saved in the plan (--save-plan) so compare and the window show its cost in money.
    #[arg(long, value_name = "X", help_heading = H_OUTPUT)]
    pub price_per_credit: Option<f64>,
    /// The currency of --price-per-credit, e.g. USD or EUR, shown beside the money.
    #[arg(long, value_name = "CODE", help_heading = H_OUTPUT)]
    pub currency: Option<String>,
}
