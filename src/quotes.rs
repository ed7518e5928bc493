//! Finding direct quotes: which marks open and close a quotation, and which are apostrophes.
//!
//! Curly “ ” and straight " double quotes, with single quotes ‘ ’ and ' nested inside them.
//! The apostrophe in don’t, it's, Zelenskyy’s or ’90s is the same character as a closing single
//! mark, so a single mark only closes a quote when it is not between letters and a single quote
//! is open. A paragraph that ends inside a quote continues into the next paragraph when that one
//! opens with a mark (the AP running-quotation convention); otherwise the quote is unbalanced.
//! Guillemets « » and German „ “ are read too.

use crate::draft::BlockKind;
#[cfg(test)]
use crate::draft::Draft;
use crate::lexicon::{WordList, with_lowercase};
use crate::model::{Quote, QuoteId, QuoteKind, Span};
use crate::next_hit::NextHit;

/// What is wrong with a quote mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MarkProblem {
    /// An opening mark never closed, and the next paragraph does not continue the quote.
    Unclosed,
    /// A closing mark with no opening mark before it.
    StrayClose,
}

/// The quotes of a draft and the marks that do not pair up.
#[derive(Clone, Debug, Default)]
pub struct Marks {
    pub quotes: Vec<Quote>,
    pub problems: Vec<(Span, MarkProblem)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    /// “ … ” or " … "
    Double { straight: bool },
    /// „ … “
    Low,
    /// « … »
    Guillemet,
    /// ‘ … ’ or ' … '
    Single,
}

impl Mark {
    fn is_double(self) -> bool {
        !matches!(self, Mark::Single)
    }
}

/// The quotes of a whole draft, for the unit tests below, found as the pipeline finds them:
/// each paragraph read on its own ([`ParagraphFacts`](crate::paragraph_facts::ParagraphFacts))
/// and the paragraphs put together, running quotations joined.
#[cfg(test)]
fn find(draft: &mut Draft) -> Marks {
    let prose = draft.prose.as_str();
    let blocks: Vec<(Span, BlockKind)> =
        draft.paragraphs.iter().map(|p| (p.span, p.kind)).collect();
    use crate::paragraph_facts::{ParagraphFacts, Placing};
    let facts = ParagraphFacts::read(prose, &blocks, &[]);
    facts
        .place(prose, &mut draft.paragraphs, Placing::All)
        .0
        .marks
}

/// The AP running quotation across paragraphs: a paragraph that ends inside a quote continues
/// into the next one when that one opens with a mark (and is not a heading); otherwise the
/// quote is unclosed. Paragraphs are scanned on their own and joined by this, in order.
#[derive(Debug, Default)]
pub struct RunningQuote {
    /// A quote left open at the end of the previous paragraph, waiting for a continuation.
    pending: Option<QuoteId>,
}

impl RunningQuote {
    /// Before a paragraph's quotes and problems are added to `marks`: the quote the paragraph
    /// continues, if any. A quote it does not continue is reported unclosed here, before the
    /// paragraph's own problems.
    pub fn enter(
        &mut self,
        prose: &str,
        marks: &mut Marks,
        opens_with_mark: bool,
        kind: BlockKind,
    ) -> Option<QuoteId> {
        let open = self.pending.take()?;
        if opens_with_mark && kind != BlockKind::Heading {
            return Some(open);
        }
        marks.problems.push((
            opening_word(prose, marks.quotes[open].span),
            MarkProblem::Unclosed,
        ));
        None
    }

    /// After a paragraph's quotes, the first of them at `first`, were added: the first one
    /// continues `continues`, and the last is left open if the paragraph `ends_open`.
    pub fn leave(
        &mut self,
        marks: &mut Marks,
        first: usize,
        continues: Option<QuoteId>,
        ends_open: bool,
    ) {
        if let Some(open) = continues
            && let Some(quote) = marks.quotes.get_mut(first)
        {
            quote.continues = Some(open);
        }
        if ends_open {
            self.pending = marks.quotes.len().checked_sub(1);
        }
    }

    /// After the last paragraph: a quote still open is unclosed.
    pub fn end(self, prose: &str, marks: &mut Marks) {
        if let Some(open) = self.pending {
            marks.problems.push((
                opening_word(prose, marks.quotes[open].span),
                MarkProblem::Unclosed,
            ));
        }
    }
}

pub(crate) fn scan(
    prose: &str,
    span: Span,
    kind: BlockKind,
    marks: &mut Marks,
    pending: &mut Option<usize>,
) {
    let text = &prose[span.start..span.end];
    // This paragraph's quotes are the ones pushed from here on.
    let first = marks.quotes.len();
    let mut stack: Vec<(Mark, usize)> = Vec::new();
    let bytes = text.as_bytes();
    let mut cursor = 0;
    // Straight to the next byte that can begin a quote mark: most of a paragraph is letters
    // and spaces, and looking at every character was the costliest part of the scan. `memchr`
    // finds the straight marks and the first byte of the curly ones, and, apart, the first
    // byte of `«` and `»`, each searched for again only once passed ([`NextHit`]).
    let mut straight_or_curly =
        NextHit::new(|from| memchr::memchr3(b'"', b'\'', 0xE2, &bytes[from..]));
    let mut guillemets = NextHit::new(|from| memchr::memchr(0xC2, &bytes[from..]));
    loop {
        let i = straight_or_curly.from(cursor).min(guillemets.from(cursor));
        if i >= bytes.len() {
            break;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        cursor = i + c.len_utf8();
        if !matches!(c, '“' | '”' | '"' | '„' | '«' | '»' | '‘' | '’' | '\'') {
            continue;
        }
        let prev = text[..i].chars().next_back();
        let next = text[cursor..].chars().next();
        let at = span.start + i;
        let opener_context =
            prev.is_none_or(opens_context) && next.is_some_and(|n| !n.is_whitespace());
        let closer_context = prev.is_some_and(|p| !p.is_whitespace() && !opens_context(p));
        match c {
            '“' => {
                if let Some(pos) = stack.iter().rposition(|(m, _)| *m == Mark::Low) {
                    close(&mut stack, pos, at + c.len_utf8(), marks);
                } else if !stack.is_empty()
                    && closer_context
                    && !opener_context
                    && top_double_curly(&stack)
                {
                    // A reversed mark closing a curly quote (“…“): autocorrect typed the wrong one.
                    let pos = stack.iter().rposition(|(m, _)| m.is_double()).unwrap_or(0);
                    close(&mut stack, pos, at + c.len_utf8(), marks);
                } else {
                    push(&mut stack, (Mark::Double { straight: false }, at));
                }
            }
            '”' => {
                if let Some(pos) = stack.iter().rposition(|(m, _)| m.is_double()) {
                    close(&mut stack, pos, at + c.len_utf8(), marks);
                } else if opener_context && next.is_some_and(char::is_alphanumeric) {
                    // A reversed mark opening a quote.
                    push(&mut stack, (Mark::Double { straight: false }, at));
                } else {
                    marks
                        .problems
                        .push((Span::new(at, at + c.len_utf8()), MarkProblem::StrayClose));
                }
            }
            '"' => {
                if prev.is_some_and(|p| p.is_ascii_digit()) && stack.is_empty() {
                    // 6'2" and 12" pipe: inches, not a quote.
                } else if let Some(pos) = stack.iter().rposition(|(m, _)| m.is_double()) {
                    let straight_on_top = matches!(stack[pos].0, Mark::Double { straight: true });
                    if straight_on_top || closer_context || !opener_context {
                        close(&mut stack, pos, at + 1, marks);
                    } else {
                        push(&mut stack, (Mark::Double { straight: true }, at));
                    }
                } else if opener_context || !closer_context {
                    push(&mut stack, (Mark::Double { straight: true }, at));
                } else {
                    marks
                        .problems
                        .push((Span::new(at, at + 1), MarkProblem::StrayClose));
                }
            }
            '„' => push(&mut stack, (Mark::Low, at)),
            '«' => push(&mut stack, (Mark::Guillemet, at)),
            '»' => {
                if let Some(pos) = stack.iter().rposition(|(m, _)| *m == Mark::Guillemet) {
                    close(&mut stack, pos, at + c.len_utf8(), marks);
                }
            }
            '‘' | '’' | '\'' => {
                let between_letters = prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric);
                let elision = next.is_some_and(|n| n.is_ascii_digit())
                    || starts_elision(&text[i + c.len_utf8()..]);
                let single_open = stack.last().is_some_and(|(m, _)| *m == Mark::Single);
                if between_letters {
                    // don’t, Zelenskyy’s, rock'n'roll: an apostrophe.
                } else if c != '‘' && single_open && closer_context {
                    stack.pop();
                } else if c != '’'
                    && opener_context
                    && !elision
                    && next.is_some_and(|n| n.is_alphabetic() || matches!(n, '“' | '"' | '¿'))
                {
                    // Single quotes open inside a double quote; at the top level only the curly
                    // mark does (headlines and British-style copy), and only if it closes.
                    if !stack.is_empty() || (c == '‘' && closes_single(&text[i + c.len_utf8()..]))
                    {
                        push(&mut stack, (Mark::Single, at));
                    }
                }
            }
            _ => {}
        }
    }
    // The paragraph ended inside a quote: the outermost double quote runs to the end.
    if let Some(&(mark, start)) = stack.first()
        && mark.is_double()
    {
        let end = span.end;
        let inner = Span::new(start + mark_len(prose, start), end);
        marks.quotes.push(Quote {
            span: Span::new(start, end),
            inner,
            kind: QuoteKind::Speech,
            closed: false,
            continues: None,
            attribution: None,
        });
        if kind != BlockKind::Heading {
            *pending = Some(marks.quotes.len() - 1);
        } else {
            marks.problems.push((
                opening_word(prose, Span::new(start, end)),
                MarkProblem::Unclosed,
            ));
        }
    }
    // Quotes close in order of their end; keep them in order of their start.
    marks.quotes[first..].sort_by_key(|q| q.span.start);
}

/// Quote marks nest a few levels deep in real copy; past this depth an opening mark is not
/// tracked. Without the bound a run of 100,000 opening marks would make every mark search the
/// whole stack (quadratic time).
const MAX_NESTING: usize = 32;

fn push(stack: &mut Vec<(Mark, usize)>, mark: (Mark, usize)) {
    if stack.len() < MAX_NESTING {
        stack.push(mark);
    }
}

/// Closes the mark at `pos` (and anything opened inside it). A top-level quote becomes a
/// `Quote`; its `inner` is set by [`finish`].
fn close(stack: &mut Vec<(Mark, usize)>, pos: usize, end: usize, marks: &mut Marks) {
    let (_, start) = stack[pos];
    stack.truncate(pos);
    if pos == 0 {
        marks.quotes.push(Quote {
            span: Span::new(start, end),
            inner: Span::new(start, end),
            kind: QuoteKind::Speech,
            closed: true,
            continues: None,
            attribution: None,
        });
    }
}

fn mark_len(prose: &str, at: usize) -> usize {
    prose[at..].chars().next().map_or(0, char::len_utf8)
}

fn top_double_curly(stack: &[(Mark, usize)]) -> bool {
    stack
        .iter()
        .rev()
        .find(|(m, _)| m.is_double())
        .is_some_and(|(m, _)| *m == Mark::Double { straight: false })
}

/// Characters after which a mark opens a quote.
fn opens_context(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '(' | '['
                | '{'
                | '—'
                | '–'
                | '-'
                | '/'
                | '“'
                | '‘'
                | '"'
                | '\''
                | '«'
                | '„'
                | ':'
                | '…'
        )
}

/// ’til, ’em, ’n’, ’cause, ’tis: elisions, not quotes. Asked at every apostrophe: the letters
/// after it are read in place, and lowered without a copy when they are lowercase ASCII already.
fn starts_elision(rest: &str) -> bool {
    let letters = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    with_lowercase(&rest[..letters], |word| {
        matches!(
            word,
            "til" | "em" | "n" | "cause" | "tis" | "twas" | "bout" | "round" | "nuff" | "ol"
        )
    })
}

/// True if a single quote opened just before `rest` is closed in the paragraph: a ’ or ' that
/// is not between letters.
fn closes_single(rest: &str) -> bool {
    let mut prev: Option<char> = None;
    let mut it = rest.chars().peekable();
    while let Some(c) = it.next() {
        if matches!(c, '’' | '\'')
            && prev.is_some_and(|p| !p.is_whitespace())
            && !it.peek().is_some_and(|n| n.is_alphanumeric())
        {
            return true;
        }
        prev = Some(c);
    }
    false
}

pub(crate) fn opens_with_mark(paragraph: &str) -> bool {
    matches!(
        paragraph.trim_start().chars().next(),
        Some('“' | '"' | '«' | '„' | '‘')
    )
}

/// The opening mark and the word after it: what an editor underlines for an unclosed quote.
fn opening_word(prose: &str, quote: Span) -> Span {
    let text = &prose[quote.start..quote.end];
    let mark = text.chars().next().map_or(0, char::len_utf8);
    let word_end = text[mark..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| mark + i);
    Span::new(quote.start, quote.start + word_end)
}

/// Fixes the inner spans of closed quotes (the marks' lengths are known only from the text).
pub fn finish(prose: &str, quotes: &mut [Quote]) {
    for q in quotes {
        let open = mark_len(prose, q.span.start);
        let close = if q.closed {
            prose[..q.span.end]
                .chars()
                .next_back()
                .map_or(0, char::len_utf8)
        } else {
            0
        };
        let start = (q.span.start + open).min(q.span.end);
        let end = (q.span.end - close).max(start);
        q.inner = Span::new(start, end);
    }
}

/// A quote's kind if it is attributed, and if it is not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Kinds {
    pub attributed: QuoteKind,
    pub unattributed: QuoteKind,
}

/// Whether a quote is speech, a fragment, a title or scare quotes, from its words and the words
/// before it, both if someone is said to say it and if no one is: an attributed quote is speech
/// or a fragment whatever its shape. Its words are looked at once for both (paragraph reading
/// asks for both of every quote).
pub fn kinds(prose: &str, quote: &Quote) -> Kinds {
    let inner = quote.inner.text(prose).trim();
    // How many words, up to the most any test below asks about.
    let words = inner.split_whitespace().take(9).count();
    let ends_sentence = inner
        .trim_end_matches(['’', '\'', '"', '”'])
        .ends_with(['.', '?', '!', ',', '—', '…']);
    let starts_upper = inner.chars().next().is_some_and(char::is_uppercase);
    let is_speech = ends_sentence && starts_upper && words >= 3 || words >= 8 || !quote.closed;
    let attributed = if is_speech {
        QuoteKind::Speech
    } else {
        QuoteKind::Fragment
    };
    Kinds {
        attributed,
        unattributed: unattributed_kind(prose, quote, inner, words, is_speech),
    }
}

/// The kind of a quote no one is said to have said: a sign's or a title's words, scare quotes,
/// or speech or a fragment still.
fn unattributed_kind(
    prose: &str,
    quote: &Quote,
    inner: &str,
    words: usize,
    is_speech: bool,
) -> QuoteKind {
    let (before, count) = preceding_words::<3>(prose, quote.span.start);
    let before = &before[..count];
    let last = before.last().copied().unwrap_or_default();
    with_lowercase(last, |last| {
        // The words on a sign or a label are text, not speech: signs reading “Keep Tillman
        // Public.”
        if SIGN_CUES.contains(&last) {
            return QuoteKind::Title;
        }
        // American punctuation puts a comma inside the marks: the film “Dry Season,” below.
        let ends_with_stop = inner
            .trim_end_matches(['’', '\'', '"', '”'])
            .ends_with(['.', '?', '!', '—', '…']);
        if is_title(inner, ends_with_stop) || TITLE_CUES.contains(&last) && !is_speech {
            return QuoteKind::Title;
        }
        let naming = NAMING_CUES.contains(&last)
            || words <= 4
                && before
                    .iter()
                    .rev()
                    .any(|w| with_lowercase(w, |w| NAMING_CUES.contains(&w)));
        if !is_speech && (words <= 2 || naming) {
            return QuoteKind::Scare;
        }
        if is_speech {
            QuoteKind::Speech
        } else {
            QuoteKind::Fragment
        }
    })
}

/// Words before a quote that introduce written text: a sign reading “Keep Out.”
static SIGN_CUES: WordList = WordList::new(&[
    "reading",
    "labeled",
    "labelled",
    "marked",
    "inscribed",
    "emblazoned",
    "stamped",
    "captioned",
    "headlined",
]);

/// Words before a quote that introduce a composition title: played “Blue Moon”.
static TITLE_CUES: WordList = WordList::new(&[
    "played",
    "sang",
    "sings",
    "performed",
    "titled",
    "entitled",
    "song",
    "album",
    "book",
    "film",
    "movie",
    "show",
    "series",
    "article",
    "essay",
    "poem",
    "column",
    "headline",
    "novel",
    "memoir",
    "play",
    "opera",
    "musical",
    "painting",
    "podcast",
    "episode",
    "hit",
    "single",
    "report",
    "documentary",
    "exhibit",
    "exhibition",
]);

/// Words before a quote that mark it as a term rather than speech: a so-called “giveaway”.
static NAMING_CUES: WordList = WordList::new(&[
    "a",
    "an",
    "the",
    "so-called",
    "call",
    "calls",
    "called",
    "dubbed",
    "labeled",
    "labelled",
    "termed",
    "term",
    "known",
    "as",
    "word",
    "words",
    "phrase",
    "nicknamed",
    "branded",
    "deemed",
    "its",
    "their",
    "his",
    "her",
]);

/// Title Case with no sentence punctuation: “Take Me Out to the Ball Game”.
fn is_title(inner: &str, ends_sentence: bool) -> bool {
    if ends_sentence {
        return false;
    }
    const SMALL: &[&str] = &[
        "a", "an", "the", "and", "but", "or", "for", "nor", "on", "at", "to", "by", "of", "in",
        "with", "from", "as", "is",
    ];
    // Word by word, stopping at the first that a title would not have.
    let (mut count, mut capitalised) = (0, 0);
    for (i, w) in inner.split_whitespace().enumerate() {
        count += 1;
        if w.chars().next().is_some_and(char::is_uppercase) {
            capitalised += 1;
        }
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let fits = w.is_empty()
            || w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || (i > 0 && SMALL.contains(&w));
        if !fits {
            return false;
        }
    }
    count >= 2 && capitalised >= 2
}

/// The last `N` words before `at` (fewer at the start of the text), in order, and how many.
fn preceding_words<const N: usize>(prose: &str, at: usize) -> ([&str; N], usize) {
    let start = at.saturating_sub(80);
    let mut start = start;
    while !prose.is_char_boundary(start) {
        start += 1;
    }
    let before = &prose[start..at];
    let bytes = before.as_bytes();
    let mut words = [""; N];
    let mut count = 0;
    // Scanned back byte by byte, as `rsplit` on the same separators would find them: it is
    // asked before every quotation, and a character is decoded only where it is not ASCII.
    let (mut end, mut i) = (bytes.len(), bytes.len());
    while i > 0 && count < N {
        let byte = bytes[i - 1];
        let (is_separator, char_start) = if byte.is_ascii() {
            // `char::is_whitespace` in ASCII: \t, \n, \x0B, \x0C, \r and the space.
            let separator = matches!(byte, b'\t'..=b'\r' | b' ' | b',' | b';' | b':' | b'(');
            (separator, i - 1)
        } else {
            let mut char_start = i - 1;
            while !before.is_char_boundary(char_start) {
                char_start -= 1;
            }
            let c = before[char_start..i].chars().next().unwrap_or_default();
            (c.is_whitespace() || c == '—', char_start)
        };
        if is_separator {
            if end > i {
                words[count] = &before[i..end];
                count += 1;
            }
            end = char_start;
        }
        i = char_start;
    }
    if count < N && end > 0 {
        words[count] = &before[..end];
        count += 1;
    }
    words[..count].reverse();
    (words, count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Format;

    proptest::proptest! {
        /// The letters after a mark are an elision as their lowercase copy was: in any case,
        /// with letters outside ASCII, whatever follows them.
        #[test]
        fn an_elision_is_read_as_its_lowercase_copy_was(
            rest in "(til|em|n|cause|Tis|TWAS|bout|round|nuff|ol|[a-zA-Z])?[tiEmn\u{212A}\u{130}é’' .5]{0,4}"
        ) {
            let copied = rest
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect::<String>()
                .to_lowercase();
            let expected = matches!(
                copied.as_str(),
                "til" | "em" | "n" | "cause" | "tis" | "twas" | "bout" | "round" | "nuff" | "ol"
            );
            proptest::prop_assert_eq!(starts_elision(&rest), expected, "{:?}", rest);
        }

        /// The backward byte scan finds the words `rsplit` on the same separators finds: with
        /// every whitespace outside ASCII, curly quotes, dashes and emoji around them, and with
        /// the 80-byte window starting on a character boundary or inside a character.
        #[test]
        fn preceding_words_are_those_rsplit_finds(
            text in "[a-zA-Z’'“”é—–😀\\.,;:()\t\n\x0B\x0C\r \u{1C}\u{85}\u{A0}\u{1680}\u{2000}\u{200A}\u{200B}\u{2028}\u{2029}\u{202F}\u{205F}\u{3000}\u{FEFF}]{0,120}",
            at in 0usize..480,
        ) {
            let mut at = at.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let (found, count) = preceding_words::<3>(&text, at);
            let (expected, expected_count) = preceding_words_by_rsplit::<3>(&text, at);
            proptest::prop_assert_eq!(&found[..count], &expected[..expected_count], "{:?} at {}", text, at);
            let (found, count) = preceding_words::<1>(&text, at);
            let (expected, expected_count) = preceding_words_by_rsplit::<1>(&text, at);
            proptest::prop_assert_eq!(&found[..count], &expected[..expected_count], "{:?} at {}", text, at);
        }
    }

    /// The words before `at` as the version before the byte scan found them.
    fn preceding_words_by_rsplit<const N: usize>(prose: &str, at: usize) -> ([&str; N], usize) {
        let mut start = at.saturating_sub(80);
        while !prose.is_char_boundary(start) {
            start += 1;
        }
        let mut words = [""; N];
        let mut count = 0;
        for word in prose[start..at]
            .rsplit(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '(' | '—'))
            .filter(|w| !w.is_empty())
            .take(N)
        {
            words[count] = word;
            count += 1;
        }
        words[..count].reverse();
        (words, count)
    }

    fn quotes(text: &str) -> Vec<(String, bool, Option<usize>)> {
        let mut draft = Draft::new(text, Format::Markdown);
        let marks = find(&mut draft);
        marks
            .quotes
            .iter()
            .map(|q| (q.inner.text(text).to_string(), q.closed, q.continues))
            .collect()
    }

    fn problems(text: &str) -> Vec<(String, MarkProblem)> {
        let mut draft = Draft::new(text, Format::Markdown);
        find(&mut draft)
            .problems
            .iter()
            .map(|(s, p)| (s.text(text).to_string(), *p))
            .collect()
    }

    /// 100,000 opening marks in a row: one unclosed quote to the paragraph's end, in linear
    /// time (this took 40 seconds in a debug build before the nesting bound).
    #[test]
    fn a_run_of_opening_marks_is_one_unclosed_quote() {
        for mark in ["“", "\"", "«", "„"] {
            let text = format!("{}\n", mark.repeat(100_000));
            let start = std::time::Instant::now();
            let found = quotes(&text);
            assert!(
                start.elapsed() < std::time::Duration::from_secs(10),
                "{mark}"
            );
            // Straight marks pair up (`""` is an empty quote); the others all stay open.
            let most = if mark == "\"" { 50_000 } else { 1 };
            assert!(found.len() <= most, "{mark}: {}", found.len());
        }
    }

    fn inner(text: &str) -> Vec<String> {
        quotes(text).into_iter().map(|q| q.0).collect()
    }

    #[test]
    fn curly_and_straight_quotes_with_apostrophes() {
        assert_eq!(
            inner("“We don’t know,” Zelenskyy’s aide said. \"It's the '90s,\" she said."),
            ["We don’t know,", "It's the '90s,"]
        );
        assert_eq!(
            inner("The Joneses’ house and the ’90s were “fine,” he said."),
            ["fine,"]
        );
    }

    #[test]
    fn nested_single_quotes_stay_inside_the_double_quote() {
        assert_eq!(
            inner("“He told me, ‘Janet, we are going now,’ and left,” she said."),
            ["He told me, ‘Janet, we are going now,’ and left,"]
        );
        assert_eq!(
            inner("\"My husband said, 'Janet, go now,' and he was right,\" she said."),
            ["My husband said, 'Janet, go now,' and he was right,"]
        );
        assert_eq!(
            inner("“to ‘finish it off’,” Trump said."),
            ["to ‘finish it off’,"]
        );
    }

    #[test]
    fn multi_paragraph_quote_continues() {
        let text =
            "“First paragraph of the quote.\n\n“Second paragraph.\n\n“Last one,” she said.\n";
        let got = quotes(text);
        assert_eq!(got.len(), 3);
        assert_eq!((got[0].1, got[0].2), (false, None));
        assert_eq!((got[1].1, got[1].2), (false, Some(0)));
        assert_eq!((got[2].1, got[2].2), (true, Some(1)));
        assert!(problems(text).is_empty());
    }

    #[test]
    fn unclosed_quote_without_continuation_is_a_problem() {
        assert_eq!(
            problems("“The plan failed, Roe said.\n\nThe vote is Tuesday.\n"),
            [("“The".to_string(), MarkProblem::Unclosed)]
        );
        assert_eq!(
            problems("She left.” Then nothing.\n"),
            [("”".to_string(), MarkProblem::StrayClose)]
        );
        assert_eq!(problems("He is 6'2\" tall and owns a 12\" pipe.\n"), []);
    }

    #[test]
    fn guillemets_and_low_quotes() {
        assert_eq!(
            inner("« Nous partons », a-t-il dit. „Wir gehen“, sagte er."),
            [" Nous partons ", "Wir gehen"]
        );
    }

    #[test]
    fn emoji_and_em_dashes_before_quotes() {
        assert_eq!(inner("Fans 😀 cheered —“We won!” she said."), ["We won!"]);
    }

    #[test]
    fn titles_and_scare_quotes() {
        let text = "A band played \"Take Me Out to the Ball Game\" as critics called the plan a \"giveaway.\" He said it was \"a shell game that fools nobody.\"";
        let mut draft = Draft::new(text, Format::Markdown);
        let marks = find(&mut draft);
        let kinds: Vec<_> = marks
            .quotes
            .iter()
            .map(|q| kinds(&draft.prose, q))
            .collect();
        let unattributed: Vec<_> = kinds.iter().map(|k| k.unattributed).collect();
        assert_eq!(
            unattributed,
            [QuoteKind::Title, QuoteKind::Scare, QuoteKind::Fragment]
        );
        // Said by someone, none of them is a whole sentence of speech.
        assert!(kinds.iter().all(|k| k.attributed == QuoteKind::Fragment));
    }
}
