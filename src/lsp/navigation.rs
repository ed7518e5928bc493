//! Definition (a speaker's first full reference), references (every mention and every quote
//! attributed to them) and rename (every mention of the name).

use std::collections::HashMap;

use copydesk::{Mention, MentionKind, Span, Speaker, SpeakerId, SpeakerKind};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{
    DocumentChanges, Location, OneOf, OptionalVersionedTextDocumentIdentifier, Position,
    PrepareRenameResponse, TextDocumentEdit, TextEdit, WorkspaceEdit,
};

use super::state::Snapshot;

/// The speaker under the cursor: a mention of them, or a quote attributed to them.
fn speaker_at(snap: &Snapshot, position: Position) -> Option<SpeakerId> {
    let offset = snap.offset(position);
    let analysis = &snap.analysis;
    if let Some((id, _)) = analysis.mention_at(offset) {
        return Some(id);
    }
    let (_, quote) = analysis.quote_at(offset)?;
    quote.attribution.as_ref()?.speaker
}

/// The first full-name reference outside quotes, else the first reference, else any mention.
fn definition_span(speaker: &Speaker) -> Option<Span> {
    speaker
        .mentions
        .iter()
        .find(|m| !m.in_quote && m.kind == MentionKind::FullName)
        .or_else(|| speaker.first_reference())
        .or_else(|| speaker.mentions.first())
        .map(|m| m.span)
}

pub fn definition(snap: &Snapshot, position: Position) -> Option<Location> {
    let speaker = snap.analysis.speaker(speaker_at(snap, position)?)?;
    Some(snap.location(definition_span(speaker)?))
}

pub fn references(snap: &Snapshot, position: Position, include_declaration: bool) -> Vec<Location> {
    let Some(id) = speaker_at(snap, position) else {
        return vec![];
    };
    let Some(speaker) = snap.analysis.speaker(id) else {
        return vec![];
    };
    let declaration = definition_span(speaker);
    let mut spans: Vec<Span> = speaker
        .mentions
        .iter()
        .map(|m| m.span)
        .chain(snap.analysis.quotes_of(id).map(|q| q.span))
        .filter(|s| include_declaration || Some(*s) != declaration)
        .collect();
    spans.sort();
    spans.dedup();
    spans.into_iter().map(|s| snap.location(s)).collect()
}

/// A mention whose words are the speaker's name, not a pronoun, role or anonymous description.
fn renamable(snap: &Snapshot, position: Position) -> Result<(SpeakerId, &Mention)> {
    let refuse = |why: &str| Err(Error::invalid_params(why.to_string()));
    let offset = snap.offset(position);
    let Some((id, mention)) = snap.analysis.mention_at(offset) else {
        return refuse("Only a speaker's name can be renamed; there is none here.");
    };
    let kind = snap.analysis.speaker(id).map(|s| s.kind);
    if matches!(
        kind,
        Some(SpeakerKind::Anonymous | SpeakerKind::Document) | None
    ) {
        return refuse("An anonymous source or a document has no name to rename.");
    }
    if !is_name(mention.kind) {
        return refuse(
            "This is a pronoun or a role, not the speaker's name: rename the name itself.",
        );
    }
    Ok((id, mention))
}

fn is_name(kind: MentionKind) -> bool {
    matches!(
        kind,
        MentionKind::FullName
            | MentionKind::Surname
            | MentionKind::Variant
            | MentionKind::Description
    )
}

pub fn prepare_rename(snap: &Snapshot, position: Position) -> Result<PrepareRenameResponse> {
    let (_, mention) = renamable(snap, position)?;
    Ok(PrepareRenameResponse::RangeWithPlaceholder {
        range: snap.range(mention.span),
        placeholder: snap.text_of(mention.span).to_string(),
    })
}

/// Renames a speaker: full-name mentions get the new full name, surname mentions the new
/// surname. Renaming on a surname keeps the given names of the full-name mentions.
pub fn rename(
    snap: &Snapshot,
    position: Position,
    new_name: &str,
    versioned: bool,
) -> Result<WorkspaceEdit> {
    let new_name = new_name.split_whitespace().collect::<Vec<_>>().join(" ");
    if new_name.is_empty() {
        return Err(Error::invalid_params("The new name is empty."));
    }
    let (id, renamed) = renamable(snap, position)?;
    let Some(speaker) = snap.analysis.speaker(id) else {
        return Err(Error::invalid_params("No speaker here."));
    };
    let renamed_text = snap.text_of(renamed.span);
    let mut edits = Vec::new();
    if speaker.kind == SpeakerKind::Person {
        let (new_full, new_surname) = if words(renamed_text) > 1 {
            let surname = new_name.rsplit(' ').next().unwrap_or(&new_name).to_string();
            (new_name.clone(), surname)
        } else {
            let given = speaker.name.rsplit_once(' ').map(|(given, _)| given);
            let full = given.map_or_else(|| new_name.clone(), |g| format!("{g} {new_name}"));
            (full, new_name.clone())
        };
        for mention in speaker.mentions.iter().filter(|m| is_name(m.kind)) {
            let text = snap.text_of(mention.span);
            let replacement = if words(text) > 1 {
                &new_full
            } else {
                &new_surname
            };
            if text != replacement {
                edits.push((mention.span, replacement.clone()));
            }
        }
    } else {
        for mention in &speaker.mentions {
            if is_name(mention.kind) && snap.text_of(mention.span) == renamed_text {
                edits.push((mention.span, new_name.clone()));
            }
        }
    }
    Ok(workspace_edit(snap, edits, versioned))
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// One document's edits as a workspace edit: versioned `documentChanges` when the client takes
/// them (so an edit computed for an older text is refused), else `changes`.
pub fn workspace_edit(
    snap: &Snapshot,
    mut edits: Vec<(Span, String)>,
    versioned: bool,
) -> WorkspaceEdit {
    edits.sort_by_key(|(span, _)| (span.start, span.end));
    // Edits must not overlap: keep the first of any that do.
    let mut end = 0;
    let mut kept = Vec::with_capacity(edits.len());
    for (i, (span, text)) in edits.into_iter().enumerate() {
        if i == 0 || span.start >= end {
            end = span.end;
            kept.push((span, text));
        }
    }
    let text_edits: Vec<TextEdit> = kept
        .into_iter()
        .map(|(span, new_text)| TextEdit {
            range: snap.range(span),
            new_text,
        })
        .collect();
    if versioned {
        WorkspaceEdit {
            changes: None,
            document_changes: Some(DocumentChanges::Edits(vec![TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: snap.uri.clone(),
                    version: Some(snap.version),
                },
                edits: text_edits.into_iter().map(OneOf::Left).collect(),
            }])),
            change_annotations: None,
        }
    } else {
        WorkspaceEdit {
            changes: Some(HashMap::from([(snap.uri.clone(), text_edits)])),
            document_changes: None,
            change_annotations: None,
        }
    }
}
