//! The Workspace view: several tables (a row count or a contact list each), what is added
//! to each, the account-wide AI chat, each table's breakdown and the total with the same
//! chart and ranges as the Estimate view.

use eframe::egui::{self, RichText};

use super::estimate_tab::{breakdown, chart, funnel, headline};
use super::format::int;
use super::name;
use std::path::Path;

use crate::app::intents::{Intent, WorkspaceIntent as Action};
use crate::app::state::BudgetInput;
use crate::app::workspace::WorkspaceDoc;
use crate::pricebook::PriceBook;
use crate::pricing::Estimate;
use crate::workspace::TableSource;

/// What the Workspace view draws: the plan (its tables edited in place), the open list,
/// the price book and budget in force, whether a job runs.
pub struct WorkspaceView<'a> {
    pub doc: Option<&'a mut WorkspaceDoc>,
    pub open_list: Option<&'a Path>,
    pub book: &'a PriceBook,
    pub budget: &'a BudgetInput,
    pub busy: bool,
}

/// Draw the view; what the user asked for as intents.
pub fn show(ui: &mut egui::Ui, v: WorkspaceView<'_>) -> Vec<Intent> {
    let mut actions = Vec::new();
    let mut changed = false;
    toolbar(v.doc.as_deref(), ui, &mut actions);
    ui.separator();
    if v.doc.is_none() {
        ui.add_space(30.0);
        ui.vertical_centered(|ui| {
            ui.heading("Plan Workspace tables: AI Data, Signals, exports and reveals.");
            ui.label(
                "Start a new Workspace plan, open a saved one (.toml), or add a table from the open contact list.",
            );
        });
        return intents(actions, false);
    }
    let WorkspaceView {
        doc,
        open_list,
        book,
        budget: money,
        busy,
    } = v;
    let Some(doc) = doc else {
        return Vec::new();
    };
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // The total first: what the plan costs, as on the Estimate view.
            match &doc.run {
                Some(Ok(run)) => {
                    let subtitle = format!(
                        "{}: {}, {} rows, price book {}",
                        doc.name(),
                        crate::text::count(doc.spec.tables.len() as u64, "table", "tables"),
                        int(run.outcome.estimate.counts.rows as i64),
                        book.id
                    );
                    // A Workspace plan has no trimmed list to export (tables of counts).
                    let _ = headline(ui, &run.outcome, money, &subtitle);
                }
                Some(Err(msg)) => {
                    ui.label(
                        RichText::new(format!("Cannot price this plan: {msg}"))
                            .color(ui.visuals().error_fg_color)
                            .strong(),
                    );
                }
                None => {
                    ui.horizontal(|ui| {
                        if busy {
                            super::busy(ui);
                        }
                        ui.label("Reading and analysing the tables' contact lists...");
                    });
                }
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                ui.label("AI chat prompts this cycle (account-wide):");
                let r = ui.add(
                    egui::DragValue::new(&mut doc.spec.ai_chat_prompts).range(0..=10_000_000),
                );
                name(ui, &r, "AI chat prompts (Workspace)");
                changed |= r.changed();
                ui.label(
                    RichText::new(format!(
                        "{} cr. per {} prompts",
                        book.prices.ai_chat_block, book.prices.ai_chat_block_prompts
                    ))
                    .weak(),
                );
            });
            ui.add_space(6.0);
            let run = doc.run.as_ref().and_then(|r| r.as_ref().ok());
            // Each table's whole credits, adding up (with the AI chat) to the total shown.
            let table_shown = run.map(|r| r.shown_tables()).unwrap_or_default();
            let n = doc.spec.tables.len();
            for (i, t) in doc.spec.tables.iter_mut().enumerate() {
                let est = run.and_then(|r| r.tables.get(i));
                let prefix = format!("Table {}: ", i + 1);
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new(format!("Table {}", i + 1)).strong());
                        let r = ui.add(egui::TextEdit::singleline(&mut t.name).desired_width(180.0));
                        name(ui, &r, &format!("{prefix}name"));
                        changed |= r.changed();
                        if let Some((x, l, h)) = est.and(table_shown.get(i).copied()) {
                            ui.label(
                                RichText::new(format!("{} credits ({}–{})", int(x), int(l), int(h)))
                                    .strong(),
                            );
                        }
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            let rm = ui.button("Remove").on_hover_text("Remove this table");
                            name(ui, &rm, &format!("{prefix}remove"));
                            if rm.clicked() {
                                actions.push(Action::Remove(i));
                            }
                            if i > 0 {
                                let up = ui.button("Move up").on_hover_text(
                                    "Tables are taken in order: a contact seen in an earlier table is a duplicate in a later one",
                                );
                                name(ui, &up, &format!("{prefix}move up"));
                                if up.clicked() {
                                    actions.push(Action::MoveUp(i));
                                }
                            }
                        });
                    });
                    ui.horizontal_wrapped(|ui| {
                        match &mut t.source {
                            TableSource::Rows(rows) => {
                                ui.label("Rows:");
                                let r = ui.add(egui::DragValue::new(rows).range(0..=1_000_000_000).speed(10.0));
                                name(ui, &r, &format!("{prefix}rows"));
                                changed |= r.changed();
                                ui.label(RichText::new("contacts, none duplicate or unmatchable").weak());
                                if open_list.is_some() {
                                    let b = ui.button("Use the open list").on_hover_text("Read the rows of the contact list open in the window");
                                    name(ui, &b, &format!("{prefix}use the open list"));
                                    if b.clicked() {
                                        actions.push(Action::UseOpenList(i));
                                    }
                                }
                                let b = ui.button("Use a list file...");
                                name(ui, &b, &format!("{prefix}use a list file"));
                                if b.clicked() {
                                    actions.push(Action::UseFile(i));
                                }
                            }
                            TableSource::List { path, .. } => {
                                let file = path
                                    .file_name()
                                    .map(|f| f.to_string_lossy().into_owned())
                                    .unwrap_or_default();
                                ui.label("From:");
                                ui.label(RichText::new(file).strong())
                                    .on_hover_text(path.display().to_string());
                                if let Some(e) = est {
                                    ui.label(format!("{} rows", int(e.counts.rows as i64)));
                                }
                                let b = ui.button("Use a row count instead");
                                name(ui, &b, &format!("{prefix}use a row count"));
                                if b.clicked() {
                                    actions.push(Action::UseRows(i));
                                }
                            }
                        }
                    });
                    if let Some(e) = est {
                        counts_line(ui, e);
                    }
                    egui::CollapsingHeader::new("What to add")
                        .id_salt(("add", i))
                        .default_open(n <= 3)
                        .show(ui, |ui| {
                            let rows = est.map(|e| e.counts.rows);
                            changed |= super::actions::editor(
                                ui,
                                &prefix,
                                &mut t.selection,
                                &mut t.actions,
                                book,
                                false,
                                rows,
                            );
                            if t.selection.email || t.selection.phone {
                                ui.add_space(4.0);
                                ui.label(RichText::new("Reveal rates").strong());
                                egui::Grid::new(("rates", i)).num_columns(4).spacing([6.0, 4.0]).show(ui, |ui| {
                                    ui.label("");
                                    ui.label("Low");
                                    ui.label("Expected");
                                    ui.label("High");
                                    ui.end_row();
                                    for (what, r) in [
                                        ("Match rate", &mut t.assumptions.match_rate),
                                        ("Email rate", &mut t.assumptions.email_rate),
                                        ("Phone rate", &mut t.assumptions.phone_rate),
                                    ] {
                                        ui.label(what);
                                        changed |= super::left_panel::rate_cells(ui, &format!("{prefix}{what}"), r);
                                        ui.end_row();
                                    }
                                });
                            }
                        });
                    if let Some(e) = est {
                        egui::CollapsingHeader::new("Breakdown")
                            .id_salt(("breakdown", i))
                            .default_open(false)
                            .show(ui, |ui| breakdown(ui, &format!("table-{i}"), e, &book.prices));
                    }
                });
                ui.add_space(4.0);
            }
            ui.horizontal_wrapped(|ui| add_buttons(ui, open_list.is_some(), &mut actions));
            if let Some(run) = run {
                let e = &run.outcome.estimate;
                ui.add_space(12.0);
                ui.heading("All tables");
                breakdown(ui, "workspace", e, &book.prices);
                ui.add_space(8.0);
                ui.heading("From rows to billable contacts");
                funnel(ui, "workspace", &e.counts);
                ui.add_space(8.0);
                ui.heading("Credits by item (expected)");
                chart(ui, "workspace", e);
                if !e.warnings.is_empty() {
                    ui.add_space(8.0);
                    ui.heading("Warnings");
                    for w in &e.warnings {
                        ui.label(RichText::new(format!("Warning: {w}")).color(ui.visuals().warn_fg_color));
                    }
                }
            }
        });
    intents(actions, changed)
}

fn counts_line(ui: &mut egui::Ui, e: &Estimate) {
    let c = &e.counts;
    ui.label(
        RichText::new(format!(
            "{} rows: {} unmatchable · {} duplicates · {} already revealed · {} billable",
            int(c.rows as i64),
            int(c.unmatchable as i64),
            int(c.duplicate as i64),
            int(c.already_revealed as i64),
            int(c.billable as i64)
        ))
        .weak(),
    );
}

fn toolbar(doc: Option<&WorkspaceDoc>, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("New Workspace plan")
            .on_hover_text("Start a plan with one table of 1,000 rows")
            .clicked()
        {
            actions.push(Action::New);
        }
        if ui
            .button("Open...")
            .on_hover_text(
                "Open a Workspace plan (.toml), as `enrichplan estimate --spec` reads it",
            )
            .clicked()
        {
            actions.push(Action::Open);
        }
        let has = doc.is_some();
        let save = ui
            .add_enabled(has, egui::Button::new("Save"))
            .on_hover_text(
                "Save the Workspace plan as TOML (the same file the command line reads)",
            );
        name(ui, &save, "Save Workspace plan");
        if save.clicked() {
            actions.push(Action::Save { as_new: false });
        }
        if ui
            .add_enabled(has, egui::Button::new("Save as..."))
            .clicked()
        {
            actions.push(Action::Save { as_new: true });
        }
        ui.separator();
        let can_compare = doc.is_some_and(|d| matches!(d.run, Some(Ok(_))));
        if ui
            .add_enabled(can_compare, egui::Button::new("Add to Compare"))
            .on_hover_text("Put this plan's result beside other plans in the Compare view")
            .clicked()
        {
            actions.push(Action::Compare);
        }
        if let Some(doc) = doc {
            let file = doc
                .path
                .as_deref()
                .and_then(|p| p.file_name())
                .map(|f| f.to_string_lossy().into_owned());
            let state = match (file, doc.is_dirty()) {
                (Some(f), true) => format!("{f} (unsaved changes)"),
                (Some(f), false) => f,
                (None, _) => "not saved yet".into(),
            };
            let r = ui.label(RichText::new(state).weak());
            if let Some(p) = &doc.path {
                r.on_hover_text(p.display().to_string());
            }
        }
    });
}

fn add_buttons(ui: &mut egui::Ui, has_list: bool, actions: &mut Vec<Action>) {
    if ui
        .button("+ Table of a row count")
        .on_hover_text("A table of N contacts (none duplicate or unmatchable)")
        .clicked()
    {
        actions.push(Action::AddRows);
    }
    if ui
        .add_enabled(has_list, egui::Button::new("+ Table from the open list"))
        .on_hover_text("A table whose rows are the contact list open in the window")
        .on_disabled_hover_text("Open a contact list first")
        .clicked()
    {
        actions.push(Action::AddOpenList);
    }
    if ui
        .button("+ Table from a list file...")
        .on_hover_text("A table whose rows are a contact list (CSV or workbook)")
        .clicked()
    {
        actions.push(Action::AddFile);
    }
}

/// The frame's actions (an edit in place first, so the plan is priced before the rest).
fn intents(actions: Vec<Action>, changed: bool) -> Vec<Intent> {
    changed
        .then_some(Action::Changed)
        .into_iter()
        .chain(actions)
        .map(Intent::Workspace)
        .collect()
}
