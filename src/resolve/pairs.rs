//! `crosscheck names`: the resolution matcher on name pairs from a CSV.

use super::matcher;
use super::name::Name;
use crate::config::ReportConfig;
use crate::model::EntityType;
use std::io;

/// Columns written by [`score_name_pairs`].
pub const HEADER: &[&str] = &["left", "right", "score", "same", "evidence"];

/// Scores name pairs from a CSV with a header naming `left`, `right` and
/// optionally `type` (other columns are ignored), and writes
/// `left,right,score,same,evidence`: the same matcher, evidence and
/// threshold as resolution, without document context. Returns warnings for
/// rows it could not read.
pub fn score_name_pairs<R: io::Read, W: io::Write>(input: R, output: W) -> io::Result<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(input);
    let header = reader.headers().map_err(io::Error::other)?.clone();
    let column = |name: &str, default: usize| {
        header
            .iter()
            .position(|h| h.eq_ignore_ascii_case(name))
            .unwrap_or(default)
    };
    let (left_at, right_at) = (column("left", 0), column("right", 1));
    let type_at = header.iter().position(|h| h.eq_ignore_ascii_case("type"));
    let mut rows = Vec::new();
    let mut warnings = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                warnings.push(err.to_string());
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let (left, right) = (
            record.get(left_at).unwrap_or(""),
            record.get(right_at).unwrap_or(""),
        );
        if left.is_empty() || right.is_empty() {
            warnings.push(format!("line {line}: needs a left and a right name"));
            continue;
        }
        let entity_type = match type_at.and_then(|i| record.get(i)).unwrap_or("") {
            "" => EntityType::Other,
            written => parse_type(written).unwrap_or_else(|| {
                warnings.push(format!(
                    "line {line}: unknown type {written:?}, compared as OTHER"
                ));
                EntityType::Other
            }),
        };
        let verdict = matcher::compare(
            &Name::new(left),
            entity_type,
            &Name::new(right),
            entity_type,
        );
        rows.push(vec![
            left.to_string(),
            right.to_string(),
            format!("{:.2}", verdict.score),
            verdict.same().to_string(),
            verdict.evidence_text(),
        ]);
    }
    crate::report::write_table(output, HEADER, rows, &ReportConfig::default())?;
    Ok(warnings)
}

/// `PERSON`, `ORG`, `PLACE` or `OTHER`, any case.
pub fn parse_type(written: &str) -> Option<EntityType> {
    match written.trim().to_ascii_uppercase().as_str() {
        "PERSON" | "PER" => Some(EntityType::Person),
        "ORG" | "ORGANIZATION" | "ORGANISATION" => Some(EntityType::Org),
        "PLACE" | "LOC" | "GPE" | "LOCATION" => Some(EntityType::Place),
        "OTHER" | "MISC" => Some(EntityType::Other),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &str) -> (String, Vec<String>) {
        let mut out = Vec::new();
        let warnings = score_name_pairs(input.as_bytes(), &mut out).expect("scoring");
        (String::from_utf8(out).expect("utf-8"), warnings)
    }

    #[test]
    fn scores_pairs_with_types_and_evidence() {
        let (out, warnings) =
            run("left,right,type\nAmuralá Salé,Amrullah Saleh,PERSON\nIran,Iraq,PLACE\n");
        assert!(warnings.is_empty());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "left,right,score,same,evidence");
        assert!(lines[1].contains(",true,"), "{}", lines[1]);
        assert!(lines[1].contains("phonetic key match"));
        assert!(lines[2].contains(",false,") && lines[2].contains("gazetteer"));
    }

    #[test]
    fn bad_rows_are_warned_not_fatal() {
        let (out, warnings) = run("left,right,type\n,x,ORG\na,b,WIDGET\n");
        assert_eq!(out.lines().count(), 2);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
    }
}
