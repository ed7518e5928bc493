//! JSON written straight to bytes, compact and byte for byte as serde_json writes it, for the
//! two outputs whose size grows with the draft: the language server's `publishDiagnostics` and
//! `check --format json`. serde_json looks up every byte of every string in its escape table;
//! nearly no string here needs escaping, and one that needs none is checked sixteen bytes at a
//! time and copied whole; one that needs some is escaped as serde_json escapes it (the tests
//! here compare every byte value). Any small value of another type is written by serde_json
//! itself, so the output is always what serde_json writes (each user's tests compare the two).

use serde::Serialize;

/// A JSON text being written.
#[derive(Default)]
pub struct JsonOut {
    pub buf: Vec<u8>,
}

impl JsonOut {
    pub fn raw(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// A JSON string, escaped as serde_json escapes one: `"` and `\` with a backslash, the
    /// control characters with their short escapes or as `\u00XX`; nothing else.
    pub fn string(&mut self, s: &str) {
        self.buf.reserve(s.len() + 2);
        self.buf.push(b'"');
        self.escaped(s);
        self.buf.push(b'"');
    }

    /// One JSON string of `pieces` written one after another, each escaped as by
    /// [`JsonOut::string`]: a [`Wording`](crate::Wording) written without building it first.
    pub fn string_of<'a>(&mut self, pieces: impl IntoIterator<Item = &'a str>) {
        self.buf.push(b'"');
        // Iterated from inside: a `Wording`'s pieces, a flattened chain of iterators, run as
        // nested loops rather than asked for one piece at a time.
        pieces.into_iter().for_each(|piece| self.escaped(piece));
        self.buf.push(b'"');
    }

    /// `s` escaped, without its quotes: the runs between the bytes to escape copied whole.
    /// Written where it is used, so that a string with nothing to escape, nearly every one,
    /// costs no call; one with something goes on out of line.
    #[inline(always)]
    fn escaped(&mut self, s: &str) {
        let bytes = s.as_bytes();
        match next_escape(bytes, 0) {
            None => self.buf.extend_from_slice(bytes),
            Some(at) => self.escaped_from(bytes, at),
        }
    }

    /// `bytes` escaped, the first byte to escape at `at`.
    #[inline(never)]
    fn escaped_from(&mut self, bytes: &[u8], at: usize) {
        // The start of the bytes not written yet.
        let mut run = 0;
        let mut next = Some(at);
        while let Some(at) = next {
            self.buf.extend_from_slice(&bytes[run..at]);
            let b = bytes[at];
            let escape: &[u8] = match b {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0x08 => b"\\b",
                0x0C => b"\\f",
                _ => b"",
            };
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.buf.extend_from_slice(&[
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 0xF)],
                ]);
            } else {
                self.buf.extend_from_slice(escape);
            }
            run = at + 1;
            next = next_escape(bytes, run);
        }
        self.buf.extend_from_slice(&bytes[run..]);
    }

    /// A string, or `null`.
    pub fn string_or_null(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.string(s),
            None => self.raw(b"null"),
        }
    }

    /// A small value through serde_json.
    pub fn serde(&mut self, value: &impl Serialize) {
        // Serialising plain data into memory cannot fail.
        let _ = serde_json::to_writer(&mut self.buf, value);
    }

    /// A number in decimal, as serde_json writes one.
    #[inline(always)]
    pub fn uint(&mut self, n: impl Into<u64>) {
        let n: u64 = n.into();
        // A draft's offsets, lines, columns and counts are nearly always below 100,000: each
        // length is copied as a known number of bytes, not through itoa's buffer and a copy of
        // a length known only at run time (a call of `memcpy`).
        match n {
            0..10 => self.buf.push(b'0' + n as u8),
            10..100 => self.buf.extend_from_slice(&pair(n)),
            100..1_000 => {
                let [c, d] = pair(n % 100);
                self.buf.extend_from_slice(&[b'0' + (n / 100) as u8, c, d]);
            }
            1_000..10_000 => {
                let ([a, b], [c, d]) = (pair(n / 100), pair(n % 100));
                self.buf.extend_from_slice(&[a, b, c, d]);
            }
            10_000..100_000 => {
                let ([b, c], [d, e]) = (pair(n / 100 % 100), pair(n % 100));
                self.buf
                    .extend_from_slice(&[b'0' + (n / 10_000) as u8, b, c, d, e]);
            }
            _ => self.long_uint(n),
        }
    }

    /// A number of six digits or more.
    #[cold]
    #[inline(never)]
    fn long_uint(&mut self, n: u64) {
        self.buf
            .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }

    /// A `usize` (a byte offset or a count).
    #[inline(always)]
    pub fn usize(&mut self, n: usize) {
        self.uint(n as u64);
    }

    /// A `usize`, or `null`.
    pub fn usize_or_null(&mut self, n: Option<usize>) {
        match n {
            Some(n) => self.usize(n),
            None => self.raw(b"null"),
        }
    }
}

/// The two digits of a number below 100, from a table.
fn pair(n: u64) -> [u8; 2] {
    const PAIRS: [[u8; 2]; 100] = {
        let mut pairs = [[0; 2]; 100];
        let mut n = 0;
        while n < 100 {
            pairs[n] = [b'0' + (n / 10) as u8, b'0' + (n % 10) as u8];
            n += 1;
        }
        pairs
    };
    PAIRS[n as usize]
}

/// The first byte at or after `from` that serde_json escapes (a quote, a backslash or a control
/// character), sixteen or eight bytes at a time, the last few read as one word. Most strings
/// have none and are a few dozen bytes long: the compiler's own vectorised loops left them to
/// byte-at-a-time tails that cost more than the rest.
#[inline(always)]
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    let mut rest = &bytes[from..];
    let mut at = from;
    while let Some((chunk, after)) = rest.split_first_chunk::<16>() {
        let (low, high) = chunk.split_at(8);
        let low = escapes(u64::from_le_bytes(low.try_into().expect("8 bytes")));
        let high = escapes(u64::from_le_bytes(high.try_into().expect("8 bytes")));
        if low | high != 0 {
            let lanes = if low != 0 {
                low.trailing_zeros()
            } else {
                64 + high.trailing_zeros()
            };
            return Some(at + lanes as usize / 8);
        }
        rest = after;
        at += 16;
    }
    if let Some((chunk, after)) = rest.split_first_chunk::<8>() {
        let found = escapes(u64::from_le_bytes(*chunk));
        if found != 0 {
            return Some(at + found.trailing_zeros() as usize / 8);
        }
        rest = after;
        at += 8;
    }
    match escapes(padded(rest)) {
        0 => None,
        found => Some(at + found.trailing_zeros() as usize / 8),
    }
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `word` below 0x20 or equal to `"` or `\\`, by the borrows of a
/// subtraction per byte. A borrow can flag a byte above the first flagged one wrongly, never
/// one below it: the lowest flag is exact.
fn escapes(word: u64) -> u64 {
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    (word.wrapping_sub(ONES * 0x20) | quote.wrapping_sub(ONES) | backslash.wrapping_sub(ONES))
        & !word
        & HIGH
}

/// Fewer than eight bytes as a word, the bytes after them `a`: read as two overlapping halves
/// (or quarters), not one at a time.
fn padded(bytes: &[u8]) -> u64 {
    let n = bytes.len();
    debug_assert!(n < 8);
    let word = if n >= 4 {
        let first = u32::from_le_bytes(bytes[..4].try_into().expect("4 bytes"));
        let last = u32::from_le_bytes(bytes[n - 4..].try_into().expect("4 bytes"));
        u64::from(first) | u64::from(last) << ((n - 4) * 8)
    } else if n >= 2 {
        let first = u16::from_le_bytes(bytes[..2].try_into().expect("2 bytes"));
        let last = u16::from_le_bytes(bytes[n - 2..].try_into().expect("2 bytes"));
        u64::from(first) | u64::from(last) << ((n - 2) * 8)
    } else {
        bytes.first().map_or(0, |&b| u64::from(b))
    };
    word | (ONES * u64::from(b'a')) << (n * 8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_numbers_are_written_as_serde_json_writes_them() {
        let mut strings: Vec<String> = (0u8..0x80).map(|b| format!("a{}b", b as char)).collect();
        strings.extend(
            [
                "",
                "plain words, no escapes at all, longer than one machine word",
                "“curly” — 😀 naïve",
                "\"quoted\" and \\back\\slashed",
                "tab\there\r\nnewline\u{1}\u{1f}\u{7f}\u{80}\u{2028}",
            ]
            .map(String::from),
        );
        strings.push("x".repeat(1000) + "\"");
        // Every ASCII character at every place in and around two eight-byte words, in strings
        // of every length to 36 bytes, after plain, multi-byte and to-be-escaped characters (a
        // borrow from one flags bytes above it).
        for c in (0u8..0x80).map(char::from) {
            for at in 0..18 {
                for after in 0..18 {
                    for before in ["x", "é", "😀\u{7f}", "\"", "\u{1}", "\\"] {
                        let mut s = before.repeat(at);
                        s.push(c);
                        s.push_str(&" ".repeat(after));
                        strings.push(s);
                    }
                }
            }
        }
        for s in &strings {
            let mut out = JsonOut::default();
            out.string(s);
            assert_eq!(out.buf, serde_json::to_vec(s).unwrap(), "{s:?}");
        }
        let powers = (0..20).map(|e| 10u64.pow(e));
        let around = powers.flat_map(|p| {
            [
                p - 1,
                p,
                p + 1,
                p.saturating_mul(2),
                p.saturating_mul(9).saturating_add(9),
            ]
        });
        let more = (0..100_500).chain([65_535, u64::from(u32::MAX), u64::MAX]);
        for n in around.chain(more) {
            let mut out = JsonOut::default();
            out.uint(n);
            assert_eq!(out.buf, serde_json::to_vec(&n).unwrap());
        }
        let mut out = JsonOut::default();
        out.string_or_null(None);
        out.usize(usize::MAX);
        assert_eq!(
            out.buf,
            [
                b"null".as_slice(),
                &serde_json::to_vec(&usize::MAX).unwrap()
            ]
            .concat()
        );
    }
}
