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
use crate::attribution::source::SourceKind;
use crate::lexicon::ANONYMITY_REASONS;
use crate::model::{Diagnostic, Edit, Fix, Severity, Span};

/// A searcher for each of [`ANONYMITY_REASONS`], built once: a search of a two-sentence window
/// is shorter than setting one up.
static REASONS: LazyLock<Vec<memmem::Finder<'static>>> =
    LazyLock::new(|| ANONYMITY_REASONS.iter().map(memmem::Finder::new).collect());

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (c, clause) in cx.facts.clauses.iter().enumerate() {
        if !matches!(clause.source.kind, SourceKind::Anonymous { .. })
            || !cx.facts.attributes_words(c)
        {
            continue;
        }
        let sentences = &cx.draft.sentences;
        let from = sentences[clause.sentence].start;
        let to = sentences.get(clause.sentence + 1).map_or(sentences[clause.sentence].end, |next| next.end);
        let window = cx.draft.prose[from..to].to_lowercase();
        let explained = REASONS.iter().any(|r| r.find(window.as_bytes()).is_some())
            || cx.config.anonymity_phrases.iter().any(|p| window.contains(&p.to_lowercase()));
        if explained {
            continue;
        }
        let at = clause.source.span.end;
        out.push(Diagnostic {
            code: "anonymity-unexplained",
            severity: Severity::Warning,
            message: [
                "The draft does not say why “",
                cx.text(clause.source.span),
                "” was granted anonymity: add the reason in this or the next sentence (e.g. “who spoke on condition of anonymity because they were not authorized to discuss the talks”).",
            ]
            .concat(),
            span: clause.source.span,
            related: vec![],
            fixes: vec![Fix {
                title: "Insert a reason-for-anonymity placeholder".to_string(),
                edits: vec![Edit { span: Span::new(at, at), replacement: ", who spoke on condition of anonymity because TK,".to_string() }],
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
