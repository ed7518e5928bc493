//! `punctuation-outside-quote`: a period or comma after a closing quote mark.
//!
//! **Why**: American style (AP, Chicago) always puts periods and commas inside the closing quote
//! mark, whether or not they belong to the quoted words.
//!
//! **Example** (flagged): `He called it “a disaster”.`

use super::Context;
use crate::model::{Diagnostic, Edit, Fix, Severity, Span};
use crate::wording;

pub fn check(cx: &Context, out: &mut Vec<Diagnostic>) {
    let text = cx.draft.text;
    for quote in cx.quotes.iter().filter(|q| q.closed) {
        let Some(mark) = text[quote.span.start..quote.span.end].chars().next_back() else { continue };
        if !matches!(mark, '”' | '"') {
            continue;
        }
        let after = &text[quote.span.end..];
        let Some(p) = after.chars().next().filter(|c| matches!(c, '.' | ','))
        else {
            continue;
        };
        // An ellipsis or a decimal after the mark is something else.
        if after.starts_with("..") || after[1..].starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let mark_at = quote.span.end - mark.len_utf8();
        let span = Span::new(mark_at, quote.span.end + 1);
        let mark_name = if p == '.' { "period" } else { "comma" };
        out.push(Diagnostic {
            code: "punctuation-outside-quote",
            severity: Severity::Warning,
            message: wording!["In U.S. style the ", mark_name, " goes inside the closing quote mark."],
            span,
            related: vec![],
            fixes: vec![Fix {
                title: wording!["Move the ", mark_name, " inside the quote"],
                edits: vec![Edit { span, replacement: wording!["", Span::new(quote.span.end, span.end), "", Span::new(mark_at, quote.span.end), ""] }],
            }],
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::tests_support::findings;

    #[test]
    fn flags_period_and_comma_outside() {
        assert_eq!(findings("He called it “a disaster”.", "punctuation-outside-quote"), ["”."]);
        assert_eq!(findings("She said \"no\", then left.", "punctuation-outside-quote"), ["\","]);
    }

    #[test]
    fn inside_is_fine() {
        assert_eq!(findings("He called it “a disaster.” She said “no,” then left 😀.", "punctuation-outside-quote"), Vec::<String>::new());
    }
}
