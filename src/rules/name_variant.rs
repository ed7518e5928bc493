//! `name-variant`: one name spelled two ways in a draft, or against the house dictionary.
//!
//! **Why**: a misspelled name is the most common correction newspapers run. AP asks for one
//! spelling throughout and follows official transliterations (it changed Kiev to Kyiv in 2019;
//! Zelensky and Zelenskyy both circulate). A surname one or two letters off a person named in
//! full (Whitcombe beside Alan Whitcomb, Klein beside Robert Kline) is almost always a typo.
//!
//! **Example** (flagged): `Library Director Alan Whitcomb …` then `Whitcombe said …`.

use super::Context;
use crate::model::{Diagnostic, Edit, Fix, MentionKind, Related, Severity, SpeakerKind, Span};
use crate::wording;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let mut flagged: Vec<Span> = Vec::new();
    for speaker in cx.speakers {
        if speaker.kind != SpeakerKind::Person {
            continue;
        }
        // Most people are spelled one way: nothing to work out for them, and their mentions (a
        // long draft's main speaker has thousands) need no walk. The mention scan makes a
        // variant mention only of a spelling it keeps in the speaker's variants.
        if speaker.variants.is_empty() {
            debug_assert!(speaker.mentions.iter().all(|m| m.kind != MentionKind::Variant), "{} has a variant mention but no variant", speaker.name);
            continue;
        }
        let mut variants = speaker.mentions.iter().filter(|m| m.kind == MentionKind::Variant).peekable();
        if variants.peek().is_none() {
            continue;
        }
        let canonical = speaker.name.split_whitespace().last().unwrap_or(&speaker.name);
        let reference = speaker.mentions.iter().find(|m| matches!(m.kind, MentionKind::FullName | MentionKind::Surname));
        for mention in variants {
            let written = cx.text(mention.span);
            let surname_at = mention.span.end - written.split_whitespace().last().unwrap_or(written).len();
            let span = Span::new(surname_at, mention.span.end);
            flagged.push(span);
            out.push(Diagnostic {
                code: "name-variant",
                severity: Severity::Warning,
                message: wording!["“", span, "” is spelled “", format!("{canonical}” elsewhere in this draft ({}", speaker.name), "): check the spelling and use one throughout."],
                span,
                related: reference.map(|r| Related { span: r.span, message: wording!["spelled “", r.span, "” here"] }).into_iter().collect(),
                fixes: vec![Fix { title: wording!["Change to “", canonical.to_string(), "”"], edits: vec![Edit { span, replacement: wording!["", canonical.to_string(), ""] }] }],
            });
        }
    }
    // The house dictionary: variants of names and places the desk has settled.
    let prose = &cx.draft.prose;
    for (canonical, entry) in &cx.config.names {
        for variant in &entry.variants {
            if variant.is_empty() || variant == canonical {
                continue;
            }
            for (at, _) in prose.match_indices(variant.as_str()) {
                let span = Span::new(at, at + variant.len());
                let bounded = prose[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
                    && prose[span.end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
                if !bounded || flagged.iter().any(|f| f.overlaps(span)) {
                    continue;
                }
                let replacement = if variant.split_whitespace().count() == 1 { canonical.split_whitespace().last().unwrap_or(canonical) } else { canonical.as_str() };
                out.push(Diagnostic {
                    code: "name-variant",
                    severity: Severity::Warning,
                    message: wording!["House style spells this “", replacement.to_string(), "”."],
                    span,
                    related: vec![],
                    fixes: vec![Fix { title: wording!["Change to “", replacement.to_string(), "”"], edits: vec![Edit { span, replacement: wording!["", replacement.to_string(), ""] }] }],
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::rules::tests_support::{findings, findings_with};

    #[test]
    fn flags_the_odd_spelling() {
        let text = "Library Director Alan Whitcomb said hours would fall. Whitcombe said the cuts were fair.";
        assert_eq!(findings(text, "name-variant"), ["Whitcombe"]);
        let text = "Commissioner Robert Kline voted no. Klein said taxpayers would pay. “No,” Kline said.";
        assert_eq!(findings(text, "name-variant"), ["Klein"]);
    }

    #[test]
    fn flags_a_variant_that_no_attribution_introduces() {
        let text = "Library Director Nora Whitcomb retired Friday. Whitcombe oversaw the 2016 renovation. In March the board met.";
        assert_eq!(findings(text, "name-variant"), ["Whitcombe"]);
    }

    #[test]
    fn different_people_are_not_variants() {
        let text = "Ana Garcia said yes. Luis Garza said no. “Fine,” Garcia said.";
        assert_eq!(findings(text, "name-variant"), Vec::<String>::new());
    }

    #[test]
    fn house_dictionary_variants() {
        let config = Config::from_toml("[names.Kyiv]\nvariants = [\"Kiev\"]\n").unwrap();
        assert_eq!(findings_with("Talks in Kiev — and in Kievan lore — resumed.", "name-variant", &config), ["Kiev"]);
    }
}
