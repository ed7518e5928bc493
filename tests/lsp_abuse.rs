//! Protocol abuse (issue 6): what a broken or hostile client can send the real `copydesk lsp`
//! binary. The server must answer what deserves an answer, ignore what does not, and keep
//! serving. Timeouts are generous (a slow machine must not fail a test) but finite (a hang
//! does).
//!
//! Covered elsewhere, not repeated here: `exit` without `shutdown` (exit code 1), stale
//! versions and out-of-range positions, a panic in the analysis, bad settings and a bad
//! `.copydesk.toml` (tests/lsp_protocol.rs).

mod common;

use std::time::{Duration, Instant};

use common::{Client, DRAFT};
use serde_json::{Value, json};

const SLOW: Duration = Duration::from_secs(60);

fn hover(client: &mut Client, uri: &str) -> Result<Value, Value> {
    client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
    )
}

/// The server still works: it checks a draft and answers a request about it.
fn still_serving(client: &mut Client, name: &str) {
    let uri = client.uri(name);
    client.open(&uri, DRAFT);
    let diagnostics = client.diagnostics(&uri, 1);
    assert!(common::has(&diagnostics, "loaded-verb"), "{diagnostics:#?}");
    assert!(hover(client, &uri).is_ok());
}

fn framed(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

#[test]
fn malformed_json_is_skipped_and_the_server_keeps_serving() {
    let mut client = Client::start(&["utf-16"], None);
    for body in [
        "{not json",
        "[1, 2, 3]",
        "\"just a string\"",
        "{\"jsonrpc\": \"2.0\", \"id\": 1}",
        "{}",
    ] {
        client.send_raw(&framed(body));
    }
    // Each gets a JSON-RPC error response: a parse error, an invalid request, or (the one with
    // an id and no method, which the transport takes for a request) method not found.
    let mut answers = Vec::new();
    while answers.len() < 5 {
        let answer = client.wait_for("an error response", |m| {
            m.get("method").is_none() && m["error"]["code"].is_i64()
        });
        answers.push((
            answer["id"].to_string(),
            answer["error"]["code"].as_i64().unwrap(),
        ));
    }
    answers.sort();
    let null = "null".to_string();
    assert_eq!(
        answers,
        [
            ("1".to_string(), -32601),
            (null.clone(), -32700),
            (null.clone(), -32600),
            (null.clone(), -32600),
            (null, -32600),
        ]
    );
    // Valid JSON-RPC with parameters of the wrong shape: an error response, not a crash.
    let bad = client.request("textDocument/hover", json!("nonsense"));
    assert_eq!(bad.unwrap_err()["code"], -32602);
    still_serving(&mut client, "after-json.md");
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn bad_framing_and_garbage_are_skipped() {
    let mut client = Client::start(&["utf-16"], None);
    let ping = "{\"jsonrpc\":\"2.0\",\"method\":\"copydesk/unknown\",\"params\":{}}";
    // No header at all, a header that is not a number, an unknown header alone, a length
    // shorter than the body, binary garbage and invalid UTF-8, then a CRLF-less header line.
    let mut junk: Vec<u8> = Vec::new();
    junk.extend_from_slice(ping.as_bytes());
    junk.extend_from_slice(b"\r\n\r\n");
    junk.extend_from_slice(format!("Content-Length: abc\r\n\r\n{ping}").as_bytes());
    junk.extend_from_slice(format!("X-Nonsense: 1\r\n\r\n{ping}").as_bytes());
    junk.extend_from_slice(format!("Content-Length: 5\r\n\r\n{ping}").as_bytes());
    junk.extend_from_slice(&[0, 159, 146, 150, 255, 254, b'\n', 0xc3, 0x28]);
    junk.extend_from_slice(b"Content-Length\r\n\r\n");
    client.send_raw(&junk);
    still_serving(&mut client, "after-garbage.md");
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn unknown_methods() {
    let mut client = Client::start(&["utf-16"], None);
    // A request: MethodNotFound.
    let error = client
        .request("copydesk/doesNotExist", json!({"x": 1}))
        .unwrap_err();
    assert_eq!(error["code"], -32601, "{error}");
    // Notifications, with and without the `$/` prefix: ignored, no answer.
    client.notify("copydesk/doesNotExist", json!({"x": 1}));
    client.notify("$/doesNotExist", json!(null));
    let answers: Vec<Value> = client
        .drain(Duration::from_millis(300))
        .into_iter()
        .filter(|m| m.get("id").is_some() && m.get("method").is_none())
        .collect();
    assert_eq!(answers, Vec::<Value>::new());
    still_serving(&mut client, "after-unknown.md");
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn requests_before_initialize_get_server_not_initialized() {
    let mut client = Client::spawn();
    let uri = client.uri("early.md");
    let error = hover(&mut client, &uri).unwrap_err();
    assert_eq!(error["code"], -32002, "{error}");
    let error = client.request("shutdown", Value::Null).unwrap_err();
    assert_eq!(error["code"], -32002, "{error}");
    // A notification before initialize is dropped: the document is not open afterwards.
    client.open(&uri, DRAFT);
    client.initialize(&["utf-16"], None, json!({}));
    let early: Vec<Value> = client
        .drain(Duration::from_millis(300))
        .into_iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .collect();
    assert_eq!(early, Vec::<Value>::new());
    // A second initialize is an error (InvalidRequest), not a restart.
    let again = client.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    assert_eq!(again.unwrap_err()["code"], -32600);
    still_serving(&mut client, "after-init.md");
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn notifications_and_requests_for_documents_never_opened() {
    let mut client = Client::start(&["utf-16"], None);
    let ghost = client.uri("ghost.md");
    let range = json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}});
    client.change(&ghost, 2, &[(range.clone(), "text")]);
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": ghost, "version": 3}, "contentChanges": [{"text": "full"}]}),
    );
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": ghost}}),
    );
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": ghost}}),
    );
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": "not a uri at all"}}),
    );
    assert_eq!(hover(&mut client, &ghost), Ok(Value::Null));
    for method in [
        "textDocument/documentSymbol",
        "textDocument/inlayHint",
        "textDocument/codeAction",
    ] {
        let answer = client.request(
            method,
            json!({"textDocument": {"uri": ghost}, "range": range, "context": {"diagnostics": []}}),
        );
        assert_eq!(answer, Ok(Value::Null), "{method}");
    }
    // Nothing was published for the ghost (no diagnostics for a document never opened).
    let published: Vec<Value> = client
        .drain(Duration::from_millis(300))
        .into_iter()
        .filter(|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == ghost
                && m["params"]["diagnostics"] != json!([])
        })
        .collect();
    assert_eq!(published, Vec::<Value>::new());
    still_serving(&mut client, "after-ghost.md");
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn version_regressions_are_ignored() {
    let mut client = Client::start(&["utf-16"], None);
    let uri = client.uri("versions.md");
    client.open(&uri, DRAFT);
    client.diagnostics(&uri, 1);
    let start = json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}});
    client.change(&uri, 5, &[(start.clone(), "")]);
    client.diagnostics(&uri, 5);
    // Older, equal, negative and zero versions, each carrying junk: all ignored.
    for version in [4, 5, -1, 0, i64::from(i32::MIN)] {
        client.change(&uri, version, &[(start.clone(), "JUNK TK ")]);
    }
    client.change(&uri, 6, &[(start, "")]);
    let diagnostics = client.diagnostics(&uri, 6);
    assert!(
        !common::has(&diagnostics, "placeholder"),
        "{diagnostics:#?}"
    );
    // A version past i32::MAX does not fit the protocol's integer: rejected, not wrapped.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 1u64 << 40},
               "contentChanges": [{"text": "JUNK TK"}]}),
    );
    client.change(
        &uri,
        7,
        &[(
            json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}),
            "",
        )],
    );
    let diagnostics = client.diagnostics(&uri, 7);
    assert!(
        !common::has(&diagnostics, "placeholder"),
        "{diagnostics:#?}"
    );
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

/// Waits for the diagnostics of `uri` at `version`, with the slow timeout.
fn slow_diagnostics(client: &mut Client, uri: &str, version: i64) -> Vec<Value> {
    let message = client
        .try_wait_for(SLOW, &|m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == json!(version)
        })
        .unwrap_or_else(|| panic!("no diagnostics for {uri} v{version} within {SLOW:?}"));
    message["params"]["diagnostics"].as_array().unwrap().clone()
}

#[test]
fn a_ten_megabyte_draft_is_refused_with_a_notice_and_the_server_stays_responsive() {
    let mut client = Client::start(&["utf-16"], None);
    let uri = client.uri("huge.md");
    let mut huge = String::with_capacity(10_100_000);
    while huge.len() < 10_000_000 {
        huge.push_str(DRAFT);
    }
    let start = Instant::now();
    client.open(&uri, &huge);
    let notice = client
        .try_wait_for(SLOW, &|m| m["method"] == "window/showMessage")
        .expect("a notice that the draft is too large");
    let text = notice["params"]["message"].as_str().unwrap();
    assert!(
        text.contains("huge.md") && text.contains("not checked"),
        "{text}"
    );
    assert_eq!(notice["params"]["type"], 2, "a warning");
    assert_eq!(slow_diagnostics(&mut client, &uri, 1), Vec::<Value>::new());
    eprintln!(
        "10 MB draft: notice and empty diagnostics after {:?}",
        start.elapsed()
    );
    // Requests on it answer at once.
    let asked = Instant::now();
    assert!(hover(&mut client, &uri).is_ok());
    assert!(asked.elapsed() < Duration::from_secs(10));
    // Typing in it: no second notice.
    let end = json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}});
    client.change(&uri, 2, &[(end, "x")]);
    slow_diagnostics(&mut client, &uri, 2);
    // Cut down to a normal draft: checked again.
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": DRAFT}]}),
    );
    let diagnostics = slow_diagnostics(&mut client, &uri, 3);
    assert!(common::has(&diagnostics, "loaded-verb"));
    let notices: Vec<Value> = client
        .take_backlog()
        .into_iter()
        .filter(|m| m["method"] == "window/showMessage")
        .collect();
    assert_eq!(notices, Vec::<Value>::new());
    still_serving(&mut client, "after-huge.md");
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn a_one_megabyte_single_line_draft_is_checked() {
    let mut client = Client::start(&["utf-16"], None);
    let uri = client.uri("one-line.md");
    let sentence = "“We open Saturday 😀,” said Parks Director Ana Pike, and the pool cost TK. ";
    let mut line = String::new();
    while line.len() < 1_000_000 {
        line.push_str(sentence);
    }
    let start = Instant::now();
    client.open(&uri, &line);
    let diagnostics = slow_diagnostics(&mut client, &uri, 1);
    eprintln!(
        "1 MB single line: {} diagnostics after {:?} (debug build)",
        diagnostics.len(),
        start.elapsed()
    );
    assert!(common::has(&diagnostics, "placeholder"));
    // The last finding is at the end of the one line, in UTF-16 units.
    let last_tk = line.rfind("TK").unwrap();
    let (_, col) = common::line_col(&line, last_tk, common::Encoding::Utf16);
    assert!(
        diagnostics
            .iter()
            .any(|d| d["range"]["start"] == json!({"line": 0, "character": col})),
        "no finding at the last TK"
    );
    assert!(hover(&mut client, &uri).is_ok());
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn a_hundred_thousand_quote_marks_in_a_row() {
    let mut client = Client::start(&["utf-16"], None);
    for (name, mark) in [
        ("curly.md", "“"),
        ("closing.md", "”"),
        ("straight.md", "\""),
    ] {
        let uri = client.uri(name);
        let text = format!("{}\n", mark.repeat(100_000));
        let start = Instant::now();
        client.open(&uri, &text);
        let diagnostics = slow_diagnostics(&mut client, &uri, 1);
        eprintln!(
            "100,000 × {mark}: {} diagnostics after {:?} (debug build)",
            diagnostics.len(),
            start.elapsed()
        );
        assert!(hover(&mut client, &uri).is_ok());
    }
    still_serving(&mut client, "after-quotes.md");
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn stdin_closed_abruptly_ends_the_server_promptly() {
    for stage in ["before initialize", "after initialize", "mid-message"] {
        let mut client = Client::spawn();
        if stage != "before initialize" {
            client.initialize(&["utf-16"], None, json!({}));
            let uri = client.uri("a.md");
            client.open(&uri, DRAFT);
        }
        if stage == "mid-message" {
            client.send_raw(b"Content-Length: 500\r\n\r\n{\"jsonrpc\": \"2.0\", \"met");
        }
        client.close_stdin();
        let status = client
            .wait_exit(Duration::from_secs(10))
            .unwrap_or_else(|| panic!("{stage}: still running 10 s after stdin closed"));
        // No `shutdown` came first: exit status 1, as for `exit` without `shutdown`.
        assert_eq!(status.code(), Some(1), "{stage}");
    }
}
