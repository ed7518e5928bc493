//! `anonymity-unexplained`: an anonymous source with no reason given for the anonymity.
//!
//! **Why**: AP requires the story to explain why a source was granted anonymity; The New York
//! Times' 2004 policy and the NPR Ethics Handbook ask the same ("spoke on condition of anonymity
//! because they were not authorized to discuss the talks"). Readers judge the information by the
//! reason. The reason may stand in the same sentence or the next one.
//!
//! **Example** (flagged): `A city official said the mayor had urged approval.` with no "on
//! condition of anonymity", "asked not to be named because…", "not authorized to…" nearby.

use std::sync::LazyLock;

use memchr::memmem;

use super::Context;
use crate::attribution::Facts;
use crate::attribution::source::SourceKind;
use crate::config::Config;
use crate::draft::Draft;
use crate::lexicon::ANONYMITY_REASONS;
use crate::model::{Diagnostic, Edit, Fix, Severity, Span};
use crate::wording;

/// A searcher for each of [`ANONYMITY_REASONS`], built once: a search of a two-sentence window
/// is shorter than setting one up.
static REASONS: LazyLock<Vec<memmem::Finder<'static>>> =
    LazyLock::new(|| ANONYMITY_REASONS.iter().map(memmem::Finder::new).collect());

/// The prose an anonymous source's reason may stand in (its sentence and the next), and
/// whether it gives one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// The clause that names the source.
    pub clause: usize,
    pub span: Span,
    pub reason: bool,
}

/// The window of each anonymous source that attributes words, in document order.
///
/// Whether a window gives a reason depends on its text alone (and the configured phrases), and
/// it is the costly part of this rule: a search for each reason in each window. `known` are
/// the windows of the last version of the draft, checked with the same phrases, and
/// `old_span` gives where a span of this version had the same text in that version, if it
/// did (outside the edit): such a window's answer is taken over, not searched for again.
pub fn windows(
    draft: &Draft,
    facts: &Facts,
    config: &Config,
    (known, old_span): (&[Window], impl Fn(Span) -> Option<Span>),
) -> Vec<Window> {
    let sentences = &draft.sentences;
    let mut windows = Vec::new();
    for (c, clause) in facts.clauses.iter().enumerate() {
        if !matches!(clause.source.kind, SourceKind::Anonymous { .. })
            || !facts.attributes_words(c)
        {
            continue;
        }
        let from = sentences[clause.sentence].start;
        let to = sentences
            .get(clause.sentence + 1)
            .map_or(sentences[clause.sentence].end, |next| next.end);
        let span = Span::new(from, to);
        let reason = old_span(span)
            .and_then(|old| {
                let at = known.partition_point(|w| w.span.start < old.start);
                known[at..]
                    .iter()
                    .take_while(|w| w.span.start == old.start)
                    .find(|w| w.span == old)
            })
            .map_or_else(
                || gives_a_reason(span.text(&draft.prose), &config.anonymity_phrases),
                |w| w.reason,
            );
        windows.push(Window {
            clause: c,
            span,
            reason,
        });
    }
    windows
}

/// Whether `window` gives a reason for anonymity: one of [`ANONYMITY_REASONS`] or of the
/// configured `phrases`, in any case.
fn gives_a_reason(window: &str, phrases: &[String]) -> bool {
    let window = window.to_lowercase();
    REASONS.iter().any(|r| r.find(window.as_bytes()).is_some())
        || phrases.iter().any(|p| window.contains(&p.to_lowercase()))
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for window in cx.anonymity_windows.iter().filter(|w| !w.reason) {
        let clause = &cx.facts.clauses[window.clause];
        let at = clause.source.span.end;
        out.push(Diagnostic {
            code: "anonymity-unexplained",
            severity: Severity::Warning,
            message: wording![
                "The draft does not say why “",
                clause.source.span,
                "” was granted anonymity: add the reason in this or the next sentence (e.g. “who spoke on condition of anonymity because they were not authorized to discuss the talks”).",
            ],
            span: clause.source.span,
            related: vec![],
            fixes: vec![Fix {
                title: wording!["Insert a reason-for-anonymity placeholder"],
                edits: vec![Edit { span: Span::new(at, at), replacement: wording![", who spoke on condition of anonymity because TK,"] }],
            }],
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests_support::findings;

    #[test]
    fn flags_anonymity_without_a_reason() {
        assert_eq!(findings("A city official said the mayor had urged approval. The vote is Friday.", "anonymity-unexplained"), ["A city official"]);
    }

    #[test]
    fn a_reason_here_or_in_the_next_sentence_explains_it() {
        for text in [
            "The deal is close, according to three people familiar with the talks. The people spoke on condition of anonymity because they were not authorized to discuss it.",
            "One board member, who asked not to be named because the vote has not happened, said: “Everyone knows.”",
            "The deal is close, according to an official familiar with the talks — granted anonymity to speak candidly.",
        ] {
            assert_eq!(findings(text, "anonymity-unexplained"), Vec::<String>::new(), "{text}");
        }
    }
}
