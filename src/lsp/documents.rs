//! The open documents: their text, version and latest analysis.
//!
//! Edits are applied synchronously, under a `std` lock, in the order the notifications arrive
//! and before any `.await`, so handlers that the transport runs concurrently can never apply
//! them out of order. A change whose version does not move forward is ignored.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use copydesk::draft::Edit;
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
    /// What the last analysis kept for the next one (see [`copydesk::analyze_cached`]), for a
    /// draft that keeps one (see [`Documents::take_cache`]). It goes when the document closes.
    cache: CacheSlot,
    /// When the document last changed, in changes to any document (0: not since it opened).
    changed: u64,
    /// The version and configuration generation whose diagnostics were last published.
    pub published: Option<(i32, u64)>,
    /// The user was told this draft is too long to check (told again only after it shrank).
    pub told_too_large: bool,
    /// When the current version arrived, and how long applying its change took: for the
    /// worker's trace-level timing of the protocol side of each edit.
    pub arrived: Instant,
    pub apply_time: Duration,
    /// The changes since version `.0` (see [`Documents::take_cache`]).
    changes: (i32, Changes),
    /// The version the cache last analysed, while it is kept: the text it holds.
    cache_saw: Option<i32>,
}

/// Where a document's text changed since some version of it, all the editor's changes as one
/// edit: handed to the analysis cache, so that it need not compare the whole text with the last
/// one to find where a keystroke changed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Changes {
    None,
    At(Edit),
    /// A change replaced the whole text (or the text started again).
    Unknown,
}

impl Changes {
    fn then(self, edit: Option<Edit>) -> Changes {
        match (self, edit) {
            (_, None) | (Changes::Unknown, _) => Changes::Unknown,
            (Changes::None, Some(edit)) => Changes::At(edit),
            (Changes::At(before), Some(edit)) => Changes::At(before.then(edit)),
        }
    }
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
            cache: CacheSlot::Empty,
            changed: 0,
            published: None,
            told_too_large: false,
            arrived: Instant::now(),
            apply_time: Duration::ZERO,
            changes: (version, Changes::Unknown),
            cache_saw: None,
        }
    }
}

/// How many drafts keep an analysis cache: the ones changed most recently. A cache takes
/// several times the memory of its draft, and only a draft being edited gains from one; a draft
/// that is only read, or was edited a while ago, is analysed in full when it is analysed again
/// (after a configuration change, or at its next edit, which starts its cache again).
pub const CACHED_DRAFTS: usize = 4;

/// A document's analysis cache.
enum CacheSlot {
    /// None: the document keeps none, or its first analysis with one has not finished yet.
    Empty,
    /// Boxed: a cache's own fields are large, and most documents keep none.
    Kept(Box<AnalysisCache>),
    /// An analysis has it out; it puts its own back when done. Two analyses never share one.
    Lent,
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
    /// Changes applied so far, to every document: the clock of [`Document::changed`].
    changes: u64,
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
            let edit = position::apply_change_indexed(text, index, range, &change.text, encoding);
            doc.changes.1 = doc.changes.1.then(edit);
        }
        doc.version = version;
        self.changes += 1;
        doc.changed = self.changes;
        doc.arrived = arrived;
        doc.apply_time = arrived.elapsed();
        // `analyzed` keeps the previous version's analysis (readers check its version); the
        // worker replaces it and frees the old one off this path.
        Ok(())
    }
}

impl Documents {
    /// Whether `doc` keeps an analysis cache: it changed since it was opened, and it is one of
    /// the [`CACHED_DRAFTS`] documents changed most recently.
    fn keeps_cache(&self, doc: &Document) -> bool {
        doc.changed > 0
            && self
                .map
                .values()
                .filter(|d| d.changed > doc.changed)
                .count()
                < CACHED_DRAFTS
    }

    /// The analysis cache for one analysis of `uri` (opened as `id`) at `version`: its kept
    /// cache, or an empty one to start it. `None` if the draft keeps none, or another analysis
    /// has it out: then the analysis runs without one ([`copydesk::analyze`]). Give it back with
    /// [`Documents::put_cache`].
    ///
    /// A kept cache is told where the text changed since the version it last analysed, if
    /// that is the version the changes since are counted from and `version` is the current
    /// one ([`AnalysisCache::edited`]). The changes are then counted from `version`.
    pub fn take_cache(&mut self, uri: &Uri, id: u64, version: i32) -> Option<Box<AnalysisCache>> {
        let doc = self.map.get(uri).filter(|d| d.id == id)?;
        if !self.keeps_cache(doc) {
            return None;
        }
        let doc = self.map.get_mut(uri)?;
        let mut cache = match std::mem::replace(&mut doc.cache, CacheSlot::Lent) {
            CacheSlot::Kept(cache) => cache,
            CacheSlot::Empty => Box::default(),
            CacheSlot::Lent => {
                doc.cache = CacheSlot::Lent;
                return None;
            }
        };
        let (from, changes) = doc.changes;
        let told = match changes {
            _ if doc.version != version || doc.cache_saw != Some(from) => None,
            Changes::At(edit) => Some(edit),
            Changes::None => {
                let end = doc.text.len();
                Some(Edit {
                    start: end,
                    old_end: end,
                    new_end: end,
                })
            }
            Changes::Unknown => None,
        };
        cache.edited(told);
        doc.changes = if doc.version == version {
            (version, Changes::None)
        } else {
            (version, Changes::Unknown)
        };
        doc.cache_saw = None;
        Some(cache)
    }

    /// Gives back the cache [`Documents::take_cache`] lent for `uri` (opened as `id`), updated
    /// by the analysis of `version`'s text. Returns it if it is not kept (the document closed,
    /// or no longer keeps one), for the caller to free once it has let go of the lock.
    pub fn put_cache(
        &mut self,
        uri: &Uri,
        id: u64,
        (cache, version): (Box<AnalysisCache>, i32),
    ) -> Option<Box<AnalysisCache>> {
        let Some(doc) = self.map.get(uri).filter(|d| d.id == id) else {
            return Some(cache);
        };
        let keep = self.keeps_cache(doc);
        let doc = self.map.get_mut(uri)?;
        if !matches!(doc.cache, CacheSlot::Lent) {
            return Some(cache);
        }
        if keep {
            doc.cache = CacheSlot::Kept(cache);
            doc.cache_saw = Some(version);
            None
        } else {
            doc.cache = CacheSlot::Empty;
            doc.cache_saw = None;
            Some(cache)
        }
    }

    /// Takes the caches of the documents that no longer keep one (after a change made another
    /// document one of the most recently changed), for the caller to free outside the lock.
    pub fn evict_caches(&mut self) -> Vec<AnalysisCache> {
        let mut ticks: Vec<u64> = self.map.values().map(|d| d.changed).collect();
        ticks.sort_unstable_by(|a, b| b.cmp(a));
        let oldest_kept = ticks.get(CACHED_DRAFTS - 1).copied().unwrap_or(0).max(1);
        let mut evicted = Vec::new();
        for doc in self.map.values_mut().filter(|d| d.changed < oldest_kept) {
            // A lent cache stays lent: `put_cache` will not keep it.
            match std::mem::replace(&mut doc.cache, CacheSlot::Empty) {
                CacheSlot::Kept(cache) => {
                    evicted.push(*cache);
                    doc.cache_saw = None;
                }
                other => doc.cache = other,
            }
        }
        evicted
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

    fn open(docs: &mut Documents, name: &str) -> (Uri, u64) {
        let uri: Uri = format!("file:///tmp/{name}.md").parse().unwrap();
        docs.open(uri.clone(), "markdown", 1, "Draft text.\n".to_string());
        let id = docs.get(&uri).unwrap().id;
        (uri, id)
    }

    fn type_in(docs: &mut Documents, uri: &Uri) {
        let version = docs.get(uri).unwrap().version + 1;
        docs.change(uri, version, &[edit(0, 0, 0, 0, "x")], Encoding::Utf16)
            .unwrap();
    }

    /// The document's cache, lent for an analysis of its current version.
    fn lend(docs: &mut Documents, uri: &Uri, id: u64) -> Option<Box<AnalysisCache>> {
        let version = docs.get(uri).map_or(0, |d| d.version);
        docs.take_cache(uri, id, version)
    }

    /// Gives a lent cache back after the analysis of the version it was lent for.
    fn give_back(
        docs: &mut Documents,
        (uri, id): (&Uri, u64),
        cache: Box<AnalysisCache>,
        version: i32,
    ) -> Option<Box<AnalysisCache>> {
        docs.put_cache(uri, id, (cache, version))
    }

    /// Lends the document's cache to an analysis and gives it back: whether it was kept.
    fn analyse(docs: &mut Documents, uri: &Uri, id: u64) -> Option<bool> {
        let version = docs.get(uri).map_or(0, |d| d.version);
        let cache = lend(docs, uri, id)?;
        Some(give_back(docs, (uri, id), cache, version).is_none())
    }

    #[test]
    fn a_draft_keeps_an_analysis_cache_once_it_is_edited() {
        let mut docs = Documents::default();
        let (uri, id) = open(&mut docs, "a");
        // Only read so far: analysed without a cache.
        assert_eq!(analyse(&mut docs, &uri, id), None);
        type_in(&mut docs, &uri);
        let lent = lend(&mut docs, &uri, id).expect("an edited draft keeps a cache");
        // Lent to one analysis at a time.
        assert!(lend(&mut docs, &uri, id).is_none());
        assert!(give_back(&mut docs, (&uri, id), lent, 2).is_none());
        assert_eq!(analyse(&mut docs, &uri, id), Some(true));
        // Reopened (a new id): the old analysis's cache is not taken for the new document.
        let lent = lend(&mut docs, &uri, id).unwrap();
        let (_, new_id) = open(&mut docs, "a");
        assert!(give_back(&mut docs, (&uri, id), lent, 2).is_some());
        assert_eq!(analyse(&mut docs, &uri, new_id), None);
        // Closed while lent: given back, it is not kept.
        type_in(&mut docs, &uri);
        let lent = lend(&mut docs, &uri, new_id).unwrap();
        docs.close(&uri);
        assert!(give_back(&mut docs, (&uri, new_id), lent, 2).is_some());
    }

    #[test]
    fn only_the_drafts_edited_last_keep_their_caches() {
        let mut docs = Documents::default();
        let drafts: Vec<(Uri, u64)> = (0..=CACHED_DRAFTS)
            .map(|i| open(&mut docs, &format!("d{i}")))
            .collect();
        for (i, (uri, id)) in drafts.iter().enumerate() {
            type_in(&mut docs, uri);
            // At the last, one draft more than are kept has been edited: the first one edited
            // loses its cache.
            let evicted = docs.evict_caches().len();
            assert_eq!(evicted, usize::from(i == CACHED_DRAFTS));
            assert_eq!(analyse(&mut docs, uri, *id), Some(true));
        }
        let (first, first_id) = &drafts[0];
        assert_eq!(analyse(&mut docs, first, *first_id), None);
        for (uri, id) in &drafts[1..] {
            assert_eq!(analyse(&mut docs, uri, *id), Some(true));
        }
        // Edited again, it keeps one again, and the next oldest loses its own, even while an
        // analysis has it out.
        let (second, second_id) = &drafts[1];
        let lent = lend(&mut docs, second, *second_id).unwrap();
        type_in(&mut docs, first);
        assert!(docs.evict_caches().is_empty());
        assert!(give_back(&mut docs, (second, *second_id), lent, 2).is_some());
        assert_eq!(analyse(&mut docs, first, *first_id), Some(true));
        assert_eq!(analyse(&mut docs, second, *second_id), None);
    }

    /// The edit a cache lent for the document's current version was told of, and the text
    /// the cache last saw (`before`): every byte outside the edit is the same in both.
    fn told_since(docs: &mut Documents, (uri, id): (&Uri, u64), before: &str) -> Option<Edit> {
        let version = docs.get(uri).unwrap().version;
        let cache = lend(docs, uri, id).expect("a kept cache");
        let told = cache.edit_told();
        let now = docs.get(uri).unwrap().text.to_string();
        if let Some(edit) = told {
            assert_eq!(before[..edit.start], now[..edit.start], "before the edit");
            assert_eq!(
                before[edit.old_end..],
                now[edit.new_end..],
                "after the edit"
            );
        }
        assert!(give_back(docs, (uri, id), cache, version).is_none());
        told
    }

    #[test]
    fn a_kept_cache_is_told_where_the_text_changed_since_it_last_saw_it() {
        let mut docs = Documents::default();
        let uri: Uri = "file:///tmp/told.md".parse().unwrap();
        let draft = "“Hi 😀,” she said — twice.\nNext line.\n";
        docs.open(uri.clone(), "markdown", 1, draft.to_string());
        let id = docs.get(&uri).unwrap().id;
        let text = |docs: &Documents| docs.get(&uri).unwrap().text.to_string();
        type_in(&mut docs, &uri);
        // Its first analysis with a cache: nothing to tell.
        assert_eq!(told_since(&mut docs, (&uri, id), ""), None);
        let saw = text(&docs);
        // Two notifications, the first with two changes, far apart.
        let two = [edit(0, 9, 0, 9, "é"), edit(1, 0, 1, 4, "Last")];
        docs.change(&uri, 3, &two, Encoding::Utf16).unwrap();
        docs.change(&uri, 4, &[edit(0, 0, 0, 1, "")], Encoding::Utf16)
            .unwrap();
        let told = told_since(&mut docs, (&uri, id), &saw).expect("an edit told");
        assert_eq!(
            (told.start, told.old_end),
            (0, "x“Hi 😀,” she said — twice.\nNext".len())
        );
        // A change while the cache is lent is told to the next analysis, on its own.
        let saw = text(&docs);
        let version = docs.get(&uri).unwrap().version;
        let lent = lend(&mut docs, &uri, id).unwrap();
        docs.change(&uri, 5, &[edit(1, 4, 1, 4, "!")], Encoding::Utf16)
            .unwrap();
        assert!(give_back(&mut docs, (&uri, id), lent, version).is_none());
        let typed = saw.find("Last").unwrap() + "Last".len();
        let told = told_since(&mut docs, (&uri, id), &saw).expect("an edit told");
        assert_eq!(
            (told.start, told.old_end, told.new_end),
            (typed, typed, typed + 1)
        );
        // Nothing changed since: an empty edit at the end.
        let saw = text(&docs);
        let told = told_since(&mut docs, (&uri, id), &saw).expect("an edit told");
        assert_eq!((told.start, told.new_end), (saw.len(), saw.len()));
        // The whole text replaced: the cache compares for itself.
        let whole = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "A new draft.\n".to_string(),
        };
        docs.change(&uri, 6, &[whole], Encoding::Utf16).unwrap();
        assert_eq!(told_since(&mut docs, (&uri, id), ""), None);
        // Lent for a version the document has moved past: not told, and not after either.
        let old_version = docs.get(&uri).unwrap().version;
        type_in(&mut docs, &uri);
        let lent = docs.take_cache(&uri, id, old_version).unwrap();
        assert_eq!(lent.edit_told(), None);
        assert!(give_back(&mut docs, (&uri, id), lent, old_version).is_none());
        type_in(&mut docs, &uri);
        assert_eq!(told_since(&mut docs, (&uri, id), ""), None);
        // Back in step: told again.
        let saw = text(&docs);
        type_in(&mut docs, &uri);
        assert_eq!(
            told_since(&mut docs, (&uri, id), &saw).map(|e| (e.start, e.old_end, e.new_end)),
            Some((0, 0, 1))
        );
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
