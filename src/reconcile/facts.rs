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
    let mut by_fact: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (l, link) in links.iter().enumerate() {
        by_fact
            .entry(facts_uf.find(nodes.index(link, link.a)))
            .or_default()
            .push(l);
    }
    let support = Support {
        docs,
        views,
        dependence,
        texts,
    };
    // Facts are built in parallel and collected in `by_fact` order.
    let by_fact: Vec<Vec<usize>> = by_fact.into_values().collect();
    let mut facts: Vec<Fact> = by_fact
        .par_iter()
        .map(|fact_links| build(fact_links, links, &nodes, &values_uf, &support))
        .collect();
    facts.sort_by_cached_key(|fact| {
        (
            !fact.conflict,
            std::cmp::Reverse(fact.outlets.len()),
            fact.claims().first().copied(),
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

fn build(
    fact_links: &[usize],
    links: &[Link],
    nodes: &Nodes,
    values_uf: &UnionFind<usize>,
    support: &Support,
) -> Fact {
    let mut classes: BTreeMap<usize, BTreeMap<ClaimRef, TextId>> = BTreeMap::new();
    for &l in fact_links {
        let link = &links[l];
        for (at, value) in [(link.a, link.value_a), (link.b, link.value_b)] {
            let class = values_uf.find(nodes.index(link, at));
            classes.entry(class).or_default().entry(at).or_insert(value);
        }
    }
    let mut values: Vec<FactValue> = same_wording(classes.into_values().collect())
        .iter()
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
        links: fact_links.to_vec(),
    }
}

/// Joins value classes that state a value in the same words: claims with
/// no agreement link between them (two reports of one death) are still one
/// value.
fn same_wording(classes: Vec<BTreeMap<ClaimRef, TextId>>) -> Vec<BTreeMap<ClaimRef, TextId>> {
    let mut uf = UnionFind::<usize>::new(classes.len());
    let mut first: BTreeMap<TextId, usize> = BTreeMap::new();
    for (n, class) in classes.iter().enumerate() {
        for &value in class.values() {
            match first.get(&value) {
                Some(&m) => {
                    uf.union(n, m);
                }
                None => {
                    first.insert(value, n);
                }
            }
        }
    }
    let labels = uf.into_labeling();
    let mut merged: BTreeMap<usize, BTreeMap<ClaimRef, TextId>> = BTreeMap::new();
    for (class, label) in classes.into_iter().zip(labels) {
        merged.entry(label).or_default().extend(class);
    }
    merged.into_values().collect()
}

/// Counts outlets and independent sources.
struct Support<'a> {
    docs: &'a [DocAnalysis],
    views: &'a Views,
    dependence: &'a Dependence,
    texts: &'a Texts,
}

impl Support<'_> {
    fn value(&self, claims: &BTreeMap<ClaimRef, TextId>) -> FactValue {
        let refs: Vec<ClaimRef> = claims.keys().copied().collect();
        // The wording most claims of the class share, else the first.
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for &value in claims.values() {
            *counts.entry(self.texts.get(value)).or_default() += 1;
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
