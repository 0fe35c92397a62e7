//! "What to add" on a Workspace table: Email and Phone reveals, AI Data columns (fill rate
//! with its range), Signals columns (hit rate with its range), the free Lusha Data and CRM
//! columns, CSV exports, CRM pushes and (for a list) AI chat prompts. One editor for the
//! left panel (a list on the Workspace channel) and every table of the Workspace view.

use eframe::egui::{self, RichText};

use super::left_panel::rate_cells;
use super::name;
use crate::pricebook::{PriceBook, RateRange};
use crate::pricing::{AiDataColumn, ExportRows, Selection, SignalsColumn, WorkspaceActions};

/// `prefix` starts every accessible name ("Table 2: "), so several editors can be told
/// apart. Returns true when something changed.
pub(crate) fn editor(
    ui: &mut egui::Ui,
    prefix: &str,
    sel: &mut Selection,
    w: &mut WorkspaceActions,
    book: &PriceBook,
    with_chat: bool,
    table_rows: Option<u64>,
) -> bool {
    let mut changed = false;
    let p = &book.prices;
    ui.label(RichText::new("Reveals (platform prices)").strong());
    ui.horizontal(|ui| {
        let e = ui.checkbox(&mut sel.email, format!("Email ({} cr.)", p.email));
        name(ui, &e, &format!("{prefix}Reveal email"));
        let ph = ui.checkbox(&mut sel.phone, format!("Phone ({} cr.)", p.phone));
        name(ui, &ph, &format!("{prefix}Reveal phone"));
        changed |= e.changed() | ph.changed();
    });
    if !sel.email && !sel.phone {
        hint(ui, "No reveals: only the actions below are charged.");
    }

    ui.add_space(4.0);
    ui.label(
        RichText::new(format!(
            "AI Data columns ({} cr. per cell filled)",
            p.ai_cell
        ))
        .strong(),
    );
    changed |= columns(
        ui,
        prefix,
        "AI Data",
        &mut w.ai_data,
        |c| (&mut c.name, &mut c.fill),
        |n| AiDataColumn {
            name: format!("AI column {n}"),
            fill: RateRange::exact(1.0),
        },
        "fill",
    );

    ui.add_space(4.0);
    ui.label(
        RichText::new(format!(
            "Signals columns ({} cr. per signal found)",
            p.signal
        ))
        .strong(),
    );
    let hit = book.assumptions.signal_hit_rate;
    changed |= columns(
        ui,
        prefix,
        "Signals",
        &mut w.signals,
        |c| (&mut c.name, &mut c.hit),
        |n| SignalsColumn {
            name: format!("Signal {n}"),
            hit,
        },
        "hit",
    );

    ui.add_space(4.0);
    ui.label(RichText::new("Lusha Data and CRM columns (free)").strong());
    changed |= free_columns(ui, prefix, "Lusha Data", &mut w.lusha_columns);
    changed |= free_columns(ui, prefix, "CRM", &mut w.crm_columns);

    ui.add_space(4.0);
    ui.label(
        RichText::new(format!(
            "CSV exports ({} cr. per {} rows)",
            p.csv_export_block, p.csv_export_block_rows
        ))
        .strong(),
    );
    changed |= exports(ui, prefix, &mut w.csv_exports, table_rows);

    ui.add_space(4.0);
    egui::Grid::new((prefix, "counts"))
        .num_columns(2)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            ui.label(format!("CRM pushes ({} cr. each)", p.crm_export));
            let r = ui.add(egui::DragValue::new(&mut w.crm_exports).range(0..=1_000_000));
            name(ui, &r, &format!("{prefix}CRM pushes"));
            changed |= r.changed();
            ui.end_row();
            if with_chat {
                ui.label(format!(
                    "AI chat prompts ({} cr. per {})",
                    p.ai_chat_block, p.ai_chat_block_prompts
                ));
                let r = ui.add(egui::DragValue::new(&mut w.ai_chat_prompts).range(0..=10_000_000));
                name(ui, &r, &format!("{prefix}AI chat prompts"));
                changed |= r.changed();
                ui.end_row();
            }
        });
    changed
}

fn hint(ui: &mut egui::Ui, text: &str) {
    ui.label(RichText::new(text).weak().size(12.0));
}

/// A list of named columns with a rate each (low / expected / high), add and remove.
fn columns<T>(
    ui: &mut egui::Ui,
    prefix: &str,
    what: &str,
    list: &mut Vec<T>,
    parts: impl Fn(&mut T) -> (&mut String, &mut RateRange),
    new: impl Fn(usize) -> T,
    rate: &str,
) -> bool {
    let mut changed = false;
    let mut remove = None;
    if !list.is_empty() {
        egui::Grid::new((what, "columns"))
            .num_columns(5)
            .spacing([6.0, 4.0])
            .show(ui, |ui| {
                ui.label("Column");
                ui.label(format!("Low {rate}"));
                ui.label(format!("Expected {rate}"));
                ui.label(format!("High {rate}"));
                ui.end_row();
                for (i, item) in list.iter_mut().enumerate() {
                    let (col, r) = parts(item);
                    let label = format!("{prefix}{what} column {}", i + 1);
                    let t = ui.add_sized([150.0, 20.0], egui::TextEdit::singleline(col));
                    name(ui, &t, &format!("{label} name"));
                    changed |= t.changed();
                    changed |= rate_cells(ui, &label, r);
                    let x = ui.small_button("x").on_hover_text("Remove this column");
                    name(ui, &x, &format!("Remove {label}"));
                    if x.clicked() {
                        remove = Some(i);
                    }
                    ui.end_row();
                }
            });
    }
    if let Some(i) = remove {
        list.remove(i);
        changed = true;
    }
    let add = ui.small_button(format!("+ {what} column"));
    name(ui, &add, &format!("Add {prefix}{what} column"));
    if add.clicked() {
        list.push(new(list.len() + 1));
        changed = true;
    }
    changed
}

/// Free columns: names only, marked free.
fn free_columns(ui: &mut egui::Ui, prefix: &str, what: &str, list: &mut Vec<String>) -> bool {
    let mut changed = false;
    let mut remove = None;
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{what}:"));
        for (i, c) in list.iter_mut().enumerate() {
            let t = ui.add(egui::TextEdit::singleline(c).desired_width(100.0));
            name(ui, &t, &format!("{prefix}{what} column {} name", i + 1));
            changed |= t.changed();
            let x = ui
                .small_button("x")
                .on_hover_text("Remove (free either way)");
            name(ui, &x, &format!("Remove {prefix}{what} column {}", i + 1));
            if x.clicked() {
                remove = Some(i);
            }
        }
        let add = ui
            .small_button("+")
            .on_hover_text(format!("List a {what} column (0 credits)"));
        name(ui, &add, &format!("Add {prefix}{what} column"));
        if add.clicked() {
            list.push(format!("{what} {}", list.len() + 1));
            changed = true;
        }
        ui.label(RichText::new("0 credits").weak());
    });
    if let Some(i) = remove {
        list.remove(i);
        changed = true;
    }
    changed
}

/// CSV exports: each the whole table (default) or a number of rows.
fn exports(
    ui: &mut egui::Ui,
    prefix: &str,
    list: &mut Vec<ExportRows>,
    table_rows: Option<u64>,
) -> bool {
    let mut changed = false;
    let mut remove = None;
    for (i, e) in list.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let label = format!("{prefix}CSV export {}", i + 1);
            let mut whole = *e == ExportRows::All;
            let c = ui.checkbox(&mut whole, "whole table");
            name(ui, &c, &format!("{label} whole table"));
            if c.changed() {
                *e = if whole {
                    ExportRows::All
                } else {
                    ExportRows::Rows(table_rows.unwrap_or(0))
                };
                changed = true;
            }
            if let ExportRows::Rows(n) = e {
                let max = table_rows.unwrap_or(u64::MAX / 2);
                let r = ui.add(egui::DragValue::new(n).range(0..=max).suffix(" rows"));
                name(ui, &r, &format!("{label} rows"));
                changed |= r.changed();
            }
            let x = ui.small_button("x").on_hover_text("Remove this export");
            name(ui, &x, &format!("Remove {label}"));
            if x.clicked() {
                remove = Some(i);
            }
        });
    }
    if let Some(i) = remove {
        list.remove(i);
        changed = true;
    }
    let add = ui.small_button("+ CSV export");
    name(ui, &add, &format!("{prefix}Add CSV export"));
    if add.clicked() {
        list.push(ExportRows::All);
        changed = true;
    }
    changed
}
