//! `--format json`: one document for every file, for scripts, CI and the scoring harness.
//! Spans are UTF-8 byte offsets (half-open); ranges are LSP positions with UTF-16 columns.
//!
//! The document is `{"files":[FILE,FILE,…]}` and a newline. Each file's object is written
//! straight into a byte buffer by the worker that checked it, with no intermediate structures,
//! so that the report can be streamed in input order while later drafts are still being
//! checked. The bytes are what `serde_json::to_writer` would print for the same data (compact,
//! fields in the documented order, `serde_json`'s string escaping); the tests below check that
//! against a `serde_json::Value` built the slow way.

use copydesk::position::Position;
use copydesk::{Analysis, ClaimKind, Format, MentionKind, QuoteKind, Sieve, Span, SpeakerKind};

use super::Checked;

/// What comes before the first file.
pub const BEGIN: &[u8] = b"{\"files\":[";
/// What comes between two files.
pub const SEPARATOR: &[u8] = b",";
/// What comes after the last file.
pub const END: &[u8] = b"]}\n";

/// Appends one file's object to `out`.
pub fn file(out: &mut Vec<u8>, c: &Checked) {
    let text = c.text.as_str();
    let a: &Analysis = &c.analysis;
    let mut w = Writer {
        out,
        positions: Positions::new(text),
    };
    let name = |id: Option<usize>| {
        id.and_then(|id| a.speakers.get(id))
            .map(|s| s.name.as_str())
    };

    w.raw(b"{\"path\":");
    w.string(&c.path);
    w.raw(b",\"format\":");
    w.string(match c.format {
        Format::Markdown => "markdown",
        Format::PlainText => "text",
    });

    w.raw(b",\"diagnostics\":[");
    for (i, d) in a.diagnostics.iter().enumerate() {
        w.comma(i);
        w.raw(b"{\"code\":");
        w.string(d.code);
        w.raw(b",\"severity\":");
        w.string(d.severity.as_str());
        w.raw(b",\"message\":");
        w.string(&d.message);
        w.raw(b",");
        w.located(d.span);
        w.raw(b",\"related\":[");
        for (i, r) in d.related.iter().enumerate() {
            w.comma(i);
            w.raw(b"{");
            w.located(r.span);
            w.raw(b",\"message\":");
            w.string(&r.message);
            w.raw(b"}");
        }
        w.raw(b"],\"fixes\":[");
        for (i, f) in d.fixes.iter().enumerate() {
            w.comma(i);
            w.raw(b"{\"title\":");
            w.string(&f.title);
            w.raw(b",\"edits\":[");
            for (i, e) in f.edits.iter().enumerate() {
                w.comma(i);
                w.raw(b"{");
                w.located(e.span);
                w.raw(b",\"replacement\":");
                w.string(&e.replacement);
                w.raw(b"}");
            }
            w.raw(b"]}");
        }
        w.raw(b"]}");
    }

    w.raw(b"],\"quotes\":[");
    for (i, q) in a.quotes.iter().enumerate() {
        w.comma(i);
        w.raw(b"{");
        w.located(q.span);
        w.raw(b",\"text\":");
        w.string(q.inner.text(text));
        w.raw(b",\"kind\":");
        w.string(quote_kind(q.kind));
        w.raw(b",\"closed\":");
        w.bool(q.closed);
        w.raw(b",\"continues\":");
        w.optional_number(q.continues);
        w.raw(b",\"speaker\":");
        w.optional_string(name(q.attribution.as_ref().and_then(|at| at.speaker)));
        w.raw(b",\"attribution\":");
        match &q.attribution {
            None => w.raw(b"null"),
            Some(attr) => {
                w.raw(b"{");
                w.located(attr.source);
                w.raw(b",\"source\":");
                w.string(attr.source.text(text));
                w.raw(b",\"cue\":");
                w.optional_string(attr.cue.map(|c| c.text(text)));
                w.raw(b",\"cue_span\":");
                match attr.cue {
                    None => w.raw(b"null"),
                    Some(cue) => w.span(cue),
                }
                w.raw(b",\"sieve\":");
                w.string(sieve(attr.sieve));
                w.raw(b"}");
            }
        }
        w.raw(b"}");
    }

    // How many quotes each speaker has, in one pass over the quotes.
    let mut quotes = vec![0usize; a.speakers.len()];
    for q in &a.quotes {
        if let Some(count) = q
            .attribution
            .as_ref()
            .and_then(|at| at.speaker)
            .and_then(|id| quotes.get_mut(id))
        {
            *count += 1;
        }
    }
    w.raw(b"],\"speakers\":[");
    for (i, s) in a.speakers.iter().enumerate() {
        w.comma(i);
        w.raw(b"{\"name\":");
        w.string(&s.name);
        w.raw(b",\"role\":");
        w.optional_string(s.role.as_deref());
        w.raw(b",\"kind\":");
        w.string(speaker_kind(s.kind));
        w.raw(b",\"aliases\":[");
        for (i, alias) in s.aliases.iter().enumerate() {
            w.comma(i);
            w.string(alias);
        }
        w.raw(b"],\"quotes\":");
        w.number(quotes[i]);
        w.raw(b",\"mentions\":[");
        for (i, m) in s.mentions.iter().enumerate() {
            w.comma(i);
            w.raw(b"{");
            w.located(m.span);
            w.raw(b",\"kind\":");
            w.string(mention_kind(m.kind));
            w.raw(b",\"in_quote\":");
            w.bool(m.in_quote);
            w.raw(b"}");
        }
        w.raw(b"]}");
    }

    w.raw(b"],\"claims\":[");
    for (i, cl) in a.claims.iter().enumerate() {
        w.comma(i);
        w.raw(b"{");
        w.located(cl.span);
        w.raw(b",\"text\":");
        w.string(cl.span.text(text));
        w.raw(b",\"kind\":");
        w.string(claim_kind(cl.kind));
        w.raw(b",\"claimant\":");
        w.optional_string(name(cl.claimant));
        w.raw(b",\"quote\":");
        w.optional_number(cl.quote);
        w.raw(b"}");
    }
    w.raw(b"]}");
}

struct Writer<'a> {
    out: &'a mut Vec<u8>,
    positions: Positions<'a>,
}

impl Writer<'_> {
    fn raw(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
    }

    /// The comma before every element of an array but the first.
    fn comma(&mut self, i: usize) {
        if i > 0 {
            self.out.push(b',');
        }
    }

    fn bool(&mut self, b: bool) {
        self.raw(if b { b"true" } else { b"false" });
    }

    fn number(&mut self, n: usize) {
        /// "00", "01", … "99".
        const PAIRS: [u8; 200] = {
            let mut pairs = [0u8; 200];
            let mut i = 0;
            while i < 100 {
                pairs[2 * i] = b'0' + (i / 10) as u8;
                pairs[2 * i + 1] = b'0' + (i % 10) as u8;
                i += 1;
            }
            pairs
        };
        let mut digits = [0u8; 20];
        let mut at = digits.len();
        let mut n = n;
        while n >= 100 {
            let pair = (n % 100) * 2;
            n /= 100;
            at -= 2;
            digits[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
        }
        if n >= 10 {
            at -= 2;
            digits[at..at + 2].copy_from_slice(&PAIRS[n * 2..n * 2 + 2]);
        } else {
            at -= 1;
            digits[at] = b'0' + n as u8;
        }
        self.out.extend_from_slice(&digits[at..]);
    }

    fn optional_number(&mut self, n: Option<usize>) {
        match n {
            Some(n) => self.number(n),
            None => self.raw(b"null"),
        }
    }

    fn string(&mut self, s: &str) {
        self.out.push(b'"');
        escape(self.out, s.as_bytes());
        self.out.push(b'"');
    }

    fn optional_string(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.string(s),
            None => self.raw(b"null"),
        }
    }

    /// `{"start":…,"end":…}`
    fn span(&mut self, span: Span) {
        self.raw(b"{\"start\":");
        self.number(span.start);
        self.raw(b",\"end\":");
        self.number(span.end);
        self.raw(b"}");
    }

    fn position(&mut self, p: Position) {
        self.raw(b"{\"line\":");
        self.number(p.line as usize);
        self.raw(b",\"character\":");
        self.number(p.character as usize);
        self.raw(b"}");
    }

    /// `"span":{…},"range":{…}`: the members every located object starts with.
    fn located(&mut self, span: Span) {
        let start = self.positions.position(span.start);
        let end = self.positions.position(span.end);
        self.raw(b"\"span\":");
        self.span(span);
        self.raw(b",\"range\":{\"start\":");
        self.position(start);
        self.raw(b",\"end\":");
        self.position(end);
        self.raw(b"}");
    }
}

/// LSP positions with UTF-16 columns, exactly as [`copydesk::position::LineIndex::position`]
/// gives them (offsets past the end or inside a character move back to a boundary), made
/// cheaper for the order a report asks for them in: it remembers the last position, so the end
/// of a span, or the next span on the same line, costs only the characters in between; another
/// line costs a binary search over the line starts and the characters before the offset on it.
struct Positions<'t> {
    text: &'t [u8],
    /// Where each line starts: 0 and after every `\n`.
    line_starts: Vec<usize>,
    /// The line of the last position, where it starts, and where the next one starts.
    line: usize,
    line_start: usize,
    next_line_start: usize,
    /// The last offset converted, and its UTF-16 column.
    at: usize,
    column: usize,
}

impl<'t> Positions<'t> {
    fn new(text: &'t str) -> Positions<'t> {
        let mut line_starts = Vec::with_capacity(text.len() / 64 + 1);
        line_starts.push(0);
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let next_line_start = line_starts.get(1).copied().unwrap_or(usize::MAX);
        Positions {
            text: text.as_bytes(),
            line_starts,
            line: 0,
            line_start: 0,
            next_line_start,
            at: 0,
            column: 0,
        }
    }

    fn position(&mut self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        // Back to the start of the character (a UTF-8 continuation byte is 0b10xx_xxxx).
        while offset < self.text.len() && (self.text[offset] as i8) < -64 {
            offset -= 1;
        }
        if offset < self.line_start || offset >= self.next_line_start {
            let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
            self.line = line;
            self.line_start = self.line_starts[line];
            self.next_line_start = self
                .line_starts
                .get(line + 1)
                .copied()
                .unwrap_or(usize::MAX);
            self.at = self.line_start;
            self.column = 0;
        } else if offset < self.at {
            self.at = self.line_start;
            self.column = 0;
        }
        self.column += utf16_len(&self.text[self.at..offset]);
        self.at = offset;
        Position {
            line: self.line as u32,
            character: self.column as u32,
        }
    }
}

/// UTF-16 code units in whole UTF-8 characters: one for each character, two for those of four
/// bytes. That is one for every byte that is not a continuation byte, and one more for every
/// byte that starts a four-byte character.
fn utf16_len(bytes: &[u8]) -> usize {
    // Counted in bytes, 64 at a time, which the compiler turns into wide vector operations.
    let mut total = 0;
    let mut chunks = bytes.chunks_exact(64);
    for chunk in &mut chunks {
        let units = chunk.iter().fold(0u8, |units, &b| {
            units
                .wrapping_add(u8::from((b as i8) >= -64))
                .wrapping_add(u8::from(b >= 0xF0))
        });
        total += usize::from(units);
    }
    let rest = chunks.remainder();
    total
        + rest
            .iter()
            .map(|&b| usize::from((b as i8) >= -64) + usize::from(b >= 0xF0))
            .sum::<usize>()
}

/// `serde_json`'s escaping: `"` and `\` and the control characters below U+0020; `\b`, `\t`,
/// `\n`, `\f` and `\r` by name and the others as `\u00XX` (lower-case hex). Everything else,
/// DEL and non-ASCII included, is copied as it is.
fn escape(out: &mut Vec<u8>, bytes: &[u8]) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    /// Whether any of the 8 bytes is below 0x20, a `"` or a `\`.
    fn any_special(word: u64) -> bool {
        let below_space = word.wrapping_sub(ONES * 0x20) & !word;
        let quote = word ^ (ONES * u64::from(b'"'));
        let quote = quote.wrapping_sub(ONES) & !quote;
        let backslash = word ^ (ONES * u64::from(b'\\'));
        let backslash = backslash.wrapping_sub(ONES) & !backslash;
        (below_space | quote | backslash) & HIGH != 0
    }

    let mut plain = 0; // start of the bytes not yet copied
    let mut i = 0;
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let word = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            if !any_special(word) {
                i += 8;
                continue;
            }
        }
        let byte = bytes[i];
        let short = match byte {
            b'"' => Some(b'"'),
            b'\\' => Some(b'\\'),
            0x08 => Some(b'b'),
            b'\t' => Some(b't'),
            b'\n' => Some(b'n'),
            0x0C => Some(b'f'),
            b'\r' => Some(b'r'),
            0x00..=0x1F => None,
            _ => {
                i += 1;
                continue;
            }
        };
        out.extend_from_slice(&bytes[plain..i]);
        match short {
            Some(c) => out.extend_from_slice(&[b'\\', c]),
            None => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(byte >> 4)],
                    HEX[usize::from(byte & 0xF)],
                ]);
            }
        }
        i += 1;
        plain = i;
    }
    out.extend_from_slice(&bytes[plain..]);
}

// The names the library's serde derives give these enums (`rename_all = "kebab-case"`); a
// test below checks every variant against serde.

fn quote_kind(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Speech => "speech",
        QuoteKind::Fragment => "fragment",
        QuoteKind::Title => "title",
        QuoteKind::Scare => "scare",
    }
}

fn sieve(sieve: Sieve) -> &'static str {
    match sieve {
        Sieve::Trailing => "trailing",
        Sieve::Leading => "leading",
        Sieve::AccordingTo => "according-to",
        Sieve::SameParagraph => "same-paragraph",
        Sieve::Continuation => "continuation",
        Sieve::Adjacent => "adjacent",
        Sieve::Embedded => "embedded",
        Sieve::Transcript => "transcript",
    }
}

fn speaker_kind(kind: SpeakerKind) -> &'static str {
    match kind {
        SpeakerKind::Person => "person",
        SpeakerKind::Organization => "organization",
        SpeakerKind::Anonymous => "anonymous",
        SpeakerKind::Document => "document",
    }
}

fn mention_kind(kind: MentionKind) -> &'static str {
    match kind {
        MentionKind::FullName => "full-name",
        MentionKind::Surname => "surname",
        MentionKind::Pronoun => "pronoun",
        MentionKind::Role => "role",
        MentionKind::Variant => "variant",
        MentionKind::Description => "description",
    }
}

fn claim_kind(kind: ClaimKind) -> &'static str {
    match kind {
        ClaimKind::Quote => "quote",
        ClaimKind::Paraphrase => "paraphrase",
        ClaimKind::Quantity => "quantity",
        ClaimKind::Comparison => "comparison",
        ClaimKind::Causal => "causal",
        ClaimKind::Prediction => "prediction",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use serde_json::{Value, json};

    fn serde_name(v: impl Serialize) -> String {
        serde_json::to_value(v)
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
    }

    #[test]
    fn enum_names_are_the_serde_names() {
        use ClaimKind as C;
        use MentionKind as M;
        use QuoteKind as Q;
        use Sieve as S;
        use SpeakerKind as K;
        for k in [Q::Speech, Q::Fragment, Q::Title, Q::Scare] {
            assert_eq!(quote_kind(k), serde_name(k));
        }
        for s in [
            S::Trailing,
            S::Leading,
            S::AccordingTo,
            S::SameParagraph,
            S::Continuation,
            S::Adjacent,
            S::Embedded,
            S::Transcript,
        ] {
            assert_eq!(sieve(s), serde_name(s));
        }
        for k in [K::Person, K::Organization, K::Anonymous, K::Document] {
            assert_eq!(speaker_kind(k), serde_name(k));
        }
        for k in [
            M::FullName,
            M::Surname,
            M::Pronoun,
            M::Role,
            M::Variant,
            M::Description,
        ] {
            assert_eq!(mention_kind(k), serde_name(k));
        }
        for k in [
            C::Quote,
            C::Paraphrase,
            C::Quantity,
            C::Comparison,
            C::Causal,
            C::Prediction,
        ] {
            assert_eq!(claim_kind(k), serde_name(k));
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut all: String = (0u8..0x80).map(char::from).collect();
        all.push_str("“quoted” — naïve 😀 \u{2028}\u{7f}");
        let mut samples = vec![String::new(), all.clone()];
        // Every special byte at every offset of a 17-byte string, so that both the 8-byte
        // fast path and the byte-by-byte tail meet it.
        for special in [
            '"', '\\', '\n', '\u{1}', '\u{1f}', '\t', '\r', '\u{8}', '\u{c}',
        ] {
            for at in 0..17 {
                let mut s: String = "abcdefghijklmnopq".into();
                s.replace_range(at..at + 1, &special.to_string());
                samples.push(s);
            }
        }
        for s in samples {
            let mut out = Vec::new();
            escape(&mut out, s.as_bytes());
            let expected = serde_json::to_string(&s).unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                expected[1..expected.len() - 1],
                "{s:?}"
            );
        }
    }

    #[test]
    fn positions_are_those_of_line_index_in_any_order() {
        use copydesk::position::{Encoding, LineIndex};
        let texts = [
            "",
            "\n",
            "a",
            "plain ascii\nsecond line\n",
            "“Curly,” she said — naïve café.\r\nNext 😀 line\n\n\tend",
            "😀😀\n€\u{301}e\u{301}\r\r\n中文字\n",
            "ends without newline 𝄞",
        ];
        // Long lines, so that counting meets whole 64-byte chunks and their remainders.
        let long = "“Curly,” she said — naïve café 😀 𝄞 中文. plain words here; ".repeat(9);
        let long_lines = format!("{long}\n{long}\r\n\n{long}");
        for text in texts
            .iter()
            .copied()
            .chain([long.as_str(), long_lines.as_str()])
        {
            let index = LineIndex::new(text);
            let offsets: Vec<usize> = (0..=text.len() + 2).collect();
            // Ascending, descending, and jumping about (a fixed shuffle).
            let mut orders = vec![offsets.clone(), offsets.iter().rev().copied().collect()];
            let mut jumbled = offsets.clone();
            let mut seed = 7usize;
            for i in (1..jumbled.len()).rev() {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                jumbled.swap(i, (seed >> 33) % (i + 1));
            }
            orders.push(jumbled);
            for order in orders {
                let mut positions = Positions::new(text);
                for &offset in &order {
                    assert_eq!(
                        positions.position(offset),
                        index.position(text, offset, Encoding::Utf16),
                        "offset {offset} of {text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn numbers() {
        for n in [
            0,
            1,
            9,
            10,
            11,
            99,
            100,
            101,
            999,
            1000,
            12345,
            123456,
            u32::MAX as usize,
            usize::MAX,
        ] {
            let mut out = Vec::new();
            let mut w = Writer {
                out: &mut out,
                positions: Positions::new(""),
            };
            w.number(n);
            assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        }
    }

    /// The file object as the serde derives printed it before: built as a `Value` tree.
    fn expected(c: &Checked) -> Value {
        use copydesk::position::{Encoding, LineIndex};
        let text = c.text.as_str();
        let index = LineIndex::new(text);
        let a = &c.analysis;
        let at = |span: Span| {
            let range = index.range(text, span, Encoding::Utf16);
            (json!(span), json!(range))
        };
        let name = |id: Option<usize>| id.and_then(|id| a.speakers.get(id)).map(|s| &s.name);
        let diagnostics: Vec<Value> = a
            .diagnostics
            .iter()
            .map(|d| {
                let (span, range) = at(d.span);
                json!({
                    "code": d.code, "severity": d.severity, "message": d.message,
                    "span": span, "range": range,
                    "related": d.related.iter().map(|r| {
                        let (span, range) = at(r.span);
                        json!({"span": span, "range": range, "message": r.message})
                    }).collect::<Vec<_>>(),
                    "fixes": d.fixes.iter().map(|f| json!({
                        "title": f.title,
                        "edits": f.edits.iter().map(|e| {
                            let (span, range) = at(e.span);
                            json!({"span": span, "range": range, "replacement": e.replacement})
                        }).collect::<Vec<_>>(),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let quotes: Vec<Value> = a
            .quotes
            .iter()
            .map(|q| {
                let (span, range) = at(q.span);
                json!({
                    "span": span, "range": range, "text": q.inner.text(text), "kind": q.kind,
                    "closed": q.closed, "continues": q.continues,
                    "speaker": name(q.attribution.as_ref().and_then(|at| at.speaker)),
                    "attribution": q.attribution.as_ref().map(|attr| {
                        let (span, range) = at(attr.source);
                        json!({
                            "span": span, "range": range, "source": attr.source.text(text),
                            "cue": attr.cue.map(|c| c.text(text)), "cue_span": attr.cue,
                            "sieve": attr.sieve,
                        })
                    }),
                })
            })
            .collect();
        let speakers: Vec<Value> = a
            .speakers
            .iter()
            .enumerate()
            .map(|(id, s)| {
                json!({
                    "name": s.name, "role": s.role, "kind": s.kind, "aliases": s.aliases,
                    "quotes": a.quotes_of(id).count(),
                    "mentions": s.mentions.iter().map(|m| {
                        let (span, range) = at(m.span);
                        json!({"span": span, "range": range, "kind": m.kind, "in_quote": m.in_quote})
                    }).collect::<Vec<_>>(),
                })
            })
            .collect();
        let claims: Vec<Value> = a
            .claims
            .iter()
            .map(|cl| {
                let (span, range) = at(cl.span);
                json!({
                    "span": span, "range": range, "text": cl.span.text(text), "kind": cl.kind,
                    "claimant": name(cl.claimant), "quote": cl.quote,
                })
            })
            .collect();
        json!({
            "path": c.path,
            "format": match c.format { Format::Markdown => "markdown", Format::PlainText => "text" },
            "diagnostics": diagnostics, "quotes": quotes, "speakers": speakers, "claims": claims,
        })
    }

    #[test]
    fn file_objects_match_the_serde_shape_for_every_fixture() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut checked = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let format = Format::from_path(&path.display().to_string());
            let analysis = copydesk::analyze(&text, format, &copydesk::Config::default());
            let c = Checked {
                path: format!("{}\t\"odd\" name", path.display()),
                text,
                format,
                analysis,
            };
            let mut out = Vec::new();
            file(&mut out, &c);
            let got: Value = serde_json::from_slice(&out).expect("valid JSON");
            assert_eq!(got, expected(&c), "{}", path.display());
            checked += 1;
        }
        assert!(checked > 3);
    }

    /// One of every object, with text that needs escaping and positions after CRLF, emoji and
    /// curly quotes: the exact bytes, field order included (as README.md documents it).
    #[test]
    fn a_file_object_is_printed_exactly() {
        use copydesk::{
            Attribution, Claim, Diagnostic, Edit, Fix, Mention, Quote, Related, Severity, Speaker,
        };
        let text = "Ana said: “Go\tnow” 😀\r\nBo said \"hi\" \u{1}.\rend 中文\n";
        let find = |s: &str| {
            let start = text.find(s).unwrap();
            Span::new(start, start + s.len())
        };
        let analysis = Analysis {
            paragraphs: vec![Span::new(0, text.len())],
            quotes: vec![
                Quote {
                    span: find("“Go\tnow”"),
                    inner: find("Go\tnow"),
                    kind: QuoteKind::Speech,
                    closed: true,
                    continues: None,
                    attribution: Some(Attribution {
                        speaker: Some(0),
                        source: find("Ana"),
                        cue: Some(find("said")),
                        sieve: Sieve::Leading,
                    }),
                },
                Quote {
                    span: find("\"hi\""),
                    inner: find("hi"),
                    kind: QuoteKind::Scare,
                    closed: false,
                    continues: Some(0),
                    attribution: None,
                },
            ],
            speakers: vec![
                Speaker {
                    name: "Ana \"A\" Ruiz".into(),
                    role: Some("mayor\\clerk".into()),
                    kind: SpeakerKind::Person,
                    aliases: vec!["Ana".into(), "Ruiz 😀".into()],
                    mentions: vec![Mention {
                        span: find("Ana"),
                        kind: MentionKind::FullName,
                        in_quote: false,
                    }],
                },
                Speaker {
                    name: "Bo".into(),
                    role: None,
                    kind: SpeakerKind::Anonymous,
                    aliases: vec![],
                    mentions: vec![],
                },
            ],
            claims: vec![
                Claim {
                    span: find("“Go\tnow”"),
                    kind: ClaimKind::Quote,
                    claimant: Some(0),
                    quote: Some(0),
                },
                Claim {
                    span: find("end 中文"),
                    kind: ClaimKind::Causal,
                    claimant: None,
                    quote: None,
                },
            ],
            diagnostics: vec![
                Diagnostic {
                    code: "straight-quotes",
                    severity: Severity::Warning,
                    message: "use “curly” quotes\n\u{1f}".into(),
                    // Past the end and inside a character: clamped.
                    span: Span::new(text.find('😀').unwrap() + 1, text.len() + 5),
                    related: vec![Related {
                        span: find("\r"),
                        message: "here".into(),
                    }],
                    fixes: vec![Fix {
                        title: "Curl".into(),
                        edits: vec![Edit {
                            span: find("\"hi\""),
                            replacement: "“hi”".into(),
                        }],
                    }],
                },
                Diagnostic {
                    code: "x",
                    severity: Severity::Hint,
                    message: String::new(),
                    span: Span::new(0, 0),
                    related: vec![],
                    fixes: vec![],
                },
            ],
        };
        let c = Checked {
            path: "dir/a \"b\".md".into(),
            text: text.into(),
            format: Format::PlainText,
            analysis,
        };
        let mut out = Vec::new();
        file(&mut out, &c);
        let expected = concat!(
            r#"{"path":"dir/a \"b\".md","format":"text""#,
            r#","diagnostics":["#,
            r#"{"code":"straight-quotes","severity":"warning","#,
            r#""message":"use “curly” quotes\n\u001f","span":{"start":24,"end":61},"#,
            r#""range":{"start":{"line":0,"character":19},"end":{"line":2,"character":0}}"#,
            r#","related":["#,
            r#"{"span":{"start":27,"end":28},"range":{"start":{"line":0,"character":21},"#,
            r#""end":{"line":0,"character":22}},"message":"here"}]"#,
            r#","fixes":["#,
            r#"{"title":"Curl","edits":["#,
            r#"{"span":{"start":37,"end":41},"range":{"start":{"line":1,"character":8},"#,
            r#""end":{"line":1,"character":12}},"replacement":"“hi”"}]}]},"#,
            r#"{"code":"x","severity":"hint","message":"","span":{"start":0,"end":0},"#,
            r#""range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}}"#,
            r#","related":[]"#,
            r#","fixes":[]}]"#,
            r#","quotes":["#,
            r#"{"span":{"start":10,"end":22},"range":{"start":{"line":0,"character":10},"#,
            r#""end":{"line":0,"character":18}},"text":"Go\tnow","kind":"speech","closed":true,"#,
            r#""continues":null,"speaker":"Ana \"A\" Ruiz""#,
            r#","attribution":{"span":{"start":0,"end":3},"range":{"start":{"line":0,"#,
            r#""character":0},"end":{"line":0,"character":3}},"source":"Ana","cue":"said","#,
            r#""cue_span":{"start":4,"end":8},"sieve":"leading"}},"#,
            r#"{"span":{"start":37,"end":41},"range":{"start":{"line":1,"character":8},"#,
            r#""end":{"line":1,"character":12}},"text":"hi","kind":"scare","closed":false,"#,
            r#""continues":0,"speaker":null"#,
            r#","attribution":null}]"#,
            r#","speakers":["#,
            r#"{"name":"Ana \"A\" Ruiz","role":"mayor\\clerk","kind":"person","aliases":["Ana","#,
            r#""Ruiz 😀"]"#,
            r#","quotes":1"#,
            r#","mentions":["#,
            r#"{"span":{"start":0,"end":3},"range":{"start":{"line":0,"character":0},"#,
            r#""end":{"line":0,"character":3}},"kind":"full-name","in_quote":false}]},"#,
            r#"{"name":"Bo","role":null,"kind":"anonymous","aliases":[]"#,
            r#","quotes":0"#,
            r#","mentions":[]}]"#,
            r#","claims":["#,
            r#"{"span":{"start":10,"end":22},"range":{"start":{"line":0,"character":10},"#,
            r#""end":{"line":0,"character":18}},"text":"“Go\tnow”","kind":"quote","#,
            r#""claimant":"Ana \"A\" Ruiz","quote":0},"#,
            r#"{"span":{"start":45,"end":55},"range":{"start":{"line":1,"character":16},"#,
            r#""end":{"line":1,"character":22}},"text":"end 中文","kind":"causal","#,
            r#""claimant":null,"quote":null}]}"#,
        );
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }
}
