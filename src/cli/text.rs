//! `--format text`: findings in the style of rustc, so editors and terminals that understand
//! `path:line:col:` can jump to them.
//!
//! ```text
//! council.md:5:1: warning[unattributed-quote]: No one is named as saying this quote; …
//!   |
//! 5 | “We are not going to rush a decision.”
//!   | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
//! ```
//! Lines and columns count from 1; columns count characters, as a reader sees them.

use std::io::{self, Write};

use copydesk::{Diagnostic, Severity};
use unicode_width::UnicodeWidthStr;

use super::{Checked, plural};

/// Appends the findings of one draft at `min` or above to `out`, counting them by severity.
pub fn file(out: &mut Vec<u8>, c: &Checked, min: Severity, counts: &mut [usize; 4]) {
    let mut lines = None;
    for d in c.analysis.diagnostics.iter().filter(|d| d.severity <= min) {
        counts[d.severity as usize] += 1;
        let lines = lines.get_or_insert_with(|| Lines::new(&c.text));
        // Writing to a `Vec` cannot fail.
        let _ = finding(out, c, lines, d);
    }
}

/// The last line: the counts, or that nothing was found.
pub fn summary(out: &mut impl Write, counts: [usize; 4], drafts: usize) -> io::Result<()> {
    let [errors, warnings, infos, hints] = counts;
    if errors + warnings + infos + hints == 0 {
        return writeln!(out, "{}: no findings", plural(drafts, "draft", "drafts"));
    }
    let mut parts = Vec::new();
    for (n, one, many) in [
        (errors, "error", "errors"),
        (warnings, "warning", "warnings"),
        (infos, "note", "notes"),
        (hints, "hint", "hints"),
    ] {
        if n > 0 {
            parts.push(plural(n, one, many));
        }
    }
    writeln!(
        out,
        "{} in {}",
        parts.join(", "),
        plural(drafts, "draft", "drafts")
    )
}

/// Where the lines of a draft start, so that a finding's line costs a binary search rather
/// than a count of the newlines before it.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines(starts)
    }

    /// The 1-based line of a byte offset (on a character boundary) and where that line starts.
    fn line(&self, offset: usize) -> (usize, usize) {
        let line = self.0.partition_point(|&start| start <= offset);
        (line, self.0[line - 1])
    }
}

fn label(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information => "note",
        Severity::Hint => "hint",
    }
}

fn finding(out: &mut impl Write, c: &Checked, lines: &Lines, d: &Diagnostic) -> io::Result<()> {
    let text = c.text.as_str();
    let start = floor(text, d.span.start);
    let end = floor(text, d.span.end).max(start);
    let (line_no, line_start) = lines.line(start);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let column = text[line_start..start].chars().count() + 1;
    writeln!(
        out,
        "{}:{}:{}: {}[{}]: {}",
        c.path,
        line_no,
        column,
        label(d.severity),
        d.code,
        d.message.shown(text)
    )?;
    let source = text[line_start..line_end].trim_end_matches('\r');
    // The gutter is as wide as the line number; the padding and carets are written with
    // format widths rather than built as strings.
    let gutter = line_no.to_string().len();
    let pad = source.get(..start - line_start).map_or(0, display_width);
    let marked = &text[start..end.min(line_end).max(start)];
    let width = display_width(marked).max(1);
    let more = if end > line_end { " …" } else { "" };
    writeln!(out, "{:gutter$} |", "")?;
    writeln!(out, "{line_no} | {}", expand_tabs(source))?;
    writeln!(out, "{:gutter$} | {:pad$}{:^<width$}{more}", "", "", "")?;
    for related in &d.related {
        let at = floor(text, related.span.start);
        let (line, line_start) = lines.line(at);
        let col = text[line_start..at].chars().count() + 1;
        writeln!(
            out,
            "{:gutter$} = see {}:{line}:{col}: {}",
            "",
            c.path,
            related.message.shown(text)
        )?;
    }
    writeln!(out)
}

/// Terminal columns: emoji and CJK take two, combining marks none, a tab four.
fn display_width(s: &str) -> usize {
    s.chars()
        .map(|ch| {
            if ch == '\t' {
                4
            } else {
                // The width of the one-character string, as before, without allocating it.
                ch.encode_utf8(&mut [0; 4]).width()
            }
        })
        .sum()
}

fn expand_tabs(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains('\t') {
        s.replace('\t', "    ").into()
    } else {
        s.into()
    }
}

fn floor(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}
