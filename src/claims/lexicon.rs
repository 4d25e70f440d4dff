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

/// The word lists a token's word opens or belongs to, one bit per list:
/// a sentence's words are looked up once ([`Lexicon::lists_of`]), and every
/// later test against a list is a bit test.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Lists(u32);

impl Lists {
    pub const NONE: Lists = Lists(0);
    pub const CUES: Lists = Lists(1);
    pub const ATTRIBUTIONS: Lists = Lists(1 << 1);
    pub const CHANNELS: Lists = Lists(1 << 2);
    pub const HEDGES: Lists = Lists(1 << 3);
    pub const NEGATIONS: Lists = Lists(1 << 4);
    pub const NUMBER_WORDS: Lists = Lists(1 << 5);
    pub const MULTIPLIERS: Lists = Lists(1 << 6);
    pub const VAGUE: Lists = Lists(1 << 7);
    pub const MODIFIERS: Lists = Lists(1 << 8);
    pub const UNITS: Lists = Lists(1 << 9);
    pub const CURRENCIES: Lists = Lists(1 << 10);
    pub const PREDICATES: Lists = Lists(1 << 11);
    pub const TITLES: Lists = Lists(1 << 12);
    pub const TITLE_MODIFIERS: Lists = Lists(1 << 13);
    pub const NAME_PARTICLES: Lists = Lists(1 << 14);
    pub const NP_BOUNDARIES: Lists = Lists(1 << 15);
    pub const AUX: Lists = Lists(1 << 16);
    pub const EVENTS: Lists = Lists(1 << 17);
    pub const CALENDAR: Lists = Lists(1 << 18);
    /// Irregular verb forms ([`IRREGULAR`]).
    pub const IRREGULAR: Lists = Lists(1 << 19);
    /// Words that open a relative time expression ("last", "ago" counts).
    pub const TIME_OPENERS: Lists = Lists(1 << 20);
    /// Lists keyed by stems: a token's bits for them come from its stem.
    pub const STEMMED: Lists = Lists(Lists::CUES.0 | Lists::PREDICATES.0);

    /// True when any list of `other` is among these.
    #[inline]
    pub fn has(self, other: Lists) -> bool {
        self.0 & other.0 != 0
    }

    /// These lists, less those of `other`.
    #[inline]
    pub fn without(self, other: Lists) -> Lists {
        Lists(self.0 & !other.0)
    }

    /// The lists of `self` also in `other`.
    #[inline]
    pub fn and(self, other: Lists) -> Lists {
        Lists(self.0 & other.0)
    }

    /// The lists of `self` and of `other`.
    #[inline]
    pub fn or(self, other: Lists) -> Lists {
        Lists(self.0 | other.0)
    }
}

/// A set of single words, tested on a sentence's tokens by their list bit.
pub(crate) struct WordSet {
    words: HashSet<&'static str>,
    list: Lists,
}

impl WordSet {
    fn new(source: &'static str, list: Lists) -> WordSet {
        WordSet {
            words: entries(source).map(|(key, _)| key).collect(),
            list,
        }
    }

    /// True when `word` is listed.
    pub fn contains(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// True when the word of token `i` is listed.
    #[inline]
    pub fn at(&self, scan: &Scan, i: usize) -> bool {
        scan.lists(i).has(self.list)
    }
}

/// A map of single words to values, looked up for a sentence's tokens only
/// when their list bit says the word is a key.
pub(crate) struct WordMap {
    values: HashMap<&'static str, &'static str>,
    list: Lists,
}

impl WordMap {
    fn new(source: &'static str, list: Lists) -> WordMap {
        WordMap {
            values: entries(source).collect(),
            list,
        }
    }

    /// The value of `word`.
    pub fn get(&self, word: &str) -> Option<&'static str> {
        self.values.get(word).copied()
    }

    /// The value of the word of token `i`.
    #[inline]
    pub fn at(&self, scan: &Scan, i: usize) -> Option<&'static str> {
        scan.lists(i)
            .has(self.list)
            .then(|| self.get(scan.word(i)))
            .flatten()
    }

    /// The value of token `i` as written: currency keys keep their
    /// capitals ("US$"), and the list bit comes from the lower-case form.
    #[inline]
    pub fn raw_at(&self, scan: &Scan, i: usize) -> Option<&'static str> {
        scan.lists(i)
            .has(self.list)
            .then(|| self.get(scan.raw(i)))
            .flatten()
    }
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
    /// The list's bit: a token whose word (or stem) opens no phrase of the
    /// list is turned away without hashing.
    list: Lists,
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
    fn exact(source: &'static str, list: Lists) -> Phrases {
        Phrases::build(source, list, false, 0)
    }

    /// Phrases compared on stems, allowing up to `gaps` other words between
    /// the words of a multi-word phrase.
    fn stemmed(source: &'static str, list: Lists, gaps: usize) -> Phrases {
        Phrases::build(source, list, true, gaps)
    }

    fn build(source: &'static str, list: Lists, stems: bool, gaps: usize) -> Phrases {
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
        Phrases {
            by_first,
            list,
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
        if !scan.lists(i).has(self.list) {
            return None;
        }
        self.listed_at(scan, i, self.key(scan, i))
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
    pub multipliers: WordMap,
    pub vague: Phrases,
    pub modifiers: Phrases,
    pub units: Phrases,
    pub currencies: WordMap,
    pub predicates: Phrases,
    pub titles: Phrases,
    pub title_modifiers: WordSet,
    pub name_particles: WordSet,
    pub np_boundaries: WordSet,
    pub aux: WordSet,
    pub events: WordMap,
    pub calendar: WordMap,
    /// Canonical cues flagged `negating` in `cues.txt`: they deny their
    /// content ("deny", "reject") rather than report it.
    pub denials: HashSet<&'static str>,
    /// Every key above (first words of phrases, lower-cased) with the lists
    /// it is in.
    index: HashMap<Box<str>, Lists>,
    /// First words of the stemmed lists: most stems open none and are
    /// turned away without hashing.
    stemmed_first_words: WordFilter,
}

impl Lexicon {
    /// The lists `word` (lower case) opens or belongs to.
    #[inline]
    pub fn lists_of(&self, word: &str) -> Lists {
        self.index.get(word).copied().unwrap_or(Lists::NONE)
    }

    /// The stemmed lists `stem` opens.
    #[inline]
    pub fn stemmed_lists_of(&self, stem: &str) -> Lists {
        if !self.stemmed_first_words.may_contain(stem) {
            return Lists::NONE;
        }
        self.lists_of(stem).and(Lists::STEMMED)
    }

    fn phrase_lists(&self) -> [&Phrases; 11] {
        [
            &self.cues,
            &self.attributions,
            &self.channels,
            &self.hedges,
            &self.negations,
            &self.number_words,
            &self.vague,
            &self.modifiers,
            &self.units,
            &self.predicates,
            &self.titles,
        ]
    }

    /// Fills the index and the stemmed first-word filter from the lists.
    fn with_index(mut self) -> Lexicon {
        let mut index: HashMap<Box<str>, Lists> = HashMap::default();
        let mut add = |key: &str, list: Lists| {
            let entry = index.entry(key.into()).or_default();
            *entry = entry.or(list);
        };
        for phrases in self.phrase_lists() {
            phrases
                .by_first
                .keys()
                .for_each(|key| add(key, phrases.list));
        }
        for set in [
            &self.title_modifiers,
            &self.name_particles,
            &self.np_boundaries,
            &self.aux,
        ] {
            set.words.iter().for_each(|key| add(key, set.list));
        }
        for map in [&self.multipliers, &self.events, &self.calendar] {
            map.values.keys().for_each(|key| add(key, map.list));
        }
        // Currencies are looked up as written ("US$"): their bit goes on
        // the lower-case form every token is indexed by.
        for key in self.currencies.values.keys() {
            add(&key.to_ascii_lowercase(), self.currencies.list);
        }
        for form in IRREGULAR.base_forms.keys() {
            add(form, Lists::IRREGULAR);
        }
        for word in super::times::RELATIVE_OPENERS {
            add(word, Lists::TIME_OPENERS);
        }
        for phrases in [&self.cues, &self.predicates] {
            for key in phrases.by_first.keys() {
                self.stemmed_first_words.insert(key);
            }
        }
        self.index = index;
        self
    }
}

/// The lists, parsed on first use.
pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    macro_rules! list {
        ($name:literal) => {
            include_str!(concat!("../../data/lexicon/claims/", $name))
        };
    }
    Lexicon {
        cues: Phrases::stemmed(list!("cues.txt"), Lists::CUES, 0),
        attributions: Phrases::exact(list!("attributions.txt"), Lists::ATTRIBUTIONS),
        channels: Phrases::exact(list!("channels.txt"), Lists::CHANNELS),
        hedges: Phrases::exact(list!("hedges.txt"), Lists::HEDGES),
        negations: Phrases::exact(list!("negations.txt"), Lists::NEGATIONS),
        number_words: Phrases::exact(list!("number_words.txt"), Lists::NUMBER_WORDS),
        multipliers: WordMap::new(list!("multipliers.txt"), Lists::MULTIPLIERS),
        vague: Phrases::exact(list!("vague_quantities.txt"), Lists::VAGUE),
        modifiers: Phrases::exact(list!("quantity_modifiers.txt"), Lists::MODIFIERS),
        units: Phrases::exact(list!("units.txt"), Lists::UNITS),
        currencies: WordMap::new(list!("currencies.txt"), Lists::CURRENCIES),
        predicates: Phrases::stemmed(list!("predicates.txt"), Lists::PREDICATES, 3),
        titles: Phrases::exact(list!("titles.txt"), Lists::TITLES),
        title_modifiers: WordSet::new(list!("title_modifiers.txt"), Lists::TITLE_MODIFIERS),
        name_particles: WordSet::new(list!("name_particles.txt"), Lists::NAME_PARTICLES),
        np_boundaries: WordSet::new(list!("np_boundaries.txt"), Lists::NP_BOUNDARIES),
        aux: WordSet::new(list!("aux_words.txt"), Lists::AUX),
        events: WordMap::new(list!("events.txt"), Lists::EVENTS),
        calendar: WordMap::new(list!("calendar.txt"), Lists::CALENDAR),
        denials: flagged(list!("cues.txt"), "negating"),
        index: HashMap::default(),
        stemmed_first_words: WordFilter::default(),
    }
    .with_index()
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
        self.listed_base_form(word)
    }

    /// [`Irregular::base_form`] for a word the [`Lexicon`] index lists as
    /// irregular.
    pub fn listed_base_form(&self, word: &str) -> Option<&'static str> {
        self.base_forms.get(word).copied()
    }
}

pub(crate) static IRREGULAR: LazyLock<Irregular> = LazyLock::new(|| {
    let base_forms: HashMap<&'static str, &'static str> = entries(include_str!(
        "../../data/lexicon/claims/irregular_verbs.txt"
    ))
    .collect();
    let mut filter = WordFilter::default();
    base_forms.keys().for_each(|form| filter.insert(form));
    Irregular { base_forms, filter }
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_lists_every_key_under_its_list() {
        let lex = &*LEXICON;
        for phrases in lex.phrase_lists() {
            for first in phrases.by_first.keys() {
                assert!(lex.lists_of(first).has(phrases.list), "{first}");
            }
        }
        for phrases in [&lex.cues, &lex.predicates] {
            for first in phrases.by_first.keys() {
                assert!(lex.stemmed_lists_of(first).has(phrases.list), "{first}");
            }
        }
        for set in [
            &lex.title_modifiers,
            &lex.name_particles,
            &lex.np_boundaries,
            &lex.aux,
        ] {
            for word in &set.words {
                assert!(lex.lists_of(word).has(set.list), "{word}");
            }
        }
        for map in [&lex.multipliers, &lex.events, &lex.calendar] {
            for word in map.values.keys() {
                assert!(lex.lists_of(word).has(map.list), "{word}");
            }
        }
        for sign in lex.currencies.values.keys() {
            let lower = sign.to_ascii_lowercase();
            assert!(lex.lists_of(&lower).has(Lists::CURRENCIES), "{sign}");
        }
        for form in IRREGULAR.base_forms.keys() {
            assert!(lex.lists_of(form).has(Lists::IRREGULAR), "{form}");
        }
    }

    #[test]
    fn every_list_parses_and_is_not_empty() {
        let lex = &*LEXICON;
        assert!(!lex.titles.by_first.is_empty());
        assert!(lex.multipliers.get("million").is_some());
        assert!(lex.np_boundaries.contains("that"));
        assert_eq!(lex.calendar.get("february"), Some("2"));
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
