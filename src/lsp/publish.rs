//! `textDocument/publishDiagnostics` written straight to bytes.
//!
//! `tower-lsp-server`'s `Client` turns every notification into a `serde_json::Value` tree (a
//! `BTreeMap` with an allocated key per field) and then serialises that tree: for a draft with
//! hundreds of findings that was most of the protocol's time per keystroke. Here a draft's
//! findings are written as JSON in one pass, by hand: no `lsp::Diagnostic`, no `Value`, and no
//! serde in between, because serde_json looks up every byte of every string in its escape table
//! (most of the time this took when it went through serde), where a string that needs no
//! escaping (nearly all of them) can be checked many bytes at a time and copied whole (the
//! writer, [`JsonOut`](crate::json_out::JsonOut), is shared with `check --format json`). The
//! bytes are exactly those the transport wrote (same framing, keys in the `BTreeMap` order, the
//! same escaping); the tests compare the two.

use copydesk::Span;
use copydesk::position::{Encoding, LineIndex};
use serde::Serialize;
use tower_lsp_server::ls_types::{self as lsp, Uri};

use super::convert;
use crate::json_out::JsonOut as Json;

const METHOD: &str = "textDocument/publishDiagnostics";

/// The framed message for findings of a draft, byte for byte what `Client::publish_diagnostics`
/// would have written for their conversion by [`convert::diagnostic`] (with each rule's
/// documentation link if `code_descriptions`). It is written into `spare` (a previous frame's
/// buffer, see [`Frame::into_buffer`]) if that is large enough.
#[allow(clippy::too_many_arguments)]
pub fn draft_frame(
    uri: &Uri,
    diagnostics: &[copydesk::Diagnostic],
    version: Option<i32>,
    text: &str,
    index: &LineIndex,
    encoding: Encoding,
    code_descriptions: bool,
    spare: &mut Vec<u8>,
) -> Frame {
    let mut heads = CodeHeads {
        links: code_descriptions,
        seen: Vec::new(),
    };
    let mut size = 200 + uri.as_str().len();
    for d in diagnostics {
        size += 300 + d.message.len(text);
        for r in &d.related {
            size += 120 + uri.as_str().len() + r.message.len(text);
        }
    }
    let mut out = if spare.capacity() >= HEADER_ROOM + size {
        let mut buf = std::mem::take(spare);
        buf.clear();
        buf.resize(HEADER_ROOM, 0);
        Json { buf }
    } else {
        with_header_room(size)
    };
    // The URI is the same in every related place, and the source in every finding: each is
    // written once.
    let quoted_uri = {
        let mut quoted = Json::default();
        quoted.string(uri.as_str());
        quoted.buf
    };
    let tail = {
        let mut tail = Json::default();
        tail.raw(b",\"source\":");
        tail.string(convert::SOURCE);
        tail.raw(b"}");
        tail.buf
    };
    // Findings come in the order of the draft: each position is looked for from the last one.
    let mut positions = index.cursor(text, encoding);
    let mut range = |out: &mut Json, span: Span| {
        let r = positions.range(span);
        out.raw(b"{\"end\":{\"character\":");
        out.uint(r.end.character);
        out.raw(b",\"line\":");
        out.uint(r.end.line);
        out.raw(b"},\"start\":{\"character\":");
        out.uint(r.start.character);
        out.raw(b",\"line\":");
        out.uint(r.start.line);
        out.raw(b"}}");
    };
    // Keys in the order a `BTreeMap` keeps them (the order the transport's `Value` wrote them),
    // optional fields left out when empty, as `ls_types` does.
    out.raw(b"{\"jsonrpc\":\"2.0\",\"method\":");
    out.string(METHOD);
    out.raw(b",\"params\":{\"diagnostics\":[");
    for (i, d) in diagnostics.iter().enumerate() {
        if i > 0 {
            out.raw(b",");
        }
        out.raw(heads.head(d.code));
        out.raw(b",\"message\":");
        out.string_of(d.message.pieces(text));
        out.raw(b",\"range\":");
        range(&mut out, d.span);
        if !d.related.is_empty() {
            out.raw(b",\"relatedInformation\":[");
            for (j, r) in d.related.iter().enumerate() {
                if j > 0 {
                    out.raw(b",");
                }
                out.raw(b"{\"location\":{\"range\":");
                range(&mut out, r.span);
                out.raw(b",\"uri\":");
                out.raw(&quoted_uri);
                out.raw(b"},\"message\":");
                out.string_of(r.message.pieces(text));
                out.raw(b"}");
            }
            out.raw(b"]");
        }
        out.raw(b",\"severity\":");
        out.serde(&convert::severity(d.severity));
        out.raw(&tail);
    }
    out.raw(b"],\"uri\":");
    out.raw(&quoted_uri);
    if let Some(version) = version {
        out.raw(b",\"version\":");
        if version < 0 {
            out.raw(b"-");
        }
        out.uint(version.unsigned_abs());
    }
    out.raw(b"}}");
    into_frame(out)
}

/// The framed message for protocol diagnostics (a configuration file, or none to clear a
/// closed document), through the same `Value` as the transport: rare and small.
pub fn lsp_frame(uri: &Uri, diagnostics: Vec<lsp::Diagnostic>, version: Option<i32>) -> Frame {
    let params = lsp::PublishDiagnosticsParams::new(uri.clone(), diagnostics, version);
    let params = serde_json::to_value(params).unwrap_or_default();
    let mut out = with_header_room(0);
    out.serde(&Message {
        jsonrpc: "2.0",
        method: METHOD,
        params,
    });
    into_frame(out)
}

#[derive(Serialize)]
struct Message<P> {
    jsonrpc: &'static str,
    method: &'static str,
    params: P,
}

/// A framed message: `Content-Length: N\r\n\r\n` and the body, as the transport's codec
/// frames one. The body is written once into its final place (no copy to prepend the header).
pub struct Frame {
    buf: Vec<u8>,
    start: usize,
}

impl Frame {
    /// The frame's buffer, to write the next frame into. Keeping it saves allocating (and, for a
    /// long draft, the allocator finding) hundreds of kilobytes at every keystroke.
    pub fn into_buffer(self) -> Vec<u8> {
        self.buf
    }
}

impl std::ops::Deref for Frame {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.buf[self.start..]
    }
}

/// Room for the longest header: `Content-Length: `, 20 digits, `\r\n\r\n`.
const HEADER_ROOM: usize = 16 + 20 + 4;

/// An empty body with room in front for the frame's header.
fn with_header_room(size_hint: usize) -> Json {
    let mut buf = Vec::with_capacity(HEADER_ROOM + size_hint);
    buf.resize(HEADER_ROOM, 0);
    Json { buf }
}

/// The frame of a body begun with [`with_header_room`]: the header written into the room.
fn into_frame(body: Json) -> Frame {
    let mut buf = body.buf;
    let header = format!("Content-Length: {}\r\n\r\n", buf.len() - HEADER_ROOM);
    let start = HEADER_ROOM - header.len();
    buf[start..HEADER_ROOM].copy_from_slice(header.as_bytes());
    Frame { buf, start }
}

/// For each rule code, the start of its findings' JSON, written once per publication: the
/// code and, if `links`, its documentation address, `{"code":…,"codeDescription":{"href":…}}`.
struct CodeHeads {
    links: bool,
    seen: Vec<(&'static str, Vec<u8>)>,
}

impl CodeHeads {
    fn head(&mut self, code: &'static str) -> &[u8] {
        let at = match self.seen.iter().position(|(c, _)| *c == code) {
            Some(at) => at,
            None => {
                let mut head = Json::default();
                head.raw(b"{\"code\":");
                head.string(code);
                if let Some(href) = self.links.then(|| convert::rule_docs(code)).flatten() {
                    head.raw(b",\"codeDescription\":{\"href\":");
                    head.string(href.as_str());
                    head.raw(b"}");
                }
                self.seen.push((code, head.buf));
                self.seen.len() - 1
            }
        };
        &self.seen[at].1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk::{Config, Format};

    /// What `Client::publish_diagnostics` writes: `Request::from_notification` (a struct of
    /// `jsonrpc`, `method`, `params` as a `Value`) through the codec.
    fn through_the_transport(
        uri: &Uri,
        diagnostics: Vec<lsp::Diagnostic>,
        version: Option<i32>,
    ) -> Vec<u8> {
        let params = lsp::PublishDiagnosticsParams::new(uri.clone(), diagnostics, version);
        let request = serde_json::json!({
            "jsonrpc": "2.0",
            "method": METHOD,
            "params": serde_json::to_value(params).unwrap(),
        });
        let body = serde_json::to_string(&request).unwrap();
        format!("Content-Length: {}\r\n\r\n{}", body.len(), body).into_bytes()
    }

    /// Checks the frames of a draft's findings, each written into the buffer of the one before
    /// (`spare`), which leaves nothing of the previous frame behind.
    fn check(text: &str, format: Format, spare: &mut Vec<u8>) {
        let analysis = copydesk::analyze(text, format, &Config::default());
        assert!(!analysis.diagnostics.is_empty());
        let index = LineIndex::new(text);
        let uri: Uri = "file:///tmp/a%20draft/st%C3%B6ry.md".parse().unwrap();
        for (encoding, links) in [
            (Encoding::Utf16, true),
            (Encoding::Utf8, true),
            (Encoding::Utf16, false),
        ] {
            for version in [
                Some(7),
                None,
                Some(0),
                Some(-12),
                Some(i32::MAX),
                Some(i32::MIN),
            ] {
                let expected: Vec<lsp::Diagnostic> = analysis
                    .diagnostics
                    .iter()
                    .map(|d| convert::diagnostic(d, &uri, text, &index, encoding, links))
                    .collect();
                let expected = through_the_transport(&uri, expected, version);
                let got = draft_frame(
                    &uri,
                    &analysis.diagnostics,
                    version,
                    text,
                    &index,
                    encoding,
                    links,
                    spare,
                );
                assert_eq!(
                    String::from_utf8(got.to_vec()).unwrap(),
                    String::from_utf8(expected).unwrap()
                );
                *spare = got.into_buffer();
            }
        }
    }

    #[test]
    fn a_draft_frame_is_what_the_transport_wrote() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut checked = 0;
        let mut spare = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let Some(format) = (match path.extension().and_then(|e| e.to_str()) {
                Some("md") => Some(Format::Markdown),
                Some("txt") => Some(Format::PlainText),
                _ => None,
            }) else {
                continue;
            };
            let text = std::fs::read_to_string(&path).unwrap();
            if copydesk::analyze(&text, format, &Config::default())
                .diagnostics
                .is_empty()
            {
                continue;
            }
            check(&text, format, &mut spare);
            checked += 1;
        }
        assert!(checked > 3);
        // Escapes, multi-byte characters, related places, a line ending in \r\n.
        check(
            "\"Hi \u{1F600}\t\\ there,\" Okafr slammed.\r\nOkafor said TK. \u{7f}\"",
            Format::PlainText,
            &mut spare,
        );
        // A message that needs escaping (it quotes the note, with its quote marks, tab and
        // backslash), and one with a related place.
        check(
            "Commissioner Lena Okafor said it would wait [CHECK \"the\tdate\" \\ here].\n\nOkafr said so.\n",
            Format::Markdown,
            &mut spare,
        );
    }

    #[test]
    fn an_lsp_frame_is_what_the_transport_wrote() {
        let uri: Uri = "file:///tmp/.copydesk.toml".parse().unwrap();
        assert_eq!(
            *lsp_frame(&uri, vec![], None),
            through_the_transport(&uri, vec![], None)
        );
        let d = lsp::Diagnostic {
            source: Some(convert::SOURCE.to_string()),
            ..lsp::Diagnostic::new_simple(lsp::Range::default(), "bad \"key\"".into())
        };
        assert_eq!(
            *lsp_frame(&uri, vec![d.clone()], Some(3)),
            through_the_transport(&uri, vec![d], Some(3))
        );
    }
}
