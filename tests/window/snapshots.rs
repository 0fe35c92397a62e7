//! Pixels: the Estimate, Rows, Compare and Workspace views at 1400×900 and 1024×700, in the
//! dark and the light theme, rendered with wgpu (Mesa's software rasteriser on CI) and
//! compared with the reference images in `tests/snapshots/` (kittest.toml sets the
//! tolerance). The list holds Arabic, Hebrew, CJK, Korean, Thai, Devanagari, Greek, Cyrillic
//! and Vietnamese names. The real window finds fonts for them through the system's font
//! fallback; the harness loads the same Noto fonts by path instead, so that the pictures do
//! not depend on which other fonts a machine has. kittest fails a test on any glyph drawn as
//! a box.
//!
//! Run with `cargo test --features snapshots` (see `.ci/run` for the system packages);
//! `UPDATE_SNAPSHOTS=1` rewrites the images that differ, to be looked at before committing.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use egui_kittest::{Harness, SnapshotResults};
use enrichplan::app::EnrichApp;
use enrichplan::pricing::Channel;

use crate::common;
use crate::harness::harness;

const SIZES: [(f32, f32); 2] = [(1400.0, 900.0), (1024.0, 700.0)];
const THEMES: [(egui::Theme, &str); 2] =
    [(egui::Theme::Dark, "dark"), (egui::Theme::Light, "light")];

fn scripts_list() -> PathBuf {
    common::repo("tests/fixtures/scripts.csv")
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

/// Noto fonts for the scripts the bundled fonts lack (Debian's fonts-noto-core and
/// fonts-noto-cjk), read once per test process.
fn fallback_fonts() -> &'static [(&'static str, &'static [u8])] {
    static FONTS: OnceLock<Vec<(&'static str, &'static [u8])>> = OnceLock::new();
    FONTS.get_or_init(|| {
        [
            "truetype/noto/NotoSans-Regular.ttf",
            "truetype/noto/NotoSansArabic-Regular.ttf",
            "truetype/noto/NotoSansHebrew-Regular.ttf",
            "truetype/noto/NotoSansThai-Regular.ttf",
            "truetype/noto/NotoSansDevanagari-Regular.ttf",
            "opentype/noto/NotoSansCJK-Regular.ttc",
        ]
        .into_iter()
        .map(|rel| {
            let path = Path::new("/usr/share/fonts").join(rel);
            let bytes = std::fs::read(&path).unwrap_or_else(|e| {
                panic!(
                    "{}: {e}; the snapshot tests need fonts-noto-core and fonts-noto-cjk \
                     (bash .ci/run installs them)",
                    path.display()
                )
            });
            (rel, &*Box::leak(bytes.into_boxed_slice()))
        })
        .collect()
    })
}

fn install_fonts(ctx: &egui::Context) {
    let mut defs = egui::FontDefinitions::default();
    for (name, bytes) in fallback_fonts() {
        defs.font_data.insert(
            name.to_string(),
            Arc::new(egui::FontData::from_static(bytes)),
        );
        for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
            defs.families
                .entry(family)
                .or_default()
                .push(name.to_string());
        }
    }
    ctx.set_fonts(defs);
}

/// The window on `path` at `size` in `theme`, with the fonts a real window falls back to.
fn window(path: &Path, size: (f32, f32), theme: egui::Theme) -> Harness<'static, EnrichApp> {
    let mut app = EnrichApp::new_for_test(Some(path));
    app.set_today(today());
    assert!(app.errors().is_empty(), "{:?}", app.errors());
    harness(app, [size.0, size.1], |b| {
        b.with_theme(theme).with_context_setup(install_fonts).wgpu()
    })
}

/// Every size and theme of one view; `prepare` brings the window to the view.
fn snapshot_view(name: &str, path: &Path, prepare: impl Fn(&mut Harness<'static, EnrichApp>)) {
    // One result for the test: every image is compared (and updated) before it fails.
    let mut results = SnapshotResults::new();
    for size in SIZES {
        for (theme, theme_name) in THEMES {
            let mut h = window(path, size, theme);
            prepare(&mut h);
            h.state_mut().wait_for_jobs();
            h.run();
            h.snapshot(format!("{name}-{}x{}-{theme_name}", size.0, size.1));
            results.extend_harness(&mut h);
        }
    }
    results.unwrap();
}

fn click(h: &mut Harness<'static, EnrichApp>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

#[test]
fn estimate_view() {
    snapshot_view("estimate", &scripts_list(), |_| {});
}

#[test]
fn rows_view() {
    // One frame: the rows are priced on a worker, which `snapshot_view` waits for.
    snapshot_view("rows", &scripts_list(), |h| {
        h.get_by_label("Rows view").click();
        h.step();
    });
}

#[test]
fn compare_view() {
    snapshot_view("compare", &scripts_list(), |h| {
        // Two plans side by side: the list as it is, then on the Workspace channel.
        let size = h.ctx.content_rect().size();
        h.set_size(egui::vec2(1400.0, 1200.0));
        h.run();
        click(h, "Compare view");
        h.get_by_role_and_label(Role::Button, "Add current plan")
            .click();
        h.run();
        h.get_by_role_and_label(Role::RadioButton, Channel::Platform.label())
            .click();
        h.run();
        h.get_by_role_and_label(Role::Button, "Add current plan")
            .click();
        h.run();
        assert_eq!(h.state().compared().len(), 2);
        h.set_size(size);
        h.run();
    });
}

#[test]
fn workspace_view() {
    snapshot_view(
        "workspace",
        &common::repo("sample-data/workspace-plan.toml"),
        |h| {
            assert!(h.state().workspace_outcome().is_some());
        },
    );
}

/// The budget banner: beside the number when wide, under it when narrow (issue 28: a
/// narrow red tower at 1024).
#[test]
fn estimate_view_with_a_budget() {
    snapshot_view("budget", &scripts_list(), |h| {
        h.state_mut().set_budget(Some(20.0));
    });
}
