//! Generated drafts for the benchmarks: the fixture stories under `tests/fixtures/`, repeated
//! until the word count is reached. Each copy renames its people (a different invented prefix on
//! every name), so a long draft has many distinct speakers instead of one Delgado quoted a
//! hundred times: the speaker registry and the name rules see a realistic, growing cast.
//! `benches/gen_drafts.py` builds the same drafts byte for byte, for the scripts.

/// The stories; [`draft`] drops their front matter and turns headlines into paragraphs.
const STORIES: &[&str] = &[
    include_str!("../../tests/fixtures/council_vote.md"),
    include_str!("../../tests/fixtures/harbor_fire.txt"),
    include_str!("../../tests/fixtures/anonymous_sources.md"),
    include_str!("../../tests/fixtures/loaded_verbs.txt"),
    include_str!("../../tests/fixtures/statement_org.md"),
    include_str!("../../tests/fixtures/titles_scare.txt"),
    include_str!("../../tests/fixtures/name_variants.md"),
    include_str!("../../tests/fixtures/emoji_columns.md"),
    include_str!("../../tests/fixtures/placeholders.md"),
    include_str!("../../tests/fixtures/markdown_code.md"),
];

/// Names in the fixtures that get a new form in every copy. Plain substring replacement, so
/// `Whitcombe` follows `Whitcomb` and the deliberate misspellings stay misspelled.
const NAMES: &[&str] = &[
    "Delgado",
    "Brandvold",
    "Okafor",
    "Whitley",
    "Marsh",
    "Castellanos",
    "Adeyemi",
    "Liu",
    "Ostrowski",
    "Albright",
    "Harmon",
    "Kwiatkowski",
    "Fairbanks",
    "Penn",
    "Yoon",
    "Lindahl",
    "Quist",
    "Pruitt",
    "Whitcomb",
    "Kline",
    "Klein",
    "Ellingsen",
    "Raman",
    "Ferreira",
    "Bell",
    "Achterberg",
    "Sandhu",
    "Aukstikalnis",
    "Haddad",
];

const PREFIXES: &[&str] = &[
    "Abel", "Bran", "Cor", "Dal", "Esk", "Fen", "Gal", "Hart", "Ivor", "Jans", "Kor", "Lund",
    "Mor", "Nils", "Orm", "Pell", "Rask", "Sund", "Tarn", "Vik",
];

/// A copy of a story with every listed name given copy `k`'s prefix: `Delgado` becomes
/// `Corfendelgado` in one copy and `Vikabeldelgado` in another.
fn renamed(story: &str, k: usize) -> String {
    let prefix = format!(
        "{}{}",
        PREFIXES[k % PREFIXES.len()],
        PREFIXES[(k / PREFIXES.len()) % PREFIXES.len()].to_lowercase()
    );
    let mut out = story.to_string();
    for name in NAMES {
        out = out.replace(name, &format!("{prefix}{}", name.to_lowercase()));
    }
    out
}

/// The body of a story: no front matter, and headlines turned into plain paragraphs so the
/// result is one long article rather than many.
fn body(story: &str) -> String {
    let mut text = story;
    if let Some(rest) = text.strip_prefix("---\n")
        && let Some(end) = rest.find("\n---\n")
    {
        text = &rest[end + 5..];
    }
    text.lines()
        .map(|l| l.trim_start_matches("# "))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A draft of at least `words` words made of renamed copies of the stories.
pub fn draft(words: usize) -> String {
    let mut out = String::new();
    let mut count = 0;
    let mut k = 0;
    while count < words {
        let story = renamed(&body(STORIES[k % STORIES.len()]), k / STORIES.len());
        count += story.split_whitespace().count();
        out.push_str(&story);
        out.push_str("\n\n");
        k += 1;
    }
    out
}

/// An offset in the middle of the draft, inside a lowercase word of prose (not a name, whose
/// change would change who the draft introduces): where the benchmarks type.
pub fn middle_of_a_word(text: &str) -> usize {
    let mut at = text.len() / 2;
    loop {
        let word_start = text[..at]
            .rfind(|c: char| !c.is_ascii_alphabetic())
            .map_or(0, |i| i + 1);
        let word_end = text[at..]
            .find(|c: char| !c.is_ascii_alphabetic())
            .map_or(text.len(), |i| at + i);
        let word = &text[word_start..word_end];
        if word.len() >= 4 && word.bytes().all(|b| b.is_ascii_lowercase()) {
            return word_start + word.len() / 2;
        }
        at = word_end + 1;
        while !text.is_char_boundary(at) {
            at += 1;
        }
    }
}

/// The edit that inserts `len` bytes at `at`: what the language server tells the analysis
/// cache when a reporter types or pastes there (`AnalysisCache::edited`).
pub fn inserted(at: usize, len: usize) -> copydesk::draft::Edit {
    copydesk::draft::Edit {
        start: at,
        old_end: at,
        new_end: at + len,
    }
}

/// The edit that removes the `len` bytes at `at` (an insertion undone).
pub fn removed(at: usize, len: usize) -> copydesk::draft::Edit {
    copydesk::draft::Edit {
        start: at,
        old_end: at + len,
        new_end: at,
    }
}
