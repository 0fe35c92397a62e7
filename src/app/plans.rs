//! Plans in the window: the plan as it would be saved (built exactly like the CLI's
//! `--save-plan`), saving and opening it, unsaved changes, the Compare tab's plans and the
//! questions asked in modals. No drawing here.

use std::path::{Path, PathBuf};

use eframe::egui;

use super::{Command, EnrichApp, PlanDoc};
use crate::input::reader::ReadOptions;
use crate::input::roles::Mapping;
use crate::plan::{self, Money, Plan, SourceState};
use crate::run::{Request, Roles, Source};

/// A plan whose saved result is shown read-only (its list is missing, or changed and not
/// re-run yet). Paths in `plan` are absolute.
#[derive(Clone, Debug)]
pub struct SavedView {
    pub path: PathBuf,
    pub plan: Plan,
    /// The list's path when it is missing.
    pub missing: Option<PathBuf>,
}

/// The mappings of a plan being opened, used instead of detection when its files load.
#[derive(Clone, Debug, Default)]
pub(crate) struct PendingPlan {
    pub list: Option<Mapping>,
    pub log: Option<Mapping>,
}

/// A question the window asks in a modal.
#[derive(Clone, Debug, PartialEq)]
pub enum Prompt {
    /// Closing with unsaved changes: save, discard or cancel.
    Close,
    /// The chosen file exists: replace it?
    Overwrite { cmd: Command, path: PathBuf },
    /// The plan's list changed since it was saved: re-run on it, or locate another.
    SourceChanged { list: PathBuf },
}

/// How the user answered the unsaved-changes question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CloseAnswer {
    Save,
    Discard,
    Cancel,
}

/// What the open plan is made of, to tell unsaved changes (compared, never saved): the
/// run's [`Request`] when a list is loaded, else the saved result shown, and the name and
/// notes as typed.
#[derive(Clone, Debug)]
pub(crate) struct PlanState {
    request: Option<Request>,
    view: Option<PathBuf>,
    name: String,
    notes: String,
}

impl PlanState {
    fn same(&self, o: &PlanState) -> bool {
        let requests = match (&self.request, &o.request) {
            (Some(a), Some(b)) => a.same_plan(b),
            (None, None) => true,
            _ => false,
        };
        requests && self.view == o.view && self.name == o.name && self.notes == o.notes
    }
}

/// True for a `.enrichplan.json` file name.
pub fn is_plan_path(p: &Path) -> bool {
    p.file_name()
        .map(|n| {
            n.to_string_lossy()
                .to_lowercase()
                .ends_with(plan::EXTENSION)
        })
        .unwrap_or(false)
}

/// `x` → `x.enrichplan.json`, `x.json` → `x.enrichplan.json`.
pub(crate) fn with_plan_extension(p: PathBuf) -> PathBuf {
    if is_plan_path(&p) {
        return p;
    }
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plan".into());
    let stem = name.strip_suffix(".json").unwrap_or(&name).to_string();
    p.with_file_name(format!("{stem}{}", plan::EXTENSION))
}

fn plan_stem(p: &Path) -> String {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let lower = name.to_lowercase();
    if lower.ends_with(plan::EXTENSION) {
        name[..name.len() - plan::EXTENSION.len()].to_string()
    } else {
        p.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default()
    }
}

fn absolute_sources(plan_path: &Path, p: &mut Plan) {
    for s in [p.source.as_mut(), p.reveal_log.as_mut()]
        .into_iter()
        .flatten()
    {
        s.file.path = Plan::resolve(plan_path, &s.file.path);
    }
}

impl EnrichApp {
    /// Open a plan (by its `.enrichplan.json` name) or a contact list.
    pub(crate) fn open_any(&mut self, path: PathBuf) {
        if is_plan_path(&path) {
            self.open_plan(&path);
        } else if crate::workspace::is_spec_path(&path) {
            self.open_spec(path);
        } else {
            self.user_open_list(path);
        }
    }

    /// The user opens a list: it replaces the plan's list (a change to an open plan).
    pub(crate) fn user_open_list(&mut self, path: PathBuf) {
        self.source.pending = None;
        if self
            .source
            .list
            .as_ref()
            .is_none_or(|l| l.table.path != path)
        {
            // Another list: a save still being written is of the plan before it.
            self.new_document();
        }
        if self.plans.doc.path.is_none() {
            self.plans.rebaseline = true;
        }
        // Another list starts from the defaults: the previous list's channel, reveals, rates
        // and budget were choices for that list (a plan keeps them with it). The reveal log
        // and the billing cycle are the account's, so they stay.
        if self
            .source
            .list
            .as_ref()
            .is_some_and(|l| l.table.path != path)
        {
            let defaults = crate::pricing::Settings::defaults(&self.pricing.book);
            let budget_was_on = self.persisted.budget.enabled;
            if self.pricing.settings != defaults || budget_was_on {
                self.pricing.settings = defaults;
                self.persisted.budget.enabled = false;
                self.plans.doc = PlanDoc::default();
                self.view.notice = Some(
                    "New list: channel, reveals, rates and budget are back to their defaults (the reveal log and billing cycle are kept)."
                        .into(),
                );
            }
        }
        self.open_list(path, ReadOptions::default());
    }

    /// The plan's name: as typed, else from its file, else from the list.
    pub fn plan_name(&self) -> String {
        if !self.plans.doc.name.trim().is_empty() {
            return self.plans.doc.name.trim().to_string();
        }
        if let Some(p) = &self.plans.doc.path {
            return plan_stem(p);
        }
        if let Some(l) = &self.source.list {
            return plan_stem(&l.table.path);
        }
        "plan".into()
    }

    /// The window was let close (the user discarded, or everything asked for was saved).
    pub fn closing(&self) -> bool {
        self.view.allow_close
    }

    /// Where the open plan is saved, if it is.
    pub fn plan_path(&self) -> Option<&Path> {
        self.plans.doc.path.as_deref()
    }

    /// The saved result shown read-only, if any.
    pub fn saved_view(&self) -> Option<&SavedView> {
        self.plans.saved_view.as_ref()
    }

    pub fn prompt(&self) -> Option<&Prompt> {
        self.view.prompt.as_ref()
    }

    /// The plans in the Compare tab.
    pub fn compared(&self) -> &[(PathBuf, Plan)] {
        &self.plans.compare
    }

    /// Warnings from opening the plan.
    pub fn plan_warnings(&self) -> &[String] {
        &self.plans.warnings
    }

    /// The run the window shows, as a [`Request`]: the list and the log with their read
    /// options and roles, the settings, book, cycle, budget, name and notes. What a saved
    /// plan holds and what the unsaved-changes check compares are both made from it.
    pub fn request(&self) -> Option<Request> {
        let list = self.source.list.as_ref()?;
        Some(Request {
            list: Source {
                path: list.table.path.clone(),
                read: list.read.clone(),
                roles: Roles::Given(self.source.mapping.clone()),
            },
            log: self.source.log.as_ref().map(|l| Source {
                path: l.table.path.clone(),
                read: l.read.clone(),
                roles: Roles::Given(l.mapping.clone()),
            }),
            settings: self.pricing.settings.clone(),
            book: self.pricing.book.clone(),
            cycle: self.pricing.cycle,
            today: self.pricing.today,
            budget: self.persisted.budget.remaining(),
            money: self.money(),
            name: self.plan_name(),
            notes: self.plans.doc.notes.clone(),
            created: self.plans.doc.created,
            plan: self.plans.doc.path.clone(),
            outputs: Default::default(),
            plan_tier: Default::default(),
            notes_made: Vec::new(),
        })
    }

    /// What the open plan is made of now, to tell unsaved changes.
    pub(crate) fn plan_state(&self) -> PlanState {
        PlanState {
            request: self.request(),
            view: self.plans.saved_view.as_ref().map(|v| v.path.clone()),
            name: self.plans.doc.name.clone(),
            notes: self.plans.doc.notes.clone(),
        }
    }

    /// True when the plan changed since it was last saved or opened.
    pub fn is_dirty(&self) -> bool {
        self.plans
            .baseline
            .as_ref()
            .is_some_and(|b| !b.same(&self.plan_state()))
    }

    /// After loads finish: take the state as the saved one when asked to.
    pub(crate) fn settle(&mut self) {
        if self.plans.rebaseline && !self.jobs.busy() {
            self.plans.baseline = Some(self.plan_state());
            self.plans.rebaseline = false;
        }
    }

    /// The window's title: the plan's name and a `*` when it has unsaved changes.
    pub fn title(&self) -> String {
        if self.source.list.is_none()
            && self.plans.saved_view.is_none()
            && self.plans.doc.path.is_none()
        {
            return "enrichplan".into();
        }
        let dirty = if self.is_dirty() { " *" } else { "" };
        format!("{}{dirty} — enrichplan", self.plan_name())
    }

    fn money(&self) -> Money {
        let b = &self.persisted.budget;
        Money {
            price_per_credit: b.money.then_some(b.price_per_credit),
            currency: (b.money && !b.currency.trim().is_empty())
                .then(|| b.currency.trim().to_string()),
        }
    }

    /// The plan as it would be saved now (the same fields as `estimate --save-plan`).
    pub fn current_plan(&self) -> crate::Result<Plan> {
        if self.source.list.is_none()
            && let Some(v) = &self.plans.saved_view
        {
            let mut p = v.plan.clone();
            p.name = self.plan_name();
            p.notes = self.plans.doc.notes.clone();
            return Ok(p);
        }
        let (Some(list), Some(outcome), Some(request)) =
            (&self.source.list, &self.results.outcome, self.request())
        else {
            return Err(crate::Error::Setting(
                "nothing to save yet: open a contact list and wait for its estimate".into(),
            ));
        };
        Ok(request.plan(
            (list.file.clone(), &self.source.mapping),
            self.source
                .log
                .as_ref()
                .map(|l| (l.file.clone(), &l.mapping)),
            outcome,
        ))
    }

    /// Save the plan to `path` (atomically, on a worker; never over the list or the log).
    /// An error here is one found before writing (nothing to save); one while writing is
    /// shown when the worker ends, like any job's.
    pub fn save_plan_to(&mut self, path: &Path) -> crate::Result<()> {
        self.fit_ready()?;
        let path = with_plan_extension(path.to_path_buf());
        if self.plans.doc.name.trim().is_empty() {
            self.plans.doc.name = plan_stem(&path);
        }
        let plan = self.current_plan()?;
        // Checked here (paths only), so that the caller hears of it at once.
        let inputs: Vec<&Path> = [
            self.source.list.as_ref().map(|l| l.table.path.as_path()),
            self.source.log.as_ref().map(|l| l.table.path.as_path()),
        ]
        .into_iter()
        .flatten()
        .collect();
        crate::fsutil::ensure_not_input(&path, &inputs)?;
        let signature = self.plan_state();
        let generation = self.plans.generation;
        let label = format!("Saving {}", super::logic::file_name(&path));
        let job = super::background::Job::spawn(
            super::background::JobKind::SavePlan,
            path.display().to_string(),
            label,
            self.ctx.clone(),
            move |_| {
                let mut plan = plan;
                plan.save(&path)?;
                Ok(super::background::Output::PlanSaved(Box::new(
                    super::background::SavedPlan {
                        path,
                        plan,
                        signature,
                        generation,
                    },
                )))
            },
        );
        self.start(job);
        Ok(())
    }

    /// A plan has been written (by [`EnrichApp::save_plan_to`]'s worker).
    pub(crate) fn plan_saved(&mut self, saved: super::background::SavedPlan) {
        let super::background::SavedPlan {
            path,
            plan,
            signature,
            generation,
        } = saved;
        self.persisted.remember(path.clone());
        self.view.notice = Some(format!("Saved plan {}", path.display()));
        if generation != self.plans.generation {
            // Another plan or list was opened while it was written: that one is not saved.
            return;
        }
        self.plans.doc.path = Some(path.clone());
        self.plans.doc.created = Some(plan.created);
        if let Some(v) = &mut self.plans.saved_view {
            v.path = path.clone();
            v.plan = plan;
        }
        // What was saved is the baseline: a change made while it was written stays unsaved.
        self.plans.baseline = Some(signature);
    }

    /// Another plan document is being opened: saves still being written belong to the one
    /// before (they do not mark this one saved, nor close the window).
    fn new_document(&mut self) {
        self.plans.generation += 1;
        self.plans.close_after_save = false;
    }

    /// After the finished jobs' results are applied: close the window when the user asked
    /// to save and close, and nothing is left unsaved or being written.
    pub(crate) fn close_if_saved(&mut self) {
        if self.plans.close_after_save
            && !self.jobs.runs(super::background::JobKind::SavePlan)
            && !self.jobs.runs(super::background::JobKind::SaveSpec)
        {
            self.plans.close_after_save = false;
            if self.unsaved().is_empty() {
                self.view.allow_close = true;
                if let Some(ctx) = &self.ctx {
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
        }
    }

    /// Ctrl+S (asks for a path the first time) and Save as.
    pub(crate) fn save_plan(&mut self, as_new: bool) {
        if self.results.outcome.is_none() && self.plans.saved_view.is_none() {
            self.view
                .errors
                .push("Nothing to save yet: open a contact list and wait for its estimate.".into());
            return;
        }
        if !as_new && let Some(p) = self.plans.doc.path.clone() {
            self.finish_save(&p);
            return;
        }
        let name = format!("{}{}", self.plan_name(), plan::EXTENSION);
        self.ask_file(super::dialogs::FileFor::SavePlan, Some(name));
    }

    /// Where to save the plan has been chosen: save, or ask before replacing a file.
    pub(crate) fn save_plan_chosen(&mut self, p: PathBuf) {
        let p = with_plan_extension(p);
        if p.exists() && self.plans.doc.path.as_ref() != Some(&p) {
            self.view.prompt = Some(Prompt::Overwrite {
                cmd: Command::SavePlanAs,
                path: p,
            });
            return;
        }
        self.finish_save(&p);
    }

    fn finish_save(&mut self, p: &Path) -> bool {
        match self.save_plan_to(p) {
            Ok(()) => true,
            Err(e) => {
                self.view.errors.push(e.to_string());
                false
            }
        }
    }

    /// Open a plan: list, mapping, settings, price book, cycle, budget, money, reveal log.
    /// The plan is read and its list checked (hashed) on a worker; [`EnrichApp::plan_opened`]
    /// applies it.
    pub fn open_plan(&mut self, path: &Path) {
        let path = path.to_path_buf();
        let label = format!("Opening {}", super::logic::file_name(&path));
        let job = super::background::Job::spawn(
            super::background::JobKind::OpenPlan,
            path.display().to_string(),
            label,
            self.ctx.clone(),
            move |_| {
                let plan = Plan::load(&path)?;
                let list = plan
                    .source
                    .as_ref()
                    .map(|s| (Plan::source_state(&path, s), Plan::read_options(s)));
                Ok(super::background::Output::Plan(Box::new(
                    super::background::OpenedPlan { path, plan, list },
                )))
            },
        );
        self.start(job);
    }

    /// A plan has been read (by [`EnrichApp::open_plan`]'s worker): open what it names.
    pub(crate) fn plan_opened(&mut self, opened: super::background::OpenedPlan) {
        let super::background::OpenedPlan {
            path,
            plan: mut p,
            list: states,
        } = opened;
        let path = path.as_path();
        self.persisted.remember(path.to_path_buf());
        if let Some(sr) = &p.spec {
            // A plan made from a Workspace spec opens the spec, with the plan's settings.
            let spec = Plan::resolve(path, &sr.file.path);
            if !spec.exists() {
                self.view.errors.push(format!(
                    "{}: the plan's Workspace spec {} is missing: it was moved or deleted",
                    path.display(),
                    spec.display()
                ));
                return;
            }
            self.pricing.cycle = p.cycle;
            let b = &mut self.persisted.budget;
            b.enabled = p.budget.is_some();
            if let Some(r) = p.budget {
                b.remaining = r;
            }
            self.open_spec(spec);
            return;
        }
        self.jobs.cancel_all();
        absolute_sources(path, &mut p);
        let (book, note) = p.book();
        if !self.pricing.books.iter().any(|b| b.id == book.id) {
            self.pricing.books.push(book.clone());
        }
        self.pricing.book = book;
        self.pricing.settings = p.settings.clone();
        self.pricing.cycle = p.cycle;
        let b = &mut self.persisted.budget;
        b.enabled = p.budget.is_some();
        if let Some(r) = p.budget {
            b.remaining = r;
        }
        b.money = p.money.price_per_credit.is_some();
        if let Some(x) = p.money.price_per_credit {
            b.price_per_credit = x;
        }
        if let Some(c) = &p.money.currency {
            b.currency = c.clone();
        }
        self.new_document();
        self.plans.doc = PlanDoc {
            path: Some(path.to_path_buf()),
            name: p.name.clone(),
            notes: p.notes.clone(),
            created: Some(p.created),
        };
        self.plans.warnings = note.into_iter().collect();
        self.source.pending = Some(PendingPlan {
            list: p.source.as_ref().map(|s| s.mapping.clone()),
            log: p.reveal_log.as_ref().map(|s| s.mapping.clone()),
        });
        self.source.log = None;
        if let Some(l) = &p.reveal_log {
            if l.file.path.exists() {
                self.open_log_with(l.file.path.clone(), Plan::read_options(l));
            } else {
                self.plans.warnings.push(format!(
                    "the plan's reveal log {} is missing: nothing counts as already revealed",
                    l.file.path.display()
                ));
            }
        }
        let list_path = p.source.as_ref().map(|s| s.file.path.clone());
        let mut view = SavedView {
            path: path.to_path_buf(),
            plan: p,
            missing: None,
        };
        match (states, list_path) {
            (Some((SourceState::Same, read)), Some(lp)) => {
                self.plans.saved_view = None;
                self.open_list(lp, read);
            }
            (Some((SourceState::Changed, _)), Some(lp)) => {
                self.drop_list();
                self.plans.saved_view = Some(view);
                self.view.prompt = Some(Prompt::SourceChanged { list: lp });
            }
            (_, lp) => {
                self.drop_list();
                view.missing = lp;
                self.plans.saved_view = Some(view);
            }
        }
        self.plans.rebaseline = true;
        self.settle();
    }

    fn drop_list(&mut self) {
        self.jobs.cancel(super::background::JobKind::LoadList);
        self.jobs.cancel(super::background::JobKind::Analyze);
        let old = (self.source.list.take(), self.results.analysis.take());
        let _ = std::thread::Builder::new()
            .name("enrichplan-free".into())
            .spawn(move || drop(old));
        self.results.outcome = None;
        self.results.rows_cache = None;
        self.results.fit_pending = None;
    }

    /// Use `path` as the open plan's list (found elsewhere, or changed): its saved mapping
    /// and read options are kept.
    pub fn locate_list(&mut self, path: PathBuf) {
        let source = self
            .plans
            .saved_view
            .as_ref()
            .and_then(|v| v.plan.source.clone());
        let read = source.as_ref().map(Plan::read_options).unwrap_or_default();
        let pending = self.source.pending.get_or_insert_with(Default::default);
        pending.list = source.map(|s| s.mapping);
        if matches!(self.view.prompt, Some(Prompt::SourceChanged { .. })) {
            self.view.prompt = None;
        }
        self.open_list(path, read);
    }

    /// "Locate the list…": a file dialog, then [`Self::locate_list`].
    pub(crate) fn locate_list_dialog(&mut self) {
        self.ask_file(super::dialogs::FileFor::LocateList, None);
    }

    /// Answer the unsaved-changes question.
    pub fn answer_close(&mut self, a: CloseAnswer) {
        self.view.prompt = None;
        let close = match a {
            CloseAnswer::Cancel => false,
            CloseAnswer::Discard => true,
            CloseAnswer::Save => {
                if self.is_dirty() {
                    self.save_plan(false);
                }
                if self.plans.workspace.as_ref().is_some_and(|w| w.is_dirty()) {
                    self.save_spec_dialog(false);
                }
                use super::background::JobKind;
                if self.jobs.runs(JobKind::SavePlan) || self.jobs.runs(JobKind::SaveSpec) {
                    // Written on workers: close once they are saved (close_if_saved).
                    self.plans.close_after_save = true;
                    false
                } else {
                    !self.is_dirty() && self.view.prompt.is_none()
                }
            }
        };
        if close {
            self.view.allow_close = true;
            if let Some(ctx) = &self.ctx {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// What has unsaved changes, in words: the plan, the Workspace plan.
    pub fn unsaved(&self) -> Vec<String> {
        let mut v = Vec::new();
        if self.is_dirty() {
            v.push(format!("The plan \"{}\"", self.plan_name()));
        }
        if let Some(w) = self.plans.workspace.as_ref().filter(|w| w.is_dirty()) {
            v.push(format!("The Workspace plan \"{}\"", w.name()));
        }
        v
    }

    /// Closing was asked: let it through, or ask first when there are unsaved changes.
    pub(crate) fn on_close_requested(&mut self, ctx: &egui::Context) {
        if self.view.allow_close || self.unsaved().is_empty() {
            return;
        }
        ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        self.view.prompt = Some(Prompt::Close);
    }

    /// Answer "replace the existing file?".
    pub fn answer_overwrite(&mut self, replace: bool) {
        let Some(Prompt::Overwrite { cmd, path }) = self.view.prompt.take() else {
            return;
        };
        if !replace {
            return;
        }
        match cmd {
            Command::SavePlan | Command::SavePlanAs => {
                self.finish_save(&path);
            }
            Command::SaveWorkspace => self.save_spec_to(path),
            _ => self.write_export(cmd, &path),
        }
    }

    /// Add plan files to the Compare tab (a plan must have a saved result).
    pub fn add_to_compare(&mut self, path: PathBuf) -> crate::Result<()> {
        let p = Plan::load(&path)?;
        if p.result.is_none() {
            return Err(crate::Error::input(
                &path,
                None,
                "the plan has no saved result; open it, let it estimate and save it first",
            ));
        }
        self.plans.compare.retain(|(q, _)| q != &path);
        self.plans.compare.push((path, p));
        Ok(())
    }

    /// Add the plan as it would be saved now.
    pub fn add_current_to_compare(&mut self) -> crate::Result<()> {
        let p = self.current_plan()?;
        let path = self
            .plans
            .doc
            .path
            .clone()
            .unwrap_or_else(|| PathBuf::from(format!("{} (current, unsaved)", p.name)));
        self.push_compare(path, p);
        Ok(())
    }

    /// Add a plan to the Compare view beside the others: a second plan of the same name or
    /// file (the current plan with other settings, say) is kept as its own entry.
    pub(crate) fn push_compare(&mut self, key: PathBuf, p: Plan) {
        let taken = |k: &PathBuf| self.plans.compare.iter().any(|(q, _)| q == k);
        let unique = (1..)
            .map(|n| match n {
                1 => key.clone(),
                n => PathBuf::from(format!("{} #{n}", key.display())),
            })
            .find(|k| !taken(k))
            .expect("an unused key");
        self.plans.compare.push((unique, p));
    }

    pub(crate) fn add_compare_dialog(&mut self) {
        self.ask_file(super::dialogs::FileFor::AddCompare, None);
    }
}
