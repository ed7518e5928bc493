//! A lenient reader in front of the transport of `tower-lsp-server`.
//!
//! That transport stops reading for good at the first message it cannot decode (its framed
//! reader ends the stream after a decode error), so one malformed message from a client (bad
//! JSON, a missing or non-numeric `Content-Length`, a body that is no JSON-RPC message) would
//! end the server. This filter reads the client's bytes itself and passes on, re-framed, only
//! messages that are a JSON-RPC request, notification or response; anything else is logged on
//! stderr and skipped, and reading goes on at the next `Content-Length` header.
//!
//! A skipped body gets the answer JSON-RPC 2.0 prescribes: `-32700 Parse error` if it is not
//! JSON, `-32600 Invalid Request` if it is JSON but no message (with its `id` when it has a
//! usable one, else `null`). A header with no usable length has no body to answer: it is only
//! logged.

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tower_lsp_server::jsonrpc::{Request, Response};

/// A body longer than this is taken for a corrupt header and skipped.
const MAX_BODY: usize = 256 * 1024 * 1024;

/// Copies well-framed JSON-RPC messages from `input` to `output` until `input` ends (or
/// `output` is closed), skipping everything else; `answer` gets the error response for each
/// skipped body.
pub async fn filter(
    input: impl AsyncRead + Unpin,
    mut output: impl AsyncWrite + Unpin,
    mut answer: impl FnMut(Value),
) {
    let mut input = BufReader::new(input);
    let mut line = Vec::new();
    loop {
        // Headers: lines up to an empty one. Garbage lines are ignored.
        let mut length: Option<usize> = None;
        let mut saw_header = false;
        loop {
            line.clear();
            match input.read_until(b'\n', &mut line).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                if saw_header {
                    break;
                }
                continue;
            }
            saw_header = true;
            if let Some(at) = text.find("Content-Length:") {
                length = text[at + "Content-Length:".len()..].trim().parse().ok();
            }
        }
        let Some(length) = length.filter(|&n| n <= MAX_BODY) else {
            tracing::error!("skipped a message with no valid Content-Length header");
            continue;
        };
        let mut body = vec![0; length];
        if input.read_exact(&mut body).await.is_err() {
            return;
        }
        if let Err((problem, response)) = check(&body) {
            tracing::error!("skipped a malformed message: {problem}");
            answer(response);
            continue;
        }
        let header = format!("Content-Length: {length}\r\n\r\n");
        if output.write_all(header.as_bytes()).await.is_err()
            || output.write_all(&body).await.is_err()
            || output.flush().await.is_err()
        {
            return;
        }
    }
}

/// Whether a body is a JSON-RPC message the transport can decode; if not, what is wrong and
/// the error response it gets.
fn check(body: &[u8]) -> Result<(), (String, Value)> {
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(e) => {
            let problem = format!("not JSON: {e}");
            return Err((problem, error(Value::Null, -32700, "Parse error")));
        }
    };
    let id = match value.get("id") {
        Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
        _ => Value::Null,
    };
    if serde_json::from_value::<Request>(value.clone()).is_ok()
        || serde_json::from_value::<Response>(value).is_ok()
    {
        Ok(())
    } else {
        let problem = "not a JSON-RPC request, notification or response".to_string();
        Err((problem, error(id, -32600, "Invalid Request")))
    }
}

fn error(id: Value, code: i64, message: &str) -> Value {
    serde_json::json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    async fn run(input: Vec<u8>) -> String {
        run_answered(input).await.0
    }

    /// What goes through, and the error responses.
    async fn run_answered(input: Vec<u8>) -> (String, Vec<Value>) {
        let mut out = Vec::new();
        let mut answers = Vec::new();
        filter(&input[..], &mut out, |answer| answers.push(answer)).await;
        (String::from_utf8(out).unwrap(), answers)
    }

    #[tokio::test]
    async fn passes_good_messages_and_skips_the_rest() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let reply = r#"{"jsonrpc":"2.0","id":3,"result":null}"#;
        let mut input = Vec::new();
        input.extend(frame("{not json").bytes());
        input.extend(frame(good).bytes());
        input.extend(frame("[1, 2]").bytes());
        input.extend(frame("{}").bytes());
        input.extend(b"garbage line\r\n\r\n");
        input.extend(format!("Content-Length: abc\r\n\r\n{good}").bytes());
        input.extend([0xff, 0xfe, b'\n', 0xc3, 0x28]);
        input.extend(b"Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n");
        input.extend(frame(reply).bytes());
        input.extend(frame("\u{1F600}").bytes());
        input.extend(frame(good).bytes());
        // A body cut short by the end of input: nothing, no hang.
        input.extend(b"Content-Length: 100\r\n\r\n{\"jsonrpc\"");
        let (out, answers) = run_answered(input).await;
        assert_eq!(
            out,
            format!("{}{}{}", frame(good), frame(reply), frame(good))
        );
        // One answer per skipped body; none for the headers with no usable length.
        let codes: Vec<(Value, i64)> = answers
            .iter()
            .map(|a| (a["id"].clone(), a["error"]["code"].as_i64().unwrap()))
            .collect();
        assert_eq!(
            codes,
            [
                (Value::Null, -32700),
                (Value::Null, -32600),
                (Value::Null, -32600),
                (Value::Null, -32700),
            ]
        );
    }

    #[tokio::test]
    async fn an_invalid_request_is_answered_with_its_id() {
        let input = [
            frame(r#"{"jsonrpc":"2.0","id":7,"method":12}"#),
            frame(r#"{"jsonrpc":"1.0","id":"x","method":"a"}"#),
            frame(r#"{"jsonrpc":"2.0","id":[1],"method":3}"#),
        ]
        .concat();
        let (out, answers) = run_answered(input.into_bytes()).await;
        assert_eq!(out, "");
        let ids: Vec<&Value> = answers.iter().map(|a| &a["id"]).collect();
        assert_eq!(ids, [&json!(7), &json!("x"), &Value::Null]);
        assert!(answers.iter().all(|a| a["error"]["code"] == -32600));
    }

    #[tokio::test]
    async fn a_huge_length_is_skipped() {
        let good = r#"{"jsonrpc":"2.0","method":"exit"}"#;
        let input = format!("Content-Length: 99999999999\r\n\r\n{}", frame(good));
        assert_eq!(run(input.into_bytes()).await, frame(good));
    }
}
