//! The window's questions, as modals: unsaved changes on close, replacing an existing file,
//! and a plan whose list changed.

use crate::app::intents::Intent;
use eframe::egui::{self, RichText};

use crate::app::Prompt;
use crate::app::plans::CloseAnswer;

/// The question on screen, if any (`unsaved`: what has unsaved changes, for the close
/// question); the answer as intents.
pub fn show(ui: &mut egui::Ui, prompt: Option<&Prompt>, unsaved: &[String]) -> Vec<Intent> {
    let mut intents = Vec::new();
    let Some(prompt) = prompt.cloned() else {
        return intents;
    };
    let ctx = ui.ctx().clone();
    let r = egui::Modal::new(egui::Id::unique("enrichplan-prompt")).show(&ctx, |ui| {
        ui.set_max_width(460.0);
        match prompt.clone() {
            Prompt::Close => {
                ui.heading("Save before closing?");
                for what in unsaved {
                    ui.label(format!("{what} has changes that are not saved."));
                }
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui
                        .button("Save")
                        .on_hover_text("Save the plan, then close")
                        .clicked()
                    {
                        intents.push(Intent::AnswerClose(CloseAnswer::Save));
                    }
                    if ui
                        .button("Discard")
                        .on_hover_text("Close without saving")
                        .clicked()
                    {
                        intents.push(Intent::AnswerClose(CloseAnswer::Discard));
                    }
                    if ui
                        .button("Cancel")
                        .on_hover_text("Keep the window open")
                        .clicked()
                    {
                        intents.push(Intent::AnswerClose(CloseAnswer::Cancel));
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
                        intents.push(Intent::AnswerOverwrite(true));
                    }
                    if ui
                        .button("Cancel")
                        .on_hover_text("Leave the file as it is")
                        .clicked()
                    {
                        intents.push(Intent::AnswerOverwrite(false));
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
                        intents.push(Intent::LocateList(Some(list.clone())));
                    }
                    if ui
                        .button("Locate another file...")
                        .on_hover_text("Choose the list the plan was made with")
                        .clicked()
                    {
                        intents.push(Intent::LocateList(None));
                    }
                    if ui
                        .button("Keep the saved result")
                        .on_hover_text("Show the saved result, read-only")
                        .clicked()
                    {
                        intents.push(Intent::DismissPrompt);
                    }
                });
            }
        }
    });
    if r.should_close() {
        match prompt {
            Prompt::Close => intents.push(Intent::AnswerClose(CloseAnswer::Cancel)),
            Prompt::Overwrite { .. } => intents.push(Intent::AnswerOverwrite(false)),
            Prompt::SourceChanged { .. } => intents.push(Intent::DismissPrompt),
        }
    }
    intents
}
