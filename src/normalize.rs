//! The scalar identifier rules of pricing.md §1, one value at a time: LinkedIn person URLs,
//! emails, domains, names, phones. A leaf module (it imports nothing of the crate), shared
//! by identity (which also has them as polars expressions) and role detection.

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
    let decoded = percent_decode(raw.trim());
    let lower = decoded.to_lowercase();
    let rest = strip_scheme(&lower);
    let rest = &rest[..rest.find(['?', '#']).unwrap_or(rest.len())];
    let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    let host_ok = host == "linkedin.com"
        || host
            .strip_suffix(".linkedin.com")
            .is_some_and(|label| !label.is_empty() && !label.contains('.'));
    let slug = path.strip_prefix("/in/")?.split('/').next()?;
    (host_ok && !slug.is_empty()).then(|| format!("linkedin.com/in/{slug}"))
}

/// The lower-cased email when it is valid (pricing.md §1), else None.
pub fn normalize_email(raw: &str) -> Option<String> {
    let e = raw.trim().to_lowercase();
    let (local, domain) = e.split_once('@')?;
    let valid =
        !local.is_empty() && !domain.contains('@') && !e.chars().any(char::is_whitespace) && {
            let chars: Vec<char> = domain.chars().collect();
            chars.len() >= 3 && chars[1..chars.len() - 1].contains(&'.')
        };
    valid.then_some(e)
}

/// Trimmed, inner white space collapsed, lower-cased; None when empty.
pub fn normalize_text(raw: &str) -> Option<String> {
    let t = raw
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    (!t.is_empty()).then_some(t)
}

/// The bare domain of a domain or website value, else None (no dot: `n/a`, `-`).
pub fn normalize_domain(raw: &str) -> Option<String> {
    let lower = raw.trim().to_lowercase();
    let rest = strip_scheme(&lower);
    let rest = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    rest.contains('.').then(|| rest.to_string())
}

/// A phone cell counts when it holds at least one digit.
pub fn is_phone(raw: &str) -> bool {
    raw.bytes().any(|b| b.is_ascii_digit())
}
