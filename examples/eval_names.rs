//! Measures the name matcher on labelled pairs: precision and recall of
//! `same`, and every miss and false match with the matcher's evidence.
//!
//! ```text
//! cargo run --release --example eval_names [eval/names.csv]
//! ```
//!
//! The file has columns `left,right,type,same,kind,source`; the pairs are
//! scored exactly as `crosscheck names` scores them.

use anyhow::{bail, Context, Result};
use std::collections::HashMap;

fn main() -> Result<()> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/eval/names.csv").to_string());
    let labelled = std::fs::read(&path).with_context(|| format!("reading {path}"))?;
    let mut scored = Vec::new();
    crosscheck::resolve::score_name_pairs(labelled.as_slice(), &mut scored)?;
    let gold = rows(&labelled)?;
    let predicted = rows(&scored)?;
    if gold.len() != predicted.len() {
        bail!(
            "{} labelled pairs but {} scored",
            gold.len(),
            predicted.len()
        );
    }
    let (mut tp, mut fp, mut fn_, mut tn) = (0, 0, 0, 0);
    for (g, p) in gold.iter().zip(&predicted) {
        let (same, said) = (g["same"] == "true", p["same"] == "true");
        let line = format!(
            "{} ~ {} [{}]: {} {}",
            g["left"], g["right"], g["kind"], p["score"], p["evidence"]
        );
        match (same, said) {
            (true, true) => tp += 1,
            (false, false) => tn += 1,
            (true, false) => {
                fn_ += 1;
                println!("missed  {line}");
            }
            (false, true) => {
                fp += 1;
                println!("false   {line}");
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!(
        "{} pairs ({} same, {} different): precision {precision:.3}, recall {recall:.3}, F1 {:.3} (tp {tp}, fp {fp}, fn {fn_}, tn {tn})",
        gold.len(),
        tp + fn_,
        fp + tn,
        2.0 * precision * recall / (precision + recall).max(f64::EPSILON),
    );
    Ok(())
}

fn rows(csv_bytes: &[u8]) -> Result<Vec<HashMap<String, String>>> {
    let mut reader = csv::Reader::from_reader(csv_bytes);
    let header = reader.headers()?.clone();
    reader
        .records()
        .map(|record| {
            let record = record?;
            Ok(header
                .iter()
                .zip(record.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect())
        })
        .collect()
}
