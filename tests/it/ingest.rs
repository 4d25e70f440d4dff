//! Integration tests for ingest, clean and segment: real sample articles
//! through the library API (to see the kept text) and through the binary
//! (to see `documents.csv`), plus a folder of broken and odd inputs.

use crate::support::{read_report, run_into, seeds, seeds_reports};
use crosscheck::config::IngestConfig;
use crosscheck::ingest::{self, Input};
use crosscheck::{clean, segment, Cleaned, Document};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

/// The sample article whose file name starts with `prefix`.
fn seed(prefix: &str) -> PathBuf {
    std::fs::read_dir(seeds())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix}"))
}

fn read_one(path: &Path) -> Document {
    let mut docs = ingest::read(&Input::file(path), &IngestConfig::default());
    docs.next().unwrap().expect("readable")
}

/// The kept paragraphs of a sample article.
fn kept(prefix: &str) -> Vec<String> {
    let doc = read_one(&seed(prefix));
    let cleaned = clean::article(&doc);
    cleaned
        .paragraphs
        .iter()
        .map(|p| p.span.text(&doc.text).to_string())
        .collect()
}

fn assert_absent(kept: &[String], furniture: &[&str]) {
    let text = kept.join("\n");
    for item in furniture {
        assert!(!text.contains(item), "kept {item:?}:\n{text}");
    }
}

#[test]
fn documents_csv_lists_every_sample_document_as_ok_in_english() {
    let rows = read_report(seeds_reports(), "documents.csv");
    assert_eq!(rows.len(), 5);
    for row in &rows {
        assert_eq!(row["status"], "ok", "{row:?}");
        assert_eq!(row["language"], "en", "{row:?}");
        assert!(row["note"].starts_with("text; utf-8; kept "), "{row:?}");
        assert_eq!(
            row["outlet"], row["doc_id"],
            "no manifest: outlet is the doc id"
        );
        assert_eq!(
            row["published"], "",
            "a date line in page furniture is not a publication date"
        );
    }
}

#[test]
fn weather_header_shop_link_comment_form_and_widgets_are_dropped() {
    let kept = kept("000_");
    let text = kept.join("\n");
    assert!(
        text.contains("The United States Government has warned that the terrorist organization")
    );
    assert!(
        text.contains("VISIT OF THE TALIBANS TO IRAN"),
        "a subheading inside the body stays"
    );
    for line in ["11 C", "New York", "Friday, April 26, 2024"] {
        assert!(!kept.iter().any(|p| p == line), "kept {line:?}");
    }
    assert_absent(
        &kept,
        &[
            "Buy now",
            "Related Articles",
            "LEAVE A REPLY",
            "Please enter your",
            "FansLike",
            "Latest Articles",
            "Stay Connected",
        ],
    );
}

#[test]
fn russian_sidebar_comment_form_and_english_menu_are_dropped() {
    let kept = kept("001_");
    assert!(kept
        .iter()
        .any(|p| p.starts_with("The Taliban’s notorious Haqqani network faction")));
    assert!(kept.last().unwrap().contains("remora fish"), "{kept:#?}");
    let cyrillic = kept
        .iter()
        .flat_map(|p| p.chars())
        .find(|c| ('\u{400}'..='\u{4ff}').contains(c));
    assert_eq!(cyrillic, None, "{kept:#?}");
    assert_absent(&kept, &["Connect with us", "Leave a Reply", "The Times On"]);
}

#[test]
fn a_body_printed_twice_is_kept_once() {
    let kept = kept("002_");
    let normal = |p: &str| {
        p.chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_lowercase()
    };
    let mut seen = std::collections::BTreeSet::new();
    for p in &kept {
        assert!(seen.insert(normal(p)), "repeated: {p}");
    }
    let text = kept.join("\n");
    assert_eq!(
        text.matches("Senior Haqqani network figures have discussed")
            .count(),
        1
    );
    assert_eq!(
        text.matches("Al-Qaeda 'Gaining Strength' in Afghanistan")
            .count(),
        1
    );
    assert!(
        !text.chars().any(|c| ('\u{600}'..='\u{6ff}').contains(&c)),
        "Persian thumbnail label kept"
    );
    assert_absent(
        &kept,
        &["Share this post", "Skip to main content", "Latest news"],
    );
}

#[test]
fn trailing_buttons_and_plugin_badges_are_dropped() {
    let kept = kept("003_");
    assert_eq!(
        kept[0],
        "UN Report: Al-Qaeda Allies with Taliban and Rebuilds Training Camps in Afghanistan"
    );
    assert!(kept
        .last()
        .unwrap()
        .starts_with("The Doha Agreement of 2020"));
    assert_absent(
        &kept,
        &[
            "Show More",
            "Related Articles",
            "Back to top button",
            "Verified by MonsterInsights",
            "Policy\n",
        ],
    );
    assert!(!kept.iter().any(|p| p == "Policy"));
}

#[test]
fn comment_link_photo_caption_and_repeated_headline_are_dropped() {
    let kept = kept("004_");
    assert_eq!(
        kept[0],
        "Taliban keep close ties with Al Qaeda despite promise to U.S."
    );
    assert_absent(
        &kept,
        &["Leave a Comment", "Getty Images", "promise to U.S. 1"],
    );
    assert!(kept.last().unwrap().contains("second-generation children"));
}

#[test]
fn sample_sentences_cite_their_exact_text() {
    for entry in std::fs::read_dir(seeds()).unwrap() {
        let doc = read_one(&entry.unwrap().path());
        let cleaned = clean::article(&doc);
        check_sentences(&doc.text, &cleaned);
    }
}

/// Every sentence's span and character offset give back its text, spans
/// lie in their paragraph, and they come in order without overlap.
fn check_sentences(text: &str, cleaned: &Cleaned) {
    let sentences = segment::sentences(text, cleaned);
    let mut previous_end = 0;
    for (i, s) in sentences.iter().enumerate() {
        assert_eq!(s.index, i);
        assert_eq!(&text[s.span.range()], s.text);
        assert!(s.span.start >= previous_end && !s.text.is_empty());
        assert_eq!(s.text.trim(), s.text, "sentences are trimmed");
        let paragraph = cleaned.paragraphs[s.paragraph].span;
        assert!(paragraph.start <= s.span.start && s.span.end <= paragraph.end);
        assert_eq!(s.char_start, text[..s.span.start].chars().count());
        let (start, end) = s.char_span();
        let by_chars: String = text.chars().skip(start).take(end - start).collect();
        assert_eq!(by_chars, s.text);
        previous_end = s.span.end;
    }
}

/// Paragraphs of the sample corpus, for building mixed documents.
fn sample_paragraphs() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(seeds())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in paths {
        let text = std::fs::read_to_string(path).unwrap();
        out.extend(
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_string),
        );
    }
    out
}

fn mixed_document(picks: &[(usize, usize)], paragraphs: &[String], noise: &[&str]) -> String {
    let mut text = String::new();
    for &(pick, noise_pick) in picks {
        text.push_str(&paragraphs[pick % paragraphs.len()]);
        text.push_str(noise[noise_pick % noise.len()]);
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Sample paragraphs shuffled and joined with multi-byte noise: offsets
    /// hold after cleaning and segmentation.
    #[test]
    fn offsets_hold_on_shuffled_sample_text(picks in prop::collection::vec((0usize..400, 0usize..8), 1..40)) {
        let noise = ["\n\n", "\n", " — Ünïcødé “quote” 𝔘.\n", "\r\n\r\n", "\u{a0}\n\n", " 日本語の文。\n\n", "\n- item one\n2. item two\n", "Mr. Й. Q. Ж. "];
        let text = mixed_document(&picks, &sample_paragraphs(), &noise);
        let doc = Document {
            doc_id: "mixed".into(),
            path: "mixed.txt".into(),
            format: crosscheck::Format::Text,
            meta: Default::default(),
            bytes: text.len() as u64,
            text,
            notes: Vec::new(),
        };
        check_sentences(&doc.text, &clean::article(&doc));
    }

    /// Arbitrary text with multi-byte characters, taken whole as one
    /// paragraph per line: the segmenter alone keeps offsets exact.
    #[test]
    fn offsets_hold_on_generated_multibyte_text(text in "([a-zA-Zé€𝔘Жع .,!?“”'\"\n\u{a0}0-9]|U\\.S\\.|Mr\\. |Jan\\. |J\\. ){0,300}") {
        let paragraphs = text
            .split_inclusive('\n')
            .scan(0, |at, line| {
                let start = *at;
                *at += line.len();
                Some(crosscheck::ByteSpan::new(start, start + line.trim_end_matches('\n').len()))
            })
            .filter(|span| !text[span.range()].trim().is_empty())
            .map(|span| crosscheck::Paragraph { span })
            .collect();
        let cleaned = Cleaned { paragraphs, language: "en".into(), note: String::new() };
        let sentences = segment::sentences(&text, &cleaned);
        for s in &sentences {
            prop_assert_eq!(&text[s.span.range()], s.text.as_str());
            prop_assert_eq!(s.char_start, text[..s.span.start].chars().count());
        }
    }
}

/// Writes the awkward inputs of the mixed-folder test.
fn write_awkward_inputs(dir: &Path) {
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(
        dir.join("picture.png"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01",
    )
    .unwrap();
    std::fs::write(
        dir.join("picture-named-as-text.txt"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01",
    )
    .unwrap();
    let cp1252 = "The café owner told reporters that the river had risen by two metres overnight, \u{201c}faster than ever before\u{201d}, and that the mayor\u{2019}s office had opened a shelter in the school.\n\nOfficials said the road to the coast would stay closed until the water went down and engineers had checked the bridge.\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(cp1252);
    std::fs::write(dir.join("legacy.txt"), bytes).unwrap();
    let utf16 = "Officials in the capital said on Tuesday that the new bridge would open next month after two years of delays.\n\nThe transport minister said the cost had risen by a third because of the price of steel.\n";
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(utf16.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(dir.join("wide.txt"), bytes).unwrap();
    let jsonl = concat!(
        r#"{"title":"Bridge opens","maintext":"The new bridge opened on Monday, the city said, two years later than planned and at a third more than its budget.","source_domain":"example.org","date_publish":"2021-03-01 10:00:00"}"#,
        "\n{\"title\": \"cut off\n",
        r#"{"text":"Traffic on the old bridge fell by half on the first day, according to the city's counters.","url":"https://news.example.net/traffic"}"#,
        "\n"
    );
    std::fs::write(dir.join("feed.jsonl"), jsonl).unwrap();
    let sentence = "The council said the budget would be published next week after a long debate. ";
    std::fs::write(
        dir.join("one-line.txt"),
        sentence.repeat(20 * 1024 * 1024 / sentence.len()),
    )
    .unwrap();
    std::fs::copy(seed("004_"), dir.join("copy of 004.txt")).unwrap();
}

#[test]
fn awkward_inputs_get_the_right_status_and_good_ones_are_processed() {
    let input = tempfile::tempdir().unwrap();
    write_awkward_inputs(input.path());
    let out = tempfile::tempdir().unwrap();
    run_into(&[input.path()], out.path());
    let rows = read_report(out.path(), "documents.csv");
    let row = |id: &str| {
        rows.iter()
            .find(|r| r["doc_id"] == id)
            .unwrap_or_else(|| panic!("no row {id}: {rows:#?}"))
    };
    let status = |id: &str| row(id)["status"].clone();
    assert_eq!(rows.len(), 10, "{rows:#?}");
    assert_eq!(status("empty"), "empty");
    assert_eq!(status("picture"), "skipped");
    assert!(
        row("picture")["note"].contains("PNG image"),
        "{:?}",
        row("picture")
    );
    assert_eq!(status("picture-named-as-text"), "skipped");
    assert_eq!(status("legacy"), "ok");
    assert!(
        row("legacy")["note"].contains("windows-1252 (detected)"),
        "{:?}",
        row("legacy")
    );
    assert_eq!(status("wide"), "ok");
    assert!(
        row("wide")["note"].contains("utf-16le (byte-order mark)"),
        "{:?}",
        row("wide")
    );
    assert_eq!(status("feed-1"), "ok");
    assert_eq!(row("feed-1")["outlet"], "example.org");
    assert_eq!(row("feed-1")["published"], "2021-03-01");
    assert_eq!(status("feed-2"), "error");
    assert!(
        row("feed-2")["note"].contains("line 2"),
        "{:?}",
        row("feed-2")
    );
    assert_eq!(status("feed-3"), "ok");
    assert_eq!(row("feed-3")["outlet"], "news.example.net");
    assert_eq!(status("one-line"), "ok");
    assert!(row("one-line")["sentences"].parse::<usize>().unwrap() > 100_000);

    let seed_row = read_report(seeds_reports(), "documents.csv")
        .into_iter()
        .find(|r| r["doc_id"].starts_with("004_"))
        .unwrap();
    let copy = row("copy of 004");
    for column in [
        "status",
        "language",
        "note",
        "bytes",
        "kept_chars",
        "paragraphs",
        "sentences",
    ] {
        assert_eq!(copy[column], seed_row[column], "{column}");
    }
}

#[test]
fn legacy_encodings_decode_to_the_right_characters() {
    let dir = tempfile::tempdir().unwrap();
    write_awkward_inputs(dir.path());
    let legacy = read_one(&dir.path().join("legacy.txt"));
    assert!(legacy.text.contains("The café owner"));
    assert!(legacy
        .text
        .contains("\u{201c}faster than ever before\u{201d}"));
    let wide = read_one(&dir.path().join("wide.txt"));
    assert!(
        wide.text.starts_with("Officials in the capital"),
        "BOM dropped: {:?}",
        &wide.text[..20]
    );
}

#[test]
fn oversized_files_are_skipped_without_reading() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    std::fs::File::create(&big).unwrap().set_len(5_000).unwrap();
    let config = IngestConfig {
        max_doc_bytes: 1_000,
        ..IngestConfig::default()
    };
    let unread = ingest::read(&Input::file(&big), &config)
        .next()
        .unwrap()
        .unwrap_err();
    assert_eq!(unread.status, crosscheck::Status::Skipped);
    assert!(
        unread.note.contains("5000 bytes, over the limit of 1000"),
        "{}",
        unread.note
    );
}
