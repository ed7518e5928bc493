//! JSON written straight to bytes, compact and byte for byte as serde_json writes it, for the
//! two outputs whose size grows with the draft: the language server's `publishDiagnostics` and
//! `check --format json`. serde_json looks up every byte of every string in its escape table;
//! nearly no string here needs escaping, and one that needs none is checked many bytes at a
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
        for piece in pieces {
            self.escaped(piece);
        }
        self.buf.push(b'"');
    }

    fn escaped(&mut self, s: &str) {
        let bytes = s.as_bytes();
        if needs_escaping(bytes) {
            let mut run = 0;
            for (i, &b) in bytes.iter().enumerate() {
                let escape: &[u8] = match b {
                    b'"' => b"\\\"",
                    b'\\' => b"\\\\",
                    b'\n' => b"\\n",
                    b'\r' => b"\\r",
                    b'\t' => b"\\t",
                    0x08 => b"\\b",
                    0x0C => b"\\f",
                    0x00..=0x1F => b"",
                    _ => continue,
                };
                self.buf.extend_from_slice(&bytes[run..i]);
                if escape.is_empty() {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    self.buf.extend_from_slice(b"\\u00");
                    self.buf.push(HEX[usize::from(b >> 4)]);
                    self.buf.push(HEX[usize::from(b & 0xF)]);
                } else {
                    self.buf.extend_from_slice(escape);
                }
                run = i + 1;
            }
            self.buf.extend_from_slice(&bytes[run..]);
        } else {
            self.buf.extend_from_slice(bytes);
        }
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

    /// A number in decimal, as serde_json writes one (with the same crate).
    pub fn uint(&mut self, n: impl Into<u64>) {
        self.buf
            .extend_from_slice(itoa::Buffer::new().format(n.into()).as_bytes());
    }

    /// A `usize` (a byte offset or a count).
    pub fn usize(&mut self, n: usize) {
        self.buf
            .extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }

    /// A `usize`, or `null`.
    pub fn usize_or_null(&mut self, n: Option<usize>) {
        match n {
            Some(n) => self.usize(n),
            None => self.raw(b"null"),
        }
    }
}

/// Whether serde_json would escape any byte of a string: a quote, a backslash or a control
/// character. No early exit, so that the compiler checks many bytes at once.
fn needs_escaping(bytes: &[u8]) -> bool {
    bytes.iter().fold(0u8, |found, &b| {
        found | u8::from(b < 0x20) | u8::from(b == b'"') | u8::from(b == b'\\')
    }) != 0
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
        for s in &strings {
            let mut out = JsonOut::default();
            out.string(s);
            assert_eq!(out.buf, serde_json::to_vec(s).unwrap(), "{s:?}");
        }
        for n in [
            0,
            1,
            9,
            10,
            99,
            100,
            65_535,
            1_000_000,
            u64::from(u32::MAX),
            u64::MAX,
        ] {
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
