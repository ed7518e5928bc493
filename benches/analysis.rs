//! How long `copydesk::analyze` takes on drafts of about 1,000, 10,000 and 100,000 words, with
//! every rule on (the default configuration).
//!
//! The drafts are the fixture stories repeated with a growing cast (`common::draft`).
//! `cargo bench --bench stages` breaks the same analyses down by stage.
//!
//! Run with `cargo bench --bench analysis`.

mod common;

use common::draft;
use copydesk::{Config, Format, analyze};
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
