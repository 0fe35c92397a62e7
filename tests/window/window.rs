//! The window driven through egui_kittest (no GPU, no snapshots): the numbers it shows are
//! the engine's numbers for the same settings.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::harness::{Dropped, harness, use_builtin_dialogs};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use enrichplan::app::{EnrichApp, fmt_int};
use enrichplan::cycle::Cycle;
use enrichplan::engine::{self, AnalysisInput};
use enrichplan::input::reader::ReadOptions;
use enrichplan::pricebook;
use enrichplan::pricing::{self, Channel, Settings, StatusCounts};
use enrichplan::progress::Progress;

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/contacts.csv")
}

/// The library's reading of `path` whole and its analysis (detected mapping, no log).
fn whole_analysis(path: &Path) -> (engine::LoadedList, enrichplan::analysis::Analysis) {
    let progress = Progress::new();
    let l = engine::load_list(path, &ReadOptions::default(), &progress).unwrap();
    let a = engine::analyze(
        &AnalysisInput {
            list: &l.table,
            mapping: &l.detection.mapping,
            log: None,
            cycle: Cycle::default(),
            today: chrono::Local::now().date_naive(),
        },
        &progress,
    )
    .unwrap();
    (l, a)
}

/// The library's estimate for `path` with `settings` (detected mapping, no log, no budget).
fn engine_outcome(path: &Path, settings: &Settings) -> (i64, StatusCounts) {
    let (_, a) = whole_analysis(path);
    let book = pricebook::default_book();
    let e = engine::estimate(&a, settings, &book, None).estimate;
    (pricing::shown(&e.total).0, e.counts)
}

fn window(app: EnrichApp) -> Harness<'static, EnrichApp> {
    window_with(app, false)
}

/// `user_glyphs`: the Rows tab shows the file's own cells (the sample has CJK names, which
/// the bundled fonts lack and draw as boxes); our own strings must all have glyphs.
fn window_with(app: EnrichApp, user_glyphs: bool) -> Harness<'static, EnrichApp> {
    harness(app, [1400.0, 1800.0], |b| {
        if user_glyphs {
            b.allow_missing_glyphs()
        } else {
            b
        }
    })
}

fn total_label(total: i64) -> String {
    format!("{} credits expected", fmt_int(total))
}

#[test]
fn sample_total_matches_engine() {
    let h = window(EnrichApp::new_for_test(Some(&sample())));
    let defaults = Settings::defaults(&pricebook::default_book());
    assert_eq!(h.state().settings(), &defaults);
    let (total, _) = engine_outcome(&sample(), &defaults);
    assert!(total > 0);
    h.get_by_label(&total_label(total));
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
}

#[test]
fn channel_reveal_and_assumption_follow_engine() {
    let mut h = window(EnrichApp::new_for_test(Some(&sample())));
    let mut s = Settings::defaults(&pricebook::default_book());

    h.get_by_role_and_label(Role::RadioButton, Channel::Platform.label())
        .click();
    h.run();
    s.channel = Channel::Platform;
    assert_eq!(h.state().settings(), &s);
    h.get_by_label(&total_label(engine_outcome(&sample(), &s).0));

    // Back to CSV Enrichment, where the reveal choice matters.
    h.get_by_role_and_label(Role::RadioButton, Channel::CsvEnrichment.label())
        .click();
    h.run();
    s.channel = Channel::CsvEnrichment;

    h.get_by_role_and_label(Role::CheckBox, "Phone").click();
    h.run();
    s.selection.phone = false;
    assert_eq!(h.state().settings(), &s);
    h.get_by_label(&total_label(engine_outcome(&sample(), &s).0));

    // Email stays: unticking it too would leave nothing to reveal.
    h.get_by_role_and_label(Role::CheckBox, "Email").click();
    h.run();
    assert_eq!(h.state().settings(), &s);

    h.get_by_label("Match rate expected")
        .set_value_accesskit(50.0);
    h.run();
    s.assumptions.match_rate.expected = 0.5;
    s.assumptions.match_rate.low = s.assumptions.match_rate.low.min(0.5);
    s.assumptions.match_rate.high = s.assumptions.match_rate.high.max(0.5);
    assert_eq!(h.state().settings(), &s);
    h.get_by_label(&total_label(engine_outcome(&sample(), &s).0));
}

#[test]
fn bad_file_shows_error_in_window() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("picture.csv");
    std::fs::write(&bad, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01").unwrap();
    let h = window(EnrichApp::new_for_test(Some(&bad)));
    assert_eq!(h.state().errors().len(), 1, "{:?}", h.state().errors());
    h.get_by_label_contains("picture.csv");
    h.get_by_role_and_label(Role::Button, "Dismiss");
}

#[test]
fn dropped_empty_file_shows_error_and_keeps_list() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, b"").unwrap();
    let mut h = window(EnrichApp::new_for_test(Some(&sample())));
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(empty.clone())));
    h.step();
    h.state_mut().wait_for_jobs();
    h.run();
    assert_eq!(h.state().errors().len(), 1, "{:?}", h.state().errors());
    h.get_by_label_contains("empty.csv");
    // The sample's estimate is still shown.
    let (total, _) = engine_outcome(&sample(), h.state().settings());
    h.get_by_label(&total_label(total));
    h.get_by_role_and_label(Role::Button, "Dismiss").click();
    h.run();
    assert!(h.state().errors().is_empty());
}

#[test]
fn rows_tab_filters_by_status() {
    let mut h = window_with(EnrichApp::new_for_test(Some(&sample())), true);
    let (_, counts) = engine_outcome(&sample(), h.state().settings());
    h.get_by_label("Rows view").click();
    // The rows are priced on a worker (the spinner keeps asking for frames meanwhile).
    h.step();
    h.state_mut().wait_for_jobs();
    h.run();
    h.get_by_label(&format!(
        "Showing {} of {} rows",
        fmt_int(counts.rows as i64),
        fmt_int(counts.rows as i64)
    ));
    h.get_by_role_and_label(Role::ComboBox, "Status filter")
        .click();
    h.run();
    h.get_by_label(&format!("Duplicate ({})", fmt_int(counts.duplicate as i64)))
        .click();
    h.step();
    h.state_mut().wait_for_jobs();
    h.run();
    h.get_by_label(&format!(
        "Showing {} of {} rows",
        fmt_int(counts.duplicate as i64),
        fmt_int(counts.rows as i64)
    ));
}

#[test]
fn exports_are_the_reports_of_the_library() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = EnrichApp::new_for_test(Some(&sample()));
    let out = dir.path().join("rows.csv");
    app.export_to(enrichplan::app::Command::ExportRows, &out)
        .unwrap();
    app.wait_for_jobs();
    let rows = std::fs::read_to_string(&out).unwrap();
    assert!(rows.starts_with("row,line,contact_id,status,reason,credits"));
    assert_eq!(rows.lines().count(), 2001);
    let json = dir.path().join("estimate.json");
    app.export_to(enrichplan::app::Command::ExportReport, &json)
        .unwrap();
    app.wait_for_jobs();
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let (total, _) = engine_outcome(&sample(), app.settings());
    assert_eq!(
        v["credits"]["expected"].as_f64().unwrap().round() as i64,
        total
    );
    // Never over the input.
    assert!(
        app.export_to(enrichplan::app::Command::ExportRows, &sample())
            .is_err()
    );
}

#[test]
fn theme_menu_switches_and_remembers() {
    let mut h = window(EnrichApp::new_for_test(Some(&sample())));
    h.get_by_label("View").click();
    h.run();
    h.get_by_role_and_label(Role::RadioButton, "Light").click();
    h.run();
    assert_eq!(h.ctx.theme(), egui::Theme::Light);
}

#[test]
fn another_list_starts_from_the_defaults_not_the_previous_lists_settings() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.csv");
    std::fs::copy(sample(), &other).unwrap();
    let mut h = window(EnrichApp::new_for_test(Some(&sample())));
    h.get_by_role_and_label(Role::RadioButton, Channel::Platform.label())
        .click();
    h.run();
    assert_eq!(h.state().settings().channel, Channel::Platform);
    h.state_mut().open(other);
    h.state_mut().wait_for_jobs();
    h.run();
    let defaults = Settings::defaults(&pricebook::default_book());
    assert_eq!(h.state().settings(), &defaults);
    assert!(h.state().outcome().is_some());
    // The Source section reads the file again in another encoding or with `:`.
    h.get_by_label("Encoding");
    h.get_by_label("Delimiter");
}

/// With no desktop portal, file dialogs open inside the window (rfd would return nothing,
/// silently): Ctrl+O shows the built-in dialog, and Cancel closes it.
/// The sample in a window whose file dialogs are the one built into the window (chosen in
/// the View menu). egui_file's path and file-name fields carry no accessible name (a limit
/// of that crate): the accessibility check is off for these tests only.
fn with_builtin_dialogs() -> Harness<'static, EnrichApp> {
    let mut h = harness(
        EnrichApp::new_for_test(Some(&sample())),
        [1400.0, 1800.0],
        |b| b.with_accessibility_check(false),
    );
    use_builtin_dialogs(&mut h);
    h
}

#[test]
fn ctrl_o_opens_a_file_dialog_inside_the_window() {
    let mut h = with_builtin_dialogs();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    h.get_by_label_contains("Open a contact list, a plan or a Workspace plan");
    // The keyboard starts in the dialog's path field (issue 28: it had no focus).
    let focused: Vec<Role> = h
        .query_all(egui_kittest::kittest::By::new().predicate(|n| n.is_focused()))
        .map(|n| egui_kittest::kittest::NodeT::accesskit_node(&n).role())
        .collect();
    assert_eq!(focused, [Role::TextInput]);
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    h.run();
    assert!(
        h.query_by_label_contains("Open a contact list, a plan or a Workspace plan")
            .is_none()
    );
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
}

/// The built-in dialog offers places beside it (issue 28: no Home, Documents or recent
/// places): home, and the folder of a recent file, which a click opens in the dialog.
#[test]
fn the_built_in_dialog_offers_home_and_recent_folders() {
    let mut h = with_builtin_dialogs();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    h.run();
    // The dialog's folder, as its path field shows it.
    let showing = |h: &Harness<'static, EnrichApp>, dir: &Path| {
        let shown = dir.display().to_string();
        h.query_all(egui_kittest::kittest::By::new().predicate(|n| {
            n.role() == Role::TextInput
                && n.value()
                    .is_some_and(|v| v.trim_end_matches('/') == shown.trim_end_matches('/'))
        }))
        .next()
        .is_some()
    };
    let samples = sample().parent().unwrap().to_path_buf();
    let home = directories::UserDirs::new()
        .unwrap()
        .home_dir()
        .to_path_buf();
    h.get_by_role_and_label(Role::Button, "Home").click();
    h.run();
    assert!(showing(&h, &home) && !showing(&h, &samples));
    h.get_by_role_and_label(Role::Button, "Recent: sample-data")
        .click();
    h.run();
    assert!(showing(&h, &samples) && !showing(&h, &home));
}

/// A reveal log whose dates read both ways: the window reads them month first, as the CLI
/// does, and the Dates control under Reveal log turns them day first (the CLI's
/// `--date-order dmy`), with the same number.
#[test]
fn reveal_log_date_order_control() {
    let dir = tempfile::tempdir().unwrap();
    let list = crate::common::write(
        dir.path(),
        "list.csv",
        "Name,Email\nDana Levi,dana@acme.example\nOmar Haddad,omar@beta.example\n",
    );
    let log = crate::common::write(
        dir.path(),
        "log.csv",
        "Date,Email\n03/04/2026,dana@acme.example\n",
    );
    let mut app = EnrichApp::new_for_test(Some(&list));
    app.set_cycle(Cycle {
        renewal: chrono::NaiveDate::from_ymd_opt(2026, 4, 10),
        length: enrichplan::cycle::CycleLength::Monthly,
    });
    app.open_reveal_log(log.clone());
    app.wait_for_jobs();
    let cli = |extra: &[&str]| {
        let (l, g) = (list.display().to_string(), log.display().to_string());
        let mut args = vec![
            "estimate",
            &l,
            "--revealed",
            &g,
            "--renewal-date",
            "2026-04-10",
            "--format",
            "json",
        ];
        args.extend_from_slice(extra);
        crate::common::json(&args)["credits"]["expected"]
            .as_f64()
            .unwrap()
    };
    // Saved as a plan: the date order is part of it (issue 27: a change of it reloaded
    // the log without marking the plan unsaved).
    app.save_plan_to(&dir.path().join("p.enrichplan.json"))
        .unwrap();
    app.wait_for_jobs();
    assert!(!app.is_dirty());
    let mut h = window(app);
    let month_first = h.state().outcome().unwrap().estimate.total.expected;
    assert!((month_first - cli(&[])).abs() < 1e-9);
    h.get_by_label("Date order").click();
    h.run();
    h.get_by_label("day first (DD/MM/YYYY)").click();
    // One frame takes the click; the job it starts is waited for, not raced by `run`.
    h.step();
    h.state_mut().wait_for_jobs();
    h.run();
    let day_first = h.state().outcome().unwrap().estimate.total.expected;
    assert!(
        day_first < month_first,
        "3 April is in the cycle: {day_first} vs {month_first}"
    );
    assert!((day_first - cli(&["--date-order", "dmy"])).abs() < 1e-9);
    assert!(
        h.state().is_dirty(),
        "another date order is an unsaved change"
    );
}

/// A workbook with a cover sheet first opens on its contact sheet; the Sheet picker under
/// Source lists every sheet with its rows and reads another one when chosen.
#[test]
fn sheet_picker_lists_the_sheets_and_switches() {
    let path = crate::common::repo("tests/fixtures/sheets/cover-first.xlsx");
    let dir = tempfile::tempdir().unwrap();
    let mut app = EnrichApp::new_for_test(Some(&path));
    app.save_plan_to(&dir.path().join("p.enrichplan.json"))
        .unwrap();
    app.wait_for_jobs();
    assert!(!app.is_dirty());
    let mut h = window(app);
    assert_eq!(h.state().outcome().unwrap().estimate.counts.rows, 6);
    h.get_by_role_and_label(Role::ComboBox, "Sheet").click();
    h.run();
    h.get_by_label("Summary (3 rows)").click();
    // One frame takes the click; the job it starts is waited for, not raced by `run`.
    h.step();
    h.state_mut().wait_for_jobs();
    h.run();
    assert_eq!(h.state().outcome().unwrap().estimate.counts.rows, 3);
    assert!(h.state().is_dirty(), "another sheet is an unsaved change");
}

/// The Rows view says when a row's email cell held several addresses (pricing.md §1).
#[test]
fn rows_view_names_an_email_cell_with_several_addresses() {
    let dir = tempfile::tempdir().unwrap();
    let list = crate::common::write(
        dir.path(),
        "list.csv",
        "Name,Email\nAna Fox,ana@fox.example; ana.r@gmail.example\nBen Obi,ben@obi.example\n",
    );
    let mut h = window(EnrichApp::new_for_test(Some(&list)));
    h.get_by_label("Rows view").click();
    h.step();
    h.state_mut().wait_for_jobs();
    h.run();
    assert!(
        h.query_by_label_contains("2 addresses in one cell")
            .is_some(),
        "the reason names the two addresses"
    );
    assert_eq!(
        h.query_all_by_label_contains("addresses in one cell")
            .count(),
        1
    );
}

/// "Split by" on the Estimate view: the groups of a column, largest first, adding up to the
/// total the view shows, as `--group-by` does.
#[test]
fn split_by_shows_groups_that_add_up_to_the_total() {
    let mut app = EnrichApp::new_for_test(Some(&sample()));
    // A simulated click on the picker's popup entry did not register in the harness (not
    // understood yet, said in the issue note); the picker calls this same method.
    app.set_split_by(Some("Country".into()));
    // The groups are made on a worker.
    app.wait_for_jobs();
    // The groups are the file's own values (CJK among them): no fonts for them here.
    let h = window_with(app, true);
    assert!(h.query_by_label("Split by column").is_some());
    let total = h.state().outcome().unwrap().estimate.total.expected;
    let groups = h
        .state()
        .split_groups()
        .unwrap_or_else(|| panic!("groups; errors {:?}", h.state().errors()))
        .to_vec();
    assert!(groups.len() > 5);
    let sum: f64 = groups.iter().map(|g| g.credits.expected).sum();
    assert!((sum - total).abs() < 1e-6, "{sum} vs {total}");
    let cli = crate::common::json(&[
        "estimate",
        &sample().display().to_string(),
        "--group-by",
        "Country",
        "--format",
        "json",
    ]);
    assert_eq!(cli["groups"][0]["value"].as_str().unwrap(), groups[0].value);
    h.get_by_label("(empty)");
}

/// "Use rates from a past enrichment…": a calibration file's rates become the assumptions
/// (the CLI's `--assumptions`, the same number), with the sample shown beside them.
#[test]
fn rates_from_a_past_enrichment() {
    let dir = tempfile::tempdir().unwrap();
    let rates = dir.path().join("rates.toml");
    let (up, back) = (
        crate::common::repo("sample-data/calibration/uploaded.csv"),
        crate::common::repo("sample-data/calibration/result.csv"),
    );
    crate::common::json(&[
        "calibrate",
        up.to_str().unwrap(),
        back.to_str().unwrap(),
        "--save-assumptions",
        rates.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let mut app = EnrichApp::new_for_test(Some(&sample()));
    app.load_assumptions(rates.clone());
    app.wait_for_jobs();
    let h = window(app);
    assert_eq!(h.state().settings().assumptions.match_rate.expected, 0.6);
    h.get_by_label_contains("From a past enrichment: 6 of 10 billable contacts matched");
    let cli = crate::common::json(&[
        "estimate",
        &sample().display().to_string(),
        "--assumptions",
        rates.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let window_total = h.state().outcome().unwrap().estimate.total.expected;
    assert!((window_total - cli["credits"]["expected"].as_f64().unwrap()).abs() < 1e-9);
}

/// "Plan vs actual" on the Estimate view: the estimate beside the sample Usage Report over
/// the billing cycle, the same items and actual credits as `enrichplan reconcile`.
#[test]
fn plan_vs_actual_view() {
    let usage = crate::common::repo("sample-data/usage-report.csv");
    let mut app = EnrichApp::new_for_test(Some(&sample()));
    app.set_cycle(Cycle {
        renewal: chrono::NaiveDate::from_ymd_opt(2026, 12, 15),
        length: enrichplan::cycle::CycleLength::Monthly,
    });
    app.wait_for_jobs();
    app.reconcile_with(usage.clone());
    app.wait_for_jobs();
    let h = window(app);
    let r = h.state().reconciliation().expect("reconciled").clone();
    assert_eq!(r.months, ["2026-11", "2026-12"]);
    let total = r.items.iter().find(|i| i.item == "total").unwrap();
    assert_eq!(total.actual, 1935.0);
    h.get_by_label("Compare with a Usage Report");
    h.get_by_label("Months: 2026-11, 2026-12");
    // The CLI on a plan of the same run.
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("p.enrichplan.json");
    let s = sample().display().to_string();
    crate::common::json(&[
        "estimate",
        &s,
        "--renewal-date",
        "2026-12-15",
        "--save-plan",
        plan.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let v = crate::common::json(&[
        "reconcile",
        usage.to_str().unwrap(),
        "--plan",
        plan.to_str().unwrap(),
        "--format",
        "json",
    ]);
    for (i, item) in r.items.iter().enumerate() {
        assert_eq!(v["items"][i]["item"], item.item);
        assert_eq!(v["items"][i]["actual"].as_f64().unwrap(), item.actual);
        assert!(
            (v["items"][i]["planned"]["expected"].as_f64().unwrap() - item.planned.expected).abs()
                < 1e-9
        );
    }
}

#[test]
fn about_names_the_version_the_price_books_and_the_licence() {
    let mut h = window(EnrichApp::new_for_test(None));
    assert!(h.query_by_label_contains("Licence:").is_none());
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label("About enrichplan…").click();
    h.run();
    h.get_by_label(&format!("enrichplan {}", env!("CARGO_PKG_VERSION")));
    for b in pricebook::shipped() {
        h.get_by_label_contains(&format!("{} — {} (effective", b.id, b.name));
    }
    h.get_by_label_contains("Licence: MIT OR Apache-2.0");
}

/// The Rows tab asks for its rows every frame until they are there: the request of the
/// frame before they arrived does not price them all again.
#[test]
fn rows_are_priced_once() {
    let mut h = window_with(EnrichApp::new_for_test(Some(&sample())), true);
    h.get_by_label("Rows view").click();
    h.step(); // the tab asks
    h.step(); // the job starts; the tab asks again
    h.state().wait_for_workers();
    h.step(); // the rows arrive, and the last frame's request meets them
    assert!(!h.state().is_busy(), "no second pricing of the same rows");
    h.get_by_label_contains("Showing 2,000 of 2,000 rows");
}

/// A role corrected once is offered for files with the same columns: remembered (headers
/// only) in the settings folder, applied to the next such file with a note, and forgotten
/// on request.
#[test]
fn corrected_roles_are_remembered_for_files_with_these_columns() {
    use enrichplan::input::roles::Role;
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.csv");
    let b = dir.path().join("b.csv");
    std::fs::write(&a, "Kto,Firma,Kontakt\nAnn Lee,Acme,ann@acme.example\n").unwrap();
    std::fs::write(&b, "Kontakt,Kto,Firma\nbo@beta.example,Bo Cy,Beta\n").unwrap();
    let mut app = EnrichApp::new_for_test(None);
    app.set_mapping_folder(&dir.path().join("settings"));
    app.open(a.clone());
    app.wait_for_jobs();
    let detected = app.mapping().clone();
    app.set_role(Role::FullName, vec!["Kto".into()]);
    app.wait_for_jobs();
    let mine = app.mapping().clone();
    assert_ne!(mine, detected, "the test changes a role");
    let mut h = window(app);
    h.get_by_label("Remember these roles").click();
    h.run();
    h.state_mut().wait_for_jobs();
    assert!(h.state().mapping_remembered());
    h.state_mut().open(b.clone());
    h.state_mut().wait_for_jobs();
    h.run();
    assert_eq!(h.state().mapping(), &mine);
    h.get_by_label("Roles as you set them for files with these columns.");
    let file = std::fs::read_dir(dir.path().join("settings"))
        .unwrap()
        .next()
        .unwrap();
    let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
    assert!(
        !text.contains("acme") && !text.contains("beta"),
        "no cell values: {text}"
    );
    h.get_by_label("Forget the remembered roles").click();
    h.run();
    h.state_mut().wait_for_jobs();
    assert!(!h.state().mapping_remembered());
    h.state_mut().open(a);
    h.state_mut().wait_for_jobs();
    assert_eq!(h.state().mapping(), &detected);
}

/// Ctrl+S saves the plan of the view in front: on the Workspace view its Workspace plan,
/// not the list's plan (issue 28: the list plan was overwritten instead).
#[test]
fn ctrl_s_on_the_workspace_view_saves_the_workspace_plan() {
    let mut h = with_builtin_dialogs();
    // Ctrl+3: the Workspace view.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num3);
    h.run();
    h.get_by_label("New Workspace plan").click();
    h.run();
    h.state_mut().wait_for_jobs();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    // The dialog's title (a view's button has the bare name).
    h.get_by_label("💾  Save Workspace plan");
    assert!(h.query_by_label("💾  Save plan").is_none());
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    h.run();
    // On the Estimate view (Ctrl+1), the list's plan.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num1);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    h.get_by_label("💾  Save plan");
}

/// A setting that applies is visible: "only what the file lacks" still applies to a list on
/// the Workspace channel, so its panel shows it (issue 28: it was hidden and applied).
#[test]
fn only_what_the_file_lacks_is_visible_where_it_applies() {
    let mut h = window(EnrichApp::new_for_test(Some(&sample())));
    h.get_by_label("Only what the file lacks").click();
    h.run();
    assert!(h.state().settings().only_missing);
    h.get_by_role_and_label(Role::RadioButton, Channel::Workspace.label())
        .click();
    h.run();
    h.state_mut().wait_for_jobs();
    h.run();
    let with = h.state().outcome().unwrap().estimate.total.expected;
    h.get_by_label("Only what the file lacks (Workspace)")
        .click();
    h.run();
    h.state_mut().wait_for_jobs();
    h.run();
    assert!(!h.state().settings().only_missing);
    let without = h.state().outcome().unwrap().estimate.total.expected;
    assert!(
        without > with,
        "{without} > {with}: the setting applied and now does not"
    );
}

/// An error says what happened in words ("no such file", not "(os error 2)") and does not
/// stay above a later good result: a list that opens clears it.
#[test]
fn an_error_reads_plainly_and_gives_way_to_a_later_good_result() {
    let mut h = window(EnrichApp::new_for_test(None));
    h.state_mut().open(PathBuf::from("/nonexistent/list.csv"));
    h.state_mut().wait_for_jobs();
    h.run();
    let errors = h.state().errors().to_vec();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("no such file"), "{errors:?}");
    assert!(!errors[0].contains("os error"), "{errors:?}");
    h.state_mut().open(sample());
    h.state_mut().wait_for_jobs();
    h.run();
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
}

/// A column named like a role but not used is said beside the role, with why (issue 25:
/// nothing dropped in silence).
#[test]
fn an_unused_column_named_like_a_role_is_said_beside_it() {
    let list = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/layouts-3/lusha-contact-export-tiny.csv");
    let h = window(EnrichApp::new_for_test(Some(&list)));
    // Beside the role in the panel, and among the estimate's warnings.
    let said = h
        .query_all_by_label_contains(
            "column `Company Website` is named like Company domain / website but is not used",
        )
        .count();
    assert_eq!(said, 2);
}

/// Help → Keyboard shortcuts lists every shortcut of the one command list.
#[test]
fn help_lists_the_keyboard_shortcuts() {
    let mut h = window(EnrichApp::new_for_test(None));
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label("Keyboard shortcuts").click();
    h.run();
    for cmd in enrichplan::app::Command::ALL {
        if cmd.shortcut().is_some() {
            assert!(
                h.query_all_by_label(cmd.label()).count() >= 1,
                "{} is listed",
                cmd.label()
            );
        }
    }
    h.get_by_label("Show or hide the settings panel");
}

/// Tab through the settings panel on a small screen: every control that takes the focus is
/// scrolled into view (issue 28: for 34 presses the focus sat below the fold, unseen).
#[test]
fn the_focused_control_is_always_in_view() {
    let mut h = harness(
        EnrichApp::new_for_test(Some(&sample())),
        [1024.0, 700.0],
        |b| b,
    );
    let mut below = Vec::new();
    let mut focused_in_panel = 0;
    for press in 1..=60 {
        h.key_press(egui::Key::Tab);
        h.run();
        let Some(node) = h.query_by(|n| n.is_focused()) else {
            continue;
        };
        let r = node.rect();
        // The settings panel is the left part of the window.
        if r.center().x < 340.0 {
            focused_in_panel += 1;
            if r.bottom() > 700.0 || r.top() < 0.0 {
                below.push(format!(
                    "press {press}: {:?} at {r:?}",
                    egui_kittest::kittest::NodeT::accesskit_node(&node).label()
                ));
            }
        }
    }
    assert!(
        focused_in_panel > 30,
        "the Tab walk reached the panel: {focused_in_panel}"
    );
    assert!(
        below.is_empty(),
        "focused out of view:\n{}",
        below.join("\n")
    );
}

/// Over budget, the banner leads to the trimmed export (issue 28 §5: nothing next to it
/// did): ticking "Remaining credits" with 100 credits on the sample (3,520 expected) says
/// how many contacts fit, and its button opens the trimmed list's save dialog.
#[test]
fn the_budget_banner_leads_to_the_trimmed_export() {
    let mut h = with_builtin_dialogs();
    // The Budget section is far down the settings panel: scrolled to, as a user would.
    h.get_by_role_and_label(Role::CheckBox, "Remaining credits")
        .scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::CheckBox, "Remaining credits")
        .click();
    h.run();
    h.get_by_label("Remaining credits amount")
        .set_value_accesskit(100.0);
    h.run();
    h.get_by_label_contains("billable contacts fit, counted at the high estimate");
    h.get_by_role_and_label(Role::Button, "Export the ones that fit…")
        .click();
    h.run();
    h.get_by_label_contains("Export trimmed list");
}

/// The window holds no cell of a list: the Rows view reads the rows on screen back from the
/// file by where each starts, and the exports read the file again. On lists whose rows are
/// hard to find again (a byte order mark, CRLF, lines before the header, quoted cells over
/// several lines, Latin-1, UTF-16) the cells shown are the file's, the total is the
/// engine's over the whole read, and the per-row and trimmed files are the library's.
#[test]
fn rows_view_reads_the_cells_on_screen_back_from_the_file() {
    use enrichplan::input::roles::Role as Column;
    let dir = tempfile::tempdir().unwrap();
    let utf16: Vec<u8> = [0xff, 0xfe]
        .into_iter()
        .chain(
            "Name,Email,Company\r\nZoë Ñúñez,zoe@acme.com,\"Acme, Inc.\"\r\nBob,bob@x.com,\"Beta\r\nGroup\"\r\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes),
        )
        .collect();
    let cases: [(&str, Vec<u8>, usize, &[&str]); 3] = [
        (
            "bom-crlf-preamble.csv",
            "\u{feff}Report: leads 2026\r\n\r\nFirst Name,Last Name,Email,Company,Notes\r\nAnn,Lee,ann@acme.com,Acme,\"two\r\nlines\"\r\n\r\nBob,Ray,bob@beta.io,Beta,\"said \"\"hi\"\"\"\r\nCy,Dee,,\"Gamma, Ltd\",\"x\ny\nz\"\r\nAnn,Lee,ANN@acme.com,Acme,last\r\n"
                .as_bytes()
                .to_vec(),
            4,
            &["said \"hi\"", "Gamma, Ltd", "ANN@acme.com", "last", "bob@beta.io"],
        ),
        (
            "latin1.csv",
            b"Name,Email,Company\nJos\xe9 M\xfcller,jose@x.com,Caf\xe9 GmbH\n\"Fran\xe7ois\nII\",f@y.fr,\"S\xe9rie, SA\"\nAnn,ann@z.com,Z\n".to_vec(),
            3,
            &["José Müller", "Café GmbH", "Série, SA", "ann@z.com"],
        ),
        ("utf16.csv", utf16, 2, &["Zoë Ñúñez", "Acme, Inc.", "bob@x.com"]),
    ];
    for (name, bytes, rows, shown) in cases {
        let list = dir.path().join(name);
        std::fs::write(&list, bytes).unwrap();
        let mut h = window_with(EnrichApp::new_for_test(Some(&list)), true);
        let (total, counts) = engine_outcome(&list, h.state().settings());
        assert_eq!(counts.rows, rows as u64, "{name}");
        h.get_by_label(&total_label(total));
        h.get_by_label("Rows view").click();
        h.step();
        h.state_mut().wait_for_jobs();
        h.run();
        h.get_by_label(&format!("Showing {rows} of {rows} rows"));
        for cell in shown {
            assert!(h.query_by_label(cell).is_some(), "{name}: {cell} shown");
        }
        // The exports: the library's reports over the list read whole.
        let (l, a) = whole_analysis(&list);
        let (settings, book) = (h.state().settings().clone(), pricebook::default_book());
        let outcome = engine::estimate(&a, &settings, &book, None);
        let keep = engine::trimmed_rows(&a, &settings, &outcome);
        let trimmed = enrichplan::report::trimmed_list(
            &l.table,
            &keep,
            l.detection.mapping.columns(Column::Email),
        )
        .unwrap();
        let per_row = enrichplan::report::rows_report(&a, &l.table, &settings, &book).unwrap();
        for (cmd, file, expected) in [
            (
                enrichplan::app::Command::ExportTrimmed,
                "trimmed.csv",
                trimmed,
            ),
            (enrichplan::app::Command::ExportRows, "rows.csv", per_row),
        ] {
            let out = dir.path().join(file);
            h.state_mut().export_to(cmd, &out).unwrap();
            h.state_mut().wait_for_jobs();
            assert_eq!(
                String::from_utf8_lossy(&std::fs::read(&out).unwrap()),
                String::from_utf8_lossy(&expected),
                "{name}: {file}"
            );
        }
    }
}
