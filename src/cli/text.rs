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

pub fn write(out: &mut impl Write, checked: &[Checked], min: Severity) -> io::Result<()> {
    let mut counts = [0usize; 4];
    for c in checked {
        for d in c.analysis.diagnostics.iter().filter(|d| d.severity <= min) {
            counts[d.severity as usize] += 1;
            finding(out, c, d)?;
        }
    }
    let [errors, warnings, infos, hints] = counts;
    if errors + warnings + infos + hints == 0 {
        return writeln!(
            out,
            "{}: no findings",
            plural(checked.len(), "draft", "drafts")
        );
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
        plural(checked.len(), "draft", "drafts")
    )
}

fn label(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information => "note",
        Severity::Hint => "hint",
    }
}

fn finding(out: &mut impl Write, c: &Checked, d: &Diagnostic) -> io::Result<()> {
    let text = c.text.as_str();
    let start = floor(text, d.span.start);
    let end = floor(text, d.span.end).max(start);
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line_no = text[..start].matches('\n').count() + 1;
    let column = text[line_start..start].chars().count() + 1;
    writeln!(
        out,
        "{}:{}:{}: {}[{}]: {}",
        c.path,
        line_no,
        column,
        label(d.severity),
        d.code,
        d.message
    )?;
    let source = text[line_start..line_end].trim_end_matches('\r');
    let gutter = " ".repeat(line_no.to_string().len());
    let pad = source.get(..start - line_start).map_or(0, display_width);
    let marked = &text[start..end.min(line_end).max(start)];
    let width = display_width(marked).max(1);
    let more = if end > line_end { " …" } else { "" };
    writeln!(out, "{gutter} |")?;
    writeln!(out, "{line_no} | {}", expand_tabs(source))?;
    writeln!(
        out,
        "{gutter} | {}{}{more}",
        " ".repeat(pad),
        "^".repeat(width)
    )?;
    for related in &d.related {
        let at = floor(text, related.span.start);
        let line = text[..at].matches('\n').count() + 1;
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let col = text[line_start..at].chars().count() + 1;
        writeln!(
            out,
            "{gutter} = see {}:{line}:{col}: {}",
            c.path, related.message
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
                ch.to_string().width()
            }
        })
        .sum()
}

fn expand_tabs(s: &str) -> String {
    s.replace('\t', "    ")
}

fn floor(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}
