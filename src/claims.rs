//! Claim extraction.
//!
//! PLACEHOLDER: finds nothing. Issue 4 replaces it.

use crate::model::{Claim, Mention, Meta, Sentence};

/// Claims in one document's sentences.
pub fn extract(_meta: &Meta, _sentences: &[Sentence], _mentions: &[Mention]) -> Vec<Claim> {
    Vec::new()
}
