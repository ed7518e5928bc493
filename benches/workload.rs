//! A fixed amount of analysis work, for counting the instructions it takes:
//! `benches/instructions.py` runs this under callgrind. Instruction counts are the same from
//! run to run whatever else the machine is doing, so a step of one or two percent shows, where
//! wall times on a shared machine move by more than that from hour to hour.
//!
//!     workload full WORDS REPS        REPS full analyses of the benchmark draft of WORDS words
//!     workload keystroke WORDS REPS   REPS keystrokes in the middle of it, the cache told
//!                                     where each is and tidied between them, as the
//!                                     language server does
//!     workload plain WORDS REPS       REPS keystrokes as `keystroke`, the draft read as
//!                                     plain text (a `.txt` draft)
//!     workload linked WORDS REPS      REPS keystrokes as `keystroke`, in a paragraph that
//!                                     holds a link
//!     workload paste WORDS REPS       REPS times a paragraph that introduces new people pasted
//!                                     in the middle of it and undone (two analyses each)
//!     workload cold WORDS REPS        REPS keystrokes as `keystroke`, each after a read of
//!                                     64 MiB that leaves the processor's caches holding none
//!                                     of the analysis's memory, as a pause between keystrokes
//!                                     does on a shared machine (`sweep`)
//!
//! `cargo bench` runs it with no work to do; it says so and exits.

mod common;

/// The allocator the binary uses (src/main.rs), so the counts are those of what ships.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;

use copydesk::{AnalysisCache, Config, Format, analyze, analyze_cached};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (case, words, reps) = match args.as_slice() {
        [case, words, reps] => match (words.parse::<usize>(), reps.parse::<usize>()) {
            (Ok(words), Ok(reps)) => (case.as_str(), words, reps),
            _ => return usage(),
        },
        _ => return usage(),
    };
    let text = common::draft(words);
    let config = Config::default();
    match case {
        "full" => {
            for _ in 0..reps {
                black_box(analyze(black_box(&text), Format::Markdown, &config));
            }
        }
        "keystroke" | "cold" | "plain" | "linked" => {
            let mut text = text;
            let mut at = common::middle_of_a_word(&text);
            if case == "linked" {
                // A link written out in full just before the word typed in.
                let word = text[..at].rfind(' ').map_or(0, |i| i + 1);
                let link = "[the report](https://example.com/report) ";
                text.insert_str(word, link);
                at += link.len();
            }
            let mut edited = text.clone();
            edited.insert(at, 'x');
            // The sweep's memory is set aside before the counted work, and only for `cold`.
            let memory = if case == "cold" {
                vec![1u8; SWEPT]
            } else {
                Vec::new()
            };
            let format = if case == "plain" {
                Format::PlainText
            } else {
                Format::Markdown
            };
            in_turn((&text, format), (&edited, at), reps, &config, || {
                if !memory.is_empty() {
                    sweep(&memory);
                }
            });
        }
        "paste" => {
            // A paragraph from further on in the same scheme, whose people the draft has not
            // met, pasted at the paragraph break nearest the middle, then undone.
            let at = text[..text.len() / 2].rfind("\n\n").map_or(0, |i| i + 2);
            let further = common::draft(words + 3_000);
            let paragraph = further[text.len()..]
                .split("\n\n")
                .find(|p| {
                    (30..=90).contains(&p.split_whitespace().count()) && p.contains(['“', '"'])
                })
                .expect("a paragraph with a quote");
            let pasted = format!("{}{paragraph}\n\n{}", &text[..at], &text[at..]);
            in_turn(
                (&text, Format::Markdown),
                (&pasted, at),
                2 * reps,
                &config,
                || (),
            );
        }
        _ => usage(),
    }
}

/// Analyses `text` (read as `format`) with a new cache, then `analyses` times `edited` (`text`
/// with something inserted at `at`) and `text` in turn with it, telling the cache each time
/// where the text changed and tidying it after each, as the language server does, and calling
/// `between` before each.
fn in_turn(
    (text, format): (&str, Format),
    (edited, at): (&str, usize),
    analyses: usize,
    config: &Config,
    mut between: impl FnMut(),
) {
    let inserted = edited.len() - text.len();
    let versions = [
        (edited, common::inserted(at, inserted)),
        (text, common::removed(at, inserted)),
    ];
    let mut cache = AnalysisCache::default();
    analyze_cached(text, format, config, &mut cache);
    cache.tidy();
    for k in 0..analyses {
        between();
        let (version, edit) = versions[k % 2];
        cache.edited(Some(edit));
        black_box(analyze_cached(version, format, config, &mut cache));
        cache.tidy();
    }
}

/// How much memory [`sweep`] reads: twice the development machine's last-level cache.
const SWEPT: usize = 64 << 20;

/// Reads a byte of each 64-byte line of `memory`, which pushes everything else out of caches
/// smaller than it. Its own cache misses are counted apart (benches/instructions.py's `cold`
/// case leaves this function out).
#[inline(never)]
fn sweep(memory: &[u8]) {
    let mut sum = 0u8;
    for i in (0..memory.len()).step_by(64) {
        sum = sum.wrapping_add(memory[i]);
    }
    black_box(sum);
}

fn usage() {
    eprintln!(
        "workload: a fixed amount of work for benches/instructions.py to count \
         (workload full|keystroke|plain|linked|paste|cold WORDS REPS); nothing to do"
    );
}
