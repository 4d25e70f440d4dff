//! The review loop: an analyst's decisions file (`action,left,right,note`)
//! read, and turned into constraints on the next clustering. `left` and
//! `right` are entity ids of an earlier run or names as written; unknown
//! ones become warnings.

use super::cluster::Constraints;
use super::local::Graph;
use super::name::Name;
use crate::config::DecisionRow;
use crate::model::Resolution;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// Reads an analyst's decisions file (`action,left,right,note`). Bad rows
/// become warnings, not errors.
pub fn read_decisions(path: &Path) -> Result<(Vec<DecisionRow>, Vec<String>), csv::Error> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_path(path)?;
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
        match parse_row(&record, line) {
            Ok(row) => rows.push(row),
            Err(problem) => warnings.push(format!("{}: line {line}: {problem}", path.display())),
        }
    }
    Ok((rows, warnings))
}

fn parse_row(record: &csv::StringRecord, line: u64) -> Result<DecisionRow, String> {
    let field = |i: usize| record.get(i).unwrap_or("").trim().to_string();
    let merge = match field(0).to_ascii_lowercase().as_str() {
        "merge" => true,
        "split" => false,
        other => return Err(format!("action {other:?} is neither merge nor split")),
    };
    let (left, right) = (field(1), field(2));
    if left.is_empty() || right.is_empty() || left == right {
        return Err("needs two different entities".to_string());
    }
    Ok(DecisionRow {
        line,
        merge,
        left,
        right,
        note: field(3),
    })
}

/// Turns decisions into constraints on nodes, given the entities a run
/// without them found. Returns warnings for references that name nothing.
pub fn constraints(
    rows: &[DecisionRow],
    graph: &Graph,
    first: &Resolution,
) -> (Constraints, Vec<String>) {
    let by_id: BTreeMap<&str, usize> = first
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let by_name = nodes_by_name(graph);
    let mut constraints = Constraints::default();
    let mut warnings = Vec::new();
    for (tag, row) in rows.iter().enumerate() {
        let lookup = |reference: &str| -> Option<BTreeSet<usize>> {
            if let Some(&entity) = by_id.get(reference) {
                return Some(nodes_of_entity(graph, first, entity));
            }
            by_name.get(Name::new(reference).key()).cloned()
        };
        let (left, right) = match (lookup(&row.left), lookup(&row.right)) {
            (Some(left), Some(right)) => (left, right),
            (left, right) => {
                for (found, reference) in [(left, &row.left), (right, &row.right)] {
                    if found.is_none() {
                        warnings.push(format!(
                            "decisions line {}: '{reference}' is neither an entity id nor a name in these documents; row ignored",
                            row.line
                        ));
                    }
                }
                continue;
            }
        };
        if row.merge {
            let anchor = *left.iter().next().unwrap_or(&0);
            for &node in left.iter().chain(&right).filter(|&&n| n != anchor) {
                constraints.must.push((anchor, node, row.note.clone()));
            }
        } else {
            let both: BTreeSet<usize> = left.intersection(&right).copied().collect();
            if !both.is_empty() {
                warnings.push(format!(
                    "decisions line {}: '{}' and '{}' are spelled alike or linked within a document; only the rest is split",
                    row.line, row.left, row.right
                ));
            }
            for &node in left.difference(&both) {
                constraints.split.push((node, tag, false));
            }
            for &node in right.difference(&both) {
                constraints.split.push((node, tag, true));
            }
        }
    }
    (constraints, warnings)
}

fn nodes_of_entity(graph: &Graph, resolution: &Resolution, entity: usize) -> BTreeSet<usize> {
    let mut nodes = BTreeSet::new();
    for in_doc in resolution.entities[entity]
        .mentions
        .chunk_by(|a, b| a.doc == b.doc)
    {
        let local_of = graph.local_of_mentions(in_doc[0].doc());
        nodes.extend(
            in_doc
                .iter()
                .map(|r| graph.locals[local_of[r.mention()] as usize].node()),
        );
    }
    nodes
}

/// Nodes by the folded spellings of their mentions: a name in a decision
/// finds every node where it was written so, including short forms linked
/// within a document.
fn nodes_by_name<'g>(graph: &'g Graph) -> HashMap<&'g str, BTreeSet<usize>> {
    let mut by_name: HashMap<&str, BTreeSet<usize>> = HashMap::new();
    for (l, local) in graph.locals.iter().enumerate() {
        for &m in graph.mentions(l) {
            let key = graph.name(local.doc(), m as usize).key();
            by_name.entry(key).or_default().insert(local.node());
        }
    }
    by_name
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn bad_rows_are_warnings() {
        let mut file = tempfile::NamedTempFile::new().expect("temp file");
        writeln!(
            file,
            "action,left,right,note\nmerge,a,b,same person\nfrobnicate,a,b,\nsplit,a,a,\nsplit,x,y"
        )
        .expect("write");
        let (rows, warnings) = read_decisions(file.path()).expect("read");
        assert_eq!(rows.len(), 2);
        assert!(rows[0].merge && !rows[1].merge);
        assert_eq!(rows[0].note, "same person");
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].contains("frobnicate"));
    }
}
