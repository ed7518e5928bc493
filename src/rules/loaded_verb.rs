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
use crate::wording;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for clause in &cx.facts.clauses {
        if clause.cue_kind != CueKind::Loaded || matches!(clause.source.kind, SourceKind::Document | SourceKind::Group) {
            continue;
        }
        let verb = cx.text(clause.cue);
        let lower = verb.to_lowercase();
        // What the verb implies and its neutral form, as one literal for the message's hole.
        macro_rules! advice {
            ($meaning:literal, $neutral:literal) => {
                (concat!($meaning, "; use “", $neutral, "”"), $neutral)
            };
            ($meaning:literal, present if $present:expr) => {
                if $present { advice!($meaning, "says") } else { advice!($meaning, "said") }
            };
        }
        let (advice, neutral) = match lower.as_str() {
            "slammed" | "blasted" | "lashed" | "ranted" | "scoffed" | "sneered" => advice!("editorialises", "criticized"),
            "slams" | "blasts" => advice!("editorialises", "criticizes"),
            "admitted" | "admits" | "confessed" | "confesses" | "conceded" | "concedes" => advice!("implies a confession", present if lower.ends_with('s')),
            "claimed" | "claims" | "insisted" | "insists" | "alleged" | "alleges" => advice!("casts doubt on the speaker", present if lower.ends_with('s')),
            _ => advice!("passes judgement", present if lower.ends_with('s') && !lower.ends_with("ed")),
        };
        out.push(Diagnostic {
            code: "loaded-verb",
            severity: Severity::Warning,
            message: wording!["“", clause.cue, "” ", advice, " unless that meaning is intended and supported."],
            span: clause.cue,
            related: vec![],
            fixes: vec![Fix { title: wording!["Replace “", clause.cue, "” with “", neutral, "”"], edits: vec![Edit { span: clause.cue, replacement: wording!["", neutral, ""] }] }],
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
