//! Entities from clusters: canonical names, stable ids, and the merge rows.
//!
//! The canonical name is the fullest well-formed spelling (most core
//! words), an ASCII spelling preferred over one that differs only by
//! transliteration, then the most frequent. The id is the type and the
//! canonical name as a slug (`org-al-qaeda`), so it survives re-runs and
//! new documents; when two entities would share one, the larger keeps it and
//! the others get a short suffix hashed from their first mention.

use super::cluster::Outcome;
use super::local::{group, majority_type, tally, Graph};
use super::matcher;
use super::name::{fold, Name};
use crate::model::{Decision, DocAnalysis, Entity, EntityType, MentionRef, Merge, Resolution};
use rayon::prelude::*;
use rustc_hash::FxHashSet;
use std::collections::{BTreeMap, BTreeSet};

/// Longest slug kept in an id, in bytes.
const MAX_SLUG: usize = 48;

/// Builds the entities, `entity_of` and merge rows of a clustering.
pub fn assemble(docs: &[DocAnalysis], graph: &Graph, outcome: &Outcome) -> Resolution {
    let (order, bounds) = group(outcome.cluster_of.iter().copied(), graph.nodes.len());
    let constructed = by_cluster(&outcome.constructed);
    let flags = by_cluster(&outcome.flags);
    let mut drafts: Vec<(usize, Entity)> = (0..graph.nodes.len())
        .into_par_iter()
        .filter(|&cluster| bounds[cluster] < bounds[cluster + 1])
        .map(|cluster| {
            let entity = draft(
                docs,
                graph,
                &order[bounds[cluster]..bounds[cluster + 1]],
                constructed.get(&cluster).map_or(&[][..], Vec::as_slice),
                flags.get(&cluster).map_or(&[][..], Vec::as_slice),
            );
            (cluster, entity)
        })
        .collect();
    drop(order);
    assign_ids(docs, &mut drafts);
    drafts.sort_by(|a, b| a.1.id.cmp(&b.1.id));
    let mut index_of_cluster = vec![0; graph.nodes.len()];
    for (index, (cluster, _)) in drafts.iter().enumerate() {
        index_of_cluster[*cluster] = index;
    }
    let entity_of = docs
        .par_iter()
        .enumerate()
        .map(|(doc, analysis)| {
            let mut of = vec![0; analysis.mentions.len()];
            for local in graph.locals_of(doc) {
                let entity = index_of_cluster[outcome.cluster_of[local] as usize] as u32;
                for &m in graph.mentions(local) {
                    of[m as usize] = entity;
                }
            }
            of
        })
        .collect();
    let mut resolution = Resolution {
        entities: drafts.into_iter().map(|(_, entity)| entity).collect(),
        entity_of,
        ..Resolution::default()
    };
    let entity_of_local = |local: usize| {
        let index = index_of_cluster[outcome.cluster_of[local] as usize];
        resolution.entities[index].id.clone()
    };
    resolution.merges = merges(docs, graph, outcome, &entity_of_local);
    resolution
}

fn by_cluster(items: &[(usize, String)]) -> BTreeMap<usize, Vec<String>> {
    let mut out: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (cluster, item) in items {
        out.entry(*cluster).or_default().push(item.clone());
    }
    out
}

fn draft(
    docs: &[DocAnalysis],
    graph: &Graph,
    locals: &[u32],
    constructed: &[String],
    flags: &[String],
) -> Entity {
    let mentions = mentions_of(graph, locals);
    let mention = |r: &MentionRef| &docs[r.doc()].mentions[r.mention()];
    let entity_type = match majority_type(locals.iter().flat_map(|&l| {
        let local = &graph.locals[l as usize];
        std::iter::repeat_n(
            graph.nodes[local.node()].entity_type,
            graph.mentions(l as usize).len(),
        )
    })) {
        EntityType::Other => majority_type(mentions.iter().map(|r| mention(r).entity_type)),
        known => known,
    };
    let spelled: Vec<(&str, &Name, usize)> = tally(
        mentions
            .iter()
            .map(|r| (graph.surface(r.doc(), r.mention()), ())),
    )
    .into_iter()
    .map(|(id, (), n)| (graph.surfaces[id as usize], &graph.names[id as usize], n))
    .collect();
    let variants = by_frequency(&spelled);
    let roles =
        by_frequency(&tally(mentions.iter().filter_map(|r| {
            Some((mention(r).role(&docs[r.doc()].sentences)?, ()))
        })));
    let built: Vec<Name> = constructed.iter().map(|c| Name::new(c)).collect();
    let candidates: Vec<(&Name, usize)> = spelled
        .iter()
        .map(|&(_, name, n)| (name, n))
        .chain(built.iter().map(|n| (n, 1)))
        .collect();
    let name = canonical_name(&candidates);
    let mut all_flags: BTreeSet<String> = flags.iter().cloned().collect();
    if candidates.iter().any(|(n, _)| n.mixed_script) {
        all_flags.insert("mixed-script name".to_string());
    }
    Entity {
        id: String::new(),
        name,
        entity_type,
        variants,
        mentions,
        roles: dedup_caseless(roles),
        flags: all_flags.into_iter().collect(),
    }
}

/// The mentions of some local entities (given in document order), in
/// document order: only mentions of one document need sorting.
fn mentions_of(graph: &Graph, locals: &[u32]) -> Vec<MentionRef> {
    let count = locals
        .iter()
        .map(|&l| graph.mentions(l as usize).len())
        .sum();
    let mut mentions = Vec::with_capacity(count);
    for &l in locals {
        let doc = graph.locals[l as usize].doc();
        mentions.extend(
            graph
                .mentions(l as usize)
                .iter()
                .map(|&m| MentionRef::new(doc, m as usize)),
        );
    }
    for same_doc in mentions.chunk_by_mut(|a, b| a.doc == b.doc) {
        same_doc.sort_unstable();
    }
    mentions
}

/// The strings of a tally, most frequent first, then in string order.
fn by_frequency<V>(tally: &[(&str, V, usize)]) -> Vec<String> {
    let mut ranked: Vec<(&str, usize)> = tally.iter().map(|&(s, _, n)| (s, n)).collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ranked.into_iter().map(|(s, _)| s.to_string()).collect()
}

fn dedup_caseless(items: Vec<String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    items
        .into_iter()
        .filter(|item| seen.insert(item.to_lowercase()))
        .collect()
}

/// The fullest well-formed spelling, ASCII first, then the most frequent.
/// Acronyms name an entity only when it has no long form.
pub fn canonical_name(names: &[(&Name, usize)]) -> String {
    let has_long_form = names.iter().any(|(n, _)| n.acronym.is_none());
    names
        .iter()
        .filter(|(n, _)| !has_long_form || n.acronym.is_none())
        .max_by(|(a, ca), (b, cb)| {
            (a.core_len(), a.is_ascii(), well_formed(a), *ca)
                .cmp(&(b.core_len(), b.is_ascii(), well_formed(b), *cb))
                .then_with(|| b.surface.cmp(&a.surface))
        })
        .map(|(n, _)| n.surface.clone())
        .unwrap_or_default()
}

/// Capitalised like a name: some capital, not shouted in capitals.
fn well_formed(name: &Name) -> bool {
    let letters: Vec<char> = name.surface.chars().filter(|c| c.is_alphabetic()).collect();
    let capitals = letters.iter().filter(|c| c.is_uppercase()).count();
    capitals > 0 && (capitals < letters.len() || name.acronym.is_some())
}

/// `type-slug` of a canonical name.
pub fn slug(entity_type: EntityType, name: &str) -> String {
    let mut slug = String::new();
    for word in fold(name).split(' ').filter(|w| !w.is_empty()) {
        if slug.len() + word.len() + 1 > MAX_SLUG && !slug.is_empty() {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    if slug.is_empty() {
        slug.push_str("unnamed");
    }
    format!("{}-{slug}", entity_type.as_str().to_lowercase())
}

/// Slug, mentions (most first), first mention, draft index: the order in
/// which colliding entities claim an id.
type IdCandidate = (String, std::cmp::Reverse<usize>, (String, usize), usize);

/// Ids from slugs; on a collision the entity with more mentions (then the
/// earlier first mention) keeps the plain slug.
fn assign_ids(docs: &[DocAnalysis], drafts: &mut [(usize, Entity)]) {
    let first_mention = |e: &Entity| {
        e.mentions.first().map_or((String::new(), 0), |r| {
            (
                docs[r.doc()].record.doc_id.clone(),
                docs[r.doc()].mentions[r.mention()].start as usize,
            )
        })
    };
    let mut order: Vec<IdCandidate> = drafts
        .iter()
        .enumerate()
        .map(|(i, (_, e))| {
            (
                slug(e.entity_type, &e.name),
                std::cmp::Reverse(e.mentions.len()),
                first_mention(e),
                i,
            )
        })
        .collect();
    order.sort();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    for (slug, _, (doc_id, start), i) in order {
        let mut id = slug.clone();
        if taken.contains(&id) {
            id = format!(
                "{slug}-{:06x}",
                fnv1a(&format!("{doc_id}:{start}")) & 0xff_ffff
            );
        }
        let mut n = 2;
        while taken.contains(&id) {
            id = format!("{slug}-{n}");
            n += 1;
        }
        taken.insert(id.clone());
        drafts[i].1.id = id;
    }
}

/// FNV-1a: a fixed hash, so suffixes do not change between builds.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Every merge edge: links within documents, spellings that fold to one
/// name, and the matcher's and analysts' decisions between names.
fn merges(
    docs: &[DocAnalysis],
    graph: &Graph,
    outcome: &Outcome,
    entity_of: &(dyn Fn(usize) -> String + Sync),
) -> Vec<Merge> {
    let mut rows = linked_within_documents(docs, graph, outcome, entity_of);
    rows.par_extend(graph.nodes.par_iter().flat_map_iter(|node| {
        let mut spellings: Vec<u32> = node
            .locals
            .iter()
            .map(|&l| graph.head_surface(l as usize))
            .collect();
        spellings.sort_unstable();
        spellings.dedup();
        spellings
            .into_iter()
            .filter(|&s| graph.surfaces[s as usize] != node.name.surface)
            .map(|s| {
                let name = &graph.names[s as usize];
                let verdict =
                    matcher::compare(&node.name, node.entity_type, name, node.entity_type);
                Merge {
                    entity_id: entity_of(node.locals[0] as usize),
                    left: node.name.surface.clone(),
                    right: graph.surfaces[s as usize].to_string(),
                    score: verdict.score,
                    evidence: verdict.evidence_text(),
                    decision: Decision::Auto,
                }
            })
            .collect::<Vec<_>>()
    }));
    for edge in &outcome.edges {
        rows.push(Merge {
            entity_id: entity_of(edge.anchor),
            left: edge.left.clone(),
            right: edge.right.clone(),
            score: edge.score,
            evidence: edge.evidence.clone(),
            decision: edge.decision,
        });
    }
    rows.sort_by(|a, b| {
        (&a.entity_id, &a.left, &a.right, a.decision).cmp(&(
            &b.entity_id,
            &b.left,
            &b.right,
            b.decision,
        ))
    });
    rows.dedup_by(|a, b| {
        (&a.entity_id, &a.left, &a.right, a.decision)
            == (&b.entity_id, &b.left, &b.right, b.decision)
    });
    rows
}

/// A row for the first mention linked to a differently written head, per
/// cluster and pair of spellings.
fn linked_within_documents(
    docs: &[DocAnalysis],
    graph: &Graph,
    outcome: &Outcome,
    entity_of: &dyn Fn(usize) -> String,
) -> Vec<Merge> {
    let mut rows = Vec::new();
    let mut linked: FxHashSet<(u32, u32, u32)> = FxHashSet::default();
    for (l, local) in graph.locals.iter().enumerate() {
        let head = graph.head_surface(l);
        for &m in graph.mentions(l) {
            let surface = graph.surface(local.doc(), m as usize);
            if surface == head || !linked.insert((outcome.cluster_of[l], head, surface)) {
                continue;
            }
            let mention = &docs[local.doc()].mentions[m as usize];
            let how = if mention.evidence.is_empty() {
                "linked".to_string()
            } else {
                mention.evidence.to_string()
            };
            rows.push(Merge {
                entity_id: entity_of(l),
                left: graph.surfaces[head as usize].to_string(),
                right: graph.surfaces[surface as usize].to_string(),
                score: 1.0,
                evidence: format!("within document {}: {how}", graph.doc_ids[local.doc()]),
                decision: Decision::Auto,
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(spellings: &[(&str, usize)]) -> String {
        let names: Vec<(Name, usize)> = spellings.iter().map(|(s, n)| (Name::new(s), *n)).collect();
        let refs: Vec<(&Name, usize)> = names.iter().map(|(n, c)| (n, *c)).collect();
        canonical_name(&refs)
    }

    #[test]
    fn canonical_prefers_full_ascii_names_over_acronyms() {
        assert_eq!(
            canonical(&[
                ("TTP", 5),
                ("Tehrik-i-Taliban Pakistan", 1),
                ("Tehrik-e Taliban Pakistan", 2)
            ]),
            "Tehrik-e Taliban Pakistan"
        );
        assert_eq!(
            canonical(&[
                ("Amuralá Salé", 1),
                ("Amrullah", 2),
                ("Saleh", 2),
                ("Amrullah Saleh", 1)
            ]),
            "Amrullah Saleh"
        );
        assert_eq!(canonical(&[("AQIS", 2), ("AQSI", 1)]), "AQIS");
    }

    #[test]
    fn slugs_are_typed_folded_and_bounded() {
        assert_eq!(slug(EntityType::Org, "al-Qaeda"), "org-al-qaeda");
        assert_eq!(
            slug(EntityType::Person, "Amuralá Salé"),
            "person-amurala-sale"
        );
        assert_eq!(slug(EntityType::Other, "!!"), "other-unnamed");
        assert!(slug(EntityType::Org, &"word ".repeat(40)).len() <= MAX_SLUG + 4);
    }
}
