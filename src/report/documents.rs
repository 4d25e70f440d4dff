//! `documents.csv`: one row per input document, whatever became of it.

use super::ReportFile;
use super::Resolved;

/// Columns of `documents.csv`. Changing them is a breaking change.
pub const HEADER: &[&str] = &[
    "doc_id",
    "path",
    "outlet",
    "url",
    "published",
    "language",
    "status",
    "note",
    "bytes",
    "kept_chars",
    "paragraphs",
    "sentences",
];

pub(super) fn file(analysis: Resolved<'_>) -> ReportFile<'_> {
    let rows = analysis.docs.iter().map(|doc| {
        let r = &doc.record;
        vec![
            r.doc_id.clone(),
            r.path.clone(),
            r.meta.outlet.clone(),
            r.meta.url.clone(),
            r.meta.published.map(|d| d.to_string()).unwrap_or_default(),
            r.meta.language.clone(),
            r.status.as_str().to_string(),
            r.note.clone(),
            r.bytes.to_string(),
            r.kept_chars.to_string(),
            r.paragraphs.to_string(),
            r.sentences.to_string(),
        ]
    });
    ReportFile::table("documents.csv", HEADER, rows)
}
