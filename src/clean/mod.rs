//! Boilerplate removal: which parts of a document are the article body.
//!
//! PLACEHOLDER: keeps every non-blank paragraph. Issue 2 replaces it.

use crate::model::{ByteSpan, Cleaned, Document, Paragraph};

/// The article body of a document.
pub fn article(doc: &Document) -> Cleaned {
    let mut paragraphs = Vec::new();
    let mut offset = 0;
    for line in doc.text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let start = offset + (line.len() - line.trim_start().len());
            paragraphs.push(Paragraph {
                span: ByteSpan::new(start, start + trimmed.len()),
            });
        }
        offset += line.len();
    }
    Cleaned {
        paragraphs,
        language: String::new(),
        note: String::new(),
    }
}
