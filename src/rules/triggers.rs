//! The words the pattern rules look for first, found paragraph by paragraph.
//!
//! Each pattern rule (vague attribution, placeholders, sourcing notes, bare sources) first finds
//! its trigger, a cheap search for words that every finding of the rule contains, and only then
//! reads around each hit (`rules::around`). The triggers are found in each paragraph's own
//! text when the paragraph is read, and kept with its other facts, so a keystroke searches one
//! paragraph again, not the draft: at 100,000 words the vague-attribution trigger alone took
//! about 0.3 ms to scan for.
//!
//! No trigger matches a line break, and between paragraphs a draft's prose holds nothing but
//! white space and blanked markup, so the hits are those a search of the whole prose finds, with
//! one difference: table cells on one line are paragraphs of their own, and a trigger split
//! across them (`|Per|my notes|`, whose pipes are blanked to spaces) is no longer a hit. It was
//! never a finding the reporter wrote.

use regex::Regex;

use super::{bare_source, placeholder, sourcing_note, vague_attribution};
use crate::model::Span;

/// A pattern rule's trigger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trigger {
    VagueAttribution,
    Placeholder,
    PlaceholderBracket,
    SourcingNote,
    BareSource,
}

impl Trigger {
    pub const ALL: [Trigger; 5] = [
        Trigger::VagueAttribution,
        Trigger::Placeholder,
        Trigger::PlaceholderBracket,
        Trigger::SourcingNote,
        Trigger::BareSource,
    ];

    fn regex(self) -> &'static Regex {
        match self {
            Trigger::VagueAttribution => &vague_attribution::TRIGGER,
            Trigger::Placeholder => &placeholder::TRIGGER,
            Trigger::PlaceholderBracket => &placeholder::BRACKET_TRIGGER,
            Trigger::SourcingNote => &sourcing_note::TRIGGER,
            Trigger::BareSource => &bare_source::TRIGGER,
        }
    }
}

/// Appends the hits of every trigger in `text` (one paragraph), trigger by trigger, each
/// trigger's in order, at offsets from the paragraph's start.
pub fn find(text: &str, out: &mut Vec<(Trigger, Span)>) {
    for trigger in Trigger::ALL {
        out.extend(
            trigger
                .regex()
                .find_iter(text)
                .map(|hit| (trigger, Span::new(hit.start(), hit.end()))),
        );
    }
}

/// Every trigger's hits in a draft, in order, at draft offsets.
#[derive(Debug, Default)]
pub struct TriggerHits([Vec<Span>; Trigger::ALL.len()]);

impl TriggerHits {
    pub fn of(&self, trigger: Trigger) -> &[Span] {
        &self.0[trigger as usize]
    }

    pub fn push(&mut self, trigger: Trigger, hit: Span) {
        self.0[trigger as usize].push(hit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::{Draft, Format};

    /// Found paragraph by paragraph, the hits are the hits in the whole prose: none runs across
    /// a paragraph's end, and none lies outside every paragraph (table cells apart, below).
    #[test]
    fn each_paragraph_has_the_hits_the_whole_prose_has() {
        let drafts = [
            (
                include_str!("../../tests/fixtures/placeholders.md"),
                Format::Markdown,
            ),
            (
                include_str!("../../tests/fixtures/markdown_code.md"),
                Format::Markdown,
            ),
            (
                include_str!("../../tests/fixtures/anonymous_sources.md"),
                Format::Markdown,
            ),
            (
                include_str!("../../tests/fixtures/loaded_verbs.txt"),
                Format::PlainText,
            ),
            (
                "| Per | my |\n|---|---|\n| some | sources |\n\n> It is\n> widely held [TK]\n\n\
                 - Critics say\n- Per our notes (on background)\n",
                Format::Markdown,
            ),
        ];
        let mut seen = [0; Trigger::ALL.len()];
        for (text, format) in drafts {
            let draft = Draft::new(text, format);
            let mut by_paragraph = Vec::new();
            for paragraph in &draft.paragraphs {
                let mut found = Vec::new();
                find(paragraph.span.text(&draft.prose), &mut found);
                by_paragraph.extend(
                    found
                        .into_iter()
                        .map(|(t, hit)| (t, hit.shifted(paragraph.span.start))),
                );
            }
            for trigger in Trigger::ALL {
                let whole: Vec<Span> = trigger
                    .regex()
                    .find_iter(&draft.prose)
                    .map(|hit| Span::new(hit.start(), hit.end()))
                    .collect();
                let paragraphs: Vec<Span> = by_paragraph
                    .iter()
                    .filter(|(t, _)| *t == trigger)
                    .map(|&(_, hit)| hit)
                    .collect();
                assert_eq!(paragraphs, whole, "{trigger:?} in {text:?}");
                seen[trigger as usize] += whole.len();
            }
        }
        // Every trigger was looked for where it has hits.
        assert!(seen.iter().all(|&n| n > 0), "{seen:?}");
    }

    #[test]
    fn a_trigger_split_across_table_cells_is_not_a_hit() {
        let analysis = crate::analyze(
            "|Per|my notes|\n|---|---|\n|a|b|\n\nPer my notes, the fee rose.\n",
            Format::Markdown,
            &crate::Config::default(),
        );
        let notes: Vec<usize> = analysis
            .diagnostics
            .iter()
            .filter(|d| d.code == "sourcing-note")
            .map(|d| d.span.start)
            .collect();
        // The note in the paragraph, not the two cells.
        assert_eq!(notes.len(), 1);
        assert!(notes[0] > 30);
    }
}
