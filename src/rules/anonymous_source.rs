//! `anonymous-source`: every anonymous attribution, so an editor can review them all.
//!
//! **Why**: AP, The New York Times (2004 policy), NPR and Reuters allow anonymous sources only for
//! vital information that cannot be had on the record, and ask editors to know and approve every
//! one. Listing them is the first step of that review. Documentary attribution ("according to
//! county payroll records") is not anonymous and is not listed.
//!
//! **Example** (flagged, information): `A senior port official said the board could vote next week.`

use super::Context;
use crate::attribution::source::SourceKind;
use crate::model::{Diagnostic, Severity};
use crate::wording;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (c, clause) in cx.facts.clauses.iter().enumerate() {
        if !matches!(clause.source.kind, SourceKind::Anonymous { .. })
            || !cx.facts.attributes_words(c)
        {
            continue;
        }
        out.push(Diagnostic {
            code: "anonymous-source",
            severity: Severity::Information,
            message: wording!["Anonymous source: “", clause.source.span, "”. Make sure an editor approved it, and that the story says why anonymity was granted and how the source knows."],
            span: clause.source.span,
            related: vec![],
            fixes: vec![],
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests_support::findings;

    #[test]
    fn lists_anonymous_attributions() {
        assert_eq!(findings("A senior port official said the board could vote.", "anonymous-source"), ["A senior port official"]);
        assert_eq!(
            findings("The deal is close, according to three people familiar with the talks.", "anonymous-source"),
            ["three people familiar with the talks"]
        );
        assert_eq!(findings("“It’s over,” one aide said 😀.", "anonymous-source"), ["one aide"]);
    }

    #[test]
    fn named_and_documentary_sources_are_not_anonymous() {
        for text in [
            "Hiring rose, according to county payroll records.",
            "Board Chair Howard Pell said the vote was fair.",
            "“It’s over,” said Rebecca Liu, a spokesperson for the authority.",
        ] {
            assert_eq!(findings(text, "anonymous-source"), Vec::<String>::new(), "{text}");
        }
    }
}
