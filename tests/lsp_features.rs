//! Protocol tests of the language features: hover, outline, navigation, rename, code actions,
//! inlay hints, workspace symbols. Each drives the real `copydesk lsp` binary.

mod common;

use std::time::Duration;

use common::{
    Client, DRAFT, Encoding, apply_action, apply_edits, edits_for, has, offset_of, open_draft,
};
use serde_json::{Value, json};

fn at(uri: &str, position: Value) -> Value {
    json!({"textDocument": {"uri": uri}, "position": position})
}

fn hover_text(client: &mut Client, uri: &str, needle: &str, delta: usize) -> Option<String> {
    let position = client.position_of(DRAFT, needle, 0, delta);
    let result = client
        .request("textDocument/hover", at(uri, position))
        .unwrap();
    if result.is_null() {
        return None;
    }
    assert_eq!(result["contents"]["kind"], "markdown");
    Some(result["contents"]["value"].as_str().unwrap().to_string())
}

#[test]
fn hover_shows_the_speaker_behind_any_mention_or_quote() {
    for offered in [vec!["utf-16"], vec!["utf-8"]] {
        let mut client = Client::start(&offered, None);
        let uri = open_draft(&mut client, "ferry.md", DRAFT);
        // The full name, the surname after the emoji, and the pronoun all show the same card.
        for needle in ["Lena Okafor", "Okafor claimed", "she said"] {
            let card = hover_text(&mut client, &uri, needle, 1).expect(needle);
            assert!(
                card.starts_with("**Lena Okafor** — Harbor Commissioner"),
                "{needle}: {card}"
            );
            assert!(card.contains("person · 3 quotes · 1 paraphrase"), "{card}");
            assert!(card.contains("first reference on line 3"), "{card}");
            // Other names the draft uses, read when the hover asks for them.
            assert!(card.contains("\n\nAlso: Okafor\n"), "{card}");
            assert!(
                card.contains("- line 5: “The schedule slipped twice already,”"),
                "{card}"
            );
        }
        // The hover range is the mention, in the negotiated encoding.
        let okafor = DRAFT.find("Okafor claimed").unwrap();
        let position = client.position(DRAFT, okafor + 2);
        let result = client
            .request("textDocument/hover", at(&uri, position))
            .unwrap();
        assert_eq!(result["range"], client.range(DRAFT, okafor, okafor + 6));

        // A quote: its speaker; an unattributed quote says so; plain prose has no hover.
        let card = hover_text(&mut client, &uri, "We need more", 3).unwrap();
        assert!(
            card.starts_with("Quote attributed to **Ravi Patel** — Deputy Commissioner"),
            "{card}"
        );
        let card = hover_text(&mut client, &uri, "This is a giveaway", 3).unwrap();
        assert!(card.starts_with("**Unattributed quote**"), "{card}");
        assert_eq!(hover_text(&mut client, &uri, "ferry vote", 2), None);
        assert_eq!(client.shutdown_and_exit().code(), Some(0));
    }
}

fn check_nesting(symbol: &Value) {
    let inside = |inner: &Value, outer: &Value| {
        let key = |p: &Value| {
            (
                p["line"].as_u64().unwrap(),
                p["character"].as_u64().unwrap(),
            )
        };
        key(&outer["start"]) <= key(&inner["start"]) && key(&inner["end"]) <= key(&outer["end"])
    };
    assert!(
        inside(&symbol["selectionRange"], &symbol["range"]),
        "{symbol:#?}"
    );
    assert_ne!(symbol["kind"], 15, "String is what Markdown headings use");
    for child in symbol["children"].as_array().into_iter().flatten() {
        assert!(
            inside(&child["range"], &symbol["range"]),
            "{child:#?} in {symbol:#?}"
        );
        check_nesting(child);
    }
}

#[test]
fn outline_of_claims_by_speaker() {
    let mut client = Client::start(&["utf-16"], None);
    let uri = open_draft(&mut client, "ferry.md", DRAFT);
    let symbols = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        )
        .unwrap();
    let symbols = symbols.as_array().unwrap();
    let names: Vec<&str> = symbols
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Lena Okafor",
            "Anonymous sources",
            "Unattributed",
            "Ravi Patel"
        ]
    );
    for symbol in symbols {
        check_nesting(symbol);
    }
    let okafor = &symbols[0];
    assert_eq!(okafor["detail"], "Harbor Commissioner");
    assert_eq!(okafor["kind"], 5); // Class
    let claims: Vec<(&str, &str)> = okafor["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["detail"].as_str().unwrap(), c["name"].as_str().unwrap()))
        .collect();
    assert_eq!(claims[0].0, "paraphrase");
    // Long quotes are shortened to 60 characters.
    assert_eq!(
        claims[1],
        (
            "quote",
            "“We will not rush a decision 😀 that costs 40 million dollar…"
        )
    );
    assert_eq!(claims.len(), 4);
    assert_eq!(
        okafor["selectionRange"],
        client.range(
            DRAFT,
            DRAFT.find("Lena Okafor").unwrap(),
            DRAFT.find("Lena Okafor").unwrap() + 11
        )
    );
    let anonymous = &symbols[1];
    assert_eq!(anonymous["children"][0]["name"], "a harbor official");
    assert_eq!(
        anonymous["children"][0]["children"][0]["detail"],
        "paraphrase"
    );
    let unattributed = &symbols[2];
    assert_eq!(
        unattributed["children"][0]["name"],
        "“This is a giveaway to the operator.”"
    );
    // A quote's range is the quote.
    let giveaway = DRAFT.find("“This is").unwrap();
    let end = giveaway + "“This is a giveaway to the operator.”".len();
    assert_eq!(
        unattributed["children"][0]["range"],
        client.range(DRAFT, giveaway, end)
    );
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn definition_and_references_follow_the_speaker() {
    let mut client = Client::start(&["utf-8"], None);
    let uri = open_draft(&mut client, "ferry.md", DRAFT);
    let full = DRAFT.find("Lena Okafor").unwrap();
    for (needle, delta) in [("she said", 1), ("Okafor claimed", 3), ("Nobody wants", 2)] {
        let result = client
            .request(
                "textDocument/definition",
                at(&uri, client.position_of(DRAFT, needle, 0, delta)),
            )
            .unwrap();
        assert_eq!(result["uri"], uri, "{needle}");
        assert_eq!(
            result["range"],
            client.range(DRAFT, full, full + 11),
            "{needle}"
        );
    }
    let nothing = client
        .request(
            "textDocument/definition",
            at(&uri, client.position_of(DRAFT, "ferry vote", 0, 1)),
        )
        .unwrap();
    assert!(nothing.is_null());

    let mut params = at(&uri, client.position_of(DRAFT, "Okafor claimed", 0, 0));
    params["context"] = json!({"includeDeclaration": true});
    let refs = client
        .request("textDocument/references", params.clone())
        .unwrap();
    let texts: Vec<String> = refs
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let start = offset_of(DRAFT, &l["range"]["start"], Encoding::Utf8);
            let end = offset_of(DRAFT, &l["range"]["end"], Encoding::Utf8);
            DRAFT[start..end].to_string()
        })
        .collect();
    assert_eq!(
        texts,
        [
            "Lena Okafor",
            "“We will not rush a decision 😀 that costs 40 million dollars,”",
            "Okafor",
            "“The schedule slipped twice already,”",
            "she",
            "“Nobody wants a third time.”",
        ]
    );
    params["context"] = json!({"includeDeclaration": false});
    let refs = client.request("textDocument/references", params).unwrap();
    assert_eq!(refs.as_array().unwrap().len(), 5);
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn rename_a_speaker_and_refuse_what_is_not_one() {
    for workspace in [
        json!({}),
        json!({"workspaceEdit": {"documentChanges": true}}),
    ] {
        let mut client = Client::spawn();
        client.initialize(&["utf-16"], None, workspace.clone());
        let uri = open_draft(&mut client, "ferry.md", DRAFT);
        for (needle, delta) in [("she said", 0), ("A harbor official", 3), ("ferry vote", 1)] {
            let position = client.position_of(DRAFT, needle, 0, delta);
            let refused = client.request("textDocument/prepareRename", at(&uri, position.clone()));
            assert!(
                refused.is_err() || refused == Ok(Value::Null),
                "{needle}: {refused:?}"
            );
            let mut params = at(&uri, position);
            params["newName"] = json!("Someone");
            assert!(
                client.request("textDocument/rename", params).is_err(),
                "{needle}"
            );
        }
        let position = client.position_of(DRAFT, "Okafor claimed", 0, 2);
        let prepared = client
            .request("textDocument/prepareRename", at(&uri, position.clone()))
            .unwrap();
        assert_eq!(prepared["placeholder"], "Okafor");
        let mut params = at(&uri, position);
        params["newName"] = json!("Okonkwo");
        let edit = client.request("textDocument/rename", params).unwrap();
        if workspace["workspaceEdit"]["documentChanges"] == true {
            assert_eq!(edit["documentChanges"][0]["textDocument"]["version"], 1);
        }
        let renamed = apply_edits(DRAFT, &edits_for(&edit, &uri), client.encoding);
        assert!(!renamed.contains("Okafor"), "{renamed}");
        assert!(renamed.contains("Harbor Commissioner Lena Okonkwo said Tuesday"));
        assert!(renamed.contains("dollars,” Okonkwo claimed."));
        assert!(renamed.contains("Ravi Patel"));

        // Rename from the full name: surnames follow.
        let position = client.position_of(DRAFT, "Ravi Patel", 0, 1);
        let mut params = at(&uri, position);
        params["newName"] = json!("Ravi Kumar Shah");
        let edit = client.request("textDocument/rename", params).unwrap();
        let renamed = apply_edits(DRAFT, &edits_for(&edit, &uri), client.encoding);
        assert!(renamed.contains("Deputy Commissioner Ravi Kumar Shah said"));
        assert!(renamed.contains("\"We need more time,\" Shah said."));
        assert_eq!(client.shutdown_and_exit().code(), Some(0));
    }
}

#[test]
fn code_actions_fix_the_draft_and_the_warning_goes_away() {
    for offered in [vec!["utf-16"], vec!["utf-8"]] {
        let mut client = Client::start(&offered, None);
        let uri = open_draft(&mut client, "ferry.md", DRAFT);
        let text = DRAFT.to_string();

        let claimed = text.find("claimed").unwrap();
        let range = client.range(&text, claimed + 1, claimed + 1);
        let (text, diagnostics) = apply_action(
            &mut client,
            &uri,
            &text,
            2,
            range,
            "Replace “claimed” with “said”",
        );
        assert!(text.contains("dollars,” Okafor said."), "{text}");
        assert!(!has(&diagnostics, "loaded-verb"));

        let quote = text.find("“This is").unwrap();
        let range = client.range(&text, quote, quote + 3);
        let (text, diagnostics) = apply_action(
            &mut client,
            &uri,
            &text,
            3,
            range,
            "Insert an attribution placeholder",
        );
        assert!(
            text.contains("“This is a giveaway to the operator,” TK said."),
            "{text}"
        );
        assert!(!has(&diagnostics, "unattributed-quote"));

        let official = text.find("A harbor official").unwrap();
        let range = client.range(&text, official, official + 5);
        let (text, diagnostics) = apply_action(
            &mut client,
            &uri,
            &text,
            4,
            range,
            "Insert a reason-for-anonymity placeholder",
        );
        assert!(
            text.contains(
                "A harbor official, who spoke on condition of anonymity because TK, said"
            ),
            "{text}"
        );
        assert!(
            !has(&diagnostics, "anonymity-unexplained"),
            "{diagnostics:#?}"
        );

        // Patel's straight quotes in a draft of curly ones.
        let straight = text.find("\"We need").unwrap();
        let range = client.range(&text, straight + 2, straight + 2);
        let (text, _) = apply_action(
            &mut client,
            &uri,
            &text,
            5,
            range,
            "Curl this quote's marks",
        );
        assert!(text.contains("“We need more time,” Patel said."), "{text}");
        assert!(!text.contains('"'));
        assert_eq!(client.shutdown_and_exit().code(), Some(0));
    }
}

#[test]
fn inlay_hints_name_the_speaker_behind_pronouns_and_implicit_quotes() {
    let mut client = Client::start(&["utf-16"], None);
    let uri = open_draft(&mut client, "ferry.md", DRAFT);
    let hints = client
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": uri}, "range": client.range(DRAFT, 0, DRAFT.len())}),
        )
        .unwrap();
    let hints: Vec<(Value, &str)> = hints
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["position"].clone(), h["label"].as_str().unwrap()))
        .collect();
    let she = DRAFT.find("she said").unwrap();
    let nobody = DRAFT.find("“Nobody").unwrap();
    assert_eq!(
        hints,
        [
            (client.position(DRAFT, she + 3), "Lena Okafor"),
            (client.position(DRAFT, nobody), "Lena Okafor:"),
        ]
    );
    // A range that excludes them: none.
    let none = client
        .request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": uri}, "range": client.range(DRAFT, 0, 10)}),
        )
        .unwrap();
    assert_eq!(none, json!([]));
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

/// Who speaks where can change with the configuration alone (here a verb the house counts as
/// attribution): the server asks a client that takes it for its inlay hints again, and the
/// hints it then gives follow the new configuration. A client that does not take the request
/// is not sent it.
#[test]
fn a_new_configuration_refreshes_the_inlay_hints() {
    let text =
        "Mayor Ana Ruiz opened the hearing. 🎙️\n\n“We will rebuild the pier,” she deadpanned.\n";
    let hints = |client: &mut Client, uri: &str| -> Vec<String> {
        let range = client.range(text, 0, text.len());
        let found = client
            .request(
                "textDocument/inlayHint",
                json!({"textDocument": {"uri": uri}, "range": range}),
            )
            .unwrap();
        found
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["label"].as_str().unwrap().to_string())
            .collect()
    };
    let is_refresh = |m: &Value| m["method"] == "workspace/inlayHint/refresh";
    for refresh_support in [true, false] {
        let mut client = Client::spawn();
        let workspace = json!({"inlayHint": {"refreshSupport": refresh_support}});
        client.initialize(&["utf-16"], None, workspace);
        let uri = open_draft(&mut client, "pier.md", text);
        assert!(hints(&mut client, &uri).is_empty());
        client.notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"copydesk": {"attribution-verbs": ["deadpanned"]}}}),
        );
        let asked = client.try_wait_for(Duration::from_secs(2), &is_refresh);
        assert_eq!(asked.is_some(), refresh_support);
        assert_eq!(hints(&mut client, &uri), ["Ana Ruiz"]);
        assert_eq!(client.shutdown_and_exit().code(), Some(0));
    }
}

/// The names of the workspace symbols in a `workspace/symbol` answer.
fn symbol_names(found: &Value) -> Vec<&str> {
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect()
}

#[test]
fn workspace_symbols_find_speakers_across_open_drafts() {
    let mut client = Client::start(&["utf-16"], None);
    let ferry = open_draft(&mut client, "ferry.md", DRAFT);
    let second = "Mayor Ana Ruiz said the pier would reopen in May. “We owe the fishermen that,” Ruiz said.\n\n“It is safe,” the mayor said.\n";
    let pier = open_draft(&mut client, "pier.md", second);
    let found = client
        .request("workspace/symbol", json!({"query": "ruiz"}))
        .unwrap();
    let found = found.as_array().unwrap();
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["name"], "Ana Ruiz");
    assert_eq!(found[0]["location"]["uri"], pier);
    assert_eq!(found[0]["containerName"], "pier.md");
    // An alias finds its speaker too: "the mayor" is Ana Ruiz.
    let found = client
        .request("workspace/symbol", json!({"query": "the mayor"}))
        .unwrap();
    assert_eq!(symbol_names(&found), ["Ana Ruiz"]);
    let all = client
        .request("workspace/symbol", json!({"query": ""}))
        .unwrap();
    assert_eq!(
        symbol_names(&all),
        ["Ana Ruiz", "Lena Okafor", "Ravi Patel"]
    );
    assert!(
        all.as_array()
            .unwrap()
            .iter()
            .any(|s| s["location"]["uri"] == ferry)
    );
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}
