//! Claim extraction throughput over the generated 50 MB corpus (the same
//! corpus as `benches/ingest.rs`): documents are read, cleaned, segmented
//! and their mentions found once, outside the measurement; the bench times
//! `claims::extract` alone, on one thread and on all cores (the pipeline
//! runs it per document in parallel). Throughput is in bytes of input.
//!
//! `cargo bench --bench claims`
#![allow(missing_docs)] // criterion_group! generates an undocumented function

#[path = "support/corpus.rs"]
mod corpus;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use crosscheck::config::IngestConfig;
use crosscheck::model::{Mention, Meta, Sentence};
use crosscheck::{clean, ingest, mentions, segment};
use rayon::prelude::*;
use std::path::Path;

/// The binary's allocator, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Size of the generated corpus.
const CORPUS_BYTES: u64 = 50 * 1024 * 1024;

/// One document ready for extraction.
struct Prepared {
    meta: Meta,
    sentences: Vec<Sentence>,
    mentions: Vec<Mention>,
}

fn prepared_corpus() -> (Vec<Prepared>, u64) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench-data/ingest-50mb");
    let corpus = corpus::ensure(&dir, CORPUS_BYTES, 42).expect("generating the benchmark corpus");
    let inputs = ingest::inputs(std::slice::from_ref(&corpus.dir)).expect("listing the corpus");
    let config = IngestConfig::default();
    let docs = inputs
        .par_iter()
        .flat_map_iter(|input| ingest::read(input, &config).flatten())
        .map(|doc| {
            let sentences = segment::sentences(&doc.text, &clean::article(&doc));
            let mentions = mentions::find(&sentences);
            Prepared {
                meta: doc.meta,
                sentences,
                mentions,
            }
        })
        .collect();
    (docs, corpus.bytes)
}

fn extract(doc: &Prepared) -> usize {
    crosscheck::claims::extract(&doc.meta, &doc.sentences, &doc.mentions).len()
}

fn extraction(c: &mut Criterion) {
    let (docs, bytes) = prepared_corpus();
    let mut group = c.benchmark_group("claims");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    group.bench_function("extract 50MB, one thread", |b| {
        b.iter(|| docs.iter().map(extract).sum::<usize>())
    });
    group.bench_function("extract 50MB, rayon", |b| {
        b.iter(|| docs.par_iter().map(extract).sum::<usize>())
    });
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
