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
use std::collections::BTreeSet;
use std::hash::Hash;
use std::ops::Range;

/// Most entities a node remembers as mentioned alongside it.
const MAX_NEIGHBOURS: usize = 64;
/// Documents worked out in parallel before their local entities are
/// appended: bounds the memory of the intermediate results.
const CHUNK: usize = 1024;

/// Mentions of one document that name one thing.
#[derive(Clone, Copy, Debug)]
pub struct Local {
    /// Document index.
    pub doc: u32,
    /// The fullest of its mentions: it names the local entity.
    pub head: u32,
    /// Its node.
    pub node: u32,
    /// Where its mention indices start in the graph's list of them
    /// ([`Graph::mentions`]); the next local entity's start where they end.
    first: u32,
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
    /// Where each document's mentions start in the per-mention arrays
    /// (and, last, their number).
    starts: Vec<usize>,
    /// Where each document's local entities start (and, last, their number).
    doc_locals: Vec<u32>,
    /// Surface id of every mention.
    surface_of: Vec<u32>,
    /// Mention indices of the local entities, local by local.
    members: Vec<u32>,
    /// `(local entity, role key id)`, sorted: few mentions have a role.
    local_roles: Vec<(u32, u32)>,
}

/// Whether the matcher blocks a link within a document, by the surface ids
/// of the short and the full name and the type they are compared as:
/// names repeat across documents, so each thread remembers its answers.
type LinkCache = FxHashMap<(u32, u32, EntityType), bool>;

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
        let surfaces = distinct(docs, |doc, m| Some(m.surface(&doc.sentences)));
        let surface_of = per_mention(docs, &starts, &index(&surfaces));
        let names = surfaces.par_iter().map(|s| Name::new(s)).collect();
        let (role_keys, role_of) = role_table(docs);
        let mentions = *starts.last().unwrap_or(&0);
        let mut graph = Graph {
            // At most one local entity per mention: the capacity never
            // moves, and what is not used is never touched.
            locals: Vec::with_capacity(mentions),
            nodes: Vec::new(),
            doc_ids: docs.iter().map(|d| d.record.doc_id.as_str()).collect(),
            surfaces,
            names,
            role_keys,
            starts,
            doc_locals: Vec::with_capacity(docs.len() + 1),
            surface_of,
            members: Vec::with_capacity(mentions),
            local_roles: Vec::new(),
        };
        for (chunk, batch) in docs.chunks(CHUNK).enumerate() {
            let found: Vec<DocLocals> = batch
                .par_iter()
                .enumerate()
                .map_init(LinkCache::default, |links, (i, doc)| {
                    graph.find_locals(chunk * CHUNK + i, doc, strategy, &role_of, links)
                })
                .collect();
            for (i, doc_locals) in found.into_iter().enumerate() {
                graph.append(chunk * CHUNK + i, doc_locals);
            }
        }
        graph.doc_locals.push(graph.locals.len() as u32);
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
        let end = self
            .locals
            .get(local + 1)
            .map_or(self.members.len(), |next| next.first as usize);
        &self.members[self.locals[local].first as usize..end]
    }

    /// Role key ids of a local entity, sorted.
    pub fn roles(&self, local: usize) -> impl Iterator<Item = u32> + '_ {
        let local = local as u32;
        let start = self.local_roles.partition_point(|&(l, _)| l < local);
        self.local_roles[start..]
            .iter()
            .take_while(move |&&(l, _)| l == local)
            .map(|&(_, role)| role)
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

    /// The local entities of a document.
    pub fn locals_of(&self, doc: usize) -> Range<usize> {
        self.doc_locals[doc] as usize..self.doc_locals[doc + 1] as usize
    }

    /// The nodes of a document's local entities, sorted.
    pub fn nodes_in(&self, doc: usize) -> Vec<usize> {
        let mut nodes: Vec<usize> = self.locals[self.locals_of(doc)]
            .iter()
            .map(Local::node)
            .collect();
        nodes.sort_unstable();
        nodes.dedup();
        nodes
    }

    /// Number of documents.
    pub fn doc_count(&self) -> usize {
        self.doc_ids.len()
    }

    /// The local entity of every mention of a document.
    pub fn local_of_mentions(&self, doc: usize) -> Vec<u32> {
        let mut of = vec![0; self.starts[doc + 1] - self.starts[doc]];
        for local in self.locals_of(doc) {
            for &m in self.mentions(local) {
                of[m as usize] = local as u32;
            }
        }
        of
    }

    /// One document's chains of mentions, their heads and roles.
    fn find_locals(
        &self,
        doc: usize,
        analysis: &DocAnalysis,
        strategy: Strategy,
        role_of: &FxHashMap<&str, u32>,
        links: &mut LinkCache,
    ) -> DocLocals {
        let mentions = &analysis.mentions;
        let name = |m: usize| self.name(doc, m);
        let mut contradicted = |short: usize, full: usize| {
            let types = (mentions[short].entity_type, mentions[full].entity_type);
            let entity_type = if types.0 == types.1 {
                types.0
            } else {
                EntityType::Other
            };
            let key = (
                self.surface(doc, short),
                self.surface(doc, full),
                entity_type,
            );
            *links.entry(key).or_insert_with(|| {
                matcher::compare(name(short), entity_type, name(full), entity_type).blocked
            })
        };
        let (members, lens) = match strategy {
            Strategy::Evidence => chains(mentions, &mut contradicted),
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
            let mut roles: Vec<u32> = chain
                .iter()
                .filter_map(|&m| role_of.get(mentions[m as usize].role(&analysis.sentences)?))
                .copied()
                .collect();
            roles.sort_unstable();
            roles.dedup();
            found
                .chains
                .push((fullest(chain, &name), len, roles.len() as u32));
            found.roles.extend(roles);
        }
        found.members = members;
        found
    }

    /// Numbers one document's local entities after those appended so far.
    fn append(&mut self, doc: usize, found: DocLocals) {
        self.doc_locals.push(self.locals.len() as u32);
        let (mut first, mut role) = (self.members.len() as u32, 0);
        for (head, len, roles_len) in found.chains {
            let local = self.locals.len() as u32;
            self.locals.push(Local {
                doc: doc as u32,
                head,
                node: 0,
                first,
            });
            first += len;
            let roles = &found.roles[role..role + roles_len as usize];
            self.local_roles.extend(roles.iter().map(|&r| (local, r)));
            role += roles_len as usize;
        }
        self.members.extend_from_slice(&found.members);
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
        let key_of = |l: usize| key_of_surface[self.head_surface(l) as usize] as usize;
        let mut types: Vec<EntityType> = (0..self.locals.len())
            .into_par_iter()
            .map(|l| match strategy {
                Strategy::Evidence => self.local_type(&docs[self.locals[l].doc()].mentions, l),
                Strategy::ExactName => EntityType::Other,
            })
            .collect();
        let mut counts = vec![[0; TYPES.len()]; keys.len()];
        for (l, &t) in types.iter().enumerate() {
            counts[key_of(l)][t as usize] += 1;
        }
        let votes: Vec<[EntityType; TYPES.len()]> = counts
            .iter()
            .zip(&keys)
            .map(|(counts, key)| vote_types(counts, !key.contains(' ')))
            .collect();
        types
            .par_iter_mut()
            .enumerate()
            .for_each(|(l, t)| *t = votes[key_of(l)][*t as usize]);
        let group_of = |l: usize| (key_of(l) * TYPES.len() + types[l] as usize) as u32;
        let (order, bounds) = group(
            (0..self.locals.len()).map(group_of),
            keys.len() * TYPES.len(),
        );
        let nodes: Vec<Node> = (0..keys.len() * TYPES.len())
            .into_par_iter()
            .filter(|&g| bounds[g] < bounds[g + 1])
            .map(|g| {
                self.node(
                    TYPES[g % TYPES.len()],
                    order[bounds[g]..bounds[g + 1]].to_vec(),
                    strategy,
                )
            })
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
        let mut roles: Vec<(u32, u32)> = self
            .local_roles
            .iter()
            .map(|&(l, r)| (self.locals[l as usize].node, r))
            .collect();
        roles.par_sort_unstable();
        roles.dedup();
        for (node, role) in roles {
            self.nodes[node as usize].roles.push(role);
        }
        let mut neighbours: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); self.nodes.len()];
        let docs: Vec<usize> = (0..self.doc_count()).collect();
        let mut in_doc = Vec::new();
        for batch in docs.chunks(CHUNK) {
            let nodes_in: Vec<Vec<usize>> = batch.par_iter().map(|&d| self.nodes_in(d)).collect();
            for here in nodes_in {
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
    string: impl Fn(&'d DocAnalysis, &'d Mention) -> Option<&'d str> + Sync,
) -> Vec<&'d str> {
    let set = docs
        .par_iter()
        .fold(FxHashSet::default, |mut set, doc| {
            set.extend(doc.mentions.iter().filter_map(|m| string(doc, m)));
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
            *id = ids
                .get(mention.surface(&doc.sentences))
                .copied()
                .unwrap_or(0);
        }
    });
    of
}

/// The role keys of the corpus (sorted), and the key id of each role as
/// written that has one.
fn role_table(docs: &[DocAnalysis]) -> (Vec<String>, FxHashMap<&str, u32>) {
    let written = distinct(docs, |doc, m| m.role(&doc.sentences));
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
/// Organization"; `contradicted(short, full)`: the matcher blocks the link
/// on the names alone, as types within one document are the mention
/// stage's call).
fn chains(
    mentions: &[Mention],
    contradicted: &mut dyn FnMut(usize, usize) -> bool,
) -> (Vec<u32>, Vec<u32>) {
    let parent: Vec<Option<usize>> = mentions
        .iter()
        .enumerate()
        .map(|(m, mention)| {
            let target = mention
                .refers_to()
                .filter(|&t| t < mentions.len() && t != m)?;
            (!contradicted(m, target)).then_some(target)
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

/// Every type, in order: `t as usize` indexes arrays of counts.
const TYPES: [EntityType; 4] = [
    EntityType::Person,
    EntityType::Org,
    EntityType::Place,
    EntityType::Other,
];

/// The most frequent type other than `Other` (ties: person, org, place).
pub fn majority_type(types: impl Iterator<Item = EntityType>) -> EntityType {
    let mut counts = [0; TYPES.len()];
    for t in types {
        counts[t as usize] += 1;
    }
    majority(&counts)
}

/// The most frequent type other than `Other` of counts by type.
fn majority(counts: &[usize; TYPES.len()]) -> EntityType {
    TYPES
        .into_iter()
        .zip(*counts)
        .filter(|&(t, n)| t != EntityType::Other && n > 0)
        .max_by_key(|&(t, n)| (n, std::cmp::Reverse(t)))
        .map_or(EntityType::Other, |(t, _)| t)
}

/// One name typed differently in different documents is most often one
/// entity mistyped: local entities take the name's majority type, unless,
/// for a one-word name, a minority type is itself well attested (two or
/// more local entities and a third of them), as for a person and a city
/// called alike. Given the name's local entities counted by type, the type
/// each one takes, by its own.
fn vote_types(counts: &[usize; TYPES.len()], one_word: bool) -> [EntityType; TYPES.len()] {
    let known: usize = TYPES
        .iter()
        .filter(|&&t| t != EntityType::Other)
        .map(|&t| counts[t as usize])
        .sum();
    let majority = majority(counts);
    TYPES.map(|t| {
        let count = counts[t as usize];
        let well_attested = count >= 2 && count * 3 >= known;
        let keep = t == majority || (one_word && t != EntityType::Other && well_attested);
        if keep {
            t
        } else {
            majority
        }
    })
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
    tally.sort_unstable_by_key(|t| t.0);
    tally
}
