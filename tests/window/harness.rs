//! The one harness factory for window tests, and a dropped file.

use std::path::{Path, PathBuf};

use egui_kittest::{Harness, HarnessBuilder};
use enrichplan::app::EnrichApp;

/// A window of `size` on `app`, configured further by `configure` (theme, renderer, fonts,
/// a check turned off), drawn until it settles.
pub fn harness(
    app: EnrichApp,
    size: [f32; 2],
    configure: impl FnOnce(HarnessBuilder<EnrichApp>) -> HarnessBuilder<EnrichApp>,
) -> Harness<'static, EnrichApp> {
    let builder = Harness::builder().with_size(size).with_max_steps(12);
    let mut h = configure(builder).build_eframe(|_cc| app);
    h.run();
    h
}

/// A file dropped on the window, read from disk when asked.
#[derive(Debug)]
pub struct Dropped(pub PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// Choose the file dialogs built into the window (View menu), as a user without a desktop
/// portal would.
pub fn use_builtin_dialogs(h: &mut Harness<'static, EnrichApp>) {
    use egui_kittest::kittest::Queryable;
    h.get_by_label("View").click();
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::RadioButton, "Built into the window")
        .click();
    h.run();
}
