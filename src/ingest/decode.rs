//! Bytes to text: binary sniffing and encoding detection.
//!
//! Order of evidence: a byte-order mark, then valid UTF-8, then a label the
//! format declares (an HTML `<meta charset>`), then chardetng's guess. The
//! note says which one decided, so an analyst can tell a detected encoding
//! from a declared one.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// Text decoded from bytes, and how.
#[derive(Debug)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// Which encoding and why, e.g. `windows-1252 (detected)`.
    pub note: String,
}

/// Magic numbers of common binary formats that land in article folders.
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or office document)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"RIFF", "RIFF media (WebP, WAV, AVI)"),
    (b"\x7fELF", "executable"),
    (b"\xd0\xcf\x11\xe0", "legacy office document"),
];

/// Bytes of a file's head that sniffing looks at.
pub const SNIFF_BYTES: usize = 8192;

/// Why `head` (the first bytes of an input) is not text, if it is not.
pub fn binary_kind(head: &[u8]) -> Option<&'static str> {
    if let Some((_, kind)) = MAGIC.iter().find(|(magic, _)| head.starts_with(magic)) {
        return Some(kind);
    }
    if bom(head).is_some() {
        return None;
    }
    let control = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c);
    // Counted a byte-sized tally per chunk, which compiles to vector code.
    let controls: usize = head
        .chunks(u8::MAX as usize)
        .map(|chunk| chunk.iter().fold(0u8, |n, &b| n + u8::from(control(b))))
        .map(usize::from)
        .sum();
    // Text has few control bytes; a stray NUL in a scraped page is tolerated
    // (and kept, so offsets stay true), a tenth of them is not text.
    if controls * 10 > head.len() {
        return Some("binary data (control bytes)");
    }
    None
}

/// The encoding a byte-order mark at the start of `bytes` names.
fn bom(bytes: &[u8]) -> Option<&'static Encoding> {
    Encoding::for_bom(bytes).map(|(encoding, _)| encoding)
}

/// Decodes `bytes` to text. `declared` is an encoding label the format
/// itself carries (HTML `<meta charset>`), used when the bytes are not UTF-8.
pub fn decode(bytes: Vec<u8>, declared: Option<&str>) -> Decoded {
    if let Some(encoding) = bom(&bytes) {
        let (text, _, malformed) = encoding.decode(&bytes);
        return decoded(text.into_owned(), encoding, "byte-order mark", malformed);
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            return Decoded {
                text,
                note: "utf-8".to_string(),
            }
        }
        Err(err) => err.into_bytes(),
    };
    let declared = declared
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .filter(|&e| e != UTF_8 && e != UTF_16LE && e != UTF_16BE);
    let (encoding, how) = match declared {
        Some(encoding) => (encoding, "declared"),
        None => {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(&spared_ascii(&bytes), true);
            (
                detector.guess(None, chardetng::Utf8Detection::Allow),
                "detected",
            )
        }
    };
    let (text, malformed) = encoding.decode_without_bom_handling(&bytes);
    decoded(text.into_owned(), encoding, how, malformed)
}

/// ASCII bytes kept at each end of a run whose middle detection skips.
const RUN_ENDS: usize = 4;

/// `bytes` without the middle of long runs of plain ASCII text, which
/// cost chardetng most of its time and cannot change its guess: every
/// candidate encoding reads a tab, line break or printable ASCII byte as
/// the same character and scores nothing between two ASCII bytes; after a
/// space, every candidate's state is the one any space leaves, but for the
/// byte registers (the last one or two bytes seen) that the next ASCII
/// bytes overwrite, and that only compare against bytes outside ASCII.
/// So a stretch from after one space to after another, well inside a run,
/// leaves every score and state as it found them.
fn spared_ascii(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let plain = |b: &u8| matches!(b, b'\t' | b'\n' | b'\r' | b' '..=b'~');
    let mut kept: Option<Vec<u8>> = None;
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        let run_end = bytes[at..]
            .iter()
            .position(|b| !plain(b))
            .map_or(bytes.len(), |n| at + n);
        if let Some(skip) = skippable(&bytes[at..run_end]) {
            let out = kept.get_or_insert_with(|| Vec::with_capacity(bytes.len()));
            out.extend_from_slice(&bytes[copied..at + skip.start]);
            copied = at + skip.end;
        }
        // Past the run and the bytes that are not plain ASCII after it.
        at = bytes[run_end..]
            .iter()
            .position(plain)
            .map_or(bytes.len(), |n| run_end + n);
    }
    match kept {
        Some(mut out) => {
            out.extend_from_slice(&bytes[copied..]);
            std::borrow::Cow::Owned(out)
        }
        None => std::borrow::Cow::Borrowed(bytes),
    }
}

/// The stretch of a run of plain ASCII that [`spared_ascii`] leaves out:
/// from after the first space [`RUN_ENDS`] bytes in, to after the last
/// space at least [`RUN_ENDS`] bytes before the end.
fn skippable(run: &[u8]) -> Option<std::ops::Range<usize>> {
    let start = RUN_ENDS + run.get(RUN_ENDS - 1..)?.iter().position(|&b| b == b' ')?;
    let end_limit = run.len().checked_sub(RUN_ENDS)?;
    let end = 1 + run
        .get(start..end_limit)?
        .iter()
        .rposition(|&b| b == b' ')?;
    Some(start..start + end)
}

fn decoded(text: String, encoding: &'static Encoding, how: &str, malformed: bool) -> Decoded {
    let name = encoding.name().to_ascii_lowercase();
    let note = if malformed {
        format!("{name} ({how}; malformed bytes replaced with U+FFFD)")
    } else {
        format!("{name} ({how})")
    };
    Decoded { text, note }
}

/// The charset an HTML page declares in its first bytes, if any.
pub fn html_charset(head: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&head[..head.len().min(2048)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!label.is_empty()).then_some(label)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::Strategy;

    #[test]
    fn utf8_passes_through_unchanged() {
        let decoded = decode("café “quoted”".as_bytes().to_vec(), None);
        assert_eq!(decoded.text, "café “quoted”");
        assert_eq!(decoded.note, "utf-8");
    }

    #[test]
    fn utf16_with_bom_is_decoded_and_bom_dropped() {
        let mut bytes = vec![0xff, 0xfe];
        for unit in "Kabul, Jan. 5".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let decoded = decode(bytes, None);
        assert_eq!(decoded.text, "Kabul, Jan. 5");
        assert_eq!(decoded.note, "utf-16le (byte-order mark)");
    }

    #[test]
    fn windows_1252_is_detected() {
        let text =
            "The café owner said \u{201c}we are open\u{201d} and the résumé was filed in Zürich.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let decoded = decode(bytes.into_owned(), None);
        assert_eq!(decoded.text, text);
        assert_eq!(decoded.note, "windows-1252 (detected)");
    }

    #[test]
    fn declared_charset_wins_over_detection_for_non_utf8() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Новости дня");
        let decoded = decode(bytes.into_owned(), Some("windows-1251"));
        assert_eq!(decoded.text, "Новости дня");
        assert_eq!(decoded.note, "windows-1251 (declared)");
    }

    fn guess(bytes: &[u8]) -> &'static Encoding {
        let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
        detector.feed(bytes, true);
        detector.guess(None, chardetng::Utf8Detection::Allow)
    }

    #[test]
    fn detection_skips_the_middle_of_long_ascii_runs() {
        let line = b"The port of the city was closed on Wednesday after the rain. ".repeat(4);
        let mut text = b"caf\xe9 ".to_vec();
        text.extend_from_slice(&line);
        text.extend_from_slice(b"\x93quoted\x94\n");
        let spared = spared_ascii(&text);
        // Kept: the run's head up to a space, and its tail from after the
        // last space at least four bytes before its end.
        assert_eq!(&spared[..], b"caf\xe9 The rain. \x93quoted\x94\n");
        assert_eq!(guess(&spared), guess(&text));
        assert!(matches!(
            spared_ascii(b"short \xe9 text"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    proptest::proptest! {
        /// Any mix of ASCII words, white space, punctuation and other bytes
        /// (single-byte letters, CJK lead and trail bytes) gets the same guess.
        #[test]
        fn skipping_ascii_never_changes_the_guess(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    6 => "[a-zA-Z]{1,9}".prop_map(String::into_bytes),
                    6 => proptest::sample::select(vec![&b" "[..], b"  ", b". ", b", ", b"\n", b"\r\n", b"\t", b"1", b"(", b"'"]).prop_map(<[u8]>::to_vec),
                    1 => proptest::collection::vec(0x80u8..=0xff, 1..3),
                ],
                0..400,
            )
        ) {
            let bytes = pieces.concat();
            proptest::prop_assert_eq!(guess(&spared_ascii(&bytes)), guess(&bytes));
        }
    }

    #[test]
    fn binary_formats_are_recognised() {
        assert_eq!(binary_kind(b"\x89PNG\r\n\x1a\n\0\0"), Some("PNG image"));
        assert_eq!(
            binary_kind(b"abc\0def"),
            Some("binary data (control bytes)")
        );
        assert_eq!(binary_kind(b"plain text\r\n"), None);
        assert_eq!(binary_kind(b"a name with a stray \0 NUL in it"), None);
        assert_eq!(binary_kind(&[0xff, 0xfe, b'a', 0]), None);
    }

    #[test]
    fn html_charset_is_read_from_meta() {
        let head = br#"<html><head><meta charset="Windows-1251"><title>"#;
        assert_eq!(html_charset(head).as_deref(), Some("windows-1251"));
        let head = br#"<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">"#;
        assert_eq!(html_charset(head).as_deref(), Some("iso-8859-1"));
        assert_eq!(html_charset(b"<html>"), None);
    }
}
