//! The window's list without its cells: read and analysed in the CLI's one pass on the load
//! worker (each row's line and offset kept, [`ListRows`]), analysed again by reading the
//! file again, and the one column or every run read again for what needs cells after the
//! analysis (a priority column, the trimmed upload file). Worker-side functions only.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use chrono::NaiveDate;

use super::background::{Loaded, PriorityOf};
use crate::analysis::Analysis;
use crate::budget::FitMemo;
use crate::cycle::Cycle;
use crate::engine;
use crate::input::mapping_file::MappingStore;
use crate::input::reader::{ContactTable, ListRows, ReadOptions};
use crate::input::roles::Mapping;
use crate::pricing::Settings;
use crate::progress::Progress;

/// A list read and analysed in one pass on the load worker (the CLI's pass): its rows with
/// their cells left in the file, and the analysis with what it was made from — shown when
/// the roles, log and cycle in force once the list is in are the same, else made again.
pub(crate) struct StreamedList {
    pub rows: Arc<ListRows>,
    pub analysis: Analysis,
    pub fits: FitMemo,
    pub priority: Option<PriorityOf>,
    pub made_with: MadeWith,
}

/// What an analysis of the list was made from besides the list.
#[derive(Clone, PartialEq)]
pub(crate) struct MadeWith {
    mapping: Mapping,
    /// The reveal log (its table's address) and its roles.
    log: Option<(usize, Mapping)>,
    cycle: Cycle,
    today: NaiveDate,
}

impl MadeWith {
    pub fn of(
        mapping: &Mapping,
        log: Option<(&Arc<ContactTable>, &Mapping)>,
        cycle: Cycle,
        today: NaiveDate,
    ) -> Self {
        MadeWith {
            mapping: mapping.clone(),
            log: log.map(|(t, m)| (Arc::as_ptr(t) as usize, m.clone())),
            cycle,
            today,
        }
    }
}

/// What the load worker needs besides the file: where roles are remembered, a plan's
/// roles, the reveal log, what an analysis now would be made from (its roles replaced by
/// the ones chosen on the worker), the settings (a priority column) and the "Split by"
/// column (both read whole in the same pass).
pub(crate) struct Inputs {
    pub store: Option<MappingStore>,
    pub pending: Option<Mapping>,
    pub log: Option<(Arc<ContactTable>, Mapping)>,
    pub made_with: MadeWith,
    pub settings: Settings,
    pub split_by: Option<String>,
}

/// Read a list and analyse it in one pass, fingerprinted beside (see `read_and_fingerprint`
/// in `logic`), with the roles chosen as the window chooses them once it is in: a plan's,
/// else the ones remembered for these columns, else the detected ones.
pub(crate) fn load(
    path: PathBuf,
    read: ReadOptions,
    inputs: Inputs,
    p: &Progress,
) -> crate::Result<Box<Loaded>> {
    let Inputs {
        store,
        pending,
        log,
        made_with,
        settings,
        split_by,
    } = inputs;
    let (cycle, today) = (made_with.cycle, made_with.today);
    let cells: Vec<String> = settings
        .priority
        .iter()
        .chain(split_by.iter())
        .cloned()
        .collect();
    let remembered = Mutex::new(None);
    let mapping_of = |l: &engine::LoadedList| -> crate::Result<Mapping> {
        let headers = &l.table.headers;
        // The roles the user chose for files with these columns, if remembered (a
        // remembered file that no longer reads is left alone: detection decides).
        if let Some(store) = &store
            && let Ok(Some(saved)) = store.recall(headers)
        {
            *remembered.lock().unwrap_or_else(|e| e.into_inner()) =
                saved.apply_to(headers, &path).ok();
        }
        let chosen = pending
            .clone()
            .or_else(|| remembered.lock().unwrap_or_else(|e| e.into_inner()).clone())
            // Roles naming a column the list lacks: said by the analysis made with them
            // once the list is in.
            .filter(|m| m.roles.values().flatten().all(|c| headers.contains(c)));
        Ok(chosen.unwrap_or_else(|| l.detection.mapping.clone()))
    };
    let log_of = || Ok(log.as_ref().map(|(t, m)| ((**t).clone(), m.clone())));
    let timings = std::env::var_os("ENRICHPLAN_TIMINGS").is_some();
    let t = std::time::Instant::now();
    let ((s, rows), files) = crate::plan::read_beside(&[path.as_path()], p, || {
        let r = engine::OnePass {
            path: &path,
            opts: &read,
            mapping_of: &mapping_of,
            log_of: &log_of,
            cycle,
            today,
            cells: &cells,
        }
        .index(p);
        if timings {
            eprintln!(
                "list read and analysed (one pass) {:.3}s",
                t.elapsed().as_secs_f64()
            );
        }
        r
    })?;
    let file = files.into_iter().next().ok_or(crate::Error::Cancelled)?;
    let rows = Arc::new(rows);
    let numeric = crate::budget::numeric_columns(&rows, 500);
    // Fit-to-budget's tables are built here too (as by the analysis worker).
    let fits = FitMemo::default();
    fits.get(&s.analysis, None);
    let priority = priority_of(&rows, &settings, &s.analysis, &fits, p)
        .ok()
        .flatten();
    let made_with = MadeWith {
        mapping: s.mapping,
        ..made_with
    };
    Ok(Box::new(Loaded {
        list: s.list,
        read,
        file,
        remembered: remembered.into_inner().unwrap_or_else(|e| e.into_inner()),
        numeric,
        streamed: Some(Box::new(StreamedList {
            rows,
            analysis: s.analysis,
            fits,
            priority,
            made_with,
        })),
    }))
}

/// A priority column of `settings` read from `rows` (the column kept, or read again from
/// the file on this worker), with fit-to-budget's table in its order built for `a`.
pub(crate) fn priority_of(
    rows: &Arc<ListRows>,
    settings: &Settings,
    a: &Analysis,
    fits: &FitMemo,
    p: &Progress,
) -> crate::Result<Option<PriorityOf>> {
    let Some(col) = &settings.priority else {
        return Ok(None);
    };
    let header = engine::priority_column(rows, col)?;
    let Some(priority) = engine::priority(&rows.columns(&[header], p)?, settings)? else {
        return Ok(None);
    };
    let priority = Arc::new(priority);
    fits.get(a, Some(&priority));
    Ok(Some((rows.clone(), col.clone(), priority)))
}

/// The trimmed upload file of a list whose cells are in its file: the file read again run
/// by run, each run's kept rows (`keep`, ascending) written as `report::trimmed_list`
/// writes them, so the bytes are the ones of the whole table.
pub(crate) fn trimmed_list(
    rows: &ListRows,
    keep: &[u32],
    email_columns: &[String],
    p: &Progress,
) -> crate::Result<Vec<u8>> {
    let header = crate::fsutil::csv_bytes([rows.headers.clone()])?;
    let mut bytes = header.clone();
    let mut k = 0;
    rows.each_run(None, p, &mut |run, first| {
        let from = k;
        while k < keep.len() && (keep[k] as usize) < first + run.rows() {
            k += 1;
        }
        if from < k {
            let local: Vec<u32> = keep[from..k].iter().map(|&r| r - first as u32).collect();
            let b = crate::report::trimmed_list(run, &local, email_columns)?;
            bytes.extend_from_slice(&b[header.len()..]);
        }
        Ok(())
    })?;
    Ok(bytes)
}

/// Analyse the list in `rows` again with other roles, log or cycle: its file read again in
/// one pass (its cells are not held; keeping the mapped columns instead would hold most of
/// them), the priority column of `settings` kept beside it (in `rows`). The file must
/// still be the one read.
pub(crate) fn restream(
    rows: &ListRows,
    read: &ReadOptions,
    mapping: &Mapping,
    log: Option<&(Arc<ContactTable>, Mapping)>,
    (cycle, today): (Cycle, NaiveDate),
    settings: &Settings,
    p: &Progress,
) -> crate::Result<Analysis> {
    rows.check()?;
    let cells: Vec<String> = settings
        .priority
        .iter()
        .filter_map(|c| engine::priority_column(rows, c).ok())
        .collect();
    let log_of = || Ok(log.map(|(t, m)| ((**t).clone(), m.clone())));
    let s = engine::OnePass {
        path: &rows.path,
        opts: read,
        mapping_of: &|_| Ok(mapping.clone()),
        log_of: &log_of,
        cycle,
        today,
        cells: &cells,
    }
    .analyze(p)?;
    if s.analysis.row_contact.len() != rows.rows() || s.list.table.headers != rows.headers {
        return Err(crate::Error::input(
            &rows.path,
            None,
            "the file changed since it was read; open it again",
        ));
    }
    rows.keep_columns(&s.cells);
    Ok(s.analysis)
}
