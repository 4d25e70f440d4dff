//! The analyst reports of reconciliation: `links.csv` (every judged pair),
//! `discrepancies.csv` and `agreements.csv` (one row per fact), and
//! `sources.csv` (one row per outlet).

use super::ReportFile;
use crate::model::{ClaimId, DocAnalysis};
use crate::reconcile::{outlet, ClaimRef, Fact, Relation};
use crate::Analysis;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

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
    let links = reconciliation.links.iter().enumerate();
    ReportFile::table("links.csv", LINKS_HEADER, links, move |row, (n, link)| {
        row.display(format_args!("L{:05}", n + 1))
            .word(link.relation.as_str())
            .display(id(docs, link.a))
            .display(id(docs, link.b))
            .text(&docs[link.a.doc()].record.doc_id)
            .text(&docs[link.b.doc()].record.doc_id)
            .text(reconciliation.text(link.slot))
            .text(reconciliation.text(link.value_a))
            .text(reconciliation.text(link.value_b))
            .text(reconciliation.text(link.reason))
            .display(format_args!("{:.3}", link.score))
            .text(reconciliation.text(link.subject))
            .text(fact_of[n])
            .text(sentence(docs, link.a))
            .text(sentence(docs, link.b));
    })
}

/// `discrepancies.csv`: one row per fact the outlets disagree on, with each
/// outlet's value side by side and the value best supported by independent
/// sources.
pub(super) fn discrepancies(analysis: &Analysis) -> ReportFile<'_> {
    let docs = &analysis.docs;
    let facts = analysis.reconciliation.facts.iter().filter(|f| f.conflict);
    ReportFile::table(
        "discrepancies.csv",
        DISCREPANCIES_HEADER,
        facts,
        move |row, fact| {
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
            row.text(&fact.id)
                .text(&fact.subject)
                .text(&fact.slot)
                .text(&values)
                .text(&fact.outlets.join("; "))
                .int(fact.independent_sources)
                .text(&per_outlet(fact, docs));
            match fact.best_supported() {
                Some(v) => row.text(&v.value).int(v.independent_sources),
                None => row.empty().empty(),
            };
            row.display(Evidence(&fact.claims(), docs));
        },
    )
}

/// `agreements.csv`: one row per fact the outlets agree on.
pub(super) fn agreements(analysis: &Analysis) -> ReportFile<'_> {
    let docs = &analysis.docs;
    let facts = analysis.reconciliation.facts.iter().filter(|f| !f.conflict);
    ReportFile::table(
        "agreements.csv",
        AGREEMENTS_HEADER,
        facts,
        move |row, fact| {
            row.text(&fact.id)
                .text(&fact.subject)
                .text(&fact.slot)
                .text(fact.values.first().map_or("", |v| v.value.as_str()))
                .text(&fact.outlets.join("; "))
                .int(fact.independent_sources)
                .text(&support(fact.outlets.len(), fact.independent_sources))
                .display(Evidence(&fact.claims(), docs));
        },
    )
}

/// `sources.csv`: per outlet, what it states, what only it states, how
/// often it agrees or conflicts with others, and whom it shares passages with.
/// The figures are worked out when the file is written, not when it is set
/// up, so that they are counted in parallel with the other reports.
pub(super) fn sources(analysis: &Analysis) -> ReportFile<'_> {
    let outlets = std::iter::once(analysis).flat_map(|analysis| {
        let (names, stats) = outlet_stats(analysis);
        names.into_iter().zip(stats)
    });
    ReportFile::table(
        "sources.csv",
        SOURCES_HEADER,
        outlets,
        |row, (outlet, s)| {
            let shares = s
                .shares
                .iter()
                .map(|(o, n)| format!("{o} ({n} passages)"))
                .collect::<Vec<_>>()
                .join("; ");
            row.text(outlet)
                .int(s.documents)
                .int(s.claims)
                .int(s.unique)
                .int(s.agreements)
                .int(s.conflicts)
                .text(&shares);
        },
    )
}

/// The outlets in name order, and the figures of each.
fn outlet_stats(analysis: &Analysis) -> (Vec<&str>, Vec<OutletStats<'_>>) {
    let docs = &analysis.docs;
    let reconciliation = &analysis.reconciliation;
    let mut names: Vec<&str> = docs.iter().map(outlet).collect();
    names.sort_unstable();
    names.dedup();
    let outlet_of: Vec<usize> = docs
        .iter()
        .map(|doc| names.binary_search(&outlet(doc)).unwrap_or_default())
        .collect();
    let mut stats: Vec<OutletStats> = names.iter().map(|_| OutletStats::default()).collect();
    for (doc, &o) in docs.iter().zip(&outlet_of) {
        stats[o].documents += 1;
        stats[o].claims += doc.claims.len();
    }
    let first_claim: Vec<usize> = docs
        .iter()
        .scan(0, |next, doc| {
            let first = *next;
            *next += doc.claims.len();
            Some(first)
        })
        .collect();
    let total_claims = docs.iter().map(|doc| doc.claims.len()).sum();
    let mut corroborated = vec![false; total_claims];
    for link in &reconciliation.links {
        let (oa, ob) = (outlet_of[link.a.doc()], outlet_of[link.b.doc()]);
        let counter = |s: &mut OutletStats| match link.relation {
            Relation::Conflicts => s.conflicts += 1,
            _ => s.agreements += 1,
        };
        counter(&mut stats[oa]);
        if ob != oa {
            counter(&mut stats[ob]);
        }
        if link.relation != Relation::Conflicts && oa != ob {
            for at in [link.a, link.b] {
                corroborated[first_claim[at.doc()] + at.claim()] = true;
            }
        }
    }
    for (d, doc) in docs.iter().enumerate() {
        let claims = first_claim[d]..first_claim[d] + doc.claims.len();
        let stated_elsewhere = corroborated[claims].iter().filter(|&&c| c).count();
        stats[outlet_of[d]].unique += doc.claims.len() - stated_elsewhere;
    }
    for shared in &reconciliation.dependence.shared {
        let (oa, ob) = (outlet_of[shared.a], outlet_of[shared.b]);
        if oa == ob {
            continue;
        }
        for (me, other) in [(oa, ob), (ob, oa)] {
            *stats[me].shares.entry(names[other]).or_default() += shared.passages;
        }
    }
    (names, stats)
}

#[derive(Default)]
struct OutletStats<'a> {
    documents: usize,
    claims: usize,
    unique: usize,
    agreements: usize,
    conflicts: usize,
    shares: BTreeMap<&'a str, usize>,
}

/// The sentence a claim was read from.
fn sentence(docs: &[DocAnalysis], at: ClaimRef) -> &str {
    let doc = &docs[at.doc()];
    doc.sentence_text(doc.claims[at.claim()].sentence())
}

fn id(docs: &[DocAnalysis], at: ClaimRef) -> ClaimId<'_> {
    ClaimId(&docs[at.doc()].record.doc_id, at.claim())
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
                .entry(outlet(&docs[at.doc()]))
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

/// Where to check each claim: id, character offsets and the cited text,
/// written straight into the cell.
struct Evidence<'a>(&'a [ClaimRef], &'a [DocAnalysis]);

impl fmt::Display for Evidence<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Evidence(claims, docs) = *self;
        for (n, &at) in claims.iter().enumerate() {
            let claim = &docs[at.doc()].claims[at.claim()];
            if n > 0 {
                f.write_str(" | ")?;
            }
            write!(
                f,
                "{} [{}-{}] \"{}\"",
                id(docs, at),
                claim.start,
                claim.end,
                sentence(docs, at).trim()
            )?;
        }
        Ok(())
    }
}
