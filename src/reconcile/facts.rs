//! Facts: claims joined by links about one property of one subject. Within a
//! fact, claims joined by agreement form value classes; a fact with more than
//! one class is a discrepancy. Each class is supported by its independent
//! sources: claims from one dependence group, or relayed from one named
//! speaker, count once.

use super::independence::Dependence;
use super::view::{Party, Views};
use super::{ClaimRef, Link, Relation, TextId, Texts};
use crate::model::DocAnalysis;
use petgraph::unionfind::UnionFind;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};

/// One property of one subject as the outlets state it.
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    /// Stable id within a run: `F0001`, discrepancies first.
    pub id: String,
    /// What it is about.
    pub subject: String,
    /// Which property.
    pub slot: String,
    /// True when the claims do not all agree.
    pub conflict: bool,
    /// The values stated, best supported first.
    pub values: Vec<FactValue>,
    /// Outlets stating it, sorted.
    pub outlets: Vec<String>,
    /// Independent sources behind it.
    pub independent_sources: usize,
    /// Its links, as indices into [`super::Reconciliation::links`].
    pub links: Vec<usize>,
}

impl Fact {
    /// The value with more independent sources than any other, if one has.
    pub fn best_supported(&self) -> Option<&FactValue> {
        let first = self.values.first()?;
        let unique = self
            .values
            .get(1)
            .is_none_or(|second| second.independent_sources < first.independent_sources);
        unique.then_some(first)
    }

    /// Every claim of the fact, in order.
    pub fn claims(&self) -> Vec<ClaimRef> {
        let mut all: Vec<ClaimRef> = self.values.iter().flat_map(|v| v.claims.clone()).collect();
        all.sort_unstable();
        all
    }
}

/// One value of a fact and who states it.
#[derive(Clone, Debug, PartialEq)]
pub struct FactValue {
    /// As an analyst reads it.
    pub value: String,
    /// Claims stating it, sorted.
    pub claims: Vec<ClaimRef>,
    /// Outlets stating it, sorted.
    pub outlets: Vec<String>,
    /// Independent sources behind it.
    pub independent_sources: usize,
}

/// The outlet of a document: its publisher, else its id.
pub fn outlet(doc: &DocAnalysis) -> &str {
    if doc.record.meta.outlet.is_empty() {
        &doc.record.doc_id
    } else {
        &doc.record.meta.outlet
    }
}

/// Groups linked claims into facts. `within` holds agreements inside one
/// document: not reported, they only put claims of one fact in one value.
pub fn group(
    links: &[Link],
    within: &[Link],
    docs: &[DocAnalysis],
    views: &Views,
    dependence: &Dependence,
    texts: &Texts,
) -> Vec<Fact> {
    let nodes = Nodes::of(links);
    let mut facts_uf = UnionFind::<usize>::new(nodes.len());
    let mut values_uf = UnionFind::<usize>::new(nodes.len());
    for link in links {
        let (a, b) = (nodes.index(link, link.a), nodes.index(link, link.b));
        facts_uf.union(a, b);
        if link.relation != Relation::Conflicts {
            values_uf.union(a, b);
        }
    }
    for link in within {
        let key = |at: ClaimRef| nodes.index.get(&(at, link.slot)).copied();
        if let (Some(a), Some(b)) = (key(link.a), key(link.b)) {
            values_uf.union(a, b);
        }
    }
    // Links by fact (its root node), in link order within each.
    let mut by_fact: Vec<(usize, usize)> = links
        .iter()
        .enumerate()
        .map(|(l, link)| (facts_uf.find(nodes.index(link, link.a)), l))
        .collect();
    by_fact.par_sort_unstable();
    let by_fact: Vec<Vec<usize>> = by_fact
        .chunk_by(|x, y| x.0 == y.0)
        .map(|fact| fact.iter().map(|&(_, l)| l).collect())
        .collect();
    let support = Support {
        docs,
        views,
        dependence,
        texts,
    };
    // Facts are built in parallel and collected in `by_fact` order.
    let mut facts: Vec<Fact> = by_fact
        .into_par_iter()
        .map(|fact_links| build(fact_links, links, &nodes, &values_uf, &support))
        .collect();
    facts.sort_by_cached_key(|fact| {
        // Each value's claims are sorted: the fact's first claim is the
        // least of their first ones.
        let first_claim = fact.values.iter().filter_map(|v| v.claims.first()).min();
        (
            !fact.conflict,
            std::cmp::Reverse(fact.outlets.len()),
            first_claim.copied(),
        )
    });
    for (n, fact) in facts.iter_mut().enumerate() {
        fact.id = format!("F{:04}", n + 1);
    }
    facts
}

/// Dense indices of `(claim, slot)` nodes, in order of first use: a claim
/// takes part in one fact per property it states.
struct Nodes {
    index: FxHashMap<(ClaimRef, TextId), usize>,
}

impl Nodes {
    fn of(links: &[Link]) -> Nodes {
        let mut index = FxHashMap::default();
        for link in links {
            for at in [link.a, link.b] {
                let next = index.len();
                index.entry((at, link.slot)).or_insert(next);
            }
        }
        Nodes { index }
    }

    fn len(&self) -> usize {
        self.index.len()
    }

    fn index(&self, link: &Link, at: ClaimRef) -> usize {
        self.index[&(at, link.slot)]
    }
}

/// A claim of a fact: its value class, the claim, and the value it states.
type Stated = (usize, ClaimRef, TextId);

fn build(
    fact_links: Vec<usize>,
    links: &[Link],
    nodes: &Nodes,
    values_uf: &UnionFind<usize>,
    support: &Support,
) -> Fact {
    let stated = same_wording(stated(&fact_links, links, nodes, values_uf));
    let mut values: Vec<FactValue> = stated
        .chunk_by(|x, y| x.0 == y.0)
        .map(|claims| support.value(claims))
        .collect();
    values.sort_by(|x, y| {
        (
            std::cmp::Reverse(x.independent_sources),
            std::cmp::Reverse(x.claims.len()),
            &x.claims,
        )
            .cmp(&(
                std::cmp::Reverse(y.independent_sources),
                std::cmp::Reverse(y.claims.len()),
                &y.claims,
            ))
    });
    let all: Vec<ClaimRef> = values
        .iter()
        .flat_map(|v| v.claims.iter().copied())
        .collect();
    let first = &links[fact_links[0]];
    Fact {
        id: String::new(),
        subject: support.texts.get(first.subject).to_string(),
        slot: support.texts.get(first.slot).to_string(),
        conflict: values.len() > 1,
        outlets: support.outlets(&all),
        independent_sources: support.independent(&all),
        values,
        links: fact_links,
    }
}

/// Each claim of a fact once, with its value class and the value the first
/// of its links gives it, sorted by class and claim. A fact is about one
/// property, so a claim is one node of it, in one class.
fn stated(
    fact_links: &[usize],
    links: &[Link],
    nodes: &Nodes,
    values_uf: &UnionFind<usize>,
) -> Vec<Stated> {
    // Each end with its link's position, so the first link sorts first.
    let mut ends: Vec<(usize, ClaimRef, usize, TextId)> = fact_links
        .iter()
        .enumerate()
        .flat_map(|(n, &l)| {
            let link = &links[l];
            [(link.a, link.value_a), (link.b, link.value_b)]
                .map(|(at, value)| (values_uf.find(nodes.index(link, at)), at, n, value))
        })
        .collect();
    ends.sort_unstable();
    ends.dedup_by_key(|end| end.1);
    ends.into_iter()
        .map(|(class, at, _, value)| (class, at, value))
        .collect()
}

/// Joins value classes that state a value in the same words: claims with
/// no agreement link between them (two reports of one death) are still one
/// value. Takes and gives claims sorted by class and claim.
fn same_wording(mut stated: Vec<Stated>) -> Vec<Stated> {
    if stated.first().map(|s| s.0) == stated.last().map(|s| s.0) {
        // One class, as in most facts: nothing to join.
        return stated;
    }
    // Classes numbered densely, in order.
    let dense: Vec<usize> = stated
        .iter()
        .scan((0, None), |(n, last), s| {
            if last.is_some_and(|last| last != s.0) {
                *n += 1;
            }
            *last = Some(s.0);
            Some(*n)
        })
        .collect();
    let mut uf = UnionFind::<usize>::new(dense.last().map_or(0, |n| n + 1));
    let mut first: FxHashMap<TextId, usize> = FxHashMap::default();
    for (s, &class) in stated.iter().zip(&dense) {
        let first_class = *first.entry(s.2).or_insert(class);
        uf.union(class, first_class);
    }
    for (s, &class) in stated.iter_mut().zip(&dense) {
        s.0 = uf.find(class);
    }
    stated.sort_unstable_by_key(|s| (s.0, s.1));
    stated
}

/// Counts outlets and independent sources.
struct Support<'a> {
    docs: &'a [DocAnalysis],
    views: &'a Views,
    dependence: &'a Dependence,
    texts: &'a Texts,
}

impl Support<'_> {
    /// The value of claims of one class, sorted by claim.
    fn value(&self, claims: &[Stated]) -> FactValue {
        let refs: Vec<ClaimRef> = claims.iter().map(|s| s.1).collect();
        // The wording most claims of the class share, else the first.
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for s in claims {
            *counts.entry(self.texts.get(s.2)).or_default() += 1;
        }
        let value = counts
            .iter()
            .max_by_key(|(v, n)| (**n, std::cmp::Reverse(*v)))
            .map(|(v, _)| (*v).to_string())
            .unwrap_or_default();
        FactValue {
            value,
            outlets: self.outlets(&refs),
            independent_sources: self.independent(&refs),
            claims: refs,
        }
    }

    fn outlets(&self, claims: &[ClaimRef]) -> Vec<String> {
        let set: BTreeSet<&str> = claims
            .iter()
            .filter_map(|c| self.docs.get(c.doc()))
            .map(outlet)
            .collect();
        set.into_iter().map(str::to_string).collect()
    }

    /// Claims count once per dependence group, and claims relaying one named
    /// speaker count once whichever outlet relays them.
    fn independent(&self, claims: &[ClaimRef]) -> usize {
        let mut uf = UnionFind::<usize>::new(claims.len());
        let mut by_group: FxHashMap<usize, usize> = FxHashMap::default();
        let mut by_speaker: FxHashMap<u32, usize> = FxHashMap::default();
        for (n, c) in claims.iter().enumerate() {
            if let Some(&m) = by_group.get(&self.dependence.group(c.doc())) {
                uf.union(n, m);
            } else {
                by_group.insert(self.dependence.group(c.doc()), n);
            }
            if let Some(Party::Entity(e)) = self.views.of_claim(*c).map(|v| v.speaker()) {
                match by_speaker.get(&e) {
                    Some(&m) => {
                        uf.union(n, m);
                    }
                    None => {
                        by_speaker.insert(e, n);
                    }
                }
            }
        }
        // One source per set: count the sets' representatives.
        (0..claims.len()).filter(|&n| uf.find(n) == n).count()
    }
}
