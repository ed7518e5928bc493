//! Plain-text drafts: paragraphs are separated by blank lines. Wire copy and pasted articles often
//! put one paragraph per line with no blank line between; a block whose lines run longer than any
//! hard-wrapped line would is read that way, one paragraph per line.

use super::in_line::{Old, Splice};
use super::{BlockKind, Blocks, Edit, line_start};
use crate::model::Span;

/// Hard-wrapped prose stays under this many characters a line.
const WRAPPED_LINE_MAX: usize = 100;

pub(super) fn blocks(text: &str) -> Blocks {
    Blocks {
        prose: text.to_string(),
        paragraphs: paragraphs(text),
        comments: Vec::new(),
    }
}

/// The splice that turns the previous version `old` into `text`, which differ where `edit`
/// says. A blank line sets apart the blocks before and after it, and one that the edit does not
/// touch is blank in both versions: so only the blocks between the blank lines on either side
/// of the edit can change, and they are read again on their own, where they stand; the
/// paragraphs before them are kept, and those after them shifted. The prose of a plain-text
/// draft is its text, so the edit is the prose's too. Unlike a full parse, it neither copies
/// the text nor reads its other lines.
pub(super) fn splice(old: &Old, text: &str, edit: Edit) -> Option<Splice> {
    let start = run_start(old.text, edit.start);
    let old_stop = run_end(old.text, edit.old_end);
    let new_stop = (old_stop - edit.old_end).checked_add(edit.new_end)?;
    let region = text.get(start..new_stop)?;
    let before = old
        .paragraphs
        .partition_point(|(span, _)| span.start < start);
    let after = old
        .paragraphs
        .partition_point(|(span, _)| span.start < old_stop);
    let read = paragraphs(region);
    let mut spliced = Vec::with_capacity(old.paragraphs.len() + read.len());
    spliced.extend_from_slice(&old.paragraphs[..before]);
    spliced.extend(
        read.iter()
            .map(|&(span, kind)| (Span::new(span.start + start, span.end + start), kind)),
    );
    let moved = |at: usize| at - old_stop + new_stop;
    spliced.extend(
        old.paragraphs[after..]
            .iter()
            .map(|&(span, kind)| (Span::new(moved(span.start), moved(span.end)), kind)),
    );
    // The edit as found where it can cut both texts (the common ends are found byte by byte),
    // or else the lines read again, which start and end lines.
    let cuts = |s: &str, at: [usize; 2]| at.iter().all(|&i| s.is_char_boundary(i));
    let edit =
        if cuts(old.text, [edit.start, edit.old_end]) && cuts(text, [edit.start, edit.new_end]) {
            edit
        } else {
            Edit {
                start,
                old_end: old_stop,
                new_end: new_stop,
            }
        };
    Some(Splice {
        edit,
        paragraphs: spliced,
        comments: Vec::new(),
        prose: None,
        parsed: before..before + read.len(),
    })
}

/// Where the lines that hold offset `at` begin: after the last blank line wholly before it
/// (with the line break that ends it, and the one before it), or at the start of the text.
fn run_start(text: &str, at: usize) -> usize {
    let mut line = line_start(text.as_bytes(), at);
    while line > 0 {
        let previous = line_start(text.as_bytes(), line - 1);
        if is_blank(&text[previous..line - 1]) {
            break;
        }
        line = previous;
    }
    line
}

/// Where the lines that hold offset `at` end: at the first blank line after the line break that
/// follows it (a line break before `at` may be the edit's, and with it the blank line would not
/// be one), or at the end of the text.
fn run_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    let mut line =
        (bytes[at..].iter().position(|&c| c == b'\n')).map_or(text.len(), |i| at + i + 1);
    while line < text.len() {
        let end = text[line..].find('\n').map_or(text.len(), |i| line + i);
        if is_blank(&text[line..end]) {
            return line;
        }
        line = end + 1;
    }
    text.len()
}

/// A line with nothing but white space: as [`paragraphs`] reads lines, it ends a block.
fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// The paragraphs of plain text: blocks of lines between blank lines, or each line of a block
/// with a long line.
fn paragraphs(text: &str) -> Vec<(Span, BlockKind)> {
    let mut paragraphs = Vec::new();
    let mut block: Vec<Span> = Vec::new();
    let mut start = 0;
    let flush = |block: &mut Vec<Span>, paragraphs: &mut Vec<(Span, BlockKind)>| {
        if block.is_empty() {
            return;
        }
        // A block of one line is one paragraph either way: its length is not counted.
        let long = block.len() > 1 && block.iter().any(|line| is_long(line.text(text)));
        if long {
            paragraphs.extend(block.iter().map(|&line| (line, BlockKind::Text)));
        } else {
            paragraphs.push((
                Span::new(block[0].start, block[block.len() - 1].end),
                BlockKind::Text,
            ));
        }
        block.clear();
    };
    // The line breaks found by `memchr`, not a `char` search that decodes every character.
    for line_end in memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]) {
        let line = trim(text, Span::new(start, line_end));
        if line.is_empty() {
            flush(&mut block, &mut paragraphs);
        } else {
            block.push(line);
        }
        start = line_end + 1;
    }
    flush(&mut block, &mut paragraphs);
    paragraphs
}

/// Whether a line has more characters than hard-wrapped prose. A character is one to four
/// bytes: a line of up to [`WRAPPED_LINE_MAX`] bytes is short, and one of more than four times
/// that is long, without counting its characters.
fn is_long(line: &str) -> bool {
    match line.len() {
        0..=WRAPPED_LINE_MAX => false,
        n if n > 4 * WRAPPED_LINE_MAX => true,
        _ => line.chars().count() > WRAPPED_LINE_MAX,
    }
}

fn trim(text: &str, span: Span) -> Span {
    let s = span.text(text);
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        Span::new(span.start, span.start)
    } else {
        Span::new(span.start + lead, span.end - trail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(text: &str) -> Vec<&str> {
        blocks(text)
            .paragraphs
            .iter()
            .map(|(s, _)| s.text(text))
            .collect()
    }

    #[test]
    fn blank_lines_separate_wrapped_paragraphs() {
        let text = "First line of a wrapped\nparagraph here.\n\n  Second one.  \r\n\n\n";
        assert_eq!(
            paragraphs(text),
            ["First line of a wrapped\nparagraph here.", "Second one."]
        );
    }

    /// `splice` for `before` edited into `after`, checked against reading `after` whole: the
    /// text, and the paragraphs.
    fn spliced(before: &str, after: &str) -> Splice {
        let kept = super::paragraphs(before);
        let old = Old {
            text: before,
            prose: before,
            paragraphs: &kept,
            comments: &[],
            definitions: false,
        };
        let splice = splice(&old, after, Edit::between(before, after)).expect("a splice");
        let mut text = before.to_string();
        splice.apply(&mut text, after);
        assert_eq!(text, after);
        assert_eq!(
            splice.paragraphs,
            super::paragraphs(after),
            "{before:?} -> {after:?}"
        );
        splice
    }

    #[test]
    fn an_edit_reads_again_only_the_lines_between_blank_lines() {
        let before = "First paragraph,\nwrapped.\n\nSecond one.\n\nThird one.\n";
        // Which paragraphs of the new version were read again, of how many.
        let read = |after: &str| {
            let splice = spliced(before, after);
            (splice.parsed, splice.paragraphs.len())
        };
        // A letter typed: its paragraph alone; a blank line typed into it: the two it makes.
        assert_eq!(read(&before.replace("Second", "Secxond")), (1..2, 3));
        assert_eq!(read(&before.replace("Second ", "Second\n\n")), (1..3, 4));
        // A blank line taken out: the two paragraphs it kept apart, now one.
        assert_eq!(
            read(&before.replace("wrapped.\n\n", "wrapped.\n")),
            (0..1, 2)
        );
        // A line break before a blank line replaced: the blank line no longer separates.
        let joined = spliced("ab\n\ncd", "abX\ncd");
        assert_eq!((joined.parsed, joined.paragraphs.len()), (0..1, 1));
        // A line made long enough that its block is read a line at a time, and short again.
        let long = "x".repeat(120);
        let lines = "One line.\nAnother line.\n\nLast.\n";
        let longer = lines.replace("One line.", &long);
        assert_eq!(spliced(lines, &longer).paragraphs.len(), 3);
        assert_eq!(spliced(&longer, lines).paragraphs.len(), 2);
    }

    proptest::proptest! {
        /// Whatever is typed, deleted or pasted, in wrapped or one-line-a-paragraph copy, the
        /// spliced paragraphs are those of reading the new text whole.
        #[test]
        fn spliced_paragraphs_are_the_read_paragraphs(
            pieces in proptest::collection::vec(
                proptest::sample::select(PIECES), 0..24),
            at in 0.0..=1.0f64,
            delete in 0usize..40,
            insert in proptest::sample::select(PIECES),
        ) {
            let before = pieces.concat();
            let after = crate::draft::splice_tests::edited(&before, at, delete, insert);
            spliced(&before, &after);
        }
    }

    /// What plain-text copy is made of: words, long lines, line breaks, blank and white lines
    /// (spaces, a no-break space, a carriage return), multi-byte characters.
    const PIECES: &[&str] = &[
        "word ",
        "Ruiz said. ",
        "“Quote,” she said.",
        "\n",
        "\n\n",
        "\n \n",
        "\n\u{a0}\n",
        "\r\n",
        "\r\n\r\n",
        "  ",
        "é",
        "😀",
        "—",
        "A line long enough to be a paragraph of its own, because nobody wraps a line this long by hand.",
    ];

    /// Lines of every length around the bounds, of one-, two-, three- and four-byte
    /// characters: long exactly when they have more characters than a wrapped line.
    #[test]
    fn a_line_is_long_by_its_characters_not_its_bytes() {
        for c in ['a', 'é', '—', '😀'] {
            for n in 0..=4 * WRAPPED_LINE_MAX + 8 {
                let line: String = std::iter::repeat_n(c, n).collect();
                assert_eq!(is_long(&line), n > WRAPPED_LINE_MAX, "{n} × {c:?}");
            }
        }
    }

    proptest::proptest! {
        /// The paragraphs are those of the plain reading: lines split at every `\n` by a
        /// `char` search, and a block long when a line has more than 100 characters.
        #[test]
        fn paragraphs_are_those_of_the_plain_reading(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..40),
        ) {
            let text = pieces.concat();
            proptest::prop_assert_eq!(super::paragraphs(&text), plain_reading(&text));
        }
    }

    /// [`super::paragraphs`] as first written, kept as the oracle of the faster one.
    fn plain_reading(text: &str) -> Vec<(Span, BlockKind)> {
        let mut paragraphs = Vec::new();
        let mut block: Vec<Span> = Vec::new();
        let mut start = 0;
        let flush = |block: &mut Vec<Span>, paragraphs: &mut Vec<(Span, BlockKind)>| {
            if block.is_empty() {
                return;
            }
            let long = block
                .iter()
                .any(|line| line.text(text).chars().count() > WRAPPED_LINE_MAX);
            if long {
                paragraphs.extend(block.iter().map(|&line| (line, BlockKind::Text)));
            } else {
                paragraphs.push((
                    Span::new(block[0].start, block[block.len() - 1].end),
                    BlockKind::Text,
                ));
            }
            block.clear();
        };
        for line_end in text.match_indices('\n').map(|(i, _)| i).chain([text.len()]) {
            let line = trim(text, Span::new(start, line_end));
            if line.is_empty() {
                flush(&mut block, &mut paragraphs);
            } else {
                block.push(line);
            }
            start = line_end + 1;
        }
        flush(&mut block, &mut paragraphs);
        paragraphs
    }

    #[test]
    fn long_lines_are_paragraphs_of_their_own() {
        let long = "“We will open the bridge in May, and not a day later than that,” the mayor said on Monday night at the county fairgrounds.";
        let text = format!("{long}\n{long}\nShort closing line.");
        assert_eq!(paragraphs(&text).len(), 3);
    }
}
