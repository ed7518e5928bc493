//! A small LSP client for the protocol tests: spawns the real `copydesk lsp` binary and speaks
//! Content-Length framed JSON-RPC to it. A reader thread turns stdout into messages; every wait
//! has a timeout, so a hang is a test failure, not a stuck test run.

#![allow(dead_code)]

pub mod spans;

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub const TIMEOUT: Duration = Duration::from_secs(20);

/// A sample draft (invented people and events): curly quotes, an emoji, a loaded verb, an
/// anonymous source with no reason, an unattributed quote, and straight quotes in a curly draft.
pub const DRAFT: &str = "# Harbor board delays ferry vote

Harbor Commissioner Lena Okafor said Tuesday that the ferry contract would wait. “We will not rush a decision 😀 that costs 40 million dollars,” Okafor claimed.

“The schedule slipped twice already,” she said. “Nobody wants a third time.”

A harbor official said the delay was political.

“This is a giveaway to the operator.”

Deputy Commissioner Ravi Patel said the board would meet again in June. \"We need more time,\" Patel said.
";

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: Receiver<Value>,
    /// Messages received while waiting for something else.
    backlog: VecDeque<Value>,
    next_id: i64,
    /// The answer to `workspace/configuration` requests from the server.
    pub configuration: Value,
    /// Requests the server sent to the client, in order.
    pub server_requests: Vec<Value>,
    pub encoding: Encoding,
    dir: PathBuf,
    /// The pipe the server writes to (a second handle; the reader thread has the first).
    #[cfg(target_os = "linux")]
    stdout_pipe: Option<std::os::fd::OwnedFd>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

static COUNTER: AtomicUsize = AtomicUsize::new(0);

impl Client {
    /// Spawns `copydesk lsp --stdio` (not yet initialized).
    pub fn spawn() -> Client {
        Client::spawn_with_env(&[])
    }

    /// Spawns the server with extra environment variables.
    pub fn spawn_with_env(env: &[(&str, &str)]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_copydesk"))
            .args(["lsp", "--stdio"])
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("spawn copydesk lsp");
        let stdout = child.stdout.take().unwrap();
        #[cfg(target_os = "linux")]
        let stdout_pipe = {
            use std::os::fd::AsFd;
            stdout.as_fd().try_clone_to_owned().ok()
        };
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if tx.send(message).is_err() {
                    break;
                }
            }
        });
        let dir = std::env::temp_dir().join(format!(
            "copydesk-lsp-test-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        Client {
            stdin: child.stdin.take(),
            child,
            rx,
            backlog: VecDeque::new(),
            next_id: 1,
            configuration: Value::Null,
            server_requests: vec![],
            encoding: Encoding::Utf16,
            dir,
            #[cfg(target_os = "linux")]
            stdout_pipe,
        }
    }

    /// How many bytes the pipe from the server holds (`F_GETPIPE_SZ`).
    #[cfg(target_os = "linux")]
    pub fn stdout_pipe_size(&self) -> usize {
        let pipe = self
            .stdout_pipe
            .as_ref()
            .expect("a second handle to the pipe");
        rustix::pipe::fcntl_getpipe_size(pipe).expect("F_GETPIPE_SZ")
    }

    /// Spawns and initializes, offering the given position encodings.
    pub fn start(encodings: &[&str], options: Option<Value>) -> Client {
        let mut client = Client::spawn();
        client.initialize(encodings, options, json!({}));
        client
    }

    pub fn initialize(
        &mut self,
        encodings: &[&str],
        options: Option<Value>,
        workspace: Value,
    ) -> Value {
        let mut params = json!({
            "processId": std::process::id(),
            "rootUri": null,
            "capabilities": {
                "general": {"positionEncodings": encodings},
                "workspace": workspace,
                // As VS Code says it; `code_links_only_for_a_client_that_shows_them` leaves
                // `codeDescriptionSupport` out, as Neovim does.
                "textDocument": {"publishDiagnostics": {
                    "relatedInformation": true,
                    "versionSupport": true,
                    "codeDescriptionSupport": true,
                }},
            },
        });
        if let Some(options) = options {
            params["initializationOptions"] = options;
        }
        let result = self.request("initialize", params).expect("initialize");
        self.encoding = match result["capabilities"]["positionEncoding"].as_str() {
            Some("utf-8") => Encoding::Utf8,
            _ => Encoding::Utf16,
        };
        self.notify("initialized", json!({}));
        result
    }

    /// A directory of this client's own, for drafts and configuration files.
    pub fn dir(&self) -> &PathBuf {
        &self.dir
    }

    /// A `file://` URI for a file in this client's directory.
    pub fn uri(&self, name: &str) -> String {
        format!("file://{}/{}", self.dir.display(), name)
    }

    pub fn send(&mut self, message: &Value) {
        let body = serde_json::to_string(message).unwrap();
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n{}", body.len(), body).unwrap();
        stdin.flush().unwrap();
    }

    /// Writes raw bytes to the server's stdin: bad framing, garbage.
    pub fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    /// Closes the server's stdin, as an editor that dies does.
    pub fn close_stdin(&mut self) {
        self.stdin = None;
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }

    /// Sends a request and waits for its response: `Ok(result)` or `Err(error)`.
    pub fn request(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        let id = self.send_request(method, params);
        let response = self.wait_for(&format!("the response to {method}"), |m| {
            m.get("method").is_none() && m["id"] == json!(id)
        });
        match response.get("error") {
            Some(error) => Err(error.clone()),
            None => Ok(response["result"].clone()),
        }
    }

    /// The next message matching `pred`, from the backlog or the server; others are kept.
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        self.try_wait_for(TIMEOUT, &pred)
            .unwrap_or_else(|| panic!("timed out waiting for {what}; backlog: {:#?}", self.backlog))
    }

    pub fn try_wait_for(
        &mut self,
        timeout: Duration,
        pred: &dyn Fn(&Value) -> bool,
    ) -> Option<Value> {
        if let Some(i) = self.backlog.iter().position(pred) {
            return self.backlog.remove(i);
        }
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = match self.rx.recv_timeout(left) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => return None,
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server closed its output; backlog: {:#?}", self.backlog)
                }
            };
            if message.get("method").is_some() && message.get("id").is_some() {
                self.answer_server_request(&message);
            }
            if pred(&message) {
                return Some(message);
            }
            self.backlog.push_back(message);
        }
    }

    fn answer_server_request(&mut self, request: &Value) {
        let result = match request["method"].as_str() {
            Some("workspace/configuration") => {
                let n = request["params"]["items"].as_array().map_or(1, Vec::len);
                Value::Array(vec![self.configuration.clone(); n])
            }
            _ => Value::Null,
        };
        self.server_requests.push(request.clone());
        let id = request["id"].clone();
        self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
    }

    /// Every message received and not consumed yet.
    pub fn take_backlog(&mut self) -> Vec<Value> {
        self.backlog.drain(..).collect()
    }

    /// Every message received and not consumed yet, and any that arrive until the server has
    /// been quiet for `quiet`.
    pub fn drain(&mut self, quiet: Duration) -> Vec<Value> {
        while let Ok(message) = self.rx.recv_timeout(quiet) {
            if message.get("method").is_some() && message.get("id").is_some() {
                self.answer_server_request(&message);
            }
            self.backlog.push_back(message);
        }
        self.backlog.drain(..).collect()
    }

    pub fn open(&mut self, uri: &str, text: &str) {
        self.open_as(uri, "markdown", text);
    }

    pub fn open_as(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    /// The diagnostics published for `uri` at `version`.
    pub fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let message = self.wait_for(&format!("diagnostics for {uri} v{version}"), |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == json!(version)
        });
        message["params"]["diagnostics"].as_array().unwrap().clone()
    }

    /// Sends `didChange` with incremental edits `(range, text)`.
    pub fn change(&mut self, uri: &str, version: i64, edits: &[(Value, &str)]) {
        let changes: Vec<Value> = edits
            .iter()
            .map(|(range, text)| json!({"range": range, "text": text}))
            .collect();
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    /// The protocol position of a byte offset in `text`, in the negotiated encoding.
    pub fn position(&self, text: &str, offset: usize) -> Value {
        let (line, character) = line_col(text, offset, self.encoding);
        json!({"line": line, "character": character})
    }

    pub fn range(&self, text: &str, start: usize, end: usize) -> Value {
        json!({"start": self.position(text, start), "end": self.position(text, end)})
    }

    /// Position of the `nth` (0-based) occurrence of `needle`, plus `delta` bytes.
    pub fn position_of(&self, text: &str, needle: &str, nth: usize, delta: usize) -> Value {
        let offset = text.match_indices(needle).nth(nth).expect(needle).0 + delta;
        self.position(text, offset)
    }

    pub fn shutdown_and_exit(&mut self) -> ExitStatus {
        let result = self.request("shutdown", Value::Null);
        assert_eq!(result, Ok(Value::Null));
        self.notify("exit", Value::Null);
        self.wait_exit(Duration::from_secs(1))
            .expect("the server exits within a second of `exit`")
    }

    /// Waits for the process to exit; `None` on timeout. Stdin stays open meanwhile.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            if Instant::now() >= deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    Some(serde_json::from_slice(&body).expect("the server sends JSON"))
}

/// Line and character of a byte offset.
pub fn line_col(text: &str, offset: usize, encoding: Encoding) -> (u32, u32) {
    let before = &text[..offset];
    let line = before.matches('\n').count() as u32;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = &text[line_start..offset];
    let character = match encoding {
        Encoding::Utf8 => col.len(),
        Encoding::Utf16 => col.encode_utf16().count(),
    };
    (line, character as u32)
}

/// The byte offset of a protocol position (exact: the tests only send valid positions).
pub fn offset_of(text: &str, position: &Value, encoding: Encoding) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    let line_start = if line == 0 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 1)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let mut units = 0;
    for (i, ch) in text[line_start..].char_indices() {
        if units >= character || ch == '\n' {
            return line_start + i;
        }
        units += match encoding {
            Encoding::Utf8 => ch.len_utf8(),
            Encoding::Utf16 => ch.len_utf16(),
        };
    }
    text.len()
}

/// Applies LSP `TextEdit`s (non-overlapping, against the same text) to `text`.
pub fn apply_edits(text: &str, edits: &[Value], encoding: Encoding) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let start = offset_of(text, &e["range"]["start"], encoding);
            let end = offset_of(text, &e["range"]["end"], encoding);
            (start, end, e["newText"].as_str().unwrap().to_string())
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse((s.0, s.1)));
    let mut out = text.to_string();
    for (start, end, new_text) in spans {
        out.replace_range(start..end, &new_text);
    }
    out
}

/// The edits a `WorkspaceEdit` makes to one document (`changes` or `documentChanges`).
pub fn edits_for(edit: &Value, uri: &str) -> Vec<Value> {
    if let Some(edits) = edit["changes"][uri].as_array() {
        return edits.clone();
    }
    edit["documentChanges"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["textDocument"]["uri"] == uri)
        .flat_map(|c| c["edits"].as_array().cloned().unwrap_or_default())
        .collect()
}

pub fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap_or_default().to_string())
        .collect()
}

pub fn has(diagnostics: &[Value], code: &str) -> bool {
    diagnostics.iter().any(|d| d["code"] == code)
}

/// Opens the sample draft and waits for its first diagnostics.
pub fn open_draft(client: &mut Client, name: &str, text: &str) -> String {
    let uri = client.uri(name);
    client.open(&uri, text);
    client.diagnostics(&uri, 1);
    uri
}

/// Requests the code actions at `range`, applies the one whose title starts with `title` as
/// an incremental change, and returns the new text and its diagnostics.
pub fn apply_action(
    client: &mut Client,
    uri: &str,
    text: &str,
    version: i64,
    range: Value,
    title: &str,
) -> (String, Vec<Value>) {
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range, "context": {"diagnostics": []}}),
        )
        .unwrap();
    let action = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with(title))
        .unwrap_or_else(|| panic!("no “{title}” in {actions:#?}"))
        .clone();
    assert!(
        action.get("command").is_none(),
        "edits are made by the server"
    );
    let edits = edits_for(&action["edit"], uri);
    assert!(!edits.is_empty());
    let new_text = apply_edits(text, &edits, client.encoding);
    // Send the edits as the editor would: incremental changes, last first.
    let mut sorted = edits.clone();
    sorted
        .sort_by_key(|e| std::cmp::Reverse(offset_of(text, &e["range"]["start"], client.encoding)));
    let changes: Vec<(Value, &str)> = sorted
        .iter()
        .map(|e| (e["range"].clone(), e["newText"].as_str().unwrap()))
        .collect();
    client.change(uri, version, &changes);
    let diagnostics = client.diagnostics(uri, version);
    (new_text, diagnostics)
}

/// Diagnostics with the document URIs of their related information blanked, to compare the
/// diagnostics of two documents that differ only in their URI.
pub fn without_uris(diagnostics: &[Value]) -> Vec<Value> {
    diagnostics
        .iter()
        .map(|d| {
            let mut d = d.clone();
            if let Some(related) = d["relatedInformation"].as_array_mut() {
                for r in related {
                    r["location"]["uri"] = Value::Null;
                }
            }
            d
        })
        .collect()
}
