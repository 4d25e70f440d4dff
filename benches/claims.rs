//! Claim extraction throughput (MB of sentence text per second).
//!
//! Until the generated large corpus lands, the input is the sample corpus's
//! sentences repeated with variation (digits rotated per copy, so numbers,
//! dates and quantities differ) up to about 4 MB.
//!
//! `cargo bench --bench claims`
#![allow(missing_docs)] // criterion_group! generates an undocumented function

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use crosscheck::{clean, mentions, segment, Document, Format, Mention, Meta, Sentence};
use std::path::Path;

/// Target size of the benchmark input in bytes.
const TARGET_BYTES: usize = 4 << 20;

fn sample_documents() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/seeds");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("data/seeds")
        .map(|e| e.expect("entry").path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("seed"))
        .collect()
}

fn rotate_digits(text: &str, by: u32) -> String {
    text.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_digit((d + by) % 10, 10).unwrap_or(c),
            None => c,
        })
        .collect()
}

/// One document ready for extraction: its sentences and mentions.
type Prepared = (Vec<Sentence>, Vec<Mention>);

/// Documents ready for extraction, and their sentence bytes.
fn corpus() -> (Vec<Prepared>, usize) {
    let originals = sample_documents();
    let mut docs = Vec::new();
    let mut bytes = 0;
    'fill: for copy in 0.. {
        for original in &originals {
            let text = rotate_digits(original, copy % 10);
            let doc = Document {
                doc_id: format!("bench-{copy}"),
                path: String::new(),
                format: Format::Text,
                meta: Meta::default(),
                bytes: text.len() as u64,
                text,
                notes: Vec::new(),
            };
            let sentences = segment::sentences(&doc.text, &clean::article(&doc));
            let found = mentions::find(&sentences);
            bytes += sentences.iter().map(|s| s.text.len()).sum::<usize>();
            docs.push((sentences, found));
            if bytes >= TARGET_BYTES {
                break 'fill;
            }
        }
    }
    (docs, bytes)
}

fn extraction(c: &mut Criterion) {
    let (docs, bytes) = corpus();
    let meta = Meta {
        published: chrono::NaiveDate::from_ymd_opt(2021, 2, 16),
        ..Meta::default()
    };
    let mut group = c.benchmark_group("claims");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("extract", |b| {
        b.iter(|| {
            docs.iter()
                .map(|(sentences, found)| {
                    crosscheck::claims::extract(&meta, sentences, found).len()
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, extraction);
criterion_main!(benches);
