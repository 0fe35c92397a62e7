//! The Rows tab: every input row with its status, reason and credits, filterable by status.
//! Virtualised: only the visible rows are drawn, and only their cells are read back from
//! the file by offset (the list's cells are not held), so a 10M-row list scrolls smoothly.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use eframe::egui::{self, RichText};
use egui_extras::{Column, TableBuilder};

use super::format::int;
use super::name;
use crate::analysis::Analysis;
use crate::app::intents::Intent;
use crate::app::{EnrichApp, RowsCache};
use crate::engine::Outcome;
use crate::input::reader::ListRows;
use crate::pricing::Settings;
use crate::rows::{self, RowStatus};

/// What the Rows view draws.
pub struct RowsView<'a> {
    pub outcome: Option<&'a Outcome>,
    pub filter: Option<RowStatus>,
    pub settings: &'a Settings,
    pub email_headers: &'a [String],
    pub list: Option<&'a Arc<ListRows>>,
    pub analysis: Option<&'a Arc<Analysis>>,
    /// The filtered rows and their credits, when ready for this filter and these settings.
    pub ready: Option<&'a RowsCache>,
    /// Pricing the rows failed (said once, above).
    pub failed: bool,
}

impl<'a> RowsView<'a> {
    pub fn of(app: &'a EnrichApp) -> Self {
        RowsView {
            outcome: app.results.outcome.as_ref(),
            filter: app.view.row_filter,
            settings: &app.pricing.settings,
            email_headers: app.source.mapping.columns(crate::input::roles::Role::Email),
            list: app.source.list.as_ref().map(|l| &l.table),
            analysis: app.results.analysis.as_ref(),
            ready: app.rows_ready(),
            failed: app.results.rows_failed,
        }
    }
}

/// Rows whose cells are read together when one of them comes on screen.
const BLOCK: usize = 64;
/// Rows whose cells are kept (a few screens); more and the oldest are forgotten.
const KEPT: usize = 4096;

/// The cells read back for the rows on screen, kept across frames (in egui's memory).
#[derive(Default)]
struct Cells {
    /// The list they are of (its address).
    list: usize,
    rows: HashMap<u32, Vec<String>>,
    /// Reading them failed (the file changed or went away): said, not retried.
    error: Option<String>,
}

impl Cells {
    /// The cells of the row at `at` in `indices`, reading it and the rows after it on a miss.
    fn get(&mut self, list: &ListRows, indices: &[u32], at: usize) -> Option<&Vec<String>> {
        let r = indices[at];
        if !self.rows.contains_key(&r) && self.error.is_none() {
            let block: Vec<u32> = indices[at..(at + BLOCK).min(indices.len())]
                .iter()
                .copied()
                .filter(|r| !self.rows.contains_key(r))
                .collect();
            match list.cells(&block) {
                Ok(cells) => {
                    if self.rows.len() + block.len() > KEPT {
                        self.rows.clear();
                    }
                    self.rows.extend(block.into_iter().zip(cells));
                }
                Err(e) => self.error = Some(e.to_string()),
            }
        }
        self.rows.get(&r)
    }
}

/// Draw the Rows view; what the user asked for is returned.
pub fn show(v: RowsView<'_>, ui: &mut egui::Ui) -> Vec<Intent> {
    let mut intents = Vec::new();
    let Some(outcome) = v.outcome else {
        ui.label("Open a contact list to see its rows.");
        return intents;
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
    let mut filter = v.filter;
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
    // What a row's credits are (issue 28: "2.13" unexplained).
    ui.label(
        RichText::new(
            "Credits: each row's share of the expected total — a contact's reveals at the expected rates on its first row (so fractions), company items on the company's first row, bulk fees shared over a batch. Unrounded, the rows add up to the expected total (shown rounded to whole credits).",
        )
        .weak()
        .size(12.0),
    );
    if filter != v.filter {
        intents.push(Intent::RowFilter(filter));
        return intents;
    }
    let (Some(table), Some(analysis)) = (v.list, v.analysis) else {
        return intents;
    };
    // Filtered and priced by `logic` (once per change of filter or settings).
    let Some(cache) = v.ready else {
        if v.failed {
            ui.label(
                "The rows could not be priced (the error is above); change a setting to try again.",
            );
            return intents;
        }
        intents.push(Intent::PrepareRows);
        ui.horizontal(|ui| {
            super::busy(ui);
            ui.label(RichText::new("pricing every row…").weak());
        });
        return intents;
    };
    ui.label(format!(
        "Showing {} of {} rows",
        int(cache.indices.len() as i64),
        int(table.rows() as i64)
    ));
    // The cells on screen, read back from the file (kept for the next frames).
    let id = egui::Id::unique("enrichplan-rows-cells");
    let cells = ui.data_mut(|d| d.get_temp_mut_or_default::<Arc<Mutex<Cells>>>(id).clone());
    let mut cells = cells.lock().unwrap_or_else(|e| e.into_inner());
    let list_id = Arc::as_ptr(table) as usize;
    if cells.list != list_id {
        *cells = Cells {
            list: list_id,
            ..Default::default()
        };
    }
    if let Some(e) = &cells.error {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("The file's cells cannot be shown: {e}"),
        );
    }
    ui.separator();
    // The row's email cells read as a list (pricing.md §1): said in the reason.
    let email_cols: Vec<usize> = v
        .email_headers
        .iter()
        .filter_map(|h| table.headers.iter().position(|t| t == h))
        .collect();
    let width = table.headers.len();
    let settings = v.settings;
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
            .columns(Column::initial(130.0).clip(true), width)
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
                    let at = row.index();
                    let r = cache.indices[at] as usize;
                    let none: Vec<String> = Vec::new();
                    let values = cells.get(table, &cache.indices, at).unwrap_or(&none);
                    row.col(|ui| {
                        ui.label((r + 1).to_string());
                    });
                    let status = rows::row_status(analysis, r, settings);
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
                        let mut reason = rows::row_reason(analysis, r, settings, &table.lines);
                        let listed = email_cols
                            .iter()
                            .filter_map(|&c| values.get(c).map(String::as_str))
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
                    for c in 0..width {
                        row.col(|ui| {
                            ui.label(values.get(c).map(String::as_str).unwrap_or(""));
                        });
                    }
                });
            });
    });
    intents
}
