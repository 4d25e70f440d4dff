//! The word classes the matcher needs, looked up in folded (lowercase ASCII)
//! form: name particles, function words, generic organisation words and the
//! place gazetteer. The lists themselves live in `data/lexicon/`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

/// Particles that join the parts of a name ("al", "bin", "van", the Persian
/// izafe "i"/"e"): kept in the name, ignored when deciding whether two
/// names are the same person or group.
pub fn is_particle(folded: &str) -> bool {
    lists().particles.contains(folded)
}

/// Function words inside multi-word names ("of", "the", "in").
pub fn is_function_word(folded: &str) -> bool {
    lists().function_words.contains(folded)
}

/// Words that do not distinguish one organisation or facility from another
/// of the same name ("department", "network", "center").
pub fn is_generic_org_word(folded: &str) -> bool {
    lists().generic_org_words.contains(folded)
}

/// The gazetteer entry a folded name belongs to (its canonical folded
/// name), when the gazetteer lists it.
pub fn place_entry(folded: &str) -> Option<&'static str> {
    lists().places.get(folded).map(String::as_str)
}

/// True when a folded token names a country (or its usual abbreviation or
/// adjective): such a word before an institution's name ("US Treasury")
/// says whose institution it is without making it a different one.
pub fn is_country_modifier(folded: &str) -> bool {
    lists().country_modifiers.contains(folded)
}

struct Lists {
    particles: BTreeSet<String>,
    function_words: BTreeSet<String>,
    generic_org_words: BTreeSet<String>,
    places: BTreeMap<String, String>,
    country_modifiers: BTreeSet<String>,
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| Lists {
        particles: word_set(include_str!("../../data/lexicon/name_particles.txt")),
        function_words: word_set(include_str!("../../data/lexicon/name_function_words.txt")),
        generic_org_words: word_set(include_str!("../../data/lexicon/generic_org_words.txt")),
        places: gazetteer(include_str!("../../data/lexicon/places.txt")),
        country_modifiers: word_set(include_str!("../../data/lexicon/country_modifiers.txt")),
    })
}

/// One folded item per line; `#` starts a comment.
fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(|line| line.split('#').next().unwrap_or("").trim())
        .filter(|line| !line.is_empty())
}

fn word_set(text: &str) -> BTreeSet<String> {
    lines(text).map(super::name::fold).collect()
}

/// `canonical|alias|alias` per line: every spelling maps to the canonical one.
fn gazetteer(text: &str) -> BTreeMap<String, String> {
    let mut places = BTreeMap::new();
    for line in lines(text) {
        let mut spellings = line.split('|').map(super::name::fold);
        let Some(canonical) = spellings.next() else {
            continue;
        };
        for alias in spellings {
            places.entry(alias).or_insert_with(|| canonical.clone());
        }
        places.entry(canonical.clone()).or_insert(canonical);
    }
    places
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_fold() {
        assert!(is_particle("al"));
        assert!(is_function_word("of"));
        assert!(is_generic_org_word("department"));
        assert_eq!(place_entry("iran"), Some("iran"));
        assert_ne!(place_entry("iran"), place_entry("iraq"));
        assert!(is_country_modifier("us"));
    }
}
