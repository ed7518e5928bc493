//! The server keeps an analysis cache per open document and analyses each new version with the
//! cache the previous analysis left. Whatever the cache holds, what is published must be what a
//! fresh analysis of the same text gives: these tests edit a draft through the protocol and
//! compare every publication with that of the same text opened as a new document (which starts
//! with an empty cache), including after a panic in the analysis and a configuration change.

mod common;

use common::{Client, DRAFT, without_uris};
use serde_json::{Value, json};

/// A draft with paragraphs that depend on one another: people introduced once and named by
/// surname later, a variant spelling, running quotations, front matter and a comment.
fn long_draft() -> String {
    format!(
        "{}\n{DRAFT}\n{}",
        include_str!("fixtures/council_vote.md"),
        include_str!("fixtures/name_variants.md")
    )
}

/// One editing session on one document; every edit is checked against a fresh document.
struct Session {
    client: Client,
    uri: String,
    text: String,
    version: i64,
    fresh: usize,
}

impl Session {
    fn open(client: Client, text: String) -> Session {
        let mut session = Session {
            uri: client.uri("edited.md"),
            client,
            text,
            version: 1,
            fresh: 0,
        };
        session.client.open(&session.uri, &session.text);
        let first = session.client.diagnostics(&session.uri, 1);
        session.assert_fresh(&first, "opening");
        session
    }

    /// Sends one `didChange` of `(start, end, replacement)` edits, each in byte offsets of the
    /// text the previous one left, and checks what is published for it.
    fn edit(&mut self, what: &str, changes: &[(usize, usize, &str)]) -> Vec<Value> {
        let mut sent = vec![];
        for &(start, end, replacement) in changes {
            sent.push(
                json!({"range": self.client.range(&self.text, start, end), "text": replacement}),
            );
            self.text.replace_range(start..end, replacement);
        }
        self.send(sent, what)
    }

    /// Sends the whole text as one change without a range (full synchronisation).
    fn replace_all(&mut self, what: &str, text: String) -> Vec<Value> {
        self.text = text;
        self.send(vec![json!({"text": self.text})], what)
    }

    fn send(&mut self, changes: Vec<Value>, what: &str) -> Vec<Value> {
        self.version += 1;
        self.client.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": self.uri, "version": self.version}, "contentChanges": changes}),
        );
        let published = self.client.diagnostics(&self.uri, self.version);
        self.assert_fresh(&published, what);
        published
    }

    /// Sends `edits` as one `didChange` each, one after another without waiting for what is
    /// published (typing faster than the analysis: the server analyses the latest version,
    /// told where all the changes since its last analysis lie as one edit), and checks what is
    /// published for the last.
    fn burst(&mut self, what: &str, edits: &[(usize, usize, &str)]) {
        for &(start, end, replacement) in edits {
            let range = self.client.range(&self.text, start, end);
            self.text.replace_range(start..end, replacement);
            self.version += 1;
            self.client.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": self.uri, "version": self.version},
                       "contentChanges": [{"range": range, "text": replacement}]}),
            );
        }
        let published = self.client.diagnostics(&self.uri, self.version);
        self.assert_fresh(&published, what);
    }

    /// Types `typed` at `at`, one character per `didChange`.
    fn type_at(&mut self, what: &str, mut at: usize, typed: &str) {
        for ch in typed.chars() {
            let s = ch.to_string();
            self.edit(what, &[(at, at, &s)]);
            at += s.len();
        }
    }

    /// Asserts that `published` is what a new document with the same text gets.
    fn assert_fresh(&mut self, published: &[Value], what: &str) {
        self.fresh += 1;
        let uri = self.client.uri(&format!("fresh-{}.md", self.fresh));
        self.client.open(&uri, &self.text);
        let fresh = self.client.diagnostics(&uri, 1);
        self.client.notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": uri}}),
        );
        assert_eq!(
            without_uris(published),
            without_uris(&fresh),
            "after {what}, version {}, text:\n{}",
            self.version,
            self.text
        );
    }

    fn find(&self, needle: &str) -> usize {
        self.text
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in the draft"))
    }
}

#[test]
fn every_version_of_an_edited_draft_is_published_as_a_fresh_analysis_would_be() {
    let mut s = Session::open(Client::start(&["utf-16"], None), long_draft());
    // Typing inside a quote, and after it.
    let at = s.find("rush a decision") + 5;
    s.type_at("typing inside a quote", at, "hasty ");
    let at = s.find("Okafor claimed.") + "Okafor claimed.".len();
    s.type_at("typing after a quote", at, " “Really,” 😀 she added.");
    // A word replaced by another of the same length: the paragraph keeps its place and length.
    let at = s.find("Okafor claimed.") + "Okafor ".len();
    s.edit("a word replaced by one as long", &[(at, at + 7, "replied")]);
    // A pasted paragraph that introduces a person, who is then quoted by surname elsewhere; then
    // both undone.
    let at = s.find("Delgado, 58,");
    let pasted = "City Treasurer Mina Corvale said the fund was empty. “We are out of money.”\n\n";
    s.edit("pasting a paragraph", &[(at, at, pasted)]);
    let later = s.find("Brandvold said the company");
    s.edit(
        "naming the new person later",
        &[(later, later + "Brandvold".len(), "Corvale")],
    );
    s.edit(
        "undoing the surname",
        &[(later, later + "Corvale".len(), "Brandvold")],
    );
    s.edit("undoing the paste", &[(at, at + pasted.len(), "")]);
    // Paragraphs joined and split again.
    let gap = s.find(" She said the delay") - 1;
    let join = s.text[..gap].rfind("\n\n").unwrap();
    s.edit("joining two paragraphs", &[(join, join + 2, " ")]);
    s.edit("splitting them again", &[(join, join + 1, "\n\n")]);
    // An unbalanced quote mark, then its closing mark.
    let at = s.find("Board Chair Robert Kline");
    s.edit("opening a quote", &[(at, at, "“")]);
    let end = s.find("in March.") + "in March.".len();
    s.edit("closing it", &[(end, end, "”")]);
    // Two changes in one notification, the later one first; and a placeholder.
    let (a, b) = (s.find("Tuesday night"), s.find("Ruth Ellingsen"));
    s.edit(
        "two changes in one notification",
        &[(b, b + 4, "Ruthie"), (a, a + 7, "TK")],
    );
    // Changes far apart faster than they are analysed, one undoing another: each analysis
    // takes all the changes since the last as one.
    let (x, y) = (s.find("Ruthie"), s.find("Okafor replied"));
    let (a, b) = (x.min(y), x.max(y));
    s.burst(
        "changes faster than the analysis",
        &[
            (b, b, "Lena "),
            (a, a, "late on "),
            (b + 8, b + 8, "x"),
            (b + 8, b + 9, ""),
            (a + 3, a + 8, "😀 “"),
        ],
    );
    // Two letters of names changed in one notification, the later one first: the edits as
    // one must cover both, though the text keeps its length.
    let (x, y) = (s.find("Ruthie"), s.find("Okafor replied"));
    let (a, b) = (x.min(y), x.max(y));
    s.edit(
        "two letters changed in one notification",
        &[(b, b + 1, "A"), (a, a + 1, "T")],
    );
    // The heading and front matter removed, then the whole text replaced.
    let body = s.find("# Council delays");
    s.edit("removing the front matter", &[(0, body, "")]);
    let whole = format!("{}\n\nA source said the plan was dead.\n", s.text);
    s.replace_all("replacing the whole text", whole);
    s.edit("emptying the draft", &[(0, s.text.len(), "")]);
    s.edit("typing into an empty draft", &[(0, 0, DRAFT)]);
    assert_eq!(s.client.shutdown_and_exit().code(), Some(0));
}

#[test]
// The server panics on request only when built with debug assertions (`state::panic_on_request`):
// a release build has no way in, so under `cargo test --release` this test is skipped, and says so.
#[cfg_attr(
    not(debug_assertions),
    ignore = "the analysis panics on request only in debug builds"
)]
fn after_a_panic_in_the_analysis_the_next_version_is_analysed_afresh() {
    // Debug builds panic on a draft containing this marker (see `state::panic_on_request`).
    let client = Client::spawn_with_env(&[("COPYDESK_LSP_TEST_PANIC", "KABOOM")]);
    let mut s = Session {
        client,
        uri: String::new(),
        text: long_draft(),
        version: 1,
        fresh: 0,
    };
    s.client.initialize(&["utf-16"], None, json!({}));
    s.uri = s.client.uri("edited.md");
    s.client.open(&s.uri, &s.text);
    let first = s.client.diagnostics(&s.uri, 1);
    assert!(!first.is_empty());
    let at = s.find("Okafor claimed.");
    s.edit("an edit before the panic", &[(at, at + 6, "Okafr")]);
    // The marker is checked for before anything is analysed, so the fresh document panics too
    // and both publish nothing.
    let end = s.text.len();
    let published = s.edit("the edit that panics", &[(end, end, "\nKABOOM\n")]);
    assert!(published.is_empty());
    let marker = s.find("\nKABOOM\n");
    let published = s.edit("removing the marker", &[(marker, marker + 8, "")]);
    assert!(!published.is_empty());
    let at = s.find("Okafr");
    s.edit("an edit after the panic", &[(at, at + 5, "Okafor")]);
    assert_eq!(s.client.shutdown_and_exit().code(), Some(0));
}

#[test]
fn a_configuration_change_between_edits_is_applied_to_the_next_version() {
    let mut s = Session::open(Client::start(&["utf-8"], None), long_draft());
    // A verb that attributes a quote only once it is configured, in a paragraph that is not
    // edited again: only a cache that notices the new configuration reads it again.
    let at = s.find("she said. “Nobody");
    let published = s.edit("a verb that is not one yet", &[(at + 4, at + 8, "opined")]);
    assert!(published.iter().any(|d| d["code"] == "unattributed-quote"));
    let settings = json!({"rules": {"loaded-verb": "off"}, "attribution-verbs": ["opined"]});
    s.client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": settings}}),
    );
    // The open document is published again under the new settings, at the same version.
    let republished = s.client.diagnostics(&s.uri, s.version);
    s.assert_fresh(&republished, "the configuration change");
    assert!(!republished.iter().any(|d| d["code"] == "loaded-verb"));
    let at = s.find("Okafor claimed.");
    s.edit("an edit under the new settings", &[(at, at, "Lena ")]);
    s.client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"copydesk": {}}}),
    );
    let republished = s.client.diagnostics(&s.uri, s.version);
    s.assert_fresh(&republished, "going back to the defaults");
    assert!(republished.iter().any(|d| d["code"] == "loaded-verb"));
    let at = s.find("Lena Okafor claimed.");
    s.edit("an edit under the defaults again", &[(at, at + 5, "")]);
    assert_eq!(s.client.shutdown_and_exit().code(), Some(0));
}
