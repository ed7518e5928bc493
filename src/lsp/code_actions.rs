//! Code actions, all computed here as workspace edits (no client-side commands):
//!
//! - the fixes the analysis attaches to a finding: replace a loaded verb with "said", insert an
//!   attribution placeholder (`, TK said.`) after an unattributed quote, insert a
//!   reason-for-anonymity placeholder, move punctuation inside the quote, use the full name…;
//! - suppress a rule on the next line or in the whole file with a comment the analysis honours
//!   (`<!-- copydesk-disable-next-line code -->`, `<!-- copydesk-disable code -->`);
//! - straighten or curl a quote's marks to match the rest of the draft.

use copydesk::{Format, Quote, Span};
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams,
};

use super::convert;
use super::navigation::workspace_edit;
use super::state::{ClientFlags, Snapshot};

pub fn code_actions(
    snap: &Snapshot,
    params: &CodeActionParams,
    flags: ClientFlags,
) -> Vec<CodeActionOrCommand> {
    let versioned = flags.document_changes;
    let wanted = snap.span(params.range);
    let touches = |span: Span| span.start <= wanted.end && wanted.start <= span.end;
    let mut actions = Vec::new();
    let mut suppressions = Vec::new();
    for d in snap.analysis.diagnostics.iter().filter(|d| touches(d.span)) {
        let diagnostic = convert::diagnostic(
            d,
            &snap.uri,
            &snap.text,
            &snap.index,
            snap.encoding,
            flags.code_descriptions,
        );
        for (i, fix) in d.fixes.iter().enumerate() {
            let edits = fix
                .edits
                .iter()
                .map(|e| (e.span, e.replacement.to_string(&snap.text)))
                .collect();
            actions.push(CodeAction {
                title: fix.title.to_string(&snap.text),
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(workspace_edit(snap, edits, versioned)),
                is_preferred: Some(i == 0),
                ..Default::default()
            });
        }
        for (title, edit) in suppress(&snap.text, d.span.start, d.code, snap.format) {
            if !suppressions.iter().any(|a: &CodeAction| a.title == title) {
                suppressions.push(CodeAction {
                    title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic.clone()]),
                    edit: Some(workspace_edit(snap, vec![edit], versioned)),
                    ..Default::default()
                });
            }
        }
    }
    actions.extend(quote_marks(snap, wanted, versioned));
    actions.extend(suppressions);
    let only = params.context.only.as_deref();
    actions
        .into_iter()
        .filter(|a| {
            only.is_none_or(|kinds| {
                let kind = a.kind.as_ref().map_or("", |k| k.as_str());
                kinds.iter().any(|k| {
                    kind == k.as_str()
                        || kind
                            .strip_prefix(k.as_str())
                            .is_some_and(|rest| rest.starts_with('.'))
                })
            })
        })
        .map(CodeActionOrCommand::CodeAction)
        .collect()
}

/// "Disable on the next line" and "disable in this file" for a finding at `at`.
fn suppress(text: &str, at: usize, code: &str, format: Format) -> Vec<(String, (Span, String))> {
    let line_start = text[..at.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
    // Keep the line's indentation and blockquote markers so the comment stays in the block;
    // plain text directives must start their line.
    let prefix: String = match format {
        Format::Markdown => text[line_start..]
            .chars()
            .take_while(|c| matches!(c, ' ' | '\t' | '>'))
            .collect(),
        Format::PlainText => String::new(),
    };
    let next_line = (
        Span::new(line_start, line_start),
        format!("{prefix}<!-- copydesk-disable-next-line {code} -->\n"),
    );
    let top = file_top(text, format);
    let file = (
        Span::new(top, top),
        format!("<!-- copydesk-disable {code} -->\n"),
    );
    vec![
        (format!("Disable {code} for this line"), next_line),
        (format!("Disable {code} in this file"), file),
    ]
}

/// Where a file-wide directive goes: the top, after YAML front matter.
fn file_top(text: &str, format: Format) -> usize {
    if format != Format::Markdown || !text.starts_with("---") {
        return 0;
    }
    let mut offset = 0;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        offset += line.len();
        if i > 0 && matches!(line.trim_end(), "---" | "...") {
            return offset;
        }
    }
    0
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Style {
    Straight,
    Curly,
}

fn style_of(ch: char) -> Option<Style> {
    match ch {
        '"' | '\'' => Some(Style::Straight),
        '“' | '”' | '‘' | '’' => Some(Style::Curly),
        _ => None,
    }
}

/// The opening and closing marks of a quote, with their spans.
fn marks(text: &str, quote: &Quote) -> Vec<(Span, char, bool)> {
    let mut out = Vec::new();
    let body = quote.span.text(text);
    if let Some(open) = body.chars().next().filter(|c| style_of(*c).is_some()) {
        let start = quote.span.start;
        out.push((Span::new(start, start + open.len_utf8()), open, true));
    }
    if quote.closed
        && body.chars().count() > 1
        && let Some(close) = body.chars().next_back().filter(|c| style_of(*c).is_some())
    {
        let end = quote.span.end;
        out.push((Span::new(end - close.len_utf8(), end), close, false));
    }
    out
}

fn convert_mark(ch: char, opening: bool, to: Style) -> char {
    match (to, ch) {
        (Style::Straight, '“' | '”') => '"',
        (Style::Straight, '‘' | '’') => '\'',
        (Style::Curly, '"') if opening => '“',
        (Style::Curly, '"') => '”',
        (Style::Curly, '\'') if opening => '‘',
        (Style::Curly, '\'') => '’',
        _ => ch,
    }
}

/// Quote marks that differ from the draft's usual style: fix the quote at the cursor, or all.
fn quote_marks(snap: &Snapshot, wanted: Span, versioned: bool) -> Vec<CodeAction> {
    let text = snap.text.as_str();
    let (mut straight, mut curly) = (0, 0);
    for quote in &snap.analysis.quotes {
        for (_, ch, _) in marks(text, quote) {
            match style_of(ch) {
                Some(Style::Straight) => straight += 1,
                Some(Style::Curly) => curly += 1,
                None => {}
            }
        }
    }
    if straight == curly {
        return vec![];
    }
    let house = if curly > straight {
        Style::Curly
    } else {
        Style::Straight
    };
    let edits_for = |quote: &Quote| -> Vec<(Span, String)> {
        marks(text, quote)
            .into_iter()
            .filter(|(_, ch, _)| style_of(*ch) != Some(house))
            .map(|(span, ch, opening)| (span, convert_mark(ch, opening, house).to_string()))
            .collect()
    };
    let (verb, noun) = match house {
        Style::Curly => ("Curl", "curly"),
        Style::Straight => ("Straighten", "straight"),
    };
    let mut actions = Vec::new();
    let here = snap
        .analysis
        .quotes
        .iter()
        .filter(|q| q.span.start <= wanted.end && wanted.start <= q.span.end)
        .min_by_key(|q| q.span.len());
    if let Some(quote) = here {
        let edits = edits_for(quote);
        if !edits.is_empty() {
            actions.push(CodeAction {
                title: format!("{verb} this quote's marks to match the draft ({noun} quotes)"),
                kind: Some(CodeActionKind::QUICKFIX),
                edit: Some(workspace_edit(snap, edits, versioned)),
                is_preferred: Some(true),
                ..Default::default()
            });
        }
    }
    let all: Vec<(Span, String)> = snap.analysis.quotes.iter().flat_map(edits_for).collect();
    if !all.is_empty() && !actions.is_empty() {
        let count = all.len();
        actions.push(CodeAction {
            title: format!("{verb} all {count} mismatched quote marks in the draft"),
            kind: Some(CodeActionKind::SOURCE_FIX_ALL),
            edit: Some(workspace_edit(snap, all, versioned)),
            ..Default::default()
        });
    }
    actions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directives_keep_blockquotes_and_follow_front_matter() {
        let text = "---\ntitle: x\n---\n> “Fine,” she claimed.\n";
        let at = text.find("claimed").unwrap();
        let actions = suppress(text, at, "loaded-verb", Format::Markdown);
        let (_, (span, line)) = &actions[0];
        assert_eq!(span.start, text.find('>').unwrap());
        assert_eq!(line, "> <!-- copydesk-disable-next-line loaded-verb -->\n");
        let (_, (span, _)) = &actions[1];
        assert_eq!(span.start, text.find('>').unwrap());
        assert_eq!(file_top("No front matter", Format::Markdown), 0);
    }

    #[test]
    fn converts_marks_both_ways() {
        assert_eq!(convert_mark('"', true, Style::Curly), '“');
        assert_eq!(convert_mark('"', false, Style::Curly), '”');
        assert_eq!(convert_mark('’', false, Style::Straight), '\'');
    }
}
