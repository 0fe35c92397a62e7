//! Who is who (pricing.md §1): normalised identifiers as 128-bit keys, contacts as
//! connected components of shared identifiers, and each row's place in its contact.
//!
//! The scalar `normalize_*` functions (in the leaf module `normalize`) are the definition.
//! [`scan`] applies them to every row of a table in one pass over the mapped columns, in
//! batches on every core, and keeps of each identifier only its [`Key`]; [`Grouping`]
//! takes the batches in row order into a union-find. Values in ASCII take a path that
//! writes into a reused buffer instead of allocating; a test holds it to the scalar rules.
//!
//! Keys instead of strings: no identifier text is held after its row is read. Two
//! different identifiers with one key would merge two contacts, so the key is xxh3-128 of
//! the identifier's kind and text: for `n` distinct identifiers the chance that any two
//! share a key is below n²/2¹²⁹ — for 50M rows of five identifiers each, about 10⁻²².

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::ops::Range;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use polars::prelude::*;

use crate::error::{Error, Result};
use crate::input::roles::{Mapping, Role};

use crate::normalize::{bare_domain, is_valid_email, linkedin_slug};
pub use crate::normalize::{
    email_addresses, is_email_list, is_phone, normalize_domain, normalize_email,
    normalize_linkedin, normalize_text, percent_decode,
};

/// Separator inside two-part identifiers; cannot occur in a trimmed, collapsed cell value.
const SEP: &str = "\u{1f}";

/// The kind of an identifier (pricing.md §1), in the order the row report prefers them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum IdKind {
    /// `li:` a LinkedIn person URL (strong).
    Linkedin = 0,
    /// `em:` an email address (strong).
    Email = 1,
    /// `nc:` full name + company name.
    NameCompany = 2,
    /// `nd:` full name + company domain.
    NameDomain = 3,
}

impl IdKind {
    fn of_text(text: &str) -> IdKind {
        match text.get(..3) {
            Some("li:") => IdKind::Linkedin,
            Some("em:") => IdKind::Email,
            Some("nd:") => IdKind::NameDomain,
            _ => IdKind::NameCompany,
        }
    }

    fn from_bits(b: u64) -> IdKind {
        match b & 3 {
            0 => IdKind::Linkedin,
            1 => IdKind::Email,
            2 => IdKind::NameCompany,
            _ => IdKind::NameDomain,
        }
    }

    /// LinkedIn URLs and emails are strong: a name never joins two rows that hold them.
    pub fn is_strong(self) -> bool {
        matches!(self, IdKind::Linkedin | IdKind::Email)
    }

    /// What two rows share, in the row report's words.
    pub fn label(self) -> &'static str {
        match self {
            IdKind::Linkedin => "LinkedIn URL",
            IdKind::Email => "email",
            IdKind::NameCompany => "full name and company",
            IdKind::NameDomain => "full name and company domain",
        }
    }
}

/// The fingerprint of a normalised identifier: xxh3-128 of its text with its kind
/// (`em:`, `li:`, `nc:`, `nd:`), or of a bare company key. The lowest two bits hold the
/// identifier's [`IdKind`] instead of hash bits (126 bits of hash are plenty).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key(u64, u64);

impl Key {
    pub fn of(text: &str) -> Key {
        let h = xxhash_rust::xxh3::xxh3_128(text.as_bytes());
        let kind = IdKind::of_text(text) as u64;
        Key(h as u64, ((h >> 64) as u64 & !3) | kind)
    }

    pub fn kind(&self) -> IdKind {
        IdKind::from_bits(self.1)
    }
}

impl Hash for Key {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // Already uniformly distributed: half of it is the table's hash.
        state.write_u64(self.0);
    }
}

/// Hands a [`Key`]'s first half to the hash table as it is.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

pub type KeyMap<V> = HashMap<Key, V, BuildHasherDefault<KeyHasher>>;

/// What a row says about identity, beyond its keys ([`RowIds::flags`]).
pub mod row {
    /// The row has at least one identifier (it can be matched).
    pub const ID: u8 = 1;
    /// A valid email address in some email column.
    pub const EMAIL: u8 = 2;
    /// A phone (pricing.md §1: a phone cell holds a digit).
    pub const PHONE: u8 = 4;
    /// A strong identifier (a LinkedIn person URL or an email).
    pub const STRONG: u8 = 8;
    /// Shares a name identifier with a row of another contact that has strong identifiers
    /// of its own (set when the rows are grouped).
    pub const APART: u8 = 16;
}

/// The identity of a run of rows: what [`scan`] reads of them.
#[derive(Clone, Debug, Default)]
pub struct RowIds {
    /// Per row: [`row`] bits.
    pub flags: Vec<u8>,
    /// Every identifier: `(row within the run, key)`; a row's several email addresses are
    /// each one.
    pub ids: Vec<(u32, Key)>,
    /// The API-extras company key of identifiable rows (the domain, else the company
    /// name): `(row within the run, key)`.
    pub company: Vec<(u32, Key)>,
    /// Email cells read as a list (a display name, `mailto:`, quotes, several addresses)
    /// that gave at least one address.
    pub list_cells: u64,
    /// Every phone number (its digits' hash): `(row within the run, hash)`, each once per
    /// row, for the shared-phone (switchboard) warning.
    pub phones: Vec<(u32, u64)>,
}

/// The mapped columns of a table, each as one array of text.
struct Columns {
    linkedin: Vec<StringChunked>,
    email: Vec<StringChunked>,
    first: Vec<StringChunked>,
    last: Vec<StringChunked>,
    full: Vec<StringChunked>,
    company: Vec<StringChunked>,
    domain: Vec<StringChunked>,
    phone: Vec<StringChunked>,
}

fn cell(ca: &StringChunked, r: usize) -> &str {
    ca.downcast_as_array().get(r).unwrap_or("")
}

/// Per row, the first of `cols` (in file order) whose trimmed value is non-empty, trimmed
/// ("" if none): the usable name or company cell of pricing.md §1.
fn first_non_empty(cols: &[StringChunked], r: usize) -> &str {
    cols.iter()
        .map(|c| cell(c, r).trim())
        .find(|v| !v.is_empty())
        .unwrap_or("")
}

/// White space as `char::is_whitespace` has it, among ASCII bytes.
fn is_space(b: u8) -> bool {
    matches!(b, b'\t'..=b'\r' | b' ')
}

/// `s` lower-cased onto `out` (ASCII only).
fn push_lower(out: &mut String, s: &str) {
    out.extend(s.bytes().map(|b| b.to_ascii_lowercase() as char));
}

/// `normalize_text` onto `out` (empty when there is no text).
fn push_text(out: &mut String, s: &str) {
    if !s.is_ascii() {
        if let Some(t) = normalize_text(s) {
            out.push_str(&t);
        }
        return;
    }
    for (i, word) in s
        .split(|c: char| is_space(c as u8))
        .filter(|w| !w.is_empty())
        .enumerate()
    {
        if i > 0 {
            out.push(' ');
        }
        push_lower(out, word);
    }
}

/// The `em:` identifier of a one-address email cell onto `out` (pricing.md §1); false when
/// the cell is not a valid address.
fn email_id(out: &mut String, raw: &str) -> bool {
    out.clear();
    out.push_str("em:");
    let t = raw.trim();
    if t.is_ascii() {
        push_lower(out, t);
        return is_valid_email(&out[3..]);
    }
    match normalize_email(t) {
        Some(e) => {
            out.push_str(&e);
            true
        }
        None => false,
    }
}

/// The `li:` identifier of a LinkedIn cell onto `out`; false when it is no person URL.
fn linkedin_id(out: &mut String, scratch: &mut String, raw: &str) -> bool {
    out.clear();
    out.push_str("li:");
    let t = raw.trim();
    if t.is_ascii() && !t.contains('%') {
        scratch.clear();
        push_lower(scratch, t);
        return match linkedin_slug(scratch) {
            Some(slug) => {
                out.push_str("linkedin.com/in/");
                out.push_str(slug);
                true
            }
            None => false,
        };
    }
    match normalize_linkedin(t) {
        Some(l) => {
            out.push_str(&l);
            true
        }
        None => false,
    }
}

/// The bare domain of a domain cell onto `out` (empty when none).
fn domain_text(out: &mut String, scratch: &mut String, raw: &str) {
    out.clear();
    if raw.is_ascii() {
        scratch.clear();
        push_lower(scratch, raw.trim());
        if let Some(d) = bare_domain(scratch) {
            out.push_str(d);
        }
    } else if let Some(d) = normalize_domain(raw) {
        out.push_str(&d);
    }
}

/// The buffers one worker reuses for every row.
#[derive(Default)]
struct Scratch {
    id: String,
    tmp: String,
    name: String,
    company: String,
    domain: String,
}

impl Columns {
    fn of(df: &DataFrame, m: &Mapping) -> PolarsResult<Columns> {
        // A role's columns in file order (a mapping may list them in any order): the first
        // usable cell of a single-valued role is the first in file order (pricing.md §1).
        let get = |role: Role| -> PolarsResult<Vec<StringChunked>> {
            let mut cols: Vec<(usize, &String)> = m
                .columns(role)
                .iter()
                .map(|c| (df.get_column_index(c).unwrap_or(usize::MAX), c))
                .collect();
            cols.sort_by_key(|(i, _)| *i);
            cols.into_iter()
                .map(|(_, c)| Ok(df.column(c)?.str()?.rechunk().into_owned()))
                .collect()
        };
        Ok(Columns {
            linkedin: get(Role::LinkedinUrl)?,
            email: get(Role::Email)?,
            first: get(Role::FirstName)?,
            last: get(Role::LastName)?,
            full: get(Role::FullName)?,
            company: get(Role::CompanyName)?,
            domain: get(Role::CompanyDomain)?,
            phone: get(Role::Phone)?,
        })
    }

    /// The name of row `r` as pricing.md §1 reads it: first and last name when both are
    /// there, else the full name; trimmed, collapsed, case-folded.
    fn name(&self, s: &mut Scratch, r: usize) {
        s.name.clear();
        let first = first_non_empty(&self.first, r);
        let last = first_non_empty(&self.last, r);
        if !first.is_empty() && !last.is_empty() {
            if first.is_ascii() && last.is_ascii() {
                push_text(&mut s.name, first);
                s.name.push(' ');
                push_text(&mut s.name, last);
            } else {
                push_text(&mut s.name, &format!("{first} {last}"));
            }
        } else {
            push_text(&mut s.name, first_non_empty(&self.full, r));
        }
    }

    fn rows(&self, rows: Range<usize>) -> RowIds {
        let mut out = RowIds {
            flags: Vec::with_capacity(rows.len()),
            ids: Vec::with_capacity(rows.len() * 3),
            ..Default::default()
        };
        let mut s = Scratch::default();
        for (i, r) in rows.enumerate() {
            let i = i as u32;
            let mut flags = 0;
            let mut id = |key: Key, flags: &mut u8| {
                out.ids.push((i, key));
                *flags |= row::ID;
                if key.kind().is_strong() {
                    *flags |= row::STRONG;
                }
            };
            for c in &self.linkedin {
                if linkedin_id(&mut s.id, &mut s.tmp, cell(c, r)) {
                    id(Key::of(&s.id), &mut flags);
                }
            }
            for c in &self.email {
                let v = cell(c, r);
                if !is_email_list(v) {
                    if email_id(&mut s.id, v) {
                        id(Key::of(&s.id), &mut flags);
                        flags |= row::EMAIL;
                    }
                    continue;
                }
                let all = email_addresses(v);
                if !all.is_empty() {
                    out.list_cells += 1;
                    flags |= row::EMAIL;
                }
                for e in all {
                    id(Key::of(&format!("em:{e}")), &mut flags);
                }
            }
            self.name(&mut s, r);
            s.company.clear();
            push_text(&mut s.company, first_non_empty(&self.company, r));
            // The first domain cell that is a domain (`n/a` or a profile link is not).
            s.domain.clear();
            for c in &self.domain {
                domain_text(&mut s.domain, &mut s.tmp, cell(c, r));
                if !s.domain.is_empty() {
                    break;
                }
            }
            if !s.name.is_empty() {
                for (kind, other) in [("nc:", &s.company), ("nd:", &s.domain)] {
                    if !other.is_empty() {
                        s.id.clear();
                        s.id.push_str(kind);
                        s.id.push_str(&s.name);
                        s.id.push_str(SEP);
                        s.id.push_str(other);
                        id(Key::of(&s.id), &mut flags);
                    }
                }
            }
            let phones_before = out.phones.len();
            for c in &self.phone {
                let v = cell(c, r);
                if is_phone(v) {
                    flags |= row::PHONE;
                    let h = phone_hash(v);
                    if !out.phones[phones_before..].iter().any(|(_, p)| *p == h) {
                        out.phones.push((i, h));
                    }
                }
            }
            if flags & row::ID != 0 {
                let company = if !s.domain.is_empty() {
                    &s.domain
                } else {
                    &s.company
                };
                if !company.is_empty() {
                    out.company.push((i, Key::of(company)));
                }
            }
            out.flags.push(flags);
        }
        out
    }
}

/// A phone number's hash: its digits, whatever the punctuation around them (gathered on
/// the stack: no allocation per cell).
fn phone_hash(v: &str) -> u64 {
    let mut buf = [0u8; 64];
    let mut n = 0;
    for b in v.bytes().filter(u8::is_ascii_digit) {
        if n == buf.len() {
            // A cell of more than 64 digits (several numbers run together): hash it all.
            let digits: Vec<u8> = v.bytes().filter(u8::is_ascii_digit).collect();
            return xxhash_rust::xxh3::xxh3_64(&digits);
        }
        buf[n] = b;
        n += 1;
    }
    xxhash_rust::xxh3::xxh3_64(&buf[..n])
}

/// The identity of every row of a table, as one run (a reveal log's entries).
pub fn table_ids(df: &DataFrame, m: &Mapping) -> PolarsResult<RowIds> {
    Ok(Columns::of(df, m)?.rows(0..df.height()))
}

/// Rows per batch of [`scan`].
const BATCH: usize = 1 << 15;

/// Read the identity of every row of `df` into `g` (rows numbered on from the rows `g`
/// already holds), in batches on every core; `tick(rows done)` is called after each batch
/// and stops the scan with [`Error::Cancelled`] when it returns false. Returns the email
/// cells read as lists.
pub fn scan(
    df: &DataFrame,
    m: &Mapping,
    g: &mut Grouping,
    tick: &dyn Fn(usize) -> bool,
) -> Result<u64> {
    let cols = Columns::of(df, m)?;
    let n = df.height();
    let batches = n.div_ceil(BATCH);
    let range = |b: usize| b * BATCH..((b + 1) * BATCH).min(n);
    let lists_before = g.list_cells;
    let take = |ids: RowIds, g: &mut Grouping| g.add(ids);
    let workers = std::thread::available_parallelism()
        .map_or(1, |p| p.get())
        .min(batches);
    // Batches `from..` one after another on this thread: the whole scan on one core, or
    // whatever no worker did (none could start).
    let in_order = |from: usize, g: &mut Grouping| -> Result<()> {
        for b in from..batches {
            take(cols.rows(range(b)), g);
            if !tick(range(b).end) {
                return Err(Error::Cancelled);
            }
        }
        Ok(())
    };
    if workers < 2 {
        in_order(0, g)?;
        return Ok(g.list_cells - lists_before);
    }
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, RowIds)>(workers * 2);
        for w in 0..workers {
            let (tx, cols, next, stop) = (tx.clone(), &cols, &next, &stop);
            let work = move || {
                loop {
                    let b = next.fetch_add(1, Ordering::Relaxed);
                    if b >= batches || stop.load(Ordering::Relaxed) {
                        break;
                    }
                    if tx.send((b, cols.rows(range(b)))).is_err() {
                        break;
                    }
                }
            };
            let named = std::thread::Builder::new().name(format!("enrichplan-identity-{w}"));
            // A worker that cannot start drops its sender with its closure.
            let _ = named.spawn_scoped(s, work);
        }
        drop(tx);
        // Batches come in any order; the grouping takes them in row order. When no worker
        // started, every sender is gone already and this loop ends at once.
        let mut pending = BTreeMap::new();
        let mut want = 0;
        for (b, ids) in rx.iter() {
            pending.insert(b, ids);
            while let Some(ids) = pending.remove(&want) {
                take(ids, g);
                want += 1;
                if !tick(range(want - 1).end) {
                    stop.store(true, Ordering::Relaxed);
                    return Err(Error::Cancelled);
                }
            }
        }
        in_order(want, g)?;
        Ok(g.list_cells - lists_before)
    })
}

/// Union-find over row indices; the smallest row of a set is its root, so the root is the
/// contact's representative (its first row in file order).
#[derive(Default)]
pub struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    pub fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n as u32).collect(),
        }
    }

    /// Add `n` rows, each its own set.
    pub fn grow(&mut self, n: usize) {
        let from = self.parent.len() as u32;
        self.parent.extend(from..from + n as u32);
    }

    pub fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let p = self.parent[x as usize];
            self.parent[x as usize] = self.parent[p as usize];
            x = p;
        }
        x
    }

    /// Every row's root, in one pass: a parent is always a smaller row, so walking the rows
    /// in order finds each parent's root already in place.
    pub fn flatten(&mut self) -> &[u32] {
        for r in 0..self.parent.len() {
            let p = self.parent[r] as usize;
            self.parent[r] = self.parent[p];
        }
        &self.parent
    }

    pub fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi as usize] = lo;
        }
    }
}

/// An identifier's key and a row that has it, in 20 bytes.
#[derive(Clone, Copy)]
struct Entry {
    key: [u32; 4],
    row: u32,
}

impl Key {
    fn words(&self) -> [u32; 4] {
        [
            (self.0 >> 32) as u32,
            self.0 as u32,
            (self.1 >> 32) as u32,
            self.1 as u32,
        ]
    }

    /// Which of [`PARTS`] holds it.
    fn part(&self) -> usize {
        (self.0 >> (64 - PART_BITS)) as usize
    }
}

const PART_BITS: u32 = 8;
const PARTS: usize = 1 << PART_BITS;
/// Identifiers a row has, on the high side, for reserving room.
const IDS_PER_ROW: usize = 4;

/// Rows grouped into contacts as their identities arrive, run after run in row order, by
/// the rules of pricing.md §1; and the companies of identifiable rows numbered in order of
/// their first row.
///
/// Every identifier is kept as a 20-byte entry (key, row) in one of 256 parts by its key's
/// first byte; [`Grouping::settle`] sorts the parts (on every core) and groups the rows in a
/// union-find over row numbers. Compared with a hash table of keys this holds a third of
/// the memory and never doubles it at once. Rows are all added before the grouping is
/// settled (a later row could change which strong group a name belongs to).
pub struct Grouping {
    uf: UnionFind,
    parts: Vec<Vec<Entry>>,
    /// The parts are sorted and their rows grouped.
    settled: bool,
    /// Per row: [`row`] bits.
    pub flags: Vec<u8>,
    /// Per row: its company's number, or `u32::MAX` (none, or the row is unmatchable).
    pub row_company: Vec<u32>,
    /// Per company: the first identifiable row that names it.
    pub company_first_row: Vec<u32>,
    companies: KeyMap<u32>,
    /// Email cells read as lists, in every run taken ([`RowIds::list_cells`]).
    pub list_cells: u64,
    /// Every row's phone numbers ([`RowIds::phones`]), rows numbered across runs.
    phones: Vec<(u64, u32)>,
    /// Clusters of rows without a strong identifier whose names more than one strong
    /// group holds (kept as contacts of their own).
    pub ambiguous_clusters: u64,
    /// Per duplicate row (ascending): what joined it to its contact.
    joins: Vec<(u32, Join)>,
}

/// What joined a duplicate row to its contact: an identifier it shares with another row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Join {
    pub kind: IdKind,
    /// The other row (0-based, across the lists analysed together).
    pub row: u32,
}

/// Shared phone numbers (the same number on the rows of several contacts, like a company
/// switchboard): how many numbers and the contacts that have one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SharedPhones {
    pub numbers: u64,
    pub contacts: u64,
}

impl Default for Grouping {
    fn default() -> Self {
        Grouping::with_capacity(0)
    }
}

/// How many strong groups a cluster's name identifiers meet.
#[derive(Clone, Copy)]
enum Meets {
    One(u32),
    Several,
}

impl Meets {
    fn with(self, g: u32) -> Meets {
        match self {
            Meets::One(h) if h == g => self,
            _ => Meets::Several,
        }
    }
}

impl Grouping {
    pub fn with_capacity(rows: usize) -> Grouping {
        let mut g = Grouping {
            uf: UnionFind::default(),
            parts: (0..PARTS).map(|_| Vec::new()).collect(),
            settled: true,
            flags: Vec::new(),
            row_company: Vec::new(),
            company_first_row: Vec::new(),
            companies: KeyMap::default(),
            list_cells: 0,
            phones: Vec::new(),
            ambiguous_clusters: 0,
            joins: Vec::new(),
        };
        g.reserve(rows);
        g
    }

    /// Rows taken so far.
    pub fn rows(&self) -> usize {
        self.flags.len()
    }

    /// Room for about `rows` more rows, so that the row vectors and the parts grow once
    /// instead of copying themselves as they double (untouched room costs no memory).
    pub fn reserve(&mut self, rows: usize) {
        self.uf.parent.reserve(rows);
        self.flags.reserve(rows);
        self.row_company.reserve(rows);
        for p in &mut self.parts {
            p.reserve(rows * IDS_PER_ROW / PARTS);
        }
    }

    /// Take the next rows.
    pub fn add(&mut self, ids: RowIds) {
        let start = self.rows() as u32;
        self.list_cells += ids.list_cells;
        self.uf.grow(ids.flags.len());
        self.settled &= ids.ids.is_empty();
        for (i, key) in ids.ids {
            self.parts[key.part()].push(Entry {
                key: key.words(),
                row: start + i,
            });
        }
        self.flags.extend_from_slice(&ids.flags);
        self.row_company.resize(self.flags.len(), u32::MAX);
        for (i, key) in ids.company {
            let r = start + i;
            let next = self.company_first_row.len() as u32;
            let c = *self.companies.entry(key).or_insert(next);
            if c == next {
                self.company_first_row.push(r);
            }
            self.row_company[r as usize] = c;
        }
        self.phones
            .extend(ids.phones.into_iter().map(|(i, h)| (h, start + i)));
    }

    /// Sort the parts and group the rows (pricing.md §1):
    /// 1. rows sharing a strong identifier (`li:`, `em:`) are one contact, transitively;
    /// 2. rows without a strong identifier join over shared name identifiers (`nc:`,
    ///    `nd:`) among themselves, into clusters;
    /// 3. a cluster joins the one strong group holding one of its name identifiers, when
    ///    exactly one does; else it stays a contact of its own;
    /// 4. two strong groups are never joined by a name (their rows are marked
    ///    [`row::APART`] when they share one).
    pub fn settle(&mut self) {
        if self.settled {
            return;
        }
        self.sort_parts();
        let strong = |f: u8| f & row::STRONG != 0;
        // 1 and 2.
        for p in &self.parts {
            for run in p.chunk_by(|a, b| a.key == b.key) {
                let kind = key_kind(&run[0].key);
                let mut first: Option<u32> = None;
                for e in run {
                    if kind.is_strong() || !strong(self.flags[e.row as usize]) {
                        match first {
                            None => first = Some(e.row),
                            Some(f) => self.uf.union(f, e.row),
                        }
                    }
                }
            }
        }
        // 3: which strong groups each cluster meets, through any of its name identifiers.
        let mut meets: HashMap<u32, Meets> = HashMap::new();
        for p in &self.parts {
            for run in p.chunk_by(|a, b| a.key == b.key) {
                if key_kind(&run[0].key).is_strong() {
                    continue;
                }
                let mut groups: Option<Meets> = None;
                let mut cluster: Option<u32> = None;
                for e in run {
                    if strong(self.flags[e.row as usize]) {
                        let g = self.uf.find(e.row);
                        groups = Some(groups.map_or(Meets::One(g), |m| m.with(g)));
                    } else if cluster.is_none() {
                        cluster = Some(self.uf.find(e.row));
                    }
                }
                if let Some(Meets::Several) = groups {
                    for e in run {
                        if strong(self.flags[e.row as usize]) {
                            self.flags[e.row as usize] |= row::APART;
                        }
                    }
                }
                if let (Some(c), Some(g)) = (cluster, groups) {
                    let m = meets.entry(c).or_insert(g);
                    *m = match (*m, g) {
                        (m, Meets::One(g)) => m.with(g),
                        _ => Meets::Several,
                    };
                }
            }
        }
        self.ambiguous_clusters = 0;
        for (c, m) in meets {
            match m {
                Meets::One(g) => self.uf.union(c, g),
                Meets::Several => self.ambiguous_clusters += 1,
            }
        }
        self.find_joins();
        // One entry per strong key (all its rows are one contact); every entry of a name
        // key, whose rows may be several contacts.
        for p in &mut self.parts {
            let mut kept = 0;
            for i in 0..p.len() {
                let dup =
                    kept > 0 && p[kept - 1].key == p[i].key && key_kind(&p[i].key).is_strong();
                if !dup {
                    p[kept] = p[i];
                    kept += 1;
                }
            }
            p.truncate(kept);
        }
        self.settled = true;
    }

    /// Sort every part by key, then row, on every core.
    fn sort_parts(&mut self) {
        let workers = std::thread::available_parallelism().map_or(1, |p| p.get());
        let per = PARTS.div_ceil(workers.max(1));
        let sort = |parts: &mut [Vec<Entry>]| {
            for p in parts {
                p.sort_unstable_by_key(|e| (e.key, e.row));
            }
        };
        std::thread::scope(|s| {
            let mut chunks = self.parts.chunks_mut(per);
            let mine = chunks.next();
            for chunk in chunks {
                let named = std::thread::Builder::new().name("enrichplan-contacts".into());
                // Without a thread the chunk stays unsorted and is sorted below.
                let _ = named.spawn_scoped(s, || sort(chunk));
            }
            if let Some(chunk) = mine {
                sort(chunk);
            }
        });
        // A part a thread could not take is still unsorted: sorting a sorted part is cheap.
        for p in &mut self.parts {
            if !p.is_sorted_by_key(|e| (e.key, e.row)) {
                p.sort_unstable_by_key(|e| (e.key, e.row));
            }
        }
    }

    /// For every duplicate row, an identifier it shares with another row of its contact:
    /// an earlier row when one shares any, the earliest such row, the strongest kind.
    fn find_joins(&mut self) {
        let mut best: HashMap<u32, Join> = HashMap::new();
        let mut seen: HashMap<u32, (u32, Option<u32>)> = HashMap::new();
        // The earliest partner row (an earlier row whenever one shares a key), then the
        // strongest kind.
        let better = |new: Join, old: Option<&Join>| match old {
            None => true,
            Some(o) => (new.row, new.kind) < (o.row, o.kind),
        };
        for p in &self.parts {
            for run in p.chunk_by(|a, b| a.key == b.key) {
                if run.len() < 2 {
                    continue;
                }
                let kind = key_kind(&run[0].key);
                // Rows in order; each pairs with the first row of its contact in the run,
                // and the first with the second. (contact root → first row, second row)
                seen.clear();
                for e in run {
                    let root = self.uf.find(e.row);
                    match seen.get_mut(&root) {
                        None => {
                            seen.insert(root, (e.row, None));
                        }
                        Some((first, second)) => {
                            second.get_or_insert(e.row);
                            if root != e.row {
                                let j = Join { kind, row: *first };
                                if better(j, best.get(&e.row)) {
                                    best.insert(e.row, j);
                                }
                            }
                        }
                    }
                }
                for (root, (first, second)) in &seen {
                    if let (false, Some(second)) = (root == first, second) {
                        let j = Join { kind, row: *second };
                        if better(j, best.get(first)) {
                            best.insert(*first, j);
                        }
                    }
                }
            }
        }
        let mut joins: Vec<(u32, Join)> = best.into_iter().collect();
        joins.sort_unstable_by_key(|(r, _)| *r);
        self.joins = joins;
    }

    /// Per row, its contact root (its first row; meaningful for rows with [`row::ID`]),
    /// in one pass over the rows, and its [`row`] bits.
    pub fn roots(&mut self) -> (&[u32], &[u8]) {
        self.settle();
        (self.uf.flatten(), &self.flags)
    }

    /// A row's contact root (its first row), or None when the row has no identifier.
    pub fn root(&mut self, r: u32) -> Option<u32> {
        self.settle();
        (self.flags[r as usize] & row::ID != 0).then(|| self.uf.find(r))
    }

    /// The rows holding this identifier: every one for a name identifier, one for a
    /// strong identifier (all its rows are one contact); none when no row has it.
    pub fn rows_with(&mut self, key: &Key) -> Vec<u32> {
        self.settle();
        let part = &self.parts[key.part()];
        let words = key.words();
        let from = part.partition_point(|e| e.key < words);
        part[from..]
            .iter()
            .take_while(|e| e.key == words)
            .map(|e| e.row)
            .collect()
    }

    /// Every duplicate row's [`Join`], by row ascending.
    pub fn take_joins(&mut self) -> Vec<(u32, Join)> {
        self.settle();
        std::mem::take(&mut self.joins)
    }

    /// Phone numbers found on the rows of `min_contacts` or more contacts: how many, and
    /// how many contacts have one of them. `contact_of(row)` is the row's contact.
    pub fn shared_phones(
        &mut self,
        min_contacts: usize,
        contact_of: &dyn Fn(u32) -> u32,
    ) -> SharedPhones {
        self.phones.sort_unstable();
        let mut out = SharedPhones::default();
        let mut affected: std::collections::HashSet<u32> = Default::default();
        for run in self.phones.chunk_by(|a, b| a.0 == b.0) {
            // Fewer rows than contacts needed: not shared, whoever they are.
            if run.len() < min_contacts {
                continue;
            }
            let mut contacts: Vec<u32> = run
                .iter()
                .map(|(_, r)| contact_of(*r))
                .filter(|c| *c != u32::MAX)
                .collect();
            contacts.sort_unstable();
            contacts.dedup();
            if contacts.len() >= min_contacts {
                out.numbers += 1;
                affected.extend(contacts);
            }
        }
        out.contacts = affected.len() as u64;
        out
    }
}

/// The kind of an entry's key ([`Key::kind`]).
fn key_kind(words: &[u32; 4]) -> IdKind {
    IdKind::from_bits(u64::from(words[3]))
}

/// Group one table's rows into contacts: per row, its contact's first row, or None when
/// the row has no identifier (unmatchable).
pub fn contacts(df: &DataFrame, m: &Mapping) -> Result<Vec<Option<u32>>> {
    let mut g = Grouping::with_capacity(df.height());
    scan(df, m, &mut g, &|_| true)?;
    Ok((0..g.rows() as u32).map(|r| g.root(r)).collect())
}

#[cfg(test)]
mod rules_tests;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linkedin_urls() {
        let ok =
            |s: &str, want: &str| assert_eq!(normalize_linkedin(s).as_deref(), Some(want), "{s}");
        let no = |s: &str| assert_eq!(normalize_linkedin(s), None, "{s}");
        ok(
            "https://www.linkedin.com/in/Dana-Levi/",
            "linkedin.com/in/dana-levi",
        );
        ok(
            " linkedin.com/in/dana-levi?trk=x#y ",
            "linkedin.com/in/dana-levi",
        );
        ok(
            "http://uk.linkedin.com/in/dana/details/experience",
            "linkedin.com/in/dana",
        );
        ok("HTTPS://M.LINKEDIN.COM/IN/DANA", "linkedin.com/in/dana");
        ok(
            "https://www.linkedin.com/in/jos%C3%A9-p",
            "linkedin.com/in/josé-p",
        );
        ok("https://www.linkedin.com/in/%4A%4f", "linkedin.com/in/jo");
        ok("linkedin.com/in/a%zz", "linkedin.com/in/a%zz");
        no("https://www.linkedin.com/company/acme");
        no("https://www.linkedin.com/sales/lead/ACwAA");
        no("https://linkedin.com.evil.com/in/dana");
        no("https://a.b.linkedin.com/in/dana");
        no("https://www.linkedin.com/in/");
        no("https://www.linkedin.com/in//x");
        no("notlinkedin.com/in/x");
        no("");
    }

    #[test]
    fn emails() {
        assert_eq!(
            normalize_email(" Dana@Example.IO ").as_deref(),
            Some("dana@example.io")
        );
        for bad in [
            "a@@b.c", "a b@c.d", "@b.c", "a@.bc", "a@bc.", "a@bc", "a@b@c.d", "",
        ] {
            assert_eq!(normalize_email(bad), None, "{bad}");
        }
        assert!(normalize_email("a@b..c").is_some());
        assert!(normalize_email("a@.b.c").is_some());
    }

    #[test]
    fn domains() {
        assert_eq!(
            normalize_domain("https://www.Acme.com/about?x#y").as_deref(),
            Some("acme.com")
        );
        assert_eq!(
            normalize_domain(" acme.co.uk ").as_deref(),
            Some("acme.co.uk")
        );
        assert_eq!(normalize_domain("n/a"), None);
        assert_eq!(normalize_domain("-"), None);
    }

    #[test]
    fn union_find_roots_are_first_rows() {
        let mut uf = UnionFind::new(5);
        uf.union(4, 2);
        uf.union(2, 3);
        uf.union(3, 1);
        assert_eq!(uf.find(4), 1);
        assert_eq!(uf.find(0), 0);
    }

    fn frame(cols: &[(&str, Vec<&str>)]) -> DataFrame {
        let columns: Vec<Column> = cols
            .iter()
            .map(|(n, v)| Column::new((*n).into(), v.clone()))
            .collect();
        DataFrame::new_infer_height(columns).unwrap()
    }

    fn mapping(roles: &[(Role, &str)]) -> Mapping {
        let mut m = Mapping::default();
        for (r, c) in roles {
            m.set(*r, vec![c.to_string()]);
        }
        m
    }

    /// The keys of a row, in the order [`Columns::rows`] finds them.
    fn keys_of(ids: &RowIds, row: u32) -> Vec<Key> {
        ids.ids
            .iter()
            .filter(|(r, _)| *r == row)
            .map(|(_, k)| *k)
            .collect()
    }

    /// The one-pass reading and the scalar functions agree on every tricky value.
    #[test]
    fn row_keys_follow_the_scalar_rules() {
        let li = vec![
            "https://www.linkedin.com/in/Dana-Levi/",
            " linkedin.com/in/dana?x",
            "https://www.linkedin.com/company/acme",
            "https://a.b.linkedin.com/in/x",
            "ftp://linkedin.com/in/%C3%A9",
            "",
            "linkedin.com/in/",
            "HTTPS://UK.LINKEDIN.COM/IN/ÉLODIE/",
        ];
        let em = vec![
            "A@B.co",
            "a@@b.c",
            " x@y.z ",
            "a b@c.d",
            "",
            "a@bc.",
            "q@w.e",
            "Zoë@Exämple.de",
        ];
        let first = vec!["Dana", " ", "Zoë", "", "Al", "Bo", "", "STRAẞE"];
        let last = vec!["Levi", "X", "  Müller ", "", "", "Cy", "", "x\u{a0}y"];
        let full = vec!["", "Full  Name", "", "Only Full", "", "", "", ""];
        let comp = vec![
            "Acme  Inc",
            "",
            "ACME inc",
            "Beta",
            "",
            "Gamma",
            "",
            "ΟΔΥΣΣΕΥΣ",
        ];
        let dom = vec![
            "https://www.acme.com/x",
            "n/a",
            "Acme.com",
            "",
            "beta.io",
            "-",
            "",
            "https://www.Bücher.DE/",
        ];
        let ph = vec!["+1 555", "n/a", "", " ", "12", "", "x", "٣"];
        let df = frame(&[
            ("li", li.clone()),
            ("em", em.clone()),
            ("fn", first.clone()),
            ("ln", last.clone()),
            ("full", full.clone()),
            ("co", comp.clone()),
            ("dom", dom.clone()),
            ("ph", ph.clone()),
        ]);
        let m = mapping(&[
            (Role::LinkedinUrl, "li"),
            (Role::Email, "em"),
            (Role::FirstName, "fn"),
            (Role::LastName, "ln"),
            (Role::FullName, "full"),
            (Role::CompanyName, "co"),
            (Role::CompanyDomain, "dom"),
            (Role::Phone, "ph"),
        ]);
        let ids = table_ids(&df, &m).unwrap();
        for i in 0..li.len() {
            let mut want: Vec<Key> = Vec::new();
            if let Some(l) = normalize_linkedin(li[i]) {
                want.push(Key::of(&format!("li:{l}")));
            }
            let addresses = email_addresses(em[i]);
            for e in &addresses {
                want.push(Key::of(&format!("em:{e}")));
            }
            let name = if !first[i].trim().is_empty() && !last[i].trim().is_empty() {
                normalize_text(&format!("{} {}", first[i].trim(), last[i].trim()))
            } else {
                normalize_text(full[i])
            };
            if let Some((a, b)) = name.clone().zip(normalize_text(comp[i])) {
                want.push(Key::of(&format!("nc:{a}{SEP}{b}")));
            }
            if let Some((a, b)) = name.zip(normalize_domain(dom[i])) {
                want.push(Key::of(&format!("nd:{a}{SEP}{b}")));
            }
            assert_eq!(keys_of(&ids, i as u32), want, "row {i}");
            let flags = ids.flags[i];
            assert_eq!(flags & row::ID != 0, !want.is_empty(), "id {i}");
            assert_eq!(flags & row::PHONE != 0, is_phone(ph[i]), "phone {i}");
            assert_eq!(flags & row::EMAIL != 0, !addresses.is_empty(), "email {i}");
            let company = normalize_domain(dom[i])
                .or_else(|| normalize_text(comp[i]))
                .filter(|_| !want.is_empty())
                .map(|c| Key::of(&c));
            let got = ids
                .company
                .iter()
                .find(|(r, _)| *r == i as u32)
                .map(|(_, k)| *k);
            assert_eq!(got, company, "company {i}");
        }
    }

    /// A tiny deterministic generator of awkward ASCII values.
    fn awkward(seed: &mut u64, len: usize) -> String {
        const PIECES: &[&str] = &[
            "a",
            "Z",
            "@",
            ".",
            "/",
            " ",
            "\t",
            "\x0b",
            "%",
            "%4a",
            "?",
            "#",
            "://",
            "www.",
            "linkedin.com",
            "LinkedIn.COM",
            "/in/",
            "/IN/",
            "https",
            "m.",
            "x.y",
            "-",
            ",",
            "1",
            "mailto:",
            "\"",
            "<",
            ">",
            ";",
            "com",
            "uk.",
        ];
        let mut s = String::new();
        for _ in 0..len {
            *seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            s.push_str(PIECES[(*seed >> 33) as usize % PIECES.len()]);
        }
        s
    }

    /// The buffer-writing fast paths are the scalar rules, on many generated values.
    #[test]
    fn fast_paths_equal_the_scalar_functions() {
        let mut seed = 7;
        let (mut out, mut tmp) = (String::new(), String::new());
        for k in 0..20_000 {
            let v = awkward(&mut seed, 1 + k % 9);
            let want = normalize_email(&v).map(|e| format!("em:{e}"));
            assert_eq!(
                email_id(&mut out, &v).then(|| out.clone()),
                want,
                "email {v:?}"
            );
            let want = normalize_linkedin(&v).map(|l| format!("li:{l}"));
            let got = linkedin_id(&mut out, &mut tmp, &v).then(|| out.clone());
            assert_eq!(got, want, "linkedin {v:?}");
            domain_text(&mut out, &mut tmp, v.trim());
            assert_eq!(
                Some(out.clone()).filter(|d| !d.is_empty()),
                normalize_domain(&v),
                "domain {v:?}"
            );
            out.clear();
            push_text(&mut out, &v);
            assert_eq!(
                Some(out.clone()).filter(|t| !t.is_empty()),
                normalize_text(&v),
                "text {v:?}"
            );
        }
    }

    /// A duplicate joined to several rows names the earliest: in each triple, row 1 shares
    /// its email with row 2 and its name with row 0 (a name-only row that joined its
    /// group): row 0. Twenty triples, so that the keys' order meets both proposals first.
    #[test]
    fn a_join_names_the_earliest_row() {
        let (mut names, mut companies, mut emails) = (Vec::new(), Vec::new(), Vec::new());
        for t in 0..20 {
            for (n, e) in [(true, false), (true, true), (false, true)] {
                names.push(if n {
                    format!("Al Bo{t}")
                } else {
                    String::new()
                });
                companies.push(if n { "Acme".to_string() } else { String::new() });
                emails.push(if e {
                    format!("a{t}@x.io")
                } else {
                    String::new()
                });
            }
        }
        fn col(v: &[String]) -> Vec<&str> {
            v.iter().map(String::as_str).collect()
        }
        let df = frame(&[
            ("name", col(&names)),
            ("company", col(&companies)),
            ("email", col(&emails)),
        ]);
        let m = mapping(&[
            (Role::FullName, "name"),
            (Role::CompanyName, "company"),
            (Role::Email, "email"),
        ]);
        let mut g = Grouping::default();
        scan(&df, &m, &mut g, &|_| true).unwrap();
        let j = |kind, row| Join { kind, row };
        let want: Vec<(u32, Join)> = (0..20u32)
            .flat_map(|t| {
                let r = 3 * t;
                [
                    (r + 1, j(IdKind::NameCompany, r)),
                    (r + 2, j(IdKind::Email, r + 1)),
                ]
            })
            .collect();
        assert_eq!(g.take_joins(), want);
    }

    /// Three rows of one email: each later row is joined to the first (a run of three
    /// keys, not only pairs).
    #[test]
    fn a_key_on_three_rows_joins_each_to_the_first() {
        let df = frame(&[("email", vec!["a@x.io", "A@x.io", "a@X.io", "b@x.io"])]);
        let m = mapping(&[(Role::Email, "email")]);
        let mut g = Grouping::default();
        scan(&df, &m, &mut g, &|_| true).unwrap();
        let j = Join {
            kind: IdKind::Email,
            row: 0,
        };
        assert_eq!(g.take_joins(), vec![(1, j), (2, j)]);
    }

    /// After settling, a strong key keeps one entry (all its rows are one contact) and a
    /// name key every row holding it (they may be several contacts).
    #[test]
    fn settled_keys_keep_one_row_per_strong_key_and_every_row_of_a_name() {
        let df = frame(&[
            ("name", vec!["Al Bo", "Al Bo", "Al Bo", "Cy Do"]),
            ("company", vec!["Acme", "Acme", "Acme", "Beta"]),
            ("email", vec!["a@x.io", "A@X.io", "b@x.io", ""]),
        ]);
        let m = mapping(&[
            (Role::FullName, "name"),
            (Role::CompanyName, "company"),
            (Role::Email, "email"),
        ]);
        let mut g = Grouping::default();
        scan(&df, &m, &mut g, &|_| true).unwrap();
        let strong = g.rows_with(&Key::of("em:a@x.io"));
        assert_eq!(strong.len(), 1);
        assert!(strong[0] < 2);
        assert_eq!(g.rows_with(&Key::of("em:b@x.io")), vec![2]);
        let mut name = g.rows_with(&Key::of(&format!("nc:al bo{SEP}acme")));
        name.sort_unstable();
        assert_eq!(name, vec![0, 1, 2]);
        assert_eq!(
            g.rows_with(&Key::of(&format!("nc:cy do{SEP}beta"))),
            vec![3]
        );
        assert!(g.rows_with(&Key::of("em:nobody@x.io")).is_empty());
    }

    /// A key is the identifier's 128-bit xxh3 with its kind in the lowest two bits.
    #[test]
    fn a_key_is_the_hash_with_its_kind() {
        for (text, kind) in [
            ("li:linkedin.com/in/a", IdKind::Linkedin),
            ("em:a@b.co", IdKind::Email),
            ("nc:a\u{1f}b", IdKind::NameCompany),
            ("nd:a\u{1f}b.io", IdKind::NameDomain),
        ] {
            let h = xxhash_rust::xxh3::xxh3_128(text.as_bytes());
            let k = Key::of(text);
            assert_eq!(k.0, h as u64, "{text}");
            assert_eq!(k.1 & !3, (h >> 64) as u64 & !3, "{text}");
            assert_eq!(k.kind(), kind, "{text}");
            assert_eq!(kind.is_strong(), kind < IdKind::NameCompany);
        }
    }

    #[test]
    fn keys_tell_identifiers_apart() {
        let texts = [
            "em:a@b.co",
            "em:a@b.cO",
            "li:linkedin.com/in/a",
            "nc:a\u{1f}b",
            "nd:a\u{1f}b",
            "",
        ];
        for (i, a) in texts.iter().enumerate() {
            for (j, b) in texts.iter().enumerate() {
                assert_eq!(Key::of(a) == Key::of(b), i == j, "{a:?} {b:?}");
            }
        }
    }

    /// Batches on several workers give the rows the contacts one pass would.
    #[test]
    fn batches_keep_row_order_across_workers() {
        let n = BATCH * 3 + 17;
        let emails: Vec<String> = (0..n).map(|r| format!("p{}@x.com", r % 1000)).collect();
        let df = frame(&[("em", emails.iter().map(String::as_str).collect())]);
        let m = mapping(&[(Role::Email, "em")]);
        let roots = contacts(&df, &m).unwrap();
        for (r, root) in roots.iter().enumerate() {
            assert_eq!(*root, Some((r % 1000) as u32), "row {r}");
        }
        let mut g = Grouping::default();
        let cancelled = scan(&df, &m, &mut g, &|done| done < BATCH);
        assert!(matches!(cancelled, Err(Error::Cancelled)));
    }

    #[test]
    fn duplicate_chains_join_transitively() {
        let df = frame(&[
            ("em", vec!["a@x.com", "A@X.com", "b@y.com", "", "c@z.com"]),
            (
                "li",
                vec![
                    "",
                    "linkedin.com/in/p",
                    "https://www.linkedin.com/in/P/",
                    "",
                    "",
                ],
            ),
        ]);
        let m = mapping(&[(Role::Email, "em"), (Role::LinkedinUrl, "li")]);
        let roots = contacts(&df, &m).unwrap();
        assert_eq!(roots, vec![Some(0), Some(0), Some(0), None, Some(4)]);
    }

    #[test]
    fn email_cells_are_lists_of_addresses() {
        let cells = vec![
            "Cara Lee <cara@lee.example>",
            "mailto:ben@lagos.example",
            "ana@fox.example; ana.r@gmail.example",
            "\"dan@wu.example, d.wu@wu.example\"",
            "ana.r@gmail.example",
            "not-an-address, also@bad",
            "Dan Wu <D.Wu@wu.example>, other@x.example",
            "cara@lee.example",
        ];
        let df = frame(&[("em", cells)]);
        let m = mapping(&[(Role::Email, "em")]);
        let ids = table_ids(&df, &m).unwrap();
        // Cells 0-3 and 6 are lists with an address; 5 is a list without one.
        assert_eq!(ids.list_cells, 5);
        let firsts: Vec<Option<Key>> = (0..8).map(|r| keys_of(&ids, r).first().copied()).collect();
        let key = |e: &str| Some(Key::of(&format!("em:{e}")));
        assert_eq!(
            firsts,
            [
                key("cara@lee.example"),
                key("ben@lagos.example"),
                key("ana@fox.example"),
                key("dan@wu.example"),
                key("ana.r@gmail.example"),
                None,
                key("d.wu@wu.example"),
                key("cara@lee.example"),
            ]
        );
        // Second addresses join contacts: 2 with 4 (ana.r@), 3 with 6 (d.wu@), 0 with 7.
        let roots = contacts(&df, &m).unwrap();
        assert_eq!(
            roots,
            vec![
                Some(0),
                Some(1),
                Some(2),
                Some(3),
                Some(2),
                None,
                Some(3),
                Some(0)
            ]
        );
    }

    /// pricing.md §1 rules 1-4, worked by hand. Rows (name, company, email):
    /// 0 David Smith, IBM, d1@ibm.com   1 David Smith, IBM, d2@ibm.com  — two people (rule 4)
    /// 2 David Smith, IBM, —            — meets both: a contact of its own (rule 3)
    /// 3 Dana Levi, Acme, dana@acme.com 4 Dana Levi, Acme, —  5 Dana Levi, —, — with domain
    ///   acme.com (shares nc: with 4, nd: with 3) — 4 and 5 one cluster, joining 3 (rule 3)
    /// 6 "José Pe" written in NFD, Beta 7 "José Pe" in NFC, Beta — one name after NFC
    /// 8 Ann Lee with a LinkedIn company page as website only — no domain: unmatchable
    /// 9 "a@x.com，b@y.com" (full-width comma) 10 b@y.com — a list cell: two emails
    #[test]
    fn strong_identifiers_and_names_follow_the_four_rules() {
        let name = vec![
            "David Smith",
            "David Smith",
            "david  smith",
            "Dana Levi",
            "Dana Levi",
            "Dana Levi",
            "Jose\u{301} Pe",
            "Jos\u{e9} Pe",
            "Ann Lee",
            "",
            "",
        ];
        let company = vec![
            "IBM", "IBM", "ibm", "Acme", "Acme", "", "Beta", "BETA", "", "", "",
        ];
        let domain = vec![
            "",
            "",
            "",
            "acme.com",
            "",
            "https://acme.com/team",
            "",
            "",
            "https://www.linkedin.com/company/x",
            "",
            "",
        ];
        let email = vec![
            "d1@ibm.com",
            "d2@ibm.com",
            "",
            "dana@acme.com",
            "",
            "",
            "",
            "",
            "",
            "a@x.com\u{ff0c}b@y.com",
            "B@Y.com",
        ];
        let df = frame(&[
            ("name", name),
            ("company", company),
            ("domain", domain),
            ("email", email),
        ]);
        let m = mapping(&[
            (Role::FullName, "name"),
            (Role::CompanyName, "company"),
            (Role::CompanyDomain, "domain"),
            (Role::Email, "email"),
        ]);
        let mut g = Grouping::default();
        scan(&df, &m, &mut g, &|_| true).unwrap();
        let roots: Vec<Option<u32>> = (0..11).map(|r| g.root(r)).collect();
        let s = Some;
        assert_eq!(
            roots,
            vec![
                s(0),
                s(1),
                s(2),
                s(3),
                s(3),
                s(3),
                s(6),
                s(6),
                None,
                s(9),
                s(9)
            ]
        );
        assert_eq!(g.ambiguous_clusters, 1, "row 2 meets two people");
        let apart: Vec<usize> = (0..11).filter(|&r| g.flags[r] & row::APART != 0).collect();
        assert_eq!(
            apart,
            vec![0, 1],
            "the two David Smiths with their own emails"
        );
        let joins = g.take_joins();
        let j = |kind, row| Join { kind, row };
        assert_eq!(
            joins,
            vec![
                (4, j(IdKind::NameCompany, 3)),
                (5, j(IdKind::NameDomain, 3)),
                (7, j(IdKind::NameCompany, 6)),
                (10, j(IdKind::Email, 9)),
            ]
        );
    }

    /// A cluster joins a strong group through any of its rows' names, and two strong
    /// groups sharing a name stay apart even when a cluster links them.
    #[test]
    fn a_cluster_never_links_two_people() {
        // 0 Ann Bo @ Acme, a@acme.com; 1 Ann Bo @ acme.com (domain), b@acme.com: two people
        // (the names differ in kind: nc: on 0, nd: on 1, so they share no name at all).
        // 2 Ann Bo, Acme, acme.com, no email: holds 0's nc: and 1's nd: — meets both: own.
        // 3 Cy Do, Gamma, no email; 4 Cy Do, Gamma + gamma.io; 5 Cy Do, gamma.io, c@g.io:
        // cluster {3, 4} meets only 5 through nd: — joins it; 3 is the contact's first row.
        let df = frame(&[
            (
                "name",
                vec!["Ann Bo", "Ann Bo", "Ann Bo", "Cy Do", "Cy Do", "Cy Do"],
            ),
            ("company", vec!["Acme", "", "Acme", "Gamma", "Gamma", ""]),
            (
                "domain",
                vec!["", "acme.com", "acme.com", "", "gamma.io", "gamma.io"],
            ),
            (
                "email",
                vec!["a@acme.com", "b@acme.com", "", "", "", "c@g.io"],
            ),
        ]);
        let m = mapping(&[
            (Role::FullName, "name"),
            (Role::CompanyName, "company"),
            (Role::CompanyDomain, "domain"),
            (Role::Email, "email"),
        ]);
        let mut g = Grouping::default();
        scan(&df, &m, &mut g, &|_| true).unwrap();
        let roots: Vec<Option<u32>> = (0..6).map(|r| g.root(r)).collect();
        assert_eq!(
            roots,
            vec![Some(0), Some(1), Some(2), Some(3), Some(3), Some(3)]
        );
        assert_eq!(g.ambiguous_clusters, 1);
        assert!((0..6).all(|r| g.flags[r] & row::APART == 0));
        let joins = g.take_joins();
        // 4 shares nc: with 3 (earlier); 5 shares nd: with 4 only.
        assert_eq!(
            joins,
            vec![
                (
                    4,
                    Join {
                        kind: IdKind::NameCompany,
                        row: 3
                    }
                ),
                (
                    5,
                    Join {
                        kind: IdKind::NameDomain,
                        row: 4
                    }
                ),
            ]
        );
    }

    /// For single-valued roles the first column in file order whose cell is usable is
    /// taken: a domain `n/a` or a profile link falls through to the next column, whatever
    /// order the mapping lists the columns in; any phone column with a digit is a phone.
    #[test]
    fn the_first_usable_column_in_file_order() {
        let df = frame(&[
            ("name", vec!["Al Ba", "Al Ba", "Al Ba"]),
            ("site1", vec!["n/a", "beta.io", "facebook.com/alba"]),
            ("site2", vec!["acme.com", "acme.com", "acme.com"]),
            ("phone1", vec!["ext", "", "-"]),
            ("phone2", vec!["", "", "+1 555 0100"]),
        ]);
        let mut m = Mapping::default();
        m.set(Role::FullName, vec!["name".into()]);
        m.set(Role::CompanyDomain, vec!["site2".into(), "site1".into()]);
        m.set(Role::Phone, vec!["phone2".into(), "phone1".into()]);
        let ids = table_ids(&df, &m).unwrap();
        let nd = |d: &str| vec![Key::of(&format!("nd:al ba{SEP}{d}"))];
        assert_eq!(keys_of(&ids, 0), nd("acme.com"));
        assert_eq!(keys_of(&ids, 1), nd("beta.io"));
        assert_eq!(keys_of(&ids, 2), nd("acme.com"));
        let phones: Vec<bool> = ids.flags.iter().map(|f| f & row::PHONE != 0).collect();
        assert_eq!(phones, vec![false, false, true]);
    }

    /// One number on the rows of three contacts is shared; on two it is not.
    #[test]
    fn shared_phone_numbers() {
        let df = frame(&[
            (
                "email",
                vec!["a@x.io", "b@x.io", "c@x.io", "a@x.io", "d@y.io", "e@y.io"],
            ),
            (
                "phone",
                vec![
                    "+1 (555) 0100",
                    "15550100",
                    "1-555-0100",
                    "1 555 0100",
                    "777",
                    "777",
                ],
            ),
        ]);
        let m = mapping(&[(Role::Email, "email"), (Role::Phone, "phone")]);
        let mut g = Grouping::default();
        scan(&df, &m, &mut g, &|_| true).unwrap();
        let roots: Vec<u32> = (0..6).map(|r| g.root(r).unwrap()).collect();
        let shared = g.shared_phones(3, &|r| roots[r as usize]);
        assert_eq!(
            shared,
            SharedPhones {
                numbers: 1,
                contacts: 3
            }
        );
    }
}
