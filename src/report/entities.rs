//! `entities.csv`, `mentions.csv` and `merges.csv`: who is who, where each
//! name was written, and why names were merged.

use super::ReportFile;
use super::Resolved;
use std::collections::BTreeSet;

/// Columns of `entities.csv`. Changing them is a breaking change.
pub const ENTITIES_HEADER: &[&str] = &[
    "entity_id",
    "name",
    "type",
    "variants",
    "mentions",
    "documents",
    "outlets",
    "roles",
    "flags",
];

/// Columns of `mentions.csv`. `type_evidence` (why the mention got its
/// type, or which full name it stands for) was added after the first
/// release; new columns go at the end.
pub const MENTIONS_HEADER: &[&str] = &[
    "mention_id",
    "entity_id",
    "doc_id",
    "outlet",
    "surface",
    "start",
    "end",
    "sentence_id",
    "role",
    "type",
    "type_evidence",
];

/// Columns of `merges.csv`.
pub const MERGES_HEADER: &[&str] = &[
    "entity_id",
    "left",
    "right",
    "score",
    "evidence",
    "decision",
];

/// Lists inside a cell.
const JOIN: &str = " | ";

pub(super) fn files(analysis: Resolved<'_>) -> Vec<ReportFile<'_>> {
    vec![entities(analysis), mentions(analysis), merges(analysis)]
}

fn entities(analysis: Resolved<'_>) -> ReportFile<'_> {
    let rows = analysis.resolution.entities.iter().map(|entity| {
        let docs: BTreeSet<usize> = entity.mentions.iter().map(|r| r.doc).collect();
        let outlets: BTreeSet<&str> = docs
            .iter()
            .map(|&d| analysis.docs[d].record.meta.outlet.as_str())
            .filter(|o| !o.is_empty())
            .collect();
        vec![
            entity.id.clone(),
            entity.name.clone(),
            entity.entity_type.as_str().to_string(),
            entity.variants.join(JOIN),
            entity.mentions.len().to_string(),
            docs.len().to_string(),
            outlets.into_iter().collect::<Vec<_>>().join(JOIN),
            entity.roles.join(JOIN),
            entity.flags.join(JOIN),
        ]
    });
    ReportFile::table("entities.csv", ENTITIES_HEADER, rows)
}

/// One row per mention, in document then text order; ids are
/// `doc_id:index`.
fn mentions(analysis: Resolved<'_>) -> ReportFile<'_> {
    let rows = analysis.docs.iter().enumerate().flat_map(move |(d, doc)| {
        doc.mentions.iter().enumerate().map(move |(m, mention)| {
            let entity = analysis
                .resolution
                .entity(crate::MentionRef { doc: d, mention: m });
            vec![
                format!("{}:{m}", doc.record.doc_id),
                entity.map(|e| e.id.clone()).unwrap_or_default(),
                doc.record.doc_id.clone(),
                doc.record.meta.outlet.clone(),
                mention.surface.clone(),
                mention.start.to_string(),
                mention.end.to_string(),
                mention.sentence.to_string(),
                mention.role.as_deref().unwrap_or_default().to_string(),
                mention.entity_type.as_str().to_string(),
                mention.evidence.to_string(),
            ]
        })
    });
    ReportFile::table("mentions.csv", MENTIONS_HEADER, rows)
}

fn merges(analysis: Resolved<'_>) -> ReportFile<'_> {
    let rows = analysis.resolution.merges.iter().map(|merge| {
        vec![
            merge.entity_id.clone(),
            merge.left.clone(),
            merge.right.clone(),
            format!("{:.2}", merge.score),
            merge.evidence.clone(),
            merge.decision.as_str().to_string(),
        ]
    });
    ReportFile::table("merges.csv", MERGES_HEADER, rows)
}
