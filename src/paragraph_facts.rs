//! What a paragraph says on its own: its quotes, sentences, tokens, attribution clauses, the
//! runs of capitalised words that introduce someone, its capitalised words and what the pattern
//! rules' patterns match in it.
//!
//! These are about half of the analysis, and they are read from the paragraph's text alone: each
//! step gets the paragraph's bytes as its whole text, so it cannot look past either end, and
//! every offset and index in the result is relative to the paragraph. That is what makes them
//! safe to keep between versions of a draft (see [`crate::reuse`]): a paragraph with the same
//! text, the same block kind and the same configured verbs has the same facts wherever it moves.
//! The draft-wide steps (running quotations across paragraphs, the speaker registry, pronouns,
//! the rules) work on the facts put at draft offsets ([`ParagraphFacts::place`]).
//!
//! One `ParagraphFacts` holds one or more paragraphs, read step by step (every paragraph's
//! quotes, then every paragraph's sentences, and so on): a full analysis reads all of a draft's
//! paragraphs into one, which keeps each step's code and tables hot (reading paragraph by
//! paragraph through all the steps was 15 % slower) and its lists allocated once. The cache
//! keeps one for the whole draft and splices the paragraphs it reads again into it
//! ([`ParagraphFacts::splice`]).

use std::ops::Range;

use crate::attribution::clauses::{self, Clause};
use crate::attribution::links::{self, Firsts, LinkPlan};
use crate::attribution::source::SourceKind;
use crate::attribution::tokens::{self, Token, strip_possessive};
use crate::attribution::{self};
use crate::claims;
use crate::draft::{BlockKind, Paragraph, sentences};
use crate::model::{ClaimKind, Quote, QuoteKind, Span};
use crate::quotes::{self, MarkProblem, Marks, RunningQuote};
use crate::rules::triggers::{self, Found, PatternMatch, Trigger};
use crate::speakers::{Introduction, NameEnds, capitalized_words};

/// News copy has about one quote to every 190 bytes of prose (generated drafts and real ones
/// alike), one sentence to 90, one attribution clause to 130, a capitalised word to 32 and a
/// token to 7; [`ParagraphFacts::reserve`] makes room at somewhat higher rates.
const QUOTE_BYTES: usize = 128;

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
    /// For each sentence of a paragraph with no attribution clause (not a heading), the kind
    /// of check-worthy claim its words make, if any ([`claims::checkworthy`]); `None` for the
    /// other sentences, whose paragraph says who claims what.
    checkworthy: Vec<Option<ClaimKind>>,
    /// Attribution clauses (none in a heading); `sentence` and `token` count from the
    /// paragraph's first.
    clauses: Vec<Clause>,
    /// Which clause of its sentence each quote takes its speaker from ([`links::plan`]).
    links: Vec<LinkPlan>,
    /// People introduced by a run of capitalised words ("Russian President Vladimir Putin"),
    /// with the offset of the run.
    name_runs: Vec<(usize, Introduction)>,
    /// Capitalised words, where the mention scan looks for names.
    capitalized: Vec<Span>,
    /// Capitalised words after their sentence's first token, without a possessive ending:
    /// there only names are capitalised.
    mid_capitals: Vec<Span>,
    /// The pattern rules' matches, trigger by trigger ([`triggers::read`]), and their capture
    /// groups: a match's `groups` count from its paragraph's first group.
    matches: Vec<PatternMatch>,
    match_groups: Vec<Option<Span>>,
}

/// What a quote is by its words and the words before it in its paragraph, before anyone is
/// known to say it: a title, and its kind if attributed or not ([`quotes::kinds`]).
#[derive(Clone, Copy, Debug)]
pub struct QuoteShape {
    pub title: bool,
    pub attributed: QuoteKind,
    pub unattributed: QuoteKind,
}

/// One paragraph's share of the lists.
#[derive(Clone, Debug, Default)]
struct Extent {
    /// Its items in each list, `ranges[list as usize]` ([`LISTS`]).
    ranges: [Range<usize>; LISTS.len()],
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

/// Which lists [`ParagraphFacts::place`] puts at draft offsets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placing {
    /// All of them.
    All,
    /// All but the sentences and capitalised words, which come from the last version's
    /// ([`ParagraphFacts::replace_placed`], which does the clauses too).
    AllButKept,
}

/// The paragraphs' facts put together, at draft offsets.
#[derive(Debug, Default)]
pub struct DraftFacts {
    pub marks: Marks,
    /// For each quote of `marks`, its shape.
    pub shapes: Vec<QuoteShape>,
    pub sentences: Vec<Span>,
    pub checkworthy: Vec<Option<ClaimKind>>,
    pub clauses: Vec<Clause>,
    pub capitalized: Vec<Span>,
    pub mid_capitals: Vec<Span>,
}

/// The lists of [`DraftFacts`] that an analysis gives back as it got them, kept between
/// versions of a draft: a keystroke places only the paragraphs it read again, moves the
/// items after them by what the edit added, and does not touch the items before it
/// ([`ParagraphFacts::replace_placed`]). Built whole, they were the largest share of the
/// memory a keystroke wrote (about 1.3 MB at 100,000 words), and after a pause, with the
/// processor's caches cold, a keystroke's time goes by how much memory it touches.
///
/// The clauses keep the speakers the last version's resolution gave them: resolution sets
/// every clause's speaker again before anything reads one.
#[derive(Debug, Default)]
pub struct Placed {
    pub sentences: Vec<Span>,
    pub clauses: Vec<Clause>,
    pub capitalized: Vec<Span>,
    pub mid_capitals: Vec<Span>,
}

/// Where the prose changed since the last version: the bytes before `at` are where they were,
/// those after the change have moved `by` bytes (back, if negative).
#[derive(Clone, Copy, Debug)]
pub struct Moved {
    pub at: usize,
    pub by: isize,
}

/// What [`ParagraphFacts::splice`] replaced: the paragraphs put in, and for each list where
/// the items replaced began, how many there were and how many there are now.
#[derive(Clone, Debug)]
pub struct Spliced {
    paragraphs: Range<usize>,
    old_paragraphs: usize,
    items: [(usize, usize, usize); LISTS.len()],
}

impl Spliced {
    fn items(&self, list: List) -> (usize, usize, usize) {
        self.items[list as usize]
    }

    /// How many more items `list` has than before (negative: fewer).
    fn added(&self, list: List) -> isize {
        let (_, old, new) = self.items(list);
        new as isize - old as isize
    }
}

impl ParagraphFacts {
    /// Reads paragraphs: each `(span, kind)` is a paragraph of `prose`, whose text there is
    /// the paragraph's prose and nothing else; the spans are in order and apart.
    pub fn read(
        prose: &str,
        blocks: &[(Span, BlockKind)],
        extra_verbs: &[String],
    ) -> ParagraphFacts {
        let mut facts = ParagraphFacts::default();
        facts.read_into(prose, blocks, extra_verbs);
        facts
    }

    /// [`read`](Self::read), into these (empty) lists.
    fn read_into(&mut self, prose: &str, blocks: &[(Span, BlockKind)], extra_verbs: &[String]) {
        let paragraphs: Vec<(&str, BlockKind)> = blocks
            .iter()
            .map(|&(span, kind)| (span.text(prose), kind))
            .collect();
        let paragraphs = paragraphs.as_slice();
        let bytes: usize = paragraphs.iter().map(|(text, _)| text.len()).sum();
        self.reserve(paragraphs.len(), bytes);
        let mut marks = Marks::default();
        marks.quotes.reserve(bytes / QUOTE_BYTES);
        for &(text, kind) in paragraphs {
            let (quotes, problems) = (marks.quotes.len(), marks.problems.len());
            let mut pending = None;
            quotes::scan(text, whole(text), kind, &mut marks, &mut pending);
            quotes::finish(text, &mut marks.quotes[quotes..]);
            let mut extent = Extent {
                ends_open: pending.is_some(),
                opens_with_mark: quotes::opens_with_mark(text),
                ..Extent::default()
            };
            *extent.range(List::Quotes) = quotes..marks.quotes.len();
            *extent.range(List::Problems) = problems..marks.problems.len();
            self.paragraphs.push(extent);
        }
        (self.quotes, self.problems) = (marks.quotes, marks.problems);
        for (&(text, _), extent) in paragraphs.iter().zip(&self.paragraphs) {
            self.shapes
                .extend(self.quotes[extent.of(List::Quotes)].iter().map(|q| {
                    let kinds = quotes::kinds(text, q);
                    QuoteShape {
                        title: kinds.unattributed == QuoteKind::Title
                            || attribution::title_case(q.inner.text(text)),
                        attributed: kinds.attributed,
                        unattributed: kinds.unattributed,
                    }
                }));
        }
        let mut protected = Vec::new();
        for (&(text, _), extent) in paragraphs.iter().zip(&mut self.paragraphs) {
            protected.clear();
            protected.extend(self.quotes[extent.of(List::Quotes)].iter().map(|q| q.span));
            let first = self.sentences.len();
            sentences::split(text, whole(text), &protected, &mut self.sentences);
            *extent.range(List::Sentences) = first..self.sentences.len();
        }
        for (&(text, _), extent) in paragraphs.iter().zip(&mut self.paragraphs) {
            let first = self.tokens.len();
            let quotes = &self.quotes[extent.of(List::Quotes)];
            for sentence in &self.sentences[extent.of(List::Sentences)] {
                let start = self.tokens.len() - first;
                tokens::tokenize(text, *sentence, quotes, &mut self.tokens);
                self.sentence_tokens.push(start..self.tokens.len() - first);
            }
            *extent.range(List::Tokens) = first..self.tokens.len();
        }
        for (&(text, kind), extent) in paragraphs.iter().zip(&mut self.paragraphs) {
            let first = self.clauses.len();
            if kind != BlockKind::Heading {
                let toks = &self.tokens[extent.of(List::Tokens)];
                for s in extent.of(List::Sentences) {
                    // Numbered across all paragraphs read here: `find` tells one sentence's
                    // clauses from the previous sentence's by this number.
                    let range = self.sentence_tokens[s].clone();
                    clauses::find(text, toks, range, s, 0, extra_verbs, &mut self.clauses);
                }
                for clause in &mut self.clauses[first..] {
                    let start = clause.source.span.start;
                    clause.source_token = toks.partition_point(|t| t.span.start < start);
                    if let SourceKind::Person { name, ends } = &mut clause.source.kind {
                        *ends = NameEnds::of(strip_possessive(name.text(text)));
                    }
                }
            }
            *extent.range(List::Clauses) = first..self.clauses.len();
        }
        for extent in &self.paragraphs {
            for clause in &mut self.clauses[extent.of(List::Clauses)] {
                clause.sentence -= extent.start(List::Sentences);
            }
        }
        for (&(text, _), extent) in paragraphs.iter().zip(&mut self.paragraphs) {
            let first = self.links.len();
            *extent.range(List::Links) = first..first;
            let clauses = &self.clauses[extent.of(List::Clauses)];
            if clauses.is_empty() {
                continue;
            }
            let toks = &self.tokens[extent.of(List::Tokens)];
            let shapes = &self.shapes[extent.of(List::Quotes)];
            let titles = |q: usize| shapes[q].title;
            let mut from = 0;
            for (s, range) in self.sentence_tokens[extent.of(List::Sentences)]
                .iter()
                .enumerate()
            {
                // The paragraph's clauses are in sentence order.
                let count = clauses[from..]
                    .iter()
                    .take_while(|c| c.sentence == s)
                    .count();
                let sentence = (&clauses[from..from + count], from);
                links::plan(text, toks, range.clone(), sentence, titles, &mut self.links);
                from += count;
            }
            *extent.range(List::Links) = first..self.links.len();
        }
        for (&(text, kind), extent) in paragraphs.iter().zip(&self.paragraphs) {
            let toks = &self.tokens[extent.of(List::Tokens)];
            let unattributed = kind != BlockKind::Heading && extent.of(List::Clauses).is_empty();
            let claim = |range: &Range<usize>| claims::checkworthy(text, &toks[range.clone()]);
            let sentences = &self.sentence_tokens[extent.of(List::Sentences)];
            self.checkworthy.extend(
                sentences
                    .iter()
                    .map(|range| if unattributed { claim(range) } else { None }),
            );
        }
        for (&(text, _), extent) in paragraphs.iter().zip(&mut self.paragraphs) {
            let first = self.capitalized.len();
            self.capitalized
                .extend(capitalized_words(text).map(|(span, _)| span));
            *extent.range(List::Capitalized) = first..self.capitalized.len();
        }
        // The capitalised words among the tokens, found once for the two passes that read
        // them: the words capitalised in mid-sentence and the runs of capitalised words. The
        // runs are looked for only at these, not at every token.
        let mut capitals = Vec::new();
        for (&(text, _), extent) in paragraphs.iter().zip(&mut self.paragraphs) {
            let toks = &self.tokens[extent.of(List::Tokens)];
            let sentences = &self.sentence_tokens[extent.of(List::Sentences)];
            capitals.clear();
            capitals.extend(
                (toks.iter().enumerate())
                    .filter(|(_, t)| t.is_word() && t.is_capitalized(text))
                    .map(|(k, _)| k),
            );
            let first = self.mid_capitals.len();
            let mut s = 0;
            for &k in &capitals {
                while sentences.get(s).is_some_and(|r| r.end <= k) {
                    s += 1;
                }
                // A sentence's first word is capitalised whatever it is.
                if sentences.get(s).is_some_and(|r| k > r.start) {
                    let t = &toks[k];
                    let stem = tokens::strip_possessive(t.text(text));
                    self.mid_capitals
                        .push(Span::new(t.span.start, t.span.start + stem.len()));
                }
            }
            *extent.range(List::MidCapitals) = first..self.mid_capitals.len();
            let first = self.name_runs.len();
            attribution::name_runs(text, toks, sentences, &capitals, &mut self.name_runs);
            *extent.range(List::NameRuns) = first..self.name_runs.len();
        }
        let spans: Vec<Span> = blocks.iter().map(|&(span, _)| span).collect();
        let hits = triggers::RunHits::find(prose, &spans);
        for (p, (&(text, _), extent)) in paragraphs.iter().zip(&mut self.paragraphs).enumerate() {
            let (first, first_group) = (self.matches.len(), self.match_groups.len());
            let hits_of = |trigger| hits.of(p, trigger);
            triggers::read(text, hits_of, &mut self.matches, &mut self.match_groups);
            *extent.range(List::Matches) = first..self.matches.len();
            *extent.range(List::MatchGroups) = first_group..self.match_groups.len();
        }
    }

    /// Makes room in the lists for `count` paragraphs of `bytes` bytes in all, at news copy's
    /// rates with some to spare, so that reading them does not grow each list a paragraph at a
    /// time (copying it whole at each doubling: 2 % of a full analysis's instructions).
    fn reserve(&mut self, count: usize, bytes: usize) {
        self.paragraphs.reserve(count);
        self.shapes.reserve(bytes / QUOTE_BYTES);
        self.tokens.reserve(bytes / 5);
        let sentences = bytes / 64;
        self.sentences.reserve(sentences);
        self.sentence_tokens.reserve(sentences);
        self.checkworthy.reserve(sentences);
        self.clauses.reserve(bytes / 96);
        self.links.reserve(bytes / 192);
        self.name_runs.reserve(bytes / 256);
        self.capitalized.reserve(bytes / 24);
        self.mid_capitals.reserve(bytes / 48);
    }

    /// Puts the facts of a draft's paragraphs (`paragraphs[p]` is the `p`th here, `prose` the
    /// draft's prose) at their places in the draft, joins quotations that run from one
    /// paragraph into the next, and tells each paragraph which of the draft's sentences are
    /// its. The clauses follow with [`append_clauses`](Self::append_clauses) or
    /// [`move_clauses`](Self::move_clauses), at the places returned, and the name runs are
    /// borrowed there with [`name_runs`](Self::name_runs).
    pub fn place(
        &self,
        prose: &str,
        paragraphs: &mut [Paragraph],
        placing: Placing,
    ) -> (DraftFacts, Vec<(Place, Bases)>) {
        let mut all = DraftFacts::default();
        // Every list's length is known (the problems may gain a few across paragraphs): each
        // is allocated once, not grown by doubling, which copied a long draft's tokens twice.
        all.marks.quotes.reserve(self.quotes.len());
        all.marks.problems.reserve(self.problems.len());
        all.shapes.reserve(self.shapes.len());
        all.checkworthy.reserve(self.checkworthy.len());
        if placing == Placing::All {
            all.sentences.reserve(self.sentences.len());
            all.clauses.reserve(self.clauses.len());
            all.capitalized.reserve(self.capitalized.len());
            all.mid_capitals.reserve(self.mid_capitals.len());
        }
        let mut running = RunningQuote::default();
        let mut places = Vec::with_capacity(paragraphs.len());
        for (p, paragraph) in paragraphs.iter_mut().enumerate() {
            let place = Place {
                paragraph: p,
                offset: paragraph.span.start,
            };
            let extent = &self.paragraphs[p];
            let first_quote = all.marks.quotes.len();
            let opens = extent.opens_with_mark;
            let continues = running.enter(prose, &mut all.marks, opens, paragraph.kind);
            let bases = self.append_positions(p, place, &mut all, placing);
            // The draft's lists are the facts' lists put end to end: the same indexes.
            paragraph.sentences = extent.of(List::Sentences);
            running.leave(&mut all.marks, first_quote, continues, extent.ends_open);
            places.push((place, bases));
        }
        running.end(prose, &mut all.marks);
        (all, places)
    }

    /// Appends paragraph `i`'s quotes (with their shapes), mark problems, sentences (with their
    /// claim kinds) and capitalised words, moved to its place in the draft, to the draft's
    /// lists; returns where its sentences and tokens begin there, for
    /// [`append_clauses`](Self::append_clauses). The tokens stay here: only the paragraph's
    /// own steps read them ([`links::plan`] among them).
    fn append_positions(
        &self,
        i: usize,
        at: Place,
        out: &mut DraftFacts,
        placing: Placing,
    ) -> Bases {
        let extent = &self.paragraphs[i];
        let shift = |span: Span| span.shifted(at.offset);
        // The lists follow each other paragraph after paragraph, here and in the facts: the
        // draft's first token, quote and sentence of the paragraph are its first in the facts'
        // lists.
        debug_assert_eq!(out.marks.quotes.len(), extent.start(List::Quotes));
        let bases = Bases {
            sentence: extent.start(List::Sentences),
            token: extent.start(List::Tokens),
        };
        out.marks
            .quotes
            .extend(self.quotes[extent.of(List::Quotes)].iter().map(|q| Quote {
                span: shift(q.span),
                inner: shift(q.inner),
                kind: q.kind,
                closed: q.closed,
                continues: None,
                attribution: None,
            }));
        out.shapes
            .extend_from_slice(&self.shapes[extent.of(List::Quotes)]);
        out.marks.problems.extend(
            self.problems[extent.of(List::Problems)]
                .iter()
                .map(|&(span, p)| (shift(span), p)),
        );
        out.checkworthy
            .extend_from_slice(&self.checkworthy[extent.of(List::Sentences)]);
        if placing == Placing::All {
            debug_assert_eq!(out.sentences.len(), extent.start(List::Sentences));
            self.append_placed(
                i,
                at,
                &mut out.sentences,
                &mut out.capitalized,
                &mut out.mid_capitals,
            );
        }
        bases
    }

    /// Appends paragraph `i`'s sentences and capitalised words, moved to its place in the
    /// draft, to the draft's lists.
    fn append_placed(
        &self,
        i: usize,
        at: Place,
        sentences: &mut Vec<Span>,
        capitalized: &mut Vec<Span>,
        mid_capitals: &mut Vec<Span>,
    ) {
        let extent = &self.paragraphs[i];
        let shift = |span: &Span| span.shifted(at.offset);
        sentences.extend(self.sentences[extent.of(List::Sentences)].iter().map(shift));
        capitalized.extend(
            self.capitalized[extent.of(List::Capitalized)]
                .iter()
                .map(shift),
        );
        mid_capitals.extend(
            self.mid_capitals[extent.of(List::MidCapitals)]
                .iter()
                .map(shift),
        );
    }

    /// The draft's sentences, clauses and capitalised words at `places`, made from the last
    /// version's (`kept`) where the paragraphs are the same: these facts are the last
    /// version's with the paragraphs `spliced` says read again in place of the old ones, and
    /// `edit` says where the prose changed. The items of the paragraphs read again are placed;
    /// the others are the same as before, moved by as many bytes as the edit added if they
    /// are after it (a clause after the paragraphs read again also by how many more
    /// sentences, tokens and paragraphs there are before it), and not touched if they are
    /// before it. Only for `kept` that [`fits`](Self::fits).
    pub fn replace_placed(
        &self,
        mut kept: Placed,
        spliced: &Spliced,
        edit: Moved,
        places: &[(Place, Bases)],
    ) -> Placed {
        let mut fresh = Placed::default();
        for p in spliced.paragraphs.clone() {
            let (at, bases) = places[p];
            self.append_placed(
                p,
                at,
                &mut fresh.sentences,
                &mut fresh.capitalized,
                &mut fresh.mid_capitals,
            );
            let extent = &self.paragraphs[p];
            fresh.clauses.extend(
                self.clauses[extent.of(List::Clauses)]
                    .iter()
                    .map(|c| rebase_clause(c.clone(), at, bases)),
            );
        }
        // A paragraph taken over lies wholly before the edit, where it has not moved, or
        // wholly after it. Those after it can come before the paragraphs read again: an edit
        // in text that is not prose (a code block cut) reads none.
        let first_moved = places.partition_point(|(at, _)| at.offset < edit.at);
        // The items of `list` that move: those of the paragraphs taken over after the edit.
        let moving = |list: List| {
            let (first, _, new) = spliced.items(list);
            let from = self.first_of(first_moved, list);
            (from..first).chain((first + new).max(from)..self.list_len(list))
        };
        let replaced = |list: List| {
            let (first, old, _) = spliced.items(list);
            first..first + old
        };
        let by = edit.by;
        kept.sentences
            .splice(replaced(List::Sentences), fresh.sentences);
        for i in moving(List::Sentences) {
            kept.sentences[i] = kept.sentences[i].moved(by);
        }
        kept.capitalized
            .splice(replaced(List::Capitalized), fresh.capitalized);
        for i in moving(List::Capitalized) {
            kept.capitalized[i] = kept.capitalized[i].moved(by);
        }
        kept.mid_capitals
            .splice(replaced(List::MidCapitals), fresh.mid_capitals);
        for i in moving(List::MidCapitals) {
            kept.mid_capitals[i] = kept.mid_capitals[i].moved(by);
        }
        kept.clauses.splice(replaced(List::Clauses), fresh.clauses);
        for i in moving(List::Clauses) {
            kept.clauses[i].move_spans(|span| span.moved(by));
        }
        // Only the clauses after the paragraphs read again count more or fewer before them.
        let (first, _, new) = spliced.items(List::Clauses);
        let sentences = spliced.added(List::Sentences);
        let tokens = spliced.added(List::Tokens);
        let paragraphs = spliced.paragraphs.len() as isize - spliced.old_paragraphs as isize;
        if (sentences, tokens, paragraphs) != (0, 0, 0) {
            for c in &mut kept.clauses[first + new..] {
                c.sentence = c.sentence.wrapping_add_signed(sentences);
                c.paragraph = c.paragraph.wrapping_add_signed(paragraphs);
                c.token = c.token.wrapping_add_signed(tokens);
                c.source_token = c.source_token.wrapping_add_signed(tokens);
            }
        }
        kept
    }

    /// Checks that the lists [`replace_placed`](Self::replace_placed) made from the last
    /// version's are the ones placing every paragraph gives (but for the clauses' speakers,
    /// which resolution sets again).
    #[cfg(debug_assertions)]
    pub fn assert_placed(&self, prose: &str, paragraphs: &[Paragraph], all: &DraftFacts) {
        let mut paragraphs = paragraphs.to_vec();
        let (mut fresh, places) = self.place(prose, &mut paragraphs, Placing::All);
        for (p, &(place, bases)) in places.iter().enumerate() {
            self.append_clauses(p, place, bases, &mut fresh);
        }
        assert_eq!(all.sentences, fresh.sentences);
        assert_eq!(all.capitalized, fresh.capitalized);
        assert_eq!(all.mid_capitals, fresh.mid_capitals);
        assert_eq!(all.clauses.len(), fresh.clauses.len());
        for (kept, placed) in all.clauses.iter().zip(&fresh.clauses) {
            let kept = Clause {
                speaker: None,
                ..kept.clone()
            };
            assert_eq!(&kept, placed);
        }
    }

    /// Whether `kept` can be the last version's lists for [`replace_placed`](Self::replace_placed):
    /// each has as many items as these facts' list had before `spliced`. Not so if the
    /// analysis that made them stopped half-way, which leaves the cache without them.
    pub fn fits(&self, kept: &Placed, spliced: &Spliced) -> bool {
        let lined_up = |list: List, len: usize| {
            let (_, old, new) = spliced.items(list);
            len.checked_sub(old).map(|l| l + new) == Some(self.list_len(list))
        };
        lined_up(List::Sentences, kept.sentences.len())
            && lined_up(List::Clauses, kept.clauses.len())
            && lined_up(List::Capitalized, kept.capitalized.len())
            && lined_up(List::MidCapitals, kept.mid_capitals.len())
    }

    /// Appends copies of paragraph `i`'s clauses, moved to its place in the draft (the facts
    /// stay as they are, for the cache).
    pub fn append_clauses(&self, i: usize, at: Place, bases: Bases, out: &mut DraftFacts) {
        let extent = &self.paragraphs[i];
        out.clauses.extend(
            self.clauses[extent.of(List::Clauses)]
                .iter()
                .map(|c| rebase_clause(c.clone(), at, bases)),
        );
    }

    /// Every paragraph's link plans ([`links::plan`]), with where its quotes, clauses and
    /// tokens begin in the draft's lists: the same as here, since the draft's lists are these
    /// put end to end.
    pub fn links(&self) -> impl Iterator<Item = (Firsts, &[LinkPlan])> {
        self.paragraphs.iter().map(|extent| {
            let first = Firsts {
                quote: extent.start(List::Quotes),
                clause: extent.start(List::Clauses),
                token: extent.start(List::Tokens),
            };
            (first, &self.links[extent.of(List::Links)])
        })
    }

    /// The matches of each trigger's pattern in every paragraph, in order, paragraph `i` at
    /// `places[i]` in the draft, borrowed from these facts: the matches of trigger `t` are the
    /// `t`th list. One pass over the paragraphs serves every pattern rule (a pass per rule
    /// was 5 % of a keystroke at 100,000 words, most paragraphs having no match at all).
    pub fn matches<'s>(
        &'s self,
        places: &'s [(Place, Bases)],
    ) -> [Vec<Found<'s>>; Trigger::ALL.len()] {
        let mut found: [Vec<Found<'s>>; Trigger::ALL.len()] = Default::default();
        for (extent, (at, _)) in self.paragraphs.iter().zip(places) {
            if extent.of(List::Matches).is_empty() {
                continue;
            }
            let groups = &self.match_groups[extent.of(List::MatchGroups)];
            for m in &self.matches[extent.of(List::Matches)] {
                found[m.trigger as usize].push(Found {
                    trigger: m.trigger,
                    offset: at.offset,
                    groups: &groups[m.groups.clone()],
                });
            }
        }
        found
    }

    /// Every paragraph's runs of capitalised words that introduce someone, paragraph `i` at
    /// `places[i]` in the draft, borrowed from these facts.
    pub fn name_runs<'s>(
        &'s self,
        places: &'s [(Place, Bases)],
    ) -> impl Iterator<Item = (usize, Introduction<&'s str>)> {
        self.paragraphs
            .iter()
            .zip(places)
            .flat_map(move |(extent, (at, _))| {
                self.name_runs[extent.of(List::NameRuns)]
                    .iter()
                    .map(move |(offset, intro)| (offset + at.offset, intro.borrowed()))
            })
    }

    /// For each paragraph (`blocks` being theirs in `prose`, as [`read`](Self::read) took
    /// them), everything it gives the draft's introductions ([`attribution::introductions`]),
    /// written out: its named sources (where they start in the paragraph, whether tentative,
    /// their words, name and role), its name runs and its words capitalised in mid-sentence.
    /// Paragraphs with the same give the draft the same introductions: the cache compares them
    /// to keep the registry without building the draft's introductions again
    /// ([`crate::reuse`]).
    pub fn introduction_inputs(&self, prose: &str, blocks: &[(Span, BlockKind)]) -> Vec<String> {
        let mut inputs = Vec::with_capacity(self.paragraphs.len());
        for (extent, &(span, _)) in self.paragraphs.iter().zip(blocks) {
            let text = span.text(prose);
            let mut out = String::new();
            for clause in &self.clauses[extent.of(List::Clauses)] {
                let name = match clause.source.kind {
                    SourceKind::Person { name, .. } => Some(name),
                    SourceKind::Organization => None,
                    _ => continue,
                };
                write_field(&mut out, &clause.source.span.start.to_string());
                write_field(&mut out, if clause.tentative { "t" } else { "" });
                write_field(&mut out, clause.source.span.text(text));
                write_optional(&mut out, name.map(|n| n.text(text)));
                write_optional(&mut out, clause.source.role.map(|r| r.text(text)));
            }
            for (offset, intro) in &self.name_runs[extent.of(List::NameRuns)] {
                write_field(&mut out, &offset.to_string());
                write_field(&mut out, &format!("{:?}", (intro.kind, intro.gender)));
                write_field(&mut out, &intro.name);
                write_optional(&mut out, intro.role.as_deref());
            }
            for word in &self.mid_capitals[extent.of(List::MidCapitals)] {
                write_field(&mut out, word.text(text));
            }
            inputs.push(out);
        }
        inputs
    }

    /// Moves every paragraph's clauses to the draft's list, paragraph `i` to `places[i]`: for
    /// facts read once and not kept, without copying their strings.
    pub fn move_clauses(&mut self, places: &[(Place, Bases)], out: &mut DraftFacts) {
        let mut clauses = self.clauses.drain(..);
        for (extent, &(at, bases)) in self.paragraphs.iter().zip(places) {
            out.clauses.extend(
                clauses
                    .by_ref()
                    .take(extent.of(List::Clauses).len())
                    .map(|c| rebase_clause(c, at, bases)),
            );
        }
    }
}

/// The lists an [`Extent`] counts in (the shapes go with the quotes, the sentences' token
/// ranges and claim kinds with the sentences); `list as usize` is its slot in [`LISTS`].
#[derive(Clone, Copy)]
enum List {
    Quotes,
    Problems,
    Sentences,
    Tokens,
    Clauses,
    Links,
    NameRuns,
    Capitalized,
    MidCapitals,
    Matches,
    MatchGroups,
}

const LISTS: [List; 11] = [
    List::Quotes,
    List::Problems,
    List::Sentences,
    List::Tokens,
    List::Clauses,
    List::Links,
    List::NameRuns,
    List::Capitalized,
    List::MidCapitals,
    List::Matches,
    List::MatchGroups,
];

// `LISTS` is in the order of `List`'s variants: `list as usize` is a list's slot in it.
const _: () = {
    let mut i = 0;
    while i < LISTS.len() {
        assert!(LISTS[i] as usize == i);
        i += 1;
    }
};

impl Extent {
    /// Its items in `list`.
    fn of(&self, list: List) -> Range<usize> {
        self.ranges[list as usize].clone()
    }

    /// Where its items in `list` begin.
    fn start(&self, list: List) -> usize {
        self.ranges[list as usize].start
    }

    fn range(&mut self, list: List) -> &mut Range<usize> {
        &mut self.ranges[list as usize]
    }
}

impl ParagraphFacts {
    /// How many paragraphs these are the facts of.
    pub fn paragraph_count(&self) -> usize {
        self.paragraphs.len()
    }

    fn list_len(&self, list: List) -> usize {
        match list {
            List::Quotes => self.quotes.len(),
            List::Problems => self.problems.len(),
            List::Sentences => self.sentences.len(),
            List::Tokens => self.tokens.len(),
            List::Clauses => self.clauses.len(),
            List::Links => self.links.len(),
            List::NameRuns => self.name_runs.len(),
            List::Capitalized => self.capitalized.len(),
            List::MidCapitals => self.mid_capitals.len(),
            List::Matches => self.matches.len(),
            List::MatchGroups => self.match_groups.len(),
        }
    }

    /// Where paragraph `i`'s share of `list` begins (the list's end past the last paragraph).
    fn first_of(&self, i: usize, list: List) -> usize {
        self.paragraphs
            .get(i)
            .map_or(self.list_len(list), |e| e.start(list))
    }

    /// Puts the paragraphs of `new` in place of paragraphs `replaced`. The paragraphs before
    /// and after keep their facts where they are: every fact counts from its own paragraph's
    /// start, so only their share of each list moves (a keystroke touches one paragraph's
    /// facts, not the whole draft's). Says what it replaced, for [`replace_placed`](Self::replace_placed).
    pub fn splice(&mut self, replaced: Range<usize>, mut new: ParagraphFacts) -> Spliced {
        let mut spliced = Spliced {
            paragraphs: replaced.start..replaced.start + new.paragraphs.len(),
            old_paragraphs: replaced.len(),
            items: [(0, 0, 0); LISTS.len()],
        };
        // For each list, the items replaced: where they begin, and how many more there are now.
        let mut moved = [(0usize, 0isize); LISTS.len()];
        for (k, &list) in LISTS.iter().enumerate() {
            let items = self.first_of(replaced.start, list)..self.first_of(replaced.end, list);
            let added = new.list_len(list) as isize - items.len() as isize;
            moved[k] = (items.start, added);
            spliced.items[k] = (items.start, items.len(), new.list_len(list));
            match list {
                List::Quotes => {
                    self.shapes.splice(items.clone(), new.shapes.drain(..));
                    self.quotes.splice(items, new.quotes.drain(..));
                }
                List::Problems => drop(self.problems.splice(items, new.problems.drain(..))),
                List::Sentences => {
                    self.sentence_tokens
                        .splice(items.clone(), new.sentence_tokens.drain(..));
                    self.checkworthy
                        .splice(items.clone(), new.checkworthy.drain(..));
                    self.sentences.splice(items, new.sentences.drain(..));
                }
                List::Tokens => drop(self.tokens.splice(items, new.tokens.drain(..))),
                List::Clauses => drop(self.clauses.splice(items, new.clauses.drain(..))),
                List::Links => drop(self.links.splice(items, new.links.drain(..))),
                List::NameRuns => drop(self.name_runs.splice(items, new.name_runs.drain(..))),
                List::Capitalized => {
                    drop(self.capitalized.splice(items, new.capitalized.drain(..)))
                }
                List::MidCapitals => {
                    drop(self.mid_capitals.splice(items, new.mid_capitals.drain(..)))
                }
                List::Matches => drop(self.matches.splice(items, new.matches.drain(..))),
                List::MatchGroups => {
                    drop(self.match_groups.splice(items, new.match_groups.drain(..)))
                }
            }
        }
        let shift = |range: &mut Range<usize>, by: isize| {
            *range = range.start.saturating_add_signed(by)..range.end.saturating_add_signed(by);
        };
        for extent in &mut new.paragraphs {
            for (k, &list) in LISTS.iter().enumerate() {
                shift(extent.range(list), moved[k].0 as isize);
            }
        }
        // Only the lists whose share changed in length move: typing inside a word changes none.
        let changed: Vec<(List, isize)> = (LISTS.iter().zip(&moved))
            .filter(|&(_, &(_, added))| added != 0)
            .map(|(&list, &(_, added))| (list, added))
            .collect();
        if !changed.is_empty() {
            for extent in &mut self.paragraphs[replaced.end..] {
                for &(list, added) in &changed {
                    shift(extent.range(list), added);
                }
            }
        }
        self.paragraphs.splice(replaced, new.paragraphs);
        spliced
    }
}

/// Appends `field` to `out` so that no two lists of fields write the same: its length first.
fn write_field(out: &mut String, field: &str) {
    out.push_str(&field.len().to_string());
    out.push(':');
    out.push_str(field);
}

/// [`write_field`] for a field that may be absent, written `-` (a field starts with a digit).
fn write_optional(out: &mut String, field: Option<&str>) {
    match field {
        Some(field) => write_field(out, field),
        None => out.push('-'),
    }
}

fn whole(text: &str) -> Span {
    Span::new(0, text.len())
}

fn rebase_clause(mut c: Clause, at: Place, bases: Bases) -> Clause {
    c.move_spans(|span| span.shifted(at.offset));
    c.sentence += bases.sentence;
    c.paragraph = at.paragraph;
    c.token += bases.token;
    c.source_token += bases.token;
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_sources_name_ends_are_read_with_its_paragraph() {
        // The clause's spans count from its paragraph's start, after curly quotes.
        let prose = "A brief.\n\n“We won,” said Mayor Maria Delgado Jr.";
        let start = prose.find('“').unwrap();
        let blocks = [(Span::new(start, prose.len()), BlockKind::Text)];
        let facts = ParagraphFacts::read(prose, &blocks, &[]);
        let paragraph = &prose[start..];
        let (name, ends) = facts
            .clauses
            .iter()
            .find_map(|c| match c.source.kind {
                SourceKind::Person { name, ends } => Some((name, ends)),
                _ => None,
            })
            .expect("a named source");
        let name = strip_possessive(name.text(paragraph));
        assert_eq!(name, "Maria Delgado Jr.");
        let words = ends.and_then(|ends| ends.words(name));
        assert_eq!(words, Some((Some("Maria"), "Delgado")));
    }

    #[test]
    fn mid_sentence_capitals_are_the_capitalised_words_after_a_sentences_first() {
        // A sentence's first word is capitalised whatever it is; a possessive is cut off its
        // name; capitals outside ASCII count, emoji and a quotation do not.
        let prose =
            "Ana met Éloïse Ruiz’s aide 😀 and Bob. Then the Council voted; “Yes,” said Zoë.";
        let blocks = [(Span::new(0, prose.len()), BlockKind::Text)];
        let facts = ParagraphFacts::read(prose, &blocks, &[]);
        let capitals: Vec<&str> = facts.mid_capitals.iter().map(|s| s.text(prose)).collect();
        assert_eq!(capitals, ["Éloïse", "Ruiz", "Bob", "Council", "Zoë"]);
    }

    proptest::proptest! {
        /// The words capitalised in mid-sentence and the name runs, read from the capitalised
        /// words found once, are those of reading every token of every sentence: names with
        /// particles, honorifics, titles, months, possessives, capitals outside ASCII, quotes.
        #[test]
        fn mid_capitals_and_name_runs_are_those_every_token_gives(
            words in proptest::collection::vec(
                "(Ana|Ruiz|de|van|May|March|The|the|Mr\\.|Dr\\.|President|Police|Chief|\
                  spokesperson|owner|,|64|a|who|said|“Hi there,”|\"No\"|\\.|Éloïse|Zoë’s|\
                  O’Brien|U\\.S\\.|AT&T|😀|—|\n)",
                0..40,
            )
        ) {
            let prose = words.join(" ");
            let blocks = [(whole(&prose), BlockKind::Text)];
            let facts = ParagraphFacts::read(&prose, &blocks, &[]);
            let mut mid_capitals = Vec::new();
            for range in &facts.sentence_tokens {
                for t in facts.tokens[range.clone()].iter().skip(1) {
                    if t.is_word() && t.is_capitalized(&prose) {
                        let stem = tokens::strip_possessive(t.text(&prose));
                        mid_capitals.push(Span::new(t.span.start, t.span.start + stem.len()));
                    }
                }
            }
            proptest::prop_assert_eq!(&facts.mid_capitals, &mid_capitals);
            let mut name_runs = Vec::new();
            attribution::name_runs_at_every_token(
                &prose,
                &facts.tokens,
                &facts.sentence_tokens,
                &mut name_runs,
            );
            proptest::prop_assert_eq!(&facts.name_runs, &name_runs);
        }
    }
}
