//! Any text: mention detection never panics and each mention's offsets give
//! back its surface.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let analysis = crosscheck::analyze_document(fuzz_document(text));
    for mention in &analysis.mentions {
        let sentence = &analysis.sentences[mention.sentence()];
        let surface = &sentence.text[mention.local_bytes()];
        assert_eq!(mention.surface(&analysis.sentences), surface);
        let span: String = text
            .chars()
            .skip(mention.start as usize)
            .take((mention.end - mention.start) as usize)
            .collect();
        assert_eq!(span, surface);
    }
});

fn fuzz_document(text: &str) -> crosscheck::Document {
    crosscheck::Document {
        doc_id: "fuzz".into(),
        path: "fuzz.txt".into(),
        format: crosscheck::Format::Text,
        meta: crosscheck::Meta::default(),
        bytes: text.len() as u64,
        text: text.to_string(),
        notes: Vec::new(),
    }
}
