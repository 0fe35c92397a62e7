//! The expensive pass over a list: identity, contacts, the reveal log, and the compact
//! [`Tally`] that pricing works from.
//!
//! Everything here depends on the file, the mapping, the log and the cycle. Nothing here
//! depends on the channel, the selection or the assumptions, so those can change (and the
//! window re-price) without touching the file again.

use std::collections::HashMap;

use chrono::NaiveDate;
use polars::prelude::*;
use serde::{Deserialize, Serialize};

use crate::cycle::{Cycle, DateOrder, OrderEvidence, column_date_order, parse_date_in};
use crate::error::{Error, Result};
use crate::identity;
use crate::input::reader::ContactTable;
use crate::input::roles::{Mapping, Role};
use crate::progress::Progress;

pub use crate::tally::{SharedGroup, Tally, flags};

/// Marks "no contact" / "no company" in the per-row vectors.
pub const NONE: u32 = u32::MAX;

/// What the reveal log contributed, for messages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LogSummary {
    pub entries: u64,
    pub in_cycle: u64,
    pub outside_cycle: u64,
    pub undated: u64,
    pub matched_entries: u64,
    pub after_today: u64,
    /// Entries in the cycle that share a name identifier with a contact but were not
    /// counted, both carrying other strong identifiers (pricing.md §2).
    #[serde(default)]
    pub held_apart: u64,
    /// The contacts by flags if those entries were the same people (for the credits they
    /// would save).
    #[serde(default)]
    pub held_apart_contacts: Option<[u64; 16]>,
}

/// The contact flags an entry's data points set (email when it has a valid one, phone when
/// a phone cell holds a digit).
fn revealed(entry_flags: u8) -> u8 {
    let mut f = 0;
    if entry_flags & identity::row::EMAIL != 0 {
        f |= flags::REV_EMAIL;
    }
    if entry_flags & identity::row::PHONE != 0 {
        f |= flags::REV_PHONE;
    }
    f
}

/// The result of the expensive pass.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    pub tally: Tally,
    /// Per row: its contact's index, or [`NONE`] for an unmatchable row.
    pub row_contact: Vec<u32>,
    /// Per contact (in file order of their first rows): the representative row.
    pub contact_rep: Vec<u32>,
    /// Per contact: [`flags`].
    pub contact_flags: Vec<u8>,
    /// Per row: its company index ([`NONE`] when none or unmatchable).
    pub row_company: Vec<u32>,
    /// Per company: the first identifiable row that names it.
    pub company_first_row: Vec<u32>,
    /// The rows of each list analysed together (one range for a single list).
    pub table_rows: Vec<std::ops::Range<u32>>,
    pub log: Option<LogSummary>,
    pub warnings: Vec<String>,
    /// The columns named like a role but not used, with the warning that says why (also in
    /// `warnings`): shown beside their role in the window.
    pub unused_columns: Vec<(crate::input::roles::Role, String, String)>,
    /// Per duplicate row (ascending): the identifier and the row that joined it to its
    /// contact, for the row report.
    pub joins: Vec<(u32, identity::Join)>,
}

impl Analysis {
    /// The tally of some rows alone (one table of several): its rows, those unmatchable,
    /// the duplicates (of a contact first seen in an earlier row, in any table), the
    /// contacts it represents and the companies it names.
    pub fn tally_of(&self, rows: std::ops::Range<u32>) -> Tally {
        let mut t = Tally {
            rows: (rows.end - rows.start) as u64,
            ..Default::default()
        };
        let mut seen = std::collections::HashSet::new();
        for r in rows {
            let c = self.row_contact[r as usize];
            if c == NONE {
                t.unmatchable_rows += 1;
                continue;
            }
            if self.contact_rep[c as usize] == r {
                t.contacts[self.contact_flags[c as usize] as usize] += 1;
            } else {
                t.duplicate_rows += 1;
            }
            let company = self.row_company[r as usize];
            if company != NONE && seen.insert(company) {
                t.companies += 1;
            }
        }
        t
    }

    /// Contacts whose rows are in more than one of the lists analysed together, grouped by
    /// their flags and the lists (indices into [`Analysis::table_rows`], ascending; the
    /// first holds the contact's representative row). Reveals of a data point that no
    /// earlier list requested are charged in the later one (pricing.md §1: once per contact).
    pub fn shared_contacts(&self) -> Vec<SharedGroup> {
        if self.table_rows.len() < 2 {
            return Vec::new();
        }
        let table_of = |row: u32| self.table_rows.partition_point(|r| r.end <= row);
        let mut lists: HashMap<u32, Vec<usize>> = HashMap::new();
        for (t, range) in self.table_rows.iter().enumerate() {
            for r in range.clone() {
                let c = self.row_contact[r as usize];
                if c == NONE {
                    continue;
                }
                let home = table_of(self.contact_rep[c as usize]);
                if home == t {
                    continue;
                }
                let l = lists.entry(c).or_insert_with(|| vec![home]);
                if l.last() != Some(&t) {
                    l.push(t);
                }
            }
        }
        let mut groups: std::collections::BTreeMap<(u8, Vec<usize>), u64> = Default::default();
        for (c, tables) in lists {
            *groups
                .entry((self.contact_flags[c as usize], tables))
                .or_default() += 1;
        }
        groups
            .into_iter()
            .map(|((flags, tables), contacts)| SharedGroup {
                flags,
                tables,
                contacts,
            })
            .collect()
    }

    /// Each analysed list's own tally, in order.
    pub fn table_tallies(&self) -> Vec<Tally> {
        self.table_rows
            .iter()
            .map(|r| self.tally_of(r.clone()))
            .collect()
    }

    /// What joined a duplicate row to its contact (None for other rows).
    pub fn join_of(&self, row: usize) -> Option<identity::Join> {
        self.joins
            .binary_search_by_key(&(row as u32), |(r, _)| *r)
            .ok()
            .map(|i| self.joins[i].1)
    }

    pub fn is_representative(&self, row: usize) -> bool {
        let c = self.row_contact[row];
        c != NONE && self.contact_rep[c as usize] as usize == row
    }
}

/// A reveal log and the roles of its columns.
pub struct RevealLog<'a> {
    pub table: &'a ContactTable,
    pub mapping: &'a Mapping,
}

fn check_mapping(table: &ContactTable, mapping: &Mapping) -> Result<()> {
    for (role, cols) in &mapping.roles {
        for c in cols {
            if !table.headers.contains(c) {
                return Err(Error::Setting(format!(
                    "{}: the {} column `{c}` does not exist; the columns are: {}",
                    table.path.display(),
                    role.key(),
                    table.headers.join(", ")
                )));
            }
        }
    }
    Ok(())
}

/// Run identity, contacts and the reveal log over a list.
pub fn analyze(
    list: &ContactTable,
    mapping: &Mapping,
    log: Option<RevealLog<'_>>,
    cycle: &Cycle,
    today: NaiveDate,
    progress: &Progress,
) -> Result<Analysis> {
    analyze_tables(&[(list, mapping)], log, cycle, today, progress)
}

/// [`analyze`] over several lists read as one (a Workspace spec's sourced tables, in table
/// order): contacts are connected components over the rows of every list, so a contact
/// first seen in an earlier list is a duplicate in a later one. Rows are numbered on from
/// one list to the next; [`Analysis::table_rows`] gives each list's range.
pub fn analyze_tables(
    parts: &[(&ContactTable, &Mapping)],
    log: Option<RevealLog<'_>>,
    cycle: &Cycle,
    today: NaiveDate,
    progress: &Progress,
) -> Result<Analysis> {
    let total: usize = parts.iter().map(|(list, _)| list.rows()).sum();
    let mut pass = Pass::new(parts.len(), total);
    for (list, mapping) in parts {
        pass.check(list, mapping)?;
    }
    let timings = std::env::var_os("ENRICHPLAN_TIMINGS").is_some();
    let t0 = std::time::Instant::now();
    // Progress in percent of the analysis (the identifier pass is most of it).
    progress.set_total(100);
    progress.set_done(5);
    for (list, mapping) in parts {
        let base = pass.rows() as u64;
        let tick = |done: usize| {
            progress.set_done(pass_percent(base, done as u64, total));
            !progress.is_cancelled()
        };
        pass.begin(list, mapping);
        pass.rows_of(&list.df, &list.lines, &tick)?;
        pass.end();
    }
    if timings {
        eprintln!(
            "  identifiers and contacts: {:.3}s",
            t0.elapsed().as_secs_f64()
        );
    }
    if progress.is_cancelled() {
        return Err(Error::Cancelled);
    }
    let a = pass.finish(log, cycle, today);
    progress.set_done(95);
    if timings {
        eprintln!("  contacts, flags, log: {:.3}s", t0.elapsed().as_secs_f64());
    }
    a
}

/// The analysis's progress in percent once the rows of the lists before (`base`) and
/// `done` rows of the current list are read, of `total` rows: 5 as it starts, 90 when
/// every row is read (the identifier pass is most of the work; the contacts, flags and
/// log take it to 95).
fn pass_percent(base: u64, done: u64, total: usize) -> u64 {
    5 + (base + done) * 85 / total.max(1) as u64
}

const IDENTIFYING: [Role; 4] = [
    Role::Email,
    Role::LinkedinUrl,
    Role::CompanyName,
    Role::CompanyDomain,
];

/// The table a [`Pass`] is reading.
struct Current {
    path: std::path::PathBuf,
    mapping: Mapping,
    start: usize,
    lists_before: u64,
    /// Phone cells Excel wrote in scientific notation, and the first one's line.
    scientific: u64,
    scientific_line: Option<u64>,
}

/// The expensive pass as it goes, for tables whose rows arrive in runs (a list read whole,
/// or streamed from its file without holding its rows): [`Pass::check`] each table first,
/// then for each [`Pass::begin`], [`Pass::rows_of`] every run in row order, [`Pass::end`];
/// then [`Pass::finish`].
pub struct Pass {
    g: identity::Grouping,
    /// Several tables: warnings name the file.
    several: bool,
    /// Warnings about the mapping (all tables), then about the rows (table by table).
    checks: Vec<String>,
    /// [`Analysis::unused_columns`], as they are found.
    unused: Vec<(crate::input::roles::Role, String, String)>,
    warnings: Vec<String>,
    table_rows: Vec<std::ops::Range<u32>>,
    /// Each table's file and whether an identifying column is mapped.
    tables: Vec<(std::path::PathBuf, bool)>,
    current: Option<Current>,
}

impl Pass {
    /// A pass over `tables` tables of about `rows` rows in all (0 when not known).
    pub fn new(tables: usize, rows: usize) -> Pass {
        Pass {
            g: identity::Grouping::with_capacity(rows),
            several: tables > 1,
            checks: Vec::new(),
            unused: Vec::new(),
            warnings: Vec::new(),
            table_rows: Vec::new(),
            tables: Vec::new(),
            current: None,
        }
    }

    /// Rows taken so far, in all tables.
    pub fn rows(&self) -> usize {
        self.g.rows()
    }

    /// Room for about `rows` more rows (a guess from a file's size is fine).
    pub fn reserve(&mut self, rows: usize) {
        self.g.reserve(rows);
    }

    fn whose(&self, path: &std::path::Path) -> String {
        if self.several {
            format!("{}: ", path.display())
        } else {
            String::new()
        }
    }

    /// Check a table's mapping against its columns and first rows (`head` may be the
    /// table's first rows only): an error for a column that does not exist, warnings for a
    /// mapping the cells contradict or one that leaves every row unmatchable.
    pub fn check(&mut self, head: &ContactTable, mapping: &Mapping) -> Result<()> {
        check_mapping(head, mapping)?;
        let whose = self.whose(&head.path);
        let profiles = head.profiles(crate::input::roles::PROFILE_SAMPLE);
        for r in crate::input::roles::review(&head.headers, &profiles, mapping) {
            let text = format!("{whose}{}", r.text);
            if let Some((role, column)) = r.unused {
                self.unused.push((role, column, text.clone()));
            }
            self.checks.push(text);
        }
        if IDENTIFYING.iter().all(|r| mapping.columns(*r).is_empty()) {
            self.checks.push(format!(
                "{whose}no email, LinkedIn URL, company name or domain column is mapped: every row is unmatchable"
            ));
        }
        Ok(())
    }

    /// Start the next table.
    pub fn begin(&mut self, table: &ContactTable, mapping: &Mapping) {
        self.current = Some(Current {
            path: table.path.clone(),
            mapping: mapping.clone(),
            start: self.g.rows(),
            lists_before: self.g.list_cells,
            scientific: 0,
            scientific_line: None,
        });
    }

    /// The next run of the current table's rows, with their lines; `tick(rows of the run
    /// done)` may cancel.
    pub fn rows_of(
        &mut self,
        df: &DataFrame,
        lines: &[u64],
        tick: &dyn Fn(usize) -> bool,
    ) -> Result<()> {
        let Some(cur) = self.current.as_mut() else {
            return Ok(());
        };
        if self.g.rows() + df.height() > NONE as usize - 1 {
            return Err(Error::input(
                &cur.path,
                None,
                format!("more than {} rows in all: too many to analyse", NONE - 1),
            ));
        }
        for c in cur.mapping.columns(Role::Phone) {
            let ca = df.column(c)?.str()?;
            for (r, v) in ca.iter().enumerate() {
                if v.is_some_and(is_scientific) {
                    cur.scientific += 1;
                    cur.scientific_line = cur.scientific_line.or(lines.get(r).copied());
                }
            }
        }
        identity::scan(df, &cur.mapping, &mut self.g, tick)?;
        Ok(())
    }

    /// The current table is done.
    pub fn end(&mut self) {
        let Some(cur) = self.current.take() else {
            return;
        };
        let whose = self.whose(&cur.path);
        // Phones Excel turned into numbers (`4.47712E+11`) still count as phones, but their
        // last digits are gone. The value itself stays out of the message: warnings are
        // saved in plans.
        if let Some(line) = cur.scientific_line {
            self.warnings.push(format!(
                "{} like numbers Excel rewrote in scientific notation, like 4.47712E+11 (first on line {line}): digits were lost; they still count as phones, but export the column as text to keep them",
                crate::text::count(cur.scientific, "phone cell looks", "phone cells look")
            ));
        }
        let list_cells = self.g.list_cells - cur.lists_before;
        if list_cells > 0 {
            self.warnings.push(format!(
                "{whose}{} read as a list of addresses (a display name, mailto:, quotes or several addresses): every address counts as the contact's, and the trimmed upload file keeps the first",
                crate::text::count(list_cells, "email cell was", "email cells were")
            ));
        }
        let mapped = IDENTIFYING
            .iter()
            .any(|r| !cur.mapping.columns(*r).is_empty());
        self.table_rows.push(cur.start as u32..self.g.rows() as u32);
        self.tables.push((cur.path, mapped));
    }

    /// Contacts, their flags, the reveal log and the tally.
    pub fn finish(
        mut self,
        log: Option<RevealLog<'_>>,
        cycle: &Cycle,
        today: NaiveDate,
    ) -> Result<Analysis> {
        self.end();
        let g = &mut self.g;
        let n = g.rows();
        let mut warnings = std::mem::take(&mut self.checks);
        warnings.append(&mut self.warnings);

        // Contacts in file order of their first rows.
        let mut row_contact = vec![NONE; n];
        let mut contact_rep: Vec<u32> = Vec::new();
        // Per root row, its contact's number.
        let mut contact_of_root: Vec<u32> = vec![NONE; n];
        let (mut unmatchable, mut duplicates) = (0u64, 0u64);
        let (roots, row_flags) = g.roots();
        for (r, contact) in row_contact.iter_mut().enumerate() {
            if row_flags[r] & identity::row::ID == 0 {
                unmatchable += 1;
                continue;
            }
            let root = roots[r];
            let c = &mut contact_of_root[root as usize];
            if *c == NONE {
                contact_rep.push(root);
                *c = contact_rep.len() as u32 - 1;
            }
            *contact = *c;
            if root as usize != r {
                duplicates += 1;
            }
        }
        drop(contact_of_root);
        let apart = row_flags
            .iter()
            .filter(|f| *f & identity::row::APART != 0)
            .count() as u64;
        if apart > 0 {
            warnings.push(format!(
                "{} a full name and company with another contact that has its own email or LinkedIn URL: counted as different people (a name never joins two people who carry their own)",
                crate::text::count(apart, "row shares", "rows share")
            ));
        }
        if g.ambiguous_clusters > 0 {
            warnings.push(format!(
                "{} without an email or LinkedIn URL {} the name of several contacts: each counted as a contact of its own",
                crate::text::count(g.ambiguous_clusters, "contact", "contacts"),
                if g.ambiguous_clusters == 1 { "matches" } else { "match" }
            ));
        }
        let shared = g.shared_phones(3, &|r| row_contact[r as usize]);
        if shared.numbers > 0 {
            warnings.push(format!(
                "{} on the rows of 3 or more different contacts (a switchboard or company line?), affecting {}: it may not be each person's own phone, and \"only what the file lacks\" takes it as one",
                crate::text::count(shared.numbers, "phone number is", "phone numbers are"),
                crate::text::count(shared.contacts, "contact", "contacts")
            ));
        }
        let joins = g.take_joins();
        let mut contact_flags = vec![0u8; contact_rep.len()];
        for (r, f) in g.flags.iter().enumerate() {
            let c = row_contact[r];
            if c == NONE {
                continue;
            }
            if f & identity::row::EMAIL != 0 {
                contact_flags[c as usize] |= flags::HAS_EMAIL;
            }
            if f & identity::row::PHONE != 0 {
                contact_flags[c as usize] |= flags::HAS_PHONE;
            }
        }
        let log_summary = match log {
            Some(log) => Some(apply_log(
                g,
                &row_contact,
                &mut contact_flags,
                log,
                cycle,
                today,
                &mut warnings,
            )?),
            None => None,
        };

        let mut tally = Tally {
            rows: n as u64,
            unmatchable_rows: unmatchable,
            duplicate_rows: duplicates,
            contacts: [0; 16],
            companies: g.company_first_row.len() as u64,
        };
        for f in &contact_flags {
            tally.contacts[*f as usize] += 1;
        }
        // A list of which no row can be matched is always explained (a 0 is never silent).
        for ((path, mapped), range) in self.tables.iter().zip(&self.table_rows) {
            let rows = (range.end - range.start) as u64;
            let unmatched = range
                .clone()
                .filter(|&r| row_contact[r as usize] == NONE)
                .count() as u64;
            if rows > 0 && unmatched == rows && *mapped {
                let whose = if self.several {
                    format!("{}: ", path.display())
                } else {
                    String::new()
                };
                warnings.push(format!(
                    "{whose}none of the {} can be matched: no row has a valid email, a LinkedIn person URL, or a full name with a company name or domain; check the column roles (or the sheet)",
                    crate::text::count(rows, "row", "rows")
                ));
            }
        }
        Ok(Analysis {
            tally,
            row_contact,
            contact_rep,
            contact_flags,
            row_company: std::mem::take(&mut g.row_company),
            company_first_row: std::mem::take(&mut g.company_first_row),
            table_rows: self.table_rows,
            log: log_summary,
            warnings,
            unused_columns: std::mem::take(&mut self.unused),
            joins,
        })
    }
}

/// `4.47712E+11`, `4,47712E+11`, `1E+12`.
pub fn is_scientific(v: &str) -> bool {
    let v = v.trim().trim_start_matches('+');
    let Some((mantissa, exp)) = v.split_once(['E', 'e']) else {
        return false;
    };
    let exp = exp.strip_prefix('+').unwrap_or(exp);
    !mantissa.is_empty()
        && mantissa.chars().next().is_some_and(|c| c.is_ascii_digit())
        && mantissa
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && !exp.is_empty()
        && exp.chars().all(|c| c.is_ascii_digit())
}

#[allow(clippy::too_many_arguments)]
fn apply_log(
    index: &mut identity::Grouping,
    row_contact: &[u32],
    contact_flags: &mut [u8],
    log: RevealLog<'_>,
    cycle: &Cycle,
    today: NaiveDate,
    warnings: &mut Vec<String>,
) -> Result<LogSummary> {
    check_mapping(log.table, log.mapping)?;
    let path = &log.table.path;
    let entries = log.table.rows();
    let log_ids = identity::table_ids(&log.table.df, log.mapping)?;

    // Each entry's date, email and phone.
    let date_cols = log.mapping.columns(Role::Date);
    let mut summary = LogSummary {
        entries: entries as u64,
        ..Default::default()
    };
    let mut counts = vec![false; entries];
    // Per entry, the first date column in file order whose cell is not empty
    // (pricing.md §1: the first usable column of a single-valued role).
    let date_col = match date_cols {
        [] => None,
        [c] => Some(log.table.df.column(c)?.str()?.clone()),
        several => {
            let mut in_order: Vec<&String> = several.iter().collect();
            in_order.sort_by_key(|c| log.table.headers.iter().position(|h| h == *c));
            let cols = in_order
                .iter()
                .map(|c| Ok(log.table.df.column(c)?.str()?.clone()))
                .collect::<Result<Vec<StringChunked>>>()?;
            let first: StringChunked = (0..entries)
                .map(|e| {
                    cols.iter()
                        .filter_map(|c| c.get(e))
                        .find(|v| !v.trim().is_empty())
                        .unwrap_or("")
                        .to_string()
                })
                .map(Some)
                .collect();
            Some(first)
        }
    };
    let order = log_date_order(log.table, date_col.as_ref(), warnings)?;
    for (e, counted) in counts.iter_mut().enumerate() {
        let raw = date_col.as_ref().and_then(|c| c.get(e)).unwrap_or("");
        let date = if raw.trim().is_empty() {
            summary.undated += 1;
            None
        } else {
            match parse_date_in(raw, order) {
                Some(d) => Some(d),
                None => {
                    return Err(Error::input(
                        path,
                        Some(log.table.lines[e]),
                        format!(
                            "reveal date `{}` is not a date{} (use YYYY-MM-DD, DD.MM.YYYY, DD/MM/YYYY or MM/DD/YYYY)",
                            raw.trim(),
                            if log.table.date_order.is_some() {
                                format!(" read {}", order.label())
                            } else {
                                String::new()
                            }
                        ),
                    ));
                }
            }
        };
        if date.is_some_and(|d| d > today) {
            summary.after_today += 1;
        }
        *counted = cycle.contains(date);
        if *counted {
            summary.in_cycle += 1;
        } else {
            summary.outside_cycle += 1;
        }
    }
    // Entries meet contacts (pricing.md §2): every contact an entry shares a strong
    // identifier with; beyond those, the one contact holding its name identifiers when
    // exactly one does and, if the entry has a strong identifier, that contact has none.
    // Entries never join contacts.
    let mut contact_strong = vec![false; contact_flags.len()];
    for (r, f) in index.flags.iter().enumerate() {
        if f & identity::row::STRONG != 0 && row_contact[r] != NONE {
            contact_strong[row_contact[r] as usize] = true;
        }
    }
    let mut matched = vec![false; entries];
    // Contacts a name would match if the entry's strong identifiers did not stop it.
    let mut if_same: Vec<(usize, u32)> = Vec::new();
    let mut held_apart = 0u64;
    for run in log_ids.ids.chunk_by(|a, b| a.0 == b.0) {
        let e = run[0].0 as usize;
        let mut by_strong: Vec<u32> = Vec::new();
        let mut by_name: Vec<u32> = Vec::new();
        for (_, key) in run {
            let strong = key.kind().is_strong();
            for r in index.rows_with(key) {
                let c = row_contact[r as usize];
                let into = if strong { &mut by_strong } else { &mut by_name };
                if c != NONE && !into.contains(&c) {
                    into.push(c);
                }
            }
        }
        let entry_strong = log_ids.flags[e] & identity::row::STRONG != 0;
        let mut hits = by_strong.clone();
        if let [c] = by_name[..] {
            if !entry_strong || !contact_strong[c as usize] {
                if !hits.contains(&c) {
                    hits.push(c);
                }
            } else if !hits.contains(&c) && counts[e] {
                held_apart += 1;
                if_same.push((e, c));
            }
        } else if entry_strong
            && counts[e]
            && by_name
                .iter()
                .any(|c| contact_strong[*c as usize] && !by_strong.contains(c))
        {
            // Several contacts hold the name: counted as held apart, nothing to save.
            held_apart += 1;
        }
        matched[e] = !hits.is_empty();
        if !counts[e] {
            continue;
        }
        for c in hits {
            contact_flags[c as usize] |= revealed(log_ids.flags[e]);
        }
    }
    if held_apart > 0 {
        let mut alt = contact_flags.to_vec();
        for (e, c) in &if_same {
            alt[*c as usize] |= revealed(log_ids.flags[*e]);
        }
        summary.held_apart = held_apart;
        let mut t = Tally::default();
        for f in alt {
            t.contacts[f as usize] += 1;
        }
        summary.held_apart_contacts = Some(t.contacts);
    }
    summary.matched_entries = matched.iter().filter(|m| **m).count() as u64;

    // The file's name: a full path can be a cache folder the user never chose.
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    if date_cols.is_empty() {
        warnings.push(format!(
            "reveal log {name}: no date column; every entry was assumed to be in the current billing cycle"
        ));
    } else if cycle.renewal.is_none() {
        warnings.push(format!(
            "reveal log {name}: no renewal date given; every entry was assumed to be in the current billing cycle"
        ));
    } else if summary.undated > 0 {
        warnings.push(format!(
            "reveal log {name}: {} without a date: counted as in the current billing cycle",
            crate::text::count(summary.undated, "entry", "entries")
        ));
    }
    if summary.outside_cycle > 0 {
        warnings.push(format!(
            "reveal log {name}: {} outside the current billing cycle: no longer counted",
            crate::text::count(summary.outside_cycle, "entry", "entries")
        ));
    }
    if summary.after_today > 0 {
        warnings.push(format!(
            "reveal log {name}: {} dated after today ({today})",
            crate::text::count(summary.after_today, "entry", "entries")
        ));
    }
    if summary.held_apart > 0 {
        warnings.push(format!(
            "reveal log {name}: {} a full name with a contact of the list but not counted: both carry other emails or LinkedIn URLs, so they were taken as different people",
            crate::text::count(summary.held_apart, "entry shares", "entries share"),
        ));
    }
    let unmatched = summary.entries - summary.matched_entries;
    if unmatched > 0 {
        warnings.push(format!(
            "reveal log {name}: {} match any contact of the list (of {})",
            crate::text::count(unmatched, "entry does not", "entries do not"),
            summary.entries
        ));
    }
    Ok(summary)
}

/// The order of a reveal log's `03/04/2026` dates: the user's choice, else what the whole
/// column settles (a day above 12), else month first with a warning asking to choose.
/// Both orders in one column is an error naming a line of each.
fn log_date_order(
    log: &ContactTable,
    dates: Option<&StringChunked>,
    warnings: &mut Vec<String>,
) -> Result<DateOrder> {
    if let Some(o) = log.date_order {
        return Ok(o);
    }
    let Some(dates) = dates else {
        return Ok(DateOrder::Mdy);
    };
    let name = log
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match column_date_order(dates.iter().map(|v| v.unwrap_or(""))) {
        OrderEvidence::NotNeeded => Ok(DateOrder::Mdy),
        OrderEvidence::Settled(o, _) => Ok(o),
        OrderEvidence::Ambiguous => {
            warnings.push(format!(
                "reveal log {name}: every date like 03/04/2026 reads both day-first and month-first; they were read month first (MM/DD/YYYY): if they are day first, choose the date order (--date-order dmy, or Dates under Reveal log in the window)"
            ));
            Ok(DateOrder::Mdy)
        }
        OrderEvidence::Mixed { dmy, mdy } => Err(Error::input(
            &log.path,
            Some(log.lines[dmy.min(mdy)]),
            format!(
                "the reveal dates are written both day first (line {}: `{}`) and month first (line {}: `{}`); correct the column, or choose the order with --date-order",
                log.lines[dmy],
                dates.get(dmy).unwrap_or("").trim(),
                log.lines[mdy],
                dates.get(mdy).unwrap_or("").trim()
            ),
        )),
    }
}

#[cfg(test)]
mod log_tests;
#[cfg(test)]
mod rules_tests;
#[cfg(test)]
mod test_support;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scientific_phones() {
        assert!(is_scientific("4.47712E+11"));
        assert!(is_scientific(" 4,47712E+11 "));
        assert!(is_scientific("1E+12"));
        assert!(!is_scientific("+44 20 7946 0018"));
        assert!(!is_scientific("Ext 12"));
        assert!(!is_scientific("E+12"));
    }
}

#[cfg(test)]
mod pass_tests;
