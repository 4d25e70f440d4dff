//! One pass over a sentence: tokens with byte offsets, their lower-case
//! forms and stems, and the noun-phrase helpers every extractor shares.
//!
//! Lower-casing is ASCII only, so the lower-case copy has the same byte
//! offsets as the sentence and every token range slices both.

use super::lexicon::{Lists, IRREGULAR, LEXICON};
use crate::lexicon::char_at;
use std::ops::Range;

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokenKind {
    /// Letters (possibly with digits, inner hyphens or apostrophes).
    Word,
    /// Digits with optional thousands separators and a decimal point.
    Number,
    /// The possessive ending `'s` split off its word.
    Possessive,
    /// Any other single character.
    Punct,
}

/// A token: a byte range of the sentence and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// The token contains a hyphen ("twenty-five", "4,000-6,000", "-"):
    /// known while tokenising, and asked of every token by the extractors.
    pub has_hyphen: bool,
}

/// A tokenised sentence.
pub(crate) struct Scan<'s> {
    /// The sentence as written.
    pub text: &'s str,
    pub tokens: Vec<Token>,
    /// What each token is, looked up once.
    facts: Vec<Facts<'s>>,
}

/// A token's lower-case form, stem, the word lists it opens and what the
/// extractors ask of it most.
#[derive(Clone, Copy)]
struct Facts<'s> {
    word: &'s str,
    stem: &'s str,
    lists: Lists,
    /// See the `*_FLAG` constants.
    flags: u8,
}

const BOUNDARY_FLAG: u8 = 1;
const NEGATION_FLAG: u8 = 2;
const HEDGE_FLAG: u8 = 4;
const CAPITALIZED_FLAG: u8 = 8;

impl<'s> Facts<'s> {
    /// The facts of `token` that need no other token: one index lookup for
    /// its word, and one for its stem when that differs and may be listed.
    fn of(token: &Token, text: &str, lower: &'s str) -> Facts<'s> {
        let word = &lower[token.start..token.end];
        let word_lists = LEXICON.lists_of(word);
        if token.kind != TokenKind::Word {
            return Facts {
                word,
                stem: word,
                lists: word_lists,
                flags: 0,
            };
        }
        let base = if word_lists.has(Lists::IRREGULAR) {
            IRREGULAR.listed_base_form(word).unwrap_or(word)
        } else {
            word
        };
        let stem = regular_stem(base);
        let stem_lists = if stem == word {
            word_lists.and(Lists::STEMMED)
        } else {
            LEXICON.stemmed_lists_of(stem)
        };
        let raw = &text[token.start..token.end];
        let capitalized = match raw.as_bytes().first() {
            Some(first) if first.is_ascii() => first.is_ascii_uppercase(),
            _ => raw.chars().next().is_some_and(char::is_uppercase),
        };
        Facts {
            word,
            stem,
            lists: word_lists.without(Lists::STEMMED).or(stem_lists),
            flags: if capitalized { CAPITALIZED_FLAG } else { 0 },
        }
    }
}

impl<'s> Scan<'s> {
    /// Tokenises `text`; `lower` must be `text.to_ascii_lowercase()`.
    pub fn new(text: &'s str, lower: &'s str) -> Scan<'s> {
        let tokens = tokenize(text);
        let facts = tokens.iter().map(|t| Facts::of(t, text, lower)).collect();
        let mut scan = Scan {
            text,
            tokens,
            facts,
        };
        for i in 0..scan.len() {
            let flags = scan.lookup_flags(i);
            scan.facts[i].flags |= flags;
        }
        scan
    }

    fn lookup_flags(&self, i: usize) -> u8 {
        let mut flags = 0;
        if self.lookup_np_boundary(i) {
            flags |= BOUNDARY_FLAG;
        }
        let w = self.word(i);
        let contracted = w.ends_with('t') && (w.ends_with("n't") || w.ends_with("n’t"));
        if contracted || LEXICON.negations.at(self, i).is_some() {
            flags |= NEGATION_FLAG;
        }
        if LEXICON.hedges.at(self, i).is_some() && !(w == "may" && self.is_capitalized(i)) {
            flags |= HEDGE_FLAG;
        }
        flags
    }

    fn flag(&self, i: usize, flag: u8) -> bool {
        self.facts.get(i).is_some_and(|f| f.flags & flag != 0)
    }

    /// The word lists token `i` opens or belongs to (none past the end).
    #[inline]
    pub fn lists(&self, i: usize) -> Lists {
        self.facts.get(i).map_or(Lists::NONE, |f| f.lists)
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Lower-case form of token `i` (empty past the end).
    pub fn word(&self, i: usize) -> &'s str {
        self.facts.get(i).map_or("", |f| f.word)
    }

    /// Token `i` as written.
    pub fn raw(&self, i: usize) -> &'s str {
        self.tokens
            .get(i)
            .map_or("", |t| &self.text[t.start..t.end])
    }

    /// Stem of token `i`.
    pub fn stem(&self, i: usize) -> &'s str {
        self.facts.get(i).map_or("", |f| f.stem)
    }

    /// True when token `i` contains a hyphen.
    pub fn has_hyphen(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.has_hyphen)
    }

    /// True when token `i` is a word.
    pub fn is_word(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Word)
    }

    /// Kind of token `i`.
    pub fn kind(&self, i: usize) -> Option<TokenKind> {
        self.tokens.get(i).map(|t| t.kind)
    }

    /// True when token `i` is a word starting with an upper-case letter.
    pub fn is_capitalized(&self, i: usize) -> bool {
        self.flag(i, CAPITALIZED_FLAG)
    }

    /// True when token `i` is the punctuation character `c`.
    pub fn is_punct(&self, i: usize, c: char) -> bool {
        self.kind(i) == Some(TokenKind::Punct) && self.raw(i).starts_with(c)
    }

    /// True when token `i` is a quotation mark.
    pub fn is_quote(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Punct)
            && matches!(self.raw(i), "\"" | "“" | "”" | "«" | "»" | "„")
    }

    /// True when token `i` negates (`not`, `never`, a `n't` ending).
    pub fn is_negation(&self, i: usize) -> bool {
        self.flag(i, NEGATION_FLAG)
    }

    /// True when a hedge starts at token `i` ("believed", "may"; not the month "May").
    pub fn is_hedge(&self, i: usize) -> bool {
        self.flag(i, HEDGE_FLAG)
    }

    /// Byte range covering tokens `range`.
    pub fn bytes(&self, range: Range<usize>) -> Range<usize> {
        match (
            self.tokens.get(range.start),
            range.end.checked_sub(1).and_then(|e| self.tokens.get(e)),
        ) {
            (Some(first), Some(last)) if range.start < range.end => first.start..last.end,
            _ => 0..0,
        }
    }

    /// Text covering tokens `range`, as written.
    pub fn text_of(&self, range: Range<usize>) -> &'s str {
        &self.text[self.bytes(range)]
    }

    fn is_np_boundary(&self, i: usize) -> bool {
        i >= self.len() || self.flag(i, BOUNDARY_FLAG)
    }

    fn lookup_np_boundary(&self, i: usize) -> bool {
        match self.kind(i) {
            None => true,
            Some(TokenKind::Possessive | TokenKind::Number) => false,
            Some(TokenKind::Punct) => !self.is_abbreviation_dot(i) && !self.is_inner_hyphen(i),
            Some(TokenKind::Word) => {
                let w = self.word(i);
                (LEXICON.np_boundaries.at(self, i) && w != "of")
                    || (self.stem(i) != w
                        && LEXICON.cues.at(self, i).is_some()
                        && !self.is_capitalized(i))
            }
        }
    }

    /// A dot inside an abbreviation ("U.S.").
    fn is_abbreviation_dot(&self, i: usize) -> bool {
        self.is_punct(i, '.')
            && i > 0
            && self.raw(i - 1).chars().count() == 1
            && self.is_capitalized(i - 1)
            && self.tokens[i - 1].end == self.tokens[i].start
    }

    /// A hyphen glued to words on both sides ("U.S.-backed").
    fn is_inner_hyphen(&self, i: usize) -> bool {
        self.is_punct(i, '-')
            && i > 0
            && i + 1 < self.len()
            && self.tokens[i - 1].end == self.tokens[i].start
            && self.tokens[i].end == self.tokens[i + 1].start
    }

    /// The noun phrase ending just before token `end`, at most `max` tokens,
    /// without leading or trailing "of".
    pub fn np_before(&self, end: usize, max: usize) -> Option<Range<usize>> {
        let mut start = end;
        while start > 0 && end - start < max && !self.is_np_boundary(start - 1) {
            start -= 1;
        }
        self.trim_np(start..end)
    }

    /// The noun phrase starting at token `start`, at most `max` tokens.
    pub fn np_after(&self, start: usize, max: usize) -> Option<Range<usize>> {
        let mut end = start;
        while end < self.len() && end - start < max && !self.is_np_boundary(end) {
            end += 1;
        }
        self.trim_np(start..end)
    }

    fn trim_np(&self, mut range: Range<usize>) -> Option<Range<usize>> {
        while range.start < range.end && matches!(self.word(range.start), "of" | "-") {
            range.start += 1;
        }
        while range.start < range.end
            && (matches!(self.word(range.end - 1), "of" | "the" | "a" | "an")
                || self.kind(range.end - 1) == Some(TokenKind::Punct))
        {
            range.end -= 1;
        }
        (range.start < range.end).then_some(range)
    }

    /// Skips auxiliaries and adverbs backwards from `end` ("has also said").
    pub fn skip_aux_before(&self, mut end: usize) -> usize {
        while end > 0 && self.is_word(end - 1) && LEXICON.aux.at(self, end - 1) {
            end -= 1;
        }
        end
    }
}

/// Splits a sentence into tokens. Letters and digits form words; a hyphen or
/// apostrophe between two of them stays inside the word; a possessive `'s`
/// is split off; digits with `,` or `.` between digits form one number.
fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut at = 0;
    while let Some(c) = char_at(text, at) {
        let start = at;
        at += c.len_utf8();
        if c.is_whitespace() {
            continue;
        }
        if !c.is_alphanumeric() {
            tokens.push(Token {
                start,
                end: at,
                kind: TokenKind::Punct,
                has_hyphen: c == '-',
            });
            continue;
        }
        let word = word_from(text, c, at);
        at = word.end;
        push_word(&mut tokens, text, start, word);
    }
    tokens
}

/// A word or number read by [`word_from`]: where it ends and what it is
/// made of.
struct WordEnd {
    end: usize,
    all_digits: bool,
    has_hyphen: bool,
}

/// Reads the word or number whose first character, `first`, ends at byte `at`.
fn word_from(text: &str, first: char, mut at: usize) -> WordEnd {
    let bytes = text.as_bytes();
    let mut all_digits = first.is_ascii_digit();
    let mut has_hyphen = false;
    let mut previous = first;
    loop {
        // ASCII letters and digits, most bytes of a word, join without
        // decoding a character.
        if let Some(&byte) = bytes.get(at).filter(|b| b.is_ascii_alphanumeric()) {
            all_digits &= byte.is_ascii_digit();
            previous = char::from(byte);
            at += 1;
            continue;
        }
        let Some(next) = char_at(text, at) else {
            break;
        };
        let after = at + next.len_utf8();
        let joins = if next.is_alphanumeric() {
            true
        } else if matches!(next, '-' | '\'' | '’') {
            char_at(text, after).is_some_and(char::is_alphanumeric)
        } else if matches!(next, ',' | '.') {
            previous.is_ascii_digit() && char_at(text, after).is_some_and(|d| d.is_ascii_digit())
        } else {
            false
        };
        if !joins {
            break;
        }
        all_digits &= next.is_ascii_digit() || matches!(next, ',' | '.');
        has_hyphen |= next == '-';
        previous = next;
        at = after;
    }
    WordEnd {
        end: at,
        all_digits,
        has_hyphen,
    }
}

fn push_word(tokens: &mut Vec<Token>, text: &str, start: usize, word_end: WordEnd) {
    let WordEnd {
        end,
        all_digits,
        has_hyphen,
    } = word_end;
    let word = &text[start..end];
    let possessive = ["'s", "’s", "'S", "’S"]
        .iter()
        .find(|p| word.len() > p.len() + 1 && word.ends_with(*p));
    let kind = if all_digits {
        TokenKind::Number
    } else {
        TokenKind::Word
    };
    match possessive {
        Some(p) => {
            let split = end - p.len();
            tokens.push(Token {
                start,
                end: split,
                kind,
                has_hyphen,
            });
            tokens.push(Token {
                start: split,
                end,
                kind: TokenKind::Possessive,
                has_hyphen: false,
            });
        }
        None => tokens.push(Token {
            start,
            end,
            kind,
            has_hyphen,
        }),
    }
}

/// A crude, consistent stem: irregular forms to their base, then one
/// inflection off ("gaining", "gains", "gained" -> "gain"), a final `e` or
/// `y` off and a doubled final consonant halved ("stopped" -> "stop").
/// Lexicon entries go through the same function, so only consistency
/// matters, not linguistic correctness.
pub(crate) fn stem(word: &str) -> &str {
    regular_stem(IRREGULAR.base_form(word).unwrap_or(word))
}

/// [`stem`] once irregular forms are replaced by their base.
fn regular_stem(word: &str) -> &str {
    // Byte lengths: every suffix and trimmed letter is ASCII, so each cut
    // falls on a character boundary.
    let bytes = word.as_bytes();
    let mut len = bytes.len();
    // Every suffix ends in 'g', 'd' or 's': most words need no comparison.
    if matches!(bytes.last(), Some(b'g' | b'd' | b's')) {
        let suffixes: [&[u8]; 6] = [b"ing", b"ied", b"ies", b"ed", b"es", b"s"];
        if let Some(suffix) = suffixes
            .into_iter()
            .find(|s| bytes.ends_with(s) && len - s.len() >= 3)
        {
            len -= suffix.len();
        }
    }
    if len > 3 && matches!(bytes[len - 1], b'e' | b'y') {
        len -= 1;
    }
    if len >= 4 && bytes[len - 1] == bytes[len - 2] && bytes[len - 1].is_ascii_alphabetic() {
        len -= 1;
    }
    &word[..len]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokeniser as first written, over decoded characters.
    fn reference_tokenize(text: &str) -> Vec<Token> {
        let mut tokens = Vec::with_capacity(text.len() / 5);
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if c.is_whitespace() {
                continue;
            }
            if !c.is_alphanumeric() {
                tokens.push(Token {
                    start,
                    end: start + c.len_utf8(),
                    kind: TokenKind::Punct,
                    has_hyphen: c == '-',
                });
                continue;
            }
            let mut end = start + c.len_utf8();
            let mut all_digits = c.is_ascii_digit();
            let mut previous = c;
            while let Some(&(i, next)) = chars.peek() {
                let joins = if next.is_alphanumeric() {
                    true
                } else if matches!(next, '-' | '\'' | '’') {
                    text[i + next.len_utf8()..].starts_with(char::is_alphanumeric)
                } else if matches!(next, ',' | '.') {
                    previous.is_ascii_digit()
                        && text[i + 1..].starts_with(|d: char| d.is_ascii_digit())
                } else {
                    false
                };
                if !joins {
                    break;
                }
                all_digits &= next.is_ascii_digit() || matches!(next, ',' | '.');
                previous = next;
                end = i + next.len_utf8();
                chars.next();
            }
            let has_hyphen = text[start..end].contains('-');
            let word = WordEnd {
                end,
                all_digits,
                has_hyphen,
            };
            push_word(&mut tokens, text, start, word);
        }
        tokens
    }

    proptest::proptest! {
        #[test]
        fn byte_wise_tokens_agree_with_the_reference(text in "[a-c1-3 ,.'’-]{0,12}|\\PC{0,16}") {
            proptest::prop_assert_eq!(tokenize(&text), reference_tokenize(&text));
        }
    }

    /// The stemmer as first written, over string suffixes.
    fn reference_regular_stem(word: &str) -> &str {
        let mut stem = word;
        for suffix in ["ing", "ied", "ies", "ed", "es", "s"] {
            if let Some(rest) = word.strip_suffix(suffix) {
                if rest.len() >= 3 {
                    stem = rest;
                    break;
                }
            }
        }
        if let Some(rest) = stem.strip_suffix(['e', 'y']) {
            if rest.len() >= 3 {
                stem = rest;
            }
        }
        let bytes = stem.as_bytes();
        if bytes.len() >= 4
            && bytes[bytes.len() - 1] == bytes[bytes.len() - 2]
            && bytes[bytes.len() - 1].is_ascii_alphabetic()
        {
            stem = &stem[..stem.len() - 1];
        }
        stem
    }

    proptest::proptest! {
        #[test]
        fn byte_wise_stems_agree_with_the_reference(word in "[a-z]{0,3}[degiësy’]{0,6}") {
            proptest::prop_assert_eq!(regular_stem(&word), reference_regular_stem(&word));
        }
    }

    fn words(text: &str) -> Vec<String> {
        tokenize(text)
            .iter()
            .map(|t| text[t.start..t.end].to_string())
            .collect()
    }

    #[test]
    fn tokens_keep_inner_hyphens_numbers_and_split_possessives() {
        assert_eq!(
            words("Taliban’s al-Qaeda 2,500 fighters, 2.5 U.S.-backed"),
            [
                "Taliban", "’s", "al-Qaeda", "2,500", "fighters", ",", "2.5", "U", ".", "S", ".",
                "-", "backed"
            ]
        );
        assert_eq!(
            words("“It is,” he said."),
            ["“", "It", "is", ",", "”", "he", "said", "."]
        );
    }

    #[test]
    fn inflections_share_a_stem() {
        for group in [
            &["gain", "gains", "gained", "gaining"][..],
            &["operate", "operates", "operated", "operating"],
            &["say", "said", "says", "saying"],
            &["stop", "stopped", "stopping"],
            &["kill", "killed", "killing", "kills"],
            &["carry", "carried", "carries", "carrying"],
        ] {
            let stems: Vec<&str> = group.iter().map(|w| stem(w)).collect();
            assert!(
                stems.iter().all(|s| *s == stems[0]),
                "{group:?} -> {stems:?}"
            );
        }
    }

    #[test]
    fn noun_phrases_stop_at_clause_words() {
        let text = "On October 2020, A senior UN official said that the group is strong";
        let lower = text.to_ascii_lowercase();
        let scan = Scan::new(text, &lower);
        let said = (0..scan.len()).find(|&i| scan.word(i) == "said").unwrap();
        let np = scan.np_before(said, 8).unwrap();
        assert_eq!(scan.text_of(np), "A senior UN official");
    }
}
