//! Raw bytes as any input format: decoding, HTML extraction, JSON Lines and
//! cleaning must never panic, and kept spans stay inside the text.
#![no_main]

use crosscheck::config::IngestConfig;
use crosscheck::ingest::{read, Input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let name = ["fuzz.txt", "fuzz.html", "fuzz.jsonl"][selector as usize % 3];
    let input = Input {
        path: name.into(),
        stdin: Some(bytes.to_vec()),
    };
    for doc in read(&input, &IngestConfig::default()).into_iter().flatten() {
        let cleaned = crosscheck::clean::article(&doc);
        for paragraph in &cleaned.paragraphs {
            assert!(doc.text.get(paragraph.span.range()).is_some());
        }
    }
});
