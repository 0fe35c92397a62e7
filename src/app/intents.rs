//! What the user asked for: widgets only draw and say so as [`Intent`]s; `logic` applies
//! them before the next frame (re-pricing, reading files, starting jobs, answering
//! prompts). One place where every change of state that is not an edit of a value happens.

use std::path::PathBuf;

use super::dialogs::FileFor;
use super::{CloseAnswer, Command, EnrichApp};
use crate::cycle::Cycle;
use crate::input::reader::ReadOptions;
use crate::input::roles::Role;
use crate::pricebook::PriceBook;
use crate::workspace::TableSource;

/// One thing the user asked for in a frame.
#[derive(Clone, Debug)]
pub(crate) enum Intent {
    /// A menu, shortcut or toolbar command.
    Run(Command),
    /// Open a list, plan or spec (a recent file).
    Open(PathBuf),
    /// Hide the error message at this place.
    DismissError(usize),
    /// Stop the jobs the user can stop (the status bar's Cancel).
    CancelJobs,
    /// Ask for a file (native or built-in dialog).
    AskFile(FileFor),
    /// The settings were edited in place: price again.
    Reprice,
    /// Read the list again with other options (delimiter, encoding, header row …).
    ReloadList(ReadOptions),
    /// Read the reveal log again with other options.
    ReloadLog(ReadOptions),
    SetRole(Role, Vec<String>),
    /// Remember the roles in force for files with these columns (true) or forget them.
    RememberMapping(bool),
    SetCycle(Cycle),
    SetBook(Box<PriceBook>),
    ClearLog,
    ResetAssumptions,
    ResetSettings,
    /// Filter and price the Rows view's rows (its filter or the settings changed).
    PrepareRows,
    /// The Rows view's status filter (None: every row).
    RowFilter(Option<crate::rows::RowStatus>),
    /// The Estimate view's "Split by" column.
    SplitBy(Option<String>),
    /// Fit-to-budget's "Keep first" column.
    Priority(Option<String>),
    /// Re-run a plan on its list at `path` (or, with None, choose the file).
    LocateList(Option<PathBuf>),
    AnswerClose(CloseAnswer),
    AnswerOverwrite(bool),
    DismissPrompt,
    AddCompareDialog,
    AddCurrentToCompare,
    /// Take every plan out of the Compare view.
    ClearCompare,
    /// Take the plan at this place out of the Compare view.
    RemoveCompared(usize),
    Workspace(WorkspaceIntent),
    /// The Account section's buttons (`app/account.rs`).
    Account(super::account::AccountIntent),
}

/// The Workspace view's toolbar and table buttons.
#[derive(Clone, Debug)]
pub(crate) enum WorkspaceIntent {
    /// A table was edited in place: price the plan again.
    Changed,
    New,
    Open,
    Save {
        as_new: bool,
    },
    AddRows,
    AddOpenList,
    AddFile,
    Compare,
    Remove(usize),
    MoveUp(usize),
    UseOpenList(usize),
    UseFile(usize),
    UseRows(usize),
}

impl EnrichApp {
    /// Queue `intent` for `logic` (and ask for the frame that applies it).
    pub(crate) fn intend(&mut self, intent: Intent) {
        self.view.intents.push(intent);
        if let Some(ctx) = &self.ctx {
            ctx.request_repaint();
        }
    }

    /// Apply what the widgets asked for, in the order asked.
    pub(crate) fn apply_intents(&mut self) {
        for intent in std::mem::take(&mut self.view.intents) {
            self.apply_intent(intent);
        }
    }

    fn apply_intent(&mut self, intent: Intent) {
        match intent {
            Intent::Run(cmd) => self.run_command(cmd),
            Intent::Open(p) => self.open(p),
            Intent::DismissError(i) => {
                if i < self.view.errors.len() {
                    self.view.errors.remove(i);
                }
            }
            Intent::CancelJobs => {
                self.jobs.cancel_user();
                self.view.notice = Some("Cancelled.".into());
            }
            Intent::AskFile(f) => self.ask_file(f, None),
            Intent::Reprice => self.settings_changed(),
            Intent::ReloadList(read) => {
                if let Some(path) = self.source.list.as_ref().map(|l| l.table.path.clone()) {
                    self.open_list(path, read);
                }
            }
            Intent::ReloadLog(read) => {
                if let Some(path) = self.source.log.as_ref().map(|l| l.table.path.clone()) {
                    self.open_log_with(path, read);
                }
            }
            Intent::SetRole(role, cols) => self.set_mapping(role, cols),
            Intent::RememberMapping(on) => self.remember_mapping(on),
            Intent::SetCycle(c) => self.set_cycle(c),
            Intent::SetBook(b) => self.set_book(*b),
            Intent::ClearLog => self.clear_log(),
            Intent::ResetAssumptions => self.reset_assumptions(),
            Intent::ResetSettings => self.reset_settings(),
            Intent::PrepareRows => {
                self.prepare_rows();
            }
            Intent::RowFilter(f) => {
                if f != self.view.row_filter {
                    // Another filter: try pricing the rows again if they failed.
                    self.results.rows_failed = false;
                }
                self.view.row_filter = f;
            }
            Intent::SplitBy(c) => self.set_split_by(c),
            Intent::Priority(c) => self.set_priority(c),
            Intent::LocateList(Some(p)) => self.locate_list(p),
            Intent::LocateList(None) => self.locate_list_dialog(),
            Intent::AnswerClose(a) => self.answer_close(a),
            Intent::AnswerOverwrite(b) => self.answer_overwrite(b),
            Intent::DismissPrompt => self.view.prompt = None,
            Intent::AddCompareDialog => self.add_compare_dialog(),
            Intent::AddCurrentToCompare => {
                if let Err(e) = self.add_current_to_compare() {
                    self.view.errors.push(e.to_string());
                }
            }
            Intent::ClearCompare => self.plans.compare.clear(),
            Intent::RemoveCompared(i) => {
                if i < self.plans.compare.len() {
                    self.plans.compare.remove(i);
                }
            }
            Intent::Workspace(w) => self.apply_workspace(w),
            Intent::Account(a) => self.apply_account(a),
        }
    }

    fn apply_workspace(&mut self, w: WorkspaceIntent) {
        let open_list = self.source.list.as_ref().map(|l| l.table.path.clone());
        match w {
            WorkspaceIntent::Changed => self.workspace_changed(),
            WorkspaceIntent::New => self.new_workspace(),
            WorkspaceIntent::Open => self.ask_file(FileFor::OpenWorkspace, None),
            WorkspaceIntent::Save { as_new } => self.save_spec_dialog(as_new),
            WorkspaceIntent::AddRows => self.add_rows_table(1000),
            WorkspaceIntent::AddOpenList => {
                if let Some(p) = open_list {
                    self.add_list_table(p);
                }
            }
            WorkspaceIntent::AddFile => self.ask_file(FileFor::AddTableFile, None),
            WorkspaceIntent::Compare => {
                if let Err(e) = self.add_workspace_to_compare() {
                    self.view.errors.push(e.to_string());
                }
            }
            WorkspaceIntent::Remove(i) => self.edit_table(i, |tables, i| {
                tables.remove(i);
            }),
            WorkspaceIntent::MoveUp(i) => self.edit_table(i, |tables, i| tables.swap(i - 1, i)),
            WorkspaceIntent::UseOpenList(i) => {
                if let Some(p) = open_list {
                    self.edit_table(i, |tables, i| tables[i].source = TableSource::list(p));
                }
            }
            WorkspaceIntent::UseFile(i) => self.ask_file(FileFor::TableFile(i), None),
            WorkspaceIntent::UseRows(i) => {
                let rows = self
                    .workspace_outcome()
                    .and_then(|r| r.tables.get(i))
                    .map_or(0, |e| e.counts.rows);
                self.edit_table(i, |tables, i| tables[i].source = TableSource::Rows(rows));
            }
        }
    }
}
