//! Within one document: short forms linked to the full name they stand for
//! (surname or given name alone, "Mr" + surname, acronyms defined or used
//! beside their long form), and types shared by every mention of a name.

use super::spans::{parenthesised_after, push_key_word, Candidate, SentenceView};
use super::tokens::Case;
use super::typing::{has_speech_cue, type_of, Strength, Typing};
use crate::lexicon;
use crate::model::EntityType;
use rustc_hash::FxHashMap as HashMap;

/// A candidate with its type and what linking needs.
#[derive(Clone, Debug)]
pub(super) struct Item<'a> {
    pub candidate: Candidate,
    pub typing: Typing,
    /// The name as written, in its sentence.
    pub surface: &'a str,
    /// Folded words of the name, without a form of address, as ids of
    /// [`WordIds`]: linking compares and indexes words, never reads them.
    words: Vec<u32>,
    /// [`name_key`](super::spans::name_key) of the folded words, as an id
    /// of [`WordIds`].
    key: u32,
    /// Letters of a one-word acronym ("U.N." -> "UN").
    pub acronym: Option<String>,
    /// Next to a verb of saying.
    pub speaks: bool,
    /// Index of the item whose full name this one stands for.
    pub refers_to: Option<usize>,
}

/// Ids of the folded words and the name keys of a document's names: one
/// copy of each rather than one per mention, and integers to compare.
/// Words and keys share the ids: a one-word key is the word itself.
#[derive(Default)]
pub(super) struct WordIds {
    ids: HashMap<String, u32>,
    /// The key being built, reused from name to name.
    key: String,
}

impl WordIds {
    fn id(&mut self, folded: &str) -> u32 {
        if let Some(&id) = self.ids.get(folded) {
            return id;
        }
        let id = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        self.ids.insert(folded.to_string(), id);
        id
    }

    /// Ids of a name's folded words, and the id of its key.
    fn name<'w>(&mut self, words: impl Iterator<Item = &'w str>) -> (Vec<u32>, u32) {
        let mut ids = Vec::with_capacity(words.size_hint().0);
        let mut key = std::mem::take(&mut self.key);
        key.clear();
        // The key is the only word's id when folding leaves it as it is.
        let mut key_is_word = true;
        for (n, word) in words.enumerate() {
            lexicon::with_folded(word, |folded| {
                ids.push(self.id(folded));
                if n > 0 {
                    key.push(' ');
                    key_is_word = false;
                }
                let from = key.len();
                push_key_word(&mut key, folded);
                key_is_word &= key[from..] == *folded;
            });
        }
        let key_id = match ids.as_slice() {
            [word] if key_is_word => *word,
            _ => self.id(&key),
        };
        self.key = key;
        (ids, key_id)
    }
}

impl<'a> Item<'a> {
    pub fn new(view: &SentenceView<'a>, candidate: Candidate, ids: &mut WordIds) -> Item<'a> {
        let surface = view.span_text(candidate.tokens.clone());
        let skip = usize::from(candidate.address);
        let (words, key) = ids.name(candidate.tokens.clone().skip(skip).map(|i| view.word(i)));
        let single_acronym = candidate.tokens.len() == 1
            && view.tokens[candidate.tokens.start].case == Case::Acronym;
        let speaks = has_speech_cue(view, &candidate);
        Item {
            typing: type_of(view, &candidate, speaks),
            acronym: single_acronym.then(|| acronym_key(surface)),
            speaks,
            surface,
            words,
            key,
            candidate,
            refers_to: None,
        }
    }
}

/// Letters of an acronym without dots: "U.N." -> "UN".
pub(super) fn acronym_key(word: &str) -> String {
    word.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The letters a name offers to an acronym, in order: a capitalised word or
/// hyphenated part gives a required letter, a lower-case particle an optional
/// one ("al-Shabaab" -> a? S), connectors none ("in the").
pub(super) fn initial_letters(name: &str) -> Vec<(char, bool)> {
    name.split(|c: char| c.is_whitespace() || matches!(c, '-' | '\u{2010}' | '\u{2011}'))
        .filter_map(|part| {
            let first = part.chars().next()?;
            if first.is_uppercase() {
                Some((first, true))
            } else if lexicon::particle(part) && part.chars().count() > 1 {
                Some((first.to_uppercase().next().unwrap_or(first), false))
            } else {
                None
            }
        })
        .collect()
}

/// True when `acronym` abbreviates `name`: its letters are the name's
/// initials, in order, or in any order (translations reorder them: "OTAN"
/// for "North Atlantic Treaty Organization").
pub(super) fn abbreviates(acronym: &str, name: &str, any_order: bool) -> bool {
    spells(&acronym_letters(acronym), &initial_letters(name), any_order)
}

/// Letters of an acronym, dots dropped.
pub(super) fn acronym_letters(acronym: &str) -> Vec<char> {
    acronym.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// [`abbreviates`] on the acronym's letters and the name's initial letters.
pub(super) fn spells(letters: &[char], offered: &[(char, bool)], any_order: bool) -> bool {
    let required = offered.iter().filter(|(_, r)| *r).count();
    if letters.len() < 2 || required < 2 || letters.len() > offered.len() {
        return false;
    }
    if any_order {
        matches_any_order(letters, offered)
    } else {
        matches_in_order(letters, offered)
    }
}

fn matches_in_order(letters: &[char], offered: &[(char, bool)]) -> bool {
    match (letters.split_first(), offered.split_first()) {
        (None, None) => true,
        (_, None) => false,
        (None, Some(_)) => offered.iter().all(|(_, required)| !required),
        (Some((l, rest)), Some(((o, required), others))) => {
            (l == o && matches_in_order(rest, others))
                || (!required && matches_in_order(letters, others))
        }
    }
}

fn matches_any_order(letters: &[char], offered: &[(char, bool)]) -> bool {
    let mut left: Vec<char> = letters.to_vec();
    for (letter, _) in offered.iter().filter(|(_, r)| *r) {
        match left.iter().position(|l| l == letter) {
            Some(i) => {
                left.swap_remove(i);
            }
            None => return false,
        }
    }
    let mut optional: Vec<char> = offered
        .iter()
        .filter(|(_, r)| !r)
        .map(|(c, _)| *c)
        .collect();
    left.into_iter()
        .all(|letter| match optional.iter().position(|o| *o == letter) {
            Some(i) => {
                optional.swap_remove(i);
                true
            }
            None => false,
        })
}

/// Links short forms, settles types, and drops capitalised common words that
/// link to nothing. Indices in `refers_to` are into the returned list.
pub(super) fn resolve<'a>(mut items: Vec<Item<'a>>, views: &[SentenceView]) -> Vec<Item<'a>> {
    retype_name_families(&mut items);
    share_types_by_name(&mut items);
    link_acronyms(&mut items, views);
    link_short_person_names(&mut items);
    drop_unlinked_common_words(items)
}

/// The long form each acronym stands for: the name it follows in
/// parentheses, else a name of the document whose initials it spells.
fn link_acronyms(items: &mut [Item<'_>], views: &[SentenceView]) {
    let mut long_forms: HashMap<String, usize> = HashMap::default();
    for i in 1..items.len() {
        let (Some(key), previous) = (&items[i].acronym, &items[i - 1]) else {
            continue;
        };
        let view = &views[items[i].candidate.sentence];
        let in_parentheses = previous.candidate.sentence == items[i].candidate.sentence
            && parenthesised_after(view, previous.candidate.tokens.end).is_some()
            && previous.candidate.tokens.end == items[i].candidate.tokens.start;
        if in_parentheses && previous.acronym.is_none() && abbreviates(key, previous.surface, true)
        {
            long_forms.entry(key.clone()).or_insert(i - 1);
        }
    }
    let mut spelled_out: HashMap<String, Option<usize>> = HashMap::default();
    // Initials of every name, read once for all the acronyms looking for one.
    let mut initials: Vec<Option<Vec<(char, bool)>>> = vec![None; items.len()];
    for i in 0..items.len() {
        let Some(key) = items[i].acronym.clone() else {
            continue;
        };
        let long_form = long_forms.get(&key).copied().or_else(|| {
            *spelled_out.entry(key.clone()).or_insert_with(|| {
                let letters = acronym_letters(&key);
                (0..items.len()).find(|&l| {
                    items[l].acronym.is_none() && {
                        let offered =
                            initials[l].get_or_insert_with(|| initial_letters(items[l].surface));
                        spells(&letters, offered, false)
                    }
                })
            })
        });
        if let Some(long) = long_form {
            link(items, i, long, "acronym of");
        }
    }
}

/// May `short` stand for the person `full` (item `full_at`)? Its words end
/// the full name ("Nasrallah", "Al Assad", "Mr Gaddafi") or it is the given
/// name alone ("Angela"). News introduces a person by the full name before
/// using the given name alone; a first word standing alone before the full
/// name is more often a company or brand ("Acme" before "Acme Cloud").
/// A person typed by a cue needs no such order.
fn short_form_of(short: &Item, full: &Item, full_at: usize, lone: &LoneWords) -> bool {
    let given_name = |s: &Item| {
        s.words.len() == 1
            && full.words[0] == s.words[0]
            && (full.typing.strength >= Strength::Context
                || lone.get(&s.words[0]).is_some_and(|at| at[0] > full_at))
    };
    let fits = |s: &Item| {
        s.words.len() < full.words.len() && (full.words.ends_with(&s.words) || given_name(s))
    };
    // A lexical cue of another type, or a context cue against a full name
    // typed by its shape alone, keeps them apart.
    let strong_other_type = short.typing.entity_type != EntityType::Person
        && (short.typing.strength == Strength::Lexical
            || (short.typing.strength == Strength::Context
                && full.typing.strength < Strength::Context));
    let speaking_place = short.typing.entity_type == EntityType::Place && short.speaks;
    full.typing.entity_type == EntityType::Person
        && full.acronym.is_none()
        && short.acronym.is_none()
        && fits(short)
        && (!strong_other_type || speaking_place)
}

/// Words written alone as a name in a document, with the items that do, in order.
type LoneWords = HashMap<u32, Vec<usize>>;

/// The words written alone as a name in the document, with the first item
/// that does.
fn lone_words(items: &[Item<'_>]) -> LoneWords {
    let mut lone = LoneWords::default();
    for (i, item) in items.iter().enumerate() {
        if let [word] = item.words.as_slice() {
            lone.entry(*word).or_default().push(i);
        }
    }
    lone
}

/// Names typed PERSON by their shape alone whose first word the document
/// already wrote alone twice are a brand's or a body's family of names
/// ("Acme" before "Acme Cloud" and "Acme Research"), not people: news
/// introduces a person by the full name first (a headline may name a person
/// in pieces once).
fn retype_name_families(items: &mut [Item<'_>]) {
    let lone = lone_words(items);
    for (i, item) in items.iter_mut().enumerate() {
        let shape_person = item.typing.entity_type == EntityType::Person
            && item.typing.strength == Strength::Shape
            && item.words.len() >= 2;
        let written_alone_before = |at: &Vec<usize>| at.partition_point(|&a| a < i) >= 2;
        let family = item
            .words
            .first()
            .and_then(|first| lone.get(first))
            .is_some_and(written_alone_before);
        if shape_person && family {
            item.typing = Typing {
                entity_type: EntityType::Org,
                strength: Strength::Shape,
                evidence: format!(
                    "capitalised words whose first word '{}' is written alone before them",
                    item.surface.split_whitespace().next().unwrap_or_default()
                )
                .into(),
            };
        }
    }
}

/// Surname or given name alone -> the nearest full name it fits, preferring
/// one written before it. Full names are looked up by their first and last
/// word, so the work grows with the mentions, not their pairs.
fn link_short_person_names(items: &mut [Item<'_>]) {
    let mut by_word: HashMap<u32, Vec<usize>> = HashMap::default();
    for (f, item) in items.iter().enumerate() {
        if item.typing.entity_type == EntityType::Person && item.words.len() >= 2 {
            for word in [item.words.first(), item.words.last()]
                .into_iter()
                .flatten()
            {
                by_word.entry(*word).or_default().push(f);
            }
        }
    }
    let lone = lone_words(items);
    for i in 0..items.len() {
        if items[i].refers_to.is_some() {
            continue;
        }
        let (Some(first), Some(last)) = (items[i].words.first(), items[i].words.last()) else {
            continue;
        };
        let mut fulls: Vec<usize> = [first, last]
            .into_iter()
            .flat_map(|word| by_word.get(word).into_iter().flatten().copied())
            .filter(|&f| short_form_of(&items[i], &items[f], f, &lone))
            .collect();
        fulls.sort_unstable();
        let before = fulls.iter().rev().find(|&&f| f < i);
        let after = fulls.iter().find(|&&f| f > i);
        if let Some(&full) = before.or(after) {
            let full = items[full].refers_to.unwrap_or(full);
            link(items, i, full, "short form of");
        }
    }
}

/// Points `short` at `full` and gives it the full name's type.
fn link(items: &mut [Item<'_>], short: usize, full: usize, relation: &str) {
    if short == full {
        return;
    }
    let typing = &items[full].typing;
    let evidence = format!(
        "{relation} '{}' in the same document ({})",
        items[full].surface, typing.evidence
    );
    items[short].typing = Typing {
        entity_type: typing.entity_type,
        strength: typing.strength,
        evidence: evidence.into(),
    };
    items[short].refers_to = Some(full);
}

/// A name typed weakly in one place takes the strongest type found for the
/// same name elsewhere in the document ("Hezbollah" after "the Hezbollah").
fn share_types_by_name(items: &mut [Item<'_>]) {
    // The best item of a name is never retyped below: read them all first.
    let best_of: Vec<usize> = {
        let keys = items.iter().map(|item| item.key as usize + 1).max();
        let mut best: Vec<Option<usize>> = vec![None; keys.unwrap_or(0)];
        for (i, item) in items.iter().enumerate() {
            let best = &mut best[item.key as usize];
            match *best {
                Some(b) if items[b].typing.strength >= item.typing.strength => {}
                _ => *best = Some(i),
            }
        }
        items
            .iter()
            .enumerate()
            .map(|(i, item)| best[item.key as usize].unwrap_or(i))
            .collect()
    };
    for (i, b) in best_of.into_iter().enumerate() {
        let better = items[b].typing.strength > items[i].typing.strength
            && items[b].typing.strength >= Strength::Context;
        if better && items[i].refers_to.is_none() {
            let typing = &items[b].typing;
            items[i].typing = Typing {
                entity_type: typing.entity_type,
                strength: typing.strength,
                evidence: format!("as elsewhere in the document: {}", typing.evidence).into(),
            };
        }
    }
}

/// Drops capitalised common words that are not short forms, renumbering links.
fn drop_unlinked_common_words(items: Vec<Item<'_>>) -> Vec<Item<'_>> {
    let referenced: Vec<bool> = {
        let mut referenced = vec![false; items.len()];
        for target in items.iter().filter_map(|item| item.refers_to) {
            referenced[target] = true;
        }
        referenced
    };
    let keep: Vec<bool> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            !item.candidate.common_word
                || item.refers_to.is_some()
                || referenced[i]
                || item.typing.strength == Strength::Lexical
        })
        .collect();
    let mut new_index = vec![None; items.len()];
    let mut next = 0;
    for (i, &kept) in keep.iter().enumerate() {
        if kept {
            new_index[i] = Some(next);
            next += 1;
        }
    }
    items
        .into_iter()
        .zip(keep)
        .filter(|(_, kept)| *kept)
        .map(|(mut item, _)| {
            item.refers_to = item.refers_to.and_then(|r| new_index[r]);
            item
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_match_initials_with_optional_particles_in_any_order_when_asked() {
        assert!(abbreviates(
            "AQIS",
            "al-Qaeda in the Indian Subcontinent",
            false
        ));
        assert!(abbreviates(
            "AQIS",
            "Al Qaeda in the Indian Subcontinent",
            false
        ));
        assert!(abbreviates(
            "AQSI",
            "Al Qaeda in the Indian Subcontinent",
            true
        ));
        assert!(!abbreviates(
            "AQSI",
            "Al Qaeda in the Indian Subcontinent",
            false
        ));
        assert!(abbreviates("TTP", "Tehrik-i-Taliban Pakistan", false));
        assert!(abbreviates("U.N.", "United Nations", false));
        assert!(abbreviates("FBI", "Federal Bureau of Investigation", false));
        assert!(!abbreviates("UN", "Joe Biden", false));
        assert!(!abbreviates("A", "Al", false));
    }
}
