//! Rows read back from the file by where they start, so that a list can be shown and
//! exported without holding its cells: [`ListRows`] keeps each row's line and the offset of
//! its record, [`OffsetReader`] reads the records at given offsets again with the decoding
//! and dialect the read used. A workbook is kept whole (sheets are small: a worksheet holds
//! at most 1,048,576 rows, and the sheet is read into memory to be parsed at all).

use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use polars::prelude::*;

use super::{ContactTable, ReadOptions, RowSink, decode};
use crate::error::{Error, Result};
use crate::progress::Progress;

/// Reads the records of a text file at given offsets (as [`super::RowSink::rows`] gives
/// them): the cells as the reader made them (short rows padded with empty cells, long rows
/// cut, bytes that are not UTF-8 replaced with U+FFFD).
#[derive(Clone, Debug)]
pub struct OffsetReader {
    path: PathBuf,
    delimiter: u8,
    quote: u8,
    width: usize,
    /// A file not in UTF-8 is read decoded (as the reader reads it), and its offsets are
    /// into this text; a UTF-8 file is read from disk.
    text: Option<Arc<Vec<u8>>>,
    /// The file's size and modification time when opened: a file changed since is refused
    /// rather than read at offsets that no longer start its rows.
    stamp: (u64, Option<SystemTime>),
}

fn stamp(path: &Path) -> Result<(u64, Option<SystemTime>)> {
    let m = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    Ok((m.len(), m.modified().ok()))
}

impl OffsetReader {
    /// How to read back the rows of the text file `path` read with `opts` into `width`
    /// columns: the same encoding and dialect (they are decided by the file's first bytes
    /// and the options, as when it was read).
    pub fn open(path: &Path, opts: &ReadOptions, width: usize) -> Result<OffsetReader> {
        let (_, head) = decode::read_head(path)?;
        let decoded = decode::decode(path, &head, opts.encoding.as_deref())?;
        let dialect = crate::input::sniff::sniff(&decoded.sample, opts.delimiter);
        Ok(OffsetReader {
            path: path.to_path_buf(),
            delimiter: dialect.delimiter,
            quote: dialect.quote,
            width,
            text: decoded.in_memory,
            stamp: stamp(path)?,
        })
    }

    /// An error when the file is no longer the one read.
    pub fn check(&self) -> Result<()> {
        if stamp(&self.path)? != self.stamp {
            return Err(Error::input(
                &self.path,
                None,
                "the file changed since it was read; open it again to see its rows",
            ));
        }
        Ok(())
    }

    fn csv<R: Read>(&self, r: R) -> csv::Reader<R> {
        csv::ReaderBuilder::new()
            .delimiter(self.delimiter)
            .quote(self.quote)
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(4096)
            .from_reader(r)
    }

    fn cells(&self, record: &csv::ByteRecord) -> Vec<String> {
        (0..self.width)
            .map(|i| match record.get(i) {
                Some(b) => String::from_utf8_lossy(b).into_owned(),
                None => String::new(),
            })
            .collect()
    }

    fn one<R: Read>(&self, r: R, at: u64) -> Result<Vec<String>> {
        let mut record = csv::ByteRecord::new();
        let found = self
            .csv(r)
            .read_byte_record(&mut record)
            .map_err(|e| Error::input(&self.path, None, format!("cannot read the CSV: {e}")))?;
        if !found {
            return Err(Error::input(
                &self.path,
                None,
                format!("no row at byte {at}: the file changed since it was read; open it again"),
            ));
        }
        Ok(self.cells(&record))
    }

    /// The cells of the records starting at `offsets`, in that order.
    pub fn rows(&self, offsets: &[u64]) -> Result<Vec<Vec<String>>> {
        self.check()?;
        match &self.text {
            Some(text) => offsets
                .iter()
                .map(|&at| self.one(&text[(at as usize).min(text.len())..], at))
                .collect(),
            None => {
                let mut f =
                    std::fs::File::open(&self.path).map_err(|e| Error::io(&self.path, e))?;
                offsets
                    .iter()
                    .map(|&at| {
                        f.seek(SeekFrom::Start(at))
                            .map_err(|e| Error::io(&self.path, e))?;
                        self.one(&mut f, at)
                    })
                    .collect()
            }
        }
    }
}

/// Where a list's cells are.
#[derive(Debug)]
enum Cells {
    /// In its text file, each row at its offset.
    File(OffsetReader, Vec<u64>),
    /// In memory (a workbook's sheet).
    Whole(DataFrame),
}

/// A list whose rows stay in its file: its first rows as a table (its headers, warnings
/// and source are the whole file's; it is what `*self` gives), every row's line and where
/// its record starts. Cells are read back on demand: the rows on screen by offset, a column
/// or every run by reading the file again (a workbook is held whole).
#[derive(Debug)]
pub struct ListRows {
    pub head: ContactTable,
    /// The 1-based file line each data row starts on (every row).
    pub lines: Vec<u64>,
    cells: Cells,
    /// How the file was read (to read it again the same way).
    read: ReadOptions,
    /// Columns read whole, the latest last (at most [`KEPT_COLUMNS`]).
    columns: Mutex<Vec<(String, Column)>>,
}

/// Whole columns a [`ListRows`] keeps once read (a "Split by" and a "Keep first").
const KEPT_COLUMNS: usize = 2;

impl std::ops::Deref for ListRows {
    type Target = ContactTable;
    fn deref(&self) -> &ContactTable {
        &self.head
    }
}

impl ListRows {
    /// A text file's rows: `head` (its first rows), every row's line and offset, and how to
    /// read them back.
    pub fn in_file(
        head: ContactTable,
        lines: Vec<u64>,
        offsets: Vec<u64>,
        reader: OffsetReader,
        read: ReadOptions,
    ) -> ListRows {
        ListRows {
            head,
            lines,
            cells: Cells::File(reader, offsets),
            read,
            columns: Mutex::new(Vec::new()),
        }
    }

    /// A table held whole (a workbook's sheet); `head` its first rows.
    pub fn whole(head: ContactTable, table: ContactTable, read: ReadOptions) -> ListRows {
        ListRows {
            head,
            lines: table.lines,
            cells: Cells::Whole(table.df),
            read,
            columns: Mutex::new(Vec::new()),
        }
    }

    /// Every data row (the head holds the first ones only).
    pub fn rows(&self) -> usize {
        self.lines.len()
    }

    /// The whole table, when it is held in memory (a workbook's sheet).
    pub fn held(&self) -> Option<ContactTable> {
        match &self.cells {
            Cells::Whole(df) => Some(self.with(df.clone())),
            Cells::File(..) => None,
        }
    }

    /// The head's source with these cells and every row's line.
    fn with(&self, df: DataFrame) -> ContactTable {
        ContactTable {
            df,
            lines: self.lines.clone(),
            ..self.head.clone()
        }
    }

    /// Every row's line and no cell (for the per-row report, which writes none).
    pub fn without_cells(&self) -> ContactTable {
        ContactTable {
            df: DataFrame::empty_with_height(self.rows()),
            lines: self.lines.clone(),
            ..self.head.clone()
        }
    }

    /// An error when the file is no longer the one read (a held table never changes).
    pub fn check(&self) -> Result<()> {
        match &self.cells {
            Cells::File(r, _) => r.check(),
            Cells::Whole(_) => Ok(()),
        }
    }

    /// The cells of these rows (every column, in header order), in the order given.
    pub fn cells(&self, rows: &[u32]) -> Result<Vec<Vec<String>>> {
        match &self.cells {
            Cells::File(reader, offsets) => {
                let at: Vec<u64> = rows
                    .iter()
                    .map(|&r| offsets.get(r as usize).copied().unwrap_or(u64::MAX))
                    .collect();
                reader.rows(&at)
            }
            Cells::Whole(df) => {
                let cols: Vec<Option<&StringChunked>> = self
                    .head
                    .headers
                    .iter()
                    .map(|h| df.column(h).ok().and_then(|c| c.str().ok()))
                    .collect();
                Ok(rows
                    .iter()
                    .map(|&r| {
                        cols.iter()
                            .map(|c| c.and_then(|c| c.get(r as usize)).unwrap_or("").to_string())
                            .collect()
                    })
                    .collect())
            }
        }
    }

    /// Read the file again, run by run, with only the named columns filled (None: every
    /// column): `each` gets every run as a table (its cells and lines) and the index of its
    /// first row. The runs are the rows first read, checked by where each starts; a file
    /// that changed since is an error.
    pub fn each_run(
        &self,
        columns: Option<&[String]>,
        progress: &Progress,
        each: &mut dyn FnMut(&ContactTable, usize) -> Result<()>,
    ) -> Result<()> {
        let offsets = match &self.cells {
            Cells::Whole(df) => return each(&self.with(df.clone()), 0),
            Cells::File(reader, offsets) => {
                reader.check()?;
                offsets
            }
        };
        struct Runs<'a> {
            list: &'a ListRows,
            offsets: &'a [u64],
            next: usize,
            each: &'a mut dyn FnMut(&ContactTable, usize) -> Result<()>,
        }
        impl RowSink for Runs<'_> {
            fn head(&mut self, _: &ContactTable) -> Result<()> {
                Ok(())
            }
            fn rows(&mut self, df: DataFrame, lines: Vec<u64>, offsets: Vec<u64>) -> Result<()> {
                let from = self.next;
                if self.offsets.get(from..from + offsets.len()) != Some(&offsets[..]) {
                    return Err(Error::input(
                        &self.list.head.path,
                        None,
                        "the file changed since it was read; open it again",
                    ));
                }
                self.next += offsets.len();
                let t = ContactTable {
                    df,
                    lines,
                    ..self.list.head.clone()
                };
                (self.each)(&t, from)
            }
        }
        let keep = columns.map(|c| {
            self.head
                .headers
                .iter()
                .map(|h| c.contains(h))
                .collect::<Vec<bool>>()
        });
        let mut runs = Runs {
            list: self,
            offsets,
            next: 0,
            each,
        };
        super::stream_table(&self.head.path, &self.read, progress, 0, &mut runs, &|| {
            keep.clone()
        })?;
        if runs.next != offsets.len() {
            return Err(Error::input(
                &self.head.path,
                None,
                "the file changed since it was read; open it again",
            ));
        }
        Ok(())
    }

    /// Keep these whole columns (read beside the analysis) for [`ListRows::columns`].
    pub fn keep_columns(&self, df: &DataFrame) {
        for c in df.columns() {
            self.remember(c.name().to_string(), c.clone());
        }
    }

    fn remember(&self, name: String, column: Column) {
        let mut kept = self.columns.lock().unwrap_or_else(|e| e.into_inner());
        kept.retain(|(n, _)| *n != name);
        kept.push((name, column));
        let n = kept.len();
        kept.drain(..n.saturating_sub(KEPT_COLUMNS));
    }

    /// The table with the named columns whole (headers as the list's: a column of them
    /// not named is absent; no lines, as the CLI's kept columns): read from the file again
    /// unless kept.
    pub fn columns(&self, names: &[String], progress: &Progress) -> Result<ContactTable> {
        if let Some(t) = self.held() {
            return Ok(t);
        }
        let names: Vec<String> = names
            .iter()
            .filter(|n| self.head.headers.contains(n))
            .cloned()
            .collect();
        let kept: Vec<Option<Column>> = {
            let kept = self.columns.lock().unwrap_or_else(|e| e.into_inner());
            names
                .iter()
                .map(|n| kept.iter().find(|(k, _)| k == n).map(|(_, c)| c.clone()))
                .collect()
        };
        let columns: Vec<Column> = if kept.iter().all(Option::is_some) {
            kept.into_iter().flatten().collect()
        } else {
            let mut acc: Vec<Option<Series>> = vec![None; names.len()];
            self.each_run(Some(&names), progress, &mut |t, _| {
                for (n, a) in names.iter().zip(acc.iter_mut()) {
                    let s = t.df.column(n)?.as_materialized_series().clone();
                    match a {
                        Some(a) => {
                            a.append(&s)?;
                        }
                        None => *a = Some(s),
                    }
                }
                Ok(())
            })?;
            let columns: Vec<Column> = acc
                .into_iter()
                .zip(&names)
                .map(|(s, n)| {
                    s.map(Column::from)
                        .unwrap_or_else(|| Column::new_empty(n.as_str().into(), &DataType::String))
                })
                .collect();
            for (n, c) in names.iter().zip(&columns) {
                self.remember(n.clone(), c.clone());
            }
            columns
        };
        Ok(ContactTable {
            df: DataFrame::new(self.rows(), columns)?,
            lines: Vec::new(),
            ..self.head.clone()
        })
    }
}
