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

use super::Context;
use super::in_quote;
use crate::config::CourtesyTitles;
use crate::model::{Diagnostic, Edit, Fix, Severity, Span};

static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u:\b)(?P<title>(?:Mr|Mrs|Ms|Mx|Messrs)\.?|Miss)(?P<gap>[ \t]+|\u{a0})(?P<name>\p{Lu}[\p{L}’'-]*)").expect("courtesy-title regex")
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
    LazyLock::force(&TITLE);
}

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    if cx.config.courtesy_titles != CourtesyTitles::Ap {
        return;
    }
    let prose = cx.draft.prose.as_str();
    for caps in TITLE.captures_iter(prose) {
        let (title, gap, name) = (&caps["title"], &caps["gap"], &caps["name"]);
        let start = caps.get(0).expect("whole match").start();
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
            message: format!("AP style drops courtesy titles: remove “{title}” (full name on first reference, surname alone after)."),
            span,
            related: vec![],
            fixes: vec![Fix {
                title: format!("Remove “{title}”"),
                edits: vec![Edit { span: Span::new(start, span.end + gap.len()), replacement: String::new() }],
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
            edit.replacement,
            &text[edit.span.end..]
        );
        assert_eq!(fixed, "Café owner 😀 Ana Ruiz said no.");
    }
}
