//! Properties over arbitrary input: no stage panics, and every offset a
//! report would cite gives back its text.

use crosscheck::{analyze_document, Document, Format, Meta};
use proptest::prelude::*;

fn document(text: String) -> Document {
    Document {
        doc_id: "prop".to_string(),
        path: "prop.txt".to_string(),
        format: Format::Text,
        meta: Meta {
            published: chrono::NaiveDate::from_ymd_opt(2021, 2, 15),
            ..Meta::default()
        },
        bytes: text.len() as u64,
        text,
        notes: Vec::new(),
    }
}

fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

fn check_offsets(text: &str) {
    let analysis = analyze_document(document(text.to_string()));
    let n_chars = text.chars().count();
    for sentence in &analysis.sentences {
        assert_eq!(&text[sentence.span.range()], sentence.text);
        let (start, end) = sentence.char_span();
        assert!(end <= n_chars);
        assert_eq!(char_slice(text, start, end), sentence.text);
    }
    for mention in &analysis.mentions {
        let (start, end) = (mention.start as usize, mention.end as usize);
        assert!(start <= end && end <= n_chars);
        assert_eq!(
            char_slice(text, start, end),
            mention.surface(&analysis.sentences)
        );
    }
    for claim in &analysis.claims {
        let (start, end) = (claim.start as usize, claim.end as usize);
        assert!(start <= end && end <= n_chars);
        assert_eq!(
            char_slice(text, start, end),
            analysis.sentence_text(claim.sentence())
        );
    }
}

/// Text that looks like news: capitalised names, numbers, quotes, dates.
fn newsy() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        "[A-Z][a-z]{1,8}",
        "[a-z]{1,8}",
        "[0-9]{1,3}(,[0-9]{3})?",
        Just("al-".to_string()),
        Just("said".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("U.S.".to_string()),
        Just("February 29, 2020".to_string()),
        Just("Amuralá".to_string()),
        Just("Тaliban".to_string()),
        Just("\u{200b}".to_string()),
        Just("\u{202e}".to_string()),
    ];
    let sentence = prop::collection::vec(word, 1..25).prop_map(|w| w.join(" ") + ".");
    prop::collection::vec(sentence, 1..12).prop_map(|s| s.join(" \n\n"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_unicode_never_panics_and_offsets_hold(text in "\\PC{0,400}") {
        check_offsets(&text);
    }

    #[test]
    fn newsy_text_offsets_hold(text in newsy()) {
        check_offsets(&text);
    }
}
