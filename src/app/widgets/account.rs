//! The Account section of the settings panel: draws an [`AccountView`] and says what was
//! pressed. Only the key field is edited in place (its text never leaves memory).

use eframe::egui::{self, RichText};

use crate::app::account::{AccountIntent, AccountView};

fn hint(ui: &mut egui::Ui, text: &str) {
    ui.label(RichText::new(text).weak().size(12.0));
}

/// Draw the section; what the user pressed, in order.
pub(crate) fn show(
    ui: &mut egui::Ui,
    v: &AccountView,
    key_text: &mut String,
) -> Vec<AccountIntent> {
    let mut asked = Vec::new();
    match &v.summary {
        Some(s) => {
            ui.label(RichText::new(s).strong());
        }
        None => hint(
            ui,
            "Not connected: nothing is sent until you connect. The window never reads the account on its own.",
        ),
    }
    for d in &v.details {
        hint(ui, d);
    }
    if let Some(s) = &v.stale {
        hint(ui, s);
    }
    if let Some(e) = &v.error {
        ui.label(RichText::new(e).color(ui.visuals().error_fg_color));
    }
    if let Some(n) = &v.notice {
        hint(ui, n);
    }
    if v.form_open {
        key_form(ui, v, key_text, &mut asked);
    }
    ui.horizontal_wrapped(|ui| {
        if !v.form_open
            && ui
                .add_enabled(!v.busy, egui::Button::new("Connect…"))
                .on_hover_text("Type the Lusha API key (not shown), or use the one in force")
                .clicked()
        {
            asked.push(AccountIntent::OpenForm);
        }
        if v.can_refresh
            && ui
                .button("Refresh")
                .on_hover_text("Read the account again (one request to the vendor)")
                .clicked()
        {
            asked.push(AccountIntent::Connect);
        }
        if v.busy {
            super::busy(ui);
        }
    });
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(v.can_use, egui::Button::new("Use as budget"))
            .on_hover_text("The credits left become the budget the estimate is checked against")
            .on_disabled_hover_text("Connect first")
            .clicked()
        {
            asked.push(AccountIntent::UseBudget);
        }
        let renewal = v.can_use && v.no_renewal.is_none();
        if ui
            .add_enabled(renewal, egui::Button::new("Use the renewal date"))
            .on_hover_text(
                "The plan's end date becomes the renewal date, its renewal type the cycle",
            )
            .on_disabled_hover_text(v.no_renewal.as_deref().unwrap_or("Connect first"))
            .clicked()
        {
            asked.push(AccountIntent::UseRenewal);
        }
    });
    if v.summary.is_some() {
        ui.add_space(4.0);
        if v.prices.is_empty() {
            hint(
                ui,
                &format!("The account's prices are the price book's ({}).", v.book),
            );
        } else {
            ui.label(format!(
                "Prices that differ from the price book {}:",
                v.book
            ));
            for p in &v.prices {
                ui.label(format!("• {p}"));
            }
        }
        for n in &v.tier_notes {
            hint(ui, n);
        }
    }
    asked
}

/// The masked key field and what can be done with it.
fn key_form(
    ui: &mut egui::Ui,
    v: &AccountView,
    key_text: &mut String,
    asked: &mut Vec<AccountIntent>,
) {
    let l = ui.label("Lusha API key");
    let r = ui.add(
        egui::TextEdit::singleline(key_text)
            .password(true)
            .desired_width(220.0)
            .hint_text("paste the key"),
    );
    let r = r.labelled_by(l.id);
    let entered = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    hint(
        ui,
        if v.env_key {
            "LUSHA_API_KEY is set: Connect uses it when no key is typed here."
        } else {
            "Leave it empty to use the key stored in the OS credential store."
        },
    );
    hint(
        ui,
        "A key typed here stays in memory; it is stored only in the OS credential store, and only when you ask.",
    );
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(!v.busy, egui::Button::new("Connect"))
            .on_hover_text("Read the account: one request to the vendor, with the key only")
            .clicked()
            || (entered && !v.busy)
        {
            asked.push(AccountIntent::Connect);
        }
        if ui
            .add_enabled(!v.busy, egui::Button::new("Store in the credential store"))
            .on_hover_text("Keep the key typed in the OS credential store (Secret Service, Keychain, Credential Manager) for next time")
            .clicked()
        {
            asked.push(AccountIntent::StoreKey);
        }
        if ui
            .add_enabled(!v.busy, egui::Button::new("Remove the stored key"))
            .on_hover_text("Delete the key from the OS credential store")
            .clicked()
        {
            asked.push(AccountIntent::ForgetKey);
        }
        if ui.button("Cancel").clicked() {
            asked.push(AccountIntent::CloseForm);
        }
    });
}
