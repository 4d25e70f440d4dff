//! Candidate generation by blocking keys, and constrained best-first
//! clustering with union-find.

use super::local::Graph;
use super::matcher::{self, Verdict};
use super::partial;
use crate::config::Strategy;
use crate::model::{Decision, EntityType};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// Blocks larger than this are not compared all-pairs: their members are
/// sorted by name and each is compared with its next [`WINDOW`] neighbours.
const MAX_BLOCK: usize = 32;
/// Neighbours compared in an oversized block.
const WINDOW: usize = 6;
/// Members of each cluster checked for evidence against a merge.
const MAX_CHECKED: usize = 24;

/// What an analyst decided, in nodes.
#[derive(Debug, Default)]
pub struct Constraints {
    /// Nodes to merge, with the analyst's note.
    pub must: Vec<(usize, usize, String)>,
    /// `(node, tag, side)`: clusters holding both sides of a tag stay apart.
    pub split: Vec<(usize, usize, bool)>,
}

/// One merge edge for `merges.csv`.
#[derive(Clone, Debug)]
pub struct Edge {
    /// A local entity of the left side: locates the entity in the report.
    pub anchor: usize,
    /// Left name.
    pub left: String,
    /// Right name.
    pub right: String,
    /// Matcher score.
    pub score: f64,
    /// Evidence in words.
    pub evidence: String,
    /// Who decided.
    pub decision: Decision,
}

/// The clustering: a cluster per local entity, and how it came about.
#[derive(Debug)]
pub struct Outcome {
    /// `cluster_of[local]`: a cluster number (a node index).
    pub cluster_of: Vec<u32>,
    /// Merge edges.
    pub edges: Vec<Edge>,
    /// Full names put together from parts found apart, per cluster
    /// ("Angela" + "Merkel"): candidates for the canonical name.
    pub constructed: Vec<(usize, String)>,
    /// Warnings per cluster.
    pub flags: Vec<(usize, String)>,
}

/// Union-find over nodes that keeps each cluster's members and split tags.
pub struct Clusters {
    parent: Vec<usize>,
    /// Members of each root, in merge order.
    pub members: Vec<Vec<usize>>,
    tags: Vec<Vec<(usize, bool)>>,
}

impl Clusters {
    fn new(nodes: usize, constraints: &Constraints) -> Clusters {
        let mut tags = vec![Vec::new(); nodes];
        for &(node, tag, side) in &constraints.split {
            tags[node].push((tag, side));
        }
        Clusters {
            parent: (0..nodes).collect(),
            members: (0..nodes).map(|n| vec![n]).collect(),
            tags,
        }
    }

    /// The root of a node's cluster. Union by size keeps trees shallow,
    /// so finding needs no path compression and can be shared by threads.
    pub fn find(&self, mut node: usize) -> usize {
        while self.parent[node] != node {
            node = self.parent[node];
        }
        node
    }

    /// An analyst said the two clusters are different.
    pub fn split_between(&self, a: usize, b: usize) -> bool {
        let (ra, rb) = (self.find(a), self.find(b));
        self.tags[ra]
            .iter()
            .any(|&(tag, side)| self.tags[rb].contains(&(tag, !side)))
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let (keep, gone) = if self.members[ra].len() >= self.members[rb].len() {
            (ra, rb)
        } else {
            (rb, ra)
        };
        self.parent[gone] = keep;
        let members = std::mem::take(&mut self.members[gone]);
        self.members[keep].extend(members);
        let tags = std::mem::take(&mut self.tags[gone]);
        self.tags[keep].extend(tags);
    }
}

/// Clusters the graph's nodes and attaches partial names.
pub fn resolve(graph: &Graph, constraints: &Constraints, strategy: Strategy) -> Outcome {
    let mut clusters = Clusters::new(graph.nodes.len(), constraints);
    let mut edges = Vec::new();
    for (a, b, note) in &constraints.must {
        clusters.union(*a, *b);
        edges.push(edge(
            graph,
            *a,
            *b,
            1.0,
            analyst_note("merged by an analyst", note),
            Decision::Accepted,
        ));
    }
    let mut attached = partial::Attached::default();
    if strategy == Strategy::Evidence {
        for (a, b, verdict) in scored_candidates(graph) {
            merge_if_allowed(graph, &mut clusters, a, b, verdict, &mut edges);
        }
        attached = partial::attach(graph, &clusters);
    }
    let cluster_of = (0..graph.locals.len())
        .into_par_iter()
        .map(|l| {
            let joined = attached.cluster_of.get(&l).copied();
            clusters.find(joined.unwrap_or(graph.locals[l].node())) as u32
        })
        .collect();
    let mut outcome = Outcome {
        cluster_of,
        edges,
        constructed: attached.constructed,
        flags: attached.flags,
    };
    for (cluster, _) in outcome
        .constructed
        .iter_mut()
        .chain(outcome.flags.iter_mut())
    {
        *cluster = clusters.find(*cluster);
    }
    outcome.edges.extend(attached.edges);
    outcome
}

fn analyst_note(what: &str, note: &str) -> String {
    if note.is_empty() {
        what.to_string()
    } else {
        format!("{what}: {note}")
    }
}

fn edge(
    graph: &Graph,
    a: usize,
    b: usize,
    score: f64,
    evidence: String,
    decision: Decision,
) -> Edge {
    Edge {
        anchor: graph.nodes[a].locals[0] as usize,
        left: graph.nodes[a].name.surface.clone(),
        right: graph.nodes[b].name.surface.clone(),
        score,
        evidence,
        decision,
    }
}

/// Joins two clusters unless an analyst split them (a rejected merge) or
/// some member pair has evidence against it.
fn merge_if_allowed(
    graph: &Graph,
    clusters: &mut Clusters,
    a: usize,
    b: usize,
    verdict: Verdict,
    edges: &mut Vec<Edge>,
) {
    let (ra, rb) = (clusters.find(a), clusters.find(b));
    if ra == rb {
        return;
    }
    if clusters.split_between(a, b) {
        edges.push(edge(
            graph,
            a,
            b,
            verdict.score,
            verdict.evidence_text(),
            Decision::Rejected,
        ));
        return;
    }
    if blocked_between(graph, &clusters.members[ra], &clusters.members[rb]) {
        return;
    }
    clusters.union(a, b);
    edges.push(edge(
        graph,
        a,
        b,
        verdict.score,
        verdict.evidence_text(),
        Decision::Auto,
    ));
}

/// Evidence against joining two clusters: a member pair the matcher blocks
/// (different types, distinct places, a distinguishing extension, two full
/// names that share only one name).
pub fn blocked_between(graph: &Graph, left: &[usize], right: &[usize]) -> bool {
    left.par_iter().take(MAX_CHECKED).any(|&x| {
        right.iter().take(MAX_CHECKED).any(|&y| {
            let (nx, ny) = (&graph.nodes[x], &graph.nodes[y]);
            matcher::compare(&nx.name, nx.entity_type, &ny.name, ny.entity_type).blocked
        })
    })
}

/// Candidate pairs that the matcher (with context) says are the same,
/// best first; ties in name order, so the result is deterministic.
fn scored_candidates(graph: &Graph) -> Vec<(usize, usize, Verdict)> {
    let pairs = candidates(graph);
    let mut scored: Vec<(usize, usize, Verdict)> = pairs
        .par_iter()
        .filter_map(|&(a, b)| {
            let verdict = score(graph, a, b);
            verdict.same().then_some((a, b, verdict))
        })
        .collect();
    scored.sort_by(|x, y| {
        y.2.score
            .total_cmp(&x.2.score)
            .then_with(|| (x.0, x.1).cmp(&(y.0, y.1)))
    });
    scored
}

/// The matcher's verdict on two nodes, with their context.
pub fn score(graph: &Graph, a: usize, b: usize) -> Verdict {
    let (na, nb) = (&graph.nodes[a], &graph.nodes[b]);
    let verdict = matcher::compare(&na.name, na.entity_type, &nb.name, nb.entity_type);
    if verdict.blocked || verdict.score <= 0.0 {
        return verdict;
    }
    let roles: Vec<String> = shared(&na.roles, &nb.roles)
        .into_iter()
        .map(|r| graph.role_key(r).to_string())
        .collect();
    let neighbours: Vec<String> = shared(&na.neighbours, &nb.neighbours)
        .into_iter()
        .map(|n| graph.nodes[n].name.surface.clone())
        .collect();
    verdict.with_context(&roles, &neighbours)
}

/// Items in both sorted lists.
pub fn shared<T: Ord + Clone>(a: &[T], b: &[T]) -> Vec<T> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i].clone());
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Blocking keys of a node: each core word's phonetic key, the words
/// written together, acronym letters sorted (an acronym's own, or a long
/// form's initials), and the gazetteer entry.
fn blocking_keys(node: &super::local::Node) -> Vec<String> {
    let name = &node.name;
    let mut keys: Vec<String> = name
        .core()
        .filter(|t| t.key.len() >= 2)
        .map(|t| format!("p:{}", t.key))
        .collect();
    keys.push(format!("j:{}", name.core_joined()));
    if let Some(letters) = &name.acronym {
        keys.push(format!("a:{}", matcher::sorted(letters)));
    }
    if name.tokens.len() >= 2 {
        keys.extend(
            name.initials()
                .iter()
                .map(|i| format!("a:{}", matcher::sorted(i))),
        );
    }
    if let Some(place) = super::words::place_entry(&name.surface) {
        keys.push(format!("g:{place}"));
    }
    keys.sort();
    keys.dedup();
    keys
}

/// Pairs of nodes that share a blocking key, sorted and unique. A lone
/// given name or surname of a person meets only untyped names here (the
/// same word typed differently); it joins people afterwards
/// ([`partial::attach`]).
fn candidates(graph: &Graph) -> Vec<(usize, usize)> {
    let mut blocks: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, node) in graph.nodes.iter().enumerate() {
        for key in blocking_keys(node) {
            blocks.entry(key).or_default().push(index);
        }
    }
    let blocks: BTreeMap<String, Vec<usize>> = blocks.into_iter().collect();
    let mut pairs: Vec<(usize, usize)> = blocks
        .par_iter()
        .flat_map_iter(|(_, members)| block_pairs(members))
        .collect();
    pairs.retain(|&(a, b)| partial_allowed(graph, a, b) && partial_allowed(graph, b, a));
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

fn partial_allowed(graph: &Graph, part: usize, other: usize) -> bool {
    let other = &graph.nodes[other];
    !graph.nodes[part].partial || (other.entity_type != EntityType::Person && !other.partial)
}

/// Node indices are sorted by name, so an oversized block compares each
/// node with the next few in name order.
fn block_pairs(members: &[usize]) -> Vec<(usize, usize)> {
    let reach = if members.len() > MAX_BLOCK {
        WINDOW
    } else {
        members.len()
    };
    let mut pairs = Vec::new();
    for (i, &a) in members.iter().enumerate() {
        for &b in members.iter().skip(i + 1).take(reach) {
            pairs.push((a.min(b), a.max(b)));
        }
    }
    pairs
}
