//! Entity types from cues in the text: titles, forms of address, the
//! gazetteer, organisation words, and the words around a name.

use super::spans::{Candidate, SentenceView};
use super::tokens::Case;
use crate::lexicon;
use crate::model::EntityType;

/// How much a type cue is worth: a mention's type may be replaced by a
/// stronger one found for the same name elsewhere in the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Strength {
    /// No cue: a guess from the shape of the name.
    Shape,
    /// The words around the name ("said X", "the X", "in X").
    Context,
    /// The name itself: a title, an organisation word, the gazetteer.
    Lexical,
}

/// A type with the cue it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Typing {
    pub entity_type: EntityType,
    pub strength: Strength,
    pub evidence: String,
}

impl Typing {
    fn new(entity_type: EntityType, strength: Strength, evidence: String) -> Typing {
        Typing {
            entity_type,
            strength,
            evidence,
        }
    }
}

/// The word right before or after a candidate, when only spaces separate them.
fn neighbour(view: &SentenceView, candidate: &Candidate, after: bool) -> Option<String> {
    let i = if after {
        candidate.tokens.end
    } else {
        candidate.tokens.start.checked_sub(1)?
    };
    let glued = if after {
        view.tokens.get(i)?.joined && !view.tokens[i - 1].closes
    } else {
        view.tokens[candidate.tokens.start].joined && !view.tokens[i].closes
    };
    glued.then(|| lexicon::fold(view.word(i)).into_owned())
}

/// True when a verb of saying stands right before or after the name.
pub(super) fn has_speech_cue(view: &SentenceView, candidate: &Candidate) -> bool {
    [false, true]
        .into_iter()
        .filter_map(|after| neighbour(view, candidate, after))
        .any(|word| lexicon::is_speech_verb(&word))
}

/// The type of a candidate and why.
pub(super) fn type_of(view: &SentenceView, candidate: &Candidate) -> Typing {
    use EntityType::*;
    use Strength::*;
    let name = view.span_text(candidate.tokens.clone());
    if let Some(role) = &candidate.role {
        return Typing::new(
            Person,
            Lexical,
            format!("title '{}' before the name", &view.text[role.clone()]),
        );
    }
    if candidate.address {
        let form = view.word(candidate.tokens.start);
        return Typing::new(Person, Lexical, format!("form of address '{form}'"));
    }
    if let Some(place) = lexicon::place(name) {
        return Typing::new(
            Place,
            Lexical,
            format!(
                "gazetteer {} '{}' ({})",
                place.kind.as_str(),
                place.name,
                place.id
            ),
        );
    }
    if let Some(word) = org_word_in(name) {
        return Typing::new(Org, Lexical, format!("organisation word '{word}'"));
    }
    let before = neighbour(view, candidate, false);
    let single = candidate.tokens.len() == 1;
    if has_speech_cue(view, candidate) {
        return Typing::new(Person, Context, "next to a verb of saying".to_string());
    }
    if before.as_deref() == Some("the") {
        return Typing::new(Org, Context, "written after 'the'".to_string());
    }
    if single && view.tokens[candidate.tokens.start].case == Case::Acronym {
        return Typing::new(Org, Context, "acronym".to_string());
    }
    if let Some(word) = before.filter(|w| lexicon::is_place_preposition(w)) {
        return Typing::new(Place, Context, format!("written after '{word}'"));
    }
    if single {
        Typing::new(
            Other,
            Shape,
            "capitalised word without a type cue".to_string(),
        )
    } else {
        Typing::new(
            Person,
            Shape,
            "capitalised words without an organisation or place cue".to_string(),
        )
    }
}

/// The first organisation word among a name's words and hyphenated parts.
fn org_word_in(name: &str) -> Option<&str> {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .find(|word| lexicon::org_word(word))
}
