//! Fixture drafts under `tests/fixtures/`, run through the real binary and snapshotted.
//!
//! For each draft the snapshot holds the `check --format text` report and a condensed view of
//! `check --format json`: every quote with its speaker and the words that name them, every
//! speaker with role, kind and mentions, every claim, and every diagnostic with the text it
//! covers. Beside the snapshots, every fixture is held to invariants that do not depend on the
//! analysis being right: spans fall on character boundaries inside the text, each LSP range
//! (UTF-16) is the one its span gives (recomputed here), and each quote's text is what its span
//! encloses.
//!
//! Regenerate after a deliberate change with `INSTA_UPDATE=always cargo test --test snapshots`
//! (or `cargo insta review`), then read every changed snapshot like a copy editor.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Runs `copydesk check --format <format> <name>` inside the fixtures folder, so reported paths
/// are the bare file name. Returns stdout; stderr must be empty.
fn check(name: &str, format: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_copydesk"))
        .current_dir(fixtures_dir())
        .args(["check", "--format", format, name])
        .output()
        .expect("run copydesk");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.is_empty(), "{name}: unexpected stderr:\n{stderr}");
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "{name}: exit status {code:?}, expected 0 or 1"
    );
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

/// 1-based line and character column of a byte offset, as a reader counts them.
fn line_col(text: &str, offset: usize) -> String {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    format!("{line}:{col}")
}

/// The LSP position of a byte offset: zero-based line, UTF-16 code units into the line.
fn lsp_position(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let character = text[line_start..offset].encode_utf16().count();
    (line as u64, character as u64)
}

fn span_of(v: &Value) -> (usize, usize) {
    let start = v["start"].as_u64().expect("span.start") as usize;
    let end = v["end"].as_u64().expect("span.end") as usize;
    (start, end)
}

/// Checks a span: inside the text, on character boundaries, start ≤ end. Returns its text.
fn checked_span<'t>(text: &'t str, span: &Value, what: &str) -> &'t str {
    let (start, end) = span_of(span);
    assert!(
        start <= end && end <= text.len(),
        "{what}: span {start}..{end} outside the text ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what}: span {start}..{end} splits a character"
    );
    &text[start..end]
}

/// Checks an object with `span` and `range`: the span is sound and the range is the one the
/// span gives in UTF-16.
fn checked_located<'t>(text: &'t str, item: &Value, what: &str) -> &'t str {
    let covered = checked_span(text, &item["span"], what);
    let (start, end) = span_of(&item["span"]);
    let range = &item["range"];
    for (offset, pos, end_name) in [
        (start, &range["start"], "start"),
        (end, &range["end"], "end"),
    ] {
        let (line, character) = lsp_position(text, offset);
        assert_eq!(
            (pos["line"].as_u64(), pos["character"].as_u64()),
            (Some(line), Some(character)),
            "{what}: range.{end_name} disagrees with the span ({offset}): {range}"
        );
    }
    covered
}

const OPENING: &[char] = &['"', '“', '‘', '\'', '«', '„', '‹', '”'];
const CLOSING: &[char] = &['"', '”', '’', '\'', '»', '“', '›'];

/// Shortens long text for the snapshot, on a character boundary.
fn short(s: &str) -> String {
    let s = s.replace('\n', "⏎");
    if s.chars().count() <= 90 {
        s
    } else {
        let head: String = s.chars().take(87).collect();
        format!("{head}…")
    }
}

fn opt_str(v: &Value) -> String {
    v.as_str().map_or_else(|| "—".to_string(), str::to_string)
}

/// The condensed JSON view, checking every invariant on the way.
fn condensed(name: &str, text: &str, json: &str) -> String {
    let doc: Value = serde_json::from_str(json).expect("JSON output parses");
    let files = doc["files"].as_array().expect("files[]");
    assert_eq!(files.len(), 1, "{name}: one file in, one file out");
    let file = &files[0];
    assert_eq!(file["path"], name);
    let mut out = String::new();

    let quotes = file["quotes"].as_array().expect("quotes[]");
    writeln!(out, "quotes ({}):", quotes.len()).unwrap();
    for (i, q) in quotes.iter().enumerate() {
        let what = format!("{name}: quote {i}");
        let covered = checked_located(text, q, &what);
        let inner = q["text"].as_str().expect("quote text");
        // The span is the marks and what they enclose: an opening mark, the text, then the
        // closing mark (absent when the quote runs on into the next paragraph).
        let after_open = covered
            .strip_prefix(OPENING)
            .unwrap_or_else(|| panic!("{what}: span does not open with a quote mark: {covered:?}"));
        let rest = after_open.strip_prefix(inner).unwrap_or_else(|| {
            panic!("{what}: text {inner:?} is not what the span encloses: {covered:?}")
        });
        if q["closed"] == true {
            assert!(
                rest.chars().count() == 1 && rest.starts_with(CLOSING),
                "{what}: closed quote should end with one closing mark, not {rest:?}"
            );
        } else {
            assert!(
                rest.trim().is_empty(),
                "{what}: open quote runs to its paragraph end, left {rest:?}"
            );
        }
        let kind = q["kind"].as_str().unwrap_or("?");
        let cont = q["continues"]
            .as_u64()
            .map_or(String::new(), |c| format!(" (continues #{c})"));
        let open = if q["closed"] == true { "" } else { " [open]" };
        writeln!(
            out,
            "  #{i} {} {kind}{open}{cont}: {}",
            line_col(text, span_of(&q["span"]).0),
            short(covered)
        )
        .unwrap();
        match q["attribution"].as_object() {
            None => {
                assert!(
                    q["speaker"].is_null(),
                    "{what}: speaker without attribution"
                );
                writeln!(out, "      speaker: — (no attribution)").unwrap();
            }
            Some(_) => {
                let attr = &q["attribution"];
                let source = checked_located(text, attr, &format!("{what} attribution"));
                assert_eq!(attr["source"], source, "{what}: source is its span's text");
                let cue = match attr["cue_span"].as_object() {
                    Some(_) => {
                        let cue = checked_span(text, &attr["cue_span"], &format!("{what} cue"));
                        assert_eq!(attr["cue"], cue, "{what}: cue is its span's text");
                        format!("`{cue}`")
                    }
                    None => "—".to_string(),
                };
                writeln!(
                    out,
                    "      speaker: {} ← `{}` at {}, cue {cue}, {}",
                    opt_str(&q["speaker"]),
                    short(source),
                    line_col(text, span_of(&attr["span"]).0),
                    attr["sieve"].as_str().unwrap_or("?")
                )
                .unwrap();
            }
        }
    }

    let speakers = file["speakers"].as_array().expect("speakers[]");
    writeln!(out, "\nspeakers ({}):", speakers.len()).unwrap();
    for (i, s) in speakers.iter().enumerate() {
        let what = format!("{name}: speaker {i}");
        let aliases: Vec<String> = s["aliases"]
            .as_array()
            .expect("aliases[]")
            .iter()
            .map(|a| a.as_str().unwrap_or("?").to_string())
            .collect();
        writeln!(
            out,
            "  {} — {}, role: {}, aliases: [{}], quotes: {}",
            opt_str(&s["name"]),
            s["kind"].as_str().unwrap_or("?"),
            opt_str(&s["role"]),
            aliases.join(", "),
            s["quotes"]
        )
        .unwrap();
        let mentions: Vec<String> = s["mentions"]
            .as_array()
            .expect("mentions[]")
            .iter()
            .enumerate()
            .map(|(j, m)| {
                let covered = checked_located(text, m, &format!("{what} mention {j}"));
                let in_quote = if m["in_quote"] == true {
                    " in quote"
                } else {
                    ""
                };
                format!(
                    "{} `{}` {}{in_quote}",
                    line_col(text, span_of(&m["span"]).0),
                    covered,
                    m["kind"].as_str().unwrap_or("?")
                )
            })
            .collect();
        for m in mentions {
            writeln!(out, "      {m}").unwrap();
        }
    }

    let claims = file["claims"].as_array().expect("claims[]");
    writeln!(out, "\nclaims ({}):", claims.len()).unwrap();
    for (i, c) in claims.iter().enumerate() {
        let what = format!("{name}: claim {i}");
        let covered = checked_located(text, c, &what);
        assert_eq!(c["text"], covered, "{what}: text is its span's text");
        writeln!(
            out,
            "  {} {} by {}: {}",
            line_col(text, span_of(&c["span"]).0),
            c["kind"].as_str().unwrap_or("?"),
            opt_str(&c["claimant"]),
            short(covered)
        )
        .unwrap();
    }

    let diagnostics = file["diagnostics"].as_array().expect("diagnostics[]");
    writeln!(out, "\ndiagnostics ({}):", diagnostics.len()).unwrap();
    for (i, d) in diagnostics.iter().enumerate() {
        let what = format!("{name}: diagnostic {i}");
        let covered = checked_located(text, d, &what);
        assert!(
            !d["message"].as_str().unwrap_or("").is_empty(),
            "{what}: empty message"
        );
        writeln!(
            out,
            "  {} {}[{}] `{}`",
            line_col(text, span_of(&d["span"]).0),
            d["severity"].as_str().unwrap_or("?"),
            d["code"].as_str().unwrap_or("?"),
            short(covered)
        )
        .unwrap();
        for (j, r) in d["related"].as_array().into_iter().flatten().enumerate() {
            let related = checked_located(text, r, &format!("{what} related {j}"));
            writeln!(
                out,
                "      see {} `{}`: {}",
                line_col(text, span_of(&r["span"]).0),
                short(related),
                opt_str(&r["message"])
            )
            .unwrap();
        }
        for (j, f) in d["fixes"].as_array().into_iter().flatten().enumerate() {
            for (k, e) in f["edits"].as_array().into_iter().flatten().enumerate() {
                checked_located(text, e, &format!("{what} fix {j} edit {k}"));
            }
            writeln!(out, "      fix: {}", opt_str(&f["title"])).unwrap();
        }
    }
    out
}

fn snapshot(name: &str) {
    let text = std::fs::read_to_string(fixtures_dir().join(name)).expect("read fixture");
    let report = check(name, "text");
    let json = check(name, "json");
    let view = condensed(name, &text, &json);
    let snap_name = name.replace('.', "_");
    insta::with_settings!({
        snapshot_path => "snapshots",
        prepend_module_to_snapshot => false,
        description => format!("copydesk check tests/fixtures/{name}"),
        omit_expression => true,
    }, {
        insta::assert_snapshot!(snap_name, format!("{report}\n---- condensed JSON ----\n{view}"));
    });
}

macro_rules! fixtures {
    ($($test:ident: $file:literal,)*) => {
        $(
            #[test]
            fn $test() {
                snapshot($file);
            }
        )*

        /// Every fixture on disk has a test above, and every test's fixture exists.
        #[test]
        fn every_fixture_is_snapshotted() {
            let mut listed = vec![$($file),*];
            listed.sort_unstable();
            let mut on_disk: Vec<String> = std::fs::read_dir(fixtures_dir())
                .expect("list fixtures")
                .filter_map(|e| e.ok())
                .filter(|e| e.path().is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".md") || n.ends_with(".txt"))
                .collect();
            on_disk.sort_unstable();
            assert_eq!(listed, on_disk);
        }
    };
}

fixtures! {
    anonymous_sources: "anonymous_sources.md",
    clean_brief: "clean_brief.md",
    council_vote: "council_vote.md",
    emoji_columns: "emoji_columns.md",
    harbor_fire: "harbor_fire.txt",
    loaded_verbs: "loaded_verbs.txt",
    markdown_code: "markdown_code.md",
    name_variants: "name_variants.md",
    placeholders: "placeholders.md",
    statement_org: "statement_org.md",
    titles_scare: "titles_scare.txt",
}
