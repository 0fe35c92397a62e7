//! Named worker threads for the slow work (reading a file, analysing it), with progress,
//! cancel, and panics turned into error messages.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, mpsc};

use eframe::egui;

use std::path::PathBuf;

use crate::analysis::Analysis;
use crate::engine::{LoadedList, SpecAnalysis};
use crate::error::Error;
use crate::input::reader::ReadOptions;
use crate::input::roles::Mapping;
use crate::plan::{Fingerprint, Plan, SourceState};
use crate::pricebook::PriceBook;
use crate::progress::Progress;
use crate::segments::Group;
use crate::workspace::Spec;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JobKind {
    LoadList,
    LoadLog,
    Analyze,
    OpenSpec,
    SaveSpec,
    AnalyzeSpec,
    LoadAssumptions,
    Reconcile,
    /// Reading a plan file and checking its sources (hashing the list).
    OpenPlan,
    SavePlan,
    /// A report, the per-row file or the trimmed upload file.
    Export,
    /// The Estimate view's "Split by" groups.
    Segments,
    /// The Rows tab's statuses and credits.
    Rows,
    /// A priority column parsed and fit-to-budget's order built from it.
    Priority,
    /// Column roles remembered (or forgotten) for files with the list's columns.
    RememberMapping,
    /// The live account read (the one request), in the Account section.
    Account,
    /// The API key stored in (or removed from) the OS credential store.
    AccountKey,
}

impl JobKind {
    fn thread_name(self) -> &'static str {
        match self {
            JobKind::LoadList => "enrichplan-load-list",
            JobKind::LoadLog => "enrichplan-load-log",
            JobKind::Analyze => "enrichplan-analyze",
            JobKind::OpenSpec => "enrichplan-open-spec",
            JobKind::SaveSpec => "enrichplan-save-spec",
            JobKind::AnalyzeSpec => "enrichplan-analyze-spec",
            JobKind::LoadAssumptions => "enrichplan-load-assumptions",
            JobKind::Reconcile => "enrichplan-reconcile",
            JobKind::OpenPlan => "enrichplan-open-plan",
            JobKind::SavePlan => "enrichplan-save-plan",
            JobKind::Export => "enrichplan-export",
            JobKind::Segments => "enrichplan-segments",
            JobKind::Rows => "enrichplan-rows",
            JobKind::Priority => "enrichplan-priority",
            JobKind::RememberMapping => "enrichplan-remember-mapping",
            JobKind::Account => "enrichplan-account",
            JobKind::AccountKey => "enrichplan-account-key",
        }
    }

    /// Jobs that write a file the user asked for: never cancelled by a newer job of their
    /// kind (a second export runs beside the first), and they write in the order they
    /// were started ([`WriteTurn`]).
    pub fn writes(self) -> bool {
        matches!(
            self,
            JobKind::SaveSpec | JobKind::SavePlan | JobKind::Export
        )
    }

    /// Jobs the user can cancel from the status bar: reading and analysing. Writers finish;
    /// what is derived from the analysis (groups, row prices, a priority order) is quick
    /// and redone when asked again.
    pub fn cancellable(self) -> bool {
        !self.writes() && !matches!(self, JobKind::Segments | JobKind::Rows | JobKind::Priority)
    }

    /// Jobs that bring a list, a plan or an analysis: the views wait for them.
    pub fn loads(self) -> bool {
        matches!(
            self,
            JobKind::LoadList | JobKind::LoadLog | JobKind::Analyze | JobKind::OpenPlan
        )
    }
}

/// A list's priority column: the list, the name asked for, the values.
pub type PriorityOf = (
    Arc<crate::input::reader::ListRows>,
    String,
    Arc<crate::budget::Priority>,
);

/// A file read on a worker, with how it was read and its fingerprint (taken beside the
/// read, of the same bytes): a plan saved later records it without hashing again.
pub struct Loaded {
    pub list: LoadedList,
    pub read: ReadOptions,
    pub file: Fingerprint,
    /// The column roles the user chose for files with these columns, when remembered.
    pub remembered: Option<crate::input::roles::Mapping>,
    /// The columns that can order the fit to budget (mostly numbers), read on the worker.
    pub numeric: Vec<String>,
    /// A list read and analysed in one pass (`list.table` is then its first rows only).
    pub streamed: Option<Box<super::streamed::StreamedList>>,
}

/// A plan written by a worker: where, what, and the window's state it was made from (to
/// know whether anything changed while it was written).
pub struct SavedPlan {
    pub path: PathBuf,
    pub plan: Plan,
    pub signature: super::plans::PlanState,
    /// The plan document it was saved from (`PlansState::generation`).
    pub generation: u64,
}

/// A plan file read by a worker, with the state of its list (hashed there) and the options
/// to read it with.
pub struct OpenedPlan {
    pub path: PathBuf,
    pub plan: Plan,
    pub list: Option<(SourceState, ReadOptions)>,
}

/// Writers take turns in the order they were started, so that two saves of one file in
/// quick succession leave the newer one on disk. [`Job::spawn`] takes a writer's turn on
/// the UI thread (in order) and waits for it on the worker before the work; dropping it,
/// written or not, lets the next go.
pub(crate) struct WriteTurn(u64);

static TURNS: std::sync::Mutex<(u64, u64)> = std::sync::Mutex::new((0, 0));
static TURN_DONE: std::sync::Condvar = std::sync::Condvar::new();

impl WriteTurn {
    pub fn take() -> WriteTurn {
        let mut t = TURNS.lock().unwrap_or_else(|e| e.into_inner());
        t.0 += 1;
        WriteTurn(t.0)
    }

    /// Block until every writer started before this one has finished.
    pub fn wait(&self) {
        let mut t = TURNS.lock().unwrap_or_else(|e| e.into_inner());
        while t.1 + 1 < self.0 {
            t = TURN_DONE.wait(t).unwrap_or_else(|e| e.into_inner());
        }
    }
}

impl Drop for WriteTurn {
    fn drop(&mut self) {
        let mut t = TURNS.lock().unwrap_or_else(|e| e.into_inner());
        // Turns end in order: wait for the ones before (they end without this one).
        while t.1 + 1 < self.0 {
            t = TURN_DONE.wait(t).unwrap_or_else(|e| e.into_inner());
        }
        t.1 = self.0;
        TURN_DONE.notify_all();
    }
}

/// What a finished job hands back.
pub enum Output {
    List(Box<Loaded>),
    /// A reveal log.
    Log(Box<Loaded>),
    /// An analysis, with the priority column in force when it was parsed for it.
    /// An analysis, its fit-to-budget tables (built on the worker) and the priority column
    /// in force when it was parsed for it.
    Analysis(Box<(Analysis, crate::budget::FitMemo, Option<PriorityOf>)>),
    /// A Workspace spec read from its file, with its price book.
    Spec(Box<(Spec, PriceBook, PathBuf)>),
    /// A price book opened where a spec was expected.
    Book(Box<PriceBook>),
    SpecSaved(Box<(Spec, PathBuf)>),
    /// The analysis of a spec's sourced tables: the sources it is of, and their mappings.
    SpecAnalysis(Box<(String, SpecAnalysis, Vec<Mapping>)>),
    /// The sample of a saved calibration.
    Assumptions(crate::calibrate::Counts),
    /// The plan beside a Usage Report.
    Reconciled(Box<crate::reconcile::Reconciliation>),
    Plan(Box<OpenedPlan>),
    PlanSaved(Box<SavedPlan>),
    /// An export written to this path.
    Exported(PathBuf),
    /// The groups of this column.
    Segments(Box<(String, Vec<Group>)>),
    Rows(Box<crate::app::RowsCache>),
    /// A priority column of a list (the name asked for) parsed.
    Priority(Box<PriorityOf>),
    /// Column roles remembered (true) or forgotten (false) for these headers.
    MappingRemembered(Vec<String>, bool),
    /// The account read, or the key stored or removed (`app/account.rs`).
    Account(Box<crate::app::account::Done>),
}

/// `Err(None)`: cancelled by the user; `Err(Some(message))`: failed.
pub type JobResult = Result<Output, Option<String>>;

pub struct Job {
    pub kind: JobKind,
    /// What the job works on (a path, or a description), to refuse duplicates.
    pub key: String,
    pub label: String,
    pub progress: Arc<Progress>,
    rx: mpsc::Receiver<JobResult>,
    /// The result, once received ahead of the frame that applies it ([`Jobs::settle`]).
    early: std::cell::RefCell<Option<JobResult>>,
}

fn panic_text(p: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = p.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = p.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic".into()
    }
}

impl Job {
    /// Start `work` on a named thread. `ctx` is asked to repaint when the job ends.
    pub fn spawn(
        kind: JobKind,
        key: String,
        label: String,
        ctx: Option<egui::Context>,
        work: impl FnOnce(&Progress) -> crate::Result<Output> + Send + 'static,
    ) -> crate::Result<Job> {
        let progress = Arc::new(Progress::new());
        let (tx, rx) = mpsc::channel();
        let p = progress.clone();
        let what = label.clone();
        // Writers take their turn here, in the order they are started.
        let turn = kind.writes().then(WriteTurn::take);
        std::thread::Builder::new()
            .name(kind.thread_name().into())
            .spawn(move || {
                if let Some(t) = &turn {
                    t.wait();
                }
                let result = match catch_unwind(AssertUnwindSafe(|| work(&p))) {
                    Ok(Ok(out)) => Ok(out),
                    Ok(Err(Error::Cancelled)) => Err(None),
                    Ok(Err(e)) => Err(Some(e.to_string())),
                    Err(panic) => Err(Some(format!(
                        "internal error while {}: {}. The window is still usable; please report this with the file that caused it.",
                        what.to_lowercase(),
                        panic_text(panic.as_ref())
                    ))),
                };
                // The next writer goes once this one's file is written.
                drop(turn);
                let _ = tx.send(result);
                if let Some(ctx) = ctx {
                    ctx.request_repaint();
                }
            })
            .map_err(|e| Error::Internal(format!("could not start a worker thread: {e}")))?;
        Ok(Job {
            kind,
            key,
            label,
            progress,
            rx,
            early: Default::default(),
        })
    }

    fn try_take(&self) -> Option<JobResult> {
        if let Some(r) = self.early.borrow_mut().take() {
            return Some(r);
        }
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => {
                Some(Err(Some(format!("{}: the worker stopped", self.label))))
            }
        }
    }

    fn wait(&self) -> JobResult {
        if let Some(r) = self.early.borrow_mut().take() {
            return r;
        }
        self.rx
            .recv()
            .unwrap_or_else(|_| Err(Some(format!("{}: the worker stopped", self.label))))
    }
}

/// The running jobs. A new job replaces (cancels) a running one of its kind, except jobs
/// that write a file: several saves may run side by side, each finished and said.
#[derive(Default)]
pub struct Jobs {
    pub running: Vec<Job>,
}

impl Jobs {
    /// True when a job of this kind on this key is already running.
    pub fn is_running(&self, kind: JobKind, key: &str) -> bool {
        self.running.iter().any(|j| j.kind == kind && j.key == key)
    }

    /// Cancel the job of this kind, if any; its result is dropped.
    pub fn cancel(&mut self, kind: JobKind) {
        self.running.retain(|j| {
            if j.kind == kind {
                j.progress.cancel();
                false
            } else {
                true
            }
        });
    }

    /// Cancel what the user can cancel ([`JobKind::cancellable`]).
    pub fn cancel_user(&mut self) {
        self.running.retain(|j| {
            if j.kind.cancellable() {
                j.progress.cancel();
                false
            } else {
                true
            }
        });
    }

    /// True while a list, plan or analysis is being read or made.
    pub fn loading(&self) -> bool {
        self.running.iter().any(|j| j.kind.loads())
    }

    /// Cancel every job but the writers (a file being written is finished, and said).
    pub fn cancel_all(&mut self) {
        self.running.retain(|j| {
            if j.kind.writes() {
                return true;
            }
            j.progress.cancel();
            false
        });
    }

    /// Start a job, replacing (and cancelling) a running job of the same kind, unless it
    /// writes a file ([`JobKind::writes`]).
    pub fn start(&mut self, job: Job) {
        if !job.kind.writes() {
            self.cancel(job.kind);
        }
        self.running.push(job);
    }

    /// True while a job of this kind runs.
    pub fn runs(&self, kind: JobKind) -> bool {
        self.running.iter().any(|j| j.kind == kind)
    }

    pub fn busy(&self) -> bool {
        !self.running.is_empty()
    }

    /// Results of the jobs that have finished.
    pub fn poll(&mut self) -> Vec<(JobKind, JobResult)> {
        let mut done = Vec::new();
        self.running.retain(|j| match j.try_take() {
            Some(r) => {
                done.push((j.kind, r));
                false
            }
            None => true,
        });
        done
    }

    /// Block until every running job's worker has finished, keeping the results for the
    /// next frame to apply (tests: "finished before the next frame" without a sleep).
    pub fn settle(&self) {
        for j in &self.running {
            let mut early = j.early.borrow_mut();
            if early.is_none() {
                *early = Some(
                    j.rx.recv()
                        .unwrap_or_else(|_| Err(Some(format!("{}: the worker stopped", j.label)))),
                );
            }
        }
    }

    /// Block until the oldest running job finishes (for tests and the first load).
    pub fn wait_one(&mut self) -> Option<(JobKind, JobResult)> {
        if self.running.is_empty() {
            return None;
        }
        let job = self.running.remove(0);
        let r = job.wait();
        Some((job.kind, r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_worker_becomes_an_error_message() {
        let job = Job::spawn(
            JobKind::Analyze,
            "k".into(),
            "Analysing x".into(),
            None,
            |_| panic!("boom"),
        )
        .unwrap();
        match job.wait() {
            Err(Some(m)) => assert!(m.contains("boom") && m.contains("internal error"), "{m}"),
            _ => panic!("expected an error message"),
        }
    }

    #[test]
    fn writers_write_in_the_order_they_were_started() {
        let order = Arc::new(std::sync::Mutex::new(Vec::new()));
        let turns: Vec<WriteTurn> = (0..4).map(|_| WriteTurn::take()).collect();
        // Started in reverse, slowest first: each still waits for the ones before it.
        let handles: Vec<_> = turns
            .into_iter()
            .enumerate()
            .rev()
            .map(|(i, turn)| {
                let order = order.clone();
                std::thread::Builder::new()
                    .name(format!("writer-{i}"))
                    .spawn(move || {
                        std::thread::sleep(std::time::Duration::from_millis(5 * (4 - i as u64)));
                        turn.wait();
                        order.lock().unwrap().push(i);
                    })
                    .unwrap()
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
        assert_eq!(*order.lock().unwrap(), vec![0, 1, 2, 3]);
        // A turn dropped without writing lets the next one go.
        let (a, b) = (WriteTurn::take(), WriteTurn::take());
        drop(a);
        b.wait();
    }

    #[test]
    fn writers_are_not_cancelled_by_the_next_one_and_go_in_turn() {
        let mut jobs = Jobs::default();
        let order = Arc::new(std::sync::Mutex::new(Vec::new()));
        for (key, pause) in [("a", 60), ("b", 0)] {
            let order = order.clone();
            let job = Job::spawn(JobKind::Export, key.into(), key.into(), None, move |_| {
                // The first is the slower: the second still writes after it.
                std::thread::sleep(std::time::Duration::from_millis(pause));
                order.lock().unwrap().push(key);
                Ok(Output::Exported(PathBuf::from(key)))
            })
            .unwrap();
            jobs.start(job);
        }
        assert_eq!(jobs.running.len(), 2);
        jobs.cancel_all();
        assert_eq!(jobs.running.len(), 2, "a file being written is finished");
        assert!(jobs.running.iter().all(|j| !j.progress.is_cancelled()));
        while let Some((_, r)) = jobs.wait_one() {
            assert!(matches!(r, Ok(Output::Exported(_))));
        }
        assert_eq!(*order.lock().unwrap(), ["a", "b"]);
    }

    #[test]
    fn one_job_per_kind_and_cancel_is_silent() {
        let mut jobs = Jobs::default();
        let slow = |p: &Progress| {
            while !p.is_cancelled() {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Err(Error::Cancelled)
        };
        let a = Job::spawn(JobKind::LoadList, "a".into(), "a".into(), None, slow).unwrap();
        let first = a.progress.clone();
        jobs.start(a);
        assert!(jobs.is_running(JobKind::LoadList, "a"));
        let b = Job::spawn(JobKind::LoadList, "b".into(), "b".into(), None, slow).unwrap();
        jobs.start(b);
        assert!(first.is_cancelled());
        assert!(!jobs.is_running(JobKind::LoadList, "a"));
        assert_eq!(jobs.running.len(), 1);
        jobs.running[0].progress.cancel();
        let (_, r) = jobs.wait_one().unwrap();
        assert!(matches!(r, Err(None)));
        assert!(!jobs.busy());
    }
}
