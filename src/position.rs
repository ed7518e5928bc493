//! Byte offsets ⇄ LSP positions. The analysis speaks UTF-8 byte offsets; editors speak
//! (line, character) where character counts UTF-16 code units (VS Code) or UTF-8 bytes
//! (clients that negotiate it, LSP 3.17). This is the one place that converts between them.
//! Positions past the end of a line or inside a multi-byte character are clamped, never an error.

use serde::Serialize;

use crate::draft::Edit;

/// How the `character` of a position is counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
}

/// A zero-based (line, character) position.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Range {
    pub start: Position,
    pub end: Position,
}

/// Line starts of a text, for converting offsets both ways.
///
/// Converting an offset costs a binary search over the lines and one over the multi-byte
/// characters of its line (none for a line of ASCII), however long the line: a single-line
/// draft of 100,000 curly quote marks, each one a finding, converts in linear time overall.
///
/// After an edit, [`LineIndex::edit`] updates the index by scanning only the inserted text, so
/// that a keystroke in a long draft does not cost a scan of the whole draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineIndex {
    /// The byte offset where each line starts (lines end at `\n`).
    line_starts: Vec<usize>,
    /// For each character that takes more UTF-8 bytes than UTF-16 units (everything past
    /// ASCII): its offset, and the total of those extra bytes up to and including it.
    extra: Vec<(usize, usize)>,
    /// For each line, the index in `extra` of its first such character (or of the next line's);
    /// one more entry than there are lines, for the end.
    line_extra: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut index = LineIndex {
            line_starts: vec![0],
            extra: Vec::new(),
            line_extra: vec![0],
            len: text.len(),
        };
        scan(
            text.as_bytes(),
            0,
            0,
            &mut index.line_starts,
            &mut index.extra,
            &mut index.line_extra,
        );
        index.line_extra.push(index.extra.len());
        index
    }

    /// Updates the index of a text in which `removed` bytes at `start` were replaced by
    /// `inserted` bytes; `text` is the text after the edit. `start` and `start + removed` must
    /// be character boundaries of the text before the edit (as [`LineIndex::offset`] gives).
    /// The result equals `LineIndex::new(text)`; it costs a scan of the inserted text and a
    /// shift of the entries after the edit, not a scan of the whole text.
    pub fn edit(&mut self, text: &str, start: usize, removed: usize, inserted: usize) {
        let end = start + removed;
        let new_end = start + inserted;
        // What the inserted text holds: line starts and multi-byte characters, with totals
        // counted from those before the edit, and for each new line the count of multi-byte
        // characters before it.
        let first_extra = self.extra.partition_point(|&(at, _)| at < start);
        let last_extra = self.extra.partition_point(|&(at, _)| at < end);
        let total_before = first_extra.checked_sub(1).map_or(0, |i| self.extra[i].1);
        let removed_total = last_extra.checked_sub(1).map_or(0, |i| self.extra[i].1) - total_before;
        let (mut starts, mut extra, mut line_extra) = (Vec::new(), Vec::new(), Vec::new());
        scan(
            &text.as_bytes()[start..new_end],
            start,
            total_before,
            &mut starts,
            &mut extra,
            &mut line_extra,
        );
        let added_total = extra.last().map_or(0, |&(_, total)| total - total_before);
        // `line_extra` of the new lines counts from the first character of the insertion.
        for count in &mut line_extra {
            *count += first_extra;
        }
        // Lines whose break was inside the replaced text go; those after it move.
        let first_line = self.line_starts.partition_point(|&s| s <= start);
        let last_line = self.line_starts.partition_point(|&s| s <= end);
        for s in &mut self.line_starts[last_line..] {
            *s = *s - removed + inserted;
        }
        self.line_starts.splice(first_line..last_line, starts);
        let (gone, added) = (last_extra - first_extra, extra.len());
        for count in &mut self.line_extra[last_line..] {
            *count = *count - gone + added;
        }
        self.line_extra.splice(first_line..last_line, line_extra);
        for (at, total) in &mut self.extra[last_extra..] {
            *at = *at - removed + inserted;
            *total = *total - removed_total + added_total;
        }
        self.extra.splice(first_extra..last_extra, extra);
        self.len = text.len();
    }

    /// The extra UTF-8 bytes of the first `n` characters of `extra`.
    fn extra_total(&self, n: usize) -> usize {
        n.checked_sub(1).map_or(0, |i| self.extra[i].1)
    }

    /// The extra UTF-8 bytes of the characters on `line` that start before `offset`.
    fn extra_on_line_before(&self, line: usize, offset: usize) -> usize {
        let first = self.line_extra[line];
        let on_line = &self.extra[first..self.line_extra[line + 1]];
        match on_line.partition_point(|&(at, _)| at < offset) {
            0 => 0,
            n => on_line[n - 1].1 - first.checked_sub(1).map_or(0, |i| self.extra[i].1),
        }
    }

    /// The position of a byte offset. Offsets past the end or inside a character are moved
    /// back to the nearest character boundary before them.
    pub fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let offset = floor_char_boundary(text, offset.min(self.len));
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        self.position_on_line(line, offset, encoding)
    }

    /// A reader of positions in `text` for offsets that mostly come in increasing order, as the
    /// findings of an analysis do: each search starts at the line of the one before, so a
    /// position on the same or the next line costs no binary search over all the lines. Any
    /// order gives the positions [`LineIndex::position`] gives.
    pub fn cursor<'a>(&'a self, text: &'a str, encoding: Encoding) -> Cursor<'a> {
        Cursor {
            index: self,
            text,
            encoding,
            line: 0,
        }
    }

    /// The position of `offset` (a character boundary) on `line`, the line it is on.
    fn position_on_line(&self, line: usize, offset: usize, encoding: Encoding) -> Position {
        let bytes = offset - self.line_starts[line];
        let character = match encoding {
            Encoding::Utf8 => bytes,
            Encoding::Utf16 => bytes - self.extra_on_line_before(line, offset),
        };
        Position {
            line: line as u32,
            character: character as u32,
        }
    }

    pub fn range(&self, text: &str, span: crate::Span, encoding: Encoding) -> Range {
        Range {
            start: self.position(text, span.start, encoding),
            end: self.position(text, span.end, encoding),
        }
    }

    /// The byte offset of a position. A line past the end gives the end of the text; a
    /// character past the end of its line gives the end of that line (before its newline); a
    /// character inside a multi-byte character or surrogate pair gives that character's start.
    pub fn offset(&self, text: &str, position: Position, encoding: Encoding) -> usize {
        let line = position.line as usize;
        let Some(&line_start) = self.line_starts.get(line) else {
            return self.len;
        };
        let line_end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(self.len)
            .min(self.len);
        let line_text = &text[line_start..line_end];
        // The line's content stops before `\n` or `\r\n`; a `\r` not followed by `\n` is a
        // character, as it is for `position`.
        let content = match line_text.strip_suffix('\n') {
            Some(content) => content.strip_suffix('\r').unwrap_or(content),
            None => line_text,
        };
        let want = position.character as usize;
        let mut units = 0usize;
        for (i, ch) in content.char_indices() {
            let width = match encoding {
                Encoding::Utf8 => ch.len_utf8(),
                Encoding::Utf16 => ch.len_utf16(),
            };
            if units + width > want {
                return line_start + i;
            }
            units += width;
        }
        line_start + content.len()
    }

    pub fn span(&self, text: &str, range: Range, encoding: Encoding) -> crate::Span {
        let start = self.offset(text, range.start, encoding);
        let end = self.offset(text, range.end, encoding).max(start);
        crate::Span::new(start, end)
    }

    /// Number of lines (a text ending in a newline has an empty last line).
    pub fn line_count(&self) -> u32 {
        self.line_starts.len() as u32
    }
}

/// See [`LineIndex::cursor`].
pub struct Cursor<'a> {
    index: &'a LineIndex,
    text: &'a str,
    encoding: Encoding,
    /// The line of the previous offset.
    line: usize,
}

impl Cursor<'_> {
    pub fn position(&mut self, offset: usize) -> Position {
        let offset = floor_char_boundary(self.text, offset.min(self.index.len));
        self.seek(offset);
        self.index
            .position_on_line(self.line, offset, self.encoding)
    }

    /// The range of a span: both ends as [`Cursor::position`] gives them.
    #[inline(always)]
    pub fn range(&mut self, span: crate::Span) -> Range {
        let index = self.index;
        let start = floor_char_boundary(self.text, span.start.min(index.len));
        let end = floor_char_boundary(self.text, span.end.min(index.len));
        self.seek(start);
        let line = self.line;
        // A span nearly always ends on the line it starts on: then the end's column is counted
        // on from the start's, without a search of the lines, and over the multi-byte
        // characters of the line from the start's on.
        let next_line = index.line_starts.get(line + 1).copied();
        if end < start || next_line.is_some_and(|next| end >= next) {
            return Range {
                start: index.position_on_line(line, start, self.encoding),
                end: self.position(end),
            };
        }
        let line_start = index.line_starts[line];
        let (start_extra, end_extra) = match self.encoding {
            Encoding::Utf8 => (0, 0),
            Encoding::Utf16 => {
                let first = index.line_extra[line];
                let on_line = &index.extra[first..index.line_extra[line + 1]];
                let before_start = on_line.partition_point(|&(at, _)| at < start);
                let before_end =
                    before_start + on_line[before_start..].partition_point(|&(at, _)| at < end);
                let line_total = index.extra_total(first);
                let extra = |n: usize| n.checked_sub(1).map_or(0, |i| on_line[i].1 - line_total);
                (extra(before_start), extra(before_end))
            }
        };
        let at = |offset: usize, extra: usize| Position {
            line: line as u32,
            character: (offset - line_start - extra) as u32,
        };
        Range {
            start: at(start, start_extra),
            end: at(end, end_extra),
        }
    }

    /// Moves to the line of `offset`, a character boundary of the text.
    #[inline(always)]
    fn seek(&mut self, offset: usize) {
        let starts = &self.index.line_starts;
        // The same line, or a few lines on, one at a time: the next span is usually on its line
        // or a paragraph or two on. Then galloping.
        if starts[self.line] <= offset {
            for _ in 0..4 {
                match starts.get(self.line + 1) {
                    Some(&next) if next <= offset => self.line += 1,
                    _ => return,
                }
            }
        }
        // Galloping: lines 1, 2, 4, 8… away until one is past the offset, then a binary search
        // between the last two, so a finding a few lines after the previous one takes a few
        // steps whatever the length of the draft.
        let (mut low, mut high) = (self.line, self.line + 1);
        if starts[low] <= offset {
            let mut step = 1;
            while starts.get(high).is_some_and(|&start| start <= offset) {
                low = high;
                high = (high + step).min(starts.len());
                step *= 2;
            }
        } else {
            let mut step = 1;
            high = low;
            low = low.saturating_sub(step);
            while starts[low] > offset {
                high = low;
                step *= 2;
                low = low.saturating_sub(step);
            }
        }
        // The line is in `low..high`: its start is at or before the offset, the next one's after.
        self.line = low + starts[low..high].partition_point(|&start| start <= offset) - 1;
    }
}

/// Applies one LSP `textDocument/didChange` content change to `text`, as the language server
/// does. With a range, the range is replaced after clamping each end as [`LineIndex::offset`]
/// does (past a line's end, past the last line, inside a character or a surrogate pair); a range
/// whose end comes before its start is taken from the earlier to the later position. Without a
/// range, the whole text is replaced. Never panics, whatever the range.
pub fn apply_change(text: &mut String, range: Option<Range>, new_text: &str, encoding: Encoding) {
    // Through the server's own path, so that every test and fuzzer of this function exercises
    // the index update too.
    let mut index = LineIndex::new(text);
    apply_change_indexed(text, &mut index, range, new_text, encoding);
}

/// [`apply_change`] that keeps `index`, the line index of `text`, up to date: after the change
/// it equals `LineIndex::new(text)`. The language server keeps one index per document and
/// updates it this way at every keystroke. Returns the bytes the change replaced, and those it
/// put in their place; `None` when it replaced the whole text.
pub fn apply_change_indexed(
    text: &mut String,
    index: &mut LineIndex,
    range: Option<Range>,
    new_text: &str,
    encoding: Encoding,
) -> Option<Edit> {
    let edit = match range {
        None => {
            text.clear();
            text.push_str(new_text);
            *index = LineIndex::new(text);
            None
        }
        Some(range) => {
            let (start, end) = change_offsets(text, index, range, encoding);
            text.replace_range(start..end, new_text);
            index.edit(text, start, end - start, new_text.len());
            Some(Edit {
                start,
                old_end: end,
                new_end: start + new_text.len(),
            })
        }
    };
    // Debug builds (the tests, the protocol tests, the fuzzers) check every update.
    debug_assert!(*index == LineIndex::new(text), "line index out of date");
    edit
}

/// The bytes a change's range covers: both ends clamped as [`LineIndex::offset`] clamps them,
/// the earlier first.
fn change_offsets(
    text: &str,
    index: &LineIndex,
    range: Range,
    encoding: Encoding,
) -> (usize, usize) {
    let start = index.offset(text, range.start, encoding);
    let end = index.offset(text, range.end, encoding);
    (start.min(end), start.max(end))
}

/// Finds the line starts and the characters longer in UTF-8 than in UTF-16 of `bytes`, which
/// begin at offset `base` of their text, after `total` extra bytes before them; appends them to
/// `line_starts`, `extra` (with running totals) and `line_extra` (`extra`'s length at each line
/// start).
fn scan(
    bytes: &[u8],
    base: usize,
    mut total: usize,
    line_starts: &mut Vec<usize>,
    extra: &mut Vec<(usize, usize)>,
    line_extra: &mut Vec<usize>,
) {
    let mut i = 0;
    while i < bytes.len() {
        // Sixteen or eight bytes at a time over ASCII without a line break; from a word with a
        // line break or a byte past ASCII, straight to the first of them.
        if let Some((chunk, _)) = bytes[i..].split_first_chunk::<16>() {
            let (low, high) = chunk.split_at(8);
            let low = special(u64::from_le_bytes(low.try_into().expect("8 bytes")));
            let high = special(u64::from_le_bytes(high.try_into().expect("8 bytes")));
            if low | high == 0 {
                i += 16;
                continue;
            }
            i += if low != 0 {
                low.trailing_zeros() as usize / 8
            } else {
                8 + high.trailing_zeros() as usize / 8
            };
        } else if let Some((chunk, _)) = bytes[i..].split_first_chunk::<8>() {
            let found = special(u64::from_le_bytes(*chunk));
            if found == 0 {
                i += 8;
                continue;
            }
            i += found.trailing_zeros() as usize / 8;
        }
        match bytes[i] {
            b'\n' => {
                line_starts.push(base + i + 1);
                line_extra.push(extra.len());
                i += 1;
            }
            // The first byte of a character of two bytes (one UTF-16 unit), or of three or
            // four (one or two units): one or two bytes more than units. Its continuation bytes
            // are not characters: skipped.
            first @ 0xC0.. => {
                let (len, more) = if first < 0xE0 {
                    (2, 1)
                } else if first < 0xF0 {
                    (3, 2)
                } else {
                    (4, 2)
                };
                total += more;
                extra.push((base + i, total));
                i += len;
            }
            _ => i += 1,
        }
    }
}

/// The high bit of each byte of `word` that is a line break or past ASCII. A borrow can flag a
/// byte above a line break wrongly, never one below it: the lowest flag is exact.
fn special(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let newline = word ^ (ONES * u64::from(b'\n'));
    (word | (newline.wrapping_sub(ONES) & !newline)) & HIGH
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Span;

    const TEXT: &str = "“Quote,” she said — 😀 ok\nline two\r\nthird";

    /// Every replacement of every range of character boundaries (clamped positions included)
    /// in texts with line breaks, CRLF, lone CRs and characters of two, three and four bytes,
    /// by texts with and without line breaks and multi-byte characters: the updated index is
    /// the index of the new text, and the text is what [`apply_change`] makes.
    #[test]
    fn an_index_updated_by_an_edit_equals_a_new_index() {
        let texts = [
            "",
            "a",
            "\n",
            "ab\ncd",
            "“Hi,” é\r\n😀\n\nx\r中",
            "line one is long enough for words\nline two 😀 too\n",
        ];
        let inserts = [
            "",
            "z",
            "\n",
            "é\n😀",
            "\r\n“q”\n\n",
            "long ascii run without breaks",
        ];
        for text in texts {
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for (i, &start) in bounds.iter().enumerate() {
                for &end in &bounds[i..] {
                    for insert in inserts {
                        let mut edited = text.to_string();
                        edited.replace_range(start..end, insert);
                        let mut index = LineIndex::new(text);
                        index.edit(&edited, start, end - start, insert.len());
                        assert_eq!(
                            index,
                            LineIndex::new(&edited),
                            "{text:?}: {start}..{end} -> {insert:?}"
                        );
                    }
                }
            }
        }
        // Through positions, in both encodings, clamped ones included, and a whole-text change.
        let at = |line, character| Position { line, character };
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let mut text = TEXT.to_string();
            let mut index = LineIndex::new(&text);
            let mut expected = text.clone();
            for (range, insert) in [
                (
                    Some(Range {
                        start: at(0, 3),
                        end: at(1, 2),
                    }),
                    "x\ny",
                ),
                (
                    Some(Range {
                        start: at(9, 9),
                        end: at(0, 1),
                    }),
                    "😀",
                ),
                (
                    Some(Range {
                        start: at(0, 0),
                        end: at(0, 0),
                    }),
                    "\r\n",
                ),
                (None, "new\ntext"),
                (
                    Some(Range {
                        start: at(1, 1),
                        end: at(1, 99),
                    }),
                    "é",
                ),
            ] {
                apply_change_indexed(&mut text, &mut index, range, insert, encoding);
                apply_change(&mut expected, range, insert, encoding);
                assert_eq!(text, expected);
                assert_eq!(index, LineIndex::new(&text), "{encoding:?} {range:?}");
            }
        }
    }

    /// Offsets forward one by one, backward, on the next line, jumping far both ways, past the
    /// end and inside characters, and spans from them: a cursor gives what `position` and
    /// `range` give.
    #[test]
    fn a_cursor_gives_the_positions_of_the_index() {
        let line = "“Curly,” she said — 😀 ok\r\n";
        let texts = [
            String::new(),
            "\n\n".into(),
            TEXT.into(),
            line.repeat(50),
            "“é” 😀 a\n".repeat(3),
            "“é” 😀 a".repeat(60),
        ];
        for text in &texts {
            let index = LineIndex::new(text);
            let len = text.len();
            let mut offsets: Vec<usize> = (0..=len + 2).collect();
            offsets.extend((0..=len + 2).rev());
            offsets.extend(
                (0..=len)
                    .step_by(7)
                    .flat_map(|i| [i, len - i, i / 2, len + 9]),
            );
            // Spans: every one in a short text; in a long one, from every offset to a few
            // lengths on, backward too, in the order of the offsets above.
            let spans: Vec<Span> = if len < 64 {
                (0..=len + 2)
                    .flat_map(|start| (0..=len + 2).map(move |end| Span::new(start, end)))
                    .collect()
            } else {
                offsets
                    .iter()
                    .flat_map(|&start| {
                        [0, 1, 2, 3, 4, 7, 30, 100, len].map(|d| {
                            [
                                Span::new(start, start + d),
                                Span::new(start, start.saturating_sub(d)),
                            ]
                        })
                    })
                    .flatten()
                    .collect()
            };
            for encoding in [Encoding::Utf8, Encoding::Utf16] {
                let mut cursor = index.cursor(text, encoding);
                for &offset in &offsets {
                    assert_eq!(
                        cursor.position(offset),
                        index.position(text, offset, encoding),
                        "{offset} in {text:?}"
                    );
                }
                let mut cursor = index.cursor(text, encoding);
                for &span in &spans {
                    assert_eq!(
                        cursor.range(span),
                        index.range(text, span, encoding),
                        "{span:?} in {text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn utf16_and_utf8_columns_after_multibyte_characters() {
        let index = LineIndex::new(TEXT);
        let ok = TEXT.find("ok").unwrap();
        // “ ” — are 1 UTF-16 unit and 3 bytes each; 😀 is 2 units and 4 bytes.
        assert_eq!(
            index.position(TEXT, ok, Encoding::Utf16),
            Position {
                line: 0,
                character: 23
            }
        );
        assert_eq!(
            index.position(TEXT, ok, Encoding::Utf8),
            Position {
                line: 0,
                character: ok as u32
            }
        );
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            let p = index.position(TEXT, ok, enc);
            assert_eq!(index.offset(TEXT, p, enc), ok);
        }
    }

    #[test]
    fn positions_round_trip_at_every_char_boundary() {
        let index = LineIndex::new(TEXT);
        for (i, _) in TEXT.char_indices().chain([(TEXT.len(), ' ')]) {
            for enc in [Encoding::Utf8, Encoding::Utf16] {
                let p = index.position(TEXT, i, enc);
                let back = index.offset(TEXT, p, enc);
                // `\r` before `\n` is not addressable as a column: it clamps to the line's end.
                if TEXT[i..].starts_with("\n") && TEXT[..i].ends_with('\r') {
                    continue;
                }
                assert_eq!(back, i, "offset {i} {enc:?} -> {p:?}");
            }
        }
    }

    #[test]
    fn apply_change_clamps_and_swaps() {
        let at = |line, character| Position { line, character };
        let mut text = TEXT.to_string();
        // Inside the surrogate pair of 😀 (UTF-16): inserted before the emoji.
        let emoji = TEXT.find('😀').unwrap();
        let col = LineIndex::new(TEXT)
            .position(TEXT, emoji, Encoding::Utf16)
            .character;
        let inside = Range {
            start: at(0, col + 1),
            end: at(0, col + 1),
        };
        apply_change(&mut text, Some(inside), "!", Encoding::Utf16);
        assert_eq!(&text[emoji..emoji + 1], "!");
        // Reversed, and past the end of the text: the tail is replaced.
        let reversed = Range {
            start: at(99, 0),
            end: at(2, 1),
        };
        apply_change(&mut text, Some(reversed), "X", Encoding::Utf8);
        assert!(text.ends_with("\r\ntX"), "{text:?}");
        // No range: the whole text.
        apply_change(&mut text, None, "new", Encoding::Utf16);
        assert_eq!(text, "new");
    }

    /// Found by the `edits` fuzz target: a `\r` at the end of the text (no `\n` after it) had a
    /// position but no offset, so an edit that deleted it deleted nothing.
    #[test]
    fn a_lone_carriage_return_is_a_character() {
        for text in ["\r", "a\rb", "x\r\ny\r"] {
            let index = LineIndex::new(text);
            for (i, _) in text.char_indices().chain([(text.len(), ' ')]) {
                if text[i..].starts_with('\n') && text[..i].ends_with('\r') {
                    continue;
                }
                for enc in [Encoding::Utf8, Encoding::Utf16] {
                    let p = index.position(text, i, enc);
                    assert_eq!(index.offset(text, p, enc), i, "{text:?} {i} {enc:?}");
                }
            }
        }
        let mut text = "\r".to_string();
        let range = Range {
            start: Position {
                line: 0,
                character: 0,
            },
            end: Position {
                line: 0,
                character: 1,
            },
        };
        apply_change(&mut text, Some(range), "", Encoding::Utf16);
        assert_eq!(text, "");
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let index = LineIndex::new(TEXT);
        let emoji = TEXT.find('😀').unwrap();
        let col = index.position(TEXT, emoji, Encoding::Utf16).character;
        // Inside the surrogate pair: the emoji's start.
        assert_eq!(
            index.offset(
                TEXT,
                Position {
                    line: 0,
                    character: col + 1
                },
                Encoding::Utf16
            ),
            emoji
        );
        // Inside the UTF-8 bytes of the emoji.
        assert_eq!(
            index.offset(
                TEXT,
                Position {
                    line: 0,
                    character: emoji as u32 + 2
                },
                Encoding::Utf8
            ),
            emoji
        );
        // Past the end of a line: before its line break.
        assert_eq!(
            index.offset(
                TEXT,
                Position {
                    line: 1,
                    character: 99
                },
                Encoding::Utf16
            ),
            TEXT.find("\r\n").unwrap()
        );
        // Past the last line: the end.
        assert_eq!(
            index.offset(
                TEXT,
                Position {
                    line: 9,
                    character: 0
                },
                Encoding::Utf16
            ),
            TEXT.len()
        );
        // Offsets inside a character or past the end.
        assert_eq!(
            index.position(TEXT, 1, Encoding::Utf8),
            Position {
                line: 0,
                character: 0
            }
        );
        assert_eq!(index.position(TEXT, 10_000, Encoding::Utf8).line, 2);
    }

    /// Every offset (inside characters and past the end too) of texts with long ASCII runs,
    /// line breaks at every alignment, emoji, CJK, combining marks, CRLF and lone CRs, against
    /// counting from the start of the line.
    #[test]
    fn positions_match_counting_at_every_offset() {
        fn counted(text: &str, offset: usize, encoding: Encoding) -> Position {
            let mut offset = offset.min(text.len());
            while !text.is_char_boundary(offset) {
                offset -= 1;
            }
            let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
            let line = text[..offset].matches('\n').count();
            let on_line = &text[line_start..offset];
            let character = match encoding {
                Encoding::Utf8 => on_line.len(),
                Encoding::Utf16 => on_line.encode_utf16().count(),
            };
            Position {
                line: line as u32,
                character: character as u32,
            }
        }
        let long = "“Curly,” she said — naïve café 😀 𝄞 中文. plain words here; ".repeat(5);
        let mut texts = vec![
            String::new(),
            "\n".into(),
            "\r".into(),
            "a\rb\r\n\r\nc\n\n".into(),
            TEXT.into(),
            "😀😀\n€\u{301}e\u{301}\r\r\n中文字\n".into(),
            format!("{long}\n{long}\r\n\n{long}"),
            "é".repeat(40),
        ];
        // A line break and a multi-byte character at every place in and around an 8-byte word.
        for at in 0..20 {
            texts.push(format!(
                "{}\n{}😀{}",
                "x".repeat(at),
                "y".repeat(at),
                "z".repeat(9)
            ));
            texts.push(format!("{}é\n{}", "x".repeat(at), "y".repeat(20 - at)));
        }
        for text in &texts {
            let index = LineIndex::new(text);
            assert_eq!(index.line_count() as usize, text.matches('\n').count() + 1);
            for offset in 0..=text.len() + 2 {
                for encoding in [Encoding::Utf8, Encoding::Utf16] {
                    assert_eq!(
                        index.position(text, offset, encoding),
                        counted(text, offset, encoding),
                        "offset {offset} {encoding:?} of {text:?}"
                    );
                }
            }
        }
    }
}
