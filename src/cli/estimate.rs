//! `estimate`: a list, a saved plan or a Workspace spec, through the engine, to the
//! outputs asked for.

use std::path::{Path, PathBuf};

use super::args::*;
use super::lower::*;
use crate::cycle::Cycle;
use crate::engine::{self, AnalysisInput};
use crate::error::{Error, Result};
use crate::input::reader::ReadOptions;
use crate::input::roles::{Mapping, Role};
use crate::pricebook::{self, PriceBook};
use crate::pricing::{Channel, Settings};
use crate::progress::Progress;
use crate::report;

/// What to estimate, from flags or from a saved plan.
pub(super) struct Job {
    pub(super) input: PathBuf,
    pub(super) read: ReadOptions,
    /// An explicit mapping (from a plan), else detect and apply `overrides`.
    pub(super) mapping: Option<Mapping>,
    /// A mapping file (`--mapping`), used instead of detection; `overrides` still apply.
    pub(super) mapping_file: Option<(PathBuf, crate::input::mapping_file::SavedMapping)>,
    pub(super) overrides: Vec<(Role, String)>,
    pub(super) log: Option<(PathBuf, ReadOptions, Option<Mapping>)>,
    pub(super) log_overrides: Vec<(Role, String)>,
    pub(super) settings: Settings,
    pub(super) book: PriceBook,
    pub(super) cycle: Cycle,
    pub(super) today: chrono::NaiveDate,
    pub(super) budget: Option<f64>,
    pub(super) money: crate::plan::Money,
    pub(super) name: String,
    pub(super) notes: String,
    pub(super) created: Option<chrono::DateTime<chrono::Utc>>,
    pub(super) warnings: Vec<String>,
}

pub(super) fn job_from_args(a: &EstimateArgs, input: &Path) -> Result<Job> {
    let plan = validate(a)?;
    Ok(Job {
        input: input.to_path_buf(),
        read: plan.read,
        mapping: None,
        mapping_file: match &a.mapping {
            Some(p) => Some((
                p.clone(),
                crate::input::mapping_file::SavedMapping::read(p)?,
            )),
            None => None,
        },
        overrides: plan.overrides,
        log: a.revealed.clone().map(|p| (p, plan.log_read, None)),
        log_overrides: plan.log_overrides,
        settings: plan.settings,
        book: plan.book,
        cycle: plan.cycle,
        today: plan.today,
        budget: plan.budget,
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
        warnings: Vec::new(),
    })
}

pub(super) fn job_from_plan(a: &EstimateArgs, path: &Path, p: crate::plan::Plan) -> Result<Job> {
    if a.mapping.is_some() {
        return Err(setting(
            "--mapping: a plan keeps its own column mapping; give the list instead of --plan to map it from a file",
        ));
    }
    let src = p.source.as_ref().ok_or_else(|| {
        Error::input(
            path,
            None,
            "the plan has no contact list (a Workspace-only plan)",
        )
    })?;
    let input = crate::plan::Plan::resolve(path, &src.file.path);
    let mut warnings = Vec::new();
    match crate::plan::Plan::source_state(path, src) {
        crate::plan::SourceState::Missing => {
            let saved = saved_result_text(&p);
            return Err(Error::input(
                path,
                None,
                format!(
                    "the plan's contact list {} is missing: it was moved or deleted{saved}; put it back or save the plan again with the new file",
                    input.display()
                ),
            ));
        }
        crate::plan::SourceState::Changed => warnings.push(format!(
            "the contact list {} changed since the plan was saved; the numbers are for the file as it is now",
            input.display()
        )),
        crate::plan::SourceState::Same => {}
    }
    let (book, note) = p.book();
    warnings.extend(note);
    let today = today_of(a)?;
    let log = match &p.reveal_log {
        Some(l) => {
            let lp = crate::plan::Plan::resolve(path, &l.file.path);
            if !lp.exists() {
                return Err(Error::input(
                    path,
                    None,
                    format!(
                        "the plan's reveal log {} is missing: it was moved or deleted",
                        lp.display()
                    ),
                ));
            }
            Some((
                lp,
                crate::plan::Plan::read_options(l),
                Some(l.mapping.clone()),
            ))
        }
        None => None,
    };
    Ok(Job {
        input,
        read: crate::plan::Plan::read_options(src),
        mapping: Some(src.mapping.clone()),
        mapping_file: None,
        overrides: Vec::new(),
        log,
        log_overrides: Vec::new(),
        settings: p.settings.clone(),
        book,
        cycle: p.cycle,
        today,
        budget: p.budget,
        money: p.money.clone(),
        name: p.name.clone(),
        notes: p.notes.clone(),
        created: Some(p.created),
        warnings,
    })
}

/// `estimate --spec FILE.toml` (or `--plan` of a plan made from a spec): every table of a
/// Workspace spec, and the total.
/// " (its saved result: N credits expected, L–H)", or nothing.
pub(super) fn saved_result_text(p: &crate::plan::Plan) -> String {
    p.result
        .as_ref()
        .map(|r| {
            let (e, l, h) = crate::pricing::shown(&r.credits);
            format!(" (its saved result: {e} credits expected, {l}–{h})")
        })
        .unwrap_or_default()
}

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
            let book = a.pricebook.as_deref().map(pricebook::resolve).transpose()?;
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
    let (spec, book) = crate::workspace::Spec::load(spec_path, flag_book.as_ref())?;
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
        let bytes = report::render_report(out, &json, &run.outcome, &book, &title)?;
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
                    saved_result_text(p)
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
                        saved_result_text(p)
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
    let job = match (plan, &a.input) {
        (Some((pp, p)), _) => job_from_plan(a, pp, p)?,
        (None, Some(i)) => job_from_args(a, i)?,
        (None, None) => return Err(setting("estimate: give a contact list or --plan PLAN.json")),
    };
    let progress = Progress::new();
    // ENRICHPLAN_TIMINGS=1 prints how long each stage took (for benchmarks).
    let timings = std::env::var_os("ENRICHPLAN_TIMINGS").is_some();
    let t0 = std::time::Instant::now();
    let mapping_of = |list: &engine::LoadedList| -> Result<Mapping> {
        match &job.mapping {
            Some(m) => Ok(m.clone()),
            None => {
                let mut m = match &job.mapping_file {
                    Some((path, saved)) => saved.apply_to(&list.table.headers, path)?,
                    None => list.detection.mapping.clone(),
                };
                m.apply_overrides(&job.overrides, &list.table.headers)
                    .map_err(setting)?;
                Ok(m)
            }
        }
    };
    let log_of = || -> Result<Option<(crate::input::reader::ContactTable, Mapping)>> {
        let Some((p, opts, saved)) = &job.log else {
            return Ok(None);
        };
        let l = engine::load_log(p, opts, &progress)?;
        let m = match saved {
            Some(m) => m.clone(),
            None => {
                let mut m = l.detection.mapping.clone();
                m.apply_overrides(&job.log_overrides, &l.table.headers)
                    .map_err(setting)?;
                m
            }
        };
        Ok(Some((l.table, m)))
    };
    // Without an output that reads every cell after the analysis, the list is read and
    // analysed in one pass that never holds all its rows (the same numbers: the same
    // pass); the one column `--group-by` or a priority reads is kept whole beside it.
    let needs_cells = a.rows_out.is_some() || a.trimmed_out.is_some();
    let one_column: Vec<String> = a
        .group_by
        .iter()
        .chain(job.settings.priority.iter())
        .cloned()
        .collect();
    // A saved plan records the bytes analysed, as the window's does: the list and the log
    // are hashed beside their read.
    let hashed: Vec<&Path> = match &a.save_plan {
        Some(_) => std::iter::once(job.input.as_path())
            .chain(job.log.as_ref().map(|(p, _, _)| p.as_path()))
            .collect(),
        None => Vec::new(),
    };
    let read = || -> Result<_> {
        Ok(if needs_cells {
            let list = engine::load_list(&job.input, &job.read, &progress)?;
            let t_read = t0.elapsed();
            let mapping = mapping_of(&list)?;
            let log = log_of()?;
            let analysis = engine::analyze(
                &AnalysisInput {
                    list: &list.table,
                    mapping: &mapping,
                    log: log.as_ref().map(|(t, m)| (t, m)),
                    cycle: job.cycle,
                    today: job.today,
                },
                &progress,
            )?;
            (list, mapping, log, analysis, None, t_read)
        } else {
            let s = engine::load_and_analyze(
                &job.input,
                &job.read,
                &mapping_of,
                &log_of,
                job.cycle,
                job.today,
                &one_column,
                &progress,
            )?;
            // The kept columns as a table of the list's headers (a column not kept is said
            // missing by `--group-by`'s and the priority's own messages).
            let cells = crate::input::reader::ContactTable {
                df: s.cells,
                lines: Vec::new(),
                ..s.list.table.clone()
            };
            (
                s.list,
                s.mapping,
                s.log,
                s.analysis,
                Some(cells),
                t0.elapsed(),
            )
        })
    };
    let ((list, mapping, log, analysis, cells, t_read), files) =
        crate::plan::read_beside(&hashed, &progress, read)?;
    // The cells `--group-by` and the priority read: the whole list, or the kept columns.
    let cells = cells.as_ref().unwrap_or(&list.table);
    let t_analyze = t0.elapsed();
    // A list on the Workspace channel is a one-table spec (workspace.md).
    let one_table = (job.settings.channel == Channel::Workspace)
        .then(|| crate::workspace::TableSpec::of_list(&job.input, &job.settings));
    if let Some(t) = &one_table {
        t.check_exports(analysis.tally.rows, &job.input)?;
    }
    let priority = engine::priority(cells, &job.settings)?;
    let groups = match &a.group_by {
        Some(c) => Some(crate::segments::group_by(
            &analysis,
            cells,
            c,
            &job.settings,
            &job.book,
        )?),
        None => None,
    };
    let mut outcome = engine::estimate_with(
        &analysis,
        &crate::budget::FitMemo::default(),
        &job.settings,
        &job.book,
        job.budget,
        priority.as_ref(),
    );
    if timings && needs_cells {
        eprintln!(
            "timings: read {:.3}s, analyse {:.3}s, price {:.6}s",
            t_read.as_secs_f64(),
            (t_analyze - t_read).as_secs_f64(),
            (t0.elapsed() - t_analyze).as_secs_f64()
        );
    } else if timings {
        eprintln!(
            "timings: read and analyse (one pass) {:.3}s, price {:.6}s",
            t_analyze.as_secs_f64(),
            (t0.elapsed() - t_analyze).as_secs_f64()
        );
    }
    let mut warnings = job.warnings.clone();
    if let Some((path, saved)) = &job.mapping_file
        && !saved.fits(&list.table.headers)
    {
        warnings.push(format!(
            "column mapping {}: made for a list with other columns; every column it names is here, so it was used",
            path.display()
        ));
    }
    warnings.extend(list.table.warnings.iter().cloned());
    if let Some((t, _)) = &log {
        warnings.extend(t.warnings.iter().map(|w| format!("reveal log: {w}")));
    }
    warnings.append(&mut outcome.estimate.warnings);
    outcome.estimate.warnings = warnings;

    let inputs: Vec<&Path> = std::iter::once(job.input.as_path())
        .chain(job.log.as_ref().map(|(p, _, _)| p.as_path()))
        .chain(a.plan.as_deref())
        .collect();
    if let Some(out) = &a.rows_out {
        crate::fsutil::ensure_not_input(out, &inputs)?;
        let bytes = report::rows_report(&analysis, &list.table, &job.settings, &job.book)?;
        crate::fsutil::write_atomic(out, &bytes)?;
    }
    if let Some(out) = &a.trimmed_out {
        crate::fsutil::ensure_not_input(out, &inputs)?;
        let keep = engine::trimmed_rows(&analysis, &job.settings, &outcome);
        let bytes = report::trimmed_list(&list.table, &keep, mapping.columns(Role::Email))?;
        crate::fsutil::write_atomic(out, &bytes)?;
    }
    if let Some(out) = &a.save_mapping {
        crate::fsutil::ensure_not_input(out, &inputs)?;
        crate::input::mapping_file::SavedMapping::new(&list.table.headers, &mapping).write(out)?;
    }
    if let Some(out) = &a.save_plan {
        let inputs_no_plan: Vec<&Path> = std::iter::once(job.input.as_path())
            .chain(job.log.as_ref().map(|(p, _, _)| p.as_path()))
            .collect();
        crate::fsutil::ensure_not_input(out, &inputs_no_plan)?;
        let mut files = files.into_iter();
        let Some(list_file) = files.next() else {
            return Err(setting("the list was not hashed (an internal error)"));
        };
        let mut plan = crate::plan::Plan::of_run(crate::plan::PlanInputs {
            name: job.name.clone(),
            notes: job.notes.clone(),
            created: job.created,
            list: (list_file, &job.read, &mapping),
            log: match (&job.log, &log, files.next()) {
                (Some((_, opts, _)), Some((_, m)), Some(f)) => Some((f, opts, m)),
                _ => None,
            },
            settings: &job.settings,
            cycle: job.cycle,
            budget: job.budget,
            money: job.money.clone(),
            book: &job.book,
            outcome: &outcome,
        });
        plan.save(out)?;
    }

    let mut json = report::json_report(
        &outcome,
        &job.settings,
        &job.book,
        mapping.to_json_map(&Role::LIST),
        Some(&list.table),
    );
    json.groups = groups;
    json.group_by = a
        .group_by
        .as_ref()
        .and_then(|c| crate::segments::group_column(&list.table, c).ok());
    if let Some(table) = &one_table {
        let e = crate::pricing::price(&analysis.tally, &table.settings(), &job.book);
        json.tables = Some(vec![report::TableJson::of(
            &table.name,
            Some(&job.input),
            Some(&mapping),
            &table.settings(),
            &e,
        )]);
    }
    if let Some(out) = &a.report_out {
        crate::fsutil::ensure_not_input(out, &inputs)?;
        let bytes = report::render_report(out, &json, &outcome, &job.book, &job.name)?;
        crate::fsutil::write_atomic(out, &bytes)?;
    }
    print_report(
        a.format,
        &json,
        &outcome,
        &job.book,
        &job.input.display().to_string(),
    )
}
