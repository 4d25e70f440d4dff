//! What reconciliation needs to know of each claim, computed once: who it is
//! about (as a resolved entity when possible), what it counts or dates, the
//! title it gives, and its content words with entity names replaced by their
//! entity, so "Al Shabaab" and "al-Shabaab" are one word.

use super::lexicon::Lexicon;
use super::words;
use super::ClaimRef;
use crate::model::{Arg, Claim, ClaimKind, DocAnalysis, EntityType, Resolution};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::hash::{Hash, Hasher};

/// Who a claim is about or who said it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Party {
    /// A resolved entity (index into [`Resolution::entities`]).
    Entity(usize),
    /// An unresolved description, folded ("terrorist group").
    Text(String),
    /// Not stated, or a pronoun.
    Unknown,
}

impl Party {
    /// `Some(true)` for one party, `Some(false)` for two different
    /// entities, `None` when the text does not tell.
    pub fn same_as(&self, other: &Party) -> Option<bool> {
        match (self, other) {
            (Party::Unknown, _) | (_, Party::Unknown) => None,
            (Party::Entity(a), Party::Entity(b)) => Some(a == b),
            // Descriptions vary too much to tell two things apart.
            (Party::Text(a), Party::Text(b)) => (a == b).then_some(true),
            _ => None,
        }
    }
}

/// A person's state of life as a claim states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Life {
    /// Reported dead or killed.
    Dead,
    /// Reported alive or in hiding.
    Alive,
}

/// One claim as reconciliation sees it.
#[derive(Clone, Debug)]
pub struct View {
    /// The claim.
    pub at: ClaimRef,
    /// Its kind.
    pub kind: ClaimKind,
    /// Who or what it is about.
    pub subject: Party,
    /// Who said it.
    pub speaker: Party,
    /// True when the speaker is written as a bare name ("the Interior Ministry"),
    /// not a phrase that contains one ("questions from the Pentagon").
    pub speaker_is_name: bool,
    /// Canonical counted unit, for quantities.
    pub unit: Option<String>,
    /// Canonical kind of event or document dated, for times.
    pub event: Option<String>,
    /// The title given, for roles.
    pub title: Option<String>,
    /// The predicate's stems ("gain strength", "have presence").
    pub predicate: String,
    /// Where the claim places its subject.
    pub place: Party,
    /// The other participant of a relation.
    pub object: Party,
    /// True when the predicate states presence ("have presence", "operate").
    pub existence: bool,
    /// People whose state of life the claim states.
    pub life: Vec<(usize, Life)>,
    /// Entities named in the sentence of a count, sorted and unique (empty
    /// for other kinds: only count conflicts read it).
    pub named: Vec<usize>,
    /// Content word ids, sorted and unique.
    pub content: Vec<u32>,
    /// A hash of the claim text's folded words, to recognise a repetition
    /// of the same text.
    pub echo_key: u64,
}

/// Views of every claim, in document then claim order, with word weights.
#[derive(Debug, Default)]
pub struct Views {
    /// One per claim.
    pub views: Vec<View>,
    /// Inverse document frequency of each content word id.
    pub idf: Vec<f32>,
    /// How many claims hold each content word id.
    pub df: Vec<u32>,
    /// Canonical name of each entity.
    pub entity_names: Vec<String>,
}

/// Builds the views of all claims (per document in parallel, then interns
/// words in document order so ids do not depend on scheduling).
pub fn build(docs: &[DocAnalysis], resolution: &Resolution, lexicon: &Lexicon) -> Views {
    let per_doc: Vec<DocViews> = docs
        .par_iter()
        .enumerate()
        .map(|(d, doc)| {
            let index = DocIndex::new(doc);
            let mut words = DocViews::default();
            let mut ids = FxHashMap::default();
            for (c, claim) in doc.claims.iter().enumerate() {
                let (view, tokens) = one(d, doc, &index, c, claim, resolution, lexicon);
                words.push(view, tokens, &mut ids);
            }
            words
        })
        .collect();
    let mut ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut df: Vec<u32> = Vec::new();
    let mut views = Vec::with_capacity(per_doc.iter().map(|d| d.views.len()).sum());
    for doc in per_doc {
        // Local words are listed by first use, so global ids come out in
        // the order of first use across documents then claims.
        let global: Vec<u32> = doc
            .vocabulary
            .into_iter()
            .map(|word| {
                let next = ids.len() as u32;
                *ids.entry(word).or_insert(next)
            })
            .collect();
        for (mut view, local) in doc.views {
            let mut content: Vec<u32> = local.iter().map(|&t| global[t as usize]).collect();
            content.sort_unstable();
            content.dedup();
            for &t in &content {
                if t as usize >= df.len() {
                    df.resize(t as usize + 1, 0);
                }
                df[t as usize] += 1;
            }
            view.content = content;
            views.push(view);
        }
    }
    let n = views.len().max(1) as f32;
    let idf = df.iter().map(|&f| (1.0 + n / f as f32).ln()).collect();
    let entity_names = resolution.entities.iter().map(|e| e.name.clone()).collect();
    Views {
        views,
        idf,
        df,
        entity_names,
    }
}

/// The views of one document's claims, their content words as ids into a
/// vocabulary of the document (one string per distinct word, not per use).
#[derive(Default)]
struct DocViews {
    /// Each view with its content word ids, in text order.
    views: Vec<(View, Vec<u32>)>,
    /// Distinct words in order of first use.
    vocabulary: Vec<String>,
}

impl DocViews {
    /// Adds a view; `ids` maps this document's words to their index in
    /// `vocabulary`.
    fn push(&mut self, view: View, tokens: Vec<String>, ids: &mut FxHashMap<String, u32>) {
        let local = tokens
            .into_iter()
            .map(|word| {
                if let Some(&id) = ids.get(&word) {
                    return id;
                }
                let id = self.vocabulary.len() as u32;
                self.vocabulary.push(word.clone());
                ids.insert(word, id);
                id
            })
            .collect();
        self.views.push((view, local));
    }
}

/// What every claim of one document looks up, computed once per document:
/// the mentions of each sentence, the folded words of each mention, and of
/// each sentence that has claims (claims of one sentence share its text).
struct DocIndex {
    /// Mention indices by sentence index, in mention order.
    by_sentence: Vec<Vec<usize>>,
    /// Folded words of each mention's surface.
    surfaces: Vec<Vec<String>>,
    /// Folded words of each sentence with claims, by sentence index
    /// (empty for the others).
    texts: Vec<Vec<String>>,
}

impl DocIndex {
    fn new(doc: &DocAnalysis) -> DocIndex {
        let mut by_sentence: Vec<Vec<usize>> = Vec::new();
        for (i, mention) in doc.mentions.iter().enumerate() {
            if mention.sentence() >= by_sentence.len() {
                by_sentence.resize_with(mention.sentence() + 1, Vec::new);
            }
            by_sentence[mention.sentence()].push(i);
        }
        let surfaces = doc
            .mentions
            .iter()
            .map(|m| words::folded_words(&m.surface))
            .collect();
        let mut texts = vec![Vec::new(); doc.sentences.len()];
        for claim in &doc.claims {
            if let Some(words) = texts.get_mut(claim.sentence).filter(|w| w.is_empty()) {
                *words = words::folded_words(doc.sentence_text(claim.sentence));
            }
        }
        DocIndex {
            by_sentence,
            surfaces,
            texts,
        }
    }
}

fn one(
    d: usize,
    doc: &DocAnalysis,
    index: &DocIndex,
    c: usize,
    claim: &Claim,
    resolution: &Resolution,
    lexicon: &Lexicon,
) -> (View, Vec<String>) {
    let context = Context {
        d,
        doc,
        index,
        claim,
        text: index.texts.get(claim.sentence).map_or(&[], Vec::as_slice),
        resolution,
    };
    let subject = context.party(claim.subject.as_ref(), lexicon);
    let view = View {
        at: ClaimRef { doc: d, claim: c },
        kind: claim.kind,
        subject,
        speaker: context.party(claim.speaker.as_deref(), lexicon),
        speaker_is_name: context.is_name(claim.speaker.as_deref()),
        unit: (claim.kind == ClaimKind::Quantity)
            .then(|| claim.quantity.as_ref().map(|q| unit(&q.unit, lexicon)))
            .flatten(),
        place: context.party(claim.place.as_deref(), lexicon),
        object: context.party(claim.object.as_ref(), lexicon),
        existence: is_existence(claim.predicate, lexicon),
        event: (claim.kind == ClaimKind::Time)
            .then(|| {
                claim
                    .time
                    .as_ref()
                    .and_then(|t| event(claim, doc.sentence_text(claim.sentence), &t.text, lexicon))
            })
            .flatten(),
        predicate: words::stems(claim.predicate).join(" "),
        title: (claim.kind == ClaimKind::Role)
            .then(|| context.title())
            .flatten(),
        life: context.life(lexicon),
        named: if claim.kind == ClaimKind::Quantity {
            context.named()
        } else {
            Vec::new()
        },
        content: Vec::new(),
        echo_key: echo_key(context.text),
    };
    (view, context.content_tokens(lexicon))
}

/// Folded words hashed: texts that differ only in case, punctuation or
/// spacing get one key. FxHash has no random seed, so keys are the same in
/// every run.
fn echo_key(words: &[String]) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    words.hash(&mut hasher);
    hasher.finish()
}

/// One claim with the document it comes from.
struct Context<'a> {
    d: usize,
    doc: &'a DocAnalysis,
    index: &'a DocIndex,
    claim: &'a Claim,
    /// The claim text's folded words.
    text: &'a [String],
    resolution: &'a Resolution,
}

impl Context<'_> {
    /// Mentions of the claim's sentence, with their index and folded words.
    fn mentions(&self) -> impl Iterator<Item = (usize, &crate::model::Mention, &[String])> + '_ {
        let in_sentence = self.index.by_sentence.get(self.claim.sentence);
        in_sentence.into_iter().flatten().filter_map(|&i| {
            let words = self.index.surfaces.get(i)?;
            Some((i, self.doc.mentions.get(i)?, words.as_slice()))
        })
    }

    fn entity_of(&self, mention: usize) -> Option<usize> {
        self.resolution
            .entity_of
            .get(self.d)?
            .get(mention)
            .copied()
            .filter(|&e| e < self.resolution.entities.len())
    }

    /// The entity an argument names: its own mention, or failing that a
    /// mention of the sentence whose name the words contain.
    fn party(&self, arg: Option<&Arg>, lexicon: &Lexicon) -> Party {
        let Some(arg) = arg else {
            return Party::Unknown;
        };
        if let Some(entity) = arg.mention().and_then(|m| self.entity_of(m)) {
            return Party::Entity(entity);
        }
        let arg_words = words::folded_words(&arg.text);
        let named = self
            .mentions()
            .filter(|(_, _, surface)| words::contains_words(&arg_words, surface))
            .max_by_key(|(_, m, _)| m.surface.len())
            .and_then(|(i, _, _)| self.entity_of(i));
        if let Some(entity) = named {
            return Party::Entity(entity);
        }
        let content: Vec<String> = words::content_stems(&arg_words, &lexicon.stopwords);
        if content.is_empty() {
            Party::Unknown
        } else {
            Party::Text(content.join(" "))
        }
    }

    /// True when an argument's words are its mention's name, give or take
    /// a leading article.
    fn is_name(&self, arg: Option<&Arg>) -> bool {
        let Some(arg) = arg else {
            return false;
        };
        let Some(surface) = arg.mention().and_then(|m| self.index.surfaces.get(m)) else {
            return false;
        };
        let written = words::folded_words(&arg.text);
        let name = match written.split_first() {
            Some((first, rest)) if first == "the" => rest,
            _ => &written[..],
        };
        name == &surface[..]
    }

    /// The title a role claim gives: its object, or the title written
    /// before the subject's name.
    fn title(&self) -> Option<String> {
        let object = self.claim.object.as_ref().map(|o| o.text.trim());
        if let Some(text) = object.filter(|t| !t.is_empty()) {
            return Some(text.to_string());
        }
        let mention = self.claim.subject.as_ref()?.mention()?;
        self.doc
            .mentions
            .get(mention)?
            .role
            .as_deref()
            .map(str::to_string)
    }

    /// The folded words that stand for the claim's content: its object's
    /// for statements, its participants' and predicate's for relations,
    /// else its text's.
    fn core_words(&self) -> Vec<String> {
        let claim = self.claim;
        let object = arg_text(&claim.object);
        match claim.kind {
            ClaimKind::Statement if object.split_whitespace().count() >= 3 => {
                words::folded_words(object)
            }
            ClaimKind::Relation if !object.is_empty() => words::folded_words(&format!(
                "{} {} {}",
                arg_text(&claim.subject),
                claim.predicate,
                object
            )),
            _ => self.text.to_vec(),
        }
    }

    /// Content stems of the core text; names of the sentence's entities
    /// become one `@N` word each.
    fn content_tokens(&self, lexicon: &Lexicon) -> Vec<String> {
        let mut folded = self.core_words();
        let mut tokens = Vec::new();
        let mut mentions: Vec<(usize, &[String])> = self
            .mentions()
            .filter_map(|(i, _, surface)| Some((self.entity_of(i)?, surface)))
            .collect();
        mentions.sort_by_key(|(_, w)| std::cmp::Reverse(w.len()));
        for (entity, name) in mentions {
            if name.is_empty() {
                continue;
            }
            let mut found = false;
            while let Some(at) = find_words(&folded, name) {
                folded.drain(at..at + name.len());
                found = true;
            }
            if found {
                tokens.push(format!("@{entity}"));
            }
        }
        tokens.extend(
            folded
                .into_iter()
                .filter(|w| !lexicon.stopwords.contains(w))
                .map(|w| words::stem(&w)),
        );
        tokens
    }

    /// Entities named in the claim's sentence.
    fn named(&self) -> Vec<usize> {
        let mut named: Vec<usize> = self
            .mentions()
            .filter_map(|(i, _, _)| self.entity_of(i))
            .collect();
        named.sort_unstable();
        named.dedup();
        named
    }

    /// People the claim text reports dead or alive.
    fn life(&self, lexicon: &Lexicon) -> Vec<(usize, Life)> {
        let text = self.text;
        let people: Vec<(usize, usize)> = self
            .mentions()
            .filter(|(_, m, _)| m.entity_type == EntityType::Person)
            .filter_map(|(i, _, surface)| {
                let entity = self.entity_of(i)?;
                let resolved = self.resolution.entities.get(entity)?;
                (resolved.entity_type == EntityType::Person).then_some(())?;
                Some((entity, find_words(text, surface)?))
            })
            .collect();
        let mut states = Vec::new();
        let mut dead_spans = Vec::new();
        for cue in &lexicon.dead_cues {
            let Some(at) = find_words(text, cue) else {
                continue;
            };
            dead_spans.push(at..at + cue.len());
            // "death of X": X follows; "X was killed": X precedes.
            let after = cue.last().is_some_and(|w| w == "of");
            states.extend(
                people
                    .iter()
                    .filter(|(_, pos)| if after { *pos > at } else { *pos < at })
                    .map(|(e, _)| (*e, Life::Dead)),
            );
        }
        // "is survived by" holds "survived": a cue of life inside a cue
        // of death does not count.
        let alive_at = |at: &usize, cue: &Vec<String>| {
            !dead_spans
                .iter()
                .any(|d| d.start <= *at && at + cue.len() <= d.end)
        };
        if lexicon
            .alive_cues
            .iter()
            .any(|cue| occurrences(text, cue).any(|at| alive_at(&at, cue)))
        {
            states.extend(people.iter().map(|(e, _)| (*e, Life::Alive)));
        }
        states.sort_unstable();
        states.dedup();
        states
    }
}

/// True when a predicate states that its subject is present somewhere.
fn is_existence(predicate: &str, lexicon: &Lexicon) -> bool {
    let stems = words::stems(predicate);
    lexicon.existence.iter().any(|item| {
        let item: Vec<String> = item.split(' ').map(String::from).collect();
        words::contains_words(&stems, &item)
    })
}

fn arg_text(arg: &Option<Arg>) -> &str {
    arg.as_ref().map(|a| &*a.text).unwrap_or("")
}

/// Position of `needle` as consecutive whole words in `hay`.
fn find_words(hay: &[String], needle: &[String]) -> Option<usize> {
    occurrences(hay, needle).next()
}

/// Every position where `needle` occurs in `hay` as consecutive words.
fn occurrences<'h>(hay: &'h [String], needle: &'h [String]) -> impl Iterator<Item = usize> + 'h {
    let width = needle.len().max(1);
    hay.windows(width)
        .enumerate()
        .filter(move |(_, w)| !needle.is_empty() && *w == needle)
        .map(|(at, _)| at)
}

/// The canonical counted unit: the whole phrase or its last word through
/// the unit list, else the stem of its last word.
fn unit(text: &str, lexicon: &Lexicon) -> String {
    let stems = words::stems(text);
    let whole = stems.join(" ");
    if let Some(canonical) = lexicon.units.get(&whole) {
        return canonical.clone();
    }
    let last = stems.last().cloned().unwrap_or_default();
    lexicon.units.get(&last).cloned().unwrap_or(last)
}

/// The kind of event or document a time claim dates: named by its predicate
/// or object, else the event word nearest to the time expression in the
/// claim text, within a few words.
fn event(claim: &Claim, text: &str, time_text: &str, lexicon: &Lexicon) -> Option<String> {
    const WINDOW: usize = 6;
    let named = [claim.predicate, arg_text(&claim.object)]
        .into_iter()
        .flat_map(words::stems)
        .find_map(|w| lexicon.events.get(&w));
    if let Some(canonical) = named {
        return Some(canonical.clone());
    }
    let text = words::stems(text);
    let time = words::stems(time_text);
    let (from, to) = match find_words(&text, &time) {
        Some(at) => (at, at + time.len()),
        None => (text.len() / 2, text.len() / 2),
    };
    text.iter()
        .enumerate()
        .filter_map(|(i, w)| {
            let distance = if i < from {
                from - i
            } else if i >= to {
                i + 1 - to
            } else {
                return None;
            };
            let canonical = lexicon.events.get(w)?;
            (distance <= WINDOW).then_some((distance, canonical))
        })
        .min()
        .map(|(_, canonical)| canonical.clone())
}
