//! Any text: every sentence's span gives back exactly its text.
#![no_main]

use crosscheck::model::{ByteSpan, Cleaned, Paragraph};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let cleaned = Cleaned {
        paragraphs: vec![Paragraph {
            span: ByteSpan::new(0, text.len()),
        }],
        ..Cleaned::default()
    };
    for sentence in crosscheck::segment::sentences(text, &cleaned) {
        assert_eq!(&text[sentence.span.range()], sentence.text);
        let before = text[..sentence.span.start].chars().count();
        assert_eq!(before, sentence.char_start);
    }
});
