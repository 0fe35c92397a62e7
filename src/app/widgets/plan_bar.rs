//! The plan bar beside the tabs: name, where it is saved, unsaved changes, save / open.

use crate::app::intents::Intent;
use eframe::egui::{self, RichText};

use crate::app::{Command, PlanDoc};

fn hint(ui: &mut egui::Ui, text: &str) {
    ui.add(egui::Label::new(RichText::new(text).weak().size(12.0)).extend());
}

/// The plan's name, where it is saved and whether it has unsaved changes (beside the tabs):
/// the name and notes edited in place, the notes editor shown or not, Save and Open asked
/// for.
pub fn show(
    ui: &mut egui::Ui,
    doc: &mut PlanDoc,
    show_notes: &mut bool,
    dirty: bool,
) -> Option<Intent> {
    let mut run = None;
    ui.horizontal_wrapped(|ui| {
        let l = ui.label("Plan name");
        let r = ui.add(
            egui::TextEdit::singleline(&mut doc.name)
                .desired_width(200.0)
                .hint_text("from the file name"),
        );
        r.labelled_by(l.id);
        let label = if doc.notes.trim().is_empty() {
            "Notes"
        } else {
            "Notes (1)"
        };
        let n = ui
            .small_button(label)
            .on_hover_text(if doc.notes.trim().is_empty() {
                "Add notes to the plan (saved with it, shown in Compare)"
            } else {
                doc.notes.as_str()
            });
        if n.clicked() {
            *show_notes = !*show_notes;
        }
        let status = match &doc.path {
            Some(p) => {
                let file = p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let dirty = if dirty { " (unsaved changes)" } else { "" };
                format!("Saved as {file}{dirty}")
            }
            None => "Not saved yet.".into(),
        };
        hint(ui, &status);
        for cmd in [Command::SavePlan, Command::OpenPlan] {
            if ui
                .small_button(cmd.label())
                .on_hover_text(cmd.tooltip())
                .clicked()
            {
                run = Some(cmd);
            }
        }
    });
    if *show_notes {
        let l = ui.label("Plan notes (saved with the plan, shown in Compare)");
        let r = ui.add(
            egui::TextEdit::multiline(&mut doc.notes)
                .desired_rows(3)
                .desired_width(f32::INFINITY)
                .hint_text("why this plan, who approved it, what to check"),
        );
        r.labelled_by(l.id);
    }
    run.map(Intent::Run)
}
