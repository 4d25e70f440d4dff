//! Language per paragraph (whatlang) and stop-word lists per language
//! (`data/lexicon/stopwords/`, from stopwords-iso).

use super::features::word_of;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::OnceLock;
use whatlang::Script;

/// ISO 639-3 codes whatlang reports, with their ISO 639-1 codes.
const ISO639: &[(&str, &str)] = &[
    ("afr", "af"),
    ("aka", "ak"),
    ("amh", "am"),
    ("ara", "ar"),
    ("aze", "az"),
    ("bel", "be"),
    ("ben", "bn"),
    ("bul", "bg"),
    ("cat", "ca"),
    ("ces", "cs"),
    ("cmn", "zh"),
    ("cym", "cy"),
    ("dan", "da"),
    ("deu", "de"),
    ("ell", "el"),
    ("eng", "en"),
    ("epo", "eo"),
    ("est", "et"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("guj", "gu"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("hye", "hy"),
    ("ind", "id"),
    ("ita", "it"),
    ("jav", "jv"),
    ("jpn", "ja"),
    ("kan", "kn"),
    ("kat", "ka"),
    ("khm", "km"),
    ("kor", "ko"),
    ("lat", "la"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("mal", "ml"),
    ("mar", "mr"),
    ("mkd", "mk"),
    ("mya", "my"),
    ("nep", "ne"),
    ("nld", "nl"),
    ("nob", "no"),
    ("ori", "or"),
    ("pan", "pa"),
    ("pes", "fa"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rus", "ru"),
    ("sin", "si"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("sna", "sn"),
    ("spa", "es"),
    ("srp", "sr"),
    ("swe", "sv"),
    ("tam", "ta"),
    ("tel", "te"),
    ("tgl", "tl"),
    ("tha", "th"),
    ("tuk", "tk"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("uzb", "uz"),
    ("vie", "vi"),
    ("yid", "yi"),
    ("zul", "zu"),
];

/// Stop-word lists shipped in the binary, by ISO 639-1 code.
const STOPWORDS: &[(&str, &str)] = &[
    ("af", include_str!("../../data/lexicon/stopwords/af.txt")),
    ("ar", include_str!("../../data/lexicon/stopwords/ar.txt")),
    ("bg", include_str!("../../data/lexicon/stopwords/bg.txt")),
    ("bn", include_str!("../../data/lexicon/stopwords/bn.txt")),
    ("ca", include_str!("../../data/lexicon/stopwords/ca.txt")),
    ("cs", include_str!("../../data/lexicon/stopwords/cs.txt")),
    ("da", include_str!("../../data/lexicon/stopwords/da.txt")),
    ("de", include_str!("../../data/lexicon/stopwords/de.txt")),
    ("el", include_str!("../../data/lexicon/stopwords/el.txt")),
    ("en", include_str!("../../data/lexicon/stopwords/en.txt")),
    ("eo", include_str!("../../data/lexicon/stopwords/eo.txt")),
    ("es", include_str!("../../data/lexicon/stopwords/es.txt")),
    ("et", include_str!("../../data/lexicon/stopwords/et.txt")),
    ("fa", include_str!("../../data/lexicon/stopwords/fa.txt")),
    ("fi", include_str!("../../data/lexicon/stopwords/fi.txt")),
    ("fr", include_str!("../../data/lexicon/stopwords/fr.txt")),
    ("gu", include_str!("../../data/lexicon/stopwords/gu.txt")),
    ("he", include_str!("../../data/lexicon/stopwords/he.txt")),
    ("hi", include_str!("../../data/lexicon/stopwords/hi.txt")),
    ("hr", include_str!("../../data/lexicon/stopwords/hr.txt")),
    ("hu", include_str!("../../data/lexicon/stopwords/hu.txt")),
    ("hy", include_str!("../../data/lexicon/stopwords/hy.txt")),
    ("id", include_str!("../../data/lexicon/stopwords/id.txt")),
    ("it", include_str!("../../data/lexicon/stopwords/it.txt")),
    ("ko", include_str!("../../data/lexicon/stopwords/ko.txt")),
    ("la", include_str!("../../data/lexicon/stopwords/la.txt")),
    ("lt", include_str!("../../data/lexicon/stopwords/lt.txt")),
    ("lv", include_str!("../../data/lexicon/stopwords/lv.txt")),
    ("mr", include_str!("../../data/lexicon/stopwords/mr.txt")),
    ("nl", include_str!("../../data/lexicon/stopwords/nl.txt")),
    ("no", include_str!("../../data/lexicon/stopwords/no.txt")),
    ("pl", include_str!("../../data/lexicon/stopwords/pl.txt")),
    ("pt", include_str!("../../data/lexicon/stopwords/pt.txt")),
    ("ro", include_str!("../../data/lexicon/stopwords/ro.txt")),
    ("ru", include_str!("../../data/lexicon/stopwords/ru.txt")),
    ("sk", include_str!("../../data/lexicon/stopwords/sk.txt")),
    ("sl", include_str!("../../data/lexicon/stopwords/sl.txt")),
    ("sv", include_str!("../../data/lexicon/stopwords/sv.txt")),
    ("tl", include_str!("../../data/lexicon/stopwords/tl.txt")),
    ("tr", include_str!("../../data/lexicon/stopwords/tr.txt")),
    ("uk", include_str!("../../data/lexicon/stopwords/uk.txt")),
    ("ur", include_str!("../../data/lexicon/stopwords/ur.txt")),
    ("vi", include_str!("../../data/lexicon/stopwords/vi.txt")),
    ("zu", include_str!("../../data/lexicon/stopwords/zu.txt")),
];

/// Bytes of a paragraph that language detection looks at: enough for a
/// reliable guess, and it bounds the cost of long paragraphs.
const DETECT_BYTES: usize = 200;

/// Words of a paragraph that stop-word voting looks at.
const STOPWORD_SAMPLE_WORDS: usize = 60;

/// A paragraph's language as whatlang sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Guess {
    /// ISO 639-1 code.
    pub code: &'static str,
    /// whatlang's own reliability verdict.
    pub reliable: bool,
}

/// The ISO 639-1 code of a whatlang language.
fn iso639_1(lang: whatlang::Lang) -> &'static str {
    let code = lang.code();
    ISO639
        .iter()
        .find(|(three, _)| *three == code)
        .map_or("", |(_, two)| two)
}

/// Samples whose guess a worker thread remembers; past that it forgets
/// them all (a bound on memory, about a megabyte).
const REMEMBERED_SAMPLES: usize = 4096;

/// The language of `text`, from its first bytes.
///
/// Guesses are remembered by the bytes looked at, per worker thread and
/// across documents: a unit printed twice, a unit sampled for the article
/// language and then checked on its own, and the furniture lines a site
/// repeats on every page (subscription prompts, "most read" boxes, often
/// in another language) cost one detection, which is about half a million
/// instructions.
pub fn detect(text: &str) -> Option<Guess> {
    thread_local! {
        static GUESSES: RefCell<FxHashMap<Box<str>, Option<Guess>>> = RefCell::default();
    }
    let sample = prefix(text, DETECT_BYTES);
    GUESSES.with_borrow_mut(|guesses| {
        if let Some(&guess) = guesses.get(sample) {
            return guess;
        }
        if guesses.len() >= REMEMBERED_SAMPLES {
            guesses.clear();
        }
        let guess = detect_sample(sample);
        guesses.insert(sample.into(), guess);
        guess
    })
}

/// The language of `sample`, all of it.
fn detect_sample(sample: &str) -> Option<Guess> {
    let info = whatlang::detect(sample)?;
    let code = iso639_1(info.lang());
    (!code.is_empty()).then_some(Guess {
        code,
        reliable: info.is_reliable(),
    })
}

/// The writing system of `text`, from its first bytes.
pub fn script(text: &str) -> Option<Script> {
    let sample = prefix(text, DETECT_BYTES);
    common_scripts(sample).unwrap_or_else(|| whatlang::detect_script(sample))
}

/// whatlang's answer for text in the scripts of most news text, without
/// its per-script search: whatlang counts each character for the script
/// whose blocks hold it and answers the script with the most. Here that
/// count is kept for Latin (ASCII letters, U+0080 to U+02AF), Greek and
/// basic Cyrillic; ASCII punctuation, digits and U+2000 to U+20FF
/// (quotes, dashes, currency signs) count for no script. `None` when other
/// characters, or a tie, need whatlang.
fn common_scripts(text: &str) -> Option<Option<Script>> {
    let mut counts = [
        (Script::Latin, 0usize),
        (Script::Cyrillic, 0),
        (Script::Greek, 0),
    ];
    // ASCII needs no decoding: letters are Latin, the rest no script.
    // Bytes of other characters are never ASCII letters, so one pass over
    // all bytes counts them.
    counts[0].1 = ascii_letters(text.as_bytes());
    let mut rest = text;
    while let Some(at) = rest.bytes().position(|b| !b.is_ascii()) {
        let c = rest[at..].chars().next()?;
        rest = &rest[at + c.len_utf8()..];
        let script = match c {
            '\u{80}'..='\u{2af}' => 0,
            '\u{2000}'..='\u{20ff}' => continue,
            '\u{400}'..='\u{484}' | '\u{487}'..='\u{52f}' => 1,
            '\u{370}'..='\u{3ff}' => 2,
            _ => return None,
        };
        counts[script].1 += 1;
    }
    let best = counts.iter().map(|(_, n)| *n).max().unwrap_or(0);
    let mut leaders = counts.iter().filter(|(_, n)| *n == best);
    match (best, leaders.next(), leaders.next()) {
        (0, _, _) => Some(None),
        (_, Some((script, _)), None) => Some(Some(*script)),
        _ => None,
    }
}

/// The ASCII letters among `bytes`, tallied a byte-sized count per chunk
/// (which compiles to vector code).
fn ascii_letters(bytes: &[u8]) -> usize {
    bytes
        .chunks(u8::MAX as usize)
        .map(|chunk| {
            chunk
                .iter()
                .fold(0u8, |n, b| n + u8::from(b.is_ascii_alphabetic()))
        })
        .map(usize::from)
        .sum()
}

/// At most `max` bytes of `text`, cut at a character boundary.
fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Words of a lexicon by their lower-case form, looked up in any case.
/// Short ASCII words, most words of any text, are packed into an integer
/// key ([`packed`]): their lookup neither copies nor hashes a string.
#[derive(Debug)]
struct WordTable<V> {
    /// Words [`packed`] can key.
    short: FxHashMap<u64, V>,
    /// The other words, by their bytes.
    long: FxHashMap<&'static [u8], V>,
    /// Byte length of the longest word (longer words need no lookup).
    longest: usize,
    /// Whether `’` in a word counts as `'` (stop-word lists write `don't`).
    curly_apostrophe: bool,
}

/// ASCII words of at most this many bytes get an integer key.
const PACKED_BYTES: usize = 7;

/// Longest ASCII word lower-cased on the stack; longer ones use the heap buffer.
const STACK_WORD_BYTES: usize = 32;

/// The integer key of an ASCII word of at most [`PACKED_BYTES`] bytes
/// (lower-cased first when `fold`): its bytes, and its length in the top byte.
fn packed(word: &[u8], fold: bool) -> Option<u64> {
    if word.len() > PACKED_BYTES {
        return None;
    }
    let mut key = (word.len() as u64) << 56;
    for (i, &byte) in word.iter().enumerate() {
        if !byte.is_ascii() {
            return None;
        }
        let byte = if fold {
            byte.to_ascii_lowercase()
        } else {
            byte
        };
        key |= u64::from(byte) << (8 * i);
    }
    Some(key)
}

impl<V: Copy> WordTable<V> {
    fn new(words: impl IntoIterator<Item = (&'static str, V)>, curly_apostrophe: bool) -> Self {
        let mut table = WordTable {
            short: FxHashMap::default(),
            long: FxHashMap::default(),
            longest: 0,
            curly_apostrophe,
        };
        for (word, value) in words {
            table.longest = table.longest.max(word.len());
            // A word with a capital is never the lower-case form of another.
            let lower_ascii = word
                .bytes()
                .all(|b| b.is_ascii() && !b.is_ascii_uppercase());
            match packed(word.as_bytes(), false).filter(|_| lower_ascii) {
                Some(key) => table.short.insert(key, value),
                None => table.long.insert(word.as_bytes(), value),
            };
        }
        table
    }

    /// The entry of `word` (lower case).
    fn get_lower(&self, word: &[u8]) -> Option<V> {
        match packed(word, false) {
            Some(key) => self.short.get(&key).copied(),
            None => self.long.get(word).copied(),
        }
    }

    /// The entry of `word` in any case. Words of ASCII and `’` are
    /// lower-cased on the stack (or not at all); others into `buffer`.
    fn get(&self, word: &str, buffer: &mut String) -> Option<V> {
        let ascii = word.is_ascii();
        // Lower-casing (and `’` to `'`) keeps an ASCII word's length and
        // shrinks any other at most threefold (`K` KELVIN SIGN to `k`).
        if word.len() > self.longest * if ascii { 1 } else { 3 } {
            return None;
        }
        if let Some(key) = packed(word.as_bytes(), true) {
            return self.short.get(&key).copied();
        }
        let mut stack = [0u8; STACK_WORD_BYTES];
        if let Some(lower) = self.ascii_lowercase(word, &mut stack) {
            return self.get_lower(lower);
        }
        buffer.clear();
        let apostrophe = |c| {
            if c == '’' && self.curly_apostrophe {
                '\''
            } else {
                c
            }
        };
        buffer.extend(word.chars().flat_map(char::to_lowercase).map(apostrophe));
        self.get_lower(buffer.as_bytes())
    }

    /// `word` lower-cased in `stack` (`’` as the table wants it), when it
    /// fits there and holds only ASCII and `’`, the apostrophe of most
    /// non-ASCII words in English text.
    fn ascii_lowercase<'s>(
        &self,
        word: &str,
        stack: &'s mut [u8; STACK_WORD_BYTES],
    ) -> Option<&'s [u8]> {
        let apostrophe: &[u8] = if self.curly_apostrophe {
            b"'"
        } else {
            "’".as_bytes()
        };
        let mut len = 0;
        let mut put = |bytes: &[u8]| {
            stack
                .get_mut(len..len + bytes.len())?
                .copy_from_slice(bytes);
            len += bytes.len();
            Some(())
        };
        if word.is_ascii() {
            put(word.as_bytes())?;
        } else {
            for (i, piece) in word.split('’').enumerate() {
                if !piece.is_ascii() {
                    return None;
                }
                if i > 0 {
                    put(apostrophe)?;
                }
                put(piece.as_bytes())?;
            }
        }
        let lower = &mut stack[..len];
        lower.make_ascii_lowercase();
        Some(lower)
    }
}

/// A stop-word list, lower case.
#[derive(Debug)]
pub struct StopWords(WordTable<()>);

impl StopWords {
    /// The list of `words` (lower case).
    pub fn new(words: impl IntoIterator<Item = &'static str>) -> StopWords {
        StopWords(WordTable::new(words.into_iter().map(|w| (w, ())), true))
    }

    /// True when `word` (lower case) is in the list.
    pub fn contains(&self, word: &str) -> bool {
        self.0.get_lower(word.as_bytes()).is_some()
    }

    /// True when `word` in any case, with `’` for `'`, is in the list.
    /// `buffer` is scratch space for lower-casing words that are not ASCII.
    pub fn contains_word(&self, word: &str, buffer: &mut String) -> bool {
        self.0.get(word, buffer).is_some()
    }
}

/// The stop words of a language (ISO 639-1), lower case, if a list ships.
pub fn stopwords(code: &str) -> Option<&'static StopWords> {
    static LISTS: OnceLock<BTreeMap<&'static str, StopWords>> = OnceLock::new();
    LISTS
        .get_or_init(|| {
            STOPWORDS
                .iter()
                .map(|(code, list)| (*code, StopWords::new(lexicon_lines(list))))
                .collect()
        })
        .get(code)
}

/// Every shipped stop word, with a bit per language (bit `i` = `STOPWORDS[i]`)
/// whose list holds it: one lookup scores a word for all languages.
fn stopword_languages() -> &'static WordTable<u64> {
    static TABLE: OnceLock<WordTable<u64>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut bits: FxHashMap<&'static str, u64> = FxHashMap::default();
        for (bit, (_, list)) in STOPWORDS.iter().enumerate() {
            for word in lexicon_lines(list) {
                *bits.entry(word).or_insert(0u64) |= 1 << bit;
            }
        }
        WordTable::new(bits, false)
    })
}

/// The language whose stop words clearly dominate `text`: at least a
/// quarter of its words, and half as many again as any other language's.
/// Cheap (one lookup a word), so it runs before whatlang and spares it
/// for the unclear cases.
pub fn by_stopwords(text: &str) -> Option<&'static str> {
    let table = stopword_languages();
    let mut counts = [0usize; STOPWORDS.len()];
    let mut words = 0;
    let mut buffer = String::new();
    for token in text.split_whitespace().take(STOPWORD_SAMPLE_WORDS) {
        let word = word_of(token);
        if word.is_empty() {
            continue;
        }
        words += 1;
        let mut bits = table.get(word, &mut buffer).unwrap_or(0);
        while bits != 0 {
            counts[bits.trailing_zeros() as usize] += 1;
            bits &= bits - 1; // the next language whose list holds the word
        }
    }
    let best = (0..counts.len()).max_by_key(|&i| (counts[i], std::cmp::Reverse(i)))?;
    let second = (0..counts.len())
        .filter(|&i| i != best)
        .map(|i| counts[i])
        .max()
        .unwrap_or(0);
    (counts[best] * 4 >= words && words >= 8 && counts[best] * 2 >= second * 3)
        .then_some(STOPWORDS[best].0)
}

/// The items of a lexicon file: one per line, `#` starts a comment.
pub fn lexicon_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|line| !line.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_detected_with_iso_639_1_codes() {
        let en = detect(
            "The ministry said on Tuesday that the talks would resume next week in the capital.",
        );
        assert_eq!(en.map(|g| g.code), Some("en"));
        let ru = detect(
            "Министерство заявило во вторник, что переговоры возобновятся на следующей неделе.",
        );
        assert_eq!(ru.map(|g| g.code), Some("ru"));
        assert_eq!(script("تصویر بندانگشتی"), Some(Script::Arabic));
    }

    #[test]
    fn every_shipped_list_loads_and_every_code_is_known() {
        for (code, _) in STOPWORDS {
            let list = stopwords(code).unwrap();
            assert!(list.0.short.len() + list.0.long.len() >= 20, "{code}");
            assert!(ISO639.iter().any(|(_, two)| two == code), "{code}");
        }
        assert!(stopwords("en").unwrap().contains("the"));
        assert!(stopwords("xx").is_none());
    }

    #[test]
    fn stop_words_match_in_any_case_short_or_long() {
        let list = StopWords::new(["the", "don't", "nevertheless", "über", "ʼn", "Mixed"]);
        let mut buffer = String::new();
        for word in ["the", "THE", "Don’t", "NeverTheLess", "ÜBER", "ʼN"] {
            assert!(list.contains_word(word, &mut buffer), "{word}");
        }
        for word in ["th", "thee", "mixed", "Mixed", "nevertheles", "ueber", ""] {
            assert!(!list.contains_word(word, &mut buffer), "{word}");
        }
        assert!(list.contains("über") && !list.contains("THE"));
    }

    #[test]
    fn stop_words_vote_for_clear_cases_only() {
        let en = "The ministry said on Tuesday that the talks would resume next week in the capital after a break.";
        assert_eq!(by_stopwords(en), Some("en"));
        let es = "El ministerio dijo el martes que las conversaciones se reanudarán la próxima semana en la capital.";
        assert_eq!(by_stopwords(es), Some("es"));
        assert_eq!(by_stopwords("Taliban Haqqani Treasury"), None);
    }

    #[test]
    fn the_script_fast_path_agrees_with_whatlang() {
        for text in [
            "“Quoted” — dashes… and €5",
            "Новости дня: «Москва»",
            "Ελληνικά κείμενα",
            "ab жж",
            "ab жжж",
            "abc жжж",
            "αβ ж z",
            "тест 日本語",
            "",
            "12:30 -- (AP)",
            "Hello, world!",
            "\u{a0}\u{a0}",
            "Zürich café ŁÓDŹ",
            "Привет",
            "Latin then Кириллица",
        ] {
            assert_eq!(script(text), whatlang::detect_script(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn the_script_fast_path_agrees_with_whatlang_on_mixed_text(
            text in "[a-zA-Z0-9 .,\u{7f}-\u{2b5}\u{360}-\u{540}\u{1d2b}\u{1d78}\u{1ff0}-\u{2110}]{0,30}"
        ) {
            if let Some(fast) = common_scripts(&text) {
                proptest::prop_assert_eq!(fast, whatlang::detect_script(&text));
            }
        }
    }

    #[test]
    fn prefix_respects_char_boundaries() {
        assert_eq!(prefix("ab€", 3), "ab");
        assert_eq!(prefix("ab", 3), "ab");
    }
}
