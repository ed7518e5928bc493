//! A Markdown draft's blocks after whole paragraphs are pasted, deleted or replaced between two
//! top-level paragraphs (or at the draft's start or end), found by parsing only the paragraphs
//! that changed.
//!
//! A paste (and its undo) is the other common edit after typing, and it changes lines, which
//! `in_line` leaves to a new parse of the whole draft: about a third of a paste's analysis at
//! 10,000 words. Markdown is parsed block by block from the top, so where the edit is between
//! two paragraphs that are closed and at the top level, the blocks before it are as they were,
//! the edited lines parse as they would on their own, and the blocks after it are as they were
//! too, unless the edited lines reach past them. These conditions rule that out:
//!
//! - the edit covers whole blank-line-separated runs of lines in both versions (it is widened
//!   to them), with a paragraph of the old version before it (or the draft's start) and one
//!   after it (or the draft's end), both of kind [`BlockKind::Text`] and starting at the start
//!   of a line: a top-level paragraph (inside a list item or a block quote a paragraph starts
//!   after its marker or indentation), so no container, fence or HTML block is open around the
//!   edit;
//! - nothing but white space lies between those paragraphs and the edited lines, with a blank
//!   line on each side in both versions, so the edited lines cannot continue the paragraph
//!   before them, and the paragraph after them starts a block of its own;
//! - the edited lines, before and after, hold none of `` < ` ~ `` and no `\r`: no HTML or
//!   comment, no code fence that could run on past a blank line, and no line ending but `\n`;
//! - nor `[` or `]` if the draft defines a link reference (`[label]: destination`, which makes
//!   `[label]` anywhere a link) or the lines hold `]:` (they could define one). Without one, a
//!   link written out in full or a `[CHECK]` note is its paragraph's alone; a keystroke in a
//!   paragraph with a link comes here, as `in_line` leaves it;
//! - and no line of theirs starts with `---`, `+++` or `...`: pulldown-cmark opens a metadata
//!   block (front matter) on such a line at any block start, not only the draft's first, when
//!   a closing one comes anywhere further on, so such a line could open a block that takes in
//!   the paragraphs after the edit, or close one opened before it (the property test below
//!   found the second).
//!
//! Within those lines anything else goes (emphasis, headings, lists, tables, indented code):
//! their blocks are found by the parser itself, on those lines alone. Anything else is parsed
//! again. The tests below compare with a full parse, and `tests/incremental.rs` pastes.

use super::in_line::{Old, Splice};
use super::{BlockKind, Edit, byte_table, line_start, markdown};
use crate::model::Span;

/// Bytes the edited lines may not hold.
const REACHING: &[u8] = b"<`~\r";

/// Bytes the edited lines may not hold in a draft that defines a link reference.
const BRACKETS: &[u8] = b"[]";

/// [`REACHING`] by byte: the pasted lines, and the lines they replace, are searched for any.
const IS_REACHING: [bool; 256] = byte_table(REACHING);

/// [`BRACKETS`] by byte.
const IS_BRACKET: [bool; 256] = byte_table(BRACKETS);

/// The splice that turns the previous version `old` into `text`, which differ where `edit`
/// says, by parsing only the paragraphs an edit between two top-level paragraphs changed, or
/// `None` if the edit needs a new parse.
pub(super) fn splice(old: &Old, text: &str, edit: Edit) -> Option<Splice> {
    let (a, b) = (old.text.as_bytes(), text.as_bytes());
    let Edit {
        old_end, new_end, ..
    } = edit;
    // Widened to line starts both versions share: before the edit, the start of its line; after
    // it, its end if that is a line start in both, else the start of the next line (or the
    // end of the text).
    let mut start = line_start(a, edit.start);
    let (mut old_stop, mut new_stop) = if at_line_start(a, old_end) && at_line_start(b, new_end) {
        (old_end, new_end)
    } else {
        let next = a[old_end..]
            .iter()
            .position(|&c| c == b'\n')
            .map_or(a.len() - old_end, |i| i + 1);
        (old_end + next, new_end + next)
    };
    // Then to whole runs of lines: a non-blank line next to the edited ones is one of theirs.
    while start > 0
        && !blank(line_before(a, start))
        && (!blank(line_at(a, start)) || !blank(line_at(b, start)))
    {
        start = line_start(a, start - 1);
    }
    while old_stop < a.len()
        && !blank(line_at(a, old_stop))
        && (!blank(line_before(a, old_stop)) || !blank(line_before(b, new_stop)))
    {
        let line = line_at(a, old_stop).len() + 1;
        old_stop = (old_stop + line).min(a.len());
        new_stop = (new_stop + line).min(b.len());
    }
    let (old_lines, new_lines) = (&a[start..old_stop], &b[start..new_stop]);
    // Brackets are the paragraph's own (a link written out in full, a `[CHECK]` note) unless
    // the draft defines a link reference, which makes `[label]` anywhere a link, or the lines
    // could define one.
    let defines = |lines: &[u8]| memchr::memmem::find(lines, b"]:").is_some();
    let brackets = old.definitions || defines(old_lines) || defines(new_lines);
    let plain = |lines: &[u8]| {
        !lines
            .iter()
            .any(|&c| IS_REACHING[usize::from(c)] || brackets && IS_BRACKET[usize::from(c)])
            && !lines.split(|&c| c == b'\n').any(metadata_fence)
    };
    if !plain(old_lines) || !plain(new_lines) {
        return None;
    }
    // The top-level paragraphs on either side, or the draft's start or end: where the blocks
    // before the edited lines end, and where those after them start.
    let before = old
        .paragraphs
        .partition_point(|(span, _)| span.end <= start);
    let after = old
        .paragraphs
        .partition_point(|(span, _)| span.start < old_stop);
    let top_level = |p: usize| {
        let (span, kind) = old.paragraphs[p];
        kind == BlockKind::Text && (span.start == 0 || a[span.start - 1] == b'\n')
    };
    let blank_lines = |bytes: &[u8]| bytes.iter().all(|c| matches!(c, b' ' | b'\t' | b'\n'));
    let from = match before.checked_sub(1) {
        Some(p) if top_level(p) => old.paragraphs[p].0.end,
        None if blank_lines(&a[..start]) => 0,
        _ => return None,
    };
    let to = match old.paragraphs.get(after) {
        Some(&(span, _)) if top_level(after) => Some(span.start),
        None if blank_lines(&a[old_stop..]) => None,
        _ => return None,
    };
    // Between them, in each version, white space with a blank line between whatever the edited
    // lines hold and a paragraph on either side, or one blank line at least if they hold
    // nothing and there are paragraphs on both sides.
    let apart = |text: &[u8], stop: usize, to: Option<usize>| {
        let gap = &text[from..to.unwrap_or(text.len())];
        let space = |c: &&u8| matches!(c, b' ' | b'\t' | b'\n');
        let lead = gap.iter().take_while(space).count();
        if lead == gap.len() {
            return before == 0 || to.is_none() || line_breaks(gap) >= 2;
        }
        let trail = gap.iter().rev().take_while(space).count();
        from + lead >= start
            && from + gap.len() - trail <= stop
            && (before == 0 || line_breaks(&gap[..lead]) >= 2)
            && (to.is_none() || line_breaks(&gap[gap.len() - trail..]) >= 2)
    };
    let growth = new_stop as isize - old_stop as isize;
    let new_to = match to {
        Some(to) => Some(to.checked_add_signed(growth)?),
        None => None,
    };
    if !apart(a, old_stop, to) || !apart(b, new_stop, new_to) {
        return None;
    }
    if old
        .comments
        .iter()
        .any(|c| c.end > start && c.start < old_stop)
    {
        return None;
    }
    // The new lines' blocks, parsed on their own, where they stand.
    let lines = std::str::from_utf8(new_lines).ok()?;
    let parsed = markdown::blocks(lines);
    let shift = |span: Span| {
        let by = |at: usize| at.checked_add_signed(growth).unwrap_or(at);
        Span::new(by(span.start), by(span.end))
    };
    let mut paragraphs = Vec::with_capacity(old.paragraphs.len() + parsed.paragraphs.len());
    paragraphs.extend_from_slice(&old.paragraphs[..before]);
    let reparsed = before..before + parsed.paragraphs.len();
    paragraphs.extend(
        parsed
            .paragraphs
            .iter()
            .map(|&(span, kind)| (Span::new(span.start + start, span.end + start), kind)),
    );
    paragraphs.extend(
        old.paragraphs[after..]
            .iter()
            .map(|&(span, kind)| (shift(span), kind)),
    );
    let comments = old
        .comments
        .iter()
        .map(|&c| if c.start >= old_stop { shift(c) } else { c })
        .collect();
    Some(Splice {
        edit: Edit {
            start,
            old_end: old_stop,
            new_end: new_stop,
        },
        paragraphs,
        comments,
        prose: Some(parsed.prose),
        parsed: reparsed,
    })
}

/// A line a metadata block can open or close on: `---` or `+++`, and `...` closing YAML.
fn metadata_fence(line: &[u8]) -> bool {
    line.starts_with(b"---") || line.starts_with(b"+++") || line.starts_with(b"...")
}

fn at_line_start(text: &[u8], at: usize) -> bool {
    at == 0 || at == text.len() || text[at - 1] == b'\n'
}

/// The line that starts at `at` (a line start), without its `\n`.
fn line_at(text: &[u8], at: usize) -> &[u8] {
    let rest = &text[at..];
    &rest[..rest.iter().position(|&c| c == b'\n').unwrap_or(rest.len())]
}

/// The line that ends just before `at` (a line start), without its `\n`: none at the start.
fn line_before(text: &[u8], at: usize) -> &[u8] {
    match at.checked_sub(1) {
        Some(end) => &text[line_start(text, end)..end],
        None => &[],
    }
}

fn line_breaks(text: &[u8]) -> usize {
    text.iter().filter(|&&c| c == b'\n').count()
}

fn blank(line: &[u8]) -> bool {
    line.iter().all(|c| matches!(c, b' ' | b'\t'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Blocks;
    use crate::draft::splice_tests::{edited, parsed};
    use proptest::prelude::*;

    /// `splice` for `before` edited into `after`, checked against a full parse.
    fn spliced(before: &str, after: &str) -> Option<Blocks> {
        crate::draft::splice_tests::spliced(splice, before, after)
    }

    const DRAFT: &str = "# The vote\n\n<!-- copydesk: note -->\n\nThe council voted on \
        Monday, “after a long night,” Ruiz said.\nA second line follows 😀 here.\n\n\
        Ruiz, 61, said the budget would wait.\n\nDelgado said the vote would come in March.\n\n\
        - a list item\n\n  its second paragraph\n\n\
        Lee said it was “too soon.”\n";

    const PASTED: &str = "Tomas Berrios, a spokesman for the port, said *nothing* had \
        changed.\n“We will see,” he said.\n\n";

    #[test]
    fn paragraphs_pasted_between_paragraphs_skip_the_whole_parse() {
        let at = DRAFT.find("Ruiz, 61").expect("anchor");
        let after = format!("{}{PASTED}{}", &DRAFT[..at], &DRAFT[at..]);
        assert!(spliced(DRAFT, &after).is_some());
        // The undo, and a paragraph replaced by two.
        assert!(spliced(&after, DRAFT).is_some());
        let replaced = DRAFT.replace("Ruiz, 61, said the budget would wait.\n", PASTED);
        assert!(spliced(DRAFT, &replaced).is_some());
        // Before the last paragraph, and a paragraph's own lines pasted again after it.
        let at = DRAFT.find("Lee said").expect("anchor");
        let after = format!("{}{PASTED}{}", &DRAFT[..at], &DRAFT[at..]);
        assert!(spliced(DRAFT, &after).is_none(), "after a list's paragraph");
        let doubled = DRAFT.replace(
            "Ruiz, 61, said the budget would wait.\n\n",
            "Ruiz, 61, said the budget would wait.\n\nRuiz, 61, said the budget would wait.\n\n",
        );
        assert!(spliced(DRAFT, &doubled).is_some());
        // With no blank line after it, a pasted line joins the paragraph after it: both are
        // parsed again, as one.
        let at = DRAFT.find("Ruiz, 61").expect("anchor");
        let joined = format!(
            "{}A line with no blank after\n{}",
            &DRAFT[..at],
            &DRAFT[at..]
        );
        let blocks = spliced(DRAFT, &joined).expect("spliced");
        assert!(blocks.paragraphs.iter().any(|(span, _)| {
            span.text(&joined)
                .starts_with("A line with no blank after\nRuiz, 61")
        }));
    }

    #[test]
    fn paragraphs_typed_or_pasted_at_either_end_skip_the_whole_parse() {
        let draft = "First, said Ruiz.\n\nSecond.";
        for after in [
            "First, said Ruiz.\n\nSecond.\n\nThird, appended.\n",
            "First, said Ruiz.\n\nSecond.\n\n",
            "First, said Ruiz.\n\nSecond.\n\nA **heading**\n===\n\n- a list\n",
            "New first.\n\nFirst, said Ruiz.\n\nSecond.",
            "First, said Ruiz.",
            "First, said Ruiz.\n\nSec\n\nond.",
        ] {
            assert!(spliced(draft, after).is_some(), "{after:?}");
            assert!(spliced(after, draft).is_some(), "{after:?} undone");
        }
        // Front matter at the start is parsed again.
        assert!(spliced(draft, &format!("---\ntitle: x\n---\n\n{draft}")).is_none());
    }

    #[test]
    fn brackets_are_their_paragraphs_own_unless_the_draft_defines_a_link_reference() {
        // A letter typed in a paragraph with a link (which `in_line` leaves), a link to a
        // reference and a note pasted: spliced in a draft that defines no reference.
        let linked = DRAFT.replace(
            "Ruiz, 61, said",
            "Ruiz, 61, [said](https://example.com/budget \"Budget\")",
        );
        for (before, after) in [
            (&linked, linked.replace("the budget", "the city budget")),
            (
                &DRAFT.to_string(),
                DRAFT.replace("Ruiz, 61, said", "See [the port]. Ruiz said"),
            ),
            (
                &DRAFT.to_string(),
                DRAFT.replace("Ruiz, 61, said", "[CHECK age] Ruiz said"),
            ),
        ] {
            assert!(spliced(before, &after).is_some(), "{after:?}");
        }
        // In a draft that defines one, `[the port]` is a link: parsed again.
        let defined = format!("{DRAFT}\n[the port]: https://example.com\n");
        let after = defined.replace("Ruiz, 61, said", "See [the port]. Ruiz said");
        assert!(spliced(&defined, &after).is_none());
        // And lines that could define one.
        let after = DRAFT.replace(
            "Ruiz, 61, said",
            "[the port]: https://example.com\n\nRuiz said",
        );
        assert!(spliced(DRAFT, &after).is_none());
    }

    #[test]
    fn pastes_that_may_reach_past_their_lines_are_parsed_again() {
        let at = DRAFT.find("Ruiz, 61").expect("anchor");
        for pasted in [
            "```\nfenced\n\n",
            "[port]: https://example.com\n\n",
            "<div>\n\n",
            "<!-- copydesk: off -->\n\n",
            "~~~\n\n",
            "---\ntitle: x\n---\n\n",
            "Windows line\r\n\r\n",
        ] {
            let after = format!("{}{pasted}{}", &DRAFT[..at], &DRAFT[at..]);
            assert!(spliced(DRAFT, &after).is_none(), "{pasted:?}");
        }
        // A line that closes a metadata block opened further up, which had no end before.
        let before = "Intro.\n\n+++\nNot front matter: no end.\n\nPlain.\n\nLast.\n";
        let after = before.replace("Plain.\n", "Plain.\n+++\n");
        let paragraph = |text: &str, words: &str| {
            parsed(text)
                .paragraphs
                .iter()
                .any(|(span, _)| span.text(text) == words)
        };
        assert!(paragraph(before, "Plain.") && !paragraph(&after, "Plain."));
        assert!(spliced(before, &after).is_none());
        // And one that opens a block a later line closes.
        let before = "Intro.\n\nPlain.\n\nLast.\n\n---\n";
        let after = before.replace("Plain.\n", "Plain.\n\n---\nmeta: data\n");
        assert!(paragraph(before, "Last.") && !paragraph(&after, "Last."));
        assert!(spliced(before, &after).is_none());
        // Next to a heading, not a paragraph; at the very start.
        let at = DRAFT.find("<!--").expect("anchor");
        let after = format!("{}{PASTED}{}", &DRAFT[..at], &DRAFT[at..]);
        assert!(spliced(DRAFT, &after).is_none());
        assert!(spliced(DRAFT, &format!("{PASTED}{DRAFT}")).is_none());
    }

    /// Blocks to build drafts from: plain paragraphs and every kind of block that could reach
    /// past a paste or change how one parses.
    const PIECES: &[&str] = &[
        // The first `PLAIN` are paragraphs a paste can go between.
        "Plain words said Ruiz.",
        "Two lines\nof plain words.",
        "Ünïcode “quotes” — and 😀.",
        "A **bold** claim, she said.",
        "Some *emphasis* and `code` here.",
        "# A heading",
        "A setext heading\n===",
        "- a list item\n- another",
        "- loose item\n\n  continued",
        "> a quoted line\nlazy line",
        "```\nfenced\n\nstill fenced",
        "```",
        "    indented code",
        "| a | b |\n|---|---|\n| c | d |",
        "<div>\nhtml block",
        "<!-- copydesk: off -->",
        "[ref]: https://example.com",
        "A [ref] link.",
        "An [inline](https://example.com/a) link, said Ruiz.",
        "[CHECK spelling] of the name.",
        "---",
        "+++",
        "1. numbered",
        "Trailing spaces  ",
        "\tTabbed line",
        "Words\r\nwith CRLF",
    ];
    const PLAIN: usize = 4;

    /// A piece, plain half the time, and how it is joined to the next.
    fn piece() -> impl Strategy<Value = (usize, usize)> {
        (prop_oneof![0..PLAIN, 0..PIECES.len()], 0..4usize)
    }

    fn draft(pieces: &[(usize, usize)]) -> String {
        const JOINS: [&str; 4] = ["\n\n", "\n", "\n\n\n", "\n  \n"];
        pieces
            .iter()
            .map(|&(p, j)| format!("{}{}", PIECES[p], JOINS[j]))
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// Whenever an edit of whole pieces (or of any bytes) is spliced, the result is the
        /// full parse's; and an edit of plain paragraphs between plain paragraphs is spliced.
        #[test]
        fn spliced_blocks_are_the_parsed_blocks(
            pieces in prop::collection::vec(piece(), 1..8),
            at in 0..8usize,
            removed in 0..3usize,
            inserted in prop::collection::vec(piece(), 0..3),
            bytes in (0.0..1.0f64, 0..6usize, "[a-z \n*`<\\[]{0,4}"),
        ) {
            let before = draft(&pieces);
            let at = at.min(pieces.len());
            let end = (at + removed).min(pieces.len());
            let pasted: Vec<(usize, usize)> = pieces[..at]
                .iter()
                .chain(&inserted)
                .chain(&pieces[end..])
                .copied()
                .collect();
            let found = spliced(&before, &draft(&pasted));
            // Plain paragraphs apart, pasted or cut as whole paragraphs: always the splice's.
            let plain = |p: &[(usize, usize)]| p.iter().all(|&(piece, join)| piece < PLAIN && join != 1);
            if plain(&pieces) && plain(&inserted) {
                prop_assert!(found.is_some(), "not spliced: {before:?} -> {:?}", draft(&pasted));
            }
            // Bytes anywhere, too.
            let (fraction, delete, insert) = bytes;
            spliced(&before, &edited(&before, fraction, delete, &insert));
        }
    }
}
