//! The window's parts, one module each.

pub mod account;
pub mod actions;
pub mod compare_tab;
pub mod estimate_tab;
pub mod format;
pub mod guide;
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

/// A bar chart that does not move (no zoom, drag or scroll), its y axis in credits with
/// thousands separators and its bars named on the x axis: the one setup every chart uses.
pub(crate) fn static_bar_plot(
    id: impl std::hash::Hash + std::fmt::Debug,
    height: f32,
    names: Vec<String>,
) -> egui_plot::Plot<'static> {
    egui_plot::Plot::new(id)
        .height(height)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .include_y(0.0)
        .y_axis_formatter(|mark, _| format::int(mark.value.round() as i64))
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                names.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
}
