//! `documents.csv`: one row per input document, whatever became of it.

use super::ReportFile;
use crate::Analysis;

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

pub(super) fn file(analysis: &Analysis) -> ReportFile<'_> {
    ReportFile::table("documents.csv", HEADER, analysis.docs.iter(), |row, doc| {
        let r = &doc.record;
        row.text(&r.doc_id)
            .text(&r.path)
            .text(&r.meta.outlet)
            .text(&r.meta.url);
        match r.meta.published {
            Some(date) => row.display(date),
            None => row.empty(),
        };
        row.text(&r.meta.language)
            .word(r.status.as_str())
            .text(&r.note)
            .int(r.bytes)
            .int(r.kept_chars)
            .int(r.paragraphs)
            .int(r.sentences);
    })
}
