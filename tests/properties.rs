//! Property tests for what must hold on any draft (issue 6), with drafts generated from pieces
//! biased toward what breaks text handling: curly and straight quote marks, apostrophes, em
//! dashes, emoji (surrogate pairs in UTF-16), CJK, CRLF line endings and blank lines.
//!
//! - the analysis never panics, and every span it reports lies on character boundaries inside
//!   the text, as Markdown and as plain text;
//! - every LSP range agrees with its span, in UTF-16 and in UTF-8, with an independent count;
//! - incremental edits give exactly the text of a plain splice (library), and through the real
//!   server the same diagnostics as a fresh open of the final text.

mod common;

use std::cell::RefCell;

use common::spans::{check_analysis, independent_position};
use common::{Client, Encoding as WireEncoding, without_uris};
use copydesk::position::{Encoding, Position, Range, apply_change};
use copydesk::{Config, Format, analyze};
use proptest::prelude::*;
use proptest::test_runner::{Config as RunnerConfig, TestRunner};
use serde_json::{Value, json};

/// Pieces that break naive text handling, and words the rules look at.
#[rustfmt::skip]
const PIECES: &[&str] = &[
    "“", "”", "\"", "‘", "’", "'", "«", "»", "„", "‚", "‹", "›", "—", "–", "-", "…", "😀",
    "👍🏽", "🇺🇦", "👩‍👩‍👧", "東京", "市長", "「", "」", "。", "é", "e\u{301}", "\u{200b}", "\r\n",
    "\n", "\n\n", "\r\n\r\n", "\r", "\t", " ", " ", " ", ". ", ", ", ": ", "said", " said ",
    "told", "claimed", "according to", "Okafor", "Lena Okafor", "Ms. ", "Mr. ", "a source",
    "officials", "critics say", "who spoke on condition of anonymity", "TK", "[CHECK]",
    "40 million", "record", "because", "# ", "> ", "- ", "`", "```", "*", "_", "<!--", "-->",
    "<!-- copydesk-disable-line -->", "[link](http://x.y)", "---\n", "|", "\\",
];

/// One piece of a draft.
fn piece() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(PIECES);
    prop_oneof![
        6 => fixed.prop_map(str::to_string),
        2 => "[A-Za-z]{1,8}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn draft(max_pieces: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..max_pieces).prop_map(|pieces| pieces.concat())
}

fn check(text: &str, format: Format) -> Result<(), TestCaseError> {
    let analysis = analyze(text, format, &Config::default());
    check_analysis(text, &analysis).map_err(|e| TestCaseError::fail(format!("{format:?}: {e}")))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// No panic; every span on character boundaries inside the text; every range in UTF-16 and
    /// UTF-8 equal to an independent count (both checked by `check_analysis`).
    #[test]
    fn markdown_spans_are_on_boundaries_and_ranges_agree(text in draft(120)) {
        check(&text, Format::Markdown)?;
    }

    #[test]
    fn plain_text_spans_are_on_boundaries_and_ranges_agree(text in draft(120)) {
        check(&text, Format::PlainText)?;
    }

    /// Every position of every character boundary converts to the offset it came from (the
    /// position between `\r` and `\n` excepted: it is not addressable).
    #[test]
    fn positions_round_trip(text in draft(60)) {
        let index = copydesk::position::LineIndex::new(&text);
        for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
            if text[i..].starts_with('\n') && text[..i].ends_with('\r') {
                continue;
            }
            for encoding in [Encoding::Utf16, Encoding::Utf8] {
                let p = index.position(&text, i, encoding);
                prop_assert_eq!(p, independent_position(&text, i, encoding));
                prop_assert_eq!(index.offset(&text, p, encoding), i);
            }
        }
    }

    /// Edits at valid positions give exactly a splice of the text; edits at any position (past
    /// the end, inside a character or a surrogate pair, reversed) never panic and keep the text
    /// whole; the result analyses like any fresh text.
    #[test]
    fn incremental_edits_give_the_spliced_text(
        initial in draft(40),
        edits in prop::collection::vec(edit(), 1..20),
        utf8 in any::<bool>(),
    ) {
        let encoding = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
        let mut text = initial;
        for e in &edits {
            match e {
                Edit::Offsets(a, b, new) => {
                    let (start, end) = ordered(&text, *a, *b);
                    let range = Range {
                        start: independent_position(&text, start, encoding),
                        end: independent_position(&text, end, encoding),
                    };
                    let mut expected = text.clone();
                    expected.replace_range(start..end, new);
                    apply_change(&mut text, Some(range), new, encoding);
                    prop_assert_eq!(&text, &expected);
                }
                Edit::Raw(l1, c1, l2, c2, new) => {
                    let before = text.len();
                    let range = Range {
                        start: Position { line: *l1, character: *c1 },
                        end: Position { line: *l2, character: *c2 },
                    };
                    apply_change(&mut text, Some(range), new, encoding);
                    prop_assert!(text.len() >= new.len() && text.len() <= before + new.len());
                }
            }
        }
        check(&text, Format::Markdown)?;
    }
}

#[derive(Clone, Debug)]
enum Edit {
    /// Between two offsets, as fractions of the text's length (per mille).
    Offsets(u16, u16, String),
    /// Raw line and character numbers: often past a line's end or inside a character.
    Raw(u32, u32, u32, u32, String),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        4 => (0u16..=1000, 0u16..=1000, draft(4)).prop_map(|(a, b, t)| Edit::Offsets(a, b, t)),
        1 => (0u32..12, 0u32..40, 0u32..12, 0u32..40, draft(4)).prop_map(|(a, b, c, d, t)| Edit::Raw(a, b, c, d, t)),
    ]
}

/// Two addressable offsets (character boundaries, never between `\r` and `\n`), in order.
fn ordered(text: &str, a: u16, b: u16) -> (usize, usize) {
    let at = |per_mille: u16| {
        let mut offset = text.len() * per_mille as usize / 1000;
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        if text[offset..].starts_with('\n') && text[..offset].ends_with('\r') {
            offset -= 1;
        }
        offset
    };
    let (a, b) = (at(a), at(b));
    (a.min(b), a.max(b))
}

/// Through the real server (one process for every case): a document edited with incremental
/// changes publishes exactly the diagnostics a fresh open of the final text publishes.
#[test]
fn server_incremental_edits_match_a_fresh_open() {
    for (offered, wire) in [
        ("utf-16", WireEncoding::Utf16),
        ("utf-8", WireEncoding::Utf8),
    ] {
        let client = RefCell::new(Client::start(&[offered], None));
        assert_eq!(client.borrow().encoding, wire);
        let count = RefCell::new(0);
        let mut runner = TestRunner::new(RunnerConfig {
            cases: 10,
            max_shrink_iters: 50,
            failure_persistence: None,
            ..RunnerConfig::default()
        });
        let strategy = (draft(40), prop::collection::vec(edit(), 1..12));
        runner
            .run(&strategy, |(initial, edits)| {
                let mut client = client.borrow_mut();
                let n = {
                    let mut count = count.borrow_mut();
                    *count += 1;
                    *count
                };
                let uri = client.uri(&format!("edited-{n}.md"));
                client.open(&uri, &initial);
                let mut text = initial;
                let encoding = match wire {
                    WireEncoding::Utf8 => Encoding::Utf8,
                    WireEncoding::Utf16 => Encoding::Utf16,
                };
                let mut version = 1;
                for e in &edits {
                    let (range, new) = match e {
                        Edit::Offsets(a, b, new) => {
                            let (start, end) = ordered(&text, *a, *b);
                            (client.range(&text, start, end), new)
                        }
                        Edit::Raw(l1, c1, l2, c2, new) => (
                            json!({"start": {"line": l1, "character": c1},
                                   "end": {"line": l2, "character": c2}}),
                            new,
                        ),
                    };
                    // What the server must do with the change (clamping, per the library).
                    let model_range = Range {
                        start: position(&range["start"]),
                        end: position(&range["end"]),
                    };
                    apply_change(&mut text, Some(model_range), new, encoding);
                    version += 1;
                    client.change(&uri, version, &[(range, new.as_str())]);
                }
                let edited = client.diagnostics(&uri, version);
                let fresh_uri = client.uri(&format!("fresh-{n}.md"));
                client.open(&fresh_uri, &text);
                let fresh = client.diagnostics(&fresh_uri, 1);
                for u in [&uri, &fresh_uri] {
                    client.notify("textDocument/didClose", json!({"textDocument": {"uri": u}}));
                }
                prop_assert_eq!(
                    without_uris(&edited),
                    without_uris(&fresh),
                    "text: {:?}",
                    text
                );
                Ok(())
            })
            .unwrap();
        assert_eq!(client.borrow_mut().shutdown_and_exit().code(), Some(0));
    }
}

fn position(value: &Value) -> Position {
    Position {
        line: value["line"].as_u64().unwrap() as u32,
        character: value["character"].as_u64().unwrap() as u32,
    }
}

/// The checker itself catches a span inside a character and a span past the end.
#[test]
fn the_span_checker_catches_bad_spans() {
    let text = "“Hi,” she said.";
    let mut analysis = analyze(text, Format::Markdown, &Config::default());
    assert_eq!(check_analysis(text, &analysis), Ok(()));
    analysis.paragraphs.push(copydesk::Span::new(1, 4));
    assert!(
        check_analysis(text, &analysis)
            .unwrap_err()
            .contains("inside a character")
    );
    analysis.paragraphs.pop();
    analysis
        .paragraphs
        .push(copydesk::Span::new(0, text.len() + 1));
    assert!(
        check_analysis(text, &analysis)
            .unwrap_err()
            .contains("not inside")
    );
}

/// 100,000 quote marks in a row, of each kind, in one paragraph: analysed in linear time, with
/// the span invariants kept. (Before the fixes in `quotes::scan` and `attribution::propagate`
/// 100,000 curly marks took 40 s in a debug build.)
#[test]
fn a_hundred_thousand_quote_marks_in_a_row() {
    for mark in ["“", "”", "\"", "‘", "’", "'", "«", "»", "„"] {
        let text = format!("{}\n", mark.repeat(100_000));
        for format in [Format::Markdown, Format::PlainText] {
            let start = std::time::Instant::now();
            let analysis = analyze(&text, format, &Config::default());
            let took = start.elapsed();
            assert!(took.as_secs() < 10, "{mark} {format:?}: {took:?}");
            assert_eq!(check_analysis(&text, &analysis), Ok(()));
        }
    }
}
