//! Excel and OpenDocument workbooks (.xlsx, .xlsm, .xlsb, .xls, .ods): sales ops live in
//! Excel, so a workbook is read directly: every worksheet, for the reader to choose from.

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

/// Run `f`, turning a panic into `Err` without printing the panic message (the caller
/// reports the damaged file instead).
fn quietly<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    std::panic::set_hook(hook);
    r
}

/// One sheet of a workbook, read as text.
pub struct SheetRows {
    pub name: String,
    /// Hidden sheets are candidates only when no visible one is.
    pub visible: bool,
    pub rows: Vec<Vec<String>>,
}

/// Every worksheet of a workbook (chart sheets and the like have no cells and are left out),
/// in workbook order.
pub fn read_sheets(path: &Path) -> Result<Vec<SheetRows>> {
    match quietly(|| read_sheets_inner(path)) {
        Ok(r) => r,
        Err(_) => Err(Error::input(
            path,
            None,
            "the workbook is damaged and cannot be read; open it in Excel and save it again, or export the sheet as CSV",
        )),
    }
}

fn read_sheets_inner(path: &Path) -> Result<Vec<SheetRows>> {
    let mut wb = open_workbook_auto(path)
        .map_err(|e| Error::input(path, None, format!("cannot open the workbook: {e}")))?;
    let meta: Vec<calamine::Sheet> = wb.sheets_metadata().to_vec();
    let mut out = Vec::new();
    for m in meta {
        if m.typ != calamine::SheetType::WorkSheet {
            continue;
        }
        let Ok(range) = wb.worksheet_range(&m.name) else {
            continue;
        };
        out.push(SheetRows {
            visible: m.visible == calamine::SheetVisible::Visible,
            rows: range
                .rows()
                .map(|r| r.iter().map(cell_text).collect())
                .collect(),
            name: m.name,
        });
    }
    if out.is_empty() {
        return Err(Error::input(path, None, "the workbook has no sheets"));
    }
    Ok(out)
}
