//! `courtesy-title`: Mr., Mrs., Ms., Miss or Mx. before a name, in AP style.
//!
//! **Catches** (when `courtesy-titles = "ap"`, the default): a courtesy title before a
//! capitalised name in the writer's prose: `Mr. Roe said`, `Ms. Delgado`, `Mrs Ortiz` (British
//! style without the period), `Miss Lee`, `Mx. Kim`, `Messrs. Roe and Lee`.
//!
//! **Not caught**: titles inside quotes (someone else's words), titles of pageants and works
//! (`Miss America`, `Miss Saigon`, `Little Miss Sunshine`), and anything in NYT mode
//! (`courtesy-titles = "nyt"`), where courtesy titles are house style.
//!
//! **Why**: the AP Stylebook drops courtesy titles: after the first reference a person is called
//! by surname alone, whatever their sex ("Roe said", not "Mr. Roe said"). The New York Times keeps
//! them on second reference, so the rule follows the configured house style.
//!
//! **Example** (flagged): `Mr. Roe said the vote would be delayed.`

use std::sync::LazyLock;

use regex::Regex;

use super::triggers::Reading;
use super::{Context, Trigger, in_quote};
use crate::config::CourtesyTitles;
use crate::model::{Diagnostic, Edit, Fix, Severity, Span};
use crate::wording;

/// A cheap search for where a title can start: the title and the first character of the gap
/// after it, which every finding has (see [`super::triggers`]).
pub(super) static TRIGGER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:Mrs?|Ms|Mx|Messrs)\.?[ \t\u{a0}]|Miss[ \t\u{a0}]").expect("courtesy-title trigger")
});

/// The title starts at its trigger, after no letter or digit; the name after it ends within a
/// word of 120 bytes.
pub(super) const READING: Reading = Reading::At { ahead: 120 };

/// Anchored at a trigger.
pub(super) static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<title>(?:Mr|Mrs|Ms|Mx|Messrs)\.?|Miss)(?P<gap>[ \t]+|\u{a0})(?P<name>\p{Lu}[\p{L}’'-]*)").expect("courtesy-title regex")
});

/// Words after "Miss" that make a pageant, a show or a ship, not a person.
const NOT_A_PERSON: &[&str] = &[
    "America",
    "Universe",
    "USA",
    "World",
    "Earth",
    "International",
    "Teen",
    "Saigon",
    "Congeniality",
    "Sunshine",
    "Daisy",
];

/// Compiles this rule's patterns now rather than on the first draft (see [`super::prepare`]).
pub(super) fn prepare() {
    LazyLock::force(&TRIGGER);
    LazyLock::force(&TITLE);
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    if cx.config.courtesy_titles != CourtesyTitles::Ap {
        return;
    }
    let prose = cx.draft.prose.as_str();
    let mut done = 0;
    for found in cx.matches(Trigger::CourtesyTitle) {
        // One title at a time: "Mr. Mrs" is a title before a name, not two titles.
        let start = found.span().start;
        if start < done {
            continue;
        }
        done = found.span().end;
        let text = |group| found.name(group).map_or("", |span| span.text(prose));
        let (title, gap, name) = (text("title"), text("gap"), text("name"));
        if title == "Miss"
            && (NOT_A_PERSON.contains(&name) || prose[..start].trim_end().ends_with("Little"))
        {
            continue;
        }
        if in_quote(cx, start) {
            continue;
        }
        let span = Span::new(start, start + title.len());
        out.push(Diagnostic {
            code: "courtesy-title",
            severity: Severity::Information,
            message: wording!["AP style drops courtesy titles: remove “", span, "” (full name on first reference, surname alone after)."],
            span,
            related: vec![],
            fixes: vec![Fix {
                title: wording!["Remove “", span, "”"],
                edits: vec![Edit { span: Span::new(start, span.end + gap.len()), replacement: wording![""] }],
            }],
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::config::CourtesyTitles;
    use crate::rules::tests_support::{findings, findings_with};
    use crate::{Config, Format, analyze};

    fn flagged(text: &str) -> Vec<String> {
        findings(text, "courtesy-title")
    }

    #[test]
    fn flags_courtesy_titles_in_ap_style() {
        assert_eq!(flagged("Mr. Roe said the vote would be delayed."), ["Mr."]);
        assert_eq!(
            flagged("“It’s late 🕰️,” Ms. Delgado said, and Mrs Ortiz agreed."),
            ["Ms.", "Mrs"]
        );
        assert_eq!(
            flagged("Miss Lee — and Mx. Kim — left. Messrs. Roe and Lee stayed."),
            ["Miss", "Mx.", "Messrs."]
        );
        // A title before a name is one finding, even when the name is a title too.
        assert_eq!(flagged("Then Mr. Mrs Kim spoke."), ["Mr."]);
    }

    #[test]
    fn a_title_is_found_inside_its_paragraph_only() {
        // Table cells on one line are paragraphs of their own: "Mr." ends one, "Roe" opens
        // the next, and the pipes between them are blanked to spaces.
        let table = "| Speaker | Mr. | Roe |\n|---|---|---|\n| a | b | c |\n\nThen Ms. Lee spoke.\n";
        assert_eq!(flagged(table), ["Ms."]);
    }

    #[test]
    fn quotes_pageants_lowercase_and_nyt_style_pass() {
        for text in [
            "“Mr. Roe lied to us,” Delgado said.",
            "She was Miss America in 1999 and starred in Miss Saigon and Little Miss Sunshine.",
            "Don’t miss Tuesday’s vote, Mr. and Mrs. are abbreviations, and ms. means manuscript.",
        ] {
            assert_eq!(flagged(text), Vec::<String>::new(), "{text}");
        }
        let nyt = Config {
            courtesy_titles: CourtesyTitles::Nyt,
            ..Config::default()
        };
        assert_eq!(
            findings_with(
                "Mr. Roe said the vote would be delayed.",
                "courtesy-title",
                &nyt
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn the_fix_removes_the_title_and_its_space() {
        let text = "Café owner 😀 Ms. Ana Ruiz said no.";
        let analysis = analyze(text, Format::Markdown, &Config::default());
        let d = analysis
            .diagnostics
            .iter()
            .find(|d| d.code == "courtesy-title")
            .expect("a finding");
        assert_eq!(d.span.text(text), "Ms.");
        let edit = &d.fixes[0].edits[0];
        let fixed = format!(
            "{}{}{}",
            &text[..edit.span.start],
            edit.replacement.shown(text),
            &text[edit.span.end..]
        );
        assert_eq!(fixed, "Café owner 😀 Ana Ruiz said no.");
    }
}
