//! The boundary between the analysis (UTF-8 byte offsets, plain data) and the protocol
//! (`ls_types`, line/character in the negotiated encoding).

use copydesk::position::{self, Encoding, LineIndex};
use copydesk::{Severity, Span};
use tower_lsp_server::ls_types::{
    self as lsp, ClientCapabilities, CodeDescription, DiagnosticRelatedInformation,
    DiagnosticSeverity, Location, NumberOrString, PositionEncodingKind, Uri,
};

pub const SOURCE: &str = "copydesk";
const RULES_DOCS: &str = "https://github.com/copydesk/copydesk/blob/main/docs/rules.md";

/// LSP 3.17: UTF-8 when the client offers it, otherwise UTF-16, the mandatory default.
pub fn negotiate_encoding(caps: &ClientCapabilities) -> Encoding {
    let offered = caps
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    if offered.is_some_and(|kinds| kinds.contains(&PositionEncodingKind::UTF8)) {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    }
}

pub fn encoding_kind(encoding: Encoding) -> PositionEncodingKind {
    match encoding {
        Encoding::Utf8 => PositionEncodingKind::UTF8,
        Encoding::Utf16 => PositionEncodingKind::UTF16,
    }
}

pub fn position(text: &str, index: &LineIndex, offset: usize, enc: Encoding) -> lsp::Position {
    let p = index.position(text, offset, enc);
    lsp::Position::new(p.line, p.character)
}

pub fn range(text: &str, index: &LineIndex, span: Span, enc: Encoding) -> lsp::Range {
    lsp::Range::new(
        position(text, index, span.start, enc),
        position(text, index, span.end, enc),
    )
}

/// The byte offset of a protocol position, clamped into the text.
pub fn offset(text: &str, index: &LineIndex, pos: lsp::Position, enc: Encoding) -> usize {
    index.offset(
        text,
        position::Position {
            line: pos.line,
            character: pos.character,
        },
        enc,
    )
}

pub fn span(text: &str, index: &LineIndex, range: lsp::Range, enc: Encoding) -> Span {
    let start = offset(text, index, range.start, enc);
    let end = offset(text, index, range.end, enc);
    Span::new(start.min(end), start.max(end))
}

/// A protocol range as the library's [`position::Range`].
pub fn from_lsp_range(range: lsp::Range) -> position::Range {
    let at = |p: lsp::Position| position::Position {
        line: p.line,
        character: p.character,
    };
    position::Range {
        start: at(range.start),
        end: at(range.end),
    }
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Information => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// The documentation of a rule.
pub fn rule_docs(code: &str) -> Option<Uri> {
    format!("{RULES_DOCS}#{code}").parse().ok()
}

pub fn diagnostic(
    d: &copydesk::Diagnostic,
    uri: &Uri,
    text: &str,
    index: &LineIndex,
    enc: Encoding,
    code_description: bool,
) -> lsp::Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = d
        .related
        .iter()
        .map(|r| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), range(text, index, r.span, enc)),
            message: r.message.to_string(text),
        })
        .collect();
    lsp::Diagnostic {
        range: range(text, index, d.span, enc),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.code.to_string())),
        code_description: code_description
            .then(|| rule_docs(d.code))
            .flatten()
            .map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message: d.message.to_string(text),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_a_finding_with_its_related_place() {
        let text = "“Hi 😀,” Okafr said.\nOkafor said so.";
        let index = LineIndex::new(text);
        let at = text.find("Okafr").unwrap();
        let other = text.rfind("Okafor").unwrap();
        let d = copydesk::Diagnostic {
            code: "name-variant",
            severity: Severity::Warning,
            message: copydesk::wording!["“", Span::new(at, at + 5), "” is spelled two ways"],
            span: Span::new(at, at + 5),
            related: vec![copydesk::Related {
                span: Span::new(other, other + 6),
                message: copydesk::wording!["here"],
            }],
            fixes: vec![],
        };
        let uri: Uri = "file:///tmp/x.md".parse().unwrap();
        let utf16 = diagnostic(&d, &uri, text, &index, Encoding::Utf16, false);
        assert_eq!(utf16.range.start, lsp::Position::new(0, 9));
        assert_eq!(utf16.code_description, None);
        assert_eq!(utf16.message, "“Okafr” is spelled two ways");
        let utf8 = diagnostic(&d, &uri, text, &index, Encoding::Utf8, true);
        assert_eq!(utf8.range.start, lsp::Position::new(0, at as u32));
        assert_eq!(
            utf8.code,
            Some(NumberOrString::String("name-variant".into()))
        );
        assert_eq!(
            utf8.code_description.unwrap().href.as_str(),
            "https://github.com/copydesk/copydesk/blob/main/docs/rules.md#name-variant"
        );
        let related = utf8.related_information.unwrap();
        assert_eq!(related[0].location.range.start, lsp::Position::new(1, 0));
    }
}
