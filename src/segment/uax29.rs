//! Unicode sentence boundaries (UAX #29) with a fast path for the
//! characters of most news text.
//!
//! `unicode-segmentation` looks every character up in the full Unicode
//! table; that lookup was the largest single cost of ingest. Text made only
//! of ASCII, the Latin blocks up to U+024F, basic Cyrillic and general
//! punctuation (a table copied from the same Unicode data, Extend and Format
//! characters left out) is segmented here by the same rules; anything else
//! goes to the crate. The tests check both give the same boundaries.

use unicode_segmentation::UnicodeSegmentation;

/// Sentence_Break classes of UAX #29 that the fast path handles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Other,
    Cr,
    Lf,
    Sep,
    Sp,
    Lower,
    Upper,
    OLetter,
    Numeric,
    ATerm,
    STerm,
    Close,
    SContinue,
}

/// End offsets of the sentences of `text` by UAX #29 (the last one is
/// `text.len()`; none for empty text).
pub fn bounds(text: &str) -> Vec<usize> {
    fast_bounds(text).unwrap_or_else(|| {
        text.split_sentence_bound_indices()
            .map(|(at, piece)| at + piece.len())
            .collect()
    })
}

/// The class of `c`, or `None` outside the fast path's table.
#[inline]
fn class(c: char) -> Option<Class> {
    use Class::*;
    Some(match c {
        '\r' => Cr,
        '\n' => Lf,
        '\t' | '\u{b}' | '\u{c}' | ' ' => Sp,
        'a'..='z' => Lower,
        'A'..='Z' => Upper,
        '0'..='9' => Numeric,
        '.' => ATerm,
        '!' | '?' => STerm,
        '"' | '\'' | '(' | ')' | '[' | ']' | '{' | '}' => Close,
        ',' | '-' | ':' | ';' => SContinue,
        '\0'..='\u{7f}' => Other,
        '\u{85}' => Sep,
        '\u{a0}' => Sp,
        '\u{aa}' | '\u{b5}' | '\u{ba}' => Lower,
        '«' | '»' => Close,
        '\u{ad}' => return None, // soft hyphen: Format
        '\u{80}'..='\u{bf}' | '×' | '÷' => Other,
        '\u{1bb}' | '\u{1c0}'..='\u{1c3}' => OLetter,
        '\u{c0}'..='\u{24f}' | '\u{400}'..='\u{45f}' if c.is_lowercase() => Lower,
        '\u{c0}'..='\u{24f}' | '\u{400}'..='\u{45f}' => Upper,
        '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' => Sp,
        '\u{2013}' | '\u{2014}' => SContinue,
        '\u{2018}'..='\u{201f}' | '\u{2039}' | '\u{203a}' | '\u{2045}' | '\u{2046}' => Close,
        '\u{2024}' => ATerm,
        '\u{2028}' | '\u{2029}' => Sep,
        '\u{203c}' | '\u{203d}' | '\u{2047}'..='\u{2049}' => STerm,
        '\u{2010}'..='\u{205e}' if !('\u{202a}'..='\u{202e}').contains(&c) => Other,
        _ => return None,
    })
}

/// [`bounds`] for text the class table covers; `None` for other text.
/// Scans the bytes in place: only terminals and paragraph separators need
/// a look around them. Every character is classed on the way (by this loop
/// or by [`skip`]), so one outside the table is always seen; look-ahead past
/// it does not matter then.
fn fast_bounds(text: &str) -> Option<Vec<usize>> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(&byte) = text.as_bytes().get(at) {
        if byte.is_ascii() && !matches!(byte, b'\r' | b'\n' | b'.' | b'!' | b'?') {
            at += 1; // neither a terminal nor a separator
            continue;
        }
        let (class, next) = class_at(text, at)?; // outside the table
        at = match class {
            Class::Cr | Class::Lf | Class::Sep => {
                let after = after_para_sep(text, at);
                out.push(after);
                after
            }
            Class::ATerm | Class::STerm => {
                let (after, breaks) = after_terminal(text, at);
                if breaks {
                    out.push(after);
                }
                after
            }
            _ => next,
        };
    }
    if out.last() != Some(&text.len()) && !text.is_empty() {
        out.push(text.len());
    }
    Some(out)
}

/// The class of the character at byte `at` and the offset after it; `None`
/// at the end of the text or outside the table.
fn class_at(text: &str, at: usize) -> Option<(Class, usize)> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() {
        return Some((class(char::from(byte))?, at + 1));
    }
    let c = text.get(at..)?.chars().next()?;
    Some((class(c)?, at + c.len_utf8()))
}

/// The class at `at`, if any.
fn class_only(text: &str, at: usize) -> Option<Class> {
    class_at(text, at).map(|(class, _)| class)
}

/// Offset after the paragraph separator at `at` (CR LF counts as one): SB3, SB4.
fn after_para_sep(text: &str, at: usize) -> usize {
    let Some((class, next)) = class_at(text, at) else {
        return at;
    };
    let crlf = class == Class::Cr && class_only(text, next) == Some(Class::Lf);
    next + usize::from(crlf)
}

/// For the terminal at `at`: the offset after `SATerm Close* Sp* ParaSep?`
/// and whether the sentence breaks there (SB6 to SB11).
fn after_terminal(text: &str, at: usize) -> (usize, bool) {
    let Some((terminal, after)) = class_at(text, at) else {
        return (at, false);
    };
    let aterm = terminal == Class::ATerm;
    let mut j = skip(text, after, Class::Close);
    j = skip(text, j, Class::Sp);
    let Some(next) = class_only(text, j) else {
        return (j, false); // end of text
    };
    if matches!(next, Class::Cr | Class::Lf | Class::Sep) {
        return (after_para_sep(text, j), true); // SB9, SB10, SB11
    }
    let adjacent = j == after;
    let after_cased = text[..at]
        .chars()
        .next_back()
        .and_then(class)
        .is_some_and(|c| matches!(c, Class::Upper | Class::Lower));
    let joins = (aterm && adjacent && next == Class::Numeric) // SB6
        || (aterm && adjacent && after_cased && next == Class::Upper) // SB7
        || (aterm && lower_follows(&text[j..])) // SB8
        || matches!(next, Class::SContinue | Class::ATerm | Class::STerm); // SB8a
    (j, !joins)
}

/// The offset of the first character from `at` on that is not of `class`.
fn skip(text: &str, mut at: usize, class: Class) -> usize {
    while let Some((found, next)) = class_at(text, at) {
        if found != class {
            break;
        }
        at = next;
    }
    at
}

/// SB8's look-ahead: `( ¬(OLetter | Upper | Lower | ParaSep | SATerm) )* Lower`.
fn lower_follows(rest: &str) -> bool {
    rest.chars().filter_map(class).find(|c| {
        matches!(
            c,
            Class::OLetter
                | Class::Upper
                | Class::Lower
                | Class::Cr
                | Class::Lf
                | Class::Sep
                | Class::ATerm
                | Class::STerm
        )
    }) == Some(Class::Lower)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn crate_bounds(text: &str) -> Vec<usize> {
        text.split_sentence_bound_indices()
            .map(|(at, piece)| at + piece.len())
            .collect()
    }

    /// Every character in the table, in contexts that tell the classes apart.
    #[test]
    fn every_table_character_segments_as_the_crate_does() {
        let templates = [
            "x. {c} x",
            "x.{c}",
            "x.{c}a",
            "x.{c}X",
            "x!{c}X",
            "x! {c}X",
            "x{c} a",
            "x{c}y",
            "x{c}\ny",
            "{c}. a",
            "a.{c}. B",
            "A {c}. ({c}) b",
            "“Go.{c}” {c} x",
        ];
        let covered = (0..0x2100u32)
            .filter_map(char::from_u32)
            .filter(|&c| class(c).is_some());
        for c in covered {
            for template in templates {
                let text = template.replace("{c}", &c.to_string());
                assert_eq!(
                    fast_bounds(&text).unwrap(),
                    crate_bounds(&text),
                    "{text:?} (U+{:04X})",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn text_outside_the_table_goes_to_the_crate() {
        assert_eq!(fast_bounds("Ελληνικά. Κείμενο."), None);
        assert_eq!(
            bounds("Ελληνικά. Κείμενο."),
            crate_bounds("Ελληνικά. Κείμενο.")
        );
        assert!(bounds("").is_empty());
    }

    proptest! {
        #[test]
        fn random_text_segments_as_the_crate_does(
            text in "([a-cA-C0-9 .!?,;\\-\"'()\r\n\u{a0}\u{85}\u{2028}éÉ«»“”’–—…\u{2024}ƻж]|U\\.S\\. |Mr\\. ){0,40}"
        ) {
            prop_assert_eq!(fast_bounds(&text).unwrap(), crate_bounds(&text));
        }
    }
}
