//! Times entity resolution on a generated corpus (see
//! `benches/support/synthetic.rs`), for the scaling figures in the README.
//!
//! ```text
//! cargo build --release --example resolve_scale
//! /usr/bin/time -v target/release/examples/resolve_scale 100000
//! ```

use crosscheck::config::ResolveConfig;
use std::time::Instant;

/// The binary's allocator, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

fn main() {
    let docs: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let started = Instant::now();
    let corpus = synthetic::corpus(docs);
    let generated = started.elapsed();
    let mentions: usize = corpus.iter().map(|d| d.mentions.len()).sum();
    let started = Instant::now();
    let resolution = crosscheck::resolve::entities(&corpus, &ResolveConfig::default());
    let resolved = started.elapsed();
    println!(
        "{docs} documents, {mentions} mentions -> {} entities, {} merge rows; generated in {:.2}s, resolved in {:.2}s",
        resolution.entities.len(),
        resolution.merges.len(),
        generated.as_secs_f64(),
        resolved.as_secs_f64()
    );
}
