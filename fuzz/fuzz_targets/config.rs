//! Configuration parsing: the bytes before the first NUL as `.copydesk.toml` text and as JSON
//! settings; when either parses, the bytes after the NUL are analysed under that configuration
//! (house names and variants, extra verbs and phrases reach the analysis).
#![no_main]

use copydesk::{Config, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (head, draft) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b""[..]),
    };
    let source = String::from_utf8_lossy(head);
    let draft = String::from_utf8_lossy(draft);
    let mut configs = vec![];
    match Config::from_toml(&source) {
        Ok(config) => configs.push(config),
        Err(e) => {
            // An error's span, when given, points into the source.
            if let Some(span) = e.span {
                assert!(span.start <= span.end && span.end <= source.len(), "{e:?}");
            }
        }
    }
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(head)
        && let Ok(config) = Config::from_json(value)
    {
        configs.push(config);
    }
    for config in &configs {
        copydesk_fuzz::analyze_and_check(&draft, Format::Markdown, config);
    }
});
