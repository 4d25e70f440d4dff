//! Quantities: what is counted and how many, as an interval with the way it
//! was stated (see `data/lexicon/claims/README.md` for the documented
//! intervals and tolerances).
//!
//! - exact: "1,200 soldiers", "three members" -> [v, v]
//! - approximate: "approximately 1,200", "around 40" -> [0.9v, 1.1v];
//!   "nearly 6,000", "approaching 6,000" -> [0.9v, v]
//! - bound: "at least 150" -> [v, inf); "up to 10" -> [0, v]
//! - range: "200 to 500", "between 5,000 and 6,000", "4,000-6,000"
//! - vague: "hundreds of", "several", "dozens" -> the word's interval

use super::lexicon::{Lists, LEXICON};
use super::numbers::{unit_after, value_at};
use super::scan::{Scan, TokenKind};
use crate::model::{Quantity, ValueKind};
use std::ops::Range;

/// Relative tolerance of an approximate number ("about 1,200": ±10%).
pub const APPROXIMATE_TOLERANCE: f64 = 0.10;

/// A quantity found in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Found {
    /// Tokens of the value, its modifiers and the counted noun.
    pub tokens: Range<usize>,
    /// The interval and unit.
    pub quantity: Quantity,
    /// The counted thing as written ("Hezbollah fighters").
    pub counted: Option<Range<usize>>,
    /// Of what or where ("of the group", "in Syria"): the noun phrase.
    pub scope: Option<Range<usize>>,
}

/// How a modifier word changes a number.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Modifier {
    About,
    Under,
    Min,
    Max,
}

/// Quantities in the sentence, skipping tokens inside `taken` (dates).
pub(crate) fn find(scan: &Scan, taken: &[Range<usize>]) -> Vec<Found> {
    let mut found = Vec::new();
    let mut i = 0;
    let mut next_taken = 0; // `taken` is in text order: the first not yet passed
    while i < scan.len() {
        while next_taken < taken.len() && taken[next_taken].end <= i {
            next_taken += 1;
        }
        if let Some(t) = taken.get(next_taken).filter(|t| t.contains(&i)) {
            i = t.end;
            continue;
        }
        let overlaps_taken = |q: &Found| {
            taken
                .get(next_taken)
                .is_some_and(|t| t.start < q.tokens.end)
        };
        match quantity_at(scan, i) {
            Some(q) if !overlaps_taken(&q) => {
                i = q.tokens.end.max(i + 1);
                found.push(q);
            }
            _ => i += 1,
        }
    }
    found
}

/// False when no quantity can start at token `i`: every one opens with a
/// modifier ("about"), a vague word ("dozens"), a currency sign, a number
/// word, digits, or a hyphenated word ("twenty-five", "4,000-6,000"). Most
/// tokens are none of these and are turned away with a bit test.
fn may_open(scan: &Scan, i: usize) -> bool {
    let openers = Lists::MODIFIERS
        .or(Lists::VAGUE)
        .or(Lists::CURRENCIES)
        .or(Lists::NUMBER_WORDS);
    scan.lists(i).has(openers) || scan.kind(i) == Some(TokenKind::Number) || scan.has_hyphen(i)
}

fn quantity_at(scan: &Scan, start: usize) -> Option<Found> {
    if !may_open(scan, start) {
        return None;
    }
    let (modifier, at) = match LEXICON.modifiers.at(scan, start) {
        Some(hit) => (modifier_of(hit.value), hit.end),
        None => (None, start),
    };
    let (interval, kind, value_end, currency) = value_expression(scan, at, modifier)?;
    let (counted, unit, unit_end) = match currency {
        Some(unit) => (None, unit.to_string(), value_end),
        None => counted_after(scan, value_end)
            .or_else(|| counted_before(scan, start))
            .map(|(range, unit)| {
                let end = if range.start >= value_end {
                    range.end
                } else {
                    value_end
                };
                (Some(range), unit, end)
            })?,
    };
    // "one" counts only a known unit ("one person"), not "One minister said".
    let single_word_one = interval == (1.0, 1.0) && scan.kind(at) == Some(TokenKind::Word);
    let known_unit = counted
        .as_ref()
        .is_some_and(|c| LEXICON.units.at(scan, c.end - 1).is_some());
    if single_word_one && !known_unit {
        return None;
    }
    Some(Found {
        tokens: start..unit_end,
        quantity: Quantity {
            low: interval.0,
            high: interval.1,
            kind,
            unit,
        },
        counted,
        scope: scope_after(scan, unit_end),
    })
}

fn modifier_of(value: &str) -> Option<Modifier> {
    Some(match value {
        "about" => Modifier::About,
        "under" => Modifier::Under,
        "min" => Modifier::Min,
        "max" => Modifier::Max,
        _ => return None,
    })
}

type Interval = (f64, f64);

/// The value at token `at`: interval, kind, next token, and the unit when a
/// currency sign gave it.
fn value_expression(
    scan: &Scan,
    at: usize,
    modifier: Option<Modifier>,
) -> Option<(Interval, ValueKind, usize, Option<&'static str>)> {
    if let Some(hit) = LEXICON.vague.at(scan, at) {
        let (low, high) = hit.value.split_once(' ')?;
        let next = if scan.word(hit.end) == "of" {
            hit.end + 1
        } else {
            hit.end
        };
        return Some((
            (low.parse().ok()?, high.parse().ok()?),
            ValueKind::Vague,
            next,
            None,
        ));
    }
    let currency = LEXICON.currencies.raw_at(scan, at);
    let at = if currency.is_some() { at + 1 } else { at };
    if let Some((low, high)) = dashed_range(scan.word(at)).filter(|_| scan.is_word(at)) {
        return Some(((low, high), ValueKind::Range, at + 1, currency));
    }
    let (value, next) = value_at(scan, at)?;
    if let Some((second, after)) = range_end(scan, at, next) {
        let (low, high) = if value <= second {
            (value, second)
        } else {
            (second, value)
        };
        return Some(((low, high), ValueKind::Range, after, currency));
    }
    let (interval, kind) = match modifier {
        None => ((value, value), ValueKind::Exact),
        Some(Modifier::About) => (
            (
                value * (1.0 - APPROXIMATE_TOLERANCE),
                value * (1.0 + APPROXIMATE_TOLERANCE),
            ),
            ValueKind::Approximate,
        ),
        Some(Modifier::Under) => (
            (value * (1.0 - APPROXIMATE_TOLERANCE), value),
            ValueKind::Approximate,
        ),
        Some(Modifier::Min) => ((value, f64::INFINITY), ValueKind::Bound),
        Some(Modifier::Max) => ((0.0, value), ValueKind::Bound),
    };
    Some((interval, kind, next, currency))
}

/// "4,000-6,000" written as one token.
fn dashed_range(word: &str) -> Option<Interval> {
    // Both bounds are digits: most words are turned away before splitting.
    if !word.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (low, high) = word.split_once('-')?;
    let parse = |w: &str| -> Option<f64> {
        (!w.is_empty() && w.chars().all(|c| c.is_ascii_digit() || c == ','))
            .then(|| w.replace(',', "").parse().ok())
            .flatten()
    };
    let (low, high) = (parse(low)?, parse(high)?);
    (low < high).then_some((low, high))
}

/// The second number of "200 to 500", "between 5,000 and 6,000", "two or three".
fn range_end(scan: &Scan, at: usize, next: usize) -> Option<(f64, usize)> {
    let joiner = scan.word(next);
    let between = at > 0 && scan.word(at - 1) == "between";
    let joins = matches!(joiner, "to" | "or" | "-" | "–") || (joiner == "and" && between);
    if !joins {
        return None;
    }
    value_at(scan, next + 1)
}

/// The counted noun after the value: skips "of", "the number of" and up to
/// three modifiers ("Hezbollah", "armed"); falls back to a plural noun.
fn counted_after(scan: &Scan, from: usize) -> Option<(Range<usize>, String)> {
    let mut start = from;
    if scan.word(start) == "the" && scan.word(start + 1) == "number" && scan.word(start + 2) == "of"
    {
        start += 3;
    } else if scan.word(start) == "of" {
        start += 1;
    }
    let limit = (start + 4).min(scan.len());
    let mut i = start;
    while i < limit {
        if let Some((end, unit)) = unit_after(scan, i) {
            return Some((start..end, unit.to_string()));
        }
        if !is_modifier_word(scan, i) {
            break;
        }
        i += 1;
    }
    plural_noun(scan, start, limit).map(|end| (start..end, scan.word(end - 1).to_string()))
}

fn is_modifier_word(scan: &Scan, i: usize) -> bool {
    match scan.kind(i) {
        Some(TokenKind::Word) => !LEXICON.np_boundaries.at(scan, i),
        Some(TokenKind::Possessive) => true,
        Some(TokenKind::Punct) => scan.raw(i) == "-",
        _ => false,
    }
}

/// A lower-case plural word soon after the value ("commanders").
fn plural_noun(scan: &Scan, start: usize, limit: usize) -> Option<usize> {
    (start..limit)
        .take_while(|&i| is_modifier_word(scan, i))
        .find(|&i| {
            let word = scan.word(i);
            !scan.is_capitalized(i)
                && word.len() > 3
                && word.ends_with('s')
                && !word.ends_with("ss")
                && LEXICON.cues.at(scan, i).is_none()
                && !LEXICON.aux.at(scan, i)
        })
        .map(|i| i + 1)
}

/// A counted noun just before the value ("number of fighters approaching
/// 6,000", "fighters ranging from 4,000 to 6,000").
fn counted_before(scan: &Scan, value_start: usize) -> Option<(Range<usize>, String)> {
    (value_start.saturating_sub(5)..value_start)
        .rev()
        .find_map(|i| {
            let (end, unit) = unit_after(scan, i)?;
            (end <= value_start).then(|| (i..end, unit.to_string()))
        })
}

/// "of the group", "in Syria", "on the ground" after the counted noun.
fn scope_after(scan: &Scan, from: usize) -> Option<Range<usize>> {
    matches!(scan.word(from), "of" | "in" | "from" | "at" | "across")
        .then(|| scan.np_after(from + 1, 6))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quantities(text: &str) -> Vec<(f64, f64, ValueKind, String, String)> {
        let lower = text.to_ascii_lowercase();
        let scan = Scan::new(text, &lower);
        find(&scan, &[])
            .into_iter()
            .map(|f| {
                let counted = f
                    .counted
                    .map(|c| scan.text_of(c).to_string())
                    .unwrap_or_default();
                (
                    f.quantity.low,
                    f.quantity.high,
                    f.quantity.kind,
                    f.quantity.unit,
                    counted,
                )
            })
            .collect()
    }

    fn one(text: &str) -> (f64, f64, ValueKind, String, String) {
        let found = quantities(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn range_of_fighters() {
        let (low, high, kind, unit, counted) =
            one("In January there are 200 to 500 Al Qaeda fighters in the country.");
        assert_eq!((low, high, kind), (200.0, 500.0, ValueKind::Range));
        assert_eq!(
            (unit.as_str(), counted.as_str()),
            ("fighters", "Al Qaeda fighters")
        );
        assert_eq!(one("between 5,000 and 6,000 troops").0, 5000.0);
        assert_eq!(one("ranging from 4,000-6,000 fighters").1, 6000.0);
    }

    #[test]
    fn approximate_is_a_tolerance_around_the_value() {
        let (low, high, kind, unit, _) =
            one("The US has approximately 2,500 soldiers in Afghanistan");
        assert_eq!(kind, ValueKind::Approximate);
        assert!((low - 2250.0).abs() < 1e-6 && (high - 2750.0).abs() < 1e-6);
        assert_eq!(unit, "soldiers");
        let (low, high, kind, _, _) =
            one("with an estimated number of fighters approaching 6,000.");
        assert_eq!((kind, high), (ValueKind::Approximate, 6000.0));
        assert!(low < 6000.0);
    }

    #[test]
    fn vague_words_are_documented_intervals() {
        let (low, high, kind, unit, counted) = one("as well as hundreds of armed operatives,");
        assert_eq!((low, high, kind), (200.0, 999.0, ValueKind::Vague));
        assert_eq!(
            (unit.as_str(), counted.as_str()),
            ("fighters", "armed operatives")
        );
        assert_eq!(one("the death of several members of the group").0, 3.0);
        assert_eq!(one("thousands of people fled").1, 9999.0);
    }

    #[test]
    fn written_out_numbers_and_counts() {
        let (low, high, kind, unit, counted) =
            one("Afghan forces killed three al-Qaeda members in a compound");
        assert_eq!((low, high, kind), (3.0, 3.0, ValueKind::Exact));
        assert_eq!(
            (unit.as_str(), counted.as_str()),
            ("members", "al-Qaeda members")
        );
        assert_eq!(
            one("had reduced to 2,500 the number of soldiers deployed").0,
            2500.0
        );
        assert_eq!(
            one("The Indian navy has captured 23 Somalian pirates.").3,
            "pirates"
        );
    }

    #[test]
    fn bounds_percentages_and_money() {
        let (low, high, kind, unit, _) = one("at least one person has died");
        assert_eq!(
            (low, high, kind, unit.as_str()),
            (1.0, f64::INFINITY, ValueKind::Bound, "people")
        );
        assert_eq!(one("up to 10 people").1, 10.0);
        assert_eq!(one("turnout rose to 64 percent").3, "percent");
        assert_eq!(one("turnout rose to 64% overall").3, "percent");
        let (low, _, _, unit, _) = one("a deal worth $2.5 billion");
        assert_eq!((low, unit.as_str()), (2.5e9, "dollars"));
        assert_eq!(
            one("Two Taliban commanders in Afghanistan acknowledged").3,
            "commanders"
        );
    }

    #[test]
    fn bare_numbers_and_the_word_one_are_not_quantities() {
        assert!(quantities("One Taliban minister told the paper").is_empty());
        assert!(quantities("11 C New York").is_empty());
        assert!(quantities("21,156FansLike").is_empty());
        assert!(quantities("the 76ers have opened 9-14").is_empty());
    }
}
