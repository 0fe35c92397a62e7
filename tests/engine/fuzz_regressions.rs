//! Inputs the fuzzer (fuzz/, `read_and_detect`) found crashing; each must now give a clear
//! error or a table, never a panic.

use std::path::PathBuf;

use enrichplan::input::reader::{ReadOptions, read_table};
use enrichplan::progress::Progress;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/fuzz")
        .join(name)
}

#[test]
fn corrupt_ole_workbook_is_an_error_not_a_panic() {
    // A .xls-like OLE header whose sector table panics inside the workbook parser.
    let p = fixture("calamine-cfb-panic.bin");
    let err = read_table(&p, &ReadOptions::default(), &Progress::new()).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("calamine-cfb-panic.bin"), "{msg}");
    assert!(msg.contains("workbook"), "{msg}");
}
