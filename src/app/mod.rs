//! The desktop window (eframe/egui): a thin face over [`crate::engine`].
//!
//! - [`state`]: what is persisted between runs;
//! - [`commands`]: every action with its label, shortcut and tooltip;
//! - `background`: worker threads for loading and analysing;
//! - `logic`: applying commands and job results;
//! - `ui` and `widgets`: drawing.

mod background;
pub mod commands;
pub mod dialogs;
mod logic;
mod plans;
pub mod state;
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
use crate::input::reader::{ContactTable, ReadOptions};
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
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
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

/// A loaded contact list.
pub(crate) struct ListState {
    pub table: Arc<ContactTable>,
    pub detection: Detection,
    pub read: ReadOptions,
}

/// A loaded reveal log.
pub(crate) struct LogState {
    pub table: Arc<ContactTable>,
    pub mapping: Mapping,
    /// How it was read (the date order the user chose, among others).
    pub read: ReadOptions,
}

/// The Rows tab's filtered row indices and per-row credits, computed once per change.
pub(crate) struct RowsCache {
    pub filter: Option<RowStatus>,
    pub indices: Vec<u32>,
    pub credits: Vec<f64>,
}

/// The window.
pub struct EnrichApp {
    pub(crate) persisted: state::Persisted,
    pub(crate) books: Vec<PriceBook>,
    pub(crate) book: PriceBook,
    pub(crate) settings: Settings,
    pub(crate) list: Option<ListState>,
    pub(crate) mapping: Mapping,
    pub(crate) log: Option<LogState>,
    pub(crate) cycle: Cycle,
    pub(crate) today: NaiveDate,
    pub(crate) analysis: Option<Arc<Analysis>>,
    pub(crate) outcome: Option<Outcome>,
    pub(crate) tab: Tab,
    pub(crate) row_filter: Option<RowStatus>,
    pub(crate) rows_cache: Option<RowsCache>,
    pub(crate) errors: Vec<String>,
    pub(crate) notice: Option<String>,
    pub(crate) jobs: background::Jobs,
    pub(crate) ctx: Option<egui::Context>,
    /// The open plan (if saved or opened).
    pub(crate) plan: PlanDoc,
    /// A plan whose list is missing (or not yet re-run): its saved result, read-only.
    pub(crate) saved_view: Option<SavedView>,
    /// The mappings of a plan being opened, applied when its files have loaded.
    pub(crate) pending: Option<plans::PendingPlan>,
    /// A question in a modal: unsaved changes, overwrite, changed source.
    pub(crate) prompt: Option<Prompt>,
    /// The plans in the Compare tab.
    pub(crate) compare: Vec<(PathBuf, crate::plan::Plan)>,
    /// Warnings from opening the plan (e.g. its price book fell back to the saved copy).
    pub(crate) plan_warnings: Vec<String>,
    /// The plan's state when last saved or opened, to tell unsaved changes.
    pub(crate) baseline: Option<String>,
    pub(crate) rebaseline: bool,
    pub(crate) allow_close: bool,
    pub(crate) last_title: String,
    /// Text being typed in the tiers table (credits, price, currency, seats).
    pub(crate) tier_text: Vec<[String; 4]>,
    /// The Workspace plan (tables, actions), when one is open or being made.
    pub(crate) workspace: Option<workspace::WorkspaceDoc>,
    /// Close the window once the Workspace plan being saved is written.
    pub(crate) close_after_save: bool,
    /// The built-in file dialog, while open.
    pub(crate) file_dialog: Option<dialogs::InWindow>,
    /// The settings panel was on screen last frame (it opens scrolled to the top, not where
    /// it was left, or where a previous run left it).
    pub(crate) settings_shown: bool,
    /// The Estimate view's "Split by" column and its groups (recomputed on every re-price).
    pub(crate) split_by: Option<String>,
    /// The sample behind the assumptions, when they came from a past enrichment.
    pub(crate) calibration: Option<crate::calibrate::Counts>,
    /// The estimate beside a Usage Report ("Plan vs actual"), when one was read.
    pub(crate) reconciliation: Option<crate::reconcile::Reconciliation>,
    /// The parsed priority column of the list in memory (see `reprice`).
    pub(crate) priority_cache: Option<(Arc<ContactTable>, Arc<crate::budget::Priority>)>,
    /// The plan's notes editor is open.
    pub(crate) show_notes: bool,
    /// The About dialog is open.
    pub(crate) show_about: bool,
    pub(crate) split_groups: Option<Vec<crate::segments::Group>>,
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
            books,
            book,
            settings,
            list: None,
            mapping: Mapping::default(),
            log: None,
            cycle,
            today: chrono::Local::now().date_naive(),
            analysis: None,
            outcome: None,
            tab: Tab::Estimate,
            row_filter: None,
            rows_cache: None,
            errors: Vec::new(),
            notice: None,
            jobs: Default::default(),
            ctx: None,
            plan: PlanDoc::default(),
            saved_view: None,
            pending: None,
            prompt: None,
            compare: Vec::new(),
            plan_warnings: Vec::new(),
            baseline: None,
            rebaseline: true,
            allow_close: false,
            last_title: String::new(),
            tier_text: Vec::new(),
            workspace: None,
            close_after_save: false,
            file_dialog: None,
            settings_shown: false,
            split_by: None,
            calibration: None,
            reconciliation: None,
            show_notes: false,
            show_about: false,
            priority_cache: None,
            split_groups: None,
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

    /// Take `today` as the current date (the renewal date and the reveal log's window
    /// follow it). Tests fix it so that what they see does not change from day to day.
    pub fn set_today(&mut self, today: NaiveDate) {
        self.today = today;
    }

    /// Block until every background job has finished and its result is applied.
    pub fn wait_for_jobs(&mut self) {
        while let Some((kind, r)) = self.jobs.wait_one() {
            self.handle_result(kind, r);
        }
        self.settle();
    }

    /// True while a file is loading or an analysis is running.
    pub fn is_busy(&self) -> bool {
        self.jobs.busy()
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn pricebook(&self) -> &PriceBook {
        &self.book
    }

    pub fn outcome(&self) -> Option<&Outcome> {
        self.outcome.as_ref()
    }

    /// Split the Estimate view by a column (None: no split), as its "Split by" picker does.
    pub fn set_split_by(&mut self, column: Option<String>) {
        self.split_by = column;
        self.reprice();
    }

    /// The last "Plan vs actual", if a Usage Report was read.
    pub fn reconciliation(&self) -> Option<&crate::reconcile::Reconciliation> {
        self.reconciliation.as_ref()
    }

    /// The Estimate view's "Split by" column, if one is chosen.
    pub fn split_column(&self) -> Option<&str> {
        self.split_by.as_deref()
    }

    /// The Estimate view's groups when a "Split by" column is chosen.
    pub fn split_groups(&self) -> Option<&[crate::segments::Group]> {
        self.split_groups.as_deref()
    }

    pub fn errors(&self) -> &[String] {
        &self.errors
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
}

/// Open the window; `files` are loaded at once (the first one as the list).
/// The app icon (assets/icon), for the window and the task bar.
fn window_icon() -> egui::IconData {
    eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon/enrichplan-256.png"))
        .unwrap_or_default()
}

pub fn run(files: Vec<PathBuf>) -> ExitCode {
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
