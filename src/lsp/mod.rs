//! `copydesk lsp`: the language server, over stdin/stdout.
//!
//! The protocol layer is thin: [`server`] receives requests and notifications, [`documents`]
//! keeps the open drafts, [`worker`] analyses them off the request path and publishes
//! diagnostics, and the feature modules answer requests from a [`state::Snapshot`] of a draft
//! and its analysis. Offsets stay UTF-8 bytes inside; [`convert`] turns them into protocol
//! positions in the negotiated encoding at the boundary.
//!
//! Logs go to stderr (stdout is the protocol); set `COPYDESK_LOG=debug` for more, and
//! `COPYDESK_LOG=copydesk::timings=trace` for where the time of each publication goes.

mod code_actions;
mod config;
mod convert;
mod documents;
mod framing;
mod hover;
mod inlay_hints;
mod navigation;
mod output;
mod publish;
mod server;
mod state;
mod symbols;
mod worker;

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tower_lsp_server::{LspService, Server};

pub fn run() -> ExitCode {
    init_logging();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            tracing::error!("cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let shutdown_requested = Arc::new(AtomicBool::new(false));
    let flag = shutdown_requested.clone();
    let output = output::Output::stdout();
    let (transport_out, drained) = output.transport();
    let answers = output.clone();
    runtime.block_on(async move {
        let (service, socket) =
            LspService::new(|client| server::Backend::new(client, output, flag));
        // Malformed input is skipped before the transport sees it (see `framing`).
        let (input, filtered) = tokio::io::duplex(64 * 1024);
        read_stdin(input, answers);
        Server::new(filtered, transport_out, socket)
            .serve(service)
            .await;
    });
    // What the transport wrote last (the answer to `shutdown`) goes out before the exit.
    drained.wait(Duration::from_secs(2));
    // The thread reading stdin may be blocked for good if the client keeps stdin open after
    // `exit`: do not wait for it.
    runtime.shutdown_background();
    if shutdown_requested.load(Ordering::SeqCst) {
        tracing::debug!("exiting after shutdown");
        ExitCode::SUCCESS
    } else {
        tracing::warn!("exiting without a shutdown request");
        ExitCode::FAILURE
    }
}

/// Reads stdin on a thread of its own, through the framing filter, into `input`: a message
/// goes from the pipe to the transport with one wake-up, not a hop through the blocking pool
/// and a runtime worker on the way.
/// A malformed message's error response goes straight to `output`.
fn read_stdin(input: tokio::io::DuplexStream, output: Arc<output::Output>) {
    let spawned = std::thread::Builder::new()
        .name("copydesk-stdin".into())
        .spawn(
            move || match tokio::runtime::Builder::new_current_thread().build() {
                Ok(runtime) => {
                    let answer = |response: serde_json::Value| {
                        let body = response.to_string();
                        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
                        output.write_frames(frame.as_bytes());
                    };
                    let stdin = BlockingRead(std::io::stdin());
                    runtime.block_on(framing::filter(stdin, input, answer));
                }
                Err(e) => tracing::error!("cannot start the stdin reader: {e}"),
            },
        );
    if let Err(e) = spawned {
        tracing::error!("cannot start the stdin reader: {e}");
    }
}

/// A blocking reader as an `AsyncRead`, for a thread that has nothing else to do meanwhile.
struct BlockingRead<R>(R);

impl<R: std::io::Read + Unpin> tokio::io::AsyncRead for BlockingRead<R> {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        let result = loop {
            match self.0.read(buf.initialize_unfilled()) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                other => break other,
            }
        };
        std::task::Poll::Ready(result.map(|n| buf.advance(n)))
    }
}

fn init_logging() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("COPYDESK_LOG")
        .unwrap_or_else(|_| EnvFilter::new("warn,copydesk=info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(false)
        .try_init();
}
