//! Times a whole run, stage by stage, on a corpus generated from the sample
//! articles (see `benches/support/corpus.rs`), for the scaling figures in
//! the README.
//!
//! ```text
//! cargo build --release --example whole_run
//! /usr/bin/time -v target/release/examples/whole_run 10000
//! ```
//!
//! The corpus is generated once into `bench-data/whole-<documents>/` and
//! reused; reports go to `bench-data/whole-<documents>-out/`. The alignment
//! step (claim views and candidate pairs) is timed again on its own, after
//! the run, to show how it grows with the number of claims.

use crosscheck::{ingest, reconcile, report, resolve, Config, DocAnalysis};
use rayon::prelude::*;
use std::path::Path;
use std::time::Instant;

/// The binary's allocator, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../benches/support/corpus.rs"]
mod corpus;

/// Average generated document size, to ask the generator for about
/// the wanted number of documents.
const BYTES_PER_DOCUMENT: u64 = 5_600;

fn main() -> std::io::Result<()> {
    crosscheck::allocator::tune_mimalloc();
    let wanted: u64 = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("bench-data");
    let corpus = corpus::ensure(
        &root.join(format!("whole-{wanted}")),
        wanted * BYTES_PER_DOCUMENT,
        7,
    )?;
    let config = Config::default();
    let mut staging = report::Staging::new(&root.join(format!("whole-{wanted}-out")))?;
    let mut stages = Stages::default();
    let clock = Clock::start();
    let inputs = ingest::inputs(std::slice::from_ref(&corpus.dir))?;
    let mut docs: Vec<DocAnalysis> = inputs
        .par_iter()
        .flat_map_iter(|input| ingest::read(input, &config.ingest))
        .map(|read| match read {
            Ok(doc) => crosscheck::analyze_document(doc),
            Err(unread) => crosscheck::unread_document(unread),
        })
        .collect();
    docs.sort_by(|a, b| {
        (&a.record.doc_id, &a.record.path).cmp(&(&b.record.doc_id, &b.record.path))
    });
    stages.done("read+analyse", clock);
    let clock = Clock::start();
    let resolution = resolve::entities(&docs, &config.resolve);
    stages.done("resolve", clock);
    let claims: usize = docs.iter().map(|d| d.claims.len()).sum();
    let clock = Clock::start();
    let reconciliation = reconcile::claim_graph(&docs, &resolution);
    stages.done("reconcile", clock);
    let analysis = crosscheck::Analysis {
        docs,
        resolution,
        reconciliation,
    };
    let clock = Clock::start();
    staging.write(report::files(&analysis), &config.report)?;
    stages.done("reports", clock);
    staging.commit()?;
    let clock = Instant::now();
    let pairs = reconcile::aligned_pairs(&analysis.docs, &analysis.resolution).len();
    let aligned = clock.elapsed().as_secs_f64();
    let total: f64 = stages.0.iter().map(|(_, lap, _)| lap.wall).sum();
    let mb = corpus.bytes as f64 / 1e6;
    println!(
        "{} documents ({} files, {mb:.1} MB), {claims} claims, {} entities, {pairs} candidate pairs, {} links",
        analysis.docs.len(),
        corpus.files,
        analysis.resolution.entities.len(),
        analysis.reconciliation.links.len()
    );
    println!(
        "{}  (alignment again, alone: {aligned:.2}s)",
        stages.times()
    );
    println!(
        "total {total:.2}s: {:.0} documents/s, {:.2} MB/s",
        analysis.docs.len() as f64 / total,
        mb / total
    );
    println!("peak memory after each stage: {}", stages.peaks());
    Ok(())
}

/// Each stage's name, time and the peak memory at its end.
#[derive(Default)]
struct Stages(Vec<(&'static str, Lap, f64)>);

impl Stages {
    fn done(&mut self, stage: &'static str, clock: Clock) {
        self.0.push((stage, clock.lap(), peak_mb()));
    }

    fn times(&self) -> String {
        self.joined("  ", |(stage, lap, _)| format!("{stage} {lap}"))
    }

    fn peaks(&self) -> String {
        self.joined(", ", |(stage, _, mb)| format!("{stage} {mb:.0} MB"))
    }

    /// One piece of text per stage, joined.
    fn joined(&self, separator: &str, piece: impl Fn(&(&str, Lap, f64)) -> String) -> String {
        let pieces: Vec<String> = self.0.iter().map(piece).collect();
        pieces.join(separator)
    }
}

/// Wall-clock and CPU time (user + system, all threads) since a start.
struct Clock {
    wall: Instant,
    cpu: f64,
}

/// What a stage took: wall-clock seconds, and CPU seconds, which show how
/// well it kept both cores busy.
struct Lap {
    wall: f64,
    cpu: f64,
}

impl Clock {
    fn start() -> Clock {
        Clock {
            wall: Instant::now(),
            cpu: cpu_seconds(),
        }
    }

    fn lap(&self) -> Lap {
        Lap {
            wall: self.wall.elapsed().as_secs_f64(),
            cpu: cpu_seconds() - self.cpu,
        }
    }
}

impl std::fmt::Display for Lap {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "{:.2}s (cpu {:.1}s)", self.wall, self.cpu)
    }
}

/// CPU time of the process so far (Linux `/proc/self/stat` utime + stime,
/// in the usual 100 ticks per second; 0 elsewhere).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name, which is in parentheses.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(vec![], |(_, rest)| rest.split_whitespace().collect());
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|t| t.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15, the 12th and 13th after `)`.
    (ticks(11) + ticks(12)) / 100.0
}

/// Peak resident memory so far in MB (Linux `VmHWM`; 0 elsewhere).
fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|kb| kb.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}
