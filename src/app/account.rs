//! The window's Account section (issue 26): its state and what its buttons do; the drawing
//! is `widgets/account.rs`, which returns [`AccountIntent`]s.
//!
//! Nothing calls out until the user presses Connect or Refresh: the window never reads the
//! account on its own, not even at start-up with a key stored. The one request (and reading
//! the OS credential store, which may wait on the desktop's keyring) runs on a worker
//! ([`JobKind::Account`], [`JobKind::AccountKey`]). The key typed in the masked field stays
//! in this process's memory only: it is stored in the OS credential store when the user
//! asks, never anywhere else. What is kept on disk is the last snapshot (the vendor's
//! numbers, no key) in the cache folder, shown with its time when a later read fails.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::Local;
use keyring_core::CredentialStore;

use super::EnrichApp;
use super::background::{Job, JobKind, Output};
use crate::account::key::{self, ApiKey, KeySource};
use crate::account::tiers::{self, PlanTier, Tier};
use crate::account::{AccountError, Snapshot, client, prices};
use crate::cycle::Cycle;
use crate::text;

/// The cache file of the last snapshot, in the account folder.
const CACHE_FILE: &str = "last-snapshot.json";

/// What the Account section's buttons ask for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum AccountIntent {
    /// "Connect…": open the masked key field.
    OpenForm,
    /// "Cancel": close it (and forget what was typed).
    CloseForm,
    /// "Connect" / "Refresh": read the account with the key typed (if any), else the one in
    /// force (`LUSHA_API_KEY`, else the credential store).
    Connect,
    /// Store the key typed in the OS credential store.
    StoreKey,
    /// Remove the key from the OS credential store.
    ForgetKey,
    /// The credits left become the window's budget.
    UseBudget,
    /// The plan's end date becomes the renewal date, its renewal type the cycle.
    UseRenewal,
}

/// Where the key of a read came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeyFrom {
    Typed,
    Environment,
    Store,
}

impl KeyFrom {
    fn words(self) -> &'static str {
        match self {
            KeyFrom::Typed => "the key typed here",
            KeyFrom::Environment => "LUSHA_API_KEY",
            KeyFrom::Store => "the key in the OS credential store",
        }
    }
}

/// A read: the snapshot and where its key came from, or the failure's message with the
/// last snapshot cached (if any). `cache_note` says a cache that could not be written.
pub(crate) struct Read {
    result: Result<(Snapshot, KeyFrom), AccountError>,
    cached: Option<Snapshot>,
    cache_note: Option<String>,
}

/// What an account worker hands back.
pub(crate) enum Done {
    Read(Box<Read>),
    /// The key stored (`stored`) or removed; Ok(false): there was none to remove.
    Key {
        stored: bool,
        result: Result<bool, AccountError>,
    },
}

/// The Account section's state (in `ViewState`: only the window has it).
#[derive(Default)]
pub(crate) struct AccountState {
    /// Where the last snapshot is cached (None: nowhere; tests give a temporary folder).
    folder: Option<PathBuf>,
    /// The credential store (None: the OS's; tests give keyring-core's mock store).
    store: Option<Arc<CredentialStore>>,
    /// A base set as `--api-base` would (tests); else `ENRICHPLAN_API_BASE`, else the
    /// vendor's.
    base: Option<String>,
    /// The masked key field is open.
    form_open: bool,
    /// What is typed in the masked key field: memory only, cleared once used.
    pub key_text: String,
    /// The key typed and used in this session (never written anywhere by the window).
    typed: Option<ApiKey>,
    /// The last snapshot: read in this session, or the cached one after a failure.
    snapshot: Option<Snapshot>,
    /// The snapshot was read in this session (the "use" buttons are on).
    connected: bool,
    /// Where the key of the last read came from.
    from: Option<KeyFrom>,
    /// A read was asked for at least once (Refresh is offered).
    tried: bool,
    /// The last failure, in the library's words.
    error: Option<String>,
    /// What was done last (a key stored, a budget taken …).
    notice: Option<String>,
}

/// What the section shows, made from the state and the window's pricing (the widget draws
/// only this).
#[derive(Clone, Debug, Default)]
pub(crate) struct AccountView {
    /// `LUSHA_API_KEY` is set (and used when no key is typed).
    pub env_key: bool,
    pub form_open: bool,
    /// A read or a store is running.
    pub busy: bool,
    pub can_refresh: bool,
    /// "8,500 of 10,000 credits left, renews 2027-01-01, as of 12:03".
    pub summary: Option<String>,
    /// The plan, its tier and the key used.
    pub details: Vec<String>,
    /// The snapshot shown is the cached one, not current: when it was read.
    pub stale: Option<String>,
    pub error: Option<String>,
    pub notice: Option<String>,
    /// "Use as budget" and "Use the renewal date" are on (connected in this session).
    pub can_use: bool,
    /// Why "Use the renewal date" is off, when connected (a free account).
    pub no_renewal: Option<String>,
    /// The account's prices that differ from the price book in force, and those not compared.
    pub prices: Vec<String>,
    /// The price book in force, named.
    pub book: String,
    /// The tier's warnings for the channel in force, and the time to run on an API channel.
    pub tier_notes: Vec<String>,
}

/// The system's cache folder for the account (XDG_CACHE_HOME or ~/.cache on Linux,
/// ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows), as the bundled samples use.
fn system_folder() -> Option<PathBuf> {
    directories::ProjectDirs::from("dev", "enrichplan", "enrichplan")
        .map(|d| d.cache_dir().join("account"))
}

impl AccountState {
    /// The window's: the snapshot cached in the system's cache folder.
    pub(crate) fn for_window() -> AccountState {
        AccountState {
            folder: system_folder(),
            ..Default::default()
        }
    }
}

/// The last snapshot cached in `folder`, if one is there and reads.
fn read_cache(folder: &Path) -> Option<Snapshot> {
    let bytes = std::fs::read(folder.join(CACHE_FILE)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Keep `s` in `folder` (atomically): the vendor's numbers and when they were read; the
/// snapshot has no key in it (checked in the tests).
fn write_cache(folder: &Path, s: &Snapshot) -> crate::Result<()> {
    std::fs::create_dir_all(folder).map_err(|e| crate::Error::io(folder, e))?;
    let json = serde_json::to_vec_pretty(s).map_err(|e| crate::Error::Internal(e.to_string()))?;
    crate::fsutil::write_atomic(&folder.join(CACHE_FILE), &json)
}

/// The one read: the base in force, the key (typed, else `LUSHA_API_KEY`, else the store),
/// the request.
fn read_account(
    base: Option<&str>,
    typed: Option<ApiKey>,
    store: Option<Arc<CredentialStore>>,
) -> Result<(Snapshot, KeyFrom), AccountError> {
    let base = client::base_url(base)?;
    let (key, from) = match typed {
        Some(k) => (k, KeyFrom::Typed),
        None => {
            let (k, source) = key::find_with(std::env::var(key::ENV).ok(), || match store {
                Some(s) => Ok(s),
                None => key::native_store(),
            })?;
            let from = match source {
                KeySource::Environment => KeyFrom::Environment,
                KeySource::Store => KeyFrom::Store,
            };
            (k, from)
        }
    };
    Ok((client::fetch(&base, &key)?, from))
}

/// "as of 12:03" today (local time), else "as of 2026-12-03 12:03".
fn as_of_words(s: &Snapshot, today: chrono::NaiveDate) -> String {
    let local = s.as_of.with_timezone(&Local);
    if local.date_naive() == today {
        format!("as of {}", local.format("%H:%M"))
    } else {
        format!("as of {}", local.format("%Y-%m-%d %H:%M"))
    }
}

/// "8,500 of 10,000 credits left, renews 2027-01-01, as of 12:03".
pub(crate) fn summary(s: &Snapshot, today: chrono::NaiveDate) -> String {
    let renews = match s.plan.renewal() {
        Some(d) => format!("renews {d}"),
        None => "free: no renewal".to_string(),
    };
    format!(
        "{} of {} credits left, {renews}, {}",
        text::credits(s.credits.remaining),
        text::credits(s.credits.total),
        as_of_words(s, today)
    )
}

impl EnrichApp {
    /// Cache the account's last snapshot in this folder (tests: a temporary one; the
    /// window: the system's cache folder).
    pub fn set_account_folder(&mut self, dir: &Path) {
        self.view.account.folder = Some(dir.to_path_buf());
    }

    /// Read and store the key in this credential store instead of the OS's (tests give
    /// keyring-core's in-memory mock store).
    pub fn set_account_store(&mut self, store: Arc<CredentialStore>) {
        self.view.account.store = Some(store);
    }

    /// Read the account at this base, as `--api-base` does (checked as it is when used).
    pub fn set_account_base(&mut self, base: &str) {
        self.view.account.base = Some(base.to_string());
    }

    /// The account's snapshot shown (read in this session, or the cached one after a
    /// failed read).
    pub fn account_snapshot(&self) -> Option<&Snapshot> {
        self.view.account.snapshot.as_ref()
    }

    /// The budget in force, if one is set (the "Remaining credits" box).
    pub fn budget(&self) -> Option<f64> {
        self.persisted.budget.remaining()
    }

    /// The billing cycle in force.
    pub fn cycle(&self) -> Cycle {
        self.pricing.cycle
    }

    /// The Account section: made into a view, drawn, and what was pressed queued.
    pub(crate) fn account_view(&self) -> AccountView {
        let st = &self.view.account;
        let busy = self.jobs.runs(JobKind::Account) || self.jobs.runs(JobKind::AccountKey);
        let mut v = AccountView {
            env_key: std::env::var(key::ENV).is_ok_and(|v| !v.trim().is_empty()),
            form_open: st.form_open,
            busy,
            can_refresh: st.tried && !busy,
            error: st.error.clone(),
            notice: st.notice.clone(),
            book: format!("{} ({})", self.pricing.book.id, self.pricing.book.name),
            ..Default::default()
        };
        let Some(s) = &st.snapshot else { return v };
        v.summary = Some(summary(s, self.pricing.today));
        let tier = Tier::of_category(&s.plan.category);
        v.details.push(format!(
            "Plan: {} ({}), {}",
            s.plan.category,
            s.plan.renewal_type,
            match &tier {
                Some(t) => format!("tier {}", t.name),
                None => "not one of the known tiers".to_string(),
            }
        ));
        if st.connected {
            if let Some(from) = st.from {
                v.details.push(format!("Read with {}.", from.words()));
            }
            v.can_use = true;
            if s.plan.renewal().is_none() {
                v.no_renewal = Some(
                    "A free account has no renewal date, so no billing cycle to take".to_string(),
                );
            }
        } else {
            v.stale = Some(format!(
                "The last snapshot, read {} (not current)",
                s.as_of_text()
            ));
        }
        let book = &self.pricing.book;
        let lines = prices::lines(s, book);
        for l in &lines {
            if let prices::Against::Differs { key, book: b } = l.against {
                v.prices.push(format!(
                    "{}: the account {}, the price book {} ({key})",
                    l.action,
                    credits_each(l.price.unit()),
                    credits_each(b)
                ));
            }
        }
        let unmapped: Vec<&str> = lines
            .iter()
            .filter(|l| {
                matches!(
                    l.against,
                    prices::Against::Unmapped | prices::Against::UnknownKey(_)
                )
            })
            .map(|l| l.action.as_str())
            .collect();
        if !unmapped.is_empty() {
            v.prices.push(format!(
                "Not compared (no price-book key known): {}",
                unmapped.join(", ")
            ));
        }
        // The tier from the plan's category: the channel warnings and, on the API channels,
        // the time to run under the account's own limits.
        if let Some(o) = &self.results.outcome {
            let settings = &self.pricing.settings;
            if let Some(t) = &tier {
                v.tier_notes
                    .extend(tiers::channel_warnings(t, settings, &o.estimate.counts));
            }
            let plan = PlanTier {
                tier: tier.clone(),
                live: Some((s.rate_limits, s.as_of_text())),
            };
            if let Some((ttr, warnings)) =
                tiers::time_to_run(&plan, settings, o.estimate.counts.billable, book)
            {
                v.tier_notes.push(format!(
                    "Time to run: {}, {} under {}",
                    text::count(ttr.requests, "API request", "API requests"),
                    ttr.duration_text(),
                    ttr.limits
                ));
                v.tier_notes.extend(warnings);
            }
        }
        v
    }

    /// Apply what the Account section asked for.
    pub(crate) fn apply_account(&mut self, a: AccountIntent) {
        let st = &mut self.view.account;
        match a {
            AccountIntent::OpenForm => st.form_open = true,
            AccountIntent::CloseForm => {
                st.form_open = false;
                st.key_text.clear();
            }
            AccountIntent::Connect => self.connect(),
            AccountIntent::StoreKey => self.store_key(),
            AccountIntent::ForgetKey => self.start_key_job(None),
            AccountIntent::UseBudget => {
                if let Some(s) = st.snapshot.as_ref().filter(|_| st.connected) {
                    let left = s.credits.remaining;
                    st.notice = Some(format!(
                        "The budget is now the {} credits left.",
                        text::credits(left)
                    ));
                    self.set_budget(Some(left));
                }
            }
            AccountIntent::UseRenewal => {
                if let Some(s) = st.snapshot.as_ref().filter(|_| st.connected)
                    && let Some(renewal) = s.plan.renewal()
                {
                    let length = s.plan.cycle_length().unwrap_or(self.pricing.cycle.length);
                    st.notice = Some(format!(
                        "The renewal date is now {renewal}, {} cycle.",
                        length.key()
                    ));
                    self.set_cycle(Cycle {
                        renewal: Some(renewal),
                        length,
                    });
                }
            }
        }
    }

    /// The key typed, checked (None when nothing is typed; the field is cleared once it
    /// is taken). A bad key is said (without repeating it) and None of it is used.
    fn typed_key(&mut self) -> crate::Result<Option<ApiKey>> {
        let st = &mut self.view.account;
        if st.key_text.trim().is_empty() {
            return Ok(None);
        }
        let key = ApiKey::new(&st.key_text).inspect_err(|e| {
            st.error = Some(format!("The key typed is not usable: {e}"));
        })?;
        st.key_text.clear();
        Ok(Some(key))
    }

    /// Read the account on a worker.
    fn connect(&mut self) {
        // A bad key typed is said there and nothing is sent.
        let Ok(typed) = self.typed_key() else { return };
        let st = &mut self.view.account;
        if let Some(k) = typed {
            st.typed = Some(k);
        }
        st.form_open = false;
        st.tried = true;
        st.notice = None;
        let (base, typed, store, folder) = (
            st.base.clone(),
            st.typed.clone(),
            st.store.clone(),
            st.folder.clone(),
        );
        let job = Job::spawn(
            JobKind::Account,
            "account".into(),
            "Reading the Lusha account".into(),
            self.ctx.clone(),
            move |_| {
                let result = read_account(base.as_deref(), typed, store);
                let (mut cached, mut cache_note) = (None, None);
                match (&result, &folder) {
                    (Ok((s, _)), Some(dir)) => {
                        if let Err(e) = write_cache(dir, s) {
                            cache_note = Some(format!(
                                "The snapshot could not be kept for when the account cannot be read: {e}"
                            ));
                        }
                    }
                    (Err(_), Some(dir)) => cached = read_cache(dir),
                    (_, None) => {}
                }
                Ok(Output::Account(Box::new(Done::Read(Box::new(Read {
                    result,
                    cached,
                    cache_note,
                })))))
            },
        );
        match job {
            Ok(j) => self.jobs.start(j),
            Err(m) => self.view.account.error = Some(m.to_string()),
        }
    }

    /// Store the typed key in the credential store, on a worker.
    fn store_key(&mut self) {
        match self.typed_key() {
            Ok(Some(k)) => {
                self.view.account.typed = Some(k.clone());
                self.start_key_job(Some(k));
            }
            Ok(None) => {
                self.view.account.error = Some("Type the API key first, then store it.".to_string())
            }
            // Said in the section (`typed_key`).
            Err(_) => {}
        }
    }

    /// Store `key` (Some) or remove the stored one (None) on a worker.
    fn start_key_job(&mut self, key: Option<ApiKey>) {
        let store = self.view.account.store.clone();
        let stored = key.is_some();
        let label = if stored {
            "Storing the API key"
        } else {
            "Removing the stored API key"
        };
        let job = Job::spawn(
            JobKind::AccountKey,
            "account-key".into(),
            label.into(),
            self.ctx.clone(),
            move |_| {
                let result =
                    store
                        .map(Ok)
                        .unwrap_or_else(key::native_store)
                        .and_then(|s| match &key {
                            Some(k) => key::store_in(&s, k).map(|()| true),
                            None => key::delete_in(&s),
                        });
                Ok(Output::Account(Box::new(Done::Key { stored, result })))
            },
        );
        match job {
            Ok(j) => self.jobs.start(j),
            Err(m) => self.view.account.error = Some(m.to_string()),
        }
    }

    /// A worker's answer.
    pub(crate) fn account_done(&mut self, d: Done) {
        let st = &mut self.view.account;
        match d {
            Done::Read(r) => match r.result {
                Ok((s, from)) => {
                    st.snapshot = Some(s);
                    st.connected = true;
                    st.from = Some(from);
                    st.error = None;
                    st.notice = r.cache_note;
                }
                Err(e) => {
                    st.error = Some(e.to_string());
                    st.connected = false;
                    // The newest snapshot known: this session's, else the cached one.
                    if let Some(c) = r.cached
                        && st.snapshot.as_ref().is_none_or(|s| s.as_of < c.as_of)
                    {
                        st.snapshot = Some(c);
                    }
                }
            },
            Done::Key { stored, result } => match result {
                Ok(had) => {
                    st.error = None;
                    let mut said = match (stored, had) {
                        (true, _) => "The API key is stored in the OS credential store.",
                        (false, true) => "The API key was removed from the OS credential store.",
                        (false, false) => "No API key was stored.",
                    }
                    .to_string();
                    if std::env::var(key::ENV).is_ok_and(|v| !v.trim().is_empty()) {
                        said.push_str(
                            " LUSHA_API_KEY is set and is used instead, unless a key is typed here.",
                        );
                    }
                    if !stored {
                        // A key typed this session is forgotten with the stored one.
                        st.typed = None;
                    }
                    st.notice = Some(said);
                }
                Err(e) => st.error = Some(e.to_string()),
            },
        }
    }
}

/// "5 credits" per unit, "1 credit".
fn credits_each(v: f64) -> String {
    format!(
        "{} {}",
        text::credits(v),
        if v == 1.0 { "credit" } else { "credits" }
    )
}
