//! The one request: `GET {base}/v3/account/usage` with the header `api_key: KEY`, no body,
//! no redirect followed (a redirect would carry the key elsewhere), a 10 s timeout and a
//! 1 MiB cap on the answer. Every failure is its own [`AccountError`]; every text from
//! outside is scrubbed of the key before it is kept.

use std::time::Duration;

use super::key::ApiKey;
use super::{AccountError, Snapshot};
use crate::error::Error;

/// The vendor's API.
pub const DEFAULT_BASE: &str = "https://api.lusha.com";
/// The only path ever called.
pub const USAGE_PATH: &str = "/v3/account/usage";
/// `--api-base`'s environment variable.
pub const BASE_ENV: &str = "ENRICHPLAN_API_BASE";
/// The timeout in milliseconds, for tests (a slow stand-in server in one second).
pub const TIMEOUT_ENV: &str = "ENRICHPLAN_ACCOUNT_TIMEOUT_MS";
/// The answer is a few hundred bytes; anything above this is not read.
pub const MAX_BYTES: u64 = 1 << 20;
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

/// The timeout: 10 s, or `ENRICHPLAN_ACCOUNT_TIMEOUT_MS`.
pub fn timeout() -> Duration {
    std::env::var(TIMEOUT_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .filter(|&ms| ms > 0)
        .map(Duration::from_millis)
        .unwrap_or(DEFAULT_TIMEOUT)
}

/// The base in force: `--api-base`, else `ENRICHPLAN_API_BASE`, else the vendor's; checked.
pub fn base_url(flag: Option<&str>) -> Result<String, AccountError> {
    let env = std::env::var(BASE_ENV)
        .ok()
        .filter(|v| !v.trim().is_empty());
    let (given, from) = match (flag, env.as_deref()) {
        (Some(f), _) => (f, "--api-base"),
        (None, Some(e)) => (e, BASE_ENV),
        (None, None) => (DEFAULT_BASE, "the default"),
    };
    check_base(given)
        .map_err(|e| AccountError::BadBase(format!("{from} {}: {e}", shown_base(given))))
}

/// A refused base as it may be shown: without a user part, query or fragment, where a key
/// could have been typed (`https://KEY@host`, `?api_key=KEY`).
fn shown_base(given: &str) -> String {
    let t = given.trim();
    let cut = t.find(['?', '#']).map_or(t, |i| &t[..i]);
    let shown = match (cut.find("://"), cut.rfind('@')) {
        (Some(s), Some(a)) if a > s => format!("{}…@{}", &cut[..s + 3], &cut[a + 1..]),
        (None, Some(a)) => format!("…@{}", &cut[a + 1..]),
        _ => cut.to_string(),
    };
    if shown.len() < t.len() && !shown.contains('…') {
        format!("{shown}…")
    } else {
        shown
    }
}

/// `https://host[:port][/path]`, or plain http to 127.0.0.1 or localhost only (a stand-in
/// server for tests); no user, query or fragment. The result has no trailing `/`.
/// A refused base is [`Error::Setting`] (a bad argument), saying why.
pub fn check_base(s: &str) -> Result<String, Error> {
    let refused = |m: String| Err(Error::Setting(m));
    let t = s.trim().trim_end_matches('/');
    let Some((scheme, rest)) = t.split_once("://") else {
        return refused("give a URL such as https://api.lusha.com".into());
    };
    let host_port = rest.split('/').next().unwrap_or("");
    if rest.contains(['?', '#', '@']) || rest.chars().any(|c| c.is_whitespace()) {
        return refused("a base URL has no user, query or fragment".into());
    }
    let host = match host_port.rsplit_once(':') {
        Some((h, port)) => {
            if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit()) || port.len() > 5 {
                return refused(format!("`{port}` is not a port"));
            }
            h
        }
        None => host_port,
    };
    if host.is_empty() {
        return refused("the URL has no host".into());
    }
    match scheme.to_ascii_lowercase().as_str() {
        "https" => Ok(format!("https://{rest}")),
        "http" if host == "127.0.0.1" || host.eq_ignore_ascii_case("localhost") => {
            Ok(format!("http://{rest}"))
        }
        "http" => refused(
            "the key is sent only over https (plain http only to 127.0.0.1 or localhost, for tests)"
                .into(),
        ),
        other => refused(format!("`{other}` is not https")),
    }
}

fn header<'a>(r: &'a ureq::http::Response<ureq::Body>, name: &str) -> Option<&'a str> {
    r.headers().get(name).and_then(|v| v.to_str().ok())
}

/// When to try again after a 429, from `retry-after` and the `x-rate-limit-*` /
/// `x-*-requests-left` headers.
fn retry_text(r: &ureq::http::Response<ureq::Body>) -> String {
    let num = |name: &str| header(r, name).and_then(|v| v.trim().parse::<u64>().ok());
    let mut windows = Vec::new();
    let mut exhausted = None;
    // Largest window first: an exhausted day outweighs an exhausted minute.
    for (name, limit, left) in [
        ("daily", "x-rate-limit-daily", "x-daily-requests-left"),
        ("hourly", "x-rate-limit-hourly", "x-hourly-requests-left"),
        (
            "per-minute",
            "x-rate-limit-minute",
            "x-minute-requests-left",
        ),
    ] {
        if let (Some(l), Some(left)) = (num(limit), num(left)) {
            windows.push(format!(
                "{name} limit {}, {} left",
                crate::text::int(l),
                crate::text::int(left)
            ));
            if left == 0 && exhausted.is_none() {
                exhausted = Some(name);
            }
        }
    }
    let when = match (num("retry-after"), exhausted) {
        (Some(s), _) => format!("try again in {}", wait_words(s)),
        (None, Some("daily")) => {
            "the daily limit is used up: try again tomorrow, after it resets".to_string()
        }
        (None, Some("hourly")) => {
            "the hourly limit is used up: try again within the hour, after it resets".to_string()
        }
        (None, Some(_)) => "try again in a minute".to_string(),
        (None, None) => {
            "wait a minute and try again (this endpoint allows 5 requests a minute)".to_string()
        }
    };
    if windows.is_empty() {
        when
    } else {
        format!("{when} ({})", windows.join("; "))
    }
}

fn wait_words(secs: u64) -> String {
    match secs {
        0..=90 => crate::text::count(secs, "second", "seconds"),
        91..=5400 => crate::text::count(secs.div_ceil(60), "minute", "minutes"),
        _ => crate::text::count(secs.div_ceil(3600), "hour", "hours"),
    }
}

/// The vendor's `{statusCode, message}`, if the body is that; cut short, one line.
fn vendor_message(body: &[u8], key: &ApiKey) -> Option<String> {
    let v: serde_json::Value = serde_json::from_slice(body).ok()?;
    let m = v.get("message")?.as_str()?;
    let one_line: String = m
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .take(200)
        .collect();
    Some(key.scrub(one_line.trim()))
}

/// The answer's texts (category, renewal type, action names; checked for length and
/// control characters by [`Snapshot::from_vendor_json`]) with the key scrubbed out, as any
/// text from outside: a server that echoes the key never gets it shown or cached.
fn scrub_snapshot(mut s: Snapshot, key: &ApiKey) -> Snapshot {
    s.plan.category = key.scrub(&s.plan.category);
    s.plan.renewal_type = key.scrub(&s.plan.renewal_type);
    s.pricing = std::mem::take(&mut s.pricing)
        .into_iter()
        .map(|(action, p)| (key.scrub(&action), p))
        .collect();
    s
}

/// Read the account: the one GET, then the checks of [`Snapshot::from_vendor_json`].
pub fn fetch(base: &str, key: &ApiKey) -> Result<Snapshot, AccountError> {
    let base = check_base(base).map_err(|e| AccountError::BadBase(e.to_string()))?;
    let t = timeout();
    let loopback = base.starts_with("http://");
    let config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .https_only(!loopback)
        .max_redirects(0)
        .max_redirects_will_error(false)
        .timeout_global(Some(t))
        .user_agent(format!("enrichplan/{}", env!("CARGO_PKG_VERSION")))
        .accept("application/json");
    // A proxy from the environment for the vendor (as any client); never for the local
    // stand-in server.
    let config = if loopback { config.proxy(None) } else { config };
    let agent: ureq::Agent = config.build().into();
    let url = format!("{base}{USAGE_PATH}");
    let scrub = |e: &dyn std::fmt::Display| key.scrub(&e.to_string());
    let failed = |e: ureq::Error| -> AccountError {
        match e {
            ureq::Error::Timeout(_) => AccountError::Timeout(t.as_secs_f64()),
            ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => {
                AccountError::Timeout(t.as_secs_f64())
            }
            ureq::Error::BodyExceedsLimit(n) => AccountError::TooLarge(n),
            ureq::Error::HostNotFound => {
                AccountError::Network(format!("the host of {base} was not found"))
            }
            ureq::Error::Io(io) => {
                let why = key.scrub(&crate::error::io_words(&io));
                AccountError::Network(format!("could not reach {base} ({why})"))
            }
            ureq::Error::ConnectionFailed => {
                AccountError::Network(format!("could not connect to {base}"))
            }
            other => {
                AccountError::Network(format!("the request to {base} failed ({})", scrub(&other)))
            }
        }
    };
    let mut resp = agent
        .get(&url)
        .header("api_key", key.expose())
        .call()
        .map_err(failed)?;
    let status = resp.status().as_u16();
    let limit = if status == 200 { MAX_BYTES } else { 64 * 1024 };
    let body = resp
        .body_mut()
        .with_config()
        .limit(limit)
        .read_to_vec()
        .map_err(|e| match e {
            ureq::Error::BodyExceedsLimit(_) if status == 200 => AccountError::TooLarge(MAX_BYTES),
            other => failed(other),
        });
    match status {
        200 => Snapshot::from_vendor_json(
            &body?,
            chrono::SubsecRound::trunc_subsecs(chrono::Utc::now(), 0),
        )
        .map(|s| scrub_snapshot(s, key))
        .map_err(|e| match e {
            AccountError::Malformed(m) => AccountError::Malformed(key.scrub(&m)),
            AccountError::Invalid(m) => AccountError::Invalid(key.scrub(&m)),
            other => other,
        }),
        401 => Err(AccountError::InvalidKey),
        403 => Err(AccountError::Forbidden(
            body.ok()
                .and_then(|b| vendor_message(&b, key))
                .unwrap_or_else(|| "no reason given".into()),
        )),
        429 => Err(AccountError::TooManyRequests(retry_text(&resp))),
        500..=599 => Err(AccountError::Server(status)),
        other => Err(AccountError::Unexpected(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_a_local_stand_in() {
        assert_eq!(
            check_base("https://api.lusha.com/").unwrap(),
            "https://api.lusha.com"
        );
        assert_eq!(
            check_base("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            check_base("http://localhost:9/x/").unwrap(),
            "http://localhost:9/x"
        );
        assert_eq!(
            check_base("https://example.test:8443/proxy").unwrap(),
            "https://example.test:8443/proxy"
        );
        for bad in [
            "http://api.lusha.com",
            "http://127.0.0.1.evil.test",
            "http://localhost.evil.test:80",
            "ftp://127.0.0.1",
            "api.lusha.com",
            "https://user:pw@api.lusha.com",
            "https://api.lusha.com/?q=1",
            "https://:443",
            "https://api.lusha.com:x",
        ] {
            assert!(matches!(check_base(bad), Err(Error::Setting(_))), "{bad}");
        }
    }

    /// A 200 answer that echoes the key in its texts keeps none of it.
    #[test]
    fn the_key_is_scrubbed_from_the_answers_texts() {
        let key = ApiKey::new("tk-SECRET-42").unwrap();
        let body = r#"{"credits": {"total": 10, "used": 4, "remaining": 6},
            "plan": {"category": "pro tk-SECRET-42", "renewalType": "tk-SECRET-42",
                     "startDate": null, "endDate": null},
            "pricing": {"tk-SECRET-42": {"credits": 1, "perQuantity": 1}}}"#;
        let s = Snapshot::from_vendor_json(body.as_bytes(), chrono::DateTime::UNIX_EPOCH).unwrap();
        let s = scrub_snapshot(s, &key);
        let json = serde_json::to_string(&s).unwrap();
        assert!(!json.contains("tk-SECRET-42"), "{json}");
        assert_eq!(s.plan.category, "pro [the API key]");
        assert!(s.pricing.contains_key("[the API key]"));
    }

    #[test]
    fn wait_in_words() {
        assert_eq!(wait_words(30), "30 seconds");
        assert_eq!(wait_words(600), "10 minutes");
        assert_eq!(wait_words(7200), "2 hours");
    }

    /// A refused base never repeats what could be a key: its user part, query or fragment.
    #[test]
    fn a_refused_base_is_shown_without_user_or_query() {
        assert_eq!(
            shown_base("https://SECRETKEY@api.example"),
            "https://…@api.example"
        );
        assert_eq!(
            shown_base("https://api.example/v3?api_key=SECRETKEY"),
            "https://api.example/v3…"
        );
        assert_eq!(shown_base("http://example.com"), "http://example.com");
        let e = base_url(Some("https://SECRETKEY@api.example?api_key=SECRETKEY"))
            .unwrap_err()
            .to_string();
        assert!(!e.contains("SECRETKEY"), "{e}");
    }
}
