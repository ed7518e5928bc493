//! How long `copydesk::analyze` takes on drafts of about 1,000, 10,000 and 100,000 words, with
//! every rule on (the default configuration).
//!
//! The drafts are the fixture stories repeated with a growing cast (`common::draft`).
//! `keystroke` is the language server's case: one character typed in the middle of the draft and
//! the draft analysed again with the document's [`AnalysisCache`], which keeps the paragraphs
//! the edit did not touch, tidied between keystrokes as the server does once it has published;
//! `keystroke_untidied` is the same without the tidying.
//! `cargo bench --bench stages` breaks the same analyses down by stage.
//!
//! Run with `cargo bench --bench analysis`.

mod common;

/// The allocator the binary uses (src/main.rs), so the figures are those that ship.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::cell::RefCell;

use common::draft;
use copydesk::{AnalysisCache, Config, Format, analyze, analyze_cached};
use divan::Bencher;
use divan::counter::BytesCount;

fn main() {
    // The drafts really are the sizes the benchmarks claim, and really have a large cast.
    for words in [1_000, 10_000, 100_000] {
        let text = draft(words);
        let n = text.split_whitespace().count();
        assert!(n >= words && n < words + 1_200, "{words}: {n} words");
    }
    let speakers = analyze(&draft(10_000), Format::Markdown, &Config::default())
        .speakers
        .len();
    assert!(
        speakers > 100,
        "a 10,000-word draft has only {speakers} speakers"
    );
    divan::main();
}

#[divan::bench(args = [1_000, 10_000, 100_000])]
fn markdown(bencher: Bencher, words: usize) {
    let text = draft(words);
    let config = Config::default();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| analyze(divan::black_box(&text), Format::Markdown, &config));
}

#[divan::bench(args = [1_000, 10_000, 100_000])]
fn plain_text(bencher: Bencher, words: usize) {
    let text = draft(words);
    let config = Config::default();
    bencher
        .counter(BytesCount::of_str(&text))
        .bench(|| analyze(divan::black_box(&text), Format::PlainText, &config));
}

/// One character typed in the middle of the draft (and deleted again on the next run), analysed
/// with the cache kept from the version before, told where the text changed and tidied before
/// each keystroke (outside the timing), as the language server does once it has published
/// (`AnalysisCache::edited`, `AnalysisCache::tidy`). One keystroke per sample, so that each is
/// tidied right before it.
#[divan::bench(args = [1_000, 10_000, 100_000], sample_size = 1)]
fn keystroke(bencher: Bencher, words: usize) {
    let mut typing = Typing::new(words);
    let bytes = BytesCount::of_str(&typing.text);
    let cache = RefCell::new(AnalysisCache::default());
    typing.next(&mut cache.borrow_mut());
    bencher
        .counter(bytes)
        .with_inputs(|| cache.borrow_mut().tidy())
        .bench_local_values(|()| typing.next(&mut cache.borrow_mut()));
}

/// [`keystroke`] without the tidying: each analysis also frees what the last one was done with
/// and clones the kept registry for itself (a client of the library that never calls `tidy`).
#[divan::bench(args = [1_000, 10_000, 100_000])]
fn keystroke_untidied(bencher: Bencher, words: usize) {
    let mut typing = Typing::new(words);
    let bytes = BytesCount::of_str(&typing.text);
    let mut cache = AnalysisCache::default();
    typing.next(&mut cache);
    bencher
        .counter(bytes)
        .bench_local(|| typing.next(&mut cache));
}

/// A draft of `words` words and the same with a character typed in the middle of a word,
/// analysed in turn.
struct Typing {
    text: String,
    typed: String,
    /// Where the character is typed.
    at: usize,
    config: Config,
    flip: bool,
}

impl Typing {
    fn new(words: usize) -> Typing {
        let text = draft(words);
        let at = common::middle_of_a_word(&text);
        let mut typed = text.clone();
        typed.insert(at, 'x');
        Typing {
            text,
            typed,
            at,
            config: Config::default(),
            flip: false,
        }
    }

    /// Analyses the other version with `cache`, telling it where the text changed as the
    /// language server does.
    fn next(&mut self, cache: &mut AnalysisCache) -> copydesk::Analysis {
        self.flip = !self.flip;
        let (version, edit) = if self.flip {
            (&self.typed, common::inserted(self.at, 1))
        } else {
            (&self.text, common::removed(self.at, 1))
        };
        cache.edited(Some(edit));
        analyze_cached(
            divan::black_box(version),
            Format::Markdown,
            &self.config,
            cache,
        )
    }
}
