//! Sentence boundaries in news copy. A period ends a sentence unless it closes an abbreviation
//! that news copy uses mid-sentence (Mr., Sen., Gov., Gen., Jan., No., Inc., U.S., a.m.) or an
//! initial (J. Smith). A few abbreviations (U.S., a.m., p.m., Inc., Jr.) also end sentences: they
//! do when the next word is one that starts sentences. Boundaries inside a quote do not count:
//! a quoted passage of several sentences is one unit with its attribution.

use std::sync::LazyLock;

use memchr::memmem;

use crate::lexicon::{WordList, with_lowercase};
use crate::model::Span;
use crate::next_hit::NextHit;

/// Abbreviations that are followed by more of the same sentence.
static MID_SENTENCE: WordList = WordList::new(&[
    "mr", "mrs", "ms", "dr", "sen", "rep", "reps", "sens", "gov", "gen", "lt", "col", "sgt",
    "capt", "cpl", "pvt", "adm", "cmdr", "maj", "prof", "rev", "hon", "st", "mt", "ft", "ave",
    "blvd", "rd", "no", "nos", "vs", "v", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct",
    "nov", "dec", "e.g", "i.e", "approx", "dept", "est", "fig", "gens", "supt", "det", "insp",
    "atty", "msgr", "sr", "jr", "inc", "corp", "co", "ltd", "bros", "calif", "fla", "ga", "ill",
    "mass", "mich", "minn", "pa", "tenn", "tex", "va", "wash", "wis", "ariz", "colo", "conn",
    "del", "ind", "kan", "ky", "la", "md", "mo", "mont", "neb", "nev", "okla", "ore", "vt", "wyo",
    "ala", "ark", "n.c", "s.c", "n.d", "s.d", "n.h", "n.j", "n.m", "n.y", "r.i", "w.va", "d.c",
    "u.s", "u.k", "u.n", "a.m", "p.m", "ph.d", "m.d",
]);

/// Abbreviations that can also close a sentence.
static CAN_END: WordList = WordList::new(&[
    "u.s", "u.k", "u.n", "a.m", "p.m", "inc", "jr", "sr", "co", "corp", "ltd", "d.c", "ph.d",
]);

/// Words that start sentences, to tell "9 p.m. The council…" (two sentences) from "9 p.m. Friday".
static STARTERS: WordList = WordList::new(&[
    "the",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "but",
    "and",
    "a",
    "an",
    "in",
    "on",
    "at",
    "this",
    "that",
    "there",
    "his",
    "her",
    "their",
    "its",
    "our",
    "when",
    "after",
    "before",
    "officials",
    "some",
    "many",
    "no",
    "if",
    "as",
]);

/// The search for "…", built once: `memmem::find` builds its searcher at every call, once a
/// paragraph here, and that cost more than the searching (0.8 % of a full analysis).
static ELLIPSIS: LazyLock<memmem::Finder<'static>> =
    LazyLock::new(|| memmem::Finder::new("…".as_bytes()));

/// Splits `prose[span]` into sentences. `protected` spans (quotes) never contain a boundary.
pub fn split(prose: &str, span: Span, protected: &[Span], out: &mut Vec<Span>) {
    let bytes = prose.as_bytes();
    let mut start = skip_space(prose, span.start, span.end);
    let mut guard = protected.partition_point(|q| q.end <= span.start);
    let mut i = start;
    // The next mark is found with `memchr`, not by testing every byte (the byte loop was half
    // of splitting); the marks and the rarer ellipsis are each searched for again only once
    // passed ([`NextHit`]).
    let mut stops = NextHit::new(|from| memchr::memchr3(b'.', b'?', b'!', &bytes[from..span.end]));
    let mut ellipses = NextHit::new(|from| ELLIPSIS.find(&bytes[from..span.end]));
    while i < span.end {
        i = stops.from(i).min(ellipses.from(i));
        if i >= span.end {
            break;
        }
        let b = bytes[i];
        let mark_len = if b < 0x80 { 1 } else { '…'.len_utf8() };
        let mut end = i + mark_len;
        // Closing quotes, parentheses and further marks stay with the sentence they close.
        while end < span.end {
            let rest = &prose[end..span.end];
            let Some(c) = rest.chars().next() else { break };
            if matches!(
                c,
                '.' | '?' | '!' | '”' | '"' | '’' | '\'' | ')' | ']' | '»' | '…'
            ) {
                end += c.len_utf8();
            } else {
                break;
            }
        }
        while guard < protected.len() && protected[guard].end <= i {
            guard += 1;
        }
        let inside_quote =
            guard < protected.len() && protected[guard].start < i && end < protected[guard].end;
        let next = skip_space(prose, end, span.end);
        let boundary = next > end
            && next < span.end
            && !inside_quote
            && starts_sentence(&prose[next..span.end])
            && !(b == b'.'
                && continues_after_abbreviation(prose, span.start, i, &prose[next..span.end]))
            && !(b != b'.'
                && closes_quote(&prose[i..end])
                && attribution_follows(&prose[next..span.end]))
            && !(closes_quote(&prose[i..end])
                && prose[next..span.end].starts_with(['—', '―', '–']));
        if boundary {
            out.push(Span::new(start, end));
            start = next;
            i = next;
        } else {
            i = end;
        }
    }
    let end = trim_end(prose, start, span.end);
    if end > start {
        out.push(Span::new(start, end));
    }
}

/// True when the marks after a `?` or `!` include a closing quote mark: `…?”`.
fn closes_quote(marks: &str) -> bool {
    marks.contains(['”', '"', '’', '\'', '»'])
}

/// “Why now?” Vitter demanded. — a question or exclamation inside a quote does not end the
/// sentence when the next words are its attribution: up to four capitalised words, then a
/// speech verb.
fn attribution_follows(rest: &str) -> bool {
    let mut words = rest
        .split_whitespace()
        .map(|w| w.trim_end_matches([',', '.', ';', ':']));
    for _ in 0..5 {
        let Some(word) = words.next() else {
            return false;
        };
        let first = word.chars().next().unwrap_or(' ');
        if first.is_uppercase() {
            continue;
        }
        return crate::lexicon::cue_kind(word).is_some_and(|k| {
            matches!(
                k,
                crate::lexicon::CueKind::Neutral | crate::lexicon::CueKind::Loaded
            )
        });
    }
    false
}

fn starts_sentence(rest: &str) -> bool {
    rest.chars().next().is_some_and(|c| {
        c.is_uppercase()
            || c.is_ascii_digit()
            || matches!(
                c,
                '“' | '"' | '‘' | '\'' | '(' | '[' | '«' | '¿' | '¡' | '—'
            )
    })
}

/// True when the period at `dot` closes an abbreviation or initial that the sentence goes on after.
fn continues_after_abbreviation(prose: &str, floor: usize, dot: usize, next: &str) -> bool {
    let before = &prose[floor..dot];
    let word_start = before
        .rfind(|c: char| c.is_whitespace() || matches!(c, '(' | '“' | '"' | '—'))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // A single capital letter is an initial: "J. Smith".
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        return true;
    }
    // Asked at nearly every period, nearly always of a word in none of the lists: the lists'
    // sketches answer that without a search, and a short word is lowercased on the stack.
    let (mid_sentence, can_end) = with_lowercase(word, |lower| {
        (MID_SENTENCE.contains(&lower), CAN_END.contains(&lower))
    });
    if !mid_sentence {
        return false;
    }
    if can_end {
        let next_word = next
            .find(|c: char| !c.is_alphabetic())
            .map_or(next, |end| &next[..end]);
        return !with_lowercase(next_word, |lower| STARTERS.contains(&lower));
    }
    true
}

fn skip_space(s: &str, mut i: usize, end: usize) -> usize {
    while i < end {
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        if !c.is_whitespace() {
            break;
        }
        i += c.len_utf8();
    }
    i
}

fn trim_end(s: &str, start: usize, end: usize) -> usize {
    start + s[start..end].trim_end().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        split(text, Span::new(0, text.len()), &[], &mut out);
        out.iter().map(|s| s.text(text)).collect()
    }

    #[test]
    fn news_abbreviations_do_not_end_sentences() {
        assert_eq!(
            sentences(
                "Sen. Ana Ruiz met Gov. Lee at 9 a.m. Friday in Washington, D.C., with Mr. J. Park of Acme Inc. and No. 2 aide Gen. Ortiz. The U.S. Army said so."
            ),
            [
                "Sen. Ana Ruiz met Gov. Lee at 9 a.m. Friday in Washington, D.C., with Mr. J. Park of Acme Inc. and No. 2 aide Gen. Ortiz.",
                "The U.S. Army said so."
            ]
        );
    }

    #[test]
    fn abbreviations_that_close_a_sentence() {
        assert_eq!(
            sentences(
                "The talks ended at 9 p.m. The council left. He met the U.S. But not Canada."
            ),
            [
                "The talks ended at 9 p.m.",
                "The council left.",
                "He met the U.S.",
                "But not Canada."
            ]
        );
    }

    /// 100,000 ellipses and no other mark: each is found once, not by searching the rest of
    /// the paragraph for a period after each (quadratic, minutes in a debug build).
    #[test]
    fn a_run_of_ellipses_is_split_in_linear_time() {
        let text = "Wait… ".repeat(100_000);
        let start = std::time::Instant::now();
        assert_eq!(sentences(&text).len(), 100_000);
        assert!(start.elapsed() < std::time::Duration::from_secs(10));
    }

    #[test]
    fn an_ellipsis_ends_a_sentence_between_other_marks() {
        let text = "— Wait… Then he left. It was late… “Why?” The end…";
        // Inside a span that starts and ends within the text, as a paragraph's does.
        let (start, end) = (text.find("Wait").unwrap(), text.len() - "…".len());
        let mut out = Vec::new();
        split(text, Span::new(start, end), &[], &mut out);
        let got: Vec<_> = out.iter().map(|s| s.text(text)).collect();
        assert_eq!(
            got,
            [
                "Wait…",
                "Then he left.",
                "It was late…",
                "“Why?”",
                "The end"
            ]
        );
    }

    #[test]
    fn closing_marks_stay_with_their_sentence() {
        assert_eq!(
            sentences("She called it “done.” He did not. (Really?) “Yes!” 😀 Fine."),
            [
                "She called it “done.”",
                "He did not.",
                "(Really?)",
                "“Yes!” 😀 Fine."
            ]
        );
    }

    #[test]
    fn a_question_in_a_quote_keeps_its_attribution() {
        let text = "“Why now?” Sen. Ann Vitter demanded. “Stop!” The crowd left.";
        let quotes = [
            Span::new(0, text.find(" Sen.").unwrap()),
            Span::new(text.find("“Stop").unwrap(), text.find(" The").unwrap()),
        ];
        let mut out = Vec::new();
        split(text, Span::new(0, text.len()), &quotes, &mut out);
        let got: Vec<_> = out.iter().map(|s| s.text(text)).collect();
        assert_eq!(
            got,
            [
                "“Why now?” Sen. Ann Vitter demanded.",
                "“Stop!”",
                "The crowd left."
            ]
        );
    }

    #[test]
    fn no_boundary_inside_a_protected_quote() {
        let text = "“It’s over. We lost. We move on,” Roe said. Then she left.";
        let quote = Span::new(0, text.find(" Roe").unwrap());
        let mut out = Vec::new();
        split(text, Span::new(0, text.len()), &[quote], &mut out);
        let got: Vec<_> = out.iter().map(|s| s.text(text)).collect();
        assert_eq!(
            got,
            [
                "“It’s over. We lost. We move on,” Roe said.",
                "Then she left."
            ]
        );
    }
}
