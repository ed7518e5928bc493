//! Words and punctuation of the prose outside quotes. A quote is one token: attribution reads
//! the reporter's words around it, never the words inside it.

use crate::ascii_chunks;
use crate::lexicon::{WordList, is_general_punctuation};
use crate::model::{Quote, QuoteId, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    Word,
    Number,
    Punct(char),
    /// The quote with this index (a [`QuoteId`]): 32 bits, so that a token takes 24 bytes,
    /// not 32. A draft has about 1.3 tokens per word, and every keystroke copies them all.
    Quote(u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: Tok,
}

/// Abbreviations whose period belongs to the word: "Sen. Ana Ruiz" is three words.
static DOTTED: WordList = WordList::new(&[
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "Capt", "Adm",
    "Maj", "Cmdr", "Prof", "Rev", "St", "Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "No", "Jan", "Feb",
    "Aug", "Sept", "Sep", "Oct", "Nov", "Dec", "Mt", "Ft", "vs", "Messrs", "Supt", "Det", "Insp",
    "Atty", "Gens", "Sens", "Reps",
]);

impl Token {
    pub fn text<'p>(&self, prose: &'p str) -> &'p str {
        self.span.text(prose)
    }
    pub fn is_word(&self) -> bool {
        self.kind == Tok::Word
    }
    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Tok::Punct(c)
    }
    /// [`capitalized`] of the token's text, which is cut out of `prose` only when its first
    /// byte is not ASCII: asked of every token by the name-run reader.
    pub fn is_capitalized(&self, prose: &str) -> bool {
        let first = prose
            .as_bytes()
            .get(self.span.start)
            .filter(|_| !self.span.is_empty());
        starts_capitalized(first.copied(), || self.text(prose))
    }
    pub fn quote(&self) -> Option<QuoteId> {
        match self.kind {
            Tok::Quote(id) => Some(id as QuoteId),
            _ => None,
        }
    }
}

/// Tokenizes `prose[span]`, folding each quote that starts inside it into one token. `quotes`
/// are sorted by start; `first_quote` is the index of the first that may lie in `span`.
pub fn tokenize(prose: &str, span: Span, quotes: &[Quote], out: &mut Vec<Token>) {
    let mut q = quotes.partition_point(|quote| quote.span.start < span.start);
    let mut i = span.start;
    while i < span.end {
        if q < quotes.len() && quotes[q].span.start == i {
            let end = quotes[q].span.end.min(span.end).max(i + 1);
            out.push(Token {
                span: Span::new(i, end),
                kind: Tok::Quote(q as u32),
            });
            i = end;
            q += 1;
            continue;
        }
        while q < quotes.len() && quotes[q].span.start < i {
            q += 1;
        }
        let b = prose.as_bytes()[i];
        if b == b' ' {
            i += 1;
            continue;
        }
        // Nearly every token starts with an ASCII byte, which is its character.
        let c = if b.is_ascii() {
            char::from(b)
        } else {
            let Some(c) = prose[i..].chars().next() else {
                break;
            };
            c
        };
        let len = c.len_utf8();
        if c.is_whitespace() {
            i += len;
            continue;
        }
        if is_alphanumeric(c) {
            // A word is at least its first character, whatever the scan says: the loop must
            // move on.
            let end = word_end(prose, i, span.end, c.is_ascii_digit()).max(i + len);
            out.push(Token {
                span: Span::new(i, end),
                kind: if c.is_ascii_digit() {
                    Tok::Number
                } else {
                    Tok::Word
                },
            });
            i = past_space(prose, end, span.end);
            continue;
        }
        out.push(Token {
            span: Span::new(i, i + len),
            kind: Tok::Punct(c),
        });
        i = past_space(prose, i + len, span.end);
    }
}

/// `at`, or the byte after it if that is a space (before `end`). Nearly every word and comma
/// is followed by one space: passed over with the token, it costs no turn of the tokenizer's
/// loop, whose first question (does a quote start here?) a space never needs, since every
/// quote starts at its mark.
#[inline]
fn past_space(prose: &str, at: usize, end: usize) -> usize {
    if at < end && prose.as_bytes().get(at) == Some(&b' ') {
        at + 1
    } else {
        at
    }
}

fn word_end(prose: &str, start: usize, limit: usize, number: bool) -> usize {
    let mut end = start;
    let mut has_inner_dot = false;
    let slice = &prose[start..limit];
    let mut off = 0;
    loop {
        // Plain ASCII letters and digits need none of the checks below.
        let run = ascii_alphanumeric_end(slice, off);
        if run > off {
            off = run;
            end = start + off;
        }
        // Most words end at a space or a comma: an ASCII byte that cannot join the word (a
        // comma or colon joins only digits) and cannot be its final mark decides it without
        // decoding the characters around it.
        if slice.as_bytes().get(off).is_some_and(|&b| {
            b.is_ascii()
                && !matches!(b, b'.' | b'\'' | b'-' | b'&')
                && !(number && matches!(b, b',' | b':'))
        }) {
            break;
        }
        let Some(c) = slice[off..].chars().next() else {
            break;
        };
        let next = slice[off + c.len_utf8()..].chars().next();
        let joins = if number {
            matches!(c, ',' | '.' | ':') && next.is_some_and(|n| n.is_ascii_digit())
        } else {
            matches!(c, '’' | '\'' | '-' | '&' | '‐') && next.is_some_and(is_alphanumeric)
                || c == '.'
                    && next.is_some_and(char::is_alphabetic)
                    && prose[start..start + off]
                        .chars()
                        .next_back()
                        .is_some_and(char::is_alphabetic)
                    && off < 12
        };
        if is_alphanumeric(c) || joins {
            if c == '.' {
                has_inner_dot = true;
            }
            off += c.len_utf8();
            end = start + off;
        } else {
            // "Sen." and "U.S." keep their final period; a possessive plural keeps its apostrophe.
            let word = &prose[start..end];
            if c == '.' && !number && (has_inner_dot || DOTTED.contains(&word) || is_initial(word))
            {
                end += 1;
            } else if matches!(c, '’' | '\'')
                && word.ends_with('s')
                && !next.is_some_and(is_alphanumeric)
                && word.chars().next().is_some_and(char::is_alphabetic)
            {
                // parents’ house: keep the apostrophe with the word only when a noun follows.
                if next == Some(' ')
                    && prose[start + off + c.len_utf8()..limit]
                        .trim_start()
                        .chars()
                        .next()
                        .is_some_and(char::is_lowercase)
                {
                    end += c.len_utf8();
                }
            }
            break;
        }
    }
    end
}

/// Where the run of ASCII letters and digits starting at `from` ends: the fast path of the word
/// scanners, which need to look closer only at other characters. Eight bytes at a time
/// ([`crate::ascii_chunks`]): nearly every word of news copy ends within the first eight.
pub(crate) fn ascii_alphanumeric_end(text: &str, from: usize) -> usize {
    ascii_chunks::find(text.as_bytes(), from, ascii_chunks::not_alphanumeric)
}

/// Whether `c` is a letter or digit, as [`char::is_alphanumeric`] says. The characters outside
/// ASCII that stand beside words in news copy are nearly all General Punctuation (curly quotes
/// and apostrophes, dashes, the ellipsis), which has no letter or digit: answered without the
/// search of the Unicode tables that the standard library makes for each of them.
#[inline]
pub(crate) fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        !is_general_punctuation(c) && c.is_alphanumeric()
    }
}

fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// True for a word that starts with an uppercase letter.
pub fn capitalized(word: &str) -> bool {
    starts_capitalized(word.as_bytes().first().copied(), || word)
}

/// Whether a word whose first byte is `first` starts with an uppercase letter; `word` gives
/// the word itself, asked for only when that byte is not ASCII.
fn starts_capitalized<'w>(first: Option<u8>, word: impl FnOnce() -> &'w str) -> bool {
    // Asked of nearly every word: an ASCII first byte answers without decoding a character.
    match first {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => word().chars().next().is_some_and(char::is_uppercase),
    }
}

/// The texts of `words` one space apart: the prose's own text when one space stands between
/// each word and the next, as it nearly always does in a name, and only otherwise the words
/// joined into a new string (a name broken across a line, two spaces, a no-break space).
/// Names and known organisations are asked for this way: copying and joining their words
/// for every run of capitalised words cost allocations on every paragraph.
pub fn one_space_apart<'p>(prose: &'p str, words: &[Token]) -> std::borrow::Cow<'p, str> {
    let spaced = words.windows(2).all(|pair| {
        let gap = pair[0].span.end;
        pair[1].span.start == gap + 1 && prose.as_bytes().get(gap) == Some(&b' ')
    });
    match (words.first(), words.last()) {
        (Some(first), Some(last)) if spaced => {
            std::borrow::Cow::Borrowed(Span::new(first.span.start, last.span.end).text(prose))
        }
        _ => std::borrow::Cow::Owned(
            (words.iter().map(|t| t.text(prose)))
                .collect::<Vec<_>>()
                .join(" "),
        ),
    }
}

/// The word without a possessive ending: "Whitfield's" → "Whitfield".
pub fn strip_possessive(word: &str) -> &str {
    for suffix in ["’s", "'s", "’", "'"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            return stem;
        }
    }
    word
}

pub fn is_possessive(word: &str) -> bool {
    strip_possessive(word).len() != word.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The byte test answers as the first character would: ASCII or not, capital or not.
        #[test]
        fn capitalized_reads_the_first_character(word in "[aZ3 'ÉéÑ\u{1C5}\u{212A}😀]{0,4}") {
            proptest::prop_assert_eq!(
                capitalized(&word),
                word.chars().next().is_some_and(char::is_uppercase)
            );
        }

        /// The token's test, from the first byte of the draft where it starts, answers as the
        /// test of its text, whatever follows the token and whether it is empty.
        #[test]
        fn a_token_is_capitalized_as_its_text_is(
            text in "[aZ3 'ÉéÑ\u{1C5}\u{212A}😀]{0,4}",
            after in "[aZ É]{0,2}",
        ) {
            let prose = format!("{text}{after}");
            let token = Token { span: Span::new(0, text.len()), kind: Tok::Word };
            proptest::prop_assert_eq!(token.is_capitalized(&prose), capitalized(&text));
        }
    }

    /// The shortcut answers as the standard library does, for every character.
    #[test]
    fn is_alphanumeric_answers_as_the_standard_library() {
        for c in char::MIN..=char::MAX {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    /// [`tokenize`] as it was before a space after a token was passed over with it: the
    /// oracle of that shortcut.
    fn tokenize_every_space(prose: &str, span: Span, quotes: &[Quote], out: &mut Vec<Token>) {
        let mut q = quotes.partition_point(|quote| quote.span.start < span.start);
        let mut i = span.start;
        while i < span.end {
            if q < quotes.len() && quotes[q].span.start == i {
                let end = quotes[q].span.end.min(span.end).max(i + 1);
                out.push(Token {
                    span: Span::new(i, end),
                    kind: Tok::Quote(q as u32),
                });
                i = end;
                q += 1;
                continue;
            }
            while q < quotes.len() && quotes[q].span.start < i {
                q += 1;
            }
            let c = prose[i..].chars().next().unwrap();
            let len = c.len_utf8();
            if c.is_whitespace() {
                i += len;
                continue;
            }
            if is_alphanumeric(c) {
                let end = word_end(prose, i, span.end, c.is_ascii_digit()).max(i + len);
                let kind = if c.is_ascii_digit() {
                    Tok::Number
                } else {
                    Tok::Word
                };
                out.push(Token {
                    span: Span::new(i, end),
                    kind,
                });
                i = end;
                continue;
            }
            out.push(Token {
                span: Span::new(i, i + len),
                kind: Tok::Punct(c),
            });
            i += len;
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Passing over the space after a token gives the tokens of reading every space, with
        /// the quotes the paragraph reader finds (a quote right after a space, or after
        /// another quote, or a token), over the whole text or from any character of it to
        /// any other (a sentence may end right before a space).
        #[test]
        fn a_space_after_a_token_is_passed_over_as_it_was_read(
            text in "(Ana|U\\.S\\.|64|4\\.2|Ruiz’s|don't| |  |,|\\.|—|😀|é|\u{a0}|\n|“|”|\"|‘|’|'|\\(|\\$){0,30}",
            from in 0usize..200,
            to in 0usize..200,
        ) {
            let mut marks = crate::quotes::Marks::default();
            let whole = Span::new(0, text.len());
            let kind = crate::draft::BlockKind::Text;
            crate::quotes::scan(&text, whole, kind, &mut marks, &mut None);
            crate::quotes::finish(&text, &mut marks.quotes);
            let boundary = |at: usize| {
                let mut at = at.min(text.len());
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                at
            };
            let (from, to) = (boundary(from.min(to)), boundary(from.max(to)));
            for span in [whole, Span::new(from, to)] {
                let (mut fast, mut every) = (Vec::new(), Vec::new());
                tokenize(&text, span, &marks.quotes, &mut fast);
                tokenize_every_space(&text, span, &marks.quotes, &mut every);
                proptest::prop_assert_eq!(fast, every, "{:?} in {:?}", span, text);
            }
        }
    }

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize(text, Span::new(0, text.len()), &[], &mut out);
        out.iter().map(|t| t.text(text)).collect()
    }

    #[test]
    fn abbreviations_possessives_and_numbers() {
        assert_eq!(
            words(
                "Sen. Ana Ruiz-Lee, 64, of the U.S. said Zelenskyy’s $4.2 million deal don't. Whitfield's office."
            ),
            [
                "Sen.",
                "Ana",
                "Ruiz-Lee",
                ",",
                "64",
                ",",
                "of",
                "the",
                "U.S.",
                "said",
                "Zelenskyy’s",
                "$",
                "4.2",
                "million",
                "deal",
                "don't",
                ".",
                "Whitfield's",
                "office",
                "."
            ]
        );
        assert_eq!(
            words("J. Smith and the parents’ house — 😀 ok"),
            [
                "J.",
                "Smith",
                "and",
                "the",
                "parents’",
                "house",
                "—",
                "😀",
                "ok"
            ]
        );
    }

    proptest::proptest! {
        /// A run's words read from the prose where one space stands between each are the
        /// words joined with one space, whatever stands between them (two spaces, a line
        /// break, a tab, a no-break space, a hyphen or an apostrophe inside a word), and for
        /// every run of a paragraph's tokens.
        #[test]
        fn words_one_space_apart_are_the_words_joined(
            text in "(Ana|Ruiz|Le|Pen’s|O'Neil|Smith-Jones|Ødegaard|😀| |  |\n|\t|\u{a0}|,|—){0,16}",
        ) {
            use super::{Token, tokenize};
            use crate::model::Span;
            let mut toks: Vec<Token> = Vec::new();
            tokenize(&text, Span::new(0, text.len()), &[], &mut toks);
            for a in 0..toks.len() {
                for b in a..toks.len() {
                    let run = &toks[a..=b];
                    let joined = (run.iter().map(|t| t.text(&text)))
                        .collect::<Vec<_>>()
                        .join(" ");
                    let read = super::one_space_apart(&text, run);
                    proptest::prop_assert_eq!(&*read, joined.as_str(), "{:?}", text);
                    let borrowed = matches!(read, std::borrow::Cow::Borrowed(_));
                    let spaced = run.windows(2).all(|p| &text[p[0].span.end..p[1].span.start] == " ");
                    proptest::prop_assert_eq!(borrowed, spaced, "{:?}", text);
                }
            }
        }
    }

    /// A name's words one space apart are read from the prose; otherwise they are joined, and
    /// either way the name is the same.
    #[test]
    fn a_name_is_the_same_read_in_place_or_joined() {
        use super::{Token, tokenize};
        use crate::model::Span;
        for (text, name) in [
            ("Ana Maria Ruiz", "Ana Maria Ruiz"),
            ("Ana  Maria\nRuiz", "Ana Maria Ruiz"),
            ("Ana\u{a0}Ruiz", "Ana Ruiz"),
            ("Zoë Ødegaard", "Zoë Ødegaard"),
        ] {
            let mut toks: Vec<Token> = Vec::new();
            tokenize(text, Span::new(0, text.len()), &[], &mut toks);
            assert_eq!(super::one_space_apart(text, &toks), name, "{text:?}");
        }
        assert_eq!(super::one_space_apart("", &[]), "");
    }
}
