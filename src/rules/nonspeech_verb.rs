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
use crate::wording;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for (c, clause) in cx.facts.clauses.iter().enumerate() {
        if clause.cue_kind != CueKind::NonSpeech || !cx.facts.clause_linked[c] {
            continue;
        }
        let verb = cx.text(clause.cue);
        let act = base_form(verb);
        out.push(Diagnostic {
            code: "nonspeech-verb",
            severity: Severity::Warning,
            message: wording!["People say words; they don’t ", &act, " them. Use “said”, and describe the ", act, " separately if it matters (“she said, smiling”)."],
            span: clause.cue,
            related: vec![],
            fixes: vec![Fix { title: wording!["Replace “", clause.cue, "” with “said”"], edits: vec![Edit { span: clause.cue, replacement: wording!["said"] }] }],
        });
    }
}

/// "smiled" → "smile", "laughed" → "laugh", "shrugged" → "shrug": the act, for the message.
fn base_form(verb: &str) -> String {
    let lower = verb.to_lowercase();
    let Some(stem) = lower.strip_suffix("ed") else {
        return lower;
    };
    let bytes = stem.as_bytes();
    let n = bytes.len();
    if n >= 2 && bytes[n - 1] == bytes[n - 2] && !matches!(bytes[n - 1], b'l' | b's' | b'f') {
        // shrugged → shrug, nodded → nod
        return stem[..n - 1].to_string();
    }
    match stem.as_bytes().last() {
        // smiled → smile, giggled → giggle, winced → wince, sniffed stays sniff
        Some(b'l' | b'c' | b'z' | b'v' | b'u') if !stem.ends_with("ll") => format!("{stem}e"),
        _ => stem.to_string(),
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

    #[test]
    fn the_message_names_the_act() {
        let text = "“We won,” the coach grinned.";
        let analysis = crate::analyze(text, crate::Format::PlainText, &crate::Config::default());
        let d = analysis.diagnostics.iter().find(|d| d.code == "nonspeech-verb").unwrap();
        let message = d.message.to_string(text);
        assert!(message.contains("don’t grin them"), "{message}");
        for (verb, act) in [("smiled", "smile"), ("laughed", "laugh"), ("shrugged", "shrug"), ("nodded", "nod"), ("sighed", "sigh"), ("chuckled", "chuckle"), ("winced", "wince"), ("sniffed", "sniff"), ("beamed", "beam")] {
            assert_eq!(super::base_form(verb), act);
        }
    }
}
