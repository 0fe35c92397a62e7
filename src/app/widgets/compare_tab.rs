//! The Compare tab: plans side by side (every breakdown item with its range, totals,
//! budget status, money, the cheapest marked) and a grouped bar chart of the items.

use crate::app::intents::Intent;
use eframe::egui::{self, Color32, RichText};
use egui_plot::{Bar, BarChart, Legend};

use super::format::int;
use std::path::PathBuf;

use crate::plan::{self, Plan};
use crate::pricing::{Credits, Item, shown};
use crate::subscription::Tier;

/// "1,234 (1,000–1,500)": expected, then low–high.
pub fn range_text(c: &Credits) -> String {
    shown_text(shown(c))
}

/// Whole credits (expected, low, high) as "1,234 (1,000–1,500)".
fn shown_text((e, l, h): crate::pricing::Shown) -> String {
    format!("{} ({}–{})", int(e), int(l), int(h))
}

/// A plan's heading in the table; the cheapest is marked.
pub fn plan_heading(name: &str, cheapest: bool) -> String {
    if cheapest {
        format!("{name} (cheapest)")
    } else {
        name.to_string()
    }
}

const COLORS: [Color32; 6] = [
    Color32::from_rgb(66, 133, 244),
    Color32::from_rgb(234, 67, 53),
    Color32::from_rgb(251, 188, 5),
    Color32::from_rgb(52, 168, 83),
    Color32::from_rgb(171, 71, 188),
    Color32::from_rgb(0, 172, 193),
];

/// The plans compared, whether there is a current plan to add, the user's tiers; what the
/// user asked for as intents.
pub fn show(
    ui: &mut egui::Ui,
    plans: &[(PathBuf, Plan)],
    can_add: bool,
    tiers: &[Tier],
) -> Vec<Intent> {
    let mut intents = Vec::new();
    ui.horizontal(|ui| {
        if ui
            .button("Add plans...")
            .on_hover_text("Add saved .enrichplan.json plans (several at once)")
            .clicked()
        {
            intents.push(Intent::AddCompareDialog);
        }
        if ui
            .add_enabled(can_add, egui::Button::new("Add current plan"))
            .on_hover_text("The plan as it would be saved now")
            .on_disabled_hover_text("Open a contact list or a plan first")
            .clicked()
        {
            intents.push(Intent::AddCurrentToCompare);
        }
        if !plans.is_empty()
            && ui
                .button("Clear")
                .on_hover_text("Remove every plan from the comparison")
                .clicked()
        {
            intents.push(Intent::ClearCompare);
        }
    });
    ui.separator();
    if plans.is_empty() {
        ui.add_space(30.0);
        ui.vertical_centered(|ui| {
            ui.heading("Compare plans side by side.");
            ui.label(
                "Add saved plans, or the current plan, to see their costs next to each other.",
            );
        });
        return intents;
    }
    let c = match plan::compare(plans) {
        Ok(c) => c,
        Err(e) => {
            ui.label(RichText::new(e.to_string()).color(ui.visuals().error_fg_color));
            return intents;
        }
    };
    let items: Vec<Item> = Item::ALL
        .into_iter()
        .filter(|i| c.plans.iter().any(|p| !p.breakdown.get(*i).is_zero()))
        .collect();
    let mut remove = None;
    let names = headings(&c);
    // The scroll bars stay drawn: at 1024 wide a third plan is off to the right, and a bar
    // that appears only on hover does not say so.
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
        .show(ui, |ui| {
            egui::Grid::new("compare")
                .striped(true)
                .num_columns(c.plans.len() + 1)
                .spacing([18.0, 4.0])
                .show(ui, |ui| {
                    ui.label(RichText::new("Plan").strong());
                    for (p, name) in c.plans.iter().zip(&names) {
                        let text = RichText::new(plan_heading(name, p.cheapest)).strong();
                        let text = if p.cheapest {
                            text.color(Color32::from_rgb(46, 160, 67))
                        } else {
                            text
                        };
                        ui.label(text).on_hover_text(&p.file);
                    }
                    ui.end_row();
                    ui.label("");
                    for (i, p) in c.plans.iter().enumerate() {
                        if ui
                            .small_button("Remove")
                            .on_hover_text(format!("Remove {} from the comparison", p.name))
                            .clicked()
                        {
                            remove = Some(i);
                        }
                    }
                    ui.end_row();
                    row(
                        ui,
                        "Channel",
                        c.plans.iter().map(|p| {
                            crate::pricing::Channel::from_key(&p.channel)
                                .map(|ch| ch.label().to_string())
                                .unwrap_or_else(|| p.channel.clone())
                        }),
                    );
                    row(
                        ui,
                        "Price book",
                        c.plans.iter().map(|p| p.pricebook.clone()),
                    );
                    // Per plan, whole credits whose items add up to its total in each column.
                    let shown_items: Vec<Vec<crate::pricing::Shown>> = c
                        .plans
                        .iter()
                        .map(|p| {
                            let credits: Vec<Credits> =
                                items.iter().map(|i| p.breakdown.get(*i)).collect();
                            crate::pricing::shown_items(&credits, &p.credits).0
                        })
                        .collect();
                    for (k, i) in items.iter().enumerate() {
                        row(
                            ui,
                            i.label(),
                            shown_items.iter().map(|plan| shown_text(plan[k])),
                        );
                    }
                    ui.label(RichText::new("Total credits").strong());
                    for p in &c.plans {
                        ui.label(RichText::new(range_text(&p.credits)).strong());
                    }
                    ui.end_row();
                    // Each plan against the first (the order the user gave them in).
                    if c.plans.len() > 1 {
                        let (base, _, _) = shown(&c.plans[0].credits);
                        row(
                            ui,
                            "Difference (expected)",
                            c.plans.iter().enumerate().map(|(i, p)| {
                                let (e, _, _) = shown(&p.credits);
                                match (i, e - base) {
                                    (0, _) => "the baseline".to_string(),
                                    (_, 0) => "same".to_string(),
                                    (_, d) if d > 0 => format!("+{}", int(d)),
                                    (_, d) => int(d),
                                }
                            }),
                        );
                    }
                    row(
                        ui,
                        "Budget",
                        c.plans.iter().map(|p| match (p.budget, p.budget_status) {
                            (Some(b), Some(st)) => format!("{} credits: {st}", int(b as i64)),
                            (Some(b), None) => format!("{} credits", int(b as i64)),
                            _ => "none".into(),
                        }),
                    );
                    if c.plans.iter().any(|p| !p.notes.trim().is_empty()) {
                        ui.label("Notes");
                        for p in &c.plans {
                            let first = p.notes.lines().next().unwrap_or("").to_string();
                            ui.add(egui::Label::new(first).truncate())
                                .on_hover_text(&p.notes);
                        }
                        ui.end_row();
                    }
                    // The cheapest of the user's tiers that covers each plan (its high
                    // estimate; the API where the channel needs it).
                    row(
                        ui,
                        "Cheapest tier",
                        c.plans.iter().map(|p| {
                            let api = crate::pricing::Channel::from_key(&p.channel)
                                .is_some_and(|ch| ch.is_api());
                            match crate::subscription::cheapest_tier(p.credits.high, api, tiers) {
                                crate::subscription::TierChoice::Covered { tier, .. } => {
                                    match (tier.price_per_cycle, &tier.currency) {
                                        (Some(price), cur) => format!(
                                            "{} ({} {})",
                                            tier.name,
                                            cur.clone().unwrap_or_default(),
                                            crate::text::money(price)
                                        )
                                        .replace("( ", "("),
                                        _ => tier.name,
                                    }
                                }
                                crate::subscription::TierChoice::NoneCovers { .. } => {
                                    "none of your tiers covers it".into()
                                }
                                crate::subscription::TierChoice::Unknown => {
                                    "enter tiers (Estimate view, Subscription)".into()
                                }
                            }
                        }),
                    );
                    if c.plans.iter().any(|p| p.money.is_some()) {
                        row(
                            ui,
                            "Money (expected)",
                            c.plans.iter().map(|p| match p.money {
                                Some(m) => format!(
                                    "{} {}",
                                    p.currency.clone().unwrap_or_default(),
                                    crate::text::money(m)
                                )
                                .trim()
                                .to_string(),
                                None => "no price per credit".into(),
                            }),
                        );
                    }
                });
            ui.label(
                RichText::new(if c.lists > 1 {
                    "Ranges are expected (low–high). The plans are of different lists: the cheapest expected total is marked among the plans of the same list."
                } else {
                    "Ranges are expected (low–high). The cheapest expected total is marked."
                })
                .weak(),
            );
            ui.add_space(12.0);
            ui.heading("Credits by item and plan (expected)");
            chart(ui, &c, &items, &names);
        });
    if let Some(i) = remove {
        intents.push(Intent::RemoveCompared(i));
    }
    intents
}

fn row(ui: &mut egui::Ui, label: &str, cells: impl Iterator<Item = String>) {
    ui.label(label);
    for c in cells {
        ui.label(c);
    }
    ui.end_row();
}

/// Each plan's name as its column and its legend entry say it: numbered when two plans
/// have the same name, so the legend reads in the columns' order with the same words.
fn headings(c: &plan::Comparison) -> Vec<String> {
    c.plans
        .iter()
        .enumerate()
        .map(|(j, p)| {
            if c.plans.iter().filter(|q| q.name == p.name).count() > 1 {
                format!("{} ({})", p.name, j + 1)
            } else {
                p.name.clone()
            }
        })
        .collect()
}

fn chart(ui: &mut egui::Ui, c: &plan::Comparison, items: &[Item], names: &[String]) {
    let n = c.plans.len().max(1) as f64;
    let width = 0.8 / n;
    let charts: Vec<BarChart> = c
        .plans
        .iter()
        .enumerate()
        .zip(names)
        .map(|((j, p), name)| {
            let color = COLORS[j % COLORS.len()];
            let bars = items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let x = i as f64 - 0.4 + width * (j as f64 + 0.5);
                    Bar::new(x, p.breakdown.get(*item).expected)
                        .width(width * 0.95)
                        .name(format!("{name}: {}", item.label()))
                        .fill(color)
                })
                .collect();
            BarChart::new(name.clone(), bars).color(color)
        })
        .collect();
    let names: Vec<String> = items.iter().map(|i| i.label().to_string()).collect();
    super::static_bar_plot("compare-chart", 260.0, names)
        .legend(Legend::default().follow_insertion_order(true))
        .show(ui, |plot| {
            for ch in charts {
                plot.bar_chart(ch);
            }
        });
}
