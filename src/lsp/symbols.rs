//! The outline of claims (`textDocument/documentSymbol`) and speakers across open drafts
//! (`workspace/symbol`).
//!
//! One node per named speaker (role in `detail`) with their claims as children, one node for the
//! anonymous sources, one for unattributed quotes and claims. The kinds avoid `String`, which
//! Markdown outlines use for headings, so editors that merge outlines keep them apart.

use copydesk::{Claim, ClaimKind, Span, Speaker, SpeakerKind};
use tower_lsp_server::ls_types::{DocumentSymbol, OneOf, SymbolKind, WorkspaceSymbol};

use super::hover::{kind_label, shorten};
use super::state::Snapshot;

const NAME_CHARS: usize = 60;

pub fn speaker_kind(kind: SpeakerKind) -> SymbolKind {
    match kind {
        SpeakerKind::Person => SymbolKind::CLASS,
        SpeakerKind::Organization => SymbolKind::STRUCT,
        SpeakerKind::Anonymous => SymbolKind::OBJECT,
        SpeakerKind::Document => SymbolKind::FILE,
    }
}

fn claim_kind(kind: ClaimKind) -> SymbolKind {
    match kind {
        ClaimKind::Quote => SymbolKind::EVENT,
        ClaimKind::Paraphrase => SymbolKind::FIELD,
        ClaimKind::Quantity => SymbolKind::NUMBER,
        ClaimKind::Comparison => SymbolKind::OPERATOR,
        ClaimKind::Causal => SymbolKind::FUNCTION,
        ClaimKind::Prediction => SymbolKind::PROPERTY,
    }
}

fn claim_label(kind: ClaimKind) -> &'static str {
    match kind {
        ClaimKind::Quote => "quote",
        ClaimKind::Paraphrase => "paraphrase",
        ClaimKind::Quantity => "figure",
        ClaimKind::Comparison => "comparison",
        ClaimKind::Causal => "cause",
        ClaimKind::Prediction => "prediction",
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` has to be spelled out.
fn symbol(
    name: String,
    detail: Option<String>,
    kind: SymbolKind,
    snap: &Snapshot,
    range: Span,
    selection: Span,
    children: Option<Vec<DocumentSymbol>>,
) -> DocumentSymbol {
    DocumentSymbol {
        // Clients reject empty names.
        name: if name.trim().is_empty() {
            "(empty)".to_string()
        } else {
            name
        },
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: snap.range(range),
        selection_range: snap.range(selection),
        children,
    }
}

fn claim_symbol(snap: &Snapshot, claim: &Claim) -> DocumentSymbol {
    symbol(
        shorten(snap.text_of(claim.span), NAME_CHARS),
        Some(claim_label(claim.kind).to_string()),
        claim_kind(claim.kind),
        snap,
        claim.span,
        claim.span,
        None,
    )
}

fn cover(spans: impl IntoIterator<Item = Span>) -> Option<Span> {
    spans
        .into_iter()
        .reduce(|a, b| Span::new(a.start.min(b.start), a.end.max(b.end)))
}

/// A speaker and their claims; the range covers every mention and claim.
fn speaker_symbol(snap: &Snapshot, speaker: &Speaker, claims: &[&Claim]) -> Option<DocumentSymbol> {
    let selection = speaker
        .first_reference()
        .or_else(|| speaker.mentions.first())
        .map(|m| m.span)
        .or_else(|| claims.first().map(|c| c.span))?;
    let range = cover(
        speaker
            .mentions
            .iter()
            .map(|m| m.span)
            .chain(claims.iter().map(|c| c.span)),
    )?;
    let children: Vec<DocumentSymbol> = claims.iter().map(|c| claim_symbol(snap, c)).collect();
    Some(symbol(
        speaker.name.clone(),
        speaker.role.clone(),
        speaker_kind(speaker.kind),
        snap,
        range,
        selection,
        Some(children),
    ))
}

pub fn document_symbols(snap: &Snapshot) -> Vec<DocumentSymbol> {
    let analysis = &snap.analysis;
    let claims_of = |id: usize| -> Vec<&Claim> {
        analysis
            .claims
            .iter()
            .filter(|c| c.claimant == Some(id))
            .collect()
    };
    let mut out = Vec::new();
    let mut anonymous = Vec::new();
    for (id, speaker) in analysis.speakers.iter().enumerate() {
        let Some(node) = speaker_symbol(snap, speaker, &claims_of(id)) else {
            continue;
        };
        if speaker.kind == SpeakerKind::Anonymous {
            anonymous.push(node);
        } else {
            out.push(node);
        }
    }
    if !anonymous.is_empty() {
        let range = cover(anonymous.iter().map(|n| snap.span(n.range)));
        let selection = snap.span(anonymous[0].selection_range);
        if let Some(range) = range {
            let count = anonymous.len();
            out.push(symbol(
                "Anonymous sources".to_string(),
                Some(format!(
                    "{count} {}",
                    if count == 1 { "source" } else { "sources" }
                )),
                SymbolKind::NAMESPACE,
                snap,
                range,
                selection,
                Some(anonymous),
            ));
        }
    }
    let unattributed: Vec<&Claim> = analysis
        .claims
        .iter()
        .filter(|c| c.claimant.is_none())
        .collect();
    if let Some(range) = cover(unattributed.iter().map(|c| c.span)) {
        let count = unattributed.len();
        out.push(symbol(
            "Unattributed".to_string(),
            Some(format!(
                "{count} {}",
                if count == 1 { "claim" } else { "claims" }
            )),
            SymbolKind::NULL,
            snap,
            range,
            unattributed[0].span,
            Some(unattributed.iter().map(|c| claim_symbol(snap, c)).collect()),
        ));
    }
    out.sort_by_key(|s| (s.range.start.line, s.range.start.character));
    out
}

/// Named speakers (not anonymous sources) in open drafts whose name or alias contains `query`.
pub fn workspace_symbols(snapshots: &[Snapshot], query: &str) -> Vec<WorkspaceSymbol> {
    let query = query.to_lowercase();
    let mut out = Vec::new();
    for snap in snapshots {
        let container = snap
            .uri
            .path()
            .as_str()
            .rsplit('/')
            .next()
            .map(|s| s.to_string());
        for speaker in &snap.analysis.speakers {
            if speaker.kind == SpeakerKind::Anonymous {
                continue;
            }
            let matches = query.is_empty()
                || std::iter::once(speaker.name.as_str())
                    .chain(speaker.aliases(&snap.text))
                    .any(|n| n.to_lowercase().contains(&query));
            let Some(first) = speaker
                .first_reference()
                .or_else(|| speaker.mentions.first())
            else {
                continue;
            };
            if matches {
                out.push(WorkspaceSymbol {
                    name: speaker.name.clone(),
                    kind: speaker_kind(speaker.kind),
                    tags: None,
                    container_name: container.clone(),
                    location: OneOf::Left(snap.location(first.span)),
                    data: Some(serde_json::json!({"kind": kind_label(speaker.kind)})),
                });
            }
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}
