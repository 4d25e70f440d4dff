//! Claim extraction: who said what, how many, when, and in what role.
//!
//! Each sentence is tokenised once ([`scan`]); the extractors read the same
//! tokens: [`times`], [`quantities`], [`roles`], [`statements`] and
//! [`relations`]. This module turns what they find into [`Claim`]s: it links
//! participants to mentions by span overlap, attaches the statement a claim
//! is reported in (speaker and cue), the time expression nearest to it, and
//! its polarity and hedging ([`polarity`]). Pronoun speakers ("he said",
//! "it said") are resolved to the last fitting speaker of the paragraph or
//! the previous sentences.
//!
//! Every claim cites its sentence: `text` is the sentence exactly as in the
//! document and `start`/`end` its character offsets.

mod lexicon;
mod numbers;
mod polarity;
mod quantities;
mod relations;
mod roles;
mod scan;
mod statements;
mod times;

pub use quantities::APPROXIMATE_TOLERANCE;

use crate::model::{
    doc_index, Arg, Claim, ClaimKind, EntityType, Mention, Meta, Polarity, Sentence, TimeRef,
};
use lexicon::LEXICON;
use scan::Scan;
use statements::Pronoun;
use std::ops::Range;
use std::sync::Arc;

/// Longest sentence read for claims, in bytes and in tokens. A "sentence"
/// longer than this is a table, a list or a segmentation failure: its
/// claims could not be cited usefully, and reading it would cost time
/// quadratic in its length.
const MAX_SENTENCE_BYTES: usize = 20_000;
const MAX_SENTENCE_TOKENS: usize = 1_000;

/// Claims in one document's sentences, in text order.
pub fn extract(meta: &Meta, sentences: &[Sentence], mentions: &[Mention]) -> Vec<Claim> {
    let mut speakers = Speakers::default();
    let mut claims = Vec::new();
    // One lower-case buffer for every sentence of the document.
    let mut lower = String::new();
    for sentence in sentences
        .iter()
        .filter(|s| s.text.len() <= MAX_SENTENCE_BYTES)
    {
        lower.clear();
        lower.push_str(&sentence.text);
        lower.make_ascii_lowercase();
        let scan = Scan::new(&sentence.text, &lower);
        if scan.len() > MAX_SENTENCE_TOKENS {
            continue;
        }
        let first = mentions.partition_point(|m| m.sentence() < sentence.index);
        let count = mentions[first..].partition_point(|m| m.sentence() <= sentence.index);
        let builder = Builder::new(
            meta,
            sentence,
            &scan,
            &mentions[first..first + count],
            first,
            &mut speakers,
        );
        claims.extend(builder.claims());
    }
    claims
}

/// A statement of the sentence with its speaker resolved.
struct Attributed {
    found: statements::Found,
    speaker: Option<Arc<Arg>>,
    named: bool,
    cue: Arc<str>,
}

/// Builds the claims of one sentence.
struct Builder<'a, 's> {
    sentence: &'a Sentence,
    scan: &'a Scan<'s>,
    mentions: &'a [Mention],
    mention_offset: usize,
    span: (usize, usize),
    times: Vec<times::Found>,
    statements: Vec<Attributed>,
}

impl<'a, 's> Builder<'a, 's> {
    fn new(
        meta: &Meta,
        sentence: &'a Sentence,
        scan: &'a Scan<'s>,
        mentions: &'a [Mention],
        mention_offset: usize,
        speakers: &mut Speakers,
    ) -> Self {
        let mut builder = Builder {
            sentence,
            scan,
            mentions,
            mention_offset,
            span: sentence.char_span(),
            times: times::find(scan, meta.published),
            statements: Vec::new(),
        };
        builder.statements = statements::find(scan)
            .into_iter()
            .map(|found| builder.attribute(found, speakers))
            .collect();
        builder
    }

    /// Resolves the speaker of a statement and records it for later pronouns.
    fn attribute(&self, found: statements::Found, speakers: &mut Speakers) -> Attributed {
        let (speaker, named) = match (&found.speaker, found.pronoun) {
            (Some(range), _) => {
                let arg = Arc::new(self.arg(range.clone()));
                let named = self.is_named(range.clone());
                speakers.record(Speaker {
                    person: self.is_person(range.clone(), &arg),
                    arg: arg.clone(),
                    named,
                    sentence: self.sentence.index,
                    paragraph: self.sentence.paragraph,
                });
                (Some(arg), named)
            }
            (None, Some(pronoun)) => match speakers.resolve(pronoun, self.sentence) {
                Some(s) => (Some(s.arg.clone()), s.named),
                None => (None, false),
            },
            (None, None) => (None, false),
        };
        let mut cue = self.scan.text_of(found.cue.clone()).to_string();
        for link in &found.chain {
            if link.start >= found.cue.end {
                cue.push_str(" … ");
            } else {
                cue.clear();
            }
            cue.push_str(self.scan.text_of(link.clone()));
        }
        Attributed {
            found,
            speaker,
            named,
            cue: cue.into(),
        }
    }

    fn claims(&self) -> Vec<Claim> {
        let mut anchored: Vec<(usize, Claim)> = Vec::new();
        anchored.extend(
            self.statements
                .iter()
                .map(|s| (s.found.cue.start, self.statement(s))),
        );
        let cues: Vec<Range<usize>> = self
            .statements
            .iter()
            .map(|s| s.found.cue.clone())
            .collect();
        let relations = relations::find(self.scan, &cues);
        anchored.extend(
            relations
                .iter()
                .map(|r| (r.predicate_tokens.start, self.relation(r))),
        );
        let taken: Vec<Range<usize>> = self.times.iter().map(|t| t.tokens.clone()).collect();
        anchored.extend(
            quantities::find(self.scan, &taken)
                .iter()
                .map(|q| (q.tokens.start, self.quantity(q))),
        );
        anchored.extend(
            roles::find(self.scan)
                .iter()
                .map(|r| (r.title.start.min(r.holder.start), self.role(r))),
        );
        anchored.extend(
            self.times
                .iter()
                .map(|t| (t.tokens.start, self.time(t, &relations))),
        );
        anchored.sort_by_key(|(anchor, claim)| (*anchor, claim.kind));
        anchored.into_iter().map(|(_, claim)| claim).collect()
    }

    /// A claim of `kind` citing the sentence, with the speaker of the
    /// statement it is reported in and the nearest time.
    fn base(&self, kind: ClaimKind, anchor: Range<usize>, predicate: &'static str) -> Claim {
        let reported = self.statements.iter().find(|s| {
            s.found
                .content
                .as_ref()
                .is_some_and(|c| c.contains(&anchor.start))
        });
        Claim {
            sentence: doc_index(self.sentence.index),
            kind,
            subject: None,
            predicate,
            object: None,
            quantity: None,
            time: self.nearest_time(&anchor),
            speaker: reported.and_then(|s| s.speaker.clone()),
            speaker_named: reported.is_some_and(|s| s.named),
            place: None,
            org: None,
            cue: reported.map(|s| s.cue.clone()).unwrap_or_default(),
            polarity: Polarity::Asserted,
            hedged: false,
            start: doc_index(self.span.0),
            end: doc_index(self.span.1),
        }
    }

    /// True when the statement this anchor is reported in denies it.
    fn denied(&self, anchor: usize) -> bool {
        self.statements.iter().any(|s| {
            s.found.negating
                && s.found
                    .content
                    .as_ref()
                    .is_some_and(|c| c.contains(&anchor))
        })
    }

    fn statement(&self, s: &Attributed) -> Claim {
        let cue = &s.found.cue;
        let mut claim = self.base(ClaimKind::Statement, cue.clone(), s.found.canonical);
        claim.speaker = s.speaker.clone();
        claim.speaker_named = s.named;
        claim.cue = s.cue.clone();
        claim.object = s.found.content.clone().map(|c| Arg {
            text: self.scan.text_of(c).into(),
            mention: None,
        });
        let before_cue = cue.start.saturating_sub(3)..cue.start;
        claim.polarity =
            polarity_of(s.found.negating || polarity::negated(self.scan, before_cue.clone()));
        claim.hedged = s.found.hedging || polarity::hedged(self.scan, before_cue);
        claim
    }

    fn relation(&self, r: &relations::Found) -> Claim {
        let tokens = &r.predicate_tokens;
        let mut claim = self.base(ClaimKind::Relation, tokens.clone(), r.predicate);
        claim.subject = r.subject.clone().map(|s| self.arg(s));
        claim.object = r.object.clone().map(|o| self.arg(o));
        claim.place = r.place.clone().map(|p| Box::new(self.arg(p)));
        let window = tokens.start.saturating_sub(4)..tokens.end + 1;
        claim.polarity =
            polarity_of(self.denied(tokens.start) || polarity::negated(self.scan, window));
        claim.hedged = polarity::hedged(self.scan, tokens.start.saturating_sub(8)..tokens.end);
        claim
    }

    fn quantity(&self, q: &quantities::Found) -> Claim {
        let mut claim = self.base(ClaimKind::Quantity, q.tokens.clone(), "count");
        claim.subject = q.counted.clone().map(|c| self.arg(c));
        if let Some(scope) = &q.scope {
            let arg = self.arg(scope.clone());
            if self.scan.word(scope.start - 1) == "of" {
                claim.object = Some(arg);
            } else {
                claim.place = Some(Box::new(arg));
            }
        }
        claim.quantity = Some(Box::new(q.quantity.clone()));
        let before = q.tokens.start.saturating_sub(1)..q.tokens.start;
        claim.polarity = polarity_of(polarity::negated(self.scan, before));
        claim.hedged = polarity::hedged(self.scan, q.tokens.start.saturating_sub(6)..q.tokens.end);
        claim
    }

    fn role(&self, r: &roles::Found) -> Claim {
        let anchor = r.title.start.min(r.holder.start)..r.title.end.max(r.holder.end);
        let mut claim = self.base(ClaimKind::Role, anchor.clone(), r.predicate);
        claim.subject = Some(self.arg(r.holder.clone()));
        claim.object = Some(self.arg(r.title.clone()));
        claim.org = r.org.clone().map(|o| Box::new(self.arg(o)));
        claim.hedged = polarity::hedged(self.scan, anchor.start.saturating_sub(3)..anchor.start);
        claim
    }

    /// A time claim: what is dated (an event noun next to the time, else the
    /// relation or statement nearest to it) and when.
    fn time(&self, t: &times::Found, relations: &[relations::Found]) -> Claim {
        let mut claim = self.base(ClaimKind::Time, t.tokens.clone(), "time");
        claim.time = Some(t.time.clone());
        if let Some((event, key)) = self.event_near(&t.tokens) {
            claim.predicate = key;
            claim.object = Some(self.arg(event));
        } else if let Some(r) = relations
            .iter()
            .min_by_key(|r| distance(&r.predicate_tokens, &t.tokens))
        {
            claim.predicate = r.predicate;
            claim.subject = r.subject.clone().map(|s| self.arg(s));
            claim.object = r.object.clone().map(|o| self.arg(o));
        } else if let Some(s) = self
            .statements
            .iter()
            .min_by_key(|s| distance(&s.found.cue, &t.tokens))
        {
            claim.predicate = s.found.canonical;
            claim.subject = s.speaker.as_deref().cloned();
        }
        claim.polarity = polarity_of(polarity::negated(
            self.scan,
            t.tokens.start.saturating_sub(2)..t.tokens.start,
        ));
        claim
    }

    /// "the 2020 deal", "the memo dated January 4", "a report released on
    /// January 4": the event noun within three words of the time.
    fn event_near(&self, time: &Range<usize>) -> Option<(Range<usize>, &'static str)> {
        let event_at = |i: usize| {
            LEXICON
                .events
                .at(self.scan, i)
                .filter(|_| self.scan.is_word(i))
        };
        let after = (time.end..(time.end + 3).min(self.scan.len()))
            .take_while(|&i| self.scan.is_word(i) && !LEXICON.np_boundaries.at(self.scan, i))
            .find_map(|i| event_at(i).map(|key| (time.end..i + 1, key)));
        after.or_else(|| {
            (time.start.saturating_sub(4)..time.start)
                .rev()
                .find_map(|i| event_at(i).map(|key| (self.np_around(i), key)))
        })
    }

    fn np_around(&self, i: usize) -> Range<usize> {
        self.scan.np_before(i + 1, 4).unwrap_or(i..i + 1)
    }

    /// The time expression nearest to the anchor (times are in text order).
    fn nearest_time(&self, anchor: &Range<usize>) -> Option<Arc<TimeRef>> {
        let after = self
            .times
            .partition_point(|t| t.tokens.start < anchor.start);
        let around = after.saturating_sub(1)..(after + 1).min(self.times.len());
        self.times[around]
            .iter()
            .min_by_key(|t| distance(&t.tokens, anchor))
            .map(|t| t.time.clone())
    }

    /// Words of the sentence and the mention they name, if any: the mention
    /// overlapping them most (the earliest on a tie).
    fn arg(&self, tokens: Range<usize>) -> Arg {
        let bytes = self.scan.bytes(tokens);
        let mention = self
            .mentions
            .iter()
            .enumerate()
            .map(|(i, m)| (i, overlap(&m.local_bytes(), &bytes)))
            .filter(|(_, o)| *o > 0)
            .max_by_key(|(i, o)| (*o, std::cmp::Reverse(*i)))
            .map(|(i, _)| doc_index(self.mention_offset + i));
        Arg {
            text: self.scan.text[bytes].into(),
            mention,
        }
    }

    /// A speaker is named when the head of the phrase (before "of", "in",
    /// "from") is capitalised: "Merkel", "the Interior Ministry", not "a
    /// senior UN official".
    fn is_named(&self, tokens: Range<usize>) -> bool {
        let head_end = tokens
            .clone()
            .find(|&i| matches!(self.scan.word(i), "of" | "in" | "from" | "at"))
            .unwrap_or(tokens.end);
        head_end > tokens.start && self.scan.is_capitalized(head_end - 1)
    }

    fn is_person(&self, tokens: Range<usize>, arg: &Arg) -> bool {
        if let Some(m) = arg
            .mention()
            .and_then(|m| self.mentions.get(m - self.mention_offset))
        {
            return m.entity_type == EntityType::Person;
        }
        let head = tokens.end - 1;
        let determiner = matches!(self.scan.word(tokens.start), "the" | "a" | "an");
        LEXICON.titles.at(self.scan, head).is_some()
            || LEXICON
                .titles
                .by_word(self.scan.word(head).trim_end_matches('s'))
                .is_some()
            || (!determiner
                && tokens.len() <= 4
                && tokens.clone().all(|i| self.scan.is_capitalized(i)))
    }
}

fn polarity_of(negated: bool) -> Polarity {
    if negated {
        Polarity::Negated
    } else {
        Polarity::Asserted
    }
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// Tokens between two ranges (0 when they touch or overlap).
fn distance(a: &Range<usize>, b: &Range<usize>) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// A speaker named earlier in the document, for pronoun resolution.
struct Speaker {
    arg: Arc<Arg>,
    named: bool,
    person: bool,
    sentence: usize,
    paragraph: usize,
}

/// Speakers seen so far in a document, most recent last.
#[derive(Default)]
struct Speakers {
    seen: Vec<Speaker>,
}

/// How many sentences back a pronoun may reach outside its paragraph.
const PRONOUN_REACH: usize = 3;

impl Speakers {
    fn record(&mut self, speaker: Speaker) {
        self.seen.push(speaker);
    }

    /// The last speaker of the paragraph or the previous few sentences that
    /// fits the pronoun ("he": a person, "it": not a person), else the last
    /// named one.
    fn resolve(&self, pronoun: Pronoun, sentence: &Sentence) -> Option<&Speaker> {
        let in_reach = |s: &&Speaker| {
            s.paragraph == sentence.paragraph
                || sentence.index.saturating_sub(s.sentence) <= PRONOUN_REACH
        };
        let fits = |s: &&Speaker| match pronoun {
            Pronoun::Person => s.person,
            Pronoun::Thing => !s.person,
            Pronoun::Group => true,
        };
        let candidates = || self.seen.iter().rev().take_while(in_reach);
        candidates()
            .find(fits)
            .or_else(|| candidates().find(|s| s.named))
    }
}

/// True when `text` contains a negation ("no", "not", "never", "n't",
/// "deny", ...): its words state something negative. Reconciliation uses it
/// so that "police said no one was hurt" is not read as asserting the
/// opposite of "no one was hurt".
pub fn words_are_negative(text: &str) -> bool {
    // ASCII lower case keeps byte offsets: a full lower-casing lengthens
    // "İ" and would cut tokens off their characters.
    let lower = text.to_ascii_lowercase();
    let scan = Scan::new(text, &lower);
    polarity::negated(&scan, 0..scan.len())
}

/// True when a statement's canonical cue denies its content ("deny", for
/// "reject", "dismiss", ...). A negated cue that is not a denial ("would
/// not say", "did not confirm") withholds the content: it neither states
/// nor denies it.
pub fn is_denial(canonical_cue: &str) -> bool {
    lexicon::LEXICON.denials.contains(canonical_cue)
}

#[cfg(test)]
mod tests;
