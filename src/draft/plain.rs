//! Plain-text drafts: paragraphs are separated by blank lines. Wire copy and pasted articles often
//! put one paragraph per line with no blank line between; a block whose lines run longer than any
//! hard-wrapped line would is read that way, one paragraph per line.

use super::{BlockKind, Blocks};
use crate::model::Span;

/// Hard-wrapped prose stays under this many characters a line.
const WRAPPED_LINE_MAX: usize = 100;

pub(super) fn blocks(text: &str) -> Blocks {
    let mut paragraphs = Vec::new();
    let mut block: Vec<Span> = Vec::new();
    let mut start = 0;
    let flush = |block: &mut Vec<Span>, paragraphs: &mut Vec<(Span, BlockKind)>| {
        if block.is_empty() {
            return;
        }
        let long = block
            .iter()
            .any(|line| line.text(text).chars().count() > WRAPPED_LINE_MAX);
        if long {
            paragraphs.extend(block.iter().map(|&line| (line, BlockKind::Text)));
        } else {
            paragraphs.push((
                Span::new(block[0].start, block[block.len() - 1].end),
                BlockKind::Text,
            ));
        }
        block.clear();
    };
    for line_end in text.match_indices('\n').map(|(i, _)| i).chain([text.len()]) {
        let line = trim(text, Span::new(start, line_end));
        if line.is_empty() {
            flush(&mut block, &mut paragraphs);
        } else {
            block.push(line);
        }
        start = line_end + 1;
    }
    flush(&mut block, &mut paragraphs);
    Blocks {
        prose: text.to_string(),
        paragraphs,
        comments: Vec::new(),
    }
}

fn trim(text: &str, span: Span) -> Span {
    let s = span.text(text);
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        Span::new(span.start, span.start)
    } else {
        Span::new(span.start + lead, span.end - trail)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(text: &str) -> Vec<&str> {
        blocks(text)
            .paragraphs
            .iter()
            .map(|(s, _)| s.text(text))
            .collect()
    }

    #[test]
    fn blank_lines_separate_wrapped_paragraphs() {
        let text = "First line of a wrapped\nparagraph here.\n\n  Second one.  \r\n\n\n";
        assert_eq!(
            paragraphs(text),
            ["First line of a wrapped\nparagraph here.", "Second one."]
        );
    }

    #[test]
    fn long_lines_are_paragraphs_of_their_own() {
        let long = "“We will open the bridge in May, and not a day later than that,” the mayor said on Monday night at the county fairgrounds.";
        let text = format!("{long}\n{long}\nShort closing line.");
        assert_eq!(paragraphs(&text).len(), 3);
    }
}
