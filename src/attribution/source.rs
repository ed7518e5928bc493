//! The words naming a source, read beside an attribution verb: a name with its title
//! ("Council President Maria Delgado"), a pronoun, a role reference ("the U.S. president"), an
//! organisation ("the Kremlin"), an anonymous description ("an official familiar with the talks")
//! or a document ("county payroll records").

use super::tokens::{self, Tok, Token, capitalized, is_possessive, strip_possessive};
use crate::lexicon::WordList;
use crate::lexicon::*;
use crate::model::Span;
use crate::speakers::NameEnds;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceKind {
    Pronoun,
    /// A named person; `name` is the name without title or honorific.
    Person {
        name: Span,
        /// Where the name's first and last words are, found once when the paragraph is read
        /// ([`ParagraphFacts`](crate::paragraph_facts::ParagraphFacts)); `None` before.
        ends: Option<NameEnds>,
    },
    Organization,
    /// A definite reference to someone by role: "the mayor", "the official". `head` is the role
    /// noun, lowercase.
    RoleRef {
        head: String,
    },
    /// "the statement said": the speaker of the last statement.
    Statement,
    /// An unnamed source: "a senior official", "sources".
    Anonymous {
        plural: bool,
        head: String,
    },
    /// A vague group: "critics", "some observers".
    Group,
    /// A document: "court records", "bidding documents".
    Document,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The whole phrase naming the source, with title, without appositive.
    pub span: Span,
    pub kind: SourceKind,
    /// Role words the draft gives with the name: a title before it, a role noun before it, or an
    /// appositive after it ("a spokesperson for the authority").
    pub role: Option<Span>,
}

/// Words after which a noun phrase is an object, never the subject of a speech verb.
static PREPOSITIONS: WordList = WordList::new(&[
    "of", "to", "in", "on", "at", "by", "for", "with", "about", "from", "into", "than", "over",
    "under", "against", "toward", "towards",
]);

/// Words that start a clause, before which a subject cannot extend.
static CLAUSE_WORDS: WordList = WordList::new(&[
    "that", "and", "but", "or", "because", "while", "when", "as", "after", "before", "if", "so",
    "which", "who", "where", "though", "although",
]);
/// Words that start a post-modifier of an anonymous or role noun: "an official familiar with".
static POSTMODIFIER_STARTS: WordList = WordList::new(&[
    "familiar",
    "with",
    "close",
    "who",
    "in",
    "at",
    "from",
    "of",
    "briefed",
    "involved",
    "knowledgeable",
    "aware",
    "for",
    "on",
    "obtained",
    "that",
    "which",
    "whose",
    "near",
    "inside",
    "within",
    "speaking",
    "granted",
    "reviewed",
    "seen",
    "released",
    "filed",
    "published",
    "cited",
    "provided",
    "prepared",
]);
static GROUP_WORDS: WordList = WordList::new(&[
    "critics",
    "opponents",
    "supporters",
    "observers",
    "experts",
    "analysts",
    "residents",
    "some",
    "many",
    "others",
    "people",
    "skeptics",
    "sceptics",
    "detractors",
    "proponents",
    "advocates",
    "economists",
    "scientists",
    "researchers",
]);
/// A negation just before the cue: "X did not say".
static NEGATIONS: WordList = WordList::new(&["not", "never", "n't"]);
static DEFINITE: WordList = WordList::new(&[
    "the", "this", "that", "his", "her", "their", "its", "our", "my", "your",
]);

/// The lists the reader asks of a word's lowercase, one bit each: one lookup of the word
/// answers them all ([`listed_words`]), where asking each list hashed the word again. The word
/// before a cue was asked of six: words between subject and cue, negations, pronouns,
/// determiners and clause words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Listed(u16);

impl Listed {
    const SPEAKER_PRONOUN: Listed = Listed(1);
    const BETWEEN_SUBJECT_AND_CUE: Listed = Listed(1 << 1);
    const NEGATION: Listed = Listed(1 << 2);
    const DEFINITE: Listed = Listed(1 << 3);
    const INDEFINITE: Listed = Listed(1 << 4);
    const CLAUSE_WORD: Listed = Listed(1 << 5);
    const POSTMODIFIER_START: Listed = Listed(1 << 6);
    const GROUP_WORD: Listed = Listed(1 << 7);
    const ANONYMOUS_HEAD: Listed = Listed(1 << 8);

    /// Whether the word is in any of `lists`.
    fn has(self, lists: Listed) -> bool {
        self.0 & lists.0 != 0
    }

    /// Each list with its bit. Their words are lowercase letters but for "n't", which
    /// [`Listed::of`] asks apart.
    fn lists() -> [(&'static WordList, Listed); 9] {
        [
            (&SPEAKER_PRONOUNS, Listed::SPEAKER_PRONOUN),
            (&BETWEEN_SUBJECT_AND_CUE, Listed::BETWEEN_SUBJECT_AND_CUE),
            (&NEGATIONS, Listed::NEGATION),
            (&DEFINITE, Listed::DEFINITE),
            (&INDEFINITE, Listed::INDEFINITE),
            (&CLAUSE_WORDS, Listed::CLAUSE_WORD),
            (&POSTMODIFIER_STARTS, Listed::POSTMODIFIER_START),
            (&GROUP_WORDS, Listed::GROUP_WORD),
            (&ANONYMOUS_HEADS, Listed::ANONYMOUS_HEAD),
        ]
    }

    /// The lists that hold `word`'s lowercase, any word.
    fn of(word: &str) -> Listed {
        let listed = listed_words().get_lowercase_of(word).unwrap_or_default();
        // The one word of the lists that is not letters only: a word is "n't" in lowercase
        // exactly when it is in any ASCII case, as no character outside ASCII lowercases to
        // one of its characters.
        if word.len() == 3 && word.eq_ignore_ascii_case("n't") {
            return listed | Listed::NEGATION;
        }
        listed
    }
}

impl std::ops::BitOr for Listed {
    type Output = Listed;

    fn bitor(self, other: Listed) -> Listed {
        Listed(self.0 | other.0)
    }
}

/// The words of the lists the reader asks in lowercase ([`Listed::lists`]), each with the
/// lists that hold it: asked of any word in any case without a lowercase copy.
fn listed_words() -> &'static LowercaseMap<Listed> {
    static WORDS: std::sync::OnceLock<LowercaseMap<Listed>> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let mut words: std::collections::BTreeMap<&'static str, Listed> = Default::default();
        for (list, bit) in Listed::lists() {
            for &word in list
                .iter()
                .filter(|w| w.bytes().all(|b| b.is_ascii_lowercase()))
            {
                let listed = words.entry(word).or_default();
                *listed = *listed | bit;
            }
        }
        LowercaseMap::new(words)
    })
}

/// A word in lowercase: the word itself when it is lowercase ASCII already (most words the
/// reader and the clause finder ask about), a lowercase copy only otherwise.
pub(super) struct Lower<'a>(std::borrow::Cow<'a, str>);

impl<'a> Lower<'a> {
    pub(super) fn of(word: &'a str) -> Lower<'a> {
        if word
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            Lower(std::borrow::Cow::Borrowed(word))
        } else {
            Lower(std::borrow::Cow::Owned(word.to_lowercase()))
        }
    }

    pub(super) fn as_str(&self) -> &str {
        &self.0
    }

    fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

pub struct Reader<'a> {
    pub prose: &'a str,
    pub toks: &'a [Token],
}

impl<'a> Reader<'a> {
    fn word(&self, i: usize) -> &'a str {
        self.toks[i].text(self.prose)
    }
    fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Tok::Word)
    }
    fn lower(&self, i: usize) -> Lower<'a> {
        Lower::of(self.word(i))
    }
    /// The lists that hold word `i`'s lowercase.
    fn listed(&self, i: usize) -> Listed {
        Listed::of(self.word(i))
    }
    fn span(&self, from: usize, to: usize) -> Span {
        Span::new(self.toks[from].span.start, self.toks[to].span.end)
    }
    fn is_name_word(&self, i: usize) -> bool {
        self.is_word(i) && capitalized(self.word(i)) && !CALENDAR.contains(&self.word(i))
    }

    /// The source before a cue at `cue`, within tokens `floor..cue`: "X said", "X, 64, said",
    /// "X, a spokesperson for Y, said", "Rep. Ann Mica (R-Fla.) said", "his partner, Lee Cho,
    /// said", "he said", "the statement said".
    pub fn before(&self, cue: usize, floor: usize) -> Option<Source> {
        let mut j = cue.checked_sub(1)?;
        // The word before the subject's end, looked up once for every list asked of it here
        // and in the phrase it ends.
        let listed = loop {
            if j < floor {
                return None;
            }
            let listed = self.listed(j);
            if !(self.is_word(j) && listed.has(Listed::BETWEEN_SUBJECT_AND_CUE)) {
                break listed;
            }
            j = j.checked_sub(1)?;
        };
        if listed.has(Listed::NEGATION) {
            return None;
        }
        let subject_end = j;
        let mut appositive = None;
        // A comma-delimited appositive, then possibly a parenthetical such as a party label.
        for _ in 0..3 {
            // "Dev Sandhu [on background] said": a bracketed note is not part of the sentence.
            if self.toks[j].is_punct(']') {
                let open = (floor..j)
                    .rev()
                    .take(12)
                    .find(|&k| self.toks[k].is_punct('['))?;
                j = open.checked_sub(1)?;
                if j < floor {
                    return None;
                }
                continue;
            }
            // "Ferreira, 61 — …": an age after a comma.
            if self.toks[j].kind == Tok::Number && j > floor + 1 && self.toks[j - 1].is_punct(',') {
                j -= 2;
                continue;
            }
            // "Ferreira, 61 — a former shortstop — said": an aside between dashes.
            if matches!(self.toks[j].kind, Tok::Punct('—' | '–')) {
                let open = (floor..j)
                    .rev()
                    .take(20)
                    .find(|&k| matches!(self.toks[k].kind, Tok::Punct('—' | '–')))?;
                if open + 1 < j && self.is_appositive(open + 1, j - 1) {
                    appositive.get_or_insert((open + 1, j - 1));
                }
                j = open.checked_sub(1)?;
                if j < floor {
                    return None;
                }
                continue;
            }
            if self.toks[j].is_punct(')') {
                let open = (floor..j)
                    .rev()
                    .take(12)
                    .find(|&k| self.toks[k].is_punct('('))?;
                j = open.checked_sub(1)?;
                if j < floor {
                    return None;
                }
                continue;
            }
            if !self.toks[j].is_punct(',') {
                break;
            }
            // "Rebecca Liu, a spokesperson for the authority, said": step over the appositive.
            let close = j;
            let open = (floor..close)
                .rev()
                .take(40)
                .find(|&k| self.toks[k].is_punct(','))?;
            if open + 1 >= close
                || self.toks[open + 1..close]
                    .iter()
                    .any(|t| t.quote().is_some())
            {
                return None;
            }
            if self.is_word(open + 1)
                && (PREPOSITIONS.contains_lowercase_of(self.word(open + 1))
                    || matches!(self.lower(open + 1).as_str(), "during" | "after" | "before"))
                && open + 1 < close - 1
            {
                // "Hillary Clinton, at a later press gaggle, said": an aside, not a role.
                j = open.checked_sub(1)?;
                if j < floor {
                    return None;
                }
                continue;
            }
            if !self.is_appositive(open + 1, close - 1) {
                // "His former partner, Lawrence B. Cummings, called": the name between commas
                // is the subject, the words before it its role.
                let name_run = (open + 1..close).all(|k| {
                    self.is_name_word(k)
                        || self.is_word(k) && NAME_PARTICLES.contains(&self.word(k))
                });
                if name_run {
                    let mut source = self.classify_run(open + 1, close - 1, false, open + 1);
                    if let SourceKind::Person { .. } = source.kind
                        && source.role.is_none()
                        && open > floor
                        && self.is_word(open - 1)
                        && ROLE_NOUNS.contains_lowercase_of(self.word(open - 1))
                    {
                        let from = self.role_words_before(open, floor).unwrap_or(open - 1);
                        source.role = Some(self.span(from, open - 1));
                    }
                    return Some(source);
                }
                return None;
            }
            if appositive.is_none() {
                appositive = Some((open + 1, close - 1));
            }
            j = open.checked_sub(1)?;
            if j < floor {
                return None;
            }
        }
        let listed = if j == subject_end {
            listed
        } else {
            self.listed(j)
        };
        let mut source = self.phrase_ending_at(j, floor, listed)?;
        // "the head of the agency said": the source is the head, not the agency. After any
        // other preposition the phrase is not a subject at all ("of Republican claims").
        let start = self
            .toks
            .partition_point(|t| t.span.start < source.span.start);
        if start > floor && self.is_word(start - 1) {
            let prep = self.lower(start - 1);
            if prep == "of" && start >= floor + 2 {
                // "Mr. Morgan of the Sierra Club said": the person, with where they are from.
                let head = self.phrase_ending_at(start - 2, floor, self.listed(start - 2))?;
                if matches!(head.kind, SourceKind::Group | SourceKind::Document) {
                    return None;
                }
                return Some(Source {
                    span: Span::new(head.span.start, source.span.end),
                    ..head
                });
            }
            if PREPOSITIONS.contains(&prep.as_str()) || POSTMODIFIER_STARTS.contains(&prep.as_str())
            {
                // "a source close to the mayor said", "sources familiar with the talks said":
                // the phrase is the object inside a longer subject; read the whole subject.
                return self.postmodified_subject(start - 1, j, floor);
            }
        }
        if let Some((a, b)) = appositive {
            let first = self.lower(a);
            let is_role = !matches!(first.as_str(), "who" | "whose" | "which")
                && !(a..=b).any(|k| self.toks[k].kind == Tok::Number)
                && !is_party_label(self.word(a));
            if is_role && source.role.is_none() && matches!(source.kind, SourceKind::Person { .. })
            {
                source.role = Some(self.role_span(a, b));
            }
        }
        Some(source)
    }

    /// An appositive or age between commas: ", 64,", ", a spokesperson for the authority,",
    /// ", who asked not to be named,", ", the board's chairman,".
    fn is_appositive(&self, from: usize, to: usize) -> bool {
        let first = &self.toks[from];
        if first.kind == Tok::Number {
            return to - from <= 1;
        }
        if !first.is_word() {
            return false;
        }
        if is_party_label(self.word(from)) && to - from <= 2 {
            return true;
        }
        let w = self.lower(from);
        matches!(
            w.as_str(),
            "a" | "an"
                | "the"
                | "who"
                | "whose"
                | "which"
                | "his"
                | "her"
                | "their"
                | "its"
                | "one"
                | "both"
                | "now"
                | "then"
                | "formerly"
                | "also"
                | "herself"
                | "himself"
                | "speaking"
                | "according"
        ) || ROLE_NOUNS.contains(&w.as_str())
            || is_possessive(self.word(from))
            || (capitalized(self.word(from)) && TITLE_HEADS.contains(&self.word(from)))
    }

    /// Role words of an appositive without its article: "a spokesperson for the authority" →
    /// "spokesperson for the authority".
    fn role_span(&self, from: usize, to: usize) -> Span {
        let start = if matches!(self.lower(from).as_str(), "a" | "an" | "the") && from < to {
            from + 1
        } else {
            from
        };
        self.span(start, to)
    }

    /// The source phrase whose last token is `j`, a word in the lists `listed`.
    fn phrase_ending_at(&self, j: usize, floor: usize, listed: Listed) -> Option<Source> {
        let tok = self.toks[j];
        if tok.kind != Tok::Word {
            return None;
        }
        let word = self.word(j);
        if listed.has(Listed::SPEAKER_PRONOUN) {
            return Some(Source {
                span: tok.span,
                kind: SourceKind::Pronoun,
                role: None,
            });
        }
        let name_like = capitalized(word)
            && (!FUNCTION_WORDS.contains(&word)
                || j > floor
                    && self.is_name_word(j - 1)
                    && !FUNCTION_WORDS.contains(&self.word(j - 1)));
        if name_like && let Some(source) = self.capitalized_run_ending_at(j, floor, listed) {
            return Some(source);
        }
        self.common_phrase_ending_at(j, floor, listed)
    }

    /// The name in a possessive ending at `j`: "Trump's" in "Trump's claim", wherever the
    /// phrase stands in the sentence.
    pub fn possessor(&self, j: usize, floor: usize) -> Option<Source> {
        if !self.is_name_word(j) || !is_possessive(self.word(j)) {
            return None;
        }
        self.capitalized_run_ending_at(j, floor, self.listed(j))
    }

    /// "Council President Maria Delgado", "the Kremlin", "Harbor Port Authority", "Mr. Kline":
    /// the run ending at `j`, a word in the lists `listed`.
    fn capitalized_run_ending_at(&self, j: usize, floor: usize, listed: Listed) -> Option<Source> {
        let mut k = j;
        while k > floor {
            let prev = k - 1;
            let joins = self.is_name_word(prev)
                && (!FUNCTION_WORDS.contains(&self.word(prev))
                    || TITLE_HEADS.contains(&self.word(prev)))
                || self.is_word(prev)
                    && NAME_PARTICLES.contains(&self.word(prev))
                    && prev > floor
                    && self.is_name_word(prev - 1);
            if !joins {
                break;
            }
            k = prev;
        }
        // "Critics say", "Sources said", "Officials said" at the start of a sentence.
        // The word is capitalised: asked of the lists without a lowercase copy, made only for
        // the head of an anonymous source.
        if k == j {
            let word = self.word(j);
            if listed.has(Listed::GROUP_WORD) {
                return Some(Source {
                    span: self.toks[j].span,
                    kind: SourceKind::Group,
                    role: None,
                });
            }
            if listed.has(Listed::ANONYMOUS_HEAD) {
                let head = word.to_lowercase();
                if head.ends_with('s') {
                    return Some(Source {
                        span: self.toks[j].span,
                        kind: SourceKind::Anonymous { plural: true, head },
                        role: None,
                    });
                }
            }
        }
        // Often "The" at the start of a sentence, or a quote's token: told without a lowercase
        // copy of either, as no character outside ASCII lowercases to "t", "h" or "e".
        let the_before = k > floor && self.word(k - 1).eq_ignore_ascii_case("the");
        Some(self.classify_run(k, j, the_before, floor))
    }

    fn classify_run(&self, k: usize, j: usize, the_before: bool, floor: usize) -> Source {
        let last = strip_possessive(self.word(j));
        let title_at = (k..j).rev().find(|&i| TITLE_HEADS.contains(&self.word(i)));
        let is_org = self.names_known_org(k, j)
            || KNOWN_ORGS.contains(&last) && k == j
            || ORG_HEADS.contains(&last) && title_at.is_none();
        if is_org || the_before && title_at.is_none() {
            let start = if the_before { k - 1 } else { k };
            return Source {
                span: self.span(start, j),
                kind: SourceKind::Organization,
                role: None,
            };
        }
        // Honorifics belong to the name; title words before the name are its role.
        let mut name_start = title_at.map_or(k, |t| t + 1);
        while name_start < j && HONORIFICS.contains(&self.word(name_start)) {
            name_start += 1;
        }
        let mut role = title_at.map(|t| {
            let mut from = k;
            while from < t && HONORIFICS.contains(&self.word(from)) {
                from += 1;
            }
            self.span(from, t)
        });
        let mut start = k;
        if role.is_none() {
            // "his special envoy Steve Witkoff", "the team's owner Marcus Hale".
            if let Some(from) = self.role_words_before(k, floor) {
                role = Some(self.span(from, k - 1));
                start = from;
            }
        }
        Source {
            span: self.span(start, j),
            kind: SourceKind::Person {
                name: self.span(name_start, j),
                ends: None,
            },
            role,
        }
    }

    /// Whether the words `k..=j`, joined by single spaces, are a known organisation's name
    /// ("White House"): asked of the prose in place when it has them so, as nearly always.
    fn names_known_org(&self, k: usize, j: usize) -> bool {
        KNOWN_ORGS.contains(&&*tokens::one_space_apart(self.prose, &self.toks[k..=j]))
    }

    /// The subject whose post-modifier starts at `modifier` and ends at `end`: "a source close
    /// to the mayor", "sources familiar with the talks", "the head of the agency".
    fn postmodified_subject(&self, modifier: usize, end: usize, floor: usize) -> Option<Source> {
        let low = modifier.saturating_sub(8).max(floor);
        for d in (low..modifier).rev() {
            if !self.is_word(d) && self.toks[d].kind != Tok::Number {
                return None;
            }
            let w = self.lower(d);
            if CLAUSE_WORDS.contains(&w.as_str()) && w != "that" {
                return None;
            }
            let det = DEFINITE.contains(&w.as_str())
                || INDEFINITE.contains(&w.as_str())
                || self.toks[d].kind == Tok::Number;
            let bare_head = (ANONYMOUS_HEADS.contains(&w.as_str())
                || DOCUMENT_NOUNS.contains(&w.as_str()))
                && self.is_word(d + 1)
                && POSTMODIFIER_STARTS.contains_lowercase_of(self.word(d + 1))
                && (d == floor
                    || !self.is_word(d - 1)
                    || CLAUSE_WORDS.contains_lowercase_of(self.word(d - 1)));
            if bare_head {
                let kind = if DOCUMENT_NOUNS.contains(&w.as_str()) {
                    SourceKind::Document
                } else {
                    SourceKind::Anonymous {
                        plural: w.ends_with('s'),
                        head: w.into_string(),
                    }
                };
                return Some(Source {
                    span: self.span(d, end),
                    kind,
                    role: None,
                });
            }
            if det {
                return self
                    .described(d, end)
                    .filter(|s| !matches!(s.kind, SourceKind::Group));
            }
        }
        None
    }

    /// Lowercase role words right before a name: "special envoy" in "his special envoy Steve
    /// Witkoff". Returns the first role word's index.
    pub fn role_words_before(&self, name: usize, floor: usize) -> Option<usize> {
        let last = name.checked_sub(1)?;
        if last < floor
            || !self.is_word(last)
            || !ROLE_NOUNS.contains_lowercase_of(self.word(last))
            || capitalized(self.word(last))
        {
            return None;
        }
        let mut from = last;
        while from > floor {
            let prev = from - 1;
            if !self.is_word(prev) {
                break;
            }
            let w = self.lower(prev);
            if DEFINITE.contains(&w.as_str())
                || INDEFINITE.contains(&w.as_str())
                || CLAUSE_WORDS.contains(&w.as_str())
                || SPEAKER_PRONOUNS.contains(&w.as_str())
            {
                break;
            }
            if is_possessive(self.word(prev)) {
                from = prev;
                break;
            }
            // "School board member Teresa Yoon": the first word of a sentence is capitalised.
            let sentence_start = prev == floor
                || prev > 0 && matches!(self.toks[prev - 1].kind, Tok::Quote(_) | Tok::Punct('.'));
            let role_word = TITLE_HEADS.contains(&self.word(prev))
                || is_proper_adjective(self.word(prev))
                || sentence_start && prev + 1 < name;
            if capitalized(self.word(prev)) && !role_word {
                break;
            }
            from = prev;
            if last - from >= 4 {
                break;
            }
        }
        Some(from)
    }

    /// A lowercase noun phrase ending at `j`, a word in the lists `listed`: "a senior port
    /// official", "the U.S. president", "the statement", "an official familiar with
    /// negotiations", "critics".
    fn common_phrase_ending_at(&self, j: usize, floor: usize, listed: Listed) -> Option<Source> {
        // Find the determiner within a few words.
        let mut det = None;
        let mut k = j;
        for _ in 0..10 {
            if !self.is_word(k) && self.toks[k].kind != Tok::Number {
                return None;
            }
            // Asked of the lists without a lowercase copy of a capitalised word.
            let w = self.word(k);
            let listed = if k == j { listed } else { self.listed(k) };
            if (listed.has(Listed::DEFINITE | Listed::INDEFINITE)
                || self.toks[k].kind == Tok::Number)
                && k < j
            {
                det = Some(k);
                break;
            }
            if is_possessive(w) && k < j {
                // "the ad's narrator", "Obama's former campaign strategist".
                det = Some(k);
                break;
            }
            if listed.has(Listed::CLAUSE_WORD) || k == floor {
                break;
            }
            k -= 1;
        }
        match det {
            Some(d) => self.described(d, j),
            None => {
                // A bare plural: "officials said", "critics say".
                let w = self.lower(j);
                let start = if j > floor
                    && self.is_word(j - 1)
                    && !capitalized(self.word(j - 1))
                    && !self
                        .listed(j - 1)
                        .has(Listed::CLAUSE_WORD | Listed::BETWEEN_SUBJECT_AND_CUE)
                {
                    j - 1
                } else {
                    j
                };
                if listed.has(Listed::GROUP_WORD) {
                    Some(Source {
                        span: self.span(start, j),
                        kind: SourceKind::Group,
                        role: None,
                    })
                } else if listed.has(Listed::ANONYMOUS_HEAD) && w.ends_with('s') {
                    Some(Source {
                        span: self.span(start, j),
                        kind: SourceKind::Anonymous {
                            plural: true,
                            head: w.into_string(),
                        },
                        role: None,
                    })
                } else if DOCUMENT_NOUNS.contains(&w.as_str()) && w.ends_with('s') {
                    Some(Source {
                        span: self.span(start, j),
                        kind: SourceKind::Document,
                        role: None,
                    })
                } else {
                    None
                }
            }
        }
    }

    /// Classifies the phrase from determiner `d` to `end` by its head noun.
    fn described(&self, d: usize, end: usize) -> Option<Source> {
        // The determiner is capitalised at the start of a sentence: read without a copy.
        let (indefinite_det, det_their) = with_lowercase(self.word(d), |det| {
            (INDEFINITE.contains(&det), det == "their")
        });
        // The head is the last word before a post-modifier ("familiar with…", "for the authority").
        let mut head = end;
        for i in d + 1..=end {
            if i > d + 1 && self.is_word(i) && self.listed(i).has(Listed::POSTMODIFIER_START) {
                head = i - 1;
                break;
            }
        }
        if head <= d {
            return None;
        }
        // Copied only into the source it names.
        let head_lower = self.lower(head);
        let head_word = strip_possessive(&head_lower);
        let span = self.span(d, end);
        let indefinite = indefinite_det || self.toks[d].kind == Tok::Number;
        let plural = head_word.ends_with('s') && !head_word.ends_with("ss");
        if STATEMENT_NOUNS.contains(&head_word) && !indefinite {
            return Some(Source {
                span,
                kind: SourceKind::Statement,
                role: None,
            });
        }
        if DOCUMENT_NOUNS.contains(&head_word) {
            return Some(Source {
                span,
                kind: SourceKind::Document,
                role: None,
            });
        }
        if GROUP_WORDS.contains(&head_word) && !indefinite {
            return Some(Source {
                span,
                kind: SourceKind::Group,
                role: None,
            });
        }
        if ANONYMOUS_HEADS.contains(&head_word) || (indefinite && ROLE_NOUNS.contains(&head_word)) {
            if indefinite || det_their && plural {
                return Some(Source {
                    span,
                    kind: SourceKind::Anonymous {
                        plural,
                        head: head_word.to_string(),
                    },
                    role: None,
                });
            }
            return Some(Source {
                span,
                kind: SourceKind::RoleRef {
                    head: head_word.to_string(),
                },
                role: None,
            });
        }
        if ROLE_NOUNS.contains(&head_word) {
            return Some(Source {
                span,
                kind: SourceKind::RoleRef {
                    head: head_word.to_string(),
                },
                role: None,
            });
        }
        // "the company", "the council", "the city": an organisation named by its kind. The
        // capitalised copy only when the lowercase noun is not one.
        if !indefinite
            && (ORG_NOUNS.contains(&head_word)
                || ORG_HEADS.contains(&capitalize(head_word).as_str()))
        {
            return Some(Source {
                span,
                kind: SourceKind::Organization,
                role: None,
            });
        }
        if GROUP_WORDS.contains(&head_word) {
            return Some(Source {
                span,
                kind: SourceKind::Group,
                role: None,
            });
        }
        // Any other definite noun beside a speech verb names its speaker by role: "the
        // announcer said", "the ad's narrator says". Indefinite ones ("a man said") are left
        // alone: they are anonymous only when the lexicon says so.
        if !indefinite && is_plain_noun(head_word) && self.is_word(head) && head - d <= 3 {
            return Some(Source {
                span,
                kind: SourceKind::RoleRef {
                    head: head_word.to_string(),
                },
                role: None,
            });
        }
        None
    }

    /// The source after a cue, for inverted attribution ("said Tom Berrios, who…") and for
    /// "according to …". Reads from `start` up to `ceil` (exclusive).
    pub fn after(&self, start: usize, ceil: usize) -> Option<Source> {
        if start >= ceil || !self.is_word(start) && self.toks[start].kind != Tok::Number {
            return None;
        }
        // "said 9/11 widow Terry Strada": the number modifies the role.
        if self.toks[start].kind == Tok::Number {
            let mut k = start;
            while k < ceil && matches!(self.toks[k].kind, Tok::Number | Tok::Punct('/' | '-')) {
                k += 1;
            }
            if k + 1 < ceil
                && self.is_word(k)
                && !capitalized(self.word(k))
                && (k..ceil.min(k + 4)).any(|n| self.is_name_word(n))
            {
                return self.after(k, ceil);
            }
        }
        let first = self.word(start);
        if self.listed(start).has(Listed::SPEAKER_PRONOUN) {
            return Some(Source {
                span: self.toks[start].span,
                kind: SourceKind::Pronoun,
                role: None,
            });
        }
        // The phrase runs to the next comma, period, quote or clause word.
        let mut end = start;
        while end + 1 < ceil {
            let t = self.toks[end + 1];
            let stop = match t.kind {
                Tok::Word => {
                    let w = self.lower(end + 1);
                    CLAUSE_WORDS.contains(&w.as_str()) && !(w == "of" || w == "for")
                        || CALENDAR.contains(&self.word(end + 1))
                }
                Tok::Number => false,
                Tok::Punct(c) => !matches!(c, '-' | '&'),
                Tok::Quote(_) => true,
            };
            if stop || end + 1 - start >= 14 {
                break;
            }
            end += 1;
        }
        if capitalized(first) && !FUNCTION_WORDS.contains(&first) || HONORIFICS.contains(&first) {
            // A name: the capitalised run, then an appositive after a comma gives the role.
            let mut run_end = start;
            while run_end < end
                && (self.is_name_word(run_end + 1)
                    || NAME_PARTICLES.contains(&self.word(run_end + 1))
                        && run_end + 2 <= end
                        && self.is_name_word(run_end + 2))
            {
                run_end += 1;
            }
            let mut source = self.classify_run(start, run_end, false, start);
            if let SourceKind::Person { .. } = source.kind
                && source.role.is_none()
                && run_end + 2 < ceil
                && self.toks[run_end + 1].is_punct(',')
            {
                let a = run_end + 2;
                let mut b = a;
                while b + 1 < ceil
                    && !matches!(
                        self.toks[b + 1].kind,
                        Tok::Punct(',' | '.' | ';' | ':' | '—') | Tok::Quote(_)
                    )
                {
                    b += 1;
                }
                if self.is_appositive(a, b)
                    && !matches!(self.lower(a).as_str(), "who" | "whose" | "which")
                    && self.toks[a].kind != Tok::Number
                {
                    source.role = Some(self.role_span(a, b));
                }
            }
            return Some(source);
        }
        let d = start;
        let w = self.lower(d);
        if DEFINITE.contains(&w.as_str())
            || INDEFINITE.contains(&w.as_str())
            || self.toks[d].kind == Tok::Number
        {
            // The phrase after "the" may be a name: "according to the Harbor Port Authority".
            if w == "the" && d < end && self.is_name_word(d + 1) {
                let mut run_end = d + 1;
                while run_end < end && self.is_name_word(run_end + 1) {
                    run_end += 1;
                }
                if !self.is_word(run_end + 1) || run_end == end {
                    return Some(self.classify_run(d + 1, run_end, true, d));
                }
            }
            let described = self.described(d, end)?;
            // "according to the city clerk, Jan Whitley, …": the role, then the person.
            if let SourceKind::RoleRef { .. } = described.kind
                && end + 2 < ceil
                && self.toks[end + 1].is_punct(',')
                && self.is_name_word(end + 2)
            {
                let mut run_end = end + 2;
                while run_end + 1 < ceil && self.is_name_word(run_end + 1) {
                    run_end += 1;
                }
                let closed = run_end + 1 == ceil
                    || matches!(self.toks[run_end + 1].kind, Tok::Punct(',' | '.' | ';'));
                if closed && run_end > end + 2 {
                    let mut person = self.classify_run(end + 2, run_end, false, end + 2);
                    if let SourceKind::Person { .. } = person.kind {
                        person.role.get_or_insert(self.role_span(d, end));
                        person.span = Span::new(described.span.start, person.span.end);
                        return Some(person);
                    }
                }
            }
            return Some(described);
        }
        // Role words, then the name: "said 9/11 widow Terry Strada", "said spokesman Al Ruiz".
        if let Some(k) = (start + 1..end.min(start + 4) + 1).find(|&k| self.is_name_word(k))
            && (start..k).all(|n| {
                self.is_word(n)
                    && !capitalized(self.word(n))
                    && !FUNCTION_WORDS.contains(&self.word(n))
            })
        {
            let mut run_end = k;
            while run_end < end && self.is_name_word(run_end + 1) {
                run_end += 1;
            }
            let mut source = self.classify_run(k, run_end, false, k);
            if let SourceKind::Person { .. } = source.kind {
                source.span = Span::new(self.toks[start].span.start, source.span.end);
                source.role.get_or_insert(self.span(start, k - 1));
                return Some(source);
            }
        }
        // No determiner: "county payroll records", "sources familiar with the plan".
        let mut head = end;
        for i in start..=end {
            if i > start && self.is_word(i) && self.listed(i).has(Listed::POSTMODIFIER_START) {
                head = i - 1;
                break;
            }
        }
        let head_word = self.lower(head);
        let span = self.span(start, end);
        if DOCUMENT_NOUNS.contains(&head_word.as_str()) {
            Some(Source {
                span,
                kind: SourceKind::Document,
                role: None,
            })
        } else if ANONYMOUS_HEADS.contains(&head_word.as_str()) && head_word.ends_with('s') {
            Some(Source {
                span,
                kind: SourceKind::Anonymous {
                    plural: true,
                    head: head_word.into_string(),
                },
                role: None,
            })
        } else if GROUP_WORDS.contains(&head_word.as_str()) {
            Some(Source {
                span,
                kind: SourceKind::Group,
                role: None,
            })
        } else {
            None
        }
    }

    /// The subject of the sentence `floor..limit`, for participles: "Trump pushed harder…,
    /// saying…". Skips an introductory phrase that ends in a comma.
    pub fn subject(&self, floor: usize, limit: usize) -> Option<Source> {
        let mut start = floor;
        for _ in 0..2 {
            if start >= limit {
                return None;
            }
            // The subject is a phrase starting here and ending before the first verb-like word;
            // try the longest capitalised run or pronoun first.
            let first = self.word_or_none(start)?;
            // The word's lowercase read once, without a copy for an ASCII word.
            let (pronoun, ends_in_ing, is_the, determiner) = with_lowercase(first, |lower| {
                (
                    SPEAKER_PRONOUNS.contains(&lower),
                    lower.ends_with("ing"),
                    lower == "the",
                    DEFINITE.contains(&lower) || INDEFINITE.contains(&lower),
                )
            });
            if pronoun {
                return Some(Source {
                    span: self.toks[start].span,
                    kind: SourceKind::Pronoun,
                    role: None,
                });
            }
            let gerund = ends_in_ing && start + 1 < limit && !self.is_name_word(start + 1);
            if (capitalized(first) && !FUNCTION_WORDS.contains(&first) && !gerund)
                || is_the && self.is_name_word(start + 1)
            {
                let s = if is_the { start + 1 } else { start };
                let mut end = s;
                while end + 1 < limit && self.is_name_word(end + 1) {
                    end += 1;
                }
                return Some(self.classify_run(s, end, is_the, floor));
            }
            if determiner {
                for end in (start + 1..limit.min(start + 8)).rev() {
                    if let Some(source) = self.described(start, end)
                        && !matches!(source.kind, SourceKind::Document)
                    {
                        return Some(source);
                    }
                }
            }
            // An introductory phrase: "In a statement, …", "On Friday, …".
            start = (start..limit).find(|&i| self.toks[i].is_punct(','))? + 1;
        }
        None
    }

    fn word_or_none(&self, i: usize) -> Option<&'a str> {
        self.is_word(i).then(|| self.word(i))
    }
}

/// "Democratic nominee", "Russian envoy", "British ambassador": a capitalised adjective that
/// belongs to the role words after it.
pub fn is_proper_adjective(word: &str) -> bool {
    word.len() > 4
        && ["ic", "an", "ish", "ese", "i"]
            .iter()
            .any(|end| word.ends_with(end))
        && !word.ends_with("man")
}

/// A lowercase word that can head a noun phrase: not a function word, adverb or number.
fn is_plain_noun(word: &str) -> bool {
    word.len() > 2
        && word.chars().all(char::is_lowercase)
        && !FUNCTION_WORDS.contains(&word)
        && !CLAUSE_WORDS.contains(&word)
        && !word.ends_with("ly")
        && cue_kind(word).is_none()
}

/// "R-Wis.", "D-N.Y.", "I-Vt.": a U.S. party and state label after a name.
fn is_party_label(word: &str) -> bool {
    let mut parts = word.splitn(2, '-');
    matches!(parts.next(), Some("R" | "D" | "I"))
        && parts
            .next()
            .is_some_and(|state| state.chars().next().is_some_and(char::is_uppercase))
}

/// Lowercase nouns that name an organisation by its kind: "the company said".
static ORG_NOUNS: WordList = WordList::new(&[
    "company",
    "council",
    "city",
    "county",
    "state",
    "agency",
    "department",
    "ministry",
    "authority",
    "board",
    "campaign",
    "government",
    "administration",
    "office",
    "district",
    "firm",
    "group",
    "union",
    "school",
    "university",
    "hospital",
    "police",
    "team",
    "club",
    "league",
    "commission",
    "committee",
    "court",
    "church",
    "organization",
    "organisation",
    "nonprofit",
    "charity",
    "airline",
    "bank",
    "utility",
    "museum",
    "library",
    "newspaper",
    "network",
    "station",
    "center",
    "party",
    "coalition",
    "embassy",
    "regime",
    "kremlin",
    "palace",
]);

fn capitalize(word: &str) -> String {
    let mut c = word.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    /// Only the ASCII letters lowercase to "t", "h" or "e": a word is "the" in lowercase
    /// exactly when it is "the" in any ASCII case, as `capitalized_run_ending_at` asks.
    #[test]
    fn only_ascii_letters_lowercase_to_the_letters_of_the() {
        for c in char::MIN..=char::MAX {
            if matches!(
                c.to_lowercase().collect::<String>().as_str(),
                "t" | "h" | "e"
            ) {
                assert!(matches!(c, 'T' | 't' | 'H' | 'h' | 'E' | 'e'), "{c:?}");
            }
        }
    }

    /// The General Punctuation block has no character with a case: each is its own lowercase,
    /// outside ASCII, as the shortcut in `lowercases_to_ascii` takes for granted.
    #[test]
    fn general_punctuation_lowercases_to_itself() {
        for c in '\u{2000}'..='\u{206F}' {
            assert_eq!(c.to_lowercase().collect::<String>(), c.to_string(), "{c:?}");
            assert!(!lowercases_to_ascii(c), "{c:?}");
        }
        assert!(lowercases_to_ascii('\u{212A}'));
        assert!(!lowercases_to_ascii('É'));
    }

    proptest::proptest! {
        /// The reader's lowercase word, borrowed or copied, is the word's `to_lowercase`.
        #[test]
        fn a_lower_word_is_the_word_in_lowercase(word in "[aZ'\u{212A}\u{130}\u{1C5}Éé]{0,12}") {
            let lower = Lower::of(&word);
            proptest::prop_assert_eq!(lower.as_str(), word.to_lowercase());
            proptest::prop_assert_eq!(lower.into_string(), word.to_lowercase());
        }
    }

    /// One lookup of a word finds every list that holds its lowercase, as each list asked
    /// of the word does: the lists' words in lowercase, capitalised, in capitals, with a
    /// Kelvin sign for a "k" and with a letter more or less.
    #[test]
    fn one_lookup_finds_every_list_of_each_listed_word_in_any_case() {
        for (list, _) in Listed::lists() {
            for word in list.iter() {
                for form in crate::lexicon::spellings_in_any_case(word) {
                    let (longer, mut shorter) = (format!("{form}s"), form.clone());
                    shorter.pop();
                    for asked in [&form, &longer, &shorter] {
                        for (list, bit) in Listed::lists() {
                            assert_eq!(
                                Listed::of(asked).has(bit),
                                list.contains_lowercase_of(asked),
                                "{asked:?} {bit:?}"
                            );
                        }
                    }
                }
            }
        }
    }

    proptest::proptest! {
        /// Any word, with capitals, a Kelvin sign, an apostrophe or characters outside ASCII,
        /// is in each list by one lookup as it is asked of the list.
        #[test]
        fn one_lookup_finds_the_lists_a_list_finds(
            word in "[aehinorstTHN'’\u{212A}\u{130}É-]{0,7}"
        ) {
            for (list, bit) in Listed::lists() {
                proptest::prop_assert_eq!(
                    Listed::of(&word).has(bit),
                    list.contains_lowercase_of(&word),
                    "{:?} {:?}", word, bit
                );
            }
        }
    }

    fn before(text: &str) -> (String, SourceKind, Option<String>) {
        let mut toks = Vec::new();
        tokenize(text, Span::new(0, text.len()), &[], &mut toks);
        let cue = toks
            .iter()
            .position(|t| matches!(t.text(text), "said" | "told" | "say" | "says" | "admitted"))
            .unwrap();
        let r = Reader {
            prose: text,
            toks: &toks,
        };
        let s = r.before(cue, 0).expect("a source");
        (
            s.span.text(text).to_string(),
            s.kind,
            s.role.map(|r| r.text(text).to_string()),
        )
    }

    fn after(text: &str) -> (String, SourceKind, Option<String>) {
        let mut toks = Vec::new();
        tokenize(text, Span::new(0, text.len()), &[], &mut toks);
        let cue = toks
            .iter()
            .position(|t| matches!(t.text(text), "said" | "to"))
            .unwrap();
        let r = Reader {
            prose: text,
            toks: &toks,
        };
        let s = r.after(cue + 1, toks.len()).expect("a source");
        (
            s.span.text(text).to_string(),
            s.kind,
            s.role.map(|r| r.text(text).to_string()),
        )
    }

    /// The subject before an appositive is asked of the lists as its own word, not as the
    /// comma before the cue.
    #[test]
    fn a_subject_before_an_appositive_is_read_as_its_own_word() {
        assert_eq!(before("She, 64, said").1, SourceKind::Pronoun);
        assert_eq!(
            before("Critics, who gathered at noon, said"),
            ("Critics".to_string(), SourceKind::Group, None)
        );
        assert_eq!(before("Critics said").1, SourceKind::Group);
    }

    fn role(text: &str) -> Option<String> {
        before(text).2
    }

    #[test]
    fn names_with_titles_and_appositives() {
        assert_eq!(
            role("Council President Maria Delgado said"),
            Some("Council President".into())
        );
        assert_eq!(
            role("U.S. President Donald Trump said"),
            Some("U.S. President".into())
        );
        assert_eq!(
            role("Rebecca Liu, a spokesperson for the authority, said"),
            Some("spokesperson for the authority".into())
        );
        assert_eq!(role("Okafor, 64, said"), None);
        assert_eq!(before("Okafor, 64, said").0, "Okafor");
        assert_eq!(
            role("his special envoy Steve Witkoff said"),
            Some("special envoy".into())
        );
        assert!(matches!(
            before("Mr. Kline said").1,
            SourceKind::Person { .. }
        ));
        assert_eq!(before("In a statement, she said").1, SourceKind::Pronoun);
        assert_eq!(before("The Kremlin said").1, SourceKind::Organization);
        assert_eq!(
            before("The Harbor Port Authority said").1,
            SourceKind::Organization
        );
        // "The" before a run that names no known organisation makes it one, in any case.
        for text in ["The Blue Marlins said", "the Blue Marlins said"] {
            assert_eq!(
                before(text),
                (text[..16].to_string(), SourceKind::Organization, None)
            );
        }
        assert!(matches!(
            before("Blue Marlins said").1,
            SourceKind::Person { .. }
        ));
    }

    #[test]
    fn anonymous_roles_groups_and_documents() {
        assert!(matches!(
            before("A senior port official said").1,
            SourceKind::Anonymous { .. }
        ));
        assert_eq!(
            before("A senior port official said").0,
            "A senior port official"
        );
        assert!(matches!(before("One board member, who asked not to be named because the vote has not happened, said").1, SourceKind::Anonymous { .. }));
        assert!(matches!(
            before("Sources say").1,
            SourceKind::Anonymous { plural: true, .. }
        ));
        assert_eq!(before("Critics say").1, SourceKind::Group);
        assert_eq!(before("the statement said").1, SourceKind::Statement);
        assert!(matches!(
            before("the U.S. president said").1,
            SourceKind::RoleRef { .. }
        ));
        assert!(matches!(
            after("according to an official familiar with negotiations, granted anonymity").1,
            SourceKind::Anonymous { .. }
        ));
        assert_eq!(
            after("according to an official familiar with negotiations, granted").0,
            "an official familiar with negotiations"
        );
        assert_eq!(
            after("according to county payroll records.").1,
            SourceKind::Document
        );
        assert_eq!(
            after("according to bidding documents obtained by the Harbor Ledger, the").1,
            SourceKind::Document
        );
        assert_eq!(
            after("said Tom Berrios, who has lived there").0,
            "Tom Berrios"
        );
        assert_eq!(
            after("said Rebecca Liu, a spokesperson for the authority.").2,
            Some("spokesperson for the authority".into())
        );
    }

    /// A known organisation is named whether its words stand one space apart (read in the
    /// prose) or otherwise (joined; a no-break space separates words too): both ways are taken,
    /// and a near miss is no organisation.
    #[test]
    fn a_known_organisation_is_named_however_its_words_are_spaced() {
        for (text, named) in [
            ("White House", true),
            ("White  House", true),
            ("White\nHouse", true),
            ("White Houses", false),
            ("White\u{a0}House", true),
        ] {
            let mut toks = Vec::new();
            tokenize(text, Span::new(0, text.len()), &[], &mut toks);
            let r = Reader {
                prose: text,
                toks: &toks,
            };
            assert_eq!(r.names_known_org(0, toks.len() - 1), named, "{text:?}");
        }
    }

    proptest::proptest! {
        /// A run of words names a known organisation exactly when its words joined by single
        /// spaces do, whatever stands between them in the prose: one space (read in place),
        /// two, a line break, a tab, a no-break space, an em dash.
        #[test]
        fn a_run_names_a_known_organisation_as_its_words_joined_do(
            words in proptest::collection::vec(
                (
                    proptest::sample::select(vec![
                        "White", "House", "State", "Department", "Justice", "Kremlin",
                        "Pentagon", "white", "Houses", "HOUSE", "Ana", "Ruiz’s", "😀",
                    ]),
                    proptest::sample::select(vec![" ", " ", " ", "  ", "\n", "\t", "\u{a0}", "—"]),
                ),
                1..8,
            ),
        ) {
            let text: String = words.iter().flat_map(|&(word, space)| [word, space]).collect();
            let mut toks = Vec::new();
            tokenize(&text, Span::new(0, text.len()), &[], &mut toks);
            let r = Reader {
                prose: &text,
                toks: &toks,
            };
            for k in 0..toks.len() {
                for j in k..toks.len() {
                    let joined: Vec<&str> = (k..=j).map(|i| r.word(i)).collect();
                    let expected = KNOWN_ORGS.contains(&joined.join(" ").as_str());
                    proptest::prop_assert_eq!(r.names_known_org(k, j), expected, "{:?} {}..={}", text, k, j);
                }
            }
        }
    }
}
