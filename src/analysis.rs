//! The pipeline: text in, [`Analysis`] out.

use crate::attribution::Facts;
use crate::config::Config;
use crate::draft::{BlockKind, Draft, Format};
use crate::model::{Analysis, Span};
use crate::paragraph_facts::{ParagraphFacts, Placed, Placing};
pub use crate::reuse::AnalysisCache;
use crate::reuse::{Reuse, Spent};
use crate::rules::anonymity_unexplained;
use crate::speakers::{MentionIndex, Registry};
use crate::timings::{Stopwatch, Timings};
use crate::{attribution, claims, rules};

/// Analyses a draft. Pure: the same text, format and configuration always give the same result.
pub fn analyze(text: &str, format: Format, config: &Config) -> Analysis {
    analyze_timed(text, format, config).0
}

/// [`analyze`] reusing what `cache` kept from the previous version of the same document, and
/// keeping this version's facts in it: after a keystroke only the paragraphs the edit touched
/// are read again (see [`crate::reuse`]). The result is always equal to [`analyze`]'s.
pub fn analyze_cached(
    text: &str,
    format: Format,
    config: &Config,
    cache: &mut AnalysisCache,
) -> Analysis {
    let mut timings = Timings::default();
    run(text, format, config, Some(cache), &mut timings)
}

/// [`analyze`], with the time each stage took.
pub fn analyze_timed(text: &str, format: Format, config: &Config) -> (Analysis, Timings) {
    let mut timings = Timings::default();
    let analysis = run(text, format, config, None, &mut timings);
    (analysis, timings)
}

/// [`analyze_cached`] with its stage timings, for the benchmarks.
pub fn analyze_cached_timed(
    text: &str,
    format: Format,
    config: &Config,
    cache: &mut AnalysisCache,
) -> (Analysis, Timings) {
    let mut timings = Timings::default();
    let analysis = run(text, format, config, Some(cache), &mut timings);
    (analysis, timings)
}

fn run(
    text: &str,
    format: Format,
    config: &Config,
    mut cache: Option<&mut AnalysisCache>,
    timings: &mut Timings,
) -> Analysis {
    let mut watch = Stopwatch::start(timings);
    let (mut draft, edit) = match cache.as_deref_mut() {
        Some(cache) => cache.draft(text, format),
        None => (Draft::new(text, format), None),
    };
    watch.lap("draft");
    let verbs = &config.attribution_verbs;
    let mut reuse = cache.map(|cache| Reuse::begin(cache, &draft.prose, format, verbs, edit));
    let prose = draft.prose.as_str();
    let blocks: Vec<(Span, BlockKind)> =
        draft.paragraphs.iter().map(|p| (p.span, p.kind)).collect();
    // Paragraph `p`'s facts are the `p`th of these: taken over from the cache where the
    // paragraph is unchanged and read now where it is not, or, without a cache, all read now.
    let mut paragraph_facts = match reuse.as_mut() {
        Some(reuse) => reuse.read(blocks, prose),
        None => ParagraphFacts::read(prose, &blocks, verbs),
    };
    // The last version's lists at draft offsets, for the paragraphs that are the same.
    let kept = (reuse.as_mut().and_then(Reuse::take_placed))
        .filter(|(placed, spliced, _)| paragraph_facts.fits(placed, spliced));
    let placing = match kept {
        Some(_) => Placing::AllButKept,
        None => Placing::All,
    };
    let (mut all, places) = paragraph_facts.place(prose, &mut draft.paragraphs, placing);
    if let Some((placed, spliced, edit)) = kept {
        let placed = paragraph_facts.replace_placed(placed, &spliced, edit, &places);
        (all.sentences, all.clauses) = (placed.sentences, placed.clauses);
        (all.capitalized, all.mid_capitals) = (placed.capitalized, placed.mid_capitals);
        #[cfg(debug_assertions)]
        paragraph_facts.assert_placed(prose, &draft.paragraphs, &all);
    } else if reuse.is_some() {
        for (p, &(place, bases)) in places.iter().enumerate() {
            paragraph_facts.append_clauses(p, place, bases, &mut all);
        }
    } else {
        // Read for this analysis only: the clauses' strings are moved, not copied.
        paragraph_facts.move_clauses(&places, &mut all);
    }
    draft.sentences = all.sentences;
    let mut marks = all.marks;
    watch.lap("paragraphs");
    let facts = Facts {
        clauses: all.clauses,
        capitalized: all.capitalized,
        mid_capitals: all.mid_capitals,
        ..Facts::default()
    };
    // Not needed when the paragraphs read again introduce what they did (most keystrokes).
    let kept = reuse.as_ref().is_some_and(|r| r.same_introductions(config));
    let intros = if kept {
        Vec::new()
    } else {
        let name_runs = paragraph_facts.name_runs(&places);
        attribution::introductions(&draft.prose, &facts, name_runs)
    };
    watch.lap("introductions");
    let unchanged = reuse.as_ref().and_then(Reuse::unchanged_paragraphs);
    let mut fresh = None;
    let (registry, index) = match reuse.as_mut() {
        Some(reuse) => reuse.registry(&intros, config),
        None => {
            let registry = Registry::from_introductions(&intros, config);
            let index = fresh.insert(MentionIndex::new(&registry));
            (registry, index)
        }
    };
    watch.lap("registry");
    let titles: Vec<bool> = all.shapes.iter().map(|s| s.title).collect();
    let quotes = &mut marks.quotes;
    let (mut registry, mut facts) = attribution::attribute(
        &draft,
        quotes,
        &titles,
        (facts, paragraph_facts.links()),
        registry,
        (index, unchanged),
        &mut watch,
    );
    for (quote, shape) in quotes.iter_mut().zip(&all.shapes) {
        quote.kind = if quote.attribution.is_some() {
            shape.attributed
        } else {
            shape.unattributed
        };
    }
    let speakers = std::mem::take(&mut registry.speakers);
    watch.lap("quote kinds");
    let claims = claims::collect(&draft, &marks.quotes, &facts, &all.checkworthy);
    watch.lap("claims");
    let phrases = &config.anonymity_phrases;
    let windows = if rules::enabled(config, "anonymity-unexplained") {
        let known = match reuse.as_ref() {
            Some(reuse) => reuse.known_windows(phrases),
            None => &[],
        };
        let old_span = |span| reuse.as_ref().and_then(|reuse| reuse.old_span(span));
        anonymity_unexplained::windows(&draft, &facts, config, (known, old_span))
    } else {
        Vec::new()
    };
    let cx = rules::Context {
        draft: &draft,
        quotes: &marks.quotes,
        mark_problems: &marks.problems,
        speakers: &speakers,
        facts: &facts,
        claims: &claims,
        matches: &paragraph_facts.matches(&places),
        anonymity_windows: &windows,
        config,
    };
    let room = reuse.as_ref().map_or(0, Reuse::findings_room);
    let mut diagnostics = rules::check(&cx, room);
    let findings = diagnostics.len();
    crate::suppress::apply(&draft, &mut diagnostics);
    watch.lap("rules");
    let analysis = Analysis {
        paragraphs: draft.paragraphs.iter().map(|p| p.span).collect(),
        quotes: marks.quotes,
        speakers,
        claims,
        diagnostics,
    };
    if let Some(reuse) = reuse {
        let placed = Placed {
            sentences: std::mem::take(&mut draft.sentences),
            clauses: std::mem::take(&mut facts.clauses),
            capitalized: std::mem::take(&mut facts.capitalized),
            mid_capitals: std::mem::take(&mut facts.mid_capitals),
        };
        let spent = Spent { facts, registry };
        reuse.keep(
            (paragraph_facts, placed),
            draft.prose,
            spent,
            &analysis.speakers,
            (findings, windows),
            phrases,
        );
    }
    analysis
}
