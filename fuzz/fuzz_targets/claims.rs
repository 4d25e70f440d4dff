//! Any text, with and without a publication date: claim extraction never
//! panics and each claim's offsets give back its text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (bool, &str)| {
    let (dated, text) = input;
    let meta = crosscheck::Meta {
        published: dated.then(|| chrono::NaiveDate::from_ymd_opt(2021, 2, 15).unwrap()),
        ..crosscheck::Meta::default()
    };
    let doc = crosscheck::Document {
        doc_id: "fuzz".into(),
        path: "fuzz.txt".into(),
        format: crosscheck::Format::Text,
        meta,
        bytes: text.len() as u64,
        text: text.to_string(),
        notes: Vec::new(),
    };
    let analysis = crosscheck::analyze_document(doc);
    for claim in &analysis.claims {
        let span: String = text
            .chars()
            .skip(claim.start as usize)
            .take((claim.end - claim.start) as usize)
            .collect();
        assert_eq!(span, analysis.sentence_text(claim.sentence()));
    }
});
