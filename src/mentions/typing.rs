//! Entity types from cues in the text: titles, forms of address, the
//! gazetteer, organisation words, and the words around a name.

use super::spans::{Candidate, SentenceView};
use super::tokens::Case;
use crate::lexicon;
use crate::model::EntityType;
use std::borrow::Cow;

/// How much a type cue is worth: a mention's type may be replaced by a
/// stronger one found for the same name elsewhere in the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Strength {
    /// No cue: a guess from the shape of the name.
    Shape,
    /// A preposition before the name ("in X"): often a place, not always.
    Weak,
    /// The words around the name ("said X", "the X", "X fighters").
    Context,
    /// The name itself: a title, an organisation word, the gazetteer.
    Lexical,
}

/// A type with the cue it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Typing {
    pub entity_type: EntityType,
    pub strength: Strength,
    /// Borrowed when fixed: most cues need no words of the name.
    pub evidence: Cow<'static, str>,
}

impl Typing {
    fn new(
        entity_type: EntityType,
        strength: Strength,
        evidence: impl Into<Cow<'static, str>>,
    ) -> Typing {
        Typing {
            entity_type,
            strength,
            evidence: evidence.into(),
        }
    }
}

/// Index of the word right before or after a candidate, when only spaces
/// separate them.
fn neighbour_at(view: &SentenceView, candidate: &Candidate, after: bool) -> Option<usize> {
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
    glued.then_some(i)
}

/// The folded word right before or after a candidate, when only spaces
/// separate them.
fn neighbour<'v>(
    view: &'v SentenceView,
    candidate: &Candidate,
    after: bool,
) -> Option<Cow<'v, str>> {
    neighbour_at(view, candidate, after).map(|i| lexicon::fold(view.word(i)))
}

/// True when a verb of saying stands right before or after the name.
pub(super) fn has_speech_cue(view: &SentenceView, candidate: &Candidate) -> bool {
    // The word lists fold words themselves: no folded copy here.
    [false, true]
        .into_iter()
        .filter_map(|after| neighbour_at(view, candidate, after))
        .any(|i| lexicon::is_speech_verb(view.word(i)))
}

/// The type of a candidate and why; `speaks` is [`has_speech_cue`] of it,
/// read once by the caller, which keeps it too. Evidence is joined with
/// `concat`: `format!` costs several times more, for nearly every mention.
pub(super) fn type_of(view: &SentenceView, candidate: &Candidate, speaks: bool) -> Typing {
    use EntityType::*;
    use Strength::*;
    let name = view.span_text(candidate.tokens.clone());
    if let Some(role) = &candidate.role {
        return Typing::new(
            Person,
            Lexical,
            ["title '", &view.text[role.clone()], "' before the name"].concat(),
        );
    }
    if candidate.address {
        let form = view.word(candidate.tokens.start);
        return Typing::new(Person, Lexical, ["form of address '", form, "'"].concat());
    }
    if let Some(place) = lexicon::place(name) {
        return Typing::new(
            Place,
            Lexical,
            [
                "gazetteer ",
                place.kind.as_str(),
                " '",
                place.name,
                "' (",
                place.id,
                ")",
            ]
            .concat(),
        );
    }
    if let Some(word) = org_word_in(name) {
        return Typing::new(Org, Lexical, ["organisation word '", word, "'"].concat());
    }
    let single = candidate.tokens.len() == 1;
    if let Some(word) = (!single).then(|| place_word_in(name)).flatten() {
        return Typing::new(Place, Lexical, ["place word '", word, "'"].concat());
    }
    let last = view.word(candidate.tokens.end - 1);
    if !single && lexicon::is_other_word(last) {
        return Typing::new(
            Other,
            Lexical,
            ["event or document word '", last, "'"].concat(),
        );
    }
    if !single && view.is(candidate.tokens.end - 1, lexicon::Listed::WEEKDAY) {
        // Names keep a weekday only as a named day ("Good Friday").
        return Typing::new(Other, Lexical, ["named day '", last, "'"].concat());
    }
    if let Some(connector) = inner_connector(view, candidate) {
        return Typing::new(Org, Context, format!("name joined by '{connector}'"));
    }
    if let Some(cue) = group_cue(view, candidate) {
        return Typing::new(Org, Context, cue);
    }
    if speaks {
        // A lone word that speaks may be a group as well as a person.
        let strength = if single { Weak } else { Context };
        return Typing::new(Person, strength, "next to a verb of saying");
    }
    let before = neighbour(view, candidate, false);
    if before.as_deref() == Some("the") {
        return Typing::new(Org, Context, "written after 'the'");
    }
    if single && view.tokens[candidate.tokens.start].case == Case::Acronym {
        return Typing::new(Org, Context, "acronym");
    }
    if let Some(word) = before.filter(|w| lexicon::is_place_preposition(w)) {
        return Typing::new(Place, Weak, format!("written after '{word}'"));
    }
    if single {
        Typing::new(Other, Shape, "capitalised word without a type cue")
    } else {
        Typing::new(
            Person,
            Shape,
            "capitalised words without an organisation or place cue",
        )
    }
}

/// The first geographic word among a name's words ("Gulf", "Lake").
fn place_word_in(name: &str) -> Option<&str> {
    name.split_whitespace()
        .find(|word| lexicon::place_word(word))
}

/// The first organisation word among a name's words and hyphenated parts.
fn org_word_in(name: &str) -> Option<&str> {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .find(|word| lexicon::org_word(word))
}

/// A lower-case connector inside the name ("in the" of "Al Shabaab in the
/// Horn of Africa"): such names are organisations, not people.
fn inner_connector(view: &SentenceView, candidate: &Candidate) -> Option<String> {
    let words = || candidate.tokens.clone().map(|i| view.word(i));
    let is_connector = |w: &str| lexicon::connector_prefix(&[w]) == 1 && !lexicon::particle(w);
    words().any(is_connector).then(|| {
        words()
            .filter(|w| is_connector(w) || matches!(*w, "the"))
            .collect::<Vec<_>>()
            .join(" ")
    })
}

/// A word for a group's members or parts next to the name: "X fighters",
/// "the group X", "members of (the) X".
fn group_cue(view: &SentenceView, candidate: &Candidate) -> Option<String> {
    let after = neighbour(view, candidate, true);
    if let Some(word) = after.filter(|w| lexicon::is_group_noun(w)) {
        return Some(format!("followed by '{word}'"));
    }
    let before = words_before(view, candidate.tokens.start, 3);
    let noun_at = |i: usize| before.get(i).is_some_and(|w| lexicon::is_group_noun(w));
    let cue = match before.as_slice() {
        [w, ..] if noun_at(0) => w.to_string(),
        [of, w, ..] if *of == "of" && noun_at(1) => format!("{w} of"),
        [the, of, w, ..] if *the == "the" && *of == "of" && noun_at(2) => format!("{w} of the"),
        _ => return None,
    };
    Some(format!("after '{cue}'"))
}

/// Up to `n` lower-case words glued before token `start`, nearest first.
fn words_before<'v>(view: &'v SentenceView, start: usize, n: usize) -> Vec<&'v str> {
    let mut words = Vec::new();
    let mut i = start;
    while words.len() < n && i > 0 && view.tokens[i].joined && !view.tokens[i - 1].closes {
        i -= 1;
        if view.tokens[i].case != Case::Lower {
            break;
        }
        words.push(view.word(i));
    }
    words
}
