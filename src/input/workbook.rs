//! Excel and OpenDocument workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods): sales ops live in
//! Excel, so a workbook is read directly (first sheet unless one is chosen).

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};

use crate::error::{Error, Result};

pub const EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

pub fn is_workbook(path: &Path, head: &[u8]) -> bool {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    EXTENSIONS.contains(&ext.as_str())
        || (head.starts_with(b"\xd0\xcf\x11\xe0") && ext != "msg" && ext != "doc")
        || (head.starts_with(b"PK\x03\x04") && zip_has_sheets(head))
}

/// A ZIP is a workbook when its first entries name worksheet parts.
fn zip_has_sheets(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    text.contains("xl/") || text.contains("[Content_Types].xml") || text.contains("content.xml")
}

fn cell_text(c: &Data) -> String {
    match c {
        Data::DateTime(d) => match d.as_datetime() {
            Some(dt) if dt.time() == chrono::NaiveTime::MIN => dt.date().to_string(),
            Some(dt) => dt.to_string(),
            None => d.to_string(),
        },
        Data::Error(_) | Data::Empty => String::new(),
        other => other.to_string(),
    }
}

/// The sheet names of a workbook, for the window's sheet picker.
pub fn sheet_names(path: &Path) -> Result<Vec<String>> {
    let wb = open_workbook_auto(path)
        .map_err(|e| Error::input(path, None, format!("cannot open the workbook: {e}")))?;
    Ok(wb.sheet_names())
}

/// The rows of one sheet as text (the first sheet when `sheet` is None), and its name.
pub fn read_sheet(path: &Path, sheet: Option<&str>) -> Result<(String, Vec<Vec<String>>)> {
    let mut wb = open_workbook_auto(path)
        .map_err(|e| Error::input(path, None, format!("cannot open the workbook: {e}")))?;
    let names = wb.sheet_names();
    let name = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .cloned()
            .ok_or_else(|| {
                Error::Setting(format!(
                    "{}: no sheet named `{s}`; the sheets are: {}",
                    path.display(),
                    names.join(", ")
                ))
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Error::input(path, None, "the workbook has no sheets"))?,
    };
    let range = wb
        .worksheet_range(&name)
        .map_err(|e| Error::input(path, None, format!("sheet `{name}`: {e}")))?;
    let rows = range
        .rows()
        .map(|r| r.iter().map(cell_text).collect())
        .collect();
    Ok((name, rows))
}
