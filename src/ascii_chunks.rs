//! Tests of eight bytes of text at a time, one flag per byte, for the word scanners.
//!
//! The tokenizer and the scan for capitalised words ask, of nearly every byte of a draft,
//! whether it is an ASCII letter or digit, or may start a capital. Asked byte by byte, each
//! question is a branch whose exit the processor cannot foresee (a word ends after any number
//! of letters). Here a `u64` holds eight bytes, every byte is tested at once, and the answer is
//! the high bit of each byte: the first flagged byte is `trailing_zeros() / 8`.

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte that lies in `low..=high`, both ASCII.
fn in_range(word: u64, low: u8, high: u8) -> u64 {
    // For bytes below 0x80, adding 0x80 - low sets a byte's high bit when it is at least
    // `low`, and adding 0x7F - high when it is above `high`; neither carries into the next
    // byte. Bytes from 0x80 up are left out.
    let seven_bits = word & !HIGH;
    (seven_bits + ONES * u64::from(0x80 - low))
        & !(seven_bits + ONES * u64::from(0x7F - high))
        & !word
        & HIGH
}

/// The high bit of each byte that is an ASCII capital.
pub(crate) fn capitals(word: u64) -> u64 {
    in_range(word, b'A', b'Z')
}

/// The high bit of each byte that is not an ASCII letter or digit.
pub(crate) fn not_alphanumeric(word: u64) -> u64 {
    let letters = in_range(word | (ONES * 0x20), b'a', b'z');
    !(in_range(word, b'0', b'9') | letters) & HIGH
}

/// The high bit of each byte that is an ASCII capital or 0xC0 and above (the first byte of any
/// character beyond U+007F: what may start a capital that is not ASCII).
pub(crate) fn may_start_capital(word: u64) -> u64 {
    // 0xC0 and above: the top two bits set.
    capitals(word) | (word & (word << 1) & HIGH)
}

/// Whether `bytes[start..end]` is ASCII. A word of eight bytes or fewer (nearly every word of
/// news copy) is one test of the chunk it starts, the bytes after it masked off; a longer word,
/// or one too near the end for a whole chunk, is tested as a slice.
#[inline]
pub(crate) fn is_ascii(bytes: &[u8], start: usize, end: usize) -> bool {
    let len = end.saturating_sub(start);
    if (1..=8).contains(&len)
        && let Some(chunk) = bytes.get(start..start + 8)
    {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        return word & (u64::MAX >> (64 - 8 * len)) & HIGH == 0;
    }
    bytes[start..end].is_ascii()
}

/// The first byte at or after `from` that `flags` flags (`bytes.len()` if none), eight bytes at
/// a time. The last few bytes, which a chunk would have to copy together, are tested one at a
/// time with the same `flags`: a byte alone in a chunk's first place gets the flag it gets
/// anywhere, since no byte's test reaches into another's.
#[inline]
pub(crate) fn find(bytes: &[u8], from: usize, flags: impl Fn(u64) -> u64) -> usize {
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let found = flags(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
        if found != 0 {
            return at + (found.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while bytes
        .get(at)
        .is_some_and(|&b| flags(u64::from(b)) & 0x80 == 0)
    {
        at += 1;
    }
    at.min(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A chunk test, and what it means for one byte.
    type Test = (fn(u64) -> u64, fn(u8) -> bool);

    proptest::proptest! {
        /// The search finds what a search byte by byte finds, from any place, with each test.
        #[test]
        fn find_stops_where_a_byte_scan_stops(text in "[aZ09 .’é😀-]{0,40}", from in 0usize..41) {
            let bytes = text.as_bytes();
            let from = from.min(bytes.len());
            let tests: [Test; 2] = [
                (not_alphanumeric, |b| !b.is_ascii_alphanumeric()),
                (may_start_capital, |b| b.is_ascii_uppercase() || b >= 0xC0),
            ];
            for (flags, meaning) in tests {
                let expected = (from..bytes.len())
                    .find(|&i| meaning(bytes[i]))
                    .unwrap_or(bytes.len());
                proptest::prop_assert_eq!(find(bytes, from, flags), expected);
            }
        }
    }

    proptest::proptest! {
        /// The chunk's test answers as the slice's, for words of any length at any place,
        /// whatever the bytes after them (a character outside ASCII right after the word).
        #[test]
        fn is_ascii_answers_as_the_slice_does(
            text in "[az .’é😀\u{7f}]{0,24}",
            start in 0usize..25,
            len in 0usize..12,
        ) {
            let bytes = text.as_bytes();
            let start = start.min(bytes.len());
            let end = (start + len).min(bytes.len());
            proptest::prop_assert_eq!(is_ascii(bytes, start, end), bytes[start..end].is_ascii());
        }
    }

    /// Each byte outside ASCII in each place of a word of one to eight bytes, with ASCII or not
    /// after it: the mask keeps the word's bytes, and only those.
    #[test]
    fn is_ascii_reads_every_place_of_a_short_word() {
        for len in 1..=8 {
            for place in 0..16 {
                for high in [0x80u8, 0xC3, 0xFF] {
                    let mut bytes = [b'a'; 16];
                    bytes[place] = high;
                    let expected = place >= len;
                    assert_eq!(is_ascii(&bytes, 0, len), expected, "{len} {place}");
                }
            }
        }
    }

    /// Each test against its byte-by-byte meaning, for every byte value in every place of a
    /// chunk whose other bytes sit at the edges of the ranges (and a high byte for the carry).
    #[test]
    fn every_byte_is_flagged_as_its_own_test_says_in_every_place() {
        let tests: [Test; 3] = [
            (capitals, |b| b.is_ascii_uppercase()),
            (not_alphanumeric, |b| !b.is_ascii_alphanumeric()),
            (may_start_capital, |b| b.is_ascii_uppercase() || b >= 0xC0),
        ];
        for (test, meaning) in tests {
            for b in 0..=u8::MAX {
                for place in 0..8 {
                    let mut chunk = *b"@AZ[`az{";
                    chunk[place] = b;
                    let flags = test(u64::from_le_bytes(chunk));
                    for (i, &c) in chunk.iter().enumerate() {
                        let flagged = flags >> (8 * i + 7) & 1 == 1;
                        assert_eq!(flagged, meaning(c), "{chunk:?} at {i}");
                        assert_eq!(flags >> (8 * i) & 0x7F, 0, "only high bits");
                    }
                }
            }
        }
        // A chunk of one byte throughout, for the carries between bytes.
        for b in *b"09/:\x7f\x80\xbf\xc0" {
            let flags = not_alphanumeric(u64::from(b) * ONES);
            assert_eq!(flags == HIGH, !b.is_ascii_alphanumeric(), "{b}");
        }
    }
}
