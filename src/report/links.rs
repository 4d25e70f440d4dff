//! The analyst reports of reconciliation: `links.csv` (every judged pair),
//! `discrepancies.csv` and `agreements.csv` (one row per fact), and
//! `sources.csv` (one row per outlet).

use super::ReportFile;
use crate::model::{claim_id, DocAnalysis};
use crate::reconcile::{outlet, ClaimRef, Fact, Relation};
use crate::Analysis;
use std::collections::{BTreeMap, BTreeSet};

/// Columns of `links.csv`.
pub const LINKS_HEADER: &[&str] = &[
    "link_id", "relation", "claim_a", "claim_b", "doc_a", "doc_b", "slot", "value_a", "value_b",
    "reason", "score", "subject", "fact_id", "text_a", "text_b",
];

/// Columns of `discrepancies.csv`.
pub const DISCREPANCIES_HEADER: &[&str] = &[
    "fact_id",
    "subject",
    "slot",
    "values",
    "outlets",
    "independent_sources",
    "per_outlet",
    "best_supported",
    "best_support",
    "evidence",
];

/// Columns of `agreements.csv`.
pub const AGREEMENTS_HEADER: &[&str] = &[
    "fact_id",
    "subject",
    "slot",
    "value",
    "outlets",
    "independent_sources",
    "support",
    "evidence",
];

/// Columns of `sources.csv`.
pub const SOURCES_HEADER: &[&str] = &[
    "outlet",
    "documents",
    "claims",
    "unique_claims",
    "agreements",
    "conflicts",
    "shares_passages_with",
];

/// `links.csv`: one row per judged pair of claims.
pub(super) fn links(analysis: &Analysis) -> ReportFile<'_> {
    let docs = &analysis.docs;
    let reconciliation = &analysis.reconciliation;
    let mut fact_of: Vec<&str> = vec![""; reconciliation.links.len()];
    for fact in &reconciliation.facts {
        for &l in &fact.links {
            if let Some(slot) = fact_of.get_mut(l) {
                *slot = &fact.id;
            }
        }
    }
    let rows = reconciliation
        .links
        .iter()
        .enumerate()
        .map(move |(n, link)| {
            vec![
                format!("L{:05}", n + 1),
                link.relation.as_str().to_string(),
                id(docs, link.a),
                id(docs, link.b),
                docs[link.a.doc].record.doc_id.clone(),
                docs[link.b.doc].record.doc_id.clone(),
                reconciliation.text(link.slot).to_string(),
                reconciliation.text(link.value_a).to_string(),
                reconciliation.text(link.value_b).to_string(),
                reconciliation.text(link.reason).to_string(),
                format!("{:.3}", link.score),
                reconciliation.text(link.subject).to_string(),
                fact_of[n].to_string(),
                text(docs, link.a),
                text(docs, link.b),
            ]
        });
    ReportFile::table("links.csv", LINKS_HEADER, rows)
}

/// `discrepancies.csv`: one row per fact the outlets disagree on, with each
/// outlet's value side by side and the value best supported by independent
/// sources.
pub(super) fn discrepancies(analysis: &Analysis) -> ReportFile<'_> {
    let docs = &analysis.docs;
    let rows = analysis
        .reconciliation
        .facts
        .iter()
        .filter(|f| f.conflict)
        .map(|fact| {
            let values = fact
                .values
                .iter()
                .map(|v| {
                    format!(
                        "{} [{}]",
                        v.value,
                        support(v.outlets.len(), v.independent_sources)
                    )
                })
                .collect::<Vec<_>>()
                .join(" | ");
            let (best, best_support) = match fact.best_supported() {
                Some(v) => (v.value.clone(), v.independent_sources.to_string()),
                None => (String::new(), String::new()),
            };
            vec![
                fact.id.clone(),
                fact.subject.clone(),
                fact.slot.clone(),
                values,
                fact.outlets.join("; "),
                fact.independent_sources.to_string(),
                per_outlet(fact, docs),
                best,
                best_support,
                evidence(&fact.claims(), docs),
            ]
        });
    ReportFile::table("discrepancies.csv", DISCREPANCIES_HEADER, rows)
}

/// `agreements.csv`: one row per fact the outlets agree on.
pub(super) fn agreements(analysis: &Analysis) -> ReportFile<'_> {
    let docs = &analysis.docs;
    let rows = analysis
        .reconciliation
        .facts
        .iter()
        .filter(|f| !f.conflict)
        .map(|fact| {
            let value = fact
                .values
                .first()
                .map(|v| v.value.clone())
                .unwrap_or_default();
            vec![
                fact.id.clone(),
                fact.subject.clone(),
                fact.slot.clone(),
                value,
                fact.outlets.join("; "),
                fact.independent_sources.to_string(),
                support(fact.outlets.len(), fact.independent_sources),
                evidence(&fact.claims(), docs),
            ]
        });
    ReportFile::table("agreements.csv", AGREEMENTS_HEADER, rows)
}

/// `sources.csv`: per outlet, what it states, what only it states, how
/// often it agrees or conflicts with others, and whom it shares passages with.
pub(super) fn sources(analysis: &Analysis) -> ReportFile<'_> {
    let docs = &analysis.docs;
    let reconciliation = &analysis.reconciliation;
    let mut stats: BTreeMap<&str, OutletStats> = BTreeMap::new();
    for doc in docs {
        let entry = stats.entry(outlet(doc)).or_default();
        entry.documents += 1;
        entry.claims += doc.claims.len();
    }
    let mut corroborated: BTreeSet<ClaimRef> = BTreeSet::new();
    for link in &reconciliation.links {
        let (oa, ob) = (outlet(&docs[link.a.doc]), outlet(&docs[link.b.doc]));
        let counter = |s: &mut OutletStats| match link.relation {
            Relation::Conflicts => s.conflicts += 1,
            _ => s.agreements += 1,
        };
        for outlet in [oa, ob].into_iter().collect::<BTreeSet<_>>() {
            stats.get_mut(outlet).map(counter);
        }
        if link.relation != Relation::Conflicts && oa != ob {
            corroborated.extend([link.a, link.b]);
        }
    }
    for (d, doc) in docs.iter().enumerate() {
        let stated_elsewhere = (0..doc.claims.len())
            .filter(|&c| corroborated.contains(&ClaimRef { doc: d, claim: c }))
            .count();
        if let Some(s) = stats.get_mut(outlet(doc)) {
            s.unique += doc.claims.len() - stated_elsewhere;
        }
    }
    for shared in &reconciliation.dependence.shared {
        let (oa, ob) = (outlet(&docs[shared.a]), outlet(&docs[shared.b]));
        if oa == ob {
            continue;
        }
        for (me, other) in [(oa, ob), (ob, oa)] {
            if let Some(s) = stats.get_mut(me) {
                *s.shares.entry(other.to_string()).or_default() += shared.passages;
            }
        }
    }
    let rows = stats.into_iter().map(|(outlet, s)| {
        let shares = s
            .shares
            .iter()
            .map(|(o, n)| format!("{o} ({n} passages)"))
            .collect::<Vec<_>>()
            .join("; ");
        vec![
            outlet.to_string(),
            s.documents.to_string(),
            s.claims.to_string(),
            s.unique.to_string(),
            s.agreements.to_string(),
            s.conflicts.to_string(),
            shares,
        ]
    });
    ReportFile::table("sources.csv", SOURCES_HEADER, rows)
}

#[derive(Default)]
struct OutletStats {
    documents: usize,
    claims: usize,
    unique: usize,
    agreements: usize,
    conflicts: usize,
    shares: BTreeMap<String, usize>,
}

fn text(docs: &[DocAnalysis], at: ClaimRef) -> String {
    let doc = &docs[at.doc];
    doc.sentence_text(doc.claims[at.claim].sentence).to_string()
}

fn id(docs: &[DocAnalysis], at: ClaimRef) -> String {
    claim_id(&docs[at.doc].record.doc_id, at.claim)
}

/// "3 outlets, 1 independent source".
pub fn support(outlets: usize, independent: usize) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!(
        "{}, {}",
        plural(outlets, "outlet"),
        plural(independent, "independent source")
    )
}

/// Each outlet's value(s) of a fact: `outlet: value; outlet: value`.
fn per_outlet(fact: &Fact, docs: &[DocAnalysis]) -> String {
    let mut by_outlet: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for value in &fact.values {
        for at in &value.claims {
            by_outlet
                .entry(outlet(&docs[at.doc]))
                .or_default()
                .insert(&value.value);
        }
    }
    by_outlet
        .into_iter()
        .map(|(outlet, values)| {
            format!(
                "{outlet}: {}",
                values.into_iter().collect::<Vec<_>>().join(" / ")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Where to check each claim: id, character offsets and the cited text.
fn evidence(claims: &[ClaimRef], docs: &[DocAnalysis]) -> String {
    claims
        .iter()
        .map(|&at| {
            let claim = &docs[at.doc].claims[at.claim];
            format!(
                "{} [{}-{}] \"{}\"",
                id(docs, at),
                claim.start,
                claim.end,
                text(docs, at).trim()
            )
        })
        .collect::<Vec<_>>()
        .join(" | ")
}
