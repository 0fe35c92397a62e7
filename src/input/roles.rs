//! Column roles and their auto-detection from header names and column contents.
//!
//! Detection only proposes: every choice can be overridden (`--map`, the window's combos).
//! Header names carry most of the evidence; contents confirm a choice, break ties, and
//! find a role whose header says nothing (a column of emails called "Contact").

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::Invalid;

pub use super::profile::{ContentProfile, looks_like_phone};
use super::vocab::{self, Object};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    FirstName,
    LastName,
    FullName,
    CompanyName,
    CompanyDomain,
    Email,
    Phone,
    LinkedinUrl,
    /// The reveal date of a reveal-log entry; not used for contact lists.
    Date,
}

impl Role {
    pub const ALL: [Role; 9] = [
        Role::FirstName,
        Role::LastName,
        Role::FullName,
        Role::CompanyName,
        Role::CompanyDomain,
        Role::Email,
        Role::Phone,
        Role::LinkedinUrl,
        Role::Date,
    ];
    /// The roles of a contact list (everything but the log's date).
    pub const LIST: [Role; 8] = [
        Role::FirstName,
        Role::LastName,
        Role::FullName,
        Role::CompanyName,
        Role::CompanyDomain,
        Role::Email,
        Role::Phone,
        Role::LinkedinUrl,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Role::FirstName => "first_name",
            Role::LastName => "last_name",
            Role::FullName => "full_name",
            Role::CompanyName => "company_name",
            Role::CompanyDomain => "company_domain",
            Role::Email => "email",
            Role::Phone => "phone",
            Role::LinkedinUrl => "linkedin_url",
            Role::Date => "date",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::FirstName => "First name",
            Role::LastName => "Last name",
            Role::FullName => "Full name",
            Role::CompanyName => "Company name",
            Role::CompanyDomain => "Company domain / website",
            Role::Email => "Email",
            Role::Phone => "Phone",
            Role::LinkedinUrl => "LinkedIn URL",
            Role::Date => "Reveal date",
        }
    }

    pub fn from_key(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.key() == s)
    }

    /// Email and LinkedIn columns each give an identifier, phones are alternatives; the
    /// other roles take one column per row (the first non-empty one).
    pub fn takes_many(self) -> bool {
        matches!(self, Role::Email | Role::Phone | Role::LinkedinUrl)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Which columns (by header name, in priority order) play each role.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mapping {
    pub roles: BTreeMap<Role, Vec<String>>,
}

impl Mapping {
    pub fn columns(&self, role: Role) -> &[String] {
        self.roles.get(&role).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn set(&mut self, role: Role, columns: Vec<String>) {
        if columns.is_empty() {
            self.roles.remove(&role);
        } else {
            self.roles.insert(role, columns);
        }
    }

    /// The mapping as cli.md prints it: role key → columns, roles without columns left out.
    pub fn to_json_map(&self, roles: &[Role]) -> BTreeMap<String, Vec<String>> {
        roles
            .iter()
            .filter_map(|r| {
                let c = self.columns(*r);
                (!c.is_empty()).then(|| (r.key().to_string(), c.to_vec()))
            })
            .collect()
    }

    /// Apply `ROLE=COLUMN` overrides: the first override of a role replaces what was
    /// detected for it, later ones for the same role add columns.
    pub fn apply_overrides(
        &mut self,
        overrides: &[(Role, String)],
        headers: &[String],
    ) -> Result<(), crate::error::Invalid> {
        let mut replaced: Vec<Role> = Vec::new();
        for (role, column) in overrides {
            if column.is_empty() || column == "-" {
                self.roles.remove(role);
                replaced.push(*role);
                continue;
            }
            let Some(actual) = find_header(headers, column) else {
                return Err(Invalid(format!(
                    "--map {}={column}: no column named `{column}`; the columns are: {}",
                    role.key(),
                    headers.join(", ")
                )));
            };
            if !replaced.contains(role) {
                self.roles.remove(role);
                replaced.push(*role);
            }
            let cols = self.roles.entry(*role).or_default();
            if !cols.contains(&actual) {
                cols.push(actual);
            }
        }
        Ok(())
    }
}

/// A header given by a user matches exactly, else ignoring case and surrounding space.
pub fn find_header(headers: &[String], name: &str) -> Option<String> {
    headers
        .iter()
        .find(|h| *h == name)
        .or_else(|| {
            let want = clean_header(name).to_lowercase();
            headers
                .iter()
                .find(|h| clean_header(h).to_lowercase() == want)
        })
        .cloned()
}

/// Header text with BOMs, zero-width and no-break spaces removed, trimmed.
pub fn clean_header(h: &str) -> String {
    h.chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{feff}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}'
            )
        })
        .map(|c| {
            if c == '\u{a0}' || c == '\u{202f}' {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .trim()
        .to_string()
}

/// Header words for matching: camelCase split, compatibility forms (full-width letters)
/// unified, accents folded, punctuation as spaces, CJK runs cut into the vocabulary's words
/// and compounds written apart joined ("e mail" → "email").
pub fn header_words(h: &str) -> Vec<String> {
    let h = clean_header(h);
    let mut spaced = String::with_capacity(h.len() + 8);
    let mut prev: Option<char> = None;
    for c in h.chars() {
        // "linkedInUrl" → "linked In Url", "email2" → "email 2".
        if let Some(p) = prev
            && ((c.is_uppercase() && p.is_lowercase())
                || (c.is_ascii_digit() && p.is_alphabetic())
                || (c.is_alphabetic() && p.is_ascii_digit()))
        {
            spaced.push(' ');
        }
        spaced.push(c);
        prev = Some(c);
    }
    let mut words: Vec<String> = Vec::new();
    for w in fold_text(&spaced).split_whitespace() {
        vocab::split_cjk(w, &mut words);
    }
    // "e mail", "linked in", "e post" are one word for matching.
    let mut i = 0;
    while i + 1 < words.len() {
        let joined = format!("{}{}", words[i], words[i + 1]);
        if vocab::is_join(&joined) {
            words[i] = joined;
            words.remove(i + 1);
            i = i.saturating_sub(1);
        } else {
            i += 1;
        }
    }
    words
}

/// Text folded for matching: NFKC (full-width and other compatibility forms), lower case,
/// accents and marks folded (see `fold_accent`), anything but letters and digits as spaces.
/// A quote inside a Hebrew or Cyrillic word is part of it (`דוא"ל`, `ח"פ`, `Ім'я`): dropped,
/// the word kept whole.
pub(crate) fn fold_text(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let lower: Vec<char> = s
        .nfkc()
        .collect::<String>()
        .to_lowercase()
        .chars()
        .collect();
    let quote = |c: char| {
        matches!(
            c,
            '\'' | '"' | '\u{2018}' | '\u{2019}' | '\u{02bc}' | '\u{05f3}' | '\u{05f4}' | '`'
        )
    };
    let joins_words = |c: Option<&char>| {
        c.is_some_and(|&c| matches!(c, '\u{05d0}'..='\u{05ea}' | '\u{0400}'..='\u{04ff}'))
    };
    let mut out = String::with_capacity(s.len());
    for (i, &c) in lower.iter().enumerate() {
        if quote(c)
            && joins_words(lower[..i].iter().rev().find(|&&p| !quote(p)))
            && joins_words(lower[i + 1..].iter().find(|&&n| !quote(n)))
        {
            continue;
        }
        fold_accent(c, &mut out);
    }
    out
}

/// One lower-case character folded for matching: Latin letters lose their accents (NFD,
/// combining marks dropped) and the letters that do not decompose are spelled out (ł → l,
/// ø → o, ı → i, æ → ae, ß → ss); Cyrillic ё is е (й stays й); Arabic loses its vowel marks
/// and tatweel, its hamza-carrying alefs are ا, ى is ي and ة is ه; Hebrew loses its points.
/// CJK, Cyrillic, Arabic and Hebrew letters stay as they are. Anything but a letter or a
/// digit is a space.
fn fold_accent(c: char, out: &mut String) {
    match c {
        'a'..='z' | '0'..='9' => out.push(c),
        'ł' | 'ŀ' => out.push('l'),
        'ø' => out.push('o'),
        'đ' | 'ð' => out.push('d'),
        'ı' => out.push('i'),
        'ħ' => out.push('h'),
        'ŧ' => out.push('t'),
        'ĸ' => out.push('k'),
        'ŋ' => out.push('n'),
        'æ' => out.push_str("ae"),
        'œ' => out.push_str("oe"),
        'ß' => out.push_str("ss"),
        'þ' => out.push_str("th"),
        'ё' => out.push('е'),
        'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
        'ى' => out.push('ي'),
        'ة' => out.push('ه'),
        // Combining accents left by NFKC (no precomposed letter), Arabic vowel marks and
        // tatweel, Hebrew points and cantillation.
        '\u{0300}'..='\u{036f}'
        | '\u{0610}'..='\u{061a}'
        | '\u{064b}'..='\u{065f}'
        | '\u{0670}'
        | '\u{0640}'
        | '\u{06d6}'..='\u{06dc}'
        | '\u{06df}'..='\u{06e8}'
        | '\u{06ea}'..='\u{06ed}'
        | '\u{0591}'..='\u{05bd}'
        | '\u{05bf}'
        | '\u{05c1}'
        | '\u{05c2}'
        | '\u{05c4}'
        | '\u{05c5}'
        | '\u{05c7}' => {}
        '\u{00c0}'..='\u{024f}' | '\u{1e00}'..='\u{1eff}' => {
            unicode_normalization::char::decompose_canonical(c, |d| {
                if d == c {
                    // No decomposition (ƒ, ɐ, ×): the letter itself, or a space.
                    out.push(if c.is_alphanumeric() { c } else { ' ' });
                } else if !unicode_normalization::char::is_combining_mark(d) {
                    fold_accent(d, out);
                }
            });
        }
        c if c.is_alphanumeric() => out.push(c),
        _ => out.push(' '),
    }
}

/// What one header says: whose value the column holds, and its words without the object
/// words, qualifiers and numbers ("Contact.Personal_Email__c" → contact, ["email"]).
#[derive(Clone, Debug, PartialEq)]
pub struct HeaderSense {
    /// Every word of the header (for the words that rule a role out).
    pub words: Vec<String>,
    /// The words that say what the value is.
    pub field: Vec<String>,
    pub object: Object,
}

pub fn header_sense(header: &str) -> HeaderSense {
    let words = header_words(header);
    let mut object = Object::Unknown;
    let mut field = Vec::new();
    for w in &words {
        let w = w.as_str();
        if vocab::is_other_word(w) {
            object = Object::Other;
        } else if vocab::is_company_word(w) {
            if object != Object::Other {
                object = Object::Company;
            }
        } else if vocab::is_contact_word(w) {
            if object == Object::Unknown {
                object = Object::Contact;
            }
        } else if !vocab::is_filler(w) && !w.chars().all(|c| c.is_ascii_digit()) {
            field.push(w.to_string());
        }
    }
    // Someone else named in several words ("Kontaktperson hos os", "bei uns").
    if vocab::names_other(&words) {
        object = Object::Other;
    }
    HeaderSense {
        words,
        field,
        object,
    }
}

/// Header evidence for a role, 0 (none) to 100 (an unmistakable name).
pub fn header_score(role: Role, header: &str) -> u8 {
    score_sense(role, &header_sense(header))
}

fn score_sense(role: Role, h: &HeaderSense) -> u8 {
    let v = vocab::role_words(role);
    let any = |list: &[&str]| h.words.iter().any(|w| list.contains(&w.as_str()));
    if h.words.is_empty()
        || v.rules_out(&h.words)
        || vocab::is_company_level(&h.words)
        || (role != Role::Date && vocab::is_meta(&h.words))
    {
        return 0;
    }
    match (v.object, h.object) {
        (_, Object::Other) => return 0,
        (Object::Contact, Object::Company) => return 0,
        _ => {}
    }
    let field = h.field.join(" ");
    let name_words = !h.field.is_empty() && h.field.iter().all(|w| vocab::is_name_word(w));
    match role {
        // The object alone names the company ("Account", "Company / Account"), or with a
        // name word ("Account: Name", "Nom de la société").
        Role::CompanyName if h.object == Object::Company && (h.field.is_empty() || name_words) => {
            return 100;
        }
        // The company with a word that is none of its attributes ("Sales accounts").
        Role::CompanyName if h.object == Object::Company && !v.is_exact(&field) => {
            let hits = h.field.iter().any(|w| v.is_word(w));
            return if hits { 80 } else { 60 };
        }
        // "Contact", "Person - Name", "primary_contact_name".
        Role::FullName
            if h.object == Object::Contact && (h.field.is_empty() || field == "name") =>
        {
            return 100;
        }
        // "URL", "Company URL", "lead_url": a website, unless the cells say otherwise.
        Role::CompanyDomain if h.field.is_empty() && any(&["url", "urls", "link", "links"]) => {
            return if h.object == Object::Company { 80 } else { 70 };
        }
        _ => {}
    }
    if h.field.is_empty() {
        return 0;
    }
    if v.is_exact(&field) {
        return 100;
    }
    let hits = h.field.iter().filter(|w| v.is_word(w)).count();
    if hits == 0 {
        return 0;
    }
    if hits == h.field.len() {
        100
    } else if h.field.len() - hits == 1 {
        80
    } else {
        70
    }
}

/// Do a column's cells agree with a role? With too few values to judge, yes, unless every
/// cell is of one unmistakable kind another role owns (a LinkedIn person URL is never a
/// website, an email never a phone), or no phone cell holds a digit. A profile or social
/// URL is never a company's website, in any number.
fn content_agrees(role: Role, p: &ContentProfile) -> bool {
    use super::profile::CellKind;
    if p.non_empty == 0 {
        return true;
    }
    let social = p.person_linkedin + p.other_linkedin + p.profile_urls;
    if !p.judged() {
        let kind = p.all_of_one_kind();
        return match role {
            Role::Email => matches!(kind, None | Some(CellKind::Email)),
            Role::LinkedinUrl => matches!(kind, None | Some(CellKind::LinkedinPerson)),
            Role::CompanyDomain => matches!(kind, None | Some(CellKind::Website)),
            Role::Phone => kind.is_none() && p.with_digit > 0,
            Role::FirstName | Role::LastName | Role::FullName | Role::CompanyName => kind.is_none(),
            Role::Date => true,
        };
    }
    let machine = p.share(p.machine_values());
    match role {
        Role::Email => p.share(p.emails) >= 0.5,
        // Phone-shaped cells, or (a header naming the role keeps it) cells with a digit
        // that are no other kind of value.
        Role::Phone => {
            p.share(p.phones) >= 0.5
                || (p.share(p.with_digit) >= 0.5
                    && p.share(p.emails + social + p.domains + p.dates) < 0.2)
        }
        Role::LinkedinUrl => p.share(p.person_linkedin) >= 0.5,
        // Profile and social links give no domain (pricing.md §1), but a few among
        // websites do not make the column something else.
        Role::CompanyDomain => p.share(p.domains) >= 0.5 && p.domains > social,
        Role::FullName => machine < 0.5 && p.share(p.company_like) < 0.5,
        Role::FirstName | Role::LastName | Role::CompanyName => machine < 0.5,
        Role::Date => p.share(p.dates) >= 0.5,
    }
}

/// How much of a column is what a role wants, and the words for it.
fn content_share(role: Role, p: &ContentProfile) -> (f64, &'static str) {
    match role {
        Role::Email => (p.share(p.emails), "are emails"),
        Role::Phone => (p.share(p.phones), "are phone numbers"),
        Role::LinkedinUrl => (p.share(p.person_linkedin), "are LinkedIn person URLs"),
        Role::CompanyDomain => (p.share(p.domains), "are websites or domains"),
        Role::Date => (p.share(p.dates), "are dates"),
        Role::CompanyName if p.company_like > 0 => {
            (p.share(p.company_like), "look like company names")
        }
        Role::FullName | Role::FirstName | Role::LastName => {
            (p.share(p.name_like), "look like names")
        }
        Role::CompanyName => (1.0 - p.share(p.machine_values()), "are text"),
    }
}

/// A header that rules a role out whatever the cells hold: another person's ("Owner
/// Email"), the company's for a person role ("Company Phone"), a status or count ("Email
/// Opens"), the company's switchboard or tax id ("Zentrale", "NIP"), or a word the role
/// excludes.
fn ruled_out(role: Role, sense: &HeaderSense) -> bool {
    let v = vocab::role_words(role);
    sense.object == Object::Other
        || (v.object == Object::Contact && sense.object == Object::Company)
        || v.rules_out(&sense.words)
        || vocab::is_meta(&sense.words)
        || vocab::is_company_level(&sense.words)
}

/// One column's part in a role, with how sure the choice is and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnChoice {
    pub column: String,
    /// 0..=1.
    pub confidence: f64,
    /// In words: "header `Profile` says nothing of its own; 100% of 5 sampled cells are
    /// LinkedIn person URLs".
    pub why: String,
}

/// A detected role: its columns (in priority order) with the confidence of each.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DetectedRole {
    pub role: Role,
    pub columns: Vec<String>,
    /// The surest column's confidence.
    pub confidence: f64,
    pub choices: Vec<ColumnChoice>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Detection {
    pub mapping: Mapping,
    pub detected: Vec<DetectedRole>,
}

impl Detection {
    pub fn confidence(&self, role: Role) -> Option<f64> {
        self.detected
            .iter()
            .find(|d| d.role == role)
            .map(|d| d.confidence)
    }

    /// Why a column was detected for a role, when it was.
    pub fn choice(&self, role: Role, column: &str) -> Option<&ColumnChoice> {
        self.detected
            .iter()
            .find(|d| d.role == role)
            .and_then(|d| d.choices.iter().find(|c| c.column == column))
    }
}

/// A proposal: a column for a role, with its score (0..=100) and reason.
struct Candidate {
    col: usize,
    role: Role,
    score: f64,
    why: String,
}

fn sampled(p: &ContentProfile) -> String {
    match p.non_empty {
        1 => "1 sampled cell".to_string(),
        n => format!("{} sampled cells", crate::text::int(n as u64)),
    }
}

fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// Propose a mapping from headers and a sample of each column's values.
///
/// The header proposes and the cells decide: a header naming a role is taken only when the
/// column's cells agree (an "Email" column must mostly hold emails, a "Website" column
/// websites, not LinkedIn profiles), and a column whose cells clearly are emails, LinkedIn
/// person URLs, websites or phone numbers is taken under a generic or foreign header. The
/// best evidence wins a column; `roles` limits what is looked for (a reveal log also looks
/// for its date column).
pub fn detect(headers: &[String], samples: &[ContentProfile], roles: &[Role]) -> Detection {
    let empty = ContentProfile::default();
    let profile = |i: usize| samples.get(i).unwrap_or(&empty);
    let senses: Vec<HeaderSense> = headers.iter().map(|h| header_sense(h)).collect();
    let mut cands: Vec<Candidate> = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        let p = profile(i);
        let sense = &senses[i];
        for &role in roles {
            let s = score_sense(role, sense);
            if s == 0 {
                continue;
            }
            if content_agrees(role, p) {
                let (share, what) = content_share(role, p);
                let (conf, why) = if p.judged() {
                    (
                        s as f64 / 100.0 * (0.7 + 0.3 * share),
                        format!("header `{h}`; {} of {} {what}", percent(share), sampled(p)),
                    )
                } else {
                    (
                        s as f64 / 100.0 * 0.9,
                        format!("header `{h}` (too few values to check)"),
                    )
                };
                cands.push(Candidate {
                    col: i,
                    role,
                    score: conf * 100.0,
                    why,
                });
            } else if role == Role::FullName
                && roles.contains(&Role::CompanyName)
                && p.share(p.company_like) >= 0.5
                && p.share(p.machine_values()) < 0.5
            {
                // A "name" column of company names: Close's `display_name`, `lead_name`.
                let share = p.share(p.company_like);
                cands.push(Candidate {
                    col: i,
                    role: Role::CompanyName,
                    score: 80.0 * (0.7 + 0.3 * share),
                    why: format!(
                        "header `{h}` names a name; {} of {} look like company names",
                        percent(share),
                        sampled(p)
                    ),
                });
            }
        }
        // A tiny column (one or two cells) all of one unmistakable kind is that role.
        if !p.judged() {
            use super::profile::CellKind;
            let role = match p.all_of_one_kind() {
                Some(CellKind::Email) => Some(Role::Email),
                Some(CellKind::LinkedinPerson) => Some(Role::LinkedinUrl),
                Some(CellKind::Website) => Some(Role::CompanyDomain),
                _ => None,
            };
            if let Some(role) = role
                && roles.contains(&role)
                && !ruled_out(role, sense)
                && !cands.iter().any(|c| c.col == i && c.role == role)
            {
                let (_, what) = content_share(role, p);
                cands.push(Candidate {
                    col: i,
                    role,
                    // Below a header that names the role, above a header that guesses.
                    score: 75.0,
                    why: format!("header `{h}` does not say; all of {} {what}", sampled(p)),
                });
            }
        }
        // The cells alone, for a column whose header names no role it agrees with.
        if p.judged() {
            let by_cells = [
                (Role::Email, p.share(p.emails), 0.6),
                (Role::LinkedinUrl, p.share(p.person_linkedin), 0.8),
                (Role::CompanyDomain, p.share(p.domains), 0.8),
                (Role::Phone, p.share(p.written_phones), 0.9),
            ];
            for (role, share, need) in by_cells {
                if roles.contains(&role)
                    && share >= need
                    && !ruled_out(role, sense)
                    && content_agrees(role, p)
                    && !cands.iter().any(|c| c.col == i && c.role == role)
                {
                    let (_, what) = content_share(role, p);
                    cands.push(Candidate {
                        col: i,
                        role,
                        // 85 at most: below any header that names the role.
                        score: 50.0 + 35.0 * share,
                        why: format!(
                            "header `{h}` does not say; {} of {} {what}",
                            percent(share),
                            sampled(p)
                        ),
                    });
                }
            }
        }
    }
    // Surest first; file order among equals (a list's first email is its main one).
    cands.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.col.cmp(&b.col))
            .then(a.role.cmp(&b.role))
    });
    let mut taken = vec![false; headers.len()];
    let mut chosen: BTreeMap<Role, Vec<(usize, f64, String)>> = BTreeMap::new();
    for c in cands {
        if taken[c.col] {
            continue;
        }
        let list = chosen.entry(c.role).or_default();
        if !c.role.takes_many() && !list.is_empty() {
            continue;
        }
        taken[c.col] = true;
        list.push((c.col, c.score / 100.0, c.why));
    }
    // Korean 성 / 이름 (and the like): a bare "name" header beside a surname column, with no
    // given-name column, is the given name, not a full name (이름 alone is a full name).
    if chosen.contains_key(&Role::LastName) && !chosen.contains_key(&Role::FirstName) {
        let given = chosen
            .get(&Role::FullName)
            .and_then(|cols| match cols.as_slice() {
                [(c, ..)]
                    if GIVEN_NAME_BESIDE_SURNAME.contains(&clean_header(&headers[*c]).as_str()) =>
                {
                    Some(cols.clone())
                }
                _ => None,
            });
        if let Some(cols) = given {
            chosen.remove(&Role::FullName);
            chosen.insert(Role::FirstName, cols);
        }
    }
    let mut det = Detection::default();
    for &role in roles {
        let Some(mut list) = chosen.remove(&role) else {
            continue;
        };
        // Every column of a many-column role in file order (the first non-empty one wins
        // per row).
        list.sort_by_key(|c| c.0);
        let columns: Vec<String> = list.iter().map(|c| headers[c.0].clone()).collect();
        let round = |x: f64| (x * 100.0).round() / 100.0;
        let choices: Vec<ColumnChoice> = list
            .iter()
            .map(|(i, conf, why)| ColumnChoice {
                column: headers[*i].clone(),
                confidence: round(*conf),
                why: why.clone(),
            })
            .collect();
        let confidence = choices.iter().map(|c| c.confidence).fold(0.0, f64::max);
        det.mapping.set(role, columns.clone());
        det.detected.push(DetectedRole {
            role,
            columns,
            confidence,
            choices,
        });
    }
    det
}

/// Headers that are a full name alone but the given name beside a surname column.
const GIVEN_NAME_BESIDE_SURNAME: &[&str] = &["이름"];

/// Rows sampled for detecting roles from contents (the first ones of the file).
pub const PROFILE_SAMPLE: usize = 2000;

/// Below this, a detected column is worth a second look.
pub const LOW_CONFIDENCE: f64 = 0.7;

/// One thing [`review`] says of a mapping: its text, and for a column named like a role
/// but not used, that role and column (the window shows it beside the role).
#[derive(Clone, Debug, PartialEq)]
pub struct Remark {
    pub text: String,
    pub unused: Option<(Role, String)>,
}

impl From<String> for Remark {
    fn from(text: String) -> Remark {
        Remark { text, unused: None }
    }
}

/// What a user should check in the mapping in force: a column in two roles, a mapped
/// column whose cells disagree with its role, a role left empty although a column looks
/// like it, a column taken from its cells alone. Headers only, never cell values (these
/// warnings are saved in plans).
pub fn review(headers: &[String], samples: &[ContentProfile], mapping: &Mapping) -> Vec<Remark> {
    let mut out: Vec<Remark> = Vec::new();
    let empty = ContentProfile::default();
    let index = |c: &str| headers.iter().position(|h| h == c);
    let mut roles_of: BTreeMap<&str, Vec<Role>> = BTreeMap::new();
    for role in Role::LIST {
        for c in mapping.columns(role) {
            roles_of.entry(c.as_str()).or_default().push(role);
        }
    }
    for (col, roles) in roles_of.iter().filter(|(_, r)| r.len() > 1) {
        let names: Vec<&str> = roles.iter().map(|r| r.label()).collect();
        out.push(
            format!(
                "column `{col}` is used for {} roles at once ({}): check the mapping",
                roles.len(),
                names.join(", ")
            )
            .into(),
        );
    }
    for role in Role::LIST {
        for c in mapping.columns(role) {
            let Some(i) = index(c) else { continue };
            let p = samples.get(i).unwrap_or(&empty);
            if !content_agrees(role, p) {
                let (share, what) = content_share(role, p);
                out.push(
                    format!(
                        "column `{c}` is used as {} but only {} of {} {what}: check the mapping",
                        role.label(),
                        percent(share),
                        sampled(p)
                    )
                    .into(),
                );
            }
        }
    }
    // A column whose header names a role unambiguously but that no role uses: say why,
    // so that no column is left out in silence.
    for (i, h) in headers.iter().enumerate() {
        if roles_of.contains_key(h.as_str()) {
            continue;
        }
        let sense = header_sense(h);
        let Some(role) = Role::LIST
            .into_iter()
            .find(|r| score_sense(*r, &sense) == 100)
        else {
            continue;
        };
        let p = samples.get(i).unwrap_or(&empty);
        let why = if !content_agrees(role, p) {
            let (share, what) = content_share(role, p);
            format!("only {} of {} {what}", percent(share), sampled(p))
        } else if let Some(other) = mapping.columns(role).first()
            && !role.takes_many()
        {
            format!(
                "{} takes `{other}`; add it to the role if it holds the same (the first usable cell of a row is used)",
                role.label()
            )
        } else {
            "it is not mapped".to_string()
        };
        out.push(Remark {
            text: format!(
                "column `{h}` is named like {} but is not used: {why}",
                role.label()
            ),
            unused: Some((role, h.clone())),
        });
    }
    let det = detect(headers, samples, &Role::LIST);
    // A column in force that was taken at low confidence, with the reason.
    for role in Role::LIST {
        for c in mapping.columns(role) {
            if let Some(ch) = det.choice(role, c)
                && ch.confidence < LOW_CONFIDENCE
            {
                out.push(
                    format!(
                        "column `{c}` is used as {} at low confidence ({}: {}): check it, it decides how rows match",
                        role.label(),
                        percent(ch.confidence),
                        ch.why
                    )
                    .into(),
                );
            }
        }
    }
    for role in [
        Role::Email,
        Role::LinkedinUrl,
        Role::Phone,
        Role::CompanyDomain,
    ] {
        if !mapping.columns(role).is_empty() {
            continue;
        }
        let looks: Vec<&String> = headers
            .iter()
            .enumerate()
            .filter(|(i, h)| {
                let p = samples.get(*i).unwrap_or(&empty);
                let sense = header_sense(h);
                p.judged()
                    && !roles_of.contains_key(h.as_str())
                    && !ruled_out(role, &sense)
                    && content_share(role, p).0 >= 0.5
                    && content_agrees(role, p)
            })
            .map(|(_, h)| h)
            .collect();
        if let Some(first) = looks.first() {
            out.push(
                format!(
                    "no column is used as {}, but `{first}` looks like one: map it if it is the contact's own",
                    role.label()
                )
                .into(),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hs(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn detect_names(headers: &[&str]) -> Mapping {
        detect(&hs(headers), &[], &Role::LIST).mapping
    }

    #[test]
    fn header_words_split_camel_case_and_fold_accents() {
        assert_eq!(
            header_words("linkedInProfileUrl"),
            ["linkedin", "profile", "url"]
        );
        assert_eq!(header_words("Téléphone"), ["telephone"]);
        assert_eq!(header_words("\u{feff}E-Mail"), ["email"]);
        assert_eq!(header_words("LinkedIn__c"), ["linkedin", "c"]);
    }

    #[test]
    fn european_headers() {
        let m = detect_names(&["Vorname", "Nachname", "Firma", "E-Mail", "Telefon"]);
        assert_eq!(m.columns(Role::FirstName), ["Vorname"]);
        assert_eq!(m.columns(Role::LastName), ["Nachname"]);
        assert_eq!(m.columns(Role::CompanyName), ["Firma"]);
        assert_eq!(m.columns(Role::Email), ["E-Mail"]);
        assert_eq!(m.columns(Role::Phone), ["Telefon"]);
        let m = detect_names(&["Prénom", "Nom", "Société", "Téléphone", "Courriel"]);
        assert_eq!(m.columns(Role::FirstName), ["Prénom"]);
        assert_eq!(m.columns(Role::LastName), ["Nom"]);
        assert_eq!(m.columns(Role::CompanyName), ["Société"]);
        assert_eq!(m.columns(Role::Phone), ["Téléphone"]);
        assert_eq!(m.columns(Role::Email), ["Courriel"]);
        let m = detect_names(&["Nombre", "Apellido", "Empresa", "Correo", "Teléfono"]);
        assert_eq!(m.columns(Role::FirstName), ["Nombre"]);
        assert_eq!(m.columns(Role::LastName), ["Apellido"]);
        assert_eq!(m.columns(Role::CompanyName), ["Empresa"]);
        assert_eq!(m.columns(Role::Email), ["Correo"]);
        assert_eq!(m.columns(Role::Phone), ["Teléfono"]);
    }

    #[test]
    fn api_and_camel_case_headers() {
        let m = detect_names(&[
            "FirstName",
            "LastName",
            "MobilePhone",
            "LinkedIn__c",
            "Email",
        ]);
        assert_eq!(m.columns(Role::FirstName), ["FirstName"]);
        assert_eq!(m.columns(Role::LastName), ["LastName"]);
        assert_eq!(m.columns(Role::Phone), ["MobilePhone"]);
        assert_eq!(m.columns(Role::LinkedinUrl), ["LinkedIn__c"]);
        let m = detect_names(&["firstName", "lastName", "linkedInProfileUrl", "companyName"]);
        assert_eq!(m.columns(Role::LinkedinUrl), ["linkedInProfileUrl"]);
        assert_eq!(m.columns(Role::CompanyName), ["companyName"]);
    }

    #[test]
    fn never_company_or_sales_navigator_or_image_linkedin() {
        let m = detect_names(&[
            "Company LinkedIn URL",
            "Sales Navigator URL",
            "LinkedIn Sales Navigator",
            "linkedinImageUrl",
            "Profile LinkedIn",
        ]);
        assert_eq!(m.columns(Role::LinkedinUrl), ["Profile LinkedIn"]);
    }

    #[test]
    fn never_switchboard_fax_or_email_metadata() {
        let m = detect_names(&[
            "Company Phone",
            "Fax",
            "Switchboard",
            "Email Status",
            "Email Confidence",
            "Email Source",
            "Work Email Confidence",
            "Mobile Phone",
            "Work Email",
        ]);
        assert_eq!(m.columns(Role::Phone), ["Mobile Phone"]);
        assert_eq!(m.columns(Role::Email), ["Work Email"]);
    }

    #[test]
    fn contents_find_an_email_column_with_an_unhelpful_header() {
        let headers = hs(&["Contact", "Org"]);
        let samples = [
            ContentProfile::of(["a@x.com", "b@y.org", "c@z.io", ""].into_iter()),
            ContentProfile::of(["Acme", "Beta", "Gamma"].into_iter()),
        ];
        let d = detect(&headers, &samples, &Role::LIST);
        assert_eq!(d.mapping.columns(Role::Email), ["Contact"]);
        assert!(d.confidence(Role::Email).unwrap() < 0.9);
    }

    #[test]
    fn overrides_replace_then_add() {
        let headers = hs(&["A", "B", "C"]);
        let mut m = Mapping::default();
        m.set(Role::Email, vec!["A".into()]);
        m.apply_overrides(
            &[(Role::Email, "b".into()), (Role::Email, "C".into())],
            &headers,
        )
        .unwrap();
        assert_eq!(m.columns(Role::Email), ["B", "C"]);
        let err = m
            .apply_overrides(&[(Role::Phone, "Nope".into())], &headers)
            .unwrap_err();
        assert!(err.0.contains("Nope"));
    }

    fn profiles(cols: &[&[&str]]) -> Vec<ContentProfile> {
        cols.iter()
            .map(|c| ContentProfile::of(c.iter().copied()))
            .collect()
    }

    /// The vendor's export keeps both phone columns when `Phone 1` holds short numbers: a
    /// header that names the role keeps it while its cells hold digits (issue 25: 45
    /// credits charged instead of 25 when `Phone 1` was dropped).
    #[test]
    fn a_named_phone_column_with_short_numbers_is_kept() {
        let headers = hs(&["Date", "Email", "Phone 1", "Phone 2"]);
        let samples = profiles(&[
            &["2026-11-02", "2026-11-03", "2026-11-04"],
            &["a@x.io", "b@x.io", "c@x.io"],
            &["112", "4567", "+31 20"],
            &["+1 555 010 0000", "", "+44 20 7946 0000"],
        ]);
        let det = detect(&headers, &samples, &Role::ALL);
        assert_eq!(det.mapping.columns(Role::Phone), ["Phone 1", "Phone 2"]);
        // Cells without a digit contradict the header: not used, and said so.
        let samples = profiles(&[
            &[],
            &["a@x.io"],
            &["n/a", "-", "none"],
            &["+1 555 010 0000"],
        ]);
        let det = detect(&headers, &samples, &Role::LIST);
        assert_eq!(det.mapping.columns(Role::Phone), ["Phone 2"]);
        let remarks = review(&headers, &samples, &det.mapping);
        assert!(
            remarks
                .iter()
                .any(|r| r.unused == Some((Role::Phone, "Phone 1".into())))
        );
        let warnings: Vec<&str> = remarks.iter().map(|r| r.text.as_str()).collect();
        assert!(
            warnings.iter().any(|w| w.starts_with(
                "column `Phone 1` is named like Phone but is not used: only 0% of 3 sampled cells"
            )),
            "{warnings:?}"
        );
    }

    /// One or two cells all of an unmistakable kind decide the role under a header that
    /// says nothing (`URL`, `Profile`), and a LinkedIn person URL is never a website.
    #[test]
    fn tiny_columns_of_one_kind_are_that_role() {
        let headers = hs(&[
            "First Name",
            "Last Name",
            "URL",
            "Profile",
            "Homepage",
            "Note",
        ]);
        let samples = profiles(&[
            &["Ann", "Bo"],
            &["Lee", "Cy"],
            &[
                "https://www.linkedin.com/in/annlee",
                "https://www.linkedin.com/in/bocy",
            ],
            &["a@lee.example"],
            &["https://acme.example"],
            &["dott.ssa"],
        ]);
        let det = detect(&headers, &samples, &Role::LIST);
        assert_eq!(det.mapping.columns(Role::LinkedinUrl), ["URL"]);
        assert_eq!(det.mapping.columns(Role::Email), ["Profile"]);
        assert_eq!(det.mapping.columns(Role::CompanyDomain), ["Homepage"]);
        // A bare word with a dot is no website from one cell.
        let headers = hs(&["First Name", "Last Name", "Note"]);
        let samples = profiles(&[&["Ann"], &["Lee"], &["dott.ssa"]]);
        let det = detect(&headers, &samples, &Role::LIST);
        assert!(det.mapping.columns(Role::CompanyDomain).is_empty());
        // A company page in a website column is no domain, even alone.
        let headers = hs(&["Name", "Company", "Website"]);
        let samples = profiles(&[
            &["Ann Lee"],
            &["Acme"],
            &["https://www.linkedin.com/company/acme"],
        ]);
        let det = detect(&headers, &samples, &Role::LIST);
        assert!(det.mapping.columns(Role::CompanyDomain).is_empty());
    }

    /// Korean 성 / 이름: beside a surname column 이름 is the given name; alone, a full name.
    #[test]
    fn a_korean_name_beside_a_surname_is_the_given_name() {
        let both = detect_names(&["성", "이름", "회사명", "이메일"]);
        assert_eq!(both.columns(Role::LastName), ["성"]);
        assert_eq!(both.columns(Role::FirstName), ["이름"]);
        assert!(both.columns(Role::FullName).is_empty());
        let alone = detect_names(&["이름", "회사명", "이메일"]);
        assert_eq!(alone.columns(Role::FullName), ["이름"]);
    }
}
