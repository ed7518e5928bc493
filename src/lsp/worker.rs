//! The analysis worker: one task that turns dirty documents into `publishDiagnostics`.
//!
//! It always reads the newest text when it gets to a document, so a burst of edits costs one
//! analysis of the latest version, not one per keystroke (coalescing without a debounce delay).
//! It is the only task that publishes diagnostics, and it publishes a result only if the
//! document is still at the analysed version, so a stale result never follows a newer one.

use std::sync::Arc;

use tower_lsp_server::ls_types::{self as lsp, MessageType, Uri};

use super::config;
use super::convert;
use super::documents::{Analyzed, DocKind};
use super::state::{State, analyze_safely, lock, too_large, too_large_message};

pub async fn run(state: Arc<State>) {
    loop {
        state.wake.notified().await;
        while let Some(uri) = state.next_dirty() {
            process(&state, uri).await;
        }
    }
}

async fn process(state: &Arc<State>, uri: Uri) {
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
            )
        })
    };
    let Some((id, version, text, index, kind, published)) = job else {
        // Closed: clear what was published for it.
        state.client.publish_diagnostics(uri, vec![], None).await;
        return;
    };
    let encoding = state.encoding();
    let (diagnostics, generation, analysis) = match kind {
        DocKind::ConfigFile => {
            let generation = lock(&state.settings).generation;
            if published == Some((version, generation)) {
                return;
            }
            let diagnostics = config::check_file_text(&text, &index, encoding);
            (diagnostics, generation, None)
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
            let config = resolved.config.clone();
            let input = text.clone();
            let job_uri = uri.clone();
            let analysis = tokio::task::spawn_blocking(move || {
                analyze_safely(&input, format, &config, &job_uri)
            })
            .await
            .unwrap_or_default();
            let diagnostics: Vec<lsp::Diagnostic> = analysis
                .diagnostics
                .iter()
                .map(|d| convert::diagnostic(d, &uri, &text, &index, encoding))
                .collect();
            (diagnostics, resolved.generation, Some(analysis))
        }
    };
    {
        let mut docs = lock(&state.docs);
        let Some(doc) = docs
            .get_mut(&uri)
            .filter(|d| d.id == id && d.version == version)
        else {
            // A newer version arrived meanwhile; it is queued, and this result is stale.
            return;
        };
        if lock(&state.settings).generation != generation {
            // The configuration changed meanwhile; every document is queued again.
            return;
        }
        if let Some(analysis) = analysis {
            doc.analyzed = Some(Analyzed {
                version,
                generation,
                analysis: Arc::new(analysis),
            });
        }
        doc.published = Some((version, generation));
    }
    tracing::debug!(
        uri = uri.as_str(),
        version,
        "publishing {} diagnostics",
        diagnostics.len()
    );
    state
        .client
        .publish_diagnostics(uri, diagnostics, Some(version))
        .await;
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
