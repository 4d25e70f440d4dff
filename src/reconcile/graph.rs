//! The claim graph: documents, entities and linked claims as nodes; mentions,
//! same-as merges, shared passages and agreement or conflict as edges. Built
//! for export (GraphML, DOT). Claims without any link are left out: they
//! would bury the structure an analyst opens the graph for. Nodes and edges
//! borrow their words from the analysis: at scale the graph holds millions
//! of claims, whose text is already there.

use super::texts::TextId;
use super::{ClaimRef, Reconciliation, Relation};
use crate::model::{ClaimId, Decision, DocAnalysis, MentionRef, Resolution};
use petgraph::graph::{Graph, NodeIndex};
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::fmt;

/// A node of the claim graph.
#[derive(Clone, Debug, PartialEq)]
pub enum Node<'a> {
    /// A document, with its outlet.
    Document {
        /// Document id.
        doc_id: &'a str,
        /// Its outlet.
        outlet: &'a str,
    },
    /// A resolved entity.
    Entity {
        /// Entity id.
        id: &'a str,
        /// Canonical name.
        name: &'a str,
        /// Type word.
        entity_type: &'static str,
    },
    /// A name variant that took part in a merge.
    Name(&'a str),
    /// A claim that takes part in a link.
    Claim {
        /// Id of its document.
        doc_id: &'a str,
        /// Its index in the document.
        index: usize,
        /// Claim kind word.
        kind: &'static str,
        /// Cited text.
        text: &'a str,
    },
}

impl Node<'_> {
    /// Stable id for exports.
    pub fn id(&self) -> String {
        let mut id = String::new();
        // Writing into a String cannot fail.
        let _ = self.write_id(&mut id);
        id
    }

    /// Writes the stable id, in pieces: exports escape them as they go,
    /// with no id built per node and per edge end.
    pub fn write_id(&self, out: &mut impl fmt::Write) -> fmt::Result {
        let (prefix, text, claim) = self.id_pieces();
        out.write_str(prefix)?;
        match claim {
            Some(index) => write!(out, "{}", ClaimId(text, index)),
            None => out.write_str(text),
        }
    }

    /// The id's pieces: a prefix, text that may need escaping, and for a
    /// claim its number (the id then goes on as a [`ClaimId`]). Exports
    /// write the pieces themselves: every edge writes the ids of both its
    /// ends, and the formatting machinery cost more than the writing.
    pub fn id_pieces(&self) -> (&'static str, &str, Option<usize>) {
        match self {
            Node::Document { doc_id, .. } => ("doc:", doc_id, None),
            Node::Entity { id, .. } => ("entity:", id, None),
            Node::Name(name) => ("name:", name, None),
            Node::Claim { doc_id, index, .. } => ("claim:", doc_id, Some(*index)),
        }
    }

    /// Node type word.
    pub fn kind(&self) -> &'static str {
        match self {
            Node::Document { .. } => "document",
            Node::Entity { .. } => "entity",
            Node::Name(_) => "name",
            Node::Claim { .. } => "claim",
        }
    }

    /// A short label.
    pub fn label(&self) -> String {
        let mut label = String::new();
        // Writing into a String cannot fail.
        let _ = self.write_label(&mut label);
        label
    }

    /// Writes the short label, in pieces (see [`Node::write_id`]).
    pub fn write_label(&self, out: &mut impl fmt::Write) -> fmt::Result {
        /// Characters of a claim's text in its label.
        const CLAIM_CHARS: usize = 80;
        match self {
            Node::Document { doc_id, outlet } if outlet != doc_id => {
                write!(out, "{outlet} ({doc_id})")
            }
            Node::Document { doc_id, .. } => out.write_str(doc_id),
            Node::Entity { name, .. } | Node::Name(name) => out.write_str(name),
            Node::Claim { text, .. } => {
                let end = text
                    .char_indices()
                    .nth(CLAIM_CHARS)
                    .map_or(text.len(), |(at, _)| at);
                out.write_str(&text[..end])
            }
        }
    }
}

/// An edge of the claim graph. At scale the graph holds millions of edges,
/// so an edge is 16 bytes: its reason is a number in the graph's list of
/// reasons, which links share.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Edge {
    /// Weight: mention count, passage count or link score.
    pub weight: f64,
    /// Index of the reason in [`ClaimGraph::reasons`].
    pub reason: u32,
    /// What the edge stands for.
    pub relation: EdgeKind,
}

/// What an edge stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EdgeKind {
    /// A document mentions an entity.
    Mentions,
    /// A document states a claim.
    States,
    /// A claim is about an entity.
    About,
    /// Two name variants were merged.
    SameAs,
    /// A name variant names an entity.
    Names,
    /// Two documents share passages.
    SharesPassages,
    /// A link between two claims.
    Link(Relation),
}

impl EdgeKind {
    /// The word exports write.
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Mentions => "mentions",
            EdgeKind::States => "states",
            EdgeKind::About => "about",
            EdgeKind::SameAs => "same-as",
            EdgeKind::Names => "names",
            EdgeKind::SharesPassages => "shares-passages",
            EdgeKind::Link(relation) => relation.as_str(),
        }
    }
}

/// The graph, with nodes in a deterministic order, and the reasons its
/// edges give.
#[derive(Debug)]
pub struct ClaimGraph<'a> {
    /// Nodes and edges.
    pub graph: Graph<Node<'a>, Edge>,
    /// Why, in words, for each edge's `reason`; the first, for structural
    /// edges, is empty.
    pub reasons: Vec<&'a str>,
}

impl Default for ClaimGraph<'_> {
    fn default() -> Self {
        ClaimGraph {
            graph: Graph::new(),
            reasons: vec![""],
        }
    }
}

impl<'a> ClaimGraph<'a> {
    /// Why an edge is there, in words (empty for structural edges).
    pub fn reason(&self, edge: &Edge) -> &'a str {
        self.reasons[edge.reason as usize]
    }

    /// Adds a reason for edges to give.
    pub fn add_reason(&mut self, reason: &'a str) -> u32 {
        self.reasons.push(reason);
        (self.reasons.len() - 1) as u32
    }
}

/// Builds the claim graph of a run.
pub fn build<'a>(
    docs: &'a [DocAnalysis],
    resolution: &'a Resolution,
    reconciliation: &'a Reconciliation,
) -> ClaimGraph<'a> {
    let mut builder = Builder {
        out: ClaimGraph::default(),
        claims: ClaimNodes::of(docs),
        names: BTreeMap::new(),
        link_reasons: FxHashMap::default(),
    };
    let doc_nodes: Vec<NodeIndex> = docs
        .iter()
        .map(|doc| {
            builder.out.graph.add_node(Node::Document {
                doc_id: &doc.record.doc_id,
                outlet: super::facts::outlet(doc),
            })
        })
        .collect();
    let entity_nodes: Vec<NodeIndex> = resolution
        .entities
        .iter()
        .map(|e| {
            builder.out.graph.add_node(Node::Entity {
                id: &e.id,
                name: &e.name,
                entity_type: e.entity_type.as_str(),
            })
        })
        .collect();
    builder.mentions(docs, resolution, &doc_nodes, &entity_nodes);
    builder.merges(resolution, &entity_nodes);
    for shared in &reconciliation.dependence.shared {
        builder.edge(
            doc_nodes[shared.a],
            doc_nodes[shared.b],
            EdgeKind::SharesPassages,
            NO_REASON,
            shared.passages as f64,
        );
    }
    for link in &reconciliation.links {
        let a = builder.claim(docs, link.a, &doc_nodes, resolution, &entity_nodes);
        let b = builder.claim(docs, link.b, &doc_nodes, resolution, &entity_nodes);
        let reason = builder.link_reason(reconciliation, link.reason);
        builder.edge(a, b, EdgeKind::Link(link.relation), reason, link.score);
    }
    builder.out
}

/// The reason of structural edges: none.
const NO_REASON: u32 = 0;

struct Builder<'a> {
    out: ClaimGraph<'a>,
    claims: ClaimNodes,
    names: BTreeMap<&'a str, NodeIndex>,
    /// Reasons of links, by their text: millions of links give a few
    /// thousand reasons.
    link_reasons: FxHashMap<TextId, u32>,
}

impl<'a> Builder<'a> {
    fn edge(&mut self, a: NodeIndex, b: NodeIndex, relation: EdgeKind, reason: u32, weight: f64) {
        self.out.graph.add_edge(
            a,
            b,
            Edge {
                weight,
                reason,
                relation,
            },
        );
    }

    fn link_reason(&mut self, reconciliation: &'a Reconciliation, text: TextId) -> u32 {
        if let Some(&reason) = self.link_reasons.get(&text) {
            return reason;
        }
        let reason = self.out.add_reason(reconciliation.text(text));
        self.link_reasons.insert(text, reason);
        reason
    }

    /// One `mentions` edge per document and entity, weighted by count.
    fn mentions(
        &mut self,
        docs: &[DocAnalysis],
        resolution: &Resolution,
        doc_nodes: &[NodeIndex],
        entity_nodes: &[NodeIndex],
    ) {
        for (d, doc) in docs.iter().enumerate() {
            let mut counts: BTreeMap<usize, usize> = BTreeMap::new();
            for m in 0..doc.mentions.len() {
                if let Some(e) = resolution.entity_index(d, m) {
                    *counts.entry(e).or_default() += 1;
                }
            }
            for (e, n) in counts {
                if let Some(&target) = entity_nodes.get(e) {
                    self.edge(
                        doc_nodes[d],
                        target,
                        EdgeKind::Mentions,
                        NO_REASON,
                        n as f64,
                    );
                }
            }
        }
    }

    /// Name variants joined by the merges that made each entity.
    fn merges(&mut self, resolution: &'a Resolution, entity_nodes: &[NodeIndex]) {
        let by_id: BTreeMap<&str, usize> = resolution
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();
        for merge in resolution
            .merges
            .iter()
            .filter(|m| m.decision != Decision::Rejected)
        {
            let left = self.name(&merge.left);
            let right = self.name(&merge.right);
            let evidence = self.out.add_reason(&merge.evidence);
            self.edge(left, right, EdgeKind::SameAs, evidence, merge.score);
            if let Some(&entity) = by_id.get(merge.entity_id.as_str()) {
                for name in [left, right] {
                    if self
                        .out
                        .graph
                        .find_edge(name, entity_nodes[entity])
                        .is_none()
                    {
                        self.edge(name, entity_nodes[entity], EdgeKind::Names, NO_REASON, 1.0);
                    }
                }
            }
        }
    }

    fn name(&mut self, variant: &'a str) -> NodeIndex {
        if let Some(&node) = self.names.get(variant) {
            return node;
        }
        let node = self.out.graph.add_node(Node::Name(variant));
        self.names.insert(variant, node);
        node
    }

    /// The node of a claim, added on first use with its `states` and
    /// `about` edges.
    fn claim(
        &mut self,
        docs: &'a [DocAnalysis],
        at: ClaimRef,
        doc_nodes: &[NodeIndex],
        resolution: &Resolution,
        entity_nodes: &[NodeIndex],
    ) -> NodeIndex {
        if let Some(node) = self.claims.get(at) {
            return node;
        }
        let doc = &docs[at.doc()];
        let claim = &doc.claims[at.claim()];
        let node = self.out.graph.add_node(Node::Claim {
            doc_id: &doc.record.doc_id,
            index: at.claim(),
            kind: claim.kind.as_str(),
            text: doc.sentence_text(claim.sentence()),
        });
        self.claims.set(at, node);
        self.edge(doc_nodes[at.doc()], node, EdgeKind::States, NO_REASON, 1.0);
        let args = [
            claim.subject.as_ref(),
            claim.object.as_ref(),
            claim.speaker.as_deref(),
        ];
        let mut entities: Vec<usize> = args
            .iter()
            .filter_map(|arg| arg.as_ref()?.mention())
            .filter_map(|mention| {
                resolution.entity(MentionRef::new(at.doc(), mention))?;
                resolution.entity_index(at.doc(), mention)
            })
            .collect();
        entities.sort_unstable();
        entities.dedup();
        for e in entities {
            self.edge(node, entity_nodes[e], EdgeKind::About, NO_REASON, 1.0);
        }
        node
    }
}

/// The node of each claim that has one, in an array by claim: millions of
/// links look their two claims up.
struct ClaimNodes {
    /// Position of each document's first claim.
    first: Vec<usize>,
    /// Node of each claim, [`NodeIndex::end`] for none yet.
    nodes: Vec<NodeIndex>,
}

impl ClaimNodes {
    fn of(docs: &[DocAnalysis]) -> ClaimNodes {
        let first: Vec<usize> = docs
            .iter()
            .scan(0, |next, doc| {
                let first = *next;
                *next += doc.claims.len();
                Some(first)
            })
            .collect();
        let claims = docs.iter().map(|doc| doc.claims.len()).sum();
        ClaimNodes {
            first,
            nodes: vec![NodeIndex::end(); claims],
        }
    }

    fn position(&self, at: ClaimRef) -> usize {
        self.first[at.doc()] + at.claim()
    }

    fn get(&self, at: ClaimRef) -> Option<NodeIndex> {
        Some(self.nodes[self.position(at)]).filter(|&node| node != NodeIndex::end())
    }

    fn set(&mut self, at: ClaimRef, node: NodeIndex) {
        let position = self.position(at);
        self.nodes[position] = node;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Edges are the bulk of the graph's memory at scale (millions of them).
    #[test]
    fn an_edge_takes_16_bytes() {
        assert_eq!(std::mem::size_of::<Edge>(), 16);
    }

    #[test]
    fn edge_kinds_are_written_as_the_exports_document_them() {
        let words: Vec<&str> = [
            EdgeKind::Mentions,
            EdgeKind::SameAs,
            EdgeKind::SharesPassages,
            EdgeKind::Link(Relation::Compatible),
        ]
        .map(EdgeKind::as_str)
        .to_vec();
        assert_eq!(
            words,
            ["mentions", "same-as", "shares-passages", "compatible"]
        );
    }
}
