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

/// Surface features of one paragraph.
#[derive(Clone, Debug, Default)]
pub struct Features {
    /// Characters.
    pub chars: usize,
    /// Word tokens (tokens with a letter); estimated for scripts written
    /// without spaces.
    pub words: usize,
    /// Tokens in the article language's stop-word list.
    pub stopwords: usize,
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

/// FNV-1a offset basis: hashes are stable across runs and platforms.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv(hash: u64, value: u64) -> u64 {
    (hash ^ value).wrapping_mul(0x0100_0000_01b3)
}

impl Features {
    /// Measures `text`; stop words are counted with `stopwords` when given.
    /// `buffer` is scratch space for lower-casing words that are not ASCII.
    pub fn of(text: &str, stopwords: Option<&StopWords>, buffer: &mut String) -> Features {
        let mut f = Features {
            terminal: ends_sentence(text),
            list_item: is_list_item(text),
            credit_tail: has_credit_tail(text),
            ..Features::default()
        };
        f.count_chars(text);
        let mut tokens = 0;
        for token in text.split_whitespace() {
            tokens += 1;
            f.links += usize::from(is_link(token));
            f.glued_count |= is_glued_count(token);
            let word = token.trim_matches(|c: char| !c.is_alphanumeric());
            if !word.chars().any(char::is_alphabetic) {
                continue;
            }
            f.words += 1;
            if let Some(list) = stopwords {
                f.stopwords += usize::from(list.contains_word(word, buffer));
            }
        }
        // Scripts written without spaces (Chinese, Japanese, Thai): about
        // two letters a word.
        if tokens * 12 < f.letters {
            f.words = f.words.max(f.letters / 2);
        }
        let tail = text.trim_end_matches(is_closer);
        f.truncated = tail.ends_with("..") || tail.ends_with('…');
        f
    }

    /// Counts characters, letters, capitals and digits, and hashes the
    /// lower-cased letters (and numbers) for [`Features::repeat_key`], in one
    /// pass with an ASCII fast path.
    fn count_chars(&mut self, text: &str) {
        let mut letters_key = FNV_OFFSET;
        let mut numbers_key = FNV_OFFSET;
        for c in text.chars() {
            self.chars += 1;
            if c.is_ascii() {
                if c.is_ascii_alphabetic() {
                    self.letters += 1;
                    self.uppers += usize::from(c.is_ascii_uppercase());
                    let lower = u64::from(c.to_ascii_lowercase());
                    letters_key = fnv(letters_key, lower);
                    numbers_key = fnv(numbers_key, lower);
                } else if c.is_ascii_digit() {
                    self.digits += 1;
                    numbers_key = fnv(numbers_key, u64::from(c));
                }
            } else if c.is_alphabetic() {
                self.letters += 1;
                self.uppers += usize::from(c.is_uppercase());
                for lower in c.to_lowercase() {
                    letters_key = fnv(letters_key, u64::from(lower));
                    numbers_key = fnv(numbers_key, u64::from(lower));
                }
            } else if c.is_numeric() {
                for lower in c.to_lowercase() {
                    numbers_key = fnv(numbers_key, u64::from(lower));
                }
            }
        }
        self.letters_key = letters_key;
        self.numbers_key = numbers_key;
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

    /// Share of words that are stop words.
    pub fn stop_ratio(&self) -> f64 {
        self.stopwords as f64 / self.words.max(1) as f64
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
    let token = token.trim_matches(|c: char| matches!(c, '(' | ')' | '<' | '>' | ',' | '"'));
    token.contains("://")
        || token.starts_with("www.")
        || (token.len() > 1
            && token.starts_with('@')
            && token[1..].chars().all(|c| c.is_alphanumeric() || c == '_'))
        || (token.contains('@') && token.contains('.') && !token.ends_with('.'))
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
    tail.matches(" / ").count() >= 2 && !ends_sentence(tail)
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
    fn sentence_ends_see_through_closing_quotes() {
        assert!(ends_sentence("he said.”"));
        assert!(ends_sentence("(really?) "));
        assert!(!ends_sentence("Related Articles"));
        assert!(!ends_sentence(""));
    }

    #[test]
    fn features_of_body_and_furniture() {
        let mut buffer = String::new();
        let list = StopWords::new(["the", "of", "to", "and", "it", "don't"]);
        let body = Features::of(
            "The minister said it was the end of the talks, and he don’t agree.",
            Some(&list),
            &mut buffer,
        );
        assert!(
            body.terminal && body.words == 14 && body.stopwords == 7,
            "{body:?}"
        );
        let widget = Features::of("21,156FansLike", None, &mut buffer);
        assert!(widget.glued_count && !widget.terminal);
        assert!(Features::of("2. Markets", None, &mut buffer).list_item);
        assert!(Features::of("Story claims US ..", None, &mut buffer).truncated);
        let caption = Features::of(
            "Leaders meet in the capital on Monday.Jane Roe / Pool / Agency via Images",
            None,
            &mut buffer,
        );
        assert!(caption.credit_tail);
        assert_eq!(
            Features::of(
                "Follow @someone or see https://x.example",
                None,
                &mut buffer
            )
            .links,
            2
        );
    }
}
