//! The window's state (headless: no drawing) opening a list, then analysing it again after
//! a column role changes (the file is read again: its cells are not held), timed:
//!   /usr/bin/time -v target/release/examples/reanalyse LIST
//! Peak memory is the window's without its drawing (about 130 MB less than under Xvfb).

use std::path::Path;
use std::time::Instant;

use enrichplan::app::EnrichApp;
use enrichplan::input::roles::Role;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: reanalyse LIST");
        std::process::exit(2);
    };
    let t = Instant::now();
    let mut app = EnrichApp::new_for_test(Some(Path::new(&path)));
    let Some(total) = app.outcome().map(|o| o.estimate.total.expected) else {
        eprintln!("no estimate: {:?}", app.errors());
        std::process::exit(1);
    };
    println!(
        "opened (read, analysed): {:.2} s, {total:.1} credits expected",
        t.elapsed().as_secs_f64()
    );
    // The phone columns lose their role, then get it back: two analyses, each a pass over
    // the file.
    let phones = app.mapping().columns(Role::Phone).to_vec();
    for columns in [Vec::new(), phones] {
        let t = Instant::now();
        app.set_role(Role::Phone, columns);
        app.wait_for_jobs();
        let now = app
            .outcome()
            .map_or(f64::NAN, |o| o.estimate.total.expected);
        println!(
            "role changed, analysed again: {:.2} s, {now:.1} credits expected",
            t.elapsed().as_secs_f64()
        );
    }
    let back = app
        .outcome()
        .map_or(f64::NAN, |o| o.estimate.total.expected);
    assert!((back - total).abs() < 1e-9, "{back} != {total}");
}
