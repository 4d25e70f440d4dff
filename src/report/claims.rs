//! `claims.csv`: one row per claim, citing its sentence by character offsets.

use super::ReportFile;
use super::Resolved;
use crate::model::{claim_id, Arg, Claim, MentionRef};

/// Columns of `claims.csv`. Changing them is a breaking change; new columns
/// go at the end.
pub const HEADER: &[&str] = &[
    "claim_id",
    "doc_id",
    "outlet",
    "sentence_id",
    "kind",
    "subject_id",
    "subject",
    "predicate",
    "object_id",
    "object",
    "value_low",
    "value_high",
    "value_kind",
    "unit",
    "time_start",
    "time_end",
    "time_granularity",
    "speaker_id",
    "speaker",
    "cue",
    "polarity",
    "hedged",
    "text",
    "start",
    "end",
    "speaker_named",
    "place_id",
    "place",
    "org_id",
    "org",
];

pub(super) fn file(analysis: Resolved<'_>) -> ReportFile<'_> {
    let rows = analysis
        .docs
        .iter()
        .enumerate()
        .flat_map(move |(doc, analysed)| {
            analysed
                .claims
                .iter()
                .enumerate()
                .map(move |(index, claim)| row(analysis, doc, index, claim))
        });
    ReportFile::table("claims.csv", HEADER, rows)
}

fn row(analysis: Resolved<'_>, doc: usize, index: usize, claim: &Claim) -> Vec<String> {
    let record = &analysis.docs[doc].record;
    let id = |arg: Option<&Arg>| arg_cells(analysis, doc, arg);
    let number = |v: Option<f64>| v.map(format_number).unwrap_or_default();
    let quantity = claim.quantity.as_ref();
    let time = claim.time.as_ref();
    let (subject_id, subject) = id(claim.subject.as_ref());
    let (object_id, object) = id(claim.object.as_ref());
    let (speaker_id, speaker) = id(claim.speaker.as_deref());
    let (place_id, place) = id(claim.place.as_deref());
    let (org_id, org) = id(claim.org.as_deref());
    vec![
        claim_id(&record.doc_id, index),
        record.doc_id.clone(),
        record.meta.outlet.clone(),
        claim.sentence.to_string(),
        claim.kind.as_str().to_string(),
        subject_id,
        subject,
        claim.predicate.to_string(),
        object_id,
        object,
        number(quantity.map(|q| q.low)),
        number(quantity.map(|q| q.high)),
        quantity
            .map(|q| q.kind.as_str().to_string())
            .unwrap_or_default(),
        quantity.map(|q| q.unit.clone()).unwrap_or_default(),
        time.map(|t| t.start.clone()).unwrap_or_default(),
        time.map(|t| t.end.clone()).unwrap_or_default(),
        time.map(|t| t.granularity.as_str().to_string())
            .unwrap_or_default(),
        speaker_id,
        speaker,
        claim.cue.to_string(),
        claim.polarity.as_str().to_string(),
        claim.hedged.to_string(),
        analysis.docs[doc].sentence_text(claim.sentence).to_string(),
        claim.start.to_string(),
        claim.end.to_string(),
        claim.speaker_named.to_string(),
        place_id,
        place,
        org_id,
        org,
    ]
}

/// The entity id and the words of a participant (both empty when absent).
fn arg_cells(analysis: Resolved<'_>, doc: usize, arg: Option<&Arg>) -> (String, String) {
    let Some(arg) = arg else {
        return (String::new(), String::new());
    };
    let id = arg
        .mention()
        .and_then(|mention| analysis.resolution.entity(MentionRef { doc, mention }))
        .map(|e| e.id.clone())
        .unwrap_or_default();
    (id, arg.text.to_string())
}

/// Integers without a decimal point, `inf` for open bounds, others as is.
fn format_number(value: f64) -> String {
    if value.is_infinite() {
        "inf".to_string()
    } else if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::format_number;

    #[test]
    fn numbers_are_written_plainly() {
        assert_eq!(format_number(2500.0), "2500");
        assert_eq!(format_number(2250.0000000000005), "2250.0000000000005");
        assert_eq!(format_number(f64::INFINITY), "inf");
        assert_eq!(format_number(2.5), "2.5");
    }
}
