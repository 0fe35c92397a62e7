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
        return Some("a ZIP archive");
    }
    if starts(b"%PDF") {
        return Some("a PDF document");
    }
    if starts(b"\xd0\xcf\x11\xe0") {
        return Some("an Office document that is not a workbook");
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

/// A decoded file shared by the parser and the unclosed-quote check.
struct Shared(std::sync::Arc<Vec<u8>>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// Offsets of every line break seen so far, shared between the reader and its cursor.
type Breaks = std::sync::Arc<std::sync::Mutex<Vec<(u64, u8)>>>;

fn line_at(breaks: &Breaks, offset: u64) -> u64 {
    let b = breaks.lock().unwrap_or_else(|e| e.into_inner());
    b.partition_point(|x| x.0 < offset) as u64 + 1
}

/// Which text encoding a file is in, from its first bytes.
fn detect_encoding(head: &[u8]) -> (&'static encoding_rs::Encoding, usize) {
    if let Some((enc, bom)) = encoding_rs::Encoding::for_bom(head) {
        return (enc, bom);
    }
    // UTF-16 without a BOM: ASCII text has a zero in every other byte.
    let sample = &head[..head.len().min(4096) & !1];
    if sample.len() >= 8 {
        let pairs = sample.len() / 2;
        let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
        let odd = sample
            .iter()
            .skip(1)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count();
        if odd * 10 > pairs * 4 && even * 20 < pairs {
            return (encoding_rs::UTF_16LE, 0);
        }
        if even * 10 > pairs * 4 && odd * 20 < pairs {
            return (encoding_rs::UTF_16BE, 0);
        }
    }
    let valid = match std::str::from_utf8(head) {
        Ok(_) => true,
        // A sample cut inside a multi-byte character is still UTF-8.
        Err(e) => e.error_len().is_none(),
    };
    if valid {
        return (encoding_rs::UTF_8, 0);
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(head, head.len() < 65536);
    (det.guess(None, chardetng::Utf8Detection::Allow), 0)
}

/// Mostly control characters: not a text file whatever its name.
fn looks_binary(text: &str) -> bool {
    let mut n = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(8192) {
        n += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{b}' | '\u{c}') {
            control += 1;
        }
    }
    control >= 8 && control * 20 > n
}

/// Footer lines of CRM and spreadsheet reports.
fn is_footer_text(cell: &str) -> bool {
    let t = cell.trim().to_lowercase();
    [
        "total",
        "grand total",
        "subtotal",
        "sum",
        "source:",
        "copyright",
        "©",
        "(c)",
        "generated",
        "confidential",
        "filtered by",
        "powered by",
        "report generated",
    ]
    .iter()
    .any(|k| t.starts_with(k))
}

/// A record on its way into the table (kept back a little, to spot a footer block).
struct Pending {
    rec: csv::ByteRecord,
    line: u64,
}

/// Where a quoted field opens and is never closed, as an offset into `tail`.
fn unclosed_quote(tail: &[u8], delimiter: u8, quote: u8) -> Option<usize> {
    let mut field_start = true;
    let mut open: Option<usize> = None;
    let mut i = 0;
    while i < tail.len() {
        let b = tail[i];
        if open.is_some() {
            if b == quote {
                if tail.get(i + 1) == Some(&quote) {
                    i += 2;
                    continue;
                }
                open = None;
                field_start = false;
            }
        } else if b == quote && field_start {
            open = Some(i);
        } else {
            field_start = b == delimiter || b == b'\n' || b == b'\r';
        }
        i += 1;
    }
    open
}

/// Read a contact file (CSV or a workbook). `progress` gets bytes read and is checked for
/// cancellation.
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
    drop(file);
    if crate::input::workbook::is_workbook(path, &head) {
        return read_workbook(path, opts, bytes);
    }
    if let Some(what) = sniff_not_csv(&head) {
        return Err(Error::input(
            path,
            None,
            format!("not a CSV file: it appears to be {what}"),
        ));
    }

    let forced = match &opts.encoding {
        Some(label) => Some(
            encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
                Error::Setting(format!(
                    "unknown encoding `{label}` (try utf-8, windows-1252, utf-16le, big5)"
                ))
            })?,
        ),
        None => None,
    };
    let (detected, bom_len) = detect_encoding(&head);
    let encoding = forced.unwrap_or(detected);
    let mut warnings = Vec::new();
    let mut replaced = 0u64;

    // Decode the sample for sniffing; UTF-8 files then stream from disk, others are decoded
    // to UTF-8 in memory first.
    let (sample, _) = encoding.decode_without_bom_handling(&head[bom_len.min(head.len())..]);
    let sample = sample.trim_start_matches('\u{feff}').to_string();
    if sample.trim().is_empty() {
        return Err(Error::input(
            path,
            None,
            "the file is empty (no header row): export the list again with its column names",
        ));
    }
    if looks_binary(&sample) {
        return Err(Error::input(
            path,
            None,
            "not a CSV file: it appears to be a binary file (mostly control characters)",
        ));
    }
    let in_memory: Option<std::sync::Arc<Vec<u8>>> = if encoding == encoding_rs::UTF_8 {
        None
    } else {
        let all = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let (text, _) = encoding.decode_with_bom_removal(&all);
        replaced = text.chars().filter(|&c| c == '\u{fffd}').count() as u64;
        Some(std::sync::Arc::new(text.into_owned().into_bytes()))
    };
    if encoding != encoding_rs::UTF_8 && forced.is_none() && bom_len == 0 {
        warnings.push(format!(
            "the file is not UTF-8; it was read as {} (if names look wrong, choose the encoding under Source, or --encoding)",
            encoding.name()
        ));
    }
    let dialect = crate::input::sniff::sniff(&sample, opts.delimiter);
    let delimiter = dialect.delimiter;

    // The byte stream the CSV parser sees, UTF-8, with leading BOMs skipped.
    let mut skip = 0u64;
    let source: Box<dyn Read + Send> = match &in_memory {
        Some(buf) => {
            while buf[skip as usize..].starts_with("\u{feff}".as_bytes()) {
                skip += 3;
            }
            // Read the decoded text in place (no second copy of the file).
            let mut c = std::io::Cursor::new(Shared(buf.clone()));
            c.set_position(skip);
            Box::new(c)
        }
        None => {
            while head[skip as usize..].starts_with(b"\xef\xbb\xbf") {
                skip += 3;
            }
            let mut f = File::open(path).map_err(|e| Error::io(path, e))?;
            std::io::copy(&mut (&mut f).take(skip), &mut std::io::sink())
                .map_err(|e| Error::io(path, e))?;
            Box::new(BufReader::with_capacity(1 << 20, f))
        }
    };
    let breaks: Breaks = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut cursor = LineCursor {
        breaks: breaks.clone(),
        k: 0,
    };
    let source: Box<dyn Read + Send> = Box::new(LineIndex {
        inner: source,
        offset: 0,
        breaks: breaks.clone(),
        pending_cr: None,
    });
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .quote(dialect.quote)
        .has_headers(false)
        .flexible(true)
        .from_reader(source);
    let mut record = csv::ByteRecord::new();
    let mut invalid_utf8 = 0u64;
    let text = |b: &[u8], bad: &mut u64| -> String {
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
    let mut last_offset;

    // Preamble (Excel's sep= line, titles, notes), then the header row.
    let mut skipped_lines: Vec<u64> = Vec::new();
    let mut index = 0usize;
    let to_skip = dialect.preamble + dialect.sep_line as usize;
    let raw_headers: Vec<String> = loop {
        if !read(&mut rdr, &mut record)? {
            return Err(Error::input(path, None, "the file has no header row"));
        }
        let offset = record.position().map(|p| p.byte()).unwrap_or(0);
        last_offset = offset;
        let line = cursor.line(offset);
        if index < to_skip {
            if !(dialect.sep_line && index == 0) {
                skipped_lines.push(line);
            }
            index += 1;
            continue;
        }
        break record.iter().map(|b| text(b, &mut invalid_utf8)).collect();
    };
    if !skipped_lines.is_empty() {
        warnings.push(format!(
            "{} before the header skipped (line {}); the header is on line {}",
            crate::text::count(skipped_lines.len() as u64, "line", "lines"),
            skipped_lines
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            cursor.line(last_offset)
        ));
    }
    if raw_headers
        .iter()
        .all(|h| crate::input::roles::clean_header(h).is_empty())
    {
        return Err(Error::input(
            path,
            Some(cursor.line(last_offset)),
            "the header row is empty: the file needs column names in its first row",
        ));
    }
    let (headers, notes) = unique_headers(&raw_headers);
    warnings.extend(notes);
    let width = headers.len();
    let header_key: Vec<String> = raw_headers
        .iter()
        .map(|h| crate::input::roles::clean_header(h))
        .collect();

    let mut builders: Vec<StringChunkedBuilder> = headers
        .iter()
        .map(|h| StringChunkedBuilder::new(h.as_str().into(), 1024))
        .collect();
    let mut lines = Vec::new();
    let mut ragged = 0u64;
    let mut ragged_lines = Vec::new();
    let mut repeated_header_lines = Vec::new();
    let mut comment_lines: Vec<u64> = Vec::new();
    let mut blank_rows = 0u64;
    // The last rows are also kept (buffers reused) to spot a footer block at the end.
    const HOLD: usize = 32;
    let mut ring: Vec<Pending> = Vec::with_capacity(HOLD);
    let mut n = 0u64;
    let first_key = header_key.first().cloned().unwrap_or_default();
    while read(&mut rdr, &mut record)? {
        let offset = record.position().map(|p| p.byte()).unwrap_or(0);
        last_offset = offset;
        let line = cursor.line(offset);
        let w = record.len();
        if w == width
            && record
                .get(0)
                .is_some_and(|f| String::from_utf8_lossy(f).trim() == first_key.as_str())
            && record
                .iter()
                .zip(&header_key)
                .all(|(c, h)| crate::input::roles::clean_header(&String::from_utf8_lossy(c)) == *h)
        {
            repeated_header_lines.push(line);
            continue;
        }
        // A `#` comment line between rows: one cell, or the rest empty.
        if width > 1
            && record
                .get(0)
                .is_some_and(|f| f.trim_ascii_start().first() == Some(&b'#'))
            && (w < width
                || record
                    .iter()
                    .skip(1)
                    .all(|f| f.iter().all(u8::is_ascii_whitespace)))
        {
            comment_lines.push(line);
            continue;
        }
        if w != width {
            ragged += 1;
            if ragged_lines.len() < 5 {
                ragged_lines.push(line.to_string());
            }
        }
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            blank_rows += 1;
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
        let slot = (n as usize) % HOLD;
        if ring.len() < HOLD {
            ring.push(Pending {
                rec: record.clone(),
                line,
            });
        } else {
            ring[slot].rec.clone_from(&record);
            ring[slot].line = line;
        }
        n += 1;
        if n.is_multiple_of(8192) {
            if progress.is_cancelled() {
                return Err(Error::Cancelled);
            }
            progress.set_done(offset + skip);
        }
    }
    progress.set_done(bytes);

    // A quote left open swallows the rest of the file into one cell: refuse, naming the
    // line where it opened.
    let tail: Vec<u8> = match &in_memory {
        Some(buf) => buf[(skip + last_offset).min(buf.len() as u64) as usize..].to_vec(),
        None => {
            use std::io::{Seek, SeekFrom};
            let mut f = File::open(path).map_err(|e| Error::io(path, e))?;
            f.seek(SeekFrom::Start(skip + last_offset))
                .map_err(|e| Error::io(path, e))?;
            let mut t = Vec::new();
            f.read_to_end(&mut t).map_err(|e| Error::io(path, e))?;
            t
        }
    };
    if let Some(at) = unclosed_quote(&tail, delimiter, dialect.quote) {
        let line = line_at(&breaks, last_offset + at as u64);
        return Err(Error::input(
            path,
            Some(line),
            format!(
                "a quoted cell opens on this line and is never closed, so everything after it would be read as one cell; close or remove the {} character",
                dialect.quote as char
            ),
        ));
    }

    // A footer block (report totals, copyright, "Source:" lines) at the end is not data:
    // trailing rows with at most one value that is not a contact detail, containing a
    // footer phrase, plus a "Total" row just above them.
    let mut tail_rows: Vec<(Vec<String>, u64, usize)> = Vec::with_capacity(ring.len());
    for k in 0..ring.len() {
        // Oldest first.
        let idx = if ring.len() < HOLD {
            k
        } else {
            (n as usize + k) % HOLD
        };
        let p = &ring[idx];
        let cells: Vec<String> = p
            .rec
            .iter()
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect();
        tail_rows.push((cells, p.line, p.rec.len()));
    }
    let footerish = |cells: &[String]| {
        let values: Vec<&String> = cells.iter().filter(|c| !c.trim().is_empty()).collect();
        match values.as_slice() {
            [] => true,
            [v] => {
                let v = v.trim();
                crate::normalize::normalize_email(v).is_none()
                    && !v.to_lowercase().contains("linkedin.")
                    && !crate::input::roles::looks_like_phone(v)
            }
            _ => false,
        }
    };
    let mut footer_from = tail_rows.len();
    while footer_from > 0 && footerish(&tail_rows[footer_from - 1].0) {
        footer_from -= 1;
    }
    let has_footer_text = tail_rows
        .iter()
        .skip(footer_from)
        .any(|r| r.0.iter().any(|c| is_footer_text(c)));
    if has_footer_text
        && footer_from > 0
        && tail_rows[footer_from - 1]
            .0
            .first()
            .is_some_and(|c| c.trim().to_lowercase().starts_with("total"))
    {
        footer_from -= 1;
    }
    let footer = if has_footer_text && width > 1 {
        &tail_rows[footer_from..]
    } else {
        &tail_rows[tail_rows.len()..]
    };
    for (cells, line, w) in footer {
        if *w != width {
            ragged -= 1;
            ragged_lines.retain(|l| *l != line.to_string());
        }
        if cells.iter().all(|c| c.trim().is_empty()) {
            blank_rows -= 1;
        }
    }
    let keep_rows = lines.len() - footer.len();
    lines.truncate(keep_rows);
    if let (Some(first), Some(last)) = (footer.first(), footer.last()) {
        warnings.push(format!(
            "a footer of {} (report totals or notes, lines {}–{}) was left out",
            crate::text::count(footer.len() as u64, "line", "lines"),
            first.1,
            last.1
        ));
    }
    if !repeated_header_lines.is_empty() {
        warnings.push(format!(
            "the header row appears again inside the file ({}: line {}); those rows were dropped",
            crate::text::count(repeated_header_lines.len() as u64, "time", "times"),
            repeated_header_lines
                .iter()
                .take(5)
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if !comment_lines.is_empty() {
        warnings.push(format!(
            "{} starting with # left out as comments (line {}{})",
            crate::text::count(comment_lines.len() as u64, "line", "lines"),
            comment_lines
                .iter()
                .take(5)
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            if comment_lines.len() > 5 { ", …" } else { "" }
        ));
    }
    if ragged > 0 {
        warnings.push(format!(
            "{} with another number of cells than the header ({width}): short rows padded with empty cells, long rows cut (first at line {})",
            crate::text::count(ragged, "row", "rows"),
            ragged_lines.join(", ")
        ));
    }
    if blank_rows > 0 {
        warnings.push(format!(
            "{} without a value in any cell: counted as unmatchable rows (0 credits)",
            crate::text::count(blank_rows, "row", "rows")
        ));
    }
    if invalid_utf8 > 0 {
        warnings.push(format!(
            "{} held bytes that are not valid UTF-8, replaced with �",
            crate::text::count(invalid_utf8, "cell", "cells")
        ));
    }
    if replaced > 0 {
        warnings.push(format!(
            "{} not valid {}, replaced with �",
            crate::text::count(replaced, "byte sequence", "byte sequences"),
            encoding.name()
        ));
    }
    let rows = lines.len();
    if rows == 0 {
        warnings.push("the file has a header row but no data rows".to_string());
    }
    let columns: Vec<Column> = builders
        .into_iter()
        .map(|b| b.finish().into_column())
        .collect();
    let df = DataFrame::new(n as usize, columns)?.slice(0, rows);
    Ok(ContactTable {
        path: path.to_path_buf(),
        headers,
        df,
        lines,
        delimiter,
        encoding: encoding.name(),
        bytes,
        warnings,
        date_order: opts.date_order,
        sheet: None,
        sheets: Vec::new(),
    })
}

/// A workbook sheet becomes a table like a CSV: header on the first row with two or more
/// values, rows keep their sheet row numbers as lines.
fn read_workbook(path: &Path, opts: &ReadOptions, bytes: u64) -> Result<ContactTable> {
    let sheets = crate::input::workbook::read_sheets(path)?;
    // Each sheet profiled once: its rows for the picker, its score for the choice.
    let scores: Vec<(u32, usize)> = sheets.iter().map(|s| sheet_score(&s.rows)).collect();
    let listing: Vec<(String, usize)> = sheets
        .iter()
        .zip(&scores)
        .map(|(s, sc)| (s.name.clone(), sc.1))
        .collect();
    let (sheet, rows, choice) = match opts.sheet.as_deref() {
        Some(name) => match sheets.into_iter().find(|s| s.name == name) {
            Some(s) => (s.name, s.rows, None),
            None => {
                return Err(Error::Setting(format!(
                    "{}: no sheet named `{name}`; the sheets are: {}",
                    path.display(),
                    listing
                        .iter()
                        .map(|(n, _)| n.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
        },
        None => choose_sheet(sheets, &scores),
    };
    let mut table = sheet_table(path, opts, bytes, &sheet, &rows)?;
    if let Some(w) = choice {
        table.warnings.insert(0, w);
    }
    table.sheet = Some(sheet);
    table.sheets = listing;
    Ok(table)
}

/// How much a sheet looks like a contact list: identity columns its header and cells name
/// (role detection on a sample), then its rows.
fn sheet_score(rows: &[Vec<String>]) -> (u32, usize) {
    use crate::input::roles::{ContentProfile, Role, detect};
    let non_empty = |r: &Vec<String>| r.iter().filter(|c| !c.trim().is_empty()).count();
    let Some(h) = rows.iter().position(|r| non_empty(r) >= 2) else {
        return (0, 0);
    };
    let headers = &rows[h];
    let data: Vec<&Vec<String>> = rows[h + 1..].iter().filter(|r| non_empty(r) > 0).collect();
    let profiles: Vec<ContentProfile> = (0..headers.len())
        .map(|i| {
            ContentProfile::of(
                data.iter()
                    .take(200)
                    .map(|r| r.get(i).map(String::as_str).unwrap_or("")),
            )
        })
        .collect();
    let d = detect(headers, &profiles, &Role::LIST);
    let weight = |r: Role| match r {
        Role::Email | Role::LinkedinUrl => 3,
        Role::CompanyName | Role::CompanyDomain | Role::FullName => 2,
        _ => 1,
    };
    let score = Role::LIST
        .iter()
        .filter(|r| !d.mapping.columns(**r).is_empty())
        .map(|r| weight(*r))
        .sum::<u32>();
    (score, data.len())
}

/// With no sheet chosen, the sheet that is a contact list: the most identity columns, then
/// the most rows; visible sheets before hidden ones; ties to the first. With more than one
/// sheet the choice is said, naming the others and `--sheet`.
fn choose_sheet(
    sheets: Vec<crate::input::workbook::SheetRows>,
    scores: &[(u32, usize)],
) -> (String, Vec<Vec<String>>, Option<String>) {
    if sheets.len() == 1 {
        let s = sheets.into_iter().next().expect("one sheet");
        return (s.name, s.rows, None);
    }
    let best = (0..sheets.len())
        .max_by(|&a, &b| {
            // A sheet with identity columns and rows first, then the surest header.
            let key = |i: usize| {
                let (score, rows) = scores[i];
                (sheets[i].visible, score > 0 && rows > 0, score, rows)
            };
            key(a).cmp(&key(b)).then(b.cmp(&a))
        })
        .expect("at least two sheets");
    let others: Vec<String> = sheets
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != best)
        .map(|(i, s)| {
            format!(
                "`{}` ({}{})",
                s.name,
                crate::text::count(scores[i].1 as u64, "row", "rows"),
                if s.visible { "" } else { ", hidden" }
            )
        })
        .collect();
    let tie = (0..sheets.len()).any(|i| {
        i != best && sheets[i].visible == sheets[best].visible && scores[i] == scores[best]
    });
    let s = sheets.into_iter().nth(best).expect("best is an index");
    let mut w = format!(
        "{} sheets: took `{}` ({}), the one that looks most like a contact list; also {}",
        others.len() + 1,
        s.name,
        crate::text::count(scores[best].1 as u64, "row", "rows"),
        others.join(", ")
    );
    w.push_str(if tie {
        "; two sheets look alike: choose the sheet (--sheet NAME, or Sheet under Source)"
    } else {
        "; another one with --sheet NAME (or Sheet under Source)"
    });
    (s.name, s.rows, Some(w))
}

fn sheet_table(
    path: &Path,
    opts: &ReadOptions,
    bytes: u64,
    sheet: &str,
    rows: &[Vec<String>],
) -> Result<ContactTable> {
    let non_empty = |r: &Vec<String>| r.iter().filter(|c| !c.trim().is_empty()).count();
    let Some(h) = rows
        .iter()
        .position(|r| non_empty(r) >= 2)
        .or_else(|| rows.iter().position(|r| non_empty(r) >= 1))
    else {
        return Err(Error::input(
            path,
            None,
            format!("sheet `{sheet}` is empty"),
        ));
    };
    let (headers, mut warnings) = unique_headers(&rows[h]);
    if h > 0 {
        warnings.push(format!(
            "{} above the header on sheet `{sheet}` skipped",
            crate::text::count(h as u64, "row", "rows")
        ));
    }
    let width = headers.len();
    let mut cols: Vec<StringChunkedBuilder> = headers
        .iter()
        .map(|n| StringChunkedBuilder::new(n.as_str().into(), rows.len()))
        .collect();
    let mut lines = Vec::new();
    for (i, r) in rows.iter().enumerate().skip(h + 1) {
        if non_empty(r) == 0 {
            continue;
        }
        for (j, b) in cols.iter_mut().enumerate() {
            b.append_value(r.get(j).map(String::as_str).unwrap_or(""));
        }
        lines.push(i as u64 + 1);
    }
    let _ = width;
    if lines.is_empty() {
        warnings.push("the sheet has a header row but no data rows".to_string());
    }
    let n = lines.len();
    let df = DataFrame::new(
        n,
        cols.into_iter().map(|b| b.finish().into_column()).collect(),
    )?;
    Ok(ContactTable {
        path: path.to_path_buf(),
        headers,
        df,
        lines,
        delimiter: b',',
        encoding: "xlsx",
        bytes,
        warnings,
        date_order: opts.date_order,
        sheet: None,
        sheets: Vec::new(),
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
