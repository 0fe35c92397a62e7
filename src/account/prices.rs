//! The account's own prices against the price book in force: action names mapped to
//! price-book keys as data (`assets/account-actions.toml`), every difference a warning
//! naming the action and both prices, actions not in the table listed (never guessed), and
//! `--pricebook account`: the book in force with the account's mapped prices put in.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::{ActionPrice, Snapshot};
use crate::error::{Error, Result};
use crate::pricebook::{PriceBook, Prices};

const ACTIONS_TOML: &str = include_str!("../../assets/account-actions.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Actions {
    actions: BTreeMap<String, String>,
}

static ACTIONS: LazyLock<BTreeMap<String, String>> = LazyLock::new(|| {
    toml::from_str::<Actions>(ACTIONS_TOML)
        .expect("assets/account-actions.toml is checked by the tests")
        .actions
});

/// The price-book key an account action is, if the table maps it.
pub fn book_key(action: &str) -> Option<&'static str> {
    ACTIONS.get(action).map(String::as_str)
}

/// The prices as a map of key → value (the book's own field names).
fn price_map(p: &Prices) -> serde_json::Map<String, serde_json::Value> {
    match serde_json::to_value(p) {
        Ok(serde_json::Value::Object(m)) => m,
        _ => serde_json::Map::new(),
    }
}

/// A price of the book by its key (`email`, `phone`, …).
pub fn book_price(book: &PriceBook, key: &str) -> Option<f64> {
    price_map(&book.prices).get(key).and_then(|v| v.as_f64())
}

/// One action priced differently by the account and the book.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    pub action: String,
    pub key: String,
    /// Credits per unit, the account's.
    pub account: f64,
    pub book: f64,
}

/// The account's prices beside a book's.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Comparison {
    pub differences: Vec<Difference>,
    /// Actions the table does not map (not compared).
    pub unmapped: Vec<String>,
}

/// How an account's action stands against the book: the one comparison, which the
/// account table's marks, the warnings and the window's list all come from.
#[derive(Clone, Debug, PartialEq)]
pub enum Against {
    /// The book's price under `key` is the account's.
    Same { key: &'static str, book: f64 },
    /// The book's price under `key` is another.
    Differs { key: &'static str, book: f64 },
    /// The table maps the action to a key this book does not have.
    UnknownKey(&'static str),
    /// The table does not map the action (never guessed).
    Unmapped,
}

/// One of the account's prices beside the book.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub action: String,
    pub price: ActionPrice,
    pub against: Against,
}

/// Every price of the account beside the book's, in the account's order (by action).
pub fn lines(s: &Snapshot, book: &PriceBook) -> Vec<Line> {
    s.pricing
        .iter()
        .map(|(action, price)| {
            let against = match book_key(action) {
                None => Against::Unmapped,
                Some(key) => match book_price(book, key) {
                    None => Against::UnknownKey(key),
                    Some(v) if (v - price.unit()).abs() > 1e-9 => Against::Differs { key, book: v },
                    Some(v) => Against::Same { key, book: v },
                },
            };
            Line {
                action: action.clone(),
                price: *price,
                against,
            }
        })
        .collect()
}

/// The differences and the actions not compared, from [`lines`].
pub fn compare(s: &Snapshot, book: &PriceBook) -> Comparison {
    let mut c = Comparison::default();
    for l in lines(s, book) {
        match l.against {
            Against::Same { .. } => {}
            Against::Differs { key, book } => c.differences.push(Difference {
                action: l.action,
                key: key.to_string(),
                account: l.price.unit(),
                book,
            }),
            Against::UnknownKey(_) | Against::Unmapped => c.unmapped.push(l.action),
        }
    }
    c
}

/// The comparison as warnings: one per difference, one listing the unmapped actions.
pub fn warnings(c: &Comparison, book: &PriceBook) -> Vec<String> {
    let credits = |v: f64| {
        format!(
            "{} {}",
            crate::text::credits(v),
            if v == 1.0 { "credit" } else { "credits" }
        )
    };
    let mut w: Vec<String> = c
        .differences
        .iter()
        .map(|d| {
            format!(
                "the account prices {} at {}, the price book {} prices {} at {}: --pricebook account prices with the account's",
                d.action,
                credits(d.account),
                book.id,
                d.key,
                credits(d.book)
            )
        })
        .collect();
    if !c.unmapped.is_empty() {
        w.push(format!(
            "the account prices actions that no price-book key is known for, so they were not compared: {}",
            c.unmapped.join(", ")
        ));
    }
    w
}

/// `--pricebook account`: `base` (the book in force) with every mapped price replaced by
/// the account's, named as coming from the account. An account price the book cannot take
/// is an error.
pub fn account_book(base: &PriceBook, s: &Snapshot) -> Result<PriceBook> {
    let mut map = price_map(&base.prices);
    let mut replaced = Vec::new();
    for (action, price) in &s.pricing {
        if let Some(key) = book_key(action)
            && map.contains_key(key)
        {
            map.insert(key.to_string(), serde_json::json!(price.unit()));
            replaced.push(format!("{key} = {action}"));
        }
    }
    let prices: Prices = serde_json::from_value(serde_json::Value::Object(map)).map_err(|e| {
        Error::Account(format!("the account's prices do not fit a price book: {e}"))
    })?;
    let book = PriceBook {
        id: "account".into(),
        name: format!(
            "The live account's prices (as of {}), the rest from {}",
            s.as_of_text(),
            base.id
        ),
        effective_date: s.as_of.date_naive(),
        source: format!(
            "GET /v3/account/usage `pricing` ({}); every other price and the assumptions from {} ({})",
            if replaced.is_empty() {
                "no mapped action".to_string()
            } else {
                replaced.join(", ")
            },
            base.id,
            base.name
        ),
        prices,
        assumptions: base.assumptions,
    };
    book.check()
        .map_err(|(_, m)| Error::Account(format!("the account's prices: {m}")))?;
    Ok(book)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(pricing: &[(&str, f64, f64)]) -> Snapshot {
        let body = r#"{"credits": {"total": 10, "used": 0, "remaining": 10},
            "plan": {"category": "pro", "renewalType": "monthly", "startDate": null, "endDate": null}}"#;
        let mut s =
            Snapshot::from_vendor_json(body.as_bytes(), chrono::DateTime::UNIX_EPOCH).unwrap();
        for (a, c, q) in pricing {
            s.pricing.insert(
                a.to_string(),
                ActionPrice {
                    credits: *c,
                    per_quantity: *q,
                },
            );
        }
        s
    }

    #[test]
    fn every_mapped_action_is_a_price_of_the_book() {
        let book = crate::pricebook::default_book();
        assert!(!ACTIONS.is_empty());
        for (action, key) in ACTIONS.iter() {
            let v = book_price(&book, key);
            assert!(v.is_some(), "{action} → {key}: not a price-book key");
            // A price, not a block size (those are whole numbers the account cannot set).
            assert!(
                !key.ends_with("_size") && !key.ends_with("_rows") && !key.ends_with("_batch"),
                "{action} → {key}"
            );
        }
        assert_eq!(book_key("revealPhone"), Some("phone"));
        assert_eq!(book_key("revealSomething"), None);
    }

    #[test]
    fn differences_name_the_action_and_both_prices_and_unknown_actions_are_listed() {
        let book = crate::pricebook::resolve("lusha-alt-2025").unwrap();
        let s = snapshot(&[
            ("revealEmail", 1.0, 1.0),
            ("revealPhone", 10.0, 2.0),
            ("enrichCompany", 3.0, 1.0),
        ]);
        let c = compare(&s, &book);
        assert_eq!(
            c.differences,
            [Difference {
                action: "revealPhone".into(),
                key: "phone".into(),
                account: 5.0,
                book: 1.0
            }]
        );
        assert_eq!(c.unmapped, ["enrichCompany"]);
        let w = warnings(&c, &book);
        assert_eq!(w.len(), 2);
        assert!(
            w[0].contains("revealPhone at 5 credits")
                && w[0].contains("lusha-alt-2025 prices phone at 1 credit"),
            "{}",
            w[0]
        );
        assert!(w[1].contains("enrichCompany") && w[1].contains("not compared"));
        let own = account_book(&book, &s).unwrap();
        assert_eq!(own.id, "account");
        assert!(own.name.contains("live account") && own.name.contains("lusha-alt-2025"));
        assert_eq!(own.prices.phone, 5.0);
        assert_eq!(own.prices.email, 1.0);
        assert_eq!(own.prices.api_request_min, book.prices.api_request_min);
        assert!(compare(&s, &own).differences.is_empty());
    }
}
