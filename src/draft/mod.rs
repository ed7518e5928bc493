//! The draft as prose: which bytes are prose (Markdown markup, code, front matter, comments and
//! URLs blanked out), its paragraphs and its sentences.

mod in_line;
mod markdown;
mod plain;
pub mod sentences;
mod whole_paragraphs;

use std::ops::Range;

use crate::common_ends::{common_prefix, common_suffix};
use crate::model::Span;

/// The format of a draft, picked by file extension or LSP language id.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Format {
    #[default]
    Markdown,
    PlainText,
}

impl Format {
    /// `.txt` and `.text` are plain text; everything else is read as Markdown.
    pub fn from_path(path: &str) -> Format {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".txt") || lower.ends_with(".text") {
            Format::PlainText
        } else {
            Format::Markdown
        }
    }

    /// `plaintext` (VS Code) and `text` (Neovim) are plain text; anything else is Markdown.
    pub fn from_language_id(id: &str) -> Format {
        match id {
            "plaintext" | "text" | "txt" => Format::PlainText,
            _ => Format::Markdown,
        }
    }
}

/// What kind of block a paragraph is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Text,
    Heading,
    BlockQuote,
    ListItem,
    TableCell,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    pub kind: BlockKind,
    /// Indices into [`Draft::sentences`].
    pub sentences: Range<usize>,
}

/// Where an edit changed a draft: bytes `start..old_end` of the old version's text (and prose
/// mask) became bytes `start..new_end` of the new one's; the bytes before and after are the
/// same in both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edit {
    pub start: usize,
    pub old_end: usize,
    pub new_end: usize,
}

impl Edit {
    /// Where `new` differs from `old`: their longest common start and, after it, their longest
    /// common end.
    pub(crate) fn between(old: &str, new: &str) -> Edit {
        let (a, b) = (old.as_bytes(), new.as_bytes());
        let start = common_prefix(a, b);
        let suffix = common_suffix(&a[start..], &b[start..]);
        Edit {
            start,
            old_end: a.len() - suffix,
            new_end: b.len() - suffix,
        }
    }

    /// [`Edit::between`] `old` and `new`, given that they differ only inside `told` (an edit
    /// that an editor reported, which may cover more than changed): the same answer, found by
    /// comparing from the edit's ends instead of from the texts' ends. `None` if `told` cannot
    /// be such an edit of these two texts.
    pub(crate) fn within(old: &str, new: &str, told: Edit) -> Option<Edit> {
        let (a, b) = (old.as_bytes(), new.as_bytes());
        let fits = told.start <= told.old_end
            && told.start <= told.new_end
            && told.old_end <= a.len()
            && told.new_end <= b.len()
            && a.len() - told.old_end == b.len() - told.new_end;
        if !fits {
            return None;
        }
        // The bytes before `told.start` are the same; the common start may run on past it.
        let start = told.start + common_prefix(&a[told.start..], &b[told.start..]);
        // So are the bytes after its ends; the common end may run back before them.
        let after = a.len() - told.old_end;
        let suffix = if start <= told.old_end && start <= told.new_end {
            after + common_suffix(&a[start..told.old_end], &b[start..told.new_end])
        } else {
            common_suffix(&a[start..], &b[start..])
        };
        let edit = Edit {
            start,
            old_end: a.len() - suffix,
            new_end: b.len() - suffix,
        };
        // Debug builds (the tests, the protocol tests, the fuzzers) check every edit told.
        debug_assert_eq!(edit, Edit::between(old, new), "an edit told wrong");
        Some(edit)
    }

    /// This edit followed by `next` (an edit of the text this one left), as one edit of the
    /// text before both: it covers both, and what lies between them.
    pub fn then(self, next: Edit) -> Edit {
        let start = self.start.min(next.start);
        // The end of both, in the text between them: after each one's new end.
        let end = self.new_end.max(next.old_end);
        Edit {
            start,
            old_end: end - self.new_end + self.old_end,
            new_end: end - next.old_end + next.new_end,
        }
    }
}

/// What [`Draft::new_kept`] keeps of one version of a draft for the next: its text and blocks.
#[derive(Default)]
pub struct KeptDraft {
    /// `None` when nothing is kept.
    format: Option<Format>,
    text: String,
    comments: Vec<Span>,
    /// The text defines a link reference (`[label]: destination`); a splice never adds or
    /// removes one.
    definitions: bool,
}

/// A draft ready for analysis.
pub struct Draft<'t> {
    pub text: &'t str,
    pub format: Format,
    /// The text with everything that is not prose replaced by spaces: same length, same byte
    /// offsets, so every span found in it is a span of `text`.
    pub prose: String,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Span>,
    /// HTML comments (`<!-- … -->`), where suppression directives live.
    pub comments: Vec<Span>,
}

/// What a format reader gives: the prose mask, the blocks and the comments.
struct Blocks {
    prose: String,
    paragraphs: Vec<(Span, BlockKind)>,
    comments: Vec<Span>,
}

impl<'t> Draft<'t> {
    /// Reads the draft's blocks. Sentences come later, paragraph by paragraph, because sentence
    /// boundaries depend on where the quotes are.
    pub fn new(text: &'t str, format: Format) -> Draft<'t> {
        Draft::parsed(text, format).0
    }

    /// The draft of `text` parsed whole, and whether it defines a link reference (see
    /// `markdown::blocks_and_definitions`; plain text never does).
    fn parsed(text: &'t str, format: Format) -> (Draft<'t>, bool) {
        let (blocks, definitions) = match format {
            Format::Markdown => markdown::blocks_and_definitions(text),
            Format::PlainText => (plain::blocks(text), false),
        };
        let all = 0..blocks.paragraphs.len();
        (Draft::from_blocks(text, format, blocks, all), definitions)
    }

    /// [`Draft::new`], taking the blocks over from the previous version where an edit inside a
    /// line of Markdown prose cannot have changed them (see `draft/in_line.rs`), or parsing
    /// only the paragraphs changed by an edit between two top-level paragraphs (a paste, see
    /// `draft/whole_paragraphs.rs`); in plain text, reading again only the lines between the
    /// blank lines around the edit (see `draft/plain.rs`); and keeping this version's text for
    /// the next. `kept` holds the previous version's text and comments, `prose` and
    /// `paragraphs` are its prose mask and non-blank paragraphs (the analysis cache keeps those
    /// anyway); blocks that do not belong together are never spliced. When the edit is spliced,
    /// the old prose mask is taken from `prose` and made the new one in place (the cache gets
    /// it back with the analysis done), the kept text is edited in place too, and where the
    /// edit is comes back with the draft: the bytes around it are the old prose's.
    ///
    /// `told`, if given, is where the text changed since the kept version (see `Edit::within`):
    /// the whole text is then not compared with the kept one to find it.
    pub fn new_kept(
        text: &'t str,
        format: Format,
        kept: &mut KeptDraft,
        (prose, paragraphs): (&mut String, &[(Span, BlockKind)]),
        told: Option<Edit>,
    ) -> (Draft<'t>, Option<Edit>) {
        // The prose mask kept with the text is the text's (the cache keeps both).
        let spliced = match kept.format.filter(|&kept| kept == format) {
            Some(format) if prose.len() == kept.text.len() => {
                let old = in_line::Old {
                    text: &kept.text,
                    prose,
                    paragraphs,
                    comments: &kept.comments,
                    definitions: kept.definitions,
                };
                // Found once for both: a scan of the whole text, unless the editor said where.
                let edit = told
                    .and_then(|told| Edit::within(&kept.text, text, told))
                    .unwrap_or_else(|| Edit::between(&kept.text, text));
                match format {
                    Format::Markdown => in_line::splice(&old, text, edit)
                        .or_else(|| whole_paragraphs::splice(&old, text, edit)),
                    Format::PlainText => plain::splice(&old, text, edit),
                }
            }
            _ => None,
        };
        // Emptied first: if this analysis stops half-way, the next one parses.
        kept.format = None;
        let (draft, edit) = match spliced {
            Some(splice) => {
                let mut new_prose = std::mem::take(prose);
                splice.apply_prose(&mut new_prose, text);
                splice.apply(&mut kept.text, text);
                let blocks = Blocks {
                    prose: new_prose,
                    paragraphs: splice.paragraphs,
                    comments: splice.comments,
                };
                // Only the paragraphs parsed again can be blank: the others were not blank in
                // the last version, and their prose is the same (an edit inside a line keeps
                // the line's first letter).
                let draft = Draft::from_blocks(text, format, blocks, splice.parsed);
                (draft, Some(splice.edit))
            }
            None => {
                kept.text.clear();
                kept.text.push_str(text);
                let (draft, definitions) = Draft::parsed(text, format);
                kept.definitions = definitions;
                (draft, None)
            }
        };
        kept.comments.clone_from(&draft.comments);
        kept.format = Some(format);
        (draft, edit)
    }

    /// The draft of `blocks`, without their blank paragraphs, which can only be among those
    /// in `may_be_blank`.
    fn from_blocks(
        text: &'t str,
        format: Format,
        blocks: Blocks,
        may_be_blank: Range<usize>,
    ) -> Draft<'t> {
        // Room for all: nearly every block is a paragraph, and a list grown step by step was
        // copied a dozen times over in a long draft.
        let mut paragraphs = Vec::with_capacity(blocks.paragraphs.len());
        paragraphs.extend(
            (blocks.paragraphs.into_iter().enumerate())
                // Blank unless something is left after its leading white space: trimming the
                // end too, as before, searched each paragraph from both ends on every keystroke.
                // Asked of every paragraph, it reached into each one's prose after a keystroke.
                .filter(|(i, (span, _))| {
                    let blank = || span.text(&blocks.prose).trim_start().is_empty();
                    debug_assert!(
                        may_be_blank.contains(i) || !blank(),
                        "a paragraph taken over is blank"
                    );
                    !may_be_blank.contains(i) || !blank()
                })
                .map(|(_, (span, kind))| Paragraph {
                    span,
                    kind,
                    sentences: 0..0,
                }),
        );
        Draft {
            text,
            format,
            prose: blocks.prose,
            paragraphs,
            sentences: Vec::new(),
            comments: blocks.comments,
        }
    }

    /// The index of the paragraph containing `offset`.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.span.end <= offset);
        (i < self.paragraphs.len() && self.paragraphs[i].span.start <= offset).then_some(i)
    }

    /// [`paragraph_at`](Self::paragraph_at) for offsets asked in increasing order: it walks on
    /// from the last answer instead of searching every paragraph (a long draft's quotes, in
    /// document order).
    pub fn paragraphs_at(&self) -> impl FnMut(usize) -> Option<usize> + '_ {
        let mut i = 0;
        let mut last = 0;
        move |offset| {
            debug_assert!(offset >= last, "offsets asked out of order");
            last = offset;
            while self.paragraphs.get(i).is_some_and(|p| p.span.end <= offset) {
                i += 1;
            }
            (i < self.paragraphs.len() && self.paragraphs[i].span.start <= offset).then_some(i)
        }
    }

    /// The index of the sentence containing `offset`.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= offset);
        (i < self.sentences.len() && self.sentences[i].start <= offset).then_some(i)
    }
}

/// The start of the line that holds byte `at` of `text` (a line's `\n` belongs to it): where
/// the splices widen an edit to.
fn line_start(text: &[u8], at: usize) -> usize {
    text[..at]
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |i| i + 1)
}

/// A set of bytes as a table by byte, for the scans an edit makes of whole lines: a search of
/// the list for each byte of a long line was 1.7 % of a keystroke.
const fn byte_table(bytes: &[u8]) -> [bool; 256] {
    let mut table = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table
}

/// What the splice tests of `in_line` and `whole_paragraphs` share: a splice checked against a
/// full parse.
#[cfg(test)]
mod splice_tests {
    use super::in_line::{Old, Splice};
    use super::{Blocks, Draft, Edit, Format, markdown};

    /// The blocks `Draft::new` gives: its prose, non-blank paragraphs and comments.
    pub(super) fn parsed(text: &str) -> Blocks {
        let draft = Draft::new(text, Format::Markdown);
        Blocks {
            prose: draft.prose,
            paragraphs: draft.paragraphs.iter().map(|p| (p.span, p.kind)).collect(),
            comments: draft.comments,
        }
    }

    /// `text` with `delete` bytes at `at` (a fraction of its length) replaced by `insert`, both
    /// ends moved to character boundaries.
    pub(super) fn edited(text: &str, at: f64, delete: usize, insert: &str) -> String {
        let mut i = (at * text.len() as f64) as usize;
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        let mut j = (i + delete).min(text.len());
        while !text.is_char_boundary(j) {
            j += 1;
        }
        format!("{}{insert}{}", &text[..i], &text[j..])
    }

    /// `splice` for `before` edited into `after`, applied to its prose mask and its text and
    /// checked against a full parse.
    pub(super) fn spliced(
        splice: impl Fn(&Old, &str, Edit) -> Option<Splice>,
        before: &str,
        after: &str,
    ) -> Option<Blocks> {
        let kept = parsed(before);
        let old = Old {
            text: before,
            prose: &kept.prose,
            paragraphs: &kept.paragraphs,
            comments: &kept.comments,
            definitions: markdown::blocks_and_definitions(before).1,
        };
        let splice = splice(&old, after, Edit::between(before, after))?;
        let mut prose = kept.prose.clone();
        splice.apply_prose(&mut prose, after);
        let mut text = before.to_string();
        splice.apply(&mut text, after);
        assert_eq!(text, after);
        let expected = parsed(after);
        assert_eq!(prose, expected.prose, "{before:?} -> {after:?}");
        assert_eq!(
            splice.paragraphs, expected.paragraphs,
            "{before:?} -> {after:?}"
        );
        assert_eq!(
            splice.comments, expected.comments,
            "{before:?} -> {after:?}"
        );
        Some(Blocks {
            prose,
            paragraphs: splice.paragraphs,
            comments: splice.comments,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The paragraphs of `after` as [`Draft::new_kept`] finds them after `before`, and whether
    /// it spliced them in rather than parsing the draft again.
    fn kept_after(before: &str, after: &str) -> (Vec<(Span, BlockKind)>, bool) {
        let mut kept = KeptDraft::default();
        let mut prose = String::new();
        let (first, _) =
            Draft::new_kept(before, Format::Markdown, &mut kept, (&mut prose, &[]), None);
        let paragraphs: Vec<_> = first.paragraphs.iter().map(|p| (p.span, p.kind)).collect();
        prose = first.prose;
        let (second, edit) = Draft::new_kept(
            after,
            Format::Markdown,
            &mut kept,
            (&mut prose, &paragraphs),
            None,
        );
        let found = second.paragraphs.iter().map(|p| (p.span, p.kind)).collect();
        (found, edit.is_some())
    }

    fn parsed(text: &str) -> Vec<(Span, BlockKind)> {
        let draft = Draft::new(text, Format::Markdown);
        draft.paragraphs.iter().map(|p| (p.span, p.kind)).collect()
    }

    #[test]
    fn a_pasted_paragraph_with_no_prose_is_no_paragraph() {
        // No-break spaces make a paragraph for Markdown, and nothing for the copy desk to read.
        let before = "The council met on Monday.\n\nRuiz said the vote would wait.\n";
        let after =
            "The council met on Monday.\n\n\u{a0}\u{a0}\n\nRuiz said the vote would wait.\n";
        let (found, spliced) = kept_after(before, after);
        assert!(spliced, "the paste was parsed alone");
        assert_eq!(found, parsed(after));
        assert_eq!(found.len(), 2);
    }

    /// `text` with bytes `start..end` (moved back to character boundaries) replaced by
    /// `insert`, and the edit that made it.
    fn edit(text: &str, start: usize, end: usize, insert: &str) -> (String, Edit) {
        let fit = |mut i: usize| {
            i = i.min(text.len());
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            i
        };
        let (start, end) = (fit(start.min(end)), fit(start.max(end)));
        let edited = format!("{}{insert}{}", &text[..start], &text[end..]);
        let edit = Edit {
            start,
            old_end: end,
            new_end: start + insert.len(),
        };
        (edited, edit)
    }

    proptest::proptest! {
        /// The editor's changes as one edit, as the language server hands them to the cache:
        /// found from it, where the text changed is where a comparison of the whole texts finds
        /// it, whatever the changes (typed and deleted again, far apart, overlapping).
        #[test]
        fn edits_told_as_one_find_what_changed(
            text in "[ab“”😀\\n—]{0,40}",
            changes in proptest::collection::vec(
                (0usize..60, 0usize..8, "[ab“😀\\n]{0,4}"),
                1..6,
            ),
        ) {
            let mut now = text.clone();
            let mut told: Option<Edit> = None;
            for (start, len, insert) in &changes {
                let (edited, edit) = self::edit(&now, *start, start + len, insert);
                told = Some(match told {
                    Some(before) => before.then(edit),
                    None => edit,
                });
                now = edited;
            }
            let told = told.expect("one change at least");
            // What lies outside the edit told is the same in both texts.
            proptest::prop_assert_eq!(&text[..told.start], &now[..told.start]);
            proptest::prop_assert_eq!(&text[told.old_end..], &now[told.new_end..]);
            proptest::prop_assert_eq!(
                Edit::within(&text, &now, told),
                Some(Edit::between(&text, &now))
            );
        }
    }

    #[test]
    fn an_edit_that_cannot_be_one_of_the_two_texts_is_not_taken() {
        let (old, new) = ("The vote was close.", "The vote was very close.");
        let wrong_lengths = Edit {
            start: 13,
            old_end: 13,
            new_end: 14,
        };
        assert_eq!(Edit::within(old, new, wrong_lengths), None);
        let past_the_end = Edit {
            start: 13,
            old_end: 40,
            new_end: 45,
        };
        assert_eq!(Edit::within(old, new, past_the_end), None);
        let right = Edit {
            start: 13,
            old_end: 13,
            new_end: 18,
        };
        assert_eq!(Edit::within(old, new, right), Some(Edit::between(old, new)));
    }

    #[test]
    fn letters_typed_in_a_line_keep_every_paragraph() {
        let before = "The council met on Monday.\n\n- Ruiz said the vote would wait.\n";
        let after = "The council met late on Monday.\n\n- Ruiz said the vote would wait.\n";
        let (found, spliced) = kept_after(before, after);
        assert!(spliced, "the edit was spliced");
        assert_eq!(found, parsed(after));
    }
}
