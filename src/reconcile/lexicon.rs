//! The word lists of `data/lexicon/reconcile/`, compiled in and parsed once.

use super::words;
use rustc_hash::FxHashSet;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// Every list reconciliation reads.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// Title key (sorted folded tokens) -> canonical title key.
    pub titles: BTreeMap<String, String>,
    /// Words that do not change an office.
    pub title_modifiers: BTreeSet<String>,
    /// Stems of words that make a title another office.
    pub office_modifiers: BTreeSet<String>,
    /// Words that put a title at another time.
    pub time_modifiers: BTreeSet<String>,
    /// Counted-thing stem -> canonical unit.
    pub units: BTreeMap<String, String>,
    /// Event or document noun stem -> canonical kind.
    pub events: BTreeMap<String, String>,
    /// Presence predicates, as their words' stems (split once here: every
    /// claim's predicate is looked up).
    pub existence: Vec<Vec<String>>,
    /// Cues (folded words) of a person being dead.
    pub dead_cues: Vec<Vec<String>>,
    /// Cues (folded words) of a person being alive.
    pub alive_cues: Vec<Vec<String>>,
    /// Function words (looked up for every word of every claim: hashed).
    pub stopwords: FxHashSet<String>,
}

/// The lexicon, parsed on first use.
pub fn get() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(load)
}

fn load() -> Lexicon {
    let mut lexicon = Lexicon {
        title_modifiers: items(include_str!(
            "../../data/lexicon/reconcile/title_modifiers.txt"
        ))
        .map(words::fold)
        .collect(),
        office_modifiers: items(include_str!(
            "../../data/lexicon/reconcile/office_modifiers.txt"
        ))
        .map(|w| words::stem(&words::fold(w)))
        .collect(),
        time_modifiers: items(include_str!(
            "../../data/lexicon/reconcile/time_modifiers.txt"
        ))
        .map(words::fold)
        .collect(),
        stopwords: items(include_str!("../../data/lexicon/reconcile/stopwords.txt"))
            .map(words::fold)
            .collect(),
        existence: items(include_str!("../../data/lexicon/reconcile/existence.txt"))
            .map(words::stems)
            .collect(),
        ..Lexicon::default()
    };
    lexicon.units = groups(
        include_str!("../../data/lexicon/reconcile/units.txt"),
        |v| words::stems(v).join(" "),
    );
    lexicon.events = groups(
        include_str!("../../data/lexicon/reconcile/events.txt"),
        |v| words::stems(v).join(" "),
    );
    let modifiers = lexicon.title_modifiers.clone();
    lexicon.titles = groups(
        include_str!("../../data/lexicon/reconcile/titles.txt"),
        |v| words::title_tokens(v, &modifiers).join(" "),
    );
    for line in items(include_str!("../../data/lexicon/reconcile/life.txt")) {
        let (state, cue) = line.split_once(':').unwrap_or(("", line));
        let cue: Vec<String> = words::folded_words(cue);
        match state.trim() {
            "dead" => lexicon.dead_cues.push(cue),
            "alive" => lexicon.alive_cues.push(cue),
            _ => {}
        }
    }
    lexicon
}

/// Non-comment, non-blank lines.
fn items(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|line| !line.is_empty())
}

/// Variant key -> canonical key, for `a | b | c` lines.
fn groups(text: &str, key: impl Fn(&str) -> String) -> BTreeMap<String, String> {
    let mut map = BTreeMap::new();
    for line in items(text) {
        let variants: Vec<String> = line.split('|').map(|v| key(v.trim())).collect();
        let Some(canonical) = variants.first().cloned() else {
            continue;
        };
        for variant in variants.into_iter().filter(|v| !v.is_empty()) {
            map.entry(variant).or_insert_with(|| canonical.clone());
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::get;

    #[test]
    fn lists_load() {
        let lexicon = get();
        assert!(lexicon.titles.len() > 20);
        assert!(lexicon.stopwords.contains("the"));
        assert!(lexicon.office_modifiers.contains("deputy"));
        assert_eq!(
            lexicon.units.get("militant").map(String::as_str),
            Some("fighter")
        );
        assert_eq!(
            lexicon.events.get("deal").map(String::as_str),
            Some("agreement")
        );
        assert!(!lexicon.dead_cues.is_empty() && !lexicon.alive_cues.is_empty());
    }
}
