//! Per-row outcomes: each row's status, why, and its share of the expected credits.
//!
//! The shares add up to the estimate's expected total (Workspace actions, which belong to
//! tables rather than rows, aside), so the row report and the totals never disagree.

use serde::Serialize;

use crate::analysis::{Analysis, NONE};
use crate::pricebook::PriceBook;
use crate::pricing::{self, Channel, ContactNeed, Rates, Settings, contact_need};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RowStatus {
    Unmatchable,
    Duplicate,
    AlreadyRevealed,
    NothingNeeded,
    Billable,
}

impl RowStatus {
    pub const ALL: [RowStatus; 5] = [
        RowStatus::Unmatchable,
        RowStatus::Duplicate,
        RowStatus::AlreadyRevealed,
        RowStatus::NothingNeeded,
        RowStatus::Billable,
    ];

    pub fn key(self) -> &'static str {
        match self {
            RowStatus::Unmatchable => "unmatchable",
            RowStatus::Duplicate => "duplicate",
            RowStatus::AlreadyRevealed => "already_revealed",
            RowStatus::NothingNeeded => "nothing_needed",
            RowStatus::Billable => "billable",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RowStatus::Unmatchable => "Unmatchable",
            RowStatus::Duplicate => "Duplicate",
            RowStatus::AlreadyRevealed => "Already revealed",
            RowStatus::NothingNeeded => "Nothing needed",
            RowStatus::Billable => "Billable",
        }
    }
}

pub fn row_status(a: &Analysis, row: usize, s: &Settings) -> RowStatus {
    let c = a.row_contact[row];
    if c == NONE {
        return RowStatus::Unmatchable;
    }
    if a.contact_rep[c as usize] as usize != row {
        return RowStatus::Duplicate;
    }
    match contact_need(a.contact_flags[c as usize], s) {
        ContactNeed::AlreadyRevealed => RowStatus::AlreadyRevealed,
        ContactNeed::NothingNeeded => RowStatus::NothingNeeded,
        ContactNeed::Billable { .. } => RowStatus::Billable,
    }
}

/// Why a row has its status, in words for the row report. `lines` maps rows to file lines.
pub fn row_reason(a: &Analysis, row: usize, s: &Settings, lines: &[u64]) -> String {
    let c = a.row_contact[row];
    if c == NONE {
        return "no LinkedIn person URL, no valid email, and no full name with a company name or domain"
            .to_string();
    }
    let rep = a.contact_rep[c as usize] as usize;
    if rep != row {
        let line = |r: usize| lines.get(r).copied().unwrap_or(r as u64 + 2);
        // What joined it (an identifier shared with another row of the contact), and the
        // contact's first row when that is another one.
        return match a.join_of(row) {
            Some(j) if j.row as usize == rep => format!(
                "same {} as row {} (line {}); charged once",
                j.kind.label(),
                rep + 1,
                line(rep)
            ),
            Some(j) => format!(
                "same {} as row {} (line {}), of the contact first on row {} (line {}); charged once",
                j.kind.label(),
                j.row + 1,
                line(j.row as usize),
                rep + 1,
                line(rep)
            ),
            None => format!(
                "same contact as row {} (line {}); charged once",
                rep + 1,
                line(rep)
            ),
        };
    }
    match contact_need(a.contact_flags[c as usize], s) {
        ContactNeed::AlreadyRevealed => {
            "every requested data point was already revealed this billing cycle".to_string()
        }
        ContactNeed::NothingNeeded => {
            "the file already has every requested data point (only what the file lacks)".to_string()
        }
        ContactNeed::Billable { email, phone } => match (email, phone) {
            (true, true) => "needs email and phone".to_string(),
            (true, false) => "needs email".to_string(),
            (false, true) => "needs phone".to_string(),
            (false, false) => "no reveal requested (Workspace actions only)".to_string(),
        },
    }
}

/// Each row's share of the expected credits (per-contact items on the representative row,
/// per-company items on the company's first identifiable row, bulk fees split evenly over
/// a batch). On the Workspace channel every row also carries its AI Data cells and Signals
/// (they run on every row), and an even share of the table's exports and AI chat, so the
/// shares add up to the expected total on every channel.
pub fn row_credits(a: &Analysis, s: &Settings, book: &PriceBook) -> Vec<f64> {
    let p = &book.prices;
    let r = Rates::of(&s.assumptions, s.channel, |x| x.expected);
    let n = a.row_contact.len();
    let mut out = vec![0.0; n];
    let batch = pricing::batch_size(s, p) as u64;
    let billable: u64 = a
        .contact_flags
        .iter()
        .filter(|f| matches!(contact_need(**f, s), ContactNeed::Billable { .. }))
        .count() as u64;
    let mut k = 0u64; // billable contacts seen so far (file order)
    // A request's fee is the same for every contact (single) or batch (bulk): computed
    // once each, not per contact (a bulk batch's fee sums over its size).
    let single_fee = pricing::request_fees(1, Channel::ApiSingle, 1, r.matched, p);
    let mut batch_share = (u64::MAX, 0.0);
    for (ci, &f) in a.contact_flags.iter().enumerate() {
        let ContactNeed::Billable { email, phone } = contact_need(f, s) else {
            continue;
        };
        let row = a.contact_rep[ci] as usize;
        let mut v = 0.0;
        if email {
            v += r.matched * r.email * p.email;
        }
        if phone {
            v += r.matched * r.phone * p.phone;
        }
        v += match s.channel {
            Channel::ApiSingle => single_fee,
            Channel::ApiBulk => {
                let batch_start = k / batch * batch;
                if batch_share.0 != batch_start {
                    let size = batch.min(billable - batch_start);
                    let fee = pricing::request_fees(size, s.channel, batch as u32, r.matched, p);
                    batch_share = (batch_start, fee / size as f64);
                }
                batch_share.1
            }
            _ => 0.0,
        };
        if s.channel.is_api() && s.extras.contact_signals {
            v += r.matched * p.contact_signal;
        }
        if s.channel == Channel::Recommendations {
            v += p.blurred_row;
        }
        out[row] += v;
        k += 1;
    }
    if s.channel == Channel::Workspace && n > 0 {
        let w = pricing::workspace_items(&s.workspace, n as u64, p, |x| x.expected);
        let per_row = w.iter().sum::<f64>() / n as f64;
        out.iter_mut().for_each(|v| *v += per_row);
    }
    if s.channel.is_api() {
        let per_company = r.matched
            * (s.extras.company as u8 as f64 * p.api_company
                + s.extras.company_signals as u8 as f64 * p.company_signal);
        if per_company > 0.0 {
            for &row in &a.company_first_row {
                out[row as usize] += per_company;
            }
        }
    }
    out
}

/// Contact ids as shown in reports: `C` and the contact's 1-based number in file order.
pub fn contact_id(a: &Analysis, row: usize) -> String {
    match a.row_contact[row] {
        NONE => String::new(),
        c => format!("C{:06}", c + 1),
    }
}

#[cfg(test)]
mod tests;
