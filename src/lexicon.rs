//! Word lists shared by the stages: attribution verbs, titles, role nouns, anonymous-source heads.
//! Lists are lowercase unless they say otherwise; lookups are by exact word.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

/// A word list with constant-time lookup: the analysis asks "is this word a title, a cue, a
/// function word?" several times for every token, and list scans dominated the profile.
pub struct WordList {
    words: &'static [&'static str],
    set: OnceLock<Lookup>,
}

/// A list's words by text, and the lengths (in bytes) between which they all lie: a word
/// outside them is answered without hashing it (most names asked of the name suffixes), and
/// so is a word the sketch rules out (most words asked of most lists).
struct Lookup {
    words: FxHashSet<&'static str>,
    /// Whether every word is ASCII: then a word whose lowercase is not is in no list.
    ascii: bool,
    shortest: usize,
    longest: usize,
    sketch: Sketch,
}

/// A set of words in `64 * WORDS` bits (1,024 unless told), one per word, from its length and
/// first, second and last bytes: a word whose bit is clear is not in the set; one whose bit is
/// set may be. The analysis asks word lists about nearly every word it reads, and nearly
/// always the answer is no: the bit answers most of those without hashing the word.
pub(crate) struct Sketch<const WORDS: usize = 16>([u64; WORDS]);

impl<const WORDS: usize> Sketch<WORDS> {
    /// How far the hash's product is shifted to leave a bit's index: `WORDS` is a power of two.
    const SHIFT: u32 = 32 - (WORDS * 64).trailing_zeros();

    pub(crate) fn of<'w>(words: impl IntoIterator<Item = &'w str>) -> Sketch<WORDS> {
        Self::of_bytes(words, |b| b)
    }

    /// The set of `words`, each byte read through `byte` as it will be when the set is asked.
    fn of_bytes<'w>(
        words: impl IntoIterator<Item = &'w str>,
        byte: impl Fn(u8) -> u8 + Copy,
    ) -> Sketch<WORDS> {
        let mut bits = [0; WORDS];
        for word in words {
            let bit = Self::bit(word.as_bytes(), byte);
            bits[bit / 64] |= 1 << (bit % 64);
        }
        Sketch(bits)
    }

    pub(crate) fn may_contain(&self, word: &str) -> bool {
        self.has_bit(Self::bit(word.as_bytes(), |b| b))
    }

    /// Whether the set may hold the lowercase of the word with bytes `word`, an ASCII word: its
    /// lowercase has the word's length and the word's bytes lowercased, and is not copied to be
    /// asked. (Of a word outside ASCII the answer says nothing.)
    fn may_contain_lowercase_of_ascii(&self, word: &[u8]) -> bool {
        self.has_bit(Self::bit(word, |b| b.to_ascii_lowercase()))
    }

    /// A set asked in any case of ASCII ([`Sketch::may_contain_any_case`]): each byte is read
    /// with its 0x20 bit set, which makes an ASCII capital its small letter, one instruction
    /// where lowercasing a byte takes four.
    pub(crate) fn of_any_case<'w>(words: impl IntoIterator<Item = &'w str>) -> Sketch<WORDS> {
        Self::of_bytes(words, |b| b | 0x20)
    }

    /// Whether a set made [`Sketch::of_any_case`] may hold the word with bytes `word` in some
    /// case: `false` only when it holds no word equal to `word` but for the case of ASCII
    /// letters. (An ASCII byte and its lowercase agree once their 0x20 bits are set.)
    pub(crate) fn may_contain_any_case(&self, word: &[u8]) -> bool {
        self.has_bit(Self::bit(word, |b| b | 0x20))
    }

    fn has_bit(&self, bit: usize) -> bool {
        self.0[bit / 64] & 1 << (bit % 64) != 0
    }

    /// The bit of the word with bytes `bytes`, each read through `byte`.
    #[inline]
    fn bit(bytes: &[u8], byte: impl Fn(u8) -> u8) -> usize {
        let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else {
            return 0;
        };
        let second = bytes.get(1).copied().map_or(0, &byte);
        let key = u32::from(byte(first))
            | u32::from(second) << 8
            | u32::from(byte(last)) << 16
            | (bytes.len() as u32 & 0xff) << 24;
        (key.wrapping_mul(0x9E37_79B1) >> Self::SHIFT) as usize
    }
}

impl WordList {
    pub const fn new(words: &'static [&'static str]) -> WordList {
        WordList {
            words,
            set: OnceLock::new(),
        }
    }

    /// Exact, case-sensitive membership, like `slice::contains`. Inlined: it is asked of
    /// nearly every word, and the length and sketch checks answer most asks in a few
    /// instructions, less than the call.
    #[inline]
    pub fn contains(&self, word: &&str) -> bool {
        let lookup = self.lookup();
        (lookup.shortest..=lookup.longest).contains(&word.len())
            && lookup.sketch.may_contain(word)
            && lookup.words.contains(*word)
    }

    /// Whether `word`'s lowercase is in the list, as `contains(&word.to_lowercase())`. Asked
    /// of names ("Delgado said"), in no list: an ASCII word is turned away by the length and
    /// the sketch of its lowercase without a copy, and copied on the stack only when it may be
    /// in the list. A word whose lowercase holds a character outside ASCII ("José", "Don’t")
    /// is not in a list of ASCII words, and is turned away without the copy.
    #[inline]
    pub fn contains_lowercase_of(&self, word: &str) -> bool {
        if !word.is_ascii() {
            if self.lookup().ascii && !word.chars().all(lowercases_to_ascii) {
                return false;
            }
            return self.contains(&word.to_lowercase().as_str());
        }
        let lookup = self.lookup();
        (lookup.shortest..=lookup.longest).contains(&word.len())
            && lookup
                .sketch
                .may_contain_lowercase_of_ascii(word.as_bytes())
            && with_lowercase(word, |lower| lookup.words.contains(lower))
    }

    fn lookup(&self) -> &Lookup {
        self.set.get_or_init(|| Lookup {
            words: self.words.iter().copied().collect(),
            ascii: self.words.iter().all(|w| w.is_ascii()),
            shortest: self.words.iter().map(|w| w.len()).min().unwrap_or(0),
            longest: self.words.iter().map(|w| w.len()).max().unwrap_or(0),
            sketch: Sketch::of(self.words.iter().copied()),
        })
    }

    /// The words in the order the list gives them.
    pub fn iter(&self) -> std::slice::Iter<'static, &'static str> {
        self.words.iter()
    }
}

/// Whether `c` is in the General Punctuation block (U+2000–U+206F): spaces, dashes, curly
/// quotes and apostrophes, the ellipsis. None of them is a letter or a digit, and none has a
/// case.
pub(crate) fn is_general_punctuation(c: char) -> bool {
    ('\u{2000}'..='\u{206F}').contains(&c)
}

/// Whether `c`'s lowercase is ASCII. Punctuation of the General Punctuation block (curly
/// quotes and apostrophes, dashes) has no case: its own lowercase, outside ASCII, known
/// without a search of the case tables.
pub(crate) fn lowercases_to_ascii(c: char) -> bool {
    c.is_ascii() || !is_general_punctuation(c) && c.to_lowercase().all(|l| l.is_ascii())
}

/// The Kelvin sign, the one character outside ASCII whose lowercase is ASCII ("k"):
/// [`spellings_of_lowercase`] relies on it being the only one.
const KELVIN_SIGN: char = '\u{212A}';

/// Every spelling, but for the case of ASCII letters, of a word whose lowercase is `word`, a
/// lowercase ASCII word: each "k" may be a Kelvin sign. A sketch made [`Sketch::of_any_case`]
/// of these spellings turns away, from its bytes alone, any word whose lowercase is not
/// `word`, ASCII or not: no other character outside ASCII lowercases to ASCII.
pub(crate) fn spellings_of_lowercase(word: &str) -> Vec<String> {
    let mut spellings = vec![String::new()];
    for c in word.chars() {
        let kelvin: Vec<String> = if c == 'k' {
            spellings
                .iter()
                .map(|spelling| format!("{spelling}{KELVIN_SIGN}"))
                .collect()
        } else {
            Vec::new()
        };
        for spelling in &mut spellings {
            spelling.push(c);
        }
        spellings.extend(kelvin);
    }
    spellings
}

/// Lowercase ASCII words, each with a value, asked of any word for the value of its lowercase,
/// as a map from lowercase words asked with `word.to_lowercase()` would answer, without the
/// copy: a word is turned away by one bit of a sketch of every spelling of the words
/// ([`spellings_of_lowercase`]), read from its bytes in place, whatever they are; a word the
/// sketch passes is compared, in any case, with the few words of the same bit only. For a
/// word looked up in several lists, one lookup answers them all.
pub(crate) struct LowercaseMap<V> {
    /// The bits of every spelling of every word, in any case ([`Sketch::of_any_case`]).
    sketch: Sketch<64>,
    /// How many of the sketch's bits are set in its 64-bit words before each: with those set
    /// below a bit in its own word, the bit's rank among the set bits.
    ranks: [u16; 64],
    /// Where the words of the set bit of each rank start in `words`, and one more: the end.
    starts: Vec<u16>,
    /// The words, lowercase ASCII letters, with their values, in the order of their bits.
    words: Vec<(&'static str, V)>,
}

impl<V: Copy> LowercaseMap<V> {
    /// The map of `words`, each lowercase ASCII letters only, each once.
    pub(crate) fn new(words: impl IntoIterator<Item = (&'static str, V)>) -> LowercaseMap<V> {
        let mut words: Vec<(&'static str, V)> = words.into_iter().collect();
        assert!(
            words
                .iter()
                .all(|(word, _)| word.bytes().all(|b| b.is_ascii_lowercase())),
            "a lowercase map's words are lowercase ASCII letters"
        );
        let spellings: Vec<String> = words
            .iter()
            .flat_map(|(word, _)| spellings_of_lowercase(word))
            .collect();
        let sketch = Sketch::<64>::of_any_case(spellings.iter().map(String::as_str));
        let bit = |word: &str| Sketch::<64>::bit(word.as_bytes(), |b| b | 0x20);
        words.sort_by_key(|(word, _)| bit(word));
        let mut ranks = [0; 64];
        let mut set = 0;
        for (rank, bits) in ranks.iter_mut().zip(sketch.0) {
            *rank = set;
            set += bits.count_ones() as u16;
        }
        let mut starts = Vec::with_capacity(usize::from(set) + 1);
        let mut next = 0;
        for at in (0..64 * 64).filter(|&at| sketch.has_bit(at)) {
            starts.push(next as u16);
            while next < words.len() && bit(words[next].0) == at {
                next += 1;
            }
        }
        starts.push(next as u16);
        assert_eq!(next, words.len(), "every word's bit is set");
        LowercaseMap {
            sketch,
            ranks,
            starts,
            words,
        }
    }

    /// Whether the map may hold the lowercase of the word with bytes `word`, ASCII or not:
    /// `false` only when it does not.
    #[inline]
    pub(crate) fn may_hold_lowercase_of(&self, word: &[u8]) -> bool {
        self.sketch.may_contain_any_case(word)
    }

    /// The value of the lowercase of `word`, an ASCII word in any case.
    pub(crate) fn get_ascii_in_any_case(&self, word: &[u8]) -> Option<V> {
        let bit = Sketch::<64>::bit(word, |b| b | 0x20);
        if !self.sketch.has_bit(bit) {
            return None;
        }
        let below = self.sketch.0[bit / 64] & ((1 << (bit % 64)) - 1);
        let rank = usize::from(self.ranks[bit / 64]) + below.count_ones() as usize;
        let (start, end) = (self.starts[rank], self.starts[rank + 1]);
        // The words are lowercase letters: a byte is one of them in any case when it is with
        // its 0x20 bit set, and no other byte is.
        self.words[usize::from(start)..usize::from(end)]
            .iter()
            .find(|(listed, _)| {
                listed.len() == word.len() && listed.bytes().zip(word).all(|(l, &b)| b | 0x20 == l)
            })
            .map(|&(_, value)| value)
    }

    /// The value of `word`'s lowercase, any word: one outside ASCII is lowercased only when
    /// its lowercase is ASCII, and so may be in the map.
    pub(crate) fn get_lowercase_of(&self, word: &str) -> Option<V> {
        if word.is_ascii() {
            self.get_ascii_in_any_case(word.as_bytes())
        } else if word.chars().all(lowercases_to_ascii) {
            self.get_ascii_in_any_case(word.to_lowercase().as_bytes())
        } else {
            None
        }
    }
}

/// Calls `f` with `s` in lowercase: `s` itself when it is lowercase ASCII already (most words
/// before a period or a quote), else on the stack for a short ASCII word (a surname), without
/// a lowercase copy on the heap.
pub(crate) fn with_lowercase<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return f(s);
    }
    with_lowercase_bytes(s, |lower| f(std::str::from_utf8(lower).unwrap_or_default()))
}

/// Calls `f` with the UTF-8 bytes of `s` in lowercase, on the stack for a short ASCII word:
/// for a lookup keyed by bytes, which need not check the copy again as UTF-8.
pub(crate) fn with_lowercase_bytes<R>(s: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    let mut buf = [0u8; 64];
    match buf.get_mut(..s.len()) {
        Some(lower) if s.is_ascii() => {
            lower.copy_from_slice(s.as_bytes());
            lower.make_ascii_lowercase();
            f(lower)
        }
        _ => f(s.to_lowercase().as_bytes()),
    }
}

/// How an attribution verb behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueKind {
    /// A neutral speech verb: said, says, told, added.
    Neutral,
    /// A verb that passes judgement on the speaker: admitted, claimed, slammed.
    Loaded,
    /// A verb that does not carry speech: smiled, laughed.
    NonSpeech,
    /// A participle that attributes to the main clause's subject: saying, calling, adding.
    Participle,
}

/// Speech verbs that attribute words to a speaker, in the forms news copy uses.
pub static NEUTRAL_CUES: WordList = WordList::new(&[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "tell",
    "added",
    "adds",
    "asked",
    "asks",
    "replied",
    "replies",
    "wrote",
    "writes",
    "posted",
    "posts",
    "tweeted",
    "tweets",
    "stated",
    "states",
    "declared",
    "explained",
    "explains",
    "noted",
    "notes",
    "continued",
    "continues",
    "recalled",
    "recalls",
    "argued",
    "argues",
    "warned",
    "warns",
    "acknowledged",
    "acknowledges",
    "announced",
    "announces",
    "described",
    "describes",
    "called",
    "calls",
    "suggested",
    "suggests",
    "testified",
    "remarked",
    "responded",
    "responds",
    "answered",
    "shouted",
    "yelled",
    "whispered",
    "cautioned",
    "predicted",
    "complained",
    "complains",
    "countered",
    "lamented",
    "joked",
    "quipped",
    "observed",
    "emphasized",
    "stressed",
    "maintained",
    "contended",
    "asserted",
    "promised",
    "vowed",
    "pledged",
    "agreed",
    "echoed",
    "texted",
    "emailed",
    "messaged",
    "recounted",
    "reiterated",
    "urged",
    "thinks",
    "believes",
    "cried",
    "screamed",
    "mused",
    "wondered",
    "reflected",
    "reasoned",
    "objected",
    "protested",
    "demanded",
    "announced",
    "testifies",
    "writes",
    "disputed",
    "denied",
    "denies",
    "affirmed",
    "confirmed",
    "confirms",
    "estimated",
    "estimates",
    "concluded",
    "boasted",
    "bragged",
    "griped",
    "grumbled",
    "muttered",
    "murmured",
    "repeated",
    "recalled",
    "advised",
    "ordered",
    "reported",
    "reports",
    "commented",
    "comments",
    "exclaimed",
    "reads",
    "read",
    "sang",
    "sings",
    "chanted",
    "chants",
    "shouts",
    "interjected",
    "elaborated",
    "retorted",
    "snapped",
    "pleaded",
    "yells",
    "whispers",
    "cries",
    "screams",
    "exclaims",
    "demands",
    "wonders",
    "answers",
    "jokes",
    "quips",
    "insist",
    "recounts",
    "remarks",
    "observes",
    "counters",
    "cautions",
    "predicts",
    "laments",
    "muses",
    "urges",
    "concludes",
    "pleads",
    "declares",
    "stresses",
    "emphasizes",
    "maintains",
    "contends",
    "asserts",
    "reasons",
    "protests",
    "objects",
    "boasts",
    "recites",
    "recited",
]);

/// Attribution verbs that pass judgement (AP; Wikipedia MOS:SAID).
pub static LOADED_CUES: WordList = WordList::new(&[
    "admitted",
    "admits",
    "claimed",
    "claims",
    "conceded",
    "concedes",
    "confessed",
    "confesses",
    "insisted",
    "insists",
    "slammed",
    "slams",
    "blasted",
    "blasts",
    "charged",
    "revealed",
    "reveals",
    "disclosed",
    "discloses",
    "lashed",
    "ranted",
    "whined",
    "alleged",
    "alleges",
    "scoffed",
    "sneered",
    "bragged",
    "boasted",
    "griped",
]);

/// Verbs that cannot carry words (“Great movie,” she smiled).
pub static NONSPEECH_CUES: WordList = WordList::new(&[
    "smiled", "laughed", "grinned", "sighed", "shrugged", "nodded", "chuckled", "beamed",
    "frowned", "winced", "giggled", "snorted", "smirked", "sniffed", "gushed",
]);

/// Participles that hang attribution on the sentence's subject: “…,” calling it “a disgrace.”
pub static PARTICIPLE_CUES: WordList = WordList::new(&[
    "saying",
    "adding",
    "telling",
    "noting",
    "calling",
    "describing",
    "writing",
    "arguing",
    "warning",
    "insisting",
    "claiming",
    "explaining",
    "asking",
    "declaring",
    "posting",
    "tweeting",
    "stating",
    "urging",
    "answering",
    "replying",
    "acknowledging",
    "admitting",
    "recalling",
    "predicting",
    "promising",
    "vowing",
    "complaining",
    "chanting",
    "shouting",
    "yelling",
    "joking",
    "quipping",
    "muttering",
    "whispering",
    "pleading",
    "demanding",
    "wondering",
    "boasting",
    "crying",
    "screaming",
    "texting",
    "emailing",
    "conceding",
    "countering",
    "cautioning",
    "stressing",
    "observing",
    "remarking",
    "responding",
    "announcing",
]);

/// Every word [`cue_kind`] knows.
pub fn cue_words() -> impl Iterator<Item = &'static str> {
    [
        &PARTICIPLE_CUES,
        &NONSPEECH_CUES,
        &NEUTRAL_CUES,
        &LOADED_CUES,
    ]
    .into_iter()
    .flat_map(|list| list.iter().copied())
}

pub fn cue_kind(word: &str) -> Option<CueKind> {
    // Asked of nearly every word of a draft: one hash lookup instead of four list searches.
    // Later inserts win, so a word in two lists gets the kind checked first before: loaded,
    // then neutral, nonspeech, participle.
    type Cues = FxHashMap<&'static str, CueKind>;
    static CUES: OnceLock<(Sketch, Cues)> = OnceLock::new();
    let (sketch, cues) = CUES.get_or_init(|| {
        let mut map = Cues::default();
        for (list, kind) in [
            (&PARTICIPLE_CUES, CueKind::Participle),
            (&NONSPEECH_CUES, CueKind::NonSpeech),
            (&NEUTRAL_CUES, CueKind::Neutral),
            (&LOADED_CUES, CueKind::Loaded),
        ] {
            for word in list.iter() {
                map.insert(*word, kind);
            }
        }
        (Sketch::of(map.keys().copied()), map)
    });
    if !sketch.may_contain(word) {
        return None;
    }
    cues.get(word).copied()
}

/// Verbs that only attribute speech when the quote is right beside them (a trailing or leading
/// quote), not when they report an action: "called the meeting", "described the scene".
pub static WEAK_CUES: WordList = WordList::new(&[
    "called",
    "calls",
    "calling",
    "described",
    "describes",
    "describing",
    "urged",
    "urging",
    "ordered",
    "advised",
    "agreed",
    "denied",
    "denies",
    "confirmed",
    "confirms",
    "estimated",
    "estimates",
    "disputed",
    "promised",
    "promising",
    "vowed",
    "vowing",
    "pledged",
    "thinks",
    "believes",
    "posted",
    "posts",
    "charged",
    "reveals",
    "revealed",
    "concluded",
    "repeated",
    "objected",
    "demanded",
    "observed",
    "maintained",
    "reads",
    "read",
    "sang",
    "sings",
    "chanted",
    "chants",
    "snapped",
    "urges",
    "demands",
    "maintains",
    "concludes",
    "observes",
    "objects",
    "recites",
    "recited",
]);

/// Capitalised title words that can stand before a name: "Council President Maria Delgado".
/// A run of capitalised words is split after its last title word.
pub static TITLE_HEADS: WordList = WordList::new(&[
    "President",
    "President-elect",
    "Vice",
    "Director",
    "Chair",
    "Chairman",
    "Chairwoman",
    "Chairperson",
    "Commissioner",
    "Manager",
    "Secretary",
    "Minister",
    "Senator",
    "Sen.",
    "Rep.",
    "Representative",
    "Gov.",
    "Governor",
    "Lt.",
    "Mayor",
    "Judge",
    "Justice",
    "Chief",
    "Officer",
    "Sheriff",
    "Superintendent",
    "Principal",
    "Coach",
    "Dr.",
    "Prof.",
    "Professor",
    "Gen.",
    "General",
    "Col.",
    "Colonel",
    "Sgt.",
    "Sergeant",
    "Capt.",
    "Captain",
    "Adm.",
    "Admiral",
    "Maj.",
    "Major",
    "Cmdr.",
    "Ambassador",
    "Councilwoman",
    "Councilman",
    "Councilmember",
    "Councillor",
    "Councilor",
    "Alderman",
    "Alderwoman",
    "Trustee",
    "Treasurer",
    "Clerk",
    "Attorney",
    "Prosecutor",
    "Speaker",
    "Leader",
    "Pope",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Rev.",
    "Reverend",
    "Bishop",
    "Archbishop",
    "Cardinal",
    "Rabbi",
    "Imam",
    "Deputy",
    "Assistant",
    "Executive",
    "CEO",
    "Spokesperson",
    "Spokeswoman",
    "Spokesman",
    "Inspector",
    "Detective",
    "Chancellor",
    "Provost",
    "Dean",
    "Premier",
    "Chancellor",
    "Envoy",
    "Auditor",
    "Comptroller",
    "Controller",
    "Assemblyman",
    "Assemblywoman",
    "Assemblymember",
    "Delegate",
    "Supervisor",
    "Administrator",
    "Coordinator",
    "Commander",
    "Marshal",
    "Constable",
    "Lieutenant",
    "Corporal",
    "Private",
    "Warden",
    "Founder",
    "Chairs",
    "Emir",
    "Sheikh",
    "Sultan",
    "Lord",
    "Lady",
    "Sir",
    "Dame",
    "Father",
    "Sister",
    "Brother",
    "Pastor",
    "Elder",
    "Magistrate",
    "Registrar",
    "Recorder",
    "Solicitor",
    "Counsel",
    "Editor",
    "Publisher",
    "Producer",
    "Analyst",
    "Economist",
    "Historian",
    "Officer",
    "Member",
    "Fellow",
    "Head",
    "Owner",
    "Partner",
    "Physician",
    "Nurse",
    "Surgeon",
    "Moderator",
    "Challenger",
    "Candidate",
    "Nominee",
    "Organizer",
    "Activist",
    "Chef",
    "Pitcher",
    "Shortstop",
    "Forward",
    "Quarterback",
]);

/// Honorifics: part of how a name is written, not a role.
pub static HONORIFICS: WordList = WordList::new(&["Mr.", "Mrs.", "Ms.", "Miss", "Mx.", "Messrs."]);

/// Lowercase nouns that name a role; they make "his special envoy Steve Witkoff" a role and
/// "the mayor said" a role reference.
pub static ROLE_NOUNS: WordList = WordList::new(&[
    "president",
    "envoy",
    "spokesperson",
    "spokeswoman",
    "spokesman",
    "spokespeople",
    "owner",
    "neighbor",
    "neighbour",
    "director",
    "secretary",
    "minister",
    "adviser",
    "advisor",
    "aide",
    "lawyer",
    "attorney",
    "chief",
    "official",
    "chairman",
    "chairwoman",
    "chair",
    "executive",
    "officer",
    "commissioner",
    "manager",
    "coach",
    "leader",
    "candidate",
    "activist",
    "resident",
    "founder",
    "ceo",
    "analyst",
    "economist",
    "professor",
    "researcher",
    "historian",
    "mother",
    "father",
    "wife",
    "husband",
    "son",
    "daughter",
    "brother",
    "sister",
    "friend",
    "colleague",
    "partner",
    "author",
    "writer",
    "artist",
    "singer",
    "actor",
    "player",
    "teacher",
    "student",
    "pastor",
    "mayor",
    "governor",
    "senator",
    "representative",
    "lawmaker",
    "councilwoman",
    "councilman",
    "councilmember",
    "superintendent",
    "principal",
    "sheriff",
    "judge",
    "prosecutor",
    "detective",
    "inspector",
    "general",
    "commander",
    "ambassador",
    "diplomat",
    "negotiator",
    "organizer",
    "organiser",
    "volunteer",
    "employee",
    "worker",
    "nurse",
    "doctor",
    "physician",
    "surgeon",
    "scientist",
    "expert",
    "economist",
    "strategist",
    "consultant",
    "contractor",
    "developer",
    "landlord",
    "tenant",
    "farmer",
    "owner",
    "treasurer",
    "clerk",
    "trustee",
    "member",
    "head",
    "deputy",
    "auditor",
    "chancellor",
    "dean",
    "premier",
    "king",
    "queen",
    "pope",
    "cardinal",
    "bishop",
    "rabbi",
    "imam",
    "administrator",
    "supervisor",
    "coordinator",
    "editor",
    "publisher",
    "producer",
    "reporter",
    "journalist",
    "correspondent",
    "columnist",
    "photographer",
    "pilot",
    "captain",
    "firefighter",
    "medic",
    "paramedic",
    "mechanic",
    "engineer",
    "architect",
    "planner",
    "retiree",
    "veteran",
    "survivor",
    "witness",
    "victim",
    "widow",
    "grandmother",
    "grandfather",
    "uncle",
    "aunt",
    "cousin",
    "boss",
    "chef",
    "driver",
    "clerk",
    "cashier",
    "vendor",
    "shopkeeper",
    "director-general",
    "vice-president",
    "co-founder",
    "cofounder",
    "counsel",
    "lobbyist",
    "regulator",
    "moderator",
    "host",
]);

/// Words that make a different office of the one they qualify: a Deputy Mayor is not "the
/// mayor", a former president not "the president". A role reference matches a role with one of
/// these only when it says it too ("the deputy mayor").
pub static RANK_QUALIFIERS: WordList = WordList::new(&[
    "deputy",
    "vice",
    "assistant",
    "associate",
    "acting",
    "interim",
    "former",
    "lieutenant",
    "co",
    "sub",
    "under",
]);

/// Head nouns of anonymous sources: "a senior official", "three people familiar with the talks".
pub static ANONYMOUS_HEADS: WordList = WordList::new(&[
    "official",
    "officials",
    "source",
    "sources",
    "person",
    "people",
    "aide",
    "aides",
    "member",
    "members",
    "diplomat",
    "diplomats",
    "staffer",
    "staffers",
    "employee",
    "employees",
    "insider",
    "insiders",
    "executive",
    "executives",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "lawmaker",
    "lawmakers",
    "officer",
    "officers",
    "individual",
    "individuals",
    "associate",
    "associates",
    "confidant",
    "confidants",
    "ally",
    "allies",
    "operative",
    "operatives",
    "strategist",
    "strategists",
    "investigator",
    "investigators",
    "agent",
    "agents",
    "negotiator",
    "negotiators",
    "representative",
    "representatives",
    "worker",
    "workers",
    "spokesperson",
]);

/// Words that make a noun phrase indefinite (and so, with an anonymous head, anonymous).
pub static INDEFINITE: WordList = WordList::new(&[
    "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "several", "some", "multiple", "many", "other", "another", "numerous", "various", "few",
    "dozens", "more", "most", "certain",
]);

/// Nouns for documents: "according to court records" is documentary attribution, not a source.
pub static DOCUMENT_NOUNS: WordList = WordList::new(&[
    "records",
    "record",
    "documents",
    "document",
    "data",
    "report",
    "reports",
    "filings",
    "filing",
    "figures",
    "estimates",
    "estimate",
    "analysis",
    "analyses",
    "survey",
    "surveys",
    "poll",
    "polls",
    "study",
    "studies",
    "papers",
    "statement",
    "statements",
    "release",
    "transcript",
    "transcripts",
    "minutes",
    "budget",
    "audit",
    "census",
    "complaint",
    "lawsuit",
    "indictment",
    "affidavit",
    "memo",
    "memos",
    "letter",
    "letters",
    "emails",
    "email",
    "filing",
    "website",
    "post",
    "posts",
    "statistics",
    "tally",
    "count",
    "results",
    "projections",
    "forecast",
    "forecasts",
    "logs",
    "receipts",
    "invoices",
    "contract",
    "contracts",
    "proposal",
    "plan",
    "order",
    "ruling",
    "opinion",
    "decision",
    "notice",
    "notices",
    "guidelines",
    "rules",
    "law",
    "bill",
    "testimony",
    "research",
    "review",
    "investigation",
    "findings",
    "assessment",
    "models",
    "map",
    "maps",
    "tweet",
    "video",
]);

/// Nouns that make a statement a speaker: "the statement said".
pub static STATEMENT_NOUNS: WordList = WordList::new(&[
    "statement",
    "release",
    "announcement",
    "letter",
    "post",
    "memo",
    "email",
]);

/// Capitalised words that end an organisation's name: "Harbor Port Authority", "Acme Inc."
pub static ORG_HEADS: WordList = WordList::new(&[
    "Council",
    "Authority",
    "Department",
    "Ministry",
    "Agency",
    "Commission",
    "Committee",
    "Board",
    "Office",
    "Police",
    "Court",
    "Company",
    "Inc.",
    "Corp.",
    "Co.",
    "LLC",
    "Ltd.",
    "Group",
    "Bank",
    "University",
    "College",
    "Institute",
    "Association",
    "Union",
    "Party",
    "Administration",
    "Service",
    "Services",
    "Foundation",
    "Fund",
    "Center",
    "Centre",
    "Hospital",
    "District",
    "Society",
    "Network",
    "Corporation",
    "Coalition",
    "Alliance",
    "Federation",
    "Organization",
    "Organisation",
    "Parliament",
    "Congress",
    "Senate",
    "Assembly",
    "Cabinet",
    "Government",
    "Bureau",
    "Kremlin",
    "Pentagon",
    "Army",
    "Navy",
    "Guard",
    "Campaign",
    "Team",
    "Club",
    "League",
    "Times",
    "Post",
    "News",
    "Press",
    "Journal",
    "Ledger",
    "Herald",
    "Tribune",
    "Magazine",
    "Schools",
    "School",
    "Church",
    "Trust",
    "Partners",
    "Holdings",
    "Industries",
    "Airlines",
    "Motors",
    "Systems",
    "Technologies",
    "Labs",
    "Media",
    "Council's",
    "Commission's",
    "Mutual",
    "Transit",
    "Homes",
    "Properties",
    "Realty",
    "Builders",
    "Construction",
    "Insurance",
    "Bancorp",
    "Energy",
    "Capital",
    "Associates",
    "Logistics",
    "Utilities",
    "Railway",
    "Railroad",
    "Airport",
    "Port",
    "Library",
    "Museum",
    "Clinic",
    "Co-op",
    "Cooperative",
    "Caucus",
    "Festival",
    "Foods",
    "Markets",
]);

/// Organisations news copy names with a bare "the": "the White House said".
pub static KNOWN_ORGS: WordList = WordList::new(&[
    "Kremlin",
    "White House",
    "Pentagon",
    "Vatican",
    "State Department",
    "Justice Department",
    "Elysee",
    "Élysée",
    "Foreign Ministry",
    "Downing Street",
    "Congress",
    "Senate",
    "House",
    "Supreme Court",
    "FBI",
    "CIA",
    "NATO",
    "EU",
    "UN",
    "U.N.",
    "WHO",
    "IMF",
    "Fed",
    "Treasury",
]);

/// Words after which a subject starts a clause of its own: "He said that sources…", "But critics
/// say", "as many believe". Checked case-insensitively by the pattern rules.
pub const CLAUSE_OPENERS: &[&str] = &[
    "that",
    "and",
    "but",
    "while",
    "as",
    "because",
    "though",
    "although",
    "so",
    "where",
    "when",
    "since",
    "if",
    "yet",
    "now",
    "meanwhile",
    "even",
    "still",
    "however",
];

/// Pronouns that can stand for a speaker in an attribution.
pub static SPEAKER_PRONOUNS: WordList = WordList::new(&["he", "she", "they", "it", "i", "we"]);

/// Adverbs and auxiliaries that sit between a speaker and the verb: "Trump also said", "she has said".
pub static BETWEEN_SUBJECT_AND_CUE: WordList = WordList::new(&[
    "also",
    "later",
    "then",
    "previously",
    "earlier",
    "recently",
    "repeatedly",
    "once",
    "again",
    "has",
    "have",
    "had",
    "would",
    "will",
    "could",
    "might",
    "may",
    "did",
    "does",
    "do",
    "often",
    "frequently",
    "publicly",
    "privately",
    "flatly",
    "simply",
    "only",
    "first",
    "further",
    "subsequently",
    "quickly",
    "finally",
    "herself",
    "himself",
    "themselves",
    "itself",
    "still",
    "now",
    "already",
    "just",
    "long",
    "angrily",
    "bluntly",
    "candidly",
    "calmly",
    "quietly",
    "loudly",
    "softly",
    "emphatically",
    "bitterly",
    "proudly",
    "sharply",
    "firmly",
    "confidently",
    "sadly",
    "simply",
    "wryly",
    "tersely",
    "curtly",
    "cheerfully",
    "openly",
    "told",
    "never",
]);

/// Months and days: capitalised words that are never names.
pub static CALENDAR: WordList = WordList::new(&[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Jan.",
    "Feb.",
    "Aug.",
    "Sept.",
    "Sep.",
    "Oct.",
    "Nov.",
    "Dec.",
    "Today",
    "Tonight",
    "Yesterday",
]);

/// Capitalised words that start sentences but never names.
pub static FUNCTION_WORDS: WordList = WordList::new(&[
    "The",
    "A",
    "An",
    "In",
    "On",
    "At",
    "But",
    "And",
    "Or",
    "If",
    "As",
    "When",
    "While",
    "After",
    "Before",
    "Since",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Here",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "My",
    "Your",
    "You",
    "For",
    "From",
    "To",
    "With",
    "Without",
    "By",
    "Of",
    "About",
    "Asked",
    "Some",
    "Many",
    "Most",
    "Much",
    "All",
    "No",
    "Not",
    "One",
    "Two",
    "Three",
    "Yet",
    "Still",
    "So",
    "Then",
    "Now",
    "Even",
    "According",
    "Under",
    "Over",
    "During",
    "Despite",
    "Although",
    "Though",
    "Because",
    "Why",
    "What",
    "Who",
    "How",
    "Where",
    "Which",
    "Whose",
    "Once",
    "Last",
    "Next",
    "Each",
    "Every",
    "Both",
    "Neither",
    "Either",
    "Such",
    "Other",
    "Another",
    "Other",
    "Only",
    "Just",
    "Also",
    "Instead",
    "Meanwhile",
    "However",
    "Still",
    "Later",
    "Earlier",
    "Critics",
    "Officials",
    "Sources",
    "Residents",
    "Experts",
    "Analysts",
    "Opponents",
    "Supporters",
    "Police",
    "Asked",
    "Like",
    "Unlike",
    "Among",
    "Between",
    "Through",
    "Across",
    "Against",
    "Toward",
    "Towards",
    "Into",
    "Upon",
    "Within",
    "Outside",
    "Inside",
    "Near",
    "Behind",
    "Beyond",
    "Mr",
    "Mrs",
    "Ms",
    "Do",
    "Does",
    "Did",
    "Is",
    "Are",
    "Was",
    "Were",
    "Be",
    "Has",
    "Have",
    "Had",
    "Will",
    "Would",
    "Can",
    "Could",
    "Should",
    "May",
    "Might",
    "Must",
    "Let",
    "Yes",
    "Oh",
    "Well",
    "Please",
    "Thank",
    "Thanks",
    "Sure",
    "OK",
    "Okay",
]);

/// Particles inside names: "Ursula von der Leyen", "Carlos de la Cruz".
pub static NAME_PARTICLES: WordList = WordList::new(&[
    "de", "da", "del", "della", "der", "den", "di", "du", "la", "le", "van", "von", "bin", "ibn",
    "al", "el", "ben", "dos", "das", "y", "st.", "mc",
]);

/// Name suffixes.
pub static NAME_SUFFIXES: WordList = WordList::new(&["Jr.", "Sr.", "II", "III", "IV", "Jr", "Sr"]);

/// Phrases that say why a source was granted anonymity (AP, NYT, NPR): their presence in the same
/// or the next sentence explains an anonymous attribution.
pub const ANONYMITY_REASONS: &[&str] = &[
    "anonymity",
    "anonymously",
    "not to be named",
    "not be named",
    "not to be identified",
    "not be identified",
    "without being named",
    "without being identified",
    "not authorized",
    "not authorised",
    "unauthorized to",
    "weren't authorized",
    "wasn't authorized",
    "name be withheld",
    "names be withheld",
    "name not be used",
    "names not be used",
    "not to be quoted",
    "not be quoted",
    "declined to be named",
    "declined to be identified",
    "fear of reprisal",
    "fear of retaliation",
    "not permitted to",
    "not allowed to speak",
    "without attribution",
    "requested that their names",
    "requested that his name",
    "requested that her name",
    "on background",
    "identified only by",
];

/// `word` (a listed word, in lowercase) as a draft may spell it: in lowercase, capitalised, in
/// capitals, and with a Kelvin sign for each "k", the one character outside ASCII whose
/// lowercase is ASCII. The lookups' tests ask each of them.
#[cfg(test)]
pub(crate) fn spellings_in_any_case(word: &str) -> [String; 4] {
    let mut capitalised = word.to_string();
    capitalised[..1].make_ascii_uppercase();
    [
        word.to_string(),
        capitalised,
        word.to_ascii_uppercase(),
        word.replace('k', &KELVIN_SIGN.to_string()),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// On the stack or not, the word handed over is the word in lowercase: ASCII with
        /// capitals, longer than the stack copy, and characters whose lowercase is ASCII (the
        /// Kelvin sign) or longer (İ).
        #[test]
        fn with_lowercase_gives_the_lowercase_word(word in "[aZ.\u{212A}\u{130}Éé😀]{0,70}") {
            let lower = with_lowercase(&word, str::to_string);
            proptest::prop_assert_eq!(&lower, &word.to_lowercase());
            proptest::prop_assert_eq!(with_lowercase_bytes(&word, <[u8]>::to_vec), lower.into_bytes());
        }

        /// Any word, with capitals or characters whose lowercase is ASCII (the Kelvin sign),
        /// longer (İ) or outside ASCII (É, ’), is in a list as its lowercase is.
        #[test]
        fn a_list_holds_a_words_lowercase_as_it_holds_the_lowercase(
            word in "[aeHhiKknsoT'\u{212A}\u{130}É’]{0,6}"
        ) {
            for list in [&HONORIFICS, &FUNCTION_WORDS, &ROLE_NOUNS] {
                proptest::prop_assert_eq!(
                    list.contains_lowercase_of(&word),
                    list.contains(&word.to_lowercase().as_str())
                );
            }
        }
    }

    /// The Kelvin sign is the one character outside ASCII whose lowercase is all ASCII:
    /// [`spellings_of_lowercase`] gives a word's every spelling only while that holds.
    #[test]
    fn only_the_kelvin_sign_lowercases_from_outside_ascii_to_ascii() {
        let to_ascii: Vec<char> = (0x80..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| c.to_lowercase().all(|l| l.is_ascii()))
            .collect();
        assert_eq!(to_ascii, [KELVIN_SIGN]);
        assert_eq!(KELVIN_SIGN.to_lowercase().to_string(), "k");
    }

    /// A word's spellings are every word whose lowercase it is but for ASCII case: one for
    /// each choice of a Kelvin sign or a "k" at each "k", none twice.
    #[test]
    fn a_words_spellings_lowercase_to_it() {
        for (word, count) in [("said", 1), ("asked", 2), ("kicked", 4), ("", 1)] {
            let spellings = spellings_of_lowercase(word);
            assert_eq!(spellings.len(), count, "{word}");
            let distinct: FxHashSet<&String> = spellings.iter().collect();
            assert_eq!(distinct.len(), count, "{word}");
            for spelling in &spellings {
                assert_eq!(spelling.to_lowercase(), word, "{spelling}");
            }
        }
    }

    /// Every word of a list, in lowercase, capitalised, in capitals and with a Kelvin sign for
    /// its "k", and those with a letter more or less, are in the list as their lowercase is.
    #[test]
    fn a_list_finds_its_words_in_any_case() {
        // Not the name suffixes: they are not all lowercase ("Jr.").
        for list in [&HONORIFICS, &ROLE_NOUNS, &FUNCTION_WORDS, &NEUTRAL_CUES] {
            for word in list.iter() {
                for form in spellings_in_any_case(word) {
                    // Lowercase words are found in any case; the others ("Mr.") as their
                    // lowercase is.
                    let lowercase_word = *word == word.to_lowercase();
                    assert!(
                        !lowercase_word || list.contains_lowercase_of(&form),
                        "{form}"
                    );
                    let (longer, mut shorter) = (format!("{form}x"), form.clone());
                    shorter.pop();
                    for miss in [&form, &longer, &shorter] {
                        let expected = list.contains(&miss.to_lowercase().as_str());
                        assert_eq!(list.contains_lowercase_of(miss), expected, "{miss}");
                    }
                }
            }
        }
        assert!(!FUNCTION_WORDS.contains_lowercase_of("\u{130}t"));
    }

    /// A list with a word outside ASCII finds it in any case, as the lists of ASCII words
    /// turn such words away without lowering them.
    #[test]
    fn a_list_with_a_word_outside_ascii_finds_it_in_any_case() {
        static NAMES: WordList = WordList::new(&["josé", "don’t", "kin"]);
        for word in [
            "josé",
            "José",
            "JOSÉ",
            "don’t",
            "Don’t",
            "\u{212A}in",
            "KIN",
        ] {
            assert!(NAMES.contains_lowercase_of(word), "{word}");
        }
        for word in ["jose", "dont", "Don't", "José’s", "kiN\u{301}"] {
            assert!(!NAMES.contains_lowercase_of(word), "{word}");
        }
    }

    #[test]
    fn a_list_finds_its_words_and_no_others() {
        for list in [&NAME_SUFFIXES, &HONORIFICS, &ROLE_NOUNS, &FUNCTION_WORDS] {
            for word in list.iter() {
                assert!(list.contains(word), "{word}");
            }
        }
        for word in ["", "J", "Jr.,", "Junior", "jr", "IIII"] {
            assert!(!NAME_SUFFIXES.contains(&word), "{word}");
        }
        static EMPTY: WordList = WordList::new(&[]);
        assert!(!EMPTY.contains(&""));
        assert!(!EMPTY.contains(&"a"));
    }

    /// The sketch only answers no for words not in the list: every list and the cue table
    /// answer as a search of their words does, for their words and their near misses.
    #[test]
    fn the_sketch_never_turns_away_a_word_of_the_list() {
        let lists = [
            &NAME_SUFFIXES,
            &HONORIFICS,
            &ROLE_NOUNS,
            &FUNCTION_WORDS,
            &NEUTRAL_CUES,
            &LOADED_CUES,
            &WEAK_CUES,
        ];
        let mut turned_away = 0;
        for list in lists {
            for word in lists.iter().flat_map(|l| l.iter()) {
                let mut variants = vec![word.to_string(), word.to_uppercase(), format!("{word}s")];
                variants.push(word.chars().rev().collect());
                for variant in variants {
                    let listed = list.iter().any(|w| *w == variant);
                    assert_eq!(list.contains(&variant.as_str()), listed, "{variant}");
                    let sketched = list.set.get().expect("asked").sketch.may_contain(&variant);
                    turned_away += usize::from(!sketched);
                }
            }
        }
        for word in NEUTRAL_CUES.iter().chain(LOADED_CUES.iter()) {
            assert!(cue_kind(word).is_some(), "{word}");
            assert_eq!(cue_kind(&format!("{word}x")), None, "{word}x");
        }
        // It does turn most of the others away, or it would be no use.
        assert!(turned_away > 1000, "{turned_away}");
    }
}
