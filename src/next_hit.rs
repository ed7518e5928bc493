//! The next hit of a search at or after a scan's cursor, searched for again only once the
//! cursor has passed the last hit found.
//!
//! The quote scan and the sentence splitter jump from mark to mark with `memchr`, each with
//! two searches (a common mark and a rare one). Asking a search again at every step would read
//! the rest of the paragraph once per step: quadratic on a paragraph of 100,000 opening marks
//! or ellipses. Remembered, each search reads its text once.

/// A search whose hits are remembered until passed. `find(from)` gives the offset from `from`
/// of the first hit at or after it, if any.
pub(crate) struct NextHit<F> {
    find: F,
    /// The last hit found (`usize::MAX` for none after where it was asked), and whether the
    /// search has been made at all.
    at: usize,
    searched: bool,
}

impl<F: FnMut(usize) -> Option<usize>> NextHit<F> {
    pub(crate) fn new(find: F) -> NextHit<F> {
        NextHit {
            find,
            at: 0,
            searched: false,
        }
    }

    /// The first hit at or after `cursor`, or `usize::MAX` for none. The cursor never moves
    /// back.
    pub(crate) fn from(&mut self, cursor: usize) -> usize {
        if !self.searched || self.at < cursor {
            self.at = (self.find)(cursor).map_or(usize::MAX, |k| cursor + k);
            self.searched = true;
        }
        self.at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hit_is_searched_for_again_only_once_passed() {
        let text = b"a.b..c";
        let mut searches = 0;
        let mut dots = NextHit::new(|from| {
            searches += 1;
            memchr::memchr(b'.', &text[from..])
        });
        assert_eq!(dots.from(0), 1);
        assert_eq!(dots.from(1), 1);
        assert_eq!(dots.from(2), 3);
        assert_eq!(dots.from(4), 4);
        assert_eq!(dots.from(5), usize::MAX);
        assert_eq!(dots.from(6), usize::MAX);
        // Asked six times, searched four times: at 0, 2, 4 and 5 (no hit is never passed).
        assert_eq!(searches, 4);
    }
}
