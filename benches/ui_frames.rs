//! The window's frame times while a big list is worked on (issue 12: no frame over 50 ms
//! while a 1M-row list loads, is saved as a plan, or is exported). The window runs headless
//! in egui_kittest (layout and our logic, no GPU painting); every phase steps frames 16 ms
//! apart, as a display would, until its background work is done, and the slowest frame of
//! each phase is printed. A frame includes whatever the window did on its thread in it
//! (applying a job's result, re-pricing, starting the next job).
//!
//! `FRAMES_LIST=/tmp/enrichplan-bench-1000000.csv cargo bench --bench ui_frames`
//! (without `FRAMES_LIST`, the bundled sample).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use enrichplan::app::{Command, EnrichApp};
use enrichplan::pricing::Channel;

struct Frames<'a> {
    h: Harness<'a, EnrichApp>,
    /// The slowest frame so far.
    worst: Duration,
}

impl Frames<'_> {
    /// Do `act` in a frame (as a click's consequence would be), then step frames until no
    /// background job runs and one more frame has drawn its result.
    fn phase(&mut self, name: &str, act: impl FnOnce(&mut Harness<'_, EnrichApp>)) {
        let mut slowest = Duration::ZERO;
        let mut frames = 0;
        let t = Instant::now();
        act(&mut self.h);
        self.h.step();
        slowest = slowest.max(t.elapsed());
        let mut settled = 0;
        while settled < 3 {
            std::thread::sleep(Duration::from_millis(16));
            let t = Instant::now();
            self.h.step();
            slowest = slowest.max(t.elapsed());
            frames += 1;
            settled = if self.h.state().is_busy() {
                0
            } else {
                settled + 1
            };
        }
        let errors = self.h.state().errors();
        assert!(errors.is_empty(), "{name}: {errors:?}");
        println!(
            "{name:<40} {:>5} frames, slowest {:>7.1} ms",
            frames + 1,
            slowest.as_secs_f64() * 1e3
        );
        self.worst = self.worst.max(slowest);
    }
}

fn main() {
    let list = std::env::var_os("FRAMES_LIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample-data/contacts.csv")
        });
    let out = tempfile::tempdir().expect("a temporary folder");
    let h = Harness::builder()
        // Tall enough that every control of the left panel is on screen (clickable).
        .with_size([1400.0, 1800.0])
        // The window finds fonts for other scripts through the system; here they are tofu.
        .allow_missing_glyphs()
        .build_eframe(|_| EnrichApp::new_for_test(None));
    let mut f = Frames {
        h,
        worst: Duration::ZERO,
    };
    f.phase("start (nothing open)", |_| {});
    let path = list.clone();
    f.phase("open and analyse the list", move |h| {
        h.state_mut().open(path)
    });
    assert!(f.h.state().outcome().is_some(), "an estimate");
    f.phase("Rows tab", |h| h.get_by_label("Rows view").click());
    f.phase("Rows tab, open the status filter", |h| {
        h.get_by_role_and_label(Role::ComboBox, "Status filter")
            .click()
    });
    f.phase("Rows tab, filter Billable", |h| {
        h.get_by_label_contains("Billable (").click()
    });
    f.phase("Estimate tab", |h| h.get_by_label("Estimate view").click());
    f.phase("channel API bulk (re-price)", |h| {
        h.get_by_role_and_label(Role::RadioButton, Channel::ApiBulk.label())
            .click()
    });
    assert_eq!(f.h.state().settings().channel, Channel::ApiBulk);
    f.phase("untick Phone (re-price)", |h| {
        h.get_by_role_and_label(Role::CheckBox, "Phone").click()
    });
    assert!(!f.h.state().settings().selection.phone, "Phone unticked");
    f.phase("split the estimate by Country", |h| {
        h.state_mut().set_split_by(Some("Country".into()))
    });
    f.phase("tick Phone (re-price, split)", |h| {
        h.get_by_role_and_label(Role::CheckBox, "Phone").click()
    });
    assert!(f.h.state().settings().selection.phone, "Phone ticked");
    assert!(f.h.state().split_groups().is_some(), "the split is shown");
    f.phase("budget at half the estimate (fit)", |h| {
        let high = h
            .state()
            .outcome()
            .expect("an estimate")
            .estimate
            .total
            .high;
        h.state_mut().set_budget(Some(high / 2.0))
    });
    f.phase("keep first the highest Country (fit)", |h| {
        h.state_mut().set_priority(Some("Country".into()))
    });
    let fit = f.h.state().outcome().and_then(|o| o.budget.clone());
    assert!(
        fit.and_then(|b| b.fit).is_some(),
        "a fit in the column's order"
    );
    let plan = out.path().join("plan.enrichplan.json");
    f.phase("save as a plan", move |h| {
        h.state_mut().save_plan_to(&plan).expect("the plan saves")
    });
    for (cmd, name) in [
        (Command::ExportReport, "estimate.json"),
        (Command::ExportRows, "rows.csv"),
        (Command::ExportTrimmed, "trimmed.csv"),
    ] {
        let p = out.path().join(name);
        f.phase(&format!("export {name}"), move |h| {
            h.state_mut().export_to(cmd, &p).expect("the export writes")
        });
        assert!(out.path().join(name).exists(), "{name} written");
    }
    f.phase("Rows tab again", |h| {
        // The split's table has a "Rows" heading too: the tab is drawn first.
        h.get_all_by_label("Rows").next().expect("the tab").click()
    });
    f.phase("Rows tab, channel Platform (re-price)", |h| {
        h.get_by_role_and_label(Role::RadioButton, Channel::Platform.label())
            .click()
    });
    let plan = out.path().join("plan.enrichplan.json");
    f.phase("open the saved plan (list checked, read again)", move |h| {
        h.state_mut().open(plan)
    });
    assert!(
        f.h.state().outcome().is_some(),
        "the plan's list re-estimated"
    );
    let worst = f.worst;
    println!(
        "{}: slowest frame of all {:.1} ms",
        list.display(),
        worst.as_secs_f64() * 1e3
    );
}
