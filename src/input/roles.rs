//! Column roles and their auto-detection from header names and column contents.
//!
//! Detection only proposes: every choice can be overridden (`--map`, the window's combos).
//! Header names carry most of the evidence; contents confirm a choice, break ties, and
//! find a role whose header says nothing (a column of emails called "Contact").

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

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
    ) -> Result<(), String> {
        let mut replaced: Vec<Role> = Vec::new();
        for (role, column) in overrides {
            if column.is_empty() || column == "-" {
                self.roles.remove(role);
                replaced.push(*role);
                continue;
            }
            let Some(actual) = find_header(headers, column) else {
                return Err(format!(
                    "--map {}={column}: no column named `{column}`; the columns are: {}",
                    role.key(),
                    headers.join(", ")
                ));
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

/// Header words for matching: camelCase split, accents folded, punctuation as spaces.
pub fn header_words(h: &str) -> Vec<String> {
    let h = clean_header(h);
    let mut spaced = String::with_capacity(h.len() + 8);
    let mut prev: Option<char> = None;
    for c in h.chars() {
        if let Some(p) = prev
            && c.is_uppercase()
            && p.is_lowercase()
        {
            spaced.push(' ');
        }
        spaced.push(c);
        prev = Some(c);
    }
    let folded: String = spaced
        .to_lowercase()
        .chars()
        .map(fold_accent)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut words: Vec<String> = folded.split_whitespace().map(str::to_string).collect();
    // "e mail" and "linked in" are one word for matching.
    let mut i = 0;
    while i + 1 < words.len() {
        let joined = format!("{}{}", words[i], words[i + 1]);
        if matches!(
            joined.as_str(),
            "email" | "linkedin" | "firstname" | "lastname"
        ) {
            words[i] = joined;
            words.remove(i + 1);
        }
        i += 1;
    }
    words
}

fn fold_accent(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ß' => 's',
        _ => c,
    }
}

/// Words that make a column something other than the contact's own value.
const NOT_CONTACT: &[&str] = &[
    "owner", "user", "rep", "creator", "created", "modified", "assigned", "manager", "sdr",
];

fn has(words: &[String], w: &str) -> bool {
    words.iter().any(|x| x == w)
}

fn has_any(words: &[String], ws: &[&str]) -> bool {
    ws.iter().any(|w| has(words, w))
}

/// Header evidence for a role, 0 (none) to 100 (an unmistakable name).
pub fn header_score(role: Role, header: &str) -> u8 {
    let w = header_words(header);
    if w.is_empty() {
        return 0;
    }
    let joined = w.join(" ");
    let personal_blockers = has_any(&w, NOT_CONTACT);
    match role {
        Role::Email => {
            let is_mail = has_any(&w, &["email", "mail", "correo", "courriel", "emails"])
                || w.iter().any(|x| x.ends_with("email") && x.len() <= 12);
            let meta = has_any(
                &w,
                &[
                    "confidence",
                    "status",
                    "type",
                    "source",
                    "valid",
                    "validity",
                    "verified",
                    "verification",
                    "opt",
                    "optout",
                    "opted",
                    "unsubscribed",
                    "bounce",
                    "bounced",
                    "consent",
                    "domain",
                    "date",
                    "count",
                    "sent",
                    "opened",
                    "clicked",
                    "score",
                    "quality",
                    "catchall",
                    "format",
                    "name",
                    "company",
                    "template",
                    "campaign",
                    "sequence",
                ],
            );
            if !is_mail || meta || personal_blockers {
                0
            } else if w.len() == 1 {
                100
            } else {
                90
            }
        }
        Role::Phone => {
            let is_phone = has_any(
                &w,
                &[
                    "phone",
                    "mobile",
                    "tel",
                    "telephone",
                    "telefon",
                    "telefono",
                    "cell",
                    "cellphone",
                    "handy",
                    "mobil",
                    "movil",
                    "portable",
                    "phones",
                    "dial",
                    "mobilephone",
                    "handynummer",
                    "cellulare",
                    "telefoonnummer",
                    "mobiel",
                    "telefone",
                    "phonenumber",
                    "telefonnummer",
                    "mobilnummer",
                    "celular",
                ],
            );
            let not_personal = has_any(
                &w,
                &[
                    "fax",
                    "type",
                    "status",
                    "company",
                    "switchboard",
                    "main",
                    "hq",
                    "headquarters",
                    "account",
                    "extension",
                    "ext",
                    "carrier",
                    "valid",
                    "verified",
                    "dnc",
                    "code",
                    "prefix",
                    "country",
                    "corporate",
                    "office",
                    "organization",
                    "organisation",
                    "firma",
                    "societe",
                    "empresa",
                    "assistant",
                    "emergency",
                ],
            ) && !has_any(&w, &["direct", "mobile", "cell"]);
            if !is_phone || not_personal || personal_blockers || has(&w, "fax") {
                0
            } else if w.len() == 1 || joined == "phone number" || joined == "mobile phone" {
                95
            } else {
                85
            }
        }
        Role::LinkedinUrl => {
            let is_li = w.iter().any(|x| x.starts_with("linkedin"));
            let not_person = has_any(
                &w,
                &[
                    "company",
                    "organization",
                    "organisation",
                    "account",
                    "sales",
                    "navigator",
                    "salesnav",
                    "image",
                    "photo",
                    "picture",
                    "logo",
                    "avatar",
                    "recruiter",
                    "talent",
                    "group",
                    "school",
                    "firma",
                    "societe",
                    "empresa",
                    "followers",
                    "connections",
                    "id",
                    "headline",
                ],
            ) || w
                .iter()
                .any(|x| x.contains("salesnav") || x.contains("image"));
            if !is_li || not_person || personal_blockers {
                0
            } else if has_any(&w, &["url", "profile", "linkedin"]) && w.len() <= 3 {
                95
            } else {
                80
            }
        }
        Role::FirstName => {
            let exact = matches!(
                joined.as_str(),
                "firstname"
                    | "first"
                    | "given name"
                    | "givenname"
                    | "forename"
                    | "vorname"
                    | "prenom"
                    | "nombre"
                    | "nome"
                    | "voornaam"
                    | "imie"
                    | "fornavn"
                    | "fname"
                    | "contact firstname"
            );
            if personal_blockers {
                0
            } else if exact {
                100
            } else if has_any(&w, &["firstname", "vorname", "prenom", "forename"]) {
                80
            } else {
                0
            }
        }
        Role::LastName => {
            let exact = matches!(
                joined.as_str(),
                "lastname"
                    | "last"
                    | "surname"
                    | "family name"
                    | "familyname"
                    | "nachname"
                    | "nom"
                    | "nom de famille"
                    | "apellido"
                    | "apellidos"
                    | "cognome"
                    | "achternaam"
                    | "nazwisko"
                    | "sobrenome"
                    | "efternavn"
                    | "lname"
                    | "contact lastname"
            );
            if personal_blockers {
                0
            } else if exact {
                100
            } else if has_any(&w, &["lastname", "surname", "nachname", "apellido"]) {
                80
            } else {
                0
            }
        }
        Role::FullName => {
            let exact = matches!(
                joined.as_str(),
                "name"
                    | "full name"
                    | "fullname"
                    | "contact name"
                    | "contact"
                    | "person"
                    | "person name"
                    | "lead name"
                    | "contact full name"
                    | "nom complet"
                    | "nombre completo"
                    | "vollstandiger name"
                    | "ansprechpartner"
            );
            let companyish = has_any(
                &w,
                &[
                    "company",
                    "account",
                    "organization",
                    "organisation",
                    "firma",
                    "societe",
                    "empresa",
                    "business",
                    "file",
                    "list",
                    "campaign",
                    "deal",
                    "opportunity",
                    "product",
                    "user",
                    "owner",
                    "job",
                    "title",
                ],
            );
            if personal_blockers || companyish {
                0
            } else if exact {
                95
            } else {
                0
            }
        }
        Role::CompanyName => {
            let exact = matches!(
                joined.as_str(),
                "company"
                    | "company name"
                    | "companyname"
                    | "account name"
                    | "account"
                    | "organization"
                    | "organisation"
                    | "organization name"
                    | "organisation name"
                    | "employer"
                    | "firma"
                    | "firmenname"
                    | "unternehmen"
                    | "societe"
                    | "entreprise"
                    | "empresa"
                    | "azienda"
                    | "bedrijf"
                    | "current company"
                    | "business name"
            );
            let meta = has_any(
                &w,
                &[
                    "domain",
                    "website",
                    "url",
                    "linkedin",
                    "phone",
                    "size",
                    "industry",
                    "id",
                    "type",
                    "revenue",
                    "employees",
                    "description",
                    "country",
                    "city",
                    "state",
                    "owner",
                    "associated",
                    "number",
                    "founded",
                    "technologies",
                ],
            ) || w.iter().any(|x| x.starts_with("linkedin"));
            if meta {
                0
            } else if exact {
                100
            } else if has_any(&w, &["company", "organization", "organisation", "employer"])
                && has(&w, "name")
            {
                85
            } else {
                0
            }
        }
        Role::CompanyDomain => {
            let domain = has_any(&w, &["domain", "domains"]);
            let website = has_any(
                &w,
                &["website", "web", "site", "homepage", "webseite", "www"],
            ) || joined == "url"
                || joined == "company url";
            let excluded = has_any(
                &w,
                &["email", "linkedin", "twitter", "facebook", "image", "logo"],
            ) || w.iter().any(|x| x.starts_with("linkedin"));
            if excluded || personal_blockers {
                0
            } else if domain {
                95
            } else if website {
                80
            } else {
                0
            }
        }
        Role::Date => {
            let exact = matches!(
                joined.as_str(),
                "date"
                    | "reveal date"
                    | "revealed at"
                    | "revealed on"
                    | "revealed date"
                    | "datum"
                    | "fecha"
                    | "date revealed"
            );
            if exact {
                100
            } else if has_any(&w, &["revealed", "reveal"]) && has_any(&w, &["date", "at", "on"]) {
                90
            } else {
                0
            }
        }
    }
}

/// What a sample of a column's values looks like.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ContentProfile {
    pub non_empty: usize,
    pub emails: usize,
    pub phones: usize,
    pub person_linkedin: usize,
    pub other_linkedin: usize,
    pub domains: usize,
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
            if crate::identity::normalize_email(v).is_some() {
                p.emails += 1;
            } else if crate::identity::normalize_linkedin(v).is_some() {
                p.person_linkedin += 1;
            } else if v.to_lowercase().contains("linkedin.") {
                p.other_linkedin += 1;
            } else if looks_like_phone(v) {
                p.phones += 1;
            } else if crate::identity::normalize_domain(v).is_some() && !v.contains(' ') {
                p.domains += 1;
            }
        }
        p
    }

    fn share(&self, n: usize) -> f64 {
        if self.non_empty == 0 {
            0.0
        } else {
            n as f64 / self.non_empty as f64
        }
    }
}

/// Seven or more digits and nothing but phone punctuation.
pub fn looks_like_phone(v: &str) -> bool {
    let digits = v.chars().filter(char::is_ascii_digit).count();
    digits >= 7
        && v.chars().all(|c| {
            c.is_ascii_digit()
                || matches!(c, '+' | '-' | ' ' | '(' | ')' | '.' | '/' | '\'')
                || c.eq_ignore_ascii_case(&'x')
                || c.eq_ignore_ascii_case(&'e')
        })
}

/// A detected role with the confidence of the choice (0..=1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DetectedRole {
    pub role: Role,
    pub columns: Vec<String>,
    pub confidence: f64,
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
}

/// Propose a mapping from headers and a sample of each column's values.
///
/// `roles` limits what is looked for (a reveal log also looks for its date column).
pub fn detect(headers: &[String], samples: &[ContentProfile], roles: &[Role]) -> Detection {
    let mut det = Detection::default();
    let mut used: Vec<bool> = vec![false; headers.len()];
    let empty = ContentProfile::default();
    let profile = |i: usize| samples.get(i).unwrap_or(&empty);

    // Content can veto a header match: a "LinkedIn" column full of company URLs, an "Email"
    // column of statuses. With no sample values the header decides.
    let content_ok = |role: Role, p: &ContentProfile| -> bool {
        if p.non_empty < 3 {
            return true;
        }
        match role {
            Role::Email => p.share(p.emails) >= 0.3,
            Role::LinkedinUrl => p.share(p.person_linkedin) >= 0.3 || p.other_linkedin == 0,
            Role::Phone => p.share(p.emails) < 0.5,
            Role::CompanyDomain => p.share(p.person_linkedin + p.other_linkedin) < 0.5,
            _ => p.share(p.emails) < 0.5 && p.share(p.person_linkedin) < 0.5,
        }
    };

    // Order matters only for ties between roles over one column: the most specific first.
    let order = [
        Role::Email,
        Role::LinkedinUrl,
        Role::Phone,
        Role::FirstName,
        Role::LastName,
        Role::CompanyName,
        Role::CompanyDomain,
        Role::FullName,
        Role::Date,
    ];
    for role in order.into_iter().filter(|r| roles.contains(r)) {
        let mut candidates: Vec<(usize, u8)> = headers
            .iter()
            .enumerate()
            .filter(|(i, _)| !used[*i])
            .map(|(i, h)| (i, header_score(role, h)))
            .filter(|&(i, s)| s > 0 && content_ok(role, profile(i)))
            .collect();
        // Best header first; file order among equals (a list's first email is its main one).
        candidates.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        if role.takes_many() {
            // Every matching column, in file order (the first non-empty one wins per row).
            candidates.sort_by_key(|c| c.0);
        } else {
            candidates.truncate(1);
        }
        let mut confidence: f64 = 0.0;
        let mut cols = Vec::new();
        for (i, s) in &candidates {
            used[*i] = true;
            cols.push(headers[*i].clone());
            let p = profile(*i);
            let content = match role {
                Role::Email if p.non_empty >= 3 => p.share(p.emails),
                Role::LinkedinUrl if p.non_empty >= 3 => p.share(p.person_linkedin),
                Role::Phone if p.non_empty >= 3 => p.share(p.phones),
                _ => 1.0,
            };
            let c = (*s as f64 / 100.0) * (0.7 + 0.3 * content);
            confidence = confidence.max(c);
        }
        // Nothing in the headers: a column whose values are clearly this role.
        if cols.is_empty() && matches!(role, Role::Email | Role::LinkedinUrl) {
            for (i, h) in headers.iter().enumerate() {
                let p = profile(i);
                if used[i] || p.non_empty < 3 {
                    continue;
                }
                let share = match role {
                    Role::Email => p.share(p.emails),
                    _ => p.share(p.person_linkedin),
                };
                if share >= 0.8
                    && header_words(h)
                        .iter()
                        .all(|w| !NOT_CONTACT.contains(&w.as_str()))
                {
                    used[i] = true;
                    cols.push(h.clone());
                    confidence = confidence.max(0.6 * share);
                }
            }
        }
        if !cols.is_empty() {
            det.mapping.set(role, cols.clone());
            det.detected.push(DetectedRole {
                role,
                columns: cols,
                confidence: (confidence * 100.0).round() / 100.0,
            });
        }
    }
    det
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
        assert!(err.contains("Nope"));
    }
}
