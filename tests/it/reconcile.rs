//! Integration tests for the reconcile stage: the sample corpus through the
//! binary, checked on `links.csv`, `agreements.csv`, `discrepancies.csv`,
//! `sources.csv` and the graph files.

use crate::support::{read_report, seeds_reports};
use std::collections::HashMap;

type Row = HashMap<String, String>;

/// Folds quotes, case and spaces as the gold scorer does.
fn norm(text: &str) -> String {
    let text = text
        .replace(['\u{2019}', '\u{2018}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .to_lowercase();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn links() -> Vec<Row> {
    read_report(seeds_reports(), "links.csv")
}

/// Links joining a claim of `doc_a` containing `a` and one of `doc_b`
/// containing `b`, in either order.
fn joining<'r>(rows: &'r [Row], doc_a: &str, a: &str, doc_b: &str, b: &str) -> Vec<&'r Row> {
    let (a, b) = (norm(a), norm(b));
    let side = |row: &Row, s: &str| {
        (
            row[&format!("doc_{s}")].clone(),
            norm(&row[&format!("text_{s}")]),
        )
    };
    rows.iter()
        .filter(|row| {
            let ((da, ta), (db, tb)) = (side(row, "a"), side(row, "b"));
            (da.starts_with(doc_a) && ta.contains(&a) && db.starts_with(doc_b) && tb.contains(&b))
                || (da.starts_with(doc_b)
                    && ta.contains(&b)
                    && db.starts_with(doc_a)
                    && tb.contains(&a))
        })
        .collect()
}

fn relations(rows: &[&Row]) -> Vec<String> {
    let mut relations: Vec<String> = rows.iter().map(|r| r["relation"].clone()).collect();
    relations.sort();
    relations.dedup();
    relations
}

#[test]
fn peace_deal_month_and_day_are_compatible_not_conflicting() {
    let rows = links();
    let found = joining(
        &rows,
        "000",
        "February 2020 peace agreement",
        "002",
        "February 29, 2020",
    );
    assert!(
        !found.is_empty(),
        "no link between the February 2020 deal claims"
    );
    assert!(
        relations(&found)
            .iter()
            .all(|r| r == "compatible" || r == "agrees"),
        "{found:?}"
    );
}

#[test]
fn us_troop_figure_agrees_across_two_outlets() {
    let rows = links();
    let found = joining(
        &rows,
        "000",
        "reduced to 2,500 the number of soldiers",
        "004",
        "approximately 2,500 soldiers",
    );
    assert_eq!(relations(&found), vec!["agrees".to_string()], "{found:?}");
}

#[test]
fn taliban_denial_conflicts_with_the_statements_of_a_close_relationship() {
    let rows = links();
    let found = joining(
        &rows,
        "001",
        "The Taliban deny a close relationship",
        "004",
        "clearly still a close relationship",
    );
    assert_eq!(
        relations(&found),
        vec!["conflicts".to_string()],
        "{found:?}"
    );
}

#[test]
fn two_titles_for_one_secretary_conflict_within_one_document() {
    let rows = links();
    let found = joining(
        &rows,
        "004",
        "Secretary of State Mike Pompeo",
        "004",
        "Foreign Secretary Mike Pompeo",
    );
    assert_eq!(
        relations(&found),
        vec!["conflicts".to_string()],
        "{found:?}"
    );
    let discrepancies = read_report(seeds_reports(), "discrepancies.csv");
    assert!(discrepancies
        .iter()
        .any(|d| d["slot"] == "title" && d["evidence"].contains("Foreign Secretary")));
}

#[test]
fn successive_defence_secretaries_do_not_conflict() {
    let rows = links();
    let found = joining(&rows, "000", "Christopher Miller", "004", "Lloyd Austin");
    assert!(
        relations(&found).iter().all(|r| r != "conflicts"),
        "{found:?}"
    );
}

#[test]
fn no_document_agrees_with_a_repetition_of_its_own_text() {
    for row in links() {
        let same_doc = row["doc_a"] == row["doc_b"];
        assert!(
            !(same_doc && norm(&row["text_a"]) == norm(&row["text_b"])),
            "self-echo: {row:?}"
        );
        assert!(
            !same_doc || row["relation"] == "conflicts",
            "agreement within one document: {row:?}"
        );
    }
}

#[test]
fn outlets_relaying_one_memo_count_as_one_source() {
    let agreements = read_report(seeds_reports(), "agreements.csv");
    // The memo's "joint unit" passage, relayed by several outlets.
    let relayed: Vec<_> = agreements
        .iter()
        .filter(|a| a["evidence"].matches("joint unit").count() >= 2)
        .collect();
    assert!(!relayed.is_empty(), "no agreement on the joint unit");
    assert!(
        relayed
            .iter()
            .any(|a| a["outlets"].split("; ").count() >= 2 && a["independent_sources"] == "1"),
        "{relayed:?}"
    );
}

#[test]
fn reports_are_well_formed() {
    let dir = seeds_reports();
    let sources = read_report(dir, "sources.csv");
    assert_eq!(sources.len(), 5);
    let graphml = std::fs::read_to_string(dir.join("graph.graphml")).expect("graph.graphml");
    assert!(graphml.starts_with("<?xml") && graphml.trim_end().ends_with("</graphml>"));
    let dot = std::fs::read_to_string(dir.join("graph.dot")).expect("graph.dot");
    assert!(dot.starts_with("digraph") && dot.trim_end().ends_with('}'));
    let discrepancies = read_report(dir, "discrepancies.csv");
    assert!(
        discrepancies.len() <= 15,
        "{} discrepancies",
        discrepancies.len()
    );
}
