//! Run configuration. Defaults live here and only here; each stage receives
//! the part it needs by reference. Nothing in the library reads environment
//! variables.

use crate::model::Meta;
use std::collections::BTreeMap;

/// Everything a run can be told.
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// How inputs are read.
    pub ingest: IngestConfig,
    /// How entities are resolved.
    pub resolve: ResolveConfig,
    /// How reports are written.
    pub report: ReportConfig,
}

/// Reading inputs.
#[derive(Clone, Debug)]
pub struct IngestConfig {
    /// Manifest entries by file name (as written in `sources.csv`'s `file` column).
    pub manifest: BTreeMap<String, Meta>,
    /// Inputs larger than this many bytes are skipped with a reason (at
    /// most [`DOC_BYTES_LIMIT`], see [`IngestConfig::doc_byte_limit`]).
    pub max_doc_bytes: u64,
}

/// The largest document a run can take: offsets within a document are kept
/// in 32 bits ([`crate::model::DocIndex`]).
pub const DOC_BYTES_LIMIT: u64 = u32::MAX as u64;

impl IngestConfig {
    /// The size above which an input is skipped: `max_doc_bytes`, never more
    /// than [`DOC_BYTES_LIMIT`].
    pub fn doc_byte_limit(&self) -> u64 {
        self.max_doc_bytes.min(DOC_BYTES_LIMIT)
    }
}

impl Default for IngestConfig {
    fn default() -> IngestConfig {
        IngestConfig {
            manifest: BTreeMap::new(),
            max_doc_bytes: 64 * 1024 * 1024,
        }
    }
}

/// An analyst's decision about two entities, from `--decisions`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecisionRow {
    /// Line in the decisions file, for messages.
    pub line: u64,
    /// `true` for merge, `false` for split.
    pub merge: bool,
    /// Entity id or surface form.
    pub left: String,
    /// Entity id or surface form.
    pub right: String,
    /// The analyst's note.
    pub note: String,
}

/// Resolving entities.
#[derive(Clone, Debug, Default)]
pub struct ResolveConfig {
    /// Analyst decisions to honour.
    pub decisions: Vec<DecisionRow>,
    /// How mentions are grouped into entities.
    pub strategy: Strategy,
}

/// How mentions are grouped into entities.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Strategy {
    /// Weigh evidence for and against each merge (the product).
    #[default]
    Evidence,
    /// One entity per normalised surface string (case, diacritics,
    /// hyphens folded): the baseline the resolver is measured against.
    ExactName,
}

/// Writing reports.
#[derive(Clone, Debug, Default)]
pub struct ReportConfig {
    /// Write cells verbatim, without neutralising spreadsheet formulas.
    pub raw_csv: bool,
}
