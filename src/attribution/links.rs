//! Sieves 1–3: a quote and the attribution clauses of its own sentence.
//!
//! Which clause a quote takes its speaker from depends on its sentence alone: the sentence's
//! tokens, its clauses and whether the quote is a title. The one exception is an embedded
//! subject (`Clinton called the plan “a giveaway”`), which links only to someone resolution
//! has found. So the choice is made when a paragraph is read ([`plan`]) and kept with the
//! paragraph's facts; the draft only finishes it ([`apply`]). A keystroke then links the
//! draft's quotes from a few plans per paragraph, instead of walking every sentence's tokens
//! again (at 100,000 words the tokens are 3 MB, a tenth of a keystroke's time).
//!
//! Everything here counts from the paragraph's first quote, clause and token, so a plan holds
//! wherever its paragraph moves.

use std::ops::Range;

use super::Facts;
use super::clauses::Clause;
use super::source::SourceKind;
use super::tokens::Token;
use crate::model::{Attribution, Quote, Sieve};

/// What a paragraph's quote takes its speaker from, as far as its paragraph can tell.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkPlan {
    /// The quote, counted from the paragraph's first.
    pub quote: usize,
    pub choice: Choice,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Choice {
    /// This clause (counted from the paragraph's first), by this sieve.
    Clause(usize, Sieve),
    /// No other sieve links it: the first of these clauses (its sentence's, counted from the
    /// paragraph's first) that is an embedded subject before token `before` (counted from the
    /// paragraph's first) and whose source is someone resolution found, or a pronoun.
    Embedded {
        clauses: Range<usize>,
        before: usize,
    },
}

/// Where a paragraph's quotes, clauses and tokens begin in the draft's lists.
#[derive(Clone, Copy, Debug)]
pub struct Firsts {
    pub quote: usize,
    pub clause: usize,
    pub token: usize,
}

/// The plans for one sentence of a paragraph: `range` is its tokens and `clauses` its clauses
/// (both counted from the paragraph's first, `first_clause` being the index of the first of
/// `clauses`), `toks` the paragraph's tokens over `text`, and `titles` which of the
/// paragraph's quotes are titles (see [`super::title_case`]).
pub fn plan(
    text: &str,
    toks: &[Token],
    range: Range<usize>,
    (clauses, first_clause): (&[Clause], usize),
    titles: impl Fn(usize) -> bool,
    out: &mut Vec<LinkPlan>,
) {
    if clauses.is_empty() {
        return;
    }
    let sentence = &toks[range.clone()];
    let numbered = || {
        clauses
            .iter()
            .enumerate()
            .map(|(i, c)| (first_clause + i, c))
    };
    for (qi, tok) in sentence.iter().enumerate() {
        let Some(q) = tok.quote() else { continue };
        let qpos = range.start + qi;
        // A term the writer distances themself from is nobody's words: a so-called “fan deck”.
        if sentence[..qi]
            .last()
            .is_some_and(|t| t.text(text).eq_ignore_ascii_case("so-called"))
        {
            continue;
        }
        let title = titles(q);
        // A title is only ever someone's words beside a real speech verb ("“Blue Moon,” she
        // said"), not beside "read" or "sang".
        let usable = |c: &Clause| {
            !(c.source.kind == SourceKind::Group || c.embedded || c.label || title && c.weak)
        };
        // A transcript label inside the quote names its speaker outright.
        if let Some((c, _)) = numbered().find(|(_, c)| c.label && c.token == qpos) {
            out.push(LinkPlan {
                quote: q,
                choice: Choice::Clause(c, Sieve::Transcript),
            });
            continue;
        }
        // Trailing, tight: the clause starts within a few tokens after the quote, before any
        // other quote.
        let next_quote = sentence[qi + 1..]
            .iter()
            .position(|t| t.quote().is_some())
            .map_or(range.end, |k| qpos + 1 + k);
        let tight = numbered().find(|(_, c)| {
            let start = c.token.min(c.source_token);
            !c.according_to
                && usable(c)
                && start > qpos
                && start <= qpos + 3
                && c.token < next_quote
        });
        let weak_ok = |c: &Clause| !c.weak;
        let chosen = tight.map(|(i, _)| (i, Sieve::Trailing)).or_else(|| {
            // Leading: the nearest clause before the quote; a weak verb only right before it.
            numbered()
                .rev()
                .find(|(_, c)| {
                    !c.according_to
                        && usable(c)
                        && c.token < qpos
                        && (weak_ok(c) || qpos - c.token <= 5)
                })
                .map(|(i, _)| (i, Sieve::Leading))
                .or_else(|| {
                    // Loose trailing: “Q” an end to the conflict, he said.
                    numbered()
                        .find(|(_, c)| {
                            !c.according_to
                                && usable(c)
                                && weak_ok(c)
                                && c.token > qpos
                                && c.token < next_quote
                        })
                        .map(|(i, _)| (i, Sieve::Trailing))
                })
                .or_else(|| {
                    numbered()
                        .find(|(_, c)| c.according_to && usable(c))
                        .map(|(i, _)| (i, Sieve::AccordingTo))
                })
        });
        let choice = match chosen {
            Some((c, sieve)) => Choice::Clause(c, sieve),
            // Embedded: a fragment in a sentence about its subject, not a title; whether the
            // subject is someone is known only once the draft's sources are resolved.
            None if !title && clauses.iter().any(|c| c.embedded && c.token < qpos) => {
                Choice::Embedded {
                    clauses: first_clause..first_clause + clauses.len(),
                    before: qpos,
                }
            }
            None => continue,
        };
        out.push(LinkPlan { quote: q, choice });
    }
}

/// Links the draft's quotes to the clauses their paragraphs' plans choose, in order; each
/// paragraph's plans come with where its quotes, clauses and tokens begin in the draft's
/// lists. The clauses' speakers must be resolved.
pub fn apply<'p>(
    paragraphs: impl Iterator<Item = (Firsts, &'p [LinkPlan])>,
    quotes: &mut [Quote],
    facts: &mut Facts,
) {
    for (first, plans) in paragraphs {
        for plan in plans {
            let chosen = match &plan.choice {
                Choice::Clause(c, sieve) => Some((first.clause + c, *sieve)),
                Choice::Embedded { clauses, before } => {
                    let candidates = first.clause + clauses.start..first.clause + clauses.end;
                    candidates
                        .into_iter()
                        .find(|&c| {
                            let clause = &facts.clauses[c];
                            clause.embedded
                                && clause.token < first.token + before
                                && (clause.speaker.is_some()
                                    || clause.source.kind == SourceKind::Pronoun)
                        })
                        .map(|c| (c, Sieve::Embedded))
                }
            };
            let Some((c, sieve)) = chosen else { continue };
            let q = first.quote + plan.quote;
            facts.quote_clause[q] = Some(c);
            quotes[q].attribution = Some(Attribution {
                speaker: None,
                source: facts.clauses[c].source.span,
                cue: Some(facts.clauses[c].cue),
                sieve,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Choice, LinkPlan};
    use crate::draft::BlockKind;
    use crate::model::{Sieve, Span};
    use crate::paragraph_facts::ParagraphFacts;

    /// The plans of each paragraph of `prose`, its paragraphs split at blank lines.
    fn plans(prose: &str) -> Vec<Vec<LinkPlan>> {
        let mut blocks = Vec::new();
        let mut start = 0;
        for paragraph in prose.split("\n\n") {
            blocks.push((Span::new(start, start + paragraph.len()), BlockKind::Text));
            start += paragraph.len() + 2;
        }
        let facts = ParagraphFacts::read(prose, &blocks, &[]);
        facts.links().map(|(_, plans)| plans.to_vec()).collect()
    }

    #[test]
    fn a_paragraphs_plans_hold_wherever_it_moves() {
        let paragraph = "“We will vote,” Ana Ruiz said. She said the board “has no choice” now.";
        let alone = plans(paragraph);
        let after = plans(&format!("“Not yet,” the mayor said Monday.\n\n{paragraph}"));
        assert_eq!(alone.len(), 1);
        assert_eq!(alone[0].len(), 2, "{alone:?}");
        assert_eq!(after[1], alone[0]);
        assert!(matches!(
            alone[0][0].choice,
            Choice::Clause(0, Sieve::Trailing)
        ));
        assert!(matches!(
            alone[0][1].choice,
            Choice::Clause(1, Sieve::Leading)
        ));
    }

    #[test]
    fn an_embedded_subject_is_left_for_resolution_and_a_title_has_no_plan() {
        let prose = "Ortiz called half of the board’s members “cowards.” Check out the trailer \
                     for the film “Dry Season,” below.";
        let plans = plans(prose);
        assert_eq!(plans[0].len(), 1, "{plans:?}");
        assert_eq!(plans[0][0].quote, 0);
        assert!(
            matches!(plans[0][0].choice, Choice::Embedded { .. }),
            "{plans:?}"
        );
        // Resolution finds Ortiz, so the draft links the fragment to her; the title is nobody's.
        let analysis = crate::analyze(prose, crate::Format::PlainText, &crate::Config::default());
        let sieves: Vec<_> = analysis
            .quotes
            .iter()
            .map(|q| q.attribution.as_ref().map(|a| a.sieve))
            .collect();
        assert_eq!(sieves, [Some(Sieve::Embedded), None]);
        let speaker = analysis
            .speaker_of(&analysis.quotes[0])
            .map(|s| s.name.as_str());
        assert_eq!(speaker, Some("Ortiz"));
    }
}
