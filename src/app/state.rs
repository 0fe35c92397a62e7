//! What the window remembers between runs (eframe persistence): theme, recent files and
//! the last settings.

use std::path::PathBuf;

use chrono::NaiveDate;
use eframe::egui;
use serde::{Deserialize, Serialize};

use crate::cycle::CycleLength;
use crate::pricing::Settings;
use crate::subscription::{Tier, default_tiers};

/// Dark, light or whatever the system uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    Dark,
    Light,
    #[default]
    System,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::Dark, Theme::Light, Theme::System];

    pub fn label(self) -> &'static str {
        match self {
            Theme::Dark => "Dark",
            Theme::Light => "Light",
            Theme::System => "Follow system",
        }
    }

    pub fn preference(self) -> egui::ThemePreference {
        match self {
            Theme::Dark => egui::ThemePreference::Dark,
            Theme::Light => egui::ThemePreference::Light,
            Theme::System => egui::ThemePreference::System,
        }
    }
}

/// The budget the user gave, in credits, with an optional price per credit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BudgetInput {
    pub enabled: bool,
    pub remaining: f64,
    pub money: bool,
    pub price_per_credit: f64,
    pub currency: String,
}

impl Default for BudgetInput {
    fn default() -> Self {
        BudgetInput {
            enabled: false,
            remaining: 10_000.0,
            money: false,
            price_per_credit: 0.05,
            currency: "USD".into(),
        }
    }
}

impl BudgetInput {
    /// The remaining credits to check against, when a budget is set.
    pub fn remaining(&self) -> Option<f64> {
        self.enabled.then_some(self.remaining)
    }

    /// Credits in money, when a price per credit is set.
    pub fn money(&self, credits: f64) -> Option<String> {
        self.money.then(|| {
            format!(
                "{} {}",
                self.currency,
                crate::text::money(credits * self.price_per_credit)
            )
        })
    }
}

/// Everything persisted between runs.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Persisted {
    pub theme: Theme,
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    pub settings: Option<Settings>,
    pub pricebook: Option<String>,
    pub renewal: Option<NaiveDate>,
    pub cycle_length: CycleLength,
    pub budget: BudgetInput,
    /// The user's subscription tiers (starting from the vendor's names, no prices).
    pub tiers: Vec<Tier>,
    /// The settings panel on the left is shown (View menu, F9).
    pub show_settings: bool,
    /// Which file dialog to use.
    pub dialogs: super::dialogs::DialogKind,
    /// The folder of the last file chosen, where the next dialog starts.
    pub last_folder: Option<PathBuf>,
}

impl Default for Persisted {
    fn default() -> Self {
        Persisted {
            theme: Theme::default(),
            recent: Vec::new(),
            settings: None,
            pricebook: None,
            renewal: None,
            cycle_length: CycleLength::default(),
            budget: BudgetInput::default(),
            tiers: default_tiers(),
            show_settings: true,
            dialogs: Default::default(),
            last_folder: None,
        }
    }
}

/// How many recent files are kept.
pub const MAX_RECENT: usize = 8;

impl Persisted {
    pub fn remember(&mut self, path: PathBuf) {
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}
