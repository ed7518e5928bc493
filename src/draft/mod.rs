//! The draft as prose: which bytes are prose (Markdown markup, code, front matter, comments and
//! URLs blanked out), its paragraphs and its sentences.

use std::ops::Range;

use crate::model::Span;

/// The format of a draft, picked by file extension or LSP language id.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Format {
    #[default]
    Markdown,
    PlainText,
}

impl Format {
    /// `.txt` and `.text` are plain text; everything else is read as Markdown.
    pub fn from_path(path: &str) -> Format {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".txt") || lower.ends_with(".text") {
            Format::PlainText
        } else {
            Format::Markdown
        }
    }

    /// `plaintext` (VS Code) and `text` (Neovim) are plain text; anything else is Markdown.
    pub fn from_language_id(id: &str) -> Format {
        match id {
            "plaintext" | "text" | "txt" => Format::PlainText,
            _ => Format::Markdown,
        }
    }
}

/// What kind of block a paragraph is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Text,
    Heading,
    BlockQuote,
    ListItem,
    TableCell,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    pub kind: BlockKind,
    /// Indices into [`Draft::sentences`].
    pub sentences: Range<usize>,
}

/// A draft ready for analysis.
pub struct Draft<'t> {
    pub text: &'t str,
    pub format: Format,
    /// The text with everything that is not prose replaced by spaces: same length, same byte
    /// offsets, so every span found in it is a span of `text`.
    pub prose: String,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Span>,
    /// HTML comments (`<!-- … -->`), where suppression directives live.
    pub comments: Vec<Span>,
}

impl<'t> Draft<'t> {
    pub fn new(text: &'t str, format: Format) -> Draft<'t> {
        // Placeholder until segmentation lands: one paragraph per blank-line block, one sentence each.
        let mut paragraphs = Vec::new();
        let mut sentences = Vec::new();
        let mut start = 0;
        for (i, _) in text.match_indices("\n\n").chain([(text.len(), "")]) {
            let span = Span::new(start, i);
            if !span.text(text).trim().is_empty() {
                sentences.push(span);
                paragraphs.push(Paragraph {
                    span,
                    kind: BlockKind::Text,
                    sentences: sentences.len() - 1..sentences.len(),
                });
            }
            start = (i + 2).min(text.len());
        }
        Draft {
            text,
            format,
            prose: text.to_string(),
            paragraphs,
            sentences,
            comments: Vec::new(),
        }
    }

    /// The index of the paragraph containing `offset`.
    pub fn paragraph_at(&self, offset: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.span.end <= offset);
        (i < self.paragraphs.len() && self.paragraphs[i].span.start <= offset).then_some(i)
    }

    /// The index of the sentence containing `offset`.
    pub fn sentence_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= offset);
        (i < self.sentences.len() && self.sentences[i].start <= offset).then_some(i)
    }
}
