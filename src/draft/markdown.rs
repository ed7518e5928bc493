//! Markdown drafts: which bytes are prose. Code (fenced, indented, inline), front matter, HTML,
//! link destinations and autolinks are not the reporter's prose, so they are blanked out before
//! any rule looks for quotes or names in them.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::{BlockKind, Blocks};
use crate::model::Span;

pub(super) fn blocks(text: &str) -> Blocks {
    blocks_and_definitions(text).0
}

/// [`blocks`], and whether the text defines any link reference (`[label]: destination`): one
/// makes `[label]` anywhere else a link, so a paragraph with brackets then does not parse the
/// same on its own.
pub(super) fn blocks_and_definitions(text: &str) -> (Blocks, bool) {
    // The byte ranges of the prose, each a whole `&str` slice of the text; the prose mask is
    // built from them at the end.
    let mut shown: Vec<Range<usize>> = Vec::new();
    let mut paragraphs: Vec<(Span, BlockKind)> = Vec::new();
    let mut comments = Vec::new();
    // The innermost open block that collects text, with the first and last byte of text seen in it.
    let mut open: Vec<(BlockKind, Option<Span>)> = Vec::new();
    let mut quote_depth = 0usize;
    let mut hidden = 0usize; // inside code blocks, images, autolinks, metadata
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let parser = Parser::new_ext(text, options);
    // Found in the parser's first pass, before any event.
    let definitions = parser.reference_definitions().iter().next().is_some();
    for (event, range) in parser.into_offset_iter() {
        // A block that collects text, opening inside one that has some (a heading or a list in
        // a list item), ends the outer block's text so far: it is a paragraph of its own, and
        // the outer block's text after the inner one another. Spanning the inner block, it
        // made two paragraphs overlap, and their quotes come out of document order.
        if let Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::Item | Tag::TableCell) =
            event
            && let Some((kind, seen)) = open.last_mut()
            && let Some(span) = seen.take()
        {
            paragraphs.push((span, *kind));
        }
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => open.push((
                    if quote_depth > 0 {
                        BlockKind::BlockQuote
                    } else {
                        BlockKind::Text
                    },
                    None,
                )),
                Tag::Heading { .. } => open.push((BlockKind::Heading, None)),
                Tag::Item => open.push((BlockKind::ListItem, None)),
                Tag::TableCell => open.push((BlockKind::TableCell, None)),
                Tag::BlockQuote(_) => quote_depth += 1,
                Tag::CodeBlock(_) | Tag::Image { .. } | Tag::MetadataBlock(_) | Tag::HtmlBlock => {
                    hidden += 1
                }
                Tag::Link {
                    link_type: LinkType::Autolink | LinkType::Email,
                    ..
                } => hidden += 1,
                _ => {}
            },
            Event::End(tag) => match tag {
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::TableCell => {
                    if let Some((kind, Some(span))) = open.pop() {
                        paragraphs.push((span, kind));
                    }
                }
                TagEnd::BlockQuote(_) => quote_depth = quote_depth.saturating_sub(1),
                TagEnd::CodeBlock
                | TagEnd::Image
                | TagEnd::MetadataBlock(_)
                | TagEnd::HtmlBlock => hidden = hidden.saturating_sub(1),
                // Autolinks were counted as hidden at their start; other links were not.
                TagEnd::Link if hidden > 0 && is_autolink(text, range.start) => hidden -= 1,
                _ => {}
            },
            Event::Text(_) if hidden == 0 => {
                if text.get(range.clone()).is_none() {
                    continue;
                }
                shown.push(range.clone());
                if let Some((_, seen)) = open.last_mut() {
                    let span = Span::new(range.start, range.end);
                    *seen = Some(match seen {
                        Some(s) => Span::new(s.start, span.end),
                        None => span,
                    });
                }
            }
            Event::Html(html) | Event::InlineHtml(html)
                if html.trim_start().starts_with("<!--") =>
            {
                comments.push(Span::new(range.start, range.end));
            }
            _ => {}
        }
    }
    // Blocks come out in order of their end (an item's text before a nested block, at its
    // start), so sort by start.
    paragraphs.sort_by_key(|(span, _)| span.start);
    let prose = mask(text, &mut shown);
    let blocks = Blocks {
        prose,
        paragraphs,
        comments,
    };
    (blocks, definitions)
}

fn is_autolink(text: &str, start: usize) -> bool {
    text.as_bytes().get(start) == Some(&b'<')
}

/// The prose mask: the text where `shown` (byte ranges of it, each starting and ending at a
/// character boundary) covers it, and elsewhere every byte but line breaks a space. Same
/// length as the text.
///
/// Built as a string from start to end, slices of the text and runs of spaces pushed in turn:
/// blanking a copy of the text and copying the shown bytes back over it made bytes whose
/// validity as UTF-8 had to be checked again, a pass over the whole draft that cost more than
/// the rest of the mask.
fn mask(text: &str, shown: &mut [Range<usize>]) -> String {
    // Text comes out in document order; this is only in case a construct gives it otherwise.
    if !shown.is_sorted_by_key(|range| range.start) {
        shown.sort_by_key(|range| range.start);
    }
    let mut prose = String::with_capacity(text.len());
    for range in shown.iter() {
        // Ranges that overlap add only what the ones before did not cover.
        let start = range.start.max(prose.len());
        if start >= range.end {
            continue;
        }
        let done = prose.len();
        push_blank(&mut prose, &text[done..start]);
        prose.push_str(&text[start..range.end]);
    }
    let done = prose.len();
    push_blank(&mut prose, &text[done..]);
    prose
}

/// `hidden` blanked onto the end of `prose`: a space for every byte but line breaks.
#[inline(always)]
fn push_blank(prose: &mut String, hidden: &str) {
    // Most are the few bytes between two paragraphs or two lines of one (line breaks, the
    // markup that opens the next line), byte by byte where they are pushed; a longer one, a
    // code block or a link's destination, as runs of spaces between its line breaks.
    if hidden.len() > 16 {
        return push_long_blank(prose, hidden);
    }
    for &b in hidden.as_bytes() {
        prose.push(if b == b'\n' || b == b'\r' {
            char::from(b)
        } else {
            ' '
        });
    }
}

/// [`push_blank`] for more than a few bytes.
#[inline(never)]
fn push_long_blank(prose: &mut String, hidden: &str) {
    const SPACES: &str = "                                                                ";
    let mut blanked = 0;
    let breaks = memchr::memchr2_iter(b'\n', b'\r', hidden.as_bytes());
    for end in breaks.chain([hidden.len()]) {
        let mut run = end - blanked;
        while run > 0 {
            let n = run.min(SPACES.len());
            prose.push_str(&SPACES[..n]);
            run -= n;
        }
        if let Some(&line_break) = hidden.as_bytes().get(end) {
            prose.push(char::from(line_break));
        }
        blanked = end + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose_of(text: &str) -> String {
        blocks(text).prose
    }

    #[test]
    fn code_front_matter_urls_and_comments_are_blanked() {
        let text = "---\ntitle: \"A\"\n---\n\nShe said “yes” — `\"code\"` [link](https://x.org/\"q\") <https://a.b/\"c\">.\n\n```\n\"fenced\"\n```\n\n    \"indented\"\n\n<!-- \"comment\" -->\n";
        let b = blocks(text);
        assert_eq!(b.prose.len(), text.len());
        assert!(b.prose.contains("She said “yes” —"));
        assert!(b.prose.contains("link"));
        for hidden in [
            "title", "code", "x.org", "a.b", "fenced", "indented", "comment",
        ] {
            assert!(
                !b.prose.contains(hidden),
                "{hidden} leaked into prose: {:?}",
                b.prose
            );
        }
        assert_eq!(b.comments.len(), 1);
        assert_eq!(b.comments[0].text(text).trim(), "<!-- \"comment\" -->");
        assert_eq!(b.paragraphs.len(), 1);
    }

    #[test]
    fn headings_block_quotes_and_list_items_are_paragraphs() {
        let text = "# Vote “delayed”\n\n> “We wait,” she said.\n> Still waiting.\n\n- one item\n- two\n  - nested\n";
        let b = blocks(text);
        let kinds: Vec<_> = b
            .paragraphs
            .iter()
            .map(|(s, k)| (s.text(text), *k))
            .collect();
        assert_eq!(
            kinds,
            [
                ("Vote “delayed”", BlockKind::Heading),
                (
                    "“We wait,” she said.\n> Still waiting.",
                    BlockKind::BlockQuote
                ),
                ("one item", BlockKind::ListItem),
                ("two", BlockKind::ListItem),
                ("nested", BlockKind::ListItem),
            ]
        );
        assert!(!prose_of(text).contains('>'));
    }

    fn texts(text: &str) -> Vec<(&str, BlockKind)> {
        let b = blocks(text);
        b.paragraphs
            .iter()
            .map(|(s, k)| (s.text(text), *k))
            .collect()
    }

    #[test]
    fn a_list_items_text_after_a_nested_block_is_a_paragraph_of_its_own() {
        // The item's text before the heading and after it, not one span over the heading.
        assert_eq!(
            texts("- Mayor Ana Ruiz 😀\n  # “Delayed”\n  “We wait,” she said.\n"),
            [
                ("Mayor Ana Ruiz 😀", BlockKind::ListItem),
                ("“Delayed”", BlockKind::Heading),
                ("“We wait,” she said.", BlockKind::ListItem),
            ]
        );
        // Found by the `analyze_markdown` fuzz target with debug assertions on: the outer item
        // spanned the nested one, whose quote mark was both a quote's end and another's start.
        // The input as kept, byte for byte.
        let fuzzed = include_str!(
            "../../fuzz/regressions/analyze_markdown/heading-inside-list-item-overlap"
        );
        let kinds: Vec<_> = texts(fuzzed).into_iter().map(|(_, k)| k).collect();
        assert_eq!(kinds, [BlockKind::ListItem; 3]);
        let spans: Vec<Span> = blocks(fuzzed).paragraphs.iter().map(|&(s, _)| s).collect();
        assert!(
            spans.windows(2).all(|p| p[0].end <= p[1].start),
            "{spans:?}"
        );
    }

    /// The prose mask as it was first made: the text blanked byte by byte, the shown ranges
    /// copied back over it.
    fn mask_plainly(text: &str, shown: &[Range<usize>]) -> String {
        let mut bytes: Vec<u8> = text
            .bytes()
            .map(|b| if b == b'\n' || b == b'\r' { b } else { b' ' })
            .collect();
        for range in shown {
            bytes[range.clone()].copy_from_slice(&text.as_bytes()[range.clone()]);
        }
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn the_mask_keeps_line_breaks_and_shown_text_only() {
        let text = "a “b”\r\n\n😀 c\rd";
        // Out of order and overlapping.
        let mut shown = vec![16..18, 2..6, 5..9];
        let expected = mask_plainly(text, &shown);
        assert_eq!(expected, "  “b”\r\n\n     c\r ");
        assert_eq!(mask(text, &mut shown), expected);
        assert_eq!(mask(text, &mut []), "         \r\n\n      \r ");
        // Runs of hidden bytes longer than the spaces pushed at a time.
        let long = "x".repeat(200) + "\n" + &"é".repeat(70);
        assert_eq!(
            mask(&long, &mut [201..203, 241..245]),
            mask_plainly(&long, &[201..203, 241..245])
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// The mask built from start to end is the text blanked with the shown ranges copied
        /// back, whatever their order and overlaps.
        #[test]
        fn the_mask_is_the_blanked_text_with_the_shown_ranges_copied_back(
            text in "[a \r\n“😀é\t]{0,90}",
            cuts in proptest::collection::vec((0usize..100, 0usize..40), 0..8),
        ) {
            let boundaries: Vec<usize> =
                (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let mut shown: Vec<Range<usize>> = cuts
                .iter()
                .map(|&(at, len)| {
                    let start = boundaries[at % boundaries.len()];
                    let end = boundaries[(at % boundaries.len() + len).min(boundaries.len() - 1)];
                    start..end
                })
                .collect();
            let expected = mask_plainly(&text, &shown);
            proptest::prop_assert_eq!(mask(&text, &mut shown), expected);
        }
    }

    /// A line of a draft's Markdown: indentation, a block marker, some words.
    fn line() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::sample::select;
        let indent = select(vec!["", "  ", "    ", "\t", "\u{b}\t"]);
        let marker = select(vec![
            "", "- ", "* ", "1. ", "# ", "> ", "| a |", "|---|", "```",
        ]);
        let words = select(vec!["one", "“two,” she said", "\"x", ""]);
        proptest::strategy::Strategy::prop_map((indent, marker, words), |(i, m, w)| {
            format!("{i}{m}{w}")
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Paragraphs come in document order and never overlap, whatever the nesting of lists,
        /// headings, quotes and tables: every later step reads them (and their quotes) in order.
        #[test]
        fn paragraphs_are_in_order_and_apart(lines in proptest::collection::vec(line(), 1..8)) {
            let text = lines.join("\n");
            let b = blocks(&text);
            for pair in b.paragraphs.windows(2) {
                let ((a, _), (b, _)) = (pair[0], pair[1]);
                proptest::prop_assert!(a.end <= b.start, "{:?} then {:?} in {:?}", a, b, text);
            }
        }
    }
}
