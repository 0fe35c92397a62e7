//! Excel workbooks are read directly: first sheet by default, another by name; title rows
//! above the header skipped; numbers Excel stored for phones still count (with a warning).

use crate::common;

use std::path::PathBuf;

use enrichplan::input::reader::{ReadOptions, read_table};
use enrichplan::progress::Progress;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/contacts.xlsx")
}

#[test]
fn first_sheet_by_default_with_title_row_skipped() {
    let t = read_table(&fixture(), &ReadOptions::default(), &Progress::new()).unwrap();
    assert_eq!(
        t.headers,
        [
            "First Name",
            "Last Name",
            "Company",
            "Email",
            "Mobile",
            "LinkedIn"
        ]
    );
    assert_eq!(t.rows(), 4);
    assert_eq!(t.cell(0, "Mobile"), "447712000000");
    assert_eq!(t.cell(3, "First Name"), "José");
    assert_eq!(t.lines, [3, 4, 5, 6], "sheet row numbers");
}

#[test]
fn a_sheet_is_chosen_by_name_and_dates_become_iso() {
    let opts = ReadOptions {
        sheet: Some("Reveal log".into()),
        date_order: None,
        ..Default::default()
    };
    let t = read_table(&fixture(), &opts, &Progress::new()).unwrap();
    assert_eq!(t.cell(0, "Date"), "2026-11-20");
    let opts = ReadOptions {
        sheet: Some("Nope".into()),
        date_order: None,
        ..Default::default()
    };
    let err = read_table(&fixture(), &opts, &Progress::new()).unwrap_err();
    assert!(
        err.is_setting() && err.to_string().contains("Reveal log"),
        "{err}"
    );
}

#[test]
fn the_cli_estimates_a_workbook_with_its_log_sheet() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_enrichplan"))
        .args(["estimate", fixture().to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["rows"], 4);
    assert_eq!(v["duplicate_rows"], 1, "José's row shares Dana's email");
}

#[test]
fn excel_scientific_phones_count_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let list = common::write(
        dir.path(),
        "list.csv",
        "Name,Company,Email,Phone\nAnn Lee,Acme,ann@acme.com,4.47712E+11\nBo Chan,Beta,bo@beta.io,'+1 217-555-0100\n",
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_enrichplan"))
        .args([
            "estimate",
            list.to_str().unwrap(),
            "--format",
            "json",
            "--only-missing",
        ])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Both rows have a phone and an email: nothing left to request.
    assert_eq!(v["nothing_needed_rows"], 2, "{v}");
    let warnings = v["warnings"].to_string();
    assert!(
        warnings.contains("scientific notation") && warnings.contains("line 2"),
        "{warnings}"
    );
}
