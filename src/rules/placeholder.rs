//! `placeholder`: a placeholder left in the copy.
//!
//! **Catches**: `TK`, `TKTK`, `TK TK`; `XX`, `XXX`, `XXXX` as whole tokens (`$XX million`, `XX
//! percent`, `the XX-year-old`); bracketed editing notes (`[CHECK]`, `[CHECK with Ana]`,
//! `[VERIFY …]`, `[NEED …]`, `[TK]`, `[FIX]`, `[NAME]`, `[QUOTE]`, `[LINK]`); `HEADLINE HERE`
//! and its kin in capitals; `lorem ipsum`; `FIXME`, `TODO`; `{{template}}` slots; and `???`.
//!
//! **Not caught**: words that merely contain the letters (`Atkins`, `TKO`, `XXL`), Roman numerals
//! (`Super Bowl XXXV`, `Title XX`), `XX chromosomes`, a `??` or `???` attached to a word inside
//! someone's quoted words (`“Really???”`), and anything in Markdown code.
//!
//! **Why**: "TK" ("to come") and its cousins mark a fact still to be filled in; they must never
//! reach print. Copy desks search for them before every edition, because they do get through
//! (TPM and the New York Times have both published "TK"; Wick, *The Copy Desk*). The letters "TK"
//! were chosen because they almost never occur together in English, which makes the search cheap
//! and exact.
//!
//! **Example** (flagged): `The fund lost $XX million [CHECK], officials said TK.`

use std::sync::LazyLock;

use regex::Regex;

use super::triggers::Reading;
use super::{Context, Found, Trigger, in_quote};
use crate::model::{Diagnostic, Severity, Span};
use crate::{Wording, wording};

/// Cheap literal searches: every placeholder contains one of these.
pub(super) static BRACKET_TRIGGER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[").expect("bracket trigger"));
pub(super) static TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"TK|tktk|XX|\{\{|\?\?|FIXME|TODO|[Ll]orem|HERE|Headline")
        .expect("placeholder trigger")
});

/// A bracketed note starts at its `[` and ends up to 220 bytes after it; any other placeholder
/// starts up to 12 bytes before its trigger and ends up to 120 after it.
pub(super) const BRACKET_READING: Reading = Reading::Around {
    back: 0,
    ahead: 220,
};
pub(super) const READING: Reading = Reading::Around {
    back: 12,
    ahead: 120,
};

/// Bracketed editing notes: `[CHECK]`, `[CHECK with Ana]`, `[NAME]`.
pub(super) static BRACKET: LazyLock<Regex> = LazyLock::new(|| bracket("{0,200}"));

/// [`BRACKET`] with its count of characters left out, which compiles in about a quarter of the
/// time: the search reads it, and [`BRACKET`] only for a match longer than [`BRACKET_MOST`]
/// characters (see [`Trigger::counted`](super::triggers::Trigger::counted)).
pub(super) static BRACKET_UNCOUNTED: LazyLock<Regex> = LazyLock::new(|| bracket("*"));

/// The most characters the count of [`BRACKET`] allows.
pub(super) const BRACKET_MOST: usize = 200;

fn bracket(upto: &str) -> Regex {
    Regex::new(&format!(
        r"(?x)
        \[ [\ \t]* (?i:
            (?:check|verify|confirm|need|needs|tk|tktk|fix|fixme|todo|insert) (?-u:\b) [^\]\n]{upto}
            | (?:name|quote|link|url|hed|headline|photo|date|number|figure|cite) [\ \t]*
        ) \]"
    ))
    .expect("bracket regex")
}

/// Every other placeholder.
pub(super) static PLACEHOLDER: LazyLock<Regex> = LazyLock::new(|| placeholder("{0,100}"));

/// [`PLACEHOLDER`] with its count of characters left out, which compiles in about two fifths
/// of the time: the search reads it, and [`PLACEHOLDER`] only for a match longer than
/// [`MOST`] characters (see [`Trigger::counted`](super::triggers::Trigger::counted)).
pub(super) static UNCOUNTED: LazyLock<Regex> = LazyLock::new(|| placeholder("*"));

/// The most characters the count of [`PLACEHOLDER`] allows.
pub(super) const MOST: usize = 100;

fn placeholder(upto: &str) -> Regex {
    Regex::new(&format!(
        r"(?x)
        (?P<tk> (?-u:\b) TK (?:[\ \t]*TK)* (?-u:\b) | (?-u:\b) tktk (?-u:\b) )
        | (?P<money> \$[\ \t]?XX+ (?-u:\b) )
        | (?P<xx> (?-u:\b) X{{2,4}} (?-u:\b) )
        | (?P<here> (?-u:\b) (?:HEADLINE|HED|DEK|SUBHEAD|PHOTO|CAPTION|QUOTE|LINK|NAME|BYLINE|TEXT|COPY)\ HERE (?-u:\b)
            | (?-u:\b) Headline\ [Hh]ere (?-u:\b) )
        | (?P<lorem> (?-u:\b) [Ll]orem\ [Ii]psum (?-u:\b) )
        | (?P<todo> (?-u:\b) (?:FIXME|TODO) (?-u:\b) )
        | (?P<template> \{{\{{ [^{{}}\n]{upto} \}}\}} )
        | (?P<what> \?{{2,}} )
        ",
    ))
    .expect("placeholder regex")
}

/// The group of [`PLACEHOLDER`] a match of it took part in, told from its text: each group is a
/// whole alternative, and each alternative's matches start their own way (`TK`, `$XX`, `XX`,
/// `FIXME`, `Lorem ipsum`, `{{…}}`, `??`), but for the `… HERE` headings, which start in no
/// other way.
pub(super) fn alternative(found: &str) -> Option<&'static str> {
    Some(match found.as_bytes().first()? {
        b'$' => "money",
        b'X' => "xx",
        b'{' => "template",
        b'?' => "what",
        _ if found.starts_with("TK") || found == "tktk" => "tk",
        _ if found == "FIXME" || found == "TODO" => "todo",
        _ if found.get(1..).is_some_and(|rest| rest.starts_with("orem")) => "lorem",
        _ => "here",
    })
}

/// Words before which `XX` is a Roman numeral, not a placeholder: "Super Bowl XX", "Title XX".
const ROMAN_HEADS: &[&str] = &[
    "Bowl",
    "Title",
    "Chapter",
    "Article",
    "Part",
    "Volume",
    "Vol.",
    "Book",
    "Section",
    "Amendment",
    "Canto",
    "Psalm",
    "Olympiad",
    "Phase",
    "Stage",
    "Class",
    "Pope",
    "Pius",
    "Louis",
];
/// Words after which `XX` is a Roman numeral: "the XXX Olympiad".
const ROMAN_TAILS: &[&str] = &[
    "Olympiad", "Olympic", "Olympics", "Century", "Dynasty", "Corps", "Congress", "Legion",
];

/// Compiles this rule's patterns now rather than on the first draft (see [`super::prepare`]).
pub(super) fn prepare() {
    LazyLock::force(&BRACKET_TRIGGER);
    LazyLock::force(&TRIGGER);
    LazyLock::force(&BRACKET_UNCOUNTED);
    LazyLock::force(&UNCOUNTED);
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let prose = cx.draft.prose.as_str();
    let brackets: Vec<Span> = cx
        .matches(Trigger::PlaceholderBracket)
        .map(|found| found.span())
        .collect();
    for &span in &brackets {
        out.push(finding(
            span,
            wording!["Resolve the editing note “", span, "” and remove it before publication."],
        ));
    }
    for found in cx.matches(Trigger::Placeholder) {
        let span = found.span();
        let i = brackets.partition_point(|b| b.end <= span.start);
        if brackets.get(i).is_some_and(|b| b.overlaps(span))
            || !is_placeholder(cx, prose, &found, span)
        {
            continue;
        }
        out.push(finding(
            span,
            wording!["Replace the placeholder “", span, "” with the real text before publication."],
        ));
    }
}

fn finding(span: Span, message: Wording) -> Diagnostic {
    Diagnostic {
        code: "placeholder",
        severity: Severity::Error,
        message,
        span,
        related: vec![],
        fixes: vec![],
    }
}

fn is_placeholder(cx: &Context, prose: &str, caps: &Found, span: Span) -> bool {
    let found = span.text(prose);
    let before = &prose[..span.start];
    let after = &prose[span.end..];
    if caps.name("xx").is_some() {
        let previous = before
            .trim_end_matches([' ', '\t'])
            .rsplit([' ', '\t', '\n'])
            .next()
            .unwrap_or("");
        let next = after
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches(|c: char| !c.is_alphanumeric());
        let roman = ROMAN_HEADS.contains(&previous) && before.ends_with([' ', '\t'])
            || ROMAN_TAILS.contains(&next);
        let biology = next.starts_with("chromosom")
            || after.starts_with("/XY")
            || after.starts_with(" and XY");
        let rated = after.starts_with("-rated");
        return !(roman || biology || rated);
    }
    if caps.name("here").is_some() {
        // "HEADLINE HERE" in capitals, or "Headline here" standing as a whole paragraph.
        let upper = !found.chars().any(char::is_lowercase);
        let whole = cx
            .draft
            .paragraph_at(span.start)
            .is_some_and(|p| cx.draft.paragraphs[p].span.text(prose).trim() == found);
        return upper || whole;
    }
    if caps.name("what").is_some() {
        // A standalone "??" is a gap; "???" is a gap too, unless it is someone's punctuation.
        let attached = before
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_whitespace() && !matches!(c, '(' | '[' | '$'));
        return !attached || (found.len() >= 3 && !in_quote(cx, span.start));
    }
    true
}

#[cfg(test)]
mod tests {
    use crate::rules::tests_support::findings;

    fn flagged(text: &str) -> Vec<String> {
        findings(text, "placeholder")
    }

    #[test]
    fn flags_tk_in_its_forms() {
        assert_eq!(
            flagged("The Senate passed the bill TK to TK."),
            ["TK", "TK"]
        );
        assert_eq!(flagged("Turnout was TKTK, officials said."), ["TKTK"]);
        assert_eq!(flagged("The mayor 😀 — TK TK — left."), ["TK TK"]);
        assert_eq!(flagged("“It’s done,” said TK."), ["TK"]);
    }

    #[test]
    fn flags_xx_gaps() {
        assert_eq!(
            flagged("The fund lost $XX million and XX percent of its value."),
            ["$XX", "XX"]
        );
        assert_eq!(
            flagged("The XX-year-old — born in XXXX — said no."),
            ["XX", "XXXX"]
        );
        assert_eq!(
            flagged("It cost $ XX, or XXX-XXXX in the XXX Olympiad."),
            ["$ XX", "XXX", "XXXX"]
        );
    }

    #[test]
    fn flags_bracketed_notes_and_dummy_text() {
        assert_eq!(
            flagged(
                "The fund lost money [CHECK], said [NAME] of the [Check with Ana — 📞 her Monday]."
            ),
            ["[CHECK]", "[NAME]", "[Check with Ana — 📞 her Monday]"]
        );
        assert_eq!(
            flagged("“[QUOTE],” she said. See [LINK] and [TK]."),
            ["[QUOTE]", "[LINK]", "[TK]"]
        );
        assert_eq!(
            flagged("# HEADLINE HERE\n\nLorem ipsum dolor sit amet."),
            ["HEADLINE HERE", "Lorem ipsum"]
        );
        assert_eq!(flagged("# Headline here\n\nText."), ["Headline here"]);
        assert_eq!(
            flagged("Hello {{first_name}}, FIXME later."),
            ["{{first_name}}", "FIXME"]
        );
        assert_eq!(
            flagged("The vote is on ??? and the count was ??."),
            ["???", "??"]
        );
        assert_eq!(flagged("Who paid for it??? Nobody knows."), ["???"]);
    }

    #[test]
    fn words_numerals_quotes_and_code_pass() {
        for text in [
            "Atkins won by TKO in the XXL division.",
            "Super Bowl XXXV was played in Tampa; Super Bowl XX in New Orleans.",
            "Title XX of the Social Security Act funds it.",
            "Women have XX chromosomes.",
            "“Really???” she texted. “Who knew??”",
            "The name here is Ruiz, and the headline here is the vote.",
            "Check the `TK` flag:\n\n```\nXX = TK\n```\n",
            "She needs [the mayor] to sign. [sic]",
        ] {
            assert_eq!(flagged(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn offsets_survive_multibyte_text() {
        let text = "Café “crème” 😀 — cost $XX.";
        let d = crate::analyze(text, crate::Format::Markdown, &crate::Config::default());
        let spans: Vec<_> = d
            .diagnostics
            .iter()
            .filter(|d| d.code == "placeholder")
            .map(|d| d.span)
            .collect();
        assert_eq!(spans.len(), 1);
        assert_eq!(&text[spans[0].start..spans[0].end], "$XX");
        assert_eq!(spans[0].start, text.find('$').unwrap());
    }
}
