//! Attribution clauses: an attribution verb (or "according to") and the words naming its source,
//! found in the reporter's prose outside quotes. A clause may attribute quotes beside it, or
//! report speech on its own ("Delgado said the council would vote in March").

use super::source::{Lower, Reader, Source, SourceKind};
use super::tokens::{Tok, Token, capitalized};
use crate::lexicon::WordList;
use crate::lexicon::{CueKind, Sketch, WEAK_CUES, cue_kind, cue_words, spellings_of_lowercase};
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

/// Every word the clause finder looks up before it knows a word is a cue: the cues, the nouns
/// for what someone said, "according". All lowercase ASCII, asked in any case, and in every
/// spelling with a Kelvin sign for a "k" ([`spellings_of_lowercase`]). 4,096 bits: about 290
/// spellings leave one bit in 15 set, where 1,024 would leave one in 4.
fn looked_up_words() -> &'static Sketch<64> {
    static SKETCH: OnceLock<Sketch<64>> = OnceLock::new();
    SKETCH.get_or_init(|| {
        let spellings: Vec<String> = cue_words()
            .chain(STATEMENT_OWNED.iter().copied())
            .chain(["according"])
            .flat_map(spellings_of_lowercase)
            .collect();
        Sketch::of_any_case(spellings.iter().map(String::as_str))
    })
}

/// Whether the word at `word` in `prose` may be one the finder looks up before it knows a cue,
/// in any case: `false` only for a word whose lowercase [`looked_up_words`] turns away. The
/// sketch reads the word's bytes in place, in any case; it holds every spelling of its words,
/// so that a word outside ASCII is answered as one in ASCII, without a test of its bytes.
fn may_be_looked_up(prose: &str, word: Span) -> bool {
    looked_up_words().may_contain_any_case(&prose.as_bytes()[word.start..word.end])
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
        if extra_verbs.is_empty() && !may_be_looked_up(prose, t.span) {
            continue;
        }
        let word = t.text(prose);
        if capitalized(word) && word != "According" {
            continue;
        }
        // Tokens here are lowercase but for "According": borrowed, not copied, nearly always.
        let lower = if extra_verbs.is_empty() {
            // Nearly every word that passes the sketch is ASCII, told eight bytes at a time
            // in place; the rest are lowercased only when that lowercase is ASCII.
            if crate::ascii_chunks::is_ascii(prose.as_bytes(), t.span.start, t.span.end) {
                Lower::of(word)
            } else {
                match Lower::of_ascii(word) {
                    Some(lower) => lower,
                    None => continue,
                }
            }
        } else {
            Lower::of(word)
        };
        // "Trump's claim that there have been “thousands of shootings”": the words belong to
        // the owner of the claim. (The word first: it is rarely one of them.)
        if i > floor
            && STATEMENT_OWNED.contains(&lower.as_str())
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
        if lower == "according" {
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
        let kind = cue_kind(&lower).or_else(|| {
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
        let weak = WEAK_CUES.contains(&lower.as_str()) || aside;
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
            !NOUN_OR_VERB.contains(&lower.as_str()) || {
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
        } else if INVERTIBLE.contains(&lower.as_str())
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
        /// The test of a word's bytes in the prose passes every word whose lowercase the
        /// sketch passes (the finder's test before it): a looked-up word with letters in
        /// capitals or a Kelvin sign for its k, any other word, whatever stands around it.
        #[test]
        fn the_byte_test_passes_every_word_the_lowercase_test_passes(
            pick in 0usize..1000,
            changes in proptest::collection::vec(0u8..4, 1..12),
            other in "[aZkK\u{212A}é’-]{1,12}",
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
                    _ => c,
                })
                .collect();
            for word in [changed.as_str(), other.as_str()] {
                let prose = format!("{before}{word}{after}");
                let span = Span::new(before.len(), before.len() + word.len());
                let lowercase_passes = Lower::of_ascii(word)
                    .is_some_and(|lower| looked_up_words().may_contain_any_case(lower.as_bytes()));
                proptest::prop_assert!(
                    !lowercase_passes || may_be_looked_up(&prose, span),
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

    /// The sketch passes every word the finder looks up before it knows a cue: were one
    /// turned away, its clause would be lost.
    #[test]
    fn the_sketch_passes_every_word_looked_up() {
        let sketch = looked_up_words();
        for word in cue_words()
            .chain(STATEMENT_OWNED.iter().copied())
            .chain(["according"])
        {
            assert!(sketch.may_contain_any_case(word.as_bytes()), "{word}");
            // A word whose lowercase is not ASCII is passed over before the sketch is asked.
            assert!(word.is_ascii() && word == word.to_lowercase(), "{word}");
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
