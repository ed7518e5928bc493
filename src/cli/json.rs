//! `--format json`: one document for every file, for scripts, CI and the scoring harness.
//! Spans are UTF-8 byte offsets (half-open); ranges are LSP positions with UTF-16 columns.

use std::io::{self, Write};

use copydesk::position::{Encoding, LineIndex, Range};
use copydesk::{Analysis, Span};
use serde::Serialize;

use super::Checked;

#[derive(Serialize)]
struct Report<'a> {
    files: Vec<File<'a>>,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    format: &'static str,
    diagnostics: Vec<Diagnostic<'a>>,
    quotes: Vec<Quote<'a>>,
    speakers: Vec<Speaker<'a>>,
    claims: Vec<Claim<'a>>,
}

#[derive(Serialize)]
struct Located {
    span: Span,
    range: Range,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    #[serde(flatten)]
    at: Located,
    related: Vec<Related<'a>>,
    fixes: Vec<Fix<'a>>,
}

#[derive(Serialize)]
struct Related<'a> {
    #[serde(flatten)]
    at: Located,
    message: &'a str,
}

#[derive(Serialize)]
struct Fix<'a> {
    title: &'a str,
    edits: Vec<Edit<'a>>,
}

#[derive(Serialize)]
struct Edit<'a> {
    #[serde(flatten)]
    at: Located,
    replacement: &'a str,
}

#[derive(Serialize)]
struct Quote<'a> {
    #[serde(flatten)]
    at: Located,
    text: &'a str,
    kind: copydesk::QuoteKind,
    closed: bool,
    /// Index of the quote this one continues (AP running quotation).
    continues: Option<usize>,
    speaker: Option<&'a str>,
    attribution: Option<Attribution<'a>>,
}

#[derive(Serialize)]
struct Attribution<'a> {
    /// The words naming the source.
    #[serde(flatten)]
    at: Located,
    source: &'a str,
    cue: Option<&'a str>,
    cue_span: Option<Span>,
    sieve: copydesk::Sieve,
}

#[derive(Serialize)]
struct Speaker<'a> {
    name: &'a str,
    role: Option<&'a str>,
    kind: copydesk::SpeakerKind,
    aliases: &'a [String],
    quotes: usize,
    mentions: Vec<Mention>,
}

#[derive(Serialize)]
struct Mention {
    #[serde(flatten)]
    at: Located,
    kind: copydesk::MentionKind,
    in_quote: bool,
}

#[derive(Serialize)]
struct Claim<'a> {
    #[serde(flatten)]
    at: Located,
    text: &'a str,
    kind: copydesk::ClaimKind,
    claimant: Option<&'a str>,
    quote: Option<usize>,
}

pub fn write(out: &mut impl Write, checked: &[Checked]) -> io::Result<()> {
    let report = Report {
        files: checked.iter().map(file).collect(),
    };
    serde_json::to_writer(&mut *out, &report).map_err(io::Error::other)?;
    writeln!(out)
}

fn file(c: &Checked) -> File<'_> {
    let text = c.text.as_str();
    let index = LineIndex::new(text);
    let at = |span: Span| Located {
        span,
        range: index.range(text, span, Encoding::Utf16),
    };
    let a: &Analysis = &c.analysis;
    let name = |id: Option<usize>| {
        id.and_then(|id| a.speakers.get(id))
            .map(|s| s.name.as_str())
    };
    File {
        path: &c.path,
        format: match c.format {
            copydesk::Format::Markdown => "markdown",
            copydesk::Format::PlainText => "text",
        },
        diagnostics: a
            .diagnostics
            .iter()
            .map(|d| Diagnostic {
                code: d.code,
                severity: d.severity.as_str(),
                message: &d.message,
                at: at(d.span),
                related: d
                    .related
                    .iter()
                    .map(|r| Related {
                        at: at(r.span),
                        message: &r.message,
                    })
                    .collect(),
                fixes: d
                    .fixes
                    .iter()
                    .map(|f| Fix {
                        title: &f.title,
                        edits: f
                            .edits
                            .iter()
                            .map(|e| Edit {
                                at: at(e.span),
                                replacement: &e.replacement,
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect(),
        quotes: a
            .quotes
            .iter()
            .map(|q| Quote {
                at: at(q.span),
                text: q.inner.text(text),
                kind: q.kind,
                closed: q.closed,
                continues: q.continues,
                speaker: name(q.attribution.as_ref().and_then(|at| at.speaker)),
                attribution: q.attribution.as_ref().map(|attr| Attribution {
                    at: at(attr.source),
                    source: attr.source.text(text),
                    cue: attr.cue.map(|c| c.text(text)),
                    cue_span: attr.cue,
                    sieve: attr.sieve,
                }),
            })
            .collect(),
        speakers: a
            .speakers
            .iter()
            .enumerate()
            .map(|(id, s)| Speaker {
                name: &s.name,
                role: s.role.as_deref(),
                kind: s.kind,
                aliases: &s.aliases,
                quotes: a.quotes_of(id).count(),
                mentions: s
                    .mentions
                    .iter()
                    .map(|m| Mention {
                        at: at(m.span),
                        kind: m.kind,
                        in_quote: m.in_quote,
                    })
                    .collect(),
            })
            .collect(),
        claims: a
            .claims
            .iter()
            .map(|cl| Claim {
                at: at(cl.span),
                text: cl.span.text(text),
                kind: cl.kind,
                claimant: name(cl.claimant),
                quote: cl.quote,
            })
            .collect(),
    }
}
