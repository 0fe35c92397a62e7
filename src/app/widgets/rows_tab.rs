//! The Rows tab: every input row with its status, reason and credits, filterable by status.
//! Virtualised: only the visible rows are drawn, so a 1M-row list scrolls smoothly.

use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};
use polars::prelude::StringChunked;

use super::format::int;
use super::name;
use crate::app::EnrichApp;
use crate::app::intents::Intent;
use crate::rows::{self, RowStatus};

pub fn show(app: &mut EnrichApp, ui: &mut egui::Ui) {
    let Some(outcome) = &app.results.outcome else {
        ui.label("Open a contact list to see its rows.");
        return;
    };
    let counts = outcome.estimate.counts;
    let count_of = |s: RowStatus| match s {
        RowStatus::Unmatchable => counts.unmatchable,
        RowStatus::Duplicate => counts.duplicate,
        RowStatus::AlreadyRevealed => counts.already_revealed,
        RowStatus::NothingNeeded => counts.nothing_needed,
        RowStatus::Billable => counts.billable,
    };
    let filter_text = |f: Option<RowStatus>| match f {
        None => format!("All rows ({})", int(counts.rows as i64)),
        Some(s) => format!("{} ({})", s.label(), int(count_of(s) as i64)),
    };
    let mut filter = app.view.row_filter;
    ui.horizontal(|ui| {
        let r = egui::ComboBox::from_label("Status filter")
            .selected_text(filter_text(filter))
            .width(220.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut filter, None, filter_text(None));
                for s in RowStatus::ALL {
                    ui.selectable_value(&mut filter, Some(s), filter_text(Some(s)));
                }
            });
        name(ui, &r.response, "Status filter");
    });
    if filter != app.view.row_filter {
        // Another filter: try pricing the rows again if they failed.
        app.results.rows_failed = false;
    }
    app.view.row_filter = filter;
    let settings = app.pricing.settings.clone();
    let email_headers = app
        .source
        .mapping
        .columns(crate::input::roles::Role::Email)
        .to_vec();
    let Some(list) = &app.source.list else { return };
    let table = list.table.clone();
    let Some(analysis) = app.results.analysis.clone() else {
        return;
    };
    // Filtered and priced by `logic` (once per change of filter or settings).
    let Some(cache) = app.rows_ready() else {
        if app.results.rows_failed {
            ui.label(
                "The rows could not be priced (the error is above); change a setting to try again.",
            );
            return;
        }
        app.intend(Intent::PrepareRows);
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(RichText::new("pricing every row…").weak());
        });
        return;
    };
    ui.label(format!(
        "Showing {} of {} rows",
        int(cache.indices.len() as i64),
        int(table.rows() as i64)
    ));
    ui.separator();
    // The row's email cells read as a list (pricing.md §1): said in the reason.
    let email_cols: Vec<&StringChunked> = email_headers
        .iter()
        .filter_map(|h| table.df.column(h).ok().and_then(|c| c.str().ok()))
        .collect();
    let cols: Vec<Option<&StringChunked>> = table
        .headers
        .iter()
        .map(|h| table.df.column(h).ok().and_then(|c| c.str().ok()))
        .collect();
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    egui::ScrollArea::horizontal().show(ui, |ui| {
        TableBuilder::new(ui)
            .id_salt("rows")
            .striped(true)
            .resizable(true)
            .auto_shrink([false, false])
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            // Who the row is comes soon after why it costs what it costs: the reason is cut
            // (in full on hover) so that the file's own cells start on screen.
            .column(Column::exact(50.0))
            .column(Column::initial(100.0).clip(true))
            .column(Column::initial(64.0))
            .column(Column::initial(230.0).clip(true))
            .columns(Column::initial(130.0).clip(true), cols.len())
            .header(row_h + 2.0, |mut h| {
                for t in ["Row", "Status", "Credits", "Reason"] {
                    h.col(|ui| {
                        ui.label(RichText::new(t).strong());
                    });
                }
                for t in &table.headers {
                    h.col(|ui| {
                        ui.label(RichText::new(t).strong());
                    });
                }
            })
            .body(|body| {
                body.rows(row_h, cache.indices.len(), |mut row| {
                    let r = cache.indices[row.index()] as usize;
                    row.col(|ui| {
                        ui.label((r + 1).to_string());
                    });
                    let status = rows::row_status(&analysis, r, &settings);
                    row.col(|ui| {
                        ui.label(status.label());
                    });
                    row.col(|ui| {
                        let c = cache.credits.get(r).copied().unwrap_or(0.0);
                        ui.label(if c == 0.0 {
                            "0".to_string()
                        } else {
                            format!("{c:.2}")
                        });
                    });
                    row.col(|ui| {
                        let mut reason = rows::row_reason(&analysis, r, &settings, &table.lines);
                        let listed = email_cols
                            .iter()
                            .filter_map(|c| c.get(r))
                            .filter(|v| crate::normalize::is_email_list(v))
                            .map(|v| crate::normalize::email_addresses(v).len())
                            .max()
                            .unwrap_or(0);
                        if listed > 1 {
                            reason.push_str(&format!("; {listed} addresses in one cell"));
                        }
                        // A cut reason shows in full on hover (egui adds the tooltip).
                        ui.add(egui::Label::new(&reason).truncate());
                    });
                    for c in &cols {
                        row.col(|ui| {
                            ui.label(c.and_then(|c| c.get(r)).unwrap_or(""));
                        });
                    }
                });
            });
    });
}
