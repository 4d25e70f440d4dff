//! Sentence segmentation of kept paragraphs.
//!
//! PLACEHOLDER: one sentence per paragraph. Issue 2 replaces it.

use crate::model::{Cleaned, Sentence};

/// Sentences of the kept paragraphs, with offsets into `text`.
pub fn sentences(text: &str, cleaned: &Cleaned) -> Vec<Sentence> {
    let mut chars_before = 0;
    let mut last_byte = 0;
    let mut out = Vec::new();
    for (paragraph, p) in cleaned.paragraphs.iter().enumerate() {
        chars_before += text[last_byte..p.span.start].chars().count();
        last_byte = p.span.start;
        out.push(Sentence {
            index: out.len(),
            paragraph,
            span: p.span,
            char_start: chars_before,
            text: p.span.text(text).to_string(),
        });
    }
    out
}
