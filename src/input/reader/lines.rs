//! Line numbers: every row and every message names the file line it starts on.

use std::io::Read;

/// Records where every line break (LF, CRLF or a lone CR) is, as the bytes stream past,
/// so rows can name the line they start on. The csv crate's own line counter lags after
/// CRLF and blank lines.
pub(super) struct LineIndex<R> {
    inner: R,
    offset: u64,
    breaks: Breaks,
    pending_cr: Option<u64>,
}

impl<R: Read> Read for LineIndex<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut list = self.breaks.lock().unwrap_or_else(|e| e.into_inner());
        let breaks = &mut list.kept;
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
pub(super) struct LineCursor {
    breaks: Breaks,
    /// Index into the kept breaks.
    k: usize,
}

/// Breaks the cursor has passed are dropped in steps of this many (the list stays small).
const DROP: usize = 1 << 16;

impl LineCursor {
    /// The line a record starts on, given the offset where the parser began reading it
    /// (which may point at the previous record's terminator or at blank lines).
    pub fn line(&mut self, mut at: u64) -> u64 {
        let mut list = self.breaks.lock().unwrap_or_else(|e| e.into_inner());
        if self.k >= DROP {
            list.kept.drain(..self.k);
            list.dropped += self.k as u64;
            self.k = 0;
        }
        let breaks = &list.kept;
        while self.k < breaks.len() && breaks[self.k].0 < at {
            self.k += 1;
        }
        while self.k < breaks.len() && breaks[self.k].0 == at {
            at += breaks[self.k].1 as u64;
            self.k += 1;
        }
        list.dropped + self.k as u64 + 1
    }
}

/// A decoded file shared by the parser and the unclosed-quote check.
pub(super) struct Shared(pub std::sync::Arc<Vec<u8>>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// The line breaks seen so far: (offset, width) of each, in order, from where the cursor
/// is (those before it are only counted).
#[derive(Default)]
pub(super) struct BreakList {
    dropped: u64,
    kept: Vec<(u64, u8)>,
}

/// Shared between the reader and its cursor.
pub(super) type Breaks = std::sync::Arc<std::sync::Mutex<BreakList>>;

/// The line of an offset at or after the last record the cursor was asked about.
pub(super) fn line_at(breaks: &Breaks, offset: u64) -> u64 {
    let b = breaks.lock().unwrap_or_else(|e| e.into_inner());
    b.dropped + b.kept.partition_point(|x| x.0 < offset) as u64 + 1
}

/// Wrap a byte stream so that its line breaks are recorded as it is read; the cursor
/// turns record offsets into lines, the shared list answers any offset afterwards.
pub(super) fn indexed<R: Read>(inner: R) -> (LineIndex<R>, LineCursor, Breaks) {
    let breaks: Breaks = Default::default();
    let index = LineIndex {
        inner,
        offset: 0,
        breaks: breaks.clone(),
        pending_cr: None,
    };
    let cursor = LineCursor {
        breaks: breaks.clone(),
        k: 0,
    };
    (index, cursor, breaks)
}
