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

fn sheets(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/sheets")
        .join(name)
}

/// A cover sheet first, a pivot-like summary, the contacts, a hidden lookup: with no
/// `--sheet` the contact sheet is read, in every workbook format, and the warning names the
/// sheet taken and the others.
#[test]
fn the_contact_sheet_is_found_behind_a_cover_sheet() {
    for ext in ["xlsx", "xls", "ods"] {
        let path = sheets(&format!("cover-first.{ext}"));
        let t = read_table(&path, &ReadOptions::default(), &Progress::new()).unwrap();
        assert_eq!(t.sheet.as_deref(), Some("Leads"), "{ext}");
        assert_eq!(t.rows(), 6, "{ext}");
        assert_eq!(t.headers[3], "Email", "{ext}");
        let names: Vec<&str> = t.sheets.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Cover", "Summary", "Leads", "Lookup"], "{ext}");
        let w = &t.warnings[0];
        assert!(
            w.starts_with("4 sheets: took `Leads` (6 rows)")
                && w.contains("`Cover` (0 rows)")
                && w.contains("`Summary` (3 rows)")
                && w.contains("--sheet"),
            "{ext}: {w}"
        );
        // The same numbers as naming the sheet.
        let file = path.display().to_string();
        let auto = common::json(&["estimate", &file, "--format", "json"]);
        let named = common::json(&["estimate", &file, "--sheet", "Leads", "--format", "json"]);
        assert_eq!(auto["credits"], named["credits"], "{ext}");
        assert_eq!(
            auto["billable_contacts"], 5,
            "{ext}: Ana shares Dana's email"
        );
        // Naming another sheet reads it, with no warning about the choice.
        let t = read_table(
            &path,
            &ReadOptions {
                sheet: Some("Summary".into()),
                ..Default::default()
            },
            &Progress::new(),
        )
        .unwrap();
        assert_eq!((t.rows(), t.headers[0].as_str()), (3, "Region"), "{ext}");
        assert!(
            !t.warnings.iter().any(|w| w.contains("sheets: took")),
            "{ext}"
        );
    }
    // A hidden sheet is marked as such (xlsx and xls know hidden sheets).
    let t = read_table(
        &sheets("cover-first.xlsx"),
        &ReadOptions::default(),
        &Progress::new(),
    )
    .unwrap();
    assert!(
        t.warnings[0].contains("`Lookup` (2 rows, hidden)"),
        "{}",
        t.warnings[0]
    );
}

#[test]
fn two_alike_sheets_are_left_to_the_user_and_an_empty_one_is_explained() {
    let t = read_table(
        &sheets("two-lists.xlsx"),
        &ReadOptions::default(),
        &Progress::new(),
    )
    .unwrap();
    assert_eq!(t.sheet.as_deref(), Some("Q1 leads"));
    assert!(t.warnings[0].contains("two sheets look alike: choose the sheet (--sheet NAME"));
    // A cover and a header-only list: the list is taken, and its 0 rows are explained.
    let file = sheets("empty-list.xlsx").display().to_string();
    let v = common::json(&["estimate", &file, "--format", "json"]);
    assert_eq!(v["rows"], 0);
    let w = v["warnings"].to_string();
    assert!(
        w.contains("took `Leads` (0 rows)") && w.contains("no data rows"),
        "{w}"
    );
    // The table for people has no heading with nothing under it.
    let out = common::run(&["estimate", &file]);
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    for (i, l) in lines.iter().enumerate() {
        if l.ends_with(':') && !l.starts_with(' ') {
            assert!(
                lines.get(i + 1).is_some_and(|n| n.starts_with("  ")),
                "heading `{l}` with nothing under it:\n{text}"
            );
        }
    }
    // A sheet name that does not exist is a bad flag naming the sheets.
    let out = common::run(&["estimate", &file, "--sheet", "Nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("the sheets are: Cover, Leads"));
}

/// Rows of which none can be matched are explained, not a silent 0.
#[test]
fn a_list_without_a_matchable_row_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let list = common::write(
        dir.path(),
        "list.csv",
        "Name,Email\nDana,not an email\nOmar,\n",
    );
    let v = common::json(&[
        "estimate",
        &list.display().to_string(),
        "--map",
        "email=Email",
        "--format",
        "json",
    ]);
    assert_eq!(v["unmatchable_rows"], 2);
    assert!(
        v["warnings"]
            .to_string()
            .contains("none of the 2 rows can be matched"),
        "{}",
        v["warnings"]
    );
}
