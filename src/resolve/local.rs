//! The units resolution works on: local entities (one per chain of linked
//! mentions in a document) and nodes (local entities whose names fold to
//! the same string, across documents).

use super::name::Name;
use crate::config::Strategy;
use crate::model::{DocAnalysis, EntityType, Mention};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Most entities a node remembers as mentioned alongside it.
const MAX_NEIGHBOURS: usize = 64;

/// Mentions of one document that name one thing.
#[derive(Debug)]
pub struct Local {
    /// Document index.
    pub doc: usize,
    /// Mention indices, in text order.
    pub mentions: Vec<usize>,
    /// The fullest of them: it names the local entity.
    pub head: usize,
    /// Its node.
    pub node: usize,
    /// Roles and titles of its mentions ([`role_key`]), sorted.
    pub roles: Vec<String>,
}

/// Local entities of one type whose names fold to the same string.
#[derive(Debug)]
pub struct Node {
    /// Folded name.
    pub key: String,
    /// Type.
    pub entity_type: EntityType,
    /// The name, as most often written.
    pub name: Name,
    /// Local entities, in document order.
    pub locals: Vec<usize>,
    /// A lone given name or surname of a person: resolved by [`super::partial`].
    pub partial: bool,
    /// Roles and titles seen with it, lowercase, sorted.
    pub roles: Vec<String>,
    /// Other nodes mentioned in the same documents, sorted.
    pub neighbours: Vec<usize>,
}

/// Everything resolution needs from the documents.
#[derive(Debug)]
pub struct Graph {
    /// Local entities, by document then first mention.
    pub locals: Vec<Local>,
    /// Nodes, sorted by key then type.
    pub nodes: Vec<Node>,
    /// `local_of[doc][mention]`: the local entity of a mention.
    pub local_of: Vec<Vec<usize>>,
    /// Document ids, for evidence.
    pub doc_ids: Vec<String>,
}

impl Graph {
    /// Builds local entities and nodes. The baseline strategy links nothing
    /// within documents and ignores types.
    pub fn build(docs: &[DocAnalysis], strategy: Strategy) -> Graph {
        let mut locals = Vec::new();
        let mut local_of = Vec::with_capacity(docs.len());
        for (doc, analysis) in docs.iter().enumerate() {
            let chains = match strategy {
                Strategy::Evidence => chains(&analysis.mentions),
                Strategy::ExactName => (0..analysis.mentions.len()).map(|m| vec![m]).collect(),
            };
            let mut of = vec![0; analysis.mentions.len()];
            for mentions in chains {
                for &m in &mentions {
                    of[m] = locals.len();
                }
                let head = fullest(&analysis.mentions, &mentions);
                let roles: BTreeSet<String> = mentions
                    .iter()
                    .filter_map(|&m| analysis.mentions[m].role.as_deref().and_then(role_key))
                    .collect();
                locals.push(Local {
                    doc,
                    mentions,
                    head,
                    node: 0,
                    roles: roles.into_iter().collect(),
                });
            }
            local_of.push(of);
        }
        let nodes = nodes(docs, &mut locals, strategy);
        let mut graph = Graph {
            locals,
            nodes,
            local_of,
            doc_ids: docs.iter().map(|d| d.record.doc_id.clone()).collect(),
        };
        graph.add_context();
        graph
    }

    /// The mention a local entity is named by.
    pub fn head<'d>(&self, docs: &'d [DocAnalysis], local: usize) -> &'d Mention {
        let l = &self.locals[local];
        &docs[l.doc].mentions[l.head]
    }

    /// Roles and co-mentioned nodes per node.
    fn add_context(&mut self) {
        let mut roles: Vec<BTreeSet<String>> = vec![BTreeSet::new(); self.nodes.len()];
        let mut neighbours: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); self.nodes.len()];
        let mut start = 0;
        while start < self.locals.len() {
            let doc = self.locals[start].doc;
            let end = start
                + self.locals[start..]
                    .iter()
                    .take_while(|l| l.doc == doc)
                    .count();
            let in_doc: BTreeSet<usize> = self.locals[start..end]
                .iter()
                .map(|l| l.node)
                .filter(|&n| !self.nodes[n].partial)
                .collect();
            for local in &self.locals[start..end] {
                roles[local.node].extend(local.roles.iter().cloned());
                let set = &mut neighbours[local.node];
                for &other in &in_doc {
                    if set.len() >= MAX_NEIGHBOURS {
                        break;
                    }
                    if other != local.node {
                        set.insert(other);
                    }
                }
            }
            start = end;
        }
        for (node, (roles, neighbours)) in
            self.nodes.iter_mut().zip(roles.into_iter().zip(neighbours))
        {
            node.roles = roles.into_iter().collect();
            node.neighbours = neighbours.into_iter().collect();
        }
    }
}

/// A role as context evidence: lowercase, spaces collapsed. Honorifics
/// ("Mr", "Dr") are shared by too many people to count.
pub fn role_key(role: &str) -> Option<String> {
    let key = role
        .split_whitespace()
        .map(|w| w.trim_matches('.').to_lowercase())
        .collect::<Vec<_>>()
        .join(" ");
    (key.chars().filter(|c| c.is_alphabetic()).count() > 3).then_some(key)
}

/// Groups a document's mentions by the root of their `refers_to` chains.
/// Broken or cyclic links end the chain where they break.
fn chains(mentions: &[Mention]) -> Vec<Vec<usize>> {
    let root = |start: usize| {
        let mut at = start;
        for _ in 0..mentions.len() {
            match mentions[at].refers_to {
                Some(next) if next < mentions.len() && next != at => at = next,
                _ => break,
            }
        }
        at
    };
    let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for m in 0..mentions.len() {
        by_root.entry(root(m)).or_default().push(m);
    }
    let mut chains: Vec<Vec<usize>> = by_root.into_values().collect();
    chains.sort_by_key(|c| c[0]);
    chains
}

/// The mention with the most words (then the first): a chain's full name.
fn fullest(mentions: &[Mention], chain: &[usize]) -> usize {
    let words = |m: usize| mentions[m].surface.split_whitespace().count();
    let is_acronym = |m: usize| Name::new(&mentions[m].surface).acronym.is_some();
    chain
        .iter()
        .copied()
        .max_by_key(|&m| (!is_acronym(m), words(m), std::cmp::Reverse(m)))
        .unwrap_or(0)
}

/// The type of a local entity: its head's, or when unknown the most
/// frequent known type of its mentions.
fn local_type(mentions: &[Mention], local: &Local) -> EntityType {
    let head = mentions[local.head].entity_type;
    if head != EntityType::Other {
        return head;
    }
    majority_type(local.mentions.iter().map(|&m| mentions[m].entity_type))
}

/// The most frequent type other than `Other` (ties: person, org, place).
pub fn majority_type(types: impl Iterator<Item = EntityType>) -> EntityType {
    let mut counts: BTreeMap<EntityType, usize> = BTreeMap::new();
    for t in types.filter(|t| *t != EntityType::Other) {
        *counts.entry(t).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(t, n)| (n, std::cmp::Reverse(t)))
        .map_or(EntityType::Other, |(t, _)| t)
}

fn nodes(docs: &[DocAnalysis], locals: &mut [Local], strategy: Strategy) -> Vec<Node> {
    let mut names: HashMap<&str, Name> = HashMap::new();
    let mut groups: BTreeMap<(String, EntityType), Vec<usize>> = BTreeMap::new();
    for (index, local) in locals.iter().enumerate() {
        let mentions = &docs[local.doc].mentions;
        let surface = mentions[local.head].surface.as_str();
        let name = names.entry(surface).or_insert_with(|| Name::new(surface));
        let entity_type = match strategy {
            Strategy::Evidence => local_type(mentions, local),
            Strategy::ExactName => EntityType::Other,
        };
        groups
            .entry((name.key().to_string(), entity_type))
            .or_default()
            .push(index);
    }
    let mut nodes = Vec::with_capacity(groups.len());
    for ((key, entity_type), members) in groups {
        let surface = most_frequent(members.iter().map(|&l| {
            let local = &locals[l];
            docs[local.doc].mentions[local.head].surface.as_str()
        }));
        let name = names
            .get(surface)
            .cloned()
            .unwrap_or_else(|| Name::new(surface));
        for &l in &members {
            locals[l].node = nodes.len();
        }
        nodes.push(Node {
            key,
            entity_type,
            partial: strategy == Strategy::Evidence
                && entity_type == EntityType::Person
                && name.core_len() == 1
                && name.acronym.is_none(),
            name,
            locals: members,
            roles: Vec::new(),
            neighbours: Vec::new(),
        });
    }
    nodes
}

/// The most frequent string (ties: the smallest).
pub fn most_frequent<'s>(items: impl Iterator<Item = &'s str>) -> &'s str {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for item in items {
        *counts.entry(item).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(s, n)| (n, std::cmp::Reverse(s)))
        .map_or("", |(s, _)| s)
}
