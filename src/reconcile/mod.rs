//! Reconciliation: which claims of different outlets agree, refine or
//! conflict with each other, and how many independent sources stand behind
//! each fact.
//!
//! ```text
//! claims ─▶ view ─▶ align ─▶ judge ─▶ links ─▶ facts (+ independence) ─▶ graph
//!           keys    blocks   rules             support by independent sources
//! ```
//!
//! Alignment never compares all pairs: claims meet only inside blocks that
//! share a key (the same counted unit, the same person, the same kind of
//! event, a rare content word); in oversized blocks a claim meets only its
//! neighbours in value order, or none for a shared word, so the work grows
//! with the number of claims, not its square.
//!
//! Memory grows with the number of claims too, which runs to millions:
//! views and links hold small ids into tables of strings stored once
//! ([`Texts`]), and views are built, and candidates judged, a chunk at a
//! time.

mod align;
pub mod compare;
mod facts;
pub mod graph;
pub mod independence;
mod judge;
pub mod lexicon;
mod texts;
mod view;
mod vocabulary;
pub mod words;

pub use facts::{outlet, Fact, FactValue};
pub use independence::Dependence;
pub use texts::{TextId, Texts};

use crate::model::{doc_index, DocAnalysis, DocIndex, Resolution};
use rayon::prelude::*;

/// Points at one claim: document index in [`crate::Analysis::docs`], then
/// claim index in that document's [`DocAnalysis::claims`]. Links hold two
/// each, millions at scale, so the indices are 32 bits (read them with the
/// accessors of the same name).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClaimRef {
    /// Document index.
    pub doc: u32,
    /// Claim index within the document.
    pub claim: DocIndex,
}

impl ClaimRef {
    /// Points at claim `claim` of document `doc` (saturating: never
    /// reached, a run is far smaller than 4 billion documents).
    pub fn new(doc: usize, claim: usize) -> ClaimRef {
        ClaimRef {
            doc: doc_index(doc),
            claim: doc_index(claim),
        }
    }

    /// Document index.
    pub fn doc(&self) -> usize {
        self.doc as usize
    }

    /// Claim index within the document.
    pub fn claim(&self) -> usize {
        self.claim as usize
    }
}

/// How two claims relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Relation {
    /// They state the same value.
    Agrees,
    /// The same fact at different precision: both can be true.
    Compatible,
    /// Both cannot be true.
    Conflicts,
}

impl Relation {
    /// The word written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Agrees => "agrees",
            Relation::Compatible => "compatible",
            Relation::Conflicts => "conflicts",
        }
    }
}

/// A judged pair of claims, `a < b`. `T` holds its words: judging writes
/// them as strings, the reconciliation keeps ids into
/// [`Reconciliation::texts`], since millions of links repeat a few thousand
/// of them.
#[derive(Clone, Debug, PartialEq)]
pub struct Link<T = TextId> {
    /// How they relate.
    pub relation: Relation,
    /// One claim.
    pub a: ClaimRef,
    /// The other.
    pub b: ClaimRef,
    /// What the fact is about: its subject as the analyst reads it.
    pub subject: T,
    /// Which property of the subject ("count of soldiers", "title", ...).
    pub slot: T,
    /// The value `a` states.
    pub value_a: T,
    /// The value `b` states.
    pub value_b: T,
    /// Why, in words.
    pub reason: T,
    /// Confidence in `0.0..=1.0`.
    pub score: f64,
}

impl<T> Link<T> {
    /// The same link with its words converted.
    fn map<U>(self, mut convert: impl FnMut(T) -> U) -> Link<U> {
        Link {
            relation: self.relation,
            a: self.a,
            b: self.b,
            subject: convert(self.subject),
            slot: convert(self.slot),
            value_a: convert(self.value_a),
            value_b: convert(self.value_b),
            reason: convert(self.reason),
            score: self.score,
        }
    }
}

/// Agreements and conflicts between claims.
#[derive(Clone, Debug, Default)]
pub struct Reconciliation {
    /// Judged pairs, sorted by `(a, b)`.
    pub links: Vec<Link>,
    /// The words of the links.
    pub texts: Texts,
    /// Linked claims grouped into facts, discrepancies first.
    pub facts: Vec<Fact>,
    /// Which documents share passages: copies and common wires.
    pub dependence: Dependence,
}

impl Reconciliation {
    /// The words an id of a link names.
    pub fn text(&self, id: TextId) -> &str {
        self.texts.get(id)
    }

    /// Links of one relation.
    pub fn count(&self, relation: Relation) -> usize {
        self.links.iter().filter(|l| l.relation == relation).count()
    }
}

/// Candidate pairs judged at a time.
const JUDGE_CHUNK: usize = 1 << 16;

/// Aligns and compares the claims of all documents.
pub fn claim_graph(docs: &[DocAnalysis], resolution: &Resolution) -> Reconciliation {
    let lexicon = lexicon::get();
    let dependence = independence::dependence(docs);
    let views = view::build(docs, resolution, lexicon);
    let candidates = align::candidates(&views, docs);
    let mut texts = Texts::default();
    // At most one link per candidate: reserved once, links never grow by
    // doubling, which held the old and the new array at once (the unused
    // tail is never written, so it takes no memory).
    let (mut links, mut within) = (Vec::with_capacity(candidates.len()), Vec::new());
    // Judged in chunks, so only one chunk's links hold their words as
    // strings at a time; ids are given in candidate order (the order of
    // `map`'s fields), whatever the scheduling.
    for chunk in candidates.chunks(JUDGE_CHUNK) {
        // Words already known get their id in parallel; the others are
        // added in candidate order below.
        let judged: Vec<Link<Result<TextId, judge::Words>>> = chunk
            .par_iter()
            .filter_map(|&(i, j)| judge::pair(&views, i as usize, j as usize, docs, lexicon))
            .map(|link| link.map(|text| texts.find(&text).ok_or(text)))
            .collect();
        for link in judged {
            let link = link.map(|text| text.unwrap_or_else(|text| texts.intern(&text)));
            // One document agreeing with itself corroborates nothing: such
            // pairs only tell which of its claims state the same value.
            if link.a.doc != link.b.doc || link.relation == Relation::Conflicts {
                links.push(link);
            } else {
                within.push(link);
            }
        }
    }
    drop(candidates);
    // Candidate pairs are unique, so the keys are, and an unstable sort
    // (in place: no buffer of half the links) gives the one order.
    links.par_sort_unstable_by_key(|x| (x.a, x.b));
    dedup_sentences(&mut links, docs);
    within.par_sort_unstable_by_key(|x| (x.a, x.b));
    let facts = facts::group(&links, &within, docs, &views, &dependence, &texts);
    Reconciliation {
        links,
        texts,
        facts,
        dependence,
    }
}

/// The candidate pairs alignment proposes, without judging them: for
/// measuring alignment on its own.
pub fn aligned_pairs(docs: &[DocAnalysis], resolution: &Resolution) -> Vec<(ClaimRef, ClaimRef)> {
    let views = view::build(docs, resolution, lexicon::get());
    align::candidates(&views, docs)
        .into_iter()
        .map(|(i, j)| (views.views[i as usize].at(), views.views[j as usize].at()))
        .collect()
}

/// Several claims of one sentence often state one fact: keep one link per
/// pair of sentences and property, the first by claim order. When the two
/// sentences state one value of the property alike, their other values of
/// it are about other things ("13 homers in 54 games" beside "33 homers
/// last season"): a link that agrees is kept over one that conflicts.
fn dedup_sentences(links: &mut Vec<Link>, docs: &[DocAnalysis]) {
    /// A sentence: document and sentence index.
    type Sentence = (u32, u32);
    let sentence = |at: ClaimRef| (at.doc, docs[at.doc()].claims[at.claim()].sentence);
    // Each link's key beside its index, sorted: groups of one key in claim
    // order, the same order a stable sort by key gives.
    let mut keyed: Vec<(Sentence, Sentence, TextId, u32)> = links
        .par_iter()
        .enumerate()
        .map(|(n, l)| (sentence(l.a), sentence(l.b), l.slot, n as u32))
        .collect();
    keyed.par_sort_unstable();
    let mut keep = vec![false; links.len()];
    for group in keyed.chunk_by(|x, y| (x.0, x.1, x.2) == (y.0, y.1, y.2)) {
        let agreeing = group
            .iter()
            .find(|k| links[k.3 as usize].relation != Relation::Conflicts);
        keep[agreeing.unwrap_or(&group[0]).3 as usize] = true;
    }
    let mut kept = keep.into_iter();
    links.retain(|_| kept.next().unwrap_or(false));
}

#[cfg(test)]
mod tests;
