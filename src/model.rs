//! The data an analysis returns. Plain data: every position is a UTF-8 byte offset into the
//! analysed text, half-open (`start..end`).

use serde::Serialize;

use crate::wording::Wording;

/// A half-open range of UTF-8 byte offsets into the analysed text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    pub const fn len(&self) -> usize {
        self.end - self.start
    }
    pub const fn is_empty(&self) -> bool {
        self.start >= self.end
    }
    pub const fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
    pub const fn covers(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub const fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    /// The same span `by` bytes further on.
    pub const fn shifted(self, by: usize) -> Span {
        Span::new(self.start + by, self.end + by)
    }
    /// The same span `by` bytes further on, or back if `by` is negative: where it is after an
    /// edit before it changed the text's length by `by`.
    pub const fn moved(self, by: isize) -> Span {
        Span::new(
            self.start.wrapping_add_signed(by),
            self.end.wrapping_add_signed(by),
        )
    }
    /// The text this span covers; empty if the span does not fit the text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// Index of a quote in [`Analysis::quotes`].
pub type QuoteId = usize;
/// Index of a speaker in [`Analysis::speakers`].
pub type SpeakerId = usize;

/// Everything copydesk learned about one draft.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    /// Paragraphs of prose, in order (Markdown blocks or plain-text paragraphs).
    pub paragraphs: Vec<Span>,
    /// Direct quotes in document order. A quote that runs over several paragraphs (the AP
    /// convention) is one `Quote` per paragraph, linked by `continues`.
    pub quotes: Vec<Quote>,
    /// People, organisations and anonymous sources the draft names or quotes.
    pub speakers: Vec<Speaker>,
    /// Who claims what: quotes, reported speech, and check-worthy sentences with no source.
    pub claims: Vec<Claim>,
    /// Copy-desk findings, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    pub fn speaker(&self, id: SpeakerId) -> Option<&Speaker> {
        self.speakers.get(id)
    }
    /// The speaker a quote is attributed to, if any.
    pub fn speaker_of(&self, quote: &Quote) -> Option<&Speaker> {
        quote
            .attribution
            .as_ref()
            .and_then(|a| a.speaker)
            .and_then(|id| self.speakers.get(id))
    }
    /// Quotes attributed to a speaker.
    pub fn quotes_of(&self, id: SpeakerId) -> impl Iterator<Item = &Quote> {
        self.quotes
            .iter()
            .filter(move |q| q.attribution.as_ref().and_then(|a| a.speaker) == Some(id))
    }
    /// The speaker with a mention covering `offset`, and that mention.
    pub fn mention_at(&self, offset: usize) -> Option<(SpeakerId, &Mention)> {
        self.speakers.iter().enumerate().find_map(|(id, s)| {
            s.mentions
                .iter()
                .find(|m| m.span.start <= offset && offset <= m.span.end)
                .map(|m| (id, m))
        })
    }
    /// The innermost quote covering `offset`.
    pub fn quote_at(&self, offset: usize) -> Option<(QuoteId, &Quote)> {
        self.quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| q.span.start <= offset && offset <= q.span.end)
            .min_by_key(|(_, q)| q.span.len())
    }
}

/// What a quoted span is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuoteKind {
    /// Quoted speech of a sentence or more: “We are not going to rush a decision.”
    Speech,
    /// A quoted fragment inside the writer's sentence: called it “regrettable but necessary.”
    Fragment,
    /// The title of a song, book, film or article: played “Take Me Out to the Ball Game”.
    Title,
    /// Scare quotes or a so-called word: call the plan a “giveaway.”
    Scare,
}

/// A direct quote: the marks and what they enclose.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quote {
    /// From the opening mark to the closing mark (or the paragraph's end, when it continues).
    pub span: Span,
    /// The quoted words, without the marks.
    pub inner: Span,
    pub kind: QuoteKind,
    /// False when the paragraph ended inside the quote.
    pub closed: bool,
    /// The quote this one continues from the previous paragraph (AP running quotation).
    pub continues: Option<QuoteId>,
    pub attribution: Option<Attribution>,
}

/// How an attribution was found: which sieve matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sieve {
    /// `“Q,” X said.` / `“Q,” said X.`
    Trailing,
    /// `X said: “Q”` / `X said that … “Q”`
    Leading,
    /// `“Q,” … according to X`
    AccordingTo,
    /// `“A,” he said. “B.”`: another quote in the paragraph of an attributed one.
    SameParagraph,
    /// The quote continues a quote from the previous paragraph.
    Continuation,
    /// A quote standing alone right after a paragraph that introduces its speaker.
    Adjacent,
    /// A fragment quoted in a sentence whose subject is its speaker: `Clinton called the
    /// plan a “giveaway.”`
    Embedded,
    /// A transcript excerpt that names its speaker: `"WALLACE: Let's start…"`.
    Transcript,
}

/// Who said a quote, and the words in the draft that say so.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Attribution {
    /// The speaker; `None` only when the source words could not be resolved to one.
    pub speaker: Option<SpeakerId>,
    /// The words naming the source: `Council President Maria Delgado`, `he`, `the statement`.
    pub source: Span,
    /// The attribution verb or phrase: `said`, `told`, `according to`.
    pub cue: Option<Span>,
    pub sieve: Sieve,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SpeakerKind {
    Person,
    Organization,
    Anonymous,
    /// Documentary attribution: "according to county payroll records". Not an anonymous source.
    Document,
}

/// One person, organisation or anonymous source.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Speaker {
    /// Canonical name: the fullest form the draft gives (`Maria Delgado`), or the anonymous
    /// description (`a city official`).
    pub name: String,
    /// Role or title as the draft gives it: `Council President`, `a spokesperson for the authority`.
    pub role: Option<String>,
    pub kind: SpeakerKind,
    /// Other spellings of the surname that the draft uses and that were taken for this
    /// speaker's name misspelled ("Delgato" for Delgado), or that the house dictionary bans.
    /// With the mentions, they give the speaker's [`aliases`](Speaker::aliases); name lookups
    /// find the speaker by them too.
    pub variants: Vec<String>,
    /// Every mention in document order; the first is the first reference.
    pub mentions: Vec<Mention>,
}

impl Speaker {
    pub fn first_reference(&self) -> Option<&Mention> {
        self.mentions.iter().find(|m| !m.in_quote)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MentionKind {
    /// First and last name: `Maria Delgado`.
    FullName,
    /// Surname alone: `Delgado`.
    Surname,
    /// A pronoun in an attribution: `she said`.
    Pronoun,
    /// A role reference: `the U.S. president said`, `the statement said`.
    Role,
    /// A spelling that differs from the canonical name: `Whitcombe`.
    Variant,
    /// The description of an anonymous source, or an organisation's name.
    Description,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Mention {
    pub span: Span,
    pub kind: MentionKind,
    /// True when the mention is inside a quote (someone else's words).
    pub in_quote: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClaimKind {
    /// A direct quote.
    Quote,
    /// Reported speech: `X said that …`, `according to X, …`.
    Paraphrase,
    /// A number, amount or count.
    Quantity,
    /// A comparison or superlative: record, highest since, doubled.
    Comparison,
    /// Cause and effect: because, led to, due to.
    Causal,
    /// A prediction: will, is expected to, forecast.
    Prediction,
}

/// A statement someone makes in the draft, or a check-worthy sentence no one makes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Claim {
    /// The quote, or the reported or unattributed sentence.
    pub span: Span,
    pub kind: ClaimKind,
    pub claimant: Option<SpeakerId>,
    pub quote: Option<QuoteId>,
}

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Information => "information",
            Severity::Hint => "hint",
        }
    }
}

/// A text edit that fixes (part of) a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    /// The new text, written out with the draft ([`Wording::to_string`]).
    pub replacement: Wording,
}

/// A suggested fix: a title for the menu and the edits that make it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub title: Wording,
    pub edits: Vec<Edit>,
}

/// Another place in the draft that explains a finding (the other spelling, the first reference).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub span: Span,
    pub message: Wording,
}

/// A copy-desk finding. Its words are kept as [`Wording`]s, written out with the draft it was
/// found in: `d.message.to_string(text)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's code, e.g. `unattributed-quote`: part of the public interface.
    pub code: &'static str,
    pub severity: Severity,
    pub message: Wording,
    pub span: Span,
    pub related: Vec<Related>,
    pub fixes: Vec<Fix>,
}

// A 100,000-word draft has about 2,000 findings, built, sorted and moved on every keystroke:
// a field added here is paid for in every one of them (see `Wording`'s holes).
const _: () = assert!(std::mem::size_of::<Diagnostic>() <= 144);
