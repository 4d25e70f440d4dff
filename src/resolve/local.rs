//! The units resolution works on: local entities (one per chain of linked
//! mentions in a document) and nodes (local entities whose names fold to
//! the same string, across documents).
//!
//! A run holds millions of mentions, so what is kept per mention or per
//! local entity is a `u32` in one flat array: surfaces and role keys are
//! interned once into sorted tables (ids compare as the strings do), and
//! documents are worked in parallel, a chunk at a time, and appended in
//! document order, so the result does not depend on scheduling.

use super::matcher;
use super::name::Name;
use crate::config::Strategy;
use crate::model::{DocAnalysis, EntityType, Mention};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::{BTreeMap, BTreeSet};
use std::hash::Hash;
use std::ops::Range;

/// Most entities a node remembers as mentioned alongside it.
const MAX_NEIGHBOURS: usize = 64;
/// Documents worked out in parallel before their local entities are
/// appended: bounds the memory of the intermediate results.
const CHUNK: usize = 4096;

/// A run of items in one of the graph's flat arrays.
#[derive(Clone, Copy, Debug, Default)]
struct Span {
    start: u32,
    len: u32,
}

impl Span {
    fn range(self) -> Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

/// Mentions of one document that name one thing.
#[derive(Clone, Copy, Debug)]
pub struct Local {
    /// Document index.
    pub doc: u32,
    /// The fullest of its mentions: it names the local entity.
    pub head: u32,
    /// Its node.
    pub node: u32,
    /// Its mention indices, in text order ([`Graph::mentions`]).
    mentions: Span,
    /// Its role keys, sorted ([`Graph::roles`]).
    roles: Span,
}

impl Local {
    /// Document index, for indexing.
    pub fn doc(&self) -> usize {
        self.doc as usize
    }

    /// Its node, for indexing.
    pub fn node(&self) -> usize {
        self.node as usize
    }
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
    pub locals: Vec<u32>,
    /// A lone given name or surname of a person: resolved by [`super::partial`].
    pub partial: bool,
    /// Roles and titles seen with it ([`Graph::role_key`] ids), sorted.
    pub roles: Vec<u32>,
    /// Other nodes mentioned in the same documents, sorted.
    pub neighbours: Vec<usize>,
}

/// Everything resolution needs from the documents.
#[derive(Debug)]
pub struct Graph<'d> {
    /// Local entities, by document then first mention.
    pub locals: Vec<Local>,
    /// Nodes, sorted by key then type.
    pub nodes: Vec<Node>,
    /// Document ids, for evidence.
    pub doc_ids: Vec<&'d str>,
    /// Every distinct surface of the corpus, sorted: surface ids compare
    /// as the surfaces do.
    pub surfaces: Vec<&'d str>,
    /// The surfaces prepared for matching, by surface id.
    pub names: Vec<Name>,
    /// Role keys ([`role_key`]) of the corpus, sorted.
    role_keys: Vec<String>,
    /// Where each document's mentions start in the per-mention arrays.
    starts: Vec<usize>,
    /// Surface id of every mention.
    surface_of: Vec<u32>,
    /// Local entity of every mention.
    local_of: Vec<u32>,
    /// Mention indices of the local entities, local by local.
    members: Vec<u32>,
    /// Role key ids of the local entities, local by local.
    local_roles: Vec<u32>,
}

/// One document's local entities, before they are numbered.
#[derive(Default)]
struct DocLocals {
    /// Mention indices, chain by chain.
    members: Vec<u32>,
    /// Role key ids, chain by chain.
    roles: Vec<u32>,
    /// Head mention, number of mentions and of roles, per chain.
    chains: Vec<(u32, u32, u32)>,
}

impl<'d> Graph<'d> {
    /// Builds local entities and nodes. The baseline strategy links nothing
    /// within documents and ignores types.
    pub fn build(docs: &'d [DocAnalysis], strategy: Strategy) -> Graph<'d> {
        let starts = starts(docs);
        let surfaces = distinct(docs, |m| Some(m.surface.as_str()));
        let surface_of = per_mention(docs, &starts, &index(&surfaces));
        let names = surfaces.par_iter().map(|s| Name::new(s)).collect();
        let (role_keys, role_of) = role_table(docs);
        let mentions = *starts.last().unwrap_or(&0);
        let mut graph = Graph {
            locals: Vec::new(),
            nodes: Vec::new(),
            doc_ids: docs.iter().map(|d| d.record.doc_id.as_str()).collect(),
            surfaces,
            names,
            role_keys,
            starts,
            surface_of,
            local_of: vec![0; mentions],
            members: Vec::with_capacity(mentions),
            local_roles: Vec::new(),
        };
        for (chunk, batch) in docs.chunks(CHUNK).enumerate() {
            let found: Vec<DocLocals> = batch
                .par_iter()
                .enumerate()
                .map(|(i, doc)| graph.doc_locals(chunk * CHUNK + i, doc, strategy, &role_of))
                .collect();
            for (i, doc_locals) in found.into_iter().enumerate() {
                graph.append(chunk * CHUNK + i, doc_locals);
            }
        }
        graph.nodes = graph.nodes(docs, strategy);
        graph.add_context();
        graph
    }

    /// The mention a local entity is named by.
    pub fn head<'a>(&self, docs: &'a [DocAnalysis], local: usize) -> &'a Mention {
        let l = &self.locals[local];
        &docs[l.doc()].mentions[l.head as usize]
    }

    /// Surface id of the mention a local entity is named by.
    pub fn head_surface(&self, local: usize) -> u32 {
        let l = &self.locals[local];
        self.surface(l.doc(), l.head as usize)
    }

    /// Mention indices of a local entity, in text order.
    pub fn mentions(&self, local: usize) -> &[u32] {
        &self.members[self.locals[local].mentions.range()]
    }

    /// Role key ids of a local entity, sorted.
    pub fn roles(&self, local: usize) -> &[u32] {
        &self.local_roles[self.locals[local].roles.range()]
    }

    /// A role key by id.
    pub fn role_key(&self, id: u32) -> &str {
        &self.role_keys[id as usize]
    }

    /// Surface id of a mention ([`Graph::names`]).
    pub fn surface(&self, doc: usize, mention: usize) -> u32 {
        self.surface_of[self.starts[doc] + mention]
    }

    /// The prepared name of a mention.
    pub fn name(&self, doc: usize, mention: usize) -> &Name {
        &self.names[self.surface(doc, mention) as usize]
    }

    /// The local entity of a mention.
    pub fn local_of(&self, doc: usize, mention: usize) -> usize {
        self.local_of[self.starts[doc] + mention] as usize
    }

    /// Ranges of local entities that belong to one document each, in order.
    pub fn docs(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        let mut start = 0;
        std::iter::from_fn(move || {
            let doc = self.locals.get(start)?.doc;
            let len = self.locals[start..]
                .iter()
                .take_while(|l| l.doc == doc)
                .count();
            start += len;
            Some(start - len..start)
        })
    }

    /// One document's chains of mentions, their heads and roles.
    fn doc_locals(
        &self,
        doc: usize,
        analysis: &DocAnalysis,
        strategy: Strategy,
        role_of: &FxHashMap<&str, u32>,
    ) -> DocLocals {
        let mentions = &analysis.mentions;
        let name = |m: usize| self.name(doc, m);
        let (members, lens) = match strategy {
            Strategy::Evidence => chains(mentions, &name),
            Strategy::ExactName => (
                (0..mentions.len() as u32).collect(),
                vec![1; mentions.len()],
            ),
        };
        let mut found = DocLocals {
            chains: Vec::with_capacity(lens.len()),
            roles: Vec::new(),
            members: Vec::new(),
        };
        let mut start = 0;
        for len in lens {
            let chain = &members[start..start + len as usize];
            start += len as usize;
            let before = found.roles.len();
            found.roles.extend(
                chain
                    .iter()
                    .filter_map(|&m| role_of.get(mentions[m as usize].role.as_deref()?)),
            );
            found.roles[before..].sort_unstable();
            let mut roles = found.roles.split_off(before);
            roles.dedup();
            let roles_len = roles.len() as u32;
            found.roles.append(&mut roles);
            found.chains.push((fullest(chain, &name), len, roles_len));
        }
        found.members = members;
        found
    }

    /// Numbers one document's local entities after those appended so far.
    fn append(&mut self, doc: usize, found: DocLocals) {
        let (mut member, mut role) = (0, 0);
        for (head, len, roles_len) in found.chains {
            let local = self.locals.len() as u32;
            let mentions = Span {
                start: self.members.len() as u32,
                len,
            };
            let roles = Span {
                start: self.local_roles.len() as u32,
                len: roles_len,
            };
            for &m in &found.members[member..member + len as usize] {
                self.local_of[self.starts[doc] + m as usize] = local;
                self.members.push(m);
            }
            self.local_roles
                .extend_from_slice(&found.roles[role..role + roles_len as usize]);
            member += len as usize;
            role += roles_len as usize;
            self.locals.push(Local {
                doc: doc as u32,
                head,
                node: 0,
                mentions,
                roles,
            });
        }
    }

    /// Groups local entities into nodes by folded name and (voted) type.
    fn nodes(&mut self, docs: &[DocAnalysis], strategy: Strategy) -> Vec<Node> {
        let mut keys: Vec<&str> = self.names.iter().map(Name::key).collect();
        keys.par_sort_unstable();
        keys.dedup();
        let key_of_surface: Vec<u32> = self
            .names
            .par_iter()
            .map(|n| keys.partition_point(|k| *k < n.key()) as u32)
            .collect();
        let typed: Vec<(u32, EntityType)> = (0..self.locals.len())
            .into_par_iter()
            .map(|l| {
                let entity_type = match strategy {
                    Strategy::Evidence => self.local_type(&docs[self.locals[l].doc()].mentions, l),
                    Strategy::ExactName => EntityType::Other,
                };
                (key_of_surface[self.head_surface(l) as usize], entity_type)
            })
            .collect();
        let (order, bounds) = group(typed.iter().map(|t| t.0), keys.len());
        let groups: Vec<(EntityType, Vec<u32>)> = (0..keys.len())
            .into_par_iter()
            .flat_map_iter(|k| {
                let members: Vec<(u32, EntityType)> = order[bounds[k]..bounds[k + 1]]
                    .iter()
                    .map(|&l| (l, typed[l as usize].1))
                    .collect();
                let mut by_type: BTreeMap<EntityType, Vec<u32>> = BTreeMap::new();
                for (local, entity_type) in vote_types(&members, !keys[k].contains(' ')) {
                    by_type.entry(entity_type).or_default().push(local);
                }
                by_type
            })
            .collect();
        drop(typed);
        let nodes: Vec<Node> = groups
            .into_par_iter()
            .map(|(entity_type, locals)| self.node(entity_type, locals, strategy))
            .collect();
        for (index, node) in nodes.iter().enumerate() {
            for &l in &node.locals {
                self.locals[l as usize].node = index as u32;
            }
        }
        nodes
    }

    /// A node named by its locals' most frequent head surface.
    fn node(&self, entity_type: EntityType, locals: Vec<u32>, strategy: Strategy) -> Node {
        let surface = most_frequent(locals.iter().map(|&l| self.head_surface(l as usize)));
        let name = self.names[surface as usize].clone();
        Node {
            key: name.key().to_string(),
            entity_type,
            partial: strategy == Strategy::Evidence
                && entity_type == EntityType::Person
                && name.core_len() == 1
                && name.acronym.is_none(),
            name,
            locals,
            roles: Vec::new(),
            neighbours: Vec::new(),
        }
    }

    /// The type of a local entity: its head's, or when unknown the most
    /// frequent known type of its mentions.
    fn local_type(&self, mentions: &[Mention], local: usize) -> EntityType {
        let head = mentions[self.locals[local].head as usize].entity_type;
        if head != EntityType::Other {
            return head;
        }
        majority_type(
            self.mentions(local)
                .iter()
                .map(|&m| mentions[m as usize].entity_type),
        )
    }

    /// Roles and co-mentioned nodes per node.
    fn add_context(&mut self) {
        let mut roles: Vec<(u32, u32)> = (0..self.locals.len())
            .into_par_iter()
            .flat_map_iter(|l| {
                let node = self.locals[l].node;
                self.roles(l).iter().map(move |&r| (node, r))
            })
            .collect();
        roles.par_sort_unstable();
        roles.dedup();
        for (node, role) in roles {
            self.nodes[node as usize].roles.push(role);
        }
        let mut neighbours: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); self.nodes.len()];
        let (mut here, mut in_doc) = (Vec::new(), Vec::new());
        for locals in self.docs() {
            here.clear();
            here.extend(self.locals[locals].iter().map(Local::node));
            here.sort_unstable();
            here.dedup();
            in_doc.clear();
            in_doc.extend(here.iter().copied().filter(|&n| !self.nodes[n].partial));
            for &node in &here {
                let set = &mut neighbours[node];
                for &other in &in_doc {
                    if set.len() >= MAX_NEIGHBOURS {
                        break;
                    }
                    if other != node {
                        set.insert(other);
                    }
                }
            }
        }
        for (node, neighbours) in self.nodes.iter_mut().zip(neighbours) {
            node.neighbours = neighbours.into_iter().collect();
        }
    }
}

/// Where each document's mentions start in an array of all mentions, and
/// (last) their number.
fn starts(docs: &[DocAnalysis]) -> Vec<usize> {
    let mut starts = Vec::with_capacity(docs.len() + 1);
    let mut total = 0;
    starts.push(0);
    for doc in docs {
        total += doc.mentions.len();
        starts.push(total);
    }
    starts
}

/// The distinct strings the mentions carry, sorted; gathered in parallel.
fn distinct<'d>(
    docs: &'d [DocAnalysis],
    string: impl Fn(&'d Mention) -> Option<&'d str> + Sync,
) -> Vec<&'d str> {
    let set = docs
        .par_iter()
        .fold(FxHashSet::default, |mut set, doc| {
            set.extend(doc.mentions.iter().filter_map(&string));
            set
        })
        .reduce(FxHashSet::default, |a, b| {
            let (mut large, small) = if a.len() >= b.len() { (a, b) } else { (b, a) };
            large.extend(small);
            large
        });
    let mut strings: Vec<&str> = set.into_iter().collect();
    strings.par_sort_unstable();
    strings
}

/// Position of each string in a table.
fn index<'s>(table: &[&'s str]) -> FxHashMap<&'s str, u32> {
    table
        .iter()
        .enumerate()
        .map(|(i, s)| (*s, i as u32))
        .collect()
}

/// The surface id of every mention, filled document by document in parallel.
fn per_mention(docs: &[DocAnalysis], starts: &[usize], ids: &FxHashMap<&str, u32>) -> Vec<u32> {
    let mut of = vec![0; *starts.last().unwrap_or(&0)];
    let mut slices = Vec::with_capacity(docs.len());
    let mut rest = of.as_mut_slice();
    for doc in docs {
        let (slice, tail) = rest.split_at_mut(doc.mentions.len());
        slices.push(slice);
        rest = tail;
    }
    slices.into_par_iter().zip(docs).for_each(|(slice, doc)| {
        for (id, mention) in slice.iter_mut().zip(&doc.mentions) {
            *id = ids.get(mention.surface.as_str()).copied().unwrap_or(0);
        }
    });
    of
}

/// The role keys of the corpus (sorted), and the key id of each role as
/// written that has one.
fn role_table(docs: &[DocAnalysis]) -> (Vec<String>, FxHashMap<&str, u32>) {
    let written = distinct(docs, |m| m.role.as_deref());
    let keyed: Vec<(&str, String)> = written
        .par_iter()
        .filter_map(|&w| Some((w, role_key(w)?)))
        .collect();
    let mut keys: Vec<String> = keyed.iter().map(|(_, k)| k.clone()).collect();
    keys.sort_unstable();
    keys.dedup();
    let role_of = keyed
        .iter()
        .map(|(w, k)| (*w, keys.partition_point(|x| x < k) as u32))
        .collect();
    (keys, role_of)
}

/// Items `0..len` grouped by a key below `groups` (a counting sort that
/// keeps their order): the items, and where each group starts (and, last,
/// ends).
pub fn group(keys: impl Iterator<Item = u32> + Clone, groups: usize) -> (Vec<u32>, Vec<usize>) {
    let mut bounds = vec![0; groups + 1];
    for k in keys.clone() {
        bounds[k as usize + 1] += 1;
    }
    for g in 0..groups {
        bounds[g + 1] += bounds[g];
    }
    let mut next = bounds.clone();
    let mut order = vec![0; bounds[groups]];
    for (item, k) in keys.enumerate() {
        order[next[k as usize]] = item as u32;
        next[k as usize] += 1;
    }
    (order, bounds)
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

/// Groups a document's mentions by the root of their `refers_to` chains:
/// the mention indices chain by chain (chains in order of their first
/// mention), and the length of each chain. Broken or cyclic links end the
/// chain where they break, and so does a link the matcher has evidence
/// against ("Hezbollah" is not a short form of "Hezbollah Youth
/// Organization").
fn chains<'n>(mentions: &[Mention], name: &dyn Fn(usize) -> &'n Name) -> (Vec<u32>, Vec<u32>) {
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
    let mut chain_of_root = vec![u32::MAX; mentions.len()];
    let mut lens: Vec<u32> = Vec::new();
    let chain_of: Vec<u32> = (0..mentions.len())
        .map(|m| {
            let chain = &mut chain_of_root[root(m)];
            if *chain == u32::MAX {
                *chain = lens.len() as u32;
                lens.push(0);
            }
            lens[*chain as usize] += 1;
            *chain
        })
        .collect();
    let (members, _) = group(chain_of.into_iter(), lens.len());
    (members, lens)
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
fn fullest<'n>(chain: &[u32], name: &dyn Fn(usize) -> &'n Name) -> u32 {
    chain
        .iter()
        .copied()
        .max_by_key(|&m| {
            let n = name(m as usize);
            (n.acronym.is_none(), n.tokens.len(), std::cmp::Reverse(m))
        })
        .unwrap_or(0)
}

/// The most frequent type other than `Other` (ties: person, org, place).
pub fn majority_type(types: impl Iterator<Item = EntityType>) -> EntityType {
    const KNOWN: [EntityType; 3] = [EntityType::Person, EntityType::Org, EntityType::Place];
    let mut counts = [0usize; 3];
    for t in types {
        if let Some(i) = KNOWN.iter().position(|&k| k == t) {
            counts[i] += 1;
        }
    }
    KNOWN
        .into_iter()
        .zip(counts)
        .filter(|&(_, n)| n > 0)
        .max_by_key(|&(t, n)| (n, std::cmp::Reverse(t)))
        .map_or(EntityType::Other, |(t, _)| t)
}

/// One name typed differently in different documents is most often one
/// entity mistyped: local entities take the name's majority type, unless,
/// for a one-word name, a minority type is itself well attested (two or
/// more local entities and a third of them), as for a person and a city
/// called alike.
fn vote_types(typed: &[(u32, EntityType)], one_word: bool) -> Vec<(u32, EntityType)> {
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

/// The most frequent item (ties: the smallest).
pub fn most_frequent<K: Copy + Ord + Hash + Default>(items: impl Iterator<Item = K>) -> K {
    tally(items.map(|k| (k, ())))
        .into_iter()
        .max_by_key(|&(k, _, n)| (n, std::cmp::Reverse(k)))
        .map_or_else(K::default, |(k, _, _)| k)
}

/// How often each item occurs, sorted by the item, with the value paired
/// with its first occurrence. Counted in a hash map and sorted once: the
/// largest entities have hundreds of thousands of mentions.
pub fn tally<K: Copy + Ord + Hash, V>(items: impl Iterator<Item = (K, V)>) -> Vec<(K, V, usize)> {
    let mut counts: FxHashMap<K, (V, usize)> = FxHashMap::default();
    for (item, value) in items {
        counts.entry(item).or_insert((value, 0)).1 += 1;
    }
    let mut tally: Vec<_> = counts.into_iter().map(|(k, (v, n))| (k, v, n)).collect();
    tally.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    tally
}
