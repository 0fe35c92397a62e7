//! The window's questions, as modals: unsaved changes on close, replacing an existing file,
//! and a plan whose list changed.

use crate::app::intents::Intent;
use eframe::egui::{self, RichText};

use crate::app::plans::CloseAnswer;
use crate::app::{EnrichApp, Prompt};

pub fn show(app: &mut EnrichApp, ui: &mut egui::Ui) {
    let Some(prompt) = app.view.prompt.clone() else {
        return;
    };
    let ctx = ui.ctx().clone();
    let r = egui::Modal::new(egui::Id::unique("enrichplan-prompt")).show(&ctx, |ui| {
        ui.set_max_width(460.0);
        match prompt.clone() {
            Prompt::Close => {
                ui.heading("Save before closing?");
                for what in app.unsaved() {
                    ui.label(format!("{what} has changes that are not saved."));
                }
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui
                        .button("Save")
                        .on_hover_text("Save the plan, then close")
                        .clicked()
                    {
                        app.intend(Intent::AnswerClose(CloseAnswer::Save));
                    }
                    if ui
                        .button("Discard")
                        .on_hover_text("Close without saving")
                        .clicked()
                    {
                        app.intend(Intent::AnswerClose(CloseAnswer::Discard));
                    }
                    if ui
                        .button("Cancel")
                        .on_hover_text("Keep the window open")
                        .clicked()
                    {
                        app.intend(Intent::AnswerClose(CloseAnswer::Cancel));
                    }
                });
            }
            Prompt::Overwrite { path, .. } => {
                ui.heading("Replace the existing file?");
                ui.label(format!("{} already exists.", path.display()));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui
                        .button("Replace")
                        .on_hover_text("Write over it (atomically)")
                        .clicked()
                    {
                        app.intend(Intent::AnswerOverwrite(true));
                    }
                    if ui
                        .button("Cancel")
                        .on_hover_text("Leave the file as it is")
                        .clicked()
                    {
                        app.intend(Intent::AnswerOverwrite(false));
                    }
                });
            }
            Prompt::SourceChanged { list } => {
                ui.heading("The plan's contact list changed");
                ui.label(format!(
                    "{} is not the file the plan was saved with (its size or content differ).",
                    list.display()
                ));
                ui.label(
                    RichText::new(
                        "The saved result is shown until you choose; re-running gives the numbers for the file as it is now.",
                    )
                    .weak(),
                );
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui
                        .button("Re-run on the changed file")
                        .on_hover_text("Keep the plan's mapping and settings, read the file again")
                        .clicked()
                    {
                        app.intend(Intent::LocateList(Some(list.clone())));
                    }
                    if ui
                        .button("Locate another file...")
                        .on_hover_text("Choose the list the plan was made with")
                        .clicked()
                    {
                        app.intend(Intent::LocateList(None));
                    }
                    if ui
                        .button("Keep the saved result")
                        .on_hover_text("Show the saved result, read-only")
                        .clicked()
                    {
                        app.intend(Intent::DismissPrompt);
                    }
                });
            }
        }
    });
    if r.should_close() && app.view.prompt.as_ref() == Some(&prompt) {
        match prompt {
            Prompt::Close => app.intend(Intent::AnswerClose(CloseAnswer::Cancel)),
            Prompt::Overwrite { .. } => app.intend(Intent::AnswerOverwrite(false)),
            Prompt::SourceChanged { .. } => app.intend(Intent::DismissPrompt),
        }
    }
}
