//! Hover on a speaker's mention (full name, surname, pronoun, role) or on a quote: who it is,
//! how the draft introduces them, and what they say.

use std::fmt::Write;

use copydesk::{Analysis, ClaimKind, Quote, SpeakerId, SpeakerKind};
use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use super::state::Snapshot;

/// How many quotes a hover lists before "and N more".
const LISTED_QUOTES: usize = 5;

pub fn hover(snap: &Snapshot, position: Position) -> Option<Hover> {
    let offset = snap.offset(position);
    let analysis = &snap.analysis;
    let (markdown, span) = if let Some((id, mention)) = analysis.mention_at(offset) {
        (speaker_card(snap, id), mention.span)
    } else {
        let (_, quote) = analysis.quote_at(offset)?;
        (quote_card(snap, quote), quote.span)
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(snap.range(span)),
    })
}

pub fn kind_label(kind: SpeakerKind) -> &'static str {
    match kind {
        SpeakerKind::Person => "person",
        SpeakerKind::Organization => "organisation",
        SpeakerKind::Anonymous => "anonymous source",
        SpeakerKind::Document => "document",
    }
}

fn speaker_card(snap: &Snapshot, id: SpeakerId) -> String {
    let analysis: &Analysis = &snap.analysis;
    let Some(speaker) = analysis.speaker(id) else {
        return String::new();
    };
    let mut out = format!("**{}**", escape(&speaker.name));
    if let Some(role) = &speaker.role {
        let _ = write!(out, " — {}", escape(role));
    }
    let quotes: Vec<&Quote> = analysis.quotes_of(id).collect();
    let paraphrases = analysis
        .claims
        .iter()
        .filter(|c| c.claimant == Some(id) && c.kind == ClaimKind::Paraphrase)
        .count();
    let _ = write!(
        out,
        "\n\n{} · {} · {}",
        kind_label(speaker.kind),
        plural(quotes.len(), "quote", "quotes"),
        plural(paraphrases, "paraphrase", "paraphrases"),
    );
    if let Some(first) = speaker.first_reference() {
        let _ = write!(
            out,
            " · first reference on line {}",
            snap.line_number(first.span.start)
        );
    }
    let aliases = speaker.aliases(&snap.text);
    if !aliases.is_empty() {
        let _ = write!(out, "\n\nAlso: {}", escape(&aliases.join(", ")));
    }
    if !quotes.is_empty() {
        out.push('\n');
        for quote in quotes.iter().take(LISTED_QUOTES) {
            let _ = write!(
                out,
                "\n- line {}: {}",
                snap.line_number(quote.span.start),
                escape(&shorten(snap.text_of(quote.span), 80))
            );
        }
        if quotes.len() > LISTED_QUOTES {
            let _ = write!(out, "\n- … and {} more", quotes.len() - LISTED_QUOTES);
        }
    }
    out
}

fn quote_card(snap: &Snapshot, quote: &Quote) -> String {
    let analysis: &Analysis = &snap.analysis;
    let Some(attribution) = &quote.attribution else {
        return "**Unattributed quote**\n\nNo speaker found in this or the adjacent sentence."
            .to_string();
    };
    let how = serde_json::to_value(attribution.sieve)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('-', " ")))
        .unwrap_or_default();
    let source = snap.text_of(attribution.source);
    let mut out = match attribution.speaker.and_then(|id| analysis.speaker(id)) {
        Some(speaker) => {
            let mut head = format!("Quote attributed to **{}**", escape(&speaker.name));
            if let Some(role) = &speaker.role {
                let _ = write!(head, " — {}", escape(role));
            }
            head
        }
        None => "Quote with an unresolved source".to_string(),
    };
    let _ = write!(out, "\n\nsource: “{}” ({how} attribution)", escape(source));
    if let Some(id) = attribution.speaker {
        out.push_str("\n\n---\n\n");
        out.push_str(&speaker_card(snap, id));
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// At most `max` characters of `text` on one line, with an ellipsis if cut.
pub fn shorten(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// Escapes Markdown punctuation that could change how a name or quote renders.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(
            ch,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_on_one_line() {
        assert_eq!(shorten("“We will\nnot rush,”", 80), "“We will not rush,”");
        assert_eq!(shorten("abcdefghij", 5), "abcd…");
        assert_eq!(escape("a_b*c"), "a\\_b\\*c");
    }
}
