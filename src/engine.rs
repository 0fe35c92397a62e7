//! The one entry point the window and the CLI share: load a list (and a log), analyse it,
//! price it. A number the window shows is the number the CLI prints because both call this.

use std::path::Path;

use chrono::NaiveDate;
use polars::prelude::{Column, DataFrame, Series};

use crate::analysis::{self, Analysis, RevealLog, Tally};
use crate::budget::{self, Fit};
use crate::cycle::Cycle;
use crate::error::Result;
use crate::input::reader::{self, ContactTable, ReadOptions};
use crate::input::roles::{self, Detection, Mapping, Role};
use crate::pricebook::PriceBook;
use crate::pricing::{self, BudgetStatus, Estimate, Settings};
use crate::progress::Progress;
use crate::workspace::{Spec, TableSource};

use crate::input::roles::PROFILE_SAMPLE;

/// A loaded list with its proposed mapping.
#[derive(Clone, Debug)]
pub struct LoadedList {
    pub table: ContactTable,
    pub detection: Detection,
}

pub fn load_list(path: &Path, opts: &ReadOptions, progress: &Progress) -> Result<LoadedList> {
    let table = reader::read_table(path, opts, progress)?;
    let detection = roles::detect(&table.headers, &table.profiles(PROFILE_SAMPLE), &Role::LIST);
    Ok(LoadedList { table, detection })
}

/// A reveal log: roles detected like a list's, plus its date column.
pub fn load_log(path: &Path, opts: &ReadOptions, progress: &Progress) -> Result<LoadedList> {
    let table = reader::read_table(path, opts, progress)?;
    let detection = roles::detect(&table.headers, &table.profiles(PROFILE_SAMPLE), &Role::ALL);
    Ok(LoadedList { table, detection })
}

/// A sourced table of a Workspace spec, loaded: its list and the mapping in force
/// (detected, then the table's `map` applied).
#[derive(Clone, Debug)]
pub struct SourcedTable {
    pub list: LoadedList,
    pub mapping: Mapping,
}

/// Load the sourced tables of a spec, in table order (row-count tables have none). A
/// source that cannot be read, or a `map` naming a column it lacks, is an error naming the
/// spec and the table.
pub fn load_spec_sources(
    spec: &Spec,
    spec_path: &Path,
    progress: &Progress,
) -> Result<Vec<SourcedTable>> {
    spec.tables
        .iter()
        .filter_map(|t| match &t.source {
            TableSource::List { path, read, map } => Some((t, path, read, map)),
            TableSource::Rows(_) => None,
        })
        .map(|(t, path, read, map)| {
            let in_table = |msg: String| {
                crate::error::Error::input(spec_path, None, format!("table `{}`: {msg}", t.name))
            };
            let list = load_list(path, &read.options(), progress)
                .map_err(|e| in_table(format!("source {e}")))?;
            let mut mapping = list.detection.mapping.clone();
            mapping
                .apply_overrides(map, &list.table.headers)
                .map_err(|m| in_table(format!("`map`: {}", m.0.trim_start_matches("--map "))))?;
            Ok(SourcedTable { list, mapping })
        })
        .collect()
}

/// The expensive pass over a spec: its sourced tables' rows analysed as one (contacts
/// across tables, the reveal log), and each sourced table's own tally. Row-count tables
/// need no pass, so editing them re-prices without this.
#[derive(Clone, Debug, Default)]
pub struct SpecAnalysis {
    pub analysis: Analysis,
    /// One per sourced table, in table order.
    pub sourced: Vec<SourcedTally>,
    /// Contacts in several sourced tables (indices among the sourced tables).
    pub shared: Vec<analysis::SharedGroup>,
}

#[derive(Clone, Debug, Default)]
pub struct SourcedTally {
    pub tally: Tally,
    pub path: std::path::PathBuf,
    /// The reader's warnings about the source file.
    pub warnings: Vec<String>,
}

pub fn analyze_spec(
    sources: &[SourcedTable],
    log: Option<(&ContactTable, &Mapping)>,
    cycle: Cycle,
    today: NaiveDate,
    progress: &Progress,
) -> Result<SpecAnalysis> {
    let parts: Vec<(&ContactTable, &Mapping)> = sources
        .iter()
        .map(|s| (&s.list.table, &s.mapping))
        .collect();
    let analysis = analysis::analyze_tables(
        &parts,
        log.map(|(table, mapping)| RevealLog { table, mapping }),
        &cycle,
        today,
        progress,
    )?;
    let sourced = analysis
        .table_tallies()
        .into_iter()
        .zip(sources)
        .map(|(tally, s)| SourcedTally {
            tally,
            path: s.list.table.path.clone(),
            warnings: s.list.table.warnings.clone(),
        })
        .collect();
    let shared = analysis.shared_contacts();
    Ok(SpecAnalysis {
        analysis,
        sourced,
        shared,
    })
}

/// A spec priced: each table's estimate and the total outcome (with the budget status).
#[derive(Clone, Debug)]
pub struct SpecOutcome {
    pub tables: Vec<Estimate>,
    pub outcome: Outcome,
}

impl SpecOutcome {
    /// Each table's total as whole credits that, with the account-wide rest (AI chat),
    /// add up to the total shown in every column (pricing::shown_items); one per table.
    pub fn shown_tables(&self) -> Vec<pricing::Shown> {
        let mut parts: Vec<pricing::Credits> = self.tables.iter().map(|t| t.total).collect();
        let total = self.outcome.estimate.total;
        let sum = |f: fn(&pricing::Credits) -> f64| parts.iter().map(f).sum::<f64>();
        let rest = pricing::Credits {
            expected: (total.expected - sum(|c| c.expected)).max(0.0),
            low: (total.low - sum(|c| c.low)).max(0.0),
            high: (total.high - sum(|c| c.high)).max(0.0),
        };
        parts.push(rest);
        let mut shown = pricing::shown_items(&parts, &total).0;
        shown.pop();
        shown
    }
}

/// Price a spec over its analysis (a pure function, like [`estimate`]). Refused when a
/// CSV export is larger than its table, or when the analysis is not of this spec's sources.
pub fn estimate_spec(
    spec: &Spec,
    sa: &SpecAnalysis,
    book: &PriceBook,
    budget: Option<f64>,
    spec_path: &Path,
) -> Result<SpecOutcome> {
    spec.check_names()
        .map_err(|(_, msg)| crate::error::Error::input(spec_path, None, msg))?;
    let mut warnings = sa.analysis.warnings.clone();
    let mut sourced = sa.sourced.iter();
    let mut tallies = Vec::with_capacity(spec.tables.len());
    for t in &spec.tables {
        let tally = match &t.source {
            TableSource::Rows(n) => Tally::of_rows(*n),
            TableSource::List { path, .. } => {
                let s = sourced.next().filter(|s| &s.path == path).ok_or_else(|| {
                    crate::error::Error::Internal(format!(
                        "table `{}`: its source {} has not been read",
                        t.name,
                        path.display()
                    ))
                })?;
                warnings.extend(
                    s.warnings
                        .iter()
                        .map(|w| format!("table `{}`: {w}", t.name)),
                );
                if s.tally.rows == 0 {
                    warnings.push(format!(
                        "table `{}`: its source {} has no data rows, so the table costs nothing; check the file (or its sheet)",
                        t.name,
                        path.display()
                    ));
                } else if s.tally.unmatchable_rows == s.tally.rows
                    && (t.selection.email || t.selection.phone)
                {
                    warnings.push(format!(
                        "table `{}`: none of its {} rows has an email, a LinkedIn URL or a name with a company, so no reveal can match; check the column roles (`map`)",
                        t.name, s.tally.rows
                    ));
                }
                s.tally.clone()
            }
        };
        t.check_exports(tally.rows, spec_path)?;
        if !t.selection.email && !t.selection.phone && !t.actions.has_paid() {
            warnings.push(format!(
                "table `{}`: nothing planned on it costs credits (no reveal, AI Data, Signals or export)",
                t.name
            ));
        }
        tallies.push(tally);
    }
    let settings: Vec<Settings> = spec.tables.iter().map(|t| t.settings()).collect();
    let pairs: Vec<(&str, &Tally, &Settings)> = spec
        .tables
        .iter()
        .zip(tallies.iter().zip(&settings))
        .map(|(t, (tally, s))| (t.name.as_str(), tally, s))
        .collect();
    // Shared contacts name sourced tables; the pricing wants positions in the spec.
    let position: Vec<usize> = spec
        .tables
        .iter()
        .enumerate()
        .filter(|(_, t)| matches!(t.source, TableSource::List { .. }))
        .map(|(i, _)| i)
        .collect();
    let shared: Vec<analysis::SharedGroup> = sa
        .shared
        .iter()
        .map(|g| analysis::SharedGroup {
            tables: g
                .tables
                .iter()
                .filter_map(|&k| position.get(k).copied())
                .collect(),
            ..g.clone()
        })
        .collect();
    let priced = pricing::price_tables(&pairs, &shared, spec.ai_chat_prompts, book);
    let mut estimate = priced.total;
    warnings.append(&mut estimate.warnings);
    estimate.warnings = warnings;
    let budget = budget.map(|remaining| BudgetOutcome {
        remaining,
        status: pricing::budget_status(&estimate.total, remaining),
        fit: None,
    });
    Ok(SpecOutcome {
        tables: priced.tables,
        outcome: Outcome { estimate, budget },
    })
}

/// The list-side inputs of an analysis.
pub struct AnalysisInput<'a> {
    pub list: &'a ContactTable,
    pub mapping: &'a Mapping,
    pub log: Option<(&'a ContactTable, &'a Mapping)>,
    pub cycle: Cycle,
    pub today: NaiveDate,
}

pub fn analyze(input: &AnalysisInput<'_>, progress: &Progress) -> Result<Analysis> {
    let mut a = analysis::analyze(
        input.list,
        input.mapping,
        input
            .log
            .map(|(table, mapping)| RevealLog { table, mapping }),
        &input.cycle,
        input.today,
        progress,
    )?;
    cycle_warnings(&mut a, &input.cycle, input.today);
    Ok(a)
}

fn cycle_warnings(a: &mut Analysis, cycle: &Cycle, today: NaiveDate) {
    if let Some(r) = cycle.renewal {
        if r <= today {
            a.warnings.push(format!(
                "the renewal date {r} is not after today ({today}): is it the next renewal?"
            ));
        } else if cycle.start().is_some_and(|s| s > today) {
            a.warnings.push(format!(
                "the billing cycle ending {r} has not started yet (today is {today})"
            ));
        }
    }
}

/// About how many rows a file holds, from its size and its first rows (on the high side:
/// room reserved and never used costs no memory).
fn rows_guess(head: &ContactTable) -> usize {
    let n = head.rows();
    if n == 0 {
        return 0;
    }
    // A cell's text and its delimiter; quotes and line ends make rows longer, not shorter.
    let text: usize = head
        .df
        .columns()
        .iter()
        .filter_map(|c| c.str().ok())
        .map(|ca| ca.iter().map(|v| v.map_or(0, str::len) + 1).sum::<usize>())
        .sum();
    let per_row = (text / n).max(1);
    (head.bytes as usize / per_row).saturating_mul(5) / 4
}

/// A list read and analysed in one pass ([`OnePass`]).
pub struct Streamed {
    /// The list with its first rows only (its headers, warnings and source are the whole
    /// file's) and the roles detected on them.
    pub list: LoadedList,
    pub mapping: Mapping,
    pub analysis: Analysis,
    /// The reveal log and its mapping, as `log_of` gave them.
    pub log: Option<(ContactTable, Mapping)>,
    /// The columns asked for in full (`cells`, by the names the list has; one the list
    /// lacks is left out), every analysed row.
    pub cells: DataFrame,
}

/// What the reading thread of [`OnePass`] hands over.
enum Run {
    Head(Box<ContactTable>),
    Rows(DataFrame, Vec<u64>, Vec<u64>),
}

/// Sends the runs of a file being read to the analysing thread.
struct Forward(std::sync::mpsc::SyncSender<Run>);

impl reader::RowSink for Forward {
    fn head(&mut self, head: &ContactTable) -> Result<()> {
        self.0
            .send(Run::Head(Box::new(head.clone())))
            .map_err(|_| crate::error::Error::Cancelled)
    }
    fn rows(&mut self, rows: DataFrame, lines: Vec<u64>, offsets: Vec<u64>) -> Result<()> {
        self.0
            .send(Run::Rows(rows, lines, offsets))
            .map_err(|_| crate::error::Error::Cancelled)
    }
}

/// The one pass over a list file (the CLI's, and the window's): the list is read on its
/// own thread and never held whole; each run of rows is analysed as it comes and only its
/// identities are kept. Roles are detected on the first rows as [`load_list`] detects them;
/// `mapping_of` turns the detection into the mapping in force; `log_of` loads the reveal
/// log once the list is read (its errors come after the list's). The numbers are those of
/// [`load_list`] then [`analyze`]: the same pass, over runs. The columns named in `cells`
/// (as `--map` matches names) are kept whole besides, for the outputs that read one column
/// (`--group-by`, a priority column).
pub struct OnePass<'a> {
    pub path: &'a Path,
    pub opts: &'a ReadOptions,
    pub mapping_of: &'a dyn Fn(&LoadedList) -> Result<Mapping>,
    pub log_of: &'a dyn Fn() -> Result<Option<(ContactTable, Mapping)>>,
    pub cycle: Cycle,
    pub today: NaiveDate,
    pub cells: &'a [String],
}

impl OnePass<'_> {
    /// Read and analyse (the command line's estimate).
    pub fn analyze(&self, progress: &Progress) -> Result<Streamed> {
        stream(self, false, progress).map(|(s, _)| s)
    }

    /// Read and analyse for a face that shows the rows afterwards (the window): also every
    /// row's line and where its record starts in the file, as a [`reader::ListRows`] that
    /// reads cells back on demand (a workbook's sheet is kept whole). The columns kept
    /// whole are kept in it too.
    pub fn index(&self, progress: &Progress) -> Result<(Streamed, reader::ListRows)> {
        let (path, opts) = (self.path, self.opts);
        let (s, index) = stream(self, true, progress)?;
        let (lines, offsets, whole) = index.unwrap_or_default();
        let head = s.list.table.clone();
        let rows = match whole {
            Some(df) => {
                let table = ContactTable {
                    df,
                    lines,
                    ..head.clone()
                };
                reader::ListRows::whole(head, table, opts.clone())
            }
            None => match reader::OffsetReader::open(path, opts, head.headers.len()) {
                Ok(reader) => reader::ListRows::in_file(head, lines, offsets, reader, opts.clone()),
                // A workbook without data rows: nothing to read back.
                Err(_) if lines.is_empty() => {
                    reader::ListRows::whole(head.clone(), head, opts.clone())
                }
                Err(e) => return Err(e),
            },
        };
        rows.keep_columns(&s.cells);
        Ok((s, rows))
    }
}

/// Every row's line and offset, and a workbook's rows whole (which have no offsets).
type Index = (Vec<u64>, Vec<u64>, Option<DataFrame>);

#[allow(clippy::type_complexity)]
fn stream(
    input: &OnePass<'_>,
    index: bool,
    progress: &Progress,
) -> Result<(Streamed, Option<Index>)> {
    let OnePass {
        path,
        opts,
        mapping_of,
        log_of,
        cycle,
        today,
        cells,
    } = *input;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Run>(2);
    // The columns the mapping reads, once it is known: the reader leaves the rest empty.
    let keep = std::sync::OnceLock::<Vec<bool>>::new();
    let keep = &keep;
    std::thread::scope(|s| {
        let reading = std::thread::Builder::new()
            .name("enrichplan-read".into())
            .spawn_scoped(s, move || {
                reader::stream_table(
                    path,
                    opts,
                    progress,
                    PROFILE_SAMPLE,
                    &mut Forward(tx),
                    &|| keep.get().cloned(),
                )
            })
            .map_err(|e| {
                crate::error::Error::input(path, None, format!("cannot start reading: {e}"))
            })?;
        // `rx` moves in: when the analysis stops early, dropping it stops the reader.
        let analysed =
            (move || -> Result<Option<(LoadedList, Mapping, analysis::Pass, DataFrame, Option<Index>)>> {
                let mut pass = analysis::Pass::new(1, 0);
                let mut indexed: Option<Index> = index.then(Default::default);
                let mut head: Option<(LoadedList, Mapping)> = None;
                // The columns kept whole: their names in the list, and their runs so far.
                let mut kept: Vec<(String, Option<Series>)> = Vec::new();
                for run in rx.iter() {
                    match run {
                        Run::Head(table) => {
                            let detection = roles::detect(
                                &table.headers,
                                &table.profiles(PROFILE_SAMPLE),
                                &Role::LIST,
                            );
                            let list = LoadedList {
                                table: *table,
                                detection,
                            };
                            let mapping = mapping_of(&list)?;
                            pass.check(&list.table, &mapping)?;
                            let guess = rows_guess(&list.table);
                            pass.reserve(guess);
                            if let Some((lines, offsets, _)) = &mut indexed {
                                lines.reserve(guess);
                                offsets.reserve(guess);
                            }
                            for c in cells {
                                if let Some(h) = roles::find_header(&list.table.headers, c)
                                    && !kept.iter().any(|(k, _)| *k == h)
                                {
                                    kept.push((h, None));
                                }
                            }
                            let _ = keep.set(
                                list.table
                                    .headers
                                    .iter()
                                    .map(|h| {
                                        mapping.roles.values().any(|cols| cols.contains(h))
                                            || kept.iter().any(|(k, _)| k == h)
                                    })
                                    .collect(),
                            );
                            pass.begin(&list.table, &mapping);
                            head = Some((list, mapping));
                        }
                        Run::Rows(df, lines, offsets) => {
                            pass.rows_of(&df, &lines, &|_| !progress.is_cancelled())?;
                            if let Some((all, at, whole)) = &mut indexed {
                                // A workbook's rows have no offsets: its sheet is kept.
                                if offsets.is_empty() && !lines.is_empty() {
                                    match whole {
                                        Some(w) => {
                                            w.vstack_mut(&df)?;
                                        }
                                        None => *whole = Some(df.clone()),
                                    }
                                }
                                all.extend_from_slice(&lines);
                                at.extend(offsets);
                            }
                            for (name, acc) in &mut kept {
                                let s = df.column(name)?.as_materialized_series().clone();
                                match acc {
                                    Some(acc) => {
                                        acc.append(&s)?;
                                    }
                                    None => *acc = Some(s),
                                }
                            }
                        }
                    }
                }
                let columns: Vec<Column> = kept
                    .into_iter()
                    .filter_map(|(_, s)| s.map(Column::from))
                    .collect();
                let height = columns.first().map_or(0, |c| c.len());
                let cells = DataFrame::new(height, columns)?;
                Ok(head.map(|(l, m)| (l, m, pass, cells, indexed)))
            })();
        // An error here stops the reader (its next send fails); the reader's own error
        // (the file) comes first.
        let read = reading.join().map_err(|_| {
            crate::error::Error::input(path, None, "reading the file failed unexpectedly")
        })?;
        let table = match (read, analysed) {
            (Err(e), _) if !matches!(e, crate::error::Error::Cancelled) => return Err(e),
            (_, Err(e)) | (Err(e), _) => return Err(e),
            (Ok(table), Ok(Some((mut list, mapping, pass, cells, indexed)))) => {
                if progress.is_cancelled() {
                    return Err(crate::error::Error::Cancelled);
                }
                list.table = table;
                let timings = std::env::var_os("ENRICHPLAN_TIMINGS").is_some();
                let t = std::time::Instant::now();
                let log = log_of()?;
                let mut analysis = pass.finish(
                    log.as_ref()
                        .map(|(table, mapping)| RevealLog { table, mapping }),
                    &cycle,
                    today,
                )?;
                cycle_warnings(&mut analysis, &cycle, today);
                if timings {
                    eprintln!(
                        "  after the last row: log, contacts, tally {:.3}s",
                        t.elapsed().as_secs_f64()
                    );
                }
                return Ok((
                    Streamed {
                        list,
                        mapping,
                        analysis,
                        log,
                        cells,
                    },
                    indexed,
                ));
            }
            (Ok(table), Ok(None)) => table,
        };
        Err(crate::error::Error::input(
            &table.path,
            None,
            "the file was read but gave no rows to analyse",
        ))
    })
}

/// An estimate with everything a report shows.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub estimate: Estimate,
    pub budget: Option<BudgetOutcome>,
}

#[derive(Clone, Debug)]
pub struct BudgetOutcome {
    pub remaining: f64,
    pub status: BudgetStatus,
    /// The fit-to-budget cut of a list (a Workspace spec of several tables has none).
    pub fit: Option<Fit>,
}

/// Price an analysis; with a budget, also its status and the fit-to-budget cut (in file
/// order).
pub fn estimate(a: &Analysis, s: &Settings, book: &PriceBook, budget: Option<f64>) -> Outcome {
    estimate_with(a, &budget::FitMemo::default(), s, book, budget, None)
}

/// The priority column of `s` read from the list (`None` without one); a column the list
/// lacks is an error naming the columns it has.
pub fn priority(table: &ContactTable, s: &Settings) -> Result<Option<budget::Priority>> {
    let Some(name) = &s.priority else {
        return Ok(None);
    };
    let col = priority_column(table, name)?;
    let cells = table.df.column(&col)?.str()?.clone();
    Ok(Some(budget::Priority::of(
        &col,
        cells.iter().map(|v| v.unwrap_or("")),
    )))
}

/// The column of `table` a priority named `name` is (as `--map` matches names); a missing
/// one is an error naming the columns there are.
pub fn priority_column(table: &ContactTable, name: &str) -> Result<String> {
    roles::find_header(&table.headers, name).ok_or_else(|| {
        crate::error::Error::Setting(format!(
            "--priority {name}: no column named `{name}`; the columns are: {}",
            table.headers.join(", ")
        ))
    })
}

/// [`estimate`] with the fit-to-budget cut in the order of a priority column, its table
/// taken from (or built into) `fits`, the memo kept beside this analysis.
pub fn estimate_with(
    a: &Analysis,
    fits: &budget::FitMemo,
    s: &Settings,
    book: &PriceBook,
    budget: Option<f64>,
    priority: Option<&budget::Priority>,
) -> Outcome {
    let mut estimate = pricing::price(&a.tally, s, book);
    let mut warnings = a.warnings.clone();
    if let Some(p) = priority
        && p.not_numbers > 0
    {
        warnings.push(format!(
            "priority column `{}`: {} not a number, kept after every numbered row",
            p.column,
            crate::text::count(p.not_numbers, "cell is", "cells are")
        ));
    }
    if let Some(contacts) = a.log.as_ref().and_then(|l| l.held_apart_contacts) {
        let same = Tally {
            contacts,
            ..a.tally.clone()
        };
        let saved = estimate.total.expected - pricing::price(&same, s, book).total.expected;
        if saved > 1e-9 {
            warnings.push(format!(
                "reveal log: if the entries taken as different people are the same, the estimate would be {saved:.1} credits lower (expected)"
            ));
        }
    }
    warnings.append(&mut estimate.warnings);
    estimate.warnings = warnings;
    let budget = budget.map(|remaining| BudgetOutcome {
        remaining,
        status: pricing::budget_status(&estimate.total, remaining),
        fit: Some(budget::fit_to_budget(
            fits.get(a, priority),
            s,
            book,
            remaining,
        )),
    });
    Outcome { estimate, budget }
}

/// The rows of the trimmed upload list: the billable rows, or the fit-to-budget cut when a
/// budget is set.
pub fn trimmed_rows(a: &Analysis, s: &Settings, o: &Outcome) -> Vec<u32> {
    match o.budget.as_ref().and_then(|b| b.fit.as_ref()) {
        Some(fit) => fit.rows(),
        None => (0..a.row_contact.len())
            .filter(|&r| crate::rows::row_status(a, r, s) == crate::rows::RowStatus::Billable)
            .map(|r| r as u32)
            .collect(),
    }
}
