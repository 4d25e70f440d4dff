//! Integration tests for the claims stage: `claims.csv` from a run of the
//! binary over the sample corpus.

use crate::support::{read_report, seeds_reports};
use std::collections::HashMap;
use std::path::Path;

type Row = HashMap<String, String>;

/// Claim kinds that can carry a gold snippet: what the snippet states.
fn fitting_kinds(snippet: &str) -> &'static [&'static str] {
    const MONTHS: &[&str] = &[
        "January",
        "February",
        "October",
        "December",
        "2020 deal",
        "2020 peace",
    ];
    let has = |words: &[&str]| words.iter().any(|w| snippet.contains(w));
    if has(&["ice president", "Secretary", "leader", "second-in-command"]) {
        &["role"]
    } else if has(&["government"]) {
        &["role", "relation"]
    } else if has(MONTHS) {
        &["time"]
    } else if has(&["hundreds", "several", "three", "0"]) {
        &["quantity"]
    } else {
        &["relation", "statement"]
    }
}

fn gold_snippets(file: &str) -> Vec<(String, String)> {
    // The gold sits in `shared/`, beside the project's checkout.
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/gold/seeds")
        .join(file);
    let mut reader = csv::Reader::from_path(&path).expect("gold file");
    reader
        .deserialize::<HashMap<String, String>>()
        .flat_map(|row| {
            let row = row.expect("gold row");
            [
                (row["doc_a"].clone(), row["snippet_a"].clone()),
                (row["doc_b"].clone(), row["snippet_b"].clone()),
            ]
        })
        .collect()
}

fn claims() -> Vec<Row> {
    read_report(seeds_reports(), "claims.csv")
}

#[test]
fn every_gold_snippet_is_cited_by_a_claim_of_a_fitting_kind() {
    let claims = claims();
    let mut missing = Vec::new();
    for file in ["links.csv", "not_conflicts.csv"] {
        for (doc, snippet) in gold_snippets(file) {
            let kinds = fitting_kinds(&snippet);
            let found = claims.iter().any(|c| {
                c["doc_id"] == doc
                    && c["text"].contains(&snippet)
                    && kinds.contains(&c["kind"].as_str())
            });
            if !found {
                missing.push(format!("{doc}: {snippet:?} as {kinds:?}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "no fitting claim for:\n{}",
        missing.join("\n")
    );
}

#[test]
fn claim_text_is_the_document_text_at_its_offsets() {
    let mut texts: HashMap<String, Vec<char>> = HashMap::new();
    for claim in claims() {
        let doc = texts.entry(claim["doc_id"].clone()).or_insert_with(|| {
            let path = crate::support::seeds().join(format!("{}.txt", claim["doc_id"]));
            std::fs::read_to_string(path)
                .expect("seed")
                .chars()
                .collect()
        });
        let (start, end): (usize, usize) = (
            claim["start"].parse().unwrap(),
            claim["end"].parse().unwrap(),
        );
        let cited: String = doc[start..end].iter().collect();
        assert_eq!(cited, claim["text"], "{}", claim["claim_id"]);
    }
}

#[test]
fn claim_ids_are_readable_and_rows_in_document_order() {
    let claims = claims();
    let mut last: Option<(String, usize, usize)> = None;
    for (i, claim) in claims.iter().enumerate() {
        assert!(claim["claim_id"].starts_with(&format!("{}:c", claim["doc_id"])));
        let key = (
            claim["doc_id"].clone(),
            claim["sentence_id"].parse().unwrap(),
            i,
        );
        if let Some(previous) = &last {
            assert!(
                (&previous.0, previous.1) <= (&key.0, key.1),
                "{} out of order",
                claim["claim_id"]
            );
        }
        last = Some(key);
    }
}

#[test]
fn structured_values_on_the_sample() {
    let claims = claims();
    let find = |doc: &str, kind: &str, needle: &str| -> &Row {
        claims
            .iter()
            .find(|c| {
                c["doc_id"].starts_with(doc) && c["kind"] == kind && c["text"].contains(needle)
            })
            .unwrap_or_else(|| panic!("{doc} {kind} {needle}"))
    };
    let range = find("004", "quantity", "200 to 500");
    assert_eq!(
        (
            range["value_low"].as_str(),
            range["value_high"].as_str(),
            range["value_kind"].as_str()
        ),
        ("200", "500", "range")
    );
    assert_eq!(range["unit"], "fighters");
    let deal = find("002", "time", "February 29, 2020");
    assert_eq!(
        (
            deal["time_start"].as_str(),
            deal["time_granularity"].as_str()
        ),
        ("2020-02-29", "day")
    );
    let partial = find("002", "time", "On December 27");
    // No publication date in the sample: a date of unknown year (EDTF),
    // never a guessed year.
    assert_eq!(partial["time_start"], "XXXX-12-27");
    let pompeo = find("004", "role", "Foreign Secretary Mike Pompeo");
    assert_eq!(
        (pompeo["subject"].as_str(), pompeo["object"].as_str()),
        ("Mike Pompeo", "Foreign Secretary")
    );
    let deny = find("001", "statement", "The Taliban deny");
    assert_eq!(deny["polarity"], "negated");
    let hiding = claims
        .iter()
        .find(|c| c["doc_id"].starts_with("000") && c["predicate"] == "hide")
        .expect("remain in hiding");
    assert_eq!(hiding["hedged"], "true");
}
