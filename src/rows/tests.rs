//! The row report's rules on a hand-built analysis (pricing.md §1: one status per row,
//! first that applies; the duplicate's reason names what joined it; each row's share of
//! the expected credits). Prices and rates are the test's own, chosen so that every term
//! shows in the sum (binary fractions: the arithmetic is exact).

use super::*;
use crate::analysis::flags::{HAS_EMAIL, HAS_PHONE, REV_EMAIL, REV_PHONE};
use crate::identity::{IdKind, Join};
use crate::pricebook::RateRange;
use crate::pricing::{AiDataColumn, Assumptions, ExportRows, Selection, SignalsColumn};

/// Eight rows, four contacts, two companies:
///
/// | row | contact | flags | company | |
/// |---|---|---|---|---|
/// | 0 | 0 | has an email | 0 (first) | |
/// | 1 | 1 | — | 1 (first) | |
/// | 2 | 0 | | 0 | joined to row 0 by email |
/// | 3 | — | | — | unmatchable |
/// | 4 | 2 | email and phone revealed this cycle | 0 | |
/// | 5 | 3 | has an email and a phone | 1 | |
/// | 6 | 0 | | 0 | joined to row 2 by name and domain |
/// | 7 | 1 | | 1 | no join recorded |
fn analysis() -> Analysis {
    Analysis {
        row_contact: vec![0, 1, 0, NONE, 2, 3, 0, 1],
        contact_rep: vec![0, 1, 4, 5],
        contact_flags: vec![HAS_EMAIL, 0, REV_EMAIL | REV_PHONE, HAS_EMAIL | HAS_PHONE],
        row_company: vec![0, 1, 0, NONE, 0, 1, 0, 1],
        company_first_row: vec![0, 1],
        joins: vec![
            (
                2,
                Join {
                    kind: IdKind::Email,
                    row: 0,
                },
            ),
            (
                6,
                Join {
                    kind: IdKind::NameDomain,
                    row: 2,
                },
            ),
        ],
        ..Default::default()
    }
}

/// The shipped book with every price of its own (distinct, so a term taken twice or
/// dropped shows).
fn book() -> PriceBook {
    let mut b = crate::pricebook::default_book();
    let p = &mut b.prices;
    p.email = 2.0;
    p.phone = 7.0;
    p.api_result = 3.0;
    p.api_request_min = 1.0;
    p.api_bulk_block = 11.0;
    p.api_bulk_block_size = 2;
    p.api_bulk_max_batch = 3;
    p.api_company = 13.0;
    p.company_signal = 17.0;
    p.contact_signal = 19.0;
    p.blurred_row = 23.0;
    p.ai_cell = 29.0;
    p.signal = 31.0;
    p.csv_export_block = 37.0;
    p.csv_export_block_rows = 3;
    p.crm_export = 41.0;
    p.ai_chat_block = 43.0;
    p.ai_chat_block_prompts = 2;
    b
}

/// Expected rates match 0.5, email 0.25, phone 0.75 (low and high elsewhere, so that a
/// wrong pick shows).
fn settings(channel: Channel) -> Settings {
    let mut s = Settings::defaults(&book());
    s.channel = channel;
    s.assumptions = Assumptions {
        match_rate: RateRange {
            low: 0.25,
            expected: 0.5,
            high: 1.0,
        },
        email_rate: RateRange {
            low: 0.125,
            expected: 0.25,
            high: 0.5,
        },
        phone_rate: RateRange {
            low: 0.5,
            expected: 0.75,
            high: 1.0,
        },
    };
    s
}

fn statuses(a: &Analysis, s: &Settings) -> Vec<RowStatus> {
    (0..a.row_contact.len())
        .map(|r| row_status(a, r, s))
        .collect()
}

fn assert_credits(got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len());
    for (r, (g, w)) in got.iter().zip(want).enumerate() {
        assert!(
            (g - w).abs() < 1e-9,
            "row {r}: {g} credits, want {w} (all: {got:?})"
        );
    }
}

#[test]
fn each_row_gets_the_first_status_that_applies() {
    use RowStatus::*;
    let a = analysis();
    let mut s = settings(Channel::CsvEnrichment);
    assert_eq!(
        statuses(&a, &s),
        [
            Billable,
            Billable,
            Duplicate,
            Unmatchable,
            AlreadyRevealed,
            Billable,
            Duplicate,
            Duplicate
        ]
    );
    // Only what the file lacks: contact 3 has both points in the file (nothing needed);
    // contact 0 has its email but still needs a phone.
    s.only_missing = true;
    assert_eq!(
        statuses(&a, &s),
        [
            Billable,
            Billable,
            Duplicate,
            Unmatchable,
            AlreadyRevealed,
            NothingNeeded,
            Duplicate,
            Duplicate
        ]
    );
    // On platform a reveal shows everything: "only what the file lacks" does not apply.
    s.channel = Channel::Platform;
    assert_eq!(row_status(&a, 5, &s), Billable);
    // Email alone requested: contact 2's revealed email is all it needs.
    let mut s = settings(Channel::CsvEnrichment);
    s.selection = Selection {
        email: true,
        phone: false,
    };
    assert_eq!(row_status(&a, 4, &s), AlreadyRevealed);
}

#[test]
fn reasons_say_why_in_words() {
    let a = analysis();
    let lines = [10, 11, 12, 14, 15, 16, 17, 19];
    let mut s = settings(Channel::CsvEnrichment);
    let reason = |r: usize, s: &Settings| row_reason(&a, r, s, &lines);
    assert_eq!(reason(0, &s), "needs email and phone");
    assert_eq!(
        reason(3, &s),
        "no LinkedIn person URL, no valid email, and no full name with a company name or domain"
    );
    assert_eq!(
        reason(4, &s),
        "every requested data point was already revealed this billing cycle"
    );
    // Duplicates: joined straight to the first row; joined through another duplicate; no
    // join recorded. Rows are 1-based, lines are the file's.
    assert_eq!(reason(2, &s), "same email as row 1 (line 10); charged once");
    assert_eq!(
        reason(6, &s),
        "same full name and company domain as row 3 (line 12), of the contact first on row 1 (line 10); charged once"
    );
    assert_eq!(
        reason(7, &s),
        "same contact as row 2 (line 11); charged once"
    );
    s.only_missing = true;
    assert_eq!(reason(0, &s), "needs phone");
    assert_eq!(
        reason(5, &s),
        "the file already has every requested data point (only what the file lacks)"
    );
    s.only_missing = false;
    s.selection = Selection {
        email: true,
        phone: false,
    };
    assert_eq!(reason(1, &s), "needs email");
    // Nothing to reveal: a Workspace table with actions only.
    s.channel = Channel::Workspace;
    s.selection = Selection {
        email: false,
        phone: false,
    };
    assert_eq!(
        reason(1, &s),
        "no reveal requested (Workspace actions only)"
    );
}

/// Without a line for a row (a list whose lines are not known), the line is the row's
/// number plus one for the header: row index 2 is line 4, row index 0 is line 2.
#[test]
fn a_row_without_its_line_takes_the_header_and_one_base_into_account() {
    let a = analysis();
    let s = settings(Channel::CsvEnrichment);
    assert_eq!(
        row_reason(&a, 6, &s, &[]),
        "same full name and company domain as row 3 (line 4), of the contact first on row 1 (line 2); charged once"
    );
}

#[test]
fn contact_ids_number_contacts_from_one() {
    let a = analysis();
    let ids: Vec<String> = (0..8).map(|r| contact_id(&a, r)).collect();
    assert_eq!(
        ids,
        [
            "C000001", "C000002", "C000001", "", "C000003", "C000004", "C000001", "C000002"
        ]
    );
}

#[test]
fn statuses_have_the_report_words() {
    let keys: Vec<&str> = RowStatus::ALL.iter().map(|s| s.key()).collect();
    assert_eq!(
        keys,
        [
            "unmatchable",
            "duplicate",
            "already_revealed",
            "nothing_needed",
            "billable"
        ]
    );
    let labels: Vec<&str> = RowStatus::ALL.iter().map(|s| s.label()).collect();
    assert_eq!(
        labels,
        [
            "Unmatchable",
            "Duplicate",
            "Already revealed",
            "Nothing needed",
            "Billable"
        ]
    );
}

/// CSV enrichment: a billable contact's email and phone on its first row, nothing
/// elsewhere. Per contact needing both: 0.5 × 0.25 × 2 + 0.5 × 0.75 × 7 = 0.25 + 2.625 =
/// 2.875. Platform prices the same way (no fee, extras ignored off the API).
#[test]
fn credits_on_the_first_row_of_each_billable_contact() {
    let a = analysis();
    let b = book();
    let mut s = settings(Channel::CsvEnrichment);
    s.extras.company = true; // not an API channel: ignored
    let both = 2.875;
    assert_credits(
        &row_credits(&a, &s, &b),
        &[both, both, 0.0, 0.0, 0.0, both, 0.0, 0.0],
    );
    // Only what the file lacks: contact 0 needs its phone (2.625), contact 3 nothing.
    s.only_missing = true;
    assert_credits(
        &row_credits(&a, &s, &b),
        &[2.625, both, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0],
    );
    s.only_missing = false;
    // Workspace actions left in the settings (chosen, then another channel picked) belong
    // to the workspace channel only: no row carries them here.
    s.workspace.crm_exports = 8;
    s.workspace.csv_exports = vec![ExportRows::All];
    assert_credits(
        &row_credits(&a, &s, &b),
        &[both, both, 0.0, 0.0, 0.0, both, 0.0, 0.0],
    );
    s.channel = Channel::Platform;
    assert_credits(
        &row_credits(&a, &s, &b),
        &[both, both, 0.0, 0.0, 0.0, both, 0.0, 0.0],
    );
}

/// Recommendations rows are always matched (rate 1): 0.25 × 2 + 0.75 × 7 = 5.75, plus the
/// blurred row's 23 = 28.75 per billable contact.
#[test]
fn recommendations_are_matched_and_pay_the_blurred_row() {
    let a = analysis();
    let s = settings(Channel::Recommendations);
    let c = 28.75;
    assert_credits(
        &row_credits(&a, &s, &book()),
        &[c, c, 0.0, 0.0, 0.0, c, 0.0, 0.0],
    );
}

/// API single: one request per billable contact, E[max(min 1, 3 × results)] with one
/// result at p = 0.5: 0.5 × 1 + 0.5 × 3 = 2, so 2.875 + 2 = 4.875. Contact Signals add
/// 0.5 × 19 = 9.5 per contact; company info and company Signals 0.5 × (13 + 17) = 15 on
/// each company's first row (rows 0 and 1).
#[test]
fn api_single_fees_and_extras_by_row() {
    let a = analysis();
    let b = book();
    let mut s = settings(Channel::ApiSingle);
    assert_credits(
        &row_credits(&a, &s, &b),
        &[4.875, 4.875, 0.0, 0.0, 0.0, 4.875, 0.0, 0.0],
    );
    s.extras.contact_signals = true;
    assert_credits(
        &row_credits(&a, &s, &b),
        &[14.375, 14.375, 0.0, 0.0, 0.0, 14.375, 0.0, 0.0],
    );
    s.extras.contact_signals = false;
    s.extras.company = true;
    // 0.5 × 13 = 6.5 on rows 0 and 1.
    assert_credits(
        &row_credits(&a, &s, &b),
        &[11.375, 11.375, 0.0, 0.0, 0.0, 4.875, 0.0, 0.0],
    );
    s.extras.company = false;
    s.extras.company_signals = true;
    // 0.5 × 17 = 8.5 on rows 0 and 1.
    assert_credits(
        &row_credits(&a, &s, &b),
        &[13.375, 13.375, 0.0, 0.0, 0.0, 4.875, 0.0, 0.0],
    );
    s.extras.company = true;
    s.extras.contact_signals = true;
    assert_credits(
        &row_credits(&a, &s, &b),
        &[29.375, 29.375, 0.0, 0.0, 0.0, 14.375, 0.0, 0.0],
    );
}

/// API bulk in batches of 2 over the three billable contacts (file order 0, 1, 3): a batch
/// of 2 then one of 1. A batch's fee is E[max(1, 11 × ceil(X / 2))]: for 2 contacts at
/// p = 0.5, X = 0, 1, 2 with 1/4, 1/2, 1/4: 1/4 + 11/2 + 11/4 = 8.5, 4.25 each; for 1
/// contact 1/2 + 11/2 = 6. Without a batch size the book's maximum (3) makes one batch:
/// X = 0..3 with 1/8, 3/8, 3/8, 1/8: (1 + 33 + 33 + 22) / 8 = 89/8, a third each.
#[test]
fn api_bulk_splits_each_batch_fee_over_its_contacts() {
    let a = analysis();
    let b = book();
    let mut s = settings(Channel::ApiBulk);
    s.batch_size = Some(2);
    assert_credits(
        &row_credits(&a, &s, &b),
        &[7.125, 7.125, 0.0, 0.0, 0.0, 8.875, 0.0, 0.0],
    );
    s.batch_size = None;
    let third = 2.875 + 89.0 / 8.0 / 3.0;
    assert_credits(
        &row_credits(&a, &s, &b),
        &[third, third, 0.0, 0.0, 0.0, third, 0.0, 0.0],
    );
}

/// Workspace: the table's actions spread evenly over its 8 rows. AI Data 8 × 0.5 × 29 =
/// 116, Signals 8 × 0.25 × 31 = 62, a CSV export of all 8 rows ceil(8 / 3) = 3 blocks ×
/// 37 = 111, 2 CRM pushes × 41 = 82, 3 AI chat prompts ceil(3 / 2) = 2 blocks × 43 = 86:
/// 457 in all, 57.125 a row. With email also requested, each billable contact's first row
/// adds 0.5 × 0.25 × 2 = 0.25.
#[test]
fn workspace_actions_spread_over_every_row() {
    let a = analysis();
    let b = book();
    let mut s = settings(Channel::Workspace);
    s.selection = Selection {
        email: false,
        phone: false,
    };
    s.workspace.ai_data = vec![AiDataColumn {
        name: "Summary".into(),
        fill: RateRange {
            low: 0.25,
            expected: 0.5,
            high: 1.0,
        },
    }];
    s.workspace.signals = vec![SignalsColumn {
        name: "Hiring".into(),
        hit: RateRange {
            low: 0.125,
            expected: 0.25,
            high: 0.5,
        },
    }];
    s.workspace.csv_exports = vec![ExportRows::All];
    s.workspace.crm_exports = 2;
    s.workspace.ai_chat_prompts = 3;
    assert_credits(&row_credits(&a, &s, &b), &[57.125; 8]);
    s.selection.email = true;
    let e = 57.125 + 0.25;
    assert_credits(
        &row_credits(&a, &s, &b),
        &[e, e, 57.125, 57.125, 57.125, e, 57.125, 57.125],
    );
}
