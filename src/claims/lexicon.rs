//! Word lists of `data/lexicon/claims/`, compiled into the binary and parsed
//! once on first use.
//!
//! Every list is one entry a line, `#` starts a comment, and an entry may
//! carry a value after ` = ` (`three = 3`). Keys are lower case; multi-word
//! keys are matched token by token ([`Phrases`]). Maps use FxHash: the
//! keys are short fixed words, lookups dominate extraction time, and no
//! map is ever iterated into output.

use super::scan::{stem, Scan};
use crate::lexicon::WordFilter;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

/// Entries of a list as `(key, value)`; the value is empty when not given.
fn entries(source: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    source.lines().filter_map(|line| {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            return None;
        }
        Some(match line.split_once(" = ") {
            Some((key, value)) => (key.trim(), value.trim()),
            None => (line, ""),
        })
    })
}

/// A set of single words.
pub(crate) fn word_set(source: &'static str) -> HashSet<&'static str> {
    entries(source).map(|(key, _)| key).collect()
}

/// A map of single words to values.
pub(crate) fn word_map(source: &'static str) -> HashMap<&'static str, &'static str> {
    entries(source).collect()
}

/// One multi-word entry: its words (stemmed when the set compares stems) and value.
#[derive(Debug)]
pub(crate) struct Phrase {
    words: Vec<&'static str>,
    /// The entry's value (after ` = `), or empty.
    pub value: &'static str,
}

/// Phrases indexed by their first word, longest first, matched against the
/// tokens of a [`Scan`].
#[derive(Debug)]
pub(crate) struct Phrases {
    by_first: HashMap<&'static str, Vec<Phrase>>,
    /// Which first words may be listed: most tokens start no phrase and are
    /// turned away without hashing.
    first_words: WordFilter,
    stems: bool,
    gaps: usize,
}

/// A phrase found in a sentence: tokens `start..end` and the entry's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// The entry's value.
    pub value: &'static str,
}

impl Phrases {
    /// Phrases compared word for word (on lower-cased tokens).
    pub fn exact(source: &'static str) -> Phrases {
        Phrases::build(source, false, 0)
    }

    /// Phrases compared on stems, allowing up to `gaps` other words between
    /// the words of a multi-word phrase.
    pub fn stemmed(source: &'static str, gaps: usize) -> Phrases {
        Phrases::build(source, true, gaps)
    }

    fn build(source: &'static str, stems: bool, gaps: usize) -> Phrases {
        let mut by_first: HashMap<&'static str, Vec<Phrase>> = HashMap::default();
        for (key, value) in entries(source) {
            let words: Vec<&'static str> = key
                .split_whitespace()
                .map(|w| if stems { stem(w) } else { w })
                .collect();
            by_first
                .entry(words[0])
                .or_default()
                .push(Phrase { words, value });
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
        }
        let mut first_words = WordFilter::default();
        for word in by_first.keys() {
            first_words.insert(word);
        }
        Phrases {
            by_first,
            first_words,
            stems,
            gaps,
        }
    }

    #[inline]
    fn key<'s>(&self, scan: &Scan<'s>, i: usize) -> &'s str {
        if self.stems {
            scan.stem(i)
        } else {
            scan.word(i)
        }
    }

    /// The longest phrase starting at token `i`.
    #[inline]
    pub fn at(&self, scan: &Scan, i: usize) -> Option<Hit> {
        let key = self.key(scan, i);
        if !self.first_words.may_contain(key) {
            return None;
        }
        self.listed_at(scan, i, key)
    }

    /// [`Phrases::at`] once the first word may be listed.
    fn listed_at(&self, scan: &Scan, i: usize, key: &str) -> Option<Hit> {
        let candidates = self.by_first.get(key)?;
        candidates.iter().find_map(|phrase| {
            let end = self.match_rest(scan, i + 1, &phrase.words[1..])?;
            Some(Hit {
                start: i,
                end,
                value: phrase.value,
            })
        })
    }

    fn match_rest(&self, scan: &Scan, mut i: usize, words: &[&str]) -> Option<usize> {
        for word in words {
            let limit = (i + self.gaps + 1).min(scan.len());
            let found = (i..limit)
                .take_while(|&j| scan.is_word(j) || j == i)
                .find(|&j| self.key(scan, j) == *word)?;
            i = found + 1;
        }
        Some(i)
    }

    /// The value of a one-word entry.
    pub fn by_word(&self, word: &str) -> Option<&'static str> {
        let key = if self.stems { stem(word) } else { word };
        self.by_first
            .get(key)?
            .iter()
            .find(|p| p.words.len() == 1)
            .map(|p| p.value)
    }

    /// Every non-overlapping phrase in the sentence, left to right.
    pub fn all(&self, scan: &Scan) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut i = 0;
        while i < scan.len() {
            match self.at(scan, i) {
                Some(hit) => {
                    i = hit.end;
                    hits.push(hit);
                }
                None => i += 1,
            }
        }
        hits
    }
}

/// All claim-extraction word lists.
pub(crate) struct Lexicon {
    pub cues: Phrases,
    pub attributions: Phrases,
    pub channels: Phrases,
    pub hedges: Phrases,
    pub negations: Phrases,
    pub number_words: Phrases,
    pub multipliers: HashMap<&'static str, &'static str>,
    pub vague: Phrases,
    pub modifiers: Phrases,
    pub units: Phrases,
    pub currencies: HashMap<&'static str, &'static str>,
    pub predicates: Phrases,
    pub titles: Phrases,
    pub title_modifiers: HashSet<&'static str>,
    pub name_particles: HashSet<&'static str>,
    pub np_boundaries: HashSet<&'static str>,
    pub aux: HashSet<&'static str>,
    pub events: HashMap<&'static str, &'static str>,
    pub calendar: HashMap<&'static str, &'static str>,
    /// Canonical cues flagged `negating` in `cues.txt`: they deny their
    /// content ("deny", "reject") rather than report it.
    pub denials: HashSet<&'static str>,
}

/// The lists, parsed on first use.
pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    macro_rules! list {
        ($name:literal) => {
            include_str!(concat!("../../data/lexicon/claims/", $name))
        };
    }
    Lexicon {
        cues: Phrases::stemmed(list!("cues.txt"), 0),
        attributions: Phrases::exact(list!("attributions.txt")),
        channels: Phrases::exact(list!("channels.txt")),
        hedges: Phrases::exact(list!("hedges.txt")),
        negations: Phrases::exact(list!("negations.txt")),
        number_words: Phrases::exact(list!("number_words.txt")),
        multipliers: word_map(list!("multipliers.txt")),
        vague: Phrases::exact(list!("vague_quantities.txt")),
        modifiers: Phrases::exact(list!("quantity_modifiers.txt")),
        units: Phrases::exact(list!("units.txt")),
        currencies: word_map(list!("currencies.txt")),
        predicates: Phrases::stemmed(list!("predicates.txt"), 3),
        titles: Phrases::exact(list!("titles.txt")),
        title_modifiers: word_set(list!("title_modifiers.txt")),
        name_particles: word_set(list!("name_particles.txt")),
        np_boundaries: word_set(list!("np_boundaries.txt")),
        aux: word_set(list!("aux_words.txt")),
        events: word_map(list!("events.txt")),
        calendar: word_map(list!("calendar.txt")),
        denials: flagged(list!("cues.txt"), "negating"),
    }
});

/// The canonical values of entries (`form = canonical flags`) that carry
/// `flag`.
fn flagged(source: &'static str, flag: &str) -> HashSet<&'static str> {
    entries(source)
        .filter_map(|(_, value)| {
            let mut words = value.split_whitespace();
            let canonical = words.next()?;
            words.any(|w| w == flag).then_some(canonical)
        })
        .collect()
}

/// Irregular forms to base forms, for [`stem`]: every word of every
/// sentence is stemmed, and few are irregular forms, so a [`WordFilter`]
/// turns most away before hashing.
pub(crate) struct Irregular {
    base_forms: HashMap<&'static str, &'static str>,
    filter: WordFilter,
}

impl Irregular {
    /// The base form of an irregular form ("went" -> "go").
    pub fn base_form(&self, word: &str) -> Option<&'static str> {
        if !self.filter.may_contain(word) {
            return None;
        }
        self.base_forms.get(word).copied()
    }
}

pub(crate) static IRREGULAR: LazyLock<Irregular> = LazyLock::new(|| {
    let base_forms = word_map(include_str!(
        "../../data/lexicon/claims/irregular_verbs.txt"
    ));
    let mut filter = WordFilter::default();
    base_forms.keys().for_each(|form| filter.insert(form));
    Irregular { base_forms, filter }
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_word_filters_let_every_listed_first_word_through() {
        let lex = &*LEXICON;
        for phrases in [
            &lex.cues,
            &lex.attributions,
            &lex.channels,
            &lex.hedges,
            &lex.negations,
            &lex.number_words,
            &lex.vague,
            &lex.modifiers,
            &lex.units,
            &lex.predicates,
            &lex.titles,
        ] {
            for first in phrases.by_first.keys() {
                assert!(phrases.first_words.may_contain(first), "{first}");
            }
        }
    }

    #[test]
    fn every_list_parses_and_is_not_empty() {
        let lex = &*LEXICON;
        assert!(!lex.titles.by_first.is_empty());
        assert!(lex.multipliers.contains_key("million"));
        assert!(lex.np_boundaries.contains("that"));
        assert_eq!(lex.calendar.get("february"), Some(&"2"));
    }

    #[test]
    fn vague_intervals_are_ordered_numbers() {
        for (key, value) in entries(include_str!(
            "../../data/lexicon/claims/vague_quantities.txt"
        )) {
            let (low, high) = value.split_once(' ').expect(key);
            let (low, high): (f64, f64) = (low.parse().unwrap(), high.parse().unwrap());
            assert!(low <= high, "{key}");
        }
    }
}
