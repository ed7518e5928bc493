//! Who said it. The sieves that give each quote its source, in the order they are tried:
//!
//! 1. **Trailing**: `“Q,” X said.` / `“Q,” said X, a spokesperson for Y.` / `“Q” …, he said.`
//! 2. **Leading**: `X said: “Q”`, `X said that … “Q”`, `X described it as “Q”`, `calling it “Q”`.
//! 3. **According to**: `… “Q” …, according to X.`
//! 4. **Same paragraph**: `“A,” he said. “B.”`: a quote with no clause of its own takes the
//!    speaker of another quote in its paragraph.
//! 5. **Adjacent**: a quote beside a sentence whose attribution clause names a speaker.
//! 6. **Continuation**: the paragraphs of an AP running quotation share one speaker.
//!
//! Sources are resolved to speakers in document order: names to the registry's entities,
//! pronouns to the nearest compatible person named outside quotes (preferring the paragraph's
//! speaker), role references ("the U.S. president") to the person with that role, "the
//! statement" to whoever issued the last statement, anonymous descriptions to new anonymous
//! sources.

pub mod clauses;
pub mod links;
pub mod source;
pub mod tokens;

use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;

use self::clauses::Clause;
use self::links::{Firsts, LinkPlan};
use self::source::{Reader, SourceKind};
use self::tokens::{Tok, Token};
use crate::draft::{BlockKind, Draft};
use crate::lexicon::{
    CALENDAR, FUNCTION_WORDS, HONORIFICS, NAME_PARTICLES, ORG_HEADS, RANK_QUALIFIERS, Sketch,
    TITLE_HEADS,
};
use crate::model::{Attribution, MentionKind, Quote, Sieve, Span, SpeakerId, SpeakerKind};
use crate::speakers::{Gender, Introduction, MentionIndex, Registry, Unchanged};
use crate::timings::Stopwatch;

/// What attribution learned, for the rules and claims to read.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    /// Every attribution clause, in document order, with its resolved speaker.
    pub clauses: Vec<Clause>,
    /// For each quote, the clause that attributes it (directly or through another quote).
    pub quote_clause: Vec<Option<usize>>,
    /// For each clause, whether some quote takes its attribution from it.
    pub clause_linked: Vec<bool>,
    /// The capitalised words of the prose, in order: where names can be.
    pub capitalized: Vec<Span>,
    /// The capitalised words after their sentence's first token, without a possessive ending.
    pub mid_capitals: Vec<Span>,
}

impl Facts {
    /// The clause attributes words to its source: a quote, or reported speech ("said the
    /// vote would wait"), not an aside ("when a student asked about the budget").
    pub fn attributes_words(&self, clause: usize) -> bool {
        !self.clauses[clause].weak || self.clause_linked.get(clause).copied().unwrap_or(false)
    }

    /// The clauses of a sentence.
    pub fn clauses_in_sentence(&self, sentence: usize) -> impl Iterator<Item = (usize, &Clause)> {
        let start = self.clauses.partition_point(|c| c.sentence < sentence);
        self.clauses[start..]
            .iter()
            .enumerate()
            .take_while(move |(_, c)| c.sentence == sentence)
            .map(move |(i, c)| (start + i, c))
    }
}

/// Attributes `quotes` with the clauses in `facts` and the paragraphs' link plans (`links`,
/// see [`links::apply`]), finding the mentions of the people in `registry` (built from [`introductions`]) with its
/// `index` (which takes over what its last scan found in the paragraphs `unchanged` says are
/// the same), timing its steps on `watch`. `titles` tells which quotes are titles (see
/// [`title_case`]), which nobody says. Gives back the registry (its speakers with their
/// mentions and variant spellings) and the facts, with the clauses' speakers and the quotes'
/// links.
pub fn attribute<'p>(
    draft: &Draft,
    quotes: &mut [Quote],
    titles: &[bool],
    (mut facts, links): (Facts, impl Iterator<Item = (Firsts, &'p [LinkPlan])>),
    mut registry: Registry,
    (index, unchanged): (&mut MentionIndex, Option<Unchanged>),
    watch: &mut Stopwatch,
) -> (Registry, Facts) {
    let prose = draft.prose.as_str();
    let quote_spans: Vec<Span> = quotes.iter().map(|q| q.span).collect();
    // The mentions are asked about in document order, mostly: the quote the last one was in
    // or before is where to look first.
    let mut near = 0;
    let in_quote = |at: usize| {
        let fits = |i: usize| {
            (i == 0 || quote_spans[i - 1].end <= at)
                && quote_spans.get(i).is_none_or(|q| q.end > at)
        };
        near = if fits(near) {
            near
        } else if near < quote_spans.len() && fits(near + 1) {
            near + 1
        } else {
            quote_spans.partition_point(|q| q.end <= at)
        };
        quote_spans.get(near).is_some_and(|q| q.start <= at)
    };
    let paragraphs: Vec<Span> = draft.paragraphs.iter().map(|p| p.span).collect();
    let capitalized = &facts.capitalized;
    let timeline =
        registry.scan_mentions(index, prose, &paragraphs, capitalized, unchanged, in_quote);
    watch.lap("mentions");

    let mut resolver = Resolver::new(draft, registry, timeline, facts.clauses.len());
    for c in 0..facts.clauses.len() {
        let speaker = resolver.resolve(prose, &facts.clauses[c]);
        facts.clauses[c].speaker = speaker;
    }
    watch.lap("resolution");

    facts.quote_clause = vec![None; quotes.len()];
    links::apply(links, quotes, &mut facts);
    watch.lap("linking");
    propagate(draft, quotes, titles, &mut facts);
    watch.lap("propagation");
    facts.clause_linked = vec![false; facts.clauses.len()];
    for c in facts.quote_clause.iter().flatten() {
        facts.clause_linked[*c] = true;
    }
    for (q, quote) in quotes.iter_mut().enumerate() {
        if let Some(c) = facts.quote_clause[q] {
            let clause = &facts.clauses[c];
            let sieve = quote
                .attribution
                .as_ref()
                .map_or(Sieve::Trailing, |a| a.sieve);
            quote.attribution = Some(Attribution {
                speaker: clause.speaker,
                source: clause.source.span,
                cue: Some(clause.cue),
                sieve,
            });
        }
    }
    watch.lap("attributions");
    (resolver.registry, facts)
}

/// People and organisations as the draft introduces them, in document order: the sources of
/// its clauses, and the runs of capitalised words found by [`name_runs`] (given at their draft
/// offsets, in document order).
pub fn introductions<'a>(
    prose: &'a str,
    facts: &Facts,
    name_runs: impl Iterator<Item = (usize, Introduction<&'a str>)>,
) -> Vec<Introduction<&'a str>> {
    let mut found: Vec<(usize, Introduction<&str>)> = Vec::new();
    let text = |span: Span| span.text(prose);
    // A one-word subject that may be a verb ("Check out…") counts as a name only if the draft
    // also capitalises it in mid-sentence, where only names are capitalised.
    let tentative_word = |clause: &Clause| match clause.source.kind {
        SourceKind::Person { name, .. } if clause.tentative => {
            let word = tokens::strip_possessive(name.text(prose));
            (!source::is_proper_adjective(word)).then_some(word)
        }
        _ => None,
    };
    let tentative: Vec<&str> = facts.clauses.iter().filter_map(tentative_word).collect();
    let mid_sentence = capitalised_mid_sentence(prose, &facts.mid_capitals, &tentative);
    let is_name = |clause: &&Clause| {
        !clause.tentative
            || match clause.source.kind {
                SourceKind::Person { .. } => {
                    tentative_word(clause).is_some_and(|word| mid_sentence.contains(word))
                }
                _ => true,
            }
    };
    for clause in facts.clauses.iter().filter(is_name) {
        match &clause.source.kind {
            SourceKind::Person { name, .. } => {
                let gender = honorific_gender(prose, clause.source.span);
                found.push((
                    clause.source.span.start,
                    Introduction {
                        name: text(*name),
                        role: clause.source.role.map(text),
                        kind: SpeakerKind::Person,
                        gender,
                    },
                ));
            }
            SourceKind::Organization => {
                found.push((
                    clause.source.span.start,
                    Introduction {
                        name: text(clause.source.span),
                        role: None,
                        kind: SpeakerKind::Organization,
                        gender: None,
                    },
                ));
            }
            _ => {}
        }
    }
    found.extend(name_runs);
    found.sort_by_key(|(at, _)| *at);
    found.into_iter().map(|(_, intro)| intro).collect()
}

/// Which of `words` the draft capitalises in mid-sentence (`mid_capitals`), in one pass over
/// those: a draft has a few such words to ask about and, when long, tens of thousands of
/// capitalised words, so a set of all of them (built on every keystroke) cost more than the
/// question. A capital of a length no word has is passed over without being hashed.
fn capitalised_mid_sentence<'a>(
    prose: &'a str,
    mid_capitals: &[Span],
    words: &[&'a str],
) -> HashSet<&'a str> {
    let mut found = HashSet::default();
    if words.is_empty() {
        return found;
    }
    let wanted: HashSet<&str> = words.iter().copied().collect();
    let length_bit = |len: usize| 1u64 << len.min(63);
    let lengths = words.iter().fold(0, |bits, w| bits | length_bit(w.len()));
    for span in mid_capitals {
        if lengths & length_bit(span.len()) != 0
            && let Some(&word) = wanted.get(span.text(prose))
        {
            found.insert(word);
            if found.len() == wanted.len() {
                break;
            }
        }
    }
    found
}

/// Adds to `found` the people introduced by runs of capitalised words in the sentences
/// `sentence_tokens` of `toks` ("Russian President Vladimir Putin", "Mr. Kline", "Luis
/// Ferreira, 64,"), with the offset of each run. `capitals` are the indexes of the capitalised
/// words among `toks`, in order: a run is looked for only where they are, not at every token
/// (about one in seven).
pub fn name_runs(
    prose: &str,
    toks: &[Token],
    sentence_tokens: &[Range<usize>],
    capitals: &[usize],
    found: &mut Vec<(usize, Introduction)>,
) {
    let mut next = 0;
    for range in sentence_tokens {
        let reader = Reader { prose, toks };
        // The sentence's capitalised words, counted from its first token.
        while capitals.get(next).is_some_and(|&k| k < range.start) {
            next += 1;
        }
        let first = next;
        while capitals.get(next).is_some_and(|&k| k < range.end) {
            next += 1;
        }
        let capitals = &capitals[first..next];
        let toks = &toks[range.clone()];
        // Whether token `k` is a capitalised word of a name: `capitals[*c]` is the first of
        // the sentence's capitalised words not before it (the tokens are asked about in order).
        let name_word = |k: usize, c: &mut usize| {
            while capitals.get(*c).is_some_and(|&at| at - range.start < k) {
                *c += 1;
            }
            capitals.get(*c).is_some_and(|&at| at - range.start == k)
                && !CALENDAR.contains(&toks[k].text(prose))
        };
        let mut c = 0;
        while let Some(&at) = capitals.get(c) {
            let i = at - range.start;
            if !name_word(i, &mut c) {
                c += 1;
                continue;
            }
            let mut j = i;
            while name_word(j + 1, &mut c)
                || toks
                    .get(j + 1)
                    .is_some_and(|t| NAME_PARTICLES.contains(&t.text(prose)))
                    && name_word(j + 2, &mut c)
            {
                j += 1;
            }
            found.extend(run_introduction(prose, toks, i, j, &reader, range.start));
            // On to the first capitalised word after the run.
            while capitals.get(c).is_some_and(|&at| at - range.start <= j) {
                c += 1;
            }
        }
    }
}

/// [`name_runs`] as it was, asking of every token whether it is a capitalised word of a name:
/// the oracle of the reading from the capitalised words.
#[cfg(test)]
pub(crate) fn name_runs_at_every_token(
    prose: &str,
    toks: &[Token],
    sentence_tokens: &[Range<usize>],
    found: &mut Vec<(usize, Introduction)>,
) {
    for range in sentence_tokens {
        let reader = Reader { prose, toks };
        let toks = &toks[range.clone()];
        let mut i = 0;
        while i < toks.len() {
            let name_word = |k: usize| {
                toks.get(k).is_some_and(|t| {
                    t.kind == Tok::Word
                        && t.is_capitalized(prose)
                        && !CALENDAR.contains(&t.text(prose))
                })
            };
            if !name_word(i) {
                i += 1;
                continue;
            }
            let mut j = i;
            while name_word(j + 1)
                || toks
                    .get(j + 1)
                    .is_some_and(|t| NAME_PARTICLES.contains(&t.text(prose)))
                    && name_word(j + 2)
            {
                j += 1;
            }
            found.extend(run_introduction(prose, toks, i, j, &reader, range.start));
            i = j + 1;
        }
    }
}

/// What the run of capitalised words `toks[i..=j]` introduces, if anything, with the offset
/// of its first word once the function words it starts with are left out ("The", but not an
/// honorific such as "Mr.").
fn run_introduction(
    prose: &str,
    toks: &[Token],
    i: usize,
    j: usize,
    reader: &Reader,
    offset: usize,
) -> Option<(usize, Introduction)> {
    let mut start = i;
    while start <= j
        && FUNCTION_WORDS.contains(&toks[start].text(prose))
        && !HONORIFICS.contains(&toks[start].text(prose))
    {
        start += 1;
    }
    if start > j {
        return None;
    }
    let intro = introduce_run(prose, toks, start, j, reader, offset)?;
    Some((toks[start].span.start, intro))
}

/// A run of capitalised words `toks[i..=j]` that introduces a person: a title before a name,
/// role words before it, an honorific, or an appositive after it.
fn introduce_run(
    prose: &str,
    toks: &[Token],
    i: usize,
    j: usize,
    reader: &Reader,
    offset: usize,
) -> Option<Introduction> {
    let word = |k: usize| toks[k].text(prose);
    // Cheapest first: a byte loop, then one sketch of the four lists, which passes over
    // nearly every name without a look in each.
    let is_plain_name = |k: usize| {
        let w = word(k);
        !w.bytes().any(|b| b == b'.')
            && (!titles_orgs_function_words_honorifics().may_contain(w)
                || !TITLE_HEADS.contains(&w)
                    && !ORG_HEADS.contains(&w)
                    && !FUNCTION_WORDS.contains(&w)
                    && !HONORIFICS.contains(&w))
    };
    if ORG_HEADS.contains(&tokens::strip_possessive(word(j))) {
        return None;
    }
    let join = |a: usize, b: usize| tokens::one_space_apart(prose, &toks[a..=b]);
    // "Russian President Vladimir Putin", "Commissioner Garcia".
    if let Some(t) = (i..j).rev().find(|&k| TITLE_HEADS.contains(&word(k))) {
        let mut n = t + 1;
        while n <= j && HONORIFICS.contains(&word(n)) {
            n += 1;
        }
        if n <= j && (n..=j).all(is_plain_name) && j - n < 4 {
            let mut from = i;
            while from < t && HONORIFICS.contains(&word(from)) {
                from += 1;
            }
            let name = tokens::strip_possessive(&join(n, j)).to_string();
            return Some(Introduction {
                name,
                role: Some(join(from, t).into_owned()),
                kind: SpeakerKind::Person,
                gender: None,
            });
        }
        return None;
    }
    // "Mr. Kline", "Ms. Ruiz".
    if HONORIFICS.contains(&word(i)) && i < j && (i + 1..=j).all(is_plain_name) {
        let gender = if word(i) == "Mr." {
            Some(Gender::Male)
        } else if word(i) == "Mx." {
            None
        } else {
            Some(Gender::Female)
        };
        let name = tokens::strip_possessive(&join(i + 1, j)).to_string();
        return Some(Introduction {
            name,
            role: None,
            kind: SpeakerKind::Person,
            gender,
        });
    }
    if j == i || !(i..=j).all(is_plain_name) || j - i > 3 {
        return None;
    }
    let name = tokens::strip_possessive(&join(i, j)).to_string();
    // "his special envoy Steve Witkoff".
    if let Some(from) = reader.role_words_before(offset + i, offset) {
        let role = Span::new(reader.toks[from].span.start, toks[i - 1].span.end)
            .text(prose)
            .to_string();
        return Some(Introduction {
            name,
            role: Some(role),
            kind: SpeakerKind::Person,
            gender: None,
        });
    }
    // "The team's owner, Marcus Hale, …": role words, a comma, the name.
    if i >= 2
        && toks[i - 1].is_punct(',')
        && toks[i - 2].is_word()
        && crate::lexicon::ROLE_NOUNS.contains(&word(i - 2).to_lowercase().as_str())
    {
        let from = reader
            .role_words_before(offset + i - 1, offset)
            .map_or(i - 2, |f| f - offset);
        let from = from.min(i - 2);
        let role = Span::new(toks[from].span.start, toks[i - 2].span.end)
            .text(prose)
            .to_string();
        return Some(Introduction {
            name,
            role: Some(role),
            kind: SpeakerKind::Person,
            gender: None,
        });
    }
    // "Luis Ferreira, 64, …", "Rebecca Liu, a spokesperson for …".
    if toks.get(j + 1).is_some_and(|t| t.is_punct(',')) {
        let next = toks.get(j + 2);
        let age = next.is_some_and(|t| t.kind == Tok::Number)
            && toks.get(j + 3).is_some_and(|t| t.is_punct(','));
        let appositive =
            next.is_some_and(|t| matches!(t.text(prose), "a" | "an" | "the" | "who" | "whose"));
        if age || appositive {
            return Some(Introduction {
                name,
                role: None,
                kind: SpeakerKind::Person,
                gender: None,
            });
        }
    }
    None
}

/// The words of the four lists a plain name is none of. 4,096 bits: about 420 words leave
/// one bit in 10 set, where 1,024 would leave one in 3.
fn titles_orgs_function_words_honorifics() -> &'static Sketch<64> {
    static SKETCH: std::sync::OnceLock<Sketch<64>> = std::sync::OnceLock::new();
    SKETCH.get_or_init(|| {
        Sketch::of(
            [&TITLE_HEADS, &ORG_HEADS, &FUNCTION_WORDS, &HONORIFICS]
                .into_iter()
                .flat_map(|list| list.iter().copied()),
        )
    })
}

fn honorific_gender(prose: &str, span: Span) -> Option<Gender> {
    let text = span.text(prose);
    if text.starts_with("Mr.") {
        Some(Gender::Male)
    } else if text.starts_with("Ms.") || text.starts_with("Mrs.") || text.starts_with("Miss ") {
        Some(Gender::Female)
    } else {
        None
    }
}

/// Resolves sources to speakers in document order.
struct Resolver<'d> {
    draft: &'d Draft<'d>,
    registry: Registry,
    /// Mentions outside quotes, by offset: who was last named before a point.
    timeline: Vec<(usize, SpeakerId)>,
    /// Sources resolved so far (pronouns and role references too), in order.
    resolved: Vec<(usize, SpeakerId, usize)>,
    last_statement: Option<SpeakerId>,
    /// The candidates of a role reference, with where each was last seen: a list kept for
    /// the next reference (see [`Resolver::role`]).
    seen: Vec<(usize, SpeakerId)>,
}

impl<'d> Resolver<'d> {
    /// A resolver over `registry`, whose mentions outside quotes are `timeline` (by where they
    /// start, as [`Registry::scan_mentions`] gives them), for `clauses` clauses.
    fn new(
        draft: &'d Draft<'d>,
        registry: Registry,
        timeline: Vec<(usize, SpeakerId)>,
        clauses: usize,
    ) -> Resolver<'d> {
        Resolver {
            draft,
            registry,
            timeline,
            // At most one per clause: room for all, not a list copied as it grows.
            resolved: Vec::with_capacity(clauses),
            last_statement: None,
            seen: Vec::new(),
        }
    }

    fn resolve(&mut self, prose: &str, clause: &Clause) -> Option<SpeakerId> {
        let at = clause.source.span.start;
        let text = clause.source.span.text(prose);
        let id = match &clause.source.kind {
            SourceKind::Person { name, ends } if clause.tentative => {
                let name = tokens::strip_possessive(name.text(prose));
                match ends.and_then(|ends| ends.words(name)) {
                    Some((first, last)) => self.registry.existing_person_with(first, last),
                    None => self.registry.existing_person(name),
                }
            }
            SourceKind::Person { name, ends } => {
                let name = tokens::strip_possessive(name.text(prose));
                let role = clause.source.role.map(|r| r.text(prose));
                let id = match ends.and_then(|ends| ends.words(name)) {
                    Some(words) => self.registry.person_with(name, words, role, None),
                    None => self.registry.person(name, role, None),
                };
                Some(id)
            }
            SourceKind::Organization => Some(self.registry.organization(text)),
            SourceKind::Pronoun => {
                let pronoun = text.to_lowercase();
                let id = self.pronoun(&pronoun, at, clause.paragraph);
                if let Some(id) = id {
                    let gender = match pronoun.as_str() {
                        "he" => Some(Gender::Male),
                        "she" => Some(Gender::Female),
                        _ => None,
                    };
                    if self.registry.info[id].gender.is_none() {
                        self.registry.info[id].gender = gender;
                    }
                    self.registry
                        .add_mention(id, clause.source.span, MentionKind::Pronoun, false);
                }
                id
            }
            SourceKind::RoleRef { head } => {
                let id = self.role(head, text, at).unwrap_or_else(|| {
                    if crate::lexicon::ANONYMOUS_HEADS.contains(&head.as_str()) {
                        self.registry.anonymous(text, head)
                    } else {
                        self.registry.person(text, Some(head), None)
                    }
                });
                self.registry
                    .add_mention(id, clause.source.span, MentionKind::Role, false);
                Some(id)
            }
            SourceKind::Statement => {
                let id = self.last_statement.or_else(|| {
                    self.recent(at, clause.paragraph, |k| k != SpeakerKind::Document, None)
                });
                let id = id.unwrap_or_else(|| self.registry.document(text));
                self.registry
                    .add_mention(id, clause.source.span, MentionKind::Role, false);
                Some(id)
            }
            SourceKind::Anonymous { head, .. } => {
                let id = self.registry.anonymous(text, head);
                self.registry
                    .add_mention(id, clause.source.span, MentionKind::Description, false);
                Some(id)
            }
            SourceKind::Document => {
                let id = self.registry.document(text);
                self.registry
                    .add_mention(id, clause.source.span, MentionKind::Description, false);
                Some(id)
            }
            SourceKind::Group => None,
        };
        if let Some(id) = id {
            self.resolved.push((at, id, clause.paragraph));
            if clause.statement {
                self.last_statement = Some(id);
            }
        }
        id
    }

    /// he/she/they/it: the paragraph's last speaker if compatible, else the nearest compatible
    /// person or organisation named outside quotes in this or the previous paragraphs.
    fn pronoun(&self, pronoun: &str, at: usize, paragraph: usize) -> Option<SpeakerId> {
        let gender = match pronoun {
            "he" => Some(Gender::Male),
            "she" => Some(Gender::Female),
            _ => None,
        };
        let kinds: &[SpeakerKind] = match pronoun {
            "it" => &[SpeakerKind::Organization, SpeakerKind::Document],
            "they" => &[
                SpeakerKind::Organization,
                SpeakerKind::Anonymous,
                SpeakerKind::Person,
            ],
            "we" => &[SpeakerKind::Organization, SpeakerKind::Person],
            _ => &[SpeakerKind::Person, SpeakerKind::Anonymous],
        };
        let ok = |kind: SpeakerKind| kinds.contains(&kind);
        // The paragraph's own speaker first: "“A,” Roe said … “B,” she said."
        // `resolved` is in document order, so the paragraph's entries are at its end.
        if let Some(&(_, id, _)) = self
            .resolved
            .iter()
            .rev()
            .take_while(|(_, _, p)| *p >= paragraph)
            .find(|(pos, _, p)| *p == paragraph && *pos < at)
        {
            let info = &self.registry.info[id];
            if ok(self.registry.speakers[id].kind)
                && (gender.is_none() || info.gender.is_none() || info.gender == gender)
            {
                return Some(id);
            }
        }
        self.recent(at, paragraph, ok, gender)
    }

    /// The speaker named (or resolved) most recently before `at`, within three paragraphs.
    fn recent(
        &self,
        at: usize,
        paragraph: usize,
        ok: impl Fn(SpeakerKind) -> bool,
        gender: Option<Gender>,
    ) -> Option<SpeakerId> {
        let floor = self.draft.paragraphs[paragraph.saturating_sub(3)]
            .span
            .start;
        let fits = |id: SpeakerId| {
            let info = &self.registry.info[id];
            ok(self.registry.speakers[id].kind)
                && (gender.is_none() || info.gender.is_none() || info.gender == gender)
        };
        let named = self.timeline[..self.timeline.partition_point(|(pos, _)| *pos < at)]
            .iter()
            .rev()
            .take_while(|(pos, _)| *pos >= floor)
            .find(|(_, id)| fits(*id))
            .copied();
        let resolved = self
            .resolved
            .iter()
            .rev()
            // In document order: stop at the floor's paragraph instead of walking back to the
            // start of a long draft.
            .take_while(|(_, _, p)| *p + 3 >= paragraph)
            .filter(|(pos, _, _)| *pos < at && *pos >= floor)
            .find(|(_, id, _)| fits(*id))
            .map(|&(pos, id, _)| (pos, id));
        match (named, resolved) {
            (Some(a), Some(b)) => Some(if a.0 >= b.0 { a.1 } else { b.1 }),
            (a, b) => a.or(b).map(|(_, id)| id),
        }
    }

    /// "the U.S. president": the person whose role has this head and these modifiers; "the
    /// official": the last anonymous source with that head.
    fn role(&mut self, head: &str, text: &str, at: usize) -> Option<SpeakerId> {
        let modifiers: Vec<String> = text
            .split_whitespace()
            .skip(1)
            .map(|w| w.to_lowercase())
            .filter(|w| w != head && !matches!(w.as_str(), "the" | "a" | "an"))
            .collect();
        // Everyone with that role word, by where they were last seen before `at`, latest first
        // (the lower id first among equals): the first whose role matches is the one meant. A
        // long draft has hundreds of officials, and comparing roles is the costly part; the
        // first one taken nearly always matches, so the latest few are picked out one at a
        // time, and only after as many misses is the rest put in order.
        let mut seen = std::mem::take(&mut self.seen);
        seen.clear();
        seen.extend(
            self.registry
                .role_candidates(head)
                .iter()
                .filter_map(|&id| {
                    let mentions = &self.registry.speakers[id].mentions;
                    // Mentions are sorted by start.
                    let before = mentions.partition_point(|m| m.span.start < at);
                    Some((mentions[before.checked_sub(1)?].span.start, id))
                }),
        );
        let latest_first =
            |a: &(usize, SpeakerId), b: &(usize, SpeakerId)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        let mut found = None;
        for _ in 0..ROLE_PICKS {
            let Some(next) = (0..seen.len()).min_by(|&i, &j| latest_first(&seen[i], &seen[j]))
            else {
                break;
            };
            let (_, id) = seen.swap_remove(next);
            if self.has_role(id, head, &modifiers) {
                found = Some(id);
                break;
            }
        }
        if found.is_none() && !seen.is_empty() {
            seen.sort_unstable_by(latest_first);
            found = seen
                .iter()
                .map(|&(_, id)| id)
                .find(|&id| self.has_role(id, head, &modifiers));
        }
        self.seen = seen;
        found
    }

    /// Whether `id` is the one "the \[modifiers\] head" names: an anonymous source with that head
    /// noun, or a person whose role has the head word and every modifier, and no rank the
    /// reference does not give ("the mayor" is not the Deputy Mayor).
    fn has_role(&self, id: SpeakerId, head: &str, modifiers: &[String]) -> bool {
        let speaker = &self.registry.speakers[id];
        match speaker.kind {
            SpeakerKind::Anonymous => self.registry.info[id].head.as_deref() == Some(head),
            SpeakerKind::Person => speaker.role.as_ref().is_some_and(|role| {
                let role = role.to_lowercase();
                let mut words = role.split(|c: char| !c.is_alphanumeric() && c != '.');
                words.clone().any(|w| w == head)
                    && modifiers.iter().all(|m| role.contains(m.as_str()))
                    && !words
                        .any(|w| RANK_QUALIFIERS.contains(&w) && !modifiers.iter().any(|m| m == w))
            }),
            _ => false,
        }
    }
}

/// How many of a role reference's candidates are picked out latest first, one at a time,
/// before the rest are sorted (see `Resolver::role`).
const ROLE_PICKS: usize = 4;

/// The words after a one-word subject look like a verb phrase ("Trump is promising", "Reid
/// has gone", "Clinton cited"), not an imperative or a noun ("Check out the trailer").
pub(crate) fn verb_follows(prose: &str, tokens: &[tokens::Token], at: usize) -> bool {
    const AUXILIARIES: &[&str] = &[
        "is", "was", "has", "had", "have", "will", "would", "can", "could", "did", "does", "may",
        "might", "should", "must", "then", "also", "again", "later", "once",
    ];
    tokens[at..].iter().take(2).any(|t| {
        let w = t.text(prose);
        t.is_word()
            && w.chars().all(|c| c.is_lowercase())
            && (AUXILIARIES.contains(&w)
                || w.len() > 3 && (w.ends_with("ed") || w.ends_with('s') && !w.ends_with("ss")))
    })
}

/// A title or name in quote marks, which no one says: the song “American Skin”.
/// “Keepin' It Real”, “Contract with America.”: a name or title in Title Case. A quote is taken
/// for a title (which nobody says) when it is in Title Case or [`crate::quotes::kinds`] finds
/// it one by the words before it.
pub fn title_case(inner: &str) -> bool {
    // Word by word, stopping early: a long quote is never a title.
    let mut count = 0;
    let words = inner
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty());
    for (i, w) in words.enumerate() {
        count += 1;
        let capital = w
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if count > 6 || !(capital || i > 0 && FUNCTION_WORDS.contains(&w)) {
            return false;
        }
    }
    count > 0
}

/// A placeholder attribution for a quote that takes its clause from a neighbour; the real
/// speaker, source and cue are filled in from the clause once every sieve has run.
fn inherited(sieve: Sieve) -> Attribution {
    Attribution {
        speaker: None,
        source: Span::default(),
        cue: None,
        sieve,
    }
}

/// Sieves 4–6: quotes that take their speaker from a neighbour.
fn propagate(draft: &Draft, quotes: &mut [Quote], titles: &[bool], facts: &mut Facts) {
    let sentence_of = |at: usize| draft.sentence_at(at);
    // Continuation runs first get the run's attribution from any attributed piece.
    let mut run_of: Vec<usize> = (0..quotes.len()).collect();
    for q in 0..quotes.len() {
        if let Some(prev) = quotes[q].continues {
            run_of[q] = run_of[prev];
        }
    }
    // Three lists of a place per quote, written afresh in each round: allocated once, and
    // not as zeroed memory, which the allocator clears the slow way (zeroing them cost more
    // than all the rest of this function in a keystroke).
    let nones = || {
        let mut list: Vec<Option<usize>> = Vec::with_capacity(quotes.len());
        list.resize(quotes.len(), None);
        list
    };
    let (mut next_attributed, mut run_clause, mut from_before) = (nones(), nones(), nones());
    let mut changed = true;
    let mut rounds = 0;
    while changed && rounds < 3 {
        changed = false;
        rounds += 1;
        // Same paragraph: the nearest attributed quote in the paragraph, earlier first. The
        // nearest attributed quote before and after each one is tracked in one pass each way
        // (quotes are in document order), not searched for: a paragraph of 100,000 quote marks
        // must not take quadratic time.
        if let Some(last) = next_attributed.last_mut() {
            *last = None;
        }
        for q in (0..quotes.len().saturating_sub(1)).rev() {
            next_attributed[q] = if facts.quote_clause[q + 1].is_some() {
                Some(q + 1)
            } else {
                next_attributed[q + 1]
            };
        }
        let mut last_attributed: Option<usize> = None;
        let mut paragraph_at = draft.paragraphs_at();
        for q in 0..quotes.len() {
            if q > 0 && facts.quote_clause[q - 1].is_some() {
                last_attributed = Some(q - 1);
            }
            if facts.quote_clause[q].is_some() || quotes[q].continues.is_some() {
                continue;
            }
            let Some(p) = paragraph_at(quotes[q].span.start) else {
                continue;
            };
            if draft.paragraphs[p].kind == BlockKind::Heading || titles[q] {
                continue;
            }
            let para = draft.paragraphs[p].span;
            // Every quote between `o` and `q` starts between them, so in the paragraph too.
            let before = last_attributed.filter(|&o| para.contains(quotes[o].span.start));
            let after = next_attributed[q].filter(|&o| para.contains(quotes[o].span.start));
            if let Some(o) = before.or(after) {
                facts.quote_clause[q] = facts.quote_clause[o];
                quotes[q].attribution = Some(inherited(Sieve::SameParagraph));
                changed = true;
                continue;
            }
            // Adjacent: the previous sentence of the paragraph reports a named speaker's words.
            if let Some(s) = sentence_of(quotes[q].span.start)
                && s > draft.paragraphs[p].sentences.start
            {
                let prev = facts
                    .clauses_in_sentence(s - 1)
                    .filter(|(_, c)| {
                        !c.weak && c.speaker.is_some() && c.source.kind != SourceKind::Group
                    })
                    .last()
                    .map(|(i, _)| i);
                if let Some(c) = prev {
                    facts.quote_clause[q] = Some(c);
                    quotes[q].attribution = Some(inherited(Sieve::Adjacent));
                    changed = true;
                    continue;
                }
            }
            // A paragraph that is only this quote, after a paragraph ending "X said:".
            // (Only the paragraph's first quote can have nothing but blanks before it.)
            let first_in_paragraph = q == 0 || !para.contains(quotes[q - 1].span.start);
            if p > 0
                && first_in_paragraph
                && draft.prose[para.start..quotes[q].span.start]
                    .trim()
                    .is_empty()
            {
                let prev_para = &draft.paragraphs[p - 1];
                if draft.prose[prev_para.span.start..prev_para.span.end]
                    .trim_end()
                    .ends_with(':')
                    && let Some(last) = prev_para.sentences.clone().last()
                    && let Some((c, _)) = facts
                        .clauses_in_sentence(last)
                        .filter(|(_, c)| c.speaker.is_some())
                        .last()
                {
                    facts.quote_clause[q] = Some(c);
                    quotes[q].attribution = Some(inherited(Sieve::Adjacent));
                    changed = true;
                }
            }
        }
        // Continuation: a piece of a running quotation takes the attribution of the nearest
        // attributed piece before it (a transcript changes speaker at each label), else the
        // first one after it (“…\n\n“…,” she said.).
        // A run is named by its first quote: the clause of each run so far, by that index.
        run_clause.fill(None);
        from_before.fill(None);
        for (q, &run) in run_of.iter().enumerate() {
            match facts.quote_clause[q] {
                Some(c) => run_clause[run] = Some(c),
                None => from_before[q] = run_clause[run],
            }
        }
        let first_after = &mut run_clause;
        first_after.fill(None);
        for (q, &run) in run_of.iter().enumerate().rev() {
            if let Some(c) = facts.quote_clause[q] {
                first_after[run] = Some(c);
            } else if from_before[q].is_none() {
                from_before[q] = first_after[run];
            }
        }
        for q in 0..quotes.len() {
            if facts.quote_clause[q].is_none()
                && let Some(c) = from_before[q]
            {
                facts.quote_clause[q] = Some(c);
                quotes[q].attribution = Some(inherited(Sieve::Continuation));
                changed = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Config, Format, Sieve, analyze};

    /// The sketch passes every word of the four lists: a word turned away would pass for a
    /// plain name.
    #[test]
    fn the_plain_name_sketch_passes_every_listed_word() {
        use crate::lexicon::{FUNCTION_WORDS, HONORIFICS, ORG_HEADS, TITLE_HEADS};
        let sketch = super::titles_orgs_function_words_honorifics();
        for list in [&TITLE_HEADS, &ORG_HEADS, &FUNCTION_WORDS, &HONORIFICS] {
            for word in list.iter() {
                assert!(sketch.may_contain(word), "{word}");
            }
        }
    }

    /// Each quote's text (first words) with its speaker's name and the sieve that found it.
    fn attributed(text: &str) -> Vec<(String, Option<String>, Option<Sieve>)> {
        let analysis = analyze(text, Format::PlainText, &Config::default());
        analysis
            .quotes
            .iter()
            .map(|q| {
                (
                    q.inner.text(text).to_string(),
                    analysis.speaker_of(q).map(|s| s.name.clone()),
                    q.attribution.as_ref().map(|a| a.sieve),
                )
            })
            .collect()
    }

    fn speaker_of(text: &str, quote: &str) -> Option<String> {
        attributed(text)
            .into_iter()
            .find(|(q, _, _)| q.starts_with(quote))
            .unwrap_or_else(|| panic!("no quote starting {quote:?} in {text:?}"))
            .1
    }

    #[test]
    fn a_question_before_its_speaker_keeps_the_attribution() {
        let text = "Sen. Ada Vitter grilled the bank. “Why is it still open?” Vitter demanded.";
        assert_eq!(speaker_of(text, "Why is it"), Some("Ada Vitter".into()));
    }

    #[test]
    fn transcript_labels_name_each_speaker_and_carry_over_unlabelled_paragraphs() {
        let text = "The moderator, Mara Wells, questioned Gov. Tom Pence on Sunday.\n\n\
                    \"WELLS: Will you attend the debate?\n\n\
                    \"PENCE: I will be there, as 'Shark Tank' fans say, all in.\n\n\
                    \"I have said so all week.\n\n\
                    \"WELLS: Thank you, governor.\"";
        let got = attributed(text);
        let names: Vec<Option<&str>> = got.iter().map(|(_, s, _)| s.as_deref()).collect();
        assert_eq!(
            names,
            [
                Some("Mara Wells"),
                Some("Tom Pence"),
                Some("Tom Pence"),
                Some("Mara Wells")
            ],
            "{got:?}"
        );
        assert_eq!(got[0].2, Some(Sieve::Transcript));
        assert_eq!(got[2].2, Some(Sieve::Continuation));
    }

    #[test]
    fn the_statement_is_the_words_of_whoever_spoke_in_it() {
        // Patel is named last, but the statement is Ortiz's: she "said in a statement".
        let text = "Mayor Lena Ortiz said in a statement that the plan was sound. Council member \
                    Raj Patel opposed it.\n\n“We will not back down,” the statement said.";
        assert_eq!(speaker_of(text, "We will not"), Some("Lena Ortiz".into()));
        // With no one speaking in a statement, it goes to the speaker named last.
        let text = "Mayor Lena Ortiz said the plan was sound. Council member Raj Patel opposed \
                    it.\n\n“We will not back down,” the statement said.";
        assert_eq!(speaker_of(text, "We will not"), Some("Raj Patel".into()));
    }

    #[test]
    fn testimonials_are_signed_after_a_dash() {
        let text = "“The bus never comes on time.” ― Rosa Alvarez\n“I walk now.” — Dev Patel.";
        assert_eq!(speaker_of(text, "The bus"), Some("Rosa Alvarez".into()));
        assert_eq!(speaker_of(text, "I walk"), Some("Dev Patel".into()));
    }

    #[test]
    fn fragments_belong_to_the_subject_of_their_sentence() {
        let text = "Mayor Lena Ortiz spoke at noon. Ortiz called the budget a “giveaway to \
                    developers” and promised “real oversight.” Check out the trailer for the \
                    film “Dry Season,” below.";
        assert_eq!(speaker_of(text, "giveaway"), Some("Lena Ortiz".into()));
        assert_eq!(
            speaker_of(text, "real oversight"),
            Some("Lena Ortiz".into())
        );
        // A title is nobody's words, and "Check" is not a person.
        assert_eq!(speaker_of(text, "Dry Season"), None);
    }

    #[test]
    fn the_head_of_an_organisation_is_the_source_not_the_organisation() {
        let text = "“We are done,” the head of the agency said.";
        let analysis = analyze(text, Format::PlainText, &Config::default());
        let source = analysis.quotes[0].attribution.as_ref().unwrap().source;
        assert_eq!(source.text(text), "the head of the agency");
    }

    #[test]
    fn anonymous_sources_with_post_modifiers_are_read_whole() {
        for (text, source) in [
            (
                "“We will lose,” a source close to the mayor said.",
                "a source close to the mayor",
            ),
            (
                "Officials at the agency said “we are ready.”",
                "Officials at the agency",
            ),
            (
                "An official familiar with the talks said a deal was “close.”",
                "An official familiar with the talks",
            ),
        ] {
            let analysis = analyze(text, Format::PlainText, &Config::default());
            let attribution = analysis.quotes[0].attribution.as_ref();
            assert_eq!(
                attribution.map(|a| a.source.text(text)),
                Some(source),
                "{text}"
            );
            assert_eq!(
                analysis.speaker_of(&analysis.quotes[0]).map(|s| s.kind),
                Some(crate::SpeakerKind::Anonymous),
                "{text}"
            );
        }
    }

    #[test]
    fn terms_signs_and_titles_beside_weak_verbs_are_nobodys_words() {
        let text = "Council member Bev Quist called it a so-called “fan deck.” Protesters held \
                    signs reading “Keep Tillman Public.” The choir sang “America the \
                    Beautiful,” and the mayor read a proclamation.";
        assert_eq!(speaker_of(text, "fan deck"), None);
        assert_eq!(speaker_of(text, "Keep Tillman"), None);
        assert_eq!(speaker_of(text, "America the"), None);
    }

    #[test]
    fn a_claim_belongs_to_its_owner() {
        let text = "Mayor Ed Lutz spoke Monday. The fact-checkers seized on Lutz’s claim that \
                    there were “thousands of potholes” in the city.";
        assert_eq!(speaker_of(text, "thousands"), Some("Ed Lutz".into()));
    }

    #[test]
    fn a_plural_noun_after_a_possessive_is_not_a_speech_verb() {
        let text = "Lena Ortiz says Mayor Ed Lutz’s late-night tweets were “unhinged.”";
        assert_eq!(speaker_of(text, "unhinged"), Some("Lena Ortiz".into()));
        let text = "“We see hope,” the letter reads.";
        let analysis = analyze(text, Format::PlainText, &Config::default());
        let source = analysis.quotes[0]
            .attribution
            .as_ref()
            .map(|a| a.source.text(text));
        assert_eq!(source, Some("the letter"));
    }

    #[test]
    fn role_references_find_the_person_last_seen_with_that_role() {
        let text = "Mayor Ana Ruiz opened the meeting. Police Chief Tom Berrios sat beside her.\n\n\
            “We are ready,” the mayor said.\n\n\
            “So are we,” the chief said.\n\n\
            Deputy Mayor Li Chen arrived late. “I am here,” the deputy mayor said.\n\n\
            “Then we begin,” the mayor said.\n";
        assert_eq!(
            speaker_of(text, "We are ready").as_deref(),
            Some("Ana Ruiz")
        );
        assert_eq!(
            speaker_of(text, "So are we").as_deref(),
            Some("Tom Berrios")
        );
        assert_eq!(speaker_of(text, "I am here").as_deref(), Some("Li Chen"));
        // The deputy was seen last, but "the mayor" is not the Deputy Mayor.
        assert_eq!(
            speaker_of(text, "Then we begin").as_deref(),
            Some("Ana Ruiz")
        );
    }

    #[test]
    fn roles_and_names_in_asides() {
        let analysis = analyze(
            "Dale Ferreira, 61 — a former Hawks shortstop — said the bus driver deserved \
             credit. According to the city clerk, Jan Whitley, the vote was 5-2.",
            Format::PlainText,
            &Config::default(),
        );
        let names: Vec<(&str, Option<&str>)> = analysis
            .speakers
            .iter()
            .map(|s| (s.name.as_str(), s.role.as_deref()))
            .collect();
        assert_eq!(
            names,
            [
                ("Dale Ferreira", Some("former Hawks shortstop")),
                ("Jan Whitley", Some("city clerk"))
            ]
        );
    }

    #[test]
    fn a_question_asked_about_something_is_not_an_anonymous_source() {
        let analysis = analyze(
            "Ana Albright smiled when a student asked about teen programs.",
            Format::PlainText,
            &Config::default(),
        );
        let codes: Vec<&str> = analysis.diagnostics.iter().map(|d| d.code).collect();
        assert!(!codes.contains(&"anonymous-source"), "{codes:?}");
        assert!(!codes.contains(&"anonymity-unexplained"), "{codes:?}");
    }

    #[test]
    fn a_noun_after_a_preposition_is_not_a_speaker() {
        let text = "The fact-checkers rated 32% of Republican claims as “false” last year.";
        assert_eq!(speaker_of(text, "false"), None);
        let analysis = analyze(text, Format::PlainText, &Config::default());
        assert!(
            analysis.speakers.iter().all(|s| s.name != "Republican"),
            "{:?}",
            analysis.speakers
        );
    }

    #[test]
    fn a_second_verb_shares_the_subject() {
        let text = "Nadia Cole urges her son to stay inside and repeatedly says, “Don't go.”";
        assert_eq!(speaker_of(text, "Don't go"), Some("Nadia Cole".into()));
    }
}
