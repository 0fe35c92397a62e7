//! The Estimate tab: the total in large type, budget badge, breakdown, chart, funnel, warnings.

use crate::app::intents::Intent;
use eframe::egui::{self, Color32, RichText};
use egui_plot::{Bar, BarChart};

use super::format::int;
use super::tiers::TiersEdit;
use crate::app::SavedView;
use crate::app::state::BudgetInput;
use crate::engine::Outcome;
use crate::pricebook::PriceBook;
use crate::pricing::{BudgetStatus, Channel, Credits, Settings, shown};
use crate::reconcile::Reconciliation;
use crate::segments::Group;

/// What the Estimate view draws, and the tiers table it edits in place.
pub struct EstimateView<'a> {
    /// A list or plan is being read or analysed.
    pub loading: bool,
    pub outcome: Option<&'a Outcome>,
    /// A plan shown read-only (its list missing or changed), with its warnings.
    pub saved_view: Option<&'a SavedView>,
    pub plan_warnings: &'a [String],
    /// A question is on screen (no "Re-run" under it).
    pub prompt_open: bool,
    pub settings: &'a Settings,
    pub book: &'a PriceBook,
    pub budget: &'a BudgetInput,
    /// The priority column being put in order for the fit to budget.
    pub fit_pending: Option<&'a str>,
    /// The list's columns ("Split by"), when a list is open.
    pub headers: Option<&'a [String]>,
    pub split_by: Option<&'a str>,
    pub split_groups: Option<&'a [Group]>,
    /// The groups are being computed.
    pub splitting: bool,
    pub reconciliation: Option<&'a Reconciliation>,
    pub tiers: TiersEdit<'a>,
}

/// The width from which the breakdown and the funnel sit side by side.
const WIDE: f32 = 1240.0;

/// Draw the view; what the user asked for, for `logic`.
pub fn show(ui: &mut egui::Ui, mut v: EstimateView<'_>) -> Vec<Intent> {
    let mut intents = Vec::new();
    if v.outcome.is_none()
        && !v.loading
        && let Some(saved) = v.saved_view
    {
        saved_result(&mut v, ui, saved, &mut intents);
        return intents;
    }
    let Some(outcome) = v.outcome else {
        ui.add_space(40.0);
        ui.vertical_centered(|ui| {
            if v.loading {
                super::busy(ui);
                ui.label("Reading and analysing the list...");
            } else {
                ui.heading("Open a contact list to see what enriching it costs.");
                ui.label("File > Open contact list..., or drop a CSV file on the window.");
            }
        });
        return intents;
    };
    let e = &outcome.estimate;
    let money = v.budget;
    let needed = e.total.expected;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let subtitle = format!(
                "{}: {} billable contacts of {} rows, price book {}",
                v.settings.channel.label(),
                int(e.counts.billable as i64),
                int(e.counts.rows as i64),
                v.book.id
            );
            if headline(ui, outcome, money, &subtitle) {
                intents.push(Intent::Run(crate::app::Command::ExportTrimmed));
            }
            // Warnings are said near the number they qualify, with a way to them.
            let mut jump = false;
            if !e.warnings.is_empty() {
                let r = ui
                    .link(
                        RichText::new(format!(
                            "⚠ {} about this estimate: read them",
                            crate::text::count(e.warnings.len() as u64, "warning", "warnings")
                        ))
                        .color(ui.visuals().warn_fg_color),
                    )
                    .on_hover_text("Scroll to the warnings below");
                super::name(ui, &r, "Go to the warnings");
                jump = r.clicked();
            }
            if let Some(col) = v.fit_pending {
                ui.horizontal(|ui| {
                    super::busy(ui);
                    ui.label(
                        RichText::new(format!(
                            "putting the contacts in {col} order for the fit to budget…"
                        ))
                        .weak(),
                    );
                });
            }
            if v.settings.channel == Channel::Platform {
                ui.label(
                    RichText::new(
                        "Platform & Extension charges email and phone together: Reveal shows every data point at once.",
                    )
                    .italics(),
                );
            }
            ui.add_space(12.0);
            // Side by side when both fit, one under the other when not (never overlapping).
            if ui.available_width() >= WIDE {
                ui.columns(2, |cols| {
                    cols[0].heading("Breakdown");
                    breakdown(&mut cols[0], "list", e, &v.book.prices);
                    cols[1].heading("From rows to billable contacts");
                    funnel(&mut cols[1], "list", &e.counts);
                    matched_line(&mut cols[1], v.settings, e.counts.billable);
                });
            } else {
                ui.heading("Breakdown");
                breakdown(ui, "list", e, &v.book.prices);
                ui.add_space(12.0);
                ui.heading("From rows to billable contacts");
                funnel(ui, "list", &e.counts);
                matched_line(ui, v.settings, e.counts.billable);
            }
            ui.add_space(12.0);
            ui.heading("Credits by item (expected)");
            chart(ui, "list", e);
            ui.add_space(12.0);
            split_by(&v, ui, &mut intents);
            ui.add_space(12.0);
            plan_vs_actual(v.reconciliation, ui, &mut intents);
            if !e.warnings.is_empty() {
                ui.add_space(12.0);
                let h = ui.heading("Warnings");
                if jump {
                    h.scroll_to_me(Some(egui::Align::TOP));
                }
                for w in &e.warnings {
                    ui.label(RichText::new(format!("Warning: {w}")).color(ui.visuals().warn_fg_color));
                }
            }
            ui.add_space(12.0);
            ui.heading("Subscription");
            super::tiers::summary(ui, v.tiers.tiers, v.settings.channel, needed);
            tiers_section(&mut v.tiers, ui);
        });
    intents
}

/// The estimate per value of a column (managers.md): a picker, a table largest first and
/// a bar chart of the largest groups. The groups add up to the total.
fn split_by(v: &EstimateView<'_>, ui: &mut egui::Ui, intents: &mut Vec<Intent>) {
    let Some(headers) = v.headers else { return };
    ui.heading("Split by");
    let current = v.split_by.map(str::to_string);
    let pick = ui
        .horizontal(|ui| {
            let r = egui::ComboBox::from_id_salt("split by")
                .selected_text(current.clone().unwrap_or_else(|| "(no split)".into()))
                .show_ui(ui, |ui| {
                    let mut pick = None;
                    if ui
                        .selectable_label(current.is_none(), "(no split)")
                        .clicked()
                    {
                        pick = Some(None);
                    }
                    for h in headers {
                        if ui
                            .selectable_label(current.as_ref() == Some(h), h)
                            .clicked()
                        {
                            pick = Some(Some(h.clone()));
                        }
                    }
                    pick
                });
            super::name(ui, &r.response, "Split by column");
            ui.label(
                RichText::new("the estimate per value of a column (owner, country, campaign …)")
                    .weak(),
            );
            r.inner.flatten()
        })
        .inner;
    if let Some(p) = pick {
        intents.push(Intent::SplitBy(p));
    }
    if v.splitting {
        ui.horizontal(|ui| {
            super::busy(ui);
            ui.label(RichText::new("grouping the rows…").weak());
        });
    }
    let Some(groups) = v.split_groups else {
        return;
    };
    const SHOWN: usize = 25;
    egui::Grid::new("split groups")
        .striped(true)
        .num_columns(4)
        .show(ui, |ui| {
            for t in ["Value", "Rows", "Billable", "Expected credits"] {
                ui.label(RichText::new(t).strong());
            }
            ui.end_row();
            for g in groups.iter().take(SHOWN) {
                let v = if g.value.is_empty() {
                    "(empty)"
                } else {
                    g.value.as_str()
                };
                ui.add(egui::Label::new(v).truncate());
                ui.label(int(g.rows as i64));
                ui.label(int(g.billable_contacts as i64));
                ui.label(crate::text::money(g.credits.expected));
                ui.end_row();
            }
        });
    if groups.len() > SHOWN {
        ui.label(
            RichText::new(format!(
                "… and {} more values (the report and --group-by list them all)",
                groups.len() - SHOWN
            ))
            .weak(),
        );
    }
    let top: Vec<&crate::segments::Group> = groups.iter().take(10).collect();
    let names: Vec<String> = top
        .iter()
        .map(|g| {
            if g.value.is_empty() {
                "(empty)".to_string()
            } else {
                g.value.clone()
            }
        })
        .collect();
    let bars: Vec<Bar> = top
        .iter()
        .enumerate()
        .map(|(i, g)| {
            Bar::new(i as f64, g.credits.expected)
                .name(&names[i])
                .width(0.6)
                .fill(Color32::from_rgb(52, 168, 83).gamma_multiply(0.8))
        })
        .collect();
    super::static_bar_plot("split chart", 180.0, names).show(ui, |plot| {
        plot.bar_chart(BarChart::new("credits by value", bars))
    });
}

/// "Plan vs actual" (managers.md): the estimate beside the vendor's Usage Report.
fn plan_vs_actual(
    reconciliation: Option<&Reconciliation>,
    ui: &mut egui::Ui,
    intents: &mut Vec<Intent>,
) {
    ui.heading("Plan vs actual");
    ui.horizontal_wrapped(|ui| {
        let b = ui
            .button("Compare with a Usage Report…")
            .on_hover_text("The vendor's Usage Report CSV (Analytics > Usage report): what was really spent this billing cycle");
        super::name(ui, &b, "Compare with a Usage Report");
        if b.clicked() {
            intents.push(Intent::AskFile(crate::app::dialogs::FileFor::UsageReport));
        }
    });
    let Some(r) = reconciliation else {
        return;
    };
    let period = if r.months.is_empty() {
        "no month of the report in this billing cycle".to_string()
    } else {
        r.months.join(", ")
    };
    ui.label(RichText::new(format!("Months: {period}")).weak());
    egui::Grid::new("plan vs actual")
        .striped(true)
        .num_columns(6)
        .show(ui, |ui| {
            for t in ["Item", "Actual", "Low", "Expected", "High", ""] {
                ui.label(RichText::new(t).strong());
            }
            ui.end_row();
            for i in &r.items {
                ui.label(i.item);
                ui.label(crate::text::money(i.actual));
                ui.label(crate::text::money(i.planned.low));
                ui.label(crate::text::money(i.planned.expected));
                ui.label(crate::text::money(i.planned.high));
                let text = format!("{} ({:+.0})", i.verdict, i.difference);
                ui.label(if i.verdict == "within" {
                    RichText::new(text)
                } else {
                    RichText::new(text).color(ui.visuals().warn_fg_color)
                });
                ui.end_row();
            }
        });
    egui::CollapsingHeader::new(format!("By user ({})", r.users.len()))
        .id_salt("usage users")
        .show(ui, |ui| {
            for u in &r.users {
                ui.label(format!(
                    "{}: {} credits",
                    u.user,
                    crate::text::money(u.credits)
                ));
            }
        });
    for w in &r.warnings {
        ui.label(RichText::new(format!("Warning: {w}")).color(ui.visuals().warn_fg_color));
    }
}

fn tiers_section(tiers: &mut TiersEdit<'_>, ui: &mut egui::Ui) {
    egui::CollapsingHeader::new("Subscription tiers")
        .id_salt("tiers")
        .default_open(false)
        .show(ui, |ui| super::tiers::table(tiers, ui));
}

/// A plan whose list is missing (or changed and not re-run): its saved result, read-only.
fn saved_result(
    view: &mut EstimateView<'_>,
    ui: &mut egui::Ui,
    v: &SavedView,
    intents: &mut Vec<Intent>,
) {
    let mut locate = false;
    let mut rerun = None;
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.heading(format!("{}: saved result (read-only)", v.plan.name));
            match &v.missing {
                Some(p) => {
                    ui.label(
                        RichText::new(format!(
                            "The plan's contact list {} is missing: it was moved or deleted.",
                            p.display()
                        ))
                        .color(ui.visuals().warn_fg_color),
                    );
                }
                None => {
                    if let Some(s) = &v.plan.source {
                        ui.label(
                            RichText::new(format!(
                                "The contact list {} changed since the plan was saved.",
                                s.file.path.display()
                            ))
                            .color(ui.visuals().warn_fg_color),
                        );
                        if !view.prompt_open {
                            rerun = Some(s.file.path.clone());
                        }
                    }
                }
            }
            ui.horizontal(|ui| {
                locate = ui
                    .button("Locate the list...")
                    .on_hover_text("Choose where the plan's contact list is now; the plan's mapping and settings are kept")
                    .clicked();
                if let Some(p) = rerun.take()
                    && ui
                        .button("Re-run on the changed file")
                        .on_hover_text("Read the list as it is now, with the plan's mapping and settings")
                        .clicked()
                {
                    rerun = Some(p);
                }
            });
            for w in view.plan_warnings {
                ui.label(RichText::new(format!("Warning: {w}")).color(ui.visuals().warn_fg_color));
            }
            let Some(r) = &v.plan.result else {
                ui.label("The plan has no saved result.");
                return;
            };
            ui.add_space(8.0);
            total_lines(ui, &r.credits);
            ui.label(
                RichText::new(format!(
                    "{}: {} billable contacts of {} rows, price book {}, computed {}",
                    v.plan.settings.channel.label(),
                    int(r.billable_contacts as i64),
                    int(r.rows as i64),
                    v.plan.pricebook.id,
                    r.computed.format("%Y-%m-%d %H:%M UTC")
                ))
                .weak(),
            );
            if let Some(st) = r.budget_status {
                ui.label(format!("Budget: {}", st.label()));
            }
            ui.add_space(12.0);
            ui.heading("Breakdown");
            egui::Grid::new("saved-breakdown")
                .striped(true)
                .num_columns(4)
                .spacing([12.0, 4.0])
                .show(ui, |ui| {
                    for h in ["Item", "Low", "Expected", "High"] {
                        ui.label(RichText::new(h).strong());
                    }
                    ui.end_row();
                    let items: Vec<_> = crate::pricing::Item::ALL
                        .into_iter()
                        .map(|i| (i, r.breakdown.get(i)))
                        .filter(|(_, c)| !c.is_zero())
                        .collect();
                    let credits: Vec<_> = items.iter().map(|(_, c)| *c).collect();
                    let (rounded, _) = crate::pricing::shown_items(&credits, &r.credits);
                    for ((item, _), (x, l, h)) in items.into_iter().zip(rounded) {
                        ui.label(item.label());
                        ui.label(int(l));
                        ui.label(int(x));
                        ui.label(int(h));
                        ui.end_row();
                    }
                });
            ui.add_space(12.0);
            ui.heading("Subscription");
            super::tiers::summary(
                ui,
                view.tiers.tiers,
                v.plan.settings.channel,
                r.credits.expected,
            );
        });
    if locate {
        intents.push(Intent::LocateList(None));
    } else if let Some(p) = rerun {
        intents.push(Intent::LocateList(Some(p)));
    }
}

/// The total in large type, its range, money, a line of context and the budget badge:
/// the same on the Estimate and Workspace views.
pub(crate) fn headline(
    ui: &mut egui::Ui,
    outcome: &crate::engine::Outcome,
    money: &crate::app::state::BudgetInput,
    subtitle: &str,
) -> bool {
    let total = &outcome.estimate.total;
    let mut export = false;
    let numbers = |ui: &mut egui::Ui| {
        ui.vertical(|ui| {
            total_lines(ui, total);
            if let Some(m) = money.money(total.expected) {
                ui.label(
                    RichText::new(format!(
                        "about {m} (range {} to {})",
                        money.money(total.low).unwrap_or_default(),
                        money.money(total.high).unwrap_or_default()
                    ))
                    .size(16.0),
                );
            }
            ui.label(RichText::new(subtitle).weak());
        });
    };
    let mut badge = |ui: &mut egui::Ui| {
        if let Some(b) = &outcome.budget {
            let fit = b.fit.as_ref().map(|f| (f.kept, f.billable));
            export |= budget_badge(ui, b.status, b.remaining, total, fit);
        }
    };
    // The budget beside the number when there is room for both, under it when not (a
    // narrow window never squeezes it into a tower or cuts it off).
    if ui.available_width() >= 1000.0 {
        ui.horizontal_top(|ui| {
            numbers(ui);
            ui.add_space(24.0);
            badge(ui);
        });
    } else {
        numbers(ui);
        ui.add_space(8.0);
        badge(ui);
    }
    export
}

/// "N credits expected" in large type and its low-to-high range.
fn total_lines(ui: &mut egui::Ui, total: &Credits) {
    let (exp, low, high) = shown(total);
    ui.label(
        RichText::new(format!("{} credits expected", int(exp)))
            .size(40.0)
            .strong(),
    );
    ui.label(
        RichText::new(format!(
            "range {} to {} credits (low to high assumptions)",
            int(low),
            int(high)
        ))
        .size(18.0),
    );
}

pub(crate) fn budget_badge(
    ui: &mut egui::Ui,
    status: BudgetStatus,
    remaining: f64,
    total: &Credits,
    fit: Option<(u64, u64)>,
) -> bool {
    let color = match status {
        BudgetStatus::Fits => Color32::from_rgb(46, 160, 67),
        BudgetStatus::AtRisk => Color32::from_rgb(210, 153, 34),
        BudgetStatus::Over => Color32::from_rgb(218, 54, 51),
    };
    egui::Frame::new()
        .fill(color)
        .corner_radius(8.0)
        .inner_margin(12.0)
        .show(ui, |ui| {
            // A box of readable width beside the headline, never a narrow tower; its lines
            // one under the other whatever the layout around it.
            ui.set_min_width(260.0);
            ui.set_max_width(360.0);
            ui.vertical(|ui| budget_lines(ui, status, remaining, total, fit))
                .inner
        })
        .inner
}

fn budget_lines(
    ui: &mut egui::Ui,
    status: BudgetStatus,
    remaining: f64,
    total: &Credits,
    fit: Option<(u64, u64)>,
) -> bool {
    ui.label(
        RichText::new(status.label())
            .size(22.0)
            .strong()
            .color(Color32::WHITE),
    );
    let (_, _, high) = shown(total);
    ui.label(
        RichText::new(format!(
            "{} credits left; high estimate {}",
            int(remaining.round() as i64),
            int(high)
        ))
        .color(Color32::WHITE),
    );
    if let Some((kept, billable)) = fit.filter(|_| status != BudgetStatus::Fits) {
        ui.label(
            RichText::new(format!(
                "The first {} of {} billable contacts fit, counted at the high estimate.",
                int(kept as i64),
                int(billable as i64)
            ))
            .color(Color32::WHITE),
        );
        // The way to them, beside the number (also File > Export trimmed list).
        return ui
            .button("Export the ones that fit…")
            .on_hover_text("Write the list trimmed to the contacts that fit, ready to upload")
            .clicked();
    }
    false
}

pub(crate) fn breakdown(
    ui: &mut egui::Ui,
    id: &str,
    e: &crate::pricing::Estimate,
    prices: &crate::pricebook::Prices,
) {
    egui::Grid::new(("breakdown", id))
        .striped(true)
        .num_columns(5)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for h in ["Item", "Rule", "Low", "Expected", "High"] {
                ui.label(RichText::new(h).strong());
            }
            ui.end_row();
            // Whole credits that add up to the total in every column.
            let items: Vec<_> = e.items.iter().filter(|(_, c)| !c.is_zero()).collect();
            let credits: Vec<_> = items.iter().map(|(_, c)| *c).collect();
            let (rounded, _) = crate::pricing::shown_items(&credits, &e.total);
            for ((item, _), (x, l, h)) in items.into_iter().zip(rounded) {
                ui.label(item.label());
                ui.label(RichText::new(item.rule(prices)).weak());
                ui.label(int(l));
                ui.label(int(x));
                ui.label(int(h));
                ui.end_row();
            }
            let (x, l, h) = shown(&e.total);
            ui.label(RichText::new("Total").strong());
            ui.label("");
            ui.label(RichText::new(int(l)).strong());
            ui.label(RichText::new(int(x)).strong());
            ui.label(RichText::new(int(h)).strong());
            ui.end_row();
        });
}

/// What gets charged: the billable contacts the vendor is expected to match.
fn matched_line(ui: &mut egui::Ui, s: &crate::pricing::Settings, billable: u64) {
    let m = if s.channel == Channel::Recommendations {
        crate::pricebook::RateRange::exact(1.0)
    } else {
        s.assumptions.match_rate
    };
    let n = |r: f64| int((billable as f64 * r).round() as i64);
    ui.label(format!(
        "Expected matched (charged): {} of {} billable contacts ({}–{} at the low and high match rates)",
        n(m.expected),
        int(billable as i64),
        n(m.low),
        n(m.high)
    ));
}

pub(crate) fn funnel(ui: &mut egui::Ui, id: &str, c: &crate::pricing::StatusCounts) {
    let all = c.rows.max(1) as f32;
    let mut left = c.rows;
    let stages = [
        ("All rows", 0, "rows in the file"),
        (
            "Unmatchable",
            c.unmatchable,
            "no email, LinkedIn or name + company: free",
        ),
        (
            "Duplicates",
            c.duplicate,
            "same contact as an earlier row: free",
        ),
        (
            "Already revealed",
            c.already_revealed,
            "revealed this cycle: free",
        ),
        (
            "Nothing needed",
            c.nothing_needed,
            "the file already has what you asked for",
        ),
    ];
    egui::Grid::new(("funnel", id))
        .num_columns(3)
        .spacing([8.0, 4.0])
        .show(ui, |ui| {
            for (label, minus, why) in stages {
                left -= minus;
                ui.label(label).on_hover_text(why);
                ui.label(if minus > 0 || label == "All rows" {
                    if label == "All rows" {
                        int(c.rows as i64)
                    } else {
                        format!("- {}", int(minus as i64))
                    }
                } else {
                    "0".into()
                });
                ui.add(
                    egui::ProgressBar::new(left as f32 / all)
                        .desired_width(180.0)
                        .text(format!("{} left", int(left as i64))),
                );
                ui.end_row();
            }
            ui.label(RichText::new("Billable").strong());
            ui.label(RichText::new(int(c.billable as i64)).strong());
            ui.add(
                egui::ProgressBar::new(c.billable as f32 / all)
                    .desired_width(180.0)
                    .fill(Color32::from_rgb(46, 160, 67))
                    .text(
                        RichText::new(format!("{:.0}% of rows", 100.0 * c.billable as f32 / all))
                            .color(Color32::WHITE),
                    ),
            );
            ui.end_row();
        });
}

pub(crate) fn chart(ui: &mut egui::Ui, id: &str, e: &crate::pricing::Estimate) {
    let items: Vec<_> = e.items.iter().filter(|(_, c)| !c.is_zero()).collect();
    let bars: Vec<Bar> = items
        .iter()
        .enumerate()
        .map(|(i, (item, c))| {
            Bar::new(i as f64, c.expected)
                .name(item.label())
                .width(0.6)
                .fill(Color32::from_rgb(66, 133, 244).gamma_multiply(0.8))
        })
        .collect();
    let names: Vec<String> = items.iter().map(|(i, _)| i.label().to_string()).collect();
    let chart = BarChart::new("expected credits", bars).color(Color32::from_rgb(66, 133, 244));
    super::static_bar_plot(("items", id), 200.0, names).show(ui, |plot| plot.bar_chart(chart));
}
