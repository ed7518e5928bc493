//! The incremental analysis is the analysis: after any sequence of edits, `analyze_cached` with
//! the cache carried from version to version gives exactly what `analyze` gives on each
//! version, field for field (quotes, speakers with their mentions, claims, diagnostics).
//!
//! Drafts start from the fixture drafts (real copy-desk constructs: running quotations, named and
//! anonymous sources, pronouns, role references, headings and lists) or from generated
//! paragraphs, and are edited the ways a reporter edits: typing a character at a time, deleting,
//! pasting a paragraph or a quote, splitting and joining paragraphs, turning a line into a
//! heading, and edits at two places at once. The configuration changes between edits too, and
//! the cache is tidied between some analyses and not others, as the language server does. In
//! half the runs the cache is told where the edits since the last analysis lie, all of them as
//! one, as the language server tells it (`AnalysisCache::edited`); in the others it finds that
//! out for itself.

use std::collections::BTreeMap;

use copydesk::config::{NameEntry, RuleLevel};
use copydesk::draft::Edit as Told;
use copydesk::{AnalysisCache, Config, Format, analyze, analyze_cached};
use proptest::prelude::*;

const FIXTURES: &[(&str, &str)] = &[
    (
        "anonymous_sources.md",
        include_str!("fixtures/anonymous_sources.md"),
    ),
    ("council_vote.md", include_str!("fixtures/council_vote.md")),
    ("harbor_fire.txt", include_str!("fixtures/harbor_fire.txt")),
    (
        "loaded_verbs.txt",
        include_str!("fixtures/loaded_verbs.txt"),
    ),
    (
        "name_variants.md",
        include_str!("fixtures/name_variants.md"),
    ),
    ("placeholders.md", include_str!("fixtures/placeholders.md")),
    (
        "markdown_code.md",
        include_str!("fixtures/markdown_code.md"),
    ),
    (
        "statement_org.md",
        include_str!("fixtures/statement_org.md"),
    ),
    (
        "titles_scare.txt",
        include_str!("fixtures/titles_scare.txt"),
    ),
    (
        "emoji_columns.md",
        include_str!("fixtures/emoji_columns.md"),
    ),
    (
        "school_board.md",
        include_str!("../examples/school_board.md"),
    ),
];

/// Things a reporter types or pastes, chosen to change what the analysis sees: quote marks that
/// open or close a running quotation, names that introduce or misspell someone, attribution
/// verbs, pronouns, paragraph breaks, Markdown block and inline syntax (which decides whether
/// an edit inside a line can skip the Markdown parse).
#[rustfmt::skip]
const INSERTS: &[&str] = &[
    "“", "”", "\"", "’", "'", "\n\n", "\n", "# ", "> ", "- ", "===\n", " ", ".", ",", "—", "😀",
    "said", " said ", "she said.", "he said.", "told reporters", "according to the mayor",
    "Ana Ruiz", "Ruiz", "Ruis", "Mayor Ana Ruiz", "Ms. Ruiz", "Tom Berrios", "Berrios",
    "the spokesperson", "a senior official", "officials said", "critics say",
    "who spoke on condition of anonymity because", "the statement said",
    "“We will rebuild,” said Lena Okafor, a spokesperson for the Port Authority.",
    "\n\n“The first paragraph of a long quote.\n\n“The second,” she said.\n\n",
    "\n\nCouncil member Dana Whitcomb admitted the plan was late. TK\n\n",
    "\n\n## A heading\n\n", "[CHECK spelling]", "x", "e",
    // A one-word subject that may be a verb is someone only if the draft capitalises it in
    // mid-sentence too, anywhere.
    "Check out the film “Dry Season,” below.", "Check", "check", " at the Check store",
    // Inline Markdown and what ends or starts it, typed into a line of prose.
    "*", "_", "`", "[", "]", "(", ")", "<", ">", "&", "&amp;", "\\", "|", "~~", "#", "!", "  ",
    "\t", "1. ", "![photo](x.jpg)", "<!-- note -->", "<b>", "    ", "<https://x.org>", ":",
    // Line endings from other systems: CommonMark ends a line at a lone `\r` too.
    "\r", "\r\n",
];

/// Whole paragraphs a reporter pastes between two others (each ends with its blank line):
/// people met and not, quotes, and Markdown that the paste's own lines hold.
#[rustfmt::skip]
const PARAGRAPHS: &[&str] = &[
    "“We will rebuild,” said Lena Okafor, a spokesperson for the Port Authority.\n\n",
    "Ruiz said the vote would wait. She did not say why.\n\n",
    "Tom Berrios, who spoke on condition of anonymity, said *nothing* had changed.\n“Nothing,” he said.\n\n",
    "“The first paragraph of a long quote.\n\n“The second,” she said.\n\n",
    "Critics say the plan is late. TK\n\n## A heading\n\n",
    "- a list item\n- another, said Ruiz\n\n",
    "Officials said the port would open.\n\n“It will,” the spokesperson said.\n\n",
];

#[derive(Clone, Debug)]
enum Edit {
    /// Insert text at a fraction of the draft's length.
    Insert(f64, &'static str),
    /// Type a word one character at a time at a fraction of the length: one analysis per key.
    Type(f64, &'static str),
    /// Insert text at the start (or the end) of the `n`th line, where block syntax and
    /// sentence ends live: "# " makes a heading, "===" under a line makes the line above a
    /// heading without changing its text, a closing mark ends a running quotation.
    AtLine(usize, bool, &'static str),
    /// Delete the `n`th line break (joining two lines or paragraphs).
    Join(usize),
    /// Paste paragraphs before the `n`th paragraph (counting round), after its blank line, or
    /// at the end.
    Paste(usize, &'static str),
    /// Cut the `n`th paragraph and the blank line after it (a paste undone).
    Cut(usize),
    /// Delete `len` bytes (rounded to characters) at a fraction of the length.
    Delete(f64, usize),
    /// Type over as many bytes as the text has (a selection replaced, a letter changed):
    /// paragraphs keep their spans but not their text.
    Overwrite(f64, &'static str),
    /// Type over the last characters of the `n`th line: the paragraph's span stays, its last
    /// word or mark changes.
    OverwriteLineEnd(usize, &'static str),
    /// The same at the start of the line, where an opening mark continues a quotation.
    OverwriteLineStart(usize, &'static str),
    /// Two edits far apart in one change set (a find-and-replace).
    Both(f64, f64, &'static str),
    /// A new configuration from here on.
    Configure(u8),
    /// The cache tidied between two analyses, as the language server does after publishing
    /// (`AnalysisCache::tidy`): what follows must not depend on whether it was.
    Tidy,
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = 0.0..=1.0f64;
    let insert = prop::sample::select(INSERTS);
    prop_oneof![
        4 => (at.clone(), insert.clone()).prop_map(|(a, s)| Edit::Insert(a, s)),
        2 => (at.clone(), insert.clone()).prop_map(|(a, s)| Edit::Type(a, s)),
        3 => (any::<usize>(), any::<bool>(), insert.clone())
            .prop_map(|(n, end, s)| Edit::AtLine(n, end, s)),
        1 => any::<usize>().prop_map(Edit::Join),
        2 => (any::<usize>(), prop::sample::select(PARAGRAPHS))
            .prop_map(|(n, s)| Edit::Paste(n, s)),
        1 => any::<usize>().prop_map(Edit::Cut),
        3 => (at.clone(), 1..120usize).prop_map(|(a, n)| Edit::Delete(a, n)),
        2 => (at.clone(), insert.clone()).prop_map(|(a, s)| Edit::Overwrite(a, s)),
        2 => (any::<usize>(), insert.clone()).prop_map(|(n, s)| Edit::OverwriteLineEnd(n, s)),
        2 => (any::<usize>(), insert.clone()).prop_map(|(n, s)| Edit::OverwriteLineStart(n, s)),
        1 => (at.clone(), at, insert).prop_map(|(a, b, s)| Edit::Both(a, b, s)),
        1 => (0..16u8).prop_map(Edit::Configure),
        3 => Just(Edit::Tidy),
    ]
}

/// A draft to start from: a fixture, or generated paragraphs.
fn initial() -> impl Strategy<Value = (String, Format)> {
    let fixture = prop::sample::select(FIXTURES).prop_map(|(name, text)| {
        let format = Format::from_path(name);
        (text.to_string(), format)
    });
    let generated = prop::collection::vec(prop::sample::select(INSERTS), 0..40)
        .prop_map(|pieces| (pieces.concat(), Format::Markdown));
    prop_oneof![3 => fixture, 1 => generated]
}

fn config(n: u8) -> Config {
    let mut config = Config::default();
    if n & 1 == 1 {
        config.attribution_verbs = vec!["testified".into(), "rebuild".into()];
    }
    if n & 2 == 2 {
        let mut names = BTreeMap::new();
        names.insert(
            "Ana Ruiz".to_string(),
            NameEntry {
                role: Some("mayor".into()),
                variants: vec!["Ruis".into()],
            },
        );
        config.names = names;
    }
    if n & 4 == 4 {
        // Text the edits type: windows that hold it become explained anonymity.
        config.anonymity_phrases = vec!["Told Reporters".into()];
    }
    if n & 8 == 8 {
        config
            .rules
            .insert("anonymity-unexplained".into(), RuleLevel::Off);
    }
    config
}

/// The byte offset at `fraction` of `text`, moved back to a character boundary.
fn offset(text: &str, fraction: f64) -> usize {
    let mut at = ((text.len() as f64) * fraction) as usize;
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The start of the `n`th line (counting round), or the end of its text (before its line break).
fn line_edge(text: &str, n: usize, end: bool) -> usize {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let start = starts[n % starts.len()];
    if !end {
        return start;
    }
    text[start..].find('\n').map_or(text.len(), |i| start + i)
}

/// Where each paragraph starts: the start of the text and every line after a blank line; and
/// the end of the text, where a reporter adds paragraphs.
fn paragraph_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices("\n\n").map(|(i, _)| i + 2))
        .chain(std::iter::once(text.len()))
        .collect()
}

/// The bytes from `at` that deleting `len` of them takes, rounded up to a character.
fn deleted(text: &str, at: usize, len: usize) -> std::ops::Range<usize> {
    let mut end = (at + len).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    at..end
}

/// A draft as an editor holds it: its text, and where the edits since its last analysis lie,
/// all of them as one, as the language server hands them to the cache.
struct Edited {
    text: String,
    since: Option<Told>,
}

impl Edited {
    fn replace(&mut self, range: std::ops::Range<usize>, with: &str) {
        let edit = Told {
            start: range.start,
            old_end: range.end,
            new_end: range.start + with.len(),
        };
        self.text.replace_range(range, with);
        self.since = Some(match self.since {
            Some(before) => before.then(edit),
            None => edit,
        });
    }

    fn insert(&mut self, at: usize, s: &str) {
        self.replace(at..at, s);
    }

    /// What the cache is told before an analysis, if it is told (`tell`): the edits since the
    /// last one, or none at the end of the text.
    fn told(&mut self, tell: bool) -> Option<Told> {
        let end = self.text.len();
        let since = self.since.take();
        tell.then(|| {
            since.unwrap_or(Told {
                start: end,
                old_end: end,
                new_end: end,
            })
        })
    }
}

/// Analyses `text` with the cache and afresh; fails, naming the fields that differ, unless the
/// two are equal. With `told`, the cache is told where the text changed since the last analysis,
/// as the language server tells it.
fn compare(
    (text, told): (&str, Option<Told>),
    format: Format,
    config: &Config,
    cache: &mut AnalysisCache,
) -> Result<(), TestCaseError> {
    cache.edited(told);
    let incremental = analyze_cached(text, format, config, cache);
    let full = analyze(text, format, config);
    if incremental != full {
        // The first field that differs, for a readable failure.
        let fields = [
            ("paragraphs", incremental.paragraphs != full.paragraphs),
            ("quotes", incremental.quotes != full.quotes),
            ("speakers", incremental.speakers != full.speakers),
            ("claims", incremental.claims != full.claims),
            ("diagnostics", incremental.diagnostics != full.diagnostics),
        ];
        let differing: Vec<_> = fields.iter().filter(|f| f.1).map(|f| f.0).collect();
        return Err(TestCaseError::fail(format!(
            "incremental analysis differs from a full analysis in {differing:?} on:\n{text}"
        )));
    }
    Ok(())
}

/// Analyses `start` and each version `edits` make of it with one cache, telling the cache
/// where each edit is if `tell`, and compares each with a full analysis.
fn run(start: (String, Format), edits: &[Edit], tell: bool) -> Result<(), TestCaseError> {
    let (text, format) = start;
    let mut draft = Edited { text, since: None };
    let mut cfg = Config::default();
    let mut cache = AnalysisCache::default();
    compare((&draft.text, None), format, &cfg, &mut cache)?;
    for e in edits {
        match e {
            Edit::Insert(at, s) => {
                let at = offset(&draft.text, *at);
                draft.insert(at, s);
            }
            Edit::Type(at, s) => {
                let mut at = offset(&draft.text, *at);
                for c in s.chars() {
                    draft.insert(at, c.encode_utf8(&mut [0; 4]));
                    at += c.len_utf8();
                    let told = draft.told(tell);
                    compare((&draft.text, told), format, &cfg, &mut cache)?;
                }
            }
            Edit::AtLine(n, end, s) => {
                let at = line_edge(&draft.text, *n, *end);
                draft.insert(at, s);
            }
            Edit::Join(n) => {
                let breaks: Vec<usize> = draft.text.match_indices('\n').map(|(i, _)| i).collect();
                if !breaks.is_empty() {
                    let at = breaks[n % breaks.len()];
                    draft.replace(at..at + 1, " ");
                }
            }
            Edit::Paste(n, s) => {
                let at = paragraph_starts(&draft.text);
                draft.insert(at[n % at.len()], s);
            }
            Edit::Cut(n) => {
                let at = paragraph_starts(&draft.text);
                let start = at[n % at.len()];
                let end = draft.text[start..]
                    .find("\n\n")
                    .map_or(draft.text.len(), |i| start + i + 2);
                draft.replace(start..end, "");
            }
            Edit::Delete(at, len) => {
                let at = offset(&draft.text, *at);
                draft.replace(deleted(&draft.text, at, *len), "");
            }
            Edit::Overwrite(at, s) => {
                let at = offset(&draft.text, *at);
                draft.replace(deleted(&draft.text, at, s.len()), "");
                draft.insert(at, s);
            }
            Edit::OverwriteLineEnd(n, s) => {
                let end = line_edge(&draft.text, *n, true);
                let mut at = end.saturating_sub(s.len());
                while !draft.text.is_char_boundary(at) {
                    at -= 1;
                }
                draft.replace(at..end, s);
            }
            Edit::OverwriteLineStart(n, s) => {
                let at = line_edge(&draft.text, *n, false);
                draft.replace(deleted(&draft.text, at, s.len()), "");
                draft.insert(at, s);
            }
            Edit::Both(a, b, s) => {
                let (a, b) = (offset(&draft.text, *a), offset(&draft.text, *b));
                let (first, second) = (a.min(b), a.max(b));
                draft.insert(second, s);
                draft.insert(first, s);
            }
            Edit::Configure(n) => cfg = config(*n),
            Edit::Tidy => cache.tidy(),
        }
        let told = draft.told(tell);
        compare((&draft.text, told), format, &cfg, &mut cache)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]

    #[test]
    fn incremental_analysis_equals_full_analysis(
        start in initial(),
        edits in prop::collection::vec(edit(), 1..12),
        tell in any::<bool>(),
    ) {
        run(start, &edits, tell)?;
    }
}

/// The cache is per document: handing it a different draft is allowed and still exact.
#[test]
fn a_cache_moved_to_another_draft_still_gives_the_full_analysis() {
    let mut cache = AnalysisCache::default();
    for (name, text) in FIXTURES.iter().chain(FIXTURES.iter().rev()) {
        let format = Format::from_path(name);
        let config = Config::default();
        assert_eq!(
            analyze_cached(text, format, &config, &mut cache),
            analyze(text, format, &config),
            "{name}"
        );
    }
}

/// The edit a reporter makes most: one character in the middle of a long draft, where the
/// paragraphs around it are taken from the cache. Then the same in the last paragraph of a
/// running quotation, where the quote's continuation changes.
#[test]
fn a_keystroke_in_a_running_quotation_is_exact() {
    let text = "Mayor Ana Ruiz spoke on Monday.\n\n\
                “The first paragraph of the quote.\n\n\
                “The second paragraph.\n\n\
                “The last one,” she said.\n\n\
                Ruiz left.\n";
    let mut cache = AnalysisCache::default();
    let config = Config::default();
    let format = Format::Markdown;
    let mut version = text.to_string();
    analyze_cached(&version, format, &config, &mut cache);
    // Close the second paragraph's quote: the third no longer continues it.
    let at = version.find("paragraph.\n\n“The last").unwrap() + "paragraph.".len();
    version.insert(at, '”');
    let cached = analyze_cached(&version, format, &config, &mut cache);
    assert_eq!(cached, analyze(&version, format, &config));
    let continued: Vec<_> = cached.quotes.iter().map(|q| q.continues).collect();
    assert_eq!(continued, [None, Some(0), None]);
}

/// A paragraph that an edit turns into a link reference definition ("[label]: destination
/// 'title'", its label closed on a later line) leaves no paragraph: the cached analysis must
/// not keep it. Found by the `cached_edits` fuzz target.
#[test]
fn a_paragraph_that_becomes_a_link_definition_is_gone() {
    let text = "[Council meeting, March\n2026]: minutes of 'March'\n\nThe vote was 5-2.\n";
    let config = Config::default();
    let format = Format::Markdown;
    let mut cache = AnalysisCache::default();
    let before = analyze_cached(text, format, &config, &mut cache);
    assert_eq!(before.paragraphs.len(), 2);
    cache.tidy();
    let edited = text.replace("of ", "");
    let after = analyze_cached(&edited, format, &config, &mut cache);
    assert_eq!(after, analyze(&edited, format, &config));
    assert_eq!(after.paragraphs.len(), 1, "{:?}", after.paragraphs);
}

/// The anonymous sources' findings of `versions` analysed in turn with one cache (each with
/// its configuration), after checking each against a full analysis.
fn unexplained_in_turn(versions: &[(&str, &Config)]) -> Vec<usize> {
    let mut cache = AnalysisCache::default();
    let format = Format::Markdown;
    versions
        .iter()
        .map(|(text, config)| {
            let cached = analyze_cached(text, format, config, &mut cache);
            assert_eq!(cached, analyze(text, format, config), "{text}");
            let unexplained = cached.diagnostics.iter();
            unexplained
                .filter(|d| d.code == "anonymity-unexplained")
                .count()
        })
        .collect()
}

#[test]
fn a_reason_typed_beside_an_anonymous_source_explains_it() {
    let before = "The port will open, a senior official said. The date is not set.\n\n\
                  The mayor agreed.\n";
    // Typed into the sentence after the source's: its window, in a paragraph read again.
    let typed = before.replace(
        "The date is not set.",
        "The date is not set, he said on background.",
    );
    // Typed over as many bytes: the window keeps its place but not its text.
    let over = before.replace("The date is not set.", "It is on background.");
    assert_eq!(before.len(), over.len());
    let config = Config::default();
    let versions = [before, &typed, before, &over, before];
    let versions: Vec<_> = versions.iter().map(|v| (*v, &config)).collect();
    assert_eq!(unexplained_in_turn(&versions), [1, 0, 1, 0, 1]);
}

#[test]
fn new_anonymity_phrases_are_looked_for_in_unchanged_text() {
    let text = "The port will open, a senior official said under the house rules.\n\n\
                The mayor agreed.\n";
    let house = Config {
        anonymity_phrases: vec!["Under the House Rules".into()],
        ..Config::default()
    };
    let plain = Config::default();
    assert_eq!(
        unexplained_in_turn(&[(text, &plain), (text, &house), (text, &plain)]),
        [1, 0, 1]
    );
}
