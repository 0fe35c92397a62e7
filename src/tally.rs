//! The compact result of the expensive pass that pricing works from: counts of rows and of
//! contacts by what is known of them. A leaf: it imports nothing of the crate, so pricing
//! (which needs it) and the analysis (which makes it) never import each other.

use serde::{Deserialize, Serialize};

/// Per-contact flags: what the reveal log and the file say about a contact.
pub mod flags {
    /// Email revealed in this cycle (reveal log).
    pub const REV_EMAIL: u8 = 1;
    /// Phone revealed in this cycle (reveal log).
    pub const REV_PHONE: u8 = 2;
    /// Some row of the contact has a valid email.
    pub const HAS_EMAIL: u8 = 4;
    /// Some row of the contact has a phone.
    pub const HAS_PHONE: u8 = 8;
}

/// Everything pricing needs to know about a list, small enough to re-price in microseconds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    pub rows: u64,
    pub unmatchable_rows: u64,
    pub duplicate_rows: u64,
    /// Contacts by their [`flags`] (index = flag bits).
    pub contacts: [u64; 16],
    /// Unique companies (normalised domain, else company name) among identifiable rows.
    pub companies: u64,
}

impl Tally {
    pub fn contact_count(&self) -> u64 {
        self.contacts.iter().sum()
    }

    /// A Workspace table given as a row count: N contacts, none duplicate or unmatchable.
    pub fn of_rows(rows: u64) -> Tally {
        let mut t = Tally {
            rows,
            ..Default::default()
        };
        t.contacts[0] = rows;
        t
    }

    pub fn add(&mut self, other: &Tally) {
        self.rows += other.rows;
        self.unmatchable_rows += other.unmatchable_rows;
        self.duplicate_rows += other.duplicate_rows;
        for (a, b) in self.contacts.iter_mut().zip(other.contacts) {
            *a += b;
        }
        self.companies += other.companies;
    }
}

/// Contacts found in several lists analysed together (see `analysis::Analysis::shared_contacts`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharedGroup {
    pub flags: u8,
    /// The lists holding the contact, ascending; the first holds its representative row.
    pub tables: Vec<usize>,
    pub contacts: u64,
}
