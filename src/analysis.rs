//! The pipeline: text in, [`Analysis`] out.

use crate::config::Config;
use crate::draft::{Draft, Format};
use crate::model::{Analysis, Span};
use crate::{attribution, claims, quotes, rules};

/// Analyses a draft. Pure: the same text, format and configuration always give the same result.
pub fn analyze(text: &str, format: Format, config: &Config) -> Analysis {
    let mut draft = Draft::new(text, format);
    let mut marks = quotes::find(&draft);
    quotes::finish(&draft.prose, &mut marks);
    let quote_spans: Vec<Span> = marks.quotes.iter().map(|q| q.span).collect();
    draft.segment(&quote_spans);
    let (speakers, facts) = attribution::attribute(&draft, &mut marks.quotes, config);
    for quote in &mut marks.quotes {
        quote.kind = quotes::classify(&draft.prose, quote, quote.attribution.is_some());
    }
    let claims = claims::collect(&draft, &marks.quotes, &facts);
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
    Analysis {
        paragraphs: draft.paragraphs.iter().map(|p| p.span).collect(),
        quotes: marks.quotes,
        speakers,
        claims,
        diagnostics,
    }
}
