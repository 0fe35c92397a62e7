//! Fit-to-budget (pricing.md §5): keep the first K billable contacts, the largest K whose
//! high estimate still fits the remaining credits.

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

/// The tally of the first `k` of `billable` contacts: only they, as billable rows, and the
/// companies their rows name.
fn prefix_tally(a: &Analysis, billable: &[u32], k: usize, seen: &mut [bool]) -> Tally {
    let mut t = Tally {
        rows: k as u64,
        ..Default::default()
    };
    seen.iter_mut().for_each(|x| *x = false);
    for &c in &billable[..k] {
        t.contacts[a.contact_flags[c as usize] as usize] += 1;
        let row = a.contact_rep[c as usize] as usize;
        let comp = a.row_company[row];
        if comp != crate::analysis::NONE && !seen[comp as usize] {
            seen[comp as usize] = true;
            t.companies += 1;
        }
    }
    t
}

pub fn fit_to_budget(a: &Analysis, s: &Settings, book: &PriceBook, budget: f64) -> Fit {
    let billable: Vec<u32> = (0..a.contact_flags.len() as u32)
        .filter(|&c| {
            matches!(
                contact_need(a.contact_flags[c as usize], s),
                ContactNeed::Billable { .. }
            )
        })
        .collect();
    let mut seen = vec![false; a.company_first_row.len()];
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
    Fit {
        kept: lo as u64,
        billable: billable.len() as u64,
        rows: billable[..lo]
            .iter()
            .map(|&c| a.contact_rep[c as usize])
            .collect(),
        estimate,
    }
}
