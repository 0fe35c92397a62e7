//! The header vocabulary, as data: for each language people write headers in, the words
//! that name each role and the words that make a column something else (one file per
//! language, each one [`Lang`]); and here the conventions of CRM and sales-tool exports that
//! belong to no language (Salesforce API names and `__c` custom fields, HubSpot, Pipedrive's
//! `Person - …` / `Organization - …`, Dynamics' `(Do Not Modify)` columns, Zoho, Close,
//! Outreach, Salesloft, ZoomInfo, Apollo, LinkedIn, scrapers, Lusha).
//!
//! Entries are written as people write them, accents, hyphens and Hebrew `"` included: every
//! entry is folded by `roles::header_words`, like the headers it is compared with, so
//! `Příjmení`, `Şirket`, `דוא"ל` and `Ім'я` match their headers whatever the spelling.
//! Adding a synonym is adding a word to its language's file. The languages are merged once
//! into hash sets: a lookup is one probe, whatever the number of languages.
//!
//! A word means the same in every language here: a word one language uses for a role and
//! another for a status (French `nombre` is a count, Spanish `nombre` a name) is listed for
//! neither meaning it would break. `tests::no_word_means_two_things` checks the merged
//! sets.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::roles::{self, Role};

mod ar;
mod cs;
mod da;
mod de;
mod en;
mod es;
mod fi;
mod fr;
mod he;
mod it;
mod ja;
mod ko;
mod nl;
mod no;
mod pl;
mod pt;
mod ru;
mod sv;
mod tr;
mod uk;
mod zh;

/// Whose value a column holds, as its header says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Object {
    /// Nothing said: the contact's own, as far as the header tells.
    Unknown,
    /// A prefix or word naming the person (`Contact:`, `Person - `, `primary_contact_`).
    Contact,
    /// The contact's company (`Account.`, `Organization - `, "Company Phone").
    Company,
    /// Someone else: the record's owner, an assistant, a manager, a past employer.
    Other,
}

/// The words of one role in one language.
pub struct Words {
    /// The whole header, object words and filler removed, is one of these: certain.
    /// (Written as the header's remaining words: "nom famille" for "Nom de famille".)
    pub exact: &'static [&'static str],
    /// One of these words in the header names the role, less surely.
    pub words: &'static [&'static str],
    /// Any of these words, or phrases of consecutive words, makes the column something
    /// else.
    pub not: &'static [&'static str],
}

impl Words {
    pub const NONE: Words = Words {
        exact: &[],
        words: &[],
        not: &[],
    };
}

/// One language's header words.
pub struct Lang {
    /// ISO 639-1, or `crm` for the conventions of no language.
    pub code: &'static str,
    pub first_name: Words,
    pub last_name: Words,
    pub full_name: Words,
    pub company_name: Words,
    /// The company's website or domain.
    pub company_domain: Words,
    pub email: Words,
    /// The person's phone or mobile.
    pub phone: Words,
    pub linkedin_url: Words,
    /// A reveal log's date.
    pub date: Words,
    /// Name words: with a company object they are the company's name ("Nazwa firmy").
    pub name: &'static [&'static str],
    /// Words naming the person whose row it is; they say whose value it is, not what it is.
    pub contact: &'static [&'static str],
    /// Words naming the contact's company.
    pub company: &'static [&'static str],
    /// Words (or phrases) naming someone other than the contact: the record's owner, a
    /// sales rep, an assistant, a buyer, a referrer, "created by", "our side".
    pub other: &'static [&'static str],
    /// Words (or phrases) that make a column about a value rather than the value: a
    /// status, a count, a date, a type, a consent flag, a reason. They shut out every role
    /// but the log's date.
    pub meta: &'static [&'static str],
    /// Words that qualify a value without changing what it is ("Work Email Address 2").
    pub filler: &'static [&'static str],
    /// The company's switchboard, main number, reception, head office: never the person's
    /// phone (nor any other role).
    pub switchboard: &'static [&'static str],
    /// Company tax and registry ids (VAT, NIP, ИНН, CNPJ, …): never a phone, nor any role.
    pub company_ids: &'static [&'static str],
    /// Compounds written as two words and matched as one ("e mail" → "email").
    pub joins: &'static [&'static str],
}

impl Lang {
    pub fn role(&self, role: Role) -> &Words {
        match role {
            Role::FirstName => &self.first_name,
            Role::LastName => &self.last_name,
            Role::FullName => &self.full_name,
            Role::CompanyName => &self.company_name,
            Role::CompanyDomain => &self.company_domain,
            Role::Email => &self.email,
            Role::Phone => &self.phone,
            Role::LinkedinUrl => &self.linkedin_url,
            Role::Date => &self.date,
        }
    }

    /// Every list of the language, for the checks and the CJK pieces.
    fn lists(&self) -> Vec<&'static [&'static str]> {
        let mut out = Vec::new();
        for role in Role::ALL {
            let w = self.role(role);
            out.extend([w.exact, w.words, w.not]);
        }
        out.extend([
            self.name,
            self.contact,
            self.company,
            self.other,
            self.meta,
            self.filler,
            self.switchboard,
            self.company_ids,
        ]);
        out
    }
}

/// Whose value each role is: `Contact` roles are shut out by a company or another person's
/// header; `Company` roles by another person's.
fn object_of(role: Role) -> Object {
    match role {
        Role::CompanyName | Role::CompanyDomain => Object::Company,
        Role::Date => Object::Unknown,
        _ => Object::Contact,
    }
}

/// CRM and export conventions of no language: Salesforce's `__c` and `PersonAccount` (`pc`),
/// abbreviated API names, sales-team acronyms, hashes and tool names.
const CRM: Lang = Lang {
    code: "crm",
    first_name: Words {
        exact: &["fname"],
        words: &[],
        not: &[],
    },
    last_name: Words {
        exact: &["lname"],
        words: &[],
        not: &[],
    },
    full_name: Words::NONE,
    company_name: Words {
        exact: &[],
        words: &[],
        not: &["sic", "naics", "naic", "duns", "ipo", "iso"],
    },
    company_domain: Words {
        exact: &[],
        words: &[],
        not: &[
            "html",
            "zoominfo",
            "crunchbase",
            "angellist",
            "utm",
            "crm",
            "hubspot",
            "salesforce",
            "github",
            "xing",
            "salesnav",
            "skype",
        ],
    },
    email: Words::NONE,
    phone: Words {
        exact: &[],
        words: &[],
        not: &["skype"],
    },
    linkedin_url: Words {
        exact: &["li"],
        words: &[],
        not: &["salesnav", "salesnavigator"],
    },
    date: Words::NONE,
    name: &[],
    contact: &[],
    company: &[],
    other: &["sdr", "bdr", "csm"],
    meta: &[
        "ip", "md", "md5", "hash", "sha", "sha256", "dnc", "guid", "uuid", "checksum",
    ],
    // `__c` custom fields, `pc` person-account fields, plural `s` of split API names, the
    // `e` of a split "e-mail".
    filler: &["c", "pc", "s", "e"],
    switchboard: &[],
    company_ids: &[],
    joins: &[],
};

/// Every language, merged in this order (the order changes nothing: the sets are unions).
pub const LANGS: [&Lang; 22] = [
    &CRM,
    &en::LANG,
    &de::LANG,
    &fr::LANG,
    &es::LANG,
    &pt::LANG,
    &it::LANG,
    &nl::LANG,
    &pl::LANG,
    &cs::LANG,
    &ru::LANG,
    &uk::LANG,
    &tr::LANG,
    &sv::LANG,
    &no::LANG,
    &da::LANG,
    &fi::LANG,
    &ja::LANG,
    &zh::LANG,
    &ko::LANG,
    &ar::LANG,
    &he::LANG,
];

/// Words and phrases (consecutive header words joined by a space), with the longest
/// phrase's length in words.
#[derive(Default)]
struct Phrases {
    set: HashSet<String>,
    longest: usize,
}

impl Phrases {
    fn add(&mut self, words: Vec<String>) {
        if words.is_empty() {
            return;
        }
        self.longest = self.longest.max(words.len());
        self.set.insert(words.join(" "));
    }

    fn has_word(&self, w: &str) -> bool {
        self.set.contains(w)
    }

    /// Is one of the phrases among the header's consecutive words?
    fn in_words(&self, words: &[String]) -> bool {
        let mut p = String::new();
        for i in 0..words.len() {
            p.clear();
            for (j, w) in words[i..].iter().take(self.longest).enumerate() {
                if j > 0 {
                    p.push(' ');
                }
                p.push_str(w);
                if self.set.contains(p.as_str()) {
                    return true;
                }
            }
        }
        false
    }
}

/// The evidence one header gives for one role, merged over every language.
pub struct RoleWords {
    pub role: Role,
    /// Whose value the role is: `Contact` roles are shut out by a company or another
    /// person's header; `Company` roles by another person's.
    pub object: Object,
    exact: HashSet<String>,
    words: HashSet<String>,
    not: Phrases,
}

impl RoleWords {
    /// The header's field words, joined by spaces, name the role for certain.
    pub fn is_exact(&self, field: &str) -> bool {
        self.exact.contains(field)
    }

    /// This word of a header names the role.
    pub fn is_word(&self, w: &str) -> bool {
        self.words.contains(w)
    }

    /// A word or phrase of the header makes the column something else.
    pub fn rules_out(&self, words: &[String]) -> bool {
        self.not.in_words(words)
    }
}

struct Index {
    /// In `Role::ALL` order.
    roles: Vec<RoleWords>,
    name: HashSet<String>,
    contact: HashSet<String>,
    company: HashSet<String>,
    filler: HashSet<String>,
    other: Phrases,
    meta: Phrases,
    company_level: Phrases,
}

/// An entry folded as a header is.
fn fold(entry: &str) -> Vec<String> {
    roles::header_words(entry)
}

fn word_set<'a>(lists: impl Iterator<Item = &'a [&'static str]>) -> HashSet<String> {
    lists
        .flat_map(|l| l.iter())
        .map(|e| fold(e).join(" "))
        .filter(|e| !e.is_empty())
        .collect()
}

fn phrases<'a>(lists: impl Iterator<Item = &'a [&'static str]>) -> Phrases {
    let mut p = Phrases::default();
    for e in lists.flat_map(|l| l.iter()) {
        p.add(fold(e));
    }
    p
}

/// The one-word entries of a role: what another role's header must not carry.
fn role_tokens(role: Role) -> Vec<Vec<String>> {
    LANGS
        .iter()
        .flat_map(|l| {
            let w = l.role(role);
            w.exact.iter().chain(w.words)
        })
        .map(|e| fold(e))
        .filter(|w| w.len() == 1)
        .collect()
}

fn build() -> Index {
    let roles = Role::ALL
        .iter()
        .map(|&role| {
            let mut not = phrases(LANGS.iter().map(|l| l.role(role).not));
            // A company's name never carries another role's word ("Company Phone", "Site
            // da empresa", "Firmen-E-Mail"), nor a website another role's.
            let others: &[Role] = match role {
                Role::CompanyName => &[
                    Role::Email,
                    Role::Phone,
                    Role::LinkedinUrl,
                    Role::CompanyDomain,
                ],
                Role::CompanyDomain => &[Role::Email, Role::LinkedinUrl],
                _ => &[],
            };
            for &o in others {
                for w in role_tokens(o) {
                    not.add(w);
                }
            }
            RoleWords {
                role,
                object: object_of(role),
                exact: word_set(LANGS.iter().map(|l| l.role(role).exact)),
                words: word_set(LANGS.iter().map(|l| l.role(role).words)),
                not,
            }
        })
        .collect();
    Index {
        roles,
        name: word_set(LANGS.iter().map(|l| l.name)),
        contact: word_set(LANGS.iter().map(|l| l.contact)),
        company: word_set(LANGS.iter().map(|l| l.company)),
        filler: word_set(LANGS.iter().map(|l| l.filler)),
        other: phrases(LANGS.iter().map(|l| l.other)),
        meta: phrases(LANGS.iter().map(|l| l.meta)),
        company_level: phrases(
            LANGS
                .iter()
                .flat_map(|l| [l.switchboard, l.company_ids].into_iter()),
        ),
    }
}

static INDEX: LazyLock<Index> = LazyLock::new(build);

/// The compounds of `joins`, as one word ("email", "epost", "linkedin").
static JOINS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    LANGS
        .iter()
        .flat_map(|l| l.joins.iter())
        .map(|e| roles::fold_text(e).split_whitespace().collect::<String>())
        .collect()
});

/// Every word of two or more CJK characters in the vocabulary, to cut a CJK header (written
/// without spaces) into known words: "携帯電話番号" → "携帯電話" "番号".
struct Pieces {
    set: HashSet<String>,
    /// In characters.
    longest: usize,
}

static PIECES: LazyLock<Pieces> = LazyLock::new(|| {
    let mut set = HashSet::new();
    for lang in LANGS {
        for list in lang.lists() {
            for e in list {
                for w in roles::fold_text(e).split_whitespace() {
                    if w.chars().any(is_cjk) && w.chars().count() >= 2 {
                        set.insert(w.to_string());
                    }
                }
            }
        }
    }
    let longest = set.iter().map(|w| w.chars().count()).max().unwrap_or(0);
    Pieces { set, longest }
});

pub fn role_words(role: Role) -> &'static RoleWords {
    let i = Role::ALL
        .iter()
        .position(|r| *r == role)
        .expect("every role is in Role::ALL");
    &INDEX.roles[i]
}

/// With a company object, a name word names the company ("Account: Name", "Nazwa firmy").
pub fn is_name_word(w: &str) -> bool {
    INDEX.name.contains(w)
}

pub fn is_contact_word(w: &str) -> bool {
    INDEX.contact.contains(w)
}

pub fn is_company_word(w: &str) -> bool {
    INDEX.company.contains(w)
}

pub fn is_other_word(w: &str) -> bool {
    INDEX.other.has_word(w)
}

/// A word or phrase of the header names someone else ("Kontaktperson hos os").
pub fn names_other(words: &[String]) -> bool {
    INDEX.other.in_words(words)
}

pub fn is_filler(w: &str) -> bool {
    INDEX.filler.contains(w)
}

/// A word or phrase of the header makes it about a value, not the value.
pub fn is_meta(words: &[String]) -> bool {
    INDEX.meta.in_words(words)
}

/// A word or phrase of the header names the company's switchboard or one of its tax or
/// registry ids: no role at all.
pub fn is_company_level(words: &[String]) -> bool {
    INDEX.company_level.in_words(words)
}

/// Two header words written apart that are one ("e" + "mail").
pub fn is_join(joined: &str) -> bool {
    JOINS.contains(joined)
}

/// Chinese, Japanese and Korean letters (written without spaces between words).
pub fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11ff}'
        | '\u{3040}'..='\u{30ff}'
        | '\u{3130}'..='\u{318f}'
        | '\u{31f0}'..='\u{31ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{ac00}'..='\u{d7af}'
        | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{2fa1f}')
}

/// Push a header word, cut into the vocabulary's words when it is CJK written without
/// spaces ("公司总机" → "公司" "总机"); what no vocabulary word covers stays together.
pub fn split_cjk(word: &str, out: &mut Vec<String>) {
    let pieces = &*PIECES;
    if !word.chars().any(is_cjk) || pieces.set.contains(word) {
        out.push(word.to_string());
        return;
    }
    let chars: Vec<char> = word.chars().collect();
    let mut rest = String::new();
    let mut i = 0;
    let mut piece = String::new();
    while i < chars.len() {
        let mut found = 0;
        for len in (2..=pieces.longest.min(chars.len() - i)).rev() {
            piece.clear();
            piece.extend(&chars[i..i + len]);
            if pieces.set.contains(piece.as_str()) {
                found = len;
                break;
            }
        }
        if found == 0 {
            rest.push(chars[i]);
            i += 1;
            continue;
        }
        if !rest.is_empty() {
            out.push(std::mem::take(&mut rest));
        }
        out.push(chars[i..i + found].iter().collect());
        i += found;
    }
    if !rest.is_empty() {
        out.push(rest);
    }
}

/// The checks each language's test runs its headers through.
#[cfg(test)]
pub(crate) mod check {
    use super::{Object, is_company_level, is_meta};
    use crate::input::roles::{Role, header_score, header_sense, header_words};

    /// The header names `role`, better than any other role.
    #[track_caller]
    pub fn names(role: Role, header: &str) {
        let s = header_score(role, header);
        assert!(
            s >= 70,
            "`{header}` should name {role} (scores {s}): {:?}",
            header_sense(header)
        );
        for r in Role::ALL {
            if r != role {
                let o = header_score(r, header);
                assert!(
                    o < s,
                    "`{header}` names {r} ({o}) as well as {role} ({s}): {:?}",
                    header_sense(header)
                );
            }
        }
    }

    /// The header names no role at all.
    #[track_caller]
    pub fn nothing(header: &str) {
        for r in Role::ALL {
            assert_eq!(
                header_score(r, header),
                0,
                "`{header}` should name nothing, not {r}: {:?}",
                header_sense(header)
            );
        }
    }

    /// The header holds someone else's value: every role is out.
    #[track_caller]
    pub fn someone_else(header: &str) {
        assert_eq!(
            header_sense(header).object,
            Object::Other,
            "`{header}` should be someone else's"
        );
        nothing(header);
    }

    /// The header is about a value (a status, a source, a count): every role of a list is
    /// out.
    #[track_caller]
    pub fn not_a_value(header: &str) {
        assert!(
            is_meta(&header_words(header)),
            "`{header}` should hold no value: {:?}",
            header_words(header)
        );
        for r in Role::LIST {
            assert_eq!(header_score(r, header), 0, "`{header}` should not be {r}");
        }
    }

    /// The header is the company's switchboard or a company id: every role is out.
    #[track_caller]
    pub fn company_level(header: &str) {
        assert!(
            is_company_level(&header_words(header)),
            "`{header}` should be the company's number or id: {:?}",
            header_words(header)
        );
        nothing(header);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words of the single-word lists fold to one word (a phrase there would never match),
    /// and every `exact` entry can be met: none of its words is filler or an object word,
    /// which a header's field never holds.
    #[test]
    fn every_entry_can_match() {
        let mut bad = Vec::new();
        for lang in LANGS {
            let single = [
                ("name", lang.name),
                ("contact", lang.contact),
                ("company", lang.company),
                ("filler", lang.filler),
            ];
            for role in Role::ALL {
                let w = lang.role(role);
                for e in w.words {
                    if fold(e).len() != 1 {
                        bad.push(format!("{}: {role} word `{e}` is {:?}", lang.code, fold(e)));
                    }
                }
                for e in w.exact {
                    let f = fold(e);
                    if f.is_empty()
                        || f.iter().any(|w| {
                            is_filler(w)
                                || is_contact_word(w)
                                || is_company_word(w)
                                || is_other_word(w)
                                || w.chars().all(|c| c.is_ascii_digit())
                        })
                    {
                        bad.push(format!("{}: {role} exact `{e}` is {f:?}", lang.code));
                    }
                }
            }
            for (what, list) in single {
                for e in list {
                    if fold(e).len() != 1 {
                        bad.push(format!("{}: {what} `{e}` is {:?}", lang.code, fold(e)));
                    }
                }
            }
            for e in lang.joins {
                if roles::fold_text(e).split_whitespace().count() != 2 {
                    bad.push(format!("{}: join `{e}` is not two words", lang.code));
                }
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    /// A word that names a role is no status, no one else's and no company id, and object
    /// words are one kind each: merged from every language, one meaning per word.
    #[test]
    fn no_word_means_two_things() {
        let ix = &*INDEX;
        let mut bad = Vec::new();
        for rw in &ix.roles {
            if rw.role == Role::Date {
                continue;
            }
            for w in rw
                .words
                .iter()
                .chain(rw.exact.iter().filter(|e| !e.contains(' ')))
            {
                let words = [w.clone()];
                for (what, hit) in [
                    ("meta", ix.meta.in_words(&words)),
                    ("other", ix.other.in_words(&words)),
                    ("company-level", ix.company_level.in_words(&words)),
                    ("filler", ix.filler.contains(w)),
                    ("ruled out", rw.not.in_words(&words)),
                ] {
                    if hit {
                        bad.push(format!("{} word `{w}` is also {what}", rw.role));
                    }
                }
            }
        }
        for (a, sa, b, sb) in [
            ("contact", &ix.contact, "company", &ix.company),
            ("contact", &ix.contact, "filler", &ix.filler),
            ("company", &ix.company, "filler", &ix.filler),
        ] {
            for w in sa.intersection(sb) {
                bad.push(format!("`{w}` is {a} and {b}"));
            }
        }
        for w in ix.contact.iter().chain(&ix.company).chain(&ix.filler) {
            if ix.other.has_word(w) {
                bad.push(format!("`{w}` is other and an object word or filler"));
            }
        }
        bad.sort();
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn every_language_is_there_once() {
        let codes: Vec<&str> = LANGS.iter().map(|l| l.code).collect();
        for code in [
            "crm", "en", "de", "fr", "es", "pt", "it", "nl", "pl", "cs", "ru", "uk", "tr", "sv",
            "no", "da", "fi", "ja", "zh", "ko", "ar", "he",
        ] {
            assert_eq!(codes.iter().filter(|c| **c == code).count(), 1, "{code}");
        }
    }

    #[test]
    fn header_words_fold_accents_and_keep_other_scripts() {
        let w = |h: &str| roles::header_words(h).join(" ");
        // Latin: decomposed and stripped, and the letters that do not decompose spelled out.
        assert_eq!(w("Imię"), "imie");
        assert_eq!(w("Příjmení"), "prijmeni");
        assert_eq!(w("Şirket Adı"), "sirket adi");
        assert_eq!(w("SOYADI"), "soyadi");
        assert_eq!(w("Właściciel"), "wlasciciel");
        assert_eq!(w("Straße"), "strasse");
        assert_eq!(w("Søren Ærø Œuvre Đorđe"), "soren aero oeuvre dorde");
        assert_eq!(w("Telefon (geschäftlich)"), "telefon geschaftlich");
        // A decomposed (NFD) header folds as its composed form.
        assert_eq!(w("Prij\u{30c}meni\u{301}"), "prijmeni");
        // Turkish İş is "is", joined with what follows ("is" alone is a status word).
        assert_eq!(w("İş Telefonu"), "istelefonu");
        // Full-width letters are ASCII.
        assert_eq!(w("ＴＥＬ"), "tel");
        assert_eq!(w("Ｅメール"), "eメール");
        // Cyrillic: й stays, ё is е; an apostrophe inside a word is dropped.
        assert_eq!(w("Мобильный"), "мобильный");
        assert_eq!(w("Приёмная"), "приемная");
        assert_eq!(w("Ім'я"), "імя");
        assert_eq!(w("Ім’я"), "імя");
        // Kana keep their voicing marks; Hangul stays composed.
        assert_eq!(w("ガ"), "ガ");
        assert_eq!(w("회사"), "회사");
        // Arabic: hamza alefs, ta marbuta, vowel marks.
        assert_eq!(w("الإسم الأوَّل"), "الاسم الاول");
        assert_eq!(w("الشركة"), "الشركه");
        // Hebrew: gershayim (or ") and geresh inside a word, points dropped.
        assert_eq!(w("דוא\"ל"), "דואל");
        assert_eq!(w("דוא״ל"), "דואל");
        assert_eq!(w("ח.פ."), "ח פ");
        assert_eq!(w("טל'"), "טל");
        assert_eq!(w("שֵׁם"), "שם");
    }

    #[test]
    fn cjk_headers_are_cut_into_known_words() {
        let cut = |w: &str| {
            let mut out = Vec::new();
            split_cjk(w, &mut out);
            out
        };
        assert_eq!(cut("直通電話番号"), ["直通電話", "番号"]);
        assert_eq!(cut("公司传真"), ["公司", "传真"]);
        assert_eq!(cut("会社名"), ["会社名"]);
        assert_eq!(cut("email"), ["email"]);
        assert_eq!(cut("名刺交換日"), ["名刺", "交換日"]);
    }
}
