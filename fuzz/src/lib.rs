//! Shared by the fuzz targets: the span invariants of `tests/common/spans.rs` (one copy of the
//! checks for the property tests and the fuzzers) and a helper that runs one analysis.

#[path = "../../tests/common/spans.rs"]
pub mod spans;

use copydesk::{Config, Format};

/// Analyses `text` and panics (a fuzzer finding) if a span invariant breaks.
pub fn analyze_and_check(text: &str, format: Format, config: &Config) {
    let analysis = copydesk::analyze(text, format, config);
    if let Err(e) = spans::check_analysis(text, &analysis) {
        panic!("span invariant broken ({format:?}): {e}\ntext: {text:?}");
    }
}
