//! Lone given names and surnames ("Angela", "Merkel") that a document did not
//! link to a full name: each joins the one person it can stand for.
//!
//! Two parts found apart in one document ("Muammar" ... "Gaddafi") are tried
//! together first: as a pair they align with a full name elsewhere
//! ("Moammar Qadhafi") far more safely than either alone. A part alone joins
//! a person whose first or last name it is when that person is the only
//! candidate, or when context (a shared role, entities mentioned in the same
//! documents) singles one out; otherwise it stays apart, flagged ambiguous.

use super::cluster::{Clusters, Edge};
use super::local::Graph;
use super::matcher;
use super::name::{Name, Role};
use crate::model::{Decision, EntityType};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// More full names than this sharing one word: too common to guess.
const MAX_CANDIDATES: usize = 64;

/// Partial names attached to clusters.
#[derive(Debug, Default)]
pub struct Attached {
    /// Local entity -> cluster root it joined.
    pub cluster_of: BTreeMap<usize, usize>,
    /// Merge edges, one per attached part.
    pub edges: Vec<Edge>,
    /// Full names put together from parts, per cluster.
    pub constructed: Vec<(usize, String)>,
    /// Warnings per cluster.
    pub flags: Vec<(usize, String)>,
}

/// Full person names by their first and last words.
struct Index {
    by_word: HashMap<String, Vec<usize>>,
    by_first_key: HashMap<String, Vec<usize>>,
}

impl Index {
    fn new(graph: &Graph) -> Index {
        let mut index = Index {
            by_word: HashMap::new(),
            by_first_key: HashMap::new(),
        };
        for (n, node) in graph.nodes.iter().enumerate() {
            if node.entity_type != EntityType::Person || node.partial {
                continue;
            }
            let core: Vec<_> = node.name.core().collect();
            let (Some(first), Some(last)) = (core.first(), core.last()) else {
                continue;
            };
            let has_function_word = node.name.tokens.iter().any(|t| t.role == Role::Function);
            if core.len() < 2 || node.name.acronym.is_some() || has_function_word {
                continue;
            }
            index
                .by_word
                .entry(first.folded.clone())
                .or_default()
                .push(n);
            if last.folded != first.folded {
                index
                    .by_word
                    .entry(last.folded.clone())
                    .or_default()
                    .push(n);
            }
            index
                .by_first_key
                .entry(first.key.clone())
                .or_default()
                .push(n);
        }
        index
    }
}

/// One document's unmerged one-word names.
struct DocParts {
    /// The document.
    doc: usize,
    /// Lone given names or surnames of people.
    parts: Vec<usize>,
    /// One-word names that may be a given name or a surname.
    pair_parts: Vec<usize>,
}

/// What the matcher says of names, worked out once per pair of nodes or
/// part node for all the documents where they meet.
struct Found {
    /// `(given, surname)` nodes: the one full name they align with together.
    pairs: FxHashMap<(usize, usize), Option<Aligned>>,
    /// Part node: clusters (root, a full name) it may stand for, by root.
    parts: FxHashMap<usize, Vec<(usize, usize)>>,
}

/// Two parts put together, and the one full name they align with.
struct Aligned {
    together: String,
    root: usize,
    node: usize,
    verdict: matcher::Verdict,
}

/// Attaches the partial names of every document. Clusters do not change
/// meanwhile, so documents are worked in parallel (the matcher consulted
/// once per pair of nodes) and their results joined in document order.
pub fn attach(graph: &Graph, clusters: &Clusters) -> Attached {
    let index = Index::new(graph);
    let docs: Vec<DocParts> = (0..graph.doc_count())
        .into_par_iter()
        .filter_map(|doc| doc_parts(graph, clusters, doc))
        .collect();
    let found = find(graph, clusters, &index, &docs);
    let per_doc: Vec<Attached> = docs
        .par_iter()
        .map(|doc| {
            let mut attached = Attached::default();
            let in_doc = graph.nodes_in(doc.doc);
            attach_pairs(
                graph,
                clusters,
                &found,
                &doc.pair_parts,
                &in_doc,
                &mut attached,
            );
            for &part in &doc.parts {
                if !attached.cluster_of.contains_key(&part) {
                    attach_one(graph, clusters, &found, part, &in_doc, &mut attached);
                }
            }
            attached
        })
        .collect();
    let mut attached = Attached::default();
    for doc in per_doc {
        attached.cluster_of.extend(doc.cluster_of);
        attached.edges.extend(doc.edges);
        attached.constructed.extend(doc.constructed);
        attached.flags.extend(doc.flags);
    }
    attached
}

/// A document's unmerged one-word names, when there are some to attach.
fn doc_parts(graph: &Graph, clusters: &Clusters, doc: usize) -> Option<DocParts> {
    let unmerged: Vec<usize> = graph
        .locals_of(doc)
        .filter(|&l| clusters.members[clusters.find(graph.locals[l].node())].len() == 1)
        .collect();
    let parts: Vec<usize> = unmerged
        .iter()
        .copied()
        .filter(|&l| graph.nodes[graph.locals[l].node()].partial)
        .collect();
    let pair_parts: Vec<usize> = unmerged
        .into_iter()
        .filter(|&l| may_be_name_part(graph, l))
        .collect();
    (pair_parts.len() >= 2 || !parts.is_empty()).then_some(DocParts {
        doc,
        parts,
        pair_parts,
    })
}

/// The matcher's findings for every pair of parts and every part node of
/// the documents, in parallel.
fn find(graph: &Graph, clusters: &Clusters, index: &Index, docs: &[DocParts]) -> Found {
    let node = |l: usize| graph.locals[l].node();
    let mut pairs: Vec<(usize, usize)> = docs
        .par_iter()
        .flat_map_iter(|doc| {
            doc.pair_parts.iter().flat_map(move |&x| {
                doc.pair_parts
                    .iter()
                    .map(move |&y| (node(x), node(y)))
                    .filter(|(nx, ny)| nx != ny)
            })
        })
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    let mut parts: Vec<usize> = docs
        .iter()
        .flat_map(|doc| doc.parts.iter().map(|&l| node(l)))
        .collect();
    parts.par_sort_unstable();
    parts.dedup();
    Found {
        pairs: pairs
            .into_par_iter()
            .map(|(x, y)| ((x, y), align_pair(graph, clusters, index, x, y)))
            .collect(),
        parts: parts
            .into_par_iter()
            .map(|part| (part, part_candidates(graph, clusters, index, part)))
            .collect(),
    }
}

/// A one-word name that may be a person's given name or surname: typed
/// person, or untyped (mention typing often cannot tell a lone name), and
/// not a known place.
fn may_be_name_part(graph: &Graph, local: usize) -> bool {
    let node = &graph.nodes[graph.locals[local].node()];
    node.partial
        || (node.entity_type == EntityType::Other
            && node.name.core_len() == 1
            && node.name.acronym.is_none()
            && super::words::place_entry(&node.name.surface).is_none())
}

fn surface<'g>(graph: &'g Graph, local: usize) -> &'g str {
    &graph.nodes[graph.locals[local].node()].name.surface
}

/// The one full name that a given name and a surname (nodes) align with
/// together, if exactly one cluster has such a name.
fn align_pair(
    graph: &Graph,
    clusters: &Clusters,
    index: &Index,
    x: usize,
    y: usize,
) -> Option<Aligned> {
    let first = graph.nodes[x].name.core().next()?;
    let together = Name::new(&format!(
        "{} {}",
        graph.nodes[x].name.surface, graph.nodes[y].name.surface
    ));
    let mut found: BTreeMap<usize, (usize, matcher::Verdict)> = BTreeMap::new();
    for &n in index
        .by_first_key
        .get(&first.key)
        .into_iter()
        .flatten()
        .take(MAX_CANDIDATES)
    {
        let node = &graph.nodes[n];
        let verdict = matcher::compare(&together, EntityType::Person, &node.name, node.entity_type);
        if verdict.same() && node.name.core_len() == 2 {
            found.entry(clusters.find(n)).or_insert((n, verdict));
        }
    }
    if found.len() != 1 {
        return None;
    }
    let (root, (node, verdict)) = found.into_iter().next()?;
    Some(Aligned {
        together: together.surface,
        root,
        node,
        verdict,
    })
}

/// Given name and surname found apart in one document, aligned together
/// with one full name.
fn attach_pairs(
    graph: &Graph,
    clusters: &Clusters,
    found: &Found,
    parts: &[usize],
    in_doc: &[usize],
    attached: &mut Attached,
) {
    for &x in parts {
        for &y in parts {
            let (nx, ny) = (graph.locals[x].node(), graph.locals[y].node());
            if nx == ny
                || attached.cluster_of.contains_key(&x)
                || attached.cluster_of.contains_key(&y)
            {
                continue;
            }
            let Some(Some(aligned)) = found.pairs.get(&(nx, ny)) else {
                continue;
            };
            let (root, n) = (aligned.root, aligned.node);
            if clusters.split_between(nx, n) || clusters.split_between(ny, n) {
                continue;
            }
            let verdict = with_context(graph, aligned.verdict.clone(), &[x, y], n, in_doc);
            let evidence = format!(
                "'{}' and '{}' appear apart in {}; together they align with '{}': {}",
                surface(graph, x),
                surface(graph, y),
                graph.doc_ids[graph.locals[x].doc()],
                graph.nodes[n].name.surface,
                verdict.evidence_text()
            );
            for part in [x, y] {
                join(
                    graph,
                    part,
                    n,
                    root,
                    verdict.score,
                    evidence.clone(),
                    attached,
                );
            }
            attached.constructed.push((root, aligned.together.clone()));
        }
    }
}

/// The verdict with what the part's document shares with a full name's
/// node: roles, and entities mentioned alongside.
fn with_context(
    graph: &Graph,
    verdict: matcher::Verdict,
    parts: &[usize],
    node: usize,
    in_doc: &[usize],
) -> matcher::Verdict {
    let their = &graph.nodes[node];
    let roles: BTreeSet<u32> = parts
        .iter()
        .flat_map(|&p| graph.roles(p))
        .filter(|r| their.roles.binary_search(r).is_ok())
        .collect();
    let roles: Vec<String> = roles
        .into_iter()
        .map(|r| graph.role_key(r).to_string())
        .collect();
    let neighbours: Vec<String> = in_doc
        .iter()
        .filter(|d| their.neighbours.binary_search(d).is_ok())
        .map(|&d| graph.nodes[d].name.surface.clone())
        .collect();
    verdict.with_context(&roles, &neighbours)
}

fn join(
    graph: &Graph,
    part: usize,
    node: usize,
    root: usize,
    score: f64,
    evidence: String,
    attached: &mut Attached,
) {
    attached.cluster_of.insert(part, root);
    attached.edges.push(Edge {
        anchor: part,
        left: surface(graph, part).to_string(),
        right: graph.nodes[node].name.surface.clone(),
        score,
        evidence,
        decision: Decision::Auto,
    });
}

/// The clusters (root, a full name of it) a lone name may stand for:
/// people whose first or last word it is, without evidence against.
fn part_candidates(
    graph: &Graph,
    clusters: &Clusters,
    index: &Index,
    part_node: usize,
) -> Vec<(usize, usize)> {
    let part_name = &graph.nodes[part_node].name;
    let Some(word) = part_name.core().next() else {
        return Vec::new();
    };
    let Some(nodes) = index.by_word.get(&word.folded) else {
        return Vec::new();
    };
    if nodes.len() > MAX_CANDIDATES {
        return Vec::new();
    }
    let mut by_root: BTreeMap<usize, usize> = BTreeMap::new();
    for &n in nodes {
        let node = &graph.nodes[n];
        let contradicted =
            matcher::compare(part_name, EntityType::Person, &node.name, node.entity_type).blocked;
        if !contradicted && !clusters.split_between(part_node, n) {
            by_root.entry(clusters.find(n)).or_insert(n);
        }
    }
    by_root.into_iter().collect()
}

/// A lone name joins the only person it can be, or the one that context
/// singles out.
fn attach_one(
    graph: &Graph,
    clusters: &Clusters,
    found: &Found,
    part: usize,
    in_doc: &[usize],
    attached: &mut Attached,
) {
    let part_node = graph.locals[part].node();
    let Some(all) = found.parts.get(&part_node) else {
        return;
    };
    let in_doc_has = |n: &usize| in_doc.binary_search(n).is_ok();
    let here: Vec<(usize, usize)> = all
        .iter()
        .filter(|(root, _)| clusters.members[*root].iter().any(in_doc_has))
        .copied()
        .collect();
    let candidates: &[(usize, usize)] = if here.is_empty() { all } else { &here };
    let (root, n, reason) = match candidates {
        [] => return,
        [(root, n)] => (*root, *n, only_candidate(graph, *n, in_doc_has(n))),
        _ => match by_context(graph, clusters, part, candidates, in_doc) {
            Some((root, n, why)) => (root, n, why),
            None => {
                let names: Vec<String> = candidates
                    .iter()
                    .take(4)
                    .map(|(_, n)| format!("'{}'", graph.nodes[*n].name.surface))
                    .collect();
                attached.flags.push((
                    part_node,
                    format!("ambiguous partial name: could be {}", names.join(" or ")),
                ));
                return;
            }
        },
    };
    let evidence = format!(
        "'{}' alone in {}: {reason}",
        surface(graph, part),
        graph.doc_ids[graph.locals[part].doc()]
    );
    join(graph, part, n, root, 0.8, evidence, attached);
}

fn only_candidate(graph: &Graph, node: usize, same_doc: bool) -> String {
    let full = &graph.nodes[node].name.surface;
    if same_doc {
        format!("the full name '{full}' is in the same document")
    } else {
        format!("the only person of that name is '{full}'")
    }
}

/// The candidate with the most context in common with the part (roles,
/// co-mentioned entities), when exactly one has the most.
fn by_context(
    graph: &Graph,
    clusters: &Clusters,
    part: usize,
    candidates: &[(usize, usize)],
    in_doc: &[usize],
) -> Option<(usize, usize, String)> {
    let roles: Vec<u32> = graph.roles(part).collect();
    let mut scored: Vec<(usize, usize, usize, String)> = candidates
        .iter()
        .map(|&(root, n)| {
            let members = &clusters.members[root];
            let their_roles: BTreeSet<u32> = members
                .iter()
                .flat_map(|m| graph.nodes[*m].roles.iter().copied())
                .collect();
            let their_neighbours: BTreeSet<usize> = members
                .iter()
                .flat_map(|m| graph.nodes[*m].neighbours.iter().copied())
                .collect();
            let role = roles.iter().find(|r| their_roles.contains(r));
            let neighbours: Vec<usize> = in_doc
                .iter()
                .copied()
                .filter(|d| their_neighbours.contains(d))
                .collect();
            let score = usize::from(role.is_some()) * 2 + neighbours.len();
            let mut why = Vec::new();
            if let Some(role) = role {
                why.push(format!("same role '{}'", graph.role_key(*role)));
            }
            if let Some(&shown) = neighbours.first() {
                why.push(format!(
                    "both mentioned with '{}'",
                    graph.nodes[shown].name.surface
                ));
            }
            (score, root, n, why.join(", "))
        })
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    match scored.as_slice() {
        [best, next, ..] if best.0 > 0 && best.0 > next.0 => Some((
            best.1,
            best.2,
            format!(
                "context points to '{}' among {} people of that name: {}",
                graph.nodes[best.2].name.surface,
                scored.len(),
                best.3
            ),
        )),
        _ => None,
    }
}
