//! `--format json`: one document for every file, for scripts, CI and the scoring harness.
//! Spans are UTF-8 byte offsets (half-open); ranges are LSP positions with UTF-16 columns.
//!
//! The document is `{"files":[FILE,FILE,…]}` and a newline. Each file's object is serialised by
//! the worker that checked it into a byte buffer of its own, so that the report can be streamed
//! in input order while later drafts are still being checked. The structures below borrow
//! everything from the draft and its analysis; a located object's `span` and `range` are two
//! ordinary fields of it (not a flattened struct, which serde would buffer through a map).

use copydesk::position::{Encoding, LineIndex, Range};
use copydesk::{Analysis, ClaimKind, Format, MentionKind, QuoteKind, Sieve, Span, SpeakerKind};
use serde::Serialize;

use super::Checked;

/// What comes before the first file.
pub const BEGIN: &[u8] = b"{\"files\":[";
/// What comes between two files.
pub const SEPARATOR: &[u8] = b",";
/// What comes after the last file.
pub const END: &[u8] = b"]}\n";

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
struct Diagnostic<'a> {
    code: &'a str,
    severity: &'static str,
    message: &'a str,
    span: Span,
    range: Range,
    related: Vec<Related<'a>>,
    fixes: Vec<Fix<'a>>,
}

#[derive(Serialize)]
struct Related<'a> {
    span: Span,
    range: Range,
    message: &'a str,
}

#[derive(Serialize)]
struct Fix<'a> {
    title: &'a str,
    edits: Vec<Edit<'a>>,
}

#[derive(Serialize)]
struct Edit<'a> {
    span: Span,
    range: Range,
    replacement: &'a str,
}

#[derive(Serialize)]
struct Quote<'a> {
    span: Span,
    range: Range,
    text: &'a str,
    kind: QuoteKind,
    closed: bool,
    /// Index of the quote this one continues (AP running quotation).
    continues: Option<usize>,
    speaker: Option<&'a str>,
    attribution: Option<Attribution<'a>>,
}

#[derive(Serialize)]
struct Attribution<'a> {
    /// The words naming the source.
    span: Span,
    range: Range,
    source: &'a str,
    cue: Option<&'a str>,
    cue_span: Option<Span>,
    sieve: Sieve,
}

#[derive(Serialize)]
struct Speaker<'a> {
    name: &'a str,
    role: Option<&'a str>,
    kind: SpeakerKind,
    aliases: &'a [String],
    quotes: usize,
    mentions: Vec<Mention>,
}

#[derive(Serialize)]
struct Mention {
    span: Span,
    range: Range,
    kind: MentionKind,
    in_quote: bool,
}

#[derive(Serialize)]
struct Claim<'a> {
    span: Span,
    range: Range,
    text: &'a str,
    kind: ClaimKind,
    claimant: Option<&'a str>,
    quote: Option<usize>,
}

/// Appends one file's object to `out`.
pub fn file(out: &mut Vec<u8>, c: &Checked) {
    serde_json::to_writer(out, &object(c)).expect("serialising to memory cannot fail");
}

fn object(c: &Checked) -> File<'_> {
    let text = c.text.as_str();
    let index = LineIndex::new(text);
    let range = |span: Span| index.range(text, span, Encoding::Utf16);
    let a: &Analysis = &c.analysis;
    let name = |id: Option<usize>| {
        id.and_then(|id| a.speakers.get(id))
            .map(|s| s.name.as_str())
    };
    // How many quotes each speaker has, in one pass over the quotes.
    let mut quotes = vec![0usize; a.speakers.len()];
    for q in &a.quotes {
        if let Some(count) = q
            .attribution
            .as_ref()
            .and_then(|at| at.speaker)
            .and_then(|id| quotes.get_mut(id))
        {
            *count += 1;
        }
    }
    File {
        path: &c.path,
        format: match c.format {
            Format::Markdown => "markdown",
            Format::PlainText => "text",
        },
        diagnostics: a
            .diagnostics
            .iter()
            .map(|d| Diagnostic {
                code: d.code,
                severity: d.severity.as_str(),
                message: &d.message,
                span: d.span,
                range: range(d.span),
                related: d
                    .related
                    .iter()
                    .map(|r| Related {
                        span: r.span,
                        range: range(r.span),
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
                                span: e.span,
                                range: range(e.span),
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
                span: q.span,
                range: range(q.span),
                text: q.inner.text(text),
                kind: q.kind,
                closed: q.closed,
                continues: q.continues,
                speaker: name(q.attribution.as_ref().and_then(|at| at.speaker)),
                attribution: q.attribution.as_ref().map(|at| Attribution {
                    span: at.source,
                    range: range(at.source),
                    source: at.source.text(text),
                    cue: at.cue.map(|cue| cue.text(text)),
                    cue_span: at.cue,
                    sieve: at.sieve,
                }),
            })
            .collect(),
        speakers: a
            .speakers
            .iter()
            .zip(quotes)
            .map(|(s, quotes)| Speaker {
                name: &s.name,
                role: s.role.as_deref(),
                kind: s.kind,
                aliases: &s.aliases,
                quotes,
                mentions: s
                    .mentions
                    .iter()
                    .map(|m| Mention {
                        span: m.span,
                        range: range(m.span),
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
                span: cl.span,
                range: range(cl.span),
                text: cl.span.text(text),
                kind: cl.kind,
                claimant: name(cl.claimant),
                quote: cl.quote,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    /// The file object built another way, as a `Value` tree straight from the analysis and the
    /// library's own serde derives. Comparing `Value`s does not see the order of the members;
    /// `a_file_object_is_printed_exactly` does.
    fn expected(c: &Checked) -> Value {
        use copydesk::position::{Encoding, LineIndex};
        let text = c.text.as_str();
        let index = LineIndex::new(text);
        let a = &c.analysis;
        let at = |span: Span| {
            let range = index.range(text, span, Encoding::Utf16);
            (json!(span), json!(range))
        };
        let name = |id: Option<usize>| id.and_then(|id| a.speakers.get(id)).map(|s| &s.name);
        let diagnostics: Vec<Value> = a
            .diagnostics
            .iter()
            .map(|d| {
                let (span, range) = at(d.span);
                json!({
                    "code": d.code, "severity": d.severity, "message": d.message,
                    "span": span, "range": range,
                    "related": d.related.iter().map(|r| {
                        let (span, range) = at(r.span);
                        json!({"span": span, "range": range, "message": r.message})
                    }).collect::<Vec<_>>(),
                    "fixes": d.fixes.iter().map(|f| json!({
                        "title": f.title,
                        "edits": f.edits.iter().map(|e| {
                            let (span, range) = at(e.span);
                            json!({"span": span, "range": range, "replacement": e.replacement})
                        }).collect::<Vec<_>>(),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let quotes: Vec<Value> = a
            .quotes
            .iter()
            .map(|q| {
                let (span, range) = at(q.span);
                json!({
                    "span": span, "range": range, "text": q.inner.text(text), "kind": q.kind,
                    "closed": q.closed, "continues": q.continues,
                    "speaker": name(q.attribution.as_ref().and_then(|at| at.speaker)),
                    "attribution": q.attribution.as_ref().map(|attr| {
                        let (span, range) = at(attr.source);
                        json!({
                            "span": span, "range": range, "source": attr.source.text(text),
                            "cue": attr.cue.map(|c| c.text(text)), "cue_span": attr.cue,
                            "sieve": attr.sieve,
                        })
                    }),
                })
            })
            .collect();
        let speakers: Vec<Value> = a
            .speakers
            .iter()
            .enumerate()
            .map(|(id, s)| {
                json!({
                    "name": s.name, "role": s.role, "kind": s.kind, "aliases": s.aliases,
                    "quotes": a.quotes_of(id).count(),
                    "mentions": s.mentions.iter().map(|m| {
                        let (span, range) = at(m.span);
                        json!({"span": span, "range": range, "kind": m.kind, "in_quote": m.in_quote})
                    }).collect::<Vec<_>>(),
                })
            })
            .collect();
        let claims: Vec<Value> = a
            .claims
            .iter()
            .map(|cl| {
                let (span, range) = at(cl.span);
                json!({
                    "span": span, "range": range, "text": cl.span.text(text), "kind": cl.kind,
                    "claimant": name(cl.claimant), "quote": cl.quote,
                })
            })
            .collect();
        json!({
            "path": c.path,
            "format": match c.format { Format::Markdown => "markdown", Format::PlainText => "text" },
            "diagnostics": diagnostics, "quotes": quotes, "speakers": speakers, "claims": claims,
        })
    }

    #[test]
    fn file_objects_match_the_serde_shape_for_every_fixture() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut checked = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let format = Format::from_path(&path.display().to_string());
            let analysis = copydesk::analyze(&text, format, &copydesk::Config::default());
            let c = Checked {
                path: format!("{}\t\"odd\" name", path.display()),
                text,
                format,
                analysis,
                timings: Default::default(),
            };
            let mut out = Vec::new();
            file(&mut out, &c);
            let got: Value = serde_json::from_slice(&out).expect("valid JSON");
            assert_eq!(got, expected(&c), "{}", path.display());
            checked += 1;
        }
        assert!(checked > 3);
    }

    /// One of every object, with text that needs escaping and positions after CRLF, emoji and
    /// curly quotes: the exact bytes, field order included (as README.md documents it).
    #[test]
    fn a_file_object_is_printed_exactly() {
        use copydesk::{
            Attribution, Claim, Diagnostic, Edit, Fix, Mention, Quote, Related, Severity, Speaker,
        };
        let text = "Ana said: “Go\tnow” 😀\r\nBo said \"hi\" \u{1}.\rend 中文\n";
        let find = |s: &str| {
            let start = text.find(s).unwrap();
            Span::new(start, start + s.len())
        };
        let analysis = Analysis {
            paragraphs: vec![Span::new(0, text.len())],
            quotes: vec![
                Quote {
                    span: find("“Go\tnow”"),
                    inner: find("Go\tnow"),
                    kind: QuoteKind::Speech,
                    closed: true,
                    continues: None,
                    attribution: Some(Attribution {
                        speaker: Some(0),
                        source: find("Ana"),
                        cue: Some(find("said")),
                        sieve: Sieve::Leading,
                    }),
                },
                Quote {
                    span: find("\"hi\""),
                    inner: find("hi"),
                    kind: QuoteKind::Scare,
                    closed: false,
                    continues: Some(0),
                    attribution: None,
                },
            ],
            speakers: vec![
                Speaker {
                    name: "Ana \"A\" Ruiz".into(),
                    role: Some("mayor\\clerk".into()),
                    kind: SpeakerKind::Person,
                    aliases: vec!["Ana".into(), "Ruiz 😀".into()],
                    mentions: vec![Mention {
                        span: find("Ana"),
                        kind: MentionKind::FullName,
                        in_quote: false,
                    }],
                },
                Speaker {
                    name: "Bo".into(),
                    role: None,
                    kind: SpeakerKind::Anonymous,
                    aliases: vec![],
                    mentions: vec![],
                },
            ],
            claims: vec![
                Claim {
                    span: find("“Go\tnow”"),
                    kind: ClaimKind::Quote,
                    claimant: Some(0),
                    quote: Some(0),
                },
                Claim {
                    span: find("end 中文"),
                    kind: ClaimKind::Causal,
                    claimant: None,
                    quote: None,
                },
            ],
            diagnostics: vec![
                Diagnostic {
                    code: "straight-quotes",
                    severity: Severity::Warning,
                    message: "use “curly” quotes\n\u{1f}".into(),
                    // Past the end and inside a character: clamped.
                    span: Span::new(text.find('😀').unwrap() + 1, text.len() + 5),
                    related: vec![Related {
                        span: find("\r"),
                        message: "here".into(),
                    }],
                    fixes: vec![Fix {
                        title: "Curl".into(),
                        edits: vec![Edit {
                            span: find("\"hi\""),
                            replacement: "“hi”".into(),
                        }],
                    }],
                },
                Diagnostic {
                    code: "x",
                    severity: Severity::Hint,
                    message: String::new(),
                    span: Span::new(0, 0),
                    related: vec![],
                    fixes: vec![],
                },
            ],
        };
        let c = Checked {
            path: "dir/a \"b\".md".into(),
            text: text.into(),
            format: Format::PlainText,
            analysis,
            timings: Default::default(),
        };
        let mut out = Vec::new();
        file(&mut out, &c);
        let expected = concat!(
            r#"{"path":"dir/a \"b\".md","format":"text""#,
            r#","diagnostics":["#,
            r#"{"code":"straight-quotes","severity":"warning","#,
            r#""message":"use “curly” quotes\n\u001f","span":{"start":24,"end":61},"#,
            r#""range":{"start":{"line":0,"character":19},"end":{"line":2,"character":0}}"#,
            r#","related":["#,
            r#"{"span":{"start":27,"end":28},"range":{"start":{"line":0,"character":21},"#,
            r#""end":{"line":0,"character":22}},"message":"here"}]"#,
            r#","fixes":["#,
            r#"{"title":"Curl","edits":["#,
            r#"{"span":{"start":37,"end":41},"range":{"start":{"line":1,"character":8},"#,
            r#""end":{"line":1,"character":12}},"replacement":"“hi”"}]}]},"#,
            r#"{"code":"x","severity":"hint","message":"","span":{"start":0,"end":0},"#,
            r#""range":{"start":{"line":0,"character":0},"end":{"line":0,"character":0}}"#,
            r#","related":[]"#,
            r#","fixes":[]}]"#,
            r#","quotes":["#,
            r#"{"span":{"start":10,"end":22},"range":{"start":{"line":0,"character":10},"#,
            r#""end":{"line":0,"character":18}},"text":"Go\tnow","kind":"speech","closed":true,"#,
            r#""continues":null,"speaker":"Ana \"A\" Ruiz""#,
            r#","attribution":{"span":{"start":0,"end":3},"range":{"start":{"line":0,"#,
            r#""character":0},"end":{"line":0,"character":3}},"source":"Ana","cue":"said","#,
            r#""cue_span":{"start":4,"end":8},"sieve":"leading"}},"#,
            r#"{"span":{"start":37,"end":41},"range":{"start":{"line":1,"character":8},"#,
            r#""end":{"line":1,"character":12}},"text":"hi","kind":"scare","closed":false,"#,
            r#""continues":0,"speaker":null"#,
            r#","attribution":null}]"#,
            r#","speakers":["#,
            r#"{"name":"Ana \"A\" Ruiz","role":"mayor\\clerk","kind":"person","aliases":["Ana","#,
            r#""Ruiz 😀"]"#,
            r#","quotes":1"#,
            r#","mentions":["#,
            r#"{"span":{"start":0,"end":3},"range":{"start":{"line":0,"character":0},"#,
            r#""end":{"line":0,"character":3}},"kind":"full-name","in_quote":false}]},"#,
            r#"{"name":"Bo","role":null,"kind":"anonymous","aliases":[]"#,
            r#","quotes":0"#,
            r#","mentions":[]}]"#,
            r#","claims":["#,
            r#"{"span":{"start":10,"end":22},"range":{"start":{"line":0,"character":10},"#,
            r#""end":{"line":0,"character":18}},"text":"“Go\tnow”","kind":"quote","#,
            r#""claimant":"Ana \"A\" Ruiz","quote":0},"#,
            r#"{"span":{"start":45,"end":55},"range":{"start":{"line":1,"character":16},"#,
            r#""end":{"line":1,"character":22}},"text":"end 中文","kind":"causal","#,
            r#""claimant":null,"quote":null}]}"#,
        );
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }
}
