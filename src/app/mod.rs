//! The desktop window (eframe/egui): a thin face over [`crate::engine`].
//!
//! - [`state`]: what is persisted between runs;
//! - [`commands`]: every action with its label, shortcut and tooltip;
//! - `background`: worker threads for loading and analysing;
//! - `intents`: what widgets ask for, applied before the next frame;
//! - `logic`: applying commands and job results;
//! - `ui` and `widgets`: drawing.

mod account;
mod background;
pub mod commands;
pub mod dialogs;
mod intents;
mod logic;
mod plans;
pub mod state;
mod streamed;
mod ui;
mod widgets;
mod workspace;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use chrono::NaiveDate;
use eframe::egui;

use crate::analysis::Analysis;
use crate::cycle::Cycle;
use crate::engine::Outcome;
use crate::input::reader::{ContactTable, ListRows, ReadOptions};
use crate::input::roles::{Detection, Mapping};
use crate::pricebook::{self, PriceBook};
use crate::pricing::Settings;
use crate::rows::RowStatus;

pub use commands::Command;
pub use plans::{CloseAnswer, Prompt, SavedView, is_plan_path};
pub use widgets::format::int as fmt_int;

/// The bundled sample list and reveal log, written to a cache directory when opened.
const SAMPLE_LIST: &[u8] = include_bytes!("../../sample-data/contacts.csv");
const SAMPLE_LOG: &[u8] = include_bytes!("../../sample-data/reveal-log.csv");
/// The sample log's suggested renewal date (monthly).
pub const SAMPLE_RENEWAL: (i32, u32, u32) = (2026, 12, 15);

/// Which bundled file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sample {
    List,
    RevealLog,
}

/// Where a bundled sample is written (no file is touched).
pub fn sample_location(which: Sample) -> PathBuf {
    let name = match which {
        Sample::List => "contacts.csv",
        Sample::RevealLog => "reveal-log.csv",
    };
    // The system's cache folder (XDG_CACHE_HOME or ~/.cache on Linux, ~/Library/Caches on
    // macOS, %LOCALAPPDATA% on Windows), else the temporary folder.
    directories::ProjectDirs::from("dev", "enrichplan", "enrichplan")
        .map(|d| d.cache_dir().to_path_buf())
        .unwrap_or_else(|| std::env::temp_dir().join("enrichplan"))
        .join("sample")
        .join(name)
}

/// Write a bundled sample to the cache directory (once) and return its path.
pub fn sample_path(which: Sample) -> crate::Result<PathBuf> {
    let bytes = match which {
        Sample::List => SAMPLE_LIST,
        Sample::RevealLog => SAMPLE_LOG,
    };
    let path = sample_location(which);
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    if std::fs::read(&path).ok().as_deref() != Some(bytes) {
        std::fs::create_dir_all(&dir).map_err(|e| crate::Error::io(&dir, e))?;
        crate::fsutil::write_atomic(&path, bytes)?;
    }
    Ok(path)
}

/// The central tabs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    #[default]
    Estimate,
    Rows,
    Workspace,
    Compare,
}

/// The plan being edited: where it is saved, its name and notes.
#[derive(Clone, Debug, Default)]
pub(crate) struct PlanDoc {
    pub path: Option<PathBuf>,
    pub name: String,
    pub notes: String,
    pub created: Option<chrono::DateTime<chrono::Utc>>,
}

/// A loaded contact list: its first rows, every row's line and where it is in the file
/// (cells are read back from there: the Rows view's, a column, an export's).
pub(crate) struct ListState {
    pub table: Arc<ListRows>,
    pub detection: Detection,
    pub read: ReadOptions,
    /// Its fingerprint, taken as it was read (what a saved plan records).
    pub file: crate::plan::Fingerprint,
    /// The columns that can order the fit to budget (mostly numbers).
    pub numeric: Vec<String>,
}

/// A loaded reveal log.
pub(crate) struct LogState {
    pub table: Arc<ContactTable>,
    pub mapping: Mapping,
    /// How it was read (the date order the user chose, among others).
    pub read: ReadOptions,
    /// Its fingerprint, taken as it was read.
    pub file: crate::plan::Fingerprint,
}

/// The Rows tab's filtered row indices and per-row credits, computed once per change.
pub(crate) struct RowsCache {
    /// What they were computed from.
    pub analysis: Arc<Analysis>,
    pub settings: Settings,
    pub filter: Option<RowStatus>,
    pub indices: Vec<u32>,
    pub credits: Arc<Vec<f64>>,
}

/// The price book, the settings and the billing cycle: everything pricing reads besides
/// the tally.
pub(crate) struct PricingState {
    pub books: Vec<PriceBook>,
    pub book: PriceBook,
    pub settings: Settings,
    pub cycle: Cycle,
    pub today: NaiveDate,
    /// The sample behind the assumptions, when they came from a past enrichment.
    pub calibration: Option<crate::calibrate::Counts>,
}

/// The files behind the estimate: the list, its column roles and the reveal log.
#[derive(Default)]
pub(crate) struct Sources {
    pub list: Option<ListState>,
    pub mapping: Mapping,
    pub log: Option<LogState>,
    /// The mappings of a plan being opened, applied when its files have loaded.
    pub pending: Option<plans::PendingPlan>,
    /// The parsed priority column of the list in memory (see `reprice`).
    pub priority_cache: Option<(Arc<ListRows>, String, Arc<crate::budget::Priority>)>,
    /// Where column roles are remembered per set of headers (None: nowhere, in tests).
    pub mappings: Option<crate::input::mapping_file::MappingStore>,
    /// The roles in force are the ones remembered for these columns.
    pub mapping_remembered: bool,
}

/// The folder of remembered column roles: the system's config folder (XDG_CONFIG_HOME or
/// ~/.config on Linux, ~/Library/Application Support on macOS, %APPDATA% on Windows).
pub fn mapping_store() -> Option<crate::input::mapping_file::MappingStore> {
    directories::ProjectDirs::from("dev", "enrichplan", "enrichplan")
        .map(|d| crate::input::mapping_file::MappingStore::new(d.config_dir().join("mappings")))
}

/// What the engine computed from the sources and the pricing state.
#[derive(Default)]
pub(crate) struct Results {
    pub analysis: Option<Arc<Analysis>>,
    /// Fit-to-budget's tables for that analysis (replaced with it).
    pub fits: Arc<crate::budget::FitMemo>,
    pub outcome: Option<Outcome>,
    pub rows_cache: Option<RowsCache>,
    /// The Estimate view's groups when a "Split by" column is chosen.
    pub split_groups: Option<Vec<crate::segments::Group>>,
    /// The settings changed while the groups were being computed: compute them again.
    pub segments_stale: bool,
    /// The priority column whose fit-to-budget order is being prepared (no fit shown yet).
    pub fit_pending: Option<String>,
    /// The Rows tab's pricing failed for the current analysis and settings (said once, not
    /// retried every frame).
    pub rows_failed: bool,
    /// The estimate beside a Usage Report ("Plan vs actual"), when one was read.
    pub reconciliation: Option<crate::reconcile::Reconciliation>,
}

/// The open plans: the list's plan, the Workspace plan and the plans being compared.
pub(crate) struct PlansState {
    /// The open plan (if saved or opened).
    pub doc: PlanDoc,
    /// A plan whose list is missing (or not yet re-run): its saved result, read-only.
    pub saved_view: Option<SavedView>,
    /// The plans in the Compare tab.
    pub compare: Vec<(PathBuf, crate::plan::Plan)>,
    /// Warnings from opening the plan (e.g. its price book fell back to the saved copy).
    pub warnings: Vec<String>,
    /// The plan's state when last saved or opened, to tell unsaved changes.
    pub baseline: Option<plans::PlanState>,
    pub rebaseline: bool,
    /// The Workspace plan (tables, actions), when one is open or being made.
    pub workspace: Option<workspace::WorkspaceDoc>,
    /// Close the window once the plans being saved are written.
    pub close_after_save: bool,
    /// Which plan document is open: changes when another plan or list replaces it, so a
    /// save that ends afterwards does not claim the new document as saved.
    pub generation: u64,
}

/// What only the window has: the tab, messages, dialogs and text being typed.
#[derive(Default)]
pub(crate) struct ViewState {
    pub tab: Tab,
    pub row_filter: Option<RowStatus>,
    /// The Estimate view's "Split by" column.
    pub split_by: Option<String>,
    pub errors: Vec<String>,
    pub notice: Option<String>,
    /// A question in a modal: unsaved changes, overwrite, changed source.
    pub prompt: Option<Prompt>,
    pub allow_close: bool,
    pub last_title: String,
    /// Text being typed in the tiers table (credits, price, currency, seats).
    pub tier_text: Vec<[String; 4]>,
    /// The built-in file dialog, while open.
    pub file_dialog: Option<dialogs::InWindow>,
    /// The settings panel was on screen last frame (it opens scrolled to the top, not where
    /// it was left, or where a previous run left it).
    pub settings_shown: bool,
    /// The plan's notes editor is open.
    pub show_notes: bool,
    /// The About dialog is open.
    pub show_about: bool,
    /// The Help menu's guide is open.
    pub show_guide: bool,
    /// The Help menu's list of keyboard shortcuts is open.
    pub show_shortcuts: bool,
    /// The widget that had the keyboard focus last frame (to scroll to a new one).
    pub last_focus: Option<egui::Id>,
    /// The focus and whether a drop-down or menu was open at the end of the last frame,
    /// and the widget to give the focus back to after Escape closed one.
    pub focus_seen: (Option<egui::Id>, bool),
    pub refocus: Option<egui::Id>,
    /// What the widgets asked for this frame, applied by `logic` before the next.
    pub intents: Vec<intents::Intent>,
    /// When this frame's `logic` started and ended (for `ENRICHPLAN_TIMINGS`).
    pub frame: Option<(std::time::Instant, std::time::Instant)>,
    /// Frames drawn so far.
    pub frames: u64,
    /// The Account section (`account.rs`).
    pub account: account::AccountState,
}

/// The window: its state in a few owned parts. Widgets draw from them and say what the
/// user asked for as [`intents::Intent`]s; `logic` applies those before the next frame.
pub struct EnrichApp {
    pub(crate) persisted: state::Persisted,
    pub(crate) pricing: PricingState,
    pub(crate) source: Sources,
    pub(crate) results: Results,
    pub(crate) plans: PlansState,
    pub(crate) view: ViewState,
    pub(crate) jobs: background::Jobs,
    pub(crate) ctx: Option<egui::Context>,
}

impl EnrichApp {
    fn blank(persisted: state::Persisted) -> Self {
        let books = pricebook::shipped();
        let book = persisted
            .pricebook
            .as_ref()
            .and_then(|id| books.iter().find(|b| &b.id == id).cloned())
            .unwrap_or_else(|| books[0].clone());
        let settings = persisted
            .settings
            .clone()
            .filter(|s| s.assumptions.validate().is_ok())
            .unwrap_or_else(|| Settings::defaults(&book));
        let cycle = Cycle {
            renewal: persisted.renewal,
            length: persisted.cycle_length,
        };
        EnrichApp {
            persisted,
            pricing: PricingState {
                books,
                book,
                settings,
                cycle,
                today: chrono::Local::now().date_naive(),
                calibration: None,
            },
            source: Sources::default(),
            results: Results::default(),
            plans: PlansState {
                doc: PlanDoc::default(),
                saved_view: None,
                compare: Vec::new(),
                warnings: Vec::new(),
                baseline: None,
                rebaseline: true,
                workspace: None,
                close_after_save: false,
                generation: 0,
            },
            view: ViewState::default(),
            jobs: Default::default(),
            ctx: None,
        }
    }

    /// The window as eframe creates it: persisted state restored, then `files` (or the
    /// most recent file, or the bundled sample on a first start) loaded in the background.
    pub fn new(cc: &eframe::CreationContext<'_>, files: Vec<PathBuf>) -> Self {
        let persisted: state::Persisted = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        cc.egui_ctx.set_theme(persisted.theme.preference());
        let mut app = Self::blank(persisted);
        app.ctx = Some(cc.egui_ctx.clone());
        app.source.mappings = mapping_store();
        app.view.account = account::AccountState::for_window();
        let first = files
            .into_iter()
            .next()
            .or_else(|| app.persisted.recent.first().filter(|p| p.exists()).cloned());
        match first {
            Some(p) => app.open_any(p),
            None => app.run_command(Command::OpenSample),
        }
        app
    }

    /// A window for tests: default settings, nothing persisted, `path` (if any) loaded
    /// and analysed before this returns.
    pub fn new_for_test(path: Option<&Path>) -> Self {
        let mut app = Self::blank(state::Persisted::default());
        if let Some(p) = path {
            app.open_any(p.to_path_buf());
            app.wait_for_jobs();
        }
        app
    }

    /// Remember column roles in this folder (tests: a temporary one; the window: the
    /// system's config folder).
    pub fn set_mapping_folder(&mut self, dir: &Path) {
        self.source.mappings = Some(crate::input::mapping_file::MappingStore::new(dir));
    }

    /// Take `today` as the current date (the renewal date and the reveal log's window
    /// follow it). Tests fix it so that what they see does not change from day to day.
    pub fn set_today(&mut self, today: NaiveDate) {
        self.pricing.today = today;
    }

    /// Block until every background worker has finished, leaving the results for the next
    /// frame to apply (tests of what one frame does with finished work).
    pub fn wait_for_workers(&self) {
        self.jobs.settle();
    }

    /// Block until every background job has finished and its result is applied.
    pub fn wait_for_jobs(&mut self) {
        self.apply_intents();
        while let Some((kind, r)) = self.jobs.wait_one() {
            self.handle_result(kind, r);
            self.close_if_saved();
        }
        self.settle();
    }

    /// True while a file is loading or an analysis is running.
    pub fn is_busy(&self) -> bool {
        self.jobs.busy()
    }

    pub fn settings(&self) -> &Settings {
        &self.pricing.settings
    }

    pub fn pricebook(&self) -> &PriceBook {
        &self.pricing.book
    }

    pub fn outcome(&self) -> Option<&Outcome> {
        self.results.outcome.as_ref()
    }

    /// Split the Estimate view by a column (None: no split), as its "Split by" picker does.
    /// The groups are computed on a worker: [`EnrichApp::split_groups`] has them once it
    /// ends ([`EnrichApp::wait_for_jobs`] waits for it).
    pub fn set_split_by(&mut self, column: Option<String>) {
        if self.view.split_by != column {
            self.results.split_groups = None;
        }
        self.view.split_by = column;
        self.refresh_segments();
    }

    /// Check the estimate against `remaining` credits (None: no budget), as the "Remaining
    /// credits" box does.
    pub fn set_budget(&mut self, remaining: Option<f64>) {
        let b = &mut self.persisted.budget;
        b.enabled = remaining.is_some();
        if let Some(r) = remaining {
            b.remaining = r;
        }
        self.reprice();
    }

    /// Keep the contacts with the highest values of `column` first in the fit to budget
    /// (None: file order), as the "Keep first" picker does. The column is read and the
    /// contacts ordered on a worker: until then the estimate has no fit.
    pub fn set_priority(&mut self, column: Option<String>) {
        self.pricing.settings.priority = column;
        self.reprice();
    }

    /// The priority column whose order is being prepared for the fit to budget.
    pub fn fit_pending(&self) -> Option<&str> {
        self.results.fit_pending.as_deref()
    }

    /// The last "Plan vs actual", if a Usage Report was read.
    pub fn reconciliation(&self) -> Option<&crate::reconcile::Reconciliation> {
        self.results.reconciliation.as_ref()
    }

    /// The Estimate view's "Split by" column, if one is chosen.
    pub fn split_column(&self) -> Option<&str> {
        self.view.split_by.as_deref()
    }

    /// The Estimate view's groups when a "Split by" column is chosen.
    pub fn split_groups(&self) -> Option<&[crate::segments::Group]> {
        self.results.split_groups.as_deref()
    }

    pub fn errors(&self) -> &[String] {
        &self.view.errors
    }

    /// Load a contact list in the background (a no-op when it is already loading), or open
    /// a plan when the name ends in `.enrichplan.json`.
    pub fn open(&mut self, path: PathBuf) {
        self.open_any(path);
    }

    /// Load a reveal log in the background.
    pub fn open_reveal_log(&mut self, path: PathBuf) {
        self.open_log(path);
    }

    /// The column roles in force for the list.
    pub fn mapping(&self) -> &crate::input::roles::Mapping {
        &self.source.mapping
    }

    /// Give a role these columns, as the Column roles panel does.
    pub fn set_role(&mut self, role: crate::input::roles::Role, columns: Vec<String>) {
        self.intend(intents::Intent::SetRole(role, columns));
    }

    /// Whether the roles in force are the ones remembered for the list's columns.
    pub fn mapping_remembered(&self) -> bool {
        self.source.mapping_remembered
    }
}

/// Open the window; `files` are loaded at once (the first one as the list).
/// The app icon (assets/icon), for the window and the task bar.
fn window_icon() -> egui::IconData {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon/enrichplan-256.png"))
        .unwrap_or_default()
}

/// When [`run`] started (for `ENRICHPLAN_TIMINGS`' first-frame figure).
pub(crate) static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Open the window (on `files`, if any) and run it until it is closed: exit code 0, or 1
/// with a message on stderr when no window can be opened (no display, no OpenGL).
pub fn run(files: Vec<PathBuf>) -> ExitCode {
    STARTED.get_or_init(std::time::Instant::now);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("enrichplan")
            .with_app_id("enrichplan")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([800.0, 500.0])
            .with_drag_and_drop(true)
            .with_icon(window_icon()),
        ..Default::default()
    };
    let result = eframe::run_native(
        "enrichplan",
        options,
        Box::new(move |cc| Ok(Box::new(EnrichApp::new(cc, files)))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("enrichplan: could not open the window: {e}");
            eprintln!(
                "On Linux the window needs a display (X11 or Wayland) and OpenGL (e.g. libgl1-mesa-dri, libegl1, libxkbcommon-x11-0). The command line works without: enrichplan estimate --help"
            );
            ExitCode::from(1)
        }
    }
}
