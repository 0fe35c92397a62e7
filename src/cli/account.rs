//! `account` (the live account; `login`, `logout`) and what `estimate` takes from the
//! account: `--account` (budget, renewal date, cycle, tier), `--pricebook account`,
//! `--tier`, `--api-base`. Nothing calls out unless one of these asks for the account.

use std::io::{BufRead, IsTerminal, Read};

use super::args::*;
use super::estimate::{emit, json_text};
use super::lower::setting;
use crate::account::key::{self, ApiKey};
use crate::account::tiers::{PlanTier, Tier};
use crate::account::{self, Given, Snapshot, client, prices};
use crate::cycle::Cycle;
use crate::error::{Error, Result};
use crate::pricebook::{self, PriceBook};

/// Read the live account: the base in force, the key in force, the one request.
fn read(api_base: Option<&str>) -> Result<Snapshot> {
    let base = client::base_url(api_base)?;
    let (key, _) = key::find()?;
    Ok(client::fetch(&base, &key)?)
}

pub(super) fn run_account(a: &AccountArgs) -> Result<()> {
    match a.action {
        Some(AccountAction::Login) => login(),
        Some(AccountAction::Logout) => logout(),
        None => show(a),
    }
}

/// `enrichplan account`: the snapshot as a table (with the price book's prices beside the
/// account's) or as cli.md's JSON.
fn show(a: &AccountArgs) -> Result<()> {
    // Flags are checked before anything is sent.
    let book = match &a.pricebook {
        Some(p) if p == "account" => {
            return Err(setting(
                "account --pricebook: give a shipped price book or a file to set the account's prices beside",
            ));
        }
        Some(p) => pricebook::resolve(p)?,
        None => pricebook::default_book(),
    };
    client::base_url(a.api_base.as_deref())?;
    let s = read(a.api_base.as_deref())?;
    let text = match a.format {
        Format::Json => json_text(&s)?,
        Format::Table | Format::Csv => {
            let mut t = account::table_text(&s, &book);
            let w = prices::warnings(&prices::compare(&s, &book), &book);
            if !w.is_empty() {
                t.push_str("\nWarnings:\n");
                for line in w {
                    t.push_str(&format!("  - {line}\n"));
                }
            }
            t
        }
    };
    emit(text.as_bytes())
}

/// `account login`: the key typed without echo (or one line of standard input when it is
/// not a terminal), stored in the OS credential store. Nothing is sent.
fn login() -> Result<()> {
    let stdin = std::io::stdin();
    let text = if stdin.is_terminal() {
        rpassword::prompt_password("Lusha API key (not shown as you type): ")
            .map_err(|e| Error::io("the terminal", e))?
    } else {
        let mut line = String::new();
        stdin
            .lock()
            .take(4096)
            .read_line(&mut line)
            .map_err(|e| Error::io("standard input", e))?;
        line
    };
    let key = ApiKey::new(&text).map_err(|m| setting(format!("account login: {m}")))?;
    let store = key::native_store()?;
    key::store_in(&store, &key)?;
    let mut said = "The API key is stored in the OS credential store; `enrichplan account` reads the account with it.".to_string();
    if std::env::var_os(key::ENV).is_some() {
        said.push_str(&format!(
            " {} is set in this environment and is used instead while it is.",
            key::ENV
        ));
    }
    eprintln!("{said}");
    Ok(())
}

/// `account logout`: the stored key removed.
fn logout() -> Result<()> {
    let store = key::native_store()?;
    if key::delete_in(&store)? {
        eprintln!("The API key was removed from the OS credential store.");
    } else {
        eprintln!("No API key was stored.");
    }
    if std::env::var_os(key::ENV).is_some() {
        eprintln!(
            "{} is still set in this environment and is used while it is.",
            key::ENV
        );
    }
    Ok(())
}

/// True for `--pricebook account`.
pub(super) fn wants_account_book(a: &EstimateArgs) -> bool {
    a.pricebook.as_deref() == Some("account")
}

/// The live account when `--account` or `--pricebook account` asks for it; None (and no
/// request) otherwise. `--api-base` alone is an argument error.
pub(super) fn live_account(a: &EstimateArgs) -> Result<Option<Snapshot>> {
    if !(a.account || wants_account_book(a)) {
        if a.api_base.is_some() {
            return Err(setting(
                "--api-base: only with --account or --pricebook account (nothing else calls out)",
            ));
        }
        return Ok(None);
    }
    // A bad flag is exit 2 before the request.
    tier_flag(a)?;
    Ok(Some(read(a.api_base.as_deref())?))
}

/// `--tier NAME`, checked against the shipped table.
pub(super) fn tier_flag(a: &EstimateArgs) -> Result<Option<Tier>> {
    match &a.tier {
        None => Ok(None),
        Some(t) => Tier::by_name(t).map(Some).ok_or_else(|| {
            let names: Vec<String> = Tier::all()
                .iter()
                .map(|t| t.name.to_ascii_lowercase())
                .collect();
            setting(format!("--tier {t}: use one of {}", names.join(", ")))
        }),
    }
}

/// The price book a `--pricebook` flag names: `account` is the newest shipped book with
/// the live account's prices put in (before the account is read, the book alone, to check
/// the other flags against); None without the flag.
pub(super) fn book_of(flag: Option<&str>, live: Option<&Snapshot>) -> Result<Option<PriceBook>> {
    match (flag, live) {
        (None, _) => Ok(None),
        (Some("account"), Some(s)) => prices::account_book(&pricebook::default_book(), s).map(Some),
        // Flags are checked before the account is read: the book its prices go into.
        (Some("account"), None) => Ok(Some(pricebook::default_book())),
        (Some(p), _) => pricebook::resolve(p).map(Some),
    }
}

/// What an estimate takes from the account, the flags given winning.
pub(super) struct FromAccount {
    pub(super) budget: Option<f64>,
    pub(super) cycle: Cycle,
    pub(super) plan_tier: PlanTier,
    /// Said about it (the numbers taken, a free account, price differences): the first
    /// warnings of the run.
    pub(super) notes: Vec<String>,
}

/// With `--account`, the account's budget, cycle and tier where `given` has none; the
/// account's prices beside `book` whenever it was read; `--tier` in any case.
pub(super) fn from_account(
    a: &EstimateArgs,
    live: Option<&Snapshot>,
    book: &PriceBook,
    budget: Option<f64>,
    cycle: Cycle,
    given: Given,
) -> Result<FromAccount> {
    let tier = tier_flag(a)?;
    let Some(s) = live else {
        return Ok(FromAccount {
            budget,
            cycle,
            plan_tier: PlanTier { tier, live: None },
            notes: Vec::new(),
        });
    };
    let live_limits = Some((s.rate_limits, s.as_of_text()));
    let mut out = if a.account {
        let applied = account::apply(s, &Given { tier, ..given });
        FromAccount {
            budget: applied.budget,
            cycle: applied.cycle,
            plan_tier: PlanTier {
                tier: applied.tier,
                live: live_limits,
            },
            notes: applied.notes,
        }
    } else {
        FromAccount {
            budget,
            cycle,
            plan_tier: PlanTier {
                tier,
                live: live_limits,
            },
            notes: Vec::new(),
        }
    };
    out.notes
        .extend(prices::warnings(&prices::compare(s, book), book));
    Ok(out)
}
