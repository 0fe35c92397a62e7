//! The API key: `LUSHA_API_KEY` first (scripts, CI), else the OS credential store (Secret
//! Service on Linux and the BSDs, the Keychain on macOS, the Credential Manager on Windows)
//! through keyring-core. The key lives only there and in this process's memory: never in a
//! plan, report, cache, log, message or output. Reading the store is local; nothing here
//! touches the network.

use std::sync::Arc;

use keyring_core::{CredentialStore, Entry};

use super::AccountError;
use crate::error::Error;

/// The environment variable that holds the key (it wins over the stored one).
pub const ENV: &str = "LUSHA_API_KEY";
/// The credential store entry: service and user.
const SERVICE: &str = "enrichplan";
const USER: &str = "lusha-api-key";

/// An API key. It has no `Display`, and its `Debug` shows nothing of it.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl std::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ApiKey(…)")
    }
}

impl ApiKey {
    /// A key as typed or stored: trimmed; not empty, no spaces or control characters
    /// inside, at most 512 characters. The message never repeats the text.
    /// A refused key is [`Error::Setting`] (a bad argument).
    pub fn new(text: &str) -> Result<ApiKey, Error> {
        let t = text.trim();
        let refused = |m: &str| Err(Error::Setting(m.to_string()));
        if t.is_empty() {
            return refused("the key is empty");
        }
        if t.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return refused("the key has spaces or control characters inside");
        }
        if t.chars().count() > 512 {
            return refused("the key is longer than 512 characters");
        }
        // Shorter keys could not be scrubbed from messages without blanking ordinary words
        // (see `scrub`), and no vendor key is this short.
        if t.len() < 4 {
            return refused("the key is shorter than 4 characters");
        }
        Ok(ApiKey(t.to_string()))
    }

    /// The key itself, for the one request header.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// `text` with every occurrence of the key replaced: for any text that came from
    /// outside before it is shown.
    pub fn scrub(&self, text: &str) -> String {
        if self.0.len() < 4 {
            // Refused by `new`; kept so that no short text ever blanks ordinary words.
            return text.to_string();
        }
        text.replace(&self.0, "[the API key]")
    }
}

/// Where the key in use came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeySource {
    Environment,
    Store,
}

/// The platform's credential store.
pub fn native_store() -> Result<Arc<CredentialStore>, AccountError> {
    #[cfg(all(
        unix,
        not(any(target_os = "macos", target_os = "ios", target_os = "android"))
    ))]
    let store = zbus_secret_service_keyring_store::Store::new();
    #[cfg(target_os = "macos")]
    let store = apple_native_keyring_store::keychain::Store::new();
    #[cfg(target_os = "windows")]
    let store = windows_native_keyring_store::Store::new();
    #[cfg(any(
        all(
            unix,
            not(any(target_os = "macos", target_os = "ios", target_os = "android"))
        ),
        target_os = "macos",
        target_os = "windows"
    ))]
    {
        store
            .map(|s| s as Arc<CredentialStore>)
            .map_err(|e| AccountError::Store(describe(&e)))
    }
    #[cfg(not(any(
        all(
            unix,
            not(any(target_os = "macos", target_os = "ios", target_os = "android"))
        ),
        target_os = "macos",
        target_os = "windows"
    )))]
    Err(AccountError::Store(
        "no credential store on this system; set LUSHA_API_KEY instead".into(),
    ))
}

/// A store error in words, without any secret bytes it may carry.
fn describe(e: &keyring_core::Error) -> String {
    use keyring_core::Error as E;
    match e {
        E::NoEntry => "no key is stored".into(),
        E::NoStorageAccess(p) => format!("the store is locked or refused access ({p})"),
        E::PlatformFailure(p) => format!("{p}"),
        E::BadEncoding(_) | E::BadDataFormat(..) => "the stored key is not readable text".into(),
        E::NoDefaultStore => "no credential store on this system".into(),
        E::NotSupportedByStore(m) => format!("not supported by the store ({m})"),
        E::BadStoreFormat(m) => format!("the store is damaged ({m})"),
        _ => "the store failed".into(),
    }
}

fn entry(store: &Arc<CredentialStore>) -> Result<Entry, AccountError> {
    Entry::new_in_store(store, SERVICE, USER).map_err(|e| AccountError::Store(describe(&e)))
}

/// The key in force: `LUSHA_API_KEY`, else the one in the OS credential store.
pub fn find() -> Result<(ApiKey, KeySource), AccountError> {
    find_with(std::env::var(ENV).ok(), native_store)
}

/// [`find`] with the environment's value and the store given (tests use a mock store).
pub fn find_with(
    env: Option<String>,
    store: impl FnOnce() -> Result<Arc<CredentialStore>, AccountError>,
) -> Result<(ApiKey, KeySource), AccountError> {
    if let Some(v) = env.filter(|v| !v.trim().is_empty()) {
        return ApiKey::new(&v)
            .map(|k| (k, KeySource::Environment))
            .map_err(|m| AccountError::NoKey(format!(" usable in {ENV} ({m})")));
    }
    let unread = |m: String| {
        AccountError::NoKey(format!(" ({ENV} is not set; the OS credential store: {m})"))
    };
    let store = store().map_err(|e| match e {
        AccountError::Store(m) => unread(m),
        other => other,
    })?;
    match entry(&store)?.get_password() {
        Ok(text) => ApiKey::new(&text)
            .map(|k| (k, KeySource::Store))
            .map_err(|m| unread(format!("the stored key is not usable: {m}"))),
        Err(keyring_core::Error::NoEntry) => Err(AccountError::NoKey(format!(
            " ({ENV} is not set and none is stored)"
        ))),
        Err(e) => Err(unread(describe(&e))),
    }
}

/// `account login`: store the key (replacing one stored before).
pub fn store_in(store: &Arc<CredentialStore>, key: &ApiKey) -> Result<(), AccountError> {
    entry(store)?
        .set_password(key.expose())
        .map_err(|e| AccountError::Store(describe(&e)))
}

/// `account logout`: remove the stored key; false when none was stored.
pub fn delete_in(store: &Arc<CredentialStore>) -> Result<bool, AccountError> {
    match entry(store)?.delete_credential() {
        Ok(()) => Ok(true),
        Err(keyring_core::Error::NoEntry) => Ok(false),
        Err(e) => Err(AccountError::Store(describe(&e))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mock() -> Arc<CredentialStore> {
        keyring_core::mock::Store::new().unwrap()
    }

    #[test]
    fn keys_are_checked_and_never_shown() {
        let k = ApiKey::new("  abc-123_SECRET  ").unwrap();
        assert_eq!(k.expose(), "abc-123_SECRET");
        assert_eq!(format!("{k:?}"), "ApiKey(…)");
        assert_eq!(
            k.scrub("bad key abc-123_SECRET here"),
            "bad key [the API key] here"
        );
        for bad in ["", "   ", "two words", "tab\there", &"x".repeat(513)] {
            let e = ApiKey::new(bad).unwrap_err();
            assert!(matches!(e, Error::Setting(_)), "{e}");
            let e = e.to_string();
            assert!(bad.trim().is_empty() || !e.contains(bad.trim()), "{e}");
        }
    }

    /// login, the key found, logout, none found: against keyring-core's in-memory mock
    /// store, never the real OS store.
    #[test]
    fn login_then_logout_with_a_mock_store() {
        let store = mock();
        let none = find_with(None, || Ok(store.clone())).unwrap_err();
        assert!(
            matches!(&none, AccountError::NoKey(m) if m.contains("none is stored")),
            "{none}"
        );
        let key = ApiKey::new("stored-key-123").unwrap();
        store_in(&store, &key).unwrap();
        let (found, source) = find_with(None, || Ok(store.clone())).unwrap();
        assert_eq!(
            (found.expose(), source),
            ("stored-key-123", KeySource::Store)
        );
        // The environment wins, and the store is not even opened.
        let (found, source) = find_with(Some("env-key-456".into()), || {
            panic!("the store is not read when LUSHA_API_KEY is set")
        })
        .unwrap();
        assert_eq!(
            (found.expose(), source),
            ("env-key-456", KeySource::Environment)
        );
        assert!(delete_in(&store).unwrap());
        assert!(!delete_in(&store).unwrap(), "nothing left to remove");
        assert!(find_with(None, || Ok(store.clone())).is_err());
        // A store that cannot be opened: its reason, and what to do.
        let e = find_with(None, || Err(AccountError::Store("no session bus".into()))).unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("no session bus") && msg.contains("LUSHA_API_KEY"),
            "{msg}"
        );
    }

    /// A key too short to scrub from messages is refused, not accepted unscrubbable.
    #[test]
    fn a_key_too_short_to_scrub_is_refused() {
        assert!(ApiKey::new("abc").is_err());
        assert!(ApiKey::new(" abcd ").is_ok());
    }
}
