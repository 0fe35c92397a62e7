//! The Account section (issue 26) driven by clicks, against a stand-in server on
//! 127.0.0.1: connect with a typed key and see the snapshot, use it as the budget and the
//! renewal date, a failure's message with the last snapshot (cached, without the key), the
//! key stored in (a mock) credential store, and `ENRICHPLAN_API_BASE` honoured. The server
//! records every request; the key is searched for in every file written under the cache
//! folder and in every text of the window. The OS credential store is never touched (tests
//! give keyring-core's in-memory mock store).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::common::shared;
use crate::harness::harness;
use crate::stand_in::{StandIn, reply};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};
use enrichplan::app::EnrichApp;
use enrichplan::cycle::CycleLength;
use enrichplan::pricing::Channel;

const KEY: &str = "tk-window-5e1f0a-SECRET";

/// The shared stand-in, answering `replies` (status, body) in order.
fn stand_in(replies: Vec<(u16, Vec<u8>)>) -> StandIn {
    StandIn::new(replies.into_iter().map(|(s, b)| reply(s, b)).collect())
}

fn reference(name: &str) -> Vec<u8> {
    std::fs::read(shared().join("reference/account-usage").join(name)).unwrap()
}

fn sample() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/contacts.csv")
}

/// A window on the sample list caching the account in `folder`, reading it at `base`
/// (None: as the environment says), with a mock credential store.
fn window(
    folder: &Path,
    base: Option<&str>,
) -> (
    Harness<'static, EnrichApp>,
    Arc<keyring_core::CredentialStore>,
) {
    let mut app = EnrichApp::new_for_test(Some(&sample()));
    app.set_account_folder(folder);
    if let Some(b) = base {
        app.set_account_base(b);
    }
    let store = keyring_core::mock::Store::new().unwrap();
    app.set_account_store(store.clone());
    (harness(app, [1400.0, 2400.0], |b| b), store)
}

/// Let the workers finish and the window apply and show what they brought.
fn settle(h: &mut Harness<'static, EnrichApp>) {
    // One frame takes the click (the intent is queued); the wait applies it, which starts
    // the worker, and waits for it (no sleep); then the window shows what it brought.
    h.step();
    h.state_mut().wait_for_jobs();
    h.run();
}

/// Open the key field, type `key` (if any) and press Connect.
fn connect(h: &mut Harness<'static, EnrichApp>, key: Option<&str>) {
    h.get_by_label("Connect…").click();
    h.run();
    if let Some(k) = key {
        h.get_by_label("Lusha API key").focus();
        h.run();
        h.get_by_label("Lusha API key").type_text(k);
        h.run();
    }
    h.get_by_role_and_label(Role::Button, "Connect").click();
    settle(h);
}

/// No text of the window holds the key: no label, no value (the key field is masked).
fn key_not_shown(h: &Harness<'static, EnrichApp>) {
    // The same search finds what is shown (the section's own title).
    let found = h
        .query_all(
            By::new()
                .include_labels()
                .predicate(|n| n.label().is_some_and(|l| l.contains("Account"))),
        )
        .count();
    assert!(found >= 1, "the search reads the window's texts");
    let shown: Vec<String> = h
        .query_all(By::new().include_labels().predicate(|n| {
            n.label().is_some_and(|l| l.contains(KEY)) || n.value().is_some_and(|v| v.contains(KEY))
        }))
        .map(|n| format!("{n:?}"))
        .collect();
    assert!(shown.is_empty(), "the key is shown: {shown:?}");
}

/// Every file under `dir` (any depth) is free of the key.
fn key_not_in_files(dir: &Path) -> usize {
    let mut files = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files += key_not_in_files(&p);
            continue;
        }
        files += 1;
        let bytes = std::fs::read(&p).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(KEY),
            "the key is in {}",
            p.display()
        );
    }
    files
}

fn enabled(h: &Harness<'static, EnrichApp>, label: &str) -> bool {
    !h.get_by_role_and_label(Role::Button, label)
        .accesskit_node()
        .is_disabled()
}

/// Connect with a typed key: the snapshot, the price differences and the tier; "Use as
/// budget" and "Use the renewal date" take its numbers; one request, the key only in its
/// header; the key in no file and no text of the window.
#[test]
fn connect_shows_the_snapshot_and_its_numbers_can_be_used() {
    let server = stand_in(vec![(200, reference("ok.json"))]);
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = window(dir.path(), Some(&server.base));
    // Nothing is read until asked.
    h.get_by_label_contains("nothing is sent until you connect");
    assert!(!enabled(&h, "Use as budget"));
    assert!(!enabled(&h, "Use the renewal date"));
    assert_eq!(server.saw_usage_calls(KEY), 0);

    h.get_by_label("Connect…").click();
    h.run();
    h.get_by_label("Lusha API key").focus();
    h.run();
    h.get_by_label("Lusha API key").type_text(KEY);
    h.run();
    key_not_shown(&h);
    h.get_by_role_and_label(Role::Button, "Connect").click();
    settle(&mut h);

    assert_eq!(server.saw_usage_calls(KEY), 1);
    h.get_by_label_contains("8,500 of 10,000 credits left, renews 2027-01-01, as of ");
    h.get_by_label_contains("Plan: professional (annual), tier Pro");
    h.get_by_label("Read with the key typed here.");
    // The tier from the plan's category warns about the channel in force.
    h.get_by_label_contains("CSV Enrichment is not on the Pro tier");
    let s = h.state().account_snapshot().unwrap();
    assert_eq!(s.credits.remaining, 8500.0);

    assert!(enabled(&h, "Use as budget"));
    h.get_by_role_and_label(Role::Button, "Use as budget")
        .click();
    h.run();
    h.run();
    assert_eq!(h.state().budget(), Some(8500.0));
    h.get_by_label("The budget is now the 8,500 credits left.");

    // A new billing cycle: the list is analysed again (on a worker).
    h.get_by_role_and_label(Role::Button, "Use the renewal date")
        .click();
    settle(&mut h);
    let c = h.state().cycle();
    assert_eq!(c.renewal, chrono::NaiveDate::from_ymd_opt(2027, 1, 1));
    assert_eq!(c.length, CycleLength::Annual);

    // Refresh reads again (a second request; the server has no more answers: an error,
    // the snapshot kept).
    h.get_by_role_and_label(Role::Button, "Refresh").click();
    settle(&mut h);
    assert_eq!(server.saw_usage_calls(KEY), 1, "the server stopped");
    h.get_by_label_contains("the account could not be read");
    h.get_by_label_contains("8,500 of 10,000 credits left");

    // On an API channel: the time to run under the account's own limits.
    h.get_by_role_and_label(Role::RadioButton, Channel::ApiBulk.label())
        .click();
    h.run();
    h.get_by_label_contains("Time to run: ");
    h.get_by_label_contains("under the account's (Pro): 50/min, 500/h, 5,000/day");

    key_not_shown(&h);
    assert!(key_not_in_files(dir.path()) >= 1, "the snapshot is cached");
}

/// The account's prices against the price book in force: every difference listed.
#[test]
fn price_differences_with_the_book_in_force_are_listed() {
    let body = String::from_utf8(reference("ok.json")).unwrap();
    let body = body.replacen(
        r#""revealPhone": { "credits": 5, "perQuantity": 1 }"#,
        r#""revealPhone": { "credits": 7, "perQuantity": 1 }, "enrichSomething": { "credits": 2, "perQuantity": 1 }"#,
        1,
    );
    assert!(
        body.contains("enrichSomething"),
        "the reference answer changed"
    );
    let server = stand_in(vec![(200, body.into_bytes())]);
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = window(dir.path(), Some(&server.base));
    connect(&mut h, Some(KEY));
    let book = h.state().pricebook().clone();
    h.get_by_label_contains(&format!(
        "Prices that differ from the price book {}",
        book.id
    ));
    h.get_by_label(&format!(
        "• revealPhone: the account 7 credits, the price book {} credits (phone)",
        enrichplan::text::credits(book.prices.phone)
    ));
    h.get_by_label("• Not compared (no price-book key known): enrichSomething");
}

/// A failed read shows the library's message and the last snapshot cached by an earlier
/// session, with its time; the "use" buttons stay off (not connected).
#[test]
fn a_failure_shows_its_message_and_the_last_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    {
        let server = stand_in(vec![(200, reference("ok.json"))]);
        let (mut h, _) = window(dir.path(), Some(&server.base));
        connect(&mut h, Some(KEY));
        h.get_by_label_contains("8,500 of 10,000 credits left");
    }
    let errors: serde_json::Value = serde_json::from_slice(&reference("errors.json")).unwrap();
    let server = stand_in(vec![
        (401, errors["401"].to_string().into_bytes()),
        (500, errors["500"].to_string().into_bytes()),
    ]);
    let (mut h, _) = window(dir.path(), Some(&server.base));
    connect(&mut h, Some(KEY));
    h.get_by_label_contains("the API key was refused (401, invalid key)");
    h.get_by_label_contains("8,500 of 10,000 credits left, renews 2027-01-01");
    h.get_by_label_contains("The last snapshot, read ");
    assert!(!enabled(&h, "Use as budget"));
    assert!(!enabled(&h, "Use the renewal date"));
    h.get_by_role_and_label(Role::Button, "Refresh").click();
    settle(&mut h);
    h.get_by_label_contains("the vendor's server failed (500)");
    assert_eq!(server.saw_usage_calls(KEY), 2);
    key_not_shown(&h);
    key_not_in_files(dir.path());
}

/// A key that is not one is refused before anything is sent, without repeating it.
#[test]
fn a_bad_key_is_refused_before_sending() {
    let server = stand_in(vec![]);
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = window(dir.path(), Some(&server.base));
    connect(&mut h, Some("two words"));
    h.get_by_label_contains("The key typed is not usable: the key has spaces");
    assert!(h.query_all_by_label_contains("two words").next().is_none());
    assert_eq!(server.saw_usage_calls(KEY), 0);
}

/// "Store in the credential store" keeps the key there (a mock store); Connect with an
/// empty field then uses it; "Remove the stored key" deletes it.
#[test]
fn the_key_is_stored_in_the_credential_store_and_used_from_it() {
    assert!(
        std::env::var_os("LUSHA_API_KEY").is_none(),
        "run the window tests without LUSHA_API_KEY (it would be used before the stored key)"
    );
    let server = stand_in(vec![(200, reference("free.json"))]);
    let dir = tempfile::tempdir().unwrap();
    let (mut h, store) = window(dir.path(), Some(&server.base));
    h.get_by_label("Connect…").click();
    h.run();
    h.get_by_label("Lusha API key").focus();
    h.run();
    h.get_by_label("Lusha API key").type_text(KEY);
    h.run();
    h.get_by_role_and_label(Role::Button, "Store in the credential store")
        .click();
    settle(&mut h);
    h.get_by_label_contains("The API key is stored in the OS credential store.");
    let (found, _) = enrichplan::account::key::find_with(None, || Ok(store.clone())).unwrap();
    assert_eq!(found.expose(), KEY);
    assert_eq!(server.saw_usage_calls(KEY), 0, "storing sends nothing");

    // A new window: the field left empty, Connect reads with the stored key.
    let mut app = EnrichApp::new_for_test(None);
    app.set_account_folder(dir.path());
    app.set_account_base(&server.base);
    app.set_account_store(store.clone());
    let mut h = harness(app, [1400.0, 1800.0], |b| b);
    connect(&mut h, None);
    assert_eq!(server.saw_usage_calls(KEY), 1);
    h.get_by_label("Read with the key in the OS credential store.");
    h.get_by_label_contains("38 of 50 credits left, free: no renewal, as of ");
    // A free account: a budget, but no renewal date to take.
    assert!(enabled(&h, "Use as budget"));
    assert!(!enabled(&h, "Use the renewal date"));

    h.get_by_label("Connect…").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Remove the stored key")
        .click();
    settle(&mut h);
    h.get_by_label_contains("The API key was removed from the OS credential store.");
    assert!(enrichplan::account::key::find_with(None, || Ok(store.clone())).is_err());
    key_not_shown(&h);
    key_not_in_files(dir.path());
}

/// `ENRICHPLAN_API_BASE` points the window at the stand-in server, as it does the CLI.
#[test]
fn the_window_honours_enrichplan_api_base() {
    let server = stand_in(vec![(200, reference("ok.json"))]);
    // SAFETY: only this test sets the variable, before its window exists; the other
    // account tests give their base to the window (which wins over the variable), and no
    // other test reads it.
    unsafe { std::env::set_var("ENRICHPLAN_API_BASE", &server.base) };
    let dir = tempfile::tempdir().unwrap();
    let (mut h, _) = window(dir.path(), None);
    connect(&mut h, Some(KEY));
    // SAFETY: as above.
    unsafe { std::env::remove_var("ENRICHPLAN_API_BASE") };
    assert_eq!(server.saw_usage_calls(KEY), 1);
    h.get_by_label_contains("8,500 of 10,000 credits left");
}
