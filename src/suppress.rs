//! Suppression comments: the writer's way to say "I know, leave it".
//!
//! ```markdown
//! <!-- copydesk-disable-next-line placeholder courtesy-title -->
//! Mr. Roe said the figure was TK.
//!
//! The vote is Friday. <!-- copydesk-disable-line vague-attribution --> Critics say it is rushed.
//!
//! <!-- copydesk-disable bare-source -->
//! ```
//!
//! - `copydesk-disable-next-line [codes]`: findings that start on the next non-blank line after
//!   the comment (lines holding only comments are skipped, so directives can be stacked);
//! - `copydesk-disable-line [codes]`: findings that start on the comment's own line;
//! - `copydesk-disable [codes]`: those codes everywhere in the file.
//!
//! With no codes a directive covers every rule. Codes are separated by spaces or commas; codes
//! that name no rule are ignored. In Markdown the directives are HTML comments (invisible when
//! rendered, and never read inside code); plain-text drafts have no comments, so there a
//! directive is a line of its own that starts with `<!-- copydesk-`.

use crate::draft::{Draft, Format};
use crate::model::{Diagnostic, Span};

/// Removes the findings that suppression directives in the draft cover.
pub fn apply(draft: &Draft, diagnostics: &mut Vec<Diagnostic>) {
    let directives = match draft.format {
        Format::Markdown => directives(draft.text, &draft.comments),
        Format::PlainText => directives(draft.text, &plain_comments(draft.text)),
    };
    if directives.is_empty() {
        return;
    }
    diagnostics.retain(|d| !directives.iter().any(|dir| dir.covers(d)));
}

/// What a directive turns off.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Directive<'t> {
    /// Byte range of the lines it covers; `None` for the whole file.
    lines: Option<Span>,
    /// Rule codes; empty for every rule.
    codes: Vec<&'t str>,
}

impl Directive<'_> {
    fn covers(&self, d: &Diagnostic) -> bool {
        let here = self
            .lines
            .is_none_or(|lines| lines.start <= d.span.start && d.span.start < lines.end);
        here && (self.codes.is_empty() || self.codes.contains(&d.code))
    }
}

/// The directives in `comments` (spans of `text` that hold one or more `<!-- … -->`).
fn directives<'t>(text: &'t str, comments: &[Span]) -> Vec<Directive<'t>> {
    let mut out = Vec::new();
    for &span in comments {
        let mut at = span.start;
        while let Some(open) = text.get(at..span.end).and_then(|s| s.find("<!--")) {
            let body_start = at + open + 4;
            let Some(close) = text[body_start..span.end].find("-->") else {
                break;
            };
            let body_end = body_start + close;
            if let Some(directive) = parse(text, body_start, body_end) {
                out.push(directive);
            }
            at = body_end + 3;
        }
    }
    out
}

/// Reads `copydesk-disable…` in the comment body `text[start..end]`.
fn parse(text: &str, start: usize, end: usize) -> Option<Directive<'_>> {
    let body = text[start..end].trim();
    let rest = body.strip_prefix("copydesk-")?;
    let (kind, codes) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let codes: Vec<&str> = codes
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|c| !c.is_empty())
        .collect();
    let lines = match kind {
        "disable" => None,
        "disable-line" => Some(line_at(text, start)),
        "disable-next-line" => Some(next_line(text, line_at(text, end).end)?),
        _ => return None,
    };
    Some(Directive { lines, codes })
}

/// The line containing `offset`, without its line break.
fn line_at(text: &str, offset: usize) -> Span {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    Span::new(start, end)
}

/// The first line after the one ending at `end` that is not blank and not only comments.
fn next_line(text: &str, mut end: usize) -> Option<Span> {
    while end < text.len() {
        let line = line_at(text, end + 1);
        let content = line.text(text).trim();
        let only_comment = content.starts_with("<!--") && content.ends_with("-->");
        if !content.is_empty() && !only_comment {
            return Some(line);
        }
        end = line.end;
    }
    None
}

/// Plain text: lines that start with `<!-- copydesk-`.
fn plain_comments(text: &str) -> Vec<Span> {
    if !text.contains("<!-- copydesk-") {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let lead = line.len() - line.trim_start().len();
        if line[lead..].starts_with("<!-- copydesk-") {
            out.push(Span::new(start + lead, start + line.trim_end().len()));
        }
        start += line.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::{Config, Format, analyze};

    fn codes(text: &str, format: Format) -> Vec<(&'static str, String)> {
        analyze(text, format, &Config::default())
            .diagnostics
            .iter()
            .filter(|d| {
                matches!(
                    d.code,
                    "placeholder" | "courtesy-title" | "vague-attribution"
                )
            })
            .map(|d| (d.code, d.span.text(text).to_string()))
            .collect()
    }

    fn md(text: &str) -> Vec<(&'static str, String)> {
        codes(text, Format::Markdown)
    }

    fn owned(pairs: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
        pairs.iter().map(|(c, t)| (*c, t.to_string())).collect()
    }

    #[test]
    fn without_directives_everything_is_reported() {
        assert_eq!(
            md("Mr. Roe said TK.\n"),
            owned(&[("courtesy-title", "Mr."), ("placeholder", "TK")])
        );
    }

    #[test]
    fn next_line_covers_the_next_non_blank_line_only() {
        let text =
            "<!-- copydesk-disable-next-line placeholder -->\n\nMr. Roe said TK.\n\nLee said TK.\n";
        assert_eq!(
            md(text),
            owned(&[("courtesy-title", "Mr."), ("placeholder", "TK")])
        );
        assert_eq!(md(text).last().map(|(_, t)| t.as_str()), Some("TK"));
        let all = "<!-- copydesk-disable-next-line -->\nMr. Roe said TK 😀.\nLee said TK.\n";
        let found = analyze(all, Format::Markdown, &Config::default()).diagnostics;
        let placeholders: Vec<usize> = found
            .iter()
            .filter(|d| d.code == "placeholder")
            .map(|d| d.span.start)
            .collect();
        assert_eq!(placeholders, [all.rfind("TK").unwrap()]);
        assert!(found.iter().all(|d| d.code != "courtesy-title"));
    }

    #[test]
    fn stacked_and_comma_separated_directives() {
        let text = "<!-- copydesk-disable-next-line placeholder -->\n<!-- copydesk-disable-next-line courtesy-title, no-such-rule -->\nMr. Roe said TK.\n";
        assert_eq!(md(text), owned(&[]));
    }

    #[test]
    fn disable_covers_the_file_and_disable_line_its_line() {
        let text =
            "Mr. Roe said TK.\n\n<!-- copydesk-disable placeholder -->\n\nMs. Lee said TK.\n";
        assert_eq!(
            md(text),
            owned(&[("courtesy-title", "Mr."), ("courtesy-title", "Ms.")])
        );
        let line = "Critics say — 😀 — it is TK. <!-- copydesk-disable-line vague-attribution -->\nCritics say so.\n";
        assert_eq!(
            md(line),
            owned(&[("placeholder", "TK"), ("vague-attribution", "Critics say")])
        );
        assert_eq!(md(line)[1].1, "Critics say");
    }

    #[test]
    fn unknown_codes_and_other_comments_change_nothing() {
        let text = "<!-- copydesk-disable-next-line no-such-rule -->\nMr. Roe said TK.\n<!-- an editor's note -->\n<!-- copydesk-frobnicate -->\n";
        assert_eq!(
            md(text),
            owned(&[("courtesy-title", "Mr."), ("placeholder", "TK")])
        );
    }

    #[test]
    fn directives_in_code_do_not_count() {
        let text = "```\n<!-- copydesk-disable -->\n```\n\nMr. Roe said TK.\n";
        assert_eq!(
            md(text),
            owned(&[("courtesy-title", "Mr."), ("placeholder", "TK")])
        );
    }

    #[test]
    fn plain_text_reads_directive_lines() {
        let text = "<!-- copydesk-disable-next-line placeholder -->\nMr. Roe said TK.\n\n  <!-- copydesk-disable courtesy-title -->\nMs. Lee said TK.\n";
        assert_eq!(
            codes(text, Format::PlainText),
            owned(&[("placeholder", "TK")])
        );
        assert_eq!(
            codes(text, Format::PlainText)[0],
            ("placeholder", "TK".to_string())
        );
    }
}
