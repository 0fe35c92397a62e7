//! Writing files safely: atomically, never over the input, and safe to open in a
//! spreadsheet.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Write `bytes` to `path` through a temporary file in the same folder, flushed and synced,
/// then renamed over the target: a crash or a full disk leaves the old file intact.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.flush()?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, e));
    }
    Ok(())
}

/// The absolute, canonical form of a path where it exists, else joined to the current
/// folder: to compare and relativise paths saved in plans and specs.
pub fn absolute(p: &Path) -> std::path::PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        }
    })
}

/// Refuse to write an output over one of the inputs.
pub fn ensure_not_input(out: &Path, inputs: &[&Path]) -> Result<()> {
    let canon = |p: &Path| std::fs::canonicalize(p).ok();
    if let Some(o) = canon(out) {
        for i in inputs {
            if canon(i).as_ref() == Some(&o) {
                return Err(Error::Setting(format!(
                    "{}: refusing to overwrite an input file; choose another output path",
                    out.display()
                )));
            }
        }
    }
    Ok(())
}

/// Neutralise a cell a spreadsheet would run as a formula by prefixing an apostrophe: one
/// that starts with `=`, `@`, a tab or a carriage return, or with `+` / `-` followed by
/// anything but a number or a phone number (`+1 555 0100`, `-2`, `-1,5` and a lone `-`
/// are data and stay as they are; `+A1`, `-2+3`, `-cmd|…` are not).
pub fn neutralise_cell(v: &str) -> std::borrow::Cow<'_, str> {
    let runs = match v.as_bytes().first() {
        Some(b'=' | b'@' | b'\t' | b'\r') => true,
        Some(b'+' | b'-') => !v[1..]
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '(' | ')' | '-' | '.' | '/' | ',')),
        _ => false,
    };
    if runs {
        format!("'{v}").into()
    } else {
        v.into()
    }
}

/// A CSV writer into memory, for files written with [`write_atomic`].
pub fn csv_bytes(rows: impl IntoIterator<Item = Vec<String>>) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(r.iter().map(|c| neutralise_cell(c).into_owned()))
            .map_err(|e| Error::Internal(e.to_string()))?;
    }
    w.into_inner().map_err(|e| Error::Internal(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for bad in [
            "=1+1",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "+A1",
            "-2+3",
            "-cmd|' /C calc'!A0",
            "+HYPERLINK(\"x\")",
            "-1e5",
        ] {
            assert_eq!(neutralise_cell(bad), format!("'{bad}"), "{bad:?}");
        }
        // Numbers and phone numbers are data.
        for good in [
            "+1 555 0100",
            "+44 (20) 7946-0958",
            "-2",
            "-1,5",
            "-",
            "+",
            "+49 30/1234.56",
            "Dana",
            "",
        ] {
            assert_eq!(neutralise_cell(good), good, "{good:?}");
        }
    }

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.csv");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn failed_write_keeps_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("keep.csv");
        std::fs::write(&p, b"old").unwrap();
        // The write to the same file fails half-way: its temporary file cannot be created
        // (a folder is in its place). Permissions would not do: CI runs as root.
        let blocker = dir
            .path()
            .join(format!(".keep.csv.{}.tmp", std::process::id()));
        std::fs::create_dir(&blocker).unwrap();
        std::fs::write(blocker.join("x"), b"").unwrap();
        assert!(write_atomic(&p, b"new").is_err());
        assert_eq!(std::fs::read(&p).unwrap(), b"old");
        // Once the way is clear the same write goes through.
        std::fs::remove_dir_all(&blocker).unwrap();
        write_atomic(&p, b"new").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
    }
}
