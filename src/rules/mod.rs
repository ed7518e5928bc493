//! Copy-desk rules: one file per diagnostic code, each with the newsroom standard behind it.
//!
//! A rule reads the finished analysis ([`Context`]) and pushes [`Diagnostic`]s. Rules never see
//! configuration directly except through `cx.config`; severity and on/off are applied here.

use crate::config::Config;
use crate::draft::Draft;
use crate::model::{Claim, Diagnostic, Quote, Severity, Span, Speaker};
#[cfg(doc)]
use crate::paragraph_facts::ParagraphFacts;
use crate::quotes::MarkProblem;

/// What a rule can read: the draft (prose with code and markup blanked out), its quotes, speakers
/// and attribution facts, and the configuration.
pub struct Context<'a> {
    pub draft: &'a Draft<'a>,
    pub quotes: &'a [Quote],
    /// Quote marks that do not pair up.
    pub mark_problems: &'a [(Span, MarkProblem)],
    pub speakers: &'a [Speaker],
    pub facts: &'a crate::attribution::Facts,
    pub claims: &'a [Claim],
    /// The pattern rules' matches, by trigger ([`ParagraphFacts::matches`]).
    pub matches: &'a [Vec<Found<'a>>; Trigger::ALL.len()],
    /// The anonymous sources' windows ([`anonymity_unexplained::windows`]).
    pub anonymity_windows: &'a [anonymity_unexplained::Window],
    pub config: &'a Config,
}

impl<'a> Context<'a> {
    pub fn text(&self, span: Span) -> &str {
        span.text(self.draft.text)
    }

    /// The matches of `trigger`'s pattern in the draft, in order (see [`triggers`]).
    pub fn matches(&self, trigger: Trigger) -> impl Iterator<Item = Found<'a>> {
        self.matches[trigger as usize].iter().copied()
    }
}

/// The public description of a rule.
#[derive(Clone, Copy, Debug)]
pub struct RuleInfo {
    pub code: &'static str,
    pub default_severity: Severity,
    /// One line for the README and `--list-rules`.
    pub summary: &'static str,
}

pub mod triggers;

pub use triggers::{Found, Trigger};

macro_rules! rules {
    ($($module:ident: $code:literal, $severity:ident, $summary:literal;)*) => {
        $(pub mod $module;)*
        /// Every rule, in the order they run.
        pub const RULES: &[RuleInfo] = &[
            $(RuleInfo { code: $code, default_severity: Severity::$severity, summary: $summary },)*
        ];
        fn run_all(cx: &Context, out: &mut Vec<Diagnostic>) {
            $(
                if let Some(severity) = cx.config.severity($code, Severity::$severity) {
                    let from = out.len();
                    $module::check(cx, out);
                    for d in &mut out[from..] {
                        debug_assert_eq!(d.code, $code, "rule {} emitted another code", stringify!($module));
                        d.severity = severity;
                    }
                }
            )*
        }
    };
}

rules! {
    unattributed_quote: "unattributed-quote", Warning, "A direct quote with no speaker in the same or the adjacent sentence.";
    unbalanced_quote: "unbalanced-quote", Error, "An opening quote mark that is never closed (and is not an AP running quotation), or a stray closing mark.";
    anonymous_source: "anonymous-source", Information, "Marks every anonymous attribution so an editor can review them all.";
    anonymity_unexplained: "anonymity-unexplained", Warning, "An anonymous source with no reason for anonymity in the same or the next sentence.";
    bare_source: "bare-source", Error, "An unmodified \"a source\" or \"sources said\".";
    vague_attribution: "vague-attribution", Warning, "Weasel attribution: \"critics say\", \"some observers believe\", \"it is widely believed\".";
    loaded_verb: "loaded-verb", Warning, "An attribution verb that passes judgement: admitted, claimed, slammed, insisted.";
    nonspeech_verb: "nonspeech-verb", Warning, "A verb that cannot carry words used as attribution: \"Great movie,\" she smiled.";
    name_variant: "name-variant", Warning, "The same name spelled two ways in one draft, or against the house dictionary.";
    first_reference: "first-reference", Warning, "A person first named by surname only when the full name comes later.";
    courtesy_title: "courtesy-title", Information, "Mr., Mrs., Ms. outside quotes (AP style drops them; NYT style uses them).";
    placeholder: "placeholder", Error, "A placeholder left in the copy: TK, XX, [CHECK …], [NAME], HEADLINE HERE, lorem ipsum.";
    sourcing_note: "sourcing-note", Error, "A reporter's sourcing note left in the copy: [on background], (off the record).";
    punctuation_outside_quote: "punctuation-outside-quote", Warning, "A period or comma after a closing quote mark (US style puts it inside).";
    unattributed_claim: "unattributed-claim", Hint, "A check-worthy claim (figures, comparisons, causes) with no source in its sentence or paragraph.";
}

/// Compiles the rules' regular expressions that every search reads, which otherwise happens
/// during the first analysis. The language server's analysis thread calls it as it starts, so
/// the first draft opened is not the one that pays; the command line does not, and compiles
/// only the patterns its drafts need. Calling it again costs nothing.
///
/// A pattern that counts characters is compiled here only in its uncounted form, the one the
/// search reads (see `triggers::Trigger::counted`). Its counted form took most of the compiling
/// and is needed only for a match longer than its count, a note of over 120 characters: the
/// first such draft compiles it then, once, and no server start pays for it.
pub fn prepare() {
    bare_source::prepare();
    courtesy_title::prepare();
    placeholder::prepare();
    sourcing_note::prepare();
    vague_attribution::prepare();
}

/// Whether `offset` is inside a quote (quotes are sorted and do not overlap).
pub(super) fn in_quote(cx: &Context, offset: usize) -> bool {
    let i = cx.quotes.partition_point(|q| q.span.start <= offset);
    i > 0 && cx.quotes[i - 1].span.contains(offset)
}

/// The rule with this code.
pub fn info(code: &str) -> Option<&'static RuleInfo> {
    RULES.iter().find(|r| r.code == code)
}

/// Whether the rule with this code runs with `config`.
pub fn enabled(config: &Config, code: &str) -> bool {
    info(code).is_some_and(|rule| config.severity(code, rule.default_severity).is_some())
}

/// Every enabled rule's findings, sorted by place and then by code. `room` is
/// how many there are likely to be.
pub fn check(cx: &Context, room: usize) -> Vec<Diagnostic> {
    let mut out = Vec::with_capacity(room);
    run_all(cx, &mut out);
    sort_findings(&mut out);
    out
}

/// Sorts findings by place and then by code; findings with the same place and code keep the
/// order the rules gave them.
fn sort_findings(findings: &mut [Diagnostic]) {
    // The keys are sorted, and each finding then moved into place once: a finding is 144
    // bytes, and sorting the findings themselves moved each of them many times (8 % of a
    // keystroke's instructions at 10,000 words).
    findings.sort_by_cached_key(|d| (d.span.start, d.span.end, d.code));
}

#[cfg(test)]
pub(crate) mod tests_support {
    use crate::{Config, Format, analyze};

    /// The text of each finding of `code` when `text` is analysed as Markdown.
    pub fn findings(text: &str, code: &str) -> Vec<String> {
        findings_with(text, code, &Config::default())
    }

    pub fn findings_with(text: &str, code: &str, config: &Config) -> Vec<String> {
        analyze(text, Format::Markdown, config)
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .map(|d| d.span.text(text).to_string())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::{Config, Format, analyze};

    /// Findings with the same place and code keep the order the rules gave them; the others
    /// come by start, then end, then code. Enough of them that the sort is not an insertion
    /// sort, which keeps equal keys in order whatever it is asked.
    #[test]
    fn findings_at_one_place_with_one_code_keep_the_rules_order() {
        let codes = ["b-rule", "a-rule", "c-rule"];
        let key = |i: usize| (i * 7 % 5, 9 - i * 3 % 4, codes[i * 11 % 3]);
        let mut findings: Vec<crate::Diagnostic> = (0..96)
            .map(|i| {
                let (start, end, code) = key(i);
                crate::Diagnostic {
                    code,
                    severity: crate::Severity::Warning,
                    message: crate::wording!["", i.to_string(), ""],
                    span: crate::Span::new(start, end),
                    related: vec![],
                    fixes: vec![],
                }
            })
            .collect();
        let mut expected: Vec<_> = (0..96).map(|i| (key(i), i)).collect();
        expected.sort();
        super::sort_findings(&mut findings);
        let order: Vec<String> = findings.iter().map(|d| d.message.to_string("")).collect();
        let expected: Vec<String> = expected.iter().map(|(_, i)| i.to_string()).collect();
        assert_eq!(order, expected);
    }

    /// The findings come by place, and at one place by code, whatever order the rules run in
    /// (`anonymous-source` runs before `anonymity-unexplained`, whose code comes first).
    #[test]
    fn findings_come_by_place_and_then_by_code() {
        let text = "“We will not back down,” a source said.\n\n\
                    Sources said the vote was delayed. “It is over,” critics say.\n";
        let found: Vec<(usize, &str)> = analyze(text, Format::Markdown, &Config::default())
            .diagnostics
            .iter()
            .map(|d| (d.span.start, d.code))
            .collect();
        let source = text.find("a source").unwrap();
        let sources = text.find("Sources").unwrap();
        let critics = text.find("critics").unwrap();
        assert_eq!(
            found,
            [
                (source, "anonymity-unexplained"),
                (source, "anonymous-source"),
                (source, "bare-source"),
                (sources, "anonymity-unexplained"),
                (sources, "anonymous-source"),
                (sources, "bare-source"),
                (critics, "vague-attribution"),
            ]
        );
    }
}
