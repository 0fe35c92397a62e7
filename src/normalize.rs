//! The scalar identifier rules of pricing.md §1, one value at a time: LinkedIn person URLs,
//! emails, domains, names, phones. A leaf module (it imports nothing of the crate), shared
//! by identity (which also has them as polars expressions) and role detection.
//!
//! Every rule first puts its value in Unicode NFC ([`nfc`]), so a name written with
//! combining accents (as some macOS exports write them) equals the same name precomposed.

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// The value in Unicode NFC; borrowed when it already is (ASCII always is).
pub fn nfc(s: &str) -> Cow<'_, str> {
    if s.is_ascii() || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        return Cow::Borrowed(s);
    }
    let n: String = s.nfc().collect();
    if n == s {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(n)
    }
}

/// Decode `%XX` sequences (as UTF-8, lossily); a `%` not followed by two hex digits stays.
pub fn percent_decode(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains('%') {
        return s.into();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && b[i + 1].is_ascii_hexdigit()
            && b[i + 2].is_ascii_hexdigit()
        {
            let hex = |c: u8| (c as char).to_digit(16).unwrap_or(0) as u8;
            out.push(hex(b[i + 1]) * 16 + hex(b[i + 2]));
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned().into()
}

fn strip_scheme(s: &str) -> &str {
    let bytes = s.as_bytes();
    if bytes.first().is_some_and(u8::is_ascii_lowercase) {
        let end = bytes
            .iter()
            .position(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || b"+.-".contains(c)))
            .unwrap_or(bytes.len());
        if s[end..].starts_with("://") {
            return &s[end + 3..];
        }
    }
    s
}

/// `linkedin.com/in/<slug>` for a LinkedIn person URL, else None.
pub fn normalize_linkedin(raw: &str) -> Option<String> {
    let raw = nfc(raw);
    let decoded = percent_decode(raw.trim());
    let lower = decoded.to_lowercase();
    linkedin_slug(&lower).map(|slug| format!("linkedin.com/in/{slug}"))
}

/// The slug of a trimmed, decoded, lower-cased LinkedIn person URL, else None.
pub fn linkedin_slug(lower: &str) -> Option<&str> {
    let rest = strip_scheme(lower);
    let rest = &rest[..rest.find(['?', '#']).unwrap_or(rest.len())];
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let host_ok = host == "linkedin.com"
        || host
            .strip_suffix(".linkedin.com")
            .is_some_and(|label| !label.is_empty() && !label.contains('.'));
    let slug = path.strip_prefix("/in/")?.split('/').next()?;
    (host_ok && !slug.is_empty()).then_some(slug)
}

/// The lower-cased email when it is valid (pricing.md §1), else None.
pub fn normalize_email(raw: &str) -> Option<String> {
    let e = nfc(raw).trim().to_lowercase();
    is_valid_email(&e).then_some(e)
}

/// Whether a trimmed, lower-cased value is a valid email (pricing.md §1): one `@` with
/// something before it, no white space, and a dot inside the domain.
pub fn is_valid_email(e: &str) -> bool {
    let Some((local, domain)) = e.split_once('@') else {
        return false;
    };
    !local.is_empty() && !domain.contains('@') && !e.chars().any(char::is_whitespace) && {
        if domain.is_ascii() {
            let b = domain.as_bytes();
            b.len() >= 3 && b[1..b.len() - 1].contains(&b'.')
        } else {
            let chars: Vec<char> = domain.chars().collect();
            chars.len() >= 3 && chars[1..chars.len() - 1].contains(&'.')
        }
    }
}

/// Trimmed, inner white space collapsed, lower-cased; None when empty.
pub fn normalize_text(raw: &str) -> Option<String> {
    let t = case_fold(&nfc(raw).split_whitespace().collect::<Vec<_>>().join(" "));
    (!t.is_empty()).then_some(t)
}

/// Characters whose full case folding (Unicode CaseFolding.txt, statuses C and F) is not
/// their lower case, for the scripts of contact lists: Latin, Greek, the Latin ligatures.
pub const FOLDS: &[(char, &str)] = &[
    ('ß', "ss"),
    ('ς', "σ"),
    ('ſ', "s"),
    ('ﬀ', "ff"),
    ('ﬁ', "fi"),
    ('ﬂ', "fl"),
    ('ﬃ', "ffi"),
    ('ﬄ', "ffl"),
    ('ﬅ', "st"),
    ('ﬆ', "st"),
    ('ŉ', "\u{2bc}n"),
    ('ϐ', "β"),
    ('ϑ', "θ"),
    ('ϕ', "φ"),
    ('ϖ', "π"),
    ('ϰ', "κ"),
    ('ϱ', "ρ"),
    ('ϵ', "ε"),
    ('\u{345}', "ι"),
    ('ẛ', "ṡ"),
];

/// Case folding as pricing.md §1 asks of names and companies: lower case, then
/// [`FOLDS`] (so `Straße` and `STRASSE`, `ΟΔΥΣΣΕΥΣ` and `οδυσσευς` are the same name).
pub fn case_fold(s: &str) -> String {
    let lower = s.to_lowercase();
    if !lower.chars().any(|c| FOLDS.iter().any(|(f, _)| *f == c)) {
        return lower;
    }
    let mut out = String::with_capacity(lower.len() + 4);
    for c in lower.chars() {
        match FOLDS.iter().find(|(f, _)| *f == c) {
            Some((_, to)) => out.push_str(to),
            None => out.push(c),
        }
    }
    out
}

/// The bare domain of a domain or website value, else None (no dot: `n/a`, `-`; the host
/// of a social or profile site, [`SOCIAL_HOSTS`]).
pub fn normalize_domain(raw: &str) -> Option<String> {
    let lower = nfc(raw).trim().to_lowercase();
    bare_domain(&lower).map(str::to_string)
}

/// Hosts of social and profile sites (pricing.md §1): a link to a profile says nothing
/// about the employer, so neither they nor their subdomains are a company domain.
pub const SOCIAL_HOSTS: &[&str] = &[
    "linkedin.com",
    "licdn.com",
    "facebook.com",
    "fb.com",
    "instagram.com",
    "x.com",
    "twitter.com",
    "xing.com",
    "github.com",
    "crunchbase.com",
    "youtube.com",
    "tiktok.com",
];

/// Whether a bare, lower-cased host is a social or profile site or a subdomain of one.
pub fn is_social_host(host: &str) -> bool {
    SOCIAL_HOSTS.iter().any(|s| {
        host.strip_suffix(s)
            .is_some_and(|front| front.is_empty() || front.ends_with('.'))
    })
}

/// The bare domain of a trimmed, lower-cased domain or website value, else None.
pub fn bare_domain(lower: &str) -> Option<&str> {
    let rest = strip_scheme(lower);
    let rest = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    (rest.contains('.') && !is_social_host(rest)).then_some(rest)
}

/// A phone cell counts when it holds at least one digit.
pub fn is_phone(raw: &str) -> bool {
    raw.bytes().any(|b| b.is_ascii_digit())
}

/// The candidate addresses of a cell: the contents of `<…>` pairs when there are any,
/// else the pieces between `,` `;` white space and the full-width `，` `；` `、` of CJK
/// sheets, without `mailto:` and surrounding quotes or brackets.
pub fn email_candidates(v: &str) -> impl Iterator<Item = &str> {
    let angled: Vec<&str> = v
        .split('<')
        .skip(1)
        .filter_map(|s| s.split_once('>').map(|(inside, _)| inside))
        .collect();
    let pieces: Vec<&str> = if angled.is_empty() {
        v.split(|c: char| is_list_separator(c) || c.is_whitespace())
            .collect()
    } else {
        angled
    };
    let wrap = |c: char| {
        matches!(
            c,
            '"' | '\'' | '(' | ')' | '[' | ']' | '<' | '>' | '{' | '}'
        ) || c.is_whitespace()
    };
    pieces.into_iter().filter_map(move |p| {
        // `mailto:` and the quotes or brackets around a candidate, in either order
        // (`"mailto:a@b.c"`, `mailto:(a@b.c)`).
        let p = p.trim_matches(wrap);
        let p = match p.get(..7) {
            Some(head) if head.eq_ignore_ascii_case("mailto:") => p[7..].trim_matches(wrap),
            _ => p,
        };
        (!p.is_empty()).then_some(p)
    })
}

/// The characters between addresses of a list cell besides white space.
fn is_list_separator(c: char) -> bool {
    matches!(c, ',' | ';' | '，' | '；' | '、')
}

/// Whether a cell must be read as a list of addresses (pricing.md §1): it holds `<`, `,`,
/// `;` (or their full-width forms) or white space inside, or starts with `mailto:`, a quote
/// or a bracket. Any other cell is one candidate, read by [`normalize_email`] alone.
pub fn is_email_list(raw: &str) -> bool {
    let raw = nfc(raw);
    let t = raw.trim();
    t.contains(['<', ',', ';', '，', '；', '、'])
        || t.contains(char::is_whitespace)
        || t.starts_with(['"', '\'', '(', '[', '{'])
        || t.get(..7)
            .is_some_and(|h| h.eq_ignore_ascii_case("mailto:"))
}

/// Every valid address of a cell, lower-cased, in order, each once (pricing.md §1).
pub fn email_addresses(raw: &str) -> Vec<String> {
    let raw = nfc(raw);
    let mut out: Vec<String> = Vec::new();
    for c in email_candidates(&raw) {
        if let Some(e) = normalize_email(c)
            && !out.contains(&e)
        {
            out.push(e);
        }
    }
    out
}

#[cfg(test)]
mod tests;
