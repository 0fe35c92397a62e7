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
    /// Where the keep order was cut.
    cut: Cut,
    /// The keep order it was cut from (shared with the analysis' memo).
    table: Arc<FitTable>,
}

impl Fit {
    /// The representative rows kept, ascending (for the trimmed upload file; not needed to
    /// price, so not built on every re-price).
    pub fn rows(&self) -> Vec<u32> {
        self.table.kept_rows(self.cut)
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

/// The columns of a table that can order a fit-to-budget cut: those whose sampled
/// non-empty cells (the first `sample` rows) are mostly numbers, as [`Priority::of`] reads
/// them (at least 80 %, and at least one number). Names, emails and other text are not.
pub fn numeric_columns(table: &crate::input::reader::ContactTable, sample: usize) -> Vec<String> {
    table
        .headers
        .iter()
        .filter(|h| {
            let Ok(col) = table.df.column(h.as_str()).and_then(|c| c.str().cloned()) else {
                return false;
            };
            let cells: Vec<&str> = col
                .iter()
                .take(sample)
                .map(|v| v.unwrap_or("").trim())
                .filter(|v| !v.is_empty())
                .collect();
            let p = Priority::of(h, cells.iter().copied());
            let numbers = cells.len() as u64 - p.not_numbers;
            numbers > 0 && numbers * 5 >= cells.len() as u64 * 4
        })
        .cloned()
        .collect()
}

/// Which flag values are billable under some settings: all that fit-to-budget's cut
/// depends on besides the priority column.
fn billable_mask(s: &Settings) -> [bool; 16] {
    std::array::from_fn(|f| matches!(contact_need(f as u8, s), ContactNeed::Billable { .. }))
}

/// Per-class counts are kept at every `CHECK`-th position of the keep order.
const CHECK: usize = 128;

/// Per flag class: how many contacts, and their rows (duplicates included).
type ClassCounts = [[u32; 2]; 16];

/// Every contact in keep order (file order, or the priority column's, highest first) and,
/// per flag class, the tally of every prefix of it, built in one pass over the rows. It
/// does not depend on the settings: which classes are billable is given to each lookup,
/// so after any settings change fitting a budget is a bisection over lookups
/// (microseconds), whatever the list's size. One per analysis and priority column (see
/// [`Analysis::fit_table`]).
#[derive(PartialEq)]
pub struct FitTable {
    priority: Option<String>,
    /// Every contact, in keep order.
    order: Vec<u32>,
    /// The flags and the rows (duplicates included) of `order[p]`.
    flags: Vec<u8>,
    rows: Vec<u32>,
    /// Per class, of the first `i * CHECK` contacts: how many, and their rows.
    checkpoints: Vec<ClassCounts>,
    /// The same of every contact.
    all: ClassCounts,
    /// Companies by the set of classes of the contacts naming them (bit `f` for class
    /// `f`): per set, the earliest keep position of a contact naming each, ascending. A
    /// company leaves with the cut only when every contact naming it is billable and cut.
    company_sets: Vec<(u16, Vec<u32>)>,
    /// Representative rows per contact (for the kept rows).
    rep: Vec<u32>,
    /// Keep position of each contact.
    pos: Vec<u32>,
    /// The list's tally (nothing cut).
    tally: Tally,
}

impl std::fmt::Debug for FitTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "FitTable({} contacts, priority {:?})",
            self.order.len(),
            self.priority
        )
    }
}

/// A fit-to-budget cut: the billable classes and the keep position it is cut at (every
/// billable contact before it is kept).
#[derive(Clone, Copy, Debug, PartialEq)]
struct Cut {
    mask: [bool; 16],
    at: usize,
}

impl FitTable {
    pub fn new(a: &Analysis, priority: Option<&Priority>) -> FitTable {
        let contacts = a.contact_flags.len();
        let mut order: Vec<u32> = (0..contacts as u32).collect();
        if let Some(p) = priority {
            // Highest first; file order (of the representative rows) breaks ties.
            let value = |c: u32| p.values[a.contact_rep[c as usize] as usize];
            order.sort_by(|&x, &y| value(y).total_cmp(&value(x)).then(x.cmp(&y)));
        }
        let mut pos = vec![0u32; contacts];
        for (p, &c) in order.iter().enumerate() {
            pos[c as usize] = p as u32;
        }
        let flags: Vec<u8> = order.iter().map(|&c| a.contact_flags[c as usize]).collect();
        let mut rows = vec![0u32; contacts];
        // Per company: the classes of the contacts naming it and the earliest of them.
        let mut company_classes = vec![0u16; a.company_first_row.len()];
        let mut company_from = vec![u32::MAX; a.company_first_row.len()];
        for (r, &c) in a.row_contact.iter().enumerate() {
            if c == NONE {
                continue;
            }
            let p = pos[c as usize];
            rows[p as usize] += 1;
            let comp = a.row_company[r];
            if comp != NONE {
                company_classes[comp as usize] |= 1 << a.contact_flags[c as usize];
                let from = &mut company_from[comp as usize];
                *from = (*from).min(p);
            }
        }
        let mut sets: std::collections::HashMap<u16, Vec<u32>> = Default::default();
        for (&classes, &from) in company_classes.iter().zip(&company_from) {
            if from != u32::MAX {
                sets.entry(classes).or_default().push(from);
            }
        }
        let mut company_sets: Vec<(u16, Vec<u32>)> = sets.into_iter().collect();
        company_sets.sort_unstable_by_key(|(set, _)| *set);
        for (_, from) in &mut company_sets {
            from.sort_unstable();
        }
        let mut checkpoints = vec![[[0u32; 2]; 16]];
        let mut counts = [[0u32; 2]; 16];
        for (p, (&f, &n)) in flags.iter().zip(&rows).enumerate() {
            counts[f as usize][0] += 1;
            counts[f as usize][1] += n;
            if (p + 1) % CHECK == 0 {
                checkpoints.push(counts);
            }
        }
        FitTable {
            priority: priority.map(|p| p.column.clone()),
            order,
            flags,
            rows,
            checkpoints,
            all: counts,
            company_sets,
            rep: a.contact_rep.clone(),
            pos,
            tally: a.tally.clone(),
        }
    }

    /// Whether this table is the one for this priority column.
    fn serves(&self, priority: Option<&Priority>) -> bool {
        self.priority.as_deref() == priority.map(|p| p.column.as_str())
    }

    /// Contacts of each class among the first `at` of the keep order, and their rows.
    fn prefix(&self, at: usize) -> ClassCounts {
        let block = at / CHECK;
        let mut c = self.checkpoints[block];
        for p in block * CHECK..at {
            let f = self.flags[p] as usize;
            c[f][0] += 1;
            c[f][1] += self.rows[p];
        }
        c
    }

    /// How many billable contacts come before keep position `cut.at`.
    fn kept(&self, cut: Cut) -> u64 {
        let c = self.prefix(cut.at);
        (0..16)
            .filter(|&f| cut.mask[f])
            .map(|f| c[f][0] as u64)
            .sum()
    }

    /// The tally of the list with only the billable contacts before `cut.at` kept: every
    /// row of a contact cut leaves (its companies with it unless a kept row names them),
    /// everything else stays as the estimate counts it.
    fn tally(&self, cut: Cut) -> Tally {
        let mut t = self.tally.clone();
        let kept = self.prefix(cut.at);
        let mut set = 0u16;
        for f in (0..16).filter(|&f| cut.mask[f]) {
            set |= 1 << f;
            let cut_contacts = (self.all[f][0] - kept[f][0]) as u64;
            let cut_rows = (self.all[f][1] - kept[f][1]) as u64;
            t.contacts[f] -= cut_contacts;
            t.rows -= cut_rows;
            t.duplicate_rows -= cut_rows - cut_contacts;
        }
        for (classes, from) in &self.company_sets {
            if classes & !set == 0 {
                let stay = from.partition_point(|&p| (p as usize) < cut.at);
                t.companies -= (from.len() - stay) as u64;
            }
        }
        t
    }

    /// The representative rows of the billable contacts kept, ascending.
    fn kept_rows(&self, cut: Cut) -> Vec<u32> {
        // Contacts are numbered in file order of their representative rows.
        (0..self.pos.len())
            .filter(|&c| {
                (self.pos[c] as usize) < cut.at
                    && cut.mask[self.flags[self.pos[c] as usize] as usize]
            })
            .map(|c| self.rep[c])
            .collect()
    }
}

/// The largest number of billable contacts (in keep order) whose high estimate fits the
/// remaining credits, and its estimate.
pub fn fit_to_budget(table: Arc<FitTable>, s: &Settings, book: &PriceBook, budget: f64) -> Fit {
    let mask = billable_mask(s);
    let cut = |at: usize| Cut { mask, at };
    let fits = |at: usize| {
        let e = pricing::price(&table.tally(cut(at)), s, book);
        e.total.high <= budget + pricing::BUDGET_EPSILON
    };
    // The high estimate grows with the cut's position, so the largest fitting one is
    // found by bisection.
    let (mut lo, mut hi) = (0usize, table.order.len());
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
    let estimate = pricing::price(&table.tally(cut(lo)), s, book);
    Fit {
        kept: table.kept(cut(lo)),
        billable: table.kept(cut(table.order.len())),
        estimate,
        cut: cut(lo),
        table,
    }
}

/// Fit tables already built for one analysis (a few: one per priority column met while the
/// user changes settings), kept beside it by whoever holds the analysis (the window's
/// results); a clone starts empty.
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
    /// Whether the table for this priority column is built.
    pub fn has(&self, priority: Option<&Priority>) -> bool {
        let tables = self.0.lock().unwrap_or_else(|e| e.into_inner());
        tables.iter().any(|t| t.serves(priority))
    }

    /// The table for this priority column, built on first use. At most a handful
    /// are kept (the oldest leaves first).
    pub fn get(&self, a: &Analysis, priority: Option<&Priority>) -> Arc<FitTable> {
        let mut tables = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(t) = tables.iter().find(|t| t.serves(priority)) {
            return t.clone();
        }
        let t = Arc::new(FitTable::new(a, priority));
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

    /// The tally of the rows that stay when the contacts `cut` says leave, counted from
    /// scratch.
    fn brute(a: &Analysis, cut: impl Fn(u32) -> bool) -> Tally {
        let mut t = Tally::default();
        let mut seen = std::collections::HashSet::new();
        for (r, &c) in a.row_contact.iter().enumerate() {
            if c != NONE && cut(c) {
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

    /// The contacts of the billable classes, in the table's keep order.
    fn billable_in_order(t: &FitTable, a: &Analysis, mask: [bool; 16]) -> Vec<u32> {
        t.order
            .iter()
            .copied()
            .filter(|&c| mask[a.contact_flags[c as usize] as usize])
            .collect()
    }

    fn sample_analysis() -> Analysis {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
        let p = Progress::new();
        let list = load_list(&dir.join("contacts.csv"), &Default::default(), &p).unwrap();
        let log = load_log(&dir.join("reveal-log.csv"), &Default::default(), &p).unwrap();
        analyze(
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
        .unwrap()
    }

    /// The billable classes of every combination of the settings a billable set depends
    /// on, and more sets no settings give today (the table must not care which).
    fn masks() -> Vec<[bool; 16]> {
        let book = crate::pricebook::shipped().remove(0);
        let mut out = Vec::new();
        for email in [false, true] {
            for phone in [false, true] {
                for only_missing in [false, true] {
                    let mut s = Settings::defaults(&book);
                    s.selection.email = email;
                    s.selection.phone = phone;
                    s.only_missing = only_missing;
                    out.push(billable_mask(&s));
                }
            }
        }
        for i in 0..40u32 {
            let bits = i.wrapping_mul(2654435761) >> 16;
            out.push(std::array::from_fn(|f| bits & (1 << f) != 0));
        }
        out.push([false; 16]);
        out.push([true; 16]);
        out
    }

    #[test]
    fn every_cut_tally_equals_the_rows_that_stay() {
        let a = sample_analysis();
        assert!(a.tally.duplicate_rows > 0 && a.tally.companies > 0);
        // A priority that shuffles the order (ties broken by file order).
        let prio = Priority {
            column: "x".into(),
            values: (0..a.row_contact.len())
                .map(|r| ((r * 7919) % 13) as f64)
                .collect(),
            not_numbers: 0,
        };
        let masks = masks();
        assert!(masks.iter().filter(|m| m.iter().any(|b| *b)).count() > 10);
        for priority in [None, Some(&prio)] {
            let t = FitTable::new(&a, priority);
            let n = t.order.len();
            assert!(n > 2 * CHECK + 1, "crosses checkpoints: {n}");
            if priority.is_some() {
                assert_ne!(t.order, (0..n as u32).collect::<Vec<_>>(), "shuffled");
                let v = |c: u32| prio.values[a.contact_rep[c as usize] as usize];
                assert!(t.order.windows(2).all(|w| v(w[0]) >= v(w[1])));
            }
            for &mask in &masks {
                let cut = |at| Cut { mask, at };
                assert_eq!(t.tally(cut(n)), a.tally, "keeping all is the estimate's");
                let billable = billable_in_order(&t, &a, mask);
                assert_eq!(t.kept(cut(n)), billable.len() as u64);
                for at in (0..=n).step_by(29).chain([CHECK, CHECK + 1, n - 1]) {
                    let leaves = |c: u32| {
                        mask[a.contact_flags[c as usize] as usize]
                            && t.pos[c as usize] as usize >= at
                    };
                    assert_eq!(
                        t.tally(cut(at)),
                        brute(&a, leaves),
                        "mask {mask:?}, at {at}"
                    );
                    let kept = billable.iter().filter(|&&c| !leaves(c)).count();
                    assert_eq!(t.kept(cut(at)), kept as u64);
                }
                let at = n / 2;
                let rows = t.kept_rows(cut(at));
                assert!(rows.windows(2).all(|w| w[0] < w[1]));
                let mut want: Vec<u32> = t.order[..at]
                    .iter()
                    .filter(|&&c| mask[a.contact_flags[c as usize] as usize])
                    .map(|&c| a.contact_rep[c as usize])
                    .collect();
                want.sort_unstable();
                assert_eq!(rows, want);
            }
        }
        // The memo serves the same table again, whatever the settings, and another for a
        // priority column; it says which it has.
        let a = sample_analysis();
        let memo = FitMemo::default();
        assert!(!memo.has(None) && !memo.has(Some(&prio)));
        let t1 = memo.get(&a, None);
        assert!(memo.has(None) && !memo.has(Some(&prio)));
        assert!(Arc::ptr_eq(&t1, &memo.get(&a, None)));
        let t2 = memo.get(&a, Some(&prio));
        assert!(!Arc::ptr_eq(&t1, &t2));
        assert!(Arc::ptr_eq(&t2, &memo.get(&a, Some(&prio))));
        assert!(memo.has(Some(&prio)));
        assert!(!memo.clone().has(None), "a clone starts an empty memo");
    }

    #[test]
    fn priorities_are_finite_numbers_and_the_rest_ranks_last() {
        let cells = [
            "12",
            " 3.5 ",
            "1,200",
            "-1",
            "",
            "n/a",
            "inf",
            "NaN",
            "-infinity",
        ];
        let p = Priority::of("Score", cells.iter().copied());
        let low = f64::NEG_INFINITY;
        assert_eq!(
            p.values,
            vec![12.0, 3.5, 1200.0, -1.0, low, low, low, low, low],
            "inf and NaN are words here, not numbers"
        );
        assert_eq!(
            p.not_numbers, 4,
            "n/a, inf, NaN, -infinity; the empty cell is not counted"
        );
        assert_eq!(p.column, "Score");
    }

    #[test]
    fn the_fit_is_the_largest_cut_whose_high_fits() {
        let a = sample_analysis();
        let book = crate::pricebook::shipped().remove(0);
        let mut s = Settings::defaults(&book);
        for only_missing in [false, true] {
            s.only_missing = only_missing;
            let all = pricing::price(&a.tally, &s, &book).total.high;
            for share in [0.0, 0.013, 0.25, 0.5, 0.999, 1.0, 2.0] {
                let budget = all * share;
                let t = Arc::new(FitTable::new(&a, None));
                let fit = fit_to_budget(t.clone(), &s, &book, budget);
                let mask = billable_mask(&s);
                let billable = billable_in_order(&t, &a, mask);
                assert_eq!(fit.billable, billable.len() as u64);
                let price_of = |k: usize| {
                    let keep: std::collections::HashSet<u32> =
                        billable[..k].iter().copied().collect();
                    let leaves =
                        |c: u32| mask[a.contact_flags[c as usize] as usize] && !keep.contains(&c);
                    pricing::price(&brute(&a, leaves), &s, &book)
                };
                let k = fit.kept as usize;
                let at_k = price_of(k);
                assert!(k == 0 || at_k.total.high <= budget + pricing::BUDGET_EPSILON);
                assert_eq!(fit.estimate, at_k, "share {share}");
                if k < billable.len() {
                    assert!(price_of(k + 1).total.high > budget + pricing::BUDGET_EPSILON);
                }
                assert_eq!(fit.rows().len(), k);
            }
        }
    }

    /// The billable classes, pinned by hand (pricing.md §3): revealing email and phone, a
    /// contact with nothing revealed this cycle is billable and one with both revealed is
    /// not; with "only what the file lacks", one whose file has both needs nothing. Email
    /// alone: a contact whose email was revealed is not billable, one whose phone was is.
    #[test]
    fn billable_classes_by_hand() {
        use crate::tally::flags::{HAS_EMAIL, HAS_PHONE, REV_EMAIL, REV_PHONE};
        let book = crate::pricebook::shipped().remove(0);
        let mut s = Settings::defaults(&book);
        s.selection.email = true;
        s.selection.phone = true;
        let m = billable_mask(&s);
        assert!(m[0] && m[REV_EMAIL as usize] && m[REV_PHONE as usize]);
        assert!(!m[(REV_EMAIL | REV_PHONE) as usize]);
        assert!(
            m[(HAS_EMAIL | HAS_PHONE) as usize],
            "the file's own count for nothing"
        );
        s.only_missing = true;
        let m = billable_mask(&s);
        assert!(!m[(HAS_EMAIL | HAS_PHONE) as usize] && m[HAS_EMAIL as usize]);
        s.only_missing = false;
        s.selection.phone = false;
        let m = billable_mask(&s);
        assert!(!m[REV_EMAIL as usize] && m[REV_PHONE as usize] && m[0]);
    }

    /// A table's debug text names its size and order, not its vectors.
    #[test]
    fn a_fit_table_debugs_as_its_size() {
        let a = sample_analysis();
        let t = FitTable::new(&a, None);
        assert_eq!(
            format!("{t:?}"),
            format!("FitTable({} contacts, priority None)", t.order.len())
        );
    }

    /// Only columns of numbers can order the cut: a score and a size qualify, names,
    /// emails and a column of words with one number do not; empty cells do not count.
    #[test]
    fn numeric_columns_are_the_columns_of_numbers() {
        use polars::prelude::*;
        let col = |n: &str, v: &[&str]| Column::new(n.into(), v.to_vec());
        let df = DataFrame::new_infer_height(vec![
            col("First Name", &["Ann", "Bo", "Cy", "Di", "Ed"]),
            col("Lead Score", &["12", " 3.5", "", "1,200", "-1"]),
            col("Email", &["a@x.io", "b@x.io", "c@x.io", "d@x.io", "e@x.io"]),
            col("Size", &["11-50", "51-200", "7", "", "n/a"]),
            // Four numbers of five cells: 80 %, the least that counts (4 × 5 ≥ 5 × 4).
            col("Rank", &["1", "2", "3", "x", "5"]),
            // Three of five: 60 %, not a column of numbers (3 × 5 < 5 × 4).
            col("Mixed", &["1", "2", "3", "x", "y"]),
            col("Empty", &["", "", "", "", ""]),
        ])
        .unwrap();
        let table = crate::input::reader::ContactTable {
            path: "t.csv".into(),
            headers: df
                .get_column_names()
                .iter()
                .map(|s| s.to_string())
                .collect(),
            lines: (2..7).collect(),
            df,
            delimiter: b',',
            encoding: "UTF-8",
            bytes: 0,
            warnings: Vec::new(),
            date_order: None,
            sheet: None,
            sheets: Vec::new(),
        };
        assert_eq!(
            numeric_columns(&table, 500),
            vec!["Lead Score".to_string(), "Rank".to_string()]
        );
    }
}
