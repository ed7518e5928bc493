//! Claims: who claims what. Every quote of speech is a claim by its speaker; every attribution
//! clause that reports speech without quoting it ("Delgado said the council would vote in March",
//! "according to three people familiar with the talks, …") is a paraphrase by its source; and a
//! sentence a fact-checker would check (figures, comparisons, causes, predictions: the Full Fact
//! and ClaimBuster claim types) with no attribution in its paragraph is an unattributed claim.

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::attribution::Facts;
use crate::attribution::source::SourceKind;
use crate::attribution::tokens::{Tok, Token};
use crate::draft::{BlockKind, Draft};
use crate::lexicon::CALENDAR;
use crate::model::{Claim, ClaimKind, Quote, QuoteKind, Span};

/// `checkworthy` holds, for each sentence of the draft's unattributed paragraphs, the kind of
/// claim its words make (`checkworthy`, a paragraph fact).
pub fn collect(
    draft: &Draft,
    quotes: &[Quote],
    facts: &Facts,
    checkworthy: &[Option<ClaimKind>],
) -> Vec<Claim> {
    // At most a claim per quote, clause and check-worthy sentence: room for them all at once,
    // rather than the list copied as it grows (a long draft has thousands).
    let most = quotes.len() + facts.clauses.len() + checkworthy.iter().flatten().count();
    let mut claims = Vec::with_capacity(most);
    let mut paragraph_at = draft.paragraphs_at();
    let mut in_heading = |at: usize| {
        paragraph_at(at).is_some_and(|p| draft.paragraphs[p].kind == BlockKind::Heading)
    };
    for (q, quote) in quotes.iter().enumerate() {
        if matches!(quote.kind, QuoteKind::Speech | QuoteKind::Fragment)
            && !in_heading(quote.span.start)
        {
            claims.push(Claim {
                span: quote.span,
                kind: ClaimKind::Quote,
                claimant: quote.attribution.as_ref().and_then(|a| a.speaker),
                quote: Some(q),
            });
        }
    }
    let mut linked = vec![false; facts.clauses.len()];
    for c in facts.quote_clause.iter().flatten() {
        linked[*c] = true;
    }
    let mut last_sentence = None;
    let mut quotes_in = QuotesIn::new(quotes);
    for (c, clause) in facts.clauses.iter().enumerate() {
        if linked[c]
            || clause.weak
            || clause.cue_kind == crate::lexicon::CueKind::NonSpeech
            || clause.source.kind == SourceKind::Group
            || last_sentence == Some(clause.sentence)
        {
            continue;
        }
        // A sentence holding a quote is already a claim through that quote.
        let sentence = draft.sentences[clause.sentence];
        if quotes_in
            .of(sentence)
            .iter()
            .any(|q| sentence.covers(q.span) && matches!(q.kind, QuoteKind::Speech))
        {
            continue;
        }
        last_sentence = Some(clause.sentence);
        claims.push(Claim {
            span: sentence,
            kind: ClaimKind::Paraphrase,
            claimant: clause.speaker,
            quote: None,
        });
    }
    let mut attributed = vec![false; draft.paragraphs.len()];
    for clause in &facts.clauses {
        attributed[clause.paragraph] = true;
    }
    let mut quotes_in = QuotesIn::new(quotes);
    for (p, paragraph) in draft.paragraphs.iter().enumerate() {
        if paragraph.kind == BlockKind::Heading || attributed[p] {
            continue;
        }
        for s in paragraph.sentences.clone() {
            let sentence = draft.sentences[s];
            if quotes_in.of(sentence).iter().any(|q| {
                sentence.overlaps(q.span)
                    && matches!(q.kind, QuoteKind::Speech | QuoteKind::Fragment)
            }) {
                continue;
            }
            if let Some(kind) = checkworthy[s] {
                claims.push(Claim {
                    span: sentence,
                    kind,
                    claimant: None,
                    quote: None,
                });
            }
        }
    }
    claims.sort_by_key(|c| (c.span.start, c.span.end));
    claims
}

/// The quotes that start inside a span or before it and reach into it, for spans asked in
/// document order (`quotes` is sorted by start and quotes do not overlap one another): it walks
/// the quotes beside the spans instead of searching them for each.
struct QuotesIn<'q> {
    quotes: &'q [Quote],
    /// The first quote that ends after the last span's start.
    first: usize,
    /// The first quote that starts at or after the last span's end.
    end: usize,
}

impl<'q> QuotesIn<'q> {
    fn new(quotes: &'q [Quote]) -> QuotesIn<'q> {
        QuotesIn {
            quotes,
            first: 0,
            end: 0,
        }
    }

    fn of(&mut self, span: Span) -> &'q [Quote] {
        let quotes = self.quotes;
        while quotes
            .get(self.first)
            .is_some_and(|q| q.span.end <= span.start)
        {
            self.first += 1;
        }
        self.end = self.end.max(self.first);
        while quotes
            .get(self.end)
            .is_some_and(|q| q.span.start < span.end)
        {
            self.end += 1;
        }
        &quotes[self.first..self.end]
    }
}

const CAUSAL: &[&str] = &[
    "because",
    "caused",
    "causes",
    "causing",
    "led",
    "resulted",
    "due",
    "linked",
    "thanks",
    "blamed",
    "triggered",
    "fueled",
    "fuelled",
    "spurred",
];
const COMPARISON: &[&str] = &[
    "record",
    "highest",
    "lowest",
    "largest",
    "smallest",
    "biggest",
    "most",
    "least",
    "doubled",
    "tripled",
    "halved",
    "fastest",
    "slowest",
    "worst",
    "best",
    "outpaced",
    "surpassed",
    "more",
    "fewer",
    "less",
    "higher",
    "lower",
    "larger",
    "bigger",
    "increase",
    "decrease",
    "rose",
    "fell",
    "dropped",
    "jumped",
    "soared",
    "plunged",
];
const QUANTITY: &[&str] = &[
    "million", "billion", "trillion", "percent", "per", "thousand", "hundred", "dozen", "half",
    "third", "quarter", "majority",
];
const PREDICTION: &[&str] = &["will", "expected", "forecast", "projected", "likely", "set"];

/// The length of the longest word in the lists above ("surpassed", "projected").
const LONGEST_CLAIM_WORD: usize = 9;

/// Which list a lowercase word is in, if any (the lists do not share words). Asked of every
/// word of every unattributed sentence: one lookup instead of four list scans.
#[derive(Clone, Copy)]
enum ClaimWord {
    Quantity,
    Causal,
    Comparison,
    Prediction,
}

/// The claim words by their text, and for each first letter the lengths of the claim words
/// that start with it (bit `n` for length `n`): most words of a sentence fail that test, and
/// are never hashed.
struct ClaimWords {
    by_text: FxHashMap<&'static [u8], ClaimWord>,
    lengths: [u16; 26],
}

fn claim_words() -> &'static ClaimWords {
    static WORDS: OnceLock<ClaimWords> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words = ClaimWords {
            by_text: FxHashMap::default(),
            lengths: [0; 26],
        };
        for (list, class) in [
            (PREDICTION, ClaimWord::Prediction),
            (COMPARISON, ClaimWord::Comparison),
            (CAUSAL, ClaimWord::Causal),
            (QUANTITY, ClaimWord::Quantity),
        ] {
            for word in list {
                words.by_text.insert(word.as_bytes(), class);
                words.lengths[usize::from(word.as_bytes()[0] - b'a')] |= 1 << word.len();
            }
        }
        words
    })
}

/// Whether a lowercase word starting with `first` and `len` bytes long may be a claim word:
/// most words are not, and are answered without their lowercase copy or a hash.
fn may_be_claim_word(first: u8, len: usize) -> bool {
    claim_words()
        .lengths
        .get(usize::from(first.wrapping_sub(b'a')))
        .is_some_and(|lengths| len < 16 && lengths & (1 << len) != 0)
}

/// Which list the lowercase word `word` (its UTF-8 bytes) is in, if any: bytes, so a word
/// lowercased on the stack is looked up without its copy being checked again as UTF-8.
fn claim_word(word: &[u8]) -> Option<ClaimWord> {
    if !may_be_claim_word(*word.first()?, word.len()) {
        return None;
    }
    claim_words().by_text.get(word).copied()
}

/// The kind of check-worthy claim a sentence makes by its words alone, if any: `toks` are its
/// tokens in `prose`.
pub(crate) fn checkworthy(prose: &str, toks: &[Token]) -> Option<ClaimKind> {
    let mut kind: Option<ClaimKind> = None;
    let mut rank = |k: ClaimKind| {
        let order = |k: ClaimKind| match k {
            ClaimKind::Causal => 4,
            ClaimKind::Comparison => 3,
            ClaimKind::Quantity => 2,
            ClaimKind::Prediction => 1,
            _ => 0,
        };
        if kind.is_none_or(|old| order(k) > order(old)) {
            kind = Some(k);
        }
    };
    let mut has_quantity = false;
    for (i, t) in toks.iter().enumerate() {
        let word = t.text(prose);
        match t.kind {
            Tok::Number => {
                let year = word.len() == 4
                    && word
                        .parse::<u32>()
                        .is_ok_and(|y| (1800..=2100).contains(&y));
                let date = i > 0 && CALENDAR.contains(&toks[i - 1].text(prose));
                if !year && !date {
                    has_quantity = true;
                }
            }
            Tok::Punct('$' | '%' | '€' | '£') => has_quantity = true,
            Tok::Word => {
                // Every word of every sentence comes here: an ASCII word is lowercased on the
                // stack, and one longer than any claim word is not looked up at all.
                let mut buf = [0u8; LONGEST_CLAIM_WORD];
                let lower = if word.is_ascii() {
                    // An ASCII word's lowercase has its length and its first byte lowercased:
                    // most words are no claim word by those alone, and are not copied.
                    let first = word.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
                    if !may_be_claim_word(first, word.len()) {
                        continue;
                    }
                    let Some(lower) = buf.get_mut(..word.len()) else {
                        continue;
                    };
                    lower.copy_from_slice(word.as_bytes());
                    lower.make_ascii_lowercase();
                    Cow::Borrowed(&*lower)
                } else {
                    Cow::Owned(word.to_lowercase().into_bytes())
                };
                let Some(class) = claim_word(&lower) else {
                    continue;
                };
                let next = toks.get(i + 1).map(|n| n.text(prose)).unwrap_or("");
                match class {
                    ClaimWord::Quantity => has_quantity = true,
                    ClaimWord::Causal
                        if matches!(&*lower, b"because" | b"caused" | b"causes")
                            || matches!(next, "to" | "in" | "by" | "on") =>
                    {
                        rank(ClaimKind::Causal)
                    }
                    ClaimWord::Comparison
                        if !matches!(&*lower, b"more" | b"fewer" | b"less") || next == "than" =>
                    {
                        rank(ClaimKind::Comparison)
                    }
                    ClaimWord::Prediction if *lower == *b"will" || next == "to" => {
                        rank(ClaimKind::Prediction)
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    if has_quantity {
        rank(ClaimKind::Quantity);
    }
    // Predictions alone are everywhere in news copy ("the council will vote"): only with figures.
    if kind == Some(ClaimKind::Prediction) && !has_quantity {
        return None;
    }
    kind
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A word's lowercase bytes are in the list its lowercase text is in, as the lookup by
        /// text found it: claim words in any case, cut short or run on, and letters outside ASCII.
        #[test]
        fn a_word_is_looked_up_by_its_bytes_as_by_its_text(
            word in "(million|Percent|BECAUSE|more|Will|than|caused|fewer|rose|[a-zA-Z\u{212A}é])[a-zA-Zs\u{130}é]{0,3}",
            cut in 0usize..12,
        ) {
            let word = word.get(..cut).unwrap_or(&word);
            let lower = word.to_lowercase();
            let expected = [
                (CAUSAL, ClaimWord::Causal as u8),
                (COMPARISON, ClaimWord::Comparison as u8),
                (QUANTITY, ClaimWord::Quantity as u8),
                (PREDICTION, ClaimWord::Prediction as u8),
            ]
            .into_iter()
            .find(|(list, _)| list.contains(&lower.as_str()))
            .map(|(_, class)| class);
            proptest::prop_assert_eq!(claim_word(lower.as_bytes()).map(|c| c as u8), expected, "{:?}", word);
        }
    }

    #[test]
    fn every_claim_word_is_found_and_others_are_not() {
        for (list, class) in [
            (CAUSAL, ClaimWord::Causal as u8),
            (COMPARISON, ClaimWord::Comparison as u8),
            (QUANTITY, ClaimWord::Quantity as u8),
            (PREDICTION, ClaimWord::Prediction as u8),
        ] {
            for word in list {
                assert_eq!(
                    claim_word(word.as_bytes()).map(|c| c as u8),
                    Some(class),
                    "{word}"
                );
            }
        }
        for word in [
            "", "the", "becaus", "becausee", "Because", "per-", "élevé", "12",
        ] {
            assert!(claim_word(word.as_bytes()).is_none(), "{word}");
        }
    }

    /// A claim word counts in any case: "Million" and "MILLION" as "million".
    #[test]
    fn a_claim_word_counts_in_any_case() {
        let kind_of = |prose: &str| {
            let mut toks = Vec::new();
            crate::attribution::tokens::tokenize(prose, Span::new(0, prose.len()), &[], &mut toks);
            checkworthy(prose, &toks)
        };
        for list in [CAUSAL, COMPARISON, QUANTITY, PREDICTION] {
            for word in list {
                let mut capitalised = word.to_string();
                capitalised[..1].make_ascii_uppercase();
                for next in ["to", "than", "rose"] {
                    let lowercase = kind_of(&format!("{word} {next} them"));
                    if list == QUANTITY && next == "to" {
                        assert_eq!(lowercase, Some(ClaimKind::Quantity), "{word}");
                    }
                    for form in [&capitalised, &word.to_ascii_uppercase()] {
                        assert_eq!(kind_of(&format!("{form} {next} them")), lowercase, "{form}");
                    }
                }
            }
        }
    }

    #[test]
    fn no_claim_word_is_longer_than_the_longest() {
        let longest = [CAUSAL, COMPARISON, QUANTITY, PREDICTION]
            .iter()
            .flat_map(|list| list.iter())
            .map(|w| w.len())
            .max();
        assert_eq!(longest, Some(LONGEST_CLAIM_WORD));
    }
}
