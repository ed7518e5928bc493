//! Whole-program tests of `copydesk check` and `copydesk rules`: exit codes, stdin, the text and
//! JSON reports, configuration files and folders. Each test runs the real binary.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn copydesk() -> Command {
    Command::new(env!("CARGO_BIN_EXE_copydesk"))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("stderr is UTF-8")
}

fn run(args: &[&str], dir: &Path) -> Output {
    let child = copydesk()
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn copydesk");
    finished(child)
}

/// How long any run may take: the longest test checks a few hundred small drafts in well under
/// a second, so a run still going after this is stuck (its workers and its report waiting on
/// each other), and fails here instead of hanging the test suite and CI.
const DEADLINE: std::time::Duration = std::time::Duration::from_secs(60);

/// The child's output once it exits, its pipes read as it runs; killed, and the test failed, if
/// it has not exited by [`DEADLINE`].
fn finished(mut child: std::process::Child) -> Output {
    fn drain(
        pipe: Option<impl std::io::Read + Send + 'static>,
    ) -> std::thread::JoinHandle<Vec<u8>> {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_end(&mut bytes);
            }
            bytes
        })
    }
    let (out, err) = (drain(child.stdout.take()), drain(child.stderr.take()));
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for copydesk") {
            break status;
        }
        if start.elapsed() > DEADLINE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("copydesk did not finish within {DEADLINE:?}: stuck");
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    };
    Output {
        status,
        stdout: out.join().expect("read stdout"),
        stderr: err.join().expect("read stderr"),
    }
}

fn run_stdin(args: &[&str], dir: &Path, input: &[u8]) -> Output {
    let mut child = copydesk()
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn copydesk");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input)
        .expect("write stdin");
    finished(child)
}

/// A scratch folder under the system temp folder, removed when dropped. It holds a
/// `.copydesk.toml` that turns nothing off, so a configuration file in a folder above the temp
/// folder cannot change the results.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("copydesk-cli-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create scratch folder");
        std::fs::write(dir.join(".copydesk.toml"), "").expect("write empty config");
        Scratch(dir)
    }
    fn path(&self) -> &Path {
        &self.0
    }
    fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.0.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(&path, contents).expect("write file");
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

const CLEAN: &str =
    "# Library hours\n\n\"We open at nine on Saturdays now,\" said Library Director Ana Pike.\n";
const PLACEHOLDER_ONLY: &str = "The bridge will reopen in TK weeks.\n";

fn json(out: &Output) -> Value {
    serde_json::from_str(&stdout(out)).expect("stdout is one JSON document")
}

/// The `path` of every file in a JSON report, in order.
fn file_paths(doc: &Value) -> Vec<&str> {
    doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect()
}

fn codes(file: &Value) -> Vec<String> {
    file["diagnostics"]
        .as_array()
        .expect("diagnostics[]")
        .iter()
        .map(|d| d["code"].as_str().expect("code").to_string())
        .collect()
}

// ---- exit codes -------------------------------------------------------------------------

#[test]
fn clean_draft_exits_0() {
    let s = Scratch::new("clean");
    s.write("brief.md", CLEAN);
    let out = run(&["check", "brief.md"], s.path());
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), "1 draft: no findings\n");
    assert_eq!(stderr(&out), "");
}

#[test]
fn clean_fixture_exits_0() {
    let out = run(
        &["check", fixture("clean_brief.md").to_str().unwrap()],
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn warnings_or_errors_exit_1() {
    let s = Scratch::new("findings");
    s.write("bridge.md", PLACEHOLDER_ONLY);
    let out = run(&["check", "bridge.md"], s.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "");
    assert!(
        stdout(&out).contains("error[placeholder]"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn information_and_hints_alone_exit_0() {
    // An anonymous source whose anonymity is explained: an `anonymous-source` note, nothing more.
    let s = Scratch::new("notes");
    s.write(
        "port.md",
        "A port official, who spoke on condition of anonymity because the talks were private, \
         said the vote had been delayed.\n",
    );
    let out = run(&["check", "--format", "json", "port.md"], s.path());
    let doc = json(&out);
    let file = &doc["files"][0];
    assert!(
        codes(file).contains(&"anonymous-source".to_string()),
        "{file}"
    );
    for d in file["diagnostics"].as_array().unwrap() {
        assert!(
            matches!(d["severity"].as_str(), Some("information" | "hint")),
            "{d}"
        );
    }
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn missing_file_exits_2_and_the_other_files_are_still_checked() {
    let s = Scratch::new("missing");
    s.write("bridge.md", PLACEHOLDER_ONLY);
    let out = run(&["check", "nowhere.md", "bridge.md"], s.path());
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("nowhere.md"), "{err}");
    assert!(err.contains("no such file"), "{err}");
    assert!(err.starts_with("copydesk: error:"), "{err}");
    let text = stdout(&out);
    assert!(
        text.contains("bridge.md:1:27: error[placeholder]"),
        "{text}"
    );
}

#[test]
fn non_utf8_file_exits_2_with_a_clear_message() {
    let s = Scratch::new("latin1");
    // "café" in Latin-1: the é is the single byte 0xE9.
    s.write("latin1.txt", b"The caf\xe9 on Main Street closed.\n");
    s.write("bridge.md", PLACEHOLDER_ONLY);
    let out = run(&["check", "latin1.txt", "bridge.md"], s.path());
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("latin1.txt"), "{err}");
    assert!(err.contains("not UTF-8"), "{err}");
    assert!(err.contains("offset 7"), "{err}");
    assert!(stdout(&out).contains("bridge.md:1:27"), "{}", stdout(&out));
}

#[test]
fn empty_folder_exits_2() {
    let s = Scratch::new("empty");
    std::fs::create_dir_all(s.path().join("drafts")).unwrap();
    s.write("drafts/photo.png", b"\x89PNG");
    let out = run(&["check", "drafts"], s.path());
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("drafts"), "{err}");
    assert!(err.contains("no drafts"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    let s = Scratch::new("usage");
    let out = run(&["check"], s.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(!stderr(&out).is_empty());
    let out = run(&["check", "--format", "yaml", "x.md"], s.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("yaml"), "{}", stderr(&out));
}

// ---- stdin ------------------------------------------------------------------------------

#[test]
fn dash_reads_standard_input() {
    let s = Scratch::new("stdin");
    let out = run_stdin(&["check", "-"], s.path(), PLACEHOLDER_ONLY.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.starts_with("<stdin>:1:27: error[placeholder]:"),
        "{text}"
    );

    let out = run_stdin(
        &["check", "--format", "json", "-"],
        s.path(),
        CLEAN.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0));
    let doc = json(&out);
    assert_eq!(doc["files"][0]["path"], "<stdin>");
    assert_eq!(doc["files"][0]["quotes"][0]["speaker"], "Ana Pike");
}

#[test]
fn stdin_and_files_together_keep_their_order() {
    let s = Scratch::new("stdin-order");
    s.write("a.md", CLEAN);
    let out = run_stdin(
        &["check", "--format", "json", "a.md", "-"],
        s.path(),
        PLACEHOLDER_ONLY.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&out);
    let paths = file_paths(&doc);
    assert_eq!(paths, ["a.md", "<stdin>"]);
}

// ---- JSON -------------------------------------------------------------------------------

fn assert_span(v: &Value, what: &str) {
    let span = &v["span"];
    assert!(
        span["start"].is_u64() && span["end"].is_u64(),
        "{what}: span {v}"
    );
    assert!(
        span["start"].as_u64() <= span["end"].as_u64(),
        "{what}: {v}"
    );
}

fn assert_range(v: &Value, what: &str) {
    for end in ["start", "end"] {
        let p = &v["range"][end];
        assert!(
            p["line"].is_u64() && p["character"].is_u64(),
            "{what}: range.{end} {v}"
        );
    }
}

#[test]
fn json_has_the_documented_shape() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let out = run(
        &[
            "check",
            "--format",
            "json",
            "council_vote.md",
            "anonymous_sources.md",
        ],
        &dir,
    );
    assert!(matches!(out.status.code(), Some(0 | 1)));
    let doc = json(&out);
    let files = doc["files"].as_array().expect("files[]");
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["path"], "council_vote.md");
    assert_eq!(files[1]["path"], "anonymous_sources.md");

    for file in files {
        for d in file["diagnostics"].as_array().expect("diagnostics[]") {
            assert!(d["code"].is_string(), "{d}");
            assert!(
                matches!(
                    d["severity"].as_str(),
                    Some("error" | "warning" | "information" | "hint")
                ),
                "{d}"
            );
            assert!(!d["message"].as_str().unwrap().is_empty(), "{d}");
            assert_span(d, "diagnostic");
            assert_range(d, "diagnostic");
        }
        for q in file["quotes"].as_array().expect("quotes[]") {
            assert_span(q, "quote");
            assert_range(q, "quote");
            assert!(q["text"].is_string(), "{q}");
            assert!(q["speaker"].is_string() || q["speaker"].is_null(), "{q}");
            let a = &q["attribution"];
            if !a.is_null() {
                assert_span(a, "attribution");
                assert!(a["cue"].is_string() || a["cue"].is_null(), "{q}");
            }
        }
        for s in file["speakers"].as_array().expect("speakers[]") {
            assert!(s["name"].is_string(), "{s}");
            assert!(s["role"].is_string() || s["role"].is_null(), "{s}");
            assert!(s["aliases"].is_array(), "{s}");
            assert!(
                matches!(
                    s["kind"].as_str(),
                    Some("person" | "organization" | "anonymous" | "document")
                ),
                "{s}"
            );
            for m in s["mentions"].as_array().expect("mentions[]") {
                assert_span(m, "mention");
            }
        }
        for c in file["claims"].as_array().expect("claims[]") {
            assert_span(c, "claim");
            assert!(c["text"].is_string(), "{c}");
            assert!(c["claimant"].is_string() || c["claimant"].is_null(), "{c}");
            assert!(c["kind"].is_string(), "{c}");
        }
    }

    // Specific content from the council story.
    let council = &files[0];
    let text = std::fs::read_to_string(dir.join("council_vote.md")).unwrap();
    let first = &council["quotes"][0];
    assert_eq!(first["speaker"], "Maria Delgado");
    assert_eq!(first["attribution"]["cue"], "said");
    let source = &first["attribution"]["span"];
    let (start, end) = (
        source["start"].as_u64().unwrap() as usize,
        source["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[start..end], "Council President Maria Delgado");
    let delgado = council["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Maria Delgado")
        .expect("Maria Delgado is a speaker");
    assert_eq!(delgado["role"], "Council President");
    assert_eq!(delgado["kind"], "person");
    assert!(
        delgado["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "Delgado"),
        "{delgado}"
    );
    assert!(
        council["claims"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["claimant"] == "Maria Delgado" && c["kind"] == "quote")
    );

    // And from the port story: anonymous speakers and documentary attribution.
    let port = &files[1];
    let kinds: Vec<(&str, &str)> = port["speakers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].as_str().unwrap(), s["kind"].as_str().unwrap()))
        .collect();
    assert!(
        kinds.contains(&("county payroll records", "document")),
        "{kinds:?}"
    );
    assert!(kinds.contains(&("Rebecca Liu", "person")), "{kinds:?}");
    assert!(kinds.iter().any(|(_, k)| *k == "anonymous"), "{kinds:?}");
    let port_codes = codes(port);
    for code in [
        "anonymous-source",
        "anonymity-unexplained",
        "bare-source",
        "vague-attribution",
    ] {
        assert!(
            port_codes.iter().any(|c| c == code),
            "{code}: {port_codes:?}"
        );
    }
}

#[test]
fn json_ranges_count_utf16_after_emoji() {
    let s = Scratch::new("utf16");
    // 🎉 is 4 bytes in UTF-8 and 2 units in UTF-16; the em dash is 3 bytes and 1 unit.
    let draft = "🎉 — The parade drew TK people.\n";
    s.write("parade.md", draft);
    let out = run(&["check", "--format", "json", "parade.md"], s.path());
    let doc = json(&out);
    let d = doc["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "placeholder")
        .expect("placeholder found")
        .clone();
    let start = draft.find("TK").unwrap() as u64;
    assert_eq!(d["span"]["start"], start);
    assert_eq!(d["span"]["end"], start + 2);
    let utf16 = draft[..start as usize].encode_utf16().count() as u64;
    assert_eq!(d["range"]["start"]["line"], 0);
    assert_eq!(d["range"]["start"]["character"], utf16);
    assert_eq!(d["range"]["end"]["character"], utf16 + 2);
    assert_ne!(
        start, utf16,
        "the test needs bytes and UTF-16 units to differ"
    );
}

// ---- text -------------------------------------------------------------------------------

#[test]
fn text_output_is_rustc_style_with_a_caret_under_the_finding() {
    let s = Scratch::new("text");
    s.write(
        "bridge.md",
        "# Bridge\n\nThe bridge will reopen in TK weeks, the county said.\n",
    );
    let out = run(&["check", "bridge.md"], s.path());
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("bridge.md:3:27: error[placeholder]: "),
        "{text}"
    );
    assert_eq!(lines[1], "  |");
    assert_eq!(
        lines[2],
        "3 | The bridge will reopen in TK weeks, the county said."
    );
    assert_eq!(lines[3], format!("  | {}^^", " ".repeat(26)));
    assert!(text.ends_with("1 error in 1 draft\n"), "{text}");
}

#[test]
fn caret_sits_under_the_finding_after_emoji_and_dashes() {
    let s = Scratch::new("caret");
    // 🥁 is two terminal columns wide, the em dash one: the caret must account for both.
    s.write("parade.md", "🥁 — The parade drew TK people.\n");
    let out = run(&["check", "parade.md"], s.path());
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    // Column 21 counts characters: 🥁, space, —, space, then "The parade drew " (16).
    assert!(
        lines[0].starts_with("parade.md:1:21: error[placeholder]:"),
        "{text}"
    );
    assert_eq!(lines[2], "1 | 🥁 — The parade drew TK people.");
    // Display width before TK: 2 (emoji) + 1 + 1 (dash) + 1 + 16 = 21.
    assert_eq!(lines[3], format!("  | {}^^", " ".repeat(21)));
}

#[test]
fn min_severity_hides_notes_from_the_text_report() {
    let s = Scratch::new("min-severity");
    s.write(
        "port.md",
        "A port official, who spoke on condition of anonymity because the talks were private, \
         said the vote had been delayed.\n",
    );
    let out = run(&["check", "port.md"], s.path());
    assert!(
        stdout(&out).contains("note[anonymous-source]"),
        "{}",
        stdout(&out)
    );
    let out = run(&["check", "--min-severity", "warning", "port.md"], s.path());
    assert_eq!(stdout(&out), "1 draft: no findings\n");
    assert_eq!(out.status.code(), Some(0));
}

// ---- configuration ----------------------------------------------------------------------

#[test]
fn config_flag_turns_a_rule_off() {
    let s = Scratch::new("config-off");
    s.write("bridge.md", PLACEHOLDER_ONLY);
    let config = s.write("quiet.toml", "[rules]\nplaceholder = \"off\"\n");
    let out = run(
        &["check", "--config", config.to_str().unwrap(), "bridge.md"],
        s.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert_eq!(stdout(&out), "1 draft: no findings\n");
    assert_eq!(stderr(&out), "");
}

#[test]
fn config_can_change_a_severity() {
    let s = Scratch::new("config-severity");
    s.write("bridge.md", PLACEHOLDER_ONLY);
    let config = s.write("soft.toml", "[rules]\nplaceholder = \"hint\"\n");
    let out = run(
        &[
            "check",
            "--format",
            "json",
            "--config",
            config.to_str().unwrap(),
            "bridge.md",
        ],
        s.path(),
    );
    assert_eq!(out.status.code(), Some(0));
    let doc = json(&out);
    assert_eq!(doc["files"][0]["diagnostics"][0]["code"], "placeholder");
    assert_eq!(doc["files"][0]["diagnostics"][0]["severity"], "hint");
}

#[test]
fn copydesk_toml_beside_the_draft_is_found() {
    let s = Scratch::new("discover");
    s.write(".copydesk.toml", "[rules]\nplaceholder = \"off\"\n");
    s.write("desk/metro/bridge.md", PLACEHOLDER_ONLY);
    let out = run(&["check", "desk/metro/bridge.md"], s.path());
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
}

#[test]
fn bad_copydesk_toml_exits_2_with_its_place() {
    let s = Scratch::new("bad-config");
    s.write(".copydesk.toml", "[rules]\nplaceholder = \"loud\"\n");
    s.write("bridge.md", PLACEHOLDER_ONLY);
    let out = run(&["check", "bridge.md"], s.path());
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(".copydesk.toml:2:"), "{err}");
    assert!(err.contains("invalid configuration"), "{err}");
    // The draft is still checked, with the default settings.
    assert!(
        stdout(&out).contains("error[placeholder]"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn unknown_config_key_is_an_error() {
    let s = Scratch::new("typo-config");
    let config = s.write("typo.toml", "[rulez]\nplaceholder = \"off\"\n");
    s.write("bridge.md", PLACEHOLDER_ONLY);
    let out = run(
        &["check", "--config", config.to_str().unwrap(), "bridge.md"],
        s.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("typo.toml"), "{err}");
    assert!(err.contains("rulez"), "{err}");
}

#[test]
fn missing_config_file_exits_2() {
    let s = Scratch::new("missing-config");
    s.write("brief.md", CLEAN);
    let out = run(&["check", "--config", "nope.toml", "brief.md"], s.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nope.toml"), "{}", stderr(&out));
}

// ---- folders and formats ----------------------------------------------------------------

#[test]
fn folder_input_checks_every_draft_under_it_in_order() {
    let s = Scratch::new("folder");
    s.write("drafts/b.md", PLACEHOLDER_ONLY);
    s.write("drafts/a.txt", CLEAN);
    s.write("drafts/metro/c.markdown", CLEAN);
    s.write("drafts/notes.docx", b"PK\x03\x04");
    s.write("drafts/.hidden.md", PLACEHOLDER_ONLY);
    let out = run(&["check", "--format", "json", "drafts"], s.path());
    assert_eq!(out.status.code(), Some(1));
    let doc = json(&out);
    let paths: Vec<String> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().replace('\\', "/"))
        .collect();
    assert_eq!(
        paths,
        ["drafts/a.txt", "drafts/b.md", "drafts/metro/c.markdown"]
    );
    let formats: Vec<&str> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["format"].as_str().unwrap())
        .collect();
    assert_eq!(formats, ["text", "markdown", "markdown"]);
}

#[test]
fn markdown_code_is_not_prose_but_plain_text_is() {
    let s = Scratch::new("formats");
    let draft = "The bridge reopens Monday.\n\n```\nTK\n```\n";
    s.write("a.md", draft);
    s.write("a.txt", draft);
    let out = run(&["check", "--format", "json", "a.md", "a.txt"], s.path());
    let doc = json(&out);
    assert!(!codes(&doc["files"][0]).contains(&"placeholder".to_string()));
    assert!(codes(&doc["files"][1]).contains(&"placeholder".to_string()));
    // --input-format overrides the extension.
    let out = run(
        &[
            "check",
            "--format",
            "json",
            "--input-format",
            "markdown",
            "a.txt",
        ],
        s.path(),
    );
    let doc = json(&out);
    assert_eq!(doc["files"][0]["format"], "markdown");
    assert!(!codes(&doc["files"][0]).contains(&"placeholder".to_string()));
}

#[test]
fn many_files_come_out_in_the_order_given() {
    let s = Scratch::new("order");
    let mut names = Vec::new();
    for i in 0..24 {
        let name = format!("d{i:02}.md");
        s.write(&name, if i % 2 == 0 { CLEAN } else { PLACEHOLDER_ONLY });
        names.push(name);
    }
    names.reverse();
    let mut args = vec!["check", "--format", "json"];
    args.extend(names.iter().map(String::as_str));
    let out = run(&args, s.path());
    let doc = json(&out);
    let paths = file_paths(&doc);
    assert_eq!(paths, names);
}

// ---- rules ------------------------------------------------------------------------------

#[test]
fn rules_lists_every_code_with_its_severity() {
    let out = run(&["rules"], Path::new(env!("CARGO_MANIFEST_DIR")));
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for (code, severity) in [
        ("unattributed-quote", "warning"),
        ("unbalanced-quote", "error"),
        ("anonymous-source", "information"),
        ("anonymity-unexplained", "warning"),
        ("bare-source", "error"),
        ("vague-attribution", "warning"),
        ("loaded-verb", "warning"),
        ("name-variant", "warning"),
        ("first-reference", "warning"),
        ("placeholder", "error"),
        ("sourcing-note", "error"),
    ] {
        let line = text
            .lines()
            .find(|l| l.split_whitespace().next() == Some(code))
            .unwrap_or_else(|| panic!("{code} missing from:\n{text}"));
        assert_eq!(line.split_whitespace().nth(1), Some(severity), "{line}");
    }
}

#[test]
fn every_listed_rule_is_documented_in_docs_rules_md() {
    let out = run(&["rules"], Path::new(env!("CARGO_MANIFEST_DIR")));
    let docs = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md"))
        .expect("docs/rules.md");
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md");
    for code in stdout(&out)
        .lines()
        .filter_map(|l| l.split_whitespace().next())
    {
        assert!(
            docs.contains(&format!("\n## {code}\n")),
            "docs/rules.md has no `## {code}` section"
        );
        assert!(
            readme.contains(&format!("`{code}`")),
            "README.md does not list `{code}`"
        );
    }
}

/// Files that cannot be read, among good ones: each gets a clear message, the good drafts are
/// still checked and reported, and the exit status is 2. A symlink loop cannot be read even
/// by root (tests may run as root, where `chmod 000` changes nothing), nor can a path that
/// goes through a regular file as if it were a folder.
#[cfg(unix)]
#[test]
fn unreadable_files_among_good_ones_are_each_reported() {
    let s = Scratch::new("unreadable");
    s.write("bridge.md", PLACEHOLDER_ONLY);
    s.write("clean.md", CLEAN);
    std::os::unix::fs::symlink("loop.md", s.path().join("loop.md")).unwrap();
    let out = run(
        &[
            "check",
            "loop.md",
            "bridge.md",
            "clean.md/inside.md",
            "gone.md",
            "clean.md",
        ],
        s.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    for name in ["loop.md", "clean.md/inside.md", "gone.md"] {
        assert!(
            err.lines()
                .any(|l| l.starts_with("copydesk: error: ") && l.contains(name)),
            "{name}: {err}"
        );
    }
    assert_eq!(err.lines().count(), 3, "{err}");
    let text = stdout(&out);
    assert!(
        text.contains("bridge.md:1:27: error[placeholder]"),
        "{text}"
    );
}

/// `chmod 000`: permission denied, unless the tests run as root (root reads it anyway; then
/// the check is skipped, saying so).
#[cfg(unix)]
#[test]
fn a_file_without_read_permission_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    let s = Scratch::new("chmod");
    s.write("bridge.md", PLACEHOLDER_ONLY);
    let locked = s.write("locked.md", CLEAN);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        eprintln!("skipped: running as root, a file with mode 000 is still readable");
        return;
    }
    let out = run(&["check", "locked.md", "bridge.md"], s.path());
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("locked.md: permission denied"), "{err}");
    assert!(stdout(&out).contains("bridge.md:1:27"), "{}", stdout(&out));
}

/// A folder among files is expanded in place; a folder whose drafts include a named pipe does
/// not hang waiting for a writer (the pipe is not a draft file), and a sub-folder named like a
/// draft (`old.md/`) is walked, not read.
#[cfg(unix)]
#[test]
fn folders_among_files_and_special_files_in_folders() {
    let s = Scratch::new("folders");
    s.write("bridge.md", PLACEHOLDER_ONLY);
    s.write("desk/a.md", CLEAN);
    s.write("desk/old.md/b.md", PLACEHOLDER_ONLY);
    let fifo = s.path().join("desk/pipe.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|st| st.success());
    let start = std::time::Instant::now();
    let out = run(
        &["check", "--format", "json", "bridge.md", "desk"],
        s.path(),
    );
    assert!(start.elapsed() < std::time::Duration::from_secs(30));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let paths: Vec<String> = json(&out)["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().replace('\\', "/"))
        .collect();
    assert_eq!(paths, ["bridge.md", "desk/a.md", "desk/old.md/b.md"]);
    if !made {
        eprintln!("note: mkfifo unavailable, the named-pipe part was not exercised");
    }
}

/// Reports are streamed as drafts are done, with workers running ahead of the report by a
/// bounded window: with many more drafts than that window, and missing ones among them, the
/// report and the error messages still come in the order given, and the text summary counts
/// every draft that was checked.
#[test]
fn many_more_drafts_than_workers_stream_in_order_with_errors_in_place() {
    let s = Scratch::new("stream");
    let mut names = Vec::new();
    let mut missing = Vec::new();
    for i in 0..300 {
        let name = format!("d{i:03}.md");
        if i % 37 == 5 {
            missing.push(name.clone());
        } else {
            // Some drafts much longer than others, so they finish out of order.
            let body = if i % 9 == 0 {
                CLEAN.repeat(200)
            } else {
                CLEAN.to_string()
            };
            let draft = if i % 2 == 0 {
                body
            } else {
                format!("{body}\n{PLACEHOLDER_ONLY}")
            };
            s.write(&name, draft);
        }
        names.push(name);
    }
    names.reverse();
    missing.reverse();
    let present: Vec<&str> = names
        .iter()
        .filter(|n| !missing.contains(n))
        .map(String::as_str)
        .collect();

    let mut args = vec!["check", "--format", "json"];
    args.extend(names.iter().map(String::as_str));
    let out = run(&args, s.path());
    assert_eq!(out.status.code(), Some(2));
    let doc = json(&out);
    let paths = file_paths(&doc);
    assert_eq!(paths, present);
    let expected_errors: Vec<String> = missing
        .iter()
        .map(|n| format!("copydesk: error: {n}: no such file"))
        .collect();
    assert_eq!(stderr(&out).lines().collect::<Vec<_>>(), expected_errors);

    args[2] = "text";
    let out = run(&args, s.path());
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    let reported: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("error[placeholder]"))
        .map(|l| l.split(':').next().unwrap())
        .collect();
    let with_placeholder: Vec<&str> = present
        .iter()
        .copied()
        .filter(|n| n[1..4].parse::<usize>().unwrap() % 2 == 1)
        .collect();
    assert_eq!(reported, with_placeholder);
    assert!(
        text.ends_with(&format!(
            "{} errors in {} drafts\n",
            with_placeholder.len(),
            present.len()
        )),
        "{}",
        text.lines().last().unwrap_or_default()
    );
}

/// A reader that goes away early (`copydesk check … | head -c 100`) is not an error, in either
/// format: the exit status is the findings' and nothing is said about the pipe. The report is
/// megabytes, far more than a pipe and the report's buffer hold, so writing it must meet the
/// closed pipe whatever the timing.
/// Runs `check --format FORMAT NAMES…`, reads the first 100 bytes of the report and closes the
/// pipe, as `| head -c 100` does.
fn read_100_bytes_and_hang_up(format: &str, names: &[String], dir: &Path) -> Output {
    use std::io::Read as _;
    let mut child = copydesk()
        .args(["check", "--format", format])
        .args(names)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn copydesk");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut start = [0; 100];
    stdout
        .read_exact(&mut start)
        .expect("the report's first bytes");
    drop(stdout);
    finished(child)
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    let s = Scratch::new("pipe");
    let mut names = Vec::new();
    for i in 0..20 {
        let name = format!("d{i:02}.md");
        s.write(&name, PLACEHOLDER_ONLY.repeat(500));
        names.push(name);
    }
    for format in ["json", "text"] {
        let out = read_100_bytes_and_hang_up(format, &names, s.path());
        assert_eq!(stderr(&out), "", "{format}");
        // Placeholders are errors.
        assert_eq!(out.status.code(), Some(1), "{format}");
    }
}

#[test]
fn timings_go_to_stderr_stage_by_stage_and_leave_the_report_alone() {
    let s = Scratch::new("timings");
    s.write("bridge.md", PLACEHOLDER_ONLY);
    s.write("brief.md", CLEAN);
    let plain = run(&["check", "bridge.md", "brief.md"], s.path());
    let timed = run(&["check", "--timings", "bridge.md", "brief.md"], s.path());
    assert_eq!(timed.status.code(), plain.status.code());
    assert_eq!(stdout(&timed), stdout(&plain));
    let table = stderr(&timed);
    let mut lines = table.lines();
    let head = lines.next().unwrap_or_default();
    assert!(
        head.starts_with("copydesk: analysis of 2 drafts ("),
        "{table}"
    );
    let stages: Vec<&str> = lines
        .map(|l| l.split_whitespace().next().unwrap_or_default())
        .collect();
    // Every stage of the pipeline, in order, once.
    assert_eq!(stages.first(), Some(&"draft"), "{table}");
    assert_eq!(stages.last(), Some(&"rules"), "{table}");
    for stage in [
        "paragraphs",
        "introductions",
        "registry",
        "mentions",
        "resolution",
        "claims",
    ] {
        assert_eq!(stages.iter().filter(|s| **s == stage).count(), 1, "{table}");
    }
    assert_eq!(stderr(&plain), "");
}

#[test]
fn when_the_reader_goes_away_the_remaining_drafts_are_not_checked() {
    let s = Scratch::new("pipe-stop");
    let mut names = Vec::new();
    // Far more drafts than any machine's workers run ahead of the report, and a missing one at
    // the end: it would be reported (exit 2) if every draft were still checked.
    for i in 0..1000 {
        let name = format!("d{i:04}.md");
        s.write(&name, PLACEHOLDER_ONLY.repeat(40));
        names.push(name);
    }
    names.push("missing.md".into());
    for format in ["json", "text"] {
        let out = read_100_bytes_and_hang_up(format, &names, s.path());
        assert_eq!(stderr(&out), "", "{format}");
        assert_eq!(out.status.code(), Some(1), "{format}");
    }
}
