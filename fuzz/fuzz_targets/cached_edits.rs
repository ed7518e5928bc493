//! The incremental analysis is the analysis, on any text: a draft edited by a sequence of
//! splices (insertions, deletions, replacements anywhere) is analysed after each with
//! `analyze_cached`, the cache carried from version to version as the server carries it, and
//! every result must equal `analyze` of the same text. The configuration's extra verbs switch
//! on and off between edits, which must make the cache read everything again, and so do its
//! anonymity phrases, which must make it look for reasons for anonymity again; the cache is
//! tidied after some analyses and not others, and told where the splice is before some
//! analyses and not others (`AnalysisCache::edited`, as the language server tells it).
#![no_main]

use arbitrary::Arbitrary;
use copydesk::draft::Edit;
use copydesk::{AnalysisCache, Config, Format, analyze, analyze_cached};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
struct Splice {
    /// Where, and how many bytes go (both taken modulo the length, moved to boundaries).
    at: u16,
    remove: u8,
    text: String,
    /// Analyse with the extra attribution verb "testified" from this version on, or without.
    verbs: Option<bool>,
    /// Analyse with the extra anonymity phrase "told reporters" from this version on, or
    /// without.
    phrases: Option<bool>,
    /// Tidy the cache after this version's analysis, as the language server does after
    /// publishing (`AnalysisCache::tidy`).
    tidy: bool,
    /// Tell the cache where the splice is before this version's analysis.
    tell: bool,
}

#[derive(Arbitrary, Debug)]
struct Input {
    plain: bool,
    initial: String,
    splices: Vec<Splice>,
}

fn boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fuzz_target!(|input: Input| {
    let format = if input.plain {
        Format::PlainText
    } else {
        Format::Markdown
    };
    let mut config = Config::default();
    let mut cache = AnalysisCache::default();
    let mut text = input.initial;
    let same = |text: &str, config: &Config, cache: &mut AnalysisCache| {
        let cached = analyze_cached(text, format, config, cache);
        assert!(
            cached == analyze(text, format, config),
            "the cached analysis differs from a full one on {text:?}"
        );
    };
    same(&text, &config, &mut cache);
    for splice in input.splices.iter().take(32) {
        let start = boundary(&text, splice.at as usize % (text.len() + 1));
        let end = boundary(&text, start + splice.remove as usize).max(start);
        text.replace_range(start..end, &splice.text);
        if splice.tell {
            cache.edited(Some(Edit {
                start,
                old_end: end,
                new_end: start + splice.text.len(),
            }));
        }
        if let Some(on) = splice.verbs {
            config.attribution_verbs = if on { vec!["testified".into()] } else { vec![] };
        }
        if let Some(on) = splice.phrases {
            config.anonymity_phrases = if on {
                vec!["Told Reporters".into()]
            } else {
                vec![]
            };
        }
        same(&text, &config, &mut cache);
        if splice.tidy {
            cache.tidy();
        }
    }
});
