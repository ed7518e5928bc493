//! State shared by the protocol handlers and the analysis worker.

use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};

use copydesk::position::{Encoding, LineIndex};
use copydesk::{Analysis, AnalysisCache, Config, Format, Span};
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{self as lsp, Location, MessageType, Uri};

use super::config::Settings;
use super::convert;
use super::documents::{Analyzed, DocKind, Documents};
use super::output::Output;

/// What the client said it can do, as far as the server cares.
#[derive(Clone, Copy, Debug, Default)]
pub struct ClientFlags {
    /// Answers `workspace/configuration`.
    pub pull_configuration: bool,
    /// Accepts a dynamic registration for `workspace/didChangeWatchedFiles`.
    pub watch_files: bool,
    /// Accepts versioned `documentChanges` in a workspace edit.
    pub document_changes: bool,
    /// Takes `workspace/inlayHint/refresh`: asks for the inlay hints again when told they
    /// changed without an edit (a new configuration).
    pub inlay_hint_refresh: bool,
    /// Shows a finding's `codeDescription` (LSP 3.16 `codeDescriptionSupport`): VS Code makes
    /// the rule's code a link to its documentation. Neovim and Eglot do not say they do, and
    /// do nothing with it, so for them the link is left out: it is a quarter of the bytes of a
    /// long draft's diagnostics, written and read again on every keystroke.
    pub code_descriptions: bool,
}

pub struct State {
    pub client: Client,
    /// Where the worker writes its `publishDiagnostics`.
    pub output: Arc<Output>,
    pub docs: Mutex<Documents>,
    pub settings: Mutex<Settings>,
    encoding: AtomicU8,
    pub flags: OnceLock<ClientFlags>,
    /// Documents whose diagnostics must be recomputed (or cleared, once closed), oldest first.
    dirty: Mutex<Vec<Uri>>,
    /// Signalled when a document is queued.
    wake: Condvar,
    pub shutdown_requested: Arc<AtomicBool>,
}

/// Locks a mutex, recovering from poisoning: a panic elsewhere must not take the server down.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl State {
    pub fn new(client: Client, output: Arc<Output>, shutdown_requested: Arc<AtomicBool>) -> State {
        State {
            client,
            output,
            docs: Mutex::default(),
            settings: Mutex::default(),
            encoding: AtomicU8::new(0),
            flags: OnceLock::new(),
            dirty: Mutex::default(),
            wake: Condvar::new(),
            shutdown_requested,
        }
    }

    pub fn encoding(&self) -> Encoding {
        if self.encoding.load(Ordering::Relaxed) == 1 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    pub fn set_encoding(&self, encoding: Encoding) {
        let value = u8::from(encoding == Encoding::Utf8);
        self.encoding.store(value, Ordering::Relaxed);
    }

    pub fn flags(&self) -> ClientFlags {
        self.flags.get().copied().unwrap_or_default()
    }

    /// Queues a document for the worker.
    pub fn mark_dirty(&self, uri: &Uri) {
        {
            let mut dirty = lock(&self.dirty);
            if !dirty.contains(uri) {
                dirty.push(uri.clone());
            }
        }
        self.wake.notify_one();
    }

    pub fn mark_all_dirty(&self) {
        let uris = lock(&self.docs).uris();
        for uri in &uris {
            self.mark_dirty(uri);
        }
    }

    /// After the configuration changed: every draft is checked again, and a client that
    /// takes it is told to ask for its inlay hints again (who speaks where can change with the
    /// attribution verbs or the house names; a request analyses with the new configuration).
    pub fn settings_changed(self: &Arc<Self>) {
        self.mark_all_dirty();
        if self.flags().inlay_hint_refresh {
            let state = self.clone();
            tokio::spawn(async move {
                if let Err(e) = state.client.inlay_hint_refresh().await {
                    tracing::warn!("workspace/inlayHint/refresh failed: {e}");
                }
            });
        }
    }

    /// The oldest queued document, waiting for one if none is.
    pub fn wait_dirty(&self) -> Uri {
        let mut dirty = lock(&self.dirty);
        while dirty.is_empty() {
            dirty = self
                .wake
                .wait(dirty)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        dirty.remove(0)
    }

    /// Tells the user something, without waiting: safe from a notification handler.
    pub fn show_message(&self, typ: MessageType, message: String) {
        let client = self.client.clone();
        tokio::spawn(async move { client.show_message(typ, message).await });
    }

    /// The current text of a draft and its analysis, computing it if the worker has not yet.
    pub fn snapshot(&self, uri: &Uri) -> Option<Snapshot> {
        let (id, version, text, index, format, cached) = {
            let docs = lock(&self.docs);
            let doc = docs.get(uri)?;
            let DocKind::Draft(format) = doc.kind else {
                return None;
            };
            (
                doc.id,
                doc.version,
                doc.text.clone(),
                doc.index.clone(),
                format,
                doc.analyzed.clone(),
            )
        };
        let resolved = lock(&self.settings).resolve(uri);
        if let Some(problem) = resolved.problem {
            self.show_message(MessageType::ERROR, problem);
        }
        let analysis = match cached {
            Some(a) if a.version == version && a.generation == resolved.generation => a.analysis,
            _ => {
                let mut cache = self.take_cache(uri, id, version);
                let analysis = Arc::new(analyze_safely(
                    &text,
                    format,
                    &resolved.config,
                    uri,
                    cache.as_deref_mut(),
                ));
                let unkept = {
                    let mut docs = lock(&self.docs);
                    let unkept = cache.and_then(|cache| docs.put_cache(uri, id, (cache, version)));
                    if let Some(doc) = docs
                        .get_mut(uri)
                        .filter(|d| d.id == id && d.version == version)
                    {
                        doc.analyzed = Some(Analyzed {
                            version,
                            generation: resolved.generation,
                            analysis: analysis.clone(),
                        });
                    }
                    unkept
                };
                // Freed outside the lock.
                drop(unkept);
                analysis
            }
        };
        Some(Snapshot {
            uri: uri.clone(),
            version,
            text,
            index,
            encoding: self.encoding(),
            format,
            analysis,
        })
    }

    /// See [`Documents::take_cache`](super::documents::Documents::take_cache).
    pub fn take_cache(&self, uri: &Uri, id: u64, version: i32) -> Option<Box<AnalysisCache>> {
        lock(&self.docs).take_cache(uri, id, version)
    }

    /// Snapshots of every open draft.
    pub fn all_snapshots(&self) -> Vec<Snapshot> {
        let uris = lock(&self.docs).uris();
        uris.iter().filter_map(|uri| self.snapshot(uri)).collect()
    }
}

/// Drafts longer than this are not analysed (the user is told once, see the worker): about
/// 350,000 words, where a long feature is 10,000. It bounds the time and memory one keystroke
/// can cost in a document nobody should be checking as one draft.
pub const MAX_DRAFT_BYTES: usize = 2_000_000;

/// Whether a draft is too long to analyse.
pub fn too_large(text: &str) -> bool {
    text.len() > MAX_DRAFT_BYTES
}

/// The notice for a draft too long to check.
pub fn too_large_message(uri: &Uri, text: &str) -> String {
    let name = uri.path().as_str().rsplit('/').next().unwrap_or_default();
    format!(
        "copydesk: {name} is {:.1} MB; drafts over {} MB are not checked. Split it to check it.",
        text.len() as f64 / 1e6,
        MAX_DRAFT_BYTES / 1_000_000
    )
}

/// Runs the analysis, reusing and updating the document's `cache` if it keeps one, and turns a
/// panic into an error in the log and an empty analysis: a bug in one rule must not take the
/// server down. A draft over [`MAX_DRAFT_BYTES`] gets an empty analysis.
///
/// After a panic, or for a draft too large to check, `cache` is emptied: a cache left half
/// updated by a panic could make every later analysis of the document wrong, and one kept for a
/// draft that is no longer analysed would only hold memory.
pub fn analyze_safely(
    text: &str,
    format: Format,
    config: &Config,
    uri: &Uri,
    mut cache: Option<&mut AnalysisCache>,
) -> Analysis {
    if too_large(text) {
        if let Some(cache) = cache {
            *cache = AnalysisCache::default();
        }
        return Analysis::default();
    }
    match std::panic::catch_unwind(AssertUnwindSafe(|| {
        panic_on_request(text);
        match cache.as_deref_mut() {
            Some(cache) => copydesk::analyze_cached(text, format, config, cache),
            None => copydesk::analyze(text, format, config),
        }
    })) {
        Ok(analysis) => analysis,
        Err(payload) => {
            if let Some(cache) = cache {
                *cache = AnalysisCache::default();
            }
            let message = payload
                .downcast_ref::<&str>()
                .map(ToString::to_string)
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            tracing::error!(
                uri = uri.as_str(),
                "the analysis panicked: {message}; serving an empty analysis for this version"
            );
            Analysis::default()
        }
    }
}

/// Debug builds only: a draft containing the text of `COPYDESK_LSP_TEST_PANIC` makes the
/// analysis panic, so the protocol tests can check that the server survives a bug.
fn panic_on_request(text: &str) {
    #[cfg(debug_assertions)]
    if let Ok(marker) = std::env::var("COPYDESK_LSP_TEST_PANIC") {
        assert!(
            marker.is_empty() || !text.contains(&marker),
            "COPYDESK_LSP_TEST_PANIC: the draft contains {marker:?}"
        );
    }
    #[cfg(not(debug_assertions))]
    let _ = text;
}

/// One version of a draft with its analysis, for answering a request.
pub struct Snapshot {
    pub uri: Uri,
    pub version: i32,
    pub text: Arc<String>,
    pub index: Arc<LineIndex>,
    pub encoding: Encoding,
    pub format: Format,
    pub analysis: Arc<Analysis>,
}

impl Snapshot {
    pub fn range(&self, span: Span) -> lsp::Range {
        convert::range(&self.text, &self.index, span, self.encoding)
    }

    pub fn offset(&self, position: lsp::Position) -> usize {
        convert::offset(&self.text, &self.index, position, self.encoding)
    }

    pub fn span(&self, range: lsp::Range) -> Span {
        convert::span(&self.text, &self.index, range, self.encoding)
    }

    pub fn location(&self, span: Span) -> Location {
        Location::new(self.uri.clone(), self.range(span))
    }

    pub fn text_of(&self, span: Span) -> &str {
        span.text(&self.text)
    }

    /// The 1-based line number of an offset, for messages.
    pub fn line_number(&self, offset: usize) -> u32 {
        self.index.position(&self.text, offset, Encoding::Utf8).line + 1
    }
}
