//! Word folding for comparisons: case, script and spelling variants folded,
//! light stemming, so "capitalises" meets "capitalizes" and "forming" meets
//! "formed". Never used for text that reaches a report.

use std::collections::BTreeSet;
use std::ops::Range;

/// Lower case, Latin script, British/American spelling folded.
pub fn fold(word: &str) -> String {
    let latin = deunicode::deunicode_with_tofu_cow(word, TOFU);
    let folded = if latin.is_ascii() {
        latin.to_ascii_lowercase()
    } else {
        latin.to_lowercase()
    };
    let mut bytes = folded.into_bytes();
    fold_spelling(&mut bytes);
    // Only ASCII bytes were replaced by ASCII bytes: still UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

/// British/American spelling folded, in place on a lower-case word:
/// "iz" -> "is", "-ence" -> "-ense" keep its length, so a word folds
/// without a new allocation.
fn fold_spelling(word: &mut [u8]) {
    for i in 1..word.len() {
        if word[i - 1] == b'i' && word[i] == b'z' {
            word[i] = b's';
        }
    }
    if word.ends_with(b"ence") {
        let n = word.len();
        word[n - 2] = b's';
    }
}

/// What `deunicode` writes for a character it cannot transliterate.
const TOFU: &str = "[?]";

/// The folded words of a text, split at anything but letters and digits.
/// Possessive `'s` is dropped; digits stay inside words ("1,200" -> "1200").
pub fn folded_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for_each_folded_word(text, |word| words.push(word.to_string()));
    words
}

/// Calls `each` with the folded words of a text in order (see
/// [`folded_words`]), through one buffer: no allocation per word.
///
/// The text is transliterated as `deunicode::deunicode_with_tofu` does: kept
/// as it is up to the first character from DEL up, through `deunicode_char`
/// from there, into a new string only then. (`deunicode` also drops a
/// transliteration's trailing space before another space or the end, which
/// splits words alike.)
pub fn for_each_folded_word(text: &str, mut each: impl FnMut(&str)) {
    let mut each = |word: &str, _: Range<usize>| each(word);
    let Some(at) = text.bytes().position(|b| b >= 0x7f) else {
        return split_words(text, &mut each);
    };
    let mut latin = String::with_capacity(text.len() + 16);
    transliterate_from(text, at, &mut latin, |_, _| {});
    split_words(&latin, &mut each);
}

/// Writes `text` into `latin` as [`for_each_folded_word`] reads it: as it
/// is up to `at`, the first character from DEL up, each character
/// transliterated from there (printable ASCII as it is, which `deunicode`
/// keeps, without looking it up); calls `mark` with the byte offset in
/// `text` and in `latin` of each character from `at` on. False when a
/// character below DEL was transliterated to other text.
fn transliterate_from(
    text: &str,
    at: usize,
    latin: &mut String,
    mut mark: impl FnMut(usize, usize),
) -> bool {
    // Every byte before `at` is ASCII: `at` starts a character.
    latin.push_str(&text[..at]);
    let mut kept = true;
    for (i, c) in text[at..].char_indices() {
        mark(at + i, latin.len());
        if (' '..'\u{7f}').contains(&c) {
            latin.push(c);
            continue;
        }
        let written = deunicode::deunicode_char(c).unwrap_or(TOFU);
        kept &= c >= '\u{7f}' || written.as_bytes() == [c as u8];
        latin.push_str(written);
    }
    kept
}

/// How the folded words of a text map back to the text.
pub enum Reading {
    /// Read as it is (no character from DEL up).
    AsIs,
    /// Read through its transliteration: a slice of the text is read as
    /// the same slice of `latin`.
    Latin {
        /// The transliteration (see [`for_each_folded_word`]).
        latin: String,
        /// The offset in `latin` of each byte offset of the text,
        /// `u32::MAX` inside a character.
        offsets: Vec<u32>,
    },
    /// Slices of the text are not read as slices of its transliteration:
    /// a character below DEL after the first from DEL up is transliterated
    /// to other text, while a slice without those keeps it as it is.
    Opaque,
}

/// How the folded words of `text` map back to it.
pub fn reading(text: &str) -> Reading {
    let Some(at) = text.bytes().position(|b| b >= 0x7f) else {
        return Reading::AsIs;
    };
    let mut latin = String::with_capacity(text.len() + 16);
    let mut offsets: Vec<u32> = (0..=at as u32).collect();
    offsets.resize(text.len() + 1, u32::MAX);
    let kept = transliterate_from(text, at, &mut latin, |i, l| offsets[i] = l as u32);
    offsets[text.len()] = latin.len() as u32;
    if !kept {
        return Reading::Opaque;
    }
    Reading::Latin { latin, offsets }
}

/// Calls `each` with the folded words of a text in order (see
/// [`folded_words`]) and the byte range of the text each is read from, and
/// gives true; for a text with characters from DEL up, whose folded words
/// are read from its transliteration, calls nothing and gives false.
pub fn for_each_folded_ascii_word(text: &str, mut each: impl FnMut(&str, Range<usize>)) -> bool {
    if text.bytes().any(|b| b >= 0x7f) {
        return false;
    }
    split_words(text, &mut each);
    true
}

/// The words of `text[bytes]`, as indices into the words of an ASCII
/// `text` read with their byte ranges `spans` (see
/// [`for_each_folded_ascii_word`]), when folding that slice on its own
/// gives exactly them: `None` when it cuts a word, or starts on the `s`
/// of a possessive `'s`, which the whole text skips.
pub fn words_within(text: &str, spans: &[Range<u32>], bytes: Range<usize>) -> Option<Range<usize>> {
    let (start, end) = (
        u32::try_from(bytes.start).ok()?,
        u32::try_from(bytes.end).ok()?,
    );
    if start > end || bytes.end > text.len() {
        return None;
    }
    let first = spans.partition_point(|w| w.end <= start);
    let last = spans.partition_point(|w| w.end <= end);
    let cuts = |i: usize, at: u32| spans.get(i).is_some_and(|w| w.start < at);
    let after_quote = text.as_bytes().get(bytes.start.wrapping_sub(1)) == Some(&b'\'');
    let on_possessive =
        after_quote && matches!(text.as_bytes().get(bytes.start), Some(b's' | b'S'));
    (!cuts(first, start) && !cuts(last, end) && !on_possessive).then_some(first..last)
}

/// What a byte is to word splitting, in bits: 0 for a byte not part of a
/// word; a lower-case letter or digit; an upper-case letter, which folding
/// changes; a `z`, which folding may change ("iz" -> "is").
const LOWER: u8 = 1;
/// See [`LOWER`].
const UPPER: u8 = 2;
/// See [`LOWER`].
const Z: u8 = 4;

/// The class of each byte (see [`LOWER`]), read once per byte.
static BYTE_CLASS: [u8; 256] = byte_classes();

const fn byte_classes() -> [u8; 256] {
    let mut classes = [0; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        classes[b] = if byte.is_ascii_uppercase() {
            UPPER
        } else if byte.is_ascii_alphanumeric() {
            LOWER
        } else {
            0
        };
        if byte == b'z' || byte == b'Z' {
            classes[b] |= Z;
        }
        b += 1;
    }
    classes
}

/// Splits transliterated text into folded words at anything but letters
/// and digits: a comma or point between digits stays inside a number, and
/// the `s` of a possessive `'s` is dropped. A word is passed as a slice of
/// the text when folding leaves it as it is (most words), else folded in
/// one reused buffer.
fn split_words(text: &str, each: &mut impl FnMut(&str, Range<usize>)) {
    let bytes = text.as_bytes();
    let mut buffer = String::new();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if BYTE_CLASS[usize::from(b)] != 0 {
            at = read_word(text, at, &mut buffer, each);
        } else {
            let possessive = b == b'\'' && matches!(bytes.get(at + 1), Some(b's' | b'S'));
            at += 1 + usize::from(possessive);
        }
    }
}

/// Reads the word starting at `start`, passes it folded to `each` with
/// its byte range, and gives where it ends. Slices end after an ASCII byte, so on a character
/// boundary whatever follows.
fn read_word(
    text: &str,
    start: usize,
    buffer: &mut String,
    each: &mut impl FnMut(&str, Range<usize>),
) -> usize {
    let bytes = text.as_bytes();
    let digit_at = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    // Where the piece of the word not yet in `buffer` starts: commas
    // inside numbers are left out of the word.
    let mut piece = start;
    let mut end = start;
    // The classes of the word's bytes, or-ed.
    let mut seen = 0;
    buffer.clear();
    loop {
        while let Some(&b) = bytes.get(end) {
            let class = BYTE_CLASS[usize::from(b)];
            if class == 0 {
                break;
            }
            seen |= class;
            end += 1;
        }
        let separator = bytes.get(end).copied().filter(|&b| b == b',' || b == b'.');
        match separator {
            Some(b) if digit_at(end - 1) && digit_at(end + 1) => {
                if b == b',' {
                    buffer.push_str(&text[piece..end]);
                    piece = end + 1;
                }
                end += 1;
            }
            _ => break,
        }
    }
    let word = &text[piece..end];
    // The class bits tell most words need no folding without reading
    // them again.
    let spelling = word.ends_with("ence") || (seen & Z != 0 && spells_iz(word.as_bytes()));
    if piece == start && seen & UPPER == 0 && !spelling {
        each(word, start..end);
    } else {
        buffer.push_str(word);
        fold_in_place(buffer);
        each(buffer, start..end);
    }
    end
}

/// True when [`fold_spelling`] changes a lower-case word.
fn needs_spelling(word: &[u8]) -> bool {
    word.ends_with(b"ence") || spells_iz(word)
}

fn spells_iz(word: &[u8]) -> bool {
    word.windows(2).any(|pair| pair == b"iz")
}

/// Lower case and spelling folded, in place on an ASCII word.
fn fold_in_place(word: &mut String) {
    word.make_ascii_lowercase();
    if needs_spelling(word.as_bytes()) {
        let mut bytes = std::mem::take(word).into_bytes();
        fold_spelling(&mut bytes);
        // Only ASCII bytes were replaced by ASCII bytes: still UTF-8.
        *word = String::from_utf8(bytes).unwrap_or_default();
    }
}

/// A crude English stem: enough to meet inflections of one word.
pub fn stem(word: &str) -> String {
    let mut w = word.to_string();
    let mut stripped = false;
    if w.len() > 4 && w.ends_with("ies") {
        w.truncate(w.len() - 3);
        w.push('y');
        return w;
    }
    for suffix in ["ing", "ed"] {
        if w.len() > suffix.len() + 3 && w.ends_with(suffix) {
            w.truncate(w.len() - suffix.len());
            stripped = true;
            break;
        }
    }
    if !stripped && w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        w.pop();
    }
    let bytes = w.as_bytes();
    let n = bytes.len();
    if stripped && n > 3 && bytes[n - 1] == bytes[n - 2] && !b"aeiouls".contains(&bytes[n - 1]) {
        w.pop();
    }
    if w.len() > 3 && w.ends_with('e') && !w.ends_with("ee") {
        w.pop();
    }
    w
}

/// Stems of every word of a text.
pub fn stems(text: &str) -> Vec<String> {
    folded_words(text).iter().map(|w| stem(w)).collect()
}

/// A title as a sorted set of folded words without the modifiers that do
/// not change the office, so word order does not matter ("Defense Secretary"
/// = "Secretary of Defense").
pub fn title_tokens(title: &str, modifiers: &BTreeSet<String>) -> Vec<String> {
    let set: BTreeSet<String> = folded_words(title)
        .into_iter()
        .filter(|w| !modifiers.contains(w))
        .map(|w| stem(&w))
        .collect();
    set.into_iter().collect()
}

/// True when `needle` occurs in `hay` as consecutive whole words.
pub fn contains_words<T: PartialEq>(hay: &[T], needle: &[T]) -> bool {
    find_words(hay, needle).is_some()
}

/// Position of `needle` as consecutive whole words in `hay`.
pub fn find_words<T: PartialEq>(hay: &[T], needle: &[T]) -> Option<usize> {
    occurrences(hay, needle).next()
}

/// Every position where `needle` (not empty) occurs in `hay` as
/// consecutive words. The first word is compared first: most positions
/// fail there, cheaper than comparing a slice.
pub fn occurrences<'h, T: PartialEq>(
    hay: &'h [T],
    needle: &'h [T],
) -> impl Iterator<Item = usize> + 'h {
    let width = needle.len();
    let last_start = (hay.len() + 1).saturating_sub(width);
    (0..last_start).filter(move |&at| {
        needle.first().is_some_and(|first| hay[at] == *first) && hay[at..at + width] == *needle
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_meet() {
        for (a, b) in [
            ("forming", "formed"),
            ("creating", "create"),
            ("gains", "gaining"),
            ("embedded", "embed"),
            ("capitalises", "capitalizes"),
            ("defence", "defense"),
            ("forces", "force"),
            ("militias", "militia"),
            ("countries", "country"),
        ] {
            assert_eq!(stem(&fold(a)), stem(&fold(b)), "{a} vs {b}");
        }
        assert_ne!(stem("status"), stem("state"));
    }

    #[test]
    fn words_keep_numbers_and_drop_possessives() {
        assert_eq!(
            folded_words("Ghani’s 2,500 troops, al-Qaeda's 3.5%"),
            vec!["ghani", "2500", "troops", "al", "qaeda", "3.5"]
        );
        assert_eq!(folded_words("Amuralá Salé"), vec!["amurala", "sale"]);
    }

    /// Folding as first written: the whole text through `deunicode`,
    /// then read byte by byte.
    fn reference_words(text: &str) -> Vec<String> {
        let ascii = deunicode::deunicode_with_tofu_cow(text, TOFU);
        let bytes = ascii.as_bytes();
        let (mut words, mut current) = (Vec::new(), Vec::new());
        let mut end_word = |current: &mut Vec<u8>| {
            if !current.is_empty() {
                fold_spelling(current);
                words.push(String::from_utf8(current.clone()).unwrap());
                current.clear();
            }
        };
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            let next = bytes.get(i + 1).copied();
            let digit_separator = (b == b',' || b == b'.')
                && current.last().is_some_and(u8::is_ascii_digit)
                && next.is_some_and(|n| n.is_ascii_digit());
            if b.is_ascii_alphanumeric() {
                current.push(b.to_ascii_lowercase());
            } else if digit_separator {
                if b == b'.' {
                    current.push(b'.');
                }
            } else {
                if b == b'\'' && matches!(next, Some(b's' | b'S')) {
                    i += 1;
                }
                end_word(&mut current);
            }
            i += 1;
        }
        end_word(&mut current);
        words
    }

    proptest::proptest! {
        #[test]
        fn folding_reads_as_deunicode_does(
            text in "([a-zA-Z0-9 ,.'\\t\\n\\x00\\x7f’éÆ北京“”\\u{1F600}-]|s's|1,2|3.4|'S|iz|IZ|ence|ENCE|Ence){0,40}"
        ) {
            proptest::prop_assert_eq!(folded_words(&text), reference_words(&text));
        }
    }

    /// The folded words of an ASCII text with their byte ranges.
    fn spanned_words(text: &str) -> (Vec<String>, Vec<Range<u32>>) {
        let (mut words, mut spans) = (Vec::new(), Vec::new());
        let ascii = for_each_folded_ascii_word(text, |word, bytes| {
            words.push(word.to_string());
            spans.push(bytes.start as u32..bytes.end as u32);
        });
        assert!(ascii);
        (words, spans)
    }

    proptest::proptest! {
        #[test]
        fn words_within_are_the_slice_folded(
            text in "([a-zA-Z0-9 ,.'-]|s's|1,2|3\\.4|'S|iz|ence){0,30}",
            from in 0usize..80,
            len in 0usize..80,
        ) {
            let (words, spans) = spanned_words(&text);
            proptest::prop_assert_eq!(&words, &folded_words(&text));
            let from = from.min(text.len());
            let to = (from + len).min(text.len());
            if let Some(within) = words_within(&text, &spans, from..to) {
                proptest::prop_assert_eq!(&words[within], &folded_words(&text[from..to])[..]);
            }
        }
    }

    /// Transliteration writes printable ASCII as it is without looking it
    /// up: `deunicode` must keep it.
    #[test]
    fn deunicode_keeps_printable_ascii() {
        for c in ' '..'\u{7f}' {
            assert_eq!(deunicode::deunicode_char(c), Some(&*c.to_string()), "{c:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn slices_read_as_slices_of_the_transliteration(
            text in "([a-zA-Z0-9 ,.'-]|s's|1,2|3\\.4|'S|’|é|北京|“|”|\u{1F600}|\x7f|\\t|\\x00){0,30}",
            from in 0usize..120,
            len in 0usize..120,
        ) {
            let (latin, offsets) = match reading(&text) {
                Reading::AsIs => (text.clone(), (0..=text.len() as u32).collect()),
                Reading::Latin { latin, offsets } => (latin, offsets),
                Reading::Opaque => return Ok(()),
            };
            let (words, spans) = spanned_words(&latin);
            proptest::prop_assert_eq!(&words, &folded_words(&text));
            let from = from.min(text.len());
            let to = (from + len).min(text.len());
            let (a, b) = (offsets[from], offsets[to]);
            if text.is_char_boundary(from) && text.is_char_boundary(to) {
                let within = words_within(&latin, &spans, a as usize..b as usize);
                if let Some(within) = within {
                    proptest::prop_assert_eq!(&words[within], &folded_words(&text[from..to])[..]);
                }
            } else {
                proptest::prop_assert!(a == u32::MAX || b == u32::MAX);
            }
        }
    }

    #[test]
    fn words_within_refuse_cut_words_and_possessives() {
        let text = "Obama's 1,200 troops";
        let (_, spans) = spanned_words(text);
        assert_eq!(words_within(text, &spans, 0..text.len()), Some(0..3));
        assert_eq!(words_within(text, &spans, 8..20), Some(1..3));
        assert_eq!(words_within(text, &spans, 1..5), None);
        assert_eq!(words_within(text, &spans, 6..20), None);
        assert_eq!(words_within(text, &spans, 10..20), None);
        assert_eq!(words_within(text, &spans, 0..9), None);
        assert_eq!(words_within(text, &spans, Range { start: 5, end: 2 }), None);
        assert_eq!(words_within(text, &spans, 0..21), None);
        assert!(!for_each_folded_ascii_word("Amuralá", |_, _| {}));
    }

    #[test]
    fn folding_reads_odd_texts_as_deunicode_does() {
        for text in [
            "北京 x",
            "é\nx",
            "a\u{7f}b",
            "\tab é cd\ref",
            "北's",
            "1,北2",
            "x北",
            "’s",
            "1,2,3.4.5,x 6,.7 8.,9 ,1 2,",
            "Realized IZ sizing CapitaliZe Defence ENCE ence",
            "l'S 's's x''s",
        ] {
            assert_eq!(folded_words(text), reference_words(text), "{text:?}");
        }
    }

    #[test]
    fn words_are_found_whole_and_in_order() {
        let hay = [1, 2, 3, 1, 2];
        assert_eq!(occurrences(&hay, &[1, 2]).collect::<Vec<_>>(), vec![0, 3]);
        assert_eq!(find_words(&hay, &[2, 3, 1]), Some(1));
        assert_eq!(find_words(&hay, &[3, 2]), None);
        assert_eq!(find_words(&hay, &[]), None);
        assert_eq!(find_words(&hay[..1], &[1, 2]), None);
        assert!(contains_words(&hay, &[1, 2, 3, 1, 2]));
    }

    /// Claim views fold a relation's parts apart: it must give the words
    /// of the parts joined by spaces.
    #[test]
    fn parts_fold_as_their_spaced_join() {
        let parts = [
            ("Jones'", "says", "1,"),
            ("the 3.", "’s", "Amuralá’s 2,500 troops"),
            ("北京", "capitalizes", "'s defence"),
        ];
        for (a, b, c) in parts {
            let mut apart = folded_words(a);
            apart.extend(folded_words(b));
            apart.extend(folded_words(c));
            assert_eq!(apart, folded_words(&format!("{a} {b} {c}")), "{a} {b} {c}");
        }
    }

    #[test]
    fn title_order_does_not_matter() {
        let modifiers: BTreeSet<String> = ["of", "the", "acting"].map(String::from).into();
        assert_eq!(
            title_tokens("the acting Secretary of Defence", &modifiers),
            title_tokens("Defense Secretary", &modifiers)
        );
    }
}
