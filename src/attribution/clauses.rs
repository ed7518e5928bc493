//! Attribution clauses: an attribution verb (or "according to") and the words naming its source,
//! found in the reporter's prose outside quotes. A clause may attribute quotes beside it, or
//! report speech on its own ("Delgado said the council would vote in March").

use super::source::{Reader, Source, SourceKind};
use super::tokens::{Tok, Token, capitalized};
use crate::lexicon::WordList;
use crate::lexicon::{CueKind, LowercaseMap, WEAK_CUES, cue_kind, cue_words};
use crate::model::{Span, SpeakerId};
use std::sync::OnceLock;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    /// The verb or phrase: "said", "told", "according to".
    pub cue: Span,
    pub cue_kind: CueKind,
    /// The verb only attributes a quote right beside it ("called it", "described … as").
    pub weak: bool,
    pub according_to: bool,
    /// The source comes after the verb: "said Tom Berrios".
    pub inverted: bool,
    pub source: Source,
    pub speaker: Option<SpeakerId>,
    /// "in a statement" goes with the verb.
    pub statement: bool,
    /// Not a speech verb: the subject of a sentence that carries a fragment of its words
    /// (`Clinton called the plan “a giveaway”`). Used only for quotes nothing else attributes.
    pub embedded: bool,
    /// A transcript's speaker label inside the quote: `"WALLACE: Let's start…"`.
    pub label: bool,
    /// An embedded subject that may not be a name at all ("Check out the trailer"): it only
    /// resolves to someone the draft already names, and never creates a speaker.
    pub tentative: bool,
    pub sentence: usize,
    pub paragraph: usize,
    /// Index of the cue's first token.
    pub token: usize,
    /// Index of the first token at or after the source's start (set with the paragraph's
    /// facts: linking asks it of every clause near every quote).
    pub source_token: usize,
}

impl Clause {
    /// Moves every span of the clause with `moved`: its place in the text changed, not its
    /// words (a paragraph's clause put at its place in the draft, or after an edit before it).
    pub fn move_spans(&mut self, moved: impl Fn(Span) -> Span) {
        self.cue = moved(self.cue);
        self.source.span = moved(self.source.span);
        self.source.role = self.source.role.map(&moved);
        if let SourceKind::Person { name, .. } = &mut self.source.kind {
            *name = moved(*name);
        }
    }

    /// A plain attribution clause: the cue and its source, in sentence `sentence`; the flags
    /// that make it special start off.
    fn new(cue: Span, source: Source, token: usize, sentence: usize, paragraph: usize) -> Clause {
        Clause {
            cue,
            cue_kind: CueKind::Neutral,
            weak: false,
            according_to: false,
            inverted: false,
            source,
            speaker: None,
            statement: false,
            embedded: false,
            label: false,
            tentative: false,
            sentence,
            paragraph,
            token,
            source_token: 0,
        }
    }
}

/// What the clause finder reads of a word it looks up before it knows a cue: the lists it is
/// in, found with one lookup of the word instead of one for each list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct LookedUp {
    /// Its kind, for a cue ([`cue_kind`]).
    cue: Option<CueKind>,
    /// One of [`STATEMENT_OWNED`].
    owned_statement: bool,
    /// "according".
    according: bool,
    /// One of [`WEAK_CUES`].
    weak: bool,
    /// One of [`NOUN_OR_VERB`].
    noun_or_verb: bool,
    /// One of [`INVERTIBLE`].
    invertible: bool,
}

impl LookedUp {
    /// What the lists say of `lower`, a lowercase word: `None` when the finder passes it over
    /// (not a cue, a noun for what someone said, nor "according").
    fn of(lower: &str) -> Option<LookedUp> {
        let found = LookedUp {
            cue: cue_kind(lower),
            owned_statement: STATEMENT_OWNED.contains(&lower),
            according: lower == "according",
            weak: WEAK_CUES.contains(&lower),
            noun_or_verb: NOUN_OR_VERB.contains(&lower),
            invertible: INVERTIBLE.contains(&lower),
        };
        (found.cue.is_some() || found.owned_statement || found.according).then_some(found)
    }
}

/// Every word the clause finder looks up before it knows a word is a cue: the cues, the nouns
/// for what someone said, "according", each with what the lists say of it. Asked in any case,
/// and of any word: its sketch holds every spelling with a Kelvin sign for a "k"
/// ([`LowercaseMap`]); 4,096 bits, where about 290 spellings leave one bit in 15 set.
fn looked_up_words() -> &'static LowercaseMap<LookedUp> {
    static WORDS: OnceLock<LowercaseMap<LookedUp>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: Vec<&'static str> = cue_words()
            .chain(STATEMENT_OWNED.iter().copied())
            .chain(["according"])
            .collect();
        words.sort_unstable();
        words.dedup();
        LowercaseMap::new(
            words
                .into_iter()
                .filter_map(|word| Some((word, LookedUp::of(word)?))),
        )
    })
}

/// Verbs that can precede their speaker: "“…,” said Tom Berrios".
static INVERTIBLE: WordList = WordList::new(&[
    "said",
    "says",
    "added",
    "adds",
    "asked",
    "wrote",
    "writes",
    "continued",
    "recalled",
    "explained",
    "replied",
    "responded",
    "noted",
    "argued",
    "warned",
    "insisted",
    "admitted",
    "claimed",
    "conceded",
    "declared",
    "stated",
    "answered",
    "recounted",
    "countered",
    "cautioned",
    "observed",
    "concluded",
    "tweeted",
    "posted",
    "reported",
    "commented",
    "exclaimed",
    "shouted",
    "demanded",
    "wondered",
    "interjected",
    "retorted",
]);

/// Nouns for what someone said, owned by the speaker: "Trump's claim that …".
static STATEMENT_OWNED: WordList = WordList::new(&[
    "claim",
    "claims",
    "assertion",
    "remark",
    "remarks",
    "comment",
    "comments",
    "promise",
    "vow",
    "pledge",
    "argument",
    "warning",
    "prediction",
    "words",
    "description",
    "accusation",
    "charge",
    "boast",
    "insistence",
]);

/// Present-tense cues that are also plural nouns: "tweets", "claims", "reports".
static NOUN_OR_VERB: WordList = WordList::new(&[
    "tweets",
    "posts",
    "calls",
    "claims",
    "reports",
    "notes",
    "comments",
    "remarks",
    "answers",
    "states",
    "texts",
    "emails",
    "reads",
    "chants",
    "shouts",
    "cries",
    "demands",
    "urges",
    "promises",
    "pledges",
    "estimates",
    "warns",
    "asks",
    "writes",
]);

const PASSIVE: &[&str] = &[
    "was", "were", "been", "being", "be", "is", "are", "get", "gets", "got", "getting",
];

/// Finds the clauses of one sentence (`tokens[range]`).
#[allow(clippy::too_many_arguments)]
pub fn find(
    prose: &str,
    tokens: &[Token],
    range: std::ops::Range<usize>,
    sentence: usize,
    paragraph: usize,
    extra_verbs: &[String],
    out: &mut Vec<Clause>,
) {
    let reader = Reader {
        prose,
        toks: tokens,
    };
    let (floor, ceil) = (range.start, range.end);
    // Read only for a sentence with a cue: most have none.
    let statement = std::cell::OnceCell::new();
    let sentence_tokens = &tokens[range.clone()];
    // Noted on the way: the labels, signatures and subjects read below are only at or after it.
    let mut first_quote = None;
    let looked_up = looked_up_words();
    for i in range {
        let t = tokens[i];
        if t.kind != Tok::Word {
            if first_quote.is_none() && t.quote().is_some() {
                first_quote = Some(i);
            }
            continue;
        }
        // Nearly every word is none of the words looked up below: one look at their sketch,
        // from the word's bytes, passes it over before it is cut out of the prose, decoded or
        // lowercased.
        let bytes = &prose.as_bytes()[t.span.start..t.span.end];
        if extra_verbs.is_empty() && !looked_up.may_hold_lowercase_of(bytes) {
            continue;
        }
        let word = t.text(prose);
        if capitalized(word) && word != "According" {
            continue;
        }
        // Nearly every word that passes the sketch is ASCII, told eight bytes at a time in
        // place, and compared in any case without a lowercase copy.
        let found = if crate::ascii_chunks::is_ascii(prose.as_bytes(), t.span.start, t.span.end) {
            looked_up.get_ascii_in_any_case(bytes)
        } else {
            looked_up.get_lowercase_of(word)
        };
        let found = match found {
            Some(found) => found,
            None if extra_verbs.is_empty() => continue,
            None => LookedUp::default(),
        };
        // "Trump's claim that there have been “thousands of shootings”": the words belong to
        // the owner of the claim. (The word first: it is rarely one of them.)
        if i > floor
            && found.owned_statement
            && super::tokens::is_possessive(tokens[i - 1].text(prose))
            && let Some(source) = reader.possessor(i - 1, floor)
            && matches!(
                source.kind,
                SourceKind::Person { .. } | SourceKind::Organization
            )
        {
            out.push(Clause {
                weak: true,
                ..Clause::new(t.span, source, i, sentence, paragraph)
            });
            continue;
        }
        if found.according {
            if i + 1 < ceil
                && tokens[i + 1].text(prose) == "to"
                && let Some(source) = reader.after(i + 2, ceil)
            {
                out.push(Clause {
                    according_to: true,
                    inverted: true,
                    ..Clause::new(
                        Span::new(t.span.start, tokens[i + 1].span.end),
                        source,
                        i,
                        sentence,
                        paragraph,
                    )
                });
            }
            continue;
        }
        let kind = found.cue.or_else(|| {
            if extra_verbs.is_empty() {
                return None;
            }
            extra_verbs
                .iter()
                .any(|v| v.eq_ignore_ascii_case(word))
                .then_some(CueKind::Neutral)
        });
        let Some(kind) = kind else { continue };
        if i > floor && is_passive_auxiliary(tokens[i - 1].text(prose)) {
            continue;
        }
        // "asked about the budget", "called for calm": the verb reports an act, not words.
        let aside = tokens.get(i + 1).is_some_and(|t| {
            t.is_word()
                && matches!(
                    t.text(prose),
                    "about" | "for" | "after" | "around" | "over" | "into" | "through" | "off"
                )
        });
        let weak = found.weak || aside;
        let (source, inverted) = if kind == CueKind::Participle {
            // ", saying …": the subject of the sentence's main clause.
            let after_comma =
                i > floor && matches!(tokens[i - 1].kind, Tok::Punct(',') | Tok::Quote(_));
            if !after_comma {
                continue;
            }
            match reader.subject(floor, i) {
                Some(s) => (s, false),
                None => continue,
            }
        } else if let Some(s) = reader.before(i, floor).filter(|s| {
            // "Trump's late-night tweets", "his claims": after a possessive, a plural noun,
            // not a verb ("Trump tweets", "the letter reads"). (The source's first word is
            // read only for a cue that may be a noun.)
            !found.noun_or_verb || {
                let first = s.span.text(prose).split_whitespace().next().unwrap_or("");
                !super::tokens::is_possessive(first)
                    && !matches!(
                        first,
                        "his" | "her" | "their" | "its" | "our" | "my" | "your"
                    )
                    && !super::tokens::is_possessive(tokens[i - 1].text(prose))
            }
        }) {
            (s, false)
        } else if coordinated(prose, tokens, floor, i)
            && let Some(s) = reader.subject(floor, i)
        {
            // "She urges her husband to get out and repeatedly says, “…”".
            (s, false)
        } else if found.invertible
            && (i == floor
                || matches!(
                    tokens[i - 1].kind,
                    Tok::Quote(_) | Tok::Punct(',' | '—' | '–')
                ))
        {
            match reader.after(i + 1, ceil) {
                Some(s) => (s, true),
                None => continue,
            }
        } else {
            continue;
        };
        out.push(Clause {
            cue_kind: kind,
            weak,
            inverted,
            statement: *statement
                .get_or_init(|| sentence_mentions_statement(prose, sentence_tokens)),
            ..Clause::new(t.span, source, i, sentence, paragraph)
        });
    }
    let from = out.len() - found_before(out, sentence);
    let mut extra = Vec::new();
    for i in first_quote.unwrap_or(ceil)..ceil {
        let Tok::Quote(_) = tokens[i].kind else {
            continue;
        };
        if let Some(source) = transcript_label(prose, tokens[i].span) {
            extra.push(Clause {
                label: true,
                ..Clause::new(source.1, source.0, i, sentence, paragraph)
            });
        }
        // “Q” — Pamela Ortiz: a testimonial's signature after a dash.
        if let Some(dash) = tokens.get(i + 1).filter(|t| {
            matches!(t.kind, Tok::Punct('—' | '―' | '–' | '-'))
                && t.span.start <= tokens[i].span.end + 4
        }) && let Some(source) = reader.after(i + 2, ceil)
            && matches!(
                source.kind,
                SourceKind::Person { .. } | SourceKind::Organization
            )
        {
            let end = tokens.partition_point(|t| t.span.start < source.span.end);
            let signed = tokens[end..ceil]
                .first()
                .is_none_or(|t| matches!(t.kind, Tok::Quote(_) | Tok::Punct('.' | ',' | ';')));
            if signed {
                extra.push(Clause {
                    inverted: true,
                    ..Clause::new(dash.span, source, i + 1, sentence, paragraph)
                });
            }
        }
    }
    // The sentence's subject, for fragments quoted in a sentence about what someone said.
    if let Some(q) = first_quote
        && q > floor + 1
        && let Some(source) = reader.subject(floor, q)
        && matches!(
            source.kind,
            SourceKind::Person { .. } | SourceKind::Organization | SourceKind::Pronoun
        )
    {
        let mut verb = tokens.partition_point(|t| t.span.start < source.span.end);
        // "Aaron Kall, the director of debate, compared…": step over the appositive.
        if verb < q
            && tokens[verb].is_punct(',')
            && let Some(close) = (verb + 1..q.min(verb + 20)).find(|&k| tokens[k].is_punct(','))
        {
            verb = close + 1;
        }
        // A one-word subject must be followed by a verb: "Check out the trailer" has none.
        let one_word_name = match source.kind {
            SourceKind::Person { name, .. } => !name.text(prose).contains(' '),
            _ => false,
        };
        if verb < q && tokens[verb].is_word() && !capitalized(tokens[verb].text(prose)) {
            extra.push(Clause {
                weak: true,
                embedded: true,
                tentative: one_word_name && !super::verb_follows(prose, tokens, verb),
                ..Clause::new(tokens[verb].span, source, verb, sentence, paragraph)
            });
        }
    }
    if !extra.is_empty() {
        out.extend(extra);
        out[from..].sort_by_key(|c| c.token);
    }
}

/// An auxiliary that makes the cue after it passive ("was asked", "been told"), in any case:
/// the word is cut out of the prose once, not once for each auxiliary.
fn is_passive_auxiliary(word: &str) -> bool {
    PASSIVE.iter().any(|p| word.eq_ignore_ascii_case(p))
}

/// The verb at `cue` is the second of two the subject shares: "… and (repeatedly) says".
fn coordinated(prose: &str, tokens: &[Token], floor: usize, cue: usize) -> bool {
    let mut k = cue;
    for _ in 0..2 {
        if k <= floor + 1 {
            return false;
        }
        k -= 1;
        let w = tokens[k].text(prose);
        if w == "and" {
            return true;
        }
        if !(tokens[k].is_word() && (w.ends_with("ly") || matches!(w, "then" | "also" | "later"))) {
            return false;
        }
    }
    false
}

/// How many clauses at the end of `out` belong to `sentence`.
fn found_before(out: &[Clause], sentence: usize) -> usize {
    out.iter()
        .rev()
        .take_while(|c| c.sentence == sentence)
        .count()
}

/// `"PENCE: Well, look…"`: the speaker label that opens a transcript excerpt, and its colon.
fn transcript_label(prose: &str, quote: Span) -> Option<(Source, Span)> {
    let text = quote.text(prose);
    let open = text.chars().next()?.len_utf8();
    let inner = &text[open..];
    let colon = inner.find(':')?;
    let label = &inner[..colon];
    let words: Vec<&str> = label.split_whitespace().collect();
    let is_label = (1..=3).contains(&words.len())
        && label.trim() == label
        && words.iter().all(|w| {
            w.chars().any(|c| c.is_alphabetic())
                && w.chars()
                    .all(|c| c.is_uppercase() || matches!(c, '.' | '\'' | '’' | '-'))
        })
        && words
            .iter()
            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        && inner[colon + 1..].starts_with(char::is_whitespace);
    if !is_label {
        return None;
    }
    let start = quote.start + open;
    let name = Span::new(start, start + colon);
    Some((
        Source {
            span: name,
            kind: SourceKind::Person { name, ends: None },
            role: None,
        },
        Span::new(name.end, name.end + 1),
    ))
}

fn sentence_mentions_statement(prose: &str, tokens: &[Token]) -> bool {
    tokens.windows(3).any(|w| {
        // "in" is two bytes: told from the span, nearly every window fails before its text is
        // cut out.
        w[0].span.len() == 2
            && w[0].text(prose).eq_ignore_ascii_case("in")
            && matches!(
                w[1].text(prose),
                "a" | "an" | "the" | "her" | "his" | "its" | "their"
            )
            && matches!(
                w[2].text(prose),
                "statement"
                    | "written"
                    | "email"
                    | "emailed"
                    | "release"
                    | "news"
                    | "post"
                    | "letter"
            )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// One lookup of a word, in the prose, finds what the lists say of its lowercase, as
        /// each list asked of `to_lowercase()` does; and the sketch passes every word it
        /// finds: a looked-up word with letters in capitals or a Kelvin sign for its k, any
        /// other word, whatever stands around it.
        #[test]
        fn one_lookup_finds_what_the_lists_say_of_a_words_lowercase(
            pick in 0usize..1000,
            changes in proptest::collection::vec(0u8..4, 1..12),
            other in "[aZkK\u{212A}\u{130}é’-]{1,12}",
            before in "[a ]{0,2}",
            after in "[ aé]{0,9}",
        ) {
            let listed: Vec<&str> = cue_words()
                .chain(STATEMENT_OWNED.iter().copied())
                .chain(["according"])
                .collect();
            let changed: String = listed[pick % listed.len()]
                .chars()
                .zip(changes.iter().cycle())
                .map(|(c, change)| match change {
                    1 => c.to_ascii_uppercase(),
                    2 if c == 'k' => '\u{212A}',
                    3 if c == 'e' => 'é',
                    _ => c,
                })
                .collect();
            for word in [changed.as_str(), other.as_str()] {
                let prose = format!("{before}{word}{after}");
                let bytes = &prose.as_bytes()[before.len()..before.len() + word.len()];
                let lists_say = LookedUp::of(&word.to_lowercase());
                let words = looked_up_words();
                proptest::prop_assert_eq!(words.get_lowercase_of(word), lists_say, "{:?}", word);
                if word.is_ascii() {
                    proptest::prop_assert_eq!(words.get_ascii_in_any_case(bytes), lists_say);
                }
                proptest::prop_assert!(
                    lists_say.is_none() || words.may_hold_lowercase_of(bytes),
                    "{word:?} in {prose:?}"
                );
            }
        }
    }

    /// The cues of `prose`, read as one sentence, its quotes from “ to ”.
    fn cues(prose: &str) -> Vec<&str> {
        let quotes: Vec<crate::model::Quote> = prose
            .match_indices('“')
            .filter_map(|(start, _)| {
                let end = start + prose[start..].find('”')? + '”'.len_utf8();
                Some(crate::model::Quote {
                    span: Span::new(start, end),
                    inner: Span::new(start + '“'.len_utf8(), end - '”'.len_utf8()),
                    kind: crate::model::QuoteKind::Speech,
                    closed: true,
                    continues: None,
                    attribution: None,
                })
            })
            .collect();
        let mut tokens = Vec::new();
        super::super::tokens::tokenize(prose, Span::new(0, prose.len()), &quotes, &mut tokens);
        let mut clauses = Vec::new();
        find(prose, &tokens, 0..tokens.len(), 0, 0, &[], &mut clauses);
        clauses.iter().map(|c| c.cue.text(prose)).collect()
    }

    /// A cue after an auxiliary, in any case, is passive: the one told is not the speaker. A
    /// cue that may be a plural noun is one after a possessive.
    #[test]
    fn passive_cues_and_owned_plural_nouns_are_not_clauses() {
        assert_eq!(cues("Ben Cho said the vote was late."), ["said"]);
        for prose in [
            "Ben Cho was told the vote was late.",
            "Ben Cho WAS told the vote was late.",
            "Ben Cho Has Been told the vote was late.",
        ] {
            assert_eq!(cues(prose), [] as [&str; 0], "{prose}");
        }
        assert_eq!(cues("Ben Cho tweets that the vote was late."), ["tweets"]);
        for prose in [
            "Ben Cho’s tweets angered the council.",
            "His tweets angered the council.",
        ] {
            assert_eq!(cues(prose), [] as [&str; 0], "{prose}");
        }
    }

    /// A transcript's label, a signature after a dash and the subject of a sentence that
    /// quotes a fragment, after words and after earlier quotes of the sentence.
    #[test]
    fn labels_signatures_and_subjects_are_read_at_every_quote() {
        assert_eq!(cues("Then “PENCE: Well, look.” “WALLACE: No.”"), [":", ":"]);
        assert_eq!(cues("In short, “the best pie” — Pamela Ortiz."), ["—"]);
        assert_eq!(
            cues("Yes, “no” and “maybe” — Pamela Ortiz, “again” — Ana Ruiz."),
            ["—", "—"]
        );
        assert_eq!(
            cues("Ana Ruiz compared the plan to “a giveaway.”"),
            ["compared"]
        );
    }

    /// The sketch passes, and the lookup finds, every word the finder looks up before it
    /// knows a cue: were one turned away, its clause would be lost.
    #[test]
    fn the_sketch_passes_every_word_looked_up() {
        let words = looked_up_words();
        for word in cue_words()
            .chain(STATEMENT_OWNED.iter().copied())
            .chain(["according"])
        {
            assert!(words.may_hold_lowercase_of(word.as_bytes()), "{word}");
            assert!(words.get_lowercase_of(word).is_some(), "{word}");
        }
        let mut clauses = Vec::new();
        let prose = "Trump's claim was false, according to Ana Ruiz.";
        let mut tokens = Vec::new();
        super::super::tokens::tokenize(prose, Span::new(0, prose.len()), &[], &mut tokens);
        find(prose, &tokens, 0..tokens.len(), 0, 0, &[], &mut clauses);
        let cues: Vec<&str> = clauses.iter().map(|c| c.cue.text(prose)).collect();
        assert_eq!(cues, ["claim", "according to"]);
    }
}
