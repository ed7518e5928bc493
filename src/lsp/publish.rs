//! `textDocument/publishDiagnostics` written straight to bytes.
//!
//! `tower-lsp-server`'s `Client` turns every notification into a `serde_json::Value` tree (a
//! `BTreeMap` with an allocated key per field) and then serialises that tree: for a draft with
//! hundreds of findings that was most of the protocol's time per keystroke. Here a draft's
//! findings go from the analysis to JSON in one pass, with no `lsp::Diagnostic` and no `Value`
//! in between. The bytes are exactly those the transport wrote (same framing, keys in the
//! `BTreeMap` order, same escaping); the tests compare the two.

use copydesk::Span;
use copydesk::position::{Encoding, LineIndex};
use serde::Serialize;
use tower_lsp_server::ls_types::{self as lsp, Uri};

use super::convert;

const METHOD: &str = "textDocument/publishDiagnostics";

/// The framed message for findings of a draft, byte for byte what `Client::publish_diagnostics`
/// would have written for their conversion by [`convert::diagnostic`].
pub fn draft_frame(
    uri: &Uri,
    diagnostics: &[copydesk::Diagnostic],
    version: Option<i32>,
    text: &str,
    index: &LineIndex,
    encoding: Encoding,
) -> Frame {
    let mut docs = RuleDocs::default();
    for d in diagnostics {
        docs.add(d.code);
    }
    let wire: Vec<Wire<'_>> = diagnostics
        .iter()
        .map(|d| Wire {
            code: d.code,
            code_description: docs.get(d.code),
            message: &d.message,
            range: WireRange::new(text, index, d.span, encoding),
            related_information: (!d.related.is_empty()).then(|| {
                d.related
                    .iter()
                    .map(|r| WireRelated {
                        location: WireLocation {
                            range: WireRange::new(text, index, r.span, encoding),
                            uri: uri.as_str(),
                        },
                        message: &r.message,
                    })
                    .collect()
            }),
            severity: convert::severity(d.severity),
            source: convert::SOURCE,
        })
        .collect();
    frame(
        &Message {
            jsonrpc: "2.0",
            method: METHOD,
            params: Params {
                diagnostics: &wire,
                uri: uri.as_str(),
                version,
            },
        },
        400 * diagnostics.len(),
    )
}

/// The framed message for protocol diagnostics (a configuration file, or none to clear a
/// closed document), through the same `Value` as the transport: rare and small.
pub fn lsp_frame(uri: &Uri, diagnostics: Vec<lsp::Diagnostic>, version: Option<i32>) -> Frame {
    let params = lsp::PublishDiagnosticsParams::new(uri.clone(), diagnostics, version);
    let params = serde_json::to_value(params).unwrap_or_default();
    frame(
        &Message {
            jsonrpc: "2.0",
            method: METHOD,
            params,
        },
        0,
    )
}

/// A framed message: `Content-Length: N\r\n\r\n` and the body, as the transport's codec
/// frames one. The body is serialised once into its final place (no copy to prepend the header).
pub struct Frame {
    buf: Vec<u8>,
    start: usize,
}

impl std::ops::Deref for Frame {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        &self.buf[self.start..]
    }
}

/// Room for the longest header: `Content-Length: `, 20 digits, `\r\n\r\n`.
const HEADER_ROOM: usize = 16 + 20 + 4;

fn frame(message: &impl Serialize, size_hint: usize) -> Frame {
    let mut buf = Vec::with_capacity(HEADER_ROOM + size_hint);
    buf.resize(HEADER_ROOM, 0);
    // Serialising plain data into memory cannot fail.
    let _ = serde_json::to_writer(&mut buf, message);
    let header = format!("Content-Length: {}\r\n\r\n", buf.len() - HEADER_ROOM);
    let start = HEADER_ROOM - header.len();
    buf[start..HEADER_ROOM].copy_from_slice(header.as_bytes());
    Frame { buf, start }
}

/// The documentation address of each rule code, parsed once per publication.
#[derive(Default)]
struct RuleDocs {
    seen: Vec<(&'static str, Option<Uri>)>,
}

impl RuleDocs {
    fn add(&mut self, code: &'static str) {
        if !self.seen.iter().any(|(c, _)| *c == code) {
            self.seen.push((code, convert::rule_docs(code)));
        }
    }

    fn get(&self, code: &str) -> Option<Href<'_>> {
        let (_, uri) = self.seen.iter().find(|(c, _)| *c == code)?;
        uri.as_ref().map(|uri| Href { href: uri.as_str() })
    }
}

// The wire structs: fields in the order a `BTreeMap` keeps the protocol's keys (the order the
// transport's `Value` wrote them), optional fields left out when empty, as `ls_types` does.

#[derive(Serialize)]
struct Message<P> {
    jsonrpc: &'static str,
    method: &'static str,
    params: P,
}

#[derive(Serialize)]
struct Params<'a> {
    diagnostics: &'a [Wire<'a>],
    uri: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    version: Option<i32>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Wire<'a> {
    code: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    code_description: Option<Href<'a>>,
    message: &'a str,
    range: WireRange,
    #[serde(skip_serializing_if = "Option::is_none")]
    related_information: Option<Vec<WireRelated<'a>>>,
    severity: lsp::DiagnosticSeverity,
    source: &'static str,
}

#[derive(Serialize)]
struct Href<'a> {
    href: &'a str,
}

#[derive(Serialize)]
struct WireRelated<'a> {
    location: WireLocation<'a>,
    message: &'a str,
}

#[derive(Serialize)]
struct WireLocation<'a> {
    range: WireRange,
    uri: &'a str,
}

#[derive(Serialize)]
struct WireRange {
    end: WirePosition,
    start: WirePosition,
}

impl WireRange {
    fn new(text: &str, index: &LineIndex, span: Span, encoding: Encoding) -> WireRange {
        let range = convert::range(text, index, span, encoding);
        WireRange {
            end: WirePosition::from(range.end),
            start: WirePosition::from(range.start),
        }
    }
}

#[derive(Serialize)]
struct WirePosition {
    character: u32,
    line: u32,
}

impl From<lsp::Position> for WirePosition {
    fn from(p: lsp::Position) -> WirePosition {
        WirePosition {
            character: p.character,
            line: p.line,
        }
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

    fn check(text: &str, format: Format) {
        let analysis = copydesk::analyze(text, format, &Config::default());
        assert!(!analysis.diagnostics.is_empty());
        let index = LineIndex::new(text);
        let uri: Uri = "file:///tmp/a%20draft/st%C3%B6ry.md".parse().unwrap();
        for encoding in [Encoding::Utf16, Encoding::Utf8] {
            for version in [Some(7), None] {
                let expected: Vec<lsp::Diagnostic> = analysis
                    .diagnostics
                    .iter()
                    .map(|d| convert::diagnostic(d, &uri, text, &index, encoding))
                    .collect();
                let expected = through_the_transport(&uri, expected, version);
                let got = draft_frame(&uri, &analysis.diagnostics, version, text, &index, encoding);
                assert_eq!(
                    String::from_utf8(got.to_vec()).unwrap(),
                    String::from_utf8(expected).unwrap()
                );
            }
        }
    }

    #[test]
    fn a_draft_frame_is_what_the_transport_wrote() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut checked = 0;
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
            check(&text, format);
            checked += 1;
        }
        assert!(checked > 3);
        // Escapes, multi-byte characters, related places, a line ending in \r\n.
        check(
            "\"Hi \u{1F600}\t\\ there,\" Okafr slammed.\r\nOkafor said TK. \u{7f}\"",
            Format::PlainText,
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
