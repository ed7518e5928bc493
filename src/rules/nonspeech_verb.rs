//! `nonspeech-verb`: a verb that cannot carry words, used to attribute a quote.
//!
//! **Why**: People say words; they do not smile, laugh or shrug them (Oxford University Press
//! "verbs to avoid"; AP). `“Great movie,” she smiled.` should be `“Great movie,” she said,
//! smiling.`
//!
//! **Example** (flagged): `“We won,” the coach grinned.`

use super::Context;
use crate::lexicon::CueKind;
use crate::model::{Diagnostic, Edit, Fix, Severity};

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (c, clause) in cx.facts.clauses.iter().enumerate() {
        if clause.cue_kind != CueKind::NonSpeech || !cx.facts.quote_clause.contains(&Some(c)) {
            continue;
        }
        let verb = cx.text(clause.cue);
        out.push(Diagnostic {
            code: "nonspeech-verb",
            severity: Severity::Warning,
            message: format!("People say words; they don’t “{verb}” them. Use “said” (and describe the {verb} separately if it matters)."),
            span: clause.cue,
            related: vec![],
            fixes: vec![Fix { title: format!("Replace “{verb}” with “said”"), edits: vec![Edit { span: clause.cue, replacement: "said".to_string() }] }],
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests_support::findings;

    #[test]
    fn flags_smiled_quotes_only() {
        assert_eq!(findings("“Great movie,” she smiled.", "nonspeech-verb"), ["smiled"]);
        assert_eq!(findings("She smiled at the crowd and left.", "nonspeech-verb"), Vec::<String>::new());
    }
}
