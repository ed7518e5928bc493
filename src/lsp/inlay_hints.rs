//! Inlay hints: who copydesk thinks is speaking where the draft does not name them. After a
//! pronoun or role in an attribution (`she said` → `Lena Okafor`), and before a quote attributed
//! from its surroundings (a continuation, a second quote in the paragraph, or a fragment in a
//! sentence whose subject is its speaker).

use copydesk::{MentionKind, Sieve, Span};
use tower_lsp_server::ls_types::{
    InlayHint, InlayHintLabel, InlayHintTooltip, MarkupContent, MarkupKind, Range,
};

use super::state::Snapshot;

pub fn inlay_hints(snap: &Snapshot, range: Range) -> Vec<InlayHint> {
    let wanted = snap.span(range);
    let analysis = &snap.analysis;
    let mut hints: Vec<(usize, bool, String, String)> = Vec::new();
    for quote in &analysis.quotes {
        let Some(attribution) = &quote.attribution else {
            continue;
        };
        let Some(speaker) = attribution.speaker.and_then(|id| analysis.speaker(id)) else {
            continue;
        };
        let implicit_source = speaker.mentions.iter().any(|m| {
            m.span == attribution.source
                && matches!(m.kind, MentionKind::Pronoun | MentionKind::Role)
        }) || is_pronoun(snap.text_of(attribution.source));
        let tooltip = match &speaker.role {
            Some(role) => format!(
                "copydesk attributes this quote to **{}**, {role}",
                speaker.name
            ),
            None => format!("copydesk attributes this quote to **{}**", speaker.name),
        };
        if implicit_source {
            hints.push((
                attribution.source.end,
                true,
                speaker.name.clone(),
                tooltip.clone(),
            ));
        }
        let from_context = matches!(
            attribution.sieve,
            Sieve::Continuation | Sieve::SameParagraph | Sieve::Adjacent | Sieve::Embedded
        );
        if from_context {
            hints.push((
                quote.span.start,
                false,
                format!("{}:", speaker.name),
                tooltip,
            ));
        }
    }
    hints.sort_by_key(|h| (h.0, h.1));
    hints.dedup_by_key(|h| (h.0, h.1));
    hints
        .into_iter()
        .filter(|(at, _, _, _)| Span::new(wanted.start, wanted.end + 1).contains(*at))
        .map(|(at, after, label, tooltip)| InlayHint {
            position: snap.range(Span::new(at, at)).start,
            label: InlayHintLabel::String(label),
            kind: None,
            text_edits: None,
            tooltip: Some(InlayHintTooltip::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value: tooltip,
            })),
            padding_left: Some(after),
            padding_right: Some(!after),
            data: None,
        })
        .collect()
}

fn is_pronoun(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "he" | "she" | "they" | "it" | "we" | "i" | "you"
    )
}
