//! Arbitrary bytes, read as UTF-8 (invalid sequences replaced), analysed as plain text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    copydesk_fuzz::analyze_and_check(&text, copydesk::Format::PlainText, &Default::default());
});
