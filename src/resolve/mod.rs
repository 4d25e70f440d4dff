//! Entity resolution across documents.
//!
//! PLACEHOLDER: one entity per distinct surface. Issue 3 replaces it.

use crate::config::ResolveConfig;
use crate::model::{DocAnalysis, Entity, MentionRef, Resolution};
use std::collections::BTreeMap;

/// Groups the mentions of all documents into entities.
pub fn entities(docs: &[DocAnalysis], _config: &ResolveConfig) -> Resolution {
    let mut by_surface: BTreeMap<String, Vec<MentionRef>> = BTreeMap::new();
    for (doc, analysis) in docs.iter().enumerate() {
        for (mention, m) in analysis.mentions.iter().enumerate() {
            by_surface
                .entry(m.surface.clone())
                .or_default()
                .push(MentionRef { doc, mention });
        }
    }
    let mut resolution = Resolution {
        entity_of: docs.iter().map(|d| vec![0; d.mentions.len()]).collect(),
        ..Resolution::default()
    };
    for (index, (surface, mentions)) in by_surface.into_iter().enumerate() {
        for r in &mentions {
            resolution.entity_of[r.doc][r.mention] = index;
        }
        let first = mentions[0];
        resolution.entities.push(Entity {
            id: format!("E{index}"),
            name: surface.clone(),
            entity_type: docs[first.doc].mentions[first.mention].entity_type,
            variants: vec![surface],
            mentions,
            roles: Vec::new(),
            flags: Vec::new(),
        });
    }
    resolution
}

/// Reads an analyst's decisions file (`action,left,right,note`). Bad rows
/// become warnings, not errors.
pub fn read_decisions(
    path: &std::path::Path,
) -> Result<(Vec<crate::config::DecisionRow>, Vec<String>), csv::Error> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_path(path)?;
    let mut rows = Vec::new();
    let mut warnings = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                warnings.push(format!("{}: {err}", path.display()));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        let field = |i: usize| record.get(i).unwrap_or("").trim().to_string();
        let merge = match field(0).to_ascii_lowercase().as_str() {
            "merge" => true,
            "split" => false,
            other => {
                warnings.push(format!(
                    "{}: line {line}: action {other:?} is neither merge nor split",
                    path.display()
                ));
                continue;
            }
        };
        let (left, right) = (field(1), field(2));
        if left.is_empty() || right.is_empty() || left == right {
            warnings.push(format!(
                "{}: line {line}: needs two different entities",
                path.display()
            ));
            continue;
        }
        rows.push(crate::config::DecisionRow {
            line,
            merge,
            left,
            right,
            note: field(3),
        });
    }
    Ok((rows, warnings))
}

/// Scores name pairs from a CSV (`left,right[,type]`) and writes
/// `left,right,score,same,evidence`. Returns warnings for bad rows.
///
/// PLACEHOLDER: exact match only. Issue 3 replaces it.
pub fn score_name_pairs<R: std::io::Read, W: std::io::Write>(
    input: R,
    output: W,
) -> std::io::Result<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(std::io::Error::other)?;
        let left = record.get(0).unwrap_or("").to_string();
        let right = record.get(1).unwrap_or("").to_string();
        let same = left == right;
        rows.push(vec![
            left,
            right,
            if same { "1.00" } else { "0.00" }.to_string(),
            same.to_string(),
            String::new(),
        ]);
    }
    crate::report::write_table(
        output,
        &["left", "right", "score", "same", "evidence"],
        rows,
        &crate::config::ReportConfig::default(),
    )?;
    Ok(Vec::new())
}
