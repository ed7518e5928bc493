//! `--format json`: one document for every file, for scripts, CI and the scoring harness.
//! Spans are UTF-8 byte offsets (half-open); ranges are LSP positions with UTF-16 columns.
//!
//! The document is `{"files":[FILE,FILE,…]}` and a newline. Each file's object is written by
//! the worker that checked it into a byte buffer of its own, so that the report can be streamed
//! in input order while later drafts are still being checked.
//!
//! A file's object is written by hand ([`JsonOut`]), in the order README.md documents, exactly
//! as serde_json wrote the serde structures this module had before: those spent most of their
//! time escaping strings byte by byte (a quarter of the CLI's instructions, the JSON being
//! about seven times the size of the drafts). The tests check the bytes of one object with
//! every kind of field, and every fixture's object against a tree built from the library's
//! own serde derives.

use copydesk::position::{Cursor, Encoding, LineIndex};
use copydesk::{Analysis, ClaimKind, Format, MentionKind, QuoteKind, Sieve, Span, SpeakerKind};

use super::Checked;
use crate::json_out::JsonOut;

/// What comes before the first file.
pub const BEGIN: &[u8] = b"{\"files\":[";
/// What comes between two files.
pub const SEPARATOR: &[u8] = b",";
/// What comes after the last file.
pub const END: &[u8] = b"]}\n";

/// Appends one file's object to `out`.
pub fn file(out: &mut Vec<u8>, c: &Checked) {
    let mut json = JsonOut {
        buf: std::mem::take(out),
    };
    write_file(&mut json, c);
    *out = json.buf;
}

fn write_file(out: &mut JsonOut, c: &Checked) {
    let text = c.text.as_str();
    let index = LineIndex::new(text);
    // The spans of each list come in document order, mostly: each position is looked for from
    // the one before.
    let mut at = Located {
        positions: index.cursor(text, Encoding::Utf16),
    };
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
    out.raw(b"{\"path\":");
    out.string(&c.path);
    out.raw(b",\"format\":");
    out.string(match c.format {
        Format::Markdown => "markdown",
        Format::PlainText => "text",
    });

    out.raw(b",\"diagnostics\":[");
    for (i, d) in a.diagnostics.iter().enumerate() {
        out.raw(if i == 0 {
            b"{\"code\":"
        } else {
            b",{\"code\":"
        });
        out.string(d.code);
        out.raw(b",\"severity\":");
        out.string(d.severity.as_str());
        out.raw(b",\"message\":");
        out.string_of(d.message.pieces(text));
        at.span_and_range(out, d.span);
        out.raw(b",\"related\":[");
        for (j, r) in d.related.iter().enumerate() {
            at.open(out, j, r.span);
            out.raw(b",\"message\":");
            out.string_of(r.message.pieces(text));
            out.raw(b"}");
        }
        out.raw(b"],\"fixes\":[");
        for (j, f) in d.fixes.iter().enumerate() {
            out.raw(if j == 0 {
                b"{\"title\":"
            } else {
                b",{\"title\":"
            });
            out.string_of(f.title.pieces(text));
            out.raw(b",\"edits\":[");
            for (k, e) in f.edits.iter().enumerate() {
                at.open(out, k, e.span);
                out.raw(b",\"replacement\":");
                out.string_of(e.replacement.pieces(text));
                out.raw(b"}");
            }
            out.raw(b"]}");
        }
        out.raw(b"]}");
    }

    out.raw(b"],\"quotes\":[");
    for (i, q) in a.quotes.iter().enumerate() {
        at.open(out, i, q.span);
        out.raw(b",\"text\":");
        out.string(q.inner.text(text));
        out.raw(b",\"kind\":");
        out.raw(quote_kind(q.kind));
        out.raw(if q.closed {
            b",\"closed\":true,\"continues\":"
        } else {
            b",\"closed\":false,\"continues\":"
        });
        out.usize_or_null(q.continues);
        out.raw(b",\"speaker\":");
        out.string_or_null(name(q.attribution.as_ref().and_then(|at| at.speaker)));
        out.raw(b",\"attribution\":");
        match &q.attribution {
            None => out.raw(b"null"),
            Some(attribution) => {
                out.raw(b"{");
                at.span_and_range_first(out, attribution.source);
                out.raw(b",\"source\":");
                out.string(attribution.source.text(text));
                out.raw(b",\"cue\":");
                out.string_or_null(attribution.cue.map(|cue| cue.text(text)));
                out.raw(b",\"cue_span\":");
                match attribution.cue {
                    Some(cue) => span(out, cue),
                    None => out.raw(b"null"),
                }
                out.raw(b",\"sieve\":");
                out.raw(sieve(attribution.sieve));
                out.raw(b"}");
            }
        }
        out.raw(b"}");
    }

    out.raw(b"],\"speakers\":[");
    for (i, (s, quotes)) in a.speakers.iter().zip(quotes).enumerate() {
        out.raw(if i == 0 {
            b"{\"name\":"
        } else {
            b",{\"name\":"
        });
        out.string(&s.name);
        out.raw(b",\"role\":");
        out.string_or_null(s.role.as_deref());
        out.raw(b",\"kind\":");
        out.raw(speaker_kind(s.kind));
        out.raw(b",\"aliases\":[");
        for (j, alias) in s.aliases(text).into_iter().enumerate() {
            if j > 0 {
                out.raw(b",");
            }
            out.string(alias);
        }
        out.raw(b"],\"quotes\":");
        out.usize(quotes);
        out.raw(b",\"mentions\":[");
        for (j, m) in s.mentions.iter().enumerate() {
            at.open(out, j, m.span);
            out.raw(b",\"kind\":");
            out.raw(mention_kind(m.kind));
            out.raw(if m.in_quote {
                b",\"in_quote\":true}"
            } else {
                b",\"in_quote\":false}"
            });
        }
        out.raw(b"]}");
    }

    out.raw(b"],\"claims\":[");
    for (i, cl) in a.claims.iter().enumerate() {
        at.open(out, i, cl.span);
        out.raw(b",\"text\":");
        out.string(cl.span.text(text));
        out.raw(b",\"kind\":");
        out.raw(claim_kind(cl.kind));
        out.raw(b",\"claimant\":");
        out.string_or_null(name(cl.claimant));
        out.raw(b",\"quote\":");
        out.usize_or_null(cl.quote);
        out.raw(b"}");
    }
    out.raw(b"]}");
}

// Each kind as the JSON string its serde derive writes (kebab-case), copied rather than written
// through serde_json a value at a time: a test compares every variant.

fn quote_kind(kind: QuoteKind) -> &'static [u8] {
    match kind {
        QuoteKind::Speech => b"\"speech\"",
        QuoteKind::Fragment => b"\"fragment\"",
        QuoteKind::Title => b"\"title\"",
        QuoteKind::Scare => b"\"scare\"",
    }
}

fn sieve(sieve: Sieve) -> &'static [u8] {
    match sieve {
        Sieve::Trailing => b"\"trailing\"",
        Sieve::Leading => b"\"leading\"",
        Sieve::AccordingTo => b"\"according-to\"",
        Sieve::SameParagraph => b"\"same-paragraph\"",
        Sieve::Continuation => b"\"continuation\"",
        Sieve::Adjacent => b"\"adjacent\"",
        Sieve::Embedded => b"\"embedded\"",
        Sieve::Transcript => b"\"transcript\"",
    }
}

fn speaker_kind(kind: SpeakerKind) -> &'static [u8] {
    match kind {
        SpeakerKind::Person => b"\"person\"",
        SpeakerKind::Organization => b"\"organization\"",
        SpeakerKind::Anonymous => b"\"anonymous\"",
        SpeakerKind::Document => b"\"document\"",
    }
}

fn mention_kind(kind: MentionKind) -> &'static [u8] {
    match kind {
        MentionKind::FullName => b"\"full-name\"",
        MentionKind::Surname => b"\"surname\"",
        MentionKind::Pronoun => b"\"pronoun\"",
        MentionKind::Role => b"\"role\"",
        MentionKind::Variant => b"\"variant\"",
        MentionKind::Description => b"\"description\"",
    }
}

fn claim_kind(kind: ClaimKind) -> &'static [u8] {
    match kind {
        ClaimKind::Quote => b"\"quote\"",
        ClaimKind::Paraphrase => b"\"paraphrase\"",
        ClaimKind::Quantity => b"\"quantity\"",
        ClaimKind::Comparison => b"\"comparison\"",
        ClaimKind::Causal => b"\"causal\"",
        ClaimKind::Prediction => b"\"prediction\"",
    }
}

/// `{"start":…,"end":…}`: a span's byte offsets.
fn span(out: &mut JsonOut, span: Span) {
    out.raw(b"{\"start\":");
    out.usize(span.start);
    out.raw(b",\"end\":");
    out.usize(span.end);
    out.raw(b"}");
}

/// Writes a located object's `span` and `range` members.
struct Located<'a> {
    positions: Cursor<'a>,
}

impl Located<'_> {
    // Each writes the object's opening and `"span":{"start":` as one piece, then the rest as
    // few pieces as the numbers between them allow: every piece is a check of the buffer's
    // room, and there are two or three hundred thousand of these objects in a large report.

    /// Opens the object at `index` in its list with its `span` and `range`:
    /// `{"span":…,"range":…`, after a comma but for the first.
    fn open(&mut self, out: &mut JsonOut, index: usize, at: Span) {
        out.raw(if index == 0 {
            b"{\"span\":{\"start\":"
        } else {
            b",{\"span\":{\"start\":"
        });
        self.rest(out, at);
    }

    /// `"span":{…},"range":{…}` as the first members of an object.
    fn span_and_range_first(&mut self, out: &mut JsonOut, at: Span) {
        out.raw(b"\"span\":{\"start\":");
        self.rest(out, at);
    }

    /// `,"span":{…},"range":{…}` after other members.
    fn span_and_range(&mut self, out: &mut JsonOut, at: Span) {
        out.raw(b",\"span\":{\"start\":");
        self.rest(out, at);
    }

    /// What follows `"span":{"start":`: `…,"end":…},"range":{"start":{"line":…,"character":…},
    /// "end":{…}}`.
    fn rest(&mut self, out: &mut JsonOut, at: Span) {
        let range = self.positions.range(at);
        out.usize(at.start);
        out.raw(b",\"end\":");
        out.usize(at.end);
        out.raw(b"},\"range\":{\"start\":{\"line\":");
        out.uint(range.start.line);
        out.raw(b",\"character\":");
        out.uint(range.start.character);
        out.raw(b"},\"end\":{\"line\":");
        out.uint(range.end.line);
        out.raw(b",\"character\":");
        out.uint(range.end.character);
        out.raw(b"}}");
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
                    "code": d.code, "severity": d.severity, "message": d.message.to_string(text),
                    "span": span, "range": range,
                    "related": d.related.iter().map(|r| {
                        let (span, range) = at(r.span);
                        json!({"span": span, "range": range, "message": r.message.to_string(text)})
                    }).collect::<Vec<_>>(),
                    "fixes": d.fixes.iter().map(|f| json!({
                        "title": f.title.to_string(text),
                        "edits": f.edits.iter().map(|e| {
                            let (span, range) = at(e.span);
                            json!({"span": span, "range": range, "replacement": e.replacement.to_string(text)})
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
                    "name": s.name, "role": s.role, "kind": s.kind, "aliases": s.aliases(text),
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

    /// Every variant of every kind, as its serde derive writes it.
    #[test]
    fn kinds_are_written_as_serde_writes_them() {
        fn same<T: serde::Serialize + Copy>(variants: &[T], written: fn(T) -> &'static [u8]) {
            for &v in variants {
                assert_eq!(written(v), serde_json::to_vec(&v).unwrap().as_slice());
            }
        }
        use QuoteKind as Q;
        same(&[Q::Speech, Q::Fragment, Q::Title, Q::Scare], quote_kind);
        use Sieve as S;
        let sieves = [
            S::Trailing,
            S::Leading,
            S::AccordingTo,
            S::SameParagraph,
            S::Continuation,
            S::Adjacent,
            S::Embedded,
            S::Transcript,
        ];
        same(&sieves, sieve);
        use SpeakerKind as K;
        same(
            &[K::Person, K::Organization, K::Anonymous, K::Document],
            speaker_kind,
        );
        use MentionKind as M;
        let mentions = [
            M::FullName,
            M::Surname,
            M::Pronoun,
            M::Role,
            M::Variant,
            M::Description,
        ];
        same(&mentions, mention_kind);
        use ClaimKind as C;
        let claims = [
            C::Quote,
            C::Paraphrase,
            C::Quantity,
            C::Comparison,
            C::Causal,
            C::Prediction,
        ];
        same(&claims, claim_kind);
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
                    // With its one mention, "Ana", the aliases are ["Ana", "Ruiz 😀"].
                    variants: vec!["Ruiz 😀".into()],
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
                    variants: vec![],
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
                    message: copydesk::wording!["use “curly” quotes\n\u{1f}"],
                    // Past the end and inside a character: clamped.
                    span: Span::new(text.find('😀').unwrap() + 1, text.len() + 5),
                    related: vec![Related {
                        span: find("\r"),
                        // The draft's own text in a hole is escaped as any other.
                        message: copydesk::wording!["here: ", find("\r"), ""],
                    }],
                    fixes: vec![Fix {
                        title: copydesk::wording!["Curl"],
                        edits: vec![Edit {
                            span: find("\"hi\""),
                            replacement: copydesk::wording!["", String::from("“hi”"), ""],
                        }],
                    }],
                },
                Diagnostic {
                    code: "x",
                    severity: Severity::Hint,
                    message: copydesk::wording![""],
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
            r#""end":{"line":0,"character":22}},"message":"here: \r"}]"#,
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
