//! The window's parts, one module each.

pub mod actions;
pub mod compare_tab;
pub mod estimate_tab;
pub mod format;
pub mod left_panel;
pub mod plan_bar;
pub mod prompts;
pub mod rows_tab;
pub mod tiers;
pub mod workspace_tab;

use eframe::egui;

/// Give a widget an accessible name (for screen readers and kittest) without a visible label.
pub(crate) fn name(ui: &egui::Ui, r: &egui::Response, label: &str) {
    ui.ctx()
        .accesskit_node_builder(r.id, |node| node.set_label(label));
}
