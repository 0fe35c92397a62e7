//! The subscription tiers table (kept in the window's settings) and the cheapest tier for
//! the current estimate.

use eframe::egui::{self, RichText};

use super::format::int;
use super::name;
use crate::pricing::Channel;
use crate::subscription::{Tier, TierChoice, cheapest_tier, default_tiers};

/// The tiers (kept in the window's settings) and the text being typed in their cells.
pub struct TiersEdit<'a> {
    pub tiers: &'a mut Vec<Tier>,
    pub text: &'a mut Vec<[String; 4]>,
}

/// The cheapest of `tiers` covering `needed` credits (one with API access on the API
/// channels).
pub fn choice(tiers: &[Tier], channel: Channel, needed: f64) -> TierChoice {
    let needs_api = matches!(channel, Channel::ApiSingle | Channel::ApiBulk);
    cheapest_tier(needed, needs_api, tiers)
}

fn opt_text<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(T::to_string).unwrap_or_default()
}

fn texts(t: &Tier) -> [String; 4] {
    [
        opt_text(&t.credits_per_cycle),
        opt_text(&t.price_per_cycle),
        opt_text(&t.currency),
        opt_text(&t.seats),
    ]
}

/// Credits needed per cycle and the cheapest tier that covers them.
pub fn summary(ui: &mut egui::Ui, tiers: &[Tier], channel: Channel, needed: f64) {
    ui.label(format!(
        "Credits needed this billing cycle: {} (expected)",
        int(needed.round() as i64)
    ));
    match choice(tiers, channel, needed) {
        TierChoice::Covered {
            tier,
            spare_credits,
        } => {
            let cost = tier
                .price_per_cycle
                .map(|p| {
                    format!(
                        "{} {}",
                        tier.currency.clone().unwrap_or_default(),
                        crate::text::money(p)
                    )
                    .trim()
                    .to_string()
                })
                .unwrap_or_default();
            ui.label(
                RichText::new(format!(
                    "Cheapest tier that covers it: {} at {cost} per cycle ({} credits spare)",
                    tier.name,
                    int(spare_credits.round() as i64)
                ))
                .strong(),
            );
        }
        TierChoice::NoneCovers { largest } => {
            ui.label(format!(
                "No tier with known credits and price covers it{}.",
                largest
                    .map(|l| format!(" (the largest has {} credits)", int(l as i64)))
                    .unwrap_or_default()
            ));
        }
        TierChoice::Unknown => {
            let missing: Vec<String> = tiers
                .iter()
                .map(|t| {
                    let mut what = Vec::new();
                    if t.credits_per_cycle.is_none() {
                        what.push("credits per cycle");
                    }
                    if t.price_per_cycle.is_none() {
                        what.push("price per cycle");
                    }
                    format!("{}: {}", t.name, what.join(" and "))
                })
                .collect();
            ui.label(format!(
                "Cheapest tier: unknown — tier data is missing ({}). Enter them from your quote in the tiers table below.",
                missing.join("; ")
            ));
        }
    }
}

/// The editable table.
pub fn table(edit: &mut TiersEdit<'_>, ui: &mut egui::Ui) {
    let TiersEdit {
        tiers,
        text: tier_text,
    } = edit;
    if tier_text.len() != tiers.len() {
        **tier_text = tiers.iter().map(texts).collect();
    }
    let mut remove = None;
    egui::Grid::new("tiers")
        .striped(true)
        .num_columns(8)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            for h in [
                "Tier",
                "Credits per cycle",
                "Price per cycle",
                "Currency",
                "Seats",
                "API access",
                "Notes",
                "",
            ] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            for (i, (t, text)) in tiers.iter_mut().zip(tier_text.iter_mut()).enumerate() {
                let n = i + 1;
                let r = ui.add(egui::TextEdit::singleline(&mut t.name).desired_width(90.0));
                name(ui, &r, &format!("Tier {n} name"));
                let widths = [90.0, 80.0, 50.0, 40.0];
                let labels = ["credits per cycle", "price per cycle", "currency", "seats"];
                for k in 0..4 {
                    let r = ui.add(
                        egui::TextEdit::singleline(&mut text[k])
                            .desired_width(widths[k])
                            .hint_text("unknown"),
                    );
                    name(ui, &r, &format!("Tier {n} {}", labels[k]));
                    if r.changed() {
                        let s = text[k].trim();
                        match k {
                            0 => t.credits_per_cycle = s.replace(',', "").parse().ok(),
                            1 => t.price_per_cycle = s.replace(',', "").parse().ok(),
                            2 => t.currency = (!s.is_empty()).then(|| s.to_string()),
                            _ => t.seats = s.parse().ok(),
                        }
                    }
                }
                let r = ui.checkbox(&mut t.api_access, "");
                name(ui, &r, &format!("Tier {n} API access"));
                let r = ui.add(egui::TextEdit::singleline(&mut t.notes).desired_width(160.0));
                name(ui, &r, &format!("Tier {n} notes"));
                if ui
                    .small_button("Remove")
                    .on_hover_text(format!("Remove the {} tier", t.name))
                    .clicked()
                {
                    remove = Some(i);
                }
                ui.end_row();
            }
        });
    if let Some(i) = remove {
        tiers.remove(i);
        tier_text.remove(i);
    }
    ui.horizontal(|ui| {
        if ui
            .button("Add tier")
            .on_hover_text("A new row to fill in from your quote")
            .clicked()
        {
            tiers.push(Tier {
                name: "New tier".into(),
                credits_per_cycle: None,
                price_per_cycle: None,
                currency: None,
                seats: None,
                api_access: false,
                notes: String::new(),
            });
        }
        if ui
            .button("Reset tiers")
            .on_hover_text("The vendor's tier names, with no credits or prices")
            .clicked()
        {
            **tiers = default_tiers();
            tier_text.clear();
        }
    });
    ui.label(
        RichText::new(
            "Credits and prices depend on your contract: enter them from your quote. Empty means unknown.",
        )
        .weak(),
    );
}
