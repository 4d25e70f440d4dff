//! Entity resolution on generated corpora of 1k and 10k documents (see
//! `benches/support/synthetic.rs`); the 100k run is the release-mode example
//! `resolve_scale`, measured with `/usr/bin/time -v`.
#![allow(missing_docs)] // criterion's macros generate undocumented items

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use crosscheck::config::ResolveConfig;

/// The binary's allocator, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "support/synthetic.rs"]
mod synthetic;

fn resolution(c: &mut Criterion) {
    let mut group = c.benchmark_group("resolve");
    group.sample_size(10);
    for docs in [1_000, 10_000] {
        let corpus = synthetic::corpus(docs);
        group.bench_with_input(BenchmarkId::from_parameter(docs), &corpus, |b, corpus| {
            b.iter(|| crosscheck::resolve::entities(corpus, &ResolveConfig::default()))
        });
    }
    group.finish();
}

criterion_group!(benches, resolution);
criterion_main!(benches);
