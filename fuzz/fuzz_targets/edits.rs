//! Sequences of LSP `didChange` content changes applied with `copydesk::position::apply_change`,
//! the function the server's document store applies them with: ranges made from valid offsets
//! (checked against a plain string splice), raw ranges anywhere (past the end, inside a
//! character, mid-surrogate, reversed; they must clamp, never panic) and full replacements.
//! The final text is analysed and its spans checked.
#![no_main]

use arbitrary::Arbitrary;
use copydesk::Format;
use copydesk::position::{Encoding, Range, apply_change};
use copydesk_fuzz::spans::independent_position;
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Change {
    /// A range between two byte offsets (taken modulo the length, moved to a boundary).
    Offsets {
        a: u16,
        b: u16,
        text: String,
    },
    /// A range of raw line/character numbers: anything goes.
    Raw {
        l1: u32,
        c1: u32,
        l2: u32,
        c2: u32,
        text: String,
    },
    /// Near-valid: small line and character numbers, often just past a line's end.
    Near {
        l1: u8,
        c1: u8,
        l2: u8,
        c2: u8,
        text: String,
    },
    Full {
        text: String,
    },
}

#[derive(Arbitrary, Debug)]
struct Input {
    utf8: bool,
    plain: bool,
    initial: String,
    changes: Vec<Change>,
}

fn boundary(text: &str, raw: u16) -> usize {
    let mut offset = raw as usize % (text.len() + 1);
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    // Between `\r` and `\n` is not addressable by a position; step back before the `\r`.
    if text[offset..].starts_with('\n') && text[..offset].ends_with('\r') {
        offset -= 1;
    }
    offset
}

fuzz_target!(|input: Input| {
    let encoding = if input.utf8 {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    };
    let mut text = input.initial;
    for change in input.changes.iter().take(64) {
        match change {
            Change::Offsets { a, b, text: new } => {
                let (a, b) = (boundary(&text, *a), boundary(&text, *b));
                let (start, end) = (a.min(b), a.max(b));
                let range = Range {
                    start: independent_position(&text, start, encoding),
                    end: independent_position(&text, end, encoding),
                };
                let mut expected = text.clone();
                expected.replace_range(start..end, new);
                apply_change(&mut text, Some(range), new, encoding);
                assert_eq!(text, expected, "{range:?}");
            }
            Change::Raw {
                l1,
                c1,
                l2,
                c2,
                text: new,
            } => {
                let range = Range {
                    start: copydesk::position::Position {
                        line: *l1,
                        character: *c1,
                    },
                    end: copydesk::position::Position {
                        line: *l2,
                        character: *c2,
                    },
                };
                let before = text.len();
                apply_change(&mut text, Some(range), new, encoding);
                // Some part of the old text (perhaps none) was replaced by `new`.
                assert!(text.len() >= new.len() && text.len() <= before + new.len());
            }
            Change::Near {
                l1,
                c1,
                l2,
                c2,
                text: new,
            } => {
                let range = Range {
                    start: copydesk::position::Position {
                        line: u32::from(*l1 % 8),
                        character: u32::from(*c1),
                    },
                    end: copydesk::position::Position {
                        line: u32::from(*l2 % 8),
                        character: u32::from(*c2),
                    },
                };
                apply_change(&mut text, Some(range), new, encoding);
            }
            Change::Full { text: new } => {
                apply_change(&mut text, None, new, encoding);
                assert_eq!(&text, new);
            }
        }
    }
    let format = if input.plain {
        Format::PlainText
    } else {
        Format::Markdown
    };
    copydesk_fuzz::analyze_and_check(&text, format, &Default::default());
});
