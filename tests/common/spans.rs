//! Invariants every analysis must keep, whatever the text: shared by the property tests
//! (`tests/properties.rs`) and the fuzz targets (`fuzz/`, which include this file by path).
//!
//! Every span lies on character boundaries inside the text, and the LSP range of every span,
//! in UTF-16 and in UTF-8, is what an independent count of lines and code units gives.

use copydesk::position::{Encoding, LineIndex, Position};
use copydesk::{Analysis, Span};

/// Every span the analysis reports, with a name for messages.
pub fn all_spans(analysis: &Analysis) -> Vec<(String, Span)> {
    let mut out = Vec::new();
    for (i, p) in analysis.paragraphs.iter().enumerate() {
        out.push((format!("paragraph {i}"), *p));
    }
    for (i, q) in analysis.quotes.iter().enumerate() {
        out.push((format!("quote {i}"), q.span));
        out.push((format!("quote {i} inner"), q.inner));
        if let Some(a) = &q.attribution {
            out.push((format!("quote {i} source"), a.source));
            if let Some(cue) = a.cue {
                out.push((format!("quote {i} cue"), cue));
            }
        }
    }
    for (i, s) in analysis.speakers.iter().enumerate() {
        for (j, m) in s.mentions.iter().enumerate() {
            out.push((format!("speaker {i} mention {j}"), m.span));
        }
    }
    for (i, c) in analysis.claims.iter().enumerate() {
        out.push((format!("claim {i}"), c.span));
    }
    for (i, d) in analysis.diagnostics.iter().enumerate() {
        out.push((format!("diagnostic {i} ({})", d.code), d.span));
        for (j, r) in d.related.iter().enumerate() {
            out.push((format!("diagnostic {i} related {j}"), r.span));
        }
        for (j, f) in d.fixes.iter().enumerate() {
            for (k, e) in f.edits.iter().enumerate() {
                out.push((format!("diagnostic {i} fix {j} edit {k}"), e.span));
            }
        }
    }
    out
}

/// The position of `offset` counted independently of [`LineIndex`]: lines are split at `\n`
/// (a `\r` before it counts as a column, as in `LineIndex`), columns count UTF-16 code units
/// or UTF-8 bytes from the line's start.
pub fn independent_position(text: &str, offset: usize, encoding: Encoding) -> Position {
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() as u32;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = &text[line_start..offset];
    let character = match encoding {
        Encoding::Utf8 => column.len(),
        Encoding::Utf16 => column.encode_utf16().count(),
    };
    Position {
        line,
        character: character as u32,
    }
}

/// [`independent_position`] of every byte offset, computed in one pass (a draft of 100,000
/// findings on one line must not take quadratic time to check). Offsets inside a character
/// get the position of the character's end, and are never asked for.
fn all_positions(text: &str) -> Vec<(Position, Position)> {
    let mut out = Vec::with_capacity(text.len() + 1);
    let (mut line, mut utf16, mut utf8) = (0u32, 0u32, 0u32);
    for ch in text.chars() {
        for _ in 0..ch.len_utf8() {
            let at = |character| Position { line, character };
            out.push((at(utf16), at(utf8)));
        }
        if ch == '\n' {
            (line, utf16, utf8) = (line + 1, 0, 0);
        } else {
            utf16 += ch.len_utf16() as u32;
            utf8 += ch.len_utf8() as u32;
        }
    }
    let at = |character| Position { line, character };
    out.push((at(utf16), at(utf8)));
    out
}

/// Checks every invariant; the error names the first span that breaks one.
pub fn check_analysis(text: &str, analysis: &Analysis) -> Result<(), String> {
    let index = LineIndex::new(text);
    let positions = all_positions(text);
    for (what, span) in all_spans(analysis) {
        if span.start > span.end || span.end > text.len() {
            return Err(format!(
                "{what}: {span:?} is not inside the text of {} bytes",
                text.len()
            ));
        }
        for offset in [span.start, span.end] {
            if !text.is_char_boundary(offset) {
                return Err(format!(
                    "{what}: {span:?}: offset {offset} is inside a character"
                ));
            }
        }
        for encoding in [Encoding::Utf16, Encoding::Utf8] {
            let range = index.range(text, span, encoding);
            let pick = |offset: usize| match encoding {
                Encoding::Utf16 => positions[offset].0,
                Encoding::Utf8 => positions[offset].1,
            };
            let (want_start, want_end) = (pick(span.start), pick(span.end));
            if range.start != want_start || range.end != want_end {
                return Err(format!(
                    "{what}: {span:?} in {encoding:?} gives {range:?}, expected {want_start:?}..{want_end:?}"
                ));
            }
            // Back from positions to offsets (`LineIndex::offset` walks the line, so only for
            // texts of test size; `positions_round_trip` in tests/properties.rs covers it too).
            if text.len() > 100_000 {
                continue;
            }
            for (offset, position) in [(span.start, range.start), (span.end, range.end)] {
                // A `\r` before `\n` is not addressable: its offset maps to the line's end.
                let before_lf = text[offset..].starts_with('\n') && text[..offset].ends_with('\r');
                let back = index.offset(text, position, encoding);
                if back != offset && !before_lf {
                    return Err(format!(
                        "{what}: {position:?} in {encoding:?} maps back to {back}, not {offset}"
                    ));
                }
            }
        }
    }
    Ok(())
}
