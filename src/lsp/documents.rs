//! The open documents: their text, version and latest analysis.
//!
//! Edits are applied synchronously, under a `std` lock, in the order the notifications arrive
//! and before any `.await`, so handlers that the transport runs concurrently can never apply
//! them out of order. A change whose version does not move forward is ignored.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use copydesk::position::{self, Encoding, LineIndex};
use copydesk::{Analysis, AnalysisCache, Format};
use tower_lsp_server::ls_types::{TextDocumentContentChangeEvent, Uri};

use super::convert;

/// What kind of file a document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKind {
    /// A draft to analyse, Markdown or plain text.
    Draft(Format),
    /// A `.copydesk.toml` open in the editor: checked as configuration.
    ConfigFile,
}

/// An analysis of one version of a document under one configuration generation.
#[derive(Clone)]
pub struct Analyzed {
    pub version: i32,
    pub generation: u64,
    pub analysis: Arc<Analysis>,
}

pub struct Document {
    /// Unique per `didOpen`: a result computed for a closed and reopened document (whose
    /// version may start again at the same number) is never taken for the new one.
    pub id: u64,
    pub version: i32,
    pub text: Arc<String>,
    pub index: Arc<LineIndex>,
    pub kind: DocKind,
    pub analyzed: Option<Analyzed>,
    /// What the last analysis kept for the next one (see [`copydesk::analyze_cached`]). `None`
    /// while an analysis has it out: each analysis takes it from here and puts its own back,
    /// so two analyses never share one. It goes when the document closes.
    pub cache: Option<AnalysisCache>,
    /// The version and configuration generation whose diagnostics were last published.
    pub published: Option<(i32, u64)>,
    /// The user was told this draft is too long to check (told again only after it shrank).
    pub told_too_large: bool,
    /// When the current version arrived, and how long applying its change took: for the
    /// worker's trace-level timing of the protocol side of each edit.
    pub arrived: Instant,
    pub apply_time: Duration,
}

impl Document {
    pub fn new(uri: &Uri, language_id: &str, version: i32, text: String) -> Document {
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        Document {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            version,
            index: Arc::new(LineIndex::new(&text)),
            text: Arc::new(text),
            kind: kind_of(uri, language_id),
            analyzed: None,
            cache: Some(AnalysisCache::default()),
            published: None,
            told_too_large: false,
            arrived: Instant::now(),
            apply_time: Duration::ZERO,
        }
    }
}

/// Why a change was not applied.
#[derive(Debug, PartialEq, Eq)]
pub enum ChangeRejected {
    NotOpen,
    /// The version does not move forward (a late or repeated notification).
    StaleVersion {
        current: i32,
        got: i32,
    },
}

#[derive(Default)]
pub struct Documents {
    map: HashMap<Uri, Document>,
}

impl Documents {
    pub fn open(&mut self, uri: Uri, language_id: &str, version: i32, text: String) {
        let doc = Document::new(&uri, language_id, version, text);
        self.map.insert(uri, doc);
    }

    pub fn close(&mut self, uri: &Uri) -> bool {
        self.map.remove(uri).is_some()
    }

    pub fn get(&self, uri: &Uri) -> Option<&Document> {
        self.map.get(uri)
    }

    pub fn get_mut(&mut self, uri: &Uri) -> Option<&mut Document> {
        self.map.get_mut(uri)
    }

    pub fn uris(&self) -> Vec<Uri> {
        self.map.keys().cloned().collect()
    }

    /// Applies a `didChange`: every content change in order, each relative to the text the
    /// previous one left.
    pub fn change(
        &mut self,
        uri: &Uri,
        version: i32,
        changes: &[TextDocumentContentChangeEvent],
        encoding: Encoding,
    ) -> Result<(), ChangeRejected> {
        let arrived = Instant::now();
        let doc = self.map.get_mut(uri).ok_or(ChangeRejected::NotOpen)?;
        if version <= doc.version {
            return Err(ChangeRejected::StaleVersion {
                current: doc.version,
                got: version,
            });
        }
        // Both are edited in place unless the worker or a request still has this version (then
        // they are copied, which is still cheaper than building the index again).
        let text = Arc::make_mut(&mut doc.text);
        let index = Arc::make_mut(&mut doc.index);
        for change in changes {
            let range = change.range.map(convert::from_lsp_range);
            position::apply_change_indexed(text, index, range, &change.text, encoding);
        }
        // Debug builds (the protocol tests) check every update against a new index.
        debug_assert!(*index == LineIndex::new(text), "line index out of date");
        doc.version = version;
        doc.arrived = arrived;
        doc.apply_time = arrived.elapsed();
        // `analyzed` keeps the previous version's analysis (readers check its version); the
        // worker replaces it and frees the old one off this path.
        Ok(())
    }
}

/// `.copydesk.toml` is configuration; `plaintext` or a `.txt` name is plain text; the rest is
/// Markdown.
fn kind_of(uri: &Uri, language_id: &str) -> DocKind {
    if is_config_file(uri) {
        return DocKind::ConfigFile;
    }
    let path = uri.path().as_str();
    match language_id {
        "markdown" | "mdx" => DocKind::Draft(Format::Markdown),
        "plaintext" | "text" => DocKind::Draft(Format::PlainText),
        _ => DocKind::Draft(Format::from_path(path)),
    }
}

/// Whether a URI names a `.copydesk.toml`.
pub fn is_config_file(uri: &Uri) -> bool {
    uri.path().as_str().rsplit('/').next() == Some(crate::config_file::FILE_NAME)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn edit(l1: u32, c1: u32, l2: u32, c2: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l1, c1), Position::new(l2, c2))),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn applies_edits_in_sequence_and_ignores_old_versions() {
        let uri: Uri = "file:///tmp/a.md".parse().unwrap();
        let mut docs = Documents::default();
        docs.open(
            uri.clone(),
            "markdown",
            1,
            "“Hi 😀,” she said.\nNext".to_string(),
        );
        // UTF-16: “ H i space 😀(2) = column 6 is after the emoji.
        let changes = [edit(0, 6, 0, 6, "!"), edit(1, 0, 1, 4, "Last")];
        docs.change(&uri, 2, &changes, Encoding::Utf16).unwrap();
        assert_eq!(
            docs.get(&uri).unwrap().text.as_str(),
            "“Hi 😀!,” she said.\nLast"
        );
        assert_eq!(
            docs.change(&uri, 2, &[edit(0, 0, 0, 0, "x")], Encoding::Utf16),
            Err(ChangeRejected::StaleVersion { current: 2, got: 2 })
        );
        // Positions past the end clamp.
        docs.change(&uri, 3, &[edit(9, 9, 9, 9, ".")], Encoding::Utf8)
            .unwrap();
        assert!(docs.get(&uri).unwrap().text.ends_with("Last."));
        // Inside a UTF-8 sequence: clamps to the character's start.
        docs.change(&uri, 4, &[edit(0, 1, 0, 1, "Oh ")], Encoding::Utf8)
            .unwrap();
        assert!(docs.get(&uri).unwrap().text.starts_with("Oh “Hi"));
    }

    #[test]
    fn kinds() {
        let md: Uri = "file:///d/story.md".parse().unwrap();
        let txt: Uri = "file:///d/story.txt".parse().unwrap();
        let cfg: Uri = "file:///d/.copydesk.toml".parse().unwrap();
        assert_eq!(kind_of(&md, "markdown"), DocKind::Draft(Format::Markdown));
        assert_eq!(kind_of(&txt, "x"), DocKind::Draft(Format::PlainText));
        assert_eq!(kind_of(&cfg, "toml"), DocKind::ConfigFile);
    }
}
