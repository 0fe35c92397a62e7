//! The Workspace half of the window, driven through egui_kittest: a two-table plan built by
//! clicking, saved and reopened, with the total the command line prints for the same spec;
//! a list on the Workspace channel; the bundled sample spec.

use crate::common;

use std::path::{Path, PathBuf};

use crate::harness::harness;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use enrichplan::app::{EnrichApp, fmt_int};
use enrichplan::pricing::{Channel, ExportRows, shown};
use enrichplan::workspace::TableSource;

fn sample() -> PathBuf {
    common::repo("sample-data/contacts.csv")
}

fn window(app: EnrichApp) -> Harness<'static, EnrichApp> {
    // Tall enough that every table is on screen (a real window scrolls).
    harness(app, [1400.0, 2400.0], |b| b)
}

/// Let background work finish, then draw.
fn settle(h: &mut Harness<'static, EnrichApp>) {
    h.state_mut().wait_for_jobs();
    h.run();
}

/// Click a widget by its accessible name; whatever it starts in the background finishes.
fn click(h: &mut Harness<'static, EnrichApp>, label: &str) {
    h.get_by_label(label).click();
    h.step();
    settle(h);
}

fn cli_expected(spec: &Path) -> f64 {
    let v = common::json(&[
        "estimate",
        "--spec",
        &spec.display().to_string(),
        "--format",
        "json",
    ]);
    v["credits"]["expected"].as_f64().unwrap()
}

fn window_expected(h: &Harness<'static, EnrichApp>) -> f64 {
    h.state()
        .workspace_outcome()
        .expect("the Workspace plan is priced")
        .outcome
        .estimate
        .total
        .expected
}

#[test]
fn a_two_table_plan_built_by_clicking_saves_reopens_and_matches_the_cli() {
    let mut h = window(EnrichApp::new_for_test(Some(&sample())));
    click(&mut h, "Workspace view");
    click(&mut h, "New Workspace plan");
    // Table 1: 1,200 rows, email reveals, one AI Data column, a whole-table export.
    click(&mut h, "Table 1: rows");
    h.get_by_label("Table 1: rows").type_text("1200");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    click(&mut h, "Table 1: Reveal email");
    click(&mut h, "Add Table 1: AI Data column");
    click(&mut h, "Table 1: Add CSV export");
    // Table 2: the open list, with a Signals column.
    click(&mut h, "+ Table from the open list");
    click(&mut h, "Add Table 2: Signals column");

    let spec = h.state().workspace_spec().unwrap().clone();
    assert_eq!(spec.tables.len(), 2);
    assert_eq!(spec.tables[0].source, TableSource::Rows(1200));
    assert!(spec.tables[0].selection.email && !spec.tables[0].selection.phone);
    assert_eq!(spec.tables[0].actions.ai_data.len(), 1);
    assert_eq!(spec.tables[0].actions.csv_exports, vec![ExportRows::All]);
    match &spec.tables[1].source {
        TableSource::List { path, .. } => assert_eq!(path, &sample()),
        other => panic!("table 2 should read the list: {other:?}"),
    }
    assert_eq!(spec.tables[1].actions.signals.len(), 1);

    let total = window_expected(&h);
    let (exp, _, _) = shown(
        &h.state()
            .workspace_outcome()
            .unwrap()
            .outcome
            .estimate
            .total,
    );
    h.get_by_label(&format!("{} credits expected", fmt_int(exp)));
    // 1,200 AI cells alone, at least.
    assert!(total > 1200.0, "{total}");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("q1.toml");
    h.state_mut().save_spec_to(path.clone());
    settle(&mut h);
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    assert!(path.exists());
    assert!(
        (cli_expected(&path) - total).abs() < 1e-9,
        "the window and the CLI show the same number for the same spec"
    );

    let mut again = window(EnrichApp::new_for_test(None));
    again.state_mut().open(path.clone());
    settle(&mut again);
    assert_eq!(again.state().workspace_spec(), Some(&spec));
    assert!((window_expected(&again) - total).abs() < 1e-9);
}

#[test]
fn the_sample_spec_opens_in_the_workspace_view_with_the_cli_total() {
    let spec = common::repo("sample-data/workspace-plan.toml");
    let mut h = window(EnrichApp::new_for_test(None));
    h.state_mut().open(spec.clone());
    settle(&mut h);
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    let total = window_expected(&h);
    assert!((cli_expected(&spec) - total).abs() < 1e-9);
    h.get_by_label("Table 1: name");
    h.get_by_label("Table 2: name");
    let run = h.state().workspace_outcome().unwrap();
    assert_eq!(run.tables.len(), 2);
    assert!(
        run.tables[1].counts.duplicate > 0,
        "the tables share contacts"
    );
    // Removing the second table re-prices without it.
    click(&mut h, "Table 2: remove");
    let one = window_expected(&h);
    assert!(one < total);
    assert_eq!(h.state().workspace_spec().unwrap().tables.len(), 1);
}

#[test]
fn a_list_on_the_workspace_channel_adds_ai_data_like_the_cli() {
    let mut h = window(EnrichApp::new_for_test(Some(&sample())));
    h.get_by_role_and_label(Role::RadioButton, Channel::Workspace.label())
        .click();
    h.run();
    click(&mut h, "Add AI Data column");
    click(&mut h, "Add AI Data column");
    // An AI-Data-only plan: untick both reveals.
    click(&mut h, "Reveal email");
    click(&mut h, "Reveal phone");
    let s = h.state().settings().clone();
    assert!(!s.selection.email && !s.selection.phone);
    assert_eq!(s.workspace.ai_data.len(), 2);
    let window_total = h.state().outcome().unwrap().estimate.total.expected;
    let v = common::json(&[
        "estimate",
        &sample().display().to_string(),
        "--channel",
        "workspace",
        "--reveal",
        "none",
        "--ai-data",
        "A",
        "--ai-data",
        "B",
        "--format",
        "json",
    ]);
    assert_eq!(v["credits"]["expected"].as_f64().unwrap(), window_total);
    assert_eq!(window_total, 2.0 * v["rows"].as_f64().unwrap());
}

#[test]
fn closing_with_an_unsaved_workspace_plan_asks_and_saves_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ws.toml");
    let mut h = window(EnrichApp::new_for_test(None));
    h.state_mut().new_workspace();
    settle(&mut h);
    h.state_mut().save_spec_to(path.clone());
    settle(&mut h);
    assert!(h.state().unsaved().is_empty());
    click(&mut h, "+ Table of a row count");
    assert_eq!(h.state().unsaved().len(), 1, "the new table is not saved");
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
    assert_eq!(h.state().prompt(), Some(&enrichplan::app::Prompt::Close));
    h.get_by_label_contains("The Workspace plan \"ws\" has changes");
    h.state_mut()
        .answer_close(enrichplan::app::CloseAnswer::Save);
    h.step();
    settle(&mut h);
    assert!(h.state().unsaved().is_empty());
    let (saved, _) = enrichplan::workspace::Spec::load(&path, None).unwrap();
    assert_eq!(
        saved.tables.len(),
        2,
        "the second table was saved before closing"
    );
}

/// The Workspace view says the reveal log's warnings, as the CLI does for a spec: its own
/// reading (a ragged row) and its matching (no renewal date: assumed in the cycle).
#[test]
fn the_workspace_view_shows_the_reveal_logs_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("log.csv");
    std::fs::write(
        &log,
        "Email,Date\nnobody@nowhere.example,2026-11-02,extra\n",
    )
    .unwrap();
    let spec = crate::common::repo("sample-data/workspace-plan.toml");
    let mut app = EnrichApp::new_for_test(Some(&spec));
    app.open_reveal_log(log.clone());
    app.wait_for_jobs();
    let h = window(app);
    let warnings = &h
        .state()
        .workspace_outcome()
        .expect("the Workspace plan is priced")
        .outcome
        .estimate
        .warnings;
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("reveal log: ") && w.contains("number of cells")),
        "{warnings:?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("reveal log log.csv")),
        "{warnings:?}"
    );
}
