//! A Markdown draft's blocks after an edit inside one line of prose, found without parsing the
//! draft again.
//!
//! Parsing a 100,000-word draft takes about a millisecond, a fifth of a keystroke's budget, and
//! nearly every keystroke changes nothing Markdown sees: letters typed in the middle of a line.
//! The edit is spliced into the previous version's prose mask and its blocks are shifted past
//! it, but only under these conditions, each of which rules out one way an edit can change what
//! a parse finds:
//!
//! - the edit removes and inserts no line break (`\n` or `\r`);
//! - the line is unchanged up to and including its first letter, so whatever marks its block
//!   (indentation, `>`, list markers, `#`, which hold no letters) is as it was, and nothing
//!   before that letter starts inline Markdown (`< & `` ` `` \`);
//! - from that letter on, the line, before and after, holds none of the characters that start
//!   or end inline Markdown (`` ` * _ [ ] < > & \ ~ | # ``), so no emphasis, code span, link,
//!   HTML, entity, escape, strikethrough, table cell or heading marker can appear, vanish or
//!   change partner;
//! - a character other than white space follows the edit on its line, so trailing white space
//!   (a hard line break, where a paragraph's text ends) is as it was;
//! - from its first letter on, the line was prose: copied into the mask, not blanked as code,
//!   HTML, front matter or a link definition; and it lay inside one paragraph;
//! - no `]:` stands in the line or the lines before it up to a blank one, before or after the
//!   edit: a link reference definition (`[label]: destination "title"`) opens a paragraph and
//!   may run over several lines, and whether it is one turns on spaces and letters too
//!   (`[a]: x` is one and leaves no paragraph, `[a]: x y` is a paragraph).
//!
//! Anything else goes to `whole_paragraphs` (an edit of whole paragraphs between top-level
//! ones, such as a paste) or is parsed again. `tests/incremental.rs` types every one of those
//! characters and compares with a full analysis; the tests below compare with a full parse.

use std::ops::Range;

use memchr::memmem;

use super::{BlockKind, Edit, byte_table};
use crate::model::Span;

/// Bytes that open or close inline Markdown, or close a heading, after a line's first letter.
const MARKUP: &[u8] = b"`*_[]<>&\\~|#";

/// [`MARKUP`] by byte: the edited line is searched for any of them on every keystroke.
const IS_MARKUP: [bool; 256] = byte_table(MARKUP);

/// Bytes before a line's first letter that may start inline Markdown reaching past it (a tag
/// name, an entity, a code span, an escape). Block markers (`>`, `-`, `*`, `#`, digits) may be
/// there: they end before the letter, which the edit leaves as it was.
const LEAD_MARKUP: &[u8] = b"<&`\\";

/// Where the run of non-blank lines that holds the line starting at `line_start` begins: a
/// paragraph, and any link reference definitions that open it, lie within one such run.
fn run_start(text: &[u8], line_start: usize) -> usize {
    let mut start = line_start;
    while start > 0 {
        // The line before ends at `\n`, `\r\n` or a lone `\r`.
        let mut end = start - 1;
        if text[end] == b'\n' && end > 0 && text[end - 1] == b'\r' {
            end -= 1;
        }
        let begin = text[..end]
            .iter()
            .rposition(|&c| c == b'\n' || c == b'\r')
            .map_or(0, |i| i + 1);
        if text[begin..end].iter().all(|&c| c == b' ' || c == b'\t') {
            break;
        }
        start = begin;
    }
    start
}

/// The previous version of a draft: its text and what was found in it.
pub(super) struct Old<'a> {
    pub text: &'a str,
    /// Its prose mask, as long as its text (`Draft::new_kept` splices only then).
    pub prose: &'a str,
    /// Its non-blank paragraphs.
    pub paragraphs: &'a [(Span, BlockKind)],
    pub comments: &'a [Span],
    /// It defines a link reference (`[label]: destination`).
    pub definitions: bool,
}

/// What an edit inside one line of prose changes: the bytes it replaced, and the blocks of the
/// new version (the old ones, shifted past it). The new prose mask is the old one with the
/// edit's bytes put in ([`Splice::apply`]), in place.
pub(super) struct Splice {
    pub edit: Edit,
    pub paragraphs: Vec<(Span, BlockKind)>,
    pub comments: Vec<Span>,
    /// The new prose mask's bytes for the edit, when they are not the text's: whole paragraphs
    /// parsed again (`whole_paragraphs`), whose markup is blanked.
    pub prose: Option<String>,
    /// The paragraphs (indices into `paragraphs`) that were parsed again, not taken over: only
    /// these can be blank.
    pub parsed: Range<usize>,
}

impl Splice {
    /// Turns the old version's prose mask (or text) into the new one's, moving only the bytes
    /// after the edit, and only if it changed the length.
    pub fn apply(&self, old: &mut String, text: &str) {
        let Edit {
            start,
            old_end,
            new_end,
        } = self.edit;
        old.replace_range(start..old_end, &text[start..new_end]);
    }

    /// Turns the old version's prose mask into the new one's, as [`apply`](Self::apply) turns
    /// its text.
    pub fn apply_prose(&self, prose: &mut String, text: &str) {
        match &self.prose {
            Some(edited) => prose.replace_range(self.edit.start..self.edit.old_end, edited),
            None => self.apply(prose, text),
        }
    }
}

/// The splice that turns the previous version `old` into `text`, which differ where `edit`
/// says, or `None` if the edit needs a new parse.
pub(super) fn splice(old: &Old, text: &str, edit: Edit) -> Option<Splice> {
    let old_text = old.text;
    let (a, b) = (old_text.as_bytes(), text.as_bytes());
    let Edit {
        start: prefix,
        old_end,
        new_end,
    } = edit;
    // Where the edit is, both the old prose and text and the new text can be cut.
    let cuts = |s: &str, at: [usize; 2]| at.iter().all(|&i| s.is_char_boundary(i));
    if !cuts(old.prose, [prefix, old_end])
        || !cuts(old_text, [prefix, old_end])
        || !cuts(text, [prefix, new_end])
    {
        return None;
    }
    if old_end == prefix && new_end == prefix {
        // The same text.
        return Some(Splice {
            edit,
            paragraphs: old.paragraphs.to_vec(),
            comments: old.comments.to_vec(),
            prose: None,
            parsed: 0..0,
        });
    }
    // CommonMark ends a line at `\n`, `\r\n` or a lone `\r`.
    let line_break = |c: &u8| *c == b'\n' || *c == b'\r';
    let line_start = a[..prefix]
        .iter()
        .rposition(line_break)
        .map_or(0, |i| i + 1);
    let old_line_end = a[old_end..]
        .iter()
        .position(line_break)
        .map_or(a.len(), |i| old_end + i);
    let new_line_end = old_line_end - old_end + new_end;
    let (old_line, new_line) = (&a[line_start..old_line_end], &b[line_start..new_line_end]);
    if old_line.iter().any(line_break) || new_line.iter().any(line_break) {
        return None;
    }
    // Both ends are line boundaries or the text's ends, so this is a `str` slice.
    let line = old_text.get(line_start..old_line_end)?;
    let (first, letter) = line.char_indices().find(|(_, c)| c.is_alphabetic())?;
    let lead = line_start + first + letter.len_utf8();
    if prefix < lead || a[line_start..lead].iter().any(|c| LEAD_MARKUP.contains(c)) {
        return None;
    }
    let markup = |rest: &[u8]| rest.iter().any(|&c| IS_MARKUP[usize::from(c)]);
    if markup(&a[lead..old_line_end]) || markup(&b[lead..new_line_end]) {
        return None;
    }
    let closes_label = |bytes: &[u8]| memmem::find(bytes, b"]:").is_some();
    if closes_label(&a[run_start(a, line_start)..old_line_end])
        || closes_label(&b[line_start..new_line_end])
    {
        return None;
    }
    let tail = old_text.get(old_end..old_line_end)?;
    if tail.trim().is_empty() {
        return None;
    }
    // The line from its first letter to its end was copied into the mask as prose.
    let from = line_start + first;
    if old.prose.as_bytes()[from..old_line_end] != a[from..old_line_end] {
        return None;
    }
    // Prose outside every paragraph would be a parser change; parse again rather than guess.
    let last = old_line_end - (tail.len() - tail.trim_end().len());
    let p = old.paragraphs.partition_point(|(span, _)| span.end < last);
    let (inside, _) = old.paragraphs.get(p)?;
    if inside.start > from || inside.end < last {
        return None;
    }
    let shift = |span: Span| {
        if span.start >= old_end {
            Span::new(span.start - old_end + new_end, span.end - old_end + new_end)
        } else if span.end >= old_end {
            Span::new(span.start, span.end - old_end + new_end)
        } else {
            span
        }
    };
    Some(Splice {
        edit,
        paragraphs: old
            .paragraphs
            .iter()
            .map(|&(span, kind)| (shift(span), kind))
            .collect(),
        comments: old.comments.iter().map(|&span| shift(span)).collect(),
        prose: None,
        parsed: 0..0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Blocks;
    use proptest::prelude::*;

    /// `in_line::splice` for `before` edited into `after`, checked against a full parse.
    fn spliced(before: &str, after: &str) -> Option<Blocks> {
        crate::draft::splice_tests::spliced(splice, before, after)
    }

    const DRAFT: &str = "# The vote\n\n<!-- copydesk: note -->\n\nThe council voted on \
        Monday, “after a long night,” Ruiz said.\nA second line follows 😀 here.\n\n- a list \
        item with words\n> a quoted line of prose\n\nBefore `code\nthe middle of a code span\n\
        ends` after.\n\n```\nfenced words here\n```\n";

    fn edit(text: &str, at: &str, insert: &str) -> String {
        let i = text.find(at).expect("anchor in draft") + at.len();
        format!("{}{insert}{}", &text[..i], &text[i..])
    }

    #[test]
    fn letters_typed_inside_a_line_of_prose_skip_the_parse() {
        for (at, insert) in [
            ("The coun", "x"),
            ("long ni", "é"),
            ("second li", "😀 "),
            ("a list it", "s"),
            ("a quoted li", "ne, "),
            ("The vo", "t"),
        ] {
            let after = edit(DRAFT, at, insert);
            assert!(spliced(DRAFT, &after).is_some(), "{at:?} + {insert:?}");
        }
        // Deleting and overwriting, too.
        let after = DRAFT.replace("long night", "long day");
        assert!(spliced(DRAFT, &after).is_some());
    }

    #[test]
    fn edits_that_may_change_markdown_are_parsed_again() {
        for (at, insert) in [
            // Inline markup on the line.
            ("The coun", "*"),
            ("The coun", "_"),
            ("The coun", "`"),
            ("The coun", "["),
            ("The coun", "<"),
            ("The coun", "&"),
            ("The coun", "\\"),
            ("The coun", "|"),
            ("The coun", "~"),
            ("The coun", "#"),
            // A line break.
            ("The coun", "\n"),
            // Before the line's first letter: block markers live there.
            ("- ", "x"),
            ("", "x"),
            // Trailing white space: a hard line break.
            ("follows 😀 here.", "  "),
            // Blanked as code, not prose.
            ("the middle of a co", "x"),
            ("fenced wor", "x"),
        ] {
            let after = edit(DRAFT, at, insert);
            assert!(spliced(DRAFT, &after).is_none(), "{at:?} + {insert:?}");
        }
        // A lone `\r` ends a line too: here it ends a table's header row.
        assert!(spliced("|cc\r-\r:-", "|cc\r-x\r:-").is_none());
        // A `<` before the first letter: deleting the apostrophe makes the two lines a tag.
        let before = "Words here\n<sp'an\nclass=x> more words.\n";
        let after = before.replace('\'', "");
        assert!(spliced(before, &after).is_none());
        // A link label closed before the first letter: deleting "of " leaves a destination and
        // a title, so the paragraph becomes a link reference definition.
        let before = "[Council meeting, March\n2026]: minutes of 'March'\n\nThe vote.\n";
        let after = before.replace("of ", "");
        assert!(spliced(before, &after).is_none());
        // Found by the `cached_edits` fuzz target: deleting "K H" does the same.
        let before = "[J*%\n\0\0\t\0\0\t)]:xK HgHHHHHHHH";
        assert!(spliced(before, &before.replace("K H", "")).is_none());
        // A blank line ends the run: a label closed in an earlier paragraph does not count.
        let before = "[a]: /url\n\nThe council met on Tuesday.\n";
        assert!(spliced(before, &before.replace("met", "meets")).is_some());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Whenever an edit is spliced, the result is the full parse's.
        #[test]
        fn spliced_blocks_are_the_parsed_blocks(
            at in 0.0..1.0f64,
            delete in 0..4usize,
            insert in "[a-z é😀*_`\\[\\]<>&|~#!:()\"“”\n\r-]{0,3}",
        ) {
            let lone_cr = DRAFT.replace('\n', "\r");
            let crlf = DRAFT.replace('\n', "\r\n");
            let code = include_str!("../../tests/fixtures/markdown_code.md");
            // Link labels closed on a later line, before its first letter.
            let labels = "[Council meeting, March\n2026]: minutes of 'March' x\n\n[a\nb]: /u 't'\nThe vote.\n";
            for text in [DRAFT, &lone_cr, &crlf, code, labels] {
                spliced(text, &crate::draft::splice_tests::edited(text, at, delete, &insert));
            }
        }
    }
}
