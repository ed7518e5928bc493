//! Where the time of one analysis goes: each stage of `copydesk::analyze_timed` on drafts of
//! about 1,000, 10,000 and 100,000 words (the drafts of `cargo bench --bench analysis`), the
//! fastest of many runs per stage, with its share of the whole and its cost per word. A stage
//! whose cost per word rises with the draft is one that does not grow linearly.
//!
//! Each size is timed three ways: a full analysis; one keystroke (a character typed in the
//! middle of the draft) analysed with the document's cache, told where the text changed and
//! tidied between keystrokes, as the language server does; and the same keystroke 20 ms after
//! the last one, as the language server benchmark types (benches/lsp_latency.py), the median of
//! each stage. The pause is what an editor's keystrokes have between them: on a shared machine
//! the caches, the branch predictors and the core's clock are no longer the analysis's when the
//! next one comes, and a keystroke takes several times as long as in a loop. What it touches
//! counts, not only what it computes.
//!
//! Run with `cargo bench --bench stages` (`-- 1000000` adds a size; any number of sizes;
//! `-- --plain` reads the drafts as plain text).
//!
//! `-- --drafts DIR` times full analyses of the drafts in a folder instead (every `.md`,
//! `.markdown` and `.txt` file in it, not in its subfolders as `copydesk check` would also
//! take; read into memory first), one after another on one thread, the
//! stages summed over them: the CLI's own work on `benches/cli_throughput.py`'s folder, without
//! reading the files or writing a report (`copydesk check --timings` times the same stages
//! inside the CLI).

mod common;

/// The allocator the binary uses (src/main.rs), so the figures are those that ship.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::Path;
use std::time::Duration;

use common::draft;
use copydesk::{AnalysisCache, Config, Format, Timings, analyze_cached_timed, analyze_timed};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(at) = args.iter().position(|a| a == "--drafts") {
        match args.get(at + 1) {
            Some(dir) => folder(Path::new(dir)),
            None => eprintln!("stages: --drafts needs a folder"),
        }
        return;
    }
    let mut sizes: Vec<usize> = args
        .iter()
        .filter_map(|a| a.replace('_', "").parse().ok())
        .collect();
    if sizes.is_empty() {
        sizes = vec![1_000, 10_000, 100_000];
    }
    let config = Config::default();
    // `--plain`: the drafts read as plain text (`.txt` drafts), not Markdown.
    let format = if args.iter().any(|a| a == "--plain") {
        println!("The drafts read as plain text.\n");
        Format::PlainText
    } else {
        Format::Markdown
    };
    for words in sizes {
        let text = draft(words);
        let words = text.split_whitespace().count();
        // About two seconds a size, at least three runs.
        let (_, once) = analyze_timed(&text, format, &config);
        let runs =
            (Duration::from_secs(2).as_nanos() / once.total().as_nanos().max(1)).clamp(3, 500);
        let mut fastest = once;
        for _ in 0..runs {
            let (_, t) = analyze_timed(&text, format, &config);
            keep_fastest(&mut fastest, &t);
        }
        print_table(
            words,
            text.len(),
            runs,
            &fastest,
            "full analysis",
            "fastest",
        );
        // The language server's case: a character typed mid-draft and analysed with the cache.
        let at = common::middle_of_a_word(&text);
        let mut typed = text.clone();
        typed.insert(at, 'x');
        // Told where the text changed, as the server tells it from the editor's change.
        let (typing, untyping) = (common::inserted(at, 1), common::removed(at, 1));
        let version = |run: u128| {
            if run.is_multiple_of(2) {
                (&text, untyping)
            } else {
                (&typed, typing)
            }
        };
        let mut cache = AnalysisCache::default();
        analyze_cached_timed(&text, format, &config, &mut cache);
        cache.edited(Some(typing));
        let (_, mut fastest) = analyze_cached_timed(&typed, format, &config, &mut cache);
        for run in 0..runs * 4 {
            // Tidied between keystrokes, as the server does once it has published.
            cache.tidy();
            let (version, edit) = version(run);
            cache.edited(Some(edit));
            let (_, t) = analyze_cached_timed(version, format, &config, &mut cache);
            keep_fastest(&mut fastest, &t);
        }
        print_table(
            words,
            text.len(),
            runs * 4,
            &fastest,
            "one keystroke, cached",
            "fastest",
        );
        // As the editor types: a pause before each keystroke. About four seconds a size.
        let paused = (Duration::from_secs(4).as_nanos() / (PAUSE + fastest.total()).as_nanos())
            .clamp(21, 200);
        let mut seen: Vec<Timings> = Vec::new();
        for run in 0..paused {
            cache.tidy();
            std::thread::sleep(PAUSE);
            let (version, edit) = version(run);
            cache.edited(Some(edit));
            let (_, t) = analyze_cached_timed(version, format, &config, &mut cache);
            seen.push(t);
        }
        print_table(
            words,
            text.len(),
            paused,
            &medians(&seen),
            "one keystroke 20 ms after the last, cached",
            "median",
        );
    }
}

/// The pause before each keystroke of the third table.
const PAUSE: Duration = Duration::from_millis(20);

/// Full analyses of every draft in `dir`, one after another, [`PASSES`] times over: the stages
/// of each pass summed over the drafts, and each stage's fastest pass printed.
fn folder(dir: &Path) {
    let mut paths: Vec<_> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| {
                path.extension()
                    .is_some_and(|e| e == "md" || e == "markdown" || e == "txt")
            })
            .collect(),
        Err(error) => {
            eprintln!("stages: cannot read {}: {error}", dir.display());
            return;
        }
    };
    // In one order whatever the file system lists.
    paths.sort();
    let drafts: Vec<(String, Format)> = paths
        .iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(path).ok()?;
            Some((text, Format::from_path(&path.to_string_lossy())))
        })
        .collect();
    if drafts.is_empty() {
        eprintln!("stages: no drafts in {}", dir.display());
        return;
    }
    let config = Config::default();
    let bytes: usize = drafts.iter().map(|(text, _)| text.len()).sum();
    let words: usize = drafts
        .iter()
        .map(|(text, _)| text.split_whitespace().count())
        .sum();
    let mut fastest: Option<Timings> = None;
    for _ in 0..PASSES {
        let mut pass = Timings::default();
        for (text, format) in &drafts {
            let (_, t) = analyze_timed(text, *format, &config);
            pass.add(&t);
        }
        match &mut fastest {
            Some(fastest) => keep_fastest(fastest, &pass),
            None => fastest = Some(pass),
        }
    }
    let what = format!("{} drafts, full analyses summed", drafts.len());
    let passes = u128::from(PASSES);
    print_table(
        words,
        bytes,
        passes,
        &fastest.unwrap_or_default(),
        &what,
        "fastest",
    );
}

/// How many times [`folder`] analyses its drafts.
const PASSES: u8 = 3;

/// Each stage's median over `runs`.
fn medians(runs: &[Timings]) -> Timings {
    let stages = runs[0]
        .stages
        .iter()
        .map(|&(name, _)| {
            let mut times: Vec<Duration> = runs
                .iter()
                .filter_map(|t| t.stages.iter().find(|(n, _)| *n == name))
                .map(|&(_, d)| d)
                .collect();
            times.sort();
            (name, times[times.len() / 2])
        })
        .collect();
    Timings { stages }
}

/// The fastest time seen for each stage: the least disturbed by the rest of the machine.
fn keep_fastest(fastest: &mut Timings, run: &Timings) {
    for ((_, best), (_, t)) in fastest.stages.iter_mut().zip(&run.stages) {
        *best = (*best).min(*t);
    }
}

/// `timings` are each stage's `which` ("fastest", "median") of `runs`.
fn print_table(words: usize, bytes: usize, runs: u128, timings: &Timings, what: &str, which: &str) {
    let total = timings.total();
    println!(
        "{words} words ({bytes} bytes), {what}, {which} of {runs} runs per stage: {:.3} ms in all, {:.1} MB/s",
        total.as_secs_f64() * 1e3,
        bytes as f64 / total.as_secs_f64() / 1e6
    );
    println!(
        "  {:<14} {:>10} {:>7} {:>12}",
        "stage", "µs", "share", "ns per word"
    );
    for (name, t) in &timings.stages {
        println!(
            "  {:<14} {:>10.1} {:>6.1}% {:>12.2}",
            name,
            t.as_secs_f64() * 1e6,
            100.0 * t.as_secs_f64() / total.as_secs_f64(),
            t.as_secs_f64() * 1e9 / words as f64
        );
    }
    println!();
}
