//! Benchmarks of the whole run and of reconciliation.
//!
//! `cargo bench --bench pipeline` measures:
//! - `whole_run`: every stage (read, clean, segment, mentions, claims,
//!   resolve, reconcile, reports rendered in memory) on a 1 MB corpus
//!   generated from the sample articles (`support/corpus.rs`, written once
//!   into `bench-data/pipeline-1mb/`), in MB/s of input;
//! - `reconcile`: `reconcile::claim_graph` on synthetic claims at two sizes,
//!   to show that alignment grows near-linearly with the number of claims:
//!   stories of a few outlets each, every outlet restating some of its
//!   story's facts (counts, dates, titles, statements) with variation, over
//!   a vocabulary that grows with the corpus as real news does.
//!
//! Larger runs (1k to 100k documents, with peak memory) are the release
//! example `whole_run`.

#![allow(missing_docs)] // criterion_group! generates an undocumented function

#[path = "support/corpus.rs"]
mod corpus;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use crosscheck::model::*;
use crosscheck::{ingest, reconcile, report, Config};
use std::path::Path;

/// The binary's allocator, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Size of the generated corpus of the whole-run benchmark.
const WHOLE_RUN_BYTES: u64 = 1024 * 1024;

/// Documents per story.
const OUTLETS_PER_STORY: usize = 6;
/// Claims per document.
const CLAIMS_PER_DOC: usize = 20;

/// A tiny deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const UNITS: &[&str] = &[
    "soldiers", "fighters", "people", "refugees", "votes", "dollars",
];
const VERBS: &[&str] = &[
    "funds", "protects", "trains", "supplies", "attacks", "meets",
];
const TITLES: &[&str] = &[
    "Interior Minister",
    "Foreign Minister",
    "Prime Minister",
    "spokesman",
    "Defence Secretary",
];

/// A corpus of `docs` documents with claims, and its resolution.
fn corpus(docs: usize) -> (Vec<DocAnalysis>, Resolution) {
    let mut rng = Rng(docs as u64);
    let mut analyses = Vec::with_capacity(docs);
    let mut resolution = Resolution::default();
    let stories = docs.div_ceil(OUTLETS_PER_STORY);
    // Entities per story: a person, two groups, a place.
    for s in 0..stories {
        for (k, t) in [
            EntityType::Person,
            EntityType::Org,
            EntityType::Org,
            EntityType::Place,
        ]
        .into_iter()
        .enumerate()
        {
            resolution.entities.push(Entity {
                id: format!("e{s}-{k}"),
                name: format!("Name{s}x{k}"),
                entity_type: t,
                variants: Vec::new(),
                mentions: Vec::new(),
                roles: Vec::new(),
                flags: Vec::new(),
            });
        }
    }
    for d in 0..docs {
        let story = d / OUTLETS_PER_STORY;
        let mut doc = DocAnalysis {
            record: DocumentRecord {
                doc_id: format!("d{d:07}"),
                path: String::new(),
                meta: Meta {
                    outlet: format!("outlet{}", rng.below(500)),
                    ..Meta::default()
                },
                status: Status::Ok,
                note: String::new(),
                bytes: 0,
                kept_chars: 0,
                paragraphs: 0,
                sentences: CLAIMS_PER_DOC,
            },
            sentences: Vec::new(),
            mentions: Vec::new(),
            claims: Vec::new(),
        };
        let mut entity_of = Vec::new();
        for c in 0..CLAIMS_PER_DOC {
            let k = rng.below(4);
            let name = format!("Name{story}x{k}");
            let mut text = sentence(&mut rng, story, &name, c);
            if c % 4 == 2 {
                // Time claims: an event word near the date.
                text = format!("The agreement was signed on that day: {text}");
            }
            let at = text.find(&name).unwrap_or(0);
            doc.mentions.push(Mention {
                sentence: doc_index(c),
                local: doc_index(at)..doc_index(at + name.len()),
                start: doc_index(at),
                end: doc_index(at + name.len()),
                role_local: 0..0,
                entity_type: resolution.entities[story * 4 + k].entity_type,
                refers_to: None,
                evidence: "".into(),
            });
            entity_of.push((story * 4 + k) as u32);
            doc.sentences.push(Sentence {
                index: c,
                paragraph: 0,
                span: ByteSpan::new(0, text.len()),
                char_start: 0,
                text: text.clone(),
            });
            doc.claims
                .push(claim(&mut rng, c, &name, doc.mentions.len() - 1, text));
        }
        resolution.entity_of.push(entity_of);
        analyses.push(doc);
    }
    (analyses, resolution)
}

fn sentence(rng: &mut Rng, story: usize, name: &str, c: usize) -> String {
    let verb = VERBS[rng.below(VERBS.len())];
    format!(
        "{name} {verb} the group{} in region{} according to officials{} who spoke on item{c}.",
        story * 3 + rng.below(3),
        story % 97,
        rng.below(50)
    )
}

fn claim(rng: &mut Rng, c: usize, name: &str, mention: usize, text: String) -> Claim {
    let arg = Some(Arg {
        text: name.into(),
        mention: Some(doc_index(mention)),
    });
    let mut claim = Claim {
        sentence: doc_index(c),
        kind: ClaimKind::Relation,
        subject: arg,
        predicate: VERBS[rng.below(VERBS.len())],
        object: Some(Arg {
            text: text.as_str().into(),
            mention: None,
        }),
        quantity: None,
        time: None,
        speaker: None,
        speaker_named: false,
        place: None,
        org: None,
        cue: "".into(),
        polarity: if rng.below(10) == 0 {
            Polarity::Negated
        } else {
            Polarity::Asserted
        },
        hedged: false,
        end: doc_index(text.chars().count()),
        start: 0,
    };
    match c % 4 {
        0 => {
            claim.kind = ClaimKind::Quantity;
            let value = (100 * (1 + rng.below(5))) as f64;
            claim.quantity = Some(Box::new(Quantity {
                low: value,
                high: value,
                kind: ValueKind::Exact,
                unit: UNITS[rng.below(UNITS.len())].into(),
            }));
        }
        1 => {
            claim.kind = ClaimKind::Role;
            claim.object = Some(Arg {
                text: TITLES[rng.below(TITLES.len())].into(),
                mention: None,
            });
        }
        2 => {
            claim.kind = ClaimKind::Time;
            let day = format!("2021-0{}-1{}", 1 + rng.below(9), rng.below(10));
            claim.time = Some(std::sync::Arc::new(TimeRef {
                start: day.clone(),
                end: day,
                granularity: Granularity::Day,
                text: String::new(),
            }));
        }
        _ => {}
    }
    claim
}

fn whole_run(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench-data/pipeline-1mb");
    let corpus = corpus::ensure(&dir, WHOLE_RUN_BYTES, 11).expect("generating the corpus");
    let inputs = ingest::inputs(std::slice::from_ref(&corpus.dir)).expect("listing the corpus");
    let config = Config::default();
    let mut group = c.benchmark_group("whole_run");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(corpus.bytes));
    group.bench_function(format!("{} documents", corpus.documents), |b| {
        b.iter(|| {
            let analysis = crosscheck::analyze(inputs.clone(), &config);
            report::files(&analysis)
                .into_iter()
                .map(|file| report::render(file.body, &config.report).map_or(0, |r| r.len()))
                .sum::<usize>()
        })
    });
    group.finish();
}

fn alignment(c: &mut Criterion) {
    let mut group = c.benchmark_group("reconcile");
    group.sample_size(10);
    for docs in [1_000, 4_000] {
        let (analyses, resolution) = corpus(docs);
        group.throughput(Throughput::Elements((docs * CLAIMS_PER_DOC) as u64));
        group.bench_with_input(
            BenchmarkId::new("claims", docs * CLAIMS_PER_DOC),
            &docs,
            |b, _| b.iter(|| reconcile::claim_graph(&analyses, &resolution)),
        );
    }
    group.finish();
}

criterion_group!(benches, whole_run, alignment);
criterion_main!(benches);
