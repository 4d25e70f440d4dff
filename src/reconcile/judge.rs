//! Judging an aligned pair: which rule applies, and whether the pair agrees,
//! refines or conflicts. Conflicts need stronger evidence of being about the
//! same fact than agreements: the same subject on both sides, and times that
//! are not known to differ.

use super::compare::{self, Outcome, Verdict};
use super::lexicon::Lexicon;
use super::view::{Life, Party, View, Views};
use super::{words, ClaimRef, Link, Relation};
use crate::model::{Claim, ClaimKind, DocAnalysis, Polarity};
use std::borrow::Cow;
use std::fmt;

/// Content similarity from which two statements are taken to say the same.
pub const SAME_CONTENT: f64 = 0.5;
/// Content similarity from which the same words with different speakers are
/// taken to be one quote attributed twice.
pub const SAME_QUOTE: f64 = 0.85;
/// Content similarity from which two relations with one predicate and
/// no known subject are taken to be the same relation.
pub const RELATED_CONTENT: f64 = 0.3;
/// Content words two statements must share at least.
const MIN_SHARED_WORDS: usize = 3;

/// The words of a judged link: most are borrowed from the claims and the
/// views (names, predicates, wordings), the others written for the pair.
pub type Words<'a> = Cow<'a, str>;

/// The link between two aligned claims, if any.
pub fn pair<'a>(
    views: &'a Views,
    i: usize,
    j: usize,
    docs: &'a [DocAnalysis],
    lexicon: &Lexicon,
) -> Option<Link<Words<'a>>> {
    let (a, b) = (&views.views[i], &views.views[j]);
    let ((ca, ta), (cb, tb)) = (claim(docs, a.at())?, claim(docs, b.at())?);
    let same_doc = a.doc() == b.doc();
    if same_doc && ca.sentence == cb.sentence {
        return None;
    }
    let pair = Pair {
        entity_names: &views.entity_names,
        a,
        b,
        ca,
        cb,
        ta,
        tb,
    };
    let link = pair
        .life(views)
        .or_else(|| pair.titles(views, lexicon))
        .or_else(|| pair.quantities(views))
        .or_else(|| pair.times(views))
        .or_else(|| pair.presence())
        .or_else(|| pair.relations(views))
        .or_else(|| pair.contents(views))?;
    Some(link)
}

/// A claim and the text it cites.
fn claim(docs: &[DocAnalysis], at: ClaimRef) -> Option<(&Claim, &str)> {
    let doc = docs.get(at.doc())?;
    let claim = doc.claims.get(at.claim())?;
    Some((claim, doc.sentence_text(claim.sentence())))
}

struct Pair<'a> {
    /// Canonical names of the entities, by index.
    entity_names: &'a [String],
    a: &'a View,
    b: &'a View,
    ca: &'a Claim,
    cb: &'a Claim,
    /// The texts `ca` and `cb` cite.
    ta: &'a str,
    tb: &'a str,
}

impl<'a> Pair<'a> {
    fn link(
        &self,
        outcome: Outcome,
        slot: impl Into<Words<'a>>,
        values: (impl Into<Words<'a>>, impl Into<Words<'a>>),
        score: f64,
    ) -> Option<Link<Words<'a>>> {
        let relation = match outcome.verdict {
            Verdict::Agrees => Relation::Agrees,
            Verdict::Compatible => Relation::Compatible,
            Verdict::Conflicts => Relation::Conflicts,
            Verdict::Unrelated => return None,
        };
        Some(Link {
            relation,
            a: self.a.at(),
            b: self.b.at(),
            subject: self.subject_name(),
            slot: slot.into(),
            value_a: values.0.into(),
            value_b: values.1.into(),
            reason: outcome.reason,
            score,
        })
    }

    fn same_subject(&self) -> Option<bool> {
        self.a.subject().same_as(&self.b.subject())
    }

    /// True when both claims are dated and the dates cannot both hold:
    /// claims about different times are never compared.
    fn different_times(&self) -> bool {
        match (&self.ca.time, &self.cb.time) {
            (Some(x), Some(y)) => compare::times_conflict(x, y),
            _ => false,
        }
    }

    /// One person reported dead in one claim and alive in the other.
    fn life(&self, views: &'a Views) -> Option<Link<Words<'a>>> {
        let (life_a, life_b) = (views.life(self.a), views.life(self.b));
        let (person, dead_in_a) = life_a.iter().find_map(|&(e, state)| {
            let other = life_b.iter().find(|&&(f, s)| f == e && s != state)?;
            Some((e, state == Life::Dead && other.1 == Life::Alive))
        })?;
        let word = |dead: bool| if dead { "dead" } else { "alive" };
        let mut link = self.link(
            Outcome {
                verdict: Verdict::Conflicts,
                reason: format!(
                    "the same person is reported {} in one and {} in the other",
                    word(dead_in_a),
                    word(!dead_in_a)
                )
                .into(),
            },
            "alive or dead",
            (word(dead_in_a), word(!dead_in_a)),
            0.8,
        )?;
        link.subject = views
            .entity_names
            .get(person as usize)
            .map_or(Cow::Borrowed(""), |name| Cow::Borrowed(name));
        Some(link)
    }

    fn titles(&self, views: &'a Views, lexicon: &Lexicon) -> Option<Link<Words<'a>>> {
        let (Some(ta), Some(tb)) = (self.a.title, self.b.title) else {
            return None;
        };
        if self.same_subject() != Some(true) || self.different_times() {
            return None;
        }
        let (ka, kb) = (views.title_key(ta)?, views.title_key(tb)?);
        let (ta, tb) = (views.label(ta), views.label(tb));
        let outcome = compare::titles((ta, ka), (tb, kb), lexicon);
        self.link(outcome, "title", (ta, tb), 0.9)
    }

    fn quantities(&self, views: &Views) -> Option<Link<Words<'a>>> {
        let (Some(qa), Some(qb)) = (&self.ca.quantity, &self.cb.quantity) else {
            return None;
        };
        if self.a.unit != self.b.unit
            || self.same_subject() == Some(false)
            || self.different_times()
        {
            return None;
        }
        let values = (compare::quantity_value(qa), compare::quantity_value(qb));
        let outcome = compare::quantities((qa, &values.0), (qb, &values.1));
        // Two counts of a unit ("12 magazines", "31 magazines") differ
        // mostly because they count different things; they contradict each
        // other when anchored to one named thing: a count of it, or a count
        // in sentences that name it on both sides.
        if outcome.verdict == Verdict::Conflicts
            && !(self.strongly_aligned(views) && self.anchored_to_one_entity(views))
        {
            return None;
        }
        let unit = self.a.unit.map_or("", |u| views.label(u));
        let score = value_score(outcome.verdict);
        self.link(outcome, format!("count of {unit}"), values, score)
    }

    fn times(&self, views: &Views) -> Option<Link<Words<'a>>> {
        let (Some(ta), Some(tb)) = (&self.ca.time, &self.cb.time) else {
            return None;
        };
        if self.a.event.is_none()
            || self.a.event != self.b.event
            || self.same_subject() == Some(false)
        {
            return None;
        }
        let values = (compare::time_value(ta), compare::time_value(tb));
        let outcome = compare::times((ta, &values.0), (tb, &values.1));
        if outcome.verdict == Verdict::Conflicts && !self.strongly_aligned(views) {
            return None;
        }
        let event = self.a.event.map_or("", |e| views.label(e));
        let score = value_score(outcome.verdict);
        self.link(outcome, format!("date of {event}"), values, score)
    }

    /// Something said to have no presence, and said elsewhere to be present
    /// or active (there).
    fn presence(&self) -> Option<Link<Words<'a>>> {
        let (a, b) = (self.a, self.b);
        if !(a.existence && b.existence) || self.ca.polarity == self.cb.polarity {
            return None;
        }
        if self.same_subject() != Some(true) || a.place().same_as(&b.place()) == Some(false) {
            return None;
        }
        let value = |c: &Claim| match c.polarity {
            Polarity::Asserted => format!("present ({})", c.predicate),
            Polarity::Negated => format!("no presence ({})", c.predicate),
        };
        let outcome = Outcome {
            verdict: Verdict::Conflicts,
            reason: "one denies any presence, the other reports it present or active".into(),
        };
        self.link(outcome, "presence", (value(self.ca), value(self.cb)), 0.8)
    }

    fn same_relation(&self) -> bool {
        let (a, b) = (self.a, self.b);
        a.kind == ClaimKind::Relation
            && b.kind == ClaimKind::Relation
            && a.predicate.is_some()
            && a.predicate == b.predicate
    }

    /// Relations with one predicate: the same relation between the same
    /// participants agrees; asserted against denied conflicts.
    fn relations(&self, views: &Views) -> Option<Link<Words<'a>>> {
        let (a, b) = (self.a, self.b);
        if !self.same_relation() || self.different_times() {
            return None;
        }
        let subject = self.same_subject();
        let disagree = |x: &Party, y: &Party| x.same_as(y) == Some(false);
        if subject == Some(false)
            || disagree(&a.object(), &b.object())
            || disagree(&a.place(), &b.place())
        {
            return None;
        }
        let (sim, _) = similarity(a, b, views);
        let named = subject == Some(true) && a.object().same_as(&b.object()) != Some(false);
        let values = (
            content_value(self.ca, self.ta),
            content_value(self.cb, self.tb),
        );
        let predicate = self.ca.predicate;
        let outcome = if self.ca.polarity != self.cb.polarity {
            // A denial contradicts only the same relation between the
            // same participants: "would not release her" says nothing
            // against "released the video".
            let same_object = a.object().same_as(&b.object()) == Some(true)
                || (self.ca.object.is_none() && self.cb.object.is_none());
            (subject == Some(true) && same_object && sim >= RELATED_CONTENT).then(|| Outcome {
                verdict: Verdict::Conflicts,
                reason: format!("one asserts and the other denies \"{predicate}\"").into(),
            })
        } else {
            (named || sim >= RELATED_CONTENT).then(|| Outcome {
                verdict: Verdict::Agrees,
                reason: format!(
                    "both state \"{predicate}\" ({}% shared wording)",
                    Percent(sim)
                )
                .into(),
            })
        }?;
        self.link(outcome, predicate, values, round(sim.max(0.5)))
    }

    /// The subject as an analyst reads it: the entity's canonical name, or
    /// the words as written, from the first side that has one.
    fn subject_name(&self) -> Words<'a> {
        let entity_names = self.entity_names;
        let name = [(self.a, self.ca), (self.b, self.cb)]
            .into_iter()
            .map(|(view, claim)| match view.subject() {
                Party::Entity(e) => entity_names.get(e as usize).map_or("", |name| name),
                _ => claim.subject.as_ref().map_or("", |a| a.text.trim()),
            })
            .find(|name| !name.is_empty());
        Cow::Borrowed(name.unwrap_or_default())
    }

    /// Both claims are about one entity, or their sentences name one.
    fn anchored_to_one_entity(&self, views: &Views) -> bool {
        let (a, b) = (self.a, self.b);
        let named_b = views.named(b);
        matches!((a.subject(), b.subject()), (Party::Entity(x), Party::Entity(y)) if x == y)
            || views
                .named(a)
                .iter()
                .any(|e| named_b.binary_search(e).is_ok())
    }

    /// The same subject on both sides and much of the wording shared: enough
    /// to call different values a conflict.
    fn strongly_aligned(&self, views: &Views) -> bool {
        self.same_subject() == Some(true) && similarity(self.a, self.b, views).0 >= SAME_CONTENT
    }

    /// Statements and relations by content: the same content agrees unless
    /// one side denies it; the same quote from two speakers is a
    /// discrepancy of attribution.
    fn contents(&self, views: &Views) -> Option<Link<Words<'a>>> {
        let textual = |k: ClaimKind| matches!(k, ClaimKind::Statement | ClaimKind::Relation);
        if !textual(self.a.kind) || !textual(self.b.kind) || self.different_times() {
            return None;
        }
        if self.same_relation() {
            // Judged by `relations` on its participants, not its wording.
            return None;
        }
        let (sim, shared) = similarity(self.a, self.b, views);
        if sim < SAME_CONTENT || shared < MIN_SHARED_WORDS || self.same_subject() == Some(false) {
            return None;
        }
        let values = (
            content_value(self.ca, self.ta),
            content_value(self.cb, self.tb),
        );
        let slot = slot_of(self.ca, self.cb);
        if self.ca.polarity != self.cb.polarity
            && (self.asserted_side_is_negative() || self.negated_side_withholds())
        {
            // "Police said no one was hurt" asserts the saying, not the
            // opposite of "no one was hurt"; "he would not say why" denies
            // nothing: neither is a contradiction.
            return None;
        }
        let outcome = if self.ca.polarity != self.cb.polarity {
            Outcome {
                verdict: Verdict::Conflicts,
                reason: format!(
                    "one asserts and the other denies the same content ({}% shared wording)",
                    Percent(sim)
                )
                .into(),
            }
        } else if let Some(reason) = self.misattributed(sim) {
            Outcome {
                verdict: Verdict::Conflicts,
                reason: reason.into(),
            }
        } else if self.ca.hedged != self.cb.hedged {
            Outcome {
                verdict: Verdict::Compatible,
                reason: format!(
                    "the same content, hedged in one only ({}% shared wording)",
                    Percent(sim)
                )
                .into(),
            }
        } else {
            Outcome {
                verdict: Verdict::Agrees,
                reason: format!("the same content ({}% shared wording)", Percent(sim)).into(),
            }
        };
        self.link(outcome, slot, values, round(sim))
    }

    /// The asserted side of a pair with different polarities states
    /// something negative in its own words.
    /// The negated side is a statement whose speaker declines to say,
    /// confirm or reveal something, rather than denying it.
    fn negated_side_withholds(&self) -> bool {
        let negated = if self.ca.polarity == Polarity::Negated {
            self.ca
        } else {
            self.cb
        };
        negated.kind == ClaimKind::Statement && !crate::claims::is_denial(negated.predicate)
    }

    fn asserted_side_is_negative(&self) -> bool {
        let (asserted, text) = if self.ca.polarity == Polarity::Asserted {
            (self.ca, self.ta)
        } else {
            (self.cb, self.tb)
        };
        let words = asserted.object.as_ref().map_or(text, |o| &*o.text);
        crate::claims::words_are_negative(words)
    }

    fn misattributed(&self, sim: f64) -> Option<String> {
        let quoted = self.ca.kind == ClaimKind::Statement
            && self.cb.kind == ClaimKind::Statement
            && self.a.speaker_is_name
            && self.b.speaker_is_name;
        let (Party::Entity(x), Party::Entity(y)) = (self.a.speaker(), self.b.speaker()) else {
            return None;
        };
        let (name_a, name_b) = (speaker_name(self.ca), speaker_name(self.cb));
        // One name written alike on both sides is one speaker, whatever
        // the resolver made of it.
        let written_alike = words::folded_words(&name_a) == words::folded_words(&name_b);
        (quoted && x != y && !written_alike && sim >= SAME_QUOTE)
            .then(|| format!("the same words are attributed to {name_a} and to {name_b}"))
    }
}

/// Weighted Dice similarity of two claims' content words, and how many
/// they share. Rare words weigh more than common ones.
pub fn similarity(a: &View, b: &View, views: &Views) -> (f64, usize) {
    let weight = |t: &u32| f64::from(views.idf.get(*t as usize).copied().unwrap_or(0.0));
    let (a, b) = (views.content(a), views.content(b));
    let total_a: f64 = a.iter().map(weight).sum();
    let total_b: f64 = b.iter().map(weight).sum();
    let (mut i, mut j, mut shared, mut count) = (0, 0, 0.0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += weight(&a[i]);
                count += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let denominator = total_a + total_b;
    let sim = if denominator > 0.0 {
        2.0 * shared / denominator
    } else {
        0.0
    };
    (sim, count)
}

fn value_score(verdict: Verdict) -> f64 {
    match verdict {
        Verdict::Agrees => 1.0,
        Verdict::Compatible => 0.8,
        _ => 0.9,
    }
}

/// A similarity as a whole percentage, written as `{:.0}` writes it (ties to
/// even) without its exact decimal expansion, slow and paid by every
/// content link.
struct Percent(f64);

impl fmt::Display for Percent {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let percent = self.0 * 100.0;
        if (0.0..1e15).contains(&percent) {
            write!(f, "{}", percent.round_ties_even() as i64)
        } else {
            write!(f, "{percent:.0}")
        }
    }
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn speaker_name(claim: &Claim) -> String {
    claim
        .speaker
        .as_ref()
        .map(|s| s.text.to_string())
        .unwrap_or_default()
}

fn slot_of(a: &Claim, b: &Claim) -> &'static str {
    let predicate = if a.predicate.is_empty() {
        b.predicate
    } else {
        a.predicate
    };
    if predicate.is_empty() {
        "statement"
    } else {
        predicate
    }
}

/// A claim's content as an analyst reads it: its polarity and wording.
fn content_value<'a>(claim: &'a Claim, text: &'a str) -> Words<'a> {
    let object = claim.object.as_ref().map(|o| o.text.trim()).unwrap_or("");
    let words = if object.is_empty() {
        text.trim()
    } else {
        object
    };
    /// Characters of the wording kept.
    const KEPT: usize = 160;
    // No more bytes than characters kept: all of it, without counting.
    let end = if words.len() <= KEPT {
        words.len()
    } else {
        words
            .char_indices()
            .nth(KEPT)
            .map_or(words.len(), |(at, _)| at)
    };
    let short = &words[..end];
    let cut = if end < words.len() { "…" } else { "" };
    match (claim.polarity, cut) {
        (Polarity::Asserted, "") => Cow::Borrowed(short),
        (Polarity::Asserted, _) => Cow::Owned(format!("{short}{cut}")),
        (Polarity::Negated, _) => Cow::Owned(format!("denied: {short}{cut}")),
    }
}
