//! The frame: menus, error panel, status bar, left panel and central tabs.

use eframe::egui::{self, Color32, RichText};

use super::state::Theme;
use super::{Command, EnrichApp, Tab, widgets};

impl eframe::App for EnrichApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        let started = std::time::Instant::now();
        self.view.frames += 1;
        if self.view.frames == 2
            && timings()
            && let Some(t) = super::STARTED.get()
        {
            // The first frame has been painted and shown before the second begins.
            eprintln!(
                "first frame on screen {:.0} ms after start",
                t.elapsed().as_secs_f64() * 1e3
            );
        }
        if self.ctx.is_none() {
            self.ctx = Some(ctx.clone());
        }
        self.poll_jobs();
        self.apply_intents();
        // Escape closes an open drop-down or menu and leaves the focus where it was (egui
        // would drop it, and the next Tab would start over from the menu bar).
        if ctx.input(|i| i.key_pressed(egui::Key::Escape))
            && let (Some(id), true) = self.view.focus_seen
        {
            self.view.refocus = Some(id);
        }
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::F9)) {
            self.persisted.show_settings = !self.persisted.show_settings;
        }
        // Keyboard shortcuts: the same commands as the menus.
        for cmd in Command::ALL {
            if let Some(s) = cmd.shortcut()
                && cmd.is_available()
                && ctx.input_mut(|i| i.consume_shortcut(&s))
            {
                self.run_command(cmd);
            }
        }
        // Drag and drop: the first dropped file becomes the list (or opens as a plan).
        let dropped: Vec<_> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if let Some(p) = dropped.into_iter().next() {
            self.open(p);
        }
        if self.jobs.busy() {
            ctx.request_repaint_after(widgets::BUSY_FRAME);
        }
        self.settle();
        if ctx.input(|i| i.viewport().close_requested()) {
            self.on_close_requested(ctx);
        }
        let title = self.title();
        if title != self.view.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.view.last_title = title;
        }
        self.view.frame = Some((started, std::time::Instant::now()));
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::Panel::top("menu").show(ui, |ui| self.menu_bar(ui));
        let ctx = ui.ctx().clone();
        self.about_window(&ctx);
        self.shortcuts_window(&ctx);
        if self.view.show_guide {
            widgets::guide::window(&ctx, &mut self.view.show_guide);
        }
        if !self.view.errors.is_empty() {
            egui::Panel::top("errors")
                .frame(
                    egui::Frame::new()
                        .fill(ui.visuals().error_fg_color.gamma_multiply(0.18))
                        .inner_margin(8.0),
                )
                .show(ui, |ui| self.error_panel(ui));
        }
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        if self.persisted.show_settings {
            egui::Panel::left("settings")
                .resizable(true)
                .default_size(340.0)
                .min_size(240.0)
                .max_size(ui.available_width() * 0.5)
                .show(ui, |ui| {
                    let mut scroll = egui::ScrollArea::vertical().auto_shrink([false, false]);
                    if !self.view.settings_shown {
                        scroll = scroll.vertical_scroll_offset(0.0);
                    }
                    scroll.show(ui, |ui| {
                        let account = self.account_view();
                        let intents = widgets::left_panel::show(
                            ui,
                            widgets::left_panel::Panel {
                                tab: self.view.tab,
                                sources: &self.source,
                                analysis: self.results.analysis.as_deref(),
                                pricing: &mut self.pricing,
                                budget: &mut self.persisted.budget,
                                account: (account, &mut self.view.account.key_text),
                            },
                        );
                        for i in intents {
                            self.intend(i);
                        }
                        self.scroll_to_new_focus(ui);
                    });
                });
        }
        self.view.settings_shown = self.persisted.show_settings;
        egui::CentralPanel::default().show(ui, |ui| {
            // Wraps on a narrow window instead of cutting the plan bar off.
            ui.horizontal_wrapped(|ui| {
                for (tab, cmd) in [
                    (Tab::Estimate, Command::ShowEstimate),
                    (Tab::Rows, Command::ShowRows),
                    (Tab::Workspace, Command::ShowWorkspace),
                    (Tab::Compare, Command::ShowCompare),
                ] {
                    let r = ui
                        .selectable_value(&mut self.view.tab, tab, cmd.label())
                        .on_hover_text(format!(
                            "{} ({})",
                            cmd.tooltip(),
                            cmd.shortcut()
                                .map(|s| ui.ctx().format_shortcut(&s))
                                .unwrap_or_default()
                        ));
                    widgets::name(ui, &r, &format!("{} view", cmd.label()));
                }
                if self.view.tab != Tab::Workspace {
                    // The list's plan; the Workspace view has its own file and buttons.
                    ui.separator();
                    let dirty = self.is_dirty();
                    if let Some(i) = widgets::plan_bar::show(
                        ui,
                        &mut self.plans.doc,
                        &mut self.view.show_notes,
                        dirty,
                    ) {
                        self.intend(i);
                    }
                }
            });
            ui.separator();
            match self.view.tab {
                Tab::Estimate => {
                    let view = widgets::estimate_tab::EstimateView {
                        loading: self.jobs.loading(),
                        outcome: self.results.outcome.as_ref(),
                        saved_view: self.plans.saved_view.as_ref(),
                        plan_warnings: &self.plans.warnings,
                        prompt_open: self.view.prompt.is_some(),
                        settings: &self.pricing.settings,
                        book: &self.pricing.book,
                        budget: &self.persisted.budget,
                        fit_pending: self.results.fit_pending.as_deref(),
                        headers: self.source.list.as_ref().map(|l| &l.table.headers[..]),
                        split_by: self.view.split_by.as_deref(),
                        split_groups: self.results.split_groups.as_deref(),
                        splitting: self.jobs.runs(super::background::JobKind::Segments),
                        reconciliation: self.results.reconciliation.as_ref(),
                        tiers: widgets::tiers::TiersEdit {
                            tiers: &mut self.persisted.tiers,
                            text: &mut self.view.tier_text,
                        },
                    };
                    for i in widgets::estimate_tab::show(ui, view) {
                        self.intend(i);
                    }
                }
                Tab::Rows => {
                    let asked = widgets::rows_tab::show(widgets::rows_tab::RowsView::of(self), ui);
                    for i in asked {
                        self.intend(i);
                    }
                }
                Tab::Workspace => {
                    let view = widgets::workspace_tab::WorkspaceView {
                        doc: self.plans.workspace.as_mut(),
                        open_list: self.source.list.as_ref().map(|l| l.table.path.as_path()),
                        book: &self.pricing.book,
                        budget: &self.persisted.budget,
                        busy: self.jobs.busy(),
                    };
                    for i in widgets::workspace_tab::show(ui, view) {
                        self.intend(i);
                    }
                }
                Tab::Compare => {
                    let can_add = self.results.outcome.is_some() || self.plans.saved_view.is_some();
                    for i in widgets::compare_tab::show(
                        ui,
                        &self.plans.compare,
                        can_add,
                        &self.persisted.tiers,
                    ) {
                        self.intend(i);
                    }
                }
            }
        });
        let unsaved = if self.view.prompt.is_some() {
            self.unsaved()
        } else {
            Vec::new()
        };
        for i in widgets::prompts::show(ui, self.view.prompt.as_ref(), &unsaved) {
            self.intend(i);
        }
        let ctx = ui.ctx().clone();
        self.show_file_dialog(&ctx);
        self.drop_hint(ui);
        if let Some(id) = self.view.refocus.take()
            && ctx.memory(|m| m.focused()).is_none()
        {
            ctx.memory_mut(|m| m.request_focus(id));
        }
        self.view.focus_seen = (ctx.memory(|m| m.focused()), egui::Popup::is_any_open(&ctx));
        self.report_slow_frame();
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.persisted);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.jobs.cancel_all();
        // Files being written are finished before the process ends; a failure is told on
        // stderr, the only place left to tell it.
        while let Some((_, r)) = self.jobs.wait_one() {
            if let Err(Some(message)) = r {
                eprintln!("enrichplan: {message}");
            }
        }
    }
}

/// `ENRICHPLAN_TIMINGS` is set: frame figures go to stderr.
fn timings() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("ENRICHPLAN_TIMINGS").is_some())
}

/// A frame longer than this is reported with `ENRICHPLAN_TIMINGS` (issue 12's goal).
const SLOW_FRAME: std::time::Duration = std::time::Duration::from_millis(50);

impl EnrichApp {
    /// With `ENRICHPLAN_TIMINGS` set, a frame over [`SLOW_FRAME`] (our logic and layout,
    /// not the painting) is told on stderr, split into logic and drawing, with the tab.
    fn report_slow_frame(&mut self) {
        let Some((start, logic_end)) = self.view.frame.take() else {
            return;
        };
        let total = start.elapsed();
        if total > SLOW_FRAME && timings() {
            eprintln!(
                "slow frame: {:.1} ms (logic {:.1} ms, drawing {:.1} ms), {:?} tab",
                total.as_secs_f64() * 1e3,
                (logic_end - start).as_secs_f64() * 1e3,
                (total - (logic_end - start)).as_secs_f64() * 1e3,
                self.view.tab
            );
        }
    }

    fn menu_bar(&mut self, ui: &mut egui::Ui) {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for cmd in Command::ALL.into_iter().filter(|c| !c.is_view()) {
                    if cmd == Command::Quit {
                        self.recent_menu(ui);
                        ui.separator();
                    }
                    if matches!(cmd, Command::SavePlanAs | Command::ExportReport) {
                        ui.separator();
                    }
                    self.command_button(ui, cmd);
                }
            });
            ui.menu_button("View", |ui| {
                for cmd in Command::ALL.into_iter().filter(|c| c.is_view()) {
                    self.command_button(ui, cmd);
                }
                ui.separator();
                ui.checkbox(&mut self.persisted.show_settings, "Settings panel")
                    .on_hover_text("Show or hide the panel of settings on the left (F9)");
                ui.separator();
                ui.label("File dialogs");
                for k in super::dialogs::DialogKind::ALL {
                    ui.radio_value(&mut self.persisted.dialogs, k, k.label())
                        .on_hover_text("Automatic: the desktop's own where it offers one (on Linux through the XDG portal), else the one built into the window");
                }
                ui.separator();
                ui.label("Theme");
                for t in Theme::ALL {
                    if ui
                        .radio_value(&mut self.persisted.theme, t, t.label())
                        .clicked()
                    {
                        ui.ctx().set_theme(t.preference());
                        ui.close();
                    }
                }
            });
            ui.menu_button("Help", |ui| {
                if ui
                    .button("Guide")
                    .on_hover_text("The README: what the window and the command line do, and how credits are counted")
                    .clicked()
                {
                    self.view.show_guide = true;
                    ui.close();
                }
                if ui.button("Keyboard shortcuts").clicked() {
                    self.view.show_shortcuts = true;
                    ui.close();
                }
                if ui.button("About enrichplan…").clicked() {
                    self.view.show_about = true;
                    ui.close();
                }
            });
        });
    }

    /// When the keyboard focus moved (Tab) to a control of this scrolled panel, bring it
    /// into view: a control below the fold is never focused unseen.
    fn scroll_to_new_focus(&mut self, ui: &mut egui::Ui) {
        let focused = ui.ctx().memory(|m| m.focused());
        if focused == self.view.last_focus {
            return;
        }
        self.view.last_focus = focused;
        let panel = ui.min_rect().x_range();
        if let Some(r) = focused.and_then(|id| ui.ctx().read_response(id))
            && r.layer_id == ui.layer_id()
            && panel.contains(r.rect.center().x)
        {
            r.scroll_to_me(None);
        }
    }

    /// Every keyboard shortcut, from the one command list (menus and keys share it).
    pub(crate) fn shortcuts_window(&mut self, ctx: &egui::Context) {
        if !self.view.show_shortcuts {
            return;
        }
        let mut open = true;
        egui::Window::new("Keyboard shortcuts")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                    for cmd in Command::ALL {
                        if let Some(s) = cmd.shortcut() {
                            ui.label(RichText::new(ctx.format_shortcut(&s)).monospace());
                            ui.label(cmd.label());
                            ui.end_row();
                        }
                    }
                    ui.label(RichText::new("F9").monospace());
                    ui.label("Show or hide the settings panel");
                    ui.end_row();
                    ui.label(RichText::new("Tab / Shift+Tab").monospace());
                    ui.label("Move between controls");
                    ui.end_row();
                });
            });
        if !open {
            self.view.show_shortcuts = false;
        }
    }

    /// The About dialog: version, the price books, the licence.
    pub(crate) fn about_window(&mut self, ctx: &egui::Context) {
        if !self.view.show_about {
            return;
        }
        let mut open = true;
        egui::Window::new("About enrichplan")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ctx, |ui| {
                ui.heading(format!("enrichplan {}", env!("CARGO_PKG_VERSION")));
                ui.label(env!("CARGO_PKG_DESCRIPTION"));
                ui.add_space(6.0);
                ui.label("Price books:");
                for b in &self.pricing.books {
                    ui.label(format!(
                        "  {} — {} (effective {})",
                        b.id, b.name, b.effective_date
                    ));
                }
                ui.add_space(6.0);
                ui.label(format!("Licence: {}", env!("CARGO_PKG_LICENSE")));
                ui.label("Contact data never leaves this machine.");
            });
        if !open {
            self.view.show_about = false;
        }
    }

    fn command_button(&mut self, ui: &mut egui::Ui, cmd: Command) {
        let has_result = self.results.outcome.is_some() || self.plans.saved_view.is_some();
        let enabled = cmd.is_available()
            && (!cmd.needs_analysis() || self.results.outcome.is_some())
            && (!cmd.needs_result() || has_result);
        let mut button = egui::Button::new(cmd.label());
        if let Some(s) = cmd.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&s));
        }
        let r = ui
            .add_enabled(enabled, button)
            .on_hover_text(cmd.tooltip())
            .on_disabled_hover_text(if cmd.is_available() {
                "Open a contact list first"
            } else {
                cmd.tooltip()
            });
        if r.clicked() {
            ui.close();
            self.intend(super::intents::Intent::Run(cmd));
        }
    }

    fn recent_menu(&mut self, ui: &mut egui::Ui) {
        ui.menu_button("Open recent", |ui| {
            if self.persisted.recent.is_empty() {
                ui.label("No recent files");
            }
            let mut open = None;
            for p in &self.persisted.recent {
                if ui
                    .button(p.display().to_string())
                    .on_hover_text("Open this list or plan again")
                    .clicked()
                {
                    open = Some(p.clone());
                }
            }
            if let Some(p) = open {
                ui.close();
                self.intend(super::intents::Intent::Open(p));
            }
        });
    }

    fn error_panel(&mut self, ui: &mut egui::Ui) {
        let mut dismiss = None;
        for (i, e) in self.view.errors.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                if ui
                    .button("Dismiss")
                    .on_hover_text("Hide this message")
                    .clicked()
                {
                    dismiss = Some(i);
                }
                ui.label(
                    RichText::new(format!("Error: {e}"))
                        .color(ui.visuals().error_fg_color)
                        .strong(),
                );
            });
        }
        if let Some(i) = dismiss {
            self.intend(super::intents::Intent::DismissError(i));
        }
    }

    fn status_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let mut cancel = false;
            for j in &self.jobs.running {
                widgets::busy(ui);
                ui.label(&j.label);
                if !j.kind.cancellable() {
                    // A file being written is finished (it takes a moment), not cancelled;
                    // derived work is quick.
                    continue;
                }
                ui.add(
                    egui::ProgressBar::new(j.progress.fraction())
                        .desired_width(200.0)
                        .show_percentage(),
                );
                cancel |= ui
                    .button("Cancel")
                    .on_hover_text("Stop this job; the previous result stays")
                    .clicked();
            }
            if cancel {
                self.intend(super::intents::Intent::CancelJobs);
            }
            if !self.jobs.busy() {
                match &self.view.notice {
                    Some(n) => {
                        ui.label(n);
                    }
                    None => {
                        ui.label(RichText::new("Drop a CSV file on the window to open it.").weak());
                    }
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.label(RichText::new(format!("price book: {}", self.pricing.book.name)).weak());
            });
        });
    }

    fn drop_hint(&self, ui: &mut egui::Ui) {
        let hovering = ui.ctx().input(|i| !i.raw.hovered_files.is_empty());
        if hovering {
            let rect = ui.ctx().content_rect();
            let painter = ui.ctx().layer_painter(egui::LayerId::new(
                egui::Order::Foreground,
                egui::Id::unique("enrichplan-drop"),
            ));
            painter.rect_filled(rect, 0.0, Color32::from_black_alpha(160));
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "Drop to open (a list, a .enrichplan.json plan or a Workspace .toml)",
                egui::FontId::proportional(28.0),
                Color32::WHITE,
            );
        }
    }
}
