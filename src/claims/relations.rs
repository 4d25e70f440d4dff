//! Relations and events: subject, normalised predicate, object, and place.
//!
//! Predicates come from `predicates.txt` and are matched on stems, so
//! "gains strength", "is gaining strength" and "gained strength" give
//! `gain strength`. Participants are the noun phrases around the predicate;
//! a passive ("funded by X", "under the protection of X") puts the agent
//! after it, a pair ("relationship between X and Y") puts both after it.

use super::lexicon::LEXICON;
use super::scan::{Scan, TokenKind};
use std::ops::Range;

/// A relation found in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Found {
    /// Tokens of the predicate.
    pub predicate_tokens: Range<usize>,
    /// Normalised predicate.
    pub predicate: &'static str,
    /// Who or what acts.
    pub subject: Option<Range<usize>>,
    /// Who or what is acted on.
    pub object: Option<Range<usize>>,
    /// Where ("in Syria").
    pub place: Option<Range<usize>>,
}

/// Longest noun phrase taken as a participant, in tokens.
const MAX_PARTICIPANT: usize = 8;

/// Every relation in the sentence, skipping tokens in `skip` (statement cues).
pub(crate) fn find(scan: &Scan, skip: &[Range<usize>]) -> Vec<Found> {
    let mut found: Vec<Found> = LEXICON
        .predicates
        .all(scan)
        .into_iter()
        .filter(|hit| !skip.iter().any(|s| s.contains(&hit.start)))
        .filter_map(|hit| {
            let (predicate, shape) = shape_of(hit.value);
            let verb = shape != Shape::Noun;
            (!verb || is_verb_position(scan, hit.start, hit.end))
                .then(|| participants(scan, hit.start..hit.end, predicate, shape))
        })
        .collect();
    let taken: Vec<Range<usize>> = found.iter().map(|f| f.predicate_tokens.clone()).collect();
    found.extend(
        (0..scan.len())
            .filter(|&i| scan.word(i) == "there")
            .filter_map(|i| existential(scan, i))
            .filter(|e| !taken.iter().any(|t| overlaps(t, &e.object_span()))),
    );
    found.sort_by_key(|f| f.predicate_tokens.start);
    found
}

/// The predicate of presence claims, shared with "X has no presence in Y".
const PRESENCE: &str = "have presence";

/// "there are (no) X in Y", "there is not any X in Y": a presence claim with
/// subject X and place Y. The predicate tokens are "there" and the verb, so
/// the claim's polarity window sees the "no" or "not" after them. Only with
/// a place: "there is a close relationship between ..." is a relation of
/// its own, and "there were no casualties" says nothing about where.
/// Token `there` is the word "there".
fn existential(scan: &Scan, there: usize) -> Option<Found> {
    if !matches!(
        scan.word(there + 1),
        "is" | "are" | "was" | "were" | "'s" | "’s"
    ) {
        return None;
    }
    let mut start = there + 2;
    while matches!(
        scan.word(start),
        "no" | "not" | "any" | "never" | "still" | "also" | "now" | "clearly"
    ) {
        start += 1;
    }
    let phrase = scan.np_after(start, MAX_PARTICIPANT + 1)?;
    let is_in = |i: &usize| matches!(scan.word(*i), "in" | "inside");
    let preposition = (phrase.start + 1..phrase.end + 1).find(is_in)?;
    let thing = start..preposition;
    let place = scan.np_after(preposition + 1, 5)?;
    Some(Found {
        predicate_tokens: there..there + 2,
        predicate: PRESENCE,
        subject: Some(thing),
        object: None,
        place: Some(place),
    })
}

impl Found {
    /// The tokens after the predicate up to the end of its last participant.
    fn object_span(&self) -> Range<usize> {
        let end = [&self.subject, &self.object, &self.place]
            .into_iter()
            .flatten()
            .map(|r| r.end)
            .max()
            .unwrap_or(self.predicate_tokens.end);
        self.predicate_tokens.start..end
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

#[derive(Clone, Copy, PartialEq)]
enum Shape {
    Active,
    Passive,
    Pair,
    Noun,
}

/// Splits `"protect passive"` into the predicate and its shape.
fn shape_of(value: &'static str) -> (&'static str, Shape) {
    let shape = match value.rsplit_once(' ').map(|(_, last)| last) {
        Some("passive") => Shape::Passive,
        Some("pair") => Shape::Pair,
        Some("noun") => Shape::Noun,
        _ => return (value, Shape::Active),
    };
    (value.rsplit_once(' ').map_or(value, |(p, _)| p), shape)
}

/// A one-word verb after a determiner is a noun ("the attack"); a capitalised
/// one mid-sentence is part of a name.
fn is_verb_position(scan: &Scan, start: usize, end: usize) -> bool {
    if end - start > 1 {
        return true;
    }
    let after_determiner = start > 0
        && matches!(
            scan.word(start - 1),
            "the" | "a" | "an" | "its" | "his" | "her" | "their" | "this" | "any"
        );
    !(after_determiner || start > 0 && scan.is_capitalized(start))
}

fn participants(scan: &Scan, tokens: Range<usize>, predicate: &'static str, shape: Shape) -> Found {
    let before = scan.np_before(scan.skip_aux_before(tokens.start), MAX_PARTICIPANT);
    let passive_by =
        scan.word(tokens.end) == "by" && tokens.start > 0 && scan.stem(tokens.start - 1) == "be";
    let (subject, object, end) = match shape {
        Shape::Pair => {
            let first = scan.np_after(tokens.end, MAX_PARTICIPANT);
            let second = first
                .as_ref()
                .filter(|f| scan.word(f.end) == "and")
                .and_then(|f| scan.np_after(f.end + 1, MAX_PARTICIPANT));
            let end = second
                .as_ref()
                .or(first.as_ref())
                .map_or(tokens.end, |r| r.end);
            (first, second, end)
        }
        Shape::Passive => {
            let agent = scan.np_after(tokens.end, MAX_PARTICIPANT);
            let end = agent.as_ref().map_or(tokens.end, |r| r.end);
            (agent, before, end)
        }
        Shape::Noun => {
            let owner = owner_of(scan, tokens.start);
            let partner = (scan.word(tokens.end) == "with")
                .then(|| scan.np_after(tokens.end + 1, MAX_PARTICIPANT))
                .flatten();
            let end = partner.as_ref().map_or(tokens.end, |r| r.end);
            (owner, partner, end)
        }
        Shape::Active if passive_by => {
            let agent = scan.np_after(tokens.end + 1, MAX_PARTICIPANT);
            let end = agent.as_ref().map_or(tokens.end, |r| r.end);
            (agent, before, end)
        }
        Shape::Active => {
            let object = scan.np_after(tokens.end, MAX_PARTICIPANT);
            let end = object.as_ref().map_or(tokens.end, |r| r.end);
            (before, object, end)
        }
    };
    Found {
        place: place_after(scan, end),
        predicate_tokens: tokens,
        predicate,
        subject,
        object,
    }
}

/// The owner of a noun: "X's relationship", "its relationship".
fn owner_of(scan: &Scan, noun: usize) -> Option<Range<usize>> {
    let before = noun.checked_sub(1)?;
    if scan.kind(before) == Some(TokenKind::Possessive) {
        return scan.np_before(before, MAX_PARTICIPANT);
    }
    matches!(scan.word(before), "its" | "his" | "her" | "their").then_some(before..noun)
}

/// "in Syria", "at Cleveland": a capitalised place after the participants.
fn place_after(scan: &Scan, from: usize) -> Option<Range<usize>> {
    (from..(from + 6).min(scan.len()))
        .filter(|&i| matches!(scan.word(i), "in" | "at" | "near" | "inside"))
        .filter_map(|i| scan.np_after(i + 1, 5))
        .find(|np| np.clone().any(|i| scan.is_capitalized(i)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relations(text: &str) -> Vec<(String, &'static str, String, String)> {
        let lower = text.to_ascii_lowercase();
        let scan = Scan::new(text, &lower);
        let part =
            |r: Option<Range<usize>>| r.map(|r| scan.text_of(r).to_string()).unwrap_or_default();
        find(&scan, &[])
            .into_iter()
            .map(|f| (part(f.subject), f.predicate, part(f.object), part(f.place)))
            .collect()
    }

    fn rel(
        s: &str,
        p: &'static str,
        o: &str,
        place: &str,
    ) -> (String, &'static str, String, String) {
        (s.to_string(), p, o.to_string(), place.to_string())
    }

    #[test]
    fn active_relations_with_place() {
        assert_eq!(
            relations("the group is gaining strength in Afghanistan"),
            [rel("the group", "gain strength", "", "Afghanistan")]
        );
        assert_eq!(
            relations("Afghan forces killed three members in a compound in Kandahar"),
            [rel("Afghan forces", "kill", "three members", "Kandahar")]
        );
        assert_eq!(
            relations("The Philadelphia 76ers fired coach Maurice Cheeks on Saturday"),
            [rel(
                "The Philadelphia 76ers",
                "dismiss",
                "coach Maurice Cheeks",
                ""
            )]
        );
    }

    #[test]
    fn negated_presence_and_relationships() {
        assert_eq!(
            relations("the organization has no presence in the country"),
            [rel("the organization", "have presence", "", "")]
        );
        assert_eq!(
            relations(
                "There is clearly still a close relationship between al-Qaeda and the Taliban"
            ),
            [rel("al-Qaeda", "have relationship", "the Taliban", "")]
        );
    }

    #[test]
    fn existential_presence_with_a_place() {
        assert_eq!(
            relations("The rebels insist that there are no foreign fighters in Syria"),
            [rel("foreign fighters", "have presence", "", "Syria")]
        );
        assert_eq!(
            relations("There is still an armed militia in the northern valley."),
            [rel(
                "an armed militia",
                "have presence",
                "",
                "the northern valley"
            )]
        );
        assert_eq!(
            relations("there's not any extremist group inside Kosovo"),
            [rel("extremist group", "have presence", "", "Kosovo")]
        );
        assert!(relations("There were no casualties.").is_empty());
        assert_eq!(relations("Where there is smoke, there is heat"), []);
    }

    #[test]
    fn relationship_nouns() {
        assert_eq!(
            relations("al-Qaeda capitalizes on its relationship with the Taliban"),
            [rel("its", "have relationship", "the Taliban", "")]
        );
        assert_eq!(
            relations("The Taliban deny a close relationship."),
            [rel("", "have relationship", "", "")]
        );
    }

    #[test]
    fn passives_put_the_agent_first() {
        assert_eq!(
            relations("the group is protected by the insurgent movement"),
            [rel("the insurgent movement", "protect", "the group", "")]
        );
        assert_eq!(
            relations("the leadership is still under the protection of the Taliban"),
            [rel("the Taliban", "protect", "the leadership", "")]
        );
    }

    #[test]
    fn nouns_are_not_predicates() {
        assert!(relations("the attack was condemned").is_empty());
    }
}
