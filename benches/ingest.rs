//! Throughput of ingest + clean + segment over a generated corpus of 50 MB
//! (see `support/corpus.rs`), in MB/s of input files: on one thread and on
//! all cores (rayon over inputs). Wall-clock figures need an idle machine.
//!
//! `cargo bench --bench ingest` generates the corpus once into
//! `bench-data/ingest-50mb/` (gitignored) and reuses it afterwards; the same
//! folder serves for a peak-memory run of the binary:
//! `/usr/bin/time -v target/release/crosscheck run bench-data/ingest-50mb --out /tmp/out`.

// criterion_group! generates an undocumented public function.
#![allow(missing_docs)]

#[path = "support/corpus.rs"]
mod corpus;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use crosscheck::config::IngestConfig;
use crosscheck::{clean, ingest, segment};
use rayon::prelude::*;
use std::path::Path;

/// The binary's allocator, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Size of the generated corpus.
const CORPUS_BYTES: u64 = 50 * 1024 * 1024;

/// Reads, cleans and segments one input; returns its sentence count so
/// the work cannot be optimised away.
fn ingest_clean_segment(input: &ingest::Input, config: &IngestConfig) -> usize {
    ingest::read(input, config)
        .map(|read| match read {
            Ok(doc) => {
                let cleaned = clean::article(&doc);
                segment::sentences(&doc.text, &cleaned).len()
            }
            Err(_) => 0,
        })
        .sum()
}

fn bench(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench-data/ingest-50mb");
    let corpus = corpus::ensure(&dir, CORPUS_BYTES, 42).expect("generating the benchmark corpus");
    let inputs = ingest::inputs(std::slice::from_ref(&corpus.dir)).expect("listing the corpus");
    let config = IngestConfig::default();
    let mut group = c.benchmark_group("ingest");
    group.throughput(Throughput::Bytes(corpus.bytes));
    group.sample_size(10);
    group.bench_function("ingest+clean+segment 50MB, one thread", |b| {
        b.iter(|| {
            inputs
                .iter()
                .map(|input| ingest_clean_segment(input, &config))
                .sum::<usize>()
        })
    });
    group.bench_function("ingest+clean+segment 50MB, rayon", |b| {
        b.iter(|| {
            inputs
                .par_iter()
                .map(|input| ingest_clean_segment(input, &config))
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
