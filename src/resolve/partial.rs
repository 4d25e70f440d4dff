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

/// Attaches the partial names of every document, document by document.
/// A one-word name already merged with other spellings has found its
/// entity and stays with it.
pub fn attach(graph: &Graph, clusters: &mut Clusters) -> Attached {
    let index = Index::new(graph);
    let mut attached = Attached::default();
    let mut start = 0;
    while start < graph.locals.len() {
        let doc = graph.locals[start].doc;
        let end = start
            + graph.locals[start..]
                .iter()
                .take_while(|l| l.doc == doc)
                .count();
        let unmerged: Vec<usize> = (start..end)
            .filter(|&l| {
                let root = clusters.find(graph.locals[l].node);
                clusters.members[root].len() == 1
            })
            .collect();
        let parts: Vec<usize> = unmerged
            .iter()
            .copied()
            .filter(|&l| graph.nodes[graph.locals[l].node].partial)
            .collect();
        let pair_parts: Vec<usize> = unmerged
            .iter()
            .copied()
            .filter(|&l| may_be_name_part(graph, l))
            .collect();
        if pair_parts.len() >= 2 || !parts.is_empty() {
            let in_doc: BTreeSet<usize> = (start..end).map(|l| graph.locals[l].node).collect();
            attach_pairs(graph, clusters, &index, &pair_parts, &in_doc, &mut attached);
            for &part in &parts {
                if !attached.cluster_of.contains_key(&part) {
                    attach_one(graph, clusters, &index, part, &in_doc, &mut attached);
                }
            }
        }
        start = end;
    }
    attached
}

/// A one-word name that may be a person's given name or surname: typed
/// person, or untyped (mention typing often cannot tell a lone name), and
/// not a known place.
fn may_be_name_part(graph: &Graph, local: usize) -> bool {
    let node = &graph.nodes[graph.locals[local].node];
    node.partial
        || (node.entity_type == EntityType::Other
            && node.name.core_len() == 1
            && node.name.acronym.is_none()
            && super::words::place_entry(&node.name.surface).is_none())
}

fn surface(graph: &Graph, local: usize) -> &str {
    &graph.nodes[graph.locals[local].node].name.surface
}

fn first_core(graph: &Graph, local: usize) -> Option<&super::name::Token> {
    graph.nodes[graph.locals[local].node].name.core().next()
}

/// Given name and surname found apart in one document, aligned together
/// with one full name.
fn attach_pairs(
    graph: &Graph,
    clusters: &mut Clusters,
    index: &Index,
    parts: &[usize],
    in_doc: &BTreeSet<usize>,
    attached: &mut Attached,
) {
    for &x in parts {
        for &y in parts {
            let (nx, ny) = (graph.locals[x].node, graph.locals[y].node);
            if nx == ny
                || attached.cluster_of.contains_key(&x)
                || attached.cluster_of.contains_key(&y)
            {
                continue;
            }
            let Some(first) = first_core(graph, x) else {
                continue;
            };
            let together = Name::new(&format!("{} {}", surface(graph, x), surface(graph, y)));
            let mut found: BTreeMap<usize, (usize, matcher::Verdict)> = BTreeMap::new();
            for &n in index
                .by_first_key
                .get(&first.key)
                .into_iter()
                .flatten()
                .take(MAX_CANDIDATES)
            {
                let node = &graph.nodes[n];
                let verdict =
                    matcher::compare(&together, EntityType::Person, &node.name, node.entity_type);
                if verdict.same() && node.name.core_len() == 2 {
                    let root = clusters.find(n);
                    found.entry(root).or_insert((n, verdict));
                }
            }
            if found.len() != 1 {
                continue;
            }
            let Some((root, (n, verdict))) = found.into_iter().next() else {
                continue;
            };
            if clusters.split_between(nx, n) || clusters.split_between(ny, n) {
                continue;
            }
            let verdict = with_context(graph, verdict, &[x, y], n, in_doc);
            let evidence = format!(
                "'{}' and '{}' appear apart in {}; together they align with '{}': {}",
                surface(graph, x),
                surface(graph, y),
                graph.doc_ids[graph.locals[x].doc],
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
            attached.constructed.push((root, together.surface.clone()));
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
    in_doc: &BTreeSet<usize>,
) -> matcher::Verdict {
    let their = &graph.nodes[node];
    let roles: BTreeSet<String> = parts
        .iter()
        .flat_map(|&p| graph.locals[p].roles.iter())
        .filter(|r| their.roles.contains(r))
        .cloned()
        .collect();
    let neighbours: Vec<String> = in_doc
        .iter()
        .filter(|d| their.neighbours.binary_search(d).is_ok())
        .map(|&d| graph.nodes[d].name.surface.clone())
        .collect();
    verdict.with_context(&roles.into_iter().collect::<Vec<_>>(), &neighbours)
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

/// A lone name joins the only person it can be, or the one that context
/// singles out.
fn attach_one(
    graph: &Graph,
    clusters: &mut Clusters,
    index: &Index,
    part: usize,
    in_doc: &BTreeSet<usize>,
    attached: &mut Attached,
) {
    let part_node = graph.locals[part].node;
    let Some(word) = first_core(graph, part) else {
        return;
    };
    let Some(nodes) = index.by_word.get(&word.folded) else {
        return;
    };
    if nodes.len() > MAX_CANDIDATES {
        return;
    }
    let mut by_root: BTreeMap<usize, usize> = BTreeMap::new();
    let part_name = &graph.nodes[part_node].name;
    for &n in nodes {
        let node = &graph.nodes[n];
        let contradicted =
            matcher::compare(part_name, EntityType::Person, &node.name, node.entity_type).blocked;
        if !contradicted && !clusters.split_between(part_node, n) {
            let root = clusters.find(n);
            by_root.entry(root).or_insert(n);
        }
    }
    let here: Vec<(usize, usize)> = by_root
        .iter()
        .filter(|(root, _)| clusters.members[**root].iter().any(|m| in_doc.contains(m)))
        .map(|(r, n)| (*r, *n))
        .collect();
    let candidates: Vec<(usize, usize)> = if here.is_empty() {
        by_root.into_iter().collect()
    } else {
        here
    };
    let (root, n, reason) = match candidates.as_slice() {
        [] => return,
        [(root, n)] => (*root, *n, only_candidate(graph, *n, in_doc.contains(n))),
        _ => match by_context(graph, clusters, part, &candidates, in_doc) {
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
        graph.doc_ids[graph.locals[part].doc]
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
    in_doc: &BTreeSet<usize>,
) -> Option<(usize, usize, String)> {
    let roles = &graph.locals[part].roles;
    let doc_nodes: Vec<usize> = in_doc.iter().copied().collect();
    let mut scored: Vec<(usize, usize, usize, String)> = candidates
        .iter()
        .map(|&(root, n)| {
            let members = &clusters.members[root];
            let their_roles: BTreeSet<&String> = members
                .iter()
                .flat_map(|m| &graph.nodes[*m].roles)
                .collect();
            let their_neighbours: BTreeSet<usize> = members
                .iter()
                .flat_map(|m| graph.nodes[*m].neighbours.iter().copied())
                .collect();
            let role = roles.iter().find(|r| their_roles.contains(r));
            let neighbours: Vec<usize> = doc_nodes
                .iter()
                .copied()
                .filter(|d| their_neighbours.contains(d))
                .collect();
            let score = usize::from(role.is_some()) * 2 + neighbours.len();
            let mut why = Vec::new();
            if let Some(role) = role {
                why.push(format!("same role '{role}'"));
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
