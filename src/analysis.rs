//! The pipeline: text in, [`Analysis`] out.

use crate::config::Config;
use crate::draft::{Draft, Format};
use crate::model::{Analysis, Span};
use crate::timings::{Stopwatch, Timings};
use crate::{attribution, claims, quotes, rules};

/// Analyses a draft. Pure: the same text, format and configuration always give the same result.
pub fn analyze(text: &str, format: Format, config: &Config) -> Analysis {
    analyze_timed(text, format, config).0
}

/// What an analysis keeps for the next analysis of the same document: the paragraph-local facts
/// (quotes, sentences, tokens, clauses), so that after an edit only the paragraphs the edit
/// touched are read again. One cache per open document; an empty cache gives a full analysis.
#[derive(Default)]
pub struct AnalysisCache {}

/// [`analyze`] reusing what `cache` kept from the previous version of the same document, and
/// keeping this version's facts in it. The result is always equal to [`analyze`]'s.
pub fn analyze_cached(
    text: &str,
    format: Format,
    config: &Config,
    cache: &mut AnalysisCache,
) -> Analysis {
    let _ = cache;
    analyze(text, format, config)
}

/// [`analyze`], with the time each stage took.
pub fn analyze_timed(text: &str, format: Format, config: &Config) -> (Analysis, Timings) {
    let mut timings = Timings::default();
    let mut watch = Stopwatch::start(&mut timings);
    let mut draft = Draft::new(text, format);
    watch.lap("draft");
    let mut marks = quotes::find(&draft);
    quotes::finish(&draft.prose, &mut marks);
    let quote_spans: Vec<Span> = marks.quotes.iter().map(|q| q.span).collect();
    watch.lap("quotes");
    draft.segment(&quote_spans);
    watch.lap("sentences");
    let (speakers, facts) = attribution::attribute(&draft, &mut marks.quotes, config, &mut watch);
    for quote in &mut marks.quotes {
        quote.kind = quotes::classify(&draft.prose, quote, quote.attribution.is_some());
    }
    watch.lap("quote kinds");
    let claims = claims::collect(&draft, &marks.quotes, &facts);
    watch.lap("claims");
    let cx = rules::Context {
        draft: &draft,
        quotes: &marks.quotes,
        mark_problems: &marks.problems,
        speakers: &speakers,
        facts: &facts,
        claims: &claims,
        config,
    };
    let mut diagnostics = rules::check(&cx);
    crate::suppress::apply(&draft, &mut diagnostics);
    watch.lap("rules");
    let analysis = Analysis {
        paragraphs: draft.paragraphs.iter().map(|p| p.span).collect(),
        quotes: marks.quotes,
        speakers,
        claims,
        diagnostics,
    };
    (analysis, timings)
}
