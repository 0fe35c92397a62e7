//! What a column's cells hold: each sampled cell is put in one kind (an email, a person
//! LinkedIn URL, a website, a phone number, a date, a yes/no flag, an ID …), and role
//! detection asks for the share of each kind.

/// A kind of cell no header can argue with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CellKind {
    Email,
    LinkedinPerson,
    Website,
    /// A LinkedIn page that is not a person's, or a social or profile site.
    Profile,
}

/// Counts of the kinds of a sample of one column's non-empty cells.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ContentProfile {
    pub non_empty: usize,
    /// Cells holding at least one valid email (a list of addresses counts, as pricing.md §1
    /// reads such cells).
    pub emails: usize,
    /// LinkedIn person profile URLs (`/in/…`).
    pub person_linkedin: usize,
    /// Other LinkedIn URLs: company pages, Sales Navigator, schools, posts.
    pub other_linkedin: usize,
    /// URLs of other profiles and apps (Facebook, X/Twitter, ZoomInfo, a CRM's own link,
    /// photo hosts): never a company's website.
    pub profile_urls: usize,
    /// A website or a bare domain.
    pub domains: usize,
    /// Websites written as such (`https://…`, `www.…`): a bare `dott.ssa` may be a word.
    pub urls_written: usize,
    /// Phone-shaped values (seven or more digits and phone punctuation only).
    pub phones: usize,
    /// Phone-shaped values that also look written as phones (a leading `+`, brackets or
    /// separators), not a bare run of digits that may be an ID.
    pub written_phones: usize,
    pub dates: usize,
    /// yes/no, true/false, 0/1 and the like.
    pub flags: usize,
    /// Other plain numbers (counts, amounts, IDs made of digits only).
    pub numbers: usize,
    /// GUIDs, CRM record IDs, checksums: one long token mixing letters and digits.
    pub ids: usize,
    /// Text with a company-name suffix or marker (Inc., GmbH, 株式会社 …).
    pub company_like: usize,
    /// Other text that could be a person's name: letters only, one to five words.
    pub name_like: usize,
    /// Cells holding at least one ASCII digit, whatever else they are (a phone cell counts
    /// when it holds a digit, pricing.md §2).
    pub with_digit: usize,
}

impl ContentProfile {
    pub fn of<'a>(values: impl Iterator<Item = &'a str>) -> Self {
        let mut p = ContentProfile::default();
        for v in values {
            let v = v.trim();
            if v.is_empty() {
                continue;
            }
            p.non_empty += 1;
            if v.bytes().any(|b| b.is_ascii_digit()) {
                p.with_digit += 1;
            }
            p.add(v);
        }
        p
    }

    fn add(&mut self, v: &str) {
        let lower = v.to_lowercase();
        if has_email(v) {
            self.emails += 1;
        } else if crate::normalize::normalize_linkedin(v).is_some() || first_linkedin_person(&lower)
        {
            self.person_linkedin += 1;
        } else if lower.contains("linkedin.") {
            self.other_linkedin += 1;
        } else if is_profile_url(&lower) {
            self.profile_urls += 1;
        } else if looks_like_date(v) {
            self.dates += 1;
        } else if looks_like_phone(v) {
            self.phones += 1;
            if written_as_phone(v) {
                self.written_phones += 1;
            }
        } else if is_flag(&lower) {
            self.flags += 1;
        } else if is_number(v) {
            self.numbers += 1;
        } else if looks_like_id(v) {
            self.ids += 1;
        } else if !v.contains(char::is_whitespace)
            && crate::normalize::normalize_domain(v).is_some_and(|d| d.contains('.'))
            && is_domainish(&lower)
        {
            self.domains += 1;
            if lower.starts_with("http://")
                || lower.starts_with("https://")
                || lower.starts_with("www.")
            {
                self.urls_written += 1;
            }
        } else {
            if is_company_like(v) {
                self.company_like += 1;
            } else if is_name_like(v) {
                self.name_like += 1;
            }
        }
    }

    /// The share of the sampled non-empty cells that are of a kind (0 with no cells).
    pub fn share(&self, n: usize) -> f64 {
        if self.non_empty == 0 {
            0.0
        } else {
            n as f64 / self.non_empty as f64
        }
    }

    /// Enough cells to judge by (fewer and the header decides alone, unless the cells are
    /// [`ContentProfile::all_of_one_kind`]).
    pub fn judged(&self) -> bool {
        self.non_empty >= 3
    }

    /// The one unmistakable kind every non-empty cell is, from a single cell up: emails,
    /// LinkedIn person URLs, websites written as URLs; or URLs of profiles (other LinkedIn pages, social
    /// sites), which are no role's. None for mixed or other cells, or no cells.
    pub fn all_of_one_kind(&self) -> Option<CellKind> {
        let n = self.non_empty;
        if n == 0 {
            None
        } else if self.emails == n {
            Some(CellKind::Email)
        } else if self.person_linkedin == n {
            Some(CellKind::LinkedinPerson)
        } else if self.domains == n && self.urls_written == n {
            Some(CellKind::Website)
        } else if self.other_linkedin + self.profile_urls == n {
            Some(CellKind::Profile)
        } else {
            None
        }
    }

    /// Cells that are data about something, not a name or a word: addresses, URLs,
    /// numbers, dates, flags, IDs.
    pub fn machine_values(&self) -> usize {
        self.emails
            + self.person_linkedin
            + self.other_linkedin
            + self.profile_urls
            + self.domains
            + self.phones
            + self.dates
            + self.flags
            + self.numbers
            + self.ids
    }
}

/// A cell read as a list of addresses (pricing.md §1) holds at least one valid email.
pub fn has_email(v: &str) -> bool {
    if !v.contains('@') {
        return false;
    }
    email_candidates(v).any(|c| crate::normalize::normalize_email(c).is_some())
}

pub use crate::normalize::email_candidates;

/// A list of LinkedIn URLs in one cell (a CRM's multi-value field) whose first is a person.
fn first_linkedin_person(lower: &str) -> bool {
    lower
        .split([',', ';', ' '])
        .find(|p| !p.is_empty())
        .is_some_and(|p| crate::normalize::normalize_linkedin(p).is_some())
}

/// Hosts whose URLs are a profile or an app page, never a company's own website.
const PROFILE_HOSTS: &[&str] = &[
    "facebook.com",
    "fb.com",
    "twitter.com",
    "x.com",
    "instagram.com",
    "youtube.com",
    "github.com",
    "xing.com",
    "zoominfo.com",
    "crunchbase.com",
    "angel.co",
    "wellfound.com",
    "googleusercontent.com",
    "gravatar.com",
    "licdn.com",
    "app.close.com",
    "hubspot.com",
    "salesforce.com",
    "force.com",
    "pipedrive.com",
    "apollo.io",
    "lusha.com",
    "t.me",
    "wa.me",
    "skype.com",
];

fn is_profile_url(lower: &str) -> bool {
    let rest = lower
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    PROFILE_HOSTS
        .iter()
        .any(|h| host == *h || host.ends_with(&format!(".{h}")))
}

/// A URL or a host name, not a file name or a decimal number.
fn is_domainish(lower: &str) -> bool {
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.") {
        return true;
    }
    let host = lower.split('/').next().unwrap_or("");
    let tld = host.rsplit('.').next().unwrap_or("");
    (2..=24).contains(&tld.len())
        && tld.chars().all(|c| c.is_alphabetic())
        && !matches!(
            tld,
            "csv" | "xlsx" | "xls" | "pdf" | "doc" | "docx" | "txt" | "png" | "jpg" | "jpeg"
        )
}

/// Seven or more digits and nothing but phone punctuation (a cell with several numbers,
/// `+1 303 555 0126, +1 720 555 0133`, included; Apollo's leading `'` too).
pub fn looks_like_phone(v: &str) -> bool {
    let digits = v.chars().filter(char::is_ascii_digit).count();
    let mut letters = 0;
    let ok = v.chars().all(|c| {
        if c.is_ascii_alphabetic() {
            letters += 1;
        }
        c.is_ascii_digit()
            || matches!(
                c,
                '+' | '-' | ' ' | '(' | ')' | '.' | '/' | '\'' | ',' | ';' | ':'
            )
            || c.eq_ignore_ascii_case(&'x')
            || c.eq_ignore_ascii_case(&'e')
            || c.eq_ignore_ascii_case(&'t')
    });
    // "ext" is the only word a phone carries.
    ok && digits >= 7 && letters <= 3 && !looks_like_thousands(v) && !looks_like_decimal_or_ip(v)
}

/// `39.7817000`, `-89.65`, `198.51.100.23`: a coordinate, an amount or an IP address.
fn looks_like_decimal_or_ip(v: &str) -> bool {
    let v = v.trim().trim_start_matches(['-', '+']);
    let groups: Vec<&str> = v.split('.').collect();
    let digits_only = groups
        .iter()
        .all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()));
    digits_only && (groups.len() == 2 || (groups.len() == 4 && groups.iter().all(|g| g.len() <= 3)))
}

/// `12,500,000` or `1.250.000`: an amount, not a phone.
fn looks_like_thousands(v: &str) -> bool {
    let v = v.trim();
    for sep in [',', '.'] {
        let parts: Vec<&str> = v.split(sep).collect();
        if parts.len() >= 2
            && (1..=3).contains(&parts[0].len())
            && parts[0].chars().all(|c| c.is_ascii_digit())
            && parts[1..]
                .iter()
                .all(|p| p.len() == 3 && p.chars().all(|c| c.is_ascii_digit()))
        {
            return true;
        }
    }
    false
}

fn written_as_phone(v: &str) -> bool {
    let v = v.trim_start_matches('\'');
    v.starts_with('+')
        || v.starts_with('(')
        || v.starts_with("00")
        || v.chars()
            .any(|c| matches!(c, ' ' | '-' | '(' | ')' | '.' | '/'))
}

/// ISO dates and date-times, `dd/mm/yyyy`, `mm/dd/yyyy`, `dd.mm.yyyy` and the like.
fn looks_like_date(v: &str) -> bool {
    let head: String = v.chars().take(10).collect();
    let bytes = head.as_bytes();
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    let sep = |i: usize| {
        bytes
            .get(i)
            .is_some_and(|b| matches!(b, b'-' | b'/' | b'.'))
    };
    let iso = head.len() == 10
        && (0..4).all(digit)
        && sep(4)
        && digit(5)
        && digit(6)
        && sep(7)
        && digit(8)
        && digit(9);
    let dmy = head.len() == 10
        && digit(0)
        && digit(1)
        && sep(2)
        && digit(3)
        && digit(4)
        && sep(5)
        && (6..10).all(digit);
    let short = {
        // d/m/yyyy, m/d/yy …
        let parts: Vec<&str> = v
            .split(|c: char| c.is_whitespace() || c == 'T')
            .next()
            .unwrap_or("")
            .split(['/', '.', '-'])
            .collect();
        let digits = |p: &str, lens: &[usize]| {
            lens.contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit())
        };
        parts.len() == 3
            && ((digits(parts[0], &[4]) && digits(parts[1], &[1, 2]) && digits(parts[2], &[1, 2]))
                || (digits(parts[0], &[1, 2])
                    && digits(parts[1], &[1, 2])
                    && digits(parts[2], &[2, 4])))
    };
    (iso || dmy || short) && v.len() <= 40
}

fn is_flag(lower: &str) -> bool {
    matches!(
        lower,
        "yes"
            | "no"
            | "y"
            | "n"
            | "true"
            | "false"
            | "t"
            | "f"
            | "0"
            | "1"
            | "x"
            | "ja"
            | "nein"
            | "oui"
            | "non"
            | "si"
            | "sí"
            | "sim"
            | "não"
            | "nao"
            | "wahr"
            | "falsch"
            | "vrai"
            | "faux"
            | "verdadero"
            | "falso"
            | "opted out"
            | "opted in"
            | "unsubscribed"
            | "subscribed"
            | "checked"
            | "unchecked"
    )
}

fn is_number(v: &str) -> bool {
    let v = v.trim_start_matches(['+', '-', '$', '€', '£']);
    !v.is_empty()
        && v.chars().any(|c| c.is_ascii_digit())
        && v.chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '%' | ' ' | 'k' | 'K' | 'M'))
}

/// One long token of letters and digits (and `-`/`_`): a GUID, a Salesforce or CRM ID, a
/// checksum.
fn looks_like_id(v: &str) -> bool {
    let len = v.chars().count();
    len >= 12
        && !v.contains(char::is_whitespace)
        && v.chars().any(|c| c.is_ascii_digit())
        && v.chars().any(|c| c.is_ascii_alphabetic())
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '/' | '='))
}

/// Words and marks that make a value a company's name.
const COMPANY_MARKS: &[&str] = &[
    "inc",
    "inc.",
    "llc",
    "l.l.c.",
    "ltd",
    "ltd.",
    "limited",
    "gmbh",
    "ag",
    "kg",
    "se",
    "sa",
    "s.a.",
    "sl",
    "s.l.",
    "sas",
    "sarl",
    "srl",
    "s.r.l.",
    "spa",
    "s.p.a.",
    "bv",
    "b.v.",
    "nv",
    "n.v.",
    "oy",
    "ab",
    "as",
    "a/s",
    "aps",
    "kk",
    "k.k.",
    "pty",
    "plc",
    "corp",
    "corp.",
    "corporation",
    "co",
    "co.",
    "company",
    "group",
    "holding",
    "holdings",
    "labs",
    "technologies",
    "technology",
    "systems",
    "solutions",
    "software",
    "services",
    "consulting",
    "partners",
    "studio",
    "studios",
    "industries",
    "international",
    "bank",
    "university",
    "ltda",
    "s.a.s.",
    "sp.",
    "z",
    "o.o.",
    "a.e.",
    "e.v.",
    "lp",
    "llp",
];

fn is_company_like(v: &str) -> bool {
    if [
        "株式会社",
        "有限公司",
        "公司",
        "شركة",
        "ООО",
        "АО",
        "(주)",
        "주식회사",
        "บริษัท",
    ]
    .iter()
    .any(|m| v.contains(m))
    {
        return true;
    }
    v.contains(" & ")
        || v.split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .skip(1)
            .any(|w| COMPANY_MARKS.contains(&w.to_lowercase().as_str()))
}

fn is_name_like(v: &str) -> bool {
    let words = v.split_whitespace().count();
    (1..=5).contains(&words)
        && v.chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’' | '.' | ','))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(values: &[&str]) -> ContentProfile {
        ContentProfile::of(values.iter().copied())
    }

    #[test]
    fn kinds() {
        let q = p(&[
            "a@b.com",
            "Dana <d@x.io>; e@y.org",
            "https://www.linkedin.com/in/dana",
            "linkedin.com/company/acme",
            "https://www.facebook.com/acme",
            "acme.com",
            "https://acme.io/about",
            "+1 (303) 555-0126",
            "4155550123",
            "2026-02-18T15:04:22",
            "18/02/2026",
            "yes",
            "12,500,000",
            "0035g00000Ab1CdAAA",
            "Acme Example Inc.",
            "Dana Levi",
            "",
        ]);
        assert_eq!(q.non_empty, 16);
        assert_eq!(q.emails, 2);
        assert_eq!(q.person_linkedin, 1);
        assert_eq!(q.other_linkedin, 1);
        assert_eq!(q.profile_urls, 1);
        assert_eq!(q.domains, 2);
        assert_eq!(q.phones, 2);
        assert_eq!(q.written_phones, 1);
        assert_eq!(q.dates, 2);
        assert_eq!(q.flags, 1);
        assert_eq!(q.numbers, 1);
        assert_eq!(q.ids, 1);
        assert_eq!(q.company_like, 1);
        assert_eq!(q.name_like, 1);
        assert_eq!(q.machine_values(), 14);
    }

    #[test]
    fn email_lists_and_display_names() {
        let c: Vec<&str> = email_candidates("Dana Levi <dana@x.io>, <mailto:e@y.org>").collect();
        assert_eq!(c, ["dana@x.io", "e@y.org"]);
        let c: Vec<&str> = email_candidates("a@b.com; MAILTO:c@d.org \"e@f.net\"").collect();
        assert_eq!(c, ["a@b.com", "c@d.org", "e@f.net"]);
        assert!(has_email("Robert (robert@acme.com)"));
        assert!(!has_email("no address here"));
        assert!(!has_email("@"));
        // Not a char boundary at byte 7: no panic.
        assert!(!has_email("ééééé@x"));
        assert!(has_email("mailtö:é@x.org"));
    }

    #[test]
    fn phones_are_not_amounts_or_words() {
        assert!(looks_like_phone("'+1 303-555-0126"));
        assert!(looks_like_phone("+13035550127, +17205550133"));
        assert!(looks_like_phone("(617) 555-0123 ext 12"));
        assert!(!looks_like_phone("12,500,000"));
        assert!(!looks_like_phone("1.250.000"));
        assert!(!looks_like_phone("555-01"));
        assert!(!looks_like_phone("Call 555 0123 456"));
        assert!(!looks_like_phone("198.51.100.23") && !looks_like_phone("-89.6501000"));
        assert!(looks_like_phone("415.555.0123"));
        // Dates are not phones, phones are not dates.
        assert!(looks_like_date("2026-02-18") && looks_like_date("3/7/26"));
        assert!(looks_like_date("18.02.2026 10:15"));
        assert!(!looks_like_date("555-0123-4567") && !looks_like_date("+1 303-555-0126"));
        let q = ContentProfile::of(["555-0123-4567", "2026-03-02"].into_iter());
        assert_eq!((q.phones, q.dates), (1, 1));
    }
}
