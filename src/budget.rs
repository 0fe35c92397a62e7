//! Fit-to-budget (pricing.md §5): keep the first K billable contacts (file order, or the
//! user's priority column, highest first), the largest K whose high estimate still fits the
//! remaining credits. At "keep everything" its estimate is the estimate's, to the credit.

use crate::analysis::{Analysis, Tally};
use crate::pricebook::PriceBook;
use crate::pricing::{self, ContactNeed, Estimate, Settings, contact_need};

#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    /// How many billable contacts are kept (file order).
    pub kept: u64,
    /// Of how many billable contacts.
    pub billable: u64,
    /// The representative rows kept, ascending.
    pub rows: Vec<u32>,
    /// The estimate of the kept contacts alone.
    pub estimate: Estimate,
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

/// The tally of the list with only the first `k` of the `billable` contacts kept: every row
/// of a contact cut beyond `k` leaves (its companies with it), everything else stays as the
/// estimate counts it. `cut[c]` is true for a billable contact beyond `k`.
fn prefix_tally(a: &Analysis, billable: &[u32], k: usize, cut: &mut [bool]) -> Tally {
    let mut t = a.tally.clone();
    cut.iter_mut().for_each(|x| *x = false);
    for &c in &billable[k..] {
        cut[c as usize] = true;
        t.contacts[a.contact_flags[c as usize] as usize] -= 1;
    }
    // Companies among identifiable rows that remain.
    let mut seen = vec![false; a.company_first_row.len()];
    let mut companies = 0;
    for (r, &c) in a.row_contact.iter().enumerate() {
        if c == crate::analysis::NONE {
            continue;
        }
        if cut[c as usize] {
            // The contact's rows leave the list: its own and its duplicates.
            t.rows -= 1;
            if a.contact_rep[c as usize] != r as u32 {
                t.duplicate_rows -= 1;
            }
            continue;
        }
        let comp = a.row_company[r];
        if comp != crate::analysis::NONE && !seen[comp as usize] {
            seen[comp as usize] = true;
            companies += 1;
        }
    }
    t.companies = companies;
    t
}

pub fn fit_to_budget(
    a: &Analysis,
    s: &Settings,
    book: &PriceBook,
    budget: f64,
    priority: Option<&Priority>,
) -> Fit {
    let mut billable: Vec<u32> = (0..a.contact_flags.len() as u32)
        .filter(|&c| {
            matches!(
                contact_need(a.contact_flags[c as usize], s),
                ContactNeed::Billable { .. }
            )
        })
        .collect();
    if let Some(p) = priority {
        // Highest first; file order (of the representative rows) breaks ties.
        let value = |c: u32| p.values[a.contact_rep[c as usize] as usize];
        billable.sort_by(|&x, &y| value(y).total_cmp(&value(x)).then(x.cmp(&y)));
    }
    let mut seen = vec![false; a.contact_flags.len()];
    let fits = |k: usize, seen: &mut [bool]| {
        let e = pricing::price(&prefix_tally(a, &billable, k, seen), s, book);
        e.total.high <= budget + pricing::BUDGET_EPSILON
    };
    // The high estimate grows with k, so the largest fitting k is found by bisection.
    let (mut lo, mut hi) = (0usize, billable.len());
    if fits(hi, &mut seen) {
        lo = hi;
    } else {
        while lo + 1 < hi {
            let mid = (lo + hi) / 2;
            if fits(mid, &mut seen) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
    }
    let estimate = pricing::price(&prefix_tally(a, &billable, lo, &mut seen), s, book);
    let mut rows: Vec<u32> = billable[..lo]
        .iter()
        .map(|&c| a.contact_rep[c as usize])
        .collect();
    rows.sort_unstable();
    Fit {
        kept: lo as u64,
        billable: billable.len() as u64,
        rows,
        estimate,
    }
}
