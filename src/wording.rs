//! The words a finding shows (its message, a related place's note, a fix's title and its
//! replacement text), kept as the parts they are made of and written out only where they are
//! shown.
//!
//! Why: a keystroke re-runs the rules over the whole draft, and at 100,000 words they find about
//! 2,000 things. Built as strings, their messages and fixes were about 5,000 allocations per
//! keystroke, a third of what the rules cost after a pause (`docs/performance.md`), for text
//! that the language server then copies into its answer and that the writer sees only for
//! the findings on screen. A [`Wording`] is a fixed template (literals in the binary) with up
//! to two holes filled by a piece of the draft, another literal or, rarely, a string of its
//! own; the server writes the parts straight into the JSON it sends, and a fix's words are
//! written only when the writer opens the quick-fix menu.
//!
//! ```
//! use copydesk::{Span, wording};
//! let draft = "The mayor slammed the plan.";
//! let verb = Span::new(10, 17);
//! let message = wording!["“", verb, "” is loaded; use “", "said", "”."];
//! assert_eq!(message.to_string(draft), "“slammed” is loaded; use “said”.");
//! ```

use crate::model::Span;

/// The most holes a [`Wording`] has: "First reference to {surname} …; the full name, {name}, …".
/// Every hole is kept in every finding, so each one more makes all findings bigger (and the
/// sort of a 100,000-word draft's 2,000 findings moves them all several times).
pub const MAX_HOLES: usize = 2;

/// What fills a hole in a [`Wording`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    /// A literal chosen when the finding was made (a verb's neutral form, the name of a mark).
    Fixed(&'static str),
    /// The draft's own text at this span (the words found, a name as written).
    Draft(Span),
    /// Text that is in neither (a name put together from the registry, a house spelling).
    Owned(Box<str>),
}

impl From<&'static str> for Part {
    fn from(s: &'static str) -> Part {
        Part::Fixed(s)
    }
}

impl From<Span> for Part {
    fn from(span: Span) -> Part {
        Part::Draft(span)
    }
}

impl From<String> for Part {
    fn from(s: String) -> Part {
        Part::Owned(s.into_boxed_str())
    }
}

impl From<&String> for Part {
    fn from(s: &String) -> Part {
        Part::Owned(s.as_str().into())
    }
}

/// Words kept as a template and the parts that fill its holes: `template[0]`, hole 0,
/// `template[1]`, hole 1, … `template[n]`. Written out with the draft it was found in
/// ([`Wording::to_string`], [`Wording::pieces`]); a [`Part::Draft`] outside that text reads as
/// nothing rather than failing. Build one with [`wording!`](crate::wording!).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wording {
    /// A reference to the literals, not the slice itself: half the size.
    template: &'static &'static [&'static str],
    holes: [Part; MAX_HOLES],
}

impl Wording {
    /// `template` has one literal more than there are `holes`, and there are at most
    /// [`MAX_HOLES`]; [`wording!`](crate::wording!) checks both when compiling.
    pub fn new<const N: usize>(
        template: &'static &'static [&'static str],
        holes: [Part; N],
    ) -> Wording {
        const { assert!(N <= MAX_HOLES, "a wording has at most two holes") };
        debug_assert_eq!(
            template.len(),
            N + 1,
            "a wording's template has one literal more than holes"
        );
        let mut filled = EMPTY_HOLES;
        for (slot, part) in filled.iter_mut().zip(holes) {
            *slot = part;
        }
        Wording {
            template,
            holes: filled,
        }
    }

    /// The words' pieces in order, the holes read from `draft`.
    pub fn pieces<'a>(&'a self, draft: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        let holes = self.template.len().saturating_sub(1).min(MAX_HOLES);
        let mut holes = self.holes[..holes].iter().map(move |part| match part {
            Part::Fixed(s) => *s,
            Part::Draft(span) => span.text(draft),
            Part::Owned(s) => s,
        });
        self.template
            .iter()
            .enumerate()
            .flat_map(move |(i, literal)| {
                let hole = if i == 0 { None } else { holes.next() };
                hole.into_iter().chain(std::iter::once(*literal))
            })
            .filter(|piece| !piece.is_empty())
    }

    /// The words written out, the holes read from `draft`.
    pub fn to_string(&self, draft: &str) -> String {
        let mut out = String::with_capacity(self.len(draft));
        for piece in self.pieces(draft) {
            out.push_str(piece);
        }
        out
    }

    /// The words as something to format: `format!("{}", message.shown(draft))`.
    pub fn shown<'a>(&'a self, draft: &'a str) -> Shown<'a> {
        Shown {
            wording: self,
            draft,
        }
    }

    /// The length in bytes of the words written out.
    pub fn len(&self, draft: &str) -> usize {
        self.pieces(draft).map(str::len).sum()
    }
}

/// A [`Wording`] with its draft, to format.
pub struct Shown<'a> {
    wording: &'a Wording,
    draft: &'a str,
}

impl std::fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.wording
            .pieces(self.draft)
            .try_for_each(|piece| f.write_str(piece))
    }
}

const EMPTY_HOLES: [Part; MAX_HOLES] = [const { Part::Fixed("") }; MAX_HOLES];

/// A [`Wording`] from literals and the parts between them, which must alternate, starting and
/// ending with a literal: `wording!["“", verb, "” is loaded"]`. A part is anything that is
/// [`Into<Part>`](Part): a [`Span`] of the draft, a `&'static str`, a `String`. Two parts in a
/// row take an empty literal between them.
#[macro_export]
macro_rules! wording {
    ($first:literal $(, $hole:expr, $literal:literal)* $(,)?) => {
        $crate::Wording::new(
            {
                const TEMPLATE: &[&str] = &[$first $(, $literal)*];
                &TEMPLATE
            },
            [$($crate::Part::from($hole)),*],
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holes_are_filled_in_order_from_the_draft_literals_and_owned_text() {
        let draft = "“Fine,” Okafr 😀 snapped.";
        let name = Span::new(draft.find("Okafr").unwrap(), draft.find(" 😀").unwrap());
        let verb = Span::new(draft.find("snapped").unwrap(), draft.len() - 1);
        let w = crate::wording!["“", name, "” ", verb, "."];
        assert_eq!(w.to_string(draft), "“Okafr” snapped.");
        let owned = crate::wording![
            "spelled “",
            String::from("Okafor"),
            "” (",
            "Ana Okafor",
            ")"
        ];
        assert_eq!(owned.to_string(draft), "spelled “Okafor” (Ana Okafor)");
        assert_eq!(w.len(draft), w.to_string(draft).len());
        assert_eq!(format!("{}", w.shown(draft)), w.to_string(draft));
    }

    #[test]
    fn two_holes_in_a_row_and_no_holes() {
        let draft = "said.”";
        let (period, mark) = (Span::new(4, 5), Span::new(5, draft.len()));
        let swapped = crate::wording!["", mark, "", period, ""];
        assert_eq!(swapped.to_string(draft), "”.");
        let fixed = crate::wording!["Insert a placeholder"];
        assert_eq!(fixed.to_string(draft), "Insert a placeholder");
        let empty = crate::wording![""];
        assert_eq!(empty.to_string(draft), "");
        assert_eq!(empty.pieces(draft).count(), 0);
    }

    /// A wording written with a draft it was not found in (a stale one) must not panic: a span
    /// past the end or inside a character reads as nothing.
    #[test]
    fn a_span_outside_the_draft_or_inside_a_character_reads_as_nothing() {
        let draft = "“é”";
        let past_end = crate::wording!["[", Span::new(2, 99), "]"];
        assert_eq!(past_end.to_string(draft), "[]");
        let inside = crate::wording!["[", Span::new(1, 4), "]"];
        assert_eq!(inside.to_string(draft), "[]");
        let whole = crate::wording!["[", Span::new(0, draft.len()), "]"];
        assert_eq!(whole.to_string(draft), "[“é”]");
    }

    #[test]
    fn equal_parts_make_equal_wordings() {
        let a = crate::wording!["“", Span::new(0, 3), "” said"];
        assert_eq!(a, crate::wording!["“", Span::new(0, 3), "” said"]);
        assert_ne!(a, crate::wording!["“", Span::new(0, 4), "” said"]);
        assert_ne!(a, crate::wording!["“", "abc", "” said"]);
    }
}
