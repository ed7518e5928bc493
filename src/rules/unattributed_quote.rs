//! `unattributed-quote`: a direct quote with no speaker.
//!
//! **Why**: AP and Reuters require every direct quote to be attributed, in the same sentence or
//! right beside it; a reader must never have to guess who is speaking. A quote standing alone, or
//! a partial quote dropped into the writer's sentence with no source, reads as the publication's
//! own words.
//!
//! **Catches**: speech and quoted fragments that no sieve could attribute. Titles of works
//! (`played “Blue Moon”`) and scare quotes (`a “temporary” fix`) are not speech and are not
//! flagged; nor are quotes in headlines, or later paragraphs of a running quotation whose first
//! paragraph is flagged already.
//!
//! **Example** (flagged): `“The branch has been open since 1952. Closing it would be a mistake.”`
//! standing alone in its paragraph.

use super::Context;
use crate::draft::BlockKind;
use crate::model::{Diagnostic, Edit, Fix, QuoteKind, Severity, Span};
use crate::wording;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    for quote in cx.quotes {
        if quote.attribution.is_some() || quote.continues.is_some() || !matches!(quote.kind, QuoteKind::Speech | QuoteKind::Fragment) {
            continue;
        }
        if cx.draft.paragraph_at(quote.span.start).is_some_and(|p| cx.draft.paragraphs[p].kind == BlockKind::Heading) {
            continue;
        }
        let message = match quote.kind {
            QuoteKind::Fragment => wording!["This quoted phrase has no source: say who said it in the same sentence, or drop the quote marks."],
            _ => wording!["This quote has no attribution: say who said it in the same or the next sentence (“…,” Name said.)."],
        };
        out.push(Diagnostic {
            code: "unattributed-quote",
            severity: Severity::Warning,
            message,
            span: quote.span,
            related: vec![],
            fixes: placeholder_fix(cx, quote.span, quote.closed).into_iter().collect(),
        });
    }
}

/// `“…a mistake.”` → `“…a mistake,” TK said.`: a placeholder the copy desk cannot miss.
fn placeholder_fix(cx: &Context, span: Span, closed: bool) -> Option<Fix> {
    if !closed {
        return None;
    }
    let text = cx.text(span);
    let close_len = text.chars().next_back()?.len_utf8();
    let before_close = span.end - close_len;
    let mut edits = Vec::new();
    if cx.draft.text[..before_close].ends_with('.') {
        edits.push(Edit { span: Span::new(before_close - 1, before_close), replacement: wording![","] });
    }
    let tail = if cx.draft.text[span.end..].starts_with(['.', ',', ';']) { " TK said" } else { " TK said." };
    edits.push(Edit { span: Span::new(span.end, span.end), replacement: wording!["", tail, ""] });
    Some(Fix { title: wording!["Insert an attribution placeholder (TK said)"], edits })
}

#[cfg(test)]
mod tests {
    use crate::rules::tests_support::findings;

    #[test]
    fn flags_quotes_nobody_says() {
        assert_eq!(findings("“We will not back down.” The vote is Tuesday.", "unattributed-quote"), ["“We will not back down.”"]);
        assert_eq!(findings("The plan is “dead on arrival and everyone knows it.”", "unattributed-quote").len(), 1);
    }

    #[test]
    fn attributed_titles_and_scare_quotes_pass() {
        for text in [
            "“We will not back down,” Mayor Ana Ruiz said.",
            "“We will not back down,” said Ana Ruiz, a spokesperson for the city.",
            "Ruiz said: “We will not back down.”",
            "“Yes,” she said. “We will not back down.”",
            "A band played \"Take Me Out to the Ball Game\" before the vote.",
            "Opponents call the plan a \"giveaway.\"",
            "# Mayor: “We will not back down”",
            "Ruiz told reporters the city would “not back down” — 😀 — and left.",
        ] {
            assert_eq!(findings(text, "unattributed-quote"), Vec::<String>::new(), "{text}");
        }
    }
}
