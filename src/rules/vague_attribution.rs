//! `vague-attribution`: weasel attribution that names no one.
//!
//! **Catches**, outside quotes:
//! - an unnamed group as the source: `Critics say`, `some observers believe`, `experts say`,
//!   `many legal experts argue`, `analysts have long warned`, `critics of the plan say`;
//! - indefinite pronouns: `some say`, `many believe`, `others argue`, `some might say`, `many
//!   people think`, `people are saying`;
//! - impersonal passives: `it is widely believed`, `it is said that`, `it has been reported that`,
//!   `it is thought to be`, `is widely regarded as`;
//! - unnamed research: `studies show`, `research has found`.
//!
//! **Not caught**: a group with a name in the same sentence (`critics of the plan, including Sen.
//! Ann Ray, say`; `Critics such as Ann Ray say`), a group pinned to an institution (`experts at
//! Johns Hopkins say`), a definite or possessive group (`the critics say`, `Ray's critics say`),
//! "some say" as a noun (`residents want some say in the plan`), `it was reported to police`, and
//! anything inside quote marks (someone else's words).
//!
//! **Why**: "Critics say" lets the writer assert a view without anyone standing behind it.
//! Wikipedia's MOS:WEASEL lists these very phrases; the BBC Editorial Guidelines (3.2.3) and NPR
//! ask that claims be attributed to identifiable sources; AP's rule to attribute disputable
//! statements is not met by "some say".
//!
//! **Example** (flagged): `Critics say the plan is unfair.`

use std::sync::LazyLock;

use regex::Regex;

use super::Context;
use super::triggers::Reading;
use super::{Found, Trigger, in_quote};
use crate::lexicon::CLAUSE_OPENERS;
use crate::model::{Diagnostic, Severity, Span};
use crate::wording;

/// Quantifiers before a group: "some critics", "a lot of people".
const QUANT: &[&str] = &[
    "some", "many", "most", "several", "numerous", "various", "other",
];
/// Quantifiers before "studies" or "research".
const RESEARCH_QUANT: &[&str] = &[
    "some", "many", "several", "numerous", "recent", "other", "new", "previous",
];
/// Adjectives of field before a group: "legal experts", "outside analysts".
const FIELD: &[&str] = &[
    "legal",
    "health",
    "medical",
    "economic",
    "political",
    "independent",
    "outside",
    "industry",
    "security",
    "policy",
    "military",
    "financial",
    "climate",
    "market",
    "defense",
    "energy",
    "tax",
    "education",
    "leading",
    "prominent",
    "foreign",
    "conservative",
    "liberal",
];
/// Nouns that make a vague source on their own: "critics say".
const GROUP: &str = r"critics | observers | experts | analysts | commentators | pundits | skeptics | sceptics | detractors | onlookers";
/// Nouns that are vague only with a quantifier: "some economists say", "many people believe".
/// Not "residents" or "voters": "some residents said" reports a meeting.
const SOFT_GROUP: &str =
    r"people | economists | scientists | researchers | scholars | historians | americans";
/// A lowercase post-modifier: "critics of the plan", "experts in the field".
const POSTMOD: &str = r"(?: \s+ (?: of | in | on | within | from ) \s+ (?-i: [a-z] (?:[a-z'-]|’)* (?: \s+ [a-z] (?:[a-z'-]|’)* ){0,2} ) )?";
/// Auxiliaries and adverbs between the group and its verb: "have long said", "might argue".
const AUX: &str = r"(?: (?: have | has | had | would | might | could | may | will | do | did ) \s+ )? (?: (?: long | also | often | still | now | privately | repeatedly | increasingly | already ) \s+ )?";
const VERB: &str = r"(?: say | says | said | believe | believes | believed | argue | argues | argued | claim | claims | claimed | contend
    | contends | contended | note | notes | noted | suggest | suggests | suggested | think | thinks | thought | feel | feels | felt
    | fear | fears | feared | warn | warns | warned | worry | worries | worried | charge | charges | charged | complain | complains
    | complained | maintain | maintains | maintained | point\ out | points\ out | pointed\ out | agree | agrees | agreed | insist
    | insists | insisted | question | questioned | predict | predicts | predicted | allege | alleges | alleged | describe
    | describes | described | see | view | consider | considered | estimate | estimates | estimated | assert | asserts | asserted )";
/// Present-tense verbs for a pronoun on its own: "some say", "many believe". In the past tense
/// ("Residents packed the hall. Some said …") the pronoun usually points back at a real group.
const PRESENT_VERB: &str = r"(?: say | believe | argue | claim | contend | note | suggest | think | feel | fear | warn | worry | charge
    | complain | maintain | point\ out | agree | insist | question | predict | allege | see | view | consider | assert
    | have\ (?: said | argued | suggested | claimed | warned | noted | speculated ) )";

/// The words a vague attribution is built around: a cheap literal search finds them, then
/// [`VAGUE`] reads on from each one (the words before it are read by hand).
pub(super) static TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[Cc]ritics|[Oo]bservers|[Ee]xperts|[Aa]nalysts|[Cc]ommentators|[Pp]undits|[Ss][kc]eptics|[Dd]etractors|[Oo]nlookers|[Pp]eople|[Ee]conomists|[Ss]cientists|[Rr]esearchers|[Ss]cholars|[Hh]istorians|Americans|[Ss]ome|[Mm]any|[Mm]ost|[Oo]thers|[Ii]t (?:is|was|has|had)|[Ss]tudies|[Rr]esearch|widely|generally|commonly|universally",
    )
    .expect("vague-attribution trigger")
});

/// [`VAGUE`] is read from each trigger word that follows no letter or digit, over the next 120
/// bytes.
pub(super) const READING: Reading = Reading::At { ahead: 120 };

/// Anchored at a trigger word.
pub(super) static VAGUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?xi-u) ^ (?:
            (?P<group> {GROUP} ) (?: {POSTMOD} \s+ {AUX} {VERB} | \s+ (?: are | were ) \s+ (?P<saying> saying ) )
          | (?P<soft> {SOFT_GROUP} ) (?: {POSTMOD} \s+ {AUX} {VERB} | \s+ (?: are | were ) \s+ (?P<soft_saying> saying ) )
          | (?P<pronoun> some | many | most | others ) \s+ (?: (?: would | might | could | may | will ) \s+ )? {PRESENT_VERB}
          | (?P<impersonal> it \s+ (?: is | was | has \s+ been | had \s+ been ) \s+
                (?P<adverb> (?: widely | generally | commonly | often | frequently | increasingly | long ) \s+ )?
                (?: believed | said | thought | rumou?red | alleged | understood | felt | reported | suggested | argued | assumed
                  | speculated | claimed | considered ) )
          | (?P<widely> (?: widely | generally | commonly | universally ) \s+
                (?: (?: seen | viewed | regarded | described ) \s+ as | believed | thought | considered | acknowledged | recognized
                  | recognised | expected | assumed ) )
          | (?P<research> studies | research ) \s+ (?: (?: have | has ) \s+ )?
                (?: shown | show | shows | suggest | suggests | suggested | found | find | finds | proven | proved | prove | proves
                  | indicates | indicate | indicated | demonstrated | demonstrates )
        ) (?-u:\b)"
    ))
    .expect("vague-attribution regex")
});

/// A name in the sentence: "including Sen. Ann Ray", "such as Ann Ray".
static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?:including|such\s+as|among\s+them|led\s+by|like|notably)\s+\p{Lu}")
        .expect("named regex")
});


/// Compiles this rule's patterns now rather than on the first draft (see [`super::prepare`]).
pub(super) fn prepare() {
    LazyLock::force(&TRIGGER);
    LazyLock::force(&VAGUE);
    LazyLock::force(&NAMED);
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let prose = cx.draft.prose.as_str();
    let mut done = 0;
    // A match for each hit of the trigger that starts one, after no letter or digit.
    for caps in cx.matches(Trigger::VagueAttribution) {
        let Span { start: at, end } = caps.span();
        if at < done {
            continue;
        }
        let Some(start) = subject_start(prose, at, &caps) else {
            continue;
        };
        done = end;
        if in_quote(cx, start) || !accept(cx, start, end, &caps) {
            continue;
        }
        out.push(Diagnostic {
            code: "vague-attribution",
            severity: Severity::Warning,
            message: wording![
                "“",
                Span::new(start, end),
                "” is vague attribution: name who says it (or the study), or cut the claim.",
            ],
            span: Span::new(start, end),
            related: vec![],
            fixes: vec![],
        });
    }
}

/// Where the finding starts: at the trigger word, or earlier at the words that go with it ("some
/// legal experts", "is widely believed"). `None` when a word that must come first is missing.
fn subject_start(prose: &str, at: usize, caps: &Found) -> Option<usize> {
    let mut words = WordsBefore { prose, end: at };
    if caps.name("group").is_some() || caps.name("soft").is_some() {
        let mut start = at;
        let mut quantified = false;
        let mut next = words.next();
        if let Some((from, word)) = next
            && is_in(word, FIELD)
        {
            start = from;
            next = words.next();
        }
        if let Some((from, word)) = next {
            if is_in(word, QUANT) {
                (start, quantified) = (from, true);
            } else if word.eq_ignore_ascii_case("of") {
                // "a lot of people", "lots of people"
                match words.next() {
                    Some((from, lots)) if lots.eq_ignore_ascii_case("lots") => {
                        (start, quantified) = (from, true)
                    }
                    Some((_, lot)) if lot.eq_ignore_ascii_case("lot") => {
                        if let Some((from, a)) = words.next()
                            && a.eq_ignore_ascii_case("a")
                        {
                            (start, quantified) = (from, true);
                        }
                    }
                    _ => {}
                }
            }
        }
        let needs_quantifier = caps.name("soft").is_some() && caps.name("soft_saying").is_none();
        return (!needs_quantifier || quantified).then_some(start);
    }
    if caps.name("research").is_some() {
        return Some(match words.next() {
            Some((from, word)) if is_in(word, RESEARCH_QUANT) => from,
            _ => at,
        });
    }
    if caps.name("widely").is_some() {
        let (from, word) = words.next()?;
        return ["is", "are", "was", "were", "been"]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(word))
            .then_some(from);
    }
    Some(at)
}

/// The checks that need the words around a match.
fn accept(cx: &Context, start: usize, end: usize, caps: &Found) -> bool {
    let prose = cx.draft.prose.as_str();
    let after = &prose[end..];
    let subject = caps.name("group").is_some()
        || caps.name("soft").is_some()
        || caps.name("pronoun").is_some()
        || caps.name("research").is_some();
    if subject
        && !starts_clause(
            cx,
            start,
            !prose[start..end]
                .get(..5)
                .is_some_and(|w| w.eq_ignore_ascii_case("other")),
        )
    {
        return false;
    }
    if caps.name("pronoun").is_some() && prose[start..end].to_ascii_lowercase().ends_with(" say") {
        // "some say in the plan": the noun, not the verb.
        let next = after.split_whitespace().next().unwrap_or("");
        if ["in", "over", "on", "about"]
            .iter()
            .any(|w| w.eq_ignore_ascii_case(next))
        {
            return false;
        }
    }
    if (caps.name("group").is_some() || caps.name("soft").is_some())
        && names_someone(cx, prose, start, end)
    {
        return false;
    }
    if caps.name("impersonal").is_some()
        && caps.name("adverb").is_none()
        && !introduces_claim(after)
    {
        return false;
    }
    true
}

fn is_in(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// The words before an offset, nearest first, as long as only spaces separate them.
struct WordsBefore<'p> {
    prose: &'p str,
    end: usize,
}

impl<'p> Iterator for WordsBefore<'p> {
    type Item = (usize, &'p str);
    fn next(&mut self) -> Option<(usize, &'p str)> {
        let before = &self.prose[..self.end];
        let trimmed = before.trim_end_matches([' ', '\t', '\n', '\r']);
        if trimmed.len() == before.len() {
            return None;
        }
        let start = trimmed
            .rfind(|c: char| !c.is_alphanumeric())
            .map_or(0, |i| {
                i + trimmed[i..].chars().next().map_or(1, char::len_utf8)
            });
        if start == trimmed.len() {
            return None;
        }
        self.end = start;
        Some((start, &trimmed[start..]))
    }
}

/// "it is said that", "it is thought to be", "it is believed, …": the passive introduces a claim.
/// Not "it was reported to police" or "it was considered by the council".
fn introduces_claim(after: &str) -> bool {
    let rest = after.trim_start();
    if rest.starts_with([',', '.', ';', '—', '–']) {
        return true;
    }
    let mut words = rest
        .split_whitespace()
        .map(|w| w.trim_end_matches([',', '.', ';']).to_ascii_lowercase());
    match words.next().as_deref() {
        Some("that") => true,
        Some("to") => matches!(words.next().as_deref(), Some("be" | "have")),
        _ => false,
    }
}

/// Whether the vague subject at `start` starts a clause: it starts a sentence, follows other
/// punctuation, or follows a conjunction. "the critics say", "Ray's critics say", "U.N. observers
/// said" and "have some say" do not. "and" counts unless `allow_and` is false ("Ann Ray and other
/// critics say" names one of them).
fn starts_clause(cx: &Context, start: usize, allow_and: bool) -> bool {
    let before = cx.draft.prose[..start].trim_end();
    match before.chars().next_back() {
        None => true,
        Some('.' | '!' | '?') => cx.draft.sentence_at(start).is_some_and(|i| {
            let sentence = cx.draft.sentences[i];
            sentence.start == start
                || cx.draft.prose[sentence.start..start]
                    .chars()
                    .all(|c| !c.is_alphanumeric())
        }),
        Some(c) if !c.is_alphanumeric() => !matches!(c, '\'' | '’' | '-'),
        Some(_) => {
            let word = before
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            CLAUSE_OPENERS
                .iter()
                .any(|w| w.eq_ignore_ascii_case(word) && (allow_and || *w != "and"))
        }
    }
}

/// Whether the sentence around a group names a member: "Critics, including Sen. Ann Ray, say",
/// "Critics say …, among them Ann Ray".
fn names_someone(cx: &Context, prose: &str, start: usize, end: usize) -> bool {
    let Some(i) = cx.draft.sentence_at(start) else {
        return false;
    };
    let sentence = cx.draft.sentences[i];
    let window = &prose[start..sentence.end.max(end)];
    NAMED.is_match(window)
}

#[cfg(test)]
mod tests {
    use crate::rules::tests_support::findings;

    fn flagged(text: &str) -> Vec<String> {
        findings(text, "vague-attribution")
    }

    #[test]
    fn flags_unnamed_groups_and_pronouns() {
        assert_eq!(flagged("Critics say the plan is unfair."), ["Critics say"]);
        assert_eq!(
            flagged("But some observers believe the vote — 🗳️ — was rigged."),
            ["some observers believe"]
        );
        assert_eq!(
            flagged("Experts say it is bad. Many believe it is worse."),
            ["Experts say", "Many believe"]
        );
        assert_eq!(
            flagged("Some say the bridge is unsafe; others argue it is fine."),
            ["Some say", "others argue"]
        );
        assert_eq!(
            flagged("Critics of the plan have long warned of costs."),
            ["Critics of the plan have long warned"]
        );
        assert_eq!(
            flagged("Many legal experts argue otherwise, and people are saying so."),
            ["Many legal experts argue", "people are saying"]
        );
        assert_eq!(
            flagged("As many people believe, the café is closing."),
            ["many people believe"]
        );
        assert_eq!(
            flagged("Some might say it failed. Bo Li and critics say so."),
            ["Some might say", "critics say"]
        );
    }

    #[test]
    fn flags_impersonal_passives_and_unnamed_research() {
        assert_eq!(
            flagged("It is widely believed the mayor will run."),
            ["It is widely believed"]
        );
        assert_eq!(
            flagged("It is said that the mill burned; it has been reported that two died."),
            ["It is said", "it has been reported"]
        );
        assert_eq!(
            flagged("The ship, it is thought, sank in 1852. It is believed to be the oldest."),
            ["it is thought", "It is believed"]
        );
        assert_eq!(
            flagged("The plan is widely seen as a failure. Studies show it costs more."),
            ["is widely seen as", "Studies show"]
        );
    }

    #[test]
    fn named_pinned_definite_and_quoted_sources_pass() {
        for text in [
            "Critics of the plan, including Sen. Ann Ray, say it is unfair.",
            "Critics such as Ann Ray say it is unfair.",
            "Critics say it is unfair, among them Ann Ray and Bo Li.",
            "Experts at Johns Hopkins say the drug works.",
            "The critics say the same thing every year. Ray’s critics say she is wrong.",
            "Residents want some say in the plan.",
            "The theft happened Monday and it was reported to police Tuesday.",
            "“Critics say I’m wrong, but some say I’m right,” Ray said.",
            "Harvard research shows a gain; the studies show more.",
            "Residents packed the hall. Some said they would sue; most said nothing.",
            "U.N. observers said the vote was fair. Ann Ray and other critics say it was not.",
        ] {
            assert_eq!(flagged(text), Vec::<String>::new(), "{text}");
        }
    }
}
