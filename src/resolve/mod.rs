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
        let (constraints, problems) = decisions::constraints(&config.decisions, &graph, &first);
        warnings = problems;
        outcome = cluster::resolve(&graph, &constraints, config.strategy);
    }
    let mut resolution = canonical::assemble(docs, &graph, &outcome);
    resolution.warnings = warnings;
    resolution
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{DecisionRow, Strategy};
    use crate::model::{
        doc_index, ByteSpan, DocumentRecord, EntityType, Mention, Meta, Sentence, Status,
    };
    use EntityType::*;

    /// A mention: surface, type, role, index of the mention it refers to.
    type Spec<'a> = (&'a str, EntityType, Option<&'a str>, Option<usize>);

    /// A document of one sentence per mention: its role, if any, then its name.
    fn doc(id: &str, specs: &[Spec]) -> DocAnalysis {
        let mut offset = 0;
        let mut sentences = Vec::new();
        let mentions = specs
            .iter()
            .map(|&(surface, entity_type, role, refers_to)| {
                let text = role.map_or(surface.to_string(), |role| format!("{role} {surface}"));
                let name = text.len() - surface.len();
                let sentence = Sentence {
                    index: sentences.len(),
                    paragraph: 0,
                    span: ByteSpan::new(offset, offset + text.len()),
                    char_start: offset,
                    text,
                };
                offset += sentence.text.chars().count() + 10;
                let (start, end) = sentence.char_range(name..sentence.text.len());
                let local = doc_index(name)..doc_index(sentence.text.len());
                sentences.push(sentence);
                Mention {
                    sentence: doc_index(sentences.len() - 1),
                    local,
                    start: doc_index(start),
                    end: doc_index(end),
                    role_local: 0..doc_index(role.map_or(0, str::len)),
                    entity_type,
                    refers_to: refers_to.map(doc_index),
                    evidence: "".into(),
                }
            })
            .collect();
        DocAnalysis {
            record: DocumentRecord {
                doc_id: id.to_string(),
                path: id.to_string(),
                meta: Meta::default(),
                status: Status::Ok,
                note: String::new(),
                bytes: 0,
                kept_chars: 0,
                paragraphs: 0,
                sentences: sentences.len(),
            },
            sentences,
            mentions,
            claims: Vec::new(),
        }
    }

    /// The groups of surfaces (sorted) resolution forms.
    fn groups(resolution: &Resolution, docs: &[DocAnalysis]) -> Vec<Vec<String>> {
        let mut groups: Vec<Vec<String>> = resolution
            .entities
            .iter()
            .map(|e| {
                let mut surfaces: Vec<String> = e
                    .mentions
                    .iter()
                    .map(|r| {
                        format!(
                            "{}:{}",
                            docs[r.doc()].record.doc_id,
                            docs[r.doc()].mentions[r.mention()].surface(&docs[r.doc()].sentences)
                        )
                    })
                    .collect();
                surfaces.sort();
                surfaces
            })
            .collect();
        groups.sort();
        groups
    }

    fn entity_with<'r>(
        resolution: &'r Resolution,
        docs: &[DocAnalysis],
        doc_id: &str,
        surface: &str,
    ) -> &'r crate::model::Entity {
        let d = docs
            .iter()
            .position(|d| d.record.doc_id == doc_id)
            .expect("doc");
        let m = docs[d]
            .mentions
            .iter()
            .position(|m| m.surface(&docs[d].sentences) == surface)
            .expect("mention");
        resolution
            .entity(crate::model::MentionRef::new(d, m))
            .expect("entity")
    }

    fn same_entity(
        resolution: &Resolution,
        docs: &[DocAnalysis],
        a: (&str, &str),
        b: (&str, &str),
    ) -> bool {
        entity_with(resolution, docs, a.0, a.1).id == entity_with(resolution, docs, b.0, b.1).id
    }

    fn corpus() -> Vec<DocAnalysis> {
        vec![
            doc(
                "a",
                &[
                    ("Amuralá Salé", Person, Some("first vice president"), None),
                    ("Al Qaeda in the Indian Subcontinent", Org, None, None),
                    ("AQSI", Org, None, Some(1)),
                    ("Al Qaeda", Org, None, None),
                    ("Tehrik-i-Taliban Pakistan", Org, None, None),
                    ("Taliban", Org, None, None),
                    ("Iran", Place, None, None),
                ],
            ),
            doc(
                "b",
                &[
                    ("Amrullah", Person, Some("First Vice President"), None),
                    ("Saleh", Person, None, None),
                    ("al-Qaeda in the Indian Subcontinent", Org, None, None),
                    ("AQIS", Org, None, Some(2)),
                    ("al-Qaida", Org, None, None),
                    ("Tehrik-e Taliban Pakistan", Org, None, None),
                    ("Iraq", Place, None, None),
                    ("Douglas London", Person, None, None),
                    ("London", Person, None, Some(7)),
                ],
            ),
            doc(
                "c",
                &[
                    ("London", Place, None, None),
                    ("Osama bin Laden", Person, None, None),
                    ("Taleban", Org, None, None),
                ],
            ),
            doc(
                "d",
                &[
                    ("Osama Hamdan", Person, None, None),
                    ("Hamas", Org, None, None),
                ],
            ),
            doc("e", &[("Osama", Person, None, None)]),
        ]
    }

    #[test]
    fn merges_variants_across_documents_and_scripts() {
        let docs = corpus();
        let r = entities(&docs, &ResolveConfig::default());
        assert!(same_entity(
            &r,
            &docs,
            ("a", "Amuralá Salé"),
            ("b", "Amrullah")
        ));
        assert!(same_entity(
            &r,
            &docs,
            ("a", "Amuralá Salé"),
            ("b", "Saleh")
        ));
        assert_eq!(entity_with(&r, &docs, "b", "Saleh").name, "Amrullah Saleh");
        assert!(same_entity(&r, &docs, ("a", "AQSI"), ("b", "AQIS")));
        assert!(same_entity(
            &r,
            &docs,
            ("a", "AQSI"),
            ("b", "al-Qaeda in the Indian Subcontinent")
        ));
        assert!(same_entity(&r, &docs, ("a", "Al Qaeda"), ("b", "al-Qaida")));
        assert!(same_entity(
            &r,
            &docs,
            ("a", "Tehrik-i-Taliban Pakistan"),
            ("b", "Tehrik-e Taliban Pakistan")
        ));
        assert!(same_entity(&r, &docs, ("a", "Taliban"), ("c", "Taleban")));
    }

    #[test]
    fn keeps_look_alikes_and_extensions_apart() {
        let docs = corpus();
        let r = entities(&docs, &ResolveConfig::default());
        assert!(!same_entity(&r, &docs, ("a", "AQSI"), ("a", "Al Qaeda")));
        assert!(!same_entity(
            &r,
            &docs,
            ("a", "Taliban"),
            ("a", "Tehrik-i-Taliban Pakistan")
        ));
        assert!(!same_entity(&r, &docs, ("a", "Iran"), ("b", "Iraq")));
        assert!(!same_entity(&r, &docs, ("b", "London"), ("c", "London")));
        assert!(!same_entity(
            &r,
            &docs,
            ("c", "Osama bin Laden"),
            ("d", "Osama Hamdan")
        ));
        let lone = entity_with(&r, &docs, "e", "Osama");
        assert_eq!(lone.mentions.len(), 1);
        assert!(
            lone.flags.iter().any(|f| f.contains("ambiguous")),
            "{lone:?}"
        );
    }

    #[test]
    fn ids_are_typed_slugs_and_every_merge_has_evidence() {
        let docs = corpus();
        let r = entities(&docs, &ResolveConfig::default());
        assert_eq!(entity_with(&r, &docs, "a", "Al Qaeda").id, "org-al-qaeda");
        assert_eq!(entity_with(&r, &docs, "a", "Iran").id, "place-iran");
        let ids: std::collections::BTreeSet<&str> =
            r.entities.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), r.entities.len(), "ids are unique");
        assert!(r.merges.iter().all(|m| !m.evidence.is_empty()));
        let composite = r
            .merges
            .iter()
            .find(|m| m.left == "Saleh")
            .expect("merge row for Saleh");
        assert!(
            composite.evidence.contains("phonetic key match"),
            "{composite:?}"
        );
        assert!(composite.evidence.contains("same role"), "{composite:?}");
    }

    #[test]
    fn result_does_not_depend_on_document_order() {
        let docs = corpus();
        let mut reversed = corpus();
        reversed.reverse();
        let forward = entities(&docs, &ResolveConfig::default());
        let backward = entities(&reversed, &ResolveConfig::default());
        assert_eq!(groups(&forward, &docs), groups(&backward, &reversed));
        let ids = |r: &Resolution| {
            r.entities
                .iter()
                .map(|e| (e.id.clone(), e.name.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&forward), ids(&backward));
    }

    #[test]
    fn decisions_merge_split_and_warn() {
        let docs = corpus();
        let row = |line, merge, left: &str, right: &str| DecisionRow {
            line,
            merge,
            left: left.to_string(),
            right: right.to_string(),
            note: "analyst".to_string(),
        };
        let config = ResolveConfig {
            decisions: vec![
                row(2, true, "org-hamas", "Taliban"),
                row(
                    3,
                    false,
                    "Tehrik-i-Taliban Pakistan",
                    "Tehrik-e Taliban Pakistan",
                ),
                row(4, true, "person-nobody", "Iran"),
            ],
            ..ResolveConfig::default()
        };
        let r = entities(&docs, &config);
        assert!(same_entity(&r, &docs, ("d", "Hamas"), ("a", "Taliban")));
        assert!(!same_entity(
            &r,
            &docs,
            ("a", "Tehrik-i-Taliban Pakistan"),
            ("b", "Tehrik-e Taliban Pakistan")
        ));
        assert!(r
            .merges
            .iter()
            .any(|m| m.decision == crate::model::Decision::Accepted));
        assert!(r
            .merges
            .iter()
            .any(|m| m.decision == crate::model::Decision::Rejected));
        assert_eq!(r.warnings.len(), 1, "{:?}", r.warnings);
        assert!(r.warnings[0].contains("person-nobody"));
    }

    #[test]
    fn baseline_groups_only_identical_folded_names() {
        let docs = corpus();
        let config = ResolveConfig {
            strategy: Strategy::ExactName,
            ..ResolveConfig::default()
        };
        let r = entities(&docs, &config);
        assert!(same_entity(&r, &docs, ("b", "London"), ("c", "London")));
        assert!(!same_entity(&r, &docs, ("a", "AQSI"), ("b", "AQIS")));
        assert!(!same_entity(
            &r,
            &docs,
            ("a", "Al Qaeda"),
            ("b", "al-Qaida")
        ));
    }
}
