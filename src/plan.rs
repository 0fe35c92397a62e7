//! Plan files (plans.md): everything needed to reproduce an estimate, as pretty JSON with
//! a format version. Plans hold aggregates and paths, never a name, email, phone or URL from
//! the list.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::Digest;

use crate::cycle::Cycle;
use crate::engine::Outcome;
use crate::error::{Error, Invalid, Result};
use crate::fsutil::absolute;
use crate::input::reader::ReadOptions;
use crate::input::roles::Mapping;
use crate::pricebook::{self, PriceBook};
use crate::pricing::{BudgetStatus, Settings};
use crate::report::Breakdown;

/// The format this build writes; higher versions are refused, lower ones migrated.
pub const FORMAT_VERSION: u32 = 1;
pub const EXTENSION: &str = ".enrichplan.json";

/// Where a file was and what it was, to notice it moved or changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// Relative to the plan's folder when the file is inside it, else absolute.
    pub path: PathBuf,
    pub size: u64,
    pub modified: Option<DateTime<Utc>>,
    /// SHA-256 of the bytes, hex.
    pub sha256: String,
}

impl Fingerprint {
    pub fn of(path: &Path) -> Result<Self> {
        Self::of_cancellable(path, &crate::progress::Progress::new())
    }

    /// [`Fingerprint::of`], stopping with [`Error::Cancelled`] when `progress` is cancelled
    /// (checked every mebibyte).
    pub fn of_cancellable(path: &Path, progress: &crate::progress::Progress) -> Result<Self> {
        let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
        let mut f = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
        let mut hasher = sha2::Sha256::new();
        let mut buf = vec![0u8; 1 << 20];
        loop {
            if progress.is_cancelled() {
                return Err(Error::Cancelled);
            }
            let n = f.read(&mut buf).map_err(|e| Error::io(path, e))?;
            if n == 0 {
                break;
            }
            hasher.update(&buf[..n]);
        }
        let digest = hasher.finalize();
        let sha256 = digest.iter().map(|b| format!("{b:02x}")).collect();
        Ok(Fingerprint {
            path: path.to_path_buf(),
            size: meta.len(),
            modified: meta.modified().ok().map(DateTime::<Utc>::from),
            sha256,
        })
    }
}

/// Run `read` here while `files` are fingerprinted on a thread of their own (the second
/// core is mostly idle while a file is parsed), so that a plan records the bytes that were
/// read, and nothing waits for a hash afterwards. A failed read stops the hashing (through
/// `progress`) and its error comes first.
pub fn read_beside<T>(
    files: &[&Path],
    progress: &crate::progress::Progress,
    read: impl FnOnce() -> Result<T>,
) -> Result<(T, Vec<Fingerprint>)> {
    if files.is_empty() {
        return Ok((read()?, Vec::new()));
    }
    std::thread::scope(|s| {
        let hashing = std::thread::Builder::new()
            .name("enrichplan-fingerprint".into())
            .spawn_scoped(s, || {
                files
                    .iter()
                    .map(|f| Fingerprint::of_cancellable(f, progress))
                    .collect::<Result<Vec<_>>>()
            })
            .map_err(|e| Error::io(files[0], e))?;
        let value = read();
        if value.is_err() {
            progress.cancel();
        }
        let hashed = hashing
            .join()
            .map_err(|_| Error::Setting("the thread hashing the files stopped".into()));
        let value = value?;
        Ok((value, hashed??))
    })
}

/// The state of a plan's source file now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceState {
    Same,
    Changed,
    Missing,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceRef {
    pub file: Fingerprint,
    pub encoding: Option<String>,
    pub delimiter: Option<u8>,
    pub sheet: Option<String>,
    pub mapping: Mapping,
    /// A reveal log's date order, when the user chose it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_order: Option<crate::cycle::DateOrder>,
}

/// A Workspace spec as a plan records it: the spec file and each sourced table's list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpecRef {
    pub file: Fingerprint,
    pub sources: Vec<Fingerprint>,
}

/// A plan's money settings (kept in `report`, which renders them: plan → report only).
pub use crate::report::Money;

/// The price book a plan was made with: its id and a copy of its prices, so an old plan
/// still shows what it assumed even when the app no longer ships that book.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PriceSnapshot {
    pub id: String,
    pub book: PriceBook,
}

/// The last result, as counts and credits (aggregates only).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedResult {
    pub computed: DateTime<Utc>,
    pub rows: u64,
    pub unmatchable_rows: u64,
    pub duplicate_rows: u64,
    pub already_revealed_rows: u64,
    pub nothing_needed_rows: u64,
    pub billable_contacts: u64,
    pub credits: crate::pricing::Credits,
    pub breakdown: Breakdown,
    pub budget_status: Option<BudgetStatus>,
    pub warnings: Vec<String>,
}

impl SavedResult {
    pub fn of(o: &Outcome) -> Self {
        let c = &o.estimate.counts;
        SavedResult {
            computed: Utc::now(),
            rows: c.rows,
            unmatchable_rows: c.unmatchable,
            duplicate_rows: c.duplicate,
            already_revealed_rows: c.already_revealed,
            nothing_needed_rows: c.nothing_needed,
            billable_contacts: c.billable,
            credits: o.estimate.total,
            breakdown: Breakdown::of(&o.estimate),
            budget_status: o.budget.as_ref().map(|b| b.status),
            warnings: o.estimate.warnings.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub format_version: u32,
    pub name: String,
    #[serde(default)]
    pub notes: String,
    pub created: DateTime<Utc>,
    pub modified: DateTime<Utc>,
    pub source: Option<SourceRef>,
    /// A Workspace spec the plan was made from, instead of a contact list (workspace.md).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spec: Option<SpecRef>,
    pub reveal_log: Option<SourceRef>,
    pub settings: Settings,
    pub cycle: Cycle,
    pub budget: Option<f64>,
    #[serde(default)]
    pub money: Money,
    pub pricebook: PriceSnapshot,
    pub result: Option<SavedResult>,
}

impl Plan {
    pub fn read_options(s: &SourceRef) -> ReadOptions {
        ReadOptions {
            delimiter: s.delimiter,
            encoding: s.encoding.clone(),
            sheet: s.sheet.clone(),
            date_order: s.date_order,
        }
    }

    /// Where a saved path points, read relative to the plan's folder.
    pub fn resolve(plan_path: &Path, saved: &Path) -> PathBuf {
        if saved.is_absolute() {
            saved.to_path_buf()
        } else {
            plan_path.parent().unwrap_or(Path::new(".")).join(saved)
        }
    }

    pub fn source_state(plan_path: &Path, s: &SourceRef) -> SourceState {
        let p = Self::resolve(plan_path, &s.file.path);
        match std::fs::metadata(&p) {
            Err(_) => SourceState::Missing,
            Ok(m) if m.len() != s.file.size => SourceState::Changed,
            Ok(_) => match Fingerprint::of(&p) {
                Ok(f) if f.sha256 == s.file.sha256 => SourceState::Same,
                _ => SourceState::Changed,
            },
        }
    }

    /// The price book to use: the shipped one of that id, else the plan's own copy.
    pub fn book(&self) -> (PriceBook, Option<String>) {
        match pricebook::shipped()
            .into_iter()
            .find(|b| b.id == self.pricebook.id)
        {
            Some(b) => (b, None),
            None => (
                self.pricebook.book.clone(),
                Some(format!(
                    "price book `{}` is not shipped with this version; using the copy of its prices saved in the plan",
                    self.pricebook.id
                )),
            ),
        }
    }

    /// Serialise, with paths made relative to the plan's folder where the file is inside it.
    pub fn to_json(&self, plan_path: &Path) -> Result<String> {
        let mut p = self.clone();
        let dir = absolute(plan_path.parent().unwrap_or(Path::new(".")));
        let files = [p.source.as_mut(), p.reveal_log.as_mut()]
            .into_iter()
            .flatten()
            .map(|s| &mut s.file);
        let spec_files = p
            .spec
            .as_mut()
            .into_iter()
            .flat_map(|s| std::iter::once(&mut s.file).chain(s.sources.iter_mut()));
        for f in files.chain(spec_files) {
            let abs = absolute(&f.path);
            if let Ok(rel) = abs.strip_prefix(&dir) {
                f.path = rel.to_path_buf();
            } else {
                f.path = abs;
            }
        }
        serde_json::to_string_pretty(&p).map_err(|e| Error::Internal(e.to_string()))
    }

    /// Save atomically (temporary file in the same folder, flushed, renamed).
    pub fn save(&mut self, plan_path: &Path) -> Result<()> {
        self.modified = Utc::now();
        let text = self.to_json(plan_path)?;
        crate::fsutil::write_atomic(plan_path, text.as_bytes())
    }

    pub fn load(path: &Path) -> Result<Plan> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        Self::from_json(&text, path)
    }

    pub fn from_json(text: &str, path: &Path) -> Result<Plan> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            Error::input(
                path,
                Some(e.line() as u64),
                format!("not a readable plan file (truncated or corrupt?): {e}"),
            )
        })?;
        let version = value
            .get("format_version")
            .and_then(serde_json::Value::as_u64)
            .ok_or_else(|| {
                Error::input(path, None, "not a plan file: it has no `format_version`")
            })?;
        if version > FORMAT_VERSION as u64 {
            return Err(Error::input(
                path,
                None,
                format!(
                    "this plan was saved in format version {version}, newer than the version {FORMAT_VERSION} this enrichplan reads; update enrichplan to open it"
                ),
            ));
        }
        // Version 1 is current; older versions would be migrated here, in memory.
        let plan: Plan = serde_json::from_value(value)
            .map_err(|e| Error::input(path, None, format!("plan file: {e}")))?;
        plan.validate()
            .map_err(|m| Error::input(path, None, format!("plan file: {m}")))?;
        Ok(plan)
    }

    /// A plan is checked as it loads, as strictly as a price book or the CLI's flags: a
    /// hand-edited or damaged plan is refused naming the field, never priced.
    pub fn validate(&self) -> std::result::Result<(), Invalid> {
        let saved = &self.pricebook.book;
        saved.check().map_err(|(_, m)| {
            Invalid(format!(
                "pricebook.book (the saved copy of `{}`): {m}",
                saved.id
            ))
        })?;
        let (book, _) = self.book();
        self.settings
            .validate(&book)
            .map_err(|m| m.within("settings"))?;
        if let Some(b) = self.budget
            && !(b.is_finite() && b >= 0.0)
        {
            return Err(Invalid(format!(
                "budget: {b} is not a number of credits ≥ 0"
            )));
        }
        if let Some(p) = self.money.price_per_credit
            && !(p.is_finite() && p >= 0.0)
        {
            return Err(Invalid(format!(
                "money.price_per_credit: {p} is not a price ≥ 0"
            )));
        }
        Ok(())
    }
}

/// A plan's row in a comparison.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct ComparedPlan {
    pub name: String,
    pub file: String,
    pub pricebook: String,
    pub channel: String,
    pub credits: crate::pricing::Credits,
    pub breakdown: Breakdown,
    pub budget: Option<f64>,
    pub budget_status: Option<&'static str>,
    pub cheapest: bool,
    pub money: Option<f64>,
    pub currency: Option<String>,
    /// The plan's notes (empty when none).
    pub notes: String,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Comparison {
    pub plans: Vec<ComparedPlan>,
    /// How many different lists (or specs) the plans are of: above 1, the cheapest is
    /// marked among the plans of each list.
    #[serde(skip)]
    pub lists: usize,
}

/// Compare plans by their saved results; the cheapest expected total is marked among the
/// plans of the same contents — one list (by its bytes), or one spec's tables — so a plan
/// of a smaller list is not called cheaper than the plans of another.
pub fn compare(plans: &[(PathBuf, Plan)]) -> Result<Comparison> {
    let mut out = Vec::new();
    let mut what: Vec<String> = Vec::new();
    for (path, p) in plans {
        let r = p.result.as_ref().ok_or_else(|| {
            Error::input(
                path,
                None,
                "the plan has no saved result; re-run and save it first",
            )
        })?;
        what.push(match (&p.source, &p.spec) {
            (Some(s), _) => format!("list {}", s.file.sha256),
            (None, Some(s)) => {
                let shas: Vec<&str> = s.sources.iter().map(|f| f.sha256.as_str()).collect();
                format!("spec {} {}", s.file.sha256, shas.join(" "))
            }
            (None, None) => String::new(),
        });
        out.push(ComparedPlan {
            name: p.name.clone(),
            file: path.display().to_string(),
            pricebook: p.pricebook.id.clone(),
            channel: p.settings.channel.key().to_string(),
            credits: r.credits,
            breakdown: r.breakdown.clone(),
            budget: p.budget,
            budget_status: r.budget_status.map(BudgetStatus::key),
            cheapest: false,
            money: p.money.price_per_credit.map(|c| c * r.credits.expected),
            currency: p.money.currency.clone(),
            notes: p.notes.clone(),
        });
    }
    for w in &what {
        let min = out
            .iter()
            .zip(&what)
            .filter(|(_, x)| *x == w)
            .map(|(p, _)| p.credits.expected)
            .min_by(|a, b| a.total_cmp(b));
        for (p, _) in out.iter_mut().zip(&what).filter(|(_, x)| *x == w) {
            p.cheapest = min.is_some_and(|m| (p.credits.expected - m).abs() < 1e-9);
        }
    }
    // Plans of several lists: a plan alone with its list has nothing to be cheaper than.
    let groups: std::collections::BTreeSet<&String> = what.iter().collect();
    if groups.len() > 1 {
        for (p, w) in out.iter_mut().zip(&what) {
            if what.iter().filter(|x| *x == w).count() == 1 {
                p.cheapest = false;
            }
        }
    }
    Ok(Comparison {
        plans: out,
        lists: groups.len(),
    })
}

/// The comparison as a table for people.
pub fn compare_table(c: &Comparison) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let name_of = |p: &ComparedPlan| {
        if p.cheapest {
            format!("{} *", p.name)
        } else {
            p.name.clone()
        }
    };
    let channel_of = |p: &ComparedPlan| {
        crate::pricing::Channel::from_key(&p.channel)
            .map(|c| c.label().to_string())
            .unwrap_or_else(|| p.channel.clone())
    };
    // Every name and value whole: the columns are as wide as the widest of them.
    let w = c
        .plans
        .iter()
        .flat_map(|p| [name_of(p).chars().count(), channel_of(p).chars().count()])
        .max()
        .unwrap_or(0)
        .max(18)
        + 2;
    let _ = write!(s, "{:<24}", "");
    for p in &c.plans {
        let _ = write!(s, "{:>w$}", name_of(p));
    }
    let _ = writeln!(s);
    let _ = write!(s, "{:<24}", "Channel");
    for p in &c.plans {
        let _ = write!(s, "{:>w$}", channel_of(p));
    }
    let _ = writeln!(s);
    let items: BTreeMap<&str, Vec<crate::pricing::Credits>> = crate::pricing::Item::ALL
        .iter()
        .map(|i| {
            (
                i.key(),
                c.plans.iter().map(|p| p.breakdown.get(*i)).collect(),
            )
        })
        .collect();
    // Per plan, whole credits whose items add up to its total in each column.
    let shown: Vec<&str> = crate::pricing::Item::ALL
        .iter()
        .map(|i| i.key())
        .filter(|k| !items[k].iter().all(|c| c.is_zero()))
        .collect();
    let per_plan: Vec<Vec<crate::pricing::Shown>> = c
        .plans
        .iter()
        .enumerate()
        .map(|(j, p)| {
            let credits: Vec<_> = shown.iter().map(|k| items[k][j]).collect();
            crate::pricing::shown_items(&credits, &p.credits).0
        })
        .collect();
    for (n, i) in crate::pricing::Item::ALL
        .iter()
        .filter(|i| shown.contains(&i.key()))
        .enumerate()
    {
        let _ = write!(s, "{:<24}", i.label());
        for plan in &per_plan {
            let _ = write!(s, "{:>w$}", shown_range(plan[n]));
        }
        let _ = writeln!(s);
    }
    let _ = write!(s, "{:<24}", "Total credits");
    for p in &c.plans {
        let _ = write!(s, "{:>w$}", range(&p.credits));
    }
    let _ = writeln!(s);
    let _ = write!(s, "{:<24}", "Budget");
    for p in &c.plans {
        let b = match (p.budget, p.budget_status) {
            (Some(b), Some(st)) => format!("{b} {st}"),
            _ => "-".into(),
        };
        let _ = write!(s, "{:>w$}", b);
    }
    let _ = writeln!(s);
    if c.lists > 1 {
        let _ = writeln!(
            s,
            "(* cheapest expected total of the plans of the same list; ranges are low–high)"
        );
    } else {
        let _ = writeln!(s, "(* cheapest expected total; ranges are low–high)");
    }
    s
}

fn range(c: &crate::pricing::Credits) -> String {
    shown_range(crate::pricing::shown(c))
}

fn shown_range((e, l, h): crate::pricing::Shown) -> String {
    let i = |v: i64| crate::text::int(v.max(0) as u64);
    format!("{} ({}–{})", i(e), i(l), i(h))
}

/// A list or log file as a plan records it.
impl SourceRef {
    /// The file at `path` (fingerprinted now) read with `read` and mapped by `mapping`.
    pub fn of(path: &Path, read: &ReadOptions, mapping: &Mapping) -> Result<Self> {
        Ok(Self::known(Fingerprint::of(path)?, read, mapping))
    }

    /// A file fingerprinted already (when it was read), read with `read`, mapped by `mapping`.
    pub fn known(file: Fingerprint, read: &ReadOptions, mapping: &Mapping) -> Self {
        SourceRef {
            file,
            encoding: read.encoding.clone(),
            delimiter: read.delimiter,
            sheet: read.sheet.clone(),
            mapping: mapping.clone(),
            date_order: read.date_order,
        }
    }
}

/// What a plan is made of, from a run in the window or on the command line.
pub struct PlanInputs<'a> {
    pub name: String,
    pub notes: String,
    pub created: Option<DateTime<Utc>>,
    /// The list as it was read: its fingerprint (of the bytes analysed), options, mapping.
    pub list: (Fingerprint, &'a ReadOptions, &'a Mapping),
    pub log: Option<(Fingerprint, &'a ReadOptions, &'a Mapping)>,
    pub settings: &'a Settings,
    pub cycle: Cycle,
    pub budget: Option<f64>,
    pub money: Money,
    pub book: &'a PriceBook,
    pub outcome: &'a Outcome,
}

impl Plan {
    /// The plan of a run: the one constructor both faces use, so they save the same file.
    pub fn of_run(i: PlanInputs<'_>) -> Plan {
        let now = Utc::now();
        let (file, read, mapping) = i.list;
        Plan {
            format_version: FORMAT_VERSION,
            name: i.name,
            notes: i.notes,
            created: i.created.unwrap_or(now),
            modified: now,
            source: Some(SourceRef::known(file, read, mapping)),
            spec: None,
            reveal_log: i.log.map(|(f, r, m)| SourceRef::known(f, r, m)),
            settings: i.settings.clone(),
            cycle: i.cycle,
            budget: i.budget,
            money: i.money,
            pricebook: PriceSnapshot {
                id: i.book.id.clone(),
                book: i.book.clone(),
            },
            result: Some(SavedResult::of(i.outcome)),
        }
    }
}

/// What a plan of a Workspace spec is made of.
pub struct SpecPlanInputs<'a> {
    pub name: String,
    pub spec_path: &'a Path,
    pub spec: &'a crate::workspace::Spec,
    pub log: Option<(&'a Path, &'a ReadOptions, &'a Mapping)>,
    pub cycle: Cycle,
    pub budget: Option<f64>,
    pub book: &'a PriceBook,
    pub outcome: &'a Outcome,
}

impl Plan {
    /// The plan of a Workspace spec's run: the spec and its sources fingerprinted, the
    /// spec's summary settings, and the result.
    pub fn of_spec(i: SpecPlanInputs<'_>) -> Result<Plan> {
        let spec_ref = SpecRef {
            file: Fingerprint::of(i.spec_path)?,
            sources: i
                .spec
                .sources()
                .map(Fingerprint::of)
                .collect::<Result<_>>()?,
        };
        let reveal_log = match i.log {
            Some((p, r, m)) => Some(SourceRef::of(p, r, m)?),
            None => None,
        };
        let mut plan = Plan::of_spec_result(&i.name, i.spec, i.cycle, i.budget, i.book, i.outcome);
        plan.spec = Some(spec_ref);
        plan.reveal_log = reveal_log;
        Ok(plan)
    }

    /// A spec's result as a plan without its files (an unsaved Workspace plan beside others
    /// in the window's Compare view): no file is read.
    pub fn of_spec_result(
        name: &str,
        spec: &crate::workspace::Spec,
        cycle: Cycle,
        budget: Option<f64>,
        book: &PriceBook,
        outcome: &Outcome,
    ) -> Plan {
        let now = Utc::now();
        Plan {
            format_version: FORMAT_VERSION,
            name: name.to_string(),
            notes: String::new(),
            created: now,
            modified: now,
            source: None,
            spec: None,
            reveal_log: None,
            settings: spec.summary_settings(book),
            cycle,
            budget,
            money: Money::default(),
            pricebook: PriceSnapshot {
                id: book.id.clone(),
                book: book.clone(),
            },
            result: Some(SavedResult::of(outcome)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Progress;

    #[test]
    fn read_beside_hashes_the_files_and_a_failed_read_comes_first() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.csv"));
        std::fs::write(&a, "Name\nAda\n").unwrap();
        std::fs::write(&b, vec![7u8; 3 << 20]).unwrap();
        let p = Progress::new();
        let (v, f) = read_beside(&[&a, &b], &p, || Ok(42)).unwrap();
        assert_eq!(v, 42);
        assert_eq!(
            f,
            vec![Fingerprint::of(&a).unwrap(), Fingerprint::of(&b).unwrap()]
        );
        assert!(!p.is_cancelled());
        // The read's own error, not the hash's (the missing file).
        let missing = dir.path().join("gone.csv");
        let e = read_beside(&[&b, &missing], &Progress::new(), || -> Result<()> {
            Err(Error::Setting("the read failed".into()))
        })
        .unwrap_err();
        assert!(e.to_string().contains("the read failed"), "{e}");
        // A read that succeeds still hears of a file that cannot be hashed.
        let e = read_beside(&[&missing], &Progress::new(), || Ok(())).unwrap_err();
        assert!(e.to_string().contains("gone.csv"), "{e}");
        // Nothing to hash: the read alone.
        assert_eq!(
            read_beside(&[], &Progress::new(), || Ok(1)).unwrap(),
            (1, vec![])
        );
    }
}
