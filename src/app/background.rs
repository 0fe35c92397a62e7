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
use crate::pricebook::PriceBook;
use crate::progress::Progress;
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
        }
    }
}

/// What a finished job hands back.
pub enum Output {
    List(Box<LoadedList>, ReadOptions),
    /// A reveal log, with the options it was read with.
    Log(Box<LoadedList>, ReadOptions),
    Analysis(Box<Analysis>),
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
    ) -> Result<Job, String> {
        let progress = Arc::new(Progress::new());
        let (tx, rx) = mpsc::channel();
        let p = progress.clone();
        let what = label.clone();
        std::thread::Builder::new()
            .name(kind.thread_name().into())
            .spawn(move || {
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
                let _ = tx.send(result);
                if let Some(ctx) = ctx {
                    ctx.request_repaint();
                }
            })
            .map_err(|e| format!("could not start a worker thread: {e}"))?;
        Ok(Job {
            kind,
            key,
            label,
            progress,
            rx,
        })
    }

    fn try_take(&self) -> Option<JobResult> {
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => {
                Some(Err(Some(format!("{}: the worker stopped", self.label))))
            }
        }
    }

    fn wait(&self) -> JobResult {
        self.rx
            .recv()
            .unwrap_or_else(|_| Err(Some(format!("{}: the worker stopped", self.label))))
    }
}

/// The running jobs: at most one of each kind.
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

    pub fn cancel_all(&mut self) {
        for j in self.running.drain(..) {
            j.progress.cancel();
        }
    }

    /// Start a job, replacing (and cancelling) a running job of the same kind.
    pub fn start(&mut self, job: Job) {
        self.cancel(job.kind);
        self.running.push(job);
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
