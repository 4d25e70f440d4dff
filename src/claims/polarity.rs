//! Polarity and hedging over a window of a sentence's tokens.
//!
//! A claim is negated when a negation ("not", "no", "never", "no longer",
//! "n't", "deny") falls in its window, the tokens from just before its
//! predicate to the first word after it ("has no presence", "did not
//! confirm", "no foreign fighters"). It is hedged when a hedge ("believed",
//! "likely", "reportedly", "may") falls in its window; capitalised "May" is
//! the month.

use super::lexicon::LEXICON;
use super::scan::Scan;
use std::ops::Range;

/// True when a negation occurs in `window`.
pub(crate) fn negated(scan: &Scan, window: Range<usize>) -> bool {
    clamp(scan, window).any(|i| scan.is_negation(i))
}

/// True when a hedge occurs in `window`.
pub(crate) fn hedged(scan: &Scan, window: Range<usize>) -> bool {
    clamp(scan, window).any(|i| {
        LEXICON.hedges.at(scan, i).is_some() && !(scan.word(i) == "may" && scan.is_capitalized(i))
    })
}

fn clamp(scan: &Scan, window: Range<usize>) -> Range<usize> {
    window.start.min(scan.len())..window.end.min(scan.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> (bool, bool) {
        let lower = text.to_ascii_lowercase();
        let scan = Scan::new(text, &lower);
        (negated(&scan, 0..scan.len()), hedged(&scan, 0..scan.len()))
    }

    #[test]
    fn negations_and_hedges() {
        assert_eq!(check("the organization has no presence"), (true, false));
        assert_eq!(check("officials did not confirm the report"), (true, false));
        assert_eq!(check("they don't need the group"), (true, false));
        assert_eq!(
            check("the Taliban no longer needed the group"),
            (true, false)
        );
        assert_eq!(check("he is believed to remain in hiding"), (false, true));
        assert_eq!(check("it likely receives funding"), (false, true));
        assert_eq!(check("the withdrawal deadline in May"), (false, false));
        assert_eq!(check("the group is gaining strength"), (false, false));
    }
}
