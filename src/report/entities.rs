//! `entities.csv`, `mentions.csv` and `merges.csv`: who is who, where each
//! name was written, and why names were merged.

use super::ReportFile;
use crate::Analysis;
use std::collections::BTreeSet;
use std::fmt;

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

pub(super) fn files(analysis: &Analysis) -> Vec<ReportFile<'_>> {
    vec![entities(analysis), mentions(analysis), merges(analysis)]
}

fn entities(analysis: &Analysis) -> ReportFile<'_> {
    let entities = analysis.resolution.entities.iter();
    ReportFile::table("entities.csv", ENTITIES_HEADER, entities, |row, entity| {
        let docs: BTreeSet<usize> = entity.mentions.iter().map(|r| r.doc()).collect();
        let outlets: BTreeSet<&str> = docs
            .iter()
            .map(|&d| analysis.docs[d].record.meta.outlet.as_str())
            .filter(|o| !o.is_empty())
            .collect();
        row.text(&entity.id)
            .text(&entity.name)
            .word(entity.entity_type.as_str())
            .text(&entity.variants.join(JOIN))
            .int(entity.mentions.len())
            .int(docs.len())
            .text(&outlets.into_iter().collect::<Vec<_>>().join(JOIN))
            .text(&entity.roles.join(JOIN))
            .text(&entity.flags.join(JOIN));
    })
}

/// One row per mention, in document then text order; ids are
/// `doc_id:index`.
fn mentions(analysis: &Analysis) -> ReportFile<'_> {
    let mentions = analysis.docs.iter().enumerate().flat_map(|(d, doc)| {
        doc.mentions
            .iter()
            .enumerate()
            .map(move |(m, mention)| (d, doc, m, mention))
    });
    ReportFile::table(
        "mentions.csv",
        MENTIONS_HEADER,
        mentions,
        |row, (d, doc, m, mention)| {
            let entity = analysis.resolution.entity(crate::MentionRef::new(d, m));
            let record = &doc.record;
            row.display(MentionId(&record.doc_id, m))
                .text(entity.map_or("", |e| e.id.as_str()))
                .text(&record.doc_id)
                .text(&record.meta.outlet)
                .text(mention.surface(&doc.sentences))
                .int(mention.start)
                .int(mention.end)
                .int(mention.sentence)
                .text(mention.role(&doc.sentences).unwrap_or_default())
                .word(mention.entity_type.as_str())
                .text(&mention.evidence);
        },
    )
}

/// A mention's id: `doc_id:index`.
struct MentionId<'a>(&'a str, usize);

impl fmt::Display for MentionId<'_> {
    /// Written piece by piece: `write!` would parse a format per mention.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)?;
        f.write_str(":")?;
        f.write_str(itoa::Buffer::new().format(self.1))
    }
}

fn merges(analysis: &Analysis) -> ReportFile<'_> {
    let merges = analysis.resolution.merges.iter();
    ReportFile::table("merges.csv", MERGES_HEADER, merges, |row, merge| {
        row.text(&merge.entity_id)
            .text(&merge.left)
            .text(&merge.right)
            .display(format_args!("{:.2}", merge.score))
            .text(&merge.evidence)
            .word(merge.decision.as_str());
    })
}
