//! The pipeline: text in, [`Analysis`] out.

use crate::config::Config;
use crate::draft::{Draft, Format};
use crate::model::Analysis;
use crate::rules;

/// Analyses a draft. Pure: the same text, format and configuration always give the same result.
pub fn analyze(text: &str, format: Format, config: &Config) -> Analysis {
    let draft = Draft::new(text, format);
    let facts = crate::attribution::Facts::default();
    let cx = rules::Context {
        draft: &draft,
        quotes: &[],
        speakers: &[],
        facts: &facts,
        config,
    };
    let diagnostics = rules::check(&cx);
    Analysis {
        paragraphs: draft.paragraphs.iter().map(|p| p.span).collect(),
        quotes: Vec::new(),
        speakers: Vec::new(),
        claims: Vec::new(),
        diagnostics,
    }
}
