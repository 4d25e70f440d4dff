//! The word classes the matcher needs, looked up in folded (lowercase ASCII)
//! form: name particles, function words, generic organisation words, and
//! the shared place gazetteer ([`crate::lexicon::place`]). The resolver's
//! own lists live in `data/lexicon/resolve_*.txt`: they say what a word
//! contributes to a name's *identity*, which is narrower than what mention
//! detection needs (e.g. "Abdul" joins a name but is part of its identity).

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

/// The id of the gazetteer place a name (as written) denotes: "US" and
/// "United States" give one id, "Niger" and "Nigeria" two.
pub fn place_entry(surface: &str) -> Option<&'static str> {
    crate::lexicon::place(surface).map(|entry| entry.id)
}

/// True when a folded token names a country (or its usual abbreviation or
/// adjective): such a word before an institution's name ("French Navy")
/// says whose institution it is without making it a different one.
pub fn is_country_modifier(folded: &str) -> bool {
    lists().country_modifiers.contains(folded)
}

/// True when one folded given name is a usual short form of the other
/// ("bill" / "william"), either way round.
pub fn is_short_form_pair(a: &str, b: &str) -> bool {
    lists()
        .short_forms
        .get(a)
        .is_some_and(|other| other.contains(b))
}

struct Lists {
    /// Each folded given name with its short forms, and each short form
    /// with its formal names (looked up without allocating).
    short_forms: BTreeMap<String, BTreeSet<String>>,
    particles: BTreeSet<String>,
    function_words: BTreeSet<String>,
    generic_org_words: BTreeSet<String>,
    country_modifiers: BTreeSet<String>,
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| Lists {
        short_forms: short_forms(include_str!("../../data/lexicon/resolve_nicknames.txt")),
        particles: word_set(include_str!("../../data/lexicon/resolve_particles.txt")),
        function_words: word_set(include_str!(
            "../../data/lexicon/resolve_function_words.txt"
        )),
        generic_org_words: word_set(include_str!(
            "../../data/lexicon/resolve_generic_org_words.txt"
        )),
        country_modifiers: word_set(include_str!(
            "../../data/lexicon/resolve_country_modifiers.txt"
        )),
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

/// `formal = short short ...` lines, both ways round.
fn short_forms(text: &str) -> BTreeMap<String, BTreeSet<String>> {
    let mut map: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (formal, shorts) in lines(text).filter_map(|line| line.split_once('=')) {
        let formal = super::name::fold(formal.trim());
        for short in shorts.split_whitespace().map(super::name::fold) {
            map.entry(formal.clone()).or_default().insert(short.clone());
            map.entry(short).or_default().insert(formal.clone());
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_fold() {
        assert!(is_particle("al"));
        assert!(is_function_word("of"));
        assert!(is_generic_org_word("department"));
        assert!(place_entry("Iran").is_some());
        assert_ne!(place_entry("Iran"), place_entry("Iraq"));
        assert_eq!(place_entry("U.S."), place_entry("United States"));
        assert!(is_country_modifier("us"));
    }
}
