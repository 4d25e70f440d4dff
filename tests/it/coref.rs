//! Integration tests for claim-participant coreference: the sample corpus
//! through the binary, checked on `claims.csv` and `links.csv`.

use crate::support::{read_report, seeds_reports};
use std::collections::HashMap;

type Row = HashMap<String, String>;

fn claims() -> Vec<Row> {
    read_report(seeds_reports(), "claims.csv")
}

/// The one claim of `doc` with `predicate` whose cited text contains `snippet`.
fn claim<'r>(rows: &'r [Row], doc: &str, predicate: &str, snippet: &str) -> &'r Row {
    let found: Vec<&Row> = rows
        .iter()
        .filter(|r| r["doc_id"].starts_with(doc) && r["predicate"] == predicate)
        .filter(|r| r["text"].contains(snippet))
        .collect();
    assert_eq!(found.len(), 1, "{doc} {predicate} {snippet}: {found:?}");
    found[0]
}

/// "the terrorist organization “has no presence”": the subject the
/// extractor missed is filled from the description and linked, through the
/// apposition "the terrorist organization Al Qaeda" earlier in the document.
#[test]
fn denied_presence_gets_the_named_group_as_subject() {
    let rows = claims();
    let denial = claim(&rows, "000_", "have presence", "has no presence");
    assert_eq!(denial["subject"], "the terrorist organization");
    assert_eq!(denial["subject_id"], "org-al-qaeda");
    assert_eq!(denial["polarity"], "negated");
}

/// A description repeated across sentences, and a possessive pronoun, both
/// link to the group named just before them, not to the more mentioned one.
#[test]
fn descriptions_and_pronouns_link_to_their_antecedent() {
    let rows = claims();
    let gains = claim(
        &rows,
        "001_",
        "gain strength",
        "as the terrorist group gains",
    );
    assert_eq!(gains["subject_id"], "org-al-qaeda");
    let operates = claim(
        &rows,
        "001_",
        "operate with",
        "The terrorist group continues",
    );
    assert_eq!(operates["subject_id"], "org-al-qaeda");
    assert_eq!(operates["object_id"], "org-taliban");
    let ties = claim(
        &rows,
        "002_",
        "have relationship",
        "embedded with the Taliban, providing",
    );
    assert_eq!(ties["subject"], "its");
    assert_eq!(ties["subject_id"], "org-al-qaeda");
}

/// The linked denial now conflicts with the report that the same group is
/// gaining strength (a gold conflict).
#[test]
fn denied_presence_conflicts_with_gaining_strength() {
    let links = read_report(seeds_reports(), "links.csv");
    let conflict = links.iter().any(|l| {
        l["relation"] == "conflicts"
            && l["slot"] == "presence"
            && [&l["doc_a"], &l["doc_b"]]
                .iter()
                .any(|d| d.starts_with("000_"))
            && [&l["doc_a"], &l["doc_b"]]
                .iter()
                .any(|d| d.starts_with("002_"))
    });
    assert!(conflict, "no presence conflict between 000 and 002");
}
