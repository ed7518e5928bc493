//! `loaded-verb`: an attribution verb that passes judgement.
//!
//! **Why**: "said" is neutral. "Admitted" and "confessed" imply wrongdoing, "claimed" and
//! "insisted" cast doubt, "slammed" and "blasted" editorialise (Bender et al., *Writing and
//! Reporting for the Media*; Stovall; Wikipedia MOS:SAID). Use them only when the meaning is
//! intended and supported.
//!
//! **Example** (flagged): `“I did nothing wrong,” the mayor claimed.`

use super::Context;
use crate::attribution::source::SourceKind;
use crate::lexicon::CueKind;
use crate::model::{Diagnostic, Edit, Fix, Severity};

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for clause in &cx.facts.clauses {
        if clause.cue_kind != CueKind::Loaded || matches!(clause.source.kind, SourceKind::Document | SourceKind::Group) {
            continue;
        }
        let verb = cx.text(clause.cue);
        let lower = verb.to_lowercase();
        let (meaning, neutral) = match lower.as_str() {
            "slammed" | "blasted" | "lashed" | "ranted" | "scoffed" | "sneered" => ("editorialises", "criticized"),
            "slams" | "blasts" => ("editorialises", "criticizes"),
            "admitted" | "admits" | "confessed" | "confesses" | "conceded" | "concedes" => ("implies a confession", if lower.ends_with('s') { "says" } else { "said" }),
            "claimed" | "claims" | "insisted" | "insists" | "alleged" | "alleges" => ("casts doubt on the speaker", if lower.ends_with('s') { "says" } else { "said" }),
            _ => ("passes judgement", if lower.ends_with('s') && !lower.ends_with("ed") { "says" } else { "said" }),
        };
        out.push(Diagnostic {
            code: "loaded-verb",
            severity: Severity::Warning,
            message: ["“", verb, "” ", meaning, "; use “", neutral, "” unless that meaning is intended and supported."].concat(),
            span: clause.cue,
            related: vec![],
            fixes: vec![Fix { title: ["Replace “", verb, "” with “", neutral, "”"].concat(), edits: vec![Edit { span: clause.cue, replacement: neutral.to_string() }] }],
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests_support::findings;

    #[test]
    fn flags_judgemental_attribution() {
        assert_eq!(findings("“I did nothing wrong,” the mayor claimed.", "loaded-verb"), ["claimed"]);
        assert_eq!(findings("Library Director Alan Whitcomb admitted that hours would be cut.", "loaded-verb"), ["admitted"]);
        assert_eq!(findings("Whitcomb slammed the decision, calling it “short-sighted.”", "loaded-verb"), ["slammed"]);
    }

    #[test]
    fn neutral_verbs_and_legal_charges_pass() {
        for text in ["“I did nothing wrong,” the mayor said.", "He was charged with fraud on Monday.", "The report revealed a deficit."] {
            assert_eq!(findings(text, "loaded-verb"), Vec::<String>::new(), "{text}");
        }
    }
}
