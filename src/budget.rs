//! Fit-to-budget (pricing.md §5): keep the first K billable contacts (file order, or the
//! user's priority column, highest first), the largest K whose high estimate still fits the
//! remaining credits. At "keep everything" its estimate is the estimate's, to the credit.

use std::sync::Arc;

use crate::analysis::{Analysis, NONE, Tally};
use crate::pricebook::PriceBook;
use crate::pricing::{self, ContactNeed, Estimate, Settings, contact_need};

#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    /// How many billable contacts are kept.
    pub kept: u64,
    /// Of how many billable contacts.
    pub billable: u64,
    /// The estimate of the kept contacts alone.
    pub estimate: Estimate,
    /// The keep order it was cut from (shared with the analysis' memo).
    table: Arc<FitTable>,
}

impl Fit {
    /// The representative rows kept, ascending (for the trimmed upload file; not needed to
    /// price, so not built on every re-price).
    pub fn rows(&self) -> Vec<u32> {
        self.table.kept_rows(self.kept as usize)
    }
}

/// A priority column's value per row: numbers as read, anything else below every number.
#[derive(Clone, Debug, PartialEq)]
pub struct Priority {
    pub column: String,
    pub values: Vec<f64>,
    /// Non-empty cells that are not numbers (ranked lowest, in file order).
    pub not_numbers: u64,
}

impl Priority {
    /// Read a column as priorities: `12`, `3.5`, `1,200`, `-1` are numbers; an empty or
    /// other cell ranks below every number.
    pub fn of<'a>(column: &str, cells: impl Iterator<Item = &'a str>) -> Priority {
        let mut not_numbers = 0;
        let values = cells
            .map(|c| {
                let t = c.trim();
                match t.replace(',', "").parse::<f64>() {
                    Ok(v) if v.is_finite() => v,
                    _ => {
                        if !t.is_empty() {
                            not_numbers += 1;
                        }
                        f64::NEG_INFINITY
                    }
                }
            })
            .collect();
        Priority {
            column: column.to_string(),
            values,
            not_numbers,
        }
    }
}

/// Which flag values are billable under some settings: all that fit-to-budget's order
/// depends on besides the priority column.
fn billable_mask(s: &Settings) -> [bool; 16] {
    std::array::from_fn(|f| matches!(contact_need(f as u8, s), ContactNeed::Billable { .. }))
}

/// Flag counts are kept at every `CHECK`-th position of the keep order.
const CHECK: usize = 256;

/// The billable contacts in keep order and the tally of every prefix of it, built in one
/// pass over the rows; fitting a budget is then a bisection over lookups (microseconds),
/// whatever the list's size. One per analysis, billable set and priority column (see
/// [`Analysis::fit_table`]).
#[derive(PartialEq)]
pub struct FitTable {
    mask: [bool; 16],
    priority: Option<String>,
    /// Billable contacts, in keep order.
    order: Vec<u32>,
    /// The tally with every billable contact cut (k = 0).
    base: Tally,
    /// The flags of `order[p]`.
    flags: Vec<u8>,
    /// Flag counts of the first `i * CHECK` contacts.
    checkpoints: Vec<[u32; 16]>,
    /// Of the first k contacts (index k): their rows (duplicates included), their duplicate
    /// rows, and the companies first named by them (not by a contact always kept).
    rows: Vec<u32>,
    dups: Vec<u32>,
    companies: Vec<u32>,
    /// Representative rows per contact (for the kept rows).
    rep: Vec<u32>,
    /// Keep position of each contact (`NONE` when not billable).
    pos: Vec<u32>,
}

impl std::fmt::Debug for FitTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "FitTable({} billable, priority {:?})",
            self.order.len(),
            self.priority
        )
    }
}

impl FitTable {
    pub fn new(a: &Analysis, s: &Settings, priority: Option<&Priority>) -> FitTable {
        let mask = billable_mask(s);
        let mut order: Vec<u32> = (0..a.contact_flags.len() as u32)
            .filter(|&c| mask[a.contact_flags[c as usize] as usize])
            .collect();
        if let Some(p) = priority {
            // Highest first; file order (of the representative rows) breaks ties.
            let value = |c: u32| p.values[a.contact_rep[c as usize] as usize];
            order.sort_by(|&x, &y| value(y).total_cmp(&value(x)).then(x.cmp(&y)));
        }
        let n = order.len();
        let mut pos = vec![NONE; a.contact_flags.len()];
        for (p, &c) in order.iter().enumerate() {
            pos[c as usize] = p as u32;
        }
        let flags: Vec<u8> = order.iter().map(|&c| a.contact_flags[c as usize]).collect();
        let (mut rows_at, mut dups_at) = (vec![0u32; n], vec![0u32; n]);
        // A company stays while any kept row names it: always when a contact that is never
        // cut names it, else from the earliest keep position of a contact that does.
        let mut company_from = vec![u32::MAX; a.company_first_row.len()];
        const ALWAYS: u32 = u32::MAX - 1;
        for (r, &c) in a.row_contact.iter().enumerate() {
            if c == NONE {
                continue;
            }
            let p = pos[c as usize];
            if p != NONE {
                rows_at[p as usize] += 1;
                if a.contact_rep[c as usize] != r as u32 {
                    dups_at[p as usize] += 1;
                }
            }
            let comp = a.row_company[r];
            if comp != NONE {
                let from = &mut company_from[comp as usize];
                *from = if p == NONE || *from == ALWAYS {
                    ALWAYS
                } else {
                    (*from).min(p)
                };
            }
        }
        let mut new_companies = vec![0u32; n];
        let mut always = 0u64;
        for &from in &company_from {
            match from {
                ALWAYS => always += 1,
                u32::MAX => {}
                p => new_companies[p as usize] += 1,
            }
        }
        let prefix = |v: &[u32]| -> Vec<u32> {
            let mut out = Vec::with_capacity(v.len() + 1);
            let mut sum = 0u32;
            out.push(0);
            for x in v {
                sum += x;
                out.push(sum);
            }
            out
        };
        let mut base = a.tally.clone();
        for &f in &flags {
            base.contacts[f as usize] -= 1;
        }
        base.rows -= rows_at.iter().map(|&x| x as u64).sum::<u64>();
        base.duplicate_rows -= dups_at.iter().map(|&x| x as u64).sum::<u64>();
        base.companies = always;
        let mut checkpoints = vec![[0u32; 16]];
        let mut counts = [0u32; 16];
        for (p, &f) in flags.iter().enumerate() {
            counts[f as usize] += 1;
            if (p + 1) % CHECK == 0 {
                checkpoints.push(counts);
            }
        }
        FitTable {
            mask,
            priority: priority.map(|p| p.column.clone()),
            order,
            base,
            flags,
            checkpoints,
            rows: prefix(&rows_at),
            dups: prefix(&dups_at),
            companies: prefix(&new_companies),
            rep: a.contact_rep.clone(),
            pos,
        }
    }

    /// Whether this table is the one for these settings and priority column.
    fn serves(&self, s: &Settings, priority: Option<&Priority>) -> bool {
        self.mask == billable_mask(s)
            && self.priority.as_deref() == priority.map(|p| p.column.as_str())
    }

    pub fn billable(&self) -> usize {
        self.order.len()
    }

    /// The tally of the list with only the first `k` billable contacts kept: every row of
    /// a contact cut leaves (its companies with it), everything else stays as the estimate
    /// counts it.
    pub fn tally(&self, k: usize) -> Tally {
        let mut t = self.base.clone();
        let block = k / CHECK;
        for (f, n) in self.checkpoints[block].iter().enumerate() {
            t.contacts[f] += *n as u64;
        }
        for &f in &self.flags[block * CHECK..k] {
            t.contacts[f as usize] += 1;
        }
        t.rows += self.rows[k] as u64;
        t.duplicate_rows += self.dups[k] as u64;
        t.companies += self.companies[k] as u64;
        t
    }

    /// The representative rows of the first `k` contacts, ascending.
    fn kept_rows(&self, k: usize) -> Vec<u32> {
        // Contacts are numbered in file order of their representative rows.
        (0..self.pos.len())
            .filter(|&c| (self.pos[c] as usize) < k && self.pos[c] != NONE)
            .map(|c| self.rep[c])
            .collect()
    }
}

/// The largest number of billable contacts (in keep order) whose high estimate fits the
/// remaining credits, and its estimate.
pub fn fit_to_budget(
    a: &Analysis,
    s: &Settings,
    book: &PriceBook,
    budget: f64,
    priority: Option<&Priority>,
) -> Fit {
    let table = a.fit_table(s, priority);
    let fits = |k: usize| {
        let e = pricing::price(&table.tally(k), s, book);
        e.total.high <= budget + pricing::BUDGET_EPSILON
    };
    // The high estimate grows with k, so the largest fitting k is found by bisection.
    let (mut lo, mut hi) = (0usize, table.billable());
    if fits(hi) {
        lo = hi;
    } else {
        while lo + 1 < hi {
            let mid = (lo + hi) / 2;
            if fits(mid) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
    }
    let estimate = pricing::price(&table.tally(lo), s, book);
    Fit {
        kept: lo as u64,
        billable: table.billable() as u64,
        estimate,
        table,
    }
}

/// Fit tables already built for an analysis (a few: one per billable set and priority
/// column met while the user changes settings). Cloning an analysis starts an empty memo.
#[derive(Default)]
pub struct FitMemo(std::sync::Mutex<Vec<Arc<FitTable>>>);

impl Clone for FitMemo {
    fn clone(&self) -> Self {
        FitMemo::default()
    }
}

impl std::fmt::Debug for FitMemo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("FitMemo")
    }
}

impl FitMemo {
    /// The table for these settings and priority, built on first use. At most a handful
    /// are kept (the oldest leaves first).
    pub fn get(&self, a: &Analysis, s: &Settings, priority: Option<&Priority>) -> Arc<FitTable> {
        let mut tables = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(t) = tables.iter().find(|t| t.serves(s, priority)) {
            return t.clone();
        }
        let t = Arc::new(FitTable::new(a, s, priority));
        if tables.len() >= 4 {
            tables.remove(0);
        }
        tables.push(t.clone());
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{RevealLog, analyze};
    use crate::engine::{load_list, load_log};
    use crate::progress::Progress;

    /// The tally of the rows that stay when the contacts at keep positions `k..` leave,
    /// counted from scratch.
    fn brute(a: &Analysis, order: &[u32], k: usize) -> Tally {
        let mut cut = vec![false; a.contact_flags.len()];
        for &c in &order[k..] {
            cut[c as usize] = true;
        }
        let mut t = Tally::default();
        let mut seen = std::collections::HashSet::new();
        for (r, &c) in a.row_contact.iter().enumerate() {
            if c != NONE && cut[c as usize] {
                continue;
            }
            t.rows += 1;
            if c == NONE {
                t.unmatchable_rows += 1;
                continue;
            }
            if a.contact_rep[c as usize] == r as u32 {
                t.contacts[a.contact_flags[c as usize] as usize] += 1;
            } else {
                t.duplicate_rows += 1;
            }
            let comp = a.row_company[r];
            if comp != NONE && seen.insert(comp) {
                t.companies += 1;
            }
        }
        t
    }

    #[test]
    fn every_prefix_tally_equals_the_rows_that_stay() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
        let p = Progress::new();
        let list = load_list(&dir.join("contacts.csv"), &Default::default(), &p).unwrap();
        let log = load_log(&dir.join("reveal-log.csv"), &Default::default(), &p).unwrap();
        let a = analyze(
            &list.table,
            &list.detection.mapping,
            Some(RevealLog {
                table: &log.table,
                mapping: &log.detection.mapping,
            }),
            &Default::default(),
            chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            &p,
        )
        .unwrap();
        assert!(a.tally.duplicate_rows > 0 && a.tally.companies > 0);
        // A priority that shuffles the order (ties broken by file order).
        let prio = Priority {
            column: "x".into(),
            values: (0..a.row_contact.len())
                .map(|r| ((r * 7919) % 13) as f64)
                .collect(),
            not_numbers: 0,
        };
        let book = crate::pricebook::shipped().remove(0);
        let mut s = Settings::defaults(&book);
        for only_missing in [false, true] {
            s.only_missing = only_missing;
            for priority in [None, Some(&prio)] {
                let t = FitTable::new(&a, &s, priority);
                assert!(
                    t.billable() > CHECK + 1,
                    "crosses a checkpoint: {}",
                    t.billable()
                );
                assert_eq!(
                    t.tally(t.billable()),
                    a.tally,
                    "keeping all is the estimate's"
                );
                for k in (0..=t.billable()).step_by(37).chain([CHECK, CHECK + 1]) {
                    assert_eq!(t.tally(k), brute(&a, &t.order, k), "k = {k}");
                }
                let rows = t.kept_rows(100);
                assert_eq!(rows.len(), 100);
                assert!(rows.windows(2).all(|w| w[0] < w[1]));
                let mut want: Vec<u32> = t.order[..100]
                    .iter()
                    .map(|&c| a.contact_rep[c as usize])
                    .collect();
                want.sort_unstable();
                assert_eq!(rows, want);
            }
        }
        // The memo serves the same table again, and another for other settings.
        let t1 = a.fit_table(&s, None);
        assert!(Arc::ptr_eq(&t1, &a.fit_table(&s, None)));
        s.only_missing = !s.only_missing;
        assert!(!Arc::ptr_eq(&t1, &a.fit_table(&s, None)) || billable_mask(&s) == t1.mask);
    }
}
