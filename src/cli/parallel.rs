//! Checking many drafts on all cores while the report goes out in input order: each worker
//! claims the next draft, checks it and formats its part of the report; the report writer takes
//! the parts in turn. Workers stay a bounded window ahead, so memory does not grow with the
//! number of drafts.

use std::io::Write;
use std::sync::{Condvar, Mutex};

use super::inputs::Input;
use super::{Job, Outcome, Report};

/// How many drafts may be checked ahead of the one the report is waiting for, per worker.
/// Drafts vary in size, so a few per worker keep the workers busy behind a long one; each
/// waiting draft holds only its formatted report.
const AHEAD_PER_WORKER: usize = 8;

/// How many drafts the report waits for at a time, when the next one is not ready: at most
/// `AHEAD_PER_WORKER`, so that the draft it waits for is always within the window.
const BATCH: usize = AHEAD_PER_WORKER;

/// What the workers and the report writer share.
struct Pipeline {
    state: Mutex<State>,
    /// Signalled when the outcome the report waits for is ready (or a worker panicked).
    ready: Condvar,
    /// Signalled when the report has taken an outcome and a worker waits to claim another.
    room: Condvar,
    window: usize,
}

struct State {
    /// The next input to claim.
    next: usize,
    /// How many outcomes the report has taken.
    taken: usize,
    /// Outcomes waiting for their turn: input `i` in slot `i % window`. Claims stay below
    /// `taken + window`, so no two outstanding inputs share a slot.
    slots: Vec<Option<Outcome>>,
    /// Buffers the report has finished with.
    spare: Vec<Vec<u8>>,
    /// The input the report is waiting for, if it is waiting: a worker wakes it only for that
    /// one (a wake-up is a system call even when no one waits).
    report_waits_for: Option<usize>,
    /// Workers waiting for room in the window.
    workers_waiting: usize,
    /// A worker panicked (the panic is passed on), or the report cannot be written any more
    /// (the reader went away, `| head`): everyone stops.
    failed: bool,
}

impl Pipeline {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Marks the pipeline failed if a worker unwinds, so that no one waits for it forever.
struct PanicGuard<'a>(&'a Pipeline);

impl Drop for PanicGuard<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.lock().failed = true;
            self.0.ready.notify_all();
            self.0.room.notify_all();
        }
    }
}

/// Reads, analyses and formats every input on all cores, and writes the report in input order
/// as the drafts are done: a draft's part goes out once it and every draft before it are
/// checked (a few at a time, see `BATCH`), and workers stay at most a bounded window ahead of
/// the report, so memory does not grow with the number of drafts.
pub(super) fn check_all<W: Write>(inputs: &[Input], job: &Job, report: &mut Report<W>) {
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(inputs.len().max(1));
    if workers <= 1 {
        let mut buffer = Vec::new();
        for input in inputs {
            if report.write_error.is_some() {
                break;
            }
            let outcome = job.run(input, std::mem::take(&mut buffer));
            buffer = report.add(outcome).unwrap_or_default();
        }
        return;
    }
    let window = workers * AHEAD_PER_WORKER;
    let pipeline = Pipeline {
        state: Mutex::new(State {
            next: 0,
            taken: 0,
            slots: (0..window).map(|_| None).collect(),
            spare: Vec::new(),
            report_waits_for: None,
            workers_waiting: 0,
            failed: false,
        }),
        ready: Condvar::new(),
        room: Condvar::new(),
        window,
    };
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| work(&pipeline, inputs, job));
        }
        // This thread writes the report.
        for i in 0..inputs.len() {
            let (outcome, workers_waiting) = {
                let mut state = pipeline.lock();
                loop {
                    if state.failed {
                        return;
                    }
                    if let Some(outcome) = state.slots[i % window].take() {
                        state.taken = i + 1;
                        break (outcome, state.workers_waiting > 0);
                    }
                    // Waits for a batch, not for the next draft alone: the draft a batch
                    // ahead (it is within the window, so a worker claims it), unless it is
                    // done already. Woken for every draft, the report took a system call on
                    // each side and a switch of threads a draft, on cores the workers keep
                    // busy: about 5 % of the CPU time of checking 10,000 drafts, and a fifth
                    // to a third of it for drafts of a paragraph. The parts go out a few
                    // drafts later than they could, never out of order.
                    let ahead = (i + BATCH - 1).min(inputs.len() - 1);
                    let awaited = if state.slots[ahead % window].is_some() {
                        i
                    } else {
                        ahead
                    };
                    state.report_waits_for = Some(awaited);
                    state = pipeline
                        .ready
                        .wait(state)
                        .unwrap_or_else(|e| e.into_inner());
                    state.report_waits_for = None;
                }
            };
            if workers_waiting {
                pipeline.room.notify_all();
            }
            if let Some(buffer) = report.add(outcome) {
                let mut state = pipeline.lock();
                if state.spare.len() < window {
                    state.spare.push(buffer);
                }
            }
            if report.write_error.is_some() {
                // Nobody will read the rest: stop checking drafts.
                pipeline.lock().failed = true;
                pipeline.room.notify_all();
                return;
            }
        }
    });
}

/// A worker: claims the next input while it is within the window, checks it, hands it over.
fn work(pipeline: &Pipeline, inputs: &[Input], job: &Job) {
    let _guard = PanicGuard(pipeline);
    loop {
        let (i, buffer) = {
            let mut state = pipeline.lock();
            loop {
                if state.failed || state.next >= inputs.len() {
                    return;
                }
                if state.next < state.taken + pipeline.window {
                    break;
                }
                state.workers_waiting += 1;
                state = pipeline.room.wait(state).unwrap_or_else(|e| e.into_inner());
                state.workers_waiting -= 1;
            }
            let i = state.next;
            state.next += 1;
            (i, state.spare.pop().unwrap_or_default())
        };
        let outcome = job.run(&inputs[i], buffer);
        let report_waits = {
            let mut state = pipeline.lock();
            state.slots[i % pipeline.window] = Some(outcome);
            state.report_waits_for == Some(i)
        };
        if report_waits {
            pipeline.ready.notify_one();
        }
    }
}
