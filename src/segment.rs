//! Sentence segmentation of kept paragraphs.
//!
//! Unicode sentence boundaries (UAX #29, via `unicode-segmentation`, with a
//! fast path for common text: [`uax29`]) inside each paragraph, then the fixes news text needs:
//!
//! - no break after a title before a name (`Mr.`, `Gen.`, `Sen.`; list in
//!   `data/lexicon/abbreviations-titles.txt`);
//! - no break after an abbreviation that may end a sentence (`U.S.`, `Jan.`,
//!   `Inc.`; `data/lexicon/abbreviations.txt`) or an initial (`J. R. Smith`)
//!   unless the next word opens a sentence (a number, lower case, or a
//!   capitalised word that is not a stop word of the article's language
//!   continues it);
//! - list markers (`1.`, `2)`) stay with their item, and an item on a new
//!   line is a new sentence;
//! - a line wrapped mid-sentence does not break it;
//! - a paragraph is never joined to the next, so a headline without final
//!   punctuation is its own sentence;
//! - UAX #29 already keeps closing quotes with their sentence, does not
//!   break inside decimals (`2.5`), and breaks a missing space after a
//!   period before a capital (`November 21.Patrick`).
//!
//! A quotation that spans sentences stays recoverable: its sentences are
//! consecutive and contiguous within one paragraph (see [`quotations`]).
//!
//! Sentences longer than [`MAX_SENTENCE_BYTES`] (run-on text without
//! punctuation) are cut at a space so later stages stay linear.

use crate::clean::ends_sentence;
mod uax29;

use crate::clean::language::{self, StopWords};
use crate::model::{ByteSpan, Cleaned, Sentence};
use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;
use std::sync::OnceLock;

/// Longest sentence handed to later stages, in bytes.
pub const MAX_SENTENCE_BYTES: usize = 4000;

/// Sentences of the kept paragraphs, with offsets into `text`.
pub fn sentences(text: &str, cleaned: &Cleaned) -> Vec<Sentence> {
    let openers = language::stopwords(&cleaned.language);
    let mut out = Vec::new();
    let mut chars_before = 0;
    let mut counted_to = 0;
    for (paragraph, p) in cleaned.paragraphs.iter().enumerate() {
        let local_text = p.span.text(text);
        for local in split(local_text, openers) {
            let span = ByteSpan::new(p.span.start + local.start, p.span.start + local.end);
            chars_before += text[counted_to..span.start].chars().count();
            counted_to = span.start;
            out.push(Sentence {
                index: out.len(),
                paragraph,
                span,
                char_start: chars_before,
                text: span.text(text).to_string(),
            });
        }
    }
    out
}

/// Byte ranges of the sentences of one paragraph, trimmed of white space.
fn split(paragraph: &str, openers: Option<&StopWords>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bounds = uax29::bounds(paragraph);
    for (i, &end) in bounds.iter().enumerate() {
        let last = i + 1 == bounds.len();
        if !last && joins(&paragraph[start..end], &paragraph[end..], openers) {
            continue;
        }
        push_trimmed(paragraph, start..end, &mut out);
        start = end;
    }
    out
}

/// Pushes `range` without surrounding white space, cut into pieces of at
/// most [`MAX_SENTENCE_BYTES`]; nothing if it is blank.
fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    if start >= end {
        return;
    }
    let mut from = start;
    while end - from > MAX_SENTENCE_BYTES {
        let cut = long_cut(text, from, from + MAX_SENTENCE_BYTES);
        out.push(from..cut);
        from = cut + text[cut..].len() - text[cut..].trim_start().len();
    }
    if from < end {
        out.push(from..end);
    }
}

/// Where to cut an over-long sentence before `limit`: after the last white
/// space, else at a character boundary.
fn long_cut(text: &str, from: usize, limit: usize) -> usize {
    let mut limit = limit;
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    match text[from..limit].rfind(char::is_whitespace) {
        Some(at) if at > 0 => from + text[from..from + at].trim_end().len().max(1),
        _ => limit,
    }
}

/// True when the boundary between `before` (the sentence so far) and
/// `after` (the rest of the paragraph) is not a sentence end.
fn joins(before: &str, after: &str, openers: Option<&StopWords>) -> bool {
    if !before.chars().any(char::is_alphabetic) {
        return true; // a list marker or stray punctuation
    }
    let next = after.trim_start();
    if next.is_empty() || !next.chars().any(char::is_alphanumeric) {
        return true;
    }
    let line_break = before
        .trim_end_matches([' ', '\t', '\u{a0}'])
        .ends_with('\n');
    if line_break {
        // A new line breaks unless the line was wrapped mid-sentence.
        return !ends_sentence(before)
            && !starts_list_item(next)
            && !before.trim_end().ends_with(':');
    }
    let Some(last_word) = before.split_whitespace().next_back() else {
        return false;
    };
    let last_word = last_word.trim_start_matches(|c: char| !c.is_alphanumeric());
    if titles().contains(last_word) {
        return true;
    }
    (abbreviations().contains(last_word) || is_initial(last_word)) && continues(next, openers)
}

/// True when `next` reads as the continuation of a sentence, not a new one.
fn continues(next: &str, openers: Option<&StopWords>) -> bool {
    let word = next
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric());
    let Some(first) = word.chars().next() else {
        return false;
    };
    // A number, lower case, or another initial continues the sentence.
    if first.is_numeric() || first.is_lowercase() || word.chars().count() == 1 {
        return true;
    }
    match openers {
        Some(openers) => !openers.contains(word.to_lowercase().as_str()),
        None => false,
    }
}

/// `J.`, `R.`: one capital letter and a period.
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next(), chars.next()), (Some(c), Some('.'), None) if c.is_uppercase())
}

fn starts_list_item(text: &str) -> bool {
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let rest = &text[digits..];
    (digits > 0 && digits <= 3 && (rest.starts_with(". ") || rest.starts_with(") ")))
        || text.starts_with(['-', '•', '*', '–', '—', '·', '▪'])
}

fn titles() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        language::lexicon_lines(include_str!("../data/lexicon/abbreviations-titles.txt")).collect()
    })
}

fn abbreviations() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        language::lexicon_lines(include_str!("../data/lexicon/abbreviations.txt")).collect()
    })
}

/// A quotation in one paragraph, possibly over several sentences.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quotation {
    /// Byte span in the decoded input, quote marks included.
    pub span: ByteSpan,
    /// Indices of the sentences it overlaps.
    pub sentences: Range<usize>,
}

/// Quotations (`“...”`, `«...»`, `"..."`) of the sentences, paired within
/// each paragraph, so that a quote spanning sentences can be cited whole.
pub fn quotations(sentences: &[Sentence]) -> Vec<Quotation> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, sentence) in sentences.iter().enumerate() {
        if i > 0 && sentences[i - 1].paragraph != sentence.paragraph {
            open = None;
        }
        for (at, c) in sentence.text.char_indices() {
            let at = sentence.span.start + at;
            match (open, c) {
                (None, '“' | '«' | '"') => open = Some((at, c)),
                (Some((start, opener)), '”' | '»' | '"') if closes(opener, c) => {
                    let end = at + c.len_utf8();
                    let first = sentences[..=i]
                        .iter()
                        .rposition(|s| s.span.start <= start)
                        .unwrap_or(i);
                    out.push(Quotation {
                        span: ByteSpan::new(start, end),
                        sentences: first..i + 1,
                    });
                    open = None;
                }
                _ => {}
            }
        }
    }
    out
}

fn closes(opener: char, closer: char) -> bool {
    matches!((opener, closer), ('“', '”') | ('«', '»') | ('"', '"'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> Option<&'static StopWords> {
        language::stopwords("en")
    }

    fn sentences_of(paragraph: &str) -> Vec<&str> {
        split(paragraph, english())
            .into_iter()
            .map(|r| &paragraph[r])
            .collect()
    }

    #[test]
    fn abbreviations_titles_and_initials_do_not_end_sentences() {
        assert_eq!(
            sentences_of(
                "Mr. Smith met Gen. J. R. Allen at the U.S. Treasury on Jan. 5. The talks ended."
            ),
            [
                "Mr. Smith met Gen. J. R. Allen at the U.S. Treasury on Jan. 5.",
                "The talks ended."
            ]
        );
        assert_eq!(
            sentences_of("The Taliban made a promise to the U.S. The promise was broken."),
            [
                "The Taliban made a promise to the U.S.",
                "The promise was broken."
            ]
        );
    }

    #[test]
    fn decimals_quotes_and_missing_spaces() {
        assert_eq!(
            sentences_of("Growth was 2.5 percent. “It is over. We won,” he said. Then he left."),
            [
                "Growth was 2.5 percent.",
                "“It is over.",
                "We won,” he said.",
                "Then he left."
            ]
        );
        assert_eq!(
            sentences_of("They met in Doha on November 21.Patrick Semansky / Pool"),
            [
                "They met in Doha on November 21.",
                "Patrick Semansky / Pool"
            ]
        );
    }

    #[test]
    fn lists_and_wrapped_lines() {
        assert_eq!(
            sentences_of("1. First item\n2. Second item"),
            ["1. First item", "2. Second item"]
        );
        assert_eq!(
            sentences_of("A line wrapped in the middle\nof its sentence ends here. Next"),
            [
                "A line wrapped in the middle\nof its sentence ends here.",
                "Next"
            ]
        );
    }

    #[test]
    fn run_on_text_is_cut_at_spaces() {
        let text = "word ".repeat(2000);
        let pieces = split(&text, None);
        assert!(pieces.len() >= 3);
        assert!(pieces
            .iter()
            .all(|r| r.len() <= MAX_SENTENCE_BYTES && !text[r.clone()].starts_with(' ')));
        let dense = "é".repeat(3000);
        assert!(split(&dense, None)
            .iter()
            .all(|r| dense.is_char_boundary(r.start) && r.len() <= MAX_SENTENCE_BYTES));
    }

    #[test]
    fn a_quote_over_two_sentences_is_recoverable() {
        let text = "Intro. “It is over. We won,” he said.";
        let cleaned = Cleaned {
            paragraphs: vec![crate::model::Paragraph {
                span: ByteSpan::new(0, text.len()),
            }],
            language: "en".into(),
            note: String::new(),
        };
        let sentences = sentences(text, &cleaned);
        let quotes = quotations(&sentences);
        assert_eq!(quotes.len(), 1);
        assert_eq!(quotes[0].span.text(text), "“It is over. We won,”");
        assert_eq!(quotes[0].sentences, 1..3);
    }
}
