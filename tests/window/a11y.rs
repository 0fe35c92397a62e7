//! Screen readers (issue 28): every control the user can reach has a name in the
//! AccessKit tree — a button its text, a field or a drop-down the label beside it — on
//! every view, with a list, a reveal log, a Workspace plan and plans to compare open.

use std::path::{Path, PathBuf};

use crate::harness::harness;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use enrichplan::app::EnrichApp;

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data")
        .join(name)
}

/// Roles a user acts on (what Tab reaches and a screen reader announces as a control).
fn is_control(role: Role) -> bool {
    matches!(
        role,
        Role::Button
            | Role::CheckBox
            | Role::RadioButton
            | Role::TextInput
            | Role::MultilineTextInput
            | Role::ComboBox
            | Role::Slider
            | Role::SpinButton
            | Role::Link
            | Role::Tab
            | Role::MenuItem
    )
}

/// The controls on screen without a name, described for the failure message.
fn unnamed(h: &Harness<'static, EnrichApp>) -> Vec<String> {
    h.query_all(
        By::new()
            .predicate(|n| is_control(n.role()) && n.label().is_none_or(|l| l.trim().is_empty())),
    )
    .map(|n| {
        let a = n.accesskit_node();
        format!(
            "{:?} value={:?} at {:?}",
            a.role(),
            a.value(),
            a.bounding_box().map(|r| (r.x0.round(), r.y0.round()))
        )
    })
    .collect()
}

fn controls(h: &Harness<'static, EnrichApp>) -> usize {
    h.query_all(By::new().predicate(|n| is_control(n.role())))
        .count()
}

#[test]
fn every_control_has_a_name_on_every_view() {
    let mut app = EnrichApp::new_for_test(Some(&sample("contacts.csv")));
    app.open_reveal_log(sample("reveal-log.csv"));
    app.wait_for_jobs();
    let mut h = harness(app, [1400.0, 2400.0], |b| b.allow_missing_glyphs());
    let mut seen = Vec::new();
    let mut check = |h: &Harness<'static, EnrichApp>, view: &str| {
        let n = controls(h);
        assert!(n > 5, "{view}: only {n} controls found");
        seen.push((view.to_string(), n));
        let missing = unnamed(h);
        assert!(
            missing.is_empty(),
            "{view}: controls without a name: {missing:#?}"
        );
    };
    // The Estimate view with the settings panel, the tiers table and the notes open.
    h.get_by_label("Subscription tiers").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Notes").click();
    h.run();
    check(&h, "Estimate");
    h.get_by_label("Rows view").click();
    h.run();
    h.state_mut().wait_for_jobs();
    h.run();
    check(&h, "Rows");
    h.get_by_label("Workspace view").click();
    h.run();
    h.get_by_label("New Workspace plan").click();
    h.run();
    h.state_mut().wait_for_jobs();
    h.run();
    check(&h, "Workspace");
    h.get_by_label("Compare view").click();
    h.run();
    h.get_by_label("Add current plan").click();
    h.run();
    h.state_mut().wait_for_jobs();
    h.run();
    check(&h, "Compare");
    // The menus' items too.
    h.get_by_label("File").click();
    h.run();
    check(&h, "File menu");
}

/// Escape closes a drop-down opened from the keyboard and leaves the focus on it (issue
/// 28: it went to the File menu), so Tab goes on from there.
#[test]
fn escape_from_a_drop_down_keeps_the_focus_on_it() {
    let mut app = EnrichApp::new_for_test(Some(&sample("contacts.csv")));
    app.open_reveal_log(sample("reveal-log.csv"));
    app.wait_for_jobs();
    let mut h = harness(app, [1400.0, 2400.0], |b| b.allow_missing_glyphs());
    h.get_by_role_and_label(Role::ComboBox, "Date order")
        .focus();
    h.run();
    h.key_press(egui::Key::Space);
    h.run();
    assert!(
        h.query_by_label("decided by the file").is_some(),
        "the drop-down opened"
    );
    h.key_press(egui::Key::Escape);
    h.run();
    let focused: Vec<String> = h
        .query_all(By::new().predicate(|n| n.is_focused()))
        .map(|n| {
            let a = n.accesskit_node();
            format!("{:?} {:?}", a.role(), a.label())
        })
        .collect();
    assert_eq!(
        focused,
        vec![format!("{:?} {:?}", Role::ComboBox, Some("Date order"))]
    );
}

/// Help → Guide shows the README in the window (offline, the running version's). The
/// README has arrows and CJK the test's bundled fonts lack (the window draws them with the
/// system's fonts).
#[test]
fn the_help_menu_opens_the_guide() {
    let mut h = harness(EnrichApp::new_for_test(None), [1400.0, 900.0], |b| {
        b.allow_missing_glyphs()
    });
    h.get_by_label("Help").click();
    h.run();
    h.get_by_label("Guide").click();
    h.run();
    h.get_by_label("Two commands");
    h.get_by_label("How it counts");
}
