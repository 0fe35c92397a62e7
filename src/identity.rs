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

/// The fingerprint of a normalised identifier: xxh3-128 of its text with its kind
/// (`em:`, `li:`, `nc:`, `nd:`), or of a bare company key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key(u64, u64);

impl Key {
    pub fn of(text: &str) -> Key {
        let h = xxhash_rust::xxh3::xxh3_128(text.as_bytes());
        Key(h as u64, (h >> 64) as u64)
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
    /// A phone (pricing.md §1: the first non-empty phone cell holds a digit).
    pub const PHONE: u8 = 4;
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

/// Per row, the first of `cols` whose trimmed value is non-empty, trimmed ("" if none).
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
        let get = |role: Role| -> PolarsResult<Vec<StringChunked>> {
            m.columns(role)
                .iter()
                .map(|c| Ok(df.column(c)?.str()?.rechunk().into_owned()))
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
            domain_text(&mut s.domain, &mut s.tmp, first_non_empty(&self.domain, r));
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
            if is_phone(first_non_empty(&self.phone, r)) {
                flags |= row::PHONE;
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
    if workers < 2 {
        for b in 0..batches {
            take(cols.rows(range(b)), g);
            if !tick(range(b).end) {
                return Err(Error::Cancelled);
            }
        }
        return Ok(g.list_cells - lists_before);
    }
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    std::thread::scope(|s| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, RowIds)>(workers * 2);
        let mut spawned = 0;
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
            if named.spawn_scoped(s, work).is_ok() {
                spawned += 1;
            }
        }
        drop(tx);
        // Batches come in any order; the grouping takes them in row order.
        let mut pending = BTreeMap::new();
        let mut want = 0;
        if spawned > 0 {
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
        }
        // Whatever no worker did (none could start, or they stopped early).
        for b in want..batches {
            take(cols.rows(range(b)), g);
            if !tick(range(b).end) {
                return Err(Error::Cancelled);
            }
        }
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

/// Rows grouped into contacts as their identities arrive, run after run in row order:
/// rows sharing any identifier are one contact, transitively, and the companies of
/// identifiable rows numbered in order of their first row.
///
/// Every identifier is kept as a 20-byte entry (key, row) in one of 256 parts by its key's
/// first byte; [`Grouping::settle`] sorts the parts (on every core), joins the rows of each
/// key in a union-find over row numbers and keeps one entry per key for lookups. Compared
/// with a hash table of keys this holds a third of the memory and never doubles it at once.
pub struct Grouping {
    uf: UnionFind,
    parts: Vec<Vec<Entry>>,
    /// The parts are sorted, one entry per key, and their rows joined.
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
}

impl Default for Grouping {
    fn default() -> Self {
        Grouping::with_capacity(0)
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
    }

    /// Sort the parts, join the rows that share a key, keep one entry per key.
    pub fn settle(&mut self) {
        if self.settled {
            return;
        }
        let workers = std::thread::available_parallelism().map_or(1, |p| p.get());
        let per = PARTS.div_ceil(workers.max(1));
        let sort = |parts: &mut [Vec<Entry>]| {
            for p in parts {
                p.sort_unstable_by_key(|e| e.key);
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
            if !p.is_sorted_by_key(|e| e.key) {
                p.sort_unstable_by_key(|e| e.key);
            }
            let mut kept = 0;
            for i in 0..p.len() {
                if kept > 0 && p[kept - 1].key == p[i].key {
                    self.uf.union(p[kept - 1].row, p[i].row);
                } else {
                    p[kept] = p[i];
                    kept += 1;
                }
            }
            p.truncate(kept);
        }
        self.settled = true;
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

    /// A row holding this identifier, if any row does (all such rows are one contact).
    pub fn row_with(&mut self, key: &Key) -> Option<u32> {
        self.settle();
        let part = &self.parts[key.part()];
        let words = key.words();
        part.binary_search_by_key(&words, |e| e.key)
            .ok()
            .map(|i| part[i].row)
    }
}

/// Group one table's rows into contacts: per row, its contact's first row, or None when
/// the row has no identifier (unmatchable).
pub fn contacts(df: &DataFrame, m: &Mapping) -> Result<Vec<Option<u32>>> {
    let mut g = Grouping::with_capacity(df.height());
    scan(df, m, &mut g, &|_| true)?;
    Ok((0..g.rows() as u32).map(|r| g.root(r)).collect())
}

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
}
