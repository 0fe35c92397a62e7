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

/// How often something that waits redraws: a spinner, a progress bar.
pub(crate) const BUSY_FRAME: std::time::Duration = std::time::Duration::from_millis(250);

/// A spinner that turns a few times a second. egui's asks for every frame it can get: with a
/// software renderer and no vsync (a VM, a remote desktop, Xvfb) drawing them took a core
/// from the pass that reads the list (the 10M-row list opened in 2.5× the CLI's time).
/// This one asks for the next frame after [`BUSY_FRAME`], so the UI thread never waits
/// and input is answered at once.
pub(crate) fn busy(ui: &mut egui::Ui) -> egui::Response {
    let size = ui.style().spacing.interact_size.y;
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    response.widget_info(|| egui::WidgetInfo::new(egui::Role::ProgressIndicator));
    if ui.is_rect_visible(rect) {
        ui.ctx().request_repaint_after(BUSY_FRAME);
        let radius = rect.height() * 0.5 - 2.0;
        let start = ui.input(|i| i.time) * std::f64::consts::TAU;
        let end = start + 240f64.to_radians() * ui.input(|i| i.time).sin();
        let points: Vec<egui::Pos2> = (0..16)
            .map(|i| {
                let angle = start + (end - start) * i as f64 / 16.0;
                let (sin, cos) = angle.sin_cos();
                rect.center() + radius * egui::vec2(cos as f32, sin as f32)
            })
            .collect();
        ui.painter().add(egui::Shape::line(
            points,
            egui::Stroke::new(3.0, ui.visuals().strong_text_color()),
        ));
    }
    response
}

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
