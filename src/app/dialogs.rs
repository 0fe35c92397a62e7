//! File dialogs that always work: the desktop's own (rfd) where the desktop offers one, and
//! a file browser inside the window (egui_file) where it does not — a Linux desktop without
//! the XDG portal (minimal window managers, remote sessions, Xvfb), where rfd's dialogs
//! return nothing, silently. Chosen automatically; the View menu can force either.
//!
//! Every dialog is a [`FileFor`]: what the file is for decides the title, the filters and
//! what happens with the chosen path, in one place for both kinds of dialog.

use std::path::{Path, PathBuf};

use eframe::egui;
use serde::{Deserialize, Serialize};

use super::{Command, EnrichApp};

/// Which file dialog to use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum DialogKind {
    /// The desktop's own when it has one, else the built-in one.
    #[default]
    Auto,
    Native,
    BuiltIn,
}

impl DialogKind {
    pub const ALL: [DialogKind; 3] = [DialogKind::Auto, DialogKind::Native, DialogKind::BuiltIn];

    pub fn label(self) -> &'static str {
        match self {
            DialogKind::Auto => "Automatic",
            DialogKind::Native => "The desktop's own",
            DialogKind::BuiltIn => "Built into the window",
        }
    }
}

/// True when the desktop can show its own file dialogs. On Linux rfd talks to the XDG
/// desktop portal over the session bus: both must be there.
pub fn native_available() -> bool {
    if cfg!(any(target_os = "windows", target_os = "macos")) {
        return true;
    }
    let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        || std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|d| Path::new(&d).join("bus").exists());
    let portal = [
        "/usr/share/dbus-1/services",
        "/usr/local/share/dbus-1/services",
    ]
    .iter()
    .any(|d| {
        Path::new(d)
            .join("org.freedesktop.portal.Desktop.service")
            .exists()
    });
    bus && portal
}

/// What a chosen file is for.
#[derive(Clone, Debug, PartialEq)]
pub enum FileFor {
    /// A list, a plan or a Workspace plan, by its name.
    OpenAny,
    OpenPlan,
    OpenWorkspace,
    OpenLog,
    LoadBook,
    /// Rates from a past enrichment (`enrichplan calibrate --save-assumptions`).
    LoadAssumptions,
    /// The vendor's Usage Report, to set the plan beside what was spent.
    UsageReport,
    LocateList,
    AddCompare,
    AddTableFile,
    TableFile(usize),
    SavePlan,
    SaveWorkspace,
    Export(Command),
    /// The Compare view's plans side by side (a page, JSON or text).
    ExportCompare,
}

const LISTS: &[&str] = &["csv", "tsv", "txt", "xlsx", "xls", "xlsm", "ods"];

impl FileFor {
    fn title(&self) -> &'static str {
        match self {
            FileFor::OpenAny => "Open a contact list, a plan or a Workspace plan",
            FileFor::OpenPlan => "Open a plan",
            FileFor::OpenWorkspace => "Open a Workspace plan",
            FileFor::OpenLog => "Open a reveal log",
            FileFor::LoadBook => "Load a price book",
            FileFor::LoadAssumptions => "Use rates from a past enrichment (a calibration file)",
            FileFor::UsageReport => "Open a Usage Report (Analytics > Usage report)",
            FileFor::LocateList => "Locate the plan's contact list",
            FileFor::AddCompare => "Add plans to compare",
            FileFor::AddTableFile | FileFor::TableFile(_) => "Choose the table's contact list",
            FileFor::SavePlan => "Save plan",
            FileFor::SaveWorkspace => "Save Workspace plan",
            FileFor::Export(Command::ExportReport) => "Export report",
            FileFor::ExportCompare => "Export comparison",
            FileFor::Export(Command::ExportRows) => "Export rows",
            FileFor::Export(_) => "Export trimmed list",
        }
    }

    /// The file name endings offered (empty: any file).
    fn extensions(&self) -> Vec<&'static str> {
        match self {
            FileFor::OpenAny => [LISTS, &["json", "toml"]].concat(),
            FileFor::OpenPlan | FileFor::AddCompare | FileFor::SavePlan => vec!["json"],
            FileFor::OpenWorkspace
            | FileFor::SaveWorkspace
            | FileFor::LoadBook
            | FileFor::LoadAssumptions => vec!["toml"],
            FileFor::UsageReport => vec!["csv"],
            FileFor::OpenLog
            | FileFor::LocateList
            | FileFor::AddTableFile
            | FileFor::TableFile(_) => LISTS.to_vec(),
            FileFor::Export(Command::ExportReport) => vec!["html", "json", "md", "csv", "txt"],
            FileFor::ExportCompare => vec!["html", "json", "txt"],
            FileFor::Export(_) => vec!["csv"],
        }
    }

    fn saves(&self) -> bool {
        matches!(
            self,
            FileFor::SavePlan
                | FileFor::SaveWorkspace
                | FileFor::Export(_)
                | FileFor::ExportCompare
        )
    }

    fn many(&self) -> bool {
        *self == FileFor::AddCompare
    }
}

/// The places offered beside the built-in dialog: home, desktop, documents, downloads (those
/// that exist), then the folders of the recent files.
fn places(recent: &[PathBuf]) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = Vec::new();
    if let Some(u) = directories::UserDirs::new() {
        out.push(("Home".into(), u.home_dir().to_path_buf()));
        for (label, dir) in [
            ("Desktop", u.desktop_dir()),
            ("Documents", u.document_dir()),
            ("Downloads", u.download_dir()),
        ] {
            if let Some(d) = dir.filter(|d| d.is_dir()) {
                out.push((label.into(), d.to_path_buf()));
            }
        }
    }
    for f in recent {
        let Some(dir) = f.parent().filter(|d| !d.as_os_str().is_empty()) else {
            continue;
        };
        if out.iter().all(|(_, d)| d != dir) && out.len() < 10 {
            let name = dir
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| dir.display().to_string());
            out.push((format!("Recent: {name}"), dir.to_path_buf()));
        }
    }
    out
}

/// The built-in dialog while it is open.
pub(crate) struct InWindow {
    pub dialog: egui_file::FileDialog,
    pub purpose: FileFor,
    /// Its first text field (the folder's path) has been given the keyboard focus.
    pub focused: bool,
    /// The places offered beside it, found once when it opens (not a look at the disk a
    /// frame).
    pub places: Vec<(String, PathBuf)>,
}

/// The built-in dialog's id (its window's layer), to find its fields.
fn dialog_id() -> egui::Id {
    egui::Id::unique("enrichplan-file-dialog")
}

impl EnrichApp {
    fn use_native(&self) -> bool {
        match self.persisted.dialogs {
            DialogKind::Native => true,
            DialogKind::BuiltIn => false,
            DialogKind::Auto => native_available(),
        }
    }

    /// Ask for a file (`name`: the suggested file name when saving).
    pub(crate) fn ask_file(&mut self, purpose: FileFor, name: Option<String>) {
        // The last folder used, else the open list's, else home.
        let start = self
            .persisted
            .last_folder
            .clone()
            .filter(|d| d.is_dir())
            .or_else(|| {
                // Not the hidden cache folder the bundled sample is written to.
                let sample_dir = super::sample_location(super::Sample::List)
                    .parent()
                    .map(Path::to_path_buf);
                self.source
                    .list
                    .as_ref()
                    .and_then(|l| l.table.path.parent().map(Path::to_path_buf))
                    .filter(|d| d.is_dir() && Some(d) != sample_dir.as_ref())
            })
            .or_else(|| directories::UserDirs::new().map(|u| u.home_dir().to_path_buf()))
            .unwrap_or_default();
        if self.use_native() {
            let exts = purpose.extensions();
            let mut d = rfd::FileDialog::new()
                .set_title(purpose.title())
                .set_directory(&start);
            if !exts.is_empty() {
                d = d.add_filter(purpose.title(), &exts);
            }
            d = d.add_filter("All files", &["*"]);
            if let Some(n) = &name {
                d = d.set_file_name(n);
            }
            let chosen: Vec<PathBuf> = if purpose.saves() {
                d.save_file().into_iter().collect()
            } else if purpose.many() {
                d.pick_files().unwrap_or_default()
            } else {
                d.pick_file().into_iter().collect()
            };
            if !chosen.is_empty() {
                self.file_chosen(purpose, chosen);
            }
            return;
        }
        let exts = purpose.extensions();
        let mut dialog = if purpose.saves() {
            egui_file::FileDialog::save_file()
        } else {
            egui_file::FileDialog::open_file()
        }
        .title(purpose.title())
        .initial_path(start)
        .multi_select(purpose.many())
        .default_size([640.0, 440.0])
        .id(dialog_id())
        .show_rename(false)
        .show_new_folder(purpose.saves());
        if let Some(n) = name {
            dialog = dialog.default_filename(n);
        }
        // Only the files of the kinds asked for (folders are always shown), when saving too.
        if !exts.is_empty() {
            dialog = dialog.show_files_filter(Box::new(move |p: &Path| {
                p.extension()
                    .is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
            }));
        }
        dialog.open();
        self.view.file_dialog = Some(InWindow {
            dialog,
            purpose,
            focused: false,
            places: places(&self.persisted.recent),
        });
    }

    /// Draw the built-in dialog, if open; act on its choice.
    pub(crate) fn show_file_dialog(&mut self, ctx: &egui::Context) {
        let Some(open) = &mut self.view.file_dialog else {
            return;
        };
        open.dialog.show(ctx);
        // The keyboard starts in the dialog: its first text field (the folder's path) has
        // the focus once it is drawn, so typing a path works at once.
        if !open.focused {
            let field = ctx.viewport(|vp| {
                let w = &vp.this_pass.widgets;
                w.layers()
                    .filter(|(layer, _)| layer.id == dialog_id())
                    .flat_map(|(_, rects)| rects.iter())
                    // A text field is a focusable widget that senses clicks and drags
                    // alike (buttons click, scroll areas drag); the window's title bar
                    // does too and is left out. The dialog's first is the folder's path.
                    .find(|r| {
                        r.enabled
                            && r.visible
                            && r.sense.is_focusable()
                            && r.sense.senses_click()
                            && r.sense.senses_drag()
                            && r.id != dialog_id().with("__title_click")
                    })
                    .map(|r| r.id)
            });
            if let Some(id) = field {
                ctx.memory_mut(|m| m.request_focus(id));
                open.focused = true;
            }
        }
        // Places beside it: the user's folders and those of the recent files, a click away.
        egui::Window::new("Places")
            .anchor(egui::Align2::LEFT_TOP, [12.0, 60.0])
            .resizable(false)
            .collapsible(false)
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                for (label, dir) in &open.places {
                    if ui
                        .button(label)
                        .on_hover_text(dir.display().to_string())
                        .clicked()
                    {
                        open.dialog.set_path(dir.clone());
                    }
                }
            });
        match open.dialog.state() {
            egui_file::State::Open => {}
            egui_file::State::Selected => {
                let paths: Vec<PathBuf> = if open.dialog.has_multi_select() {
                    open.dialog
                        .selection()
                        .into_iter()
                        .map(Path::to_path_buf)
                        .collect()
                } else {
                    open.dialog
                        .path()
                        .map(Path::to_path_buf)
                        .into_iter()
                        .collect()
                };
                let purpose = open.purpose.clone();
                self.view.file_dialog = None;
                if !paths.is_empty() {
                    self.file_chosen(purpose, paths);
                }
            }
            egui_file::State::Cancelled | egui_file::State::Closed => self.view.file_dialog = None,
        }
    }

    /// Do what the file was asked for.
    pub(crate) fn file_chosen(&mut self, purpose: FileFor, paths: Vec<PathBuf>) {
        if let Some(dir) = paths.first().and_then(|p| p.parent()) {
            self.persisted.last_folder = Some(dir.to_path_buf());
        }
        let Some(p) = paths.first().cloned() else {
            return;
        };
        match purpose {
            FileFor::OpenAny => self.open_any(p),
            FileFor::OpenPlan => self.open_plan(&p),
            // A price book is recognised on the worker and used as one.
            FileFor::OpenWorkspace | FileFor::LoadBook => self.open_spec(p),
            FileFor::OpenLog => self.open_log(p),
            FileFor::LoadAssumptions => self.load_assumptions(p),
            FileFor::UsageReport => self.reconcile_with(p),
            FileFor::LocateList => self.locate_list(p),
            FileFor::AddCompare => {
                for f in paths {
                    if let Err(e) = self.add_to_compare(f) {
                        self.view.errors.push(e.to_string());
                    }
                }
            }
            FileFor::AddTableFile => self.add_list_table(p),
            FileFor::TableFile(i) => self.edit_table(i, |tables, i| {
                tables[i].source = crate::workspace::TableSource::list(p);
            }),
            FileFor::SavePlan => self.save_plan_chosen(p),
            FileFor::SaveWorkspace => {
                let p = if p.extension().is_none() {
                    p.with_extension("toml")
                } else {
                    p
                };
                let current = self.plans.workspace.as_ref().and_then(|w| w.path.as_ref());
                if p.exists() && current != Some(&p) {
                    self.view.prompt = Some(super::Prompt::Overwrite {
                        cmd: Command::SaveWorkspace,
                        path: p,
                    });
                } else {
                    self.save_spec_to(p);
                }
            }
            FileFor::Export(cmd) => self.export_asking(cmd, p),
            FileFor::ExportCompare => self.export_compare(p),
        }
    }
}
