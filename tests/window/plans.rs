//! Plans in the window (issue 5), driven through egui_kittest: save and re-open, the
//! Compare tab, a plan whose list is missing, unsaved changes, Markdown export, tiers.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use crate::harness::{Dropped, harness, use_builtin_dialogs};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use enrichplan::app::{CloseAnswer, Command, EnrichApp, Prompt, fmt_int};
use enrichplan::plan::Plan;
use enrichplan::pricing::{self, Channel};

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/contacts.csv")
}

fn window(app: EnrichApp) -> Harness<'static, EnrichApp> {
    harness(app, [1400.0, 1800.0], |b| b)
}

fn total_label(total: i64) -> String {
    format!("{} credits expected", fmt_int(total))
}

fn shown_total(app: &EnrichApp) -> i64 {
    pricing::shown(&app.outcome().expect("an estimate").estimate.total).0
}

/// `estimate` with the CLI binary, saving a plan.
fn cli_plan(list: &Path, out: &Path, name: &str, extra: &[&str]) -> Plan {
    let st = Process::new(env!("CARGO_BIN_EXE_enrichplan"))
        .arg("estimate")
        .arg(list)
        .arg("--save-plan")
        .arg(out)
        .args(["--name", name])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "{}",
        String::from_utf8_lossy(&st.stderr)
    );
    Plan::load(out).unwrap()
}

#[test]
fn plan_saved_from_the_window_reopens_with_same_total_and_settings() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = window(EnrichApp::new_for_test(Some(&sample())));
    assert!(!h.state().is_dirty());
    h.get_by_role_and_label(Role::RadioButton, Channel::Platform.label())
        .click();
    h.run();
    assert!(
        h.state().is_dirty(),
        "a changed setting is an unsaved change"
    );
    assert!(h.state().title().contains('*'), "{}", h.state().title());
    let settings = h.state().settings().clone();
    let total = shown_total(h.state());
    let path = dir.path().join("platform.enrichplan.json");
    h.state_mut().save_plan_to(&path).unwrap();
    h.state_mut().wait_for_jobs();
    h.run();
    assert!(!h.state().is_dirty());
    assert_eq!(h.state().title(), "platform — enrichplan");

    // What the CLI reads back is the same plan.
    let plan = Plan::load(&path).unwrap();
    assert_eq!(plan.settings, settings);
    assert_eq!(
        pricing::shown(&plan.result.as_ref().unwrap().credits).0,
        total
    );

    // Re-open it in a new window: the same settings and the same total.
    let h2 = window(EnrichApp::new_for_test(Some(&path)));
    let app = h2.state();
    assert!(app.errors().is_empty(), "{:?}", app.errors());
    assert_eq!(app.settings(), &settings);
    assert_eq!(app.plan_path(), Some(path.as_path()));
    assert_eq!(shown_total(app), total);
    assert!(!app.is_dirty());
    h2.get_by_label(&total_label(total));
}

#[test]
fn compare_tab_shows_plans_totals_and_marks_the_cheapest() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.enrichplan.json");
    let b = dir.path().join("b.enrichplan.json");
    let pa = cli_plan(&sample(), &a, "Email and phone", &[]);
    let pb = cli_plan(
        &sample(),
        &b,
        "Email only",
        &[
            "--reveal",
            "email",
            "--price-per-credit",
            "0.1",
            "--currency",
            "EUR",
        ],
    );
    let ta = pa.result.as_ref().unwrap().credits;
    let tb = pb.result.as_ref().unwrap().credits;
    assert!(tb.expected < ta.expected);

    let mut h = window(EnrichApp::new_for_test(None));
    h.get_by_label("Compare view").click();
    h.run();
    h.state_mut().add_to_compare(a.clone()).unwrap();
    h.state_mut().add_to_compare(b.clone()).unwrap();
    h.run();
    // The column heading and the chart's legend entry say the same name.
    assert_eq!(h.query_all_by_label("Email and phone").count(), 2);
    h.get_by_label("Email only (cheapest)");
    assert!(h.query_by_label("Email and phone (cheapest)").is_none());
    let range = |c: &pricing::Credits| {
        let (e, l, hi) = pricing::shown(c);
        format!("{} ({}–{})", fmt_int(e), fmt_int(l), fmt_int(hi))
    };
    assert!(h.query_all_by_label(&range(&ta)).count() >= 1);
    assert!(h.query_all_by_label(&range(&tb)).count() >= 1);
    h.get_by_label("Total credits");
    // Each plan against the first, and channels by their labels.
    h.get_by_label("Difference (expected)");
    h.get_by_label("the baseline");
    let d = pricing::shown(&ta).0 - pricing::shown(&tb).0;
    h.get_by_label(&format!("−{}", fmt_int(d)));
    assert!(h.query_all_by_label("CSV Enrichment").count() >= 2);
    h.get_by_label(&format!(
        "EUR {}",
        enrichplan::text::money(tb.expected * 0.1)
    ));

    // Remove the cheapest: the other one is now marked.
    let removes: Vec<_> = h.query_all_by_label("Remove").collect();
    assert_eq!(removes.len(), 2);
    removes[1].click();
    h.run();
    assert_eq!(h.state().compared().len(), 1);
    h.get_by_label("Email and phone (cheapest)");
}

#[test]
fn add_current_plan_to_compare() {
    let mut h = window(EnrichApp::new_for_test(Some(&sample())));
    let total = h.state().outcome().unwrap().estimate.total;
    h.get_by_label("Compare view").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Add current plan")
        .click();
    h.run();
    assert_eq!(h.state().compared().len(), 1);
    h.get_by_label("contacts (cheapest)");
    let (e, l, hi) = pricing::shown(&total);
    assert!(
        h.query_all_by_label(&format!("{} ({}–{})", fmt_int(e), fmt_int(l), fmt_int(hi)))
            .count()
            >= 1
    );
    // The same plan on another channel, added again: both are kept, side by side.
    h.get_by_role_and_label(Role::RadioButton, Channel::Platform.label())
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Add current plan")
        .click();
    h.run();
    let c = h.state().compared();
    assert_eq!(c.len(), 2, "a second plan of the same name is kept");
    assert_eq!(c[0].1.name, c[1].1.name);
    assert_ne!(c[0].1.settings.channel, c[1].1.settings.channel);
}

#[test]
fn plan_with_missing_list_shows_saved_result_and_locate_button() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("list.csv");
    std::fs::copy(sample(), &list).unwrap();
    let mut app = EnrichApp::new_for_test(Some(&list));
    let total = shown_total(&app);
    let path = dir.path().join("moved.enrichplan.json");
    app.save_plan_to(&path).unwrap();
    app.wait_for_jobs();
    // The plan refers to the list relatively (it is beside it).
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("\"path\": \"list.csv\""), "{text}");
    std::fs::remove_file(&list).unwrap();

    let mut h = window(EnrichApp::new_for_test(Some(&path)));
    assert!(h.state().outcome().is_none());
    let v = h.state().saved_view().expect("the saved result is shown");
    assert_eq!(v.missing.as_deref(), Some(list.as_path()));
    h.get_by_label(&total_label(total));
    h.get_by_label_contains("saved result (read-only)");
    assert!(h.query_all_by_label_contains("is missing").count() >= 1);
    h.get_by_role_and_label(Role::Button, "Locate the list...");

    // Found elsewhere: the plan's settings are used on it.
    let elsewhere = dir.path().join("found.csv");
    std::fs::copy(sample(), &elsewhere).unwrap();
    h.state_mut().locate_list(elsewhere);
    h.state_mut().wait_for_jobs();
    h.run();
    assert!(h.state().saved_view().is_none());
    assert_eq!(shown_total(h.state()), total);
    h.get_by_label(&total_label(total));
    assert!(h.state().is_dirty(), "the list moved: save to remember it");
}

#[test]
fn plan_with_changed_list_asks_to_rerun_or_locate() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("list.csv");
    std::fs::copy(sample(), &list).unwrap();
    let mut app = EnrichApp::new_for_test(Some(&list));
    let path = dir.path().join("p.enrichplan.json");
    app.save_plan_to(&path).unwrap();
    app.wait_for_jobs();
    // Drop the last ten rows.
    let text = std::fs::read_to_string(&list).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    std::fs::write(&list, lines[..lines.len() - 10].join("\n")).unwrap();

    let mut h = window(EnrichApp::new_for_test(Some(&path)));
    assert!(matches!(
        h.state().prompt(),
        Some(Prompt::SourceChanged { .. })
    ));
    h.get_by_label("The plan's contact list changed");
    h.get_by_role_and_label(Role::Button, "Re-run on the changed file")
        .click();
    h.step();
    h.state_mut().wait_for_jobs();
    h.run();
    assert!(h.state().prompt().is_none());
    // The numbers are for the file as it is now (ten lines shorter).
    assert!(h.state().outcome().unwrap().estimate.counts.rows < 2000);
    assert!(h.state().saved_view().is_none());
}

#[test]
fn plan_with_unknown_price_book_falls_back_to_its_copy_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.enrichplan.json");
    let mut app = EnrichApp::new_for_test(Some(&sample()));
    app.save_plan_to(&path).unwrap();
    app.wait_for_jobs();
    let mut plan = Plan::load(&path).unwrap();
    plan.pricebook.id = "retired-2019".into();
    plan.pricebook.book.id = "retired-2019".into();
    plan.save(&path).unwrap();
    let h = window(EnrichApp::new_for_test(Some(&path)));
    assert_eq!(h.state().pricebook().id, "retired-2019");
    assert!(
        h.state()
            .plan_warnings()
            .iter()
            .any(|w| w.contains("retired-2019"))
    );
    h.get_by_label_contains("using the copy of its prices saved in the plan");
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let mut h = window(EnrichApp::new_for_test(Some(&sample())));
    h.get_by_role_and_label(Role::RadioButton, Channel::Platform.label())
        .click();
    h.run();
    assert!(h.state().is_dirty());
    h.state_mut().run_command(Command::Quit);
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
    assert_eq!(h.state().prompt(), Some(&Prompt::Close));
    h.get_by_label("Save before closing?");
    h.get_by_label_contains("has changes that are not saved");
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    h.run();
    assert!(h.state().prompt().is_none());
    h.state_mut().answer_close(CloseAnswer::Discard);
}

#[test]
fn markdown_report_export() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = EnrichApp::new_for_test(Some(&sample()));
    let out = dir.path().join("estimate.md");
    app.export_to(Command::ExportReport, &out).unwrap();
    app.wait_for_jobs();
    let md = std::fs::read_to_string(&out).unwrap();
    assert!(md.starts_with('#'), "{md}");
    let (e, _, _) = pricing::shown(&app.outcome().unwrap().estimate.total);
    assert!(
        md.contains(&fmt_int(e)) || md.contains(&e.to_string()),
        "{md}"
    );
}

#[test]
fn tiers_start_without_prices_and_say_what_is_missing() {
    let h = window(EnrichApp::new_for_test(Some(&sample())));
    h.get_by_label_contains("Credits needed this billing cycle");
    h.get_by_label_contains("tier data is missing");
}

#[test]
fn export_over_an_existing_file_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.md");
    std::fs::write(&out, "keep me").unwrap();
    let mut h = window(EnrichApp::new_for_test(Some(&sample())));
    h.state_mut()
        .export_asking(Command::ExportReport, out.clone());
    h.run();
    assert!(matches!(h.state().prompt(), Some(Prompt::Overwrite { .. })));
    h.get_by_label("Replace the existing file?");
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    h.run();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    h.state_mut()
        .export_asking(Command::ExportReport, out.clone());
    h.run();
    h.get_by_role_and_label(Role::Button, "Replace").click();
    h.step();
    // Written on a worker.
    h.state_mut().wait_for_jobs();
    h.run();
    assert!(std::fs::read_to_string(&out).unwrap().starts_with('#'));
    assert!(h.state().prompt().is_none());
}

#[test]
fn dropped_plan_opens_as_a_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dropped.enrichplan.json");
    let plan = cli_plan(&sample(), &path, "Dropped", &["--channel", "platform"]);
    let mut h = window(EnrichApp::new_for_test(None));
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(path.clone())));
    h.step();
    h.state_mut().wait_for_jobs();
    h.run();
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());
    assert_eq!(h.state().plan_path(), Some(path.as_path()));
    assert_eq!(h.state().settings(), &plan.settings);
    assert_eq!(h.state().title(), "Dropped — enrichplan");
    let saved = pricing::shown(&plan.result.unwrap().credits).0;
    assert_eq!(shown_total(h.state()), saved);
}

/// Plan notes are edited beside the plan name, saved with the plan and shown in Compare.
#[test]
fn plan_notes_are_editable_and_shown_in_compare() {
    let mut h = window(EnrichApp::new_for_test(Some(&sample())));
    h.get_by_role_and_label(Role::Button, "Notes").click();
    h.run();
    let label = "Plan notes (saved with the plan, shown in Compare)";
    h.get_by_label(label).focus();
    h.run();
    h.get_by_label(label).type_text("Approved by Dana");
    h.run();
    assert_eq!(h.state().current_plan().unwrap().notes, "Approved by Dana");
    h.get_by_label("Compare view").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Add current plan")
        .click();
    h.run();
    assert_eq!(h.state().compared()[0].1.notes, "Approved by Dana");
    assert!(h.query_all_by_label("Approved by Dana").count() >= 1);
}

/// "Keep first" a priority column in the fit to budget: the column is read and the
/// contacts ordered on a worker (no fit is shown meanwhile), then the window's cut is the
/// CLI's `--priority`, down to the trimmed upload file.
#[test]
fn fit_to_budget_in_a_priority_columns_order_is_the_clis() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("Name,Email,Score\n");
    for i in 0..40 {
        text.push_str(&format!("P{i},p{i}@c{i}.example,{}\n", (i * 17) % 11));
    }
    let list = crate::common::write(dir.path(), "list.csv", &text);
    let mut app = EnrichApp::new_for_test(Some(&list));
    let budget = shown_total(&app) as f64 / 3.0;
    app.set_budget(Some(budget));
    let file_order = app.outcome().unwrap().budget.as_ref().unwrap().fit.clone();
    let file_order = file_order.expect("a fit in file order at once");
    assert!(file_order.kept > 0 && file_order.kept < file_order.billable);
    app.set_priority(Some("score".into()));
    assert_eq!(app.fit_pending(), Some("score"));
    assert!(
        app.outcome()
            .unwrap()
            .budget
            .as_ref()
            .unwrap()
            .fit
            .is_none(),
        "no cut in the wrong order while the column is read"
    );
    app.wait_for_jobs();
    assert_eq!(app.fit_pending(), None);
    let fit = app.outcome().unwrap().budget.clone().unwrap().fit.unwrap();
    let trimmed = dir.path().join("window-trimmed.csv");
    app.export_to(Command::ExportTrimmed, &trimmed).unwrap();
    app.wait_for_jobs();
    assert!(app.errors().is_empty(), "{:?}", app.errors());

    let cli_trimmed = dir.path().join("cli-trimmed.csv");
    let v = crate::common::json(&[
        "estimate",
        list.to_str().unwrap(),
        "--budget",
        &budget.to_string(),
        "--priority",
        "score",
        "--trimmed-out",
        cli_trimmed.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(v["budget"]["fit_contacts"].as_u64(), Some(fit.kept));
    assert_eq!(
        std::fs::read_to_string(&trimmed).unwrap(),
        std::fs::read_to_string(&cli_trimmed).unwrap()
    );
    // The highest scores are kept: none kept scores below one cut.
    let kept: Vec<u32> = csv::Reader::from_path(&trimmed)
        .unwrap()
        .records()
        .map(|r| r.unwrap()[2].parse().unwrap())
        .collect();
    assert_eq!(kept.len() as u64, fit.kept);
    let lowest_kept = *kept.iter().min().unwrap();
    let cut: Vec<u32> = (0..40)
        .map(|i| ((i * 17) % 11) as u32)
        .filter(|&s| s > lowest_kept)
        .collect();
    assert!(cut.len() as u64 <= fit.kept, "every higher score is kept");
}

/// "Save" when closing with the plan and the Workspace plan both changed: both are written
/// on workers, and the window closes once both are — also when both end in one frame.
#[test]
fn save_and_close_waits_for_both_plans() {
    let dir = tempfile::tempdir().unwrap();
    let (plan, spec) = (
        dir.path().join("list.enrichplan.json"),
        dir.path().join("ws.toml"),
    );
    let mut h = window(EnrichApp::new_for_test(Some(&sample())));
    h.state_mut().save_plan_to(&plan).unwrap();
    h.state_mut().wait_for_jobs();
    h.get_by_role_and_label(Role::RadioButton, Channel::Platform.label())
        .click();
    h.run();
    assert!(h.state().is_dirty());
    h.state_mut().new_workspace();
    h.step();
    h.state_mut().wait_for_jobs();
    h.run();
    h.state_mut().save_spec_to(spec.clone());
    h.state_mut().wait_for_jobs();
    h.run();
    h.get_by_label("+ Table of a row count").click();
    h.step();
    h.state_mut().wait_for_jobs();
    h.run();
    assert_eq!(h.state().unsaved().len(), 2, "{:?}", h.state().unsaved());
    h.state_mut().answer_close(CloseAnswer::Save);
    assert!(!h.state().closing(), "not before they are written");
    // Both writers end before the next frame looks at them.
    h.state().wait_for_workers();
    h.step();
    assert!(h.state().unsaved().is_empty(), "{:?}", h.state().unsaved());
    assert!(h.state().closing(), "closed once both were written");
    assert_eq!(
        Plan::load(&plan).unwrap().settings.channel,
        Channel::Platform
    );
    let (saved, _) = enrichplan::workspace::Spec::load(&spec, None).unwrap();
    assert_eq!(saved.tables.len(), 2);
}

/// A save that ends after another list was opened does not make the new list's plan look
/// saved (nor point it at the old plan's file).
#[test]
fn a_save_ending_after_another_list_opened_keeps_to_its_plan() {
    let dir = tempfile::tempdir().unwrap();
    let other = crate::common::write(dir.path(), "other.csv", "Name,Email\nAda,ada@a.example\n");
    let plan = dir.path().join("p.enrichplan.json");
    let mut h = window(EnrichApp::new_for_test(Some(&sample())));
    h.get_by_role_and_label(Role::RadioButton, Channel::Platform.label())
        .click();
    h.run();
    h.state_mut().save_plan_to(&plan).unwrap();
    // Before the save's result is applied, another list replaces the plan.
    h.state_mut().open(other.clone());
    h.state_mut().wait_for_jobs();
    h.run();
    assert_eq!(
        h.state().plan_path(),
        None,
        "the new list's plan is not saved anywhere"
    );
    assert_eq!(
        Plan::load(&plan).unwrap().settings.channel,
        Channel::Platform
    );
    assert!(h.state().errors().is_empty(), "{:?}", h.state().errors());

    // The same with default settings (nothing to reset when the list changes): the other
    // list's plan is not taken as saved, nor pointed at the first one's file.
    let plan2 = dir.path().join("q.enrichplan.json");
    let mut h = window(EnrichApp::new_for_test(Some(&sample())));
    h.state_mut().save_plan_to(&plan2).unwrap();
    h.state_mut().open(other.clone());
    h.state_mut().wait_for_jobs();
    h.run();
    assert_eq!(h.state().plan_path(), None, "not claimed by the other list");
    assert!(plan2.exists());
}

/// Ctrl+E on the Compare view exports the comparison (a self-contained page with every
/// plan), not the current list's report (issue 29).
#[test]
fn ctrl_e_on_compare_exports_the_comparison() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.enrichplan.json");
    let b = dir.path().join("b.enrichplan.json");
    cli_plan(&sample(), &a, "Email and phone", &[]);
    cli_plan(&sample(), &b, "Email only", &["--reveal", "email"]);
    let mut h = harness(
        EnrichApp::new_for_test(Some(&sample())),
        [1400.0, 1800.0],
        |b| b.with_accessibility_check(false),
    );
    use_builtin_dialogs(&mut h);
    h.get_by_label("Compare view").click();
    h.run();
    h.state_mut().add_to_compare(a).unwrap();
    h.state_mut().add_to_compare(b).unwrap();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    h.get_by_label_contains("Export comparison");
    h.get_by_role_and_label(egui::accesskit::Role::Button, "Cancel")
        .click();
    h.run();
    // The same export, written where the dialog would have put it.
    let out = dir.path().join("comparison.html");
    h.state_mut().export_compare(out.clone());
    h.state_mut().wait_for_jobs();
    let page = std::fs::read_to_string(&out).unwrap();
    assert!(page.contains("Email and phone") && page.contains("Email only"));
    assert!(page.contains("<svg"));
}
