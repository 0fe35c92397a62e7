//! The left panel, top to bottom: source, column roles, channel, what to reveal,
//! assumptions, price book, billing cycle, budget.

use eframe::egui::{self, RichText};

use super::name;
use crate::analysis::Analysis;
use crate::app::account::{AccountIntent, AccountView};
use crate::app::intents::Intent;
use crate::app::state::BudgetInput;
use crate::app::{Command, PricingState, Sources, Tab};
use crate::cycle::{Cycle, CycleLength};
use crate::input::reader::{ReadOptions, delimiter_name};
use crate::input::roles::Role;
use crate::pricebook::{PriceBook, RateRange};
use crate::pricing::Channel;

/// What the user changed this frame.
#[derive(Default)]
struct Changes {
    reprice: bool,
    remember_mapping: Option<bool>,
    mapping: Option<(Role, Vec<String>)>,
    reload: Option<ReadOptions>,
    reload_log: Option<ReadOptions>,
    cycle: Option<Cycle>,
    book: Option<PriceBook>,
    command: Option<Command>,
    clear_log: bool,
    reset_assumptions: bool,
    reset_settings: bool,
    ask: Option<crate::app::dialogs::FileFor>,
    priority: Option<Option<String>>,
    account: Vec<AccountIntent>,
}

/// What the panel draws from, and the values it edits in place (the rest it asks for as
/// intents).
pub struct Panel<'a> {
    pub tab: Tab,
    pub sources: &'a Sources,
    pub analysis: Option<&'a Analysis>,
    pub pricing: &'a mut PricingState,
    pub budget: &'a mut BudgetInput,
    /// The Account section's state as drawn, and the key being typed.
    pub account: (AccountView, &'a mut String),
}

/// Draw the panel; what the user asked for, in the order `logic` applies it.
pub fn show(ui: &mut egui::Ui, p: Panel<'_>) -> Vec<Intent> {
    let Panel {
        tab,
        sources,
        analysis,
        pricing,
        budget: money,
        mut account,
    } = p;
    let mut ch = Changes::default();
    ui.add_space(4.0);
    if tab == Tab::Workspace {
        // Each Workspace table has its own source, reveals, rates and actions (edited in
        // the view); what is account-wide stays here.
        hint(
            ui,
            "Workspace plan: each table has its own rows, reveals, rates and actions, edited in the Workspace view. The price book, billing cycle, reveal log and budget apply to all of them.",
        );
        section(ui, "Price book", |ui| price_book(pricing, ui, &mut ch));
        section(ui, "Billing cycle", |ui| {
            cycle(pricing, sources, analysis, ui, &mut ch)
        });
        section(ui, "Budget", |ui| budget(money, sources, None, ui, &mut ch));
        section(ui, "Account", |ui| {
            account_section(&mut account, ui, &mut ch)
        });
        return intents(ch);
    }
    section(ui, "Source", |ui| source(sources, ui, &mut ch));
    section(ui, "Column roles", |ui| {
        roles(sources, analysis, ui, &mut ch)
    });
    section(ui, "Channel", |ui| channel(pricing, ui, &mut ch));
    if pricing.settings.channel == Channel::Workspace {
        section(ui, "What to add", |ui| {
            what_to_add(pricing, sources, ui, &mut ch)
        });
    } else {
        section(ui, "What to reveal", |ui| reveal(pricing, ui, &mut ch));
    }
    section(ui, "Assumptions", |ui| assumptions(pricing, ui, &mut ch));
    section(ui, "Price book", |ui| price_book(pricing, ui, &mut ch));
    section(ui, "Billing cycle", |ui| {
        cycle(pricing, sources, analysis, ui, &mut ch)
    });
    let priority = pricing.settings.priority.clone();
    section(ui, "Budget", |ui| {
        budget(money, sources, Some(&priority), ui, &mut ch)
    });
    section(ui, "Account", |ui| {
        account_section(&mut account, ui, &mut ch)
    });
    ui.add_space(8.0);
    if ui
        .button("Reset all settings")
        .on_hover_text("Channel, reveal choices and assumptions back to the price book's defaults")
        .clicked()
    {
        ch.reset_settings = true;
    }
    intents(ch)
}

/// The frame's changes, as intents for `logic` (in the order they were always applied).
fn intents(ch: Changes) -> Vec<Intent> {
    let account = ch.account.into_iter().map(Intent::Account);
    [
        ch.priority.map(Intent::Priority),
        ch.ask.map(Intent::AskFile),
        ch.command.map(Intent::Run),
        ch.reload.map(Intent::ReloadList),
        ch.reload_log.map(Intent::ReloadLog),
        ch.mapping.map(|(role, cols)| Intent::SetRole(role, cols)),
        ch.remember_mapping.map(Intent::RememberMapping),
        ch.cycle.map(Intent::SetCycle),
        ch.clear_log.then_some(Intent::ClearLog),
        ch.book.map(|b| Intent::SetBook(Box::new(b))),
        ch.reset_assumptions.then_some(Intent::ResetAssumptions),
        ch.reset_settings.then_some(Intent::ResetSettings),
        ch.reprice.then_some(Intent::Reprice),
    ]
    .into_iter()
    .flatten()
    .chain(account)
    .collect()
}

fn account_section(account: &mut (AccountView, &mut String), ui: &mut egui::Ui, ch: &mut Changes) {
    let (view, key_text) = account;
    ch.account = super::account::show(ui, view, key_text);
}

fn section(ui: &mut egui::Ui, title: &str, body: impl FnOnce(&mut egui::Ui)) {
    egui::CollapsingHeader::new(RichText::new(title).strong().size(15.0))
        .id_salt(title)
        .default_open(true)
        .show(ui, body);
}

fn hint(ui: &mut egui::Ui, text: &str) {
    ui.label(RichText::new(text).weak().size(12.0));
}

fn source(sources: &Sources, ui: &mut egui::Ui, ch: &mut Changes) {
    match &sources.list {
        Some(l) => {
            let t = &l.table;
            let file = t
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let sample = crate::app::sample_location(crate::app::Sample::List) == t.path;
            let shown = if sample {
                format!("{file} (the bundled sample: 2,000 invented contacts)")
            } else {
                file
            };
            ui.label(RichText::new(shown).strong())
                .on_hover_text(t.path.display().to_string());
            ui.label(format!(
                "{}, {}, {}, {}",
                match t.rows() {
                    1 => "1 row".to_string(),
                    n => format!("{} rows", super::format::int(n as i64)),
                },
                crate::text::count(t.headers.len() as u64, "column", "columns"),
                t.encoding,
                crate::text::bytes(t.bytes)
            ));
            // A workbook: every worksheet with its rows, the one read first.
            if t.sheets.len() > 1 {
                let current = t.sheet.clone().unwrap_or_default();
                let label = |(n, rows): &(String, usize)| {
                    format!("{n} ({})", crate::text::count(*rows as u64, "row", "rows"))
                };
                let shown = t
                    .sheets
                    .iter()
                    .find(|(n, _)| *n == current)
                    .map(label)
                    .unwrap_or_else(|| current.clone());
                ui.horizontal(|ui| {
                    let r = egui::ComboBox::from_id_salt("sheet")
                        .selected_text(shown)
                        .show_ui(ui, |ui| {
                            let mut pick = None;
                            for s in &t.sheets {
                                if ui.selectable_label(s.0 == current, label(s)).clicked()
                                    && s.0 != current
                                {
                                    pick = Some(s.0.clone());
                                }
                            }
                            pick
                        });
                    name(ui, &r.response, "Sheet");
                    ui.label("Sheet");
                    if let Some(Some(sheet)) = r.inner {
                        ch.reload = Some(ReadOptions {
                            sheet: Some(sheet),
                            ..l.read.clone()
                        });
                    }
                });
            }
            let current = l.read.delimiter;
            let options: [(Option<u8>, &str); 6] = [
                (None, "detect"),
                (Some(b','), "comma"),
                (Some(b';'), "semicolon"),
                (Some(b'\t'), "tab"),
                (Some(b'|'), "pipe |"),
                (Some(b':'), "colon :"),
            ];
            let shown = match current {
                None => format!("detected: {}", delimiter_word(t.delimiter)),
                Some(d) => delimiter_word(d),
            };
            egui::ComboBox::from_label("Delimiter")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    for (d, label) in options {
                        if ui.selectable_label(current == d, label).clicked() && current != d {
                            ch.reload = Some(ReadOptions {
                                delimiter: d,
                                ..l.read.clone()
                            });
                        }
                    }
                })
                .response
                .on_hover_text("Read the file again with another delimiter");
            let enc = l.read.encoding.clone();
            let shown = match &enc {
                None => format!("detected: {}", t.encoding),
                Some(e) => e.clone(),
            };
            egui::ComboBox::from_label("Encoding")
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    for label in ENCODINGS {
                        let value = (*label != "detect").then(|| label.to_string());
                        if ui.selectable_label(enc == value, *label).clicked() && enc != value {
                            ch.reload = Some(ReadOptions {
                                encoding: value,
                                ..l.read.clone()
                            });
                        }
                    }
                })
                .response
                .on_hover_text(
                    "Read the file again in another text encoding (when names look wrong)",
                );
        }
        None => {
            ui.label("No list open.");
        }
    }
    ui.horizontal(|ui| {
        for cmd in [Command::Open, Command::OpenSample] {
            if ui
                .button(cmd.label())
                .on_hover_text(cmd.tooltip())
                .clicked()
            {
                ch.command = Some(cmd);
            }
        }
    });
}

/// The encodings offered in the Source section (encoding_rs labels), most common first.
const ENCODINGS: &[&str] = &[
    "detect",
    "utf-8",
    "windows-1252",
    "iso-8859-1",
    "iso-8859-2",
    "windows-1250",
    "windows-1251",
    "utf-16le",
    "utf-16be",
    "shift_jis",
    "euc-jp",
    "gb18030",
    "big5",
    "euc-kr",
    "windows-1256",
    "windows-1255",
    "windows-874",
    "koi8-r",
];

/// A delimiter in words, for the source section.
fn delimiter_word(d: u8) -> String {
    match d {
        b',' => "comma".into(),
        b';' => "semicolon".into(),
        b'|' => "pipe |".into(),
        b':' => "colon :".into(),
        other => delimiter_name(other),
    }
}

const NONE_COLUMN: &str = "(none)";

/// Up to `n` different non-empty cells of a column among the first rows, shortened.
fn examples(t: &crate::input::reader::ContactTable, column: &str, n: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in 0..t.rows().min(50) {
        let v = t.cell(r, column);
        let v = v.trim();
        if v.is_empty() {
            continue;
        }
        let v = if v.chars().count() > 28 {
            format!("{}…", v.chars().take(27).collect::<String>())
        } else {
            v.to_string()
        };
        if !out.contains(&v) {
            out.push(v);
            if out.len() == n {
                break;
            }
        }
    }
    out
}

/// The first non-empty cell of a column among the first rows, shortened.
fn example(t: &crate::input::reader::ContactTable, column: &str) -> Option<String> {
    examples(t, column, 1).into_iter().next()
}

fn roles(sources: &Sources, analysis: Option<&Analysis>, ui: &mut egui::Ui, ch: &mut Changes) {
    let Some(l) = &sources.list else {
        hint(ui, "Open a list to map its columns.");
        return;
    };
    let headers = &l.table.headers;
    hint(
        ui,
        "Which column plays which part: each choice says why it was made and shows what its cells hold.",
    );
    // One column in two roles is almost always a mistake (a name column as company, say).
    let mut seen: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for role in Role::LIST {
        for c in sources.mapping.columns(role) {
            seen.entry(c.as_str()).or_default().push(role.label());
        }
    }
    for (col, roles) in seen.iter().filter(|(_, r)| r.len() > 1) {
        ui.label(
            RichText::new(format!("`{col}` plays two roles: {}", roles.join(" and ")))
                .color(ui.visuals().warn_fg_color),
        );
    }
    // Roles remembered for files with these columns, or an offer to remember a correction.
    if sources.mappings.is_some() {
        if sources.mapping_remembered {
            ui.horizontal_wrapped(|ui| {
                hint(ui, "Roles as you set them for files with these columns.");
                let f = ui
                    .small_button("Forget")
                    .on_hover_text("Detect the roles of files with these columns again");
                name(ui, &f, "Forget the remembered roles");
                if f.clicked() {
                    ch.remember_mapping = Some(false);
                }
            });
        } else if sources.mapping != l.detection.mapping {
            let r = ui.small_button("Use these roles for files with these columns").on_hover_text(
                "Remembered in your settings folder (column names only, no cell values); the next file with the same columns opens with them",
            );
            name(ui, &r, "Remember these roles");
            if r.clicked() {
                ch.remember_mapping = Some(true);
            }
        }
    }
    // One block per role, the choice under its name: the panel stays usable when narrow.
    let combo_w = (ui.available_width() - 30.0).clamp(120.0, 300.0);
    for role in Role::LIST {
        let cols = sources.mapping.columns(role).to_vec();
        ui.add_space(2.0);
        ui.label(RichText::new(role.label()).strong());
        ui.indent(("role", role.key()), |ui| {
            let many = role.takes_many();
            let slots = cols.len().max(1);
            for i in 0..slots {
                let current = cols.get(i).cloned();
                let choice = current.as_ref().and_then(|c| l.detection.choice(role, c));
                ui.horizontal(|ui| {
                    let mut text = current.clone().unwrap_or_else(|| NONE_COLUMN.into());
                    if let Some(c) = choice {
                        // How sure the detection is (header and cells together); the line
                        // under the role says why, with the share of cells that agree.
                        text = format!("{text}  (detected, {:.0}% sure)", c.confidence * 100.0);
                    }
                    let combo_name = if slots > 1 {
                        format!("{} column {}", role.label(), i + 1)
                    } else {
                        format!("{} column", role.label())
                    };
                    let r = egui::ComboBox::from_id_salt((role.key(), i))
                        .selected_text(text)
                        .width(combo_w)
                        .show_ui(ui, |ui| {
                            let mut pick = None;
                            if ui
                                .selectable_label(current.is_none(), NONE_COLUMN)
                                .clicked()
                            {
                                pick = Some(None);
                            }
                            for h in headers {
                                // A sample value beside each column, so the user
                                // sees what the cells hold, not only the header.
                                let shown = match example(&l.table, h) {
                                    Some(e) => format!("{h}   e.g. {e}"),
                                    None => format!("{h}   (empty)"),
                                };
                                if ui
                                    .selectable_label(current.as_ref() == Some(h), shown)
                                    .clicked()
                                {
                                    pick = Some(Some(h.clone()));
                                }
                            }
                            pick
                        });
                    name(ui, &r.response, &combo_name);
                    if let Some(Some(pick)) = r.inner {
                        let mut new = cols.clone();
                        match pick {
                            Some(h) if i < new.len() => new[i] = h,
                            Some(h) => new.push(h),
                            None if i < new.len() => {
                                new.remove(i);
                            }
                            None => {}
                        }
                        new.dedup();
                        if new != cols {
                            ch.mapping = Some((role, new));
                        }
                    }
                    if many && cols.len() > 1 {
                        let rm = ui
                            .small_button("x")
                            .on_hover_text(format!("Remove this {} column", role.label()));
                        name(ui, &rm, &format!("Remove {combo_name}"));
                        if rm.clicked() {
                            let mut new = cols.clone();
                            new.remove(i);
                            ch.mapping = Some((role, new));
                        }
                    }
                });
                // Why this column, and what its cells hold.
                if let Some(c) = &current {
                    let why = match choice {
                        Some(ch) => ch.why.clone(),
                        None => "chosen by you".to_string(),
                    };
                    let samples = examples(&l.table, c, 3);
                    let line = if samples.is_empty() {
                        format!("{why}; the sampled cells are empty")
                    } else {
                        format!("{why}; e.g. {}", samples.join(" · "))
                    };
                    let low = choice
                        .is_some_and(|ch| ch.confidence < crate::input::roles::LOW_CONFIDENCE);
                    let text = RichText::new(line).small();
                    ui.label(if low {
                        text.color(ui.visuals().warn_fg_color)
                    } else {
                        text.weak()
                    });
                }
            }
            if many && !cols.is_empty() && cols.len() < headers.len() {
                let add = ui.small_button("+ add column").on_hover_text(format!(
                    "Use one more column as {} (each gives its own identifier)",
                    role.label()
                ));
                name(ui, &add, &format!("Add {} column", role.label()));
                if add.clicked()
                    && let Some(h) = headers.iter().find(|h| !cols.contains(h))
                {
                    let mut new = cols.clone();
                    new.push(h.clone());
                    ch.mapping = Some((role, new));
                }
            }
            // A column named like this role but not used, with why (never dropped in
            // silence): the analysis's own warning, shown beside the role.
            if let Some(a) = analysis {
                for (_, _, w) in a.unused_columns.iter().filter(|u| u.0 == role) {
                    ui.label(
                        RichText::new(w)
                            .size(12.0)
                            .color(ui.visuals().warn_fg_color),
                    );
                }
            }
        });
    }
}

fn channel(pricing: &mut PricingState, ui: &mut egui::Ui, ch: &mut Changes) {
    for c in Channel::ALL {
        if ui
            .radio_value(&mut pricing.settings.channel, c, c.label())
            .changed()
        {
            ch.reprice = true;
        }
        ui.indent(c.key(), |ui| hint(ui, c.rule()));
    }
}

fn reveal(pricing: &mut PricingState, ui: &mut egui::Ui, ch: &mut Changes) {
    let max = pricing.book.prices.api_bulk_max_batch.max(1);
    let s = &mut pricing.settings;
    let platform = s.channel == Channel::Platform;
    let before = s.selection;
    ch.reprice |= ui.checkbox(&mut s.selection.email, "Email").changed();
    ch.reprice |= ui.checkbox(&mut s.selection.phone, "Phone").changed();
    if !s.selection.email && !s.selection.phone {
        // Keep at least one: undo the change.
        s.selection = before;
        ch.reprice = false;
    }
    if platform {
        hint(
            ui,
            "Platform & Extension: Reveal shows every data point at once, so email and phone are both charged whatever is ticked here.",
        );
    }
    ui.add_space(4.0);
    ui.label("API extras");
    let api = s.channel.is_api();
    let off = "Only on the API channels";
    for (value, label) in [
        (&mut s.extras.company, "Company info"),
        (&mut s.extras.company_signals, "Company signals"),
        (&mut s.extras.contact_signals, "Contact signals"),
    ] {
        ch.reprice |= ui
            .add_enabled(api, egui::Checkbox::new(value, label))
            .on_disabled_hover_text(off)
            .changed();
    }
    if s.channel == Channel::ApiBulk {
        let mut b = s.batch_size.unwrap_or(max).clamp(1, max);
        if ui
            .add(egui::Slider::new(&mut b, 1..=max).text("Batch size"))
            .on_hover_text("Contacts per bulk request")
            .changed()
        {
            s.batch_size = Some(b);
            ch.reprice = true;
        }
    }
    ui.add_space(4.0);
    ch.reprice |= ui
        .add_enabled(
            !platform,
            egui::Checkbox::new(&mut s.only_missing, "Only what the file lacks"),
        )
        .on_hover_text("Don't reveal an email (phone) for a contact whose rows already have one")
        .on_disabled_hover_text("Ignored on Platform & Extension: Reveal shows everything")
        .changed();
}

/// The Workspace channel on a list: the list is one Workspace table (workspace.md).
fn what_to_add(pricing: &mut PricingState, sources: &Sources, ui: &mut egui::Ui, ch: &mut Changes) {
    hint(
        ui,
        "The list is one Workspace table: reveals at the platform's prices, plus what you add to it. AI Data and Signals run on every row.",
    );
    let rows = sources.list.as_ref().map(|l| l.table.rows() as u64);
    let book = &pricing.book;
    let s = &mut pricing.settings;
    let before = s.selection;
    let changed =
        super::actions::editor(ui, "", &mut s.selection, &mut s.workspace, book, true, rows);
    if !s.selection.email && !s.selection.phone && !s.workspace.has_paid() {
        // Nothing would be priced: keep a reveal until an action is added.
        s.selection = before;
        if !before.email && !before.phone {
            s.selection.email = true;
        }
        hint(
            ui,
            "Tick Email or Phone, or add an AI Data, Signals or export action.",
        );
    }
    ch.reprice |= changed;
    // It applies to this list's reveals as on any channel but Platform: so it is shown.
    ui.add_space(4.0);
    let r = ui
        .checkbox(&mut s.only_missing, "Only what the file lacks")
        .on_hover_text(
            "Reveal an email (phone) only for contacts whose rows have none; AI Data, Signals and exports still run on every row",
        );
    super::name(ui, &r, "Only what the file lacks (Workspace)");
    ch.reprice |= r.changed();
}

/// A rate's low / expected / high as three percent fields in a grid row, labelled.
fn rate_row_labelled(ui: &mut egui::Ui, what: &str, r: &mut RateRange) -> bool {
    ui.label(what);
    let changed = rate_cells(ui, what, r);
    ui.end_row();
    changed
}

/// A rate's low / expected / high as three percent fields; keeps low ≤ expected ≤ high by
/// moving the other ends when one passes them. A typed value applies when the field is
/// left (Enter, Tab, a click elsewhere), not at every keystroke: typing 50 must not pass
/// through 5 and drag the low end down with it.
pub(crate) fn rate_cells(ui: &mut egui::Ui, what: &str, r: &mut RateRange) -> bool {
    let mut changed = false;
    let mut vals = [r.low * 100.0, r.expected * 100.0, r.high * 100.0];
    let mut which = None;
    for (i, (v, end)) in vals.iter_mut().zip(["low", "expected", "high"]).enumerate() {
        let resp = ui.add(
            egui::DragValue::new(v)
                .range(0.0..=100.0)
                .speed(0.5)
                .max_decimals(1)
                // 70% and 82.5%, as every other percent reads (not 70.0%).
                .custom_formatter(|v, _| {
                    let t = format!("{v:.1}");
                    t.strip_suffix(".0").map(str::to_string).unwrap_or(t)
                })
                .suffix("%")
                .update_while_editing(false),
        );
        name(ui, &resp, &format!("{what} {end}"));
        if resp.changed() {
            which = Some(i);
            changed = true;
        }
    }
    if let Some(i) = which {
        let [mut lo, mut ex, mut hi] = vals.map(|v| v / 100.0);
        match i {
            0 => {
                ex = ex.max(lo);
                hi = hi.max(ex);
            }
            1 => {
                lo = lo.min(ex);
                hi = hi.max(ex);
            }
            _ => {
                ex = ex.min(hi);
                lo = lo.min(ex);
            }
        }
        *r = RateRange {
            low: lo,
            expected: ex,
            high: hi,
        };
    }
    changed
}

fn assumptions(pricing: &mut PricingState, ui: &mut egui::Ui, ch: &mut Changes) {
    hint(
        ui,
        "Shares the vendor finds. Low uses every low end, high every high end.",
    );
    let a = &mut pricing.settings.assumptions;
    egui::Grid::new("assumptions")
        .num_columns(4)
        .spacing([6.0, 4.0])
        .show(ui, |ui| {
            ui.label("");
            ui.label("Low");
            ui.label("Expected");
            ui.label("High");
            ui.end_row();
            ch.reprice |= rate_row_labelled(ui, "Match rate", &mut a.match_rate);
            ch.reprice |= rate_row_labelled(ui, "Email rate", &mut a.email_rate);
            ch.reprice |= rate_row_labelled(ui, "Phone rate", &mut a.phone_rate);
        });
    if let Some(c) = &pricing.calibration {
        hint(
            ui,
            &format!(
                "From a past enrichment: {} of {} billable contacts matched, {} with an email, {} with a phone (ranges: 90% Wilson).",
                c.matched, c.contacts, c.emails, c.phones
            ),
        );
    }
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Reset to price book defaults")
            .on_hover_text("The assumptions the price book ships with")
            .clicked()
        {
            ch.reset_assumptions = true;
        }
        if ui
            .button("Use rates from a past enrichment…")
            .on_hover_text(
                "A calibration file written by: enrichplan calibrate UPLOADED RESULT --save-assumptions FILE.toml",
            )
            .clicked()
        {
            ch.ask = Some(crate::app::dialogs::FileFor::LoadAssumptions);
        }
    });
}

fn price_book(pricing: &PricingState, ui: &mut egui::Ui, ch: &mut Changes) {
    let current = &pricing.book;
    egui::ComboBox::from_label("Price book")
        .selected_text(&current.name)
        .width(220.0)
        .show_ui(ui, |ui| {
            for b in &pricing.books {
                if ui
                    .selectable_label(b.id == current.id, &b.name)
                    .on_hover_text(format!("{} (effective {})", b.source, b.effective_date))
                    .clicked()
                    && b.id != current.id
                {
                    ch.book = Some(b.clone());
                }
            }
        });
    hint(
        ui,
        &format!(
            "{}, effective {}: email {}, phone {} credits",
            current.id, current.effective_date, current.prices.email, current.prices.phone
        ),
    );
    if ui
        .button("Load price book...")
        .on_hover_text("A price book TOML file (see assets/pricebooks)")
        .clicked()
    {
        ch.ask = Some(crate::app::dialogs::FileFor::LoadBook);
    }
}

fn cycle(
    pricing: &PricingState,
    sources: &Sources,
    analysis: Option<&Analysis>,
    ui: &mut egui::Ui,
    ch: &mut Changes,
) {
    let mut c = pricing.cycle;
    let mut known = c.renewal.is_some();
    if ui
        .checkbox(&mut known, "Next renewal date")
        .on_hover_text("Reveals before the cycle's start are charged again")
        .changed()
    {
        c.renewal = if known {
            Some(pricing.today + chrono::Months::new(1))
        } else {
            None
        };
    }
    if let Some(r) = c.renewal {
        // The date picker works on its own date type; go through text both ways.
        let mut d = r.format("%Y-%m-%d").to_string().parse().unwrap_or_default();
        let resp = ui.add(
            egui_extras::DatePickerButton::new(&mut d)
                .id_salt("renewal")
                .show_icon(false),
        );
        name(ui, &resp, "Renewal date");
        if let Ok(nd) = chrono::NaiveDate::parse_from_str(&d.to_string(), "%Y-%m-%d")
            && nd != r
        {
            c.renewal = Some(nd);
        }
    }
    ui.horizontal(|ui| {
        ui.radio_value(&mut c.length, CycleLength::Monthly, "Monthly");
        ui.radio_value(&mut c.length, CycleLength::Annual, "Annual");
    });
    if let Some(s) = c.start()
        && let Some(r) = c.renewal
    {
        hint(ui, &format!("Cycle: {s} to {}", r - chrono::Days::new(1)));
    }
    if c != pricing.cycle {
        ch.cycle = Some(c);
    }
    ui.add_space(4.0);
    ui.label("Reveal log");
    match &sources.log {
        Some(l) => {
            let file = l
                .table
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            ui.label(RichText::new(file).strong())
                .on_hover_text(l.table.path.display().to_string());
            if let Some(s) = analysis.and_then(|a| a.log.as_ref()) {
                hint(
                    ui,
                    &format!(
                        "{} entries: {} in this cycle, {} outside, {} undated; {} match the list",
                        s.entries, s.in_cycle, s.outside_cycle, s.undated, s.matched_entries
                    ),
                );
            }
            // Dates like 03/04/2026: the file decides when a day above 12 settles it; the
            // user decides when every date reads both ways.
            if !l.mapping.columns(Role::Date).is_empty() {
                use crate::cycle::DateOrder;
                let current = l.read.date_order;
                let text = |o: Option<DateOrder>| match o {
                    None => "decided by the file".to_string(),
                    Some(o) => o.label().to_string(),
                };
                ui.horizontal(|ui| {
                    let r = egui::ComboBox::from_id_salt("date order")
                        .selected_text(text(current))
                        .show_ui(ui, |ui| {
                            let mut pick = None;
                            for o in [None, Some(DateOrder::Dmy), Some(DateOrder::Mdy)] {
                                if ui.selectable_label(current == o, text(o)).clicked() {
                                    pick = Some(o);
                                }
                            }
                            pick
                        });
                    name(ui, &r.response, "Date order");
                    ui.label("Dates");
                    if let Some(Some(o)) = r.inner
                        && o != current
                    {
                        ch.reload_log = Some(ReadOptions {
                            date_order: o,
                            ..l.read.clone()
                        });
                    }
                });
            }
        }
        None => hint(ui, "None: nothing counts as already revealed."),
    }
    ui.horizontal_wrapped(|ui| {
        for cmd in [Command::OpenRevealLog, Command::OpenSampleLog] {
            if ui
                .button(cmd.label())
                .on_hover_text(cmd.tooltip())
                .clicked()
            {
                ch.command = Some(cmd);
            }
        }
        if sources.log.is_some()
            && ui
                .button("Clear")
                .on_hover_text("Forget the reveal log")
                .clicked()
        {
            ch.clear_log = true;
        }
    });
}

/// The budget; `priority` is the fit-to-budget order in force, None on the Workspace view
/// (no "Keep first" there).
fn budget(
    b: &mut BudgetInput,
    sources: &Sources,
    priority: Option<&Option<String>>,
    ui: &mut egui::Ui,
    ch: &mut Changes,
) {
    ch.reprice |= ui
        .checkbox(&mut b.enabled, "Remaining credits")
        .on_hover_text("Check the estimate against what is left this cycle")
        .changed();
    if b.enabled {
        let r = ui.add(
            egui::DragValue::new(&mut b.remaining)
                .range(0.0..=1e12)
                .speed(10.0)
                .max_decimals(0)
                .suffix(" credits"),
        );
        name(ui, &r, "Remaining credits amount");
        ch.reprice |= r.changed();
        // Which contacts the fit-to-budget cut keeps first (pricing.md §5).
        if let Some(l) = &sources.list
            && let Some(current) = priority
        {
            let current = current.clone();
            let text = |c: &Option<String>| match c {
                None => "file order".to_string(),
                Some(c) => format!("highest {c} first"),
            };
            let pick = ui.horizontal(|ui| {
                ui.label("Keep first");
                let r = egui::ComboBox::from_id_salt("priority")
                    .selected_text(text(&current))
                    .show_ui(ui, |ui| {
                        let mut pick = None;
                        if ui.selectable_label(current.is_none(), text(&None)).clicked() {
                            pick = Some(None);
                        }
                        // Only columns of numbers can order contacts (a score, a size).
                        for h in &l.numeric {
                            let o = Some(h.clone());
                            if ui.selectable_label(current == o, text(&o)).clicked() {
                                pick = Some(o);
                            }
                        }
                        pick
                    });
                name(ui, &r.response, "Priority column");
                r.response.on_hover_text(
                    "The fit-to-budget cut keeps these contacts first (ties in file order; cells that are not numbers last)",
                );
                r.inner.flatten()
            })
            .inner;
            if let Some(p) = pick {
                ch.priority = Some(p);
            }
        }
    }
    ui.checkbox(&mut b.money, "Show money")
        .on_hover_text("Convert credits with a price per credit");
    if b.money {
        ui.horizontal(|ui| {
            let r = ui.add(
                egui::DragValue::new(&mut b.price_per_credit)
                    .range(0.0..=1e6)
                    .speed(0.001)
                    .max_decimals(4),
            );
            name(ui, &r, "Price per credit");
            ui.label("per credit in");
            let t = ui.add(
                egui::TextEdit::singleline(&mut b.currency)
                    .desired_width(50.0)
                    .hint_text("currency"),
            );
            name(ui, &t, "Currency");
        });
    }
}
