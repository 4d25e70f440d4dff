//! crosscheck reads many outlets' reports of one story and answers: who is
//! who across spellings and languages, what the outlets agree on, where they
//! contradict each other, and on what evidence.
//!
//! ```text
//! ingest ──▶ clean ──▶ segment ──▶ mentions ──▶ claims ─┐   (per document, in parallel)
//! Document   Cleaned   Sentence    Mention      Claim   │
//!                                                       ▼
//!                        resolve ──▶ reconcile ──▶ report  (across documents)
//!                        Resolution  Reconciliation  CSV, GraphML, DOT
//! ```
//!
//! Only `ingest` and `report` touch the file system. The stages in between
//! are deterministic functions of their inputs: the same documents give
//! byte-identical reports whatever the thread count or input order.

pub mod allocator;
pub mod claims;
pub mod clean;
pub mod config;
pub mod coref;
pub mod ingest;
pub mod lexicon;
pub mod mentions;
pub mod model;
pub mod reconcile;
pub mod report;
pub mod resolve;
pub mod segment;

pub use config::Config;
pub use model::*;

use rayon::prelude::*;

/// Everything known after a run: the input of the reports.
#[derive(Debug)]
pub struct Analysis {
    /// One entry per input document, sorted by `doc_id` (then path).
    pub docs: Vec<DocAnalysis>,
    /// Entities across documents.
    pub resolution: Resolution,
    /// Agreements and conflicts between claims.
    pub reconciliation: reconcile::Reconciliation,
}

/// Runs the per-document stages on one decoded document.
pub fn analyze_document(doc: Document) -> DocAnalysis {
    let cleaned = clean::article(&doc);
    let mut sentences = segment::sentences(&doc.text, &cleaned);
    let mut mentions = mentions::find(&sentences);
    let mut claims = claims::extract(&doc.meta, &sentences, &mentions);
    coref::link_participants(&sentences, &mentions, &mut claims);
    // The results live until the end of the run, for every document at
    // once: the spare capacity of growing them is the largest waste.
    sentences.shrink_to_fit();
    mentions.shrink_to_fit();
    claims.shrink_to_fit();
    let kept_chars = cleaned
        .paragraphs
        .iter()
        .map(|p| p.span.text(&doc.text).chars().count())
        .sum();
    let status = if sentences.is_empty() {
        Status::Empty
    } else {
        Status::Ok
    };
    let mut notes = doc.notes;
    if !cleaned.note.is_empty() {
        notes.push(cleaned.note.clone());
    }
    if status == Status::Empty {
        notes.push("no article text left after cleaning".to_string());
    }
    let mut meta = doc.meta;
    if meta.language.is_empty() {
        meta.language = cleaned.language.clone();
    }
    DocAnalysis {
        record: DocumentRecord {
            doc_id: doc.doc_id,
            path: doc.path,
            meta,
            status,
            note: notes.join("; "),
            bytes: doc.bytes,
            kept_chars,
            paragraphs: cleaned.paragraphs.len(),
            sentences: sentences.len(),
        },
        sentences,
        mentions,
        claims,
    }
}

/// Runs [`analyze_document`], turning a panic (a bug) into an `error` entry
/// for that document so the rest of the run goes on.
fn analyze_isolated(doc: Document) -> DocAnalysis {
    let unread = Unread {
        doc_id: doc.doc_id.clone(),
        path: doc.path.clone(),
        status: Status::Error,
        note: String::new(),
        bytes: doc.bytes,
        meta: doc.meta.clone(),
    };
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| analyze_document(doc))).unwrap_or_else(
        |panic| {
            let reason = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown cause".to_string());
            unread_document(Unread {
                note: format!("internal error while analysing (a bug; please report): {reason}"),
                ..unread
            })
        },
    )
}

/// Gives documents that share a file stem (same name in two folders) distinct
/// ids: the first by path keeps the stem, later ones get `~2`, `~3`, ...
fn disambiguate_ids(docs: &mut [DocAnalysis]) {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for doc in docs.iter_mut() {
        let count = seen.entry(doc.record.doc_id.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            doc.record.doc_id = format!("{}~{}", doc.record.doc_id, count);
        }
    }
}

/// The `documents.csv` entry of an input that could not be read.
pub fn unread_document(unread: Unread) -> DocAnalysis {
    DocAnalysis {
        record: DocumentRecord {
            doc_id: unread.doc_id,
            path: unread.path,
            meta: unread.meta,
            status: unread.status,
            note: unread.note,
            bytes: unread.bytes,
            kept_chars: 0,
            paragraphs: 0,
            sentences: 0,
        },
        sentences: Vec::new(),
        mentions: Vec::new(),
        claims: Vec::new(),
    }
}

/// Runs the per-document stages over every input in parallel, then the
/// cross-document stages. Output order does not depend on scheduling.
pub fn analyze(inputs: Vec<ingest::Input>, config: &Config) -> Analysis {
    let (docs, resolution) = resolved_documents(inputs, config, &());
    let reconciliation = reconcile::claim_graph(&docs, &resolution);
    Analysis {
        docs,
        resolution,
        reconciliation,
    }
}

/// What a run tells as it goes, for a progress display.
pub trait Progress: Sync {
    /// One input has been read and analysed (called from worker threads).
    fn input_done(&self);
    /// A stage across documents begins: its name, in words.
    fn stage(&self, name: &'static str);
}

/// No progress display.
impl Progress for () {
    fn input_done(&self) {}
    fn stage(&self, _: &'static str) {}
}

/// [`analyze`], with every report written into `out` (see
/// [`report::write_dir`]). Fails only when the reports cannot be written;
/// before any work when `out` cannot be created.
pub fn run(
    inputs: Vec<ingest::Input>,
    config: &Config,
    out: &std::path::Path,
    progress: &dyn Progress,
) -> std::io::Result<Analysis> {
    let mut staging = report::Staging::new(out)?;
    let (docs, resolution) = resolved_documents(inputs, config, progress);
    progress.stage("reconciling claims");
    let reconciliation = reconcile::claim_graph(&docs, &resolution);
    let analysis = Analysis {
        docs,
        resolution,
        reconciliation,
    };
    progress.stage("writing reports");
    staging.write(report::files(&analysis), &config.report)?;
    staging.commit()?;
    Ok(analysis)
}

/// Reads and analyses every input in parallel, then resolves entities
/// across the documents, which come out sorted by `doc_id` (then path).
pub fn resolved_documents(
    inputs: Vec<ingest::Input>,
    config: &Config,
    progress: &dyn Progress,
) -> (Vec<DocAnalysis>, Resolution) {
    let mut by_input: Vec<(usize, Vec<DocAnalysis>)> = ingest::read_ahead(inputs, |inputs| {
        inputs
            .par_bridge()
            .map(|(at, input)| {
                let docs = ingest::read(&input, &config.ingest)
                    .map(|read| match read {
                        Ok(doc) => analyze_isolated(doc),
                        Err(unread) => unread_document(unread),
                    })
                    .collect();
                progress.input_done();
                (at, docs)
            })
            .collect()
    });
    // Workers finish in any order: the inputs' order first, then the ids'.
    by_input.sort_unstable_by_key(|&(at, _)| at);
    let mut docs: Vec<DocAnalysis> = by_input.into_iter().flat_map(|(_, docs)| docs).collect();
    docs.sort_by(|a, b| {
        (&a.record.doc_id, &a.record.path).cmp(&(&b.record.doc_id, &b.record.path))
    });
    disambiguate_ids(&mut docs);
    progress.stage("resolving entities");
    let resolution = resolve::entities(&docs, &config.resolve);
    (docs, resolution)
}

/// A short account of a run for the terminal.
pub fn summary(analysis: &Analysis) -> String {
    let count = |status: Status| {
        analysis
            .docs
            .iter()
            .filter(|d| d.record.status == status)
            .count()
    };
    let claims: usize = analysis.docs.iter().map(|d| d.claims.len()).sum();
    let mentions: usize = analysis.docs.iter().map(|d| d.mentions.len()).sum();
    let reconciliation = &analysis.reconciliation;
    let mut text = format!(
        "crosscheck: {} documents ({} ok, {} empty, {} skipped, {} error); {} mentions of {} entities; {} claims\n",
        analysis.docs.len(),
        count(Status::Ok),
        count(Status::Empty),
        count(Status::Skipped),
        count(Status::Error),
        mentions,
        analysis.resolution.entities.len(),
        claims,
    );
    let discrepancies: Vec<&reconcile::Fact> =
        reconciliation.facts.iter().filter(|f| f.conflict).collect();
    text.push_str(&format!(
        "crosscheck: {} agreements and {} compatible links, {} conflicts; {} facts agreed, {} discrepancies\n",
        reconciliation.count(reconcile::Relation::Agrees),
        reconciliation.count(reconcile::Relation::Compatible),
        reconciliation.count(reconcile::Relation::Conflicts),
        reconciliation.facts.len() - discrepancies.len(),
        discrepancies.len(),
    ));
    for fact in discrepancies.iter().take(SUMMARY_DISCREPANCIES) {
        let values: Vec<String> = fact.values.iter().map(|v| v.value.clone()).collect();
        let about = [fact.subject.trim(), fact.slot.trim()];
        let about: Vec<&str> = about.into_iter().filter(|s| !s.is_empty()).collect();
        let line = format!("{}: {}", about.join(" "), values.join(" vs "));
        text.push_str(&format!("  {} {}\n", fact.id, shortened(&line)));
    }
    text
}

/// A line cut to the width of a terminal summary, marked where it is cut.
fn shortened(line: &str) -> String {
    const WIDTH: usize = 160;
    match line.char_indices().nth(WIDTH) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line.to_string(),
    }
}

/// Discrepancies listed in the terminal summary; the rest are in the report.
const SUMMARY_DISCREPANCIES: usize = 5;

#[cfg(test)]
mod tests {
    use super::shortened;

    #[test]
    fn summary_lines_are_cut_at_a_character_and_marked() {
        assert_eq!(shortened("short line"), "short line");
        let long = "é".repeat(200);
        let cut = shortened(&long);
        assert_eq!(cut.chars().count(), 161);
        assert!(cut.ends_with("é…"));
    }
}
