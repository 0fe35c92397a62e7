//! Reading a contact file into a polars frame of text columns.
//!
//! Every cell stays text (no "00123" → 123, no phone → float). Rows keep the line they
//! start on, so every later message can name it. The input file is only ever read.
//!
//! A text file goes through stages, each in its own module and testable alone:
//! [`decode`] (what bytes these are, the encoding) → [`crate::input::sniff`] (delimiter,
//! quote, preamble) → [`lines`] (line numbers as bytes stream past) → [`rows`] (header,
//! then rows into columns) → [`footer`] (an unclosed quote, a report footer) → the frame
//! and its warnings. Workbooks go through [`sheets`].

mod by_offset;
mod decode;
mod footer;
mod lines;
mod rows;
mod sheets;

pub use by_offset::{ListRows, OffsetReader};

use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::error::{Invalid, Result};
use crate::progress::Progress;

/// How to read a file; `None` means sniff it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    pub delimiter: Option<u8>,
    pub encoding: Option<String>,
    /// The sheet of a workbook (default: the first).
    pub sheet: Option<String>,
    /// How `03/04/2026` reads in a reveal log's date column (default: decided by the
    /// column, see `cycle::column_date_order`).
    pub date_order: Option<crate::cycle::DateOrder>,
}

/// A contact list (or a reveal log) held in memory.
#[derive(Clone, Debug)]
pub struct ContactTable {
    pub path: PathBuf,
    /// Column names as shown to the user: cleaned, blanks named, duplicates numbered.
    pub headers: Vec<String>,
    /// One text column per header, one row per data row.
    pub df: DataFrame,
    /// The 1-based file line each data row starts on.
    pub lines: Vec<u64>,
    pub delimiter: u8,
    pub encoding: &'static str,
    pub bytes: u64,
    pub warnings: Vec<String>,
    /// The date order the user chose for this file, if any (`ReadOptions::date_order`).
    pub date_order: Option<crate::cycle::DateOrder>,
    /// A workbook's sheet this table is, and every worksheet with its data rows (for the
    /// window's sheet picker); empty for a text file.
    pub sheet: Option<String>,
    pub sheets: Vec<(String, usize)>,
}

impl ContactTable {
    pub fn rows(&self) -> usize {
        self.df.height()
    }

    /// The cell of a row in a named column ("" when the column does not exist).
    pub fn cell(&self, row: usize, column: &str) -> String {
        self.df
            .column(column)
            .ok()
            .and_then(|c| c.str().ok().and_then(|s| s.get(row).map(str::to_string)))
            .unwrap_or_default()
    }

    /// A sample of each column's values for role detection.
    pub fn profiles(&self, sample: usize) -> Vec<crate::input::roles::ContentProfile> {
        let n = self.rows().min(sample);
        self.headers
            .iter()
            .map(|h| match self.df.column(h).and_then(|c| c.str().cloned()) {
                Ok(ca) => crate::input::roles::ContentProfile::of(
                    ca.slice(0, n).iter().map(|v| v.unwrap_or("")),
                ),
                Err(_) => Default::default(),
            })
            .collect()
    }
}

pub fn delimiter_name(d: u8) -> String {
    match d {
        b'\t' => "tab".into(),
        b' ' => "space".into(),
        crate::input::sniff::ONE_COLUMN => "none (one column)".into(),
        c => (c as char).to_string(),
    }
}

/// Parse a delimiter given by a user: a character, or a name like `tab`.
pub fn parse_delimiter(s: &str) -> std::result::Result<u8, crate::error::Invalid> {
    match s {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        "comma" => Ok(b','),
        "semicolon" => Ok(b';'),
        "pipe" => Ok(b'|'),
        "colon" => Ok(b':'),
        s if s.len() == 1 && s.is_ascii() => Ok(s.as_bytes()[0]),
        _ => Err(Invalid(format!(
            "delimiter `{s}`: give one ASCII character, or tab, comma, semicolon, pipe, colon"
        ))),
    }
}

/// Make headers usable and unique: cleaned, blanks named, repeats numbered.
pub fn unique_headers(raw: &[String]) -> (Vec<String>, Vec<String>) {
    let mut out: Vec<String> = Vec::with_capacity(raw.len());
    let mut notes = Vec::new();
    for (i, h) in raw.iter().enumerate() {
        let mut name = crate::input::roles::clean_header(h);
        if name.is_empty() {
            name = format!("Column {}", i + 1);
            notes.push(format!("column {} has no header; shown as `{name}`", i + 1));
        }
        if out.contains(&name) {
            let mut k = 2;
            while out.contains(&format!("{name} ({k})")) {
                k += 1;
            }
            let renamed = format!("{name} ({k})");
            notes.push(format!(
                "header `{name}` appears more than once; column {} shown as `{renamed}`",
                i + 1
            ));
            name = renamed;
        }
        out.push(name);
    }
    (out, notes)
}

/// Read a contact file (CSV or a workbook). `progress` gets bytes read and is checked for
/// cancellation.
pub fn read_table(path: &Path, opts: &ReadOptions, progress: &Progress) -> Result<ContactTable> {
    let (bytes, head) = decode::read_head(path)?;
    progress.set_total(bytes);
    if crate::input::workbook::is_workbook(path, &head) {
        return sheets::read_workbook(path, opts, bytes);
    }
    let mut all = None;
    let mut table = read_text(
        path,
        opts,
        progress,
        (bytes, &head),
        usize::MAX,
        &mut |_, b| {
            all = Some(b);
            Ok(())
        },
        &|| None,
    )?;
    let (df, mut lines, _) = all.map(rows::Batch::frame).transpose()?.unwrap_or_default();
    lines.truncate(lines.len() - table.footer_rows);
    table.table.df = df.slice(0, lines.len());
    table.table.lines = lines;
    Ok(table.table)
}

/// What takes a contact file's rows one run at a time ([`stream_table`]).
pub trait RowSink {
    /// The file's first rows (up to the `head` asked for) as a table, before any run: for
    /// role detection and the checks that sample a column.
    fn head(&mut self, head: &ContactTable) -> Result<()>;
    /// The next run of rows (every column), in file order, with each row's line and where
    /// its record starts in the text read ([`OffsetReader`] reads it back from there;
    /// empty for a workbook).
    fn rows(&mut self, rows: DataFrame, lines: Vec<u64>, offsets: Vec<u64>) -> Result<()>;
}

/// Rows per run of [`stream_table`].
const RUN: usize = 1 << 16;

/// Read a contact file for a pass that needs each row once, without holding them all:
/// `sink` gets the first `head` rows as a table, then every row in runs, with exactly the
/// rows, lines and warnings [`read_table`] gives. Once `keep` names the columns the sink
/// reads (one flag per header), the others are left empty (all null) in later runs.
/// Returns the table with its first rows only (its headers, warnings and source are the
/// whole file's).
pub fn stream_table(
    path: &Path,
    opts: &ReadOptions,
    progress: &Progress,
    head: usize,
    sink: &mut dyn RowSink,
    keep: &dyn Fn() -> Option<Vec<bool>>,
) -> Result<ContactTable> {
    let (bytes, start) = decode::read_head(path)?;
    progress.set_total(bytes);
    if crate::input::workbook::is_workbook(path, &start) {
        let table = sheets::read_workbook(path, opts, bytes)?;
        let first = head_of(&table, head);
        sink.head(&first)?;
        sink.rows(table.df, table.lines, Vec::new())?;
        return Ok(first);
    }
    // The last two runs are held back until the end: a footer (at most `HOLD` rows) is
    // only known then, and the last run may be shorter than it.
    let mut held: Vec<rows::Run> = Vec::new();
    let mut first: Option<ContactTable> = None;
    let mut deliver = |meta: &ContactTable,
                       (df, lines, offsets): rows::Run,
                       first: &mut Option<ContactTable>|
     -> Result<()> {
        if first.is_none() {
            let t = ContactTable {
                df: df.slice(0, head),
                lines: lines[..lines.len().min(head)].to_vec(),
                ..meta.clone()
            };
            sink.head(&t)?;
            *first = Some(t);
        }
        sink.rows(df, lines, offsets)
    };
    let mut read = read_text(
        path,
        opts,
        progress,
        (bytes, &start),
        RUN,
        &mut |meta, b| {
            held.push(b.frame()?);
            if held.len() > 2 {
                let oldest = held.remove(0);
                deliver(meta, oldest, &mut first)?;
            }
            Ok(())
        },
        keep,
    )?;
    let (mut df, mut lines, mut offsets) = match held.len() {
        2 => {
            let (last, more, more_offsets) = held.remove(1);
            let (mut df, mut lines, mut offsets) = held.remove(0);
            df.vstack_mut_owned(last)?;
            lines.extend(more);
            offsets.extend(more_offsets);
            (df, lines, offsets)
        }
        _ => held.pop().unwrap_or_default(),
    };
    lines.truncate(lines.len() - read.footer_rows);
    offsets.truncate(lines.len());
    df = df.slice(0, lines.len());
    let meta = read.table.clone();
    deliver(&meta, (df, lines, offsets), &mut first)?;
    if let Some(f) = first {
        read.table.df = f.df;
        read.table.lines = f.lines;
    }
    Ok(read.table)
}

fn head_of(table: &ContactTable, head: usize) -> ContactTable {
    let mut t = table.clone();
    t.df = t.df.slice(0, head);
    t.lines.truncate(head);
    t
}

/// A text file read: the table (its rows left to the caller's `emit`) and how many of the
/// last rows are a footer to leave out.
struct TextRead {
    table: ContactTable,
    footer_rows: usize,
}

/// Read a text file, handing its rows to `emit` in runs of `batch` (footer included: the
/// caller drops the last `footer_rows`). `emit` also gets the table without rows, for its
/// headers and source.
fn read_text(
    path: &Path,
    opts: &ReadOptions,
    progress: &Progress,
    (bytes, head): (u64, &[u8]),
    batch: usize,
    emit: &mut dyn FnMut(&ContactTable, rows::Batch) -> Result<()>,
    keep: &dyn Fn() -> Option<Vec<bool>>,
) -> Result<TextRead> {
    let decoded = decode::decode(path, head, opts.encoding.as_deref())?;
    let dialect = crate::input::sniff::sniff(&decoded.sample, opts.delimiter);
    let (source, skip) = decode::byte_source(path, head, &decoded)?;
    let mut parser = rows::Parser::new(path, source, &dialect);
    let header = parser.header(&dialect)?;
    let mut table = ContactTable {
        path: path.to_path_buf(),
        headers: header.names.clone(),
        df: DataFrame::empty(),
        lines: Vec::new(),
        delimiter: dialect.delimiter,
        encoding: decoded.encoding.name(),
        bytes,
        warnings: Vec::new(),
        date_order: opts.date_order,
        sheet: None,
        sheets: Vec::new(),
    };
    let mut rows = parser.rows(
        &header,
        progress,
        skip,
        batch,
        &mut |b| emit(&table, b),
        keep,
    )?;
    progress.set_done(bytes);
    footer::refuse_unclosed_quote(
        path,
        decoded.in_memory.as_deref().map(Vec::as_slice),
        skip,
        parser.last_offset,
        &parser.breaks,
        dialect.delimiter,
        dialect.quote,
    )?;

    let width = header.names.len();
    let tail: Vec<Vec<String>> = rows
        .tail
        .iter()
        .map(|p| {
            p.rec
                .iter()
                .map(|c| String::from_utf8_lossy(c).into_owned())
                .collect()
        })
        .collect();
    let footer_rows = footer::footer_len(&tail, width);
    let footer = &rows.tail[rows.tail.len() - footer_rows..];
    for (p, cells) in footer.iter().zip(&tail[tail.len() - footer_rows..]) {
        if p.rec.len() != width {
            rows.notes.ragged -= 1;
            rows.notes.ragged_lines.retain(|l| *l != p.line);
        }
        if cells.iter().all(|c| c.trim().is_empty()) {
            rows.notes.blank_rows -= 1;
        }
    }
    let footer_lines = footer
        .first()
        .map(|f| f.line)
        .zip(footer.last().map(|l| l.line));

    let mut warnings: Vec<String> = decoded.guessed.iter().cloned().collect();
    warnings.extend(read_warnings(&ReadNotes {
        header: &header,
        rows: &rows.notes,
        footer: footer_lines.map(|(a, b)| (footer_rows, a, b)),
        invalid_utf8: parser.invalid_utf8,
        replaced: decoded.replaced,
        encoding: decoded.encoding.name(),
        data_rows: rows.count - footer_rows,
    }));
    table.warnings = warnings;
    Ok(TextRead { table, footer_rows })
}

/// What reading a text file found, for [`read_warnings`].
struct ReadNotes<'a> {
    header: &'a rows::Header,
    rows: &'a rows::RowNotes,
    /// A footer left out: its rows, first and last line.
    footer: Option<(usize, u64, u64)>,
    invalid_utf8: u64,
    replaced: u64,
    encoding: &'static str,
    data_rows: usize,
}

fn lines_list(lines: &[u64], most: usize) -> String {
    let mut s = lines
        .iter()
        .take(most)
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    if lines.len() > most {
        s.push_str(", …");
    }
    s
}

/// The warnings a read gives, in the order a user reads the file: before the header, the
/// header, the end, then row by row.
fn read_warnings(n: &ReadNotes) -> Vec<String> {
    use crate::text::count;
    let mut w = Vec::new();
    if !n.header.skipped.is_empty() {
        w.push(format!(
            "{} before the header skipped (line {}); the header is on line {}",
            count(n.header.skipped.len() as u64, "line", "lines"),
            lines_list(&n.header.skipped, usize::MAX),
            n.header.line
        ));
    }
    w.extend(n.header.notes.iter().cloned());
    if let Some((rows, first, last)) = n.footer {
        w.push(format!(
            "a footer of {} (report totals or notes, lines {first}–{last}) was left out",
            count(rows as u64, "line", "lines"),
        ));
    }
    let r = n.rows;
    if !r.repeated_header_lines.is_empty() {
        w.push(format!(
            "the header row appears again inside the file ({}: line {}); those rows were dropped",
            count(r.repeated_header_lines.len() as u64, "time", "times"),
            lines_list(
                &r.repeated_header_lines[..r.repeated_header_lines.len().min(5)],
                5
            )
        ));
    }
    if !r.comment_lines.is_empty() {
        w.push(format!(
            "{} starting with # left out as comments (line {})",
            count(r.comment_lines.len() as u64, "line", "lines"),
            lines_list(&r.comment_lines, 5)
        ));
    }
    if r.ragged > 0 {
        w.push(format!(
            "{} with another number of cells than the header ({}): short rows padded with empty cells, long rows cut (first at line {})",
            count(r.ragged, "row", "rows"),
            n.header.names.len(),
            lines_list(&r.ragged_lines, 5)
        ));
    }
    if r.blank_rows > 0 {
        w.push(format!(
            "{} without a value in any cell: counted as unmatchable rows (0 credits)",
            count(r.blank_rows, "row", "rows")
        ));
    }
    if n.invalid_utf8 > 0 {
        w.push(format!(
            "{} held bytes that are not valid UTF-8, replaced with �",
            count(n.invalid_utf8, "cell", "cells")
        ));
    }
    if n.replaced > 0 {
        w.push(format!(
            "{} not valid {}, replaced with �",
            count(n.replaced, "byte sequence", "byte sequences"),
            n.encoding
        ));
    }
    if n.data_rows == 0 {
        w.push("the file has a header row but no data rows".to_string());
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(content: &[u8]) -> Result<ContactTable> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("list.csv");
        std::fs::write(&p, content).unwrap();
        read_table(&p, &ReadOptions::default(), &Progress::new())
    }

    #[test]
    fn sniffs_semicolon_and_tab() {
        let t = read_str(b"Name;Email\nA;a@x.com\nB;b@y.com\n").unwrap();
        assert_eq!(t.delimiter, b';');
        assert_eq!(t.rows(), 2);
        let t = read_str(b"Name\tEmail\nA, Jr\ta@x.com\n").unwrap();
        assert_eq!(t.delimiter, b'\t');
        assert_eq!(t.cell(0, "Name"), "A, Jr");
    }

    #[test]
    fn bom_quoted_newlines_and_line_numbers() {
        let t = read_str("\u{feff}Name,Notes\r\nA,\"two\nlines\"\r\nB,x\r\n".as_bytes()).unwrap();
        assert_eq!(t.headers, ["Name", "Notes"]);
        assert_eq!(t.lines, [2, 4]);
        assert_eq!(t.cell(0, "Notes"), "two\nlines");
    }

    #[test]
    fn line_numbers_survive_crlf_blank_lines_and_lone_cr() {
        assert_eq!(
            read_str(b"N,M\r\nA,\"x\ny\"\r\nB,z\r\n").unwrap().lines,
            [2, 4]
        );
        assert_eq!(read_str(b"\n\nN\nA\n\nB\n").unwrap().lines, [4, 6]);
        assert_eq!(read_str(b"N\rA\rB\r").unwrap().lines, [2, 3]);
    }

    #[test]
    fn ragged_rows_are_padded_and_reported() {
        let t = read_str(b"a,b,c\n1,2\n1,2,3,4\n").unwrap();
        assert_eq!(t.cell(0, "c"), "");
        assert!(
            t.warnings
                .iter()
                .any(|w| w.contains("2 rows") && w.contains("line 2, 3"))
        );
    }

    #[test]
    fn empty_and_binary_files_are_refused() {
        let e = read_str(b"\n\n").unwrap_err().to_string();
        assert!(e.contains("empty"), "{e}");
        let e = read_str(b"\x89PNG\r\n\x1a\n\0\0").unwrap_err().to_string();
        assert!(e.contains("PNG"), "{e}");
    }

    #[test]
    fn header_only_is_zero_rows_with_a_warning() {
        let t = read_str(b"Email,Name\n").unwrap();
        assert_eq!(t.rows(), 0);
        assert!(t.warnings.iter().any(|w| w.contains("no data rows")));
    }

    #[test]
    fn duplicate_and_blank_headers_are_made_unique() {
        let t = read_str(b"Email,,Email\na@x.com,1,b@y.com\n").unwrap();
        assert_eq!(t.headers, ["Email", "Column 2", "Email (2)"]);
    }

    #[test]
    fn latin1_is_decoded() {
        let t = read_str(b"Name,City\nJos\xe9,M\xfcnchen\n").unwrap();
        assert_eq!(t.cell(0, "Name"), "José");
        assert_eq!(t.encoding, "windows-1252");
    }

    #[test]
    fn excel_sep_line_is_honoured() {
        let t = read_str(b"sep=;\nName;Email\nA,B;a@x.com\n").unwrap();
        assert_eq!(t.delimiter, b';');
        assert_eq!(t.headers, ["Name", "Email"]);
        assert_eq!(t.cell(0, "Name"), "A,B");
    }
}
