//! Finding the mentions of the registry's people and organisations in the prose.
//!
//! The lookup tables come from the registry as [`Registry::from_introductions`] built it, before
//! any scan: a [`MentionIndex`]. The language server keeps the registry while the introductions
//! stay the same (nearly every keystroke), and keeps its index with it, so a keystroke neither
//! rebuilds the tables nor decides again which capitalised words are a known name misspelled.
//!
//! The index also keeps what the scan for people found in each paragraph ([`Finding`]): its
//! mentions, and the variant spellings and first names it learnt there. What the scan finds in
//! a paragraph depends on the paragraph's words, on the capitalised word before its first one
//! (a first name, in table cells on one line), and on what the scan learnt before it. So the
//! next scan with the same index takes the findings over for the unchanged paragraphs at the
//! start, scans the changed ones and the one after them, and takes over the rest too if the
//! scanned ones taught it what the old ones had: after a keystroke, one or two paragraphs are
//! scanned, not the draft.
//!
//! The organisations found in a paragraph depend on its words and quotes alone (a name is
//! found only inside one paragraph), so the index keeps them per paragraph too, and the next
//! scan takes them over wherever it takes the people's over.

use memchr::memmem;
use rustc_hash::FxHashMap as HashMap;

use super::{Registry, VariantShapes, insert_id, is_variant_alike, soundex};
use crate::lexicon::{CALENDAR, FUNCTION_WORDS, ORG_HEADS, Sketch, TITLE_HEADS};
use crate::model::{MentionKind, Span, SpeakerId, SpeakerKind};
use crate::next_hit::NextHit;

/// The lookup tables of one registry, before its mentions are scanned.
pub struct MentionIndex {
    /// What each capitalised word is: the surname or a known variant spelling of someone, or,
    /// once looked at, whether it is a misspelling of someone's surname. One lookup per word
    /// of the draft that `known_names` or `variant_shapes` lets through.
    words: HashMap<String, Word>,
    /// The [`Sketch`] of the surnames and known variant spellings (the `Known` words): a word
    /// of under five bytes can be nothing else, and most capitalised words are such a word
    /// ("The", "But", "He") that the sketch turns away without hashing it.
    known_names: Sketch,
    /// Whether anyone has a surname (else no capitalised word is looked up).
    people: bool,
    /// What the last scan with this index found in each of its paragraphs: paragraph `i`'s
    /// findings are `found[found_at[i]..found_at[i + 1]]`. Out of the index during a scan, so
    /// a scan that stops half-way leaves none.
    found: Vec<Finding>,
    found_at: Vec<usize>,
    /// People named in full, by the Soundex code of their surname: a capitalised word one or
    /// two letters off one of them ("Whitcombe oversaw…" beside Alan Whitcomb) is a variant
    /// spelling even where no attribution introduces it. `is_variant` needs the same code, so a
    /// word is compared only with the few surnames that sound like it.
    full_names: HashMap<[u8; 4], Vec<(String, SpeakerId)>>,
    /// The shapes of a variant spelling of those surnames: a capitalised word of another shape
    /// that the `known_names` sketch turns away too is no one's, and is not looked up at all.
    variant_shapes: VariantShapes,
    /// Organisations by the first word of their name, when it is capitalised, in id order: one
    /// pass over the capitalised words finds them all.
    orgs_by_first_word: HashMap<String, Vec<(SpeakerId, String)>>,
    /// The sketch of those first words: nearly every capitalised word starts no
    /// organisation's name, and is turned away without hashing it.
    org_first_words: Sketch,
    /// Organisations whose name starts in lowercase ("the city's housing authority"), each
    /// with a searcher for its name, built once with the index (`str::match_indices` took 4 %
    /// of a keystroke at 100,000 words).
    lowercase_orgs: Vec<(SpeakerId, String, memmem::Finder<'static>)>,
    /// What the last scan with this index found of the organisations in each of its
    /// paragraphs, kept like `found`: paragraph `i`'s are `orgs_found[orgs_found_at[i]..
    /// orgs_found_at[i + 1]]`. They depend on the paragraph's words and quotes alone.
    orgs_found: Vec<OrgFinding>,
    orgs_found_at: Vec<usize>,
    /// How many mentions outside quotes the last scan with this index found.
    outside: usize,
}

/// What the scan for people found in a paragraph, in order, at offsets from its start.
#[derive(Clone, Debug, PartialEq)]
enum Finding {
    /// A mention (it may start in the paragraph before, with a first name in the cell before).
    Mention {
        id: SpeakerId,
        at: isize,
        len: usize,
        kind: MentionKind,
        quoted: bool,
    },
    /// A variant spelling of `id`'s surname, known as one from here on.
    Variant { id: SpeakerId, stem: String },
    /// `id`'s first name, found before their surname, known from here on.
    First {
        id: SpeakerId,
        first: String,
        stem: String,
    },
}

/// Where a scan's mentions are: whether a place is inside a quote, and the mentions it added
/// outside quotes (where each starts, and whose it is).
struct Places<F> {
    in_quote: F,
    outside: Vec<(usize, SpeakerId)>,
}

/// An organisation's name found in a paragraph.
#[derive(Clone, Copy, Debug, PartialEq)]
struct OrgFinding {
    id: SpeakerId,
    /// Where, from the paragraph's start.
    at: usize,
    len: usize,
    quoted: bool,
    /// Which of the index's lowercase names it is; `None` for a name found at a capitalised
    /// word.
    lowercase: Option<usize>,
}

impl Finding {
    /// Whether the scan learns something from it that changes what it finds later.
    fn teaches(&self) -> bool {
        !matches!(self, Finding::Mention { .. })
    }
}

/// How the paragraphs scanned now stand to those of the last scan with the same index: the
/// first `same_start` and the last `same_end` have the same text (the end ones shifted), of the
/// `old` paragraphs scanned last time.
#[derive(Clone, Copy, Debug)]
pub struct Unchanged {
    pub same_start: usize,
    pub same_end: usize,
    pub old: usize,
}

impl Unchanged {
    /// The old paragraph that new paragraph `i` of `n` is, if it is one of the same at the
    /// start, or of the same at the end after the first of them (whose first name may be in
    /// the paragraph before, see [`Registry::scan_mentions`]).
    fn old_paragraph(&self, i: usize, n: usize) -> Option<usize> {
        if i < self.same_start {
            Some(i)
        } else if self.same_end > 0 && i > n - self.same_end {
            Some(i + self.old - n)
        } else {
            None
        }
    }
}

/// What a capitalised word is to a [`MentionIndex`].
#[derive(Clone, Copy)]
enum Word {
    /// A person's surname (`false`) or a variant spelling the registry knows (`true`).
    Known(SpeakerId, bool),
    /// A word that is neither, already checked for being a variant spelling, and whose it is.
    /// The answer depends only on the word and `full_names`, so it holds for every scan with
    /// this index ("Council" comes back on every page, and every keystroke).
    Checked(Option<SpeakerId>),
}

impl MentionIndex {
    /// The tables of `registry`, which must not have been scanned yet.
    pub fn new(registry: &Registry) -> MentionIndex {
        let mut words: HashMap<String, Word> = HashMap::default();
        for (id, info) in registry.info.iter().enumerate() {
            if let Some(s) = &info.surname {
                words.insert(s.clone(), Word::Known(id, false));
            }
            for v in &registry.speakers[id].variants {
                words.entry(v.clone()).or_insert(Word::Known(id, true));
            }
        }
        let people = !words.is_empty();
        let known_names = Sketch::of(words.keys().map(String::as_str));
        let mut full_names: HashMap<[u8; 4], Vec<(String, SpeakerId)>> = HashMap::default();
        for (id, info) in registry.info.iter().enumerate() {
            if let (Some(surname), Some(_)) = (&info.surname, &info.first)
                && registry.speakers[id].kind == SpeakerKind::Person
                && !surname.is_empty()
            {
                full_names
                    .entry(soundex(surname))
                    .or_default()
                    .push((surname.clone(), id));
            }
        }
        let surnames = full_names.values().flatten();
        let variant_shapes = VariantShapes::of(surnames.map(|(surname, _)| surname.as_str()));
        let mut orgs_by_first_word: HashMap<String, Vec<(SpeakerId, String)>> = HashMap::default();
        let mut lowercase_orgs = Vec::new();
        for (id, speaker) in registry.speakers.iter().enumerate() {
            if speaker.kind != SpeakerKind::Organization {
                continue;
            }
            let name = speaker.name.clone();
            let first = name.split_whitespace().next().unwrap_or("");
            if first.chars().next().is_some_and(char::is_uppercase) {
                orgs_by_first_word
                    .entry(first.to_string())
                    .or_default()
                    .push((id, name));
            } else if !name.is_empty() {
                // An empty name names nothing (a searcher would find it between any two bytes).
                let finder = memmem::Finder::new(name.as_bytes()).into_owned();
                lowercase_orgs.push((id, name, finder));
            }
        }
        let org_first_words = Sketch::of(orgs_by_first_word.keys().map(String::as_str));
        MentionIndex {
            words,
            known_names,
            people,
            found: Vec::new(),
            found_at: Vec::new(),
            full_names,
            variant_shapes,
            orgs_by_first_word,
            org_first_words,
            lowercase_orgs,
            orgs_found: Vec::new(),
            orgs_found_at: Vec::new(),
            outside: 0,
        }
    }

    /// The organisations named in `paragraph` of `prose`, whose capitalised words are `words`,
    /// in order: those whose name starts at a capitalised word, in its order (and for each word,
    /// in id order), then each lowercase name's places in turn, found with `names` (a search
    /// of the prose for each of `lowercase_orgs`, asked in document order). A name is found
    /// only as whole words, and inside its paragraph.
    fn organizations_in(
        &self,
        prose: &str,
        paragraph: Span,
        (words, names): (&[Span], &mut [NextHit<impl FnMut(usize) -> Option<usize>>]),
        in_quote: &mut impl FnMut(usize) -> bool,
        found: &mut Vec<OrgFinding>,
    ) {
        let text = paragraph.text(prose);
        let ends_word = |end: usize| {
            text[end..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
        };
        let mut finding = |id, at: usize, len, lowercase| OrgFinding {
            id,
            at,
            len,
            quoted: in_quote(paragraph.start + at),
            lowercase,
        };
        if !self.orgs_by_first_word.is_empty() {
            for span in words {
                let at = span.start - paragraph.start;
                let word = &text[at..span.end - paragraph.start];
                if !self.org_first_words.may_contain(word) {
                    continue;
                }
                for (id, name) in self.orgs_by_first_word.get(word).into_iter().flatten() {
                    if text[at..].starts_with(name.as_str()) && ends_word(at + name.len()) {
                        found.push(finding(*id, at, name.len(), None));
                    }
                }
            }
        }
        for (k, ((id, name, _), hits)) in self.lowercase_orgs.iter().zip(names).enumerate() {
            // Where the name is in the paragraph, left to right, not overlapping: the next
            // place from the cursor, until one ends past the paragraph (all the later ones do).
            let mut cursor = paragraph.start;
            loop {
                let at = hits.from(cursor);
                if at == usize::MAX || at + name.len() > paragraph.end {
                    break;
                }
                let at = at - paragraph.start;
                let starts_word = text[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                if starts_word && ends_word(at + name.len()) {
                    found.push(finding(*id, at, name.len(), Some(k)));
                }
                cursor = paragraph.start + at + name.len();
            }
        }
    }

    /// What a capitalised word (without a possessive ending) is: a surname or known variant
    /// spelling, or, for a word of five letters or more, a variant spelling of the surname of
    /// the one person (named in full) it is close to (`Checked`).
    fn word(&mut self, stem: &str) -> Option<Word> {
        // A word that is no known name (the sketch) nor of a variant's shape is no one's (a
        // word below five bytes is of no variant's shape): most words are turned away here,
        // neither hashed nor, the first time, checked as a variant and remembered.
        if !self.known_names.may_contain(stem) && !self.variant_shapes.may_fit(stem) {
            return None;
        }
        if let Some(&word) = self.words.get(stem) {
            return Some(word);
        }
        if stem.len() < 5 {
            return None;
        }
        let word = Word::Checked(self.variant_of(stem));
        self.words.insert(stem.to_string(), word);
        Some(word)
    }

    /// The person `stem`, known to no one as a surname, is a variant spelling of, if any.
    fn variant_of(&self, stem: &str) -> Option<SpeakerId> {
        let common_word = FUNCTION_WORDS.contains(&stem)
            || CALENDAR.contains(&stem)
            || TITLE_HEADS.contains(&stem)
            || ORG_HEADS.contains(&stem);
        // The code is worked out only when it could find someone.
        if common_word || self.full_names.is_empty() {
            return None;
        }
        let candidates = match self.full_names.get(&soundex(stem)) {
            Some(names) => names.as_slice(),
            None => &[],
        };
        let mut close = candidates.iter().filter(|(s, _)| is_variant_alike(s, stem));
        match (close.next(), close.next()) {
            (Some(&(_, id)), None) => Some(id),
            // Never a variant, however often it comes back.
            _ => None,
        }
    }
}

/// Whether a capitalised word is a surname or a variant spelling known to `index` or found by
/// this scan so far (`found`).
fn known(index: &MentionIndex, found: &HashMap<String, SpeakerId>, word: &str) -> bool {
    let known_name = || matches!(index.words.get(word), Some(Word::Known(..)));
    index.known_names.may_contain(word) && known_name() || found.contains_key(word)
}

impl Registry {
    /// Finds every mention of every named person and organisation in the prose: full names,
    /// surnames and variant spellings, inside quotes or not. A surname right after an unknown
    /// capitalised word gives a person without a first name their first name ("Janet Okafor").
    /// `index` is [`MentionIndex::new`] of this registry before the scan; `paragraphs` are the
    /// prose's paragraphs and `capitalized` their capitalised words
    /// ([`super::capitalized_words`]), in order. `unchanged`, if given, says which paragraphs
    /// are those of the last scan with `index`, whose findings are then taken over; without it
    /// (an analysis with no cache) the findings are not kept. Gives the mentions found outside
    /// quotes, by where they start (and by id), for the resolver's timeline.
    pub fn scan_mentions(
        &mut self,
        index: &mut MentionIndex,
        prose: &str,
        paragraphs: &[Span],
        capitalized: &[Span],
        unchanged: Option<Unchanged>,
        in_quote: impl FnMut(usize) -> bool,
    ) -> Vec<(usize, SpeakerId)> {
        let mut places = Places {
            in_quote,
            // About as many as the last scan found: not a list copied as it grows.
            outside: Vec::with_capacity(index.outside),
        };
        let paragraphs = (paragraphs, capitalized);
        if index.people {
            self.find_people(index, prose, paragraphs, unchanged, &mut places);
        }
        self.find_organizations(index, prose, paragraphs, unchanged, &mut places);
        // In a few runs already in order: the people, then the organisations named from a
        // capitalised word, then each lowercase name's.
        places.outside.sort();
        index.outside = places.outside.len();
        places.outside
    }

    /// Adds a mention the scan found, and notes where it is if it is outside quotes.
    fn add_found(
        &mut self,
        id: SpeakerId,
        span: Span,
        kind: MentionKind,
        quoted: bool,
        outside: &mut Vec<(usize, SpeakerId)>,
    ) {
        if self.add_mention(id, span, kind, quoted) && !quoted {
            outside.push((span.start, id));
        }
    }

    /// The mentions of organisations, paragraph by paragraph: taken over from the last scan
    /// with `index` for the paragraphs `unchanged` says are the same, found in the others.
    fn find_organizations(
        &mut self,
        index: &mut MentionIndex,
        prose: &str,
        (paragraphs, capitalized): (&[Span], &[Span]),
        unchanged: Option<Unchanged>,
        places: &mut Places<impl FnMut(usize) -> bool>,
    ) {
        if index.orgs_by_first_word.is_empty() && index.lowercase_orgs.is_empty() {
            return;
        }
        let old = (
            std::mem::take(&mut index.orgs_found),
            std::mem::take(&mut index.orgs_found_at),
        );
        let keep = unchanged.is_some();
        let unchanged = unchanged.filter(|u| old.1.len() == u.old + 1);
        let n = paragraphs.len();
        let mut found = Vec::with_capacity(old.0.len());
        let mut found_at = Vec::with_capacity(n + 1);
        // Added as a scan of the whole prose would add them: the names at capitalised words in
        // document order, then each lowercase name's places in turn (an organisation known by
        // two names that overlap keeps the first one's).
        let mut lowercase = Vec::new();
        // The lowercase names are searched for through the paragraphs found in now, one
        // search after another rather than one per paragraph (a few hundred paragraphs to a
        // name in a full analysis): each search stops at the last of them.
        let old_of = |i: usize| unchanged.and_then(|u| u.old_paragraph(i, n));
        let mut fresh = (0..n).filter(|&i| old_of(i).is_none());
        let searched = match (fresh.next(), fresh.next_back()) {
            (Some(first), last) => &prose.as_bytes()[..paragraphs[last.unwrap_or(first)].end],
            (None, _) => &[],
        };
        let mut names: Vec<_> = (index.lowercase_orgs.iter())
            .map(|(_, _, finder)| NextHit::new(move |from: usize| finder.find(&searched[from..])))
            .collect();
        let mut word = 0;
        for (i, &paragraph) in paragraphs.iter().enumerate() {
            let first = word;
            while capitalized
                .get(word)
                .is_some_and(|w| w.start < paragraph.end)
            {
                word += 1;
            }
            let from = found.len();
            found_at.push(from);
            match old_of(i) {
                Some(j) => found.extend_from_slice(&old.0[old.1[j]..old.1[j + 1]]),
                None => {
                    let words = (&capitalized[first..word], names.as_mut_slice());
                    let in_quote = &mut places.in_quote;
                    index.organizations_in(prose, paragraph, words, in_quote, &mut found);
                }
            }
            for f in &found[from..] {
                let span = Span::new(paragraph.start + f.at, paragraph.start + f.at + f.len);
                match f.lowercase {
                    None => {
                        let outside = &mut places.outside;
                        self.add_found(f.id, span, MentionKind::FullName, f.quoted, outside);
                    }
                    Some(name) => lowercase.push((name, f.id, span, f.quoted)),
                }
            }
            if !keep {
                found.clear();
                found_at.clear();
            }
        }
        found_at.push(found.len());
        lowercase.sort_by_key(|&(name, ..)| name);
        for (_, id, span, quoted) in lowercase {
            self.add_found(id, span, MentionKind::FullName, quoted, &mut places.outside);
        }
        if keep {
            (index.orgs_found, index.orgs_found_at) = (found, found_at);
        }
    }

    /// The mentions of people, paragraph by paragraph: taken over from the last scan with
    /// `index` where `unchanged` allows it (see the module's documentation), scanned elsewhere.
    fn find_people(
        &mut self,
        index: &mut MentionIndex,
        prose: &str,
        (paragraphs, capitalized): (&[Span], &[Span]),
        unchanged: Option<Unchanged>,
        places: &mut Places<impl FnMut(usize) -> bool>,
    ) {
        // Variant spellings found by this scan: known like surnames from their first use on.
        let mut found_variants: HashMap<String, SpeakerId> = HashMap::default();
        let old = (
            std::mem::take(&mut index.found),
            std::mem::take(&mut index.found_at),
        );
        // About as many as the last scan found: the list is not grown (and copied) step by step.
        let mut found: Vec<Finding> = Vec::with_capacity(old.0.len());
        let mut found_at = Vec::with_capacity(paragraphs.len() + 1);
        let n = paragraphs.len();
        // Kept for the next scan only by an analysis with a cache: nothing takes them over
        // otherwise, and keeping them costs a full analysis a few per cent.
        let keep = unchanged.is_some();
        // The old scan's paragraph for each new one that can take its findings over, given
        // that what the scan knows on entering it is what it knew then.
        let unchanged = unchanged.filter(|u| old.1.len() == u.old + 1);
        let old_of = |i: usize| unchanged?.old_paragraph(i, n);
        // Where the scanned paragraphs end (the first of the unchanged end, whose first
        // name may be in the paragraph before, is scanned too), and whether they taught the
        // scan what the old ones there did.
        let scanned_end = unchanged.map_or(n, |u| (n + 1).saturating_sub(u.same_end).min(n));
        let mut knows_the_same = true;
        let mut word = 0;
        for (i, paragraph) in paragraphs.iter().enumerate() {
            if i == scanned_end
                && let Some(u) = unchanged
            {
                let old_end = (u.old + 1).saturating_sub(u.same_end).min(u.old);
                let taught_then = old.0[old.1[u.same_start.min(old_end)]..old.1[old_end]]
                    .iter()
                    .filter(|f| f.teaches());
                let taught_now = found[found_at[u.same_start.min(i)]..]
                    .iter()
                    .filter(|f| f.teaches());
                knows_the_same = taught_then.eq(taught_now);
            }
            let first = word;
            while capitalized
                .get(word)
                .is_some_and(|w| w.start < paragraph.end)
            {
                word += 1;
            }
            found_at.push(found.len());
            match old_of(i).filter(|_| knows_the_same) {
                Some(j) => {
                    for f in &old.0[old.1[j]..old.1[j + 1]] {
                        self.replay(f, paragraph.start, &mut found_variants, places);
                        found.push(f.clone());
                    }
                }
                None => {
                    let prev = first.checked_sub(1).map(|k| capitalized[k]);
                    let words = (prev, &capitalized[first..word], paragraph.start);
                    let known = &mut found_variants;
                    self.scan_people(index, prose, words, known, places, &mut found);
                    if !keep {
                        found.clear();
                    }
                }
            }
        }
        if keep {
            found_at.push(found.len());
            (index.found, index.found_at) = (found, found_at);
        }
    }

    /// The scan for people over one paragraph: `words` are the capitalised word before it, its
    /// capitalised words and where it starts. What it finds goes into `found`, as it is applied.
    fn scan_people(
        &mut self,
        index: &mut MentionIndex,
        prose: &str,
        words: (Option<Span>, &[Span], usize),
        found_variants: &mut HashMap<String, SpeakerId>,
        places: &mut Places<impl FnMut(usize) -> bool>,
        found: &mut Vec<Finding>,
    ) {
        let (prev, words, start) = words;
        let mut prev_word = prev.map(|span| (span, &prose[span.start..span.end]));
        for &span in words {
            let word = &prose[span.start..span.end];
            let stem = crate::attribution::tokens::strip_possessive(word);
            let person = match index.word(stem) {
                Some(Word::Known(id, variant)) => Some((id, variant)),
                Some(Word::Checked(Some(id))) => {
                    if !found_variants.contains_key(stem) {
                        self.learn_variant(id, stem, found_variants);
                        found.push(Finding::Variant {
                            id,
                            stem: stem.to_string(),
                        });
                    }
                    Some((id, true))
                }
                Some(Word::Checked(None)) | None => None,
            };
            if let Some((id, variant)) = person {
                let mut mention = Span::new(span.start, span.start + stem.len());
                let mut kind = if variant {
                    MentionKind::Variant
                } else {
                    MentionKind::Surname
                };
                if let Some((prev, prev_text)) = prev_word
                    && prose[prev.end..span.start].chars().all(|c| c == ' ')
                    && span.start - prev.end <= 2
                {
                    let plausible_first = !FUNCTION_WORDS.contains(&prev_text)
                        && !TITLE_HEADS.contains(&prev_text)
                        && !CALENDAR.contains(&prev_text)
                        && !ORG_HEADS.contains(&prev_text)
                        && !prev_text.ends_with('.')
                        && !known(index, found_variants, prev_text);
                    match self.info[id].first.as_deref() {
                        Some(f) if f == prev_text => {
                            mention = Span::new(prev.start, mention.end);
                            kind = if variant {
                                MentionKind::Variant
                            } else {
                                MentionKind::FullName
                            };
                        }
                        None if plausible_first && !variant && !(places.in_quote)(span.start) => {
                            self.learn_first(id, prev_text, stem);
                            found.push(Finding::First {
                                id,
                                first: prev_text.to_string(),
                                stem: stem.to_string(),
                            });
                            mention = Span::new(prev.start, mention.end);
                            kind = MentionKind::FullName;
                        }
                        _ => {}
                    }
                }
                let quoted = (places.in_quote)(mention.start);
                self.add_found(id, mention, kind, quoted, &mut places.outside);
                found.push(Finding::Mention {
                    id,
                    at: mention.start as isize - start as isize,
                    len: mention.len(),
                    kind,
                    quoted,
                });
            }
            prev_word = Some((span, word));
        }
    }

    /// Does again what an earlier scan found in a paragraph that now starts at `start`.
    fn replay(
        &mut self,
        found: &Finding,
        start: usize,
        found_variants: &mut HashMap<String, SpeakerId>,
        places: &mut Places<impl FnMut(usize) -> bool>,
    ) {
        match found {
            &Finding::Mention {
                id,
                at,
                len,
                kind,
                quoted,
            } => {
                let from = start.saturating_add_signed(at);
                let span = Span::new(from, from + len);
                self.add_found(id, span, kind, quoted, &mut places.outside);
            }
            Finding::Variant { id, stem } => self.learn_variant(*id, stem, found_variants),
            Finding::First { id, first, stem } => self.learn_first(*id, first, stem),
        }
    }

    /// `stem` is a variant spelling of `id`'s surname, from here on.
    fn learn_variant(
        &mut self,
        id: SpeakerId,
        stem: &str,
        found_variants: &mut HashMap<String, SpeakerId>,
    ) {
        found_variants.insert(stem.to_string(), id);
        self.speakers[id].variants.push(stem.to_string());
        let key = super::owned_surname_key(stem);
        insert_id(self.by_surname.entry(key).or_default(), id);
    }

    /// `first` is the first name of `id`, whose surname is `stem`.
    fn learn_first(&mut self, id: SpeakerId, first: &str, stem: &str) {
        self.info[id].first = Some(first.to_string());
        self.speakers[id].name = format!("{first} {stem}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::speakers::{Introduction, capitalized_words};

    fn scan(registry: &Registry, index: &mut MentionIndex, prose: &str) -> Registry {
        let whole = [Span::new(0, prose.len())];
        scan_paragraphs(registry, index, prose, &whole, None)
    }

    fn scan_paragraphs(
        registry: &Registry,
        index: &mut MentionIndex,
        prose: &str,
        paragraphs: &[Span],
        unchanged: Option<Unchanged>,
    ) -> Registry {
        let mut registry = registry.clone();
        let capitalized: Vec<Span> = paragraphs
            .iter()
            .flat_map(|p| capitalized_words(p.text(prose)).map(|(span, _)| span.shifted(p.start)))
            .collect();
        registry.scan_mentions(index, prose, paragraphs, &capitalized, unchanged, |_| false);
        registry
    }

    #[test]
    fn a_kept_index_finds_what_a_new_one_finds() {
        let intros = [Introduction {
            name: "Alan Whitcomb",
            role: None,
            kind: SpeakerKind::Person,
            gender: None,
        }];
        let registry = Registry::from_introductions(&intros, &Config::default());
        let mut kept = MentionIndex::new(&registry);
        let first = "Alan Whitcomb spoke. Council members left. Whitcombe oversaw it.";
        let found = scan(&registry, &mut kept, first);
        assert_eq!(found.speakers[0].variants, ["Whitcombe"]);
        assert_eq!(found.find_person("whitcombe", None), Some(0));
        // The kept index now remembers "Whitcombe" (a variant) and "Council" (no one's).
        let second = "Whitcombe oversaw it. Council members left. Alan Whitcomb spoke.";
        let again = scan(&registry, &mut kept, second);
        let fresh = scan(&registry, &mut MentionIndex::new(&registry), second);
        assert_eq!(again.speakers, fresh.speakers);
        assert_eq!(again.speakers[0].variants, fresh.speakers[0].variants);
        assert_eq!(again.speakers[0].mentions.len(), 2);
        // Without the word in the prose, no variant is recorded, remembered or not.
        let third = scan(&registry, &mut kept, "Alan Whitcomb spoke.");
        assert!(third.speakers[0].variants.is_empty());
    }

    /// Every surname and organisation is found at its capitalised word, short or long, among
    /// capitalised words that are no one's: the sketches that turn words away unhashed never
    /// turn away a name.
    #[test]
    fn names_of_every_length_are_found_past_the_sketches() {
        let surnames = ["Wu", "Ng", "Liu", "Roe", "Diaz", "Okoro", "Whitcomb"];
        let orgs = ["UN Council", "Aer Lingus", "Tata Steel", "Harbor Board"];
        let mut intros: Vec<Introduction<&str>> =
            surnames.map(crate::speakers::tests::named_person).into();
        intros.extend(orgs.iter().map(|&name| Introduction {
            name,
            role: None,
            kind: SpeakerKind::Organization,
            gender: None,
        }));
        let registry = Registry::from_introductions(&intros, &Config::default());
        let mut prose = String::from("The Mayor and He met. ");
        for name in surnames.iter().chain(&orgs) {
            prose.push_str(&format!("But {name} spoke. Then {name}’s aide left. "));
        }
        let found = scan(&registry, &mut MentionIndex::new(&registry), &prose);
        for (id, speaker) in found.speakers.iter().enumerate() {
            let at: Vec<&str> = speaker
                .mentions
                .iter()
                .map(|m| m.span.text(&prose))
                .collect();
            let name = if id < surnames.len() {
                surnames[id]
            } else {
                orgs[id - surnames.len()]
            };
            assert_eq!(at, [name, name], "{}", speaker.name);
        }
    }

    /// An organisation whose name starts in lowercase is found wherever its name stands as
    /// words, and not inside another word; one with an empty name is found nowhere.
    #[test]
    fn lowercase_organisations_are_found_as_whole_words() {
        let mut registry = Registry::default();
        let council = registry.organization("the city council");
        let nameless = registry.organization("");
        let prose = "Later the city council met; the city councilor left. (the city council)";
        let found = scan(&registry, &mut MentionIndex::new(&registry), prose);
        let at: Vec<&str> = found.speakers[council]
            .mentions
            .iter()
            .map(|m| m.span.text(prose))
            .collect();
        // The article is not part of the name (`Registry::organization`).
        assert_eq!(at, ["city council", "city council"]);
        assert!(found.speakers[nameless].mentions.is_empty());
    }

    /// An organisation's name is found inside a paragraph, never across two (table cells on one
    /// line), and a kept index finds in the paragraphs it takes over what a new one finds.
    #[test]
    fn organisations_are_found_paragraph_by_paragraph() {
        let mut registry = Registry::default();
        let council = registry.organization("the city council");
        let board = registry.organization("Harbor Board");
        let names = |found: &Registry, id: SpeakerId, prose: &str| -> Vec<(usize, String)> {
            let mentions = found.speakers[id].mentions.iter();
            mentions
                .map(|m| (m.span.start, m.span.text(prose).to_string()))
                .collect()
        };
        // Two cells: "the city council met, the city" and "council left the Harbor Board".
        let prose = "the city council met, the city council left the Harbor Board";
        let cells = [Span::new(0, 30), Span::new(31, prose.len())];
        let mut kept = MentionIndex::new(&registry);
        let unchanged = |same_start, old| Unchanged {
            same_start,
            same_end: 0,
            old,
        };
        let found = scan_paragraphs(&registry, &mut kept, prose, &cells, Some(unchanged(0, 0)));
        assert_eq!(names(&found, council, prose), [(4, "city council".into())]);
        assert_eq!(names(&found, board, prose), [(48, "Harbor Board".into())]);
        // The second cell edited: the first one's findings are taken over, and the result is
        // what a new index finds.
        let edited =
            "the city council met, the city council left; the Harbor Board and the city council";
        let cells = [Span::new(0, 30), Span::new(31, edited.len())];
        let again = scan_paragraphs(&registry, &mut kept, edited, &cells, Some(unchanged(1, 2)));
        let fresh = scan_paragraphs(
            &registry,
            &mut MentionIndex::new(&registry),
            edited,
            &cells,
            None,
        );
        assert_eq!(again.speakers, fresh.speakers);
        let last = edited.rfind("city council").unwrap();
        assert_eq!(
            names(&again, council, edited),
            [(4, "city council".into()), (last, "city council".into())]
        );
        assert_eq!(names(&again, board, edited), [(49, "Harbor Board".into())]);
    }
}
