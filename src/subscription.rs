//! Subscription tiers and money: which tier covers a plan's credits per cycle, and what it
//! costs. Tiers are the user's data (kept in the window's settings); the shipped defaults
//! carry the vendor's tier names and only documented facts — no invented prices.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Tier {
    pub name: String,
    /// Credits included per billing cycle (None: not known yet — enter it from your quote).
    pub credits_per_cycle: Option<u64>,
    /// Price per cycle in `currency` (None: not known).
    pub price_per_cycle: Option<f64>,
    pub currency: Option<String>,
    pub seats: Option<u32>,
    /// Whether the tier includes API access.
    pub api_access: bool,
    pub notes: String,
}

/// The vendor's tiers with what its help article documents: API keys are available on
/// Premium and Scale. Credits and prices depend on the contract, so they start empty.
pub fn default_tiers() -> Vec<Tier> {
    let tier = |name: &str, api: bool, notes: &str| Tier {
        name: name.to_string(),
        credits_per_cycle: None,
        price_per_cycle: None,
        currency: None,
        seats: None,
        api_access: api,
        notes: notes.to_string(),
    };
    vec![
        tier("Free", false, ""),
        tier("Pro", false, ""),
        tier("Premium", true, "API access for Admins and Managers"),
        tier("Scale", true, "API access for Admins and Managers"),
    ]
}

/// The cheapest tier whose credits cover `needed` (and that has the API when the channel
/// needs it), among tiers whose credits and price are known.
#[derive(Clone, Debug, PartialEq)]
pub enum TierChoice {
    Covered {
        tier: Tier,
        spare_credits: f64,
    },
    /// No known tier has enough credits (or the API).
    NoneCovers {
        largest: Option<u64>,
    },
    /// No tier has both credits and a price yet.
    Unknown,
}

pub fn cheapest_tier(needed: f64, needs_api: bool, tiers: &[Tier]) -> TierChoice {
    let known: Vec<&Tier> = tiers
        .iter()
        .filter(|t| t.credits_per_cycle.is_some() && t.price_per_cycle.is_some())
        .collect();
    if known.is_empty() {
        return TierChoice::Unknown;
    }
    let fitting = known
        .iter()
        .filter(|t| {
            (t.api_access || !needs_api) && t.credits_per_cycle.unwrap_or(0) as f64 + 1e-9 >= needed
        })
        .min_by(|a, b| {
            a.price_per_cycle
                .unwrap_or(f64::INFINITY)
                .total_cmp(&b.price_per_cycle.unwrap_or(f64::INFINITY))
        });
    match fitting {
        Some(t) => TierChoice::Covered {
            tier: (*t).clone(),
            spare_credits: t.credits_per_cycle.unwrap_or(0) as f64 - needed,
        },
        None => TierChoice::NoneCovers {
            largest: known.iter().filter_map(|t| t.credits_per_cycle).max(),
        },
    }
}

/// Money for credits at a price per credit.
pub fn money(credits: f64, price_per_credit: f64) -> f64 {
    credits * price_per_credit
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(name: &str, credits: u64, price: f64, api: bool) -> Tier {
        Tier {
            name: name.into(),
            credits_per_cycle: Some(credits),
            price_per_cycle: Some(price),
            currency: Some("USD".into()),
            seats: Some(1),
            api_access: api,
            notes: String::new(),
        }
    }

    #[test]
    fn defaults_invent_no_prices() {
        let d = default_tiers();
        assert_eq!(
            d.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
            ["Free", "Pro", "Premium", "Scale"]
        );
        assert!(
            d.iter()
                .all(|t| t.price_per_cycle.is_none() && t.credits_per_cycle.is_none())
        );
        assert_eq!(cheapest_tier(10.0, false, &d), TierChoice::Unknown);
    }

    #[test]
    fn cheapest_covering_tier() {
        let tiers = [
            t("Small", 1000, 50.0, false),
            t("Big", 5000, 200.0, true),
            t("Huge", 20000, 500.0, true),
        ];
        match cheapest_tier(1000.0, false, &tiers) {
            TierChoice::Covered {
                tier,
                spare_credits,
            } => {
                assert_eq!(tier.name, "Small");
                assert_eq!(spare_credits, 0.0);
            }
            other => panic!("{other:?}"),
        }
        match cheapest_tier(900.0, true, &tiers) {
            TierChoice::Covered { tier, .. } => assert_eq!(tier.name, "Big", "the API needs Big"),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            cheapest_tier(30000.0, false, &tiers),
            TierChoice::NoneCovers {
                largest: Some(20000)
            }
        );
        assert_eq!(money(1000.0, 0.12), 120.0);
    }
}
