//! The words the pattern rules look for first, and what their patterns match around them,
//! found paragraph by paragraph.
//!
//! Each pattern rule (vague attribution, placeholders, sourcing notes, bare sources, courtesy
//! titles) first finds its trigger, a cheap search for words that every finding of the rule
//! contains, and only then reads the rule's pattern, with its capture groups, near each hit
//! (`around`). Both are done
//! in each paragraph's own text when the paragraph is read, and the matches are kept with its
//! other facts: a keystroke reads one paragraph again, not the draft. At 100,000 words the
//! vague-attribution trigger alone took about 0.3 ms to scan for, and reading the patterns
//! around every hit of the draft about 0.3 ms more. What the rules check around a match that
//! needs the rest of the analysis (is it inside a quote, does a clause start there) stays
//! with the rules.
//!
//! No trigger matches a line break, and between paragraphs a draft's prose holds nothing but
//! white space and blanked markup, so the hits are those a search of the whole prose finds, with
//! one difference: table cells on one line are paragraphs of their own, and a trigger split
//! across them (`|Per|my notes|`, whose pipes are blanked to spaces) is no longer a hit. It was
//! never a finding the reporter wrote. A pattern read in its paragraph cannot run on into the
//! next one either, which none of the rules' findings may do.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{bare_source, courtesy_title, placeholder, sourcing_note, vague_attribution};
use crate::model::Span;

/// Tells a match's group from its text ([`Trigger::told`]).
type Tell = fn(&str) -> Option<(&'static str, Range<usize>)>;

/// A pattern rule's trigger.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trigger {
    VagueAttribution,
    Placeholder,
    PlaceholderBracket,
    SourcingNote,
    BareSource,
    CourtesyTitle,
}

/// Where a rule's pattern is read around a hit of its trigger: each rule says so beside its
/// pattern.
pub(super) enum Reading {
    /// A match that covers the hit, starting at most `back` bytes before it and ending at most
    /// `ahead` bytes after it.
    Around { back: usize, ahead: usize },
    /// A match that starts at the hit, within `ahead` bytes of it, where no letter or digit
    /// comes before the hit.
    At { ahead: usize },
}

impl Trigger {
    pub const ALL: [Trigger; 6] = [
        Trigger::VagueAttribution,
        Trigger::Placeholder,
        Trigger::PlaceholderBracket,
        Trigger::SourcingNote,
        Trigger::BareSource,
        Trigger::CourtesyTitle,
    ];

    fn regex(self) -> &'static Regex {
        match self {
            Trigger::VagueAttribution => &vague_attribution::TRIGGER,
            Trigger::Placeholder => &placeholder::TRIGGER,
            Trigger::PlaceholderBracket => &placeholder::BRACKET_TRIGGER,
            Trigger::SourcingNote => &sourcing_note::TRIGGER,
            Trigger::BareSource => &bare_source::TRIGGER,
            Trigger::CourtesyTitle => &courtesy_title::TRIGGER,
        }
    }

    /// The rule's pattern, whose capture groups its check reads; for a pattern that counts
    /// characters, the pattern without its counts (see `Trigger::counted`).
    pub fn pattern(self) -> &'static Regex {
        match self {
            Trigger::VagueAttribution => &vague_attribution::VAGUE,
            Trigger::Placeholder => &placeholder::UNCOUNTED,
            Trigger::PlaceholderBracket => &placeholder::BRACKET_UNCOUNTED,
            Trigger::SourcingNote => &sourcing_note::UNCOUNTED,
            Trigger::BareSource => &bare_source::BARE,
            Trigger::CourtesyTitle => &courtesy_title::TITLE,
        }
    }

    /// For a pattern each of whose matches has one group besides the whole match, the name of
    /// the group a match of it took part in and its bytes in the match, told from the match's
    /// text (`None` where the text does not tell): the rule says so beside its pattern. Such a
    /// pattern is read without its groups, and they are told from the match.
    fn told(self) -> Option<Tell> {
        match self {
            // Each group is a whole alternative.
            Trigger::Placeholder => {
                Some(|found| placeholder::alternative(found).map(|name| (name, 0..found.len())))
            }
            Trigger::SourcingNote => {
                Some(|found| sourcing_note::alternative(found).map(|name| (name, 0..found.len())))
            }
            Trigger::BareSource => Some(bare_source::told),
            _ => None,
        }
    }

    /// For a pattern that counts characters (`[^\]\n]{0,200}`), the pattern as its rule writes
    /// it, with its counts, and the most characters a count allows; [`Trigger::pattern`] is
    /// then the same pattern with every count left out (`[^\]\n]*`). A count of Unicode
    /// characters compiles into a copy of the class's automaton per character counted: the
    /// three counted patterns took about 30 of the 54 million instructions of compiling every
    /// pattern, which is most of a run of the command line over a few drafts.
    ///
    /// The two patterns differ only in their counts, so every way the counted pattern can
    /// match is a way the uncounted one can, in the same order of preference: where the
    /// uncounted pattern's first match from an offset is no longer in characters than a count
    /// allows, it is the counted pattern's first match too, with the same groups, and where the
    /// uncounted pattern has no match, neither has the counted one. Only a longer match is
    /// looked for again with the counted pattern ([`first_match`]), compiled then.
    fn counted(self) -> Option<(&'static LazyLock<Regex>, usize)> {
        match self {
            Trigger::Placeholder => Some((&placeholder::PLACEHOLDER, placeholder::MOST)),
            Trigger::PlaceholderBracket => Some((&placeholder::BRACKET, placeholder::BRACKET_MOST)),
            Trigger::SourcingNote => Some((&sourcing_note::NOTE, sourcing_note::MOST)),
            _ => None,
        }
    }

    fn reading(self) -> Reading {
        match self {
            Trigger::VagueAttribution => vague_attribution::READING,
            Trigger::Placeholder => placeholder::READING,
            Trigger::PlaceholderBracket => placeholder::BRACKET_READING,
            Trigger::SourcingNote => sourcing_note::READING,
            Trigger::BareSource => bare_source::READING,
            Trigger::CourtesyTitle => courtesy_title::READING,
        }
    }
}

/// A match of a rule's pattern in a paragraph: its trigger, and where its capture groups are
/// in the paragraph's list of groups (counted from the paragraph's first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternMatch {
    pub trigger: Trigger,
    pub groups: Range<usize>,
}

/// A match of a rule's pattern, as the rule reads it: the span of each capture group of
/// [`Trigger::pattern`] that took part, at draft offsets.
#[derive(Clone, Copy, Debug)]
pub struct Found<'f> {
    pub trigger: Trigger,
    /// Where the match's paragraph starts in the draft.
    pub offset: usize,
    /// The groups, by index, at offsets from the paragraph's start.
    pub groups: &'f [Option<Span>],
}

impl Found<'_> {
    /// The whole match.
    pub fn span(&self) -> Span {
        self.group(0).unwrap_or_default()
    }

    /// The group with this index, if it took part in the match.
    pub fn group(&self, index: usize) -> Option<Span> {
        self.groups
            .get(index)
            .copied()
            .flatten()
            .map(|span| span.shifted(self.offset))
    }

    /// The group with this name, if it took part in the match.
    pub fn name(&self, name: &str) -> Option<Span> {
        let index = self
            .trigger
            .pattern()
            .capture_names()
            .position(|n| n == Some(name))?;
        self.group(index)
    }
}

/// The hits of every trigger in a run of paragraphs, each paragraph's at offsets from its
/// start: the hits a search of each paragraph on its own finds.
///
/// A search per trigger and paragraph cost more than the searching itself (news paragraphs
/// are short: 540 of them in 10,000 words, five triggers each), so each trigger is searched
/// for once over the whole run, and its hits are dealt out to the paragraphs. No trigger has a
/// look-around, so a hit inside a paragraph is one the paragraph's own search finds, unless a
/// hit that ran across the paragraph's edge took its place: a paragraph such a hit touches
/// (only table cells on one line, `|Per|my notes|`) is searched for that trigger on its own.
pub struct RunHits {
    hits: Vec<Span>,
    /// The hits of paragraph `p` and trigger `t` are `hits[ends[k - 1]..ends[k]]`, where
    /// `k = p * Trigger::ALL.len() + t + 1` (and `ends[0]` is 0).
    ends: Vec<usize>,
}

impl RunHits {
    /// `paragraphs` are spans of `prose`, in order and apart; a paragraph's text is
    /// `prose[span]`.
    pub fn find(prose: &str, paragraphs: &[Span]) -> RunHits {
        let (Some(first), Some(last)) = (paragraphs.first(), paragraphs.last()) else {
            return RunHits {
                hits: Vec::new(),
                ends: vec![0],
            };
        };
        let run = Span::new(first.start, last.end);
        // Each trigger's hits at draft offsets, and the paragraphs whose search they may
        // not stand for.
        let mut found: [Vec<Span>; Trigger::ALL.len()] = Default::default();
        let mut alone: Vec<(usize, Trigger)> = Vec::new();
        for (trigger, found) in Trigger::ALL.into_iter().zip(&mut found) {
            let mut p = 0;
            for hit in trigger.regex().find_iter(run.text(prose)) {
                let hit = Span::new(hit.start(), hit.end()).shifted(run.start);
                while paragraphs[p].end <= hit.start && p + 1 < paragraphs.len() {
                    p += 1;
                }
                if paragraphs[p].start <= hit.start && hit.end <= paragraphs[p].end {
                    found.push(hit);
                } else {
                    let touched = paragraphs[p..].iter().take_while(|s| s.start < hit.end);
                    alone.extend((p..).zip(touched).map(|(q, _)| (q, trigger)));
                }
            }
        }
        let mut hits = Vec::with_capacity(found.iter().map(Vec::len).sum());
        let mut ends = Vec::with_capacity(paragraphs.len() * Trigger::ALL.len() + 1);
        ends.push(0);
        let mut next = [0; Trigger::ALL.len()];
        for (p, &paragraph) in paragraphs.iter().enumerate() {
            for (t, trigger) in Trigger::ALL.into_iter().enumerate() {
                let (found, next) = (&found[t], &mut next[t]);
                if alone.contains(&(p, trigger)) {
                    while *next < found.len() && found[*next].start < paragraph.end {
                        *next += 1;
                    }
                    let text = paragraph.text(prose);
                    hits.extend(
                        trigger
                            .regex()
                            .find_iter(text)
                            .map(|hit| Span::new(hit.start(), hit.end())),
                    );
                } else {
                    while *next < found.len() && found[*next].end <= paragraph.end {
                        let hit = found[*next];
                        hits.push(Span::new(
                            hit.start - paragraph.start,
                            hit.end - paragraph.start,
                        ));
                        *next += 1;
                    }
                }
                ends.push(hits.len());
            }
        }
        RunHits { hits, ends }
    }

    /// Paragraph `p`'s hits of `trigger`, at offsets from its start.
    pub fn of(&self, p: usize, trigger: Trigger) -> &[Span] {
        let k = p * Trigger::ALL.len() + trigger as usize + 1;
        &self.hits[self.ends[k - 1]..self.ends[k]]
    }
}

/// Appends the matches of every rule's pattern in `text` (one paragraph), trigger by trigger,
/// each trigger's in order, to `matches`, and their capture groups, at offsets from the
/// paragraph's start, to `groups` (whose first entry is the paragraph's first group). Each
/// pattern is read near the hits `hits_of` gives for its trigger ([`RunHits::of`]).
pub fn read<'h>(
    text: &str,
    hits_of: impl Fn(Trigger) -> &'h [Span],
    matches: &mut Vec<PatternMatch>,
    groups: &mut Vec<Option<Span>>,
) {
    let first = groups.len();
    for trigger in Trigger::ALL {
        let hits = hits_of(trigger);
        if hits.is_empty() {
            // Most paragraphs, for most triggers.
            continue;
        }
        let pattern = trigger.pattern();
        let mut locations = pattern.capture_locations();
        let mut record = |spans: &mut dyn Iterator<Item = Option<Span>>| {
            let start = groups.len() - first;
            groups.extend(spans);
            matches.push(PatternMatch {
                trigger,
                groups: start..groups.len() - first,
            });
        };
        match trigger.reading() {
            Reading::Around { back, ahead } => {
                let told = trigger.told();
                // A pattern whose groups the match tells is searched for without them: the
                // search for groups clears a table of the pattern's states by the match's
                // bytes first, thousands of states for the patterns that count characters.
                let search = |locations: &mut regex::CaptureLocations, window: &str, start| {
                    first_match(trigger, locations, window, start, told.is_none())
                };
                around(
                    text,
                    hits,
                    back,
                    ahead,
                    &mut locations,
                    search,
                    |locations, window, found| {
                        let Some(told) = told else {
                            return record(&mut located(locations, 0));
                        };
                        let group = told(found.text(window)).and_then(|(name, bytes)| {
                            let span =
                                Span::new(found.start + bytes.start, found.start + bytes.end);
                            Some((group_index(pattern, name)?, span))
                        });
                        match group {
                            Some((index, span)) => {
                                record(&mut (0..pattern.captures_len()).map(|i| match i {
                                    0 => Some(found),
                                    _ => (i == index).then_some(span),
                                }))
                            }
                            None => {
                                // The same match, whose groups are read after all.
                                first_match(trigger, locations, window, found.start, true);
                                record(&mut located(locations, 0))
                            }
                        }
                    },
                );
            }
            Reading::At { ahead } => {
                // Every match, even one inside the last: which of them the rule passes over
                // depends on the words before them, which it reads in the draft.
                for hit in hits {
                    let at = hit.start;
                    if text[..at]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphanumeric)
                    {
                        continue;
                    }
                    let window = &text[at..window_end(text, at + ahead)];
                    if pattern.captures_read(&mut locations, window).is_some() {
                        record(&mut located(&locations, at));
                    }
                }
            }
        }
    }
}

/// The first match of `trigger`'s pattern in `window` from `start` on, with its groups in
/// `locations` if `groups`: that of the uncounted pattern, or where that is longer than a
/// count allows, of the counted one ([`Trigger::counted`]).
fn first_match(
    trigger: Trigger,
    locations: &mut regex::CaptureLocations,
    window: &str,
    start: usize,
    groups: bool,
) -> Option<Span> {
    let search = |pattern: &Regex, locations: &mut regex::CaptureLocations| {
        if groups {
            pattern.captures_read_at(locations, window, start)?;
            let (a, b) = locations.get(0)?;
            Some(Span::new(a, b))
        } else {
            let found = pattern.find_at(window, start)?;
            Some(Span::new(found.start(), found.end()))
        }
    };
    let found = search(trigger.pattern(), locations)?;
    match trigger.counted() {
        Some((counted, most))
            if found.len() > most && found.text(window).chars().count() > most =>
        {
            search(counted, locations)
        }
        _ => Some(found),
    }
}

/// The capture groups of a match, at offsets `shift` bytes on.
fn located(
    locations: &regex::CaptureLocations,
    shift: usize,
) -> impl Iterator<Item = Option<Span>> + '_ {
    (0..locations.len()).map(move |i| {
        locations
            .get(i)
            .map(|(a, b)| Span::new(a + shift, b + shift))
    })
}

/// The index of `pattern`'s group named `name`.
fn group_index(pattern: &Regex, name: &str) -> Option<usize> {
    pattern.capture_names().position(|n| n == Some(name))
}

/// Reads a pattern only near the `hits` of its trigger: `search` finds the pattern's first
/// match in a window of the text from an offset on (filling the capture locations, if it
/// reads groups), and `f` is called with the window and each match that covers a hit. A match
/// may start up to `back` bytes before its hit and end up to `ahead` bytes after it; a hit
/// inside the last match is passed over.
fn around(
    text: &str,
    hits: &[Span],
    back: usize,
    ahead: usize,
    locations: &mut regex::CaptureLocations,
    mut search: impl FnMut(&mut regex::CaptureLocations, &str, usize) -> Option<Span>,
    mut f: impl FnMut(&mut regex::CaptureLocations, &str, Span),
) {
    let mut done = 0;
    for hit in hits {
        let at = hit.start;
        if at < done {
            continue;
        }
        let mut from = at.saturating_sub(back).max(done);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let window = &text[..window_end(text, hit.end + ahead)];
        let mut start = from;
        while let Some(found) = search(locations, window, start) {
            if found.start > at || found.end <= start {
                break;
            }
            if found.end > at {
                done = found.end;
                f(locations, window, found);
                break;
            }
            start = found.end;
        }
    }
}

/// Where a look-ahead window that should reach `to` ends: after the word there and before a
/// space, so that no pattern can tell the window's end from the text's (`\s*` cannot run into
/// it and `\b` sees a space after it).
fn window_end(text: &str, to: usize) -> usize {
    let mut to = to.min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let rest = &text[to..];
    let word = to + (rest.len() - rest.trim_start().len());
    text[word..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| word + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::{Draft, Format};

    /// Every pattern's matches in `text`, one paragraph searched on its own.
    fn find(text: &str, matches: &mut Vec<PatternMatch>, groups: &mut Vec<Option<Span>>) {
        let hits = RunHits::find(text, &[Span::new(0, text.len())]);
        read(text, |trigger| hits.of(0, trigger), matches, groups);
    }

    /// Every pattern's matches in `text`, each as its groups at offsets from `shift`.
    fn matches_in(text: &str, shift: usize) -> Vec<(Trigger, Vec<Option<Span>>)> {
        let (mut matches, mut groups) = (Vec::new(), Vec::new());
        find(text, &mut matches, &mut groups);
        matches
            .into_iter()
            .map(|m| {
                let spans = groups[m.groups].iter().map(|g| g.map(|s| s.shifted(shift)));
                (m.trigger, spans.collect())
            })
            .collect()
    }

    /// Drafts with matches of every pattern (the table's cells are padded with spaces, so no
    /// trigger runs from one into the next).
    fn drafts() -> [(&'static str, Format); 5] {
        [
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
                 - Critics say\n- Per our notes (on background)\n\nSources said it was XX \
                 percent [CHECK], and many believe it. Headline here\n\n\
                 Mr. Roe met Ms.\u{a0}Lee and Mrs Ortiz; Miss America came, and Mr. Mrs Kim.\n",
                Format::Markdown,
            ),
        ]
    }

    /// Searched for once over a run of paragraphs, each paragraph's hits are those of a search
    /// of the paragraph alone, even where a hit of the run crosses a table cell's edge.
    #[test]
    fn a_run_of_paragraphs_has_the_hits_of_each_paragraph_alone() {
        let mut crossed = false;
        // Across the cells, "It has" takes the "s" of "hasome", where the cell alone has "some".
        let cells = (
            "|It|hasome|\n|---|---|\n|Per|my notes|\n\nPer my notes, said TK.\n",
            Format::Markdown,
        );
        for (text, format) in drafts().into_iter().chain([cells]) {
            let draft = Draft::new(text, format);
            let spans: Vec<Span> = draft.paragraphs.iter().map(|p| p.span).collect();
            let run = RunHits::find(&draft.prose, &spans);
            for (p, span) in spans.iter().enumerate() {
                for trigger in Trigger::ALL {
                    let alone: Vec<Span> = trigger
                        .regex()
                        .find_iter(span.text(&draft.prose))
                        .map(|hit| Span::new(hit.start(), hit.end()))
                        .collect();
                    assert_eq!(run.of(p, trigger), alone, "{trigger:?} in {p}");
                }
            }
            // A search of the whole run finds hits that run across a cell's edge.
            crossed |= Trigger::ALL.iter().any(|trigger| {
                trigger.regex().find_iter(&draft.prose).any(|hit| {
                    !spans
                        .iter()
                        .any(|s| s.start <= hit.start() && hit.end() <= s.end)
                })
            });
        }
        assert!(crossed, "no draft has a hit across a paragraph's edge");
    }

    /// Found paragraph by paragraph, the matches are those found in the whole prose: no
    /// trigger or pattern runs across a paragraph's end, and none lies outside every paragraph
    /// (table cells apart, below).
    #[test]
    fn each_paragraph_has_the_matches_the_whole_prose_has() {
        let drafts = drafts();
        let mut seen = [0; Trigger::ALL.len()];
        for (text, format) in drafts {
            let draft = Draft::new(text, format);
            let mut by_paragraph = Vec::new();
            for paragraph in &draft.paragraphs {
                let text = paragraph.span.text(&draft.prose);
                by_paragraph.extend(matches_in(text, paragraph.span.start));
            }
            let whole = matches_in(&draft.prose, 0);
            for trigger in Trigger::ALL {
                let of = |all: &[(Trigger, Vec<Option<Span>>)]| -> Vec<Vec<Option<Span>>> {
                    all.iter()
                        .filter(|(t, _)| *t == trigger)
                        .map(|(_, groups)| groups.clone())
                        .collect()
                };
                assert_eq!(of(&by_paragraph), of(&whole), "{trigger:?} in {text:?}");
                seen[trigger as usize] += of(&whole).len();
            }
        }
        // Every pattern was read where it has matches.
        assert!(seen.iter().all(|&n| n > 0), "{seen:?}");
    }

    #[test]
    fn a_match_reads_its_groups_at_draft_offsets() {
        let text = "Ok.\n\nThe 😀 mayor said TK, per our notes.";
        let (mut matches, mut groups) = (Vec::new(), Vec::new());
        find(&text[5..], &mut matches, &mut groups);
        let found: Vec<Found> = matches
            .iter()
            .map(|m| Found {
                trigger: m.trigger,
                offset: 5,
                groups: &groups[m.groups.clone()],
            })
            .collect();
        let texts: Vec<(Trigger, &str)> = found
            .iter()
            .map(|f| (f.trigger, f.span().text(text)))
            .collect();
        assert_eq!(
            texts,
            [
                (Trigger::Placeholder, "TK"),
                (Trigger::SourcingNote, "per our notes")
            ]
        );
        assert_eq!(found[0].name("tk").map(|s| s.text(text)), Some("TK"));
        assert_eq!(found[0].name("xx"), None);
        assert_eq!(found[1].name("notes"), Some(found[1].span()));
        assert_eq!(found[1].name("no such group"), None);
    }

    /// Where a pattern's match tells the group it took part in, that is the group its search
    /// with groups reads, and no other group takes part: every match in texts put together
    /// from pieces of each alternative, and of texts near them.
    #[test]
    fn a_match_tells_the_groups_its_search_reads() {
        let pieces = [
            " ",
            "\t",
            "é",
            "[",
            "]",
            "(",
            ")",
            "TK",
            "tktk",
            "$XX",
            "$ XXX",
            "XX",
            "XXXXX",
            "TEXT HERE",
            "Headline here",
            "LINK HERE",
            "HED",
            "Lorem ipsum",
            "lorem Ipsum",
            "{{x}}",
            "??",
            "FIXME",
            "TODO",
            "source: Ana",
            "ſource: x",
            "Sources ",
            "per ",
            "Per my notes",
            "per our interview notes",
            "via",
            "on background",
            "OTR",
            "background",
            "off the record—no",
            "x",
            "A source said",
            "two unnamed sources",
            "SOURCES\u{b}",
            "according to",
            "said ",
        ];
        let mut told = std::collections::HashMap::new();
        let mut untold = 0;
        for trigger in Trigger::ALL {
            let Some(tell) = trigger.told() else {
                continue;
            };
            let pattern = trigger.pattern();
            let mut locations = pattern.capture_locations();
            for a in pieces {
                for b in pieces {
                    for c in pieces {
                        let text = format!("{a}{b}{c}");
                        let mut start = 0;
                        while let Some(m) = pattern.captures_read_at(&mut locations, &text, start) {
                            let read: Vec<Option<(usize, usize)>> =
                                (0..locations.len()).map(|i| locations.get(i)).collect();
                            match tell(&text[m.range()]) {
                                Some((name, bytes)) => {
                                    let index = group_index(pattern, name).unwrap();
                                    let group = (m.start() + bytes.start, m.start() + bytes.end);
                                    let tells: Vec<Option<(usize, usize)>> = (0..read.len())
                                        .map(|i| match i {
                                            0 => read[0],
                                            _ => (i == index).then_some(group),
                                        })
                                        .collect();
                                    assert_eq!(tells, read, "{trigger:?} in {text:?}");
                                    *told.entry(name).or_insert(0) += 1;
                                }
                                None => untold += 1,
                            }
                            start = m.end().max(m.start() + 1);
                            while !text.is_char_boundary(start) {
                                start += 1;
                            }
                            if start > text.len() {
                                break;
                            }
                        }
                    }
                }
            }
        }
        // Every group was told from some match, and some bracketed notes were not.
        let names = [
            "tk", "money", "xx", "here", "lorem", "todo", "template", "what", "square", "paren",
            "notes", "subject", "object",
        ];
        for name in names {
            assert!(told.get(name).is_some_and(|&n| n > 0), "{name}: {told:?}");
        }
        assert!(untold > 0);
    }

    /// A match's capture groups, by index.
    type Groups = Vec<Option<Span>>;

    /// The groups [`Trigger::told`] tells of `trigger`'s matches in `text`, and those its
    /// search with groups reads.
    fn told_and_read(trigger: Trigger, text: &str) -> Vec<(Groups, Groups)> {
        let (pattern, told) = (trigger.pattern(), trigger.told().unwrap());
        let mut locations = pattern.capture_locations();
        let mut both = Vec::new();
        for found in pattern.find_iter(text) {
            pattern.captures_read_at(&mut locations, text, found.start());
            let read = located(&locations, 0).collect();
            let whole = Span::new(found.start(), found.end());
            let tells = told(found.as_str()).map_or(Vec::new(), |(name, bytes)| {
                let index = group_index(pattern, name).unwrap();
                let group = Span::new(whole.start + bytes.start, whole.start + bytes.end);
                (0..pattern.captures_len())
                    .map(|i| match i {
                        0 => Some(whole),
                        _ => (i == index).then_some(group),
                    })
                    .collect()
            });
            both.push((tells, read));
        }
        both
    }

    #[test]
    fn a_bare_source_is_told_by_its_noun_phrase() {
        let text = "A source said it. It is 😀 off, according to\u{b}two SOURCES. Per sources.";
        let names: Vec<(Option<&str>, Option<&str>)> = told_and_read(Trigger::BareSource, text)
            .into_iter()
            .map(|(tells, read)| {
                assert_eq!(tells, read, "in {text:?}");
                (
                    tells[1].map(|s| s.text(text)),
                    tells[2].map(|s| s.text(text)),
                )
            })
            .collect();
        assert_eq!(
            names,
            [
                (Some("A source"), None),
                (None, Some("two SOURCES")),
                (None, Some("sources"))
            ]
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// A bare source's groups told from its match are those its search with groups reads,
        /// in texts of the pattern's words (counting, decorating, saying), spaces, punctuation
        /// and words that hold "source".
        #[test]
        fn a_bare_sources_match_tells_the_groups_its_search_reads(
            words in proptest::collection::vec(
                (
                    proptest::sample::select(vec![
                        "a", "A", "an", "two", "12", "a few", "several", "unnamed", "anonymous,",
                        "well-placed", "other", "source", "sources", "SOURCE", "Sources", "s",
                        "sourcesource", "outsource", "ſource", "said", "Said", "says", "according",
                        "to", "TO", "citing", "per", "Per", "told", "also", "have", "confirmed",
                        ".", ")", "—", "”", "é", "x",
                    ]),
                    proptest::sample::select(vec![" ", " ", " ", "", "  ", "\t", "\u{b}", "\n", ", ", "\u{a0}"]),
                ),
                1..14,
            ),
        ) {
            let text: String = words.iter().flat_map(|&(word, space)| [word, space]).collect();
            for (tells, read) in told_and_read(Trigger::BareSource, &text) {
                proptest::prop_assert_eq!(tells, read, "in {:?}", text);
            }
        }
    }

    /// Each match (and its groups) of a counted pattern, as [`first_match`] finds it
    /// through the uncounted pattern, in `text` from every character boundary on.
    fn first_matches(trigger: Trigger, text: &str, groups: bool) -> Vec<Option<Groups>> {
        let mut locations = trigger.pattern().capture_locations();
        (0..=text.len())
            .filter(|&start| text.is_char_boundary(start))
            .map(|start| {
                let found = first_match(trigger, &mut locations, text, start, groups)?;
                Some(match groups {
                    true => located(&locations, 0).collect(),
                    false => vec![Some(found)],
                })
            })
            .collect()
    }

    /// The same, read with the counted pattern alone (`uncounted` false) or the uncounted
    /// one alone.
    fn matches_of(
        trigger: Trigger,
        text: &str,
        groups: bool,
        uncounted: bool,
    ) -> Vec<Option<Groups>> {
        let pattern: &Regex = match uncounted {
            true => trigger.pattern(),
            false => trigger.counted().unwrap().0,
        };
        let mut locations = pattern.capture_locations();
        (0..=text.len())
            .filter(|&start| text.is_char_boundary(start))
            .map(|start| match groups {
                true => pattern
                    .captures_read_at(&mut locations, text, start)
                    .map(|_| located(&locations, 0).collect()),
                false => pattern
                    .find_at(text, start)
                    .map(|m| vec![Some(Span::new(m.start(), m.end()))]),
            })
            .collect()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]
        /// A pattern that counts characters is read through the pattern without its counts,
        /// and only a match longer than a count allows through the counted one: every match and
        /// its groups are the counted pattern's, from every offset of texts with runs of ASCII,
        /// two-, three- and four-byte characters on both sides of each count.
        #[test]
        fn a_counted_patterns_matches_are_read_through_the_uncounted_one(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "[", "]", "(", ")", "{{", "}}", "\n", " ", "\t", ":", "—", "x", "é", "😀",
                    "on background", "OTR", "off the record", "background", "source: ", "per ",
                    "via ", "Per my notes", "check", "TK", "name", "??", "{{x}}",
                    "x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x",
                    "éééééééééééééééééééééééééééééééééééééééé",
                    "“”—“”—“”—“”—“”—“”—“”—“”—“”—“”—“”—“”—“”—",
                    "😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀",
                ]),
                1..14,
            ),
        ) {
            let text: String = pieces.concat();
            for trigger in Trigger::ALL.into_iter().filter(|t| t.counted().is_some()) {
                for groups in [false, true] {
                    proptest::prop_assert_eq!(
                        first_matches(trigger, &text, groups),
                        matches_of(trigger, &text, groups, false),
                        "{:?} in {:?}", trigger, text
                    );
                }
            }
        }
    }

    /// Notes of every length to a few characters past each count, of ASCII, two-, three- and
    /// four-byte characters, in each place a pattern counts: every match and its groups are the
    /// counted pattern's, and the counts matter (the uncounted pattern alone finds notes too
    /// long for the counted one).
    #[test]
    fn a_counted_pattern_reads_notes_of_every_length_as_the_counted_one() {
        let templates = [
            (Trigger::SourcingNote, "[{} on background]"),
            (Trigger::SourcingNote, "[OTR {}] x"),
            (Trigger::SourcingNote, "(OTR: {})"),
            (Trigger::SourcingNote, "[source: {}]"),
            (Trigger::PlaceholderBracket, "[check {}] [name]"),
            (Trigger::Placeholder, "{{{}}} ??"),
        ];
        let mut differ = [0; Trigger::ALL.len()];
        for (trigger, template) in templates {
            let most = trigger.counted().unwrap().1;
            for c in ["x", "é", "—", "😀"] {
                for n in 0..most + 4 {
                    let text = template.replacen("{}", &c.repeat(n), 1);
                    for groups in [false, true] {
                        let counted = matches_of(trigger, &text, groups, false);
                        assert_eq!(first_matches(trigger, &text, groups), counted, "{text:?}");
                        if matches_of(trigger, &text, groups, true) != counted {
                            differ[trigger as usize] += 1;
                        }
                    }
                }
            }
        }
        for trigger in [
            Trigger::SourcingNote,
            Trigger::PlaceholderBracket,
            Trigger::Placeholder,
        ] {
            assert!(differ[trigger as usize] > 0, "{trigger:?}: {differ:?}");
        }
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
