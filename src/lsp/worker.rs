//! The analysis worker: one thread that turns dirty documents into `publishDiagnostics`.
//!
//! It always reads the newest text when it gets to a document, so a burst of edits costs one
//! analysis of the latest version, not one per keystroke (coalescing without a debounce delay).
//! It is the only writer of diagnostics, and it publishes a result only if the document is
//! still at the analysed version, so a stale result never follows a newer one.
//!
//! It is a thread of its own, not a task: the analysis runs on it directly (no hop to the
//! blocking pool and back), and it writes its frames to stdout itself (see [`super::output`]).

use std::sync::Arc;
use std::time::{Duration, Instant};

use tower_lsp_server::ls_types::{MessageType, Uri};

use super::config;
use super::documents::{Analyzed, DocKind};
use super::publish;
use super::state::{State, analyze_safely, lock, too_large, too_large_message};

/// Starts the worker thread; it runs until the process exits. Call from inside the runtime:
/// the thread enters it to spawn messages to the user.
pub fn start(state: Arc<State>) {
    let runtime = tokio::runtime::Handle::current();
    let spawned = std::thread::Builder::new()
        .name("copydesk-worker".into())
        .spawn(move || {
            let _runtime = runtime.enter();
            // The rules' patterns compile while the client and server shake hands, not in the
            // first draft's analysis; here rather than on a thread of its own, so that they are
            // allocated where every analysis runs (a new thread costs a malloc arena).
            copydesk::rules::prepare();
            // The last frame's buffer, written into by the next one.
            let mut spare = Vec::new();
            loop {
                let uri = state.wait_dirty();
                process(&state, uri, &mut spare);
            }
        });
    if let Err(e) = spawned {
        tracing::error!("cannot start the analysis worker: {e}");
    }
}

fn process(state: &State, uri: Uri, spare: &mut Vec<u8>) {
    let job = {
        let docs = lock(&state.docs);
        docs.get(&uri).map(|doc| {
            (
                doc.id,
                doc.version,
                doc.text.clone(),
                doc.index.clone(),
                doc.kind,
                doc.published,
                (doc.arrived, doc.apply_time),
            )
        })
    };
    let Some((id, version, text, index, kind, published, (arrived, apply_time))) = job else {
        // Closed: clear what was published for it.
        state
            .output
            .write_frames(&publish::lsp_frame(&uri, vec![], None));
        return;
    };
    let encoding = state.encoding();
    let dequeued = Instant::now();
    let mut analysis_time = Duration::ZERO;
    let mut frame_time = Duration::ZERO;
    let (frame, count, generation, analysis, mut cache) = match kind {
        DocKind::ConfigFile => {
            let generation = lock(&state.settings).generation;
            if published == Some((version, generation)) {
                return;
            }
            let diagnostics = config::check_file_text(&text, &index, encoding);
            let count = diagnostics.len();
            let frame = publish::lsp_frame(&uri, diagnostics, Some(version));
            (frame, count, generation, None, None)
        }
        DocKind::Draft(format) => {
            let resolved = lock(&state.settings).resolve(&uri);
            if published == Some((version, resolved.generation)) {
                // Queued again while this version was being published: nothing new.
                return;
            }
            if let Some(problem) = resolved.problem {
                state.show_message(MessageType::ERROR, problem);
            }
            tell_if_too_large(state, &uri, id, &text);
            // `None` if the draft keeps no cache (it has not been edited since it was opened,
            // or not lately), or a request is analysing it right now: a full analysis then.
            let mut cache = state.take_cache(&uri, id, version);
            let started = Instant::now();
            let analysis =
                analyze_safely(&text, format, &resolved.config, &uri, cache.as_deref_mut());
            analysis_time = started.elapsed();
            let framing = Instant::now();
            let frame = publish::draft_frame(
                &uri,
                &analysis.diagnostics,
                Some(version),
                &text,
                &index,
                encoding,
                state.flags().code_descriptions,
                spare,
            );
            frame_time = framing.elapsed();
            let count = analysis.diagnostics.len();
            (frame, count, resolved.generation, Some(analysis), cache)
        }
    };
    // Let go of this version's text before answering: the next change then edits it in place
    // instead of copying it.
    drop((text, index));
    let replaced = {
        let mut docs = lock(&state.docs);
        match docs.get_mut(&uri).filter(|d| d.id == id) {
            // Closed (or closed and reopened) meanwhile: the result goes.
            None => None,
            // A newer version arrived meanwhile; it is queued, and this result is stale.
            Some(doc) if doc.version != version => None,
            // The configuration changed meanwhile; every document is queued again.
            Some(_) if lock(&state.settings).generation != generation => None,
            Some(doc) => {
                doc.published = Some((version, generation));
                Some(analysis.and_then(|analysis| {
                    doc.analyzed.replace(Analyzed {
                        version,
                        generation,
                        analysis: Arc::new(analysis),
                    })
                }))
            }
        }
    };
    let written = replaced.map(|replaced| {
        tracing::debug!(
            uri = uri.as_str(),
            version,
            "publishing {count} diagnostics"
        );
        let writing = Instant::now();
        state.output.write_frames(&frame);
        let written = Instant::now();
        // The previous version's analysis is freed after the answer is out.
        drop(replaced);
        (writing, written)
    });
    // Then what the analysis left for after its result (see `AnalysisCache::tidy`), and the
    // cache goes back, even if a newer version arrived: it is what the next analysis of this
    // document starts from. One the document does not keep (it closed, or others were edited
    // since) is freed here, not under the lock.
    let tidying = Instant::now();
    if let Some(cache) = cache.as_deref_mut() {
        cache.tidy();
    }
    let tidy_time = tidying.elapsed();
    let _unkept = cache.and_then(|cache| lock(&state.docs).put_cache(&uri, id, (cache, version)));
    let Some((writing, written)) = written else {
        return;
    };
    // Kept for the next frame unless it is much larger than the frames now written (a long
    // draft was closed or cut): then it goes back to the allocator.
    let len = frame.len();
    let buffer = frame.into_buffer();
    if buffer.capacity() <= 2 * len.max(64 * 1024) {
        *spare = buffer;
    }
    // `COPYDESK_LOG=copydesk::timings=trace`: where the time of each publication went, in µs
    // (a target of its own, so that no other log line is written while they are measured).
    // The protocol side of an edit is `total` less `analysis`: from the `didChange` handler to
    // the frame written, the change applied (`apply`), the wait for the worker (`queued`, which
    // includes `apply`), the frame built (`frame`), the rest of the worker's bookkeeping
    // (`other`) and the frame written (`write`); after it, the cache tidied (`tidy`).
    tracing::trace!(
        target: "copydesk::timings",
        uri = uri.as_str(),
        version,
        bytes = len,
        total = (written - arrived).as_micros(),
        apply = apply_time.as_micros(),
        queued = (dequeued - arrived).as_micros(),
        analysis = analysis_time.as_micros(),
        frame = frame_time.as_micros(),
        other = (writing - dequeued)
            .saturating_sub(analysis_time + frame_time)
            .as_micros(),
        write = (written - writing).as_micros(),
        tidy = tidy_time.as_micros(),
        "timings"
    );
}

/// Tells the user once (per open, and again only after the draft shrank below the limit and
/// grew past it) that a draft is too long to check; it is published with no diagnostics.
fn tell_if_too_large(state: &State, uri: &Uri, id: u64, text: &str) {
    let large = too_large(text);
    let tell = {
        let mut docs = lock(&state.docs);
        let Some(doc) = docs.get_mut(uri).filter(|d| d.id == id) else {
            return;
        };
        let tell = large && !doc.told_too_large;
        doc.told_too_large = large;
        tell
    };
    if tell {
        let message = too_large_message(uri, text);
        tracing::warn!(uri = uri.as_str(), "{message}");
        state.show_message(MessageType::WARNING, message);
    }
}
