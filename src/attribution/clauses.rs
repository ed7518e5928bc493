//! Attribution clauses: an attribution verb (or "according to") and the words naming its source,
//! found in the reporter's prose outside quotes. A clause may attribute quotes beside it, or
//! report speech on its own ("Delgado said the council would vote in March").

use super::source::{Reader, Source};
use super::tokens::{Tok, Token, capitalized};
use crate::lexicon::{CueKind, WEAK_CUES, cue_kind};
use crate::model::{Span, SpeakerId};

#[derive(Clone, Debug)]
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
    pub sentence: usize,
    pub paragraph: usize,
    /// Index of the cue's first token.
    pub token: usize,
}

/// Verbs that can precede their speaker: "“…,” said Tom Berrios".
const INVERTIBLE: &[&str] = &[
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
    "offered",
    "concluded",
    "tweeted",
    "posted",
];

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
    let statement = sentence_mentions_statement(prose, &tokens[range.clone()]);
    for i in range {
        let t = tokens[i];
        if t.kind != Tok::Word {
            continue;
        }
        let word = t.text(prose);
        if capitalized(word) && word != "According" {
            continue;
        }
        let lower = word.to_lowercase();
        if lower == "according" {
            if i + 1 < ceil
                && tokens[i + 1].text(prose) == "to"
                && let Some(source) = reader.after(i + 2, ceil)
            {
                out.push(Clause {
                    cue: Span::new(t.span.start, tokens[i + 1].span.end),
                    cue_kind: CueKind::Neutral,
                    weak: false,
                    according_to: true,
                    inverted: true,
                    source,
                    speaker: None,
                    statement: false,
                    sentence,
                    paragraph,
                    token: i,
                });
            }
            continue;
        }
        let kind = cue_kind(&lower).or_else(|| {
            extra_verbs
                .iter()
                .any(|v| v.eq_ignore_ascii_case(word))
                .then_some(CueKind::Neutral)
        });
        let Some(kind) = kind else { continue };
        if i > floor && PASSIVE.contains(&tokens[i - 1].text(prose).to_lowercase().as_str()) {
            continue;
        }
        let weak = WEAK_CUES.contains(&lower.as_str());
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
        } else if let Some(s) = reader.before(i, floor) {
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
            cue: t.span,
            cue_kind: kind,
            weak,
            according_to: false,
            inverted,
            source,
            speaker: None,
            statement,
            sentence,
            paragraph,
            token: i,
        });
    }
}

fn sentence_mentions_statement(prose: &str, tokens: &[Token]) -> bool {
    tokens.windows(3).any(|w| {
        w[0].text(prose).eq_ignore_ascii_case("in")
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
