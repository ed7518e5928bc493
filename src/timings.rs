//! How long each stage of an analysis took, so the cost of a draft can be seen and not only
//! guessed (`copydesk check --timings`, the benchmarks in `benches/`). Recording a lap costs one
//! clock read.

use std::time::{Duration, Instant};

/// The stages of one analysis, in pipeline order, with the time each took.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timings {
    pub stages: Vec<(&'static str, Duration)>,
}

impl Timings {
    /// The sum of the stages.
    pub fn total(&self) -> Duration {
        self.stages.iter().map(|(_, d)| *d).sum()
    }

    /// Adds another analysis's stages to these, stage by stage (a folder's totals).
    pub fn add(&mut self, other: &Timings) {
        for (name, duration) in &other.stages {
            match self.stages.iter_mut().find(|(n, _)| n == name) {
                Some((_, total)) => *total += *duration,
                None => self.stages.push((name, *duration)),
            }
        }
    }
}

/// Records laps into [`Timings`]: each lap is the time since the previous one.
pub struct Stopwatch<'t> {
    timings: &'t mut Timings,
    last: Instant,
}

impl<'t> Stopwatch<'t> {
    pub fn start(timings: &'t mut Timings) -> Stopwatch<'t> {
        Stopwatch {
            timings,
            last: Instant::now(),
        }
    }

    /// Ends the stage `name`, which began at the previous lap (or the start).
    pub fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.timings.stages.push((name, now - self.last));
        self.last = now;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn laps_are_in_order_and_folders_add_up_by_stage() {
        let mut one = Timings::default();
        let mut watch = Stopwatch::start(&mut one);
        watch.lap("draft");
        std::thread::sleep(Duration::from_millis(2));
        watch.lap("quotes");
        let names: Vec<_> = one.stages.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["draft", "quotes"]);
        assert!(one.stages[1].1 >= Duration::from_millis(2));
        let mut folder = one.clone();
        folder.add(&one);
        assert_eq!(folder.stages.len(), 2);
        assert_eq!(folder.total(), one.total() * 2);
    }
}
