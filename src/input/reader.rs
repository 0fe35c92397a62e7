//! Reading a contact file into a polars frame of text columns.
//!
//! Every cell stays text (no "00123" → 123, no phone → float). Rows keep the line they
//! start on, so every later message can name it. The input file is only ever read.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::error::{Error, Result};
use crate::progress::Progress;

/// How to read a file; `None` means sniff it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    pub delimiter: Option<u8>,
    pub encoding: Option<String>,
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
        c => (c as char).to_string(),
    }
}

/// Parse a delimiter given by a user: a character, or a name like `tab`.
pub fn parse_delimiter(s: &str) -> std::result::Result<u8, String> {
    match s {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        "comma" => Ok(b','),
        "semicolon" => Ok(b';'),
        "pipe" => Ok(b'|'),
        "colon" => Ok(b':'),
        s if s.len() == 1 && s.is_ascii() => Ok(s.as_bytes()[0]),
        _ => Err(format!(
            "delimiter `{s}`: give one ASCII character, or tab, comma, semicolon, pipe, colon"
        )),
    }
}

/// What a file that is not a CSV appears to be, from its first bytes.
fn sniff_not_csv(head: &[u8]) -> Option<&'static str> {
    let starts = |m: &[u8]| head.starts_with(m);
    if starts(b"\x89PNG") {
        return Some("a PNG image");
    }
    if starts(b"\x1f\x8b") {
        return Some("a gzip-compressed file");
    }
    if starts(b"PK\x03\x04") {
        return Some("a ZIP archive (an .xlsx or .ods workbook is one: save it as CSV)");
    }
    if starts(b"%PDF") {
        return Some("a PDF document");
    }
    if starts(b"\xd0\xcf\x11\xe0") {
        return Some("an old Excel .xls workbook (save it as CSV)");
    }
    if starts(b"\xff\xd8\xff") || starts(b"GIF8") {
        return Some("an image");
    }
    let text = String::from_utf8_lossy(&head[..head.len().min(1024)]).to_lowercase();
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with("<!doctype html") || t.starts_with("<html") {
        return Some("an HTML page saved with a .csv name");
    }
    None
}

/// Records where every line break (LF, CRLF or a lone CR) is, as the bytes stream past,
/// so rows can name the line they start on. The csv crate's own line counter lags after
/// CRLF and blank lines.
struct LineIndex<R> {
    inner: R,
    offset: u64,
    /// (offset, width) of each break, in order.
    breaks: std::sync::Arc<std::sync::Mutex<Vec<(u64, u8)>>>,
    pending_cr: Option<u64>,
}

impl<R: Read> Read for LineIndex<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut breaks = self.breaks.lock().unwrap_or_else(|e| e.into_inner());
        let mut i = 0;
        if let Some(cr) = self.pending_cr.take() {
            if n > 0 && buf[0] == b'\n' {
                breaks.push((cr, 2));
                i = 1;
            } else {
                breaks.push((cr, 1));
            }
        }
        while i < n {
            match buf[i] {
                b'\n' => breaks.push((self.offset + i as u64, 1)),
                b'\r' => {
                    if i + 1 < n {
                        if buf[i + 1] == b'\n' {
                            breaks.push((self.offset + i as u64, 2));
                            i += 1;
                        } else {
                            breaks.push((self.offset + i as u64, 1));
                        }
                    } else {
                        self.pending_cr = Some(self.offset + i as u64);
                    }
                }
                _ => {}
            }
            i += 1;
        }
        if n == 0
            && let Some(cr) = self.pending_cr.take()
        {
            breaks.push((cr, 1));
        }
        self.offset += n as u64;
        Ok(n)
    }
}

/// Turns the csv crate's record offsets into 1-based line numbers.
struct LineCursor {
    breaks: std::sync::Arc<std::sync::Mutex<Vec<(u64, u8)>>>,
    k: usize,
}

impl LineCursor {
    /// The line a record starts on, given the offset where the parser began reading it
    /// (which may point at the previous record's terminator or at blank lines).
    fn line(&mut self, mut at: u64) -> u64 {
        let breaks = self.breaks.lock().unwrap_or_else(|e| e.into_inner());
        while self.k < breaks.len() && breaks[self.k].0 < at {
            self.k += 1;
        }
        while self.k < breaks.len() && breaks[self.k].0 == at {
            at += breaks[self.k].1 as u64;
            self.k += 1;
        }
        self.k as u64 + 1
    }
}

/// Pick the delimiter that splits the sample's lines most consistently.
fn sniff_delimiter(sample: &str) -> u8 {
    let lines: Vec<&str> = sample
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(30)
        .collect();
    let mut best = (b',', 0.0f64);
    for d in [b',', b';', b'\t', b'|'] {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, d)).collect();
        let Some(&first) = counts.first() else {
            continue;
        };
        if first == 0 {
            continue;
        }
        let same = counts.iter().filter(|&&c| c == first).count() as f64 / counts.len() as f64;
        let score = same * 1000.0 + first as f64;
        if score > best.1 {
            best = (d, score);
        }
    }
    best.0
}

fn count_outside_quotes(line: &str, d: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == d && !quoted {
            n += 1;
        }
    }
    n
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

/// Read a CSV file. `progress` gets bytes read and is checked for cancellation.
pub fn read_table(path: &Path, opts: &ReadOptions, progress: &Progress) -> Result<ContactTable> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(Error::input(path, None, "is a folder, not a file"));
    }
    let bytes = meta.len();
    progress.set_total(bytes);
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut head = Vec::with_capacity(65536);
    (&mut file)
        .take(65536)
        .read_to_end(&mut head)
        .map_err(|e| Error::io(path, e))?;
    if head.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::input(
            path,
            None,
            "the file is empty (no header row): export the list again with its column names",
        ));
    }
    if let Some(what) = sniff_not_csv(&head) {
        return Err(Error::input(
            path,
            None,
            format!("not a CSV file: it appears to be {what}"),
        ));
    }

    // Encoding: UTF-8 (BOM or not) streams straight from the file; anything else is
    // decoded to UTF-8 in memory first.
    let forced = match &opts.encoding {
        Some(label) => Some(
            encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
                Error::Setting(format!(
                    "unknown encoding `{label}` (try utf-8, windows-1252, utf-16le)"
                ))
            })?,
        ),
        None => None,
    };
    let bom = encoding_rs::Encoding::for_bom(&head).map(|(e, _)| e);
    let encoding = forced.or(bom).unwrap_or_else(|| {
        let valid = match std::str::from_utf8(&head) {
            Ok(_) => true,
            // A sample cut inside a multi-byte character is still UTF-8.
            Err(e) => e.error_len().is_none(),
        };
        if valid {
            encoding_rs::UTF_8
        } else {
            encoding_rs::WINDOWS_1252
        }
    });
    let mut warnings = Vec::new();
    let source: Box<dyn Read + Send> = if encoding == encoding_rs::UTF_8 {
        drop(file);
        Box::new(BufReader::with_capacity(
            1 << 20,
            File::open(path).map_err(|e| Error::io(path, e))?,
        ))
    } else {
        let all = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let (text, _, had_errors) = encoding.decode(&all);
        if had_errors {
            warnings.push(format!(
                "some bytes are not valid {}; they were replaced with �",
                encoding.name()
            ));
        }
        Box::new(std::io::Cursor::new(text.into_owned().into_bytes()))
    };
    if encoding != encoding_rs::UTF_8 && opts.encoding.is_none() && bom.is_none() {
        warnings.push(format!(
            "the file is not UTF-8; it was read as {} (use --encoding to choose another)",
            encoding.name()
        ));
    }

    // Dialect from the sample (decoded the same way).
    let (sample, _, _) = encoding.decode(&head);
    let sample = sample.trim_start_matches('\u{feff}');
    let sep_line = sample
        .lines()
        .next()
        .and_then(|l| l.trim().strip_prefix("sep="))
        .and_then(|s| s.bytes().next());
    let delimiter = opts
        .delimiter
        .or(sep_line)
        .unwrap_or_else(|| sniff_delimiter(sample));

    let breaks = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut cursor = LineCursor {
        breaks: breaks.clone(),
        k: 0,
    };
    let source: Box<dyn Read + Send> = Box::new(LineIndex {
        inner: source,
        offset: 0,
        breaks,
        pending_cr: None,
    });
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(source);
    let mut record = csv::ByteRecord::new();
    let mut invalid_utf8 = 0u64;
    let field = |b: &[u8], bad: &mut u64| -> String {
        match std::str::from_utf8(b) {
            Ok(s) => s.to_string(),
            Err(_) => {
                *bad += 1;
                String::from_utf8_lossy(b).into_owned()
            }
        }
    };
    let read = |rdr: &mut csv::Reader<Box<dyn Read + Send>>, rec: &mut csv::ByteRecord| {
        rdr.read_byte_record(rec).map_err(|e| {
            let line = e.position().map(|p| p.line());
            Error::input(path, line, format!("cannot read the CSV: {e}"))
        })
    };
    // Header row (skipping Excel's `sep=` line).
    let mut header_line = 0;
    loop {
        if !read(&mut rdr, &mut record)? {
            return Err(Error::input(path, None, "the file has no header row"));
        }
        header_line = record
            .position()
            .map(|p| p.line())
            .unwrap_or(header_line + 1);
        let first = record.get(0).unwrap_or_default();
        let is_sep = record.len() <= 2
            && sep_line.is_some()
            && String::from_utf8_lossy(first)
                .trim_start_matches('\u{feff}')
                .starts_with("sep=");
        if !is_sep {
            break;
        }
    }
    let raw_headers: Vec<String> = record.iter().map(|b| field(b, &mut invalid_utf8)).collect();
    let (headers, notes) = unique_headers(&raw_headers);
    warnings.extend(notes);
    let width = headers.len();

    let mut builders: Vec<StringChunkedBuilder> = headers
        .iter()
        .map(|h| StringChunkedBuilder::new(h.as_str().into(), 1024))
        .collect();
    let mut lines = Vec::new();
    let mut ragged = 0u64;
    let mut ragged_lines = Vec::new();
    let mut n = 0u64;
    while read(&mut rdr, &mut record)? {
        let line = record
            .position()
            .map(|p| cursor.line(p.byte()))
            .unwrap_or(0);
        if record.len() != width {
            ragged += 1;
            if ragged_lines.len() < 5 {
                ragged_lines.push(line.to_string());
            }
        }
        for (i, b) in builders.iter_mut().enumerate() {
            match record.get(i) {
                Some(v) => match std::str::from_utf8(v) {
                    Ok(s) => b.append_value(s),
                    Err(_) => {
                        invalid_utf8 += 1;
                        b.append_value(String::from_utf8_lossy(v));
                    }
                },
                None => b.append_value(""),
            }
        }
        lines.push(line);
        n += 1;
        if n % 8192 == 0 {
            if progress.is_cancelled() {
                return Err(Error::Cancelled);
            }
            if let Some(p) = record.position() {
                progress.set_done(p.byte());
            }
        }
    }
    progress.set_done(bytes);
    if ragged > 0 {
        warnings.push(format!(
            "{ragged} row(s) have a different number of cells than the header ({width}); short rows were padded with empty cells and long rows cut (first at line {})",
            ragged_lines.join(", ")
        ));
    }
    if invalid_utf8 > 0 {
        warnings.push(format!(
            "{invalid_utf8} cell(s) held bytes that are not valid UTF-8; they were replaced with �"
        ));
    }
    if n == 0 {
        warnings.push("the file has a header row but no data rows".to_string());
    }
    let columns: Vec<Column> = builders
        .into_iter()
        .map(|b| b.finish().into_column())
        .collect();
    let df = DataFrame::new(n as usize, columns)?;
    Ok(ContactTable {
        path: path.to_path_buf(),
        headers,
        df,
        lines,
        delimiter,
        encoding: encoding.name(),
        bytes,
        warnings,
    })
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
                .any(|w| w.contains("2 row(s)") && w.contains("line 2, 3"))
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
