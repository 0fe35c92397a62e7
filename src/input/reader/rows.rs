//! Stages 3–4: the preamble and the header row, then every data row into text columns.
//! Repeated header rows and `#` comment lines are left out; ragged and blank rows are
//! counted for the warnings.

use std::io::Read;
use std::path::Path;

use polars::prelude::*;

use super::footer::Pending;
use super::lines::{Breaks, LineCursor, LineIndex, indexed};
use super::unique_headers;
use crate::error::{Error, Result};
use crate::input::roles::clean_header;
use crate::input::sniff::Dialect;
use crate::progress::Progress;

type Source = LineIndex<Box<dyn Read + Send>>;

/// The CSV parser over the byte stream, and where it is.
pub(super) struct Parser<'p> {
    path: &'p Path,
    rdr: csv::Reader<Source>,
    cursor: LineCursor,
    pub breaks: Breaks,
    record: csv::ByteRecord,
    /// Where the last record read began, in the stream.
    pub last_offset: u64,
    /// Cells whose bytes were not valid UTF-8 (replaced with U+FFFD).
    pub invalid_utf8: u64,
}

/// The header row and what came before it.
pub(super) struct Header {
    /// Column names as shown: cleaned, blanks named, duplicates numbered.
    pub names: Vec<String>,
    /// Notes on renamed columns.
    pub notes: Vec<String>,
    /// Each raw header cleaned, to recognise the header row repeated inside the file.
    pub key: Vec<String>,
    /// Lines skipped before it (titles, notes; not Excel's `sep=` line).
    pub skipped: Vec<u64>,
    pub line: u64,
}

/// What a row is before it becomes data.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum RowKind {
    /// The header row again (exports that concatenate pages).
    RepeatedHeader,
    /// A `#` comment between rows: one cell, or the rest empty.
    Comment,
    Data,
}

/// Decide what a record is, given the header's width and cleaned names.
pub(super) fn classify(record: &csv::ByteRecord, key: &[String]) -> RowKind {
    let width = key.len();
    let w = record.len();
    let first_key = key.first().map(String::as_str).unwrap_or_default();
    if w == width
        && record
            .get(0)
            .is_some_and(|f| String::from_utf8_lossy(f).trim() == first_key)
        && record
            .iter()
            .zip(key)
            .all(|(c, h)| clean_header(&String::from_utf8_lossy(c)) == *h)
    {
        return RowKind::RepeatedHeader;
    }
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
        return RowKind::Comment;
    }
    RowKind::Data
}

/// What the rows leave for the warnings.
#[derive(Debug, Default)]
pub(super) struct RowNotes {
    pub ragged: u64,
    /// The first few ragged rows' lines.
    pub ragged_lines: Vec<u64>,
    pub repeated_header_lines: Vec<u64>,
    pub comment_lines: Vec<u64>,
    pub blank_rows: u64,
}

/// The data rows: one text column per header, the line each row starts on, and the last
/// rows kept back (oldest first) to spot a footer block.
/// A run of data rows as text columns (one per header), with the line each row starts on
/// and where its record starts in the text read (see [`Run`]).
pub(super) struct Batch {
    pub columns: Vec<Column>,
    pub lines: Vec<u64>,
    pub offsets: Vec<u64>,
}

/// A run of rows as a frame: its cells, each row's line and where each row's record
/// starts (a byte offset into the file for UTF-8, into the decoded text otherwise).
pub(super) type Run = (DataFrame, Vec<u64>, Vec<u64>);

impl Batch {
    pub fn frame(self) -> Result<Run> {
        Ok((
            DataFrame::new(self.lines.len(), self.columns)?,
            self.lines,
            self.offsets,
        ))
    }
}

/// What the rows held besides their cells.
pub(super) struct Rows {
    /// Data rows read (a footer still among them).
    pub count: usize,
    pub tail: Vec<Pending>,
    pub notes: RowNotes,
}

/// Rows kept back at the end to spot a footer block.
pub(super) const HOLD: usize = 32;

impl<'p> Parser<'p> {
    pub fn new(path: &'p Path, source: Box<dyn Read + Send>, dialect: &Dialect) -> Self {
        let (source, cursor, breaks) = indexed(source);
        let rdr = csv::ReaderBuilder::new()
            .delimiter(dialect.delimiter)
            .quote(dialect.quote)
            .has_headers(false)
            .flexible(true)
            .from_reader(source);
        Parser {
            path,
            rdr,
            cursor,
            breaks,
            record: csv::ByteRecord::new(),
            last_offset: 0,
            invalid_utf8: 0,
        }
    }

    /// Read the next record; its line, or `None` at the end.
    fn next(&mut self) -> Result<Option<u64>> {
        let more = self.rdr.read_byte_record(&mut self.record).map_err(|e| {
            let line = e.position().map(|p| p.line());
            Error::input(self.path, line, format!("cannot read the CSV: {e}"))
        })?;
        if !more {
            return Ok(None);
        }
        let offset = self.record.position().map(|p| p.byte()).unwrap_or(0);
        self.last_offset = offset;
        Ok(Some(self.cursor.line(offset)))
    }

    fn text(&mut self, b: &[u8]) -> String {
        match std::str::from_utf8(b) {
            Ok(s) => s.to_string(),
            Err(_) => {
                self.invalid_utf8 += 1;
                String::from_utf8_lossy(b).into_owned()
            }
        }
    }

    /// Skip the preamble the sniffer found (Excel's `sep=` line, titles, notes) and read
    /// the header row. A file without one, or with an empty one, is refused.
    pub fn header(&mut self, dialect: &Dialect) -> Result<Header> {
        let to_skip = dialect.preamble + dialect.sep_line as usize;
        let mut skipped = Vec::new();
        let mut index = 0usize;
        let (raw, line) = loop {
            let Some(line) = self.next()? else {
                return Err(Error::input(self.path, None, "the file has no header row"));
            };
            if index < to_skip {
                if !(dialect.sep_line && index == 0) {
                    skipped.push(line);
                }
                index += 1;
                continue;
            }
            let record = std::mem::take(&mut self.record);
            let raw: Vec<String> = record.iter().map(|b| self.text(b)).collect();
            self.record = record;
            break (raw, line);
        };
        let key: Vec<String> = raw.iter().map(|h| clean_header(h)).collect();
        if key.iter().all(String::is_empty) {
            return Err(Error::input(
                self.path,
                Some(line),
                "the header row is empty: the file needs column names in its first row",
            ));
        }
        let (names, notes) = unique_headers(&raw);
        Ok(Header {
            names,
            notes,
            key,
            skipped,
            line,
        })
    }

    /// Every row after the header into text columns (short rows padded, long rows cut),
    /// handed to `emit` in runs of `batch` rows and the rest at the end (always at least
    /// one run, maybe empty). `progress` gets the bytes read (`skip` = bytes before the
    /// stream began) and is checked for cancellation.
    pub fn rows(
        &mut self,
        header: &Header,
        progress: &Progress,
        skip: u64,
        batch: usize,
        emit: &mut dyn FnMut(Batch) -> Result<()>,
        keep: &dyn Fn() -> Option<Vec<bool>>,
    ) -> Result<Rows> {
        let width = header.names.len();
        let capacity = batch.min(1024);
        // A column the reader of the rows does not read is left empty (all null) from the
        // next run on, once `keep` says which ones it reads.
        let new_builders = || -> Vec<Option<StringChunkedBuilder>> {
            let keep = keep();
            header
                .names
                .iter()
                .enumerate()
                .map(|(i, h)| {
                    keep.as_ref()
                        .is_none_or(|k| k.get(i).copied().unwrap_or(true))
                        .then(|| StringChunkedBuilder::new(h.as_str().into(), capacity))
                })
                .collect()
        };
        let finish = |builders: Vec<Option<StringChunkedBuilder>>,
                      lines: Vec<u64>,
                      offsets: Vec<u64>| Batch {
            columns: builders
                .into_iter()
                .zip(&header.names)
                .map(|(b, name)| match b {
                    Some(b) => b.finish().into_column(),
                    None => Column::full_null(name.as_str().into(), lines.len(), &DataType::String),
                })
                .collect(),
            lines,
            offsets,
        };
        let mut builders = new_builders();
        let mut lines = Vec::with_capacity(capacity);
        let mut offsets = Vec::with_capacity(capacity);
        let mut notes = RowNotes::default();
        let mut ring: Vec<Pending> = Vec::with_capacity(HOLD);
        let mut n = 0usize;
        while let Some(line) = self.next()? {
            let record = &self.record;
            match classify(record, &header.key) {
                RowKind::RepeatedHeader => {
                    notes.repeated_header_lines.push(line);
                    continue;
                }
                RowKind::Comment => {
                    notes.comment_lines.push(line);
                    continue;
                }
                RowKind::Data => {}
            }
            if record.len() != width {
                notes.ragged += 1;
                if notes.ragged_lines.len() < 5 {
                    notes.ragged_lines.push(line);
                }
            }
            if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                notes.blank_rows += 1;
            }
            // One UTF-8 check for the whole record (fields split at ASCII bytes, so each
            // is valid when the whole is); cell by cell only when it fails.
            let whole = std::str::from_utf8(record.as_slice()).ok();
            for (i, b) in builders.iter_mut().enumerate() {
                match (whole, record.range(i)) {
                    (Some(text), Some(r)) => {
                        if let Some(b) = b {
                            b.append_value(&text[r]);
                        }
                    }
                    // Counted in every column, read or not: the warning is the file's.
                    (None, Some(r)) => {
                        let v = &record.as_slice()[r];
                        match std::str::from_utf8(v) {
                            Ok(s) => b.iter_mut().for_each(|b| b.append_value(s)),
                            Err(_) => {
                                self.invalid_utf8 += 1;
                                if let Some(b) = b {
                                    b.append_value(String::from_utf8_lossy(v));
                                }
                            }
                        }
                    }
                    (_, None) => b.iter_mut().for_each(|b| b.append_value("")),
                }
            }
            lines.push(line);
            offsets.push(self.last_offset + skip);
            if ring.len() < HOLD {
                ring.push(Pending {
                    rec: record.clone(),
                    line,
                });
            } else {
                let slot = &mut ring[n % HOLD];
                slot.rec.clone_from(record);
                slot.line = line;
            }
            n += 1;
            if lines.len() == batch {
                let full = std::mem::replace(&mut builders, new_builders());
                emit(finish(
                    full,
                    std::mem::take(&mut lines),
                    std::mem::take(&mut offsets),
                ))?;
            }
            if n.is_multiple_of(8192) {
                if progress.is_cancelled() {
                    return Err(Error::Cancelled);
                }
                progress.set_done(self.last_offset + skip);
            }
        }
        emit(finish(builders, lines, offsets))?;
        // Oldest first.
        if ring.len() == HOLD {
            ring.rotate_left(n % HOLD);
        }
        Ok(Rows {
            count: n,
            tail: ring,
            notes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(cells: &[&str]) -> csv::ByteRecord {
        csv::ByteRecord::from(cells.to_vec())
    }

    #[test]
    fn repeated_headers_comments_and_data() {
        let key: Vec<String> = ["Name", "Email"].iter().map(|s| s.to_string()).collect();
        assert_eq!(
            classify(&rec(&["Name", "Email"]), &key),
            RowKind::RepeatedHeader
        );
        // Cleaned like the header (case and spaces as clean_header leaves them).
        assert_eq!(
            classify(&rec(&[" Name", "Email "]), &key),
            RowKind::RepeatedHeader
        );
        assert_eq!(
            classify(&rec(&["# exported 2026-11-02"]), &key),
            RowKind::Comment
        );
        assert_eq!(classify(&rec(&["#note", "  "]), &key), RowKind::Comment);
        // A name starting with # next to an email is data.
        assert_eq!(classify(&rec(&["#1 fan", "a@x.com"]), &key), RowKind::Data);
        assert_eq!(classify(&rec(&["Name", "a@x.com"]), &key), RowKind::Data);
        // A one-column list has no comments: `#` may start a value.
        let one = vec!["Email".to_string()];
        assert_eq!(classify(&rec(&["#x"]), &one), RowKind::Data);
    }

    #[test]
    fn header_after_a_preamble_and_rows_with_their_lines() {
        let text = b"Report: leads\n\nName,Email\nAnn,a@x.com\n# note\nBob\n".to_vec();
        let dialect = Dialect {
            delimiter: b',',
            quote: b'"',
            preamble: 1,
            sep_line: false,
        };
        let path = Path::new("list.csv");
        let mut p = Parser::new(path, Box::new(std::io::Cursor::new(text)), &dialect);
        let h = p.header(&dialect).unwrap();
        assert_eq!(h.names, ["Name", "Email"]);
        assert_eq!((h.line, h.skipped.as_slice()), (3, &[1u64][..]));
        let mut lines = Vec::new();
        let rows = p
            .rows(
                &h,
                &Progress::new(),
                0,
                1,
                &mut |b| {
                    assert!(b.lines.len() <= 1 && b.columns.len() == 2);
                    lines.extend(b.lines);
                    Ok(())
                },
                &|| None,
            )
            .unwrap();
        assert_eq!(lines, [4, 6]);
        assert_eq!(rows.count, 2);
        assert_eq!(rows.notes.comment_lines, [5]);
        assert_eq!(
            (rows.notes.ragged, rows.notes.ragged_lines.as_slice()),
            (1, &[6u64][..])
        );
        assert_eq!(rows.tail.len(), 2);
    }

    #[test]
    fn an_empty_header_row_is_refused_with_its_line() {
        let dialect = Dialect {
            delimiter: b',',
            quote: b'"',
            preamble: 0,
            sep_line: false,
        };
        let mut p = Parser::new(
            Path::new("x.csv"),
            Box::new(std::io::Cursor::new(b" , \na,b\n".to_vec())),
            &dialect,
        );
        let e = p.header(&dialect).err().unwrap().to_string();
        assert!(
            e.contains("header row is empty") && e.contains("line 1"),
            "{e}"
        );
    }
}
