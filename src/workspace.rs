//! Workspace table specs (workspace.md): the TOML a user writes (or the window saves),
//! parsed and validated once into a [`Spec`], and written back.
//!
//! Every problem is an error naming the spec file, the line and the table, so a typo never
//! silently costs nothing: unknown keys, wrong types, negative counts, rates outside 0..=1,
//! `rows` and `source` both or neither.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::error::{Error, Invalid, Result};
use crate::input::reader::{ReadOptions, parse_delimiter};
use crate::input::roles::Role;
use crate::pricebook::{self, PriceBook, RateRange};
use crate::pricing::{
    AiDataColumn, Assumptions, Channel, ExportRows, Selection, Settings, SignalsColumn,
    WorkspaceActions,
};

/// Where a table's rows come from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableSource {
    /// A row count: that many contacts, none duplicate or unmatchable.
    Rows(u64),
    /// A contact list read like any list; `map` overrides detected roles (as `--map`).
    List {
        path: PathBuf,
        #[serde(default)]
        read: SourceRead,
        #[serde(default)]
        map: Vec<(Role, String)>,
    },
}

impl TableSource {
    /// A contact list read with sniffed options and detected roles.
    pub fn list(path: PathBuf) -> Self {
        TableSource::List {
            path,
            read: SourceRead::default(),
            map: Vec::new(),
        }
    }
}

/// How a table's source file is read (all sniffed when absent).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRead {
    pub delimiter: Option<u8>,
    pub encoding: Option<String>,
    pub sheet: Option<String>,
}

impl SourceRead {
    pub fn options(&self) -> ReadOptions {
        ReadOptions {
            delimiter: self.delimiter,
            encoding: self.encoding.clone(),
            sheet: self.sheet.clone(),
            date_order: None,
        }
    }
}

/// One Workspace table: its rows, the reveals and the paid actions planned on it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TableSpec {
    pub name: String,
    pub source: TableSource,
    /// Reveals, charged at the platform's prices for the selected points only.
    pub selection: Selection,
    pub assumptions: Assumptions,
    /// The table's actions (`ai_chat_prompts` is always 0: chat belongs to the spec).
    pub actions: WorkspaceActions,
}

impl TableSpec {
    /// The settings this table is priced with.
    pub fn settings(&self) -> Settings {
        Settings {
            channel: Channel::Workspace,
            selection: self.selection,
            only_missing: false,
            assumptions: self.assumptions,
            batch_size: None,
            extras: Default::default(),
            workspace: WorkspaceActions {
                ai_chat_prompts: 0,
                ..self.actions.clone()
            },
            priority: None,
        }
    }

    /// A contact list on the Workspace channel as the one table of a spec, named after the
    /// file; the AI chat prompts stay with the settings (they are account-wide).
    pub fn of_list(path: &Path, s: &Settings) -> Self {
        TableSpec {
            name: path
                .file_stem()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "Table 1".into()),
            source: TableSource::list(path.to_path_buf()),
            selection: s.selection,
            assumptions: s.assumptions,
            actions: WorkspaceActions {
                ai_chat_prompts: 0,
                ..s.workspace.clone()
            },
        }
    }

    /// A table of `rows` rows with nothing planned yet, at the book's default rates.
    pub fn new_rows(name: &str, rows: u64, book: &PriceBook) -> Self {
        TableSpec {
            name: name.to_string(),
            source: TableSource::Rows(rows),
            selection: Selection {
                email: false,
                phone: false,
            },
            assumptions: Assumptions::from_book(book),
            actions: WorkspaceActions::default(),
        }
    }

    /// Refuse a CSV export of more rows than the table holds.
    pub fn check_exports(&self, rows: u64, spec: &Path) -> Result<()> {
        for e in &self.actions.csv_exports {
            if let ExportRows::Rows(n) = e
                && *n > rows
            {
                return Err(Error::input(
                    spec,
                    None,
                    format!(
                        "table `{}`: a CSV export of {n} rows is more than the table's {rows} rows",
                        self.name
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// A Workspace plan: tables in order, and the account-wide AI chat prompts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Spec {
    /// The price book named in the file (id or path), if any.
    pub pricebook: Option<String>,
    pub ai_chat_prompts: u64,
    pub tables: Vec<TableSpec>,
}

impl Spec {
    /// Read and validate a spec file. `book` overrides the file's `pricebook` (a
    /// `--pricebook` flag); the book used is returned with the spec.
    pub fn load(path: &Path, book: Option<&PriceBook>) -> Result<(Spec, PriceBook)> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Spec::parse(&text, path, book)
    }

    pub fn parse(text: &str, path: &Path, book: Option<&PriceBook>) -> Result<(Spec, PriceBook)> {
        let doc = Doc {
            text,
            path,
            headers: text
                .lines()
                .enumerate()
                .filter(|(_, l)| l.trim().starts_with("[[table]]"))
                .map(|(n, _)| n as u64 + 1)
                .collect(),
            lines: text.lines().collect(),
            line_starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect(),
        };
        let raw: RawSpec = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| doc.line(s.start));
            let table = line.and_then(|l| doc.table_at(l));
            let msg = e
                .message()
                .trim()
                .replace("expected i64", "expected a whole number")
                .replace("expected f64", "expected a number")
                .replace("expected u64", "expected a whole number");
            let msg =
                if msg.contains("expected a sequence") && doc.key_on(line.unwrap_or(0)).is_none() {
                    format!("{msg}: write each table as [[table]] (two brackets)")
                } else {
                    msg
                };
            // Name the key when the parser's message does not (a wrong type, say).
            let key = line
                .and_then(|l| doc.key_on(l))
                .filter(|k| !msg.contains(&format!("`{k}`")))
                .map(|k| format!("`{k}`: "));
            Error::input(
                path,
                line,
                format!(
                    "{}{}{msg}",
                    table.unwrap_or_default(),
                    key.unwrap_or_default()
                ),
            )
        })?;
        let book = match (book, &raw.pricebook) {
            (Some(b), _) => b.clone(),
            (None, Some(id)) => {
                let p = Path::new(id.get_ref());
                let arg = if p.is_relative() && !pricebook::is_shipped(id.get_ref()) {
                    dir_of(path).join(p).display().to_string()
                } else {
                    id.get_ref().clone()
                };
                pricebook::resolve(&arg).map_err(|e| {
                    Error::input(path, Some(doc.line(id.span().start)), e.to_string())
                })?
            }
            (None, None) => pricebook::default_book(),
        };
        let ai_chat_prompts = doc.count(None, "ai_chat_prompts", raw.ai_chat_prompts.as_ref())?;
        if raw.table.is_empty() && ai_chat_prompts == 0 {
            return Err(Error::input(
                path,
                None,
                "the spec has no table: add a [[table]] with `rows = N` or `source = \"list.csv\"`",
            ));
        }
        let tables = raw
            .table
            .into_iter()
            .enumerate()
            .map(|(i, t)| doc.table(i, t, &book))
            .collect::<Result<Vec<_>>>()?;
        let spec = Spec {
            pricebook: raw.pricebook.map(Spanned::into_inner),
            ai_chat_prompts,
            tables,
        };
        if let Err((i, msg)) = spec.check_names() {
            return Err(Error::input(path, doc.header_line(i), msg));
        }
        Ok((spec, book))
    }

    /// Every table needs its own name: messages, reports and plans tell them apart by it.
    /// The error gives the index of the second table of a name.
    pub fn check_names(&self) -> std::result::Result<(), (usize, String)> {
        let mut seen = std::collections::HashSet::new();
        for (i, t) in self.tables.iter().enumerate() {
            if t.name.trim().is_empty() {
                return Err((i, format!("table {} has no name", i + 1)));
            }
            if !seen.insert(t.name.trim().to_lowercase()) {
                return Err((
                    i,
                    format!(
                        "two tables are named `{}`: give each table its own `name`",
                        t.name
                    ),
                ));
            }
        }
        Ok(())
    }

    /// A table name not used yet: `Table N` for the first free N.
    pub fn free_name(&self, base: &str) -> String {
        let taken = |n: &str| {
            self.tables
                .iter()
                .any(|t| t.name.trim().eq_ignore_ascii_case(n))
        };
        if !base.trim().is_empty() && !taken(base) {
            return base.to_string();
        }
        let stem = if base.trim().is_empty() {
            "Table"
        } else {
            base
        };
        (2..)
            .map(|n| format!("{stem} {n}"))
            .find(|n| !taken(n))
            .expect("a free name")
    }

    /// The spec as TOML, with source paths relative to `spec_path`'s folder where the file
    /// is inside it. Every rate is written out, so the file reads back the same.
    pub fn to_toml(&self, spec_path: &Path) -> Result<String> {
        let dir = crate::fsutil::absolute(dir_of(spec_path));
        let range = |r: &RateRange| (r.low != r.high).then_some([r.low, r.high]);
        let out = OutSpec {
            pricebook: self.pricebook.clone(),
            ai_chat_prompts: (self.ai_chat_prompts > 0).then_some(self.ai_chat_prompts),
            table: self
                .tables
                .iter()
                .map(|t| {
                    let (rows, source, map, read) = match &t.source {
                        TableSource::Rows(n) => (Some(*n), None, BTreeMap::new(), None),
                        TableSource::List { path, read, map } => {
                            let abs = crate::fsutil::absolute(path);
                            let shown =
                                abs.strip_prefix(&dir).map(Path::to_path_buf).unwrap_or(abs);
                            let mut m: BTreeMap<String, Vec<String>> = BTreeMap::new();
                            for (role, col) in map {
                                m.entry(role.key().to_string())
                                    .or_default()
                                    .push(col.clone());
                            }
                            (None, Some(portable(&shown)), m, Some(read))
                        }
                    };
                    let mut reveal = Vec::new();
                    if t.selection.email {
                        reveal.push("email".to_string());
                    }
                    if t.selection.phone {
                        reveal.push("phone".to_string());
                    }
                    let a = &t.assumptions;
                    let w = &t.actions;
                    OutTable {
                        name: t.name.clone(),
                        rows,
                        source,
                        sheet: read.and_then(|r| r.sheet.clone()),
                        delimiter: read
                            .and_then(|r| r.delimiter)
                            .map(|d| (d as char).to_string()),
                        encoding: read.and_then(|r| r.encoding.clone()),
                        map,
                        reveal,
                        match_rate: a.match_rate.expected,
                        match_range: range(&a.match_rate),
                        email_rate: a.email_rate.expected,
                        email_range: range(&a.email_rate),
                        phone_rate: a.phone_rate.expected,
                        phone_range: range(&a.phone_rate),
                        lusha_columns: w.lusha_columns.clone(),
                        crm_columns: w.crm_columns.clone(),
                        ai_data_columns: w
                            .ai_data
                            .iter()
                            .map(|c| OutColumn {
                                name: c.name.clone(),
                                fill_rate: Some(c.fill.expected),
                                fill_range: range(&c.fill),
                                hit_rate: None,
                                hit_range: None,
                            })
                            .collect(),
                        signals_columns: w
                            .signals
                            .iter()
                            .map(|c| OutColumn {
                                name: c.name.clone(),
                                fill_rate: None,
                                fill_range: None,
                                hit_rate: Some(c.hit.expected),
                                hit_range: range(&c.hit),
                            })
                            .collect(),
                        csv_exports: w
                            .csv_exports
                            .iter()
                            .map(|e| match e {
                                ExportRows::All => toml::Value::String("all".into()),
                                ExportRows::Rows(n) => toml::Value::Integer(*n as i64),
                            })
                            .collect(),
                        crm_exports: (w.crm_exports > 0).then_some(w.crm_exports),
                    }
                })
                .collect(),
        };
        let body = toml::to_string(&out).map_err(|e| Error::Internal(e.to_string()))?;
        Ok(format!(
            "# enrichplan Workspace plan (see workspace.md): tables and the paid actions on them.\n{body}"
        ))
    }

    /// The settings that sum the spec up in reports and plans: the Workspace channel, every
    /// data point some table reveals, the book's default rates (each table has its own).
    pub fn summary_settings(&self, book: &PriceBook) -> Settings {
        let any = |f: fn(&Selection) -> bool| self.tables.iter().any(|t| f(&t.selection));
        Settings {
            channel: Channel::Workspace,
            selection: Selection {
                email: any(|s| s.email),
                phone: any(|s| s.phone),
            },
            workspace: WorkspaceActions {
                ai_chat_prompts: self.ai_chat_prompts,
                ..WorkspaceActions::default()
            },
            priority: None,
            // The tables' rates when they all share them, else the book's defaults.
            assumptions: match self.tables.split_first() {
                Some((first, rest)) if rest.iter().all(|t| t.assumptions == first.assumptions) => {
                    first.assumptions
                }
                _ => Assumptions::from_book(book),
            },
            ..Settings::defaults(book)
        }
    }

    /// Save atomically.
    pub fn save(&self, path: &Path) -> Result<()> {
        crate::fsutil::write_atomic(path, self.to_toml(path)?.as_bytes())
    }

    /// Source files, in table order.
    pub fn sources(&self) -> impl Iterator<Item = &Path> {
        self.tables.iter().filter_map(|t| match &t.source {
            TableSource::List { path, .. } => Some(path.as_path()),
            TableSource::Rows(_) => None,
        })
    }
}

/// A path written with `/` so the spec reads the same on every OS.
fn portable(p: &Path) -> String {
    let s = p.display().to_string();
    if cfg!(windows) {
        s.replace('\\', "/")
    } else {
        s
    }
}

fn dir_of(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

pub use crate::pricing::MAX_COUNT;

fn check_count(v: i64) -> std::result::Result<u64, Invalid> {
    match u64::try_from(v) {
        Err(_) => Err(Invalid("a count must be 0 or more".to_string())),
        Ok(n) if n > MAX_COUNT => Err(Invalid(format!(
            "more than {MAX_COUNT} is not a plausible count; check the number"
        ))),
        Ok(n) => Ok(n),
    }
}

/// True when `path` looks like a Workspace spec (a `.toml` file that is not a price book).
pub fn is_spec_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"))
}

// ---- the file as written ----

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpec {
    pricebook: Option<Spanned<String>>,
    ai_chat_prompts: Option<Spanned<i64>>,
    #[serde(default)]
    table: Vec<RawTable>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    name: Option<Spanned<String>>,
    rows: Option<Spanned<i64>>,
    source: Option<Spanned<String>>,
    sheet: Option<String>,
    delimiter: Option<Spanned<String>>,
    encoding: Option<String>,
    map: Option<Spanned<BTreeMap<String, OneOrMany>>>,
    reveal: Option<Spanned<Vec<String>>>,
    match_rate: Option<f64>,
    match_range: Option<[f64; 2]>,
    email_rate: Option<f64>,
    email_range: Option<[f64; 2]>,
    phone_rate: Option<f64>,
    phone_range: Option<[f64; 2]>,
    #[serde(default)]
    lusha_columns: Vec<String>,
    #[serde(default)]
    crm_columns: Vec<String>,
    #[serde(default)]
    ai_data_columns: Vec<Spanned<RawAiColumn>>,
    #[serde(default)]
    signals_columns: Vec<Spanned<RawSignalsColumn>>,
    csv_exports: Option<Spanned<Vec<RawExport>>>,
    crm_exports: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "an AI Data column like { name = \"ICP fit\", fill_rate = 0.9 }"
)]
struct RawAiColumn {
    name: String,
    fill_rate: Option<f64>,
    fill_range: Option<[f64; 2]>,
}

#[derive(Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a Signals column like { name = \"Job change\", hit_rate = 0.1 }"
)]
struct RawSignalsColumn {
    name: String,
    hit_rate: Option<f64>,
    hit_range: Option<[f64; 2]>,
}

#[derive(Deserialize)]
#[serde(untagged, expecting = "a whole number of rows or \"all\"")]
enum RawExport {
    Rows(i64),
    Word(String),
}

#[derive(Deserialize)]
#[serde(untagged, expecting = "a column name or a list of column names")]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

#[derive(Serialize)]
struct OutSpec {
    #[serde(skip_serializing_if = "Option::is_none")]
    pricebook: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ai_chat_prompts: Option<u64>,
    table: Vec<OutTable>,
}

#[derive(Serialize)]
struct OutTable {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    rows: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sheet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    delimiter: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    map: BTreeMap<String, Vec<String>>,
    reveal: Vec<String>,
    match_rate: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    match_range: Option<[f64; 2]>,
    email_rate: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    email_range: Option<[f64; 2]>,
    phone_rate: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone_range: Option<[f64; 2]>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    lusha_columns: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    crm_columns: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    csv_exports: Vec<toml::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    crm_exports: Option<u64>,
    // Arrays of tables last: TOML writes them after the plain keys.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    ai_data_columns: Vec<OutColumn>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    signals_columns: Vec<OutColumn>,
}

#[derive(Serialize)]
struct OutColumn {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    fill_rate: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fill_range: Option<[f64; 2]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hit_rate: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hit_range: Option<[f64; 2]>,
}

/// The text being parsed, for line numbers and table names in messages.
struct Doc<'a> {
    text: &'a str,
    path: &'a Path,
    /// The line of each `[[table]]` header.
    headers: Vec<u64>,
    lines: Vec<&'a str>,
    /// The byte offset where each line starts.
    line_starts: Vec<usize>,
}

impl Doc<'_> {
    fn line(&self, offset: usize) -> u64 {
        self.line_starts.partition_point(|&s| s <= offset) as u64
    }

    /// The key assigned on a line (`rows = "ten"` → `rows`).
    fn key_on(&self, line: u64) -> Option<&str> {
        let l = self.lines.get(line.checked_sub(1)? as usize)?;
        let (key, _) = l.split_once('=')?;
        let key = key.trim();
        (!key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .then_some(key)
    }

    /// "table `NAME` (line L): " for the `[[table]]` block holding line `line`.
    fn table_at(&self, line: u64) -> Option<String> {
        let mut current: Option<(usize, u64)> = None;
        let mut index = 0;
        for (i, l) in self.text.lines().enumerate() {
            let n = i as u64 + 1;
            if n > line {
                break;
            }
            let t = l.trim();
            if t.starts_with("[[table]]") {
                current = Some((index, n));
                index += 1;
            } else if t.starts_with('[') && !t.starts_with("[[table.") && !t.starts_with("[table.")
            {
                current = None;
            }
        }
        let (i, _) = current?;
        // The name, when the file is valid TOML at all.
        let name = toml::from_str::<toml::Table>(self.text).ok().and_then(|t| {
            t.get("table")?
                .as_array()?
                .get(i)?
                .get("name")?
                .as_str()
                .map(String::from)
        });
        Some(match name {
            Some(n) => format!("table `{n}`: "),
            None => format!("table {}: ", i + 1),
        })
    }

    fn err(&self, line: Option<u64>, who: &str, msg: impl std::fmt::Display) -> Error {
        Error::input(self.path, line, format!("{who}{msg}"))
    }

    /// A count: a whole number from 0 to [`MAX_COUNT`].
    fn count(&self, who: Option<&str>, key: &str, v: Option<&Spanned<i64>>) -> Result<u64> {
        let Some(v) = v else { return Ok(0) };
        check_count(*v.get_ref()).map_err(|m| {
            self.err(
                Some(self.line(v.span().start)),
                who.unwrap_or(""),
                format!("`{key}` = {}: {m}", v.get_ref()),
            )
        })
    }

    fn rate(
        &self,
        who: &str,
        line: u64,
        what: &str,
        rate: Option<f64>,
        range: Option<[f64; 2]>,
        default: RateRange,
    ) -> Result<RateRange> {
        RateRange::resolve(what, rate, range.map(|[l, h]| (l, h)), default)
            .map_err(|m| self.err(Some(line), who, m))
    }

    fn table(&self, i: usize, t: RawTable, book: &PriceBook) -> Result<TableSpec> {
        let name = match &t.name {
            Some(n) if !n.get_ref().trim().is_empty() => n.get_ref().trim().to_string(),
            _ => t
                .source
                .as_ref()
                .and_then(|s| Path::new(s.get_ref()).file_stem())
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| format!("Table {}", i + 1)),
        };
        let who = format!("table `{name}`: ");
        let header = self.header_line(i);
        let line_of = |s: std::ops::Range<usize>| self.line(s.start);
        let source = match (&t.rows, &t.source) {
            (Some(r), Some(s)) => {
                return Err(self.err(
                    Some(line_of(s.span())),
                    &who,
                    format!(
                        "give either `rows` (line {}) or `source`, not both",
                        line_of(r.span())
                    ),
                ));
            }
            (None, None) => {
                return Err(self.err(
                    header,
                    &who,
                    "give `rows = N` (a row count) or `source = \"list.csv\"` (a contact list)",
                ));
            }
            (Some(r), None) => {
                let read_keys = [
                    ("map", t.map.is_some()),
                    ("sheet", t.sheet.is_some()),
                    ("delimiter", t.delimiter.is_some()),
                    ("encoding", t.encoding.is_some()),
                ];
                if let Some((key, _)) = read_keys.iter().find(|(_, given)| *given) {
                    return Err(self.err(
                        Some(line_of(r.span())),
                        &who,
                        format!(
                            "`{key}` is for a table read from a `source` file; this table is a row count"
                        ),
                    ));
                }
                TableSource::Rows(self.count(Some(&who), "rows", t.rows.as_ref())?)
            }
            (None, Some(s)) => {
                let path = dir_of(self.path).join(s.get_ref());
                if !path.is_file() {
                    return Err(self.err(
                        Some(line_of(s.span())),
                        &who,
                        format!(
                            "the source {} does not exist or is not a file",
                            path.display()
                        ),
                    ));
                }
                let mut map = Vec::new();
                if let Some(m) = &t.map {
                    let line = line_of(m.span());
                    for (role, cols) in m.get_ref() {
                        let r = Role::from_key(role.trim())
                            .filter(|r| *r != Role::Date)
                            .ok_or_else(|| {
                                let keys: Vec<&str> = Role::LIST.iter().map(|r| r.key()).collect();
                                self.err(
                                    Some(line),
                                    &who,
                                    format!(
                                        "`map`: unknown role `{role}`; roles: {}",
                                        keys.join(", ")
                                    ),
                                )
                            })?;
                        let cols = match cols {
                            OneOrMany::One(c) => vec![c.clone()],
                            OneOrMany::Many(c) => c.clone(),
                        };
                        if cols.is_empty() {
                            map.push((r, String::new()));
                        }
                        map.extend(cols.into_iter().map(|c| (r, c)));
                    }
                }
                let delimiter = match &t.delimiter {
                    Some(d) => Some(parse_delimiter(d.get_ref()).map_err(|m| {
                        self.err(Some(line_of(d.span())), &who, format!("`delimiter`: {m}"))
                    })?),
                    None => None,
                };
                TableSource::List {
                    path,
                    read: SourceRead {
                        delimiter,
                        encoding: t.encoding.clone(),
                        sheet: t.sheet.clone(),
                    },
                    map,
                }
            }
        };
        let mut selection = Selection {
            email: false,
            phone: false,
        };
        if let Some(r) = &t.reveal {
            for p in r.get_ref() {
                match p.trim().to_lowercase().as_str() {
                    "email" => selection.email = true,
                    "phone" => selection.phone = true,
                    other => {
                        return Err(self.err(
                            Some(line_of(r.span())),
                            &who,
                            format!(
                                "`reveal`: unknown data point `{other}` (use \"email\", \"phone\")"
                            ),
                        ));
                    }
                }
            }
        }
        let d = &book.assumptions;
        let key_line = |key: &str| self.key_line(i, key).or(header).unwrap_or(1);
        let assumptions = Assumptions {
            match_rate: self.rate(
                &who,
                key_line("match_"),
                "match_rate",
                t.match_rate,
                t.match_range,
                d.match_rate,
            )?,
            email_rate: self.rate(
                &who,
                key_line("email_"),
                "email_rate",
                t.email_rate,
                t.email_range,
                d.email_rate,
            )?,
            phone_rate: self.rate(
                &who,
                key_line("phone_"),
                "phone_rate",
                t.phone_rate,
                t.phone_range,
                d.phone_rate,
            )?,
        };
        let ai_data = t
            .ai_data_columns
            .iter()
            .map(|c| {
                let line = line_of(c.span());
                let c = c.get_ref();
                Ok(AiDataColumn {
                    name: c.name.clone(),
                    fill: self.rate(
                        &who,
                        line,
                        &format!("AI Data column `{}`: fill_rate", c.name),
                        c.fill_rate,
                        c.fill_range,
                        RateRange::exact(1.0),
                    )?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let signals = t
            .signals_columns
            .iter()
            .map(|c| {
                let line = line_of(c.span());
                let c = c.get_ref();
                Ok(SignalsColumn {
                    name: c.name.clone(),
                    hit: self.rate(
                        &who,
                        line,
                        &format!("Signals column `{}`: hit_rate", c.name),
                        c.hit_rate,
                        c.hit_range,
                        d.signal_hit_rate,
                    )?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let csv_exports = match &t.csv_exports {
            None => Vec::new(),
            Some(list) => {
                let line = Some(line_of(list.span()));
                list.get_ref()
                    .iter()
                    .map(|e| match e {
                        RawExport::Rows(n) => {
                            u64::try_from(*n).map(ExportRows::Rows).map_err(|_| {
                                self.err(
                                    line,
                                    &who,
                                    format!("`csv_exports`: {n} rows: a count must be 0 or more"),
                                )
                            })
                        }
                        RawExport::Word(w) if w.trim().eq_ignore_ascii_case("all") => {
                            Ok(ExportRows::All)
                        }
                        RawExport::Word(w) => Err(self.err(
                            line,
                            &who,
                            format!("`csv_exports`: `{w}` is neither a row count nor \"all\""),
                        )),
                    })
                    .collect::<Result<Vec<_>>>()?
            }
        };
        let spec = TableSpec {
            name,
            source,
            selection,
            assumptions,
            actions: WorkspaceActions {
                ai_data,
                signals,
                csv_exports,
                crm_exports: self.count(Some(&who), "crm_exports", t.crm_exports.as_ref())?,
                ai_chat_prompts: 0,
                lusha_columns: t.lusha_columns,
                crm_columns: t.crm_columns,
            },
        };
        if let TableSource::Rows(n) = spec.source {
            spec.check_exports(n, self.path).map_err(|e| match e {
                Error::Input { path, message, .. } => Error::Input {
                    path,
                    line: t.csv_exports.as_ref().map(|l| line_of(l.span())),
                    message,
                },
                e => e,
            })?;
        }
        Ok(spec)
    }

    /// The line of table `i`'s `[[table]]` header.
    fn header_line(&self, i: usize) -> Option<u64> {
        self.headers.get(i).copied()
    }

    /// The first line of table `i` whose key starts with `prefix`.
    fn key_line(&self, i: usize, prefix: &str) -> Option<u64> {
        let start = self.header_line(i)? as usize;
        let end = self
            .header_line(i + 1)
            .map_or(self.lines.len(), |e| e as usize - 1);
        self.lines
            .get(start..end.max(start))?
            .iter()
            .position(|l| l.trim_start().starts_with(prefix))
            .map(|n| (start + n) as u64 + 1)
    }
}

#[cfg(test)]
mod tests;
