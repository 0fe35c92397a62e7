//! Every action of the window, with its label, shortcut and tooltip: menus and keyboard
//! shortcuts both go through [`Command`].

use eframe::egui::{Key, KeyboardShortcut, Modifiers};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    Open,
    OpenPlan,
    NewWorkspace,
    OpenWorkspace,
    SaveWorkspace,
    OpenRevealLog,
    OpenSample,
    OpenSampleLog,
    SavePlan,
    SavePlanAs,
    ExportReport,
    ExportRows,
    ExportTrimmed,
    Quit,
    /// The views, Ctrl+1 to Ctrl+4.
    ShowEstimate,
    ShowRows,
    ShowWorkspace,
    ShowCompare,
}

impl Command {
    /// In menu order. Longer shortcuts first, so Ctrl+Shift+S is not taken for Ctrl+S.
    pub const ALL: [Command; 18] = [
        Command::Open,
        Command::OpenPlan,
        Command::NewWorkspace,
        Command::OpenWorkspace,
        Command::SaveWorkspace,
        Command::OpenRevealLog,
        Command::OpenSample,
        Command::OpenSampleLog,
        Command::SavePlanAs,
        Command::SavePlan,
        Command::ExportReport,
        Command::ExportRows,
        Command::ExportTrimmed,
        Command::Quit,
        Command::ShowEstimate,
        Command::ShowRows,
        Command::ShowWorkspace,
        Command::ShowCompare,
    ];

    /// The commands that switch the view (in the View menu, not the File menu).
    pub fn is_view(self) -> bool {
        matches!(
            self,
            Command::ShowEstimate
                | Command::ShowRows
                | Command::ShowWorkspace
                | Command::ShowCompare
        )
    }

    pub fn label(self) -> &'static str {
        match self {
            Command::Open => "Open contact list...",
            Command::OpenPlan => "Open plan...",
            Command::NewWorkspace => "New Workspace plan",
            Command::OpenWorkspace => "Open Workspace plan...",
            Command::SaveWorkspace => "Save Workspace plan...",
            Command::OpenRevealLog => "Open reveal log...",
            Command::OpenSample => "Open sample list",
            Command::OpenSampleLog => "Open sample reveal log",
            Command::SavePlan => "Save plan",
            Command::SavePlanAs => "Save plan as...",
            Command::ExportReport => "Export report...",
            Command::ExportRows => "Export rows...",
            Command::ExportTrimmed => "Export trimmed list...",
            Command::Quit => "Quit",
            Command::ShowEstimate => "Estimate",
            Command::ShowRows => "Rows",
            Command::ShowWorkspace => "Workspace",
            Command::ShowCompare => "Compare",
        }
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let ctrl = Modifiers::COMMAND;
        match self {
            Command::Open => Some(KeyboardShortcut::new(ctrl, Key::O)),
            Command::SavePlan => Some(KeyboardShortcut::new(ctrl, Key::S)),
            Command::SavePlanAs => Some(KeyboardShortcut::new(ctrl | Modifiers::SHIFT, Key::S)),
            Command::ExportReport => Some(KeyboardShortcut::new(ctrl, Key::E)),
            Command::Quit => Some(KeyboardShortcut::new(ctrl, Key::Q)),
            Command::ShowEstimate => Some(KeyboardShortcut::new(ctrl, Key::Num1)),
            Command::ShowRows => Some(KeyboardShortcut::new(ctrl, Key::Num2)),
            Command::ShowWorkspace => Some(KeyboardShortcut::new(ctrl, Key::Num3)),
            Command::ShowCompare => Some(KeyboardShortcut::new(ctrl, Key::Num4)),
            _ => None,
        }
    }

    pub fn tooltip(self) -> &'static str {
        match self {
            Command::Open => {
                "Open a contact list (CSV, Excel), a .enrichplan.json plan or a Workspace .toml (or drop a file on the window)"
            }
            Command::OpenPlan => {
                "Open a saved .enrichplan.json plan: list, mapping, settings, price book, cycle, budget"
            }
            Command::NewWorkspace => {
                "Plan Workspace tables: row counts or contact lists, with AI Data, Signals and exports"
            }
            Command::OpenWorkspace => {
                "Open a Workspace plan (.toml), the file `enrichplan estimate --spec` reads"
            }
            Command::SaveWorkspace => "Save the Workspace plan as TOML",
            Command::OpenRevealLog => {
                "Open a log of contacts already revealed this billing cycle (e.g. the vendor's contact export)"
            }
            Command::OpenSample => "Open the bundled sample list of 2000 invented contacts",
            Command::OpenSampleLog => {
                "Open the bundled sample reveal log (renewal 2026-12-15, monthly)"
            }
            Command::SavePlan => {
                "Save the plan (list reference, mapping, settings, prices, result; no personal data)"
            }
            Command::SavePlanAs => "Save the plan under a new name",
            Command::ExportReport => {
                "Save the estimate as JSON, Markdown, CSV (breakdown) or text, by the file extension"
            }
            Command::ExportRows => "Save each row's status, reason and credits as CSV",
            Command::ExportTrimmed => {
                "Save only the billable rows (or the rows that fit the budget) in their original columns"
            }
            Command::Quit => "Close the window",
            Command::ShowEstimate => "The estimate: credits, breakdown, budget, warnings",
            Command::ShowRows => "Every row with its status, reason and credits",
            Command::ShowWorkspace => {
                "Plan Workspace tables: AI Data, Signals, exports, several lists"
            }
            Command::ShowCompare => "Saved plans side by side",
        }
    }

    /// Commands that need a loaded, analysed list.
    pub fn needs_analysis(self) -> bool {
        matches!(
            self,
            Command::ExportReport | Command::ExportRows | Command::ExportTrimmed
        )
    }

    /// Commands that need an estimate or a saved result to save.
    pub fn needs_result(self) -> bool {
        matches!(self, Command::SavePlan | Command::SavePlanAs)
    }

    /// Every command is available (kept for the menus' enabled state).
    pub fn is_available(self) -> bool {
        true
    }
}
