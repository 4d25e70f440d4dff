//! Numbers as written: digits ("1,200", "2.5"), words ("three", "twenty-five",
//! "three hundred"), with scale words ("2.5 million").

use super::lexicon::{Hit, LEXICON};
use super::scan::{Scan, TokenKind};

/// The number starting at token `i` and the token after it.
pub(crate) fn value_at(scan: &Scan, i: usize) -> Option<(f64, usize)> {
    let (mut value, mut next) = match scan.kind(i)? {
        TokenKind::Number => (parse_digits(scan.word(i))?, i + 1),
        TokenKind::Word => word_value(scan, i)?,
        _ => return None,
    };
    while let Some(factor) = multiplier(scan, next) {
        value *= factor;
        next += 1;
    }
    Some((value, next))
}

/// "1,200" -> 1200; "2.5" -> 2.5. Thousands separators must group by three.
fn parse_digits(word: &str) -> Option<f64> {
    if !word.as_bytes().contains(&b',') {
        return word.parse().ok();
    }
    let mut groups = word.split(',');
    let first = groups.next()?;
    let mut digits = first.to_string();
    for group in groups {
        let whole = group.split('.').next()?;
        if whole.len() != 3 {
            return None;
        }
        digits.push_str(group);
    }
    digits.parse().ok()
}

/// Written-out numbers: "three", "twenty-five", "twenty five", "a dozen".
fn word_value(scan: &Scan, i: usize) -> Option<(f64, usize)> {
    if let Some(Hit { end, value, .. }) = LEXICON.number_words.at(scan, i) {
        let mut total: f64 = value.parse().ok()?;
        let mut next = end;
        if (20.0..100.0).contains(&total) {
            if let Some(Hit { end, value, .. }) = LEXICON.number_words.at(scan, next) {
                let unit: f64 = value.parse().ok()?;
                if unit < 10.0 {
                    total += unit;
                    next = end;
                }
            }
        }
        return Some((total, next));
    }
    let word = scan.word(i);
    let hyphen = word.bytes().position(|b| b == b'-')?;
    let (tens, ones) = (&word[..hyphen], &word[hyphen + 1..]);
    let value = |w: &str| {
        LEXICON
            .number_words
            .by_word(w)
            .and_then(|v| v.parse::<f64>().ok())
    };
    let (tens, ones) = (value(tens)?, value(ones)?);
    ((20.0..100.0).contains(&tens) && ones < 10.0).then_some((tens + ones, i + 1))
}

fn multiplier(scan: &Scan, i: usize) -> Option<f64> {
    if !scan.is_word(i) {
        return None;
    }
    LEXICON.multipliers.at(scan, i)?.parse().ok()
}

/// The counted noun in the lexicon starting at token `i`: its tokens' end
/// and canonical name.
pub(crate) fn unit_after(scan: &Scan, i: usize) -> Option<(usize, &'static str)> {
    let hit = LEXICON.units.at(scan, i)?;
    Some((hit.end, hit.value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Option<f64> {
        let lower = text.to_ascii_lowercase();
        let scan = Scan::new(text, &lower);
        value_at(&scan, 0).map(|(v, _)| v)
    }

    #[test]
    fn digits_words_and_scales() {
        assert_eq!(value("2,500"), Some(2500.0));
        assert_eq!(value("2.5 million"), Some(2_500_000.0));
        assert_eq!(value("three"), Some(3.0));
        assert_eq!(value("twenty-five"), Some(25.0));
        assert_eq!(value("twenty five"), Some(25.0));
        assert_eq!(value("three hundred"), Some(300.0));
        assert_eq!(value("a dozen"), Some(12.0));
        assert_eq!(value("12,34"), None);
        assert_eq!(value("fighters"), None);
    }
}
