//! Paragraph units and the surface features boilerplate is told by.

use super::language::StopWords;
use crate::model::ByteSpan;

/// Splits `text` into paragraph units: one per non-blank line, except that
/// a hard-wrapped block (lines broken mid-sentence) is one unit. Spans are
/// trimmed of surrounding white space.
pub fn units(text: &str) -> Vec<ByteSpan> {
    let mut out = Vec::new();
    let mut offset = 0;
    let mut open: Option<ByteSpan> = None;
    for line in text.split_inclusive('\n') {
        let span = trimmed(text, ByteSpan::new(offset, offset + line.len()));
        offset += line.len();
        if span.is_empty() {
            out.extend(open.take());
            continue;
        }
        open = match open {
            Some(previous) if continues(previous.text(text), span.text(text)) => {
                Some(ByteSpan::new(previous.start, span.end))
            }
            Some(previous) => {
                out.push(previous);
                Some(span)
            }
            None => Some(span),
        };
    }
    out.extend(open);
    out
}

/// True when `next` continues the sentence `line` was wrapped in: the line
/// is long, stops without final punctuation, and the next opens in lower case.
fn continues(line: &str, next: &str) -> bool {
    let last_line = line.rsplit('\n').next().unwrap_or(line);
    last_line.chars().count() >= 40
        && !ends_sentence(last_line)
        && next.chars().next().is_some_and(char::is_lowercase)
}

/// `span` without leading or trailing white space (including no-break spaces).
pub fn trimmed(text: &str, span: ByteSpan) -> ByteSpan {
    let slice = span.text(text);
    let start = span.start + (slice.len() - slice.trim_start().len());
    let end = span.start + slice.trim_end().len();
    ByteSpan::new(start.min(end), end)
}

/// True for characters that close a sentence.
pub fn is_terminal(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '。' | '！' | '？' | '؟' | '۔' | '।' | '׃'
    )
}

/// True for characters that may follow a sentence's final punctuation.
pub fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '」' | '』' | '*'
    ) || c.is_whitespace()
}

/// True when `text` ends with sentence-final punctuation (closing quotes
/// and brackets after it allowed).
pub fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(is_closer)
        .chars()
        .next_back()
        .is_some_and(is_terminal)
}

/// Fewest words of a unit whose stop words are counted: shorter units are
/// neither body nor checked for their language (see `clean`), the two
/// verdicts the count serves.
pub const MIN_WORDS_FOR_STOP_SHARE: usize = 8;

/// Share of a unit's words that must be stop words for it to read as prose.
const PROSE_STOP_SHARE: f64 = 0.2;

/// Surface features of one paragraph.
#[derive(Clone, Debug, Default)]
pub struct Features {
    /// Characters.
    pub chars: usize,
    /// Word tokens (tokens with a letter); estimated for scripts written
    /// without spaces.
    pub words: usize,
    /// At least a fifth of the words are the article language's stop words.
    /// Measured on units of [`MIN_WORDS_FOR_STOP_SHARE`] words or more only
    /// (false on shorter ones), and only as far as it takes to tell.
    pub prose_stop_share: bool,
    /// Letters.
    pub letters: usize,
    /// Upper-case letters.
    pub uppers: usize,
    /// Decimal digits.
    pub digits: usize,
    /// Tokens that are URLs, e-mail addresses or handles.
    pub links: usize,
    /// Ends with sentence-final punctuation.
    pub terminal: bool,
    /// Opens with a bullet or a list number.
    pub list_item: bool,
    /// Ends in `..` or `…`: a cut-off teaser or breadcrumb (or a trailing-off quote).
    pub truncated: bool,
    /// A count glued to a label (`21,156Fans`): a social widget.
    pub glued_count: bool,
    /// Ends in a slash-separated credit (`Name / Agency / Service`): a caption.
    pub credit_tail: bool,
    /// FNV-1a hash of the lower-cased letters.
    letters_key: u64,
    /// FNV-1a hash of the lower-cased letters and numbers.
    numbers_key: u64,
}

/// Scratch space [`Features::of`] reuses from one unit to the next.
#[derive(Debug, Default)]
pub struct Scratch<'t> {
    /// The words of the unit being measured.
    words: Vec<&'t str>,
    /// Lower-cased words that are not ASCII.
    lower: String,
}

/// Character counts of a unit, and hashes of its lower-cased letters (and
/// numbers) for [`Features::repeat_key`].
#[derive(Clone, Copy, Debug)]
struct Tally {
    /// Bytes of characters beyond their first (`chars` is bytes less these).
    extra_bytes: usize,
    letters: usize,
    uppers: usize,
    digits: usize,
    letters_key: u64,
    numbers_key: u64,
}

/// What an ASCII byte is to [`Tally`], as bits of [`ASCII_CLASSES`].
const LETTER: u8 = 1;
const UPPER: u8 = 2;
const DIGIT: u8 = 4;
/// White space as [`char::is_whitespace`] has it.
const SPACE: u8 = 8;

/// The class bits of every ASCII byte: one load tells a byte's kind.
static ASCII_CLASSES: [u8; 128] = {
    let mut classes = [0; 128];
    let mut byte = 0u8;
    while byte < 128 {
        classes[byte as usize] = match byte {
            b'a'..=b'z' => LETTER,
            b'A'..=b'Z' => LETTER | UPPER,
            b'0'..=b'9' => DIGIT,
            b' ' | b'\t'..=b'\r' => SPACE,
            _ => 0,
        };
        byte += 1;
    }
    classes
};

impl Tally {
    fn new() -> Tally {
        Tally {
            extra_bytes: 0,
            letters: 0,
            uppers: 0,
            digits: 0,
            letters_key: FNV_OFFSET,
            numbers_key: FNV_OFFSET,
        }
    }

    /// Counts the character at byte `at` of `text`. Returns its length in
    /// bytes and whether it is white space.
    #[inline]
    fn step(&mut self, text: &str, at: usize) -> (usize, bool) {
        match text.as_bytes()[at] {
            byte @ 0..=0x7f => (1, self.ascii(byte)),
            _ => {
                let c = text[at..].chars().next().unwrap_or_default();
                self.other(c);
                (c.len_utf8(), c.is_whitespace())
            }
        }
    }

    /// Counts an ASCII character; true when it is white space.
    #[inline]
    fn ascii(&mut self, byte: u8) -> bool {
        let class = ASCII_CLASSES[usize::from(byte & 0x7f)];
        if class & LETTER != 0 {
            self.letters += 1;
            self.uppers += usize::from(class & UPPER != 0);
            let lower = u64::from(byte | 0x20);
            self.letters_key = fnv(self.letters_key, lower);
            self.numbers_key = fnv(self.numbers_key, lower);
        } else if class & DIGIT != 0 {
            self.digits += 1;
            self.numbers_key = fnv(self.numbers_key, u64::from(byte));
        }
        class & SPACE != 0
    }

    /// Counts any other character: letters and numbers of all scripts are
    /// hashed, but only ASCII digits count as digits.
    fn other(&mut self, c: char) {
        self.extra_bytes += c.len_utf8() - 1;
        // Quotes and dashes are neither letters nor numbers: no table lookup.
        if is_common_punctuation(c) {
            return;
        }
        if is_letter(c) {
            self.letters += 1;
            self.uppers += usize::from(c.is_uppercase());
            for lower in c.to_lowercase() {
                self.letters_key = fnv(self.letters_key, u64::from(lower));
                self.numbers_key = fnv(self.numbers_key, u64::from(lower));
            }
        } else if c.is_numeric() {
            for lower in c.to_lowercase() {
                self.numbers_key = fnv(self.numbers_key, u64::from(lower));
            }
        }
    }
}

/// FNV-1a offset basis: hashes are stable across runs and platforms.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv(hash: u64, value: u64) -> u64 {
    (hash ^ value).wrapping_mul(0x0100_0000_01b3)
}

impl Features {
    /// Measures `text`; stop words are counted with `stopwords` when given.
    pub fn of<'t>(
        text: &'t str,
        stopwords: Option<&StopWords>,
        scratch: &mut Scratch<'t>,
    ) -> Features {
        let mut f = Features {
            terminal: ends_sentence(text),
            list_item: is_list_item(text),
            credit_tail: has_credit_tail(text),
            ..Features::default()
        };
        scratch.words.clear();
        let tokens = f.count_chars_and_tokens(text, &mut scratch.words);
        // Scripts written without spaces (Chinese, Japanese, Thai): about
        // two letters a word.
        if tokens * 12 < f.letters {
            f.words = f.words.max(f.letters / 2);
        }
        if let Some(list) = stopwords.filter(|_| f.words >= MIN_WORDS_FOR_STOP_SHARE) {
            f.prose_stop_share =
                reaches_stop_share(&scratch.words, list, f.words, &mut scratch.lower);
        }
        let tail = text.trim_end_matches(is_closer);
        f.truncated = tail.ends_with("..") || tail.ends_with('…');
        f
    }

    /// Counts the characters of `text` (see [`Tally`]) and cuts it into
    /// white-space separated tokens (as `split_whitespace` does), whose
    /// words go to `words`: one pass, decoding only characters outside
    /// ASCII. Returns the number of tokens.
    fn count_chars_and_tokens<'t>(&mut self, text: &'t str, words: &mut Vec<&'t str>) -> usize {
        let mut tally = Tally::new();
        // Colons and at signs mark every link but those starting `www.`.
        let link_marks = memchr::memchr2(b':', b'@', text.as_bytes()).is_some();
        let mut tokens = 0;
        let mut token_start = 0;
        let mut at = 0;
        while at < text.len() {
            let (len, space) = tally.step(text, at);
            if space {
                if token_start < at {
                    tokens += 1;
                    self.count_token(&text[token_start..at], link_marks, words);
                }
                token_start = at + len;
            }
            at += len;
        }
        if token_start < text.len() {
            tokens += 1;
            self.count_token(&text[token_start..], link_marks, words);
        }
        self.chars = text.len() - tally.extra_bytes;
        self.letters = tally.letters;
        self.uppers = tally.uppers;
        self.digits = tally.digits;
        self.letters_key = tally.letters_key;
        self.numbers_key = tally.numbers_key;
        tokens
    }

    /// Counts a token as a link, glued count and word; words go to `words`.
    /// `link_marks`: whether the unit holds a `:` or `@` anywhere.
    fn count_token<'t>(&mut self, token: &'t str, link_marks: bool, words: &mut Vec<&'t str>) {
        let link = match link_marks {
            true => is_link(token),
            false => is_bare_www(token),
        };
        self.links += usize::from(link);
        self.glued_count |= is_glued_count(token);
        let word = word_of(token);
        let has_letter = word.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
            || word.chars().any(is_letter);
        if has_letter {
            self.words += 1;
            words.push(word);
        }
    }

    /// A hash of the unit's letters (and, for long units, digits), lower-cased:
    /// equal for copies that differ only in spacing, punctuation or (for short
    /// lines such as headlines) a trailing image number.
    pub fn repeat_key(&self) -> u64 {
        if self.words >= 20 {
            self.numbers_key
        } else {
            self.letters_key
        }
    }

    /// Share of letters that are capitals.
    pub fn caps_ratio(&self) -> f64 {
        self.uppers as f64 / self.letters.max(1) as f64
    }

    /// Share of letters and digits that are digits.
    pub fn digit_ratio(&self) -> f64 {
        self.digits as f64 / (self.letters + self.digits).max(1) as f64
    }

    /// Share of tokens that are links.
    pub fn link_ratio(&self) -> f64 {
        self.links as f64 / self.words.max(1) as f64
    }
}

/// True when at least [`PROSE_STOP_SHARE`] of `total` words are in `list`,
/// looking at no more of `words` than it takes to tell.
fn reaches_stop_share(words: &[&str], list: &StopWords, total: usize, lower: &mut String) -> bool {
    let mut found = 0;
    for word in words {
        if list.contains_word(word, lower) {
            found += 1;
            if found as f64 / total.max(1) as f64 >= PROSE_STOP_SHARE {
                return true;
            }
        }
    }
    false
}

/// A token without the punctuation around it (`“Yes,”` -> `Yes`), with a
/// fast path for ASCII and the quotes and dashes of General Punctuation.
pub fn word_of(token: &str) -> &str {
    let bytes = token.as_bytes();
    if bytes.first().is_some_and(u8::is_ascii_alphanumeric)
        && bytes.last().is_some_and(u8::is_ascii_alphanumeric)
    {
        return token; // nothing to trim
    }
    let inner = token.trim_matches(is_common_punctuation);
    match (inner.as_bytes().first(), inner.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii() && last.is_ascii() => inner,
        _ => inner.trim_matches(|c: char| !c.is_alphanumeric()),
    }
}

/// ASCII other than letters and digits, and General Punctuation (U+2000 to
/// U+206F: spaces, dashes, quotes), none of which is alphanumeric: told
/// apart without Unicode tables.
fn is_common_punctuation(c: char) -> bool {
    match c {
        '\0'..='\u{7f}' => !c.is_ascii_alphanumeric(),
        _ => ('\u{2000}'..='\u{206f}').contains(&c),
    }
}

/// Letters of Latin-1, Latin Extended-A and -B and Cyrillic, the most
/// common outside ASCII in news text: alphabetic (an exhaustive test
/// checks), told without a search of the Unicode tables.
fn is_common_letter(c: char) -> bool {
    matches!(c,
        '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{f6}' | '\u{f8}'..='\u{24f}'
        | '\u{400}'..='\u{481}' | '\u{48a}'..='\u{52f}')
}

/// [`char::is_alphabetic`], sparing the table search for common letters.
fn is_letter(c: char) -> bool {
    is_common_letter(c) || c.is_alphabetic()
}

fn is_list_item(text: &str) -> bool {
    let mut chars = text.chars();
    match chars.next() {
        Some('-' | '–' | '—' | '•' | '·' | '*' | '▪' | '►' | '●') => {
            chars.next().is_some_and(char::is_whitespace)
        }
        Some(c) if c.is_ascii_digit() => {
            let rest = text.trim_start_matches(|c: char| c.is_ascii_digit());
            text.len() - rest.len() <= 3 && (rest.starts_with(". ") || rest.starts_with(") "))
        }
        _ => false,
    }
}

fn is_link(token: &str) -> bool {
    // Every form below holds one of these bytes; most words hold none.
    if !token.bytes().any(|b| matches!(b, b':' | b'@' | b'.')) {
        return false;
    }
    let token = token.trim_matches(is_link_bracket);
    token.contains("://")
        || token.starts_with("www.")
        || (token.len() > 1
            && token.starts_with('@')
            && token[1..].chars().all(|c| c.is_alphanumeric() || c == '_'))
        || (token.contains('@') && token.contains('.') && !token.ends_with('.'))
}

/// [`is_link`] for a token without `:` or `@`: only a `www.` address can
/// be one.
fn is_bare_www(token: &str) -> bool {
    token
        .trim_start_matches(is_link_bracket)
        .starts_with("www.")
}

/// Brackets and marks a link may be wrapped in.
fn is_link_bracket(c: char) -> bool {
    matches!(c, '(' | ')' | '<' | '>' | ',' | '"')
}

/// `21,156FansLike`: digits then a capitalised word with no space between.
fn is_glued_count(token: &str) -> bool {
    if !token.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let rest = token.trim_start_matches(|c: char| c.is_ascii_digit() || c == ',' || c == '.');
    rest.chars().next().is_some_and(char::is_uppercase)
        && rest.chars().skip(1).any(char::is_lowercase)
}

/// A photo credit at the end: two or more ` / ` separators in the last 80
/// bytes and no final punctuation after them.
fn has_credit_tail(text: &str) -> bool {
    let mut start = text.len().saturating_sub(80);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let tail = &text[start..];
    // Two separators need two slashes, which most units lack: counting
    // them is cheaper than a substring search.
    let slashes = tail.bytes().filter(|&b| b == b'/').count();
    slashes >= 2 && tail.matches(" / ").count() >= 2 && !ends_sentence(tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit_texts(text: &str) -> Vec<&str> {
        units(text).iter().map(|s| s.text(text)).collect()
    }

    #[test]
    fn lines_are_units_and_wrapped_lines_join() {
        let text = "Headline here\n\n  First paragraph ends.\u{a0}\nSecond line\r\n\nA wrapped sentence that goes on and on past forty\ncharacters ends here.\n";
        assert_eq!(
            unit_texts(text),
            [
                "Headline here",
                "First paragraph ends.",
                "Second line",
                "A wrapped sentence that goes on and on past forty\ncharacters ends here."
            ]
        );
    }

    #[test]
    fn the_stop_share_counts_curly_apostrophes_and_needs_eight_words() {
        let mut scratch = Scratch::default();
        let list = StopWords::new(["the", "of", "to", "and", "it", "don't"]);
        let mut share = |text| Features::of(text, Some(&list), &mut scratch).prose_stop_share;
        // Two stop words in ten: exactly the share, with `don’t` counted.
        assert!(share(
            "Ministers don’t agree about tariffs, budgets, ports, roads and rail."
        ));
        assert!(!share(
            "Ministers never agree about tariffs, budgets, ports, roads and rail."
        ));
        assert!(!share("The end of it and the rest."));
    }

    proptest::proptest! {
        #[test]
        fn tokens_are_cut_as_split_whitespace_cuts(
            text in "[a-z.:@\\t\\n\\r\\u{b}\\u{c}\\u{1c}\\u{85}\\u{a0}\\u{1680}\\u{2000}-\\u{2030}\\u{205f}\\u{3000}\\u{3001} “é€日]{0,12}"
        ) {
            let mut f = Features::default();
            let mut words = Vec::new();
            let tokens = f.count_chars_and_tokens(&text, &mut words);
            let expected: Vec<&str> = text
                .split_whitespace()
                .map(word_of)
                .filter(|w| w.chars().any(char::is_alphabetic))
                .collect();
            proptest::prop_assert_eq!(tokens, text.split_whitespace().count());
            proptest::prop_assert_eq!(words, expected);
            proptest::prop_assert_eq!(f.chars, text.chars().count());
            let links = text.split_whitespace().filter(|t| is_link(t)).count();
            proptest::prop_assert_eq!(f.links, links);
        }
    }

    #[test]
    fn words_lose_the_punctuation_around_them() {
        for token in [
            "“Yes,”",
            "(U.S.)",
            "--",
            "",
            "café…",
            "¿Qué?",
            "don’t",
            "42%",
            "«Ж»",
        ] {
            assert_eq!(
                word_of(token),
                token.trim_matches(|c: char| !c.is_alphanumeric()),
                "{token:?}"
            );
        }
    }

    #[test]
    fn common_punctuation_is_never_alphanumeric() {
        let block = ('\0'..='\u{7f}').chain('\u{2000}'..='\u{206f}');
        for c in block.filter(|&c| is_common_punctuation(c)) {
            assert!(!c.is_alphanumeric(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn common_letters_are_alphabetic() {
        for c in ('\u{80}'..='\u{5ff}').filter(|&c| is_common_letter(c)) {
            assert!(c.is_alphabetic(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn sentence_ends_see_through_closing_quotes() {
        assert!(ends_sentence("he said.”"));
        assert!(ends_sentence("(really?) "));
        assert!(!ends_sentence("Related Articles"));
        assert!(!ends_sentence(""));
    }

    #[test]
    fn features_of_body_and_furniture() {
        let mut scratch = Scratch::default();
        let list = StopWords::new(["the", "of", "to", "and", "it", "don't"]);
        let body = Features::of(
            "The minister said it was the end of the talks, and he don’t agree.",
            Some(&list),
            &mut scratch,
        );
        assert!(
            body.terminal && body.words == 14 && body.prose_stop_share,
            "{body:?}"
        );
        let widget = Features::of("21,156FansLike", None, &mut scratch);
        assert!(widget.glued_count && !widget.terminal);
        assert!(Features::of("2. Markets", None, &mut scratch).list_item);
        assert!(Features::of("Story claims US ..", None, &mut scratch).truncated);
        let caption = Features::of(
            "Leaders meet in the capital on Monday.Jane Roe / Pool / Agency via Images",
            None,
            &mut scratch,
        );
        assert!(caption.credit_tail);
        assert_eq!(
            Features::of(
                "Follow @someone or see https://x.example",
                None,
                &mut scratch
            )
            .links,
            2
        );
    }
}
