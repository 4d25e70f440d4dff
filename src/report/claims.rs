//! `claims.csv`: one row per claim, citing its sentence by character offsets.

use super::{ReportFile, Row};
use crate::model::{Arg, Claim, ClaimId, MentionRef};
use crate::Analysis;
use std::fmt;

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

pub(super) fn file(analysis: &Analysis) -> ReportFile<'_> {
    let claims = analysis
        .docs
        .iter()
        .enumerate()
        .flat_map(|(doc, analysed)| {
            analysed
                .claims
                .iter()
                .enumerate()
                .map(move |(index, claim)| (doc, index, claim))
        });
    ReportFile::table(
        "claims.csv",
        HEADER,
        claims,
        move |row, (doc, index, claim)| write_row(row, analysis, doc, index, claim),
    )
}

fn write_row(row: &mut Row<'_>, analysis: &Analysis, doc: usize, index: usize, claim: &Claim) {
    let analysed = &analysis.docs[doc];
    let record = &analysed.record;
    let args = |row: &mut Row<'_>, arg: Option<&Arg>| arg_cells(row, analysis, doc, arg);
    let quantity = claim.quantity.as_deref();
    let time = claim.time.as_deref();
    row.display(ClaimId(&record.doc_id, index))
        .text(&record.doc_id)
        .text(&record.meta.outlet)
        .int(claim.sentence)
        .word(claim.kind.as_str());
    args(row, claim.subject.as_ref());
    row.text(claim.predicate);
    args(row, claim.object.as_ref());
    number_cell(row, quantity.map(|q| q.low));
    number_cell(row, quantity.map(|q| q.high));
    match quantity {
        Some(q) => row.word(q.kind.as_str()).text(&q.unit),
        None => row.empty().empty(),
    };
    match time {
        Some(t) => row.text(&t.start).text(&t.end).word(t.granularity.as_str()),
        None => row.empty().empty().empty(),
    };
    args(row, claim.speaker.as_deref());
    row.text(&claim.cue)
        .word(claim.polarity.as_str())
        .word(bool_word(claim.hedged))
        .text(analysed.sentence_text(claim.sentence()))
        .int(claim.start)
        .int(claim.end)
        .word(bool_word(claim.speaker_named));
    args(row, claim.place.as_deref());
    args(row, claim.org.as_deref());
}

/// The entity id and the words of a participant (both empty when absent).
fn arg_cells(row: &mut Row<'_>, analysis: &Analysis, doc: usize, arg: Option<&Arg>) {
    let Some(arg) = arg else {
        row.empty().empty();
        return;
    };
    let entity = arg
        .mention()
        .and_then(|mention| analysis.resolution.entity(MentionRef::new(doc, mention)));
    row.text(entity.map_or("", |e| e.id.as_str()))
        .text(&arg.text);
}

/// `true` or `false`, as `bool` displays.
fn bool_word(value: bool) -> &'static str {
    if value {
        "true"
    } else {
        "false"
    }
}

/// A number cell, empty when absent.
fn number_cell(row: &mut Row<'_>, value: Option<f64>) {
    match value {
        None => row.empty(),
        Some(value) => row.display(Number(value)),
    };
}

/// Integers without a decimal point, `inf` for open bounds, others as is.
struct Number(f64);

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = self.0;
        if value.is_infinite() {
            f.write_str("inf")
        } else if value.fract() == 0.0 && value.abs() < 1e15 {
            write!(f, "{value:.0}")
        } else {
            write!(f, "{value}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Number;

    #[test]
    fn numbers_are_written_plainly() {
        let written = |value| Number(value).to_string();
        assert_eq!(written(2500.0), "2500");
        assert_eq!(written(2250.0000000000005), "2250.0000000000005");
        assert_eq!(written(f64::INFINITY), "inf");
        assert_eq!(written(2.5), "2.5");
    }
}
