//! `unattributed-claim`: a check-worthy claim with no source in its paragraph.
//!
//! **Why**: AP asks that disputable facts be attributed; BBC guidelines (3.2.3) and Reuters ask
//! the same. Full Fact and ClaimBuster call sentences with figures, comparisons, causes and
//! predictions "check-worthy". Many are the reporter's own verified facts, so this is a hint that
//! feeds the outline of claims rather than a warning.
//!
//! **Example** (hint): `The program cost taxpayers $2 billion.` in a paragraph with no source.

use super::Context;
use crate::model::{ClaimKind, Diagnostic, Severity};
use crate::wording;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for claim in cx.claims.iter().filter(|c| c.claimant.is_none() && !matches!(c.kind, ClaimKind::Quote | ClaimKind::Paraphrase)) {
        let kind = match claim.kind {
            ClaimKind::Quantity => "a figure",
            ClaimKind::Comparison => "a comparison",
            ClaimKind::Causal => "a cause-and-effect claim",
            _ => "a prediction",
        };
        out.push(Diagnostic {
            code: "unattributed-claim",
            severity: Severity::Hint,
            message: wording!["This sentence states ", kind, " with no source: attribute it, or be sure it is a fact the newsroom verified."],
            span: claim.span,
            related: vec![],
            fixes: vec![],
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests_support::findings;

    #[test]
    fn flags_figures_without_a_source() {
        assert_eq!(findings("The program cost taxpayers $2 billion.", "unattributed-claim"), ["The program cost taxpayers $2 billion."]);
        assert_eq!(findings("Crime rose because of the closures.", "unattributed-claim").len(), 1);
    }

    #[test]
    fn attributed_or_plain_sentences_pass() {
        for text in ["The program cost $2 billion, the auditor said.", "The council met on March 12, 2024.", "The council will vote Tuesday."] {
            assert_eq!(findings(text, "unattributed-claim"), Vec::<String>::new(), "{text}");
        }
    }
}
