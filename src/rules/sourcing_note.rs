//! `sourcing-note`: a reporter's sourcing note left in the copy.
//!
//! **Catches**: notes in square brackets or parentheses that record the terms a source spoke on:
//! `[on background]`, `(off the record)`, `[not for attribution]`, `[deep background]`, `[OTR]`,
//! `[OTR: don't name her]`; square-bracketed notes on where a fact came from (`[source: Ana at
//! the port]`, `[per Lee's email]`); and "per my notes".
//!
//! **Not caught**: the same words as journalism prose (`spoke on background`, `a parenthetical
//! (who spoke on background)`), chart credits such as `(Source: Census Bureau)`, and `(per
//! capita)`.
//!
//! **Why**: the terms of an interview are a promise to the source, and "our word is binding"
//! (AP, NYT 2004 policy, NPR Ethics Handbook). A note like "[off the record]" that reaches print
//! breaks the promise and can expose the source; a bracketed "[source: …]" can name them outright.
//!
//! **Example** (flagged): `Roe [on background] said the vote would be delayed.`

use std::sync::LazyLock;

use regex::Regex;

use super::Context;
use super::triggers::Reading;
use super::{Trigger, in_quote};
use crate::model::{Diagnostic, Edit, Fix, Severity, Span};
use crate::wording;

/// The terms a source speaks on. A bare "background" counts only as a whole note: `[background
/// on the zoning fight]` is a different kind of note.
const TERMS: &str = r"(?:on\ deep\ background|deep\ background|on\ background|background\ only|off\ the\ record|off-the-record|on\ the\ record\?|not\ for\ attribution|not\ for\ publication|OTR)";

/// Every note starts with one of these.
pub(super) static TRIGGER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\[(]|[Pp]er (?:my|our)").expect("sourcing-note trigger"));

/// A note starts at its trigger and ends up to 260 bytes after it.
pub(super) const READING: Reading = Reading::Around {
    back: 0,
    ahead: 260,
};

/// A sourcing note, as the rule defines it.
pub(super) static NOTE: LazyLock<Regex> = LazyLock::new(|| note(true));

/// [`NOTE`] with its counts of characters left out (`[^\[\]\n]*` for `[^\[\]\n]{0,120}`), which
/// compiles in about a quarter of the time: the search reads it, and [`NOTE`] only for a match
/// longer than [`MOST`] characters (see [`Trigger::counted`](super::triggers::Trigger::counted)).
pub(super) static UNCOUNTED: LazyLock<Regex> = LazyLock::new(|| note(false));

/// The most characters a count of [`NOTE`] allows.
pub(super) const MOST: usize = 120;

/// [`NOTE`] as written, its runs of characters counted up to [`MOST`], or not counted.
fn note(counted: bool) -> Regex {
    let (upto, some) = if counted {
        ("{0,120}", "{1,120}")
    } else {
        ("*", "+")
    };
    Regex::new(&format!(
        r"(?xi)
        (?P<square> \[ [^\[\]\n]{upto}? (?-u:\b) {TERMS} (?-u:\b) [^\[\]\n]{upto} \] | \[ [\ \t]* background [\ \t]* \] )
        | (?P<paren> \( [\ \t]* (?:{TERMS}|background) (?-u:\b) (?: [\ \t]* [:;,—–-] [^()\n]{upto} )? [\ \t]* \) )
        | (?P<whence> \[ [\ \t]* (?:sources?|src|per|via) (?: [\ \t]* : | [\ \t]+ ) [^\[\]\n]{some} \] )
        | (?P<notes> (?-u:\b) per\ (?:my|our)\ (?:interview\ )?notes (?-u:\b) )
        "
    ))
    .expect("sourcing-note regex")
}

/// The group of [`NOTE`] a match of it took part in, told from its text where it can be: each
/// group is a whole alternative. A note in parentheses is `paren`, one with no bracket `notes`;
/// a bracketed note is `square` unless its first word may start a `whence` (`[source: …]`,
/// `[per …]`, `[via …]`, in any case), which its text alone does not tell.
pub(super) fn alternative(found: &str) -> Option<&'static str> {
    match found.as_bytes().first()? {
        b'(' => Some("paren"),
        b'[' => {
            let first = found[1..].trim_start_matches([' ', '\t']).bytes().next()?;
            let whence = !first.is_ascii() || matches!(first.to_ascii_lowercase(), b's' | b'p' | b'v');
            (!whence).then_some("square")
        }
        _ => Some("notes"),
    }
}

/// Compiles this rule's patterns now rather than on the first draft (see [`super::prepare`]).
pub(super) fn prepare() {
    LazyLock::force(&TRIGGER);
    LazyLock::force(&UNCOUNTED);
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let prose = cx.draft.prose.as_str();
    for found in cx.matches(Trigger::SourcingNote) {
        let span = found.span();
        let bracketed = found.name("notes").is_none();
        // Square brackets inside a quote are usually the writer's insertions: “[Per the deal], …”.
        let insertion = found.name("whence").is_some();
        if (!bracketed || insertion) && in_quote(cx, span.start) || spells_out(prose, span) {
            continue;
        }
        let fixes = if bracketed {
            vec![Fix {
                title: wording!["Remove “", span, "”"],
                edits: vec![Edit {
                    span: removal(prose, span),
                    replacement: wording![""],
                }],
            }]
        } else {
            vec![]
        };
        out.push(Diagnostic {
            code: "sourcing-note",
            severity: Severity::Error,
            message: wording!["Remove the reporter’s note “", span, "”: interview terms and sourcing notes must not reach print; attribute in the story as agreed with the source."],
            span,
            related: vec![],
            fixes,
        });
    }
}

/// `over-the-road (OTR) trucking`: a parenthesised abbreviation of the words before it.
fn spells_out(prose: &str, note: Span) -> bool {
    let inner = prose[note.start + 1..note.end - 1].trim();
    if !inner.eq_ignore_ascii_case("otr") {
        return false;
    }
    let mut from = note.start.saturating_sub(60);
    while !prose.is_char_boundary(from) {
        from += 1;
    }
    let before = &prose[from..note.start];
    let initials: String = before
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .rev()
        .take(3)
        .filter_map(|w| w.chars().next())
        .collect();
    initials.eq_ignore_ascii_case("rto")
}

/// The note and one space beside it, so `Roe [OTR] said` becomes `Roe said`.
fn removal(prose: &str, note: Span) -> Span {
    let before = &prose[..note.start];
    let after = &prose[note.end..];
    if before.ends_with(' ')
        && (after.starts_with(' ')
            || after.starts_with([',', '.', ';', ':', '!', '?'])
            || after.is_empty())
    {
        Span::new(note.start - 1, note.end)
    } else if after.starts_with(' ') {
        Span::new(note.start, note.end + 1)
    } else {
        note
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests_support::findings;
    use crate::{Config, Format, analyze};

    fn flagged(text: &str) -> Vec<String> {
        findings(text, "sourcing-note")
    }

    #[test]
    fn flags_bracketed_interview_terms() {
        assert_eq!(
            flagged("Roe [on background] said the vote would be delayed."),
            ["[on background]"]
        );
        assert_eq!(
            flagged("The deal is off (off the record), an aide said."),
            ["(off the record)"]
        );
        assert_eq!(
            flagged("Lee [OTR — don’t name her 🙏] confirmed it (on background)."),
            ["[OTR — don’t name her 🙏]", "(on background)"]
        );
        assert_eq!(
            flagged("It was approved [not for attribution]. [Deep Background] Cuts are coming."),
            ["[not for attribution]", "[Deep Background]"]
        );
        assert_eq!(
            flagged("The board agreed [she said this was off the record]."),
            ["[she said this was off the record]"]
        );
    }

    #[test]
    fn flags_notes_on_where_a_fact_came_from() {
        assert_eq!(
            flagged("Hiring froze in May [source: Ana at the port]."),
            ["[source: Ana at the port]"]
        );
        assert_eq!(
            flagged("The cost doubled [per Lee’s email], per my notes."),
            ["[per Lee’s email]", "per my notes"]
        );
    }

    #[test]
    fn prose_about_terms_credits_and_quotes_pass() {
        for text in [
            "The official spoke on background because talks were continuing.",
            "A donor (who spoke on background) gave $5 million.",
            "Spending rose 4% (per capita) last year. (Source: Census Bureau)",
            "“I took it off the record,” Roe said, “per my notes.”",
            "The background check [sic] was late. [background on the zoning fight here]",
            "“[Per the contract], we pay,” Roe said.",
            "Over-the-road (OTR) trucking grew.",
        ] {
            assert_eq!(flagged(text), Vec::<String>::new(), "{text}");
        }
    }

    #[test]
    fn the_fix_removes_the_note_and_a_space() {
        let text = "Roe [OTR] said “yes” 😀.";
        let analysis = analyze(text, Format::Markdown, &Config::default());
        let d = analysis
            .diagnostics
            .iter()
            .find(|d| d.code == "sourcing-note")
            .expect("a finding");
        let edit = &d.fixes[0].edits[0];
        let fixed = format!(
            "{}{}{}",
            &text[..edit.span.start],
            edit.replacement.shown(text),
            &text[edit.span.end..]
        );
        assert_eq!(fixed, "Roe said “yes” 😀.");
    }
}
