//! Protocol tests: the real `copydesk lsp` binary, spoken to over framed JSON-RPC.

mod common;

use std::time::{Duration, Instant};

use common::{Client, DRAFT, Encoding, codes, line_col, without_uris};
use serde_json::{Value, json};

fn find<'a>(diagnostics: &'a [Value], code: &str) -> Option<&'a Value> {
    diagnostics.iter().find(|d| d["code"] == code)
}

/// The server widens the pipe it writes to (`src/lsp/output.rs`), so that a long draft's
/// diagnostics go out in one write instead of in 64 KiB turns with the editor: to 1 MiB where
/// the system lets any process (`/proc/sys/fs/pipe-max-size`), else it stays as it was.
#[cfg(target_os = "linux")]
#[test]
fn the_pipe_to_the_editor_is_widened_for_a_long_drafts_diagnostics() {
    let mut client = Client::start(&["utf-16"], None);
    let allowed: usize = std::fs::read_to_string("/proc/sys/fs/pipe-max-size")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0);
    let size = client.stdout_pipe_size();
    if allowed >= 1 << 20 {
        assert_eq!(size, 1 << 20);
    } else {
        assert_eq!(size, 64 * 1024, "a refused widening leaves the default");
    }
    client.shutdown_and_exit();
}

#[test]
fn negotiates_utf16_by_default_and_utf8_when_offered() {
    let claimed = DRAFT.find("claimed").unwrap();
    let (line, utf16_col) = line_col(DRAFT, claimed, Encoding::Utf16);
    let (_, utf8_col) = line_col(DRAFT, claimed, Encoding::Utf8);
    // Before “claimed” on its line: two curly quotes (3 bytes, 1 unit each) and 😀 (4 bytes, 2 units).
    assert_eq!(utf8_col - utf16_col, 2 * 2 + 2);

    for (offered, expected, col) in [
        (vec![], "utf-16", utf16_col),
        (vec!["utf-16"], "utf-16", utf16_col),
        (vec!["utf-32", "utf-8", "utf-16"], "utf-8", utf8_col),
    ] {
        let mut client = Client::spawn();
        let result = client.initialize(&offered, None, json!({}));
        assert_eq!(
            result["capabilities"]["positionEncoding"], expected,
            "{offered:?}"
        );
        assert_eq!(result["capabilities"]["textDocumentSync"]["change"], 2);
        let uri = client.uri("ferry.md");
        client.open(&uri, DRAFT);
        let diagnostics = client.diagnostics(&uri, 1);
        let loaded = find(&diagnostics, "loaded-verb").expect("loaded-verb");
        assert_eq!(
            loaded["range"]["start"],
            json!({"line": line, "character": col})
        );
        assert_eq!(
            loaded["range"]["end"],
            json!({"line": line, "character": col + 7})
        );
        assert_eq!(loaded["source"], "copydesk");
        assert_eq!(loaded["severity"], 2);
        assert_eq!(
            loaded["codeDescription"]["href"],
            "https://github.com/copydesk/copydesk/blob/main/docs/rules.md#loaded-verb"
        );
        let mut got = codes(&diagnostics);
        got.sort();
        assert_eq!(
            got,
            [
                "anonymity-unexplained",
                "anonymous-source",
                "loaded-verb",
                "unattributed-quote"
            ]
        );
        assert_eq!(client.shutdown_and_exit().code(), Some(0));
    }
}

/// A rule's documentation link goes only to a client that says it shows one (VS Code does;
/// Neovim and Eglot do not), in the findings it publishes; the findings a quick fix names are
/// the published ones exactly, link or none, as clients match them.
#[test]
fn code_links_only_for_a_client_that_shows_them() {
    for shows_links in [false, true] {
        let mut client = Client::spawn();
        client
            .request(
                "initialize",
                json!({
                    "processId": std::process::id(),
                    "rootUri": null,
                    "capabilities": {"textDocument": {"publishDiagnostics": {
                        "relatedInformation": true,
                        "versionSupport": true,
                        "codeDescriptionSupport": shows_links,
                    }}},
                }),
            )
            .expect("initialize");
        client.notify("initialized", json!({}));
        let uri = client.uri("ferry.md");
        client.open(&uri, DRAFT);
        let diagnostics = client.diagnostics(&uri, 1);
        for d in &diagnostics {
            let href = &d["codeDescription"]["href"];
            if shows_links {
                let code = d["code"].as_str().unwrap();
                assert_eq!(
                    href.as_str(),
                    Some(
                        format!(
                            "https://github.com/copydesk/copydesk/blob/main/docs/rules.md#{code}"
                        )
                        .as_str()
                    )
                );
            } else {
                assert!(d.get("codeDescription").is_none(), "{d}");
            }
        }
        let loaded = find(&diagnostics, "loaded-verb").expect("loaded-verb");
        let actions = client
            .request(
                "textDocument/codeAction",
                json!({
                    "textDocument": {"uri": uri},
                    "range": loaded["range"],
                    "context": {"diagnostics": [loaded]},
                }),
            )
            .expect("codeAction");
        let named: Vec<&Value> = actions
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|a| a["diagnostics"].as_array())
            .flatten()
            .collect();
        assert!(named.contains(&loaded), "{actions}");
        for d in named {
            assert!(diagnostics.contains(d), "not as published: {d}");
        }
        assert_eq!(client.shutdown_and_exit().code(), Some(0));
    }
}

#[test]
fn incremental_edits_with_emoji_and_curly_quotes() {
    for offered in [vec!["utf-16"], vec!["utf-8"]] {
        let mut client = Client::start(&offered, None);
        let uri = client.uri("ferry.md");
        let mut text = DRAFT.to_string();
        client.open(&uri, &text);
        assert!(find(&client.diagnostics(&uri, 1), "loaded-verb").is_some());

        // Type after the emoji, then replace “claimed” with “said”, in one didChange.
        let emoji_end = text.find('😀').unwrap() + '😀'.len_utf8();
        let first = (client.range(&text, emoji_end, emoji_end), " 🚢");
        text.replace_range(emoji_end..emoji_end, " 🚢");
        let claimed = text.find("claimed").unwrap();
        let second = (client.range(&text, claimed, claimed + 7), "said");
        text.replace_range(claimed..claimed + 7, "said");
        client.change(&uri, 2, &[first, second]);
        let diagnostics = client.diagnostics(&uri, 2);
        assert!(
            find(&diagnostics, "loaded-verb").is_none(),
            "{diagnostics:#?}"
        );

        // A new paragraph with curly quotes and an emoji, and a loaded verb at its end.
        let end = text.len();
        let paragraph = "\n“Fine 👍 by me,” Patel insisted.\n";
        client.change(&uri, 3, &[(client.range(&text, end, end), paragraph)]);
        text.push_str(paragraph);
        let diagnostics = client.diagnostics(&uri, 3);
        let loaded = find(&diagnostics, "loaded-verb").expect("loaded-verb on “insisted”");
        let insisted = text.find("insisted").unwrap();
        assert_eq!(loaded["range"], client.range(&text, insisted, insisted + 8));

        // A replaced range that spans lines, ending inside the new paragraph.
        let start = text.find("A harbor official").unwrap();
        let stop = text.find("Fine").unwrap();
        client.change(&uri, 4, &[(client.range(&text, start, stop), "Fine")]);
        text.replace_range(start..stop, "Fine");
        let diagnostics = client.diagnostics(&uri, 4);
        assert!(find(&diagnostics, "anonymous-source").is_none());
        let insisted = text.find("insisted").unwrap();
        let loaded = find(&diagnostics, "loaded-verb").expect("loaded-verb still there");
        assert_eq!(loaded["range"], client.range(&text, insisted, insisted + 8));
        assert_eq!(client.shutdown_and_exit().code(), Some(0));
    }
}

#[test]
fn stale_versions_and_out_of_range_positions_do_not_break_the_server() {
    let mut client = Client::start(&["utf-16"], None);
    let uri = client.uri("ferry.md");
    client.open(&uri, DRAFT);
    client.diagnostics(&uri, 1);
    // Past the end of the text, and in the middle of the emoji's surrogate pair.
    let emoji = DRAFT.find('😀').unwrap();
    let (line, col) = line_col(DRAFT, emoji, Encoding::Utf16);
    client.change(
        &uri,
        2,
        &[
            (json!({"start": {"line": 999, "character": 5}, "end": {"line": 999, "character": 9}}), "\nThe end."),
            (json!({"start": {"line": line, "character": col + 1}, "end": {"line": line, "character": col + 1}}), "!"),
        ],
    );
    let mut text = DRAFT.to_string();
    text.push_str("\nThe end.");
    text.insert(emoji, '!');
    // A change with an older version is ignored.
    client.change(
        &uri,
        1,
        &[(
            json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}),
            "JUNK ",
        )],
    );
    client.change(
        &uri,
        3,
        &[(
            json!({"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}),
            "",
        )],
    );
    let diagnostics = client.diagnostics(&uri, 3);
    let fresh_uri = client.uri("fresh.md");
    client.open(&fresh_uri, &text);
    let fresh = client.diagnostics(&fresh_uri, 1);
    assert_eq!(without_uris(&diagnostics), without_uris(&fresh));
    // Requests at impossible positions answer instead of crashing.
    for position in [
        json!({"line": 9999, "character": 9999}),
        json!({"line": line, "character": col + 1}),
    ] {
        let hover = client.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": position}),
        );
        assert!(
            hover.is_ok() || hover.as_ref().unwrap_err()["code"] == -32601,
            "{hover:?}"
        );
    }
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn three_hundred_rapid_edits_end_with_the_diagnostics_of_the_final_text() {
    let mut client = Client::start(&["utf-16"], None);
    let uri = client.uri("typing.md");
    let mut text = DRAFT.to_string();
    client.open(&uri, &text);
    // Type a paragraph one character at a time (curly quotes and emoji included), with an
    // occasional backspace, as fast as the pipe takes it.
    let typed = "\n“We will finish 🚢 the pier by June,” Okafor admitted. A source said the money ran out. “Nobody 😀 believes that.” ";
    let mut version = 1;
    let mut chars = typed.chars().cycle();
    while version < 301 {
        version += 1;
        let end = text.len();
        if version % 17 == 0 {
            // Backspace the last character.
            let last = text.chars().next_back().unwrap();
            let start = end - last.len_utf8();
            client.change(&uri, version, &[(client.range(&text, start, end), "")]);
            text.truncate(start);
        } else {
            let ch = chars.next().unwrap().to_string();
            client.change(&uri, version, &[(client.range(&text, end, end), &ch)]);
            text.push_str(&ch);
        }
    }
    let last = client.diagnostics(&uri, 301);
    // Versions published before the last one were increasing (never a stale one after a
    // newer one), and nothing follows the last version.
    let published = |messages: &[Value]| -> Vec<i64> {
        messages
            .iter()
            .filter(|m| {
                m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
            })
            .map(|m| m["params"]["version"].as_i64().unwrap())
            .collect()
    };
    let before = published(&client.take_backlog());
    assert!(
        before.windows(2).all(|w| w[0] < w[1]) && before.iter().all(|v| *v < 301),
        "{before:?}"
    );
    let after = published(&client.drain(Duration::from_millis(500)));
    assert!(
        after.is_empty(),
        "published after the last version: {after:?}"
    );
    let fresh_uri = client.uri("fresh.md");
    client.open(&fresh_uri, &text);
    let fresh = client.diagnostics(&fresh_uri, 1);
    assert!(!fresh.is_empty());
    assert_eq!(without_uris(&last), without_uris(&fresh));
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn published_versions_never_go_backwards() {
    let mut client = Client::start(&["utf-8"], None);
    let uri = client.uri("order.md");
    let mut text = DRAFT.to_string();
    client.open(&uri, &text);
    for version in 2..=60 {
        let end = text.len();
        let ch = if version % 2 == 0 { "“" } else { "”" };
        client.change(&uri, version, &[(client.range(&text, end, end), ch)]);
        text.push_str(ch);
    }
    client.diagnostics(&uri, 60);
    client.request("shutdown", Value::Null).unwrap();
    let mut seen = vec![];
    for m in client.drain(Duration::from_millis(50)) {
        if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri {
            seen.push(m["params"]["version"].as_i64().unwrap());
        }
    }
    assert!(seen.windows(2).all(|w| w[0] < w[1]), "{seen:?}");
}

#[test]
fn exit_after_shutdown_is_prompt_with_stdin_open_and_code_0() {
    let mut client = Client::start(&["utf-16"], None);
    let uri = client.uri("a.md");
    client.open(&uri, DRAFT);
    client.diagnostics(&uri, 1);
    client.request("shutdown", Value::Null).unwrap();
    let start = Instant::now();
    client.notify("exit", Value::Null);
    let status = client
        .wait_exit(Duration::from_secs(1))
        .expect("exits within a second although stdin is still open");
    assert!(start.elapsed() < Duration::from_secs(1));
    assert_eq!(status.code(), Some(0));
}

#[test]
fn exit_without_shutdown_exits_with_code_1() {
    let mut client = Client::start(&["utf-16"], None);
    client.notify("exit", Value::Null);
    let status = client.wait_exit(Duration::from_secs(1)).expect("exits");
    assert_eq!(status.code(), Some(1));
}

#[test]
fn closing_a_document_clears_its_diagnostics() {
    let mut client = Client::start(&["utf-16"], None);
    let uri = client.uri("a.md");
    client.open(&uri, DRAFT);
    assert!(!client.diagnostics(&uri, 1).is_empty());
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    let cleared = client.wait_for("cleared diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
    });
    assert_eq!(cleared["params"]["diagnostics"], json!([]));
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn configuration_from_initialization_options_and_did_change_configuration() {
    let mut client = Client::start(
        &["utf-16"],
        Some(json!({"rules": {"anonymous-source": "off", "loaded-verb": "error"}})),
    );
    let uri = client.uri("ferry.md");
    client.open(&uri, DRAFT);
    let diagnostics = client.diagnostics(&uri, 1);
    assert!(find(&diagnostics, "anonymous-source").is_none());
    assert_eq!(find(&diagnostics, "loaded-verb").unwrap()["severity"], 1);

    // Turn loaded-verb off: the document is re-checked and published again (same version).
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"rules": {"loaded-verb": "off"}}}}),
    );
    let diagnostics = client.diagnostics(&uri, 1);
    assert!(
        find(&diagnostics, "loaded-verb").is_none(),
        "{diagnostics:#?}"
    );
    // The new settings replace the initialization options: anonymous-source is back.
    assert!(find(&diagnostics, "anonymous-source").is_some());

    // A bad setting: reported with window/showMessage, and the defaults come back.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {"rules": {"loaded-verbs": "off"}}}}),
    );
    let message = client.wait_for("showMessage", |m| m["method"] == "window/showMessage");
    assert_eq!(message["params"]["type"], 1);
    assert!(
        message["params"]["message"]
            .as_str()
            .unwrap()
            .contains("loaded-verbs")
    );
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(find(&diagnostics, "loaded-verb").unwrap()["severity"], 2);
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn configuration_pulled_with_workspace_configuration() {
    let mut client = Client::spawn();
    client.configuration = json!({"rules": {"unattributed-quote": "off"}});
    client.initialize(&["utf-16"], None, json!({"configuration": true}));
    let request = client.wait_for("workspace/configuration", |m| {
        m["method"] == "workspace/configuration"
    });
    assert_eq!(request["params"]["items"][0]["section"], "copydesk");
    let uri = client.uri("ferry.md");
    client.open(&uri, DRAFT);
    // The pulled settings apply once answered; the last publication for v1 has no finding.
    let deadline = Instant::now() + common::TIMEOUT;
    loop {
        let diagnostics = client.diagnostics(&uri, 1);
        if find(&diagnostics, "unattributed-quote").is_none() {
            break;
        }
        assert!(Instant::now() < deadline, "pulled settings never applied");
    }
    // didChangeConfiguration with no settings (the pull model): ask again.
    client.configuration = json!({"rules": {"unattributed-quote": "error"}});
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": null}),
    );
    let diagnostics = client.diagnostics(&uri, 1);
    assert_eq!(
        find(&diagnostics, "unattributed-quote").unwrap()["severity"],
        1
    );
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn project_config_file_is_found_by_walking_up_and_a_bad_one_is_reported() {
    let mut client = Client::start(&["utf-16"], Some(json!({"copydesk": {}})));
    let nested = client.dir().join("metro/harbor");
    std::fs::create_dir_all(&nested).unwrap();
    let config_path = client.dir().join(".copydesk.toml");
    std::fs::write(&config_path, "[rules]\nloaded-verb = \"off\"\n").unwrap();
    let uri = client.uri("metro/harbor/ferry.md");
    client.open(&uri, DRAFT);
    let diagnostics = client.diagnostics(&uri, 1);
    assert!(
        find(&diagnostics, "loaded-verb").is_none(),
        "{diagnostics:#?}"
    );
    assert!(find(&diagnostics, "unattributed-quote").is_some());

    // Break the file, open it in the editor and save it.
    let bad = "[rules]\nloaded-verb = \"of\"\n";
    std::fs::write(&config_path, bad).unwrap();
    let config_uri = client.uri(".copydesk.toml");
    client.open_as(&config_uri, "toml", bad);
    let config_diagnostics = client.diagnostics(&config_uri, 1);
    assert_eq!(config_diagnostics.len(), 1, "{config_diagnostics:#?}");
    assert_eq!(config_diagnostics[0]["range"]["start"]["line"], 1);
    assert_eq!(config_diagnostics[0]["severity"], 1);
    client.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": config_uri}}),
    );
    let message = client.wait_for("showMessage", |m| m["method"] == "window/showMessage");
    let text = message["params"]["message"].as_str().unwrap();
    assert!(text.contains(".copydesk.toml:2:"), "{text}");
    // The defaults are in force: loaded-verb is back.
    let diagnostics = client.diagnostics(&uri, 1);
    assert!(
        find(&diagnostics, "loaded-verb").is_some(),
        "{diagnostics:#?}"
    );

    // Fix it in the editor: the config file's diagnostic goes away.
    let fixed = "[rules]\nloaded-verb = \"off\"\n";
    client.change(&config_uri, 2, &[(client.range(bad, 0, bad.len()), fixed)]);
    assert_eq!(client.diagnostics(&config_uri, 2), Vec::<Value>::new());
    // Saved to disk and announced as a watched-file change: loaded-verb is off again.
    std::fs::write(&config_path, fixed).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    );
    let deadline = Instant::now() + common::TIMEOUT;
    loop {
        let diagnostics = client.diagnostics(&uri, 1);
        if find(&diagnostics, "loaded-verb").is_none() {
            break;
        }
        assert!(Instant::now() < deadline);
    }
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn plain_text_drafts_are_checked_too() {
    let mut client = Client::start(&["utf-16"], None);
    let uri = client.uri("wire.txt");
    client.open_as(
        &uri,
        "plaintext",
        "“We are done here.” The meeting ended at noon.\n",
    );
    let diagnostics = client.diagnostics(&uri, 1);
    assert!(codes(&diagnostics).contains(&"unattributed-quote".to_string()));
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn diagnostics_carry_related_information() {
    let mut client = Client::start(&["utf-16"], None);
    let uri = client.uri("first.md");
    let text = "Okafor said the vote would wait. Harbor Commissioner Lena Okafor said Tuesday \
                the ferry contract 🚢 was on hold.\n";
    client.open(&uri, text);
    let diagnostics = client.diagnostics(&uri, 1);
    let first = find(&diagnostics, "first-reference").expect("first-reference");
    assert_eq!(first["range"], client.range(text, 0, 6));
    let related = &first["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], uri);
    let full = text.find("Lena Okafor").unwrap();
    assert_eq!(
        related["location"]["range"],
        client.range(text, full, full + 11)
    );
    assert!(related["message"].as_str().unwrap().contains("Lena Okafor"));
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
// The server panics on request only when built with debug assertions (`state::panic_on_request`):
// a release build has no way in, so under `cargo test --release` this test is skipped, and says so.
#[cfg_attr(
    not(debug_assertions),
    ignore = "the analysis panics on request only in debug builds"
)]
fn a_panic_in_the_analysis_is_survived() {
    let mut client = Client::spawn_with_env(&[("COPYDESK_LSP_TEST_PANIC", "KABOOM")]);
    client.initialize(&["utf-16"], None, json!({}));
    let uri = client.uri("broken.md");
    let broken = format!("{DRAFT}\nKABOOM\n");
    client.open(&uri, &broken);
    assert_eq!(client.diagnostics(&uri, 1), Vec::<Value>::new());
    // Requests on the broken draft answer; other drafts are still checked.
    let hover = client
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": 2, "character": 30}}),
        )
        .unwrap();
    assert!(hover.is_null());
    let other = client.uri("fine.md");
    client.open(&other, DRAFT);
    assert!(find(&client.diagnostics(&other, 1), "loaded-verb").is_some());
    // Remove the trigger: the broken draft is checked again.
    let start = broken.find("KABOOM").unwrap();
    client.change(&uri, 2, &[(client.range(&broken, start, start + 6), "")]);
    assert!(find(&client.diagnostics(&uri, 2), "loaded-verb").is_some());
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn reopening_a_document_at_the_same_version_never_shows_the_old_text() {
    let mut client = Client::start(&["utf-16"], None);
    let uri = client.uri("reopen.md");
    let other = "“We are done here.” The meeting ended at noon.\n";
    for i in 0..20 {
        let text = if i % 2 == 0 { DRAFT } else { other };
        client.open(&uri, text);
        client.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
    }
    client.open(&uri, other);
    let fresh_uri = client.uri("fresh.md");
    client.open(&fresh_uri, other);
    let fresh = client.diagnostics(&fresh_uri, 1);
    let last = client
        .drain(Duration::from_millis(500))
        .into_iter()
        .rfind(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        .expect("diagnostics for the reopened document");
    assert_eq!(last["params"]["version"], 1);
    assert_eq!(
        without_uris(last["params"]["diagnostics"].as_array().unwrap()),
        without_uris(&fresh)
    );
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn bad_initialization_options_are_reported_and_the_defaults_apply() {
    let mut client = Client::spawn();
    let result = client.initialize(
        &["utf-16"],
        Some(json!({"copydesk": {"courtesy-titles": "bbc"}})),
        json!({}),
    );
    let caps = &result["capabilities"];
    assert_eq!(caps["hoverProvider"], true);
    assert_eq!(caps["renameProvider"]["prepareProvider"], true);
    assert_eq!(caps["inlayHintProvider"], true);
    assert_eq!(caps["documentSymbolProvider"], true);
    assert_eq!(result["serverInfo"]["name"], "copydesk");
    let message = client.wait_for("showMessage", |m| m["method"] == "window/showMessage");
    assert!(
        message["params"]["message"]
            .as_str()
            .unwrap()
            .contains("bbc"),
        "{message}"
    );
    let uri = client.uri("ferry.md");
    client.open(&uri, DRAFT);
    assert!(find(&client.diagnostics(&uri, 1), "loaded-verb").is_some());
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}
