//! The server's stdout, shared by the transport and the diagnostics publisher.
//!
//! The analysis worker writes its `publishDiagnostics` frames itself, straight from its own
//! thread: no trip through the transport's `serde_json::Value`, its channel and the runtime's
//! blocking pool for each write. Everything else the transport sends (responses, requests,
//! other notifications) goes through [`TransportOut`] to a writer thread, so the task that
//! reads the client's messages never blocks on a full pipe. Both write whole frames under one
//! lock, so frames never interleave.

use std::io::Write;
use std::pin::Pin;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::AsyncWrite;

use super::state::lock;

/// How much the pipe to the editor should hold: a 100,000-word draft's diagnostics are about
/// 0.9 MB. 1 MiB is what Linux lets any process ask for (`/proc/sys/fs/pipe-max-size`).
#[cfg(target_os = "linux")]
const PIPE_BYTES: usize = 1 << 20;

/// Lets a long draft's diagnostics into the pipe to the editor in one write. In Linux's default
/// 64 KiB pipe the worker and the editor take turns, 64 KiB at a time, each waking the other:
/// about 0.9 ms of every keystroke in a 100,000-word draft (`benches/lsp_latency.py`). Pipe
/// pages are taken only as they are written. stdout that is not a pipe (a file, a socket), or a
/// system that refuses, keeps what it has.
#[cfg(target_os = "linux")]
fn widen_pipe(fd: &std::os::fd::OwnedFd) {
    match rustix::pipe::fcntl_setpipe_size(fd, PIPE_BYTES) {
        Ok(bytes) => tracing::debug!("the pipe to the client holds {bytes} bytes"),
        Err(e) => tracing::debug!("the pipe to the client keeps its size: {e}"),
    }
}

#[cfg(not(target_os = "linux"))]
fn widen_pipe(_fd: &std::os::fd::OwnedFd) {}

pub struct Output {
    stdout: Mutex<Box<dyn Write + Send>>,
}

impl Output {
    /// The process's stdout, unbuffered (each frame is one `write_all`), its pipe widened.
    pub fn stdout() -> Arc<Output> {
        use std::os::fd::AsFd;
        let out: Box<dyn Write + Send> = match std::io::stdout().as_fd().try_clone_to_owned() {
            Ok(fd) => {
                widen_pipe(&fd);
                Box::new(std::fs::File::from(fd))
            }
            Err(_) => Box::new(std::io::stdout()),
        };
        Arc::new(Output::new(out))
    }

    pub fn new(out: Box<dyn Write + Send>) -> Output {
        Output {
            stdout: Mutex::new(out),
        }
    }

    /// Writes one or more whole frames. A client that is gone is the transport's to notice.
    pub fn write_frames(&self, frames: &[u8]) {
        let mut out = lock(&self.stdout);
        if let Err(e) = out.write_all(frames).and_then(|()| out.flush()) {
            tracing::debug!("cannot write to the client: {e}");
        }
    }

    /// The writer the transport gets, and a handle to wait for what it wrote to be written.
    pub fn transport(self: &Arc<Output>) -> (TransportOut, Drained) {
        let (tx, rx) = mpsc::channel::<Vec<u8>>();
        let (done_tx, done_rx) = mpsc::channel::<()>();
        let output = self.clone();
        let spawned = std::thread::Builder::new()
            .name("copydesk-stdout".into())
            .spawn(move || {
                let mut frames = Frames::default();
                while let Ok(bytes) = rx.recv() {
                    frames.push(&bytes);
                    // Take whatever else is queued, then write the whole frames in one go.
                    while let Ok(more) = rx.try_recv() {
                        frames.push(&more);
                    }
                    let whole = frames.take_whole();
                    if !whole.is_empty() {
                        output.write_frames(&whole);
                    }
                }
                let rest = frames.take_all();
                if !rest.is_empty() {
                    output.write_frames(&rest);
                }
                let _ = done_tx.send(());
            });
        if let Err(e) = spawned {
            tracing::error!("cannot start the stdout writer: {e}");
        }
        (TransportOut { tx: Some(tx) }, Drained(done_rx))
    }
}

/// Bytes the transport wrote, cut at frame boundaries (`Content-Length: N\r\n\r\n` + N bytes).
#[derive(Default)]
struct Frames {
    pending: Vec<u8>,
}

impl Frames {
    fn push(&mut self, bytes: &[u8]) {
        self.pending.extend_from_slice(bytes);
    }

    /// The longest prefix of whole frames.
    fn take_whole(&mut self) -> Vec<u8> {
        let mut at = 0;
        while let Some(len) = frame_len(&self.pending[at..]) {
            at += len;
        }
        let rest = self.pending.split_off(at);
        std::mem::replace(&mut self.pending, rest)
    }

    fn take_all(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.pending)
    }
}

/// The length of the whole frame at the start of `bytes`, if it is all there.
fn frame_len(bytes: &[u8]) -> Option<usize> {
    const PREFIX: &[u8] = b"Content-Length: ";
    let rest = bytes.strip_prefix(PREFIX)?;
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let body: usize = std::str::from_utf8(&rest[..digits]).ok()?.parse().ok()?;
    let header = PREFIX.len() + digits + 4;
    if bytes.get(PREFIX.len() + digits..header)? != b"\r\n\r\n" {
        return None;
    }
    let len = header + body;
    (bytes.len() >= len).then_some(len)
}

/// Waits (a bounded time) for the writer thread to write what the transport gave it.
pub struct Drained(mpsc::Receiver<()>);

impl Drained {
    pub fn wait(self, limit: Duration) {
        let _ = self.0.recv_timeout(limit);
    }
}

/// The transport's stdout: hands each write to the writer thread and never blocks.
pub struct TransportOut {
    tx: Option<mpsc::Sender<Vec<u8>>>,
}

impl AsyncWrite for TransportOut {
    fn poll_write(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let sent = self
            .tx
            .as_ref()
            .is_some_and(|tx| tx.send(buf.to_vec()).is_ok());
        if sent {
            Poll::Ready(Ok(buf.len()))
        } else {
            self.tx = None;
            Poll::Ready(Err(std::io::ErrorKind::BrokenPipe.into()))
        }
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        self.tx = None;
        Poll::Ready(Ok(()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    #[test]
    fn cuts_at_frame_boundaries() {
        let mut frames = Frames::default();
        let a = frame("{\"a\":1}");
        let b = frame("{\"b\":\"\u{e9}\"}");
        frames.push(&a);
        frames.push(&b[..5]);
        assert_eq!(frames.take_whole(), a);
        frames.push(&b[5..20]);
        assert!(frames.take_whole().is_empty());
        frames.push(&b[20..]);
        frames.push(&a);
        assert_eq!(frames.take_whole(), [b.clone(), a.clone()].concat());
        assert!(frames.take_all().is_empty());
    }

    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            lock(&self.0).extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn transport_and_publisher_frames_do_not_interleave() {
        use tokio::io::AsyncWriteExt;
        let sink = Shared::default();
        let output = Arc::new(Output::new(Box::new(sink.clone())));
        let (mut transport, drained) = output.transport();
        let a = frame("{\"from\":\"transport\"}");
        let p = frame("{\"from\":\"publisher\"}");
        transport.write_all(&a[..10]).await.unwrap();
        output.write_frames(&p);
        transport.write_all(&a[10..]).await.unwrap();
        drop(transport);
        drained.wait(Duration::from_secs(5));
        assert_eq!(*lock(&sink.0), [p, a].concat());
    }
}
