//! The units resolution works on: local entities (one per chain of linked
//! mentions in a document) and nodes (local entities whose names fold to
//! the same string, across documents).

use super::matcher;
use super::name::Name;
use crate::config::Strategy;
use crate::model::{DocAnalysis, EntityType, Mention};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};

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

/// A chain of linked mentions of one document: its mentions, its head
/// (fullest) mention and the roles written with it.
type Chain = (Vec<usize>, usize, Vec<String>);

/// Every distinct surface of the corpus, prepared once (in parallel).
#[derive(Debug)]
pub struct Names {
    table: Vec<Name>,
    of: Vec<Vec<u32>>,
}

impl Names {
    fn build(docs: &[DocAnalysis]) -> Names {
        let mut index: FxHashMap<&str, u32> = FxHashMap::default();
        let mut distinct: Vec<&str> = Vec::new();
        let of = docs
            .iter()
            .map(|doc| {
                doc.mentions
                    .iter()
                    .map(|m| {
                        *index.entry(m.surface.as_str()).or_insert_with(|| {
                            distinct.push(m.surface.as_str());
                            (distinct.len() - 1) as u32
                        })
                    })
                    .collect()
            })
            .collect();
        let table = distinct.par_iter().map(|s| Name::new(s)).collect();
        Names { table, of }
    }

    /// The prepared name of a mention.
    pub fn of(&self, doc: usize, mention: usize) -> &Name {
        &self.table[self.of[doc][mention] as usize]
    }
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
    /// Prepared names of all mentions.
    pub names: Names,
}

impl Graph {
    /// Builds local entities and nodes. The baseline strategy links nothing
    /// within documents and ignores types.
    pub fn build(docs: &[DocAnalysis], strategy: Strategy) -> Graph {
        let names = Names::build(docs);
        let per_doc: Vec<Vec<Chain>> = docs
            .par_iter()
            .enumerate()
            .map(|(doc, analysis)| {
                let name = |m: usize| names.of(doc, m);
                let chains = match strategy {
                    Strategy::Evidence => chains(&analysis.mentions, &name),
                    Strategy::ExactName => (0..analysis.mentions.len()).map(|m| vec![m]).collect(),
                };
                chains
                    .into_iter()
                    .map(|mentions| {
                        let head = fullest(&mentions, &name);
                        let roles: BTreeSet<String> = mentions
                            .iter()
                            .filter_map(|&m| {
                                analysis.mentions[m].role.as_deref().and_then(role_key)
                            })
                            .collect();
                        (mentions, head, roles.into_iter().collect())
                    })
                    .collect()
            })
            .collect();
        let mut locals = Vec::new();
        let mut local_of = Vec::with_capacity(docs.len());
        for (doc, chains) in per_doc.into_iter().enumerate() {
            let mut of = vec![0; docs[doc].mentions.len()];
            for (mentions, head, roles) in chains {
                for &m in &mentions {
                    of[m] = locals.len();
                }
                locals.push(Local {
                    doc,
                    mentions,
                    head,
                    node: 0,
                    roles,
                });
            }
            local_of.push(of);
        }
        let nodes = nodes(docs, &names, &mut locals, strategy);
        let mut graph = Graph {
            locals,
            nodes,
            local_of,
            doc_ids: docs.iter().map(|d| d.record.doc_id.clone()).collect(),
            names,
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
/// Broken or cyclic links end the chain where they break, and so does a
/// link the matcher has evidence against ("Hezbollah" is not a short form
/// of "Hezbollah Youth Organization").
fn chains<'n>(mentions: &[Mention], name: &dyn Fn(usize) -> &'n Name) -> Vec<Vec<usize>> {
    let parent: Vec<Option<usize>> = mentions
        .iter()
        .enumerate()
        .map(|(m, mention)| {
            let target = mention
                .refers_to()
                .filter(|&t| t < mentions.len() && t != m)?;
            let contradicted = link_contradicted(
                (name(m), mention.entity_type),
                (name(target), mentions[target].entity_type),
            );
            (!contradicted).then_some(target)
        })
        .collect();
    let root = |start: usize| {
        let mut at = start;
        for _ in 0..mentions.len() {
            match parent[at] {
                Some(next) => at = next,
                None => break,
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

/// The matcher blocks a within-document link on the names alone (types
/// within one document are the mention stage's call).
fn link_contradicted(short: (&Name, EntityType), full: (&Name, EntityType)) -> bool {
    let entity_type = if short.1 == full.1 {
        short.1
    } else {
        EntityType::Other
    };
    matcher::compare(short.0, entity_type, full.0, entity_type).blocked
}

/// The mention with the most words (then the first): a chain's full name.
fn fullest<'n>(chain: &[usize], name: &dyn Fn(usize) -> &'n Name) -> usize {
    chain
        .iter()
        .copied()
        .max_by_key(|&m| {
            let n = name(m);
            (n.acronym.is_none(), n.tokens.len(), std::cmp::Reverse(m))
        })
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

fn nodes(
    docs: &[DocAnalysis],
    names: &Names,
    locals: &mut [Local],
    strategy: Strategy,
) -> Vec<Node> {
    let mut by_key: FxHashMap<&str, Vec<(usize, EntityType)>> = FxHashMap::default();
    for (index, local) in locals.iter().enumerate() {
        let entity_type = match strategy {
            Strategy::Evidence => local_type(&docs[local.doc].mentions, local),
            Strategy::ExactName => EntityType::Other,
        };
        by_key
            .entry(names.of(local.doc, local.head).key())
            .or_default()
            .push((index, entity_type));
    }
    let mut groups: Vec<((&str, EntityType), Vec<usize>)> = Vec::with_capacity(by_key.len());
    for (key, typed) in by_key {
        let one_word = !key.contains(' ');
        let mut by_type: BTreeMap<EntityType, Vec<usize>> = BTreeMap::new();
        for (local, entity_type) in vote_types(&typed, one_word) {
            by_type.entry(entity_type).or_default().push(local);
        }
        groups.extend(by_type.into_iter().map(|(t, members)| ((key, t), members)));
    }
    groups.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut nodes = Vec::with_capacity(groups.len());
    for ((key, entity_type), members) in groups {
        let head = |l: usize| (locals[l].doc, locals[l].head);
        let surface = most_frequent(members.iter().map(|&l| {
            let (doc, m) = head(l);
            docs[doc].mentions[m].surface.as_str()
        }));
        let (doc, m) = members
            .iter()
            .map(|&l| head(l))
            .find(|&(doc, m)| docs[doc].mentions[m].surface == surface)
            .unwrap_or_else(|| head(members[0]));
        let name = names.of(doc, m).clone();
        let key = key.to_string();
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

/// One name typed differently in different documents is most often one
/// entity mistyped: local entities take the name's majority type, unless,
/// for a one-word name, a minority type is itself well attested (two or
/// more local entities and a third of them), as for a person and a city
/// called alike.
fn vote_types(typed: &[(usize, EntityType)], one_word: bool) -> Vec<(usize, EntityType)> {
    let known = typed
        .iter()
        .filter(|(_, t)| *t != EntityType::Other)
        .count();
    let majority = majority_type(typed.iter().map(|(_, t)| *t));
    let well_attested = |t: EntityType| {
        let count = typed.iter().filter(|(_, x)| *x == t).count();
        count >= 2 && count * 3 >= known
    };
    typed
        .iter()
        .map(|&(local, t)| {
            let keep = t == majority || (one_word && t != EntityType::Other && well_attested(t));
            (local, if keep { t } else { majority })
        })
        .collect()
}

/// The most frequent string (ties: the smallest).
pub fn most_frequent<'s>(items: impl Iterator<Item = &'s str>) -> &'s str {
    tally(items.map(|s| (s, ())))
        .into_iter()
        .max_by_key(|&(s, _, n)| (n, std::cmp::Reverse(s)))
        .map_or("", |(s, _, _)| s)
}

/// How often each string occurs, sorted by the string, with the value
/// paired with its first occurrence. Counted in a hash map and sorted once:
/// the largest entities have hundreds of thousands of mentions.
pub fn tally<'s, V>(items: impl Iterator<Item = (&'s str, V)>) -> Vec<(&'s str, V, usize)> {
    let mut counts: FxHashMap<&'s str, (V, usize)> = FxHashMap::default();
    for (item, value) in items {
        counts.entry(item).or_insert((value, 0)).1 += 1;
    }
    let mut tally: Vec<_> = counts.into_iter().map(|(s, (v, n))| (s, v, n)).collect();
    tally.sort_unstable_by(|a, b| a.0.cmp(b.0));
    tally
}
