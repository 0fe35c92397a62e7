//! The other commands: compare, price books, reconcile, calibrate, completions and
//! manual pages.

use std::path::{Path, PathBuf};

use super::args::*;
use super::estimate::*;
use super::lower::*;
use crate::error::{Error, Result};
use crate::pricebook::{self, RateRange};
use crate::pricing::Settings;
use crate::progress::Progress;

pub(super) fn run_compare(paths: &[PathBuf], format: Format, out: Option<&Path>) -> Result<()> {
    let plans = paths
        .iter()
        .map(|p| crate::plan::Plan::load(p).map(|plan| (p.clone(), plan)))
        .collect::<Result<Vec<_>>>()?;
    let c = crate::plan::compare(&plans)?;
    if let Some(out) = out {
        let inputs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
        crate::fsutil::ensure_not_input(out, &inputs)?;
        let ext = out
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let bytes = match ext.as_str() {
            "html" | "htm" => crate::html::compare_page(&plans)?.into_bytes(),
            "json" => json_text(&c)?.into_bytes(),
            "txt" => crate::plan::compare_table(&c).into_bytes(),
            _ => {
                return Err(Error::Setting(format!(
                    "{}: choose a comparison file ending in .html, .json or .txt",
                    out.display()
                )));
            }
        };
        crate::fsutil::write_atomic(out, &bytes)?;
    }
    match format {
        Format::Json => emit(json_text(&c)?.as_bytes()),
        _ => emit(crate::plan::compare_table(&c).as_bytes()),
    }
}

pub(super) fn run_pricebooks(format: Format) -> Result<()> {
    let books = pricebook::shipped();
    let text = match format {
        Format::Json => json_text(&books)?,
        _ => {
            use std::fmt::Write as _;
            let mut s = String::new();
            for (i, b) in books.iter().enumerate() {
                let default = if i == 0 { "  (default)" } else { "" };
                let _ = writeln!(
                    s,
                    "{}  {}  effective {}{default}",
                    b.id, b.name, b.effective_date
                );
                let _ = writeln!(s, "    source: {}", b.source);
                let _ = writeln!(
                    s,
                    "    email {} · phone {} · API minimum {} per request",
                    b.prices.email, b.prices.phone, b.prices.api_request_min
                );
            }
            s
        }
    };
    emit(text.as_bytes())
}

pub(super) fn print_completions(shell: clap_complete::Shell) -> Result<()> {
    let mut cmd = <Cli as clap::CommandFactory>::command();
    // Into memory first: clap_complete panics when its writer fails (a closed pipe).
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "enrichplan", &mut buf);
    use std::io::Write;
    match std::io::stdout().lock().write_all(&buf) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(setting(format!("could not write the completions: {e}")))
        }
        _ => Ok(()),
    }
}

/// `enrichplan.1` and one page per command (`enrichplan-estimate.1` …) in `dir`.
pub(super) fn write_manpages(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let cmd = <Cli as clap::CommandFactory>::command();
    let mut pages = vec![("enrichplan".to_string(), cmd.clone())];
    for sub in cmd.get_subcommands().filter(|c| !c.is_hide_set()) {
        let name = format!("enrichplan-{}", sub.get_name());
        pages.push((name.clone(), sub.clone().name(name)));
    }
    for (name, page) in pages {
        let mut buf = Vec::new();
        clap_mangen::Man::new(page)
            .render(&mut buf)
            .map_err(|e| setting(format!("could not render the manual page {name}: {e}")))?;
        crate::fsutil::write_atomic(&dir.join(format!("{name}.1")), &buf)?;
    }
    Ok(())
}

pub(super) fn run_reconcile(
    usage: &Path,
    plan_path: &Path,
    from: Option<&str>,
    to: Option<&str>,
    format: Format,
) -> Result<()> {
    let plan = crate::plan::Plan::load(plan_path)?;
    let (book, _) = plan.book();
    let cycle_from = plan.cycle.start();
    let cycle_to = plan.cycle.renewal.and_then(|r| r.pred_opt());
    let from = match from {
        Some(f) => parse_date_arg("--from", f)?,
        None => cycle_from.unwrap_or(chrono::NaiveDate::MIN),
    };
    let to = match to {
        Some(t) => parse_date_arg("--to", t)?,
        None => cycle_to.unwrap_or(chrono::NaiveDate::MAX),
    };
    if from > to {
        return Err(setting(format!("--from {from} is after --to {to}")));
    }
    let result = plan.result.as_ref().ok_or_else(|| {
        Error::input(
            plan_path,
            None,
            "the plan has no saved result; re-run and save it first",
        )
    })?;
    let r = crate::reconcile::reconcile(usage, result, &book, from, to)?;
    match format {
        Format::Json => {
            let v = serde_json::json!({
                "plan": plan.name,
                "from": (from != chrono::NaiveDate::MIN).then(|| from.to_string()),
                "to": (to != chrono::NaiveDate::MAX).then(|| to.to_string()),
                "months": r.months,
                "items": r.items,
                "users": r.users,
                "warnings": r.warnings,
            });
            let text =
                serde_json::to_string_pretty(&v).map_err(|e| Error::Internal(e.to_string()))?;
            emit(format!("{text}\n").as_bytes())
        }
        _ => {
            let mut s = format!(
                "Plan vs actual — {} ({})\n",
                plan.name,
                if r.months.is_empty() {
                    "no month in the period".to_string()
                } else {
                    r.months.join(", ")
                }
            );
            s.push_str(&format!(
                "{:<11} {:>10} {:>10} {:>10} {:>10}  {}\n",
                "Item", "Actual", "Low", "Expected", "High", "Verdict"
            ));
            for i in &r.items {
                s.push_str(&format!(
                    "{:<11} {:>10} {:>10} {:>10} {:>10}  {} ({:+.0})\n",
                    i.item,
                    crate::text::money(i.actual),
                    crate::text::money(i.planned.low),
                    crate::text::money(i.planned.expected),
                    crate::text::money(i.planned.high),
                    i.verdict,
                    i.difference
                ));
            }
            s.push_str("\nBy user:\n");
            for u in &r.users {
                s.push_str(&format!(
                    "  {:<32} {:>10} credits\n",
                    u.user,
                    crate::text::money(u.credits)
                ));
            }
            if !r.warnings.is_empty() {
                s.push_str("\nWarnings:\n");
                for w in &r.warnings {
                    s.push_str(&format!("  - {w}\n"));
                }
            }
            emit(s.as_bytes())
        }
    }
}

pub(super) fn run_calibrate(files: &[PathBuf], save: Option<&Path>, format: Format) -> Result<()> {
    if !files.len().is_multiple_of(2) {
        return Err(setting(
            "calibrate: give the files in pairs: UPLOADED RESULT [UPLOADED RESULT …]",
        ));
    }
    let progress = Progress::new();
    let settings = Settings::defaults(&pricebook::default_book());
    let mut counts = crate::calibrate::Counts::default();
    for pair in files.chunks(2) {
        counts = counts + (crate::calibrate::calibrate(&pair[0], &pair[1], &settings, &progress)?);
    }
    let a = counts.assumptions();
    if let Some(out) = save {
        let inputs: Vec<&Path> = files.iter().map(PathBuf::as_path).collect();
        crate::fsutil::ensure_not_input(out, &inputs)?;
        let text = crate::calibrate::SavedAssumptions::of(counts).to_toml()?;
        crate::fsutil::write_atomic(out, text.as_bytes())?;
    }
    let range =
        |r: &RateRange| serde_json::json!({"expected": r.expected, "low": r.low, "high": r.high});
    match format {
        Format::Json => {
            let v = serde_json::json!({
                "contacts": counts.contacts,
                "matched": counts.matched,
                "emails": counts.emails,
                "phones": counts.phones,
                "rates": {
                    "match": range(&a.match_rate),
                    "email": range(&a.email_rate),
                    "phone": range(&a.phone_rate),
                },
            });
            emit(
                format!(
                    "{}\n",
                    serde_json::to_string_pretty(&v).map_err(|e| Error::Internal(e.to_string()))?
                )
                .as_bytes(),
            )
        }
        _ => {
            let pct = |x: f64| format!("{:.1}%", x * 100.0);
            let line = |name: &str, r: &RateRange, k: u64, n: u64| {
                format!(
                    "{name:<11} {:>7}  (90% range {} to {}; {k} of {n})\n",
                    pct(r.expected),
                    pct(r.low),
                    pct(r.high)
                )
            };
            let mut s = format!(
                "Calibration on {} billable contacts: {} matched\n",
                counts.contacts, counts.matched
            );
            s.push_str(&line(
                "Match rate",
                &a.match_rate,
                counts.matched,
                counts.contacts,
            ));
            s.push_str(&line(
                "Email rate",
                &a.email_rate,
                counts.emails,
                counts.matched,
            ));
            s.push_str(&line(
                "Phone rate",
                &a.phone_rate,
                counts.phones,
                counts.matched,
            ));
            if let Some(out) = save {
                s.push_str(&format!(
                    "Saved to {} (use it with: enrichplan estimate LIST --assumptions {})\n",
                    out.display(),
                    out.display()
                ));
            }
            emit(s.as_bytes())
        }
    }
}
