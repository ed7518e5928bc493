//! What a paragraph says on its own: its quotes, sentences, tokens, attribution clauses and the
//! runs of capitalised words that introduce someone.
//!
//! These are about half of the analysis, and they are read from the paragraph's text alone: the
//! reading gets the paragraph's bytes as its whole text, so it cannot look past either end, and
//! every offset and index in the result is relative to the paragraph. That is what makes them
//! safe to keep between versions of a draft (see [`crate::reuse`]): a paragraph with the same
//! text, the same block kind and the same configured verbs has the same facts wherever it moves.
//! The draft-wide steps (running quotations across paragraphs, the speaker registry, pronouns,
//! the rules) work on the facts [`rebase`](ParagraphFacts::append_to)d into draft offsets.

use std::ops::Range;

use crate::attribution::clauses::{self, Clause};
use crate::attribution::source::SourceKind;
use crate::attribution::tokens::{self, Tok, Token};
use crate::attribution::{self};
use crate::draft::{BlockKind, sentences};
use crate::model::{Quote, Span};
use crate::quotes::{self, MarkProblem, Marks};
use crate::speakers::Introduction;

/// The facts of one paragraph, at offsets from its first byte.
#[derive(Clone, Debug, Default)]
pub struct ParagraphFacts {
    /// Quotes in order of their start; `continues` and `attribution` are left for the draft.
    pub quotes: Vec<Quote>,
    pub problems: Vec<(Span, MarkProblem)>,
    /// The paragraph ends inside a quote that the next paragraph may continue.
    pub ends_open: bool,
    /// The paragraph begins with a quote mark: it may continue the previous one's quote.
    pub opens_with_mark: bool,
    pub sentences: Vec<Span>,
    /// Tokens of the prose outside quotes; `Tok::Quote` indexes [`ParagraphFacts::quotes`].
    pub tokens: Vec<Token>,
    /// For each sentence, its tokens.
    pub sentence_tokens: Vec<Range<usize>>,
    /// Attribution clauses (none in a heading); `sentence` and `token` count from the paragraph.
    pub clauses: Vec<Clause>,
    /// People introduced by a run of capitalised words ("Russian President Vladimir Putin"),
    /// with the offset of the run.
    pub name_runs: Vec<(usize, Introduction)>,
}

impl ParagraphFacts {
    /// Reads a paragraph: `text` is the paragraph's prose and nothing else.
    pub fn read(text: &str, kind: BlockKind, extra_verbs: &[String]) -> ParagraphFacts {
        let mut facts = ParagraphFacts::default();
        facts.read_again(text, kind, extra_verbs);
        facts
    }

    /// [`read`](Self::read) into these lists, reusing their memory: a full analysis reads
    /// every paragraph into one `ParagraphFacts`, and allocating a dozen lists per paragraph
    /// was a fifth of its time.
    pub fn read_again(&mut self, text: &str, kind: BlockKind, extra_verbs: &[String]) {
        let whole = Span::new(0, text.len());
        let mut marks = Marks {
            quotes: std::mem::take(&mut self.quotes),
            problems: std::mem::take(&mut self.problems),
        };
        marks.quotes.clear();
        marks.problems.clear();
        let mut pending = None;
        quotes::scan(text, whole, kind, &mut marks, &mut pending);
        quotes::finish(text, &mut marks);
        self.quotes = marks.quotes;
        self.problems = marks.problems;
        self.ends_open = pending.is_some();
        self.opens_with_mark = quotes::opens_with_mark(text);
        let quote_spans: Vec<Span> = self.quotes.iter().map(|q| q.span).collect();
        self.sentences.clear();
        sentences::split(text, whole, &quote_spans, &mut self.sentences);
        self.tokens.clear();
        self.sentence_tokens.clear();
        for sentence in &self.sentences {
            let start = self.tokens.len();
            tokens::tokenize(text, *sentence, &self.quotes, &mut self.tokens);
            self.sentence_tokens.push(start..self.tokens.len());
        }
        self.clauses.clear();
        if kind != BlockKind::Heading {
            for (s, range) in self.sentence_tokens.iter().enumerate() {
                let (toks, clauses) = (&self.tokens, &mut self.clauses);
                clauses::find(text, toks, range.clone(), s, 0, extra_verbs, clauses);
            }
        }
        self.name_runs.clear();
        attribution::name_runs(
            text,
            &self.tokens,
            &self.sentence_tokens,
            &mut self.name_runs,
        );
    }

    /// Appends a copy of these facts, moved to the paragraph's place in the draft, to the
    /// draft's lists (the facts stay in the cache).
    pub fn append_to(&self, at: Place, out: &mut DraftFacts) {
        let bases = self.append_positions(at, out);
        out.clauses.extend(
            self.clauses
                .iter()
                .map(|c| rebase_clause(c.clone(), at, bases)),
        );
        out.name_runs.extend(
            self.name_runs
                .iter()
                .map(|(offset, intro)| (offset + at.offset, intro.clone())),
        );
    }

    /// [`append_to`](Self::append_to), moving the clauses and introductions out instead of
    /// copying them: for a paragraph read once and not kept.
    pub fn move_to(&mut self, at: Place, out: &mut DraftFacts) {
        let bases = self.append_positions(at, out);
        out.clauses
            .extend(self.clauses.drain(..).map(|c| rebase_clause(c, at, bases)));
        out.name_runs.extend(
            self.name_runs
                .drain(..)
                .map(|(offset, intro)| (offset + at.offset, intro)),
        );
    }

    /// Appends the quotes, problems, sentences and tokens (all plain positions); returns where
    /// the paragraph's sentences and tokens begin in the draft's lists.
    fn append_positions(&self, at: Place, out: &mut DraftFacts) -> Bases {
        let shift = |span: Span| span.shifted(at.offset);
        let quote_base = out.marks.quotes.len();
        let bases = Bases {
            sentence: out.sentences.len(),
            token: out.tokens.len(),
        };
        out.marks.quotes.extend(self.quotes.iter().map(|q| Quote {
            span: shift(q.span),
            inner: shift(q.inner),
            kind: q.kind,
            closed: q.closed,
            continues: None,
            attribution: None,
        }));
        out.marks
            .problems
            .extend(self.problems.iter().map(|&(span, p)| (shift(span), p)));
        out.sentences
            .extend(self.sentences.iter().map(|&s| shift(s)));
        out.tokens.extend(self.tokens.iter().map(|t| Token {
            span: shift(t.span),
            kind: match t.kind {
                Tok::Quote(q) => Tok::Quote(q + quote_base),
                other => other,
            },
        }));
        out.sentence_tokens.extend(
            self.sentence_tokens
                .iter()
                .map(|r| r.start + bases.token..r.end + bases.token),
        );
        bases
    }
}

/// Where a paragraph's sentences and tokens begin in the draft's lists.
#[derive(Clone, Copy)]
struct Bases {
    sentence: usize,
    token: usize,
}

fn rebase_clause(mut c: Clause, at: Place, bases: Bases) -> Clause {
    c.cue = c.cue.shifted(at.offset);
    c.source.span = c.source.span.shifted(at.offset);
    c.source.role = c.source.role.map(|r| r.shifted(at.offset));
    if let SourceKind::Person { name } = &mut c.source.kind {
        *name = name.shifted(at.offset);
    }
    c.sentence += bases.sentence;
    c.paragraph = at.paragraph;
    c.token += bases.token;
    c
}

/// Where a paragraph sits in the draft.
#[derive(Clone, Copy, Debug)]
pub struct Place {
    /// Its index among the draft's paragraphs.
    pub paragraph: usize,
    /// The byte offset of its first byte.
    pub offset: usize,
}

/// The paragraphs' facts put together, at draft offsets.
#[derive(Debug, Default)]
pub struct DraftFacts {
    pub marks: Marks,
    pub sentences: Vec<Span>,
    pub tokens: Vec<Token>,
    pub sentence_tokens: Vec<Range<usize>>,
    pub clauses: Vec<Clause>,
    pub name_runs: Vec<(usize, Introduction)>,
}
