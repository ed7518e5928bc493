//! `unbalanced-quote`: a quote mark that does not pair up.
//!
//! **Why**: AP's running-quotation rule: a quote that continues into the next paragraph has no
//! closing mark at the end of the first paragraph, and the next paragraph opens with a mark. An
//! opening mark that is never closed and not continued, or a closing mark with nothing open,
//! leaves the reader unsure where the speaker's words end — and is often a sign that a sentence
//! was cut in editing.
//!
//! **Example** (flagged): `“The plan failed, Roe said.` followed by a paragraph that does not open
//! with a quote mark.

use super::Context;
use crate::model::{Diagnostic, Severity};
use crate::quotes::MarkProblem;
use crate::wording;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for &(span, problem) in cx.mark_problems {
        let message = match problem {
            MarkProblem::Unclosed => wording!["This quote is never closed, and the next paragraph does not continue it: add the closing mark, or open the next paragraph with a quote mark if the quote runs on."],
            MarkProblem::StrayClose => wording!["This closing quote mark has no opening mark: add the opening mark or remove this one."],
        };
        out.push(Diagnostic { code: "unbalanced-quote", severity: Severity::Error, message, span, related: vec![], fixes: vec![] });
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests_support::findings;

    #[test]
    fn flags_unclosed_and_stray_marks() {
        assert_eq!(findings("“The plan failed, Roe said.\n\nThe vote is Tuesday.", "unbalanced-quote"), ["“The"]);
        assert_eq!(findings("The plan failed.” Roe said so.", "unbalanced-quote"), ["”"]);
    }

    #[test]
    fn running_quotations_and_apostrophes_pass() {
        for text in [
            "“First part of what she said.\n\n“Second part,” Roe said.",
            "\"It's the Joneses' house,\" Roe said. Don’t worry about the ’90s.",
            "“We’re done — 😀 — really,” she said.",
        ] {
            assert_eq!(findings(text, "unbalanced-quote"), Vec::<String>::new(), "{text}");
        }
    }
}
