//! `first-reference`: a person first named by surname only, when the full name comes later.
//!
//! **Why**: AP style gives a person's full name on first reference and the surname after. A
//! draft reorganised in editing often ends up introducing someone by surname and spelling out the
//! name paragraphs later; readers meet a stranger.
//!
//! **Example** (flagged): `Commissioner Garcia cast the deciding vote …` and later `said Elena
//! Garcia, who represents District 4`.

use super::Context;
use crate::model::{Diagnostic, Edit, Fix, MentionKind, Related, Severity, SpeakerKind};
use crate::wording;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for speaker in cx.speakers {
        if speaker.kind != SpeakerKind::Person {
            continue;
        }
        let mut outside = speaker.mentions.iter().filter(|m| !m.in_quote && matches!(m.kind, MentionKind::FullName | MentionKind::Surname | MentionKind::Variant));
        let Some(first) = outside.next() else { continue };
        if first.kind == MentionKind::FullName {
            continue;
        }
        let Some(full) = outside.find(|m| m.kind == MentionKind::FullName) else { continue };
        out.push(Diagnostic {
            code: "first-reference",
            severity: Severity::Warning,
            message: wording!["First reference to ", first.span, " uses the surname only; the full name, ", &speaker.name, ", appears later. Give the full name here."],
            span: first.span,
            related: vec![Related { span: full.span, message: wording!["full name “", full.span, "” first appears here"] }],
            fixes: vec![Fix { title: wording!["Use the full name “", &speaker.name, "”"], edits: vec![Edit { span: first.span, replacement: wording!["", &speaker.name, ""] }] }],
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests_support::findings;

    #[test]
    fn flags_surname_before_full_name() {
        let text = "Commissioner Garcia cast the deciding vote. “It’s done,” said Elena Garcia, who represents District 4.";
        assert_eq!(findings(text, "first-reference"), ["Garcia"]);
    }

    #[test]
    fn full_name_first_passes() {
        for text in [
            "Elena Garcia cast the deciding vote. “It’s done,” Garcia said.",
            "“It’s done,” Garcia said. Nobody else spoke.",
            "“Garcia is wrong,” said Robert Kline. Elena Garcia disagreed, she said.",
        ] {
            assert_eq!(findings(text, "first-reference"), Vec::<String>::new(), "{text}");
        }
    }
}
