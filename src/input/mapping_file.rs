//! A column mapping as a file of its own (issue 25): the headers it was made for and the
//! columns of each role, as TOML. Headers only, never cell values. The CLI reads one with
//! `--mapping FILE.toml` and writes the mapping in force with `--save-mapping FILE.toml`;
//! the window keeps the same form in its config folder, one file per set of headers
//! ([`MappingStore`]), so a correction made once applies to the next file with the same
//! columns.
//!
//! ```toml
//! # enrichplan column mapping
//! format = 1
//! headers = ["First Name", "Last Name", "E-mail", "Phone 1", "Phone 2"]
//!
//! [roles]
//! first_name = ["First Name"]
//! email = ["E-mail"]
//! phone = ["Phone 1", "Phone 2"]
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::roles::{Mapping, Role};
use crate::error::{Error, Result};

/// The newest format this build reads and writes.
pub const FORMAT: u32 = 1;

/// A mapping and the headers it was made for.
#[derive(Clone, Debug, PartialEq)]
pub struct SavedMapping {
    pub headers: Vec<String>,
    pub mapping: Mapping,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileForm {
    format: u32,
    #[serde(default)]
    headers: Vec<String>,
    #[serde(default)]
    roles: BTreeMap<String, Vec<String>>,
}

impl SavedMapping {
    pub fn new(headers: &[String], mapping: &Mapping) -> Self {
        SavedMapping {
            headers: headers.to_vec(),
            mapping: mapping.clone(),
        }
    }

    /// The TOML form (roles in their fixed order, roles without columns left out).
    pub fn to_toml(&self) -> String {
        let form = FileForm {
            format: FORMAT,
            headers: self.headers.clone(),
            roles: self.mapping.to_json_map(&Role::ALL),
        };
        let body = toml::to_string(&form).unwrap_or_default();
        format!("# enrichplan column mapping (headers only, no cell values)\n{body}")
    }

    /// Read the TOML form; `path` names the file in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Self> {
        let form: FileForm = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].lines().count().max(1) as u64);
            Error::input(path, line, format!("not a column mapping: {}", e.message()))
        })?;
        if form.format > FORMAT {
            return Err(Error::input(
                path,
                None,
                format!(
                    "a column mapping of format {} is newer than this build reads ({FORMAT}): update enrichplan",
                    form.format
                ),
            ));
        }
        let mut mapping = Mapping::default();
        for (key, columns) in form.roles {
            let role = Role::from_key(&key).ok_or_else(|| {
                Error::input(
                    path,
                    None,
                    format!(
                        "unknown role `{key}`; the roles are: {}",
                        Role::ALL.map(Role::key).join(", ")
                    ),
                )
            })?;
            if let Some(c) = columns.iter().find(|c| c.trim().is_empty()) {
                return Err(Error::input(
                    path,
                    None,
                    format!("role `{key}` names an empty column `{c}`"),
                ));
            }
            mapping.set(role, columns);
        }
        Ok(SavedMapping {
            headers: form.headers,
            mapping,
        })
    }

    pub fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Self::parse(&text, path)
    }

    /// Write it (a temporary file renamed into place).
    pub fn write(&self, path: &Path) -> Result<()> {
        crate::fsutil::write_atomic(path, self.to_toml().as_bytes())
    }

    /// Whether it was made for this set of headers (order and repeats aside).
    pub fn fits(&self, headers: &[String]) -> bool {
        header_set(&self.headers) == header_set(headers)
    }

    /// The mapping for a list with `headers`: every column it names must be one of them
    /// (an error naming the missing column and the file). `path` names the mapping file.
    pub fn apply_to(&self, headers: &[String], path: &Path) -> Result<Mapping> {
        let mut m = Mapping::default();
        for (role, cols) in &self.mapping.roles {
            let mut found = Vec::new();
            for c in cols {
                let h = super::roles::find_header(headers, c).ok_or_else(|| {
                    Error::input(
                        path,
                        None,
                        format!(
                            "the {} column `{c}` is not in the list; its columns are: {}",
                            role.key(),
                            headers.join(", ")
                        ),
                    )
                })?;
                found.push(h);
            }
            m.set(*role, found);
        }
        Ok(m)
    }
}

fn header_set(headers: &[String]) -> Vec<String> {
    let mut v: Vec<String> = headers
        .iter()
        .map(|h| super::roles::clean_header(h))
        .collect();
    v.sort();
    v.dedup();
    v
}

/// Mappings remembered per set of headers, one file each in a folder (the window's config
/// folder): a correction made once applies to the next file with the same columns.
#[derive(Clone, Debug)]
pub struct MappingStore {
    dir: PathBuf,
}

impl MappingStore {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        MappingStore { dir: dir.into() }
    }

    /// The file for a set of headers: a hash of the set, so that no header text is in a
    /// file name.
    fn path_for(&self, headers: &[String]) -> PathBuf {
        use sha2::Digest;
        let mut h = sha2::Sha256::new();
        for c in header_set(headers) {
            h.update(c.as_bytes());
            h.update([0u8]);
        }
        let hex: String = h
            .finalize()
            .iter()
            .take(12)
            .map(|b| format!("{b:02x}"))
            .collect();
        self.dir.join(format!("mapping-{hex}.toml"))
    }

    /// The mapping remembered for these headers, if any (a file that no longer reads is
    /// an error naming it).
    pub fn recall(&self, headers: &[String]) -> Result<Option<SavedMapping>> {
        let p = self.path_for(headers);
        if !p.exists() {
            return Ok(None);
        }
        let saved = SavedMapping::read(&p)?;
        Ok(saved.fits(headers).then_some(saved))
    }

    pub fn remember(&self, headers: &[String], mapping: &Mapping) -> Result<()> {
        std::fs::create_dir_all(&self.dir).map_err(|source| Error::Io {
            path: self.dir.clone(),
            source,
        })?;
        SavedMapping::new(headers, mapping).write(&self.path_for(headers))
    }

    /// Forget the mapping for these headers (nothing to forget is fine).
    pub fn forget(&self, headers: &[String]) -> Result<()> {
        let p = self.path_for(headers);
        match std::fs::remove_file(&p) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(source) => Err(Error::Io { path: p, source }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hs(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn round_trips_and_refuses_what_it_cannot_read() {
        let headers = hs(&["Imię", "Nazwisko", "E-mail", "Phone 1", "Phone 2"]);
        let mut m = Mapping::default();
        m.set(Role::FirstName, vec!["Imię".into()]);
        m.set(Role::Phone, vec!["Phone 1".into(), "Phone 2".into()]);
        let s = SavedMapping::new(&headers, &m);
        let text = s.to_toml();
        let p = Path::new("m.toml");
        assert_eq!(SavedMapping::parse(&text, p).unwrap(), s);
        let newer = text.replace("format = 1", "format = 2");
        let e = SavedMapping::parse(&newer, p).unwrap_err().to_string();
        assert!(e.contains("newer than this build"), "{e}");
        let bad = "format = 1\n[roles]\nemial = [\"E-mail\"]\n";
        let e = SavedMapping::parse(bad, p).unwrap_err().to_string();
        assert!(e.starts_with("m.toml: unknown role `emial`"), "{e}");
        let e = SavedMapping::parse("format = 1\nroles = 3\n", p)
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("m.toml: line 2: not a column mapping"), "{e}");
        // Applied to a list without one of its columns: an error naming it.
        let e = s
            .apply_to(&hs(&["Imię", "Phone 1"]), p)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("the phone column `Phone 2` is not in the list"),
            "{e}"
        );
        assert_eq!(s.apply_to(&headers, p).unwrap(), m);
    }

    #[test]
    fn the_store_keys_by_the_set_of_headers() {
        let dir = tempfile::tempdir().unwrap();
        let store = MappingStore::new(dir.path().join("mappings"));
        let headers = hs(&["A", "B", "C"]);
        let mut m = Mapping::default();
        m.set(Role::Email, vec!["B".into()]);
        assert_eq!(store.recall(&headers).unwrap(), None);
        store.remember(&headers, &m).unwrap();
        // Another order of the same columns is the same set.
        let got = store.recall(&hs(&["C", "A", "B"])).unwrap().unwrap();
        assert_eq!(got.mapping, m);
        assert_eq!(store.recall(&hs(&["A", "B"])).unwrap(), None);
        // No header text in the file name.
        let names: Vec<String> = std::fs::read_dir(dir.path().join("mappings"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 1);
        assert!(names[0].starts_with("mapping-") && !names[0].contains('B'));
        store.forget(&headers).unwrap();
        assert_eq!(store.recall(&headers).unwrap(), None);
        store.forget(&headers).unwrap();
    }
}
