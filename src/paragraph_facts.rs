//! What a paragraph says on its own: its quotes, sentences, tokens, attribution clauses and the
//! runs of capitalised words that introduce someone.
//!
//! These are about half of the analysis, and they are read from the paragraph's text alone: each
//! step gets the paragraph's bytes as its whole text, so it cannot look past either end, and
//! every offset and index in the result is relative to the paragraph. That is what makes them
//! safe to keep between versions of a draft (see [`crate::reuse`]): a paragraph with the same
//! text, the same block kind and the same configured verbs has the same facts wherever it moves.
//! The draft-wide steps (running quotations across paragraphs, the speaker registry, pronouns,
//! the rules) work on the facts moved to draft offsets ([`ParagraphFacts::append_positions`]).
//!
//! One `ParagraphFacts` holds one or more paragraphs, read step by step (every paragraph's
//! quotes, then every paragraph's sentences, and so on): a full analysis reads all of a draft's
//! paragraphs into one, which keeps each step's code and tables hot (reading paragraph by
//! paragraph through all the steps was 15 % slower) and its lists allocated once. The cache
//! keeps one per paragraph.

use std::ops::Range;

use crate::attribution::clauses::{self, Clause};
use crate::attribution::source::SourceKind;
use crate::attribution::tokens::{self, Tok, Token};
use crate::attribution::{self};
use crate::draft::{BlockKind, sentences};
use crate::model::{Quote, QuoteKind, Span};
use crate::quotes::{self, MarkProblem, Marks};
use crate::speakers::{Introduction, capitalized_words};

/// The facts of one or more paragraphs, each at offsets from its own first byte.
#[derive(Clone, Debug, Default)]
pub struct ParagraphFacts {
    paragraphs: Vec<Extent>,
    /// Quotes in order of their start; `continues` and `attribution` are left for the draft.
    quotes: Vec<Quote>,
    problems: Vec<(Span, MarkProblem)>,
    /// For each quote, what its words and the words before it in the paragraph make it.
    shapes: Vec<QuoteShape>,
    sentences: Vec<Span>,
    /// Tokens of the prose outside quotes; `Tok::Quote` counts from the paragraph's first quote.
    tokens: Vec<Token>,
    /// For each sentence, its tokens, counted from the paragraph's first token.
    sentence_tokens: Vec<Range<usize>>,
    /// Attribution clauses (none in a heading); `sentence` and `token` count from the
    /// paragraph's first.
    clauses: Vec<Clause>,
    /// People introduced by a run of capitalised words ("Russian President Vladimir Putin"),
    /// with the offset of the run.
    name_runs: Vec<(usize, Introduction)>,
    /// Capitalised words, where the mention scan looks for names.
    capitalized: Vec<Span>,
}

/// What a quote is by its words and the words before it in its paragraph, before anyone is
/// known to say it: a title, and its kind if attributed or not ([`quotes::classify`]).
#[derive(Clone, Copy, Debug)]
pub struct QuoteShape {
    pub title: bool,
    pub attributed: QuoteKind,
    pub unattributed: QuoteKind,
}

/// One paragraph's share of the lists.
#[derive(Clone, Debug, Default)]
struct Extent {
    quotes: Range<usize>,
    problems: Range<usize>,
    sentences: Range<usize>,
    tokens: Range<usize>,
    clauses: Range<usize>,
    name_runs: Range<usize>,
    capitalized: Range<usize>,
    /// The paragraph ends inside a quote that the next paragraph may continue.
    ends_open: bool,
    /// The paragraph begins with a quote mark: it may continue the previous one's quote.
    opens_with_mark: bool,
}

/// Where a paragraph sits in the draft.
#[derive(Clone, Copy, Debug)]
pub struct Place {
    /// Its index among the draft's paragraphs.
    pub paragraph: usize,
    /// The byte offset of its first byte.
    pub offset: usize,
}

/// Where a paragraph's sentences and tokens begin in the draft's lists.
#[derive(Clone, Copy, Debug)]
pub struct Bases {
    sentence: usize,
    token: usize,
}

/// The paragraphs' facts put together, at draft offsets.
#[derive(Debug, Default)]
pub struct DraftFacts {
    pub marks: Marks,
    /// For each quote of `marks`, its shape.
    pub shapes: Vec<QuoteShape>,
    pub sentences: Vec<Span>,
    pub tokens: Vec<Token>,
    pub sentence_tokens: Vec<Range<usize>>,
    pub clauses: Vec<Clause>,
    pub name_runs: Vec<(usize, Introduction)>,
    pub capitalized: Vec<Span>,
}

impl ParagraphFacts {
    /// Reads paragraphs: each `(text, kind)` is a paragraph's prose and nothing else.
    pub fn read(paragraphs: &[(&str, BlockKind)], extra_verbs: &[String]) -> ParagraphFacts {
        let mut facts = ParagraphFacts::default();
        facts.read_into(paragraphs, extra_verbs);
        facts
    }

    /// [`read`](Self::read), into these (empty) lists.
    fn read_into(&mut self, paragraphs: &[(&str, BlockKind)], extra_verbs: &[String]) {
        let mut marks = Marks::default();
        for &(text, kind) in paragraphs {
            let (quotes, problems) = (marks.quotes.len(), marks.problems.len());
            let mut pending = None;
            quotes::scan(text, whole(text), kind, &mut marks, &mut pending);
            quotes::finish(text, &mut marks.quotes[quotes..]);
            self.paragraphs.push(Extent {
                quotes: quotes..marks.quotes.len(),
                problems: problems..marks.problems.len(),
                ends_open: pending.is_some(),
                opens_with_mark: quotes::opens_with_mark(text),
                ..Extent::default()
            });
        }
        (self.quotes, self.problems) = (marks.quotes, marks.problems);
        for (&(text, _), extent) in paragraphs.iter().zip(&self.paragraphs) {
            self.shapes
                .extend(self.quotes[extent.quotes.clone()].iter().map(|q| {
                    let unattributed = quotes::classify(text, q, false);
                    QuoteShape {
                        title: unattributed == QuoteKind::Title
                            || attribution::title_case(q.inner.text(text)),
                        attributed: quotes::classify(text, q, true),
                        unattributed,
                    }
                }));
        }
        let mut protected = Vec::new();
        for (&(text, _), extent) in paragraphs.iter().zip(&mut self.paragraphs) {
            protected.clear();
            protected.extend(self.quotes[extent.quotes.clone()].iter().map(|q| q.span));
            let first = self.sentences.len();
            sentences::split(text, whole(text), &protected, &mut self.sentences);
            extent.sentences = first..self.sentences.len();
        }
        for (&(text, _), extent) in paragraphs.iter().zip(&mut self.paragraphs) {
            let first = self.tokens.len();
            let quotes = &self.quotes[extent.quotes.clone()];
            for sentence in &self.sentences[extent.sentences.clone()] {
                let start = self.tokens.len() - first;
                tokens::tokenize(text, *sentence, quotes, &mut self.tokens);
                self.sentence_tokens.push(start..self.tokens.len() - first);
            }
            extent.tokens = first..self.tokens.len();
        }
        for (&(text, kind), extent) in paragraphs.iter().zip(&mut self.paragraphs) {
            let first = self.clauses.len();
            if kind != BlockKind::Heading {
                let toks = &self.tokens[extent.tokens.clone()];
                for s in extent.sentences.clone() {
                    // Numbered across all paragraphs read here: `find` tells one sentence's
                    // clauses from the previous sentence's by this number.
                    let range = self.sentence_tokens[s].clone();
                    clauses::find(text, toks, range, s, 0, extra_verbs, &mut self.clauses);
                }
            }
            extent.clauses = first..self.clauses.len();
        }
        for extent in &self.paragraphs {
            for clause in &mut self.clauses[extent.clauses.clone()] {
                clause.sentence -= extent.sentences.start;
            }
        }
        for (&(text, _), extent) in paragraphs.iter().zip(&mut self.paragraphs) {
            let first = self.name_runs.len();
            let toks = &self.tokens[extent.tokens.clone()];
            let sentences = &self.sentence_tokens[extent.sentences.clone()];
            attribution::name_runs(text, toks, sentences, &mut self.name_runs);
            extent.name_runs = first..self.name_runs.len();
        }
        for (&(text, _), extent) in paragraphs.iter().zip(&mut self.paragraphs) {
            let first = self.capitalized.len();
            self.capitalized
                .extend(capitalized_words(text).map(|(span, _)| span));
            extent.capitalized = first..self.capitalized.len();
        }
    }

    /// Paragraph `i` begins with a quote mark: it may continue the previous one's quote.
    pub fn opens_with_mark(&self, i: usize) -> bool {
        self.paragraphs[i].opens_with_mark
    }

    /// Paragraph `i` ends inside a quote that the next paragraph may continue.
    pub fn ends_open(&self, i: usize) -> bool {
        self.paragraphs[i].ends_open
    }

    /// Appends paragraph `i`'s quotes (with their shapes), mark problems, sentences, tokens and
    /// capitalised words, moved to its place in the draft, to the draft's lists; returns where
    /// its sentences and tokens begin there, for [`append_clauses`](Self::append_clauses).
    pub fn append_positions(&self, i: usize, at: Place, out: &mut DraftFacts) -> Bases {
        let extent = &self.paragraphs[i];
        let shift = |span: Span| span.shifted(at.offset);
        let quote_base = out.marks.quotes.len();
        let bases = Bases {
            sentence: out.sentences.len(),
            token: out.tokens.len(),
        };
        out.marks
            .quotes
            .extend(self.quotes[extent.quotes.clone()].iter().map(|q| Quote {
                span: shift(q.span),
                inner: shift(q.inner),
                kind: q.kind,
                closed: q.closed,
                continues: None,
                attribution: None,
            }));
        out.shapes
            .extend_from_slice(&self.shapes[extent.quotes.clone()]);
        out.marks.problems.extend(
            self.problems[extent.problems.clone()]
                .iter()
                .map(|&(span, p)| (shift(span), p)),
        );
        out.sentences.extend(
            self.sentences[extent.sentences.clone()]
                .iter()
                .map(|&s| shift(s)),
        );
        out.tokens
            .extend(self.tokens[extent.tokens.clone()].iter().map(|t| Token {
                span: shift(t.span),
                kind: match t.kind {
                    Tok::Quote(q) => Tok::Quote(q + quote_base),
                    other => other,
                },
            }));
        out.sentence_tokens.extend(
            self.sentence_tokens[extent.sentences.clone()]
                .iter()
                .map(|r| r.start + bases.token..r.end + bases.token),
        );
        out.capitalized.extend(
            self.capitalized[extent.capitalized.clone()]
                .iter()
                .map(|&s| shift(s)),
        );
        bases
    }

    /// Appends copies of paragraph `i`'s clauses and name runs, moved to its place in the
    /// draft (the facts stay as they are, for the cache).
    pub fn append_clauses(&self, i: usize, at: Place, bases: Bases, out: &mut DraftFacts) {
        let extent = &self.paragraphs[i];
        out.clauses.extend(
            self.clauses[extent.clauses.clone()]
                .iter()
                .map(|c| rebase_clause(c.clone(), at, bases)),
        );
        out.name_runs.extend(
            self.name_runs[extent.name_runs.clone()]
                .iter()
                .map(|(offset, intro)| (offset + at.offset, intro.clone())),
        );
    }

    /// Moves every paragraph's clauses and name runs to the draft's lists, paragraph `i` to
    /// `places[i]`: for facts read once and not kept, without copying their strings.
    pub fn move_clauses(&mut self, places: &[(Place, Bases)], out: &mut DraftFacts) {
        let mut clauses = self.clauses.drain(..);
        let mut runs = self.name_runs.drain(..);
        for (extent, &(at, bases)) in self.paragraphs.iter().zip(places) {
            out.clauses.extend(
                clauses
                    .by_ref()
                    .take(extent.clauses.len())
                    .map(|c| rebase_clause(c, at, bases)),
            );
            out.name_runs.extend(
                runs.by_ref()
                    .take(extent.name_runs.len())
                    .map(|(offset, intro)| (offset + at.offset, intro)),
            );
        }
    }
}

/// Moves paragraphs, in increasing order, out of one `ParagraphFacts` into another: the cache
/// takes the unchanged paragraphs of the last version over without copying their strings.
pub struct Mover {
    extents: Vec<Extent>,
    quotes: Cursor<Quote>,
    problems: Cursor<(Span, MarkProblem)>,
    shapes: Cursor<QuoteShape>,
    sentences: Cursor<Span>,
    tokens: Cursor<Token>,
    sentence_tokens: Cursor<Range<usize>>,
    clauses: Cursor<Clause>,
    name_runs: Cursor<(usize, Introduction)>,
    capitalized: Cursor<Span>,
}

impl Mover {
    pub fn new(facts: ParagraphFacts) -> Mover {
        Mover {
            extents: facts.paragraphs,
            quotes: Cursor::new(facts.quotes),
            problems: Cursor::new(facts.problems),
            shapes: Cursor::new(facts.shapes),
            sentences: Cursor::new(facts.sentences),
            tokens: Cursor::new(facts.tokens),
            sentence_tokens: Cursor::new(facts.sentence_tokens),
            clauses: Cursor::new(facts.clauses),
            name_runs: Cursor::new(facts.name_runs),
            capitalized: Cursor::new(facts.capitalized),
        }
    }

    /// Moves paragraph `i` to the end of `into`. Paragraphs must be moved in increasing order;
    /// the ones skipped are dropped.
    pub fn move_paragraph(&mut self, i: usize, into: &mut ParagraphFacts) {
        let from = &self.extents[i];
        // Every index in the facts counts from the paragraph's own start, so nothing changes
        // but where the paragraph's share of each list is.
        let extent = Extent {
            quotes: self.quotes.take(from.quotes.clone(), &mut into.quotes),
            problems: self
                .problems
                .take(from.problems.clone(), &mut into.problems),
            sentences: self
                .sentences
                .take(from.sentences.clone(), &mut into.sentences),
            tokens: self.tokens.take(from.tokens.clone(), &mut into.tokens),
            clauses: self.clauses.take(from.clauses.clone(), &mut into.clauses),
            name_runs: self
                .name_runs
                .take(from.name_runs.clone(), &mut into.name_runs),
            capitalized: self
                .capitalized
                .take(from.capitalized.clone(), &mut into.capitalized),
            ends_open: from.ends_open,
            opens_with_mark: from.opens_with_mark,
        };
        self.shapes.take(from.quotes.clone(), &mut into.shapes);
        self.sentence_tokens
            .take(from.sentences.clone(), &mut into.sentence_tokens);
        into.paragraphs.push(extent);
    }
}

/// A list being moved out front to back.
struct Cursor<T> {
    items: std::vec::IntoIter<T>,
    /// The index of the next item in the original list.
    at: usize,
}

impl<T> Cursor<T> {
    fn new(items: Vec<T>) -> Cursor<T> {
        Cursor {
            items: items.into_iter(),
            at: 0,
        }
    }

    /// Moves the items `range` of the original list to the end of `out`, dropping any before
    /// it not taken yet; returns where they are in `out`.
    fn take(&mut self, range: Range<usize>, out: &mut Vec<T>) -> Range<usize> {
        debug_assert!(range.start >= self.at, "paragraphs moved out of order");
        if let Some(skip) = (range.start - self.at).checked_sub(1) {
            self.items.nth(skip);
        }
        let start = out.len();
        out.extend(self.items.by_ref().take(range.len()));
        self.at = range.end;
        start..out.len()
    }
}

fn whole(text: &str) -> Span {
    Span::new(0, text.len())
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
