//! Stage 1: which bytes these are. A file that is no CSV is refused from its first bytes,
//! the encoding is detected (or forced), and the parser gets a UTF-8 byte stream.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use crate::error::{Error, Result};

/// What a file that is not a CSV appears to be, from its first bytes.
pub(super) fn sniff_not_csv(head: &[u8]) -> Option<&'static str> {
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

/// How much of a file is read first, to tell what it is and to sniff its dialect.
const HEAD: u64 = 65536;

/// The file's size and its first bytes. A folder is refused.
pub(super) fn read_head(path: &Path) -> Result<(u64, Vec<u8>)> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    if meta.is_dir() {
        return Err(Error::input(path, None, "is a folder, not a file"));
    }
    let mut head = Vec::with_capacity(HEAD as usize);
    File::open(path)
        .and_then(|f| f.take(HEAD).read_to_end(&mut head))
        .map_err(|e| Error::io(path, e))?;
    Ok((meta.len(), head))
}

/// A text file decoded far enough to sniff it and to parse it.
pub(super) struct Decoded {
    pub encoding: &'static encoding_rs::Encoding,
    /// The head as text (BOM removed), for the sniffer.
    pub sample: String,
    /// The whole file as UTF-8 when it is in another encoding (UTF-8 files stream from disk).
    pub in_memory: Option<std::sync::Arc<Vec<u8>>>,
    /// Byte sequences not valid in the encoding, replaced with U+FFFD.
    pub replaced: u64,
    /// Said when the encoding was guessed: it may be wrong.
    pub guessed: Option<String>,
}

/// Decode a text file's head (and, when it is not UTF-8, the whole file). An empty file
/// and a binary one are refused; so is an encoding the user named that does not exist.
pub(super) fn decode(path: &Path, head: &[u8], forced_label: Option<&str>) -> Result<Decoded> {
    if let Some(what) = sniff_not_csv(head) {
        return Err(Error::input(
            path,
            None,
            format!("not a CSV file: it appears to be {what}"),
        ));
    }
    let forced = match forced_label {
        Some(label) => Some(
            encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| {
                Error::Setting(format!(
                    "unknown encoding `{label}` (try utf-8, windows-1252, utf-16le, big5)"
                ))
            })?,
        ),
        None => None,
    };
    let (detected, bom_len) = detect_encoding(head);
    let encoding = forced.unwrap_or(detected);
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
    let mut replaced = 0;
    let in_memory = if encoding == encoding_rs::UTF_8 {
        None
    } else {
        let all = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        let (text, _) = encoding.decode_with_bom_removal(&all);
        replaced = text.chars().filter(|&c| c == '\u{fffd}').count() as u64;
        Some(std::sync::Arc::new(text.into_owned().into_bytes()))
    };
    let guessed = (encoding != encoding_rs::UTF_8 && forced.is_none() && bom_len == 0).then(|| {
        format!(
            "the file is not UTF-8; it was read as {} (if names look wrong, choose the encoding under Source, or --encoding)",
            encoding.name()
        )
    });
    Ok(Decoded {
        encoding,
        sample,
        in_memory,
        replaced,
        guessed,
    })
}

/// The UTF-8 byte stream the CSV parser reads, with leading BOMs skipped, and how many
/// bytes were skipped (offsets in the stream are that much behind offsets in the file).
pub(super) fn byte_source(
    path: &Path,
    head: &[u8],
    decoded: &Decoded,
) -> Result<(Box<dyn Read + Send>, u64)> {
    let mut skip = 0usize;
    match &decoded.in_memory {
        Some(buf) => {
            while buf[skip..].starts_with("\u{feff}".as_bytes()) {
                skip += 3;
            }
            // Read the decoded text in place (no second copy of the file).
            let mut c = std::io::Cursor::new(super::lines::Shared(buf.clone()));
            c.set_position(skip as u64);
            Ok((Box::new(c), skip as u64))
        }
        None => {
            while head[skip..].starts_with(b"\xef\xbb\xbf") {
                skip += 3;
            }
            let mut f = File::open(path).map_err(|e| Error::io(path, e))?;
            std::io::copy(&mut (&mut f).take(skip as u64), &mut std::io::sink())
                .map_err(|e| Error::io(path, e))?;
            Ok((Box::new(BufReader::with_capacity(1 << 20, f)), skip as u64))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode_bytes(b: &[u8], forced: Option<&str>) -> Result<Decoded> {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.csv");
        std::fs::write(&p, b).unwrap();
        decode(&p, b, forced)
    }

    #[test]
    fn refuses_what_is_no_text_and_names_it() {
        let msg = |b: &[u8]| decode_bytes(b, None).err().unwrap().to_string();
        assert!(msg(b"\x89PNG\r\n\x1a\n....").contains("a PNG image"));
        assert!(msg(b"%PDF-1.7\n").contains("a PDF document"));
        assert!(msg(b"<!DOCTYPE html><html>").contains("HTML page"));
        assert!(msg(b"  \n\n").contains("the file is empty"));
        assert!(msg(&[1u8, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17][..]).contains("binary file"));
        let e = decode_bytes(b"a,b\n", Some("klingon"))
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("unknown encoding `klingon`"), "{e}");
    }

    #[test]
    fn utf8_streams_other_encodings_are_decoded_and_a_guess_is_said() {
        let d = decode_bytes(b"Name\nJos\xc3\xa9\n", None).unwrap();
        assert!(d.in_memory.is_none() && d.guessed.is_none());
        let d = decode_bytes(b"Name\nJos\xe9 M\xfcller\n", None).unwrap();
        assert_eq!(d.encoding, encoding_rs::WINDOWS_1252);
        assert_eq!(
            String::from_utf8(d.in_memory.as_deref().unwrap().clone()).unwrap(),
            "Name\nJosé Müller\n"
        );
        assert!(d.guessed.unwrap().contains("windows-1252"));
        // Chosen by the user: no guess to warn about.
        let d = decode_bytes(b"Name\nJos\xe9\n", Some("latin1")).unwrap();
        assert!(d.guessed.is_none());
        // UTF-16 with a BOM.
        let d = decode_bytes(b"\xff\xfeN\x00\n\x00", None).unwrap();
        assert_eq!(d.encoding, encoding_rs::UTF_16LE);
        assert!(d.guessed.is_none());
    }

    #[test]
    fn the_parser_starts_after_the_byte_order_marks() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.csv");
        let bytes = b"\xef\xbb\xbf\xef\xbb\xbfName\nA\n";
        std::fs::write(&p, bytes).unwrap();
        let d = decode(&p, bytes, None).unwrap();
        let (mut src, skip) = byte_source(&p, bytes, &d).unwrap();
        let mut s = String::new();
        src.read_to_string(&mut s).unwrap();
        assert_eq!((skip, s.as_str()), (6, "Name\nA\n"));
    }
}
