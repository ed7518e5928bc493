//! Suppression comments inserted by code actions, honoured by the analysis.

mod common;

use common::{Client, DRAFT, apply_action, has, open_draft};
use serde_json::json;

#[test]
fn suppression_comments_from_code_actions_silence_the_rule() {
    let mut client = Client::start(&["utf-16"], None);
    let uri = open_draft(&mut client, "ferry.md", DRAFT);
    let official = DRAFT.find("A harbor official").unwrap();
    let range = client.range(DRAFT, official, official + 1);
    let (text, diagnostics) = apply_action(
        &mut client,
        &uri,
        DRAFT,
        2,
        range,
        "Disable anonymous-source for this line",
    );
    assert!(
        text.contains(
            "\n<!-- copydesk-disable-next-line anonymous-source -->\nA harbor official said"
        ),
        "{text}"
    );
    assert!(!has(&diagnostics, "anonymous-source"), "{diagnostics:#?}");
    assert!(
        has(&diagnostics, "anonymity-unexplained"),
        "only that rule is silenced"
    );

    let quote = text.find("“This is").unwrap();
    let range = client.range(&text, quote, quote);
    let (text, diagnostics) = apply_action(
        &mut client,
        &uri,
        &text,
        3,
        range,
        "Disable unattributed-quote in this file",
    );
    assert!(
        text.starts_with("<!-- copydesk-disable unattributed-quote -->\n# Harbor"),
        "{text}"
    );
    assert!(!has(&diagnostics, "unattributed-quote"), "{diagnostics:#?}");
    assert!(has(&diagnostics, "loaded-verb"));

    // `only` filters by kind.
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": client.range(&text, 0, text.len()),
                   "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        )
        .unwrap();
    assert!(
        actions
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["kind"] == "source.fixAll")
    );
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}
