//! `bare-source`: an unmodified "a source" or "sources said".
//!
//! **Catches**: the noun "source(s)" used as attribution with nothing to say who the source is:
//! `A source said`, `sources say`, `a source told Reuters`, `two unnamed sources confirmed`,
//! `according to sources`, `“…,” said a source.` Counting words and empty adjectives
//! ("two", "several", "unnamed", "anonymous", "informed") are not a description.
//!
//! **Not caught**: a described source (`a source close to the mayor`, `a source familiar with the
//! talks`, `a Pentagon source`, `sources in the ministry`): that is anonymous sourcing, which
//! `anonymous-source` lists for review. Nor "the source said" (a second reference), other senses
//! of the word (`water sources`, `sources of revenue`), or a source in someone's quoted words.
//!
//! **Why**: AP's 2004 guidance on anonymous sources: "'a source,' unmodified, is almost always
//! prohibited"; the story must say as much as it can about the source's position and how they
//! know. NPR, Reuters and The New York Times (2004 policy) ask the same: readers judge the
//! information by who gave it.
//!
//! **Example** (flagged): `A source said the deal is off.`

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::Context;
use super::triggers::Reading;
use super::{Trigger, in_quote};
use crate::lexicon::CLAUSE_OPENERS;
use crate::model::{Diagnostic, Severity};
use crate::wording;

/// The source noun with words that count or decorate it but do not describe it.
const NOUN_PHRASE: &str = r"
    (?: (?: a | an | one | two | three | four | five | six | seven | eight | nine | ten | [0-9]+ | several | some
          | multiple | many | numerous | various | a\ few | few | another | more ) \s+ )?
    (?: (?: other | unnamed | anonymous | unidentified | confidential | reliable | trusted | informed
          | well-placed | credible | knowledgeable | private | secret ) ,?\s+ ){0,2}
    sources?";

/// Verbs of saying after the source: "sources said", "a source told".
const VERB: &str = r"
    (?: said | say | says | saying | told | tell | tells | confirmed | confirm | confirms | indicated | indicate
      | indicates | suggested | suggest | suggests | claimed | claim | claims | added | insisted | insist
      | insists | warned | warn | warns | explained | noted | note | notes | described | stated | maintained
      | maintain | maintains | alleged | allege | alleges | revealed | reveal | reveals | disclosed | contended
      | contend | contends | reported | acknowledged | argued | argue | argues | believe | believes | believed
      | estimated | estimate | estimates | speculated | asserted | predicted | expect | expects | expected )";

/// Words allowed between the source and its verb: "sources also said", "a source has told".
const BETWEEN: &str = r"
    (?: (?: also | later | then | have | has | had | previously | earlier | separately | privately | initially
          | reportedly | repeatedly | independently | subsequently | further | would | could | did | do | does )
        \s+ )?";

/// Every bare source contains this.
pub(super) static TRIGGER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[Ss]ource").expect("bare-source trigger"));

/// A bare source starts up to 80 bytes before its trigger and ends up to 120 bytes after it.
pub(super) const READING: Reading = Reading::Around {
    back: 80,
    ahead: 120,
};

/// A bare source as the subject of a verb of saying, or as the object of one. Its groups are
/// told from a match's text ([`told`]): a change to the pattern changes that too.
pub(super) static BARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?xi-u)
        (?-u:\b) (?P<subject> {NOUN_PHRASE} ) (?-u:\b) \s+ {BETWEEN} {VERB} (?-u:\b)
        | (?-u:\b) (?: according \s+ to | said | says | citing | per ) \s+ (?P<object> {NOUN_PHRASE} ) (?-u:\b)
          \s* (?: [.,;:!?)\n] | — | – | ” | \z )
        "
    ))
    .expect("bare-source regex")
});


/// The group of [`BARE`] a match of it took part in, and where in the match, told from its
/// text (`None` where it does not tell): a match that starts with a word of saying (`said`,
/// `according to`, …) is the `object` alternative's, as no word of the noun phrase is one; any
/// other is the `subject`'s. Either group is the noun phrase, from the match's start or after
/// the word of saying and its spaces to the match's first "source", with its "s" if one
/// follows (no other word of the phrase holds "source", and "source" before an "s" is no
/// word). Matched this way, a bare source is read without the search for groups, which cleared
/// a table of the pattern's thousands of states for each match first.
pub(super) fn told(found: &str) -> Option<(&'static str, Range<usize>)> {
    let bytes = found.as_bytes();
    let lead = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let is = |word: &[u8]| bytes[..lead].eq_ignore_ascii_case(word);
    let (name, start) = if is(b"according") {
        let to = after_spaces(bytes, lead);
        if !bytes.get(to..to + 2)?.eq_ignore_ascii_case(b"to") {
            return None;
        }
        ("object", after_spaces(bytes, to + 2))
    } else if is(b"said") || is(b"says") || is(b"citing") || is(b"per") {
        ("object", after_spaces(bytes, lead))
    } else {
        ("subject", 0)
    };
    let source = bytes[start..]
        .windows(6)
        .position(|word| word.eq_ignore_ascii_case(b"source"))?;
    let mut end = start + source + 6;
    if bytes.get(end).is_some_and(|b| b.eq_ignore_ascii_case(&b's')) {
        end += 1;
    }
    Some((name, start..end))
}

/// Where the run of spaces from `at` ends: `\s` of [`BARE`], which matches ASCII spaces only
/// (a vertical tab too, which `u8::is_ascii_whitespace` leaves out).
fn after_spaces(bytes: &[u8], mut at: usize) -> usize {
    while bytes
        .get(at)
        .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r'))
    {
        at += 1;
    }
    at
}

/// Compiles this rule's patterns now rather than on the first draft (see [`super::prepare`]).
pub(super) fn prepare() {
    LazyLock::force(&TRIGGER);
    LazyLock::force(&BARE);
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let prose = cx.draft.prose.as_str();
    for found in cx.matches(Trigger::BareSource) {
        let (np, subject) = match (found.name("subject"), found.name("object")) {
            (Some(np), _) => (np, true),
            (None, Some(np)) => (np, false),
            (None, None) => continue,
        };
        let who = np.text(prose);
        if subject && !starts_phrase(cx, np.start, who) {
            continue;
        }
        if in_quote(cx, np.start) {
            continue;
        }
        out.push(Diagnostic {
            code: "bare-source",
            severity: Severity::Error,
            message: wording![
                "“",
                np,
                "” is a bare source: say who the source is and how they know (“a port official who attended the meeting”), or get it on the record.",
            ],
            span: np,
            related: vec![],
            fixes: vec![],
        });
    }
}

/// A determinerless "sources said" is bare only when nothing before it modifies the noun: it
/// starts a sentence, follows other punctuation, or follows a word that starts a clause.
/// "Pentagon sources said", "U.S. sources said" and "the source said" are not bare.
fn starts_phrase(cx: &Context, start: usize, np: &str) -> bool {
    let counted = np.split_whitespace().count() > 1
        && !np.split_whitespace().next().is_some_and(is_decoration);
    if counted {
        return true;
    }
    let prose = cx.draft.prose.as_str();
    let before = prose[..start].trim_end();
    match before.chars().next_back() {
        None => true,
        Some('.' | '!' | '?') => cx.draft.sentence_at(start).is_some_and(|i| {
            let sentence = cx.draft.sentences[i];
            sentence.start == start
                || prose[sentence.start..start]
                    .chars()
                    .all(|c| !c.is_alphanumeric())
        }),
        Some(c) if !c.is_alphanumeric() => !matches!(c, '\'' | '’' | '-'),
        Some(_) => {
            let word = before
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            CLAUSE_OPENERS.iter().any(|w| w.eq_ignore_ascii_case(word))
        }
    }
}

/// Whether a word is one of the empty adjectives of [`NOUN_PHRASE`] rather than a counting word.
fn is_decoration(word: &str) -> bool {
    let word = word.trim_end_matches(',').to_ascii_lowercase();
    matches!(
        word.as_str(),
        "other"
            | "unnamed"
            | "anonymous"
            | "unidentified"
            | "confidential"
            | "reliable"
            | "trusted"
            | "informed"
            | "well-placed"
            | "credible"
            | "knowledgeable"
            | "private"
            | "secret"
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::tests_support::findings;

    fn flagged(text: &str) -> Vec<String> {
        findings(text, "bare-source")
    }

    #[test]
    fn flags_unmodified_sources() {
        assert_eq!(flagged("A source said the deal is off."), ["A source"]);
        assert_eq!(flagged("The deal is off, sources said."), ["sources"]);
        assert_eq!(
            flagged("A source told Reuters the deal was off."),
            ["A source"]
        );
        assert_eq!(
            flagged("The deal is off, according to sources."),
            ["sources"]
        );
        assert_eq!(
            flagged("“It’s off 😀,” said a source. Two unnamed sources also confirmed it."),
            ["a source", "Two unnamed sources"]
        );
        assert_eq!(
            flagged("The port — sources say — will close. He said that sources told him."),
            ["sources", "sources"]
        );
        assert_eq!(
            flagged("Anonymous sources have said so."),
            ["Anonymous sources"]
        );
    }

    #[test]
    fn described_sources_and_other_senses_pass() {
        for text in [
            "A source close to the mayor said the deal is off.",
            "A source familiar with the talks said it, according to sources in the ministry.",
            "A Pentagon source said the drill was planned. Pentagon sources say more are coming.",
            "The source said the same thing on Monday.",
            "Water sources say little about the drought; sources of revenue include fees.",
            "Open-source software has many contributors.",
            "“A source told me,” Roe said.",
            "The city relies on two sources of water. U.S. sources said little.",
        ] {
            assert_eq!(flagged(text), Vec::<String>::new(), "{text}");
        }
    }
}
