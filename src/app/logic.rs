//! Applying commands and job results to the window's state. No drawing here.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use eframe::egui;

use super::background::{Job, JobKind, JobResult, Output};
use super::dialogs::FileFor;
use super::streamed;
use super::{Command, EnrichApp, ListState, LogState, RowsCache, Sample};
use crate::cycle::{Cycle, CycleLength};
use crate::engine::{self, AnalysisInput};
use crate::input::reader::{ListRows, ReadOptions};
use crate::input::roles::Role;
use crate::pricebook::PriceBook;
use crate::pricing::{Assumptions, Settings};
use crate::report;
use crate::rows;

pub(crate) fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

/// Read a file with `load`, fingerprinted beside the read ([`crate::plan::read_beside`]):
/// a plan saved later records the bytes analysed, and nothing is hashed on the UI thread.
fn read_and_fingerprint(
    path: &Path,
    read: ReadOptions,
    p: &crate::progress::Progress,
    load: fn(&Path, &ReadOptions, &crate::progress::Progress) -> crate::Result<engine::LoadedList>,
) -> crate::Result<Box<super::background::Loaded>> {
    let (list, files) = crate::plan::read_beside(&[path], p, || load(path, &read, p))?;
    let file = files.into_iter().next().ok_or(crate::Error::Cancelled)?;
    let numeric = crate::budget::numeric_columns(&list.table, 500);
    Ok(Box::new(super::background::Loaded {
        list,
        read,
        numeric,
        file,
        remembered: None,
        streamed: None,
    }))
}

impl EnrichApp {
    /// Start loading a contact list; a running list load of another file is cancelled.
    pub(crate) fn open_list(&mut self, path: PathBuf, read: ReadOptions) {
        let key = format!("{}|{:?}", path.display(), read);
        if self.jobs.is_running(JobKind::LoadList, &key) {
            return;
        }
        self.jobs.cancel(JobKind::Analyze);
        let label = format!("Reading {}", file_name(&path));
        // Read and analysed in one pass, as the CLI does, with the roles the window will
        // choose once the list is in (a plan's, else remembered ones, else detected).
        let inputs = streamed::Inputs {
            store: self.source.mappings.clone(),
            pending: self.source.pending.as_ref().and_then(|p| p.list.clone()),
            log: self
                .source
                .log
                .as_ref()
                .map(|l| (l.table.clone(), l.mapping.clone())),
            made_with: self.made_with(),
            settings: self.pricing.settings.clone(),
            split_by: self.view.split_by.clone(),
        };
        let job = Job::spawn(JobKind::LoadList, key, label, self.ctx.clone(), move |p| {
            streamed::load(path, read, inputs, p).map(Output::List)
        });
        self.start(job);
    }

    /// What an analysis made now would be made from.
    fn made_with(&self) -> streamed::MadeWith {
        streamed::MadeWith::of(
            &self.source.mapping,
            self.source.log.as_ref().map(|l| (&l.table, &l.mapping)),
            self.pricing.cycle,
            self.pricing.today,
        )
    }

    pub(crate) fn open_log(&mut self, path: PathBuf) {
        self.open_log_with(path, ReadOptions::default());
    }

    /// Read a saved calibration (`calibrate --save-assumptions`) in the background; its
    /// rates replace the assumptions.
    pub fn load_assumptions(&mut self, path: PathBuf) {
        let key = path.display().to_string();
        let label = format!("Reading rates from {}", file_name(&path));
        let job = Job::spawn(
            JobKind::LoadAssumptions,
            key,
            label,
            self.ctx.clone(),
            move |_| crate::calibrate::SavedAssumptions::load(&path).map(Output::Assumptions),
        );
        self.start(job);
    }

    /// Set the current estimate beside a Usage Report, over the billing cycle (the whole
    /// report without a renewal date), in the background.
    pub fn reconcile_with(&mut self, usage: PathBuf) {
        let Some(outcome) = &self.results.outcome else {
            self.view.errors.push(
                "open a list and wait for its estimate before comparing it with a Usage Report"
                    .into(),
            );
            return;
        };
        let result = crate::plan::SavedResult::of(outcome);
        let book = self.pricing.book.clone();
        let from = self.pricing.cycle.start().unwrap_or(chrono::NaiveDate::MIN);
        let to = self
            .pricing
            .cycle
            .renewal
            .and_then(|r| r.pred_opt())
            .unwrap_or(chrono::NaiveDate::MAX);
        let key = usage.display().to_string();
        let label = format!("Reading the Usage Report {}", file_name(&usage));
        let job = Job::spawn(
            JobKind::Reconcile,
            key,
            label,
            self.ctx.clone(),
            move |_| {
                crate::reconcile::reconcile(&usage, &result, &book, from, to)
                    .map(|r| Output::Reconciled(Box::new(r)))
            },
        );
        self.start(job);
    }

    /// Load a reveal log with its own reading options (a plan's, or the date order the
    /// user chose).
    pub(crate) fn open_log_with(&mut self, path: PathBuf, read: ReadOptions) {
        let key = format!("{}|{:?}", path.display(), read);
        if self.jobs.is_running(JobKind::LoadLog, &key) {
            return;
        }
        let label = format!("Reading reveal log {}", file_name(&path));
        let job = Job::spawn(JobKind::LoadLog, key, label, self.ctx.clone(), move |p| {
            read_and_fingerprint(&path, read, p, engine::load_log).map(Output::Log)
        });
        self.start(job);
    }

    pub(crate) fn start(&mut self, job: crate::Result<Job>) {
        match job {
            Ok(j) => self.jobs.start(j),
            Err(e) => self.view.errors.push(e.to_string()),
        }
    }

    /// Re-run the analysis (mapping, log or cycle changed) in the background.
    pub(crate) fn reanalyze(&mut self) {
        let Some(list) = &self.source.list else {
            return;
        };
        let table = list.table.clone();
        let read = list.read.clone();
        let mapping = self.source.mapping.clone();
        let log = self
            .source
            .log
            .as_ref()
            .map(|l| (l.table.clone(), l.mapping.clone()));
        let cycle = self.pricing.cycle;
        let today = self.pricing.today;
        // The priority column in force: its fit table is built here too, and the column
        // parsed first when it is not yet (a plan opened with one), so that no fit is
        // pending once the analysis is shown.
        let settings = self.pricing.settings.clone();
        let cached = self
            .source
            .priority_cache
            .as_ref()
            .filter(|(t, c, _)| Arc::ptr_eq(t, &table) && settings.priority.as_ref() == Some(c))
            .map(|(_, _, p)| p.clone());
        let label = format!("Analysing {}", file_name(&table.path));
        let job = Job::spawn(
            JobKind::Analyze,
            "analysis".into(),
            label,
            self.ctx.clone(),
            move |p| {
                let a = match table.held() {
                    // A workbook's sheet is held whole.
                    Some(held) => engine::analyze(
                        &AnalysisInput {
                            list: &held,
                            mapping: &mapping,
                            log: log.as_ref().map(|(t, m)| (&**t, m)),
                            cycle,
                            today,
                        },
                        p,
                    )?,
                    // A text file is read again in the one pass the CLI makes (its cells
                    // are not held), keeping the priority column beside it.
                    None => streamed::restream(
                        &table,
                        &read,
                        &mapping,
                        log.as_ref(),
                        (cycle, today),
                        &settings,
                        p,
                    )?,
                };
                // Fit-to-budget's table is built here, on the worker: every re-price on
                // the UI thread then fits a budget in microseconds.
                let fits = crate::budget::FitMemo::default();
                fits.get(&a, None);
                let priority = match cached {
                    Some(c) => {
                        fits.get(&a, Some(&c));
                        settings.priority.clone().map(|col| (table.clone(), col, c))
                    }
                    // A column the list lacks is said by the re-price.
                    None => streamed::priority_of(&table, &settings, &a, &fits, p)
                        .ok()
                        .flatten(),
                };
                Ok(Output::Analysis(Box::new((a, fits, priority))))
            },
        );
        self.start(job);
    }

    /// Apply results of finished jobs (called every frame).
    pub(crate) fn poll_jobs(&mut self) {
        let done = self.jobs.poll();
        if done.is_empty() {
            return;
        }
        for (kind, r) in done {
            self.handle_result(kind, r);
        }
        // Once every result is in (two saves may end in the same frame).
        self.close_if_saved();
    }

    pub(crate) fn handle_result(&mut self, kind: JobKind, r: JobResult) {
        match r {
            Ok(Output::List(loaded)) => {
                let super::background::Loaded {
                    list: l,
                    read,
                    file,
                    remembered,
                    numeric,
                    streamed: pass,
                } = *loaded;
                let Some(pass) = pass else {
                    return;
                };
                self.persisted.remember(l.table.path.clone());
                // A list that opened is a later good result: older errors no longer stand
                // above it.
                self.view.errors.clear();
                self.source.mapping_remembered = false;
                self.source.mapping = match self.source.pending.as_mut().and_then(|p| p.list.take())
                {
                    Some(m) => m,
                    None => match remembered {
                        Some(m) => {
                            self.source.mapping_remembered = true;
                            m
                        }
                        None => l.detection.mapping.clone(),
                    },
                };
                self.plans.saved_view = None;
                if matches!(self.view.prompt, Some(super::Prompt::SourceChanged { .. })) {
                    self.view.prompt = None;
                }
                let streamed::StreamedList {
                    rows,
                    analysis,
                    fits,
                    priority,
                    made_with,
                } = *pass;
                let old = self.source.list.replace(ListState {
                    numeric,
                    table: rows,
                    detection: l.detection,
                    read,
                    file,
                });
                // Freeing a large table takes a while: not on the UI thread.
                let old_analysis = self.results.analysis.take();
                if old.is_some() {
                    let _ = std::thread::Builder::new()
                        .name("enrichplan-free".into())
                        .spawn(move || drop((old, old_analysis)));
                }
                self.results.outcome = None;
                self.results.rows_cache = None;
                if std::env::var_os("ENRICHPLAN_TIMINGS").is_some()
                    && let Some(t) = super::STARTED.get()
                {
                    eprintln!(
                        "list in (read, hashed, analysed) {:.0} ms after start",
                        t.elapsed().as_secs_f64() * 1e3
                    );
                }
                if made_with == self.made_with() {
                    // Analysed in the pass that read it, with what is in force now (an
                    // analysis of the list it replaces is no longer wanted).
                    self.jobs.cancel(JobKind::Analyze);
                    self.handle_result(
                        JobKind::Analyze,
                        Ok(Output::Analysis(Box::new((analysis, fits, priority)))),
                    );
                } else {
                    self.reanalyze();
                }
            }
            Ok(Output::Reconciled(r)) => self.results.reconciliation = Some(*r),
            Ok(Output::Account(d)) => self.account_done(*d),
            Ok(Output::MappingRemembered(headers, remembered)) => {
                if self
                    .source
                    .list
                    .as_ref()
                    .is_some_and(|l| l.table.headers == headers)
                {
                    self.source.mapping_remembered = remembered;
                }
            }
            Ok(Output::Assumptions(c)) => {
                self.pricing.settings.assumptions = c.assumptions();
                self.pricing.calibration = Some(c);
                self.settings_changed();
            }
            Ok(Output::Log(loaded)) => {
                let super::background::Loaded {
                    list: l,
                    read,
                    file,
                    ..
                } = *loaded;
                let mapping = match self.source.pending.as_mut().and_then(|p| p.log.take()) {
                    Some(m) => m,
                    None => l.detection.mapping,
                };
                self.source.log = Some(LogState {
                    table: Arc::new(l.table),
                    mapping,
                    read,
                    file,
                });
                self.reanalyze();
                self.reanalyze_workspace();
            }
            Ok(Output::Analysis(b)) => {
                let (a, fits, priority) = *b;
                self.results.analysis = Some(Arc::new(a));
                self.results.fits = Arc::new(fits);
                if let Some(pc) = priority
                    && self
                        .source
                        .list
                        .as_ref()
                        .is_some_and(|l| Arc::ptr_eq(&l.table, &pc.0))
                {
                    self.source.priority_cache = Some(pc);
                }
                self.reprice();
            }
            Ok(Output::Spec(b)) => {
                let (spec, book, path) = *b;
                self.spec_opened(spec, book, path);
            }
            Ok(Output::Book(b)) => {
                let b = *b;
                self.view.notice = Some(format!("Opened price book {} ({})", b.name, b.id));
                if !self.pricing.books.iter().any(|x| x.id == b.id) {
                    self.pricing.books.push(b.clone());
                }
                self.set_book(b);
            }
            Ok(Output::PlanSaved(b)) => self.plan_saved(*b),
            Ok(Output::Priority(b)) => {
                let (table, column, p) = *b;
                if self
                    .source
                    .list
                    .as_ref()
                    .is_some_and(|l| Arc::ptr_eq(&l.table, &table))
                {
                    self.source.priority_cache = Some((table, column, p));
                }
                // For another list: the current one's may still be wanted.
                if self.results.fit_pending.is_some() {
                    self.reprice();
                }
            }
            // Kept even when stale: its credits serve a filter change (the tab asks again).
            Ok(Output::Rows(c)) => self.results.rows_cache = Some(*c),
            Ok(Output::Plan(b)) => self.plan_opened(*b),
            Ok(Output::Exported(path)) => {
                self.view.notice = Some(format!("Saved {}", path.display()))
            }
            Ok(Output::Segments(b)) => {
                let (column, groups) = *b;
                if self.view.split_by.as_ref() == Some(&column) {
                    self.results.split_groups = Some(groups);
                }
                if std::mem::take(&mut self.results.segments_stale) {
                    self.refresh_segments();
                }
            }
            Ok(Output::SpecSaved(b)) => {
                let (spec, path) = *b;
                self.spec_saved(spec, path);
            }
            Ok(Output::SpecAnalysis(b)) => {
                let (key, sa, mappings) = *b;
                self.spec_analysed(key, sa, mappings);
            }
            Err(Some(message)) => {
                self.view.errors.push(message);
                match kind {
                    JobKind::SavePlan | JobKind::SaveSpec => self.plans.close_after_save = false,
                    JobKind::Priority => {
                        // File order, said by the error; the fit is shown again.
                        self.pricing.settings.priority = None;
                        self.reprice();
                    }
                    JobKind::Segments => {
                        self.view.split_by = None;
                        self.results.split_groups = None;
                        self.results.segments_stale = false;
                    }
                    JobKind::Rows => self.results.rows_failed = true,
                    _ => {}
                }
            }
            Err(None) => self.view.notice = Some("Cancelled.".into()),
        }
    }

    /// Price the current analysis with the current settings (microseconds; every change).
    pub(crate) fn reprice(&mut self) {
        self.results.rows_cache = None;
        self.results.rows_failed = false;
        let Some(a) = self.results.analysis.clone() else {
            self.results.outcome = None;
            self.results.fit_pending = None;
            return;
        };
        // Fit-to-budget in a priority column's order needs the column parsed and the
        // contacts sorted by it (a tenth of a second at 1M rows): done on a worker once per
        // list, column and analysis (`prepare_priority`); until then no fit is shown.
        let mut fit_pending = None;
        let list = self.source.list.as_ref().map(|l| l.table.clone());
        let priority = match (self.pricing.settings.priority.clone(), list) {
            (Some(col), Some(table)) => {
                let cached = self
                    .source
                    .priority_cache
                    .as_ref()
                    .filter(|(t, c, _)| Arc::ptr_eq(t, &table) && c == &col)
                    .map(|(_, _, p)| p.clone());
                match cached {
                    Some(p) if self.results.fits.has(Some(&p)) => Some(p),
                    cached => {
                        if let Err(e) = engine::priority_column(&table, &col) {
                            self.view.errors.push(e.to_string());
                            self.pricing.settings.priority = None;
                        } else {
                            fit_pending = Some(col.clone());
                            self.prepare_priority(a.clone(), table, col, cached);
                        }
                        None
                    }
                }
            }
            _ => None,
        };
        let mut outcome = engine::estimate_with(
            &a,
            &self.results.fits,
            &self.pricing.settings,
            &self.pricing.book,
            self.persisted.budget.remaining(),
            priority.as_deref(),
        );
        if fit_pending.is_some()
            && let Some(b) = &mut outcome.budget
        {
            // Cut in file order, not in the column's: not shown.
            b.fit = None;
        }
        self.results.fit_pending = fit_pending;
        let mut warnings = self
            .source
            .list
            .as_ref()
            .map(|l| l.table.warnings.clone())
            .unwrap_or_default();
        if let Some(l) = &self.source.log {
            warnings.extend(l.table.warnings.iter().map(|w| format!("reveal log: {w}")));
        }
        warnings.extend(self.plans.warnings.iter().cloned());
        warnings.append(&mut outcome.estimate.warnings);
        outcome.estimate.warnings = warnings;
        self.results.outcome = Some(outcome);
        self.refresh_segments();
        self.persisted.settings = Some(self.pricing.settings.clone());
        self.persisted.pricebook = Some(self.pricing.book.id.clone());
        self.persisted.renewal = self.pricing.cycle.renewal;
        self.persisted.cycle_length = self.pricing.cycle.length;
    }

    /// Saving or exporting now would write a result without its fit to budget (the priority
    /// column's order is still being prepared): refused, saying so.
    pub(crate) fn fit_ready(&self) -> crate::Result<()> {
        match &self.results.fit_pending {
            Some(col) if self.source.list.is_some() => Err(crate::Error::Setting(format!(
                "the contacts are still being put in {col} order for the fit to budget; try again in a moment"
            ))),
            _ => Ok(()),
        }
    }

    /// Parse a priority column (unless `cached`) and build fit-to-budget's table in its
    /// order for analysis `a`, on a worker; [`EnrichApp::reprice`] then fits at once.
    fn prepare_priority(
        &mut self,
        a: Arc<crate::analysis::Analysis>,
        table: Arc<ListRows>,
        column: String,
        cached: Option<Arc<crate::budget::Priority>>,
    ) {
        // One per list and column (a newer list's request is not the older one's).
        let key = format!("{:p}|{column}", Arc::as_ptr(&table));
        if self.jobs.is_running(JobKind::Priority, &key) {
            return;
        }
        let settings = self.pricing.settings.clone();
        let fits = self.results.fits.clone();
        let label = format!("Ordering the contacts by {column}");
        let job = Job::spawn(
            JobKind::Priority,
            key,
            label,
            self.ctx.clone(),
            move |progress| {
                let p = match cached {
                    Some(p) => p,
                    // The one column, read from the file again unless kept.
                    None => match streamed::priority_of(&table, &settings, &a, &fits, progress)? {
                        Some((_, _, p)) => p,
                        None => return Err(crate::Error::Cancelled),
                    },
                };
                fits.get(&a, Some(&p));
                Ok(Output::Priority(Box::new((table, column, p))))
            },
        );
        self.start(job);
    }

    /// The Estimate view's "Split by" groups for the current settings: a group-by over every
    /// row (a third of a second at 1M rows), so on a worker; the groups shown stay until the
    /// new ones arrive. One runs at a time: a change while it runs asks for one more after.
    pub(crate) fn refresh_segments(&mut self) {
        let (Some(column), Some(l), Some(a)) = (
            &self.view.split_by,
            &self.source.list,
            &self.results.analysis,
        ) else {
            self.results.split_groups = None;
            return;
        };
        let column = match crate::segments::group_column(&l.table, column) {
            Ok(c) => c,
            Err(_) => {
                // The list has no such column (another list was opened): no split.
                self.view.split_by = None;
                self.results.split_groups = None;
                return;
            }
        };
        if self.jobs.runs(JobKind::Segments) {
            self.results.segments_stale = true;
            return;
        }
        let (a, table) = (a.clone(), l.table.clone());
        let (settings, book) = (self.pricing.settings.clone(), self.pricing.book.clone());
        let shown = self.view.split_by.clone().unwrap_or_default();
        let label = format!("Splitting the estimate by {column}");
        let job = Job::spawn(
            JobKind::Segments,
            column.clone(),
            label,
            self.ctx.clone(),
            move |p| {
                // The one column, read from the file again unless kept.
                let cells = table.columns(std::slice::from_ref(&column), p)?;
                let groups = crate::segments::group_by(&a, &cells, &column, &settings, &book)?;
                Ok(Output::Segments(Box::new((shown, groups))))
            },
        );
        self.start(job);
    }

    /// True while the "Split by" groups are being computed (the ones shown may be stale).
    pub fn splitting(&self) -> bool {
        self.jobs.runs(JobKind::Segments)
    }

    /// Settings changed: re-price at once.
    pub(crate) fn settings_changed(&mut self) {
        self.reprice();
        self.reprice_workspace();
    }

    /// The reveal log or the cycle changed: the Workspace tables' analysis is stale.
    pub(crate) fn reanalyze_workspace(&mut self) {
        if let Some(doc) = &mut self.plans.workspace {
            doc.analysis = None;
            self.workspace_changed();
        }
    }

    pub(crate) fn set_mapping(&mut self, role: Role, columns: Vec<String>) {
        self.source.mapping.set(role, columns);
        self.source.mapping_remembered = false;
        self.reanalyze();
    }

    /// Remember the roles in force for files with the list's columns (`true`), or forget
    /// them (`false`), in the background.
    pub(crate) fn remember_mapping(&mut self, remember: bool) {
        let (Some(store), Some(l)) = (self.source.mappings.clone(), &self.source.list) else {
            return;
        };
        let headers = l.table.headers.clone();
        let mapping = self.source.mapping.clone();
        let label = if remember {
            "Remembering the column roles"
        } else {
            "Forgetting the column roles"
        };
        let job = Job::spawn(
            JobKind::RememberMapping,
            String::new(),
            label.to_string(),
            self.ctx.clone(),
            move |_| {
                if remember {
                    store.remember(&headers, &mapping)?;
                } else {
                    store.forget(&headers)?;
                }
                Ok(Output::MappingRemembered(headers, remember))
            },
        );
        self.start(job);
    }

    /// Set the billing cycle (the renewal date and its length) and re-analyse.
    pub fn set_cycle(&mut self, cycle: Cycle) {
        if cycle != self.pricing.cycle {
            self.pricing.cycle = cycle;
            self.persisted.renewal = cycle.renewal;
            self.persisted.cycle_length = cycle.length;
            self.reanalyze();
            self.reanalyze_workspace();
        }
    }

    pub(crate) fn clear_log(&mut self) {
        self.jobs.cancel(JobKind::LoadLog);
        if self.source.log.take().is_some() {
            self.reanalyze();
            self.reanalyze_workspace();
        }
    }

    pub(crate) fn set_book(&mut self, book: PriceBook) {
        self.pricing.settings.assumptions = Assumptions::from_book(&book);
        self.pricing.book = book;
        self.reprice();
        self.reprice_workspace();
    }

    pub(crate) fn reset_assumptions(&mut self) {
        self.pricing.settings.assumptions = Assumptions::from_book(&self.pricing.book);
        self.pricing.calibration = None;
        self.reprice();
    }

    pub(crate) fn reset_settings(&mut self) {
        self.pricing.settings = Settings::defaults(&self.pricing.book);
        self.reprice();
    }

    /// The Rows tab's rows for the current filter and settings, priced on a worker (every
    /// row's status and credits: tens of milliseconds at 1M rows). The tab asks every frame
    /// until they are there; one job runs at a time. A filter change reuses the credits.
    pub(crate) fn prepare_rows(&mut self) {
        let Some(a) = self.results.analysis.clone() else {
            return;
        };
        // The tab asked last frame; the rows may have arrived since (this frame's poll).
        if self.jobs.runs(JobKind::Rows) || self.rows_ready().is_some() {
            return;
        }
        let filter = self.view.row_filter;
        let (settings, book) = (self.pricing.settings.clone(), self.pricing.book.clone());
        let credits = self
            .results
            .rows_cache
            .as_ref()
            .filter(|c| Arc::ptr_eq(&c.analysis, &a) && c.settings == settings)
            .map(|c| c.credits.clone());
        let job = Job::spawn(
            JobKind::Rows,
            "rows".into(),
            "Pricing every row".into(),
            self.ctx.clone(),
            move |_| {
                let credits =
                    credits.unwrap_or_else(|| Arc::new(rows::row_credits(&a, &settings, &book)));
                let indices = (0..a.row_contact.len())
                    .filter(|&r| filter.is_none_or(|f| rows::row_status(&a, r, &settings) == f))
                    .map(|r| r as u32)
                    .collect();
                Ok(Output::Rows(Box::new(RowsCache {
                    analysis: a,
                    settings,
                    filter,
                    indices,
                    credits,
                })))
            },
        );
        self.start(job);
    }

    /// The rows the Rows tab shows, when they are for the current analysis, settings and
    /// filter.
    pub(crate) fn rows_ready(&self) -> Option<&RowsCache> {
        let a = self.results.analysis.as_ref()?;
        self.results.rows_cache.as_ref().filter(|c| {
            Arc::ptr_eq(&c.analysis, a)
                && c.settings == self.pricing.settings
                && c.filter == self.view.row_filter
        })
    }

    /// Do what a menu item or shortcut asks.
    pub fn run_command(&mut self, cmd: Command) {
        if !cmd.is_available() {
            return;
        }
        match cmd {
            Command::Open => self.ask_file(FileFor::OpenAny, None),
            Command::OpenPlan => self.ask_file(FileFor::OpenPlan, None),
            Command::NewWorkspace => self.new_workspace(),
            Command::OpenWorkspace => self.ask_file(FileFor::OpenWorkspace, None),
            Command::SaveWorkspace => self.save_spec_dialog(false),
            Command::OpenRevealLog => self.ask_file(FileFor::OpenLog, None),
            Command::OpenSample => match super::sample_path(Sample::List) {
                Ok(p) => self.user_open_list(p),
                Err(e) => self.view.errors.push(e.to_string()),
            },
            Command::OpenSampleLog => match super::sample_path(Sample::RevealLog) {
                Ok(p) => {
                    let (y, m, d) = super::SAMPLE_RENEWAL;
                    self.pricing.cycle = Cycle {
                        renewal: chrono::NaiveDate::from_ymd_opt(y, m, d),
                        length: CycleLength::Monthly,
                    };
                    self.open_log(p);
                }
                Err(e) => self.view.errors.push(e.to_string()),
            },
            // Save acts on the view in front: on the Workspace view, its plan.
            Command::SavePlan if self.view.tab == super::Tab::Workspace => {
                self.save_spec_dialog(false)
            }
            Command::SavePlanAs if self.view.tab == super::Tab::Workspace => {
                self.save_spec_dialog(true)
            }
            Command::SavePlan => self.save_plan(false),
            Command::SavePlanAs => self.save_plan(true),
            Command::ShowEstimate => self.view.tab = super::Tab::Estimate,
            Command::ShowRows => self.view.tab = super::Tab::Rows,
            Command::ShowWorkspace => self.view.tab = super::Tab::Workspace,
            Command::ShowCompare => self.view.tab = super::Tab::Compare,
            Command::ExportReport => self.export(cmd, "estimate.json"),
            Command::ExportRows => self.export(cmd, "rows.csv"),
            Command::ExportTrimmed => self.export(cmd, "trimmed.csv"),
            Command::Quit => {
                if let Some(ctx) = &self.ctx {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        }
    }

    fn export(&mut self, cmd: Command, default_name: &str) {
        // On the Compare view the report is the comparison.
        if cmd == Command::ExportReport && self.view.tab == super::Tab::Compare {
            if self.plans.compare.is_empty() {
                self.view
                    .errors
                    .push("Nothing to export yet: add plans to Compare first.".into());
                return;
            }
            self.ask_file(FileFor::ExportCompare, Some("comparison.html".into()));
            return;
        }
        if self.results.analysis.is_none() || self.source.list.is_none() {
            self.view
                .errors
                .push("Nothing to export yet: open a contact list first.".into());
            return;
        }
        self.ask_file(FileFor::Export(cmd), Some(default_name.to_string()));
    }

    /// Write the Compare view's plans to `out` on a worker: a page (.html), the JSON
    /// (.json) or the table (.txt), by the extension.
    pub fn export_compare(&mut self, out: PathBuf) {
        let plans = self.plans.compare.clone();
        let label = format!("Exporting {}", file_name(&out));
        let job = Job::spawn(
            JobKind::Export,
            out.display().to_string(),
            label,
            self.ctx.clone(),
            move |_| {
                let inputs: Vec<&Path> = plans.iter().map(|(p, _)| p.as_path()).collect();
                crate::fsutil::ensure_not_input(&out, &inputs)?;
                let ext = out
                    .extension()
                    .map(|e| e.to_string_lossy().to_lowercase())
                    .unwrap_or_default();
                let c = crate::plan::compare(&plans)?;
                let bytes = match ext.as_str() {
                    "json" => serde_json::to_vec_pretty(&c)
                        .map_err(|e| crate::Error::Internal(e.to_string()))?,
                    "txt" => crate::plan::compare_table(&c).into_bytes(),
                    _ => crate::html::compare_page(&plans)?.into_bytes(),
                };
                crate::fsutil::write_atomic(&out, &bytes)?;
                Ok(Output::Exported(out))
            },
        );
        self.start(job);
    }

    /// Export to `out`, asking first (a modal) when the file exists.
    pub fn export_asking(&mut self, cmd: Command, out: PathBuf) {
        if out.exists() {
            self.view.prompt = Some(super::Prompt::Overwrite { cmd, path: out });
        } else {
            self.write_export(cmd, &out);
        }
    }

    /// Write an export (on a worker) and say so when written (or show the error).
    pub(crate) fn write_export(&mut self, cmd: Command, out: &Path) {
        if let Err(e) = self.export_to(cmd, out) {
            self.view.errors.push(e.to_string());
        }
    }

    /// Write an export to `out` on a worker (atomically; never over an input file). An
    /// error here is one found before writing (nothing to export); one while writing is
    /// shown when the worker ends.
    pub fn export_to(&mut self, cmd: Command, out: &Path) -> crate::Result<()> {
        let (Some(a), Some(list), Some(outcome)) = (
            &self.results.analysis,
            &self.source.list,
            &self.results.outcome,
        ) else {
            return Err(crate::Error::Setting(
                "nothing to export yet: open a contact list first".into(),
            ));
        };
        self.fit_ready()?;
        if !matches!(
            cmd,
            Command::ExportReport | Command::ExportRows | Command::ExportTrimmed
        ) {
            return Ok(());
        }
        // Checked here (paths only), so that the caller hears of it at once.
        let mut inputs: Vec<&Path> = vec![list.table.path.as_path()];
        inputs.extend(self.source.log.as_ref().map(|l| l.table.path.as_path()));
        crate::fsutil::ensure_not_input(out, &inputs)?;
        let (a, table, outcome) = (a.clone(), list.table.clone(), outcome.clone());
        let (settings, book) = (self.pricing.settings.clone(), self.pricing.book.clone());
        let mapping = self.source.mapping.clone();
        let name = self.plan_name();
        let out = out.to_path_buf();
        let label = format!("Exporting {}", file_name(&out));
        let job = Job::spawn(
            JobKind::Export,
            out.display().to_string(),
            label,
            self.ctx.clone(),
            move |p| {
                let bytes = match cmd {
                    Command::ExportReport => {
                        let json = report::json_report(
                            &outcome,
                            &settings,
                            &book,
                            mapping.to_json_map(&Role::LIST),
                            Some(&table.head),
                        );
                        crate::run::render_report(&out, &json, &outcome, &book, &name)?
                    }
                    // No cell is written: every row's line is enough.
                    Command::ExportRows => {
                        report::rows_report(&a, &table.without_cells(), &settings, &book)?
                    }
                    _ => {
                        let keep = crate::engine::trimmed_rows(&a, &settings, &outcome);
                        streamed::trimmed_list(&table, &keep, mapping.columns(Role::Email), p)?
                    }
                };
                crate::fsutil::write_atomic(&out, &bytes)?;
                Ok(Output::Exported(out))
            },
        );
        self.start(job);
        Ok(())
    }
}
