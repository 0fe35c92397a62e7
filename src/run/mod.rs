//! One run, described once (issue 27): a [`Request`] says what is estimated — the list and
//! the reveal log with their read options and column roles, the settings, the price book,
//! the billing cycle, the budget and the outputs. The command line lowers its flags into
//! one ([`crate::cli`]), a saved plan turns into one ([`Request::of_plan`]); [`execute`]
//! runs it through the engine and merges every warning in one place, [`write_outputs`]
//! writes what it asks for. Between the faces and the engine: it imports the engine, the
//! faces import it.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::cycle::Cycle;
use crate::engine::{self, AnalysisInput, LoadedList, Outcome};
use crate::error::{Error, Result};
use crate::input::mapping_file::SavedMapping;
use crate::input::reader::{ContactTable, ReadOptions};
use crate::input::roles::{Mapping, Role};
use crate::plan::{Fingerprint, Money, Plan};
use crate::pricebook::PriceBook;
use crate::pricing::{Channel, Settings};
use crate::progress::Progress;
use crate::report::{self, JsonReport};

/// How a file's columns get their roles.
#[derive(Clone, Debug, PartialEq)]
pub enum Roles {
    /// As given (a saved plan's).
    Given(Mapping),
    /// Detected from the file, or read from a mapping file; then the `ROLE=COLUMN`
    /// overrides (the first of a role replaces, later ones add).
    Detect {
        file: Option<(PathBuf, SavedMapping)>,
        overrides: Vec<(Role, String)>,
    },
}

impl Roles {
    /// The mapping for a file read with these `headers` and these detected roles.
    pub fn resolve(&self, headers: &[String], detected: &Mapping) -> Result<Mapping> {
        match self {
            Roles::Given(m) => Ok(m.clone()),
            Roles::Detect { file, overrides } => {
                let mut m = match file {
                    Some((path, saved)) => saved.apply_to(headers, path)?,
                    None => detected.clone(),
                };
                m.apply_overrides(overrides, headers).map_err(Error::from)?;
                Ok(m)
            }
        }
    }
}

/// A file to read: where, how, and its columns' roles.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub path: PathBuf,
    pub read: ReadOptions,
    pub roles: Roles,
}

/// The files a run writes, and the column its estimate is split by.
#[derive(Clone, Debug, Default)]
pub struct Outputs {
    pub rows_out: Option<PathBuf>,
    pub trimmed_out: Option<PathBuf>,
    pub report_out: Option<PathBuf>,
    pub save_plan: Option<PathBuf>,
    pub save_mapping: Option<PathBuf>,
    pub group_by: Option<String>,
}

/// What is estimated, whichever face asked.
#[derive(Clone, Debug)]
pub struct Request {
    pub list: Source,
    pub log: Option<Source>,
    pub settings: Settings,
    pub book: PriceBook,
    pub cycle: Cycle,
    /// "Now" for messages (a renewal date already past, log entries after it).
    pub today: NaiveDate,
    pub budget: Option<f64>,
    pub money: Money,
    pub name: String,
    pub notes: String,
    /// When the plan it came from was first saved.
    pub created: Option<chrono::DateTime<chrono::Utc>>,
    /// The plan file it came from, if any (never overwritten by an output).
    pub plan: Option<PathBuf>,
    pub outputs: Outputs,
    /// The subscription tier and the live account's rate limits, when known (`--tier`,
    /// `--account`): warnings for a channel the tier does not allow, and the limits the
    /// time to run on the API channels is counted under.
    pub plan_tier: crate::account::tiers::PlanTier,
    /// Said while it was made (a plan's list changed since it was saved, a price book
    /// replaced): the first warnings of the run.
    pub notes_made: Vec<String>,
}

impl Request {
    /// The request a saved plan holds (its list, log, roles, settings, book, cycle, budget),
    /// with `today` for messages. A missing list or log is an error naming it; a list that
    /// changed since the plan was saved is a warning.
    pub fn of_plan(path: &Path, p: &Plan, today: NaiveDate) -> Result<Request> {
        let src = p.source.as_ref().ok_or_else(|| {
            Error::input(
                path,
                None,
                "the plan has no contact list (a Workspace-only plan)",
            )
        })?;
        let input = Plan::resolve(path, &src.file.path);
        let mut notes_made = Vec::new();
        match Plan::source_state(path, src) {
            crate::plan::SourceState::Missing => {
                return Err(Error::input(
                    path,
                    None,
                    format!(
                        "the plan's contact list {} is missing: it was moved or deleted{}; put it back or save the plan again with the new file",
                        input.display(),
                        saved_result_text(p)
                    ),
                ));
            }
            crate::plan::SourceState::Changed => notes_made.push(format!(
                "the contact list {} changed since the plan was saved; the numbers are for the file as it is now",
                input.display()
            )),
            crate::plan::SourceState::Same => {}
        }
        let (book, note) = p.book();
        notes_made.extend(note);
        let log = match &p.reveal_log {
            Some(l) => {
                let lp = Plan::resolve(path, &l.file.path);
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
                Some(Source {
                    path: lp,
                    read: Plan::read_options(l),
                    roles: Roles::Given(l.mapping.clone()),
                })
            }
            None => None,
        };
        Ok(Request {
            list: Source {
                path: input,
                read: Plan::read_options(src),
                roles: Roles::Given(src.mapping.clone()),
            },
            log,
            settings: p.settings.clone(),
            book,
            cycle: p.cycle,
            today,
            budget: p.budget,
            money: p.money.clone(),
            name: p.name.clone(),
            notes: p.notes.clone(),
            created: Some(p.created),
            plan: Some(path.to_path_buf()),
            outputs: Outputs::default(),
            plan_tier: Default::default(),
            notes_made,
        })
    }

    /// True when the two requests estimate the same plan: every input a saved plan holds
    /// (the files with their read options and roles, settings, book, cycle, budget, money,
    /// name and notes). The window's unsaved-changes check: what it compares is what
    /// [`Request::plan`] saves, so the two cannot drift.
    pub fn same_plan(&self, o: &Request) -> bool {
        self.list == o.list
            && self.log == o.log
            && self.settings == o.settings
            && self.book == o.book
            && self.cycle == o.cycle
            && self.budget == o.budget
            && self.money == o.money
            && self.name == o.name
            && self.notes == o.notes
    }

    /// The plan this request saves once it ran: the list's and the log's fingerprints
    /// (taken as they were read) and the roles they were read with, the result. The one
    /// constructor of a list plan, for the window and `--save-plan` alike.
    pub fn plan(
        &self,
        list: (Fingerprint, &Mapping),
        log: Option<(Fingerprint, &Mapping)>,
        outcome: &Outcome,
    ) -> Plan {
        Plan::of_run(crate::plan::PlanInputs {
            name: self.name.clone(),
            notes: self.notes.clone(),
            created: self.created,
            list: (list.0, &self.list.read, list.1),
            log: match (&self.log, log) {
                (Some(src), Some((f, m))) => Some((f, &src.read, m)),
                _ => None,
            },
            settings: &self.settings,
            cycle: self.cycle,
            budget: self.budget,
            money: self.money.clone(),
            book: &self.book,
            outcome,
        })
    }

    /// The files it reads (outputs must not be one of them).
    fn inputs(&self) -> Vec<&Path> {
        std::iter::once(self.list.path.as_path())
            .chain(self.log.as_ref().map(|l| l.path.as_path()))
            .chain(self.plan.as_deref())
            .collect()
    }
}

/// " (its saved result: N credits expected, L–H)", or nothing.
pub fn saved_result_text(p: &Plan) -> String {
    p.result
        .as_ref()
        .map(|r| {
            let (e, l, h) = crate::pricing::shown(&r.credits);
            format!(" (its saved result: {e} credits expected, {l}–{h})")
        })
        .unwrap_or_default()
}

/// What a run found: the list as read, the roles used, the log, the analysis, the
/// estimate (its warnings merged), the report's JSON, and the files' fingerprints when a
/// plan is saved.
pub struct Ran {
    pub list: LoadedList,
    pub mapping: Mapping,
    pub log: Option<(ContactTable, Mapping)>,
    pub analysis: crate::analysis::Analysis,
    pub outcome: Outcome,
    pub json: JsonReport,
    pub files: Vec<Fingerprint>,
}

/// Run a request through the engine: read (in one pass that never holds every row, unless
/// an output needs the cells), analyse, price; every warning merged in order (made with
/// the request, the mapping file, the reader, the log's reader, the analysis, pricing).
pub fn execute(req: &Request, progress: &Progress) -> Result<Ran> {
    // ENRICHPLAN_TIMINGS=1 prints how long each stage took (for benchmarks).
    let timings = std::env::var_os("ENRICHPLAN_TIMINGS").is_some();
    let t0 = std::time::Instant::now();
    let mapping_of = |list: &LoadedList| -> Result<Mapping> {
        req.list
            .roles
            .resolve(&list.table.headers, &list.detection.mapping)
    };
    let log_of = || -> Result<Option<(ContactTable, Mapping)>> {
        let Some(src) = &req.log else {
            return Ok(None);
        };
        let l = engine::load_log(&src.path, &src.read, progress)?;
        let m = src.roles.resolve(&l.table.headers, &l.detection.mapping)?;
        Ok(Some((l.table, m)))
    };
    // Without an output that reads every cell after the analysis, the list is read and
    // analysed in one pass that never holds all its rows (the same numbers: the same
    // pass); the one column `--group-by` or a priority reads is kept whole beside it.
    let out = &req.outputs;
    let needs_cells = out.rows_out.is_some() || out.trimmed_out.is_some();
    let one_column: Vec<String> = out
        .group_by
        .iter()
        .chain(req.settings.priority.iter())
        .cloned()
        .collect();
    // A saved plan records the bytes analysed, as the window's does: the list and the log
    // are hashed beside their read.
    let hashed: Vec<&Path> = match &out.save_plan {
        Some(_) => std::iter::once(req.list.path.as_path())
            .chain(req.log.as_ref().map(|l| l.path.as_path()))
            .collect(),
        None => Vec::new(),
    };
    let read = || -> Result<_> {
        Ok(if needs_cells {
            let list = engine::load_list(&req.list.path, &req.list.read, progress)?;
            let t_read = t0.elapsed();
            let mapping = mapping_of(&list)?;
            let log = log_of()?;
            let analysis = engine::analyze(
                &AnalysisInput {
                    list: &list.table,
                    mapping: &mapping,
                    log: log.as_ref().map(|(t, m)| (t, m)),
                    cycle: req.cycle,
                    today: req.today,
                },
                progress,
            )?;
            (list, mapping, log, analysis, None, t_read)
        } else {
            let s = engine::OnePass {
                path: &req.list.path,
                opts: &req.list.read,
                mapping_of: &mapping_of,
                log_of: &log_of,
                cycle: req.cycle,
                today: req.today,
                cells: &one_column,
            }
            .analyze(progress)?;
            // The kept columns as a table of the list's headers (a column not kept is said
            // missing by `--group-by`'s and the priority's own messages).
            let cells = ContactTable {
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
        crate::plan::read_beside(&hashed, progress, read)?;
    // The cells `--group-by` and the priority read: the whole list, or the kept columns.
    let cells = cells.as_ref().unwrap_or(&list.table);
    let t_analyze = t0.elapsed();
    // A list on the Workspace channel is a one-table spec (workspace.md).
    let one_table = (req.settings.channel == Channel::Workspace)
        .then(|| crate::workspace::TableSpec::of_list(&req.list.path, &req.settings));
    if let Some(t) = &one_table {
        t.check_exports(analysis.tally.rows, &req.list.path)?;
    }
    let priority = engine::priority(cells, &req.settings)?;
    let groups = match &out.group_by {
        Some(c) => Some(crate::segments::group_by(
            &analysis,
            cells,
            c,
            &req.settings,
            &req.book,
        )?),
        None => None,
    };
    let mut outcome = engine::estimate_with(
        &analysis,
        &crate::budget::FitMemo::default(),
        &req.settings,
        &req.book,
        req.budget,
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
    let mut warnings = req.notes_made.clone();
    if let Roles::Detect {
        file: Some((path, saved)),
        ..
    } = &req.list.roles
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
    // The tier's channel warnings and the time to run (API channels): nothing without a
    // tier, and no warning of its own without an account.
    if let Some(tier) = &req.plan_tier.tier {
        warnings.extend(crate::account::tiers::channel_warnings(
            tier,
            &req.settings,
            &outcome.estimate.counts,
        ));
    }
    let time_to_run = crate::account::tiers::time_to_run(
        &req.plan_tier,
        &req.settings,
        outcome.estimate.counts.billable,
        &req.book,
    )
    .map(|(t, w)| {
        warnings.extend(w);
        t
    });
    outcome.estimate.warnings = warnings;

    let mut json = report::json_report(
        &outcome,
        &req.settings,
        &req.book,
        mapping.to_json_map(&Role::LIST),
        Some(&list.table),
    );
    json.set_money(&req.money);
    json.time_to_run = time_to_run;
    json.groups = groups;
    json.group_by = out
        .group_by
        .as_ref()
        .and_then(|c| crate::segments::group_column(&list.table, c).ok());
    if let Some(table) = &one_table {
        let e = crate::pricing::price(&analysis.tally, &table.settings(), &req.book);
        json.tables = Some(vec![report::TableJson::of(
            &table.name,
            Some(&req.list.path),
            Some(&mapping),
            &table.settings(),
            &e,
        )]);
    }
    Ok(Ran {
        list,
        mapping,
        log,
        analysis,
        outcome,
        json,
        files,
    })
}

/// Write every output the request asks for (never over one of its inputs; each written to
/// a temporary file and renamed).
pub fn write_outputs(req: &Request, ran: &Ran) -> Result<()> {
    let inputs = req.inputs();
    let out = &req.outputs;
    let (s, book) = (&req.settings, &req.book);
    if let Some(path) = &out.rows_out {
        crate::fsutil::ensure_not_input(path, &inputs)?;
        let bytes = report::rows_report(&ran.analysis, &ran.list.table, s, book)?;
        crate::fsutil::write_atomic(path, &bytes)?;
    }
    if let Some(path) = &out.trimmed_out {
        crate::fsutil::ensure_not_input(path, &inputs)?;
        let keep = engine::trimmed_rows(&ran.analysis, s, &ran.outcome);
        let bytes = report::trimmed_list(&ran.list.table, &keep, ran.mapping.columns(Role::Email))?;
        crate::fsutil::write_atomic(path, &bytes)?;
    }
    if let Some(path) = &out.save_mapping {
        crate::fsutil::ensure_not_input(path, &inputs)?;
        SavedMapping::new(&ran.list.table.headers, &ran.mapping).write(path)?;
    }
    if let Some(path) = &out.save_plan {
        // Saving over the plan it came from is saving it again.
        let not_the_plan: Vec<&Path> = std::iter::once(req.list.path.as_path())
            .chain(req.log.as_ref().map(|l| l.path.as_path()))
            .collect();
        crate::fsutil::ensure_not_input(path, &not_the_plan)?;
        let mut files = ran.files.iter().cloned();
        let Some(list_file) = files.next() else {
            return Err(Error::Internal("the list was not hashed".into()));
        };
        let log = match (&ran.log, files.next()) {
            (Some((_, m)), Some(f)) => Some((f, m)),
            _ => None,
        };
        let mut plan = req.plan((list_file, &ran.mapping), log, &ran.outcome);
        plan.save(path)?;
    }
    if let Some(path) = &out.report_out {
        crate::fsutil::ensure_not_input(path, &inputs)?;
        let bytes = render_report(path, &ran.json, &ran.outcome, book, &req.name)?;
        crate::fsutil::write_atomic(path, &bytes)?;
    }
    Ok(())
}

/// The report file for `out`, chosen by its extension: `.html` (or `.htm`), `.md`, `.csv`,
/// `.json` or `.txt`.
/// One place, so the window's export and `--report-out` write the same bytes.
pub fn render_report(
    out: &std::path::Path,
    json: &JsonReport,
    outcome: &Outcome,
    book: &PriceBook,
    title: &str,
) -> Result<Vec<u8>> {
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    Ok(match ext.as_str() {
        "md" | "markdown" => report::markdown_report(json, outcome, book, title).into_bytes(),
        "csv" => report::csv_report(outcome, book)?,
        "json" => serde_json::to_vec_pretty(json).map_err(|e| Error::Internal(e.to_string()))?,
        "txt" => report::table_report(json, outcome, book, title).into_bytes(),
        "html" | "htm" => crate::html::estimate_page(json, outcome, book, title).into_bytes(),
        _ => {
            return Err(Error::Setting(format!(
                "{}: choose a report file ending in .html, .md, .csv, .json or .txt",
                out.display()
            )));
        }
    })
}
