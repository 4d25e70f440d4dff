//! Entity resolution across documents.
//!
//! 1. **Within a document** ([`local`]): mentions linked by
//!    [`Mention::refers_to`](crate::model::Mention::refers_to) form one local
//!    entity named by its fullest mention.
//! 2. **Nodes**: local entities whose names fold to the same string (case,
//!    diacritics, script, hyphens) and type are one node.
//! 3. **Candidates** ([`cluster`]): nodes meet only when they share a
//!    blocking key (a word's phonetic key, the letters of an acronym sorted,
//!    a gazetteer entry), never all pairs.
//! 4. **Clustering**: candidate pairs scored by the [`matcher`], best first,
//!    joined by union-find unless any member pair of the two clusters has
//!    evidence against (a cannot-link) or an analyst said split.
//! 5. **Partial names** ([`partial`]): a lone given name or surname joins
//!    the one person it can stand for.
//! 6. **Canonical names and ids** ([`canonical`]).
//!
//! Every merge is kept with its evidence for `merges.csv`. The result
//! depends only on the documents' content, not their order.

pub mod canonical;
mod cluster;
mod decisions;
mod local;
pub mod matcher;
pub mod name;
mod pairs;
mod partial;
mod words;

pub use decisions::read_decisions;
pub use pairs::score_name_pairs;

use crate::config::ResolveConfig;
use crate::model::{DocAnalysis, Resolution};

/// Groups the mentions of all documents into entities.
pub fn entities(docs: &[DocAnalysis], config: &ResolveConfig) -> Resolution {
    let graph = local::Graph::build(docs, config.strategy);
    let mut outcome = cluster::resolve(&graph, &cluster::Constraints::default(), config.strategy);
    let mut warnings = Vec::new();
    if !config.decisions.is_empty() {
        let first = canonical::assemble(docs, &graph, &outcome);
        let (constraints, problems) = decisions::constraints(&config.decisions, docs, &graph, &first);
        warnings = problems;
        outcome = cluster::resolve(&graph, &constraints, config.strategy);
    }
    let mut resolution = canonical::assemble(docs, &graph, &outcome);
    resolution.warnings = warnings;
    resolution
}
