//! `estimate`: a list, a saved plan or a Workspace spec, through the engine, to the
//! outputs asked for.

use std::path::Path;

use super::account::{book_of, from_account, live_account, wants_account_book};
use super::args::*;
use super::lower::*;
use crate::account::Given;
use crate::engine;
use crate::error::{Error, Result};
use crate::input::mapping_file::SavedMapping;
use crate::pricebook::PriceBook;
use crate::progress::Progress;
use crate::report;
use crate::run::{Outputs, Request, Roles, Source};

/// The outputs `estimate` writes, from its flags.
fn outputs_of(a: &EstimateArgs) -> Outputs {
    Outputs {
        rows_out: a.rows_out.clone(),
        trimmed_out: a.trimmed_out.clone(),
        report_out: a.report_out.clone(),
        save_plan: a.save_plan.clone(),
        save_mapping: a.save_mapping.clone(),
        group_by: a.group_by.clone(),
    }
}

/// A list and its flags, lowered to a [`Request`].
pub(super) fn request_from_args(a: &EstimateArgs, input: &Path) -> Result<Request> {
    // Every flag is checked before the account is read (with `--pricebook account`,
    // against the newest shipped book), then again with the account's prices.
    validate(a, None)?;
    let live = live_account(a)?;
    let plan = validate(a, live.as_ref())?;
    let acc = from_account(
        a,
        live.as_ref(),
        &plan.book,
        plan.budget,
        plan.cycle,
        Given {
            budget: a.budget,
            renewal: plan.cycle.renewal,
            length: a.cycle,
            tier: None,
        },
    )?;
    Ok(Request {
        list: Source {
            path: input.to_path_buf(),
            read: plan.read,
            roles: Roles::Detect {
                file: match &a.mapping {
                    Some(p) => Some((p.clone(), SavedMapping::read(p)?)),
                    None => None,
                },
                overrides: plan.overrides,
            },
        },
        log: a.revealed.clone().map(|p| Source {
            path: p,
            read: plan.log_read,
            roles: Roles::Detect {
                file: None,
                overrides: plan.log_overrides,
            },
        }),
        settings: plan.settings,
        book: plan.book,
        cycle: acc.cycle,
        today: plan.today,
        budget: acc.budget,
        money: crate::plan::Money {
            price_per_credit: a.price_per_credit,
            currency: a.currency.clone(),
        },
        name: a.name.clone().unwrap_or_else(|| {
            input
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "plan".into())
        }),
        notes: String::new(),
        created: None,
        plan: None,
        outputs: outputs_of(a),
        plan_tier: acc.plan_tier,
        notes_made: acc.notes,
    })
}

/// A saved plan of a list, with the flags that may go with it, lowered to a [`Request`].
pub(super) fn request_from_plan(
    a: &EstimateArgs,
    path: &Path,
    p: &crate::plan::Plan,
) -> Result<Request> {
    if a.mapping.is_some() {
        return Err(setting(
            "--mapping: a plan keeps its own column mapping; give the list instead of --plan to map it from a file",
        ));
    }
    let live = live_account(a)?;
    let mut req = Request::of_plan(path, p, today_of(a)?)?;
    req.outputs = outputs_of(a);
    // With --account the live budget, renewal date, cycle and tier replace the plan's.
    let acc = from_account(
        a,
        live.as_ref(),
        &req.book,
        req.budget,
        req.cycle,
        Given::default(),
    )?;
    req.budget = acc.budget;
    req.cycle = acc.cycle;
    req.plan_tier = acc.plan_tier;
    req.notes_made.extend(acc.notes);
    Ok(req)
}

/// `estimate --spec FILE.toml` (or `--plan` of a plan made from a spec): every table of a
/// Workspace spec, and the total.
pub(super) fn run_spec(
    a: &EstimateArgs,
    spec_path: &Path,
    plan: Option<(&Path, &crate::plan::Plan)>,
) -> Result<()> {
    let mut warnings = Vec::new();
    let (flag_book, budget, cycle, log_file, name) = match plan {
        None => {
            let bad = list_only_flags(a);
            if !bad.is_empty() {
                return Err(setting(format!(
                    "--spec: {} only for a contact list; in a spec each [[table]] sets its own (reveal, rates, map, ai_data_columns, signals_columns, csv_exports, crm_exports; ai_chat_prompts at the top)",
                    bad.join(", ")
                )));
            }
            if let Some(b) = a.budget
                && !(b.is_finite() && b >= 0.0)
            {
                return Err(setting(format!(
                    "--budget {b}: give the remaining credits, 0 or more"
                )));
            }
            let log_read = log_read_of(a)?;
            let log = a.revealed.clone().map(|p| (p, log_read, None));
            let name = a.name.clone().unwrap_or_else(|| {
                spec_path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "Workspace plan".into())
            });
            // `--pricebook account`: checked here, read below.
            let book = book_of(a.pricebook.as_deref(), None)?;
            (book, a.budget, cycle_of(a)?, log, name)
        }
        Some((plan_path, p)) => {
            let (book, note) = p.book();
            warnings.extend(note);
            if let Some(sr) = &p.spec {
                let changed = std::iter::once(&sr.file)
                    .chain(&sr.sources)
                    .filter(|f| {
                        let now = crate::plan::Fingerprint::of(&crate::plan::Plan::resolve(
                            plan_path, &f.path,
                        ));
                        now.map_or(true, |n| n.sha256 != f.sha256)
                    })
                    .map(|f| f.path.display().to_string())
                    .collect::<Vec<_>>();
                if !changed.is_empty() {
                    warnings.push(format!(
                        "changed since the plan was saved: {}; the numbers are for the files as they are now",
                        changed.join(", ")
                    ));
                }
            }
            let log = p.reveal_log.as_ref().map(|l| {
                (
                    crate::plan::Plan::resolve(plan_path, &l.file.path),
                    crate::plan::Plan::read_options(l),
                    Some(l.mapping.clone()),
                )
            });
            (Some(book), p.budget, p.cycle, log, p.name.clone())
        }
    };
    let live = live_account(a)?;
    let flag_book = if plan.is_none() && wants_account_book(a) {
        book_of(a.pricebook.as_deref(), live.as_ref())?
    } else {
        flag_book
    };
    let (spec, book) = crate::workspace::Spec::load(spec_path, flag_book.as_ref())?;
    // With --account the live budget, renewal date and cycle, unless a flag gave one (a
    // plan's own are replaced).
    let acc = from_account(
        a,
        live.as_ref(),
        &book,
        budget,
        cycle,
        match plan {
            None => Given {
                budget: a.budget,
                renewal: cycle.renewal,
                length: a.cycle,
                tier: None,
            },
            Some(_) => Given::default(),
        },
    )?;
    let (budget, cycle) = (acc.budget, acc.cycle);
    warnings.extend(acc.notes);
    if plan.is_none()
        && let (Some(named), Some(flag)) = (&spec.pricebook, &a.pricebook)
        && named != flag
    {
        warnings.push(format!(
            "the spec names price book `{named}`; --pricebook {flag} was used instead"
        ));
    }
    let today = today_of(a)?;
    let progress = Progress::new();
    let sources = engine::load_spec_sources(&spec, spec_path, &progress)?;
    let log = match &log_file {
        Some((p, opts, saved)) => {
            let l = engine::load_log(p, opts, &progress)?;
            let m = match saved {
                Some(m) => m.clone(),
                None => {
                    let mut m = l.detection.mapping.clone();
                    m.apply_overrides(&parse_maps("--log-map", &a.log_map)?, &l.table.headers)
                        .map_err(setting)?;
                    m
                }
            };
            Some((l.table, m))
        }
        None => None,
    };
    let sa = engine::analyze_spec(
        &sources,
        log.as_ref().map(|(t, m)| (t, m)),
        cycle,
        today,
        &progress,
    )?;
    let mut run = engine::estimate_spec(&spec, &sa, &book, budget, spec_path)?;
    if let Some((t, _)) = &log {
        warnings.extend(t.warnings.iter().map(|w| format!("reveal log: {w}")));
    }
    warnings.append(&mut run.outcome.estimate.warnings);
    // What the tier (--tier, or the account's) does not allow, table by table.
    if let Some(tier) = &acc.plan_tier.tier {
        for (t, e) in spec.tables.iter().zip(&run.tables) {
            for w in crate::account::tiers::channel_warnings(tier, &t.settings(), &e.counts) {
                warnings.push(format!("table `{}`: {w}", t.name));
            }
        }
    }
    run.outcome.estimate.warnings = warnings;
    let mut inputs: Vec<&Path> = vec![spec_path];
    inputs.extend(spec.sources());
    inputs.extend(log_file.as_ref().map(|(p, _, _)| p.as_path()));
    if let Some(out) = &a.save_plan {
        crate::fsutil::ensure_not_input(out, &inputs)?;
        let mut plan = crate::plan::Plan::of_spec(crate::plan::SpecPlanInputs {
            name: name.clone(),
            spec_path,
            spec: &spec,
            log: match (&log_file, &log) {
                (Some((p, opts, _)), Some((_, m))) => Some((p.as_path(), opts, m)),
                _ => None,
            },
            cycle,
            budget,
            book: &book,
            outcome: &run.outcome,
        })?;
        plan.save(out)?;
    }
    inputs.extend(a.plan.as_deref());
    let json = report::spec_json_report(&spec, &sources, &run, &book);
    let title = spec_path.display().to_string();
    if let Some(out) = &a.report_out {
        crate::fsutil::ensure_not_input(out, &inputs)?;
        let bytes = crate::run::render_report(out, &json, &run.outcome, &book, &title)?;
        crate::fsutil::write_atomic(out, &bytes)?;
    }
    print_report(a.format, &json, &run.outcome, &book, &title)
}

pub(super) fn print_report(
    format: Format,
    json: &report::JsonReport,
    outcome: &engine::Outcome,
    book: &PriceBook,
    title: &str,
) -> Result<()> {
    let bytes = match format {
        Format::Json => json_text(json)?.into_bytes(),
        Format::Csv => report::csv_report(outcome, book)?,
        Format::Table => report::table_report(json, outcome, book, title).into_bytes(),
    };
    emit(&bytes)
}

pub(super) fn json_text(v: &impl serde::Serialize) -> Result<String> {
    serde_json::to_string_pretty(v)
        .map(|t| t + "\n")
        .map_err(|e| Error::Internal(e.to_string()))
}

/// Write to stdout. A reader that stops early (`| head`) is not an error: the rest is
/// dropped quietly (println! would panic on the broken pipe).
pub(super) fn emit(bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io("stdout", e)),
        _ => Ok(()),
    }
}

pub(super) fn run_estimate(a: &EstimateArgs) -> Result<()> {
    if let Some(spec) = &a.spec {
        return run_spec(a, spec, None);
    }
    // The plan is read once: it holds a spec or a list.
    let plan = match &a.plan {
        Some(pp) => Some((pp, crate::plan::Plan::load(pp)?)),
        None => None,
    };
    if let Some((plan_path, p)) = &plan
        && let Some(sr) = &p.spec
    {
        let spec_path = crate::plan::Plan::resolve(plan_path, &sr.file.path);
        if !spec_path.exists() {
            return Err(Error::input(
                plan_path,
                None,
                format!(
                    "the plan's Workspace spec {} is missing: it was moved or deleted{}; put it back or save the plan again",
                    spec_path.display(),
                    crate::run::saved_result_text(p)
                ),
            ));
        }
        for f in &sr.sources {
            let src = crate::plan::Plan::resolve(plan_path, &f.path);
            if !src.exists() {
                return Err(Error::input(
                    plan_path,
                    None,
                    format!(
                        "the contact list {} of the plan's Workspace spec is missing: it was moved or deleted{}; put it back or save the plan again",
                        src.display(),
                        crate::run::saved_result_text(p)
                    ),
                ));
            }
        }
        return run_spec(a, &spec_path, Some((plan_path, p)));
    }
    if let Some(i) = &a.input
        && crate::workspace::is_spec_path(i)
    {
        return Err(setting(format!(
            "{} looks like a Workspace spec: give it as `enrichplan estimate --spec {}`",
            i.display(),
            i.display()
        )));
    }
    let req = match (&plan, &a.input) {
        (Some((pp, p)), _) => request_from_plan(a, pp, p)?,
        (None, Some(i)) => request_from_args(a, i)?,
        (None, None) => return Err(setting("estimate: give a contact list or --plan PLAN.json")),
    };
    let ran = crate::run::execute(&req, &Progress::new())?;
    crate::run::write_outputs(&req, &ran)?;
    print_report(
        a.format,
        &ran.json,
        &ran.outcome,
        &req.book,
        &req.list.path.display().to_string(),
    )
}
