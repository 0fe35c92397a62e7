//! The Workspace plan in the window: several tables (row counts or contact lists), their
//! actions and the account-wide AI chat, opened from and saved to the same TOML as
//! `enrichplan estimate --spec`, and priced by the same engine functions. No drawing here.
//!
//! Sourced tables are read and analysed on a worker; the result is kept for as long as the
//! sourced tables (their files, read options and maps, in order) stay the same, so editing
//! row counts, rates and actions re-prices in microseconds.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::background::{Job, JobKind, Output};
use super::{EnrichApp, Tab};
use crate::engine::{self, SpecAnalysis, SpecOutcome};
use crate::pricebook::PriceBook;
use crate::workspace::{Spec, TableSource, TableSpec};

/// The Workspace plan being edited.
#[derive(Clone, Debug)]
pub(crate) struct WorkspaceDoc {
    pub spec: Spec,
    /// Where the spec is saved (TOML), if it is.
    pub path: Option<PathBuf>,
    /// The analysis of the sourced tables, and the sources it is of.
    pub analysis: Option<(String, Arc<SpecAnalysis>)>,
    /// Each sourced table's mapping (for reports), in table order.
    pub mappings: Vec<crate::input::roles::Mapping>,
    /// The last pricing: the estimate, or the message of why there is none (as shown).
    pub run: Option<Result<SpecOutcome, String>>,
    /// The spec as last saved or opened, to tell unsaved changes.
    pub saved: Option<Spec>,
}

impl WorkspaceDoc {
    pub fn new(spec: Spec, path: Option<PathBuf>) -> Self {
        WorkspaceDoc {
            saved: path.as_ref().map(|_| spec.clone()),
            spec,
            path,
            analysis: None,
            mappings: Vec::new(),
            run: None,
        }
    }

    /// The name shown and saved: the file's name, else "Workspace plan".
    pub fn name(&self) -> String {
        self.path
            .as_deref()
            .and_then(Path::file_stem)
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Workspace plan".into())
    }

    pub fn is_dirty(&self) -> bool {
        self.saved.as_ref() != Some(&self.spec)
    }

    /// The path used in messages (and to resolve nothing: sources are absolute here).
    pub fn message_path(&self) -> PathBuf {
        self.path
            .clone()
            .unwrap_or_else(|| PathBuf::from("Workspace plan"))
    }
}

/// What the analysis depends on: the sourced tables, in order.
pub(crate) fn sources_key(spec: &Spec) -> String {
    let sources: Vec<_> = spec
        .tables
        .iter()
        .filter_map(|t| match &t.source {
            TableSource::List { path, read, map } => Some((path, read, map)),
            TableSource::Rows(_) => None,
        })
        .collect();
    serde_json::to_string(&sources).unwrap_or_default()
}

impl EnrichApp {
    /// The Workspace plan, created empty (one table of 1,000 rows) when there is none.
    pub(crate) fn workspace_mut(&mut self) -> &mut WorkspaceDoc {
        let book = self.pricing.book.clone();
        self.plans.workspace.get_or_insert_with(|| {
            WorkspaceDoc::new(
                Spec {
                    pricebook: None,
                    ai_chat_prompts: 0,
                    tables: vec![TableSpec::new_rows("Table 1", 1000, &book)],
                },
                None,
            )
        })
    }

    /// A new Workspace plan, shown in the Workspace view.
    pub fn new_workspace(&mut self) {
        self.plans.workspace = None;
        self.workspace_mut();
        self.view.tab = Tab::Workspace;
        self.workspace_changed();
    }

    /// Read a spec (a `.toml`) on a worker and show it in the Workspace view.
    pub fn open_spec(&mut self, path: PathBuf) {
        let key = path.display().to_string();
        if self.jobs.is_running(JobKind::OpenSpec, &key) {
            return;
        }
        let label = format!("Reading Workspace plan {}", super::logic::file_name(&path));
        let job = Job::spawn(JobKind::OpenSpec, key, label, self.ctx.clone(), move |_| {
            let text = std::fs::read_to_string(&path).map_err(|e| crate::Error::io(&path, e))?;
            // A price book opened by mistake is used as one.
            if text.contains("[prices]") {
                return PriceBook::from_toml(&text, &path).map(|b| Output::Book(Box::new(b)));
            }
            let (spec, book) = Spec::parse(&text, &path, None)?;
            Ok(Output::Spec(Box::new((spec, book, path))))
        });
        self.start(job);
    }

    /// A spec has been read: it becomes the Workspace plan, with its price book.
    pub(crate) fn spec_opened(&mut self, spec: Spec, book: PriceBook, path: PathBuf) {
        self.persisted.remember(path.clone());
        if !self.pricing.books.iter().any(|b| b.id == book.id) {
            self.pricing.books.push(book.clone());
        }
        self.pricing.book = book;
        self.plans.workspace = Some(WorkspaceDoc::new(spec, Some(path)));
        self.view.tab = Tab::Workspace;
        self.workspace_changed();
    }

    /// Save the Workspace plan as TOML at `path` (atomically, on a worker).
    pub fn save_spec_to(&mut self, path: PathBuf) {
        let book_id = self.pricing.book.id.clone();
        let Some(doc) = &mut self.plans.workspace else {
            self.view
                .errors
                .push("Nothing to save: there is no Workspace plan.".into());
            return;
        };
        if crate::pricebook::is_shipped(&book_id)
            && (doc.spec.pricebook.is_some() || book_id != crate::pricebook::default_book().id)
        {
            doc.spec.pricebook = Some(book_id);
        }
        let spec = doc.spec.clone();
        let sources: Vec<PathBuf> = spec.sources().map(Path::to_path_buf).collect();
        let label = format!("Saving {}", super::logic::file_name(&path));
        let job = Job::spawn(
            JobKind::SaveSpec,
            path.display().to_string(),
            label,
            self.ctx.clone(),
            move |_| {
                let inputs: Vec<&Path> = sources.iter().map(PathBuf::as_path).collect();
                crate::fsutil::ensure_not_input(&path, &inputs)?;
                spec.save(&path)?;
                Ok(Output::SpecSaved(Box::new((spec, path))))
            },
        );
        self.start(job);
    }

    pub(crate) fn spec_saved(&mut self, spec: Spec, path: PathBuf) {
        self.persisted.remember(path.clone());
        if let Some(doc) = &mut self.plans.workspace {
            doc.path = Some(path.clone());
            doc.saved = Some(spec);
        }
        self.view.notice = Some(format!("Saved Workspace plan {}", path.display()));
    }

    /// Ask where to save (or save where it was), then save.
    pub(crate) fn save_spec_dialog(&mut self, as_new: bool) {
        let Some(doc) = &self.plans.workspace else {
            self.view
                .errors
                .push("Nothing to save: there is no Workspace plan.".into());
            return;
        };
        if !as_new && let Some(p) = doc.path.clone() {
            self.save_spec_to(p);
            return;
        }
        let name = format!("{}.toml", doc.name());
        self.ask_file(super::dialogs::FileFor::SaveWorkspace, Some(name));
    }

    /// Add a table reading the open contact list (or a file), at the book's default rates.
    pub fn add_list_table(&mut self, path: PathBuf) {
        let book = self.pricing.book.clone();
        let doc = self.workspace_mut();
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut t = TableSpec::new_rows(&doc.spec.free_name(&stem), 0, &book);
        t.source = TableSource::list(path);
        t.selection.email = true;
        doc.spec.tables.push(t);
        self.workspace_changed();
    }

    /// Add a table of a row count.
    pub fn add_rows_table(&mut self, rows: u64) {
        let book = self.pricing.book.clone();
        let doc = self.workspace_mut();
        let name = doc
            .spec
            .free_name(&format!("Table {}", doc.spec.tables.len() + 1));
        doc.spec
            .tables
            .push(TableSpec::new_rows(&name, rows, &book));
        self.workspace_changed();
    }

    /// Change the tables (remove, reorder, switch a source) at table `i`, then re-price.
    pub(crate) fn edit_table(&mut self, i: usize, f: impl FnOnce(&mut Vec<TableSpec>, usize)) {
        if let Some(doc) = &mut self.plans.workspace
            && i < doc.spec.tables.len()
        {
            f(&mut doc.spec.tables, i);
            self.workspace_changed();
        }
    }

    /// The spec changed: re-analyse when its sourced tables changed, else re-price.
    pub(crate) fn workspace_changed(&mut self) {
        let Some(doc) = &self.plans.workspace else {
            return;
        };
        let key = sources_key(&doc.spec);
        if doc.analysis.as_ref().is_some_and(|(k, _)| *k == key) {
            self.reprice_workspace();
            return;
        }
        if self.jobs.is_running(JobKind::AnalyzeSpec, &key) {
            return;
        }
        let spec = doc.spec.clone();
        let spec_path = doc.message_path();
        let log = self
            .source
            .log
            .as_ref()
            .map(|l| (l.table.clone(), l.mapping.clone()));
        let (cycle, today) = (self.pricing.cycle, self.pricing.today);
        let k = key.clone();
        let job = Job::spawn(
            JobKind::AnalyzeSpec,
            key,
            "Analysing the Workspace tables".into(),
            self.ctx.clone(),
            move |p| {
                let sources = engine::load_spec_sources(&spec, &spec_path, p)?;
                let sa = engine::analyze_spec(
                    &sources,
                    log.as_ref().map(|(t, m)| (t.as_ref(), m)),
                    cycle,
                    today,
                    p,
                )?;
                let mappings = sources.into_iter().map(|s| s.mapping).collect();
                Ok(Output::SpecAnalysis(Box::new((k, sa, mappings))))
            },
        );
        if let Some(doc) = &mut self.plans.workspace {
            doc.run = None;
        }
        self.start(job);
    }

    pub(crate) fn spec_analysed(
        &mut self,
        key: String,
        sa: SpecAnalysis,
        mappings: Vec<crate::input::roles::Mapping>,
    ) {
        if let Some(doc) = &mut self.plans.workspace {
            doc.analysis = Some((key, Arc::new(sa)));
            doc.mappings = mappings;
        }
        self.reprice_workspace();
    }

    /// Price the Workspace plan (the engine function the CLI's `--spec` uses).
    pub(crate) fn reprice_workspace(&mut self) {
        let budget = self.persisted.budget.remaining();
        let book = self.pricing.book.clone();
        // The reveal log's own reading warnings, as the CLI says them for a spec.
        let log_warnings: Vec<String> = self
            .source
            .log
            .as_ref()
            .map(|l| {
                l.table
                    .warnings
                    .iter()
                    .map(|w| format!("reveal log: {w}"))
                    .collect()
            })
            .unwrap_or_default();
        let Some(doc) = &mut self.plans.workspace else {
            return;
        };
        let Some((key, sa)) = &doc.analysis else {
            return;
        };
        if *key != sources_key(&doc.spec) {
            return;
        }
        doc.run = Some(
            engine::estimate_spec(&doc.spec, sa, &book, budget, &doc.message_path())
                .map(|mut run| {
                    let w = &mut run.outcome.estimate.warnings;
                    let mut all = log_warnings;
                    all.append(w);
                    *w = all;
                    run
                })
                .map_err(|e| e.to_string()),
        );
    }

    /// The Workspace plan's estimate, when priced.
    pub fn workspace_outcome(&self) -> Option<&SpecOutcome> {
        self.plans.workspace.as_ref()?.run.as_ref()?.as_ref().ok()
    }

    pub fn workspace_spec(&self) -> Option<&Spec> {
        self.plans.workspace.as_ref().map(|d| &d.spec)
    }

    /// Put the Workspace plan's result beside the others in the Compare view.
    pub fn add_workspace_to_compare(&mut self) -> crate::Result<()> {
        let Some(doc) = &self.plans.workspace else {
            return Err(crate::Error::Setting("there is no Workspace plan".into()));
        };
        let Some(run) = doc.run.as_ref().and_then(|r| r.as_ref().ok()) else {
            return Err(crate::Error::Setting(
                "the Workspace plan has no estimate yet".into(),
            ));
        };
        let name = doc.name();
        let plan = crate::plan::Plan::of_spec_result(
            &name,
            &doc.spec,
            self.pricing.cycle,
            self.persisted.budget.remaining(),
            &self.pricing.book,
            &run.outcome,
        );
        let key = doc
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from(format!("{name} (Workspace, unsaved)")));
        self.push_compare(key, plan);
        self.view.tab = Tab::Compare;
        Ok(())
    }
}
