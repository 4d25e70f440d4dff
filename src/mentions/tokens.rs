//! Words of a sentence, with what name detection needs to know about each:
//! its capitalisation, whether it opens a sentence, whether it is glued to
//! its neighbours, and where a possessive or a hyphenated affix was cut off.

use crate::lexicon::{self, char_at};
use std::ops::Range;
use unicode_normalization::char::is_combining_mark;

/// How a word is capitalised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Case {
    /// Starts with a capital letter ("Damascus", "McDonald", "al-Shabaab" after its particle).
    Capital,
    /// Two or more letters, all capitals ("NATO", "U.S.").
    Acronym,
    /// Starts with a lower-case letter.
    Lower,
    /// No letter first: a number or symbol.
    Other,
}

/// One word of a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Token {
    /// Byte range in the sentence text, without a possessive `'s` or cut-off
    /// hyphenated affixes ("backed" in "U.S.-backed").
    pub range: Range<usize>,
    /// Capitalisation of `range`.
    pub case: Case,
    /// Separated from the previous token by plain spaces only, so both may
    /// belong to one name.
    pub joined: bool,
    /// First word of a sentence, a quotation or a dateline clause: its
    /// capital says nothing about it being a name.
    pub initial: bool,
    /// Nothing after this token may extend a name that contains it
    /// (possessive, cut-off affix, split hyphenated compound).
    pub closes: bool,
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_combining_mark(c) || crate::lexicon::is_invisible(c)
}

/// Characters that may join two parts of one word when letters follow.
fn is_inner_joiner(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}' | '\u{2011}' | '\'' | '\u{2019}' | '.' | '&'
    )
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// A word read by [`scan_word`]: its end, and what was seen on the way, so
/// that the word is not read again for it.
struct ScannedWord {
    /// End (exclusive) of the word.
    end: usize,
    /// Every character is ASCII.
    ascii: bool,
    /// A hyphen joins two of its parts ("al-Qaeda", "U.S.-backed").
    hyphenated: bool,
}

/// Reads the word starting at `start`.
fn scan_word(text: &str, start: usize) -> ScannedWord {
    let mut end = start;
    // Letters since the last dot: a dot joins only initials ("U.S") and
    // decimals, not two sentences typed without a space ("21.Patrick").
    let mut since_dot = 0;
    let mut previous = ' ';
    let (mut ascii, mut hyphenated) = (true, false);
    let bytes = text.as_bytes();
    loop {
        // Runs of ASCII letters and digits, the bulk of every word, need
        // none of the joiner checks below.
        let run = bytes[end..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        if run > 0 {
            end += run;
            since_dot += run;
            previous = char::from(bytes[end - 1]);
        }
        let Some(c) = char_at(text, end) else {
            break;
        };
        let after = end + c.len_utf8();
        let next = char_at(text, after).unwrap_or(' ');
        let joins = is_inner_joiner(c)
            && is_word_char(next)
            && (c != '.'
                || (since_dot == 1 && previous.is_alphabetic() && next.is_alphabetic())
                || (previous.is_ascii_digit() && next.is_ascii_digit()));
        if is_word_char(c) || joins {
            end = after;
            since_dot = if c == '.' { 0 } else { since_dot + 1 };
            previous = c;
            ascii &= c.is_ascii();
            hyphenated |= is_hyphen(c);
        } else {
            break;
        }
    }
    ScannedWord {
        end: with_abbreviation_dot(text, start, end),
        ascii,
        hyphenated,
    }
}

/// Extends a word over a following '.' when the dot belongs to it: initials
/// ("U.S.", "J."), and abbreviations listed in the lexicon ("Mr.", "Inc.").
fn with_abbreviation_dot(text: &str, start: usize, end: usize) -> usize {
    if !text[end..].starts_with('.') {
        return end;
    }
    let word = &text[start..end];
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let single_capital = letters.next().is_some_and(char::is_uppercase) && letters.next().is_none();
    let dotted = &text[start..end + 1];
    let abbreviation = word.contains('.')
        || (single_capital && word.chars().count() == 1)
        || lexicon::is_title(dotted)
        || lexicon::org_word(dotted);
    if abbreviation {
        end + 1
    } else {
        end
    }
}

/// Capitalisation of a word.
fn case_of(word: &str) -> Case {
    let word = match lexicon::particle_prefix(word) {
        Some(prefix) if prefix < word.len() => &word[prefix..],
        _ => word,
    };
    case_without_particle(word)
}

/// [`case_of`] of a word with no particle prefix (one without a hyphen).
fn case_without_particle(word: &str) -> Case {
    if word.is_ascii() {
        ascii_case_of(word.as_bytes())
    } else {
        unicode_case_of(word)
    }
}

/// [`case_of`] after the particle is cut, for any word.
fn unicode_case_of(word: &str) -> Case {
    let Some(first) = word.chars().next() else {
        return Case::Other;
    };
    if !first.is_alphabetic() {
        return Case::Other;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic());
    let (count, upper) = letters.fold((0, 0), |(n, u), c| {
        (n + 1, u + usize::from(c.is_uppercase()))
    });
    if first.is_uppercase() && count >= 2 && upper == count {
        Case::Acronym
    } else if first.is_uppercase() || word.chars().skip(1).any(char::is_uppercase) {
        Case::Capital
    } else {
        Case::Lower
    }
}

/// [`case_of`] for an ASCII word, byte by byte, reading only as far as it
/// takes to tell ("Damascus" is a capitalised word at its second letter).
fn ascii_case_of(word: &[u8]) -> Case {
    let Some((&first, rest)) = word.split_first() else {
        return Case::Other;
    };
    if !first.is_ascii_alphabetic() {
        return Case::Other;
    }
    if first.is_ascii_lowercase() {
        return if rest.iter().any(u8::is_ascii_uppercase) {
            Case::Capital
        } else {
            Case::Lower
        };
    }
    // A capital first: an acronym when every other letter is one too.
    if rest.iter().any(u8::is_ascii_lowercase) {
        Case::Capital
    } else if rest.iter().any(u8::is_ascii_alphabetic) {
        Case::Acronym
    } else {
        Case::Capital
    }
}

/// Length of a possessive ending ("'s", "’s", "s'" is left alone).
fn possessive_len(word: &str) -> usize {
    // The last byte is enough: no other character ends in an ASCII byte.
    if !matches!(word.as_bytes().last(), Some(b's' | b'S')) {
        return 0;
    }
    for ending in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
        if word.len() > ending.len() && word.ends_with(ending) {
            return ending.len();
        }
    }
    0
}

/// Byte ranges of the hyphen-separated parts of a word.
fn hyphen_parts(word: &str) -> Vec<Range<usize>> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, c) in word.char_indices() {
        if is_hyphen(c) {
            parts.push(start..i);
            start = i + c.len_utf8();
        }
    }
    parts.push(start..word.len());
    parts
}

fn starts_upper(part: &str) -> bool {
    part.chars().next().is_some_and(char::is_uppercase)
}

/// The pieces of a hyphenated word that are names, as byte ranges within
/// it, and whether an affix was cut before or after them. "U.S.-backed" ->
/// "U.S." (cut after); "anti-Hamas" -> "Hamas" (cut before);
/// "Syria-Lebanon" -> two places; "Lloyd-Webber", "al-Shabaab",
/// "Tehreek-e-Insaf" -> themselves.
fn name_pieces(word: &str) -> (Vec<Range<usize>>, bool, bool) {
    let parts = hyphen_parts(word);
    if parts.len() == 1 {
        return (std::iter::once(0..word.len()).collect(), false, false);
    }
    let capital = |i: usize| starts_upper(&word[parts[i].clone()]);
    let Some(last) = (0..parts.len()).rev().find(|&i| capital(i)) else {
        return (std::iter::once(0..word.len()).collect(), false, false);
    };
    let first = (0..=last)
        .find(|&i| capital(i) || lexicon::particle(&word[parts[i].start..parts[i + 1].start]))
        .unwrap_or(last);
    // A number right after the last capital belongs to it ("F-16", "COVID-19").
    let last = match parts.get(last + 1) {
        Some(p) if word[p.clone()].starts_with(|c: char| c.is_ascii_digit()) => last + 1,
        _ => last,
    };
    // A trailing izafat or article particle joins the next word ("Tehreek-e Insaf").
    let particle_last = last + 2 == parts.len() && {
        let part = &word[parts[last + 1].clone()];
        part.chars().all(char::is_lowercase) && lexicon::particle(&format!("{part}-"))
    };
    let last = if particle_last { last + 1 } else { last };
    let core = parts[first].start..parts[last].end;
    let cut_before = first > 0;
    let cut_after = last + 1 < parts.len();
    let capitals: Vec<Range<usize>> = (first..=last)
        .filter(|&i| capital(i))
        .map(|i| parts[i].clone())
        .collect();
    let compound_of_places = capitals.len() >= 2
        && lexicon::place(&word[core.clone()]).is_none()
        && capitals
            .iter()
            .any(|p| lexicon::place(&word[p.clone()]).is_some());
    if compound_of_places {
        (capitals, cut_before, cut_after)
    } else {
        (vec![core], cut_before, cut_after)
    }
}

/// The gap between two words, read while looking for the second: it is
/// not read again.
struct Gap {
    /// One or more plain spaces and nothing else: the words may belong to
    /// one name.
    spaces_only: bool,
    /// A character that ends a sentence or opens a clause whose first word
    /// is capitalised regardless ("“", "(", " – ", ". ").
    opens_clause: bool,
}

/// ASCII characters of [`Gap::opens_clause`].
fn ascii_opens_clause(byte: u8) -> bool {
    matches!(
        byte,
        b'.' | b'!' | b'?' | b':' | b';' | b'"' | b'(' | b'[' | b'|' | b'\n'
    )
}

/// Characters beyond ASCII of [`Gap::opens_clause`].
fn wide_opens_clause(c: char) -> bool {
    matches!(c, '“' | '‘' | '–' | '—' | '•')
}

/// True when a word ending in a dot ends its sentence: not a title
/// ("Mr.") nor an initial ("J.").
fn ends_sentence(previous: &str) -> bool {
    previous.ends_with('.')
        && !lexicon::is_title(previous)
        && previous.chars().filter(|c| c.is_alphabetic()).count() > 1
}

/// The words of `text` in order.
pub(super) fn tokenize(text: &str) -> Vec<Token> {
    // About one word in six bytes of prose: one allocation for most sentences.
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut previous: Option<Range<usize>> = None;
    let mut position = 0;
    while let Some((start, gap)) = next_word_start(text, position) {
        let word = scan_word(text, start);
        let (joined, initial) = match previous {
            Some(previous) => (
                gap.spaces_only,
                gap.opens_clause || ends_sentence(&text[previous]),
            ),
            None => (false, true),
        };
        push_word(&mut tokens, text, start, &word, joined, initial);
        previous = Some(start..word.end);
        position = word.end;
    }
    tokens
}

/// Byte offset of the first word character at or after `from`, and what
/// the gap before it holds.
fn next_word_start(text: &str, from: usize) -> Option<(usize, Gap)> {
    let bytes = text.as_bytes();
    let mut at = from;
    let (mut only_spaces, mut opens) = (true, false);
    loop {
        // ASCII punctuation and spaces are never word characters.
        while let Some(&byte) = bytes.get(at) {
            if !byte.is_ascii() || byte.is_ascii_alphanumeric() {
                break;
            }
            only_spaces &= byte == b' ';
            opens |= ascii_opens_clause(byte);
            at += 1;
        }
        let c = char_at(text, at)?;
        if is_word_char(c) {
            let gap = Gap {
                spaces_only: only_spaces && at > from,
                opens_clause: opens,
            };
            return Some((at, gap));
        }
        only_spaces = false;
        opens |= wide_opens_clause(c);
        at += c.len_utf8();
    }
}

/// Adds the tokens of one word: its name pieces, or the word itself.
fn push_word(
    tokens: &mut Vec<Token>,
    text: &str,
    start: usize,
    word: &ScannedWord,
    joined: bool,
    initial: bool,
) {
    let possessive = possessive_len(&text[start..word.end]);
    let bare = start..word.end - possessive;
    if !word.hyphenated {
        // One piece: the common case, without building piece lists.
        let case = if word.ascii {
            ascii_case_of(&text.as_bytes()[bare.clone()])
        } else {
            case_without_particle(&text[bare.clone()])
        };
        tokens.push(Token {
            case,
            range: bare,
            joined,
            initial,
            closes: possessive > 0,
        });
        return;
    }
    let (pieces, cut_before, cut_after) = name_pieces(&text[bare.clone()]);
    let count = pieces.len();
    for (i, piece) in pieces.into_iter().enumerate() {
        let range = bare.start + piece.start..bare.start + piece.end;
        tokens.push(Token {
            case: case_of(&text[range.clone()]),
            range,
            joined: joined && i == 0 && !cut_before,
            initial: initial && i == 0,
            closes: possessive > 0 || cut_after || i + 1 < count,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).into_iter().map(|t| &text[t.range]).collect()
    }

    #[test]
    fn abbreviations_keep_their_dots_and_sentences_do_not() {
        assert_eq!(
            words("the U.S. and Mr. Smith left."),
            ["the", "U.S.", "and", "Mr.", "Smith", "left"]
        );
    }

    #[test]
    fn invisible_characters_do_not_split_a_word() {
        // Zero-width and bidi controls hide inside names to dodge matching.
        assert_eq!(
            words("Tali\u{200b}ban met Ma\u{200d}lik"),
            ["Tali\u{200b}ban", "met", "Ma\u{200d}lik"]
        );
    }

    #[test]
    fn possessives_are_cut_and_close_the_name() {
        let text = "Trump's aides and the Taliban\u{2019}s leader";
        let tokens = tokenize(text);
        assert_eq!(&text[tokens[0].range.clone()], "Trump");
        assert!(tokens[0].closes);
        assert_eq!(&text[tokens[4].range.clone()], "Taliban");
    }

    #[test]
    fn hyphenated_words_split_into_name_pieces() {
        assert_eq!(words("U.S.-backed"), ["U.S.", "backed"]);
        assert_eq!(words("anti-Taliban"), ["Taliban"]);
        assert_eq!(
            words("Afghanistan-Pakistan border"),
            ["Afghanistan", "Pakistan", "border"]
        );
        assert_eq!(
            words("Fitton-Brown al-Qaeda Tehrik-i-Taliban F-16"),
            ["Fitton-Brown", "al-Qaeda", "Tehrik-i-Taliban", "F-16"]
        );
        assert_eq!(words("second-in-command"), ["second-in-command"]);
        assert_eq!(words("Tehrik-e Taliban"), ["Tehrik-e", "Taliban"]);
    }

    proptest::proptest! {
        #[test]
        fn ascii_capitalisation_agrees_with_the_unicode_rules(word in "[ -~]{0,12}") {
            proptest::prop_assert_eq!(ascii_case_of(word.as_bytes()), unicode_case_of(&word));
        }
    }

    #[test]
    fn capitalisation_classes() {
        assert_eq!(case_of("NATO"), Case::Acronym);
        assert_eq!(case_of("U.S."), Case::Acronym);
        assert_eq!(case_of("al-Qaeda"), Case::Capital);
        assert_eq!(case_of("Amuralá"), Case::Capital);
        assert_eq!(case_of("iPhone"), Case::Capital);
        assert_eq!(case_of("the"), Case::Lower);
        assert_eq!(case_of("I"), Case::Capital);
        assert_eq!(case_of("2020"), Case::Other);
    }

    #[test]
    fn sentence_openings_are_marked() {
        let tokens = tokenize("He left. The Taliban said “We won” – Kabul");
        let initial: Vec<bool> = tokens.iter().map(|t| t.initial).collect();
        assert_eq!(
            initial,
            [true, false, true, false, false, true, false, true]
        );
        assert!(tokens[3].joined && !tokens[5].joined);
    }
}
