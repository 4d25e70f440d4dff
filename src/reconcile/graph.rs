//! The claim graph: documents, entities and linked claims as nodes; mentions,
//! same-as merges, shared passages and agreement or conflict as edges. Built
//! for export (GraphML, DOT). Claims without any link are left out: they
//! would bury the structure an analyst opens the graph for.

use super::{ClaimRef, Reconciliation};
use crate::model::{claim_id, Decision, DocAnalysis, MentionRef, Resolution};
use petgraph::graph::{Graph, NodeIndex};
use std::collections::BTreeMap;

/// A node of the claim graph.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// A document, with its outlet.
    Document {
        /// Document id.
        doc_id: String,
        /// Its outlet.
        outlet: String,
    },
    /// A resolved entity.
    Entity {
        /// Entity id.
        id: String,
        /// Canonical name.
        name: String,
        /// Type word.
        entity_type: String,
    },
    /// A name variant that took part in a merge.
    Name(String),
    /// A claim that takes part in a link.
    Claim {
        /// Claim id as in `claims.csv`.
        id: String,
        /// Claim kind word.
        kind: String,
        /// Cited text.
        text: String,
    },
}

impl Node {
    /// Stable id for exports.
    pub fn id(&self) -> String {
        match self {
            Node::Document { doc_id, .. } => format!("doc:{doc_id}"),
            Node::Entity { id, .. } => format!("entity:{id}"),
            Node::Name(name) => format!("name:{name}"),
            Node::Claim { id, .. } => format!("claim:{id}"),
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
        match self {
            Node::Document { doc_id, outlet } if outlet != doc_id => format!("{outlet} ({doc_id})"),
            Node::Document { doc_id, .. } => doc_id.clone(),
            Node::Entity { name, .. } => name.clone(),
            Node::Name(name) => name.clone(),
            Node::Claim { text, .. } => text.chars().take(80).collect(),
        }
    }
}

/// An edge of the claim graph.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// `mentions`, `states`, `about`, `same-as`, `names`, `shares-passages`,
    /// `agrees`, `compatible` or `conflicts`.
    pub relation: &'static str,
    /// Why, in words (empty for structural edges).
    pub reason: String,
    /// Weight: mention count, passage count or link score.
    pub weight: f64,
}

/// The graph, with nodes in a deterministic order.
pub type ClaimGraph = Graph<Node, Edge>;

/// Builds the claim graph of a run.
pub fn build(
    docs: &[DocAnalysis],
    resolution: &Resolution,
    reconciliation: &Reconciliation,
) -> ClaimGraph {
    let mut builder = Builder::default();
    let doc_nodes: Vec<NodeIndex> = docs
        .iter()
        .map(|doc| {
            builder.graph.add_node(Node::Document {
                doc_id: doc.record.doc_id.clone(),
                outlet: super::facts::outlet(doc).to_string(),
            })
        })
        .collect();
    let entity_nodes: Vec<NodeIndex> = resolution
        .entities
        .iter()
        .map(|e| {
            builder.graph.add_node(Node::Entity {
                id: e.id.clone(),
                name: e.name.clone(),
                entity_type: e.entity_type.as_str().to_string(),
            })
        })
        .collect();
    builder.mentions(docs, resolution, &doc_nodes, &entity_nodes);
    builder.merges(resolution, &entity_nodes);
    for shared in &reconciliation.dependence.shared {
        builder.edge(
            doc_nodes[shared.a],
            doc_nodes[shared.b],
            "shares-passages",
            String::new(),
            shared.passages as f64,
        );
    }
    for link in &reconciliation.links {
        let a = builder.claim(docs, link.a, &doc_nodes, resolution, &entity_nodes);
        let b = builder.claim(docs, link.b, &doc_nodes, resolution, &entity_nodes);
        builder.edge(
            a,
            b,
            link.relation.as_str(),
            reconciliation.text(link.reason).to_string(),
            link.score,
        );
    }
    builder.graph
}

#[derive(Default)]
struct Builder {
    graph: ClaimGraph,
    claims: BTreeMap<ClaimRef, NodeIndex>,
    names: BTreeMap<String, NodeIndex>,
}

impl Builder {
    fn edge(
        &mut self,
        a: NodeIndex,
        b: NodeIndex,
        relation: &'static str,
        reason: String,
        weight: f64,
    ) {
        self.graph.add_edge(
            a,
            b,
            Edge {
                relation,
                reason,
                weight,
            },
        );
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
                if let Some(&e) = resolution.entity_of.get(d).and_then(|v| v.get(m)) {
                    *counts.entry(e).or_default() += 1;
                }
            }
            for (e, n) in counts {
                if let Some(&target) = entity_nodes.get(e) {
                    self.edge(doc_nodes[d], target, "mentions", String::new(), n as f64);
                }
            }
        }
    }

    /// Name variants joined by the merges that made each entity.
    fn merges(&mut self, resolution: &Resolution, entity_nodes: &[NodeIndex]) {
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
            self.edge(left, right, "same-as", merge.evidence.clone(), merge.score);
            if let Some(&entity) = by_id.get(merge.entity_id.as_str()) {
                for name in [left, right] {
                    if self.graph.find_edge(name, entity_nodes[entity]).is_none() {
                        self.edge(name, entity_nodes[entity], "names", String::new(), 1.0);
                    }
                }
            }
        }
    }

    fn name(&mut self, variant: &str) -> NodeIndex {
        if let Some(&node) = self.names.get(variant) {
            return node;
        }
        let node = self.graph.add_node(Node::Name(variant.to_string()));
        self.names.insert(variant.to_string(), node);
        node
    }

    /// The node of a claim, added on first use with its `states` and
    /// `about` edges.
    fn claim(
        &mut self,
        docs: &[DocAnalysis],
        at: ClaimRef,
        doc_nodes: &[NodeIndex],
        resolution: &Resolution,
        entity_nodes: &[NodeIndex],
    ) -> NodeIndex {
        if let Some(&node) = self.claims.get(&at) {
            return node;
        }
        let doc = &docs[at.doc];
        let claim = &doc.claims[at.claim];
        let node = self.graph.add_node(Node::Claim {
            id: claim_id(&doc.record.doc_id, at.claim),
            kind: claim.kind.as_str().to_string(),
            text: doc.sentence_text(claim.sentence).to_string(),
        });
        self.claims.insert(at, node);
        self.edge(doc_nodes[at.doc], node, "states", String::new(), 1.0);
        let args = [&claim.subject, &claim.object, &claim.speaker];
        let mut entities: Vec<usize> = args
            .iter()
            .filter_map(|arg| arg.as_ref()?.mention)
            .filter_map(|mention| {
                resolution.entity(MentionRef {
                    doc: at.doc,
                    mention,
                })?;
                resolution.entity_of.get(at.doc)?.get(mention).copied()
            })
            .collect();
        entities.sort_unstable();
        entities.dedup();
        for e in entities {
            self.edge(node, entity_nodes[e], "about", String::new(), 1.0);
        }
        node
    }
}
